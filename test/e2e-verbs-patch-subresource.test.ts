// kubectl patch --subresource=status|scale: kubectl 1.32's client-side answers
// (test/golden/verbs/patch.json, scripts/record-verbs.mjs), then the writes as the API server
// makes them: a Scale's spec.replicas goes to the object, a status patch changes the status only.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { verbsCluster, runGoldens } from './helpers/verbs-goldens';

const c = verbsCluster();
after(() => c.cleanup());

runGoldens(c, 'patch');

test('patch --subresource=scale scales the deployment', async () => {
  assert.equal(c.k('patch', 'deploy', 'web', '--subresource=scale', '-p', '{"spec":{"replicas":3}}').stdout, 'scale.autoscaling/web patched\n');
  assert.equal(c.k('get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}').stdout, '3');
  await c.until(() => c.k('get', 'deploy', 'web', '-o', 'jsonpath={.status.replicas}').stdout === '3');
  assert.equal(c.k('patch', 'deploy', 'web', '--subresource=scale', '--type=merge', '-p', '{"spec":{"replicas":3}}').stdout, 'scale.autoscaling/web patched (no change)\n');
  assert.equal(c.k('patch', 'deploy', 'web', '--subresource=scale', '-p', '{"spec":{"replicas":1}}', '--dry-run=server').stdout, 'scale.autoscaling/web patched (server dry run)\n');
  assert.equal(c.k('get', 'deploy', 'web', '-o', 'jsonpath={.spec.replicas}').stdout, '3');
  const y = c.k('patch', 'deploy', 'web', '--subresource=scale', '-p', '{"spec":{"replicas":2}}', '-o', 'json').stdout;
  assert.deepEqual([JSON.parse(y).kind, JSON.parse(y).spec], ['Scale', { replicas: 2 }]);
  const bad = c.k('patch', 'deploy', 'web', '--subresource=scale', '-p', '{"spec":{"replicas":-1}}');
  assert.deepEqual([bad.code, bad.stderr], [1, 'The Scale "web" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n']);
});

test('patch --subresource=status changes the status and nothing else (an Ingress: kind runs no ingress controller)', () => {
  assert.equal(c.k('create', 'ingress', 'ing', '--rule=foo.com/=web:80').code, 0);
  const r = c.k('patch', 'ingress', 'ing', '--subresource=status', '--type=merge', '-p', '{"spec":{"ingressClassName":"x"},"status":{"loadBalancer":{"ingress":[{"ip":"1.2.3.4"}]}}}');
  assert.equal(r.stdout, 'ingress.networking.k8s.io/ing patched\n', r.stderr);
  assert.equal(c.k('get', 'ingress', 'ing', '-o', 'jsonpath={.spec.ingressClassName}|{.status.loadBalancer.ingress[0].ip}').stdout, '|1.2.3.4');
  assert.match(c.k('get', 'ingress', 'ing').stdout, /\ning\s+<none>\s+foo\.com\s+1\.2\.3\.4\s+80\s+/);
  assert.equal(c.k('patch', 'ingress', 'ing', '--subresource=status', '--type=merge', '-p', '{"status":{"loadBalancer":{"ingress":[{"ip":"1.2.3.4"}]}}}').stdout, 'ingress.networking.k8s.io/ing patched (no change)\n');
  // a plain patch of the object leaves the status alone
  assert.equal(c.k('patch', 'ingress', 'ing', '--type=merge', '-p', '{"status":{"loadBalancer":null}}').stdout, 'ingress.networking.k8s.io/ing patched (no change)\n');
});
