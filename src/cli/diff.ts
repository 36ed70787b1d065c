// kubectl diff -f FILE: the live objects against what applying the files would make of them
// (kubectl 1.32's pkg/cmd/diff): for each object the live version and the server's dry-run of the
// apply (client-side apply's three-way patch, or --server-side), as YAML files named
// GROUP.VERSION.KIND.NAMESPACE.NAME in two temporary directories /tmp/LIVE-N and /tmp/MERGED-N,
// compared by `diff -u -N`. kubesim runs no host program and writes no temporary files: the
// files are kept in memory and compared by src/cli/unified-diff.ts, which prints what GNU diff
// prints. Exit status: 0 no differences, 1 differences, >1 an error.
//
// KUBECTL_EXTERNAL_DIFF names a program kubectl would run instead. kubesim runs no program of
// the host, so it honours the variable only when it names `diff` itself with unified-diff flags
// (-u, -N, -U N / --unified=N, -r, --new-file): the output is the same. Any other program
// (colordiff, meld, dyff...) is refused with a message and exit status 2, rather than silently
// printing something else than the user asked for.
import { cloneJson } from '../api/gonumber';
import { parseFlags } from './flags';
import { session } from './session';
import { out, err } from './io';
import { ApiError, CliError, KObject } from '../api/types';
import { forEachObject, serverCreate, serverUpdate, ErrItem, VisitContext } from './manifest-verbs';
import { getLastApplied } from './lastapplied';
import { LAST_APPLIED } from './lastapplied';
import type { ManifestObject } from './manifests';
import type { KindInfo } from '../api/kinds';
import { unifiedDiff } from './unified-diff';

const clone = cloneJson;

/** CheckDiffErr: kubectl's error, with an exit status one above the usual. */
const diffErr = (message: string, raw = false) => new CliError(message, 2, raw);

interface Pair { name: string; live?: KObject; merged?: KObject }

export function run(argv: string[]): number {
  let p;
  try {
    p = parseFlags(argv, [
      { name: 'filename', short: 'f', type: 'stringArray', default: [] },
      { name: 'recursive', short: 'R', type: 'bool', default: false },
      { name: 'kustomize', short: 'k', type: 'string', default: '' },
      { name: 'selector', short: 'l', type: 'string', default: '' },
      { name: 'server-side', type: 'bool', default: false },
      { name: 'force-conflicts', type: 'bool', default: false },
      { name: 'field-manager', type: 'string', default: 'kubectl-client-side-apply' },
      { name: 'prune', type: 'bool', default: false },
      { name: 'prune-allowlist', type: 'stringArray', default: [] },
      { name: 'concurrency', type: 'int', default: 1 },
      { name: 'show-managed-fields', type: 'bool', default: false },
    ], 'kubectl diff');
  } catch (e) {
    // SetFlagErrorFunc: CheckDiffErr(UsageErrorf(cmd, ...))
    if (e instanceof CliError) { e.exitCode = 2; e.message = e.message.replace("See 'kubectl diff --help' for usage.", "See 'kubectl diff -h' for help and examples"); }
    throw e;
  }
  const f = p.flags;
  // Complete
  if (!f.filename.length && !f.kustomize) throw diffErr('must specify one of -f and -k');
  if (f.kustomize) throw diffErr('kustomize is not supported by kubesim yet');
  if (f['force-conflicts'] && !f['server-side']) throw diffErr('--force-conflicts only works with --server-side');
  if (p.args.length) throw diffErr(`error: Unexpected args: [${p.args.join(' ')}]\nSee 'kubectl diff -h' for help and examples`, true);
  const program = externalDiff();
  const s = session();
  const errors: ErrItem[] = [];
  const ctx: VisitContext = { s, ns: s.namespace(f.namespace), explicitNs: p.set.has('namespace') && !!f.namespace, errors, selector: f.selector || undefined };
  const pairs: Pair[] = [];
  const visited = new Set<string>();
  let failed: unknown;
  try {
    forEachObject(p, ctx, (mo) => visit(mo));
  } catch (e) {
    if (e instanceof CliError) e.exitCode = 2;
    throw e;
  }
  function visit(mo: ManifestObject): void {
    if (failed || errors.length) return;
    try {
      const pair = diffOne(s, mo, !!f['server-side'], !!f['force-conflicts'], f['field-manager']);
      if (!f['show-managed-fields']) for (const o of [pair.live, pair.merged]) if (o?.metadata) delete (o.metadata as any).managedFields;
      if (mo.obj.kind === 'Secret' && mo.info.version === 'v1' && !mo.info.group) mask(pair);
      pairs.push(pair);
      visited.add(`${mo.info.kind}/${mo.obj.metadata.namespace ?? ''}/${mo.obj.metadata.name}`);
    } catch (e) { failed = e; }
  }
  // the visitor stops at its first error (no ContinueOnError)
  if (failed) {
    if (failed instanceof ApiError) throw diffErr(`Error from server (${failed.reason}): ${failed.message}`, true);
    if (failed instanceof CliError) { failed.exitCode = 2; throw failed; }
    throw failed;
  }
  if (errors.length) {
    const e = errors[0];
    throw diffErr(e.api ? `Error from server (${e.api.reason}): ${e.text}` : e.text.startsWith('error: ') ? e.text : `error: ${e.text}`, true);
  }
  if (f.prune) {
    if (!f['prune-allowlist'].length) err(require('./io').klogLine('W', 'prune.go:71', 'Deprecated: kubectl apply will no longer prune non-namespaced resources by default when used with the --namespace flag in a future release. To preserve the current behaviour, list the resources you want to target explicitly in the --prune-allowlist flag.'));
    pairs.push(...pruned(s, ctx.ns, f.selector, visited, f['prune-allowlist']));
  }
  return compare(pairs, program);
}

/** InfoObject.Live and Merged for one object of the files. */
function diffOne(s: ReturnType<typeof session>, mo: ManifestObject, serverSide: boolean, force: boolean, manager: string): Pair {
  const { obj, info } = mo;
  const ns = info.namespaced ? obj.metadata.namespace : undefined;
  const name = `${info.group ? info.group + '.' : ''}${info.version}.${info.kind}.${ns ?? ''}.${obj.metadata.name ?? ''}`;
  return s.write((api) => {
    const live = obj.metadata.name ? api.get(info.kind, ns, obj.metadata.name) : undefined;
    let merged: KObject;
    if (!live) merged = serverCreate(api, clone(obj), info, { dryRun: true, validation: 'Warn' });
    else if (serverSide) {
      const { strategicMergePatch } = require('./merge') as typeof import('./merge');
      merged = serverUpdate(api, strategicMergePatch(live, obj, info.kind) as KObject, live, info, { dryRun: true, validation: 'Warn' });
    } else merged = clientSideMerged(api, live, obj, info);
    void force; void manager;
    return { name, live: live ? clone(live) : undefined, merged: clone(merged) };
  });
}

/** apply.Patcher with dry-run: the three-way patch between the last applied configuration, the
 *  file (without the annotation) and the live object; an empty patch leaves the object as it is. */
function clientSideMerged(api: import('../api/server').Api, live: KObject, obj: KObject, info: KindInfo): KObject {
  // GetModifiedConfiguration(annotate=false): the annotations without last-applied, an empty
  // map when there are none (which the patch then gives the live object)
  const modified = clone(obj);
  modified.metadata.annotations = { ...(modified.metadata.annotations ?? {}) };
  delete modified.metadata.annotations[LAST_APPLIED];
  const { createThreeWayMergePatch, strategicMergePatch } = require('./merge') as typeof import('./merge');
  const patch = createThreeWayMergePatch(getLastApplied(live), modified, live, info.kind);
  if (!Object.keys(patch).length) return live;
  const prv = (patch as any).metadata?.resourceVersion;
  if (typeof prv === 'string' && prv !== live.metadata.resourceVersion) {
    throw new ApiError('Conflict', `Operation cannot be fulfilled on ${info.group ? `${info.plural}.${info.group}` : info.plural} "${obj.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`, 409);
  }
  const patched = strategicMergePatch(live, patch, info.kind) as KObject;
  patched.metadata.resourceVersion = live.metadata.resourceVersion;
  return serverUpdate(api, patched, live, info, { dryRun: true, validation: 'Warn' });
}

/** Masker: a Secret's data values shown as *** (with before/after marks where they differ). */
function mask(pair: Pair): void {
  const from = pair.live?.data as Record<string, string> | undefined;
  const to = pair.merged?.data as Record<string, string> | undefined;
  const f2: Record<string, string> = {}, t2: Record<string, string> = {};
  for (const k of Object.keys(from ?? {})) {
    if (to && k in to) {
      if (from![k] !== to[k]) { f2[k] = '*** (before)'; t2[k] = '*** (after)'; continue; }
      t2[k] = '***';
    }
    f2[k] = '***';
  }
  for (const k of Object.keys(to ?? {})) if (!from || !(k in from)) t2[k] = '***';
  if (from) pair.live!.data = f2;
  if (to) pair.merged!.data = t2;
}

/** --prune: live objects applied before (with the last-applied annotation) that the files no
 *  longer hold, in the namespace, matching -l: shown as deleted. */
function pruned(s: ReturnType<typeof session>, ns: string, selector: string, visited: Set<string>, allowlist: string[]): Pair[] {
  const { KINDS } = require('../api/kinds') as typeof import('../api/kinds');
  const { parseLabelSelector, matchLabels } = require('../api/selectors');
  const sel = selector ? parseLabelSelector(selector) : undefined;
  // prune's default allowlist (kubectl's pkg/util/prune)
  const DEFAULT = ['ConfigMap', 'Endpoints', 'Namespace', 'PersistentVolumeClaim', 'PersistentVolume', 'Pod', 'ReplicationController', 'Secret', 'Service', 'Job', 'CronJob', 'Ingress', 'DaemonSet', 'Deployment', 'ReplicaSet', 'StatefulSet'];
  // --prune-allowlist: group/version/kind, `core` for the core group
  const wanted = allowlist.length
    ? allowlist.map((gvk) => {
      const [g, v, k] = gvk.split('/');
      if (k === undefined) throw diffErr(`invalid GroupVersionKind format: ${gvk}, please follow <group/version/kind>`);
      return KINDS.find((x) => x.kind === k && x.version === v && x.group === (g === 'core' ? '' : g));
    }).filter((x): x is KindInfo => !!x)
    : DEFAULT.map((kind) => KINDS.find((k) => k.kind === kind && (kind !== 'Ingress' || k.group === 'networking.k8s.io'))).filter((x): x is KindInfo => !!x);
  const out: Pair[] = [];
  for (const info of wanted) {
    const kind = info.kind;
    for (const o of s.api.list(kind, info.namespaced ? ns : undefined)) {
      if (!o.metadata.annotations?.[LAST_APPLIED]) continue;
      if (sel && !matchLabels(sel, o.metadata.labels)) continue;
      if (visited.has(`${kind}/${o.metadata.namespace ?? ''}/${o.metadata.name}`)) continue;
      const live = clone(o);
      delete (live.metadata as any).managedFields;
      out.push({ name: `${info.group ? info.group + '.' : ''}${info.version}.${kind}.${o.metadata.namespace ?? ''}.${o.metadata.name}`, live });
    }
  }
  return out;
}

interface Program { flags: string; context: number }

/** KUBECTL_EXTERNAL_DIFF: `diff` with unified-diff flags, else refused (see the top). */
function externalDiff(): Program {
  const env = process.env.KUBECTL_EXTERNAL_DIFF;
  if (!env) return { flags: '-u -N', context: 3 };
  const words = env.split(' ');
  const args: string[] = [];
  for (const w of words.slice(1)) {
    if (/^[a-zA-Z0-9-=]+$/.test(w)) args.push(w);
    else err(require('./io').klogLine('W', 'diff.go:171', `invalid argument is ignored: ${w}, only Alphanumeric (case-insensitive), dash and equal are allowed`));
  }
  let unified = false, context = 3;
  const ok = words[0] === 'diff' || words[0].endsWith('/diff');
  for (const a of args) {
    if (a === '-u' || a === '--unified') unified = true;
    else if (/^-U\d+$/.test(a)) { unified = true; context = Number(a.slice(2)); }
    else if (/^--unified=\d+$/.test(a)) { unified = true; context = Number(a.slice(10)); }
    else if (/^-[uNr]+$/.test(a)) { if (a.includes('u')) unified = true; }
    else if (a === '--new-file' || a === '--recursive') continue;
    else { unified = false; break; }
  }
  if (!ok || !unified) {
    throw diffErr(`KUBECTL_EXTERNAL_DIFF="${env}": kubesim runs no program of this machine; its built-in diff is GNU diff's unified format, so only "diff" with -u, -N, -r or -U N (--unified=N) can be honoured. Unset KUBECTL_EXTERNAL_DIFF, or pipe the output into your program: kubectl diff -f FILE | ${words[0]}`);
  }
  return { flags: args.join(' '), context };
}

/** os.MkdirTemp's name: the prefix and a random unsigned 32-bit number. */
const tempDir = (prefix: string) => `${(process.env.TMPDIR || '/tmp').replace(/\/+$/, '') || '/'}/${prefix}-${Math.floor(Math.random() * 0x100000000)}`;

/** GNU diff's timestamp of a file's mtime: %Y-%m-%d %H:%M:%S.%N %z, in local time. */
function stamp(ns: bigint): string {
  const ms = Number(ns / 1000000n);
  const d = new Date(ms);
  const offMin = -d.getTimezoneOffset();
  const p = (n: number | bigint, w = 2) => String(n).padStart(w, '0');
  const z = `${offMin >= 0 ? '+' : '-'}${p(Math.floor(Math.abs(offMin) / 60))}${p(Math.abs(offMin) % 60)}`;
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}.${p(ns % 1000000000n, 9)} ${z}`;
}

/** The object as the API server sends it: a Go struct's JSON, with the zero values Go always
 *  writes (a pod template's `creationTimestamp: null`...); sigs.k8s.io/yaml then sorts the keys. */
function wire(o: KObject): KObject {
  const { toTypedOrder, isTypedKind } = require('../printers/typed') as typeof import('../printers/typed');
  return isTypedKind(o.kind) ? toTypedOrder(o) : o;
}

function compare(pairs: Pair[], program: Program): number {
  const { toYaml } = require('../printers/yaml') as typeof import('../printers/yaml');
  const liveDir = tempDir('LIVE'), mergedDir = tempDir('MERGED');
  // the files as kubectl writes them: one per object, a later one of the same name replacing it
  const files = new Map<string, { live: string; merged: string; t0: bigint; t1: bigint }>();
  // kubectl writes the files within a few milliseconds: the file system's coarse clock (one
  // kernel tick) gives them all the same modification time
  const now = BigInt(Date.now()) * 1000000n + BigInt(process.hrtime()[1] % 1000000);
  for (const pr of pairs) {
    // a pruned object has no MERGED file: diff -N dates the absent file at the epoch
    const t0 = now, t1 = pr.merged ? now : 0n;
    files.set(pr.name, { live: pr.live ? toYaml(wire(pr.live)) : '', merged: pr.merged ? toYaml(wire(pr.merged)) : '', t0, t1 });
  }
  const names = [...files.keys()].sort((a, b) => (Buffer.compare(Buffer.from(a), Buffer.from(b))));
  let differ = false;
  for (const n of names) {
    const fl = files.get(n)!;
    const text = unifiedDiff({ name: `${liveDir}/${n}`, text: fl.live, mtime: stamp(fl.t0) }, { name: `${mergedDir}/${n}`, text: fl.merged, mtime: stamp(fl.t1) }, program.context);
    if (!text) continue;
    differ = true;
    out(`diff ${program.flags} ${liveDir}/${n} ${mergedDir}/${n}\n${text}`);
  }
  return differ ? 1 : 0;
}
