// kubectl cp through tar in the container (src/cli/cp.ts, src/network/commands/tar.ts): files
// and directories both ways, busybox and GNU tar's messages, images without tar, kubectl's own
// errors. Expected texts were compared with kubectl 1.32 against `kubesim serve` (same data
// plane behind the exec stream).
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster } from './helpers/kubectl';
import { readTar, writeTar } from '../src/network/tar-format';

const c = cluster();
const local = (p: string) => path.join(c.home, p);
after(() => c.cleanup());
before(() => {
  assert.equal(c.k('run', 'bb', '--image=busybox', '--', 'sleep', '3600').code, 0);
  assert.equal(c.k('run', 'ng', '--image=nginx').code, 0);
  assert.equal(c.k('run', 'who', '--image=traefik/whoami').code, 0);
  assert.equal(c.k('run', 'db', '--image=mysql').code, 0);
  assert.equal(c.k('wait', '--for=condition=Ready', 'pod/bb', 'pod/ng', 'pod/who', 'pod/db').code, 0);
  fs.writeFileSync(local('a.txt'), 'hello\n');
  fs.mkdirSync(local('dir/sub'), { recursive: true });
  fs.writeFileSync(local('dir/one.txt'), 'one\n');
  fs.writeFileSync(local('dir/sub/two.txt'), 'two\n');
});

test('the tar format: what is written is read back', () => {
  const t = writeTar([{ name: 'd/', type: 'dir' }, { name: 'd/x.txt', type: 'file', data: Buffer.from('héllo\n') }, { name: 'a/'.repeat(60) + 'long.txt', type: 'file', data: Buffer.alloc(700, 65) }]);
  assert.equal(t.length % 512, 0);
  const back = readTar(t);
  assert.deepEqual(back.map((e) => [e.name, e.type, e.data?.length]), [['d/', 'dir', undefined], ['d/x.txt', 'file', 7], ['a/'.repeat(60) + 'long.txt', 'file', 700]]);
  assert.equal(back[1].data!.toString(), 'héllo\n');
});

test('a local file into a container: into a directory, or under a new name', () => {
  assert.deepEqual(c.k('cp', local('a.txt'), 'bb:/tmp'), { stdout: '', stderr: '', code: 0 });
  assert.equal(c.k('exec', 'bb', '--', 'cat', '/tmp/a.txt').stdout, 'hello\n');
  assert.deepEqual(c.k('cp', local('a.txt'), 'ng:/tmp/renamed.txt'), { stdout: '', stderr: '', code: 0 });
  assert.equal(c.k('exec', 'ng', '--', 'cat', '/tmp/renamed.txt').stdout, 'hello\n');
  // a relative remote path is the container's working directory
  assert.equal(c.k('cp', local('a.txt'), 'ng:rel.txt', '--no-preserve').code, 0);
  assert.equal(c.k('exec', 'ng', '--', 'cat', '/rel.txt').stdout, 'hello\n');
});

test('directories both ways', () => {
  assert.deepEqual(c.k('cp', local('dir'), 'bb:/tmp/d'), { stdout: '', stderr: '', code: 0 });
  assert.equal(c.k('exec', 'bb', '--', 'cat', '/tmp/d/sub/two.txt').stdout, 'two\n');
  assert.deepEqual(c.k('cp', 'bb:/tmp/d', local('back')), { stdout: "tar: removing leading '/' from member names\n", stderr: '', code: 0 });
  assert.equal(fs.readFileSync(local('back/one.txt'), 'utf8'), 'one\n');
  assert.equal(fs.readFileSync(local('back/sub/two.txt'), 'utf8'), 'two\n');
  // GNU tar's wording on a Debian image
  assert.equal(c.k('cp', local('dir'), 'ng:/tmp').code, 0);
  assert.deepEqual(c.k('cp', 'ng:/tmp/dir', local('back2')), { stdout: "tar: Removing leading `/' from member names\n", stderr: '', code: 0 });
  assert.equal(fs.readFileSync(local('back2/sub/two.txt'), 'utf8'), 'two\n');
});

test('a container file to a local file; the image\'s own files too', () => {
  assert.equal(c.k('cp', 'bb:/tmp/a.txt', local('a2.txt')).code, 0);
  assert.equal(fs.readFileSync(local('a2.txt'), 'utf8'), 'hello\n');
  assert.equal(c.k('cp', 'ng:/etc/hostname', local('h')).code, 0);
  assert.equal(fs.readFileSync(local('h'), 'utf8'), 'ng\n');
  assert.deepEqual(c.k('cp', 'ng:/tmp/renamed.txt', c.home), { stdout: "tar: Removing leading `/' from member names\n", stderr: `error: open ${c.home}: is a directory\n`, code: 1 });
});

test('tar\'s own failures: a missing file (kubectl 1.32 still exits 0), a missing directory', () => {
  assert.deepEqual(c.k('cp', 'ng:/tmp/nope', local('n')), {
    stdout: "tar: Removing leading `/' from member names\ntar: /tmp/nope: Cannot stat: No such file or directory\ntar: Exiting with failure status due to previous errors\n",
    stderr: '', code: 0,
  });
  assert.equal(fs.existsSync(local('n')), false);
  assert.equal(c.k('cp', 'bb:/tmp/nope', local('n')).stdout, "tar: removing leading '/' from member names\ntar: /tmp/nope: No such file or directory\ntar: error exit delayed from previous errors\n");
  assert.deepEqual(c.k('cp', local('a.txt'), 'bb:/nonexist/x/'), { stdout: '', stderr: "tar: can't change directory to '/nonexist': No such file or directory\ncommand terminated with exit code 1\n", code: 1 });
  assert.deepEqual(c.k('cp', local('a.txt'), 'ng:/nonexist/x/'), { stdout: '', stderr: 'tar: /nonexist: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\ncommand terminated with exit code 2\n', code: 2 });
});

test('images without tar fail as the container runtime says', () => {
  for (const [pod, args] of [['who', [local('a.txt'), 'who:/tmp']], ['db', ['db:/etc/hostname', local('x')]]] as const) {
    const r = c.k('cp', ...args);
    assert.equal(r.code, 1, pod);
    assert.match(r.stderr, /^error: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "tar": executable file not found in \$PATH: unknown\n$/);
  }
});

test('a pod of two containers: the default container is named, -c picks another, each has its own files', () => {
  assert.equal(c.kIn('apiVersion: v1\nkind: Pod\nmetadata: {name: two}\nspec:\n  containers:\n  - {name: a, image: busybox, command: [sleep, "3600"]}\n  - {name: b, image: nginx}\n', 'apply', '-f', '-').code, 0);
  assert.equal(c.k('wait', '--for=condition=Ready', 'pod/two').code, 0);
  assert.deepEqual(c.k('cp', local('a.txt'), 'two:/tmp/t.txt'), { stdout: '', stderr: 'Defaulted container "a" out of: a, b\n', code: 0 });
  assert.deepEqual(c.k('cp', 'two:/tmp/t.txt', local('t1')), { stdout: 'Defaulted container "a" out of: a, b\ntar: removing leading \'/\' from member names\n', stderr: '', code: 0 });
  assert.equal(c.k('cp', local('a.txt'), 'two:/tmp/t2.txt', '-c', 'b').code, 0);
  assert.equal(c.k('exec', 'two', '-c', 'b', '--', 'cat', '/tmp/t2.txt').stdout, 'hello\n');
  assert.equal(c.k('cp', 'two:/tmp/t2.txt', local('t3'), '-c', 'a').stdout, "tar: removing leading '/' from member names\ntar: /tmp/t2.txt: No such file or directory\ntar: error exit delayed from previous errors\n");
});

test('kubectl\'s own errors', () => {
  const e = (args: string[], msg: string) => assert.deepEqual(c.k('cp', ...args), { stdout: '', stderr: msg, code: 1 });
  e([], 'error: source and destination are required\n');
  e(['a', 'b'], 'error: one of src or dest must be a remote file specification\n');
  e(['bb:x', 'bb:y'], 'error: one of src or dest must be a local file specification\n');
  e([':x', 'y'], 'error: filespec must match the canonical format: [[namespace/]pod:]file/path\n');
  e(['a/b/c:x', 'y'], 'error: filespec must match the canonical format: [[namespace/]pod:]file/path\n');
  e([local('a.txt'), 'bb:'], 'error: filepath can not be empty\n');
  e(['nope.txt', 'bb:/tmp'], "error: nope.txt doesn't exist in local filesystem\n");
  e([local('a.txt'), 'nopod:/tmp'], 'Error from server (NotFound): pods "nopod" not found\n');
  e([local('a.txt'), 'kube-system/bb:/tmp'], 'Error from server (NotFound): pods "bb" not found\n');
  e([local('a.txt'), 'bb:/tmp', '-c', 'foo'], 'Error from server (BadRequest): container foo is not valid for pod bb\n');
});
