// The simulated DNS/HTTP clients against outputs recorded from the real tools
// (test/golden/network/README.md says how they were recorded).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { fakeHost, pod, svc, FakeHost } from './network-fixtures';
import { runExec } from '../src/network/shell';

const GOLDEN = path.join(__dirname, '..', '..', 'test', 'golden', 'network');

function golden(name: string): { out: string; rc: number } {
  const text = fs.readFileSync(path.join(GOLDEN, name + '.txt'), 'utf8');
  const m = /rc=(\d+)\n$/.exec(text)!;
  return { out: text.slice(0, m.index), rc: Number(m[1]) };
}

/** The recorded cluster: my-nginx, a headless httpenv-none, an ExternalName, redis. */
function cluster(): { h: FakeHost; bb: any; bind: any; deb: any } {
  const h = fakeHost();
  h.add(
    svc('my-nginx', 'default', { clusterIP: '10.96.45.2', selector: { run: 'my-nginx' }, ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] }),
    pod('my-nginx-5d8f9c7b6-abcde', 'nginxinc/nginx-unprivileged', '10.244.1.5', 'kind-worker', { run: 'my-nginx' }, 'default', { container: { name: 'nginx' } }),
    svc('httpenv-none', 'default', { clusterIP: 'None', selector: { app: 'httpenv' }, ports: [{ port: 8888, protocol: 'TCP' }] }),
    pod('httpenv-7d8f9-aaaaa', 'jpetazzo/httpenv', '10.244.2.30', 'kind-worker2', { app: 'httpenv' }),
    pod('httpenv-7d8f9-bbbbb', 'jpetazzo/httpenv', '10.244.1.31', 'kind-worker', { app: 'httpenv' }),
    svc('my-service', 'default', { type: 'ExternalName', externalName: 'my.database.example.com' }),
    pod('redis-6b8f-ccccc', 'redis', '10.244.2.7', 'kind-worker2', { app: 'redis' }),
  );
  h.syncEndpoints('default', 'my-nginx');
  h.syncEndpoints('default', 'httpenv-none');
  const bb = pod('client-6b7f-zzzzz', 'busybox', '10.244.1.9', 'kind-worker', { app: 'client' }, 'default', { container: { command: ['sleep', '3600'] } });
  const bind = pod('origin-5b945ff9c5-ncx9r', 'nicolaka/netshoot', '10.244.2.20', 'kind-worker2', { app: 'origin' }, 'default', { container: { command: ['sleep', '3600'] } });
  const deb = pod('deb-7c9d-qqqqq', 'debian:bookworm', '10.244.1.40', 'kind-worker', { app: 'deb' }, 'default', { container: { command: ['sleep', '3600'] } });
  h.add(bb, bind, deb);
  for (const p of [bb, bind, deb]) h.start(p);
  // the recordings' debian had curl and wget installed (debian:bookworm ships neither)
  h.preinstall(deb, ['curl', 'wget']);
  return { h, bb, bind, deb };
}

const run = (h: FakeHost, p: any, argv: string[]) => runExec(h, p, undefined, argv, { tty: false, interactive: false });

for (const [file, who, argv] of [
  ['nslookup-busybox-short-found', 'bb', ['nslookup', 'my-nginx']],
  ['nslookup-busybox-short-nxdomain', 'bb', ['nslookup', 'nope']],
  ['nslookup-busybox-fqdn', 'bb', ['nslookup', 'my-nginx.default.svc.cluster.local']],
  ['nslookup-busybox-headless', 'bb', ['nslookup', 'httpenv-none.default.svc.cluster.local']],
  ['nslookup-busybox-externalname', 'bb', ['nslookup', 'my-service.default.svc.cluster.local']],
  ['nslookup-busybox-reverse', 'bb', ['nslookup', '10.96.45.2']],
  ['nslookup-bind-short-found', 'bind', ['nslookup', 'my-nginx']],
  ['nslookup-bind-short-nxdomain', 'bind', ['nslookup', 'nope']],
  ['nslookup-bind-search', 'bind', ['nslookup', 'kubernetes.default']],
  ['nslookup-bind-headless', 'bind', ['nslookup', 'httpenv-none']],
  ['nslookup-bind-externalname', 'bind', ['nslookup', 'my-service.default.svc.cluster.local']],
  ['nslookup-bind-reverse', 'bind', ['nslookup', '10.96.45.2']],
  ['host-found', 'bind', ['host', 'my-nginx']],
  ['host-nxdomain', 'bind', ['host', 'nope']],
  ['dig-short-headless', 'bind', ['dig', '+short', 'httpenv-none.default.svc.cluster.local']],
] as [string, 'bb' | 'bind', string[]][]) {
  test(`${argv.join(' ')} prints what ${file.split('-')[1]} prints (${file})`, async () => {
    const c = cluster();
    const r = await run(c.h, c[who], argv);
    const g = golden(file);
    assert.equal(r.stdout + r.stderr, g.out);
    assert.equal(r.exitCode, g.rc);
  });
}

const normDig = (s: string) => s.replace(/DiG [^ ]+ <<>>/, 'DiG V <<>>').replace(/id: \d+/, 'id: N').replace(/WHEN: .*/, 'WHEN: T').replace(/rcvd: \d+/, 'rcvd: N').replace(/SOA\tns\.dns\.cluster\.local\. hostmaster\.cluster\.local\. \d+/, 'SOA\tns.dns.cluster.local. hostmaster.cluster.local. S');

for (const [file, name] of [['dig-fqdn', 'my-nginx.default.svc.cluster.local'], ['dig-nxdomain', 'nope.default.svc.cluster.local']]) {
  test(`dig ${name} (${file})`, async () => {
    const c = cluster();
    const r = await run(c.h, c.bind, ['dig', name]);
    assert.equal(normDig(r.stdout), normDig(golden(file).out));
    assert.equal(r.exitCode, 0);
  });
}

// curl 7.88.1 (a debian image) and wget, against the nginx pod (the recordings used 127.0.0.1:18080)
const local = (s: string) => s
  .replace(/127\.0\.0\.1:18080/g, '10.244.1.5:8080').replace(/127\.0\.0\.1:18099/g, '10.244.1.5:18099')
  .replace(/127\.0\.0\.1 port 18099/g, '10.244.1.5 port 18099').replace(/127\.0\.0\.1/g, '10.244.1.5').replace(/port 18080/g, 'port 8080');
const normMeter = (s: string) => s.replace(/\r100   615  100   615    0     0 +\S+ +0 --:--:-- --:--:-- --:--:-- +\S+/, '\r100   615  100   615    0     0  SPEED      0 --:--:-- --:--:-- --:--:-- SPEED');

for (const [file, argv] of [
  ['curl-7.88-ok-meter', ['curl', 'http://10.244.1.5:8080/', '-o', '/dev/null']],
  ['curl-7.88-refused', ['curl', 'http://10.244.1.5:18099/']],
  ['curl-7.88-refused-silent-w', ['curl', '-s', '-w', '%{http_code}\\n', 'http://10.244.1.5:18099/']],
  ['curl-7.88-resolve', ['curl', '-sS', 'http://no-such-host.invalid/']],
  ['curl-7.88-fail', ['curl', '-sSf', 'http://10.244.1.5:8080/x']],
  ['curl-7.88-head', ['curl', '-sI', 'http://10.244.1.5:8080/']],
  ['curl-7.88-http09', ['curl', '-sS', 'http://10.244.2.7:6379/']],
  ['curl-7.88-empty', ['curl', '-sS', 'http://10.244.0.2:53/']],
  ['curl-7.88-verbose', ['curl', '-sv', 'http://10.244.1.5:8080/', '-o', '/dev/null']],
] as [string, string[]][]) {
  test(`${argv.join(' ')} from a debian image (${file})`, async () => {
    const c = cluster();
    const r = await run(c.h, c.deb, argv);
    const g = golden(file);
    assert.equal(normMeter(r.stdout + r.stderr), normMeter(local(g.out)));
    assert.equal(r.exitCode, g.rc);
  });
}

const normWget = (s: string) => s.replace(/\d{4}-\d\d-\d\d \d\d:\d\d:\d\d/g, 'DATE').replace(/ +[\d.]+M=0s/, ' SPEEDM=0s').replace(/\([\d.]+ MB\/s\)/, '(SPEED MB/s)');

for (const [file, who, argv] of [
  ['wget-busybox-ok', 'bb', ['wget', 'http://10.244.1.5:8080/']],
  ['wget-busybox-stdout', 'bb', ['sh', '-c', 'wget -O- http://10.244.1.5:8080/ >/dev/null']],
  ['wget-busybox-refused', 'bb', ['wget', 'http://10.244.1.5:18099/']],
  ['wget-busybox-404', 'bb', ['wget', 'http://10.244.1.5:8080/x']],
  ['wget-busybox-resolve', 'bb', ['wget', 'http://no-such-host.invalid/']],
  ['wget-gnu-ok', 'deb', ['wget', 'http://10.244.1.5:8080/']],
  ['wget-gnu-stdout', 'deb', ['sh', '-c', 'wget -O- http://10.244.1.5:8080/ >/dev/null']],
  ['wget-gnu-refused', 'deb', ['wget', 'http://10.244.1.5:18099/']],
  ['wget-gnu-404', 'deb', ['wget', 'http://10.244.1.5:8080/x']],
  ['wget-gnu-resolve', 'deb', ['wget', 'http://no-such-host.invalid/']],
] as [string, 'bb' | 'deb', string[]][]) {
  test(`${argv.join(' ')} (${file})`, async () => {
    const c = cluster();
    const r = await run(c.h, c[who], argv);
    const g = golden(file);
    assert.equal(normWget(r.stdout + r.stderr), normWget(local(g.out)));
    assert.equal(r.exitCode, g.rc);
  });
}

const normPing = (s: string) => s.replace(/time=[\d.]+ ms/g, 'time=T ms').replace(/= [\d.]+\/[\d.]+\/[\d.]+ ms/, '= T ms');

test('busybox ping: replies from a pod IP, silence from an address that does not answer', async () => {
  const c = cluster();
  let r = await run(c.h, c.bb, ['ping', '-c', '2', '127.0.0.1']);
  let g = golden('ping-busybox');
  assert.equal(normPing(r.stdout), normPing(g.out));
  assert.equal(r.exitCode, g.rc);
  r = await run(c.h, c.bb, ['ping', '-c', '1', '-W', '1', '10.255.255.1']);
  g = golden('ping-busybox-noreply');
  assert.equal(r.stdout, g.out);
  assert.equal(r.exitCode, g.rc);
  r = await run(c.h, c.bb, ['ping', '-c', '2', '10.244.2.30']);
  assert.match(r.stdout, /^64 bytes from 10\.244\.2\.30: seq=1 ttl=62 time=[\d.]+ ms$/m);
  r = await run(c.h, c.bb, ['ping', '-c', '1', 'my-nginx']);
  assert.match(r.stdout, /^PING my-nginx \(10\.96\.45\.2\): 56 data bytes\n\n--- my-nginx ping statistics ---\n1 packets transmitted, 0 packets received, 100% packet loss\n$/);
  assert.equal(r.exitCode, 1);
});

test('nslookup with a DNS server given by name: looked up with the pod resolver first', async () => {
  const { h, bb, bind } = cluster();
  let r = await run(h, bb, ['nslookup', 'my-nginx.default.svc.cluster.local', 'kube-dns.kube-system']);
  assert.equal(r.stdout, 'Server:\t\tkube-dns.kube-system\nAddress:\t10.96.0.10:53\n\nName:\tmy-nginx.default.svc.cluster.local\nAddress: 10.96.45.2\n\n\n');
  r = await run(h, bind, ['nslookup', 'my-nginx.default.svc.cluster.local', 'kube-dns.kube-system.svc.cluster.local']);
  assert.match(r.stdout, /^Server:\t\tkube-dns\.kube-system\.svc\.cluster\.local\nAddress:\t10\.96\.0\.10#53\n\n/);
  // busybox reads resolv.conf's search list only when no server is given (nslookup.c)
  r = await run(h, bb, ['nslookup', 'my-nginx', '10.96.0.10']);
  assert.deepEqual([r.stdout, r.exitCode], ["Server:\t\t10.96.0.10\nAddress:\t10.96.0.10:53\n\n** server can't find my-nginx: NXDOMAIN\n\n** server can't find my-nginx: NXDOMAIN\n\n", 1]);
  r = await run(h, bind, ['nslookup', 'my-nginx', '10.96.0.10']);
  assert.match(r.stdout, /^Name:\tmy-nginx\.default\.svc\.cluster\.local\nAddress: 10\.96\.45\.2$/m, 'BIND nslookup still searches');
  r = await run(h, bb, ['nslookup', 'my-nginx', 'nosuch']);
  assert.deepEqual([r.stdout, r.stderr, r.exitCode], ['', "nslookup: bad address 'nosuch'\n", 1]);
  r = await run(h, bind, ['nslookup', 'my-nginx', 'nosuch']);
  assert.deepEqual([r.stdout, r.stderr, r.exitCode], ['', "nslookup: couldn't get address for 'nosuch': not found\n", 1]);
});
