// kubectl cordon / uncordon / drain: mark nodes (un)schedulable; drain evicts the pods of a
// node (honouring PodDisruptionBudgets, refusing DaemonSet-managed, unmanaged and emptyDir pods
// unless told otherwise) and waits for them to be gone, with kubectl's output and errors.
import { parseFlags, Parsed, parseDryRun } from './flags';
import { session, Session } from './session';
import { out, err } from './io';
import { ApiError, CliError, KObject } from '../api/types';
import { notFound } from '../api/server';
import { evictPod } from '../api/eviction';
import { kindInfo } from '../api/kinds';
import { parseLabelSelector, matchLabels } from '../api/selectors';
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

/** Evict (or delete) the pods, printing `evicting pod ns/name`, then wait until each is gone
 *  (`pod/name evicted`). Returns an error message, or undefined when all went. */
async function evictPods(s: Session, pods: KObject[], o: { grace: number; disableEviction: boolean; timeoutMs: number; server: boolean }): Promise<string | undefined> {
  const deadline = o.timeoutMs > 0 ? Date.now() + o.timeoutMs : Infinity;
  const globalTimeout = o.timeoutMs > 0 ? goDurationText(o.timeoutMs) : '';
  const waiting = new Map<string, KObject>();
  const failures: string[] = [];
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
    // drain.go evictPods: per pod, `evicting pod` before each attempt; a 429 (a disruption
    // budget) is retried after 5 seconds, the global timeout checked after the message.
    const retry = new Map<string, KObject>();
    const attempt = (pod: KObject) => {
      const k = `${pod.metadata.namespace}/${pod.metadata.name}`;
      const result = evict(s, pod, o.grace);
      retry.delete(k);
      if (result === 'gone') return; // NotFound: nothing to wait for
      if (!result) { waiting.set(k, pod); return; }
      if (result.retry !== undefined) {
        retry.set(k, pod);
        err(`error when evicting pods/"${pod.metadata.name}" -n "${pod.metadata.namespace}" (will retry after 5s): ${result.retry}\n`);
        return;
      }
      failures.push(`error when evicting pods/"${pod.metadata.name}" -n "${pod.metadata.namespace}": ${result.error}`);
    };
    for (const pod of pods) {
      out(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name}${o.server ? ' (server dry run)' : ''}\n`);
      if (o.server) continue;
      attempt(pod);
    }
    if (o.server) return undefined;
    while (retry.size) {
      const next = Date.now() + 5000;
      await waitGone(s, waiting, next);
      if (Date.now() < next) await sleep(next - Date.now());
      for (const pod of [...retry.values()]) {
        out(`evicting pod ${pod.metadata.namespace}/${pod.metadata.name}\n`);
        if (Date.now() >= deadline) {
          retry.delete(`${pod.metadata.namespace}/${pod.metadata.name}`);
          failures.push(`error when evicting pods/"${pod.metadata.name}" -n "${pod.metadata.namespace}": global timeout reached: ${globalTimeout}`);
          continue;
        }
        s.catchUp();
        attempt(pod);
      }
    }
  }
  await waitGone(s, waiting, deadline);
  for (const pod of waiting.values()) failures.push(`error when waiting for pod "${pod.metadata.name}" in namespace "${pod.metadata.namespace}" to terminate: global timeout reached: ${globalTimeout}`);
  return failures.length ? aggregate(failures) : undefined;

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

/** The eviction subresource (src/api/eviction.ts): undefined when the pod is on its way,
 *  'gone' when it was not there, 'retry' with the message for a 429 (a disruption budget),
 *  or the error drain stops on. */
function evict(s: Session, pod: KObject, grace: number): { retry?: string; error?: string } | 'gone' | undefined {
  try {
    return s.write((api) => {
      const cur = api.get('Pod', pod.metadata.namespace, pod.metadata.name);
      if (!cur || cur.metadata.uid !== pod.metadata.uid) return 'gone' as const;
      evictPod(api, cur.metadata.namespace!, cur.metadata.name, { gracePeriodSeconds: grace >= 0 ? grace : undefined });
      return undefined;
    });
  } catch (e) {
    if (e instanceof ApiError) return e.reason === 'NotFound' ? 'gone' : e.code === 429 ? { retry: e.message } : { error: e.message };
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
