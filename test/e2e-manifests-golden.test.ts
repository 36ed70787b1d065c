// Client-side output of generators, run, and -f reading (dry runs, read and decode errors),
// compared with real kubectl's recorded by test/golden/manifests/record.sh.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { runKubectl, normalizeKlog } from './helpers/run-kubectl';

const dir = path.join(__dirname, '..', '..', 'test', 'golden', 'manifests');
const cases: { args: string[]; stdout: string; stderr: string; code: number }[] = JSON.parse(fs.readFileSync(path.join(dir, 'goldens.json'), 'utf8'));
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-golden-'));
after(() => fs.rmSync(home, { recursive: true, force: true }));

for (const c of cases) {
  test(`kubectl ${c.args.join(' ')}`, () => {
    const r = runKubectl(c.args, { home, cwd: path.join(dir, 'files') });
    assert.equal(r.stdout, c.stdout, 'stdout');
    assert.equal(normalizeKlog(r.stderr), normalizeKlog(c.stderr), 'stderr');
    assert.equal(r.code, c.code, 'exit code');
  });
}
