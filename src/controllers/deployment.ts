// Deployment controller: one ReplicaSet per pod template (<name>-<pod-template-hash>), scaled by
// the strategy (RollingUpdate with maxSurge/maxUnavailable, or Recreate), with revisions,
// conditions, status and ScalingReplicaSet events.
import type { KObject } from '../api/types';
import type { Round } from './context';
import { changesOf } from './context';
import { podTemplateHash } from '../api/names';
import { timestamp } from '../api/server';

const REV = 'deployment.kubernetes.io/revision';

export function deploymentController(r: Round): void {
  const keys = new Map<string, { ns: string; name: string }>();
  for (const c of changesOf(r, 'Deployment')) if (c.type !== 'DELETED') keys.set(`${c.obj.metadata.namespace}/${c.obj.metadata.name}`, { ns: c.obj.metadata.namespace!, name: c.obj.metadata.name });
  for (const c of changesOf(r, 'ReplicaSet')) {
    const ref = (c.obj.metadata.ownerReferences ?? []).find((x) => x.controller && x.kind === 'Deployment');
    if (ref) keys.set(`${c.obj.metadata.namespace}/${ref.name}`, { ns: c.obj.metadata.namespace!, name: ref.name });
  }
  for (const { ns, name } of keys.values()) syncDeployment(r, ns, name);
}

export function resolveIntOrPercent(v: any, total: number, roundUp: boolean): number {
  if (typeof v === 'number') return v;
  const m = /^(\d+)%$/.exec(String(v ?? '0'));
  if (!m) return Number(v) || 0;
  const x = (Number(m[1]) * total) / 100;
  return roundUp ? Math.ceil(x) : Math.floor(x);
}

const hashOf = (rs: KObject) => rs.metadata.labels?.['pod-template-hash'];
const revOf = (o: KObject) => Number(o.metadata.annotations?.[REV] ?? 0);

function syncDeployment(r: Round, ns: string, name: string): void {
  const { api } = r;
  const d = api.get('Deployment', ns, name);
  if (!d || d.metadata.deletionTimestamp) return;
  const desired: number = d.spec.replicas ?? 1;
  const hash = podTemplateHash(d.spec.template);
  const all = api.listOwnedBy(d, 'ReplicaSet');
  let newRS = all.find((rs) => hashOf(rs) === hash);
  const olds = all.filter((rs) => rs !== newRS);
  const maxOldRev = Math.max(0, ...olds.map(revOf));
  const paused = !!d.spec.paused;

  if (!newRS && !paused) {
    const revision = String(maxOldRev + 1);
    const labels = { ...(d.spec.template?.metadata?.labels ?? {}), 'pod-template-hash': hash };
    const template = structuredClone(d.spec.template ?? {});
    template.metadata = { ...(template.metadata ?? {}), labels };
    const surge = d.spec.strategy?.type === 'Recreate' ? 0 : resolveIntOrPercent(d.spec.strategy?.rollingUpdate?.maxSurge, desired, true);
    const oldTotal = olds.reduce((a, rs) => a + (rs.spec.replicas ?? 0), 0);
    let start = desired;
    if (d.spec.strategy?.type === 'Recreate') start = oldTotal > 0 ? 0 : desired;
    else if (oldTotal > 0) start = Math.max(0, Math.min(desired, desired + surge - oldTotal));
    newRS = api.create({
      apiVersion: 'apps/v1',
      kind: 'ReplicaSet',
      metadata: {
        name: `${d.metadata.name}-${hash}`,
        namespace: ns,
        labels,
        annotations: { 'deployment.kubernetes.io/desired-replicas': String(desired), 'deployment.kubernetes.io/max-replicas': String(desired + surge), [REV]: revision },
        ownerReferences: [{ apiVersion: 'apps/v1', kind: 'Deployment', name: d.metadata.name, uid: d.metadata.uid!, controller: true, blockOwnerDeletion: true }],
      },
      spec: {
        replicas: start,
        selector: { matchLabels: { ...(d.spec.selector?.matchLabels ?? {}), 'pod-template-hash': hash }, ...(d.spec.selector?.matchExpressions ? { matchExpressions: d.spec.selector.matchExpressions } : {}) },
        template,
        ...(d.spec.minReadySeconds ? { minReadySeconds: d.spec.minReadySeconds } : {}),
      },
    });
    if (start > 0) api.recordEvent(d, 'Normal', 'ScalingReplicaSet', `Scaled up replica set ${newRS.metadata.name} from 0 to ${start}`, 'deployment-controller');
  } else if (newRS && !paused && revOf(newRS) < maxOldRev) {
    // Rolled back to an older template: it becomes the newest revision.
    newRS.metadata.annotations = { ...(newRS.metadata.annotations ?? {}), [REV]: String(maxOldRev + 1) };
    newRS = api.update(newRS);
  }

  if (!paused && newRS) {
    const surge = d.spec.strategy?.type === 'Recreate' ? 0 : resolveIntOrPercent(d.spec.strategy?.rollingUpdate?.maxSurge, desired, true);
    let unavailable = d.spec.strategy?.type === 'Recreate' ? 0 : resolveIntOrPercent(d.spec.strategy?.rollingUpdate?.maxUnavailable, desired, false);
    if (surge === 0 && unavailable === 0 && d.spec.strategy?.type !== 'Recreate') unavailable = 1;
    const scale = (rs: KObject, to: number) => {
      const from = rs.spec.replicas ?? 0;
      if (from === to) return rs;
      rs.spec.replicas = to;
      rs.metadata.annotations = { ...(rs.metadata.annotations ?? {}), 'deployment.kubernetes.io/desired-replicas': String(desired), 'deployment.kubernetes.io/max-replicas': String(desired + surge) };
      const updated = api.update(rs);
      api.recordEvent(d, 'Normal', 'ScalingReplicaSet', `Scaled ${to > from ? 'up' : 'down'} replica set ${rs.metadata.name} from ${from} to ${to}`, 'deployment-controller');
      return updated;
    };
    const activeOlds = olds.filter((rs) => (rs.spec.replicas ?? 0) > 0);
    if (d.spec.strategy?.type === 'Recreate') {
      for (const rs of activeOlds) scale(rs, 0);
      const oldPodsLeft = olds.some((rs) => api.listOwnedBy(rs, 'Pod').length > 0);
      if (!oldPodsLeft) newRS = scale(newRS, desired);
    } else if (!activeOlds.length) {
      newRS = scale(newRS, desired);
    } else {
      // Rolling update: scale the new RS up within maxSurge ...
      const total = () => [newRS!, ...olds].reduce((a, rs) => a + (rs.spec.replicas ?? 0), 0);
      const cur = newRS.spec.replicas ?? 0;
      if (cur < desired) {
        const up = Math.min(desired + surge - total(), desired - cur);
        if (up > 0) newRS = scale(newRS, cur + up);
      } else if (cur > desired) newRS = scale(newRS, desired);
      // ... and the old ones down within maxUnavailable.
      const available = (rs: KObject) => rs.status?.availableReplicas ?? 0;
      const minAvailable = desired - unavailable;
      const newUnavailable = (newRS.spec.replicas ?? 0) - available(newRS);
      let allowed = total() - minAvailable - newUnavailable;
      // Old replicas that are not available can go first without hurting availability.
      for (const rs of activeOlds) {
        const notAvail = (rs.spec.replicas ?? 0) - available(rs);
        if (notAvail > 0) { scale(rs, (rs.spec.replicas ?? 0) - notAvail); }
      }
      allowed = [newRS, ...olds].reduce((a, rs) => a + (rs.spec.replicas ?? 0), 0) - minAvailable - newUnavailable;
      for (const rs of activeOlds.sort((a, b) => revOf(a) - revOf(b))) {
        if (allowed <= 0) break;
        const n = rs.spec.replicas ?? 0;
        if (n <= 0) continue;
        const down = Math.min(n, allowed);
        scale(rs, n - down);
        allowed -= down;
      }
    }
    // Keep only revisionHistoryLimit old replica sets that are scaled to zero.
    const limit = d.spec.revisionHistoryLimit ?? 10;
    const dead = olds.filter((rs) => (rs.spec.replicas ?? 0) === 0 && !(rs.status?.replicas)).sort((a, b) => revOf(a) - revOf(b));
    for (const rs of dead.slice(0, Math.max(0, dead.length - limit))) api.delete('ReplicaSet', ns, rs.metadata.name);
  }

  // Status
  const rsNow = api.listOwnedBy(d, 'ReplicaSet');
  const newNow = rsNow.find((rs) => hashOf(rs) === hash);
  const sum = (f: (rs: KObject) => number) => rsNow.reduce((a, rs) => a + f(rs), 0);
  const replicas = sum((rs) => rs.status?.replicas ?? 0);
  const updated = newNow?.status?.replicas ?? 0;
  const ready = sum((rs) => rs.status?.readyReplicas ?? 0);
  const availableN = sum((rs) => rs.status?.availableReplicas ?? 0);
  const unavailableN = Math.max(0, desired - availableN);
  const now = timestamp(api.nowMs());
  const prev = d.status ?? {};
  const cond = (type: string, status: string, reason: string, message: string) => {
    const old = (prev.conditions ?? []).find((c: any) => c.type === type);
    const same = old && old.status === status;
    return { type, status, lastUpdateTime: old && old.reason === reason && old.message === message ? old.lastUpdateTime : now, lastTransitionTime: same ? old.lastTransitionTime : now, reason, message };
  };
  const maxUnavail = d.spec.strategy?.type === 'Recreate' ? 0 : resolveIntOrPercent(d.spec.strategy?.rollingUpdate?.maxUnavailable, desired, false);
  const isAvailable = availableN >= desired - maxUnavail;
  const complete = newNow && updated === desired && replicas === desired && availableN === desired && (newNow.status?.availableReplicas ?? 0) === desired;
  const conditions = [
    isAvailable ? cond('Available', 'True', 'MinimumReplicasAvailable', 'Deployment has minimum availability.')
      : cond('Available', 'False', 'MinimumReplicasUnavailable', 'Deployment does not have minimum availability.'),
    paused ? cond('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused')
      : complete ? cond('Progressing', 'True', 'NewReplicaSetAvailable', `ReplicaSet "${newNow!.metadata.name}" has successfully progressed.`)
      : (prev.conditions ?? []).some((c: any) => c.type === 'Progressing' && c.reason === 'NewReplicaSetAvailable') && newNow && (prev.conditions ?? []).find((c: any) => c.type === 'Progressing').message === `ReplicaSet "${newNow.metadata.name}" has successfully progressed.`
        ? cond('Progressing', 'True', 'ReplicaSetUpdated', `ReplicaSet "${newNow.metadata.name}" is progressing.`)
        : newNow ? cond('Progressing', 'True', (prev.conditions ?? []).length ? 'ReplicaSetUpdated' : 'NewReplicaSetCreated', (prev.conditions ?? []).length ? `ReplicaSet "${newNow.metadata.name}" is progressing.` : `Created new replica set "${newNow.metadata.name}"`) : cond('Progressing', 'Unknown', 'DeploymentPaused', 'Deployment is paused'),
  ];
  // Conditions keep their original order in a real cluster: Available first once it exists.
  const status: any = { observedGeneration: d.metadata.generation ?? 1, replicas, updatedReplicas: updated, readyReplicas: ready, availableReplicas: availableN, unavailableReplicas: unavailableN, conditions };
  for (const k of ['replicas', 'updatedReplicas', 'readyReplicas', 'availableReplicas', 'unavailableReplicas']) if (!status[k]) delete status[k];
  const revision = newNow ? newNow.metadata.annotations?.[REV] : undefined;
  const annChanged = revision && d.metadata.annotations?.[REV] !== revision;
  if (annChanged) {
    d.metadata.annotations = { ...(d.metadata.annotations ?? {}), [REV]: revision! };
  }
  if (annChanged || JSON.stringify(status) !== JSON.stringify(prev)) {
    d.status = status;
    api.update(d, { status: !annChanged });
  }
}
