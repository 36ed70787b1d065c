import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, deployment } from './helpers/cluster';
import { ApiError, KObject } from '../src/api/types';

const limitRange = (name: string, limits: any[]): KObject => ({ apiVersion: 'v1', kind: 'LimitRange', metadata: { name, namespace: 'default' }, spec: { limits } });
const pod = (name: string, containers: any[], extra: any = {}): KObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers, ...extra } });

function refused(fn: () => unknown): ApiError {
  try { fn(); } catch (e) { if (e instanceof ApiError) return e; throw e; }
  assert.fail('expected the API server to refuse');
}

test('a LimitRange is defaulted as the API server does (default from max, defaultRequest from default or min)', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(limitRange('lr', [{ type: 'Container', max: { cpu: '1' }, min: { memory: '10Mi' } }, { type: 'Pod', max: { cpu: '2' } }])));
    const lr = c.api.get('LimitRange', 'default', 'lr')!;
    assert.deepEqual(lr.spec.limits[0], { type: 'Container', max: { cpu: '1' }, min: { memory: '10Mi' }, default: { cpu: '1' }, defaultRequest: { cpu: '1', memory: '10Mi' } });
    assert.deepEqual(lr.spec.limits[1], { type: 'Pod', max: { cpu: '2' } });
  } finally { c.close(); }
});

test('new pods get the LimitRange defaults and the limit-ranger annotation', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(limitRange('defaults', [{ type: 'Container', default: { cpu: '500m', memory: '256Mi' }, defaultRequest: { cpu: '0.25', memory: '128Mi' } }])));
    c.write((api) => api.create(pod('p', [{ name: 'app', image: 'nginx' }, { name: 'side', image: 'nginx', resources: { requests: { cpu: '100m' } } }], { initContainers: [{ name: 'init', image: 'busybox', resources: { limits: { memory: '64Mi' } } }] })));
    const p = c.api.get('Pod', 'default', 'p')!;
    assert.deepEqual(p.spec.containers[0].resources, { limits: { cpu: '500m', memory: '256Mi' }, requests: { cpu: '250m', memory: '128Mi' } });
    assert.deepEqual(p.spec.containers[1].resources, { requests: { cpu: '100m', memory: '128Mi' }, limits: { cpu: '500m', memory: '256Mi' } });
    assert.deepEqual(p.spec.initContainers[0].resources, { limits: { memory: '64Mi', cpu: '500m' }, requests: { memory: '64Mi', cpu: '250m' } });
    assert.equal(p.metadata.annotations!['kubernetes.io/limit-ranger'],
      'LimitRanger plugin set: cpu, memory request for container app; cpu, memory limit for container app; memory request for container side; cpu, memory limit for container side; cpu request for init container init; cpu limit for init container init');
    assert.equal(p.status.qosClass, 'Burstable');
    // pods of a deployment too; the template itself is left alone
    c.write((api) => api.create(deployment('web', 'nginx', 1)));
    const wp = c.api.list('Pod', 'default').find((x) => x.metadata.name.startsWith('web-'))!;
    assert.deepEqual(wp.spec.containers[0].resources.limits, { cpu: '500m', memory: '256Mi' });
    assert.deepEqual(c.api.get('Deployment', 'default', 'web')!.spec.template.spec.containers[0].resources, {});
  } finally { c.close(); }
});

test('min, max and maxLimitRequestRatio refuse pods with the plugin messages', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(limitRange('bounds', [{ type: 'Container', min: { cpu: '100m' }, max: { cpu: '1', memory: '1Gi' }, maxLimitRequestRatio: { cpu: '4' } }])));
    // defaults from max: limits cpu 1 / memory 1Gi, requests likewise
    c.write((api) => api.create(pod('fits', [{ name: 'a', image: 'nginx' }])));
    let e = refused(() => c.write((api) => api.create(pod('big', [{ name: 'a', image: 'nginx', resources: { limits: { cpu: '2' } } }]))));
    assert.equal(e.code, 403);
    assert.equal(e.message, 'pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2');
    e = refused(() => c.write((api) => api.create(pod('small', [{ name: 'a', image: 'nginx', resources: { requests: { cpu: '50m' }, limits: { cpu: '150m' } } }]))));
    assert.equal(e.message, 'pods "small" is forbidden: minimum cpu usage per Container is 100m, but request is 50m');
    e = refused(() => c.write((api) => api.create(pod('ratio', [{ name: 'a', image: 'nginx', resources: { requests: { cpu: '100m' }, limits: { cpu: '800m', memory: '2Gi' } } }]))));
    assert.equal(e.message, 'pods "ratio" is forbidden: [maximum memory usage per Container is 1Gi, but limit is 2Gi, cpu max limit to request ratio per Container is 4, but provided ratio is 8.000000]');
    assert.equal(c.api.get('Pod', 'default', 'ratio'), undefined);
  } finally { c.close(); }
});

test('Pod limits count the containers together; claims are bounded by PersistentVolumeClaim limits', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(limitRange('pod', [{ type: 'Pod', max: { memory: '100Mi' } }, { type: 'PersistentVolumeClaim', min: { storage: '1Gi' }, max: { storage: '5Gi' } }])));
    const two = [{ name: 'a', image: 'nginx', resources: { limits: { memory: '60Mi' } } }, { name: 'b', image: 'nginx', resources: { limits: { memory: '60Mi' } } }];
    const e = refused(() => c.write((api) => api.create(pod('two', two))));
    assert.equal(e.message, 'pods "two" is forbidden: maximum memory usage per Pod is 100Mi, but limit is 120Mi');
    const claim = (name: string, storage: string): KObject => ({ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name, namespace: 'default' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage } } } });
    const e2 = refused(() => c.write((api) => api.create(claim('huge', '10Gi'))));
    assert.equal(e2.message, 'persistentvolumeclaims "huge" is forbidden: maximum storage usage per PersistentVolumeClaim is 5Gi, but request is 10Gi');
    const e3 = refused(() => c.write((api) => api.create(claim('tiny', '100Mi'))));
    assert.equal(e3.message, 'persistentvolumeclaims "tiny" is forbidden: minimum storage usage per PersistentVolumeClaim is 1Gi, but request is 100Mi');
    c.write((api) => api.create(claim('ok', '2Gi')));
  } finally { c.close(); }
});

test('a ReplicaSet whose pods a LimitRange refuses records FailedCreate', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(limitRange('bounds', [{ type: 'Container', max: { cpu: '500m' } }])));
    const d = deployment('web', 'nginx', 1);
    d.spec.template.spec.containers[0].resources = { limits: { cpu: '1' } };
    c.write((api) => api.create(d));
    assert.equal(c.api.list('Pod', 'default').length, 0);
    const ev = c.api.list('Event', 'default').find((e) => e.reason === 'FailedCreate')!;
    assert.match(ev.message, /^Error creating: pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: maximum cpu usage per Container is 500m, but limit is 1$/);
  } finally { c.close(); }
});
