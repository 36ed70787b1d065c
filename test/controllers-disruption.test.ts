import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, deployment } from './helpers/cluster';
import { ApiError, KObject } from '../src/api/types';
import { evictPod } from '../src/api/eviction';

const pdb = (name: string, spec: any): KObject => ({ apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: { name, namespace: 'default' }, spec });

function refused(fn: () => unknown): ApiError {
  try { fn(); } catch (e) { if (e instanceof ApiError) return e; throw e; }
  assert.fail('expected the API server to refuse');
}

test('the disruption controller fills a budget\'s status and its DisruptionAllowed condition', () => {
  const c = testCluster({ startupSeconds: 2 });
  try {
    c.write((api) => api.create(deployment('web', 'nginx', 3)));
    c.advance(3000);
    c.write((api) => api.create(pdb('web', { minAvailable: 2, selector: { matchLabels: { app: 'web' } } })));
    let b = c.api.get('PodDisruptionBudget', 'default', 'web')!;
    assert.deepEqual(Object.keys(b.status), ['observedGeneration', 'disruptionsAllowed', 'currentHealthy', 'desiredHealthy', 'expectedPods', 'conditions']);
    assert.equal(b.status.observedGeneration, 1);
    assert.equal(b.status.currentHealthy, 3);
    assert.equal(b.status.desiredHealthy, 2);
    assert.equal(b.status.expectedPods, 3);
    assert.equal(b.status.disruptionsAllowed, 1);
    assert.deepEqual({ ...b.status.conditions[0], lastTransitionTime: undefined },
      { type: 'DisruptionAllowed', status: 'True', observedGeneration: 1, lastTransitionTime: undefined, reason: 'SufficientPods', message: '' });
    // a pod going away: fewer healthy, no disruption allowed
    const victim = c.api.list('Pod', 'default')[0];
    c.write((api) => api.delete('Pod', 'default', victim.metadata.name));
    b = c.api.get('PodDisruptionBudget', 'default', 'web')!;
    assert.equal(b.status.currentHealthy, 2);
    assert.equal(b.status.disruptionsAllowed, 0);
    assert.equal(b.status.conditions[0].status, 'False');
    assert.equal(b.status.conditions[0].reason, 'InsufficientPods');
    // maxUnavailable in percent counts the deployment's scale
    c.advance(5000);
    c.write((api) => api.mutate('PodDisruptionBudget', 'default', 'web', (o) => { delete o.spec.minAvailable; o.spec.maxUnavailable = '50%'; }));
    b = c.api.get('PodDisruptionBudget', 'default', 'web')!;
    assert.equal(b.metadata.generation, 2);
    assert.equal(b.status.observedGeneration, 2);
    assert.equal(b.status.expectedPods, 3);
    assert.equal(b.status.desiredHealthy, 1);
    assert.equal(b.status.currentHealthy, 3);
    assert.equal(b.status.disruptionsAllowed, 2);
  } finally { c.close(); }
});

test('a budget selecting no pods records NoPods; one over unmanaged pods in percent says so', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(pdb('none', { minAvailable: 1, selector: { matchLabels: { app: 'nothing' } } })));
    const b = c.api.get('PodDisruptionBudget', 'default', 'none')!;
    assert.equal(b.status.expectedPods, 0);
    assert.equal(b.status.disruptionsAllowed, 0);
    const ev = c.api.list('Event', 'default').find((e) => e.reason === 'NoPods')!;
    assert.equal(ev.message, 'No matching pods found');
    c.write((api) => api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'solo', namespace: 'default', labels: { app: 'solo' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } }));
    c.write((api) => api.create(pdb('solo', { maxUnavailable: 1, selector: { matchLabels: { app: 'solo' } } })));
    const um = c.api.list('Event', 'default').find((e) => e.reason === 'UnmanagedPods')!;
    assert.equal(um.type, 'Warning');
    assert.match(um.message, /^Pods selected by this PodDisruptionBudget \(selector: &LabelSelector\{MatchLabels:map\[string\]string\{app: solo,\},MatchExpressions:\[\]LabelSelectorRequirement\{\},\}\) were found to be unmanaged\./);
  } finally { c.close(); }
});

test('eviction spends the budget, then is refused with 429 as the API server does', () => {
  const c = testCluster({ startupSeconds: 2 });
  try {
    c.write((api) => api.create(deployment('web', 'nginx', 2)));
    c.advance(3000);
    c.write((api) => api.create(pdb('web', { minAvailable: 1, selector: { matchLabels: { app: 'web' } } })));
    const [a, b] = c.api.list('Pod', 'default');
    c.write((api) => evictPod(api, 'default', a.metadata.name));
    const gone = c.api.get('Pod', 'default', a.metadata.name);
    assert.ok(!gone || gone.metadata.deletionTimestamp, 'the evicted pod is being deleted');
    if (gone) assert.ok(gone.status.conditions.some((x: any) => x.type === 'DisruptionTarget' && x.reason === 'EvictionByEvictionAPI'));
    const budget = c.api.get('PodDisruptionBudget', 'default', 'web')!;
    assert.equal(budget.status.disruptionsAllowed, 0);
    const e = refused(() => c.write((api) => evictPod(api, 'default', b.metadata.name)));
    assert.equal(e.code, 429);
    assert.equal(e.reason, 'TooManyRequests');
    assert.equal(e.message, "Cannot evict pod as it would violate the pod's disruption budget.");
    assert.match(e.details.causes![0].message, /^The disruption budget web needs 1 healthy pods and has 1 currently$/);
    assert.ok(!c.api.get('Pod', 'default', b.metadata.name)!.metadata.deletionTimestamp);
    // two budgets over one pod: the eviction subresource does not support it
    c.write((api) => api.create(pdb('web2', { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } })));
    const e2 = refused(() => c.write((api) => evictPod(api, 'default', b.metadata.name)));
    assert.equal(e2.code, 500);
    assert.equal(e2.message, 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.');
  } finally { c.close(); }
});
