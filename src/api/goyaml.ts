// A YAML 1.1 reader with go-yaml v2's behaviour, which is what kubectl reads manifests with
// (sigs.k8s.io/yaml -> goyaml.v2): the same scanner and parser (a port of libyaml's), the same
// value resolution (yes/no/on/off are booleans, 0123 is octal, timestamps stay strings), and the
// same error messages with the same line numbers ("yaml: line 7: did not find expected key";
// parser errors report the 0-based line of the offending token, scanner errors the 1-based one).
// Only the first document of the input is read, as yaml.Unmarshal does; kubectl splits a stream
// into documents before (see splitYamlDocuments).

import { int64Of } from './gonumber';

export class YamlError extends Error {}

/** Characters inside a plain scalar that never end it (no blank, ':', or flow indicator). */
/** Characters inside a quoted scalar that need no attention (no quote, backslash or blank). */
const QUOTED_RUN = /[\x21\x23-\x26\x28-\x5b\x5d-\x7e]+/y;
const PLAIN_RUN = /[\x21-\x2b\x2d-\x39\x3b-\x3e\x40-\x5a\x5c\x5e-\x7a\x7c\x7e]+/y;

interface Mark { index: number; line: number; column: number }

// token types
const STREAM_START = 1, STREAM_END = 2, VERSION_DIRECTIVE = 3, TAG_DIRECTIVE = 4, DOCUMENT_START = 5, DOCUMENT_END = 6,
  BLOCK_SEQUENCE_START = 7, BLOCK_MAPPING_START = 8, BLOCK_END = 9, FLOW_SEQUENCE_START = 10, FLOW_SEQUENCE_END = 11,
  FLOW_MAPPING_START = 12, FLOW_MAPPING_END = 13, BLOCK_ENTRY = 14, FLOW_ENTRY = 15, KEY = 16, VALUE = 17, ALIAS = 18,
  ANCHOR = 19, TAG = 20, SCALAR = 21;

// scalar styles
const PLAIN = 1, SINGLE_QUOTED = 2, DOUBLE_QUOTED = 3, LITERAL = 4, FOLDED = 5;

interface Token { type: number; start: Mark; end: Mark; value?: string; suffix?: string; style?: number }
interface SimpleKey { possible: boolean; required: boolean; tokenNumber: number; mark: Mark }

type ErrKind = 'scanner' | 'parser' | 'reader';
class Fail { constructor(public kind: ErrKind, public problem: string, public problemMark: Mark, public contextMark: Mark) {} }

const copy = (m: Mark): Mark => ({ index: m.index, line: m.line, column: m.column });
const isBlank = (c: string) => c === ' ' || c === '\t';
const isBreak = (c: string) => c === '\r' || c === '\n' || c === '\u0085' || c === '\u2028' || c === '\u2029';
const isZ = (c: string) => c === '\0';
const isBreakZ = (c: string) => isBreak(c) || isZ(c);
const isBlankZ = (c: string) => isBlank(c) || isBreakZ(c);
const isAlpha = (c: string) => /^[0-9A-Za-z_-]$/.test(c);
const isDigit = (c: string) => c >= '0' && c <= '9';
const isHex = (c: string) => /^[0-9A-Fa-f]$/.test(c);

class Scanner {
  private pos = 0;
  mark: Mark = { index: 0, line: 0, column: 0 };
  private tokens: Token[] = [];
  private head = 0;
  private parsed = 0;
  private available = false;
  private startProduced = false;
  private endProduced = false;
  private indent = -1;
  private indents: number[] = [];
  private simpleKeyAllowed = false;
  private simpleKeys: SimpleKey[] = [];
  /** every simple key below this index is impossible */
  private lowPossible = 0;
  private flowLevel = 0;

  constructor(private s: string) {
    // The reader refuses control characters anywhere in the input.
    for (let i = 0; i < s.length; i++) {
      const c = s.charCodeAt(i);
      const ok = c === 0x09 || c === 0x0a || c === 0x0d || (c >= 0x20 && c <= 0x7e) || c === 0x85 || (c >= 0xa0 && c <= 0xd7ff) || (c >= 0xd800 && c <= 0xdfff) || (c >= 0xe000 && c <= 0xfffd && c !== 0xfeff) || (c === 0xfeff && i === 0);
      if (!ok) throw new Fail('reader', 'control characters are not allowed', { index: 0, line: 0, column: 0 }, { index: 0, line: 0, column: 0 });
    }
  }

  private ch(k = 0): string {
    let p = this.pos;
    for (let i = 0; i < k; i++) p += this.width(p);
    const c = this.s[p];
    return c === undefined ? '\0' : c;
  }
  private width(p: number): number {
    const c = this.s.charCodeAt(p);
    return c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }
  private skip(): void { this.pos += this.width(this.pos); this.mark.index++; this.mark.column++; }
  private skipLine(): void {
    if (this.ch() === '\r' && this.ch(1) === '\n') { this.pos += 2; this.mark.index += 2; this.mark.column = 0; this.mark.line++; }
    else if (isBreak(this.ch())) { this.pos += 1; this.mark.index++; this.mark.column = 0; this.mark.line++; }
  }
  private read(): string { const w = this.width(this.pos); const c = this.s.slice(this.pos, this.pos + w); this.pos += w; this.mark.index++; this.mark.column++; return c; }
  private readLine(): string {
    const c = this.ch();
    let out: string;
    if (c === '\r' && this.ch(1) === '\n') { out = '\n'; this.pos += 2; this.mark.index++; }
    else if (c === '\r' || c === '\n' || c === '\u0085') { out = '\n'; this.pos += 1; }
    else if (c === '\u2028' || c === '\u2029') { out = c; this.pos += 1; }
    else return '';
    this.mark.index++; this.mark.column = 0; this.mark.line++;
    return out;
  }

  private err(context: string, contextMark: Mark, problem: string): never {
    throw new Fail('scanner', problem, copy(this.mark), copy(contextMark));
  }

  // ---- the token queue ----

  peek(): Token {
    if (!this.available) this.fetchMore();
    return this.tokens[this.head];
  }
  skipToken(): void {
    this.available = false;
    this.parsed++;
    this.endProduced = this.tokens[this.head].type === STREAM_END;
    this.head++;
  }
  private insert(pos: number, t: Token): void {
    if (pos === -1) this.tokens.push(t);
    else this.tokens.splice(this.head + pos, 0, t);
  }

  private fetchMore(): void {
    for (;;) {
      let need = false;
      if (this.head === this.tokens.length) need = true;
      else {
        this.staleSimpleKeys();
        const keys = this.simpleKeys;
        for (let i = this.lowPossible; i < keys.length; i++) if (keys[i].possible && keys[i].tokenNumber === this.parsed) { need = true; break; }
      }
      if (!need) break;
      this.fetchNext();
    }
    this.available = true;
  }

  private fetchNext(): void {
    if (!this.startProduced) return this.fetchStreamStart();
    this.scanToNextToken();
    this.staleSimpleKeys();
    this.unrollIndent(this.mark.column);
    const c = this.ch();
    if (isZ(c)) return this.fetchStreamEnd();
    if (this.mark.column === 0 && c === '%') return this.fetchDirective();
    if (this.mark.column === 0 && c === '-' && this.ch(1) === '-' && this.ch(2) === '-' && isBlankZ(this.ch(3))) return this.fetchDocumentIndicator(DOCUMENT_START);
    if (this.mark.column === 0 && c === '.' && this.ch(1) === '.' && this.ch(2) === '.' && isBlankZ(this.ch(3))) return this.fetchDocumentIndicator(DOCUMENT_END);
    if (c === '[') return this.fetchFlowCollectionStart(FLOW_SEQUENCE_START);
    if (c === '{') return this.fetchFlowCollectionStart(FLOW_MAPPING_START);
    if (c === ']') return this.fetchFlowCollectionEnd(FLOW_SEQUENCE_END);
    if (c === '}') return this.fetchFlowCollectionEnd(FLOW_MAPPING_END);
    if (c === ',') return this.fetchFlowEntry();
    if (c === '-' && isBlankZ(this.ch(1))) return this.fetchBlockEntry();
    if (c === '?' && (this.flowLevel > 0 || isBlankZ(this.ch(1)))) return this.fetchKey();
    if (c === ':' && (this.flowLevel > 0 || isBlankZ(this.ch(1)))) return this.fetchValue();
    if (c === '*') return this.fetchAnchor(ALIAS);
    if (c === '&') return this.fetchAnchor(ANCHOR);
    if (c === '!') return this.fetchTag();
    if (c === '|' && this.flowLevel === 0) return this.fetchBlockScalar(true);
    if (c === '>' && this.flowLevel === 0) return this.fetchBlockScalar(false);
    if (c === "'") return this.fetchFlowScalar(true);
    if (c === '"') return this.fetchFlowScalar(false);
    if (!(isBlankZ(c) || '-?:,[]{}#&*!|>\'"%@`'.includes(c)) ||
      (c === '-' && !isBlank(this.ch(1))) ||
      (this.flowLevel === 0 && (c === '?' || c === ':') && !isBlankZ(this.ch(1)))) {
      return this.fetchPlainScalar();
    }
    this.err('while scanning for the next token', this.mark, 'found character that cannot start any token');
  }

  private staleSimpleKeys(): void {
    const keys = this.simpleKeys;
    if (this.lowPossible > keys.length) this.lowPossible = keys.length;
    for (let i = this.lowPossible; i < keys.length; i++) {
      const k = keys[i];
      if (k.possible && (k.mark.line < this.mark.line || k.mark.index + 1024 < this.mark.index)) {
        if (k.required) this.err('while scanning a simple key', k.mark, "could not find expected ':'");
        k.possible = false;
      }
    }
    // keys below the top only ever become impossible: skip them from now on (libyaml walks them
    // all on every token, which is quadratic in the flow depth)
    while (this.lowPossible < keys.length && !keys[this.lowPossible].possible) this.lowPossible++;
  }

  private saveSimpleKey(): void {
    const required = this.flowLevel === 0 && this.indent === this.mark.column;
    if (this.simpleKeyAllowed) {
      const key: SimpleKey = { possible: true, required, tokenNumber: this.parsed + (this.tokens.length - this.head), mark: copy(this.mark) };
      this.removeSimpleKey();
      this.simpleKeys[this.simpleKeys.length - 1] = key;
      if (this.lowPossible > this.simpleKeys.length - 1) this.lowPossible = this.simpleKeys.length - 1;
    }
  }

  private removeSimpleKey(): void {
    const k = this.simpleKeys[this.simpleKeys.length - 1];
    if (k.possible && k.required) this.err('while scanning a simple key', k.mark, "could not find expected ':'");
    k.possible = false;
  }

  private increaseFlowLevel(): void {
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: copy(this.mark) });
    this.flowLevel++;
    if (this.flowLevel > 10000) this.err('while increasing flow level', this.mark, 'exceeded max depth of 10000');
  }
  private decreaseFlowLevel(): void {
    if (this.flowLevel > 0) { this.flowLevel--; this.simpleKeys.pop(); }
  }

  private rollIndent(column: number, number: number, type: number, mark: Mark): void {
    if (this.flowLevel > 0) return;
    if (this.indent < column) {
      this.indents.push(this.indent);
      this.indent = column;
      if (this.indents.length > 10000) this.err('while increasing indent level', this.mark, 'exceeded max depth of 10000');
      const t: Token = { type, start: copy(mark), end: copy(mark) };
      this.insert(number > -1 ? number - this.parsed : -1, t);
    }
  }
  private unrollIndent(column: number): void {
    if (this.flowLevel > 0) return;
    while (this.indent > column) {
      this.insert(-1, { type: BLOCK_END, start: copy(this.mark), end: copy(this.mark) });
      this.indent = this.indents.pop()!;
    }
  }

  private fetchStreamStart(): void {
    this.indent = -1;
    this.simpleKeys.push({ possible: false, required: false, tokenNumber: 0, mark: copy(this.mark) });
    this.simpleKeyAllowed = true;
    this.startProduced = true;
    this.insert(-1, { type: STREAM_START, start: copy(this.mark), end: copy(this.mark) });
  }
  private fetchStreamEnd(): void {
    if (this.mark.column !== 0) { this.mark.column = 0; this.mark.line++; }
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, { type: STREAM_END, start: copy(this.mark), end: copy(this.mark) });
  }
  private fetchDirective(): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, this.scanDirective());
  }
  private fetchDocumentIndicator(type: number): void {
    this.unrollIndent(-1);
    this.removeSimpleKey();
    this.simpleKeyAllowed = false;
    const start = copy(this.mark);
    this.skip(); this.skip(); this.skip();
    this.insert(-1, { type, start, end: copy(this.mark) });
  }
  private fetchFlowCollectionStart(type: number): void {
    this.saveSimpleKey();
    this.increaseFlowLevel();
    this.simpleKeyAllowed = true;
    const start = copy(this.mark); this.skip();
    this.insert(-1, { type, start, end: copy(this.mark) });
  }
  private fetchFlowCollectionEnd(type: number): void {
    this.removeSimpleKey();
    this.decreaseFlowLevel();
    this.simpleKeyAllowed = false;
    const start = copy(this.mark); this.skip();
    this.insert(-1, { type, start, end: copy(this.mark) });
  }
  private fetchFlowEntry(): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = copy(this.mark); this.skip();
    this.insert(-1, { type: FLOW_ENTRY, start, end: copy(this.mark) });
  }
  private fetchBlockEntry(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.err('', this.mark, 'block sequence entries are not allowed in this context');
      this.rollIndent(this.mark.column, -1, BLOCK_SEQUENCE_START, this.mark);
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    const start = copy(this.mark); this.skip();
    this.insert(-1, { type: BLOCK_ENTRY, start, end: copy(this.mark) });
  }
  private fetchKey(): void {
    if (this.flowLevel === 0) {
      if (!this.simpleKeyAllowed) this.err('', this.mark, 'mapping keys are not allowed in this context');
      this.rollIndent(this.mark.column, -1, BLOCK_MAPPING_START, this.mark);
    }
    this.removeSimpleKey();
    this.simpleKeyAllowed = this.flowLevel === 0;
    const start = copy(this.mark); this.skip();
    this.insert(-1, { type: KEY, start, end: copy(this.mark) });
  }
  private fetchValue(): void {
    const k = this.simpleKeys[this.simpleKeys.length - 1];
    if (k.possible) {
      this.insert(k.tokenNumber - this.parsed, { type: KEY, start: copy(k.mark), end: copy(k.mark) });
      this.rollIndent(k.mark.column, k.tokenNumber, BLOCK_MAPPING_START, k.mark);
      k.possible = false;
      this.simpleKeyAllowed = false;
    } else {
      if (this.flowLevel === 0) {
        if (!this.simpleKeyAllowed) this.err('', this.mark, 'mapping values are not allowed in this context');
        this.rollIndent(this.mark.column, -1, BLOCK_MAPPING_START, this.mark);
      }
      this.simpleKeyAllowed = this.flowLevel === 0;
    }
    const start = copy(this.mark); this.skip();
    this.insert(-1, { type: VALUE, start, end: copy(this.mark) });
  }
  private fetchAnchor(type: number): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, this.scanAnchor(type));
  }
  private fetchTag(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, this.scanTag());
  }
  private fetchBlockScalar(literal: boolean): void {
    this.removeSimpleKey();
    this.simpleKeyAllowed = true;
    this.insert(-1, this.scanBlockScalar(literal));
  }
  private fetchFlowScalar(single: boolean): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, this.scanFlowScalar(single));
  }
  private fetchPlainScalar(): void {
    this.saveSimpleKey();
    this.simpleKeyAllowed = false;
    this.insert(-1, this.scanPlainScalar());
  }

  private scanToNextToken(): void {
    for (;;) {
      if (this.mark.column === 0 && this.ch() === '\uFEFF') this.skip();
      while (this.ch() === ' ' || ((this.flowLevel > 0 || !this.simpleKeyAllowed) && this.ch() === '\t')) this.skip();
      if (this.ch() === '#') while (!isBreakZ(this.ch())) this.skip();
      if (isBreak(this.ch())) {
        this.skipLine();
        if (this.flowLevel === 0) this.simpleKeyAllowed = true;
      } else break;
    }
  }

  private scanDirective(): Token {
    const start = copy(this.mark);
    this.skip();
    let name = '';
    while (isAlpha(this.ch())) name += this.read();
    if (!name) this.err('while scanning a directive', start, 'could not find expected directive name');
    if (!isBlankZ(this.ch())) this.err('while scanning a directive', start, 'found unexpected non-alphabetical character');
    let tok: Token;
    if (name === 'YAML') {
      while (isBlank(this.ch())) this.skip();
      let v = '';
      while (isDigit(this.ch()) || this.ch() === '.') v += this.read();
      if (!/^\d+\.\d+$/.test(v)) this.err('while scanning a %YAML directive', start, 'did not find expected version number');
      tok = { type: VERSION_DIRECTIVE, start, end: copy(this.mark), value: v };
    } else if (name === 'TAG') {
      while (isBlank(this.ch())) this.skip();
      const handle = this.scanTagHandle(true, start);
      if (!isBlank(this.ch())) this.err('while scanning a %TAG directive', start, 'did not find expected whitespace');
      while (isBlank(this.ch())) this.skip();
      const prefix = this.scanTagUri(true, '', start);
      if (!isBlankZ(this.ch())) this.err('while scanning a %TAG directive', start, 'did not find expected whitespace or line break');
      tok = { type: TAG_DIRECTIVE, start, end: copy(this.mark), value: handle, suffix: prefix };
    } else {
      this.err('while scanning a directive', start, 'found unknown directive name');
    }
    while (isBlank(this.ch())) this.skip();
    if (this.ch() === '#') while (!isBreakZ(this.ch())) this.skip();
    if (!isBreakZ(this.ch())) this.err('while scanning a directive', start, 'did not find expected comment or line break');
    if (isBreak(this.ch())) this.skipLine();
    return tok;
  }

  private scanAnchor(type: number): Token {
    const start = copy(this.mark);
    this.skip();
    let s = '';
    while (isAlpha(this.ch())) s += this.read();
    const end = copy(this.mark);
    const c = this.ch();
    if (!s || !(isBlankZ(c) || '?:,]}%@`'.includes(c))) {
      this.err(type === ANCHOR ? 'while scanning an anchor' : 'while scanning an alias', start, 'did not find expected alphabetic or numeric character');
    }
    return { type, start, end, value: s };
  }

  private scanTag(): Token {
    const start = copy(this.mark);
    let handle: string, suffix: string;
    if (this.ch(1) === '<') {
      handle = '';
      this.skip(); this.skip();
      suffix = this.scanTagUri(false, '', start);
      if (this.ch() !== '>') this.err('while scanning a tag', start, "did not find the expected '>'");
      this.skip();
    } else {
      handle = this.scanTagHandle(false, start);
      if (handle[0] === '!' && handle.length > 1 && handle[handle.length - 1] === '!') {
        suffix = this.scanTagUri(false, '', start);
      } else {
        suffix = this.scanTagUri(false, handle, start);
        handle = '!';
        if (!suffix) { suffix = handle; handle = ''; }
      }
    }
    if (!isBlankZ(this.ch())) this.err('while scanning a tag', start, 'did not find expected whitespace or line break');
    return { type: TAG, start, end: copy(this.mark), value: handle, suffix };
  }

  private scanTagHandle(directive: boolean, start: Mark): string {
    if (this.ch() !== '!') this.err(directive ? 'while parsing a %TAG directive' : 'while parsing a tag', start, "did not find expected '!'");
    let s = this.read();
    while (isAlpha(this.ch())) s += this.read();
    if (this.ch() === '!') s += this.read();
    else if (directive && s !== '!') this.err('while parsing a %TAG directive', start, "did not find expected '!'");
    return s;
  }

  private scanTagUri(directive: boolean, head: string, start: Mark): string {
    let s = head.length > 1 ? head.slice(1) : '';
    let hasTag = head.length > 0;
    for (;;) {
      const c = this.ch();
      if (!(isAlpha(c) || ";/?:@&=+$,.!~*'()[]%".includes(c)) || c === '\0') break;
      if (c === '%') {
        if (!(isHex(this.ch(1)) && isHex(this.ch(2)))) this.err(directive ? 'while parsing a %TAG directive' : 'while parsing a tag', start, 'did not find URI escaped octet');
        const bytes: number[] = [];
        while (this.ch() === '%' && isHex(this.ch(1)) && isHex(this.ch(2))) {
          bytes.push(parseInt(this.ch(1) + this.ch(2), 16));
          this.skip(); this.skip(); this.skip();
        }
        s += Buffer.from(bytes).toString('utf8');
      } else s += this.read();
      hasTag = true;
    }
    if (!hasTag) this.err(directive ? 'while parsing a %TAG directive' : 'while parsing a tag', start, 'did not find expected tag URI');
    return s;
  }

  private scanBlockScalar(literal: boolean): Token {
    const start = copy(this.mark);
    this.skip();
    let chomping = 0, increment = 0;
    if (this.ch() === '+' || this.ch() === '-') {
      chomping = this.ch() === '+' ? 1 : -1;
      this.skip();
      if (isDigit(this.ch())) {
        if (this.ch() === '0') this.err('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
        increment = Number(this.ch());
        this.skip();
      }
    } else if (isDigit(this.ch())) {
      if (this.ch() === '0') this.err('while scanning a block scalar', start, 'found an indentation indicator equal to 0');
      increment = Number(this.ch());
      this.skip();
      if (this.ch() === '+' || this.ch() === '-') { chomping = this.ch() === '+' ? 1 : -1; this.skip(); }
    }
    while (isBlank(this.ch())) this.skip();
    if (this.ch() === '#') while (!isBreakZ(this.ch())) this.skip();
    if (!isBreakZ(this.ch())) this.err('while scanning a block scalar', start, 'did not find expected comment or line break');
    if (isBreak(this.ch())) this.skipLine();
    let end = copy(this.mark);
    let indent = 0;
    if (increment > 0) indent = this.indent >= 0 ? this.indent + increment : increment;
    let s = '', leadingBreak = '', trailingBreaks = '';
    const breaks = () => {
      end = copy(this.mark);
      let maxIndent = 0;
      for (;;) {
        while ((indent === 0 || this.mark.column < indent) && this.ch() === ' ') this.skip();
        if (this.mark.column > maxIndent) maxIndent = this.mark.column;
        if ((indent === 0 || this.mark.column < indent) && this.ch() === '\t') {
          this.err('while scanning a block scalar', start, 'found a tab character where an indentation space is expected');
        }
        if (!isBreak(this.ch())) break;
        trailingBreaks += this.readLine();
        end = copy(this.mark);
      }
      if (indent === 0) {
        indent = maxIndent;
        if (indent < this.indent + 1) indent = this.indent + 1;
        if (indent < 1) indent = 1;
      }
    };
    breaks();
    let leadingBlank = false, trailingBlank = false;
    while (this.mark.column === indent && !isZ(this.ch())) {
      trailingBlank = isBlank(this.ch());
      if (!literal && !leadingBlank && !trailingBlank && leadingBreak.length > 0 && leadingBreak[0] === '\n') {
        if (trailingBreaks.length === 0) s += ' ';
      } else s += leadingBreak;
      leadingBreak = '';
      s += trailingBreaks;
      trailingBreaks = '';
      leadingBlank = isBlank(this.ch());
      while (!isBreakZ(this.ch())) s += this.read();
      leadingBreak = this.readLine();
      breaks();
    }
    if (chomping !== -1) s += leadingBreak;
    if (chomping === 1) s += trailingBreaks;
    return { type: SCALAR, start, end, value: s, style: literal ? LITERAL : FOLDED };
  }

  private scanFlowScalar(single: boolean): Token {
    const start = copy(this.mark);
    this.skip();
    let s = '', leadingBreak = '', trailingBreaks = '', whitespaces = '';
    for (;;) {
      if (this.mark.column === 0 && ((this.ch() === '-' && this.ch(1) === '-' && this.ch(2) === '-') || (this.ch() === '.' && this.ch(1) === '.' && this.ch(2) === '.')) && isBlankZ(this.ch(3))) {
        this.err('while scanning a quoted scalar', start, 'found unexpected document indicator');
      }
      if (isZ(this.ch())) this.err('while scanning a quoted scalar', start, 'found unexpected end of stream');
      let leadingBlanks = false;
      while (!isBlankZ(this.ch())) {
        const c = this.ch();
        if (single && c === "'" && this.ch(1) === "'") { s += "'"; this.skip(); this.skip(); }
        else if (single && c === "'") break;
        else if (!single && c === '"') break;
        else if (!single && c === '\\' && isBreak(this.ch(1))) { this.skip(); this.skipLine(); leadingBlanks = true; break; }
        else if (!single && c === '\\') {
          let codeLength = 0;
          const e = this.ch(1);
          const simple: Record<string, string> = { '0': '\0', a: '\x07', b: '\x08', t: '\t', '\t': '\t', n: '\n', v: '\x0b', f: '\x0c', r: '\r', e: '\x1b', ' ': ' ', '"': '"', "'": "'", '\\': '\\', N: '\u0085', _: '\u00a0', L: '\u2028', P: '\u2029', '/': '/' };
          if (e === 'x') codeLength = 2;
          else if (e === 'u') codeLength = 4;
          else if (e === 'U') codeLength = 8;
          else if (e in simple && e !== '/') s += simple[e];
          else this.err('while parsing a quoted scalar', start, 'found unknown escape character');
          this.skip(); this.skip();
          if (codeLength > 0) {
            let value = 0;
            for (let k = 0; k < codeLength; k++) {
              if (!isHex(this.ch(k))) this.err('while parsing a quoted scalar', start, 'did not find expected hexdecimal number');
              value = value * 16 + parseInt(this.ch(k), 16);
            }
            if ((value >= 0xd800 && value <= 0xdfff) || value > 0x10ffff) this.err('while parsing a quoted scalar', start, 'found invalid Unicode character escape code');
            s += String.fromCodePoint(value);
            for (let k = 0; k < codeLength; k++) this.skip();
          }
        } else {
          s += this.read();
          QUOTED_RUN.lastIndex = this.pos; // a run of printable ASCII with no quote, '\\' or blank
          if (QUOTED_RUN.test(this.s)) {
            const n = QUOTED_RUN.lastIndex - this.pos;
            s += this.s.slice(this.pos, QUOTED_RUN.lastIndex);
            this.pos += n; this.mark.index += n; this.mark.column += n;
          }
        }
      }
      if (single ? this.ch() === "'" : this.ch() === '"') break;
      while (isBlank(this.ch()) || isBreak(this.ch())) {
        if (isBlank(this.ch())) {
          if (!leadingBlanks) whitespaces += this.read();
          else this.skip();
        } else {
          if (!leadingBlanks) { whitespaces = ''; leadingBreak = this.readLine(); leadingBlanks = true; }
          else trailingBreaks += this.readLine();
        }
      }
      if (leadingBlanks) {
        if (leadingBreak.length > 0 && leadingBreak[0] === '\n') {
          if (trailingBreaks.length === 0) s += ' ';
          else s += trailingBreaks;
        } else s += leadingBreak + trailingBreaks;
        trailingBreaks = ''; leadingBreak = '';
      } else {
        s += whitespaces;
        whitespaces = '';
      }
    }
    this.skip();
    return { type: SCALAR, start, end: copy(this.mark), value: s, style: single ? SINGLE_QUOTED : DOUBLE_QUOTED };
  }

  private scanPlainScalar(): Token {
    let s = '', leadingBreak = '', trailingBreaks = '', whitespaces = '';
    let leadingBlanks = false;
    const indent = this.indent + 1;
    const start = copy(this.mark);
    let end = copy(this.mark);
    for (;;) {
      if (this.mark.column === 0 && ((this.ch() === '-' && this.ch(1) === '-' && this.ch(2) === '-') || (this.ch() === '.' && this.ch(1) === '.' && this.ch(2) === '.')) && isBlankZ(this.ch(3))) break;
      if (this.ch() === '#') break;
      while (!isBlankZ(this.ch())) {
        const c = this.ch();
        if ((c === ':' && isBlankZ(this.ch(1))) || (this.flowLevel > 0 && ',?[]{}'.includes(c))) break;
        if (leadingBlanks || whitespaces.length > 0) {
          if (leadingBlanks) {
            if (leadingBreak[0] === '\n') {
              if (trailingBreaks.length === 0) s += ' ';
              else s += trailingBreaks;
            } else s += leadingBreak + trailingBreaks;
            trailingBreaks = ''; leadingBreak = ''; leadingBlanks = false;
          } else { s += whitespaces; whitespaces = ''; }
        }
        s += this.read();
        // the rest of a run of printable ASCII that cannot end the scalar, at once (a 10 MB
        // image name is one run: read it as one slice, not 10 million appends)
        PLAIN_RUN.lastIndex = this.pos;
        if (PLAIN_RUN.test(this.s)) {
          const n = PLAIN_RUN.lastIndex - this.pos;
          s += this.s.slice(this.pos, PLAIN_RUN.lastIndex);
          this.pos += n; this.mark.index += n; this.mark.column += n;
        }
        end = copy(this.mark);
      }
      if (!(isBlank(this.ch()) || isBreak(this.ch()))) break;
      while (isBlank(this.ch()) || isBreak(this.ch())) {
        if (isBlank(this.ch())) {
          if (leadingBlanks && this.mark.column < indent && this.ch() === '\t') {
            this.err('while scanning a plain scalar', start, 'found a tab character that violates indentation');
          }
          if (!leadingBlanks) whitespaces += this.read();
          else this.skip();
        } else {
          if (!leadingBlanks) { whitespaces = ''; leadingBreak = this.readLine(); leadingBlanks = true; }
          else trailingBreaks += this.readLine();
        }
      }
      if (this.flowLevel === 0 && this.mark.column < indent) break;
    }
    if (leadingBlanks) this.simpleKeyAllowed = true;
    return { type: SCALAR, start, end, value: s, style: PLAIN };
  }
}

// ---- the parser (events) ----

const EV_STREAM_START = 1, EV_STREAM_END = 2, EV_DOCUMENT_START = 3, EV_DOCUMENT_END = 4, EV_ALIAS = 5, EV_SCALAR = 6,
  EV_SEQUENCE_START = 7, EV_SEQUENCE_END = 8, EV_MAPPING_START = 9, EV_MAPPING_END = 10;
const EVENT_NAMES: Record<number, string> = { 1: 'STREAM-START', 2: 'STREAM-END', 3: 'DOCUMENT-START', 4: 'DOCUMENT-END', 5: 'ALIAS', 6: 'SCALAR', 7: 'SEQUENCE-START', 8: 'SEQUENCE-END', 9: 'MAPPING-START', 10: 'MAPPING-END' };

interface Event { type: number; start: Mark; end: Mark; anchor?: string; tag?: string; value?: string; implicit?: boolean; quotedImplicit?: boolean; style?: number }

// parser states
const S_STREAM_START = 0, S_IMPLICIT_DOCUMENT_START = 1, S_DOCUMENT_START = 2, S_DOCUMENT_CONTENT = 3, S_DOCUMENT_END = 4,
  S_BLOCK_NODE = 5, S_BLOCK_NODE_OR_INDENTLESS_SEQUENCE = 6, S_FLOW_NODE = 7, S_BLOCK_SEQUENCE_FIRST_ENTRY = 8,
  S_BLOCK_SEQUENCE_ENTRY = 9, S_INDENTLESS_SEQUENCE_ENTRY = 10, S_BLOCK_MAPPING_FIRST_KEY = 11, S_BLOCK_MAPPING_KEY = 12,
  S_BLOCK_MAPPING_VALUE = 13, S_FLOW_SEQUENCE_FIRST_ENTRY = 14, S_FLOW_SEQUENCE_ENTRY = 15, S_FLOW_SEQUENCE_ENTRY_MAPPING_KEY = 16,
  S_FLOW_SEQUENCE_ENTRY_MAPPING_VALUE = 17, S_FLOW_SEQUENCE_ENTRY_MAPPING_END = 18, S_FLOW_MAPPING_FIRST_KEY = 19,
  S_FLOW_MAPPING_KEY = 20, S_FLOW_MAPPING_VALUE = 21, S_FLOW_MAPPING_EMPTY_VALUE = 22, S_END = 23;

class Parser {
  private state = S_STREAM_START;
  private states: number[] = [];
  private marks: Mark[] = [];
  private tagDirectives: { handle: string; prefix: string }[] = [];
  private done = false;
  constructor(private sc: Scanner) {}

  private perr(problem: string, mark: Mark, context?: Mark): never {
    throw new Fail('parser', problem, copy(mark), copy(context ?? { index: 0, line: 0, column: 0 }));
  }

  next(): Event | undefined {
    if (this.done || this.state === S_END) return undefined;
    return this.machine();
  }

  private pop(): void { this.state = this.states.pop()!; }

  private machine(): Event {
    switch (this.state) {
      case S_STREAM_START: return this.streamStart();
      case S_IMPLICIT_DOCUMENT_START: return this.documentStart(true);
      case S_DOCUMENT_START: return this.documentStart(false);
      case S_DOCUMENT_CONTENT: return this.documentContent();
      case S_DOCUMENT_END: return this.documentEnd();
      case S_BLOCK_NODE: return this.node(true, false);
      case S_BLOCK_NODE_OR_INDENTLESS_SEQUENCE: return this.node(true, true);
      case S_FLOW_NODE: return this.node(false, false);
      case S_BLOCK_SEQUENCE_FIRST_ENTRY: return this.blockSequenceEntry(true);
      case S_BLOCK_SEQUENCE_ENTRY: return this.blockSequenceEntry(false);
      case S_INDENTLESS_SEQUENCE_ENTRY: return this.indentlessSequenceEntry();
      case S_BLOCK_MAPPING_FIRST_KEY: return this.blockMappingKey(true);
      case S_BLOCK_MAPPING_KEY: return this.blockMappingKey(false);
      case S_BLOCK_MAPPING_VALUE: return this.blockMappingValue();
      case S_FLOW_SEQUENCE_FIRST_ENTRY: return this.flowSequenceEntry(true);
      case S_FLOW_SEQUENCE_ENTRY: return this.flowSequenceEntry(false);
      case S_FLOW_SEQUENCE_ENTRY_MAPPING_KEY: return this.flowSequenceEntryMappingKey();
      case S_FLOW_SEQUENCE_ENTRY_MAPPING_VALUE: return this.flowSequenceEntryMappingValue();
      case S_FLOW_SEQUENCE_ENTRY_MAPPING_END: return this.flowSequenceEntryMappingEnd();
      case S_FLOW_MAPPING_FIRST_KEY: return this.flowMappingKey(true);
      case S_FLOW_MAPPING_KEY: return this.flowMappingKey(false);
      case S_FLOW_MAPPING_VALUE: return this.flowMappingValue(false);
      case S_FLOW_MAPPING_EMPTY_VALUE: return this.flowMappingValue(true);
    }
    throw new Error('invalid parser state');
  }

  private streamStart(): Event {
    const t = this.sc.peek();
    if (t.type !== STREAM_START) this.perr('did not find expected <stream-start>', t.start);
    this.state = S_IMPLICIT_DOCUMENT_START;
    this.sc.skipToken();
    return { type: EV_STREAM_START, start: t.start, end: t.end };
  }

  private processDirectives(): void {
    this.tagDirectives = [];
    for (;;) {
      const t = this.sc.peek();
      if (t.type === VERSION_DIRECTIVE) {
        if (t.value !== '1.1' && !/^1\./.test(t.value!)) this.perr('found incompatible YAML document', t.start);
      } else if (t.type === TAG_DIRECTIVE) {
        this.tagDirectives.push({ handle: t.value!, prefix: t.suffix! });
      } else break;
      this.sc.skipToken();
    }
    for (const d of [{ handle: '!', prefix: '!' }, { handle: '!!', prefix: 'tag:yaml.org,2002:' }]) {
      if (!this.tagDirectives.some((x) => x.handle === d.handle)) this.tagDirectives.push(d);
    }
  }

  private documentStart(implicit: boolean): Event {
    let t = this.sc.peek();
    if (!implicit) while (t.type === DOCUMENT_END) { this.sc.skipToken(); t = this.sc.peek(); }
    if (implicit && t.type !== VERSION_DIRECTIVE && t.type !== TAG_DIRECTIVE && t.type !== DOCUMENT_START && t.type !== STREAM_END) {
      this.processDirectives();
      this.states.push(S_DOCUMENT_END);
      this.state = S_BLOCK_NODE;
      return { type: EV_DOCUMENT_START, start: t.start, end: t.end };
    }
    if (t.type !== STREAM_END) {
      const start = t.start;
      this.processDirectives();
      t = this.sc.peek();
      if (t.type !== DOCUMENT_START) this.perr('did not find expected <document start>', t.start);
      this.states.push(S_DOCUMENT_END);
      this.state = S_DOCUMENT_CONTENT;
      this.sc.skipToken();
      return { type: EV_DOCUMENT_START, start, end: t.end };
    }
    this.state = S_END;
    this.sc.skipToken();
    return { type: EV_STREAM_END, start: t.start, end: t.end };
  }

  private documentContent(): Event {
    const t = this.sc.peek();
    if (t.type === VERSION_DIRECTIVE || t.type === TAG_DIRECTIVE || t.type === DOCUMENT_START || t.type === DOCUMENT_END || t.type === STREAM_END) {
      this.pop();
      return this.emptyScalar(t.start);
    }
    return this.node(true, false);
  }

  private documentEnd(): Event {
    const t = this.sc.peek();
    const start = t.start;
    let end = t.start;
    if (t.type === DOCUMENT_END) { end = t.end; this.sc.skipToken(); }
    this.tagDirectives = [];
    this.state = S_DOCUMENT_START;
    return { type: EV_DOCUMENT_END, start, end };
  }

  private emptyScalar(mark: Mark): Event {
    return { type: EV_SCALAR, start: mark, end: mark, value: '', implicit: true, style: PLAIN };
  }

  private node(block: boolean, indentless: boolean): Event {
    let t = this.sc.peek();
    if (t.type === ALIAS) {
      this.pop();
      this.sc.skipToken();
      return { type: EV_ALIAS, start: t.start, end: t.end, anchor: t.value };
    }
    let start = t.start, end = t.start;
    let tagToken = false, tagHandle = '', tagSuffix = '', anchor: string | undefined, tagMark = t.start;
    if (t.type === ANCHOR) {
      anchor = t.value; start = t.start; end = t.end;
      this.sc.skipToken(); t = this.sc.peek();
      if (t.type === TAG) {
        tagToken = true; tagHandle = t.value!; tagSuffix = t.suffix!; tagMark = t.start; end = t.end;
        this.sc.skipToken(); t = this.sc.peek();
      }
    } else if (t.type === TAG) {
      tagToken = true; tagHandle = t.value!; tagSuffix = t.suffix!; start = t.start; tagMark = t.start; end = t.end;
      this.sc.skipToken(); t = this.sc.peek();
      if (t.type === ANCHOR) {
        anchor = t.value; end = t.end;
        this.sc.skipToken(); t = this.sc.peek();
      }
    }
    let tag = '';
    if (tagToken) {
      if (!tagHandle) tag = tagSuffix;
      else {
        const d = this.tagDirectives.find((x) => x.handle === tagHandle);
        if (d) tag = d.prefix + tagSuffix;
        if (!tag) this.perr('found undefined tag handle', tagMark, start);
      }
    }
    const implicit = tag.length === 0;
    if (indentless && t.type === BLOCK_ENTRY) {
      this.state = S_INDENTLESS_SEQUENCE_ENTRY;
      return { type: EV_SEQUENCE_START, start, end: t.end, anchor, tag, implicit };
    }
    if (t.type === SCALAR) {
      let plainImplicit = false, quotedImplicit = false;
      if ((tag.length === 0 && t.style === PLAIN) || tag === '!') plainImplicit = true;
      else if (tag.length === 0) quotedImplicit = true;
      this.pop();
      this.sc.skipToken();
      return { type: EV_SCALAR, start, end: t.end, anchor, tag, value: t.value, implicit: plainImplicit, quotedImplicit, style: t.style };
    }
    if (t.type === FLOW_SEQUENCE_START) {
      this.state = S_FLOW_SEQUENCE_FIRST_ENTRY;
      return { type: EV_SEQUENCE_START, start, end: t.end, anchor, tag, implicit };
    }
    if (t.type === FLOW_MAPPING_START) {
      this.state = S_FLOW_MAPPING_FIRST_KEY;
      return { type: EV_MAPPING_START, start, end: t.end, anchor, tag, implicit };
    }
    if (block && t.type === BLOCK_SEQUENCE_START) {
      this.state = S_BLOCK_SEQUENCE_FIRST_ENTRY;
      return { type: EV_SEQUENCE_START, start, end: t.end, anchor, tag, implicit };
    }
    if (block && t.type === BLOCK_MAPPING_START) {
      this.state = S_BLOCK_MAPPING_FIRST_KEY;
      return { type: EV_MAPPING_START, start, end: t.end, anchor, tag, implicit };
    }
    if (anchor !== undefined || tag.length > 0) {
      this.pop();
      return { type: EV_SCALAR, start, end, anchor, tag, value: '', implicit, quotedImplicit: false, style: PLAIN };
    }
    this.perr('did not find expected node content', t.start, start);
  }

  private blockSequenceEntry(first: boolean): Event {
    if (first) { const t0 = this.sc.peek(); this.marks.push(t0.start); this.sc.skipToken(); }
    let t = this.sc.peek();
    if (t.type === BLOCK_ENTRY) {
      const mark = t.end;
      this.sc.skipToken();
      t = this.sc.peek();
      if (t.type !== BLOCK_ENTRY && t.type !== BLOCK_END) {
        this.states.push(S_BLOCK_SEQUENCE_ENTRY);
        return this.node(true, false);
      }
      this.state = S_BLOCK_SEQUENCE_ENTRY;
      return this.emptyScalar(mark);
    }
    if (t.type === BLOCK_END) {
      this.pop(); this.marks.pop();
      this.sc.skipToken();
      return { type: EV_SEQUENCE_END, start: t.start, end: t.end };
    }
    const ctx = this.marks.pop()!;
    this.perr("did not find expected '-' indicator", t.start, ctx);
  }

  private indentlessSequenceEntry(): Event {
    let t = this.sc.peek();
    if (t.type === BLOCK_ENTRY) {
      const mark = t.end;
      this.sc.skipToken();
      t = this.sc.peek();
      if (t.type !== BLOCK_ENTRY && t.type !== KEY && t.type !== VALUE && t.type !== BLOCK_END) {
        this.states.push(S_INDENTLESS_SEQUENCE_ENTRY);
        return this.node(true, false);
      }
      this.state = S_INDENTLESS_SEQUENCE_ENTRY;
      return this.emptyScalar(mark);
    }
    this.pop();
    return { type: EV_SEQUENCE_END, start: t.start, end: t.start };
  }

  private blockMappingKey(first: boolean): Event {
    if (first) { const t0 = this.sc.peek(); this.marks.push(t0.start); this.sc.skipToken(); }
    let t = this.sc.peek();
    if (t.type === KEY) {
      const mark = t.end;
      this.sc.skipToken();
      t = this.sc.peek();
      if (t.type !== KEY && t.type !== VALUE && t.type !== BLOCK_END) {
        this.states.push(S_BLOCK_MAPPING_VALUE);
        return this.node(true, true);
      }
      this.state = S_BLOCK_MAPPING_VALUE;
      return this.emptyScalar(mark);
    }
    if (t.type === BLOCK_END) {
      this.pop(); this.marks.pop();
      this.sc.skipToken();
      return { type: EV_MAPPING_END, start: t.start, end: t.end };
    }
    const ctx = this.marks.pop()!;
    this.perr('did not find expected key', t.start, ctx);
  }

  private blockMappingValue(): Event {
    let t = this.sc.peek();
    if (t.type === VALUE) {
      const mark = t.end;
      this.sc.skipToken();
      t = this.sc.peek();
      if (t.type !== KEY && t.type !== VALUE && t.type !== BLOCK_END) {
        this.states.push(S_BLOCK_MAPPING_KEY);
        return this.node(true, true);
      }
      this.state = S_BLOCK_MAPPING_KEY;
      return this.emptyScalar(mark);
    }
    this.state = S_BLOCK_MAPPING_KEY;
    return this.emptyScalar(t.start);
  }

  private flowSequenceEntry(first: boolean): Event {
    if (first) { const t0 = this.sc.peek(); this.marks.push(t0.start); this.sc.skipToken(); }
    let t = this.sc.peek();
    if (t.type !== FLOW_SEQUENCE_END) {
      if (!first) {
        if (t.type === FLOW_ENTRY) { this.sc.skipToken(); t = this.sc.peek(); }
        else { const ctx = this.marks.pop()!; this.perr("did not find expected ',' or ']'", t.start, ctx); }
      }
      if (t.type === KEY) {
        this.state = S_FLOW_SEQUENCE_ENTRY_MAPPING_KEY;
        this.sc.skipToken();
        return { type: EV_MAPPING_START, start: t.start, end: t.end, implicit: true };
      } else if (t.type !== FLOW_SEQUENCE_END) {
        this.states.push(S_FLOW_SEQUENCE_ENTRY);
        return this.node(false, false);
      }
    }
    this.pop(); this.marks.pop();
    this.sc.skipToken();
    return { type: EV_SEQUENCE_END, start: t.start, end: t.end };
  }

  private flowSequenceEntryMappingKey(): Event {
    const t = this.sc.peek();
    if (t.type !== VALUE && t.type !== FLOW_ENTRY && t.type !== FLOW_SEQUENCE_END) {
      this.states.push(S_FLOW_SEQUENCE_ENTRY_MAPPING_VALUE);
      return this.node(false, false);
    }
    const mark = t.end;
    this.sc.skipToken();
    this.state = S_FLOW_SEQUENCE_ENTRY_MAPPING_VALUE;
    return this.emptyScalar(mark);
  }

  private flowSequenceEntryMappingValue(): Event {
    let t = this.sc.peek();
    if (t.type === VALUE) {
      this.sc.skipToken();
      t = this.sc.peek();
      if (t.type !== FLOW_ENTRY && t.type !== FLOW_SEQUENCE_END) {
        this.states.push(S_FLOW_SEQUENCE_ENTRY_MAPPING_END);
        return this.node(false, false);
      }
    }
    this.state = S_FLOW_SEQUENCE_ENTRY_MAPPING_END;
    return this.emptyScalar(t.start);
  }

  private flowSequenceEntryMappingEnd(): Event {
    const t = this.sc.peek();
    this.state = S_FLOW_SEQUENCE_ENTRY;
    return { type: EV_MAPPING_END, start: t.start, end: t.start };
  }

  private flowMappingKey(first: boolean): Event {
    if (first) { const t0 = this.sc.peek(); this.marks.push(t0.start); this.sc.skipToken(); }
    let t = this.sc.peek();
    if (t.type !== FLOW_MAPPING_END) {
      if (!first) {
        if (t.type === FLOW_ENTRY) { this.sc.skipToken(); t = this.sc.peek(); }
        else { const ctx = this.marks.pop()!; this.perr("did not find expected ',' or '}'", t.start, ctx); }
      }
      if (t.type === KEY) {
        this.sc.skipToken();
        t = this.sc.peek();
        if (t.type !== VALUE && t.type !== FLOW_ENTRY && t.type !== FLOW_MAPPING_END) {
          this.states.push(S_FLOW_MAPPING_VALUE);
          return this.node(false, false);
        }
        this.state = S_FLOW_MAPPING_VALUE;
        return this.emptyScalar(t.start);
      } else if (t.type !== FLOW_MAPPING_END) {
        this.states.push(S_FLOW_MAPPING_EMPTY_VALUE);
        return this.node(false, false);
      }
    }
    this.pop(); this.marks.pop();
    this.sc.skipToken();
    return { type: EV_MAPPING_END, start: t.start, end: t.end };
  }

  private flowMappingValue(empty: boolean): Event {
    let t = this.sc.peek();
    if (empty) {
      this.state = S_FLOW_MAPPING_KEY;
      return this.emptyScalar(t.start);
    }
    if (t.type === VALUE) {
      this.sc.skipToken();
      t = this.sc.peek();
      if (t.type !== FLOW_ENTRY && t.type !== FLOW_MAPPING_END) {
        this.states.push(S_FLOW_MAPPING_KEY);
        return this.node(false, false);
      }
    }
    this.state = S_FLOW_MAPPING_KEY;
    return this.emptyScalar(t.start);
  }
}

// ---- composing values (decode.go + resolve.go of goyaml.v2, into JSON-able values) ----

interface YNode { kind: 'scalar' | 'seq' | 'map' | 'alias'; value?: string; tag?: string; implicit?: boolean; style?: number; children?: YNode[]; alias?: YNode; anchorName?: string; line: number }

class Composer {
  private ev: Event | undefined;
  private have = false;
  private anchors = new Map<string, YNode>();
  constructor(private p: Parser) {}

  private peek(): number {
    if (!this.have) { this.ev = this.p.next(); this.have = true; }
    return this.ev ? this.ev.type : 0;
  }
  private expect(type: number): void {
    if (!this.have) { this.ev = this.p.next(); this.have = true; }
    if (this.ev && this.ev.type === EV_STREAM_END) throw new YamlError('yaml: attempted to go past the end of stream; corrupted value?');
    if (!this.ev || this.ev.type !== type) throw new YamlError(`yaml: expected ${EVENT_NAMES[type]} event but got ${EVENT_NAMES[this.ev?.type ?? 0]}`);
    this.have = false;
  }

  /** The first document's root, or undefined for an empty stream. */
  document(): YNode | undefined {
    this.expect(EV_STREAM_START);
    const t = this.peek();
    if (t === EV_STREAM_END) return undefined;
    this.expect(EV_DOCUMENT_START);
    const n = this.parse();
    this.expect(EV_DOCUMENT_END);
    return n;
  }

  /** One node and everything under it. Iterative (an explicit stack of the open sequences and
   *  mappings), as deep as the scanner's limit of 10,000 levels allows without the JS stack. */
  private parse(): YNode {
    const open: YNode[] = [];
    for (;;) {
      const t = this.peek();
      const e = this.ev!;
      let done: YNode;
      const top = open[open.length - 1];
      if (t === EV_SCALAR) {
        done = { kind: 'scalar', value: e.value ?? '', tag: e.tag, implicit: e.implicit, style: e.style, line: e.start.line };
        if (e.anchor !== undefined) this.anchors.set(e.anchor, done);
        this.expect(EV_SCALAR);
      } else if (t === EV_ALIAS) {
        done = { kind: 'alias', value: e.anchor, line: e.start.line };
        const target = this.anchors.get(e.anchor!);
        if (!target) throw new YamlError(`yaml: unknown anchor '${e.anchor}' referenced`);
        done.alias = target;
        this.expect(EV_ALIAS);
      } else if (t === EV_SEQUENCE_START || t === EV_MAPPING_START) {
        const n: YNode = { kind: t === EV_SEQUENCE_START ? 'seq' : 'map', children: [], tag: e.tag, line: e.start.line };
        if (e.anchor !== undefined) this.anchors.set(e.anchor, n);
        this.expect(t);
        open.push(n);
        continue;
      } else if (top && ((t === EV_SEQUENCE_END && top.kind === 'seq') || (t === EV_MAPPING_END && top.kind === 'map' && top.children!.length % 2 === 0))) {
        this.expect(t);
        done = open.pop()!;
      } else {
        throw new YamlError(`yaml: attempted to parse unknown event: ${EVENT_NAMES[t] ?? t}`);
      }
      if (!open.length) return done;
      open[open.length - 1].children!.push(done);
    }
  }
}

const BOOL_TRUE = new Set(['y', 'Y', 'yes', 'Yes', 'YES', 'on', 'On', 'ON', 'true', 'True', 'TRUE']);
const BOOL_FALSE = new Set(['n', 'N', 'no', 'No', 'NO', 'off', 'Off', 'OFF', 'false', 'False', 'FALSE']);
const NULLS = new Set(['', '~', 'null', 'Null', 'NULL']);
const YAML_FLOAT = /^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/;

/** Go's strconv.ParseInt(s, 0, 64): a number, or a bigint beyond 2^53 (exact, as Go keeps it). */
function goParseInt(s: string): number | bigint | undefined {
  const m = /^([+-]?)(0[xX][0-9a-fA-F]+|0[oO][0-7]+|0[bB][01]+|0[0-7]*|[1-9][0-9]*)$/.exec(s);
  if (!m) return undefined;
  const body = m[2];
  let v: bigint;
  if (/^0[xXoObB]/.test(body)) v = BigInt('0' + body[1].toLowerCase() + body.slice(2));
  else if (body.length > 1 && body[0] === '0') v = BigInt('0o' + body.slice(1));
  else v = BigInt(body);
  return int64Of(m[1] === '-' ? -v : v);
}

/** goyaml.v3's resolution instead (kustomize's kyaml): only true/false are booleans. */
let yaml12 = false;

/** resolve() of goyaml.v2 for a plain (implicit) scalar. */
function resolvePlain(s: string): unknown {
  const c = s[0];
  const hint = s === '' ? 'N' : (c === '+' || c === '-') ? 'S' : (c >= '0' && c <= '9') ? 'D' : 'yYnNtTfFoO~'.includes(c) ? 'M' : c === '.' ? '.' : '';
  if (!hint) return s;
  if (BOOL_TRUE.has(s)) return yaml12 && !/^(true|True|TRUE)$/.test(s) ? s : true;
  if (BOOL_FALSE.has(s)) return yaml12 && !/^(false|False|FALSE)$/.test(s) ? s : false;
  if (NULLS.has(s)) return null;
  if (['.nan', '.NaN', '.NAN'].includes(s)) return NaN;
  if (['.inf', '.Inf', '.INF', '+.inf', '+.Inf', '+.INF'].includes(s)) return Infinity;
  if (['-.inf', '-.Inf', '-.INF'].includes(s)) return -Infinity;
  if (hint === '.') {
    const f = Number(s);
    if (/^\.[0-9]+([eE][-+]?[0-9]+)?$/.test(s) && Number.isFinite(f)) return f;
    return s;
  }
  if (hint === 'D' || hint === 'S') {
    // Timestamps stay strings when decoding into interface{}.
    const plain = s.replace(/_/g, '');
    const i = goParseInt(plain);
    if (i !== undefined) return i;
    // strconv.ParseFloat fails on overflow (1e309): the scalar stays a string
    if (YAML_FLOAT.test(plain)) { const f = Number(plain); if (Number.isFinite(f)) return f; }
    if (/^-?0b[01]+$/.test(plain)) { const v = parseInt(plain.replace('0b', ''), 2); return v; }
  }
  return s;
}

function resolveTagged(tag: string, s: string): unknown {
  switch (tag) {
    case 'tag:yaml.org,2002:str': return s;
    case 'tag:yaml.org,2002:binary': return Buffer.from(s, 'base64').toString('latin1');
    case 'tag:yaml.org,2002:null': return null;
    case 'tag:yaml.org,2002:bool': case 'tag:yaml.org,2002:int': case 'tag:yaml.org,2002:float': case 'tag:yaml.org,2002:timestamp': {
      const short = '!!' + tag.slice('tag:yaml.org,2002:'.length);
      const v = resolvePlain(s);
      const t = v === null ? '!!null' : typeof v === 'boolean' ? '!!bool' : typeof v === 'bigint' ? '!!int' : typeof v === 'number' ? (Number.isInteger(v) && !/[.eE]/.test(s) ? '!!int' : '!!float') : '!!str';
      if (t === short || (short === '!!float' && t === '!!int') || (short === '!!timestamp' && t === '!!str')) return v;
      throw new YamlError(`yaml: cannot decode ${t} \`${s}\` as a ${short}`);
    }
  }
  return s;
}

/** Go's FormatFloat(f, 'g', -1, 32) as used for float map keys. */
function floatKey(f: number): string {
  if (f === Infinity) return '.inf';
  if (f === -Infinity) return '-.inf';
  if (Number.isNaN(f)) return '.nan';
  return String(Math.fround(f));
}

// goyaml.v2's limit on alias expansion (decode.go allowedAliasRatio): a "billion laughs"
// document fails once aliases make up too much of what was decoded.
const ALIAS_RATIO_LOW = 400000, ALIAS_RATIO_HIGH = 4000000;
function allowedAliasRatio(decodeCount: number): number {
  if (decodeCount <= ALIAS_RATIO_LOW) return 0.99;
  if (decodeCount >= ALIAS_RATIO_HIGH) return 0.10;
  return 0.99 - 0.89 * ((decodeCount - ALIAS_RATIO_LOW) / (ALIAS_RATIO_HIGH - ALIAS_RATIO_LOW));
}

/** decoder.unmarshal into interface{}: counts what it decodes (the document node counts one)
 *  and what comes through aliases, as goyaml.v2 does, to stop alias bombs. */
class Decoder {
  private decodeCount = 1;
  private aliasCount = 0;
  private aliasDepth = 0;
  private active = new Set<YNode>();

  value(n: YNode): unknown {
    this.decodeCount++;
    if (this.aliasDepth > 0) this.aliasCount++;
    if (this.aliasCount > 100 && this.decodeCount > 1000 && this.aliasCount / this.decodeCount > allowedAliasRatio(this.decodeCount)) {
      throw new YamlError('yaml: document contains excessive aliasing');
    }
    switch (n.kind) {
      case 'alias': {
        if (this.active.has(n)) throw new YamlError(`yaml: anchor '${n.value}' value contains itself`);
        this.active.add(n);
        this.aliasDepth++;
        const v = this.value(n.alias!);
        this.aliasDepth--;
        this.active.delete(n);
        return v;
      }
      case 'scalar':
        if (n.tag && n.tag !== '!' && n.tag !== '') return resolveTagged(n.tag, n.value!);
        return n.implicit ? resolvePlain(n.value!) : n.value!;
      case 'seq': {
        const kids = n.children!;
        const out = new Array(kids.length);
        for (let i = 0; i < kids.length; i++) out[i] = this.value(kids[i]);
        return out;
      }
      case 'map': {
        const out: Record<string, unknown> = {};
        const kids = n.children!;
        for (let i = 0; i < kids.length; i += 2) {
          const k = kids[i];
          // isMerge: a plain `<<` key (or one tagged !!merge)
          if (k.kind === 'scalar' && k.value === '<<' && (k.implicit || k.tag === 'tag:yaml.org,2002:merge')) { this.merge(out, kids[i + 1]); continue; }
          const kv = this.value(k);
          out[mapKey(kv)] = this.value(kids[i + 1]);
        }
        return out;
      }
    }
  }

  private merge(out: Record<string, unknown>, n: YNode): void {
    const target = n.kind === 'alias' ? n.alias! : n;
    if (target.kind === 'map') {
      Object.assign(out, this.value(n) as object);
    } else if (target.kind === 'seq' && n.kind !== 'alias') {
      const kids = target.children!;
      for (let i = kids.length - 1; i >= 0; i--) {
        const k = kids[i];
        const kt = k.kind === 'alias' ? k.alias! : k;
        if (kt.kind !== 'map') throw new YamlError('yaml: map merge requires map or sequence of maps as the value');
        Object.assign(out, this.value(k) as object);
      }
    } else throw new YamlError('yaml: map merge requires map or sequence of maps as the value');
  }
}

function mapKey(k: unknown): string {
  if (typeof k === 'string') return k;
  if (typeof k === 'number') return Number.isInteger(k) ? String(k) : floatKey(k);
  if (typeof k === 'bigint') return String(k);
  if (typeof k === 'boolean') return k ? 'true' : 'false';
  if (k === null) throw new YamlError('error converting YAML to JSON: unsupported map key of type: %!s(<nil>), key: <nil>');
  throw new YamlError(`yaml: invalid map key: ${JSON.stringify(k)}`);
}

function failMessage(f: Fail): string {
  let line = 0;
  if (f.problemMark.line !== 0) {
    line = f.problemMark.line;
    if (f.kind === 'scanner') line++;
  } else if (f.contextMark.line !== 0) {
    line = f.contextMark.line;
  }
  return `yaml: ${line !== 0 ? `line ${line}: ` : ''}${f.problem || 'unknown problem parsing YAML content'}`;
}

/** yaml.Unmarshal of goyaml.v2 into interface{}, as JSON-able values (sigs.k8s.io/yaml's
 *  conversion: map keys become strings). Throws YamlError with go-yaml's message. */
export function parseYaml(text: string, opts: { yaml12?: boolean } = {}): unknown {
  yaml12 = !!opts.yaml12;
  try {
    const root = new Composer(new Parser(new Scanner(text))).document();
    return root === undefined ? null : new Decoder().value(root);
  } catch (e) {
    if (e instanceof Fail) throw new YamlError(failMessage(e));
    throw e;
  } finally {
    yaml12 = false;
  }
}

/** apimachinery's YAMLReader: split a stream into documents at lines that start with `---`
 *  (only spaces or a comment may follow); empty documents are skipped. The error for a bad
 *  separator comes when that line is reached, as a lazy reader's would. */
export function* splitYamlDocuments(text: string): Generator<string> {
  const lines = text.match(/[^\n]*\n|[^\n]+$/g) ?? [];
  let buf = '';
  for (const line of lines) {
    if (line.startsWith('---')) {
      const trimmed = line.slice(3).trim();
      if (trimmed.length > 0 && trimmed[0] !== '#') throw new YamlError(`invalid Yaml document separator: ${trimmed}`);
      // A separator ends the document being read; at the start of one it belongs to it.
      if (buf.length) { yield buf; buf = ''; continue; }
    }
    buf += line;
  }
  if (buf.length) yield buf;
}
