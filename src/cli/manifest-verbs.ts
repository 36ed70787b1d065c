// The -f side of create, get, delete and describe, and what apply/replace share with them:
// visiting the objects of the files, placing them in a namespace, sending them as the API server
// receives them (strict decoding, server-owned fields), printing what happened and reporting
// errors at the end the way kubectl aggregates them.
import type { Parsed } from './flags';
import { session, Session } from './session';
import { out, err, formatApiError } from './io';
import { ApiError, CliError, KObject } from '../api/types';
import { parseOutput, compilePrinter, OutputSpec } from '../printers/output';
import { parseDryRun, DryRun } from './create';
import { visitManifests, ManifestObject, ReadError } from './manifests';
import { objectRef, kindRef } from './resources';
import { notFound } from '../api/server';
import { qualifiedResource, KindInfo } from '../api/kinds';
import type { Api } from '../api/server';
import { decodeReceived, receiveCreate, receiveUpdate } from '../api/received';

// ---- errors ----------------------------------------------------------------------------------------

export interface ErrItem {
  /** the message (for API errors: the status message, wrapped with the file when kubectl wraps it) */
  text: string;
  nested?: boolean;
  api?: ApiError;
  /** appended when it is one of several (MultipleErrors writes each message plus a newline;
   *  a printer's error ends with its own) */
  tail?: string;
}

export const readErr = (e: ReadError): ErrItem => ({ text: e.message, nested: e.nested });

/** `error when <verb> "<file>": <message>` for an API error. */
export function apiErr(e: ApiError, verb?: string, source?: string): ErrItem {
  return { text: verb ? `error when ${verb} "${source}": ${e.message}` : e.message, api: e };
}

/** Print collected errors as kubectl's CheckErr does, returning the exit code. */
export function printErrors(errors: ErrItem[]): number {
  if (!errors.length) return 0;
  const lines: string[] = [];
  if (errors.length === 1 && !errors[0].nested) {
    const e = errors[0];
    if (e.api) lines.push(e.api.reason === 'Invalid' && e.api.details.causes?.length ? formatApiError(e.api) : `Error from server (${e.api.reason}): ${e.text}`);
    else lines.push(e.text.startsWith('error: ') ? e.text : `error: ${e.text}`);
  } else {
    for (const e of errors) lines.push(e.api ? `Error from server (${e.api.reason}): ${e.text}` : e.text + (e.tail ?? ''));
  }
  err(lines.join('\n') + '\n');
  return 1;
}

// ---- namespaces --------------------------------------------------------------------------------------

/** Put the object in the namespace kubectl would (its own, else -n / the context's). Returns an
 *  error message when -n names another namespace than the object's. */
export function placeInNamespace(mo: ManifestObject, ns: string, explicit: boolean): string | undefined {
  if (!mo.info.namespaced) return undefined;
  const own = mo.obj.metadata.namespace;
  if (own) {
    if (explicit && own !== ns) return `the namespace from the provided object "${own}" does not match the namespace "${ns}". You must pass '--namespace=${own}' to perform this operation.`;
    return undefined;
  }
  mo.obj.metadata.namespace = ns;
  return undefined;
}

// ---- the server's handling of a received object ------------------------------------------------------

export type Validation = 'Strict' | 'Warn' | 'Ignore';

export function parseValidate(v: string | boolean | undefined): Validation {
  const s = String(v ?? 'strict').toLowerCase();
  if (s === 'strict' || s === 'true' || s === '') return 'Strict';
  if (s === 'warn') return 'Warn';
  if (s === 'ignore' || s === 'false') return 'Ignore';
  throw new CliError(`invalid - validate option "${v}"; must be one of: strict (or true), warn, ignore (or false)`);
}

/** Decoding of the request body: strict field validation; warnings go to stderr. */
export function decodeBody(obj: KObject, info: KindInfo, validation: Validation): void {
  for (const w of decodeReceived(obj, info, validation)) err(`Warning: ${w}\n`);
}

const warnToStderr = (w: string) => err(`Warning: ${w}\n`);

/** POST: what the API server does with a received object before storing it (src/api/received.ts). */
export function serverCreate(api: Api, obj: KObject, info: KindInfo, opts: { dryRun?: boolean; validation?: Validation } = {}): KObject {
  return receiveCreate(api, obj, info, { ...opts, warn: warnToStderr });
}

/** PUT: keep what the main resource does not change (status), then update. */
export function serverUpdate(api: Api, obj: KObject, current: KObject, info: KindInfo, opts: { dryRun?: boolean; validation?: Validation } = {}): KObject {
  return receiveUpdate(api, obj, current, info, { ...opts, warn: warnToStderr });
}

// ---- printing ----------------------------------------------------------------------------------------

const dryRunSuffix = (d: DryRun) => (d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '');

/** Prints objects one at a time as kubectl's printers do for mutating verbs: `kind/name verb`,
 *  `-o name`, or the object (YAML documents separated by `---`). */
export class ObjectPrinter {
  private count = 0;
  private printer?: ReturnType<typeof compilePrinter>;
  rc = 0;
  /** `typed`: the verb prints Go structs (set image/env ...): -o json/yaml in struct order, with
   *  the zero values Go writes. */
  /** Set by verbs whose visitor returns the printer's error (create -f): it joins the other
   *  errors, printed at the end as kubectl's aggregate is. */
  errors?: ErrItem[];
  constructor(public spec: OutputSpec, private dryRun: DryRun, private allowMissing = true, private typed = false) {
    if (spec.kind !== 'table' && spec.kind !== 'wide' && spec.kind !== 'name') this.printer = compilePrinter(spec, { allowMissingKeys: allowMissing });
  }
  get printsObjects(): boolean { return !!this.printer; }
  print(obj: KObject, verb: string): void {
    this.count++;
    if (this.spec.kind === 'table' || this.spec.kind === 'wide') { out(`${objectRef(obj)} ${verb}${dryRunSuffix(this.dryRun)}\n`); return; }
    if (this.spec.kind === 'name') { out(`${objectRef(obj)}\n`); return; }
    if (this.typed && (this.spec.kind === 'json' || this.spec.kind === 'yaml')) obj = (require('../printers/typed') as typeof import('../printers/typed')).toTypedOrder(obj);
    const r = this.spec.kind === 'json' && this.typed
      ? { out: (require('../printers/json') as typeof import('../printers/json')).toJson(obj, { sortKeys: false }), err: undefined }
      : this.printer!({ single: obj, items: [] });
    if (this.spec.kind === 'yaml' && this.count > 1) out('---\n');
    out(r.out);
    if (r.err && this.errors) {
      const text = r.err.replace(/^error: /, '').replace(/\n$/, '');
      this.errors.push({ text, tail: '\n' });
      return;
    }
    if (r.err) { err(r.err); this.rc = 1; }
  }
}

// ---- visiting ----------------------------------------------------------------------------------------

/** `local`: --local verbs print the file's object as it is, without the namespace the builder
 *  would give it. */
export interface VisitContext { s: Session; ns: string; explicitNs: boolean; errors: ErrItem[]; selector?: string; local?: boolean }

/** Visit every object of -f (placed in its namespace), collecting read errors. Returns the
 *  number of objects visited. */
export function forEachObject(p: Parsed, ctx: VisitContext, fn: (mo: ManifestObject) => void): number {
  let n = 0;
  let sel: any;
  if (ctx.selector) {
    const { parseLabelSelector } = require('../api/selectors');
    sel = parseLabelSelector(ctx.selector);
  }
  for (const v of visitSources(p)) {
    if ('error' in v) { ctx.errors.push(readErr(v.error)); continue; }
    const mo = v.object;
    if (sel) {
      const { matchLabels } = require('../api/selectors');
      if (!matchLabels(sel, mo.obj.metadata?.labels)) continue;
    }
    n++;
    const had = mo.obj.metadata?.namespace;
    const nsErr = placeInNamespace(mo, ctx.ns, ctx.explicitNs);
    if (ctx.local && !had && mo.obj.metadata) delete mo.obj.metadata.namespace;
    if (nsErr) { ctx.errors.push({ text: nsErr }); continue; }
    try {
      fn(mo);
    } catch (e) {
      if (e instanceof ApiError) { ctx.errors.push(apiErr(e)); continue; }
      if (e instanceof CliError && !e.raw) { ctx.errors.push({ text: e.message }); continue; }
      throw e;
    }
  }
  return n;
}

/** -f files, or -k's kustomization (FilenameOptions: one or the other). */
export function visitSources(p: Parsed): Iterable<import('./manifests').Visit> {
  const k: string = p.flags.kustomize ?? '';
  if (k && p.flags.filename?.length) throw new CliError('only one of -f or -k can be specified');
  if (k && p.flags.recursive) throw new CliError("the -k flag can't be used with -f or -R");
  if (k) return require('./kustomize/visit').visitKustomization(k);
  return visitManifests({ filenames: p.flags.filename, recursive: !!p.flags.recursive });
}

function context(p: Parsed, selector?: string): VisitContext {
  const s = session();
  return { s, ns: s.namespace(p.flags.namespace), explicitNs: p.set.has('namespace') && !!p.flags.namespace, errors: [], selector: selector || undefined };
}

const nsOf = (mo: ManifestObject) => (mo.info.namespaced ? mo.obj.metadata.namespace : undefined);

// ---- create -f ---------------------------------------------------------------------------------------

export function createFromFiles(p: Parsed): number {
  const f = p.flags;
  const dryRun = parseDryRun(f['dry-run'], p.set.has('dry-run'));
  const spec = parseOutput(f.output || undefined, f.template || undefined, { noTables: true });
  const validation = parseValidate(f.validate);
  if (f.edit) throw new CliError('--edit is not supported by kubesim');
  const ctx = context(p, f.selector);
  const printer = new ObjectPrinter(spec, dryRun, f['allow-missing-template-keys']);
  printer.errors = ctx.errors;
  const n = forEachObject(p, ctx, (mo) => {
    if (f['save-config']) {
      const { setLastApplied } = require('./lastapplied');
      setLastApplied(mo.obj, false);
    }
    if (dryRun === 'client') { printer.print(mo.obj, 'created'); return; }
    try {
      const created = ctx.s.write((api) => serverCreate(api, mo.obj, mo.info, { dryRun: dryRun === 'server', validation }));
      printer.print(created, 'created');
    } catch (e) {
      if (e instanceof ApiError) { ctx.errors.push(apiErr(e, 'creating', mo.source)); return; }
      throw e;
    }
  });
  if (n === 0 && !ctx.errors.length) throw new CliError('no objects passed to create');
  return printErrors(ctx.errors) || printer.rc;
}

// ---- delete -f ---------------------------------------------------------------------------------------

export function deleteFromFiles(p: Parsed): number {
  const f = p.flags;
  const { deleteOptions, deletedLine, waitGone } = require('./delete') as typeof import('./delete');
  const opts = deleteOptions(p);
  if (opts.force && opts.grace === 0) err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  const ctx = context(p, f.selector);
  const deleted: KObject[] = [];
  const targets: ManifestObject[] = [];
  const n = forEachObject(p, ctx, (mo) => { targets.push(mo); });
  // All deletions in one transaction (each one all-or-nothing): like kubectl's sequence of
  // DELETE requests, none of them sees the controllers' reaction to the ones before (a
  // namespace deleted first is Terminating, its objects still there to delete).
  const lines: string[] = [];
  if (targets.length) {
    ctx.s.write((api) => {
      for (const mo of targets) {
        try {
          const cur = api.get(mo.info.kind, nsOf(mo), mo.obj.metadata.name);
          if (!cur) throw notFound(mo.info, mo.obj.metadata.name);
          api.delete(mo.info.kind, cur.metadata.namespace, cur.metadata.name, { gracePeriodSeconds: opts.grace, propagation: opts.propagation, dryRun: opts.dryRun !== 'none' });
          lines.push(deletedLine(cur, { ...opts, outputName: f.output === 'name' }));
          deleted.push(cur);
        } catch (e) {
          if (e instanceof ApiError) {
            if (e.reason === 'NotFound' && f['ignore-not-found']) continue;
            ctx.errors.push(apiErr(e, 'deleting', mo.source));
            continue;
          }
          throw e;
        }
      }
    });
  }
  out(lines.join(''));
  if (n === 0 && !ctx.errors.length) out('No resources found\n');
  if (f.wait && opts.dryRun === 'none' && deleted.length) waitGone(ctx.s, deleted);
  return printErrors(ctx.errors);
}

// ---- get -f ------------------------------------------------------------------------------------------

export function getFromFiles(p: Parsed, spec: OutputSpec, printer: ((d: { single?: KObject; items: KObject[] }) => { out: string; err?: string }) | undefined): number {
  const f = p.flags;
  if (f.watch || f['watch-only']) throw new CliError('watch is only supported on individual resources and resource collections, but 0 resources were found');
  const ctx = context(p, f.selector);
  ctx.s.catchUp();
  const groups: { info: KindInfo; objects: KObject[] }[] = [];
  let visited = 0;
  forEachObject(p, ctx, (mo) => {
    visited++;
    const live = ctx.s.api.get(mo.info.kind, nsOf(mo), mo.obj.metadata.name);
    if (!live) {
      if (!f['ignore-not-found']) ctx.errors.push(apiErr(notFound(mo.info, mo.obj.metadata.name)));
      return;
    }
    const last = groups[groups.length - 1];
    if (last && last.info === mo.info) last.objects.push(live);
    else groups.push({ info: mo.info, objects: [live] });
  });
  for (const e of ctx.errors) if (!e.api) e.nested = true;
  const all = groups.flatMap((g) => g.objects);
  let rc = 0;
  if (printer) {
    if (all.length) {
      const r = printer(visited === 1 && all.length === 1 ? { single: all[0], items: [] } : { items: all });
      out(r.out);
      if (r.err) { err(r.err); rc = 1; }
    }
  } else {
    if (all.length) {
      const { printTables } = require('../printers/table/index');
      out(printTables(groups.map((g) => ({ kind: g.info.kind, resource: g.info, objects: g.objects })), {
        wide: spec.kind === 'wide', noHeaders: f['no-headers'], showLabels: f['show-labels'], labelColumns: f['label-columns'],
        allNamespaces: false, showKind: f['show-kind'] || new Set(groups.map((g) => g.info)).size > 1, now: ctx.s.api.now(),
      }));
    } else if (!ctx.errors.length && !f['ignore-not-found']) {
      err(`No resources found in ${ctx.ns} namespace.\n`);
    }
  }
  return printErrors(ctx.errors) || rc;
}

// ---- describe -f -------------------------------------------------------------------------------------

/** The live objects named by -f, for describe; errors are appended to `errors` as lines. */
export function objectsFromFilesLive(p: Parsed, s: Session, ns: string, errors: string[]): KObject[] {
  const ctx: VisitContext = { s, ns, explicitNs: p.set.has('namespace') && !!p.flags.namespace, errors: [], selector: p.flags.selector || undefined };
  const objs: KObject[] = [];
  forEachObject(p, ctx, (mo) => {
    const live = s.api.get(mo.info.kind, nsOf(mo), mo.obj.metadata.name);
    if (!live) { ctx.errors.push(apiErr(notFound(mo.info, mo.obj.metadata.name))); return; }
    objs.push(live);
  });
  for (const e of ctx.errors) errors.push(e.api ? `Error from server (${e.api.reason}): ${e.text}` : e.text);
  if (!objs.length && !errors.length) err(`No resources found in ${ns} namespace.\n`);
  return objs;
}

/** `deployments.apps/x` style resource name used in some messages. */
export const resourceName = (info: KindInfo, name: string) => `${qualifiedResource(info)}/${name}`;
export { kindRef };
