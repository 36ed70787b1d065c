// Validation with the API server's messages (pkg/apis/core/validation, apps/validation).
import { cloneJson } from './gonumber';
import { ApiError, KObject } from './types';
import { parseQuantity } from './quantity';
import type { KindInfo } from './kinds';
import { isIPv4, inCidr, serviceCIDR, nodePortRange } from './allocators';
import { selectorFromLabelSelector, matchLabels } from './selectors';
import { validateCronJob, validateJobSpec } from './validation-batch';

export interface Cause { field: string; message: string }

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export const goQuote = (s: string) => JSON.stringify(s);

const MSG_1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const MSG_1123_LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const MSG_1123_SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

export function invalid(kind: string, name: string, causes: Cause[]): ApiError {
  const text = causes.map((c) => `${c.field}: ${c.message}`);
  const message = causes.length === 1 ? `${kind} "${name}" is invalid: ${text[0]}` : `${kind} "${name}" is invalid: [${text.join(', ')}]`;
  return new ApiError('Invalid', message, 422, { kind, name, causes });
}

/** Name rules per kind: DNS-1035 labels for Services and Namespaces (1123 label), subdomains for most. */
export function validateName(info: KindInfo, o: KObject): void {
  const name = o.metadata.name;
  const causes: Cause[] = [];
  // IsDNS1035Label / IsDNS1123Label / IsDNS1123Subdomain: the length first, then the pattern
  const check = (max: number, re: RegExp, msg: string) => {
    if (name.length > max) causes.push({ field: 'metadata.name', message: `Invalid value: ${goQuote(name)}: must be no more than ${max} characters` });
    if (!re.test(name)) causes.push({ field: 'metadata.name', message: `Invalid value: ${goQuote(name)}: ${msg}` });
  };
  if (info.kind === 'Service') check(63, DNS1035_LABEL, MSG_1035);
  else if (info.kind === 'Namespace') check(63, DNS1123_LABEL, MSG_1123_LABEL);
  else if (info.kind === 'Node') {
    if (!DNS1123_SUBDOMAIN.test(name) && !/^[a-z0-9.-]+$/.test(name)) causes.push({ field: 'metadata.name', message: `Invalid value: ${goQuote(name)}: ${MSG_1123_SUBDOMAIN}` });
  } else if (info.group === 'rbac.authorization.k8s.io') {
    // ValidateRBACName is path.IsValidPathSegmentName: `system:basic-user` is a valid role name
    for (const bad of ['.', '..']) if (name === bad) causes.push({ field: 'metadata.name', message: `Invalid value: ${goQuote(name)}: may not be '${bad}'` });
    for (const bad of ['/', '%']) if (name.includes(bad)) causes.push({ field: 'metadata.name', message: `Invalid value: ${goQuote(name)}: may not contain '${bad}'` });
  } else if (info.kind !== 'Event' && info.kind !== 'APIService') check(253, DNS1123_SUBDOMAIN, MSG_1123_SUBDOMAIN); // APIService: version.group (kinds-more)
  if (causes.length) throw invalid(info.kind, name, causes);
}

/** Kinds validated by src/api/kinds-more/validation.ts. */
const MORE_VALIDATED = new Set(['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  'APIService', 'CertificateSigningRequest', 'FlowSchema', 'PriorityLevelConfiguration', 'RuntimeClass', 'CSIDriver', 'CSINode', 'VolumeAttachment']);

export function validateObject(o: KObject, old: KObject | undefined): void {
  const causes: Cause[] = [];
  const later: Cause[] = [];
  if (old && (o.kind === 'Secret' || o.kind === 'ConfigMap')) validateDataUpdate(o, old, causes);
  validateLabelMap(o.metadata.labels, 'metadata.labels', causes);
  switch (o.kind) {
    case 'Service': validateService(o, old, causes, later); break;
    case 'Deployment': case 'ReplicaSet': case 'StatefulSet': case 'DaemonSet': case 'ReplicationController':
      validateWorkload(o, causes); break;
    case 'Pod': validatePodSpec(o.spec, 'spec', causes); break;
    case 'Ingress': (require('./validation-networking') as typeof import('./validation-networking')).validateIngress(o, causes, !old); break;
    // batch: the spec on create and when it changes (a status write is not the spec's)
    case 'CronJob': if (!old || JSON.stringify(o.spec) !== JSON.stringify(old.spec)) validateCronJob(o, old, causes); break;
    case 'Job': if (!old || JSON.stringify(o.spec) !== JSON.stringify(old.spec)) validateJobSpec(o.spec, 'spec', causes); break;
  }
  moreCauses(o, causes);
  if (MORE_VALIDATED.has(o.kind)) (require('./kinds-more/validation') as typeof import('./kinds-more/validation')).validateMore(o, old, causes);
  // the apps strategies' ValidateUpdate: a workload's selector is immutable (apps/v1)
  if (old && (o.kind === 'Deployment' || o.kind === 'ReplicaSet' || o.kind === 'DaemonSet' || o.kind === 'StatefulSet')) {
    const canon = (sel: any) => JSON.stringify({ l: Object.entries(sel?.matchLabels ?? {}).sort(), e: sel?.matchExpressions ?? [] });
    if (canon(o.spec?.selector) !== canon(old.spec?.selector)) {
      causes.push({ field: 'spec.selector', message: `Invalid value: ${goLabelSelector(o.spec?.selector)}: field is immutable` });
    }
  }
  if (causes.length) throw invalid(o.kind, o.metadata.name, causes);
  if (later.length) throw invalid(o.kind, o.metadata.name, later.slice(0, 1));
}

function validateWorkload(o: KObject, causes: Cause[]): void {
  const s = o.spec ?? {};
  if (s.replicas !== undefined && s.replicas < 0) causes.push({ field: 'spec.replicas', message: `Invalid value: ${s.replicas}: must be greater than or equal to 0` });
  if (o.kind === 'ReplicationController') {
    // ValidateReplicationControllerSpec / ValidatePodTemplateSpecForRC: a map selector
    const sel = s.selector ?? {};
    if (!Object.keys(sel).length) causes.push({ field: 'spec.selector', message: 'Required value' });
    if (!s.template) causes.push({ field: 'spec.template', message: 'Required value' });
    else if (Object.keys(sel).length && !Object.entries(sel).every(([k, v]) => s.template.metadata?.labels?.[k] === v)) {
      causes.push({ field: 'spec.template.metadata.labels', message: `Invalid value: ${goLabels(s.template?.metadata?.labels)}: \`selector\` does not match template \`labels\`` });
    }
  } else {
    const sel = s.selector;
    if (!sel || (!Object.keys(sel.matchLabels ?? {}).length && !(sel.matchExpressions ?? []).length)) {
      causes.push({ field: 'spec.selector', message: 'Required value' });
      if (!sel) {
        causes.push({ field: 'spec.template.metadata.labels', message: `Invalid value: ${goLabels(s.template?.metadata?.labels)}: \`selector\` does not match template \`labels\`` });
      }
    } else if (!matchLabels(selectorFromLabelSelector(sel), s.template?.metadata?.labels)) {
      causes.push({ field: 'spec.template.metadata.labels', message: `Invalid value: ${goLabels(s.template?.metadata?.labels)}: \`selector\` does not match template \`labels\`` });
    }
  }
  if (s.template) validatePodSpec(s.template.spec, 'spec.template.spec', causes, o.kind === 'StatefulSet' ? (s.volumeClaimTemplates ?? []).map((c: any) => c?.metadata?.name).filter((n: unknown) => typeof n === 'string') : []);
  if (o.kind === 'ReplicationController' && s.template && (s.template.spec?.restartPolicy ?? 'Always') !== 'Always') {
    causes.push({ field: 'spec.template.spec.restartPolicy', message: `Unsupported value: ${goQuote(s.template.spec.restartPolicy)}: supported values: "Always"` });
  }
  // ValidateNonnegativeField of the apps validations (zero is valid)
  const nonNegative = (field: string) => {
    const v = s[field];
    if (typeof v === 'number' && v < 0) causes.push({ field: `spec.${field}`, message: `Invalid value: ${v}: must be greater than or equal to 0` });
  };
  if (o.kind === 'Deployment' || o.kind === 'ReplicaSet' || o.kind === 'DaemonSet' || o.kind === 'StatefulSet') nonNegative('minReadySeconds');
  if (o.kind === 'Deployment' || o.kind === 'DaemonSet' || o.kind === 'StatefulSet') nonNegative('revisionHistoryLimit');
}

/** A metav1.LabelSelector as Go's %#v prints it. */
function goLabelSelector(sel: any): string {
  if (!sel) return 'null';
  const labels = sel.matchLabels ? `map[string]string{${Object.keys(sel.matchLabels).sort().map((k) => `${goQuote(k)}:${goQuote(String(sel.matchLabels[k]))}`).join(', ')}}` : 'map[string]string(nil)';
  const exprs = sel.matchExpressions
    ? `[]v1.LabelSelectorRequirement{${sel.matchExpressions.map((e: any) => `v1.LabelSelectorRequirement{Key:${goQuote(String(e.key ?? ''))}, Operator:${goQuote(String(e.operator ?? ''))}, Values:${e.values ? `[]string{${e.values.map((v: any) => goQuote(String(v))).join(', ')}}` : '[]string(nil)'}}`).join(', ')}}`
    : '[]v1.LabelSelectorRequirement(nil)';
  return `v1.LabelSelector{MatchLabels:${labels}, MatchExpressions:${exprs}}`;
}

function goLabels(l: Record<string, string> | undefined): string {
  const keys = Object.keys(l ?? {}).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(l![k])}`).join(', ')}}`;
}

/** ValidatePodSpec's volumes and containers (validateContainers / validateContainerCommon), in
 *  their order: per container its name, image, ports, env, volume mounts, pull policy and
 *  resources, then whether its name is taken. */
function validatePodSpec(spec: any, path: string, causes: Cause[], claimVolumes: string[] = []): void {
  // a StatefulSet's volumeClaimTemplates count as volumes (ValidatePodTemplateSpecForStatefulSet)
  const volumes = new Set<string>(claimVolumes);
  (spec?.volumes ?? []).forEach((v: any, i: number) => {
    const f = `${path}.volumes[${i}].name`;
    if (!v?.name) causes.push({ field: f, message: 'Required value' });
    else if (!DNS1123_LABEL.test(v.name)) causes.push({ field: f, message: `Invalid value: ${goQuote(v.name)}: ${MSG_1123_LABEL}` });
    else if (volumes.has(v.name)) causes.push({ field: f, message: `Duplicate value: ${goQuote(v.name)}` });
    if (v?.name) volumes.add(v.name);
  });
  const cs = spec?.containers ?? [];
  if (!cs.length) { causes.push({ field: `${path}.containers`, message: 'Required value' }); return; }
  const names = new Set<string>();
  cs.forEach((c: any, i: number) => {
    const p = `${path}.containers[${i}]`;
    if (!c.name) causes.push({ field: `${p}.name`, message: 'Required value' });
    else if (!DNS1123_LABEL.test(c.name)) causes.push({ field: `${p}.name`, message: `Invalid value: ${goQuote(c.name)}: ${MSG_1123_LABEL}` });
    if (!c.image) causes.push({ field: `${p}.image`, message: 'Required value' });
    const portNames = new Set<string>();
    (c.ports ?? []).forEach((port: any, j: number) => {
      const pp = `${p}.ports[${j}]`;
      if (port.name) {
        const msgs = portNameErrors(port.name);
        for (const m of msgs) causes.push({ field: `${pp}.name`, message: `Invalid value: ${goQuote(port.name)}: ${m}` });
        if (!msgs.length && portNames.has(port.name)) causes.push({ field: `${pp}.name`, message: `Duplicate value: ${goQuote(port.name)}` });
        portNames.add(port.name);
      }
      const cp = port.containerPort;
      if (!cp) causes.push({ field: `${pp}.containerPort`, message: 'Required value' });
      else if (cp < 1 || cp > 65535) causes.push({ field: `${pp}.containerPort`, message: `Invalid value: ${cp}: must be between 1 and 65535, inclusive` });
      if (port.hostPort && (port.hostPort < 1 || port.hostPort > 65535)) causes.push({ field: `${pp}.hostPort`, message: `Invalid value: ${port.hostPort}: must be between 1 and 65535, inclusive` });
      if (port.protocol && !['TCP', 'UDP', 'SCTP'].includes(port.protocol)) {
        causes.push({ field: `${pp}.protocol`, message: `Unsupported value: ${goQuote(port.protocol)}: supported values: "SCTP", "TCP", "UDP"` });
      }
    });
    (c.env ?? []).forEach((e: any, j: number) => {
      if (!e.name) causes.push({ field: `${p}.env[${j}].name`, message: 'Required value' });
      else if (!ENV_NAME.test(e.name)) causes.push({ field: `${p}.env[${j}].name`, message: `Invalid value: ${goQuote(e.name)}: ${MSG_ENV_NAME}` });
    });
    (c.volumeMounts ?? []).forEach((m: any, j: number) => {
      const mp = `${p}.volumeMounts[${j}]`;
      if (!m.name) causes.push({ field: `${mp}.name`, message: 'Required value' });
      else if (!volumes.has(m.name)) causes.push({ field: `${mp}.name`, message: `Not found: ${goQuote(m.name)}` });
      if (!m.mountPath) causes.push({ field: `${mp}.mountPath`, message: 'Required value' });
    });
    if (c.imagePullPolicy && !['Always', 'IfNotPresent', 'Never'].includes(c.imagePullPolicy)) {
      causes.push({ field: `${p}.imagePullPolicy`, message: `Unsupported value: ${goQuote(c.imagePullPolicy)}: supported values: "Always", "IfNotPresent", "Never"` });
    }
    const limits = c.resources?.limits ?? {};
    for (const [r, q] of Object.entries<any>(c.resources?.requests ?? {})) {
      if (!(r in limits)) continue;
      const rq = parseQuantity(q), lq = parseQuantity(limits[r]);
      if (rq !== undefined && lq !== undefined && rq > lq) {
        causes.push({ field: `${p}.resources.requests`, message: `Invalid value: ${goQuote(String(q))}: must be less than or equal to ${r} limit of ${limits[r]}` });
      }
    }
    if (c.name && names.has(c.name)) causes.push({ field: `${p}.name`, message: `Duplicate value: ${goQuote(c.name)}` });
    names.add(c.name);
  });
}

/** ValidateServiceUpdate + ValidateService, in their order. Errors of the allocators (node port
 *  out of range, cluster IP outside the service CIDR) come only when validation passed: they go
 *  to `later`. */
function validateService(o: KObject, old: KObject | undefined, causes: Cause[], later: Cause[]): void {
  const s = o.spec ?? {};
  const ports: any[] = s.ports ?? [];
  const headless = s.clusterIP === 'None';
  if (old && old.spec?.clusterIP && s.clusterIP && old.spec.clusterIP !== s.clusterIP && old.spec.type !== 'ExternalName' && s.type !== 'ExternalName') {
    causes.push({ field: 'spec.clusterIPs[0]', message: `Invalid value: ${goQuote(s.clusterIP)}: may not change once set` });
  }
  if (!ports.length && !headless && s.type !== 'ExternalName') causes.push({ field: 'spec.ports', message: 'Required value' });
  if ((s.type === 'LoadBalancer' || s.type === 'NodePort') && headless) {
    causes.push({ field: 'spec.clusterIPs[0]', message: `Invalid value: "None": may not be set to 'None' for ${s.type} services` });
  } else if (s.type === 'ExternalName') {
    if (s.clusterIP || (s.clusterIPs ?? []).length) causes.push({ field: 'spec.clusterIPs', message: 'Forbidden: may not be set for ExternalName services' });
    if ((s.ipFamilies ?? []).length) causes.push({ field: 'spec.ipFamilies', message: 'Forbidden: may not be set for ExternalName services' });
    if (s.ipFamilyPolicy) causes.push({ field: 'spec.ipFamilyPolicy', message: 'Forbidden: may not be set for ExternalName services' });
    const cname = String(s.externalName ?? '').replace(/\.$/, '');
    if (!cname) causes.push({ field: 'spec.externalName', message: 'Required value' });
    else if (!DNS1123_SUBDOMAIN.test(cname)) causes.push({ field: 'spec.externalName', message: `Invalid value: ${goQuote(cname)}: ${MSG_1123_SUBDOMAIN}` });
    else if (cname.length > 253) causes.push({ field: 'spec.externalName', message: `Invalid value: ${goQuote(cname)}: must be no more than 253 characters` });
  }
  const seenNames = new Set<string>();
  ports.forEach((p, i) => {
    const f = `spec.ports[${i}]`;
    if (ports.length > 1 && !p.name) causes.push({ field: `${f}.name`, message: 'Required value' });
    else if (p.name) {
      if (!DNS1123_LABEL.test(p.name)) causes.push({ field: `${f}.name`, message: `Invalid value: ${goQuote(p.name)}: ${MSG_1123_LABEL}` });
      else if (p.name.length > 63) causes.push({ field: `${f}.name`, message: `Invalid value: ${goQuote(p.name)}: must be no more than 63 characters` });
      if (seenNames.has(p.name)) causes.push({ field: `${f}.name`, message: `Duplicate value: ${goQuote(p.name)}` });
      seenNames.add(p.name);
    }
    if (typeof p.port !== 'number' || p.port < 1 || p.port > 65535) causes.push({ field: `${f}.port`, message: `Invalid value: ${typeof p.port === 'number' ? p.port : 0}: must be between 1 and 65535, inclusive` });
    if (!p.protocol) causes.push({ field: `${f}.protocol`, message: 'Required value' });
    else if (!['TCP', 'UDP', 'SCTP'].includes(p.protocol)) causes.push({ field: `${f}.protocol`, message: `Unsupported value: ${goQuote(p.protocol)}: supported values: "SCTP", "TCP", "UDP"` });
    if (typeof p.targetPort === 'number' && (p.targetPort < 1 || p.targetPort > 65535)) causes.push({ field: `${f}.targetPort`, message: `Invalid value: ${p.targetPort}: must be between 1 and 65535, inclusive` });
    if (typeof p.targetPort === 'string') for (const m of portNameErrors(p.targetPort)) causes.push({ field: `${f}.targetPort`, message: `Invalid value: ${goQuote(p.targetPort)}: ${m}` });
  });
  if (s.selector) validateLabelMap(s.selector, 'spec.selector', causes);
  if (!s.sessionAffinity) causes.push({ field: 'spec.sessionAffinity', message: 'Required value' });
  else if (!['None', 'ClientIP'].includes(s.sessionAffinity)) {
    causes.push({ field: 'spec.sessionAffinity', message: `Unsupported value: ${goQuote(s.sessionAffinity)}: supported values: "ClientIP", "None"` });
  } else if (s.sessionAffinity === 'None' && s.sessionAffinityConfig) {
    causes.push({ field: 'spec.sessionAffinityConfig', message: 'Forbidden: must not be set when session affinity is None' });
  }
  if (s.clusterIP && s.clusterIP !== 'None' && !(old && old.spec?.clusterIP === s.clusterIP)) {
    if (!isIPv4(s.clusterIP)) causes.push({ field: 'spec.clusterIPs[0]', message: `Invalid value: ${goQuote(s.clusterIP)}: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)` });
    else if (!inCidr(s.clusterIP, serviceCIDR()) && s.type !== 'ExternalName') {
      later.push({ field: 'spec.clusterIPs', message: `Invalid value: []string{${goQuote(s.clusterIP)}}: failed to allocate IP ${s.clusterIP}: the provided IP (${s.clusterIP}) is not in the valid range. The range of valid IPs is ${serviceCIDR()}` });
    }
  }
  (s.externalIPs ?? []).forEach((ip: unknown, i: number) => {
    if (typeof ip !== 'string' || !isIPv4(ip)) causes.push({ field: `spec.externalIPs[${i}]`, message: `Invalid value: ${goQuote(String(ip))}: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)` });
  });
  const types = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
  if (!types.includes(s.type)) causes.push({ field: 'spec.type', message: `Unsupported value: ${goQuote(s.type)}: supported values: ${types.map(goQuote).join(', ')}` });
  if (s.type === 'ClusterIP') {
    ports.forEach((p, i) => { if (p.nodePort) causes.push({ field: `spec.ports[${i}].nodePort`, message: "Forbidden: may not be used when `type` is 'ClusterIP'" }); });
  }
  const nodePorts = new Set<string>();
  const portKeys = new Set<string>();
  ports.forEach((p, i) => {
    if (p.nodePort) {
      const k = `${p.protocol}/${p.nodePort}`;
      if (nodePorts.has(k)) causes.push({ field: `spec.ports[${i}].nodePort`, message: `Duplicate value: ${p.nodePort}` });
      nodePorts.add(k);
    }
  });
  ports.forEach((p, i) => {
    const k = `${p.protocol}/${p.port}`;
    if (portKeys.has(k)) {
      causes.push({ field: `spec.ports[${i}]`, message: `Duplicate value: core.ServicePort{Name:"", Protocol:${goQuote(String(p.protocol ?? ''))}, AppProtocol:(*string)(nil), Port:${p.port}, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}` });
    }
    portKeys.add(k);
  });
  if ((s.loadBalancerSourceRanges ?? []).length && s.type !== 'LoadBalancer') {
    causes.push({ field: 'spec.LoadBalancerSourceRanges', message: "Forbidden: may only be used when `type` is 'LoadBalancer'" });
  }
  if (s.allocateLoadBalancerNodePorts !== undefined && s.allocateLoadBalancerNodePorts !== null && s.type !== 'LoadBalancer') {
    causes.push({ field: 'spec.allocateLoadBalancerNodePorts', message: "Forbidden: may only be used when `type` is 'LoadBalancer'" });
  }
  const externallyAccessible = s.type === 'LoadBalancer' || s.type === 'NodePort' || (s.type === 'ClusterIP' && (s.externalIPs ?? []).length > 0);
  if (!externallyAccessible) {
    if (s.externalTrafficPolicy) causes.push({ field: 'spec.externalTrafficPolicy', message: `Invalid value: ${goQuote(s.externalTrafficPolicy)}: may only be set for externally-accessible services` });
  } else if (!s.externalTrafficPolicy) {
    if (s.type !== 'ClusterIP') causes.push({ field: 'spec.externalTrafficPolicy', message: 'Required value' });
  } else if (!['Cluster', 'Local'].includes(s.externalTrafficPolicy)) {
    causes.push({ field: 'spec.externalTrafficPolicy', message: `Unsupported value: ${goQuote(s.externalTrafficPolicy)}: supported values: "Cluster", "Local"` });
  }
  if (s.internalTrafficPolicy && !['Cluster', 'Local'].includes(s.internalTrafficPolicy)) {
    causes.push({ field: 'spec.internalTrafficPolicy', message: `Unsupported value: ${goQuote(s.internalTrafficPolicy)}: supported values: "Cluster", "Local"` });
  }
  if (s.type === 'NodePort' || s.type === 'LoadBalancer') {
    ports.forEach((p, i) => {
      const [NODEPORT_MIN, NODEPORT_MAX] = nodePortRange();
      if (p.nodePort && (p.nodePort < NODEPORT_MIN || p.nodePort > NODEPORT_MAX)) {
        later.push({ field: `spec.ports[${i}].nodePort`, message: `Invalid value: ${p.nodePort}: provided port is not in the valid range. The range of valid ports is ${NODEPORT_MIN}-${NODEPORT_MAX}` });
      }
    });
  }
}

// ---- strict decoding (the API server's fieldValidation=Strict) ------------------------------------

/** Decode a request body as the API server does with strict field validation: type mismatches
 *  are `json: cannot unmarshal ...` errors, unknown fields `strict decoding error: unknown field
 *  "spec.foo"`; either is a BadRequest `<Kind> in version "<v>" cannot be handled as a <Kind>: ...`. */
export function strictDecode(o: KObject, version: string, mode: 'Strict' | 'Warn' | 'Ignore' = 'Strict'): string[] {
  const schema = require('./schema') as typeof import('./schema');
  const root = schema.rootType(o.kind);
  if (root === 'any') return [];
  const unknown: string[] = [];
  let typeErr: string | undefined;
  const valueName = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v === 'bigint' ? 'number' : typeof v);
  const fieldErr = (v: unknown, struct: string, field: string, type: string, literal?: string) => {
    typeErr ??= `json: cannot unmarshal ${literal ?? valueName(v)} into Go struct field ${struct}.${field} of type ${schema.goTypeName(type)}`;
  };
  const check = (v: unknown, type: string, path: string, field: string, struct: string): void => {
    if (v === null || v === undefined || typeErr) return;
    if (type === 'any') return;
    if (type.startsWith('[]')) {
      if (!Array.isArray(v)) return fieldErr(v, struct, field, type);
      v.forEach((x, i) => check(x, type.slice(2), `${path}[${i}]`, field, struct));
      return;
    }
    if (type.startsWith('map:')) {
      if (typeof v !== 'object' || Array.isArray(v)) return fieldErr(v, struct, field, type);
      for (const [k, x] of Object.entries(v as object)) check(x, type.slice(4), `${path}[${k}]`, field, struct);
      return;
    }
    switch (type) {
      case 'string': case 'time': if (typeof v !== 'string') fieldErr(v, struct, field, type); return;
      case 'bool': if (typeof v !== 'boolean') fieldErr(v, struct, field, type); return;
      case 'float64': if (typeof v !== 'number' && typeof v !== 'bigint') fieldErr(v, struct, field, type); return;
      case 'int32': case 'int64': {
        // a bigint is an int64 beyond 2^53 (src/api/gonumber.ts)
        if (typeof v === 'bigint') { if (type === 'int32') fieldErr(v, struct, field, type, `number ${v}`); return; }
        if (typeof v !== 'number') return fieldErr(v, struct, field, type);
        // a number (not a bigint) beyond 2^53 is a float64 the client wrote as digits: int64 takes
        // it only inside ±2^63 (9223372036854775807 as a float64 is 2^63, written 9223372036854776000)
        const out = type === 'int32' ? v > 2147483647 || v < -2147483648 : v >= 2 ** 63 || v <= -(2 ** 63);
        if (!Number.isInteger(v) || out) fieldErr(v, struct, field, type, `number ${goNumber(v)}`);
        return;
      }
      case 'intstr':
        if (typeof v === 'string') return;
        if (typeof v === 'number' && Number.isInteger(v) && Math.abs(v) <= 2147483647) return;
        typeErr ??= `json: cannot unmarshal ${typeof v === 'number' ? `number ${goNumber(v)}` : typeof v === 'bigint' ? `number ${v}` : valueName(v)} into Go value of type int32`;
        return;
      case 'quantity': {
        const s = typeof v === 'string' ? v.trim() : typeof v === 'number' ? goNumber(v) : typeof v === 'bigint' ? String(v) : String(v);
        if (!/^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$/.test(s)) typeErr ??= "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";
        return;
      }
      case 'bytes':
        if (typeof v !== 'string') return fieldErr(v, struct, field, type);
        typeErr ??= base64Error(v);
        return;
    }
    const def = schema.typeDef(type);
    if (!def) return;
    if (typeof v !== 'object' || Array.isArray(v)) return fieldErr(v, struct, field, type);
    const sname = type.replace(/^v1\./, '');
    for (const [k, x] of Object.entries(v as object)) {
      const spec = def[k];
      const p = path ? `${path}.${k}` : k;
      if (spec === undefined) { unknown.push(p); if (mode !== 'Strict') delete (v as any)[k]; continue; }
      check(x, schema.parseField(spec).type, p, field ? `${field}.${k}` : k, sname);
    }
  };
  check(o, root, '', '', root.replace(/^v1\./, ''));
  const fail = (msg: string) => new ApiError('BadRequest', `${o.kind} in version "${version}" cannot be handled as a ${o.kind}: ${msg}`, 400);
  if (typeErr) throw fail(typeErr);
  if (unknown.length && mode === 'Strict') throw fail(`strict decoding error: ${unknown.map((u) => `unknown field ${goQuote(u)}`).join(', ')}`);
  return mode === 'Warn' ? unknown.map((u) => `unknown field ${goQuote(u)}`) : [];
}

function goNumber(n: number): string { return String(n); }

/** encoding/base64's StdEncoding error for a string, if it does not decode. */
export function base64Error(s: string): string | undefined {
  const alphabet = /[A-Za-z0-9+/]/;
  let si = 0;
  const n = s.length;
  for (;;) {
    let j = 0;
    for (; j < 4; j++) {
      if (si === n) {
        if (j === 0) return undefined;
        return `illegal base64 data at input byte ${si - j}`;
      }
      const c = s[si++];
      if (alphabet.test(c)) continue;
      if (c === '\n' || c === '\r') { j--; continue; }
      if (c !== '=') return `illegal base64 data at input byte ${si - 1}`;
      if (j === 0 || j === 1) return `illegal base64 data at input byte ${si - 1}`;
      if (j === 2) {
        while (si < n && (s[si] === '\n' || s[si] === '\r')) si++;
        if (si === n) return `illegal base64 data at input byte ${n}`;
        if (s[si] !== '=') return `illegal base64 data at input byte ${si - 1}`;
        si++;
      }
      while (si < n && (s[si] === '\n' || s[si] === '\r')) si++;
      if (si < n) return `illegal base64 data at input byte ${si}`;
      return undefined;
    }
  }
}

// ---- more of the API server's field validation ----------------------------------------------------

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const MSG_LABEL_VALUE = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";
const MSG_QUALIFIED_NAME = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const CONFIG_KEY = /^[-._a-zA-Z0-9]+$/;
const MSG_CONFIG_KEY = "a valid config key must consist of alphanumeric characters, '-', '_' or '.' (e.g. 'key.name',  or 'KEY_NAME',  or 'key-name', regex used for validation is '[-._a-zA-Z0-9]+')";
const ENV_NAME = /^[-._a-zA-Z][-._a-zA-Z0-9]*$/;
const MSG_ENV_NAME = "a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')";

/** validation.IsEnvVarName. */
export function envVarNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (!ENV_NAME.test(name)) errs.push(MSG_ENV_NAME);
  if (name === '.') errs.push("must not be '.'");
  else if (name === '..') errs.push("must not be '..'");
  else if (name.startsWith('..')) errs.push("must not start with '..'");
  return errs;
}

function validateLabelMap(labels: Record<string, string> | undefined, field: string, causes: Cause[]): void {
  for (const [k, v] of Object.entries(labels ?? {})) {
    const slash = k.indexOf('/');
    const name = slash >= 0 ? k.slice(slash + 1) : k;
    const prefix = slash >= 0 ? k.slice(0, slash) : '';
    if (prefix && !DNS1123_SUBDOMAIN.test(prefix)) causes.push({ field, message: `Invalid value: ${goQuote(k)}: prefix part ${MSG_1123_SUBDOMAIN}` });
    if (!name || !QUALIFIED_NAME.test(name)) causes.push({ field, message: `Invalid value: ${goQuote(k)}: ${MSG_QUALIFIED_NAME}` });
    else if (name.length > 63) causes.push({ field, message: `Invalid value: ${goQuote(k)}: name part must be no more than 63 characters` });
    if (typeof v === 'string' && !LABEL_VALUE.test(v)) causes.push({ field, message: `Invalid value: ${goQuote(v)}: ${MSG_LABEL_VALUE}` });
    else if (typeof v === 'string' && v.length > 63) causes.push({ field, message: `Invalid value: ${goQuote(v)}: must be no more than 63 characters` });
  }
}

/** validation.IsValidPortName (IANA_SVC_NAME). */
export function portNameErrors(name: string): string[] {
  const errs: string[] = [];
  if (name.length > 15) errs.push('must be no more than 15 characters');
  if (!/^[-a-z0-9]+$/.test(name)) errs.push('must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)');
  if (name.includes('--')) errs.push('must not contain consecutive hyphens');
  if (!/[a-z]/.test(name)) errs.push('must contain at least one letter (a-z)');
  if (name.startsWith('-') || name.endsWith('-')) errs.push('must not begin or end with a hyphen');
  return errs;
}

function validateContainersMore(spec: any, path: string, causes: Cause[], workload: boolean): void {
  if (!spec) return;
  if (workload && spec.restartPolicy && spec.restartPolicy !== 'Always') {
    causes.push({ field: `${path}.restartPolicy`, message: `Unsupported value: ${goQuote(spec.restartPolicy)}: supported values: "Always"` });
  } else if (spec.restartPolicy && !['Always', 'OnFailure', 'Never'].includes(spec.restartPolicy)) {
    causes.push({ field: `${path}.restartPolicy`, message: `Unsupported value: ${goQuote(spec.restartPolicy)}: supported values: "Always", "OnFailure", "Never"` });
  }
  // ValidateServiceAccountName (a DNS subdomain), after restartPolicy as ValidatePodSpec checks it
  const sa = spec.serviceAccountName;
  if (typeof sa === 'string' && sa) {
    if (sa.length > 253) causes.push({ field: `${path}.serviceAccountName`, message: `Invalid value: ${goQuote(sa)}: must be no more than 253 characters` });
    if (!DNS1123_SUBDOMAIN.test(sa)) causes.push({ field: `${path}.serviceAccountName`, message: `Invalid value: ${goQuote(sa)}: ${MSG_1123_SUBDOMAIN}` });
  }
  // integer ranges (the value as Go prints the int64, however large)
  const range = (v: unknown, field: string, min: number, max: number) => {
    if ((typeof v === 'number' || typeof v === 'bigint') && (v < min || v > max)) causes.push({ field, message: `Invalid value: ${v}: must be between ${min} and ${max}, inclusive` });
  };
  // containers first: ValidatePodSpec checks them before the pod's securityContext
  for (const [list, key] of [[spec.initContainers, 'initContainers'], [spec.containers, 'containers']] as const) {
    (Array.isArray(list) ? list : []).forEach((c: any, i: number) => {
      const csc = c?.securityContext;
      if (!csc || typeof csc !== 'object') return;
      range(csc.runAsUser, `${path}.${key}[${i}].securityContext.runAsUser`, 0, 2147483647);
      range(csc.runAsGroup, `${path}.${key}[${i}].securityContext.runAsGroup`, 0, 2147483647);
    });
  }
  const sc = spec.securityContext;
  if (sc && typeof sc === 'object') {
    range(sc.runAsUser, `${path}.securityContext.runAsUser`, 0, 2147483647);
    range(sc.runAsGroup, `${path}.securityContext.runAsGroup`, 0, 2147483647);
    range(sc.fsGroup, `${path}.securityContext.fsGroup`, 0, 2147483647);
  }
  range(spec.activeDeadlineSeconds, `${path}.activeDeadlineSeconds`, 1, 2147483647);
}

/** Checks the API server makes beyond the ones above (labels, config keys, env names, service
 *  port names, headless node ports). */
function moreCauses(o: KObject, causes: Cause[]): void {
  switch (o.kind) {
    case 'ConfigMap': case 'Secret':
      for (const field of o.kind === 'Secret' ? ['data', 'stringData'] : ['data', 'binaryData']) {
        for (const k of Object.keys(o[field] ?? {})) if (!CONFIG_KEY.test(k)) causes.push({ field: `${field}[${k}]`, message: `Invalid value: ${goQuote(k)}: ${MSG_CONFIG_KEY}` });
      }
      if (o.kind === 'Secret') validateSecretType(o, causes);
      break;
    case 'Pod': validateContainersMore(o.spec, 'spec', causes, false); break;
    case 'ResourceQuota': causes.push(...(require('./quota') as typeof import('./quota')).quotaSpecCauses(o)); break;
    case 'Deployment': case 'ReplicaSet': case 'StatefulSet': case 'DaemonSet':
      validateLabelMap(o.spec?.template?.metadata?.labels, 'spec.template.metadata.labels', causes);
      validateContainersMore(o.spec?.template?.spec, 'spec.template.spec', causes, true);
      break;
  }
}

/** ValidateSecretUpdate / ValidateConfigMapUpdate: a Secret's type never changes; an immutable
 *  object keeps its data. */
function validateDataUpdate(o: KObject, old: KObject, causes: Cause[]): void {
  if (o.kind === 'Secret' && (o.type ?? 'Opaque') !== (old.type ?? 'Opaque')) causes.push({ field: 'type', message: `Invalid value: ${goQuote(o.type ?? 'Opaque')}: field is immutable` });
  if (old.immutable === true) {
    const forbid = (f: string) => causes.push({ field: f, message: 'Forbidden: field is immutable when `immutable` is set' });
    if (o.immutable !== true) forbid('immutable');
    const same = (a: unknown, b: unknown) => JSON.stringify(Object.entries((a ?? {}) as object).sort()) === JSON.stringify(Object.entries((b ?? {}) as object).sort());
    if (!same(o.data, old.data)) forbid('data');
    if (o.kind === 'ConfigMap' && !same(o.binaryData, old.binaryData)) forbid('binaryData');
  }
}

/** ValidateSecret's checks per type: the keys each type needs, well-formed docker configs. */
function validateSecretType(o: KObject, causes: Cause[]): void {
  const has = (k: string) => (o.data && k in o.data) || (o.stringData && k in o.stringData);
  const bytes = (k: string): string => (o.stringData && k in o.stringData ? String(o.stringData[k]) : Buffer.from(String(o.data?.[k] ?? ''), 'base64').toString('utf8'));
  const json = (k: string) => {
    if (!has(k)) { causes.push({ field: `data[${k}]`, message: 'Required value' }); return; }
    const text = bytes(k);
    const { goJsonSyntaxError } = require('./gojson') as typeof import('./gojson');
    let msg = goJsonSyntaxError(text);
    if (!msg) {
      const v = JSON.parse(text);
      if (v !== null && (typeof v !== 'object' || Array.isArray(v))) msg = `json: cannot unmarshal ${Array.isArray(v) ? 'array' : typeof v === 'boolean' ? 'bool' : typeof v} into Go value of type map[string]interface {}`;
    }
    if (msg) causes.push({ field: `data[${k}]`, message: `Invalid value: "<secret contents redacted>": ${msg}` });
  };
  switch (o.type) {
    case 'kubernetes.io/service-account-token':
      if (!o.metadata.annotations?.['kubernetes.io/service-account.name']) causes.push({ field: 'metadata.annotations[kubernetes.io/service-account.name]', message: 'Required value' });
      break;
    case 'kubernetes.io/dockercfg': json('.dockercfg'); break;
    case 'kubernetes.io/dockerconfigjson': json('.dockerconfigjson'); break;
    case 'kubernetes.io/basic-auth':
      if (!has('username') && !has('password')) {
        causes.push({ field: 'data[username]', message: 'Required value' });
        causes.push({ field: 'data[password]', message: 'Required value' });
      }
      break;
    case 'kubernetes.io/ssh-auth':
      if (!bytes('ssh-privatekey')) causes.push({ field: 'data[ssh-privatekey]', message: 'Required value' });
      break;
    case 'kubernetes.io/tls':
      if (!has('tls.crt')) causes.push({ field: 'data[tls.crt]', message: 'Required value' });
      if (!has('tls.key')) causes.push({ field: 'data[tls.key]', message: 'Required value' });
      break;
  }
}

/** Pod specs are immutable but for a few fields (ValidatePodUpdate). For updates users send
 *  (the scheduler and the kubelet write pods through their own paths). kubectl shows the
 *  spec's diff after the first line; this gives the first line only. */
export function validatePodUpdate(o: KObject, old: KObject): void {
  if (o.kind !== 'Pod') return;
  const munged = cloneJson(o.spec ?? {});
  const prev = old.spec ?? {};
  const copyImages = (key: 'containers' | 'initContainers') => {
    (munged[key] ?? []).forEach((c: any, i: number) => { if (prev[key]?.[i]) c.image = prev[key][i].image; });
  };
  copyImages('containers');
  copyImages('initContainers');
  if (prev.activeDeadlineSeconds !== undefined || munged.activeDeadlineSeconds !== undefined) munged.activeDeadlineSeconds = prev.activeDeadlineSeconds;
  if (munged.activeDeadlineSeconds === undefined) delete munged.activeDeadlineSeconds;
  // tolerations: only additions
  const oldTol = JSON.stringify(prev.tolerations ?? []);
  const newTol = munged.tolerations ?? [];
  if (newTol.length >= (prev.tolerations ?? []).length && JSON.stringify(newTol.slice(0, (prev.tolerations ?? []).length)) === oldTol) {
    if (prev.tolerations === undefined) delete munged.tolerations; else munged.tolerations = prev.tolerations;
  }
  if ((prev.terminationGracePeriodSeconds ?? 0) < 0 && munged.terminationGracePeriodSeconds === 1) munged.terminationGracePeriodSeconds = prev.terminationGracePeriodSeconds;
  const canon = (v: any): string => JSON.stringify(v, (_k, x) => (x && typeof x === 'object' && !Array.isArray(x) ? Object.fromEntries(Object.keys(x).sort().map((k) => [k, x[k]])) : x));
  if (canon(munged) !== canon(prev)) {
    throw invalid('Pod', o.metadata.name, [{ field: 'spec', message: 'Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)' }]);
  }
}
