// kubectl's JSONPath evaluator: the behaviour of client-go util/jsonpath jsonpath.go (v0.32),
// step by step, with its quirks (range/end bookkeeping that persists across executions, partial
// results on errors, nil handling, Go comparison rules) and its exact messages.
import { ArrayNode, FilterNode, IdentifierNode, ListNode, Node, Parser, UnionNode } from './parser';
import {
  GoInt, GoPanic, GoUint8, NO_VALUE, compareStrings, floatValue, goJson, goJsonIndent, goSprint,
  goTypeName, intValue, kindOf, sortedKeys, formatFloatV, utf8Bytes,
} from './values';

/** An execution error; `partial` is what the failing step returned alongside it in Go. */
export class JsonPathExecError extends Error {
  constructor(message: string, public partial: unknown[] = []) {
    super(message);
  }
}

/** template.Indirect for our values: a JSON null (nil interface) is nil. */
const isNil = (v: unknown) => v === null || v === undefined;

export class JSONPath {
  private root: ListNode;
  /** j.parser.Root.Nodes as an offset into the parsed root list (Go re-slices it and never
   *  restores it, so a template with {range} behaves differently on the next execution). */
  private rootStart = 0;
  private beginRange = 0;
  private inRange = 0;
  private endRange = 0;
  private lastEndNode = -1;
  allowMissingKeys = true;
  outputJSON = false;

  constructor(template: string) {
    this.root = Parser.parse(template);
  }

  /** FindResults: one list of values per top-level piece. Throws JsonPathExecError / GoPanic. */
  findResults(data: unknown): unknown[][] {
    const start = this.rootStart;
    const nodes = this.root.nodes;
    const n = nodes.length - start;
    const cur: unknown[] = [data === null || data === undefined ? NO_VALUE : data];
    const fullResult: unknown[][] = [];
    for (let i = 0; i < n; i++) {
      const results = this.walk(cur, nodes[start + i]);

      // encounter an end node, break the current block
      if (this.endRange > 0 && this.endRange <= this.inRange) {
        this.endRange--;
        this.lastEndNode = start + i;
        break;
      }
      // encounter a range node, start a range loop
      if (this.beginRange > 0) {
        this.beginRange--;
        this.inRange++;
        if (results.length > 0) {
          for (const value of results) {
            this.rootStart = start + i + 1;
            fullResult.push(...this.findResults(value));
          }
        } else {
          // no results: still walk the body so that the position advances to the end node
          this.rootStart = start + i + 1;
          this.findResults(null);
        }
        this.inRange--;
        // fast forward to resume after the most recent end node
        for (let k = i + 1; k < n; k++) {
          if (start + k === this.lastEndNode) {
            i = k;
            break;
          }
        }
        continue;
      }
      fullResult.push(results);
    }
    return fullResult;
  }

  /** Print the results of one piece as kubectl does. */
  printResults(results: unknown[]): string {
    if (this.outputJSON) {
      for (const r of results) if (r === NO_VALUE) throw new GoPanic('reflect: call of reflect.Value.Interface on zero Value');
      return goJsonIndent(results, '    ') + '\n';
    }
    let out = '';
    for (let i = 0; i < results.length; i++) {
      out += textOf(results[i]);
      if (i !== results.length - 1) out += ' ';
    }
    return out;
  }

  private walk(value: unknown[], node: Node): unknown[] {
    switch (node.type) {
      case 'list': return this.evalList(value, node);
      case 'text': return [node.text];
      case 'field': return this.evalField(value, node.value);
      case 'array': return this.evalArray(value, node);
      case 'filter': return this.evalFilter(value, node);
      case 'int': return value.map(() => node.value);
      case 'float': return value.map(() => node.value);
      case 'bool': return value.map(() => node.value);
      case 'wildcard': return this.evalWildcard(value);
      case 'recursive': return this.evalRecursive(value);
      case 'union': return this.evalUnion(value, node);
      case 'identifier': return this.evalIdentifier(value, node);
    }
  }

  private evalList(value: unknown[], node: ListNode): unknown[] {
    let cur = value;
    for (const n of node.nodes) cur = this.walk(cur, n);
    return cur;
  }

  private evalIdentifier(input: unknown[], node: IdentifierNode): unknown[] {
    switch (node.name) {
      case 'range':
        this.beginRange++;
        return input;
      case 'end':
        if (this.inRange > 0) {
          this.endRange++;
          return [];
        }
        throw new JsonPathExecError('not in range, nothing to end', []);
      default:
        throw new JsonPathExecError(`unrecognized identifier ${node.name}`, input);
    }
  }

  private evalArray(input: unknown[], node: ArrayNode): unknown[] {
    const result: unknown[] = [];
    for (const value of input) {
      if (isNil(value)) continue;
      if (value === NO_VALUE) throw new GoPanic('reflect: call of reflect.Value.Type on zero Value');
      if (!Array.isArray(value)) throw new JsonPathExecError(`${goTypeName(value)} is not array or slice`, input);
      const p = node.params.map((x) => ({ ...x }));
      const len = value.length;
      if (!p[0].known) p[0].value = 0;
      if (p[0].value < 0) p[0].value += len;
      if (!p[1].known) p[1].value = len;
      if (p[1].value < 0 || (p[1].value === 0 && p[1].derived)) p[1].value += len;
      if (p[1].value !== p[0].value) {
        if (p[0].value >= len || p[0].value < 0) throw new JsonPathExecError(`array index out of bounds: index ${p[0].value}, length ${len}`, input);
        if (p[1].value > len || p[1].value < 0) throw new JsonPathExecError(`array index out of bounds: index ${p[1].value - 1}, length ${len}`, input);
        if (p[0].value > p[1].value) throw new JsonPathExecError(`starting index ${p[0].value} is greater than ending index ${p[1].value}`, input);
      } else {
        return result; // zero elements requested: return what we have (skipping later inputs)
      }
      let step = 1;
      if (p[2].known) {
        if (p[2].value <= 0) throw new JsonPathExecError('step must be > 0', input);
        step = p[2].value;
      }
      for (let i = p[0].value; i < p[1].value; i += step) result.push(value[i]);
    }
    return result;
  }

  private evalUnion(input: unknown[], node: UnionNode): unknown[] {
    const result: unknown[] = [];
    for (const l of node.nodes) {
      try {
        result.push(...this.evalList(input, l));
      } catch (e) {
        if (e instanceof JsonPathExecError) e.partial = input;
        throw e;
      }
    }
    return result;
  }

  private evalField(input: unknown[], name: string): unknown[] {
    const results: unknown[] = [];
    if (input.length === 0) return results;
    for (const value of input) {
      if (isNil(value)) continue;
      if (kindOf(value) === 'map' && Object.prototype.hasOwnProperty.call(value, name)) {
        const v = (value as Record<string, unknown>)[name];
        if (v !== undefined) results.push(v);
      }
    }
    if (results.length === 0 && !this.allowMissingKeys) throw new JsonPathExecError(`${name} is not found`, results);
    return results;
  }

  private evalWildcard(input: unknown[]): unknown[] {
    const results: unknown[] = [];
    for (const value of input) {
      if (isNil(value)) continue;
      results.push(...children(value));
    }
    return results;
  }

  private evalRecursive(input: unknown[]): unknown[] {
    const result: unknown[] = [];
    for (const value of input) {
      if (isNil(value)) continue;
      const kids = children(value);
      if (kids.length !== 0) {
        result.push(value);
        result.push(...this.evalRecursive(kids));
      }
    }
    return result;
  }

  private evalFilter(input: unknown[], node: FilterNode): unknown[] {
    const results: unknown[] = [];
    for (const value of input) {
      if (!Array.isArray(value)) {
        const shown = value === NO_VALUE ? '<invalid reflect.Value>' : goSprint(value);
        throw new JsonPathExecError(`${shown} is not array or slice and cannot be filtered`, input);
      }
      for (let i = 0; i < value.length; i++) {
        const temp = [value[i]];
        let lefts: unknown[];
        let leftErr: JsonPathExecError | undefined;
        try {
          lefts = this.evalList(temp, node.left);
        } catch (e) {
          if (!(e instanceof JsonPathExecError)) throw e;
          leftErr = e;
          lefts = e.partial;
        }
        if (node.operator === 'exists') {
          if (lefts.length > 0) results.push(value[i]);
          continue;
        }
        if (leftErr) { leftErr.partial = input; throw leftErr; }
        if (lefts.length === 0) continue;
        if (lefts.length > 1) throw new JsonPathExecError('can only compare one element at a time', input);
        const left = iface(lefts[0]);

        let rights: unknown[];
        try {
          rights = this.evalList(temp, node.right);
        } catch (e) {
          if (e instanceof JsonPathExecError) e.partial = input;
          throw e;
        }
        if (rights.length === 0) continue;
        if (rights.length > 1) throw new JsonPathExecError('can only compare one element at a time', input);
        const right = iface(rights[0]);

        let pass: boolean;
        try {
          switch (node.operator) {
            case '<': pass = lt(left, right); break;
            case '>': pass = gt(left, right); break;
            case '==': pass = eq(left, right); break;
            case '!=': pass = !eq(left, right); break;
            case '<=': pass = le(left, right); break;
            case '>=': pass = !lt(left, right); break;
            default: throw new JsonPathExecError(`unrecognized filter operator ${node.operator}`, results);
          }
        } catch (e) {
          if (e instanceof JsonPathExecError) e.partial = results;
          throw e;
        }
        if (pass) results.push(value[i]);
      }
    }
    return results;
  }
}

/** reflect.Value.Interface(): panics on the zero Value. */
function iface(v: unknown): unknown {
  if (v === NO_VALUE) throw new GoPanic('reflect: call of reflect.Value.Interface on zero Value');
  return v;
}

/** The elements .* and .. visit: map values (sorted by key; Go's order is random), array
 *  elements, the bytes of a string. */
function children(v: unknown): unknown[] {
  switch (kindOf(v)) {
    case 'map': {
      const m = v as Record<string, unknown>;
      return sortedKeys(m).map((k) => m[k]);
    }
    case 'slice': return (v as unknown[]).slice();
    case 'string': return Array.from(utf8Bytes(v as string), (b) => new GoUint8(b));
  }
  return [];
}

/** How one result prints in text mode: maps and slices as compact Go JSON, the rest with %v;
 *  a JSON null prints "null", the zero Value "<no value>". */
export function textOf(v: unknown): string {
  switch (kindOf(v)) {
    case 'map': case 'slice': return goJson(v);
    case 'invalid': return '<no value>';
    case 'nil': return 'null';
    case 'float64': return formatFloatV(floatValue(v));
    default: return goSprint(v);
  }
}

// ---------------------------------------------------------------------------------------------
// Comparisons: client-go's fork of text/template's eq/lt/le/gt/ge.

type BasicKind = 'bool' | 'int' | 'uint' | 'float' | 'string';

function basicKind(v: unknown): BasicKind {
  switch (kindOf(v)) {
    case 'bool': return 'bool';
    case 'int64': case 'int': return 'int';
    case 'uint8': return 'uint';
    case 'float64': return 'float';
    case 'string': return 'string';
  }
  throw new JsonPathExecError('invalid type for comparison');
}

export function eq(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return intValue(a) === intValue(b);
    throw new JsonPathExecError('incompatible types for comparison');
  }
  switch (k1) {
    case 'bool': return a === b;
    case 'float': return floatValue(a) === floatValue(b);
    case 'int': case 'uint': return intValue(a) === intValue(b);
    case 'string': return a === b;
  }
}

export function lt(a: unknown, b: unknown): boolean {
  const k1 = basicKind(a);
  const k2 = basicKind(b);
  if (k1 !== k2) {
    if ((k1 === 'int' && k2 === 'uint') || (k1 === 'uint' && k2 === 'int')) return intValue(a) < intValue(b);
    throw new JsonPathExecError('incompatible types for comparison');
  }
  switch (k1) {
    case 'bool': throw new JsonPathExecError('invalid type for comparison');
    case 'float': return floatValue(a) < floatValue(b);
    case 'int': case 'uint': return intValue(a) < intValue(b);
    case 'string': return compareStrings(a as string, b as string) < 0;
  }
}

function le(a: unknown, b: unknown): boolean {
  return lt(a, b) || eq(a, b);
}

function gt(a: unknown, b: unknown): boolean {
  return !le(a, b);
}

export { GoInt };
