// encoding/json's syntax checking, for its error messages: the offset-bearing errors of a JSON
// stream decoder (`json: offset N: invalid character ...`) and those of json.Unmarshal.

/** A syntax error as the stream decoder words it. */
export class JsonSyntaxError extends Error {}

const isWs = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;
export function skipWs(b: Buffer, i: number): number { while (i < b.length && isWs(b[i])) i++; return i; }

export function quoteChar(c: number): string {
  if (c === 0x27) return `'\\''`;
  if (c === 0x22) return `'"'`;
  const s = String.fromCharCode(c);
  return `'${s}'`;
}

/** Find the end of one JSON value with encoding/json's syntax errors (`json: offset N: ...`). */
export function scanJsonValue(b: Buffer, start: number): number {
  let i = start;
  const fail = (ctx: string): never => {
    if (i >= b.length) throw new JsonSyntaxError('unexpected EOF');
    throw new JsonSyntaxError(`json: offset ${i + 1}: invalid character ${quoteChar(b[i])} ${ctx}`);
  };
  const ws = () => { i = skipWs(b, i); };
  const lit = (word: string) => {
    for (let k = 0; k < word.length; k++, i++) {
      if (i >= b.length) fail('');
      if (b[i] !== word.charCodeAt(k)) fail(`in literal ${word} (expecting ${quoteChar(word.charCodeAt(k))})`);
    }
  };
  const str = () => {
    i++; // opening quote
    for (;;) {
      if (i >= b.length) fail('');
      const c = b[i];
      if (c === 0x22) { i++; return; }
      if (c === 0x5c) {
        i++;
        if (i >= b.length) fail('');
        const e = b[i];
        if ('"\\/bfnrt'.includes(String.fromCharCode(e))) { i++; continue; }
        if (e === 0x75) {
          i++;
          for (let k = 0; k < 4; k++, i++) {
            if (i >= b.length) fail('');
            if (!/[0-9a-fA-F]/.test(String.fromCharCode(b[i]))) fail('in \\u hexadecimal character escape');
          }
          continue;
        }
        fail('in string escape code');
      }
      if (c < 0x20) fail('in string literal');
      i++;
    }
  };
  const num = () => {
    if (b[i] === 0x2d) { i++; if (i >= b.length) fail(''); if (!(b[i] >= 0x30 && b[i] <= 0x39)) fail('in numeric literal'); }
    if (b[i] === 0x30) i++;
    else while (i < b.length && b[i] >= 0x30 && b[i] <= 0x39) i++;
    if (b[i] === 0x2e) {
      i++;
      if (i >= b.length) fail('');
      if (!(b[i] >= 0x30 && b[i] <= 0x39)) fail('after decimal point in numeric literal');
      while (i < b.length && b[i] >= 0x30 && b[i] <= 0x39) i++;
    }
    if (b[i] === 0x65 || b[i] === 0x45) {
      i++;
      if (b[i] === 0x2b || b[i] === 0x2d) i++;
      if (i >= b.length) fail('');
      if (!(b[i] >= 0x30 && b[i] <= 0x39)) fail('in exponent of numeric literal');
      while (i < b.length && b[i] >= 0x30 && b[i] <= 0x39) i++;
    }
  };
  // encoding/json's scanner refuses the 10,001st level (maxNestingDepth)
  let depth = 0;
  const value = (): void => {
    ws();
    if (i >= b.length) fail('');
    const c = b[i];
    if ((c === 0x7b || c === 0x5b) && ++depth > 10000) fail('exceeded max depth');
    if (c === 0x7b) {
      i++; ws();
      if (b[i] === 0x7d) { i++; depth--; return; }
      for (;;) {
        ws();
        if (i >= b.length) fail('');
        if (b[i] !== 0x22) fail('looking for beginning of object key string');
        str(); ws();
        if (i >= b.length) fail('');
        if (b[i] !== 0x3a) fail('after object key');
        i++;
        value(); ws();
        if (i >= b.length) fail('');
        if (b[i] === 0x2c) { i++; continue; }
        if (b[i] === 0x7d) { i++; depth--; return; }
        fail('after object key:value pair');
      }
    }
    if (c === 0x5b) {
      i++; ws();
      if (b[i] === 0x5d) { i++; depth--; return; }
      for (;;) {
        value(); ws();
        if (i >= b.length) fail('');
        if (b[i] === 0x2c) { i++; continue; }
        if (b[i] === 0x5d) { i++; depth--; return; }
        fail('after array element');
      }
    }
    if (c === 0x22) return str();
    if (c === 0x2d || (c >= 0x30 && c <= 0x39)) return num();
    if (c === 0x74) return lit('true');
    if (c === 0x66) return lit('false');
    if (c === 0x6e) return lit('null');
    fail('looking for beginning of value');
  };
  value();
  return i;
}

/** The syntax error encoding/json's Unmarshal gives for a document (`invalid character 'b'
 *  looking for beginning of object key string`, `unexpected end of JSON input`), if any. */
export function goJsonSyntaxError(text: string): string | undefined {
  const b = Buffer.from(text, 'utf8');
  try {
    const end = skipWs(b, scanJsonValue(b, skipWs(b, 0)));
    if (end < b.length) return `invalid character ${quoteChar(b[end])} after top-level value`;
    return undefined;
  } catch (e) {
    if (!(e instanceof JsonSyntaxError)) throw e;
    return e.message === 'unexpected EOF' ? 'unexpected end of JSON input' : e.message.replace(/^json: offset \d+: /, '');
  }
}

