// The exec mini-shell: the shell language, the image's shell dialect, stdin scripts, ttys,
// kubectl-level exec errors, and the filters people pipe into.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeHost, pod, svc, FakeHost } from './network-fixtures';
import { runExec, execStream, parseScript } from '../src/network/shell';

function cluster(): { h: FakeHost; bb: any; alp: any; deb: any; who: any; pending: any } {
  const h = fakeHost();
  const bb = pod('client-6b7f-zzzzz', 'busybox', '10.244.1.9', 'kind-worker', { app: 'client' }, 'default', { container: { name: 'busybox', command: ['sleep', '3600'] } });
  const alp = pod('alpine-5c9d-aaaaa', 'httpd:alpine', '10.244.1.50', 'kind-worker', { app: 'alpine' }, 'default', { container: { name: 'alpine', ports: [{ containerPort: 80 }] } });
  const deb = pod('web01-77f8c-qwert', 'nginx', '10.244.2.40', 'kind-worker2', { app: 'web01' }, 'default', { container: { name: 'nginx' } });
  const who = pod('whoami-5d9f-bbbbb', 'traefik/whoami', '10.244.2.41', 'kind-worker2', { app: 'whoami' });
  const pending = pod('later-1', 'nginx', '10.244.2.42', 'kind-worker2', {}, 'default', { phase: 'Pending', ready: false });
  h.add(bb, alp, deb, who, pending, svc('web01', 'default', { clusterIP: '10.96.7.7', selector: { app: 'web01' }, ports: [{ port: 80 }] }));
  h.syncEndpoints('default', 'web01');
  for (const p of [bb, alp, deb, who]) h.start(p);
  return { h, bb, alp, deb, who, pending };
}

const sh = (h: FakeHost, p: any, script: string, shell = 'sh') => runExec(h, p, undefined, [shell, '-c', script], { tty: false, interactive: false });

test('the shell language: variables, quoting, expansions, pipelines, lists, loops, conditionals', async () => {
  const { h, bb } = cluster();
  const cases: [string, string, number?][] = [
    ['echo "$HOSTNAME" \'$HOME\' $HOME', 'client-6b7f-zzzzz $HOME /root\n'],
    ['X=1; Y="a  b"; echo $X "$Y" $Y ${Z:-def} ${#Y}', '1 a  b a b def 4\n'],
    ['echo $(echo inner) `echo back` $((2 * (3 + 4)))', 'inner back 14\n'],
    ['for i in 1 2 3; do echo $i; done | wc -l', '3\n'],
    ['false && echo no || echo yes; true && echo and', 'yes\nand\n'],
    ['if [ -n "$HOME" ]; then echo set; else echo unset; fi', 'set\n'],
    ['i=0; while [ $i -lt 3 ]; do i=$((i+1)); done; echo $i', '3\n'],
    ['case nginx in ng*) echo match;; *) echo no;; esac', 'match\n'],
    ['echo one > /tmp/f; echo two >> /tmp/f; cat /tmp/f; cat < /tmp/f | tail -n 1', 'one\ntwo\ntwo\n'],
    ['nosuch 2>/dev/null; echo $?', '127\n'],
    ['nosuch 2>&1 | grep -c found', '1\n'],
    ['echo a; exit 3; echo b', 'a\n', 3],
    ['printf "%s=%d\\n" a 1 b 2', 'a=1\nb=2\n'],
    ['seq 1 5 | sort -rn | head -2 | tr "\\n" " "', '5 4 '],
    ['echo "x:y:z" | cut -d: -f2; echo "a b c" | awk \'{print $2, NF}\'', 'y\nb 3\n'],
    ['printf "b\\na\\nb\\n" | sort | uniq -c', '      1 a\n      2 b\n'],
    ['echo hello world | sed "s/world/pod/"', 'hello pod\n'],
    ['echo \'{"a":1}\' | jq . 2>&1', 'sh: jq: not found\n', 127],
    ['cd /etc && pwd && cd - >/dev/null && pwd', '/etc\n/\n'],
    ['env | grep -c ^PATH=', '1\n'],
  ];
  for (const [script, out, code] of cases) {
    const r = await sh(h, bb, script);
    assert.equal(r.stdout, out, script);
    assert.equal(r.exitCode, code ?? 0, script);
  }
  const ns = pod('netshoot-1', 'nicolaka/netshoot', '10.244.1.60', 'kind-worker', {}, 'default', { container: { command: ['sleep', 'infinity'] } });
  h.add(ns);
  let r = await sh(h, ns, 'echo \'{"a":{"b":[1,2]},"HOSTNAME":"x"}\' | jq .a');
  assert.equal(r.stdout, '{\n  "b": [\n    1,\n    2\n  ]\n}\n');
  r = await sh(h, ns, 'echo \'{"a":{"b":[1,2]},"HOSTNAME":"x"}\' | jq -r \'.HOSTNAME, .a.b[1]\' | head -1');
  assert.equal(r.stdout, 'x\n');
});

test('each image\'s shell reports unknown commands its own way, with exit 127', async () => {
  const { h, bb, deb } = cluster();
  let r = await sh(h, bb, 'curl x');
  assert.deepEqual([r.stderr, r.exitCode], ['sh: curl: not found\n', 127], 'busybox has no curl');
  r = await sh(h, deb, 'foo');
  assert.deepEqual([r.stderr, r.exitCode], ['sh: 1: foo: not found\n', 127], 'dash');
  r = await sh(h, deb, 'echo ok\nfoo', 'bash');
  assert.deepEqual([r.stdout, r.stderr, r.exitCode], ['ok\n', 'bash: line 2: foo: command not found\n', 127]);
  r = await sh(h, deb, 'if then', 'bash');
  assert.equal(r.exitCode, 2);
  assert.match(r.stderr, /syntax error near unexpected token `then'/);
  r = await runExec(h, deb, undefined, ['/bin/bash', '-c', 'apk add curl'], { tty: false, interactive: false });
  assert.deepEqual([r.stderr, r.exitCode], ['/bin/bash: line 1: apk: command not found\n', 127]);
});

test('kubectl exec errors: executables the image lacks, scratch images, pods that are not running', async () => {
  const { h, bb, who, pending } = cluster();
  let r = await runExec(h, bb, undefined, ['curl', 'web01'], { tty: false, interactive: false });
  assert.match(r.error!, /^Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "curl": executable file not found in \$PATH: unknown$/);
  r = await runExec(h, who, undefined, ['/bin/sh'], { tty: false, interactive: false });
  assert.match(r.error!, /exec: "\/bin\/sh": stat \/bin\/sh: no such file or directory: unknown$/);
  r = await runExec(h, pending, undefined, ['ls'], { tty: false, interactive: false });
  assert.equal(r.error, 'unable to upgrade connection: container not found ("later-1")');
  // The API server refuses these (streamLocation): a container the pod lacks, a pod on no node.
  r = await runExec(h, bb, 'nope', ['ls'], { tty: false, interactive: false });
  assert.equal(r.error, 'Error from server (BadRequest): container nope is not valid for pod client-6b7f-zzzzz');
  const unscheduled = { ...pending, spec: { ...pending.spec, nodeName: undefined }, status: { phase: 'Pending' } };
  r = await runExec(h, unscheduled, undefined, ['ls'], { tty: false, interactive: false });
  assert.equal(r.error, 'Error from server (BadRequest): pod later-1 does not have a host assigned');
});

test('exec -i with a script on stdin runs it line by line, like bash reading a file', async () => {
  const { h, alp } = cluster();
  const r = await runExec(h, alp, undefined, ['/bin/sh'], { stdin: 'apk add curl\ncurl -s 10.244.2.40 | grep -o "<h1>.*</h1>"\ncurl -s 10.244.1.50\nfor i in 1 2\ndo\n  echo loop $i\ndone\nexit 4\necho never\n', tty: false, interactive: true });
  assert.match(r.stdout, /^fetch https:\/\/dl-cdn\.alpinelinux\.org\/alpine\/v3\.21\/main\/x86_64\/APKINDEX\.tar\.gz\n/);
  assert.match(r.stdout, /\(9\/9\) Installing curl \(8\.12\.1-r1\)\n/);
  assert.match(r.stdout, /<h1>Welcome to nginx!<\/h1>\n<html><body><h1>It works!<\/h1><\/body><\/html>\nloop 1\nloop 2\n$/);
  assert.equal(r.exitCode, 4);
  const noStdin = await runExec(h, alp, undefined, ['sh'], { tty: false, interactive: false });
  assert.deepEqual([noStdin.stdout, noStdin.exitCode], ['', 0], 'without -i the shell reads nothing and exits');
});

test('exec -it: the prompt of the image\'s shell, the pty\'s line endings, bash says exit', async () => {
  const { h, alp, deb } = cluster();
  let r = await runExec(h, alp, undefined, ['sh'], { stdin: 'echo hi\ncd /etc\n', tty: true, interactive: true });
  assert.equal(r.stdout, '/usr/local/apache2 # echo hi\r\nhi\r\n/usr/local/apache2 # cd /etc\r\n/etc # \r\n');
  r = await runExec(h, deb, undefined, ['bash'], { stdin: 'hostname\nexit 2\n', tty: true, interactive: true });
  assert.equal(r.stdout, 'root@web01-77f8c-qwert:/# hostname\r\nweb01-77f8c-qwert\r\nroot@web01-77f8c-qwert:/# exit 2\r\nexit\r\n');
  assert.equal(r.exitCode, 2);
  const ns = pod('netshoot-1', 'nicolaka/netshoot', '10.244.1.60', 'kind-worker', {}, 'default', { container: { command: ['sleep', 'infinity'] } });
  h.add(ns);
  r = await runExec(h, ns, undefined, ['bash'], { stdin: 'for i in 1 2\ndo echo $i\ndone\n', tty: true, interactive: true });
  assert.equal(r.stdout, 'bash-5.2# for i in 1 2\r\n> do echo $i\r\n> done\r\n1\r\n2\r\nbash-5.2# exit\r\n');
});

test('execStream reads input as it arrives and streams output', async () => {
  const { h, bb } = cluster();
  const lines = ['echo first\n', 'echo second\n', 'exit\n'];
  async function* typed() { for (const l of lines) { await new Promise((r) => setImmediate(r)); yield l; } }
  const chunks: string[] = [];
  const res = await execStream(h, bb, undefined, ['sh'], { input: typed(), tty: true, interactive: true, write: (_fd, s) => chunks.push(s) });
  assert.equal(res.exitCode, 0);
  assert.deepEqual(chunks.join(''), '/ # first\r\n/ # second\r\n/ # ');
});

test('files of the pod: resolv.conf, hosts, hostname, os-release, service account', async () => {
  const { h, bb, deb } = cluster();
  let r = await runExec(h, bb, undefined, ['cat', '/etc/resolv.conf'], { tty: false, interactive: false });
  assert.equal(r.stdout, 'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n');
  r = await runExec(h, bb, undefined, ['cat', '/etc/hosts'], { tty: false, interactive: false });
  assert.match(r.stdout, /\n10\.244\.1\.9\tclient-6b7f-zzzzz\n$/);
  r = await runExec(h, bb, undefined, ['hostname'], { tty: false, interactive: false });
  assert.equal(r.stdout, 'client-6b7f-zzzzz\n');
  r = await runExec(h, deb, undefined, ['cat', '/etc/os-release'], { tty: false, interactive: false });
  assert.match(r.stdout, /^PRETTY_NAME="Debian GNU\/Linux 12 \(bookworm\)"\n/);
  r = await runExec(h, bb, undefined, ['cat', '/var/run/secrets/kubernetes.io/serviceaccount/namespace'], { tty: false, interactive: false });
  assert.equal(r.stdout, 'default');
  r = await runExec(h, bb, undefined, ['cat', '/nope'], { tty: false, interactive: false });
  assert.deepEqual([r.stderr, r.exitCode], ["cat: can't open '/nope': No such file or directory\n", 1]);
  r = await runExec(h, deb, undefined, ['cat', '/nope'], { tty: false, interactive: false });
  assert.deepEqual([r.stderr, r.exitCode], ['cat: /nope: No such file or directory\n', 1]);
});

test('package managers: apt-get needs its lists first, without -y it aborts; what is installed is known', async () => {
  const { h, deb, bb } = cluster();
  let r = await runExec(h, deb, undefined, ['apt-get', 'install', 'dnsutils'], { tty: false, interactive: false });
  assert.deepEqual([r.stdout, r.stderr, r.exitCode], ['Reading package lists...\nBuilding dependency tree...\nReading state information...\n', 'E: Unable to locate package dnsutils\n', 100]);
  r = await runExec(h, deb, undefined, ['apt-get', 'update'], { tty: false, interactive: false });
  assert.match(r.stdout, /^Get:1 http:\/\/deb\.debian\.org\/debian bookworm InRelease/);
  r = await runExec(h, deb, undefined, ['apt-get', 'install', 'dnsutils'], { tty: false, interactive: false });
  assert.equal(r.exitCode, 1);
  assert.match(r.stdout, /Do you want to continue\? \[Y\/n\] Abort\.\n$/);
  r = await runExec(h, deb, undefined, ['apt-get', 'install', '-y', 'curl'], { tty: false, interactive: false });
  assert.match(r.stdout, /curl is already the newest version \(7\.88\.1-10\+deb12u12\)\./);
  r = await sh(h, bb, 'apk add curl');
  assert.deepEqual([r.stderr, r.exitCode], ['sh: apk: not found\n', 127]);
});

test('parseScript reports incomplete input (the shell then waits for more lines)', () => {
  assert.throws(() => parseScript('for i in 1 2; do'), (e: any) => e.constructor.name === 'Incomplete');
  assert.throws(() => parseScript('echo "open'), (e: any) => e.constructor.name === 'Incomplete');
  assert.doesNotThrow(() => parseScript('echo a | grep a && echo b || echo c; (cd /; ls) > /dev/null 2>&1'));
});

test('bash reading commands from a pipe (exec -i without -t) is not interactive: errors carry line numbers', async () => {
  const { h, deb, bb, alp } = cluster();
  let r = await runExec(h, deb, undefined, ['bash'], { stdin: 'hostname\nfoo\n', tty: false, interactive: true });
  const ns = pod('netshoot-1', 'nicolaka/netshoot', '10.244.1.60', 'kind-worker', {}, 'default', { container: { command: ['sleep', 'infinity'] } });
  h.add(ns);
  assert.deepEqual((await runExec(h, ns, undefined, ["bash"], { stdin: "true\nfoo\n", tty: false, interactive: true })).stderr, "bash: line 2: foo: command not found\n");
  assert.match((await runExec(h, alp, undefined, ['bash'], { tty: false, interactive: true })).error!, /exec: "bash": executable file not found in \$PATH/, 'httpd:alpine has no bash');
  assert.deepEqual([r.stderr, r.exitCode], ['bash: line 2: foo: command not found\n', 127]);
  r = await runExec(h, bb, undefined, ['sh'], { stdin: 'true\nfoo\n', tty: false, interactive: true });
  assert.deepEqual([r.stderr, r.exitCode], ['sh: foo: not found\n', 127], 'busybox ash names no line');
});
