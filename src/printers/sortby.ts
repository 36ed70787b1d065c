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

// ---------------------------------------------------------------------------------------------
// Go's sort.Sort (pdqsort, go1.23), over an array with a less function.

type Less<T> = (a: T, b: T) => boolean;

export function goSort<T>(data: T[], lessFn: Less<T>): void {
  const n = data.length;
  if (n <= 1) return;
  const less = (i: number, j: number) => lessFn(data[i], data[j]);
  const swap = (i: number, j: number) => { const t = data[i]; data[i] = data[j]; data[j] = t; };
  const limit = 32 - Math.clz32(n);
  pdqsort(less, swap, 0, n, limit);
}

type LessIdx = (i: number, j: number) => boolean;
type SwapIdx = (i: number, j: number) => void;

function insertionSort(less: LessIdx, swap: SwapIdx, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) {
    for (let j = i; j > a && less(j, j - 1); j--) swap(j, j - 1);
  }
}

function siftDown(less: LessIdx, swap: SwapIdx, lo: number, hi: number, first: number): void {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) return;
    if (child + 1 < hi && less(first + child, first + child + 1)) child++;
    if (!less(first + root, first + child)) return;
    swap(first + root, first + child);
    root = child;
  }
}

function heapSort(less: LessIdx, swap: SwapIdx, a: number, b: number): void {
  const first = a;
  const lo = 0;
  const hi = b - a;
  for (let i = Math.trunc((hi - 1) / 2); i >= 0; i--) siftDown(less, swap, i, hi, first);
  for (let i = hi - 1; i >= 0; i--) {
    swap(first, first + i);
    siftDown(less, swap, lo, i, first);
  }
}

const UNKNOWN_HINT = 0;
const INCREASING_HINT = 1;
const DECREASING_HINT = 2;

function pdqsort(less: LessIdx, swap: SwapIdx, a: number, b: number, limit: number): void {
  const maxInsertion = 12;
  let wasBalanced = true;
  let wasPartitioned = true;
  for (;;) {
    const length = b - a;
    if (length <= maxInsertion) {
      insertionSort(less, swap, a, b);
      return;
    }
    if (limit === 0) {
      heapSort(less, swap, a, b);
      return;
    }
    if (!wasBalanced) {
      breakPatterns(swap, a, b);
      limit--;
    }
    let [pivot, hint] = choosePivot(less, a, b);
    if (hint === DECREASING_HINT) {
      reverseRange(swap, a, b);
      pivot = (b - 1) - (pivot - a);
      hint = INCREASING_HINT;
    }
    if (wasBalanced && wasPartitioned && hint === INCREASING_HINT) {
      if (partialInsertionSort(less, swap, a, b)) return;
    }
    if (a > 0 && !less(a - 1, pivot)) {
      a = partitionEqual(less, swap, a, b, pivot);
      continue;
    }
    const [mid, alreadyPartitioned] = partition(less, swap, a, b, pivot);
    wasPartitioned = alreadyPartitioned;
    const leftLen = mid - a;
    const rightLen = b - mid;
    const balanceThreshold = Math.trunc(length / 8);
    if (leftLen < rightLen) {
      wasBalanced = leftLen >= balanceThreshold;
      pdqsort(less, swap, a, mid, limit);
      a = mid + 1;
    } else {
      wasBalanced = rightLen >= balanceThreshold;
      pdqsort(less, swap, mid + 1, b, limit);
      b = mid;
    }
  }
}

function partition(less: LessIdx, swap: SwapIdx, a: number, b: number, pivot: number): [number, boolean] {
  swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  while (i <= j && less(i, a)) i++;
  while (i <= j && !less(j, a)) j--;
  if (i > j) {
    swap(j, a);
    return [j, true];
  }
  swap(i, j);
  i++;
  j--;
  for (;;) {
    while (i <= j && less(i, a)) i++;
    while (i <= j && !less(j, a)) j--;
    if (i > j) break;
    swap(i, j);
    i++;
    j--;
  }
  swap(j, a);
  return [j, false];
}

function partitionEqual(less: LessIdx, swap: SwapIdx, a: number, b: number, pivot: number): number {
  swap(a, pivot);
  let i = a + 1;
  let j = b - 1;
  for (;;) {
    while (i <= j && !less(a, i)) i++;
    while (i <= j && less(a, j)) j--;
    if (i > j) break;
    swap(i, j);
    i++;
    j--;
  }
  return i;
}

function partialInsertionSort(less: LessIdx, swap: SwapIdx, a: number, b: number): boolean {
  const maxSteps = 5;
  const shortestShifting = 50;
  let i = a + 1;
  for (let j = 0; j < maxSteps; j++) {
    while (i < b && !less(i, i - 1)) i++;
    if (i === b) return true;
    if (b - a < shortestShifting) return false;
    swap(i, i - 1);
    if (i - a >= 2) {
      for (let k = i - 1; k >= 1; k--) {
        if (!less(k, k - 1)) break;
        swap(k, k - 1);
      }
    }
    if (b - i >= 2) {
      for (let k = i + 1; k < b; k++) {
        if (!less(k, k - 1)) break;
        swap(k, k - 1);
      }
    }
  }
  return false;
}

function breakPatterns(swap: SwapIdx, a: number, b: number): void {
  const length = b - a;
  if (length >= 8) {
    let random = BigInt(length); // xorshift
    const mask = (1n << 64n) - 1n;
    const next = () => {
      random ^= (random << 13n) & mask;
      random ^= random >> 17n;
      random ^= (random << 5n) & mask;
      return random;
    };
    const modulus = 2 ** (32 - Math.clz32(length)); // nextPowerOfTwo
    const m = BigInt(modulus - 1);
    for (let idx = a + Math.trunc(length / 4) * 2 - 1; idx <= a + Math.trunc(length / 4) * 2 + 1; idx++) {
      let other = Number(next() & m);
      if (other >= length) other -= length;
      swap(idx, a + other);
    }
  }
}

function choosePivot(less: LessIdx, a: number, b: number): [number, number] {
  const shortestNinther = 50;
  const maxSwaps = 4 * 3;
  const l = b - a;
  const swaps = { n: 0 };
  let i = a + Math.trunc(l / 4) * 1;
  let j = a + Math.trunc(l / 4) * 2;
  let k = a + Math.trunc(l / 4) * 3;
  if (l >= 8) {
    if (l >= shortestNinther) {
      i = medianAdjacent(less, i, swaps);
      j = medianAdjacent(less, j, swaps);
      k = medianAdjacent(less, k, swaps);
    }
    j = median(less, i, j, k, swaps);
  }
  switch (swaps.n) {
    case 0: return [j, INCREASING_HINT];
    case maxSwaps: return [j, DECREASING_HINT];
    default: return [j, UNKNOWN_HINT];
  }
}

function order2(less: LessIdx, a: number, b: number, swaps: { n: number }): [number, number] {
  if (less(b, a)) {
    swaps.n++;
    return [b, a];
  }
  return [a, b];
}

function median(less: LessIdx, a: number, b: number, c: number, swaps: { n: number }): number {
  [a, b] = order2(less, a, b, swaps);
  [b, c] = order2(less, b, c, swaps);
  [a, b] = order2(less, a, b, swaps);
  void c;
  return b;
}

function medianAdjacent(less: LessIdx, a: number, swaps: { n: number }): number {
  return median(less, a - 1, a, a + 1, swaps);
}

function reverseRange(swap: SwapIdx, a: number, b: number): void {
  let i = a;
  let j = b - 1;
  while (i < j) {
    swap(i, j);
    i++;
    j--;
  }
}

