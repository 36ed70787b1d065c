// Pod lifecycle with a pinned clock: Pending -> ContainerCreating -> Running after the start-up
// delay (each its own write), graceful termination, crash loops, image pull back-off, a node
// that stops (not ready, tainted, pods evicted and replaced) and starts again.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, deployment, TestCluster } from './helpers/cluster';
import type { KObject } from '../src/api/types';
import { setNodeRuntime } from '../src/controllers/node-lifecycle';
import { containerLifetime, imagePullError, crashBackoffMs } from '../src/controllers/kubelet';
import { podEvents } from '../src/api/pod-events';

const pods = (c: TestCluster, app = 'web') => c.api.list('Pod', 'default').filter((p) => p.metadata.labels?.app === app);
const state = (p: KObject) => {
  const st = p.status?.containerStatuses?.[0];
  if (p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed') return 'Terminating';
  return st?.state?.waiting?.reason ?? st?.state?.terminated?.reason ?? (st?.state?.running ? 'Running' : p.status?.phase);
};

test('a pod goes Pending, ContainerCreating, Running, each step a revision of its own', () => {
  const c = testCluster({ startupSeconds: 2 });
  try {
    // A watcher polling between the steps sees each state as its own revision.
    let rv = c.store.maxRv();
    const seen: string[] = [];
    const poll = () => {
      for (const r of c.store.revisionsSince(rv, 'Pod')) { rv = r.rv; seen.push(state(JSON.parse(r.json))); }
    };
    c.write((api) => api.create(deployment('web', 'nginx', 1, [80])));
    poll();
    let [p] = pods(c);
    assert.equal(p.status.phase, 'Pending');
    assert.equal(p.spec.nodeName !== undefined && p.spec.nodeName !== '', true, 'bound at once');
    assert.equal(p.status.podIP, undefined, 'no IP before the sandbox');
    c.advance(250);
    poll();
    [p] = pods(c);
    assert.equal(state(p), 'ContainerCreating');
    assert.match(p.status.podIP, /^10\.244\.\d+\.\d+$/);
    assert.ok(p.status.startTime);
    c.advance(1000);
    [p] = pods(c);
    assert.equal(state(p), 'ContainerCreating', 'still starting before the delay is over');
    c.advance(800);
    poll();
    [p] = pods(c);
    assert.equal(state(p), 'Running');
    assert.equal(p.status.phase, 'Running');
    assert.deepEqual(p.status.conditions.map((x: any) => `${x.type}=${x.status}`), ['PodReadyToStartContainers=True', 'Initialized=True', 'Ready=True', 'ContainersReady=True', 'PodScheduled=True']);
    assert.deepEqual(seen, ['Pending', 'ContainerCreating', 'Running']);
    const reasons = podEvents(p).map((e) => e.reason);
    assert.deepEqual(reasons, ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started']);
  } finally { c.close(); }
});

test('a late catch-up does all that was due: running pods, and deleted pods gone', () => {
  const c = testCluster({ startupSeconds: 1 });
  try {
    c.write((api) => api.create(deployment('web', 'nginx', 2)));
    c.advance(10000);
    assert.deepEqual(pods(c).map(state), ['Running', 'Running']);
    const victim = pods(c)[0].metadata.name;
    c.write((api) => api.delete('Pod', 'default', victim));
    assert.equal(state(c.api.get('Pod', 'default', victim)!), 'Terminating');
    c.advance(10000);
    assert.equal(c.api.get('Pod', 'default', victim), undefined);
    assert.deepEqual(pods(c).map(state), ['Running', 'Running']);
  } finally { c.close(); }
});

test('deletion: Terminating, then the containers stop (Completed), then the pod is gone', () => {
  const c = testCluster({ startupSeconds: 1 });
  try {
    c.write((api) => api.create(deployment('web', 'nginx', 1)));
    c.advance(1500);
    const [p] = pods(c);
    let rv = c.store.maxRv();
    const revs: { type: string; json: string }[] = [];
    const poll = () => { for (const r of c.store.revisionsSince(rv, 'Pod')) { rv = r.rv; if (r.name === p.metadata.name) revs.push(r); } };
    c.write((api) => api.delete('Pod', 'default', p.metadata.name));
    poll();
    for (let i = 0; i < 10 && c.api.get('Pod', 'default', p.metadata.name); i++) { c.advance(200); poll(); }
    assert.deepEqual(revs.map((r) => r.type), ['MODIFIED', 'MODIFIED', 'DELETED']);
    const [del, stopped] = revs.map((r) => JSON.parse(r.json));
    assert.equal(state(del), 'Terminating');
    assert.equal(stopped.status.phase, 'Succeeded');
    assert.equal(stopped.status.containerStatuses[0].state.terminated.reason, 'Completed');
    assert.equal(stopped.status.containerStatuses[0].ready, false);
    // a replacement was created at once
    assert.equal(pods(c).filter((x) => !x.metadata.deletionTimestamp).length, 1);
  } finally { c.close(); }
});

test('containers that exit: CrashLoopBackOff with growing back-off, Completed under restartPolicy Never', () => {
  const c = testCluster({ startupSeconds: 1 });
  try {
    c.write((api) => api.create(deployment('bb', 'busybox', 1)));
    c.advance(1100);
    let [p] = pods(c, 'bb');
    assert.equal(state(p), 'Completed');
    assert.equal(p.status.containerStatuses[0].restartCount, 0);
    c.advance(1100);
    [p] = pods(c, 'bb');
    assert.equal(p.status.containerStatuses[0].restartCount, 1, 'restarted at once, exited again');
    c.advance(1100);
    [p] = pods(c, 'bb');
    assert.equal(state(p), 'CrashLoopBackOff');
    assert.match(p.status.containerStatuses[0].state.waiting.message, /^back-off 10s restarting failed container=bb pod=bb-[a-z0-9]+-[a-z0-9]{5}_default\(/);
    assert.equal(p.status.containerStatuses[0].lastState.terminated.reason, 'Completed');
    c.advance(60000);
    [p] = pods(c, 'bb');
    assert.ok(p.status.containerStatuses[0].restartCount >= 3, `restarts counted during a catch-up: ${p.status.containerStatuses[0].restartCount}`);
    assert.equal(p.status.phase, 'Running');
    const backoff = c.api.list('Event', 'default').find((e) => e.reason === 'BackOff' && e.involvedObject.name === p.metadata.name)!;
    assert.equal(backoff.type, 'Warning');
    assert.ok(backoff.count >= 2, 'the same event counts up');
    assert.deepEqual([1, 2, 3, 6, 7].map(crashBackoffMs), [10000, 20000, 40000, 300000, 300000]);
    // the back-off counts from the run that ended last, which is the last state while it waits
    const last = p.status.containerStatuses[0].lastState.terminated;
    assert.ok(Date.parse(last.finishedAt) > Date.parse('2026-11-21T16:00:30Z'), `last state is the latest run: ${last.finishedAt}`);
    assert.ok(p.status.containerStatuses[0].restartCount <= 4, `10s, 20s, 40s back-offs: ${p.status.containerStatuses[0].restartCount}`);

    c.write((api) => api.create({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'once', namespace: 'default' }, spec: { restartPolicy: 'Never', containers: [{ name: 'once', image: 'busybox', command: ['sh', '-c', 'echo hi; sleep 2'] }] } }));
    c.advance(1100);
    assert.equal(state(c.api.get('Pod', 'default', 'once')!), 'Running');
    c.advance(2100);
    const once = c.api.get('Pod', 'default', 'once')!;
    assert.equal(once.status.phase, 'Succeeded');
    assert.equal(state(once), 'Completed');
    assert.equal(once.status.conditions.find((x: any) => x.type === 'Ready').reason, 'PodCompleted');
  } finally { c.close(); }
});

test('what runs and what exits', () => {
  const ctr = (o: any) => containerLifetime({ metadata: { name: 'x' }, spec: {} } as any, { name: 'c', ...o });
  assert.equal(ctr({ image: 'nginx' }), undefined);
  assert.deepEqual(ctr({ image: 'busybox' }), { ms: 0, code: 0 });
  assert.equal(ctr({ image: 'busybox', stdin: true, tty: true }), undefined);
  assert.deepEqual(ctr({ image: 'busybox', args: ['sleep', '3600'] }), { ms: 3600000, code: 0 });
  assert.equal(ctr({ image: 'busybox', args: ['sleep', 'infinity'] }), undefined);
  assert.deepEqual(ctr({ image: 'busybox', args: ['sleep', '5'] }), { ms: 5000, code: 0 });
  assert.equal(ctr({ image: 'busybox', command: ['sh', '-c', 'while true; do date; sleep 1; done'] }), undefined);
  assert.deepEqual(ctr({ image: 'alpine', command: ['sh', '-c', 'echo hello; exit 3'] }), { ms: 0, code: 3 });
  assert.deepEqual(ctr({ image: 'busybox', command: ['false'] }), { ms: 0, code: 1 });
  assert.equal(ctr({ image: 'httpd:alpine' }), undefined, 'the tag is not the image');
  assert.deepEqual(ctr({ image: 'nginx', command: ['echo', 'hi'] }), { ms: 0, code: 0 });
});

test('images that cannot be pulled', () => {
  assert.match(imagePullError('nginx:1.161')!, /^rpc error: code = NotFound desc = failed to pull and unpack image "docker\.io\/library\/nginx:1\.161": failed to resolve reference "docker\.io\/library\/nginx:1\.161": docker\.io\/library\/nginx:1\.161: not found$/);
  assert.match(imagePullError('ngnix')!, /pull access denied, repository does not exist or may require authorization/);
  assert.ok(imagePullError('nginx:doesnotexist'));
  for (const ok of ['nginx', 'nginx:1.27', 'nginx:1.27.4-alpine', 'nginx:stable', 'httpd:2.4.63', 'jpetazzo/httpenv', 'busybox:1.36', 'redis:7.2', 'alpine:3.21', 'traefik/whoami', 'registry.k8s.io/e2e-test-images/agnhost:2.39']) {
    assert.equal(imagePullError(ok), undefined, ok);
  }
});

test('ErrImagePull and ImagePullBackOff, with Failed and BackOff events', () => {
  const c = testCluster({ startupSeconds: 1 });
  try {
    c.write((api) => api.create(deployment('bad', 'nginx:1.161', 1)));
    c.advance(1100);
    let [p] = pods(c, 'bad');
    assert.equal(state(p), 'ErrImagePull');
    assert.equal(p.status.phase, 'Pending');
    c.advance(1600);
    [p] = pods(c, 'bad');
    assert.equal(state(p), 'ImagePullBackOff');
    assert.equal(p.status.containerStatuses[0].state.waiting.message, 'Back-off pulling image "nginx:1.161"');
    c.advance(10100);
    [p] = pods(c, 'bad');
    assert.equal(state(p), 'ErrImagePull');
    const evs = c.api.list('Event', 'default').filter((e) => e.involvedObject.name === p.metadata.name && e.source?.component === 'kubelet');
    const msgs = evs.map((e) => `${e.type} ${e.reason} ${e.message.replace(/: rpc error.*/, ': rpc error...')} x${e.count}`);
    assert.ok(msgs.includes('Warning Failed Failed to pull image "nginx:1.161": rpc error... x2'), msgs.join('\n'));
    assert.ok(msgs.includes('Warning Failed Error: ErrImagePull x2'), msgs.join('\n'));
    assert.ok(msgs.includes('Normal BackOff Back-off pulling image "nginx:1.161" x1'), msgs.join('\n'));
    assert.ok(msgs.includes('Warning Failed Error: ImagePullBackOff x1'), msgs.join('\n'));
  } finally { c.close(); }
});

function stop(c: TestCluster, node: string) {
  c.write((api) => {
    setNodeRuntime(api, node, { stopped: true, stoppedAt: api.nowMs() });
    api.mutate('Node', undefined, node, (n) => {
      n.status.conditions = n.status.conditions.map((x: any) => ({ ...x, status: 'Unknown', reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.' }));
    }, { status: true });
  });
}

test('a node that stops: NotReady, tainted, its pods not ready, evicted after the toleration, replaced elsewhere', () => {
  const c = testCluster({ startupSeconds: 1 });
  try {
    c.write((api) => api.create(deployment('web', 'nginx', 4, [80])));
    c.write((api) => api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 80 }] } }));
    c.advance(1500);
    const before = pods(c);
    const onWorker = before.filter((p) => p.spec.nodeName === 'kind-worker');
    assert.ok(onWorker.length >= 1);
    stop(c, 'kind-worker');
    const node = c.api.get('Node', undefined, 'kind-worker')!;
    assert.deepEqual(node.spec.taints.map((t: any) => `${t.key}:${t.effect}`), ['node.kubernetes.io/unreachable:NoSchedule', 'node.kubernetes.io/unreachable:NoExecute']);
    assert.ok(node.spec.taints[1].timeAdded);
    for (const p of onWorker) {
      const cur = c.api.get('Pod', 'default', p.metadata.name)!;
      assert.equal(cur.status.conditions.find((x: any) => x.type === 'Ready').status, 'False');
      assert.equal(cur.metadata.deletionTimestamp, undefined, 'not evicted yet');
    }
    let ep = c.api.get('Endpoints', 'default', 'web')!;
    assert.equal(ep.subsets[0].addresses.length, 4 - onWorker.length, 'endpoints drop the pods of the dead node');
    // KUBESIM_POD_EVICTION defaults to 10 s
    c.advance(9000);
    assert.ok(onWorker.every((p) => !c.api.get('Pod', 'default', p.metadata.name)!.metadata.deletionTimestamp));
    c.advance(1500);
    for (const p of onWorker) {
      const cur = c.api.get('Pod', 'default', p.metadata.name)!;
      assert.ok(cur.metadata.deletionTimestamp, 'marked for deletion');
      assert.equal(cur.status.conditions.find((x: any) => x.type === 'DisruptionTarget').reason, 'DeletionByTaintManager');
    }
    const ev = c.api.list('Event', 'default').find((e) => e.reason === 'TaintManagerEviction')!;
    assert.match(ev.message, /^Marking for deletion Pod default\/web-/);
    c.advance(5000);
    // the old ones stay Terminating (their kubelet is gone); the replacements run elsewhere
    const live = pods(c).filter((p) => !p.metadata.deletionTimestamp);
    assert.equal(live.length, 4);
    assert.ok(live.every((p) => p.spec.nodeName !== 'kind-worker' && p.status.phase === 'Running'));
    const oldIPs = new Set(onWorker.map((p) => p.status.podIP));
    assert.ok(live.every((p) => !oldIPs.has(p.status.podIP)), 'new IPs');
    assert.equal(pods(c).filter((p) => p.metadata.deletionTimestamp).length, onWorker.length);
    ep = c.api.get('Endpoints', 'default', 'web')!;
    assert.equal(ep.subsets[0].addresses.length, 4);
    // back again: the deleted pods are finally removed, the taints go
    c.write((api) => {
      setNodeRuntime(api, 'kind-worker', { stopped: false, startedAt: api.nowMs() });
      api.mutate('Node', undefined, 'kind-worker', (n) => {
        n.status.conditions = n.status.conditions.map((x: any) => ({ ...x, status: x.type === 'Ready' ? 'True' : 'False', reason: x.type === 'Ready' ? 'KubeletReady' : 'x', message: '' }));
      }, { status: true });
    });
    c.advance(2000);
    assert.equal(pods(c).length, 4);
    assert.equal(c.api.get('Node', undefined, 'kind-worker')!.spec.taints, undefined);
    const ds = c.api.list('Pod', 'kube-system').find((p) => p.spec.nodeName === 'kind-worker' && p.metadata.name.startsWith('kube-proxy'))!;
    assert.equal(ds.status.containerStatuses[0].restartCount, 1, 'the DaemonSet pod restarted with the node');
    assert.equal(ds.status.containerStatuses[0].lastState.terminated.reason, 'Unknown');
    assert.equal(ds.status.phase, 'Running');
  } finally { c.close(); }
});

test('a removed node takes its pods with it; a cordoned node gets the unschedulable taint', () => {
  const c = testCluster({ startupSeconds: 0 });
  try {
    c.write((api) => api.create(deployment('web', 'nginx', 4)));
    c.write((api) => api.mutate('Node', undefined, 'kind-worker2', (n) => { n.spec.unschedulable = true; }));
    const n = c.api.get('Node', undefined, 'kind-worker2')!;
    assert.deepEqual(n.spec.taints, [{ effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable' }]);
    assert.ok(c.api.list('Event', 'default').some((e) => e.reason === 'NodeNotSchedulable' && e.message === 'Node kind-worker2 status is now: NodeNotSchedulable'));
    c.write((api) => api.delete('Node', undefined, 'kind-worker'));
    const live = pods(c);
    assert.equal(live.length, 4);
    assert.ok(live.every((p) => p.spec.nodeName !== 'kind-worker'));
    // nowhere else to go (worker2 cordoned, control-plane tainted): Pending
    assert.ok(live.some((p) => p.status.phase === 'Pending' && !p.spec.nodeName));
  } finally { c.close(); }
});
