// The kubelets: start pods bound to their node (IP from the node's pod CIDR, ContainerCreating,
// then Running and ready after the start-up delay), record what a container's environment gets
// from the services that exist when it starts, and finish graceful deletions.
import type { KObject } from '../api/types';
import type { Round } from './context';
import { dueOf, memo } from './context';
import { timestamp } from '../api/server';
import { allocatePodIP, podIPState } from '../api/allocators';
import { fnv32a } from '../api/names';

export function kubeletController(r: Round): void {
  const { api } = r;
  const todo = new Map<string, { ns: string; name: string; due: boolean }>();
  for (const c of r.changes) {
    if (c.obj.kind !== 'Pod' || c.type === 'DELETED') continue;
    const p = c.obj;
    const starting = p.spec?.nodeName && !p.status?.hostIP;
    const deleting = p.metadata.deletionTimestamp && !c.old?.metadata.deletionTimestamp;
    if (starting || deleting) todo.set(`${p.metadata.namespace}/${p.metadata.name}`, { ns: p.metadata.namespace!, name: p.metadata.name, due: false });
  }
  for (const d of dueOf(r, 'Pod')) todo.set(`${d.namespace}/${d.name}`, { ns: d.namespace, name: d.name, due: true });
  if (!todo.size) return;
  const nodes = new Map<string, KObject | undefined>();
  const nodeOf = (name: string) => { if (!nodes.has(name)) nodes.set(name, api.get('Node', undefined, name)); return nodes.get(name); };
  for (const { ns, name, due } of todo.values()) {
    const pod = api.get('Pod', ns, name);
    if (!pod || !pod.spec?.nodeName) continue;
    const node = nodeOf(pod.spec.nodeName);
    if (pod.metadata.deletionTimestamp) { terminate(r, pod, due); continue; }
    if (!pod.status?.hostIP) startPod(r, pod, node);
    else if (due) runPod(r, pod, node);
  }
}

function nodeIP(node: KObject | undefined): string {
  return (node?.status?.addresses ?? []).find((a: any) => a.type === 'InternalIP')?.address ?? '';
}

const imageRefs = new Map<string, { image: string; imageID: string }>();
function imageRef(image: string): { image: string; imageID: string } {
  let r = imageRefs.get(image);
  if (!r) imageRefs.set(image, (r = computeImageRef(image)));
  return r;
}
function computeImageRef(image: string): { image: string; imageID: string } {
  let img = image;
  const last = img.split('/').pop()!;
  if (!last.includes(':') && !img.includes('@')) img += ':latest';
  const first = img.split('/')[0];
  const qualified = img.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? img : `docker.io/${img.includes('/') ? img : 'library/' + img}`;
  const digest = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => fnv32a(qualified + i).toString(16).padStart(8, '0')).join('');
  return { image: qualified, imageID: `${qualified.replace(/:[^:/]+$/, '')}@sha256:${digest}` };
}

function containerID(): string {
  return `containerd://${crypto.randomUUID().replace(/-/g, '')}${crypto.randomUUID().replace(/-/g, '')}`;
}

function startPod(r: Round, pod: KObject, node: KObject | undefined): void {
  startContainers(r, pod, node);
  r.api.update(pod, { status: true });
}

/** The kubelet's first sync of a pod bound to its node: IP, ContainerCreating (and Running at
 *  once when start-up is instant). Mutates pod; the caller writes it (the scheduler binds and
 *  starts in one write). */
export function startContainers(r: Round, pod: KObject, node: KObject | undefined): void {
  const { api } = r;
  const now = api.nowMs();
  const cidr = node?.spec?.podCIDR ?? '10.244.0.0/24';
  const hostNetwork = !!pod.spec?.hostNetwork;
  const ips = memo(r, `podips/${cidr}`, () => podIPState(api.store, cidr));
  const ip = hostNetwork ? nodeIP(node) : allocatePodIP(api.store, cidr, pod.metadata.uid!, ips);
  // What the container's environment gets from services (kubelet's service env), frozen now.
  // Pods starting together share one stored copy of their namespace's services.
  const svcSet = memo(r, `svcset/${pod.metadata.namespace}`, () => {
    const services = [
      ...api.list('Service', pod.metadata.namespace),
      ...(pod.metadata.namespace !== 'default' ? api.list('Service', 'default').filter((s) => s.metadata.name === 'kubernetes') : []),
    ].map((s) => ({ metadata: { name: s.metadata.name, namespace: s.metadata.namespace }, spec: s.spec }));
    const json = JSON.stringify(services);
    const id = `svcset:${fnv32a(json).toString(16)}:${json.length}`;
    if (!api.store.runtime(id)) api.store.setRuntime(id, services);
    return id;
  });
  api.store.setRuntime(pod.metadata.uid!, { svcSet, startedAt: now });
  const conds = (ready: boolean) => [
    { type: 'PodReadyToStartContainers', status: 'True', lastProbeTime: null, lastTransitionTime: timestamp(now) },
    { type: 'Initialized', status: 'True', lastProbeTime: null, lastTransitionTime: timestamp(now) },
    ready ? { type: 'Ready', status: 'True', lastProbeTime: null, lastTransitionTime: timestamp(now) }
      : { type: 'Ready', status: 'False', lastProbeTime: null, lastTransitionTime: timestamp(now), reason: 'ContainersNotReady', message: `containers with unready status: [${(pod.spec.containers ?? []).map((c: any) => c.name).join(' ')}]` },
    ready ? { type: 'ContainersReady', status: 'True', lastProbeTime: null, lastTransitionTime: timestamp(now) }
      : { type: 'ContainersReady', status: 'False', lastProbeTime: null, lastTransitionTime: timestamp(now), reason: 'ContainersNotReady', message: `containers with unready status: [${(pod.spec.containers ?? []).map((c: any) => c.name).join(' ')}]` },
    (pod.status?.conditions ?? []).find((c: any) => c.type === 'PodScheduled') ?? { type: 'PodScheduled', status: 'True', lastProbeTime: null, lastTransitionTime: timestamp(now) },
  ];
  pod.status = {
    phase: 'Pending',
    conditions: conds(false),
    hostIP: nodeIP(node),
    hostIPs: [{ ip: nodeIP(node) }],
    ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}),
    startTime: timestamp(now),
    containerStatuses: (pod.spec.containers ?? []).map((c: any) => ({
      name: c.name, state: { waiting: { reason: 'ContainerCreating' } }, lastState: {}, ready: false, restartCount: 0,
      image: c.image, imageID: '', started: false,
      ...(c.volumeMounts ? {} : {}),
    })),
    qosClass: pod.status?.qosClass ?? 'BestEffort',
  };
  // Pulling / Pulled / Created / Started / Killing events are derived from the pod's status
  // (src/api/pod-events.ts).
  const delay = r.settings.podStartupMs();
  if (delay <= 0) runContainers(r, pod, node);
  else api.store.setTimer('Pod', pod.metadata.namespace!, pod.metadata.name, now + delay);
}

function runPod(r: Round, pod: KObject, node: KObject | undefined): void {
  if (pod.status?.phase !== 'Pending') return;
  runContainers(r, pod, node);
  r.api.update(pod, { status: true });
}

function runContainers(r: Round, pod: KObject, node: KObject | undefined): void {
  const { api } = r;
  const now = api.nowMs();
  void node;
  pod.status.phase = 'Running';
  pod.status.conditions = (pod.status.conditions ?? []).map((c: any) =>
    c.type === 'Ready' || c.type === 'ContainersReady' ? { type: c.type, status: 'True', lastProbeTime: null, lastTransitionTime: timestamp(now) } : c);
  pod.status.containerStatuses = (pod.spec.containers ?? []).map((c: any) => {
    const ref = imageRef(c.image);
    return {
      containerID: containerID(), image: ref.image, imageID: ref.imageID, lastState: {}, name: c.name,
      ready: true, restartCount: 0, started: true, state: { running: { startedAt: timestamp(now) } },
    };
  });
}

function terminate(r: Round, pod: KObject, due: boolean): void {
  const { api } = r;
  if (!due) {
    const ms = r.settings.podTerminationMs(pod.metadata.deletionGracePeriodSeconds ?? 30);
    if (ms <= 0) { api.remove(pod); return; }
    api.store.setTimer('Pod', pod.metadata.namespace!, pod.metadata.name, api.nowMs() + ms);
    return;
  }
  api.remove(pod);
}
