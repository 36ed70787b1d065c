// The real kubectl (v1.32, /usr/bin/kubectl) against the streaming subresources: exec over
// WebSocket v5 (exit codes, stdin, the runtime's errors), port-forward through the SPDY-over-
// WebSocket tunnel (Go's spdystream with real zlib header compression), logs. Skipped where
// the real kubectl is not installed.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as http from 'node:http';
import * as path from 'node:path';
import { spawn } from 'node:child_process';
import { cluster } from './helpers/kubectl';
import { startStreamServer, StreamServer } from './helpers/stream-server';

const REAL = '/usr/bin/kubectl';
const have = fs.existsSync(REAL);
const c = cluster();
let srv: StreamServer;
let kenv: NodeJS.ProcessEnv;

before(async () => {
  if (!have) return;
  assert.equal(c.k('run', 'web', '--image=nginx').code, 0);
  assert.equal(c.k('run', 'box', '--image=busybox', '--restart=Never', '--', 'sleep', '3600').code, 0);
  await c.until(() => c.k('get', 'pods', '-o', 'jsonpath={.items[*].status.phase}').stdout === 'Running Running');
  srv = await startStreamServer(c.home);
  const home = path.join(c.home, 'realhome');
  fs.mkdirSync(home);
  const kubeconfig = path.join(home, 'config');
  fs.writeFileSync(kubeconfig, `apiVersion: v1\nkind: Config\nclusters:\n- name: sim\n  cluster:\n    server: ${srv.url}\nusers:\n- name: me\n  user: {}\ncontexts:\n- name: sim\n  context:\n    cluster: sim\n    user: me\n    namespace: default\ncurrent-context: sim\n`);
  kenv = { PATH: process.env.PATH, HOME: home, KUBECONFIG: kubeconfig };
});
after(async () => { await srv?.close(); c.cleanup(); });

/** Run the real kubectl without blocking this process (the server runs here). */
function real(args: string[], input?: string): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const p = spawn(REAL, args, { env: kenv });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('close', (code) => resolve({ stdout, stderr, code: code ?? -1 }));
    p.stdin.end(input ?? '');
  });
}

test('kubectl exec: output and exit code 0', { skip: !have && 'the real kubectl is not installed' }, async () => {
  const r = await real(['exec', 'box', '--', 'sh', '-c', 'echo hello; echo oops >&2']);
  assert.deepEqual(r, { stdout: 'hello\n', stderr: 'oops\n', code: 0 });
});

test('kubectl exec: a non-zero exit code', { skip: !have && 'the real kubectl is not installed' }, async () => {
  const r = await real(['exec', 'box', '--', 'sh', '-c', 'echo hi; exit 3']);
  assert.deepEqual(r, { stdout: 'hi\n', stderr: 'command terminated with exit code 3\n', code: 3 });
});

test('kubectl exec -i: stdin', { skip: !have && 'the real kubectl is not installed' }, async () => {
  const r = await real(['exec', '-i', 'box', '--', 'cat'], 'one\ntwo\n');
  assert.deepEqual(r, { stdout: 'one\ntwo\n', stderr: '', code: 0 });
});

test('kubectl exec: an executable the image lacks', { skip: !have && 'the real kubectl is not installed' }, async () => {
  const r = await real(['exec', 'box', '--', 'curl', 'web']);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in \$PATH: unknown\n$/);
});

test('kubectl exec: a container that is not there', { skip: !have && 'the real kubectl is not installed' }, async () => {
  const r = await real(['exec', 'box', '-c', 'side', '--', 'true']);
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'Error from server (BadRequest): container side is not valid for pod box\n');
});

test('kubectl port-forward: through the SPDY-over-WebSocket tunnel', { skip: !have && 'the real kubectl is not installed' }, async () => {
  const p = spawn(REAL, ['port-forward', 'pod/web', ':80'], { env: kenv });
  let out = '';
  p.stdout.on('data', (d) => { out += d; });
  p.stderr.on('data', (d) => { out += d; });
  try {
    await c.until(() => /Forwarding from 127\.0\.0\.1:\d+ -> 80/.test(out), 10000);
    const port = Number(/127\.0\.0\.1:(\d+)/.exec(out)![1]);
    for (const pathname of ['/', '/again']) {
      const r = await new Promise<{ status: number; body: string }>((resolve, reject) => {
        http.get({ host: '127.0.0.1', port, path: pathname, agent: false }, (res) => {
          let body = '';
          res.on('data', (d) => { body += d; });
          res.on('end', () => resolve({ status: res.statusCode!, body }));
        }).on('error', reject);
      });
      assert.equal(r.status, pathname === '/' ? 200 : 404);
      assert.match(r.body, /nginx/);
    }
    assert.match(out, new RegExp(`Handling connection for ${port}\\n`));
    assert.ok(srv.requests.some((r) => /portforward upgrade=websocket$/.test(r)), 'the tunnel, not the SPDY fallback');
  } finally {
    p.kill('SIGINT');
  }
});

test('kubectl logs: --tail', { skip: !have && 'the real kubectl is not installed' }, async () => {
  const r = await real(['logs', 'web', '--tail=1']);
  assert.equal(r.code, 0);
  assert.equal(r.stdout, c.k('logs', 'web', '--tail=1').stdout);
});

test('kubectl exec over SPDY (KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false)', { skip: !have && 'the real kubectl is not installed' }, async () => {
  const saved = kenv;
  kenv = { ...kenv, KUBECTL_REMOTE_COMMAND_WEBSOCKETS: 'false' };
  try {
    assert.deepEqual(await real(['exec', 'box', '--', 'sh', '-c', 'echo hi; exit 3']), { stdout: 'hi\n', stderr: 'command terminated with exit code 3\n', code: 3 });
    assert.deepEqual(await real(['exec', '-i', 'box', '--', 'cat'], 'one\ntwo\n'), { stdout: 'one\ntwo\n', stderr: '', code: 0 });
    // Through the API server's SPDY proxy, the kubelet's wording: one "Internal error occurred".
    const r = await real(['exec', 'box', '--', 'curl', 'web']);
    assert.equal(r.code, 1);
    assert.match(r.stderr, /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in \$PATH: unknown\n$/);
    assert.ok(srv.requests.some((x) => /\/exec\?.* upgrade=SPDY\/3\.1$/.test(x)));
  } finally { kenv = saved; }
});

test('kubectl logs -f and kubectl attach: the access lines as the app writes them', { skip: !have && 'the real kubectl is not installed' }, async () => {
  const ip = c.k('get', 'pod', 'web', '-o', 'jsonpath={.status.podIP}').stdout;
  const watchers = [['logs', '-f', 'web', '--tail=0'], ['attach', 'web']].map((args) => {
    const p = spawn(REAL, args, { env: kenv });
    let out = '';
    p.stdout.on('data', (d) => { out += d; });
    return { p, out: () => out };
  });
  try {
    await c.until(() => srv.requests.some((r) => /\/pods\/web\/log\?.*follow=true/.test(r)) && srv.requests.some((r) => /\/pods\/web\/attach\?.* upgrade=websocket$/.test(r)), 10000);
    assert.equal(c.k('exec', 'box', '--', 'wget', '-qO-', `http://${ip}/followed`).code, 1);
    for (const w of watchers) await c.until(() => /"GET \/followed HTTP\/1\.1" 404 153 "-" "Wget" "-"\n/.test(w.out()), 5000);
  } finally {
    for (const w of watchers) w.p.kill('SIGINT');
  }
});
