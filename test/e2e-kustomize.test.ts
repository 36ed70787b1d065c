// kubectl kustomize DIR and -k DIR on the manifest verbs: the build compared byte for byte with
// the real kubectl 1.32's (goldens recorded by test/fixtures/kustomize/record.sh), and -k
// applying, reading and deleting what the kustomization builds.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runKubectl, normalizeKlog } from './helpers/run-kubectl';
import { cluster } from './helpers/kubectl';

const fixtures = path.join(__dirname, '..', '..', 'test', 'fixtures', 'kustomize');
const cases = path.join(fixtures, 'cases');
const goldens = path.join(fixtures, 'goldens');
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-kustomize-'));
after(() => fs.rmSync(home, { recursive: true, force: true }));

const names = fs.readdirSync(goldens).filter((f) => f.endsWith('.code')).map((f) => f.slice(0, -5)).sort();
test('there are kustomize goldens', () => { assert.ok(names.length >= 15, `${names.length} goldens`); });

for (const name of names) {
  test(`kubectl kustomize ${name}`, () => {
    const r = runKubectl(['kustomize', name], { home, cwd: cases });
    const norm = (s: string) => s.split(cases).join('@DIR@');
    assert.equal(norm(r.stdout), fs.readFileSync(path.join(goldens, `${name}.out`), 'utf8'), 'stdout');
    assert.equal(normalizeKlog(norm(r.stderr)), normalizeKlog(fs.readFileSync(path.join(goldens, `${name}.err`), 'utf8')), 'stderr');
    assert.equal(r.code, Number(fs.readFileSync(path.join(goldens, `${name}.code`), 'utf8')), 'exit code');
  });
}

test('kubectl kustomize: usage errors as kubectl words them', () => {
  const two = runKubectl(['kustomize', 'basic', 'base'], { home, cwd: cases });
  assert.equal(two.stderr, 'error: specify one path to kustomization.yaml\n');
  assert.equal(two.code, 1);
  const missing = runKubectl(['kustomize', 'nope'], { home, cwd: cases });
  assert.equal(missing.stderr, `error: must build at directory: not a valid directory: evalsymlink failure on 'nope' : lstat ${cases}/nope: no such file or directory\n`);
  const none = runKubectl(['kustomize'], { home, cwd: path.join(cases, 'no-kustomization') });
  assert.equal(none.stderr, `error: unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${cases}/no-kustomization'\n`);
  assert.equal(none.code, 1);
});

test('-k on apply, get, describe, create, replace and delete', () => {
  const c = cluster();
  try {
    const dir = path.join(cases, 'overlay');
    const a = c.k('apply', '-k', dir);
    assert.equal(a.code, 0, a.stderr);
    assert.equal(a.stdout, [
      'namespace/prod created', 'serviceaccount/prod-runner created', 'role.rbac.authorization.k8s.io/prod-reader created',
      'rolebinding.rbac.authorization.k8s.io/prod-read-pods created', 'configmap/prod-app-config-g497tc5kh4 created',
      'secret/prod-creds-gmb26825gh created', 'service/prod-db created', 'statefulset.apps/prod-db created', 'job.batch/prod-migrate created',
      'ingress.networking.k8s.io/prod-web created', '',
    ].join('\n'));
    const again = c.k('apply', '-k', dir);
    assert.match(again.stdout, /^configmap\/prod-app-config-g497tc5kh4 unchanged$/m);
    const names = c.k('get', '-k', dir, '-o', 'name');
    assert.equal(names.code, 0, names.stderr);
    assert.match(names.stdout, /^statefulset\.apps\/prod-db$/m);
    const sts = JSON.parse(c.k('get', 'statefulset', 'prod-db', '-n', 'prod', '-o', 'json').stdout);
    assert.equal(sts.spec.replicas, 2);
    assert.equal(sts.spec.template.spec.containers[0].image, 'postgres:16');
    assert.equal(sts.spec.template.spec.volumes[0].configMap.name, 'prod-app-config-g497tc5kh4');
    const d = c.k('describe', '-k', dir);
    assert.equal(d.code, 0, d.stderr);
    assert.match(d.stdout, /^Name:\s+prod-creds-gmb26825gh$/m);
    const both = c.k('get', '-k', dir, '-f', dir);
    assert.equal(both.stderr, 'error: only one of -f or -k can be specified\n');
    assert.equal(both.code, 1);
    const rec = c.k('get', '-k', dir, '-R');
    assert.equal(rec.stderr, "error: the -k flag can't be used with -f or -R\n");
    const created = c.k('create', '-k', path.join(cases, 'hash-only'), '--dry-run=client', '-o', 'name');
    assert.equal(created.stdout, 'configmap/cfg-6b56fdfggc\n');
    const repl = c.k('replace', '-k', path.join(cases, 'hash-only'));
    assert.equal(repl.code, 1);
    assert.equal(repl.stderr, `Error from server (NotFound): error when replacing "${path.join(cases, 'hash-only')}": configmaps "cfg-6b56fdfggc" not found\n`);
    const del = c.k('delete', '-k', dir);
    assert.equal(del.code, 0, del.stderr);
    assert.match(del.stdout, /^configmap "prod-app-config-g497tc5kh4" deleted$/m);
    assert.match(del.stdout, /^namespace "prod" deleted$/m);
    const bad = c.k('apply', '-k', path.join(cases, 'err-lit'));
    assert.equal(bad.stderr, 'error: loading KV pairs: literal sources [novalue]: invalid literal source novalue, expected key=value\n');
    assert.equal(bad.code, 1);
  } finally { c.cleanup(); }
});

test('kubectl kustomize --reorder: deprecated, none keeps the order resources were read in', () => {
  const r = runKubectl(['kustomize', 'basic', '--reorder=none'], { home, cwd: cases });
  assert.equal(r.code, 0);
  assert.ok(r.stderr.startsWith("Flag --reorder has been deprecated, use the new 'sortOptions' field in kustomization.yaml instead.\n"), r.stderr);
  assert.deepEqual([...r.stdout.matchAll(/^kind: (\w+)$/gm)].map((m) => m[1]), ['Deployment', 'Service', 'ConfigMap', 'Secret']);
  const bad = runKubectl(['kustomize', 'basic', '--reorder=x'], { home, cwd: cases });
  assert.match(bad.stderr, /^error: illegal flag value --reorder x; legal values: \[legacy none\]\n$/m);
  assert.equal(bad.code, 1);
});
