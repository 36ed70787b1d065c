// Go's fmt (print.go / format.go) over the template value model: Sprint, Sprintln, Sprintf and the
// %v printing used for template output, plus Go's encoding/json for kubectl's debug block.
import { goJsonString } from '../json';
import {
  V, INVALID, typeString, concrete, sortedKeys, ifaceOf, GoString, strText, strBytes,
} from './value';
import {
  formatFloat, quoteBytes, quoteRune, canBackquote, isPrint, runeToString, RUNE_ERROR, validRune, jsonFloat,
} from './strconv';

/** An operand of a fmt function: a concrete value, or null for a nil interface{}. */
export type Arg = V | null;

const ldigits = '0123456789abcdefx';
const udigits = '0123456789ABCDEFX';
const TWO64 = 1n << 64n;

function runeCount(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) i++;
    }
    n++;
  }
  return n;
}

function truncateRunes(s: string, n: number): string {
  let i = 0;
  for (const ch of s) {
    if (n-- <= 0) return s.slice(0, i);
    i += ch.length;
  }
  return s;
}

/** int64 wraparound of an integer value. */
function toUint64(v: bigint): bigint {
  return v < 0n ? v + TWO64 : v;
}

class PP {
  buf = '';
  arg: Arg | undefined = undefined; // undefined ~ p.arg == nil
  value: V = INVALID;
  // fmt flags
  widPresent = false; precPresent = false; minus = false; plus = false; sharp = false; space = false; zero = false;
  plusV = false; sharpV = false;
  wid = 0; prec = 0;
  reordered = false; goodArgNum = true;

  clearflags(): void {
    this.widPresent = this.precPresent = this.minus = this.plus = this.sharp = this.space = this.zero = false;
    this.plusV = this.sharpV = false;
    this.wid = this.prec = 0;
  }

  // ---- format.go ----
  writePadding(n: number): void {
    if (n <= 0) return;
    this.buf += (this.zero && !this.minus ? '0' : ' ').repeat(n);
  }

  pad(s: string): void {
    if (!this.widPresent || this.wid === 0) { this.buf += s; return; }
    const width = this.wid - runeCount(s);
    if (!this.minus) { this.writePadding(width); this.buf += s; }
    else { this.buf += s; this.writePadding(width); }
  }

  padString(s: string): void {
    this.pad(s);
  }

  fmtBoolean(v: boolean): void {
    this.padString(v ? 'true' : 'false');
  }

  fmtUnicode(u: bigint): void {
    let prec = 4;
    if (this.precPresent && this.prec > 4) prec = this.prec;
    let tail = '';
    if (this.sharp && u <= 0x10ffffn && isPrint(Number(u))) tail = " '" + runeToString(Number(u)) + "'";
    let hex = u.toString(16).toUpperCase();
    if (hex.length < prec) hex = '0'.repeat(prec - hex.length) + hex;
    const oldZero = this.zero;
    this.zero = false;
    this.pad('U+' + hex + tail);
    this.zero = oldZero;
  }

  fmtInteger(v: bigint, base: number, isSigned: boolean, verb: string, digits: string): void {
    let u = isSigned ? v : toUint64(v);
    const negative = isSigned && u < 0n;
    if (negative) u = -u;
    let prec = 0;
    if (this.precPresent) {
      prec = this.prec;
      if (prec === 0 && u === 0n) {
        const oldZero = this.zero;
        this.zero = false;
        this.writePadding(this.wid);
        this.zero = oldZero;
        return;
      }
    } else if (this.zero && !this.minus && this.widPresent) {
      prec = this.wid;
      if (negative || this.plus || this.space) prec--;
    }
    let s = u.toString(base);
    if (digits === udigits) s = s.toUpperCase();
    if (s.length < prec) s = '0'.repeat(prec - s.length) + s;
    if (this.sharp) {
      if (base === 2) s = '0b' + s;
      else if (base === 8) { if (s[0] !== '0') s = '0' + s; }
      else if (base === 16) s = '0' + digits[16] + s;
    }
    if (verb === 'O') s = '0o' + s;
    if (negative) s = '-' + s;
    else if (this.plus) s = '+' + s;
    else if (this.space) s = ' ' + s;
    const oldZero = this.zero;
    this.zero = false;
    this.pad(s);
    this.zero = oldZero;
  }

  truncate(s: string): string {
    return this.precPresent ? truncateRunes(s, this.prec) : s;
  }

  fmtS(s: string): void {
    this.padString(this.truncate(s));
  }

  fmtSx(b: Uint8Array, digits: string): void {
    let length = b.length;
    if (this.precPresent && this.prec < length) length = this.prec;
    let width = 2 * length;
    if (width > 0) {
      if (this.space) {
        if (this.sharp) width *= 2;
        width += length - 1;
      } else if (this.sharp) width += 2;
    } else {
      if (this.widPresent) this.writePadding(this.wid);
      return;
    }
    if (this.widPresent && this.wid > width && !this.minus) this.writePadding(this.wid - width);
    let out = '';
    if (this.sharp) out += '0' + digits[16];
    for (let i = 0; i < length; i++) {
      if (this.space && i > 0) {
        out += ' ';
        if (this.sharp) out += '0' + digits[16];
      }
      out += digits[b[i] >> 4] + digits[b[i] & 15];
    }
    this.buf += out;
    if (this.widPresent && this.wid > width && this.minus) this.writePadding(this.wid - width);
  }

  fmtQ(s: GoString): void {
    let b = strBytes(s);
    if (this.precPresent) b = strBytes(truncateRunes(strText(s), this.prec));
    if (this.sharp && canBackquote(b)) {
      this.padString('`' + strText(s) + '`');
      return;
    }
    this.pad(quoteBytes(b, this.plus));
  }

  fmtC(c: bigint): void {
    let r = c > 0x10ffffn ? RUNE_ERROR : Number(c);
    if (!validRune(r)) r = RUNE_ERROR;
    this.pad(String.fromCodePoint(r));
  }

  fmtQc(c: bigint): void {
    const r = c > 0x10ffffn ? RUNE_ERROR : Number(c);
    this.pad(quoteRune(r, this.plus));
  }

  fmtFloatRaw(v: number, verb: string, prec: number): void {
    if (this.precPresent) prec = this.prec;
    const f = verb === 'F' ? 'f' : verb;
    let num = formatFloat(v, f, prec);
    if (num[0] === '-' || num[0] === '+') { /* keep sign */ } else num = '+' + num;
    if (this.space && num[0] === '+' && !this.plus) num = ' ' + num.slice(1);
    if (num[1] === 'I' || num[1] === 'N') {
      const oldZero = this.zero;
      this.zero = false;
      if (num[1] === 'N' && !this.space && !this.plus) num = num.slice(1);
      this.pad(num);
      this.zero = oldZero;
      return;
    }
    if (this.sharp && verb !== 'b') {
      let digits = 0;
      if (verb === 'v' || verb === 'g' || verb === 'G' || verb === 'x') {
        digits = prec;
        if (digits === -1) digits = 6;
      }
      let tail = '';
      let hasDecimalPoint = false, sawNonzeroDigit = false;
      let body = num;
      for (let i = 1; i < body.length; i++) {
        const c = body[i];
        if (c === '.') { hasDecimalPoint = true; continue; }
        if (c === 'p' || c === 'P') { tail = body.slice(i); body = body.slice(0, i); break; }
        if ((c === 'e' || c === 'E') && verb !== 'x' && verb !== 'X') { tail = body.slice(i); body = body.slice(0, i); break; }
        if (c !== '0') sawNonzeroDigit = true;
        if (sawNonzeroDigit) digits--;
      }
      if (!hasDecimalPoint) {
        if (body.length === 2 && body[1] === '0') digits--;
        body += '.';
      }
      while (digits > 0) { body += '0'; digits--; }
      num = body + tail;
    }
    if (this.plus || num[0] !== '+') {
      if (this.zero && !this.minus && this.widPresent && this.wid > num.length) {
        this.buf += num[0];
        this.writePadding(this.wid - num.length);
        this.buf += num.slice(1);
        return;
      }
      this.pad(num);
      return;
    }
    this.pad(num.slice(1));
  }

  // ---- print.go ----
  badVerb(verb: string): void {
    this.buf += '%!' + verb + '(';
    if (this.arg !== undefined && this.arg !== null) {
      this.buf += typeString(this.arg) + '=';
      this.printArg(this.arg, 'v');
    } else if (this.value.k !== 'invalid') {
      this.buf += typeString(this.value) + '=';
      this.printValue(this.value, 'v', 0);
    } else {
      this.buf += '<nil>';
    }
    this.buf += ')';
  }

  fmtBool(v: boolean, verb: string): void {
    if (verb === 't' || verb === 'v') this.fmtBoolean(v);
    else this.badVerb(verb);
  }

  fmt0x64(v: bigint, leading0x: boolean): void {
    const sharp = this.sharp;
    this.sharp = leading0x;
    this.fmtInteger(v, 16, false, 'v', ldigits);
    this.sharp = sharp;
  }

  fmtIntegerVerb(v: bigint, isSigned: boolean, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.sharpV && !isSigned) this.fmt0x64(v, true);
        else this.fmtInteger(v, 10, isSigned, verb, ldigits);
        return;
      case 'd': this.fmtInteger(v, 10, isSigned, verb, ldigits); return;
      case 'b': this.fmtInteger(v, 2, isSigned, verb, ldigits); return;
      case 'o': case 'O': this.fmtInteger(v, 8, isSigned, verb, ldigits); return;
      case 'x': this.fmtInteger(v, 16, isSigned, verb, ldigits); return;
      case 'X': this.fmtInteger(v, 16, isSigned, verb, udigits); return;
      case 'c': this.fmtC(toUint64(v)); return;
      case 'q': this.fmtQc(toUint64(v)); return;
      case 'U': this.fmtUnicode(toUint64(v)); return;
      default: this.badVerb(verb);
    }
  }

  fmtFloat(v: number, verb: string): void {
    switch (verb) {
      case 'v': this.fmtFloatRaw(v, 'g', -1); return;
      case 'b': case 'g': case 'G': case 'x': case 'X': this.fmtFloatRaw(v, verb, -1); return;
      case 'f': case 'e': case 'E': case 'F': this.fmtFloatRaw(v, verb, 6); return;
      default: this.badVerb(verb);
    }
  }

  fmtComplex(c: [number, number], verb: string): void {
    switch (verb) {
      case 'v': case 'b': case 'g': case 'G': case 'x': case 'X': case 'f': case 'F': case 'e': case 'E': {
        const oldPlus = this.plus;
        this.buf += '(';
        this.fmtFloat(c[0], verb);
        this.plus = true;
        this.fmtFloat(c[1], verb);
        this.buf += 'i)';
        this.plus = oldPlus;
        return;
      }
      default: this.badVerb(verb);
    }
  }

  fmtString(s: GoString, verb: string): void {
    switch (verb) {
      case 'v':
        if (this.sharpV) this.fmtQ(s);
        else this.fmtS(strText(s));
        return;
      case 's': this.fmtS(strText(s)); return;
      case 'x': this.fmtSx(strBytes(s), ldigits); return;
      case 'X': this.fmtSx(strBytes(s), udigits); return;
      case 'q': this.fmtQ(s); return;
      default: this.badVerb(verb);
    }
  }

  fmtPointer(v: V, verb: string): void {
    let use0x64 = true;
    switch (verb) {
      case 'p': case 'v': break;
      case 'b': case 'o': case 'd': case 'x': case 'X': use0x64 = false; break;
      default: this.badVerb(verb); return;
    }
    if (v.k !== 'map' && v.k !== 'slice') { this.badVerb(verb); return; }
    // Addresses are not reproducible; print a plausible heap address.
    const u = 0xc000010000n;
    if (this.sharpV) {
      this.buf += '(' + typeString(v) + ')(';
      this.fmt0x64(u, true);
      this.buf += ')';
    } else if (use0x64) this.fmt0x64(u, !this.sharp);
    else this.fmtIntegerVerb(u, false, verb);
  }

  printArg(arg: Arg, verb: string): void {
    this.arg = arg;
    this.value = INVALID;
    if (arg === null) {
      if (verb === 'T' || verb === 'v') this.padString('<nil>');
      else this.badVerb(verb);
      return;
    }
    if (verb === 'T') { this.fmtS(typeString(arg)); return; }
    if (verb === 'p') { this.fmtPointer(arg, 'p'); return; }
    switch (arg.k) {
      case 'bool': this.fmtBool(arg.x, verb); return;
      case 'float64': this.fmtFloat(arg.x, verb); return;
      case 'complex128': this.fmtComplex(arg.x, verb); return;
      case 'int': case 'int64': this.fmtIntegerVerb(arg.x, true, verb); return;
      case 'uint8': this.fmtIntegerVerb(arg.x, false, verb); return;
      case 'string': this.fmtString(arg.x, verb); return;
      default:
        if (verb === 'w') { this.badVerb(verb); return; }
        this.printValue(arg, verb, 0);
    }
  }

  printValue(value: V, verb: string, depth: number): void {
    this.arg = undefined;
    this.value = value;
    if (value.iface) {
      const e = concrete(value);
      if (e.k === 'invalid') {
        if (this.sharpV) this.buf += typeString(value) + '(nil)';
        else this.buf += '<nil>';
      } else this.printValue(e, verb, depth + 1);
      return;
    }
    switch (value.k) {
      case 'invalid':
        if (depth === 0) this.buf += '<invalid reflect.Value>';
        else if (verb === 'v') this.buf += '<nil>';
        else this.badVerb(verb);
        return;
      case 'bool': this.fmtBool(value.x, verb); return;
      case 'int': case 'int64': this.fmtIntegerVerb(value.x, true, verb); return;
      case 'uint8': this.fmtIntegerVerb(value.x, false, verb); return;
      case 'float64': this.fmtFloat(value.x, verb); return;
      case 'complex128': this.fmtComplex(value.x, verb); return;
      case 'string': this.fmtString(value.x, verb); return;
      case 'map': {
        const m = value.x as Record<string, unknown>;
        if (this.sharpV) this.buf += typeString(value) + '{';
        else this.buf += 'map[';
        const keys = sortedKeys(m);
        for (let i = 0; i < keys.length; i++) {
          if (i > 0) this.buf += this.sharpV ? ', ' : ' ';
          this.printValue(new V('string', keys[i]), verb, depth + 1);
          this.buf += ':';
          this.printValue(ifaceOf(m[keys[i]]), verb, depth + 1);
        }
        this.buf += this.sharpV ? '}' : ']';
        return;
      }
      case 'slice': {
        const a = value.x as unknown[];
        if (this.sharpV) this.buf += typeString(value) + '{';
        else this.buf += '[';
        for (let i = 0; i < a.length; i++) {
          if (i > 0) this.buf += this.sharpV ? ', ' : ' ';
          this.printValue(ifaceOf(a[i]), verb, depth + 1);
        }
        this.buf += this.sharpV ? '}' : ']';
        return;
      }
    }
    this.buf += '?' + typeString(value) + '?';
  }

  // ---- doPrint / doPrintln / doPrintf ----
  doPrint(a: Arg[]): void {
    let prevString = false;
    for (let i = 0; i < a.length; i++) {
      const arg = a[i];
      const isString = arg !== null && arg.k === 'string';
      if (i > 0 && !isString && !prevString) this.buf += ' ';
      this.printArg(arg, 'v');
      prevString = isString;
    }
  }

  doPrintln(a: Arg[]): void {
    for (let i = 0; i < a.length; i++) {
      if (i > 0) this.buf += ' ';
      this.printArg(a[i], 'v');
    }
    this.buf += '\n';
  }

  argNumber(argNum: number, format: string, i: number, numArgs: number): [number, number, boolean] {
    if (format.length <= i || format[i] !== '[') return [argNum, i, false];
    this.reordered = true;
    const [index, wid, ok] = parseArgNumber(format.slice(i));
    if (ok && index >= 0 && index < numArgs) return [index, i + wid, true];
    this.goodArgNum = false;
    return [argNum, i + wid, ok];
  }

  doPrintf(format: string, a: Arg[]): void {
    const end = format.length;
    let argNum = 0;
    let afterIndex = false;
    this.reordered = false;
    formatLoop: for (let i = 0; i < end;) {
      this.goodArgNum = true;
      const lasti = i;
      while (i < end && format[i] !== '%') i++;
      if (i > lasti) this.buf += format.slice(lasti, i);
      if (i >= end) break;
      i++;
      this.clearflags();
      simple: for (; i < end; i++) {
        const c = format[i];
        switch (c) {
          case '#': this.sharp = true; break;
          case '0': this.zero = !this.minus; break;
          case '+': this.plus = true; break;
          case '-': this.minus = true; this.zero = false; break;
          case ' ': this.space = true; break;
          default:
            if (c >= 'a' && c <= 'z' && argNum < a.length) {
              if (c === 'v' || c === 'w') {
                this.sharpV = this.sharp; this.sharp = false;
                this.plusV = this.plus; this.plus = false;
              }
              if (c === 'w') this.wrapBadVerb(a[argNum]);
              else this.printArg(a[argNum], c);
              argNum++;
              i++;
              continue formatLoop;
            }
            break simple;
        }
      }
      [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);
      if (i < end && format[i] === '*') {
        i++;
        [this.wid, this.widPresent, argNum] = intFromArg(a, argNum);
        if (!this.widPresent) this.buf += '%!(BADWIDTH)';
        if (this.wid < 0) {
          this.wid = -this.wid;
          this.minus = true;
          this.zero = false;
        }
        afterIndex = false;
      } else {
        [this.wid, this.widPresent, i] = parsenum(format, i, end);
        if (afterIndex && this.widPresent) this.goodArgNum = false;
      }
      if (i + 1 < end && format[i] === '.') {
        i++;
        if (afterIndex) this.goodArgNum = false;
        [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);
        if (i < end && format[i] === '*') {
          i++;
          [this.prec, this.precPresent, argNum] = intFromArg(a, argNum);
          if (this.prec < 0) { this.prec = 0; this.precPresent = false; }
          if (!this.precPresent) this.buf += '%!(BADPREC)';
          afterIndex = false;
        } else {
          [this.prec, this.precPresent, i] = parsenum(format, i, end);
          if (!this.precPresent) { this.prec = 0; this.precPresent = true; }
        }
      }
      if (!afterIndex) [argNum, i, afterIndex] = this.argNumber(argNum, format, i, a.length);
      if (i >= end) {
        this.buf += '%!(NOVERB)';
        break;
      }
      const cp = format.codePointAt(i)!;
      const verb = String.fromCodePoint(cp);
      i += verb.length;
      if (verb === '%') { this.buf += '%'; continue; }
      if (!this.goodArgNum) { this.buf += '%!' + verb + '(BADINDEX)'; continue; }
      if (argNum >= a.length) { this.buf += '%!' + verb + '(MISSING)'; continue; }
      if (verb === 'v' || verb === 'w') {
        this.sharpV = this.sharp; this.sharp = false;
        this.plusV = this.plus; this.plus = false;
      }
      if (verb === 'w') this.wrapBadVerb(a[argNum]);
      else this.printArg(a[argNum], verb);
      argNum++;
    }
    if (!this.reordered && argNum < a.length) {
      this.clearflags();
      this.buf += '%!(EXTRA ';
      for (let k = argNum; k < a.length; k++) {
        if (k > argNum) this.buf += ', ';
        const arg = a[k];
        if (arg === null) this.buf += '<nil>';
        else {
          this.buf += typeString(arg) + '=';
          this.printArg(arg, 'v');
        }
      }
      this.buf += ')';
    }
  }

  /** %w outside Errorf: always a bad verb. */
  wrapBadVerb(arg: Arg): void {
    this.arg = arg;
    this.value = INVALID;
    this.badVerb('w');
  }
}

function parsenum(s: string, start: number, end: number): [number, boolean, number] {
  if (start >= end) return [0, false, end];
  let num = 0, isnum = false;
  let newi = start;
  for (; newi < end && s[newi] >= '0' && s[newi] <= '9'; newi++) {
    if (num > 1e6 || num < -1e6) return [0, false, end];
    num = num * 10 + (s.charCodeAt(newi) - 48);
    isnum = true;
  }
  return [num, isnum, newi];
}

function parseArgNumber(format: string): [number, number, boolean] {
  if (format.length < 3) return [0, 1, false];
  for (let i = 1; i < format.length; i++) {
    if (format[i] === ']') {
      const [width, ok, newi] = parsenum(format, 1, i);
      if (!ok || newi !== i) return [0, i + 1, false];
      return [width - 1, i + 1, true];
    }
  }
  return [0, 1, false];
}

function intFromArg(a: Arg[], argNum: number): [number, boolean, number] {
  let num = 0, isInt = false;
  let newArgNum = argNum;
  if (argNum < a.length) {
    const v = a[argNum];
    if (v !== null && (v.k === 'int' || v.k === 'int64' || v.k === 'uint8')) {
      const n = v.x as bigint;
      if (n >= -(1n << 63n) && n < 1n << 63n) { num = Number(n); isInt = true; }
    }
    newArgNum = argNum + 1;
    if (num > 1e6 || num < -1e6) { num = 0; isInt = false; }
  }
  return [num, isInt, newArgNum];
}

/** fmt.Sprint */
export function sprint(args: Arg[]): string {
  const p = new PP();
  p.doPrint(args);
  return p.buf;
}

/** fmt.Sprintln */
export function sprintln(args: Arg[]): string {
  const p = new PP();
  p.doPrintln(args);
  return p.buf;
}

/** fmt.Sprintf */
export function sprintf(format: string, args: Arg[]): string {
  const p = new PP();
  p.doPrintf(format, args);
  return p.buf;
}

/** fmt.Sprintf("%s", v) / ("%v", v) of a reflect.Value (fmt formats the value it holds). */
export function formatValue(v: V, verb: 's' | 'v'): string {
  const p = new PP();
  if (v.k === 'invalid') {
    p.buf += '<invalid reflect.Value>';
    return p.buf;
  }
  p.printValue(v, verb, 0);
  return p.buf;
}

// ---- encoding/json (kubectl's "raw data was:" line) ----

/** encoding/json of a value; keepOrder: keys in the object's own order (a Go struct's field order,
 *  see printers/typed.ts, where a JS Map stands for a Go map kept in byte order). */
export function goJson(raw: unknown, keepOrder = false): string {
  if (raw === null || raw === undefined) return 'null';
  if (keepOrder && raw instanceof Map) return '{' + [...raw].map(([k, v]) => goJsonString(String(k)) + ':' + goJson(v, true)).join(',') + '}';
  switch (typeof raw) {
    case 'string': return goJsonString(raw);
    case 'boolean': return raw ? 'true' : 'false';
    case 'bigint': return raw.toString();
    case 'number': {
      const v = concreteNumber(raw);
      return typeof v === 'bigint' ? v.toString() : jsonFloat(v);
    }
    case 'object': {
      if (Array.isArray(raw)) return '[' + raw.map((v) => goJson(v, keepOrder)).join(',') + ']';
      const c = ifaceOf(raw);
      if (c.k === 'string') return goJsonString(strText(c.x));
      if (c.k === 'float64') return jsonFloat(c.x);
      const o = raw as Record<string, unknown>;
      return '{' + (keepOrder ? Object.keys(o) : sortedKeys(o)).map((k) => goJsonString(k) + ':' + goJson(o[k], keepOrder)).join(',') + '}';
    }
  }
  return 'null';
}

function concreteNumber(n: number): bigint | number {
  const v = ifaceOf(n);
  return v.k === 'int64' ? (v.x as bigint) : (v.x as number);
}
