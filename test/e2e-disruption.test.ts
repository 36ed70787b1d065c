// kubectl get pdb and kubectl drain against a PodDisruptionBudget, as kubectl 1.32 prints them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cluster } from './helpers/kubectl';

test('drain retries evictions a budget refuses every 5 seconds and stops at --timeout', () => {
  const c = cluster();
  try {
    assert.equal(c.k('create', 'deployment', 'web', '--image=nginx', '--replicas=2').code, 0);
    assert.equal(c.k('create', 'pdb', 'web', '--selector=app=web', '--min-available=2').code, 0);
    const pdb = c.k('get', 'pdb');
    assert.match(pdb.stdout, /^NAME\s+MIN AVAILABLE\s+MAX UNAVAILABLE\s+ALLOWED DISRUPTIONS\s+AGE\nweb\s+2\s+N\/A\s+0\s+\d+s\n$/);
    const node = c.k('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].spec.nodeName}').stdout;
    const pod = c.k('get', 'pods', '-l', 'app=web', '-o', `jsonpath={.items[?(@.spec.nodeName=="${node}")].metadata.name}`).stdout.split(' ')[0];
    const t0 = Date.now();
    const r = c.k('drain', node, '--ignore-daemonsets', '--timeout=6s', '--pod-selector=app=web');
    const took = Date.now() - t0;
    assert.equal(r.code, 1);
    assert.ok(took >= 9000, `two retries, 5 s apart (${took} ms)`);
    const refused = `error when evicting pods/"${pod}" -n "default" (will retry after 5s): Cannot evict pod as it would violate the pod's disruption budget.\n`;
    const timeout = `error when evicting pods/"${pod}" -n "default": global timeout reached: 6s`;
    assert.equal(r.stdout, `node/${node} cordoned\n` + `evicting pod default/${pod}\n`.repeat(3));
    assert.equal(r.stderr, refused + refused +
      `There are pending pods in node "${node}" when an error occurred: ${timeout}\npod/${pod}\n` +
      `error: unable to drain node "${node}" due to error: ${timeout}, continuing command...\n` +
      `There are pending nodes to be drained:\n ${node}\n${timeout}\n`);
    // with room in the budget the same drain goes through
    assert.equal(c.k('patch', 'pdb', 'web', '--type=merge', '-p', '{"spec":{"minAvailable":1}}').code, 0);
    assert.match(c.k('get', 'pdb', 'web').stdout, /\nweb\s+1\s+N\/A\s+1\s+/);
    const ok = c.k('drain', node, '--ignore-daemonsets', '--pod-selector=app=web');
    assert.equal(ok.code, 0, ok.stderr);
    assert.match(ok.stdout, new RegExp(`evicting pod default/${pod}\\npod/${pod} evicted\\nnode/${node} drained\\n$`));
  } finally { c.cleanup(); }
});

test('POST pods/NAME/eviction: 429 with the DisruptionBudget cause while the budget allows none, 201 once it does', async () => {
  const { serve } = await import('./helpers/serve');
  const s = await serve();
  try {
    assert.equal(s.k('create', 'deployment', 'web', '--image=nginx', '--replicas=2').code, 0);
    assert.equal(s.k('create', 'pdb', 'web', '--selector=app=web', '--min-available=2').code, 0);
    const pod = s.k('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={.items[0].metadata.name}').stdout;
    const evict = () => s.req('POST', `/api/v1/namespaces/default/pods/${pod}/eviction`, JSON.stringify({ apiVersion: 'policy/v1', kind: 'Eviction', metadata: { name: pod, namespace: 'default' } }));
    let r = await evict();
    assert.equal(r.status, 429);
    const st = JSON.parse(r.body);
    assert.equal(st.reason, 'TooManyRequests');
    assert.equal(st.message, "Cannot evict pod as it would violate the pod's disruption budget.");
    assert.deepEqual(st.details.causes, [{ reason: 'DisruptionBudget', message: 'The disruption budget web needs 2 healthy pods and has 2 currently' }]);
    assert.equal(s.k('patch', 'pdb', 'web', '--type=merge', '-p', '{"spec":{"minAvailable":1}}').code, 0);
    r = await evict();
    assert.equal(r.status, 201, r.body);
    await s.until(() => !s.k('get', 'pod', pod, '-o', 'name').stdout.includes(pod) || s.k('get', 'pod', pod, '-o', 'jsonpath={.metadata.deletionTimestamp}').stdout !== '');
  } finally { await s.stop(); s.cleanup(); }
});
