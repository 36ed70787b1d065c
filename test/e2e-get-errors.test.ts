// kubectl get/describe: which error wins when flags and arguments disagree (names next to a
// selector, --show-labels with a non-table -o, an unknown -o after the fetch's errors), and -o
// formats taken in any case. Goldens recorded with the real kubectl through the oracle
// (test/golden/get-errors/cases.json) against the same two pods.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runKubectl } from './helpers/run-kubectl';

const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-get-errors-'));
const k = (...args: string[]) => runKubectl(args, { home });
before(() => {
  assert.equal(k('run', 'big', '--image=nginx').code, 0);
  assert.equal(k('run', 'small', '--image=nginx', '-l', 'app=web').code, 0);
});
after(() => fs.rmSync(home, { recursive: true, force: true }));

interface Case { args: string[]; stdout: string; stderr: string; code: number }
const cases: Case[] = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'test', 'golden', 'get-errors', 'cases.json'), 'utf8'));
for (const c of cases) {
  test(`kubectl ${c.args.join(' ')}`, () => {
    const r = k(...c.args);
    assert.deepEqual({ stdout: r.stdout, stderr: r.stderr, code: r.code }, { stdout: c.stdout, stderr: c.stderr, code: c.code });
  });
}

test('-o JSON, -o Yaml and -o NAME are json, yaml and name', () => {
  assert.equal(k('get', 'pod', 'big', '-o', 'JSON').stdout, k('get', 'pod', 'big', '-o', 'json').stdout);
  assert.equal(k('get', 'pods', '-o', 'Yaml').stdout, k('get', 'pods', '-o', 'yaml').stdout);
  const name = k('get', 'pods', '-o', 'Name');
  assert.deepEqual([name.code, name.stdout], [0, 'pod/big\npod/small\n']);
});
