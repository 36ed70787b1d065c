// kubectl label / annotate: add (k=v), change (--overwrite), remove (k-).
import { parseFlags } from './flags';
import { session } from './session';
import { parseResourceArgs, objectRef } from './resources';
import { out } from './io';
import { CliError, KObject } from '../api/types';
import { notFound } from '../api/server';

export function run(argv: string[]): number { return labelOrAnnotate(argv, 'labels'); }
export function runAnnotate(argv: string[]): number { return labelOrAnnotate(argv, 'annotations'); }

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
    { name: 'field-manager', type: 'string', default: `kubectl-${verb}` },
    { name: 'template', type: 'string', default: '' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
  ], `kubectl ${verb}`);
  const f = p.flags;
  // Split resource args from k=v / k- updates.
  const resArgs: string[] = [];
  const updates: { key: string; value?: string }[] = [];
  for (const a of p.args) {
    if (a.includes('=')) { const i = a.indexOf('='); updates.push({ key: a.slice(0, i), value: a.slice(i + 1) }); }
    else if (a.endsWith('-') && resArgs.length && !a.includes('/')) updates.push({ key: a.slice(0, -1) });
    else resArgs.push(a);
  }
  if (!updates.length && !f.list) throw new CliError(`at least one ${field === 'labels' ? 'label' : 'annotation'} update is required`);
  const { requests } = parseResourceArgs(resArgs);
  const s = session();
  const ns = s.namespace(f.namespace);
  const lines: string[] = [];
  s.write((api) => {
    const targets: KObject[] = [];
    for (const r of requests) {
      if (r.names.length) for (const n of r.names) {
        const o = api.get(r.info.kind, ns, n);
        if (!o) throw notFound(r.info, n);
        targets.push(o);
      } else if (f.all || f.selector) targets.push(...api.list(r.info.kind, f['all-namespaces'] ? undefined : ns, { labelSelector: f.selector || undefined }));
      else throw new CliError('resource(s) were provided, but no name was specified');
    }
    for (const o of targets) {
      const m: Record<string, string> = { ...(o.metadata[field] ?? {}) };
      let changed = false;
      for (const u of updates) {
        if (u.value === undefined) {
          if (u.key in m) { delete m[u.key]; changed = true; }
          continue;
        }
        if (u.key in m && m[u.key] !== u.value && !f.overwrite) {
          throw new CliError(`'${u.key}' already has a value (${m[u.key]}), and --overwrite is false`);
        }
        if (m[u.key] !== u.value) { m[u.key] = u.value; changed = true; }
      }
      const removedOnly = updates.every((u) => u.value === undefined);
      let word = field === 'labels' ? 'labeled' : 'annotated';
      if (removedOnly && !f.overwrite) word = field === 'labels' ? 'unlabeled' : 'annotated';
      if (!changed) word = field === 'labels' ? 'not labeled' : 'annotated';
      if (changed) {
        o.metadata[field] = m;
        if (!Object.keys(m).length) delete o.metadata[field];
        api.update(o);
      }
      lines.push(`${objectRef(o)} ${word}\n`);
    }
  });
  out(lines.join(''));
  return 0;
}
