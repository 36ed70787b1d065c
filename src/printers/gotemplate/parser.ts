// Port of Go's text/template/parse (parse.go, node.go; go1.23): builds the trees of a template and
// its {{define}}s, with Go's error messages and line numbers.
import { Item, Lexer, T } from './lexer';
import {
  unquote, unquoteChar, parseUint0, parseInt0, parseFloat64, SyntaxError_, quote,
} from './strconv';
import { bytesToGoString, GoString } from './value';

export class ParseError extends Error {}

// ---- nodes ----

export abstract class NodeBase {
  abstract readonly type: string;
  constructor(public pos: number) {}
  abstract str(): string;
  toString(): string {
    return this.str();
  }
}

export class ListNode extends NodeBase {
  readonly type = 'list';
  nodes: Node[] = [];
  str(): string { return this.nodes.map((n) => n.str()).join(''); }
}
export class TextNode extends NodeBase {
  readonly type = 'text';
  constructor(pos: number, public text: string) { super(pos); }
  str(): string { return this.text; }
}
export class CommentNode extends NodeBase {
  readonly type = 'comment';
  constructor(pos: number, public text: string) { super(pos); }
  str(): string { return '{{' + this.text + '}}'; }
}
export class PipeNode extends NodeBase {
  readonly type = 'pipe';
  isAssign = false;
  decl: VariableNode[] = [];
  cmds: CommandNode[] = [];
  constructor(pos: number, public line: number) { super(pos); }
  str(): string {
    let s = '';
    if (this.decl.length > 0) {
      s += this.decl.map((d) => d.str()).join(', ');
      s += this.isAssign ? ' = ' : ' := ';
    }
    return s + this.cmds.map((c) => c.str()).join(' | ');
  }
}
export class ActionNode extends NodeBase {
  readonly type = 'action';
  constructor(pos: number, public line: number, public pipe: PipeNode) { super(pos); }
  str(): string { return '{{' + this.pipe.str() + '}}'; }
}
export class CommandNode extends NodeBase {
  readonly type = 'command';
  args: Node[] = [];
  str(): string {
    return this.args.map((a) => (a instanceof PipeNode ? '(' + a.str() + ')' : a.str())).join(' ');
  }
}
export class IdentifierNode extends NodeBase {
  readonly type = 'identifier';
  constructor(pos: number, public ident: string) { super(pos); }
  str(): string { return this.ident; }
}
export class VariableNode extends NodeBase {
  readonly type = 'variable';
  ident: string[];
  constructor(pos: number, ident: string) { super(pos); this.ident = ident.split('.'); }
  str(): string { return this.ident.join('.'); }
}
export class DotNode extends NodeBase {
  readonly type = 'dot';
  str(): string { return '.'; }
}
export class NilNode extends NodeBase {
  readonly type = 'nil';
  str(): string { return 'nil'; }
}
export class FieldNode extends NodeBase {
  readonly type = 'field';
  ident: string[];
  constructor(pos: number, ident: string) { super(pos); this.ident = ident.slice(1).split('.'); }
  str(): string { return this.ident.map((i) => '.' + i).join(''); }
}
export class ChainNode extends NodeBase {
  readonly type = 'chain';
  field: string[] = [];
  constructor(pos: number, public node: Node) { super(pos); }
  add(field: string): void { this.field.push(field.slice(1)); }
  str(): string {
    const n = this.node instanceof PipeNode ? '(' + this.node.str() + ')' : this.node.str();
    return n + this.field.map((f) => '.' + f).join('');
  }
}
export class BoolNode extends NodeBase {
  readonly type = 'bool';
  constructor(pos: number, public value: boolean) { super(pos); }
  str(): string { return this.value ? 'true' : 'false'; }
}
export class NumberNode extends NodeBase {
  readonly type = 'number';
  isInt = false; isUint = false; isFloat = false; isComplex = false;
  int64 = 0n; uint64 = 0n; float64 = 0; complex: [number, number] = [0, 0];
  constructor(pos: number, public text: string) { super(pos); }
  str(): string { return this.text; }
}
export class StringNode extends NodeBase {
  readonly type = 'string';
  constructor(pos: number, public quoted: string, public text: GoString) { super(pos); }
  str(): string { return this.quoted; }
}
export class EndNode extends NodeBase {
  readonly type = 'end';
  str(): string { return '{{end}}'; }
}
export class ElseNode extends NodeBase {
  readonly type = 'else';
  constructor(pos: number, public line: number) { super(pos); }
  str(): string { return '{{else}}'; }
}
abstract class BranchNode extends NodeBase {
  constructor(pos: number, public line: number, public pipe: PipeNode, public list: ListNode, public elseList: ListNode | null) { super(pos); }
  abstract readonly keyword: string;
  str(): string {
    let s = '{{' + this.keyword + ' ' + this.pipe.str() + '}}' + this.list.str();
    if (this.elseList) s += '{{else}}' + this.elseList.str();
    return s + '{{end}}';
  }
}
export class IfNode extends BranchNode { readonly type = 'if'; readonly keyword = 'if'; }
export class RangeNode extends BranchNode { readonly type = 'range'; readonly keyword = 'range'; }
export class WithNode extends BranchNode { readonly type = 'with'; readonly keyword = 'with'; }
export class BreakNode extends NodeBase {
  readonly type = 'break';
  constructor(pos: number, public line: number) { super(pos); }
  str(): string { return '{{break}}'; }
}
export class ContinueNode extends NodeBase {
  readonly type = 'continue';
  constructor(pos: number, public line: number) { super(pos); }
  str(): string { return '{{continue}}'; }
}
export class TemplateNode extends NodeBase {
  readonly type = 'template';
  constructor(pos: number, public line: number, public name: string, public pipe: PipeNode | null) { super(pos); }
  str(): string {
    return '{{template ' + quote(this.name) + (this.pipe ? ' ' + this.pipe.str() : '') + '}}';
  }
}

export type Node = ListNode | TextNode | CommentNode | PipeNode | ActionNode | CommandNode | IdentifierNode |
  VariableNode | DotNode | NilNode | FieldNode | ChainNode | BoolNode | NumberNode | StringNode | EndNode |
  ElseNode | IfNode | RangeNode | WithNode | BreakNode | ContinueNode | TemplateNode;

// ---- numbers (node.go newNumber) ----

function newNumber(pos: number, text: string, typ: T, raw: Uint8Array): NumberNode {
  const n = new NumberNode(pos, text);
  if (typ === T.CharConstant) {
    let r: number, next: number;
    try {
      [r, , next] = unquoteChar(raw, 1, raw[0]);
    } catch {
      throw new Error('invalid syntax');
    }
    if (!(next === raw.length - 1 && raw[next] === 0x27)) throw new Error(`malformed character constant: ${text}`);
    n.int64 = BigInt(r);
    n.isInt = true;
    n.uint64 = BigInt(r);
    n.isUint = true;
    n.float64 = r;
    n.isFloat = true;
    return n;
  }
  if (typ === T.Complex) {
    const c = parseComplex(text);
    if (!c) throw new Error(`strconv.ParseFloat: parsing ${quote(text)}: invalid syntax`);
    n.isComplex = true;
    n.complex = c;
    simplifyComplex(n);
    return n;
  }
  if (text.length > 0 && text[text.length - 1] === 'i') {
    const f = parseFloat64(text.slice(0, -1));
    if (typeof f === 'number') {
      n.isComplex = true;
      n.complex = [0, f];
      simplifyComplex(n);
      return n;
    }
  }
  const u = parseUint0(text);
  if (typeof u === 'bigint') {
    n.isUint = true;
    n.uint64 = u;
  }
  const i = parseInt0(text);
  if (typeof i === 'bigint') {
    n.isInt = true;
    n.int64 = i;
    if (i === 0n) {
      n.isUint = true;
      n.uint64 = typeof u === 'bigint' ? u : 0n;
    }
  }
  if (n.isInt) {
    n.isFloat = true;
    n.float64 = Number(n.int64);
  } else if (n.isUint) {
    n.isFloat = true;
    n.float64 = Number(n.uint64);
  } else {
    const f = parseFloat64(text);
    if (typeof f === 'number') {
      if (!/[.eEpP]/.test(text)) throw new Error(`integer overflow: ${quote(text)}`);
      n.isFloat = true;
      n.float64 = f;
      if (Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63) {
        n.isInt = true;
        n.int64 = BigInt(f);
      }
      if (Number.isInteger(f) && f >= 0 && f < 2 ** 64) {
        n.isUint = true;
        n.uint64 = BigInt(f);
      }
    }
  }
  if (!n.isInt && !n.isUint && !n.isFloat) throw new Error(`illegal number syntax: ${quote(text)}`);
  return n;
}

function simplifyComplex(n: NumberNode): void {
  n.isFloat = n.complex[1] === 0;
  if (n.isFloat) {
    const f = n.complex[0];
    n.float64 = f;
    n.isInt = Number.isInteger(f) && f >= -(2 ** 63) && f < 2 ** 63;
    if (n.isInt) n.int64 = BigInt(f);
    n.isUint = Number.isInteger(f) && f >= 0 && f < 2 ** 64;
    if (n.isUint) n.uint64 = BigInt(f);
  }
}

function parseComplex(text: string): [number, number] | null {
  // "re±imi" as produced by the lexer (fmt.Sscan of a complex128).
  if (!text.endsWith('i')) return null;
  for (let k = text.length - 2; k > 0; k--) {
    const c = text[k];
    if ((c === '+' || c === '-') && !'eEpP'.includes(text[k - 1])) {
      const re = parseFloat64(text.slice(0, k));
      const im = parseFloat64(text.slice(k, -1));
      if (typeof re === 'number' && typeof im === 'number') return [re, im];
      return null;
    }
  }
  return null;
}

// ---- the parser ----

const ITEM_TEXT_TYPES = new Set([T.Bool, T.CharConstant, T.Complex, T.Dot, T.Field, T.Identifier, T.Number, T.Nil,
  T.RawString, T.String, T.Variable, T.LeftParen]);

function itemString(i: Item): string {
  if (i.typ === T.EOF) return 'EOF';
  if (i.typ === T.Error) return i.val;
  if (i.typ > T.Keyword) return `<${i.val}>`;
  if ([...i.val].length > 10) return quote([...i.val].slice(0, 10).join('')) + '...';
  return quote(i.val);
}

export class Tree {
  root: ListNode | null = null;
  private lex!: Lexer;
  private token: Item[] = [];
  private peekCount = 0;
  private vars: string[] = [];
  private treeSet!: Map<string, Tree>;
  private actionLine = 0;
  private rangeDepth = 0;
  private funcs!: Set<string>;

  constructor(public name: string, public parseName: string) {}

  // -- token buffer --
  private next(): Item {
    if (this.peekCount > 0) this.peekCount--;
    else this.token[0] = this.lex.nextItem();
    return this.token[this.peekCount];
  }
  private backup(): void { this.peekCount++; }
  private backup2(t1: Item): void { this.token[1] = t1; this.peekCount = 2; }
  private backup3(t2: Item, t1: Item): void { this.token[1] = t1; this.token[2] = t2; this.peekCount = 3; }
  private peek(): Item {
    if (this.peekCount > 0) return this.token[this.peekCount - 1];
    this.peekCount = 1;
    this.token[0] = this.lex.nextItem();
    return this.token[0];
  }
  private nextNonSpace(): Item {
    let token: Item;
    for (;;) {
      token = this.next();
      if (token.typ !== T.Space) break;
    }
    return token;
  }
  private peekNonSpace(): Item {
    const token = this.nextNonSpace();
    this.backup();
    return token;
  }

  // -- errors --
  private errorf(msg: string): never {
    this.root = null;
    throw new ParseError(`template: ${this.parseName}:${this.token[0].line}: ${msg}`);
  }
  private expect(expected: T, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== expected) this.unexpected(token, context);
    return token;
  }
  private expectOneOf(e1: T, e2: T, context: string): Item {
    const token = this.nextNonSpace();
    if (token.typ !== e1 && token.typ !== e2) this.unexpected(token, context);
    return token;
  }
  private unexpected(token: Item, context: string): never {
    if (token.typ === T.Error) {
      let extra = '';
      if (this.actionLine !== 0 && this.actionLine !== token.line) {
        extra = ` in action started at ${this.parseName}:${this.actionLine}`;
        if (token.val.endsWith(' action')) extra = extra.slice(' in action'.length);
      }
      this.errorf(`${itemString(token)}${extra}`);
    }
    this.errorf(`unexpected ${itemString(token)} in ${context}`);
  }

  private startParse(funcs: Set<string>, lex: Lexer, treeSet: Map<string, Tree>): void {
    this.root = null;
    this.lex = lex;
    this.vars = ['$'];
    this.funcs = funcs;
    this.treeSet = treeSet;
    lex.breakOK = !funcs.has('break');
    lex.continueOK = !funcs.has('continue');
  }

  /** Parse the text into this tree and the treeSet (Go's Tree.Parse). */
  parseText(lex: Lexer, treeSet: Map<string, Tree>, funcs: Set<string>): void {
    this.startParse(funcs, lex, treeSet);
    this.parse();
    this.add();
  }

  private add(): void {
    const tree = this.treeSet.get(this.name);
    if (!tree || isEmptyTree(tree.root)) {
      this.treeSet.set(this.name, this);
      return;
    }
    if (!isEmptyTree(this.root)) this.errorf(`template: multiple definition of template ${quote(this.name)}`);
  }

  private parse(): void {
    this.root = new ListNode(this.peek().pos);
    while (this.peek().typ !== T.EOF) {
      if (this.peek().typ === T.LeftDelim) {
        const delim = this.next();
        if (this.nextNonSpace().typ === T.Define) {
          const newT = new Tree('definition', this.parseName);
          newT.startParse(this.funcs, this.lex, this.treeSet);
          newT.parseDefinition();
          continue;
        }
        this.backup2(delim);
      }
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') this.errorf(`unexpected ${n.str()}`);
      this.root.nodes.push(n);
    }
  }

  private parseDefinition(): void {
    const context = 'define clause';
    const name = this.expectOneOf(T.String, T.RawString, context);
    this.name = this.unquoteName(name);
    this.expect(T.RightDelim, context);
    const [list, end] = this.itemList();
    this.root = list;
    if (end.type !== 'end') this.errorf(`unexpected ${end.str()} in ${context}`);
    this.add();
  }

  private unquoteName(token: Item): string {
    try {
      const b = unquote(this.lex.bytesAt(token.pos, Buffer.byteLength(token.val)));
      const s = bytesToGoString(b);
      return typeof s === 'string' ? s : new TextDecoder().decode(s.b);
    } catch (e) {
      if (e instanceof SyntaxError_) this.errorf('invalid syntax');
      throw e;
    }
  }

  private itemList(): [ListNode, Node] {
    const list = new ListNode(this.peekNonSpace().pos);
    while (this.peekNonSpace().typ !== T.EOF) {
      const n = this.textOrAction();
      if (n.type === 'end' || n.type === 'else') return [list, n];
      list.nodes.push(n);
    }
    this.errorf('unexpected EOF');
  }

  private textOrAction(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case T.Text: return new TextNode(token.pos, token.val);
      case T.LeftDelim:
        this.actionLine = token.line;
        try {
          return this.action();
        } finally {
          this.actionLine = 0;
        }
      case T.Comment: return new CommentNode(token.pos, token.val);
    }
    this.unexpected(token, 'input');
  }

  private action(): Node {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case T.Block: return this.blockControl();
      case T.Break: return this.breakControl(token.pos, token.line);
      case T.Continue: return this.continueControl(token.pos, token.line);
      case T.Else: return this.elseControl();
      case T.End: return this.endControl();
      case T.If: return this.ifControl();
      case T.Range: return this.rangeControl();
      case T.Template: return this.templateControl();
      case T.With: return this.withControl();
    }
    this.backup();
    const tk = this.peek();
    return new ActionNode(tk.pos, tk.line, this.pipeline('command', T.RightDelim));
  }

  private breakControl(pos: number, line: number): Node {
    const token = this.nextNonSpace();
    if (token.typ !== T.RightDelim) this.unexpected(token, '{{break}}');
    if (this.rangeDepth === 0) this.errorf('{{break}} outside {{range}}');
    return new BreakNode(pos, line);
  }

  private continueControl(pos: number, line: number): Node {
    const token = this.nextNonSpace();
    if (token.typ !== T.RightDelim) this.unexpected(token, '{{continue}}');
    if (this.rangeDepth === 0) this.errorf('{{continue}} outside {{range}}');
    return new ContinueNode(pos, line);
  }

  private pipeline(context: string, end: T): PipeNode {
    const token = this.peekNonSpace();
    const pipe = new PipeNode(token.pos, token.line);
    decls: for (;;) {
      const v = this.peekNonSpace();
      if (v.typ === T.Variable) {
        this.next();
        const tokenAfterVariable = this.peek();
        const next = this.peekNonSpace();
        if (next.typ === T.Assign || next.typ === T.Declare) {
          pipe.isAssign = next.typ === T.Assign;
          this.nextNonSpace();
          pipe.decl.push(new VariableNode(v.pos, v.val));
          this.vars.push(v.val);
        } else if (next.typ === T.Char && next.val === ',') {
          this.nextNonSpace();
          pipe.decl.push(new VariableNode(v.pos, v.val));
          this.vars.push(v.val);
          if (context === 'range' && pipe.decl.length < 2) {
            const p = this.peekNonSpace().typ;
            if (p === T.Variable || p === T.RightDelim || p === T.RightParen) continue decls;
            this.errorf('range can only initialize variables');
          }
          this.errorf(`too many declarations in ${context}`);
        } else if (tokenAfterVariable.typ === T.Space) {
          this.backup3(v, tokenAfterVariable);
        } else {
          this.backup2(v);
        }
      }
      break;
    }
    for (;;) {
      const token = this.nextNonSpace();
      if (token.typ === end) {
        this.checkPipeline(pipe, context);
        return pipe;
      }
      if (ITEM_TEXT_TYPES.has(token.typ)) {
        this.backup();
        pipe.cmds.push(this.command());
        continue;
      }
      this.unexpected(token, context);
    }
  }

  private checkPipeline(pipe: PipeNode, context: string): void {
    if (pipe.cmds.length === 0) this.errorf(`missing value for ${context}`);
    for (let i = 1; i < pipe.cmds.length; i++) {
      const t = pipe.cmds[i].args[0].type;
      if (t === 'bool' || t === 'dot' || t === 'nil' || t === 'number' || t === 'string') {
        this.errorf(`non executable command in pipeline stage ${i + 1}`);
      }
    }
  }

  private parseControl(context: string): [number, number, PipeNode, ListNode, ListNode | null] {
    const mark = this.vars.length;
    try {
      const pipe = this.pipeline(context, T.RightDelim);
      if (context === 'range') this.rangeDepth++;
      let [list, next] = this.itemList();
      if (context === 'range') this.rangeDepth--;
      let elseList: ListNode | null = null;
      if (next.type === 'else') {
        if (context === 'if' && this.peek().typ === T.If) {
          this.next();
          elseList = new ListNode(next.pos);
          elseList.nodes.push(this.ifControl());
        } else if (context === 'with' && this.peek().typ === T.With) {
          this.next();
          elseList = new ListNode(next.pos);
          elseList.nodes.push(this.withControl());
        } else {
          [elseList, next] = this.itemList();
          if (next.type !== 'end') this.errorf(`expected end; found ${next.str()}`);
        }
      }
      return [pipe.pos, pipe.line, pipe, list, elseList];
    } finally {
      this.vars.length = mark;
    }
  }

  private ifControl(): Node { const [p, l, pipe, list, el] = this.parseControl('if'); return new IfNode(p, l, pipe, list, el); }
  private rangeControl(): Node { const [p, l, pipe, list, el] = this.parseControl('range'); return new RangeNode(p, l, pipe, list, el); }
  private withControl(): Node { const [p, l, pipe, list, el] = this.parseControl('with'); return new WithNode(p, l, pipe, list, el); }

  private endControl(): Node {
    return new EndNode(this.expect(T.RightDelim, 'end').pos);
  }

  private elseControl(): Node {
    const peek = this.peekNonSpace();
    if (peek.typ === T.If || peek.typ === T.With) return new ElseNode(peek.pos, peek.line);
    const token = this.expect(T.RightDelim, 'else');
    return new ElseNode(token.pos, token.line);
  }

  private blockControl(): Node {
    const context = 'block clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    const pipe = this.pipeline(context, T.RightDelim);
    const block = new Tree(name, this.parseName);
    block.startParse(this.funcs, this.lex, this.treeSet);
    const [list, end] = block.itemList();
    block.root = list;
    if (end.type !== 'end') this.errorf(`unexpected ${end.str()} in ${context}`);
    block.add();
    return new TemplateNode(token.pos, token.line, name, pipe);
  }

  private templateControl(): Node {
    const context = 'template clause';
    const token = this.nextNonSpace();
    const name = this.parseTemplateName(token, context);
    let pipe: PipeNode | null = null;
    if (this.nextNonSpace().typ !== T.RightDelim) {
      this.backup();
      pipe = this.pipeline(context, T.RightDelim);
    }
    return new TemplateNode(token.pos, token.line, name, pipe);
  }

  private parseTemplateName(token: Item, context: string): string {
    if (token.typ === T.String || token.typ === T.RawString) return this.unquoteName(token);
    this.unexpected(token, context);
  }

  private command(): CommandNode {
    const cmd = new CommandNode(this.peekNonSpace().pos);
    for (;;) {
      this.peekNonSpace();
      const operand = this.operand();
      if (operand) cmd.args.push(operand);
      const token = this.next();
      if (token.typ === T.Space) continue;
      if (token.typ === T.RightDelim || token.typ === T.RightParen) this.backup();
      else if (token.typ !== T.Pipe) this.unexpected(token, 'operand');
      break;
    }
    if (cmd.args.length === 0) this.errorf('empty command');
    return cmd;
  }

  private operand(): Node | null {
    let node = this.term();
    if (!node) return null;
    if (this.peek().typ === T.Field) {
      const chain = new ChainNode(this.peek().pos, node);
      while (this.peek().typ === T.Field) chain.add(this.next().val);
      switch (node.type) {
        case 'field': node = new FieldNode(chain.pos, chain.str()); break;
        case 'variable': node = new VariableNode(chain.pos, chain.str()); break;
        case 'bool': case 'string': case 'number': case 'nil': case 'dot':
          this.errorf(`unexpected . after term ${quote(node.str())}`);
          break;
        default: node = chain;
      }
    }
    return node;
  }

  private term(): Node | null {
    const token = this.nextNonSpace();
    switch (token.typ) {
      case T.Identifier:
        if (!this.funcs.has(token.val)) this.errorf(`function ${quote(token.val)} not defined`);
        return new IdentifierNode(token.pos, token.val);
      case T.Dot: return new DotNode(token.pos);
      case T.Nil: return new NilNode(token.pos);
      case T.Variable: return this.useVar(token.pos, token.val);
      case T.Field: return new FieldNode(token.pos, token.val);
      case T.Bool: return new BoolNode(token.pos, token.val === 'true');
      case T.CharConstant: case T.Complex: case T.Number:
        try {
          return newNumber(token.pos, token.val, token.typ, this.lex.bytesAt(token.pos, Buffer.byteLength(token.val)));
        } catch (e) {
          if (e instanceof ParseError) throw e;
          this.errorf((e as Error).message);
        }
      // falls through (unreachable)
      case T.LeftParen:
        return this.pipeline('parenthesized pipeline', T.RightParen);
      case T.String: case T.RawString: {
        let text: GoString;
        try {
          text = bytesToGoString(unquote(this.lex.bytesAt(token.pos, Buffer.byteLength(token.val))));
        } catch (e) {
          if (e instanceof SyntaxError_) this.errorf('invalid syntax');
          throw e;
        }
        return new StringNode(token.pos, token.val, text);
      }
    }
    this.backup();
    return null;
  }

  private useVar(pos: number, name: string): Node {
    const v = new VariableNode(pos, name);
    if (this.vars.includes(v.ident[0])) return v;
    this.errorf(`undefined variable ${quote(v.ident[0])}`);
  }
}

export function isEmptyTree(n: Node | null): boolean {
  if (!n) return true;
  switch (n.type) {
    case 'comment': return true;
    case 'list': return n.nodes.every(isEmptyTree);
    case 'text': return /^[\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$/.test(n.text);
    default: return false;
  }
}

/** Parse a template: the tree set (main template under `name` plus every define/block). */
export function parseTemplate(name: string, text: string, funcs: Set<string>): Map<string, Tree> {
  const treeSet = new Map<string, Tree>();
  const t = new Tree(name, name);
  const lex = new Lexer(new TextEncoder().encode(text));
  t.parseText(lex, treeSet, funcs);
  return treeSet;
}

