// Shell arithmetic ($((...)), ((...)), let): C's integer expressions as bash, dash and busybox
// ash evaluate them - assignments (= += -= ...), ++/--, ?:, || &&, bit operators, comparisons,
// ** (bash), numbers in decimal, 0x hex, 0 octal and base#digits, variables (whose values are
// expressions in turn). 64-bit wrap-around as in C. Errors are ArithError with the shell's text;
// nesting deeper than bash's limit is "expression recursion level exceeded".

export type ArithDialect = 'bash' | 'dash' | 'ash';

export class ArithError extends Error {
  constructor(message: string) { super(message); }
}

/** Nesting past what dash's and ash's recursive evaluators' stack holds (they crash). */
export class ArithStackOverflow extends Error {}

/** bash's MAX_EXPR_RECURSION_LEVEL */
export const MAX_ARITH_DEPTH = 1024;

export interface ArithEnv {
  get(name: string): string | undefined;
  set(name: string, value: string): void;
}

type Tok = { k: 'num'; v: bigint } | { k: 'var'; v: string } | { k: 'op'; v: string } | { k: 'end' };

const OPS = ['<<=', '>>=', '**', '++', '--', '+=', '-=', '*=', '/=', '%=', '&=', '^=', '|=', '<<', '>>', '<=', '>=', '==', '!=', '&&', '||',
  '+', '-', '*', '/', '%', '<', '>', '=', '&', '^', '|', '!', '~', '?', ':', '(', ')', ','];

const wrap = (n: bigint) => BigInt.asIntN(64, n);

function parseNumber(text: string, dialect: ArithDialect, whole: string): bigint {
  const m = /^(\d+)#([0-9a-zA-Z@_]+)$/.exec(text);
  const bad = () => { throw new ArithError(dialect === 'bash' ? `${whole}: value too great for base (error token is "${text}")` : dialect === 'dash' ? `arithmetic expression: expecting EOF: "${whole}"` : 'arithmetic syntax error'); };
  if (m) {
    const base = Number(m[1]);
    if (base < 2 || base > 64) throw new ArithError(dialect === 'bash' ? `${whole}: invalid arithmetic base (error token is "${text}")` : 'arithmetic syntax error');
    let n = 0n;
    for (const c of m[2]) {
      let d: number;
      if (c >= '0' && c <= '9') d = c.charCodeAt(0) - 48;
      else if (c >= 'a' && c <= 'z') d = c.charCodeAt(0) - 97 + 10;
      else if (c >= 'A' && c <= 'Z') d = base <= 36 ? c.charCodeAt(0) - 65 + 10 : c.charCodeAt(0) - 65 + 36;
      else d = c === '@' ? 62 : 63;
      if (d >= base) bad();
      n = n * BigInt(base) + BigInt(d);
    }
    return wrap(n);
  }
  if (/^0[xX][0-9a-fA-F]+$/.test(text)) return wrap(BigInt(text));
  if (/^0[0-7]+$/.test(text)) return wrap(BigInt('0o' + text.slice(1)));
  if (/^\d+$/.test(text)) return wrap(BigInt(text));
  return bad();
}

function lex(src: string, dialect: ArithDialect): Tok[] {
  const out: Tok[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\n') { i++; continue; }
    if (/[0-9]/.test(c)) {
      const m = /^[0-9][0-9a-zA-Z#@_]*/.exec(src.slice(i))!;
      out.push({ k: 'num', v: parseNumber(m[0], dialect, src.trim()) });
      i += m[0].length;
      continue;
    }
    if (/[A-Za-z_]/.test(c)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i))!;
      out.push({ k: 'var', v: m[0] });
      i += m[0].length;
      continue;
    }
    const op = OPS.find((o) => src.startsWith(o, i));
    if (!op || (op === '**' && dialect !== 'bash')) {
      if (op === '**') { out.push({ k: 'op', v: '*' }, { k: 'op', v: '*' }); i += 2; continue; }
      throw new ArithError(dialect === 'bash' ? `${src.trim()}: syntax error: invalid arithmetic operator (error token is "${src.slice(i).trim()}")` : dialect === 'dash' ? `arithmetic expression: expecting EOF: "${src.trim()}"` : 'arithmetic syntax error');
    }
    out.push({ k: 'op', v: op });
    i += op.length;
  }
  out.push({ k: 'end' });
  return out;
}

/** Strip parentheses that wrap the whole expression (((((1))))) without recursing: ash evaluates
 *  with an operator stack and has no depth limit for those. */
function unwrap(src: string): string {
  let s = src.trim();
  for (;;) {
    if (!s.startsWith('(') || !s.endsWith(')')) return s;
    let depth = 0;
    let closesAtEnd = true;
    for (let i = 0; i < s.length; i++) {
      if (s[i] === '(') depth++;
      else if (s[i] === ')') { depth--; if (depth === 0 && i < s.length - 1) { closesAtEnd = false; break; } }
    }
    if (!closesAtEnd || depth !== 0) return s;
    s = s.slice(1, -1).trim();
  }
}

const BINARY: Record<string, number> = {
  '||': 1, '&&': 2, '|': 3, '^': 4, '&': 5, '==': 6, '!=': 6, '<': 7, '>': 7, '<=': 7, '>=': 7, '<<': 8, '>>': 8,
  '+': 9, '-': 9, '*': 10, '/': 10, '%': 10, '**': 11,
};
const ASSIGN = new Set(['=', '+=', '-=', '*=', '/=', '%=', '<<=', '>>=', '&=', '^=', '|=']);

/** Evaluate an arithmetic expression; variables through env. */
export function evalArith(src: string, env: ArithEnv, dialect: ArithDialect, depth0 = 0): bigint {
  const whole = src.trim();
  const text = dialect === 'ash' ? unwrap(src) : src;
  if (!text.trim()) return 0n;
  const toks = lex(text, dialect);
  let p = 0;
  let depth = depth0;
  const peek = () => toks[p];
  const isOp = (v: string) => { const t = toks[p]; return t.k === 'op' && t.v === v; };
  const syntax = (): never => {
    const rest = toks.slice(p).filter((t) => t.k !== 'end').map((t) => (t.k === 'num' ? t.v.toString() : t.v)).join(' ');
    if (dialect === 'bash') {
      if (!rest) throw new ArithError(`${whole}: syntax error: operand expected (error token is "${whole.replace(/^.*?(\S+)\s*$/, '$1')}")`);
      throw new ArithError(`${whole}: syntax error in expression (error token is "${rest}")`);
    }
    if (dialect === 'dash') throw new ArithError(`arithmetic expression: ${rest ? 'expecting EOF' : 'expecting primary'}: "${whole}"`);
    throw new ArithError('arithmetic syntax error');
  };
  const enter = () => {
    if (++depth > MAX_ARITH_DEPTH && dialect !== 'bash') throw new ArithStackOverflow();
    if (depth > MAX_ARITH_DEPTH) throw new ArithError(`${whole}: expression recursion level exceeded (error token is "${whole.slice(0, 40)}")`);
  };
  const varValue = (name: string): bigint => {
    const v = env.get(name);
    if (v === undefined || v.trim() === '') return 0n;
    if (/^-?\d+$/.test(v.trim())) return wrap(BigInt(v.trim()));
    return evalArith(v, env, dialect, depth + 1);
  };
  const divide = (op: string, a: bigint, b: bigint): bigint => {
    if (b === 0n) {
      throw new ArithError(dialect === 'bash' ? `${whole}: division by 0 (error token is "${whole.replace(/^.*[/%]\s*/, '')}")` : dialect === 'dash' ? 'arithmetic expression: division by zero: "' + whole + '"' : 'divide by zero');
    }
    return op === '/' ? wrap(a / b) : wrap(a % b);
  };
  const apply = (op: string, a: bigint, b: bigint): bigint => {
    switch (op) {
      case '+': return wrap(a + b);
      case '-': return wrap(a - b);
      case '*': return wrap(a * b);
      case '/': case '%': return divide(op, a, b);
      case '**': if (b < 0n) throw new ArithError(`${whole}: exponent less than 0 (error token is "${b}")`); return wrap(a ** b);
      case '<<': return wrap(a << (b & 63n));
      case '>>': return wrap(a >> (b & 63n));
      case '<': return a < b ? 1n : 0n;
      case '>': return a > b ? 1n : 0n;
      case '<=': return a <= b ? 1n : 0n;
      case '>=': return a >= b ? 1n : 0n;
      case '==': return a === b ? 1n : 0n;
      case '!=': return a !== b ? 1n : 0n;
      case '&': return a & b;
      case '^': return a ^ b;
      case '|': return a | b;
      case '&&': return a !== 0n && b !== 0n ? 1n : 0n;
      case '||': return a !== 0n || b !== 0n ? 1n : 0n;
    }
    return 0n;
  };

  // Each function takes `skip`: evaluate for syntax only (the unevaluated side of && || ?:).
  function comma(skip: boolean): bigint {
    let v = assign(skip);
    while (isOp(',')) { p++; v = assign(skip); }
    return v;
  }
  function assign(skip: boolean): bigint {
    const t = peek();
    const n = toks[p + 1];
    if (t.k === 'var' && n?.k === 'op' && ASSIGN.has(n.v)) {
      p += 2;
      enter();
      const rhs = assign(skip);
      depth--;
      if (skip) return 0n;
      const cur = n.v === '=' ? 0n : varValue(t.v);
      const v = n.v === '=' ? rhs : apply(n.v.slice(0, -1), cur, rhs);
      env.set(t.v, v.toString());
      return v;
    }
    return ternary(skip);
  }
  function ternary(skip: boolean): bigint {
    const c = binary(1, skip);
    if (!isOp('?')) return c;
    p++;
    enter();
    const a = comma(skip || c === 0n);
    if (!isOp(':')) syntax();
    p++;
    const b = assign(skip || c !== 0n);
    depth--;
    return c !== 0n ? a : b;
  }
  function binary(minPrec: number, skip: boolean): bigint {
    let left = unary(skip);
    for (;;) {
      const t = peek();
      if (t.k !== 'op') return left;
      const prec = BINARY[t.v];
      if (prec === undefined || prec < minPrec) return left;
      p++;
      enter();
      const shortSkip = skip || (t.v === '&&' && left === 0n) || (t.v === '||' && left !== 0n);
      const right = binary(t.v === '**' ? prec : prec + 1, shortSkip);
      depth--;
      if (!shortSkip) left = apply(t.v, left, right);
      else if (t.v === '&&' || t.v === '||') left = t.v === '&&' ? 0n : 1n;
    }
  }
  function unary(skip: boolean): bigint {
    const t = peek();
    if (t.k === 'op') {
      if (t.v === '++' || t.v === '--') {
        p++;
        const n = peek();
        if (n.k !== 'var') syntax();
        p++;
        if (skip) return 0n;
        const v = wrap(varValue((n as any).v) + (t.v === '++' ? 1n : -1n));
        env.set((n as any).v, v.toString());
        return v;
      }
      if (t.v === '+' || t.v === '-' || t.v === '!' || t.v === '~') {
        p++;
        enter();
        const v = unary(skip);
        depth--;
        return t.v === '-' ? wrap(-v) : t.v === '!' ? (v === 0n ? 1n : 0n) : t.v === '~' ? ~v : v;
      }
      if (t.v === '(') {
        p++;
        enter();
        const v = comma(skip);
        depth--;
        if (!isOp(')')) syntax();
        p++;
        return v;
      }
      return syntax();
    }
    if (t.k === 'num') { p++; return t.v; }
    if (t.k === 'var') {
      p++;
      const n = peek();
      if (n.k === 'op' && (n.v === '++' || n.v === '--')) {
        p++;
        if (skip) return 0n;
        const v = varValue(t.v);
        env.set(t.v, wrap(v + (n.v === '++' ? 1n : -1n)).toString());
        return v;
      }
      return skip ? 0n : varValue(t.v);
    }
    return syntax();
  }

  const v = comma(false);
  if (peek().k !== 'end') syntax();
  return v;
}
