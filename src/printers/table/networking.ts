// Tables of discovery.k8s.io and networking.k8s.io kinds (printers.go 1.32, Wide: true).
import { RowFn, cols, age, formatLabelSelector, byteCompare } from './common';

function listWithMore(list: string[], more: boolean, count: number, max: number): string {
  const ret = list.join(',');
  if (more) return `${ret} + ${count - max} more...`;
  return ret === '' ? '<unset>' : ret;
}

export function formatDiscoveryPorts(ports: any[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false, count = 0;
  for (const p of ports || []) {
    if (list.length < max) list.push(p.port != null ? String(p.port) : p.name != null ? p.name : '*');
    else if (list.length === max) more = true;
    count++;
  }
  return listWithMore(list, more, count, max);
}

export function formatDiscoveryEndpoints(endpoints: any[] | undefined): string {
  const list: string[] = [];
  const max = 3;
  let more = false, count = 0;
  for (const e of endpoints || []) {
    for (const a of e.addresses || []) {
      if (list.length < max) list.push(a);
      else if (list.length === max) more = true;
      count++;
    }
  }
  return listWithMore(list, more, count, max);
}

export const endpointSliceColumns = cols('=Name', 'AddressType', 'Ports', 'Endpoints', 'Age');
export const endpointSliceRow: RowFn = (o, now) =>
  [o.metadata.name, o.addressType || '', formatDiscoveryPorts(o.ports), formatDiscoveryEndpoints(o.endpoints), age(o, now)];

export const networkPolicyColumns = cols('=Name', 'Pod-Selector', 'Age');
export const networkPolicyRow: RowFn = (o, now) => [o.metadata.name, formatLabelSelector(o.spec?.podSelector ?? {}), age(o, now)];

function formatHosts(rules: any[] | undefined): string {
  const rs = rules || [];
  const list: string[] = [];
  const max = 3;
  let more = false;
  for (const r of rs) {
    if (list.length === max) more = true;
    if (!more && r.host) list.push(r.host);
  }
  if (!list.length) return '*';
  const ret = list.join(',');
  return more ? `${ret} + ${rs.length - max} more...` : ret;
}

export const ingressColumns = cols('=Name', 'Class', 'Hosts', 'Address', 'Ports', 'Age');
export const ingressRow: RowFn = (o, now) => {
  const spec = o.spec || {};
  const set = new Set<string>();
  for (const i of o.status?.loadBalancer?.ingress || []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return [o.metadata.name, spec.ingressClassName ?? '<none>', formatHosts(spec.rules), [...set].sort(byteCompare).join(','),
    (spec.tls || []).length ? '80, 443' : '80', age(o, now)];
};

export const ingressClassColumns = cols('=Name', 'Controller', 'Parameters', 'Age');
export const ingressClassRow: RowFn = (o, now) => {
  const p = o.spec?.parameters;
  let parameters = '<none>';
  if (p) parameters = (p.apiGroup != null ? `${p.kind}.${p.apiGroup}` : p.kind) + '/' + p.name;
  return [o.metadata.name, o.spec?.controller || '', parameters, age(o, now)];
};
