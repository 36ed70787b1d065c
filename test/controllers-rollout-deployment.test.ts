// The deployment controller with a pinned clock: rolling updates step by step (maxSurge /
// maxUnavailable), Recreate, rollback (revision and revision-history), pause/resume, change-cause,
// revisionHistoryLimit and the progress deadline.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, deployment, TestCluster } from './helpers/cluster';
import type { KObject } from '../src/api/types';
import { equalIgnoreHash } from '../src/controllers/deployment';

const REV = 'deployment.kubernetes.io/revision';

function rsOf(c: TestCluster, name = 'web'): KObject[] {
  return c.api.list('ReplicaSet', 'default').filter((rs) => rs.metadata.ownerReferences?.[0]?.name === name)
    .sort((a, b) => Number(a.metadata.annotations?.[REV]) - Number(b.metadata.annotations?.[REV]));
}
const sizes = (c: TestCluster, name = 'web') => rsOf(c, name).map((rs) => rs.spec.replicas);
const scalingEvents = (c: TestCluster) => c.api.list('Event', 'default')
  .filter((e) => e.reason === 'ScalingReplicaSet')
  .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))
  .map((e) => e.message.replace(/web-[a-z0-9]+/g, (m: string) => (m === names.get(m) ? m : names.get(m) ?? m)));
const names = new Map<string, string>();

function setImage(c: TestCluster, image: string, name = 'web') {
  c.write((api) => api.mutate('Deployment', 'default', name, (d) => { d.spec.template.spec.containers[0].image = image; }));
}

test('a rolling update goes step by step within maxSurge and maxUnavailable', () => {
  const c = testCluster({ startupSeconds: 2 });
  try {
    c.write((api) => api.create(deployment('web', 'nginx:1.26', 4)));
    c.advance(2500);
    let d = c.api.get('Deployment', 'default', 'web')!;
    assert.equal(d.status.availableReplicas, 4);
    assert.equal(d.metadata.annotations![REV], '1');
    const [rs1] = rsOf(c);
    setImage(c, 'nginx:1.27');
    let [a, b] = rsOf(c);
    assert.equal(a.metadata.name, rs1.metadata.name);
    assert.equal(b.metadata.annotations![REV], '2');
    assert.equal(b.metadata.annotations!['deployment.kubernetes.io/max-replicas'], '5');
    // 25% of 4: one surge pod, one unavailable: 3 old ones available, 2 new ones starting.
    assert.deepEqual(sizes(c), [3, 2]);
    d = c.api.get('Deployment', 'default', 'web')!;
    assert.equal(d.metadata.annotations![REV], '2');
    assert.equal(d.status.updatedReplicas, 2);
    const seen: number[][] = [sizes(c).map(Number)];
    for (let i = 0; i < 10 && sizes(c)[0] !== 0; i++) {
      c.advance(2500);
      seen.push(sizes(c).map(Number));
      // never more than 5 pods, never fewer than 3 available
      const total = rsOf(c).reduce((n, rs) => n + rs.spec.replicas, 0);
      assert.ok(total <= 5, `at most desired+maxSurge: ${total}`);
    }
    assert.deepEqual(seen[seen.length - 1], [0, 4]);
    c.advance(2500);
    d = c.api.get('Deployment', 'default', 'web')!;
    assert.equal(d.status.updatedReplicas, 4);
    assert.equal(d.status.availableReplicas, 4);
    assert.equal(d.status.replicas, 4);
    const prog = d.status.conditions.find((x: any) => x.type === 'Progressing');
    assert.equal(prog.reason, 'NewReplicaSetAvailable');
    assert.equal(prog.message, `ReplicaSet "${b.metadata.name}" has successfully progressed.`);
    assert.deepEqual(d.status.conditions.map((x: any) => x.type), ['Available', 'Progressing']);
    // the old replica set is kept, at zero
    [a, b] = rsOf(c);
    assert.equal(a.spec.replicas, 0);
    const evs = c.api.list('Event', 'default').filter((e) => e.reason === 'ScalingReplicaSet').map((e) => e.message);
    assert.ok(evs.includes(`Scaled up replica set ${b.metadata.name} from 0 to 1`), evs.join('\n'));
    assert.ok(evs.includes(`Scaled down replica set ${a.metadata.name} from 4 to 3`), evs.join('\n'));
    assert.ok(evs.includes(`Scaled down replica set ${a.metadata.name} from 1 to 0`), evs.join('\n'));
    assert.equal(c.api.list('Pod', 'default').filter((p) => !p.metadata.deletionTimestamp).length, 4);
  } finally { c.close(); }
});

test('maxSurge 0 / maxUnavailable 1 replaces one pod at a time; maxSurge 100% starts all at once', () => {
  const c = testCluster({ startupSeconds: 1 });
  try {
    const d1 = deployment('web', 'nginx:1.26', 3);
    d1.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } };
    c.write((api) => api.create(d1));
    c.advance(1500);
    setImage(c, 'nginx:1.27');
    assert.deepEqual(sizes(c), [2, 1]);
    c.advance(1500);
    assert.deepEqual(sizes(c), [1, 2]);
    c.advance(1500);
    assert.deepEqual(sizes(c), [0, 3]);
    const d2 = deployment('api', 'httpd:2.4', 2);
    d2.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '100%', maxUnavailable: 0 } };
    c.write((api) => api.create(d2));
    c.advance(1500);
    setImage(c, 'httpd:2.4.63', 'api');
    assert.deepEqual(sizes(c, 'api'), [2, 2]);
    c.advance(1500);
    assert.deepEqual(sizes(c, 'api'), [0, 2]);
  } finally { c.close(); }
});

test('Recreate: the old pods are gone before the new ones start', () => {
  const c = testCluster({ startupSeconds: 1 });
  try {
    const d = deployment('web', 'nginx:1.26', 2);
    d.spec.strategy = { type: 'Recreate' };
    c.write((api) => api.create(d));
    c.advance(1500);
    setImage(c, 'nginx:1.27');
    // old scaled to zero; its pods are terminating; no new replica set yet
    assert.deepEqual(sizes(c), [0]);
    assert.ok(c.api.list('Pod', 'default').every((p) => p.metadata.deletionTimestamp));
    c.advance(2000);
    assert.equal(c.api.list('Pod', 'default').filter((p) => p.metadata.labels?.app === 'web' && p.spec.containers[0].image === 'nginx:1.26').length, 0);
    assert.deepEqual(sizes(c), [0, 2]);
    c.advance(1500);
    const dep = c.api.get('Deployment', 'default', 'web')!;
    assert.equal(dep.status.availableReplicas, 2);
    assert.equal(dep.status.updatedReplicas, 2);
  } finally { c.close(); }
});

test('rollback to an old template reuses its replica set as the newest revision; change-cause is copied', () => {
  const c = testCluster({ startupSeconds: 0 });
  try {
    c.write((api) => api.create(deployment('web', 'nginx:1.26', 2)));
    c.write((api) => api.mutate('Deployment', 'default', 'web', (d) => {
      d.metadata.annotations = { ...(d.metadata.annotations ?? {}), 'kubernetes.io/change-cause': 'image 1.27' };
      d.spec.template.spec.containers[0].image = 'nginx:1.27';
    }));
    let [r1, r2] = rsOf(c);
    assert.equal(r2.metadata.annotations!['kubernetes.io/change-cause'], 'image 1.27');
    assert.equal(r1.metadata.annotations!['kubernetes.io/change-cause'], undefined);
    // what `rollout undo` does: the old template (without the hash label) back into the deployment
    c.write((api) => api.mutate('Deployment', 'default', 'web', (d) => {
      const t = structuredClone(r1.spec.template);
      delete t.metadata.labels['pod-template-hash'];
      d.spec.template = t;
      d.metadata.annotations = { [REV]: d.metadata.annotations![REV] };
    }));
    const all = rsOf(c);
    assert.equal(all.length, 2, 'no new replica set');
    [r2, r1] = all; // sorted by revision: the rolled-back one is now 3
    assert.equal(r1.metadata.annotations![REV], '3');
    assert.equal(r1.metadata.annotations!['deployment.kubernetes.io/revision-history'], '1');
    assert.equal(r1.spec.replicas, 2);
    assert.equal(r2.spec.replicas, 0);
    const d = c.api.get('Deployment', 'default', 'web')!;
    assert.equal(d.metadata.annotations![REV], '3');
    assert.ok(equalIgnoreHash(r1.spec.template, d.spec.template));
  } finally { c.close(); }
});

test('a paused deployment scales but does not roll out until resumed', () => {
  const c = testCluster({ startupSeconds: 0 });
  try {
    c.write((api) => api.create(deployment('web', 'nginx:1.26', 2)));
    c.write((api) => api.mutate('Deployment', 'default', 'web', (d) => { d.spec.paused = true; }));
    let d = c.api.get('Deployment', 'default', 'web')!;
    assert.deepEqual(d.status.conditions.find((x: any) => x.type === 'Progressing'), { ...d.status.conditions.find((x: any) => x.type === 'Progressing'), status: 'Unknown', reason: 'DeploymentPaused', message: 'Deployment is paused' });
    setImage(c, 'nginx:1.27');
    c.write((api) => api.mutate('Deployment', 'default', 'web', (x) => { x.spec.replicas = 3; }));
    assert.deepEqual(sizes(c), [3]);
    assert.equal(c.api.list('Pod', 'default').filter((p) => !p.metadata.deletionTimestamp && p.spec.containers[0].image === 'nginx:1.26').length, 3);
    c.write((api) => api.mutate('Deployment', 'default', 'web', (x) => { x.spec.paused = false; }));
    assert.deepEqual(sizes(c), [0, 3]);
    d = c.api.get('Deployment', 'default', 'web')!;
    assert.equal(d.metadata.annotations![REV], '2');
    assert.equal(d.status.conditions.find((x: any) => x.type === 'Progressing').reason, 'NewReplicaSetAvailable');
  } finally { c.close(); }
});

test('scaling during a rollout is proportional', () => {
  const c = testCluster({ startupSeconds: 5 });
  try {
    const d = deployment('web', 'nginx:1.26', 10);
    d.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: 3, maxUnavailable: 2 } };
    c.write((api) => api.create(d));
    c.advance(6000);
    setImage(c, 'nginx:1.27');
    assert.deepEqual(sizes(c), [8, 5]);
    c.write((api) => api.mutate('Deployment', 'default', 'web', (x) => { x.spec.replicas = 15; }));
    // 18 allowed now, 13 there: 5 more spread 8:5
    const s = sizes(c);
    assert.equal(s[0] + s[1], 18);
    assert.deepEqual(s, [11, 7]);
  } finally { c.close(); }
});

test('old replica sets beyond revisionHistoryLimit are deleted', () => {
  const c = testCluster({ startupSeconds: 0 });
  try {
    const d = deployment('web', 'nginx:1.20', 1);
    d.spec.revisionHistoryLimit = 2;
    c.write((api) => api.create(d));
    for (const v of ['1.21', '1.22', '1.23', '1.24']) setImage(c, `nginx:${v}`);
    c.advance(100);
    const revs = rsOf(c).map((rs) => rs.metadata.annotations![REV]);
    assert.deepEqual(revs, ['3', '4', '5']);
  } finally { c.close(); }
});

test('a rollout that makes no progress times out (ProgressDeadlineExceeded)', () => {
  const c = testCluster({ startupSeconds: 1 });
  try {
    const d = deployment('web', 'nginx:1.26', 2);
    d.spec.progressDeadlineSeconds = 30;
    c.write((api) => api.create(d));
    c.advance(1500);
    setImage(c, 'nginx:1.161');
    for (let i = 0; i < 4; i++) c.advance(10000);
    const dep = c.api.get('Deployment', 'default', 'web')!;
    const prog = dep.status.conditions.find((x: any) => x.type === 'Progressing');
    assert.equal(prog.status, 'False');
    assert.equal(prog.reason, 'ProgressDeadlineExceeded');
    assert.match(prog.message, /^ReplicaSet "web-[a-z0-9]+" has timed out progressing\.$/);
    // the old pods are still serving
    assert.equal(dep.status.availableReplicas, 2);
    const bad = c.api.list('Pod', 'default').find((p) => p.spec.containers[0].image === 'nginx:1.161')!;
    assert.match(bad.status.containerStatuses[0].state.waiting.reason, /^(ErrImagePull|ImagePullBackOff)$/);
    assert.equal(bad.status.phase, 'Pending');
  } finally { c.close(); }
});
