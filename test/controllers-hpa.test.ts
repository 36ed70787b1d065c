import { test } from 'node:test';
import assert from 'node:assert/strict';
import { testCluster, deployment } from './helpers/cluster';
import type { KObject } from '../src/api/types';

const NO_METRICS = 'unable to get metrics for resource cpu: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';
const hpa = (name: string, target: string, min: number | undefined, max: number, metrics?: any[]): KObject => ({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name, namespace: 'default' } as any,
  spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: target }, ...(min !== undefined ? { minReplicas: min } : {}), maxReplicas: max, ...(metrics ? { metrics } : {}) },
});
type C = ReturnType<typeof testCluster>;
const events = (c: C, name: string) =>
  c.api.list('Event', 'default').filter((e) => e.involvedObject.kind === 'HorizontalPodAutoscaler' && e.involvedObject.name === name).map((e) => `${e.type} ${e.reason}: ${e.message}${e.count > 1 ? ` (x${e.count})` : ''}`);
const conds = (h: KObject) => (h.status?.conditions ?? []).map((c: any) => `${c.type}=${c.status}/${c.reason}: ${c.message}`);

test('without metrics-server an HPA scales its target into min..max and then reports the metrics it cannot get', () => {
  const c = testCluster();
  try {
    c.write((api) => { api.create(deployment('web', 'nginx', 1)); api.create(hpa('web', 'web', 2, 5)); });
    let h = c.api.get('HorizontalPodAutoscaler', 'default', 'web')!;
    assert.deepEqual(h.spec.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }], 'cpu 80% by default');
    assert.deepEqual(h.status, { desiredReplicas: 0, currentMetrics: null }, 'the first sync comes a resync period after creation');
    c.advance(15_000);
    h = c.api.get('HorizontalPodAutoscaler', 'default', 'web')!;
    assert.equal(c.api.get('Deployment', 'default', 'web')!.spec.replicas, 2);
    assert.deepEqual(conds(h), ['AbleToScale=True/SucceededRescale: the HPA controller was able to update the target scale to 2']);
    assert.deepEqual([h.status.currentReplicas, h.status.desiredReplicas, !!h.status.lastScaleTime, h.status.currentMetrics], [1, 2, true, null]);
    assert.deepEqual(events(c, 'web'), ['Normal SuccessfulRescale: New size: 2; reason: Current number of replicas below Spec.MinReplicas']);
    c.advance(15_000);
    h = c.api.get('HorizontalPodAutoscaler', 'default', 'web')!;
    assert.deepEqual(conds(h), [
      "AbleToScale=True/SucceededGetScale: the HPA controller was able to get the target's current scale",
      `ScalingActive=False/FailedGetResourceMetric: the HPA was unable to compute the replica count: failed to get cpu utilization: ${NO_METRICS}`,
    ]);
    assert.deepEqual(Object.keys(h.status), ['lastScaleTime', 'currentReplicas', 'desiredReplicas', 'currentMetrics', 'conditions']);
    assert.deepEqual([h.status.currentReplicas, h.status.desiredReplicas, h.status.currentMetrics], [2, 2, [{ type: '' }]]);
    c.advance(15_000);
    assert.deepEqual(events(c, 'web').slice(1), [
      `Warning FailedGetResourceMetric: failed to get cpu utilization: ${NO_METRICS} (x2)`,
      `Warning FailedComputeMetricsReplicas: invalid metrics (1 invalid out of 1), first error is: failed to get cpu resource metric value: failed to get cpu utilization: ${NO_METRICS} (x2)`,
    ]);
    assert.equal(c.api.get('Deployment', 'default', 'web')!.spec.replicas, 2, 'nothing else is scaled');
  } finally { c.close(); }
});

test('an HPA over its maximum scales down to it; a missing target is FailedGetScale', () => {
  const c = testCluster();
  try {
    c.write((api) => {
      api.create(deployment('big', 'nginx', 6));
      api.create(hpa('big', 'big', undefined, 3, [{ type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } }]));
      api.create(hpa('ghost', 'nothere', 1, 3));
    });
    c.advance(15_000);
    assert.equal(c.api.get('Deployment', 'default', 'big')!.spec.replicas, 3);
    assert.deepEqual(events(c, 'big'), ['Normal SuccessfulRescale: New size: 3; reason: Current number of replicas above Spec.MaxReplicas']);
    c.advance(15_000);
    assert.ok(events(c, 'big').includes('Warning FailedGetResourceMetric: failed to get memory usage: unable to get metrics for resource memory: unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)'));
    const g = c.api.get('HorizontalPodAutoscaler', 'default', 'ghost')!;
    assert.deepEqual(conds(g), ['AbleToScale=False/FailedGetScale: the HPA controller was unable to get the target\'s current scale: deployments.apps "nothere" not found']);
    assert.deepEqual(g.status.desiredReplicas, 0);
    assert.ok(events(c, 'ghost').every((e) => e.startsWith('Warning FailedGetScale: deployments.apps "nothere" not found')));
  } finally { c.close(); }
});

test('a given behavior is filled in with the autoscaling/v2 defaults', () => {
  const c = testCluster();
  try {
    const h = hpa('b', 'web', 1, 3);
    h.spec.behavior = { scaleDown: { stabilizationWindowSeconds: 60 } };
    c.write((api) => api.create(h));
    assert.deepEqual(c.api.get('HorizontalPodAutoscaler', 'default', 'b')!.spec.behavior, {
      scaleUp: { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] },
      scaleDown: { stabilizationWindowSeconds: 60, selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] },
    });
    c.write((api) => api.create(hpa('n', 'web', 1, 3)));
    assert.equal(c.api.get('HorizontalPodAutoscaler', 'default', 'n')!.spec.behavior, undefined, 'none when none is given');
  } finally { c.close(); }
});
