// -o json, as kubectl prints it: Go's json.MarshalIndent(obj, "", "    ") plus "\n".
//
// - Unstructured objects (get, apply, create -f, scale) are map[string]interface{} in kubectl:
//   keys sorted by byte order (UTF-8), at every level. `sortKeys: true`.
// - Typed objects kubectl builds itself (create deployment, expose, run, ...) keep Go struct field
//   order: `sortKeys: false` prints keys in the order the object holds them (see typed.ts, which
//   reorders an object into struct order). A JS `Map` is printed in its insertion order in either
//   mode (typed.ts uses one for Go maps whose keys look like integers, which a plain JS object
//   cannot keep in order).
// - Strings use Go's escaping: `"` `\` and control characters (\b \f \n \r \t short forms, others
//   \u00XX), HTML-safe `<` `>` `&` as \u003c \u003e \u0026, U+2028/U+2029 escaped; every other
//   character is written raw. A lone UTF-16 surrogate (invalid in Go's UTF-8 strings) prints
//   as U+FFFD.
// - Numbers print as Go prints the int64/float64 kubectl decoded: integers as digits, floats in
//   shortest form with exponent only below 1e-6 or from 1e21 (the same rule as JS's String(n)).

import { GoFloat } from '../api/gonumber';

export interface JsonOptions { sortKeys: boolean }

const INDENT = '    ';
const indents: string[] = ['\n'];
function nl(depth: number): string {
  let s = indents[depth];
  if (s === undefined) {
    for (let d = indents.length; d <= depth; d++) indents[d] = indents[d - 1] + INDENT;
    s = indents[depth];
  }
  return s;
}

// Anything Go would escape, plus surrogates (checked for pairing).
const NEEDS_ESCAPE = /["\\\u0000-\u001f<>&\u2028\u2029\ud800-\udfff]/;
const HEX = '0123456789abcdef';

/** A string as Go's encoding/json writes it (with HTML escaping, as kubectl's printers do). */
export function goJsonString(s: string): string {
  if (!NEEDS_ESCAPE.test(s)) return '"' + s + '"';
  let out = '"';
  let start = 0;
  const n = s.length;
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    let rep: string | undefined;
    if (c < 0x20) {
      switch (c) {
        case 0x08: rep = '\\b'; break;
        case 0x09: rep = '\\t'; break;
        case 0x0a: rep = '\\n'; break;
        case 0x0c: rep = '\\f'; break;
        case 0x0d: rep = '\\r'; break;
        default: rep = '\\u00' + HEX[c >> 4] + HEX[c & 15];
      }
    } else if (c === 0x22) rep = '\\"';
    else if (c === 0x5c) rep = '\\\\';
    else if (c === 0x3c) rep = '\\u003c';
    else if (c === 0x3e) rep = '\\u003e';
    else if (c === 0x26) rep = '\\u0026';
    else if (c === 0x2028) rep = '\\u2028';
    else if (c === 0x2029) rep = '\\u2029';
    else if (c >= 0xd800 && c <= 0xdfff) {
      if (c <= 0xdbff && i + 1 < n) {
        const d = s.charCodeAt(i + 1);
        if (d >= 0xdc00 && d <= 0xdfff) { i++; continue; } // a valid pair: raw
      }
      rep = '\ufffd'; // Go decoded it to U+FFFD already, which encoding/json writes as is
    } else continue;
    out += s.slice(start, i) + rep;
    start = i + 1;
  }
  return out + s.slice(start) + '"';
}

/** A number as Go's encoding/json prints the int64 or float64 kubectl holds. */
export function goJsonNumber(n: number | bigint): string {
  if (typeof n === 'bigint') return n.toString();
  if (!Number.isFinite(n)) return 'null';
  return String(n); // shortest round-trip; 'e' form below 1e-6 and from 1e21, like Go ("1e-7", "1e+21")
}

/** Byte-order (UTF-8) comparison of two strings, as Go's sort.Strings. */
export function compareBytes(a: string, b: string): number {
  if (a === b) return 0;
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca !== cb) {
      // UTF-16 order equals code point order except surrogates (U+10000..) vs U+E000..U+FFFF.
      if (ca >= 0xd800 && cb >= 0xd800) {
        const pa = ca >= 0xe000 ? ca : ca <= 0xdfff ? 0x10000 + ca : ca;
        const pb = cb >= 0xe000 ? cb : cb <= 0xdfff ? 0x10000 + cb : cb;
        if (pa !== pb) return pa < pb ? -1 : 1;
      }
      return ca < cb ? -1 : 1;
    }
  }
  return a.length - b.length;
}

const HIGH = /[\ud800-\uffff]/;

/** Keys of a plain object in Go's map order (byte order). */
export function sortedKeys(o: object): string[] {
  const keys = Object.keys(o);
  if (keys.length < 2) return keys;
  keys.sort();
  for (let i = 0; i < keys.length; i++) {
    if (HIGH.test(keys[i])) { keys.sort(compareBytes); break; }
  }
  return keys;
}

// Output accumulates in `out`, moved to `parts` every so often: a rope of millions of small
// strings kept alive to the end costs far more in GC than flattening it in 32 KB pieces.
let out = '';
let parts: string[] = [];
const FLUSH = 32768;
/** Where finished pieces go while streaming (toJsonStream); otherwise they are kept in parts. */
let sink: ((s: string) => void) | undefined;
function flush(): void {
  if (out.length > FLUSH) {
    out.charCodeAt(0); // flatten the rope so its pieces die young
    if (sink) sink(out); else parts.push(out);
    out = '';
  }
}

// Quoted keys, with the separator, per distinct key.
const keyPretty = new Map<string, string>();
const keyCompact = new Map<string, string>();
// Keys with characters from U+D800 up, whose UTF-16 order can differ from UTF-8 byte order.
const highKeys = new Set<string>();
function quotedKey(k: string, pretty: boolean): string {
  const cache = pretty ? keyPretty : keyCompact;
  let q = cache.get(k);
  if (q === undefined) {
    if (cache.size > 50000) cache.clear();
    q = goJsonString(k) + (pretty ? ': ' : ':');
    cache.set(k, q);
    if (HIGH.test(k)) highKeys.add(k);
  }
  return q;
}

function write(v: any, sort: boolean, depth: number, pretty: boolean): void {
  switch (typeof v) {
    case 'string': out += NEEDS_ESCAPE.test(v) ? goJsonString(v) : '"' + v + '"'; return;
    case 'number': out += goJsonNumber(v); return;
    case 'bigint': out += v.toString(); return;
    case 'boolean': out += v ? 'true' : 'false'; return;
    case 'object': break;
    default: out += 'null'; return;
  }
  if (v === null) { out += 'null'; return; }
  if (Array.isArray(v)) {
    const n = v.length;
    if (n === 0) { out += '[]'; return; }
    const inner = pretty ? nl(depth + 1) : '';
    out += '[';
    for (let i = 0; i < n; i++) {
      out += i ? ',' + inner : inner;
      write(v[i], sort, depth + 1, pretty);
      if (depth < 4) flush();
    }
    out += pretty ? nl(depth) + ']' : ']';
    return;
  }
  if (v instanceof Map) {
    const entries: [string, any][] = [];
    for (const [k, x] of v) if (x !== undefined) entries.push([String(k), x]);
    if (sort) entries.sort((a, b) => compareBytes(a[0], b[0]));
    writeEntries(entries, sort, depth, pretty);
    return;
  }
  if (v instanceof GoFloat) { out += Object.is(v.f, -0) ? '-0' : goJsonNumber(v.f); return; }
  if (typeof v.toJSON === 'function') { write(v.toJSON(), sort, depth, pretty); return; }
  let keys = Object.keys(v);
  const n = keys.length;
  const qs: string[] = new Array(n);
  if (sort && n > 1) {
    keys.sort();
    let high = false;
    for (let i = 0; i < n; i++) {
      qs[i] = quotedKey(keys[i], pretty);
      if (highKeys.size && highKeys.has(keys[i])) high = true;
    }
    if (high) {
      keys = keys.sort(compareBytes);
      for (let i = 0; i < n; i++) qs[i] = quotedKey(keys[i], pretty);
    }
  } else for (let i = 0; i < n; i++) qs[i] = quotedKey(keys[i], pretty);
  const inner = pretty ? nl(depth + 1) : '';
  let first = true;
  for (let i = 0; i < n; i++) {
    const x = v[keys[i]];
    if (x === undefined) continue;
    out += (first ? '{' : ',') + inner + qs[i];
    first = false;
    write(x, sort, depth + 1, pretty);
  }
  out += first ? '{}' : pretty ? nl(depth) + '}' : '}';
}

function writeEntries(entries: [string, any][], sort: boolean, depth: number, pretty: boolean): void {
  if (entries.length === 0) { out += '{}'; return; }
  const inner = pretty ? nl(depth + 1) : '';
  for (let i = 0; i < entries.length; i++) {
    out += (i ? ',' : '{') + inner + quotedKey(entries[i][0], pretty);
    write(entries[i][1], sort, depth + 1, pretty);
  }
  out += pretty ? nl(depth) + '}' : '}';
}

function render(value: unknown, sort: boolean, pretty: boolean): string {
  out = '';
  parts = [];
  try {
    write(value, sort, 0, pretty);
    if (parts.length === 0) return out;
    parts.push(out);
    return parts.join('');
  } finally {
    out = '';
    parts = [];
  }
}

/** `-o json` written to `write` as it is produced (a List of any size: the whole text is never
 *  one string). */
export function toJsonStream(value: unknown, emit: (s: string) => void, opts: JsonOptions = { sortKeys: true }): void {
  out = '';
  parts = [];
  sink = emit;
  try {
    write(value, opts.sortKeys, 0, true);
  } finally {
    sink = undefined;
  }
  const rest = out + '\n';
  out = '';
  emit(rest);
}

/** `-o json`: Go's json.MarshalIndent with a 4-space indent, plus the trailing newline. */
export function toJson(value: unknown, opts: JsonOptions = { sortKeys: true }): string {
  return render(value, opts.sortKeys, true) + '\n';
}

/** Go's json.Marshal (compact, no trailing newline). */
export function toCompactJson(value: unknown, opts: JsonOptions = { sortKeys: true }): string {
  return render(value, opts.sortKeys, false);
}

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'ERROR' | 'BOOKMARK';

/** One `get -w -o json --output-watch-events` line: `{"type":"ADDED","object":{...}}\n`
 *  (metav1.WatchEvent: type first, then the object with sorted keys). */
export function watchEventJson(type: WatchEventType | string, obj: unknown): string {
  return '{"type":' + goJsonString(type) + ',"object":' + render(obj, true, false) + '}\n';
}

/** What `get` prints for more than one object (json and yaml alike). */
export function listWrapper<T>(items: T[]): { apiVersion: 'v1'; items: T[]; kind: 'List'; metadata: { resourceVersion: '' } } {
  return { apiVersion: 'v1', items, kind: 'List', metadata: { resourceVersion: '' } };
}
