import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster } from './helpers/cluster';
import type { KObject } from '../src/api/types';
import { KUBE_ROOT_CA } from '../src/controllers/bootstrap-data';

const tokenSecret = (name: string, sa: string): KObject => ({
  apiVersion: 'v1', kind: 'Secret', type: 'kubernetes.io/service-account-token',
  metadata: { name, namespace: 'default', annotations: { 'kubernetes.io/service-account.name': sa } },
});
const text = (b64: string) => Buffer.from(b64, 'base64').toString('utf8');

test('the tokens controller fills a service account token secret', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'build', namespace: 'default' } }));
    c.write((api) => api.create(tokenSecret('build-token', 'build')));
    const sa = c.api.get('ServiceAccount', 'default', 'build')!;
    const s = c.api.get('Secret', 'default', 'build-token')!;
    assert.deepEqual(Object.keys(s.data).sort(), ['ca.crt', 'namespace', 'token']);
    assert.equal(text(s.data['ca.crt']), KUBE_ROOT_CA);
    assert.equal(text(s.data.namespace), 'default');
    const [header, claims] = text(s.data.token).split('.').slice(0, 2).map((p) => JSON.parse(Buffer.from(p, 'base64url').toString('utf8')));
    assert.equal(header.alg, 'RS256');
    assert.deepEqual(claims, {
      iss: 'kubernetes/serviceaccount', 'kubernetes.io/serviceaccount/namespace': 'default', 'kubernetes.io/serviceaccount/secret.name': 'build-token',
      'kubernetes.io/serviceaccount/service-account.name': 'build', 'kubernetes.io/serviceaccount/service-account.uid': sa.metadata.uid, sub: 'system:serviceaccount:default:build',
    });
    assert.equal(s.metadata.annotations!['kubernetes.io/service-account.uid'], sa.metadata.uid);
    // deleting the account deletes its tokens; other secrets stay
    c.write((api) => api.create({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'other', namespace: 'default' }, data: { a: 'Yg==' } }));
    c.write((api) => api.delete('ServiceAccount', 'default', 'build'));
    assert.equal(c.api.get('Secret', 'default', 'build-token'), undefined);
    assert.ok(c.api.get('Secret', 'default', 'other'));
  } finally { c.close(); }
});

test('a token secret for an account that does not exist is deleted', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(tokenSecret('orphan', 'nobody')));
    assert.equal(c.api.get('Secret', 'default', 'orphan'), undefined);
    // the default account exists in every namespace
    c.write((api) => api.create(tokenSecret('default-token', 'default')));
    assert.equal(Object.keys(c.api.get('Secret', 'default', 'default-token')!.data).length, 3);
  } finally { c.close(); }
});

const claim = (name: string, cls?: string): KObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default' },
  spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, ...(cls ? { storageClassName: cls } : {}) } });
const podUsing = (name: string, claimName: string): KObject => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' },
  spec: { containers: [{ name: 'c', image: 'nginx' }], volumes: [{ name: 'v', persistentVolumeClaim: { claimName } }] } });

test('deleting a claim deletes its dynamically provisioned volume (Delete); Retain leaves it Released', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create({ apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass', metadata: { name: 'keep' }, provisioner: 'rancher.io/local-path', reclaimPolicy: 'Retain', volumeBindingMode: 'WaitForFirstConsumer' }));
    c.write((api) => { api.create(claim('data')); api.create(claim('kept', 'keep')); });
    c.write((api) => { api.create(podUsing('p', 'data')); api.create(podUsing('q', 'kept')); });
    const pvData = c.api.get('PersistentVolumeClaim', 'default', 'data')!.spec.volumeName;
    const pvKept = c.api.get('PersistentVolumeClaim', 'default', 'kept')!.spec.volumeName;
    assert.ok(pvData && pvKept);
    assert.equal(c.api.get('PersistentVolume', undefined, pvData)!.spec.persistentVolumeReclaimPolicy, 'Delete');
    c.write((api) => { api.delete('Pod', 'default', 'p', { gracePeriodSeconds: 0 }); api.delete('Pod', 'default', 'q', { gracePeriodSeconds: 0 }); });
    c.write((api) => { api.delete('PersistentVolumeClaim', 'default', 'data'); api.delete('PersistentVolumeClaim', 'default', 'kept'); });
    assert.equal(c.api.get('PersistentVolume', undefined, pvData), undefined);
    const kept = c.api.get('PersistentVolume', undefined, pvKept)!;
    assert.equal(kept.status.phase, 'Released');
    assert.equal(kept.spec.claimRef.name, 'kept');
  } finally { c.close(); }
});
