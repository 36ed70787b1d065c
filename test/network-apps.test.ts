// What each image answers and logs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { fakeHost, pod, FakeHost } from './network-fixtures';
import { runExec } from '../src/network/shell';
import { podListeners, startupLogs } from '../src/network/apps';
import { containerEnv } from '../src/network/env';

const TEMPLATES = path.join(__dirname, '..', '..', 'templates', 'apps');

function cluster(): { h: FakeHost; client: any; add(p: any): any } {
  const h = fakeHost();
  const client = pod('client-1', 'curlimages/curl', '10.244.1.2', 'kind-worker', {}, 'default', { container: { command: ['sleep', 'infinity'] } });
  h.add(client);
  h.start(client);
  return { h, client, add: (p: any) => { h.add(p); h.start(p); return p; } };
}

const get = async (h: FakeHost, client: any, url: string, ...flags: string[]) => runExec(h, client, undefined, ['curl', '-s', ...flags, url], { tty: false, interactive: false });

test('jpetazzo/httpenv: its environment as Go JSON on 8888, the same as printenv', async () => {
  const { h, client, add } = cluster();
  const p = add(pod('httpenv-7d8f9-abcde', 'jpetazzo/httpenv', '10.244.2.3', 'kind-worker2', { app: 'httpenv' }, 'default', { container: { env: [{ name: 'HTML', value: '<b>&</b>' }] } }));
  const r = await get(h, client, 'http://10.244.2.3:8888/');
  const json = JSON.parse(r.stdout);
  assert.deepEqual(json, Object.fromEntries(containerEnv(h, p, undefined, h.podEnv(p))));
  assert.equal(json.HOSTNAME, 'httpenv-7d8f9-abcde');
  assert.match(r.stdout, /^\{"HOME":"\/root","HOSTNAME":"httpenv-7d8f9-abcde","HTML":"\\u003cb\\u003e\\u0026\\u003c\/b\\u003e",/, 'sorted keys, HTML escaped as Go does');
  assert.ok(!r.stdout.endsWith('\n'));
  const head = await get(h, client, 'http://10.244.2.3:8888/', '-I');
  assert.equal(head.stdout, `HTTP/1.1 200 OK\r\nDate: Sat, 21 Nov 2026 19:20:32 GMT\r\nContent-Length: ${Buffer.byteLength(r.stdout)}\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n`);
  assert.equal((await get(h, client, 'http://10.244.2.3:80/')).exitCode, 7, 'nothing on 80');
  assert.deepEqual(startupLogs(p, 'httpenv', new Date()), ['Starting httpenv listening on port 8888.']);
});

test('whoami: hostname, IPs, remote address and the request (r.deso.tech/whoami/whoami too)', async () => {
  const { h, client, add } = cluster();
  add(pod('phippy-799b96769f-9jl2g', 'r.deso.tech/whoami/whoami', '10.244.2.4', 'kind-worker2', {}, 'default', { container: { ports: [{ containerPort: 80 }], env: [{ name: 'WHOAMI_NAME', value: 'phippy' }] } }));
  const r = await get(h, client, '10.244.2.4', '-H', 'X-Trace: 1', '-A', 'Mozilla/5.0');
  assert.match(r.stdout, /^Name: phippy\nHostname: phippy-799b96769f-9jl2g\nIP: 127\.0\.0\.1\nIP: ::1\nIP: 10\.244\.2\.4\nIP: fe80::[0-9a-f]{1,4}:[0-9a-f]{1,4}ff:fe[0-9a-f]{2,4}:[0-9a-f]{1,4}\nRemoteAddr: 10\.244\.1\.2:\d+\nGET \/ HTTP\/1\.1\nHost: 10\.244\.2\.4\nUser-Agent: Mozilla\/5\.0\nAccept: \*\/\*\nX-Trace: 1\n\n$/);
  const api = JSON.parse((await get(h, client, '10.244.2.4/api')).stdout);
  assert.equal(api.hostname, 'phippy-799b96769f-9jl2g');
  assert.equal(api.method, 'GET');
});

test('nginx: the welcome page, 404, the combined log line; httpd: It works! and the common log', async () => {
  const { h, client, add } = cluster();
  add(pod('web-1', 'nginx:1.27', '10.244.2.5', 'kind-worker2', {}, 'default', { container: { name: 'nginx' } }));
  add(pod('alpine-1', 'httpd:alpine', '10.244.2.6', 'kind-worker2', {}, 'default', { container: { name: 'httpd' } }));
  let r = await get(h, client, 'http://10.244.2.5/');
  assert.equal(r.stdout, fs.readFileSync(path.join(TEMPLATES, 'nginx-index.html'), 'utf8'));
  assert.equal(Buffer.byteLength(r.stdout), 615);
  r = await get(h, client, 'http://10.244.2.5/nope', '-o', '/dev/null', '-w', '%{http_code}');
  assert.equal(r.stdout, '404');
  r = await get(h, client, 'http://10.244.2.6/');
  assert.equal(r.stdout, '<html><body><h1>It works!</h1></body></html>\n');
  assert.deepEqual(h.logs.map((l) => `${l.pod} ${l.container} ${l.line}`), [
    'web-1 nginx 10.244.1.2 - - [21/Nov/2026:19:20:32 +0000] "GET / HTTP/1.1" 200 615 "-" "curl/8.12.1" "-"',
    'web-1 nginx 10.244.1.2 - - [21/Nov/2026:19:20:32 +0000] "GET /nope HTTP/1.1" 404 153 "-" "curl/8.12.1" "-"',
    'alpine-1 httpd 10.244.1.2 - - [21/Nov/2026:19:20:32 +0000] "GET / HTTP/1.1" 200 45',
  ]);
  const start = new Date('2026-11-21T19:00:00Z');
  const nginxStart = startupLogs(h.get('Pod', 'default', 'web-1')!, 'nginx', start);
  assert.equal(nginxStart[0], '/docker-entrypoint.sh: /docker-entrypoint.d/ is not empty, will attempt to perform configuration');
  assert.ok(nginxStart.includes('2026/11/21 19:00:00 [notice] 1#1: nginx/1.27.4'));
  const httpdStart = startupLogs(h.get('Pod', 'default', 'alpine-1')!, 'httpd', start);
  assert.match(httpdStart[2], /^\[Sat Nov 21 19:00:00\.\d{6} 2026\] \[mpm_event:notice\] \[pid 1:tid 1\] AH00489: Apache\/2\.4\.63 \(Unix\) configured -- resuming normal operations$/);
});

test('hello-app, http-echo, an echo server for other images with a declared port, nothing for busybox or redis over HTTP', async () => {
  const { h, client, add } = cluster();
  add(pod('hello-1', 'gcr.io/google-samples/hello-app:2.0', '10.244.2.7', 'kind-worker2'));
  add(pod('echo-1', 'hashicorp/http-echo', '10.244.2.8', 'kind-worker2', {}, 'default', { container: { args: ['-text=bar', '-listen=:8080'] } }));
  add(pod('app-1', 'ghcr.io/acme/app:v3', '10.244.2.9', 'kind-worker2', {}, 'default', { container: { ports: [{ containerPort: 3000 }] } }));
  add(pod('bb-1', 'busybox', '10.244.2.10', 'kind-worker2', {}, 'default', { container: { command: ['sleep', '3600'], ports: [{ containerPort: 80 }] } }));
  add(pod('redis-1', 'redis', '10.244.2.11', 'kind-worker2'));
  assert.equal((await get(h, client, '10.244.2.7:8080')).stdout, 'Hello, world!\nVersion: 2.0.0\nHostname: hello-1\n');
  assert.equal((await get(h, client, '10.244.2.8:8080')).stdout, 'bar\n');
  assert.equal((await get(h, client, '10.244.2.9:3000/x?y=1')).stdout, 'Request served by app-1\n\nHTTP/1.1 GET /x?y=1\n\nHost: 10.244.2.9:3000\nAccept: */*\nUser-Agent: curl/8.12.1\n');
  assert.equal((await get(h, client, '10.244.2.10')).exitCode, 7, 'busybox sleeping listens on nothing, declared port or not');
  assert.deepEqual(podListeners(h.get('Pod', 'default', 'bb-1')!), []);
  const redis = await runExec(h, client, undefined, ['curl', '-sS', '10.244.2.11:6379'], { tty: false, interactive: false });
  assert.deepEqual([redis.stderr, redis.exitCode], ['curl: (1) Received HTTP/0.9 when not allowed\n', 1]);
  assert.match(h.logs[h.logs.length - 1].line, /# Possible SECURITY ATTACK detected\. .*Connection from 10\.244\.1\.2:\d+ aborted\.$/);
});
