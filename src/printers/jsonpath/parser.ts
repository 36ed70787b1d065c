// kubectl's JSONPath template parser: a port of the behaviour of client-go util/jsonpath
// parser.go (v0.32), including its quirks and its exact error messages.
import { GoFloat, GoInt, goSharpU } from './values';

export interface ListNode { type: 'list'; nodes: Node[] }
export interface TextNode { type: 'text'; text: string }
export interface FieldNode { type: 'field'; value: string }
export interface ParamsEntry { value: number; known: boolean; derived: boolean }
export interface ArrayNode { type: 'array'; params: [ParamsEntry, ParamsEntry, ParamsEntry] }
export interface FilterNode { type: 'filter'; left: ListNode; right: ListNode; operator: string }
export interface IntNode { type: 'int'; value: GoInt }
export interface FloatNode { type: 'float'; value: GoFloat }
export interface BoolNode { type: 'bool'; value: boolean }
export interface WildcardNode { type: 'wildcard' }
export interface RecursiveNode { type: 'recursive' }
export interface UnionNode { type: 'union'; nodes: ListNode[] }
export interface IdentifierNode { type: 'identifier'; name: string }
export type Node = ListNode | TextNode | FieldNode | ArrayNode | FilterNode | IntNode | FloatNode | BoolNode
  | WildcardNode | RecursiveNode | UnionNode | IdentifierNode;

/** A template parse error; message as client-go's parser returns it. */
export class JsonPathParseError extends Error {}

const EOF = -1;
const newList = (): ListNode => ({ type: 'list', nodes: [] });

const sliceOperatorRex = /^(-?[0-9]*)(:-?[0-9]*)?(:-?[0-9]*)?$/;
const dictKeyRex = /^'([^']*)'$/;
const filterRex = /^([^!<>=]+)([!<>=]+)(.+?)$/;

let letterRe: RegExp | undefined;
let digitRe: RegExp | undefined;
function isDigit(r: number): boolean {
  if (r < 0) return false;
  if (r < 0x80) return r >= 0x30 && r <= 0x39;
  digitRe ??= /^\p{Nd}$/u;
  return digitRe.test(String.fromCodePoint(r));
}
function isLetter(r: number): boolean {
  if (r < 0) return false;
  if (r < 0x80) return (r >= 0x41 && r <= 0x5a) || (r >= 0x61 && r <= 0x7a);
  letterRe ??= /^\p{L}$/u;
  return letterRe.test(String.fromCodePoint(r));
}
const isAlphaNumeric = (r: number) => r === 0x5f || isLetter(r) || isDigit(r);
const isSpace = (r: number) => r === 0x20 || r === 0x09;
const isEndOfLine = (r: number) => r === 0x0d || r === 0x0a;
function isTerminator(r: number): boolean {
  if (isSpace(r) || isEndOfLine(r)) return true;
  switch (r) {
    case EOF: case 0x2e: case 0x2c: case 0x5b: case 0x5d: case 0x24: case 0x40: case 0x7b: case 0x7d: return true; // eof . , [ ] $ @ { }
  }
  return false;
}

/** Go's strconv.Atoi (64-bit int): optional sign, ASCII digits, must fit int64. */
function atoi(s: string): number | bigint | undefined {
  if (!/^[+-]?[0-9]+$/.test(s)) return undefined;
  const b = BigInt(s);
  if (b < -(2n ** 63n) || b >= 2n ** 63n) return undefined;
  return b >= BigInt(Number.MIN_SAFE_INTEGER) && b <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(b) : b;
}

/** Go's strconv.ParseFloat(s, 64) for the texts the number scanner can produce. */
function parseFloat64(s: string): number | undefined {
  if (!/^[+-]?([0-9]+\.?[0-9]*|\.[0-9]+)$/.test(s)) return undefined;
  const f = Number(s);
  return Number.isFinite(f) ? f : undefined;
}

export class Parser {
  root: ListNode = newList();
  private input = '';
  private pos = 0;
  private start = 0;
  private width = 0;

  static parse(text: string): ListNode {
    const p = new Parser();
    p.input = text;
    p.root = newList();
    p.pos = 0;
    p.parseText(p.root);
    return p.root;
  }

  /** parseAction: parse "{" + text + "}" and return the action's list. */
  private static parseAction(text: string): ListNode {
    const root = Parser.parse('{' + text + '}');
    return root.nodes[0] as ListNode;
  }

  private consumeText(): string {
    const v = this.input.slice(this.start, this.pos);
    this.start = this.pos;
    return v;
  }

  private next(): number {
    if (this.pos >= this.input.length) {
      this.width = 0;
      return EOF;
    }
    const r = this.input.codePointAt(this.pos)!;
    this.width = r > 0xffff ? 2 : 1;
    this.pos += this.width;
    return r;
  }

  private peek(): number {
    const r = this.next();
    this.backup();
    return r;
  }

  private backup(): void {
    this.pos -= this.width;
  }

  // The Go parser is mutually recursive (text -> action -> ... -> text); this is the same
  // state machine as a loop: parseText runs until an action starts, the action runs to its '}'.
  private parseText(cur: ListNode): void {
    for (;;) {
      let inAction = false;
      for (;;) {
        if (this.input.startsWith('{', this.pos)) {
          if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() });
          inAction = true;
          break;
        }
        if (this.next() === EOF) break;
      }
      if (!inAction) {
        if (this.pos > this.start) cur.nodes.push({ type: 'text', text: this.consumeText() });
        return;
      }
      // parseLeftDelim
      this.pos += 1;
      this.consumeText();
      const node = newList();
      cur.nodes.push(node);
      this.parseInsideAction(node);
      // parseRightDelim happened: continue with the text after '}' at the root
      cur = this.root;
    }
  }

  /** Parses tokens of one action until its closing '}' (consumed). */
  private parseInsideAction(cur: ListNode): void {
    for (;;) {
      const rest = this.input;
      if (rest.startsWith('}', this.pos)) {
        this.pos += 1;
        this.consumeText();
        return;
      }
      if (rest.startsWith('[?(', this.pos)) {
        this.parseFilter(cur);
        continue;
      }
      if (rest.startsWith('..', this.pos)) {
        this.parseRecursive(cur);
        continue;
      }
      const r = this.next();
      if (r === EOF || isEndOfLine(r)) throw new JsonPathParseError('unclosed action');
      if (r === 0x20) { this.consumeText(); continue; }
      if (r === 0x40 || r === 0x24) { this.consumeText(); continue; } // @ $: the current object
      if (r === 0x5b) { this.parseArray(cur); continue; }
      if (r === 0x22 || r === 0x27) { this.parseQuote(cur, r); continue; }
      if (r === 0x2e) { this.parseField(cur); continue; }
      if (r === 0x2b || r === 0x2d || isDigit(r)) { this.backup(); this.parseNumber(cur); continue; }
      if (isAlphaNumeric(r)) { this.backup(); this.parseIdentifier(cur); continue; }
      throw new JsonPathParseError(`unrecognized character in action: ${goSharpU(r)}`);
    }
  }

  private parseIdentifier(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (isTerminator(r)) { this.backup(); break; }
    }
    const value = this.consumeText();
    if (value === 'true' || value === 'false') cur.nodes.push({ type: 'bool', value: value === 'true' });
    else cur.nodes.push({ type: 'identifier', name: value });
  }

  private parseRecursive(cur: ListNode): void {
    const last = cur.nodes[cur.nodes.length - 1];
    if (last && last.type === 'recursive') throw new JsonPathParseError('invalid multiple recursive descent');
    this.pos += 2;
    this.consumeText();
    cur.nodes.push({ type: 'recursive' });
    if (isAlphaNumeric(this.peek())) this.parseField(cur);
  }

  private parseNumber(cur: ListNode): void {
    let r = this.peek();
    if (r === 0x2b || r === 0x2d) this.next();
    for (;;) {
      r = this.next();
      if (r !== 0x2e && !isDigit(r)) { this.backup(); break; }
    }
    const value = this.consumeText();
    const i = atoi(value);
    if (i !== undefined) { cur.nodes.push({ type: 'int', value: new GoInt(i) }); return; }
    const f = parseFloat64(value);
    if (f !== undefined) { cur.nodes.push({ type: 'float', value: new GoFloat(f) }); return; }
    throw new JsonPathParseError(`cannot parse number ${value}`);
  }

  private parseArray(cur: ListNode): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JsonPathParseError('unterminated array');
      if (r === 0x5d) break;
    }
    let text = this.consumeText();
    text = text.slice(1, -1);
    if (text === '*') text = ':';

    // union operator
    const strs = text.split(',');
    if (strs.length > 1) {
      const union: ListNode[] = [];
      for (const s of strs) union.push(Parser.parseAction(`[${trimSpaces(s)}]`));
      cur.nodes.push({ type: 'union', nodes: union });
      return;
    }

    // dict key
    const dk = dictKeyRex.exec(text);
    if (dk) {
      const p = Parser.parseAction(`.${dk[1]}`);
      for (const n of p.nodes) cur.nodes.push(n);
      return;
    }

    // slice operator
    const m = sliceOperatorRex.exec(text);
    if (!m) throw new JsonPathParseError(`invalid array index ${text}`);
    const value = [m[1] ?? '', m[2] ?? '', m[3] ?? ''];
    const params: [ParamsEntry, ParamsEntry, ParamsEntry] = [
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
      { value: 0, known: false, derived: false },
    ];
    for (let i = 0; i < 3; i++) {
      if (value[i] !== '') {
        if (i > 0) value[i] = value[i].slice(1);
        if (i > 0 && value[i] === '') {
          params[i].known = false;
        } else {
          params[i].known = true;
          const n = atoi(value[i]);
          if (n === undefined) throw new JsonPathParseError(`array index ${value[i]} is not a number`);
          params[i].value = Number(n);
        }
      } else if (i === 1) {
        params[i].known = true;
        params[i].value = params[0].value + 1;
        params[i].derived = true;
      } else {
        params[i].known = false;
        params[i].value = 0;
      }
    }
    cur.nodes.push({ type: 'array', params });
  }

  private parseFilter(cur: ListNode): void {
    this.pos += 3;
    this.consumeText();
    let begin = false;
    let end = false;
    let pair = 0;
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JsonPathParseError('unterminated filter');
      if (r === 0x22 || r === 0x27) {
        if (!begin) {
          begin = true;
          pair = r;
          continue;
        }
        if (this.input[this.pos - 2] !== '\\' && r === pair) end = true;
      } else if (r === 0x29) {
        if (begin === end) break;
      }
    }
    if (this.next() !== 0x5d) throw new JsonPathParseError('unclosed array expect ]');
    let text = this.consumeText();
    text = text.slice(0, -2);
    const m = filterRex.exec(text);
    if (!m) {
      const p = Parser.parseAction(text);
      cur.nodes.push({ type: 'filter', left: p, right: newList(), operator: 'exists' });
    } else {
      const left = Parser.parseAction(m[1]);
      const right = Parser.parseAction(m[3]);
      cur.nodes.push({ type: 'filter', left, right, operator: m[2] });
    }
  }

  private parseQuote(cur: ListNode, end: number): void {
    for (;;) {
      const r = this.next();
      if (r === EOF || r === 0x0a) throw new JsonPathParseError('unterminated quoted string');
      if (r === end && this.input[this.pos - 2] !== '\\') break;
    }
    const value = this.consumeText();
    const s = unquoteExtend(value);
    if (s === undefined) throw new JsonPathParseError(`unquote string ${value} error invalid syntax`);
    cur.nodes.push({ type: 'text', text: s });
  }

  private parseField(cur: ListNode): void {
    this.consumeText();
    while (this.advance()) { /* scan */ }
    const value = this.consumeText();
    if (value === '*') cur.nodes.push({ type: 'wildcard' });
    else cur.nodes.push({ type: 'field', value: value.split('\\').join('') });
  }

  private advance(): boolean {
    const r = this.next();
    if (r === 0x5c) this.next();
    else if (isTerminator(r)) { this.backup(); return false; }
    return true;
  }
}

function trimSpaces(s: string): string {
  let a = 0;
  let b = s.length;
  while (a < b && s[a] === ' ') a++;
  while (b > a && s[b - 1] === ' ') b--;
  return s.slice(a, b);
}

/** client-go's UnquoteExtend: strconv.Unquote that also accepts single-quoted strings.
 *  undefined = invalid syntax. */
export function unquoteExtend(s: string): string | undefined {
  const n = s.length;
  if (n < 2) return undefined;
  const quote = s[0];
  if (quote !== s[n - 1]) return undefined;
  s = s.slice(1, n - 1);
  if (quote !== '"' && quote !== "'") return undefined;
  if (!s.includes('\\') && !s.includes(quote)) return s;
  let out = '';
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (c === quote) return undefined;
    if (c !== '\\') {
      const cp = s.codePointAt(i)!;
      out += String.fromCodePoint(cp);
      i += cp > 0xffff ? 2 : 1;
      continue;
    }
    if (i + 1 >= s.length) return undefined;
    const e = s[i + 1];
    i += 2;
    switch (e) {
      case 'a': out += '\x07'; break;
      case 'b': out += '\b'; break;
      case 'f': out += '\f'; break;
      case 'n': out += '\n'; break;
      case 'r': out += '\r'; break;
      case 't': out += '\t'; break;
      case 'v': out += '\v'; break;
      case 'x': case 'u': case 'U': {
        const w = e === 'x' ? 2 : e === 'u' ? 4 : 8;
        const h = s.slice(i, i + w);
        if (h.length < w || !/^[0-9a-fA-F]+$/.test(h)) return undefined;
        i += w;
        const v = parseInt(h, 16);
        if (e === 'x') { out += String.fromCharCode(v); break; } // a raw byte (approximated by U+00xx)
        if (v > 0x10ffff || (v >= 0xd800 && v <= 0xdfff)) return undefined;
        out += String.fromCodePoint(v);
        break;
      }
      case '0': case '1': case '2': case '3': case '4': case '5': case '6': case '7': {
        const o = s.slice(i - 1, i + 2);
        if (o.length < 3 || !/^[0-7]{3}$/.test(o)) return undefined;
        const v = parseInt(o, 8);
        if (v > 255) return undefined;
        i += 2;
        out += String.fromCharCode(v);
        break;
      }
      case '\\': out += '\\'; break;
      case "'": case '"':
        if (e !== quote) return undefined;
        out += e;
        break;
      default:
        return undefined;
    }
  }
  return out;
}
