// CoreDNS rules and the pod resolver.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { coreDnsQuery, resolveName, resolvConfText, hostsFileText, searchCandidates, podResolvConf } from '../src/network/dns';
import { NetView } from '../src/network/host';
import { fakeHost, pod, svc, FakeHost } from './network-fixtures';

function cluster(): FakeHost {
  const h = fakeHost();
  h.add(
    svc('nginx-service', 'nginx-apps', { clusterIP: '10.96.33.44', selector: { app: 'nginx' }, ports: [{ port: 8081, targetPort: 3000 }] }),
    svc('web', 'default', { clusterIP: '10.96.1.10', selector: { app: 'web' }, ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }),
    svc('nginx', 'default', { clusterIP: 'None', selector: { app: 'sts' }, ports: [{ name: 'web', port: 80 }] }),
    svc('my-service', 'default', { type: 'ExternalName', externalName: 'my.database.example.com' }),
    svc('ext', 'default', { type: 'ExternalName', externalName: 'example.com' }),
    pod('web-0', 'nginx', '10.244.1.7', 'kind-worker', { app: 'sts' }, 'default', { spec: { hostname: 'web-0', subdomain: 'nginx' } }),
    pod('web-1', 'nginx', '10.244.2.8', 'kind-worker2', { app: 'sts' }, 'default', { spec: { hostname: 'web-1', subdomain: 'nginx' } }),
    pod('web-2', 'nginx', '10.244.2.9', 'kind-worker2', { app: 'sts' }, 'default', { spec: { hostname: 'web-2', subdomain: 'nginx' }, ready: false }),
    svc('empty', 'default', { clusterIP: 'None', selector: { app: 'none' }, ports: [{ port: 80 }] }),
    pod('web-abc-12345', 'nginx', '10.244.3.4', 'kind-worker', { app: 'web' }),
  );
  h.syncEndpoints('default', 'nginx');
  h.syncEndpoints('default', 'web');
  h.syncEndpoints('default', 'empty');
  return h;
}

const a = (h: FakeHost, name: string, type: any = 'A') => {
  const r = coreDnsQuery(new NetView(h), name, type);
  return `${r.rcode} ${r.answers.map((x) => `${x.type}:${x.data}`).join(',')}`.trim();
};

test('CoreDNS: services, headless endpoints, StatefulSet hostnames, pods, ExternalName, reverse', () => {
  const h = cluster();
  assert.equal(a(h, 'web.default.svc.cluster.local'), 'NOERROR A:10.96.1.10');
  assert.equal(a(h, 'WEB.default.svc.cluster.local.'), 'NOERROR A:10.96.1.10');
  assert.equal(a(h, 'nginx-service.nginx-apps.svc.cluster.local'), 'NOERROR A:10.96.33.44');
  assert.equal(a(h, 'nginx.default.svc.cluster.local'), 'NOERROR A:10.244.1.7,A:10.244.2.8', 'a headless service: one A per ready endpoint');
  assert.equal(a(h, 'web-1.nginx.default.svc.cluster.local'), 'NOERROR A:10.244.2.8');
  assert.equal(a(h, 'web-2.nginx.default.svc.cluster.local'), 'NXDOMAIN', 'not ready: not published');
  // CoreDNS names an endpoint by its hostname when it has one, else by its dashed IP.
  assert.equal(a(h, '10-244-1-7.nginx.default.svc.cluster.local'), 'NXDOMAIN', 'a StatefulSet pod is named by its hostname only');
  assert.equal(a(h, '10-244-3-4.web.default.svc.cluster.local'), 'NOERROR A:10.244.3.4', 'endpoint queries work for ClusterIP services too');
  assert.equal(a(h, '10-244-3-9.web.default.svc.cluster.local'), 'NXDOMAIN');
  assert.equal(a(h, 'empty.default.svc.cluster.local'), 'NXDOMAIN', 'a headless service without ready endpoints');
  assert.equal(a(h, '10-244-9-9.default.pod.cluster.local'), 'NOERROR A:10.244.9.9', 'pods insecure');
  assert.equal(a(h, 'my-service.default.svc.cluster.local'), 'NOERROR CNAME:my.database.example.com');
  assert.equal(a(h, 'ext.default.svc.cluster.local'), 'NOERROR CNAME:example.com,A:93.184.215.14');
  assert.equal(a(h, 'nope.default.svc.cluster.local'), 'NXDOMAIN');
  assert.equal(a(h, 'web.nope.svc.cluster.local'), 'NXDOMAIN');
  assert.equal(a(h, 'default.svc.cluster.local'), 'NOERROR', 'a namespace: no data');
  assert.equal(a(h, '10.1.96.10.in-addr.arpa', 'PTR'), 'NOERROR PTR:web.default.svc.cluster.local');
  assert.equal(a(h, '10.0.96.10.in-addr.arpa', 'PTR'), 'NOERROR PTR:kube-dns.kube-system.svc.cluster.local');
  assert.equal(a(h, '8.2.244.10.in-addr.arpa', 'PTR'), 'NOERROR PTR:web-1.nginx.default.svc.cluster.local');
  assert.equal(a(h, 'example.com'), 'NOERROR A:93.184.215.14');
  assert.equal(a(h, 'no-such-host.invalid'), 'NXDOMAIN');
});

test('resolv.conf and /etc/hosts as the kubelet writes them', () => {
  const p = pod('client', 'busybox', '10.244.1.2', 'kind-worker', {}, 'nginx-apps');
  assert.equal(resolvConfText(p), 'search nginx-apps.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  const custom = pod('c2', 'busybox', '10.244.1.3', 'kind-worker', {}, 'default', { spec: { dnsPolicy: 'None', dnsConfig: { nameservers: ['1.1.1.1'], searches: ['example.org'], options: [{ name: 'ndots', value: '2' }, { name: 'edns0' }] } } });
  assert.equal(resolvConfText(custom), 'search example.org\nnameserver 1.1.1.1\noptions ndots:2 edns0\n');
  assert.equal(podResolvConf(custom).ndots, 2);
  const sts = pod('web-0', 'nginx', '10.244.1.7', 'kind-worker', {}, 'default', { spec: { hostname: 'web-0', subdomain: 'nginx', hostAliases: [{ ip: '127.0.0.1', hostnames: ['foo.local', 'bar.local'] }] } });
  assert.equal(hostsFileText(sts), '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n10.244.1.7\tweb-0.nginx.default.svc.cluster.local\tweb-0\n\n# Entries added by HostAliases.\n127.0.0.1\tfoo.local\tbar.local\n');
});

test('the search list: short names in the pod namespace, svc.ns, svc.ns.svc, FQDN with or without the dot', () => {
  const h = cluster();
  const client = pod('client', 'busybox', '10.244.1.2', 'kind-worker');
  const rc = podResolvConf(client);
  assert.deepEqual(searchCandidates('web', rc), ['web.default.svc.cluster.local', 'web.svc.cluster.local', 'web.cluster.local', 'web']);
  assert.deepEqual(searchCandidates('a.b.c.d.e.f', rc).slice(0, 1), ['a.b.c.d.e.f'], 'ndots:5 reached: absolute first');
  assert.deepEqual(searchCandidates('web.default.svc.cluster.local.', rc), ['web.default.svc.cluster.local']);
  const view = new NetView(h);
  const look = (n: string) => { const r = resolveName(view, client, n, () => true); return `${r.status} ${r.fqdn ?? ''} ${r.answers.map((x) => x.data).join(',')}`; };
  assert.equal(look('web'), 'OK web.default.svc.cluster.local 10.96.1.10');
  assert.equal(look('nginx-service'), 'NXDOMAIN  ', 'a short name only resolves in its own namespace');
  assert.equal(look('nginx-service.nginx-apps'), 'OK nginx-service.nginx-apps.svc.cluster.local 10.96.33.44');
  assert.equal(look('nginx-service.nginx-apps.svc'), 'OK nginx-service.nginx-apps.svc.cluster.local 10.96.33.44');
  assert.equal(look('nginx-service.nginx-apps.svc.cluster.local'), 'OK nginx-service.nginx-apps.svc.cluster.local 10.96.33.44');
  assert.equal(look('kubernetes.default'), 'OK kubernetes.default.svc.cluster.local 10.96.0.1');
  assert.equal(look('client'), 'OK client 10.244.1.2', 'the pod name comes from /etc/hosts');
  assert.equal(look('localhost'), 'OK localhost 127.0.0.1');
  const r = resolveName(view, client, 'web', () => false);
  assert.equal(r.status, 'TIMEOUT', 'no DNS server reachable');
});
