// Label and field selectors, parsed and matched as the API server does.
import { ApiError, KObject } from './types';

export type Requirement =
  | { key: string; op: 'exists' | '!' }
  | { key: string; op: '=' | '!='; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] };

export type Selector = Requirement[];

/** Parse `a=b,c!=d,e in (x,y),f notin (z),g,!h` (kubectl's -l syntax). */
export function parseLabelSelector(text: string): Selector {
  const reqs: Selector = [];
  let i = 0;
  const s = text;
  const ws = () => { while (i < s.length && /\s/.test(s[i])) i++; };
  const ident = () => { const m = /^[A-Za-z0-9._\/-]+/.exec(s.slice(i)); if (!m) return ''; i += m[0].length; return m[0]; };
  const bad = () => new ApiError('BadRequest', `unable to parse requirement: found '${s.slice(i, i + 1) || ''}', expected: identifier`, 400);
  while (true) {
    ws();
    if (i >= s.length) break;
    if (s[i] === '!') {
      i++; ws();
      const key = ident(); if (!key) throw bad();
      reqs.push({ key, op: '!' });
    } else {
      const key = ident(); if (!key) throw bad();
      ws();
      if (s.startsWith('!=', i)) { i += 2; ws(); reqs.push({ key, op: '!=', value: ident() }); }
      else if (s.startsWith('==', i)) { i += 2; ws(); reqs.push({ key, op: '=', value: ident() }); }
      else if (s[i] === '=') { i += 1; ws(); reqs.push({ key, op: '=', value: ident() }); }
      else if (/^(in|notin)\s*\(/.test(s.slice(i))) {
        const op = s.startsWith('notin', i) ? 'notin' : 'in';
        i += op.length; ws(); i++; // (
        const values: string[] = [];
        while (true) {
          ws(); const v = ident(); if (v) values.push(v); ws();
          if (s[i] === ',') { i++; continue; }
          if (s[i] === ')') { i++; break; }
          throw new ApiError('BadRequest', `unable to parse requirement: found '${s[i] ?? ''}', expected: ',', ')' or identifier`, 400);
        }
        reqs.push({ key, op, values });
      } else reqs.push({ key, op: 'exists' });
    }
    ws();
    if (i < s.length) {
      if (s[i] !== ',') throw new ApiError('BadRequest', `unable to parse requirement: found '${s[i]}', expected: ',' or 'end of string'`, 400);
      i++;
    }
  }
  return reqs;
}

export function matchLabels(sel: Selector, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  for (const r of sel) {
    const has = Object.prototype.hasOwnProperty.call(l, r.key);
    switch (r.op) {
      case 'exists': if (!has) return false; break;
      case '!': if (has) return false; break;
      case '=': if (!has || l[r.key] !== r.value) return false; break;
      case '!=': if (has && l[r.key] === r.value) return false; break;
      case 'in': if (!has || !r.values.includes(l[r.key])) return false; break;
      case 'notin': if (has && r.values.includes(l[r.key])) return false; break;
    }
  }
  return true;
}

/** A map selector (Service.spec.selector, matchLabels) as requirements. */
export function selectorFromMap(m: Record<string, string> | undefined): Selector {
  return Object.keys(m ?? {}).sort().map((key) => ({ key, op: '=' as const, value: m![key] }));
}

/** metav1.LabelSelector (matchLabels + matchExpressions). */
export function selectorFromLabelSelector(ls: any): Selector {
  const reqs: Selector = selectorFromMap(ls?.matchLabels);
  for (const e of ls?.matchExpressions ?? []) {
    switch (e.operator) {
      case 'In': reqs.push({ key: e.key, op: 'in', values: e.values ?? [] }); break;
      case 'NotIn': reqs.push({ key: e.key, op: 'notin', values: e.values ?? [] }); break;
      case 'Exists': reqs.push({ key: e.key, op: 'exists' }); break;
      case 'DoesNotExist': reqs.push({ key: e.key, op: '!' }); break;
    }
  }
  return reqs;
}

/** Selector as printers show it: `k=v`, `k in (a,b)`, `k`, `!k`, sorted by key. */
export function formatSelector(sel: Selector): string {
  if (!sel.length) return '<none>';
  return [...sel].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0)).map((r) => {
    switch (r.op) {
      case 'exists': return r.key;
      case '!': return '!' + r.key;
      case '=': return `${r.key}=${r.value}`;
      case '!=': return `${r.key}!=${r.value}`;
      case 'in': return `${r.key} in (${[...r.values].sort().join(',')})`;
      case 'notin': return `${r.key} notin (${[...r.values].sort().join(',')})`;
    }
  }).join(',');
}

// ---- field selectors -------------------------------------------------------------------------

export type FieldReq = { field: string; op: '=' | '!='; value: string };

const FIELDS: Record<string, Record<string, (o: KObject) => string>> = {
  Pod: {
    'spec.nodeName': (o) => o.spec?.nodeName ?? '',
    'spec.restartPolicy': (o) => o.spec?.restartPolicy ?? '',
    'spec.schedulerName': (o) => o.spec?.schedulerName ?? '',
    'spec.serviceAccountName': (o) => o.spec?.serviceAccountName ?? '',
    'spec.hostNetwork': (o) => String(!!o.spec?.hostNetwork),
    'status.phase': (o) => o.status?.phase ?? '',
    'status.podIP': (o) => o.status?.podIP ?? '',
    'status.nominatedNodeName': (o) => o.status?.nominatedNodeName ?? '',
  },
  Event: {
    'involvedObject.kind': (o) => o.involvedObject?.kind ?? '',
    'involvedObject.namespace': (o) => o.involvedObject?.namespace ?? '',
    'involvedObject.name': (o) => o.involvedObject?.name ?? '',
    'involvedObject.uid': (o) => o.involvedObject?.uid ?? '',
    'involvedObject.apiVersion': (o) => o.involvedObject?.apiVersion ?? '',
    'involvedObject.resourceVersion': (o) => o.involvedObject?.resourceVersion ?? '',
    'involvedObject.fieldPath': (o) => o.involvedObject?.fieldPath ?? '',
    reason: (o) => o.reason ?? '',
    reportingComponent: (o) => o.reportingComponent ?? '',
    source: (o) => o.source?.component ?? '',
    type: (o) => o.type ?? '',
  },
  Namespace: { 'status.phase': (o) => o.status?.phase ?? '' },
  Node: { 'spec.unschedulable': (o) => String(!!o.spec?.unschedulable) },
  Secret: { type: (o) => o.type ?? '' },
  ReplicaSet: { 'status.replicas': (o) => String(o.status?.replicas ?? 0) },
  Service: { 'spec.clusterIP': (o) => o.spec?.clusterIP ?? '', 'spec.type': (o) => o.spec?.type ?? '' },
};

export function parseFieldSelector(text: string): FieldReq[] {
  const out: FieldReq[] = [];
  for (const part of text.split(',').filter((p) => p.length)) {
    const m = /^([^!=]+)(==|!=|=)(.*)$/.exec(part);
    if (!m) throw new ApiError('BadRequest', `invalid selector: '${text}'; can't understand '${part}'`, 400);
    out.push({ field: m[1].trim(), op: m[2] === '!=' ? '!=' : '=', value: m[3].trim() });
  }
  return out;
}

/** Throws the API server's error for a field the kind does not support. */
export function checkFieldSelector(kind: string, version: string, reqs: FieldReq[]): void {
  for (const r of reqs) {
    if (r.field === 'metadata.name' || r.field === 'metadata.namespace') continue;
    if (!FIELDS[kind]?.[r.field]) {
      throw new ApiError('BadRequest', `Unable to find "/${version}, Resource=${kind.toLowerCase()}s" that match label selector "", field selector "${reqs.map((x) => `${x.field}${x.op}${x.value}`).join(',')}": field label not supported: ${r.field}`, 400);
    }
  }
}

export function matchFields(kind: string, reqs: FieldReq[], o: KObject): boolean {
  for (const r of reqs) {
    const get = r.field === 'metadata.name' ? (x: KObject) => x.metadata.name
      : r.field === 'metadata.namespace' ? (x: KObject) => x.metadata.namespace ?? ''
      : FIELDS[kind]?.[r.field];
    if (!get) return false;
    const v = get(o);
    if ((v === r.value) !== (r.op === '=')) return false;
  }
  return true;
}
