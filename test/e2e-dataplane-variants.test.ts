// Variants of the course's data-plane exercises, as a new user tries them: another namespace,
// kubectl's own argument errors for exec/logs/port-forward, the API server's refusals.
// Expected client-side errors are what kubectl v1.32.4 printed (the oracle).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cluster } from './helpers/kubectl';

const c = cluster({ KUBESIM_POD_STARTUP: '0' });
after(() => c.cleanup());

test('-n NS before a verb with subcommands (create deployment, create service, set image)', () => {
  c.k('create', 'namespace', 'demo');
  let r = c.k('-n', 'demo', 'create', 'deployment', 'web', '--image=nginx:1.25-alpine', '--port=80');
  assert.deepEqual([r.stdout, r.stderr, r.code], ['deployment.apps/web created\n', '', 0]);
  r = c.k('-n', 'demo', 'create', 'service', 'clusterip', 'web', '--tcp=80:80');
  assert.deepEqual([r.stdout, r.code], ['service/web created\n', 0]);
  r = c.k('-n', 'demo', 'set', 'image', 'deployment/web', 'nginx=nginx:1.25', '--dry-run=client', '-o', 'name');
  assert.deepEqual([r.stdout, r.code], ['deployment.apps/web\n', 0]);
  assert.match(c.k('get', 'deploy', '-n', 'demo').stdout, /^web +1\/1 /m);
});

test('flags between a verb and its subcommand (cobra skips a flag and its value to find it)', () => {
  c.k('create', 'namespace', 'between');
  let r = c.k('create', '-n', 'between', 'deployment', 'web', '--image=nginx');
  assert.deepEqual([r.stdout, r.stderr, r.code], ['deployment.apps/web created\n', '', 0]);
  r = c.k('create', '--namespace', 'between', 'service', 'nodeport', 'web', '--tcp=80:80', '--dry-run=client', '-o', 'name');
  assert.deepEqual([r.stdout, r.code], ['service/web\n', 0]);
  r = c.k('create', '--dry-run=client', '-o', 'name', 'configmap', 'cm', '--from-literal=a=b');
  assert.deepEqual([r.stdout, r.code], ['configmap/cm\n', 0]);
  r = c.k('set', '--namespace', 'between', 'image', 'deployment/web', 'nginx=nginx:1.25');
  assert.deepEqual([r.stdout, r.code], ['deployment.apps/web image updated\n', 0]);
});

test('kubectl exec argument errors, worded as kubectl 1.32', () => {
  c.k('run', 'bb', '--image=busybox', '--', 'sleep', '3600');
  let r = c.k('exec', 'bb', 'ls');
  assert.deepEqual([r.stdout, r.stderr, r.code], ['', "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n", 1]);
  r = c.k('exec', '-it', 'bb', 'sh');
  assert.equal(r.stderr, "error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee 'kubectl exec -h' for help and examples\n");
  r = c.k('exec', 'bb');
  assert.deepEqual([r.stderr, r.code], ['error: you must specify at least one command for the container\n', 1]);
  r = c.k('exec', 'bb', '--');
  assert.deepEqual([r.stderr, r.code], ['error: you must specify at least one command for the container\n', 1]);
  r = c.k('exec');
  assert.deepEqual([r.stderr, r.code], ['error: pod, type/name or --filename must be specified\n', 1]);
  r = c.k('exec', '--', 'ls');
  assert.deepEqual([r.stderr, r.code], ['error: pod, type/name or --filename must be specified\n', 1]);
  r = c.k('exec', 'bb', 'extra', '--', 'echo', 'hi');
  assert.deepEqual([r.stdout, r.code], ['hi\n', 0], 'arguments between the pod and -- are ignored');
});

test('kubectl exec: the API server refuses a container the pod lacks and a pod on no node', () => {
  let r = c.k('exec', 'bb', '-c', 'nope', '--', 'ls');
  assert.deepEqual([r.stderr, r.code], ['Error from server (BadRequest): container nope is not valid for pod bb\n', 1]);
  c.k('run', 'stuck', '--image=nginx', '--overrides={"spec":{"nodeSelector":{"disk":"none"}}}');
  r = c.k('exec', 'stuck', '--', 'ls');
  assert.deepEqual([r.stderr, r.code], ['Error from server (BadRequest): pod stuck does not have a host assigned\n', 1]);
});

test('kubectl logs: a selector matching no pod, a pod on no node (the API server streams nothing)', () => {
  let r = c.k('logs', '-l', 'app=none', '-n', 'demo');
  assert.deepEqual([r.stdout, r.stderr, r.code], ['', 'No resources found in demo namespace.\n', 0]);
  r = c.k('logs', 'stuck');
  assert.deepEqual([r.stdout, r.stderr, r.code], ['', '', 0]);
  r = c.k('logs', 'stuck', '-f');
  assert.deepEqual([r.stdout, r.stderr, r.code], ['', '', 0], '-f ends at once: there is no stream to follow');
});

test('kubectl logs of a one-shot command shows what it printed, run in the pod (and kept)', () => {
  c.k('create', 'deployment', 'oneshot-web', '--image=nginx');
  c.k('expose', 'deployment', 'oneshot-web', '--port=80');
  c.k('run', 'look', '--image=busybox', '--restart=Never', '--', 'nslookup', 'oneshot-web');
  c.k('run', 'fetch', '--image=busybox', '--restart=Never', '--', 'wget', '-qO-', 'nosuch');
  c.k('run', 'say', '--image=busybox', '--restart=Never', '--', 'sh', '-c', 'echo hello; echo "two words"; hostname');
  const ip = c.k('get', 'svc', 'oneshot-web', '-o', 'jsonpath={.spec.clusterIP}').stdout;
  const look = c.k('logs', 'look');
  assert.ok(look.stdout.startsWith(`Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\nName:\toneshot-web.default.svc.cluster.local\nAddress: ${ip}\n\n`), look.stdout);
  assert.equal(c.k('logs', 'fetch').stdout, "wget: bad address 'nosuch'\n");
  assert.equal(c.k('logs', 'say').stdout, 'hello\ntwo words\nsay\n');
  // Kept with the container's run: the same answer after the service is gone.
  c.k('delete', 'svc', 'oneshot-web');
  assert.equal(c.k('logs', 'look').stdout, look.stdout);
});
