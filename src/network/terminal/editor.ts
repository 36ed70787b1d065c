// The line editor of an interactive shell: what busybox's lineedit (ash) and GNU readline (bash)
// do with the keys typed at the prompt. It draws on a terminal through write() with the usual
// VT100 sequences (cursor moves, erase to end of screen), keeps the session's history and asks
// its host for Tab completions. It knows nothing of processes or pods: the session
// (session.ts) feeds it bytes while the shell waits for a line.

export type EditorStyle = 'ash' | 'bash';

export interface EditorHost {
  write(text: string): void;
  columns(): number;
  /** candidates for the word that ends at the cursor: the completed words (a directory ends
   *  with '/'), and where the word starts */
  complete(line: string, cursor: number): { start: number; candidates: string[] };
}

export type EditResult = { kind: 'line'; text: string } | { kind: 'eof' } | { kind: 'interrupt' };

const CSI_RE = /^\x1b\[([0-9;]*)([A-Za-z~])/;
const SS3_RE = /^\x1bO([A-Za-z])/;

/** Visible width of a text (escape sequences take no cells). */
export function visibleWidth(s: string): number {
  return [...s.replace(/\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07/g, '')].length;
}

export class LineEditor {
  history: string[] = [];
  style: EditorStyle = 'ash';
  private buf: string[] = [];
  private pos = 0;
  private promptText = '';
  private promptW = 0;
  /** where the terminal's cursor is, in cells from the start of the prompt */
  private cur = 0;
  private histIdx = 0;
  private saved: string[] = [];
  private lastTab = false;
  private search?: { query: string; at: number; failed: boolean; before: string[] };

  constructor(private host: EditorHost) {}

  /** A new line is being read; the prompt has just been printed (it is the text after the
   *  last newline, so its start is column 0). */
  begin(prompt: string): void {
    this.promptText = prompt;
    this.promptW = visibleWidth(prompt);
    this.buf = [];
    this.pos = 0;
    this.cur = this.promptW;
    this.histIdx = this.history.length;
    this.saved = [];
    this.lastTab = false;
    this.search = undefined;
  }

  get line(): string { return this.buf.join(''); }
  get cursor(): number { return this.pos; }

  /** Feed typed bytes; returns the result as soon as the line is done, with the bytes left
   *  over (typed ahead: they belong to whatever reads next). */
  feed(data: string): { result?: EditResult; rest: string } {
    let i = 0;
    while (i < data.length) {
      const s = data.slice(i);
      let n = 1;
      let key = s[0];
      if (key === '\x1b') {
        const m = CSI_RE.exec(s) ?? SS3_RE.exec(s);
        if (m) { n = m[0].length; key = m[0]; }
        else if (s.length === 1) { key = '\x1b'; }
        else { n = 2; key = s.slice(0, 2); }
      } else {
        const cp = s.codePointAt(0)!;
        if (cp > 0xffff) { n = 2; key = s.slice(0, 2); }
      }
      i += n;
      const r = this.key(key);
      if (r) return { result: r, rest: data.slice(i) };
    }
    return { rest: '' };
  }

  // ---- keys ----------------------------------------------------------------------------------

  private key(k: string): EditResult | undefined {
    const wasTab = this.lastTab;
    this.lastTab = false;
    if (this.search) return this.searchKey(k);
    switch (k) {
      case '\r': case '\n': return this.accept();
      case '\x03': {
        // Ctrl-C: the line is dropped; the shell reports the interrupt ($? = 130, new prompt)
        this.moveTo(this.promptW + this.width(this.buf.length));
        this.host.write('^C\r\n');
        this.buf = []; this.pos = 0;
        return { kind: 'interrupt' };
      }
      case '\x04':
        if (!this.buf.length) return { kind: 'eof' };
        if (this.pos < this.buf.length) { this.buf.splice(this.pos, 1); this.redraw(this.pos); }
        return undefined;
      case '\x7f': case '\b':
        if (this.pos > 0) { this.buf.splice(this.pos - 1, 1); this.pos--; this.redraw(this.pos); }
        return undefined;
      case '\x1b[3~':
        if (this.pos < this.buf.length) { this.buf.splice(this.pos, 1); this.redraw(this.pos); }
        return undefined;
      case '\x01': case '\x1b[H': case '\x1bOH': case '\x1b[1~': case '\x1b[7~': this.setPos(0); return undefined;
      case '\x05': case '\x1b[F': case '\x1bOF': case '\x1b[4~': case '\x1b[8~': this.setPos(this.buf.length); return undefined;
      case '\x02': case '\x1b[D': case '\x1bOD': if (this.pos > 0) this.setPos(this.pos - 1); return undefined;
      case '\x06': case '\x1b[C': case '\x1bOC': if (this.pos < this.buf.length) this.setPos(this.pos + 1); return undefined;
      case '\x1b[1;5D': case '\x1b[1;3D': case '\x1bb': this.setPos(this.wordStart(this.pos)); return undefined;
      case '\x1b[1;5C': case '\x1b[1;3C': case '\x1bf': this.setPos(this.wordEnd(this.pos)); return undefined;
      case '\x0b': if (this.pos < this.buf.length) { this.buf.length = this.pos; this.redraw(this.pos); } return undefined;
      case '\x15': if (this.pos > 0) { this.buf.splice(0, this.pos); this.pos = 0; this.redraw(0); } return undefined;
      case '\x17': {
        // unix-word-rubout: back over blanks, then over the word
        let j = this.pos;
        while (j > 0 && /\s/.test(this.buf[j - 1])) j--;
        while (j > 0 && !/\s/.test(this.buf[j - 1])) j--;
        if (j < this.pos) { this.buf.splice(j, this.pos - j); this.pos = j; this.redraw(j); }
        return undefined;
      }
      case '\x1b\x7f': {
        const j = this.wordStart(this.pos);
        if (j < this.pos) { this.buf.splice(j, this.pos - j); this.pos = j; this.redraw(j); }
        return undefined;
      }
      case '\x1bd': {
        const j = this.wordEnd(this.pos);
        if (j > this.pos) { this.buf.splice(this.pos, j - this.pos); this.redraw(this.pos); }
        return undefined;
      }
      case '\x1b[A': case '\x1bOA': case '\x10': this.historyMove(-1); return undefined;
      case '\x1b[B': case '\x1bOB': case '\x0e': this.historyMove(1); return undefined;
      case '\x0c': this.clearScreen(); return undefined;
      case '\t': this.tab(wasTab); return undefined;
      case '\x12': this.startSearch(); return undefined;
      case '\x14': {
        // Ctrl-T: transpose the two characters before the cursor (at the end: the last two)
        if (this.buf.length < 2 || this.pos === 0) return undefined;
        const j = this.pos === this.buf.length ? this.pos - 1 : this.pos;
        [this.buf[j - 1], this.buf[j]] = [this.buf[j], this.buf[j - 1]];
        this.pos = j + 1;
        this.redraw(j - 1);
        return undefined;
      }
    }
    if (k.length >= 1 && k[0] >= ' ' && k !== '\x7f' && k[0] !== '\x1b') { this.insert(k); return undefined; }
    // other control keys and unknown sequences: ignored (Ctrl-Z and Ctrl-\ at a prompt do nothing)
    return undefined;
  }

  private accept(): EditResult {
    const text = this.line;
    this.moveTo(this.promptW + this.width(this.buf.length));
    this.host.write('\r\n');
    if (text.trim()) {
      // busybox keeps a line once when it repeats the previous one; bash keeps every line
      if (this.style === 'bash' || this.history[this.history.length - 1] !== text) this.history.push(text);
      if (this.history.length > 500) this.history.shift();
    }
    return { kind: 'line', text };
  }

  private insert(text: string): void {
    const chars = [...text];
    this.buf.splice(this.pos, 0, ...chars);
    const from = this.pos;
    const atEnd = from === this.buf.length - chars.length;
    this.pos += chars.length;
    this.redraw(from, !atEnd);
  }

  private setPos(p: number): void {
    this.pos = p;
    this.moveTo(this.promptW + this.width(p));
  }

  private wordStart(p: number): number {
    let j = p;
    while (j > 0 && !/[A-Za-z0-9]/.test(this.buf[j - 1])) j--;
    while (j > 0 && /[A-Za-z0-9]/.test(this.buf[j - 1])) j--;
    return j;
  }

  private wordEnd(p: number): number {
    let j = p;
    while (j < this.buf.length && !/[A-Za-z0-9]/.test(this.buf[j])) j++;
    while (j < this.buf.length && /[A-Za-z0-9]/.test(this.buf[j])) j++;
    return j;
  }

  private historyMove(d: -1 | 1): void {
    const n = this.histIdx + d;
    if (n < 0 || n > this.history.length) return;
    if (this.histIdx === this.history.length) this.saved = [...this.buf];
    this.histIdx = n;
    this.replaceLine(n === this.history.length ? this.saved : [...this.history[n]]);
  }

  private replaceLine(chars: string[]): void {
    this.buf = [...chars];
    this.pos = this.buf.length;
    this.redraw(0);
  }

  private clearScreen(): void {
    this.host.write('\x1b[H\x1b[2J' + this.promptText);
    this.cur = this.promptW;
    this.redraw(0);
  }

  // ---- Tab completion --------------------------------------------------------------------------

  private tab(second: boolean): void {
    const { start, candidates } = this.host.complete(this.line, this.pos);
    const word = this.buf.slice(start, this.pos).join('');
    const matches = [...new Set(candidates)].filter((c) => c.startsWith(word)).sort();
    if (!matches.length) { this.host.write('\x07'); return; }
    if (matches.length === 1) {
      const m = matches[0];
      this.insert(m.slice(word.length) + (m.endsWith('/') ? '' : ' '));
      return;
    }
    let common = matches[0];
    for (const m of matches) while (!m.startsWith(common)) common = common.slice(0, -1);
    if (common.length > word.length) { this.insert(common.slice(word.length)); this.lastTab = true; return; }
    if (!second) { this.host.write('\x07'); this.lastTab = true; return; }
    // the second Tab lists them, in columns, then the prompt and the line again
    const names = matches.map((m) => (m.endsWith('/') ? m.slice(0, -1).split('/').pop()! + '/' : m.split('/').pop()!));
    this.moveTo(this.promptW + this.width(this.buf.length));
    this.host.write('\r\n' + columnize(names, this.host.columns()).replace(/\n/g, '\r\n') + this.promptText);
    this.cur = this.promptW;
    this.redraw(0);
  }

  // ---- reverse incremental search (Ctrl-R) ----------------------------------------------------

  private startSearch(): void {
    this.search = { query: '', at: this.history.length, failed: false, before: [...this.buf] };
    this.drawSearch();
  }

  private searchKey(k: string): EditResult | undefined {
    const s = this.search!;
    if (k === '\x12') { this.findFrom(s.at - 1); return undefined; }
    if (k === '\x7f' || k === '\b') { s.query = s.query.slice(0, -1); this.findFrom(this.history.length - 1); return undefined; }
    if (k === '\x07' || k === '\x03') {
      // abort: back to the line as it was before the search
      this.search = undefined;
      this.replaceAfterSearch(s.before);
      if (k === '\x03') return this.key('\x03');
      return undefined;
    }
    if (k.length === 1 && k >= ' ') { s.query += k; this.findFrom(s.failed ? s.at : Math.min(s.at, this.history.length - 1)); return undefined; }
    // any other key ends the search with the match as the line, then does what it does
    const found = s.at < this.history.length ? [...this.history[s.at]] : this.buf;
    this.search = undefined;
    this.replaceAfterSearch(found);
    return this.key(k);
  }

  private findFrom(from: number): void {
    const s = this.search!;
    for (let j = Math.min(from, this.history.length - 1); j >= 0; j--) {
      if (s.query && this.history[j].includes(s.query)) { s.at = j; s.failed = false; this.drawSearch(); return; }
    }
    if (s.query) { s.failed = true; this.host.write('\x07'); }
    this.drawSearch();
  }

  private drawSearch(): void {
    const s = this.search!;
    const match = s.at < this.history.length && s.query ? this.history[s.at] : '';
    const q = this.style === 'bash' ? '`' : "'";
    const label = `(${s.failed ? 'failed ' : ''}reverse-i-search)${q}${s.query}': `;
    this.moveTo(0);
    this.host.write('\r' + label + match + '\x1b[J');
    this.cur = visibleWidth(label) + match.length;
    this.normalizeWrap();
    const idx = s.query ? match.indexOf(s.query) : 0;
    this.moveTo(visibleWidth(label) + Math.max(0, idx));
  }

  private replaceAfterSearch(chars: string[]): void {
    this.moveTo(0);
    this.host.write('\r' + this.promptText + '\x1b[J');
    this.cur = this.promptW;
    this.buf = [...chars];
    this.pos = this.buf.length;
    this.redraw(0);
  }

  // ---- drawing -------------------------------------------------------------------------------

  private width(upto: number): number { return upto; }

  /** Move the terminal's cursor to a cell offset from the start of the prompt. */
  private moveTo(target: number): void {
    const cols = Math.max(1, this.host.columns());
    const r0 = Math.floor(this.cur / cols), r1 = Math.floor(target / cols);
    const c1 = target % cols;
    let s = '';
    if (r1 < r0) s += `\x1b[${r0 - r1}A`;
    if (r1 > r0) s += `\x1b[${r1 - r0}B`;
    const c0 = this.cur % cols;
    if (r1 === r0 && c1 < c0 && c0 - c1 <= 4) s += '\b'.repeat(c0 - c1);
    else if (r1 !== r0 || c1 !== c0) s += '\r' + (c1 ? `\x1b[${c1}C` : '');
    if (s) this.host.write(s);
    this.cur = target;
  }

  /** After writing up to a multiple of the width the cursor waits at the last column: make it
   *  go down to the next line's first column, as our position says. */
  private normalizeWrap(): void {
    const cols = Math.max(1, this.host.columns());
    if (this.cur > 0 && this.cur % cols === 0) this.host.write(' \r');
  }

  /** Redraw the line from index `from` to its end, clear what was after it, put the cursor back. */
  private redraw(from: number, clear = true): void {
    this.moveTo(this.promptW + this.width(from));
    const tail = this.buf.slice(from).join('');
    const end = this.promptW + this.width(this.buf.length);
    this.host.write(tail);
    this.cur = end;
    this.normalizeWrap();
    if (clear) this.host.write('\x1b[J');
    this.moveTo(this.promptW + this.width(this.pos));
  }
}

/** Names in columns, sorted down the columns, as ls and the shells list completions. */
export function columnize(names: string[], columns: number): string {
  const w = Math.max(...names.map((n) => n.length)) + 2;
  const perRow = Math.max(1, Math.floor(columns / w));
  const rows = Math.ceil(names.length / perRow);
  let out = '';
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 0; c < perRow; c++) {
      const n = names[c * rows + r];
      if (n !== undefined) cells.push(n);
    }
    out += cells.map((n, k) => (k < cells.length - 1 ? n.padEnd(w) : n)).join('') + '\n';
  }
  return out;
}
