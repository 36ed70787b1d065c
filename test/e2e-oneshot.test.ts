// One-shot containers (`kubectl run X --image=busybox -- CMD`) end with what their command does
// in the simulated data plane: the exit code and status follow the command's run (the same run
// `kubectl logs` shows), restartPolicy decides what comes next, and sleeps in a script count.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cluster, lines } from './helpers/kubectl';

const c = cluster();
after(() => c.cleanup());

const status = (pod: string, k = c) => lines(k.k('get', 'pod', pod, '--no-headers').stdout)[0]?.split(/\s+/)[2];
const exitCode = (pod: string, k = c) => k.k('get', 'pod', pod, '-o', 'jsonpath={.status.containerStatuses[0].state.terminated.exitCode}').stdout;

test('wget of a service that exists: Completed, exit 0, the page in the logs', () => {
  assert.equal(c.k('create', 'deployment', 'web', '--image=nginx').code, 0);
  assert.equal(c.k('expose', 'deployment', 'web', '--port=80').code, 0);
  assert.equal(c.k('run', 'ok', '--image=busybox', '--restart=Never', '--', 'wget', '-qO-', 'web').stdout, 'pod/ok created\n');
  assert.equal(status('ok'), 'Completed');
  assert.equal(exitCode('ok'), '0');
  assert.match(c.k('logs', 'ok').stdout, /<title>Welcome to nginx!<\/title>/);
});

test('wget of a name that does not resolve: Error, exit 1, as the logs say', () => {
  assert.equal(c.k('run', 'bad', '--image=busybox', '--restart=Never', '--', 'wget', '-qO-', 'nosuch').code, 0);
  assert.equal(status('bad'), 'Error');
  assert.equal(exitCode('bad'), '1');
  assert.equal(c.k('get', 'pod', 'bad', '-o', 'jsonpath={.status.phase}').stdout, 'Failed');
  assert.equal(c.k('logs', 'bad').stdout, "wget: bad address 'nosuch'\n");
  const d = c.k('describe', 'pod', 'bad').stdout;
  assert.match(d, /State: +Terminated\n +Reason: +Error\n +Exit Code: +1\n/);
});

test('nslookup of a name that does not exist, restartPolicy Never: Error', () => {
  assert.equal(c.k('run', 'ns', '--image=busybox', '--restart=Never', '--', 'nslookup', 'nosuch').code, 0);
  assert.equal(status('ns'), 'Error');
  assert.notEqual(exitCode('ns'), '0');
});

test('restartPolicy OnFailure: a failing command restarts, its exit code kept as the last state', async () => {
  assert.equal(c.k('run', 'c', '--image=busybox', '--restart=OnFailure', '--', 'sh', '-c', 'exit 3').code, 0);
  assert.equal(status('c'), 'Error');
  assert.equal(exitCode('c'), '3');
  await c.until(() => Number(c.k('get', 'pod', 'c', '-o', 'jsonpath={.status.containerStatuses[0].restartCount}').stdout) >= 1, 10000);
  await c.until(() => ['Error', 'CrashLoopBackOff'].includes(status('c')!), 10000);
  assert.equal(c.k('get', 'pod', 'c', '-o', 'jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}').stdout, '3');
  assert.equal(c.k('get', 'pod', 'c', '-o', 'jsonpath={.status.phase}').stdout, 'Running');
});

test('restartPolicy OnFailure: a command that succeeds does not restart', () => {
  assert.equal(c.k('run', 'okf', '--image=busybox', '--restart=OnFailure', '--', 'wget', '-qO-', 'web').code, 0);
  assert.equal(status('okf'), 'Completed');
});

test('a script that sleeps: Running for its sleep, then Completed with both lines', async () => {
  const t0 = Date.now();
  assert.equal(c.k('run', 's', '--image=busybox', '--restart=Never', '--', 'sh', '-c', 'echo hi; sleep 1; echo bye').code, 0);
  assert.ok(Date.now() - t0 < 1000 || status('s') === 'Completed');
  if (Date.now() - t0 < 800) assert.equal(status('s'), 'Running');
  await c.until(() => status('s') === 'Completed', 5000);
  assert.ok(Date.now() - t0 >= 900, 'completed before its sleep was over');
  assert.equal(c.k('logs', 's').stdout, 'hi\nbye\n');
});

test('a slow start-up: the command runs when the container starts, in whichever invocation that is', async () => {
  // 2 s: long enough that the next command still sees the pod starting on a loaded machine
  const d = cluster({ KUBESIM_POD_STARTUP: '2' });
  try {
    assert.equal(d.k('run', 'late', '--image=busybox', '--restart=Never', '--', 'wget', '-qO-', 'nosuch').code, 0);
    // still starting (a loaded machine may already show ContainerCreating)
    assert.match(status('late', d), /^(Pending|ContainerCreating)$/);
    await d.until(() => status('late', d) === 'Error', 20000);
    assert.equal(exitCode('late', d), '1');
  } finally { d.cleanup(); }
});

test('a container with stdin (run -i) is not one-shot', () => {
  const r = c.kIn('echo hello\n', 'run', 'it', '--image=busybox', '--restart=Never', '-i', '--rm', '--', 'sh');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /hello/);
});
