import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster } from './helpers/cluster';
import type { KObject } from '../src/api/types';

function job(name: string, command: string[], spec: Record<string, unknown> = {}, restartPolicy = 'Never'): KObject {
  return {
    apiVersion: 'batch/v1', kind: 'Job', metadata: { name, namespace: 'default' } as any,
    spec: { ...spec, template: { spec: { containers: [{ name, image: 'busybox', command }], restartPolicy } } },
  };
}
const conds = (j: KObject) => (j.status?.conditions ?? []).map((c: any) => `${c.type}=${c.status}/${c.reason}`);
const events = (c: ReturnType<typeof testCluster>, name: string) =>
  c.api.list('Event', 'default').filter((e) => e.involvedObject.kind === 'Job' && e.involvedObject.name === name).map((e) => `${e.reason}: ${e.message}`);

test('a Job gets the generated selector and labels, runs its pod to completion and is Complete', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(job('hello', ['echo', 'hi'])));
    const j = c.api.get('Job', 'default', 'hello')!;
    const uid = j.metadata.uid!;
    const labels = { 'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': 'hello', 'controller-uid': uid, 'job-name': 'hello' };
    assert.deepEqual(j.spec.selector, { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } });
    assert.deepEqual(j.spec.template.metadata.labels, labels);
    assert.deepEqual(j.metadata.labels, labels);
    assert.equal(j.spec.podReplacementPolicy, 'TerminatingOrFailed');
    assert.equal(j.spec.manualSelector, undefined);
    assert.deepEqual([j.spec.completions, j.spec.parallelism, j.spec.backoffLimit, j.spec.completionMode, j.spec.suspend], [1, 1, 6, 'NonIndexed', false]);
    const pods = c.api.list('Pod', 'default');
    assert.equal(pods.length, 1);
    assert.match(pods[0].metadata.name, /^hello-[a-z0-9]{5}$/);
    assert.deepEqual(pods[0].metadata.labels, labels);
    assert.deepEqual(pods[0].metadata.ownerReferences, [{ apiVersion: 'batch/v1', kind: 'Job', name: 'hello', uid, controller: true, blockOwnerDeletion: true }]);
    assert.equal(pods[0].status.phase, 'Succeeded');
    assert.deepEqual(conds(j), ['SuccessCriteriaMet=True/CompletionsReached', 'Complete=True/CompletionsReached']);
    assert.equal(j.status.succeeded, 1);
    assert.equal(j.status.active, undefined);
    assert.deepEqual([j.status.ready, j.status.terminating, j.status.uncountedTerminatedPods], [0, 0, {}]);
    assert.ok(j.status.startTime && j.status.completionTime);
    assert.deepEqual(events(c, 'hello'), [`SuccessfulCreate: Created pod: ${pods[0].metadata.name}`, 'Completed: Job completed']);
    // deleting the job takes its pods with it
    c.write((api) => api.delete('Job', 'default', 'hello'));
    c.advance(1000);
    assert.equal(c.api.list('Pod', 'default').length, 0);
  } finally { c.close(); }
});

test('a running Job counts its active and ready pods; completions and parallelism', () => {
  const c = testCluster({ startupSeconds: 2 });
  try {
    c.write((api) => api.create(job('work', ['sleep', '5'], { completions: 3, parallelism: 2 })));
    assert.equal(c.api.list('Pod', 'default').length, 2);
    let j = c.api.get('Job', 'default', 'work')!;
    assert.deepEqual([j.status.active, j.status.ready, j.status.succeeded], [2, 0, undefined]);
    c.advance(2500);
    j = c.api.get('Job', 'default', 'work')!;
    assert.deepEqual([j.status.active, j.status.ready], [2, 2]);
    c.advance(5000);
    j = c.api.get('Job', 'default', 'work')!;
    assert.equal(j.status.succeeded, 2);
    assert.equal(j.status.active, 1, 'one more pod for the third completion');
    for (let i = 0; i < 5; i++) c.advance(2000);
    j = c.api.get('Job', 'default', 'work')!;
    assert.equal(j.status.succeeded, 3);
    assert.deepEqual(conds(j), ['SuccessCriteriaMet=True/CompletionsReached', 'Complete=True/CompletionsReached']);
    assert.equal(c.api.list('Pod', 'default').length, 3);
  } finally { c.close(); }
});

test('failed pods are replaced with back-off until more than backoffLimit failed: BackoffLimitExceeded', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(job('bad', ['false'], { backoffLimit: 2 })));
    let j = c.api.get('Job', 'default', 'bad')!;
    assert.equal(j.status.failed, 1);
    assert.equal(c.api.list('Pod', 'default').length, 1, 'the replacement waits for the back-off');
    c.advance(10000);
    assert.equal(c.api.list('Pod', 'default').length, 2);
    c.advance(20000);
    j = c.api.get('Job', 'default', 'bad')!;
    assert.equal(c.api.list('Pod', 'default').length, 3);
    assert.equal(j.status.failed, 3);
    assert.deepEqual(conds(j), ['FailureTarget=True/BackoffLimitExceeded', 'Failed=True/BackoffLimitExceeded']);
    assert.equal(j.status.conditions[1].message, 'Job has reached the specified backoff limit');
    assert.equal(j.status.completionTime, undefined);
    assert.ok(events(c, 'bad').includes('BackoffLimitExceeded: Job has reached the specified backoff limit'));
    c.advance(60000);
    assert.equal(c.api.list('Pod', 'default').length, 3, 'a failed job creates no more pods');
  } finally { c.close(); }
});
