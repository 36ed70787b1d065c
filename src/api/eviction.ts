// The pods/eviction subresource (pkg/registry/core/pod/storage/eviction.go): a pod is deleted
// unless the one PodDisruptionBudget that selects it allows no disruption (429 TooManyRequests,
// "Cannot evict pod as it would violate the pod's disruption budget."); an allowed eviction
// spends one of the budget's disruptionsAllowed and records the pod in status.disruptedPods
// until the disruption controller sees it go. Terminal, pending and terminating pods are deleted
// without asking. Used by `kubectl drain` and by the HTTP API server.
import type { Api } from './server';
import { timestamp, notFound } from './server';
import { ApiError, KObject } from './types';
import { kindInfo } from './kinds';
import { matchLabels, selectorFromLabelSelector } from './selectors';

const VIOLATION = "Cannot evict pod as it would violate the pod's disruption budget.";
/** MaxDisruptedPodSize: evictions the controller has not yet confirmed, at most. */
const MAX_DISRUPTED = 2000;

const ready = (p: KObject) => !!p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True');

/** metav1.LabelSelectorAsSelector: no selector selects nothing, an empty one everything. */
export function pdbSelects(pdb: KObject, pod: KObject): boolean {
  const sel = pdb.spec?.selector;
  if (!sel) return false;
  try { return matchLabels(selectorFromLabelSelector(sel), pod.metadata.labels); } catch { return false; }
}

/** pdbhelper.UpdateDisruptionAllowedCondition, with apimeta.SetStatusCondition's rules. */
export function setDisruptionAllowed(pdb: KObject, nowMs: number, failure?: string): void {
  const st = pdb.status;
  const allowed = !failure && (st.disruptionsAllowed ?? 0) > 0;
  const want = {
    type: 'DisruptionAllowed', status: allowed ? 'True' : 'False', observedGeneration: failure ? (st.observedGeneration ?? 0) : st.observedGeneration,
    reason: failure ? 'SyncFailed' : allowed ? 'SufficientPods' : 'InsufficientPods', message: failure ?? '',
  };
  const conds: any[] = (st.conditions ??= []);
  const cur = conds.find((c) => c.type === want.type);
  if (!cur) { conds.push({ type: want.type, status: want.status, observedGeneration: want.observedGeneration, lastTransitionTime: timestamp(nowMs), reason: want.reason, message: want.message }); return; }
  if (cur.status !== want.status) { cur.status = want.status; cur.lastTransitionTime = timestamp(nowMs); }
  cur.reason = want.reason; cur.message = want.message; cur.observedGeneration = want.observedGeneration;
}

function tooManyRequests(cause: string): ApiError {
  return new ApiError('TooManyRequests', VIOLATION, 429, { causes: [{ field: '', reason: 'DisruptionBudget', message: cause }] });
}

/** checkAndDecrement. */
function checkAndDecrement(api: Api, pdb: KObject, podName: string, dryRun: boolean): void {
  const st = pdb.status ?? {};
  if ((st.observedGeneration ?? 0) < (pdb.metadata.generation ?? 1)) throw tooManyRequests(`The disruption budget ${pdb.metadata.name} is still being processed by the server.`);
  const forbidden = (msg: string) => new ApiError('Forbidden', `poddisruptionbudget.policy "${pdb.metadata.name}" is forbidden: ${msg}`, 403, { kind: 'poddisruptionbudget', group: 'policy', name: pdb.metadata.name });
  if ((st.disruptionsAllowed ?? 0) < 0) throw forbidden('pdb disruptions allowed is negative');
  if (Object.keys(st.disruptedPods ?? {}).length > MAX_DISRUPTED) throw forbidden('DisruptedPods map too big - too many evictions not confirmed by PDB controller');
  if ((st.disruptionsAllowed ?? 0) === 0) throw tooManyRequests(`The disruption budget ${pdb.metadata.name} needs ${st.desiredHealthy ?? 0} healthy pods and has ${st.currentHealthy ?? 0} currently`);
  st.disruptionsAllowed--;
  if (st.disruptionsAllowed === 0) setDisruptionAllowed(pdb, api.nowMs());
  if (dryRun) return;
  st.disruptedPods = { ...(st.disruptedPods ?? {}), [podName]: timestamp(api.nowMs()) };
  pdb.status = st;
  api.update(pdb, { status: true });
}

/** Evict a pod (POST pods/NAME/eviction). Throws the API server's errors. */
export function evictPod(api: Api, namespace: string, name: string, opts: { gracePeriodSeconds?: number; dryRun?: boolean } = {}): void {
  const pod = api.get('Pod', namespace, name);
  if (!pod) throw notFound(kindInfo('Pod'), name);
  const phase = pod.status?.phase;
  const ignorePdb = phase === 'Succeeded' || phase === 'Failed' || phase === 'Pending' || !!pod.metadata.deletionTimestamp;
  if (!ignorePdb) {
    const pdbs = api.list('PodDisruptionBudget', namespace).filter((b) => pdbSelects(b, pod));
    if (pdbs.length > 1) throw new ApiError('', 'This pod has more than one PodDisruptionBudget, which the eviction subresource does not support.', 500);
    if (pdbs.length === 1) {
      const pdb = pdbs[0];
      const st = pdb.status ?? {};
      // An unready pod does not count as healthy: it may go when the budget is met anyway.
      const unhealthyMayGo = !ready(pod) && (pdb.spec?.unhealthyPodEvictionPolicy === 'AlwaysAllow' || ((st.currentHealthy ?? 0) >= (st.desiredHealthy ?? 0) && (st.desiredHealthy ?? 0) > 0));
      if (!unhealthyMayGo) checkAndDecrement(api, pdb, name, !!opts.dryRun);
    }
  }
  if (opts.dryRun) return;
  // addConditionAndDeletePod: the pod says why it goes, then is deleted gracefully
  const conds: any[] = pod.status?.conditions ?? [];
  const target = { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: timestamp(api.nowMs()), reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' };
  const i = conds.findIndex((c) => c.type === 'DisruptionTarget');
  if (i < 0 || conds[i].status !== 'True') {
    pod.status = { ...(pod.status ?? {}), conditions: i < 0 ? [...conds, target] : conds.map((c, j) => (j === i ? target : c)) };
    api.update(pod, { status: true });
  }
  api.delete('Pod', namespace, name, { gracePeriodSeconds: opts.gracePeriodSeconds });
}
