// Where a connection goes: kube-proxy's rules (ClusterIP, NodePort on every node address,
// LoadBalancer ingress IPs and externalIPs -> a random ready endpoint, ClientIP affinity,
// REJECT when a service has no endpoints, nothing for ports a service does not expose), then
// the pod network (a pod IP answers if something listens on the port, resets otherwise),
// network policies (dropped packets: timeouts), the API server on the control plane, and a
// few hosts on the internet.
import type { KObject } from '../api/types';
import { NetView, isIPv4, inCidr, nodeInternalIP, podServes, isPodReady } from './host';
import { Listener, listenerOn } from './apps';
import { connectionAllowed, egressAllowed, ingressAllowed, namedPort, Peer, Protocol, isolatingPolicies } from './policy';
import { matchLabels, selectorFromMap } from '../api/selectors';
import { EXTERNAL_HOSTS, NODE_NAMESERVER } from './dns';

export const POD_CIDR = '10.244.0.0/16';
import { netConfig } from '../api/cluster-config';
export const API_SERVER_PORT = 6443;

/** The client end of a connection. */
export interface Source { ip: string; pod?: KObject }

export type Destination =
  | { type: 'pod'; pod: KObject; listener: Listener; ip: string; port: number }
  | { type: 'apiserver'; ip: string; port: number }
  | { type: 'internet'; ip: string; port: number; name?: string };

export type Connection =
  | {
    kind: 'connected';
    dst: Destination;
    /** the address the client dialed (service IP, node IP, pod IP) */
    dialed: { ip: string; port: number };
    /** the client as the server sees it (after SNAT) */
    peer: { ip: string; port: number };
    service?: KObject;
    /** simulated round trip, ms */
    rttMs: number;
  }
  /** RST / ICMP port unreachable: ECONNREFUSED */
  | { kind: 'refused'; dialed: { ip: string; port: number } }
  /** SYN dropped (policy, unexposed service port, no route): the client waits for its timeout */
  | { kind: 'timeout'; dialed: { ip: string; port: number }; blocked?: Blocked }
  /** no host at that address on a local network: EHOSTUNREACH */
  | { kind: 'unreachable'; dialed: { ip: string; port: number } };

/** Where a network policy dropped a SYN (for the request trace, src/network/trace.ts). */
export interface Blocked { dir: 'Egress' | 'Ingress'; pod: KObject; ip: string; port: number; service?: KObject }

interface Backend { ip: string; port: number; pod?: KObject; nodeName?: string }

/** The ready backends of a service port, from its Endpoints (or from its selector when the
 *  Endpoints object is missing). */
export function serviceBackends(view: NetView, svc: KObject, sp: any): Backend[] {
  const ns = svc.metadata.namespace ?? 'default';
  const proto = sp.protocol ?? 'TCP';
  const ep = view.endpoints(ns, svc.metadata.name);
  const out: Backend[] = [];
  if (ep) {
    const singleUnnamed = (svc.spec?.ports ?? []).length === 1;
    for (const ss of ep.subsets ?? []) {
      const port = (ss.ports ?? []).find((p: any) => (p.protocol ?? 'TCP') === proto && ((p.name ?? '') === (sp.name ?? '') || (singleUnnamed && (ss.ports ?? []).length === 1)));
      if (!port) continue;
      for (const a of ss.addresses ?? []) {
        const pod = a.targetRef?.kind === 'Pod' ? view.pods(a.targetRef.namespace ?? ns).find((p) => p.metadata.name === a.targetRef.name) : view.podByIP(a.ip);
        out.push({ ip: a.ip, port: port.port, pod, nodeName: a.nodeName ?? pod?.spec?.nodeName });
      }
    }
    return out;
  }
  const sel = svc.spec?.selector;
  if (!sel || !Object.keys(sel).length) return out;
  const s = selectorFromMap(sel);
  for (const pod of view.pods(ns)) {
    if (!matchLabels(s, pod.metadata.labels) || !pod.status?.podIP || pod.metadata.deletionTimestamp) continue;
    if (!(isPodReady(pod) || svc.spec?.publishNotReadyAddresses)) continue;
    const tp = sp.targetPort ?? sp.port;
    const port = typeof tp === 'number' || /^\d+$/.test(String(tp)) ? Number(tp) : namedPort(pod, String(tp), proto);
    if (port === undefined) continue;
    out.push({ ip: pod.status.podIP, port, pod, nodeName: pod.spec?.nodeName });
  }
  return out;
}

/** kube-proxy's choice among backends: ClientIP affinity when set, else uniformly at random. */
function chooseBackend(view: NetView, svc: KObject, sp: any, backends: Backend[], clientIP: string): Backend {
  if (svc.spec?.sessionAffinity === 'ClientIP') {
    const key = `${svc.metadata.namespace}/${svc.metadata.name}:${sp.port}/${clientIP}`;
    const ttl = (svc.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800) * 1000;
    const now = view.now().getTime();
    const store = view.host.affinity;
    const prev = store ? store.get(key) : view.localAffinity.get(key);
    const hit = prev && now - prev.at <= ttl ? backends.find((b) => `${b.ip}:${b.port}` === prev.endpoint) : undefined;
    const b = hit ?? backends[Math.floor(view.random() * backends.length) % backends.length];
    const v = { endpoint: `${b.ip}:${b.port}`, at: now };
    if (store) store.set(key, v);
    else view.localAffinity.set(key, v);
    return b;
  }
  return backends[Math.floor(view.random() * backends.length) % backends.length];
}

const ephemeralPort = (view: NetView) => 32768 + Math.floor(view.random() * 28232);

function rtt(view: NetView, src: Source, dstPod?: KObject): number {
  const same = src.pod && dstPod && src.pod.spec?.nodeName === dstPod.spec?.nodeName;
  return (same ? 0.04 : 0.09) + view.random() * (same ? 0.06 : 0.2);
}

/** Open a TCP (or UDP "connection") from a pod or a node to ip:port. */
export function connect(view: NetView, src: Source, ip: string, port: number, protocol: Protocol = 'TCP'): Connection {
  if (src.pod?.spec?.hostNetwork) return connectFromNode(view, src.pod, ip, port, protocol);
  const dialed = { ip, port };
  // loopback and the pod's own address: its own network namespace
  if (ip.startsWith('127.') || ip === 'localhost' || (src.pod && ip === src.ip)) {
    if (!src.pod) return { kind: 'refused', dialed };
    const l = podServes(src.pod) ? listenerOn(src.pod, port, protocol, view.host) : undefined;
    if (!l) return { kind: 'refused', dialed };
    return { kind: 'connected', dst: { type: 'pod', pod: src.pod, listener: l, ip, port }, dialed, peer: { ip: ip.startsWith('127.') ? '127.0.0.1' : ip, port: ephemeralPort(view) }, rttMs: 0.03 };
  }
  if (!isIPv4(ip)) return { kind: 'timeout', dialed };

  // ClusterIP
  const svc = view.serviceByClusterIP(ip);
  if (svc) {
    const sp = (svc.spec?.ports ?? []).find((p: any) => p.port === port && (p.protocol ?? 'TCP') === protocol);
    if (!sp) return { kind: 'timeout', dialed };
    return viaService(view, src, svc, sp, dialed, undefined);
  }
  // NodePort on a node address, or the node itself
  const node = view.nodeByIP(ip);
  if (node) {
    const np = view.services().flatMap((s) => (s.spec?.ports ?? []).filter((p: any) => p.nodePort === port && (p.protocol ?? 'TCP') === protocol && (s.spec?.type === 'NodePort' || s.spec?.type === 'LoadBalancer')).map((p: any) => ({ s, p })))[0];
    if (np) return viaService(view, src, np.s, np.p, dialed, node);
    if (port === API_SERVER_PORT && node.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined) {
      if (src.pod && !connectionAllowed(view, peerOf(src), { ip }, port, protocol)) return { kind: 'timeout', dialed };
      return { kind: 'connected', dst: { type: 'apiserver', ip, port }, dialed, peer: { ip: src.ip, port: ephemeralPort(view) }, rttMs: 0.3 };
    }
    // host-network pods listening on the node's address
    for (const p of view.pods()) {
      if (!p.spec?.hostNetwork || p.spec?.nodeName !== node.metadata.name || !podServes(p)) continue;
      const l = listenerOn(p, port, protocol, view.host);
      if (l) return { kind: 'connected', dst: { type: 'pod', pod: p, listener: l, ip, port }, dialed, peer: { ip: src.ip, port: ephemeralPort(view) }, rttMs: 0.2 };
    }
    if (src.pod && !connectionAllowed(view, peerOf(src), { ip }, port, protocol)) return { kind: 'timeout', dialed };
    return { kind: 'refused', dialed };
  }
  // LoadBalancer ingress IPs and externalIPs
  const ext = view.servicesByExternalIP(ip);
  if (ext.length) {
    for (const s of ext) {
      const sp = (s.spec?.ports ?? []).find((p: any) => p.port === port && (p.protocol ?? 'TCP') === protocol);
      if (sp) return viaService(view, src, s, sp, dialed, undefined);
    }
    return { kind: 'timeout', dialed };
  }
  // the pod network
  if (inCidr(ip, POD_CIDR)) {
    const pod = view.podByIP(ip);
    if (!pod || !podServes(pod)) return { kind: pod ? 'timeout' : 'unreachable', dialed };
    return toPod(view, src, pod, ip, port, protocol, dialed, { ip: src.ip, port: ephemeralPort(view) });
  }
  if (inCidr(ip, netConfig().serviceSubnet)) return { kind: 'timeout', dialed };
  // the internet
  if (src.pod && !connectionAllowed(view, peerOf(src), { ip }, port, protocol)) return { kind: 'timeout', dialed };
  const name = Object.keys(EXTERNAL_HOSTS).find((k) => EXTERNAL_HOSTS[k] === ip);
  if (name && (port === 80 || port === 443) && protocol === 'TCP') {
    return { kind: 'connected', dst: { type: 'internet', ip, port, name }, dialed, peer: { ip: src.ip, port: ephemeralPort(view) }, rttMs: 8 + view.random() * 6 };
  }
  if (ip === NODE_NAMESERVER && port === 53) return { kind: 'connected', dst: { type: 'internet', ip, port }, dialed, peer: { ip: src.ip, port: ephemeralPort(view) }, rttMs: 0.5 };
  return { kind: 'timeout', dialed };
}

const peerOf = (src: Source): Peer => ({ ip: src.ip, pod: src.pod });

/** From the node's own network namespace (a node shell, a host-network pod): the source is the
 *  node's address, network policies do not apply to it, and loopback or the node's own address
 *  reach what listens on the node (NodePorts through kube-proxy's localhost rule, the API server). */
function connectFromNode(view: NetView, pod: KObject, ip: string, port: number, protocol: Protocol): Connection {
  const node = view.nodeOf(pod);
  const nip = nodeInternalIP(node) ?? pod.status?.hostIP ?? '';
  const local = ip === 'localhost' || ip.startsWith('127.') || ip === nip;
  const r = connect(view, { ip: nip }, local ? nip : ip, port, protocol);
  return local ? { ...r, dialed: { ip, port } } as Connection : r;
}

function toPod(view: NetView, src: Source, pod: KObject, ip: string, port: number, protocol: Protocol, dialed: { ip: string; port: number }, peer: { ip: string; port: number }, snat = false, service?: KObject): Connection {
  const self = !!src.pod && src.ip === ip;
  if (!self) {
    if (src.pod && !egressAllowed(view, src.pod, { ip, pod }, port, protocol)) return { kind: 'timeout', dialed, blocked: { dir: 'Egress', pod, ip, port, service } };
    const seen: Peer = snat ? { ip: peer.ip } : peerOf(src);
    if (!ingressAllowed(view, pod, seen, port, protocol)) return { kind: 'timeout', dialed, blocked: { dir: 'Ingress', pod, ip, port, service } };
  }
  const l = listenerOn(pod, port, protocol, view.host);
  if (!l) return { kind: 'refused', dialed };
  return { kind: 'connected', dst: { type: 'pod', pod, listener: l, ip, port }, dialed, peer, service, rttMs: rtt(view, src, pod) };
}

function viaService(view: NetView, src: Source, svc: KObject, sp: any, dialed: { ip: string; port: number }, viaNode: KObject | undefined): Connection {
  let backends = serviceBackends(view, svc, sp);
  if (viaNode && svc.spec?.externalTrafficPolicy === 'Local') {
    backends = backends.filter((b) => b.nodeName === viaNode.metadata.name);
    if (!backends.length) return { kind: 'timeout', dialed };
  }
  if (!backends.length) return { kind: 'refused', dialed };
  const b = chooseBackend(view, svc, sp, backends, src.ip);
  // NodePort traffic is masqueraded: the server sees the node (or its bridge, for a local pod)
  let peer = { ip: src.ip, port: ephemeralPort(view) };
  let snat = false;
  if (viaNode && svc.spec?.externalTrafficPolicy !== 'Local') {
    snat = true;
    const local = b.nodeName === viaNode.metadata.name;
    peer = { ip: (local ? view.nodeGateway(viaNode) : nodeInternalIP(viaNode)) ?? dialed.ip, port: ephemeralPort(view) };
  }
  if (b.pod) {
    if (!podServes(b.pod)) return { kind: 'timeout', dialed };
    return toPod(view, src, b.pod, b.ip, b.port, (sp.protocol ?? 'TCP') as Protocol, dialed, peer, snat, svc);
  }
  // an endpoint that is not a pod: a node (the API server) or an outside address
  const res = connect(view, { ip: src.ip, pod: src.pod }, b.ip, b.port, (sp.protocol ?? 'TCP') as Protocol);
  if (res.kind === 'connected') return { ...res, dialed, service: svc };
  return { ...res, dialed };
}

/** Whether a pod can talk to a DNS server (UDP 53): the kube-dns service's CoreDNS pods (or the
 *  node's resolver), subject to network policies. */
export function dnsReachable(view: NetView, src: Source, server: string): boolean {
  const svc = view.serviceByClusterIP(server);
  if (!svc) {
    const c = connect(view, src, server, 53, 'UDP');
    return c.kind === 'connected';
  }
  const sp = (svc.spec?.ports ?? []).find((p: any) => p.port === 53 && (p.protocol ?? 'TCP') === 'UDP');
  if (!sp) return false;
  const backends = serviceBackends(view, svc, sp);
  return backends.some((b) => !b.pod || (podServes(b.pod) && connectionAllowed(view, peerOf(src), { ip: b.ip, pod: b.pod }, b.port, 'UDP')));
}

export interface PingReply { ttl: number; rttMs: number }

/** ICMP echo: pods, nodes and internet hosts answer; service IPs do not (iptables mode). */
export function ping(view: NetView, src: Source, ip: string): PingReply | undefined {
  if (ip.startsWith('127.') || ip === src.ip) return { ttl: 64, rttMs: 0.03 + view.random() * 0.03 };
  const pod = inCidr(ip, POD_CIDR) ? view.podByIP(ip) : undefined;
  if (pod) {
    if (!podServes(pod)) return undefined;
    if (!icmpAllowed(view, src, pod)) return undefined;
    const same = src.pod?.spec?.nodeName === pod.spec?.nodeName;
    // from the node itself one router fewer: the pod's own node forwards to its veth
    const hops = src.pod?.spec?.hostNetwork ? 0 : 1;
    return { ttl: (same ? 64 : 63) - hops, rttMs: rtt(view, src, pod) };
  }
  const node = view.nodeByIP(ip);
  // the nodes share one Docker bridge: no router between them
  if (node) return { ttl: src.pod?.spec?.nodeName === node.metadata.name || src.pod?.spec?.hostNetwork ? 64 : 63, rttMs: 0.05 + view.random() * 0.1 };
  if (Object.values(EXTERNAL_HOSTS).includes(ip) || ip === NODE_NAMESERVER) {
    if (src.pod && isolatingPolicies(view, src.pod, 'Egress').length && !connectionAllowed(view, peerOf(src), { ip }, 0, 'TCP')) return undefined;
    return { ttl: 117, rttMs: 8 + view.random() * 6 };
  }
  return undefined;
}

/** ICMP under network policies: only rules without ports (all protocols) let it through. */
function icmpAllowed(view: NetView, src: Source, dst: KObject): boolean {
  return connectionAllowed(view, peerOf(src), { ip: dst.status?.podIP ?? '', pod: dst }, 0, 'TCP');
}
