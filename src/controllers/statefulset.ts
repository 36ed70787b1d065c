// StatefulSet controller: ordered pods <name>-0, <name>-1, ... (OrderedReady: the next one is
// created when the previous is Running and ready; scale down from the highest ordinal).
import type { Round } from './context';
import { changesOf } from './context';
import { podFromTemplate } from './replicaset';
import { isPodReady } from './podutil';

export function statefulSetController(r: Round): void {
  const { api } = r;
  const keys = new Map<string, { ns: string; name: string }>();
  for (const c of changesOf(r, 'StatefulSet')) if (c.type !== 'DELETED') keys.set(`${c.obj.metadata.namespace}/${c.obj.metadata.name}`, { ns: c.obj.metadata.namespace!, name: c.obj.metadata.name });
  for (const c of changesOf(r, 'Pod')) {
    const ref = c.obj.metadata.ownerReferences?.find((x) => x.controller && x.kind === 'StatefulSet');
    if (ref) keys.set(`${c.obj.metadata.namespace}/${ref.name}`, { ns: c.obj.metadata.namespace!, name: ref.name });
  }
  for (const { ns, name } of keys.values()) {
    const sts = api.get('StatefulSet', ns, name);
    if (!sts || sts.metadata.deletionTimestamp) continue;
    const want = sts.spec.replicas ?? 1;
    const parallel = sts.spec.podManagementPolicy === 'Parallel';
    const pods = api.listOwnedBy(sts, 'Pod');
    const byOrdinal = new Map(pods.map((p) => [Number(p.metadata.name.slice(name.length + 1)), p]));
    for (let i = 0; i < want; i++) {
      const p = byOrdinal.get(i);
      if (p) { if (!parallel && (!isPodReady(p) || p.metadata.deletionTimestamp)) break; continue; }
      const pod = podFromTemplate(sts);
      delete pod.metadata.generateName;
      pod.metadata.name = `${name}-${i}`;
      pod.metadata.labels = { ...(pod.metadata.labels ?? {}), 'apps.kubernetes.io/pod-index': String(i), 'controller-revision-hash': `${name}-${podHash(sts)}`, 'statefulset.kubernetes.io/pod-name': pod.metadata.name };
      pod.spec.hostname = pod.metadata.name;
      if (sts.spec.serviceName) pod.spec.subdomain = sts.spec.serviceName;
      api.create(pod);
      api.recordEvent(sts, 'Normal', 'SuccessfulCreate', `create Pod ${pod.metadata.name} in StatefulSet ${name} successful`, 'statefulset-controller');
      if (!parallel) break;
    }
    const extra = [...byOrdinal.entries()].filter(([i, p]) => i >= want && !p.metadata.deletionTimestamp).sort((a, b) => b[0] - a[0]);
    for (const [, p] of parallel ? extra : extra.slice(0, 1)) {
      api.delete('Pod', ns, p.metadata.name);
      api.recordEvent(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`, 'statefulset-controller');
    }
    const live = api.listOwnedBy(sts, 'Pod').filter((p) => !p.metadata.deletionTimestamp);
    const ready = live.filter(isPodReady).length;
    const rev = `${name}-${podHash(sts)}`;
    const status: any = { availableReplicas: ready, collisionCount: 0, currentReplicas: live.length, currentRevision: rev, observedGeneration: sts.metadata.generation ?? 1, readyReplicas: ready, replicas: live.length, updateRevision: rev, updatedReplicas: live.length };
    for (const k of ['currentReplicas', 'readyReplicas', 'updatedReplicas']) if (!status[k]) delete status[k];
    if (JSON.stringify(status) !== JSON.stringify(sts.status)) { sts.status = status; api.update(sts, { status: true }); }
  }
}

import { fnv32a } from '../api/names';
const podHash = (sts: any) => fnv32a(JSON.stringify(sts.spec.template)).toString(16).slice(0, 10).padStart(10, '5');
