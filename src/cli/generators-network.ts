// `kubectl create ingress`: the Ingress kubectl builds client-side from --rule, --class,
// --default-backend and --annotation (pkg/cmd/create/create_ingress.go at 1.32).
import { CliError, KObject } from '../api/types';
import type { Generator } from './generators';
import { exactlyOneName } from './generators';

// host (letters, digits, _, -, ., *), a path starting with '/', '=', service ':' port: 1.32's
// ruleRegex checks how a rule starts, not how it ends (`foo.com/=svc:80!!` passes, port "80!!")
const RULE_RE = /^([\w*\-.]*)(\/[^,=\n]*)=([\w-]+):([\w-]+)/;

/** intstr.Parse: a number (strconv.Atoi) is a port number, anything else a port name. */
function backendPort(port: string): { number?: number; name?: string } {
  if (/^[+-]?\d+$/.test(port)) return { number: Number(port) | 0 };
  return { name: port };
}

function backend(service: string): any {
  const [name, port] = service.split(':');
  return { service: { name, port: backendPort(port) } };
}

function httpPath(pathsvc: string): any {
  const parts = pathsvc.split('=');
  let path = '/' + parts[0];
  let pathType = 'Exact';
  // a trailing '*' makes the path a Prefix (the '*' is dropped)
  if (path.endsWith('*')) { pathType = 'Prefix'; path = path.slice(0, -1); }
  return { path, pathType, backend: backend(parts[1]) };
}

function tlsRules(rules: string[]): any[] {
  const seen = new Set<string>();
  const tls: { hosts?: string[]; secretName?: string }[] = [];
  for (const rule of rules) {
    const parts = rule.split(',');
    if (parts.length !== 2) continue;
    const host = rule.split('/')[0];
    const s = parts[1].split('=');
    const secret = s.length > 1 ? s[1] : '';
    const idx = tls.findIndex((t) => (t.secretName ?? '') === secret);
    // the same host goes into the TLS list once
    if (seen.has(host)) continue;
    if (idx > -1) { (tls[idx].hosts ??= []).push(host); seen.add(host); continue; }
    const entry: { hosts?: string[]; secretName?: string } = {};
    if (host) entry.hosts = [host];
    if (secret) entry.secretName = secret;
    if (entry.secretName || entry.hosts) tls.push(entry);
    seen.add(host);
  }
  return tls;
}

function ingressRules(rules: string[]): any[] {
  const out: any[] = [];
  for (const rule of rules) {
    const noTls = rule.split(',')[0];
    const i = noTls.indexOf('/');
    const host = noTls.slice(0, i);
    const path = httpPath(noTls.slice(i + 1));
    const at = out.findIndex((r) => (r.host ?? '') === host);
    if (at > -1) { out[at].http.paths.push(path); continue; }
    out.push({ ...(host ? { host } : {}), http: { paths: [path] } });
  }
  return out;
}

export const ingress: Generator = {
  flags: [
    { name: 'class', type: 'string', default: '' },
    { name: 'rule', type: 'stringArray', default: [] },
    { name: 'default-backend', type: 'string', default: '' },
    { name: 'annotation', type: 'stringArray', default: [] },
  ],
  wrapError: 'failed to create ingress',
  build(p, ctx) {
    const name = exactlyOneName(p, ctx.cmdPath);
    const rules: string[] = p.flags.rule;
    const annotations: string[] = p.flags.annotation;
    const def: string = p.flags['default-backend'];
    // Validate
    if (!def && !rules.length) {
      throw new CliError('not enough information provided: every ingress has to either specify a default-backend (which catches all traffic) or a list of rules (which catch specific paths)');
    }
    for (const r of rules) if (!RULE_RE.test(r)) throw new CliError(`rule ${r} is invalid and should be in format host/path=svcname:svcport[,tls[=secret]]`);
    for (const a of annotations) if (!a.includes('=')) throw new CliError(`annotation ${a} is invalid and should be in format key=[value]`);
    if (def && def.split(':').length !== 2) throw new CliError('default-backend should be in format servicename:serviceport');
    const ann: Record<string, string> = {};
    for (const a of annotations) { const i = a.indexOf('='); ann[a.slice(0, i)] = a.slice(i + 1); }
    const spec: any = {};
    if (p.flags.class) spec.ingressClassName = p.flags.class;
    if (def) spec.defaultBackend = backend(def);
    const tls = tlsRules(rules);
    if (tls.length) spec.tls = tls;
    const rs = ingressRules(rules);
    if (rs.length) spec.rules = rs;
    const obj: KObject = {
      apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
      metadata: { name, ...(ctx.namespace ? { namespace: ctx.namespace } : {}), creationTimestamp: null, ...(Object.keys(ann).length ? { annotations: ann } : {}) } as any,
      spec, status: { loadBalancer: {} },
    } as any;
    return obj;
  },
};

export const NETWORK_GENERATORS: Record<string, Generator> = {
  ingress, ing: { ...ingress, canonical: 'ingress' },
};
