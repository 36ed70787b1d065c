// kubectl label / annotate: add (k=v), change (--overwrite), remove (k-), --list; each object
// patched on its own, with kubectl's messages (labeled / not labeled / unlabeled, annotated).
import { cloneJson } from '../api/gonumber';
import { parseFlags } from './flags';
import { session } from './session';
import { parseResourceArgs, objectRef } from './resources';
import { out, err, formatApiError } from './io';
import { ApiError, CliError, KObject } from '../api/types';
import { notFound } from '../api/server';
import { kindInfo } from '../api/kinds';

export function run(argv: string[]): number { return labelOrAnnotate(argv, 'labels'); }
export function runAnnotate(argv: string[]): number { return labelOrAnnotate(argv, 'annotations'); }

const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const MSG_LABEL_VALUE = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

/** cmdutil.GetResourcesAndPairs: resources first, then KEY=VALUE / KEY- pairs. */
function resourcesAndPairs(args: string[], pairType: string): { resources: string[]; pairs: string[] } {
  const resources: string[] = [], pairs: string[] = [];
  let found = false;
  for (const s of args) {
    const nonResource = (s.includes('=') && s[0] !== '=') || (s.endsWith('-') && s !== '-');
    if (nonResource) { found = true; pairs.push(s); }
    else if (!found) resources.push(s);
    else throw new CliError(`all resources must be specified before ${pairType} changes: ${s}`);
  }
  return { resources, pairs };
}

function labelOrAnnotate(argv: string[], field: 'labels' | 'annotations'): number {
  const verb = field === 'labels' ? 'label' : 'annotate';
  const p = parseFlags(argv, [
    { name: 'overwrite', type: 'bool', default: false },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'field-selector', type: 'string', default: '' },
    { name: 'all', type: 'bool', default: false },
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false },
    { name: 'list', type: 'bool', default: false },
    { name: 'local', type: 'bool', default: false },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'dry-run', type: 'string', default: 'none' },
    { name: 'resource-version', type: 'string', default: '' },
    { name: 'filename', short: 'f', type: 'stringArray', default: [] },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'kustomize', short: 'k', type: 'string', default: '' },
    { name: 'field-manager', type: 'string', default: `kubectl-${verb}` },
    { name: 'template', type: 'string', default: '' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'show-managed-fields', type: 'bool', default: false },
  ], `kubectl ${verb}`);
  const f = p.flags;
  const { resources, pairs } = resourcesAndPairs(p.args, field === 'labels' ? 'label' : 'annotation');
  // parse the updates
  const set: Record<string, string> = {};
  const remove: string[] = [];
  for (const spec of pairs) {
    if (spec.includes('=')) {
      if (field === 'labels') {
        const parts = spec.split('=');
        if (parts.length !== 2) throw new CliError(`invalid label spec: ${spec}`);
        if (!LABEL_VALUE.test(parts[1]) || parts[1].length > 63) throw new CliError(`invalid label value: ${JSON.stringify(spec)}: ${parts[1].length > 63 ? 'must be no more than 63 characters' : MSG_LABEL_VALUE}`);
        set[parts[0]] = parts[1];
      } else {
        const i = spec.indexOf('=');
        if (i === 0) throw new CliError(`invalid annotation spec: ${spec}`);
        set[spec.slice(0, i)] = spec.slice(i + 1);
      }
    } else remove.push(spec.slice(0, -1));
  }
  for (const r of remove) if (r in set) throw new CliError(`can not both modify and remove ${field === 'labels' ? 'a label' : 'an annotation'} in the same command`);
  if (f.all && f.selector) throw new CliError('cannot set --all and --selector at the same time');
  if (f.all && f['field-selector']) throw new CliError('cannot set --all and --field-selector at the same time');
  // kubectl's Validate: the resources first, then the updates
  if (!resources.length && !f.filename.length && !f.kustomize) throw new CliError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  if (!pairs.length && !f.list) throw new CliError(`at least one ${field === 'labels' ? 'label' : 'annotation'} update is required`);
  const { parseDryRun } = require('./create');
  const dryRun = f.local ? 'client' : parseDryRun(f['dry-run'], p.set.has('dry-run'));
  const { parseOutput, compilePrinter } = require('../printers/output');
  const spec = parseOutput(f.output || undefined, f.template || undefined, { noTables: true });
  const printer = spec.kind === 'table' || spec.kind === 'wide' || spec.kind === 'name' ? undefined : compilePrinter(spec, { allowMissingKeys: f['allow-missing-template-keys'] });

  const s = session();
  const ns = s.namespace(f.namespace);
  // the objects
  // objects and the errors met finding them, in the builder's order
  const { printErrors, apiErr } = require('./manifest-verbs') as typeof import('./manifest-verbs');
  type Err = { text: string; api?: ApiError; nested?: boolean };
  const targets: (KObject | Err)[] = [];
  const errors: Err[] = [];
  const isErr = (t: KObject | Err): t is Err => !('kind' in t);
  if (f.filename.length || f.kustomize) {
    const { forEachObject } = require('./manifest-verbs');
    const ctx = { s, ns, explicitNs: p.set.has('namespace'), errors: targets as any[], local: !!f.local };
    forEachObject(p, ctx, (mo: any) => {
      if (f.local) { targets.push(mo.obj); return; }
      const live = s.api.get(mo.info.kind, mo.info.namespaced ? mo.obj.metadata.namespace : undefined, mo.obj.metadata.name);
      if (!live) throw notFound(mo.info, mo.obj.metadata.name);
      targets.push(live);
    });
  } else {
    if (f.local) throw new CliError('can only use local files by -f rsrc.yaml or --filename=rsrc.json when --local=true is set');
    if (!resources.length) {
      throw new CliError(`error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'`, 1, true);
    }
    s.catchUp();
    const { requests } = parseResourceArgs(resources);
    if ((f.selector || f['field-selector']) && requests.some((r: any) => r.names.length)) throw new CliError('name cannot be provided when a selector is specified');
    for (const r of requests) {
      if (r.names.length) {
        for (const n of r.names) {
          const o = s.api.get(r.info.kind, r.info.namespaced ? ns : undefined, n);
          if (!o) targets.push(apiErr(notFound(r.info, n)));
          else targets.push(o);
        }
      } else if (f.all || f.selector || f['field-selector']) {
        targets.push(...s.api.list(r.info.kind, f['all-namespaces'] || !r.info.namespaced ? undefined : ns, { labelSelector: f.selector || undefined, fieldSelector: f['field-selector'] || undefined }));
      } else throw new CliError('resource(s) were provided, but no name was specified');
    }
  }
  // the builder's IntoSingleItemImplied: one name, or one file, and no selector
  const fs = require('fs') as typeof import('fs');
  const one = f.filename.length
    ? f.filename.length === 1 && f.filename[0] !== '-' && !(() => { try { return fs.statSync(f.filename[0]).isDirectory(); } catch { return false; } })()
    : !f.all && !f.selector && !f['field-selector'] && parseResourceArgs(resources).requests.reduce((n: number, r: any) => n + r.names.length, 0) === 1;
  if (!one && f['resource-version']) throw new CliError('--resource-version may only be used with a single resource');
  if (f.list) {
    for (const o of targets) {
      if (isErr(o)) { errors.push(o); continue; }
      const info = kindInfo(o.kind);
      let indent = '';
      if (!one) { indent = ' '; out(`Listing ${field} for ${o.kind}.${info.group}/${o.metadata.name}:\n`); }
      const m = o.metadata[field] ?? {};
      for (const k of Object.keys(m).sort()) out(`${indent}${k}=${m[k]}\n`);
    }
    return printErrors(errors);
  }
  const suffix = f.local ? '' : dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '';
  for (const target of targets) {
    if (isErr(target)) { errors.push(target); continue; }
    try {
      const before = JSON.stringify(target);
      const m: Record<string, string> = { ...(target.metadata[field] ?? {}) };
      if (field === 'labels' && dryRun !== 'client' && !f.local) for (const r of remove) if (!(r in m)) out(`label ${JSON.stringify(r)} not found.\n`);
      if (!f.overwrite) {
        const clashes = Object.entries(set).filter(([k, v]) => k in m && m[k] !== v);
        if (clashes.length) {
          if (field === 'labels') throw new CliError(clashes.map(([k]) => `'${k}' already has a value (${m[k]}), and --overwrite is false`).join('\n'));
          throw new CliError(`--overwrite is false but found the following declared annotation(s): ${clashes.map(([k]) => `'${k}' already has a value (${m[k]})`).join('; ')}`);
        }
      }
      if (f['resource-version'] && target.metadata.resourceVersion !== f['resource-version'] && !f.local && dryRun !== 'client') {
        throw new ApiError('Conflict', `Operation cannot be fulfilled on ${kindInfo(target.kind).plural}${kindInfo(target.kind).group ? '.' + kindInfo(target.kind).group : ''} "${target.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`, 409);
      }
      Object.assign(m, set);
      for (const r of remove) delete m[r];
      const updated: KObject = JSON.parse(before);
      updated.metadata[field] = m;
      if (!Object.keys(m).length) delete updated.metadata[field];
      const after = JSON.stringify(updated);
      // kubectl's message: compares the serialized object before and after
      let word = field === 'labels' ? 'not labeled' : 'annotated';
      if (field === 'labels' && before !== after) word = !f.overwrite && after.length < before.length ? 'unlabeled' : 'labeled';
      let result = updated;
      if (dryRun !== 'client' && before !== after) {
        result = s.write((api) => {
          const cur = api.get(target.kind, target.metadata.namespace, target.metadata.name);
          if (!cur) throw notFound(kindInfo(target.kind), target.metadata.name);
          const next: KObject = cloneJson(cur);
          next.metadata[field] = { ...(cur.metadata[field] ?? {}), ...set };
          for (const r of remove) delete next.metadata[field][r];
          if (!Object.keys(next.metadata[field]).length) delete next.metadata[field];
          return api.update(next, { dryRun: dryRun === 'server' });
        });
      }
      if (printer) { const r = printer({ single: result, items: [] }); out(r.out); if (r.err) err(r.err); }
      else if (spec.kind === 'name') out(`${objectRef(result)}\n`);
      else out(`${objectRef(result)} ${word}${suffix}\n`);
    } catch (e) {
      if (e instanceof ApiError) { errors.push(apiErr(e)); continue; }
      if (e instanceof CliError && !e.raw) { errors.push({ text: e.message }); continue; }
      throw e;
    }
  }
  return printErrors(errors);
}
