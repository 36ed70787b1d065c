// Daemon sets and stateful sets roll out a new template as their controllers do: a
// ControllerRevision per template (renumbered when an old one comes back), pods labelled with
// controller-revision-hash, DaemonSet RollingUpdate one node at a time (maxUnavailable 1),
// StatefulSet RollingUpdate from the highest ordinal down to the partition, one ready pod at a
// time; OnDelete leaves the pods alone.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, deployment, TestCluster } from './helpers/cluster';
import type { KObject } from '../src/api/types';
import { setNodeRuntime } from '../src/controllers/node-lifecycle';

const workload = (kind: 'DaemonSet' | 'StatefulSet', name: string, image: string, extra: Record<string, unknown> = {}): KObject => {
  const d = deployment(name, image, 3);
  const spec: any = { ...d.spec, ...extra };
  if (kind === 'DaemonSet') delete spec.replicas;
  return { ...d, kind, spec } as KObject;
};
const pods = (c: TestCluster, app: string) => c.api.list('Pod', 'default').filter((p) => p.metadata.labels?.app === app);
const revisions = (c: TestCluster, owner: string) => c.api.list('ControllerRevision', 'default')
  .filter((cr) => cr.metadata.ownerReferences?.[0]?.name === owner)
  .map((cr) => [cr.revision, cr.data.spec.template.spec.containers[0].image]).sort((a, b) => a[0] - b[0]);
const setImage = (c: TestCluster, kind: string, name: string, image: string) =>
  c.write((api) => api.mutate(kind, 'default', name, (o) => { o.spec.template.spec.containers[0].image = image; }));
const runUntil = (c: TestCluster, done: () => boolean, what: string) => {
  for (let i = 0; i < 200 && !done(); i++) c.advance(500);
  assert.ok(done(), what);
};

test('DaemonSet: revisions, revision-hash labels, a rolling update one node at a time', () => {
  const c = testCluster({ startupSeconds: 1 });
  try {
    c.write((api) => api.create(workload('DaemonSet', 'ds', 'nginx:1.24')));
    runUntil(c, () => c.api.get('DaemonSet', 'default', 'ds')!.status?.numberReady === 2, 'two worker nodes run it');
    assert.deepEqual(revisions(c, 'ds'), [[1, 'nginx:1.24']]);
    const [cr] = c.api.list('ControllerRevision', 'default');
    const hash = cr.metadata.labels!['controller-revision-hash'];
    assert.equal(cr.metadata.name, `ds-${hash}`);
    assert.equal(cr.data.spec.template.$patch, 'replace');
    for (const p of pods(c, 'ds')) {
      assert.equal(p.metadata.labels!['controller-revision-hash'], hash);
      assert.equal(p.metadata.labels!['pod-template-generation'], '1');
    }

    setImage(c, 'DaemonSet', 'ds', 'nginx:1.25');
    let most = 0;
    let sawTerminating = false;
    runUntil(c, () => {
      const all = pods(c, 'ds');
      sawTerminating ||= all.some((p) => p.metadata.deletionTimestamp);
      for (const n of new Set(all.map((p) => p.spec.nodeName))) {
        assert.equal(all.filter((p) => p.spec.nodeName === n).length, 1, `without surge the new pod waits for the old one to be gone (${n})`);
      }
      const live = all.filter((p) => !p.metadata.deletionTimestamp);
      const ready = live.filter((p) => p.status?.conditions?.some((x: any) => x.type === 'Ready' && x.status === 'True')).length;
      most = Math.max(most, 2 - ready);
      const st = c.api.get('DaemonSet', 'default', 'ds')!.status;
      return st.updatedNumberScheduled === 2 && st.numberAvailable === 2;
    }, 'both nodes updated');
    assert.equal(most, 1, 'never more than maxUnavailable (1) node without a ready pod');
    assert.ok(sawTerminating, 'the old pods were seen terminating');
    assert.deepEqual(revisions(c, 'ds'), [[1, 'nginx:1.24'], [2, 'nginx:1.25']]);
    for (const p of pods(c, 'ds').filter((x) => !x.metadata.deletionTimestamp)) {
      assert.equal(p.spec.containers[0].image, 'nginx:1.25');
      assert.equal(p.metadata.labels!['pod-template-generation'], '2');
    }
    // back to the first template: its revision is renumbered, not copied
    setImage(c, 'DaemonSet', 'ds', 'nginx:1.24');
    assert.deepEqual(revisions(c, 'ds'), [[2, 'nginx:1.25'], [3, 'nginx:1.24']]);
  } finally { c.close(); }
});

test('DaemonSet OnDelete: a new template does not replace the pods', () => {
  const c = testCluster({ startupSeconds: 0 });
  try {
    c.write((api) => api.create(workload('DaemonSet', 'od', 'nginx:1.24', { updateStrategy: { type: 'OnDelete' } })));
    setImage(c, 'DaemonSet', 'od', 'nginx:1.25');
    c.advance(5000);
    assert.deepEqual(pods(c, 'od').map((p) => p.spec.containers[0].image), ['nginx:1.24', 'nginx:1.24']);
    assert.equal(c.api.get('DaemonSet', 'default', 'od')!.status.updatedNumberScheduled, undefined);
  } finally { c.close(); }
});

test('StatefulSet: rolling update from the highest ordinal, one ready pod at a time, then currentRevision moves', () => {
  const c = testCluster({ startupSeconds: 1 });
  try {
    c.write((api) => api.create(workload('StatefulSet', 'web', 'nginx:1.24')));
    runUntil(c, () => c.api.get('StatefulSet', 'default', 'web')!.status?.readyReplicas === 3, 'three pods ready');
    const first = c.api.get('StatefulSet', 'default', 'web')!.status;
    assert.equal(first.currentRevision, first.updateRevision);
    assert.match(first.currentRevision, /^web-[a-z0-9]+$/);
    assert.equal(pods(c, 'web')[0].metadata.labels!['controller-revision-hash'], first.currentRevision);

    setImage(c, 'StatefulSet', 'web', 'nginx:1.25');
    const order: string[] = [];
    runUntil(c, () => {
      for (const p of pods(c, 'web')) if (p.spec.containers[0].image === 'nginx:1.25' && !order.includes(p.metadata.name)) order.push(p.metadata.name);
      const st = c.api.get('StatefulSet', 'default', 'web')!.status;
      return st.updatedReplicas === 3 && st.readyReplicas === 3 && st.currentRevision === st.updateRevision;
    }, 'all three updated');
    assert.deepEqual(order, ['web-2', 'web-1', 'web-0']);
    const st = c.api.get('StatefulSet', 'default', 'web')!.status;
    assert.notEqual(st.updateRevision, first.updateRevision);
    assert.equal(st.currentReplicas, 3);
    assert.deepEqual(revisions(c, 'web'), [[1, 'nginx:1.24'], [2, 'nginx:1.25']]);
  } finally { c.close(); }
});

test('StatefulSet partition: pods below it stay at the current revision', () => {
  const c = testCluster({ startupSeconds: 0 });
  try {
    c.write((api) => api.create(workload('StatefulSet', 'db', 'nginx:1.24', { updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 2 } } })));
    runUntil(c, () => c.api.get('StatefulSet', 'default', 'db')!.status?.readyReplicas === 3, 'three pods ready');
    setImage(c, 'StatefulSet', 'db', 'nginx:1.25');
    runUntil(c, () => c.api.get('StatefulSet', 'default', 'db')!.status?.updatedReplicas === 1 && c.api.get('StatefulSet', 'default', 'db')!.status?.readyReplicas === 3, 'db-2 updated');
    c.advance(5000);
    const images = Object.fromEntries(pods(c, 'db').map((p) => [p.metadata.name, p.spec.containers[0].image]));
    assert.deepEqual(images, { 'db-0': 'nginx:1.24', 'db-1': 'nginx:1.24', 'db-2': 'nginx:1.25' });
    const st = c.api.get('StatefulSet', 'default', 'db')!.status;
    assert.notEqual(st.currentRevision, st.updateRevision, 'the rollout is partial');
  } finally { c.close(); }
});

test('DaemonSet: a node that stops is no longer desired, but its daemon pod stays (misscheduled) until the node is gone', () => {
  const c = testCluster({ startupSeconds: 0 });
  try {
    c.write((api) => api.create(workload('DaemonSet', 'agent', 'nginx')));
    c.advance(1000);
    assert.equal(c.api.get('DaemonSet', 'default', 'agent')!.status.desiredNumberScheduled, 2);
    c.write((api) => {
      setNodeRuntime(api, 'kind-worker', { stopped: true, stoppedAt: api.nowMs() });
      api.mutate('Node', undefined, 'kind-worker', (n) => {
        n.status.conditions = n.status.conditions.map((x: any) => ({ ...x, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' }));
      }, { status: true });
    });
    for (let i = 0; i < 20; i++) c.advance(30000);
    const node = c.api.get('Node', undefined, 'kind-worker')!;
    assert.ok(node.spec.taints?.some((t: any) => t.key === 'node.kubernetes.io/unreachable' && t.effect === 'NoSchedule'), 'the node is tainted');
    const st = c.api.get('DaemonSet', 'default', 'agent')!.status;
    assert.equal(st.desiredNumberScheduled, 1);
    assert.equal(st.numberMisscheduled, 1);
    assert.deepEqual(pods(c, 'agent').filter((p) => !p.metadata.deletionTimestamp).map((p) => p.spec.nodeName).sort(), ['kind-worker', 'kind-worker2']);
  } finally { c.close(); }
});
