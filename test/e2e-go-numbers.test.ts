// Numbers keep their Go typing from the file to the output (src/api/gonumber.ts): int64 beyond
// 2^53 exact, a float64 with an integral value printed as Go prints a float64 (1e+06 in jsonpath
// text, 1000000 in -o json), in objects read from files and in objects stored by the server.
// Goldens: the real kubectl 1.32 through the oracle (scripts/go-numbers-goldens.mjs).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster, Cluster, ROOT } from './helpers/kubectl';
import { parseJsonGo, parseStoredJson, stringifyJson, cloneJson, GoFloat, secondsToMs } from '../src/api/gonumber';
import { parseYaml } from '../src/api/goyaml';

const DIR = path.join(ROOT, 'test', 'golden', 'go-numbers');
interface Case { args: string[]; files?: string[]; stdout: string; stderr: string; exit: number }
const cases: Case[] = JSON.parse(fs.readFileSync(path.join(DIR, 'cases.json'), 'utf8'));

let c: Cluster;
before(() => { c = cluster({ KUBESIM_POD_STARTUP: '0' }); });
after(() => c.cleanup());

test('parseJsonGo types numbers as Go: int64 exact, integral float64s kept, beyond int64 float', () => {
  const v = parseJsonGo('{"a":123456789012345678,"b":1000000.0,"c":1.5,"d":12345678901234567890,"e":-0.0,"f":[9007199254740993,-9223372036854775808],"s":"123456789012345678"}');
  assert.equal(v.a, 123456789012345678n);
  assert.ok(v.b instanceof GoFloat && v.b.f === 1e6);
  assert.equal(v.c, 1.5);
  assert.ok(v.d instanceof GoFloat && v.d.f === 12345678901234567890);
  assert.ok(v.e instanceof GoFloat && Object.is(v.e.f, -0));
  assert.deepEqual(v.f, [9007199254740993n, -9223372036854775808n]);
  assert.equal(v.s, '123456789012345678');
  // arithmetic on a float keeps working
  assert.equal(v.b + 1, 1000001);
  // plain JSON.parse where nothing needs more
  assert.deepEqual(parseJsonGo('{"a":[1,2,{"b":"x"}]}'), { a: [1, 2, { b: 'x' }] });
});

test('stored JSON round-trips int64 exactly, and JSON.stringify of a bigint never throws', () => {
  const o = { spec: { grace: 123456789012345678n, user: -9223372036854775808n, n: 5, s: 'x' } };
  const s = stringifyJson(o);
  assert.equal(s, '{"spec":{"grace":123456789012345678,"user":-9223372036854775808,"n":5,"s":"x"}}');
  assert.deepEqual(parseStoredJson(s), o);
  assert.deepEqual(cloneJson(o), o);
  assert.doesNotThrow(() => JSON.stringify(o));
  // integral floats go over the wire as Go's json.Marshal writes them
  assert.equal(stringifyJson({ b: new GoFloat(1e6) }), '{"b":1000000}');
  // deep nesting parses without recursion
  const deep = '['.repeat(5000) + '12345678901234567' + ']'.repeat(5000);
  let d: any = parseStoredJson(deep);
  for (let i = 0; i < 5000; i++) d = d[0];
  assert.equal(d, 12345678901234567n);
});

test('YAML integers beyond 2^53 are exact int64s (go-yaml resolves them with ParseInt)', () => {
  const v = parseYaml('a: 123456789012345678\nb: 0x7fffffffffffffff\nc: 12345678901234567890\nd: 1000000.0\ne: -0\nf: 017\n') as any;
  assert.equal(v.a, 123456789012345678n);
  assert.equal(v.b, 9223372036854775807n);
  assert.equal(v.c, 12345678901234567890); // beyond int64: a float64 as kubectl ends up with
  assert.equal(v.d, 1000000);
  assert.equal(v.e, 0);
  assert.equal(v.f, 15);
});

test('a grace period beyond 2^53 is a Go duration (wraps as int64 nanoseconds), not a JavaScript error', () => {
  assert.equal(secondsToMs(30), 30000);
  assert.equal(secondsToMs(123456789012345678n), Number(BigInt.asIntN(64, 123456789012345678n * 1000000000n) / 1000000n));
});

for (const tc of cases) {
  test(`kubectl ${tc.args.join(' ')}`, () => {
    for (const f of tc.files ?? []) fs.copyFileSync(path.join(DIR, f), path.join(c.home, f));
    const args = tc.args;
    if (args[0] === 'get') {
      // the server's copies of big-pod.yaml and big-cronjob.yaml
      for (const [kind, name, f] of [['pod', 'big', 'big-pod.yaml'], ['cronjob', 'yearly', 'big-cronjob.yaml']]) {
        if (c.k('get', kind, name, '-o', 'name').code === 0) continue;
        fs.copyFileSync(path.join(DIR, f), path.join(c.home, f));
        const r = c.k('apply', '-f', f);
        assert.equal(r.code, 0, r.stderr);
      }
    }
    const r = c.k(...args);
    assert.deepEqual({ stdout: r.stdout, stderr: r.stderr, exit: r.code }, { stdout: tc.stdout, stderr: tc.stderr, exit: tc.exit });
  });
}

test('big int64 fields survive apply (last-applied, three-way merge), patch and delete', () => {
  fs.copyFileSync(path.join(DIR, 'big-pod.yaml'), path.join(c.home, 'big-pod.yaml'));
  c.k('apply', '-f', 'big-pod.yaml');
  const la = c.k('get', 'pod', 'big', '-o', 'jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}');
  assert.match(la.stdout, /"terminationGracePeriodSeconds":123456789012345678[,}]/);
  assert.doesNotMatch(la.stdout, /\ufffe/);
  assert.equal(c.k('create', 'deployment', 'web', '--image=nginx').code, 0);
  const p = c.k('patch', 'deployment', 'web', '-p', '{"spec":{"template":{"spec":{"terminationGracePeriodSeconds":123456789012345679}}}}');
  assert.equal(p.code, 0, p.stderr);
  assert.equal(c.k('get', 'deployment', 'web', '-o', 'jsonpath={.spec.template.spec.terminationGracePeriodSeconds}').stdout, '123456789012345679');
  // a YAML patch too
  const y = c.k('patch', 'deployment', 'web', '--type=merge', '-p', 'spec: {template: {spec: {terminationGracePeriodSeconds: 123456789012345677}}}');
  assert.equal(y.code, 0, y.stderr);
  assert.equal(c.k('get', 'deployment', 'web', '-o', 'jsonpath={.spec.template.spec.terminationGracePeriodSeconds}').stdout, '123456789012345677');
  assert.equal(c.k('get', 'pod', 'big', '-o', 'jsonpath={.spec.terminationGracePeriodSeconds} {.spec.securityContext.runAsUser}').stdout, '123456789012345678 2147483647');
  assert.match(c.k('get', 'pod', 'big', '-o', 'yaml').stdout, /terminationGracePeriodSeconds: 123456789012345678\n/);
  const d = c.k('delete', 'pod', 'big', '--wait=false');
  assert.equal(d.code, 0, d.stderr);
  assert.equal(d.stdout, 'pod "big" deleted\n');
});

test('validation names a value beyond 2^53 exactly (ValidatePodSpec ranges)', () => {
  const pod = (spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: v}\nspec:\n  ${spec}\n  containers: [{name: c, image: nginx}]\n`;
  fs.writeFileSync(path.join(c.home, 'v1.yaml'), pod('activeDeadlineSeconds: -123456789012345678'));
  let r = c.k('create', '-f', 'v1.yaml');
  assert.equal(r.stderr, 'The Pod "v" is invalid: spec.activeDeadlineSeconds: Invalid value: -123456789012345678: must be between 1 and 2147483647, inclusive\n');
  assert.equal(r.code, 1);
  fs.writeFileSync(path.join(c.home, 'v2.yaml'), pod('securityContext: {runAsUser: 9223372036854775807}'));
  r = c.k('create', '-f', 'v2.yaml');
  assert.equal(r.stderr, 'The Pod "v" is invalid: spec.securityContext.runAsUser: Invalid value: 9223372036854775807: must be between 0 and 2147483647, inclusive\n');
  // beyond int64: the decoder refuses it, naming the number as the client's json.Marshal wrote it
  fs.writeFileSync(path.join(c.home, 'v3.yaml'), pod('terminationGracePeriodSeconds: 1e19'));
  r = c.k('create', '-f', 'v3.yaml');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /cannot unmarshal number 10000000000000000000 into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64/);
  assert.equal(c.k('get', 'pod', 'v', '-o', 'name').code, 1);
});

test('int64 fields take exactly the int64 range: 2^63 and beyond are refused, as the float64 text the client sends', () => {
  const pod = (l: string) => `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"g"},"spec":{"terminationGracePeriodSeconds":${l},"containers":[{"name":"c","image":"nginx"}]}}`;
  const cases: [string, string | undefined][] = [
    ['9223372036854775807', undefined], ['-9223372036854775808', undefined],
    ['9223372036854775808', '9223372036854776000'], ['-9223372036854775809', '-9223372036854776000'],
  ];
  for (const [l, refused] of cases) {
    fs.writeFileSync(path.join(c.home, 'g.json'), pod(l));
    const r = c.k('create', '--dry-run=server', '-f', 'g.json');
    if (!refused) assert.equal(r.stdout, 'pod/g created (server dry run)\n', l);
    else assert.equal(r.stderr, `Error from server (BadRequest): error when creating "g.json": Pod in version "v1" cannot be handled as a Pod: json: cannot unmarshal number ${refused} into Go struct field PodSpec.spec.terminationGracePeriodSeconds of type int64\n`, l);
  }
});
