// The iptables rules on a node, as kube-proxy 1.32 (iptables mode, kind's configuration) writes
// them for the cluster's services and endpoint slices, plus the few rules kubelet, Docker's
// embedded DNS fix (kind's entrypoint) and kindnet's masq agent keep beside them; printed as
// `iptables-save` (iptables-nft 1.8.9, Debian bookworm) and `iptables -L` print them.
//
// Follows pkg/proxy/iptables/proxier.go (syncProxyRules, writeServiceToEndpointRules),
// pkg/proxy/topology.go (CategorizeEndpoints), pkg/proxy/endpointslicecache.go. kind's kube-proxy
// configuration: masqueradeBit 14 (0x4000), clusterCIDR 10.244.0.0/16 (detect-local by cluster
// CIDR), localhost NodePorts on (nfacct counters present), nodePortAddresses unset.
//
// kubeProxyRules() is a pure function of the services, endpoint slices and the node it runs on.
// Where the real order follows Go map iteration (svcPortMap: the order of the services' rules in
// KUBE-SERVICES, KUBE-NODEPORTS and the filter chains) it is made stable here: service ports
// sorted by "namespace/name:port" then protocol. Everything iptables-save prints in a fixed
// order (chains sorted by name, rules of a chain in insertion order) follows from that.
import { createHash } from 'crypto';
import type { KObject } from '../api/types';

export const CLUSTER_CIDR = '10.244.0.0/16';
const MASQ_MARK = '0x4000';
const LOCALHOST_NODEPORT_COUNTER = 'localhost_nps_accepted_pkts';
const INVALID_DROPPED_COUNTER = 'ct_state_invalid_dropped_pkts';
const LARGE_CLUSTER_ENDPOINTS = 1000;

// ---- rules as data -------------------------------------------------------------------------------

export type Match =
  | { m: 'comment'; comment: string }
  | { m: 'tcp' | 'udp' | 'sctp'; dport?: number; sport?: number }
  | { m: 'statistic'; probability: number }
  | { m: 'recent'; op: 'set' | 'rcheck'; name: string; seconds?: number; reap?: boolean }
  | { m: 'addrtype'; dir: 'src' | 'dst'; neg?: boolean; type: string }
  | { m: 'mark'; neg?: boolean; mark: string }
  | { m: 'conntrack'; neg?: boolean; states: string }
  | { m: 'nfacct'; name: string };

export type Target =
  | { j: 'DNAT'; to: string }
  | { j: 'SNAT'; to: string }
  | { j: 'MARK'; op: 'or' | 'xor'; mark: string }
  | { j: 'MASQUERADE'; randomFully?: boolean }
  | { j: 'REJECT' }
  | { j: string };

export interface Rule {
  chain: string;
  src?: string; srcNeg?: boolean;
  dst?: string; dstNeg?: boolean;
  proto?: string;
  matches: Match[];
  target: Target;
}

export interface Table { name: 'filter' | 'nat' | 'mangle'; builtins: string[]; chains: Set<string>; rules: Rule[] }

const newTable = (name: Table['name']): Table => ({
  name,
  builtins: name === 'nat' ? ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING'] : name === 'filter' ? ['INPUT', 'FORWARD', 'OUTPUT'] : ['PREROUTING', 'INPUT', 'FORWARD', 'OUTPUT', 'POSTROUTING'],
  chains: new Set(), rules: [],
});

// ---- names -----------------------------------------------------------------------------------------

const B32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
/** Go's base32.StdEncoding.EncodeToString (padding never reached in the first 16 characters). */
export function base32(buf: Buffer): string {
  let out = '';
  let bits = 0, value = 0;
  for (const b of buf) {
    value = (value << 8) | b;
    bits += 8;
    while (bits >= 5) { out += B32[(value >>> (bits - 5)) & 31]; bits -= 5; }
    value &= (1 << bits) - 1;
  }
  if (bits > 0) out += B32[(value << (5 - bits)) & 31];
  while (out.length % 8) out += '=';
  return out;
}
const hash16 = (s: string) => base32(createHash('sha256').update(s).digest()).slice(0, 16);

/** portProtoHash: servicePortName ("ns/name" or "ns/name:port") + lower-case protocol. */
export const portProtoHash = (spn: string, protocol: string) => hash16(spn + protocol.toLowerCase());
export const svcChain = (spn: string, p: string) => 'KUBE-SVC-' + portProtoHash(spn, p);
export const svlChain = (spn: string, p: string) => 'KUBE-SVL-' + portProtoHash(spn, p);
export const extChain = (spn: string, p: string) => 'KUBE-EXT-' + portProtoHash(spn, p);
export const fwChain = (spn: string, p: string) => 'KUBE-FW-' + portProtoHash(spn, p);
/** servicePortEndpointChainName: spn + protocol + "ip:port". */
export const sepChain = (spn: string, p: string, endpoint: string) => 'KUBE-SEP-' + hash16(spn + p.toLowerCase() + endpoint);

/** The probability kube-proxy writes for 1/n (%0.10f), as iptables stores it (lround(2^31 p)) and
 *  prints it back (%.11f). */
export function probabilityText(n: number): string {
  const written = Number((1 / n).toFixed(10));
  const stored = Math.round(written * 0x80000000);
  return (stored / 0x80000000).toFixed(11);
}

// ---- the model kube-proxy builds --------------------------------------------------------------------

interface Endpoint { ip: string; port: number; ready: boolean; serving: boolean; terminating: boolean; nodeName?: string; str: string }

interface SvcPort {
  spn: string;
  protocol: string; // lower case
  clusterIP: string;
  port: number;
  nodePort: number;
  externalIPs: string[];
  lbVIPs: string[];
  lbSourceRanges: string[];
  affinity: boolean;
  stickySeconds: number;
  etpLocal: boolean;
  itpLocal: boolean;
  healthCheckNodePort: number;
  endpoints: Endpoint[];
}

const isServiceIPSet = (s: KObject) => typeof s.spec?.clusterIP === 'string' && s.spec.clusterIP !== '' && s.spec.clusterIP !== 'None';

/** The service ports kube-proxy programs, with their endpoints (from the slices). */
export function servicePorts(services: KObject[], slices: KObject[]): SvcPort[] {
  const bySvc = new Map<string, KObject[]>();
  for (const sl of slices) {
    if ((sl.addressType ?? 'IPv4') !== 'IPv4') continue;
    const svc = sl.metadata.labels?.['kubernetes.io/service-name'];
    if (!svc) continue;
    const key = `${sl.metadata.namespace}/${svc}`;
    (bySvc.get(key) ?? bySvc.set(key, []).get(key)!).push(sl);
  }
  const out: SvcPort[] = [];
  for (const s of services) {
    if (!isServiceIPSet(s) || s.spec?.type === 'ExternalName') continue;
    const ns = s.metadata.namespace ?? 'default';
    const type = s.spec?.type ?? 'ClusterIP';
    const externallyTyped = type === 'NodePort' || type === 'LoadBalancer';
    const lbVIPs: string[] = type === 'LoadBalancer' ? (s.status?.loadBalancer?.ingress ?? []).filter((i: any) => i.ip && i.ipMode !== 'Proxy' && !i.ip.includes(':')).map((i: any) => i.ip) : [];
    for (const p of s.spec?.ports ?? []) {
      const spn = p.name ? `${ns}/${s.metadata.name}:${p.name}` : `${ns}/${s.metadata.name}`;
      const protocol = String(p.protocol ?? 'TCP').toLowerCase();
      const seen = new Map<string, Endpoint>();
      for (const sl of bySvc.get(`${ns}/${s.metadata.name}`) ?? []) {
        const sp = (sl.ports ?? []).find((x: any) => (x.name ?? '') === (p.name ?? '') && String(x.protocol ?? 'TCP').toLowerCase() === protocol);
        if (!sp || typeof sp.port !== 'number') continue;
        for (const e of sl.endpoints ?? []) {
          const ip = e.addresses?.[0];
          if (!ip) continue;
          const c = e.conditions ?? {};
          const ready = c.ready === undefined || c.ready === null ? true : !!c.ready;
          const ep: Endpoint = {
            ip, port: sp.port, ready,
            serving: c.serving === undefined || c.serving === null ? ready : !!c.serving,
            terminating: !!c.terminating,
            nodeName: e.nodeName, str: `${ip}:${sp.port}`,
          };
          if (!seen.has(ep.str)) seen.set(ep.str, ep);
        }
      }
      const endpoints = [...seen.values()].sort((a, b) => (a.str < b.str ? -1 : a.str > b.str ? 1 : 0));
      const nodePort = externallyTyped && typeof p.nodePort === 'number' ? p.nodePort : 0;
      const externalIPs: string[] = (s.spec?.externalIPs ?? []).filter((x: string) => !x.includes(':'));
      const accessible = nodePort !== 0 || lbVIPs.length > 0 || externalIPs.length > 0;
      out.push({
        spn, protocol, clusterIP: s.spec.clusterIP, port: p.port, nodePort, externalIPs, lbVIPs,
        lbSourceRanges: type === 'LoadBalancer' ? (s.spec?.loadBalancerSourceRanges ?? []).map((r: string) => r.trim()) : [],
        affinity: s.spec?.sessionAffinity === 'ClientIP',
        stickySeconds: s.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800,
        etpLocal: accessible && s.spec?.externalTrafficPolicy === 'Local',
        itpLocal: s.spec?.internalTrafficPolicy === 'Local',
        healthCheckNodePort: type === 'LoadBalancer' && s.spec?.externalTrafficPolicy === 'Local' ? s.spec?.healthCheckNodePort ?? 0 : 0,
        endpoints,
      });
    }
  }
  // Go map order in kube-proxy; a stable order here.
  out.sort((a, b) => (a.spn < b.spn ? -1 : a.spn > b.spn ? 1 : a.protocol < b.protocol ? -1 : a.protocol > b.protocol ? 1 : 0));
  return out;
}

const externallyAccessible = (s: SvcPort) => s.nodePort !== 0 || s.lbVIPs.length > 0 || s.externalIPs.length > 0;
const usesClusterEndpoints = (s: SvcPort) => !s.itpLocal || externallyAccessible(s);
const usesLocalEndpoints = (s: SvcPort) => s.itpLocal || (s.etpLocal && externallyAccessible(s));

/** pkg/proxy/topology.go CategorizeEndpoints (topology hints aside). */
function categorize(s: SvcPort, node: string) {
  let cluster: Endpoint[] = [];
  let local: Endpoint[] = [];
  let hasAny = false;
  if (usesClusterEndpoints(s)) {
    cluster = s.endpoints.filter((e) => e.ready);
    if (!cluster.length) cluster = s.endpoints.filter((e) => e.serving && e.terminating);
    if (cluster.length) hasAny = true;
  }
  if (!usesLocalEndpoints(s)) return { cluster, local, all: cluster, hasAny };
  let localReady = false, localTerm = false;
  for (const e of s.endpoints) {
    const isLocal = e.nodeName === node;
    if (e.ready) { hasAny = true; if (isLocal) localReady = true; } else if (e.serving && e.terminating) { hasAny = true; if (isLocal) localTerm = true; }
  }
  if (localReady) local = s.endpoints.filter((e) => e.nodeName === node && e.ready);
  else if (localTerm) local = s.endpoints.filter((e) => e.nodeName === node && e.serving && e.terminating);
  if (!usesClusterEndpoints(s)) return { cluster, local, all: local, hasAny };
  const all = new Map<string, Endpoint>();
  for (const e of [...cluster, ...local]) all.set(e.str, e);
  return { cluster, local, all: [...all.values()], hasAny };
}

function inCidr(ip: string, cidr: string): boolean {
  const toInt = (x: string) => x.split('.').reduce((a, b) => a * 256 + Number(b), 0);
  const [base, bits] = cidr.split('/');
  const n = Number(bits ?? 32);
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip) || !/^\d+\.\d+\.\d+\.\d+$/.test(base ?? '')) return false;
  if (n === 0) return true;
  const mask = n >= 32 ? 0xffffffff : (~((1 << (32 - n)) - 1)) >>> 0;
  return ((toInt(ip) & mask) >>> 0) === ((toInt(base) & mask) >>> 0);
}

export interface KubeProxyInput {
  services: KObject[];
  endpointSlices: KObject[];
  /** the node kube-proxy runs on (its name: local endpoints) */
  nodeName: string;
  /** its primary IP (loadBalancerSourceRanges that contain it let the node through) */
  nodeIP?: string;
}

/** The filter and nat rules kube-proxy's syncProxyRules restores (NoFlushTables) plus the jump
 *  rules it ensures in the built-in chains. */
export function kubeProxyRules(input: KubeProxyInput): { filter: Table; nat: Table } {
  const filter = newTable('filter');
  const nat = newTable('nat');
  const F = (r: Omit<Rule, 'matches'> & { matches?: Match[] }) => filter.rules.push({ matches: [], ...r });
  const N = (r: Omit<Rule, 'matches'> & { matches?: Match[] }) => nat.rules.push({ matches: [], ...r });
  const cm = (comment: string): Match => ({ m: 'comment', comment });
  const pm = (protocol: string, dport?: number): Match => ({ m: protocol as 'tcp', ...(dport !== undefined ? { dport } : {}) });

  // Jump rules (EnsureRule Prepend, in iptablesJumpChains order: later ones end up first).
  const jumps: [Table, string, string, string, Match[]][] = [
    [filter, 'KUBE-EXTERNAL-SERVICES', 'INPUT', 'kubernetes externally-visible service portals', [{ m: 'conntrack', states: 'NEW' }]],
    [filter, 'KUBE-EXTERNAL-SERVICES', 'FORWARD', 'kubernetes externally-visible service portals', [{ m: 'conntrack', states: 'NEW' }]],
    [filter, 'KUBE-NODEPORTS', 'INPUT', 'kubernetes health check service ports', []],
    [filter, 'KUBE-SERVICES', 'FORWARD', 'kubernetes service portals', [{ m: 'conntrack', states: 'NEW' }]],
    [filter, 'KUBE-SERVICES', 'OUTPUT', 'kubernetes service portals', [{ m: 'conntrack', states: 'NEW' }]],
    [filter, 'KUBE-FORWARD', 'FORWARD', 'kubernetes forwarding rules', []],
    [filter, 'KUBE-PROXY-FIREWALL', 'INPUT', 'kubernetes load balancer firewall', [{ m: 'conntrack', states: 'NEW' }]],
    [filter, 'KUBE-PROXY-FIREWALL', 'OUTPUT', 'kubernetes load balancer firewall', [{ m: 'conntrack', states: 'NEW' }]],
    [filter, 'KUBE-PROXY-FIREWALL', 'FORWARD', 'kubernetes load balancer firewall', [{ m: 'conntrack', states: 'NEW' }]],
    [nat, 'KUBE-SERVICES', 'OUTPUT', 'kubernetes service portals', []],
    [nat, 'KUBE-SERVICES', 'PREROUTING', 'kubernetes service portals', []],
    [nat, 'KUBE-POSTROUTING', 'POSTROUTING', 'kubernetes postrouting rules', []],
  ];
  for (const [t, dst, src, comment, extra] of jumps) {
    t.chains.add(dst);
    t.rules.unshift({ chain: src, matches: [...extra, cm(comment)], target: { j: dst } });
  }

  for (const c of ['KUBE-SERVICES', 'KUBE-EXTERNAL-SERVICES', 'KUBE-FORWARD', 'KUBE-NODEPORTS', 'KUBE-PROXY-FIREWALL']) filter.chains.add(c);
  for (const c of ['KUBE-SERVICES', 'KUBE-NODEPORTS', 'KUBE-POSTROUTING', 'KUBE-MARK-MASQ']) nat.chains.add(c);

  N({ chain: 'KUBE-POSTROUTING', matches: [{ m: 'mark', neg: true, mark: `${MASQ_MARK}/${MASQ_MARK}` }], target: { j: 'RETURN' } });
  N({ chain: 'KUBE-POSTROUTING', target: { j: 'MARK', op: 'xor', mark: MASQ_MARK } });
  N({ chain: 'KUBE-POSTROUTING', matches: [cm('kubernetes service traffic requiring SNAT')], target: { j: 'MASQUERADE', randomFully: true } });
  N({ chain: 'KUBE-MARK-MASQ', target: { j: 'MARK', op: 'or', mark: MASQ_MARK } });
  // localhost NodePorts: the anti-martian rule kubelet also writes
  filter.chains.add('KUBE-FIREWALL');
  F({ chain: 'KUBE-FIREWALL', src: '127.0.0.0/8', srcNeg: true, dst: '127.0.0.0/8', matches: [cm('block incoming localnet connections'), { m: 'conntrack', neg: true, states: 'RELATED,ESTABLISHED,DNAT' }], target: { j: 'DROP' } });

  const ports = servicePorts(input.services, input.endpointSlices);
  const total = ports.reduce((a, s) => a + s.endpoints.length, 0);
  const large = total > LARGE_CLUSTER_ENDPOINTS;
  const svcComment = (args: Match[], c: string) => (large ? args : [...args, cm(c)]);

  for (const s of ports) {
    const proto = s.protocol;
    const spn = s.spn;
    const { cluster, local, all, hasAny } = categorize(s, input.nodeName);
    const clusterChain = svcChain(spn, proto);
    const localChain = svlChain(spn, proto);
    const usesCluster = cluster.length > 0 && usesClusterEndpoints(s);
    const usesLocal = local.length > 0 && usesLocalEndpoints(s);
    let internalChain = clusterChain;
    let hasInternal = hasAny;
    if (s.itpLocal) { internalChain = localChain; if (!local.length) hasInternal = false; }
    let externalPolicyChain = clusterChain;
    let hasExternal = hasAny;
    if (s.etpLocal) { externalPolicyChain = localChain; if (!local.length) hasExternal = false; }
    const externalChain = extChain(spn, proto);
    const usesExternal = hasAny && externallyAccessible(s);
    const fw = fwChain(spn, proto);
    const usesFW = hasAny && s.lbVIPs.length > 0 && s.lbSourceRanges.length > 0;
    const lbChain = usesFW ? fw : externalChain;
    let internalFilterTarget = '', internalFilterComment = '', externalFilterTarget = '', externalFilterComment = '';
    if (!hasAny) {
      internalFilterTarget = externalFilterTarget = 'REJECT';
      internalFilterComment = externalFilterComment = `${spn} has no endpoints`;
    } else {
      if (!hasInternal) { internalFilterTarget = 'DROP'; internalFilterComment = `${spn} has no local endpoints`; }
      if (!hasExternal) { externalFilterTarget = 'DROP'; externalFilterComment = `${spn} has no local endpoints`; }
    }

    if (hasInternal) N({ chain: 'KUBE-SERVICES', dst: s.clusterIP, proto, matches: [cm(`${spn} cluster IP`), pm(proto, s.port)], target: { j: internalChain } });
    else F({ chain: 'KUBE-SERVICES', dst: s.clusterIP, proto, matches: [cm(internalFilterComment), pm(proto, s.port)], target: { j: internalFilterTarget } });

    for (const ip of s.externalIPs) {
      if (hasAny) N({ chain: 'KUBE-SERVICES', dst: ip, proto, matches: [cm(`${spn} external IP`), pm(proto, s.port)], target: { j: externalChain } });
      if (!hasExternal) F({ chain: 'KUBE-EXTERNAL-SERVICES', dst: ip, proto, matches: [cm(externalFilterComment), pm(proto, s.port)], target: { j: externalFilterTarget } });
    }
    for (const ip of s.lbVIPs) {
      if (hasAny) N({ chain: 'KUBE-SERVICES', dst: ip, proto, matches: [cm(`${spn} loadbalancer IP`), pm(proto, s.port)], target: { j: lbChain } });
      if (usesFW) F({ chain: 'KUBE-PROXY-FIREWALL', dst: ip, proto, matches: [cm(`${spn} traffic not accepted by ${fw}`), pm(proto, s.port)], target: { j: 'DROP' } });
    }
    if (!hasExternal) for (const ip of s.lbVIPs) F({ chain: 'KUBE-EXTERNAL-SERVICES', dst: ip, proto, matches: [cm(externalFilterComment), pm(proto, s.port)], target: { j: externalFilterTarget } });

    if (s.nodePort !== 0) {
      if (hasAny) {
        N({ chain: 'KUBE-NODEPORTS', dst: '127.0.0.0/8', proto, matches: [cm(spn), pm(proto, s.nodePort), { m: 'nfacct', name: LOCALHOST_NODEPORT_COUNTER }], target: { j: externalChain } });
        N({ chain: 'KUBE-NODEPORTS', proto, matches: [cm(spn), pm(proto, s.nodePort)], target: { j: externalChain } });
      }
      if (!hasExternal) F({ chain: 'KUBE-EXTERNAL-SERVICES', proto, matches: [cm(externalFilterComment), { m: 'addrtype', dir: 'dst', type: 'LOCAL' }, pm(proto, s.nodePort)], target: { j: externalFilterTarget } });
    }
    if (s.healthCheckNodePort) F({ chain: 'KUBE-NODEPORTS', proto: 'tcp', matches: [cm(`${spn} health check node port`), pm('tcp', s.healthCheckNodePort)], target: { j: 'ACCEPT' } });

    if (hasInternal) N({ chain: internalChain, src: CLUSTER_CIDR, srcNeg: true, dst: s.clusterIP, proto, matches: [cm(`${spn} cluster IP`), pm(proto, s.port)], target: { j: 'KUBE-MARK-MASQ' } });

    if (usesExternal) {
      nat.chains.add(externalChain);
      if (!s.etpLocal) {
        N({ chain: externalChain, matches: [cm(`masquerade traffic for ${spn} external destinations`)], target: { j: 'KUBE-MARK-MASQ' } });
      } else {
        N({ chain: externalChain, src: CLUSTER_CIDR, matches: [cm(`pod traffic for ${spn} external destinations`)], target: { j: clusterChain } });
        N({ chain: externalChain, matches: [cm(`masquerade LOCAL traffic for ${spn} external destinations`), { m: 'addrtype', dir: 'src', type: 'LOCAL' }], target: { j: 'KUBE-MARK-MASQ' } });
        N({ chain: externalChain, matches: [cm(`route LOCAL traffic for ${spn} external destinations`), { m: 'addrtype', dir: 'src', type: 'LOCAL' }], target: { j: clusterChain } });
      }
      if (hasExternal) N({ chain: externalChain, target: { j: externalPolicyChain } });
    }

    if (usesFW) {
      nat.chains.add(fw);
      let allowFromNode = false;
      for (const cidr of s.lbSourceRanges) {
        N({ chain: fw, src: cidr, matches: [cm(`${spn} loadbalancer IP`)], target: { j: externalChain } });
        if (input.nodeIP && inCidr(input.nodeIP, cidr)) allowFromNode = true;
      }
      if (allowFromNode) for (const ip of s.lbVIPs) N({ chain: fw, src: ip, matches: [cm(`${spn} loadbalancer IP`)], target: { j: externalChain } });
      N({ chain: fw, matches: [cm(`other traffic to ${spn} will be dropped by KUBE-PROXY-FIREWALL`)], target: { j: '' } });
    }

    const toEndpoints = (chain: string, eps: Endpoint[]) => {
      nat.chains.add(chain);
      if (s.affinity) {
        for (const e of eps) {
          const sep = sepChain(spn, proto, e.str);
          N({ chain, matches: [...svcComment([], `${spn} -> ${e.str}`), { m: 'recent', op: 'rcheck', name: sep, seconds: s.stickySeconds, reap: true }], target: { j: sep } });
        }
      }
      eps.forEach((e, i) => {
        const sep = sepChain(spn, proto, e.str);
        const ms = svcComment([], `${spn} -> ${e.str}`);
        if (i < eps.length - 1) ms.push({ m: 'statistic', probability: eps.length - i });
        N({ chain, matches: ms, target: { j: sep } });
      });
    };
    if (usesCluster) toEndpoints(clusterChain, cluster);
    if (usesLocal) toEndpoints(localChain, local);

    for (const e of all) {
      const sep = sepChain(spn, proto, e.str);
      nat.chains.add(sep);
      N({ chain: sep, src: e.ip, matches: svcComment([], spn), target: { j: 'KUBE-MARK-MASQ' } });
      const ms = svcComment([], spn);
      if (s.affinity) ms.push({ m: 'recent', op: 'set', name: sep });
      ms.push(pm(proto));
      N({ chain: sep, proto, matches: ms, target: { j: 'DNAT', to: e.str } });
    }
  }

  N({ chain: 'KUBE-SERVICES', matches: [cm('kubernetes service nodeports; NOTE: this must be the last rule in this chain'), { m: 'addrtype', dir: 'dst', type: 'LOCAL' }], target: { j: 'KUBE-NODEPORTS' } });
  F({ chain: 'KUBE-FORWARD', matches: [{ m: 'conntrack', states: 'INVALID' }, { m: 'nfacct', name: INVALID_DROPPED_COUNTER }], target: { j: 'DROP' } });
  F({ chain: 'KUBE-FORWARD', matches: [cm('kubernetes forwarding rules'), { m: 'mark', mark: `${MASQ_MARK}/${MASQ_MARK}` }], target: { j: 'ACCEPT' } });
  F({ chain: 'KUBE-FORWARD', matches: [cm('kubernetes forwarding conntrack rule'), { m: 'conntrack', states: 'RELATED,ESTABLISHED' }], target: { j: 'ACCEPT' } });
  return { filter, nat };
}

// ---- the rest of a kind node's tables ----------------------------------------------------------------

export interface NodeNet {
  nodeName: string;
  nodeIP: string;
  /** the Docker network's gateway (where Docker's embedded DNS is reached) */
  gateway: string;
}

/** Port Docker's embedded DNS listens on inside the node (random per container; stable here). */
function dockerDnsPort(node: string, proto: string): number {
  const h = createHash('sha256').update(node + proto).digest();
  return 32768 + (h.readUInt16BE(0) % 28232);
}

/** All of a kind node's tables: kube-proxy's rules with kubelet's canary chains, kind's Docker DNS
 *  fix and kindnet's masquerade agent (mangle, filter, nat: iptables-nft-save's order). */
export function nodeTables(input: KubeProxyInput & { net: NodeNet }): Table[] {
  const { filter, nat } = kubeProxyRules(input);
  const mangle = newTable('mangle');
  for (const c of ['KUBE-IPTABLES-HINT', 'KUBE-KUBELET-CANARY', 'KUBE-PROXY-CANARY']) mangle.chains.add(c);
  for (const t of [filter, nat]) { t.chains.add('KUBE-KUBELET-CANARY'); t.chains.add('KUBE-PROXY-CANARY'); }
  // kubelet's KUBE-FIREWALL jumps (appended before kube-proxy prepends its own)
  filter.rules.push({ chain: 'INPUT', matches: [], target: { j: 'KUBE-FIREWALL' } });
  filter.rules.push({ chain: 'OUTPUT', matches: [], target: { j: 'KUBE-FIREWALL' } });
  const gw = input.net.gateway;
  const tcp = dockerDnsPort(input.net.nodeName, 'tcp');
  const udp = dockerDnsPort(input.net.nodeName, 'udp');
  for (const c of ['DOCKER_OUTPUT', 'DOCKER_POSTROUTING', 'KIND-MASQ-AGENT']) nat.chains.add(c);
  nat.rules.push(
    { chain: 'PREROUTING', dst: gw, matches: [], target: { j: 'DOCKER_OUTPUT' } },
    { chain: 'OUTPUT', dst: gw, matches: [], target: { j: 'DOCKER_OUTPUT' } },
    { chain: 'POSTROUTING', dst: gw, matches: [], target: { j: 'DOCKER_POSTROUTING' } },
    { chain: 'POSTROUTING', matches: [{ m: 'addrtype', dir: 'dst', neg: true, type: 'LOCAL' }, { m: 'comment', comment: 'kind-masq-agent: ensure nat POSTROUTING directs all non-LOCAL destination traffic to our custom KIND-MASQ-AGENT chain' }], target: { j: 'KIND-MASQ-AGENT' } },
    { chain: 'DOCKER_OUTPUT', dst: gw, proto: 'tcp', matches: [{ m: 'tcp', dport: 53 }], target: { j: 'DNAT', to: `127.0.0.11:${tcp}` } },
    { chain: 'DOCKER_OUTPUT', dst: gw, proto: 'udp', matches: [{ m: 'udp', dport: 53 }], target: { j: 'DNAT', to: `127.0.0.11:${udp}` } },
    { chain: 'DOCKER_POSTROUTING', src: '127.0.0.11', proto: 'tcp', matches: [{ m: 'tcp', sport: tcp }], target: { j: 'SNAT', to: `${gw}:53` } },
    { chain: 'DOCKER_POSTROUTING', src: '127.0.0.11', proto: 'udp', matches: [{ m: 'udp', sport: udp }], target: { j: 'SNAT', to: `${gw}:53` } },
    { chain: 'KIND-MASQ-AGENT', dst: CLUSTER_CIDR, matches: [{ m: 'comment', comment: 'kind-masq-agent: local traffic is not subject to MASQUERADE' }], target: { j: 'RETURN' } },
    { chain: 'KIND-MASQ-AGENT', matches: [{ m: 'comment', comment: 'kind-masq-agent: outbound traffic is subject to MASQUERADE (must be last in chain)' }], target: { j: 'MASQUERADE' } },
  );
  return [mangle, filter, nat];
}

// ---- iptables-save ----------------------------------------------------------------------------------

const NO_QUOTE = /^[_\-0-9A-Za-z]+$/;
/** libxtables xtables_save_string: bare when only [_-0-9a-zA-Z], else double-quoted. */
const saveString = (s: string) => (NO_QUOTE.test(s) ? s : `"${s.replace(/(["\\'])/g, '\\$1')}"`);
const withMask = (a: string) => (a.includes('/') ? a : `${a}/32`);

function saveMatch(m: Match): string {
  switch (m.m) {
    case 'comment': return `-m comment --comment ${saveString(m.comment)}`;
    case 'tcp': case 'udp': case 'sctp':
      return `-m ${m.m}${m.sport !== undefined ? ` --sport ${m.sport}` : ''}${m.dport !== undefined ? ` --dport ${m.dport}` : ''}`;
    case 'statistic': return `-m statistic --mode random --probability ${probabilityText(m.probability)}`;
    case 'recent':
      return m.op === 'set'
        ? `-m recent --set --name ${m.name} --mask 255.255.255.255 --rsource`
        : `-m recent --rcheck${m.seconds ? ` --seconds ${m.seconds}` : ''}${m.reap ? ' --reap' : ''} --name ${m.name} --mask 255.255.255.255 --rsource`;
    case 'addrtype': return `-m addrtype${m.neg ? ' !' : ''} --${m.dir}-type ${m.type}`;
    case 'mark': return `-m mark${m.neg ? ' !' : ''} --mark ${m.mark}`;
    case 'conntrack': return `-m conntrack${m.neg ? ' !' : ''} --ctstate ${m.states}`;
    case 'nfacct': return `-m nfacct --nfacct-name  ${m.name}`;
  }
}

function saveTarget(t: Target): string {
  if (!t.j) return '';
  switch (t.j) {
    case 'DNAT': return ` -j DNAT --to-destination ${(t as any).to}`;
    case 'SNAT': return ` -j SNAT --to-source ${(t as any).to}`;
    case 'MARK': return ` -j MARK --set-xmark ${(t as any).mark}/${(t as any).op === 'or' ? (t as any).mark : '0x0'}`;
    case 'MASQUERADE': return ` -j MASQUERADE${(t as any).randomFully ? ' --random-fully' : ''}`;
    case 'REJECT': return ' -j REJECT --reject-with icmp-port-unreachable';
    default: return ` -j ${t.j}`;
  }
}

/** One rule as iptables-save prints it: addresses and protocol first, then the matches in order. */
export function saveRule(r: Rule): string {
  let s = `-A ${r.chain}`;
  if (r.src) s += `${r.srcNeg ? ' !' : ''} -s ${withMask(r.src)}`;
  if (r.dst) s += `${r.dstNeg ? ' !' : ''} -d ${withMask(r.dst)}`;
  if (r.proto) s += ` -p ${r.proto}`;
  for (const m of r.matches) s += ' ' + saveMatch(m);
  return s + saveTarget(r.target);
}

const byName = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** ctime(3): "Mon Dec  7 17:39:49 2026" (UTC, the node's zone). */
export function ctime(d: Date): string {
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p2 = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]} ${months[d.getUTCMonth()]} ${String(d.getUTCDate()).padStart(2, ' ')} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${d.getUTCFullYear()}`;
}

/** Rules of a table grouped by chain (built-in chains in hook order, then user chains by name). */
export function chainOrder(t: Table): string[] {
  return [...t.builtins, ...[...t.chains].filter((c) => !t.builtins.includes(c)).sort(byName)];
}

/** `iptables-save [-t TABLE]` output. */
export function iptablesSave(tables: Table[], now: Date): string {
  let out = '';
  for (const t of tables) {
    out += `# Generated by iptables-save v1.8.9 (nf_tables) on ${ctime(now)}\n*${t.name}\n`;
    const order = chainOrder(t);
    for (const c of order) out += t.builtins.includes(c) ? `:${c} ACCEPT [0:0]\n` : `:${c} - [0:0]\n`;
    for (const c of order) for (const r of t.rules) if (r.chain === c) out += saveRule(r) + '\n';
    out += `COMMIT\n# Completed on ${ctime(now)}\n`;
  }
  return out;
}

// ---- iptables -L ------------------------------------------------------------------------------------

const PROTO_NUMBERS: Record<string, number> = { all: 0, tcp: 6, udp: 17, sctp: 132, icmp: 1 };
const SERVICES: Record<number, string> = { 22: 'ssh', 25: 'smtp', 53: 'domain', 80: 'http', 443: 'https', 3306: 'mysql', 5432: 'postgresql', 8080: 'http-alt' };

export interface ListOptions { numeric: boolean; verbose: boolean; lineNumbers?: boolean; names?: Map<string, string> }

function listMatch(m: Match, o: ListOptions): string {
  const port = (p: number) => (o.numeric ? String(p) : SERVICES[p] ?? String(p));
  switch (m.m) {
    case 'comment': return ` /* ${m.comment} */`;
    case 'tcp': case 'udp': case 'sctp':
      return ` ${m.m}${m.sport !== undefined ? ` spt:${port(m.sport)}` : ''}${m.dport !== undefined ? ` dpt:${port(m.dport)}` : ''}`;
    case 'statistic': return ` statistic mode random probability ${probabilityText(m.probability)}`;
    case 'recent':
      return m.op === 'set'
        ? ` recent: SET name: ${m.name} side: source mask: 255.255.255.255`
        : ` recent: CHECK${m.seconds ? ` seconds: ${m.seconds}` : ''}${m.reap ? ' reap' : ''} name: ${m.name} side: source mask: 255.255.255.255`;
    case 'addrtype': return ` ADDRTYPE match ${m.dir}-type ${m.neg ? '!' : ''}${m.type}`;
    case 'mark': return ` mark match ${m.neg ? '! ' : ''}${m.mark}`;
    case 'conntrack': return ` ${m.neg ? '! ' : ''}ctstate ${m.states}`;
    case 'nfacct': return ` nfacct-name  ${m.name}`;
  }
}

function listTarget(t: Target): string {
  switch (t.j) {
    case 'DNAT': return ` to:${(t as any).to}`;
    case 'SNAT': return ` to:${(t as any).to}`;
    case 'MARK': return ` MARK ${(t as any).op} ${(t as any).mark}`;
    case 'MASQUERADE': return (t as any).randomFully ? ' random-fully' : '';
    case 'REJECT': return ' reject-with icmp-port-unreachable';
    default: return '';
  }
}

function addr(a: string | undefined, neg: boolean | undefined, o: ListOptions): string {
  let text: string;
  if (!a) text = o.numeric ? '0.0.0.0/0' : 'anywhere';
  else {
    const [ip, bits] = a.split('/');
    const host = o.numeric ? ip : o.names?.get(ip) ?? ip;
    text = bits === undefined || bits === '32' ? host : `${host}/${bits}`;
  }
  return (neg ? '!' : ' ') + text.padEnd(19) + ' ';
}

const num = (n: number, width: number) => String(n).padStart(width) + ' ';

/** The rows of `iptables -L`: every chain or one, with -n/-v/--line-numbers (iptables 1.8.9). */
export function iptablesList(t: Table, chain: string | undefined, o: ListOptions): string {
  const order = chainOrder(t);
  const chains = chain ? [chain] : order;
  const refs = (c: string) => t.rules.filter((r) => r.target.j === c).length;
  let out = '';
  chains.forEach((c, idx) => {
    if (idx > 0) out += '\n';
    const builtin = t.builtins.includes(c);
    out += `Chain ${c}`;
    if (builtin) out += o.verbose ? ' (policy ACCEPT 0 packets, 0 bytes)\n' : ' (policy ACCEPT)\n';
    else out += ` (${refs(c)} references)\n`;
    let h = '';
    if (o.lineNumbers) h += 'num  ';
    if (o.verbose) h += ' pkts bytes ';
    h += 'target     prot opt';
    if (o.verbose) h += ' in     out    ';
    h += ' source               destination         \n';
    out += h;
    let n = 0;
    for (const r of t.rules) {
      if (r.chain !== c) continue;
      n++;
      let line = '';
      if (o.lineNumbers) line += String(n).padEnd(4) + ' ';
      if (o.verbose) line += num(0, 5) + num(0, 5);
      line += (r.target.j ?? '').padEnd(9) + ' ';
      // iptables 1.8.9 prints the protocol's number with -n (kind: `6    --`, `0    --`)
      line += ' ' + (o.numeric ? String(PROTO_NUMBERS[r.proto ?? 'all'] ?? r.proto) : r.proto ?? 'all').padEnd(5);
      line += '-- ';
      if (o.verbose) line += ' ' + (o.numeric ? '*' : 'any').padEnd(6) + ' ' + (o.numeric ? '*' : 'any').padEnd(6) + ' ';
      line += addr(r.src, r.srcNeg, o) + addr(r.dst, r.dstNeg, o);
      for (const m of r.matches) line += listMatch(m, o);
      line += listTarget(r.target);
      out += line + '\n';
    }
  });
  return out;
}
