// Shared pieces of the server-side table printers (printers.go 1.32 and the apimachinery helpers
// it calls): column type, label/selector formatting, container cells, quantities.
import { KObject } from '../../api/types';
import { translateTimestampSince } from '../duration';

export interface Column {
  /** as printers.go names it ("Nominated Node"); kubectl upper-cases it for the header */
  name: string;
  /** 0: always shown; 1: only with -o wide */
  priority: number;
  /** "name" marks the column that gets the kind prefix (kind/name) */
  format?: 'name';
}

export interface Table {
  columns: Column[];
  rows: string[][];
}

/** Build column definitions from a compact spec: names, with a trailing "*" for wide-only
 *  columns and a leading "=" for the name column. */
export function cols(...spec: string[]): Column[] {
  return spec.map((s) => {
    let name = s, priority = 0, format: 'name' | undefined;
    if (name.startsWith('=')) { name = name.slice(1); format = 'name'; }
    if (name.endsWith('*')) { name = name.slice(0, -1); priority = 1; }
    return format ? { name, priority, format } : { name, priority };
  });
}

export type RowFn = (o: KObject, now: Date) => string[];

export const age = (o: KObject, now: Date) => translateTimestampSince(o.metadata?.creationTimestamp, now);

/** labels.FormatLabels: `k=v` pairs sorted as whole strings, `<none>` when empty. */
export function formatLabels(m: Record<string, string> | undefined | null): string {
  const s = labelsString(m);
  return s === '' ? '<none>' : s;
}

/** labels.Set.String(): sorted `k=v` joined with `,`. */
export function labelsString(m: Record<string, string> | undefined | null): string {
  if (!m) return '';
  const parts: string[] = [];
  for (const k in m) parts.push(k + '=' + m[k]);
  if (parts.length > 1) parts.sort(byteCompare);
  return parts.join(',');
}

/** Go's string ordering (bytewise on UTF-8, which is code point order). */
export function byteCompare(a: string, b: string): number {
  if (a === b) return 0;
  // UTF-16 order differs from code point order only for astral vs U+E000..U+FFFF; handle that.
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x !== y) {
      const xs = x >= 0xd800 && x <= 0xdfff, ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

export interface LabelSelector {
  matchLabels?: Record<string, string>;
  matchExpressions?: { key: string; operator: string; values?: string[] }[];
}

/** metav1.LabelSelectorAsSelector(ps).String(); undefined when the selector is invalid.
 *  A nil selector selects nothing and an empty one everything: both print as "". */
export function selectorString(ps: LabelSelector | undefined | null): string | undefined {
  if (!ps) return '';
  const reqs: { key: string; s: string }[] = [];
  const ml = ps.matchLabels || {};
  for (const k in ml) reqs.push({ key: k, s: `${k}=${ml[k]}` });
  for (const e of ps.matchExpressions || []) {
    const vals = [...(e.values || [])];
    const list = () => (vals.length === 1 ? vals[0] : vals.sort(byteCompare).join(','));
    switch (e.operator) {
      case 'In': reqs.push({ key: e.key, s: `${e.key} in (${list()})` }); break;
      case 'NotIn': reqs.push({ key: e.key, s: `${e.key} notin (${list()})` }); break;
      case 'Exists': reqs.push({ key: e.key, s: e.key }); break;
      case 'DoesNotExist': reqs.push({ key: e.key, s: '!' + e.key }); break;
      default: return undefined;
    }
  }
  reqs.sort((a, b) => byteCompare(a.key, b.key));
  return reqs.map((r) => r.s).join(',');
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when empty, `<error>` when invalid. */
export function formatLabelSelector(ps: LabelSelector | undefined | null): string {
  const s = selectorString(ps);
  if (s === undefined) return '<error>';
  return s === '' ? '<none>' : s;
}

/** layoutContainerCells: names and images joined with ",". */
export function containerCells(containers: any[] | undefined): [string, string] {
  const cs = containers || [];
  return [cs.map((c) => c.name ?? '').join(','), cs.map((c) => c.image ?? '').join(',')];
}

/** net.JoinHostPort */
export function joinHostPort(host: string, port: string | number): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** Go's %d of an optional integer. */
export const int = (v: unknown): string => (typeof v === 'number' ? String(Math.trunc(v)) : v == null || v === '' ? '0' : String(v));

/** printBool / printBoolPtr */
export const boolPtr = (v: unknown): string => (v === true ? 'True' : v === false ? 'False' : '<unset>');
/** A Go bool cell as kubectl prints it (fmt.Sprint). */
export const boolCell = (v: unknown): string => (v === true ? 'true' : 'false');

/** intstr.IntOrString.String() */
export const intOrString = (v: unknown): string => (typeof v === 'number' ? String(Math.trunc(v)) : String(v ?? ''));

// ---------------------------------------------------------------------------------------------
// resource.Quantity: parse and print in canonical form, as Quantity.String() does.

const BIN: Record<string, number> = { Ki: 1, Mi: 2, Gi: 3, Ti: 4, Pi: 5, Ei: 6 };
const DEC: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const DEC_SUFFIX: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BIN_SUFFIX = ['', 'Ki', 'Mi', 'Gi', 'Ti', 'Pi', 'Ei'];
const NANO = 1000000000n;

/** The canonical string of a quantity (`1Gi`, `500m`, `2`); "0" for an unset/zero quantity.
 *  An unparsable value is returned as given. */
export function quantityString(q: unknown): string {
  if (q === undefined || q === null || q === '') return '0';
  const str = typeof q === 'number' ? String(q) : String(q);
  const m = /^([+-]?)(\d*)(?:\.(\d*))?([a-zA-Z]*|[eE][+-]?\d+)$/.exec(str.trim());
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return str;
  const neg = m[1] === '-';
  const whole = m[2] || '0', frac = m[3] || '', suffix = m[4];
  let format: 'bin' | 'dec' | 'exp';
  let num = BigInt(whole + frac); // value = num * 10^-frac.length * base^exp
  let pow10 = -frac.length;
  if (suffix in BIN) { format = 'bin'; num *= 1n << BigInt(10 * BIN[suffix]); }
  else if (suffix in DEC) { format = 'dec'; pow10 += DEC[suffix]; }
  else if (/^[eE][+-]?\d+$/.test(suffix)) { format = 'exp'; pow10 += parseInt(suffix.slice(1), 10); }
  else return str;
  // scale to nano units, rounding up (away from zero) as ParseQuantity does
  let n: bigint;
  const shift = pow10 + 9;
  if (shift >= 0) n = num * 10n ** BigInt(shift);
  else { const d = 10n ** BigInt(-shift); n = num / d + (num % d !== 0n ? 1n : 0n); }
  if (n === 0n) return '0';
  const sign = neg ? '-' : '';
  if (format === 'bin') {
    const bytes = n / NANO;
    if (n % NANO === 0n && bytes >= 1024n) {
      let v = bytes, k = 0;
      while (k < 6 && v % 1024n === 0n) { v /= 1024n; k++; }
      return sign + v.toString() + BIN_SUFFIX[k];
    }
    format = 'dec';
  }
  let mant = n, exp = -9;
  while (mant % 10n === 0n) { mant /= 10n; exp++; }
  const r = ((exp % 3) + 3) % 3;
  if (r === 1) { mant *= 10n; exp -= 1; } else if (r === 2) { mant *= 100n; exp -= 2; }
  if (format === 'exp') return sign + mant.toString() + (exp === 0 ? '' : 'e' + exp);
  const suf = DEC_SUFFIX[exp];
  if (suf === undefined) return sign + mant.toString() + 'e' + exp;
  return sign + mant.toString() + suf;
}
