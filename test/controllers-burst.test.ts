// The ReplicaSet controller's burstReplicas: one reconcile creates or deletes at most 500 pods
// (in slow-start batches), the rest stays due, so a huge replica count progresses over
// commands (or a long-running process's timer) instead of running one command unbounded.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, deployment } from './helpers/cluster';

test('a replica set grows by at most 500 pods per reconcile and stays due for the rest', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(deployment('big', 'nginx')));
    // the write reconciles before and after: 500 pods in the second reconcile
    c.write((api) => api.mutate('Deployment', 'default', 'big', (d) => { d.spec.replicas = 1600; }));
    const count = () => c.api.list('Pod', 'default', { forTable: true }).length;
    const first = count();
    assert.ok(first <= 1 + 500, `${first} pods after the first command`);
    assert.ok(first >= 500, `${first} pods after the first command`);
    const rs = c.api.list('ReplicaSet', 'default')[0];
    assert.ok(c.store.nextTimer()! <= c.api.nowMs() + 50, 'the replica set stays due');
    assert.equal(rs.status.replicas, first);
    for (let i = 0; i < 3; i++) c.advance(100);
    assert.equal(count(), 1600);
    assert.equal(c.api.list('ReplicaSet', 'default')[0].status.replicas, 1600);
    // scaling down is bounded the same way
    c.write((api) => api.mutate('Deployment', 'default', 'big', (d) => { d.spec.replicas = 2; }));
    const live = () => c.api.list('Pod', 'default', { forTable: true }).filter((p) => !p.metadata.deletionTimestamp).length;
    assert.ok(live() >= 1600 - 1000, `${live()} pods left`);
    for (let i = 0; i < 4; i++) c.advance(1000);
    assert.equal(live(), 2);
  } finally { c.close(); }
});

test('a few replicas converge in one command, as before', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(deployment('web', 'nginx')));
    c.write((api) => api.mutate('Deployment', 'default', 'web', (d) => { d.spec.replicas = 40; }));
    assert.equal(c.api.list('Pod', 'default').length, 40);
  } finally { c.close(); }
});

test('Endpoints keep 1,000 addresses with the over-capacity annotation; slices hold 100 each', () => {
  const c = testCluster({ nodes: 13 });
  try {
    c.write((api) => api.create(deployment('big', 'nginx')));
    c.write((api) => api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'big' }, spec: { selector: { app: 'big' }, ports: [{ port: 80, targetPort: 80 }] } } as any));
    c.write((api) => api.mutate('Deployment', 'default', 'big', (d) => { d.spec.replicas = 1150; }));
    for (let i = 0; i < 4; i++) c.advance(100);
    const ep = c.api.get('Endpoints', 'default', 'big')!;
    const n = (ep.subsets ?? []).reduce((k: number, ss: any) => k + (ss.addresses?.length ?? 0) + (ss.notReadyAddresses?.length ?? 0), 0);
    assert.equal(n, 1000);
    assert.equal(ep.metadata.annotations!['endpoints.kubernetes.io/over-capacity'], 'truncated');
    const slices = c.api.list('EndpointSlice', 'default').filter((s) => s.metadata.labels!['kubernetes.io/service-name'] === 'big');
    assert.equal(slices.length, 12);
    assert.ok(slices.every((s) => (s.endpoints?.length ?? 0) <= 100));
    assert.equal(slices.reduce((k, s) => k + (s.endpoints?.length ?? 0), 0), 1150);
    // back under the capacity: the annotation goes, the slices shrink
    c.write((api) => api.mutate('Deployment', 'default', 'big', (d) => { d.spec.replicas = 50; }));
    for (let i = 0; i < 6; i++) c.advance(2000);
    const ep2 = c.api.get('Endpoints', 'default', 'big')!;
    assert.equal(ep2.subsets[0].addresses.length, 50);
    assert.equal(ep2.metadata.annotations!['endpoints.kubernetes.io/over-capacity'], undefined);
    const slices2 = c.api.list('EndpointSlice', 'default').filter((s) => s.metadata.labels!['kubernetes.io/service-name'] === 'big');
    assert.equal(slices2.length, 1);
  } finally { c.close(); }
});
