// As in a real kind v1.32 cluster: the control plane comes up alone, CoreDNS (2 pods) and
// local-path-provisioner are scheduled on it (they tolerate its taint) before the workers join,
// so they hold 10.244.0.2-4 (CoreDNS first) and the workers' pod ranges start empty.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { cluster, Cluster, lines } from './helpers/kubectl';

let c: Cluster;
before(() => { c = cluster({ KUBESIM_POD_STARTUP: '0' }); });
after(() => c.cleanup());

test('coredns and local-path-provisioner run on kind-control-plane at 10.244.0.2, .3 and .4', () => {
  const r = c.k('get', 'pods', '-A', '-o', 'jsonpath={range .items[*]}{.metadata.name} {.spec.nodeName} {.status.podIP}{"\\n"}{end}');
  assert.equal(r.code, 0, r.stderr);
  const rows = lines(r.stdout).map((l) => l.split(' '));
  const dns = rows.filter((x) => x[0].startsWith('coredns-'));
  const lpp = rows.filter((x) => x[0].startsWith('local-path-provisioner-'));
  assert.equal(dns.length, 2);
  assert.equal(lpp.length, 1);
  for (const x of [...dns, ...lpp]) assert.equal(x[1], 'kind-control-plane', x.join(' '));
  assert.deepEqual(dns.map((x) => x[2]).sort(), ['10.244.0.2', '10.244.0.3']);
  assert.equal(lpp[0][2], '10.244.0.4');
  // nothing else holds a pod IP from the control plane's range or the workers'
  assert.deepEqual(rows.filter((x) => x[2].startsWith('10.244.')).length, 3);
});

test("describe node: the control plane's Non-terminated Pods include them, a worker's do not", () => {
  const cp = c.k('describe', 'node', 'kind-control-plane').stdout;
  const section = cp.slice(cp.indexOf('Non-terminated Pods:'), cp.indexOf('Allocated resources:'));
  assert.match(section, /Non-terminated Pods:\s+\(9 in total\)/);
  assert.match(section, /\n  kube-system\s+coredns-\S+\s+100m \(1%\)\s+0 \(0%\)\s+70Mi \(\d+%\)\s+170Mi \(\d+%\)/);
  assert.match(section, /\n  local-path-storage\s+local-path-provisioner-\S+\s/);
  const w = c.k('describe', 'node', 'kind-worker').stdout;
  assert.match(w, /Non-terminated Pods:\s+\(2 in total\)/);
  assert.doesNotMatch(w, /coredns|local-path/);
});

test('the first pod of a user workload takes the first address of its worker (10.244.1.2 or 10.244.2.2)', () => {
  assert.equal(c.k('create', 'deployment', 'web', '--image=nginx').code, 0);
  c.k('rollout', 'status', 'deployment/web', '--timeout=30s');
  const ip = c.k('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].status.podIP}').stdout;
  assert.match(ip, /^10\.244\.[12]\.2$/);
});
