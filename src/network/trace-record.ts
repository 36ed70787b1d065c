// Builds request trace records (trace.ts) from what the data plane decided: the resolver's
// answer, the Connection proxy.ts returned (which endpoint kube-proxy's rules chose, where a
// network policy dropped the SYN) and what the app answered. Only runs when the host records
// traces (DataPlaneHost.trace).
import type { KObject } from '../api/types';
import { NetView, isIPv4 } from './host';
import type { Hop, PodRef, TraceRecord } from './trace';
import type { Connection } from './proxy';
import { serviceBackends, dnsReachable } from './proxy';
import { isolatingPolicies } from './policy';
import { svcChain, extChain, sepChain, probabilityText } from './iptables';
import { resolveName, RR } from './dns';
import type { FetchResult, ParsedUrl } from './fetch';

export const podRef = (pod: KObject): PodRef => ({ ns: pod.metadata.namespace ?? 'default', name: pod.metadata.name, ip: pod.status?.podIP ?? '', node: pod.spec?.nodeName });

/** Who sent a request: a pod, or a node's own shell (`kubesim ssh`, src/network/node.ts: a
 *  host-network stand-in with no namespace), which is named as the node. */
export const sourceRef = (pod: KObject): TraceRecord['from'] => (pod.metadata.namespace === '' && pod.spec?.hostNetwork
  ? { ip: pod.status?.podIP ?? '', node: pod.spec?.nodeName, host: `node ${pod.spec?.nodeName} (${pod.status?.podIP ?? ''})` }
  : podRef(pod));

/** The record of one connection from the host to a NodePort or LoadBalancer listener that
 *  `kubesim serve` keeps on 127.0.0.1 (src/apiserver/host-listeners.ts). */
export function hostListenerRecord(view: NetView, local: number, src: { ip: string }, conn: Connection, answer?: { status: number; reason: string; version: string; target: string }): TraceRecord {
  const c = connectionHops(view, src, conn);
  const hops = c.hops;
  let outcome = c.outcome;
  if (answer) { hops.push({ type: 'answer', text: `${answer.version} ${answer.status} ${answer.reason}` }); outcome = 'answered'; }
  const target = `${conn.dialed.ip}:${conn.dialed.port}${answer ? ' ' + answer.target : ''}`;
  return { at: view.now().toISOString(), tool: 'host', from: { ip: src.ip, host: `127.0.0.1:${local} on the host (via ${src.ip})` }, target, hops, outcome };
}

// kube-proxy's chain names and probabilities: the ones the node shell's iptables-save prints.
export { svcChain, extChain, sepChain, probabilityText } from './iptables';
export const servicePortName = (svc: KObject, sp: any) => `${svc.metadata.namespace}/${svc.metadata.name}${sp.name ? ':' + sp.name : ''}`;

const rrText = (r: RR) => `${r.type} ${r.data}`;

/** The DNS hop of a name resolved from a pod (undefined for IP literals and localhost). */
export function dnsHop(view: NetView, pod: KObject, name: string): Hop | undefined {
  if (isIPv4(name) || name === 'localhost') return undefined;
  const src = { ip: pod.status?.podIP ?? '', pod };
  const r = resolveName(view, pod, name, (s) => dnsReachable(view, src, s));
  return { type: 'dns', name, fqdn: r.fqdn, server: r.server, status: r.status, records: r.answers.map(rrText), fromHosts: r.fromHosts };
}

/** The service (and how it was reached) behind a dialed address, if any. */
function serviceAt(view: NetView, ip: string, port: number, protocol: string): { svc: KObject; sp?: any; via: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalIP' } | undefined {
  const match = (s: KObject, p: any) => p.port === port && (p.protocol ?? 'TCP') === protocol;
  const c = view.serviceByClusterIP(ip);
  if (c) return { svc: c, sp: (c.spec?.ports ?? []).find((p: any) => match(c, p)), via: 'ClusterIP' };
  if (view.nodeByIP(ip)) {
    for (const s of view.services()) {
      const sp = (s.spec?.ports ?? []).find((p: any) => p.nodePort === port && (p.protocol ?? 'TCP') === protocol);
      if (sp && (s.spec?.type === 'NodePort' || s.spec?.type === 'LoadBalancer')) return { svc: s, sp, via: 'NodePort' };
    }
    return undefined;
  }
  for (const s of view.servicesByExternalIP(ip)) {
    const sp = (s.spec?.ports ?? []).find((p: any) => match(s, p));
    if (sp) return { svc: s, sp, via: (s.spec?.externalIPs ?? []).includes(ip) ? 'ExternalIP' : 'LoadBalancer' };
  }
  return undefined;
}

const names = (ps: KObject[]) => ps.map((p) => `${p.metadata.namespace}/${p.metadata.name}`);

/** The hops of one connection attempt from a pod (or an address) to ip:port, as proxy.ts decided it. */
export function connectionHops(view: NetView, src: { ip: string; pod?: KObject }, conn: Connection, protocol = 'TCP'): { hops: Hop[]; outcome: string } {
  const hops: Hop[] = [];
  const { ip, port } = conn.dialed;
  const at = serviceAt(view, ip, port, protocol);
  const dstPod = conn.kind === 'connected' && conn.dst.type === 'pod' ? conn.dst.pod : conn.kind === 'timeout' ? conn.blocked?.pod : undefined;
  if (at) {
    const { svc, sp, via } = at;
    const hop: Hop & { type: 'service' } = {
      type: 'service', ns: svc.metadata.namespace ?? 'default', name: svc.metadata.name, svcType: svc.spec?.type ?? 'ClusterIP', via,
      ip, port, protocol, chains: ['KUBE-SERVICES'], ready: 0,
    };
    hops.push(hop);
    if (!sp) {
      hops.push({ type: 'drop', where: `service ${hop.ns}/${hop.name}`, why: `the service has no ${protocol} port ${port}: no kube-proxy rule matches, the packet is dropped` });
      return { hops, outcome: 'timeout' };
    }
    const spn = servicePortName(svc, sp);
    const backends = serviceBackends(view, svc, sp);
    hop.ready = backends.length;
    if (via === 'NodePort') hop.chains.push('KUBE-NODEPORTS', extChain(spn, protocol));
    else if (via !== 'ClusterIP') hop.chains.push(extChain(spn, protocol));
    if (!backends.length) {
      hop.chains.push('REJECT');
      hops.push({ type: 'drop', where: `service ${hop.ns}/${hop.name}`, why: `"${spn} has no endpoints": kube-proxy's rule rejects the connection` });
      return { hops, outcome: 'refused' };
    }
    const ep = conn.kind === 'connected' && conn.dst.type === 'pod' ? `${conn.dst.ip}:${conn.dst.port}` : conn.kind === 'timeout' && conn.blocked ? `${conn.blocked.ip}:${conn.blocked.port}` : undefined;
    hop.chains.push(svcChain(spn, protocol));
    if (ep) {
      hop.endpoint = ep;
      hop.chains.push(sepChain(spn, protocol, ep), 'DNAT ' + ep);
      hop.probability = probabilityText(backends.length);
    }
    if (svc.spec?.sessionAffinity === 'ClientIP') hop.affinity = `ClientIP (${svc.spec?.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? 10800}s)`;
    if (via === 'NodePort' && svc.spec?.externalTrafficPolicy === 'Local' && conn.kind === 'timeout' && !conn.blocked) {
      hops.push({ type: 'drop', where: `service ${hop.ns}/${hop.name}`, why: 'externalTrafficPolicy: Local and no ready endpoint on this node' });
      return { hops, outcome: 'timeout' };
    }
  }
  if (dstPod && src.pod && src.ip !== (dstPod.status?.podIP ?? '')) {
    const eg = isolatingPolicies(view, src.pod, 'Egress');
    const denied = conn.kind === 'timeout' ? conn.blocked?.dir : undefined;
    if (eg.length || denied === 'Egress') hops.push({ type: 'policy', dir: 'Egress', verdict: denied === 'Egress' ? 'denied' : 'allowed', pod: `${src.pod.metadata.namespace}/${src.pod.metadata.name}`, policies: names(eg) });
    if (denied !== 'Egress') {
      const ing = isolatingPolicies(view, dstPod, 'Ingress');
      if (ing.length || denied === 'Ingress') hops.push({ type: 'policy', dir: 'Ingress', verdict: denied === 'Ingress' ? 'denied' : 'allowed', pod: `${dstPod.metadata.namespace}/${dstPod.metadata.name}`, policies: names(ing) });
    }
    if (denied) {
      hops.push({ type: 'drop', where: `network policy (${denied} of ${denied === 'Egress' ? src.pod.metadata.name : dstPod.metadata.name})`, why: 'no NetworkPolicy rule allows it: the SYN is dropped and the client times out' });
      return { hops, outcome: 'timeout' };
    }
  }
  if (conn.kind === 'connected') {
    const d = conn.dst;
    if (d.type === 'pod') hops.push({ type: 'pod', ...podRef(d.pod), ip: d.ip, port: d.port });
    else hops.push({ type: 'answer', text: d.type === 'apiserver' ? `the API server ${d.ip}:${d.port}` : `${d.name ?? d.ip}:${d.port} on the internet` });
    return { hops, outcome: 'connected' };
  }
  if (conn.kind === 'refused') {
    if (dstPod || !at) hops.push({ type: 'drop', where: `${ip}:${port}`, why: 'nothing listens on that port: connection refused (RST)' });
    else hops.push({ type: 'drop', where: `${ip}:${port}`, why: 'connection refused' });
    return { hops, outcome: 'refused' };
  }
  if (conn.kind === 'unreachable') {
    hops.push({ type: 'drop', where: ip, why: 'no host has that address: host unreachable' });
    return { hops, outcome: 'unreachable' };
  }
  const pod = view.podByIP(ip);
  hops.push({ type: 'drop', where: ip, why: pod ? `pod ${pod.metadata.name} is not running` : 'no route answers: the packet is dropped and the client times out' });
  return { hops, outcome: 'timeout' };
}

/** The record of one HTTP request from a pod (curl, wget). */
export function fetchRecord(view: NetView, pod: KObject, tool: string, u: ParsedUrl, result: FetchResult, conn: Connection | undefined): TraceRecord {
  const hops: Hop[] = [];
  const dns = dnsHop(view, pod, u.host);
  if (dns) hops.push(dns);
  let outcome: string = result.kind;
  if (result.kind === 'resolve') {
    hops.push({ type: 'drop', where: 'DNS', why: result.timedOut ? 'no DNS server could be reached (CoreDNS down, or a policy blocks UDP 53)' : `${u.host}: no such host (NXDOMAIN)` });
    outcome = result.timedOut ? 'dns-timeout' : 'nxdomain';
  } else if (conn) {
    const c = connectionHops(view, { ip: pod.status?.podIP ?? '', pod }, conn);
    hops.push(...c.hops);
    if (result.kind === 'response') {
      hops.push({ type: 'answer', text: `${result.response.version} ${result.response.status} ${result.response.reason}` });
      outcome = 'answered';
    } else if (c.outcome === 'connected') {
      hops.push({ type: 'drop', where: 'application', why: result.kind });
    }
  }
  return { at: view.now().toISOString(), tool, from: sourceRef(pod), target: u.href, hops, outcome };
}

/** The record of one DNS question from a pod (nslookup, dig, host). */
export function dnsRecord(view: NetView, pod: KObject, tool: string, server: string, name: string, a: { status: string; fqdn: string; answers: RR[] }): TraceRecord {
  const hops: Hop[] = [{ type: 'dns', name, fqdn: a.fqdn, server, status: a.status, records: a.answers.map(rrText) }];
  if (a.status === 'TIMEOUT') hops.push({ type: 'drop', where: 'DNS', why: `no answer from ${server}:53 (CoreDNS down, or a policy blocks UDP 53)` });
  else hops.push({ type: 'answer', text: a.status === 'OK' ? a.answers.map((r) => `${r.name} ${rrText(r)}`).join(', ') : a.status });
  return { at: view.now().toISOString(), tool, from: sourceRef(pod), target: name, hops, outcome: a.status === 'OK' ? 'answered' : a.status.toLowerCase() };
}

/** The record of one connection through `kubectl port-forward` (straight into the pod's network
 *  namespace: no DNS, no kube-proxy, no network policy). */
export function portForwardRecord(pod: KObject, local: number, remote: number, now: Date, answer: { status: number; reason: string; version: string; target: string } | undefined): TraceRecord {
  const p = podRef(pod);
  const hops: Hop[] = [{ type: 'pod', ...p, port: remote }];
  if (answer) hops.push({ type: 'answer', text: `${answer.version} ${answer.status} ${answer.reason}` });
  else hops.push({ type: 'drop', where: `pod ${p.ns}/${p.name}`, why: `nothing listens on port ${remote}: connection refused` });
  return {
    at: now.toISOString(), tool: 'port-forward', from: { ip: '127.0.0.1', host: `127.0.0.1:${local} (kubectl port-forward)` },
    target: `${p.ns}/${p.name}:${remote}${answer ? ' ' + answer.target : ''}`, hops, outcome: answer ? 'answered' : 'refused',
  };
}
