// An in-memory DataPlaneHost over fixture objects: a kind-like cluster (3 nodes, CoreDNS, the
// kubernetes service) and builders for pods, services and endpoints, for the data plane tests.
import type { KObject } from '../src/api/types';
import type { DataPlaneHost, AffinityStore, ContainerState } from '../src/network/host';
import { serviceEnvVars, servicesForPodEnv } from '../src/network/env';
import { matchLabels, selectorFromMap } from '../src/api/selectors';

export interface FakeHost extends DataPlaneHost {
  objects: KObject[];
  logs: { pod: string; container: string; line: string }[];
  env: Map<string, Record<string, string>>;
  slept: number;
  add(...o: KObject[]): FakeHost;
  remove(kind: string, ns: string | undefined, name: string): void;
  /** record the service env of a pod as the kubelet does when it starts (services existing now) */
  start(pod: KObject): void;
  /** (re)compute an Endpoints object from the ready pods matching a service */
  syncEndpoints(ns: string, name: string): void;
  randoms: number[];
  /** containers' writable layers (packages installed, files written), by `uid/container` */
  states: Map<string, ContainerState>;
  /** install packages in a pod's first container, as `apk add` / `apt-get install` would */
  preinstall(pod: KObject, pkgs: string[]): void;
}

export const NOW = new Date('2026-11-21T19:20:32Z');

export function fakeHost(opts: { random?: number[] } = {}): FakeHost {
  const affinity = new Map<string, { endpoint: string; at: number }>();
  let ri = 0;
  const h: FakeHost = {
    objects: [],
    logs: [],
    env: new Map(),
    slept: 0,
    randoms: opts.random ?? [0.1, 0.7, 0.4, 0.9, 0.25, 0.55, 0.8, 0.05, 0.6, 0.35, 0.95, 0.15],
    get(kind, ns, name) {
      return h.objects.find((o) => o.kind === kind && (o.metadata.namespace ?? undefined) === (ns || undefined) && o.metadata.name === name);
    },
    list(kind, ns) {
      return h.objects.filter((o) => o.kind === kind && (ns === undefined || o.metadata.namespace === ns))
        .sort((a, b) => `${a.metadata.namespace ?? ''}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace ?? ''}/${b.metadata.name}`));
    },
    now: () => NOW,
    podEnv: (pod) => h.env.get(pod.metadata.uid!),
    appendLog: (pod, container, line) => { h.logs.push({ pod: pod.metadata.name, container, line }); },
    random: () => h.randoms[ri++ % h.randoms.length],
    affinity: { get: (k) => affinity.get(k), set: (k, v) => { affinity.set(k, v); } } as AffinityStore,
    sleep: async (ms) => { h.slept += ms; },
    states: new Map(),
    containerState: (pod, c) => h.states.get(`${pod.metadata.uid}/${c}`),
    saveContainerState: (pod, c, st) => { h.states.set(`${pod.metadata.uid}/${c}`, JSON.parse(JSON.stringify(st))); },
    preinstall(pod, pkgs) {
      h.states.set(`${pod.metadata.uid}/${pod.spec.containers[0].name}`, { restarts: 0, pkgs, aptLists: true, files: {}, removed: [] });
    },
    add(...o) { h.objects.push(...o); return h; },
    remove(kind, ns, name) { h.objects = h.objects.filter((o) => !(o.kind === kind && o.metadata.namespace === ns && o.metadata.name === name)); },
    start(pod) { h.env.set(pod.metadata.uid!, serviceEnvVars(servicesForPodEnv(pod, h))); },
    syncEndpoints(ns, name) {
      const svc = h.get('Service', ns, name)!;
      h.remove('Endpoints', ns, name);
      const sel = selectorFromMap(svc.spec.selector);
      const pods = h.list('Pod', ns).filter((p) => matchLabels(sel, p.metadata.labels) && p.status?.podIP);
      const ready = pods.filter((p) => p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True'));
      const notReady = pods.filter((p) => !ready.includes(p));
      const ports = (svc.spec.ports ?? []).map((sp: any) => {
        const tp = sp.targetPort ?? sp.port;
        let port = typeof tp === 'number' ? tp : undefined;
        if (port === undefined) for (const c of pods[0]?.spec.containers ?? []) for (const cp of c.ports ?? []) if (cp.name === tp) port = cp.containerPort;
        return { ...(sp.name ? { name: sp.name } : {}), port, protocol: sp.protocol ?? 'TCP' };
      });
      const addr = (p: KObject) => ({ ip: p.status!.podIP, nodeName: p.spec!.nodeName, targetRef: { kind: 'Pod', name: p.metadata.name, namespace: ns, uid: p.metadata.uid }, ...(p.spec?.hostname && p.spec?.subdomain === name ? { hostname: p.spec.hostname } : {}) });
      const subsets = pods.length ? [{ ...(ready.length ? { addresses: ready.map(addr) } : {}), ...(notReady.length ? { notReadyAddresses: notReady.map(addr) } : {}), ports }] : [];
      h.add({ apiVersion: 'v1', kind: 'Endpoints', metadata: { name, namespace: ns }, ...(subsets.length ? { subsets } : {}) });
    },
  };
  // the kind cluster
  const node = (name: string, ip: string, cidr: string, cp = false): KObject => ({
    apiVersion: 'v1', kind: 'Node',
    metadata: { name, labels: { 'kubernetes.io/hostname': name, ...(cp ? { 'node-role.kubernetes.io/control-plane': '' } : {}) } },
    spec: { podCIDR: cidr, podCIDRs: [cidr] },
    status: { addresses: [{ type: 'InternalIP', address: ip }, { type: 'Hostname', address: name }], allocatable: { cpu: '8', memory: '16Gi' } },
  });
  h.add(
    node('kind-control-plane', '172.18.0.2', '10.244.0.0/24', true),
    node('kind-worker', '172.18.0.3', '10.244.1.0/24'),
    node('kind-worker2', '172.18.0.4', '10.244.2.0/24'),
    ns('default'), ns('kube-system'), ns('nginx-apps'),
    svc('kubernetes', 'default', { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] }),
    { apiVersion: 'v1', kind: 'Endpoints', metadata: { name: 'kubernetes', namespace: 'default' }, subsets: [{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }] },
    svc('kube-dns', 'kube-system', { clusterIP: '10.96.0.10', selector: { 'k8s-app': 'kube-dns' }, ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }, { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 }, { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 }] }),
    pod('coredns-668d6bf9bc-4xk2p', 'registry.k8s.io/coredns/coredns:v1.11.3', '10.244.0.2', 'kind-control-plane', { 'k8s-app': 'kube-dns' }, 'kube-system'),
    pod('coredns-668d6bf9bc-9jzqw', 'registry.k8s.io/coredns/coredns:v1.11.3', '10.244.0.3', 'kind-control-plane', { 'k8s-app': 'kube-dns' }, 'kube-system'),
  );
  h.syncEndpoints('kube-system', 'kube-dns');
  return h;
}

export function ns(name: string, labels: Record<string, string> = {}): KObject {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } } };
}

export function svc(name: string, namespace: string, spec: any): KObject {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: { type: 'ClusterIP', sessionAffinity: 'None', ...spec } };
}

let uidN = 0;
export function pod(name: string, image: string, ip: string, nodeName: string, labels: Record<string, string> = {}, namespace = 'default', extra: { container?: any; spec?: any; ready?: boolean; phase?: string } = {}): KObject {
  const ready = extra.ready ?? true;
  const phase = extra.phase ?? 'Running';
  const container = { name: extra.container?.name ?? name.replace(/-[a-z0-9]+-[a-z0-9]{5}$/, ''), image, ...(extra.container ?? {}) };
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, namespace, uid: `00000000-0000-4000-8000-${String(++uidN).padStart(12, '0')}`, labels },
    spec: { containers: [container], nodeName, ...(extra.spec ?? {}) },
    status: {
      phase, podIP: ip, podIPs: [{ ip }], hostIP: '172.18.0.' + (nodeName === 'kind-worker' ? 3 : nodeName === 'kind-worker2' ? 4 : 2),
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [{ name: container.name, ready, state: phase === 'Running' ? { running: { startedAt: '2026-11-21T19:00:00Z' } } : { waiting: { reason: 'ContainerCreating' } } }],
    },
  };
}
