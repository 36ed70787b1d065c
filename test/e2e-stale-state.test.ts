// Nothing stale: a Service's Endpoints and EndpointSlices go with it, the `kubernetes` Service
// has the EndpointSlice the API server writes, and node Leases show the kubelet's renewals.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cluster } from './helpers/kubectl';
import { projectNodeLease } from '../src/api/leases';

const c = cluster({ KUBESIM_POD_STARTUP: '0' });
after(() => c.cleanup());

test('deleting a Service deletes its Endpoints and EndpointSlices', () => {
  assert.equal(c.k('create', 'deployment', 'app0', '--image=nginx').code, 0);
  assert.equal(c.k('expose', 'deploy', 'app0', '--port', '80').code, 0);
  assert.equal(c.k('get', 'ep', 'app0', '-o', 'name').stdout, 'endpoints/app0\n');
  assert.match(c.k('get', 'endpointslices', '-l', 'kubernetes.io/service-name=app0', '-o', 'name').stdout, /^endpointslice.discovery.k8s.io\/app0-[a-z0-9]{5}\n$/);
  assert.equal(c.k('delete', 'svc', 'app0').code, 0);
  assert.equal(c.k('get', 'ep', '-o', 'name').stdout, 'endpoints/kubernetes\n');
  assert.equal(c.k('get', 'endpointslices', '-l', 'kubernetes.io/service-name=app0', '-o', 'name').stdout, '');
});

test('the kubernetes Service has its EndpointSlice, as the API server writes it', () => {
  const r = c.k('get', 'endpointslice', 'kubernetes', '-o', 'jsonpath={.metadata.labels}|{.addressType}|{.endpoints}|{.ports}');
  assert.equal(r.stdout, '{"kubernetes.io/service-name":"kubernetes"}|IPv4|[{"addresses":["172.18.0.2"],"conditions":{"ready":true}}]|[{"name":"https","port":6443,"protocol":"TCP"}]');
  assert.match(c.k('get', 'endpointslices').stdout, /^kubernetes\s+IPv4\s+6443\s+172\.18\.0\.2\s/m);
});

test('node leases are renewed every 10 s while the kubelet runs, not after it stops', () => {
  const lease = (renewTime: string) => ({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: 'n1', namespace: 'kube-node-lease' }, spec: { holderIdentity: 'n1', leaseDurationSeconds: 40, renewTime } });
  const t0 = Date.parse('2026-01-01T00:00:00Z');
  const store = (rt?: any) => ({ runtime: () => rt }) as any;
  assert.equal(projectNodeLease(store(), lease('2026-01-01T00:00:00.000000Z') as any, t0 + 9000).spec.renewTime, '2026-01-01T00:00:00.000000Z');
  assert.equal(projectNodeLease(store(), lease('2026-01-01T00:00:00.000000Z') as any, t0 + 125000).spec.renewTime, '2026-01-01T00:02:00.000000Z');
  assert.equal(projectNodeLease(store({ stopped: true, stoppedAt: t0 + 35000 }), lease('2026-01-01T00:00:00.000000Z') as any, t0 + 600000).spec.renewTime, '2026-01-01T00:00:30.000000Z');
  // through kubectl: the RenewTime describe shows is within the last 10 s
  const renew = c.k('get', 'lease', '-n', 'kube-node-lease', 'kind-worker', '-o', 'jsonpath={.spec.renewTime}').stdout;
  const age = Date.now() - Date.parse(renew);
  assert.ok(age >= 0 && age < 11000, `renewTime ${renew} is ${age} ms old`);
});
