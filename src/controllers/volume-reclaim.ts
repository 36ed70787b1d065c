// Reclaiming a volume whose claim is gone (pkg/controller/volume/persistentvolume, reclaimVolume):
// the PV is Released; with reclaimPolicy Retain it stays so, with Delete the provisioner that made
// it (kind's rancher.io/local-path) deletes it. A Delete volume no provisioner made has no plugin
// to delete it: Failed, as the controller leaves it.
import type { Round } from './context';
import { changesOf } from './context';
import { timestamp } from '../api/server';

const LOCAL_PATH = 'rancher.io/local-path';

export function volumeReclaimController(r: Round): void {
  const { api } = r;
  for (const c of changesOf(r, 'PersistentVolumeClaim')) {
    if (c.type !== 'DELETED') continue;
    const pvName = c.obj.spec?.volumeName;
    if (!pvName) continue;
    const pv = api.get('PersistentVolume', undefined, pvName);
    if (!pv || pv.metadata.deletionTimestamp || pv.spec?.claimRef?.uid !== c.obj.metadata.uid) continue;
    const now = timestamp(api.nowMs());
    pv.status = { ...(pv.status ?? {}), phase: 'Released', lastPhaseTransitionTime: now };
    api.update(pv, { status: true });
    const policy = pv.spec?.persistentVolumeReclaimPolicy ?? 'Retain';
    if (policy !== 'Delete') continue;
    if (pv.metadata.annotations?.['pv.kubernetes.io/provisioned-by'] === LOCAL_PATH) {
      api.delete('PersistentVolume', undefined, pvName);
      continue;
    }
    const cur = api.get('PersistentVolume', undefined, pvName)!;
    const message = `error getting deleter volume plugin for volume "${pvName}": no deletable volume plugin matched`;
    cur.status = { ...cur.status, phase: 'Failed', message, lastPhaseTransitionTime: now };
    api.update(cur, { status: true });
    api.recordEvent(cur, 'Warning', 'VolumeFailedDelete', message, 'persistentvolume-controller');
  }
}
