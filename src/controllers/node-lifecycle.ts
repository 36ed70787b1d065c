// Node lifecycle (the node lifecycle controller, its taint-based eviction, and the pod garbage
// collector's part for deleted nodes):
// - a node whose kubelet stopped posting status (`kubesim node stop`) gets the unreachable
//   taints; its pods are marked not ready (so endpoints drop them) and, once their toleration of
//   the NoExecute taint runs out (300 s by default, KUBESIM_POD_EVICTION here), marked for
//   deletion: they stay Terminating until the node comes back, and their controllers replace
//   them on other nodes;
// - a cordoned node (spec.unschedulable) gets the unschedulable taint;
// - a deleted node's pods are deleted.
// Whether a node is stopped is kubelet-side state (store runtime `node:<name>`), written by
// `kubesim node stop|start`.
import type { KObject } from '../api/types';
import type { Api } from '../api/server';
import type { Round } from './context';
import { changesOf, dueOf } from './context';
import { timestamp } from '../api/server';

const UNREACHABLE = 'node.kubernetes.io/unreachable';
const NOT_READY = 'node.kubernetes.io/not-ready';
const UNSCHEDULABLE = 'node.kubernetes.io/unschedulable';
const CONTROLLER_TAINTS = new Set([UNREACHABLE, NOT_READY, UNSCHEDULABLE]);

export interface NodeRuntime { stopped: boolean; stoppedAt?: number; startedAt?: number }

export function nodeRuntime(api: Api, name: string): NodeRuntime | undefined {
  return api.store.runtime(`node:${name}`) as NodeRuntime | undefined;
}
export function setNodeRuntime(api: Api, name: string, rt: NodeRuntime): void {
  api.store.setRuntime(`node:${name}`, rt);
}
/** Whether the node's kubelet is stopped (`kubesim node stop`). */
export function nodeStopped(api: Api, name: string): boolean {
  return !!nodeRuntime(api, name)?.stopped;
}

const readyOf = (n: KObject | undefined) => (n?.status?.conditions ?? []).find((c: any) => c.type === 'Ready');

export function nodeLifecycleController(r: Round): void {
  const { api } = r;
  const names = new Set<string>();
  for (const c of changesOf(r, 'Node')) {
    const name = c.obj.metadata.name;
    if (c.type === 'DELETED') {
      // The pod garbage collector: pods bound to a node that no longer exists are deleted.
      for (const p of api.podsOnNode(name)) api.remove(p);
      api.store.deleteRuntime(`node:${name}`);
      continue;
    }
    names.add(name);
    const wasReady = readyOf(c.old)?.status === 'True';
    const isReady = readyOf(c.obj)?.status === 'True';
    if (c.old && wasReady && !isReady) {
      api.recordEvent(c.obj, 'Normal', 'NodeNotReady', `Node ${name} status is now: NodeNotReady`, 'node-controller');
    }
    if (c.old && !!c.old.spec?.unschedulable !== !!c.obj.spec?.unschedulable && !nodeStopped(api, name)) {
      api.recordEvent(c.obj, 'Normal', c.obj.spec?.unschedulable ? 'NodeNotSchedulable' : 'NodeSchedulable',
        `Node ${name} status is now: ${c.obj.spec?.unschedulable ? 'NodeNotSchedulable' : 'NodeSchedulable'}`, 'kubelet', name);
    }
  }
  for (const d of dueOf(r, 'Node')) names.add(d.name);
  for (const name of names) syncNode(r, name);
}

function syncNode(r: Round, name: string): void {
  const { api } = r;
  const n = api.get('Node', undefined, name);
  if (!n) return;
  const now = api.nowMs();
  const stopped = nodeStopped(api, name);
  const ready = readyOf(n)?.status === 'True';

  // Taints the controller owns, kept with their timeAdded while they stay.
  const old: any[] = n.spec?.taints ?? [];
  const find = (key: string, effect: string) => old.find((t) => t.key === key && t.effect === effect);
  const want: any[] = old.filter((t) => !CONTROLLER_TAINTS.has(t.key));
  if (n.spec?.unschedulable) want.push(find(UNSCHEDULABLE, 'NoSchedule') ?? { effect: 'NoSchedule', key: UNSCHEDULABLE });
  if (stopped) {
    want.push(find(UNREACHABLE, 'NoSchedule') ?? { effect: 'NoSchedule', key: UNREACHABLE });
    want.push(find(UNREACHABLE, 'NoExecute') ?? { effect: 'NoExecute', key: UNREACHABLE, timeAdded: timestamp(now) });
  } else if (!ready) {
    want.push(find(NOT_READY, 'NoSchedule') ?? { effect: 'NoSchedule', key: NOT_READY });
  }
  if (JSON.stringify(want) !== JSON.stringify(old)) {
    if (want.length) n.spec = { ...(n.spec ?? {}), taints: want };
    else if (n.spec) delete n.spec.taints;
    api.update(n);
  }
  if (!stopped) return;

  // The node is unreachable: its pods are not ready, then evicted when their toleration ends.
  const taint = want.find((t) => t.key === UNREACHABLE && t.effect === 'NoExecute');
  const taintedAt = Date.parse(taint?.timeAdded ?? '') || now;
  let next = Infinity;
  for (const p of api.podsOnNode(name)) {
    const ns = p.metadata.namespace!;
    const podReady = (p.status?.conditions ?? []).find((c: any) => c.type === 'Ready');
    if (podReady?.status === 'True') {
      // MarkPodsNotReady: only the Ready condition changes.
      podReady.status = 'False';
      podReady.lastTransitionTime = timestamp(now);
      api.update(p, { status: true });
      api.recordEvent(p, 'Warning', 'NodeNotReady', 'Node is not ready', 'node-controller');
    }
    if (p.metadata.deletionTimestamp || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
    const tolerate = tolerationMs(p, r.settings.podEvictionMs);
    if (tolerate === undefined) continue;
    const at = taintedAt + tolerate;
    if (at > now) { next = Math.min(next, at); continue; }
    evictByTaint(api, p, now);
    void ns;
  }
  if (next < Infinity) api.store.setTimer('Node', '', name, next);
}

/** How long a pod tolerates the unreachable NoExecute taint: the toleration's seconds (the
 *  300 s every pod gets by default stand for KUBESIM_POD_EVICTION), undefined for ever. */
export function tolerationMs(pod: KObject, defaultMs: number): number | undefined {
  const tols: any[] = pod.spec?.tolerations ?? [];
  const t = tols.find((x) => (x.effect === undefined || x.effect === '' || x.effect === 'NoExecute') &&
    (x.operator === 'Exists' ? !x.key || x.key === UNREACHABLE : x.key === UNREACHABLE));
  if (!t) return pod.metadata.ownerReferences?.some((o) => o.kind === 'DaemonSet' || o.kind === 'Node') ? undefined : defaultMs;
  if (t.tolerationSeconds === undefined || t.tolerationSeconds === null) return undefined;
  if (t.tolerationSeconds === 300) return defaultMs;
  return Math.max(0, Number(t.tolerationSeconds) * 1000);
}

function evictByTaint(api: Api, p: KObject, now: number): void {
  api.recordEvent(p, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${p.metadata.namespace}/${p.metadata.name}`, 'taint-eviction-controller');
  const conds: any[] = p.status?.conditions ?? [];
  if (!conds.some((c) => c.type === 'DisruptionTarget')) {
    p.status = { ...(p.status ?? {}), conditions: [...conds, { type: 'DisruptionTarget', status: 'True', lastProbeTime: null, lastTransitionTime: timestamp(now), reason: 'DeletionByTaintManager', message: 'Taint manager: deleting due to NoExecute taint' }] };
    api.update(p, { status: true });
  }
  api.delete('Pod', p.metadata.namespace, p.metadata.name);
}
