// The API server's streaming subresources (src/apiserver/streams.ts) against the official
// JavaScript client (@kubernetes/client-node): exec (exit 0, exit 3, stdin, a missing
// executable), attach, port-forward (v4 channels), the kubectl 1.32 SPDY-over-WebSocket tunnel
// and the raw SPDY upgrade (with our own SPDY client), and the log subresource (tail, follow,
// errors). A server started in this process serves the cluster bin/kubectl writes.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'node:fs';
import * as net from 'node:net';
import * as http from 'node:http';
import * as path from 'node:path';
import { Readable, Writable } from 'node:stream';
import { cluster } from './helpers/kubectl';
import { startStreamServer, StreamServer } from './helpers/stream-server';
import { SpdyConnection, SpdyStream } from '../src/apiserver/spdy';
import { rawWebSocket } from './helpers/raw-websocket';

const c = cluster();
let srv: StreamServer;
let k8s: typeof import('@kubernetes/client-node');
let kc: import('@kubernetes/client-node').KubeConfig;

before(async () => {
  assert.equal(c.k('run', 'web', '--image=nginx').code, 0);
  assert.equal(c.k('run', 'box', '--image=busybox', '--restart=Never', '--', 'sleep', '3600').code, 0);
  assert.equal(c.k('run', 'done', '--image=busybox', '--restart=Never', '--', 'true').code, 0);
  fs.writeFileSync(path.join(c.home, 'shell.yaml'), 'apiVersion: v1\nkind: Pod\nmetadata:\n  name: shell\nspec:\n  containers:\n  - name: shell\n    image: busybox\n    command: ["sh"]\n    stdin: true\n');
  assert.equal(c.k('apply', '-f', path.join(c.home, 'shell.yaml')).code, 0);
  await c.until(() => c.k('get', 'pods', '-o', 'jsonpath={.items[*].status.phase}').stdout === 'Running Succeeded Running Running');
  srv = await startStreamServer(c.home);
  k8s = await import('@kubernetes/client-node');
  kc = new k8s.KubeConfig();
  kc.loadFromOptions({
    clusters: [{ name: 'sim', server: srv.url, skipTLSVerify: true }],
    users: [{ name: 'me' }],
    contexts: [{ name: 'sim', cluster: 'sim', user: 'me' }],
    currentContext: 'sim',
  });
});
after(async () => { await srv?.close(); c.cleanup(); });

/** A writable that keeps what it was given. */
function sink(): Writable & { text: () => string } {
  let buf = '';
  const w = new Writable({ write(chunk, _enc, cb) { buf += chunk.toString(); cb(); } }) as Writable & { text: () => string };
  w.text = () => buf;
  return w;
}

async function execIn(pod: string, command: string[], stdin?: string): Promise<{ stdout: string; stderr: string; status: any }> {
  const out = sink();
  const err = sink();
  return new Promise((resolve, reject) => {
    new k8s.Exec(kc).exec('default', pod, '', command, out, err, stdin === undefined ? null : Readable.from([stdin]), false,
      (status) => resolve({ stdout: out.text(), stderr: err.text(), status })).catch(reject);
  });
}

test('exec: output, exit 0 as a Success status', async () => {
  const r = await execIn('box', ['sh', '-c', 'echo hello; echo oops >&2']);
  assert.equal(r.stdout, 'hello\n');
  assert.equal(r.stderr, 'oops\n');
  assert.deepEqual(r.status, { metadata: {}, status: 'Success' });
});

test('exec: exit 3 as a NonZeroExitCode status with an ExitCode cause', async () => {
  const r = await execIn('box', ['sh', '-c', 'exit 3']);
  assert.deepEqual(r.status, {
    metadata: {}, status: 'Failure', reason: 'NonZeroExitCode',
    message: 'command terminated with non-zero exit code: command terminated with exit code 3',
    details: { causes: [{ reason: 'ExitCode', message: '3' }] },
  });
});

test('exec: stdin until the client closes it (v5 close channel)', async () => {
  const r = await execIn('box', ['cat'], 'line one\nline two\n');
  assert.equal(r.stdout, 'line one\nline two\n');
  assert.equal(r.status.status, 'Success');
});

test('exec: an executable the image lacks is an InternalError, worded as through the API server', async () => {
  const r = await execIn('box', ['curl', 'http://web']);
  assert.equal(r.status.reason, 'InternalError');
  assert.equal(r.status.code, 500);
  assert.match(r.status.message, /^Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in \$PATH: unknown$/);
});

test('exec: a pod that does not exist is refused before the upgrade (404)', async () => {
  await assert.rejects(execIn('nope', ['true']), (e: any) => /404|Unexpected server response: 404/.test(String(e?.message ?? e)));
});

test('exec: a container that is not running is refused after the upgrade (v5), before it (v4)', async () => {
  const r = await execIn('done', ['true']);
  assert.deepEqual(r.status, {
    metadata: {}, status: 'Failure', reason: 'InternalError', code: 500,
    message: 'Internal error occurred: unable to upgrade connection: container not found ("done")',
    details: { causes: [{ message: 'unable to upgrade connection: container not found ("done")' }] },
  });
  const { WebSocket } = require('ws') as typeof import('ws');
  const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/api/v1/namespaces/default/pods/done/exec?command=true&stdout=true`, ['v4.channel.k8s.io']);
  const answer = await new Promise<{ code: number; body: string }>((resolve) => ws.on('unexpected-response', (_req, res) => {
    let body = '';
    res.on('data', (d) => { body += d; });
    res.on('end', () => resolve({ code: res.statusCode!, body }));
  }));
  assert.deepEqual(answer, { code: 500, body: 'container not found ("done")' });
});

test('exec: v4.channel.k8s.io (the Python client) gets the kubelet status wording', async () => {
  const { WebSocket } = require('ws') as typeof import('ws');
  const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/api/v1/namespaces/default/pods/box/exec?command=sh&command=-c&command=exit%207&stdout=true&stderr=true`, ['v4.channel.k8s.io']);
  const frames: Buffer[] = [];
  ws.on('message', (d: Buffer) => frames.push(Buffer.from(d)));
  await new Promise((r) => ws.on('close', r));
  assert.equal(ws.protocol, 'v4.channel.k8s.io');
  assert.deepEqual(frames[0], Buffer.from([1]), 'first an empty stdout frame: the connection is up');
  const status = frames.find((f) => f[0] === 3)!;
  assert.equal(status.subarray(1).toString(), '{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: error executing command [sh -c exit 7], exit code 7","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"7"}]}}');
});

test('exec -t: the terminal echoes what is typed, runs it on Enter, and a resize is accepted', async () => {
  const { WebSocket } = require('ws') as typeof import('ws');
  const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/api/v1/namespaces/default/pods/box/exec?command=sh&stdin=true&stdout=true&tty=true`, ['v5.channel.k8s.io']);
  let screen = '';
  let status = '';
  ws.on('message', (d: Buffer) => { if (d[0] === 1) screen += d.subarray(1).toString(); if (d[0] === 3) status = d.subarray(1).toString(); });
  await new Promise((r) => ws.on('open', r));
  ws.send(Buffer.concat([Buffer.from([4]), Buffer.from('{"Width":100,"Height":30}')]));
  ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('echo hi\r')]));
  await c.until(() => /echo hi\r\nhi\r\n/.test(screen), 5000);
  ws.send(Buffer.concat([Buffer.from([0]), Buffer.from('exit\r')]));
  await new Promise((r) => ws.on('close', r));
  assert.equal(status, '{"metadata":{},"status":"Success"}');
});

test('exec: v4.base64.channel.k8s.io sends text messages, the channel as a digit and base64 data', async () => {
  const { WebSocket } = require('ws') as typeof import('ws');
  const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/api/v1/namespaces/default/pods/box/exec?command=echo&command=b64&stdout=true`, ['v4.base64.channel.k8s.io']);
  const frames: string[] = [];
  ws.on('message', (d: Buffer, isBinary: boolean) => { assert.equal(isBinary, false); frames.push(d.toString()); });
  await new Promise((r) => ws.on('close', r));
  assert.deepEqual(frames, ['1', `1${Buffer.from('b64\n').toString('base64')}`, `3${Buffer.from('{"metadata":{},"status":"Success"}').toString('base64')}`]);
});

test('attach: an interactive container runs its command with the client\'s stdin', async () => {
  const out = sink();
  const status = await new Promise<any>((resolve, reject) => {
    new k8s.Attach(kc).attach('default', 'shell', 'shell', out, null, Readable.from(['echo attached\n', 'exit\n']), false)
      .then((ws) => ws.on('message', (d: Buffer) => { if (d[0] === 3) resolve(JSON.parse(d.subarray(1).toString())); }), reject);
  });
  assert.equal(out.text(), 'attached\n');
  assert.deepEqual(status, { metadata: {}, status: 'Success' });
});

test('attach: a server container shows what it prints from now on', async () => {
  const out = sink();
  const ws = await new k8s.Attach(kc).attach('default', 'web', 'web', out, null, null, false);
  // Traffic to nginx writes an access log line, which the attached client sees.
  const ip = c.k('get', 'pod', 'web', '-o', 'jsonpath={.status.podIP}').stdout;
  assert.equal(c.k('exec', 'box', '--', 'wget', '-qO-', `http://${ip}/`).code, 0);
  await c.until(() => /"GET \/ HTTP\/1\.1" 200 615/.test(out.text()), 5000);
  ws.close();
});

function httpGet(port: number, pathname = '/'): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port, path: pathname, agent: false }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode!, body, headers: res.headers }));
    }).on('error', reject);
  });
}

test('port-forward: client-node (v4 channels) reaches the pod\'s app', async () => {
  const pf = new k8s.PortForward(kc);
  const local = net.createServer((sock) => { pf.portForward('default', 'web', [80], sock, null, sock).catch(() => sock.destroy()); });
  await new Promise<void>((r) => local.listen(0, '127.0.0.1', r));
  try {
    const r = await httpGet((local.address() as net.AddressInfo).port);
    assert.equal(r.status, 200);
    assert.match(r.body, /<title>Welcome to nginx!<\/title>/);
    assert.match(String(r.headers.server), /^nginx\//);
  } finally { local.close(); }
});

test('port-forward: v4 channels start with the port, and a closed port says why on the error channel', async () => {
  const { WebSocket } = require('ws') as typeof import('ws');
  const ws = new WebSocket(`${srv.url.replace('http', 'ws')}/api/v1/namespaces/default/pods/web/portforward?ports=81`, ['v4.channel.k8s.io']);
  const frames: Buffer[] = [];
  ws.on('message', (d: Buffer) => frames.push(Buffer.from(d)));
  await new Promise((r) => ws.on('close', r));
  assert.deepEqual(frames.slice(0, 2), [Buffer.from([0, 81, 0]), Buffer.from([1, 81, 0])]);
  assert.match(frames[2].subarray(1).toString(), /^error forwarding port 81 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace "\/var\/run\/netns\/cni-[-0-9a-f]+": failed to connect to localhost:81 inside namespace "[0-9a-f]{64}", IPv4: dial tcp4 127\.0\.0\.1:81: connect: connection refused IPv6 dial tcp6 \[::1\]:81: connect: connection refused $/);
  assert.equal(frames[2][0], 1);
});

/** A port-forward connection as kubectl makes it: an error stream, a data stream, then the bytes. */
async function spdyRequest(conn: SpdyConnection, port: number, requestId: number, request: string): Promise<{ data: string; error: string }> {
  const error = conn.openStream({ streamtype: ['error'], port: [String(port)], requestid: [String(requestId)] });
  error.end();
  const data = conn.openStream({ streamtype: ['data'], port: [String(port)], requestid: [String(requestId)] });
  const read = (s: SpdyStream) => new Promise<string>((r) => { let t = ''; s.consume((b) => { t += b.toString(); }, () => r(t)); });
  const [d, e] = [read(data), read(error)];
  data.write(request);
  data.end();
  return { data: await d, error: await e };
}

test('port-forward: the SPDY/3.1+portforward.k8s.io WebSocket tunnel (kubectl 1.32)', async () => {
  const ws = await rawWebSocket(`${srv.url.replace('http', 'ws')}/api/v1/namespaces/default/pods/web/portforward`, 'SPDY/3.1+portforward.k8s.io');
  assert.equal(ws.protocol, 'SPDY/3.1+portforward.k8s.io');
  const conn = new SpdyConnection({ server: false, write: (b) => ws.send(b) });
  ws.onMessage((d) => conn.feed(d));
  const r = await spdyRequest(conn, 80, 0, 'GET / HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n');
  assert.match(r.data, /^HTTP\/1\.1 200 OK\r\nServer: nginx\/[\d.]+\r\n/);
  assert.equal(r.error, '');
  const refused = await spdyRequest(conn, 9999, 1, 'x');
  assert.equal(refused.data, '');
  assert.match(refused.error, /^error forwarding port 9999 to pod [0-9a-f]{64}, uid : failed to execute portforward/);
  ws.close();
  await ws.closed;
});

test('port-forward: the raw SPDY upgrade (kubectl\'s fallback)', async () => {
  const sock = net.connect(srv.port, '127.0.0.1');
  sock.write('POST /api/v1/namespaces/default/pods/web/portforward HTTP/1.1\r\nHost: x\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\nX-Stream-Protocol-Version: portforward.k8s.io\r\nContent-Length: 0\r\n\r\n');
  let head = Buffer.alloc(0);
  const conn = new SpdyConnection({ server: false, write: (b) => sock.write(b) });
  await new Promise<void>((resolve) => {
    const onData = (d: Buffer) => {
      head = Buffer.concat([head, d]);
      const i = head.indexOf('\r\n\r\n');
      if (i < 0) return;
      assert.match(head.subarray(0, i).toString(), /^HTTP\/1\.1 101 Switching Protocols\r\n[\s\S]*X-Stream-Protocol-Version: portforward\.k8s\.io/);
      sock.off('data', onData);
      sock.on('data', (b: Buffer) => conn.feed(b));
      if (head.length > i + 4) conn.feed(head.subarray(i + 4));
      resolve();
    };
    sock.on('data', onData);
  });
  const r = await spdyRequest(conn, 80, 0, 'GET /missing HTTP/1.1\r\nHost: localhost\r\n\r\n');
  assert.match(r.data, /^HTTP\/1\.1 404 Not Found\r\n/);
  sock.destroy();
});

test('log: tailLines, and follow sees new lines as the app writes them', async () => {
  const all = await (await fetch(`${srv.url}/api/v1/namespaces/default/pods/web/log`)).text();
  assert.match(all, /Configuration complete; ready for start up\n/);
  const tail = await fetch(`${srv.url}/api/v1/namespaces/default/pods/web/log?tailLines=1`);
  assert.equal(tail.headers.get('content-type'), 'text/plain');
  assert.equal(tail.headers.get('transfer-encoding'), 'chunked');
  assert.equal((await tail.text()).split('\n').length, 2);

  const got = sink();
  const req = await new k8s.Log(kc).log('default', 'web', 'web', got, { follow: true, tailLines: 0 });
  const ip = c.k('get', 'pod', 'web', '-o', 'jsonpath={.status.podIP}').stdout;
  assert.equal(c.k('exec', 'box', '--', 'wget', '-qO-', `http://${ip}/followed`).code, 1);
  await c.until(() => /"GET \/followed HTTP\/1\.1" 404/.test(got.text()), 5000);
  req.abort();
});

let firstLog = '';
const all10 = () => Buffer.from(firstLog).subarray(0, 10).toString();

test('log: errors as the API server words them', async () => {
  firstLog = await (await fetch(`${srv.url}/api/v1/namespaces/default/pods/web/log`)).text();
  const missing = await fetch(`${srv.url}/api/v1/namespaces/default/pods/nope/log`);
  assert.equal(missing.status, 404);
  assert.equal(await missing.text(), '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"nope\\" not found","reason":"NotFound","details":{"name":"nope","kind":"pods"},"code":404}');
  const bad = await fetch(`${srv.url}/api/v1/namespaces/default/pods/web/log?container=side`);
  assert.equal(bad.status, 400);
  assert.equal((await bad.json() as any).message, 'container side is not valid for pod web');
  const prev = await fetch(`${srv.url}/api/v1/namespaces/default/pods/web/log?previous=true`);
  assert.equal((await prev.json() as any).message, 'previous terminated container "web" in pod "web" not found');
  const stamped = await (await fetch(`${srv.url}/api/v1/namespaces/default/pods/web/log?timestamps=true&tailLines=2`)).text();
  assert.match(stamped, /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{9}Z .*\n){2}$/);
  assert.equal(await (await fetch(`${srv.url}/api/v1/namespaces/default/pods/web/log?limitBytes=10`)).text(), all10());
  const neg = await fetch(`${srv.url}/api/v1/namespaces/default/pods/web/log?tailLines=-1`);
  assert.equal(neg.status, 422);
  assert.equal((await neg.json() as any).message, 'PodLogOptions "web" is invalid: tailLines: Invalid value: -1: must be greater than or equal to 0');
});
