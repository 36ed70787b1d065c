// Cluster DNS: CoreDNS's kubernetes plugin (zone cluster.local, `pods insecure`, reverse zones)
// and a pod's resolver (/etc/resolv.conf as the kubelet writes it, /etc/hosts, ndots:5 and the
// search list). External names resolve from a small fixed table; everything else is NXDOMAIN.
import type { KObject } from '../api/types';
import { NetView, isIPv4, isPodReady } from './host';
import { podHostname } from './env';
import { nodeHostsText } from './node';

export const CLUSTER_DOMAIN = 'cluster.local';
export const DNS_SERVICE_IP = '10.96.0.10';
/** The kind node's upstream resolver (docker's network gateway). */
export const NODE_NAMESERVER = '172.18.0.1';

export type RRType = 'A' | 'AAAA' | 'CNAME' | 'PTR' | 'SRV' | 'TXT' | 'MX' | 'NS' | 'SOA' | 'ANY';
export interface RR { name: string; type: 'A' | 'CNAME' | 'PTR' | 'SRV'; data: string; ttl: number }
export interface DnsReply { rcode: 'NOERROR' | 'NXDOMAIN' | 'SERVFAIL'; answers: RR[]; authoritative: boolean }

/** Names outside the cluster that resolve (the rest of the internet is NXDOMAIN here). */
export const EXTERNAL_HOSTS: Record<string, string> = {
  'example.com': '93.184.215.14',
  'www.example.com': '93.184.215.14',
  'example.org': '93.184.215.14',
  'google.com': '142.250.185.78',
  'www.google.com': '142.250.185.100',
};

const norm = (n: string) => n.toLowerCase().replace(/\.$/, '');

function endpointAddresses(view: NetView, ns: string, svc: string): { ip: string; hostname?: string }[] {
  const ep = view.endpoints(ns, svc);
  const out: { ip: string; hostname?: string }[] = [];
  for (const ss of ep?.subsets ?? []) for (const a of ss.addresses ?? []) if (!out.some((x) => x.ip === a.ip)) out.push({ ip: a.ip, hostname: a.hostname });
  return out;
}

const dashed = (ip: string) => ip.replace(/\./g, '-');

/** One question to CoreDNS (10.96.0.10). */
export function coreDnsQuery(view: NetView, qname: string, qtype: RRType = 'A'): DnsReply {
  const name = norm(qname);
  const ok = (answers: RR[], authoritative = true): DnsReply => ({ rcode: 'NOERROR', answers, authoritative });
  const nx = (authoritative = true): DnsReply => ({ rcode: 'NXDOMAIN', answers: [], authoritative });
  const wantA = qtype === 'A' || qtype === 'ANY';

  if (name.endsWith('.in-addr.arpa')) {
    const octets = name.slice(0, -'.in-addr.arpa'.length).split('.').reverse();
    const ip = octets.join('.');
    if (octets.length !== 4 || !isIPv4(ip)) return nx();
    if (qtype !== 'PTR' && qtype !== 'ANY') return ok([]);
    const svc = view.serviceByClusterIP(ip);
    if (svc) return ok([{ name, type: 'PTR', data: `${svc.metadata.name}.${svc.metadata.namespace}.svc.${CLUSTER_DOMAIN}`, ttl: 30 }]);
    for (const s of view.services()) {
      const a = endpointAddresses(view, s.metadata.namespace!, s.metadata.name).find((x) => x.ip === ip);
      if (a) return ok([{ name, type: 'PTR', data: `${a.hostname ?? dashed(ip)}.${s.metadata.name}.${s.metadata.namespace}.svc.${CLUSTER_DOMAIN}`, ttl: 30 }]);
    }
    return nx(false);
  }

  if (name === CLUSTER_DOMAIN || name.endsWith('.' + CLUSTER_DOMAIN)) {
    const labels = name === CLUSTER_DOMAIN ? [] : name.slice(0, -(CLUSTER_DOMAIN.length + 1)).split('.');
    const last = labels[labels.length - 1];
    if (labels.length === 0) return ok([]);
    if (last === 'svc') {
      if (labels.length === 1) return ok([]);
      const ns = labels[labels.length - 2];
      if (!view.namespace(ns)) return nx();
      if (labels.length === 2) return ok([]);
      const svcName = labels[labels.length - 3];
      const svc = view.service(ns, svcName);
      if (!svc) return nx();
      const fqdn = `${svcName}.${ns}.svc.${CLUSTER_DOMAIN}`;
      const headless = svc.spec?.clusterIP === 'None';
      if (labels.length === 3) {
        if (svc.spec?.type === 'ExternalName') {
          const target = norm(String(svc.spec.externalName ?? ''));
          const answers: RR[] = [{ name: fqdn, type: 'CNAME', data: target, ttl: 30 }];
          if (wantA) {
            const r = coreDnsQuery(view, target, 'A');
            answers.push(...r.answers);
          }
          return ok(answers);
        }
        if (!wantA) return ok([]);
        if (headless) {
          // CoreDNS answers NXDOMAIN for a headless service with no ready endpoint (findServices
          // leaves errNoItems when no address was added).
          const addrs = endpointAddresses(view, ns, svcName);
          return addrs.length ? ok(addrs.map((a) => ({ name: fqdn, type: 'A' as const, data: a.ip, ttl: 30 }))) : nx();
        }
        return ok([{ name: fqdn, type: 'A', data: svc.spec.clusterIP, ttl: 30 }]);
      }
      if (labels.length === 4 && svc.spec?.type !== 'ExternalName') {
        // <endpoint>.<svc>.<ns>.svc: an endpoint query, for any service with endpoints (not only
        // headless ones); the endpoint's name is its hostname (StatefulSet pods) if it has one,
        // else its dashed IP (CoreDNS endpointHostname).
        const host = labels[0];
        const a = endpointAddresses(view, ns, svcName).find((x) => (x.hostname ?? dashed(x.ip)) === host);
        if (!a) return nx();
        return ok(wantA ? [{ name, type: 'A', data: a.ip, ttl: 30 }] : []);
      }
      if (labels.length === 5 && qtype === 'SRV' && labels[0].startsWith('_') && labels[1].startsWith('_')) {
        const port = (svc.spec?.ports ?? []).find((p: any) => p.name && `_${p.name}` === labels[0] && `_${String(p.protocol ?? 'TCP').toLowerCase()}` === labels[1]);
        if (!port) return nx();
        if (headless) {
          return ok(endpointAddresses(view, ns, svcName).map((a) => ({ name, type: 'SRV' as const, data: `0 ${Math.floor(100 / Math.max(1, endpointAddresses(view, ns, svcName).length))} ${port.port} ${a.hostname ?? dashed(a.ip)}.${fqdn}`, ttl: 30 })));
        }
        return ok([{ name, type: 'SRV', data: `0 100 ${port.port} ${fqdn}`, ttl: 30 }]);
      }
      return nx();
    }
    if (last === 'pod') {
      if (labels.length === 1) return ok([]);
      const ns = labels[labels.length - 2];
      if (labels.length === 2) return view.namespace(ns) ? ok([]) : nx();
      if (labels.length !== 3) return nx();
      const ip = labels[0].replace(/-/g, '.');
      if (!isIPv4(ip)) return nx();
      return ok(wantA ? [{ name, type: 'A', data: ip, ttl: 30 }] : []);
    }
    return nx();
  }

  // forwarded upstream (/etc/resolv.conf of the node)
  const ext = EXTERNAL_HOSTS[name];
  if (ext) return ok(wantA ? [{ name, type: 'A', data: ext, ttl: 300 }] : [], false);
  return nx(false);
}

// ---- the pod's resolver -----------------------------------------------------------------------

export interface ResolvConf { nameservers: string[]; search: string[]; ndots: number; options: string[] }

/** The resolver configuration the kubelet gives a pod (dnsPolicy, dnsConfig, hostNetwork). */
export function podResolvConf(pod: KObject): ResolvConf {
  const ns = pod.metadata.namespace ?? 'default';
  let policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  if (policy === 'ClusterFirst' && pod.spec?.hostNetwork) policy = 'Default';
  let rc: ResolvConf;
  if (policy === 'None') rc = { nameservers: [], search: [], ndots: 1, options: [] };
  else if (policy === 'Default') rc = { nameservers: [NODE_NAMESERVER], search: [], ndots: 1, options: [] };
  else rc = { nameservers: [DNS_SERVICE_IP], search: [`${ns}.svc.${CLUSTER_DOMAIN}`, `svc.${CLUSTER_DOMAIN}`, CLUSTER_DOMAIN], ndots: 5, options: ['ndots:5'] };
  const dc = pod.spec?.dnsConfig;
  if (dc) {
    for (const n of dc.nameservers ?? []) if (!rc.nameservers.includes(n)) rc.nameservers.push(n);
    for (const s of dc.searches ?? []) if (!rc.search.includes(s)) rc.search.push(s);
    for (const o of dc.options ?? []) {
      const text = o.value !== undefined ? `${o.name}:${o.value}` : o.name;
      rc.options = rc.options.filter((x) => x.split(':')[0] !== o.name);
      rc.options.push(text);
      if (o.name === 'ndots' && o.value !== undefined) rc.ndots = Number(o.value);
    }
  }
  return rc;
}

/** /etc/resolv.conf as containerd writes it from the kubelet's DNS config. */
export function resolvConfText(pod: KObject): string {
  const rc = podResolvConf(pod);
  let s = '';
  if (rc.search.length) s += `search ${rc.search.join(' ')}\n`;
  for (const n of rc.nameservers) s += `nameserver ${n}\n`;
  if (rc.options.length) s += `options ${rc.options.join(' ')}\n`;
  return s;
}

/** /etc/hosts as the kubelet writes it (managed hosts file). */
export function hostsFileText(pod: KObject): string {
  // The kubelet leaves a host-network pod the node's own /etc/hosts (Docker's, on kind).
  if (pod.spec?.hostNetwork && pod.spec?.nodeName && pod.status?.hostIP) return nodeHostsText(pod.spec.nodeName, pod.status.hostIP);
  let s = '# Kubernetes-managed hosts file.\n127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nfe00::0\tip6-mcastprefix\nfe00::1\tip6-allnodes\nfe00::2\tip6-allrouters\n';
  const ip = pod.status?.podIP;
  const host = podHostname(pod);
  if (ip && !pod.spec?.hostNetwork) {
    if (pod.spec?.subdomain) s += `${ip}\t${host}.${pod.spec.subdomain}.${pod.metadata.namespace ?? 'default'}.svc.${CLUSTER_DOMAIN}\t${host}\n`;
    else s += `${ip}\t${host}\n`;
  }
  const aliases: any[] = pod.spec?.hostAliases ?? [];
  if (aliases.length) {
    s += '\n# Entries added by HostAliases.\n';
    for (const a of aliases) s += `${a.ip}\t${(a.hostnames ?? []).join('\t')}\n`;
  }
  return s;
}

/** Names /etc/hosts answers for (lower-cased) -> address. */
function hostsEntries(pod: KObject): Map<string, string> {
  const m = new Map<string, string>();
  for (const line of hostsFileText(pod).split('\n')) {
    const t = line.replace(/#.*/, '').trim().split(/\s+/);
    if (t.length < 2 || !isIPv4(t[0])) continue;
    for (const n of t.slice(1)) if (!m.has(n.toLowerCase())) m.set(n.toLowerCase(), t[0]);
  }
  return m;
}

/** The candidate names the resolver asks for, in order (glibc/musl with ndots). */
export function searchCandidates(name: string, rc: ResolvConf): string[] {
  if (name.endsWith('.')) return [norm(name)];
  const n = name.toLowerCase();
  const dots = (n.match(/\./g) ?? []).length;
  const searched = rc.search.map((d) => `${n}.${d}`);
  return dots >= rc.ndots ? [n, ...searched] : [...searched, n];
}

export interface Resolution {
  /** what was asked */
  name: string;
  /** the name that answered (the FQDN found via the search list) */
  fqdn?: string;
  answers: RR[];
  /** NXDOMAIN: no candidate had records; TIMEOUT: no DNS server could be reached */
  status: 'OK' | 'NXDOMAIN' | 'NODATA' | 'TIMEOUT';
  fromHosts?: boolean;
  authoritative: boolean;
  server: string;
}

/** Whether the pod can reach a DNS server at all (network policies, CoreDNS up).
 *  `reach` is the data plane's connectivity check (proxy.ts) for UDP port 53. */
export type DnsReach = (server: string) => boolean;

/** Resolve a name from a pod the way its libc would (hosts file, then DNS with the search list). */
export function resolveName(view: NetView, pod: KObject, name: string, reach: DnsReach, qtype: RRType = 'A', opts: { useHosts?: boolean; search?: boolean } = {}): Resolution {
  const rc = podResolvConf(pod);
  const server = rc.nameservers[0] ?? '127.0.0.1';
  const base = { name, server, authoritative: true };
  if (isIPv4(name)) return { ...base, fqdn: name, answers: [{ name, type: 'A', data: name, ttl: 0 }], status: 'OK' };
  if (opts.useHosts !== false) {
    const h = hostsEntries(pod).get(norm(name));
    if (h) return { ...base, fqdn: norm(name), answers: [{ name: norm(name), type: 'A', data: h, ttl: 0 }], status: 'OK', fromHosts: true };
  }
  if (!rc.nameservers.length || !reach(server)) return { ...base, answers: [], status: 'TIMEOUT' };
  const cands = opts.search === false ? [norm(name)] : searchCandidates(name, rc);
  let nodata: Resolution | undefined;
  for (const c of cands) {
    const r = dnsAt(view, server, c, qtype);
    if (r.rcode === 'NOERROR' && r.answers.length) return { ...base, fqdn: c, answers: r.answers, status: 'OK', authoritative: r.authoritative };
    if (r.rcode === 'NOERROR' && !nodata) nodata = { ...base, fqdn: c, answers: [], status: 'NODATA', authoritative: r.authoritative };
  }
  return nodata ?? { ...base, answers: [], status: 'NXDOMAIN', authoritative: !cands.every((c) => !c.endsWith(CLUSTER_DOMAIN)) };
}

/** A question to a given DNS server: the cluster DNS (or any CoreDNS pod), or the node's upstream. */
export function dnsAt(view: NetView, server: string, qname: string, qtype: RRType): DnsReply {
  if (server === NODE_NAMESERVER) {
    const n = norm(qname);
    if (n.endsWith(CLUSTER_DOMAIN)) return { rcode: 'NXDOMAIN', answers: [], authoritative: false };
    // Docker's embedded DNS answers for the containers on the kind network: the nodes
    const node = view.nodes().find((x) => n === x.metadata.name || n === `${x.metadata.name}.kind`);
    const ip = (node?.status?.addresses ?? []).find((a: any) => a.type === 'InternalIP')?.address;
    if (ip) return { rcode: 'NOERROR', answers: qtype === 'A' || qtype === 'ANY' ? [{ name: n, type: 'A', data: ip, ttl: 600 }] : [], authoritative: false };
    return coreDnsQuery(view, n, qtype);
  }
  return coreDnsQuery(view, qname, qtype);
}

/** The CoreDNS pods behind kube-dns (for connectivity and policy checks). */
export function dnsPods(view: NetView): KObject[] {
  return view.pods('kube-system').filter((p) => p.metadata.labels?.['k8s-app'] === 'kube-dns' && isPodReady(p));
}
