// Endpoints and EndpointSlice controllers: for every service with a selector, the ready pods
// that match it (addresses) and those that do not yet (notReadyAddresses), with named target
// ports resolved per pod. Services without a selector keep user-written Endpoints.
import type { KObject } from '../api/types';
import type { Round } from './context';
import { changesOf } from './context';
import { matchLabels, selectorFromMap } from '../api/selectors';
import { timestamp } from '../api/server';
import { isPodReady } from './podutil';
import { randomSuffix } from '../api/names';

export function endpointsController(r: Round): void {
  const { api } = r;
  // Services that changed are recomputed from their pods; services whose pods changed are
  // patched with just those pods, so the work follows the change, not the service's size.
  const full = new Map<string, { ns: string; name: string }>();
  for (const c of changesOf(r, 'Service')) {
    if (c.type !== 'DELETED') full.set(`${c.obj.metadata.namespace}/${c.obj.metadata.name}`, { ns: c.obj.metadata.namespace!, name: c.obj.metadata.name });
    // syncService of a service that is gone deletes its Endpoints (the slices go with their
    // owner, through the garbage collector)
    else if (!api.get('Service', c.obj.metadata.namespace, c.obj.metadata.name) && api.get('Endpoints', c.obj.metadata.namespace, c.obj.metadata.name)) {
      api.delete('Endpoints', c.obj.metadata.namespace, c.obj.metadata.name);
    }
  }
  // The latest state of each changed pod (undefined when deleted), grouped by namespace.
  const podsByNs = new Map<string, Map<string, { now?: KObject; seen: KObject[] }>>();
  for (const c of changesOf(r, 'Pod')) {
    const ns = c.obj.metadata.namespace!;
    if (!podsByNs.has(ns)) podsByNs.set(ns, new Map());
    const m = podsByNs.get(ns)!;
    const e = m.get(c.obj.metadata.uid!) ?? { seen: [] };
    e.now = c.type === 'DELETED' ? undefined : c.obj;
    e.seen.push(c.obj);
    if (c.old) e.seen.push(c.old);
    m.set(c.obj.metadata.uid!, e);
  }
  const incremental = new Map<string, { svc: KObject; pods: { uid: string; now?: KObject }[] }>();
  for (const [ns, pods] of podsByNs) {
    for (const svc of api.list('Service', ns)) {
      const sel = svc.spec?.selector;
      if (!sel || !Object.keys(sel).length) continue;
      const k = `${ns}/${svc.metadata.name}`;
      if (full.has(k)) continue;
      const s = selectorFromMap(sel);
      const hit = [...pods.entries()].filter(([, e]) => e.seen.some((p) => matchLabels(s, p.metadata.labels)));
      if (hit.length) incremental.set(k, { svc, pods: hit.map(([uid, e]) => ({ uid, now: e.now })) });
    }
  }
  const podCache = new Map<string, KObject[]>();
  for (const { ns, name } of full.values()) {
    const svc = api.get('Service', ns, name);
    if (!svc) continue;
    if (!podCache.has(ns)) podCache.set(ns, api.list('Pod', ns, { forTable: true }));
    syncEndpoints(r, svc, podCache.get(ns)!);
  }
  for (const { svc, pods } of incremental.values()) {
    if (!patchEndpoints(r, svc, pods)) {
      const ns = svc.metadata.namespace!;
      if (!podCache.has(ns)) podCache.set(ns, api.list('Pod', ns, { forTable: true }));
      syncEndpoints(r, svc, podCache.get(ns)!);
    }
  }
}

/** Apply the changed pods to the service's Endpoints and EndpointSlice. False when there is
 *  nothing to patch yet (the full computation is needed). */
function patchEndpoints(r: Round, svc: KObject, pods: { uid: string; now?: KObject }[]): boolean {
  const { api } = r;
  if (!svc.spec?.selector || svc.spec?.type === 'ExternalName') return true;
  const ep = api.get('Endpoints', svc.metadata.namespace, svc.metadata.name);
  const slices = api.listOwnedBy(svc, 'EndpointSlice');
  const slice = slices[0];
  if (!ep || !slice) return false;
  // truncated Endpoints or several slices: the full computation packs them
  if (slices.length > 1 || ep.metadata.annotations?.[OVER_CAPACITY] || (slice.endpoints?.length ?? 0) + pods.length > MAX_ENDPOINTS_PER_SLICE) return false;
  const sel = selectorFromMap(svc.spec.selector);
  const publishNotReady = !!svc.spec.publishNotReadyAddresses;
  const uids = new Set(pods.map((p) => p.uid));
  const subsets: any[] = (ep.subsets ?? []).map((ss: any) => ({
    addresses: (ss.addresses ?? []).filter((a: any) => !uids.has(a.targetRef?.uid)),
    notReadyAddresses: (ss.notReadyAddresses ?? []).filter((a: any) => !uids.has(a.targetRef?.uid)),
    ports: ss.ports,
  }));
  let sliceEps: any[] = (slice.endpoints ?? []).filter((e: any) => !uids.has(e.targetRef?.uid));
  for (const { now: pod } of pods) {
    if (!pod || !matchLabels(sel, pod.metadata.labels) || !pod.status?.podIP) continue;
    const terminating = !!pod.metadata.deletionTimestamp;
    if (terminating && !publishNotReady) { sliceEps.push(sliceEndpoint(pod, false, true)); continue; }
    const ports = (svc.spec.ports ?? []).map((p: any) => {
      const port = resolveTargetPort(p, pod);
      return port === undefined ? undefined : { ...(p.name ? { name: p.name } : {}), port, protocol: p.protocol ?? 'TCP', ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) };
    }).filter((x: any) => x);
    const pk = JSON.stringify(ports);
    let ss = subsets.find((x) => JSON.stringify(x.ports) === pk);
    if (!ss) subsets.push((ss = { addresses: [], notReadyAddresses: [], ports }));
    const addr: Addr = { ip: pod.status.podIP, ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}), targetRef: { kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid } };
    if (svc.spec.clusterIP === 'None' && pod.spec?.hostname && pod.spec?.subdomain === svc.metadata.name) addr.hostname = pod.spec.hostname;
    const ready = isPodReady(pod) || publishNotReady;
    (ready ? ss.addresses : ss.notReadyAddresses).push(orderAddr(addr));
    sliceEps.push(sliceEndpoint(pod, ready, terminating));
  }
  // a placeholder slice (no ports) getting its first endpoints: the full computation has the ports
  if (sliceEps.length && !slice.ports?.length) return false;
  const byIp = (a: any, b: any) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);
  const out = subsets.filter((ss) => ss.addresses.length || ss.notReadyAddresses.length).map((ss) => {
    const o: any = {};
    if (ss.addresses.length) o.addresses = ss.addresses.sort(byIp);
    if (ss.notReadyAddresses.length) o.notReadyAddresses = ss.notReadyAddresses.sort(byIp);
    o.ports = ss.ports;
    return o;
  });
  ep.subsets = out.length ? out : undefined;
  if (!ep.subsets) delete ep.subsets;
  ep.metadata.annotations = { ...(ep.metadata.annotations ?? {}), 'endpoints.kubernetes.io/last-change-trigger-time': timestamp(api.nowMs()) };
  api.update(ep);
  sliceEps = sliceEps.sort((a, b) => (a.addresses[0] < b.addresses[0] ? -1 : a.addresses[0] > b.addresses[0] ? 1 : 0));
  slice.endpoints = sliceEps.length ? sliceEps : null;
  if (!sliceEps.length) slice.ports = null;
  slice.metadata.annotations = { ...(slice.metadata.annotations ?? {}), 'endpoints.kubernetes.io/last-change-trigger-time': timestamp(api.nowMs()) };
  api.update(slice);
  return true;
}

interface Addr { ip: string; nodeName?: string; targetRef: any; hostname?: string }

function syncEndpoints(r: Round, svc: KObject, nsPods: KObject[]): void {
  const { api } = r;
  const sel = svc.spec?.selector;
  if (!sel || !Object.keys(sel).length || svc.spec?.type === 'ExternalName') return;
  const s = selectorFromMap(sel);
  const publishNotReady = !!svc.spec.publishNotReadyAddresses;
  // subsets keyed by the resolved port list
  const subsets = new Map<string, { ports: any[]; addresses: Addr[]; notReadyAddresses: Addr[] }>();
  const slicesEps: any[] = [];
  let slicePorts: any[] | undefined;
  for (const pod of nsPods) {
    if (!matchLabels(s, pod.metadata.labels)) continue;
    if (!pod.status?.podIP) continue;
    const terminating = !!pod.metadata.deletionTimestamp;
    if (terminating && !publishNotReady) {
      slicesEps.push(sliceEndpoint(pod, false, terminating));
      continue;
    }
    const ports = (svc.spec.ports ?? []).map((p: any) => {
      const port = resolveTargetPort(p, pod);
      return port === undefined ? undefined : { ...(p.name ? { name: p.name } : {}), port, protocol: p.protocol ?? 'TCP', ...(p.appProtocol ? { appProtocol: p.appProtocol } : {}) };
    }).filter((x: any) => x);
    const k = JSON.stringify(ports);
    if (!subsets.has(k)) subsets.set(k, { ports, addresses: [], notReadyAddresses: [] });
    const addr: Addr = { ip: pod.status.podIP, ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}), targetRef: { kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid } };
    if (svc.spec.clusterIP === 'None' && pod.spec?.hostname && pod.spec?.subdomain === svc.metadata.name) addr.hostname = pod.spec.hostname;
    const ready = isPodReady(pod) || publishNotReady;
    (ready ? subsets.get(k)!.addresses : subsets.get(k)!.notReadyAddresses).push(addr);
    slicesEps.push(sliceEndpoint(pod, ready, terminating));
    slicePorts ??= ports;
  }
  const byIp = (a: Addr, b: Addr) => (a.ip < b.ip ? -1 : a.ip > b.ip ? 1 : 0);
  const out = [...subsets.values()].map((ss) => {
    const o: any = {};
    if (ss.addresses.length) o.addresses = ss.addresses.sort(byIp).map(orderAddr);
    if (ss.notReadyAddresses.length) o.notReadyAddresses = ss.notReadyAddresses.sort(byIp).map(orderAddr);
    o.ports = ss.ports;
    return o;
  });
  const truncated = truncateEndpoints(out);
  const existing = api.get('Endpoints', svc.metadata.namespace, svc.metadata.name);
  const labels = { ...(svc.metadata.labels ?? {}) };
  const ep: KObject = {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: svc.metadata.name,
      namespace: svc.metadata.namespace,
      ...(Object.keys(labels).length ? { labels } : {}),
      annotations: { ...(truncated ? { [OVER_CAPACITY]: 'truncated' } : {}), 'endpoints.kubernetes.io/last-change-trigger-time': timestamp(api.nowMs()) },
    },
    ...(out.length ? { subsets: out } : {}),
  };
  if (!existing) api.create(ep);
  else if (JSON.stringify(existing.subsets ?? null) !== JSON.stringify(ep.subsets ?? null) || JSON.stringify(existing.metadata.labels ?? {}) !== JSON.stringify(labels) || !!existing.metadata.annotations?.[OVER_CAPACITY] !== truncated) {
    existing.subsets = ep.subsets;
    if (!ep.subsets) delete existing.subsets;
    existing.metadata.labels = ep.metadata.labels;
    if (!existing.metadata.labels) delete existing.metadata.labels;
    const annotations = { ...(existing.metadata.annotations ?? {}), ...ep.metadata.annotations };
    if (!truncated) delete annotations[OVER_CAPACITY];
    existing.metadata.annotations = annotations;
    api.update(existing);
  }
  syncSlice(r, svc, slicesEps.sort((a, b) => (a.addresses[0] < b.addresses[0] ? -1 : 1)), slicePorts ?? (svc.spec.ports ?? []).filter((p: any) => typeof p.targetPort === 'number').map((p: any) => ({ ...(p.name ? { name: p.name } : {}), port: p.targetPort, protocol: p.protocol ?? 'TCP' })));
}

/** The endpoints controller keeps at most this many addresses (maxCapacity) and says so. */
const MAX_ENDPOINTS = 1000;
const OVER_CAPACITY = 'endpoints.kubernetes.io/over-capacity';
/** The EndpointSlice controller's --max-endpoints-per-slice default. */
const MAX_ENDPOINTS_PER_SLICE = 100;

/** truncateEndpoints (endpoints_controller.go): over maxCapacity, not-ready addresses go first,
 *  then ready ones, each subset keeping its proportion (the last one what remains). */
function truncateEndpoints(subsets: any[]): boolean {
  let totalReady = 0, totalNotReady = 0;
  for (const ss of subsets) { totalReady += ss.addresses?.length ?? 0; totalNotReady += ss.notReadyAddresses?.length ?? 0; }
  if (totalReady + totalNotReady <= MAX_ENDPOINTS) return false;
  const truncateReady = totalReady > MAX_ENDPOINTS;
  const max = truncateReady ? MAX_ENDPOINTS : MAX_ENDPOINTS - totalReady;
  const numTotal = truncateReady ? totalReady : totalNotReady;
  let canBeAdded = max;
  subsets.forEach((ss, i) => {
    const numInSubset = (truncateReady ? ss.addresses?.length : ss.notReadyAddresses?.length) ?? 0;
    let toBeAdded = canBeAdded;
    if (i < subsets.length - 1) toBeAdded = Math.ceil((numInSubset / numTotal) * max);
    if (toBeAdded > canBeAdded) toBeAdded = canBeAdded;
    if (truncateReady) {
      if (ss.addresses) ss.addresses = ss.addresses.slice(0, toBeAdded);
      delete ss.notReadyAddresses;
      canBeAdded -= ss.addresses?.length ?? 0;
    } else {
      if (ss.notReadyAddresses) ss.notReadyAddresses = ss.notReadyAddresses.slice(0, toBeAdded);
      canBeAdded -= ss.notReadyAddresses?.length ?? 0;
    }
    if (ss.addresses && !ss.addresses.length) delete ss.addresses;
    if (ss.notReadyAddresses && !ss.notReadyAddresses.length) delete ss.notReadyAddresses;
  });
  return true;
}

const orderAddr = (a: Addr) => ({ ...(a.hostname ? { hostname: a.hostname } : {}), ip: a.ip, ...(a.nodeName ? { nodeName: a.nodeName } : {}), targetRef: a.targetRef });

function sliceEndpoint(pod: KObject, ready: boolean, terminating: boolean): any {
  return {
    addresses: [pod.status.podIP],
    conditions: { ready: ready && !terminating, serving: isPodReady(pod), terminating },
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    targetRef: { kind: 'Pod', name: pod.metadata.name, namespace: pod.metadata.namespace, uid: pod.metadata.uid },
  };
}

export function resolveTargetPort(p: any, pod: KObject): number | undefined {
  const tp = p.targetPort ?? p.port;
  if (typeof tp === 'number') return tp;
  if (/^\d+$/.test(String(tp))) return Number(tp);
  for (const c of pod.spec?.containers ?? []) {
    for (const cp of c.ports ?? []) if (cp.name === tp && (cp.protocol ?? 'TCP') === (p.protocol ?? 'TCP')) return cp.containerPort;
  }
  return undefined;
}

function syncSlice(r: Round, svc: KObject, endpoints: any[], ports: any[]): void {
  const { api } = r;
  const ns = svc.metadata.namespace!;
  const mine = api.listOwnedBy(svc, 'EndpointSlice');
  // no endpoints: the controller's placeholder slice, which has no ports either
  const slicePorts = endpoints.length ? ports.map((p) => ({ name: p.name ?? '', port: p.port, protocol: p.protocol })) : null;
  if (endpoints.length > MAX_ENDPOINTS_PER_SLICE || mine.length > 1) { syncSlices(r, svc, mine, endpoints, slicePorts); return; }
  const body = { addressType: 'IPv4', endpoints, ports: slicePorts };
  if (!mine.length) {
    api.create({
      apiVersion: 'discovery.k8s.io/v1',
      kind: 'EndpointSlice',
      metadata: {
        name: `${svc.metadata.name}-${randomSuffix()}`,
        generateName: `${svc.metadata.name}-`,
        namespace: ns,
        labels: { ...(svc.metadata.labels ?? {}), 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': svc.metadata.name },
        annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': timestamp(api.nowMs()) },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true }],
      },
      ...body,
      endpoints: endpoints.length ? endpoints : null,
    } as any);
    return;
  }
  const sl = mine[0];
  const nextEndpoints = endpoints.length ? endpoints : null;
  if (JSON.stringify(sl.endpoints ?? null) !== JSON.stringify(nextEndpoints) || JSON.stringify(sl.ports) !== JSON.stringify(slicePorts)) {
    sl.endpoints = nextEndpoints;
    sl.ports = slicePorts;
    sl.metadata.annotations = { ...(sl.metadata.annotations ?? {}), 'endpoints.kubernetes.io/last-change-trigger-time': timestamp(api.nowMs()) };
    api.update(sl);
  }
}

/** More endpoints than one slice holds: slices of at most 100, the existing ones refilled in
 *  name order, new ones made as needed, the rest deleted. */
function syncSlices(r: Round, svc: KObject, mine: KObject[], endpoints: any[], ports: any[] | null): void {
  const { api } = r;
  const chunks: any[][] = [];
  for (let i = 0; i < endpoints.length; i += MAX_ENDPOINTS_PER_SLICE) chunks.push(endpoints.slice(i, i + MAX_ENDPOINTS_PER_SLICE));
  if (!chunks.length) chunks.push([]);
  const existing = [...mine].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
  const trigger = timestamp(api.nowMs());
  chunks.forEach((eps, i) => {
    const sl = existing[i];
    const nextEndpoints = eps.length ? eps : null;
    const nextPorts = eps.length ? ports : null;
    if (!sl) {
      api.create({
        apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice',
        metadata: {
          name: `${svc.metadata.name}-${randomSuffix()}`, generateName: `${svc.metadata.name}-`, namespace: svc.metadata.namespace,
          labels: { ...(svc.metadata.labels ?? {}), 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': svc.metadata.name },
          annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': trigger },
          ownerReferences: [{ apiVersion: 'v1', kind: 'Service', name: svc.metadata.name, uid: svc.metadata.uid!, controller: true, blockOwnerDeletion: true }],
        },
        addressType: 'IPv4', endpoints: nextEndpoints, ports: nextPorts,
      } as any);
      return;
    }
    if (JSON.stringify(sl.endpoints ?? null) !== JSON.stringify(nextEndpoints) || JSON.stringify(sl.ports ?? null) !== JSON.stringify(nextPorts)) {
      sl.endpoints = nextEndpoints;
      sl.ports = nextPorts;
      sl.metadata.annotations = { ...(sl.metadata.annotations ?? {}), 'endpoints.kubernetes.io/last-change-trigger-time': trigger };
      api.update(sl);
    }
  });
  for (const sl of existing.slice(chunks.length)) api.delete('EndpointSlice', sl.metadata.namespace, sl.metadata.name);
}
