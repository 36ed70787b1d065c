// kubectl debug, as a networking course uses it: an ephemeral container with a tools image in a
// running pod (its network, the debug image's tools), and a node debug pod in the host's
// namespaces. Messages and object shapes follow kubectl 1.32 pkg/cmd/debug/debug.go.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cluster } from './helpers/kubectl';

const c = cluster({ KUBESIM_POD_STARTUP: '0' });
after(() => c.cleanup());

const LEGACY = '--profile=legacy is deprecated and will be removed in the future. It is recommended to explicitly specify a profile, for example "--profile=general".\n';

c.k('create', 'deployment', 'web', '--image=nginx');
c.k('expose', 'deployment', 'web', '--port=80');
const pod = () => c.k('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}').stdout;

test('debug POD -i: an ephemeral container in the pod network with the debug image tools', () => {
  const p = pod();
  const r = c.kIn('printenv HOSTNAME\ncurl -s web\nnslookup web\n', 'debug', p, '-i', '--image=nicolaka/netshoot');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, LEGACY);
  const m = /^Defaulting debug container name to (debugger-[bcdfghjklmnpqrstvwxz2456789]{5})\.\n/.exec(r.stdout);
  assert.ok(m, r.stdout);
  const rest = r.stdout.slice(m[0].length);
  assert.ok(rest.startsWith(`${p}\n<!DOCTYPE html>`), rest);
  assert.match(rest, /Name:\tweb\.default\.svc\.cluster\.local\nAddress: 10\.\d+\.\d+\.\d+\n/);
  const spec = JSON.parse(c.k('get', 'pod', p, '-o', 'jsonpath={.spec.ephemeralContainers[0]}').stdout);
  assert.deepEqual(spec, {
    image: 'nicolaka/netshoot', imagePullPolicy: 'Always', name: m[1], resources: {}, stdin: true,
    terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
  });
  const st = JSON.parse(c.k('get', 'pod', p, '-o', 'jsonpath={.status.ephemeralContainerStatuses[0]}').stdout);
  assert.equal(st.name, m[1]);
  assert.equal(st.ready, false);
  assert.equal(st.image, 'docker.io/nicolaka/netshoot:latest');
  assert.match(st.containerID, /^containerd:\/\//);
  assert.equal(st.state.terminated.reason, 'Completed');
  // busybox has no curl: the debug image decides the tools, not the pod's
  const b = c.kIn('curl -s web\n', 'debug', p, '-i', '--image=busybox:1.28', '-q');
  assert.equal(b.code, 127);
  assert.match(b.stderr, /curl: not found/);
});

test('debug POD -c NAME --target: named container, targeted; its describe section', () => {
  const p = pod();
  const r = c.kIn('hostname\n', 'debug', p, '-i', '--image=busybox:1.28', '-c', 'dbg', '--target=nginx');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, `Targeting container "nginx". If you don't see processes from this container it may be because the container runtime doesn't support this feature.\n${p}\n`);
  const ecs = JSON.parse(c.k('get', 'pod', p, '-o', 'jsonpath={.spec.ephemeralContainers}').stdout);
  const ec = ecs.find((x: any) => x.name === 'dbg');
  assert.equal(ec.targetContainerName, 'nginx');
  assert.equal(ec.imagePullPolicy, 'IfNotPresent');
  assert.match(c.k('describe', 'pod', p).stdout, /\nEphemeral Containers:\n(?:.*\n)*  dbg:\n    Container ID:   containerd:\/\/[0-9a-f]+\n    Image:          busybox:1\.28\n/);
  // the same name again, an unknown target: the API server refuses
  let e = c.k('debug', p, '--image=busybox', '-c', 'dbg');
  assert.equal(e.code, 1);
  assert.match(e.stderr, new RegExp(`The Pod "${p}" is invalid: spec\\.ephemeralContainers\\[\\d+\\]\\.name: Duplicate value: "dbg"\\n$`));
  e = c.k('debug', p, '--image=busybox', '--target=nope', '-q');
  assert.equal(e.code, 1);
  assert.match(e.stderr, new RegExp(`The Pod "${p}" is invalid: spec\\.ephemeralContainers\\[\\d+\\]\\.targetContainerName: Not found: "nope"\\n$`));
});

test('debug: errors', () => {
  let r = c.k('debug', 'nope', '--image=busybox');
  assert.deepEqual([r.stdout, r.stderr, r.code], ['', LEGACY + 'Error from server (NotFound): pods "nope" not found\n', 1]);
  r = c.k('debug', 'nope');
  assert.deepEqual([r.stderr, r.code], ['error: you must specify --image when not using --copy-to.\n', 1]);
  r = c.k('debug', 'nope', '--image=busybox', '-t');
  assert.deepEqual([r.stderr, r.code], ['error: -i/--stdin is required for containers with -t/--tty=true\n', 1]);
  r = c.k('debug', '--image=busybox');
  assert.deepEqual([r.stderr, r.code], ['error: NAME or filename is required for debug\n', 1]);
  r = c.k('debug', 'node/nope', '--image=busybox');
  assert.deepEqual([r.stderr, r.code], [LEGACY + 'Error from server (NotFound): nodes "nope" not found\n', 1]);
});

test('debug node/NAME: a pod in the host namespaces on that node', () => {
  const r = c.kIn('hostname -i\n', 'debug', 'node/kind-worker', '-i', '--image=busybox');
  assert.equal(r.code, 0, r.stderr);
  const m = /^Creating debugging pod (node-debugger-kind-worker-[a-z0-9]{5}) with container debugger on node kind-worker\.\n/.exec(r.stdout);
  assert.ok(m, r.stdout);
  const nodeIP = c.k('get', 'node', 'kind-worker', '-o', 'jsonpath={.status.addresses[?(@.type=="InternalIP")].address}').stdout;
  assert.equal(r.stdout.slice(m[0].length), `${nodeIP}\n`);
  const dp = JSON.parse(c.k('get', 'pod', m[1], '-o', 'json').stdout);
  assert.deepEqual(dp.metadata.labels, { 'app.kubernetes.io/managed-by': 'kubectl-debug' });
  assert.equal(dp.spec.nodeName, 'kind-worker');
  assert.equal(dp.spec.restartPolicy, 'Never');
  assert.deepEqual([dp.spec.hostNetwork, dp.spec.hostPID, dp.spec.hostIPC], [true, true, true]);
  assert.deepEqual(dp.spec.tolerations, [{ operator: 'Exists' }]);
  assert.deepEqual(dp.spec.volumes[0], { hostPath: { path: '/', type: '' }, name: 'host-root' });
  assert.deepEqual(dp.spec.containers[0].volumeMounts[0], { mountPath: '/host', name: 'host-root' });
  assert.equal(dp.status.podIP, nodeIP);
});
