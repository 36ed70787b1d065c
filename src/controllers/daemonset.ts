// DaemonSet controller: one pod per eligible node (taints tolerated, node selector matched).
import type { KObject } from '../api/types';
import type { Round } from './context';
import { changesOf } from './context';
import { tolerates } from './scheduler';
import { podFromTemplate } from './replicaset';
import { isPodReady } from './podutil';

export function daemonSetController(r: Round): void {
  const { api } = r;
  const keys = new Map<string, { ns: string; name: string }>();
  for (const c of changesOf(r, 'DaemonSet')) if (c.type !== 'DELETED') keys.set(`${c.obj.metadata.namespace}/${c.obj.metadata.name}`, { ns: c.obj.metadata.namespace!, name: c.obj.metadata.name });
  for (const c of changesOf(r, 'Pod')) {
    const ref = c.obj.metadata.ownerReferences?.find((x) => x.controller && x.kind === 'DaemonSet');
    if (ref) keys.set(`${c.obj.metadata.namespace}/${ref.name}`, { ns: c.obj.metadata.namespace!, name: ref.name });
  }
  if (changesOf(r, 'Node').length) for (const ds of api.list('DaemonSet')) keys.set(`${ds.metadata.namespace}/${ds.metadata.name}`, { ns: ds.metadata.namespace!, name: ds.metadata.name });
  if (!keys.size) return;
  const nodes = api.list('Node');
  for (const { ns, name } of keys.values()) {
    const ds = api.get('DaemonSet', ns, name);
    if (!ds || ds.metadata.deletionTimestamp) continue;
    const pods = api.listOwnedBy(ds, 'Pod').filter((p) => !p.metadata.deletionTimestamp);
    const eligible = nodes.filter((n) => eligibleNode(ds, n));
    for (const n of eligible) {
      if (pods.some((p) => p.spec?.nodeName === n.metadata.name)) continue;
      const pod = podFromTemplate(ds);
      pod.spec.nodeName = n.metadata.name;
      pod.spec.tolerations = [...(pod.spec.tolerations ?? []), ...DS_TOLERATIONS];
      const created = api.create(pod);
      pods.push(created);
      api.recordEvent(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, 'daemonset-controller');
    }
    for (const p of pods) {
      if (!eligible.some((n) => n.metadata.name === p.spec?.nodeName)) api.delete('Pod', ns, p.metadata.name);
    }
    const live = pods.filter((p) => eligible.some((n) => n.metadata.name === p.spec?.nodeName));
    const ready = live.filter(isPodReady).length;
    const status = {
      currentNumberScheduled: live.length, desiredNumberScheduled: eligible.length, numberAvailable: ready, numberMisscheduled: 0,
      numberReady: ready, observedGeneration: ds.metadata.generation ?? 1, updatedNumberScheduled: live.length,
    } as any;
    if (!status.numberAvailable) delete status.numberAvailable;
    if (JSON.stringify(status) !== JSON.stringify(ds.status)) { ds.status = status; api.update(ds, { status: true }); }
  }
}

const DS_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

function eligibleNode(ds: KObject, n: KObject): boolean {
  const sel = ds.spec?.template?.spec?.nodeSelector;
  if (sel && !Object.entries(sel).every(([k, v]) => n.metadata.labels?.[k] === v)) return false;
  const pod = { spec: { tolerations: [...(ds.spec?.template?.spec?.tolerations ?? []), ...DS_TOLERATIONS] } } as any;
  return (n.spec?.taints ?? []).every((t: any) => (t.effect !== 'NoSchedule' && t.effect !== 'NoExecute') || tolerates(pod, t));
}
