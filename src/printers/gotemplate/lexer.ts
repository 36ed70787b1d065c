// Port of Go's text/template/parse/lex.go (go1.23). Works on the UTF-8 bytes of the template, so
// positions are byte offsets as in Go's error messages.
import { decodeRune, isPrint, quote as goQuote } from './strconv';

export const enum T {
  Error, Bool, Char, CharConstant, Comment, Complex, Assign, Declare, EOF, Field, Identifier,
  LeftDelim, LeftParen, Number, Pipe, RawString, RightDelim, RightParen, Space, String, Text, Variable,
  Keyword, // keywords follow
  Block, Break, Continue, Dot, Define, Else, End, If, Nil, Range, Template, With,
}

export interface Item {
  typ: T;
  pos: number;
  val: string;
  line: number;
}

const KEYWORDS: Record<string, T> = {
  '.': T.Dot, block: T.Block, break: T.Break, continue: T.Continue, define: T.Define, else: T.Else,
  end: T.End, if: T.If, range: T.Range, nil: T.Nil, template: T.Template, with: T.With,
};

const EOF = -1;
const LEFT = [0x7b, 0x7b]; // {{
const RIGHT = [0x7d, 0x7d]; // }}

let letterRe: RegExp | undefined, digitRe: RegExp | undefined;
function isAlphaNumeric(r: number): boolean {
  if (r === 0x5f) return true;
  if (r < 0x80) return (r >= 0x30 && r <= 0x39) || (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a);
  if (r < 0) return false;
  letterRe ??= /^\p{L}$/u;
  digitRe ??= /^\p{Nd}$/u;
  const s = String.fromCodePoint(r);
  return letterRe.test(s) || digitRe.test(s);
}

const isSpace = (r: number) => r === 0x20 || r === 0x09 || r === 0x0d || r === 0x0a;

/** Go's %#U of a rune: U+007D '}' */
export function fmtSharpU(r: number): string {
  const hex = 'U+' + r.toString(16).toUpperCase().padStart(4, '0');
  if (isPrint(r)) return `${hex} '${String.fromCodePoint(r)}'`;
  return hex;
}

type StateFn = ((l: Lexer) => StateFn) | null;

export class Lexer {
  private input: Uint8Array;
  private pos = 0;
  private start = 0;
  private atEOF = false;
  private parenDepth = 0;
  private line = 1;
  private startLine = 1;
  private item: Item = { typ: T.EOF, pos: 0, val: 'EOF', line: 1 };
  private insideAction = false;
  breakOK = true;
  continueOK = true;
  private dec = new TextDecoder();

  constructor(input: Uint8Array) {
    this.input = input;
  }

  private str(a: number, b: number): string {
    return this.dec.decode(this.input.subarray(a, b));
  }

  private hasPrefix(at: number, p: number[]): boolean {
    if (at + p.length > this.input.length) return false;
    for (let i = 0; i < p.length; i++) if (this.input[at + i] !== p[i]) return false;
    return true;
  }

  private indexOf(p: number[], from: number): number {
    const b = this.input;
    outer: for (let i = from; i + p.length <= b.length; i++) {
      for (let k = 0; k < p.length; k++) if (b[i + k] !== p[k]) continue outer;
      return i - from;
    }
    return -1;
  }

  private countNL(a: number, b: number): number {
    let n = 0;
    for (let i = a; i < b; i++) if (this.input[i] === 0x0a) n++;
    return n;
  }

  next(): number {
    if (this.pos >= this.input.length) {
      this.atEOF = true;
      return EOF;
    }
    const [r, w] = decodeRune(this.input, this.pos);
    this.pos += w;
    if (r === 0x0a) this.line++;
    return r;
  }

  peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  backup(): void {
    if (!this.atEOF && this.pos > 0) {
      // DecodeLastRune: step back over one UTF-8 sequence.
      let p = this.pos - 1;
      while (p > 0 && this.pos - p < 4 && (this.input[p] & 0xc0) === 0x80) p--;
      const [r, w] = decodeRune(this.input, p);
      const width = p + w === this.pos ? w : 1;
      this.pos -= width;
      if (width === 1 ? this.input[this.pos] === 0x0a : r === 0x0a) this.line--;
    }
  }

  private thisItem(t: T): Item {
    const i: Item = { typ: t, pos: this.start, val: this.str(this.start, this.pos), line: this.startLine };
    this.start = this.pos;
    this.startLine = this.line;
    return i;
  }

  private emit(t: T): StateFn {
    return this.emitItem(this.thisItem(t));
  }

  private emitItem(i: Item): StateFn {
    this.item = i;
    return null;
  }

  private ignore(): void {
    this.line += this.countNL(this.start, this.pos);
    this.start = this.pos;
    this.startLine = this.line;
  }

  private accept(valid: string): boolean {
    const r = this.next();
    if (r >= 0 && valid.includes(String.fromCodePoint(r))) return true;
    this.backup();
    return false;
  }

  private acceptRun(valid: string): void {
    for (;;) {
      const r = this.next();
      if (!(r >= 0 && valid.includes(String.fromCodePoint(r)))) break;
    }
    this.backup();
  }

  private errorf(msg: string): StateFn {
    this.item = { typ: T.Error, pos: this.start, val: msg, line: this.startLine };
    this.start = 0;
    this.pos = 0;
    this.input = this.input.subarray(0, 0);
    return null;
  }

  nextItem(): Item {
    this.item = { typ: T.EOF, pos: this.pos, val: 'EOF', line: this.startLine };
    let state: StateFn = this.insideAction ? lexInsideAction : lexText;
    while (state) state = state(this);
    return this.item;
  }

  // ---- state functions (as methods so they can reach private state) ----

  lexText(): StateFn {
    const x = this.indexOf(LEFT, this.pos);
    if (x >= 0) {
      if (x > 0) {
        this.pos += x;
        let trimLength = 0;
        const delimEnd = this.pos + LEFT.length;
        if (this.hasLeftTrimMarker(delimEnd)) trimLength = this.rightTrimLength(this.start, this.pos);
        this.pos -= trimLength;
        this.line += this.countNL(this.start, this.pos);
        const i = this.thisItem(T.Text);
        this.pos += trimLength;
        this.ignore();
        if (i.val.length > 0) return this.emitItem(i);
      }
      return lexLeftDelim;
    }
    this.pos = this.input.length;
    if (this.pos > this.start) {
      this.line += this.countNL(this.start, this.pos);
      return this.emit(T.Text);
    }
    return this.emit(T.EOF);
  }

  private rightTrimLength(a: number, b: number): number {
    let n = 0;
    while (b - n > a && isSpace(this.input[b - n - 1])) n++;
    return n;
  }

  private leftTrimLength(a: number): number {
    let n = 0;
    while (a + n < this.input.length && isSpace(this.input[a + n])) n++;
    return n;
  }

  private hasLeftTrimMarker(at: number): boolean {
    return at + 2 <= this.input.length && this.input[at] === 0x2d && isSpace(this.input[at + 1]);
  }

  private hasRightTrimMarker(at: number): boolean {
    return at + 2 <= this.input.length && isSpace(this.input[at]) && this.input[at + 1] === 0x2d;
  }

  private atRightDelim(): [boolean, boolean] {
    if (this.hasRightTrimMarker(this.pos) && this.hasPrefix(this.pos + 2, RIGHT)) return [true, true];
    if (this.hasPrefix(this.pos, RIGHT)) return [true, false];
    return [false, false];
  }

  lexLeftDelim(): StateFn {
    this.pos += LEFT.length;
    const trimSpace = this.hasLeftTrimMarker(this.pos);
    const afterMarker = trimSpace ? 2 : 0;
    if (this.hasPrefix(this.pos + afterMarker, [0x2f, 0x2a])) {
      this.pos += afterMarker;
      this.ignore();
      return lexComment;
    }
    const i = this.thisItem(T.LeftDelim);
    this.insideAction = true;
    this.pos += afterMarker;
    this.ignore();
    this.parenDepth = 0;
    return this.emitItem(i);
  }

  lexComment(): StateFn {
    this.pos += 2;
    const x = this.indexOf([0x2a, 0x2f], this.pos);
    if (x < 0) return this.errorf('unclosed comment');
    this.pos += x + 2;
    const [delim, trimSpace] = this.atRightDelim();
    if (!delim) return this.errorf('comment ends before closing delimiter');
    this.line += this.countNL(this.start, this.pos);
    this.thisItem(T.Comment);
    if (trimSpace) this.pos += 2;
    this.pos += RIGHT.length;
    if (trimSpace) this.pos += this.leftTrimLength(this.pos);
    this.ignore();
    return lexText;
  }

  lexRightDelim(): StateFn {
    const [, trimSpace] = this.atRightDelim();
    if (trimSpace) {
      this.pos += 2;
      this.ignore();
    }
    this.pos += RIGHT.length;
    const i = this.thisItem(T.RightDelim);
    if (trimSpace) {
      this.pos += this.leftTrimLength(this.pos);
      this.ignore();
    }
    this.insideAction = false;
    return this.emitItem(i);
  }

  lexInsideAction(): StateFn {
    const [delim] = this.atRightDelim();
    if (delim) {
      if (this.parenDepth === 0) return lexRightDelim;
      return this.errorf('unclosed left paren');
    }
    const r = this.next();
    if (r === EOF) return this.errorf('unclosed action');
    if (isSpace(r)) {
      this.backup();
      return lexSpace;
    }
    switch (r) {
      case 0x3d: return this.emit(T.Assign); // =
      case 0x3a: // :
        if (this.next() !== 0x3d) return this.errorf('expected :=');
        return this.emit(T.Declare);
      case 0x7c: return this.emit(T.Pipe);
      case 0x22: return lexQuote;
      case 0x60: return lexRawQuote;
      case 0x24: return lexVariable;
      case 0x27: return lexChar;
      case 0x2e: // .
        if (this.pos < this.input.length) {
          const c = this.input[this.pos];
          if (c < 0x30 || c > 0x39) return lexField;
        }
        this.backup();
        return lexNumber;
      case 0x2b: case 0x2d:
        this.backup();
        return lexNumber;
      case 0x28:
        this.parenDepth++;
        return this.emit(T.LeftParen);
      case 0x29:
        this.parenDepth--;
        if (this.parenDepth < 0) return this.errorf('unexpected right paren');
        return this.emit(T.RightParen);
    }
    if (r >= 0x30 && r <= 0x39) {
      this.backup();
      return lexNumber;
    }
    if (isAlphaNumeric(r)) {
      this.backup();
      return lexIdentifier;
    }
    if (r <= 0x7f && r >= 0x20 && r < 0x7f) return this.emit(T.Char);
    return this.errorf(`unrecognized character in action: ${fmtSharpU(r)}`);
  }

  lexSpace(): StateFn {
    let numSpaces = 0;
    for (;;) {
      const r = this.peek();
      if (!isSpace(r)) break;
      this.next();
      numSpaces++;
    }
    if (this.hasRightTrimMarker(this.pos - 1) && this.hasPrefix(this.pos - 1 + 2, RIGHT)) {
      this.backup();
      if (numSpaces === 1) return lexRightDelim;
    }
    return this.emit(T.Space);
  }

  lexIdentifier(): StateFn {
    for (;;) {
      const r = this.next();
      if (isAlphaNumeric(r)) continue;
      this.backup();
      const word = this.str(this.start, this.pos);
      if (!this.atTerminator()) return this.errorf(`bad character ${fmtSharpU(r)}`);
      const kw = KEYWORDS[word];
      if (kw !== undefined && kw > T.Keyword && Object.prototype.hasOwnProperty.call(KEYWORDS, word)) {
        if ((kw === T.Break && !this.breakOK) || (kw === T.Continue && !this.continueOK)) return this.emit(T.Identifier);
        return this.emit(kw);
      }
      if (word[0] === '.') return this.emit(T.Field);
      if (word === 'true' || word === 'false') return this.emit(T.Bool);
      return this.emit(T.Identifier);
    }
  }

  lexField(): StateFn {
    return this.lexFieldOrVariable(T.Field);
  }

  lexVariable(): StateFn {
    if (this.atTerminator()) return this.emit(T.Variable);
    return this.lexFieldOrVariable(T.Variable);
  }

  private lexFieldOrVariable(typ: T): StateFn {
    if (this.atTerminator()) {
      if (typ === T.Variable) return this.emit(T.Variable);
      return this.emit(T.Dot);
    }
    let r: number;
    for (;;) {
      r = this.next();
      if (!isAlphaNumeric(r)) {
        this.backup();
        break;
      }
    }
    if (!this.atTerminator()) return this.errorf(`bad character ${fmtSharpU(r)}`);
    return this.emit(typ);
  }

  private atTerminator(): boolean {
    const r = this.peek();
    if (isSpace(r)) return true;
    switch (r) {
      case EOF: case 0x2e: case 0x2c: case 0x7c: case 0x3a: case 0x29: case 0x28: return true;
    }
    return this.hasPrefix(this.pos, RIGHT);
  }

  lexChar(): StateFn {
    for (;;) {
      const r = this.next();
      if (r === 0x5c) {
        const r2 = this.next();
        if (r2 !== EOF && r2 !== 0x0a) continue;
        return this.errorf('unterminated character constant');
      }
      if (r === EOF || r === 0x0a) return this.errorf('unterminated character constant');
      if (r === 0x27) break;
    }
    return this.emit(T.CharConstant);
  }

  lexNumber(): StateFn {
    if (!this.scanNumber()) return this.errorf(`bad number syntax: ${goQuote(this.str(this.start, this.pos))}`);
    const sign = this.peek();
    if (sign === 0x2b || sign === 0x2d) {
      if (!this.scanNumber() || this.input[this.pos - 1] !== 0x69) {
        return this.errorf(`bad number syntax: ${goQuote(this.str(this.start, this.pos))}`);
      }
      return this.emit(T.Complex);
    }
    return this.emit(T.Number);
  }

  private scanNumber(): boolean {
    this.accept('+-');
    let digits = '0123456789_';
    if (this.accept('0')) {
      if (this.accept('xX')) digits = '0123456789abcdefABCDEF_';
      else if (this.accept('oO')) digits = '01234567_';
      else if (this.accept('bB')) digits = '01_';
    }
    this.acceptRun(digits);
    if (this.accept('.')) this.acceptRun(digits);
    if (digits.length === 10 + 1 && this.accept('eE')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    if (digits.length === 16 + 6 + 1 && this.accept('pP')) {
      this.accept('+-');
      this.acceptRun('0123456789_');
    }
    this.accept('i');
    if (isAlphaNumeric(this.peek())) {
      this.next();
      return false;
    }
    return true;
  }

  lexQuote(): StateFn {
    for (;;) {
      const r = this.next();
      if (r === 0x5c) {
        const r2 = this.next();
        if (r2 !== EOF && r2 !== 0x0a) continue;
        return this.errorf('unterminated quoted string');
      }
      if (r === EOF || r === 0x0a) return this.errorf('unterminated quoted string');
      if (r === 0x22) break;
    }
    return this.emit(T.String);
  }

  lexRawQuote(): StateFn {
    for (;;) {
      const r = this.next();
      if (r === EOF) return this.errorf('unterminated raw quoted string');
      if (r === 0x60) break;
    }
    return this.emit(T.RawString);
  }

  /** Raw bytes of an item's source text (for unquoting, which may produce non-UTF-8). */
  bytesAt(pos: number, len: number): Uint8Array {
    return this.input.subarray(pos, pos + len);
  }
}

const lexText = (l: Lexer) => l.lexText();
const lexLeftDelim = (l: Lexer) => l.lexLeftDelim();
const lexComment = (l: Lexer) => l.lexComment();
const lexRightDelim = (l: Lexer) => l.lexRightDelim();
const lexInsideAction = (l: Lexer) => l.lexInsideAction();
const lexSpace = (l: Lexer) => l.lexSpace();
const lexIdentifier = (l: Lexer) => l.lexIdentifier();
const lexField = (l: Lexer) => l.lexField();
const lexVariable = (l: Lexer) => l.lexVariable();
const lexChar = (l: Lexer) => l.lexChar();
const lexNumber = (l: Lexer) => l.lexNumber();
const lexQuote = (l: Lexer) => l.lexQuote();
const lexRawQuote = (l: Lexer) => l.lexRawQuote();
