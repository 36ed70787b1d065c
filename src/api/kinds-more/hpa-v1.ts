// autoscaling/v1 HorizontalPodAutoscaler beside v2: one stored object (v2, the storage version),
// converted on read and write of v1 as pkg/apis/autoscaling/v1/conversion.go does at 1.32 — the CPU
// utilization target in spec.targetCPUUtilizationPercentage, everything v1 cannot say kept in the
// autoscaling.alpha.kubernetes.io/* annotations.
import type { KObject } from '../types';
import type { KindInfo } from '../kinds';

const METRICS = 'autoscaling.alpha.kubernetes.io/metrics';
const CURRENT = 'autoscaling.alpha.kubernetes.io/current-metrics';
const CONDITIONS = 'autoscaling.alpha.kubernetes.io/conditions';
const BEHAVIOR = 'autoscaling.alpha.kubernetes.io/behavior';
const ROUND_TRIP = [METRICS, CURRENT, CONDITIONS, BEHAVIOR];

const isHpaV1 = (info: Pick<KindInfo, 'kind' | 'group' | 'version'>) => info.kind === 'HorizontalPodAutoscaler' && info.group === 'autoscaling' && info.version === 'v1';

/** The object as that version of the API serves it. */
export function asVersion<T extends KObject | undefined>(info: Pick<KindInfo, 'kind' | 'group' | 'version'>, o: T): T {
  return (o && isHpaV1(info) && o.apiVersion !== 'autoscaling/v1' ? toV1(o) : o) as T;
}

const isCpuUtilization = (m: any) => m?.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.target?.averageUtilization != null;

// v2 <-> v1 MetricSpec / MetricStatus (v1's are the v2beta1 shapes), keys in Go struct order
function specToV1(m: any): any {
  switch (m.type) {
    case 'Resource': return { type: 'Resource', resource: { name: m.resource?.name, ...resourceTarget(m.resource?.target) } };
    case 'ContainerResource': return { type: 'ContainerResource', containerResource: { name: m.containerResource?.name, ...resourceTarget(m.containerResource?.target), container: m.containerResource?.container } };
    case 'Pods': return { type: 'Pods', pods: { metricName: m.pods?.metric?.name, targetAverageValue: m.pods?.target?.averageValue ?? '0', ...(m.pods?.metric?.selector ? { selector: m.pods.metric.selector } : {}) } };
    case 'Object': return { type: 'Object', object: { target: m.object?.describedObject, metricName: m.object?.metric?.name, targetValue: m.object?.target?.value ?? '0', ...(m.object?.metric?.selector ? { selector: m.object.metric.selector } : {}), ...(m.object?.target?.averageValue != null ? { averageValue: m.object.target.averageValue } : {}) } };
    case 'External': return { type: 'External', external: { metricName: m.external?.metric?.name, ...(m.external?.metric?.selector ? { metricSelector: m.external.metric.selector } : {}), ...(m.external?.target?.value != null ? { targetValue: m.external.target.value } : {}), ...(m.external?.target?.averageValue != null ? { targetAverageValue: m.external.target.averageValue } : {}) } };
    default: return m;
  }
}
function resourceTarget(t: any): any {
  return { ...(t?.averageUtilization != null ? { targetAverageUtilization: t.averageUtilization } : {}), ...(t?.averageValue != null ? { targetAverageValue: t.averageValue } : {}) };
}
function specToV2(m: any): any {
  const rt = (r: any) => (r?.targetAverageUtilization != null ? { type: 'Utilization', averageUtilization: r.targetAverageUtilization } : { type: 'AverageValue', averageValue: r?.targetAverageValue });
  switch (m.type) {
    case 'Resource': return { type: 'Resource', resource: { name: m.resource?.name, target: rt(m.resource) } };
    case 'ContainerResource': return { type: 'ContainerResource', containerResource: { name: m.containerResource?.name, target: rt(m.containerResource), container: m.containerResource?.container } };
    case 'Pods': return { type: 'Pods', pods: { metric: { name: m.pods?.metricName, ...(m.pods?.selector ? { selector: m.pods.selector } : {}) }, target: { type: 'AverageValue', averageValue: m.pods?.targetAverageValue } } };
    case 'Object': return { type: 'Object', object: { describedObject: m.object?.target, metric: { name: m.object?.metricName, ...(m.object?.selector ? { selector: m.object.selector } : {}) }, target: m.object?.averageValue != null ? { type: 'AverageValue', averageValue: m.object.averageValue } : { type: 'Value', value: m.object?.targetValue } } };
    case 'External': return { type: 'External', external: { metric: { name: m.external?.metricName, ...(m.external?.metricSelector ? { selector: m.external.metricSelector } : {}) }, target: m.external?.targetAverageValue != null ? { type: 'AverageValue', averageValue: m.external.targetAverageValue } : { type: 'Value', value: m.external?.targetValue } } };
    default: return m;
  }
}
function statusToV1(m: any): any {
  if (m.type === 'Resource') return { type: 'Resource', resource: { name: m.resource?.name, ...(m.resource?.current?.averageUtilization != null ? { currentAverageUtilization: m.resource.current.averageUtilization } : {}), currentAverageValue: m.resource?.current?.averageValue ?? '0' } };
  return m;
}
function statusToV2(m: any): any {
  if (m.type === 'Resource') return { type: 'Resource', resource: { name: m.resource?.name, current: { ...(m.resource?.currentAverageValue != null ? { averageValue: m.resource.currentAverageValue } : {}), ...(m.resource?.currentAverageUtilization != null ? { averageUtilization: m.resource.currentAverageUtilization } : {}) } } };
  return m;
}
const condition = (c: any) => ({ type: c.type, status: c.status, lastTransitionTime: c.lastTransitionTime ?? null, ...(c.reason ? { reason: c.reason } : {}), ...(c.message ? { message: c.message } : {}) });

/** Convert_autoscaling_HorizontalPodAutoscaler_To_v1_HorizontalPodAutoscaler (from the stored v2). */
export function toV1(o: KObject): KObject {
  const s = o.spec ?? {}, st = o.status ?? {};
  const ann: Record<string, string> = { ...(o.metadata.annotations ?? {}) };
  for (const k of ROUND_TRIP) delete ann[k];
  const metrics: any[] = s.metrics ?? [];
  const cpu = metrics.find(isCpuUtilization);
  const others = metrics.filter((m) => !isCpuUtilization(m));
  if (others.length) ann[METRICS] = JSON.stringify(others.map(specToV1));
  if ((st.currentMetrics ?? []).length) ann[CURRENT] = JSON.stringify(st.currentMetrics.map(statusToV1));
  if (s.behavior) ann[BEHAVIOR] = JSON.stringify(s.behavior);
  if ((st.conditions ?? []).length) ann[CONDITIONS] = JSON.stringify(st.conditions.map(condition));
  const curCpu = (st.currentMetrics ?? []).find((m: any) => m.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.current?.averageUtilization != null);
  const metadata = { ...o.metadata };
  if (Object.keys(ann).length) metadata.annotations = ann; else delete metadata.annotations;
  return {
    apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata,
    spec: {
      scaleTargetRef: s.scaleTargetRef, ...(s.minReplicas != null ? { minReplicas: s.minReplicas } : {}), maxReplicas: s.maxReplicas,
      ...(cpu ? { targetCPUUtilizationPercentage: cpu.resource.target.averageUtilization } : {}),
    },
    status: {
      ...(st.observedGeneration != null ? { observedGeneration: st.observedGeneration } : {}), ...(st.lastScaleTime ? { lastScaleTime: st.lastScaleTime } : {}),
      currentReplicas: st.currentReplicas ?? 0, desiredReplicas: st.desiredReplicas ?? 0,
      ...(curCpu ? { currentCPUUtilizationPercentage: curCpu.resource.current.averageUtilization } : {}),
    },
  } as KObject;
}

/** Convert_v1_HorizontalPodAutoscaler_To_autoscaling_HorizontalPodAutoscaler (for storage as v2). */
export function toV2(o: KObject): KObject {
  const s = o.spec ?? {}, st = o.status;
  const ann: Record<string, string> = { ...(o.metadata?.annotations ?? {}) };
  const parse = (k: string) => { try { return ann[k] !== undefined ? JSON.parse(ann[k]) : undefined; } catch { return undefined; } };
  let metrics: any[] = [];
  const others = parse(METRICS);
  if (Array.isArray(others)) metrics = others.map(specToV2);
  if (s.targetCPUUtilizationPercentage != null) metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: s.targetCPUUtilizationPercentage } } });
  if (!metrics.length) metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
  const behavior = parse(BEHAVIOR);
  const current = parse(CURRENT);
  const conditions = parse(CONDITIONS);
  for (const k of ROUND_TRIP) delete ann[k];
  const metadata: any = { ...(o.metadata ?? {}) };
  if (Object.keys(ann).length) metadata.annotations = ann; else delete metadata.annotations;
  const status: any = st ? {
    ...(st.observedGeneration != null ? { observedGeneration: st.observedGeneration } : {}), ...(st.lastScaleTime ? { lastScaleTime: st.lastScaleTime } : {}),
    currentReplicas: st.currentReplicas ?? 0, desiredReplicas: st.desiredReplicas ?? 0,
    ...(Array.isArray(current) ? { currentMetrics: current.map(statusToV2) } : st.currentCPUUtilizationPercentage != null ? { currentMetrics: [{ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: st.currentCPUUtilizationPercentage } } }] } : {}),
    ...(Array.isArray(conditions) ? { conditions } : {}),
  } : undefined;
  return {
    apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler', metadata,
    spec: { scaleTargetRef: s.scaleTargetRef, ...(s.minReplicas != null ? { minReplicas: s.minReplicas } : {}), maxReplicas: s.maxReplicas, metrics, ...(behavior && Object.keys(behavior).length ? { behavior } : {}) },
    ...(status ? { status } : {}),
  } as KObject;
}
