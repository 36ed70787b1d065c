// kubectl apply view-last-applied | set-last-applied | edit-last-applied (k8s.io/kubectl/pkg/cmd/
// apply/apply_{view,set,edit}_last_applied.go): read, replace or edit the
// kubectl.kubernetes.io/last-applied-configuration annotation without touching the rest of the
// object. kubectl's quirks are kept: view-last-applied skips a named object without the
// annotation silently (its error is lost when the object came from no file), set-last-applied
// stores the file's object as compact JSON without a trailing newline, and edit-last-applied
// goes through the same editor as `kubectl edit`.
import { cloneJson } from '../api/gonumber';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { parseFlags, FlagDef, Parsed } from './flags';
import { out, err } from './io';
import { ApiError, CliError, KObject } from '../api/types';
import { session, Session } from './session';
import { LAST_APPLIED } from './lastapplied';
import type { KindInfo } from '../api/kinds';

const NO_RESOURCES = "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";

const FLAGS: Record<string, FlagDef[]> = {
  'view-last-applied': [
    { name: 'all', type: 'bool', default: false },
    { name: 'filename', short: 'f', type: 'stringArray', default: [] },
    { name: 'kustomize', short: 'k', type: 'string', default: '' },
    { name: 'output', short: 'o', type: 'string', default: 'yaml' },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'selector', short: 'l', type: 'string', default: '' },
  ],
  'set-last-applied': [
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'create-annotation', type: 'bool', default: false },
    { name: 'dry-run', type: 'string', default: 'none' },
    { name: 'filename', short: 'f', type: 'stringArray', default: [] },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'show-managed-fields', type: 'bool', default: false },
    { name: 'template', type: 'string', default: '' },
  ],
  'edit-last-applied': [
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply' },
    { name: 'filename', short: 'f', type: 'stringArray', default: [] },
    { name: 'kustomize', short: 'k', type: 'string', default: '' },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'show-managed-fields', type: 'bool', default: false },
    { name: 'template', type: 'string', default: '' },
    { name: 'validate', type: 'string', default: 'strict' },
    { name: 'windows-line-endings', type: 'bool', default: false },
  ],
};

export function run(sub: string, argv: string[]): number {
  const p = parseFlags(argv, FLAGS[sub], `kubectl apply ${sub}`);
  if (sub === 'view-last-applied') return view(p);
  if (sub === 'set-last-applied') return set(p);
  return edit(p);
}

interface Found { obj: KObject; info: KindInfo; source: string }

/** The live objects named by args, -f/-k, -l or --all, as the resource builder visits them
 *  (Latest): the first error stops the visit. */
function liveObjects(p: Parsed, s: Session, selectAll: boolean): Found[] {
  const f = p.flags;
  const ns = s.namespace(f.namespace);
  const explicitNs = p.set.has('namespace') && !!f.namespace;
  const found: Found[] = [];
  const { notFound } = require('../api/server');
  if (f.filename?.length || f.kustomize) {
    const { visitSources, placeInNamespace } = require('./manifest-verbs') as typeof import('./manifest-verbs');
    for (const v of visitSources(p)) {
      if ('error' in v) throw new CliError(v.error.message);
      const mo = v.object;
      const nsErr = placeInNamespace(mo, ns, explicitNs);
      if (nsErr) throw new CliError(nsErr);
      const live = s.api.get(mo.info.kind, mo.info.namespaced ? mo.obj.metadata.namespace : undefined, mo.obj.metadata.name);
      if (!live) throw notFound(mo.info, mo.obj.metadata.name);
      found.push({ obj: live, info: mo.info, source: mo.source });
    }
    return found;
  }
  if (!p.args.length) throw new CliError(NO_RESOURCES);
  const { parseResourceArgs } = require('./resources');
  const { requests } = parseResourceArgs(p.args);
  for (const r of requests) {
    if (!r.names.length) {
      if (!selectAll && !f.selector && !explicitNs) throw new CliError('resource(s) were provided, but no name was specified');
      for (const o of s.api.list(r.info.kind, r.info.namespaced ? ns : undefined, { labelSelector: f.selector || undefined })) found.push({ obj: o, info: r.info, source: '' });
      continue;
    }
    for (const name of r.names) {
      const o = s.api.get(r.info.kind, r.info.namespaced ? ns : undefined, name);
      if (!o) throw notFound(r.info, name);
      found.push({ obj: o, info: r.info, source: '' });
    }
  }
  return found;
}

/** Go's json.Indent(dst, src, "", "  "): the stored JSON re-indented, its key order and its
 *  trailing newline kept. */
export function jsonIndent(src: string): string {
  let outS = '';
  let depth = 0;
  let inStr = false;
  let needIndent = false;
  const nl = () => '\n' + '  '.repeat(depth);
  const s = src.replace(/^[ \t\r\n]+/, '');
  const m = /[ \t\r\n]*$/.exec(s)!;
  const body = s.slice(0, m.index), trailing = m[0];
  for (let i = 0; i < body.length; i++) {
    const c = body[i];
    if (inStr) {
      outS += c;
      if (c === '\\') { outS += body[++i]; continue; }
      if (c === '"') inStr = false;
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') continue;
    if (needIndent && c !== ']' && c !== '}') { needIndent = false; depth++; outS += nl(); }
    if (c === '"') { inStr = true; outS += c; continue; }
    if (c === '{' || c === '[') { outS += c; needIndent = true; continue; }
    if (c === ',') { outS += c + nl(); continue; }
    if (c === ':') { outS += ': '; continue; }
    if (c === '}' || c === ']') {
      if (needIndent) { needIndent = false; outS += c; continue; }
      depth--; outS += nl() + c; continue;
    }
    outS += c;
  }
  return outS + trailing;
}

function view(p: Parsed): number {
  const s = session();
  s.catchUp();
  const configs: string[] = [];
  for (const x of liveObjects(p, s, p.flags.all)) {
    const v = x.obj.metadata.annotations?.[LAST_APPLIED];
    if (v === undefined) {
      // AddSourceToErr with a nil error: from a file the message is wrapped, else it is lost
      if (x.source) throw new CliError(`error when no last-applied-configuration annotation found on resource: ${x.obj.metadata.name}\n ${JSON.stringify(x.source)}: <nil>`);
      continue;
    }
    configs.push(v);
  }
  for (const c of configs) {
    if (p.flags.output === 'json') out(jsonIndent(c));
    else if (p.flags.output === 'yaml') {
      const { toYaml } = require('../printers/yaml');
      out(toYaml(JSON.parse(c)));
    } else throw new CliError(`error: Unexpected -o output mode: ${p.flags.output}, the flag 'output' must be one of yaml|json\nSee 'kubectl apply view-last-applied -h' for help and examples`, 1, true);
  }
  return 0;
}

/** editor.GetApplyPatch: the object as compact JSON (keys sorted, no trailing newline), and the
 *  merge patch that stores it in the annotation. */
function applyAnnotation(obj: KObject): string {
  const { toCompactJson } = require('../printers/json');
  return toCompactJson(obj, { sortKeys: true });
}

const canonical = (json: string | undefined): string | undefined => {
  if (json === undefined) return undefined;
  try { const { toCompactJson } = require('../printers/json'); return toCompactJson(JSON.parse(json), { sortKeys: true }); } catch { return json; }
};

function patchAnnotation(s: Session, info: KindInfo, ns: string | undefined, name: string, value: string, dryRun: boolean): KObject {
  const { serverUpdate } = require('./manifest-verbs') as typeof import('./manifest-verbs');
  const { notFound } = require('../api/server');
  return s.write((api) => {
    const cur = api.get(info.kind, ns, name);
    if (!cur) throw notFound(info, name);
    const next: KObject = cloneJson(cur);
    next.metadata.annotations = { ...(next.metadata.annotations ?? {}), [LAST_APPLIED]: value };
    return serverUpdate(api, next, cur, info, { dryRun });
  });
}

function set(p: Parsed): number {
  const f = p.flags;
  const { parseDryRun } = require('./create');
  const dryRun = parseDryRun(f['dry-run'], p.set.has('dry-run'));
  if (!f.filename.length) throw new CliError(NO_RESOURCES);
  const { parseOutput } = require('../printers/output');
  const { ObjectPrinter, visitSources, placeInNamespace } = require('./manifest-verbs') as typeof import('./manifest-verbs');
  const printer = new ObjectPrinter(parseOutput(f.output || undefined, f.template || undefined, { noTables: true }), dryRun, f['allow-missing-template-keys']);
  const s = session();
  s.catchUp();
  const ns = s.namespace(f.namespace);
  const explicitNs = p.set.has('namespace') && !!f.namespace;
  const { notFound } = require('../api/server');
  // Validate: every object first (the first problem stops everything) ...
  const todo: { live: KObject; info: KindInfo; value: string }[] = [];
  for (const v of visitSources(p)) {
    if ('error' in v) throw new CliError(v.error.message);
    const mo = v.object;
    const nsErr = placeInNamespace(mo, ns, explicitNs);
    if (nsErr) throw new CliError(nsErr);
    const value = applyAnnotation(mo.obj);
    const live = s.api.get(mo.info.kind, mo.info.namespaced ? mo.obj.metadata.namespace : undefined, mo.obj.metadata.name);
    if (!live) throw notFound(mo.info, mo.obj.metadata.name);
    const original = live.metadata.annotations?.[LAST_APPLIED];
    if (original === undefined && !f['create-annotation']) {
      throw new CliError(`no last-applied-configuration annotation found on resource: ${mo.obj.metadata.name}, to create the annotation, run the command with --create-annotation`);
    }
    if (canonical(original) !== canonical(value)) todo.push({ live, info: mo.info, value });
    else out(`set-last-applied ${mo.obj.metadata.name}: no changes required.\n`);
  }
  // ... then the patches.
  for (const t of todo) {
    const result = dryRun === 'client' ? t.live : patchAnnotation(s, t.info, t.live.metadata.namespace, t.live.metadata.name, t.value, dryRun === 'server');
    printer.print(result, 'configured');
  }
  return printer.rc;
}

const APPLY_EDIT_HEADER = `# Please edit the 'last-applied-configuration' annotations below.
# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.
#
`;

function edit(p: Parsed): number {
  const f = p.flags;
  const format = f.output === 'json' ? 'json' : 'yaml';
  const s = session();
  s.catchUp();
  const found = liveObjects(p, s, false);
  const originals: { config: KObject; live: KObject; info: KindInfo }[] = [];
  for (const x of found) {
    const v = x.obj.metadata.annotations?.[LAST_APPLIED];
    if (v === undefined) continue;
    let config: KObject;
    try { config = JSON.parse(v); } catch { throw new CliError(`error parsing last-applied-configuration of ${x.obj.metadata.name}`); }
    originals.push({ config, live: x.obj, info: x.info });
  }
  if (!originals.length) throw new CliError('no last-applied-configuration annotation found on resources, to create the annotation, use command `kubectl apply set-last-applied --create-annotation`');
  const ed = require('./edit') as typeof import('./edit');
  const render = (v: unknown): string => {
    if (format === 'json') { const { toJson } = require('../printers/json'); return toJson(v, { sortKeys: true }); }
    const { toYaml } = require('../printers/yaml');
    return toYaml(v);
  };
  const doc = originals.length === 1 ? originals[0].config : { apiVersion: 'v1', items: originals.map((o) => o.config), kind: 'List', metadata: {} };
  const crlf = (t: string) => (f['windows-line-endings'] ? t.replace(/\r?\n/g, '\r\n') : t);
  const original = APPLY_EDIT_HEADER + render(doc);
  const file = path.join(os.tmpdir(), `kubectl-edit-${Math.floor(Math.random() * 1e9)}.${format}`);
  const preserved = (e: CliError | ApiError | string): never => {
    if (fs.existsSync(file)) err(`A copy of your changes has been stored to "${file}"\n`);
    throw typeof e === 'string' ? new CliError(e) : e;
  };
  let buf = crlf(original);
  let containsError = false;
  let edited = '';
  for (;;) {
    const before = edited;
    fs.writeFileSync(file, buf);
    try { ed.launchEditor(file); } catch (e: any) { preserved(e); }
    edited = fs.readFileSync(file, 'utf8');
    if (containsError && ed.stripComments(before) === ed.stripComments(edited)) preserved('Edit cancelled, no valid changes were saved.');
    if (ed.stripComments(original) === ed.stripComments(edited)) {
      fs.rmSync(file, { force: true });
      err('Edit cancelled, no changes made.\n');
      return 0;
    }
    if (!ed.hasLines(edited)) {
      fs.rmSync(file, { force: true });
      err('Edit cancelled, saved file was empty.\n');
      return 0;
    }
    const { visitStream } = require('./manifests') as typeof import('./manifests');
    const updated: { obj: KObject; info: KindInfo }[] = [];
    let syntaxError: string | undefined;
    for (const v of visitStream(edited, file)) {
      if ('error' in v) { syntaxError = v.error.message; break; }
      updated.push({ obj: v.object.obj, info: v.object.info });
    }
    if (syntaxError) {
      containsError = true;
      buf = crlf(APPLY_EDIT_HEADER + `# The edited file had a syntax error: ${syntaxError.replace(/\n/g, '\n# ')}\n#\n` + ed.manualStrip(edited));
      continue;
    }
    const { objectRef } = require('./resources');
    for (const u of updated) {
      // the configurations carry no UID: each edited object is matched with the first original
      const uid = u.obj.metadata?.uid;
      const orig = originals.find((o) => (o.config.metadata?.uid ?? '') === (uid ?? ''));
      if (!orig) preserved(`no original object found for ${JSON.stringify(u.obj)}`);
      const { toCompactJson } = require('../printers/json');
      if (toCompactJson(orig!.config, { sortKeys: true }) === toCompactJson(u.obj, { sortKeys: true })) { out(`${objectRef(u.obj)} skipped\n`); continue; }
      const ns = u.info.namespaced ? (u.obj.metadata?.namespace || orig!.live.metadata.namespace) : undefined;
      try {
        patchAnnotation(s, u.info, ns, u.obj.metadata.name, applyAnnotation(u.obj), false);
      } catch (e) {
        if (e instanceof ApiError) preserved(e);
        throw e;
      }
      out(`${objectRef(u.obj)} edited\n`);
    }
    fs.rmSync(file, { force: true });
    return 0;
  }
}
