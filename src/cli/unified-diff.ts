// `diff -u -N DIR1 DIR2` as GNU diffutils prints it, for `kubectl diff` (which runs that program
// on two temporary directories of YAML): kubesim runs no host program, so the comparison is
// done here, the way GNU diff does it (analyze.c: identical ends kept to the context horizon,
// discard_confusing_lines, compareseq's middle-snake search, shift_boundaries; context.c: hunks
// closer than 2*context+1 lines joined, `@@ -a,b +c,d @@` ranges).

export interface DiffFile { name: string; text: string; mtime: string }

function splitLines(text: string): string[] {
  if (!text) return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

interface Change { line0: number; line1: number; deleted: number; inserted: number }

/** Marks the changed lines of each file (true = deleted from a / inserted into b). */
function analyze(a: string[], b: string[], context: number): { changed0: Uint8Array; changed1: Uint8Array } {
  const n0 = a.length, n1 = b.length;
  // equivalence classes
  const ids = new Map<string, number>();
  const eq = (s: string) => { let v = ids.get(s); if (v === undefined) { v = ids.size + 1; ids.set(s, v); } return v; };
  const e0 = a.map(eq), e1 = b.map(eq);
  // find_identical_ends: the common prefix and suffix, minus the context horizon
  let pre = 0;
  while (pre < n0 && pre < n1 && e0[pre] === e1[pre]) pre++;
  let suf = 0;
  while (suf < n0 - pre && suf < n1 - pre && e0[n0 - 1 - suf] === e1[n1 - 1 - suf]) suf++;
  pre = Math.max(0, pre - context);
  suf = Math.max(0, suf - context);
  const lo0 = pre, hi0 = n0 - suf, lo1 = pre, hi1 = n1 - suf;
  // changed arrays with a sentinel before and after (index + 1)
  const changed0 = new Uint8Array(n0 + 2), changed1 = new Uint8Array(n1 + 2);
  const len0 = hi0 - lo0, len1 = hi1 - lo1;
  const eqs = [e0.slice(lo0, hi0), e1.slice(lo1, hi1)];
  const lens = [len0, len1];
  // discard_confusing_lines
  const counts = [new Map<number, number>(), new Map<number, number>()];
  for (let f = 0; f < 2; f++) for (const v of eqs[f]) counts[f].set(v, (counts[f].get(v) ?? 0) + 1);
  const discards = [new Uint8Array(len0), new Uint8Array(len1)];
  for (let f = 0; f < 2; f++) {
    const other = counts[1 - f];
    let many = 5;
    let tem = lens[f] / 64 | 0;
    while ((tem = tem >> 2) > 0) many *= 2;
    for (let i = 0; i < lens[f]; i++) {
      const nmatch = other.get(eqs[f][i]) ?? 0;
      if (nmatch === 0) discards[f][i] = 1;
      else if (nmatch > many) discards[f][i] = 2;
    }
  }
  for (let f = 0; f < 2; f++) {
    const d = discards[f], end = lens[f];
    for (let i = 0; i < end; i++) {
      if (d[i] === 2) d[i] = 0;
      else if (d[i] !== 0) {
        let j: number, provisional = 0;
        for (j = i; j < end; j++) { if (d[j] === 0) break; if (d[j] === 2) ++provisional; }
        while (j > i && d[j - 1] === 2) { d[--j] = 0; --provisional; }
        const length = j - i;
        if (provisional * 4 > length) {
          while (j > i) if (d[--j] === 2) d[j] = 0;
        } else {
          let minimum = 1, t = length >> 2;
          while (0 < (t >>= 2)) minimum <<= 1;
          minimum++;
          let consec = 0;
          for (j = 0, consec = 0; j < length; j++) {
            if (d[i + j] !== 2) consec = 0;
            else if (minimum === ++consec) j -= consec;
            else if (minimum < consec) d[i + j] = 0;
          }
          for (j = 0, consec = 0; j < length; j++) {
            if (j >= 8 && d[i + j] === 1) break;
            if (d[i + j] === 2) { consec = 0; d[i + j] = 0; } else if (d[i + j] === 0) consec = 0; else consec++;
            if (consec === 3) break;
          }
          i += length - 1;
          for (j = 0, consec = 0; j < length; j++) {
            if (j >= 8 && d[i - j] === 1) break;
            if (d[i - j] === 2) { consec = 0; d[i - j] = 0; } else if (d[i - j] === 0) consec = 0; else consec++;
            if (consec === 3) break;
          }
        }
      }
    }
  }
  const und: number[][] = [[], []], real: number[][] = [[], []];
  const changed = [changed0, changed1], los = [lo0, lo1];
  for (let f = 0; f < 2; f++) {
    for (let i = 0; i < lens[f]; i++) {
      if (discards[f][i] === 0) { und[f].push(eqs[f][i]); real[f].push(i); } else changed[f][los[f] + i + 1] = 1;
    }
  }
  // compareseq over the undiscarded lines
  const X = und[0], Y = und[1];
  const size = X.length + Y.length + 3;
  const fd = new Int32Array(2 * size + 2), bd = new Int32Array(2 * size + 2);
  const off = size;
  const noteDelete = (x: number) => { changed0[los[0] + real[0][x] + 1] = 1; };
  const noteInsert = (y: number) => { changed1[los[1] + real[1][y] + 1] = 1; };
  const diag = (xoff: number, xlim: number, yoff: number, ylim: number): [number, number] => {
    const dmin = xoff - ylim, dmax = xlim - yoff, fmid = xoff - yoff, bmid = xlim - ylim;
    let fmin = fmid, fmax = fmid, bmin = bmid, bmax = bmid;
    const odd = ((fmid - bmid) & 1) !== 0;
    fd[off + fmid] = xoff;
    bd[off + bmid] = xlim;
    for (;;) {
      if (fmin > dmin) fd[off + --fmin - 1] = -1; else ++fmin;
      if (fmax < dmax) fd[off + ++fmax + 1] = -1; else --fmax;
      for (let d = fmax; d >= fmin; d -= 2) {
        const tlo = fd[off + d - 1], thi = fd[off + d + 1];
        const x0 = tlo < thi ? thi : tlo + 1;
        let x = x0, y = x0 - d;
        while (x < xlim && y < ylim && X[x] === Y[y]) { x++; y++; }
        fd[off + d] = x;
        if (odd && bmin <= d && d <= bmax && bd[off + d] <= x) return [x, y];
      }
      if (bmin > dmin) bd[off + --bmin - 1] = 0x7fffffff; else ++bmin;
      if (bmax < dmax) bd[off + ++bmax + 1] = 0x7fffffff; else --bmax;
      for (let d = bmax; d >= bmin; d -= 2) {
        const tlo = bd[off + d - 1], thi = bd[off + d + 1];
        const x0 = tlo < thi ? tlo : thi - 1;
        let x = x0, y = x0 - d;
        while (xoff < x && yoff < y && X[x - 1] === Y[y - 1]) { x--; y--; }
        bd[off + d] = x;
        if (!odd && fmin <= d && d <= fmax && x <= fd[off + d]) return [x, y];
      }
    }
  };
  const compareseq = (xoff: number, xlim: number, yoff: number, ylim: number): void => {
    while (xoff < xlim && yoff < ylim && X[xoff] === Y[yoff]) { xoff++; yoff++; }
    while (xoff < xlim && yoff < ylim && X[xlim - 1] === Y[ylim - 1]) { xlim--; ylim--; }
    if (xoff === xlim) { while (yoff < ylim) noteInsert(yoff++); return; }
    if (yoff === ylim) { while (xoff < xlim) noteDelete(xoff++); return; }
    const [xmid, ymid] = diag(xoff, xlim, yoff, ylim);
    compareseq(xoff, xmid, yoff, ymid);
    compareseq(xmid, xlim, ymid, ylim);
  };
  compareseq(0, X.length, 0, Y.length);
  // shift_boundaries, over the buffered lines (indexes shifted by one for the sentinels)
  for (let f = 0; f < 2; f++) {
    const ch = changed[f], other = changed[1 - f], eqv = f === 0 ? e0 : e1;
    const base = los[f], obase = los[1 - f];
    const C = (i: number) => ch[base + i + 1];
    const setC = (i: number, v: number) => { ch[base + i + 1] = v; };
    const O = (j: number) => other[obase + j + 1];
    const E = (i: number) => eqv[base + i];
    const iEnd = lens[f];
    let i = 0, j = 0;
    for (;;) {
      while (i < iEnd && !C(i)) { while (O(j++)) continue; i++; }
      if (i === iEnd) break;
      let start = i;
      while (C(++i)) continue;
      while (O(j)) j++;
      let runlength: number, corresponding: number;
      do {
        runlength = i - start;
        while (start && E(start - 1) === E(i - 1)) {
          setC(--start, 1); setC(--i, 0);
          while (C(start - 1)) start--;
          while (O(--j)) continue;
        }
        corresponding = O(j - 1) ? i : iEnd;
        while (i !== iEnd && E(start) === E(i)) {
          setC(start++, 0); setC(i++, 1);
          while (C(i)) i++;
          while (O(++j)) corresponding = i;
        }
      } while (runlength !== i - start);
      while (corresponding < i) {
        setC(--start, 1); setC(--i, 0);
        while (O(--j)) continue;
      }
    }
  }
  return { changed0, changed1 };
}

/** The change script (build_script): runs of deletions and insertions in file order. */
function script(changed0: Uint8Array, changed1: Uint8Array, n0: number, n1: number): Change[] {
  const out: Change[] = [];
  let i0 = 0, i1 = 0;
  while (i0 < n0 || i1 < n1) {
    if (changed0[i0 + 1] || changed1[i1 + 1]) {
      const line0 = i0, line1 = i1;
      while (i0 < n0 && changed0[i0 + 1]) i0++;
      while (i1 < n1 && changed1[i1 + 1]) i1++;
      out.push({ line0, line1, deleted: i0 - line0, inserted: i1 - line1 });
    } else { i0++; i1++; }
  }
  return out;
}

const range = (first: number, last: number): string => {
  // translate_range: 1-based; an empty range prints the line before it
  const a = first + 1, b = last + 1;
  if (b <= a) return b < a ? `${b},0` : `${b}`;
  return `${a},${b - a + 1}`;
};

/** The unified diff of two files (empty when they are equal). */
export function unifiedDiff(from: DiffFile, to: DiffFile, context = 3): string {
  const a = splitLines(from.text), b = splitLines(to.text);
  const noEol0 = from.text.length > 0 && !from.text.endsWith('\n');
  const noEol1 = to.text.length > 0 && !to.text.endsWith('\n');
  if (from.text === to.text) return '';
  // a last line without its newline is another line than the same text with one
  const key = (lines: string[], noEol: boolean) => (noEol ? [...lines.slice(0, -1), lines[lines.length - 1] + '\n\u0000'] : lines);
  const { changed0, changed1 } = analyze(key(a, noEol0), key(b, noEol1), context);
  const changes = script(changed0, changed1, a.length, b.length);
  if (!changes.length && noEol0 === noEol1) return '';
  let outText = `--- ${from.name}\t${from.mtime}\n+++ ${to.name}\t${to.mtime}\n`;
  const line = (prefix: string, lines: string[], i: number, noEol: boolean) => {
    outText += prefix + lines[i] + '\n';
    if (noEol && i === lines.length - 1) outText += '\\ No newline at end of file\n';
  };
  let h = 0;
  while (h < changes.length) {
    // find_hunk: join changes closer than 2*context+1 unchanged lines
    let last = h;
    while (last + 1 < changes.length && changes[last + 1].line0 - (changes[last].line0 + changes[last].deleted) < 2 * context + 1) last++;
    const first0 = changes[h].line0, first1 = changes[h].line1;
    const end0 = changes[last].line0 + changes[last].deleted - 1, end1 = changes[last].line1 + changes[last].inserted - 1;
    const f0 = Math.max(first0 - context, 0), f1 = Math.max(first1 - context, 0);
    const l0 = end0 < a.length - context ? end0 + context : a.length - 1;
    const l1 = end1 < b.length - context ? end1 + context : b.length - 1;
    outText += `@@ -${range(f0, l0)} +${range(f1, l1)} @@\n`;
    let i = f0, j = f1, c = h;
    while (i <= l0 || j <= l1) {
      if (c > last || i < changes[c].line0) { line(' ', a, i, noEol0 && noEol1); i++; j++; continue; }
      for (let k = 0; k < changes[c].deleted; k++) line('-', a, i++, noEol0);
      for (let k = 0; k < changes[c].inserted; k++) line('+', b, j++, noEol1);
      c++;
    }
    h = last + 1;
  }
  return outText;
}
