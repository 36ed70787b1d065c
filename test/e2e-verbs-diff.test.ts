// kubectl diff (src/cli/diff.ts) and the unified diff it prints without running a host program
// (src/cli/unified-diff.ts): GNU diff 3.8's output for the same files, the real kubectl 1.32's
// output on the same cluster (test/golden/diff, recorded against `kubesim serve`), exit codes,
// errors, KUBECTL_EXTERNAL_DIFF and --prune.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster, ROOT } from './helpers/kubectl';
import { unifiedDiff } from '../src/cli/unified-diff';

const GOLDEN = path.join(ROOT, 'test', 'golden', 'diff');
const c = cluster();
after(() => c.cleanup());
before(() => {
  assert.equal(c.k('create', 'deployment', 'web', '--image=nginx', '--replicas=2').code, 0);
  assert.equal(c.k('create', 'configmap', 'cfg', '--from-literal=a=1').code, 0);
  assert.equal(c.k('create', 'secret', 'generic', 's1', '--from-literal=password=old', '--from-literal=gone=x').code, 0);
});

const norm = (s: string) => s
  .replace(/\/tmp\/(LIVE|MERGED)-\d+/g, '/tmp/$1-N')
  .replace(/\t2\d{3}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} [+-]\d{4}$/gm, '\tTS')
  .replace(/^(.) {2}uid: .*/gm, '$1  uid: U')
  .replace(/^(.) {2}creationTimestamp: .*/gm, '$1  creationTimestamp: T')
  .replace(/^(.) {2}resourceVersion: .*/gm, '$1  resourceVersion: RV');

const u = (a: string, b: string) => unifiedDiff({ name: 'a', text: a, mtime: 'T' }, { name: 'b', text: b, mtime: 'T' }).split('\n').slice(2).join('\n');

test('unified diff: hunks, joined and apart, as GNU diff 3.8 prints them', () => {
  const a = 'abcdefghijklmn'.split('').join('\n') + '\n';
  const b = 'aBcdefghijklMno'.split('').join('\n') + '\n';
  assert.equal(u(a, b), '@@ -1,5 +1,5 @@\n a\n-b\n+B\n c\n d\n e\n@@ -10,5 +10,6 @@\n j\n k\n l\n-m\n+M\n n\n+o\n');
  // an inserted list item lands where GNU diff puts it (after the run of equal lines)
  assert.equal(u('  - name: a\n    image: x\n  - name: b\n    image: x\n', '  - name: a\n    image: x\n  - name: c\n    image: x\n  - name: b\n    image: x\n'),
    '@@ -1,4 +1,6 @@\n   - name: a\n     image: x\n+  - name: c\n+    image: x\n   - name: b\n     image: x\n');
  assert.equal(u('x\ny\n', 'x\ny'), '@@ -1,2 +1,2 @@\n x\n-y\n+y\n\\ No newline at end of file\n');
  assert.equal(u('', 'a\nb\n'), '@@ -0,0 +1,2 @@\n+a\n+b\n');
  assert.equal(u('a\nb\n', ''), '@@ -1,2 +0,0 @@\n-a\n-b\n');
  assert.equal(unifiedDiff({ name: 'a', text: 'same\n', mtime: 'T' }, { name: 'b', text: 'same\n', mtime: 'T' }), '');
});

test('kubectl diff -f: changed, new and unchanged objects as kubectl 1.32 prints them; exit 1', () => {
  const r = c.k('diff', '-f', path.join(GOLDEN, 'd1.yaml'));
  assert.equal(r.code, 1);
  assert.equal(r.stderr, '');
  assert.equal(norm(r.stdout), fs.readFileSync(path.join(GOLDEN, 'd1.out'), 'utf8'));
  // header lines: diff's command line and the files' modification times
  assert.match(r.stdout, /^diff -u -N \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web\n--- \/tmp\/LIVE-\d+\/apps\.v1\.Deployment\.default\.web\t\d{4}-\d\d-\d\d \d\d:\d\d:\d\d\.\d{9} \+0000\n/);
  assert.equal(c.k('get', 'svc', 'newsvc').code, 1, 'a diff changes nothing');
  assert.equal(c.k('get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}').stdout, '2');
});

test('Secrets are masked; cluster-scoped objects have an empty namespace in the file name', () => {
  const r = c.k('diff', '-f', path.join(GOLDEN, 'secret-namespace.yaml'));
  assert.equal(r.code, 1);
  assert.equal(norm(r.stdout), fs.readFileSync(path.join(GOLDEN, 'secret-namespace.out'), 'utf8'));
});

test('after apply: no differences, exit 0; then one change', () => {
  assert.equal(c.k('apply', '-f', path.join(GOLDEN, 'd1.yaml')).code, 0);
  assert.deepEqual(c.k('diff', '-f', path.join(GOLDEN, 'd1.yaml')), { stdout: '', stderr: '', code: 0 });
  const f = path.join(c.home, 'd2.yaml');
  fs.writeFileSync(f, fs.readFileSync(path.join(GOLDEN, 'd1.yaml'), 'utf8').replace('replicas: 3', 'replicas: 4'));
  const r = c.k('diff', '-f', f);
  assert.equal(r.code, 1);
  assert.match(r.stdout, /\n-  generation: 2\n\+  generation: 3\n/);
  assert.match(r.stdout, /\n-  replicas: 3\n\+  replicas: 4\n/);
  assert.equal(c.k('diff', '-f', f, '--server-side').code, 1);
});

test('an applied Service and Deployment: removed fields, list items merged by key, a new container', () => {
  const c2 = cluster();
  try {
    assert.equal(c2.k('apply', '-f', path.join(GOLDEN, 'applied-before.yaml')).code, 0);
    const r = c2.k('diff', '-f', path.join(GOLDEN, 'applied-after.yaml'));
    assert.equal(r.code, 1);
    assert.equal(norm(r.stdout), fs.readFileSync(path.join(GOLDEN, 'applied.out'), 'utf8'));
  } finally { c2.cleanup(); }
});

test('--prune shows what would be deleted, the absent MERGED file dated at the epoch', () => {
  const f = path.join(c.home, 'only.yaml');
  fs.writeFileSync(f, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: only, labels: {app: web}}\ndata: {k: v}\n');
  const r = c.k('diff', '-f', f, '--prune', '-l', 'app=web');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^W\d{4} [\d:.]+ +\d+ prune\.go:71\] Deprecated: kubectl apply will no longer prune non-namespaced resources/);
  assert.match(r.stdout, /\n\+\+\+ \/tmp\/MERGED-\d+\/apps\.v1\.Deployment\.default\.web\t1970-01-01 00:00:00\.000000000 \+0000\n@@ -1,\d+ \+0,0 @@\n-apiVersion: apps\/v1\n/);
  // the selector filters the files' objects too: nothing left to compare
  assert.deepEqual(c.k('diff', '-f', f, '--prune', '-l', 'app=none', '--prune-allowlist=core/v1/ConfigMap'), { stdout: '', stderr: '', code: 0 });
});

test('errors exit above 1', () => {
  assert.deepEqual(c.k('diff'), { stdout: '', stderr: 'error: must specify one of -f and -k\n', code: 2 });
  assert.deepEqual(c.k('diff', '-f', 'x.yaml', 'extra'), { stdout: '', stderr: "error: Unexpected args: [extra]\nSee 'kubectl diff -h' for help and examples\n", code: 2 });
  assert.equal(c.k('diff', '-f', 'x.yaml', '--force-conflicts').stderr, 'error: --force-conflicts only works with --server-side\n');
  assert.deepEqual(c.k('diff', '-f', 'nope.yaml'), { stdout: '', stderr: 'error: the path "nope.yaml" does not exist\n', code: 2 });
  assert.deepEqual(c.k('diff', '-f', 'x.yaml', '--bogus'), { stdout: '', stderr: "error: unknown flag: --bogus\nSee 'kubectl diff -h' for help and examples\n", code: 2 });
  const f = path.join(c.home, 'ns.yaml');
  fs.writeFileSync(f, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: x}\n');
  assert.deepEqual(c.k('diff', '-f', f, '-n', 'other'), { stdout: '', stderr: 'Error from server (NotFound): namespaces "other" not found\n', code: 2 });
});

test('KUBECTL_EXTERNAL_DIFF: diff\'s own unified flags are honoured, other programs refused', () => {
  const f = path.join(c.home, 'cfg.yaml');
  fs.writeFileSync(f, 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg}\ndata: {a: "9"}\n');
  const one = c.sh(`KUBECTL_EXTERNAL_DIFF="diff -U1" kubectl diff -f ${f}`);
  assert.equal(one.code, 1);
  assert.match(one.stdout, /^diff -U1 \/tmp\/LIVE-\d+\/v1\.ConfigMap\.default\.cfg /);
  assert.match(one.stdout, /\n@@ -2,4 \+2,3 @@\n data:\n-  a: "2"\n-  b: new\n\+  a: "9"\n kind: ConfigMap\n$/);
  const refused = c.sh(`KUBECTL_EXTERNAL_DIFF="colordiff -N -u" kubectl diff -f ${f}`);
  assert.equal(refused.code, 2);
  assert.equal(refused.stdout, '');
  assert.match(refused.stderr, /^error: KUBECTL_EXTERNAL_DIFF="colordiff -N -u": kubesim runs no program of this machine/);
});
