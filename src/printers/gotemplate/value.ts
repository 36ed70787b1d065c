// The Go value model that text/template sees when kubectl hands it a JSON-decoded object.
//
// A V is a reflect.Value: a concrete Go value of one of the kinds JSON data and template literals
// can produce, or an interface{}-typed value (iface = true) as returned by indexing a
// map[string]interface{} / []interface{}, or the invalid zero Value (absent). The raw JSON data
// stays as parsed JS values and is wrapped lazily.
//
//   kind       Go type                  x holds
//   bool       bool                     boolean
//   int        int (template literal)   bigint
//   int64      int64 (JSON integer)     bigint
//   uint8      byte (index of string)   bigint
//   float64    float64                  number
//   complex128 complex128               [re, im]
//   string     string                   GoString (JS string, or ByteStr for invalid UTF-8)
//   map        map[string]interface {}  plain JS object
//   slice      []interface {}           JS array (elements; holes beyond the data are null)
//   nil        (only as iface: a nil interface{})

export type Kind = 'invalid' | 'missing' | 'nil' | 'bool' | 'int' | 'int64' | 'uint8' | 'float64' | 'complex128' | 'string' | 'map' | 'slice';

/** A Go string that is not valid UTF-8 (from "\xff" literals, byte slicing, base64decode). */
export class ByteStr {
  constructor(readonly b: Uint8Array) {}
}
export type GoString = string | ByteStr;

export interface SliceInfo { base: unknown[]; off: number; cap: number }

export class V {
  constructor(readonly k: Kind, readonly x: any, readonly iface = false, readonly sl?: SliceInfo) {}
}

export const INVALID = new V('invalid', undefined);
/** Sentinel for "no final value from a previous pipeline stage" (Go's missingVal). */
export const MISSING = new V('missing', undefined);
export const NIL_IFACE = new V('nil', null, true);

export const isInt = (k: Kind) => k === 'int' || k === 'int64';
export const isIntLike = (k: Kind) => k === 'int' || k === 'int64' || k === 'uint8';

/** Go's append growth for []interface{} (16-byte elements) when the JSON decoder appends one by one:
 *  the capacity of a decoded array of n elements (it shows through `slice`). */
const SIZE_CLASSES = [0, 8, 16, 24, 32, 48, 64, 80, 96, 112, 128, 144, 160, 176, 192, 208, 224, 240, 256, 288, 320, 352, 384, 416, 448, 480, 512, 576, 640, 704, 768, 896, 1024, 1152, 1280, 1408, 1536, 1792, 2048, 2304, 2688, 3072, 3200, 3456, 4096, 4864, 5376, 6144, 6528, 6784, 6912, 8192, 9472, 9728, 10240, 10880, 12288, 13568, 14336, 16384, 18432, 19072, 20480, 21760, 24576, 27264, 28672, 32768];
function roundupsize(size: number): number {
  // Go 1.22+ runtime: pointerful objects above 512 bytes carry an 8-byte malloc header.
  if (size <= 32768 - 8) {
    const req = size > 512 ? size + 8 : size;
    for (const c of SIZE_CLASSES) if (c >= req) return c - (req - size);
  }
  const page = 8192;
  return Math.ceil(size / page) * page;
}
const capCache: number[] = [0];
export function decodedCap(n: number): number {
  while (capCache.length <= n) {
    const len = capCache.length; // appending element number `len` (1-based count = len)
    const old = capCache[len - 1];
    if (len <= old) { capCache.push(old); continue; }
    // growslice(oldCap = old, newLen = len)
    let newcap = old;
    const doublecap = newcap + newcap;
    if (len > doublecap) newcap = len;
    else if (old < 256) newcap = doublecap;
    else {
      while (newcap < len) newcap += (newcap + 3 * 256) >> 2;
    }
    const mem = roundupsize(newcap * 16);
    capCache.push(Math.floor(mem / 16));
  }
  return capCache[n];
}

const TWO63 = 9223372036854775808;

/** Wrap a raw JSON value found inside a map/slice: an interface{} value. */
export function ifaceOf(raw: unknown): V {
  if (raw === null || raw === undefined) return NIL_IFACE;
  return concreteOf(raw, true);
}

/** The concrete value of raw JSON data (iface=true marks it as held in an interface{}). */
export function concreteOf(raw: unknown, iface = false): V {
  switch (typeof raw) {
    case 'string': return new V('string', raw, iface);
    case 'boolean': return new V('bool', raw, iface);
    case 'number': {
      if (Number.isInteger(raw) && Math.abs(raw) < TWO63) {
        const b = Math.abs(raw) <= Number.MAX_SAFE_INTEGER ? BigInt(raw) : BigInt(String(raw));
        return new V('int64', b, iface);
      }
      return new V('float64', raw, iface);
    }
    case 'bigint': {
      if (raw >= -(2n ** 63n) && raw < 2n ** 63n) return new V('int64', raw, iface);
      return new V('float64', Number(raw), iface);
    }
    case 'object': {
      if (raw === null) return iface ? NIL_IFACE : INVALID;
      if (raw instanceof ByteStr) return new V('string', raw, iface);
      if (raw instanceof GoFloat) return concreteOf(raw.f, iface); // kubectl's JSON round trip: integral -> int64
      if (Array.isArray(raw)) return new V('slice', raw, iface);
      return new V('map', raw, iface);
    }
  }
  return iface ? NIL_IFACE : INVALID;
}

/** A JSON number that must stay float64 even if integral (not needed for go-template data, whose
 *  integral values become int64, but accepted so callers can share one parsed tree). */
import { GoFloat } from '../../api/gonumber';
export { GoFloat };

/** reflect.Value.Type().String() */
export function typeString(v: V): string {
  if (v.iface) return 'interface {}';
  switch (v.k) {
    case 'map': return 'map[string]interface {}';
    case 'slice': return '[]interface {}';
    case 'nil': return 'interface {}';
    case 'missing': return 'template.missingValType';
    default: return v.k;
  }
}

/** indirectInterface: the concrete value in an interface value, or invalid for a nil interface. */
export function concrete(v: V): V {
  if (!v.iface) return v;
  if (v.k === 'nil') return INVALID;
  return new V(v.k, v.x, false, v.sl);
}

export const hasOwn = (o: object, k: string) => Object.prototype.hasOwnProperty.call(o, k);

/** MapIndex on a map[string]interface{}: invalid when absent. */
export function mapIndex(m: V, key: string): V {
  const o = m.x as Record<string, unknown>;
  if (!hasOwn(o, key) || o[key] === undefined) return INVALID;
  return ifaceOf(o[key]);
}

/** The keys of a JSON object as Go sees the map (properties holding undefined are not in JSON). */
export function mapKeys(o: Record<string, unknown>): string[] {
  const keys = Object.keys(o);
  for (const k of keys) if (o[k] === undefined) return keys.filter((x) => o[x] !== undefined);
  return keys;
}

/** Capacity and backing array of a slice value. */
export function sliceInfo(v: V): SliceInfo {
  if (v.sl) return v.sl;
  const arr = v.x as unknown[];
  return { base: arr, off: 0, cap: decodedCap(arr.length) };
}

export function sliceLen(v: V): number {
  return (v.x as unknown[]).length;
}

/** Element i of a slice ([]interface{} elements are interface values). */
export function sliceIndex(v: V, i: number): V {
  return ifaceOf((v.x as unknown[])[i]);
}

/** x[i:j(:k)] of a slice value; elements past the data but within capacity are nil. */
export function sliceSlice(v: V, i: number, j: number, k?: number): V {
  const info = sliceInfo(v);
  const start = info.off + i;
  const elems: unknown[] = [];
  for (let n = start; n < info.off + j; n++) elems.push(n < info.base.length ? info.base[n] : null);
  const cap = (k === undefined ? info.cap : k) - i;
  return new V('slice', elems, false, { base: info.base, off: start, cap });
}

// ---- strings as Go byte strings ----

const enc = new TextEncoder();
const decStrict = new TextDecoder('utf-8', { fatal: true });
const decLoose = new TextDecoder('utf-8');

export function strBytes(s: GoString): Uint8Array {
  return typeof s === 'string' ? enc.encode(s) : s.b;
}

export function bytesToGoString(b: Uint8Array): GoString {
  try {
    return decStrict.decode(b);
  } catch {
    return new ByteStr(b);
  }
}

/** The text to output for a Go string (invalid bytes become U+FFFD: stdout is a JS string). */
export function strText(s: GoString): string {
  return typeof s === 'string' ? s : decLoose.decode(s.b);
}

function isAscii(s: string): boolean {
  for (let i = 0; i < s.length; i++) if (s.charCodeAt(i) > 0x7f) return false;
  return true;
}

export function strLen(s: GoString): number {
  if (typeof s !== 'string') return s.b.length;
  return isAscii(s) ? s.length : Buffer.byteLength(s, 'utf8');
}

/** s[i] as a byte. */
export function strByte(s: GoString, i: number): number {
  if (typeof s === 'string' && isAscii(s)) return s.charCodeAt(i);
  return strBytes(s)[i];
}

export function strSlice(s: GoString, i: number, j: number): GoString {
  if (typeof s === 'string' && isAscii(s)) return s.slice(i, j);
  return bytesToGoString(strBytes(s).subarray(i, j));
}

/** Byte-wise (UTF-8) comparison of Go strings: -1, 0, 1. */
export function strCompare(a: GoString, b: GoString): number {
  if (typeof a === 'string' && typeof b === 'string') return compareUtf8(a, b);
  const x = strBytes(a), y = strBytes(b);
  const n = Math.min(x.length, y.length);
  for (let i = 0; i < n; i++) if (x[i] !== y[i]) return x[i] < y[i] ? -1 : 1;
  return x.length === y.length ? 0 : x.length < y.length ? -1 : 1;
}

export function strEqual(a: GoString, b: GoString): boolean {
  if (typeof a === 'string' && typeof b === 'string') return a === b;
  return strCompare(a, b) === 0;
}

/** Compare JS strings in UTF-8 byte order (= code point order). */
export function compareUtf8(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i), y = b.charCodeAt(i);
    if (x === y) continue;
    const xs = x >= 0xd800 && x <= 0xdfff, ys = y >= 0xd800 && y <= 0xdfff;
    if (xs === ys) return x < y ? -1 : 1;
    // A surrogate (code point >= 0x10000) sorts after any BMP character.
    return xs ? 1 : -1;
  }
  return a.length < b.length ? -1 : 1;
}

/** Map keys in Go's sorted order (fmtsort: strings byte-wise). */
export function sortedKeys(o: Record<string, unknown>): string[] {
  return mapKeys(o).sort(compareUtf8);
}
