// Text filters for pipelines: grep, head, tail, wc, sort, uniq, cut, tr, sed, awk, tee, jq.
import type { Command, CommandContext } from './types';
import { fail, splitShort } from './types';

const gnu = (ctx: CommandContext) => ctx.sh.image.family === 'debian';

function inputs(ctx: CommandContext, files: string[]): { name: string; text: string }[] | number {
  if (!files.length) return [{ name: '(standard input)', text: ctx.stdin }];
  const out: { name: string; text: string }[] = [];
  for (const f of files) {
    if (f === '-') { out.push({ name: '(standard input)', text: ctx.stdin }); continue; }
    const t = ctx.sh.readFile(f);
    if (t === undefined) {
      ctx.err(gnu(ctx) || ctx.name === 'grep' ? `${ctx.name}: ${f}: No such file or directory\n` : `${ctx.name}: can't open '${f}': No such file or directory\n`);
      return ctx.name === 'grep' ? 2 : 1;
    }
    out.push({ name: f, text: t });
  }
  return out;
}

const linesOf = (t: string) => { const l = t.split('\n'); if (l[l.length - 1] === '') l.pop(); return l; };

/** POSIX basic regular expression -> JavaScript source. */
export function breToJs(re: string): string {
  let out = '';
  for (let i = 0; i < re.length; i++) {
    const c = re[i];
    if (c === '\\' && i + 1 < re.length) {
      const n = re[++i];
      if ('(){}|+?'.includes(n)) out += n;
      else if (n === '<' || n === '>') out += '\\b';
      else out += '\\' + n;
      continue;
    }
    if ('(){}|+?'.includes(c)) { out += '\\' + c; continue; }
    if (c === '[') {
      const end = re.indexOf(']', i + (re[i + 1] === ']' ? 2 : re[i + 1] === '^' && re[i + 2] === ']' ? 3 : 1));
      if (end > 0) { out += bracket(re.slice(i, end + 1)); i = end; continue; }
    }
    out += c;
  }
  return out;
}

function bracket(b: string): string {
  return b.replace(/\[:(alpha|digit|alnum|upper|lower|space|blank|punct|xdigit):\]/g, (_, k: string) =>
    ({ alpha: 'A-Za-z', digit: '0-9', alnum: 'A-Za-z0-9', upper: 'A-Z', lower: 'a-z', space: '\\s', blank: ' \\t', punct: '!-/:-@\\[-`{-~', xdigit: '0-9A-Fa-f' } as Record<string, string>)[k])
    .replace(/^\[\^?\]/, (m) => m.slice(0, -1) + '\\]');
}

export function ereToJs(re: string): string {
  return re.replace(/\[[^\]]*\[:[a-z]+:\][^\]]*\]/g, (m) => bracket(m)).replace(/\\<|\\>/g, '\\b');
}

export const grep: Command = (ctx) => {
  const args = splitShort(ctx.argv.slice(1), 'eABCmf');
  let ext = ctx.name === 'egrep', fixed = ctx.name === 'fgrep';
  let inv = false, icase = false, count = false, num = false, only = false, quiet = false, word = false, names: boolean | undefined, listFiles = false, line = false;
  let after = 0, before = 0, max = Infinity;
  const patterns: string[] = [];
  const files: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === '--') { files.push(...args.slice(k + 1)); break; }
    if (!a.startsWith('-') || a === '-') { files.push(a); continue; }
    switch (a) {
      case '-E': case '--extended-regexp': ext = true; break;
      case '-F': case '--fixed-strings': fixed = true; break;
      case '-G': ext = false; break;
      case '-v': case '--invert-match': inv = true; break;
      case '-i': case '--ignore-case': icase = true; break;
      case '-c': case '--count': count = true; break;
      case '-n': case '--line-number': num = true; break;
      case '-o': case '--only-matching': only = true; break;
      case '-q': case '--quiet': case '--silent': case '-s': quiet = a !== '-s'; break;
      case '-w': case '--word-regexp': word = true; break;
      case '-x': case '--line-regexp': line = true; break;
      case '-h': names = false; break;
      case '-H': names = true; break;
      case '-l': listFiles = true; break;
      case '-r': case '-R': break;
      case '-e': patterns.push(args[++k] ?? ''); break;
      case '-A': after = Number(args[++k]); break;
      case '-B': before = Number(args[++k]); break;
      case '-C': after = before = Number(args[++k]); break;
      case '-m': max = Number(args[++k]); break;
      case '--color=auto': case '--color=never': case '--color': case '--colour=auto': break;
      default:
        ctx.err(gnu(ctx) ? `grep: invalid option -- '${a.replace(/^-+/, '')}'\nUsage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n` : `grep: unrecognized option: ${a.replace(/^-+/, '')}\n`);
        return 2;
    }
  }
  if (!patterns.length) {
    if (!files.length) { ctx.err(gnu(ctx) ? "Usage: grep [OPTION]... PATTERNS [FILE]...\nTry 'grep --help' for more information.\n" : 'BusyBox v1.37.0 multi-call binary.\n\nUsage: grep [-HhnlLoqvsrRiwFE] [-m N] [-A|B|C N] { PATTERN | -e PATTERN... | -f FILE... } [FILE]...\n'); return 2; }
    patterns.push(files.shift()!);
  }
  let re: RegExp;
  try {
    const srcs = patterns.flatMap((p) => p.split('\n')).map((p) => (fixed ? p.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&') : ext ? ereToJs(p) : breToJs(p)));
    let body = srcs.map((s) => `(?:${s})`).join('|');
    if (word) body = `(?<![A-Za-z0-9_])(?:${body})(?![A-Za-z0-9_])`;
    if (line) body = `^(?:${body})$`;
    re = new RegExp(body, icase ? 'gi' : 'g');
  } catch {
    ctx.err(`grep: ${gnu(ctx) ? 'Unmatched ( or \\(' : 'bad regex'}\n`);
    return 2;
  }
  const ins = inputs(ctx, files);
  if (typeof ins === 'number') return ins;
  const showNames = names ?? ins.length > 1;
  let matched = false;
  for (const f of ins) {
    const ls = linesOf(f.text);
    let c = 0;
    let lastPrinted = -1;
    let pendingAfter = 0;
    const emit = (i: number, sep: string) => {
      if (lastPrinted >= 0 && i > lastPrinted + 1 && (after || before)) ctx.out('--\n');
      ctx.out(`${showNames ? f.name + sep : ''}${num ? `${i + 1}${sep}` : ''}${ls[i]}\n`);
      lastPrinted = i;
    };
    for (let i = 0; i < ls.length && c < max; i++) {
      re.lastIndex = 0;
      const hit = re.test(ls[i]) !== inv;
      if (!hit) {
        if (pendingAfter > 0 && !count && !quiet && !listFiles) { emit(i, '-'); pendingAfter--; }
        continue;
      }
      c++;
      matched = true;
      if (quiet) return 0;
      if (count || listFiles) continue;
      if (only && !inv) {
        re.lastIndex = 0;
        for (const m of ls[i].matchAll(re)) if (m[0]) ctx.out(`${showNames ? f.name + ':' : ''}${num ? `${i + 1}:` : ''}${m[0]}\n`);
        continue;
      }
      for (let b = Math.max(lastPrinted + 1, i - before); b < i; b++) emit(b, '-');
      emit(i, ':');
      pendingAfter = after;
    }
    if (listFiles && c) ctx.out(f.name + '\n');
    if (count) ctx.out(`${showNames ? f.name + ':' : ''}${c}\n`);
  }
  return matched ? 0 : 1;
};

function countArg(args: string[], dflt: number): { n: number; fromStart: boolean; bytes: boolean; rest: string[] } {
  let n = dflt, fromStart = false, bytes = false;
  const rest: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    let v: string | undefined;
    if (a === '-n' || a === '-c') { v = args[++k]; bytes = a === '-c'; }
    else if (/^-[nc]\S+$/.test(a)) { v = a.slice(2); bytes = a[1] === 'c'; }
    else if (/^-\d+$/.test(a)) v = a.slice(1);
    else if (a.startsWith('--lines=')) v = a.slice(8);
    else if (a === '-f' || a === '-F' || a === '-q') continue;
    else { rest.push(a); continue; }
    if (v !== undefined) { if (v.startsWith('+')) { fromStart = true; v = v.slice(1); } n = Number(v); }
  }
  return { n, fromStart, bytes, rest };
}

export const head: Command = (ctx) => {
  const { n, bytes, rest } = countArg(ctx.argv.slice(1), 10);
  const ins = inputs(ctx, rest);
  if (typeof ins === 'number') return ins;
  ins.forEach((f, i) => {
    if (ins.length > 1) ctx.out(`${i ? '\n' : ''}==> ${f.name} <==\n`);
    if (bytes) { ctx.out(f.text.slice(0, n)); return; }
    const ls = f.text.split('\n');
    const take = n < 0 ? ls.slice(0, Math.max(0, ls.length - 1 + n)) : ls.slice(0, n);
    const txt = take.join('\n');
    ctx.out(take.length < ls.length || f.text.endsWith('\n') ? txt + (take.length && (take.length < ls.length) ? '\n' : '') : txt);
  });
  return 0;
};

export const tail: Command = (ctx) => {
  const { n, fromStart, bytes, rest } = countArg(ctx.argv.slice(1), 10);
  const ins = inputs(ctx, rest);
  if (typeof ins === 'number') return ins;
  ins.forEach((f, i) => {
    if (ins.length > 1) ctx.out(`${i ? '\n' : ''}==> ${f.name} <==\n`);
    if (bytes) { ctx.out(fromStart ? f.text.slice(n - 1) : f.text.slice(-n)); return; }
    const ls = linesOf(f.text);
    const take = fromStart ? ls.slice(Math.max(0, n - 1)) : n === 0 ? [] : ls.slice(-n);
    if (take.length) ctx.out(take.join('\n') + (f.text.endsWith('\n') || take.length < ls.length ? '\n' : ''));
  });
  return 0;
};

export const wc: Command = (ctx) => {
  const args = splitShort(ctx.argv.slice(1), '');
  const flags = args.filter((a) => a.startsWith('-') && a !== '-');
  const files = args.filter((a) => !a.startsWith('-') || a === '-');
  let l = flags.includes('-l'), w = flags.includes('-w'), c = flags.includes('-c') || flags.includes('-m');
  if (!l && !w && !c) l = w = c = true;
  const ins = inputs(ctx, files);
  if (typeof ins === 'number') return ins;
  const tot = [0, 0, 0];
  const rows: [number[], string][] = [];
  for (const f of ins) {
    const v = [(f.text.match(/\n/g) ?? []).length, f.text.split(/\s+/).filter(Boolean).length, Buffer.byteLength(f.text)];
    v.forEach((x, i) => (tot[i] += x));
    rows.push([v, files.length ? f.name : '']);
  }
  if (ins.length > 1) rows.push([tot, 'total']);
  const single = [l, w, c].filter(Boolean).length === 1 && !files.length;
  for (const [v, name] of rows) {
    const cols = [l ? v[0] : undefined, w ? v[1] : undefined, c ? v[2] : undefined].filter((x) => x !== undefined) as number[];
    const width = gnu(ctx) ? (single ? 0 : files.length ? Math.max(...rows.flatMap(([r]) => r)).toString().length : 7) : 7;
    const txt = single ? String(cols[0]) : cols.map((x, i) => (gnu(ctx) ? String(x).padStart(width) : i === 0 ? String(x).padStart(width) : ' ' + String(x).padStart(width))).join(gnu(ctx) ? ' ' : '');
    ctx.out(txt + (name ? ' ' + name : '') + '\n');
  }
  return 0;
};

export const sort: Command = (ctx) => {
  const args = splitShort(ctx.argv.slice(1), 'kt');
  let num = false, rev = false, uniq = false, key: number | undefined, sep: string | undefined, fold = false, human = false;
  const files: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === '-n') num = true; else if (a === '-r') rev = true; else if (a === '-u') uniq = true;
    else if (a === '-f') fold = true; else if (a === '-h') { human = true; num = true; }
    else if (a === '-k') key = parseInt(args[++k], 10); else if (a === '-t') sep = args[++k];
    else if (a === '-V' || a === '-s' || a === '-b') continue;
    else files.push(a);
  }
  const ins = inputs(ctx, files);
  if (typeof ins === 'number') return ins;
  let ls = ins.flatMap((f) => linesOf(f.text));
  const keyOf = (l: string) => (key ? (sep !== undefined ? l.split(sep) : l.trim().split(/\s+/)).slice(key - 1).join(sep ?? ' ') : l);
  const hnum = (s: string) => { const m = /^\s*(-?[\d.]+)([KMGT]?)/i.exec(s); return m ? Number(m[1]) * 1024 ** ' KMGT'.indexOf((m[2] || ' ').toUpperCase()) : 0; };
  const cmp = (a: string, b: string) => {
    const ka = keyOf(a), kb = keyOf(b);
    if (num) { const d = (human ? hnum(ka) : parseFloat(ka) || 0) - (human ? hnum(kb) : parseFloat(kb) || 0); if (d) return d; }
    else { const x = fold ? ka.toLowerCase() : ka, y = fold ? kb.toLowerCase() : kb; if (x !== y) return x < y ? -1 : 1; }
    return a < b ? -1 : a > b ? 1 : 0;
  };
  ls.sort(cmp);
  if (rev) ls.reverse();
  if (uniq) ls = ls.filter((l, i) => i === 0 || cmp(l, ls[i - 1]) !== 0);
  if (ls.length) ctx.out(ls.join('\n') + '\n');
  return 0;
};

export const uniq: Command = (ctx) => {
  const args = splitShort(ctx.argv.slice(1), '');
  const c = args.includes('-c'), d = args.includes('-d'), u = args.includes('-u'), i = args.includes('-i');
  const ins = inputs(ctx, args.filter((a) => !a.startsWith('-')).slice(0, 1));
  if (typeof ins === 'number') return ins;
  const ls = linesOf(ins[0].text);
  const groups: [string, number][] = [];
  for (const l of ls) {
    const last = groups[groups.length - 1];
    if (last && (i ? last[0].toLowerCase() === l.toLowerCase() : last[0] === l)) last[1]++;
    else groups.push([l, 1]);
  }
  for (const [l, n] of groups) {
    if ((d && n < 2) || (u && n > 1)) continue;
    ctx.out(c ? `${String(n).padStart(7)} ${l}\n` : l + '\n');
  }
  return 0;
};

function parseList(spec: string): (n: number) => boolean {
  const parts = spec.split(',').map((p) => {
    const m = /^(\d*)(-?)(\d*)$/.exec(p);
    if (!m) return () => false;
    const lo = m[1] ? Number(m[1]) : 1;
    const hi = m[2] ? (m[3] ? Number(m[3]) : Infinity) : lo;
    return (n: number) => n >= lo && n <= hi;
  });
  return (n) => parts.some((f) => f(n));
}

export const cut: Command = (ctx) => {
  const args = splitShort(ctx.argv.slice(1), 'dfcb');
  let delim = '\t', fields: string | undefined, chars: string | undefined, suppress = false;
  const files: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === '-d') delim = args[++k] ?? '\t';
    else if (a.startsWith('--delimiter=')) delim = a.slice(12);
    else if (a === '-f') fields = args[++k];
    else if (a.startsWith('--fields=')) fields = a.slice(9);
    else if (a === '-c' || a === '-b') chars = args[++k];
    else if (a === '-s') suppress = true;
    else files.push(a);
  }
  if (!fields && !chars) { ctx.err(gnu(ctx) ? "cut: you must specify a list of bytes, characters, or fields\nTry 'cut --help' for more information.\n" : 'cut: expected a list of bytes, characters, or fields\n'); return 1; }
  const ins = inputs(ctx, files);
  if (typeof ins === 'number') return ins;
  for (const f of ins) {
    for (const l of linesOf(f.text)) {
      if (chars) { const sel = parseList(chars); ctx.out([...l].filter((_, i) => sel(i + 1)).join('') + '\n'); continue; }
      if (!l.includes(delim)) { if (!suppress) ctx.out(l + '\n'); continue; }
      const sel = parseList(fields!);
      ctx.out(l.split(delim).filter((_, i) => sel(i + 1)).join(delim) + '\n');
    }
  }
  return 0;
};

function trSet(s: string): string[] {
  const classes: Record<string, string> = { '[:upper:]': 'A-Z', '[:lower:]': 'a-z', '[:digit:]': '0-9', '[:alpha:]': 'a-zA-Z', '[:alnum:]': 'a-zA-Z0-9', '[:space:]': ' \t\n\r\f\v', '[:blank:]': ' \t', '[:punct:]': '!-/:-@[-`{-~' };
  for (const [k, v] of Object.entries(classes)) s = s.split(k).join(v);
  s = s.replace(/\\n/g, '\n').replace(/\\t/g, '\t').replace(/\\r/g, '\r').replace(/\\\\/g, '\\');
  const out: string[] = [];
  for (let i = 0; i < s.length; i++) {
    if (s[i + 1] === '-' && i + 2 < s.length) {
      for (let c = s.charCodeAt(i); c <= s.charCodeAt(i + 2); c++) out.push(String.fromCharCode(c));
      i += 2;
    } else out.push(s[i]);
  }
  return out;
}

export const tr: Command = (ctx) => {
  const args = ctx.argv.slice(1);
  const flags = args.filter((a) => /^-[dsc]+$/.test(a)).join('');
  const sets = args.filter((a) => !/^-[dsc]+$/.test(a));
  const del = flags.includes('d'), sq = flags.includes('s');
  const a = trSet(sets[0] ?? ''), b = trSet(sets[1] ?? '');
  let out = '';
  let prev = '';
  for (const ch of ctx.stdin) {
    let c = ch;
    const i = a.indexOf(ch);
    if (del) { if (i >= 0) continue; }
    else if (i >= 0 && b.length) c = b[Math.min(i, b.length - 1)];
    const sqSet = del ? b : b.length ? b : a;
    if (sq && c === prev && sqSet.includes(c)) continue;
    out += c;
    prev = c;
  }
  ctx.out(out);
  return 0;
};

interface SedCmd { addr?: { re?: RegExp; line?: number; last?: boolean }; cmd: string; re?: RegExp; rep?: string; global?: boolean; print?: boolean; text?: string }

function parseSed(script: string, ext: boolean): SedCmd[] | string {
  const cmds: SedCmd[] = [];
  for (const part of script.split(/\n|;(?![^/]*\/[^/]*\/)/)) {
    let s = part.trim();
    if (!s) continue;
    const c: SedCmd = { cmd: '' };
    let m: RegExpExecArray | null;
    if ((m = /^(\d+)/.exec(s))) { c.addr = { line: Number(m[1]) }; s = s.slice(m[0].length); }
    else if (s[0] === '$') { c.addr = { last: true }; s = s.slice(1); }
    else if (s[0] === '/') {
      const e = s.indexOf('/', 1);
      c.addr = { re: new RegExp(ext ? s.slice(1, e) : breToJs(s.slice(1, e))) };
      s = s.slice(e + 1);
    }
    s = s.trim();
    c.cmd = s[0] ?? '';
    if (c.cmd === 's') {
      const d = s[1];
      const parts: string[] = [];
      let cur = '';
      for (let i = 2; i < s.length; i++) {
        if (s[i] === '\\' && s[i + 1] === d) { cur += d; i++; continue; }
        if (s[i] === d) { parts.push(cur); cur = ''; continue; }
        cur += s[i];
      }
      parts.push(cur);
      if (parts.length < 3) return `unterminated \`s' command`;
      const flags = parts[2];
      try { c.re = new RegExp(ext ? parts[0] : breToJs(parts[0]), (flags.includes('g') ? 'g' : '') + (flags.includes('I') || flags.includes('i') ? 'i' : '')); } catch { return 'invalid regex'; }
      c.rep = parts[1].replace(/\\(\d)/g, '$$$1').replace(/(^|[^\\])&/g, '$1$$&').replace(/\\&/g, '&').replace(/\\n/g, '\n');
      c.global = flags.includes('g');
      c.print = flags.includes('p');
    } else if (c.cmd === 'a' || c.cmd === 'i' || c.cmd === 'c') c.text = s.slice(1).replace(/^\\?\s*/, '');
    else if (!'dpq='.includes(c.cmd)) return `unknown command: \`${c.cmd}'`;
    cmds.push(c);
  }
  return cmds;
}

export const sed: Command = (ctx) => {
  const args = ctx.argv.slice(1);
  let quiet = false, ext = false, inPlace = false;
  const scripts: string[] = [];
  const files: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === '-n') quiet = true; else if (a === '-E' || a === '-r') ext = true;
    else if (a === '-e') scripts.push(args[++k] ?? '');
    else if (a.startsWith('-i')) inPlace = true;
    else if (a.startsWith('-') && a !== '-') continue;
    else if (!scripts.length) scripts.push(a);
    else files.push(a);
  }
  const cmds = parseSed(scripts.join('\n'), ext);
  if (typeof cmds === 'string') { ctx.err(`sed: -e expression #1, char ${scripts.join('').length}: ${cmds}\n`); return 1; }
  const ins = inputs(ctx, files);
  if (typeof ins === 'number') return ins;
  for (const f of ins) {
    const ls = linesOf(f.text);
    let out = '';
    for (let i = 0; i < ls.length; i++) {
      let l = ls[i];
      let del = false;
      let quit = false;
      const extra: string[] = [];
      for (const c of cmds) {
        const a = c.addr;
        if (a && !((a.line !== undefined && a.line === i + 1) || (a.last && i === ls.length - 1) || (a.re && a.re.test(l)))) continue;
        if (c.cmd === 's') {
          c.re!.lastIndex = 0;
          if (c.re!.test(l)) { c.re!.lastIndex = 0; l = l.replace(c.re!, c.rep!); if (c.print) extra.push(l); }
        } else if (c.cmd === 'd') { del = true; break; }
        else if (c.cmd === 'p') extra.push(l);
        else if (c.cmd === 'q') { quit = true; break; }
        else if (c.cmd === '=') out += `${i + 1}\n`;
        else if (c.cmd === 'a') extra.push('\u0000' + c.text!);
        else if (c.cmd === 'i') out += c.text + '\n';
        else if (c.cmd === 'c') { l = c.text!; }
      }
      for (const e of extra.filter((x) => !x.startsWith('\u0000'))) out += e + '\n';
      if (!del && !quiet) out += l + '\n';
      for (const e of extra.filter((x) => x.startsWith('\u0000'))) out += e.slice(1) + '\n';
      if (quit) break;
    }
    if (inPlace && f.name !== '(standard input)') ctx.sh.writeFile(f.name, out);
    else ctx.out(out);
  }
  return 0;
};

// -- awk: the one-liners people type ---------------------------------------------------------------

interface AwkRule { pattern?: string; action?: string }

function splitAwkRules(prog: string): AwkRule[] {
  const rules: AwkRule[] = [];
  let i = 0;
  while (i < prog.length) {
    while (i < prog.length && /[\s;]/.test(prog[i])) i++;
    if (i >= prog.length) break;
    let pattern = '';
    while (i < prog.length && prog[i] !== '{') {
      if (prog[i] === '/') { const e = prog.indexOf('/', i + 1); pattern += prog.slice(i, e + 1); i = e + 1; continue; }
      if (prog[i] === '"') { const e = prog.indexOf('"', i + 1); pattern += prog.slice(i, e + 1); i = e + 1; continue; }
      if (prog[i] === '\n' || prog[i] === ';') break;
      pattern += prog[i++];
    }
    let action: string | undefined;
    if (prog[i] === '{') {
      let depth = 0, j = i;
      for (; j < prog.length; j++) {
        if (prog[j] === '"') { j = prog.indexOf('"', j + 1); continue; }
        if (prog[j] === '{') depth++;
        if (prog[j] === '}' && --depth === 0) break;
      }
      action = prog.slice(i + 1, j);
      i = j + 1;
    }
    rules.push({ pattern: pattern.trim() || undefined, action });
  }
  return rules;
}

export const awk: Command = (ctx) => {
  const args = ctx.argv.slice(1);
  let fs: string | undefined;
  const vars: Record<string, string> = {};
  let prog: string | undefined;
  const files: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a === '-F') fs = args[++k];
    else if (a.startsWith('-F')) fs = a.slice(2);
    else if (a === '-v') { const [n, ...v] = (args[++k] ?? '').split('='); vars[n] = v.join('='); }
    else if (prog === undefined) prog = a;
    else files.push(a);
  }
  if (prog === undefined) { ctx.err('usage: awk [-F fs][-v var=value][prog | -f progfile][file ...]\n'); return 2; }
  const ins = inputs(ctx, files);
  if (typeof ins === 'number') return ins;
  const rules = splitAwkRules(prog);
  const st = { NR: 0, NF: 0, fields: [] as string[], line: '', vars: { ...vars } as Record<string, any>, OFS: ' ' };
  const setLine = (l: string) => {
    st.line = l;
    st.fields = fs === undefined || fs === ' ' ? l.trim().split(/\s+/).filter(Boolean) : l.split(fs.length === 1 ? fs : new RegExp(fs));
    st.NF = st.fields.length;
  };
  const evalExpr = (e: string): any => {
    e = e.trim();
    if (!e) return '';
    // concatenation of terms separated by spaces (outside strings)
    const cmpm = /^(.+?)\s*(==|!=|>=|<=|>|<|~|!~)\s*(.+)$/.exec(e);
    if (cmpm && !/^".*"$/.test(e)) {
      const l = evalExpr(cmpm[1]);
      if (cmpm[2] === '~' || cmpm[2] === '!~') { const re = new RegExp(cmpm[3].replace(/^\/|\/$/g, '')); return re.test(String(l)) === (cmpm[2] === '~') ? 1 : 0; }
      const r = evalExpr(cmpm[3]);
      const num = !isNaN(Number(l)) && !isNaN(Number(r)) && String(l) !== '' && String(r) !== '';
      const [x, y] = num ? [Number(l), Number(r)] : [String(l), String(r)];
      switch (cmpm[2]) { case '==': return +(x === y); case '!=': return +(x !== y); case '>': return +(x > y); case '<': return +(x < y); case '>=': return +(x >= y); case '<=': return +(x <= y); }
    }
    const terms: string[] = [];
    let i = 0;
    while (i < e.length) {
      if (e[i] === ' ') { i++; continue; }
      if (e[i] === '"') { const j = e.indexOf('"', i + 1); terms.push(e.slice(i, j + 1)); i = j + 1; continue; }
      let j = i;
      while (j < e.length && e[j] !== ' ' && e[j] !== '"') j++;
      terms.push(e.slice(i, j)); i = j;
    }
    if (terms.length > 1) return terms.map((t) => String(evalExpr(t))).join('');
    const t = terms[0];
    if (t.startsWith('"')) return t.slice(1, -1).replace(/\\t/g, '\t').replace(/\\n/g, '\n');
    if (/^-?\d+(\.\d+)?$/.test(t)) return Number(t);
    if (t === '$NF') return st.fields[st.NF - 1] ?? '';
    const fm = /^\$\(?(NF-?\d*|\d+)\)?$/.exec(t);
    if (fm) {
      const idx = fm[1].startsWith('NF') ? st.NF + Number(fm[1].slice(2) || 0) : Number(fm[1]);
      return idx === 0 ? st.line : st.fields[idx - 1] ?? '';
    }
    if (t === 'NR') return st.NR;
    if (t === 'NF') return st.NF;
    const arith = /^(.+?)([+\-*/%])(.+)$/.exec(t);
    if (arith) { const a = Number(evalExpr(arith[1])), b = Number(evalExpr(arith[3])); return ({ '+': a + b, '-': a - b, '*': a * b, '/': a / b, '%': a % b } as any)[arith[2]]; }
    if (/^length(\(\))?$/.test(t)) return st.line.length;
    return st.vars[t] ?? '';
  };
  const splitArgs = (s: string) => {
    const out: string[] = [];
    let cur = '', q = false, depth = 0;
    for (const c of s) {
      if (c === '"') q = !q;
      if (!q && c === '(') depth++;
      if (!q && c === ')') depth--;
      if (c === ',' && !q && depth === 0) { out.push(cur); cur = ''; continue; }
      cur += c;
    }
    if (cur.trim()) out.push(cur);
    return out;
  };
  const run = (action: string | undefined) => {
    if (action === undefined) { ctx.out(st.line + '\n'); return; }
    for (const stmt of action.split(/;|\n/)) {
      const s = stmt.trim();
      if (!s) continue;
      let m: RegExpExecArray | null;
      if ((m = /^print(?:\s+(.*)|\((.*)\))?$/.exec(s))) {
        const arg = m[1] ?? m[2];
        if (!arg) { ctx.out(st.line + '\n'); continue; }
        ctx.out(splitArgs(arg).map((a) => String(evalExpr(a))).join(st.OFS) + '\n');
      } else if ((m = /^printf\s*\(?(.*?)\)?$/.exec(s))) {
        const parts = splitArgs(m[1]);
        const fmt = String(evalExpr(parts[0]));
        let ai = 1;
        ctx.out(fmt.replace(/%(-?\d*)(?:\.\d+)?([sdif])/g, (_x, w: string, c: string) => { const v = String(c === 's' ? evalExpr(parts[ai++] ?? '""') : Math.trunc(Number(evalExpr(parts[ai++] ?? '0')))); const n = Math.abs(Number(w) || 0); return w.startsWith('-') ? v.padEnd(n) : v.padStart(n); }));
      } else if ((m = /^([A-Za-z_]\w*)\s*(\+\+|--|\+=|-=|=)\s*(.*)$/.exec(s))) {
        const cur = Number(st.vars[m[1]] ?? 0);
        const v = m[2] === '++' ? cur + 1 : m[2] === '--' ? cur - 1 : m[2] === '+=' ? cur + Number(evalExpr(m[3])) : m[2] === '-=' ? cur - Number(evalExpr(m[3])) : evalExpr(m[3]);
        st.vars[m[1]] = v;
      } else if (s === 'next') return;
    }
  };
  const matches = (p: string | undefined) => {
    if (!p) return true;
    const re = /^\/(.*)\/$/.exec(p);
    if (re) return new RegExp(re[1]).test(st.line);
    return !!Number(evalExpr(p)) || (typeof evalExpr(p) === 'string' && evalExpr(p) !== '');
  };
  for (const r of rules) if (r.pattern === 'BEGIN') run(r.action);
  for (const f of ins) {
    for (const l of linesOf(f.text)) {
      st.NR++;
      setLine(l);
      for (const r of rules) if (r.pattern !== 'BEGIN' && r.pattern !== 'END' && matches(r.pattern)) run(r.action);
    }
  }
  for (const r of rules) if (r.pattern === 'END') run(r.action);
  return 0;
};

export const tee: Command = (ctx) => {
  const append = ctx.argv.includes('-a');
  for (const f of ctx.argv.slice(1).filter((a) => !a.startsWith('-'))) ctx.sh.writeFile(f, ctx.stdin, append);
  ctx.out(ctx.stdin);
  return 0;
};

// -- jq: paths, iteration, keys, length, select(.a == "x"), pipes --------------------------------

function jqFormat(v: any, compact: boolean, raw: boolean, indent = 0): string {
  if (raw && typeof v === 'string') return v;
  if (compact) return JSON.stringify(v);
  const pad = '  '.repeat(indent);
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    return '[\n' + v.map((x) => pad + '  ' + jqFormat(x, false, false, indent + 1)).join(',\n') + '\n' + pad + ']';
  }
  if (v && typeof v === 'object') {
    const keys = Object.keys(v);
    if (!keys.length) return '{}';
    return '{\n' + keys.map((k) => `${pad}  ${JSON.stringify(k)}: ${jqFormat(v[k], false, false, indent + 1)}`).join(',\n') + '\n' + pad + '}';
  }
  return JSON.stringify(v) ?? 'null';
}

function jqEval(filter: string, input: any): any[] {
  const f = filter.trim();
  if (f === '' || f === '.') return [input];
  // pipes (outside brackets/strings)
  let depth = 0, q = false;
  for (let i = f.length - 1; i >= 0; i--) {
    const c = f[i];
    if (c === '"') q = !q;
    if (q) continue;
    if (c === ')' || c === ']') depth++;
    if (c === '(' || c === '[') depth--;
    if (c === '|' && depth === 0) return jqEval(f.slice(0, i), input).flatMap((x) => jqEval(f.slice(i + 1), x));
  }
  {
    let d = 0, inq = false;
    for (let i = 0; i < f.length; i++) {
      const c = f[i];
      if (c === '"') inq = !inq;
      if (inq) continue;
      if (c === '(' || c === '[' || c === '{') d++;
      if (c === ')' || c === ']' || c === '}') d--;
      if (c === ',' && d === 0) return [...jqEval(f.slice(0, i), input), ...jqEval(f.slice(i + 1), input)];
    }
  }
  if (f === 'keys') return [Object.keys(input ?? {}).sort()];
  if (f === 'length') return [Array.isArray(input) || typeof input === 'string' ? input.length : input && typeof input === 'object' ? Object.keys(input).length : 0];
  if (f === 'to_entries') return [Object.entries(input ?? {}).map(([key, value]) => ({ key, value }))];
  let m: RegExpExecArray | null;
  if ((m = /^select\((.*)\)$/.exec(f))) {
    const cond = m[1];
    const cm = /^(.*?)\s*(==|!=)\s*(.*)$/.exec(cond);
    if (cm) {
      const l = jqEval(cm[1], input)[0];
      const r = jqEval(cm[3], input)[0];
      return (JSON.stringify(l) === JSON.stringify(r)) === (cm[2] === '==') ? [input] : [];
    }
    const v = jqEval(cond, input)[0];
    return v !== null && v !== false && v !== undefined ? [input] : [];
  }
  if (/^".*"$/.test(f)) return [JSON.parse(f)];
  if (/^-?\d+(\.\d+)?$/.test(f)) return [Number(f)];
  if (f === 'null' || f === 'true' || f === 'false') return [JSON.parse(f)];
  // path: .a.b[0].c[] ."key"
  let vals = [input];
  let rest = f;
  if (!rest.startsWith('.')) throw new Error(`jq: error: ${f}/0 is not defined`);
  while (rest.length) {
    if ((m = /^\.?\[\]/.exec(rest))) { vals = vals.flatMap((v) => (Array.isArray(v) ? v : v && typeof v === 'object' ? Object.values(v) : [])); rest = rest.slice(m[0].length); continue; }
    if ((m = /^\.?\[(-?\d+)\]/.exec(rest))) { const n = Number(m[1]); vals = vals.map((v) => (Array.isArray(v) ? v[n < 0 ? v.length + n : n] ?? null : null)); rest = rest.slice(m[0].length); continue; }
    if ((m = /^\.?\["([^"]*)"\]/.exec(rest)) || (m = /^\."([^"]*)"/.exec(rest)) || (m = /^\.([A-Za-z_][A-Za-z0-9_]*)/.exec(rest))) {
      const k = m[1];
      vals = vals.map((v) => (v && typeof v === 'object' && !Array.isArray(v) ? (k in v ? v[k] : null) : null));
      rest = rest.slice(m[0].length);
      continue;
    }
    if (rest === '.') break;
    throw new Error(`jq: error: syntax error, unexpected INVALID_CHARACTER (Unix shell quoting issues?) at <top-level>, line 1:\n${filter}\njq: 1 compile error`);
  }
  return vals;
}

export const jq: Command = (ctx) => {
  const args = splitShort(ctx.argv.slice(1), '');
  let raw = false, compact = false, slurp = false;
  let filter: string | undefined;
  const files: string[] = [];
  for (const a of args) {
    if (a === '-r' || a === '--raw-output') raw = true;
    else if (a === '-c' || a === '--compact-output') compact = true;
    else if (a === '-s' || a === '--slurp') slurp = true;
    else if (a === '-M' || a === '-C' || a === '-e') continue;
    else if (filter === undefined) filter = a;
    else files.push(a);
  }
  const ins = inputs(ctx, files);
  if (typeof ins === 'number') return ins;
  const text = ins.map((x) => x.text).join('\n');
  const docs: any[] = [];
  try {
    let rest = text.trim();
    while (rest) {
      let end = rest.length;
      let parsed: any;
      for (;;) {
        try { parsed = JSON.parse(rest.slice(0, end)); break; } catch {
          const nl = rest.lastIndexOf('\n', end - 1);
          if (nl <= 0) throw new Error('parse');
          end = nl;
        }
      }
      docs.push(parsed);
      rest = rest.slice(end).trim();
    }
  } catch {
    ctx.err(`jq: error (at <stdin>:${text.split('\n').length}): Cannot index string with string\n`);
    return 5;
  }
  try {
    for (const d of slurp ? [docs] : docs) for (const v of jqEval(filter ?? '.', d)) ctx.out(jqFormat(v, compact, raw) + '\n');
  } catch (e) {
    ctx.err(String((e as Error).message) + '\n');
    return 3;
  }
  return 0;
};

export { fail };
