// kubectl rollout status|history|undo|restart|pause|resume, for deployments (and daemon sets
// and stateful sets where kubectl supports them), with kubectl's messages.
import { parseStoredJson } from '../api/gonumber';
import { parseFlags, Parsed, FlagDef, parseDryRun } from './flags';
import { session, Session } from './session';
import { parseResourceArgs, kindRef, objectRef } from './resources';
import { out, err, formatApiError } from './io';
import { CliError, ApiError, KObject } from '../api/types';
import { notFound } from '../api/server';
import { qualifiedResource, KindInfo, kindInfo } from '../api/kinds';
import { sleep, exitOnInterrupt, pollDelay, durationFlag } from './watch';

const HELP = `Manage the rollout of one or many resources.
        
 Valid resource types include:

  *  deployments
  *  daemonsets
  *  statefulsets

Examples:
  # Rollback to the previous deployment
  kubectl rollout undo deployment/abc
  
  # Check the rollout status of a daemonset
  kubectl rollout status daemonset/foo
  
  # Restart a deployment
  kubectl rollout restart deployment/abc
  
  # Restart deployments with the 'app=nginx' label
  kubectl rollout restart deployment --selector=app=nginx

Available Commands:
  history       View rollout history
  pause         Mark the provided resource as paused
  restart       Restart a resource
  resume        Resume a paused resource
  status        Show the status of the rollout
  undo          Undo a previous rollout

Usage:
  kubectl rollout SUBCOMMAND [options]

Use "kubectl rollout <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const SUBCOMMANDS: Record<string, (argv: string[]) => number | Promise<number>> = {
  status: runStatus, history: runHistory, undo: runUndo, restart: runRestart, pause: runPause, resume: runResume,
};

export function run(argv: string[]): number | Promise<number> {
  // The subcommand is the first argument that is not a flag (global flags may come first).
  let i = 0;
  const lead: string[] = [];
  while (i < argv.length && argv[i].startsWith('-')) {
    lead.push(argv[i]);
    if (/^(-n|--namespace|--context|--kubeconfig|--cluster|--user|-s|--server|--request-timeout)$/.test(argv[i]) && i + 1 < argv.length) lead.push(argv[++i]);
    i++;
  }
  const sub = argv[i];
  if (sub === undefined) {
    if (lead.includes('-h') || lead.includes('--help')) { out(HELP); return 0; }
    out(HELP);
    return 1;
  }
  const fn = SUBCOMMANDS[sub];
  if (!fn) throw new CliError(`error: unknown command "${argv.slice(i).join(' ')}"\nSee 'kubectl rollout -h' for help and examples`, 1, true);
  return fn([...lead, ...argv.slice(i + 1)]);
}

// ---- shared -----------------------------------------------------------------------------------

const FILE_FLAGS: FlagDef[] = [
  { name: 'filename', short: 'f', type: 'stringArray', default: [] },
  { name: 'kustomize', short: 'k', type: 'string', default: '' },
  { name: 'recursive', short: 'R', type: 'bool', default: false },
  { name: 'selector', short: 'l', type: 'string', default: '' },
];
const PRINT_FLAGS: FlagDef[] = [
  { name: 'output', short: 'o', type: 'string', default: '' },
  { name: 'template', type: 'string', default: '' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'show-managed-fields', type: 'bool', default: false },
];

/** The objects named by `TYPE NAME...`, `TYPE/NAME...` or `TYPE -l selector` (all of the type
 *  without names). */
function targets(s: Session, p: Parsed, ns: string): KObject[] {
  if (!p.args.length) {
    if (p.flags.filename?.length) throw new CliError('rollout from files is not supported by kubesim yet');
    throw new CliError('required resource not specified');
  }
  const { requests } = parseResourceArgs(p.args);
  const objs: KObject[] = [];
  for (const req of requests) {
    const scope = req.info.namespaced ? ns : undefined;
    if (req.names.length) {
      for (const name of req.names) {
        const o = s.api.get(req.info.kind, scope, name);
        if (!o) throw notFound(req.info, name);
        objs.push(o);
      }
    } else {
      objs.push(...s.api.list(req.info.kind, scope, { labelSelector: p.flags.selector || undefined }));
    }
  }
  return objs;
}

const groupKind = (info: KindInfo) => (info.group ? `${info.kind}.${info.group}` : info.kind);

/** The name printer's line: `deployment.apps/x <operation>`, or just the name with -o name. */
function printed(o: KObject, operation: string, output: string, dryRun = ''): string {
  if (output === 'name') return `${objectRef(o)}\n`;
  if (output && output !== 'name') {
    const { parseOutput, compilePrinter } = require('../printers/output') as typeof import('../printers/output');
    const r = compilePrinter(parseOutput(output))({ single: o, items: [] });
    if (r.err) err(r.err);
    return r.out;
  }
  return `${objectRef(o)} ${operation}${dryRun}\n`;
}

function parseDryRunFlag(p: Parsed): 'none' | 'client' | 'server' {
  return parseDryRun(String(p.flags['dry-run'] ?? 'none'), p.set.has('dry-run'));
}

// ---- status -----------------------------------------------------------------------------------

/** The status viewers of kubectl/pkg/polymorphichelpers/rollout_status.go: a message and
 *  whether the rollout is done. Errors are thrown as kubectl returns them. */
export function rolloutStatus(o: KObject, revision = 0): { message: string; done: boolean } {
  const st = o.status ?? {};
  const gen = o.metadata.generation ?? 0;
  switch (o.kind) {
    case 'Deployment': {
      const name = o.metadata.name;
      if (revision > 0) {
        const rev = o.metadata.annotations?.['deployment.kubernetes.io/revision'];
        if (rev === undefined || !/^\d+$/.test(rev)) throw new CliError(`cannot get the revision of deployment "${name}": ${rev === undefined ? `strconv.ParseInt: parsing "": invalid syntax` : `strconv.ParseInt: parsing "${rev}": invalid syntax`}`);
        if (Number(rev) !== revision) throw new CliError(`desired revision (${revision}) is different from the running revision (${rev})`);
      }
      if (gen <= (st.observedGeneration ?? 0)) {
        const cond = (st.conditions ?? []).find((c: any) => c.type === 'Progressing');
        if (cond?.reason === 'ProgressDeadlineExceeded') throw new CliError(`deployment "${name}" exceeded its progress deadline`);
        const replicas = o.spec?.replicas ?? 1;
        const updated = st.updatedReplicas ?? 0, total = st.replicas ?? 0, avail = st.availableReplicas ?? 0;
        if (o.spec?.replicas !== undefined && updated < replicas) return { message: `Waiting for deployment "${name}" rollout to finish: ${updated} out of ${replicas} new replicas have been updated...\n`, done: false };
        if (total > updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${total - updated} old replicas are pending termination...\n`, done: false };
        if (avail < updated) return { message: `Waiting for deployment "${name}" rollout to finish: ${avail} of ${updated} updated replicas are available...\n`, done: false };
        return { message: `deployment "${name}" successfully rolled out\n`, done: true };
      }
      return { message: 'Waiting for deployment spec update to be observed...\n', done: false };
    }
    case 'DaemonSet': {
      const name = o.metadata.name;
      if ((o.spec?.updateStrategy?.type ?? 'RollingUpdate') !== 'RollingUpdate') throw new CliError('rollout status is only available for RollingUpdate strategy type');
      if (gen <= (st.observedGeneration ?? 0)) {
        const updated = st.updatedNumberScheduled ?? 0, desired = st.desiredNumberScheduled ?? 0, avail = st.numberAvailable ?? 0;
        if (updated < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${updated} out of ${desired} new pods have been updated...\n`, done: false };
        if (avail < desired) return { message: `Waiting for daemon set "${name}" rollout to finish: ${avail} of ${desired} updated pods are available...\n`, done: false };
        return { message: `daemon set "${name}" successfully rolled out\n`, done: true };
      }
      return { message: 'Waiting for daemon set spec update to be observed...\n', done: false };
    }
    case 'StatefulSet': {
      const strategy = o.spec?.updateStrategy ?? {};
      if ((strategy.type ?? 'RollingUpdate') !== 'RollingUpdate') throw new CliError('rollout status is only available for RollingUpdate strategy type');
      if (!st.observedGeneration || gen > st.observedGeneration) return { message: 'Waiting for statefulset spec update to be observed...\n', done: false };
      const replicas = o.spec?.replicas ?? 1;
      if (o.spec?.replicas !== undefined && (st.readyReplicas ?? 0) < replicas) return { message: `Waiting for ${replicas - (st.readyReplicas ?? 0)} pods to be ready...\n`, done: false };
      if (strategy.rollingUpdate) {
        const partition = strategy.rollingUpdate.partition;
        if (o.spec?.replicas !== undefined && partition !== undefined && partition !== null && (st.updatedReplicas ?? 0) < replicas - partition) {
          return { message: `Waiting for partitioned roll out to finish: ${st.updatedReplicas ?? 0} out of ${replicas - partition} new pods have been updated...\n`, done: false };
        }
        return { message: `partitioned roll out complete: ${st.updatedReplicas ?? 0} new pods have been updated...\n`, done: true };
      }
      if (st.updateRevision !== st.currentRevision) return { message: `waiting for statefulset rolling update to complete ${st.updatedReplicas ?? 0} pods at revision ${st.updateRevision}...\n`, done: false };
      return { message: `statefulset rolling update complete ${st.currentReplicas ?? 0} pods at revision ${st.currentRevision}...\n`, done: true };
    }
  }
  throw new CliError(`no status viewer has been implemented for ${groupKind(kindInfo(o.kind))}`);
}

async function runStatus(argv: string[]): Promise<number> {
  const p = parseFlags(argv, [
    ...FILE_FLAGS,
    { name: 'watch', short: 'w', type: 'bool', default: true },
    { name: 'revision', type: 'int', default: 0 },
    { name: 'timeout', type: 'string', default: '0s' },
  ], 'kubectl rollout status');
  const f = p.flags;
  const timeoutMs = durationFlag(p, 'timeout', 'kubectl rollout status');
  if (f.revision < 0) throw new CliError(`revision must be a positive integer: ${f.revision}`);
  const s = session();
  s.catchUp();
  const ns = s.namespace(f.namespace);
  // kubectl 1.32 visits every object (continuing on errors), each watched until its rollout is
  // done under its own timeout; the errors are reported at the end.
  const found = targetsContinue(s, p, ns);
  if (!found.length) { err(`No resources found in ${ns} namespace.\n`); return 0; }
  const errors: unknown[] = [];
  exitOnInterrupt();
  for (const t of found) {
    if (!('obj' in t)) { errors.push(t.error); continue; }
    try {
      await watchStatus(s, t.obj, f.revision, !!f.watch, timeoutMs);
    } catch (e) {
      if (!(e instanceof CliError) && !(e instanceof ApiError)) throw e;
      errors.push(e);
    }
  }
  if (errors.length === 1) throw errors[0];
  // several: one line each, without the `error: ` prefix
  if (errors.length) throw new CliError(errors.map((e) => (e instanceof ApiError ? formatApiError(e) : (e as Error).message)).join('\n'), 1, true);
  return 0;
}

/** One object's rollout status, watched until done (or printed once without --watch). */
async function watchStatus(s: Session, first: KObject, revision: number, watch: boolean, timeoutMs: number): Promise<void> {
  let o = first;
  if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(o.kind)) throw new CliError(`no status viewer has been implemented for ${groupKind(kindInfo(o.kind))}`);
  const deadline = timeoutMs > 0 ? Date.now() + timeoutMs : Infinity;
  const ons = o.metadata.namespace ?? '';
  let since = s.store.maxRv();
  for (;;) {
    const { message, done } = rolloutStatus(o, revision);
    out(message);
    if (done || !watch) return;
    // The next change of the object (the controllers run meanwhile).
    for (;;) {
      if (Date.now() >= deadline) throw new CliError('timed out waiting for the condition');
      s.catchUp();
      const revs = s.store.revisionsSince(since, o.kind).filter((r) => r.namespace === ons && r.name === o.metadata.name);
      if (revs.length) {
        since = revs[revs.length - 1].rv;
        const last = revs[revs.length - 1];
        if (last.type === 'DELETED') throw new CliError('object has been deleted');
        o = parseStoredJson(last.json);
        break;
      }
      since = Math.max(since, s.store.maxRv());
      await sleep(Math.min(pollDelay(s), Math.max(1, deadline - Date.now())));
    }
  }
}

/** targets(), continuing on errors: the objects found, and the names not found in their place. */
function targetsContinue(s: Session, p: Parsed, ns: string): ({ obj: KObject } | { error: ApiError })[] {
  if (!p.args.length) {
    if (p.flags.filename?.length) throw new CliError('rollout from files is not supported by kubesim yet');
    throw new CliError('required resource not specified');
  }
  const { requests } = parseResourceArgs(p.args);
  const found: ({ obj: KObject } | { error: ApiError })[] = [];
  for (const req of requests) {
    const scope = req.info.namespaced ? ns : undefined;
    if (req.names.length) {
      for (const name of req.names) {
        const o = s.api.get(req.info.kind, scope, name);
        found.push(o ? { obj: o } : { error: notFound(req.info, name) });
      }
    } else {
      for (const o of s.api.list(req.info.kind, scope, { labelSelector: p.flags.selector || undefined })) found.push({ obj: o });
    }
  }
  return found;
}

// ---- history ----------------------------------------------------------------------------------

const REV = 'deployment.kubernetes.io/revision';
const CHANGE_CAUSE = 'kubernetes.io/change-cause';

/** The revisions of a workload: revision -> { template, change-cause, object } (replica sets of
 *  a deployment, controller revisions of a daemon set or stateful set). */
function historyOf(s: Session, o: KObject): Map<number, { template: any; changeCause?: string; obj: KObject }> {
  const out = new Map<number, { template: any; changeCause?: string; obj: KObject }>();
  if (o.kind === 'Deployment') {
    for (const rs of s.api.listOwnedBy(o, 'ReplicaSet')) {
      const v = rs.metadata.annotations?.[REV];
      if (v === undefined || !/^\d+$/.test(v)) continue;
      const template = structuredClone(rs.spec?.template ?? {});
      const cause = rs.metadata.annotations?.[CHANGE_CAUSE];
      template.metadata = template.metadata ?? {};
      template.metadata.annotations = template.metadata.annotations ?? {};
      if (cause) template.metadata.annotations[CHANGE_CAUSE] = cause;
      out.set(Number(v), { template, changeCause: cause, obj: rs });
    }
  } else {
    for (const cr of s.api.listOwnedBy(o, 'ControllerRevision')) {
      const template = structuredClone(cr.data?.spec?.template ?? {});
      delete template.$patch;
      out.set(Number(cr.revision ?? 0), { template, changeCause: cr.metadata.annotations?.[CHANGE_CAUSE], obj: cr });
    }
  }
  return out;
}

function runHistory(argv: string[]): number {
  const p = parseFlags(argv, [...FILE_FLAGS, ...PRINT_FLAGS, { name: 'revision', type: 'int', default: 0 }], 'kubectl rollout history');
  const f = p.flags;
  const s = session();
  s.catchUp();
  const ns = s.namespace(f.namespace);
  if (!p.args.length && !f.filename.length) throw new CliError('required resource not specified');
  if (f.revision < 0) throw new CliError(`revision must be a positive integer: ${f.revision}`);
  let text = '';
  for (const o of targets(s, p, ns)) {
    if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(o.kind)) throw new CliError(`no history viewer has been implemented for ${groupKind(kindInfo(o.kind))}`);
    const h = historyOf(s, o);
    if (f.output) {
      const { parseOutput, compilePrinter } = require('../printers/output') as typeof import('../printers/output');
      const spec = parseOutput(f.output, f.template || undefined);
      const generic = compilePrinter(spec, { allowMissingKeys: f['allow-missing-template-keys'] });
      // The history viewers return typed objects (apps/v1 ReplicaSets, ControllerRevisions):
      // -o json prints them in Go struct order.
      const printer: typeof generic = spec.kind === 'json'
        ? (d) => ({ out: (require('../printers/json') as typeof import('../printers/json')).toJson((require('../printers/typed') as typeof import('../printers/typed')).toTypedOrder(d.single!), { sortKeys: false }) })
        : generic;
      if (f.revision > 0) {
        const e = h.get(f.revision);
        if (!e) throw new CliError('unable to find the specified revision');
        text += printer({ single: e.obj, items: [] }).out;
      } else {
        for (const k of [...h.keys()].sort((a, b) => a - b)) text += printer({ single: h.get(k)!.obj, items: [] }).out;
      }
      continue;
    }
    let info: string;
    if (!h.size) info = 'No rollout history found.';
    else if (f.revision > 0) {
      const e = h.get(f.revision);
      if (!e) { out(text); throw new CliError('unable to find the specified revision'); }
      info = describePodTemplate(e.template);
    } else {
      const { TabWriter, DESCRIBE_TABWRITER } = require('../printers/tabwriter') as typeof import('../printers/tabwriter');
      const w = new TabWriter(DESCRIBE_TABWRITER);
      w.write('REVISION\tCHANGE-CAUSE\n');
      for (const k of [...h.keys()].sort((a, b) => a - b)) w.write(`${k}\t${h.get(k)!.changeCause || '<none>'}\n`);
      info = w.flush();
    }
    const withRevision = f.revision > 0 ? `with revision #${f.revision}` : '';
    text += `${objectRef(o)} ${withRevision}\n${info}\n`;
  }
  out(text);
  return 0;
}

// ---- undo -------------------------------------------------------------------------------------

function runUndo(argv: string[]): number {
  const p = parseFlags(argv, [...FILE_FLAGS, ...PRINT_FLAGS, { name: 'to-revision', type: 'int', default: 0 }, { name: 'dry-run', type: 'string', default: 'none' }], 'kubectl rollout undo');
  const f = p.flags;
  const dryRun = parseDryRunFlag(p);
  const s = session();
  s.catchUp();
  const ns = s.namespace(f.namespace);
  if (!p.args.length && !f.filename.length) throw new CliError('required resource not specified');
  const toRevision: number = f['to-revision'];
  let text = '';
  try {
    for (const o of targets(s, p, ns)) {
      if (o.kind !== 'Deployment') {
        if (o.kind === 'DaemonSet' || o.kind === 'StatefulSet') {
          const result = rollbackFromRevisions(s, o, toRevision, dryRun);
          text += printed(o, result, f.output, dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '');
          continue;
        }
        throw new CliError(`no rollbacker has been implemented for "${groupKind(kindInfo(o.kind))}"`);
      }
      const result = rollbackDeployment(s, o, toRevision, dryRun);
      text += printed(o, result, f.output, dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : '');
    }
  } finally {
    out(text);
  }
  return 0;
}

/** The DaemonSet and StatefulSet rollbackers: restore the template of a ControllerRevision
 *  (by default the one before the newest). */
function rollbackFromRevisions(s: Session, o: KObject, toRevision: number, dryRun: 'none' | 'client' | 'server'): string {
  if (toRevision < 0) throw new CliError(`unable to find specified revision ${toRevision} in history`);
  const h = historyOf(s, o);
  if (toRevision === 0 && h.size <= 1) throw new CliError('no last revision to roll back to');
  const revs = [...h.keys()].sort((a, b) => a - b);
  const target = toRevision === 0 ? h.get(revs[revs.length - 2]) : h.get(toRevision);
  if (!target) throw new CliError(`unable to find specified revision ${toRevision} in history`);
  if (dryRun === 'client') return describePodTemplate(target.template);
  if (JSON.stringify(target.template) === JSON.stringify(o.spec?.template ?? {})) return `skipped rollback (current template already matches revision ${toRevision})`;
  if (dryRun === 'server') return 'rolled back';
  s.write((api) => {
    const cur = api.mustGet(o.kind, o.metadata.namespace, o.metadata.name);
    cur.spec.template = structuredClone(target.template);
    api.update(cur);
  });
  return 'rolled back';
}

const SKIP = new Set([
  'kubectl.kubernetes.io/last-applied-configuration', REV, 'deployment.kubernetes.io/revision-history',
  'deployment.kubernetes.io/desired-replicas', 'deployment.kubernetes.io/max-replicas', 'deprecated.deployment.rollback.to',
]);

/** kubectl's DeploymentRollbacker: the template (and annotations) of the replica set of that
 *  revision (the previous one by default) back into the deployment. Returns the operation. */
function rollbackDeployment(s: Session, d: KObject, toRevision: number, dryRun: string): string {
  if (toRevision < 0) throw new CliError(`unable to find specified revision ${toRevision} in history`);
  let target: KObject | undefined;
  let latest = -1, previous = -1;
  let latestRS: KObject | undefined, previousRS: KObject | undefined;
  for (const rs of s.api.listOwnedBy(d, 'ReplicaSet')) {
    const v = rs.metadata.annotations?.[REV];
    if (v === undefined || !/^\d+$/.test(v)) continue;
    const n = Number(v);
    if (toRevision === 0) {
      if (latest < n) { previous = latest; previousRS = latestRS; latest = n; latestRS = rs; }
      else if (previous < n) { previous = n; previousRS = rs; }
    } else if (toRevision === n) { target = rs; break; }
  }
  if (toRevision > 0 && !target) throw new CliError(`unable to find specified revision ${toRevision} in history`);
  if (toRevision === 0) {
    if (!previousRS) throw new CliError(`no rollout history found for deployment "${d.metadata.name}"`);
    target = previousRS;
  }
  const rs = target!;
  if (dryRun === 'client') return describePodTemplate(rs.spec?.template ?? {});
  if (d.spec?.paused) throw new CliError(`you cannot rollback a paused deployment; resume it first with 'kubectl rollout resume' and try again`);
  const { equalIgnoreHash } = require('../controllers/deployment') as typeof import('../controllers/deployment');
  if (equalIgnoreHash(rs.spec?.template, d.spec?.template)) return `skipped rollback (current template already matches revision ${toRevision})`;
  const template = structuredClone(rs.spec?.template ?? {});
  if (template.metadata?.labels) delete template.metadata.labels['pod-template-hash'];
  const annotations: Record<string, string> = {};
  for (const k of SKIP) if (d.metadata.annotations?.[k] !== undefined) annotations[k] = d.metadata.annotations[k];
  for (const [k, v] of Object.entries(rs.metadata.annotations ?? {})) if (!SKIP.has(k)) annotations[k] = v as string;
  if (dryRun === 'server') return 'rolled back';
  try {
    s.write((api) => {
      const cur = api.mustGet('Deployment', d.metadata.namespace, d.metadata.name);
      cur.spec.template = template;
      cur.metadata.annotations = annotations;
      api.update(cur);
    });
  } catch (e: any) {
    if (e?.reason) throw new CliError(`failed restoring revision ${toRevision}: ${e.message}`);
    throw e;
  }
  return 'rolled back';
}

// ---- restart / pause / resume ------------------------------------------------------------------

/** RFC 3339 in local time, as Go's time.Now().Format(time.RFC3339). */
function rfc3339Local(ms: number): string {
  const d = new Date(ms);
  const off = -d.getTimezoneOffset();
  const local = new Date(Math.floor(ms / 1000) * 1000 + off * 60000).toISOString().slice(0, 19);
  if (off === 0) return local + 'Z';
  const a = Math.abs(off);
  return `${local}${off > 0 ? '+' : '-'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

type Patcher = (o: KObject) => string | undefined; // mutates o; returns an error text

function patchEach(argv: string[], cmd: string, verb: string, patch: Patcher, onNoop?: (o: KObject) => string): number {
  const p = parseFlags(argv, [...FILE_FLAGS, ...PRINT_FLAGS, { name: 'field-manager', type: 'string', default: 'kubectl-rollout' }], `kubectl rollout ${cmd}`);
  const f = p.flags;
  const s = session();
  s.catchUp();
  const ns = s.namespace(f.namespace);
  if (!p.args.length && !f.filename.length) throw new CliError('required resource not specified');
  const objs = targets(s, p, ns);
  const errors: string[] = [];
  let text = '';
  for (const o of objs) {
    const info = kindInfo(o.kind);
    const copy = structuredClone(o);
    const problem = patch(copy);
    if (problem) { errors.push(`error: ${qualifiedResource(info)} "${o.metadata.name}" ${problem}`); continue; }
    if (JSON.stringify(copy) === JSON.stringify(o)) {
      if (onNoop) { errors.push(onNoop(o)); continue; }
      text += printed(o, `already ${verb}`, f.output);
      continue;
    }
    s.write((api) => {
      const cur = api.mustGet(o.kind, o.metadata.namespace, o.metadata.name);
      patch(cur);
      api.update(cur);
    });
    text += printed(o, verb, f.output);
  }
  out(text);
  if (errors.length === 1 && !errors[0].startsWith('error: ')) throw new CliError(errors[0]);
  if (errors.length) throw new CliError(errors.join('\n'), 1, true);
  return 0;
}

function runRestart(argv: string[]): number {
  const stamp = rfc3339Local(Date.now());
  return patchEach(argv, 'restart', 'restarted', (o) => {
    if (o.kind === 'Deployment' && o.spec?.paused) return "can't restart paused deployment (run rollout resume first)";
    if (!['Deployment', 'DaemonSet', 'StatefulSet'].includes(o.kind)) return 'restarting is not supported';
    const t = (o.spec.template ??= {});
    t.metadata = t.metadata ?? {};
    t.metadata.annotations = { ...(t.metadata.annotations ?? {}), 'kubectl.kubernetes.io/restartedAt': stamp };
    return undefined;
  }, (o) => `failed to create patch for ${o.metadata.name}: if restart has already been triggered within the past second, please wait before attempting to trigger another`);
}

function runPause(argv: string[]): number {
  return patchEach(argv, 'pause', 'paused', (o) => {
    if (o.kind !== 'Deployment') return 'pausing is not supported';
    if (o.spec?.paused) return 'is already paused';
    o.spec.paused = true;
    return undefined;
  });
}

function runResume(argv: string[]): number {
  return patchEach(argv, 'resume', 'resumed', (o) => {
    if (o.kind !== 'Deployment') return 'resuming is not supported';
    if (!o.spec?.paused) return 'is not paused';
    delete o.spec.paused;
    return undefined;
  });
}

// ---- describe a pod template (kubectl describe's DescribePodTemplate, through a PrefixWriter:
// raw tabs, no alignment) -------------------------------------------------------------------

const L = (n: number) => '  '.repeat(n);

function multiline(title: string, m: Record<string, string> | undefined, sep: '=' | ': '): string {
  const keys = Object.keys(m ?? {}).sort();
  if (!keys.length) return `${title}:\t<none>\n`;
  let s = `${title}:\t`;
  keys.forEach((k, i) => {
    if (i) s += '\t';
    const v = m![k].replace(/\n$/, '');
    if (sep === ': ' && (v.length + k.length + 2 > 140 || v.includes('\n'))) {
      s += `${k}:\n`;
      for (const line of v.split('\n')) s += `\t  ${line.length > 138 ? line.slice(0, 138) + '...' : line}\n`;
    } else s += `${k}${sep}${v}\n`;
  });
  return s;
}

function probe(p: any): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 1}s period=${p.periodSeconds ?? 10}s #success=${p.successThreshold ?? 1} #failure=${p.failureThreshold ?? 3}`;
  if (p.exec) return `exec [${(p.exec.command ?? []).join(' ')}] ${attrs}`;
  if (p.httpGet) {
    const h = p.httpGet;
    const url = `${(h.scheme ?? 'HTTP').toLowerCase()}://${h.host ?? ''}:${h.port}${h.path ?? ''}`;
    return `http-get ${url} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${p.tcpSocket.port} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

export function describePodTemplate(t: any): string {
  let s = 'Pod Template:\n';
  s += multiline('  Labels', t?.metadata?.labels, '=');
  if (Object.keys(t?.metadata?.annotations ?? {}).length) s += multiline('  Annotations', t.metadata.annotations, ': ');
  const spec = t?.spec ?? {};
  if (spec.serviceAccountName) s += `${L(1)}Service Account:\t${spec.serviceAccountName}\n`;
  const containers = (label: string, cs: any[]) => {
    s += `  ${label}:${cs.length ? '' : ' <none>'}\n`;
    for (const c of cs) {
      s += `${L(1)} ${c.name}:\n`;
      s += `${L(2)}Image:\t${c.image ?? ''}\n`;
      const ports = (c.ports ?? []).map((p: any) => `${p.containerPort}/${p.protocol ?? 'TCP'}`).join(', ');
      const hostPorts = (c.ports ?? []).map((p: any) => `${p.hostPort ?? 0}/${p.protocol ?? 'TCP'}`).join(', ');
      s += ports.includes(',') ? `${L(2)}Ports:\t${ports}\n` : `${L(2)}Port:\t${ports || '<none>'}\n`;
      s += hostPorts.includes(',') ? `${L(2)}Host Ports:\t${hostPorts}\n` : `${L(2)}Host Port:\t${hostPorts || '<none>'}\n`;
      if (c.securityContext?.seccompProfile) s += `${L(2)}SeccompProfile:\t${c.securityContext.seccompProfile.type}\n`;
      if (c.command?.length) { s += `${L(2)}Command:\n`; for (const x of c.command) for (const line of String(x).split('\n')) s += `${L(3)}${line}\n`; }
      if (c.args?.length) { s += `${L(2)}Args:\n`; for (const x of c.args) for (const line of String(x).split('\n')) s += `${L(3)}${line}\n`; }
      for (const kind of ['limits', 'requests'] as const) {
        const m = c.resources?.[kind] ?? {};
        const keys = Object.keys(m).sort();
        if (keys.length) { s += `${L(2)}${kind === 'limits' ? 'Limits' : 'Requests'}:\n`; for (const k of keys) s += `${L(3)}${k}:\t${m[k]}\n`; }
      }
      if (c.livenessProbe) s += `${L(2)}Liveness:\t${probe(c.livenessProbe)}\n`;
      if (c.readinessProbe) s += `${L(2)}Readiness:\t${probe(c.readinessProbe)}\n`;
      if (c.startupProbe) s += `${L(2)}Startup:\t${probe(c.startupProbe)}\n`;
      if (c.envFrom?.length) {
        s += `${L(2)}Environment Variables from:\n`;
        for (const e of c.envFrom) {
          const [from, name, kind] = e.configMapRef ? ['ConfigMap', e.configMapRef.name, e.configMapRef] : ['Secret', e.secretRef?.name, e.secretRef];
          s += `${L(3)}${name}\t${from}\t${e.prefix ? `with prefix '${e.prefix}'\t` : ''}Optional: ${!!kind?.optional}\n`;
        }
      }
      s += `${L(2)}Environment:${(c.env ?? []).length ? '' : '\t<none>'}\n`;
      for (const e of c.env ?? []) {
        if (!e.valueFrom) {
          String(e.value ?? '').split('\n').forEach((line, i) => { s += i === 0 ? `${L(3)}${e.name}:\t${line}\n` : `${L(3)}\t${line}\n`; });
          continue;
        }
        const v = e.valueFrom;
        if (v.fieldRef) s += `${L(3)}${e.name}:\t (${v.fieldRef.apiVersion ?? 'v1'}:${v.fieldRef.fieldPath})\n`;
        else if (v.resourceFieldRef) s += `${L(3)}${e.name}:\t (${v.resourceFieldRef.resource})\n`;
        else if (v.secretKeyRef) s += `${L(3)}${e.name}:\t<set to the key '${v.secretKeyRef.key}' in secret '${v.secretKeyRef.name}'>\tOptional: ${!!v.secretKeyRef.optional}\n`;
        else if (v.configMapKeyRef) s += `${L(3)}${e.name}:\t<set to the key '${v.configMapKeyRef.key}' of config map '${v.configMapKeyRef.name}'>\tOptional: ${!!v.configMapKeyRef.optional}\n`;
      }
      const mounts = [...(c.volumeMounts ?? [])].sort((a: any, b: any) => (a.mountPath < b.mountPath ? -1 : 1));
      s += `${L(2)}Mounts:${mounts.length ? '' : '\t<none>'}\n`;
      for (const m of mounts) s += `${L(3)}${m.mountPath} from ${m.name} (${[m.readOnly ? 'ro' : 'rw', ...(m.subPath ? [`path="${m.subPath}"`] : [])].join(',')})\n`;
    }
  };
  if (spec.initContainers?.length) containers('Init Containers', spec.initContainers);
  containers('Containers', spec.containers ?? []);
  const vols: any[] = spec.volumes ?? [];
  if (!vols.length) s += '  Volumes:\t<none>\n';
  else {
    s += '  Volumes:\n';
    for (const v of vols) {
      s += `${L(1)} ${v.name}:\n`;
      if (v.emptyDir) s += `${L(2)}Type:\tEmptyDir (a temporary directory that shares a pod's lifetime)\n${L(2)}Medium:\t${v.emptyDir.medium ?? ''}\n${L(2)}SizeLimit:\t${v.emptyDir.sizeLimit ?? '<unset>'}\n`;
      else if (v.configMap) s += `${L(2)}Type:\tConfigMap (a volume populated by a ConfigMap)\n${L(2)}Name:\t${v.configMap.name}\n${L(2)}Optional:\t${!!v.configMap.optional}\n`;
      else if (v.secret) s += `${L(2)}Type:\tSecret (a volume populated by a Secret)\n${L(2)}SecretName:\t${v.secret.secretName}\n${L(2)}Optional:\t${!!v.secret.optional}\n`;
      else if (v.hostPath) s += `${L(2)}Type:\tHostPath (bare host directory volume)\n${L(2)}Path:\t${v.hostPath.path}\n${L(2)}HostPathType:\t${v.hostPath.type ?? ''}\n`;
      else if (v.persistentVolumeClaim) s += `${L(2)}Type:\tPersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)\n${L(2)}ClaimName:\t${v.persistentVolumeClaim.claimName}\n${L(2)}ReadOnly:\t${!!v.persistentVolumeClaim.readOnly}\n`;
      else s += `${L(2)}<unknown>\n`;
    }
  }
  if (spec.priorityClassName) s += `${L(1)}Priority Class Name:\t${spec.priorityClassName}\n`;
  s += multiline('  Node-Selectors', spec.nodeSelector, '=');
  const tols: any[] = [...(spec.tolerations ?? [])].sort((a, b) => ((a.key ?? '') < (b.key ?? '') ? -1 : (a.key ?? '') > (b.key ?? '') ? 1 : 0));
  if (!tols.length) s += '  Tolerations:\t<none>\n';
  else {
    s += '  Tolerations:\t';
    tols.forEach((t, i) => {
      if (i) s += '\t';
      s += t.key ?? '';
      if (t.value) s += `=${t.value}`;
      if (t.effect) s += `:${t.effect}`;
      if (t.operator === 'Exists' && !t.value) s += t.key || t.effect ? ' op=Exists' : 'op=Exists';
      if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
      s += '\n';
    });
  }
  return s;
}

void kindRef;
