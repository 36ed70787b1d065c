// The Go value model kubectl's JSONPath engine works on, and the Go formatting it prints with.
//
// Data is plain JSON as JS values, read with Go's rules (what apimachinery's unstructured JSON
// decoder produces, which kubectl hands to client-go's jsonpath):
//   null                 -> nil interface{} (a JSON null)
//   boolean, string      -> bool, string
//   number               -> int64 when integral and |v| < 2^63, else float64
//   bigint               -> int64 (exact, for integers beyond 2^53; see parseJsonLossless)
//   GoFloat              -> float64 whose JSON text had a '.'/'e' (e.g. 2.0 stays float64)
//   arrays / objects     -> []interface{} / map[string]interface{}
// Values only the engine creates:
//   GoInt                -> Go `int` (a number literal in a template: {5}, ?(@.port==80))
//   GoUint8              -> a byte of a string (.* / .. over a string index its bytes)
//   NO_VALUE             -> reflect.Value{} (the zero Value; e.g. a null element inside {range})
import { goJsonString } from '../json';

import { GoFloat, parseJsonGo } from '../../api/gonumber';
export { GoFloat };
export class GoInt {
  constructor(public readonly i: number | bigint) {}
}
export class GoUint8 {
  constructor(public readonly b: number) {}
}
export const NO_VALUE: unique symbol = Symbol('reflect.Value{}');
export type NoValue = typeof NO_VALUE;

export type Kind = 'invalid' | 'nil' | 'bool' | 'string' | 'int64' | 'int' | 'uint8' | 'float64' | 'map' | 'slice';

const TWO63 = 9223372036854775808;

export function kindOf(v: unknown): Kind {
  if (v === NO_VALUE) return 'invalid';
  if (v === null || v === undefined) return 'nil';
  switch (typeof v) {
    case 'string': return 'string';
    case 'boolean': return 'bool';
    case 'number': return Number.isInteger(v) && Math.abs(v) < TWO63 ? 'int64' : 'float64';
    case 'bigint': return 'int64';
  }
  if (Array.isArray(v)) return 'slice';
  if (v instanceof GoFloat) return 'float64';
  if (v instanceof GoInt) return 'int';
  if (v instanceof GoUint8) return 'uint8';
  return 'map';
}

/** Go's reflect type name of a (non-nil) value, as `%v` of value.Type() prints it. */
export function goTypeName(v: unknown): string {
  switch (kindOf(v)) {
    case 'map': return 'map[string]interface {}';
    case 'slice': return '[]interface {}';
    case 'nil': return 'interface {}';
    case 'invalid': return '<nil>';
    default: return kindOf(v);
  }
}

/** Numeric value of an int-like value (int64, int, uint8) as bigint. */
export function intValue(v: unknown): bigint {
  if (typeof v === 'bigint') return v;
  if (typeof v === 'number') return BigInt(v);
  if (v instanceof GoInt) return typeof v.i === 'bigint' ? v.i : BigInt(v.i);
  if (v instanceof GoUint8) return BigInt(v.b);
  throw new Error('not an integer');
}

export function floatValue(v: unknown): number {
  if (v instanceof GoFloat) return v.f;
  return v as number;
}

/** Map keys sorted bytewise (UTF-8 byte order == code point order), as Go sorts them. Keys whose
 *  value is undefined do not exist (as after a JSON round trip). */
export function sortedKeys(m: Record<string, unknown>): string[] {
  const keys = Object.keys(m);
  for (const k of keys) {
    if (m[k] === undefined) return keys.filter((x) => m[x] !== undefined).sort(compareStrings);
  }
  return keys.sort(compareStrings);
}

/** Go string comparison (bytewise on UTF-8 == code point order). */
export function compareStrings(a: string, b: string): number {
  if (a === b) return 0;
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) {
      // surrogates (U+D800..U+DFFF) encode code points above U+FFFF: they sort after U+E000..U+FFFF
      const xs = x >= 0xd800 && x <= 0xdfff;
      const ys = y >= 0xd800 && y <= 0xdfff;
      if (xs !== ys) return xs ? 1 : -1;
      return x < y ? -1 : 1;
    }
  }
  return a.length < b.length ? -1 : a.length > b.length ? 1 : 0;
}

/** UTF-8 bytes of a string (Go strings are bytes). */
export function utf8Bytes(s: string): Uint8Array {
  return Buffer.from(s, 'utf8');
}

// ---------------------------------------------------------------------------------------------
// Lossless JSON parsing with Go's number classification.

/** JSON.parse, except that numbers keep Go's int64/float64 distinction: an integer literal that
 *  fits int64 is a number (or a bigint beyond 2^53), a literal with '.'/'e' that is integral is a
 *  GoFloat, and integer literals beyond int64 become float64. */
export function parseJsonLossless(text: string): unknown {
  return parseJsonGo(text, true);
}

/** What a Go JSON encode + decode does to decoded data (kubectl does this to the items of every
 *  List it prints with -o jsonpath/custom-columns/--sort-by): a float64 with an integral value
 *  that fits int64 becomes int64. In this model: GoFloat wrappers become plain numbers. */
export function goJsonRoundTrip(v: unknown): unknown {
  if (v instanceof GoFloat) return v.f;
  if (Array.isArray(v)) return v.map(goJsonRoundTrip);
  if (v !== null && typeof v === 'object' && kindOf(v) === 'map') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(v)) Object.defineProperty(out, k, { value: goJsonRoundTrip((v as Record<string, unknown>)[k]), enumerable: true, writable: true, configurable: true });
    return out;
  }
  return v;
}

// ---------------------------------------------------------------------------------------------
// Go fmt: %v (fmt.Sprint / fmt.Fprint) and %#v.

/** strconv.FormatFloat(f, 'g', -1, 64) as fmt's %v prints a float64. */
export function formatFloatV(f: number): string {
  if (Number.isNaN(f)) return 'NaN';
  if (f === Infinity) return '+Inf';
  if (f === -Infinity) return '-Inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const m = /^(-?)(\d)(?:\.(\d+))?e([+-]\d+)$/.exec(f.toExponential())!;
  const neg = m[1];
  const digits = m[2] + (m[3] ?? '');
  const exp = parseInt(m[4], 10);
  if (exp < -4 || exp >= 6) {
    const mant = digits.length > 1 ? digits[0] + '.' + digits.slice(1) : digits;
    const ae = Math.abs(exp);
    return `${neg}${mant}e${exp < 0 ? '-' : '+'}${ae < 10 ? '0' + ae : ae}`;
  }
  if (exp < 0) return `${neg}0.${'0'.repeat(-exp - 1)}${digits}`;
  if (digits.length <= exp + 1) return neg + digits + '0'.repeat(exp + 1 - digits.length);
  return `${neg}${digits.slice(0, exp + 1)}.${digits.slice(exp + 1)}`;
}

function formatInt(v: unknown): string {
  if (typeof v === 'number') return Number.isSafeInteger(v) ? String(v) : BigInt(v).toString();
  return intValue(v).toString();
}

/** fmt.Sprint(v) for one operand (%v). Maps: map[k:v ...] with sorted keys; slices: [a b]; nil: <nil>. */
export function goSprint(v: unknown): string {
  switch (kindOf(v)) {
    case 'invalid': return '<invalid reflect.Value>';
    case 'nil': return '<nil>';
    case 'string': return v as string;
    case 'bool': return v ? 'true' : 'false';
    case 'int64': case 'int': case 'uint8': return formatInt(v);
    case 'float64': return formatFloatV(floatValue(v));
    case 'slice': return '[' + (v as unknown[]).map(goSprint).join(' ') + ']';
    case 'map': {
      const m = v as Record<string, unknown>;
      return 'map[' + sortedKeys(m).map((k) => k + ':' + goSprint(m[k])).join(' ') + ']';
    }
  }
}

/** fmt.Sprintf("%#v", v) for decoded JSON inside interface{} (the data kubectl prints in its
 *  jsonpath error message). */
export function goSharpV(v: unknown): string {
  switch (kindOf(v)) {
    case 'invalid': return '<invalid reflect.Value>';
    case 'nil': return 'interface {}(nil)';
    case 'string': return goQuote(v as string);
    case 'bool': return v ? 'true' : 'false';
    case 'int64': case 'int': return formatInt(v);
    case 'uint8': return '0x' + (v as GoUint8).b.toString(16);
    case 'float64': return formatFloatV(floatValue(v));
    case 'slice': return '[]interface {}{' + (v as unknown[]).map(goSharpV).join(', ') + '}';
    case 'map': {
      const m = v as Record<string, unknown>;
      return 'map[string]interface {}{' + sortedKeys(m).map((k) => goQuote(k) + ':' + goSharpV(m[k])).join(', ') + '}';
    }
  }
}

let printRe: RegExp | undefined;
/** strconv.IsPrint: letters, marks, numbers, punctuation, symbols and the ASCII space. */
export function isGoPrint(cp: number): boolean {
  if (cp < 0x7f) return cp >= 0x20;
  printRe ??= /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
  return printRe.test(String.fromCodePoint(cp));
}

const hex = (n: number, w: number) => n.toString(16).padStart(w, '0');

/** strconv.Quote (what %q and %#v print for a string). */
export function goQuote(s: string): string {
  let out = '"';
  for (let i = 0; i < s.length; i++) {
    let cp = s.charCodeAt(i);
    if (cp >= 0xd800 && cp <= 0xdbff && i + 1 < s.length) {
      const lo = s.charCodeAt(i + 1);
      if (lo >= 0xdc00 && lo <= 0xdfff) { cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00); i++; }
    }
    if (cp === 0x22) { out += '\\"'; continue; }
    if (cp === 0x5c) { out += '\\\\'; continue; }
    if (cp >= 0xd800 && cp <= 0xdfff) { out += '\\ufffd'; continue; }
    if (isGoPrint(cp)) { out += String.fromCodePoint(cp); continue; }
    switch (cp) {
      case 7: out += '\\a'; continue;
      case 8: out += '\\b'; continue;
      case 12: out += '\\f'; continue;
      case 10: out += '\\n'; continue;
      case 13: out += '\\r'; continue;
      case 9: out += '\\t'; continue;
      case 11: out += '\\v'; continue;
    }
    if (cp < 0x20 || cp === 0x7f) out += '\\x' + hex(cp, 2);
    else if (cp < 0x10000) out += '\\u' + hex(cp, 4);
    else out += '\\U' + hex(cp, 8);
  }
  return out + '"';
}

/** fmt's %#U: U+0026 '&' (the character only when printable). */
export function goSharpU(cp: number): string {
  const u = 'U+' + cp.toString(16).toUpperCase().padStart(4, '0');
  return isGoPrint(cp) ? `${u} '${String.fromCodePoint(cp)}'` : u;
}

// ---------------------------------------------------------------------------------------------
// Go encoding/json (Marshal: HTML-safe escaping, sorted keys; MarshalIndent).

export { goJsonString };

function jsonFloat(f: number): string {
  if (Object.is(f, -0)) return '-0';
  return String(f); // JS number formatting == Go's json float formatting for float64
}

function jsonScalar(v: unknown): string {
  switch (kindOf(v)) {
    case 'invalid': throw new GoPanic('reflect: call of reflect.Value.Interface on zero Value');
    case 'nil': return 'null';
    case 'string': return goJsonString(v as string);
    case 'bool': return v ? 'true' : 'false';
    case 'int64': case 'int': case 'uint8': return formatInt(v);
    case 'float64': return jsonFloat(floatValue(v));
    default: throw new Error('not a scalar');
  }
}

/** json.Marshal(v) */
export function goJson(v: unknown): string {
  const k = kindOf(v);
  if (k === 'slice') return '[' + (v as unknown[]).map(goJson).join(',') + ']';
  if (k === 'map') {
    const m = v as Record<string, unknown>;
    return '{' + sortedKeys(m).map((key) => goJsonString(key) + ':' + goJson(m[key])).join(',') + '}';
  }
  return jsonScalar(v);
}

/** json.MarshalIndent(v, prefix, indent) */
export function goJsonIndent(v: unknown, indent: string, depth = 0): string {
  const k = kindOf(v);
  if (k === 'slice') {
    const a = v as unknown[];
    if (!a.length) return '[]';
    const pad = '\n' + indent.repeat(depth + 1);
    return '[' + a.map((x) => pad + goJsonIndent(x, indent, depth + 1)).join(',') + '\n' + indent.repeat(depth) + ']';
  }
  if (k === 'map') {
    const m = v as Record<string, unknown>;
    const keys = sortedKeys(m);
    if (!keys.length) return '{}';
    const pad = '\n' + indent.repeat(depth + 1);
    return '{' + keys.map((key) => pad + goJsonString(key) + ': ' + goJsonIndent(m[key], indent, depth + 1)).join(',') + '\n' + indent.repeat(depth) + '}';
  }
  return jsonScalar(v);
}

/** A Go runtime panic (kubectl crashes with exit code 2 and a goroutine dump). */
export class GoPanic extends Error {}
