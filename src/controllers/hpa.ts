// Horizontal pod autoscaler (pkg/controller/podautoscaler/horizontal.go, 1.32) on a cluster
// without metrics-server, as kind is: the target's scale is read (AbleToScale), replicas outside
// minReplicas..maxReplicas are brought inside (SuccessfulRescale), and otherwise every metric
// fails to be fetched (ScalingActive False, FailedGetResourceMetric and
// FailedComputeMetricsReplicas events), so nothing else is scaled.
//
// The controller's work queue adds an HPA with the resync period as delay (a new HPA is first
// processed 15 s after it was created) and processes each one again every 15 s: a timer here.
import type { KObject } from '../api/types';
import type { Round } from './context';
import { changesOf, dueOf, SyncQueue } from './context';
import { timestamp } from '../api/server';
import { KINDS, qualifiedResource } from '../api/kinds';

const COMPONENT = 'horizontal-pod-autoscaler';
/** --horizontal-pod-autoscaler-sync-period */
export const HPA_SYNC_MS = 15000;
const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);
const NO_RESOURCE_METRICS = 'unable to fetch metrics from resource metrics API: the server could not find the requested resource (get pods.metrics.k8s.io)';

export function hpaController(r: Round): void {
  const keys = new SyncQueue();
  const now = r.api.nowMs();
  for (const c of changesOf(r, 'HorizontalPodAutoscaler')) {
    if (c.type === 'DELETED') continue;
    // enqueueHPA: AddRateLimited, with the resync period as the item's delay
    if (!c.old || c.old.metadata.generation !== c.obj.metadata.generation) r.api.store.setTimer('HorizontalPodAutoscaler', c.obj.metadata.namespace!, c.obj.metadata.name, now + HPA_SYNC_MS);
  }
  for (const d of dueOf(r, 'HorizontalPodAutoscaler')) keys.add(d.namespace, d.name);
  for (const { ns, name } of keys) reconcileAutoscaler(r, ns, name);
}

/** setCondition: lastTransitionTime moves only when the status does. */
function setCondition(hpa: KObject, type: string, status: string, reason: string, message: string, now: string): void {
  const list: any[] = (hpa.status.conditions ??= []);
  let c = list.find((x) => x.type === type);
  if (!c) { c = { type }; list.push(c); }
  if (c.status !== status) c.lastTransitionTime = now;
  Object.assign(c, { status, lastTransitionTime: c.lastTransitionTime, reason, message });
  // HorizontalPodAutoscalerCondition's field order
  const ordered = { type: c.type, status: c.status, lastTransitionTime: c.lastTransitionTime, reason: c.reason, message: c.message };
  list[list.indexOf(c)] = ordered;
}

/** The metrics of the spec (autoscaling/v2; a v1-shaped object's target CPU converted). */
function metricSpecs(hpa: KObject): any[] {
  const s = hpa.spec ?? {};
  if (Array.isArray(s.metrics) && s.metrics.length) return s.metrics;
  const cpu = s.targetCPUUtilizationPercentage ?? 80;
  return [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: cpu } } }];
}

/** computeReplicasForMetric without any metrics API: the error of each metric and its
 *  condition reason (the controller's own wording for each source type). */
function metricError(m: any, ns: string): { event: string; reason: string; err: string; wrapped: string } {
  switch (m.type) {
    case 'Resource': case 'ContainerResource': {
      const isC = m.type === 'ContainerResource';
      const src = (isC ? m.containerResource : m.resource) ?? {};
      const what = src.target?.averageValue !== undefined && src.target?.averageValue !== null ? 'usage' : 'utilization';
      const err = src.target?.averageValue === undefined && src.target?.averageUtilization === undefined
        ? 'invalid resource metric source: neither an average utilization target nor an average value (usage) target was set'
        : `failed to get ${src.name} ${what}: unable to get metrics for resource ${src.name}: ${NO_RESOURCE_METRICS}`;
      return isC
        ? { event: 'FailedGetContainerResourceMetric', reason: 'FailedGetContainerResourceMetric', err, wrapped: `failed to get ${src.name} container metric value: ${err}` }
        : { event: 'FailedGetResourceMetric', reason: 'FailedGetResourceMetric', err, wrapped: `failed to get ${src.name} resource metric value: ${err}` };
    }
    case 'Pods': {
      const err = `unable to get metric ${m.pods?.metric?.name ?? ''}: unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered`;
      return { event: 'FailedGetPodsMetric', reason: 'FailedGetPodsMetric', err, wrapped: `failed to get pods metric value: ${err}` };
    }
    case 'Object': {
      const err = `unable to get metric ${m.object?.metric?.name ?? ''}: ${m.object?.describedObject?.kind ?? ''} on ${ns} ${m.object?.describedObject?.name ?? ''}/unable to fetch metrics from custom metrics API: no custom metrics API (custom.metrics.k8s.io) registered`;
      return { event: 'FailedGetObjectMetric', reason: 'FailedGetObjectMetric', err, wrapped: `failed to get object metric value: ${err}` };
    }
    case 'External': {
      const err = `unable to get external metric ${ns}/${m.external?.metric?.name ?? ''}/nil: unable to fetch metrics from external metrics API: the server could not find the requested resource (get ${m.external?.metric?.name ?? ''}.external.metrics.k8s.io)`;
      return { event: 'FailedGetExternalMetric', reason: 'FailedGetExternalMetric', err, wrapped: `failed to get external metric value: ${err}` };
    }
    default: {
      const err = `unknown metric source type "${m.type ?? ''}"`;
      return { event: 'InvalidMetricSourceType', reason: 'InvalidMetricSourceType', err, wrapped: err };
    }
  }
}

function reconcileAutoscaler(r: Round, ns: string, name: string): void {
  const { api } = r;
  const hpa = api.get('HorizontalPodAutoscaler', ns, name);
  if (!hpa || hpa.metadata.deletionTimestamp) return;
  const nowMs = api.nowMs();
  const now = timestamp(nowMs);
  api.store.setTimer('HorizontalPodAutoscaler', ns, name, nowMs + HPA_SYNC_MS);
  const original = JSON.stringify(hpa.status ?? {});
  hpa.status = structuredClone(hpa.status ?? {});
  const spec = hpa.spec ?? {};
  const ref = spec.scaleTargetRef ?? {};
  const save = () => {
    const st = hpa.status;
    // HorizontalPodAutoscalerStatus's field order
    const status: any = {};
    if (st.lastScaleTime) status.lastScaleTime = st.lastScaleTime;
    if (st.currentReplicas) status.currentReplicas = st.currentReplicas;
    status.desiredReplicas = st.desiredReplicas ?? 0;
    status.currentMetrics = st.currentMetrics?.length ? st.currentMetrics : null; // no omitempty in autoscaling/v2
    if (st.conditions?.length) status.conditions = st.conditions;
    if (JSON.stringify(status) !== original) { hpa.status = status; api.update(hpa, { status: true }); }
  };
  const failScale = (err: string) => {
    api.recordEvent(hpa, 'Warning', 'FailedGetScale', err, COMPONENT);
    setCondition(hpa, 'AbleToScale', 'False', 'FailedGetScale', `the HPA controller was unable to get the target's current scale: ${err}`, now);
    save();
  };

  // the target's scale subresource
  const apiVersion: string = ref.apiVersion ?? '';
  const group = apiVersion.includes('/') ? apiVersion.split('/')[0] : '';
  const info = KINDS.find((k) => k.kind === ref.kind && k.group === group);
  if (!info) return failScale(`no matches for kind "${ref.kind ?? ''}" in group "${group}"`);
  const target = api.get(info.kind, ns, ref.name ?? '');
  if (!target) return failScale(`${qualifiedResource(info)} "${ref.name ?? ''}" not found`);
  if (!SCALABLE.has(info.kind)) return failScale('the server could not find the requested resource');
  setCondition(hpa, 'AbleToScale', 'True', 'SucceededGetScale', "the HPA controller was able to get the target's current scale", now);
  const currentReplicas: number = target.spec?.replicas ?? 1;
  const minReplicas: number = spec.minReplicas ?? 1;
  const maxReplicas: number = spec.maxReplicas ?? 0;

  let desired = 0, reason = '';
  if (currentReplicas === 0 && minReplicas !== 0) {
    // autoscaling is disabled for this resource
    setCondition(hpa, 'ScalingActive', 'False', 'ScalingDisabled', 'scaling is disabled since the replica count of the target is zero', now);
    Object.assign(hpa.status, { currentReplicas, desiredReplicas: currentReplicas, currentMetrics: undefined });
    return save();
  } else if (currentReplicas > maxReplicas) {
    reason = 'Current number of replicas above Spec.MaxReplicas';
    desired = maxReplicas;
  } else if (currentReplicas < minReplicas) {
    reason = 'Current number of replicas below Spec.MinReplicas';
    desired = minReplicas;
  } else {
    // computeReplicasForMetrics: the scale's selector, then each metric; with no metrics API
    // every metric is invalid
    const sel = info.kind === 'ReplicationController' ? target.spec?.selector : target.spec?.selector?.matchLabels ?? target.spec?.selector?.matchExpressions;
    if (!sel || !Object.keys(sel).length) {
      api.recordEvent(hpa, 'Warning', 'SelectorRequired', 'selector is required', COMPONENT);
      setCondition(hpa, 'ScalingActive', 'False', 'InvalidSelector', "the HPA target's scale is missing a selector", now);
      Object.assign(hpa.status, { currentReplicas, currentMetrics: undefined });
      save();
      api.recordEvent(hpa, 'Warning', 'FailedComputeMetricsReplicas', 'selector is required', COMPONENT);
      return;
    }
    const metrics = metricSpecs(hpa);
    let first: ReturnType<typeof metricError> | undefined;
    for (const m of metrics) {
      const e = metricError(m, ns);
      api.recordEvent(hpa, 'Warning', e.event, e.err, COMPONENT);
      first ??= e;
    }
    setCondition(hpa, 'ScalingActive', 'False', first!.reason, `the HPA was unable to compute the replica count: ${first!.err}`, now);
    // setCurrentReplicasAndMetricsInStatus: a MetricStatus per metric, each empty
    Object.assign(hpa.status, { currentReplicas, currentMetrics: metrics.map(() => ({ type: '' })) });
    save();
    api.recordEvent(hpa, 'Warning', 'FailedComputeMetricsReplicas', `invalid metrics (${metrics.length} invalid out of ${metrics.length}), first error is: ${first!.wrapped}`, COMPONENT);
    return;
  }
  // rescale: the target's scale subresource
  const t = structuredClone(target);
  t.spec.replicas = desired;
  try { api.update(t); } catch (e) {
    const msg = (e as Error).message;
    api.recordEvent(hpa, 'Warning', 'FailedRescale', `New size: ${desired}; reason: ${reason}; error: ${msg}`, COMPONENT);
    setCondition(hpa, 'AbleToScale', 'False', 'FailedUpdateScale', `the HPA controller was unable to update the target scale: ${msg}`, now);
    return save();
  }
  setCondition(hpa, 'AbleToScale', 'True', 'SucceededRescale', `the HPA controller was able to update the target scale to ${desired}`, now);
  api.recordEvent(hpa, 'Normal', 'SuccessfulRescale', `New size: ${desired}; reason: ${reason}`, COMPONENT);
  Object.assign(hpa.status, { currentReplicas, desiredReplicas: desired, lastScaleTime: now, currentMetrics: undefined });
  save();
}
