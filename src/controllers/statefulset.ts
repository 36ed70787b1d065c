// StatefulSet controller: ordered pods <name>-0, <name>-1, ... (OrderedReady: the next one is
// created when the previous is Running and ready; scale down from the highest ordinal).
import { cloneJson } from '../api/gonumber';
import type { Round } from './context';
import { changesOf, dueOf, SyncQueue } from './context';
import { podFromTemplate } from './replicaset';
import { isPodReady } from './podutil';
import { syncRevisions, revisionTemplate, REVISION_HASH } from './revisions';
import type { KObject } from '../api/types';
import { ApiError } from '../api/types';

/** A claim of a pod the API server refused: its event is recorded, the pod is not made. */
class ClaimRefused extends ApiError {
  constructor(e: ApiError, claim: string) { super(e.reason, `failed to create PVC ${claim}: ${e.message}`, e.code, e.details); }
}

export function statefulSetController(r: Round): void {
  const { api } = r;
  const keys = new SyncQueue();
  for (const c of changesOf(r, 'StatefulSet')) if (c.type !== 'DELETED') keys.addObject(c.obj);
  for (const c of changesOf(r, 'Pod')) keys.addController(c.obj, 'StatefulSet');
  for (const d of dueOf(r, 'StatefulSet')) keys.add(d.namespace, d.name);
  for (const { ns, name } of keys) {
    const sts = api.get('StatefulSet', ns, name);
    if (!sts || sts.metadata.deletionTimestamp) continue;
    const want = sts.spec.replicas ?? 1;
    const parallel = sts.spec.podManagementPolicy === 'Parallel';
    if (parallel && r.budget.pods <= 0 && (sts.status?.replicas ?? 0) < want) { api.store.setTimer('StatefulSet', ns, name, api.nowMs() + 50); continue; }
    const { current: updateCR, all } = syncRevisions(api, sts);
    const updateRevision = updateCR.metadata.name;
    const currentCR = all.find((cr) => cr.metadata.name === sts.status?.currentRevision) ?? updateCR;
    const currentRevision = currentCR.metadata.name;
    const strategy = sts.spec.updateStrategy ?? {};
    const rolling = (strategy.type ?? 'RollingUpdate') === 'RollingUpdate';
    const partition = rolling ? Math.max(0, strategy.rollingUpdate?.partition ?? 0) : want;
    const revOf = (p: KObject) => p.metadata.labels?.[REVISION_HASH];
    const pods = api.listOwnedBy(sts, 'Pod', { forTable: true });
    const byOrdinal = new Map(pods.map((p) => [Number(p.metadata.name.slice(name.length + 1)), p]));
    for (let i = 0; i < want; i++) {
      const p = byOrdinal.get(i);
      if (p) { if (!parallel && (!isPodReady(p) || p.metadata.deletionTimestamp)) break; continue; }
      // the reconcile's budget bounds Parallel creation; the rest stays due
      if (r.budget.pods <= 0) { api.store.setTimer('StatefulSet', ns, name, api.nowMs() + 50); break; }
      r.budget.pods--;
      // below the partition a pod is made at the current revision, else at the update revision
      const cr = rolling && i < partition ? currentCR : updateCR;
      const pod = podFromTemplate({ ...sts, spec: { ...sts.spec, template: revisionTemplate(cr) } });
      delete pod.metadata.generateName;
      pod.metadata.name = `${name}-${i}`;
      pod.metadata.labels = { ...(pod.metadata.labels ?? {}), 'apps.kubernetes.io/pod-index': String(i), [REVISION_HASH]: cr.metadata.name, 'statefulset.kubernetes.io/pod-name': pod.metadata.name };
      pod.spec.hostname = pod.metadata.name;
      if (sts.spec.serviceName) pod.spec.subdomain = sts.spec.serviceName;
      // refused (a quota, a limit range): stateful_pod_control's event, and a retry later
      try {
        createClaims(api, sts, pod, i);
        api.create(pod);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        api.recordEvent(sts, 'Warning', 'FailedCreate', `create Pod ${pod.metadata.name} in StatefulSet ${name} failed error: ${e.message}`, 'statefulset-controller');
        api.store.setTimer('StatefulSet', ns, name, api.nowMs() + 10000);
        break;
      }
      byOrdinal.set(i, pod);
      api.recordEvent(sts, 'Normal', 'SuccessfulCreate', `create Pod ${pod.metadata.name} in StatefulSet ${name} successful`, 'statefulset-controller');
      if (!parallel) break;
    }
    const extra = [...byOrdinal.entries()].filter(([i, p]) => i >= want && !p.metadata.deletionTimestamp).sort((a, b) => b[0] - a[0]);
    for (const [, p] of parallel ? extra : extra.slice(0, 1)) {
      api.delete('Pod', ns, p.metadata.name);
      api.recordEvent(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`, 'statefulset-controller');
    }
    // RollingUpdate: once every pod is there and ready, replace the highest-ordinal pod not at
    // the update revision (down to the partition), one at a time.
    if (rolling && !extra.length && byOrdinal.size >= want) {
      const inRange = [...Array(want).keys()].map((i) => byOrdinal.get(i));
      if (inRange.every((p) => p && isPodReady(p) && !p.metadata.deletionTimestamp)) {
        for (let i = want - 1; i >= partition; i--) {
          const p = inRange[i]!;
          if (revOf(p) === updateRevision) continue;
          api.delete('Pod', ns, p.metadata.name);
          api.recordEvent(sts, 'Normal', 'SuccessfulDelete', `delete Pod ${p.metadata.name} in StatefulSet ${name} successful`, 'statefulset-controller');
          break;
        }
      }
    }
    // computeReplicaStatus: replicas and readiness count terminating pods too, revisions do not
    const created = api.listOwnedBy(sts, 'Pod');
    const live = created.filter((p) => !p.metadata.deletionTimestamp);
    const ready = created.filter(isPodReady).length;
    const updated = live.filter((p) => revOf(p) === updateRevision).length;
    const done = rolling && updated === created.length && ready === created.length && created.length === want;
    const status: any = {
      availableReplicas: ready, collisionCount: 0, currentReplicas: done ? updated : live.filter((p) => revOf(p) === currentRevision).length,
      currentRevision: done ? updateRevision : currentRevision, observedGeneration: sts.metadata.generation ?? 1, readyReplicas: ready,
      replicas: created.length, updateRevision, updatedReplicas: updated,
    };
    for (const k of ['currentReplicas', 'readyReplicas', 'updatedReplicas']) if (!status[k]) delete status[k];
    if (JSON.stringify(status) !== JSON.stringify(sts.status)) { sts.status = status; api.update(sts, { status: true }); }
  }
}

/** stateful_set_control createPersistentVolumeClaims / updateStorage: each volumeClaimTemplate
 *  gives the pod a claim `<template>-<set>-<ordinal>` (created when missing, with the set's
 *  selector labels) and a volume of the template's name using it, ahead of its other volumes. */
function createClaims(api: Round['api'], sts: KObject, pod: KObject, ordinal: number): void {
  const templates: any[] = sts.spec?.volumeClaimTemplates ?? [];
  if (!templates.length) return;
  const ns = sts.metadata.namespace!;
  const claimVolumes: any[] = [];
  for (const t of templates) {
    const claimName = `${t.metadata?.name}-${sts.metadata.name}-${ordinal}`;
    claimVolumes.push({ name: t.metadata?.name, persistentVolumeClaim: { claimName } });
    if (api.get('PersistentVolumeClaim', ns, claimName)) continue;
    const claim: KObject = {
      apiVersion: 'v1', kind: 'PersistentVolumeClaim',
      metadata: { ...(t.metadata?.annotations ? { annotations: { ...t.metadata.annotations } } : {}), name: claimName, namespace: ns, labels: { ...(t.metadata?.labels ?? {}), ...(sts.spec?.selector?.matchLabels ?? {}) } },
      spec: cloneJson(t.spec ?? {}),
    };
    try { api.create(claim); } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      api.recordEvent(sts, 'Warning', 'FailedCreate', `create Claim ${claimName} for Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} failed error: ${e.message}`, 'statefulset-controller');
      throw new ClaimRefused(e, claimName);
    }
    api.recordEvent(sts, 'Normal', 'SuccessfulCreate', `create Claim ${claimName} Pod ${pod.metadata.name} in StatefulSet ${sts.metadata.name} success`, 'statefulset-controller');
  }
  const names = new Set(claimVolumes.map((v) => v.name));
  pod.spec.volumes = [...claimVolumes, ...(pod.spec.volumes ?? []).filter((v: any) => !names.has(v.name))];
}
