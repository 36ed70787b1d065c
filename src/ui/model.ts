// What the live picture knows about each object: a small projection made by the server (so the
// stream stays small at 10,000 pods) and read by the page. Plain data: both bundles import it.

export const UI_KINDS = ['Namespace', 'Node', 'Pod', 'Service', 'Endpoints', 'Deployment', 'ReplicaSet', 'NetworkPolicy'] as const;
export type UiKind = typeof UI_KINDS[number];

export interface UiObject { kind: UiKind; key: string; ns: string; name: string; [k: string]: any }

/** kind/namespace/name */
export const uiKey = (kind: string, ns: string, name: string) => `${kind}/${ns}/${name}`;

/** A pod's STATUS column as kubectl prints it (the common cases). */
function podStatus(p: any): string {
  if (p.metadata.deletionTimestamp) return 'Terminating';
  const st = p.status ?? {};
  let reason: string = st.reason ?? st.phase ?? 'Pending';
  for (const cs of st.containerStatuses ?? []) {
    const w = cs.state?.waiting?.reason, t = cs.state?.terminated;
    if (w) reason = w;
    else if (t) reason = t.reason ?? (t.signal ? `Signal:${t.signal}` : `ExitCode:${t.exitCode}`);
  }
  return reason;
}

const selectorText = (sel: any): string => {
  if (!sel) return '';
  const parts = Object.entries(sel.matchLabels ?? (sel.matchExpressions ? {} : sel)).map(([k, v]) => `${k}=${v}`);
  for (const e of sel.matchExpressions ?? []) parts.push(`${e.key} ${e.operator}${e.values ? ' (' + e.values.join(',') + ')' : ''}`);
  return parts.join(',');
};

function peerText(p: any): string {
  if (p.ipBlock) return `ipBlock ${p.ipBlock.cidr}${p.ipBlock.except?.length ? ' except ' + p.ipBlock.except.join(',') : ''}`;
  const a: string[] = [];
  if (p.namespaceSelector) a.push(`namespaces {${selectorText(p.namespaceSelector) || 'all'}}`);
  if (p.podSelector) a.push(`pods {${selectorText(p.podSelector) || 'all'}}`);
  return a.join(' and ');
}
const portsText = (ps: any[] | undefined) => !ps?.length ? 'any port' : ps.map((p) => `${p.protocol ?? 'TCP'}/${p.port ?? 'any'}${p.endPort ? '-' + p.endPort : ''}`).join(', ');

/** What a NetworkPolicy allows and denies, in words. */
export function policyLines(spec: any): string[] {
  const types: string[] = spec?.policyTypes?.length ? spec.policyTypes : ['Ingress', ...(spec?.egress ? ['Egress'] : [])];
  const sel = selectorText(spec?.podSelector) || 'all pods';
  const lines: string[] = [];
  for (const t of types) {
    const rules: any[] = (t === 'Ingress' ? spec?.ingress : spec?.egress) ?? [];
    const dir = t === 'Ingress' ? 'from' : 'to';
    if (!rules.length) { lines.push(`${t} of {${sel}}: all denied`); continue; }
    for (const r of rules) {
      const peers: any[] = r[dir] ?? [];
      lines.push(`${t} of {${sel}}: allow ${dir} ${peers.length ? peers.map(peerText).join(' or ') : 'anywhere'} on ${portsText(r.ports)}`);
    }
    lines.push(`${t} of {${sel}}: everything else denied`);
  }
  return lines;
}

/** The projection of one object the page draws. */
export function uiObject(o: any): UiObject | undefined {
  const kind = o.kind as UiKind;
  const m = o.metadata ?? {};
  const ns = m.namespace ?? '';
  const base = { kind, key: uiKey(kind, ns, m.name), ns, name: m.name, labels: m.labels ?? {} };
  const owner = (m.ownerReferences ?? []).find((r: any) => r.controller) ?? m.ownerReferences?.[0];
  switch (kind) {
    case 'Namespace': return base;
    case 'Node': return {
      ...base, ready: (o.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True'),
      ip: (o.status?.addresses ?? []).find((a: any) => a.type === 'InternalIP')?.address, podCIDR: o.spec?.podCIDR,
      unschedulable: !!o.spec?.unschedulable,
      controlPlane: m.labels?.['node-role.kubernetes.io/control-plane'] !== undefined,
    };
    case 'Pod': {
      const cs: any[] = o.status?.containerStatuses ?? [];
      return {
        ...base, node: o.spec?.nodeName ?? '', ip: o.status?.podIP ?? '', phase: o.status?.phase ?? 'Pending', status: podStatus(o),
        ready: (o.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True'),
        readyText: `${cs.filter((c) => c.ready).length}/${(o.spec?.containers ?? []).length}`,
        restarts: cs.reduce((a, c) => a + (c.restartCount ?? 0), 0),
        owner: owner ? `${owner.kind}/${owner.name}` : '', hostNetwork: !!o.spec?.hostNetwork,
      };
    }
    case 'Service': return {
      ...base, type: o.spec?.type ?? 'ClusterIP', clusterIP: o.spec?.clusterIP ?? '', selector: o.spec?.selector ?? null,
      ports: (o.spec?.ports ?? []).map((p: any) => ({ name: p.name ?? '', port: p.port, targetPort: p.targetPort ?? p.port, nodePort: p.nodePort, protocol: p.protocol ?? 'TCP' })),
      lb: (o.status?.loadBalancer?.ingress ?? []).map((i: any) => i.ip ?? i.hostname), externalName: o.spec?.externalName,
      externalIPs: o.spec?.externalIPs ?? [],
    };
    case 'Endpoints': {
      const ready: string[] = [], notReady: string[] = [];
      for (const ss of o.subsets ?? []) {
        for (const a of ss.addresses ?? []) if (a.targetRef?.name) ready.push(a.targetRef.name); else ready.push(a.ip);
        for (const a of ss.notReadyAddresses ?? []) if (a.targetRef?.name) notReady.push(a.targetRef.name); else notReady.push(a.ip);
      }
      return { ...base, ready: [...new Set(ready)], notReady: [...new Set(notReady)] };
    }
    case 'Deployment': return { ...base, replicas: o.spec?.replicas ?? 1, readyReplicas: o.status?.readyReplicas ?? 0, selector: selectorText(o.spec?.selector) };
    case 'ReplicaSet': return { ...base, replicas: o.spec?.replicas ?? 0, readyReplicas: o.status?.readyReplicas ?? 0, owner: owner ? `${owner.kind}/${owner.name}` : '' };
    case 'NetworkPolicy': return { ...base, podSelector: o.spec?.podSelector ?? {}, policyTypes: o.spec?.policyTypes ?? [], lines: policyLines(o.spec) };
    default: return undefined;
  }
}

/** One message of the stream. */
export type UiChange = { type: 'ADDED' | 'MODIFIED'; obj: UiObject } | { type: 'DELETED'; key: string };
