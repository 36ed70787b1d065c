// Label and field selectors, parsed and matched as the API server does.
import { ApiError, KObject } from './types';

export type Requirement =
  | { key: string; op: 'exists' | '!' }
  | { key: string; op: '=' | '!=' | 'gt' | 'lt'; value: string }
  | { key: string; op: 'in' | 'notin'; values: string[] };

export type Selector = Requirement[];

// ---- labels.Parse (apimachinery pkg/labels/selector.go): its lexer, parser and error texts ----

const enum Tok { Error, End, ClosedPar, Comma, DoesNotExist, DoubleEquals, Equals, GreaterThan, Identifier, In, LessThan, NotEquals, NotIn, OpenPar }
const TOKENS: Record<string, Tok> = { ')': Tok.ClosedPar, ',': Tok.Comma, '!': Tok.DoesNotExist, '==': Tok.DoubleEquals, '=': Tok.Equals, '>': Tok.GreaterThan, 'in': Tok.In, '<': Tok.LessThan, '!=': Tok.NotEquals, 'notin': Tok.NotIn, '(': Tok.OpenPar };
const isSpecial = (c: string) => '=!(),><'.includes(c);
const isSpace = (c: string) => c === ' ' || c === '\t' || c === '\r' || c === '\n';

function lex(s: string): { tok: Tok; lit: string }[] {
  const items: { tok: Tok; lit: string }[] = [];
  let i = 0;
  for (;;) {
    while (i < s.length && isSpace(s[i])) i++;
    if (i >= s.length) { items.push({ tok: Tok.End, lit: '' }); return items; }
    if (isSpecial(s[i])) {
      // the longest run of special symbols that is a token ("!=", "==")
      let buf = '', last: { tok: Tok; lit: string } | undefined;
      while (i < s.length && isSpecial(s[i])) {
        buf += s[i];
        if (TOKENS[buf] !== undefined) { last = { tok: TOKENS[buf], lit: buf }; i++; } else if (last) break; else i++;
      }
      items.push(last ?? { tok: Tok.Error, lit: `error expected: keyword found '${buf}'` });
    } else {
      let buf = '';
      while (i < s.length && !isSpecial(s[i]) && !isSpace(s[i])) buf += s[i++];
      items.push({ tok: TOKENS[buf] ?? Tok.Identifier, lit: buf });
    }
  }
}

const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const QUALIFIED_NAME = /^([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]$/;
const LABEL_VALUE = /^(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?$/;
const QUALIFIED_NAME_MSG = "must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";

/** validation.IsQualifiedName */
export function qualifiedNameErrors(v: string): string[] {
  const errs: string[] = [];
  const parts = v.split('/');
  let name: string;
  if (parts.length === 1) name = parts[0];
  else if (parts.length === 2) {
    const prefix = parts[0];
    name = parts[1];
    if (!prefix) errs.push('prefix part must be non-empty');
    else {
      if (prefix.length > 253) errs.push('prefix part must be no more than 253 characters');
      if (!DNS1123_SUBDOMAIN.test(prefix)) errs.push("prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')");
    }
  } else return [`a qualified name ${QUALIFIED_NAME_MSG} with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')`];
  if (!name) errs.push('name part must be non-empty');
  else if (name.length > 63) errs.push('name part must be no more than 63 characters');
  if (!QUALIFIED_NAME.test(name)) errs.push(`name part ${QUALIFIED_NAME_MSG}`);
  return errs;
}

/** validation.IsValidLabelValue */
export function labelValueErrors(v: string): string[] {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (!LABEL_VALUE.test(v)) errs.push("a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')");
  return errs;
}

/** field.Invalid(path, value, detail).Error() for a string value. */
const invalid = (path: string, v: string, detail: string) => `${path}: Invalid value: ${goQuoteString(v)}: ${detail}`;
function goQuoteString(v: string): string {
  return '"' + v.replace(/[\\"\x00-\x1f\x7f]/g, (c) => ({ '\\': '\\\\', '"': '\\"', '\n': '\\n', '\t': '\\t', '\r': '\\r' } as Record<string, string>)[c] ?? '\\x' + c.charCodeAt(0).toString(16).padStart(2, '0')) + '"';
}

/** Parse `a=b,c!=d,e in (x,y),f notin (z),g,!h,n>1` as the API server does (labels.Parse); its
 *  errors are BadRequest with the parser's message. */
export function parseLabelSelector(text: string): Selector {
  const items = lex(text);
  let pos = 0;
  const VALUES = true, KEY_AND_OPERATOR = false;
  const norm = (t: { tok: Tok; lit: string }, values: boolean) => (values && (t.tok === Tok.In || t.tok === Tok.NotIn) ? { tok: Tok.Identifier, lit: t.lit } : t);
  const lookahead = (values: boolean) => norm(items[pos], values);
  const consume = (values: boolean) => norm(items[pos++], values);
  const fail = (msg: string) => new ApiError('BadRequest', msg, 400);

  const parseRequirement = (): Requirement => {
    // parseKeyAndInferOperator
    let t = consume(VALUES);
    let notExists = false;
    if (t.tok === Tok.DoesNotExist) { notExists = true; t = consume(VALUES); }
    if (t.tok !== Tok.Identifier) throw new Error(`found '${t.lit}', expected: identifier`);
    const key = t.lit;
    const keyErrs = qualifiedNameErrors(key);
    if (keyErrs.length) throw new Error(invalid('<nil>', key, keyErrs.join('; ')));
    const next = lookahead(VALUES).tok;
    if (notExists || next === Tok.End || next === Tok.Comma) {
      if (notExists) return { key, op: '!' };
      return { key, op: 'exists' };
    }
    // parseOperator
    const o = consume(KEY_AND_OPERATOR);
    let op: 'in' | 'notin' | '=' | '!=' | 'gt' | 'lt';
    switch (o.tok) {
      case Tok.In: op = 'in'; break;
      case Tok.NotIn: op = 'notin'; break;
      case Tok.Equals: case Tok.DoubleEquals: op = '='; break;
      case Tok.NotEquals: op = '!='; break;
      case Tok.GreaterThan: op = 'gt'; break;
      case Tok.LessThan: op = 'lt'; break;
      default: throw new Error(`found '${o.lit}', expected: in, notin, =, ==, !=, gt, lt`);
    }
    let values: string[];
    if (op === 'in' || op === 'notin') {
      // parseValues
      const open = consume(VALUES);
      if (open.tok !== Tok.OpenPar) throw new Error(`found '${open.lit}' expected: '('`);
      const first = lookahead(VALUES);
      const set = new Set<string>();
      if (first.tok === Tok.Identifier || first.tok === Tok.Comma) {
        // parseIdentifiersList
        for (let done = false; !done;) {
          const v = consume(VALUES);
          if (v.tok === Tok.Identifier) {
            set.add(v.lit);
            const t2 = lookahead(VALUES);
            if (t2.tok === Tok.Comma) continue;
            if (t2.tok === Tok.ClosedPar) { done = true; continue; }
            throw new Error(`found '${t2.lit}', expected: ',' or ')'`);
          } else if (v.tok === Tok.Comma) {
            if (!set.size) set.add('');
            const t2 = lookahead(VALUES).tok;
            if (t2 === Tok.ClosedPar) { set.add(''); done = true; continue; }
            if (t2 === Tok.Comma) set.add('');
          } else throw new Error(`found '${v.lit}', expected: ',', or identifier`);
        }
        if (consume(VALUES).tok !== Tok.ClosedPar) throw new Error(`found '${first.lit}', expected: ')'`);
      } else if (first.tok === Tok.ClosedPar) { consume(VALUES); set.add(''); } else throw new Error(`found '${first.lit}', expected: ',', ')' or identifier`);
      values = [...set].sort();
    } else {
      // parseExactValue
      const t2 = lookahead(VALUES);
      if (t2.tok === Tok.End || t2.tok === Tok.Comma) values = [''];
      else {
        const v = consume(VALUES);
        if (v.tok !== Tok.Identifier) throw new Error(`found '${v.lit}', expected: identifier`);
        values = [v.lit];
      }
    }
    // NewRequirement: the values' checks, aggregated
    const errs: string[] = [];
    if ((op === 'gt' || op === 'lt')) values.forEach((v, i) => { if (!/^[+-]?\d+$/.test(v) || !Number.isSafeInteger(Number(v))) errs.push(invalid(`values[${i}]`, v, "for 'Gt', 'Lt' operators, the value must be an integer")); });
    values.forEach((v, i) => { const e = labelValueErrors(v); if (e.length) errs.push(invalid(`values[${i}][${key}]`, v, e.join('; '))); });
    const uniq = [...new Set(errs)];
    if (uniq.length) throw new Error(uniq.length === 1 ? uniq[0] : `[${uniq.join(', ')}]`);
    return op === 'in' || op === 'notin' ? { key, op, values } : { key, op, value: values[0] };
  };

  const reqs: Selector = [];
  for (;;) {
    const t = lookahead(VALUES);
    if (t.tok === Tok.Identifier || t.tok === Tok.DoesNotExist) {
      try { reqs.push(parseRequirement()); } catch (e: any) { throw fail(`unable to parse requirement: ${e.message}`); }
      const after = consume(VALUES);
      if (after.tok === Tok.End) break;
      if (after.tok === Tok.Comma) {
        const t2 = lookahead(VALUES);
        if (t2.tok !== Tok.Identifier && t2.tok !== Tok.DoesNotExist) throw fail(`found '${t2.lit}', expected: identifier after ','`);
        continue;
      }
      throw fail(`found '${after.lit}', expected: ',' or 'end of string'`);
    }
    if (t.tok === Tok.End) break;
    throw fail(`found '${t.lit}', expected: !, identifier, or 'end of string'`);
  }
  // sorted by key, as the parser returns them (stable, like sort.Sort on few items is not: keys rarely repeat)
  return reqs.map((r, i) => [r, i] as const).sort((a, b) => (a[0].key < b[0].key ? -1 : a[0].key > b[0].key ? 1 : a[1] - b[1])).map(([r]) => r);
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
      case 'gt': case 'lt': {
        if (!has || !/^[+-]?\d+$/.test(l[r.key])) return false;
        const a = Number(l[r.key]), b = Number(r.value);
        if (r.op === 'gt' ? !(a > b) : !(a < b)) return false;
        break;
      }
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
      case 'gt': return `${r.key}>${r.value}`;
      case 'lt': return `${r.key}<${r.value}`;
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

/** Throws the API server's error for a field the kind does not support (the terms are looked
 *  at in sorted order, as fields.ParseSelector sorts them). kubectl adds what it asked for:
 *  src/cli/io.ts enhanceListError. */
export function checkFieldSelector(kind: string, version: string, reqs: FieldReq[]): void {
  void version;
  const sorted = reqs.map((r) => ({ r, term: `${r.field}${r.op}${r.value}` })).sort((a, b) => (a.term < b.term ? -1 : a.term > b.term ? 1 : 0));
  for (const { r } of sorted) {
    if (r.field === 'metadata.name' || r.field === 'metadata.namespace') continue;
    if (!FIELDS[kind]?.[r.field]) throw new ApiError('BadRequest', `field label not supported: ${r.field}`, 400);
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
