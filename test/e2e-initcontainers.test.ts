// Init containers and native sidecars as a kind v1.32 cluster runs them: init containers one after
// the other before the app containers (Init:N/M, PodInitializing), a failing one restarted
// (Init:Error, Init:CrashLoopBackOff) or failing the pod under restartPolicy Never, restartable
// init containers (restartPolicy: Always) counted in READY; and automountServiceAccountToken.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cluster, lines } from './helpers/kubectl';

const c = cluster();
after(() => c.cleanup());

const row = (pod: string, k = c) => lines(k.k('get', 'pod', pod, '--no-headers').stdout)[0]?.split(/\s+/) ?? [];
const status = (pod: string, k = c) => row(pod, k)[2];
const jp = (pod: string, path: string, k = c) => k.k('get', 'pod', pod, '-o', `jsonpath={${path}}`).stdout;

const twoInits = (name: string, sleep: number) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  initContainers:
  - name: init-one
    image: busybox:1.28
    command: ['sh', '-c', 'echo one; sleep ${sleep}']
  - name: init-two
    image: busybox:1.28
    command: ['sh', '-c', 'echo two; sleep ${sleep}']
  containers:
  - name: app
    image: busybox:1.28
    command: ['sh', '-c', 'echo The app is running! && sleep 3600']
`;

test('init containers run one after the other, then the app: Init:0/2, Init:1/2, PodInitializing, Running', async () => {
  const k = cluster({ KUBESIM_POD_STARTUP: '2' });
  try {
    assert.equal(k.k('get', 'nodes').code, 0);
    const w = k.bg('get', 'pods', '-w');
    await k.until(() => w.output().includes('NAME'), 10000).catch(() => undefined);
    assert.equal(k.kIn(twoInits('seq', 2), 'apply', '-f', '-').stdout, 'pod/seq created\n');
    await k.until(() => / 1\/1 +Running /.test(w.output()), 20000);
    await w.stop();
    const seen = lines(w.output(), /^seq /).map((l) => l.split(/\s+/)[2]);
    const order = ['Init:0/2', 'Init:1/2', 'PodInitializing', 'Running'];
    const at = order.map((s) => seen.indexOf(s));
    assert.ok(at.every((i) => i >= 0), `every step seen: ${seen.join(', ')}`);
    assert.deepEqual([...at].sort((a, b) => a - b), at, `in order: ${seen.join(', ')}`);
    // Each init container started when the one before it had ended.
    const oneEnd = Date.parse(jp('seq', '.status.initContainerStatuses[0].state.terminated.finishedAt', k));
    const twoStart = Date.parse(jp('seq', '.status.initContainerStatuses[1].state.terminated.startedAt', k));
    const appStart = Date.parse(jp('seq', '.status.containerStatuses[0].state.running.startedAt', k));
    assert.ok(twoStart >= oneEnd && appStart >= twoStart + 2000, `${oneEnd} ${twoStart} ${appStart}`);
    assert.equal(jp('seq', '.status.initContainerStatuses[*].state.terminated.reason', k), 'Completed Completed');
    assert.equal(jp('seq', '.status.initContainerStatuses[*].ready', k), 'true true');
    assert.equal(jp('seq', '.status.conditions[?(@.type=="Initialized")].status', k), 'True');
    assert.equal(k.k('logs', 'seq', '-c', 'init-two').stdout, 'two\n');
    assert.equal(k.k('logs', 'seq').stdout, 'The app is running!\n');
    const ev = k.k('get', 'events', '--field-selector', 'involvedObject.fieldPath=spec.initContainers{init-one}', '-o', 'jsonpath={.items[*].reason}').stdout;
    assert.equal(ev, 'Pulling Pulled Created Started');
  } finally {
    k.cleanup();
  }
});

test('while an init container runs: Init:0/2, Pending, Initialized False with the incomplete ones, the app PodInitializing', () => {
  assert.equal(c.kIn(twoInits('slow', 600), 'apply', '-f', '-').code, 0);
  assert.deepEqual(row('slow').slice(1, 4), ['0/1', 'Init:0/2', '0']);
  assert.equal(jp('slow', '.status.phase'), 'Pending');
  assert.equal(jp('slow', '.status.conditions[?(@.type=="Initialized")].message'), 'containers with incomplete status: [init-one init-two]');
  assert.equal(jp('slow', '.status.conditions[?(@.type=="Initialized")].reason'), 'ContainersNotInitialized');
  assert.equal(jp('slow', '.status.initContainerStatuses[0].started'), 'true');
  assert.equal(jp('slow', '.status.initContainerStatuses[0].ready'), 'false');
  assert.equal(jp('slow', '.status.initContainerStatuses[1].state.waiting.reason'), 'PodInitializing');
  assert.equal(jp('slow', '.status.containerStatuses[0].state.waiting.reason'), 'PodInitializing');
  const r = c.k('logs', 'slow');
  assert.equal(r.stderr, 'Error from server (BadRequest): container "app" in pod "slow" is waiting to start: PodInitializing\n');
  assert.equal(r.code, 1);
  assert.equal(c.k('logs', 'slow', '-c', 'init-one').stdout, 'one\n');
});

const failing = (name: string, policy: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  restartPolicy: ${policy}
  initContainers:
  - name: init-fail
    image: busybox
    command: ['sh', '-c', 'echo failing; exit 1']
  - name: init-two
    image: busybox
    command: ['sh', '-c', 'true']
  containers:
  - name: app
    image: nginx
`;

test('a failing init container under restartPolicy Always: Init:Error, restarted, Init:CrashLoopBackOff; the pod stays Pending', async () => {
  assert.equal(c.kIn(failing('crash', 'Always'), 'apply', '-f', '-').code, 0);
  assert.match(status('crash')!, /^Init:(Error|CrashLoopBackOff)$/);
  await c.until(() => status('crash') === 'Init:CrashLoopBackOff', 15000);
  assert.ok(Number(jp('crash', '.status.initContainerStatuses[0].restartCount')) >= 1);
  assert.equal(jp('crash', '.status.initContainerStatuses[0].lastState.terminated.exitCode'), '1');
  assert.equal(jp('crash', '.status.initContainerStatuses[1].state.waiting.reason'), 'PodInitializing');
  assert.equal(jp('crash', '.status.phase'), 'Pending');
  assert.equal(row('crash')[1], '0/1');
  const d = c.k('describe', 'pod', 'crash').stdout;
  assert.match(d, /\nInit Containers:\n  init-fail:\n[^]*?    State:          Waiting\n      Reason:       CrashLoopBackOff\n    Last State:     Terminated\n      Reason:       Error\n      Exit Code:    1\n/);
  assert.match(d, /Back-off restarting failed container init-fail in pod crash_default/);
  assert.equal(c.k('get', 'events', '--field-selector', 'reason=BackOff,involvedObject.name=crash', '-o', 'jsonpath={.items[0].involvedObject.fieldPath}').stdout, 'spec.initContainers{init-fail}');
  assert.equal(c.k('logs', 'crash', '-c', 'init-fail').stdout, 'failing\n');
});

test('a failing init container under restartPolicy Never: Init:Error and the pod Failed', async () => {
  assert.equal(c.kIn(failing('never', 'Never'), 'apply', '-f', '-').code, 0);
  await c.until(() => jp('never', '.status.phase') === 'Failed', 10000);
  assert.deepEqual(row('never').slice(1, 4), ['0/1', 'Init:Error', '0']);
  assert.equal(jp('never', '.status.initContainerStatuses[0].restartCount'), '0');
  assert.equal(jp('never', '.status.conditions[?(@.type=="Initialized")].status'), 'False');
  assert.equal(jp('never', '.status.containerStatuses[0].state.waiting.reason'), 'PodInitializing');
});

const sidecar = (name: string, policy: string, app: string) => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  restartPolicy: ${policy}
  initContainers:
  - name: logshipper
    image: busybox
    restartPolicy: Always
    command: ['sh', '-c', 'tail -F /opt/logs.txt']
  - name: setup
    image: busybox
    command: ['sh', '-c', 'echo setup']
  containers:
  - name: app
    image: busybox
    command: ['sh', '-c', '${app}']
`;

test('a native sidecar (restartable init container) keeps running and counts in READY', () => {
  assert.equal(c.kIn(sidecar('side', 'Always', 'sleep 3600'), 'apply', '-f', '-').code, 0);
  assert.deepEqual(row('side').slice(1, 4), ['2/2', 'Running', '0']);
  assert.equal(jp('side', '.status.initContainerStatuses[0].state.running.startedAt') !== '', true);
  assert.equal(jp('side', '.status.initContainerStatuses[0].ready'), 'true');
  assert.equal(jp('side', '.status.initContainerStatuses[0].started'), 'true');
  assert.equal(jp('side', '.status.initContainerStatuses[1].state.terminated.reason'), 'Completed');
  assert.equal(jp('side', '.status.conditions[?(@.type=="Ready")].status'), 'True');
  // kubectl exec reaches the sidecar by name.
  assert.equal(c.k('exec', 'side', '-c', 'logshipper', '--', 'echo', 'hi').stdout, 'hi\n');
});

test('a sidecar does not keep a finished pod running: Completed, the sidecar stopped', async () => {
  assert.equal(c.kIn(sidecar('sidejob', 'Never', 'echo done'), 'apply', '-f', '-').code, 0);
  await c.until(() => jp('sidejob', '.status.phase') === 'Succeeded', 10000);
  assert.deepEqual(row('sidejob').slice(1, 3), ['0/2', 'Completed']);
  assert.ok(jp('sidejob', '.status.initContainerStatuses[0].state.terminated.exitCode') !== '');
  assert.equal(jp('sidejob', '.status.conditions[?(@.type=="Initialized")].reason'), 'PodCompleted');
});

test('automountServiceAccountToken: false on the pod or its service account: no kube-api-access volume', () => {
  const yaml = `apiVersion: v1
kind: ServiceAccount
metadata:
  name: nomount
automountServiceAccountToken: false
---
apiVersion: v1
kind: Pod
metadata:
  name: sa-off
spec:
  serviceAccountName: nomount
  containers:
  - name: c
    image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: pod-off
spec:
  automountServiceAccountToken: false
  containers:
  - name: c
    image: nginx
---
apiVersion: v1
kind: Pod
metadata:
  name: pod-on
spec:
  serviceAccountName: nomount
  automountServiceAccountToken: true
  initContainers:
  - name: i
    image: busybox
    command: ['true']
  containers:
  - name: c
    image: nginx
`;
  assert.equal(c.kIn(yaml, 'apply', '-f', '-').code, 0);
  for (const p of ['sa-off', 'pod-off']) {
    assert.equal(jp(p, '.spec.volumes'), '', p);
    assert.equal(jp(p, '.spec.containers[0].volumeMounts'), '', p);
    assert.match(c.k('describe', 'pod', p).stdout, /\n    Mounts:         <none>\n[^]*\nVolumes: +<none>\n/, p);
  }
  const r = c.k('exec', 'sa-off', '--', 'cat', '/var/run/secrets/kubernetes.io/serviceaccount/token');
  assert.equal(r.code, 1);
  assert.match(jp('pod-on', '.spec.volumes[0].name'), /^kube-api-access-[a-z0-9]{5}$/);
  assert.equal(jp('pod-on', '.spec.initContainers[0].volumeMounts[0].mountPath'), '/var/run/secrets/kubernetes.io/serviceaccount');
  assert.equal(jp('pod-on', '.spec.containers[0].volumeMounts[0].mountPath'), '/var/run/secrets/kubernetes.io/serviceaccount');
  assert.equal(c.k('exec', 'pod-on', '--', 'cat', '/var/run/secrets/kubernetes.io/serviceaccount/namespace').stdout, 'default');
});
