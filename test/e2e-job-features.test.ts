// Job features end to end: an Indexed job whose pods see their index, a suspended job resumed
// with kubectl patch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cluster } from './helpers/kubectl';

const INDEXED = {
  apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'idx' },
  spec: {
    completions: 3, parallelism: 3, completionMode: 'Indexed',
    template: { spec: { restartPolicy: 'Never', containers: [{ name: 'main', image: 'busybox', command: ['sh', '-c', 'echo index=$JOB_COMPLETION_INDEX host=$(hostname)'] }] } },
  },
};

test('an Indexed job: each pod prints its JOB_COMPLETION_INDEX and hostname; completedIndexes', async () => {
  const c = cluster();
  try {
    assert.equal(c.kIn(JSON.stringify(INDEXED), 'apply', '-f', '-').stdout, 'job.batch/idx created\n');
    assert.equal(c.k('wait', '--for=condition=complete', 'job/idx', '--timeout=30s').code, 0);
    const names = c.k('get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}').stdout.trim().split('\n').sort();
    assert.equal(names.length, 3);
    names.forEach((n, i) => assert.match(n, new RegExp(`^idx-${i}-[a-z0-9]{5}$`)));
    const logs = names.map((n) => c.k('logs', n).stdout.trim());
    assert.deepEqual(logs, ['index=0 host=idx-0', 'index=1 host=idx-1', 'index=2 host=idx-2']);
    assert.equal(c.k('get', 'job', 'idx', '-o', 'jsonpath={.status.completedIndexes} {.status.succeeded}').stdout, '0-2 3');
    assert.match(c.k('get', 'pods', '-l', 'batch.kubernetes.io/job-completion-index=1', '--no-headers').stdout, /^idx-1-\w{5}\s+0\/1\s+Completed/);
  } finally { c.cleanup(); }
});

test('suspend and resume a job with kubectl patch', () => {
  const c = cluster({ KUBESIM_POD_STARTUP: '1' });
  try {
    assert.equal(c.k('create', 'job', 'later', '--image=busybox', '--', 'sleep', '300').code, 0);
    assert.equal(c.k('patch', 'job', 'later', '-p', '{"spec":{"suspend":true}}').stdout, 'job.batch/later patched\n');
    assert.match(c.k('get', 'job', 'later', '--no-headers').stdout, /^later\s+Suspended\s+0\/1\s/);
    assert.equal(c.k('get', 'job', 'later', '-o', 'jsonpath={.status.conditions[0].type}={.status.conditions[0].status} {.status.conditions[0].reason}').stdout, 'Suspended=True JobSuspended');
    const d = c.k('describe', 'job', 'later').stdout;
    assert.match(d, /Normal\s+SuccessfulDelete\s+\S+\s+job-controller\s+Deleted pod: later-\w{5}\n\s+Normal\s+Suspended\s+\S+\s+job-controller\s+Job suspended\n/);
    assert.equal(c.k('patch', 'job', 'later', '-p', '{"spec":{"suspend":false}}').code, 0);
    assert.match(c.k('get', 'job', 'later', '--no-headers').stdout, /^later\s+Running\s+0\/1\s/);
    assert.match(c.k('describe', 'job', 'later').stdout, /Normal\s+Resumed\s+\S+\s+job-controller\s+Job resumed\n/);
  } finally { c.cleanup(); }
});
