// kubectl delete: by name, by type list, by label, --all; cascading through the garbage
// collector; waits until the objects are gone (--wait, the default).
import { parseFlags, Parsed } from './flags';
import { session } from './session';
import { parseResourceArgs, kindRef, objectRef, selectorWithNamesError } from './resources';
import { out, err, formatApiError } from './io';
import { CliError, KObject } from '../api/types';
import { notFound } from '../api/server';
import { parseDryRun } from './create';

export const DELETE_FLAGS = [
  { name: 'selector', short: 'l', type: 'string' as const, default: '' },
  { name: 'field-selector', type: 'string' as const, default: '' },
  { name: 'all', type: 'bool' as const, default: false },
  { name: 'all-namespaces', short: 'A', type: 'bool' as const, default: false },
  { name: 'ignore-not-found', type: 'bool' as const, default: false },
  { name: 'grace-period', type: 'int' as const, default: -1 },
  { name: 'force', type: 'bool' as const, default: false },
  { name: 'now', type: 'bool' as const, default: false },
  { name: 'wait', type: 'bool' as const, default: true },
  { name: 'timeout', type: 'string' as const, default: '0s' },
  { name: 'cascade', type: 'string' as const, default: 'background' },
  { name: 'output', short: 'o', type: 'string' as const, default: '' },
  { name: 'dry-run', type: 'string' as const, default: 'none' },
  { name: 'filename', short: 'f', type: 'stringArray' as const, default: [] },
  { name: 'recursive', short: 'R', type: 'bool' as const, default: false },
  { name: 'kustomize', short: 'k', type: 'string' as const, default: '' },
  { name: 'interactive', short: 'i', type: 'bool' as const, default: false },
  { name: 'raw', type: 'string' as const, default: '' },
];

export function deleteOptions(p: Parsed) {
  const f = p.flags;
  let grace: number | undefined = f['grace-period'] >= 0 ? f['grace-period'] : undefined;
  if (f.now) grace = 1;
  if (f.force && grace === undefined) grace = 0;
  const cascade = String(f.cascade);
  const propagation = cascade === 'orphan' ? 'Orphan' as const : cascade === 'foreground' ? 'Foreground' as const : 'Background' as const;
  return { grace, propagation, dryRun: parseDryRun(f['dry-run'], p.set.has('dry-run')), force: !!f.force };
}

export function deletedLine(o: KObject, opts: { force?: boolean; grace?: number; dryRun: string; outputName?: boolean }): string {
  if (opts.outputName) return `${objectRef(o)}\n`;
  const verb = opts.force && opts.grace === 0 ? 'force deleted' : 'deleted';
  return `${kindRef(o)} "${o.metadata.name}" ${verb}${opts.dryRun === 'client' ? ' (dry run)' : opts.dryRun === 'server' ? ' (server dry run)' : ''}\n`;
}

export function run(argv: string[]): number {
  const p = parseFlags(argv, DELETE_FLAGS, 'kubectl delete');
  const f = p.flags;
  if (f.filename.length || f.kustomize) return require('./manifest-verbs').deleteFromFiles(p);
  if (!p.args.length) {
    throw new CliError("error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'", 1, true);
  }
  const conflict = selectorWithNamesError(p.args, f.selector, f['field-selector']);
  if (conflict) throw conflict;
  const { requests } = parseResourceArgs(p.args);
  const opts = deleteOptions(p);
  if (opts.force && opts.grace === 0) err('Warning: Immediate deletion does not wait for confirmation that the running resource has been terminated. The resource may continue to run on the cluster indefinitely.\n');
  const s = session();
  const ns = s.namespace(f.namespace);
  const allNs = !!f['all-namespaces'];
  for (const r of requests) {
    if (!r.names.length && !f.all && !f.selector && !f['field-selector']) {
      throw new CliError(`resource(s) were provided, but no name was specified`);
    }
  }
  // --all and selectors ignore objects that are gone by the time their turn comes, unless
  // --ignore-not-found says otherwise (kubectl's DeleteOptions.Complete).
  const ignoreNotFound = p.set.has('ignore-not-found') ? !!f['ignore-not-found'] : !!(f.all || f.selector || f['field-selector']);
  let rc = 0;
  const deleted: KObject[] = [];
  // One transaction per object, in order, so output and errors interleave as kubectl's do.
  for (const r of requests) {
    const targets: { name: string; obj?: KObject }[] = [];
    if (r.names.length) for (const name of r.names) targets.push({ name });
    else {
      const objs = s.api.list(r.info.kind, allNs || !r.info.namespaced ? undefined : ns, { labelSelector: f.selector || undefined, fieldSelector: f['field-selector'] || undefined });
      for (const o of objs) targets.push({ name: o.metadata.name, obj: o });
    }
    for (const t of targets) {
      try {
        const o = s.write((api) => {
          const tns = t.obj?.metadata.namespace ?? ns;
          const cur = api.get(r.info.kind, r.info.namespaced ? tns : undefined, t.name);
          if (!cur) throw notFound(r.info, t.name);
          api.delete(r.info.kind, cur.metadata.namespace, t.name, { gracePeriodSeconds: opts.grace, propagation: opts.propagation, dryRun: opts.dryRun !== 'none' });
          return cur;
        });
        out(deletedLine(o, { ...opts, outputName: f.output === 'name' }));
        deleted.push(o);
      } catch (e: any) {
        if (e?.reason === 'NotFound' && ignoreNotFound) continue;
        if (e?.reason) { err(formatApiError(e) + '\n'); rc = 1; continue; }
        throw e;
      }
    }
  }
  const anyListed = requests.some((r) => !r.names.length);
  if (anyListed && !deleted.length && rc === 0) out('No resources found\n');
  if (f.wait && opts.dryRun === 'none' && deleted.length) waitGone(s, deleted);
  return rc;
}

/** --wait: poll (running the control plane) until the deleted objects are gone. */
export function waitGone(s: ReturnType<typeof session>, objs: KObject[], timeoutMs = 60000): void {
  const deadline = Date.now() + timeoutMs;
  const sleep = new Int32Array(new SharedArrayBuffer(4));
  while (Date.now() < deadline) {
    s.catchUp();
    const left = objs.filter((o) => s.api.get(o.kind, o.metadata.namespace, o.metadata.name)?.metadata.uid === o.metadata.uid);
    if (!left.length) return;
    const next = s.store.nextTimer();
    const wait = Math.max(10, Math.min(200, (next ?? Date.now() + 200) - Date.now()));
    Atomics.wait(sleep, 0, 0, wait);
  }
}
