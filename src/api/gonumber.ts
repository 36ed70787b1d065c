// Numbers as Go holds them in decoded JSON (apimachinery's unstructured decoding, which kubectl and
// the API server use): a literal that strconv.ParseInt accepts is an int64, anything else a
// float64. JavaScript has one number type, so two cases need a representation of their own:
//   bigint   an int64 beyond 2^53 (123456789012345678 stays exact from the file to the output)
//   GoFloat  a float64 whose value is integral (1000000.0 in a JSON file: Go's %v prints 1e+06)
// Everything else is a plain number (int64 when integral and below 2^63, float64 otherwise),
// so arithmetic and comparisons on ordinary values are unaffected.
//
// A bigint never makes JSON.stringify throw: it serializes as a marked string that
// stringifyJson turns back into the exact digits (the store and the request body use that).

/** A float64 with an integral value (or -0), as decoded from a JSON literal with '.' or 'e'. */
export class GoFloat {
  constructor(public readonly f: number) {}
  get value(): number { return this.f; }
  valueOf(): number { return this.f; }
  toJSON(): number { return this.f; }
}

const INT64_MIN = -(2n ** 63n);
const INT64_MAX = 2n ** 63n - 1n;
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** Marks a bigint inside JSON.stringify's output (U+FFFE is a noncharacter: no text has it). */
const MARK = '\ufffeint64:';
const MARKED = /"\ufffeint64:(-?\d+)"/g;
if (!(BigInt.prototype as any).toJSON) {
  Object.defineProperty(BigInt.prototype, 'toJSON', { value: function (this: bigint) { return MARK + this.toString(); }, writable: true, configurable: true });
}

/** JSON.stringify, with bigints written as their exact digits. */
export function stringifyJson(v: unknown): string {
  const s = JSON.stringify(v);
  return s !== undefined && s.includes(MARK) ? s.replace(MARKED, '$1') : s;
}

/** An int64 in our model: a number when exact, a bigint beyond 2^53; undefined outside int64. */
export function int64Of(b: bigint): number | bigint | undefined {
  if (b < INT64_MIN || b > INT64_MAX) return undefined;
  return b > MAX_SAFE || b < -MAX_SAFE ? b : Number(b);
}

/** A JSON number literal as Go's unstructured decoding holds it. With floats=false (what the
 *  API server keeps: its objects went through a Go json.Marshal) integral floats are plain. */
export function classifyJsonNumber(src: string, floats = true): unknown {
  const isFloat = src.includes('.') || src.includes('e') || src.includes('E');
  const value = Number(src);
  if (!isFloat) {
    if (Number.isSafeInteger(value)) return value;
    const i = int64Of(BigInt(src));
    if (i !== undefined) return i;
  }
  return floats && Number.isInteger(value) ? new GoFloat(value) : value;
}

// 16 digits in a row (spelled out: V8 scans this form several times faster than \d{16})
const INT_RUN = /\d\d\d\d\d\d\d\d\d\d\d\d\d\d\d\d/;

/** JSON.parse with Go's number typing: integers beyond 2^53 exact (bigint), and with floats=true
 *  integral float literals as GoFloat. Plain JSON.parse when nothing needs it. */
export function parseJsonGo(text: string, floats = true): any {
  if (floats ? !(/[.eE]/.test(text) || INT_RUN.test(text)) : !INT_RUN.test(text)) return JSON.parse(text);
  return parseWithScanner(text, floats);
}

/** A stored object (compact JSON written by stringifyJson): exact int64s, no GoFloats. */
export function parseStoredJson(text: string): any {
  return INT_RUN.test(text) ? parseWithScanner(text, false) : JSON.parse(text);
}

function parseWithScanner(text: string, floats: boolean): unknown {
  JSON.parse(text); // validate first (JSON.parse's errors for invalid input)
  let i = 0;
  const NUM = /-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?/y;
  const STR = /"(?:[^"\\]|\\.)*"/y;
  const ws = () => { for (let c = text.charCodeAt(i); c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d; c = text.charCodeAt(++i)); };
  const str = (): string => {
    STR.lastIndex = i;
    const r = STR.exec(text)!;
    i += r[0].length;
    return r[0].indexOf('\\') < 0 ? r[0].slice(1, -1) : JSON.parse(r[0]);
  };
  // iterative, so documents nested as deep as encoding/json allows do not overflow the stack
  const stack: { c: any; key?: string }[] = [];
  let result: unknown;
  const put = (v: unknown): boolean => {
    const top = stack[stack.length - 1];
    if (!top) { result = v; return false; }
    if (Array.isArray(top.c)) top.c.push(v);
    else Object.defineProperty(top.c, top.key!, { value: v, enumerable: true, writable: true, configurable: true });
    return true;
  };
  for (;;) {
    ws();
    const c = text[i];
    let v: unknown;
    let open = false;
    if (c === '{' || c === '[') {
      i++; ws();
      const container = c === '{' ? {} : [];
      if (text[i] === (c === '{' ? '}' : ']')) { i++; v = container; }
      else {
        put(container);
        stack.push({ c: container });
        open = true;
      }
    } else if (c === '"') v = str();
    else if (c === 't') { i += 4; v = true; }
    else if (c === 'f') { i += 5; v = false; }
    else if (c === 'n') { i += 4; v = null; }
    else {
      NUM.lastIndex = i;
      const r = NUM.exec(text)!;
      i += r[0].length;
      v = classifyJsonNumber(r[0], floats);
    }
    if (!open) {
      if (!put(v)) return result;
    }
    // after a value (or an opened container): read the key of the next member, or close
    for (;;) {
      const top = stack[stack.length - 1];
      ws();
      if (!open) {
        const d = text[i];
        if (d === ',') { i++; ws(); }
        else { i++; stack.pop(); if (stack.length === 0) return result; continue; }
      }
      if (!Array.isArray(top.c)) {
        ws();
        top.key = str();
        ws(); i++; // ':'
      }
      break;
    }
  }
}

/** A deep copy as a JSON round trip makes it (undefined members dropped), int64s kept exact. */
export function cloneJson<T>(v: T): T {
  return parseStoredJson(stringifyJson(v));
}

/** Go's time.Duration(s) * time.Second, in milliseconds: int64 nanoseconds that wrap on overflow
 *  as Go's do (a grace period of 123456789012345678 s is some time within ±292 years). */
export function secondsToMs(s: number | bigint): number {
  if (typeof s === 'number' && (Math.abs(s) < 9e9 || !Number.isInteger(s))) return s * 1000;
  return Number(BigInt.asIntN(64, BigInt(s) * 1000000000n) / 1000000n);
}
