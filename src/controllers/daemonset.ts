// DaemonSet controller: one pod per eligible node (taints tolerated, node selector matched).
import type { KObject } from '../api/types';
import { ApiError } from '../api/types';
import type { Round } from './context';
import { changesOf, dueOf, SyncQueue } from './context';
import { tolerates } from './scheduler';
import { podFromTemplate } from './replicaset';
import { isPodReady } from './podutil';
import { syncRevisions, REVISION_HASH } from './revisions';

export function daemonSetController(r: Round): void {
  const { api } = r;
  const keys = new SyncQueue();
  for (const c of changesOf(r, 'DaemonSet')) if (c.type !== 'DELETED') keys.addObject(c.obj);
  for (const c of changesOf(r, 'Pod')) keys.addController(c.obj, 'DaemonSet');
  if (changesOf(r, 'Node').length) for (const ds of api.list('DaemonSet')) keys.addObject(ds);
  for (const d of dueOf(r, 'DaemonSet')) keys.add(d.namespace, d.name);
  if (!keys.size) return;
  const nodes = api.list('Node');
  for (const { ns, name } of keys) {
    const ds = api.get('DaemonSet', ns, name);
    if (!ds || ds.metadata.deletionTimestamp) continue;
    const { hash } = syncRevisions(api, ds);
    const generation = String(ds.metadata.generation ?? 1);
    const isCurrent = (p: KObject) => p.metadata.labels?.[REVISION_HASH] === hash;
    // all the daemon pods, terminating ones too: without surge a node gets its new pod only
    // once the old one is gone
    const all = api.listOwnedBy(ds, 'Pod');
    const pods = all.filter((p) => !p.metadata.deletionTimestamp);
    const eligible = nodes.filter((n) => eligibleNode(ds, n));
    for (const n of eligible) {
      if (all.some((p) => p.spec?.nodeName === n.metadata.name)) continue;
      const pod = podFromTemplate(ds);
      pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [REVISION_HASH]: hash, 'pod-template-generation': generation };
      pod.spec.nodeName = n.metadata.name;
      pod.spec.tolerations = [...(pod.spec.tolerations ?? []), ...DS_TOLERATIONS];
      let created: KObject;
      try { created = api.create(pod); } catch (e) {
        // refused (a quota, a limit range): controller_utils' event, and a retry later
        if (!(e instanceof ApiError)) throw e;
        api.recordEvent(ds, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, 'daemonset-controller');
        api.store.setTimer('DaemonSet', ds.metadata.namespace!, ds.metadata.name, api.nowMs() + 10000);
        break;
      }
      pods.push(created);
      all.push(created);
      api.recordEvent(ds, 'Normal', 'SuccessfulCreate', `Created pod: ${created.metadata.name}`, 'daemonset-controller');
    }
    let misscheduled = 0;
    for (const p of pods) {
      if (eligible.some((n) => n.metadata.name === p.spec?.nodeName)) continue;
      // a pod stays on a node it should no longer be scheduled to while it tolerates the
      // node's NoExecute taints (a stopped node): counted as misscheduled
      const node = nodes.find((n) => n.metadata.name === p.spec?.nodeName);
      if (node && eligibleNode(ds, node, true)) { misscheduled++; continue; }
      api.delete('Pod', ns, p.metadata.name);
    }
    const onNode = (n: string) => pods.filter((p) => p.spec?.nodeName === n);
    // RollingUpdate (maxUnavailable, default 1), as the controller's rollingUpdate: a node whose
    // pod is missing, terminating or not ready counts as unavailable; an old pod not ready is
    // replaced at once, a ready one while fewer than maxUnavailable nodes are unavailable.
    // OnDelete: never.
    const strategy = ds.spec?.updateStrategy ?? {};
    if ((strategy.type ?? 'RollingUpdate') === 'RollingUpdate' && pods.some((p) => !isCurrent(p))) {
      const maxUnavailable = Math.max(1, scaled(strategy.rollingUpdate?.maxUnavailable ?? 1, eligible.length));
      let unavailable = 0;
      const candidates: KObject[] = [];
      const replace: KObject[] = [];
      for (const n of new Set(all.map((p) => p.spec?.nodeName as string))) {
        const here = onNode(n);
        const fresh = here.find(isCurrent), old = here.find((p) => !isCurrent(p));
        if (!fresh === !old) unavailable++;
        else if (fresh) { if (!isPodReady(fresh)) unavailable++; }
        else if (!isPodReady(old!)) replace.push(old!);
        else candidates.push(old!);
      }
      const room = Math.min(candidates.length, Math.max(0, maxUnavailable - unavailable));
      for (const p of [...replace, ...candidates.slice(0, room)]) {
        api.delete('Pod', ns, p.metadata.name);
        api.recordEvent(ds, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, 'daemonset-controller');
      }
    }
    // updateDaemonSetStatus: per node that should run it, its oldest pod (terminating too)
    const byNode = new Map<string, KObject[]>();
    for (const p of api.listOwnedBy(ds, 'Pod')) {
      const n = p.spec?.nodeName as string;
      if (!byNode.has(n)) byNode.set(n, []);
      byNode.get(n)!.push(p);
    }
    let current = 0, ready = 0, updated = 0;
    for (const n of eligible) {
      const here = byNode.get(n.metadata.name);
      if (!here?.length) continue;
      current++;
      const oldest = here.sort(byCreation)[0];
      if (isPodReady(oldest)) ready++;
      if (isCurrent(oldest)) updated++;
    }
    const status = {
      currentNumberScheduled: current, desiredNumberScheduled: eligible.length, numberAvailable: ready, numberMisscheduled: misscheduled,
      numberReady: ready, numberUnavailable: eligible.length - ready, observedGeneration: ds.metadata.generation ?? 1, updatedNumberScheduled: updated,
    } as any;
    if (!status.numberAvailable) delete status.numberAvailable;
    if (status.numberUnavailable <= 0) delete status.numberUnavailable;
    if (!status.updatedNumberScheduled) delete status.updatedNumberScheduled;
    if (JSON.stringify(status) !== JSON.stringify(ds.status)) { ds.status = status; api.update(ds, { status: true }); }
  }
}

const byCreation = (a: KObject, b: KObject) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)) || a.metadata.name.localeCompare(b.metadata.name);

/** intstr.GetScaledValueFromIntOrPercent, rounding up. */
function scaled(v: number | string, total: number): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(v);
  return m ? Math.ceil((Number(m[1]) * total) / 100) : Number(v) || 0;
}

const DS_TOLERATIONS = [
  { key: 'node.kubernetes.io/not-ready', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/unreachable', operator: 'Exists', effect: 'NoExecute' },
  { key: 'node.kubernetes.io/disk-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/memory-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/pid-pressure', operator: 'Exists', effect: 'NoSchedule' },
  { key: 'node.kubernetes.io/unschedulable', operator: 'Exists', effect: 'NoSchedule' },
];

/** NodeShouldRunDaemonPod: whether a daemon pod should run on the node (its NoSchedule and
 *  NoExecute taints tolerated), or with `continueRunning` whether one already there may stay
 *  (only NoExecute taints count). */
function eligibleNode(ds: KObject, n: KObject, continueRunning = false): boolean {
  const sel = ds.spec?.template?.spec?.nodeSelector;
  if (sel && !Object.entries(sel).every(([k, v]) => n.metadata.labels?.[k] === v)) return false;
  const pod = { spec: { tolerations: [...(ds.spec?.template?.spec?.tolerations ?? []), ...DS_TOLERATIONS] } } as any;
  return (n.spec?.taints ?? []).every((t: any) => (t.effect !== 'NoExecute' && (continueRunning || t.effect !== 'NoSchedule')) || tolerates(pod, t));
}
