// kubectl describe's output machinery (k8s.io/kubectl/pkg/describe): the PrefixWriter that
// indents by two spaces per level and escapes terminal characters, over a Go text/tabwriter
// with minwidth 0, tabwidth 8, padding 2 (tabbedString). Plus the small formatting helpers every
// describer shares: times, labels, annotations, selectors, tolerations, taints.
import { TabWriter, DESCRIBE_TABWRITER } from '../tabwriter';
import { goSort } from '../gosort';
import type { ClusterReader, KObject } from '../../api/types';

/** What every describer gets: the cluster, its clock, and whether to show events. */
export interface DescribeContext {
  reader: ClusterReader;
  now: Date;
  showEvents: boolean;
}

export const LEVEL_0 = 0;
export const LEVEL_1 = 1;
export const LEVEL_2 = 2;
export const LEVEL_3 = 3;
export const LEVEL_4 = 4;

const INDENTS = ['', '  ', '    ', '      ', '      ' + '  ', '      ' + '    '];

/** printers.EscapeTerminal: ESC becomes ^[ and CR becomes the two characters \r. */
function escapeTerminal(s: string): string {
  if (s.indexOf('\x1b') < 0 && s.indexOf('\r') < 0) return s;
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}

/** What describers write to (kubectl's PrefixWriter interface). */
export interface Writer {
  write(level: number, text: string): void;
  writeLine(...a: string[]): void;
  flush(): void;
}

export class PrefixWriter implements Writer {
  private tw = new TabWriter(DESCRIBE_TABWRITER);
  private done = '';

  /** Write text at an indentation level (2 spaces per level). */
  write(level: number, text: string): void {
    const prefix = level < INDENTS.length ? INDENTS[level] : '  '.repeat(level);
    this.tw.write(escapeTerminal(prefix + text));
  }

  /** fmt.Sprintln(a...): operands separated by spaces, then a newline; no indentation. */
  writeLine(...a: string[]): void {
    this.tw.write(escapeTerminal(a.join(' ') + '\n'));
  }

  /** Flush the tabwriter: the lines written so far are aligned on their own. */
  flush(): void {
    this.done += this.tw.flush();
  }

  /** Everything written, formatted (tabbedString's final Flush). */
  finish(): string {
    this.flush();
    return this.done;
  }
}

/** A PrefixWriter that adds indent levels (NewNestedPrefixWriter). */
export class NestedPrefixWriter implements Writer {
  constructor(private inner: Writer, private indent: number) {}
  write(level: number, text: string): void { this.inner.write(level + this.indent, text); }
  writeLine(...a: string[]): void { this.inner.write(this.indent, a.join(' ') + '\n'); }
  flush(): void { this.inner.flush(); }
}

export function tabbedString(fn: (w: Writer) => void): string {
  const w = new PrefixWriter();
  fn(w);
  return w.finish();
}

// ---------------------------------------------------------------------------------------------
// Times. metav1.Time is decoded into the process's local time zone (TZ), and describe prints
// it with Go's time.RFC1123Z or Time.String().

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => (n < 10 ? '0' + n : String(n));
const p4 = (n: number) => String(n).padStart(4, '0');

let goZeroMs: number | undefined;
/** Go's zero time (0001-01-01T00:00:00Z) in ms since the epoch. */
export function goZero(): number {
  if (goZeroMs === undefined) { const d = new Date(0); d.setUTCFullYear(1, 0, 1); goZeroMs = d.getTime(); }
  return goZeroMs;
}

/** ms since the epoch of an RFC 3339 timestamp; Go's zero time when unset or unparsable. */
export function timeMs(ts: string | null | undefined): number {
  if (!ts) return goZero();
  const t = Date.parse(ts);
  return Number.isNaN(t) ? goZero() : t;
}

export function isZeroTime(ts: string | null | undefined): boolean {
  return timeMs(ts) === goZero();
}

function offsetString(d: Date, colon: boolean): string {
  // getTimezoneOffset is minutes west of UTC (and may be fractional for LMT offsets).
  const off = -d.getTimezoneOffset();
  const sign = off < 0 ? '-' : '+';
  const a = Math.trunc(Math.abs(off));
  return sign + p2(Math.trunc(a / 60)) + (colon ? ':' : '') + p2(a % 60);
}

/** Go's Time.Format(time.RFC1123Z) in the local time zone: `Mon, 02 Jan 2006 15:04:05 -0700`. */
export function rfc1123z(ts: string | null | undefined): string {
  const d = new Date(timeMs(ts));
  return `${DAYS[d.getDay()]}, ${p2(d.getDate())} ${MONTHS[d.getMonth()]} ${p4(d.getFullYear())} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())} ${offsetString(d, false)}`;
}

/** Go's Time.String() in the local time zone: `2006-01-02 15:04:05.999999999 -0700 MST`. */
export function goTimeString(ts: string | null | undefined): string {
  const d = new Date(timeMs(ts));
  const ms = d.getMilliseconds();
  const frac = ms ? ('.' + String(ms).padStart(3, '0')).replace(/0+$/, '') : '';
  return `${p4(d.getFullYear())}-${p2(d.getMonth() + 1)}-${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}${frac} ${offsetString(d, false)} ${zoneAbbrev(d)}`;
}

/** The zone abbreviation Go prints for an instant (MST, IST, CET, ...): from the TZif data of the
 *  process's zone, as Go's time package reads it; Intl's name, or the offset, otherwise. */
function zoneAbbrev(d: Date): string {
  const tz = process.env.TZ;
  if (tz === '' || tz === 'UTC' || tz === 'Etc/UTC' || tz === ':UTC') return 'UTC';
  const zone = loadZone(tz);
  if (zone) {
    const name = zone.lookup(Math.floor(d.getTime() / 1000), -d.getTimezoneOffset() * 60);
    if (name) return name;
  }
  let name = '';
  try {
    name = new Intl.DateTimeFormat('en-US', { timeZoneName: 'short' }).formatToParts(d).find((p) => p.type === 'timeZoneName')?.value ?? '';
  } catch { /* no Intl data */ }
  if (name && !/^GMT[+-]/.test(name)) return name === 'GMT' && d.getTimezoneOffset() === 0 && !zone ? 'UTC' : name;
  // Go names a zone without an abbreviation by its offset: +01, +0530.
  const off = offsetString(d, false);
  return off.endsWith('00') ? off.slice(0, 3) : off;
}

interface Zone { lookup(unix: number, offsetSeconds: number): string | undefined }
const zoneCache = new Map<string, Zone | null>();

function loadZone(tz: string | undefined): Zone | null {
  const key = tz ?? '\u0000local';
  if (zoneCache.has(key)) return zoneCache.get(key)!;
  let zone: Zone | null = null;
  try {
    const fs = require('fs') as typeof import('fs');
    let file: string;
    if (tz === undefined) file = '/etc/localtime';
    else {
      const name = tz.startsWith(':') ? tz.slice(1) : tz;
      file = name.startsWith('/') ? name : `${process.env.ZONEINFO || '/usr/share/zoneinfo'}/${name}`;
    }
    zone = parseTZif(fs.readFileSync(file));
  } catch { zone = null; }
  zoneCache.set(key, zone);
  return zone;
}

/** A TZif file (RFC 8536): transitions, their types' abbreviations, and the footer's names. */
function parseTZif(b: Buffer): Zone | null {
  if (b.toString('latin1', 0, 4) !== 'TZif') return null;
  const counts = (o: number) => [0, 1, 2, 3, 4, 5].map((i) => b.readUInt32BE(o + 20 + i * 4));
  let [isut, isstd, leap, timecnt, typecnt, charcnt] = counts(0);
  let o = 44;
  let wide = false;
  if (b[4] >= 0x32) {
    // skip the 32-bit body to the 64-bit one
    o += timecnt * 4 + timecnt + typecnt * 6 + charcnt + leap * 8 + isstd + isut;
    [isut, isstd, leap, timecnt, typecnt, charcnt] = counts(o);
    o += 44;
    wide = true;
  }
  const times: number[] = [];
  for (let i = 0; i < timecnt; i++) times.push(wide ? Number(b.readBigInt64BE(o + i * 8)) : b.readInt32BE(o + i * 4));
  o += timecnt * (wide ? 8 : 4);
  const idx = [...b.subarray(o, o + timecnt)];
  o += timecnt;
  const types: { off: number; dst: boolean; abbr: number }[] = [];
  for (let i = 0; i < typecnt; i++) types.push({ off: b.readInt32BE(o + i * 6), dst: b[o + i * 6 + 4] === 1, abbr: b[o + i * 6 + 5] });
  o += typecnt * 6;
  const chars = b.toString('latin1', o, o + charcnt);
  o += charcnt + leap * (wide ? 12 : 8) + isstd + isut;
  const abbr = (t: { abbr: number }) => chars.slice(t.abbr, chars.indexOf('\u0000', t.abbr) >= 0 ? chars.indexOf('\u0000', t.abbr) : undefined);
  // footer: a POSIX TZ string for times after the last transition, e.g. EST5EDT,M3.2.0,M11.1.0
  let std: { name: string; off: number } | undefined, dst: string | undefined;
  if (wide && b[o] === 0x0a) {
    const end = b.indexOf(0x0a, o + 1);
    const m = /^(<[^>]*>|[A-Za-z]+)([+-]?\d+(?::\d+(?::\d+)?)?)(<[^>]*>|[A-Za-z]+)?/.exec(b.toString('latin1', o + 1, end));
    if (m) {
      const [h, mi = '0', se = '0'] = m[2].replace(/^[+-]/, '').split(':');
      const sec = (Number(h) * 3600 + Number(mi) * 60 + Number(se)) * (m[2].startsWith('-') ? 1 : -1);
      std = { name: m[1].replace(/[<>]/g, ''), off: sec };
      dst = m[3]?.replace(/[<>]/g, '');
    }
  }
  return {
    lookup(unix: number, offsetSeconds: number) {
      if (!types.length) return std?.name;
      if (!times.length || unix < times[0]) {
        const first = types.find((t) => !t.dst) ?? types[0];
        return times.length ? abbr(first) : std ? (offsetSeconds === std.off ? std.name : dst ?? std.name) : abbr(first);
      }
      if (unix >= times[times.length - 1] && std) return offsetSeconds === std.off ? std.name : (dst ?? std.name);
      let lo = 0, hi = times.length - 1;
      while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (times[mid] <= unix) lo = mid; else hi = mid - 1; }
      return abbr(types[idx[lo]]);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Go value formatting.

/** %v of a Go []string: `[a b c]`. */
export function goSlice(a: unknown[] | null | undefined): string {
  return '[' + (a ?? []).map((x) => String(x)).join(' ') + ']';
}

/** %v of a float64/int64 as decoded from JSON. */
export function goNumber(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  if (!Number.isFinite(n)) return n > 0 ? '+Inf' : n < 0 ? '-Inf' : 'NaN';
  // strconv.FormatFloat(f, 'g', -1, 64): the shortest digits, in exponent form when the
  // exponent is < -4 or >= 6 (integers decoded from JSON are int64 and print in full)
  const exp = Number(n.toExponential().split('e')[1]);
  if (exp < -4 || exp >= 6) {
    const [m, e] = n.toExponential().split('e');
    const en = Number(e);
    return `${m}e${en < 0 ? '-' : '+'}${String(Math.abs(en)).padStart(2, '0')}`;
  }
  return String(n);
}

/** IntOrString.String(). */
export function intOrString(v: unknown): string {
  if (v === undefined || v === null) return '<nil>';
  return String(v);
}

export function stringOrNone(s: string | undefined | null): string {
  return s ? s : '<none>';
}

/** Go's len() of a string: bytes of its UTF-8 encoding. */
export function byteLen(s: string): number {
  // eslint-disable-next-line no-control-regex
  return /^[\x00-\x7f]*$/.test(s) ? s.length : Buffer.byteLength(s, 'utf8');
}

const byBytes = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);
export const sortStrings = (a: string[]) => a.sort(byBytes);

// ---------------------------------------------------------------------------------------------
// Labels and selectors (k8s.io/apimachinery/pkg/labels, metav1 helpers).

/** labels.FormatLabels: sorted k=v joined by commas, `<none>` when empty. */
export function formatLabels(m: Record<string, string> | null | undefined): string {
  const keys = sortStrings(Object.keys(m ?? {}));
  if (!keys.length) return '<none>';
  return keys.map((k) => `${k}=${m![k]}`).join(',');
}

/** metav1.LabelSelectorAsSelector(sel).String(). */
export function labelSelectorString(sel: any): string {
  if (!sel) return '';
  const reqs: { key: string; s: string }[] = [];
  for (const k of Object.keys(sel.matchLabels ?? {})) reqs.push({ key: k, s: `${k}=${sel.matchLabels[k]}` });
  for (const e of sel.matchExpressions ?? []) {
    const vals = sortStrings([...(e.values ?? [])]);
    const v = vals.length === 1 ? vals[0] : vals.join(',');
    switch (e.operator) {
      case 'In': reqs.push({ key: e.key, s: `${e.key} in (${v})` }); break;
      case 'NotIn': reqs.push({ key: e.key, s: `${e.key} notin (${v})` }); break;
      case 'Exists': reqs.push({ key: e.key, s: e.key }); break;
      case 'DoesNotExist': reqs.push({ key: e.key, s: '!' + e.key }); break;
      default: reqs.push({ key: e.key, s: e.key });
    }
  }
  // sort.Sort(ByKey): insertion sort for small inputs, stable
  return stableSort(reqs, (a, b) => byBytes(a.key, b.key)).map((r) => r.s).join(',');
}

/** metav1.FormatLabelSelector: the selector string, `<none>` when empty. */
export function formatLabelSelector(sel: any): string {
  return labelSelectorString(sel) || '<none>';
}

export function stableSort<T>(a: T[], cmp: (x: T, y: T) => number): T[] {
  return a.map((v, i) => ({ v, i })).sort((x, y) => cmp(x.v, y.v) || x.i - y.i).map((x) => x.v);
}

/** printLabelsMultilineWithIndent. */
export function printLabelsMultilineWithIndent(w: Writer, initialIndent: string, title: string, innerIndent: string, labels: Record<string, string> | null | undefined, skip?: Set<string>): void {
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  const all = Object.keys(labels ?? {});
  if (!all.length) { w.writeLine('<none>'); return; }
  const keys = sortStrings(all.filter((k) => !skip || !skip.has(k)));
  if (!keys.length) { w.writeLine('<none>'); return; }
  keys.forEach((key, i) => {
    if (i !== 0) { w.write(LEVEL_0, initialIndent); w.write(LEVEL_0, innerIndent); }
    w.write(LEVEL_0, `${key}=${labels![key]}\n`);
  });
}

export function printLabelsMultiline(w: Writer, title: string, labels: Record<string, string> | null | undefined): void {
  printLabelsMultilineWithIndent(w, '', title, '\t', labels);
}

const MAX_ANNOTATION_LEN = 140;
const SKIP_ANNOTATIONS = new Set(['kubectl.kubernetes.io/last-applied-configuration']);

function shorten(s: string, max: number): string {
  if (byteLen(s) <= max) return s;
  return Buffer.from(s, 'utf8').subarray(0, max).toString('utf8') + '...';
}

/** printAnnotationsMultiline. */
export function printAnnotationsMultiline(w: Writer, title: string, annotations: Record<string, string> | null | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  const keys = sortStrings(Object.keys(annotations ?? {}).filter((k) => !SKIP_ANNOTATIONS.has(k)));
  if (!keys.length) { w.writeLine('<none>'); return; }
  const indent = '\t';
  keys.forEach((key, i) => {
    if (i !== 0) w.write(LEVEL_0, indent);
    let value = String(annotations![key]);
    if (value.endsWith('\n')) value = value.slice(0, -1);
    if (byteLen(value) + byteLen(key) + 2 > MAX_ANNOTATION_LEN || value.includes('\n')) {
      w.write(LEVEL_0, `${key}:\n`);
      for (const s of value.split('\n')) w.write(LEVEL_0, `${indent}  ${shorten(s, MAX_ANNOTATION_LEN - 2)}\n`);
    } else {
      w.write(LEVEL_0, `${key}: ${value}\n`);
    }
  });
}

/** printTolerationsMultilineWithIndent. */
export function printTolerationsMultiline(w: Writer, title: string, tolerations: any[] | null | undefined, initialIndent = ''): void {
  const innerIndent = '\t';
  w.write(LEVEL_0, `${initialIndent}${title}:${innerIndent}`);
  if (!tolerations || !tolerations.length) { w.writeLine('<none>'); return; }
  const sorted = goSort(tolerations, (a, b) => (a.key ?? '') < (b.key ?? ''));
  sorted.forEach((t, i) => {
    if (i !== 0) { w.write(LEVEL_0, initialIndent); w.write(LEVEL_0, innerIndent); }
    let s = t.key ?? '';
    if (t.value) s += `=${t.value}`;
    if (t.effect) s += `:${t.effect}`;
    if (t.operator === 'Exists' && !t.value) s += (t.key || t.effect) ? ' op=Exists' : 'op=Exists';
    if (t.tolerationSeconds !== undefined && t.tolerationSeconds !== null) s += ` for ${t.tolerationSeconds}s`;
    w.write(LEVEL_0, s + '\n');
  });
}

/** printTaintsMultilineWithIndent. */
export function printTaintsMultiline(w: Writer, title: string, taints: any[] | null | undefined): void {
  w.write(LEVEL_0, `${title}:\t`);
  if (!taints || !taints.length) { w.writeLine('<none>'); return; }
  const key = (t: any) => `${t.effect ?? ''},${t.key ?? ''}`;
  const sorted = goSort(taints, (a, b) => key(a) < key(b));
  sorted.forEach((t, i) => {
    if (i !== 0) { w.write(LEVEL_0, ''); w.write(LEVEL_0, '\t'); }
    w.write(LEVEL_0, (t.value ? `${t.key}=${t.value}:${t.effect ?? ''}` : `${t.key}:${t.effect ?? ''}`) + '\n');
  });
}

/** `Kind/name` of the controller owner reference, or ''. */
export function printController(obj: KObject): string {
  const ref = (obj.metadata.ownerReferences ?? []).find((r) => r.controller);
  return ref ? `${ref.kind}/${ref.name}` : '';
}
