// kube-proxy rules and the pod network.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect, ping, serviceBackends } from '../src/network/proxy';
import { NetView } from '../src/network/host';
import { fakeHost, pod, svc, FakeHost } from './network-fixtures';
import { runExec } from '../src/network/shell';

function cluster(random?: number[]): { h: FakeHost; client: any } {
  const h = fakeHost({ random });
  const dest = (i: number, node: string) => pod(`destination-6f66576498-x${i}`, 'traefik/whoami', `10.244.${node === 'kind-worker' ? 1 : 2}.${10 + i}`, node, { app: 'destination' }, 'default', { container: { name: 'whoami', ports: [{ name: 'web', containerPort: 80 }] } });
  h.add(dest(1, 'kind-worker'), dest(2, 'kind-worker2'), dest(3, 'kind-worker2'));
  h.add(svc('svc-destination', 'default', { clusterIP: '10.96.76.46', selector: { app: 'destination' }, ports: [{ port: 8080, targetPort: 80, protocol: 'TCP' }] }));
  h.add(svc('by-name', 'default', { clusterIP: '10.96.76.47', selector: { app: 'destination' }, ports: [{ port: 9000, targetPort: 'web', protocol: 'TCP' }] }));
  h.add(svc('np', 'default', { type: 'NodePort', clusterIP: '10.96.76.48', selector: { app: 'destination' }, ports: [{ port: 8080, targetPort: 80, nodePort: 31202, protocol: 'TCP' }] }));
  h.add(svc('np-local', 'default', { type: 'NodePort', externalTrafficPolicy: 'Local', clusterIP: '10.96.76.49', selector: { app: 'destination' }, ports: [{ port: 8080, targetPort: 80, nodePort: 31203, protocol: 'TCP' }] }));
  h.add({ ...svc('lb', 'default', { type: 'LoadBalancer', clusterIP: '10.96.76.50', externalIPs: ['192.168.99.9'], selector: { app: 'destination' }, ports: [{ port: 80, targetPort: 80, nodePort: 30489, protocol: 'TCP' }] }), status: { loadBalancer: { ingress: [{ ip: '172.18.255.200', ipMode: 'VIP' }] } } });
  h.add(svc('sticky', 'default', { clusterIP: '10.96.76.51', sessionAffinity: 'ClientIP', selector: { app: 'destination' }, ports: [{ port: 80, targetPort: 80, protocol: 'TCP' }] }));
  h.add(svc('empty', 'default', { clusterIP: '10.96.76.52', selector: { app: 'nothing' }, ports: [{ port: 80, protocol: 'TCP' }] }));
  for (const s of ['svc-destination', 'by-name', 'np', 'np-local', 'lb', 'sticky', 'empty']) h.syncEndpoints('default', s);
  const client = pod('origin-5b945ff9c5-ncx9r', 'nicolaka/netshoot', '10.244.1.20', 'kind-worker', { app: 'origin' }, 'default', { container: { command: ['sleep', '1000000'] } });
  h.add(client);
  h.start(client);
  return { h, client };
}

/** a pinned pseudo-random sequence */
const lcg = (n: number) => { let x = 12345; return Array.from({ length: n }, () => ((x = (x * 1103515245 + 12345) % 2147483648) / 2147483648)); };
const src = (p: any) => ({ ip: p.status.podIP, pod: p });
const where = (c: ReturnType<typeof connect>) => (c.kind === 'connected' && c.dst.type === 'pod' ? `${c.dst.pod.metadata.name}:${c.dst.port}` : c.kind);

test('ClusterIP:port goes to a random ready endpoint on the target port', () => {
  const { h, client } = cluster(lcg(97));
  const seen = new Set<string>();
  for (let i = 0; i < 30; i++) seen.add(where(connect(new NetView(h), src(client), '10.96.76.46', 8080)));
  assert.deepEqual([...seen].sort(), ['destination-6f66576498-x1:80', 'destination-6f66576498-x2:80', 'destination-6f66576498-x3:80']);
});

test('a port the service does not expose is dropped (timeout); a service without endpoints rejects (refused)', () => {
  const { h, client } = cluster();
  const v = new NetView(h);
  assert.equal(connect(v, src(client), '10.96.76.46', 9999).kind, 'timeout');
  assert.equal(connect(v, src(client), '10.96.76.52', 80).kind, 'refused');
  assert.equal(connect(v, src(client), '10.96.200.200', 80).kind, 'timeout', 'an unallocated service IP');
});

test('targetPort by name is resolved from the endpoints', () => {
  const { h, client } = cluster();
  const v = new NetView(h);
  assert.match(where(connect(v, src(client), '10.96.76.47', 9000)), /:80$/);
  assert.deepEqual(serviceBackends(v, h.get('Service', 'default', 'by-name')!, { port: 9000, targetPort: 'web', protocol: 'TCP' }).map((b) => b.port), [80, 80, 80]);
});

test('NodePort on every node address, LoadBalancer ingress IP, externalIPs', () => {
  const { h, client } = cluster();
  for (const node of ['172.18.0.2', '172.18.0.3', '172.18.0.4']) assert.match(where(connect(new NetView(h), src(client), node, 31202)), /^destination-.*:80$/, node);
  assert.match(where(connect(new NetView(h), src(client), '172.18.255.200', 80)), /^destination-/);
  assert.match(where(connect(new NetView(h), src(client), '192.168.99.9', 80)), /^destination-/);
  assert.match(where(connect(new NetView(h), src(client), '172.18.0.3', 30489)), /^destination-/);
  assert.equal(connect(new NetView(h), src(client), '172.18.255.200', 8080).kind, 'timeout');
  // the pod sees the node (masquerade), not the client
  const c = connect(new NetView(h), src(client), '172.18.0.4', 31202);
  assert.ok(c.kind === 'connected' && !c.peer.ip.startsWith('10.244.1.20'));
  // externalTrafficPolicy: Local only reaches pods on the node that received the traffic
  for (let i = 0; i < 5; i++) assert.equal(where(connect(new NetView(h), src(client), '172.18.0.3', 31203)), 'destination-6f66576498-x1:80');
  assert.equal(connect(new NetView(h), src(client), '172.18.0.2', 31203).kind, 'timeout', 'no local endpoint on the control plane');
  assert.equal(connect(new NetView(h), src(client), '172.18.0.3', 31999).kind, 'refused', 'a node port nobody owns');
});

test('ClientIP session affinity sticks to one endpoint', () => {
  const { h, client } = cluster([0.1, 0.5, 0.9, 0.3, 0.7]);
  const first = where(connect(new NetView(h), src(client), '10.96.76.51', 80));
  for (let i = 0; i < 5; i++) assert.equal(where(connect(new NetView(h), src(client), '10.96.76.51', 80)), first);
});

test('pod IPs: the app if it listens, a reset if not, nothing for an unused address; ping answers, ClusterIPs do not', () => {
  const { h, client } = cluster();
  const v = new NetView(h);
  assert.equal(where(connect(v, src(client), '10.244.1.11', 80)), 'destination-6f66576498-x1:80');
  assert.equal(connect(v, src(client), '10.244.1.11', 8080).kind, 'refused');
  assert.equal(connect(v, src(client), '10.244.1.99', 80).kind, 'unreachable');
  assert.ok(ping(v, src(client), '10.244.2.12'));
  assert.equal(ping(v, src(client), '10.96.76.46'), undefined);
  assert.ok(ping(v, src(client), '172.18.0.3'));
});

test('the kubernetes service reaches the API server over HTTPS', async () => {
  const { h, client } = cluster();
  let r = await runExec(h, client, undefined, ['curl', '-sk', 'https://kubernetes.default.svc/version'], { tty: false, interactive: false });
  assert.match(r.stdout, /"gitVersion": "v1\.32\.2"/);
  r = await runExec(h, client, undefined, ['curl', '-sk', 'https://kubernetes/api'], { tty: false, interactive: false });
  assert.match(r.stdout, /"message": "forbidden: User \\"system:anonymous\\" cannot get path \\"\/api\\""/);
  r = await runExec(h, client, undefined, ['curl', '-sS', 'https://10.96.0.1/'], { tty: false, interactive: false });
  assert.equal(r.exitCode, 60);
  assert.match(r.stderr, /^curl: \(60\) SSL certificate problem: unable to get local issuer certificate\n/);
});

test('from inside the origin pod: curl through the service, errors as curl reports them', async () => {
  const { h, client } = cluster(lcg(89));
  const hosts = new Set<string>();
  for (let i = 0; i < 6; i++) {
    const r = await runExec(h, client, undefined, ['curl', '-s', 'svc-destination:8080'], { tty: false, interactive: false });
    assert.equal(r.exitCode, 0);
    assert.match(r.stdout, /^Hostname: destination-6f66576498-x\d\nIP: 127\.0\.0\.1\nIP: ::1\nIP: 10\.244\.\d\.1\d\nIP: fe80::[0-9a-f:]+\nRemoteAddr: 10\.244\.1\.20:\d+\nGET \/ HTTP\/1\.1\nHost: svc-destination:8080\nUser-Agent: curl\/8\.12\.1\nAccept: \*\/\*\n\n$/);
    hosts.add(r.stdout.split('\n')[0]);
  }
  assert.ok(hosts.size >= 2, 'load balanced');
  let r = await runExec(h, client, undefined, ['curl', '-sS', 'svc-destination:9999'], { tty: false, interactive: false });
  assert.equal(r.exitCode, 28);
  assert.match(r.stderr, /^curl: \(28\) Failed to connect to svc-destination port 9999 after 13\d{4} ms: Couldn't connect to server\n$/);
  const slept = h.slept;
  r = await runExec(h, client, undefined, ['curl', '-sS', '--max-time', '2', 'svc-destination:9999'], { tty: false, interactive: false });
  assert.match(r.stderr, /^curl: \(28\) Connection timed out after 200\d milliseconds\n$/);
  assert.equal(h.slept - slept, 2000, 'waits as long as asked');
  r = await runExec(h, client, undefined, ['curl', '-sS', '--connect-timeout', '1', 'svc-destination:9999'], { tty: false, interactive: false });
  assert.match(r.stderr, /^curl: \(28\) Failed to connect to svc-destination port 9999 after 100\d ms: Timeout was reached\n$/);
  r = await runExec(h, client, undefined, ['curl', '-sS', 'empty'], { tty: false, interactive: false });
  assert.deepEqual([r.exitCode, r.stderr], [7, "curl: (7) Failed to connect to empty port 80 after 0 ms: Couldn't connect to server\n"]);
  r = await runExec(h, client, undefined, ['curl', '-sS', 'nope'], { tty: false, interactive: false });
  assert.deepEqual([r.exitCode, r.stderr], [6, 'curl: (6) Could not resolve host: nope\n']);
  r = await runExec(h, client, undefined, ['curl', '-s', '-o', '/dev/null', '-w', '%{http_code} %{remote_ip}:%{remote_port}', 'http://172.18.0.2:31202/'], { tty: false, interactive: false });
  assert.equal(r.stdout, '200 172.18.0.2:31202');
});
