// kubectl's -o go-template printer: Go's text/template (go1.23) as kubectl v1.32 runs it —
// template.New("output").Funcs({exists, base64decode}).Parse(text), missingkey=default|error,
// executed on the object after kubectl's JSON round trip, with kubectl's error reporting.
import { CliError } from '../../api/types';
import { parseTemplate, ParseError } from './parser';
import { execute } from './exec';
import { FUNC_NAMES } from './funcs';
import { concreteOf } from './value';
import { sprint, goJson } from './format';
import { quote } from './strconv';

export interface GoTemplateResult { out: string; err?: string }

/**
 * Compile a go-template as `kubectl get -o go-template=TEXT` does.
 * Throws CliError(`error parsing template TEXT, template: output:LINE: MSG`) on a parse error
 * (the CLI prints `error: <message>`). The returned function renders one object (or kubectl's
 * List wrapper): `out` is everything kubectl writes to stdout (including partial output and the
 * debug block after an execution error), `err` the exact stderr text (with newline) when execution
 * fails — the CLI then exits 1.
 *
 * Data: JSON values as parsed by JSON.parse (or parseJsonForTemplates for exact big integers).
 * Numbers follow kubectl's JSON round trip: integral values with |v| < 2^63 are int64, all others
 * float64 — so only Number.isInteger matters; bigint values are int64.
 */
export function compileGoTemplate(text: string, opts: { allowMissingKeys?: boolean; sink?: (s: string) => void } = {}): (data: unknown, typedRaw?: unknown) => GoTemplateResult {
  let trees;
  try {
    trees = parseTemplate('output', text, FUNC_NAMES);
  } catch (e) {
    if (e instanceof ParseError) throw new CliError(`error parsing template ${text}, ${e.message}`);
    throw e;
  }
  const bytes = new TextEncoder().encode(text);
  const missingKeyError = opts.allowMissingKeys === false;
  // typedRaw: the object as kubectl's Go struct holds it (printers/typed.ts), for the "raw data"
  // line, which is encoding/json of the object kubectl printed (struct order for typed objects)
  return (data: unknown, typedRaw?: unknown) => {
    const root = concreteOf(data);
    const r = execute(trees, 'output', bytes, root, missingKeyError, opts.sink);
    if (r.error === undefined) return { out: r.out };
    const err = r.panic ? `caught panic: ${r.error}` : r.error;
    const out = r.out +
      `Error executing template: ${err}. Printing more information for debugging the template:\n` +
      `\ttemplate was:\n\t\t${text}\n` +
      `\traw data was:\n\t\t${typedRaw === undefined ? goJson(data) : goJson(typedRaw, true)}\n` +
      `\tobject given to template engine was:\n\t\t${sprint([root])}\n\n`;
    return { out, err: `error: error executing template ${quote(text)}: ${err}\n` };
  };
}

/**
 * JSON.parse, except that integer literals beyond 2^53 that fit in int64 become bigint (kubectl
 * prints them exactly). Everything else is as JSON.parse returns it.
 */
export function parseJsonForTemplates(text: string): unknown {
  if (!/\d{16}/.test(text)) return JSON.parse(text);
  return new LosslessParser(text).parse();
}

class LosslessParser {
  private i = 0;
  constructor(private s: string) {}

  parse(): unknown {
    const v = this.value();
    this.ws();
    if (this.i !== this.s.length) this.fail();
    return v;
  }

  private fail(): never {
    // Let JSON.parse produce its usual error for invalid input.
    JSON.parse(this.s);
    throw new SyntaxError('Unexpected token in JSON');
  }

  private ws(): void {
    const s = this.s;
    while (this.i < s.length) {
      const c = s.charCodeAt(this.i);
      if (c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d) this.i++;
      else break;
    }
  }

  private value(): unknown {
    this.ws();
    const s = this.s;
    const c = s[this.i];
    if (c === '{') {
      this.i++;
      const o: Record<string, unknown> = {};
      this.ws();
      if (s[this.i] === '}') { this.i++; return o; }
      for (;;) {
        this.ws();
        if (s[this.i] !== '"') this.fail();
        const k = this.string();
        this.ws();
        if (s[this.i] !== ':') this.fail();
        this.i++;
        Object.defineProperty(o, k, { value: this.value(), enumerable: true, writable: true, configurable: true });
        this.ws();
        if (s[this.i] === ',') { this.i++; continue; }
        if (s[this.i] === '}') { this.i++; return o; }
        this.fail();
      }
    }
    if (c === '[') {
      this.i++;
      const a: unknown[] = [];
      this.ws();
      if (s[this.i] === ']') { this.i++; return a; }
      for (;;) {
        a.push(this.value());
        this.ws();
        if (s[this.i] === ',') { this.i++; continue; }
        if (s[this.i] === ']') { this.i++; return a; }
        this.fail();
      }
    }
    if (c === '"') return this.string();
    if (s.startsWith('true', this.i)) { this.i += 4; return true; }
    if (s.startsWith('false', this.i)) { this.i += 5; return false; }
    if (s.startsWith('null', this.i)) { this.i += 4; return null; }
    const m = /^-?(0|[1-9]\d*)(\.\d+)?([eE][+-]?\d+)?/.exec(s.slice(this.i, this.i + 400));
    if (!m || m[0] === '' || m[0] === '-') this.fail();
    this.i += m[0].length;
    if (!m[2] && !m[3] && m[1].length >= 16) {
      const b = BigInt(m[0]);
      if (b >= -(2n ** 63n) && b < 2n ** 63n && (b > BigInt(Number.MAX_SAFE_INTEGER) || b < -BigInt(Number.MAX_SAFE_INTEGER))) return b;
    }
    return Number(m[0]);
  }

  private string(): string {
    const s = this.s;
    const start = this.i;
    this.i++;
    for (;;) {
      const c = s.charCodeAt(this.i);
      if (Number.isNaN(c)) this.fail();
      if (c === 0x22) break;
      if (c === 0x5c) this.i++;
      this.i++;
    }
    this.i++;
    return JSON.parse(s.slice(start, this.i));
  }
}
