// Scheduler: bind each unscheduled pod to the schedulable, Ready node with the fewest pods whose
// taints it tolerates and that has room (the kubelet's pod capacity). A pod that fits nowhere
// stays Pending with PodScheduled=False and a FailedScheduling event, as on a full cluster.
import type { KObject } from '../api/types';
import type { Round } from './context';
import { timestamp } from '../api/server';
import { startContainers } from './kubelet';

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
  }));
  for (const pod0 of pending) {
    const pod = api.current(pod0);
    if (!pod || pod.spec?.nodeName || pod.metadata.deletionTimestamp) continue;
    const reasons = new Map<string, number>();
    const note = (why: string) => reasons.set(why, (reasons.get(why) ?? 0) + 1);
    let best: KObject | undefined;
    let bestCount = Infinity;
    const sel = pod.spec?.nodeSelector;
    for (const info of nodes) {
      const n = info.n;
      if (sel && !Object.entries(sel).every(([k, v]) => n.metadata.labels?.[k] === v)) { note("node(s) didn't match Pod's node affinity/selector"); continue; }
      if (info.unschedulable) { note('node(s) were unschedulable'); continue; }
      const untolerated = info.taints.length ? info.taints.find((t: any) => !tolerates(pod, t)) : undefined;
      if (untolerated) { note(`node(s) had untolerated taint {${untolerated.key}: ${untolerated.value ?? ''}}`); continue; }
      if (!info.ready) { note('node(s) had untolerated taint {node.kubernetes.io/not-ready: }'); continue; }
      const used = counts.get(info.name) ?? 0;
      if (used >= info.cap) { note('Too many pods'); continue; }
      if (used < bestCount) { best = n; bestCount = used; }
    }
    if (!best) {
      const total = nodes.length;
      const parts = [...reasons.entries()].map(([why, n]) => `${n} ${why}`).sort();
      const msg = `0/${total} nodes are available: ${parts.join(', ')}. preemption: 0/${total} nodes are available: ${preemptionPart(reasons)}.`;
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

function preemptionPart(reasons: Map<string, number>): string {
  const notHelpful = [...reasons.entries()].filter(([w]) => w !== 'Too many pods').reduce((a, [, n]) => a + n, 0);
  const noVictims = reasons.get('Too many pods') ?? 0;
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
