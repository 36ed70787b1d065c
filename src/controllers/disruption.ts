// The disruption controller (pkg/controller/disruption): each PodDisruptionBudget's status —
// the pods it selects that are healthy (ready, not being deleted, not just evicted), how many must
// be (minAvailable, or the controllers' scale less maxUnavailable), how many may go, and the
// DisruptionAllowed condition (SufficientPods / InsufficientPods, SyncFailed when the expected
// count cannot be known). A budget is synced when it or a pod it selects changes.
import type { Round } from './context';
import type { KObject } from '../api/types';
import { dueOf, memo, SyncQueue } from './context';
import { isPodReady } from './podutil';
import { pdbSelects, setDisruptionAllowed } from '../api/eviction';

/** DeletionTimeout: an evicted pod not deleted within this is counted again. */
const DELETION_TIMEOUT_MS = 2 * 60 * 1000;

export function disruptionController(r: Round): void {
  const { api } = r;
  const keys = new SyncQueue();
  for (const c of r.changes) {
    if (c.obj.kind === 'PodDisruptionBudget') { if (c.type !== 'DELETED') keys.addObject(c.obj); continue; }
    if (c.obj.kind !== 'Pod') continue;
    // a status write that changes nothing a budget counts
    const o = c.old;
    if (c.type === 'MODIFIED' && o && isPodReady(o) === isPodReady(c.obj) && !!o.metadata.deletionTimestamp === !!c.obj.metadata.deletionTimestamp
      && JSON.stringify(o.metadata.labels) === JSON.stringify(c.obj.metadata.labels)) continue;
    const ns = c.obj.metadata.namespace!;
    const pdbs = memo(r, `pdbs/${ns}`, () => api.list('PodDisruptionBudget', ns));
    for (const pdb of pdbs) if (pdbSelects(pdb, c.obj) || (c.old && pdbSelects(pdb, c.old))) keys.addObject(pdb);
  }
  for (const d of dueOf(r, 'PodDisruptionBudget')) keys.add(d.namespace, d.name);
  for (const { ns, name } of keys) sync(r, ns, name);
}

interface Scale { uid: string; replicas: number }

/** The finders: a pod's controller and its scale (a ReplicaSet of a Deployment counts as the
 *  Deployment). */
function controllerScale(r: Round, pod: KObject): Scale | undefined {
  const { api } = r;
  const ns = pod.metadata.namespace!;
  const ref = pod.metadata.ownerReferences?.find((o) => o.controller);
  if (!ref) return undefined;
  const get = (kind: string, name: string) => memo(r, `pdbscale/${kind}/${ns}/${name}`, () => api.get(kind, ns, name));
  if (ref.kind === 'ReplicaSet') {
    const rs = get('ReplicaSet', ref.name);
    if (!rs || rs.metadata.uid !== ref.uid) return undefined;
    const dref = rs.metadata.ownerReferences?.find((o) => o.controller);
    if (dref?.kind === 'Deployment') {
      const d = get('Deployment', dref.name);
      return d && d.metadata.uid === dref.uid ? { uid: d.metadata.uid!, replicas: d.spec?.replicas ?? 1 } : undefined;
    }
    return { uid: rs.metadata.uid!, replicas: rs.spec?.replicas ?? 1 };
  }
  if (ref.kind === 'ReplicationController' || ref.kind === 'StatefulSet') {
    const o = get(ref.kind, ref.name);
    return o && o.metadata.uid === ref.uid ? { uid: o.metadata.uid!, replicas: o.spec?.replicas ?? 1 } : undefined;
  }
  return undefined;
}

/** intstr.GetScaledValueFromIntOrPercent, rounding up. */
function scaled(v: number | string, total: number): number {
  if (typeof v === 'number') return v;
  const m = /^(-?\d+)%$/.exec(v);
  if (!m) throw new Error(`invalid value for IntOrString: invalid type: string is not a percentage`);
  return Math.ceil((Number(m[1]) * total) / 100);
}

class SyncError extends Error {}

function expected(r: Round, pdb: KObject, pods: KObject[]): { expectedCount: number; desiredHealthy: number; unmanaged: string[] } {
  const spec = pdb.spec ?? {};
  const scale = () => {
    const seen = new Map<string, number>();
    const unmanaged: string[] = [];
    for (const p of pods) {
      if (!p.metadata.ownerReferences?.some((o) => o.controller)) { unmanaged.push(p.metadata.name); continue; }
      const s = controllerScale(r, p);
      if (!s) throw new SyncError(`found no controllers for pod "${p.metadata.name}"`);
      seen.set(s.uid, s.replicas);
    }
    return { count: [...seen.values()].reduce((a, b) => a + b, 0), unmanaged };
  };
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    const { count, unmanaged } = scale();
    return { expectedCount: count, desiredHealthy: Math.max(0, count - scaled(spec.maxUnavailable, count)), unmanaged };
  }
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) {
    if (typeof spec.minAvailable === 'number') return { expectedCount: pods.length, desiredHealthy: spec.minAvailable, unmanaged: [] };
    const { count, unmanaged } = scale();
    return { expectedCount: count, desiredHealthy: scaled(spec.minAvailable, count), unmanaged };
  }
  return { expectedCount: 0, desiredHealthy: 0, unmanaged: [] };
}

function sync(r: Round, ns: string, name: string): void {
  const { api } = r;
  const pdb = api.get('PodDisruptionBudget', ns, name);
  if (!pdb || pdb.metadata.deletionTimestamp) return;
  const now = api.nowMs();
  const pods = api.list('Pod', ns).filter((p) => pdbSelects(pdb, p));
  if (!pods.length) api.recordEvent(pdb, 'Normal', 'NoPods', 'No matching pods found', 'controllermanager');
  let exp: ReturnType<typeof expected>;
  try {
    exp = expected(r, pdb, pods);
  } catch (e) {
    if (!(e instanceof SyncError || e instanceof Error)) throw e;
    api.recordEvent(pdb, 'Warning', 'CalculateExpectedPodCountFailed', `Failed to calculate the number of expected pods: ${e.message}`, 'controllermanager');
    // failSafe: no disruption allowed, and the condition says why
    const before = JSON.stringify(pdb.status ?? {});
    pdb.status = { ...(pdb.status ?? {}), disruptionsAllowed: 0 };
    setDisruptionAllowed(pdb, now, e.message);
    if (JSON.stringify(pdb.status) !== before) api.update(pdb, { status: true });
    return;
  }
  if (exp.unmanaged.length) {
    api.recordEvent(pdb, 'Warning', 'UnmanagedPods', `Pods selected by this PodDisruptionBudget (selector: ${selectorString(pdb.spec?.selector)}) were found to be unmanaged. As a result, the status of the PDB cannot be calculated correctly, which may result in undefined behavior. To account for these pods please set ".spec.minAvailable" field of the PDB to an integer value.`, 'controllermanager');
  }
  // buildDisruptedPodMap: evictions not yet seen through, until they time out
  const disrupted: Record<string, string> = {};
  let recheck: number | undefined;
  for (const p of pods) {
    if (p.metadata.deletionTimestamp) continue;
    const t = pdb.status?.disruptedPods?.[p.metadata.name];
    if (!t) continue;
    const due = Date.parse(t) + DELETION_TIMEOUT_MS;
    if (due < now) {
      api.recordEvent(p, 'Warning', 'NotDeleted', `Pod was expected by PDB ${ns}/${ns} to be deleted but it wasn't`, 'controllermanager');
    } else {
      disrupted[p.metadata.name] = t;
      if (recheck === undefined || due < recheck) recheck = due;
    }
  }
  const currentHealthy = pods.filter((p) => !p.metadata.deletionTimestamp && !(p.metadata.name in disrupted) && isPodReady(p)).length;
  let disruptionsAllowed = currentHealthy - exp.desiredHealthy;
  if (exp.expectedCount <= 0 || disruptionsAllowed <= 0) disruptionsAllowed = 0;
  const gen = pdb.metadata.generation ?? 1;
  const old = pdb.status ?? {};
  const status: any = {
    observedGeneration: gen,
    ...(Object.keys(disrupted).length ? { disruptedPods: disrupted } : {}),
    disruptionsAllowed, currentHealthy, desiredHealthy: exp.desiredHealthy, expectedPods: exp.expectedCount,
    conditions: structuredClone(old.conditions ?? []),
  };
  pdb.status = status;
  setDisruptionAllowed(pdb, now);
  if (JSON.stringify(pdb.status) !== JSON.stringify(old)) api.update(pdb, { status: true });
  if (recheck !== undefined) api.store.setTimer('PodDisruptionBudget', ns, name, recheck + 1);
}

/** Go's %v of a *metav1.LabelSelector (its generated String()). */
function selectorString(sel: any): string {
  if (!sel) return '<nil>';
  const ml = Object.keys(sel.matchLabels ?? {}).sort().map((k) => `${k}: ${sel.matchLabels[k]},`).join('');
  const me = (sel.matchExpressions ?? []).map((e: any) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[]string{${(e.values ?? []).map((v: string) => JSON.stringify(v)).join(',')}},},`).join('');
  return `&LabelSelector{MatchLabels:map[string]string{${ml}},MatchExpressions:[]LabelSelectorRequirement{${me}},}`;
}
