import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, deployment } from './helpers/cluster';
import { ApiError, KObject } from '../src/api/types';

const quota = (name: string, hard: Record<string, string>, extra: any = {}): KObject =>
  ({ apiVersion: 'v1', kind: 'ResourceQuota', metadata: { name, namespace: 'default' }, spec: { hard, ...extra } });
const pod = (name: string, resources: any = {}, extra: any = {}): KObject =>
  ({ apiVersion: 'v1', kind: 'Pod', metadata: { name, namespace: 'default' }, spec: { containers: [{ name: 'c', image: 'nginx', resources }], ...extra } });

function refused(fn: () => unknown): ApiError {
  try { fn(); } catch (e) { if (e instanceof ApiError) return e; throw e; }
  assert.fail('expected the API server to refuse');
}

test('the quota controller fills status.hard and status.used from what the namespace holds', () => {
  const c = testCluster();
  try {
    c.write((api) => { api.create(pod('a', { requests: { cpu: '100m', memory: '64Mi' }, limits: { cpu: '200m', memory: '128Mi' } })); });
    c.write((api) => { api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cm', namespace: 'default' }, data: {} }); });
    c.write((api) => api.create(quota('q', {
      pods: '10', 'requests.cpu': '1', 'requests.memory': '1Gi', 'limits.cpu': '2', 'limits.memory': '2Gi',
      configmaps: '5', services: '3', 'services.nodeports': '2', persistentvolumeclaims: '4', secrets: '9', 'count/deployments.apps': '2',
    })));
    const q = c.api.get('ResourceQuota', 'default', 'q')!;
    assert.deepEqual(q.status.hard, {
      configmaps: '5', 'count/deployments.apps': '2', 'limits.cpu': '2', 'limits.memory': '2Gi', persistentvolumeclaims: '4', pods: '10',
      'requests.cpu': '1', 'requests.memory': '1Gi', secrets: '9', services: '3', 'services.nodeports': '2',
    });
    // default has kube-root-ca.crt and cm; the kubernetes service
    assert.deepEqual(q.status.used, {
      configmaps: '2', 'count/deployments.apps': '0', 'limits.cpu': '200m', 'limits.memory': '128Mi', persistentvolumeclaims: '0', pods: '1',
      'requests.cpu': '100m', 'requests.memory': '64Mi', secrets: '0', services: '1', 'services.nodeports': '0',
    });
    // creations are charged by admission, deletions and terminal pods by the controller
    const web = deployment('web', 'nginx', 2);
    web.spec.template.spec.containers[0].resources = { limits: { cpu: '100m', memory: '100Mi' } };
    c.write((api) => api.create(web));
    c.write((api) => api.create({ apiVersion: 'v1', kind: 'Service', metadata: { name: 'np', namespace: 'default' }, spec: { type: 'NodePort', selector: { app: 'web' }, ports: [{ name: 'a', port: 80 }, { name: 'b', port: 81 }] } }));
    let used = c.api.get('ResourceQuota', 'default', 'q')!.status.used;
    assert.equal(used.pods, '3');
    assert.equal(used['requests.cpu'], '300m');
    assert.equal(used['limits.memory'], '328Mi');
    assert.equal(used['count/deployments.apps'], '1');
    assert.equal(used.services, '2');
    assert.equal(used['services.nodeports'], '2');
    c.write((api) => { api.delete('Pod', 'default', 'a', { gracePeriodSeconds: 0 }); api.delete('ConfigMap', 'default', 'cm'); api.delete('Service', 'default', 'np'); });
    used = c.api.get('ResourceQuota', 'default', 'q')!.status.used;
    assert.equal(used.pods, '2');
    assert.equal(used['requests.cpu'], '200m');
    assert.equal(used['limits.memory'], '200Mi');
    assert.equal(used.configmaps, '1');
    assert.equal(used.services, '1');
    assert.equal(used['services.nodeports'], '0');
  } finally { c.close(); }
});

test('quota admission refuses what would exceed it with the API server message', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(quota('q', { pods: '2' })));
    c.write((api) => { api.create(pod('p1')); api.create(pod('p2')); });
    const e = refused(() => c.write((api) => api.create(pod('p3'))));
    assert.equal(e.code, 403);
    assert.equal(e.reason, 'Forbidden');
    assert.equal(e.message, 'pods "p3" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2');
    assert.equal(c.api.get('Pod', 'default', 'p3'), undefined);
    assert.equal(c.api.get('ResourceQuota', 'default', 'q')!.status.used.pods, '2');
    // a dry run is checked, not charged
    c.write((api) => api.delete('Pod', 'default', 'p2', { gracePeriodSeconds: 0 }));
    c.write((api) => api.create(pod('p3'), { dryRun: true }));
    assert.equal(c.api.get('ResourceQuota', 'default', 'q')!.status.used.pods, '1');
  } finally { c.close(); }
});

test('a compute quota requires every container to state what it limits', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(quota('compute', { 'limits.cpu': '1', 'limits.memory': '1Gi', 'requests.cpu': '500m' })));
    const bare: KObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [{ name: 'x', image: 'nginx' }, { name: 'a', image: 'nginx', resources: { limits: { cpu: '100m' } } }] } };
    const e = refused(() => c.write((api) => api.create(bare)));
    assert.equal(e.message, 'pods "p" is forbidden: failed quota: compute: must specify limits.cpu for: x; limits.memory for: a,x; requests.cpu for: x');
    // limits alone: requests default to them
    c.write((api) => api.create(pod('ok', { limits: { cpu: '300m', memory: '100Mi' } })));
    const used = c.api.get('ResourceQuota', 'default', 'compute')!.status.used;
    assert.deepEqual(used, { 'limits.cpu': '300m', 'limits.memory': '100Mi', 'requests.cpu': '300m' });
    const e2 = refused(() => c.write((api) => api.create(pod('big', { limits: { cpu: '300m', memory: '100Mi' } }))));
    assert.equal(e2.message, 'pods "big" is forbidden: exceeded quota: compute, requested: requests.cpu=300m, used: requests.cpu=300m, limited: requests.cpu=500m');
  } finally { c.close(); }
});

test('scoped quotas count only the pods in their scopes', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(quota('be', { pods: '1' }, { scopes: ['BestEffort'] })));
    c.write((api) => api.create(pod('be1')));
    c.write((api) => api.create(pod('burst', { requests: { cpu: '10m' } })));
    const e = refused(() => c.write((api) => api.create(pod('be2'))));
    assert.match(e.message, /exceeded quota: be, requested: pods=1, used: pods=1, limited: pods=1$/);
    assert.equal(c.api.get('ResourceQuota', 'default', 'be')!.status.used.pods, '1');
  } finally { c.close(); }
});

test('a ReplicaSet that cannot create its pods records FailedCreate and a ReplicaFailure condition, and retries', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(quota('q', { pods: '2' })));
    c.write((api) => api.create(deployment('web', 'nginx', 3)));
    const pods = c.api.list('Pod', 'default');
    assert.equal(pods.length, 2);
    const rs = c.api.list('ReplicaSet', 'default')[0];
    const events = c.api.list('Event', 'default').filter((e) => e.reason === 'FailedCreate');
    assert.ok(events.length >= 1);
    assert.equal(events[0].type, 'Warning');
    assert.equal(events[0].source.component, 'replicaset-controller');
    assert.match(events[0].message, new RegExp(`^Error creating: pods "${rs.metadata.name}-[a-z0-9]{5}" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2$`));
    const cond = rs.status.conditions.find((x: any) => x.type === 'ReplicaFailure');
    assert.equal(cond.reason, 'FailedCreate');
    const d = c.api.get('Deployment', 'default', 'web')!;
    assert.ok(d.status.conditions.some((x: any) => x.type === 'ReplicaFailure' && x.status === 'True'));
    // room again: the retry creates the pod and clears the condition
    c.write((api) => api.mutate('ResourceQuota', 'default', 'q', (q) => { q.spec.hard.pods = '5'; }));
    c.advance(2000);
    assert.equal(c.api.list('Pod', 'default').length, 3);
    assert.equal(c.api.get('ResourceQuota', 'default', 'q')!.status.used.pods, '3');
    const rs2 = c.api.get('ReplicaSet', 'default', rs.metadata.name)!;
    assert.ok(!(rs2.status.conditions ?? []).some((x: any) => x.type === 'ReplicaFailure'));
  } finally { c.close(); }
});

test('job pods that finish stop using the quota (count/pods stays)', () => {
  const c = testCluster({ startupSeconds: 2 });
  try {
    c.write((api) => api.create(quota('q', { pods: '5', 'count/pods': '9' })));
    c.write((api) => api.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'default' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox', command: ['true'] }] } } } }));
    assert.equal(c.api.get('ResourceQuota', 'default', 'q')!.status.used.pods, '1');
    for (let i = 0; i < 20 && c.api.list('Pod', 'default')[0]?.status?.phase !== 'Succeeded'; i++) c.advance(1000);
    assert.equal(c.api.list('Pod', 'default')[0].status.phase, 'Succeeded');
    const used = c.api.get('ResourceQuota', 'default', 'q')!.status.used;
    assert.equal(used.pods, '0');
    assert.equal(used['count/pods'], '1');
  } finally { c.close(); }
});

test('jobs, daemon sets, stateful sets and deployments whose creations are refused record it and carry on', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(quota('q', { pods: '1', 'count/replicasets.apps': '1', persistentvolumeclaims: '0' })));
    c.write((api) => api.create(deployment('web', 'nginx', 1)));
    // a second replica set (a rollout) is refused
    c.write((api) => api.mutate('Deployment', 'default', 'web', (d) => { d.spec.template.spec.containers[0].image = 'nginx:2'; }));
    const d = c.api.get('Deployment', 'default', 'web')!;
    const progressing = d.status.conditions.find((x: any) => x.type === 'Progressing');
    assert.equal(progressing.status, 'False');
    assert.equal(progressing.reason, 'ReplicaSetCreateError');
    assert.match(progressing.message, /^Failed to create new replica set "web-[a-z0-9]+": replicasets\.apps "web-[a-z0-9]+" is forbidden: exceeded quota: q, requested: count\/replicasets\.apps=1, used: count\/replicasets\.apps=1, limited: count\/replicasets\.apps=1$/);
    const events = () => c.api.list('Event', 'default');
    assert.ok(events().some((e) => e.reason === 'ReplicaSetCreateError' && e.involvedObject.name === 'web'));
    c.write((api) => api.create({ apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'j', namespace: 'default' }, spec: { template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } }));
    assert.match(events().find((e) => e.reason === 'FailedCreate' && e.involvedObject.name === 'j')!.message, /^Error creating: pods "j-[a-z0-9]{5}" is forbidden: exceeded quota: q/);
    c.write((api) => api.create({ apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'db', namespace: 'default' }, spec: { serviceName: 'db', replicas: 1, selector: { matchLabels: { app: 'db' } },
      template: { metadata: { labels: { app: 'db' } }, spec: { containers: [{ name: 'c', image: 'redis' }] } },
      volumeClaimTemplates: [{ metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } } }] } }));
    const sts = events().filter((e) => e.reason === 'FailedCreate' && e.involvedObject.name === 'db').map((e) => e.message).sort();
    assert.deepEqual(sts, [
      'create Claim data-db-0 for Pod db-0 in StatefulSet db failed error: persistentvolumeclaims "data-db-0" is forbidden: exceeded quota: q, requested: persistentvolumeclaims=1, used: persistentvolumeclaims=0, limited: persistentvolumeclaims=0',
      'create Pod db-0 in StatefulSet db failed error: failed to create PVC data-db-0: persistentvolumeclaims "data-db-0" is forbidden: exceeded quota: q, requested: persistentvolumeclaims=1, used: persistentvolumeclaims=0, limited: persistentvolumeclaims=0',
    ]);
    assert.equal(c.api.get('Pod', 'default', 'db-0'), undefined);
  } finally { c.close(); }
});

test('a quota whose scopes do not fit what it limits is invalid, as ValidateResourceQuotaSpec says', () => {
  const c = testCluster();
  try {
    let e = refused(() => c.write((api) => api.create(quota('be', { pods: '2', cpu: '1', memory: '1Gi' }, { scopes: ['BestEffort'] }))));
    assert.equal(e.code, 422);
    assert.equal(e.message, 'ResourceQuota "be" is invalid: spec.scopes: Invalid value: []core.ResourceQuotaScope{"BestEffort"}: unsupported scope applied to resource');
    e = refused(() => c.write((api) => api.create(quota('t', { pods: '2' }, { scopes: ['Terminating', 'NotTerminating'] }))));
    assert.equal(e.message, 'ResourceQuota "t" is invalid: spec.scopes: Invalid value: []core.ResourceQuotaScope{"Terminating", "NotTerminating"}: conflicting scopes');
    e = refused(() => c.write((api) => api.create(quota('n', { pods: '-1' }))));
    assert.equal(e.message, 'ResourceQuota "n" is invalid: spec.hard[pods]: Invalid value: "-1": must be greater than or equal to 0');
    c.write((api) => api.create(quota('ok', { pods: '2', 'requests.cpu': '1', 'count/deployments.apps': '1' }, { scopes: ['NotBestEffort'] })));
  } finally { c.close(); }
});
