// The boundary between the simulated data plane and the rest of kubesim: what the data plane
// needs from the cluster (DataPlaneHost, implemented by the core over the API and the store,
// and by a fixture host in tests), and a per-invocation view with the lookups kube-proxy,
// CoreDNS and the CNI would do (pods by IP, services by IP, nodes, policies).
import type { ClusterReader, KObject } from '../api/types';
import type { SourceVersion } from './volumes';

/** What the data plane reads and writes. Everything else is derived from the objects. */
export interface DataPlaneHost extends ClusterReader {
  /** The service environment variables captured when the pod started (the result of
   *  env.ts serviceEnvVars over the services of its namespace plus default/kubernetes that
   *  existed then). undefined: not recorded (the pod has not started). */
  podEnv(pod: KObject): Record<string, string> | undefined;
  /** Append one line to a container's log (what `kubectl logs` prints): app access logs. */
  appendLog(pod: KObject, container: string, line: string): void;
  /** Uniform [0, 1): load-balancing choices, ephemeral ports, timings (tests pin it). */
  random(): number;
  /** ClientIP session affinity memory (kube-proxy's "recent" table); absent = no stickiness
   *  across invocations (within one invocation the data plane remembers by itself). */
  affinity?: AffinityStore;
  /** Wait (timeouts, sleep, ping intervals). Absent: a real timer. Tests pass a fake. */
  sleep?(ms: number): Promise<void>;
  /** kubectl on a node: kubesim's own verbs run in process on the same cluster, their output
   *  captured (node shells). Absent: kubectl cannot reach an API server. */
  kubectl?(argv: string[], stdin: string): Promise<{ stdout: string; stderr: string; code: number }>;
  /** What a ConfigMap/Secret held over time, oldest first (volumes.ts: mounted files lag behind
   *  updates, environments keep what was there at start). Absent or undefined: only the present. */
  sourceHistory?(kind: 'ConfigMap' | 'Secret', namespace: string, name: string): SourceVersion[] | undefined;
  /** The kubelet's delay in projecting ConfigMap/Secret updates into volumes (ms). */
  volumeSyncMs?: number;
  /** What happened inside a container that outlives one exec (installed packages, written
   *  files), for the container's life. Absent: kept for one exec only. */
  containerState?(pod: KObject, container: string): ContainerState | undefined;
  saveContainerState?(pod: KObject, container: string, state: ContainerState): void;
  /** Record one request the data plane carried, with its hops (src/network/trace.ts). */
  trace?(record: import('./trace').TraceRecord): void;
}

/** A container's writable layer, as far as the data plane tracks it. `restarts`: the container's
 *  restartCount when it was written (a restarted container starts from its image again). */
export interface ContainerState {
  restarts: number;
  /** packages installed with apk / apt-get, in order */
  pkgs: string[];
  /** apt-get update has run (the package lists exist) */
  aptLists?: boolean;
  /** files written over the image's, and the image's files removed */
  files: Record<string, string>;
  removed: string[];
  /** the next process id (execs and the processes they start get increasing ids) */
  nextPid?: number;
}

export interface AffinityStore {
  /** key: `<svc-ns>/<svc-name>:<port>/<client-ip>`; value: the chosen endpoint `ip:port` and when (ms). */
  get(key: string): { endpoint: string; at: number } | undefined;
  set(key: string, value: { endpoint: string; at: number }): void;
}

// ---- small helpers on objects ----------------------------------------------------------------

export const isPodReady = (p: KObject) => !!p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True');
export const isPodRunning = (p: KObject) => p.status?.phase === 'Running' && !p.metadata.deletionTimestamp;
/** A pod whose containers are up (it answers on its IP): running, even if not ready. */
export const podServes = (p: KObject) => p.status?.phase === 'Running';

export function nodeInternalIP(node: KObject | undefined): string | undefined {
  return (node?.status?.addresses ?? []).find((a: any) => a.type === 'InternalIP')?.address;
}

export function containerOf(pod: KObject, name?: string): any | undefined {
  const cs: any[] = pod.spec?.containers ?? [];
  return name ? cs.find((c) => c.name === name) : cs[0];
}

// ---- IPv4 ------------------------------------------------------------------------------------

export const isIPv4 = (s: string) => /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.test(s) && s.split('.').every((x) => Number(x) <= 255);
export const ipToInt = (ip: string) => ip.split('.').reduce((a, b) => a * 256 + Number(b), 0);
export const intToIp = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');

export function inCidr(ip: string, cidr: string): boolean {
  const [base, bitsS] = cidr.split('/');
  if (!isIPv4(ip) || !isIPv4(base)) return false;
  const bits = bitsS === undefined ? 32 : Number(bitsS);
  if (!(bits >= 0 && bits <= 32)) return false;
  if (bits === 0) return true;
  const mask = bits === 32 ? 0xffffffff : (~((1 << (32 - bits)) - 1)) >>> 0;
  return ((ipToInt(ip) & mask) >>> 0) === ((ipToInt(base) & mask) >>> 0);
}

/** A stable 32-bit hash (FNV-1a) for deterministic choices derived from names. */
export function hash32(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The MAC address of a pod's eth0 (derived from its uid, stable) and its EUI-64 link-local IPv6. */
export function podMac(pod: KObject): number[] {
  const id = pod.metadata.uid ?? pod.metadata.name;
  const h = hash32(id);
  const h2 = hash32(id + '/mac');
  return [((h >>> 24) & 0xfc) | 0x02, (h >>> 16) & 0xff, (h >>> 8) & 0xff, h & 0xff, (h2 >>> 8) & 0xff, h2 & 0xff];
}
export function podLinkLocal(pod: KObject): string {
  const mac = podMac(pod);
  const groups = [((mac[0] ^ 0x02) << 8) | mac[1], (mac[2] << 8) | 0xff, 0xfe00 | mac[3], (mac[4] << 8) | mac[5]];
  return 'fe80::' + groups.map((g) => g.toString(16)).join(':');
}

// ---- the per-invocation view -------------------------------------------------------------------

/** Memoized cluster lookups for one exec / one port-forward connection. Cheap to create. */
export class NetView {
  private cache = new Map<string, any>();
  /** Session affinity chosen within this invocation when the host keeps none. */
  readonly localAffinity = new Map<string, { endpoint: string; at: number }>();

  constructor(readonly host: DataPlaneHost) {}

  private memo<T>(key: string, f: () => T): T {
    if (!this.cache.has(key)) this.cache.set(key, f());
    return this.cache.get(key);
  }

  now(): Date { return this.host.now(); }
  random(): number { return this.host.random(); }
  async sleep(ms: number): Promise<void> {
    if (ms <= 0) return;
    if (this.host.sleep) return this.host.sleep(ms);
    await new Promise((r) => setTimeout(r, ms));
  }

  pods(ns?: string): KObject[] { return this.memo(`pods/${ns ?? '*'}`, () => this.host.list('Pod', ns)); }
  services(ns?: string): KObject[] { return this.memo(`svc/${ns ?? '*'}`, () => this.host.list('Service', ns)); }
  nodes(): KObject[] { return this.memo('nodes', () => this.host.list('Node')); }
  namespaces(): KObject[] { return this.memo('ns', () => this.host.list('Namespace')); }
  policies(ns: string): KObject[] { return this.memo(`netpol/${ns}`, () => this.host.list('NetworkPolicy', ns)); }
  service(ns: string, name: string): KObject | undefined { return this.services(ns).find((s) => s.metadata.name === name); }
  endpoints(ns: string, name: string): KObject | undefined { return this.memo(`ep/${ns}/${name}`, () => this.host.get('Endpoints', ns, name)); }
  namespace(name: string): KObject | undefined { return this.namespaces().find((n) => n.metadata.name === name); }

  /** Namespace labels, with the automatic kubernetes.io/metadata.name label. */
  namespaceLabels(name: string): Record<string, string> {
    const ns = this.namespace(name);
    return { ...(ns?.metadata.labels ?? {}), 'kubernetes.io/metadata.name': name };
  }

  /** The pod (not host-network) that owns a pod IP, preferring one that is running. */
  podByIP(ip: string): KObject | undefined {
    return this.memo(`podip/${ip}`, () => {
      const cands = this.pods().filter((p) => !p.spec?.hostNetwork && (p.status?.podIP === ip || (p.status?.podIPs ?? []).some((x: any) => x.ip === ip)));
      return cands.find(podServes) ?? cands[0];
    });
  }

  nodeByIP(ip: string): KObject | undefined {
    return this.nodes().find((n) => (n.status?.addresses ?? []).some((a: any) => a.address === ip && (a.type === 'InternalIP' || a.type === 'ExternalIP')));
  }

  nodeOf(pod: KObject): KObject | undefined {
    const n = pod.spec?.nodeName;
    return n ? this.nodes().find((x) => x.metadata.name === n) : undefined;
  }

  serviceByClusterIP(ip: string): KObject | undefined {
    return this.services().find((s) => s.spec?.clusterIP === ip || (s.spec?.clusterIPs ?? []).includes(ip));
  }

  /** Services reachable on an external address: LoadBalancer ingress IPs and spec.externalIPs. */
  servicesByExternalIP(ip: string): KObject[] {
    return this.services().filter((s) =>
      (s.spec?.externalIPs ?? []).includes(ip) ||
      (s.spec?.type === 'LoadBalancer' && (s.status?.loadBalancer?.ingress ?? []).some((i: any) => i.ip === ip)));
  }

  /** Pod CIDR gateway of a node (the cni bridge address, 10.244.N.1). */
  nodeGateway(node: KObject | undefined): string | undefined {
    const cidr: string | undefined = node?.spec?.podCIDR;
    if (!cidr) return undefined;
    const base = cidr.split('/')[0];
    return intToIp(ipToInt(base) + 1);
  }
}
