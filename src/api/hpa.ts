// HorizontalPodAutoscaler: the autoscaling/v2 defaults (pkg/apis/autoscaling/v2/defaults.go)
// and the conversions between autoscaling/v1 and the stored autoscaling/v2 shape
// (pkg/apis/autoscaling/v1/conversion.go), for clients that speak v1 (`kubectl autoscale`).
import type { KObject } from './types';

const DEFAULT_CPU_UTILIZATION = 80;

function scaleUpRules(r: any): any {
  const out = { ...(r ?? {}) };
  out.stabilizationWindowSeconds ??= 0;
  out.selectPolicy ??= 'Max';
  out.policies ??= [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }];
  return out;
}

function scaleDownRules(r: any): any {
  const out = { ...(r ?? {}) };
  out.stabilizationWindowSeconds ??= 300;
  out.selectPolicy ??= 'Max';
  out.policies ??= [{ type: 'Percent', value: 100, periodSeconds: 15 }];
  return out;
}

/** SetDefaults_HorizontalPodAutoscaler (v2): minReplicas 1, a CPU utilization target of 80%
 *  when no metric is given, and the behavior's missing rules when a behavior is given. */
export function defaultHpaV2(o: KObject): void {
  const spec = (o.spec ??= {});
  spec.minReplicas ??= 1;
  if (!Array.isArray(spec.metrics) || !spec.metrics.length) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: DEFAULT_CPU_UTILIZATION } } }];
  }
  if (spec.behavior) spec.behavior = { scaleUp: scaleUpRules(spec.behavior.scaleUp), scaleDown: scaleDownRules(spec.behavior.scaleDown) };
}

const isCpuUtilization = (m: any) => m?.type === 'Resource' && m.resource?.name === 'cpu' && m.resource?.target?.type === 'Utilization';

/** An autoscaling/v1 HPA as the API server converts it for storage (autoscaling/v2). */
export function hpaV1ToV2(o: KObject): KObject {
  const v1: any = o.spec ?? {};
  const spec: any = { scaleTargetRef: v1.scaleTargetRef };
  if (v1.minReplicas != null) spec.minReplicas = v1.minReplicas;
  spec.maxReplicas = v1.maxReplicas;
  if (v1.targetCPUUtilizationPercentage != null) {
    spec.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: v1.targetCPUUtilizationPercentage } } }];
  }
  const out: any = { ...o, apiVersion: 'autoscaling/v2', spec };
  delete out.status;
  return out;
}

/** The stored (v2) HPA as an autoscaling/v1 client reads it. */
export function hpaV2ToV1(o: KObject): KObject {
  const s: any = o.spec ?? {};
  const spec: any = { scaleTargetRef: s.scaleTargetRef };
  if (s.minReplicas != null) spec.minReplicas = s.minReplicas;
  spec.maxReplicas = s.maxReplicas ?? 0;
  const cpu = (s.metrics ?? []).find(isCpuUtilization);
  if (cpu) spec.targetCPUUtilizationPercentage = cpu.resource.target.averageUtilization;
  const st: any = o.status ?? {};
  const status: any = {};
  if (st.observedGeneration != null) status.observedGeneration = st.observedGeneration;
  if (st.lastScaleTime) status.lastScaleTime = st.lastScaleTime;
  status.currentReplicas = st.currentReplicas ?? 0;
  status.desiredReplicas = st.desiredReplicas ?? 0;
  const cur = (st.currentMetrics ?? []).find((m: any) => m?.type === 'Resource' && m.resource?.name === 'cpu');
  if (cur?.resource?.current?.averageUtilization != null) status.currentCPUUtilizationPercentage = cur.resource.current.averageUtilization;
  return { ...o, apiVersion: 'autoscaling/v1', spec, status } as KObject;
}
