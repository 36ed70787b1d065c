// The kubelets: a pod bound to a node goes Pending -> ContainerCreating (sandbox: IP, hostIP,
// startTime, conditions) -> Running and ready after the start-up delay (KUBESIM_POD_STARTUP),
// each step its own write so that watchers see it. What a container's environment gets from
// services is frozen when the pod is admitted. The kubelet also runs containers that exit
// (a shell image with nothing to do, `-- echo hi`, `false`): restarts with CrashLoopBackOff
// back-off and restart counts, or Completed/Error under restartPolicy Never/OnFailure; images
// that do not exist (ErrImagePull / ImagePullBackOff); graceful deletion (Terminating, then the
// containers stop, then the pod is gone); and a stopped node (nothing happens on it until it
// starts again, when its containers restart and its deleted pods are finally removed).
//
// The Scheduled/Pulling/Pulled/Created/Started/Killing events are derived from the pod's status
// (src/api/pod-events.ts); the kubelet records the others (Failed, BackOff, SandboxChanged).
import type { KObject } from '../api/types';
import type { Round, PendingCommand, CommandResult } from './context';
import type { Api } from '../api/server';
import { dueOf, memo } from './context';
import { timestamp } from '../api/server';
import { allocatePodIP, podIPState } from '../api/allocators';
import { fnv32a } from '../api/names';
import { nodeStopped } from './node-lifecycle';
import { missingVolumeSources } from './volume-sources';

/** What the kubelet keeps about a pod outside the API (store.runtime(uid)). */
interface PodRuntime {
  /** the services the containers' environment was built from (id of a shared runtime row) */
  svcSet: string;
  /** when the kubelet admitted the pod (ms) */
  startedAt: number;
  /** when the containers are due to be running (ms) */
  runAt?: number;
  /** per container: the next thing due (ms) */
  plan?: Record<string, Plan>;
  /** graceful deletion: when the containers stop and when the pod is removed (ms) */
  stopAt?: number;
  removeAt?: number;
  /** waiting for a Secret/ConfigMap its volumes need (waitForVolumes) */
  mountWait?: boolean;
}
interface Plan {
  at: number; action: 'exit' | 'restart' | 'backoff' | 'pull' | 'pullbackoff'; pulls?: number;
  /** exit: the code the command's run in the data plane decided */
  code?: number;
  /** exit: the command has not run in the data plane yet (`at` is only a fallback) */
  pending?: boolean;
}

export function kubeletController(r: Round): void {
  const { api } = r;
  const todo = new Map<string, { ns: string; name: string; due: boolean; restart?: boolean }>();
  const add = (ns: string, name: string, v: { due: boolean; restart?: boolean }) => {
    const k = `${ns}/${name}`;
    const prev = todo.get(k);
    todo.set(k, { ns, name, due: v.due || !!prev?.due, restart: v.restart || prev?.restart });
  };
  const ephemeral = new Set<string>();
  for (const c of r.changes) {
    if (c.type === 'DELETED') continue;
    if (c.obj.kind === 'Node') {
      // A node that comes back: its kubelet syncs every pod bound to it.
      if (c.old && wasStopped(c.old) && !wasStopped(c.obj)) {
        for (const p of api.podsOnNode(c.obj.metadata.name)) add(p.metadata.namespace!, p.metadata.name, { due: false, restart: true });
      }
      continue;
    }
    if (c.obj.kind !== 'Pod') continue;
    const p = c.obj;
    const bound = !!p.spec?.nodeName && !p.status?.hostIP && !c.old?.spec?.nodeName;
    const deleting = p.metadata.deletionTimestamp && !c.old?.metadata.deletionTimestamp;
    if (bound || deleting) add(p.metadata.namespace!, p.metadata.name, { due: false });
    else if (p.status?.hostIP && !p.metadata.deletionTimestamp && newEphemeral(p).length) ephemeral.add(`${p.metadata.namespace}/${p.metadata.name}`);
  }
  for (const k of ephemeral) {
    const [ns, name] = k.split('/');
    const pod = api.get('Pod', ns, name);
    if (pod && !todo.has(k)) startEphemeral(r, pod);
  }
  for (const d of dueOf(r, 'Pod')) add(d.namespace, d.name, { due: true });
  if (!todo.size) return;
  const nodes = new Map<string, KObject | undefined>();
  const nodeOf = (name: string) => { if (!nodes.has(name)) nodes.set(name, api.get('Node', undefined, name)); return nodes.get(name); };
  for (const { ns, name, due, restart } of todo.values()) {
    const pod = api.get('Pod', ns, name);
    if (!pod || !pod.spec?.nodeName) continue;
    const node = nodeOf(pod.spec.nodeName);
    // A stopped node's kubelet does nothing; it catches up when the node starts.
    if (!node || memo(r, `stopped/${node.metadata.name}`, () => nodeStopped(api, node.metadata.name))) continue;
    if (pod.metadata.deletionTimestamp) { terminate(r, pod, due || !!restart); continue; }
    // a pod waiting for its volumes has a node address but no sandbox yet
    const mountWait = !!pod.status?.hostIP && !pod.status?.podIP && !!runtimeOf(r, pod)?.mountWait;
    if (restart && pod.status?.hostIP && !mountWait) { restartSandbox(r, pod, node); continue; }
    if (!pod.status?.hostIP || (mountWait && (due || restart))) {
      if (!due && !restart) {
        // Bound by the scheduler this transaction: it admitted the pod already.
        if (runtimeOf(r, pod)) continue;
        admit(r, pod, node);
        // The pod was read in this round and only its status changed: write it back as is
        // (no re-read, defaulting or validation: 10,000 pods start in one transaction).
        if (pod.status?.hostIP) api.update(pod, { status: true, trusted: true });
        continue;
      }
      if (waitForVolumes(r, pod, node)) { api.update(pod, { status: true, trusted: true }); continue; }
      const rt = runtimeOf(r, pod) ?? admitRuntime(r, pod, r.settings.podStartupMs());
      // When it was due (a late catch-up does the steps at their own times).
      const planned = rt.startedAt + sandboxDelay(Math.max(0, (rt.runAt ?? rt.startedAt) - rt.startedAt));
      createSandbox(r, pod, node, Math.min(api.nowMs(), Math.max(planned, rt.startedAt)));
      if ((rt.runAt ?? 0) <= api.nowMs()) { runContainers(r, pod, rt, rt.runAt ?? api.nowMs()); replay(r, pod, rt); }
      else api.store.setTimer('Pod', ns, name, rt.runAt!);
      saveRuntime(r, pod, rt);
      api.update(pod, { status: true, trusted: true });
      continue;
    }
    if (due) step(r, pod, node);
  }
}

/** Ephemeral containers (kubectl debug) the kubelet has not started yet. */
function newEphemeral(pod: KObject): any[] {
  const sts: any[] = pod.status?.ephemeralContainerStatuses ?? [];
  return (pod.spec?.ephemeralContainers ?? []).filter((c: any) => !sts.some((s) => s.name === c.name));
}

/** The kubelet starts ephemeral containers added to a running pod at once: they are never
 *  restarted and never count towards the pod's readiness (ready: false). */
function startEphemeral(r: Round, pod: KObject): void {
  const fresh = newEphemeral(pod);
  if (!fresh.length) return;
  const now = r.api.nowMs();
  const sts: any[] = pod.status.ephemeralContainerStatuses ?? (pod.status.ephemeralContainerStatuses = []);
  for (const c of fresh) {
    const ref = imageRef(c.image);
    const pullErr = imagePullError(c.image);
    sts.push(pullErr
      ? { image: c.image, imageID: '', lastState: {}, name: c.name, ready: false, restartCount: 0, state: { waiting: { message: pullErr, reason: 'ErrImagePull' } } }
      : { containerID: containerID(), image: ref.image, imageID: ref.imageID, lastState: {}, name: c.name, ready: false, restartCount: 0, state: { running: { startedAt: timestamp(now) } } });
  }
  r.api.update(pod, { status: true, trusted: true });
}

const wasStopped = (n: KObject) => (n.status?.conditions ?? []).find((c: any) => c.type === 'Ready')?.reason === 'NodeStatusUnknown';

function nodeIP(node: KObject | undefined): string {
  return (node?.status?.addresses ?? []).find((a: any) => a.type === 'InternalIP')?.address ?? '';
}

const imageRefs = new Map<string, { image: string; imageID: string }>();
function imageRef(image: string): { image: string; imageID: string } {
  let r = imageRefs.get(image);
  if (!r) imageRefs.set(image, (r = computeImageRef(image)));
  return r;
}
function qualify(image: string): string {
  let img = image;
  const last = img.split('/').pop()!;
  if (!last.includes(':') && !img.includes('@')) img += ':latest';
  const first = img.split('/')[0];
  return img.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost') ? img : `docker.io/${img.includes('/') ? img : 'library/' + img}`;
}
function computeImageRef(image: string): { image: string; imageID: string } {
  const qualified = qualify(image);
  const digest = [0, 1, 2, 3, 4, 5, 6, 7].map((i) => fnv32a(qualified + i).toString(16).padStart(8, '0')).join('');
  return { image: qualified, imageID: `${qualified.replace(/:[^:/]+$/, '')}@sha256:${digest}` };
}

function containerID(): string {
  return `containerd://${crypto.randomUUID().replace(/-/g, '')}${crypto.randomUUID().replace(/-/g, '')}`;
}

// ---- admission and start-up ------------------------------------------------------------------

/** The ContainerCreating step comes this long after the pod is bound (the kubelet's first sync
 *  and the sandbox), the containers run `startup` after it was bound. */
const sandboxDelay = (startup: number) => Math.min(200, Math.round(startup * 0.2));

function runtimeOf(r: Round, pod: KObject): PodRuntime | undefined {
  return r.api.store.runtime(pod.metadata.uid!) as PodRuntime | undefined;
}
function saveRuntime(r: Round, pod: KObject, rt: PodRuntime): void {
  r.api.store.setRuntime(pod.metadata.uid!, rt);
}

/** Freeze what the containers' environment gets from the namespace's services, and plan the
 *  start-up. Pods admitted together share one stored copy of the services. */
function admitRuntime(r: Round, pod: KObject, startup: number, save = true): PodRuntime {
  const { api } = r;
  const now = api.nowMs();
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
  const rt: PodRuntime = { svcSet, startedAt: now, runAt: now + Math.max(0, startup) };
  if (save) saveRuntime(r, pod, rt);
  return rt;
}

/** The kubelet's first look at a pod bound to its node. With instant start-up the pod is
 *  created and running at once; otherwise it stays Pending until its sandbox is due. Mutates
 *  pod; the caller writes it (the scheduler binds and admits in one write). */
export function startContainers(r: Round, pod: KObject, node: KObject | undefined): void {
  if (!node || memo(r, `stopped/${node.metadata.name}`, () => nodeStopped(r.api, node.metadata.name))) return;
  admit(r, pod, node);
}

function admit(r: Round, pod: KObject, node: KObject): void {
  const { api } = r;
  const startup = r.settings.podStartupMs();
  const rt = admitRuntime(r, pod, startup, startup > 0);
  if (startup <= 0) {
    if (waitForVolumes(r, pod, node)) return;
    createSandbox(r, pod, node);
    runContainers(r, pod, rt, api.nowMs());
    saveRuntime(r, pod, rt);
  } else {
    api.store.setTimer('Pod', pod.metadata.namespace!, pod.metadata.name, api.nowMs() + sandboxDelay(startup));
  }
}

const names = (pod: KObject) => [...sidecars(pod), ...(pod.spec?.containers ?? [])].map((c: any) => c.name).join(' ');

// ---- init containers and sidecars ------------------------------------------------------------
// Init containers run one after the other before the app containers (each must exit 0; a
// failure restarts it under restartPolicy Always/OnFailure and fails the pod under Never).
// A restartable init container (restartPolicy: Always, a native sidecar) starts in its turn,
// keeps running beside the app containers and counts in the pod's readiness.

const isSidecar = (c: any) => c?.restartPolicy === 'Always';
const sidecars = (pod: KObject): any[] => (pod.spec?.initContainers ?? []).filter(isSidecar);
const initSpec = (pod: KObject, name: string): any => (pod.spec?.initContainers ?? []).find((c: any) => c.name === name);
/** Every container of the pod, init containers first. */
const allContainers = (pod: KObject): any[] => [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])];
const notStartedYet = (st: any) => !st?.containerID && (st?.state?.waiting?.reason === 'PodInitializing' || st?.state?.waiting?.reason === 'ContainerCreating');

/** Start the init containers whose turn it is, in order; true when the pod is initialized
 *  (every regular init container exited 0, every sidecar started). */
function advanceInit(r: Round, pod: KObject, rt: PodRuntime, t: number): boolean {
  for (const c of pod.spec?.initContainers ?? []) {
    let st = statusOf(pod, c.name);
    if (isSidecar(c) ? st.started : st.ready) continue;
    if (!notStartedYet(st)) return false;
    pullAndStart(r, pod, c, rt, t);
    st = statusOf(pod, c.name);
    if (!(isSidecar(c) ? st.started : st.ready)) return false;
  }
  return true;
}

/** After anything happened to the containers at time t: the next init containers start, and
 *  the app containers once the pod is initialized. */
function progress(r: Round, pod: KObject, rt: PodRuntime, t: number): void {
  if (!pod.spec?.initContainers?.length || pod.status?.phase === 'Failed' || pod.status?.phase === 'Succeeded') return;
  if (initFailedForGood(pod) || !advanceInit(r, pod, rt, t)) return;
  // The app containers' images are pulled now (PodInitializing meanwhile): a fraction of the
  // start-up delay, none with instant start-up.
  const pull = Math.round(r.settings.podStartupMs() * 0.4);
  for (const c of pod.spec.containers ?? []) {
    if (!notStartedYet(statusOf(pod, c.name)) || rt.plan?.[c.name]) continue;
    if (pull <= 0) pullAndStart(r, pod, c, rt, t);
    else (rt.plan ??= {})[c.name] = { at: t + pull, action: 'pull', pulls: 0 };
  }
}

/** A regular init container failed under restartPolicy Never: the pod has failed. */
function initFailedForGood(pod: KObject): boolean {
  if ((pod.spec?.restartPolicy ?? 'Always') !== 'Never') return false;
  const sts: any[] = pod.status?.initContainerStatuses ?? [];
  return (pod.spec?.initContainers ?? []).some((c: any) => !isSidecar(c) && (sts.find((s) => s.name === c.name)?.state?.terminated?.exitCode ?? 0) !== 0);
}

/** The pod's app containers have all ended for good: its sidecars are stopped. */
function stopSidecars(pod: KObject, rt: PodRuntime | undefined, t: number): void {
  for (const c of sidecars(pod)) {
    const st = statusOf(pod, c.name);
    if (rt?.plan) delete rt.plan[c.name];
    if (st.state?.running) {
      const code = ignoresSigterm(pod, c) ? 137 : 0;
      st.state = { terminated: { containerID: st.containerID, exitCode: code, finishedAt: timestamp(t), reason: code === 0 ? 'Completed' : 'Error', startedAt: st.state.running.startedAt } };
    } else if (st.state?.waiting) delete (rt?.plan ?? {})[c.name];
    st.ready = false;
    st.started = false;
  }
}

/** A Secret or ConfigMap the pod's volumes need is missing: the pod waits in ContainerCreating
 *  (no sandbox yet), the kubelet reports FailedMount and retries every 2 s; once it is there the
 *  start-up begins from then. True while the pod waits (its status is set; the caller writes). */
function waitForVolumes(r: Round, pod: KObject, node: KObject | undefined): boolean {
  const { api } = r;
  const missing = missingVolumeSources(api, pod);
  const rt = runtimeOf(r, pod);
  const now = api.nowMs();
  if (!missing.length) {
    if (rt?.mountWait) {
      const startup = Math.max(0, (rt.runAt ?? rt.startedAt) - rt.startedAt);
      rt.startedAt = now;
      rt.runAt = now + startup;
      delete rt.mountWait;
      saveRuntime(r, pod, rt);
    }
    return false;
  }
  const notReady = { reason: 'ContainersNotReady', message: `containers with unready status: [${names(pod)}]` };
  const prev: any[] = pod.status?.conditions ?? [];
  const keep = (c: any) => { const p = prev.find((x) => x.type === c.type && x.status === c.status); if (p) c.lastTransitionTime = p.lastTransitionTime; return c; };
  pod.status = {
    phase: 'Pending',
    conditions: [
      keep(cond('PodReadyToStartContainers', 'False', now)), keep(cond('Initialized', 'True', now)),
      keep(cond('Ready', 'False', now, notReady)), keep(cond('ContainersReady', 'False', now, notReady)),
      prev.find((c) => c.type === 'PodScheduled') ?? cond('PodScheduled', 'True', now),
    ],
    containerStatuses: (pod.spec.containers ?? []).map((c: any) => ({
      image: c.image, imageID: '', lastState: {}, name: c.name, ready: false, restartCount: 0, started: false,
      state: { waiting: { reason: 'ContainerCreating' } },
    })),
    hostIP: nodeIP(node),
    hostIPs: [{ ip: nodeIP(node) }],
    qosClass: pod.status?.qosClass ?? 'BestEffort',
  };
  for (const m of missing) kubeletEvent(r, pod, 'Warning', 'FailedMount', `MountVolume.SetUp failed for volume "${m.volume}" : ${m.kind} "${m.name}" not found`);
  const w = rt ?? admitRuntime(r, pod, r.settings.podStartupMs(), false);
  w.mountWait = true;
  saveRuntime(r, pod, w);
  api.store.setTimer('Pod', pod.metadata.namespace!, pod.metadata.name, now + 2000);
  return true;
}

function cond(type: string, status: string, now: number, extra: Record<string, string> = {}) {
  return { type, status, lastProbeTime: null, lastTransitionTime: timestamp(now), ...extra };
}

/** Set a pod condition, keeping lastTransitionTime when the status does not change. */
function setCondition(pod: KObject, c: any): void {
  const conds: any[] = pod.status.conditions ?? (pod.status.conditions = []);
  const i = conds.findIndex((x) => x.type === c.type);
  if (i < 0) { conds.push(c); return; }
  if (conds[i].status === c.status) c.lastTransitionTime = conds[i].lastTransitionTime;
  conds[i] = c;
}

/** The sandbox is up: IP, ContainerCreating (at time now). */
function createSandbox(r: Round, pod: KObject, node: KObject | undefined, now = r.api.nowMs()): void {
  const { api } = r;
  const cidr = node?.spec?.podCIDR ?? '10.244.0.0/24';
  const hostNetwork = !!pod.spec?.hostNetwork;
  let ip: string | undefined;
  if (hostNetwork) ip = nodeIP(node);
  else {
    const ips = memo(r, `podips/${cidr}`, () => podIPState(api.store, cidr));
    ip = allocatePodIP(api.store, cidr, pod.metadata.uid!, ips);
  }
  const notReady = { reason: 'ContainersNotReady', message: `containers with unready status: [${names(pod)}]` };
  const inits: any[] = pod.spec.initContainers ?? [];
  // With init containers every container waits in PodInitializing (kubelet_pods.go).
  const waiting = inits.length ? 'PodInitializing' : 'ContainerCreating';
  const fresh = (c: any) => ({
    image: c.image, imageID: '', lastState: {}, name: c.name, ready: false, restartCount: 0, started: false,
    state: { waiting: { reason: waiting } },
  });
  pod.status = {
    phase: 'Pending',
    conditions: [
      cond('PodReadyToStartContainers', 'True', now),
      inits.length
        ? cond('Initialized', 'False', now, { reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${inits.map((c) => c.name).join(' ')}]` })
        : cond('Initialized', 'True', now),
      cond('Ready', 'False', now, notReady),
      cond('ContainersReady', 'False', now, notReady),
      (pod.status?.conditions ?? []).find((c: any) => c.type === 'PodScheduled') ?? cond('PodScheduled', 'True', now),
      ...(pod.status?.conditions ?? []).filter((c: any) => c.type === 'DisruptionTarget'),
    ],
    hostIP: nodeIP(node),
    hostIPs: [{ ip: nodeIP(node) }],
    ...(ip ? { podIP: ip, podIPs: [{ ip }] } : {}),
    startTime: timestamp(now),
    ...(inits.length ? { initContainerStatuses: inits.map(fresh) } : {}),
    containerStatuses: (pod.spec.containers ?? []).map(fresh),
    qosClass: pod.status?.qosClass ?? 'BestEffort',
  };
}

/** The containers' images are pulled and they start (or fail to), at time t. */
function runContainers(r: Round, pod: KObject, rt: PodRuntime, t: number): void {
  if (pod.spec.initContainers?.length) {
    progress(r, pod, rt, t);
    refreshPod(r, pod, t, rt);
    scheduleNext(r, pod, rt);
    return;
  }
  for (const c of pod.spec.containers ?? []) {
    const pullErr = imagePullError(c.image);
    if (pullErr) { pullFailed(r, pod, c, rt, pullErr, 1, t); continue; }
    startContainer(r, pod, c, rt, t, false);
  }
  refreshPod(r, pod, t);
  scheduleNext(r, pod, rt);
}

/** A container of a re-created sandbox: its image is pulled again (a bad one fails again). */
function pullAndStart(r: Round, pod: KObject, c: any, rt: PodRuntime, t: number): void {
  const pullErr = imagePullError(c.image);
  if (pullErr) pullFailed(r, pod, c, rt, pullErr, 1, t);
  else startContainer(r, pod, c, rt, t, false);
}

function statusOf(pod: KObject, name: string): any {
  const key = initSpec(pod, name) ? 'initContainerStatuses' : 'containerStatuses';
  const list: any[] = pod.status[key] ?? (pod.status[key] = []);
  let st = list.find((s) => s.name === name);
  if (!st) { st = { name, restartCount: 0, lastState: {}, ready: false, started: false, state: {} }; list.push(st); }
  return st;
}

function startContainer(r: Round, pod: KObject, c: any, rt: PodRuntime, now: number, restarting: boolean): void {
  const st = statusOf(pod, c.name);
  const ref = imageRef(c.image);
  if (restarting) {
    st.restartCount = (st.restartCount ?? 0) + 1;
    if (st.state?.terminated) st.lastState = { terminated: st.state.terminated };
  }
  const init = initSpec(pod, c.name);
  Object.assign(st, {
    containerID: containerID(), image: ref.image, imageID: ref.imageID, ready: !init || isSidecar(init), started: true,
    state: { running: { startedAt: timestamp(now) } },
  });
  const guess = containerLifetime(pod, c);
  const plan = (rt.plan ??= {});
  delete plan[c.name];
  if (guess) {
    const life = commandRun(r, pod, c, st.containerID, now, guess);
    if (!life) { plan[c.name] = { at: now + guess.ms + 60000, action: 'exit', pending: true }; return; }
    if (life.ms <= 0) exitContainer(r, pod, c, rt, now, life.code);
    else plan[c.name] = { at: now + life.ms, action: 'exit', code: life.code };
  }
}

/** How a one-shot container's command ends. With a data plane to run it (settings.commands)
 *  its first run is queued and undecided (undefined) until finishCommand; restarts repeat what
 *  that run did. Without one: the guess from the command's text. */
function commandRun(r: Round, pod: KObject, c: any, containerID: string, now: number, guess: CommandResult): CommandResult | undefined {
  const cmds = r.settings.commands;
  if (!cmds || !(c.command?.length || c.args?.length)) return guess;
  const known = r.api.store.runtime(`cmdres:${pod.metadata.uid}/${c.name}`) as CommandResult | undefined;
  if (known) return known;
  cmds.pending.push({ namespace: pod.metadata.namespace!, name: pod.metadata.name, uid: pod.metadata.uid!, container: c.name, containerID, startedAt: now });
  return undefined;
}

/** The data plane ran a queued command (result undefined: it could not): the container exits
 *  when the command did, counted from its start. Must be followed by a reconcile. */
export function finishCommand(api: Api, cmd: PendingCommand, result: CommandResult | undefined): void {
  const pod = api.get('Pod', cmd.namespace, cmd.name);
  if (!pod || pod.metadata.uid !== cmd.uid) return;
  const c = allContainers(pod).find((x: any) => x.name === cmd.container);
  const guess = c && containerLifetime(pod, c);
  if (!guess) return;
  const life = result ?? guess;
  api.store.setRuntime(`cmdres:${cmd.uid}/${cmd.container}`, life);
  const rt = api.store.runtime(cmd.uid) as PodRuntime | undefined;
  const st = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find((x: any) => x.name === cmd.container);
  if (!rt?.plan?.[cmd.container]?.pending || st?.containerID !== cmd.containerID || !st.state?.running) return;
  const at = cmd.startedAt + life.ms;
  rt.plan[cmd.container] = { at, action: 'exit', code: life.code };
  api.store.setRuntime(cmd.uid, rt);
  api.store.setTimer('Pod', cmd.namespace, cmd.name, at);
}

/** A container's process ended outside the kubelet's plan (the shell kubectl run -it / attach
 *  was attached to exited): it terminates with that code now, then restarts as the pod's
 *  restartPolicy says. Must be followed by a reconcile. */
export function containerProcessEnded(api: Api, ns: string, name: string, container: string, code: number): void {
  const pod = api.get('Pod', ns, name);
  const st = (pod?.status?.containerStatuses ?? []).find((x: any) => x.name === container);
  if (!pod || pod.metadata.deletionTimestamp || !st?.state?.running) return;
  const rt = (api.store.runtime(pod.metadata.uid!) ?? {}) as PodRuntime;
  const at = api.nowMs();
  (rt.plan ??= {})[container] = { at, action: 'exit', code };
  api.store.setRuntime(pod.metadata.uid!, rt);
  api.store.setTimer('Pod', ns, name, at);
}

function exitContainer(r: Round, pod: KObject, c: any, rt: PodRuntime, now: number, code: number): void {
  const st = statusOf(pod, c.name);
  const started = st.state?.running?.startedAt ?? timestamp(now);
  st.state = { terminated: { containerID: st.containerID, exitCode: code, finishedAt: timestamp(now), reason: code === 0 ? 'Completed' : 'Error', startedAt: started } };
  const init = initSpec(pod, c.name);
  // A regular init container that exited 0 is ready (the prober manager's rule for them).
  st.ready = !!init && !isSidecar(init) && code === 0;
  st.started = false;
  const plan = (rt.plan ??= {});
  const policy = pod.spec?.restartPolicy ?? 'Always';
  const restarts = init
    ? isSidecar(init) || (code !== 0 && policy !== 'Never')
    : policy === 'Always' || (policy === 'OnFailure' && code !== 0);
  if (restarts) {
    // The first restart is immediate; later ones wait (CrashLoopBackOff).
    plan[c.name] = (st.restartCount ?? 0) === 0 ? { at: now + 1000, action: 'restart' } : { at: now + 1000, action: 'backoff' };
  } else delete plan[c.name];
}

/** Kubelet's container back-off: 10s doubling up to 5m. */
export function crashBackoffMs(restarts: number): number {
  return restarts <= 0 ? 0 : Math.min(300000, 10000 * 2 ** (restarts - 1));
}

/** Go's time.Duration String() for whole seconds (10s, 1m20s, 5m0s). */
function goSeconds(ms: number): string {
  const s = Math.round(ms / 1000);
  const m = Math.floor(s / 60), h = Math.floor(m / 60);
  if (h) return `${h}h${m % 60}m${s % 60}s`;
  if (m) return `${m}m${s % 60}s`;
  return `${s}s`;
}

function pullFailed(r: Round, pod: KObject, c: any, rt: PodRuntime, message: string, pulls: number, t: number): void {
  const st = statusOf(pod, c.name);
  st.ready = false;
  st.started = false;
  st.image = c.image;
  st.imageID = st.imageID ?? '';
  st.state = { waiting: { message, reason: 'ErrImagePull' } };
  kubeletEvent(r, pod, 'Warning', 'Failed', `Failed to pull image "${c.image}": ${message}`, c.name, t);
  kubeletEvent(r, pod, 'Warning', 'Failed', 'Error: ErrImagePull', c.name, t);
  (rt.plan ??= {})[c.name] = { at: t + 1500, action: 'pullbackoff', pulls };
}

/** One timer of a running pod came due: whatever its containers planned. */
function step(r: Round, pod: KObject, node: KObject): void {
  const { api } = r;
  const rt = runtimeOf(r, pod);
  if (!rt) return;
  const now = api.nowMs();
  const before = JSON.stringify(pod.status);
  // Containers still being created whose start-up is due.
  const creating = (pod.status?.containerStatuses ?? []).some((s: any) => s.state?.waiting?.reason === 'ContainerCreating')
    || (!!pod.spec.initContainers?.length && (pod.status?.initContainerStatuses ?? []).every(notStartedYet) && (pod.status?.containerStatuses ?? []).every(notStartedYet));
  if (creating && (rt.runAt ?? 0) <= now + 1) {
    const t = Math.min(now, rt.runAt ?? now);
    const restarting = pod.status.phase === 'Running' || (pod.status.containerStatuses ?? []).some((s: any) => s.lastState?.terminated);
    if (restarting) {
      for (const c of pod.spec.containers ?? []) {
        const st = statusOf(pod, c.name);
        if (st.state?.waiting?.reason !== 'ContainerCreating') continue;
        pullAndStart(r, pod, c, rt, t);
      }
      refreshPod(r, pod, t);
    } else runContainers(r, pod, rt, t);
  }
  replay(r, pod, rt);
  scheduleNext(r, pod, rt);
  void node;
  saveRuntime(r, pod, rt);
  if (JSON.stringify(pod.status) !== before) api.update(pod, { status: true, trusted: true });
}

/** Everything the containers planned up to now, each at its own time (a catch-up after a
 *  while replays several steps: restarts count up as they would have). */
function replay(r: Round, pod: KObject, rt: PodRuntime): void {
  const now = r.api.nowMs();
  for (let guard = 0; guard < 200; guard++) {
    let next: { c: any; p: Plan } | undefined;
    for (const c of allContainers(pod)) {
      const p = rt.plan?.[c.name];
      if (p && p.at <= now + 1 && (!next || p.at < next.p.at)) next = { c, p };
    }
    if (!next) return;
    const t = Math.min(next.p.at, now);
    doPlan(r, pod, rt, next.c, next.p, t);
    progress(r, pod, rt, t);
    refreshPod(r, pod, t, rt);
  }
}

function doPlan(r: Round, pod: KObject, rt: PodRuntime, c: any, p: Plan, t: number): void {
  const st = statusOf(pod, c.name);
  switch (p.action) {
    case 'exit': {
      exitContainer(r, pod, c, rt, t, p.code ?? containerLifetime(pod, c)?.code ?? 0);
      break;
    }
    case 'restart':
      startContainer(r, pod, c, rt, t, true);
      break;
    case 'backoff': {
      const wait = crashBackoffMs(st.restartCount ?? 0);
      // While it waits, the run that just ended is the last state (restart times and back-off count from it).
      if (st.state?.terminated) st.lastState = { terminated: st.state.terminated };
      st.state = { waiting: { message: `back-off ${goSeconds(wait)} restarting failed container=${c.name} pod=${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`, reason: 'CrashLoopBackOff' } };
      kubeletEvent(r, pod, 'Warning', 'BackOff', `Back-off restarting failed container ${c.name} in pod ${pod.metadata.name}_${pod.metadata.namespace}(${pod.metadata.uid})`, c.name, t);
      const last = Date.parse(st.lastState?.terminated?.finishedAt ?? '') || t;
      rt.plan![c.name] = { at: Math.max(t + 200, last + wait), action: 'restart' };
      break;
    }
    case 'pullbackoff': {
      st.state = { waiting: { message: `Back-off pulling image "${c.image}"`, reason: 'ImagePullBackOff' } };
      kubeletEvent(r, pod, 'Normal', 'BackOff', `Back-off pulling image "${c.image}"`, c.name, t);
      kubeletEvent(r, pod, 'Warning', 'Failed', 'Error: ImagePullBackOff', c.name, t);
      rt.plan![c.name] = { at: t + crashBackoffMs(p.pulls ?? 1), action: 'pull', pulls: p.pulls };
      break;
    }
    case 'pull': {
      const err = imagePullError(c.image);
      if (err) pullFailed(r, pod, c, rt, err, (p.pulls ?? 1) + 1, t);
      else startContainer(r, pod, c, rt, t, false);
      break;
    }
  }
}

function scheduleNext(r: Round, pod: KObject, rt: PodRuntime): void {
  const ats = Object.values(rt.plan ?? {}).map((p) => p.at);
  if (ats.length) r.api.store.setTimer('Pod', pod.metadata.namespace!, pod.metadata.name, Math.min(...ats));
}

/** Phase and the Initialized/Ready/ContainersReady conditions from the containers (at time
 *  now), as the kubelet's getPhase and status/generate.go derive them. */
function refreshPod(r: Round, pod: KObject, now: number, rt?: PodRuntime): void {
  const sts: any[] = pod.status.containerStatuses ?? [];
  const all: any[] = (pod.spec.containers ?? []).map((c: any) => sts.find((s) => s.name === c.name));
  const running = all.filter((s) => s?.state?.running);
  const terminated = all.filter((s) => s?.state?.terminated);
  const waiting = all.filter((s) => s?.state?.waiting);
  const policy = pod.spec?.restartPolicy ?? 'Always';
  const willRestart = (s: any) => policy === 'Always' || (policy === 'OnFailure' && s.state.terminated.exitCode !== 0);
  const inits: any[] = pod.spec.initContainers ?? [];
  const initSts: any[] = pod.status.initContainerStatuses ?? [];
  const initOf = (name: string) => initSts.find((s) => s.name === name);
  let phase = pod.status.phase;
  if (inits.length && initFailedForGood(pod)) phase = 'Failed';
  else if (terminated.length === all.length && all.length && !terminated.some(willRestart)) {
    phase = terminated.every((s) => s.state.terminated.exitCode === 0) ? 'Succeeded' : 'Failed';
  } else if (running.length + terminated.length === all.length || (running.length && phase === 'Running')) phase = 'Running';
  else if (phase !== 'Running') phase = waiting.length ? 'Pending' : phase;
  pod.status.phase = phase;
  if ((phase === 'Succeeded' || phase === 'Failed') && sidecars(pod).length) stopSidecars(pod, rt, now);
  if (inits.length) {
    const started = all.some((s) => s?.state?.running || s?.state?.terminated);
    const incomplete = inits.filter((c) => { const s = initOf(c.name); return !s || !(isSidecar(c) ? s.started : s.ready); }).map((c) => c.name);
    if (phase === 'Succeeded') setCondition(pod, cond('Initialized', 'True', now, { reason: 'PodCompleted' }));
    else if (started || !incomplete.length) setCondition(pod, cond('Initialized', 'True', now));
    else setCondition(pod, cond('Initialized', 'False', now, { reason: 'ContainersNotInitialized', message: `containers with incomplete status: [${incomplete.join(' ')}]` }));
  }
  const side = sidecars(pod).map((c: any) => initOf(c.name));
  const ready = all.length > 0 && all.every((s) => s?.ready && s?.state?.running) && side.every((s) => s?.ready);
  if (phase === 'Succeeded' || phase === 'Failed') {
    const why = phase === 'Succeeded' ? { reason: 'PodCompleted' } : { reason: 'PodFailed' };
    setCondition(pod, cond('PodReadyToStartContainers', 'False', now));
    setCondition(pod, cond('Ready', 'False', now, why));
    setCondition(pod, cond('ContainersReady', 'False', now, phase === 'Succeeded' ? why : { reason: 'ContainersNotReady', message: `containers with unready status: [${names(pod)}]` }));
  } else if (ready) {
    setCondition(pod, cond('Ready', 'True', now));
    setCondition(pod, cond('ContainersReady', 'True', now));
  } else {
    const unready = [
      ...sidecars(pod).filter((c: any, i: number) => !side[i]?.ready),
      ...(pod.spec.containers ?? []).filter((c: any, i: number) => !(all[i]?.ready && all[i]?.state?.running)),
    ].map((c: any) => c.name).join(' ');
    const why = { reason: 'ContainersNotReady', message: `containers with unready status: [${unready}]` };
    setCondition(pod, cond('Ready', 'False', now, why));
    setCondition(pod, cond('ContainersReady', 'False', now, why));
  }
  // Conditions in the order the kubelet writes them.
  const order = ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled', 'DisruptionTarget'];
  pod.status.conditions.sort((a: any, b: any) => order.indexOf(a.type) - order.indexOf(b.type));
}

/** The node came back (kubesim node start): its containers were gone with it. The sandbox is
 *  re-created and the containers start again, one restart more. */
function restartSandbox(r: Round, pod: KObject, node: KObject): void {
  const { api } = r;
  const now = api.nowMs();
  if (pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed') return;
  const stoppedAt = nodeRuntimeStoppedAt(api, node.metadata.name) ?? now;
  // Bound and started since the node came back (same round): nothing of it was lost.
  const admitted = runtimeOf(r, pod);
  if (admitted && admitted.startedAt > stoppedAt) return;
  const rt = admitted ?? admitRuntime(r, pod, 0);
  rt.runAt = now + r.settings.podStartupMs();
  rt.plan = {};
  for (const c of pod.spec.containers ?? []) {
    const st = statusOf(pod, c.name);
    const prev = st.state?.running ?? st.state?.terminated;
    if (prev) {
      st.lastState = { terminated: { containerID: st.containerID, exitCode: 255, finishedAt: timestamp(stoppedAt), reason: 'Unknown', startedAt: prev.startedAt ?? timestamp(stoppedAt) } };
      st.restartCount = (st.restartCount ?? 0) + 1;
    }
    st.ready = false;
    st.started = false;
    st.state = { waiting: { reason: 'ContainerCreating' } };
  }
  refreshPod(r, pod, now);
  kubeletEvent(r, pod, 'Normal', 'SandboxChanged', 'Pod sandbox changed, it will be killed and re-created.');
  if (rt.runAt <= now) { for (const c of pod.spec.containers ?? []) pullAndStart(r, pod, c, rt, now); refreshPod(r, pod, now); }
  else api.store.setTimer('Pod', pod.metadata.namespace!, pod.metadata.name, rt.runAt);
  scheduleNext(r, pod, rt);
  saveRuntime(r, pod, rt);
  api.update(pod, { status: true });
}

function nodeRuntimeStoppedAt(api: Round['api'], node: string): number | undefined {
  return api.store.runtime(`node:${node}`)?.stoppedAt;
}

// ---- graceful deletion -----------------------------------------------------------------------

/** A deleted pod: Terminating for (a shortened) grace period, then its containers stop (a
 *  write of its own, so that watchers see it), then it is removed. The steps are planned from
 *  the deletion, so a late catch-up does them all at once. */
function terminate(r: Round, pod: KObject, due: boolean): void {
  const { api } = r;
  const now = api.nowMs();
  const ms = r.settings.podTerminationMs(pod.metadata.deletionGracePeriodSeconds ?? 30);
  const phase = pod.status?.phase;
  const started = !!pod.status?.hostIP;
  if (!started || ms <= 0 || ((phase === 'Succeeded' || phase === 'Failed') && !due)) { api.remove(pod); return; }
  const rt = runtimeOf(r, pod) ?? { svcSet: '', startedAt: now };
  const plan = rt;
  if (!due || plan.removeAt === undefined) {
    plan.stopAt = now + Math.max(1, Math.round(ms * 0.8));
    plan.removeAt = now + ms;
    plan.plan = {};
    saveRuntime(r, pod, rt);
    api.store.setTimer('Pod', pod.metadata.namespace!, pod.metadata.name, plan.stopAt);
    return;
  }
  const sts: any[] = pod.status?.containerStatuses ?? [];
  const live = sts.some((s) => s.state?.running || s.state?.waiting);
  if (live && now + 1 >= plan.stopAt!) stopContainers(r, pod, Math.min(now, plan.stopAt!));
  if (now + 1 >= plan.removeAt) { api.remove(pod); return; }
  if (live) api.update(pod, { status: true });
  api.store.setTimer('Pod', pod.metadata.namespace!, pod.metadata.name, now + 1 < plan.stopAt! ? plan.stopAt! : plan.removeAt);
}

/** The containers stop: those that handle SIGTERM exit 0, the others are killed at the end of
 *  the grace period (137). The pod's phase becomes terminal. */
function stopContainers(r: Round, pod: KObject, t: number): void {
  // Init containers still running (sidecars, or one whose turn it was) are killed too.
  for (const c of pod.spec.initContainers ?? []) {
    const st = statusOf(pod, c.name);
    if (!st.state?.running) continue;
    const code = ignoresSigterm(pod, c) ? 137 : 0;
    st.state = { terminated: { containerID: st.containerID, exitCode: code, finishedAt: timestamp(t), reason: code === 0 ? 'Completed' : 'Error', startedAt: st.state.running.startedAt } };
    st.ready = false;
    st.started = false;
  }
  for (const c of pod.spec.containers ?? []) {
    const st = statusOf(pod, c.name);
    if (st.state?.running) {
      const code = ignoresSigterm(pod, c) ? 137 : 0;
      st.state = { terminated: { containerID: st.containerID, exitCode: code, finishedAt: timestamp(t), reason: code === 0 ? 'Completed' : 'Error', startedAt: st.state.running.startedAt } };
    } else if (st.state?.waiting) {
      st.state = { terminated: { exitCode: 137, finishedAt: timestamp(t), message: 'The container could not be located when the pod was terminated', reason: 'ContainerStatusUnknown', startedAt: null } };
    }
    st.ready = false;
    st.started = false;
  }
  const sts: any[] = pod.status.containerStatuses ?? [];
  pod.status.phase = sts.every((s) => s.state?.terminated?.exitCode === 0) ? 'Succeeded' : 'Failed';
  const why = pod.status.phase === 'Succeeded' ? { reason: 'PodCompleted' } : { reason: 'PodFailed' };
  setCondition(pod, cond('PodReadyToStartContainers', 'False', t));
  setCondition(pod, cond('Ready', 'False', t, why));
  setCondition(pod, cond('ContainersReady', 'False', t, pod.status.phase === 'Succeeded' ? why : { reason: 'ContainersNotReady', message: `containers with unready status: [${names(pod)}]` }));
}

// ---- events ----------------------------------------------------------------------------------

/** A kubelet event about a pod's container at time t; the same event again counts up (as the
 *  recorder's aggregation does), also across invocations. */
let eventSeq = 0;
function kubeletEvent(r: Round, pod: KObject, type: 'Normal' | 'Warning', reason: string, message: string, container?: string, t = r.api.nowMs()): void {
  const { api } = r;
  const ns = pod.metadata.namespace!;
  const key = `kev/${pod.metadata.uid}/${reason}/${message}`;
  let name = r.memo.get(key) as string | undefined;
  if (!name) {
    name = api.store.listJsonByNamePrefix('Event', ns, `${pod.metadata.name}.`).map((j) => JSON.parse(j) as KObject)
      .find((e) => e.involvedObject?.uid === pod.metadata.uid && e.reason === reason && e.message === message)?.metadata.name;
  }
  if (name) {
    const cur = api.get('Event', ns, name);
    if (cur) {
      cur.count = (cur.count ?? 1) + 1;
      cur.lastTimestamp = timestamp(t);
      api.update(cur);
      r.memo.set(key, name);
      return;
    }
  }
  name = `${pod.metadata.name}.${(BigInt(Math.floor(t)) * 1000000n + BigInt(eventSeq++ % 1000000)).toString(16).padStart(16, '0')}`;
  const host = pod.spec?.nodeName;
  api.create({
    apiVersion: 'v1', kind: 'Event',
    metadata: { name, namespace: ns },
    involvedObject: {
      apiVersion: 'v1', kind: 'Pod', name: pod.metadata.name, namespace: ns,
      ...(pod.metadata.resourceVersion ? { resourceVersion: pod.metadata.resourceVersion } : {}),
      uid: pod.metadata.uid, ...(container ? { fieldPath: `spec.${initSpec(pod, container) ? 'initContainers' : 'containers'}{${container}}` } : {}),
    },
    reason, message, source: { component: 'kubelet', host },
    firstTimestamp: timestamp(t), lastTimestamp: timestamp(t), count: 1, type,
    eventTime: null, reportingComponent: 'kubelet', reportingInstance: host ?? '',
  }, { owned: true });
  r.memo.set(key, name);
}

// ---- what the simulated containers do ----------------------------------------------------------

/** The repository name of an image, without registry, library/ and tag: `nginx`,
 *  `jpetazzo/httpenv`, `radial/busyboxplus`. */
export function imageRepo(image: string): string {
  let s = image.split('@')[0];
  const slash = s.lastIndexOf('/');
  const colon = s.lastIndexOf(':');
  if (colon > slash) s = s.slice(0, colon);
  const parts = s.split('/');
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) parts.shift();
  if (parts[0] === 'library') parts.shift();
  return parts.join('/');
}
function imageTag(image: string): string {
  if (image.includes('@')) return '';
  const last = image.split('/').pop()!;
  const i = last.indexOf(':');
  return i < 0 ? 'latest' : last.slice(i + 1);
}

// Images whose default command exits at once without a terminal (a shell, a REPL, a CLI).
const SHELL_IMAGES = new Set([
  'busybox', 'alpine', 'ubuntu', 'debian', 'centos', 'fedora', 'rockylinux', 'almalinux', 'amazonlinux', 'archlinux',
  'bash', 'python', 'node', 'ruby', 'golang', 'perl', 'php', 'openjdk', 'eclipse-temurin', 'nicolaka/netshoot',
  'radial/busyboxplus', 'curlimages/curl', 'bitnami/kubectl', 'alpine/curl', 'appropriate/curl', 'tutum/curl',
  'giantswarm/tiny-tools', 'jonlabelle/network-tools', 'infoblox/dnstools',
]);
const FOREVER = new Set(['tail', 'nc', 'httpd', 'nginx', 'top', 'watch', 'yes', 'ping', 'sh', 'bash', 'ash', 'zsh', 'dash', 'python', 'python3', 'node', 'cat']);

function parseSleep(arg: string | undefined): number | undefined {
  if (!arg) return 0;
  if (/^inf(inity)?$/.test(arg)) return undefined;
  const m = /^(\d+(?:\.\d+)?)([smhd]?)$/.exec(arg);
  if (!m) return 0;
  const mult = { '': 1000, s: 1000, m: 60000, h: 3600000, d: 86400000 }[m[2]]!;
  const ms = Number(m[1]) * mult;
  return ms > 7 * 86400000 ? undefined : ms;
}

/** How long a container runs before it exits by itself, and its exit code; undefined when it
 *  keeps running (a server, `sleep infinity`, an interactive shell). */
export function containerLifetime(pod: KObject, c: any): { ms: number; code: number } | undefined {
  if (c.stdin || c.tty) return undefined;
  const repo = imageRepo(c.image ?? '');
  const argv: string[] = [...(c.command ?? []), ...(c.args ?? [])];
  const shellImage = SHELL_IMAGES.has(repo);
  if (!argv.length) {
    if (!shellImage) return undefined;
    return { ms: 0, code: repo === 'curlimages/curl' || repo === 'alpine/curl' ? 2 : 0 };
  }
  // An explicit command in a server image runs that server (nginx -g 'daemon off;', ...),
  // unless it is plainly a one-shot command.
  const prog = (argv[0].split('/').pop() ?? '');
  if (!shellImage && !['echo', 'printenv', 'env', 'true', 'false', 'date', 'sleep', 'sh', 'bash', 'ls', 'cat', 'nslookup', 'wget', 'curl'].includes(prog)) return undefined;
  return commandLifetime(argv);
}

function commandLifetime(argv: string[]): { ms: number; code: number } | undefined {
  const prog = argv[0].split('/').pop() ?? '';
  if (['sh', 'bash', 'ash', 'zsh', 'dash'].includes(prog)) {
    const i = argv.indexOf('-c');
    if (i < 0) return argv.length > 1 ? { ms: 0, code: 127 } : undefined;
    return scriptLifetime(argv[i + 1] ?? '');
  }
  if (prog === 'sleep') { const ms = parseSleep(argv[1]); return ms === undefined ? undefined : { ms, code: 0 }; }
  if (prog === 'false') return { ms: 0, code: 1 };
  if (prog === 'tail') return argv.includes('-f') || argv.includes('-F') ? undefined : { ms: 0, code: 0 };
  if (prog === 'ping') return argv.includes('-c') ? { ms: 1000 * Number(argv[argv.indexOf('-c') + 1] || 1), code: 0 } : undefined;
  if (prog === 'cat') return argv.length > 1 ? { ms: 0, code: 0 } : { ms: 0, code: 0 };
  if (prog === 'nc') return argv.some((a) => /^-\w*l/.test(a)) ? undefined : { ms: 0, code: 1 };
  if (FOREVER.has(prog)) return undefined;
  return { ms: 0, code: 0 };
}

function scriptLifetime(script: string): { ms: number; code: number } | undefined {
  if (/\bwhile\b|\buntil\b|\btail\s+-[fF]\b|\bsleep\s+inf|\bnc\s+-\w*l|\bhttpd\b|\bnginx\b|\bfor\s*\(\(|\bsleep\s+\d{7,}/.test(script)) return undefined;
  let ms = 0;
  for (const m of script.matchAll(/\bsleep\s+(\S+)/g)) {
    const v = parseSleep(m[1].replace(/[;&|)]+$/, ''));
    if (v === undefined) return undefined;
    ms += v;
  }
  const exit = /\bexit\s+(\d+)\s*;?\s*$/.exec(script.trim());
  const code = exit ? Number(exit[1]) : /(^|[;&|]\s*)false\s*;?\s*$/.test(script.trim()) ? 1 : 0;
  return { ms, code };
}

/** Whether the container's main process ignores SIGTERM (a shell or `sleep` as PID 1), so that
 *  deleting the pod kills it with SIGKILL at the end of the grace period. */
function ignoresSigterm(pod: KObject, c: any): boolean {
  const repo = imageRepo(c.image ?? '');
  if (!SHELL_IMAGES.has(repo)) return false;
  const argv: string[] = [...(c.command ?? []), ...(c.args ?? [])];
  const prog = argv.length ? (argv[0].split('/').pop() ?? '') : 'sh';
  void pod;
  return ['sh', 'bash', 'ash', 'zsh', 'dash', 'sleep', 'tail'].includes(prog);
}

// Well-known images and the version ranges that exist: a tag outside them is not found.
const KNOWN_VERSIONS: Record<string, Record<number, number>> = {
  nginx: { 1: 29 },
  httpd: { 2: 4 },
  busybox: { 1: 37 },
  alpine: { 3: 22 },
  redis: { 2: 8, 3: 2, 4: 0, 5: 0, 6: 2, 7: 4, 8: 2 },
  ubuntu: { 14: 10, 16: 10, 18: 10, 20: 10, 22: 10, 23: 10, 24: 10, 25: 10 },
  debian: { 7: 11, 8: 11, 9: 13, 10: 13, 11: 11, 12: 11, 13: 1 },
  postgres: { 9: 6, 10: 23, 11: 22, 12: 22, 13: 21, 14: 18, 15: 13, 16: 9, 17: 5, 18: 0 },
  mysql: { 5: 7, 8: 4, 9: 3 },
  traefik: { 1: 7, 2: 11, 3: 4 },
};
const WELL_KNOWN = ['nginx', 'httpd', 'busybox', 'alpine', 'redis', 'ubuntu', 'debian', 'postgres', 'mysql', 'mongo', 'traefik', 'python', 'golang', 'memcached', 'rabbitmq', 'wordpress', 'mariadb', 'centos', 'fedora', 'node', 'ruby', 'haproxy', 'caddy', 'consul', 'vault', 'registry', 'jenkins'];

function editDistance(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) d[0][j] = j;
  for (let i = 1; i <= a.length; i++) for (let j = 1; j <= b.length; j++) {
    d[i][j] = Math.min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d[i][j] = Math.min(d[i][j], d[i - 2][j - 2] + 1);
  }
  return d[a.length][b.length];
}

/** Why pulling this image fails (containerd's message as the kubelet reports it), or
 *  undefined when it can be pulled. Decided from the reference alone, as a person would guess:
 *  obviously made-up names and tags, versions a well-known image never had (nginx:1.161), and
 *  near-misses of well-known names (ngnix). */
const pullErrors = new Map<string, string | undefined>();
export function imagePullError(image: string): string | undefined {
  if (!pullErrors.has(image)) pullErrors.set(image, computePullError(image));
  return pullErrors.get(image);
}
function computePullError(image: string): string | undefined {
  if (!image) return undefined;
  const q = qualify(image);
  const repo = imageRepo(image);
  const tag = imageTag(image);
  const notFound = `rpc error: code = NotFound desc = failed to pull and unpack image "${q}": failed to resolve reference "${q}": ${q}: not found`;
  const denied = `rpc error: code = Unknown desc = failed to pull and unpack image "${q}": failed to resolve reference "${q}": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed`;
  const bogus = /(does-?not-?exist|non-?existent|not-?exist|no-?such|invalid|bogus|\bfake|typo|broken|wrong-?tag|missing)/i;
  if (bogus.test(repo)) return denied;
  if (bogus.test(tag)) return notFound;
  const known = KNOWN_VERSIONS[repo];
  const m = /^v?(\d+)(?:\.(\d+))?(?:\.(\d+))?(?:-.*)?$/.exec(tag);
  if (known && m) {
    const major = Number(m[1]);
    if (!(major in known)) return notFound;
    if (m[2] !== undefined && Number(m[2]) > known[major]) return notFound;
  }
  if (!repo.includes('/') && !WELL_KNOWN.includes(repo) && repo.length >= 4) {
    if (WELL_KNOWN.some((w) => w.length >= 5 && editDistance(repo, w) <= (w.length >= 6 ? 2 : 1))) return denied;
  }
  return undefined;
}
