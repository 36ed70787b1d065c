// CronJobs end to end: jobs appear on schedule while commands run, get cronjobs shows the last
// schedule, describe shows the controller's events.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cluster } from './helpers/kubectl';

test('a CronJob @every 2s creates a job named after its scheduled minute, and get/describe show it', async () => {
  const c = cluster();
  try {
    assert.equal(c.k('create', 'cronjob', 'tick', '--image=busybox', '--schedule=@every 2s', '--', 'echo', 'hi').code, 0);
    await c.until(() => /^tick-\d{8}\s/m.test(c.k('get', 'jobs', '--no-headers').stdout), 20000);
    const job = c.k('get', 'jobs', '-o', 'jsonpath={.items[0].metadata.name} {.items[0].metadata.ownerReferences[0].kind}/{.items[0].metadata.ownerReferences[0].name}').stdout;
    const [name, owner] = job.split(' ');
    const sched = c.k('get', 'job', name, '-o', 'jsonpath={.metadata.annotations.batch\\.kubernetes\\.io/cronjob-scheduled-timestamp}').stdout;
    assert.equal(name, `tick-${Math.floor(Date.parse(sched) / 60000)}`);
    assert.equal(owner, 'CronJob/tick');
    const row = c.k('get', 'cronjob', 'tick', '--no-headers').stdout;
    assert.match(row, /^tick\s+@every 2s\s+<none>\s+False\s+[01]\s+\d+s\s+\d+s\n$/);
    await c.until(() => /SawCompletedJob\s.*Saw completed job: tick-\d+, condition: Complete/.test(c.k('describe', 'cronjob', 'tick').stdout), 20000);
    const d = c.k('describe', 'cronjob', 'tick').stdout;
    assert.match(d, /Normal\s+SuccessfulCreate\s+\S+\s+cronjob-controller\s+Created job tick-\d+/);
    assert.match(c.k('get', 'cronjob', 'tick', '-o', 'jsonpath={.status.lastSuccessfulTime}').stdout, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  } finally { c.cleanup(); }
});

test('create job --from=cronjob/X: a manual job the CronJob notices as unexpected', () => {
  const c = cluster({ KUBESIM_POD_STARTUP: '1' });
  try {
    assert.equal(c.k('create', 'cronjob', 'nightly', '--image=busybox', '--schedule=0 3 * * *', '--', 'sleep', '30').code, 0);
    assert.equal(c.k('create', 'job', 'now', '--from=cronjob/nightly').stdout, 'job.batch/now created\n');
    const j = JSON.parse(c.k('get', 'job', 'now', '-o', 'json').stdout);
    assert.equal(j.metadata.annotations['cronjob.kubernetes.io/instantiate'], 'manual');
    assert.deepEqual(j.metadata.ownerReferences.map((o: any) => [o.kind, o.name, o.controller, o.blockOwnerDeletion]), [['CronJob', 'nightly', true, undefined]]);
    const d = c.k('describe', 'cronjob', 'nightly').stdout;
    assert.match(d, /Warning\s+UnexpectedJob\s+\S+\s+cronjob-controller\s+Saw a job that the controller did not create or forgot: now\n/);
    assert.match(c.k('get', 'cronjob', 'nightly', '--no-headers').stdout, /^nightly\s+0 3 \* \* \*\s+<none>\s+False\s+0\s+<none>\s+/);
  } finally { c.cleanup(); }
});
