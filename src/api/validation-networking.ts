// Ingress validation with the API server's messages (pkg/apis/networking/validation at 1.32:
// ValidateIngressCreate / ValidateIngressSpec): hosts (DNS names or wildcards, not IPs), paths
// by pathType, service backends (name, port name or number), TLS hosts and secret names, the
// class name and the legacy class annotation.
import type { KObject } from './types';
import type { Cause } from './validation';
import { goQuote, portNameErrors } from './validation';
import { isIPv4 } from './allocators';

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const WILDCARD_DNS1123 = /^\*\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const DNS1035_LABEL = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const MSG_1123_SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const MSG_WILDCARD = "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character (e.g. '*.example.com', regex used for validation is '\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
const MSG_1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";

const INVALID_SEQUENCES = ['//', '/./', '/../', '%2f', '%2F'];
const INVALID_SUFFIXES = ['/..', '/.'];

function subdomainErrors(s: string): string[] {
  const e: string[] = [];
  if (s.length > 253) e.push('must be no more than 253 characters');
  if (!DNS1123_SUBDOMAIN.test(s)) e.push(MSG_1123_SUBDOMAIN);
  return e;
}

function wildcardErrors(s: string): string[] {
  const e: string[] = [];
  if (s.length > 253) e.push('must be no more than 253 characters');
  if (!WILDCARD_DNS1123.test(s)) e.push(MSG_WILDCARD);
  return e;
}

const isIP = (s: string) => isIPv4(s) || (s.includes(':') && /^[0-9a-fA-F:.]+$/.test(s));

function validateBackend(b: any, path: string, causes: Cause[]): void {
  const hasResource = b?.resource != null, hasService = b?.service != null;
  if (hasResource && hasService) { causes.push({ field: path, message: 'Invalid value: "": cannot set both resource and service backends' }); return; }
  if (hasResource) {
    const r = b.resource;
    if (!r.kind) causes.push({ field: `${path}.resource.kind`, message: 'Required value' });
    if (!r.name) causes.push({ field: `${path}.resource.name`, message: 'Required value' });
    return;
  }
  if (!hasService) { causes.push({ field: path, message: 'Invalid value: "": resource or service backend is required' }); return; }
  const svc = b.service;
  if (!svc.name) causes.push({ field: `${path}.service.name`, message: 'Required value' });
  else {
    if (svc.name.length > 63) causes.push({ field: `${path}.service.name`, message: `Invalid value: ${goQuote(svc.name)}: must be no more than 63 characters` });
    if (!DNS1035_LABEL.test(svc.name)) causes.push({ field: `${path}.service.name`, message: `Invalid value: ${goQuote(svc.name)}: ${MSG_1035}` });
  }
  const name: string = svc.port?.name ?? '';
  const num: number = svc.port?.number ?? 0;
  if (name && num) causes.push({ field: path, message: 'Invalid value: "": cannot set both port name & port number' });
  else if (name) for (const m of portNameErrors(name)) causes.push({ field: `${path}.service.port.name`, message: `Invalid value: ${goQuote(name)}: ${m}` });
  else if (num) {
    if (num < 1 || num > 65535) causes.push({ field: `${path}.service.port.number`, message: `Invalid value: ${num}: must be between 1 and 65535, inclusive` });
  } else causes.push({ field: path, message: 'Required value: port name or number is required' });
}

function validatePath(p: any, path: string, causes: Cause[]): void {
  if (!p.pathType) { causes.push({ field: `${path}.pathType`, message: 'Required value: pathType must be specified' }); return; }
  const v: string = p.path ?? '';
  if (p.pathType === 'Exact' || p.pathType === 'Prefix') {
    if (!v.startsWith('/')) causes.push({ field: `${path}.path`, message: `Invalid value: ${goQuote(v)}: must be an absolute path` });
    if (v) {
      for (const seq of INVALID_SEQUENCES) if (v.includes(seq)) causes.push({ field: `${path}.path`, message: `Invalid value: ${goQuote(v)}: must not contain '${seq}'` });
      for (const suf of INVALID_SUFFIXES) if (v.endsWith(suf)) causes.push({ field: `${path}.path`, message: `Invalid value: ${goQuote(v)}: cannot end with '${suf}'` });
    }
  } else if (p.pathType === 'ImplementationSpecific') {
    if (v && !v.startsWith('/')) causes.push({ field: `${path}.path`, message: `Invalid value: ${goQuote(v)}: must be an absolute path` });
  } else {
    causes.push({ field: `${path}.pathType`, message: `Unsupported value: ${goQuote(p.pathType)}: supported values: "Exact", "ImplementationSpecific", "Prefix"` });
  }
  validateBackend(p.backend, `${path}.backend`, causes);
}

export function validateIngress(o: KObject, causes: Cause[], create: boolean): void {
  const spec = o.spec ?? {};
  const rules: any[] = spec.rules ?? [];
  if (!rules.length && !spec.defaultBackend) causes.push({ field: 'spec', message: 'Invalid value: []networking.IngressRule(nil): either `defaultBackend` or `rules` must be specified' });
  if (spec.defaultBackend) validateBackend(spec.defaultBackend, 'spec.defaultBackend', causes);
  rules.forEach((r, i) => {
    const at = `spec.rules[${i}]`;
    const host: string = r?.host ?? '';
    if (host) {
      if (isIP(host)) causes.push({ field: `${at}.host`, message: `Invalid value: ${goQuote(host)}: must be a DNS name, not an IP address` });
      for (const m of host.includes('*') ? wildcardErrors(host) : subdomainErrors(host)) causes.push({ field: `${at}.host`, message: `Invalid value: ${goQuote(host)}: ${m}` });
    }
    if (r?.http) {
      const paths: any[] = r.http.paths ?? [];
      if (!paths.length) causes.push({ field: `${at}.http.paths`, message: 'Required value' });
      paths.forEach((p, j) => validatePath(p ?? {}, `${at}.http.paths[${j}]`, causes));
    }
  });
  (spec.tls ?? []).forEach((t: any, i: number) => {
    (t?.hosts ?? []).forEach((h: string, j: number) => {
      for (const m of h.includes('*') ? wildcardErrors(h) : subdomainErrors(h)) causes.push({ field: `spec.tls[${i}].hosts[${j}]`, message: `Invalid value: ${goQuote(h)}: ${m}` });
    });
    const secret: string = t?.secretName ?? '';
    if (secret) for (const m of subdomainErrors(secret)) causes.push({ field: `spec.tls[${i}].secretName`, message: `Invalid value: ${goQuote(secret)}: ${m}` });
  });
  if (spec.ingressClassName) for (const m of subdomainErrors(spec.ingressClassName)) causes.push({ field: 'spec.ingressClassName', message: `Invalid value: ${goQuote(spec.ingressClassName)}: ${m}` });
  const ann = o.metadata.annotations?.['kubernetes.io/ingress.class'];
  if (create && ann !== undefined && spec.ingressClassName != null && ann !== spec.ingressClassName) {
    causes.push({ field: 'annotations.kubernetes.io/ingress.class', message: `Invalid value: ${goQuote(ann)}: must match \`ingressClassName\` when both are specified` });
  }
}
