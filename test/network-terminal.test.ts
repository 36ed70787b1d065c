// The container terminal (src/network/terminal): the line editor's keys on a screen model, and
// sessions driven with fake IO: Ctrl-C to the foreground command, Ctrl-D, exit codes, history,
// Tab completion, prompts, resize. No pty needed.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeHost, pod, FakeHost } from './network-fixtures';
import { startTerminal, LineEditor, TerminalSession } from '../src/network/terminal';
import { Screen } from './helpers/screen';
import { imageProfile } from '../src/network/images';

function cluster(): { h: FakeHost; bb: any; deb: any; plus: any } {
  const h = fakeHost();
  // waits take real time, 100 times faster, so that keys come in while a command runs
  h.sleep = (ms) => new Promise((r) => setTimeout(r, ms / 100));
  const bb = pod('bb', 'busybox', '10.244.1.9', 'kind-worker', { run: 'bb' }, 'default', { container: { name: 'bb', command: ['sleep', '3600'] } });
  const deb = pod('web01-77f8c-qwert', 'nginx', '10.244.2.40', 'kind-worker2', { app: 'web01' }, 'default', { container: { name: 'nginx' } });
  const plus = pod('curl', 'radial/busyboxplus:curl', '10.244.1.10', 'kind-worker', { run: 'curl' }, 'default', { container: { name: 'curl' } });
  h.add(bb, deb, plus);
  for (const p of [bb, deb, plus]) h.start(p);
  return { h, bb, deb, plus };
}

/** A session on a screen; type() feeds keys and waits until the terminal is quiet. */
function open(h: FakeHost, p: any, argv: string[], cols = 80) {
  const screen = new Screen(cols, 24);
  const io = { columns: cols, rows: 24, write: (s: string) => screen.write(s) };
  const s: TerminalSession = startTerminal(h, p, undefined, argv, io);
  let ended = false;
  s.done.then(() => { ended = true; });
  const settle = async (ms = 30) => { for (let i = 0; i < ms; i++) await new Promise((r) => setImmediate(r)); await new Promise((r) => setTimeout(r, 5)); };
  return {
    s, screen, get ended() { return ended; },
    async type(keys: string, ms?: number) { s.input(keys); await settle(ms); },
    settle,
  };
}

test('Ctrl-C in sleep / a while loop / ping: SIGINT to the foreground command, the shell stays', async () => {
  const { h, bb } = cluster();
  const t = open(h, bb, ['sh']);
  await t.settle();
  assert.equal(t.screen.lastLine(), '/ # ');
  await t.type('sleep 30\r');
  await t.type('\x03');
  await t.type('echo $?\r');
  assert.deepEqual(t.screen.lines().slice(0, 4), ['/ # sleep 30', '^C', '/ # echo $?', '130']);
  await t.type('while true; do :; done\r', 200);
  assert.equal(t.ended, false);
  await t.type('\x03');
  await t.type('hostname\r');
  assert.match(t.screen.text(), /done\n\^C\n\/ # hostname\nbb\n\/ # $/);
  await t.type('ping bb\r', 100);
  await t.type('\x03');
  const text = t.screen.text();
  assert.match(text, /PING bb \(10\.244\.1\.9\): 56 data bytes\n64 bytes from 10\.244\.1\.9: seq=0/);
  assert.match(text, /\^C\n--- bb ping statistics ---\n\d+ packets transmitted, \d+ packets received, 0% packet loss\nround-trip min\/avg\/max = [\d./]+ ms\n\/ # $/);
  await t.type('exit 3\r');
  assert.deepEqual(await t.s.done, { exitCode: 3 });
});

test('prompts as the images print them, following cd', async () => {
  const { h, bb, deb, plus } = cluster();
  const a = open(h, bb, ['sh']);
  await a.settle();
  await a.type('cd /etc\r');
  await a.type('cd\r');
  assert.deepEqual(a.screen.lines(), ['/ # cd /etc', '/etc # cd', '~ # ']);
  const b = open(h, deb, ['bash']);
  await b.settle();
  await b.type('cd /tmp\r');
  assert.deepEqual(b.screen.lines(), ['root@web01-77f8c-qwert:/# cd /tmp', 'root@web01-77f8c-qwert:/tmp# ']);
  const c = open(h, plus, ['sh']);
  await c.settle();
  await c.type('cd /tmp\r');
  assert.deepEqual(c.screen.lines(), ['[ root@curl:/ ]$ cd /tmp', '[ root@curl:/tmp ]$ ']);
  const d = open(h, deb, ['sh']);
  await d.settle();
  assert.equal(d.screen.lastLine(), '# ');
  for (const t of [a, b, c, d]) t.s.hangup();
  assert.equal((await b.s.done).exitCode, 129);
});

test('line editing: cursor keys, Home/End, Ctrl-A/E/K/U/W, Backspace, Delete', async () => {
  const { h, bb } = cluster();
  const t = open(h, bb, ['sh']);
  await t.settle();
  // Left twice, insert; Home, insert; End, insert
  await t.type('echo bc\x1b[D\x1b[Dx\x1b[Hy\x1b[Fz');
  assert.equal(t.screen.lastLine(), '/ # yecho xbcz');
  await t.type('\x01\x1b[3~\x05\x7f\r');
  assert.deepEqual(t.screen.lines().slice(0, 2), ['/ # echo xbc', 'xbc']);
  await t.type('echo one two three\x17\x17four\r');
  assert.equal(t.screen.lines()[3], 'one four');
  await t.type('echo abc\x01\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C\x0bX\r');
  assert.equal(t.screen.lines()[5], 'X');
  await t.type('garbage\x15echo clean\r');
  assert.equal(t.screen.lines()[7], 'clean');
  // Ctrl-C drops the line: $? is 130, a new prompt
  await t.type('echo never\x03');
  await t.type('echo $?\r');
  assert.deepEqual(t.screen.lines().slice(8), ['/ # echo never^C', '/ # echo $?', '130', '/ # ']);
  t.s.hangup();
});

test('history: Up repeats, Down comes back; bash Ctrl-R finds an earlier line', async () => {
  const { h, bb, deb } = cluster();
  const t = open(h, bb, ['sh']);
  await t.settle();
  await t.type('echo first\r');
  await t.type('echo second\r');
  await t.type('\x1b[A\x1b[A');
  assert.equal(t.screen.lastLine(), '/ # echo first');
  await t.type('\x1b[B');
  assert.equal(t.screen.lastLine(), '/ # echo second');
  await t.type('\x1b[B');
  assert.equal(t.screen.lastLine(), '/ # ');
  await t.type('\x1b[A\r');
  assert.deepEqual(t.screen.lines().slice(-3), ['/ # echo second', 'second', '/ # ']);
  t.s.hangup();

  const b = open(h, deb, ['bash']);
  await b.settle();
  await b.type('echo alpha\r');
  await b.type('echo beta\r');
  await b.type('\x12alp');
  assert.equal(b.screen.lastLine(), "(reverse-i-search)`alp': echo alpha");
  await b.type('\r');
  assert.deepEqual(b.screen.lines().slice(-3), ['root@web01-77f8c-qwert:/# echo alpha', 'alpha', 'root@web01-77f8c-qwert:/# ']);
  b.s.hangup();
});

test('Tab completes commands and paths; a second Tab lists the choices', async () => {
  const { h, bb } = cluster();
  const t = open(h, bb, ['sh']);
  await t.settle();
  await t.type('hostn\t');
  assert.equal(t.screen.lastLine(), '/ # hostname ');
  await t.type('\x15cat /etc/hostn\t');
  assert.equal(t.screen.lastLine(), '/ # cat /etc/hostname ');
  await t.type('\r');
  assert.equal(t.screen.lines()[1], 'bb');
  await t.type('ls /et\t');
  assert.equal(t.screen.lastLine(), '/ # ls /etc/');
  await t.type('\x15cat /etc/ho\t');
  assert.equal(t.screen.lastLine(), '/ # cat /etc/host');
  await t.type('\t');
  const lines = t.screen.lines();
  assert.match(lines[lines.length - 2], /^hostname\s+hosts$/);
  assert.equal(lines[lines.length - 1], '/ # cat /etc/host');
  await t.type('\x15echo hi > /tmp/myfile\r');
  await t.type('cat /tmp/myf\t\r');
  assert.equal(t.screen.lines().slice(-2)[0], 'hi');
  t.s.hangup();
});

test('Ctrl-D at an empty prompt ends the shell; Ctrl-Z never kills the session; a nested sh reads the terminal', async () => {
  const { h, bb, deb } = cluster();
  const t = open(h, bb, ['sh']);
  await t.settle();
  await t.type('sleep 1\r');
  await t.type('\x1a', 100);
  await t.type('echo alive\r');
  assert.match(t.screen.text(), /sleep 1\n\^Z\/ # echo alive\nalive\n/);
  await t.type('sh\r');
  await t.type('exit 4\r');
  await t.type('echo $?\r');
  assert.deepEqual(t.screen.lines().slice(-5), ['/ # sh', '/ # exit 4', '/ # echo $?', '4', '/ # ']);
  await t.type('abc\x04');
  assert.equal(t.ended, false);
  await t.type('\x15\x04');
  assert.deepEqual(await t.s.done, { exitCode: 0 });
  const b = open(h, deb, ['bash']);
  await b.settle();
  await b.type('false\r');
  await b.type('\x04');
  assert.deepEqual(await b.s.done, { exitCode: 1 });
  // bash says exit on the prompt's line
  assert.deepEqual(b.screen.lines().slice(-2), ['root@web01-77f8c-qwert:/# exit', '']);
});

test('resize: bash sees COLUMNS/LINES; long lines wrap and still edit', async () => {
  const { h, deb } = cluster();
  const t = open(h, deb, ['bash'], 30);
  await t.settle();
  t.s.resize(120, 40);
  t.screen.columns = 120;
  await t.type('echo $COLUMNS $LINES\r');
  assert.equal(t.screen.lines()[1], '120 40');
  const u = open(h, deb, ['bash'], 20);
  await u.settle();
  await u.type('echo 0123456789abcdefghij');
  await u.type('\x01\x1b[C\x1b[C\x1b[C\x1b[C\x1b[C!');
  assert.deepEqual(u.screen.lines(), ['root@web01-77f8c-qwe', 'rt:/# echo !01234567', '89abcdefghij']);
  await u.type('\x05\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f\r');
  assert.deepEqual(u.screen.lines().slice(1, 3), ['rt:/# echo !012345', '!012345']);
  t.s.hangup(); u.s.hangup();
});

test('a program run directly in a terminal: Ctrl-C ends it with 130; ping with its statistics and 0', async () => {
  const { h, bb } = cluster();
  const t = open(h, bb, ['sleep', '30']);
  await t.settle();
  await t.type('\x03');
  assert.deepEqual(await t.s.done, { exitCode: 130 });
  const p = open(h, bb, ['ping', '10.244.1.9'], 80);
  await p.settle(100);
  await p.type('\x03');
  assert.deepEqual(await p.s.done, { exitCode: 0 });
  assert.match(p.screen.text(), /\^C\n--- 10\.244\.1\.9 ping statistics ---/);
  const q = open(h, bb, ['nosuch']);
  assert.match((await q.s.done).error ?? '', /executable file not found in \$PATH/);
});

test('top and watch redraw until Ctrl-C; ls fits the terminal width', async () => {
  const { h, bb } = cluster();
  // busybox has both applets (whether an image lists them is the image catalogue's business)
  for (const tool of ['top', 'watch']) imageProfile('busybox').tools.add(tool);
  const t = open(h, bb, ['sh'], 40);
  await t.settle();
  await t.type('ls /\r');
  assert.deepEqual(t.screen.lines().slice(1, 5), ['bin    home   proc   tmp', 'dev    lib    root   usr', 'etc    lib64  sys    var', '/ # ']);
  await t.type('watch -n 1 hostname\r', 50);
  assert.match(t.screen.text(), /^Every 1s: hostname\n\nbb$/m);
  await t.type('\x03');
  await t.type('echo $?\r');
  assert.match(t.screen.text(), /\^C\n\/ # echo \$\?\n130\n\/ # $/);
  t.s.hangup();
  const u = open(h, bb, ['sh'], 80);
  await u.settle();
  await u.type('top\r', 50);
  assert.match(u.screen.text(), /^  PID  PPID USER     STAT   VSZ %VSZ CPU %CPU COMMAND\n    1     0 root     S     4380   0%   0   0% sleep 3600\n/m);
  await u.type('\x03');
  await u.type('hostname\r');
  assert.match(u.screen.text(), /\^C\n\/ # hostname\nbb\n\/ # $/);
  u.s.hangup();
});
