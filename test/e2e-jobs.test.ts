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

test('create job hello -- echo hi: it completes, logs job/hello prints hi, get all lists it, delete takes its pods', () => {
  const e = cluster({ KUBESIM_POD_STARTUP: '1' });
  try {
    assert.equal(e.k('create', 'job', 'hello', '--image=busybox', '--', 'echo', 'hi').stdout, 'job.batch/hello created\n');
    const w = e.k('wait', '--for=condition=complete', 'job/hello', '--timeout=30s');
    assert.equal(w.stdout, 'job.batch/hello condition met\n', w.stderr);
    assert.equal(e.k('get', 'job', 'hello', '-o', 'jsonpath={.status.succeeded} {.status.conditions[*].type}').stdout, '1 SuccessCriteriaMet Complete');
    const logs = e.k('logs', 'job/hello');
    assert.deepEqual([logs.stdout, logs.stderr, logs.code], ['hi\n', '', 0]);
    const table = e.k('get', 'jobs').stdout.split('\n');
    assert.match(table[0], /^NAME +STATUS +COMPLETIONS +DURATION +AGE$/);
    assert.match(table[1], /^hello +Complete +1\/1 +\d+s +\d+s$/);
    assert.match(e.k('get', 'all').stdout, /\njob\.batch\/hello +Complete +1\/1 /);
    assert.equal(e.k('get', 'pods', '-l', 'job-name=hello', '-o', 'jsonpath={.items[*].status.phase}').stdout, 'Succeeded');
    assert.equal(e.k('delete', 'job', 'hello').stdout, 'job.batch "hello" deleted\n');
    assert.equal(e.k('get', 'pods', '-l', 'job-name=hello', '-o', 'name').stdout, '');
  } finally { e.cleanup(); }
});
