// An HPA on a cluster without metrics-server, through the CLI: defaulted to cpu 80%, unknown
// metrics until the controller's first sync, and no Metrics API for kubectl top.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { cluster } from './helpers/kubectl';

test('get hpa right after it was made: cpu: <unknown>/80%, no replicas seen yet; kubectl top has no Metrics API', () => {
  const c = cluster();
  try {
    assert.equal(c.k('create', 'deployment', 'web', '--image=nginx').code, 0);
    const hpa = { apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata: { name: 'web' }, spec: { scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' }, maxReplicas: 4 } };
    assert.equal(c.kIn(JSON.stringify(hpa), 'apply', '-f', '-').stdout, 'horizontalpodautoscaler.autoscaling/web created\n');
    assert.match(c.k('get', 'hpa').stdout, /^NAME\s+REFERENCE\s+TARGETS\s+MINPODS\s+MAXPODS\s+REPLICAS\s+AGE\nweb\s+Deployment\/web\s+cpu: <unknown>\/80%\s+1\s+4\s+0\s+\d+s\n$/);
    assert.equal(c.k('get', 'hpa', 'web', '-o', 'jsonpath={.status}').stdout, '{"currentMetrics":null,"desiredReplicas":0}');
    const top = c.k('top', 'pods');
    assert.deepEqual([top.stdout, top.stderr, top.code], ['', 'error: Metrics API not available\n', 1]);
  } finally { c.cleanup(); }
});
