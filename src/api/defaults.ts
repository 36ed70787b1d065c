// Defaulting, as the API server applies it (pkg/apis/*/v1/defaults.go).
import type { KObject } from './types';

/** The Job strategy's PrepareForCreate (pkg/registry/batch/job/strategy.go): without
 *  manualSelector, the selector and the template's labels come from the new Job's uid; the
 *  status starts empty. Then the defaulting a read applies: the Job takes its template's labels
 *  when it has none. */
export function prepareJobForCreate(o: KObject): void {
  const s = (o.spec = o.spec ?? {});
  if (s.manualSelector !== true) {
    const uid = o.metadata.uid!, name = o.metadata.name;
    const t = (s.template = s.template ?? {});
    t.metadata = t.metadata ?? {};
    t.metadata.labels = {
      ...(t.metadata.labels ?? {}),
      'batch.kubernetes.io/controller-uid': uid, 'batch.kubernetes.io/job-name': name, 'controller-uid': uid, 'job-name': name,
    };
    if (!s.selector) s.selector = { matchLabels: { 'batch.kubernetes.io/controller-uid': uid } };
  }
  o.status = {};
  if (s.template?.metadata?.labels && !Object.keys(o.metadata.labels ?? {}).length) o.metadata.labels = { ...s.template.metadata.labels };
}

export function applyDefaults(o: KObject, old?: KObject): void {
  switch (o.kind) {
    case 'Namespace':
      o.metadata.labels = { ...(o.metadata.labels ?? {}), 'kubernetes.io/metadata.name': o.metadata.name };
      o.spec = o.spec ?? { finalizers: ['kubernetes'] };
      if (!o.spec.finalizers) o.spec.finalizers = ['kubernetes'];
      o.status = o.status?.phase ? o.status : { phase: 'Active' };
      break;
    case 'Pod':
      o.spec = o.spec ?? {};
      defaultPodSpec(o.spec);
      if (!old) defaultRequestsToLimits(o.spec);
      if (!o.status) o.status = { phase: 'Pending', qosClass: qosClass(o.spec) };
      break;
    case 'Deployment': {
      const s = (o.spec = o.spec ?? {});
      if (s.replicas === undefined) s.replicas = 1;
      s.strategy = s.strategy ?? {};
      if (!s.strategy.type) s.strategy.type = 'RollingUpdate';
      if (s.strategy.type === 'RollingUpdate') {
        s.strategy.rollingUpdate = s.strategy.rollingUpdate ?? {};
        if (s.strategy.rollingUpdate.maxUnavailable === undefined) s.strategy.rollingUpdate.maxUnavailable = '25%';
        if (s.strategy.rollingUpdate.maxSurge === undefined) s.strategy.rollingUpdate.maxSurge = '25%';
      }
      if (s.revisionHistoryLimit === undefined) s.revisionHistoryLimit = 10;
      if (s.progressDeadlineSeconds === undefined) s.progressDeadlineSeconds = 600;
      defaultTemplate(s.template);
      if (!o.status) o.status = {};
      break;
    }
    case 'ReplicaSet':
    case 'ReplicationController': {
      const s = (o.spec = o.spec ?? {});
      // core/v1 SetDefaults_ReplicationController: selector and labels from the template's labels
      const tl = o.kind === 'ReplicationController' ? s.template?.metadata?.labels : undefined;
      if (tl && !Object.keys(s.selector ?? {}).length) s.selector = { ...tl };
      if (tl && !Object.keys(o.metadata.labels ?? {}).length) o.metadata.labels = { ...tl };
      if (s.replicas === undefined) s.replicas = 1;
      defaultTemplate(s.template);
      if (!o.status) o.status = { replicas: 0 };
      break;
    }
    case 'StatefulSet': {
      const s = (o.spec = o.spec ?? {});
      if (s.replicas === undefined) s.replicas = 1;
      if (!s.podManagementPolicy) s.podManagementPolicy = 'OrderedReady';
      if (s.revisionHistoryLimit === undefined) s.revisionHistoryLimit = 10;
      s.updateStrategy = s.updateStrategy ?? { type: 'RollingUpdate', rollingUpdate: { partition: 0 } };
      s.persistentVolumeClaimRetentionPolicy = s.persistentVolumeClaimRetentionPolicy ?? { whenDeleted: 'Retain', whenScaled: 'Retain' };
      defaultTemplate(s.template);
      if (!o.status) o.status = { replicas: 0, availableReplicas: 0 };
      break;
    }
    case 'DaemonSet': {
      const s = (o.spec = o.spec ?? {});
      if (s.revisionHistoryLimit === undefined) s.revisionHistoryLimit = 10;
      s.updateStrategy = s.updateStrategy ?? { type: 'RollingUpdate', rollingUpdate: { maxSurge: 0, maxUnavailable: 1 } };
      defaultTemplate(s.template);
      if (!o.status) o.status = { currentNumberScheduled: 0, desiredNumberScheduled: 0, numberMisscheduled: 0, numberReady: 0 };
      break;
    }
    case 'Job': {
      const s = (o.spec = o.spec ?? {});
      // batch/v1 SetDefaults_Job: completions stays unset (a work queue) when parallelism is set
      if (s.completions === undefined && s.parallelism === undefined) s.completions = 1;
      if (s.parallelism === undefined) s.parallelism = 1;
      if (s.backoffLimit === undefined) s.backoffLimit = s.backoffLimitPerIndex !== undefined && s.backoffLimitPerIndex !== null ? 2147483647 : 6;
      if (!s.completionMode) s.completionMode = 'NonIndexed';
      if (s.suspend === undefined) s.suspend = false;
      // JobPodReplacementPolicy (beta, on by default in 1.32)
      if (!s.podReplacementPolicy) s.podReplacementPolicy = s.podFailurePolicy ? 'Failed' : 'TerminatingOrFailed';
      // batch/v1 (unlike apps/v1) labels a Job with its template's labels when it has none.
      if (s.template?.metadata?.labels && !Object.keys(o.metadata.labels ?? {}).length) o.metadata.labels = { ...s.template.metadata.labels };
      defaultTemplate(s.template);
      break;
    }
    case 'CronJob': {
      const s = (o.spec = o.spec ?? {});
      if (!s.concurrencyPolicy) s.concurrencyPolicy = 'Allow';
      if (s.suspend === undefined) s.suspend = false;
      if (s.successfulJobsHistoryLimit === undefined) s.successfulJobsHistoryLimit = 3;
      if (s.failedJobsHistoryLimit === undefined) s.failedJobsHistoryLimit = 1;
      // a JobTemplateSpec gets no Job defaults, only its pod template's
      defaultTemplate(s.jobTemplate?.spec?.template);
      break;
    }
    // autoscaling/v2 SetDefaults_HorizontalPodAutoscaler (behavior is defaulted only when given)
    case 'HorizontalPodAutoscaler': {
      const s = (o.spec = o.spec ?? {});
      if (s.minReplicas === undefined) s.minReplicas = 1;
      if (!s.metrics?.length && s.targetCPUUtilizationPercentage === undefined) s.metrics = [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 80 } } }];
      // SetDefaults_HorizontalPodAutoscalerBehavior: a given behavior gets every rule filled in
      if (s.behavior) {
        const rules = (from: any, def: any) => {
          const r = { ...def, ...(from ?? {}) };
          return { ...(r.stabilizationWindowSeconds !== undefined ? { stabilizationWindowSeconds: r.stabilizationWindowSeconds } : {}), selectPolicy: r.selectPolicy, policies: r.policies };
        };
        s.behavior = {
          scaleUp: rules(s.behavior.scaleUp, { stabilizationWindowSeconds: 0, selectPolicy: 'Max', policies: [{ type: 'Pods', value: 4, periodSeconds: 15 }, { type: 'Percent', value: 100, periodSeconds: 15 }] }),
          scaleDown: rules(s.behavior.scaleDown, { selectPolicy: 'Max', policies: [{ type: 'Percent', value: 100, periodSeconds: 15 }] }),
        };
      }
      // a new HPA's status as autoscaling/v2 serialises the empty one
      if (!o.status || !Object.keys(o.status).length) o.status = { desiredReplicas: 0, currentMetrics: null };
      break;
    }
    case 'Service': defaultService(o, old); break;
    case 'Secret': if (!o.type) o.type = 'Opaque'; break;
    case 'PriorityClass': if (!o.preemptionPolicy) o.preemptionPolicy = 'PreemptLowerPriority'; break;
    // core/v1 SetDefaults_PersistentVolumeClaim / SetDefaults_PersistentVolume
    case 'PersistentVolumeClaim': {
      const s = (o.spec = o.spec ?? {});
      if (!s.volumeMode) s.volumeMode = 'Filesystem';
      if (!o.status?.phase) o.status = { ...(o.status ?? {}), phase: 'Pending' };
      break;
    }
    case 'PersistentVolume': {
      const s = (o.spec = o.spec ?? {});
      if (!s.volumeMode) s.volumeMode = 'Filesystem';
      if (!s.persistentVolumeReclaimPolicy) s.persistentVolumeReclaimPolicy = 'Retain';
      if (!o.status?.phase) o.status = { ...(o.status ?? {}), phase: 'Pending' };
      break;
    }
    case 'Endpoints':
      for (const ss of o.subsets ?? []) for (const p of ss.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
      break;
    case 'LimitRange':
      for (const item of o.spec?.limits ?? []) defaultLimitRangeItem(item);
      break;
    case 'NetworkPolicy': {
      const s = (o.spec = o.spec ?? {});
      s.podSelector = s.podSelector ?? {};
      if (!s.policyTypes) s.policyTypes = s.egress ? ['Ingress', 'Egress'] : ['Ingress'];
      for (const r of [...(s.ingress ?? []), ...(s.egress ?? [])]) for (const p of r.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
      break;
    }
    default: {
      // the admissionregistration, certificates, flowcontrol, ... kinds (src/api/kinds-more)
      const more = require('./kinds-more/defaults') as typeof import('./kinds-more/defaults');
      if (more.MORE_KINDS.has(o.kind)) more.applyMoreDefaults(o, old, new Date().toISOString().replace(/\.\d+Z$/, 'Z'));
    }
  }
}

function defaultTemplate(t: any): void {
  if (!t) return;
  t.metadata = t.metadata ?? {};
  t.spec = t.spec ?? {};
  defaultPodSpec(t.spec);
}

export function defaultPodSpec(s: any): void {
  if (!s.restartPolicy) s.restartPolicy = 'Always';
  if (s.terminationGracePeriodSeconds === undefined) s.terminationGracePeriodSeconds = 30;
  if (!s.dnsPolicy) s.dnsPolicy = 'ClusterFirst';
  if (!s.securityContext) s.securityContext = {};
  if (!s.schedulerName) s.schedulerName = 'default-scheduler';
  for (const c of [...(s.initContainers ?? []), ...(s.containers ?? []), ...(s.ephemeralContainers ?? [])]) defaultContainer(c);
}

function defaultContainer(c: any): void {
  if (!c.imagePullPolicy) {
    const img: string = c.image ?? '';
    const tag = img.includes('@') ? 'digest' : (/:[^/]+$/.exec(img)?.[0].slice(1) ?? 'latest');
    c.imagePullPolicy = tag === 'latest' ? 'Always' : 'IfNotPresent';
  }
  if (!c.terminationMessagePath) c.terminationMessagePath = '/dev/termination-log';
  if (!c.terminationMessagePolicy) c.terminationMessagePolicy = 'File';
  if (!c.resources) c.resources = {};
  for (const p of c.ports ?? []) if (!p.protocol) p.protocol = 'TCP';
  for (const probe of [c.livenessProbe, c.readinessProbe, c.startupProbe]) {
    if (!probe) continue;
    if (probe.timeoutSeconds === undefined) probe.timeoutSeconds = 1;
    if (probe.periodSeconds === undefined) probe.periodSeconds = 10;
    if (probe.successThreshold === undefined) probe.successThreshold = 1;
    if (probe.failureThreshold === undefined) probe.failureThreshold = 3;
    if (probe.httpGet && !probe.httpGet.scheme) probe.httpGet.scheme = 'HTTP';
    if (probe.httpGet && probe.httpGet.path === undefined) probe.httpGet.path = '/';
  }
}

/** SetDefaults_LimitRangeItem: a Container item's default limit is its max, its default request
 *  its default limit, else its min. */
function defaultLimitRangeItem(item: any): void {
  if (!item || item.type !== 'Container') return;
  const def = (item.default = item.default ?? {});
  const req = (item.defaultRequest = item.defaultRequest ?? {});
  for (const [k, v] of Object.entries(item.max ?? {})) if (!(k in def)) def[k] = v;
  for (const [k, v] of Object.entries(def)) if (!(k in req)) req[k] = v;
  for (const [k, v] of Object.entries(item.min ?? {})) if (!(k in req)) req[k] = v;
  if (!Object.keys(def).length) delete item.default;
  if (!Object.keys(req).length) delete item.defaultRequest;
}

/** SetDefaults_Pod: a container with limits and no request for a resource requests its limit
 *  (on a Pod only, not on templates). */
function defaultRequestsToLimits(s: any): void {
  for (const c of [...(s.containers ?? []), ...(s.initContainers ?? [])]) {
    const limits = c.resources?.limits;
    if (!limits || typeof limits !== 'object') continue;
    const requests = (c.resources.requests ??= {});
    for (const [k, v] of Object.entries(limits)) if (!(k in requests)) requests[k] = v;
  }
}

export function qosClass(spec: any): string {
  const cs = spec.containers ?? [];
  const hasAny = cs.some((c: any) => Object.keys(c.resources?.requests ?? {}).length || Object.keys(c.resources?.limits ?? {}).length);
  if (!hasAny) return 'BestEffort';
  const guaranteed = cs.every((c: any) => {
    const l = c.resources?.limits ?? {}, r = c.resources?.requests ?? {};
    return l.cpu && l.memory && (!r.cpu || r.cpu === l.cpu) && (!r.memory || r.memory === l.memory);
  });
  return guaranteed ? 'Guaranteed' : 'Burstable';
}

function defaultService(o: KObject, old?: KObject): void {
  const s = (o.spec = o.spec ?? {});
  if (!s.type) s.type = 'ClusterIP';
  if (old) dropTypeDependentFields(s, old.spec ?? {});
  // SetDefaults_Service: every type's ports get a protocol and a target port
  for (const p of s.ports ?? []) {
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (s.type === 'ExternalName') {
    if (!s.sessionAffinity) s.sessionAffinity = 'None';
    if (!o.status) o.status = { loadBalancer: {} };
    if (old) o.status = { loadBalancer: {} };
    return;
  }
  if (!s.sessionAffinity) s.sessionAffinity = 'None';
  if (s.sessionAffinity === 'ClientIP') {
    s.sessionAffinityConfig = s.sessionAffinityConfig ?? { clientIP: { timeoutSeconds: 10800 } };
  }
  for (const p of s.ports ?? []) {
    if (!p.protocol) p.protocol = 'TCP';
    if (p.targetPort === undefined || p.targetPort === 0 || p.targetPort === '') p.targetPort = p.port;
  }
  if (!s.internalTrafficPolicy) s.internalTrafficPolicy = 'Cluster';
  if ((s.type === 'NodePort' || s.type === 'LoadBalancer') && !s.externalTrafficPolicy) s.externalTrafficPolicy = 'Cluster';
  if (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts === undefined) s.allocateLoadBalancerNodePorts = true;
  if (!s.ipFamilies) s.ipFamilies = ['IPv4'];
  if (!s.ipFamilyPolicy) s.ipFamilyPolicy = 'SingleStack';
  if (old && old.spec?.clusterIP && !s.clusterIP && old.spec.type !== 'ExternalName') {
    s.clusterIP = old.spec.clusterIP;
    s.clusterIPs = old.spec.clusterIPs;
  }
  if (s.clusterIP && !s.clusterIPs) s.clusterIPs = [s.clusterIP];
  // Keep allocated node ports across updates that do not name them (as the registry does).
  if (old && (s.type === 'NodePort' || s.type === 'LoadBalancer')) {
    for (const p of s.ports ?? []) {
      if (p.nodePort) continue;
      const prev = (old.spec?.ports ?? []).find((q: any) => q.port === p.port && q.protocol === p.protocol && q.nodePort);
      if (prev) p.nodePort = prev.nodePort;
    }
  }
  if (!o.status) o.status = { loadBalancer: {} };
  if (s.type !== 'LoadBalancer') o.status = { loadBalancer: {} };
}

/** The registry's dropTypeDependentFields (pkg/registry/core/service/strategy.go): on an update
 *  that switches `type`, fields the new type has no use for are wiped when the user left them as
 *  they were; a value the user set or changed stays, for validation to refuse. Creates keep all. */
function dropTypeDependentFields(s: any, prev: any): void {
  const needsNodePort = (t: string) => t === 'NodePort' || t === 'LoadBalancer';
  const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
  if (prev.type !== 'ExternalName' && s.type === 'ExternalName') {
    if ((s.clusterIP ?? '') === (prev.clusterIP ?? '') && same(s.clusterIPs ?? [], prev.clusterIPs ?? [])) { delete s.clusterIP; delete s.clusterIPs; }
    if (same(s.ipFamilies ?? null, prev.ipFamilies ?? null)) delete s.ipFamilies;
    if ((s.ipFamilyPolicy ?? '') === (prev.ipFamilyPolicy ?? '')) delete s.ipFamilyPolicy;
  }
  if (needsNodePort(prev.type) && !needsNodePort(s.type)) {
    const old = new Set((prev.ports ?? []).map((p: any) => p.nodePort).filter(Boolean));
    if ((s.ports ?? []).every((p: any) => !p.nodePort || old.has(p.nodePort))) for (const p of s.ports ?? []) delete p.nodePort;
  }
  if (prev.type === 'LoadBalancer' && s.type !== 'LoadBalancer') {
    if (prev.healthCheckNodePort !== undefined && prev.externalTrafficPolicy === 'Local' && s.healthCheckNodePort === prev.healthCheckNodePort) delete s.healthCheckNodePort;
    if (s.allocateLoadBalancerNodePorts !== undefined && s.allocateLoadBalancerNodePorts === prev.allocateLoadBalancerNodePorts) delete s.allocateLoadBalancerNodePorts;
    if ((s.loadBalancerClass ?? null) === (prev.loadBalancerClass ?? null)) delete s.loadBalancerClass;
  }
  if (needsNodePort(prev.type) && !needsNodePort(s.type) && (s.externalTrafficPolicy ?? '') === (prev.externalTrafficPolicy ?? '')) delete s.externalTrafficPolicy;
}
