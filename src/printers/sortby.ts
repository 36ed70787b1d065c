// kubectl get --sort-by (kubectl get/sorter.go): the field is a relaxed JSONPath, evaluated with
// missing keys allowed; the first value decides. Numbers compare as numbers (int64 with int64,
// float64 with float64), strings as resource quantities when both parse as one, else bytewise
// (kubectl 1.31 dropped the natural order: "pod-10" < "pod-2"); objects without the field sort
// first. The sort is Go's sort.Sort (pdqsort, not stable), reproduced exactly (its xorshift
// included) so that ties come out in kubectl's order.
//
// Two modes, as in kubectl 1.32:
//  - sortObjects: outputs other than the table (-o json|yaml|name|jsonpath|go-template|
//    custom-columns): the whole List is sorted at once (SortingPrinter / SortObjects); errors
//    are kubectl's `error: ...` (CliError).
//  - sortForTables: the default table output (and -o wide): the server returns one Table per
//    resource type, and kubectl sorts the rows of each Table (TableSorter); when that fails
//    (no object has the field, a bad path) kubectl silently prints nothing for that table.
import { CliError } from '../api/types';
import { goSortInPlace as goSort } from './gosort';
import { JSONPath, JsonPathExecError, JsonPathParseError, relaxedJsonPathExpression } from './jsonpath/index';
import { compareStrings, goQuote, goSharpV, GoPanic, kindOf, floatValue, intValue } from './jsonpath/values';

/** kubectl's messages for --sort-by errors. */
export const sortByError = {
  notFound: (field: string) => `couldn't find any field with path ${goQuote(field)} in the list of objects`,
  relaxed: "unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'",
  mixed: 'sorting is not supported on mixed Table and non-Table object lists',
};

interface Evaluated { values?: unknown[][]; err?: string }

function evaluate(field: string, obj: unknown): Evaluated {
  // a new parser each time, as RuntimeSort.Less does (no range state carried over)
  try {
    const jp = new JSONPath(field);
    return { values: jp.findResults(obj) };
  } catch (e) {
    if (e instanceof JsonPathExecError) return { err: e.message };
    if (e instanceof GoPanic) throw new CliError(`panic: ${e.message}\n\ngoroutine 1 [running]:\n`, 2, true);
    throw e;
  }
}

const found = (v: Evaluated | undefined) => !!v && !!v.values && v.values.length > 0 && v.values[0].length > 0;

/** --sort-by for a List (every output but the table). Returns a new, sorted array; one object or
 *  none is returned as is. Throws CliError with kubectl's message (exit 1), or kubectl's fatal
 *  log line (raw, exit 255 / 1) where kubectl dies inside the sort. */
export function sortObjects<T>(objects: T[], sortBy: string): T[] {
  if (objects.length === 0) return objects.slice();
  const field = relaxedJsonPathExpression(sortBy);
  try {
    new JSONPath(field);
  } catch (e) {
    if (e instanceof JsonPathParseError) throw new CliError(e.message);
    throw e;
  }
  const evals: (Evaluated | undefined)[] = new Array(objects.length);
  let foundOnce = false;
  for (let i = 0; i < objects.length; i++) {
    const ev = evaluate(field, objects[i]);
    evals[i] = ev;
    if (ev.err !== undefined) throw new CliError(ev.err);
    if (found(ev)) { foundOnce = true; break; }
  }
  if (!foundOnce) throw new CliError(sortByError.notFound(field));

  const items = objects.map((o, i) => ({ o, ev: evals[i] }));
  const get = (x: { o: T; ev?: Evaluated }) => (x.ev ??= evaluate(field, x.o));
  const less = (a: { o: T; ev?: Evaluated }, b: { o: T; ev?: Evaluated }): boolean => {
    const ie = get(a);
    if (ie.err !== undefined) {
      throw fatal(310, `Failed to get i values for ${unstructuredSharpV(a.o)} using ${field} (&errors.errorString{s:${goQuote(ie.err)}})`, 255);
    }
    const je = get(b);
    if (je.err !== undefined) {
      throw fatal(315, `Failed to get j values for ${unstructuredSharpV(b.o)} using ${field} (${je.err})`, 255);
    }
    if (!found(ie)) return true;
    if (!found(je)) return false;
    const iv = ie.values![0][0];
    const r = isLess(iv, je.values![0][0], a.o);
    if (typeof r === 'string') {
      throw fatal(329, `Field ${field} in *unstructured.Unstructured is an unsortable type: ${reflectKind(iv, a.o)}, err: ${r}`, 1);
    }
    return r;
  };
  goSort(items, less);
  return items.map((x) => x.o);
}

/** --sort-by for the table output. `groups`: the objects of each resource type, in the order
 *  kubectl would print them. Returns the groups in print order, each sorted, or null for a group
 *  whose table kubectl drops without a message (it then prints nothing for it: with nothing
 *  printed at all, kubectl says "No resources found..."). With several groups kubectl first sorts
 *  the server's Table objects themselves, which normally fails with
 *  `couldn't find any field with path ...` (thrown as CliError). */
export function sortForTables<T>(groups: T[][], sortBy: string): (T[] | null)[] {
  let field: string;
  try {
    field = relaxedJsonPathExpression(sortBy);
  } catch {
    field = sortBy;
  }
  let ordered = groups;
  if (groups.length > 1) {
    // RuntimeSorter: the objects are the (unstructured) Tables the server returned
    const tables = groups.map((g, i) => ({ i, t: tableObject(g) }));
    const sorted = sortObjects(tables.map((x) => x.t), sortBy);
    ordered = sorted.map((t) => groups[tables.find((x) => x.t === t)!.i]);
  }
  return ordered.map((g) => sortTableRows(g, field));
}

/** TableSorter over one Table's rows: null when kubectl gives up on this table. */
export function sortTableRows<T>(objects: T[], field: string): T[] | null {
  if (objects.length <= 1) return objects.slice();
  try {
    new JSONPath(field);
  } catch (e) {
    if (e instanceof JsonPathParseError) return null; // "sorting error: ..." (dropped)
    throw e;
  }
  const rows = objects.map((o) => ({ o, ev: evaluate(field, o) }));
  if (rows.some((r) => r.ev.err !== undefined)) return null; // "Failed to get values for ..." (dropped)
  if (!rows.some((r) => found(r.ev))) return null; // "couldn't find any field ..." (dropped)
  goSort(rows, (a, b) => {
    if (!found(a.ev)) return true;
    if (!found(b.ev)) return false;
    const iv = a.ev.values![0][0];
    const r = isLess(iv, b.ev.values![0][0], a.o);
    if (typeof r === 'string') {
      throw fatal(375, `Field ${field} in [][][]reflect.Value is an unsortable type: ${reflectKind(iv, a.o)}, err: ${r}`, 1);
    }
    return r;
  });
  return rows.map((r) => r.o);
}

function tableObject(objects: unknown[]): unknown {
  return {
    apiVersion: 'meta.k8s.io/v1',
    kind: 'Table',
    metadata: { resourceVersion: '' },
    columnDefinitions: [],
    rows: objects.map((o) => ({ cells: [], object: o })),
  };
}

function unstructuredSharpV(o: unknown): string {
  return `&unstructured.Unstructured{Object:${goSharpV(o)}}`;
}

/** The reflect.Kind of a sort value: values taken out of maps/slices are interfaces; the object
 *  itself (`{}`, `{@}`) is a map. */
function reflectKind(v: unknown, root: unknown): string {
  return v === root ? 'map' : 'interface';
}

/** klog.Fatalf / klog.Exitf: one log line on stderr, then exit. */
function fatal(line: number, msg: string, code: number): CliError {
  const d = new Date();
  const p2 = (n: number) => String(n).padStart(2, '0');
  const us = String(d.getMilliseconds() * 1000).padStart(6, '0');
  const head = `F${p2(d.getMonth() + 1)}${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}.${us} ${String(process.pid).padStart(7)} sorter.go:${line}]`;
  return new CliError(`${head} ${msg}\n`, code, true);
}

/** isLess: true/false, or the error message (kubectl then exits). */
function isLess(i: unknown, j: unknown, root: unknown): boolean | string {
  if (i === root) return 'unsortable type: map';
  const ki = kindOf(i);
  const kj = kindOf(j);
  const iNil = ki === 'nil' || ki === 'invalid';
  const jNil = kj === 'nil' || kj === 'invalid';
  if (iNil && jNil) return false;
  if (iNil) return true;
  if (jNil) return false;
  switch (ki) {
    case 'int64': case 'int':
      if (kj === ki) return intValue(i) < intValue(j);
      return 'unsortable interface: interface';
    case 'uint8':
      if (kj === 'uint8') return intValue(i) < intValue(j);
      return 'unsortable interface: interface';
    case 'float64':
      if (kj === 'float64') return floatValue(i) < floatValue(j);
      return 'unsortable interface: interface';
    case 'string': {
      if (kj !== 'string') return 'unsortable interface: interface';
      const a = i as string;
      const b = j as string;
      const qa = parseQuantity(a);
      if (qa === undefined) return compareStrings(a, b) < 0;
      const qb = parseQuantity(b);
      if (qb === undefined) return compareStrings(a, b) < 0;
      return compareQuantities(qa, qb) < 0;
    }
    case 'bool': return 'unsortable type: bool';
    case 'map': return 'unsortable type: map[string]interface {}';
    case 'slice': return 'unsortable type: []interface {}';
  }
  return 'unsortable interface: interface';
}

// ---------------------------------------------------------------------------------------------
// resource.ParseQuantity / Quantity.Cmp, as exact rationals.

interface Quantity { n: bigint; d: bigint } // value = n / d, d > 0

const DEC_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };
const INT64_MAX = 2n ** 63n - 1n;
const NANO = 10n ** 9n;

function pow10(e: number): bigint { return 10n ** BigInt(e); }

/** undefined when the string is not a quantity. */
export function parseQuantity(str: string): Quantity | undefined {
  if (str.length === 0) return undefined;
  if (str === '0') return { n: 0n, d: 1n };
  const end = str.length;
  let pos = 0;
  let positive = true;
  let num = '';
  let denom = '';
  let suffix = '';
  const digit = (c: string) => c >= '0' && c <= '9';
  parse: {
    if (str[0] === '-') { positive = false; pos++; } else if (str[0] === '+') pos++;
    for (let i = pos; ; i++) {
      if (i >= end) { num = '0'; break parse; }
      if (str[i] === '0') pos++;
      else break;
    }
    let i = pos;
    for (; ; i++) {
      if (i >= end) { num = str.slice(pos, end); break parse; }
      if (!digit(str[i])) { num = str.slice(pos, i); pos = i; break; }
    }
    if (num.length === 0) num = '0';
    if (pos < end && str[pos] === '.') {
      pos++;
      for (i = pos; ; i++) {
        if (i >= end) { denom = str.slice(pos, end); break parse; }
        if (!digit(str[i])) { denom = str.slice(pos, i); pos = i; break; }
      }
    }
    const suffixStart = pos;
    for (i = pos; ; i++) {
      if (i >= end) { suffix = str.slice(suffixStart, end); break parse; }
      if (!'eEinumkKMGTP'.includes(str[i])) { pos = i; break; }
    }
    if (pos < end && (str[pos] === '-' || str[pos] === '+')) pos++;
    for (i = pos; ; i++) {
      if (i >= end) { suffix = str.slice(suffixStart, end); break parse; }
      if (!digit(str[i])) return undefined; // ErrFormatWrong
    }
  }

  let base: number;
  let exponent: number;
  let format: 'dec' | 'bin' | 'exp';
  if (Object.prototype.hasOwnProperty.call(DEC_SUFFIX, suffix)) { base = 10; exponent = DEC_SUFFIX[suffix]; format = 'dec'; }
  else if (Object.prototype.hasOwnProperty.call(BIN_SUFFIX, suffix)) { base = 2; exponent = BIN_SUFFIX[suffix]; format = 'bin'; }
  else if (suffix.length > 1 && (suffix[0] === 'e' || suffix[0] === 'E') && /^[+-]?[0-9]+$/.test(suffix.slice(1))) {
    const e = BigInt(suffix.slice(1));
    if (e < -(2n ** 63n) || e >= 2n ** 63n) return undefined;
    base = 10; exponent = Number(BigInt.asIntN(32, e)); format = 'exp';
  } else return undefined;
  if (format === 'exp' && Math.abs(exponent) > 400) {
    // beyond the int64 cap either way: the value is capped, or rounded up to 1n (or is zero)
    const zero = !/[1-9]/.test(num + denom);
    const mag = zero ? 0n : exponent > 0 ? INT64_MAX * NANO : 1n;
    return { n: positive ? mag : -mag, d: NANO };
  }

  const digits = BigInt(num + denom);
  // fast path (int64Amount): exact, not rounded, not capped
  let precision = -1;
  let scale = 0;
  let mantissa = 1n;
  if (format !== 'bin') {
    scale = exponent;
    precision = 18 - (num.length + denom.length);
  } else if (exponent >= 0 && denom.length === 0) {
    mantissa = 1n << BigInt(exponent);
    precision = 15 - num.length - Math.trunc(Math.fround(Math.fround(exponent) * 3 / 10)) - 1;
  }
  if (precision >= 0) {
    scale -= denom.length;
    if (scale >= -9) {
      const v = digits * mantissa;
      if (digits <= INT64_MAX && v <= INT64_MAX) {
        const n = positive ? v : -v;
        return scale >= 0 ? { n: n * pow10(scale), d: 1n } : { n, d: pow10(-scale) };
      }
      if (digits > INT64_MAX) return undefined; // ErrNumeric
    }
  }

  // slow path (inf.Dec): value, rounded up to a multiple of 1n, capped at the int64 maximum
  let n = digits;
  let d = pow10(denom.length);
  if (base === 10) {
    if (exponent >= 0) n *= pow10(exponent);
    else d *= pow10(-exponent);
  } else n <<= BigInt(exponent);
  if (n !== 0n) {
    const nanos = (n * NANO + d - 1n) / d; // round up (away from zero)
    n = nanos;
    d = NANO;
  }
  if (n * 1n > INT64_MAX * d) { n = INT64_MAX; d = 1n; }
  return { n: positive ? n : -n, d };
}

function compareQuantities(a: Quantity, b: Quantity): number {
  const l = a.n * b.d;
  const r = b.n * a.d;
  return l < r ? -1 : l > r ? 1 : 0;
}
