// kubectl port-forward over real local sockets.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'http';
import * as net from 'net';
import { fakeHost, pod, svc } from './network-fixtures';
import { startPortForward, translatePorts, parsePorts, attachablePod, PortForwardError } from '../src/network/portforward';

function get(port: number, host = '127.0.0.1', p = '/'): Promise<{ status: number; headers: string[]; body: string }> {
  return new Promise((resolve, reject) => {
    http.get({ host, port, path: p, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.rawHeaders, body }));
    }).on('error', reject);
  });
}

async function until(cond: () => boolean, ms = 3000): Promise<void> {
  const t0 = Date.now();
  while (!cond()) {
    if (Date.now() - t0 > ms) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
}

function setup() {
  const h = fakeHost();
  const web = pod('alpine-6d4f5-abcde', 'httpd:alpine', '10.244.1.5', 'kind-worker', { app: 'alpine' }, 'default', { container: { name: 'alpine', ports: [{ name: 'http', containerPort: 80 }] } });
  const env = pod('httpenv-7d8f9-fghij', 'jpetazzo/httpenv', '10.244.2.6', 'kind-worker2', { app: 'httpenv' });
  h.add(web, env, svc('alpine-service', 'default', { clusterIP: '10.96.3.3', selector: { app: 'alpine' }, ports: [{ port: 8080, targetPort: 80, protocol: 'TCP' }, { name: 'named', port: 9090, targetPort: 'http', protocol: 'TCP' }] }));
  h.start(env);
  const out: string[] = [];
  const err: string[] = [];
  return { h, web, env, out, err, opts: { out: (s: string) => out.push(s), err: (s: string) => err.push(s) } };
}

test('port-forward to a pod: kubectl\'s lines, a random local port for ":80", the app over real HTTP', async () => {
  const { h, web, out, err, opts } = setup();
  const pf = await startPortForward(h, web, [':80'], opts);
  try {
    const port = pf.ports[0].local;
    assert.ok(port > 0);
    assert.deepEqual(out.slice(0, 2), [`Forwarding from 127.0.0.1:${port} -> 80\n`, `Forwarding from [::1]:${port} -> 80\n`]);
    const r = await get(port);
    assert.equal(r.status, 200);
    assert.equal(r.body, '<html><body><h1>It works!</h1></body></html>\n');
    assert.deepEqual(r.headers.filter((_, i) => i % 2 === 0), ['Date', 'Server', 'Last-Modified', 'ETag', 'Accept-Ranges', 'Content-Length', 'Content-Type']);
    const r6 = await get(port, '::1', '/missing');
    assert.equal(r6.status, 404);
    await until(() => out.filter((l) => l === `Handling connection for ${port}\n`).length === 2);
    assert.match(h.logs[0].line, /^127\.0\.0\.1 - - \[21\/Nov\/2026:19:20:32 \+0000\] "GET \/ HTTP\/1\.1" 200 45$/);
    assert.deepEqual(err, []);
  } finally { pf.close(); }
  assert.deepEqual(await pf.done, { exitCode: 0 });
});

test('services: kubectl translates the service port to the target port (by number or name)', () => {
  const { h, web } = setup();
  const service = h.get('Service', 'default', 'alpine-service')!;
  assert.equal(attachablePod(h, 'default', service.spec.selector)?.metadata.name, 'alpine-6d4f5-abcde');
  assert.deepEqual(translatePorts(['5000:8080', '8080', ':9090', 'named'], { pod: web, service }), ['5000:80', '8080:80', ':80', '9090:80']);
  assert.throws(() => translatePorts(['7777'], { pod: web, service }), /^PortForwardError: Service alpine-service does not have a service port 7777$/);
  assert.throws(() => translatePorts(['nope'], { pod: web, service }), /Service 'alpine-service' does not have a named port 'nope'/);
  assert.deepEqual(translatePorts(['8000:http', 'http'], { pod: web }), ['8000:80', '80']);
  assert.throws(() => translatePorts(['web'], { pod: web }), /Pod 'alpine-6d4f5-abcde' does not have a named port 'web'/);
  assert.deepEqual(parsePorts(['5000', '8888:5000', ':5000', '0:5000']), [{ local: 5000, remote: 5000 }, { local: 8888, remote: 5000 }, { local: 0, remote: 5000 }, { local: 0, remote: 5000 }]);
  assert.throws(() => parsePorts(['a:80']), /error parsing local port 'a': strconv.ParseUint: parsing "a": invalid syntax/);
  assert.throws(() => parsePorts(['80:70000']), /error parsing remote port '70000': strconv.ParseUint: parsing "70000": value out of range/);
  assert.throws(() => parsePorts(['80:0']), /remote port must be > 0/);
  assert.throws(() => parsePorts(['1:2:3']), /invalid port format '1:2:3'/);
});

test('the httpenv pod through a forward answers its environment', async () => {
  const { h, env, opts } = setup();
  const pf = await startPortForward(h, env, ['0:8888'], { ...opts, addresses: ['127.0.0.1'] });
  try {
    const r = await get(pf.ports[0].local);
    assert.equal(JSON.parse(r.body).HOSTNAME, 'httpenv-7d8f9-fghij');
  } finally { pf.close(); }
});

test('nothing listening on the pod port: kubectl logs the error and stops with "lost connection to pod"', async () => {
  const { h, web, err, opts } = setup();
  const pf = await startPortForward(h, web, [':81'], { ...opts, addresses: ['127.0.0.1'] });
  await new Promise<void>((resolve) => {
    const s = net.connect(pf.ports[0].local, '127.0.0.1', () => s.write('GET / HTTP/1.1\r\nHost: x\r\n\r\n'));
    s.on('close', () => resolve());
    s.on('error', () => resolve());
  });
  assert.deepEqual(await pf.done, { exitCode: 1, error: 'lost connection to pod' });
  assert.match(err.join(''), /^E\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ portforward\.go:\d+\] "Unhandled Error" err="an error occurred forwarding \d+ -> 81: error forwarding port 81 to pod [0-9a-f]{64}, uid : failed to execute portforward in network namespace \\"\/var\/run\/netns\/cni-[0-9a-f-]+\\": failed to connect to localhost:81 inside namespace \\"[0-9a-f]{64}\\", IPv4: dial tcp4 127\.0\.0\.1:81: connect: connection refused IPv6 dial tcp6 \[::1\]:81: connect: connection refused "\n$/);
});

test('the pod going away ends the forward; a busy port and a pod not running are kubectl errors', async () => {
  const { h, web, out, err, opts } = setup();
  let present = true;
  const pf = await startPortForward(h, web, [':80'], { ...opts, addresses: ['127.0.0.1'], pollMs: 10, refreshPod: () => (present ? web : undefined) });
  const port = pf.ports[0].local;
  // the same port again: taken
  await assert.rejects(startPortForward(h, web, [`${port}:80`], { ...opts, addresses: ['127.0.0.1'] }), (e: any) => e instanceof PortForwardError && e.message === `unable to listen on any of the requested ports: [{${port} 80}]`);
  assert.match(err.join(''), new RegExp(`^Unable to listen on port ${port}: Listeners failed to create with the following errors: \\[unable to create listener: Error listen tcp4 127\\.0\\.0\\.1:${port}: bind: address already in use\]\n$`));
  present = false;
  assert.deepEqual(await pf.done, { exitCode: 1, error: 'lost connection to pod' });
  await assert.rejects(get(port), /ECONNREFUSED/);
  const pending = pod('later-1', 'nginx', '10.244.2.42', 'kind-worker2', {}, 'default', { phase: 'Pending', ready: false });
  await assert.rejects(startPortForward(h, pending, ['8080:80'], opts), /^PortForwardError: unable to forward port because pod is not running\. Current status=Pending$/);
  assert.ok(out.length >= 1);
});
