// Images as they are, through bin/kubectl: what is (not) in alpine, ubuntu and nginx, a package
// installed in one exec is there in the next, Pulled events print the image's size, and the
// shell language from a piped script.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cluster } from './helpers/kubectl';

const c = cluster({ KUBESIM_POD_STARTUP: '0' });
after(() => c.cleanup());

test('alpine has no curl until apk add; the package stays for the container\'s life', () => {
  c.k('run', 'alp', '--image=alpine', '--', 'sleep', '3600');
  let r = c.k('exec', 'alp', '--', 'sh', '-c', 'curl -s http://x');
  assert.deepEqual([r.stderr, r.code], ['sh: curl: not found\ncommand terminated with exit code 127\n', 127]);
  r = c.k('exec', 'alp', '--', 'bash');
  assert.match(r.stderr, /exec: "bash": executable file not found in \$PATH: unknown\n$/);
  r = c.k('exec', 'alp', '--', 'apk', 'add', 'curl');
  assert.match(r.stdout, /Installing curl \(8\.12\.1-r1\)/);
  r = c.k('exec', 'alp', '--', 'which', 'curl');
  assert.deepEqual([r.stdout, r.code], ['/usr/bin/curl\n', 0]);
});

test('ubuntu and debian need apt-get update before apt-get install; nginx already has curl', () => {
  c.k('run', 'ub', '--image=ubuntu', '--', 'sleep', '3600');
  c.k('run', 'web', '--image=nginx');
  let r = c.k('exec', 'ub', '--', 'bash', '-c', 'ping -c1 x; nslookup x; curl x');
  assert.equal(r.stderr, 'bash: line 1: ping: command not found\nbash: line 1: nslookup: command not found\nbash: line 1: curl: command not found\ncommand terminated with exit code 127\n');
  r = c.k('exec', 'ub', '--', 'apt-get', 'install', '-y', 'curl');
  assert.deepEqual([r.stderr, r.code], ['E: Unable to locate package curl\ncommand terminated with exit code 100\n', 100]);
  r = c.k('exec', 'web', '--', 'sh', '-c', 'curl --version | head -1; wget x');
  assert.match(r.stdout, /^curl 7\.88\.1 \(x86_64-pc-linux-gnu\)/);
  assert.match(r.stderr, /^sh: 1: wget: not found\n/);
});

test('the Pulled event prints the image\'s compressed size', () => {
  const r = c.k('describe', 'pod', 'web');
  assert.match(r.stdout, /Successfully pulled image "nginx" in [\d.]+m?s \([\d.]+m?s including waiting\)\. Image size: 72188133 bytes\./);
});

test('a script piped into the shell: functions, read, here-documents, arithmetic, set -e', () => {
  const script = 'f() { echo "f:$1"; }\nf one\nwhile read a; do echo "got $a"; done <<EOF\nx\ny\nEOF\necho $(( 6 * 7 ))\nset -e\nfalse\necho never\n';
  const r = c.kIn(script, 'exec', '-i', 'alp', '--', 'sh');
  assert.deepEqual([r.stdout, r.code], ['f:one\ngot x\ngot y\n42\n', 1]);
  const deep = c.k('exec', 'alp', '--', 'sh', '-c', 'f() { f; }; f');
  assert.deepEqual([deep.stderr, deep.code], ['command terminated with exit code 139\n', 139]);
});
