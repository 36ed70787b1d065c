// NetworkPolicy (networking.k8s.io/v1) enforcement, as a CNI that implements it does: a pod
// selected by some policy of a type (Ingress / Egress) is isolated for that direction, and only
// traffic some such policy allows gets through (the union of the rules). Peers: podSelector,
// namespaceSelector (both = AND), ipBlock (cidr minus except); ports by number, by the
// destination pod's named container ports, or ranges with endPort. Traffic from the node a pod
// runs on is always allowed, and host-network pods are not subject to policies.
import type { KObject } from '../api/types';
import { matchLabels, selectorFromLabelSelector } from '../api/selectors';
import { NetView, inCidr } from './host';

/** One end of a connection: a pod (with its IP), or just an address (node, external). */
export interface Peer { ip: string; pod?: KObject }

export type Protocol = 'TCP' | 'UDP' | 'SCTP';

function policyTypes(p: KObject): string[] {
  const t: string[] | undefined = p.spec?.policyTypes;
  if (t && t.length) return t;
  return ['Ingress', ...(p.spec?.egress ? ['Egress'] : [])];
}

const selects = (policy: KObject, pod: KObject) => matchLabels(selectorFromLabelSelector(policy.spec?.podSelector ?? {}), pod.metadata.labels);

/** The policies that isolate a pod in a direction. */
export function isolatingPolicies(view: NetView, pod: KObject, dir: 'Ingress' | 'Egress'): KObject[] {
  if (pod.spec?.hostNetwork) return [];
  return view.policies(pod.metadata.namespace ?? 'default').filter((p) => policyTypes(p).includes(dir) && selects(p, pod));
}

function peerMatches(view: NetView, policyNs: string, peer: any, other: Peer): boolean {
  if (peer.ipBlock) {
    const b = peer.ipBlock;
    if (!b.cidr || !inCidr(other.ip, b.cidr)) return false;
    return !(b.except ?? []).some((c: string) => inCidr(other.ip, c));
  }
  const pod = other.pod && !other.pod.spec?.hostNetwork ? other.pod : undefined;
  if (!pod) return false;
  const podNs = pod.metadata.namespace ?? 'default';
  if (peer.namespaceSelector) {
    if (!matchLabels(selectorFromLabelSelector(peer.namespaceSelector), view.namespaceLabels(podNs))) return false;
  } else if (podNs !== policyNs) return false;
  if (peer.podSelector) return matchLabels(selectorFromLabelSelector(peer.podSelector), pod.metadata.labels);
  return true;
}

/** The numeric value of a named port on a pod (containerPort with that name and protocol). */
export function namedPort(pod: KObject | undefined, name: string, protocol: Protocol = 'TCP'): number | undefined {
  for (const c of pod?.spec?.containers ?? []) {
    for (const p of c.ports ?? []) if (p.name === name && (p.protocol ?? 'TCP') === protocol) return p.containerPort;
  }
  return undefined;
}

function portMatches(rulePorts: any[] | undefined, port: number, protocol: Protocol, dstPod: KObject | undefined): boolean {
  if (!rulePorts || !rulePorts.length) return true;
  return rulePorts.some((rp) => {
    if ((rp.protocol ?? 'TCP') !== protocol) return false;
    if (rp.port === undefined || rp.port === null) return true;
    if (typeof rp.port === 'number' || /^\d+$/.test(String(rp.port))) {
      const lo = Number(rp.port);
      const hi = rp.endPort !== undefined ? Number(rp.endPort) : lo;
      return port >= lo && port <= hi;
    }
    return namedPort(dstPod, String(rp.port), protocol) === port;
  });
}

/** Whether `dst` (a pod) accepts a connection from `src` on port/protocol. */
export function ingressAllowed(view: NetView, dst: KObject, src: Peer, port: number, protocol: Protocol = 'TCP'): boolean {
  const pols = isolatingPolicies(view, dst, 'Ingress');
  if (!pols.length) return true;
  const node = view.nodeOf(dst);
  if (node && (node.status?.addresses ?? []).some((a: any) => a.address === src.ip)) return true;
  const ns = dst.metadata.namespace ?? 'default';
  return pols.some((p) => (p.spec?.ingress ?? []).some((rule: any) =>
    (!rule.from || !rule.from.length || rule.from.some((peer: any) => peerMatches(view, ns, peer, src))) &&
    portMatches(rule.ports, port, protocol, dst)));
}

/** Whether `src` (a pod) may open a connection to `dst` on port/protocol. */
export function egressAllowed(view: NetView, src: KObject, dst: Peer, port: number, protocol: Protocol = 'TCP'): boolean {
  const pols = isolatingPolicies(view, src, 'Egress');
  if (!pols.length) return true;
  const ns = src.metadata.namespace ?? 'default';
  return pols.some((p) => (p.spec?.egress ?? []).some((rule: any) =>
    (!rule.to || !rule.to.length || rule.to.some((peer: any) => peerMatches(view, ns, peer, dst))) &&
    portMatches(rule.ports, port, protocol, dst.pod)));
}

/** Both directions: the source's egress and the destination's ingress. */
export function connectionAllowed(view: NetView, src: Peer, dst: Peer, port: number, protocol: Protocol = 'TCP'): boolean {
  if (src.pod && src.ip === dst.ip) return true; // a pod talking to itself
  if (src.pod && !egressAllowed(view, src.pod, dst, port, protocol)) return false;
  if (dst.pod && !ingressAllowed(view, dst.pod, src, port, protocol)) return false;
  return true;
}
