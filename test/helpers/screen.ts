// A small VT100 screen for terminal tests: printable text with wrap, CR, LF, BS, BEL, and the
// CSI sequences line editors use (cursor up/down/forward/back, erase line / screen, home).
export class Screen {
  rows: string[][] = [[]];
  r = 0;
  c = 0;
  private pendingWrap = false;
  constructor(public columns: number, public height: number) {}

  write(s: string): void {
    for (let i = 0; i < s.length; i++) {
      const ch = s[i];
      if (ch === '\x1b') {
        const m = /^\x1b\[([0-9;?]*)([A-Za-z])/.exec(s.slice(i));
        if (m) { this.csi(m[1], m[2]); i += m[0].length - 1; }
        continue;
      }
      if (ch === '\r') { this.c = 0; this.pendingWrap = false; continue; }
      if (ch === '\n') { this.down(); continue; }
      if (ch === '\b') { if (this.c > 0) this.c--; this.pendingWrap = false; continue; }
      if (ch === '\x07') continue;
      if (ch === '\t') { this.c = Math.min(this.columns - 1, (Math.floor(this.c / 8) + 1) * 8); continue; }
      if (this.pendingWrap) { this.c = 0; this.down(); this.pendingWrap = false; }
      const row = this.row(this.r);
      while (row.length < this.c) row.push(' ');
      row[this.c] = ch;
      if (this.c === this.columns - 1) this.pendingWrap = true; else this.c++;
    }
  }

  private row(r: number): string[] { while (this.rows.length <= r) this.rows.push([]); return this.rows[r]; }
  private down(): void { this.r++; this.row(this.r); }

  private csi(p: string, f: string): void {
    const n = Number(p.split(';')[0] || 1);
    this.pendingWrap = false;
    switch (f) {
      case 'A': this.r = Math.max(0, this.r - n); break;
      case 'B': this.r += n; this.row(this.r); break;
      case 'C': this.c = Math.min(this.columns - 1, this.c + n); break;
      case 'D': this.c = Math.max(0, this.c - n); break;
      case 'K': this.row(this.r).length = Math.min(this.row(this.r).length, this.c); break;
      case 'J':
        if (p === '2') { this.rows = [[]]; this.r = 0; this.c = 0; break; }
        this.row(this.r).length = Math.min(this.row(this.r).length, this.c);
        this.rows.length = this.r + 1;
        break;
      case 'H': this.r = 0; this.c = 0; break;
    }
  }

  lines(): string[] { return this.rows.map((r) => r.join('')); }
  text(): string { return this.lines().join('\n'); }
  lastLine(): string { return this.lines()[this.rows.length - 1]; }
  cursor(): [number, number] { return [this.r, this.c]; }
}
