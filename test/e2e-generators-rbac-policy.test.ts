// kubectl create role|clusterrole|rolebinding|clusterrolebinding|quota|priorityclass|
// poddisruptionbudget and kubectl taint: client-side dry runs and their errors as the real kubectl 1.32 prints them
// (goldens recorded through the oracle by scripts/record-generators.mjs), then the objects
// created in the cluster.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster } from './helpers/kubectl';

const ROOT = path.join(__dirname, '..', '..');
const c = cluster();
after(() => c.cleanup());
// the nodes the taint goldens were recorded over (scripts/record-generators.mjs)
assert.equal(c.k('taint', 'nodes', 'kind-worker', 'dedicated=special:NoSchedule').stdout, 'node/kind-worker tainted\n');

interface Case { args: string[]; stdout: string; stderr: string; exit: number }
const cases: Case[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'golden', 'generators', 'cases.json'), 'utf8'));
const klog = (s: string) => s.replace(/^E\d{4} [\d:.]+ +\d+ /gm, 'E0000 00:00:00.000000       0 ');

for (const tc of cases) {
  test(`kubectl ${tc.args.join(' ')}`, () => {
    const r = c.k(...tc.args);
    assert.deepEqual({ stdout: r.stdout, stderr: klog(r.stderr), exit: r.code }, { stdout: tc.stdout, stderr: tc.stderr, exit: tc.exit });
  });
}

test('created in the cluster: names as the API server prints them, listed by get, refused twice', () => {
  const lines = [
    [['create', 'role', 'pod-reader', '--verb=get', '--resource=pods'], 'role.rbac.authorization.k8s.io/pod-reader created\n'],
    [['create', 'rolebinding', 'rb', '--role=pod-reader', '--user=bob'], 'rolebinding.rbac.authorization.k8s.io/rb created\n'],
    [['create', 'clusterrole', 'cr', '--verb=get', '--resource=nodes'], 'clusterrole.rbac.authorization.k8s.io/cr created\n'],
    [['create', 'clusterrolebinding', 'crb', '--clusterrole=cr', '--group=g'], 'clusterrolebinding.rbac.authorization.k8s.io/crb created\n'],
    [['create', 'quota', 'q', '--hard=pods=3'], 'resourcequota/q created\n'],
    [['create', 'pc', 'high', '--value=1000'], 'priorityclass.scheduling.k8s.io/high created\n'],
    [['create', 'pdb', 'p', '--selector=app=web', '--min-available=1'], 'poddisruptionbudget.policy/p created\n'],
  ] as const;
  for (const [args, line] of lines) assert.deepEqual([c.k(...args).stdout, c.k('get', args[1] === 'pc' ? 'priorityclass' : args[1], args[2], '-o', 'name').code], [line, 0]);
  assert.equal(c.k('get', 'rolebinding', 'rb', '-o', 'jsonpath={.roleRef.kind}/{.roleRef.name} {.subjects[0].name}').stdout, 'Role/pod-reader bob');
  const r = c.k('create', 'role', 'pod-reader', '--verb=get', '--resource=pods');
  assert.deepEqual([r.code, r.stderr], [1, 'Error from server (AlreadyExists): roles.rbac.authorization.k8s.io "pod-reader" already exists\n']);
  const rb = c.k('create', 'rolebinding', 'rb', '--role=x');
  assert.deepEqual([rb.code, rb.stderr], [1, 'error: failed to create rolebinding: rolebindings.rbac.authorization.k8s.io "rb" already exists\n']);
});

test('kubectl taint changes the node: tainted, untainted, modified; the scheduler honours it', () => {
  assert.equal(c.k('taint', 'nodes', 'kind-worker2', 'only=me:NoSchedule').stdout, 'node/kind-worker2 tainted\n');
  assert.equal(c.k('get', 'node', 'kind-worker2', '-o', 'jsonpath={.spec.taints}').stdout, '[{"effect":"NoSchedule","key":"only","value":"me"}]');
  assert.equal(c.k('taint', 'nodes', 'kind-worker2', 'only=you:NoSchedule', '--overwrite').stdout, 'node/kind-worker2 modified\n');
  assert.equal(c.k('run', 'p', '--image=nginx').code, 0);
  assert.equal(c.k('get', 'pod', 'p', '-o', 'jsonpath={.spec.nodeName}').stdout, '', 'no node tolerates its taints');
  assert.equal(c.k('taint', 'nodes', 'kind-worker2', 'only-').stdout, 'node/kind-worker2 untainted\n');
  assert.equal(c.k('get', 'node', 'kind-worker2', '-o', 'jsonpath={.spec.taints}').stdout, '');
  assert.equal(c.k('get', 'pod', 'p', '-o', 'jsonpath={.spec.nodeName}').stdout, 'kind-worker2');
  const r = c.k('taint', 'nodes', 'kind-worker2', 'only-');
  assert.deepEqual([r.code, r.stderr], [1, 'error: taint "only" not found\n']);
});
