// Deployment controller, step for step as kubernetes' pkg/controller/deployment (1.32):
// one ReplicaSet per pod template (`<name>-<pod-template-hash>`), found by template (ignoring
// the hash label); revisions (deployment.kubernetes.io/revision, revision-history on rollback),
// the deployment's annotations (kubernetes.io/change-cause, ...) copied to its new ReplicaSet;
// RollingUpdate one step per sync (scale the new ReplicaSet up within maxSurge, else the old
// ones down within maxUnavailable, unhealthy ones first); Recreate (old ones to zero, wait for
// their pods to be gone, then the new one); proportional scaling of a rollout in progress;
// paused deployments (scaling only, no new ReplicaSet); old ReplicaSets kept at zero up to
// revisionHistoryLimit; status, conditions (Available, Progressing with progressDeadlineSeconds,
// ReplicaFailure) and ScalingReplicaSet events.
import type { KObject } from '../api/types';
import { ApiError } from '../api/types';
import type { Round } from './context';
import { changesOf, dueOf, SyncQueue } from './context';
import { podTemplateHash } from '../api/names';
import { timestamp } from '../api/server';

export const REVISION = 'deployment.kubernetes.io/revision';
export const REVISION_HISTORY = 'deployment.kubernetes.io/revision-history';
const DESIRED = 'deployment.kubernetes.io/desired-replicas';
const MAX_REPLICAS = 'deployment.kubernetes.io/max-replicas';
const HASH = 'pod-template-hash';
const MAX_REV_HISTORY_CHARS = 2000;
/** Annotations of a deployment that are not copied to its replica sets (and that `rollout
 *  undo` keeps on the deployment). */
export const ANNOTATIONS_TO_SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration', REVISION, REVISION_HISTORY, DESIRED, MAX_REPLICAS, 'deprecated.deployment.rollback.to',
]);

export function deploymentController(r: Round): void {
  const { api } = r;
  const keys = new SyncQueue();
  for (const c of changesOf(r, 'Deployment')) if (c.type !== 'DELETED') keys.addObject(c.obj);
  for (const c of changesOf(r, 'ReplicaSet')) keys.addController(c.obj, 'Deployment');
  // Recreate waits for the old pods to be gone: their removal is news to their deployment.
  const rsSeen = new Set<string>();
  for (const c of changesOf(r, 'Pod')) {
    if (c.type !== 'DELETED' && !c.obj.metadata.deletionTimestamp) continue;
    const ref = c.obj.metadata.ownerReferences?.find((x) => x.controller && x.kind === 'ReplicaSet');
    if (!ref) continue;
    const k = `${c.obj.metadata.namespace}/${ref.name}`;
    if (rsSeen.has(k)) continue;
    rsSeen.add(k);
    const rs = api.get('ReplicaSet', c.obj.metadata.namespace, ref.name);
    const dref = rs?.metadata.ownerReferences?.find((x) => x.controller && x.kind === 'Deployment');
    if (dref) {
      const d = api.get('Deployment', c.obj.metadata.namespace, dref.name);
      if (d?.spec?.strategy?.type === 'Recreate') keys.add(c.obj.metadata.namespace!, dref.name);
    }
  }
  for (const d of dueOf(r, 'Deployment')) keys.add(d.namespace, d.name);
  for (const { ns, name } of keys) syncDeployment(r, ns, name);
}

// ---- int-or-percent and the strategy's fenceposts -------------------------------------------

export function resolveIntOrPercent(v: any, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(String(v ?? '0'));
  if (!m) return Number(v) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

const isRolling = (d: KObject) => (d.spec?.strategy?.type ?? 'RollingUpdate') === 'RollingUpdate';
const replicasOf = (d: KObject): number => d.spec?.replicas ?? 1;

function fenceposts(d: KObject): { surge: number; unavailable: number } {
  const desired = replicasOf(d);
  const ru = d.spec?.strategy?.rollingUpdate ?? {};
  const surge = resolveIntOrPercent(ru.maxSurge ?? '25%', desired, true);
  let unavailable = resolveIntOrPercent(ru.maxUnavailable ?? '25%', desired, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}
export function maxSurge(d: KObject): number {
  return isRolling(d) ? fenceposts(d).surge : 0;
}
export function maxUnavailable(d: KObject): number {
  const desired = replicasOf(d);
  if (!isRolling(d) || desired === 0) return 0;
  return Math.min(fenceposts(d).unavailable, desired);
}

// ---- replica set helpers --------------------------------------------------------------------

const spec = (rs: KObject | undefined): number => rs?.spec?.replicas ?? 0;
const actual = (rs: KObject | undefined): number => rs?.status?.replicas ?? 0;
const available = (rs: KObject | undefined): number => rs?.status?.availableReplicas ?? 0;
const ready = (rs: KObject | undefined): number => rs?.status?.readyReplicas ?? 0;
const sum = (rss: (KObject | undefined)[], f: (rs: KObject | undefined) => number) => rss.reduce((a, rs) => a + (rs ? f(rs) : 0), 0);
const active = (rss: (KObject | undefined)[]) => rss.filter((rs): rs is KObject => !!rs && spec(rs) > 0);

/** The revision of a replica set or deployment (0 without one). */
export function revisionOf(o: KObject): number {
  const v = o.metadata.annotations?.[REVISION];
  return v && /^\d+$/.test(v) ? Number(v) : 0;
}

const byCreation = (a: KObject, b: KObject) => {
  const ta = a.metadata.creationTimestamp ?? '', tb = b.metadata.creationTimestamp ?? '';
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
};

/** JSON with sorted keys, for comparing templates by content. */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return '[' + v.map(canonical).join(',') + ']';
  if (v && typeof v === 'object') {
    return '{' + Object.keys(v as object).filter((k) => (v as any)[k] !== undefined).sort().map((k) => JSON.stringify(k) + ':' + canonical((v as any)[k])).join(',') + '}';
  }
  return JSON.stringify(v);
}

/** Two pod templates are the same apart from the pod-template-hash label. */
export function equalIgnoreHash(a: any, b: any): boolean {
  const strip = (t: any) => {
    const c = structuredClone(t ?? {});
    if (c.metadata?.labels) {
      delete c.metadata.labels[HASH];
      if (!Object.keys(c.metadata.labels).length) delete c.metadata.labels;
    }
    return canonical(c);
  };
  return strip(a) === strip(b);
}

/** The replica set whose template is the deployment's (the oldest, should there be several). */
export function findNewReplicaSet(d: KObject, rsList: KObject[]): KObject | undefined {
  const hash = podTemplateHash(d.spec?.template);
  const byHash = rsList.find((rs) => rs.metadata.labels?.[HASH] === hash && equalIgnoreHash(rs.spec?.template, d.spec?.template));
  if (byHash) return byHash;
  return [...rsList].sort(byCreation).find((rs) => equalIgnoreHash(rs.spec?.template, d.spec?.template));
}

// ---- conditions -----------------------------------------------------------------------------

interface Condition { type: string; status: string; lastUpdateTime: string; lastTransitionTime: string; reason: string; message: string }

const newCondition = (now: number, type: string, status: string, reason: string, message: string): Condition =>
  ({ type, status, lastUpdateTime: timestamp(now), lastTransitionTime: timestamp(now), reason, message });

const getCondition = (status: any, type: string): Condition | undefined => (status?.conditions ?? []).find((c: Condition) => c.type === type);

/** SetDeploymentCondition: a condition with the same status and reason is left alone; a
 *  changed one moves to the end, keeping lastTransitionTime when its status is the same. */
function setCondition(status: any, c: Condition): void {
  const cur = getCondition(status, c.type);
  if (cur && cur.status === c.status && cur.reason === c.reason) return;
  if (cur && cur.status === c.status) c.lastTransitionTime = cur.lastTransitionTime;
  status.conditions = [...(status.conditions ?? []).filter((x: Condition) => x.type !== c.type), c];
}
function removeCondition(status: any, type: string): void {
  if (!status.conditions) return;
  status.conditions = status.conditions.filter((x: Condition) => x.type !== type);
}

const hasProgressDeadline = (d: KObject) => d.spec?.progressDeadlineSeconds !== undefined && d.spec?.progressDeadlineSeconds !== null && d.spec.progressDeadlineSeconds !== 2147483647;

// ---- the sync --------------------------------------------------------------------------------

interface Ctx { r: Round; d: KObject; now: number }

/** A sync that met an error the controller reports and retries (its status is still written). */
class SyncStopped extends Error {}

function syncDeployment(r: Round, ns: string, name: string): void {
  const { api } = r;
  const d = api.get('Deployment', ns, name);
  if (!d || d.metadata.deletionTimestamp) return;
  if (!d.status) d.status = {};
  const x: Ctx = { r, d, now: api.nowMs() };
  const rsList = api.listOwnedBy(d, 'ReplicaSet');
  const before = JSON.stringify({ s: d.status, a: d.metadata.annotations });
  checkPausedConditions(x);
  try {
    if (d.spec?.paused) sync(x, rsList);
    else if (isScalingEvent(x, rsList)) sync(x, rsList);
    else if (d.spec?.strategy?.type === 'Recreate') rolloutRecreate(x, rsList);
    else rolloutRolling(x, rsList);
  } catch (e) {
    if (!(e instanceof SyncStopped)) throw e;
    api.store.setTimer('Deployment', ns, name, x.now + 10000);
  }
  if (JSON.stringify({ s: d.status, a: d.metadata.annotations }) !== before) api.update(d, { status: true });
}

function checkPausedConditions(x: Ctx): void {
  const { d } = x;
  if (!hasProgressDeadline(d)) return;
  const cond = getCondition(d.status, 'Progressing');
  if (cond?.reason === 'ProgressDeadlineExceeded') return;
  const pausedCond = cond?.reason === 'DeploymentPaused';
  if (d.spec?.paused && !pausedCond) setCondition(d.status, newCondition(x.now, 'Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused'));
  else if (!d.spec?.paused && pausedCond) setCondition(d.status, newCondition(x.now, 'Progressing', 'Unknown', 'DeploymentResumed', 'Deployment is resumed'));
}

/** getAllReplicaSetsAndSyncRevision: the new replica set (created when asked and missing) and
 *  the old ones, with revisions and annotations brought up to date. */
function getAllReplicaSets(x: Ctx, rsList: KObject[], create: boolean): { newRS?: KObject; olds: KObject[] } {
  const newRS = findNewReplicaSet(x.d, rsList);
  const olds = rsList.filter((rs) => rs !== newRS);
  return { newRS: getNewReplicaSet(x, rsList, olds, newRS, create), olds };
}

function getNewReplicaSet(x: Ctx, rsList: KObject[], olds: KObject[], existing: KObject | undefined, create: boolean): KObject | undefined {
  const { r, d } = x;
  const { api } = r;
  const maxOld = Math.max(0, ...olds.map(revisionOf));
  const newRevision = String(maxOld + 1);
  if (existing) {
    const annotationsUpdated = setNewReplicaSetAnnotations(d, existing, newRevision, true);
    const minReady = d.spec?.minReadySeconds ?? 0;
    if (annotationsUpdated || (existing.spec?.minReadySeconds ?? 0) !== minReady) {
      if (minReady) existing.spec.minReadySeconds = minReady; else delete existing.spec.minReadySeconds;
      api.update(existing);
      return existing;
    }
    setDeploymentRevision(d, existing.metadata.annotations?.[REVISION] ?? '');
    if (hasProgressDeadline(d) && !getCondition(d.status, 'Progressing')) {
      setCondition(d.status, newCondition(x.now, 'Progressing', 'True', 'FoundNewReplicaSet', `Found new replica set "${existing.metadata.name}"`));
    }
    return existing;
  }
  if (!create) return undefined;
  const template = structuredClone(d.spec?.template ?? {});
  let collisions = d.status?.collisionCount ?? 0;
  let hash = podTemplateHash(d.spec?.template, collisions);
  // A replica set of that name with another template: a hash collision.
  while (api.get('ReplicaSet', d.metadata.namespace, `${d.metadata.name}-${hash}`)) {
    collisions++;
    hash = podTemplateHash(d.spec?.template, collisions);
  }
  if (collisions !== (d.status?.collisionCount ?? 0)) d.status.collisionCount = collisions;
  template.metadata = { ...(template.metadata ?? {}), labels: { ...(template.metadata?.labels ?? {}), [HASH]: hash } };
  const selector = structuredClone(d.spec?.selector ?? {});
  selector.matchLabels = { ...(selector.matchLabels ?? {}), [HASH]: hash };
  const newRS: KObject = {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: {
      name: `${d.metadata.name}-${hash}`,
      namespace: d.metadata.namespace,
      labels: { ...template.metadata.labels },
      ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    },
    spec: {
      replicas: 0,
      ...(d.spec?.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}),
      selector,
      template,
    },
  };
  const count = newRSNewReplicas(d, [...olds, newRS], newRS);
  newRS.spec.replicas = count;
  setNewReplicaSetAnnotations(d, newRS, newRevision, false);
  let created: KObject;
  try { created = api.create(newRS); } catch (e) {
    // refused (a quota): the event and the Progressing condition say so; the sync stops here
    if (!(e instanceof ApiError)) throw e;
    const msg = `Failed to create new replica set "${newRS.metadata.name}": ${e.message}`;
    if (hasProgressDeadline(d)) setCondition(d.status, newCondition(x.now, 'Progressing', 'False', 'ReplicaSetCreateError', msg));
    api.recordEvent(d, 'Warning', 'ReplicaSetCreateError', msg, 'deployment-controller');
    throw new SyncStopped();
  }
  if (count > 0) api.recordEvent(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${created.metadata.name} from 0 to ${count}`, 'deployment-controller');
  setDeploymentRevision(d, newRevision);
  if (hasProgressDeadline(d)) {
    setCondition(d.status, newCondition(x.now, 'Progressing', 'True', 'NewReplicaSetCreated', `Created new replica set "${created.metadata.name}"`));
  }
  void rsList;
  return created;
}

function setDeploymentRevision(d: KObject, revision: string): boolean {
  if (!revision || d.metadata.annotations?.[REVISION] === revision) return false;
  d.metadata.annotations = { ...(d.metadata.annotations ?? {}), [REVISION]: revision };
  return true;
}

function copyDeploymentAnnotationsToReplicaSet(d: KObject, rs: KObject): boolean {
  let changed = false;
  const ann = (rs.metadata.annotations ??= {});
  for (const [k, v] of Object.entries(d.metadata.annotations ?? {})) {
    if (ANNOTATIONS_TO_SKIP.has(k) || ann[k] === v) continue;
    ann[k] = v;
    changed = true;
  }
  return changed;
}

function setReplicasAnnotations(rs: KObject, desired: number, max: number): boolean {
  const ann = (rs.metadata.annotations ??= {});
  let changed = false;
  if (ann[DESIRED] !== String(desired)) { ann[DESIRED] = String(desired); changed = true; }
  if (ann[MAX_REPLICAS] !== String(max)) { ann[MAX_REPLICAS] = String(max); changed = true; }
  return changed;
}
const replicasAnnotationsNeedUpdate = (rs: KObject, desired: number, max: number) =>
  rs.metadata.annotations?.[DESIRED] !== String(desired) || rs.metadata.annotations?.[MAX_REPLICAS] !== String(max);

function setNewReplicaSetAnnotations(d: KObject, rs: KObject, newRevision: string, exists: boolean): boolean {
  let changed = copyDeploymentAnnotationsToReplicaSet(d, rs);
  const ann = rs.metadata.annotations!;
  const had = REVISION in ann;
  const oldRevision = ann[REVISION] ?? '';
  let oldInt = 0;
  if (oldRevision !== '') {
    if (!/^\d+$/.test(oldRevision)) return false;
    oldInt = Number(oldRevision);
  }
  const newInt = Number(newRevision);
  if (oldInt < newInt) { ann[REVISION] = newRevision; changed = true; }
  if (had && oldInt < newInt) {
    const history = ann[REVISION_HISTORY] ?? '';
    let olds = history.split(',');
    if (!olds[0]) ann[REVISION_HISTORY] = oldRevision;
    else {
      let total = history.length + oldRevision.length + 1;
      let start = 0;
      while (total > MAX_REV_HISTORY_CHARS && start < olds.length) { total -= olds[start].length + 1; start++; }
      if (total <= MAX_REV_HISTORY_CHARS) { olds = [...olds.slice(start), oldRevision]; ann[REVISION_HISTORY] = olds.join(','); }
    }
  }
  if (!exists && setReplicasAnnotations(rs, replicasOf(d), replicasOf(d) + maxSurge(d))) changed = true;
  return changed;
}

function newRSNewReplicas(d: KObject, allRSs: KObject[], newRS: KObject): number {
  if (!isRolling(d)) return replicasOf(d);
  const current = sum(allRSs, spec);
  const maxTotal = replicasOf(d) + maxSurge(d);
  if (current >= maxTotal) return spec(newRS);
  const up = Math.min(maxTotal - current, replicasOf(d) - spec(newRS));
  return spec(newRS) + up;
}

/** Scale a replica set (and bring its desired/max annotations up to date); true when its size
 *  changed. */
function scaleReplicaSet(x: Ctx, rs: KObject, to: number, operation?: string): boolean {
  const { d, r } = x;
  const from = spec(rs);
  const sizeNeedsUpdate = from !== to;
  const desired = replicasOf(d), max = desired + maxSurge(d);
  if (!sizeNeedsUpdate && !replicasAnnotationsNeedUpdate(rs, desired, max)) return false;
  rs.spec.replicas = to;
  setReplicasAnnotations(rs, desired, max);
  r.api.update(rs);
  if (sizeNeedsUpdate) {
    const op = operation ?? (to > from ? 'up' : 'down');
    r.api.recordEvent(d, 'Normal', 'ScalingReplicaSet', `Scaled ${op} replica set ${rs.metadata.name} from ${from} to ${to}`, 'deployment-controller');
  }
  return sizeNeedsUpdate;
}
function scaleAndRecord(x: Ctx, rs: KObject, to: number): boolean {
  if (spec(rs) === to) return false;
  return scaleReplicaSet(x, rs, to, to > spec(rs) ? 'up' : 'down');
}

// ---- RollingUpdate --------------------------------------------------------------------------

function rolloutRolling(x: Ctx, rsList: KObject[]): void {
  const { newRS, olds } = getAllReplicaSets(x, rsList, true);
  const all = [...olds, ...(newRS ? [newRS] : [])];
  if (newRS && reconcileNewReplicaSet(x, all, newRS)) return syncRolloutStatus(x, all, newRS);
  if (newRS && reconcileOldReplicaSets(x, all, active(olds), newRS)) return syncRolloutStatus(x, all, newRS);
  if (deploymentComplete(x.d, x.d.status)) cleanupDeployment(x, olds);
  syncRolloutStatus(x, all, newRS);
}

function reconcileNewReplicaSet(x: Ctx, all: KObject[], newRS: KObject): boolean {
  const desired = replicasOf(x.d);
  if (spec(newRS) === desired) return false;
  if (spec(newRS) > desired) return scaleAndRecord(x, newRS, desired);
  return scaleAndRecord(x, newRS, newRSNewReplicas(x.d, all, newRS));
}

function reconcileOldReplicaSets(x: Ctx, all: KObject[], olds: KObject[], newRS: KObject): boolean {
  const oldPods = sum(olds, spec);
  if (oldPods === 0) return false;
  const allPods = sum(all, spec);
  const minAvailable = replicasOf(x.d) - maxUnavailable(x.d);
  const newUnavailable = spec(newRS) - available(newRS);
  const maxScaledDown = allPods - minAvailable - newUnavailable;
  if (maxScaledDown <= 0) return false;
  // Unhealthy old replicas go first: they would block the rollout otherwise.
  const cleaned = cleanupUnhealthyReplicas(x, olds, maxScaledDown);
  const scaled = scaleDownOldReplicaSetsForRollingUpdate(x, [...olds, newRS], olds);
  return cleaned + scaled > 0;
}

function cleanupUnhealthyReplicas(x: Ctx, olds: KObject[], maxCleanup: number): number {
  let total = 0;
  for (const rs of [...olds].sort(byCreation)) {
    if (total >= maxCleanup) break;
    if (spec(rs) === 0 || spec(rs) === available(rs)) continue;
    const down = Math.min(maxCleanup - total, spec(rs) - available(rs));
    scaleAndRecord(x, rs, spec(rs) - down);
    total += down;
  }
  return total;
}

function scaleDownOldReplicaSetsForRollingUpdate(x: Ctx, all: KObject[], olds: KObject[]): number {
  const minAvailable = replicasOf(x.d) - maxUnavailable(x.d);
  const availableNow = sum(all, available);
  if (availableNow <= minAvailable) return 0;
  const target = availableNow - minAvailable;
  let total = 0;
  for (const rs of [...olds].sort(byCreation)) {
    if (total >= target) break;
    if (spec(rs) === 0) continue;
    const down = Math.min(spec(rs), target - total);
    scaleAndRecord(x, rs, spec(rs) - down);
    total += down;
  }
  return total;
}

// ---- Recreate -------------------------------------------------------------------------------

function rolloutRecreate(x: Ctx, rsList: KObject[]): void {
  let { newRS, olds } = getAllReplicaSets(x, rsList, false);
  let all = [...olds, ...(newRS ? [newRS] : [])];
  let scaledDown = false;
  for (const rs of active(olds)) if (scaleAndRecord(x, rs, 0)) scaledDown = true;
  if (scaledDown) return syncRolloutStatus(x, all, newRS);
  if (oldPodsRunning(x, newRS, olds)) return syncRolloutStatus(x, all, newRS);
  if (!newRS) {
    ({ newRS, olds } = getAllReplicaSets(x, rsList, true));
    all = [...olds, ...(newRS ? [newRS] : [])];
  }
  if (newRS) scaleAndRecord(x, newRS, replicasOf(x.d));
  if (deploymentComplete(x.d, x.d.status)) cleanupDeployment(x, olds);
  syncRolloutStatus(x, all, newRS);
}

function oldPodsRunning(x: Ctx, newRS: KObject | undefined, olds: KObject[]): boolean {
  if (sum(olds, actual) > 0) return true;
  for (const rs of olds) {
    if (newRS && rs.metadata.uid === newRS.metadata.uid) continue;
    for (const p of x.r.api.listOwnedBy(rs, 'Pod')) {
      if (p.status?.phase === 'Failed' || p.status?.phase === 'Succeeded') continue;
      return true;
    }
  }
  return false;
}

// ---- scaling (sync) -------------------------------------------------------------------------

function isScalingEvent(x: Ctx, rsList: KObject[]): boolean {
  const { newRS, olds } = getAllReplicaSets(x, rsList, false);
  for (const rs of active([...olds, newRS])) {
    const v = rs.metadata.annotations?.[DESIRED];
    if (v === undefined || !/^\d+$/.test(v)) continue;
    if (Number(v) !== replicasOf(x.d)) return true;
  }
  return false;
}

function sync(x: Ctx, rsList: KObject[]): void {
  const { newRS, olds } = getAllReplicaSets(x, rsList, false);
  scale(x, newRS, olds);
  if (x.d.spec?.paused) cleanupDeployment(x, olds);
  syncDeploymentStatus(x, [...olds, ...(newRS ? [newRS] : [])], newRS);
}

function findActiveOrLatest(newRS: KObject | undefined, olds: KObject[]): KObject | undefined {
  if (!newRS && !olds.length) return undefined;
  const sorted = [...olds].sort(byCreation).reverse();
  const act = active([...sorted, newRS]);
  if (act.length === 0) return newRS ?? sorted[0];
  if (act.length === 1) return act[0];
  return undefined;
}

function isSaturated(d: KObject, rs: KObject | undefined): boolean {
  if (!rs) return false;
  const v = rs.metadata.annotations?.[DESIRED];
  if (v === undefined || !/^\d+$/.test(v)) return false;
  return spec(rs) === replicasOf(d) && Number(v) === replicasOf(d) && available(rs) === replicasOf(d);
}

function scale(x: Ctx, newRS: KObject | undefined, olds: KObject[]): void {
  const { d } = x;
  const desired = replicasOf(d);
  const target = findActiveOrLatest(newRS, olds);
  if (target) {
    if (spec(target) !== desired) scaleAndRecord(x, target, desired);
    return;
  }
  if (isSaturated(d, newRS)) {
    for (const rs of active(olds)) scaleAndRecord(x, rs, 0);
    return;
  }
  if (!isRolling(d)) return;
  // Proportional scaling of a rollout in progress.
  const all = active([...olds, newRS]);
  const allReplicas = sum(all, spec);
  const allowed = desired > 0 ? desired + maxSurge(d) : 0;
  const toAdd = allowed - allReplicas;
  let operation: string | undefined;
  if (toAdd > 0) { all.sort((a, b) => spec(b) - spec(a) || -byCreation(a, b)); operation = 'up'; }
  else if (toAdd < 0) { all.sort((a, b) => spec(b) - spec(a) || byCreation(a, b)); operation = 'down'; }
  let added = 0;
  const sizes = new Map<string, number>();
  for (const rs of all) {
    if (toAdd !== 0) {
      const p = proportion(d, rs, toAdd, added);
      sizes.set(rs.metadata.name, spec(rs) + p);
      added += p;
    } else sizes.set(rs.metadata.name, spec(rs));
  }
  all.forEach((rs, i) => {
    if (i === 0 && toAdd !== 0) sizes.set(rs.metadata.name, Math.max(0, sizes.get(rs.metadata.name)! + toAdd - added));
    scaleReplicaSet(x, rs, sizes.get(rs.metadata.name)!, operation);
  });
}

function proportion(d: KObject, rs: KObject, toAdd: number, added: number): number {
  if (spec(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  let fraction: number;
  if (replicasOf(d) === 0) fraction = -spec(rs);
  else {
    const deploymentReplicas = replicasOf(d) + maxSurge(d);
    const ann = rs.metadata.annotations?.[MAX_REPLICAS];
    const annotated = ann !== undefined && /^\d+$/.test(ann) ? Number(ann) : (d.status?.replicas ?? 0);
    fraction = annotated ? Math.round((spec(rs) * deploymentReplicas) / annotated) - spec(rs) : 0;
  }
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}

/** Old replica sets at zero beyond revisionHistoryLimit are deleted, oldest revision first. */
function cleanupDeployment(x: Ctx, olds: KObject[]): void {
  const { d, r } = x;
  const limit = d.spec?.revisionHistoryLimit;
  if (limit === undefined || limit === null) return;
  const alive = olds.filter((rs) => !rs.metadata.deletionTimestamp);
  const diff = alive.length - limit;
  if (diff <= 0) return;
  const sorted = [...alive].sort((a, b) => revisionOf(a) - revisionOf(b) || byCreation(a, b));
  for (let i = 0; i < diff; i++) {
    const rs = sorted[i];
    if (actual(rs) !== 0 || spec(rs) !== 0 || (rs.metadata.generation ?? 1) > (rs.status?.observedGeneration ?? 0) || rs.metadata.deletionTimestamp) continue;
    r.api.delete('ReplicaSet', rs.metadata.namespace, rs.metadata.name);
  }
}

// ---- status ---------------------------------------------------------------------------------

function calculateStatus(x: Ctx, all: (KObject | undefined)[], newRS: KObject | undefined): any {
  const { d } = x;
  const availableN = sum(all, available);
  const total = sum(all, spec);
  const status: any = {
    observedGeneration: d.metadata.generation ?? 1,
    replicas: sum(all, actual),
    updatedReplicas: actual(newRS),
    readyReplicas: sum(all, ready),
    availableReplicas: availableN,
    unavailableReplicas: Math.max(0, total - availableN),
    conditions: [...(d.status?.conditions ?? []).map((c: Condition) => ({ ...c }))],
    ...(d.status?.collisionCount !== undefined ? { collisionCount: d.status.collisionCount } : {}),
  };
  if (availableN >= replicasOf(d) - maxUnavailable(d)) {
    setCondition(status, newCondition(x.now, 'Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.'));
  } else {
    setCondition(status, newCondition(x.now, 'Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'));
  }
  return status;
}

/** The status fields that are omitted when zero. */
function tidy(status: any): any {
  for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']) if (!status[k]) delete status[k];
  if (status.conditions && !status.conditions.length) delete status.conditions;
  return status;
}

function deploymentComplete(d: KObject, st: any): boolean {
  const n = replicasOf(d);
  return (st?.updatedReplicas ?? 0) === n && (st?.replicas ?? 0) === n && (st?.availableReplicas ?? 0) === n && (st?.observedGeneration ?? 0) >= (d.metadata.generation ?? 1);
}

function deploymentProgressing(d: KObject, st: any): boolean {
  const old = d.status ?? {};
  const oldOld = (old.replicas ?? 0) - (old.updatedReplicas ?? 0);
  const newOld = (st.replicas ?? 0) - (st.updatedReplicas ?? 0);
  return (st.updatedReplicas ?? 0) > (old.updatedReplicas ?? 0) || newOld < oldOld ||
    (st.readyReplicas ?? 0) > (old.readyReplicas ?? 0) || (st.availableReplicas ?? 0) > (old.availableReplicas ?? 0);
}

function deploymentTimedOut(x: Ctx, st: any): boolean {
  if (!hasProgressDeadline(x.d)) return false;
  const c = getCondition(st, 'Progressing');
  if (!c || c.reason === 'NewReplicaSetAvailable') return false;
  if (c.reason === 'ProgressDeadlineExceeded') return true;
  return Date.parse(c.lastUpdateTime) + x.d.spec.progressDeadlineSeconds * 1000 < x.now;
}

function syncRolloutStatus(x: Ctx, all: (KObject | undefined)[], newRS: KObject | undefined): void {
  const { d } = x;
  const st = calculateStatus(x, all, newRS);
  if (!hasProgressDeadline(d)) removeCondition(st, 'Progressing');
  const cur = getCondition(d.status, 'Progressing');
  const isComplete = (st.replicas ?? 0) === (st.updatedReplicas ?? 0) && cur?.reason === 'NewReplicaSetAvailable';
  if (hasProgressDeadline(d) && !isComplete) {
    if (deploymentComplete(d, st)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has successfully progressed.` : `Deployment "${d.metadata.name}" has successfully progressed.`;
      setCondition(st, newCondition(x.now, 'Progressing', 'True', 'NewReplicaSetAvailable', msg));
    } else if (deploymentProgressing(d, st)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" is progressing.` : `Deployment "${d.metadata.name}" is progressing.`;
      const c = newCondition(x.now, 'Progressing', 'True', 'ReplicaSetUpdated', msg);
      const old = getCondition(st, 'Progressing');
      if (old) {
        if (old.status === 'True') c.lastTransitionTime = old.lastTransitionTime;
        removeCondition(st, 'Progressing');
      }
      setCondition(st, c);
    } else if (deploymentTimedOut(x, st)) {
      const msg = newRS ? `ReplicaSet "${newRS.metadata.name}" has timed out progressing.` : `Deployment "${d.metadata.name}" has timed out progressing.`;
      setCondition(st, newCondition(x.now, 'Progressing', 'False', 'ProgressDeadlineExceeded', msg));
    }
  }
  // ReplicaFailure from the replica sets.
  const failure = [...all, newRS].map((rs) => getCondition(rs?.status, 'ReplicaFailure')).find((c) => c && c.status === 'True');
  if (failure) setCondition(st, newCondition(x.now, 'ReplicaFailure', failure.status, failure.reason, failure.message));
  else removeCondition(st, 'ReplicaFailure');
  tidy(st);
  if (JSON.stringify(st) === JSON.stringify(d.status)) { requeueStuck(x, st); return; }
  d.status = st;
  requeueStuck(x, st);
}

/** A rollout that is not complete is looked at again when its progress deadline runs out. */
function requeueStuck(x: Ctx, st: any): void {
  const { d, r } = x;
  const c = getCondition(st, 'Progressing');
  if (!hasProgressDeadline(d) || !c || c.reason === 'NewReplicaSetAvailable' || c.reason === 'ProgressDeadlineExceeded') return;
  if (deploymentComplete(d, st)) return;
  const at = Date.parse(c.lastUpdateTime) + d.spec.progressDeadlineSeconds * 1000 + 1000;
  if (Number.isFinite(at)) r.api.store.setTimer('Deployment', d.metadata.namespace!, d.metadata.name, Math.max(at, x.now + 1));
}

function syncDeploymentStatus(x: Ctx, all: (KObject | undefined)[], newRS: KObject | undefined): void {
  const st = tidy(calculateStatus(x, all, newRS));
  if (JSON.stringify(st) !== JSON.stringify(x.d.status)) x.d.status = st;
}
