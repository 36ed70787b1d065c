// kubectl get/describe: which error wins when flags and arguments disagree (names next to a
// selector, --show-labels with a non-table -o, an unknown -o after the fetch's errors), and -o
// formats taken in any case. Goldens recorded with the real kubectl through the oracle
// (test/golden/get-errors/cases.json) against the same two pods.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runKubectl } from './helpers/run-kubectl';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-get-errors-'));
const k = (...args: string[]) => runKubectl(args, { home });
before(() => {
  assert.equal(k('run', 'big', '--image=nginx').code, 0);
  assert.equal(k('run', 'small', '--image=nginx', '-l', 'app=web').code, 0);
});
after(() => fs.rmSync(home, { recursive: true, force: true }));

interface Case { args: string[]; stdout: string; stderr: string; code: number }
const cases: Case[] = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'test', 'golden', 'get-errors', 'cases.json'), 'utf8'));
for (const c of cases) {
  test(`kubectl ${c.args.join(' ')}`, () => {
    const r = k(...c.args);
    assert.deepEqual({ stdout: r.stdout, stderr: r.stderr, code: r.code }, { stdout: c.stdout, stderr: c.stderr, code: c.code });
  });
}

test('-o JSON, -o Yaml and -o NAME are json, yaml and name', () => {
  assert.equal(k('get', 'pod', 'big', '-o', 'JSON').stdout, k('get', 'pod', 'big', '-o', 'json').stdout);
  assert.equal(k('get', 'pods', '-o', 'Yaml').stdout, k('get', 'pods', '-o', 'yaml').stdout);
  const name = k('get', 'pods', '-o', 'Name');
  assert.deepEqual([name.code, name.stdout], [0, 'pod/big\npod/small\n']);
});

// The server refuses a selector; kubectl's EnhanceListError says what was asked for (the
// selectors trimmed, as the builder sends them). Texts from apimachinery labels/fields and
// cli-runtime's EnhanceListError (the oracle's stand-in server does not validate selectors).
test('a selector the server refuses: Unable to find "<group>/<version>, Resource=<plural>" ...', () => {
  const bad = (...args: string[]) => { const r = k(...args); return [r.code, r.stdout, r.stderr]; };
  assert.deepEqual(bad('get', 'pods', '-l', 'bad selector'), [1, '', `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "bad selector", field selector "": unable to parse requirement: found 'selector', expected: in, notin, =, ==, !=, gt, lt\n`]);
  assert.deepEqual(bad('get', 'pods', '--field-selector', ' status.phase '), [1, '', `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "", field selector "status.phase": invalid selector: 'status.phase'; can't understand 'status.phase'\n`]);
  assert.deepEqual(bad('get', 'deploy', '-l', 'app=web', '--field-selector', 'spec.replicas=1'), [1, '', `Error from server (BadRequest): Unable to find "apps/v1, Resource=deployments" that match label selector "app=web", field selector "spec.replicas=1": field label not supported: spec.replicas\n`]);
  assert.deepEqual(bad('get', 'endpoints', '--field-selector', 'x=1,a=2'), [1, '', `Error from server (BadRequest): Unable to find "/v1, Resource=endpoints" that match label selector "", field selector "x=1,a=2": field label not supported: a\n`]);
  assert.deepEqual(bad('describe', 'pods', '-l', 'app:web'), [1, '', `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "app:web", field selector "": unable to parse requirement: <nil>: Invalid value: "app:web": name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')\n`]);
  assert.deepEqual(bad('get', 'pods', '-w', '-l', 'a in (b'), [1, '', `Error from server (BadRequest): Unable to find "/v1, Resource=pods" that match label selector "a in (b", field selector "": unable to parse requirement: found '', expected: ',' or ')'\n`]);
  const ok = k('get', 'pods', '-l', ' app=web ', '-o', 'name');
  assert.deepEqual([ok.code, ok.stdout], [0, 'pod/small\n']);
});

test('delete refuses names next to a selector, as kubectl 1.32 does (recorded with the oracle)', () => {
  const named = 'error: name cannot be provided when a selector is specified\n';
  const pairs = 'error: selectors and the all flag cannot be used when passing resource/name arguments\n';
  for (const [args, stderr] of [
    [['delete', 'pod', 'small', '-l', 'app=web'], named],
    [['delete', 'pod', 'big', '--field-selector=metadata.name=big'], named],
    [['delete', 'pods/small', '-l', 'app=web'], pairs],
    [['delete', 'pod,svc', 'small', '-l', 'app=web'], pairs],
  ] as [string[], string][]) {
    const r = k(...args);
    assert.deepEqual([r.stdout, r.stderr, r.code], ['', stderr, 1], args.join(' '));
  }
  assert.equal(k('get', 'pod', 'small', '-o', 'name').stdout, 'pod/small\n', 'nothing was deleted');
});
