// Ports of the parts of Go's strconv (and unicode/utf8) that text/template and fmt rely on:
// quoting, unquoting of template literals, integer/float parsing of numeric literals, and
// float formatting with exact (round-half-even) decimal conversion.

export class SyntaxError_ extends Error {}

// ---- UTF-8 ----

export const RUNE_ERROR = 0xfffd;

/** utf8.DecodeRune: [rune, width]; invalid → [RUNE_ERROR, 1]; at end → [-1, 0]. */
export function decodeRune(b: Uint8Array, i: number): [number, number] {
  if (i >= b.length) return [-1, 0];
  const c0 = b[i];
  if (c0 < 0x80) return [c0, 1];
  const n = b.length - i;
  if (c0 >= 0xc2 && c0 <= 0xdf) {
    if (n >= 2 && (b[i + 1] & 0xc0) === 0x80) return [((c0 & 0x1f) << 6) | (b[i + 1] & 0x3f), 2];
    return [RUNE_ERROR, 1];
  }
  if (c0 >= 0xe0 && c0 <= 0xef) {
    if (n < 3) return [RUNE_ERROR, 1];
    const c1 = b[i + 1], c2 = b[i + 2];
    const lo = c0 === 0xe0 ? 0xa0 : 0x80, hi = c0 === 0xed ? 0x9f : 0xbf;
    if (c1 < lo || c1 > hi || (c2 & 0xc0) !== 0x80) return [RUNE_ERROR, 1];
    return [((c0 & 0x0f) << 12) | ((c1 & 0x3f) << 6) | (c2 & 0x3f), 3];
  }
  if (c0 >= 0xf0 && c0 <= 0xf4) {
    if (n < 4) return [RUNE_ERROR, 1];
    const c1 = b[i + 1], c2 = b[i + 2], c3 = b[i + 3];
    const lo = c0 === 0xf0 ? 0x90 : 0x80, hi = c0 === 0xf4 ? 0x8f : 0xbf;
    if (c1 < lo || c1 > hi || (c2 & 0xc0) !== 0x80 || (c3 & 0xc0) !== 0x80) return [RUNE_ERROR, 1];
    return [((c0 & 0x07) << 18) | ((c1 & 0x3f) << 12) | ((c2 & 0x3f) << 6) | (c3 & 0x3f), 4];
  }
  return [RUNE_ERROR, 1];
}

export function validRune(r: number): boolean {
  return (r >= 0 && r < 0xd800) || (r > 0xdfff && r <= 0x10ffff);
}

export function appendRune(out: number[], r: number): void {
  if (!validRune(r)) r = RUNE_ERROR;
  if (r < 0x80) out.push(r);
  else if (r < 0x800) out.push(0xc0 | (r >> 6), 0x80 | (r & 0x3f));
  else if (r < 0x10000) out.push(0xe0 | (r >> 12), 0x80 | ((r >> 6) & 0x3f), 0x80 | (r & 0x3f));
  else out.push(0xf0 | (r >> 18), 0x80 | ((r >> 12) & 0x3f), 0x80 | ((r >> 6) & 0x3f), 0x80 | (r & 0x3f));
}

export function runeToString(r: number): string {
  return String.fromCodePoint(validRune(r) ? r : RUNE_ERROR);
}

let printRe: RegExp | undefined;
/** unicode.IsPrint / strconv.IsPrint. */
export function isPrint(r: number): boolean {
  if (r < 0x80) return r >= 0x20 && r < 0x7f;
  if (!validRune(r)) return false;
  printRe ??= /^[\p{L}\p{M}\p{N}\p{P}\p{S}]$/u;
  return printRe.test(String.fromCodePoint(r));
}

// ---- quoting ----

const lowerhex = '0123456789abcdef';

function appendEscapedRune(out: string[], r: number, quote: number, asciiOnly: boolean): void {
  if (r === quote || r === 0x5c) {
    out.push('\\', String.fromCharCode(r));
    return;
  }
  if (asciiOnly) {
    if (r < 0x80 && isPrint(r)) { out.push(String.fromCharCode(r)); return; }
  } else if (isPrint(r)) {
    out.push(String.fromCodePoint(r));
    return;
  }
  switch (r) {
    case 7: out.push('\\a'); return;
    case 8: out.push('\\b'); return;
    case 12: out.push('\\f'); return;
    case 10: out.push('\\n'); return;
    case 13: out.push('\\r'); return;
    case 9: out.push('\\t'); return;
    case 11: out.push('\\v'); return;
  }
  if (r < 0x20 || r === 0x7f) {
    out.push('\\x', lowerhex[r >> 4], lowerhex[r & 15]);
  } else if (!validRune(r)) {
    out.push('\\ufffd');
  } else if (r < 0x10000) {
    out.push('\\u', r.toString(16).padStart(4, '0'));
  } else {
    out.push('\\U', r.toString(16).padStart(8, '0'));
  }
}

/** strconv.Quote / QuoteToASCII over the bytes of a Go string. */
export function quoteBytes(b: Uint8Array, asciiOnly = false): string {
  const out: string[] = ['"'];
  for (let i = 0; i < b.length;) {
    const [r, w] = decodeRune(b, i);
    if (w === 1 && r === RUNE_ERROR) {
      out.push('\\x', lowerhex[b[i] >> 4], lowerhex[b[i] & 15]);
      i++;
      continue;
    }
    appendEscapedRune(out, r, 0x22, asciiOnly);
    i += w;
  }
  out.push('"');
  return out.join('');
}

const enc = new TextEncoder();
export function quote(s: string): string {
  return quoteBytes(enc.encode(s));
}

/** strconv.QuoteRune / QuoteRuneToASCII. */
export function quoteRune(r: number, asciiOnly = false): string {
  if (!validRune(r)) r = RUNE_ERROR;
  const out: string[] = ["'"];
  appendEscapedRune(out, r, 0x27, asciiOnly);
  out.push("'");
  return out.join('');
}

/** strconv.CanBackquote */
export function canBackquote(b: Uint8Array): boolean {
  for (let i = 0; i < b.length;) {
    const [r, w] = decodeRune(b, i);
    i += w;
    if (w > 1) {
      if (r === 0xfeff) return false;
      continue;
    }
    if (r === RUNE_ERROR) return false;
    if ((r < 0x20 && r !== 9) || r === 0x60 || r === 0x7f) return false;
  }
  return true;
}

// ---- unquoting (template string and character literals) ----

function unhex(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x61 + 10;
  if (c >= 0x41 && c <= 0x46) return c - 0x41 + 10;
  return -1;
}

/** strconv.UnquoteChar on bytes from index i: [value, multibyte, next index]; throws SyntaxError_. */
export function unquoteChar(s: Uint8Array, i: number, quoteCh: number): [number, boolean, number] {
  if (i >= s.length) throw new SyntaxError_('invalid syntax');
  const c = s[i];
  if (c === quoteCh && (quoteCh === 0x27 || quoteCh === 0x22)) throw new SyntaxError_('invalid syntax');
  if (c >= 0x80) {
    const [r, w] = decodeRune(s, i);
    return [r, true, i + w];
  }
  if (c !== 0x5c) return [c, false, i + 1];
  if (i + 1 >= s.length) throw new SyntaxError_('invalid syntax');
  const e = s[i + 1];
  let j = i + 2;
  let value: number;
  let multibyte = false;
  switch (e) {
    case 0x61: value = 7; break;
    case 0x62: value = 8; break;
    case 0x66: value = 12; break;
    case 0x6e: value = 10; break;
    case 0x72: value = 13; break;
    case 0x74: value = 9; break;
    case 0x76: value = 11; break;
    case 0x78: case 0x75: case 0x55: {
      const n = e === 0x78 ? 2 : e === 0x75 ? 4 : 8;
      if (s.length - j < n) throw new SyntaxError_('invalid syntax');
      let v = 0;
      for (let k = 0; k < n; k++) {
        const x = unhex(s[j + k]);
        if (x < 0) throw new SyntaxError_('invalid syntax');
        v = v * 16 + x;
      }
      j += n;
      if (e === 0x78) { value = v; break; }
      if (!validRune(v)) throw new SyntaxError_('invalid syntax');
      value = v;
      multibyte = true;
      break;
    }
    case 0x30: case 0x31: case 0x32: case 0x33: case 0x34: case 0x35: case 0x36: case 0x37: {
      let v = e - 0x30;
      if (s.length - j < 2) throw new SyntaxError_('invalid syntax');
      for (let k = 0; k < 2; k++) {
        const x = s[j + k] - 0x30;
        if (x < 0 || x > 7) throw new SyntaxError_('invalid syntax');
        v = (v << 3) | x;
      }
      j += 2;
      if (v > 255) throw new SyntaxError_('invalid syntax');
      value = v;
      break;
    }
    case 0x5c: value = 0x5c; break;
    case 0x27: case 0x22:
      if (e !== quoteCh) throw new SyntaxError_('invalid syntax');
      value = e;
      break;
    default: throw new SyntaxError_('invalid syntax');
  }
  return [value, multibyte, j];
}

/** strconv.Unquote of a "..." or `...` literal, to bytes. Throws SyntaxError_. */
export function unquote(lit: Uint8Array): Uint8Array {
  const n = lit.length;
  if (n < 2) throw new SyntaxError_('invalid syntax');
  const q = lit[0];
  if (q !== lit[n - 1]) throw new SyntaxError_('invalid syntax');
  const body = lit.subarray(1, n - 1);
  if (q === 0x60) {
    if (body.includes(0x60)) throw new SyntaxError_('invalid syntax');
    if (body.includes(0x0d)) return body.filter((c) => c !== 0x0d);
    return body;
  }
  if (q !== 0x22 && q !== 0x27) throw new SyntaxError_('invalid syntax');
  const out: number[] = [];
  let i = 0;
  while (i < body.length) {
    if (body[i] === 0x0a) throw new SyntaxError_('invalid syntax');
    const [r, multibyte, next] = unquoteChar(body, i, q);
    i = next;
    if (r < 0x80 || !multibyte) out.push(r);
    else appendRune(out, r);
    if (q === 0x27 && i < body.length) throw new SyntaxError_('invalid syntax');
  }
  return Uint8Array.from(out);
}

// ---- integer and float parsing (strconv.ParseUint/ParseInt base 0, ParseFloat) ----

function lower(c: string): string {
  return c.toLowerCase();
}

function underscoreOK(s: string): boolean {
  let saw = '^';
  let i = 0;
  if (s.length >= 1 && (s[0] === '-' || s[0] === '+')) s = s.slice(1);
  let hex = false;
  if (s.length >= 2 && s[0] === '0' && 'box'.includes(lower(s[1]))) {
    i = 2;
    saw = '0';
    hex = lower(s[1]) === 'x';
  }
  for (; i < s.length; i++) {
    const c = s[i];
    if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) { saw = '0'; continue; }
    if (c === '_') {
      if (saw !== '0') return false;
      saw = '_';
      continue;
    }
    if (saw === '_') return false;
    saw = '!';
  }
  return saw !== '_';
}

const U64MAX = (1n << 64n) - 1n;

/** ParseUint(s, 0, 64): bigint, or 'syntax' / 'range'. */
export function parseUint0(s0: string): bigint | 'syntax' | 'range' {
  if (s0 === '') return 'syntax';
  let s = s0;
  let base = 10;
  if (s[0] === '0') {
    const c1 = s.length >= 3 ? lower(s[1]) : '';
    if (c1 === 'b') { base = 2; s = s.slice(2); }
    else if (c1 === 'o') { base = 8; s = s.slice(2); }
    else if (c1 === 'x') { base = 16; s = s.slice(2); }
    else { base = 8; s = s.slice(1); }
  }
  let n = 0n;
  let underscores = false;
  let range = false;
  const B = BigInt(base);
  for (const ch of s) {
    if (ch === '_') { underscores = true; continue; }
    let d: number;
    const c = lower(ch);
    if (c >= '0' && c <= '9') d = c.charCodeAt(0) - 48;
    else if (c >= 'a' && c <= 'z') d = c.charCodeAt(0) - 97 + 10;
    else return 'syntax';
    if (d >= base) return 'syntax';
    if (range) continue;
    n = n * B + BigInt(d);
    if (n > U64MAX) range = true;
  }
  if (range) return 'range';
  if (underscores && !underscoreOK(s0)) return 'syntax';
  return n;
}

/** ParseInt(s, 0, 64). */
export function parseInt0(s0: string): bigint | 'syntax' | 'range' {
  if (s0 === '') return 'syntax';
  let s = s0;
  let neg = false;
  if (s[0] === '+') s = s.slice(1);
  else if (s[0] === '-') { neg = true; s = s.slice(1); }
  const u = parseUint0(s);
  if (u === 'syntax') return 'syntax';
  if (u === 'range') return 'range';
  if (!neg && u >= 1n << 63n) return 'range';
  if (neg && u > 1n << 63n) return 'range';
  return neg ? -u : u;
}

/** m * 2^e2 (m >= 0) as the nearest double (round half to even). */
function bigToDouble(m: bigint, e2: number): number {
  if (m === 0n) return 0;
  const bits = m.toString(2).length;
  // Normalize to 53 significant bits; subnormals have fewer.
  let shift = bits - 53;
  const minExp = -1074;
  if (e2 + shift < minExp) shift = minExp - e2;
  if (shift > 0) {
    const rem = m & ((1n << BigInt(shift)) - 1n);
    m >>= BigInt(shift);
    const half = 1n << BigInt(shift - 1);
    if (rem > half || (rem === half && (m & 1n) === 1n)) m += 1n;
    e2 += shift;
  }
  return Number(m) * Math.pow(2, e2 > 970 ? 970 : e2) * (e2 > 970 ? Math.pow(2, e2 - 970) : 1);
}

/** ParseFloat(s, 64): number, or 'syntax' / 'range'. */
export function parseFloat64(s: string): number | 'syntax' | 'range' {
  let i = 0;
  let neg = false;
  if (i >= s.length) return 'syntax';
  if (s[i] === '+') i++;
  else if (s[i] === '-') { neg = true; i++; }
  const rest = s.slice(i).toLowerCase();
  if (rest === 'inf' || rest === 'infinity') return neg ? -Infinity : Infinity;
  if (rest === 'nan') return NaN;
  let hex = false;
  if (i + 2 < s.length && s[i] === '0' && lower(s[i + 1]) === 'x') { hex = true; i += 2; }
  let underscores = false;
  let sawdot = false, sawdigits = false;
  let mant = '';
  let fracDigits = 0;
  for (; i < s.length; i++) {
    const c = s[i];
    if (c === '_') { underscores = true; continue; }
    if (c === '.') {
      if (sawdot) break;
      sawdot = true;
      continue;
    }
    if ((c >= '0' && c <= '9') || (hex && lower(c) >= 'a' && lower(c) <= 'f')) {
      sawdigits = true;
      mant += c;
      if (sawdot) fracDigits++;
      continue;
    }
    break;
  }
  if (!sawdigits) return 'syntax';
  let exp = 0;
  const expChar = hex ? 'p' : 'e';
  if (i < s.length && lower(s[i]) === expChar) {
    i++;
    if (i >= s.length) return 'syntax';
    let esign = 1;
    if (s[i] === '+') i++;
    else if (s[i] === '-') { i++; esign = -1; }
    if (i >= s.length || s[i] < '0' || s[i] > '9') return 'syntax';
    let e = 0;
    for (; i < s.length && ((s[i] >= '0' && s[i] <= '9') || s[i] === '_'); i++) {
      if (s[i] === '_') { underscores = true; continue; }
      if (e < 10000) e = e * 10 + (s.charCodeAt(i) - 48);
    }
    exp = e * esign;
  } else if (hex) {
    return 'syntax';
  }
  if (underscores && !underscoreOK(s.slice(0, i))) return 'syntax';
  if (i !== s.length) return 'syntax';
  let v: number;
  if (hex) {
    v = bigToDouble(BigInt('0x' + mant), exp - 4 * fracDigits);
  } else {
    const intPart = mant.slice(0, mant.length - fracDigits) || '0';
    const frac = mant.slice(mant.length - fracDigits);
    v = Number(`${intPart}${frac ? '.' + frac : ''}e${exp}`);
  }
  if (!Number.isFinite(v)) return 'range';
  return neg ? -v : v;
}

// ---- float formatting (strconv.FormatFloat) ----

export interface Decimal { d: string; dp: number } // digits without trailing zeros; value = 0.d × 10^dp

const f64buf = new DataView(new ArrayBuffer(8));
function floatBits(v: number): { neg: boolean; mant: bigint; exp: number; biasedExp: number } {
  f64buf.setFloat64(0, v);
  const hi = f64buf.getUint32(0), lo = f64buf.getUint32(4);
  const neg = (hi >>> 31) === 1;
  const biasedExp = (hi >>> 20) & 0x7ff;
  let mant = (BigInt(hi & 0xfffff) << 32n) | BigInt(lo);
  let exp: number;
  if (biasedExp === 0) exp = 1 - 1023;
  else { mant |= 1n << 52n; exp = biasedExp - 1023; }
  return { neg, mant, exp, biasedExp };
}

/** Exact decimal expansion of |v| (finite). */
function exactDecimal(v: number): Decimal {
  const { mant, exp } = floatBits(v);
  if (mant === 0n) return { d: '', dp: 0 };
  const e2 = exp - 52;
  let digits: string;
  let dp: number;
  if (e2 >= 0) {
    digits = (mant << BigInt(e2)).toString();
    dp = digits.length;
  } else {
    digits = (mant * 5n ** BigInt(-e2)).toString();
    dp = digits.length + e2;
  }
  return { d: digits.replace(/0+$/, ''), dp };
}

/** Shortest decimal that round-trips (JS and Go agree on shortest-closest). */
function shortestDecimal(v: number): Decimal {
  if (v === 0) return { d: '', dp: 0 };
  const s = Math.abs(v).toExponential();
  const e = s.indexOf('e');
  const digits = s.slice(0, e).replace('.', '');
  return { d: digits.replace(/0+$/, ''), dp: Number(s.slice(e + 1)) + 1 };
}

/** Round a decimal to nd digits, half to even on exact ties (Go's decimal.Round). */
function roundDecimal(x: Decimal, nd: number): Decimal {
  if (nd < 0 || nd >= x.d.length) return x;
  const next = x.d.charCodeAt(nd) - 48;
  let up: boolean;
  if (next === 5 && nd + 1 === x.d.length) up = nd > 0 && (x.d.charCodeAt(nd - 1) - 48) % 2 === 1;
  else up = next >= 5;
  if (!up) return { d: x.d.slice(0, nd).replace(/0+$/, ''), dp: x.d.slice(0, nd).replace(/0+$/, '') === '' ? 0 : x.dp };
  // round up
  const ds = x.d.slice(0, nd).split('').map((c) => c.charCodeAt(0) - 48);
  let i = nd - 1;
  while (i >= 0 && ds[i] === 9) i--;
  if (i < 0) return { d: '1', dp: x.dp + 1 };
  ds[i]++;
  return { d: ds.slice(0, i + 1).join(''), dp: x.dp };
}

function fmtE(neg: boolean, d: Decimal, prec: number, fmt: string): string {
  let out = neg ? '-' : '';
  out += d.d.length ? d.d[0] : '0';
  if (prec > 0) {
    out += '.';
    let i = 1;
    const m = Math.min(d.d.length, prec + 1);
    if (i < m) { out += d.d.slice(i, m); i = m; }
    for (; i <= prec; i++) out += '0';
  }
  out += fmt;
  let exp = d.dp - 1;
  if (d.d.length === 0) exp = 0;
  out += exp < 0 ? '-' : '+';
  exp = Math.abs(exp);
  out += exp < 10 ? '0' + exp : String(exp);
  return out;
}

function fmtF(neg: boolean, d: Decimal, prec: number): string {
  let out = neg ? '-' : '';
  if (d.dp > 0) {
    const m = Math.min(d.d.length, d.dp);
    out += d.d.slice(0, m);
    for (let k = m; k < d.dp; k++) out += '0';
  } else out += '0';
  if (prec > 0) {
    out += '.';
    for (let i = 1; i <= prec; i++) {
      const j = d.dp + i - 1;
      out += j >= 0 && j < d.d.length ? d.d[j] : '0';
    }
  }
  return out;
}

function fmtB(neg: boolean, mant: bigint, exp: number): string {
  const e = exp - 52;
  return (neg ? '-' : '') + mant.toString() + 'p' + (e >= 0 ? '+' : '') + e;
}

function fmtX(prec: number, fmt: string, neg: boolean, mant: bigint, exp: number): string {
  if (mant === 0n) exp = 0;
  mant <<= 60n - 52n;
  while (mant !== 0n && (mant & (1n << 60n)) === 0n) {
    mant <<= 1n;
    exp--;
  }
  if (prec >= 0 && prec < 15) {
    const shift = BigInt(prec * 4);
    const extra = (mant << shift) & ((1n << 60n) - 1n);
    mant >>= 60n - shift;
    if ((extra | (mant & 1n)) > 1n << 59n) mant++;
    mant <<= 60n - shift;
    if ((mant & (1n << 61n)) !== 0n) {
      mant >>= 1n;
      exp++;
    }
  }
  const hex = fmt === 'X' ? '0123456789ABCDEF' : '0123456789abcdef';
  let out = (neg ? '-' : '') + '0' + fmt + String(Number((mant >> 60n) & 1n));
  mant = (mant << 4n) & ((1n << 64n) - 1n);
  if (prec < 0 && mant !== 0n) {
    out += '.';
    while (mant !== 0n) {
      out += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  } else if (prec > 0) {
    out += '.';
    for (let i = 0; i < prec; i++) {
      out += hex[Number((mant >> 60n) & 15n)];
      mant = (mant << 4n) & ((1n << 64n) - 1n);
    }
  }
  out += fmt === 'X' ? 'P' : 'p';
  out += exp < 0 ? '-' : '+';
  exp = Math.abs(exp);
  out += exp < 10 ? '0' + exp : String(exp);
  return out;
}

/** strconv.FormatFloat(v, fmt, prec, 64). fmt in b e E f g G x X. */
export function formatFloat(v: number, fmt: string, prec: number): string {
  if (Number.isNaN(v)) return 'NaN';
  if (v === Infinity) return '+Inf';
  if (v === -Infinity) return '-Inf';
  const { neg, mant, exp } = floatBits(v);
  if (fmt === 'b') return fmtB(neg, mant, exp);
  if (fmt === 'x' || fmt === 'X') return fmtX(prec, fmt, neg, mant, exp);
  const shortest = prec < 0;
  let digs: Decimal;
  if (shortest) {
    digs = shortestDecimal(v);
    if (fmt === 'e' || fmt === 'E') prec = Math.max(digs.d.length - 1, 0);
    else if (fmt === 'f') prec = Math.max(digs.d.length - digs.dp, 0);
    else prec = digs.d.length;
  } else {
    const x = exactDecimal(v);
    if (fmt === 'e' || fmt === 'E') digs = roundDecimal(x, prec + 1);
    else if (fmt === 'f') digs = roundDecimal(x, x.dp + prec);
    else {
      if (prec === 0) prec = 1;
      digs = roundDecimal(x, prec);
    }
  }
  switch (fmt) {
    case 'e': case 'E': return fmtE(neg, digs, prec, fmt);
    case 'f': return fmtF(neg, digs, prec);
    case 'g': case 'G': {
      let eprec = prec;
      if (eprec > digs.d.length && digs.d.length >= digs.dp) eprec = digs.d.length;
      if (shortest) eprec = 6;
      const exp10 = digs.dp - 1;
      if (exp10 < -4 || exp10 >= eprec) {
        if (prec > digs.d.length) prec = digs.d.length;
        return fmtE(neg, digs, prec - 1, fmt === 'g' ? 'e' : 'E');
      }
      if (prec > digs.dp) prec = digs.d.length;
      return fmtF(neg, digs, Math.max(prec - digs.dp, 0));
    }
  }
  return '%' + fmt;
}

/** Go encoding/json float64 encoding. */
export function jsonFloat(v: number): string {
  const abs = Math.abs(v);
  let fmt = 'f';
  if (abs !== 0 && (abs < 1e-6 || abs >= 1e21)) fmt = 'e';
  let s = formatFloat(v, fmt, -1);
  if (fmt === 'e') {
    const n = s.length;
    if (n >= 4 && s[n - 4] === 'e' && s[n - 3] === '-' && s[n - 2] === '0') s = s.slice(0, n - 2) + s[n - 1];
  }
  return s;
}
