// Go's sort.Sort / sort.Slice (pattern-defeating quicksort, Go 1.19+), so that elements that
// compare equal end up in the same order as kubectl leaves them. Insertion sort (stable) for up
// to 12 elements; not stable beyond.

type Less = (i: number, j: number) => boolean;

/** Sort a copy of items as Go's sort.Sort would with the given less. */
export function goSort<T>(items: T[], less: (a: T, b: T) => boolean): T[] {
  const d = items.slice();
  goSortInPlace(d, less);
  return d;
}

/** Sort data in place as Go's sort.Sort would with the given less. */
export function goSortInPlace<T>(d: T[], less: (a: T, b: T) => boolean): void {
  const n = d.length;
  if (n <= 1) return;
  const l: Less = (i, j) => less(d[i], d[j]);
  const swap = (i: number, j: number) => { const t = d[i]; d[i] = d[j]; d[j] = t; };
  pdqsort(l, swap, 0, n, bitsLen(n));
}

function bitsLen(x: number): number {
  let n = 0;
  while (x > 0) { n++; x = Math.floor(x / 2); }
  return n;
}

type Swap = (i: number, j: number) => void;
const UNKNOWN = 0, INCREASING = 1, DECREASING = 2;

function insertionSort(less: Less, swap: Swap, a: number, b: number): void {
  for (let i = a + 1; i < b; i++) for (let j = i; j > a && less(j, j - 1); j--) swap(j, j - 1);
}

function siftDown(less: Less, swap: Swap, lo: number, hi: number, first: number): void {
  let root = lo;
  for (;;) {
    let child = 2 * root + 1;
    if (child >= hi) break;
    if (child + 1 < hi && less(first + child, first + child + 1)) child++;
    if (!less(first + root, first + child)) return;
    swap(first + root, first + child);
    root = child;
  }
}

function heapSort(less: Less, swap: Swap, a: number, b: number): void {
  const first = a, lo = 0, hi = b - a;
  for (let i = Math.trunc((hi - 1) / 2); i >= 0; i--) siftDown(less, swap, i, hi, first);
  for (let i = hi - 1; i >= 0; i--) { swap(first, first + i); siftDown(less, swap, lo, i, first); }
}

function pdqsort(less: Less, swap: Swap, a: number, b: number, limit: number): void {
  const maxInsertion = 12;
  let wasBalanced = true, wasPartitioned = true;
  for (;;) {
    const length = b - a;
    if (length <= maxInsertion) { insertionSort(less, swap, a, b); return; }
    if (limit === 0) { heapSort(less, swap, a, b); return; }
    if (!wasBalanced) { breakPatterns(swap, a, b); limit--; }
    let [pivot, hint] = choosePivot(less, a, b);
    if (hint === DECREASING) {
      reverseRange(swap, a, b);
      pivot = (b - 1) - (pivot - a);
      hint = INCREASING;
    }
    if (wasBalanced && wasPartitioned && hint === INCREASING) {
      if (partialInsertionSort(less, swap, a, b)) return;
    }
    if (a > 0 && !less(a - 1, pivot)) {
      a = partitionEqual(less, swap, a, b, pivot);
      continue;
    }
    const [mid, already] = partition(less, swap, a, b, pivot);
    wasPartitioned = already;
    const leftLen = mid - a, rightLen = b - mid;
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

function partition(less: Less, swap: Swap, a: number, b: number, pivot: number): [number, boolean] {
  swap(a, pivot);
  let i = a + 1, j = b - 1;
  while (i <= j && less(i, a)) i++;
  while (i <= j && !less(j, a)) j--;
  if (i > j) { swap(j, a); return [j, true]; }
  swap(i, j);
  i++; j--;
  for (;;) {
    while (i <= j && less(i, a)) i++;
    while (i <= j && !less(j, a)) j--;
    if (i > j) break;
    swap(i, j);
    i++; j--;
  }
  swap(j, a);
  return [j, false];
}

function partitionEqual(less: Less, swap: Swap, a: number, b: number, pivot: number): number {
  swap(a, pivot);
  let i = a + 1, j = b - 1;
  for (;;) {
    while (i <= j && !less(a, i)) i++;
    while (i <= j && less(a, j)) j--;
    if (i > j) break;
    swap(i, j);
    i++; j--;
  }
  return i;
}

function partialInsertionSort(less: Less, swap: Swap, a: number, b: number): boolean {
  const maxSteps = 5, shortestShifting = 50;
  let i = a + 1;
  for (let step = 0; step < maxSteps; step++) {
    while (i < b && !less(i, i - 1)) i++;
    if (i === b) return true;
    if (b - a < shortestShifting) return false;
    swap(i, i - 1);
    if (i - a >= 2) {
      for (let j = i - 1; j >= 1; j--) { if (!less(j, j - 1)) break; swap(j, j - 1); }
    }
    if (b - i >= 2) {
      for (let j = i + 1; j < b; j++) { if (!less(j, j - 1)) break; swap(j, j - 1); }
    }
  }
  return false;
}

function breakPatterns(swap: Swap, a: number, b: number): void {
  const length = b - a;
  if (length >= 8) {
    const M = (1n << 64n) - 1n;
    let r = BigInt(length);
    const next = () => { r ^= (r << 13n) & M; r ^= r >> 17n; r ^= (r << 5n) & M; return r; };
    const modulus = 2 ** bitsLen(length);
    const mask = BigInt(modulus - 1);
    const half = Math.trunc(length / 4) * 2;
    for (let idx = a + half - 1; idx <= a + half + 1; idx++) {
      let other = Number(next() & mask);
      if (other >= length) other -= length;
      swap(idx, a + other);
    }
  }
}

function choosePivot(less: Less, a: number, b: number): [number, number] {
  const shortestNinther = 50, maxSwaps = 4 * 3;
  const l = b - a;
  const swaps = { n: 0 };
  let i = a + Math.trunc(l / 4) * 1;
  let j = a + Math.trunc(l / 4) * 2;
  let k = a + Math.trunc(l / 4) * 3;
  if (l >= 8) {
    if (l >= shortestNinther) {
      i = median(less, i - 1, i, i + 1, swaps);
      j = median(less, j - 1, j, j + 1, swaps);
      k = median(less, k - 1, k, k + 1, swaps);
    }
    j = median(less, i, j, k, swaps);
  }
  if (swaps.n === 0) return [j, INCREASING];
  if (swaps.n === maxSwaps) return [j, DECREASING];
  return [j, UNKNOWN];
}

function order2(less: Less, a: number, b: number, swaps: { n: number }): [number, number] {
  if (less(b, a)) { swaps.n++; return [b, a]; }
  return [a, b];
}

function median(less: Less, a: number, b: number, c: number, swaps: { n: number }): number {
  [a, b] = order2(less, a, b, swaps);
  [b, c] = order2(less, b, c, swaps);
  [a, b] = order2(less, a, b, swaps);
  void c;
  return b;
}

function reverseRange(swap: Swap, a: number, b: number): void {
  let i = a, j = b - 1;
  while (i < j) { swap(i, j); i++; j--; }
}
