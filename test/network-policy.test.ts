// NetworkPolicy enforcement on connections and DNS.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { connect } from '../src/network/proxy';
import { connectionAllowed } from '../src/network/policy';
import { NetView } from '../src/network/host';
import { fakeHost, pod, svc, ns, FakeHost } from './network-fixtures';
import { runExec } from '../src/network/shell';

const np = (name: string, namespace: string, spec: any) => ({ apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy', metadata: { name, namespace }, spec });

function cluster(): { h: FakeHost; web: any; frontend: any; other: any; prodClient: any } {
  const h = fakeHost();
  h.add(ns('prod', { env: 'prod' }));
  const web = pod('web-1', 'nginx', '10.244.1.5', 'kind-worker', { app: 'web' }, 'default', { container: { name: 'nginx', ports: [{ name: 'http', containerPort: 80 }] } });
  const frontend = pod('frontend-1', 'nicolaka/netshoot', '10.244.2.6', 'kind-worker2', { role: 'frontend' }, 'default', { container: { command: ['sleep', 'infinity'] } });
  const other = pod('other-1', 'busybox', '10.244.2.7', 'kind-worker2', { role: 'other' }, 'default', { container: { command: ['sleep', 'infinity'] } });
  const prodClient = pod('client-1', 'busybox', '10.244.1.8', 'kind-worker', { role: 'other' }, 'prod', { container: { command: ['sleep', 'infinity'] } });
  h.add(web, frontend, other, prodClient, svc('web', 'default', { clusterIP: '10.96.5.5', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80 }] }));
  h.syncEndpoints('default', 'web');
  for (const p of [frontend, other, prodClient]) h.start(p);
  return { h, web, frontend, other, prodClient };
}

const reach = (h: FakeHost, from: any, ip: string, port = 80) => connect(new NetView(h), { ip: from.status.podIP, pod: from }, ip, port).kind;

test('no policy: everything flows; a policy selecting a pod denies what it does not allow (dropped: timeout)', () => {
  const c = cluster();
  assert.equal(reach(c.h, c.other, '10.244.1.5'), 'connected');
  c.h.add(np('deny-all', 'default', { podSelector: {}, policyTypes: ['Ingress'] }));
  assert.equal(reach(c.h, c.other, '10.244.1.5'), 'timeout');
  assert.equal(reach(c.h, c.other, '10.96.5.5'), 'timeout', 'through the service too');
});

test('ingress from a podSelector, a namespaceSelector, both, and named ports', () => {
  const c = cluster();
  c.h.add(np('allow-frontend', 'default', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ podSelector: { matchLabels: { role: 'frontend' } } }], ports: [{ protocol: 'TCP', port: 'http' }] }] }));
  assert.equal(reach(c.h, c.frontend, '10.244.1.5'), 'connected');
  assert.equal(reach(c.h, c.other, '10.244.1.5'), 'timeout');
  assert.equal(reach(c.h, c.prodClient, '10.244.1.5'), 'timeout', 'podSelector alone means the policy namespace');
  assert.equal(reach(c.h, c.frontend, '10.244.1.5', 8080), 'timeout', 'port not allowed');
  c.h.add(np('allow-prod', 'default', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ namespaceSelector: { matchLabels: { env: 'prod' } }, podSelector: { matchLabels: { role: 'other' } } }] }] }));
  assert.equal(reach(c.h, c.prodClient, '10.244.1.5'), 'connected', 'namespaceSelector AND podSelector');
  assert.equal(reach(c.h, c.other, '10.244.1.5'), 'timeout');
});

test('ipBlock with except; traffic from the pod\'s own node is always allowed', () => {
  const c = cluster();
  c.h.add(np('cidr', 'default', { podSelector: { matchLabels: { app: 'web' } }, ingress: [{ from: [{ ipBlock: { cidr: '10.244.2.0/24', except: ['10.244.2.7/32'] } }] }] }));
  const v = new NetView(c.h);
  assert.equal(reach(c.h, c.frontend, '10.244.1.5'), 'connected');
  assert.equal(reach(c.h, c.other, '10.244.1.5'), 'timeout');
  assert.ok(connectionAllowed(v, { ip: '172.18.0.3' }, { ip: '10.244.1.5', pod: c.web }, 80), 'kubelet on kind-worker');
  assert.ok(!connectionAllowed(v, { ip: '172.18.0.4' }, { ip: '10.244.1.5', pod: c.web }, 80));
});

test('egress deny-all also stops DNS: nslookup times out, curl cannot resolve', async () => {
  const c = cluster();
  c.h.add(np('no-egress', 'default', { podSelector: { matchLabels: { role: 'other' } }, policyTypes: ['Egress'] }));
  let r = await runExec(c.h, c.other, undefined, ['nslookup', 'web'], { tty: false, interactive: false });
  assert.deepEqual([r.stdout, r.exitCode], [';; connection timed out; no servers could be reached\n\n', 1]);
  r = await runExec(c.h, c.other, undefined, ['wget', '-qO-', '-T', '2', 'http://10.244.1.5/'], { tty: false, interactive: false });
  assert.deepEqual([r.stderr, r.exitCode], ['wget: download timed out\n', 1]);
  // allow DNS to kube-dns and HTTP to web: both work again
  c.h.add(np('allow-dns', 'default', {
    podSelector: { matchLabels: { role: 'other' } }, policyTypes: ['Egress'],
    egress: [
      { to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } }, podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }], ports: [{ protocol: 'UDP', port: 53 }, { protocol: 'TCP', port: 53 }] },
      { to: [{ podSelector: { matchLabels: { app: 'web' } } }], ports: [{ port: 80 }] },
    ],
  }));
  r = await runExec(c.h, c.other, undefined, ['wget', '-qO-', 'web'], { tty: false, interactive: false });
  assert.equal(r.exitCode, 0);
  assert.match(r.stdout, /Welcome to nginx!/);
  const f = await runExec(c.h, c.frontend, undefined, ['curl', '-s', 'web'], { tty: false, interactive: false });
  assert.equal(f.exitCode, 0, 'other pods are not affected');
});
