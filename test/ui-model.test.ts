// What the page draws of each object (src/ui/model.ts): pod status and readiness, endpoints
// split into ready and not ready, a NetworkPolicy in words.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { uiObject, policyLines } from '../src/ui/model';

test('a pod: status, readiness, restarts, owner', () => {
  const p = uiObject({ kind: 'Pod', metadata: { namespace: 'default', name: 'web-1', labels: { app: 'web' }, ownerReferences: [{ kind: 'ReplicaSet', name: 'web-5d', controller: true }] },
    spec: { nodeName: 'kind-worker', containers: [{ name: 'a' }, { name: 'b' }] },
    status: { phase: 'Running', podIP: '10.244.1.5', conditions: [{ type: 'Ready', status: 'False' }],
      containerStatuses: [{ ready: true, restartCount: 2, state: { running: {} } }, { ready: false, restartCount: 1, state: { waiting: { reason: 'CrashLoopBackOff' } } }] } })!;
  assert.deepEqual({ status: p.status, ready: p.ready, readyText: p.readyText, restarts: p.restarts, owner: p.owner, node: p.node, key: p.key },
    { status: 'CrashLoopBackOff', ready: false, readyText: '1/2', restarts: 3, owner: 'ReplicaSet/web-5d', node: 'kind-worker', key: 'Pod/default/web-1' });
});

test('endpoints: ready and not-ready addresses by pod', () => {
  const e = uiObject({ kind: 'Endpoints', metadata: { namespace: 'default', name: 'web' }, subsets: [{
    addresses: [{ ip: '10.244.1.5', targetRef: { kind: 'Pod', name: 'web-1' } }, { ip: '10.0.0.9' }],
    notReadyAddresses: [{ ip: '10.244.2.5', targetRef: { kind: 'Pod', name: 'web-2' } }] }] })!;
  assert.deepEqual([e.ready, e.notReady], [['web-1', '10.0.0.9'], ['web-2']]);
});

test('a NetworkPolicy in words', () => {
  assert.deepEqual(policyLines({ podSelector: { matchLabels: { app: 'db' } }, policyTypes: ['Ingress', 'Egress'],
    ingress: [{ from: [{ podSelector: { matchLabels: { app: 'web' } } }, { namespaceSelector: { matchLabels: { team: 'a' } } }], ports: [{ port: 5432 }] }] }), [
    'Ingress of {app=db}: allow from pods {app=web} or namespaces {team=a} on TCP/5432',
    'Ingress of {app=db}: everything else denied',
    'Egress of {app=db}: all denied',
  ]);
  assert.deepEqual(policyLines({ podSelector: {} }), ['Ingress of {all pods}: all denied']);
});
