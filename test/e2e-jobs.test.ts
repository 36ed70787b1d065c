// Jobs end to end: the `create job|cronjob` generators against goldens recorded with the real
// kubectl (test/golden/jobs/_record.mjs), and a job that runs to completion.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster, Cluster, ROOT } from './helpers/kubectl';

interface Case { name: string; args: string[]; stdout: string; stderr: string; exit: number }
const cases: Case[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'golden', 'jobs', 'generators.json'), 'utf8'));

let c: Cluster;
let uid = '';
before(() => {
  c = cluster();
  assert.equal(c.k('create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *', '--', 'date').code, 0);
  assert.equal(c.k('create', 'deployment', 'd', '--image=nginx').code, 0);
  uid = c.k('get', 'cronjob', 'tick', '-o', 'jsonpath={.metadata.uid}').stdout;
});
after(() => c.cleanup());

const norm = (s: string) => s.replaceAll(uid, 'UID').replace(/^E\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ /gm, 'E0000 00:00:00.000000 PID ');

for (const tc of cases) {
  test(`generator ${tc.name}: kubectl ${tc.args.join(' ')}`, () => {
    const r = c.k(...tc.args);
    assert.deepEqual({ stdout: norm(r.stdout), stderr: norm(r.stderr), exit: r.code }, { stdout: tc.stdout, stderr: tc.stderr, exit: tc.exit });
  });
}
