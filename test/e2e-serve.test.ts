// kubesim serve end to end: one server on port 0 over a temporary cluster, reached with raw
// HTTPS, the official JavaScript client (@kubernetes/client-node) and, where installed, the
// real kubectl. The CLI keeps writing the same file meanwhile.
import { test, before, after } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { serve, clientNode, Served } from './helpers/serve';
import { ROOT } from './helpers/kubectl';

let s: Served;
before(async () => { s = await serve({ KUBESIM_POD_STARTUP: '1' }); });
after(async () => { await s.stop(); s.cleanup(); });

const json = (b: string) => JSON.parse(b);

test('prints where it listens and the context it wrote; credentials are owner-only', () => {
  assert.match(s.stdout(), /^Serving the Kubernetes API of .* on https:\/\/127\.0\.0\.1:\d+\n/);
  assert.match(s.stdout(), /Context "kubesim" written to .*kube\/config and made current/);
  const cfg = fs.readFileSync(s.kubeconfig, 'utf8');
  assert.match(cfg, /current-context: kubesim/);
  assert.match(cfg, new RegExp(`server: ${s.url}`));
  for (const f of fs.readdirSync(path.join(s.home, 'pki'))) assert.equal(fs.statSync(path.join(s.home, 'pki', f)).mode & 0o777, 0o600, f);
});

test('health and version answer anyone; everything else needs the credential (401 Status)', async () => {
  const r = await s.req('GET', '/readyz', undefined, {}, false);
  assert.equal(r.status, 200);
  assert.equal(r.body, 'ok');
  assert.equal(json((await s.req('GET', '/version', undefined, {}, false)).body).gitVersion, 'v1.32.2');
  const u = await s.req('GET', '/api/v1/pods', undefined, {}, false);
  assert.equal(u.status, 401);
  assert.deepEqual(json(u.body), { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 });
});

test('discovery: aggregated v2 from the Accept header, legacy lists with subresources', async () => {
  const agg = await s.req('GET', '/apis', undefined, { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' });
  assert.equal(agg.headers['content-type'], 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList');
  const apps = json(agg.body).items.find((i: any) => i.metadata.name === 'apps');
  const deploy = apps.versions[0].resources.find((r: any) => r.resource === 'deployments');
  assert.ok(deploy.subresources.some((x: any) => x.subresource === 'scale'));
  const legacy = json((await s.req('GET', '/apis', undefined, { Accept: 'application/json' })).body);
  assert.equal(legacy.kind, 'APIGroupList');
  const v1 = json((await s.req('GET', '/api/v1')).body);
  assert.ok(v1.resources.some((r: any) => r.name === 'pods/log'));
  assert.equal((await s.req('GET', '/apis/nosuch.io/v1')).status, 404);
});

test('the API server\'s Status errors: 404, 409 AlreadyExists, 422 Invalid with causes, 400, 413, 415', async () => {
  const nf = await s.req('GET', '/api/v1/namespaces/default/pods/nosuch');
  assert.equal(nf.status, 404);
  assert.deepEqual(json(nf.body).details, { name: 'nosuch', kind: 'pods' });
  assert.equal(json(nf.body).message, 'pods "nosuch" not found');
  const cm = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'dup' } });
  assert.equal((await s.req('POST', '/api/v1/namespaces/default/configmaps', cm)).status, 201);
  const dup = await s.req('POST', '/api/v1/namespaces/default/configmaps', cm);
  assert.equal(dup.status, 409);
  assert.equal(json(dup.body).reason, 'AlreadyExists');
  assert.equal(json(dup.body).message, 'configmaps "dup" already exists');
  const bad = await s.req('POST', '/api/v1/namespaces/default/services', JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'Bad_Name' }, spec: { ports: [{ port: 80 }] } }));
  assert.equal(bad.status, 422);
  assert.equal(json(bad.body).details.causes[0].field, 'metadata.name');
  assert.equal(json(bad.body).details.causes[0].reason, 'FieldValueInvalid');
  const syntax = await s.req('POST', '/api/v1/namespaces/default/configmaps', '{bad');
  assert.equal(syntax.status, 400);
  assert.equal(json(syntax.body).message, "couldn't get version/kind; json parse error: invalid character 'b' looking for beginning of object key string");
  const big = await s.req('POST', '/api/v1/namespaces/default/configmaps', 'x'.repeat(3 * 1024 * 1024 + 1));
  assert.equal(big.status, 413);
  assert.equal(json(big.body).message, 'Request entity too large: limit is 3145728');
  const media = await s.req('POST', '/api/v1/namespaces/default/configmaps', cm, { 'Content-Type': 'text/plain' });
  assert.equal(media.status, 415);
  assert.equal((await s.req('GET', '/no/such/path')).status, 404);
  // nothing half-written
  assert.equal(s.k('get', 'svc', 'Bad_Name').code, 1);
});

test('resourceVersion: a stale update is a 409 Conflict worded as the API server words it', async () => {
  const cur = json((await s.req('GET', '/api/v1/namespaces/default/configmaps/dup')).body);
  const stale = { ...cur, data: { a: '1' } };
  assert.equal((await s.req('PUT', '/api/v1/namespaces/default/configmaps/dup', JSON.stringify(stale))).status, 200);
  const again = await s.req('PUT', '/api/v1/namespaces/default/configmaps/dup', JSON.stringify({ ...cur, data: { a: '2' } }));
  assert.equal(again.status, 409);
  assert.equal(json(again.body).message, 'Operation cannot be fulfilled on configmaps "dup": the object has been modified; please apply your changes to the latest version and try again');
});

test('lists: label selectors, limit and continue', async () => {
  for (const n of ['l1', 'l2', 'l3']) s.k('create', 'configmap', n);
  s.k('label', 'configmap', 'l1', 'l2', 'pick=yes');
  const sel = json((await s.req('GET', '/api/v1/namespaces/default/configmaps?labelSelector=pick%3Dyes')).body);
  assert.deepEqual(sel.items.map((i: any) => i.metadata.name), ['l1', 'l2']);
  const p1 = json((await s.req('GET', '/api/v1/namespaces/default/configmaps?limit=2')).body);
  assert.equal(p1.items.length, 2);
  assert.ok(p1.metadata.continue);
  const p2 = json((await s.req('GET', `/api/v1/namespaces/default/configmaps?limit=2&continue=${encodeURIComponent(p1.metadata.continue)}`)).body);
  assert.ok(!p2.items.some((i: any) => p1.items.some((j: any) => j.metadata.name === i.metadata.name)));
});

test('Tables are built from kubesim\'s own printers', async () => {
  s.k('create', 'deployment', 'tbl', '--image=nginx');
  const t = json((await s.req('GET', '/apis/apps/v1/namespaces/default/deployments', undefined, { Accept: 'application/json;as=Table;v=v1;g=meta.k8s.io,application/json' })).body);
  assert.equal(t.kind, 'Table');
  assert.deepEqual(t.columnDefinitions.map((c: any) => c.name), ['Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers', 'Images', 'Selector']);
  assert.equal(t.rows[0].cells[0], 'tbl');
  assert.equal(t.rows[0].object.kind, 'PartialObjectMetadata');
});

test('patches: merge, JSON, strategic; server-side apply records managedFields and reports conflicts', async () => {
  const p = '/apis/apps/v1/namespaces/default/deployments/tbl';
  assert.equal((await s.req('PATCH', p, '{"spec":{"replicas":2}}', { 'Content-Type': 'application/merge-patch+json' })).status, 200);
  assert.equal((await s.req('PATCH', p, '[{"op":"replace","path":"/spec/replicas","value":3}]', { 'Content-Type': 'application/json-patch+json' })).status, 200);
  const smp = await s.req('PATCH', p, '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"httpd"}]}}}}', { 'Content-Type': 'application/strategic-merge-patch+json' });
  assert.equal(json(smp.body).spec.template.spec.containers.length, 1);
  assert.equal(json(smp.body).spec.template.spec.containers[0].image, 'httpd');
  assert.match(s.k('get', 'deploy', 'tbl', '-o', 'jsonpath={.spec.replicas}').stdout, /^3$/);
  const applied = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: ssa\ndata:\n  k: one\n';
  const a1 = await s.req('PATCH', '/api/v1/namespaces/default/configmaps/ssa?fieldManager=one', applied, { 'Content-Type': 'application/apply-patch+yaml' });
  assert.equal(a1.status, 201);
  assert.equal(json(a1.body).metadata.managedFields[0].manager, 'one');
  const a2 = await s.req('PATCH', '/api/v1/namespaces/default/configmaps/ssa?fieldManager=two', applied.replace('one\n', 'two\n'), { 'Content-Type': 'application/apply-patch+yaml' });
  assert.equal(a2.status, 409);
  assert.equal(json(a2.body).message, 'Apply failed with 1 conflict: conflict with "one" using v1: .data.k');
  const a3 = await s.req('PATCH', '/api/v1/namespaces/default/configmaps/ssa?fieldManager=two&force=true', applied.replace('one\n', 'two\n'), { 'Content-Type': 'application/apply-patch+yaml' });
  assert.equal(a3.status, 200);
  assert.equal(json(a3.body).data.k, 'two');
  const noManager = await s.req('PATCH', '/api/v1/namespaces/default/configmaps/ssa', applied, { 'Content-Type': 'application/apply-patch+yaml' });
  assert.equal(noManager.status, 422);
});

test('scale subresource and DeleteOptions (dryRun=All leaves the object)', async () => {
  const sc = await s.req('PATCH', '/apis/apps/v1/namespaces/default/deployments/tbl/scale', '{"spec":{"replicas":1}}', { 'Content-Type': 'application/merge-patch+json' });
  assert.equal(json(sc.body).kind, 'Scale');
  assert.equal(json(sc.body).spec.replicas, 1);
  assert.equal((await s.req('DELETE', '/api/v1/namespaces/default/configmaps/l3?dryRun=All')).status, 200);
  assert.equal(s.k('get', 'cm', 'l3').code, 0);
  const del = await s.req('DELETE', '/api/v1/namespaces/default/configmaps/l3');
  assert.equal(json(del.body).status, 'Success');
  assert.equal(s.k('get', 'cm', 'l3').code, 1);
});

test('reviews: everything is allowed', async () => {
  const r = await s.req('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb: 'create', resource: 'pods' } } }));
  assert.equal(r.status, 201);
  assert.equal(json(r.body).status.allowed, true);
});

test('the JavaScript client: the seed 004 service, lists, watch seeing a CLI write, patch', async (t) => {
  const k8s = await clientNode();
  if (!k8s) return t.skip('@kubernetes/client-node is not installed');
  const kc = new k8s.KubeConfig();
  kc.loadFromFile(s.kubeconfig);
  const core = kc.makeApiClient(k8s.CoreV1Api);
  await core.createNamespacedService({ namespace: 'default', body: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'alpine-service' }, spec: { selector: { app: 'alpine' }, type: 'LoadBalancer', ports: [{ port: 8080, protocol: 'TCP', targetPort: 80 }] } } });
  assert.match(s.k('get', 'svc', 'alpine-service').stdout, /alpine-service\s+LoadBalancer/);
  const pods = await core.listNamespacedPod({ namespace: 'kube-system' });
  assert.ok(pods.items.length > 0);
  const seen: string[] = [];
  const watch = new k8s.Watch(kc);
  const req = await watch.watch('/api/v1/namespaces/default/configmaps', {}, (type: string, obj: any) => { seen.push(`${type} ${obj.metadata.name}`); }, () => undefined);
  await new Promise((r) => setTimeout(r, 100));
  s.k('create', 'configmap', 'from-cli');
  await s.until(() => seen.includes('ADDED from-cli'), 5000);
  req.abort();
  const apps = kc.makeApiClient(k8s.AppsV1Api);
  await apps.patchNamespacedDeployment({ name: 'tbl', namespace: 'default', body: [{ op: 'replace', path: '/spec/replicas', value: 2 }] });
  assert.match(s.k('get', 'deploy', 'tbl', '-o', 'jsonpath={.spec.replicas}').stdout, /^2$/);
});

test('watch: 100 concurrent watchers each see a change; 410 Expired past compaction; timeoutSeconds', async () => {
  const https = await import('https');
  const pki = path.join(s.home, 'pki');
  const agent = new https.Agent({ ca: fs.readFileSync(path.join(pki, 'ca.crt')), cert: fs.readFileSync(path.join(pki, 'client.crt')), key: fs.readFileSync(path.join(pki, 'client.key')), maxSockets: 200 });
  const rv = json((await s.req('GET', '/api/v1/namespaces/default/configmaps')).body).metadata.resourceVersion;
  const got: number[] = [];
  let t0 = 0;
  const reqs: import('http').ClientRequest[] = [];
  await Promise.all(Array.from({ length: 100 }, () => new Promise<void>((resolve) => {
    const r = https.request(`${s.url}/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=${rv}`, { agent }, (res) => {
      res.on('data', (d: Buffer) => { if (t0 && /"ADDED".*"watched"/.test(String(d))) got.push(Date.now() - t0); });
      resolve();
    });
    r.on('error', () => undefined);
    r.end();
    reqs.push(r);
  })));
  t0 = Date.now();
  assert.equal((await s.req('POST', '/api/v1/namespaces/default/configmaps', JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'watched' } }))).status, 201);
  await s.until(() => got.length === 100, 10000);
  for (const r of reqs) r.destroy();
  agent.destroy();
  // compaction: a watch from before the oldest revision is told 410 Expired
  const Sqlite = require('better-sqlite3');
  const db = new Sqlite(path.join(s.home, 'cluster.db'), { timeout: 30000 });
  db.prepare('DELETE FROM revisions WHERE rv <= ?').run(Number(rv));
  db.close();
  const old = await s.req('GET', '/api/v1/namespaces/default/configmaps?watch=true&resourceVersion=1');
  const ev = json(old.body.trim());
  assert.equal(ev.type, 'ERROR');
  assert.equal(ev.object.code, 410);
  assert.equal(ev.object.reason, 'Expired');
  assert.match(ev.object.message, /^too old resource version: 1 \(\d+\)$/);
  // timeoutSeconds ends the watch
  const timed = await s.req('GET', `/api/v1/namespaces/default/configmaps?watch=true&timeoutSeconds=1&resourceVersion=${json((await s.req('GET', '/api/v1/namespaces/default/configmaps')).body).metadata.resourceVersion}`);
  assert.equal(timed.status, 200);
  assert.equal(timed.body, '');
});

test('the control plane runs on a timer: pods become Running with nobody typing', async () => {
  await s.req('POST', '/apis/apps/v1/namespaces/default/deployments', JSON.stringify({ apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'timer' }, spec: { selector: { matchLabels: { app: 'timer' } }, template: { metadata: { labels: { app: 'timer' } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } } }));
  const end = Date.now() + 10000;
  let phase = '';
  while (Date.now() < end) {
    const l = json((await s.req('GET', '/api/v1/namespaces/default/pods?labelSelector=app%3Dtimer')).body);
    phase = l.items[0]?.status?.phase ?? '';
    if (phase === 'Running') break;
    await new Promise((r) => setTimeout(r, 100));
  }
  assert.equal(phase, 'Running');
});

test('concurrent writers on both sides: every service created once, no ClusterIP handed out twice', async () => {
  const { spawn } = await import('child_process');
  const cli = (name: string) => new Promise<number>((resolve) => {
    const p = spawn(path.join(ROOT, 'bin', 'kubectl'), ['create', 'service', 'clusterip', name, '--tcp=80'], { env: s.env, stdio: 'ignore' });
    p.on('exit', (code) => resolve(code ?? -1));
  });
  const viaApi = (name: string) => s.req('POST', '/api/v1/namespaces/default/services', JSON.stringify({ apiVersion: 'v1', kind: 'Service', metadata: { name }, spec: { ports: [{ port: 80 }] } })).then((r) => r.status);
  const results = await Promise.all([
    ...[0, 1, 2].map((i) => cli(`race-cli-${i}`)),
    ...[0, 1, 2, 3, 4, 5].map((i) => viaApi(`race-api-${i}`)),
  ]);
  assert.deepEqual(results, [0, 0, 0, 201, 201, 201, 201, 201, 201]);
  const svcs = json((await s.req('GET', '/api/v1/namespaces/default/services')).body).items.filter((x: any) => x.metadata.name.startsWith('race-'));
  assert.equal(svcs.length, 9);
  const ips = svcs.map((x: any) => x.spec.clusterIP);
  assert.equal(new Set(ips).size, 9);
});

test('a second serve on the same home says one is already running', () => {
  const r = spawnSync(path.join(ROOT, 'bin', 'kubesim'), ['serve', '--port', '0'], { env: s.env, encoding: 'utf8', timeout: 20000 });
  assert.equal(r.status, 1);
  assert.match(r.stderr, /^error: kubesim serve is already running for .* \(pid \d+, https:\/\/127\.0\.0\.1:\d+\)\n$/);
});

test('real kubectl prints what kubesim\'s kubectl prints', (t) => {
  if (!fs.existsSync('/usr/bin/kubectl')) return t.skip('the real kubectl is not installed (/usr/bin/kubectl)');
  const real = (...args: string[]) => spawnSync('/usr/bin/kubectl', args, { env: { ...s.env, KUBECONFIG: s.kubeconfig }, encoding: 'utf8', timeout: 30000 });
  for (const args of [['get', 'deploy', '-o', 'wide'], ['get', 'svc'], ['get', 'nodes'], ['get', 'cm', 'dup', '-o', 'yaml'], ['get', 'pod', 'nosuch']]) {
    const a = real(...args), b = s.k(...args);
    // the two run a moment apart: ages may differ by a second
    const ages = (x: string) => x.replace(/\b\d+(s|m\d*s?)\b/g, 'AGE');
    assert.equal(ages(a.stdout), ages(b.stdout), args.join(' '));
    assert.equal(a.stderr, b.stderr, args.join(' '));
    assert.equal(a.status, b.code, args.join(' '));
  }
  const created = real('create', 'deployment', 'viaproto', '--image=nginx');
  assert.equal(created.stdout, 'deployment.apps/viaproto created\n');
  assert.equal(real('auth', 'can-i', 'create', 'pods').stdout, 'yes\n');
});

test('SIGTERM stops the server cleanly', async () => {
  assert.equal(await s.stop(), 0);
  assert.ok(!fs.existsSync(path.join(s.home, 'serve.pid')));
});
