// Helpers of the table printers: quantities, label selectors, -o name.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { quantityString, selectorString, formatLabelSelector, formatLabels } from '../src/printers/table/common';
import { nameLine, printNames } from '../src/printers/name';
import { noResourcesMessage, kindPrefix, multipleKindsRequested } from '../src/printers/table/index';
import { kindInfo } from '../src/api/kinds';

test('Quantity.String(): canonical form', () => {
  const t: [unknown, string][] = [
    ['1Gi', '1Gi'], ['1024Mi', '1Gi'], ['1536Mi', '1536Mi'], ['1.5Gi', '1536Mi'], ['0.5Ki', '512'], ['512', '512'], ['2048', '2048'],
    ['500m', '500m'], ['1000m', '1'], ['1500m', '1500m'], ['0.5', '500m'], ['1.5', '1500m'], ['100M', '100M'], ['1000M', '1G'],
    ['1k', '1k'], ['12e3', '12e3'], ['1e3', '1e3'], ['0', '0'], ['0Gi', '0'], [undefined, '0'], ['', '0'], ['-1Gi', '-1Gi'],
    ['0.1m', '100u'], ['1n', '1n'], ['0.1n', '1n'], [5, '5'], ['8Mi', '8Mi'], ['3Mi', '3Mi'], ['1Ki', '1Ki'], ['1024', '1024'],
  ];
  for (const [q, want] of t) assert.equal(quantityString(q), want, String(q));
});

test('label selectors print sorted by key; sets sorted; nil and empty print nothing', () => {
  assert.equal(selectorString({ matchLabels: { tier: 'front', app: 'web' }, matchExpressions: [{ key: 'env', operator: 'In', values: ['prod', 'dev'] }, { key: 'canary', operator: 'DoesNotExist' }] }),
    'app=web,!canary,env in (dev,prod),tier=front');
  assert.equal(selectorString({ matchExpressions: [{ key: 'x', operator: 'NotIn', values: ['b'] }, { key: 'a', operator: 'Exists' }] }), 'a,x notin (b)');
  assert.equal(selectorString(undefined), '');
  assert.equal(selectorString({}), '');
  assert.equal(selectorString({ matchExpressions: [{ key: 'x', operator: 'Bogus' }] }), undefined);
  assert.equal(formatLabelSelector({}), '<none>');
  assert.equal(formatLabelSelector({ matchExpressions: [{ key: 'x', operator: 'Bogus' }] }), '<error>');
  assert.equal(formatLabels({ b: '1', a: '2', 'a.b': '3' }), 'a.b=3,a=2,b=1');
  assert.equal(formatLabels({}), '<none>');
});

test('-o name lines', () => {
  const o = (apiVersion: string, kind: string, name: string) => ({ apiVersion, kind, metadata: { name } });
  assert.equal(nameLine(o('apps/v1', 'Deployment', 'my-nginx')), 'deployment.apps/my-nginx');
  assert.equal(nameLine(o('v1', 'Endpoints', 'my-nginx')), 'endpoints/my-nginx');
  assert.equal(nameLine(o('v1', 'Service', 'x')), 'service/x');
  assert.equal(nameLine(o('discovery.k8s.io/v1', 'EndpointSlice', 'my-nginx-h7x2k')), 'endpointslice.discovery.k8s.io/my-nginx-h7x2k');
  assert.equal(nameLine(o('networking.k8s.io/v1', 'NetworkPolicy', 'x')), 'networkpolicy.networking.k8s.io/x');
  assert.equal(nameLine(o('v1', 'Event', 'e.1')), 'event/e.1');
  assert.equal(nameLine(o('apps/v1', 'Deployment', 'web'), 'created'), 'deployment.apps/web created');
  assert.equal(printNames([o('v1', 'Pod', 'a'), o('v1', 'Node', 'n')]), 'pod/a\nnode/n\n');
  assert.equal(printNames([]), '');
  assert.throws(() => nameLine({ apiVersion: 'v1', kind: '', metadata: { name: 'x' } }), /missing kind for resource with name x/);
});

test('"No resources found" messages', () => {
  const pods = kindInfo('Pod'), nodes = kindInfo('Node');
  assert.equal(noResourcesMessage({ namespace: 'default', resources: [pods] }), 'No resources found in default namespace.\n');
  assert.equal(noResourcesMessage({ namespace: 'kube-system', resources: [pods, kindInfo('Service')] }), 'No resources found in kube-system namespace.\n');
  assert.equal(noResourcesMessage({ namespace: 'default', allNamespaces: true, resources: [pods] }), 'No resources found\n');
  assert.equal(noResourcesMessage({ namespace: 'default', resources: [nodes] }), 'No resources found\n');
  assert.equal(noResourcesMessage({ namespace: 'default', resources: [pods, nodes] }), 'No resources found\n');
});

test('kind prefixes: 2+ kinds among the results', () => {
  assert.equal(kindPrefix(kindInfo('Deployment')), 'deployment.apps');
  assert.equal(kindPrefix(kindInfo('HorizontalPodAutoscaler')), 'horizontalpodautoscaler.autoscaling');
  assert.equal(kindPrefix(kindInfo('Endpoints')), 'endpoints');
  const g = (k: string, n: number, named = false) => ({ kind: k, resource: kindInfo(k), objects: Array(n).fill({}), named });
  assert.equal(multipleKindsRequested([g('Pod', 2)]), false);
  assert.equal(multipleKindsRequested([g('Deployment', 0), g('Service', 1)]), true); // an empty list still counts
  assert.equal(multipleKindsRequested([g('Service', 1, true), g('Deployment', 0, true)]), false); // a name not found does not
  assert.equal(multipleKindsRequested([g('Pod', 1, true), g('Pod', 1, true)]), false);
});
