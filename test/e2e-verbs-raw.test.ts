// kubectl get --raw PATH: kubectl 1.32's client-side errors (test/golden/verbs/raw.json,
// scripts/record-verbs.mjs), then the API server's own answers, as it sends them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { verbsCluster, runGoldens } from './helpers/verbs-goldens';

const c = verbsCluster();
after(() => c.cleanup());

runGoldens(c, 'raw');

test('get --raw: health, version and discovery as the API server answers them', () => {
  assert.deepEqual([c.k('get', '--raw', '/healthz').stdout, c.k('get', '--raw', '/readyz').stdout, c.k('get', '--raw', '/livez').stdout], ['ok', 'ok', 'ok']);
  assert.match(c.k('get', '--raw', '/readyz?verbose').stdout, /\[\+\]ping ok\n[\s\S]*readyz check passed\n$/);
  const v = c.k('get', '--raw', '/version').stdout;
  assert.match(v, /^\{"major":"1","minor":"32","gitVersion":"v1\.32\.\d+",[^\n]*\}\n$/, 'compact JSON with the newline the server ends it with');
  const api = JSON.parse(c.k('get', '--raw', '/api').stdout);
  assert.deepEqual([api.kind, api.versions], ['APIVersions', ['v1']]);
  const apis = JSON.parse(c.k('get', '--raw', '/apis').stdout);
  assert.ok(apis.groups.some((g: any) => g.name === 'apps'));
  const rl = JSON.parse(c.k('get', '--raw', '/apis/apps/v1').stdout);
  assert.ok(rl.resources.some((r: any) => r.name === 'deployments/scale'));
  assert.ok(JSON.parse(c.k('get', '--raw', '/openapi/v3').stdout).paths['apis/apps/v1']);
});

test('get --raw: objects and lists, the same the API serves to kubectl', () => {
  const list = JSON.parse(c.k('get', '--raw', '/api/v1/namespaces/default/services').stdout);
  assert.equal(list.kind, 'ServiceList');
  assert.deepEqual(list.items.map((s: any) => s.metadata.name).sort(), ['kubernetes', 'web']);
  const web = JSON.parse(c.k('get', '--raw', '/apis/apps/v1/namespaces/default/deployments/web').stdout);
  assert.deepEqual([web.kind, web.apiVersion, web.metadata.name, web.spec.replicas], ['Deployment', 'apps/v1', 'web', 2]);
  assert.equal(web.metadata.uid, c.k('get', 'deploy', 'web', '-o', 'jsonpath={.metadata.uid}').stdout);
  const limited = JSON.parse(c.k('get', '--raw', '/api/v1/namespaces/kube-system/pods?limit=1').stdout);
  assert.equal(limited.items.length, 1);
  assert.ok(limited.metadata.continue);
  const sel = JSON.parse(c.k('get', '--raw', '/api/v1/namespaces/default/services?labelSelector=app%3Dweb').stdout);
  assert.deepEqual(sel.items.map((s: any) => s.metadata.name), ['web']);
  const r = c.k('get', '--raw', '/apis/apps/v1/namespaces/default/deployments/nope');
  assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', 'Error from server (NotFound): deployments.apps "nope" not found\n']);
});

test('get --raw with ?watch=1 streams the events until interrupted', async () => {
  const w = c.bg('get', '--raw', '/api/v1/namespaces/default/configmaps?watch=1');
  try {
    await c.until(() => w.output().includes('"name":"cfg"'));
    assert.equal(c.k('create', 'configmap', 'later').code, 0);
    await c.until(() => w.output().includes('"name":"later"'));
    assert.ok(w.output().split('\n').filter(Boolean).every((l) => /^\{"type":"ADDED","object":\{"kind":"ConfigMap"/.test(l)));
  } finally { await w.stop(); }
});
