// The request trace: what the simulated data plane did with one request (curl, wget, nslookup
// from a pod, a port-forward connection), hop by hop. Built by trace-record.ts, stored by the
// host (DataPlaneHost.trace), printed by `kubesim trace` and drawn by the live picture (src/ui/).
// Plain data and text only: the browser bundle imports this file.

export interface PodRef { ns: string; name: string; ip: string; node?: string }

export type Hop =
  /** the pod's resolver asking CoreDNS (or the hosts file) */
  | { type: 'dns'; name: string; fqdn?: string; server: string; status: string; records: string[]; fromHosts?: boolean }
  /** kube-proxy's rules for a service port: the chains taken and the endpoint chosen */
  | {
    type: 'service'; ns: string; name: string; svcType: string; via: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalIP';
    ip: string; port: number; protocol: string; chains: string[]; ready: number;
    endpoint?: string; probability?: string; affinity?: string;
  }
  /** a NetworkPolicy verdict for one direction */
  | { type: 'policy'; dir: 'Egress' | 'Ingress'; verdict: 'allowed' | 'denied'; pod: string; policies: string[] }
  /** the pod that received the connection */
  | { type: 'pod'; ns: string; name: string; ip: string; port: number; node?: string }
  /** what answered: an HTTP status line, DNS records, a host outside the cluster */
  | { type: 'answer'; text: string }
  /** where and why the request stopped */
  | { type: 'drop'; where: string; why: string };

export interface TraceRecord {
  /** assigned by the store: the row id */
  id?: number;
  at: string;
  tool: 'curl' | 'wget' | 'nslookup' | 'port-forward' | string;
  from: PodRef | { ns?: undefined; name?: undefined; ip: string; node?: string; host?: string };
  /** what was asked: a URL, a name */
  target: string;
  hops: Hop[];
  /** answered | refused | timeout | unreachable | nxdomain | dns-timeout | ... */
  outcome: string;
}

const fromText = (r: TraceRecord) => r.from.name ? `pod ${r.from.ns}/${r.from.name} (${r.from.ip})` : (r.from as any).host ?? r.from.ip;

/** One hop as a line of text. */
export function hopText(h: Hop): string {
  switch (h.type) {
    case 'dns':
      if (h.fromHosts) return `DNS      ${h.name}: /etc/hosts ${h.records.join(', ')}`;
      return `DNS      ${h.name} -> ${h.status === 'OK' ? `${h.fqdn} ${h.records.join(', ')}` : h.status} (server ${h.server})`;
    case 'service': {
      const ep = h.endpoint ? ` -> endpoint ${h.endpoint}` : '';
      const p = h.probability ? ` (probability ${h.probability}, 1 of ${h.ready} ready)` : ` (${h.ready} ready endpoints)`;
      return `SERVICE  ${h.ns}/${h.name} ${h.svcType}${h.via === 'ClusterIP' ? '' : ' via ' + h.via} ${h.ip}:${h.port}/${h.protocol}${ep}${h.endpoint ? p : ` (${h.ready} ready endpoints)`}` +
        (h.affinity ? ` affinity ${h.affinity}` : '') + `\n         chains ${h.chains.join(' -> ')}`;
    }
    case 'policy':
      return `POLICY   ${h.dir} of ${h.pod}: ${h.verdict}${h.policies.length ? ` by ${h.policies.join(', ')}` : ''}`;
    case 'pod':
      return `POD      ${h.ns}/${h.name} ${h.ip}:${h.port}${h.node ? ` on ${h.node}` : ''}`;
    case 'answer':
      return `ANSWER   ${h.text}`;
    case 'drop':
      return `STOPPED  at ${h.where}: ${h.why}`;
  }
}

/** A record as the terminal shows it: a header line and one indented line per hop. */
export function traceText(r: TraceRecord): string {
  const head = `#${r.id ?? '-'} ${r.at} ${r.tool} ${r.target} from ${fromText(r)}: ${r.outcome}`;
  return [head, ...r.hops.map((h) => '  ' + hopText(h).replace(/\n/g, '\n  '))].join('\n') + '\n';
}
