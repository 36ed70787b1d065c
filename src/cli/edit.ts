// kubectl edit: write the live object(s) to a temp file, run $KUBE_EDITOR / $EDITOR / vi on it,
// and send the difference as a strategic merge patch. An invalid edit reopens the editor with
// the server's reasons in the header; an unchanged retry gives up and keeps the file.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { parseFlags } from './flags';
import { out, err, formatApiError } from './io';
import { ApiError, CliError, KObject } from '../api/types';
import { session } from './session';
import { parseResourceArgs, objectRef } from './resources';
import { notFound } from '../api/server';
import { qualifiedResource, KindInfo, kindInfo } from '../api/kinds';
import { serverUpdate, parseValidate, forEachObject, VisitContext, printErrors } from './manifest-verbs';

const HEADER = `# Please edit the object below. Lines beginning with a '#' will be ignored,
# and an empty file will abort the edit. If an error occurs while saving this file will be
# reopened with the relevant failures.
#
`;

interface Reason { head: string; other: string[] }

/** The editor command as kubectl builds it (KUBE_EDITOR, EDITOR, vi): a plain word is run
 *  directly, words without quotes split on spaces, anything else through $SHELL -c. */
export function editorCommand(file: string, env: NodeJS.ProcessEnv = process.env): { cmd: string; args: string[] } {
  let editor = '';
  for (const name of ['KUBE_EDITOR', 'EDITOR']) {
    editor = env[name] ?? '';
    if (editor) break;
  }
  if (!editor) editor = 'vi';
  if (!editor.includes(' ')) return { cmd: editor, args: [file] };
  if (!/["'\\]/.test(editor)) {
    const parts = editor.split(' ');
    return { cmd: parts[0], args: [...parts.slice(1), file] };
  }
  const shell = env.SHELL || '/bin/bash';
  return { cmd: shell, args: ['-c', `${editor} ${JSON.stringify(file)}`] };
}

export function launchEditor(file: string): void {
  const { cmd, args } = editorCommand(file);
  const r = spawnSync(cmd, args, { stdio: 'inherit' });
  if (r.error) {
    const e: any = r.error;
    if (e.code === 'ENOENT') throw new CliError(`unable to launch the editor "${[cmd, ...args.slice(0, -1)].join(' ')}"`);
    throw new CliError(`there was a problem with the editor "${cmd}"`);
  }
  if (r.status !== 0) throw new CliError(`there was a problem with the editor "${[cmd, ...args.slice(0, -1)].join(' ')}"`);
}

/** cmdutil.ManualStrip: drop comment lines. */
export function manualStrip(text: string): string {
  const lines = text.split('\n');
  return lines.filter((l) => { const t = l.trim(); return !(t.startsWith('#') && !t.startsWith('#!')); }).join('\n');
}

/** cmdutil.StripComments: the YAML as JSON when it parses, else the text without comments. */
export function stripComments(text: string): string {
  try {
    const { parseYaml } = require('../api/goyaml');
    return (require('../api/gonumber') as typeof import('../api/gonumber')).stringifyJson(parseYaml(text));
  } catch {
    return manualStrip(text);
  }
}

export const hasLines = (text: string) => text.split('\n').some((l) => { const t = l.trim(); return t.length > 0 && !t.startsWith('#'); });

function headerWith(reasons: Reason[]): string {
  let h = HEADER;
  const hash = (s: string) => s.replace(/\n/g, '\n# ');
  for (const r of reasons) {
    h += r.other.length ? `# ${hash(r.head)}:\n` : `# ${hash(r.head)}\n`;
    for (const o of r.other) h += `# * ${hash(o)}\n`;
    h += '#\n';
  }
  return h;
}

const resourceString = (info: KindInfo) => qualifiedResource(info);

export function run(argv: string[]): number {
  const p = parseFlags(argv, [
    { name: 'output', short: 'o', type: 'string', default: 'yaml' },
    { name: 'filename', short: 'f', type: 'stringArray', default: [] },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'kustomize', short: 'k', type: 'string', default: '' },
    { name: 'output-patch', type: 'bool', default: false },
    { name: 'windows-line-endings', type: 'bool', default: false },
    { name: 'save-config', type: 'bool', default: false },
    { name: 'validate', type: 'string', default: 'strict' },
    { name: 'field-manager', type: 'string', default: 'kubectl-edit' },
    { name: 'subresource', type: 'string', default: '' },
    { name: 'show-managed-fields', type: 'bool', default: false },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'template', type: 'string', default: '' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false },
  ], 'kubectl edit');
  const f = p.flags;
  const format = f.output === 'json' ? 'json' : f.output === 'yaml' || !f.output ? 'yaml' : '';
  if (!format) throw new CliError(`the flag 'output' must be one of yaml|json`);
  const validation = parseValidate(f.validate);
  const s = session();
  s.catchUp();
  const ns = s.namespace(f.namespace);
  // Gather the objects.
  const originals: KObject[] = [];
  if (f.filename.length || f.kustomize) {
    const ctx: VisitContext = { s, ns, explicitNs: p.set.has('namespace'), errors: [] };
    forEachObject(p, ctx, (mo) => {
      const live = s.api.get(mo.info.kind, mo.info.namespaced ? mo.obj.metadata.namespace : undefined, mo.obj.metadata.name);
      if (!live) throw notFound(mo.info, mo.obj.metadata.name);
      originals.push(live);
    });
    if (ctx.errors.length) return printErrors(ctx.errors);
  } else {
    if (!p.args.length) throw new CliError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
    const { requests } = parseResourceArgs(p.args);
    for (const r of requests) {
      if (!r.names.length) {
        originals.push(...s.api.list(r.info.kind, f['all-namespaces'] || !r.info.namespaced ? undefined : ns, { labelSelector: f.selector || undefined }));
        continue;
      }
      for (const name of r.names) {
        const o = s.api.get(r.info.kind, r.info.namespaced ? ns : undefined, name);
        if (!o) throw notFound(r.info, name);
        originals.push(o);
      }
    }
  }
  if (!originals.length) throw new CliError('edit cancelled, no objects found');
  for (const o of originals) delete o.metadata.managedFields;

  const render = (v: unknown) => {
    if (format === 'json') { const { toJson } = require('../printers/json'); return toJson(v, { sortKeys: true }); }
    const { toYaml } = require('../printers/yaml');
    return toYaml(v);
  };
  const originalDoc = originals.length === 1 ? originals[0] : { apiVersion: 'v1', items: originals, kind: 'List', metadata: {} };
  const file = path.join(os.tmpdir(), `kubectl-edit-${Math.floor(Math.random() * 1e9)}.${format}`);
  let original = render(originalDoc);
  let buf = HEADER + original;
  let containsError = false;
  let edited = '';
  let reasons: Reason[] = [];
  const preserved = (e: CliError | string): never => {
    if (fs.existsSync(file)) err(`A copy of your changes has been stored to "${file}"\n`);
    throw typeof e === 'string' ? new CliError(e) : e;
  };
  for (;;) {
    const before = edited;
    fs.writeFileSync(file, buf);
    try { launchEditor(file); } catch (e: any) { preserved(e); }
    edited = fs.readFileSync(file, 'utf8');
    if (containsError && stripComments(before) === stripComments(edited)) preserved('Edit cancelled, no valid changes were saved.');
    if (stripComments(HEADER + original) === stripComments(edited)) {
      fs.rmSync(file, { force: true });
      err('Edit cancelled, no changes made.\n');
      return 0;
    }
    if (!hasLines(edited)) {
      fs.rmSync(file, { force: true });
      err('Edit cancelled, saved file was empty.\n');
      return 0;
    }
    reasons = [];
    // Parse the edited file.
    const { visitStream } = require('./manifests') as typeof import('./manifests');
    const updated: KObject[] = [];
    let syntaxError: string | undefined;
    for (const v of visitStream(edited, file)) {
      if ('error' in v) { syntaxError = v.error.message; break; }
      updated.push(v.object.obj);
    }
    if (syntaxError) {
      containsError = true;
      reasons.push({ head: `The edited file had a syntax error: ${syntaxError}`, other: [] });
      buf = headerWith(reasons) + manualStrip(edited);
      continue;
    }
    containsError = false;
    let retry = false;
    let retryable = 0, notfound = 0;
    for (const u of updated) {
      const orig = originals.find((o) => o.metadata.uid && o.metadata.uid === u.metadata?.uid);
      if (!orig) preserved(`no original object found for ${JSON.stringify(u)}`);
      const info = kindInfo(orig!.kind);
      if (u.apiVersion !== orig!.apiVersion || u.kind !== orig!.kind || u.metadata?.name !== orig!.metadata.name) {
        preserved('At least one of apiVersion, kind and name was changed');
      }
      const { createTwoWayMergePatch, strategicMergePatch, deepEqual } = require('./merge') as typeof import('./merge');
      if (deepEqual(orig, u)) { out(`${objectRef(u)} skipped\n`); continue; }
      if (f['save-config'] || orig!.metadata.annotations?.['kubectl.kubernetes.io/last-applied-configuration']) {
        const { setLastApplied } = require('./lastapplied');
        setLastApplied(u, false);
      }
      const patch = createTwoWayMergePatch(orig!, u, info.kind);
      if (f['output-patch']) out(`Patch: ${JSON.stringify(patch)}\n`);
      try {
        const result = s.write((api) => {
          const cur = api.get(info.kind, orig!.metadata.namespace, orig!.metadata.name);
          if (!cur) throw notFound(info, orig!.metadata.name);
          const patched = strategicMergePatch(cur, patch, info.kind) as KObject;
          return serverUpdate(api, patched, cur, info, { validation });
        });
        out(`${objectRef(result)} edited\n`);
      } catch (e) {
        if (!(e instanceof ApiError)) throw e;
        const rs = resourceString(info);
        if (e.reason === 'Invalid') {
          const reason: Reason = { head: `${rs} "${orig!.metadata.name}" was not valid`, other: (e.details.causes ?? []).map((c) => `${c.field}: ${c.message}`) };
          reasons.push(reason);
          err(`error: ${rs} "${orig!.metadata.name}" is invalid\n`);
          retry = true;
        } else if (e.reason === 'NotFound') {
          notfound++;
          err(`error: ${rs} "${orig!.metadata.name}" could not be found on the server\n`);
        } else {
          retryable++;
          err(`error: ${rs} "${orig!.metadata.name}" could not be patched: ${e.reason === 'BadRequest' ? e.message : formatApiError(e)}\n`);
        }
      }
    }
    if (retryable > 0) {
      err(`You can run \`kubectl replace -f ${file}\` to try this update again.\n`);
      return 1;
    }
    if (notfound > 0) {
      err(`The edits you made on deleted resources have been saved to "${file}"\n`);
      return 1;
    }
    if (!retry) { fs.rmSync(file, { force: true }); return 0; }
    containsError = true;
    buf = headerWith(reasons) + manualStrip(edited);
  }
}
