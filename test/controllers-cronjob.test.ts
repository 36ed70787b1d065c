import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster } from './helpers/cluster';
import { parseStandard, CronError } from '../src/api/cron';
import type { KObject } from '../src/api/types';

const T0 = Date.parse('2026-11-21T16:00:00Z'); // the test cluster's clock at start (a Saturday)
const iso = (ms: number | undefined) => (ms === undefined ? undefined : new Date(ms).toISOString().replace('.000Z', 'Z'));
const next = (spec: string, from: string) => iso(parseStandard(spec).next(Date.parse(from)));

test('cron schedules are parsed and stepped as robfig/cron v3 does', () => {
  assert.equal(next('*/5 * * * *', '2026-11-21T16:00:00Z'), '2026-11-21T16:05:00Z');
  assert.equal(next('*/5 * * * *', '2026-11-21T16:04:59.5Z'), '2026-11-21T16:05:00Z');
  assert.equal(next('* * * * *', '2026-11-21T16:00:00Z'), '2026-11-21T16:01:00Z');
  assert.equal(next('@hourly', '2026-11-21T16:00:00Z'), '2026-11-21T17:00:00Z');
  assert.equal(next('@daily', '2026-11-21T16:00:00Z'), '2026-11-22T00:00:00Z');
  assert.equal(next('@weekly', '2026-11-21T16:00:00Z'), '2026-11-22T00:00:00Z'); // Sunday
  assert.equal(next('@monthly', '2026-11-21T16:00:00Z'), '2026-12-01T00:00:00Z');
  assert.equal(next('@yearly', '2026-11-21T16:00:00Z'), '2027-01-01T00:00:00Z');
  assert.equal(next('@every 90s', '2026-11-21T16:00:00.700Z'), '2026-11-21T16:01:30Z');
  assert.equal(next('@every 1h30m', '2026-11-21T16:00:00Z'), '2026-11-21T17:30:00Z');
  assert.equal(next('30 9 * * mon-fri', '2026-11-21T16:00:00Z'), '2026-11-23T09:30:00Z');
  // day of month OR day of week when both are restricted
  assert.equal(next('0 0 1 * fri', '2026-11-21T16:00:00Z'), '2026-11-27T00:00:00Z');
  assert.equal(next('0 0 1 * *', '2026-11-21T16:00:00Z'), '2026-12-01T00:00:00Z');
  assert.equal(next('0 12 * JAN *', '2026-11-21T16:00:00Z'), '2027-01-01T12:00:00Z');
  assert.equal(next('5/20 * * * *', '2026-11-21T16:30:00Z'), '2026-11-21T16:45:00Z');
  // time zones: 9:00 in Berlin is 8:00 UTC in winter
  assert.equal(next('TZ=Europe/Berlin 0 9 * * *', '2026-11-21T16:00:00Z'), '2026-11-22T08:00:00Z');
  assert.equal(next('CRON_TZ=America/New_York 0 9 * * *', '2026-07-01T00:00:00Z'), '2026-07-01T13:00:00Z');
  // never: none within five years
  assert.equal(next('59 23 31 2 *', '2026-11-21T16:00:00Z'), undefined);
  const err = (spec: string) => { try { parseStandard(spec); return ''; } catch (e) { assert.ok(e instanceof CronError); return (e as Error).message; } };
  assert.equal(err(''), 'empty spec string');
  assert.equal(err('* * * *'), 'expected exactly 5 fields, found 4: [* * * *]');
  assert.equal(err('61 * * * *'), 'end of range (61) above maximum (59): 61');
  assert.equal(err('x * * * *'), 'failed to parse int from x: strconv.Atoi: parsing "x": invalid syntax');
  assert.equal(err('5-1 * * * *'), 'beginning of range (5) beyond end of range (1): 5-1');
  assert.equal(err('*/0 * * * *'), 'step of range should be a positive number: */0');
  assert.equal(err('@sometimes'), 'unrecognized descriptor: @sometimes');
  assert.equal(err('@every x'), 'failed to parse duration @every x: time: invalid duration "x"');
  assert.equal(err('TZ=Nowhere/Land * * * * *'), 'provided bad location Nowhere/Land: unknown time zone Nowhere/Land');
});

function cronJob(name: string, schedule: string, command: string[], spec: Record<string, unknown> = {}): KObject {
  return {
    apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name, namespace: 'default' } as any,
    spec: { schedule, ...spec, jobTemplate: { metadata: { labels: { team: 'a' } }, spec: { template: { spec: { containers: [{ name: 'c', image: 'busybox', command }], restartPolicy: 'OnFailure' } } } } },
  };
}
type C = ReturnType<typeof testCluster>;
const events = (c: C, name: string) =>
  c.api.list('Event', 'default').filter((e) => e.involvedObject.kind === 'CronJob' && e.involvedObject.name === name).map((e) => `${e.type} ${e.reason}: ${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`);
const jobs = (c: C) => c.api.list('Job', 'default').map((j) => j.metadata.name).sort();
const minute = (ms: number) => Math.floor(ms / 60000);

test('a CronJob creates a Job at each scheduled time, records it, and keeps three successful jobs', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(cronJob('hello', '* * * * *', ['echo', 'hi'])));
    assert.deepEqual(jobs(c), [], 'nothing before the first scheduled time');
    c.advance(30_000);
    assert.deepEqual(jobs(c), []);
    c.advance(30_200); // 16:01:00.2
    const first = `hello-${minute(T0 + 60_000)}`;
    assert.deepEqual(jobs(c), [first]);
    const cj = c.api.get('CronJob', 'default', 'hello')!;
    const job = c.api.get('Job', 'default', first)!;
    assert.equal(cj.status.lastScheduleTime, '2026-11-21T16:01:00Z');
    assert.deepEqual(job.metadata.ownerReferences, [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'hello', uid: cj.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    assert.equal(job.metadata.annotations!['batch.kubernetes.io/cronjob-scheduled-timestamp'], '2026-11-21T16:01:00Z');
    assert.equal(job.metadata.labels!.team, 'a');
    // the job ran at once (no start-up delay): it is out of the active list, and a success
    assert.equal(cj.status.active, undefined);
    assert.ok(cj.status.lastSuccessfulTime);
    assert.deepEqual(events(c, 'hello'), [`Normal SuccessfulCreate: Created job ${first}`, `Normal SawCompletedJob: Saw completed job: ${first}, condition: Complete`]);
    for (let i = 0; i < 4; i++) c.advance(60_000);
    const expected = [3, 4, 5].map((m) => `hello-${minute(T0) + m}`);
    assert.deepEqual(jobs(c), expected, 'the oldest successful jobs beyond successfulJobsHistoryLimit (3) are deleted');
    assert.ok(events(c, 'hello').includes(`Normal SuccessfulDelete: Deleted job ${first}`));
    assert.equal(c.api.list('Pod', 'default').length, 3, 'with their pods');
  } finally { c.close(); }
});

test('after a week idle only the most recent missed schedule runs, with the too-many-missed warning', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(cronJob('weekly', '*/10 * * * *', ['echo', 'hi'])));
    c.advance(7 * 24 * 3600_000 + 5 * 60_000);
    const want = T0 + 7 * 24 * 3600_000; // 16:00 a week later
    assert.deepEqual(jobs(c), [`weekly-${minute(want)}`]);
    assert.equal(c.api.get('CronJob', 'default', 'weekly')!.status.lastScheduleTime, iso(want));
    assert.ok(events(c, 'weekly').includes('Warning TooManyMissedTimes: too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew'));
    // a few missed: no warning
    c.advance(30 * 60_000);
    assert.deepEqual(jobs(c), [`weekly-${minute(want)}`, `weekly-${minute(want) + 30}`]);
    assert.equal(events(c, 'weekly').filter((e) => e.includes('TooManyMissedTimes')).length, 1);
  } finally { c.close(); }
});

test('concurrencyPolicy Forbid skips a start while a job runs; Replace deletes the running one', () => {
  const c = testCluster();
  try {
    c.write((api) => {
      api.create(cronJob('forbid', '* * * * *', ['sleep', '600'], { concurrencyPolicy: 'Forbid' }));
      api.create(cronJob('replace', '* * * * *', ['sleep', '600'], { concurrencyPolicy: 'Replace' }));
      api.create(cronJob('allow', '* * * * *', ['sleep', '600']));
    });
    c.advance(60_200);
    c.advance(60_000);
    const m = minute(T0);
    assert.deepEqual(jobs(c), [`allow-${m + 1}`, `allow-${m + 2}`, `forbid-${m + 1}`, `replace-${m + 2}`]);
    const active = (n: string) => (c.api.get('CronJob', 'default', n)!.status.active ?? []).map((a: any) => a.name);
    assert.deepEqual(active('allow'), [`allow-${m + 1}`, `allow-${m + 2}`]);
    assert.deepEqual(active('forbid'), [`forbid-${m + 1}`]);
    assert.deepEqual(active('replace'), [`replace-${m + 2}`]);
    const ref = c.api.get('CronJob', 'default', 'allow')!.status.active[0];
    assert.deepEqual(Object.keys(ref), ['kind', 'namespace', 'name', 'uid', 'apiVersion', 'resourceVersion']);
    assert.ok(events(c, 'forbid').includes('Normal JobAlreadyActive: Not starting job because prior execution is running and concurrency policy is Forbid'));
    assert.ok(events(c, 'replace').includes(`Normal SuccessfulDelete: Deleted job replace-${m + 1}`));
  } finally { c.close(); }
});

test('a suspended CronJob creates nothing; resumed, it runs the most recent missed time', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(cronJob('sus', '*/5 * * * *', ['echo', 'hi'], { suspend: true })));
    c.advance(12 * 60_000);
    assert.deepEqual(jobs(c), []);
    c.write((api) => { const o = api.get('CronJob', 'default', 'sus')!; o.spec.suspend = false; api.update(o); });
    assert.deepEqual(jobs(c), [`sus-${minute(T0) + 10}`]);
  } finally { c.close(); }
});

test('startingDeadlineSeconds: a start later than the deadline is missed, not run', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(cronJob('late', '0 * * * *', ['echo', 'hi'], { startingDeadlineSeconds: 60 })));
    c.advance(3600_000 + 5 * 60_000); // 17:05: the 17:00 start was due 5 minutes ago
    assert.deepEqual(jobs(c), []);
    c.advance(55 * 60_000 + 30_000); // 18:00:30: within the deadline
    assert.deepEqual(jobs(c), [`late-${minute(T0) + 120}`]);
  } finally { c.close(); }
});

test('a job the CronJob did not create (create job --from) is noticed and counted when it succeeds', () => {
  const c = testCluster({ startupSeconds: 2 });
  try {
    const cj = c.write((api) => api.create(cronJob('manual', '0 0 1 1 *', ['echo', 'hi'])));
    c.write((api) => api.create({
      apiVersion: 'batch/v1', kind: 'Job',
      metadata: { name: 'manual-now', namespace: 'default', annotations: { 'cronjob.kubernetes.io/instantiate': 'manual' }, ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: 'manual', uid: cj.metadata.uid!, controller: true }] } as any,
      spec: structuredClone(cj.spec.jobTemplate.spec),
    }));
    assert.deepEqual(events(c, 'manual'), ['Warning UnexpectedJob: Saw a job that the controller did not create or forgot: manual-now']);
    assert.equal(c.api.get('CronJob', 'default', 'manual')!.status?.active, undefined);
    c.advance(5000);
    const j = c.api.get('Job', 'default', 'manual-now')!;
    assert.ok(j.status.completionTime);
    assert.equal(c.api.get('CronJob', 'default', 'manual')!.status.lastSuccessfulTime, j.status.completionTime);
    // deleting the CronJob takes its jobs
    c.write((api) => api.delete('CronJob', 'default', 'manual'));
    c.advance(1000);
    assert.deepEqual(jobs(c), []);
  } finally { c.close(); }
});

test('failed jobs beyond failedJobsHistoryLimit (1) are deleted', () => {
  const c = testCluster();
  try {
    c.write((api) => {
      const o = cronJob('fails', '* * * * *', ['false'], { failedJobsHistoryLimit: 1 });
      o.spec.jobTemplate.spec.backoffLimit = 0;
      o.spec.jobTemplate.spec.template.spec.restartPolicy = 'Never';
      api.create(o);
    });
    c.advance(60_200);
    c.advance(60_000);
    assert.deepEqual(jobs(c), [`fails-${minute(T0) + 2}`]);
    assert.ok(events(c, 'fails').includes(`Normal SawCompletedJob: Saw completed job: fails-${minute(T0) + 1}, condition: Failed`));
  } finally { c.close(); }
});

test('the API server validates a CronJob: schedule, time zone, concurrency policy, name length', () => {
  const c = testCluster();
  try {
    const err = (o: KObject) => { try { c.write((api) => api.create(o)); return ''; } catch (e) { return (e as Error).message; } };
    assert.equal(err(cronJob('bad', 'bad', ['echo'])), 'CronJob "bad" is invalid: spec.schedule: Invalid value: "bad": expected exactly 5 fields, found 1: [bad]');
    assert.equal(err(cronJob('tzs', 'TZ=UTC * * * * *', ['echo'])), 'CronJob "tzs" is invalid: spec.schedule: Invalid value: "TZ=UTC * * * * *": cannot use TZ or CRON_TZ in schedule, use timeZone field instead');
    assert.equal(err(cronJob('tz', '* * * * *', ['echo'], { timeZone: 'Mars/Olympus' })), 'CronJob "tz" is invalid: spec.timeZone: Invalid value: "Mars/Olympus": unknown time zone Mars/Olympus');
    assert.equal(err(cronJob('cp', '* * * * *', ['echo'], { concurrencyPolicy: 'Sometimes' })), 'CronJob "cp" is invalid: spec.concurrencyPolicy: Unsupported value: "Sometimes": supported values: "Allow", "Forbid", "Replace"');
    assert.equal(err(cronJob('x'.repeat(53), '@hourly', ['echo'])), `CronJob "${'x'.repeat(53)}" is invalid: metadata.name: Invalid value: "${'x'.repeat(53)}": must be no more than 52 characters`);
    assert.equal(err(cronJob('ok', '0 9 * * 1-5', ['echo'], { timeZone: 'Europe/Berlin' })), '');
    assert.deepEqual(c.api.list('CronJob', 'default').map((o) => o.metadata.name), ['ok']);
  } finally { c.close(); }
});

test('a new schedule is looked at when it next comes due, not at once', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(cronJob('re', '0 0 1 1 *', ['echo', 'hi'])));
    c.advance(90_000); // 16:01:30
    c.write((api) => { const o = api.get('CronJob', 'default', 're')!; o.spec.schedule = '*/2 * * * *'; api.update(o); });
    assert.deepEqual(jobs(c), [], 'the 16:00 time missed under the old schedule does not run');
    c.advance(30_200); // 16:02:00.2
    assert.deepEqual(jobs(c), [`re-${minute(T0) + 2}`]);
  } finally { c.close(); }
});
