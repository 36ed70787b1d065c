// kubectl proxy as a process: the API read-only over real HTTP on 127.0.0.1, and the pods and
// services proxy subresources reaching the nginx app.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as http from 'http';
import { cluster } from './helpers/kubectl';

function get(port: number, p: string, opts: { method?: string; headers?: Record<string, string> } = {}): Promise<{ status: number; headers: string[]; body: string }> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: '127.0.0.1', port, path: p, method: opts.method ?? 'GET', headers: opts.headers, agent: false }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (d) => (body += d));
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.rawHeaders, body }));
    });
    req.on('error', reject);
    req.end();
  });
}

test('kubectl proxy --port=0: the API as the API server answers, and the pod and service proxy paths', async () => {
  const c = cluster();
  try {
    assert.equal(c.k('create', 'deployment', 'nginx', '--image=nginx').code, 0);
    assert.equal(c.k('expose', 'deployment', 'nginx', '--port=80').code, 0);
    assert.equal(c.k('create', 'service', 'clusterip', 'empty', '--tcp=80:80').code, 0);
    await c.until(() => c.k('get', 'pods', '-l', 'app=nginx', '-o', 'jsonpath={.items[*].status.phase}').stdout === 'Running');
    const podName = c.k('get', 'pods', '-l', 'app=nginx', '-o', 'jsonpath={.items[0].metadata.name}').stdout;
    const podJson = JSON.parse(c.k('get', 'pod', podName, '-o', 'json').stdout);

    const p = c.bg('proxy', '--port=0');
    await c.until(() => /Starting to serve on 127\.0\.0\.1:\d+\n/.test(p.output()));
    assert.match(p.output(), /^Starting to serve on 127\.0\.0\.1:\d+\n$/);
    const port = Number(/:(\d+)\n/.exec(p.output())![1]);

    // a list: PodList, items without kind/apiVersion, compact JSON on one line
    const list = await get(port, '/api/v1/namespaces/default/pods');
    assert.equal(list.status, 200);
    assert.ok(list.body.endsWith('}\n') && !list.body.slice(0, -1).includes('\n'));
    const l = JSON.parse(list.body);
    assert.equal(l.kind, 'PodList');
    assert.equal(l.apiVersion, 'v1');
    assert.match(l.metadata.resourceVersion, /^\d+$/);
    assert.deepEqual(l.items.map((i: any) => i.metadata.name), [podName]);
    assert.equal(l.items[0].kind, undefined);
    assert.ok(list.body.startsWith('{"kind":"PodList","apiVersion":"v1","metadata":{"resourceVersion":'));

    // one object: what get -o json holds, in the API server's field order
    const one = await get(port, `/api/v1/namespaces/default/pods/${podName}`);
    assert.equal(one.status, 200);
    assert.deepEqual(JSON.parse(one.body), podJson);
    assert.ok(one.body.startsWith('{"kind":"Pod","apiVersion":"v1","metadata":{"name":'));
    assert.equal(one.headers[one.headers.indexOf('Content-Type') + 1], 'application/json');

    // a deployment under /apis
    const dep = await get(port, '/apis/apps/v1/namespaces/default/deployments/nginx');
    assert.equal(JSON.parse(dep.body).kind, 'Deployment');

    // not found: the API server's Status
    const nf = await get(port, '/api/v1/namespaces/default/pods/x');
    assert.equal(nf.status, 404);
    assert.equal(nf.body, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \\"x\\" not found","reason":"NotFound","details":{"name":"x","kind":"pods"},"code":404}\n');
    // curl gets it indented
    const nfCurl = await get(port, '/api/v1/namespaces/default/pods/x', { headers: { 'User-Agent': 'curl/8.5.0' } });
    assert.match(nfCurl.body, /^\{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": \{\},\n/);
    // writes are not served
    assert.equal((await get(port, '/api/v1/namespaces/default/pods', { method: 'POST' })).status, 405);

    // the pod's proxy subresource: nginx answers
    const viaPod = await get(port, `/api/v1/namespaces/default/pods/${podName}/proxy/`);
    assert.equal(viaPod.status, 200);
    assert.match(viaPod.body, /<title>Welcome to nginx!<\/title>/);
    assert.match(viaPod.headers[viaPod.headers.indexOf('Server') + 1], /^nginx\//);
    const missing = await get(port, `/api/v1/namespaces/default/pods/${podName}:80/proxy/nope.html`);
    assert.equal(missing.status, 404);
    assert.match(missing.body, /<center><h1>404 Not Found<\/h1><\/center>/);
    const refused = await get(port, `/api/v1/namespaces/default/pods/${podName}:81/proxy/`);
    assert.equal(refused.status, 503);
    assert.match(JSON.parse(refused.body).message, /^error trying to reach service: dial tcp [\d.]+:81: connect: connection refused$/);

    // the service's proxy subresource, by name, port number and port name
    for (const id of ['nginx', 'nginx:80', 'http:nginx:']) {
      const viaSvc = await get(port, `/api/v1/namespaces/default/services/${id}/proxy/`);
      assert.equal(viaSvc.status, 200, id);
      assert.match(viaSvc.body, /Welcome to nginx!/);
    }
    const redirect = await get(port, '/api/v1/namespaces/default/services/nginx/proxy');
    assert.equal(redirect.status, 301);
    assert.equal(redirect.headers[redirect.headers.indexOf('Location') + 1], '/api/v1/namespaces/default/services/nginx/proxy/');
    const noEp = await get(port, '/api/v1/namespaces/default/services/empty/proxy/');
    assert.equal(noEp.status, 503);
    assert.equal(noEp.body, '{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"no endpoints available for service \\"empty\\"","reason":"ServiceUnavailable","code":503}\n');
    const badPort = await get(port, '/api/v1/namespaces/default/services/nginx:8080/proxy/');
    assert.equal(JSON.parse(badPort.body).message, 'no service port 8080 found for service "nginx"');

    // kubectl's filter: other Host headers are refused
    const evil = await get(port, '/api', { headers: { Host: 'evil.example:8001' } });
    assert.equal(evil.status, 403);
    assert.equal(evil.body, 'Forbidden\n');

    // the app logged the proxied requests
    assert.match(c.k('logs', podName).stdout, /"GET \/ HTTP\/1\.1" 200 615/);
    await p.stop();
    assert.notEqual(p.proc.exitCode ?? p.proc.signalCode, null);
    await assert.rejects(get(port, '/version'), /ECONNREFUSED/);
  } finally {
    c.cleanup();
  }
});

test('the Kubernetes Basics tutorial: curl through kubectl proxy to the kubernetes-bootcamp pod on :8080', async () => {
  const c = cluster();
  try {
    assert.equal(c.k('create', 'deployment', 'kubernetes-bootcamp', '--image=gcr.io/google-samples/kubernetes-bootcamp:v1').code, 0);
    await c.until(() => c.k('get', 'pods', '-o', 'jsonpath={.items[*].status.phase}').stdout === 'Running');
    const podName = c.k('get', 'pods', '-o', 'jsonpath={.items[0].metadata.name}').stdout;
    const p = c.bg('proxy', '-p', '0');
    await c.until(() => /Starting to serve on 127\.0\.0\.1:\d+\n/.test(p.output()));
    const port = Number(/:(\d+)\n/.exec(p.output())![1]);
    const r = await get(port, `/api/v1/namespaces/default/pods/${podName}:8080/proxy/`);
    assert.equal(r.status, 200);
    assert.equal(r.body, `Hello Kubernetes bootcamp! | Running on: ${podName} | v=1\n`);
    assert.equal(r.headers[r.headers.indexOf('Transfer-Encoding') + 1], 'chunked');
    // no port: 80, where nothing listens
    const r80 = await get(port, `/api/v1/namespaces/default/pods/${podName}/proxy/`);
    assert.equal(r80.status, 503);
    assert.match(JSON.parse(r80.body).message, /:80: connect: connection refused$/);
    const v = await get(port, '/version', { headers: { 'User-Agent': 'curl/8.5.0' } });
    assert.equal(JSON.parse(v.body).gitVersion, 'v1.32.2');
    await p.stop();
    const logs = c.k('logs', podName).stdout;
    assert.match(logs, /^Kubernetes Bootcamp App Started At: \d{4}-\d\d-\d\dT[\d:.]+Z \| Running On:  kubernetes-bootcamp-\S+ \n\nRunning On: kubernetes-bootcamp-\S+ \| Total Requests: 1 \| App Uptime: [\d.]+ seconds \| Log Time: /);
  } finally {
    c.cleanup();
  }
});
