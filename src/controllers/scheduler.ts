// Scheduler: bind each unscheduled pod to the schedulable, Ready node with the fewest pods whose
// taints it tolerates and that has room (the kubelet's pod capacity, and the cpu and memory the
// pod requests). A pod that fits nowhere stays Pending with PodScheduled=False and a
// FailedScheduling event, as on a full cluster. Filters run in kube-scheduler's order:
// NodeUnschedulable, TaintToleration, NodeAffinity, NodeResourcesFit.
import type { KObject } from '../api/types';
import type { Round } from './context';
import { timestamp } from '../api/server';
import { parseQuantity } from '../api/quantity';
import { startContainers } from './kubelet';

interface Amounts { cpu: number; memory: number }

/** What a pod asks of a node (computePodResourceRequest): its containers' requests summed, an
 *  init container's when larger; a limit stands for a missing request, as defaulting makes it.
 *  cpu in millicores, memory in bytes. */
export function podRequests(pod: KObject): Amounts {
  const one = (c: any, res: 'cpu' | 'memory') => {
    const v = parseQuantity(c?.resources?.requests?.[res] ?? c?.resources?.limits?.[res]) ?? 0;
    return res === 'cpu' ? Math.ceil(v * 1000) : Math.ceil(v);
  };
  const out: Amounts = { cpu: 0, memory: 0 };
  for (const res of ['cpu', 'memory'] as const) {
    let sum = 0;
    for (const c of pod.spec?.containers ?? []) sum += one(c, res);
    for (const c of pod.spec?.initContainers ?? []) sum = Math.max(sum, one(c, res));
    out[res] = sum;
  }
  return out;
}

export function schedulerController(r: Round): void {
  const { api } = r;
  const pending: KObject[] = [];
  let retry = false;
  for (const c of r.changes) {
    if (c.obj.kind === 'Pod' && c.type === 'ADDED' && !c.obj.spec?.nodeName) pending.push(c.obj);
    // Room may have appeared: a pod went away or a node changed.
    if ((c.obj.kind === 'Pod' && c.type === 'DELETED' && c.obj.spec?.nodeName) || c.obj.kind === 'Node') retry = true;
  }
  if (retry) {
    const seen = new Set(pending.map((p) => p.metadata.uid));
    for (const p of api.podsOnNode('')) {
      if (!seen.has(p.metadata.uid) && !p.metadata.deletionTimestamp) pending.push(p);
    }
  }
  if (!pending.length) return;
  const counts = api.podCountsByNode();
  // What does not depend on the pod is worked out once per node.
  const nodes = api.list('Node').map((n) => ({
    n,
    name: n.metadata.name,
    ready: (n.status?.conditions ?? []).find((c: any) => c.type === 'Ready')?.status === 'True',
    unschedulable: !!n.spec?.unschedulable,
    taints: (n.spec?.taints ?? []).filter((t: any) => t.effect === 'NoSchedule' || t.effect === 'NoExecute'),
    cap: Number(n.status?.allocatable?.pods ?? 110),
    cpu: Math.floor((parseQuantity(n.status?.allocatable?.cpu) ?? Infinity) * 1000),
    memory: Math.floor(parseQuantity(n.status?.allocatable?.memory) ?? Infinity),
  }));
  // What the pods on each node request, summed only once a pod that requests something comes.
  let requested: Map<string, Amounts> | undefined;
  const requestedOn = (node: string): Amounts => {
    if (!requested) {
      requested = new Map();
      for (const p of api.list('Pod')) {
        const on = p.spec?.nodeName;
        if (!on || p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed') continue;
        const q = podRequests(p), cur = requested.get(on) ?? { cpu: 0, memory: 0 };
        requested.set(on, { cpu: cur.cpu + q.cpu, memory: cur.memory + q.memory });
      }
    }
    return requested.get(node) ?? { cpu: 0, memory: 0 };
  };
  for (const pod0 of pending) {
    const pod = api.current(pod0);
    if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp) continue;
    const reasons = new Map<string, number>();
    const note = (why: string) => reasons.set(why, (reasons.get(why) ?? 0) + 1);
    // Nodes whose only obstacle is room (NodeResourcesFit): preemption could help there.
    let short = 0;
    let best: KObject | undefined;
    let bestCount = Infinity;
    const sel = pod.spec?.nodeSelector;
    const need = podRequests(pod);
    for (const info of nodes) {
      const n = info.n;
      if (info.unschedulable) { note('node(s) were unschedulable'); continue; }
      const untolerated = info.taints.length ? info.taints.find((t: any) => !tolerates(pod, t)) : undefined;
      if (untolerated) { note(`node(s) had untolerated taint {${untolerated.key}: ${untolerated.value ?? ''}}`); continue; }
      if (!info.ready) { note('node(s) had untolerated taint {node.kubernetes.io/not-ready: }'); continue; }
      if (sel && !Object.entries(sel).every(([k, v]) => n.metadata.labels?.[k] === v)) { note("node(s) didn't match Pod's node affinity/selector"); continue; }
      const used = counts.get(info.name) ?? 0;
      const lacks: string[] = [];
      if (used >= info.cap) lacks.push('Too many pods');
      if (need.cpu > 0 && need.cpu > info.cpu - requestedOn(info.name).cpu) lacks.push('Insufficient cpu');
      if (need.memory > 0 && need.memory > info.memory - requestedOn(info.name).memory) lacks.push('Insufficient memory');
      if (lacks.length) { lacks.forEach(note); short++; continue; }
      if (used < bestCount) { best = n; bestCount = used; }
    }
    if (!best) {
      const total = nodes.length;
      const parts = [...reasons.entries()].map(([why, n]) => `${n} ${why}`).sort();
      const msg = `0/${total} nodes are available: ${parts.join(', ')}. preemption: 0/${total} nodes are available: ${preemptionPart(total - short, short)}.`;
      const cond = { type: 'PodScheduled', status: 'False', lastProbeTime: null, lastTransitionTime: timestamp(api.nowMs()), reason: 'Unschedulable', message: msg };
      const prev = (pod.status?.conditions ?? []).find((c: any) => c.type === 'PodScheduled');
      if (!prev || prev.message !== msg) {
        pod.status = { ...(pod.status ?? {}), phase: 'Pending', conditions: [cond] };
        api.update(pod, { status: true });
        api.recordEvent(pod, 'Warning', 'FailedScheduling', msg, 'default-scheduler');
      }
      continue;
    }
    counts.set(best.metadata.name, bestCount + 1);
    if (requested && (need.cpu || need.memory)) {
      const cur = requestedOn(best.metadata.name);
      requested.set(best.metadata.name, { cpu: cur.cpu + need.cpu, memory: cur.memory + need.memory });
    }
    pod.spec.nodeName = best.metadata.name;
    pod.status = {
      ...(pod.status ?? {}),
      phase: 'Pending',
      conditions: [{ type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: timestamp(api.nowMs()) }],
    };
    // (The Scheduled event is derived from the PodScheduled condition: src/api/pod-events.ts.)
    // The node's kubelet picks the pod up at once; one write for binding and start.
    startContainers(r, pod, best);
    api.update(pod, { changed: true, trusted: true });
  }
}

/** Preemption's part of the message: nodes that failed a filter preemption cannot fix, and
 *  nodes short of room where no pod of lower priority could make way. */
function preemptionPart(notHelpful: number, noVictims: number): string {
  const parts: string[] = [];
  if (notHelpful) parts.push(`${notHelpful} Preemption is not helpful for scheduling`);
  if (noVictims) parts.push(`${noVictims} No preemption victims found for incoming pod`);
  return parts.sort().join(', ');
}

export function tolerates(pod: KObject, taint: any): boolean {
  return (pod.spec?.tolerations ?? []).some((t: any) =>
    (!t.effect || t.effect === taint.effect) &&
    (t.operator === 'Exists' ? (!t.key || t.key === taint.key) : t.key === taint.key && (t.value ?? '') === (taint.value ?? '')));
}
