// kubectl patch: strategic merge (default), JSON merge (RFC 7386) or JSON patch (RFC 6902),
// applied as the API server applies them; `patched` or `patched (no change)`. --subresource=status|scale
// patches the object's status or its Scale (src/api/subresources.ts).
import { cloneJson } from '../api/gonumber';
import * as fs from 'fs';
import { parseFlags } from './flags';
import { out, err } from './io';
import { ApiError, CliError, KObject } from '../api/types';
import { session } from './session';
import { parseResourceArgs, objectRef } from './resources';
import { notFound } from '../api/server';
import { kindInfo, KindInfo } from '../api/kinds';
import { parseOutput } from '../printers/output';
import { parseDryRun } from './create';
import { serverUpdate, parseValidate, forEachObject, VisitContext, printErrors, ObjectPrinter, apiErr } from './manifest-verbs';

export function run(argv: string[]): number {
  const p = parseFlags(argv, [
    { name: 'patch', short: 'p', type: 'string', default: '' },
    { name: 'patch-file', type: 'string', default: '' },
    { name: 'type', type: 'string', default: 'strategic' },
    { name: 'filename', short: 'f', type: 'stringArray', default: [] },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'kustomize', short: 'k', type: 'string', default: '' },
    { name: 'local', type: 'bool', default: false },
    { name: 'dry-run', type: 'string', default: 'none' },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'template', type: 'string', default: '' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'field-manager', type: 'string', default: 'kubectl-patch' },
    { name: 'subresource', type: 'string', default: '' },
    { name: 'show-managed-fields', type: 'bool', default: false },
  ], 'kubectl patch');
  const f = p.flags;
  const type = String(f.type).toLowerCase();
  if (!['json', 'merge', 'strategic'].includes(type)) throw new CliError(`--type must be one of [json merge strategic], not "${f.type}"`);
  if (f.patch && f['patch-file']) throw new CliError('cannot specify --patch and --patch-file together');
  let patchText = f.patch;
  if (f['patch-file']) {
    try { patchText = fs.readFileSync(f['patch-file'], 'utf8'); } catch { throw new CliError(`unable to read patch file: open ${f['patch-file']}: no such file or directory`); }
  }
  if (!patchText) throw new CliError('must specify --patch or --patch-file containing the contents of the patch');
  // yaml.ToJSON: text that starts like JSON goes as it is (the API server reports its syntax
  // errors, or the local patcher does); anything else must be YAML.
  let patch: any;
  let syntaxError: string | undefined;
  if (/^\s*\{/.test(patchText)) {
    const { goJsonSyntaxError } = require('../api/gojson') as typeof import('../api/gojson');
    syntaxError = goJsonSyntaxError(patchText);
    if (!syntaxError) patch = (require('../api/gonumber') as typeof import('../api/gonumber')).parseStoredJson(patchText);
  } else {
    try {
      const { parseYaml } = require('../api/goyaml');
      patch = parseYaml(patchText);
    } catch (e: any) {
      throw new CliError(`unable to parse ${JSON.stringify(patchText)}: ${e.message}`);
    }
  }
  if (f.local && !f.filename.length) throw new CliError('cannot specify --local and server resources');
  const dryRun = f.local ? 'client' : parseDryRun(f['dry-run'], p.set.has('dry-run'));
  const spec = parseOutput(f.output || undefined, f.template || undefined, { noTables: true });
  const s = session();
  const ns = s.namespace(f.namespace);
  const printer = new ObjectPrinter(spec, dryRun, f['allow-missing-template-keys']);
  const errors: { text: string; api?: ApiError }[] = [];

  const apply = (current: KObject, info: KindInfo): KObject => {
    const m = require('./merge') as typeof import('./merge');
    // the server's 415, which kubectl's patcher reports with the media type and the kind
    if (type === 'strategic' && info.custom) throw new CliError(`application/strategic-merge-patch+json is not supported by ${info.group}/${current.apiVersion?.split('/')[1] ?? info.version}, Kind=${info.kind}: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml`);
    if (syntaxError) throw new ApiError('BadRequest', type === 'merge' ? 'Invalid JSON Patch' : syntaxError, 400);
    if (type === 'json' && !Array.isArray(patch)) throw new ApiError('BadRequest', `json: cannot unmarshal ${Array.isArray(patch) ? 'array' : patch === null ? 'null' : typeof patch} into Go value of type jsonpatch.Patch`, 400);
    try {
      if (type === 'json') return m.jsonPatch(current, patch);
      if (type === 'merge') return m.jsonMergePatch(current, patch);
      if (patch === null || typeof patch !== 'object' || Array.isArray(patch)) throw new ApiError('BadRequest', `json: cannot unmarshal ${Array.isArray(patch) ? 'array' : typeof patch} into Go value of type map[string]interface {}`, 400);
      return m.strategicMergePatch(current, patch, info.kind) as KObject;
    } catch (e) {
      if (e instanceof m.PatchError) {
        if (type === 'json') throw new ApiError('Invalid', 'the server rejected our request due to an error in our request', 422, { causes: [] });
        throw new ApiError('BadRequest', e.message, 400);
      }
      throw e;
    }
  };

  /** getPatchedJSON: --local and --dry-run=client patch the object here, with the client
   *  libraries' errors. */
  const applyLocal = (current: KObject, info: KindInfo): KObject => {
    const m = require('./merge') as typeof import('./merge');
    const goType = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v);
    if (type === 'json') {
      if (syntaxError) throw new CliError(syntaxError);
      if (!Array.isArray(patch)) throw new CliError(`json: cannot unmarshal ${goType(patch)} into Go value of type jsonpatch.Patch`);
      try { return m.jsonPatch(current, patch) as KObject; } catch (e) {
        if (!(e instanceof m.PatchError)) throw e;
        const ix = e.message.indexOf('doc is missing key');
        if (ix >= 0) throw new CliError(`Object to be patched is missing field (${e.message.slice(e.message.indexOf('key:', ix) + 5)})`);
        throw new CliError(e.message);
      }
    }
    if (type === 'merge') {
      if (syntaxError) throw new CliError('Invalid JSON Patch');
      return m.jsonMergePatch(current, patch);
    }
    if (syntaxError || (patch !== null && (typeof patch !== 'object' || Array.isArray(patch)))) throw new CliError('invalid JSON document');
    if (patch === null) return current;
    try {
      return m.strategicMergePatch(current, patch, info.kind) as KObject;
    } catch (e) {
      if (e instanceof m.PatchError) throw new CliError(e.message);
      throw e;
    }
  };

  /** The local patcher's result: `patched` or `patched (no change)`, never a dry-run suffix. */
  const printLocal = (patched: KObject, before: KObject) => {
    const { deepEqual } = require('./merge');
    if (printer.printsObjects || spec.kind === 'name') printer.print(patched, 'patched');
    else out(`${objectRef(patched)} patched${deepEqual(patched, before) ? ' (no change)' : ''}\n`);
  };

  const sub: string = f.subresource;
  /** --subresource: what the builder GETs (the object for status, its Scale for scale) and the
   *  write the API server makes of the patched result (src/api/subresources.ts). */
  const subresourceOf = (info: KindInfo) => {
    const { hasSubresource } = require('../api/discovery') as typeof import('../api/discovery');
    const has = info.custom ? sub === 'status' && info.custom.status : hasSubresource(info.plural, sub);
    if (!has || (sub !== 'status' && sub !== 'scale')) throw new ApiError('NotFound', 'the server could not find the requested resource', 404);
    const subs = require('../api/subresources') as typeof import('../api/subresources');
    const scale = sub === 'scale';
    return {
      read: (cur: KObject): KObject => (scale ? subs.scaleOf(cur) : cur),
      info: scale ? ({ ...info, kind: 'Scale' } as KindInfo) : info,
      write: (api: any, cur: KObject, next: any, dry: boolean): KObject => {
        const { deepEqual } = require('./merge');
        if (scale) return next?.spec?.replicas === cur.spec?.replicas && !next?.metadata?.resourceVersion ? subs.scaleOf(cur) : subs.writeScale(api, info, cur, next, dry);
        return deepEqual(next?.status, cur.status) ? cur : subs.writeStatus(api, info, cur, next, dry);
      },
    };
  };

  const patchOne = (info: KindInfo, objNs: string | undefined, name: string, source?: string) => {
    if (f.local) return;
    if (sub) {
      try {
        const sr = subresourceOf(info);
        if (dryRun === 'client') {
          s.catchUp();
          const cur = s.api.get(info.kind, objNs, name);
          if (!cur) throw notFound(info, name);
          const before = sr.read(cloneJson(cur));
          printLocal(applyLocal(cloneJson(before), sr.info), before);
          return;
        }
        let before: KObject | undefined;
        const result = s.write((api) => {
          const cur = api.get(info.kind, objNs, name);
          if (!cur) throw notFound(info, name);
          before = sr.read(cloneJson(cur));
          const next = apply(cloneJson(before), sr.info);
          return sr.write(api, cur, next, dryRun !== 'none');
        });
        const { deepEqual } = require('./merge');
        if (printer.printsObjects || spec.kind === 'name') printer.print(result, 'patched');
        else out(`${objectRef(result)} patched${deepEqual(result, before) ? ' (no change)' : ''}${dryRun === 'server' ? ' (server dry run)' : ''}\n`);
      } catch (e) {
        if (e instanceof ApiError) { errors.push(apiErr(e)); return; }
        if (e instanceof CliError && !e.raw) { errors.push({ text: e.message }); return; }
        throw e;
      }
      return;
    }
    if (dryRun === 'client') {
      try {
        s.catchUp();
        const cur = s.api.get(info.kind, objNs, name);
        if (!cur) throw notFound(info, name);
        const patched = applyLocal(cloneJson(cur), info);
        if (!patched || typeof patched !== 'object' || Array.isArray(patched) || !patched.kind) {
          const { goCompactJson } = require('./manifests') as typeof import('./manifests');
          throw new CliError(`Object 'Kind' is missing in '${goCompactJson(patched)}'`);
        }
        printLocal(patched, cur);
      } catch (e) {
        if (e instanceof ApiError) { errors.push(source ? apiErr(e, 'patching', source) : apiErr(e)); return; }
        if (e instanceof CliError && !e.raw) { errors.push({ text: e.message }); return; }
        throw e;
      }
      return;
    }
    try {
      let changed = false;
      const result = s.write((api) => {
        const cur = api.get(info.kind, objNs, name);
        if (!cur) throw notFound(info, name);
        const patched = apply(cloneJson(cur), info);
        checkName(patched, name, objNs);
        const { deepEqual } = require('./merge');
        if (deepEqual(patched, cur)) return cur;
        const res = serverUpdate(api, patched, cur, info, { dryRun: dryRun !== 'none', validation: parseValidate('strict') });
        changed = !deepEqual(res, cur);
        return res;
      });
      if (printer.printsObjects || spec.kind === 'name') printer.print(result, 'patched');
      else out(`${objectRef(result)} patched${changed ? '' : ' (no change)'}${dryRun === 'server' ? ' (server dry run)' : ''}\n`);
    } catch (e) {
      if (e instanceof ApiError) {
        if (e.reason === 'Invalid' && !e.details.kind && type === 'json') { errors.push({ text: `The request is invalid: ${e.message}` }); return; }
        errors.push(source ? apiErr(e, 'patching', source) : apiErr(e));
        return;
      }
      throw e;
    }
  };

  if (f.filename.length || f.kustomize) {
    const ctx: VisitContext = { s, ns, explicitNs: p.set.has('namespace'), errors: [], local: !!f.local };
    forEachObject(p, ctx, (mo) => {
      if (f.local) {
        const patched = applyLocal(cloneJson(mo.obj), mo.info);
        printLocal(patched, mo.obj);
        return;
      }
      patchOne(mo.info, mo.info.namespaced ? mo.obj.metadata.namespace : undefined, mo.obj.metadata.name);
    });
    errors.push(...ctx.errors);
  } else {
    if (!p.args.length) throw new CliError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'", 1, true);
    const { requests } = parseResourceArgs(p.args);
    for (const r of requests) {
      if (!r.names.length) throw new CliError('resource(s) were provided, but no name was specified');
      for (const name of r.names) patchOne(r.info, r.info.namespaced ? ns : undefined, name);
    }
  }
  void kindInfo; void err;
  if (errors.length === 1 && errors[0].text.startsWith('The request is invalid')) { err(errors[0].text + '\n'); return 1; }
  return printErrors(errors) || printer.rc;
}

/** The API server's checkName after a patch: the patched object must still name itself as the
 *  URL does (a `$patch: delete` at the top leaves an empty object). */
function checkName(o: KObject, name: string, ns: string | undefined): void {
  const m: any = o && typeof o === 'object' && !Array.isArray(o) ? o.metadata : undefined;
  const objName = m && typeof m === 'object' && typeof m.name === 'string' ? m.name : '';
  if (!objName) throw new ApiError('BadRequest', `the name of the object (${name} based on URL) was undeterminable: name must be provided`, 400);
  if (objName !== name) throw new ApiError('BadRequest', `the name of the object (${objName}) does not match the name on the URL (${name})`, 400);
  const objNs = typeof m.namespace === 'string' ? m.namespace : '';
  if (ns && objNs && objNs !== ns) throw new ApiError('BadRequest', `the namespace of the object (${objNs}) does not match the namespace on the URL (${ns})`, 400);
}
