// kubectl get: resolve the types and names, fetch, and print as a table (as the API server
// would build it), or with the -o printer.
import { parseFlags, FlagDef } from './flags';
import { session } from './session';
import { parseResourceArgs, ResourceRequest, selectorWithNamesError } from './resources';
import { out, err, formatApiError, enhanceListError } from './io';
import { ApiError, CliError, KObject } from '../api/types';
import type { KindInfo } from '../api/kinds';
import { parseOutput, compilePrinter, OutputSpec } from '../printers/output';
import { notFound } from '../api/server';

export const GET_FLAGS: FlagDef[] = [
  { name: 'output', short: 'o', type: 'string', default: '' },
  { name: 'selector', short: 'l', type: 'string', default: '' },
  { name: 'field-selector', type: 'string', default: '' },
  { name: 'all-namespaces', short: 'A', type: 'bool', default: false },
  { name: 'show-labels', type: 'bool', default: false },
  { name: 'label-columns', short: 'L', type: 'stringSlice', default: [] },
  { name: 'no-headers', type: 'bool', default: false },
  { name: 'sort-by', type: 'string', default: '' },
  { name: 'show-kind', type: 'bool', default: false },
  { name: 'ignore-not-found', type: 'bool', default: false },
  { name: 'watch', short: 'w', type: 'bool', default: false },
  { name: 'watch-only', type: 'bool', default: false },
  { name: 'output-watch-events', type: 'bool', default: false },
  { name: 'template', type: 'string', default: '' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'filename', short: 'f', type: 'stringArray', default: [] },
  { name: 'recursive', short: 'R', type: 'bool', default: false },
  { name: 'kustomize', short: 'k', type: 'string', default: '' },
  { name: 'chunk-size', type: 'int', default: 500 },
  { name: 'server-print', type: 'bool', default: true },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'subresource', type: 'string', default: '' },
  { name: 'raw', type: 'string', default: '' },
];

const REQUIRED_RESOURCE = `You must specify the type of resource to get. Use "kubectl api-resources" for a complete list of supported resources.

error: Required resource not specified.
Use "kubectl explain <resource>" for a detailed description of that resource (e.g. kubectl explain pods).
See 'kubectl get -h' for help and examples`;

export interface Fetched { request: ResourceRequest; objects: KObject[] }

export function run(argv: string[]): number {
  const p = parseFlags(argv, GET_FLAGS, 'kubectl get');
  const f = p.flags;
  // --raw PATH: the API server's answer as it sends it (src/cli/raw.ts)
  if (f.raw) return require('./raw').run(p);
  if (f['output-watch-events'] && !f.watch && !f['watch-only']) throw new CliError('--output-watch-events option can only be used with --watch or --watch-only');
  // kubectl builds the printer after fetching: a NotFound (or an unknown type) is reported
  // before a template error or an unknown -o format.
  let outputError: CliError | undefined;
  let spec: OutputSpec;
  try {
    spec = parseOutput(f.output || undefined, f.template || undefined);
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    outputError = e;
    spec = { kind: 'name' };
  }
  const tableOutput = spec.kind === 'table' || spec.kind === 'wide';
  let printer: ReturnType<typeof compilePrinter> | undefined;
  const makePrinter = () => {
    if (outputError) throw outputError;
    return (printer ??= compilePrinter(spec, { allowMissingKeys: f['allow-missing-template-keys'], noHeaders: f['no-headers'], sink: out }));
  };
  if (!f.filename.length && !f.kustomize && !p.args.length) throw new CliError(REQUIRED_RESOURCE, 1, true);
  // kubectl's PrintFlags refuse it for any -o but wide, as given (before anything is fetched)
  if (f['show-labels'] && f.output && f.output !== 'wide') throw new CliError(`--show-labels option cannot be used with ${f.output} printer`);
  if (f.filename.length || f.kustomize) return require('./manifest-verbs').getFromFiles(p, spec, tableOutput ? undefined : makePrinter());
  const conflict = selectorWithNamesError(p.args, f.selector, f['field-selector']);
  if (conflict) throw conflict;
  const { requests, singleItem } = parseResourceArgs(p.args);
  const s = session();
  s.catchUp();
  const allNs = !!f['all-namespaces'];
  const ns = s.namespace(f.namespace);
  if (f.watch || f['watch-only']) return require('./watch').watch(p, requests, spec, tableOutput ? undefined : makePrinter(), ns, allNs);

  let rc = 0;
  const errors: string[] = [];
  const fetched: Fetched[] = [];
  for (const req of requests) {
    const info = req.info;
    if (req.names.length) {
      const objs: KObject[] = [];
      for (const name of req.names) {
        const o = s.api.get(info.kind, info.namespaced ? ns : undefined, name);
        if (o) objs.push(o);
        else if (!f['ignore-not-found']) { errors.push(formatApiError(notFound(info, name))); rc = 1; }
      }
      fetched.push({ request: req, objects: servedAs(info, objs) });
    } else {
      try {
        const objs = s.api.list(info.kind, allNs || !info.namespaced ? undefined : ns, {
          labelSelector: f.selector.trim() || undefined, fieldSelector: f['field-selector'].trim() || undefined,
          forTable: tableOutput && !f['sort-by'],
        });
        fetched.push({ request: req, objects: servedAs(info, objs) });
      } catch (e) {
        throw enhanceListError(e, info, f.selector, f['field-selector']);
      }
    }
  }
  let all = fetched.flatMap((g) => g.objects);
  if (!tableOutput) {
    const single = singleItem && all.length === 1 && errors.length === 0 ? all[0] : undefined;
    // --sort-by sorts across kinds for these outputs (not a single named object).
    if (f['sort-by'] && !single && all.length) all = require('../printers/sortby').sortObjects(all, f['sort-by']);
    if (errors.length && singleItem) { err(errors.join('\n') + '\n'); return 1; }
    if (!(singleItem && !all.length)) {
      const r = makePrinter()(single ? { single, items: [] } : { items: all });
      out(r.out);
      if (r.err) { err(r.err); rc = 1; }
    }
  } else {
    if (f['sort-by']) {
      // Each table is sorted on its own; a table that cannot be sorted is left out, as kubectl does.
      const sorted = require('../printers/sortby').sortForTables(fetched.map((g) => g.objects), f['sort-by']) as (KObject[] | null)[];
      fetched.forEach((g, i) => { g.objects = sorted[i] ?? []; });
      all = fetched.flatMap((g) => g.objects);
    }
    const { printTables } = require('../printers/table/index');
    const now = s.api.now();
    // printTables decides the kind prefix from the groups (named or listed) itself.
    const text: string = printTables(fetched.map((g) => ({ kind: g.request.info.kind, resource: g.request.info, objects: g.objects, named: g.request.names.length > 0 })), {
      wide: spec.kind === 'wide', noHeaders: f['no-headers'], showLabels: f['show-labels'], labelColumns: f['label-columns'],
      allNamespaces: allNs, showKind: f['show-kind'], now,
    });
    out(text);
    if (!all.length && !errors.length) {
      const anyNamed = requests.some((r) => r.names.length);
      if (!anyNamed) {
        const namespaced = requests.every((r) => r.info.namespaced);
        err(allNs || !namespaced ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
      }
    }
  }
  if (errors.length) err(errors.join('\n') + '\n');
  return rc;
}

/** Objects as the requested version serves them (`hpa.v1.autoscaling`: converted from v2). */
function servedAs(info: KindInfo, objs: KObject[]): KObject[] {
  if (!info.nonPreferred) return objs;
  const { asVersion } = require('../api/kinds-more/hpa-v1') as typeof import('../api/kinds-more/hpa-v1');
  return objs.map((o) => asVersion(info, o));
}
