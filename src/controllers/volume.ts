// Persistent volumes as kind has them: claims of a WaitForFirstConsumer class (kind's `standard`,
// rancher.io/local-path) stay Pending (a WaitForFirstConsumer event) until a pod that uses them
// is scheduled; then the local-path provisioner creates a PV `pvc-<claim uid>` on the pod's node
// and the persistentvolume controller binds the two (both Bound).
import type { Round } from './context';
import type { KObject } from '../api/types';
import { changesOf } from './context';

const LOCAL_PATH = 'rancher.io/local-path';

export function volumeController(r: Round): void {
  const { api } = r;
  for (const c of changesOf(r, 'PersistentVolumeClaim')) {
    if (c.type !== 'ADDED') continue;
    const pvc = api.get('PersistentVolumeClaim', c.obj.metadata.namespace, c.obj.metadata.name);
    if (!pvc || pvc.status?.phase !== 'Pending' || pvc.spec?.volumeName) continue;
    const sc = pvc.spec?.storageClassName ? api.get('StorageClass', undefined, pvc.spec.storageClassName) : undefined;
    if (sc?.volumeBindingMode === 'WaitForFirstConsumer') {
      api.recordEvent(pvc, 'Normal', 'WaitForFirstConsumer', 'waiting for first consumer to be created before binding', 'persistentvolume-controller');
    }
  }
  for (const c of changesOf(r, 'Pod')) {
    if (c.type === 'DELETED') continue;
    const node = c.obj.spec?.nodeName;
    if (!node || c.old?.spec?.nodeName) continue;
    for (const v of c.obj.spec?.volumes ?? []) {
      const name = v.persistentVolumeClaim?.claimName;
      if (name) provision(r, c.obj.metadata.namespace!, name, node);
    }
  }
}

/** The claim's first consumer was scheduled on `node`: provision and bind its volume. */
function provision(r: Round, ns: string, name: string, node: string): void {
  const { api } = r;
  const pvc = api.get('PersistentVolumeClaim', ns, name);
  if (!pvc || pvc.status?.phase !== 'Pending' || pvc.spec?.volumeName) return;
  const sc = pvc.spec?.storageClassName ? api.get('StorageClass', undefined, pvc.spec.storageClassName) : undefined;
  if (!sc || sc.provisioner !== LOCAL_PATH) return;
  const pvName = `pvc-${pvc.metadata.uid}`;
  const a = (pvc.metadata.annotations ??= {});
  a['volume.beta.kubernetes.io/storage-provisioner'] = LOCAL_PATH;
  a['volume.kubernetes.io/selected-node'] = node;
  a['volume.kubernetes.io/storage-provisioner'] = LOCAL_PATH;
  api.recordEvent(pvc, 'Normal', 'ExternalProvisioning', `Waiting for a volume to be created either by the external provisioner '${LOCAL_PATH}' or manually by the system administrator. If volume creation is delayed, please verify that the provisioner is running and correctly registered.`, 'persistentvolume-controller');
  api.recordEvent(pvc, 'Normal', 'Provisioning', `External provisioner is provisioning volume for claim "${ns}/${name}"`, `${LOCAL_PATH}_local-path-provisioner`);
  const storage = pvc.spec?.resources?.requests?.storage ?? '0';
  const pv: KObject = {
    apiVersion: 'v1', kind: 'PersistentVolume',
    metadata: {
      name: pvName,
      annotations: { 'local.path.provisioner/selected-node': node, 'pv.kubernetes.io/provisioned-by': LOCAL_PATH },
    },
    spec: {
      accessModes: pvc.spec?.accessModes ?? ['ReadWriteOnce'],
      capacity: { storage },
      claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name, namespace: ns, resourceVersion: pvc.metadata.resourceVersion, uid: pvc.metadata.uid },
      hostPath: { path: `/var/local-path-provisioner/${pvName}_${ns}_${name}`, type: 'DirectoryOrCreate' },
      nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: [node] }] }] } },
      persistentVolumeReclaimPolicy: sc.reclaimPolicy ?? 'Delete',
      storageClassName: sc.metadata.name,
      volumeMode: pvc.spec?.volumeMode ?? 'Filesystem',
    },
    status: { phase: 'Bound' },
  };
  api.create(pv, { owned: true });
  api.recordEvent(pvc, 'Normal', 'ProvisioningSucceeded', `Successfully provisioned volume ${pvName}`, `${LOCAL_PATH}_local-path-provisioner`);
  a['pv.kubernetes.io/bind-completed'] = 'yes';
  a['pv.kubernetes.io/bound-by-controller'] = 'yes';
  pvc.spec.volumeName = pvName;
  api.update(pvc);
  const cur = api.get('PersistentVolumeClaim', ns, name)!;
  cur.status = { accessModes: pvc.spec?.accessModes ?? ['ReadWriteOnce'], capacity: { storage }, phase: 'Bound' };
  api.update(cur, { status: true });
}
