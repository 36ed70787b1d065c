// kubectl apply -f: client-side apply. A missing object is created with the
// last-applied-configuration annotation; an existing one gets the three-way strategic merge
// patch between what was last applied, the new manifest and the live object, so fields dropped
// from the manifest are removed and fields the manifest never set (defaults, allocations,
// other writers' changes) stay. Prints created / configured / unchanged per object.
import { requestBody } from '../api/received';
import { cloneJson } from '../api/gonumber';
import { parseFlags, FlagDef, Parsed, subcommandIndex } from './flags';
import { err, out } from './io';
import { ApiError, CliError, KObject } from '../api/types';
import type { KindInfo } from '../api/kinds';
import { parseOutput } from '../printers/output';
import { parseDryRun, DryRun } from './create';
import { forEachObject, printErrors, apiErr, serverCreate, serverUpdate, parseValidate, ObjectPrinter, VisitContext, Validation } from './manifest-verbs';
import { session } from './session';
import { LAST_APPLIED, modifiedConfiguration, getLastApplied } from './lastapplied';
import type { ManifestObject } from './manifests';
import type { Api } from '../api/server';

export const APPLY_FLAGS: FlagDef[] = [
  { name: 'filename', short: 'f', type: 'stringArray', default: [] },
  { name: 'recursive', short: 'R', type: 'bool', default: false },
  { name: 'kustomize', short: 'k', type: 'string', default: '' },
  { name: 'output', short: 'o', type: 'string', default: '' },
  { name: 'dry-run', type: 'string', default: 'none' },
  { name: 'server-side', type: 'bool', default: false },
  { name: 'force-conflicts', type: 'bool', default: false },
  { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply' },
  { name: 'validate', type: 'string', default: 'strict' },
  { name: 'selector', short: 'l', type: 'string', default: '' },
  { name: 'all', type: 'bool', default: false },
  { name: 'prune', type: 'bool', default: false },
  { name: 'prune-allowlist', type: 'stringArray', default: [] },
  { name: 'overwrite', type: 'bool', default: true },
  { name: 'force', type: 'bool', default: false },
  { name: 'grace-period', type: 'int', default: -1 },
  { name: 'timeout', type: 'string', default: '0s' },
  { name: 'wait', type: 'bool', default: false },
  { name: 'cascade', type: 'string', default: 'background' },
  { name: 'template', type: 'string', default: '' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'show-managed-fields', type: 'bool', default: false },
  { name: 'openapi-patch', type: 'bool', default: true },
  { name: 'subresource', type: 'string', default: '' },
];

const clone = <T>(v: T): T => cloneJson(v);

function dropNulls<T>(v: T): T {
  if (Array.isArray(v)) return v.map(dropNulls) as any;
  if (v && typeof v === 'object') {
    const o: any = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) o[k] = dropNulls(x);
    return o;
  }
  return v;
}

export function run(argv: string[]): number {
  const at = subcommandIndex(argv, APPLY_FLAGS);
  const sub = at >= 0 ? argv[at] : undefined;
  if (sub === 'view-last-applied' || sub === 'set-last-applied' || sub === 'edit-last-applied') {
    const rest = [...argv]; rest.splice(at, 1);
    return lastAppliedSubcommand(sub, rest);
  }
  const p = parseFlags(argv, APPLY_FLAGS, 'kubectl apply');
  const f = p.flags;
  if (p.args.length) throw new CliError(`error: Unexpected args: [${p.args.join(' ')}]\nSee 'kubectl apply -h' for help and examples`, 1, true);
  if (!f.filename.length && !f.kustomize) throw new CliError('must specify one of -f and -k');
  if (f.prune && !f.selector && !f.all) throw new CliError('all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector');
  if (f.all && f.selector) throw new CliError('cannot set --all and --selector at the same time');
  const pruneAllowlist = f.prune ? (require('./apply-prune') as typeof import('./apply-prune')).parsePruneAllowlist(f['prune-allowlist']) : [];
  const dryRun = parseDryRun(f['dry-run'], p.set.has('dry-run'));
  const spec = parseOutput(f.output || undefined, f.template || undefined, { noTables: true });
  const validation = parseValidate(f.validate);
  const s = session();
  const ctx: VisitContext = { s, ns: s.namespace(f.namespace), explicitNs: p.set.has('namespace') && !!f.namespace, errors: [], selector: f.selector || undefined };
  const printer = new ObjectPrinter(spec, dryRun, f['allow-missing-template-keys']);
  const collected: KObject[] = [];
  const visitedUids = new Set<string>();
  const visitedNamespaces: string[] = [];
  const emit = (o: KObject, verb: string) => {
    if (printer.printsObjects) collected.push(o);
    else printer.print(o, verb);
  };
  const n = forEachObject(p, ctx, (mo) => {
    try {
      if (f['server-side']) serverSideApply(s.write.bind(s), mo, dryRun, validation, emit);
      else applyOne(s.write.bind(s), mo, dryRun, validation, emit);
      if (f.prune) {
        // MarkObjectVisited: the live object's UID (a dry run's too)
        const live = s.api.get(mo.info.kind, mo.info.namespaced ? mo.obj.metadata.namespace : undefined, mo.obj.metadata.name);
        if (live?.metadata.uid) visitedUids.add(live.metadata.uid);
        const ns = mo.info.namespaced ? mo.obj.metadata.namespace : undefined;
        if (ns && !visitedNamespaces.includes(ns)) visitedNamespaces.push(ns);
      }
    } catch (e) {
      if (e instanceof ApiError) {
        if ((e as any).applyPatch) ctx.errors.push({ text: (e as any).applyPatch, api: e });
        else ctx.errors.push(apiErr(e, 'creating', mo.source));
        return;
      }
      throw e;
    }
  });
  if (n === 0 && !ctx.errors.length) throw new CliError('no objects passed to apply');
  if (collected.length > 1) {
    if (spec.kind === 'json') {
      // UnstructuredList marshals kind, apiVersion, metadata, then the (sorted) items
      const { toJson, sortedKeys } = require('../printers/json');
      const sortDeep = (v: any): any => Array.isArray(v) ? v.map(sortDeep) : v && typeof v === 'object' ? Object.fromEntries(sortedKeys(v).map((k: string) => [k, sortDeep(v[k])])) : v;
      out(toJson({ kind: 'List', apiVersion: 'v1', metadata: {}, items: collected.map(sortDeep) }, { sortKeys: false }));
    } else printer.print({ apiVersion: 'v1', kind: 'List', metadata: {} as any, items: collected }, '');
  } else if (collected.length === 1) printer.print(collected[0], '');
  if (ctx.errors.length) return printErrors(ctx.errors);
  if (f.prune) {
    const { prune } = require('./apply-prune') as typeof import('./apply-prune');
    const { deleteOptions } = require('./delete') as typeof import('./delete');
    const del = deleteOptions(p);
    prune(s, visitedUids, visitedNamespaces, { selector: f.selector, allowlist: pruneAllowlist, dryRun, grace: del.grace, propagation: del.propagation, print: (o) => printer.print(o, 'pruned') });
  }
  return printer.rc;
}

type Write = <T>(fn: (api: Api) => T) => T;

function applyOne(write: Write, mo: ManifestObject, dryRun: DryRun, validation: Validation, emit: (o: KObject, verb: string) => void): void {
  const { obj, info } = mo;
  const ns = info.namespaced ? obj.metadata.namespace : undefined;
  if (!obj.metadata.name) {
    const gv = info.group ? `${info.group}/${info.version}` : info.version;
    throw new CliError(`error when retrieving current configuration of:\nResource: "${gv}, Resource=${info.plural}", GroupVersionKind: "${gv}, Kind=${info.kind}"\nName: "", Namespace: "${ns ?? ''}"\nfrom server for: "${mo.source}": resource name may not be empty`);
  }
  let verb = '';
  const result = write((api) => {
    const current = servedAs(info, api.get(info.kind, ns, obj.metadata.name));
    // a custom resource is read at the manifest's version (conversion None: only apiVersion changes)
    if (current && info.custom && typeof obj.apiVersion === 'string') current.apiVersion = obj.apiVersion;
    if (!current) {
      // Create with the annotation, skipping the merge.
      // The annotation keeps the manifest as written; the object kubectl sends has lost its nulls.
      const withAnnotation = dropNulls(clone(obj));
      withAnnotation.metadata.annotations = { ...(withAnnotation.metadata.annotations ?? {}), [LAST_APPLIED]: modifiedConfiguration(obj) };
      verb = 'created';
      if (dryRun === 'client') return withAnnotation;
      return serverCreate(api, withAnnotation, info, { dryRun: dryRun === 'server', validation });
    }
    // The modified configuration: the manifest with the annotation set to itself.
    const modified = clone(obj);
    modified.metadata.annotations = { ...(modified.metadata.annotations ?? {}), [LAST_APPLIED]: modifiedConfiguration(obj) };
    if (dryRun === 'client') { verb = 'configured'; return modified; }
    const original = getLastApplied(current);
    if (!current.metadata.annotations?.[LAST_APPLIED]) {
      err(`Warning: resource ${info.plural}/${obj.metadata.name} is missing the ${LAST_APPLIED} annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n`);
    }
    const { createThreeWayMergePatch, strategicMergePatch } = require('./merge') as typeof import('./merge');
    const patch = createThreeWayMergePatch(original, modified, current, info.kind);
    if (!Object.keys(patch).length) { verb = 'unchanged'; return current; }
    verb = 'configured';
    try {
      // the PATCH's body is refused for its size before the server decodes it
      requestBody(patch);
      // A resourceVersion in the patch is a precondition (a manifest saved from `get -o yaml`).
      const prv = (patch as any).metadata?.resourceVersion;
      if (typeof prv === 'string' && prv !== current.metadata.resourceVersion) {
        throw new ApiError('Conflict', `Operation cannot be fulfilled on ${info.group ? `${info.plural}.${info.group}` : info.plural} "${obj.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`, 409);
      }
      const patched = strategicMergePatch(current, patch, info.kind) as KObject;
      patched.metadata.resourceVersion = current.metadata.resourceVersion;
      return serverUpdate(api, patched, current, info, { dryRun: dryRun === 'server', validation });
    } catch (e) {
      if (e instanceof ApiError && !(e.reason === 'Invalid' && e.details.causes?.length)) {
        const { toCompactJson } = require('../printers/json');
        const gv = info.group ? `${info.group}/${info.version}` : info.version;
        (e as any).applyPatch = `error when applying patch:\n${toCompactJson(patch, { sortKeys: true })}\nto:\nResource: "${gv}, Resource=${info.plural}", GroupVersionKind: "${gv}, Kind=${info.kind}"\nName: "${obj.metadata.name}", Namespace: "${ns ?? ''}"\nfor: "${mo.source}": error when patching "${mo.source}": ${e.message}`;
      }
      throw e;
    }
  });
  emit(result, verb);
}

/** --server-side: create, or merge the manifest's fields into the live object. */
function serverSideApply(write: Write, mo: ManifestObject, dryRun: DryRun, validation: Validation, emit: (o: KObject, verb: string) => void): void {
  const { obj, info } = mo;
  const ns = info.namespaced ? obj.metadata.namespace : undefined;
  const result = write((api) => {
    const current = servedAs(info, api.get(info.kind, ns, obj.metadata.name));
    if (dryRun === 'client') return obj;
    if (!current) return serverCreate(api, obj, info, { dryRun: dryRun === 'server', validation });
    const { strategicMergePatch } = require('./merge') as typeof import('./merge');
    const patched = strategicMergePatch(current, obj, info.kind) as KObject;
    return serverUpdate(api, patched, current, info, { dryRun: dryRun === 'server', validation });
  });
  emit(result, 'serverside-applied');
}

// ---- apply view-last-applied / set-last-applied / edit-last-applied: src/cli/apply-last-applied.ts ----

function lastAppliedSubcommand(sub: string, argv: string[]): number {
  return (require('./apply-last-applied') as typeof import('./apply-last-applied')).run(sub, argv);
}

/** The live object in the manifest's version (autoscaling/v1 HPAs are stored as v2). */
function servedAs(info: KindInfo, o: KObject | undefined): KObject | undefined {
  if (!info.nonPreferred || !o) return o;
  return (require('../api/kinds-more/hpa-v1') as typeof import('../api/kinds-more/hpa-v1')).asVersion(info, o);
}
