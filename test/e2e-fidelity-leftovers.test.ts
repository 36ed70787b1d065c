// Issue 13's fidelity list, checked against the real kubectl (oracle) and the Kubernetes sources:
// describe with no argument, unknown resource types named by the part before the first dot,
// PriorityClass.preemptionPolicy and ExternalName port defaults, a StatefulSet mounting its
// volumeClaimTemplates.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cluster } from './helpers/kubectl';

const c = cluster({ KUBESIM_POD_STARTUP: '0' });
after(() => c.cleanup());

test('describe with no argument: one line, as kubectl 1.32 prints it', () => {
  const r = c.k('describe');
  assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', 'error: You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.\n']);
});

test('unknown types are named by the resource part (schema.ParseGroupResource)', () => {
  for (const [arg, name] of [['deploy.foo', 'deploy'], ['pod.apps', 'pod'], ['deployments.v1beta1.apps', 'deployments'], ['pods.v1', 'pods'], ['.apps', ''], ['foo.bar.baz', 'foo']]) {
    const r = c.k('get', arg);
    assert.deepEqual([r.code, r.stderr], [1, `error: the server doesn't have a resource type "${name}"\n`], arg);
  }
  assert.equal(c.k('get', 'deploy.', '-o', 'name').code, 0);
});

test('server defaults: PriorityClass.preemptionPolicy, an ExternalName port protocol; claim templates mount', () => {
  const r = c.kIn(`apiVersion: scheduling.k8s.io/v1
kind: PriorityClass
metadata: {name: high}
value: 1000
---
apiVersion: v1
kind: Service
metadata: {name: ext}
spec:
  type: ExternalName
  externalName: example.com
  ports: [{port: 80}]
---
apiVersion: apps/v1
kind: StatefulSet
metadata: {name: db}
spec:
  serviceName: db
  replicas: 1
  selector: {matchLabels: {app: db}}
  template:
    metadata: {labels: {app: db}}
    spec: {containers: [{name: c, image: nginx, volumeMounts: [{name: data, mountPath: /data}]}]}
  volumeClaimTemplates:
  - metadata: {name: data}
    spec: {accessModes: [ReadWriteOnce], resources: {requests: {storage: 1Gi}}}
`, 'apply', '-f', '-');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(c.k('get', 'pc', 'high', '-o', 'jsonpath={.preemptionPolicy}').stdout, 'PreemptLowerPriority');
  assert.equal(c.k('get', 'svc', 'ext', '-o', 'jsonpath={.spec.ports}').stdout, '[{"port":80,"protocol":"TCP","targetPort":80}]');
  assert.equal(c.k('get', 'pod', 'db-0', '-o', 'jsonpath={.spec.volumes[0]}').stdout, '{"name":"data","persistentVolumeClaim":{"claimName":"data-db-0"}}');
  assert.equal(c.k('get', 'pvc', '-o', 'name').stdout, 'persistentvolumeclaim/data-db-0\n');
});

test('a jsonpath failing on each of several created objects: kubectl\'s aggregate (recorded with the oracle)', () => {
  const dir = require('path').join(__dirname, '..', '..', 'test', 'golden', 'fidelity');
  const fs = require('fs');
  const r = c.kIn(fs.readFileSync(`${dir}/two-configmaps.yaml`, 'utf8'), 'create', '-f', '-', '--dry-run=client', '-o', 'jsonpath={.data.k[1]}');
  assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', fs.readFileSync(`${dir}/jsonpath-two-errors.err`, 'utf8')]);
});
