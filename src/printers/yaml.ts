// -o yaml, as kubectl prints it: sigs.k8s.io/yaml, i.e. the object's JSON decoded by go-yaml v2
// and re-encoded by go-yaml v2's emitter (a port of libyaml's). Reproduced here, hand-written:
//
// - mapping keys in go-yaml's "natural" order (sorter.go): letters after non-letters, letters by
//   code point, digit runs numerically;
// - a string is double-quoted when plain it would read back as another type (resolve.go: bool,
//   null, int, float, timestamp, base-60 float); otherwise the emitter's analysis (emitterc.go,
//   yaml_emitter_analyze_scalar / select_scalar_style) picks plain, single-quoted, literal (`|`,
//   for strings with "\n") or double-quoted;
// - plain and quoted scalars fold at a space once the line is past column 80; keys longer than
//   128 bytes (or multi-line) are written as `? key` / `: value`;
// - block sequences inside a mapping sit at the key's indentation; empty collections are `{}`/`[]`;
// - numbers: integers as digits, other floats as Go's strconv.FormatFloat(f, 'g', -1, 64)
//   (`1.5`, `1.2345675e+06`, `1e-07`), after the JSON round trip kubectl does.
//
// The emitter state (column, indent, whitespace, indention) follows libyaml exactly, so every
// context decides line breaks and spaces as go-yaml does.

import { CliError } from '../api/types';
import { toCompactJson } from './json';
import { GoFloat } from '../api/gonumber';

const BEST_WIDTH = 80;
const BEST_INDENT = 2;

// ---------------------------------------------------------------------------------------------
// Emitter state (module-level for speed; toYaml is not re-entrant and does not need to be).
let out = '';
let parts: string[] = []; // finished 32 KB pieces of out (see json.ts: flattening keeps GC cheap)
let column = 0;
let indent = -1;
let whitespace = true;
let indention = true;

const SPACES: string[] = [''];
function spaces(n: number): string {
  let s = SPACES[n];
  if (s === undefined) {
    for (let i = SPACES.length; i <= n; i++) SPACES[i] = SPACES[i - 1] + ' ';
    s = SPACES[n];
  }
  return s;
}

/** Where finished pieces go while streaming (toYamlStreamed); otherwise they are kept in parts. */
let sink: ((s: string) => void) | undefined;
function flush(): void {
  if (out.length > 32768) {
    out.charCodeAt(0);
    if (sink) sink(out); else parts.push(out);
    out = '';
  }
}

function putBreak(): void {
  out += '\n';
  column = 0;
}

function writeIndent(): void {
  const ind = indent < 0 ? 0 : indent;
  if (!indention || column > ind || (column === ind && !whitespace)) putBreak();
  if (column < ind) {
    out += spaces(ind - column);
    column = ind;
  }
  whitespace = true;
  indention = true;
}

function writeIndicator(ind: string, needWhitespace: boolean, isWhitespace: boolean, isIndention: boolean): void {
  if (needWhitespace && !whitespace) {
    out += ' ';
    column++;
  }
  out += ind;
  column += ind.length;
  whitespace = isWhitespace;
  indention = indention && isIndention;
}

// ---------------------------------------------------------------------------------------------
// Character classes (yamlprivateh.go), on code points.

function isPrintable(c: number): boolean {
  return c === 0x0a || (c >= 0x20 && c <= 0x7e) || (c >= 0xa0 && c <= 0xd7ff) ||
    (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff);
}
function isBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d || c === 0x85 || c === 0x2028 || c === 0x2029;
}
function isBlank(c: number): boolean { return c === 0x20 || c === 0x09; }
function isBlankz(c: number): boolean { return c === 0x20 || c === 0x09 || c === 0 || isBreak(c); }

const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;
const ANY_SURROGATE = /[\ud800-\udfff]/;
/** Go strings decoded from JSON never hold surrogates: a lone one became U+FFFD. */
function wellFormed(s: string): string {
  return ANY_SURROGATE.test(s) ? s.replace(LONE_SURROGATE, '\ufffd') : s;
}

// ---------------------------------------------------------------------------------------------
// Scalar analysis: yaml_emitter_analyze_scalar (only what block context needs).

const A_MULTILINE = 1;
const A_BLOCK_PLAIN = 2;
const A_SINGLE = 4;
const A_BLOCK = 8;

// Printable ASCII with no space, not starting with an indicator or '-'/'.', no ':' at the end
// and no ':' or '#' anywhere: every style is allowed, nothing to scan.
const FAST_SAFE = /^[^\x00-\x20\x7f-\uffff\-.?:,[\]{}#&*!|>'"%@`][\x21-\x7e]*$/;

function analyze(s: string): number {
  const n = s.length;
  if (n === 0) return A_BLOCK_PLAIN | A_SINGLE;
  if (FAST_SAFE.test(s) && s.indexOf(':') < 0) return A_BLOCK_PLAIN | A_SINGLE | A_BLOCK;
  let blockIndicators = false;
  let lineBreaks = false;
  let special = false;
  let leadingSpace = false;
  let leadingBreak = false;
  let trailingSpace = false;
  let trailingBreak = false;
  let breakSpace = false;
  let spaceBreak = false;
  let precededByWhitespace = true;
  let previousSpace = false;
  let previousBreak = false;
  if (n >= 3 && ((s.charCodeAt(0) === 0x2d && s.charCodeAt(1) === 0x2d && s.charCodeAt(2) === 0x2d) ||
    (s.charCodeAt(0) === 0x2e && s.charCodeAt(1) === 0x2e && s.charCodeAt(2) === 0x2e))) {
    blockIndicators = true;
  }
  let i = 0;
  let c = s.codePointAt(0)!;
  while (i < n) {
    const w = c > 0xffff ? 2 : 1;
    const j = i + w;
    const last = j >= n;
    const next = last ? -1 : s.codePointAt(j)!;
    const followedByWhitespace = last || isBlank(next);
    if (i === 0) {
      switch (c) {
        case 0x23: case 0x2c: case 0x5b: case 0x5d: case 0x7b: case 0x7d: case 0x26: case 0x2a: case 0x21:
        case 0x7c: case 0x3e: case 0x27: case 0x22: case 0x25: case 0x40: case 0x60:
          blockIndicators = true;
          break;
        case 0x3f: case 0x3a: case 0x2d:
          if (followedByWhitespace) blockIndicators = true;
          break;
      }
    } else if (c === 0x3a) {
      if (followedByWhitespace) blockIndicators = true;
    } else if (c === 0x23) {
      if (precededByWhitespace) blockIndicators = true;
    }
    if (!isPrintable(c)) special = true;
    if (c === 0x20) {
      if (i === 0) leadingSpace = true;
      if (last) trailingSpace = true;
      if (previousBreak) breakSpace = true;
      previousSpace = true;
      previousBreak = false;
    } else if (isBreak(c)) {
      lineBreaks = true;
      if (i === 0) leadingBreak = true;
      if (last) trailingBreak = true;
      if (previousSpace) spaceBreak = true;
      previousSpace = false;
      previousBreak = true;
    } else {
      previousSpace = false;
      previousBreak = false;
    }
    precededByWhitespace = isBlankz(c);
    i = j;
    c = next;
  }
  let blockPlain = true;
  let single = true;
  let block = true;
  if (leadingSpace || leadingBreak || trailingSpace || trailingBreak) blockPlain = false;
  if (trailingSpace) block = false;
  if (breakSpace) { blockPlain = false; single = false; }
  if (spaceBreak || special) { blockPlain = false; single = false; block = false; }
  if (lineBreaks) blockPlain = false;
  if (blockIndicators) blockPlain = false;
  return (lineBreaks ? A_MULTILINE : 0) | (blockPlain ? A_BLOCK_PLAIN : 0) | (single ? A_SINGLE : 0) | (block ? A_BLOCK : 0);
}

// ---------------------------------------------------------------------------------------------
// resolve.go: would this plain scalar read back as something other than a string?

const RESOLVE_MAP = new Set([
  'y', 'Y', 'yes', 'Yes', 'YES', 'true', 'True', 'TRUE', 'on', 'On', 'ON',
  'n', 'N', 'no', 'No', 'NO', 'false', 'False', 'FALSE', 'off', 'Off', 'OFF',
  '', '~', 'null', 'Null', 'NULL', '.nan', '.NaN', '.NAN', '.inf', '.Inf', '.INF',
  '+.inf', '+.Inf', '+.INF', '-.inf', '-.Inf', '-.INF', '<<',
]);

const YAML_STYLE_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;
const DOT_FLOAT = /^\.[0-9]+([eE][-+]?[0-9]+)?$/;
const BASE60_FLOAT = /^[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+(?:\.[0-9_]*)?$/;

const INT64_MAX = (1n << 63n) - 1n;
const INT64_MIN = -(1n << 63n);
const UINT64_MAX = (1n << 64n) - 1n;

const DIGITS_RE: Record<number, RegExp> = { 2: /^[01]+$/, 8: /^[0-7]+$/, 10: /^[0-9]+$/, 16: /^[0-9a-fA-F]+$/ };

/** Go's strconv.ParseUint(s, 0, 64) / big.Int digits with a base prefix: 'ok' | 'range' | 'syntax'. */
function parseUnsigned(s: string, base0: boolean, fixedBase = 10): { r: 'ok' | 'range' | 'syntax'; v?: bigint } {
  if (s === '') return { r: 'syntax' };
  let base = fixedBase;
  let digits = s;
  if (base0) {
    base = 10;
    if (s[0] === '0') {
      const l = s.length >= 3 ? s[1].toLowerCase() : '';
      if (l === 'b') { base = 2; digits = s.slice(2); } else if (l === 'o') { base = 8; digits = s.slice(2); } else if (l === 'x') { base = 16; digits = s.slice(2); } else { base = 8; digits = s.slice(1); }
    }
  }
  if (digits === '') return base0 && s === '0' ? { r: 'ok', v: 0n } : { r: 'syntax' };
  if (!DIGITS_RE[base].test(digits)) return { r: 'syntax' };
  const v = base === 10 ? BigInt(digits) : BigInt((base === 16 ? '0x' : base === 8 ? '0o' : '0b') + digits);
  return v > UINT64_MAX ? { r: 'range', v } : { r: 'ok', v };
}

function parseSigned(s: string, base0: boolean, fixedBase = 10): 'ok' | 'range' | 'syntax' {
  if (s === '') return 'syntax';
  let neg = false;
  let body = s;
  if (s[0] === '+' || s[0] === '-') { neg = s[0] === '-'; body = s.slice(1); }
  const u = parseUnsigned(body, base0, fixedBase);
  if (u.r === 'syntax') return 'syntax';
  const v = neg ? -u.v! : u.v!;
  return v > INT64_MAX || v < INT64_MIN ? 'range' : 'ok';
}

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];
function validDate(y: number, m: number, d: number): boolean {
  if (m < 1 || m > 12 || d < 1) return false;
  const leap = y % 4 === 0 && (y % 100 !== 0 || y % 400 === 0);
  return d <= (m === 2 && leap ? 29 : DAYS[m - 1]);
}
const TS_T = /^(\d{4})-(\d\d?)-(\d\d?)[Tt](\d\d?):(\d\d?):(\d\d?)(?:[.,]\d+)?(?:Z|[+-](\d\d):(\d\d))$/;
const TS_SPACE = /^(\d{4})-(\d\d?)-(\d\d?) +(\d\d?):(\d\d?):(\d\d?)(?:[.,]\d+)?$/;
const TS_DATE = /^(\d{4})-(\d\d?)-(\d\d?)$/;

/** go-yaml's parseTimestamp: time.Parse with its four layouts. */
function isTimestamp(s: string): boolean {
  if (s.length < 5 || s.charCodeAt(4) !== 0x2d) return false;
  let m = TS_DATE.exec(s);
  if (m) return validDate(+m[1], +m[2], +m[3]);
  m = TS_T.exec(s) ?? TS_SPACE.exec(s);
  if (!m) return false;
  if (+m[4] > 23 || +m[5] > 59 || +m[6] > 59) return false;
  if (m[7] !== undefined && (+m[7] > 24 || +m[8] > 60)) return false;
  return validDate(+m[1], +m[2], +m[3]);
}

/** True when the string, written plain, would not read back as a string (stringv's check). */
export function needsDoubleQuotes(s: string): boolean {
  if (s === '') return true;
  const c = s.charCodeAt(0);
  let hint: 'S' | 'D' | 'M' | '.' | '';
  if (c === 0x2b || c === 0x2d) hint = 'S';
  else if (c >= 0x30 && c <= 0x39) hint = 'D';
  else if (c === 0x2e) hint = '.';
  else if ('yYnNtTfFoO~'.indexOf(s[0]) >= 0) hint = 'M';
  else return false;
  if (RESOLVE_MAP.has(s)) return true;
  if (hint === 'M') return false;
  if (hint === '.') return DOT_FLOAT.test(s) && Number.isFinite(Number(s));
  // 'D' / 'S': timestamp, int, uint, float, 0b forms; else base-60 floats are quoted too.
  if (hint === 'D' && isTimestamp(s)) return true;
  const plain = s.indexOf('_') >= 0 ? s.replace(/_/g, '') : s;
  if (parseSigned(plain, true) === 'ok') return true;
  const u = parseUnsigned(plain, true);
  if (u.r === 'ok') return true;
  if (YAML_STYLE_FLOAT.test(plain) && Number.isFinite(Number(plain))) return true;
  if (plain.startsWith('0b')) {
    const rest = plain.slice(2);
    if (parseSigned(rest, false, 2) === 'ok') return true;
    if (parseUnsigned(rest, false, 2).r === 'ok') return true;
  } else if (plain.startsWith('-0b')) {
    if (parseSigned('-' + plain.slice(3), false, 2) === 'ok') return true;
  }
  // (newer sigs.k8s.io/yaml also reads out-of-range ints like 0x1_0000_0000_0000_0000 as *big.Int;
  // kubectl 1.32's does not, so those stay plain)
  return s.indexOf(':') >= 0 && BASE60_FLOAT.test(s);
}

// ---------------------------------------------------------------------------------------------
// Numbers.

/** Go strconv.FormatFloat(f, 'g', -1, 64), with go-yaml's .inf/.nan spellings. */
export function formatFloatG(f: number): string {
  if (Number.isNaN(f)) return '.nan';
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  if (f === 0) return Object.is(f, -0) ? '-0' : '0';
  const e = f.toExponential(); // shortest digits: "-d.ddde+x"
  const neg = e[0] === '-';
  const ei = e.indexOf('e');
  const mant = e.slice(neg ? 1 : 0, ei);
  const digits = mant.replace('.', '');
  const exp = parseInt(e.slice(ei + 1), 10);
  const sign = neg ? '-' : '';
  if (exp < -4 || exp >= 6) {
    const a = Math.abs(exp);
    return sign + digits[0] + (digits.length > 1 ? '.' + digits.slice(1) : '') + 'e' + (exp < 0 ? '-' : '+') + (a < 10 ? '0' + a : String(a));
  }
  const dp = exp + 1; // digits before the decimal point
  if (dp <= 0) return sign + '0.' + '0'.repeat(-dp) + digits;
  if (dp >= digits.length) return sign + digits + '0'.repeat(dp - digits.length);
  return sign + digits.slice(0, dp) + '.' + digits.slice(dp);
}

const TWO53 = 2 ** 53;
/** A JSON number as kubectl's YAML shows it: JSON text (Go) -> go-yaml int/uint/float -> text. */
export function yamlNumber(n: number | bigint): string {
  if (typeof n === 'bigint') {
    if (n >= INT64_MIN && n <= UINT64_MAX) return n.toString();
    return formatFloatG(Number(n));
  }
  if (!Number.isFinite(n)) return 'null';
  if (Number.isInteger(n)) {
    if (Math.abs(n) < TWO53) return Object.is(n, -0) ? '0' : String(n);
    const text = String(n); // Go prints the float64 the same way
    if (text.indexOf('e') < 0) {
      const b = BigInt(text);
      if (b >= INT64_MIN && b <= UINT64_MAX) return text;
    }
  }
  return formatFloatG(n);
}

// ---------------------------------------------------------------------------------------------
// Key order: go-yaml v2 sorter.go keyList.Less for string keys.

const LETTER = /\p{L}/u;
const DIGIT = /\p{Nd}/u;
function isLetterCp(c: number): boolean {
  if (c < 0x80) return (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
  return LETTER.test(String.fromCodePoint(c));
}
function isDigitCp(c: number): boolean {
  if (c < 0x80) return c >= 0x30 && c <= 0x39;
  return DIGIT.test(String.fromCodePoint(c));
}

function runes(s: string): number[] | string {
  if (!ANY_SURROGATE.test(s)) return s;
  // code points; a lone surrogate is U+FFFD in Go's string
  return Array.from(s, (ch) => { const c = ch.codePointAt(0)!; return c >= 0xd800 && c <= 0xdfff ? 0xfffd : c; });
}
function at(r: number[] | string, i: number): number {
  return typeof r === 'string' ? r.charCodeAt(i) : r[i];
}

/** int64 arithmetic of `n*10 + d`, wrapping like Go. */
function digitRun(r: number[] | string, from: number, start: number): { end: number; v: bigint | number } {
  let v: number | bigint = start;
  let k = from;
  const len = r.length;
  while (k < len && isDigitCp(at(r, k))) {
    const d = at(r, k) - 0x30;
    if (typeof v === 'number') {
      const nv: number = v * 10 + d;
      if (Number.isSafeInteger(nv) && nv > -TWO53 / 16 && nv < TWO53 / 16) v = nv;
      else v = BigInt.asIntN(64, BigInt(v) * 10n + BigInt(d));
    } else v = BigInt.asIntN(64, v * 10n + BigInt(d));
    k++;
  }
  return { end: k, v };
}

/** keyList.Less(a, b) for two string keys. */
export function yamlKeyLess(a: string, b: string): boolean {
  // Fast path on UTF-16 units: the prefix before the first difference is the same in both
  // strings, so unit and rune positions agree there. Letters and punctuation decide at once;
  // digits, non-ASCII and surrogates take the general path.
  const n = a.length < b.length ? a.length : b.length;
  for (let i = 0; i < n; i++) {
    const ca = a.charCodeAt(i);
    const cb = b.charCodeAt(i);
    if (ca === cb) continue;
    if (ca < 0x80 && cb < 0x80) {
      const la = (ca >= 0x41 && ca <= 0x5a) || (ca >= 0x61 && ca <= 0x7a);
      const lb = (cb >= 0x41 && cb <= 0x5a) || (cb >= 0x61 && cb <= 0x7a);
      if (la && lb) return ca < cb;
      if (la || lb) return lb;
      if ((ca < 0x30 || ca > 0x39) && (cb < 0x30 || cb > 0x39)) return ca < cb;
    }
    return runeKeyLess(a, b);
  }
  return a.length < b.length;
}

function runeKeyLess(a: string, b: string): boolean {
  const ar = runes(a);
  const br = runes(b);
  const al = ar.length;
  const bl = br.length;
  for (let i = 0; i < al && i < bl; i++) {
    const ca = at(ar, i);
    const cb = at(br, i);
    if (ca === cb) continue;
    const la = isLetterCp(ca);
    const lb = isLetterCp(cb);
    if (la && lb) return ca < cb;
    if (la || lb) return lb;
    let an = 0;
    let bn = 0;
    if (ca === 0x30 || cb === 0x30) {
      for (let j = i - 1; j >= 0 && isDigitCp(at(ar, j)); j--) {
        if (at(ar, j) !== 0x30) { an = 1; bn = 1; break; }
      }
    }
    const ra = digitRun(ar, i, an);
    const rb = digitRun(br, i, bn);
    // eslint-disable-next-line eqeqeq
    if (ra.v != rb.v) return ra.v < rb.v;
    if (ra.end !== rb.end) return ra.end < rb.end;
    return ca < cb;
  }
  return al < bl;
}

/** Sort keys as go-yaml does. keyList.Less is not a strict weak order for some mixes of digits
 *  and punctuation ("1", "08", "1.", "10.0.0.1", ...); go-yaml sorts Go's randomly ordered map
 *  keys with it, so kubectl itself prints such keys in a different order from run to run. For
 *  all other keys the order is fixed, and this gives it. */
export function sortYamlKeys(keys: string[]): string[] {
  const n = keys.length;
  if (n <= 12) {
    for (let i = 1; i < n; i++) {
      for (let j = i; j > 0 && yamlKeyLess(keys[j], keys[j - 1]); j--) {
        const t = keys[j]; keys[j] = keys[j - 1]; keys[j - 1] = t;
      }
    }
    return keys;
  }
  return keys.sort((x, y) => (yamlKeyLess(x, y) ? -1 : yamlKeyLess(y, x) ? 1 : 0));
}

// ---------------------------------------------------------------------------------------------
// Scalar writers (emitterc.go), driven by the current indent and emitter flags.

const PLAIN = 1;
const SINGLE = 2;
const DOUBLE = 3;
const LITERAL = 4;

function writePlain(s: string, allowBreaks: boolean): void {
  if (!whitespace) { out += ' '; column++; }
  const n = s.length;
  if (!allowBreaks || column + n <= BEST_WIDTH + 1 || s.indexOf(' ') < 0) {
    // No space can fall past column 80, so there is nothing to fold.
    out += s;
    column += n; // plain scalars hold only BMP characters
  } else {
    let spaces = false;
    let start = 0;
    for (let i = 0; i < n; i++) {
      if (s.charCodeAt(i) === 0x20) {
        if (!spaces && column > BEST_WIDTH && s.charCodeAt(i + 1) !== 0x20) {
          out += s.slice(start, i);
          writeIndent();
          start = i + 1;
        } else column++;
        spaces = true;
      } else {
        column++;
        indention = false;
        spaces = false;
      }
    }
    out += s.slice(start);
  }
  whitespace = false;
  indention = false;
}

function writeBreakChar(c: number): void {
  if (c === 0x0a) putBreak();
  else { out += String.fromCodePoint(c); column = 0; }
}

function writeSingle(s: string, allowBreaks: boolean): void {
  writeIndicator("'", true, false, false);
  let spaces = false;
  let breaks = false;
  const n = s.length; // single-quoted scalars hold only BMP characters
  for (let i = 0; i < n; i++) {
    const c = s.charCodeAt(i);
    if (c === 0x20) {
      if (allowBreaks && !spaces && column > BEST_WIDTH && i > 0 && i < n - 1 && s.charCodeAt(i + 1) !== 0x20) {
        writeIndent();
      } else { out += ' '; column++; }
      spaces = true;
    } else if (isBreak(c)) {
      if (!breaks && c === 0x0a) putBreak();
      writeBreakChar(c);
      indention = true;
      breaks = true;
    } else {
      if (breaks) writeIndent();
      if (c === 0x27) { out += "''"; column += 2; } else { out += s[i]; column++; }
      indention = false;
      spaces = false;
      breaks = false;
    }
  }
  writeIndicator("'", false, false, false);
  whitespace = false;
  indention = false;
}

const HEXU = '0123456789ABCDEF';
function hex(v: number, w: number): string {
  let s = '';
  for (let k = (w - 1) * 4; k >= 0; k -= 4) s += HEXU[(v >> k) & 15];
  return s;
}
function escapeFor(v: number): string {
  switch (v) {
    case 0x00: return '\\0';
    case 0x07: return '\\a';
    case 0x08: return '\\b';
    case 0x09: return '\\t';
    case 0x0a: return '\\n';
    case 0x0b: return '\\v';
    case 0x0c: return '\\f';
    case 0x0d: return '\\r';
    case 0x1b: return '\\e';
    case 0x22: return '\\"';
    case 0x5c: return '\\\\';
    case 0x85: return '\\N';
    case 0xa0: return '\\_';
    case 0x2028: return '\\L';
    case 0x2029: return '\\P';
  }
  if (v <= 0xff) return '\\x' + hex(v, 2);
  if (v <= 0xffff) return '\\u' + hex(v, 4);
  return '\\U' + hex(v, 8);
}

function writeDouble(s: string, allowBreaks: boolean): void {
  let spaces = false;
  writeIndicator('"', true, false, false);
  const n = s.length;
  // go-yaml's is_bom(value, i) looks at value[0..2] whatever i is: a string that starts with
  // U+FEFF has every character escaped
  const bom = s.charCodeAt(0) === 0xfeff;
  for (let i = 0; i < n;) {
    const c = s.codePointAt(i)!;
    const w = c > 0xffff ? 2 : 1;
    if (bom || !isPrintable(c) || isBreak(c) || c === 0x22 || c === 0x5c) {
      const e = escapeFor(c);
      out += e;
      column += e.length;
      spaces = false;
    } else if (c === 0x20) {
      if (allowBreaks && !spaces && column > BEST_WIDTH && i > 0 && i < n - 1) {
        writeIndent();
        if (s.charCodeAt(i + 1) === 0x20) { out += '\\'; column++; }
      } else { out += ' '; column++; }
      spaces = true;
    } else {
      out += w === 2 ? s.slice(i, i + 2) : s[i];
      column++;
      spaces = false;
    }
    i += w;
  }
  writeIndicator('"', false, false, false);
  whitespace = false;
  indention = false;
}

function writeLiteral(s: string): void {
  writeIndicator('|', true, false, false);
  // yaml_emitter_write_block_scalar_hints
  const first = s.codePointAt(0)!;
  if (first === 0x20 || isBreak(first)) writeIndicator(String(BEST_INDENT), false, false, false);
  let chomp = '';
  const n = s.length;
  if (n === 0) chomp = '-';
  else {
    const lastCp = s.codePointAt(n - 1)!;
    if (!isBreak(lastCp)) chomp = '-';
    else if (n === 1) chomp = '+';
    else if (isBreak(s.charCodeAt(n - 2))) chomp = '+';
  }
  if (chomp) writeIndicator(chomp, false, false, false);
  putBreak();
  indention = true;
  whitespace = true;
  let breaks = true;
  for (let i = 0; i < n;) {
    const c = s.codePointAt(i)!;
    const w = c > 0xffff ? 2 : 1;
    if (isBreak(c)) {
      writeBreakChar(c);
      indention = true;
      breaks = true;
      i += w;
    } else {
      if (breaks) writeIndent();
      // copy the run up to the next break in one go
      let j = i;
      let cols = 0;
      while (j < n) {
        const d = s.charCodeAt(j);
        if (d === 0x0a || d === 0x0d || d === 0x85 || d === 0x2028 || d === 0x2029) break;
        if (d >= 0xd800 && d <= 0xdbff && j + 1 < n) j += 2; else j++;
        cols++;
      }
      out += s.slice(i, j);
      column += cols;
      indention = false;
      breaks = false;
      i = j;
    }
  }
}

/** yaml_emitter_select_scalar_style after stringv's choice. */
function styleOf(s: string, simpleKey: boolean): number {
  let style: number;
  if (s.indexOf('\n') >= 0) style = LITERAL;
  else if (needsDoubleQuotes(s)) style = DOUBLE;
  else style = PLAIN;
  const a = analyze(s);
  if (simpleKey && (a & A_MULTILINE)) style = DOUBLE;
  if (style === PLAIN) {
    if (!(a & A_BLOCK_PLAIN)) style = SINGLE;
    if (s.length === 0 && simpleKey) style = SINGLE;
  }
  if (style === SINGLE && !(a & A_SINGLE)) style = DOUBLE;
  if (style === LITERAL && (!(a & A_BLOCK) || simpleKey)) style = DOUBLE;
  return style;
}

/** Write a scalar in the chosen style at the scalar's indent (yaml_emitter_emit_scalar). */
function writeScalar(s: string, style: number, simpleKey: boolean): void {
  const saved = indent;
  indent = indent < 0 ? BEST_INDENT : indent + BEST_INDENT;
  switch (style) {
    case PLAIN: writePlain(s, !simpleKey); break;
    case SINGLE: writeSingle(s, !simpleKey); break;
    case DOUBLE: writeDouble(s, !simpleKey); break;
    default: writeLiteral(s);
  }
  indent = saved;
}

// Characters that need more than the plain path: surrogates (Go has U+FFFD for lone ones), NEL
// (a line break to go-yaml's reader, which Go's JSON leaves raw) and the characters go-yaml's
// reader rejects (U+007F..U+009F but NEL, U+FFFE, U+FFFF).
const ODD = /[\u007f-\u009f\ud800-\udfff\ufffe\uffff]/;
const REJECTED = /[\u007f-\u0084\u0086-\u009f\ufffe\uffff]/;

/** Set when the object may not survive kubectl's JSON -> go-yaml round trip (see validate). */
let suspicious = false;

function noteOdd(s: string): void {
  if (REJECTED.test(s) || s.indexOf('\u0085') >= 0) suspicious = true;
}

/** How go-yaml reads a JSON string holding raw NEL characters: a double-quoted flow scalar,
 *  where NEL is a line break and line breaks fold (yaml_parser_scan_flow_scalar). */
function foldNel(s: string): string {
  let res = '';
  let i = 0;
  const n = s.length;
  while (i < n) {
    let j = i;
    while (j < n && s.charCodeAt(j) !== 0x20 && s.charCodeAt(j) !== 0x85) j++;
    res += s.slice(i, j);
    i = j;
    if (i >= n) break;
    let ws = '';
    let leadingBlanks = false;
    let trailing = 0;
    while (i < n && (s.charCodeAt(i) === 0x20 || s.charCodeAt(i) === 0x85)) {
      if (s.charCodeAt(i) === 0x20) { if (!leadingBlanks) ws += ' '; } else if (!leadingBlanks) { ws = ''; leadingBlanks = true; } else trailing++;
      i++;
    }
    res += leadingBlanks ? (trailing === 0 ? ' ' : '\n'.repeat(trailing)) : ws;
  }
  return res;
}

// Strings seen as values: the style (PLAIN), or the quoted text for single- and double-quoted
// ones, which is the same wherever it is written as long as nothing folds.
const valueCache = new Map<string, number | string>();
const LINE_SEP = /[\u2028\u2029]/;

/** A string value (or a key that is not a simple key). */
function emitString(raw: string, simpleKey: boolean): void {
  let c = valueCache.get(raw);
  if (c === undefined) {
    if (ODD.test(raw)) {
      noteOdd(raw);
      const s = foldNel(wellFormed(raw));
      writeScalar(s, styleOf(s, simpleKey), simpleKey);
      return;
    }
    const style = styleOf(raw, simpleKey);
    c = style;
    if (style === LITERAL || (style === SINGLE && LINE_SEP.test(raw))) {
      // line breaks inside: the text depends on the indentation
      writeScalar(raw, style, simpleKey);
      return;
    }
    if (style === SINGLE || style === DOUBLE) {
      const o = out, p = parts, col = column, ind = indent, ws = whitespace, idn = indention;
      out = ''; parts = []; column = 0; indent = 0; whitespace = true; indention = true;
      if (style === SINGLE) writeSingle(raw, false); else writeDouble(raw, false);
      c = out;
      out = o; parts = p; column = col; indent = ind; whitespace = ws; indention = idn;
    }
    if (!simpleKey && raw.length <= 256) {
      if (valueCache.size > 50000) valueCache.clear();
      valueCache.set(raw, c);
    }
  }
  if (typeof c === 'string') {
    // a quoted scalar: written as is unless a space could fall past column 80
    const n = c.length; // quoted texts are ASCII or BMP characters, one column each
    if (column + n + 1 <= BEST_WIDTH + 1 || raw.indexOf(' ') < 0) {
      if (whitespace) { out += c; column += n; } else { out += ' ' + c; column += n + 1; }
      whitespace = false;
      indention = false;
      return;
    }
    writeScalar(raw, c.charCodeAt(0) === 0x22 ? DOUBLE : SINGLE, simpleKey);
    return;
  }
  if (c === PLAIN) {
    const n = raw.length;
    if (column + n + 1 <= BEST_WIDTH + 1 || raw.indexOf(' ') < 0) {
      if (whitespace) { out += raw; column += n; } else { out += ' ' + raw; column += n + 1; }
      whitespace = false;
      indention = false;
      return;
    }
  }
  writeScalar(raw, c, simpleKey);
}

function emitPlainText(text: string): void {
  // numbers, booleans, null: always plain, never folded (no spaces)
  if (!whitespace) { out += ' '; column++; }
  out += text;
  column += text.length;
  whitespace = false;
  indention = false;
}

// Simple keys render the same wherever they appear: cache "key:" texts.
const keyCache = new Map<string, string | null>();

/** The text of a key written as a simple key (ending in ':'), or null if it is not simple. */
function simpleKeyText(k: string): string | null {
  let t = keyCache.get(k);
  if (t !== undefined) return t;
  let cache = true;
  if (k.length > 170 || ODD.test(k)) {
    // keys too long for go-yaml's simple keys, or with odd characters: check every time
    suspicious = true;
    cache = false;
  }
  const s = wellFormed(k);
  const a = analyze(s);
  const bytes = s.length <= 42 ? s.length : Buffer.byteLength(s, 'utf8');
  if ((a & A_MULTILINE) || bytes > 128) t = null;
  else {
    const o = out, p = parts, col = column, ind = indent, ws = whitespace, idn = indention;
    out = ''; parts = []; column = 0; indent = 0; whitespace = true; indention = true;
    writeScalar(s, styleOf(s, true), true);
    t = out + ':';
    out = o; parts = p; column = col; indent = ind; whitespace = ws; indention = idn;
  }
  if (cache) {
    if (keyCache.size > 20000) keyCache.clear();
    keyCache.set(k, t);
  }
  return t;
}

function sortedKeysOf(v: any): string[] {
  const keys = Object.keys(v);
  for (let i = 1; i < keys.length; i++) if (yamlKeyLess(keys[i], keys[i - 1])) return sortYamlKeys(keys);
  return keys;
}

/** A Map as a lookup object with its keys sorted (a null-prototype object holds any key). */
function mapEntries(m: Map<unknown, unknown>): [any, string[]] {
  const keys: string[] = [];
  const vals: any = Object.create(null);
  for (const [k, x] of m) { const ks = String(k); if (!(ks in vals)) keys.push(ks); vals[ks] = x; }
  return [vals, sortYamlKeys(keys)];
}

/** A block mapping of obj[keys[i]] (entries whose value is undefined are left out, as JSON does). */
function emitMapping(obj: any, keys: string[]): void {
  let any = false;
  for (let i = 0; i < keys.length; i++) if (obj[keys[i]] !== undefined) { any = true; break; }
  if (!any) {
    writeIndicator('{', true, true, false);
    writeIndicator('}', false, false, false);
    return;
  }
  const saved = indent;
  indent = indent < 0 ? 0 : indent + BEST_INDENT;
  for (let i = 0; i < keys.length; i++) {
    const k = keys[i];
    const x = obj[k];
    if (x === undefined) continue;
    writeIndent();
    const kt = simpleKeyText(k);
    if (kt !== null) {
      // the key (simple), then ':' (write_indicator(":", false, false, false))
      out += kt;
      column += kt.length;
      whitespace = false;
      indention = false;
    } else {
      writeIndicator('?', true, false, true);
      emitString(k, false);
      writeIndent();
      writeIndicator(':', true, false, true);
    }
    emitNode(x, true, false);
    flush();
  }
  indent = saved;
}

function emitNode(v: any, mappingContext: boolean, simpleKey: boolean): void {
  switch (typeof v) {
    case 'string': emitString(v, simpleKey); return;
    case 'number': case 'bigint': emitPlainText(yamlNumber(v)); return;
    case 'boolean': emitPlainText(v ? 'true' : 'false'); return;
    case 'undefined': emitPlainText('null'); return;
    case 'object': break;
    default: emitPlainText('null'); return;
  }
  if (v === null) { emitPlainText('null'); return; }
  if (v instanceof GoFloat) { emitPlainText(yamlNumber(v.f)); return; }
  if (Array.isArray(v)) {
    if (v.length === 0) {
      writeIndicator('[', true, true, false);
      writeIndicator(']', false, false, false);
      return;
    }
    const saved = indent;
    const indentless = mappingContext && !indention;
    if (indent < 0) indent = 0; else if (!indentless) indent += BEST_INDENT;
    for (let i = 0; i < v.length; i++) {
      writeIndent();
      writeIndicator('-', true, false, true);
      emitNode(v[i], false, false);
      flush();
    }
    indent = saved;
    return;
  }
  if (v instanceof Map) {
    const [vals, keys] = mapEntries(v);
    emitMapping(vals, keys);
    return;
  }
  if (typeof v.toJSON === 'function') { emitNode(v.toJSON(), mappingContext, simpleKey); return; }
  emitMapping(v, sortedKeysOf(v));
}

// ---------------------------------------------------------------------------------------------
// kubectl's YAML is yaml.JSONToYAML(json.Marshal(obj)): go-yaml parses Go's compact JSON first.
// That parse fails on characters its reader rejects, on keys that cannot be simple keys (longer
// than 1024 characters as JSON text, or spanning a raw NEL "line break"), and on "---"/"..." right
// after a NEL inside a string. Only checked when the emitter saw something odd.

function chunkEnd(bytePos: number): number {
  // go-yaml's reader decodes its input in 512-byte chunks, ahead of the scanner
  return (Math.floor((bytePos + 2) / 512) + 1) * 512;
}

function validateRoundTrip(value: unknown): void {
  const json = toCompactJson(value, { sortKeys: true });
  const n = json.length;
  let line = 0;
  let byte = 0;
  let reject = -1;
  let problem: { pos: number; msg: string } | null = null;
  const stack: number[] = [];
  let expectKey = false;
  let i = 0;
  while (i < n && !(problem && reject >= 0)) {
    const c = json.charCodeAt(i);
    if (c !== 0x22) {
      if (c === 0x7b) { stack.push(c); expectKey = true; } else if (c === 0x5b) { stack.push(c); expectKey = false; } else if (c === 0x7d || c === 0x5d) stack.pop();
      else if (c === 0x2c) expectKey = stack[stack.length - 1] === 0x7b;
      else if (c === 0x3a) expectKey = false;
      i++;
      byte++;
      continue;
    }
    const isKey = expectKey;
    const startLine = line;
    let chars = 1;
    i++;
    byte++;
    for (;;) {
      const d = json.codePointAt(i)!;
      const w = d > 0xffff ? 2 : 1;
      i += w;
      byte += d < 0x80 ? 1 : d < 0x800 ? 2 : d < 0x10000 ? 3 : 4;
      chars++;
      if (d === 0x22) break;
      if (d === 0x5c) { // an escape: \x or \uXXXX, all ASCII
        const e = json.charCodeAt(i);
        const len = e === 0x75 ? 5 : 1;
        i += len; byte += len; chars += len;
        continue;
      }
      if (reject < 0 && ((d >= 0x7f && d <= 0x9f && d !== 0x85) || d === 0xfffe || d === 0xffff)) reject = byte;
      if (d === 0x85) {
        line++;
        const ind = json.slice(i, i + 3);
        const after = json.charCodeAt(i + 3);
        if (!problem && (ind === '---' || ind === '...') && (after === 0x20 || after === 0x85)) {
          problem = { pos: byte, msg: `line ${line + 1}: found unexpected document indicator` };
        }
      }
    }
    if (isKey && !problem && (chars > 1024 || line !== startLine)) {
      problem = { pos: byte, msg: (line ? `line ${line}: ` : '') + "did not find expected ',' or '}'" };
    }
    expectKey = false;
  }
  if (reject >= 0 && (!problem || reject < chunkEnd(problem.pos))) throw new CliError('yaml: control characters are not allowed');
  if (problem) throw new CliError('yaml: ' + problem.msg);
}

/** `-o yaml` for one object: what sigs.k8s.io/yaml.Marshal prints (ends with "\n"). */
export function toYaml(value: unknown): string {
  out = '';
  parts = [];
  column = 0;
  indent = -1;
  whitespace = true;
  indention = true;
  try {
    suspicious = false;
    emitNode(value, false, false);
    // document end: yaml_emitter_emit_document_end writes an indent (a final line break)
    indent = -1;
    writeIndent();
    if (suspicious) validateRoundTrip(value);
    if (parts.length === 0) return out;
    parts.push(out);
    return parts.join('');
  } finally {
    out = '';
    parts = [];
  }
}

/** `-o yaml` written to `emit` as it is produced (a List of any size). */
export function toYamlStreamed(value: unknown, emit: (s: string) => void): void {
  sink = emit;
  let rest: string;
  try {
    rest = toYaml(value);
  } finally {
    sink = undefined;
  }
  emit(rest);
}

/** One `get -w -o yaml --output-watch-events` document: the metav1.WatchEvent through JSON, so
 *  its keys sort as `object`, `type`. Separate documents with "---\n" (see toYamlStream). */
export function watchEventYaml(type: string, obj: unknown): string {
  return toYaml({ type, object: obj });
}

/** Several objects as kubectl's YAML printer writes them one after another (watch, multi-object
 *  outputs without a List): "---\n" before every document but the first. */
export function toYamlStream(values: unknown[]): string {
  let s = '';
  for (let i = 0; i < values.length; i++) s += (i ? '---\n' : '') + toYaml(values[i]);
  return s;
}
