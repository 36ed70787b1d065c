// Port of Go's text/template/exec.go (go1.23) over the value model: walks the parse tree, streaming
// output, with Go's error positions ("template: output:L:C: executing "name" at <node>: msg").
import {
  Node, ListNode, PipeNode, CommandNode, FieldNode, ChainNode, VariableNode, IdentifierNode, NumberNode,
  RangeNode, TemplateNode, Tree,
} from './parser';
import {
  V, INVALID, MISSING, NIL_IFACE, concrete, typeString, mapIndex, sliceLen, sliceIndex, ifaceOf, sortedKeys, strText,
} from './value';
import { BUILTINS, KUBECTL_FUNCS, GoFunc, ParamType, FuncError, isTrue, truth } from './funcs';
import { sprint, formatValue, Arg } from './format';
import { quote } from './strconv';

/** An execution error: message is Go's err.Error(). */
export class ExecError extends Error {}
/** A Go runtime panic inside execution (kubectl reports "caught panic: ..."). */
export class ExecPanic extends Error {}

const BREAK = { signal: 'break' };
const CONTINUE = { signal: 'continue' };
const MAX_EXEC_DEPTH = 100000;

type ArgType = ParamType | null;

interface Variable { name: string; value: V }

interface Common {
  trees: Map<string, Tree>;
  text: Uint8Array;
  missingKeyError: boolean;
  out: string[];
  /** where output goes as it is produced (a large list), else it is all kept in out */
  sink?: (s: string) => void;
  outLen: number;
  /** deepest template invocation seen, to report JS stack exhaustion as Go's depth error */
  deepest?: { state: State; node: TemplateNode };
}

function lookupFunc(name: string): [GoFunc | undefined, boolean] {
  if (Object.prototype.hasOwnProperty.call(KUBECTL_FUNCS, name)) return [KUBECTL_FUNCS[name], false];
  if (Object.prototype.hasOwnProperty.call(BUILTINS, name)) return [BUILTINS[name], true];
  return [undefined, false];
}

const typName = (t: ArgType) => (t === 'value' ? 'reflect.Value' : t === 'any' ? 'interface {}' : t === 'string' ? 'string' : '<nil>');
const canBeNil = (t: ArgType) => t === 'value' || t === 'any';
const zeroOf = (t: ArgType): V => (t === 'any' ? NIL_IFACE : INVALID);

class State {
  node: Node | null = null;
  constructor(public tmpl: Tree, public c: Common, public vars: Variable[], public depth: number) {}

  at(node: Node): void {
    this.node = node;
  }

  errorf(msg: string): never {
    const name = this.tmpl.name;
    if (!this.node) throw new ExecError(`template: ${name}: ${msg}`);
    const [location, context] = this.errorContext(this.node);
    throw new ExecError(`template: ${location}: executing ${quote(name)} at <${context}>: ${msg}`);
  }

  errorContext(n: Node): [string, string] {
    const pos = n.pos;
    const text = this.c.text.subarray(0, pos);
    const last = text.lastIndexOf(0x0a);
    const byteNum = last === -1 ? pos : pos - (last + 1);
    let lines = 1;
    for (const b of text) if (b === 0x0a) lines++;
    return [`${this.tmpl.parseName}:${lines}:${byteNum}`, n.str()];
  }

  write(s: string): void {
    const c = this.c;
    c.out.push(s);
    if (c.sink && (c.outLen += s.length) > 65536) { c.sink(c.out.join('')); c.out = []; c.outLen = 0; }
  }

  // ---- variables ----
  push(name: string, value: V): void { this.vars.push({ name, value }); }
  mark(): number { return this.vars.length; }
  pop(mark: number): void { this.vars.length = mark; }
  setVar(name: string, value: V): void {
    for (let i = this.vars.length - 1; i >= 0; i--) {
      if (this.vars[i].name === name) { this.vars[i].value = value; return; }
    }
    this.errorf(`undefined variable: ${name}`);
  }
  setTopVar(n: number, value: V): void { this.vars[this.vars.length - n].value = value; }
  varValue(name: string): V {
    for (let i = this.vars.length - 1; i >= 0; i--) if (this.vars[i].name === name) return this.vars[i].value;
    return this.errorf(`undefined variable: ${name}`);
  }

  // ---- walk ----
  walk(dot: V, node: Node): void {
    this.at(node);
    switch (node.type) {
      case 'action': {
        const val = this.evalPipeline(dot, node.pipe);
        if (node.pipe.decl.length === 0) this.printValue(node, val);
        return;
      }
      case 'break': throw BREAK;
      case 'continue': throw CONTINUE;
      case 'comment': return;
      case 'if': this.walkIfOrWith(false, dot, node.pipe, node.list, node.elseList); return;
      case 'list': for (const n of node.nodes) this.walk(dot, n); return;
      case 'range': this.walkRange(dot, node); return;
      case 'template': this.walkTemplate(dot, node); return;
      case 'text': this.write(node.text); return;
      case 'with': this.walkIfOrWith(true, dot, node.pipe, node.list, node.elseList); return;
    }
    this.errorf(`unknown node: ${(node as Node).str()}`);
  }

  walkIfOrWith(isWith: boolean, dot: V, pipe: PipeNode, list: ListNode, elseList: ListNode | null): void {
    const mark = this.mark();
    try {
      const val = this.evalPipeline(dot, pipe);
      const [t, ok] = isTrue(concrete(val));
      if (!ok) this.errorf(`if/with can't use ${formatValue(val, 'v')}`);
      if (t) this.walk(isWith ? val : dot, list);
      else if (elseList) this.walk(dot, elseList);
    } finally {
      this.pop(mark);
    }
  }

  walkRange(dot: V, r: RangeNode): void {
    this.at(r);
    const mark0 = this.mark();
    try {
      const val = this.evalPipeline(dot, r.pipe);
      const mark = this.mark();
      const oneIteration = (index: V, elem: V) => {
        const decl = r.pipe.decl;
        if (decl.length > 0) {
          if (r.pipe.isAssign) {
            if (decl.length > 1) this.setVar(decl[0].ident[0], index);
            else this.setVar(decl[0].ident[0], elem);
          } else this.setTopVar(1, elem);
        }
        if (decl.length > 1) {
          if (r.pipe.isAssign) this.setVar(decl[1].ident[0], elem);
          else this.setTopVar(2, index);
        }
        try {
          this.walk(elem, r.list);
        } catch (e) {
          if (e !== CONTINUE) throw e;
        } finally {
          this.pop(mark);
        }
      };
      switch (val.k) {
        case 'slice': {
          const n = sliceLen(val);
          if (n === 0) break;
          for (let i = 0; i < n; i++) oneIteration(new V('int', BigInt(i)), sliceIndex(val, i));
          return;
        }
        case 'map': {
          const m = val.x as Record<string, unknown>;
          const keys = sortedKeys(m);
          if (keys.length === 0) break;
          for (const k of keys) oneIteration(new V('string', k), ifaceOf(m[k]));
          return;
        }
        case 'invalid':
          break;
        default:
          this.errorf(`range can't iterate over ${formatValue(val, 'v')}`);
      }
      if (r.elseList) this.walk(dot, r.elseList);
    } catch (e) {
      if (e !== BREAK) throw e;
    } finally {
      this.pop(mark0);
    }
  }

  walkTemplate(dot: V, t: TemplateNode): void {
    this.at(t);
    const tmpl = this.c.trees.get(t.name);
    if (!tmpl || !tmpl.root) this.errorf(`template ${quote(t.name)} not defined`);
    if (this.depth === MAX_EXEC_DEPTH) this.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
    dot = this.evalPipeline(dot, t.pipe);
    const ns = new State(tmpl, this.c, [{ name: '$', value: dot }], this.depth + 1);
    ns.node = this.node;
    if (!this.c.deepest || this.c.deepest.state.depth < this.depth) this.c.deepest = { state: this, node: t };
    ns.walk(dot, tmpl.root!);
  }

  // ---- evaluation ----
  evalPipeline(dot: V, pipe: PipeNode | null): V {
    if (!pipe) return INVALID;
    this.at(pipe);
    let value: V = MISSING;
    for (const cmd of pipe.cmds) {
      value = this.evalCommand(dot, cmd, value);
      if (value.iface) value = concrete(value);
    }
    for (const v of pipe.decl) {
      if (pipe.isAssign) this.setVar(v.ident[0], value);
      else this.push(v.ident[0], value);
    }
    return value;
  }

  notAFunction(args: Node[] | null, final: V): void {
    if ((args && args.length > 1) || final !== MISSING) this.errorf(`can't give argument to non-function ${args![0].str()}`);
  }

  evalCommand(dot: V, cmd: CommandNode, final: V): V {
    const first = cmd.args[0];
    switch (first.type) {
      case 'field': return this.evalFieldNode(dot, first, cmd.args, final);
      case 'chain': return this.evalChainNode(dot, first, cmd.args, final);
      case 'identifier': return this.evalFunction(dot, first, cmd, cmd.args, final);
      case 'pipe':
        this.notAFunction(cmd.args, final);
        return this.evalPipeline(dot, first);
      case 'variable': return this.evalVariableNode(dot, first, cmd.args, final);
    }
    this.at(first);
    this.notAFunction(cmd.args, final);
    switch (first.type) {
      case 'bool': return new V('bool', first.value);
      case 'dot': return dot;
      case 'nil': return this.errorf('nil is not a command');
      case 'number': return this.idealConstant(first);
      case 'string': return new V('string', first.text);
    }
    return this.errorf(`can't evaluate command ${quote(first.str())}`);
  }

  idealConstant(c: NumberNode): V {
    this.at(c);
    if (c.isComplex) return new V('complex128', c.complex);
    const t = c.text;
    const isHexInt = t.length > 2 && t[0] === '0' && (t[1] === 'x' || t[1] === 'X') && !/[pP]/.test(t);
    const isRuneInt = t.length > 0 && t[0] === "'";
    if (c.isFloat && !isHexInt && !isRuneInt && /[.eEpP]/.test(t)) return new V('float64', c.float64);
    if (c.isInt) return new V('int', c.int64);
    if (c.isUint) this.errorf(`${t} overflows int`);
    return INVALID;
  }

  evalFieldNode(dot: V, field: FieldNode, args: Node[] | null, final: V): V {
    this.at(field);
    return this.evalFieldChain(dot, dot, field, field.ident, args, final);
  }

  evalChainNode(dot: V, chain: ChainNode, args: Node[] | null, final: V): V {
    this.at(chain);
    if (chain.field.length === 0) this.errorf('internal error: no fields in evalChainNode');
    if (chain.node.type === 'nil') this.errorf(`indirection through explicit nil in ${chain.str()}`);
    const pipe = this.evalArg(dot, null, chain.node);
    return this.evalFieldChain(dot, pipe, chain, chain.field, args, final);
  }

  evalVariableNode(dot: V, variable: VariableNode, args: Node[] | null, final: V): V {
    this.at(variable);
    const value = this.varValue(variable.ident[0]);
    if (variable.ident.length === 1) {
      this.notAFunction(args, final);
      return value;
    }
    return this.evalFieldChain(dot, value, variable, variable.ident.slice(1), args, final);
  }

  evalFieldChain(dot: V, receiver: V, node: Node, ident: string[], args: Node[] | null, final: V): V {
    const n = ident.length;
    for (let i = 0; i < n - 1; i++) receiver = this.evalField(dot, ident[i], node, null, MISSING, receiver);
    return this.evalField(dot, ident[n - 1], node, args, final, receiver);
  }

  evalFunction(dot: V, node: IdentifierNode, cmd: Node, args: Node[] | null, final: V): V {
    this.at(node);
    const name = node.ident;
    const [fn, isBuiltin] = lookupFunc(name);
    if (!fn) return this.errorf(`${quote(name)} is not a defined function`);
    return this.evalCall(dot, fn, isBuiltin, cmd, name, args, final);
  }

  evalField(dot: V, fieldName: string, node: Node, args: Node[] | null, final: V, receiver: V): V {
    void dot; void node;
    if (receiver.k === 'invalid') {
      if (this.c.missingKeyError) this.errorf(`nil data; no entry for key ${quote(fieldName)}`);
      return INVALID;
    }
    const typ = typeString(receiver);
    if (receiver.iface) {
      if (receiver.k === 'nil') this.errorf(`nil pointer evaluating ${typ}.${fieldName}`);
      receiver = concrete(receiver);
    }
    const hasArgs = (args !== null && args.length > 1) || final !== MISSING;
    if (receiver.k === 'map') {
      if (hasArgs) this.errorf(`${fieldName} is not a method but has arguments`);
      const result = mapIndex(receiver, fieldName);
      if (result.k === 'invalid' && this.c.missingKeyError) this.errorf(`map has no entry for key ${quote(fieldName)}`);
      return result;
    }
    return this.errorf(`can't evaluate field ${fieldName} in type ${typ}`);
  }

  evalCall(dot: V, fn: GoFunc, isBuiltin: boolean, node: Node, name: string, args: Node[] | null, final: V): V {
    // args[0] is the function's own node; the operands follow.
    const nArgs = args ? args.length - 1 : 0;
    const params = fn.params;
    const numIn = nArgs + (final !== MISSING ? 1 : 0);
    let numFixed = nArgs;
    if (fn.variadic) {
      numFixed = params.length - 1;
      if (numIn < numFixed) this.errorf(`wrong number of args for ${name}: want at least ${params.length - 1} got ${nArgs}`);
    } else if (numIn !== params.length) {
      this.errorf(`wrong number of args for ${name}: want ${params.length} got ${numIn}`);
    }

    if (isBuiltin && (name === 'and' || name === 'or')) {
      let v: V = INVALID;
      for (let k = 1; k <= nArgs; k++) {
        v = this.evalArg(dot, 'value', args![k]);
        if (truth(v) === (name === 'or')) return v;
      }
      if (final !== MISSING) v = this.validateType(final, 'value');
      return v;
    }

    // Values for interface{} parameters are passed as their dynamic value (or null for nil).
    const argv: any[] = [];
    let i = 0;
    for (; i < numFixed && i < nArgs; i++) argv.push(passAs(this.evalArg(dot, params[i], args![i + 1]), params[i]));
    if (fn.variadic) {
      const argType = params[params.length - 1];
      for (; i < nArgs; i++) argv.push(passAs(this.evalArg(dot, argType, args![i + 1]), argType));
    }
    if (final !== MISSING) {
      let t = params[params.length - 1];
      if (fn.variadic && numIn - 1 < numFixed) t = params[numIn - 1];
      argv.push(passAs(this.validateType(final, t), t));
    }
    if (isBuiltin && name === 'call') {
      if (nArgs === 0) throw new ExecPanic('runtime error: index out of range [0] with length 0');
      argv.unshift(args![1].str());
    }
    try {
      return fn.call(argv);
    } catch (e) {
      if (e instanceof FuncError) {
        this.at(node);
        this.errorf(`error calling ${name}: ${e.message}`);
      }
      throw e;
    }
  }

  validateType(value: V, typ: ArgType): V {
    if (value.k === 'invalid') {
      if (typ === null) return INVALID;
      if (canBeNil(typ)) return zeroOf(typ);
      this.errorf(`invalid value; expected ${typName(typ)}`);
    }
    if (typ === 'string') {
      if (value.k === 'string' && !value.iface) return value;
      if (value.iface && value.k !== 'nil') {
        value = concrete(value);
        if (value.k === 'string') return value;
      }
      this.errorf(`wrong type for value; expected string; got ${typeString(value)}`);
    }
    return value;
  }

  evalArg(dot: V, typ: ArgType, n: Node): V {
    this.at(n);
    switch (n.type) {
      case 'dot': return this.validateType(dot, typ);
      case 'nil':
        if (canBeNil(typ)) return zeroOf(typ);
        return this.errorf(`cannot assign nil to ${typName(typ)}`);
      case 'field': return this.validateType(this.evalFieldNode(dot, n, [n], MISSING), typ);
      case 'variable': return this.validateType(this.evalVariableNode(dot, n, null, MISSING), typ);
      case 'pipe': return this.validateType(this.evalPipeline(dot, n), typ);
      case 'identifier': return this.validateType(this.evalFunction(dot, n, n, null, MISSING), typ);
      case 'chain': return this.validateType(this.evalChainNode(dot, n, null, MISSING), typ);
    }
    switch (typ) {
      case 'string':
        this.at(n);
        if (n.type === 'string') return new V('string', n.text);
        return this.errorf(`expected string; found ${n.str()}`);
      case 'any': case 'value':
        return this.evalEmptyInterface(dot, n);
    }
    return this.errorf(`can't handle ${n.str()} for arg of type ${typName(typ)}`);
  }

  evalEmptyInterface(dot: V, n: Node): V {
    this.at(n);
    switch (n.type) {
      case 'bool': return new V('bool', n.value);
      case 'dot': return dot;
      case 'field': return this.evalFieldNode(dot, n, null, MISSING);
      case 'identifier': return this.evalFunction(dot, n, n, null, MISSING);
      case 'nil': return this.errorf('evalEmptyInterface: nil (can\'t happen)');
      case 'number': return this.idealConstant(n);
      case 'string': return new V('string', n.text);
      case 'variable': return this.evalVariableNode(dot, n, null, MISSING);
      case 'pipe': return this.evalPipeline(dot, n);
    }
    return this.errorf(`can't handle assignment of ${n.str()} to empty interface argument`);
  }

  printValue(n: Node, v: V): void {
    this.at(n);
    if (v.iface) v = concrete(v);
    switch (v.k) {
      case 'invalid': this.write('<no value>'); return;
      case 'string': this.write(strText(v.x)); return;
      case 'int': case 'int64': case 'uint8': this.write((v.x as bigint).toString()); return;
      case 'bool': this.write(v.x ? 'true' : 'false'); return;
    }
    this.write(sprint([v]));
  }
}

/** A value passed to an interface{} parameter: the dynamic value, or nil. */
function passAs(v: V, t: ParamType): V | Arg {
  if (t !== 'any') return v;
  if (v.k === 'invalid' || v.k === 'nil') return null;
  return v.iface ? concrete(v) : v;
}

export interface ExecResult { out: string; error?: string; panic?: boolean }

/** Execute the template `name` of the set with data as dot and $. Output streams into the result
 *  even when an error stops execution (as Go's writer would have received it). */
export function execute(trees: Map<string, Tree>, name: string, text: Uint8Array, data: V, missingKeyError: boolean, sink?: (s: string) => void): ExecResult {
  const c: Common = { trees, text, missingKeyError, out: [], sink, outLen: 0 };
  const tmpl = trees.get(name)!;
  const s = new State(tmpl, c, [{ name: '$', value: data }], 0);
  try {
    if (!tmpl.root) s.errorf(`${quote(name)} is an incomplete or empty template`);
    s.walk(data, tmpl.root!);
    return { out: c.out.join('') };
  } catch (e) {
    if (e instanceof ExecError) return { out: c.out.join(''), error: e.message };
    if (e instanceof ExecPanic) return { out: c.out.join(''), error: e.message, panic: true };
    if (e instanceof RangeError && c.deepest) {
      // JS ran out of stack long before Go's depth limit: report Go's error at the recursion point.
      const d = c.deepest;
      d.state.node = d.node;
      try {
        d.state.errorf(`exceeded maximum template depth (${MAX_EXEC_DEPTH})`);
      } catch (e2) {
        return { out: c.out.join(''), error: (e2 as Error).message };
      }
    }
    throw e;
  }
}
