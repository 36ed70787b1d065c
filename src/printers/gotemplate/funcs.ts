// text/template's builtin functions (funcs.go, go1.23) and the two kubectl adds (exists,
// base64decode), over the value model. A function signals Go's error result (or a recovered
// panic) by throwing FuncError; the executor reports it as "error calling NAME: MSG".
import {
  V, INVALID, NIL_IFACE, concrete, typeString, mapIndex, sliceLen, sliceIndex, sliceInfo, sliceSlice,
  strLen, strByte, strSlice, strCompare, strEqual, strBytes, bytesToGoString, GoString, mapKeys,
} from './value';
import { Arg, sprint, sprintf, sprintln, formatValue } from './format';
import { isPrint, decodeRune } from './strconv';

export class FuncError extends Error {}

/** reflect.Value parameter ('value'), interface{} parameter ('any'), or string. */
export type ParamType = 'value' | 'any' | 'string';

export interface GoFunc {
  params: ParamType[];
  variadic: boolean;
  /** args: V for 'value'/'string' parameters, Arg (concrete V or null) for 'any'. */
  call(args: any[]): V;
}

const fail = (msg: string): never => { throw new FuncError(msg); };

// ---- truth ----

/** isTrue: [truth, ok] */
export function isTrue(v: V): [boolean, boolean] {
  switch (v.k) {
    case 'invalid': return [false, true];
    case 'slice': return [(v.x as unknown[]).length > 0, true];
    case 'map': return [mapKeys(v.x).length > 0, true];
    case 'string': return [strLen(v.x) > 0, true];
    case 'bool': return [v.x, true];
    case 'complex128': return [v.x[0] !== 0 || v.x[1] !== 0, true];
    case 'nil': return [false, true];
    case 'int': case 'int64': case 'uint8': return [v.x !== 0n, true];
    case 'float64': return [v.x !== 0, true];
  }
  return [false, false];
}

export function truth(v: V): boolean {
  return isTrue(concrete(v))[0];
}

// ---- index / slice / len ----

function indexArg(index: V, cap: number): number {
  let x: bigint;
  switch (index.k) {
    case 'int': case 'int64': case 'uint8':
      if (index.iface) return fail(`cannot index slice/array with type ${typeString(index)}`);
      x = index.x;
      break;
    case 'invalid': return fail('cannot index slice/array with nil');
    default: return fail(`cannot index slice/array with type ${typeString(index)}`);
  }
  if (x < 0n || x > BigInt(cap)) fail(`index out of range: ${x}`);
  return Number(x);
}

function index(args: V[]): V {
  let item = concrete(args[0]);
  if (item.k === 'invalid') fail('index of untyped nil');
  for (let n = 1; n < args.length; n++) {
    const idx = concrete(args[n]);
    if (item.iface) {
      if (item.k === 'nil') fail('index of nil pointer');
      item = concrete(item);
    }
    switch (item.k) {
      case 'slice': {
        const x = indexArg(idx, sliceLen(item));
        if (x >= sliceLen(item)) fail('reflect: slice index out of range');
        item = sliceIndex(item, x);
        break;
      }
      case 'string': {
        const len = strLen(item.x);
        const x = indexArg(idx, len);
        if (x >= len) fail('reflect: string index out of range');
        item = new V('uint8', BigInt(strByte(item.x, x)));
        break;
      }
      case 'map': {
        if (idx.k === 'invalid') fail('value is nil; should be of type string');
        if (idx.k !== 'string') fail(`value has type ${typeString(idx)}; should be string`);
        const key = idx.x as GoString;
        const r = typeof key === 'string' ? mapIndex(item, key) : INVALID;
        item = r.k === 'invalid' ? NIL_IFACE : r;
        break;
      }
      default:
        fail(`can't index item of type ${typeString(item)}`);
    }
  }
  return item;
}

function slice(args: V[]): V {
  const item = concrete(args[0]);
  if (item.k === 'invalid') fail('slice of untyped nil');
  const indexes = args.slice(1);
  if (indexes.length > 3) fail(`too many slice indexes: ${indexes.length}`);
  let cap: number;
  let len: number;
  switch (item.k) {
    case 'string':
      if (indexes.length === 3) fail('cannot 3-index slice a string');
      len = cap = strLen(item.x);
      break;
    case 'slice':
      len = sliceLen(item);
      cap = sliceInfo(item).cap;
      break;
    default:
      return fail(`can't slice item of type ${typeString(item)}`);
  }
  const idx = [0, len, 0];
  indexes.forEach((ix, i) => { idx[i] = indexArg(ix, cap); });
  if (idx[0] > idx[1]) fail(`invalid slice index: ${idx[0]} > ${idx[1]}`);
  if (indexes.length < 3) {
    if (item.k === 'string') return new V('string', strSlice(item.x, idx[0], idx[1]));
    return sliceSlice(item, idx[0], idx[1]);
  }
  if (idx[1] > idx[2]) fail(`invalid slice index: ${idx[1]} > ${idx[2]}`);
  return sliceSlice(item, idx[0], idx[1], idx[2]);
}

function length(item: V): V {
  if (item.iface && item.k === 'nil') fail('len of nil pointer');
  item = concrete(item);
  switch (item.k) {
    case 'slice': return new V('int', BigInt(sliceLen(item)));
    case 'map': return new V('int', BigInt(mapKeys(item.x).length));
    case 'string': return new V('int', BigInt(strLen(item.x)));
    case 'invalid': return fail('reflect: call of reflect.Value.Type on zero Value');
  }
  return fail(`len of type ${typeString(item)}`);
}

// ---- comparison ----

type BK = 'invalid' | 'bool' | 'complex' | 'int' | 'float' | 'string' | 'uint';
function basicKind(v: V): BK {
  switch (v.k) {
    case 'bool': return 'bool';
    case 'int': case 'int64': return 'int';
    case 'uint8': return 'uint';
    case 'float64': return 'float';
    case 'complex128': return 'complex';
    case 'string': return 'string';
  }
  return 'invalid';
}

const errBadComparisonType = 'invalid type for comparison';
const errBadComparison = 'incompatible types for comparison';
const errNoComparison = 'missing argument for comparison';

function eqValues(a1: V, args: V[]): boolean {
  const arg1 = concrete(a1);
  if (args.length === 0) fail(errNoComparison);
  const k1 = basicKind(arg1);
  for (const a of args) {
    const arg = concrete(a);
    const k2 = basicKind(arg);
    let t = false;
    if (k1 !== k2) {
      if (k1 === 'int' && k2 === 'uint') t = arg1.x >= 0n && arg1.x === arg.x;
      else if (k1 === 'uint' && k2 === 'int') t = arg.x >= 0n && arg1.x === arg.x;
      else if (arg1.k !== 'invalid' && arg.k !== 'invalid') fail(errBadComparison);
    } else {
      switch (k1) {
        case 'bool': case 'int': case 'uint': t = arg1.x === arg.x; break;
        case 'float': t = arg1.x === arg.x; break;
        case 'complex': t = arg1.x[0] === arg.x[0] && arg1.x[1] === arg.x[1]; break;
        case 'string': t = strEqual(arg1.x, arg.x); break;
        default: {
          const canCompare = arg1.k === arg.k || arg1.k === 'invalid' || arg.k === 'invalid';
          if (!canCompare) {
            fail(`non-comparable types ${formatValue(arg1, 's')}: ${typeString(arg1)}, ${typeString(arg)}: ${formatValue(arg, 'v')}`);
          }
          const n1 = arg1.k === 'invalid', n2 = arg.k === 'invalid';
          if (n1 || n2) t = n1 === n2;
          else fail(`non-comparable type ${formatValue(arg, 's')}: ${typeString(arg)}`);
        }
      }
    }
    if (t) return true;
  }
  return false;
}

function ltValues(a1: V, a2: V): boolean {
  const arg1 = concrete(a1);
  const k1 = basicKind(arg1);
  if (k1 === 'invalid') fail(errBadComparisonType);
  const arg2 = concrete(a2);
  const k2 = basicKind(arg2);
  if (k2 === 'invalid') fail(errBadComparisonType);
  if (k1 !== k2) {
    if (k1 === 'int' && k2 === 'uint') return arg1.x < 0n || arg1.x < arg2.x;
    if (k1 === 'uint' && k2 === 'int') return arg2.x >= 0n && arg1.x < arg2.x;
    return fail(errBadComparison);
  }
  switch (k1) {
    case 'bool': case 'complex': return fail(errBadComparisonType);
    case 'string': return strCompare(arg1.x, arg2.x) < 0;
    default: return arg1.x < arg2.x;
  }
}

const bool = (b: boolean) => new V('bool', b);
const str = (s: GoString) => new V('string', s);

// ---- escapers ----

/** evalArgs: the text of html/js/urlquery arguments. */
function evalArgs(args: Arg[]): GoString {
  if (args.length === 1 && args[0] !== null && args[0].k === 'string') return args[0].x;
  return sprint(args.map((a) => (a === null ? new V('string', '<no value>') : a)));
}

function htmlEscape(s: GoString): GoString {
  const b = strBytes(s);
  if (!b.some((c) => c === 0x27 || c === 0x22 || c === 0x26 || c === 0x3c || c === 0x3e || c === 0)) return s;
  const out: number[] = [];
  const put = (t: string) => { for (let i = 0; i < t.length; i++) out.push(t.charCodeAt(i)); };
  for (const c of b) {
    switch (c) {
      case 0: out.push(0xef, 0xbf, 0xbd); break;
      case 0x22: put('&#34;'); break;
      case 0x27: put('&#39;'); break;
      case 0x26: put('&amp;'); break;
      case 0x3c: put('&lt;'); break;
      case 0x3e: put('&gt;'); break;
      default: out.push(c);
    }
  }
  return bytesToGoString(Uint8Array.from(out));
}

const HEX = '0123456789ABCDEF';
function jsEscape(s: GoString): GoString {
  const b = strBytes(s);
  const out: number[] = [];
  const put = (t: string) => { for (let i = 0; i < t.length; i++) out.push(t.charCodeAt(i)); };
  for (let i = 0; i < b.length; i++) {
    const c = b[i];
    const special = c === 0x5c || c === 0x27 || c === 0x22 || c === 0x3c || c === 0x3e || c === 0x26 || c === 0x3d || c < 0x20 || c >= 0x80;
    if (!special) { out.push(c); continue; }
    if (c < 0x80) {
      switch (c) {
        case 0x5c: put('\\\\'); break;
        case 0x27: put("\\'"); break;
        case 0x22: put('\\"'); break;
        case 0x3c: put('\\u003C'); break;
        case 0x3e: put('\\u003E'); break;
        case 0x26: put('\\u0026'); break;
        case 0x3d: put('\\u003D'); break;
        default: put('\\u00' + HEX[c >> 4] + HEX[c & 15]);
      }
    } else {
      const [r, size] = decodeRune(b, i);
      if (isPrint(r)) for (let k = 0; k < size; k++) out.push(b[i + k]);
      else put('\\u' + r.toString(16).toUpperCase().padStart(4, '0'));
      i += size - 1;
    }
  }
  return bytesToGoString(Uint8Array.from(out));
}

function queryEscape(s: GoString): string {
  const b = strBytes(s);
  let out = '';
  for (const c of b) {
    if ((c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2d || c === 0x5f || c === 0x2e || c === 0x7e) {
      out += String.fromCharCode(c);
    } else if (c === 0x20) out += '+';
    else out += '%' + HEX[c >> 4] + HEX[c & 15];
  }
  return out;
}

// ---- kubectl: exists, base64decode ----

function exists(args: Arg[]): V {
  let v: V = args[0] === null ? INVALID : args[0];
  for (let n = 1; n < args.length; n++) {
    let index: V = args[n] === null ? INVALID : (args[n] as V);
    if (v.iface) {
      if (v.k === 'nil') return bool(false);
      v = concrete(v);
    }
    switch (v.k) {
      case 'slice': case 'string': {
        if (index.k !== 'int' && index.k !== 'int64' && index.k !== 'uint8') return bool(false);
        const x = index.x as bigint;
        const len = v.k === 'slice' ? sliceLen(v) : strLen(v.x);
        if (x < 0n || x >= BigInt(len)) return bool(false);
        v = v.k === 'slice' ? sliceIndex(v, Number(x)) : new V('uint8', BigInt(strByte(v.x, Number(x))));
        break;
      }
      case 'map': {
        if (index.k === 'invalid') index = str('');
        if (index.k !== 'string') return bool(false);
        const key = index.x as GoString;
        const r = typeof key === 'string' ? mapIndex(v, key) : INVALID;
        v = r.k === 'invalid' ? NIL_IFACE : r;
        break;
      }
      default:
        return bool(false);
    }
  }
  if (v.iface && v.k === 'nil') return bool(false);
  return bool(true);
}

const B64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
const B64MAP = (() => {
  const m = new Int16Array(256).fill(-1);
  for (let i = 0; i < 64; i++) m[B64.charCodeAt(i)] = i;
  return m;
})();

/** Go's base64.StdEncoding.DecodeString. */
function base64Decode(src: Uint8Array): Uint8Array {
  const out: number[] = [];
  const corrupt = (n: number): never => fail(`base64 decode failed: illegal base64 data at input byte ${n}`);
  let si = 0;
  while (si < src.length) {
    const dbuf = [0, 0, 0, 0];
    let dlen = 4;
    let err: number | undefined;
    let j = 0;
    for (; j < 4; j++) {
      if (src.length === si) {
        if (j === 0) return Uint8Array.from(out);
        corrupt(si - j);
      }
      const inb = src[si];
      si++;
      const o = B64MAP[inb];
      if (o !== -1) { dbuf[j] = o; continue; }
      if (inb === 0x0a || inb === 0x0d) { j--; continue; }
      if (inb !== 0x3d) corrupt(si - 1);
      // padding
      if (j === 0 || j === 1) corrupt(si - 1);
      if (j === 2) {
        while (si < src.length && (src[si] === 0x0a || src[si] === 0x0d)) si++;
        if (si === src.length) corrupt(src.length);
        if (src[si] !== 0x3d) corrupt(si - 1);
        si++;
      }
      while (si < src.length && (src[si] === 0x0a || src[si] === 0x0d)) si++;
      if (si < src.length) err = si;
      dlen = j;
      break;
    }
    const val = (dbuf[0] << 18) | (dbuf[1] << 12) | (dbuf[2] << 6) | dbuf[3];
    const bytes = [(val >> 16) & 0xff, (val >> 8) & 0xff, val & 0xff];
    for (let k = 0; k < dlen - 1; k++) out.push(bytes[k]);
    if (err !== undefined) corrupt(err);
  }
  return Uint8Array.from(out);
}

function call(name: string, fn: V): V {
  const f = concrete(fn);
  if (f.k === 'invalid') fail('call of nil');
  return fail(`non-function ${name} of type ${typeString(f)}`);
}

// ---- the function table ----

const V2: ParamType[] = ['value', 'value'];

export const BUILTINS: Record<string, GoFunc> = {
  and: { params: V2, variadic: true, call: () => INVALID }, // special-cased by the executor
  or: { params: V2, variadic: true, call: () => INVALID },
  call: { params: V2, variadic: true, call: (a) => call(a[0] as string, a[1]) }, // a[0]: callee text
  html: { params: ['any'], variadic: true, call: (a) => str(htmlEscape(evalArgs(a))) },
  index: { params: V2, variadic: true, call: (a) => index(a) },
  slice: { params: V2, variadic: true, call: (a) => slice(a) },
  js: { params: ['any'], variadic: true, call: (a) => str(jsEscape(evalArgs(a))) },
  len: { params: ['value'], variadic: false, call: (a) => length(a[0]) },
  not: { params: ['value'], variadic: false, call: (a) => bool(!truth(a[0])) },
  print: { params: ['any'], variadic: true, call: (a) => str(sprint(a)) },
  printf: { params: ['string', 'any'], variadic: true, call: (a) => str(sprintf(goText(a[0].x), a.slice(1))) },
  println: { params: ['any'], variadic: true, call: (a) => str(sprintln(a)) },
  urlquery: { params: ['any'], variadic: true, call: (a) => str(queryEscape(evalArgs(a))) },
  eq: { params: V2, variadic: true, call: (a) => bool(eqValues(a[0], a.slice(1))) },
  ge: { params: V2, variadic: false, call: (a) => bool(!ltValues(a[0], a[1])) },
  gt: { params: V2, variadic: false, call: (a) => bool(!(ltValues(a[0], a[1]) || eqValues(a[0], [a[1]]))) },
  le: { params: V2, variadic: false, call: (a) => bool(ltValues(a[0], a[1]) || eqValues(a[0], [a[1]])) },
  lt: { params: V2, variadic: false, call: (a) => bool(ltValues(a[0], a[1])) },
  ne: { params: V2, variadic: false, call: (a) => bool(!eqValues(a[0], [a[1]])) },
};

export const KUBECTL_FUNCS: Record<string, GoFunc> = {
  exists: { params: ['any', 'any'], variadic: true, call: (a) => exists(a) },
  base64decode: { params: ['string'], variadic: false, call: (a) => str(bytesToGoString(base64Decode(strBytes(a[0].x)))) },
};

function goText(s: GoString): string {
  return typeof s === 'string' ? s : new TextDecoder().decode(s.b);
}

export const FUNC_NAMES = new Set([...Object.keys(BUILTINS), ...Object.keys(KUBECTL_FUNCS)]);
