import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster } from './helpers/cluster';
import { formatIndexes } from '../src/controllers/job';
import type { KObject } from '../src/api/types';

function job(name: string, command: string[], spec: Record<string, unknown> = {}, restartPolicy = 'Never'): KObject {
  return {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: 'default' } as any,
    spec: { ...spec, template: { spec: { containers: [{ name: 'main', image: 'busybox', command }], restartPolicy } } },
  };
}
type C = ReturnType<typeof testCluster>;
const conds = (j: KObject) => (j.status?.conditions ?? []).map((c: any) => `${c.type}=${c.status}/${c.reason}`);
const events = (c: C, name: string) =>
  c.api.list('Event', 'default').filter((e) => e.involvedObject.kind === 'Job' && e.involvedObject.name === name).map((e) => `${e.reason}: ${e.message}`);
const get = (c: C, name: string) => c.api.get('Job', 'default', name)!;
const pods = (c: C) => c.api.list('Pod', 'default');

test('completed indexes are listed as the job controller writes them', () => {
  assert.equal(formatIndexes([0, 1, 2]), '0-2');
  assert.equal(formatIndexes([0, 1]), '0,1');
  assert.equal(formatIndexes([4, 0, 1, 2, 6, 7, 9]), '0-2,4,6,7,9');
  assert.equal(formatIndexes([]), '');
});

test('an Indexed job runs one pod per index, parallelism at a time, with the index in annotation, label, hostname and env', () => {
  const c = testCluster({ startupSeconds: 1 });
  try {
    c.write((api) => api.create(job('idx', ['sleep', '2'], { completions: 3, parallelism: 2, completionMode: 'Indexed' })));
    let ps = pods(c).sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
    assert.equal(ps.length, 2);
    ps.forEach((p, i) => {
      assert.match(p.metadata.name, new RegExp(`^idx-${i}-[a-z0-9]{5}$`));
      assert.equal(p.metadata.annotations!['batch.kubernetes.io/job-completion-index'], String(i));
      assert.equal(p.metadata.labels!['batch.kubernetes.io/job-completion-index'], String(i));
      assert.equal(p.spec.hostname, `idx-${i}`);
      assert.deepEqual(p.spec.containers[0].env.find((e: any) => e.name === 'JOB_COMPLETION_INDEX').valueFrom.fieldRef.fieldPath, "metadata.annotations['batch.kubernetes.io/job-completion-index']");
    });
    c.advance(3500);
    let j = get(c, 'idx');
    assert.equal(j.status.completedIndexes, '0,1');
    assert.equal(j.status.succeeded, 2);
    assert.equal(j.status.active, 1);
    assert.ok(pods(c).some((p) => p.metadata.name.startsWith('idx-2-')));
    c.advance(3500);
    j = get(c, 'idx');
    assert.equal(j.status.completedIndexes, '0-2');
    assert.deepEqual(conds(j), ['SuccessCriteriaMet=True/CompletionsReached', 'Complete=True/CompletionsReached']);
  } finally { c.close(); }
});

test('a suspended job has no pods and the Suspended condition; resumed it runs; suspended again its pods go', () => {
  const c = testCluster({ startupSeconds: 1 });
  try {
    c.write((api) => api.create(job('sus', ['sleep', '60'], { suspend: true, parallelism: 2, completions: 2 })));
    let j = get(c, 'sus');
    assert.equal(pods(c).length, 0);
    assert.deepEqual(conds(j), ['Suspended=True/JobSuspended']);
    assert.equal(j.status.conditions[0].message, 'Job suspended');
    assert.equal(j.status.startTime, undefined);
    const setSuspend = (v: boolean) => c.write((api) => { const o = api.get('Job', 'default', 'sus')!; o.spec.suspend = v; api.update(o); });
    setSuspend(false);
    j = get(c, 'sus');
    assert.equal(pods(c).length, 2);
    assert.deepEqual(conds(j), ['Suspended=False/JobResumed']);
    assert.ok(j.status.startTime);
    c.advance(2000);
    setSuspend(true);
    j = get(c, 'sus');
    assert.deepEqual(conds(j), ['Suspended=True/JobSuspended']);
    assert.equal(j.status.active, undefined);
    assert.equal(j.status.terminating, 2);
    const ev = events(c, 'sus');
    assert.deepEqual(ev.filter((e) => /^(Suspended|Resumed)/.test(e)), ['Suspended: Job suspended', 'Resumed: Job resumed']);
    assert.equal(ev.filter((e) => e.startsWith('SuccessfulDelete: Deleted pod: sus-')).length, 2);
  } finally { c.close(); }
});

test('podFailurePolicy: FailJob on an exit code fails the job at once; Ignore does not count the failure', () => {
  const c = testCluster();
  try {
    c.write((api) => {
      api.create(job('fj', ['sh', '-c', 'exit 42'], { backoffLimit: 6, podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'main', operator: 'In', values: [42] } }] } }));
      api.create(job('ign', ['sh', '-c', 'exit 3'], { backoffLimit: 0, podFailurePolicy: { rules: [{ action: 'Ignore', onExitCodes: { operator: 'In', values: [3] } }] } }));
    });
    const fj = get(c, 'fj');
    assert.deepEqual(conds(fj), ['FailureTarget=True/PodFailurePolicy', 'Failed=True/PodFailurePolicy']);
    const pod = pods(c).find((p) => p.metadata.name.startsWith('fj-'))!;
    const msg = `Container main for pod default/${pod.metadata.name} failed with exit code 42 matching FailJob rule at index 0`;
    assert.equal(fj.status.conditions[1].message, msg);
    assert.ok(events(c, 'fj').includes(`PodFailurePolicy: ${msg}`));
    let ign = get(c, 'ign');
    assert.equal(ign.status.failed, undefined, 'an ignored failure is not counted');
    assert.deepEqual(conds(ign), []);
    c.advance(10_000);
    ign = get(c, 'ign');
    assert.equal(pods(c).filter((p) => p.metadata.name.startsWith('ign-')).length, 2, 'replaced after the back-off');
    assert.deepEqual(conds(ign), [], 'still not failed with backoffLimit 0');
  } finally { c.close(); }
});

test('activeDeadlineSeconds: a job running longer fails with DeadlineExceeded and its pods go', () => {
  const c = testCluster({ startupSeconds: 1 });
  try {
    c.write((api) => api.create(job('slow', ['sleep', '600'], { activeDeadlineSeconds: 5 })));
    c.advance(4000);
    assert.deepEqual(conds(get(c, 'slow')), []);
    c.advance(1500);
    const j = get(c, 'slow');
    assert.deepEqual(conds(j), ['FailureTarget=True/DeadlineExceeded', 'Failed=True/DeadlineExceeded']);
    assert.equal(j.status.conditions[1].message, 'Job was active longer than specified deadline');
    assert.ok(events(c, 'slow').includes('DeadlineExceeded: Job was active longer than specified deadline'));
    assert.equal(j.status.active, undefined);
    assert.ok(pods(c).every((p) => p.metadata.deletionTimestamp));
  } finally { c.close(); }
});

test('ttlSecondsAfterFinished: the finished job and its pods are deleted after the ttl', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(job('ttl', ['echo', 'hi'], { ttlSecondsAfterFinished: 30 })));
    assert.deepEqual(conds(get(c, 'ttl')), ['SuccessCriteriaMet=True/CompletionsReached', 'Complete=True/CompletionsReached']);
    c.advance(29_000);
    assert.ok(c.api.get('Job', 'default', 'ttl'));
    c.advance(1_500);
    assert.equal(c.api.get('Job', 'default', 'ttl'), undefined);
    c.advance(1000);
    assert.equal(pods(c).length, 0);
  } finally { c.close(); }
});

test('backoffLimitPerIndex: an index that fails more than the limit is a failed index; the job fails with FailedIndexes', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(job('pi', ['false'], { completions: 2, parallelism: 2, completionMode: 'Indexed', backoffLimitPerIndex: 1 })));
    let j = get(c, 'pi');
    assert.equal(j.spec.backoffLimit, 2147483647);
    assert.equal(pods(c).length, 2);
    assert.equal(pods(c)[0].metadata.annotations!['batch.kubernetes.io/job-index-failure-count'], '0');
    for (let i = 0; i < 4; i++) c.advance(20_000);
    j = get(c, 'pi');
    assert.equal(j.status.failedIndexes, '0,1');
    assert.equal(j.status.failed, 4);
    assert.deepEqual(conds(j), ['FailureTarget=True/FailedIndexes', 'Failed=True/FailedIndexes']);
    assert.equal(pods(c).length, 4);
  } finally { c.close(); }
});

test('a work-queue job (parallelism, no completions) starts no pods once one succeeded', () => {
  const c = testCluster({ startupSeconds: 1 });
  try {
    c.write((api) => api.create(job('wq', ['sleep', '1'], { parallelism: 3 })));
    assert.equal(get(c, 'wq').spec.completions, undefined);
    assert.equal(pods(c).length, 3);
    c.advance(2500);
    const j = get(c, 'wq');
    assert.equal(pods(c).length, 3);
    assert.equal(j.status.succeeded, 3);
    assert.deepEqual(conds(j), ['SuccessCriteriaMet=True/CompletionsReached', 'Complete=True/CompletionsReached']);
  } finally { c.close(); }
});

test('the API server validates a Job spec: restart policy, completion mode, per-index limits', () => {
  const c = testCluster();
  try {
    const err = (o: KObject) => { try { c.write((api) => api.create(o)); return ''; } catch (e) { return (e as Error).message; } };
    const noPolicy = job('np', ['echo']);
    delete noPolicy.spec.template.spec.restartPolicy;
    assert.equal(err(noPolicy), 'Job "np" is invalid: spec.template.spec.restartPolicy: Required value: valid values: "OnFailure", "Never"');
    assert.equal(err(job('pfp', ['echo'], { podFailurePolicy: { rules: [] } }, 'OnFailure')), 'Job "pfp" is invalid: spec.template.spec.restartPolicy: Invalid value: "OnFailure": only "Never" is supported when podFailurePolicy is specified');
    assert.equal(err(job('bl', ['echo'], { backoffLimitPerIndex: 1 })), 'Job "bl" is invalid: spec.backoffLimitPerIndex: Forbidden: requires indexed completion mode');
    assert.equal(err(job('cm', ['echo'], { completionMode: 'Sometimes' })), 'Job "cm" is invalid: spec.completionMode: Unsupported value: "Sometimes": supported values: "NonIndexed", "Indexed"');
    assert.equal(err(job('ix', ['echo'], { completionMode: 'Indexed', parallelism: 2 })), 'Job "ix" is invalid: spec.completions: Required value: when completion mode is Indexed');
    assert.equal(err(job('neg', ['echo'], { activeDeadlineSeconds: -1 })), 'Job "neg" is invalid: spec.activeDeadlineSeconds: Invalid value: -1: must be greater than or equal to 0');
    assert.deepEqual(c.api.list('Job', 'default'), []);
  } finally { c.close(); }
});
