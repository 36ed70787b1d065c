// The image catalogue: what each course image ships (and does not), its user, workdir, ENV and
// OS release, the sizes Pulled events print, packages that install for the container's life,
// and the tools' --version / --help answers.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeHost, pod, FakeHost } from './network-fixtures';
import { runExec } from '../src/network/shell';
import { imageProfile, catalogEntry } from '../src/network/images';
import { imageSize } from '../src/api/image-sizes';
import { podEvents } from '../src/api/pod-events';

const sh = (h: FakeHost, p: any, script: string, shell = 'sh') => runExec(h, p, undefined, [shell, '-c', script], { tty: false, interactive: false });
const has = (image: string, tool: string) => imageProfile(image).tools.has(tool);

test('each image ships the programs its Dockerfile installs, and not the others', () => {
  // alpine: busybox ash, wget, nslookup, ping; no bash, no curl
  for (const t of ['sh', 'wget', 'nslookup', 'ping', 'apk']) assert.ok(has('alpine', t), `alpine has ${t}`);
  for (const t of ['bash', 'curl', 'apt-get']) assert.ok(!has('alpine:3.21', t), `alpine has no ${t}`);
  // ubuntu: bash, but no curl, ping, nslookup, ps
  assert.ok(has('ubuntu', 'bash'));
  for (const t of ['curl', 'ping', 'nslookup', 'ps', 'wget']) assert.ok(!has('ubuntu:24.04', t), `ubuntu has no ${t}`);
  // nginx (Debian): curl, but no ping/nslookup/dig/wget
  assert.ok(has('nginx', 'curl'));
  for (const t of ['ping', 'nslookup', 'dig', 'wget']) assert.ok(!has('nginx:1.27', t), `nginx has no ${t}`);
  // nginx:alpine has curl (DNS-SD), httpd:alpine has no bash and no curl
  assert.ok(has('nginx:alpine', 'curl'));
  assert.ok(!has('httpd:alpine', 'bash') && !has('httpd:alpine', 'curl'));
  assert.ok(!has('httpd', 'curl') && has('httpd', 'bash'));
  // netshoot, agnhost, busyboxplus:curl, curlimages/curl
  for (const t of ['bash', 'curl', 'dig', 'nslookup', 'jq', 'tcpdump']) assert.ok(has('nicolaka/netshoot', t), `netshoot has ${t}`);
  assert.ok(has('r.deso.tech/library/netshoot', 'bash'), 'a mirror of netshoot is netshoot');
  for (const t of ['curl', 'dig', 'nc', 'bash']) assert.ok(has('registry.k8s.io/e2e-test-images/agnhost:2.52', t), `agnhost has ${t}`);
  assert.ok(has('radial/busyboxplus:curl', 'curl') && !has('radial/busyboxplus', 'curl'));
  assert.ok(has('curlimages/curl', 'curl') && !has('curlimages/curl', 'jq'));
  // busybox: applets only; scratch images: nothing
  assert.ok(has('busybox', 'wget') && !has('busybox', 'curl') && !has('busybox', 'bash'));
  assert.equal(imageProfile('traefik/whoami').tools.size, 0);
  assert.equal(imageProfile('r.deso.tech/whoami/whoami').family, 'scratch');
  // python/node/golang full images: buildpack-deps (curl, wget, ps) but no ping
  for (const i of ['python:3.13', 'node:22', 'golang']) { assert.ok(has(i, 'curl') && has(i, 'ps'), i); assert.ok(!has(i, 'ping'), i); }
  assert.ok(catalogEntry('gcr.io/google-samples/kubernetes-bootcamp:v1'), 'kubernetes-bootcamp is catalogued');
});

test('user, working directory, ENV and OS release come from the image', async () => {
  const c = imageProfile('curlimages/curl:8.12.1');
  assert.deepEqual([c.user.name, c.user.uid, c.workdir, c.home, c.curlVersion], ['curl_user', 100, '/home/curl_user', '/home/curl_user', '8.12.1']);
  assert.ok(imageProfile('nginx:1.25').env.some(([k, v]) => k === 'NGINX_VERSION' && v === '1.25.5'), 'tags matter');
  assert.ok(imageProfile('httpd:alpine').env.some(([k, v]) => k === 'PATH' && v.startsWith('/usr/local/apache2/bin:')));
  assert.equal(imageProfile('redis').workdir, '/data');
  assert.match(imageProfile('ubuntu:22.04').osRelease!, /VERSION="22\.04\.5 LTS \(Jammy Jellyfish\)"/);
  assert.match(imageProfile('alpine:3.19').osRelease!, /VERSION_ID=3\.19\.7/);
  assert.equal(imageProfile('busybox').osRelease, undefined, 'busybox has no /etc/os-release');
  const unknown = imageProfile('example.com/team/app:1.0');
  assert.deepEqual([unknown.catalogued, unknown.family, unknown.shell], [false, 'debian', 'sh'], 'an unknown image gets a minimal Debian profile');

  const h = fakeHost();
  const cp = pod('curl-1', 'curlimages/curl', '10.244.1.70', 'kind-worker', {}, 'default', { container: { name: 'curl', command: ['sleep', '3600'] } });
  const ub = pod('ub-1', 'ubuntu', '10.244.1.71', 'kind-worker', {}, 'default', { container: { name: 'ub', command: ['sleep', '3600'] } });
  h.add(cp, ub);
  let r = await sh(h, cp, 'id; whoami; pwd; echo $HOME $CURL_CA_BUNDLE');
  assert.equal(r.stdout, 'uid=100(curl_user) gid=101(curl_group) groups=101(curl_group)\ncurl_user\n/home/curl_user\n/home/curl_user /cacert.pem\n');
  r = await sh(h, cp, 'apk add jq');
  assert.deepEqual([r.stderr, r.exitCode], ['ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n', 99], 'curl_user cannot install');
  r = await sh(h, ub, 'cat /etc/os-release | head -1; cat /etc/debian_version');
  assert.equal(r.stdout, 'PRETTY_NAME="Ubuntu 24.04.2 LTS"\ntrixie/sid\n');
});

test('the Pulled event prints the image\'s real compressed size', () => {
  assert.equal(imageSize('nginx'), 72188133);
  assert.equal(imageSize('docker.io/library/nginx:latest'), 72188133);
  assert.notEqual(imageSize('nginx:alpine'), imageSize('nginx'));
  assert.equal(imageSize('r.deso.tech/library/netshoot'), imageSize('nicolaka/netshoot'));
  assert.equal(imageSize('example.com/x:1'), imageSize('example.com/x:1'), 'unknown images: stable');
  const p: any = {
    metadata: { name: 'web', namespace: 'default', uid: 'u1', resourceVersion: '5' },
    spec: { nodeName: 'kind-worker', containers: [{ name: 'web', image: 'nginx' }] },
    status: { startTime: '2026-11-21T19:00:00Z', conditions: [{ type: 'PodScheduled', status: 'True', lastTransitionTime: '2026-11-21T19:00:00Z' }], containerStatuses: [{ name: 'web', state: { running: { startedAt: '2026-11-21T19:00:02Z' } } }] },
  };
  const pulled = podEvents(p, 1200).find((e) => e.reason === 'Pulled')!;
  assert.equal(pulled.message, 'Successfully pulled image "nginx" in 1.2s (1.2s including waiting). Image size: 72188133 bytes.');
});

test('commands an image lacks are not found in its shell\'s words; packages install them for the container\'s life', async () => {
  const h = fakeHost();
  const alp = pod('alp-1', 'alpine', '10.244.1.80', 'kind-worker', {}, 'default', { container: { name: 'alp', command: ['sleep', '3600'] } });
  const deb = pod('deb-1', 'debian', '10.244.1.81', 'kind-worker', {}, 'default', { container: { name: 'deb', command: ['sleep', '3600'] } });
  const ng = pod('ng-1', 'nginx', '10.244.1.82', 'kind-worker', {}, 'default', { container: { name: 'ng' } });
  h.add(alp, deb, ng);
  let r = await sh(h, alp, 'which curl; curl -s x');
  assert.deepEqual([r.stdout, r.stderr, r.exitCode], ['', 'sh: curl: not found\n', 127]);
  r = await sh(h, deb, 'curl x', 'bash');
  assert.deepEqual([r.stderr, r.exitCode], ['bash: line 1: curl: command not found\n', 127]);
  r = await runExec(h, alp, undefined, ['bash'], { tty: false, interactive: false });
  assert.match(r.error!, /exec: "bash": executable file not found in \$PATH: unknown$/);

  r = await sh(h, alp, 'apk add curl');
  assert.match(r.stdout, /^fetch https:\/\/dl-cdn\.alpinelinux\.org\/alpine\/v3\.21\/main\/x86_64\/APKINDEX\.tar\.gz\n/);
  assert.match(r.stdout, /Installing curl \(8\.12\.1-r1\)\n/);
  r = await sh(h, alp, 'which curl && curl --version | head -1');
  assert.equal(r.stdout, '/usr/bin/curl\ncurl 8.12.1 (x86_64-alpine-linux-musl) libcurl/8.12.1 OpenSSL/3.3.3 zlib/1.3.1 brotli/1.1.0 zstd/1.5.6 c-ares/1.34.5 libidn2/2.3.7 libpsl/0.21.5 nghttp2/1.64.0\n', 'a later exec still has it');
  r = await sh(h, alp, 'apk add curl');
  assert.doesNotMatch(r.stdout, /Installing/, 'installed already');
  r = await sh(h, alp, 'apk add bind-tools >/dev/null; nslookup -version 2>&1 | head -1; command -v dig');
  assert.equal(r.stdout, 'nslookup 9.18.33\n/usr/bin/dig\n', "BIND's nslookup replaces busybox's");

  r = await sh(h, deb, 'apt-get install -y curl');
  assert.deepEqual([r.stderr, r.exitCode], ['E: Unable to locate package curl\n', 100], 'no package lists before apt-get update');
  r = await sh(h, deb, 'apt-get update >/dev/null && apt-get install -y curl iputils-ping >/dev/null; which curl ping');
  assert.equal(r.stdout, '/usr/bin/curl\n/usr/bin/ping\n');
  r = await sh(h, ng, 'apt-get install -y curl');
  assert.match(r.stdout, /curl is already the newest version \(7\.88\.1-10\+deb12u12\)\./, 'nginx has curl installed');

  // a restarted container starts from its image again
  const st = h.states.get(`${alp.metadata.uid}/alp`)!;
  assert.deepEqual(st.pkgs.slice(-1), ['bind-tools']);
  alp.status!.containerStatuses[0].restartCount = 1;
  r = await sh(h, alp, 'which curl || echo gone');
  assert.equal(r.stdout, 'gone\n');
});

test('--version, -V and --help answer as the real tools of the image do', async () => {
  const h = fakeHost();
  const ng = pod('ng-2', 'nginx', '10.244.1.90', 'kind-worker', {}, 'default', { container: { name: 'ng' } });
  const bb = pod('bb-2', 'busybox', '10.244.1.91', 'kind-worker', {}, 'default', { container: { name: 'bb', command: ['sleep', '3600'] } });
  const plus = pod('curl-131556218-9fnch', 'radial/busyboxplus:curl', '10.244.1.92', 'kind-worker', {}, 'default', { container: { name: 'curl' } });
  const ns = pod('ns-2', 'nicolaka/netshoot', '10.244.1.93', 'kind-worker', {}, 'default', { container: { name: 'ns', command: ['sleep', 'infinity'] } });
  h.add(ng, bb, plus, ns);
  let r = await runExec(h, ng, undefined, ['curl', '-V'], { tty: false, interactive: false });
  assert.match(r.stdout, /^curl 7\.88\.1 \(x86_64-pc-linux-gnu\) libcurl\/7\.88\.1 OpenSSL\/3\.0\.15 .*\nRelease-Date: 2023-02-20, security patched: 7\.88\.1-10\+deb12u12\nProtocols: .*\nFeatures: .*\n$/);
  r = await runExec(h, ng, undefined, ['curl', '--help'], { tty: false, interactive: false });
  assert.match(r.stdout, /^Usage: curl \[options\.\.\.\] <url>\n/);
  assert.equal(r.exitCode, 0);
  r = await runExec(h, plus, undefined, ['curl', '--version'], { tty: false, interactive: false });
  assert.match(r.stdout, /^curl 7\.35\.0 \(x86_64-buildroot-linux-uclibc\)/);
  r = await runExec(h, ng, undefined, ['bash', '--version'], { tty: false, interactive: false });
  assert.equal(r.stdout.split('\n')[0], 'GNU bash, version 5.2.15(1)-release (x86_64-pc-linux-gnu)');
  r = await runExec(h, bb, undefined, ['wget', '--help'], { tty: false, interactive: false });
  assert.match(r.stderr, /^BusyBox v1\.37\.0 \(2024-09-26 21:31:42 UTC\) multi-call binary\.\n\nUsage: wget /);
  assert.match(r.stderr, /\t-O FILE\t\tSave to FILE \('-' for stdout\)\n/);
  assert.equal(r.exitCode, 0);
  r = await runExec(h, bb, undefined, ['ping'], { tty: false, interactive: false });
  assert.match(r.stderr, /^BusyBox v1\.37\.0 .*\n\nUsage: ping \[OPTIONS\] HOST\n\nSend ICMP ECHO_REQUESTs to HOST\n/);
  assert.equal(r.exitCode, 1);
  r = await runExec(h, bb, undefined, ['nslookup'], { tty: false, interactive: false });
  assert.match(r.stderr, /Usage: nslookup \[-type=QUERY_TYPE\] \[-debug\] HOST \[DNS_SERVER\]/);
  r = await runExec(h, plus, undefined, ['nslookup'], { tty: false, interactive: false });
  assert.match(r.stderr, /^BusyBox v1\.22\.1 /);
  r = await runExec(h, ns, undefined, ['ping', '-V'], { tty: false, interactive: false });
  assert.equal(r.stdout, 'ping from iputils 20221126\n');
  r = await runExec(h, ng, undefined, ['sh', '--version'], { tty: false, interactive: false });
  assert.deepEqual([r.stderr, r.exitCode], ['sh: 0: Illegal option --\n', 2], 'dash has no long options');
});

test('ls -la / shows the image\'s root as it is; $$ and ps agree; exec ids do not repeat', async () => {
  const h = fakeHost();
  const ng = pod('ng-3', 'nginx', '10.244.1.95', 'kind-worker', {}, 'default', { container: { name: 'ng' } });
  const bb = pod('bb-3', 'busybox', '10.244.1.96', 'kind-worker', {}, 'default', { container: { name: 'bb', command: ['sleep', '3600'] } });
  h.add(ng, bb);
  let r = await sh(h, ng, 'ls -la /');
  const lines = r.stdout.split('\n');
  assert.equal(lines[0], 'total 60');
  assert.ok(lines.includes('lrwxrwxrwx   1 root root    7 Feb 24  2025 bin -> usr/bin'), r.stdout);
  assert.ok(lines.includes('drwxr-xr-x   1 root root 4096 Nov 21 19:00 etc'), 'the runtime wrote /etc at the container start');
  assert.ok(lines.includes('drwxrwxrwt   2 root root 4096 Feb 24  2025 tmp'));
  assert.ok(lines.some((l) => /^dr-xr-xr-x \d+ root root    0 Nov 21 19:00 proc$/.test(l)));
  r = await sh(h, bb, 'ls -la / | grep -E " (bin|lib64 -> lib)$"');
  assert.equal(r.stdout, 'drwxr-xr-x    2 root     root         12288 Sep 26  2024 bin\nlrwxrwxrwx    1 root     root             3 Sep 26  2024 lib64 -> lib\n');

  r = await sh(h, bb, 'echo $$; ps');
  const [pid, head, init, shell, ps] = r.stdout.trimEnd().split('\n');
  assert.equal(head, 'PID   USER     TIME  COMMAND');
  assert.equal(init, '    1 root      0:00 sleep 3600');
  assert.equal(shell, `${pid.padStart(5)} root      0:00 sh -c echo $$; ps`);
  assert.ok(Number(ps.trim().split(/\s+/)[0]) > Number(pid), 'ps runs after the shell started');
  const again = await sh(h, bb, 'echo $$');
  assert.ok(Number(again.stdout) > Number(pid), 'a later exec gets a later pid');

  const ids = new Set<string>();
  for (let i = 0; i < 5; i++) {
    const e = await runExec(h, bb, undefined, ['curl'], { tty: false, interactive: false });
    const id = /failed to start exec "([0-9a-f]{64})"/.exec(e.error!)![1];
    ids.add(id);
  }
  assert.equal(ids.size, 5, 'every exec has its own id');
});

test('application images\' own programs exist and tell their versions', async () => {
  const h = fakeHost();
  const ng = pod('ng-4', 'nginx:1.25', '10.244.1.97', 'kind-worker', {}, 'default', { container: { name: 'ng' } });
  const py = pod('py-4', 'python:3.12', '10.244.1.98', 'kind-worker', {}, 'default', { container: { name: 'py', command: ['sleep', '3600'] } });
  h.add(ng, py);
  let r = await runExec(h, ng, undefined, ['nginx', '-v'], { tty: false, interactive: false });
  assert.deepEqual([r.stderr, r.exitCode], ['nginx version: nginx/1.25.5\n', 0]);
  r = await sh(h, ng, 'command -v nginx; echo $NGINX_VERSION');
  assert.equal(r.stdout, '/usr/sbin/nginx\n1.25.5\n');
  r = await sh(h, py, 'python --version; which python3 curl', 'bash');
  assert.equal(r.stdout, 'Python 3.12.9\n/usr/local/bin/python3\n/usr/bin/curl\n');
  r = await runExec(h, ng, undefined, ['python', '--version'], { tty: false, interactive: false });
  assert.match(r.error!, /exec: "python": executable file not found in \$PATH/);
});

test('busybox, the multi-call binary, runs its applets', async () => {
  const h = fakeHost();
  const bb = pod('bb-5', 'busybox', '10.244.1.99', 'kind-worker', {}, 'default', { container: { name: 'bb', command: ['sleep', '3600'] } });
  const ng = pod('ng-5', 'nginx', '10.244.1.100', 'kind-worker', {}, 'default', { container: { name: 'ng' } });
  h.add(bb, ng);
  let r = await sh(h, bb, 'busybox | head -1; busybox echo hi; which busybox; busybox nosuch');
  assert.deepEqual([r.stdout, r.stderr, r.exitCode], ['BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\nhi\n/bin/busybox\n', 'nosuch: applet not found\n', 127]);
  r = await sh(h, ng, 'busybox');
  assert.deepEqual([r.stderr, r.exitCode], ['sh: 1: busybox: not found\n', 127]);
});
