// The shell language beyond single commands: read and the input it shares, here-documents,
// arithmetic, functions, set -e/-u/-x, trap, and the limits that end as the real shells end
// (never a JavaScript error).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { fakeHost, pod, FakeHost } from './network-fixtures';
import { runExec, execStream } from '../src/network/shell';
import { evalArith, ArithError } from '../src/network/arith';

function cluster(): { h: FakeHost; bb: any; deb: any } {
  const h = fakeHost();
  const bb = pod('bb-6b7f-zzzzz', 'busybox', '10.244.1.9', 'kind-worker', {}, 'default', { container: { name: 'bb', command: ['sleep', '3600'] } });
  const deb = pod('web-77f8c-qwert', 'nginx', '10.244.2.40', 'kind-worker2', {}, 'default', { container: { name: 'nginx' } });
  h.add(bb, deb);
  return { h, bb, deb };
}
const run = (h: FakeHost, p: any, script: string, shell = 'sh') => runExec(h, p, undefined, [shell, '-c', script], { tty: false, interactive: false });

test('read takes one line of the shared input; while read ... < FILE ends at the end of the file', async () => {
  const { h, bb, deb } = cluster();
  let r = await run(h, bb, 'printf "a b\\nc d\\nlast" > /tmp/f; while read x y; do echo "[$x|$y]"; done < /tmp/f; echo "end:$x"');
  assert.deepEqual([r.stdout, r.exitCode], ['[a|b]\n[c|d]\nend:last\n', 0], 'the last line without a newline is read, then read fails');
  r = await run(h, bb, 'printf "1\\n2\\n3\\n" > /tmp/n; { read a; read b; cat; } < /tmp/n');
  assert.equal(r.stdout, '3\n', 'each command takes what it reads');
  r = await run(h, deb, 'read -r line <<< "a\\\\b  c"; echo "$line"; read v < /dev/null; echo $?', 'bash');
  assert.equal(r.stdout, 'a\\b  c\n1\n');
  r = await run(h, bb, 'echo "x y z" | { read a rest; echo "$rest"; }');
  assert.equal(r.stdout, 'y z\n');
  // a script piped into the shell: read takes the script's next line, as bash reading a file does
  r = await runExec(h, deb, undefined, ['bash'], { stdin: 'read name\nworld\necho "hello $name"\n', tty: false, interactive: true });
  assert.equal(r.stdout, 'hello world\n');
});

test('here-documents: expanded unless the delimiter is quoted, <<- strips tabs', async () => {
  const { h, bb } = cluster();
  let r = await run(h, bb, 'N=pod; cat <<EOF\nhello $N $((1+1))\nEOF\ncat <<\'EOF\'\nraw $N\nEOF\ncat <<-X\n\tindented\n\tX\necho done');
  assert.equal(r.stdout, 'hello pod 2\nraw $N\nindented\ndone\n');
  r = await run(h, bb, 'while read l; do echo "<$l>"; done <<EOF\none\ntwo\nEOF');
  assert.equal(r.stdout, '<one>\n<two>\n');
});

test('arithmetic: C operators, assignment, ++, ternary, bases; errors in each shell\'s words', async () => {
  const env = new Map<string, string>([['x', '5'], ['e', 'x*2']]);
  const E = { get: (n: string) => env.get(n), set: (n: string, v: string) => { env.set(n, v); } };
  const ev = (s: string, d: 'bash' | 'dash' | 'ash' = 'bash') => evalArith(s, E, d).toString();
  assert.equal(ev('1 + 2 * 3 - (4 - 6) / 2'), '8');
  assert.equal(ev('x++ + ++x'), '12');
  assert.equal(env.get('x'), '7');
  assert.equal(ev('y = x > 3 ? 10 : 20, y += 1'), '11');
  assert.equal(ev('0x1f + 010 + 2#101 + e'), String(31 + 8 + 5 + 14));
  assert.equal(ev('1 << 4 | 3 & 1 ^ 2'), String((1 << 4) | ((3 & 1) ^ 2)));
  assert.equal(ev('2 ** 10'), '1024');
  assert.equal(ev('-7 / 2'), '-3');
  assert.equal(ev('9223372036854775807 + 1'), '-9223372036854775808', '64-bit wrap-around');
  assert.equal(ev('0 && 1/0'), '0', 'the unevaluated side of && does not divide');
  assert.throws(() => ev('1 / 0'), (e: any) => e instanceof ArithError && e.message === '1 / 0: division by 0 (error token is "0")');
  assert.throws(() => ev('1/0', 'dash'), (e: any) => e.message === 'arithmetic expression: division by zero: "1/0"');
  assert.throws(() => ev('1/0', 'ash'), (e: any) => e.message === 'divide by zero');
  assert.throws(() => ev('1 +'), (e: any) => e instanceof ArithError);

  const { h, bb, deb } = cluster();
  let r = await run(h, bb, 'i=0; while [ $i -lt 5 ]; do i=$((i+1)); done; echo $i $((i*i)) $((i%3))');
  assert.equal(r.stdout, '5 25 2\n');
  r = await run(h, deb, 'n=0; for i in 1 2 3; do ((n += i)); done; (( n == 6 )) && echo six; let "m = n * 2"; echo $m', 'bash');
  assert.equal(r.stdout, 'six\n12\n');
  r = await run(h, deb, 'echo $((10/0)); echo after', 'bash');
  assert.deepEqual([r.stdout, r.stderr, r.exitCode], ['', 'bash: line 1: 10/0: division by 0 (error token is "0")\n', 1]);
  r = await run(h, deb, 'echo $((10/0)); echo after');
  assert.deepEqual([r.stderr, r.exitCode], ['sh: 1: arithmetic expression: division by zero: "10/0"\n', 2]);
});

test('functions: arguments, return, local, recursion', async () => {
  const { h, bb, deb } = cluster();
  let r = await run(h, bb, 'greet() { echo "hi $1 ($#)"; return 4; }; greet pod a; echo "rc=$? args=$#"');
  assert.equal(r.stdout, 'hi pod (2)\nrc=4 args=0\n');
  r = await run(h, deb, 'function f { local v=inner; echo $v; }; v=outer; f; echo $v', 'bash');
  assert.equal(r.stdout, 'inner\nouter\n');
  r = await run(h, deb, 'fact() { if [ $1 -le 1 ]; then echo 1; else echo $(( $1 * $(fact $(( $1 - 1 ))) )); fi; }; fact 10', 'bash');
  assert.equal(r.stdout, '3628800\n');
  r = await run(h, deb, 'return 3; echo still', 'bash');
  assert.deepEqual([r.stdout, r.stderr], ['still\n', "bash: line 1: return: can only `return' from a function or sourced script\n"]);
  r = await run(h, deb, 'f() { local x; }; local y', 'bash');
  assert.deepEqual([r.stderr, r.exitCode], ['bash: line 1: local: can only be used in a function\n', 1]);
});

test('set -e, set -u, set -x, set -o pipefail', async () => {
  const { h, bb, deb } = cluster();
  let r = await run(h, bb, 'set -e; echo one; false; echo two');
  assert.deepEqual([r.stdout, r.exitCode], ['one\n', 1]);
  r = await run(h, bb, 'set -e; false || echo handled; if false; then :; fi; ! false; false && :; echo reached');
  assert.deepEqual([r.stdout, r.exitCode], ['handled\nreached\n', 0], 'tested commands do not end the shell');
  r = await run(h, deb, 'set -u; echo "${NOPE:-dflt}"; echo $NOPE; echo never', 'bash');
  assert.deepEqual([r.stdout, r.stderr, r.exitCode], ['dflt\n', 'bash: line 1: NOPE: unbound variable\n', 1]);
  r = await run(h, bb, 'set -u; echo $NOPE');
  assert.deepEqual([r.stderr, r.exitCode], ['sh: NOPE: parameter not set\n', 2]);
  r = await run(h, bb, 'set -x; X=1; echo "a b" $X');
  assert.deepEqual([r.stdout, r.stderr], ['a b 1\n', "+ X=1\n+ echo 'a b' 1\n"]);
  r = await run(h, deb, 'false | true; echo $?; set -o pipefail; false | true; echo $?', 'bash');
  assert.equal(r.stdout, '0\n1\n');
});

test('trap: EXIT runs as the shell ends (exit code kept); listing; signals the terminal delivers', async () => {
  const { h, bb, deb } = cluster();
  let r = await run(h, bb, 'trap "echo cleanup" EXIT; echo work; exit 3');
  assert.deepEqual([r.stdout, r.exitCode], ['work\ncleanup\n', 3]);
  r = await run(h, deb, "trap 'echo bye' EXIT INT; trap; trap - INT; trap", 'bash');
  assert.equal(r.stdout, "trap -- 'echo bye' EXIT\ntrap -- 'echo bye' SIGINT\ntrap -- 'echo bye' EXIT\nbye\n");
  r = await run(h, bb, 'trap "echo x" NOSUCH');
  assert.deepEqual([r.stderr, r.exitCode], ['sh: trap: NOSUCH: invalid signal specification\n', 1]);
});

test('limits end as the real shells end, never with a JavaScript error', async () => {
  const { h, bb, deb } = cluster();
  // unbounded recursion: the shell dies of SIGSEGV (exit 139) without a word
  let r = await run(h, bb, 'f() { f; }; f; echo never');
  assert.deepEqual([r.stdout, r.stderr, r.exitCode], ['', '', 139]);
  r = await run(h, deb, 'FUNCNEST=50; f() { f; }; f; echo after', 'bash');
  assert.deepEqual([r.stderr, r.exitCode], ['bash: line 1: f: maximum function nesting level exceeded (50)\n', 1]);
  // bash's arithmetic has a recursion limit with its own message; ash's has none for parentheses
  const deep = '('.repeat(5000) + '1' + ')'.repeat(5000);
  r = await run(h, deb, `echo $((${deep}))`, 'bash');
  assert.match(r.stderr, /^bash: line 1: \(+1\)+: expression recursion level exceeded \(error token is "\(+"\)\n$/);
  assert.equal(r.exitCode, 1);
  r = await run(h, bb, `echo $((${deep}))`);
  assert.deepEqual([r.stdout, r.exitCode], ['1\n', 0]);
  r = await run(h, deb, `echo $((1+${deep}))`);
  assert.deepEqual([r.stdout, r.stderr, r.exitCode], ['', '', 139], "dash's recursive evaluator runs out of stack");
  // deeply nested subshells and command substitutions: the parser's stack
  for (const script of ['( '.repeat(20000) + 'echo x' + ' )'.repeat(20000), 'echo ' + '$('.repeat(5000) + 'echo x' + ')'.repeat(5000), '{ '.repeat(5000) + 'echo x' + '; }'.repeat(5000)]) {
    for (const [p, shell] of [[bb, 'sh'], [deb, 'bash'], [deb, 'sh']] as const) {
      r = await run(h, p, script, shell);
      assert.equal(r.exitCode, 139, `${shell}: ${script.slice(0, 20)}`);
      assert.doesNotMatch(r.stdout + r.stderr, /Maximum call stack|RangeError|undefined/);
    }
  }
  // an interactive shell on a terminal gets the same
  const out: string[] = [];
  const s = await execStream(h, bb, undefined, ['sh'], { input: 'f() { f; }\nf\n', tty: true, interactive: true, write: (_fd, t) => { out.push(t); } });
  assert.equal(s.exitCode, 139);
  assert.doesNotMatch(out.join(''), /Maximum call stack/);
});

test('programs that do not read stdin leave it for the next read', async () => {
  const { h, bb } = cluster();
  const r = await run(h, bb, 'printf "a\\nb\\n" > /tmp/l; while read x; do sleep 0; echo "$x"; done < /tmp/l; printf "1\\n2\\n" | { read a; cat; }');
  assert.equal(r.stdout, 'a\nb\n2\n');
});
