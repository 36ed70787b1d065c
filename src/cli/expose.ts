// kubectl expose: a Service for a deployment, replica set, replication controller, pod or
// service, with the selector and ports kubectl introspects.
import { parseFlags } from './flags';
import { out } from './io';
import { session } from './session';
import { parseResourceArgs } from './resources';
import { ApiError, CliError, KObject } from '../api/types';
import { parseOutput } from '../printers/output';
import { parseDryRun, printResult } from './create';
import { notFound } from '../api/server';

const NO_ARGS = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

export function run(argv: string[]): number {
  const p = parseFlags(argv, [
    { name: 'port', type: 'string', default: '' },
    { name: 'target-port', type: 'string', default: '' },
    { name: 'protocol', type: 'string', default: '' },
    { name: 'name', type: 'string', default: '' },
    { name: 'type', type: 'string', default: '' },
    { name: 'selector', type: 'string', default: '' },
    { name: 'labels', short: 'l', type: 'string', default: '' },
    { name: 'cluster-ip', type: 'string', default: '' },
    { name: 'external-ip', type: 'string', default: '' },
    { name: 'load-balancer-ip', type: 'string', default: '' },
    { name: 'session-affinity', type: 'string', default: '' },
    { name: 'override-type', type: 'string', default: 'merge' },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'dry-run', type: 'string', default: 'none' },
    { name: 'template', type: 'string', default: '' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'filename', short: 'f', type: 'stringArray', default: [] },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'save-config', type: 'bool', default: false },
    { name: 'field-manager', type: 'string', default: 'kubectl-expose' },
    { name: 'overrides', type: 'string', default: '' },
  ], 'kubectl expose');
  const f = p.flags;
  const dryRun = parseDryRun(f['dry-run'], p.set.has('dry-run'));
  const spec = parseOutput(f.output || undefined, f.template || undefined, { noTables: true });
  if (!p.args.length && !f.filename.length) throw new CliError(NO_ARGS, 1, true);
  if (p.args.length && f.filename.length) throw new CliError('when paths, URLs, or stdin is provided as input, you may not specify resource arguments as well');
  const s = session();
  const ns = s.namespace(f.namespace);
  // The resource builder visits every object named (or read from -f: the file's object, not
  // the live one); an error on one is reported at the end and the others are still exposed.
  const { printErrors, apiErr } = require('./manifest-verbs') as typeof import('./manifest-verbs');
  type Err = { text: string; api?: ApiError; nested?: boolean };
  const sources: (KObject | Err)[] = [];
  const errors: Err[] = [];
  if (f.filename.length) {
    const { forEachObject } = require('./manifest-verbs') as typeof import('./manifest-verbs');
    const ctx = { s, ns, explicitNs: p.set.has('namespace') && !!f.namespace, errors: sources as any[] };
    forEachObject(p, ctx, (mo) => { sources.push(mo.obj); });
  } else {
    const { requests } = parseResourceArgs(p.args);
    s.catchUp();
    for (const req of requests) {
      if (!req.names.length) throw new CliError('resource(s) were provided, but no name was specified');
      for (const name of req.names) {
        const src = s.api.get(req.info.kind, req.info.namespaced ? ns : undefined, name);
        if (!src) sources.push(apiErr(notFound(req.info, name)));
        else sources.push(src);
      }
    }
  }
  let rc = 0;
  let printed = 0;
  const state = exposeState(f);
  for (const src of sources) {
    if (!('kind' in src)) { errors.push(src); continue; }
    try {
      const svc = buildService(src, f, state);
      let result = svc;
      if (dryRun !== 'client') {
        svc.metadata.namespace = src.metadata.namespace || ns;
        result = s.write((api) => api.create(svc, { dryRun: dryRun === 'server' }));
      }
      if (spec.kind === 'yaml' && printed++) out('---\n');
      rc = printResult(result, 'exposed', spec, dryRun, f['allow-missing-template-keys'], true) || rc;
    } catch (e) {
      if (e instanceof ApiError) { errors.push(apiErr(e)); continue; }
      if (e instanceof CliError && !e.raw) { errors.push({ text: e.message }); continue; }
      throw e;
    }
  }
  return printErrors(errors) || rc;
}

function selectorOf(src: KObject): Record<string, string> {
  switch (src.kind) {
    case 'Deployment': case 'ReplicaSet': {
      const sel = src.spec?.selector ?? {};
      if (sel.matchExpressions?.length) {
        const exprs = sel.matchExpressions.map((e: any) => `{Key:${e.key} Operator:${e.operator} Values:[${(e.values ?? []).join(' ')}]}`).join(' ');
        throw new CliError(`couldn't retrieve selectors via --selector flag or introspection: couldn't convert expressions - "[${exprs}]" to map-based selector format`);
      }
      return { ...(sel.matchLabels ?? {}) };
    }
    case 'ReplicationController': return { ...(src.spec?.selector ?? {}) };
    case 'Service': return { ...(src.spec?.selector ?? {}) };
    case 'Pod':
      if (!src.metadata.labels || !Object.keys(src.metadata.labels).length) {
        throw new CliError("couldn't retrieve selectors via --selector flag or introspection: the pod has no labels and cannot be exposed");
      }
      return { ...src.metadata.labels };
  }
  const group = src.apiVersion.includes('/') ? '.' + src.apiVersion.split('/')[0] : '';
  throw new CliError(`cannot expose a ${src.kind}${group}`);
}

/** PortsForObject and ProtocolsForObject: the port numbers (each once, in order) and, per
 *  number, the protocols (TCP when unset). */
function portsOf(src: KObject): { ports: string[]; protocols: Map<string, string[]> } {
  const found: { port: number; protocol: string }[] = [];
  if (src.kind === 'Service') for (const p of src.spec?.ports ?? []) found.push({ port: p.port, protocol: p.protocol ?? 'TCP' });
  else {
    const spec = src.kind === 'Pod' ? src.spec : src.spec?.template?.spec;
    for (const c of spec?.containers ?? []) for (const cp of c.ports ?? []) found.push({ port: cp.containerPort, protocol: cp.protocol || 'TCP' });
  }
  const ports: string[] = [];
  const protocols = new Map<string, string[]>();
  for (const { port, protocol } of found) {
    const k = String(port);
    if (!protocols.has(k)) { protocols.set(k, []); ports.push(k); }
    if (!protocols.get(k)!.includes(protocol)) protocols.get(k)!.push(protocol);
  }
  return { ports, protocols };
}

/** generate.ParseLabels, as createService reads --selector and --labels. */
function parseSelectorFlag(s: string): Record<string, string> {
  const m: Record<string, string> = {};
  if (!s) return m;
  for (const part of s.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2) throw new CliError(`unexpected label spec: ${part}`);
    if (!kv[0]) throw new CliError('unexpected empty label key');
    m[kv[0]] = kv[1];
  }
  return m;
}

const makeLabels = (m: Record<string, string> | undefined) => Object.entries(m ?? {}).map(([k, v]) => `${k}=${v}`).join(',');

/** What RunExpose keeps in its options between the objects it visits: a selector, port(s) and
 *  labels introspected from one object stay for the next ones (as in kubectl). */
export interface ExposeState { selector: string; port: string; ports: string; protocols?: Map<string, string[]>; labels: string }

export function exposeState(f: Record<string, any>): ExposeState {
  return { selector: f.selector || '', port: f.port || '', ports: '', labels: f.labels || '' };
}

export function buildService(src: KObject, f: Record<string, any>, st: ExposeState = exposeState(f)): KObject {
  if (!['Deployment', 'ReplicaSet', 'ReplicationController', 'Service', 'Pod'].includes(src.kind)) {
    const group = src.apiVersion.includes('/') ? '.' + src.apiVersion.split('/')[0] : '';
    throw new CliError(`cannot expose a ${src.kind}${group}`);
  }
  if (!st.selector) st.selector = makeLabels(selectorOf(src));
  const headless = f['cluster-ip'] === 'None';
  const intro = portsOf(src);
  if (!st.port) {
    if (intro.ports.length === 0) { if (!headless) throw new CliError("couldn't find port via --port flag or introspection"); }
    else if (intro.ports.length === 1) st.port = intro.ports[0];
    else st.ports = intro.ports.join(',');
  }
  if (intro.protocols.size) st.protocols = intro.protocols;
  if (!st.labels) st.labels = makeLabels(src.metadata.labels);
  const selector = parseSelectorFlag(st.selector);
  const name = f.name || src.metadata.name.slice(0, 63);
  const labels = st.labels ? parseSelectorFlag(st.labels) : undefined;
  const target = (p: number) => {
    if (f['target-port']) return /^\d+$/.test(f['target-port']) ? Number(f['target-port']) : f['target-port'];
    return p;
  };
  const portString = st.ports || st.port;
  const protocolsMap = st.protocols ?? new Map<string, string[]>();
  const ports: any[] = [];
  const slice = portString ? portString.split(',') : [];
  slice.forEach((n, i) => {
    const port = Number(n);
    if (!/^[+-]?\d+$/.test(n)) throw new CliError(`strconv.Atoi: parsing "${n}": invalid syntax`);
    const pname = slice.length > 1 ? `port-${i + 1}` : undefined;
    let protocol: string = f.protocol || '';
    if (!protocol && !protocolsMap.size) protocol = 'TCP';
    else if (!protocol) {
      protocol = 'TCP';
      const ex = protocolsMap.get(n);
      if (ex && ex.length === 1) protocol = ex[0];
      else if (ex) {
        for (const proto of ex) ports.push({ name: `port-${i + 1}-${proto.toLowerCase()}`, protocol: proto, port, targetPort: target(port) });
        return;
      }
    }
    ports.push({ ...(pname ? { name: pname } : {}), protocol, port, targetPort: target(port) });
  });
  const svcSpec: any = { ...(ports.length ? { ports } : {}), selector };
  if (f['cluster-ip']) svcSpec.clusterIP = f['cluster-ip'];
  if (f.type) svcSpec.type = f.type;
  if (f['external-ip']) svcSpec.externalIPs = f['external-ip'].split(',');
  if (f['load-balancer-ip']) svcSpec.loadBalancerIP = f['load-balancer-ip'];
  if (f['session-affinity']) {
    if (f['session-affinity'] !== 'None' && f['session-affinity'] !== 'ClientIP') throw new CliError(`unknown session affinity: ${f['session-affinity']}`);
    svcSpec.sessionAffinity = f['session-affinity'];
  }
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, creationTimestamp: null, ...(labels ? { labels } : {}) } as any,
    spec: svcSpec,
    status: { loadBalancer: {} },
  };
}
