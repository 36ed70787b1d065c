// Validation with the API server's messages (pkg/apis/core/validation, apps/validation).
import { ApiError, KObject } from './types';
import type { KindInfo } from './kinds';
import { isIPv4, inCidr, SERVICE_CIDR, NODEPORT_MIN, NODEPORT_MAX } from './allocators';
import { selectorFromLabelSelector, matchLabels } from './selectors';

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
  if (info.kind === 'Service') {
    if (!DNS1035_LABEL.test(name)) causes.push({ field: 'metadata.name', message: `Invalid value: ${goQuote(name)}: ${MSG_1035}` });
    if (name.length > 63) causes.push({ field: 'metadata.name', message: `Invalid value: ${goQuote(name)}: must be no more than 63 characters` });
  } else if (info.kind === 'Namespace') {
    if (!DNS1123_LABEL.test(name)) causes.push({ field: 'metadata.name', message: `Invalid value: ${goQuote(name)}: ${MSG_1123_LABEL}` });
    if (name.length > 63) causes.push({ field: 'metadata.name', message: `Invalid value: ${goQuote(name)}: must be no more than 63 characters` });
  } else if (info.kind === 'Deployment' || info.kind === 'StatefulSet' || info.kind === 'ReplicaSet' || info.kind === 'DaemonSet') {
    if (!DNS1123_SUBDOMAIN.test(name)) causes.push({ field: 'metadata.name', message: `Invalid value: ${goQuote(name)}: ${MSG_1123_SUBDOMAIN}` });
    else if (name.length > 253) causes.push({ field: 'metadata.name', message: `Invalid value: ${goQuote(name)}: must be no more than 253 characters` });
  } else if (info.kind !== 'Event') {
    if (!DNS1123_SUBDOMAIN.test(name) && !(info.kind === 'Node' && /^[a-z0-9.-]+$/.test(name))) {
      causes.push({ field: 'metadata.name', message: `Invalid value: ${goQuote(name)}: ${MSG_1123_SUBDOMAIN}` });
    }
  }
  if (causes.length) throw invalid(info.kind, name, causes);
}

export function validateObject(o: KObject, old: KObject | undefined): void {
  const causes: Cause[] = [];
  switch (o.kind) {
    case 'Service': validateService(o, old, causes); break;
    case 'Deployment': case 'ReplicaSet': case 'StatefulSet': case 'DaemonSet':
      validateWorkload(o, causes); break;
    case 'Pod': validatePodSpec(o.spec, 'spec', causes); break;
  }
  if (causes.length) throw invalid(o.kind, o.metadata.name, causes);
}

function validateWorkload(o: KObject, causes: Cause[]): void {
  const s = o.spec ?? {};
  if (s.replicas !== undefined && s.replicas < 0) causes.push({ field: 'spec.replicas', message: `Invalid value: ${s.replicas}: must be greater than or equal to 0` });
  if (o.kind !== 'ReplicationController') {
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
  if (s.template) validatePodSpec(s.template.spec, 'spec.template.spec', causes);
}

function goLabels(l: Record<string, string> | undefined): string {
  const keys = Object.keys(l ?? {}).sort();
  return `map[string]string{${keys.map((k) => `${goQuote(k)}:${goQuote(l![k])}`).join(', ')}}`;
}

function validatePodSpec(spec: any, path: string, causes: Cause[]): void {
  const cs = spec?.containers ?? [];
  if (!cs.length) { causes.push({ field: `${path}.containers`, message: 'Required value' }); return; }
  const names = new Set<string>();
  cs.forEach((c: any, i: number) => {
    const p = `${path}.containers[${i}]`;
    if (!c.name) causes.push({ field: `${p}.name`, message: 'Required value' });
    else if (!DNS1123_LABEL.test(c.name)) causes.push({ field: `${p}.name`, message: `Invalid value: ${goQuote(c.name)}: ${MSG_1123_LABEL}` });
    else if (names.has(c.name)) causes.push({ field: `${p}.name`, message: `Duplicate value: ${goQuote(c.name)}` });
    names.add(c.name);
    if (!c.image) causes.push({ field: `${p}.image`, message: 'Required value' });
    (c.ports ?? []).forEach((port: any, j: number) => {
      const cp = port.containerPort;
      if (typeof cp !== 'number' || cp < 1 || cp > 65535) causes.push({ field: `${p}.ports[${j}].containerPort`, message: `Invalid value: ${cp}: must be between 1 and 65535, inclusive` });
    });
  });
}

function validateService(o: KObject, old: KObject | undefined, causes: Cause[]): void {
  const s = o.spec ?? {};
  const types = ['ClusterIP', 'ExternalName', 'LoadBalancer', 'NodePort'];
  if (!types.includes(s.type)) {
    causes.push({ field: 'spec.type', message: `Unsupported value: ${goQuote(s.type)}: supported values: ${types.map(goQuote).join(', ')}` });
    return;
  }
  const ports: any[] = s.ports ?? [];
  if (s.type === 'ExternalName') {
    if (!s.externalName) causes.push({ field: 'spec.externalName', message: 'Required value' });
  } else if (!ports.length && s.clusterIP !== 'None') {
    causes.push({ field: 'spec.ports', message: 'Required value' });
  }
  const seenNames = new Set<string>();
  ports.forEach((p, i) => {
    const f = `spec.ports[${i}]`;
    if (ports.length > 1) {
      if (!p.name) causes.push({ field: `${f}.name`, message: 'Required value' });
      else if (seenNames.has(p.name)) causes.push({ field: `${f}.name`, message: `Duplicate value: ${goQuote(p.name)}` });
      seenNames.add(p.name);
    }
    if (typeof p.port !== 'number' || p.port < 1 || p.port > 65535) causes.push({ field: `${f}.port`, message: `Invalid value: ${p.port}: must be between 1 and 65535, inclusive` });
    if (!['TCP', 'UDP', 'SCTP'].includes(p.protocol)) causes.push({ field: `${f}.protocol`, message: `Unsupported value: ${goQuote(p.protocol)}: supported values: "SCTP", "TCP", "UDP"` });
    if (typeof p.targetPort === 'number' && (p.targetPort < 1 || p.targetPort > 65535)) causes.push({ field: `${f}.targetPort`, message: `Invalid value: ${p.targetPort}: must be between 1 and 65535, inclusive` });
    if (p.nodePort !== undefined && p.nodePort !== 0) {
      if (s.type === 'ClusterIP') causes.push({ field: `${f}.nodePort`, message: "Forbidden: may not be used when `type` is 'ClusterIP'" });
      else if (s.type === 'NodePort' || s.type === 'LoadBalancer') {
        if (p.nodePort < NODEPORT_MIN || p.nodePort > NODEPORT_MAX) {
          causes.push({ field: `${f}.nodePort`, message: `Invalid value: ${p.nodePort}: provided port is not in the valid range. The range of valid ports is ${NODEPORT_MIN}-${NODEPORT_MAX}` });
        }
      }
    }
  });
  if (s.clusterIP && s.clusterIP !== 'None' && !(old && old.spec?.clusterIP === s.clusterIP)) {
    if (!isIPv4(s.clusterIP)) causes.push({ field: 'spec.clusterIPs[0]', message: `Invalid value: ${goQuote(s.clusterIP)}: must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)` });
    else if (!inCidr(s.clusterIP, SERVICE_CIDR)) {
      causes.push({ field: 'spec.clusterIPs', message: `Invalid value: []string{${goQuote(s.clusterIP)}}: failed to allocate IP ${s.clusterIP}: the provided IP (${s.clusterIP}) is not in the valid range. The range of valid IPs is ${SERVICE_CIDR}` });
    }
  }
  if (old && old.spec?.clusterIP && s.clusterIP && old.spec.clusterIP !== s.clusterIP && old.spec.type !== 'ExternalName' && s.type !== 'ExternalName') {
    causes.push({ field: 'spec.clusterIPs[0]', message: `Invalid value: ${goQuote(s.clusterIP)}: may not change once set` });
  }
  if (s.sessionAffinity && !['None', 'ClientIP'].includes(s.sessionAffinity)) {
    causes.push({ field: 'spec.sessionAffinity', message: `Unsupported value: ${goQuote(s.sessionAffinity)}: supported values: "ClientIP", "None"` });
  }
}
