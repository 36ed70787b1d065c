import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, deployment } from './helpers/cluster';
import { isPodReady } from '../src/controllers/podutil';

test('bootstrap looks like a kind cluster', () => {
  const c = testCluster();
  try {
    const nodes = c.api.list('Node').map((n) => n.metadata.name);
    assert.deepEqual(nodes, ['kind-control-plane', 'kind-worker', 'kind-worker2']);
    assert.deepEqual(c.api.list('Namespace').map((n) => n.metadata.name), ['default', 'kube-node-lease', 'kube-public', 'kube-system', 'local-path-storage']);
    const k = c.api.get('Service', 'default', 'kubernetes')!;
    assert.equal(k.spec.clusterIP, '10.96.0.1');
    const dns = c.api.get('Service', 'kube-system', 'kube-dns')!;
    assert.equal(dns.spec.clusterIP, '10.96.0.10');
    const coredns = c.api.list('Pod', 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns');
    assert.equal(coredns.length, 2);
    assert.ok(coredns.every(isPodReady));
    const ep = c.api.get('Endpoints', 'kube-system', 'kube-dns')!;
    assert.equal(ep.subsets[0].addresses.length, 2);
    for (const ns of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
      assert.ok(c.api.get('ConfigMap', ns, 'kube-root-ca.crt'), ns);
    }
    // static pods and daemonsets
    assert.ok(c.api.get('Pod', 'kube-system', 'etcd-kind-control-plane'));
    assert.equal(c.api.list('Pod', 'kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-proxy').length, 3);
  } finally { c.close(); }
});

test('deployment -> replicaset -> pods, scheduled on workers, with IPs from node CIDRs', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(deployment('httpenv', 'jpetazzo/httpenv')));
    c.write((api) => api.mutate('Deployment', 'default', 'httpenv', (d) => { d.spec.replicas = 10; }));
    const pods = c.api.list('Pod', 'default');
    assert.equal(pods.length, 10);
    const rs = c.api.list('ReplicaSet', 'default');
    assert.equal(rs.length, 1);
    assert.match(rs[0].metadata.name, /^httpenv-[4-9bcdf]{6,10}$/);
    for (const p of pods) {
      assert.match(p.metadata.name, new RegExp(`^${rs[0].metadata.name}-[bcdfghjklmnpqrstvwxz2456789]{5}$`));
      assert.notEqual(p.spec.nodeName, 'kind-control-plane');
      assert.equal(p.status.phase, 'Running');
      assert.ok(isPodReady(p));
    }
    const ips = pods.map((p) => p.status.podIP);
    assert.equal(new Set(ips).size, 10);
    const byNode = new Map<string, number>();
    for (const p of pods) byNode.set(p.spec.nodeName, (byNode.get(p.spec.nodeName) ?? 0) + 1);
    assert.deepEqual([...byNode.values()].sort(), [5, 5]);
    const d = c.api.get('Deployment', 'default', 'httpenv')!;
    assert.equal(d.status.readyReplicas, 10);
    assert.equal(d.status.availableReplicas, 10);
    assert.equal(d.metadata.annotations!['deployment.kubernetes.io/revision'], '1');
  } finally { c.close(); }
});

test('service gets a ClusterIP, endpoints follow ready pods, self-healing after pod deletion', () => {
  const c = testCluster({ startupSeconds: 2 });
  try {
    c.write((api) => api.create(deployment('web', 'nginx', 3, [80])));
    const svc = c.write((api) => api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 8080, targetPort: 80 }] } }));
    assert.match(svc.spec.clusterIP, /^10\.(9[6-9]|10[0-9]|11[01])\./);
    let ep = c.api.get('Endpoints', 'default', 'web')!;
    assert.ok(!(ep.subsets ?? []).some((s: any) => s.addresses?.length), 'pods still starting are not ready');
    c.advance(1000);
    ep = c.api.get('Endpoints', 'default', 'web')!;
    const notReady = (ep.subsets ?? []).reduce((n: number, s: any) => n + (s.notReadyAddresses?.length ?? 0), 0);
    const ready = (ep.subsets ?? []).reduce((n: number, s: any) => n + (s.addresses?.length ?? 0), 0);
    assert.equal(ready, 0, 'half-way through start-up nothing is ready yet');
    assert.ok(notReady <= 3);
    c.advance(1500);
    ep = c.api.get('Endpoints', 'default', 'web')!;
    assert.equal(ep.subsets[0].addresses.length, 3);
    assert.deepEqual(ep.subsets[0].ports, [{ port: 80, protocol: 'TCP' }]);
    const victim = c.api.list('Pod', 'default')[0];
    c.write((api) => api.delete('Pod', 'default', victim.metadata.name));
    const live = c.api.list('Pod', 'default').filter((p) => !p.metadata.deletionTimestamp);
    assert.equal(live.length, 3, 'a replacement is created at once');
    c.advance(3000);
    const after = c.api.list('Pod', 'default');
    assert.equal(after.length, 3);
    assert.ok(!after.some((p) => p.metadata.name === victim.metadata.name));
    ep = c.api.get('Endpoints', 'default', 'web')!;
    assert.equal(ep.subsets[0].addresses.length, 3);
    const slices = c.api.list('EndpointSlice', 'default').filter((s) => s.metadata.labels!['kubernetes.io/service-name'] === 'web');
    assert.equal(slices.length, 1);
    assert.equal(slices[0].endpoints.length, 3);
  } finally { c.close(); }
});

test('scale to zero and back; cascading delete', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(deployment('a', 'nginx', 2)));
    c.write((api) => api.mutate('Deployment', 'default', 'a', (d) => { d.spec.replicas = 0; }));
    assert.equal(c.api.list('Pod', 'default').length, 0);
    c.write((api) => api.mutate('Deployment', 'default', 'a', (d) => { d.spec.replicas = 2; }));
    assert.equal(c.api.list('Pod', 'default').length, 2);
    c.write((api) => api.delete('Deployment', 'default', 'a'));
    assert.equal(c.api.list('ReplicaSet', 'default').length, 0);
    assert.equal(c.api.list('Pod', 'default').length, 0);
  } finally { c.close(); }
});

test('node ports and cluster IPs are never handed out twice', () => {
  const c = testCluster();
  try {
    const mk = (name: string, nodePort?: number) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: 'default' }, spec: { type: 'NodePort', selector: { app: name }, ports: [{ port: 80, ...(nodePort ? { nodePort } : {}) }] } });
    c.write((api) => api.create(mk('np1', 30080)));
    assert.throws(() => c.write((api) => api.create(mk('np2', 30080))), /provided port is already allocated/);
    assert.equal(c.api.get('Service', 'default', 'np2'), undefined, 'nothing half-written');
    const ports = new Set<number>(), ips = new Set<string>();
    for (let i = 0; i < 50; i++) {
      const s = c.write((api) => api.create(mk(`s${i}`)));
      ports.add(s.spec.ports[0].nodePort); ips.add(s.spec.clusterIP);
    }
    assert.equal(ports.size, 50);
    assert.equal(ips.size, 50);
    assert.throws(() => c.write((api) => api.create(mk('bad', 80))), /provided port is not in the valid range\. The range of valid ports is 30000-32767/);
  } finally { c.close(); }
});

test('a pod that fits nowhere stays Pending with FailedScheduling', () => {
  const c = testCluster({ nodes: 2 });
  try {
    const used = c.store.podCountsByNode().get('kind-worker')!;
    c.write((api) => api.mutate('Node', undefined, 'kind-worker', (n) => { n.status.allocatable.pods = String(used + 1); }));
    c.write((api) => api.create(deployment('big', 'nginx', 6)));
    const pods = c.api.list('Pod', 'default');
    const pending = pods.filter((p) => !p.spec.nodeName);
    assert.equal(pending.length, 5, 'room for one more pod on the only worker');
    const ev = c.api.list('Event', 'default').find((e) => e.reason === 'FailedScheduling');
    assert.ok(ev);
    assert.match(ev!.message, /^0\/2 nodes are available: 1 Too many pods, 1 node\(s\) had untolerated taint \{node-role.kubernetes.io\/control-plane: \}\. preemption: 0\/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling\.$/);
  } finally { c.close(); }
});

test('requests the nodes cannot hold leave a pod Pending: Insufficient cpu/memory, counted per node', () => {
  const c = testCluster();
  try {
    const pod = (name: string, resources: any) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx', resources }] } });
    c.write((api) => api.create(pod('big', { requests: { cpu: '100', memory: '1Gi' } })));
    c.write((api) => api.create(pod('mem', { limits: { memory: '20Gi' } })));
    const msg = (name: string) => c.api.list('Event', 'default').find((e) => e.reason === 'FailedScheduling' && e.involvedObject.name === name)?.message;
    const taint = '1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }';
    const preemption = 'preemption: 0/3 nodes are available: 1 Preemption is not helpful for scheduling, 2 No preemption victims found for incoming pod.';
    assert.equal(msg('big'), `0/3 nodes are available: ${taint}, 2 Insufficient cpu. ${preemption}`);
    assert.equal(msg('mem'), `0/3 nodes are available: ${taint}, 2 Insufficient memory. ${preemption}`);
    // Two 5-cpu pods fill the two 8-cpu workers: a third waits.
    for (const n of ['a', 'b', 'c']) c.write((api) => api.create(pod(n, { requests: { cpu: '5' } })));
    const nodeOf = (n: string) => c.api.get('Pod', 'default', n)!.spec.nodeName;
    assert.deepEqual([nodeOf('a'), nodeOf('b'), nodeOf('c')].map((x) => x ?? '').sort(), ['', 'kind-worker', 'kind-worker2']);
    // A pod without requests still fits anywhere there is room.
    c.write((api) => api.create(pod('free', {})));
    assert.ok(nodeOf('free'));
  } finally { c.close(); }
});

test('a service without endpoints has the placeholder slice: no ports, no endpoints (get shows <unset> <unset>)', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', namespace: 'default' }, spec: { selector: { app: 'web' }, ports: [{ port: 8080, targetPort: 80 }] } }));
    const slice = () => c.api.list('EndpointSlice', 'default').find((s) => s.metadata.labels!['kubernetes.io/service-name'] === 'web')!;
    assert.deepEqual([slice().ports, slice().endpoints], [null, null]);
    c.write((api) => api.create(deployment('web', 'nginx', 2, [80])));
    assert.deepEqual(slice().ports, [{ name: '', port: 80, protocol: 'TCP' }]);
    assert.equal(slice().endpoints.length, 2);
    c.write((api) => api.mutate('Deployment', 'default', 'web', (d) => { d.spec.replicas = 0; }));
    c.advance(31000);
    assert.deepEqual([slice().ports, slice().endpoints], [null, null]);
    c.write((api) => api.mutate('Deployment', 'default', 'web', (d) => { d.spec.replicas = 1; }));
    assert.deepEqual(slice().ports, [{ name: '', port: 80, protocol: 'TCP' }]);
    assert.equal(slice().endpoints.length, 1);
  } finally { c.close(); }
});
