// kubectl scale: set spec.replicas (optionally only if --current-replicas matches).
import { cloneJson } from '../api/gonumber';
import { parseFlags, parseDryRun } from './flags';
import { parseOutput } from '../printers/output';
import { printResult } from './create';
import { session } from './session';
import { parseResourceArgs } from './resources';
import { CliError, KObject } from '../api/types';
import { notFound } from '../api/server';

const SCALABLE = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'ReplicationController']);

export function run(argv: string[]): number {
  const p = parseFlags(argv, [
    { name: 'replicas', type: 'int', default: -1 },
    { name: 'current-replicas', type: 'int', default: -1 },
    { name: 'resource-version', type: 'string', default: '' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'all', type: 'bool', default: false },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'dry-run', type: 'string', default: 'none' },
    { name: 'filename', short: 'f', type: 'stringArray', default: [] },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'template', type: 'string', default: '' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
  ], 'kubectl scale');
  const f = p.flags;
  // cobra's required flag comes first; a negative count is kubectl's own check
  if (!p.set.has('replicas')) throw require('./generators').requiredFlagError(['replicas']);
  if (f.replicas < 0) throw new CliError('The --replicas=COUNT flag is required, and COUNT must be greater than or equal to 0');
  if (!p.args.length) {
    throw new CliError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'", 1, true);
  }
  // kubectl's PrintFlags("scaled"): `<ref> scaled[ (dry run)]`, or -o name/json/yaml/templates of
  // the object as it was read, before scaling; --dry-run=client scales nothing
  const dryRun = parseDryRun(f['dry-run'], p.set.has('dry-run'));
  const spec = parseOutput(f.output || undefined, f.template || undefined, { noTables: true });
  const { requests } = parseResourceArgs(p.args);
  const s = session();
  const ns = s.namespace(f.namespace);
  const read: KObject[] = [];
  s.write((api) => {
    const targets: KObject[] = [];
    for (const req of requests) {
      if (req.names.length) {
        for (const name of req.names) {
          const o = api.get(req.info.kind, ns, name);
          if (!o) throw notFound(req.info, name);
          targets.push(o);
        }
      } else if (f.all || f.selector) {
        targets.push(...api.list(req.info.kind, ns, { labelSelector: f.selector || undefined }));
      } else {
        throw new CliError('resource(s) were provided, but no name was specified');
      }
    }
    for (const o of targets) {
      if (!SCALABLE.has(o.kind)) throw new CliError(`cannot scale ${o.kind}`);
      read.push(cloneJson(o));
      if (dryRun === 'client') continue;
      if (f['current-replicas'] >= 0 && (o.spec.replicas ?? 1) !== f['current-replicas']) {
        throw new CliError(`Expected replicas to be ${f['current-replicas']}, was ${o.spec.replicas ?? 1}`);
      }
      if (f.replicas > 2147483647) throw scaleOverflow(o, f.replicas);
      o.spec.replicas = f.replicas;
      if (dryRun !== 'server') api.update(o);
    }
  });
  let rc = 0;
  for (const o of read) {
    rc = printResult(o, 'scaled', spec, dryRun, f['allow-missing-template-keys']);
    if (rc) break;
  }
  return rc;
}

/** The API server's answer to kubectl's merge patch {"spec":{"replicas":N}} of the scale
 *  subresource when N does not fit the Scale's int32: the patched Scale does not decode. */
function scaleOverflow(o: KObject, replicas: number): CliError {
  const { formatSelector, selectorFromLabelSelector, selectorFromMap } = require('../api/selectors') as typeof import('../api/selectors');
  const { goCompactJson } = require('./manifests') as typeof import('./manifests');
  const sel = o.kind === 'ReplicationController' ? selectorFromMap(o.spec?.selector) : selectorFromLabelSelector(o.spec?.selector);
  const m = o.metadata;
  const scale = {
    apiVersion: 'autoscaling/v1', kind: 'Scale',
    metadata: { creationTimestamp: m.creationTimestamp, name: m.name, namespace: m.namespace, resourceVersion: m.resourceVersion, uid: m.uid },
    spec: { replicas },
    status: { replicas: o.status?.replicas ?? 0, selector: formatSelector(sel) || undefined },
  };
  const json = goCompactJson(scale).replace(/"replicas":\d+(?=\},"status")/, `"replicas":${BigInt(replicas)}`);
  return new CliError(`The request is invalid: patch: Invalid value: ${JSON.stringify(json)}: json: cannot unmarshal number ${BigInt(replicas)} into Go struct field ScaleSpec.spec.replicas of type int32`, 1, true);
}
