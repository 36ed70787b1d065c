// Go's text/tabwriter (as forked by github.com/liggitt/tabwriter, which kubectl 1.32 pins), byte
// for byte: elastic tabstops computed per block of consecutive lines, cell width in runes, the
// text after a line's last tab never padded, and the fork's RememberWidths flag.
//
// kubectl get:      new TabWriter({ minwidth: 6, tabwidth: 4, padding: 3, flags: RememberWidths })
// kubectl describe: new TabWriter({ minwidth: 0, tabwidth: 8, padding: 2 })
//
// Not implemented: FilterHTML and StripEscape/Escape (0xff) sequences; kubectl uses neither.

export const FilterHTML = 1;
export const StripEscape = 2;
export const AlignRight = 4;
export const DiscardEmptyColumns = 8;
export const TabIndent = 16;
export const Debug = 32;
export const RememberWidths = 64;

export interface TabWriterOptions {
  minwidth: number;
  tabwidth: number;
  padding: number;
  /** one ASCII character; default ' '. With '\t', padding is done with tabs. */
  padchar?: string;
  flags?: number;
}

/** The settings kubectl get uses (printers.GetNewTabWriter). */
export const GET_TABWRITER: TabWriterOptions = { minwidth: 6, tabwidth: 4, padding: 3, padchar: ' ', flags: RememberWidths };
/** The settings kubectl describe uses. */
export const DESCRIBE_TABWRITER: TabWriterOptions = { minwidth: 0, tabwidth: 8, padding: 2, padchar: ' ', flags: 0 };

/** Width of a string in runes (Unicode code points), as utf8.RuneCount counts it. */
export function runeWidth(s: string): number {
  let n = s.length;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
      const d = s.charCodeAt(i + 1);
      if (d >= 0xdc00 && d <= 0xdfff) { n--; i++; }
    }
  }
  return n;
}

const BREAKS = /[\t\n\v\f]/;

const padCache: Map<string, string[]> = new Map();
function padString(ch: string, n: number): string {
  let arr = padCache.get(ch);
  if (!arr) { arr = []; padCache.set(ch, arr); }
  if (n < 64) {
    let s = arr[n];
    if (s === undefined) { s = ch.repeat(n); arr[n] = s; }
    return s;
  }
  return ch.repeat(n);
}

// Storage is flat (one array of cells for all buffered lines) to keep allocation low: line l
// has the cells starts[l] .. starts[l+1]-1; the last line is the one being filled.
export class TabWriter {
  private minwidth: number;
  private tabwidth: number;
  private padding: number;
  private padchar: string;
  private flags: number;

  /** cell texts of all buffered lines */
  private cells: string[] = [];
  /** cell widths in runes */
  private cw: number[] = [];
  /** index of each buffered line's first cell; the last entry is the current line */
  private starts: number[] = [0];
  /** cells terminated by '\v' (soft tabs), by cell index; only used with DiscardEmptyColumns */
  private soft: Set<number> | null = null;
  /** text of the current, unterminated cell */
  private pending = '';
  /** column widths stack during formatting */
  private widths: number[] = [];
  /** RememberWidths: per-column maxima across flushes */
  private maxwidths: number[] = [];
  /** formatted output not yet handed out by flush() */
  private out: string[] = [];

  constructor(opts: TabWriterOptions) {
    if (opts.minwidth < 0 || opts.tabwidth < 0 || opts.padding < 0) throw new Error('negative minwidth, tabwidth, or padding');
    this.minwidth = opts.minwidth;
    this.tabwidth = opts.tabwidth;
    this.padding = opts.padding;
    this.padchar = opts.padchar ?? ' ';
    let flags = opts.flags ?? 0;
    if (this.padchar === '\t') flags &= ~AlignRight; // tab padding enforces left-alignment
    this.flags = flags;
  }

  /** Buffer text. Cells end at '\t' or '\v', lines at '\n' or '\f' ('\f' also flushes). */
  write(text: string): this {
    const ascii = !/[\uD800-\uDFFF]/.test(text);
    const special = text.indexOf('\v') >= 0 || text.indexOf('\f') >= 0;
    const len = text.length;
    let n = 0;
    let nt = special ? -1 : text.indexOf('\t');
    let nn = special ? -1 : text.indexOf('\n');
    for (;;) {
      let i: number, ch: number;
      if (special) {
        i = n;
        while (i < len) { const c = text.charCodeAt(i); if (c >= 9 && c <= 12) break; i++; }
        if (i >= len) break;
        ch = text.charCodeAt(i);
      } else {
        if (nt < 0 && nn < 0) break;
        if (nt >= 0 && (nn < 0 || nt < nn)) { i = nt; ch = 9; nt = text.indexOf('\t', i + 1); }
        else { i = nn; ch = 10; nn = text.indexOf('\n', i + 1); }
      }
      let cell = text.slice(n, i);
      let w: number;
      if (this.pending) { cell = this.pending + cell; this.pending = ''; w = runeWidth(cell); }
      else w = ascii ? cell.length : runeWidth(cell);
      n = i + 1;
      this.cells.push(cell);
      this.cw.push(w);
      if (ch === 11) (this.soft ??= new Set()).add(this.cells.length - 1);
      if (ch === 10 || ch === 12) {
        const ncells = this.cells.length - this.starts[this.starts.length - 1];
        this.starts.push(this.cells.length);
        // A line with a single cell does not influence the layout of later lines: Go flushes here.
        if (ch === 12 || ncells === 1) {
          this.formatBuffered();
          if (ch === 12 && this.flags & Debug) this.out.push('---\n');
        }
      }
    }
    if (n < len) this.pending += text.slice(n);
    return this;
  }

  /** Buffer one complete line of cells: the same as write(cells.join('\t') + '\n') when no cell
   *  holds a tab or line break (then it falls back to exactly that). */
  writeCells(cells: string[]): this {
    const line = cells.join('\t');
    if (this.pending || cells.some((c) => BREAKS.test(c))) return this.write(line + '\n');
    const ascii = !/[\uD800-\uDFFF]/.test(line);
    for (const c of cells) {
      this.cells.push(c);
      this.cw.push(ascii ? c.length : runeWidth(c));
    }
    this.starts.push(this.cells.length);
    if (cells.length === 1) this.formatBuffered();
    return this;
  }

  /** Format everything buffered (an unterminated last line is written without a newline) and
   *  return all output produced since the previous flush(). */
  flush(): string {
    if (this.pending) {
      this.cells.push(this.pending);
      this.cw.push(runeWidth(this.pending));
      this.pending = '';
    }
    this.formatBuffered();
    const s = this.out.length === 1 ? this.out[0] : this.out.join('');
    this.out = [];
    return s;
  }

  /** A copy of the remembered per-column widths (RememberWidths). */
  rememberedWidths(): number[] { return this.maxwidths.slice(); }

  /** Replace the remembered widths; null or [] forgets them (kubectl does this per resource group). */
  setRememberedWidths(widths: number[] | null | undefined): this {
    this.maxwidths = widths ? widths.slice() : [];
    return this;
  }

  /** True if nothing is buffered. */
  isEmpty(): boolean {
    return this.cells.length === 0 && this.pending === '';
  }

  // Format the buffered lines, the current one last (as Go's b.lines always ends with the line
  // being filled); it gets no newline.
  private formatBuffered(): void {
    this.starts.push(this.cells.length); // end of the current line
    this.widths.length = 0;
    this.format(0, this.starts.length - 1);
    this.cells = [];
    this.cw = [];
    this.starts = [0];
    this.soft = null;
  }

  private format(line0: number, line1: number): void {
    const column = this.widths.length;
    const starts = this.starts;
    for (let t = line0; t < line1; t++) {
      if (column >= starts[t + 1] - starts[t] - 1) continue;
      // a cell exists in this column: print the lines before this block
      this.writeLines(line0, t);
      line0 = t;
      // column block
      let width = this.minwidth;
      let discardable = true;
      for (; t < line1; t++) {
        const s0 = starts[t];
        if (column >= starts[t + 1] - s0 - 1) break;
        const cw = this.cw[s0 + column];
        const w = cw + this.padding;
        if (w > width) width = w;
        if (discardable && (cw > 0 || !this.soft || !this.soft.has(s0 + column))) discardable = false;
      }
      if (discardable && this.flags & DiscardEmptyColumns) width = 0;
      if (this.flags & RememberWidths) {
        const mw = this.maxwidths;
        if (mw.length < this.widths.length) for (let k = mw.length; k < this.widths.length; k++) mw.push(this.widths[k]);
        if (mw.length === this.widths.length) mw.push(width);
        else if (mw[column] > width) width = mw[column];
        else if (mw[column] < width) mw[column] = width;
      }
      this.widths.push(width);
      this.format(line0, t);
      this.widths.pop();
      line0 = t;
      // line t (if any) has no cell in this column, so it cannot start a block: skipping it
      // with the loop's t++ is what Go does too.
    }
    this.writeLines(line0, line1);
  }

  private writeLines(line0: number, line1: number): void {
    const out = this.out, widths = this.widths, cells = this.cells, cw = this.cw, starts = this.starts;
    const nw = widths.length;
    const last = starts.length - 2;
    const alignRight = (this.flags & AlignRight) !== 0;
    const debug = (this.flags & Debug) !== 0;
    const tabIndent = (this.flags & TabIndent) !== 0;
    for (let i = line0; i < line1; i++) {
      let useTabs = tabIndent;
      const s0 = starts[i], s1 = starts[i + 1];
      let s = '';
      for (let k = s0; k < s1; k++) {
        const j = k - s0;
        if (j > 0 && debug) s += '|';
        const c = cells[k];
        if (c.length === 0) {
          if (j < nw) s += this.pad(0, widths[j], useTabs);
        } else {
          useTabs = false;
          if (!alignRight) {
            s += c;
            if (j < nw) s += this.pad(cw[k], widths[j], false);
          } else {
            if (j < nw) s += this.pad(cw[k], widths[j], false);
            s += c;
          }
        }
      }
      if (i !== last) s += '\n';
      out.push(s);
    }
  }

  private pad(textw: number, cellw: number, useTabs: boolean): string {
    if (this.padchar === '\t' || useTabs) {
      if (this.tabwidth === 0) return '';
      cellw = Math.trunc((cellw + this.tabwidth - 1) / this.tabwidth) * this.tabwidth;
      const n = cellw - textw;
      if (n < 0) throw new Error('internal error');
      return padString('\t', Math.trunc((n + this.tabwidth - 1) / this.tabwidth));
    }
    const n = cellw - textw;
    return n > 0 ? padString(this.padchar, n) : '';
  }
}

/** Lay out a whole text in one go. */
export function tabwrite(text: string, opts: TabWriterOptions): string {
  return new TabWriter(opts).write(text).flush();
}
