// Storage as a kind cluster has it: the default `standard` StorageClass (rancher.io/local-path,
// WaitForFirstConsumer), claims Pending until a pod uses them, then a PV pvc-<uid> provisioned
// on the pod's node and both Bound; StatefulSet volumeClaimTemplates creating their claims.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cluster } from './helpers/kubectl';

const c = cluster();
after(() => c.cleanup());

const claim = `apiVersion: v1
kind: PersistentVolumeClaim
metadata:
  name: data
spec:
  accessModes: [ReadWriteOnce]
  resources:
    requests:
      storage: 1Gi
`;

test('the standard StorageClass is there at bootstrap, the default', () => {
  const out = c.k('get', 'sc').stdout.split('\n');
  assert.equal(out[0], 'NAME                 PROVISIONER             RECLAIMPOLICY   VOLUMEBINDINGMODE      ALLOWVOLUMEEXPANSION   AGE');
  assert.match(out[1], /^standard \(default\) +rancher\.io\/local-path +Delete +WaitForFirstConsumer +false +\S+$/);
});

test('a claim waits for its first consumer, then is bound to a provisioned volume', () => {
  assert.equal(c.kIn(claim, 'apply', '-f', '-').code, 0);
  assert.equal(c.k('get', 'pvc', 'data', '-o', 'jsonpath={.status.phase} {.spec.storageClassName} {.spec.volumeMode}').stdout, 'Pending standard Filesystem');
  assert.match(c.k('get', 'pvc', 'data', '--no-headers').stdout, /^data +Pending +standard +<unset> /);
  assert.match(c.k('describe', 'pvc', 'data').stdout, /Normal  WaitForFirstConsumer  \S+ +persistentvolume-controller  waiting for first consumer to be created before binding\n/);
  assert.equal(c.k('get', 'pv').stderr, 'No resources found\n');
  const pod = `apiVersion: v1
kind: Pod
metadata:
  name: user
spec:
  volumes:
  - name: d
    persistentVolumeClaim:
      claimName: data
  containers:
  - name: c
    image: nginx
    volumeMounts:
    - {name: d, mountPath: /data}
`;
  assert.equal(c.kIn(pod, 'apply', '-f', '-').code, 0);
  const uid = c.k('get', 'pvc', 'data', '-o', 'jsonpath={.metadata.uid}').stdout;
  const node = c.k('get', 'pod', 'user', '-o', 'jsonpath={.spec.nodeName}').stdout;
  assert.equal(c.k('get', 'pvc', 'data', '-o', 'jsonpath={.status.phase} {.spec.volumeName} {.status.capacity.storage}').stdout, `Bound pvc-${uid} 1Gi`);
  assert.equal(c.k('get', 'pvc', 'data', '-o', "jsonpath={.metadata.annotations['volume\\.kubernetes\\.io/selected-node']}").stdout, node);
  const pv = c.k('get', 'pv', `pvc-${uid}`, '-o', 'jsonpath={.status.phase} {.spec.persistentVolumeReclaimPolicy} {.spec.claimRef.name} {.spec.storageClassName} {.spec.nodeAffinity.required.nodeSelectorTerms[0].matchExpressions[0].values[0]}').stdout;
  assert.equal(pv, `Bound Delete data standard ${node}`);
  const rows = c.k('get', 'pvc,pv', '--no-headers').stdout;
  assert.match(rows, new RegExp(`^persistentvolumeclaim/data +Bound +pvc-${uid} +1Gi +RWO +standard +<unset> `, 'm'));
  assert.match(rows, new RegExp(`^persistentvolume/pvc-${uid} +1Gi +RWO +Delete +Bound +default/data +standard +<unset> `, 'm'));
  const reasons = c.k('get', 'events', '--field-selector', 'involvedObject.name=data', '-o', 'jsonpath={.items[*].reason}').stdout;
  assert.equal(reasons, 'WaitForFirstConsumer ExternalProvisioning Provisioning ProvisioningSucceeded');
});

test('StatefulSet volumeClaimTemplates: a claim per pod, <template>-<set>-<ordinal>, mounted and bound', async () => {
  const sts = `apiVersion: apps/v1
kind: StatefulSet
metadata:
  name: web
spec:
  serviceName: nginx
  replicas: 2
  selector:
    matchLabels:
      app: nginx
  template:
    metadata:
      labels:
        app: nginx
    spec:
      containers:
      - name: nginx
        image: nginx
        volumeMounts:
        - name: www
          mountPath: /usr/share/nginx/html
  volumeClaimTemplates:
  - metadata:
      name: www
    spec:
      accessModes: [ "ReadWriteOnce" ]
      resources:
        requests:
          storage: 1Gi
`;
  assert.equal(c.kIn(sts, 'apply', '-f', '-').stdout, 'statefulset.apps/web created\n');
  await c.until(() => c.k('get', 'pvc', 'www-web-1', '-o', 'jsonpath={.status.phase}').stdout === 'Bound', 15000);
  assert.equal(c.k('get', 'pvc', 'www-web-0', '-o', 'jsonpath={.status.phase} {.metadata.labels.app}').stdout, 'Bound nginx');
  assert.equal(c.k('get', 'pod', 'web-0', '-o', 'jsonpath={.spec.volumes[0].name} {.spec.volumes[0].persistentVolumeClaim.claimName}').stdout, 'www www-web-0');
  const msgs = c.k('get', 'events', '--field-selector', 'involvedObject.name=web', '-o', 'jsonpath={range .items[*]}{.message}{"\\n"}{end}').stdout;
  assert.match(msgs, /^create Claim www-web-0 Pod web-0 in StatefulSet web success$/m);
});
