// kubectl top on a cluster without metrics-server (kind's default), as kubectl 1.32 answers it
// (recorded with the oracle).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cluster } from './helpers/kubectl';

const c = cluster({ KUBESIM_POD_STARTUP: '0' });
after(() => c.cleanup());

test('top pod|node: Metrics API not available, after the flags parse', () => {
  for (const args of [['top', 'pods'], ['top', 'nodes'], ['top', 'pod', 'x', '-A'], ['top', 'pods', '--containers'], ['top', 'node', '--show-capacity']]) {
    const r = c.k(...args);
    assert.deepEqual([r.stdout, r.stderr, r.code], ['', 'error: Metrics API not available\n', 1], args.join(' '));
  }
  let r = c.k('top', 'pods', '--bogus');
  assert.deepEqual([r.stderr, r.code], ["error: unknown flag: --bogus\nSee 'kubectl top pod --help' for usage.\n", 1]);
  r = c.k('top', 'node', '-A');
  assert.deepEqual([r.stderr, r.code], ["error: unknown shorthand flag: 'A' in -A\nSee 'kubectl top node --help' for usage.\n", 1]);
  r = c.k('top', 'foo');
  assert.deepEqual([r.stderr, r.code], ["error: unknown command \"foo\"\nSee 'kubectl top -h' for help and examples\n", 1]);
  r = c.k('top');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^Display resource \(CPU\/memory\) usage\.\n[\s\S]*Available Commands:\n  node +Display resource \(CPU\/memory\) usage of nodes\n  pod +Display resource \(CPU\/memory\) usage of pods\n/);
});
