// kubectl expose: a Service for a deployment, replica set, replication controller, pod or
// service, with the selector and ports kubectl introspects.
import { parseFlags } from './flags';
import { session } from './session';
import { parseResourceArgs } from './resources';
import { ApiError, CliError, KObject } from '../api/types';
import { parseOutput } from '../printers/output';
import { parseDryRun, printResult } from './create';
import { notFound } from '../api/server';
import { formatSelector, selectorFromMap } from '../api/selectors';

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
  const { requests } = parseResourceArgs(p.args);
  const s = session();
  const ns = s.namespace(f.namespace);
  const req = requests[0];
  if (!req || !req.names.length) throw new CliError(NO_ARGS, 1, true);
  let result: KObject | undefined;
  s.write((api) => {
    const src = api.get(req.info.kind, ns, req.names[0]);
    if (!src) throw notFound(req.info, req.names[0]);
    const svc = buildService(src, f, p.set);
    if (dryRun === 'client') { result = svc; return; }
    svc.metadata.namespace = ns;
    result = api.create(svc, { dryRun: dryRun === 'server' });
  });
  return printResult(result!, 'exposed', spec, dryRun, f['allow-missing-template-keys'], true);
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

function portsOf(src: KObject): { port: number; protocol: string; name?: string }[] {
  if (src.kind === 'Service') return (src.spec?.ports ?? []).map((p: any) => ({ port: p.port, protocol: p.protocol ?? 'TCP', name: p.name }));
  const spec = src.kind === 'Pod' ? src.spec : src.spec?.template?.spec;
  const out: { port: number; protocol: string }[] = [];
  for (const c of spec?.containers ?? []) for (const cp of c.ports ?? []) out.push({ port: cp.containerPort, protocol: cp.protocol ?? 'TCP' });
  return out;
}

function parseSelectorFlag(s: string): Record<string, string> {
  const m: Record<string, string> = {};
  for (const part of s.split(',').filter(Boolean)) {
    const [k, v] = part.split('=');
    m[k.trim()] = (v ?? '').trim();
  }
  return m;
}

export function buildService(src: KObject, f: Record<string, any>, set: Set<string>): KObject {
  const selector = f.selector ? parseSelectorFlag(f.selector) : selectorOf(src);
  const name = f.name || src.metadata.name.slice(0, 63);
  const labels = f.labels ? parseSelectorFlag(f.labels) : src.metadata.labels ? { ...src.metadata.labels } : undefined;
  let ports: any[];
  const protocol = f.protocol || undefined;
  const target = (p: number) => {
    if (f['target-port']) return /^\d+$/.test(f['target-port']) ? Number(f['target-port']) : f['target-port'];
    return p;
  };
  if (f.port) {
    const nums = String(f.port).split(',');
    ports = nums.map((n, i) => {
      const port = Number(n);
      if (!Number.isInteger(port)) throw new CliError(`strconv.Atoi: parsing "${n}": invalid syntax`);
      return { ...(nums.length > 1 ? { name: `port-${i + 1}` } : {}), protocol: protocol ?? 'TCP', port, targetPort: target(port) };
    });
  } else {
    const found = portsOf(src);
    // de-duplicate by number+protocol, keeping order
    const seen = new Map<number, Set<string>>();
    const uniq: { port: number; protocol: string; name?: string }[] = [];
    for (const p of found) {
      if (!seen.has(p.port)) seen.set(p.port, new Set());
      if (seen.get(p.port)!.has(p.protocol)) continue;
      seen.get(p.port)!.add(p.protocol);
      uniq.push(p);
    }
    if (!uniq.length && f['cluster-ip'] !== 'None') throw new CliError("couldn't find port via --port flag or introspection");
    const multiProto = (n: number) => seen.get(n)!.size > 1;
    let idx = 0;
    const numIndex = new Map<number, number>();
    ports = uniq.map((p) => {
      if (!numIndex.has(p.port)) numIndex.set(p.port, ++idx);
      const i = numIndex.get(p.port)!;
      const pname = src.kind === 'Service' && p.name ? p.name : uniq.length > 1 ? (multiProto(p.port) ? `port-${i}-${p.protocol.toLowerCase()}` : `port-${i}`) : undefined;
      return { ...(pname ? { name: pname } : {}), protocol: protocol ?? p.protocol, port: p.port, targetPort: target(p.port) };
    });
  }
  const svcSpec: any = { ports, selector };
  if (f['cluster-ip']) svcSpec.clusterIP = f['cluster-ip'];
  if (f.type) svcSpec.type = f.type;
  if (f['external-ip']) svcSpec.externalIPs = f['external-ip'].split(',');
  if (f['load-balancer-ip']) svcSpec.loadBalancerIP = f['load-balancer-ip'];
  if (f['session-affinity']) svcSpec.sessionAffinity = f['session-affinity'];
  void set; void formatSelector; void selectorFromMap; void ApiError;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, creationTimestamp: null, ...(labels ? { labels } : {}) } as any,
    spec: svcSpec,
    status: { loadBalancer: {} },
  };
}
