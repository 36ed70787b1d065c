// The Priority admission plugin (plugin/pkg/admission/priority) and kind's system
// PriorityClasses: a named class must exist and gives the pod its priority; without a name the
// globalDefault class applies; a priority in the spec that differs is refused.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cluster } from './helpers/kubectl';

const c = cluster();
after(() => c.cleanup());

test('kind has system-cluster-critical and system-node-critical', () => {
  assert.match(c.k('get', 'pc').stdout, /^NAME +VALUE +GLOBAL-DEFAULT +AGE +PREEMPTIONPOLICY\nsystem-cluster-critical +2000000000 +false +\S+ +PreemptLowerPriority\nsystem-node-critical +2000001000 +false +\S+ +PreemptLowerPriority\n$/);
  assert.equal(c.k('get', 'pods', '-n', 'kube-system', '-l', 'k8s-app=kube-dns', '-o', 'jsonpath={.items[0].spec.priorityClassName} {.items[0].spec.priority}').stdout, 'system-cluster-critical 2000000000');
});

test('an unknown class is refused; a known one sets priority and preemptionPolicy', () => {
  const bad = c.k('run', 'p', '--image=nginx', '--overrides={"spec":{"priorityClassName":"nope"}}');
  assert.deepEqual([bad.code, bad.stderr], [1, 'Error from server (Forbidden): pods "p" is forbidden: no PriorityClass with name nope was found\n']);
  assert.equal(c.k('get', 'pod', 'p', '--ignore-not-found').stdout, '');
  assert.equal(c.k('create', 'priorityclass', 'low', '--value=10', '--preemption-policy=Never').code, 0);
  assert.equal(c.k('run', 'q', '--image=nginx', '--overrides={"spec":{"priorityClassName":"low"}}').code, 0);
  assert.equal(c.k('get', 'pod', 'q', '-o', 'jsonpath={.spec.priority} {.spec.preemptionPolicy}').stdout, '10 Never');
  const wrong = c.k('run', 'w', '--image=nginx', '--overrides={"spec":{"priorityClassName":"low","priority":5}}');
  assert.equal(wrong.stderr, 'Error from server (Forbidden): pods "w" is forbidden: the integer value of priority (5) must not be provided in pod spec; priority admission controller computed 10 from the given PriorityClass name\n');
});

test('a globalDefault class applies to pods that name none; a ReplicaSet that names a missing class records FailedCreate', () => {
  assert.equal(c.k('create', 'priorityclass', 'normal', '--value=100', '--global-default').code, 0);
  assert.equal(c.k('run', 'd', '--image=nginx').code, 0);
  assert.equal(c.k('get', 'pod', 'd', '-o', 'jsonpath={.spec.priorityClassName} {.spec.priority}').stdout, 'normal 100');
  assert.equal(c.k('create', 'deployment', 'web', '--image=nginx').code, 0);
  assert.equal(c.k('patch', 'deployment', 'web', '-p', '{"spec":{"template":{"spec":{"priorityClassName":"gone"}}}}').code, 0);
  assert.match(c.k('get', 'events', '--field-selector', 'reason=FailedCreate').stdout, /Error creating: pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: no PriorityClass with name gone was found/);
});
