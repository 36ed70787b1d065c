// "What happens when a node dies?" (seed 003): a node stops, goes NotReady, its pods leave the
// endpoints and are replaced elsewhere with new IPs; it comes back. cordon/uncordon/drain with
// kubectl's output and errors; nodes added and removed.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cluster, lines } from './helpers/kubectl';

const c = cluster({ KUBESIM_POD_STARTUP: '1', KUBESIM_POD_EVICTION: '2' });
after(() => c.cleanup());

const podsOn = (node: string) => lines(c.k('get', 'pods', '-l', 'app=my-nginx', '-o', 'wide', '--no-headers').stdout).filter((l) => l.split(/ +/)[6] === node);

test('a node dies: NotReady, endpoints follow, pods replaced elsewhere with new IPs; it comes back', async () => {
  assert.equal(c.k('create', 'deployment', 'my-nginx', '--image=nginx', '--replicas=4', '--port=80').code, 0);
  assert.equal(c.k('expose', 'deployment', 'my-nginx').code, 0);
  assert.equal(c.k('rollout', 'status', 'deployment/my-nginx', '--timeout=30s').code, 0);
  const before = podsOn('kind-worker');
  assert.ok(before.length >= 1);
  const oldIPs = before.map((l) => l.split(/ +/)[5]);
  const nodes = c.bg('get', 'nodes', '-w');
  await c.until(() => lines(nodes.output()).length === 4);
  let r = c.ks('node', 'stop', 'kind-worker');
  assert.deepEqual([r.code, r.stdout], [0, 'node/kind-worker stopped\n']);
  await c.until(() => lines(nodes.output(), /^kind-worker +NotReady +<none> /).length === 1);
  r = c.k('get', 'node', 'kind-worker', '-o', 'json');
  const node = JSON.parse(r.stdout);
  const ready = node.status.conditions.find((x: any) => x.type === 'Ready');
  assert.deepEqual([ready.status, ready.reason, ready.message], ['Unknown', 'NodeStatusUnknown', 'Kubelet stopped posting node status.']);
  assert.deepEqual(node.spec.taints.map((t: any) => `${t.key}:${t.effect}`).sort(), ['node.kubernetes.io/unreachable:NoExecute', 'node.kubernetes.io/unreachable:NoSchedule']);
  // the dead node's pods are not ready: out of the endpoints at once
  let ep = JSON.parse(c.k('get', 'endpoints', 'my-nginx', '-o', 'json').stdout);
  const addrs = () => ep.subsets.flatMap((s: any) => (s.addresses ?? []).map((a: any) => a.ip));
  assert.ok(oldIPs.every((ip) => !addrs().includes(ip)), 'endpoints drop the pods of the dead node');
  // after the (shortened) toleration: marked for deletion, replaced on other nodes
  await c.until(() => podsOn('kind-worker').every((l) => / Terminating /.test(l)) && lines(c.k('get', 'pods', '-l', 'app=my-nginx', '--no-headers').stdout, / 1\/1 +Running /).length === 4, 20000);
  const live = lines(c.k('get', 'pods', '-l', 'app=my-nginx', '-o', 'wide', '--no-headers').stdout, / Running /);
  assert.ok(live.every((l) => l.split(/ +/)[6] !== 'kind-worker'));
  assert.ok(live.every((l) => !oldIPs.includes(l.split(/ +/)[5])), 'new IPs');
  await c.until(() => { ep = JSON.parse(c.k('get', 'endpoints', 'my-nginx', '-o', 'json').stdout); return addrs().length === 4; });
  r = c.k('get', 'events', '--field-selector', 'reason=TaintManagerEviction', '-o', 'name');
  assert.equal(lines(r.stdout).length, before.length);
  r = c.k('get', 'events', '--field-selector', 'involvedObject.kind=Node', '--no-headers');
  assert.match(r.stdout, /NodeNotReady +node\/kind-worker +Node kind-worker status is now: NodeNotReady/);
  // back again
  r = c.ks('node', 'start', 'kind-worker');
  assert.deepEqual([r.code, r.stdout], [0, 'node/kind-worker started\n']);
  await c.until(() => lines(nodes.output(), /^kind-worker +Ready +<none> /).length === 1);
  await c.until(() => podsOn('kind-worker').length === 0);
  r = c.k('get', 'node', 'kind-worker', '-o', 'jsonpath={.spec.taints}');
  assert.equal(r.stdout, '');
  await c.until(() => lines(c.k('get', 'pods', '-n', 'kube-system', '-o', 'wide', '--no-headers').stdout).filter((l) => / kind-worker /.test(l) && /^kube-proxy/.test(l) && / 1\/1 +Running +1 \(/.test(l)).length === 1);
  await nodes.stop();
});

test('cordon, uncordon, drain', async () => {
  let r = c.k('cordon', 'kind-worker2');
  assert.equal(r.stdout, 'node/kind-worker2 cordoned\n');
  r = c.k('cordon', 'kind-worker2');
  assert.equal(r.stdout, 'node/kind-worker2 already cordoned\n');
  r = c.k('get', 'nodes', 'kind-worker2', '--no-headers');
  assert.match(r.stdout, /^kind-worker2 +Ready,SchedulingDisabled +<none> /);
  r = c.k('uncordon', 'kind-worker2');
  assert.equal(r.stdout, 'node/kind-worker2 uncordoned\n');
  r = c.k('cordon');
  assert.deepEqual([r.code, r.stderr], [1, "error: USAGE: cordon NODE [flags]\nSee 'kubectl cordon -h' for help and examples\n"]);
  r = c.k('cordon', 'nope');
  assert.deepEqual([r.code, r.stderr], [1, 'Error from server (NotFound): nodes "nope" not found\n']);

  assert.equal(c.k('scale', 'deployment', 'my-nginx', '--replicas=6').code, 0);
  assert.equal(c.k('rollout', 'status', 'deployment/my-nginx', '--timeout=30s').code, 0);
  const target = podsOn('kind-worker2').length ? 'kind-worker2' : 'kind-worker';
  r = c.k('drain', target);
  assert.equal(r.code, 1);
  assert.equal(r.stdout, `node/${target} cordoned\n`);
  const ds = lines(c.k('get', 'pods', '-n', 'kube-system', '-o', 'wide', '--no-headers').stdout)
    .filter((l) => l.split(/ +/)[6] === target && /^(kindnet|kube-proxy)-/.test(l)).map((l) => `kube-system/${l.split(/ +/)[0]}`).sort();
  assert.equal(r.stderr, `error: unable to drain node "${target}" due to error: cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${ds.join(', ')}, continuing command...\n` +
    `There are pending nodes to be drained:\n ${target}\ncannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore): ${ds.join(', ')}\n`);
  const victims = podsOn(target).map((l) => l.split(/ +/)[0]);
  r = c.k('drain', target, '--ignore-daemonsets');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stderr, `Warning: ignoring DaemonSet-managed Pods: ${ds.join(', ')}\n`);
  const out = lines(r.stdout);
  assert.equal(out[0], `node/${target} already cordoned`);
  assert.equal(out[out.length - 1], `node/${target} drained`);
  for (const v of victims) {
    assert.ok(out.includes(`evicting pod default/${v}`), `evicting ${v}`);
    assert.ok(out.indexOf(`pod/${v} evicted`) > out.indexOf(`evicting pod default/${v}`), `${v} evicted`);
  }
  assert.equal(podsOn(target).length, 0);
  assert.equal(lines(c.k('get', 'pods', '-l', 'app=my-nginx', '--no-headers').stdout).length, 6, 'replaced elsewhere');
  r = c.k('get', 'pod', victims[0]);
  assert.equal(r.code, 1);
  assert.equal(c.k('uncordon', target).stdout, `node/${target} uncordoned\n`);

  // an unmanaged pod needs --force
  assert.equal(c.k('run', 'lonely', '--image=nginx', '--overrides={"spec":{"nodeName":"kind-worker"}}').code, 0);
  r = c.k('drain', 'kind-worker', '--ignore-daemonsets');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: unable to drain node "kind-worker" due to error: cannot delete cannot delete Pods that declare no controller \(use --force to override\): default\/lonely, continuing command\.\.\.$/m);
  r = c.k('drain', 'kind-worker', '--ignore-daemonsets', '--force');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stderr, /^Warning: ignoring DaemonSet-managed Pods: [^;]+; deleting Pods that declare no controller: default\/lonely$/m);
  assert.match(r.stdout, /^pod\/lonely evicted$/m);
  assert.equal(c.k('get', 'pod', 'lonely').code, 1, 'gone for good: nothing recreates it');
  assert.equal(c.k('uncordon', 'kind-worker').code, 0);
});

test('kubesim node add and remove', async () => {
  let r = c.ks('node', 'add', 'kind-worker3');
  assert.deepEqual([r.code, r.stdout], [0, 'node/kind-worker3 added\n']);
  r = c.k('get', 'nodes', 'kind-worker3', '-o', 'wide', '--no-headers');
  assert.match(r.stdout, /^kind-worker3 +Ready +<none> +\d+s +v1\.32\.2 +172\.18\.0\.5 /);
  await c.until(() => lines(c.k('get', 'pods', '-n', 'kube-system', '-o', 'wide', '--no-headers').stdout).filter((l) => / kind-worker3 /.test(l) && / 1\/1 +Running /.test(l)).length === 2);
  assert.equal(c.k('scale', 'deployment', 'my-nginx', '--replicas=10').code, 0);
  await c.until(() => lines(c.k('get', 'pods', '-l', 'app=my-nginx', '-o', 'wide', '--no-headers').stdout).some((l) => / 10\.244\.3\.\d+ +kind-worker3 /.test(l)));
  r = c.ks('node', 'remove', 'kind-worker3');
  assert.deepEqual([r.code, r.stdout], [0, 'node/kind-worker3 removed\n']);
  assert.equal(c.k('get', 'node', 'kind-worker3').code, 1);
  await c.until(() => lines(c.k('get', 'pods', '-l', 'app=my-nginx', '--no-headers').stdout, / 1\/1 +Running /).length === 10);
  assert.ok(!/kind-worker3/.test(c.k('get', 'pods', '-A', '-o', 'wide').stdout));
  r = c.ks('node', 'stop', 'nope');
  assert.deepEqual([r.code, r.stderr], [1, 'Error from server (NotFound): nodes "nope" not found\n']);
});

test('a node comes back: a bad image fails to pull again; a pod bound as it came back has not restarted', async () => {
  const k = cluster({ KUBESIM_POD_STARTUP: '0', KUBESIM_POD_EVICTION: '300' });
  try {
    assert.equal(k.k('cordon', 'kind-worker2').code, 0);
    assert.equal(k.k('run', 'typo', '--image=nginxx:nope').code, 0);
    await k.until(() => / 0\/1 +(ErrImagePull|ImagePullBackOff) +0 /.test(k.k('get', 'pod', 'typo', '--no-headers').stdout));
    assert.equal(k.ks('node', 'stop', 'kind-worker').code, 0);
    assert.equal(k.k('run', 'later', '--image=nginx').code, 0);
    assert.match(k.k('get', 'pod', 'later', '--no-headers').stdout, /^later +0\/1 +Pending +0 /);
    assert.equal(k.ks('node', 'start', 'kind-worker').code, 0);
    const r = k.k('get', 'pods', '--no-headers');
    assert.match(r.stdout, /^later +1\/1 +Running +0 +\d+s\n/m);
    assert.match(r.stdout, /^typo +0\/1 +(ErrImagePull|ImagePullBackOff) +0 +\d+s\n/m);
  } finally { k.cleanup(); }
});
