// Tab completion at an interactive prompt: command names in command position (the shell's
// builtins and the programs the image has), paths elsewhere, from the shell's filesystem as
// `ls` shows it (image files and the files written in this session).
import type { Shell } from '../shell';

const BREAK = /[\s;|&<>()`]/;

export function completeAt(sh: Shell | undefined, line: string, cursor: number): { start: number; candidates: string[] } {
  let start = cursor;
  while (start > 0 && !BREAK.test(line[start - 1])) start--;
  const word = line.slice(start, cursor);
  if (!sh || word.includes('$') || /['"\\]/.test(word)) return { start, candidates: [] };
  const before = line.slice(0, start);
  const commandPosition = /(^|[;&|(`]|\$\()\s*$/.test(before);
  if (commandPosition && !word.includes('/')) {
    return { start, candidates: sh.commandNames().filter((n) => /^[A-Za-z_][\w.+-]*$/.test(n) && n.startsWith(word)) };
  }
  const slash = word.lastIndexOf('/');
  const dirPart = slash >= 0 ? word.slice(0, slash + 1) : '';
  const base = word.slice(slash + 1);
  const dirAbs = sh.resolvePath(dirPart === '' ? '.' : dirPart.startsWith('~') ? dirPart : dirPart);
  const entries = listEntries(sh, dirAbs);
  const candidates = entries
    .filter((e) => e.name.startsWith(base) && (base.startsWith('.') || !e.name.startsWith('.')))
    .map((e) => dirPart + e.name + (e.dir ? '/' : ''));
  return { start, candidates };
}

/** A directory's entries (name, is a directory), read through the image's `ls -la`. */
export function listEntries(sh: Shell, dir: string): { name: string; dir: boolean }[] {
  let text = '';
  const saved = sh.term;
  sh.term = undefined;
  const run = sh.execArgv(['ls', '-la', dir], '', (s) => { text += s; }, () => {});
  sh.term = saved;
  // ls is synchronous in the simulation; a promise that has not settled gives nothing
  void run;
  const out: { name: string; dir: boolean }[] = [];
  for (const l of text.split('\n')) {
    const m = /^([dl-])[rwxstST-]{9}\S*\s+.*?\s(\S+(?: -> \S+)?)$/.exec(l);
    if (!m) continue;
    const name = m[2].split(' -> ')[0];
    if (name === '.' || name === '..') continue;
    out.push({ name, dir: m[1] === 'd' || (m[1] === 'l' && sh.readFile(`${dir}/${name}`) === undefined) });
  }
  return out;
}
