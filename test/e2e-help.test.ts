// kubectl's help, `kubectl help`, `options`, `completion` and the command line's errors, byte for
// byte as kubectl 1.32 prints them: the cases recorded from the real kubectl by
// scripts/gen-help.mjs (test/golden/help/cases.json), and `--help` on every command of its tree.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster, ROOT } from './helpers/kubectl';

const c = cluster({ KUBESIM_POD_STARTUP: '0', HOME: '/home/someone' });
after(() => c.cleanup());

interface Case { args: string[]; stdout: string; stderr: string; code: number }
const cases: Case[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'golden', 'help', 'cases.json'), 'utf8'));

test('recorded command lines: stdout, stderr and exit code as kubectl 1.32', () => {
  const home = (t: string) => t.split('@@HOME@@').join('/home/someone');
  const failed: string[] = [];
  for (const k of cases) {
    const r = c.k(...k.args);
    try {
      assert.deepEqual({ stdout: r.stdout, stderr: r.stderr, code: r.code }, { stdout: home(k.stdout), stderr: home(k.stderr), code: k.code }, k.args.join(' '));
    } catch (e: any) { failed.push(e.message); }
  }
  assert.deepEqual(failed, []);
});

test('--help and -h on every command of kubectl\'s tree, with other flags and arguments around', () => {
  const dir = path.join(ROOT, 'templates', 'help');
  const tree = JSON.parse(fs.readFileSync(path.join(dir, 'tree.json'), 'utf8'));
  let n = 0;
  for (const key of Object.keys(tree)) {
    if (!key) continue;
    const want = fs.readFileSync(path.join(dir, key.split(' ').join('_') + '.txt'), 'utf8');
    const words = key.split(' ');
    const r = n % 2 ? c.k(...words, '--help') : c.k('-n', 'x', ...words, 'some-arg', '-h');
    assert.deepEqual([r.stdout, r.stderr, r.code], [want, '', 0], key);
    n++;
  }
  assert.ok(n > 100, `${n} commands`);
});

test('help does not run the command: nothing is created', () => {
  let r = c.k('create', 'deployment', 'web', '--image=nginx', '--help');
  assert.equal(r.code, 0);
  r = c.k('get', 'deployments', '-o', 'name');
  assert.equal(r.stdout, '');
  r = c.k('exec', 'x', '--', 'sh', '--help');
  assert.notEqual(r.stdout.slice(0, 20), 'Execute a command in');
});

test('kubectl help with no topic and kubectl --help print the root help', () => {
  const a = c.k('help'), b = c.k('--help'), d = c.k();
  assert.equal(a.stdout, b.stdout);
  assert.equal(d.stdout, b.stdout);
  assert.match(b.stdout, /^kubectl controls the Kubernetes cluster manager\./);
});

test('completion scripts are kubectl 1.32\'s', () => {
  for (const shell of ['bash', 'zsh', 'fish', 'powershell']) {
    const r = c.k('completion', shell);
    assert.equal(r.stdout, fs.readFileSync(path.join(ROOT, 'templates', 'completion', `${shell}.txt`), 'utf8'));
    assert.match(r.stdout, /__start_kubectl|_kubectl|__kubectl/);
  }
});

test('version and api-versions: arguments and output as kubectl 1.32 (client side)', () => {
  let r = c.k('version', 'foo');
  assert.deepEqual([r.stdout, r.stderr, r.code], ['', 'error: extra arguments: [foo]\n', 1]);
  r = c.k('version', '--client', 'foo');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /^Client Version: v1\.32\.\d+\nKustomize Version: v5\.5\.0\n$/);
  r = c.k('version', '--client', '-o', 'yaml');
  assert.match(r.stdout, /^clientVersion:\n  buildDate: ".*"\n[\s\S]*kustomizeVersion: v5\.5\.0\n\n$/);
  r = c.k('version', '-o', 'foo');
  assert.deepEqual([r.stderr, r.code], ["error: --output must be 'yaml' or 'json'\n", 1]);
  r = c.k('api-versions', 'foo');
  assert.deepEqual([r.stderr, r.code], ["error: unexpected arguments: [foo]\nSee 'kubectl api-versions -h' for help and examples\n", 1]);
  r = c.k('api-resources', '--sort-by=foo');
  assert.deepEqual([r.stderr, r.code], ['error: --sort-by accepts only name or kind\n', 1]);
});

test('missing arguments and required flags as kubectl 1.32 words them (recorded with the oracle)', () => {
  const cases: [string[], string][] = [
    [['label'], 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
    [['label', 'pods'], 'error: at least one label update is required\n'],
    [['annotate'], 'error: one or more resources must be specified as <resource> <name> or <resource>/<name>\n'],
    [['describe'], 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n'],
    [['scale', 'deploy', 'x'], 'error: required flag(s) "replicas" not set\n'],
    [['create', 'deployment', 'x'], 'error: required flag(s) "image" not set\n'],
    [['create', 'cronjob', 'x'], 'error: required flag(s) "image", "schedule" not set\n'],
  ];
  for (const [args, stderr] of cases) {
    const r = c.k(...args);
    assert.deepEqual([r.stdout, r.stderr, r.code], ['', stderr, 1], args.join(' '));
  }
});

test('a kubectl command kubesim does not implement says so (its --help is still kubectl\'s)', () => {
  const r = c.k('plugin', 'list');
  assert.deepEqual([r.stdout, r.stderr, r.code], ['', 'error: kubectl plugin is not supported by kubesim\n', 1]);
  assert.equal(c.k('plugin', '--help').code, 0);
});
