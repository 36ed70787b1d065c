// Service, Endpoints, EndpointSlice, Ingress, IngressClass, NetworkPolicy.
import type { KObject } from '../../api/types';
import {
  Writer, DescribeContext, tabbedString, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3, printLabelsMultiline, printAnnotationsMultiline,
  formatLabels, formatLabelSelector, goTimeString, intOrString, sortStrings,
} from './writer';
import { writeEvents, refOf } from './events';

const joinHostPort = (host: string, port: number | string) => (host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`);

/** formatEndpointSlices: ready endpoints as addr:port for the given port names (all ports when null),
 *  at most 3 then ` + N more...`; `<none>` when there are no slices. */
export function formatEndpointSlices(slices: KObject[], ports: Set<string> | null): string {
  if (!slices.length) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const s of slices) {
    const eps: any[] = s.endpoints ?? [];
    const sp: any[] = s.ports ?? [];
    if (!sp.length) {
      for (const e of eps) {
        if (list.length === max) more = true;
        const ready = e.conditions?.ready === undefined || e.conditions?.ready === null || e.conditions.ready === true;
        if (!ready) continue;
        if (!more) list.push((e.addresses ?? [])[0]);
        count++;
      }
    } else {
      for (const port of sp) {
        if (ports !== null && !ports.has(port.name ?? '')) continue;
        for (const e of eps) {
          if (list.length === max) more = true;
          const addr = (e.addresses ?? [])[0];
          const ready = e.conditions?.ready === undefined || e.conditions?.ready === null || e.conditions.ready === true;
          if (!ready) continue;
          if (!more) list.push(joinHostPort(addr, port.port ?? 0));
          count++;
        }
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

function slicesOfService(ctx: DescribeContext, ns: string | undefined, name: string): KObject[] {
  return ctx.reader.list('EndpointSlice', ns).filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === name);
}

// ---------------------------------------------------------------------------------------------
// Service

export function describeService(svc: KObject, ctx: DescribeContext): string {
  const spec = svc.spec ?? {};
  const slices = slicesOfService(ctx, svc.metadata.namespace, svc.metadata.name);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${svc.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${svc.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', svc.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', svc.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
    w.write(LEVEL_0, `Type:\t${spec.type ?? ''}\n`);
    if (spec.ipFamilyPolicy !== undefined && spec.ipFamilyPolicy !== null) w.write(LEVEL_0, `IP Family Policy:\t${spec.ipFamilyPolicy}\n`);
    w.write(LEVEL_0, `IP Families:\t${spec.ipFamilies?.length ? spec.ipFamilies.join(',') : '<none>'}\n`);
    w.write(LEVEL_0, `IP:\t${spec.clusterIP ?? ''}\n`);
    w.write(LEVEL_0, `IPs:\t${spec.clusterIPs?.length ? spec.clusterIPs.join(',') : '<none>'}\n`);
    if (spec.externalIPs?.length) w.write(LEVEL_0, `External IPs:\t${spec.externalIPs.join(',')}\n`);
    if (spec.loadBalancerIP) w.write(LEVEL_0, `Desired LoadBalancer IP:\t${spec.loadBalancerIP}\n`);
    if (spec.externalName) w.write(LEVEL_0, `External Name:\t${spec.externalName}\n`);
    const ingress: any[] = svc.status?.loadBalancer?.ingress ?? [];
    if (ingress.length) {
      const list = ingress.map((i) => (i.ip ? i.ip + (i.ipMode ? ` (${i.ipMode})` : '') : i.hostname ?? '')).join(', ');
      w.write(LEVEL_0, `LoadBalancer Ingress:\t${list}\n`);
    }
    for (const sp of spec.ports ?? []) {
      const name = sp.name || '<unset>';
      const proto = sp.protocol ?? '';
      w.write(LEVEL_0, `Port:\t${name}\t${sp.port ?? 0}/${proto}\n`);
      w.write(LEVEL_0, `TargetPort:\t${sp.targetPort === undefined || sp.targetPort === null ? 0 : sp.targetPort}/${proto}\n`);
      if (sp.nodePort) w.write(LEVEL_0, `NodePort:\t${name}\t${sp.nodePort}/${proto}\n`);
      w.write(LEVEL_0, `Endpoints:\t${formatEndpointSlices(slices, new Set([sp.name ?? '']))}\n`);
    }
    w.write(LEVEL_0, `Session Affinity:\t${spec.sessionAffinity ?? ''}\n`);
    if (spec.externalTrafficPolicy) w.write(LEVEL_0, `External Traffic Policy:\t${spec.externalTrafficPolicy}\n`);
    if (spec.internalTrafficPolicy !== undefined && spec.internalTrafficPolicy !== null) w.write(LEVEL_0, `Internal Traffic Policy:\t${spec.internalTrafficPolicy}\n`);
    if (spec.healthCheckNodePort) w.write(LEVEL_0, `HealthCheck NodePort:\t${spec.healthCheckNodePort}\n`);
    if (spec.loadBalancerSourceRanges?.length) w.write(LEVEL_0, `LoadBalancer Source Ranges:\t${spec.loadBalancerSourceRanges.join(',')}\n`);
    if (spec.trafficDistribution) w.write(LEVEL_0, `Traffic Distribution:\t${spec.trafficDistribution}\n`);
    writeEvents(w, ctx.reader, refOf(svc), ctx.showEvents, ctx.now);
  });
}

// ---------------------------------------------------------------------------------------------
// Endpoints, EndpointSlice

export function describeEndpoints(ep: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ep.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${ep.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', ep.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ep.metadata.annotations);
    w.write(LEVEL_0, 'Subsets:\n');
    for (const s of ep.subsets ?? []) {
      const addrs = (s.addresses ?? []).map((a: any) => a.ip ?? '').join(',');
      w.write(LEVEL_1, `Addresses:\t${addrs || '<none>'}\n`);
      const nr = (s.notReadyAddresses ?? []).map((a: any) => a.ip ?? '').join(',');
      w.write(LEVEL_1, `NotReadyAddresses:\t${nr || '<none>'}\n`);
      if (s.ports?.length) {
        w.write(LEVEL_1, 'Ports:\n');
        w.write(LEVEL_2, 'Name\tPort\tProtocol\n');
        w.write(LEVEL_2, '----\t----\t--------\n');
        for (const p of s.ports) w.write(LEVEL_2, `${p.name || '<unset>'}\t${p.port ?? 0}\t${p.protocol ?? ''}\n`);
      }
      w.write(LEVEL_0, '\n');
    }
    writeEvents(w, ctx.reader, refOf(ep), ctx.showEvents, ctx.now);
  });
}

export function describeEndpointSlice(eps: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${eps.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${eps.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', eps.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', eps.metadata.annotations);
    w.write(LEVEL_0, `AddressType:\t${eps.addressType ?? ''}\n`);
    const ports: any[] = eps.ports ?? [];
    if (!ports.length) w.write(LEVEL_0, 'Ports: <unset>\n');
    else {
      w.write(LEVEL_0, 'Ports:\n');
      w.write(LEVEL_1, 'Name\tPort\tProtocol\n');
      w.write(LEVEL_1, '----\t----\t--------\n');
      for (const p of ports) {
        const portNum = p.port === undefined || p.port === null ? '<unset>' : String(p.port);
        w.write(LEVEL_1, `${p.name || '<unset>'}\t${portNum}\t${p.protocol ?? ''}\n`);
      }
    }
    const endpoints: any[] = eps.endpoints ?? [];
    if (!endpoints.length) w.write(LEVEL_0, 'Endpoints: <none>\n');
    else {
      w.write(LEVEL_0, 'Endpoints:\n');
      for (const e of endpoints) {
        w.write(LEVEL_1, `- Addresses:\t${(e.addresses ?? []).join(', ') || '<none>'}\n`);
        w.write(LEVEL_2, 'Conditions:\n');
        const ready = e.conditions?.ready;
        w.write(LEVEL_3, `Ready:\t${ready === undefined || ready === null ? '<unset>' : String(ready)}\n`);
        w.write(LEVEL_2, `Hostname:\t${e.hostname ?? '<unset>'}\n`);
        if (e.targetRef) w.write(LEVEL_2, `TargetRef:\t${e.targetRef.kind ?? ''}/${e.targetRef.name ?? ''}\n`);
        w.write(LEVEL_2, `NodeName:\t${e.nodeName ?? '<unset>'}\n`);
        w.write(LEVEL_2, `Zone:\t${e.zone ?? '<unset>'}\n`);
      }
    }
    writeEvents(w, ctx.reader, refOf(eps), ctx.showEvents, ctx.now);
  });
}

// ---------------------------------------------------------------------------------------------
// Ingress, IngressClass

function describeBackend(ctx: DescribeContext, ns: string | undefined, backend: any): string {
  if (backend?.service) {
    const b = backend.service;
    const port = b.port?.number ? String(b.port.number) : (b.port?.name ?? '');
    const sb = `${b.name ?? ''}:${port}`;
    const svc = ctx.reader.get('Service', ns, b.name ?? '');
    if (!svc) return `${sb} (<error: services "${b.name ?? ''}" not found>)`;
    let spName = '';
    for (const sp of svc.spec?.ports ?? []) {
      if (b.port?.number && b.port.number === sp.port) spName = sp.name ?? '';
      else if (b.port?.name && b.port.name === sp.name) spName = sp.name ?? '';
    }
    const slices = slicesOfService(ctx, ns, b.name ?? '');
    return `${sb} (${formatEndpointSlices(slices, new Set([spName]))})`;
  }
  if (backend?.resource) {
    const r = backend.resource;
    const apiGroup = r.apiGroup !== undefined && r.apiGroup !== null ? String(r.apiGroup) : '<none>';
    return `APIGroup: ${apiGroup}, Kind: ${r.kind ?? ''}, Name: ${r.name ?? ''}`;
  }
  return '';
}

export function describeIngress(ing: KObject, ctx: DescribeContext): string {
  const spec = ing.spec ?? {};
  const ns = ing.metadata.namespace;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ing.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', ing.metadata.labels);
    w.write(LEVEL_0, `Namespace:\t${ns ?? ''}\n`);
    const addrs = new Set<string>();
    for (const i of ing.status?.loadBalancer?.ingress ?? []) {
      if (i.ip) addrs.add(i.ip); else if (i.hostname) addrs.add(i.hostname);
    }
    w.write(LEVEL_0, `Address:\t${sortStrings([...addrs]).join(',')}\n`);
    w.write(LEVEL_0, `Ingress Class:\t${spec.ingressClassName ?? '<none>'}\n`);
    const def = spec.defaultBackend ? describeBackend(ctx, ns, spec.defaultBackend) : '<default>';
    w.write(LEVEL_0, `Default backend:\t${def}\n`);
    if (spec.tls?.length) {
      w.write(LEVEL_0, 'TLS:\n');
      for (const t of spec.tls) {
        if (!t.secretName) w.write(LEVEL_1, `SNI routes ${(t.hosts ?? []).join(',')}\n`);
        else w.write(LEVEL_1, `${t.secretName} terminates ${(t.hosts ?? []).join(',')}\n`);
      }
    }
    w.write(LEVEL_0, 'Rules:\n  Host\tPath\tBackends\n');
    w.write(LEVEL_1, '----\t----\t--------\n');
    let count = 0;
    for (const r of spec.rules ?? []) {
      if (!r.http) continue;
      count++;
      w.write(LEVEL_1, `${r.host || '*'}\t\n`);
      for (const p of r.http.paths ?? []) w.write(LEVEL_2, `\t${p.path ?? ''} \t${describeBackend(ctx, ns, p.backend)}\n`);
    }
    if (!count) w.write(LEVEL_1, `*\t*\t${def}\n`);
    printAnnotationsMultiline(w, 'Annotations', ing.metadata.annotations);
    writeEvents(w, ctx.reader, refOf(ing), ctx.showEvents, ctx.now);
  });
}

export function describeIngressClass(ic: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ic.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', ic.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ic.metadata.annotations);
    w.write(LEVEL_0, `Controller:\t${ic.spec?.controller ?? ''}\n`);
    const p = ic.spec?.parameters;
    if (p) {
      w.write(LEVEL_0, 'Parameters:\n');
      if (p.apiGroup !== undefined && p.apiGroup !== null) w.write(LEVEL_1, `APIGroup:\t${p.apiGroup}\n`);
      w.write(LEVEL_1, `Kind:\t${p.kind ?? ''}\n`);
      w.write(LEVEL_1, `Name:\t${p.name ?? ''}\n`);
    }
    writeEvents(w, ctx.reader, refOf(ic), ctx.showEvents, ctx.now);
  });
}

// ---------------------------------------------------------------------------------------------
// NetworkPolicy

function printPeers(w: Writer, peers: any[], indent: string, word: string): void {
  for (const peer of peers) {
    w.write(LEVEL_0, `${indent}${word}:\n`);
    if (peer.podSelector && peer.namespaceSelector) {
      w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
      w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    } else if (peer.podSelector) {
      w.write(LEVEL_1, `${indent}PodSelector: ${formatLabelSelector(peer.podSelector)}\n`);
    } else if (peer.namespaceSelector) {
      w.write(LEVEL_1, `${indent}NamespaceSelector: ${formatLabelSelector(peer.namespaceSelector)}\n`);
    } else if (peer.ipBlock) {
      w.write(LEVEL_1, `${indent}IPBlock:\n`);
      w.write(LEVEL_2, `${indent}CIDR: ${peer.ipBlock.cidr ?? ''}\n`);
      w.write(LEVEL_2, `${indent}Except: ${(peer.ipBlock.except ?? []).join(', ')}\n`);
    }
  }
}

function printRules(w: Writer, rules: any[] | undefined, indent: string, ingress: boolean): void {
  if (!rules?.length) {
    w.write(LEVEL_0, `${indent}<none> (Selected pods are isolated for ${ingress ? 'ingress' : 'egress'} connectivity)\n`);
    return;
  }
  rules.forEach((r, i) => {
    const ports: any[] = r.ports ?? [];
    if (!ports.length) w.write(LEVEL_0, `${indent}To Port: <any> (traffic allowed to all ports)\n`);
    else for (const p of ports) {
      const proto = p.protocol ?? 'TCP';
      // %s of a *IntOrString: its String(), `<nil>` when unset
      if (p.endPort === undefined || p.endPort === null) w.write(LEVEL_0, `${indent}To Port: ${intOrString(p.port)}/${proto}\n`);
      else w.write(LEVEL_0, `${indent}To Port Range: ${intOrString(p.port)}-${p.endPort}/${proto}\n`);
    }
    const peers: any[] = (ingress ? r.from : r.to) ?? [];
    if (!peers.length) w.write(LEVEL_0, `${indent}${ingress ? 'From: <any> (traffic not restricted by source)' : 'To: <any> (traffic not restricted by destination)'}\n`);
    else printPeers(w, peers, indent, ingress ? 'From' : 'To');
    if (i !== rules.length - 1) w.write(LEVEL_0, `${indent}----------\n`);
  });
}

export function describeNetworkPolicy(np: KObject, _ctx: DescribeContext): string {
  const spec = np.spec ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${np.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${np.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Created on:\t${goTimeString(np.metadata.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', np.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', np.metadata.annotations);
    w.write(LEVEL_0, 'Spec:\n');
    w.write(LEVEL_1, 'PodSelector: ');
    const ps = spec.podSelector ?? {};
    if (!Object.keys(ps.matchLabels ?? {}).length && !(ps.matchExpressions ?? []).length) {
      w.write(LEVEL_2, '<none> (Allowing the specific traffic to all pods in this namespace)\n');
    } else {
      w.write(LEVEL_2, `${formatLabelSelector(ps)}\n`);
    }
    const types: string[] = spec.policyTypes ?? [];
    const ingress = types.includes('Ingress');
    const egress = types.includes('Egress');
    if (ingress) { w.write(LEVEL_1, 'Allowing ingress traffic:\n'); printRules(w, spec.ingress, '    ', true); }
    else w.write(LEVEL_1, 'Not affecting ingress traffic\n');
    if (egress) { w.write(LEVEL_1, 'Allowing egress traffic:\n'); printRules(w, spec.egress, '    ', false); }
    else w.write(LEVEL_1, 'Not affecting egress traffic\n');
    w.write(LEVEL_1, `Policy Types: ${spec.policyTypes ? (types.join(', ') || '<none>') : '<none>'}\n`);
  });
}
