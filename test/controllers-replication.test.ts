import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster } from './helpers/cluster';
import { cluster } from './helpers/kubectl';
import type { KObject } from '../src/api/types';

const rc = (name: string, replicas: number): KObject => ({
  apiVersion: 'v1', kind: 'ReplicationController', metadata: { name, namespace: 'default' } as any,
  spec: { replicas, template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx' }] } } },
});

test('a ReplicationController keeps spec.replicas pods, with its status and replication-controller events', () => {
  const c = testCluster({ startupSeconds: 1 });
  try {
    c.write((api) => api.create(rc('web', 3)));
    const o = c.api.get('ReplicationController', 'default', 'web')!;
    assert.deepEqual(o.spec.selector, { app: 'web' }, 'the selector defaults to the template labels');
    assert.deepEqual(o.metadata.labels, { app: 'web' });
    let pods = c.api.list('Pod', 'default');
    assert.equal(pods.length, 3);
    for (const p of pods) {
      assert.match(p.metadata.name, /^web-[a-z0-9]{5}$/);
      assert.deepEqual(p.metadata.ownerReferences, [{ apiVersion: 'v1', kind: 'ReplicationController', name: 'web', uid: o.metadata.uid, controller: true, blockOwnerDeletion: true }]);
    }
    c.advance(1500);
    let st = c.api.get('ReplicationController', 'default', 'web')!.status;
    assert.deepEqual(st, { replicas: 3, fullyLabeledReplicas: 3, readyReplicas: 3, availableReplicas: 3, observedGeneration: 1 });
    // scale down, and a deleted pod is replaced
    c.write((api) => { const x = api.get('ReplicationController', 'default', 'web')!; x.spec.replicas = 2; api.update(x); });
    c.advance(2000);
    pods = c.api.list('Pod', 'default');
    assert.equal(pods.length, 2);
    c.write((api) => api.delete('Pod', 'default', pods[0].metadata.name, { gracePeriodSeconds: 0 }));
    c.advance(1500);
    st = c.api.get('ReplicationController', 'default', 'web')!.status;
    assert.deepEqual([st.replicas, st.readyReplicas, st.observedGeneration], [2, 2, 2]);
    const ev = c.api.list('Event', 'default').filter((e) => e.involvedObject.kind === 'ReplicationController');
    assert.equal(ev.filter((e) => e.reason === 'SuccessfulCreate').length, 4);
    assert.equal(ev.filter((e) => e.reason === 'SuccessfulDelete').length, 1);
    assert.ok(ev.every((e) => e.source.component === 'replication-controller'));
    // deleting it takes the pods
    c.write((api) => api.delete('ReplicationController', 'default', 'web'));
    c.advance(2000);
    assert.equal(c.api.list('Pod', 'default').length, 0);
  } finally { c.close(); }
});

test('kubectl scale rc and get rc', () => {
  const c = cluster({ KUBESIM_POD_STARTUP: '0' });
  try {
    assert.equal(c.kIn(JSON.stringify(rc('web', 3)), 'apply', '-f', '-').code, 0);
    assert.match(c.k('get', 'rc', 'web').stdout, /^NAME\s+DESIRED\s+CURRENT\s+READY\s+AGE\nweb\s+3\s+3\s+3\s+\d+s\n$/);
    assert.equal(c.k('scale', 'rc', 'web', '--replicas=5').stdout, 'replicationcontroller/web scaled\n');
    assert.match(c.k('get', 'rc', 'web', '-o', 'wide', '--no-headers').stdout, /^web\s+5\s+5\s+5\s+\d+s\s+c\s+nginx\s+app=web\n$/);
    assert.equal(c.k('get', 'pods', '-l', 'app=web', '--no-headers').stdout.trim().split('\n').length, 5);
  } finally { c.cleanup(); }
});

test('a ReplicationController whose selector does not match its template is refused', () => {
  const c = testCluster();
  try {
    const o = rc('bad', 1);
    o.spec.selector = { app: 'other' };
    assert.throws(() => c.write((api) => api.create(o)), { message: 'ReplicationController "bad" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"bad"}: `selector` does not match template `labels`' });
    const p = rc('pol', 1);
    p.spec.template.spec.restartPolicy = 'Never';
    assert.throws(() => c.write((api) => api.create(p)), { message: 'ReplicationController "pol" is invalid: spec.template.spec.restartPolicy: Unsupported value: "Never": supported values: "Always"' });
  } finally { c.close(); }
});
