// kubectl autoscale (-f FILENAME | TYPE NAME | TYPE/NAME) --max=N [--min=N] [--cpu-percent=N]:
// kubectl 1.32 builds an autoscaling/v1 HorizontalPodAutoscaler for each scalable object
// (pkg/cmd/autoscale/autoscale.go at 1.32); the API server converts it to the stored
// autoscaling/v2 shape and answers in v1 (src/api/hpa.ts).
import { parseFlags, Parsed } from './flags';
import { err } from './io';
import { ApiError, CliError, KObject } from '../api/types';
import { session } from './session';
import { parseResourceArgs } from './resources';
import { KindInfo } from '../api/kinds';
import { parseOutput } from '../printers/output';
import { parseDryRun } from './flags';
import { requiredFlagError } from './generators';
import { ObjectPrinter, forEachObject, VisitContext, printErrors } from './manifest-verbs';

const CMD = 'kubectl autoscale';
/** kinds with a scale subresource in discovery */
const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

const NO_RESOURCES = "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

function build(p: Parsed, info: KindInfo, refName: string): KObject {
  const f = p.flags;
  const spec: any = {
    scaleTargetRef: { kind: info.kind, name: refName, apiVersion: info.group ? `${info.group}/${info.version}` : info.version },
    ...(f.min > 0 ? { minReplicas: f.min } : {}),
    maxReplicas: f.max,
    ...(f['cpu-percent'] >= 0 ? { targetCPUUtilizationPercentage: f['cpu-percent'] } : {}),
  };
  return {
    apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler',
    metadata: { name: f.name || refName, creationTimestamp: null } as any,
    spec, status: { currentReplicas: 0, desiredReplicas: 0 },
  } as any;
}

const int32 = (p: Parsed, name: string) => {
  const v = p.flags[name];
  if (v > 2147483647 || v < -2147483648) {
    throw new CliError(`error: invalid argument "${v}" for "--${name}" flag: strconv.ParseInt: parsing "${v}": value out of range\nSee '${CMD} --help' for usage.`, 1, true);
  }
};

export function run(argv: string[]): number {
  const p = parseFlags(argv, [
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'template', type: 'string', default: '' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'show-managed-fields', type: 'bool', default: false },
    { name: 'min', type: 'int', default: -1 },
    { name: 'max', type: 'int', default: -1 },
    { name: 'cpu-percent', type: 'int', default: -1 },
    { name: 'name', type: 'string', default: '' },
    { name: 'dry-run', type: 'string', default: 'none' },
    { name: 'filename', short: 'f', type: 'stringArray', default: [] },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'kustomize', short: 'k', type: 'string', default: '' },
    { name: 'save-config', type: 'bool', default: false },
    { name: 'field-manager', type: 'string', default: 'kubectl-autoscale' },
    { name: 'record', type: 'bool', default: false },
  ], CMD);
  for (const n of ['min', 'max', 'cpu-percent']) int32(p, n);
  if (!p.set.has('max')) throw requiredFlagError(['max']);
  if (p.set.has('record')) err('Flag --record has been deprecated, --record will be removed in the future\n');
  const f = p.flags;
  const dryRun = parseDryRun(f['dry-run'], p.set.has('dry-run'));
  const spec = parseOutput(f.output || undefined, f.template || undefined, { noTables: true });
  // Validate
  if (f.max < 1) throw new CliError(`--max=MAXPODS is required and must be at least 1, max: ${f.max}`);
  if (f.max < f.min) throw new CliError(`--max=MAXPODS must be larger or equal to --min=MINPODS, max: ${f.max}, min: ${f.min}`);
  const s = session();
  const ns = s.namespace(f.namespace);
  // the resource builder
  const targets: { info: KindInfo; name: string }[] = [];
  const ctx: VisitContext = { s, ns, explicitNs: p.set.has('namespace'), errors: [] };
  if (f.filename.length) {
    if (p.args.length) throw new CliError(NO_RESOURCES);
    forEachObject(p, ctx, (mo) => targets.push({ info: mo.info, name: mo.obj.metadata.name }));
  } else {
    if (!p.args.length) throw new CliError(NO_RESOURCES);
    const { requests } = parseResourceArgs(p.args);
    if (requests.some((r) => !r.names.length)) throw new CliError('resource(s) were provided, but no name was specified');
    for (const r of requests) for (const n of r.names) targets.push({ info: r.info, name: n });
  }
  const printer = new ObjectPrinter(spec, dryRun, f['allow-missing-template-keys'], true);
  // the API server's conversions between autoscaling/v1 and the stored v2
  const { toV1, toV2 } = require('../api/kinds-more/hpa-v1') as typeof import('../api/kinds-more/hpa-v1');
  let count = 0;
  for (const t of targets) {
    s.catchUp();
    const live = s.api.get(t.info.kind, t.info.namespaced ? ns : undefined, t.name);
    if (!live) {
      const { notFound } = require('../api/server') as typeof import('../api/server');
      throw notFound(t.info, t.name);
    }
    if (!SCALABLE.has(t.info.kind)) {
      const gv = t.info.group ? `${t.info.group}/${t.info.version}` : `/${t.info.version}`;
      throw new CliError(`cannot autoscale a ${t.info.kind}: could not find scale subresource for ${gv}, Resource=${t.info.plural} in discovery information`);
    }
    const hpa = build(p, t.info, t.name);
    count++;
    if (dryRun === 'client') { printer.print(hpa, 'created'); continue; }
    if (f['save-config']) (require('./lastapplied') as typeof import('./lastapplied')).setLastApplied(hpa);
    const stored = toV2(hpa);
    delete stored.status; // a create's status is the server's
    delete (stored.metadata as any).creationTimestamp;
    stored.metadata.namespace = ns;
    const created = s.write((api) => api.create(stored, { dryRun: dryRun === 'server' }));
    printer.print(toV1(created), 'autoscaled');
  }
  if (ctx.errors.length) return printErrors(ctx.errors) || 1;
  if (!count) throw new CliError('no objects passed to autoscale');
  return printer.rc;
}
void ApiError;
