// kubectl cordon / uncordon / drain: mark nodes (un)schedulable; drain evicts the pods of a
// node (honouring PodDisruptionBudgets, refusing DaemonSet-managed, unmanaged and emptyDir pods
// unless told otherwise) and waits for them to be gone, with kubectl's output and errors.
import { parseFlags, Parsed, parseDryRun } from './flags';
import { session, Session } from './session';
import { out, err } from './io';
import { ApiError, CliError, KObject } from '../api/types';
import { notFound, timestamp } from '../api/server';
import { kindInfo } from '../api/kinds';
import { parseLabelSelector, matchLabels, selectorFromLabelSelector } from '../api/selectors';
import { sleep, pollDelay, durationFlag } from './watch';

const COMMON = [
  { name: 'selector', short: 'l', type: 'string' as const, default: '' },
  { name: 'dry-run', type: 'string' as const, default: 'none' },
];

function dryRunOf(p: Parsed): 'none' | 'client' | 'server' {
  return parseDryRun(String(p.flags['dry-run']), p.set.has('dry-run'));
}
const dryRunSuffix = (d: string) => (d === 'client' ? ' (dry run)' : d === 'server' ? ' (server dry run)' : '');

/** The nodes named (NAME or node/NAME) or selected with -l. */
function nodesOf(s: Session, p: Parsed, verb: string): KObject[] {
  const f = p.flags;
  if (!p.args.length && !p.set.has('selector')) throw new CliError(`USAGE: ${verb} NODE [flags]\nSee 'kubectl ${verb} -h' for help and examples`);
  if (p.args.length && f.selector) throw new CliError(`error: cannot specify both a node name and a --selector option\nSee 'kubectl ${verb} -h' for help and examples`, 1, true);
  const info = kindInfo('Node');
  if (!p.args.length) return s.api.list('Node', undefined, { labelSelector: f.selector || undefined });
  return p.args.map((a) => {
    const slash = a.indexOf('/');
    let name = a;
    if (slash >= 0) {
      const t = a.slice(0, slash);
      if (!['node', 'nodes', 'no'].includes(t.toLowerCase())) throw new CliError(`error: expected resource of type node, got "${t}"`, 1, true);
      name = a.slice(slash + 1);
    }
    const n = s.api.get('Node', undefined, name);
    if (!n) throw notFound(info, name);
    return n;
  });
}

/** RunCordonOrUncordon: one line per node. */
function cordonNodes(s: Session, nodes: KObject[], desired: boolean, dryRun: string): string {
  let text = '';
  for (const n of nodes) {
    const current = !!n.spec?.unschedulable;
    if (current === desired) { text += `node/${n.metadata.name} already ${desired ? 'cordoned' : 'uncordoned'}${dryRunSuffix(dryRun)}\n`; continue; }
    if (dryRun === 'none') {
      s.write((api) => api.mutate('Node', undefined, n.metadata.name, (o) => {
        o.spec = o.spec ?? {};
        if (desired) o.spec.unschedulable = true; else delete o.spec.unschedulable;
      }));
    }
    text += `node/${n.metadata.name} ${desired ? 'cordoned' : 'uncordoned'}${dryRunSuffix(dryRun)}\n`;
  }
  return text;
}

function cordonVerb(argv: string[], verb: 'cordon' | 'uncordon'): number {
  const p = parseFlags(argv, COMMON, `kubectl ${verb}`);
  const dryRun = dryRunOf(p);
  const s = session();
  s.catchUp();
  out(cordonNodes(s, nodesOf(s, p, verb), verb === 'cordon', dryRun));
  return 0;
}

export const runCordon = (argv: string[]) => cordonVerb(argv, 'cordon');
export const runUncordon = (argv: string[]) => cordonVerb(argv, 'uncordon');

// ---- drain ------------------------------------------------------------------------------------

const DS_FATAL = 'DaemonSet-managed Pods (use --ignore-daemonsets to ignore)';
const DS_WARNING = 'ignoring DaemonSet-managed Pods';
const LOCAL_FATAL = 'Pods with local storage (use --delete-emptydir-data to override)';
const LOCAL_WARNING = 'deleting Pods with local storage';
// (sic: kubectl 1.32 prints "cannot delete cannot delete ...")
const UNMANAGED_FATAL = 'cannot delete Pods that declare no controller (use --force to override)';
const UNMANAGED_WARNING = 'deleting Pods that declare no controller';

interface Status { delete: boolean; reason: 'Okay' | 'Skip' | 'Warning' | 'Error'; message?: string }
const okay: Status = { delete: true, reason: 'Okay' };

interface DrainOpts { force: boolean; ignoreDaemonSets: boolean; deleteEmptyDirData: boolean; skipWaitSeconds: number; podSelector?: string }

/** GetPodsForDeletion: every pod of the node through kubectl's filters, in order. */
export function podsForDeletion(s: Session, node: string, o: DrainOpts): { pod: KObject; status: Status }[] {
  const sel = o.podSelector ? parseLabelSelector(o.podSelector) : undefined;
  const pods = s.api.podsOnNode(node).filter((p) => !sel || matchLabels(sel, p.metadata.labels))
    .sort((a, b) => `${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}` ? -1 : 1);
  const terminal = (p: KObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
  const controller = (p: KObject) => p.metadata.ownerReferences?.find((r) => r.controller);
  const filters: ((p: KObject) => Status)[] = [
    (p) => {
      if (o.skipWaitSeconds > 0 && p.metadata.deletionTimestamp && Date.now() - Date.parse(p.metadata.deletionTimestamp) > o.skipWaitSeconds * 1000) return { delete: false, reason: 'Skip' };
      return okay;
    },
    (p) => {
      const ref = controller(p);
      if (!ref || ref.kind !== 'DaemonSet' || terminal(p)) return okay;
      if (!s.api.get('DaemonSet', p.metadata.namespace, ref.name)) {
        const msg = `daemonsets.apps "${ref.name}" not found`;
        return o.force ? { delete: true, reason: 'Warning', message: msg } : { delete: false, reason: 'Error', message: msg };
      }
      return o.ignoreDaemonSets ? { delete: false, reason: 'Warning', message: DS_WARNING } : { delete: false, reason: 'Error', message: DS_FATAL };
    },
    // Mirror pods (static pods of the kubelet) cannot be deleted through the API.
    (p) => (p.metadata.annotations?.['kubernetes.io/config.mirror'] !== undefined || controller(p)?.kind === 'Node' ? { delete: false, reason: 'Skip' } : okay),
    (p) => {
      if (!(p.spec?.volumes ?? []).some((v: any) => v.emptyDir) || terminal(p)) return okay;
      return o.deleteEmptyDirData ? { delete: true, reason: 'Warning', message: LOCAL_WARNING } : { delete: false, reason: 'Error', message: LOCAL_FATAL };
    },
    (p) => {
      if (terminal(p) || controller(p)) return okay;
      return o.force ? { delete: true, reason: 'Warning', message: UNMANAGED_WARNING } : { delete: false, reason: 'Error', message: UNMANAGED_FATAL };
    },
  ];
  return pods.map((pod) => {
    let status = okay;
    for (const f of filters) {
      status = f(pod);
      if (!status.delete) break;
    }
    return { pod, status };
  });
}

const ORDER = [DS_FATAL, DS_WARNING, UNMANAGED_FATAL, UNMANAGED_WARNING, LOCAL_FATAL, LOCAL_WARNING];
function grouped(list: { pod: KObject; status: Status }[], reason: 'Warning' | 'Error'): [string, string[]][] {
  const m = new Map<string, string[]>();
  for (const { pod, status } of list) {
    if (status.reason !== reason) continue;
    const msg = status.message || 'unexpected error';
    if (!m.has(msg)) m.set(msg, []);
    m.get(msg)!.push(`${pod.metadata.namespace}/${pod.metadata.name}`);
  }
  return [...m.entries()].sort((a, b) => (ORDER.indexOf(a[0]) + 1 || 99) - (ORDER.indexOf(b[0]) + 1 || 99));
}

/** Aggregate.Error(): one message as is, several in brackets. */
const aggregate = (msgs: string[]) => (msgs.length === 1 ? msgs[0] : `[${msgs.join(', ')}]`);

export async function runDrain(argv: string[]): Promise<number> {
  const p = parseFlags(argv, [
    ...COMMON,
    { name: 'force', type: 'bool', default: false },
    { name: 'ignore-daemonsets', type: 'bool', default: false },
    { name: 'delete-emptydir-data', type: 'bool', default: false },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'pod-selector', type: 'string', default: '' },
    { name: 'disable-eviction', type: 'bool', default: false },
    { name: 'skip-wait-for-delete-timeout', type: 'int', default: 0 },
    { name: 'chunk-size', type: 'int', default: 500 },
  ], 'kubectl drain');
  const f = p.flags;
  const dryRun = dryRunOf(p);
  const timeoutMs = durationFlag(p, 'timeout', 'kubectl drain');
  if (f['pod-selector']) {
    try { parseLabelSelector(f['pod-selector']); } catch { throw new CliError('--pod-selector=<pod_selector> must be a valid label selector'); }
  }
  const s = session();
  s.catchUp();
  const nodes = nodesOf(s, p, 'drain');
  out(cordonNodes(s, nodes, true, dryRun));
  const opts: DrainOpts = { force: f.force, ignoreDaemonSets: f['ignore-daemonsets'], deleteEmptyDirData: f['delete-emptydir-data'], skipWaitSeconds: f['skip-wait-for-delete-timeout'], podSelector: f['pod-selector'] || undefined };
  const fatal: string[][] = [];
  const remaining: string[] = [];
  for (const n of nodes) {
    const name = n.metadata.name;
    s.catchUp();
    const list = podsForDeletion(s, name, opts);
    const errors = grouped(list, 'Error').map(([msg, pods]) => `cannot delete ${msg}: ${pods.join(', ')}`);
    if (errors.length) {
      err(`error: unable to drain node "${name}" due to error: ${aggregate(errors)}, continuing command...\n`);
      fatal.push(errors);
      remaining.push(name);
      continue;
    }
    const warnings = grouped(list, 'Warning').map(([msg, pods]) => `${msg}: ${pods.join(', ')}`).join('; ');
    if (warnings) err(`Warning: ${warnings}\n`);
    const pods = list.filter((x) => x.status.delete).map((x) => x.pod);
    if (dryRun === 'client') {
      out(pods.map((pod) => `evicting pod ${pod.metadata.namespace}/${pod.metadata.name} (dry run)\n`).join(''));
    } else {
      const failure = await evictPods(s, pods, { grace: f['grace-period'], disableEviction: f['disable-eviction'], timeoutMs, server: dryRun === 'server' });
      if (failure) {
        const pending = podsForDeletion(s, name, opts).filter((x) => x.status.delete);
        if (pending.length) {
          err(`There are pending pods in node "${name}" when an error occurred: ${failure}\n`);
          for (const x of pending) err(`pod/${x.pod.metadata.name}\n`);
        }
        err(`error: unable to drain node "${name}" due to error: ${failure}, continuing command...\n`);
        fatal.push([failure]);
        remaining.push(name);
        continue;
      }
    }
    out(`node/${name} drained${dryRunSuffix(dryRun)}\n`);
  }
  if (remaining.length) {
    err(`There are pending nodes to be drained:\n${remaining.map((r) => ` ${r}\n`).join('')}`);
    // utilerrors.NewAggregate(fatal), unwrapped when there is one; each message on its line.
    const lines = fatal.length === 1 ? fatal[0] : fatal.map(aggregate);
    throw new CliError(lines.join('\n'), 1, true);
  }
  return 0;
}

/** How many pods a PodDisruptionBudget still allows to be disrupted (undefined: no budget). */
function disruptionsAllowed(s: Session, pod: KObject): { name: string; allowed: number } | undefined {
  for (const pdb of s.api.list('PodDisruptionBudget', pod.metadata.namespace)) {
    const sel = pdb.spec?.selector;
    if (!sel || !matchLabels(selectorFromLabelSelector(sel), pod.metadata.labels)) continue;
    const pods = s.api.list('Pod', pod.metadata.namespace).filter((p) => matchLabels(selectorFromLabelSelector(sel), p.metadata.labels) && !p.metadata.deletionTimestamp);
    const healthy = pods.filter((p) => (p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True')).length;
    const expected = pods.length;
    let allowed: number;
    const pct = (v: any, total: number, up: boolean) => { const m = /^(\d+)%$/.exec(String(v)); return m ? (up ? Math.ceil : Math.floor)((Number(m[1]) * total) / 100) : Number(v); };
    if (pdb.spec.minAvailable !== undefined) allowed = healthy - pct(pdb.spec.minAvailable, expected, true);
    else if (pdb.spec.maxUnavailable !== undefined) allowed = pct(pdb.spec.maxUnavailable, expected, true) - (expected - healthy);
    else allowed = healthy;
    return { name: pdb.metadata.name, allowed };
  }
  return undefined;
}

/** Evict (or delete) the pods, printing `evicting pod ns/name`, then wait until each is gone
 *  (`pod/name evicted`). Returns an error message, or undefined when all went. */
async function evictPods(s: Session, pods: KObject[], o: { grace: number; disableEviction: boolean; timeoutMs: number; server: boolean }): Promise<string | undefined> {
  const deadline = o.timeoutMs > 0 ? Date.now() + o.timeoutMs : Infinity;
  const globalTimeout = o.timeoutMs > 0 ? goDurationText(o.timeoutMs) : '';
  const waiting = new Map<string, KObject>();
  if (o.disableEviction) {
    for (const pod of pods) {
      try {
        if (!o.server) s.write((api) => { if (api.get('Pod', pod.metadata.namespace, pod.metadata.name)) api.delete('Pod', pod.metadata.namespace, pod.metadata.name, { gracePeriodSeconds: o.grace >= 0 ? o.grace : undefined }); });
      } catch (e) {
        if (e instanceof ApiError && e.reason !== 'NotFound') return e.message;
      }
      waiting.set(`${pod.metadata.namespace}/${pod.metadata.name}`, pod);
    }
  } else {
    const retry = new Set<string>();
    for (const pod of pods) {
      out(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name}${o.server ? ' (server dry run)' : ''}\n`);
      if (o.server) continue;
      const result = evict(s, pod, o.grace);
      if (result === 'gone') { waiting.set(`${pod.metadata.namespace}/${pod.metadata.name}`, pod); continue; }
      if (result) { retry.add(`${pod.metadata.namespace}/${pod.metadata.name}`); err(`error when evicting pods/"${pod.metadata.name}" -n "${pod.metadata.namespace}" (will retry after 5s): ${result}\n`); continue; }
      waiting.set(`${pod.metadata.namespace}/${pod.metadata.name}`, pod);
    }
    if (o.server) return undefined;
    // Evictions refused by a disruption budget are retried every 5 seconds.
    let nextRetry = Date.now() + 5000;
    while (retry.size) {
      if (Date.now() >= deadline) {
        const [k] = [...retry];
        const [ns, name] = k.split('/');
        return `error when evicting pods/"${name}" -n "${ns}": global timeout reached: ${globalTimeout}`;
      }
      await waitGone(s, waiting, Math.min(nextRetry, deadline));
      if (Date.now() < nextRetry) continue;
      nextRetry = Date.now() + 5000;
      for (const k of [...retry]) {
        const pod = pods.find((p) => `${p.metadata.namespace}/${p.metadata.name}` === k)!;
        out(`evicting pod ${k}\n`);
        const result = evict(s, pod, o.grace);
        if (result && result !== 'gone') { err(`error when evicting pods/"${pod.metadata.name}" -n "${pod.metadata.namespace}" (will retry after 5s): ${result}\n`); continue; }
        retry.delete(k);
        waiting.set(k, pod);
      }
    }
  }
  await waitGone(s, waiting, deadline);
  if (waiting.size) {
    const [pod] = waiting.values();
    return `error when waiting for pod "${pod.metadata.name}" in namespace "${pod.metadata.namespace}" to terminate: global timeout reached: ${globalTimeout}`;
  }
  return undefined;

  async function waitGone(s: Session, w: Map<string, KObject>, until: number): Promise<void> {
    while (w.size) {
      s.catchUp();
      for (const [k, pod] of [...w]) {
        const cur = s.api.get('Pod', pod.metadata.namespace, pod.metadata.name);
        if (!cur || cur.metadata.uid !== pod.metadata.uid) {
          w.delete(k);
          out(`pod/${pod.metadata.name} ${o.disableEviction ? 'deleted' : 'evicted'}\n`);
        }
      }
      if (!w.size || Date.now() >= until) return;
      await sleep(Math.min(pollDelay(s), Math.max(1, until - Date.now())));
    }
  }
}

/** The eviction subresource: refused (429) when a disruption budget does not allow it,
 *  otherwise the pod gets a DisruptionTarget condition and is deleted gracefully. */
function evict(s: Session, pod: KObject, grace: number): string | undefined | 'gone' {
  try {
    return s.write((api) => {
      const cur = api.get('Pod', pod.metadata.namespace, pod.metadata.name);
      if (!cur || cur.metadata.uid !== pod.metadata.uid) return 'gone' as const;
      if (!cur.metadata.deletionTimestamp) {
        const budget = disruptionsAllowed(s, cur);
        if (budget && budget.allowed <= 0) return "Cannot evict pod as it would violate the pod's disruption budget.";
        const conds: any[] = cur.status?.conditions ?? [];
        if (!conds.some((c) => c.type === 'DisruptionTarget')) {
          cur.status = { ...(cur.status ?? {}), conditions: [...conds, { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: timestamp(api.nowMs()), reason: 'EvictionByEvictionAPI', message: 'Eviction API: evicting' }] };
          api.update(cur, { status: true });
        }
        api.delete('Pod', cur.metadata.namespace, cur.metadata.name, { gracePeriodSeconds: grace >= 0 ? grace : undefined });
      }
      return undefined;
    });
  } catch (e) {
    if (e instanceof ApiError) return e.reason === 'NotFound' ? 'gone' : e.message;
    throw e;
  }
}

/** Go's Duration String() for a whole number of milliseconds. */
function goDurationText(ms: number): string {
  if (ms < 1000) return `${ms}ms`;
  let s = ms / 1000;
  const h = Math.floor(s / 3600); s -= h * 3600;
  const m = Math.floor(s / 60); s -= m * 60;
  const sec = `${Number(s.toFixed(3))}s`;
  return h ? `${h}h${m}m${sec}` : m ? `${m}m${sec}` : sec;
}
