// kubesim ui's server (src/ui/server.ts): the token, the page and its script, the snapshot, and
// the SSE stream that shows a kubectl change made by another process within a second.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'http';
import { cluster } from './helpers/kubectl';
import type { UiServer } from '../src/ui/server';

const c = cluster();
let srv: UiServer;
before(async () => {
  c.k('get', 'nodes'); // bootstrap the cluster file
  process.env.KUBESIM_HOME = c.home;
  process.env.KUBESIM_POD_STARTUP = '0';
  const { Session } = await import('../src/cli/session');
  const { startUiServer } = await import('../src/ui/server');
  srv = await startUiServer(new Session(), { port: 0 });
});
after(async () => { await srv?.close(); c.cleanup(); });

function get(path: string, headers: Record<string, string> = {}): Promise<{ status: number; headers: http.IncomingHttpHeaders; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host: '127.0.0.1', port: srv.port, path, headers }, (res) => {
      let body = '';
      res.on('data', (d) => { body += d; });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body }));
    }).on('error', reject);
  });
}

test('every request needs the one-time token or its cookie', async () => {
  assert.match(srv.url, /^http:\/\/127\.0\.0\.1:\d+\/\?token=[0-9a-f]{32}$/);
  assert.equal((await get('/')).status, 401);
  assert.equal((await get('/api/snapshot')).status, 401);
  assert.equal((await get('/?token=nope')).status, 401);
  const page = await get(`/?token=${srv.token}`);
  assert.equal(page.status, 200);
  assert.match(page.body, /<script src="app.js"><\/script>/);
  const cookie = String(page.headers['set-cookie']).split(';')[0];
  assert.equal(cookie, `kubesim-ui=${srv.token}`);
  const js = await get('/app.js', { Cookie: cookie });
  assert.equal(js.status, 200);
  assert.match(String(js.headers['content-type']), /javascript/);
  assert.ok(js.body.length > 1000);
  assert.equal((await get('/', { Host: 'evil.example:80', Cookie: cookie })).status, 403, 'DNS rebinding');
});

test('the snapshot holds nodes, pods and services', async () => {
  const s = JSON.parse((await get('/api/snapshot', { Cookie: `kubesim-ui=${srv.token}` })).body);
  const keys = s.objects.map((o: any) => o.key);
  assert.ok(keys.includes('Node//kind-control-plane'));
  assert.ok(keys.includes('Service/default/kubernetes'));
  assert.ok(keys.some((k: string) => k.startsWith('Pod/kube-system/coredns-')));
  assert.ok(s.rv > 0);
});

test('a kubectl change from another process reaches the stream within a second', async () => {
  const events: string[] = [];
  const req = http.get({ host: '127.0.0.1', port: srv.port, path: '/api/events', headers: { Cookie: `kubesim-ui=${srv.token}` } });
  const res = await new Promise<http.IncomingMessage>((r) => req.on('response', r));
  assert.equal(res.headers['content-type'], 'text/event-stream');
  res.setEncoding('utf8');
  res.on('data', (d: string) => events.push(d));
  await new Promise<void>((r) => { const t = setInterval(() => { if (events.join('').includes(': connected')) { clearInterval(t); r(); } }, 10); });
  assert.equal(c.k('create', 'deployment', 'live', '--image=nginx', '--replicas=2').code, 0);
  const t0 = Date.now();
  const seen = () => events.join('').split('\n\n').filter((e) => e.startsWith('event: changes')).map((e) => JSON.parse(e.split('\ndata: ')[1]));
  while (!seen().some((m) => m.changes.some((ch: any) => ch.obj?.kind === 'Deployment' && ch.obj.name === 'live')) && Date.now() - t0 < 3000) await new Promise((r) => setTimeout(r, 20));
  assert.ok(Date.now() - t0 < 1000, `seen after ${Date.now() - t0} ms`);
  // the pods, with the fields the page draws
  while (seen().flatMap((m) => m.changes).filter((ch: any) => ch.obj?.kind === 'Pod' && ch.obj.name.startsWith('live-') && ch.obj.ready).length < 2 && Date.now() - t0 < 5000) await new Promise((r) => setTimeout(r, 20));
  const pod = seen().flatMap((m) => m.changes).reverse().find((ch: any) => ch.obj?.kind === 'Pod' && ch.obj.name.startsWith('live-') && ch.obj.ready).obj;
  assert.equal(pod.status, 'Running');
  assert.equal(pod.readyText, '1/1');
  assert.match(pod.owner, /^ReplicaSet\/live-/);
  assert.match(pod.node, /^kind-worker/);
  // a request carried by the data plane comes as a trace record
  assert.equal(c.k('exec', pod.name, '--', 'curl', '-s', 'http://localhost').code, 0);
  while (!events.join('').includes('event: traces') && Date.now() - t0 < 8000) await new Promise((r) => setTimeout(r, 20));
  const tr = events.join('').split('\n\n').find((e) => e.startsWith('event: traces'))!;
  const rec = JSON.parse(tr.split('\ndata: ')[1])[0];
  assert.equal(rec.tool, 'curl');
  assert.equal(rec.from.name, pod.name);
  assert.equal(rec.outcome, 'answered');
  req.destroy();
});
