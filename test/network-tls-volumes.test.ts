// Volumes in the container filesystem, TLS in the data plane (nginx from its Secret and
// ConfigMap volumes, curl's checks), real TLS through port-forward, and the host listeners.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import * as http from 'http';
import * as https from 'https';
import * as net from 'net';
import * as tls from 'tls';
import type { KObject } from '../src/api/types';
import { fakeHost, pod, svc, FakeHost } from './network-fixtures';
import { runExec } from '../src/network/shell';
import { checkPeer, curlPeerError, chainErrorText } from '../src/network/tls';
import { parseNginxConf, nginxSetup } from '../src/network/nginx-conf';
import { podListeners } from '../src/network/apps';
import { startPortForward } from '../src/network/portforward';
import { startHostListeners } from '../src/apiserver/host-listeners';
import { kubeletVolumeFiles, SourceVersion } from '../src/network/volumes';

const FIX = path.join(__dirname, '..', '..', 'test', 'fixtures', 'tls');
const pem = (f: string) => fs.readFileSync(path.join(FIX, f), 'utf8');
const b64 = (s: string) => Buffer.from(s).toString('base64');

const DEFAULT_CONF = 'server {\n        listen 80 default_server;\n        listen [::]:80 default_server ipv6only=on;\n\n        listen 443 ssl;\n\n        root /usr/share/nginx/html;\n        index index.html;\n\n        server_name localhost;\n        ssl_certificate /etc/nginx/ssl/tls.crt;\n        ssl_certificate_key /etc/nginx/ssl/tls.key;\n\n        location / {\n                try_files $uri $uri/ =404;\n        }\n}';

const secret = (name: string, data: Record<string, string>, type = 'Opaque'): KObject =>
  ({ apiVersion: 'v1', kind: 'Secret', type, metadata: { name, namespace: 'default' }, data: Object.fromEntries(Object.entries(data).map(([k, v]) => [k, b64(v)])) });
const configMap = (name: string, data: Record<string, string>): KObject => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, namespace: 'default' }, data });

/** The course's setup: nginxsecret (tls), nginxconfigmap (default.conf), the nginxhttps pod
 *  behind my-nginx (8080->80, 443), a curl pod with the secret mounted. */
function course(h: FakeHost = fakeHost()) {
  h.add(secret('nginxsecret', { 'tls.crt': pem('nginx.crt'), 'tls.key': pem('nginx.key') }, 'kubernetes.io/tls'), configMap('nginxconfigmap', { 'default.conf': DEFAULT_CONF }));
  const web = pod('my-nginx-7bf4f7cdb8-skk59', 'bprashanth/nginxhttps:1.0', '10.244.1.4', 'kind-worker', { run: 'my-nginx' }, 'default', {
    container: { name: 'nginxhttps', ports: [{ containerPort: 443 }, { containerPort: 80 }], volumeMounts: [{ mountPath: '/etc/nginx/ssl', name: 'secret-volume' }, { mountPath: '/etc/nginx/conf.d', name: 'configmap-volume' }] },
    spec: { volumes: [{ name: 'secret-volume', secret: { secretName: 'nginxsecret' } }, { name: 'configmap-volume', configMap: { name: 'nginxconfigmap' } }] },
  });
  const client = pod('curl-deployment-57696ff788-89rtb', 'docker.io/curlimages/curl:8.18.0', '10.244.2.4', 'kind-worker2', { app: 'curlpod' }, 'default', {
    container: { name: 'curlpod', command: ['sh', '-c', 'while true; do sleep 1; done'], volumeMounts: [{ mountPath: '/etc/nginx/ssl', name: 'secret-volume' }] },
    spec: { volumes: [{ name: 'secret-volume', secret: { secretName: 'nginxsecret' } }] },
  });
  h.add(web, client, svc('my-nginx', 'default', { type: 'NodePort', clusterIP: '10.96.162.149', selector: { run: 'my-nginx' }, ports: [{ name: 'http', port: 8080, targetPort: 80, protocol: 'TCP', nodePort: 31704 }, { name: 'https', port: 443, targetPort: 443, protocol: 'TCP', nodePort: 32453 }] }));
  h.syncEndpoints('default', 'my-nginx');
  h.start(web); h.start(client);
  return { h, web, client };
}

const sh = (h: FakeHost, p: KObject, script: string) => runExec(h, p, undefined, ['sh', '-c', script], { tty: false, interactive: false });

// ---- volumes ----------------------------------------------------------------------------------------

test('secret, configMap (items), subPath, projected and downwardAPI volumes are files in the container', async () => {
  const h = fakeHost();
  h.add(secret('s', { 'tls.crt': 'CERT\n', 'tls.key': 'KEY\n' }), configMap('c', { 'a.conf': 'A', 'b.conf': 'B' }), configMap('kube-root-ca.crt', { 'ca.crt': 'ROOTCA\n' }));
  const p = pod('vol-1', 'busybox', '10.244.1.9', 'kind-worker', { app: 'v', tier: 'x' }, 'default', {
    container: { name: 'v', command: ['sleep', '3600'], volumeMounts: [
      { name: 's', mountPath: '/etc/ssl/private' }, { name: 'c', mountPath: '/cfg' }, { name: 's', mountPath: '/only.crt', subPath: 'tls.crt' },
      { name: 'info', mountPath: '/etc/podinfo' }, { name: 'scratch', mountPath: '/scratch' },
      { name: 'kube-api-access-abcde', mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', readOnly: true },
    ] },
    spec: { serviceAccountName: 'default', volumes: [
      { name: 's', secret: { secretName: 's' } },
      { name: 'c', configMap: { name: 'c', items: [{ key: 'b.conf', path: 'sub/b.conf' }] } },
      { name: 'info', downwardAPI: { items: [{ path: 'labels', fieldRef: { fieldPath: 'metadata.labels' } }, { path: 'name', fieldRef: { fieldPath: 'metadata.name' } }] } },
      { name: 'scratch', emptyDir: {} },
      { name: 'kube-api-access-abcde', projected: { sources: [{ serviceAccountToken: { path: 'token' } }, { configMap: { name: 'kube-root-ca.crt', items: [{ key: 'ca.crt', path: 'ca.crt' }] } }, { downwardAPI: { items: [{ path: 'namespace', fieldRef: { fieldPath: 'metadata.namespace' } }] } }] } },
    ] },
  });
  h.add(p);
  let r = await sh(h, p, 'ls /etc/ssl/private; cat /etc/ssl/private/tls.crt /only.crt; ls /cfg; ls /cfg/sub; cat /cfg/sub/b.conf; echo');
  assert.equal(r.stdout, 'tls.crt\ntls.key\nCERT\nCERT\nsub\nb.conf\nB\n');
  r = await sh(h, p, 'cat /cfg/a.conf');
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr, "cat: can't open '/cfg/a.conf': No such file or directory\n");
  r = await sh(h, p, 'cat /etc/podinfo/labels; echo; cat /etc/podinfo/name; echo; ls /scratch; [ -d /scratch ] && echo dir; cd /cfg/sub && pwd');
  assert.equal(r.stdout, 'app="v"\ntier="x"\nvol-1\ndir\n/cfg/sub\n');
  r = await sh(h, p, 'ls /var/run/secrets/kubernetes.io/serviceaccount; cat /var/run/secrets/kubernetes.io/serviceaccount/namespace /var/run/secrets/kubernetes.io/serviceaccount/ca.crt');
  assert.equal(r.stdout, 'ca.crt\nnamespace\ntoken\ndefaultROOTCA\n');
  r = await sh(h, p, "awk -F. '{print NF}' /var/run/secrets/kubernetes.io/serviceaccount/token");
  assert.equal(r.stdout, '3\n');
  // the same volumes on the node, where the kubelet keeps them
  const onNode = kubeletVolumeFiles(h, p);
  const base = `/var/lib/kubelet/pods/${p.metadata.uid}/volumes/kubernetes.io~`;
  assert.equal(onNode.get(`${base}secret/s/tls.key`), 'KEY\n');
  assert.equal(onNode.get(`${base}configmap/c/sub/b.conf`), 'B');
  assert.equal(onNode.get(`${base}projected/kube-api-access-abcde/ca.crt`), 'ROOTCA\n');
  assert.ok(onNode.has(`${base}empty-dir/scratch`));
});

test('a mounted configMap follows updates after the kubelet delay; subPath mounts and env keep what was there at start', async () => {
  const h = fakeHost();
  const NOW = h.now().getTime();
  const started = Date.parse('2026-11-21T19:00:00Z');
  const v1 = configMap('cfg', { color: 'blue' });
  const v2 = configMap('cfg', { color: 'red' });
  const hist: SourceVersion[] = [{ at: started - 60_000, obj: v1 }, { at: NOW - 5_000, obj: v2 }];
  h.add(v2);
  h.sourceHistory = (kind, ns, name) => (kind === 'ConfigMap' && name === 'cfg' ? hist : undefined);
  h.volumeSyncMs = 10_000;
  const p = pod('cm-1', 'busybox', '10.244.1.10', 'kind-worker', {}, 'default', {
    container: { name: 'cm', command: ['sleep', '3600'], envFrom: [{ configMapRef: { name: 'cfg' } }], volumeMounts: [{ name: 'c', mountPath: '/cfg' }, { name: 'c', mountPath: '/color', subPath: 'color' }] },
    spec: { volumes: [{ name: 'c', configMap: { name: 'cfg' } }] },
  });
  h.add(p);
  // changed 5 s ago, the kubelet projects after 10 s: still blue everywhere
  assert.equal((await sh(h, p, 'cat /cfg/color /color; echo $color')).stdout, 'blueblueblue\n');
  h.volumeSyncMs = 2_000;
  // past the delay: the volume shows red; the subPath file and the environment do not change
  assert.equal((await sh(h, p, 'cat /cfg/color /color; echo $color')).stdout, 'redblueblue\n');
});

// ---- certificates -------------------------------------------------------------------------------------

test('certificate checks: chain against the CA bundle, then SAN/CN as curl does, with curl\'s texts per version', () => {
  const now = new Date('2026-11-21T19:20:32Z');
  assert.deepEqual(checkPeer(pem('nginx.crt'), pem('nginx.crt'), 'my-nginx', now), { ok: true });
  assert.deepEqual(checkPeer(pem('nginx.crt'), undefined, 'my-nginx', now), { ok: false, kind: 'chain', error: 'self-signed' });
  assert.deepEqual(checkPeer(pem('nginx.crt'), pem('other.crt'), 'my-nginx', now), { ok: false, kind: 'chain', error: 'self-signed' });
  const ip = checkPeer(pem('nginx.crt'), pem('nginx.crt'), '10.244.1.4', now);
  assert.deepEqual(ip, { ok: false, kind: 'name', cn: 'my-nginx', altNames: false });
  assert.deepEqual(curlPeerError(ip as any, '10.244.1.4', '8.12.1'), { code: 60, message: "SSL: certificate subject name 'my-nginx' does not match target hostname '10.244.1.4'" });
  assert.deepEqual(curlPeerError(ip as any, '10.244.1.4', '7.88.1'), { code: 60, message: "SSL: certificate subject name 'my-nginx' does not match target host name '10.244.1.4'" });
  assert.deepEqual(curlPeerError(ip as any, '10.244.1.4', '7.35.0'), { code: 51, message: "SSL: certificate subject name 'my-nginx' does not match target host name '10.244.1.4'" });
  // a CA-signed leaf with SANs
  assert.deepEqual(checkPeer(pem('san.crt'), pem('ca.crt'), 'my-nginx.default.svc.cluster.local', now), { ok: true });
  assert.deepEqual(checkPeer(pem('san.crt'), pem('ca.crt'), '127.0.0.1', now), { ok: true });
  const alt = checkPeer(pem('san.crt'), pem('ca.crt'), 'nginx.example', now);
  assert.deepEqual(alt, { ok: false, kind: 'name', altNames: true });
  assert.equal(curlPeerError(alt as any, 'nginx.example', '8.12.1').message, "SSL: no alternative certificate subject name matches target hostname 'nginx.example'");
  assert.equal(curlPeerError(alt as any, 'nginx.example', '7.88.1').message, "SSL: no alternative certificate subject name matches target host name 'nginx.example'");
  assert.deepEqual(checkPeer(pem('san.crt'), undefined, 'my-nginx', now), { ok: false, kind: 'chain', error: 'local-issuer' });
  assert.deepEqual(checkPeer(pem('san.crt'), pem('ca.crt'), 'my-nginx', new Date('2100-06-01T00:00:00Z')), { ok: false, kind: 'chain', error: 'expired' });
  assert.equal(chainErrorText('self-signed', false), 'self signed certificate');
});

test('nginx reads its server blocks: the course\'s default.conf listens on 80 and 443 ssl; a missing certificate keeps it from starting', () => {
  const [s] = parseNginxConf(DEFAULT_CONF);
  assert.deepEqual(s.listens, [{ port: 80, ssl: false }, { port: 80, ssl: false }, { port: 443, ssl: true }]);
  assert.equal(s.sslCertificate, '/etc/nginx/ssl/tls.crt');
  assert.deepEqual(s.index, ['index.html']);
  const files = new Map([['/etc/nginx/conf.d/default.conf', DEFAULT_CONF]]);
  const setup = nginxSetup({ file: (p) => files.get(p), dir: (p) => (p === '/etc/nginx/conf.d' ? ['default.conf'] : undefined) }, 'nginxhttps');
  assert.equal(setup.servers.length, 0);
  assert.match(setup.error!, /^cannot load certificate "\/etc\/nginx\/ssl\/tls.crt"/);
  // the course's pod: 80 plain, 443 TLS with the secret's files
  const { h, web } = course();
  assert.deepEqual(podListeners(web, h).map((l) => [l.port, l.wire, l.tls?.cert]), [[80, 'http', undefined], [443, 'https', '/etc/nginx/ssl/tls.crt']]);
  // without the ConfigMap the image's own conf wants nginx.crt, which the tls secret does not have
  const bare = { ...web, spec: { ...web.spec, containers: [{ ...web.spec.containers[0], volumeMounts: [web.spec.containers[0].volumeMounts[0]] }] } };
  assert.deepEqual(podListeners(bare, h), []);
});

// ---- curl in a pod -------------------------------------------------------------------------------------

test('curl from the course\'s curl pod: --cacert and the service name succeed; IP, no CA, wrong scheme fail as curl does; -k skips', async () => {
  const { h, client, web } = course();
  let r = await sh(h, client, 'curl -s https://my-nginx --cacert /etc/nginx/ssl/tls.crt');
  assert.equal(r.exitCode, 0, r.stderr);
  assert.match(r.stdout, /<title>Welcome to nginx!<\/title>/);
  r = await sh(h, client, 'curl -sS https://my-nginx');
  assert.equal(r.exitCode, 60);
  assert.equal(r.stderr, 'curl: (60) SSL certificate problem: self-signed certificate\nMore details here: https://curl.se/docs/sslcerts.html\n\ncurl failed to verify the legitimacy of the server and therefore could not\nestablish a secure connection to it. To learn more about this situation and\nhow to fix it, please visit the webpage mentioned above.\n');
  r = await sh(h, client, `curl -sS --cacert /etc/nginx/ssl/tls.crt https://${web.status.podIP}/`);
  assert.equal(r.exitCode, 60);
  assert.match(r.stderr, /^curl: \(60\) SSL: certificate subject name 'my-nginx' does not match target hostname '10\.244\.1\.4'\n/);
  r = await sh(h, client, `curl -sk https://${web.status.podIP}/`);
  assert.equal(r.exitCode, 0);
  assert.match(r.stdout, /Welcome to nginx!/);
  r = await sh(h, client, 'curl -s http://my-nginx:443/');
  assert.equal(r.exitCode, 0);
  assert.match(r.stdout, /<title>400 The plain HTTP request was sent to HTTPS port<\/title>/);
  r = await sh(h, client, 'curl -sS https://my-nginx:8080/');
  assert.equal(r.exitCode, 35);
  assert.match(r.stderr, /^curl: \(35\) OpenSSL\/[0-9.]+: error:0A00010B:SSL routines::wrong version number\n$/);
  r = await sh(h, client, 'curl -sS --cacert /etc/nginx/ssl/nginx.crt https://my-nginx/');
  assert.equal(r.exitCode, 77);
  assert.equal(r.stderr, 'curl: (77) error setting certificate file: /etc/nginx/ssl/nginx.crt\n');
  r = await sh(h, client, 'curl -sv --cacert /etc/nginx/ssl/tls.crt -o /dev/null https://my-nginx/');
  assert.match(r.stderr, /\* Server certificate:\n\*  subject: CN=my-nginx; O=my-nginx\n\*  start date: Jan  1 00:00:00 2020 GMT\n\*  expire date: Dec 31 23:59:59 2099 GMT\n\*  common name: my-nginx \(matched\)\n\*  issuer: CN=my-nginx; O=my-nginx\n\*  SSL certificate verify ok\.\n/);
  r = await sh(h, client, 'curl -skv -o /dev/null https://my-nginx/');
  assert.match(r.stderr, /\*  SSL certificate verify result: self-signed certificate \(18\), continuing anyway\.\n/);
  assert.ok(!h.slept, 'nothing waited');
});

// ---- real sockets ---------------------------------------------------------------------------------------

const httpsGet = (port: number, opts: https.RequestOptions = {}) => new Promise<{ status: number; body: string }>((resolve, reject) => {
  const req = https.get({ host: '127.0.0.1', port, path: '/', agent: false, ca: pem('nginx.crt'), servername: 'my-nginx', ...opts }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (d) => (body += d));
    res.on('end', () => resolve({ status: res.statusCode!, body }));
  });
  req.on('error', reject);
  req.setTimeout(5000, () => req.destroy(new Error('hung')));
});
const httpGet = (port: number) => new Promise<{ status: number; body: string }>((resolve, reject) => {
  const req = http.get({ host: '127.0.0.1', port, path: '/', agent: false }, (res) => {
    let body = '';
    res.setEncoding('utf8');
    res.on('data', (d) => (body += d));
    res.on('end', () => resolve({ status: res.statusCode!, body }));
  });
  req.on('error', reject);
  req.setTimeout(5000, () => req.destroy(new Error('hung')));
});

test('port-forward to the TLS port serves real TLS with the secret\'s certificate; the wrong protocol fails at once', async () => {
  const { h, web } = course();
  const pf = await startPortForward(h, web, ['0:443', '0:80'], { addresses: ['127.0.0.1'], out: () => {}, err: () => {} });
  try {
    const [tlsPort, plainPort] = pf.ports.map((p) => p.local);
    const ok = await httpsGet(tlsPort);
    assert.equal(ok.status, 200);
    assert.match(ok.body, /Welcome to nginx!/);
    // the certificate is the secret's
    const cert = await new Promise<tls.PeerCertificate>((resolve, reject) => {
      const s = tls.connect({ host: '127.0.0.1', port: tlsPort, rejectUnauthorized: false }, () => { resolve(s.getPeerCertificate()); s.end(); });
      s.on('error', reject);
    });
    assert.equal(cert.subject.CN, 'my-nginx');
    const plain = await httpGet(tlsPort);
    assert.equal(plain.status, 400);
    assert.match(plain.body, /The plain HTTP request was sent to HTTPS port/);
    await assert.rejects(httpsGet(plainPort), (e: any) => /wrong version number|packet length too long|EPROTO/i.test(String(e.message) + e.code));
    assert.equal((await httpGet(plainPort)).status, 200);
  } finally { pf.close(); await pf.done; }
});

async function freePort(): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const p = 30000 + Math.floor(Math.random() * 2700);
    const ok = await new Promise<boolean>((r) => { const s = net.createServer(); s.once('error', () => r(false)); s.listen(p, '127.0.0.1', () => s.close(() => r(true))); });
    if (ok) return p;
  }
  throw new Error('no free port');
}

test('host listeners: a NodePort answers on 127.0.0.1 with real TLS, follows the service, and stops cleanly', async () => {
  const { h } = course();
  const np = await freePort();
  const s = h.get('Service', 'default', 'my-nginx')!;
  s.spec.ports[1].nodePort = np;
  s.spec.ports[0].nodePort = undefined;
  const lines: string[] = [];
  const api = { list: (kind: string) => h.list(kind) } as any;
  const hl = startHostListeners({ api, store: {} as any, host: h, refresh: () => {}, log: (l) => lines.push(l), pollMs: 0 });
  try {
    for (let i = 0; i < 200 && !hl.listening().has(np); i++) await new Promise((r) => setTimeout(r, 10));
    assert.deepEqual(lines, [`NodePort default/my-nginx:https on 127.0.0.1:${np}`]);
    const r = await httpsGet(np);
    assert.equal(r.status, 200);
    assert.match(r.body, /Welcome to nginx!/);
    // the app logged the request from the node the NodePort traffic was masqueraded to
    assert.match(h.logs[h.logs.length - 1].line, /^(10\.244\.1\.1|172\.18\.0\.2) - - \[.*\] "GET \/ HTTP\/1\.1" 200 /);
    // the service goes: the listener closes
    h.remove('Service', 'default', 'my-nginx');
    hl.sync();
    assert.equal(hl.listening().size, 0);
    await assert.rejects(httpsGet(np), /ECONNREFUSED/);
  } finally { await hl.stop(); }
  assert.equal(hl.listening().size, 0);
});

test('host listeners report once what cannot be bound, with the NodePort to use', async () => {
  const h = fakeHost();
  const busy = net.createServer();
  await new Promise<void>((r) => busy.listen(0, '127.0.0.1', () => r()));
  const port = (busy.address() as net.AddressInfo).port;
  h.add({ ...svc('web', 'default', { type: 'LoadBalancer', clusterIP: '10.96.5.5', selector: { app: 'none' }, ports: [{ name: 'http', port, targetPort: 80, protocol: 'TCP' }] }), status: { loadBalancer: { ingress: [{ ip: '172.18.255.200' }] } } });
  (h.get('Service', 'default', 'web')!.spec.ports[0] as any).nodePort = 31999;
  // the NodePort itself may be taken on this machine too: only the LoadBalancer line is asserted
  const lines: string[] = [];
  const hl = startHostListeners({ api: { list: (k: string) => h.list(k) } as any, store: {} as any, host: h, refresh: () => {}, log: (l) => lines.push(l), pollMs: 0 });
  try {
    const want = `cannot listen on 127.0.0.1:${port} for LoadBalancer default/web:http: the port is in use on this machine; use its NodePort instead: 127.0.0.1:31999`;
    for (let i = 0; i < 200 && !lines.includes(want); i++) await new Promise((r) => setTimeout(r, 10));
    hl.sync(); hl.sync();
    await new Promise((r) => setTimeout(r, 50));
    assert.equal(lines.filter((l) => l === want).length, 1);
  } finally { await hl.stop(); busy.close(); }
});
