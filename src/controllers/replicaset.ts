// ReplicaSet controller: keep spec.replicas pods owned by each ReplicaSet, and its status.
import type { KObject } from '../api/types';
import type { Round } from './context';
import { changesOf, dueOf, SyncQueue, BURST_REPLICAS } from './context';
import { isPodReady, isPodActive } from './podutil';
import { ApiError } from '../api/types';
import { timestamp } from '../api/server';

/** A pod the API server refused (a quota, a limit range): a FailedCreate event as
 *  controller_utils words it (none when the namespace is going away), and a retry with a backoff
 *  that doubles, as the work queue's rate limiter does: as long again as it has been failing. */
function failedCreate(r: Round, rs: KObject, e: ApiError): void {
  const { api } = r;
  if (!/because it is being terminated$/.test(e.message)) api.recordEvent(rs, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, 'replicaset-controller');
  const since = (rs.status?.conditions ?? []).find((c: any) => c.type === 'ReplicaFailure')?.lastTransitionTime;
  const failing = since ? api.nowMs() - Date.parse(since) : 0;
  api.store.setTimer('ReplicaSet', rs.metadata.namespace!, rs.metadata.name, api.nowMs() + Math.min(1000 * 1000, Math.max(1000, failing)));
}

export function replicaSetController(r: Round): void {
  const keys = new SyncQueue();
  // A replica set's own status writes need no new sync; spec changes and new ones do.
  for (const c of changesOf(r, 'ReplicaSet')) if (c.type !== 'DELETED' && (!c.old || c.old.metadata.generation !== c.obj.metadata.generation || JSON.stringify(c.old.metadata.annotations) !== JSON.stringify(c.obj.metadata.annotations))) keys.addObject(c.obj);
  for (const c of changesOf(r, 'Pod')) {
    // Pods the controller itself just created are counted already; what matters is a pod
    // going away, becoming (un)ready, or starting to terminate.
    if (c.type === 'ADDED') continue;
    if (c.type === 'MODIFIED' && c.old && isPodReady(c.old) === isPodReady(c.obj) && !!c.old.metadata.deletionTimestamp === !!c.obj.metadata.deletionTimestamp && c.old.status?.phase === c.obj.status?.phase && JSON.stringify(c.old.metadata.ownerReferences) === JSON.stringify(c.obj.metadata.ownerReferences)) continue;
    for (const o of [c.obj, c.old]) keys.addController(o, 'ReplicaSet');
  }
  // replica sets with more to do than the last reconcile's budget allowed
  for (const d of dueOf(r, 'ReplicaSet')) keys.add(d.namespace, d.name);
  for (const { ns, name } of keys) syncReplicaSet(r, ns, name);
}

/** Left for the next reconcile (the next command, or the timer of a long-running one). */
const later = (r: Round, ns: string, name: string) => r.api.store.setTimer('ReplicaSet', ns, name, r.api.nowMs() + 50);

/** controller.slowStartBatch: groups of 1, 2, 4, ... calls; the first failure stops it. Returns
 *  how many succeeded. */
function slowStartBatch(count: number, fn: () => void, failed: (e: unknown) => void = () => {}): number {
  let done = 0;
  for (let batch = Math.min(count, 1); done < count; batch = Math.min(2 * batch, count - done)) {
    for (let i = 0; i < batch; i++) {
      try { fn(); } catch (e) { failed(e); return done; }
      done++;
    }
  }
  return done;
}

function syncReplicaSet(r: Round, ns: string, name: string): void {
  const { api } = r;
  const rs = api.get('ReplicaSet', ns, name);
  if (!rs || rs.metadata.deletionTimestamp) return;
  // the budget is spent and the set is still growing or shrinking: not even a listing now
  if (r.budget.pods <= 0 && (rs.status?.replicas ?? 0) !== (rs.spec.replicas ?? 1)) { later(r, ns, name); return; }
  const pods = api.listOwnedBy(rs, 'Pod', { forTable: true });
  const active = pods.filter(isPodActive);
  const want = rs.spec.replicas ?? 1;
  if (active.length !== want && r.budget.pods <= 0) { later(r, ns, name); return; }
  let failure: ApiError | undefined;
  if (active.length < want) {
    // manageReplicas: at most burstReplicas per sync, in slow-start batches
    const diff = Math.min(want - active.length, BURST_REPLICAS, r.budget.pods);
    const made = slowStartBatch(diff, () => {
      const pod = api.create(podFromTemplate(rs), { owned: true });
      active.push(pod);
      api.recordEvent(rs, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, 'replicaset-controller');
    }, (e) => { if (e instanceof ApiError) failure = e; });
    r.budget.pods -= made;
    if (failure) failedCreate(r, rs, failure);
    else if (active.length < want) later(r, ns, name);
  } else if (active.length > want) {
    // Delete the least useful first: unscheduled, then not ready, then the newest.
    const rank = (p: KObject) => (!p.spec?.nodeName ? 0 : !isPodReady(p) ? 1 : 2);
    const diff = Math.min(active.length - want, BURST_REPLICAS, r.budget.pods);
    const victims = [...active].sort((a, b) => rank(a) - rank(b) || (b.metadata.creationTimestamp! > a.metadata.creationTimestamp! ? 1 : b.metadata.creationTimestamp! < a.metadata.creationTimestamp! ? -1 : 0)).slice(0, diff);
    r.budget.pods -= victims.length;
    if (active.length - victims.length > want) later(r, ns, name);
    for (const p of victims) {
      api.delete('Pod', ns, p.metadata.name);
      api.recordEvent(rs, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, 'replicaset-controller');
    }
    const gone = new Set(victims.map((v) => v.metadata.name));
    active.splice(0, active.length, ...active.filter((p) => !gone.has(p.metadata.name)));
  }
  const ready = active.filter(isPodReady).length;
  const status: any = {
    replicas: active.length,
    fullyLabeledReplicas: active.length,
    readyReplicas: ready,
    availableReplicas: ready,
    observedGeneration: rs.metadata.generation ?? 1,
  };
  if (!status.readyReplicas) delete status.readyReplicas;
  if (!status.availableReplicas) delete status.availableReplicas;
  if (!status.fullyLabeledReplicas) delete status.fullyLabeledReplicas;
  // calculateStatus: a failed create sets ReplicaFailure (once); a sync without one clears it.
  const conds = (rs.status?.conditions ?? []).filter((c: any) => c.type !== 'ReplicaFailure' || failure);
  if (failure && !conds.some((c: any) => c.type === 'ReplicaFailure')) {
    conds.push({ lastTransitionTime: timestamp(api.nowMs()), message: failure.message, reason: 'FailedCreate', status: 'True', type: 'ReplicaFailure' });
  }
  if (conds.length) status.conditions = conds;
  if (JSON.stringify(status) !== JSON.stringify(rs.status)) {
    rs.status = status;
    api.update(rs, { status: true });
  }
}

export function podFromTemplate(owner: KObject): KObject {
  const t = structuredClone(owner.spec.template ?? {});
  const prefix = owner.metadata.name.length > 57 ? owner.metadata.name.slice(0, 57) : owner.metadata.name;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: prefix + '-',
      namespace: owner.metadata.namespace,
      labels: t.metadata?.labels,
      ...(t.metadata?.annotations ? { annotations: t.metadata.annotations } : {}),
      ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    } as any,
    spec: t.spec ?? {},
  };
}
