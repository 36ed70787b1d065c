// The exec mini-shell: what `kubectl exec POD -- CMD...` runs. A small POSIX-ish shell (words,
// quotes, $VAR/${VAR}/$(cmd)/$((expr)) expansion, ; && || | pipelines, redirections, if/for/
// while/case, the usual builtins) in front of simulated commands (commands/*.ts). Error
// messages follow the image's shell: bash, busybox ash or dash. Nothing ever runs on the host.
//
// Entry points:
//   runExec(host, pod, container, argv, { stdin, tty, interactive })  -> Promise<ExecResult>
//       everything buffered: stdout, stderr, the exit code, or `error` when kubectl itself
//       fails (the executable does not exist in the image, the pod is not running)
//   execStream(host, pod, container, argv, { input, tty, interactive, write }) -> Promise<{ exitCode, error? }>
//       the same, streaming output through write(fd, text) and reading input lines as they
//       come (for `exec -it`: prompts are printed, typed input is not echoed - the local
//       terminal does that)
import type { KObject } from '../api/types';
import type { DataPlaneHost } from './host';
import { NetView, hash32 } from './host';
import { ImageProfile, imageProfile, withPackages } from './images';
import { containerEnv, podHostname } from './env';
import { hostsFileText, resolvConfText } from './dns';
import { ContainerMounts } from './volumes';
import type { Command, CommandContext, Layer, Session } from './commands/types';
import { COMMANDS } from './commands/index';
import { isNodeShell, nodeImage, nodeEnv, nodeFile, nodePod, NODE_DIRS } from './node';
import { ashHelpText, bashHelpText, bashVersionText } from './commands/help';
import NGINX_INDEX from '../../templates/apps/nginx-index.html';
import { Interrupted, ForegroundControl } from './signals';
import { ArithError, ArithStackOverflow, evalArith } from './arith';

export interface ExecIO { stdin?: string; tty: boolean; interactive: boolean }
export interface ExecResult { stdout: string; stderr: string; exitCode: number; error?: string }

export interface StreamIO {
  /** the bytes of stdin (with -i): the whole text, or chunks as they arrive */
  input?: string | AsyncIterable<string>;
  tty: boolean;
  interactive: boolean;
  write(fd: 1 | 2, text: string): void;
  /** echo typed lines after the prompt (a transcript, as a pty shows it); default false */
  echo?: boolean;
  /** the container's own command (what `kubectl logs` shows), not an exec into it: the
   *  container may have finished since */
  asContainer?: boolean;
  /** an interactive terminal (src/network/terminal) drives the process: lines come from its
   *  line editor, signals (Ctrl-C) from its keys */
  terminal?: TerminalHooks;
}

/** Lines as a shell reads them (a string or stream: LineSource; a terminal's line editor). */
export interface LineInput { next(): Promise<string | undefined>; rest(): Promise<string> }

export interface TerminalHooks {
  control: ForegroundControl;
  input: LineInput;
  /** the shell now reading the terminal (a nested `sh` binds itself, its parent again after) */
  bind(sh: Shell): void;
}

// ---- errors and control flow -------------------------------------------------------------------

class Incomplete extends Error {}
class SyntaxError_ extends Error { constructor(public token: string, public line: number) { super(token); } }
class ExitSignal { constructor(public code: number) {} }
class LoopSignal { constructor(public kind: 'break' | 'continue', public n: number) {} }
class ReturnSignal { constructor(public code: number) {} }
/** An expansion failed ($((1/0)), ${x?}, set -u): a non-interactive shell exits with `status`. */
class ExpansionError { constructor(public status: number) {} }
/** Nesting beyond what the real shell's stack holds: it dies of SIGSEGV (exit 139, no message). */
class StackOverflow {}

/** Nesting limits: parser and evaluator recursion, function calls, command substitutions. */
const MAX_PARSE_DEPTH = 400;
const MAX_CALL_DEPTH = 300;
const SEGV = 139;
/** Programs that read their standard input (and so take what is left of it); curl, ping,
 *  sleep ... leave it for the next `read`. */
const STDIN_READERS = new Set(['cat', 'grep', 'egrep', 'fgrep', 'head', 'tail', 'wc', 'sort', 'uniq', 'cut', 'tr', 'sed', 'awk', 'tee',
  'jq', 'xargs', 'base64', 'rev', 'nc', 'apt-get', 'apt', 'envsubst', 'python', 'python3', 'node', 'psql', 'mysql', 'redis-cli']);
/** Builtins a function cannot override (POSIX special builtins). */
const SPECIAL_BUILTINS = new Set(['break', ':', '.', 'continue', 'eval', 'exec', 'exit', 'export', 'readonly', 'return', 'set', 'shift', 'trap', 'unset']);

/** A word as set -x shows it: quoted when it has spaces or quotes. */
function xtraceQuote(w: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(w) ? w : `'${w.replace(/'/g, `'\\''`)}'`;
}

// ---- lexer -------------------------------------------------------------------------------------

interface Tok { t: 'w' | 'op' | 'nl' | 'eof'; v: string; line: number; heredoc?: { body: string; quoted: boolean }; arith?: boolean }

const OPS = ['&&', '||', ';;', '<<<', '<<-', '<<', '>>', '>&', '<&', '&>', '>|', ';', '&', '|', '(', ')', '<', '>'];
const isOpStart = (c: string) => ';&|<>()'.includes(c);

/** Scan a balanced $( ... ) / ${ ... } / `...` starting after the opener; returns the index after the closer. */
function scanNested(src: string, i: number, close: string, level = 0): number {
  if (level > MAX_PARSE_DEPTH) throw new StackOverflow();
  let depth = 1;
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') { i += 2; continue; }
    if (c === "'" && close !== '`') { const e = src.indexOf("'", i + 1); if (e < 0) throw new Incomplete(); i = e + 1; continue; }
    if (c === '"' && close !== '`') { i = scanDouble(src, i + 1, level + 1); continue; }
    if (close === '`') { if (c === '`') return i + 1; i++; continue; }
    if (c === '$' && src[i + 1] === '(') { i = scanNested(src, i + 2, ')', level + 1); continue; }
    if (c === '$' && src[i + 1] === '{') { i = scanNested(src, i + 2, '}', level + 1); continue; }
    if (c === '`') { i = scanNested(src, i + 1, '`', level + 1); continue; }
    if (close === ')' && c === '(') depth++;
    if (c === close) { depth--; if (depth === 0) return i + 1; }
    i++;
  }
  throw new Incomplete();
}

function scanDouble(src: string, i: number, level = 0): number {
  while (i < src.length) {
    const c = src[i];
    if (c === '\\') { i += 2; continue; }
    if (c === '"') return i + 1;
    if (c === '$' && src[i + 1] === '(') { i = scanNested(src, i + 2, ')', level + 1); continue; }
    if (c === '$' && src[i + 1] === '{') { i = scanNested(src, i + 2, '}', level + 1); continue; }
    if (c === '`') { i = scanNested(src, i + 1, '`', level + 1); continue; }
    i++;
  }
  throw new Incomplete();
}

function lex(src: string, firstLine = 1, bash = true): Tok[] {
  const toks: Tok[] = [];
  let i = 0;
  let line = firstLine;
  const pending: { tok: Tok; delim: string; quoted: boolean; strip: boolean }[] = [];
  while (i < src.length) {
    const c = src[i];
    if (c === ' ' || c === '\t' || c === '\r') { i++; continue; }
    if (c === '\\' && src[i + 1] === '\n') { i += 2; line++; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === '\n') {
      toks.push({ t: 'nl', v: '\n', line });
      i++; line++;
      for (const h of pending.splice(0)) {
        let body = '';
        for (;;) {
          if (i >= src.length) throw new Incomplete();
          let e = src.indexOf('\n', i);
          // the delimiter may end the text without a newline
          if (e < 0) { const last = h.strip ? src.slice(i).replace(/^\t+/, '') : src.slice(i); if (last !== h.delim) throw new Incomplete(); e = src.length; }
          let l = src.slice(i, e);
          i = e + 1; line++;
          if (h.strip) l = l.replace(/^\t+/, '');
          if (l === h.delim) break;
          body += l + '\n';
        }
        h.tok.heredoc = { body, quoted: h.quoted };
      }
      continue;
    }
    // IO number: digits right before < or >
    const io = /^(\d+)(>>|>&|<&|>|<)/.exec(src.slice(i, i + 6));
    if (io) { toks.push({ t: 'op', v: io[1] + io[2], line }); i += io[0].length; continue; }
    // (( expr )) at the start of a command: bash's arithmetic command (one token)
    if (bash && c === '(' && src[i + 1] === '(' && atCommandStart(toks)) {
      const end = arithEnd(src, i + 2);
      if (end > 0) { toks.push({ t: 'w', v: src.slice(i, end), line, arith: true }); i = end; continue; }
    }
    if (isOpStart(c)) {
      const op = OPS.find((o) => src.startsWith(o, i))!;
      const tok: Tok = { t: 'op', v: op, line };
      toks.push(tok);
      i += op.length;
      if (op === '<<' || op === '<<-') {
        while (src[i] === ' ' || src[i] === '\t') i++;
        const start = i;
        while (i < src.length && !/[\s;&|<>()]/.test(src[i])) {
          if (src[i] === "'") { const e = src.indexOf("'", i + 1); if (e < 0) throw new Incomplete(); i = e + 1; } else if (src[i] === '"') i = scanDouble(src, i + 1); else i++;
        }
        const raw = src.slice(start, i);
        pending.push({ tok, delim: raw.replace(/['"\\]/g, ''), quoted: /['"\\]/.test(raw), strip: op === '<<-' });
      }
      continue;
    }
    // a word
    const start = i;
    while (i < src.length) {
      const d = src[i];
      if (d === ' ' || d === '\t' || d === '\n' || d === '\r' || isOpStart(d)) break;
      if (d === '\\') { if (i + 1 >= src.length) throw new Incomplete(); i += 2; continue; }
      if (d === "'") { const e = src.indexOf("'", i + 1); if (e < 0) throw new Incomplete(); i = e + 1; continue; }
      if (d === '"') { i = scanDouble(src, i + 1); continue; }
      if (d === '$' && src[i + 1] === '(') { i = scanNested(src, i + 2, ')'); continue; }
      if (d === '$' && src[i + 1] === '{') { i = scanNested(src, i + 2, '}'); continue; }
      if (d === '`') { i = scanNested(src, i + 1, '`'); continue; }
      i++;
    }
    const w = src.slice(start, i);
    toks.push({ t: 'w', v: w, line });
    line += w.split('\n').length - 1;
  }
  if (pending.length) throw new Incomplete();
  toks.push({ t: 'eof', v: '', line });
  return toks;
}

/** Where a command may start: at the beginning, after an operator or newline, after a keyword. */
function atCommandStart(toks: Tok[]): boolean {
  const t = toks[toks.length - 1];
  if (!t || t.t === 'nl') return true;
  if (t.t === 'op') return [';', '&&', '||', '|', '(', '&', ';;'].includes(t.v);
  return ['then', 'do', 'else', 'elif', '{', '!', 'while', 'until', 'if'].includes(t.v);
}

/** The end (after `))`) of an arithmetic command starting inside `((`, or -1 when the text is
 *  not one (nested subshells written `((cd /; ls))`). */
function arithEnd(src: string, i: number): number {
  let depth = 0;
  for (let k = i; k < src.length; k++) {
    const c = src[k];
    if (c === '\n' || c === ';') return -1;
    if (c === '(') depth++;
    else if (c === ')') {
      if (depth === 0) return src[k + 1] === ')' ? k + 2 : -1;
      depth--;
    }
  }
  return -1;
}

// ---- parser ------------------------------------------------------------------------------------

interface Redir { op: string; fd: number; target: string; heredoc?: { body: string; quoted: boolean } }
type Node =
  | { type: 'simple'; assigns: string[]; words: string[]; redirs: Redir[]; line: number }
  | { type: 'if'; clauses: { cond: ListNode; body: ListNode }[]; else?: ListNode; redirs: Redir[] }
  | { type: 'for'; name: string; words?: string[]; body: ListNode; redirs: Redir[] }
  | { type: 'while'; until: boolean; cond: ListNode; body: ListNode; redirs: Redir[] }
  | { type: 'case'; word: string; items: { patterns: string[]; body: ListNode }[]; redirs: Redir[] }
  | { type: 'group'; body: ListNode; subshell: boolean; redirs: Redir[] }
  | { type: 'func'; name: string; body: Node; redirs: Redir[] }
  | { type: 'arith'; expr: string; line: number; redirs: Redir[] };
interface Pipeline { bang: boolean; cmds: Node[] }
interface AndOr { first: Pipeline; rest: { op: '&&' | '||'; p: Pipeline }[] }
interface ListNode { items: { ao: AndOr; bg: boolean }[] }

const RESERVED = new Set(['if', 'then', 'elif', 'else', 'fi', 'for', 'in', 'do', 'done', 'while', 'until', 'case', 'esac', '{', '}', '!', 'function']);

class Parser {
  pos = 0;
  depth = 0;
  constructor(private toks: Tok[]) {}
  peek(): Tok { return this.toks[this.pos]; }
  next(): Tok { return this.toks[this.pos++]; }
  isWord(v: string): boolean { const t = this.peek(); return t.t === 'w' && t.v === v; }
  isOp(v: string): boolean { const t = this.peek(); return t.t === 'op' && t.v === v; }
  skipNl(): void { while (this.peek().t === 'nl') this.pos++; }
  unexpected(): never {
    const t = this.peek();
    if (t.t === 'eof') throw new Incomplete();
    throw new SyntaxError_(t.t === 'nl' ? 'newline' : t.v, t.line);
  }
  expectWord(v: string): void {
    this.skipNl();
    if (!this.isWord(v)) this.unexpected();
    this.pos++;
  }

  program(): ListNode {
    const l = this.list([]);
    this.skipNl();
    if (this.peek().t !== 'eof') this.unexpected();
    return l;
  }

  /** a list that must not be empty (bodies of if/while/for/{ }) */
  body(stops: string[]): ListNode {
    const l = this.list(stops);
    if (!l.items.length) this.unexpected();
    return l;
  }

  list(stops: string[]): ListNode {
    const items: { ao: AndOr; bg: boolean }[] = [];
    for (;;) {
      this.skipNl();
      const t = this.peek();
      if (t.t === 'eof' || (t.t === 'op' && (t.v === ')' || t.v === ';;')) || (t.t === 'w' && stops.includes(t.v))) break;
      const ao = this.andOr();
      let bg = false;
      const s = this.peek();
      if (s.t === 'op' && (s.v === ';' || s.v === '&')) { bg = s.v === '&'; this.pos++; }
      else if (s.t !== 'nl' && s.t !== 'eof' && !(s.t === 'op' && (s.v === ')' || s.v === ';;')) && !(s.t === 'w' && stops.includes(s.v))) this.unexpected();
      items.push({ ao, bg });
    }
    return { items };
  }

  andOr(): AndOr {
    const first = this.pipeline();
    const rest: AndOr['rest'] = [];
    while (this.isOp('&&') || this.isOp('||')) {
      const op = this.next().v as '&&' | '||';
      this.skipNl();
      rest.push({ op, p: this.pipeline() });
    }
    return { first, rest };
  }

  pipeline(): Pipeline {
    let bang = false;
    if (this.isWord('!')) { bang = true; this.pos++; }
    const cmds = [this.command()];
    while (this.isOp('|')) {
      this.pos++;
      this.skipNl();
      cmds.push(this.command());
    }
    return { bang, cmds };
  }

  redirs(into: Redir[]): void {
    for (;;) {
      const t = this.peek();
      if (t.t !== 'op' || !/^\d*(>>|>&|<&|>|<|<<<|<<-|<<|&>|>\|)$/.test(t.v)) return;
      this.pos++;
      const m = /^(\d*)(.*)$/.exec(t.v)!;
      const op = m[2] === '>|' ? '>' : m[2];
      const fd = m[1] ? Number(m[1]) : op.startsWith('<') ? 0 : 1;
      // a here-document's delimiter was taken by the lexer, its body is on the token
      if (op === '<<' || op === '<<-') { into.push({ op, fd, target: '', heredoc: t.heredoc }); continue; }
      const w = this.peek();
      if (w.t !== 'w') this.unexpected();
      this.pos++;
      into.push({ op, fd, target: w.v, heredoc: t.heredoc });
    }
  }

  command(): Node {
    if (++this.depth > MAX_PARSE_DEPTH) throw new StackOverflow();
    try { return this.command1(); } finally { this.depth--; }
  }

  command1(): Node {
    const t = this.peek();
    if (t.t === 'w' && t.arith) {
      this.pos++;
      const node: Node = { type: 'arith', expr: t.v.slice(2, -2), line: t.line, redirs: [] };
      this.redirs(node.redirs);
      return node;
    }
    // function definitions: NAME () COMPOUND, function NAME [()] COMPOUND
    if (t.t === 'w' && (t.v === 'function' || (/^[A-Za-z_][A-Za-z0-9_.-]*$/.test(t.v) && !RESERVED.has(t.v) && this.toks[this.pos + 1]?.t === 'op' && this.toks[this.pos + 1].v === '(' && this.toks[this.pos + 2]?.t === 'op' && this.toks[this.pos + 2].v === ')'))) {
      let name = t.v;
      this.pos++;
      if (t.v === 'function') {
        const n = this.next();
        if (n.t === 'eof') throw new Incomplete();
        if (n.t !== 'w') { this.pos--; this.unexpected(); }
        name = n.v;
        if (this.isOp('(')) { this.pos++; if (!this.isOp(')')) this.unexpected(); this.pos++; }
      } else this.pos += 2;
      this.skipNl();
      const body = this.command();
      return { type: 'func', name, body, redirs: [] };
    }
    if (t.t === 'op' && t.v === '(') {
      this.pos++;
      const body = this.list([]);
      if (!this.isOp(')')) this.unexpected();
      this.pos++;
      const node: Node = { type: 'group', body, subshell: true, redirs: [] };
      this.redirs(node.redirs);
      return node;
    }
    if (t.t === 'w') {
      switch (t.v) {
        case '{': {
          this.pos++;
          const body = this.body(['}']);
          this.expectWord('}');
          const node: Node = { type: 'group', body, subshell: false, redirs: [] };
          this.redirs(node.redirs);
          return node;
        }
        case 'if': {
          this.pos++;
          const clauses: { cond: ListNode; body: ListNode }[] = [];
          let cond = this.body(['then']);
          this.expectWord('then');
          let body = this.body(['elif', 'else', 'fi']);
          clauses.push({ cond, body });
          let els: ListNode | undefined;
          for (;;) {
            this.skipNl();
            if (this.isWord('elif')) {
              this.pos++;
              cond = this.body(['then']);
              this.expectWord('then');
              body = this.body(['elif', 'else', 'fi']);
              clauses.push({ cond, body });
            } else if (this.isWord('else')) {
              this.pos++;
              els = this.body(['fi']);
            } else break;
          }
          this.expectWord('fi');
          const node: Node = { type: 'if', clauses, else: els, redirs: [] };
          this.redirs(node.redirs);
          return node;
        }
        case 'for': {
          this.pos++;
          const n = this.next();
          if (n.t === 'eof') throw new Incomplete();
          if (n.t !== 'w') { this.pos--; this.unexpected(); }
          let words: string[] | undefined;
          this.skipNl();
          if (this.isWord('in')) {
            this.pos++;
            words = [];
            while (this.peek().t === 'w') words.push(this.next().v);
            if (this.isOp(';')) this.pos++;
            else if (this.peek().t !== 'nl') this.unexpected();
          } else if (this.isOp(';')) this.pos++;
          this.expectWord('do');
          const body = this.body(['done']);
          this.expectWord('done');
          const node: Node = { type: 'for', name: n.v, words, body, redirs: [] };
          this.redirs(node.redirs);
          return node;
        }
        case 'while':
        case 'until': {
          this.pos++;
          const cond = this.body(['do']);
          this.expectWord('do');
          const body = this.body(['done']);
          this.expectWord('done');
          const node: Node = { type: 'while', until: t.v === 'until', cond, body, redirs: [] };
          this.redirs(node.redirs);
          return node;
        }
        case 'case': {
          this.pos++;
          const w = this.next();
          if (w.t === 'eof') throw new Incomplete();
          this.skipNl();
          this.expectWord('in');
          const items: { patterns: string[]; body: ListNode }[] = [];
          for (;;) {
            this.skipNl();
            if (this.isWord('esac')) { this.pos++; break; }
            if (this.peek().t === 'eof') throw new Incomplete();
            if (this.isOp('(')) this.pos++;
            const patterns: string[] = [];
            for (;;) {
              const p = this.next();
              if (p.t === 'eof') throw new Incomplete();
              if (p.t !== 'w') { this.pos--; this.unexpected(); }
              patterns.push(p.v);
              if (this.isOp('|')) { this.pos++; continue; }
              break;
            }
            if (!this.isOp(')')) this.unexpected();
            this.pos++;
            const body = this.list(['esac']);
            items.push({ patterns, body });
            if (this.isOp(';;')) this.pos++;
          }
          const node: Node = { type: 'case', word: w.v, items, redirs: [] };
          this.redirs(node.redirs);
          return node;
        }
        case 'then': case 'elif': case 'else': case 'fi': case 'do': case 'done': case 'esac': case '}': case 'in':
          this.unexpected();
      }
    }
    const node: Node = { type: 'simple', assigns: [], words: [], redirs: [], line: t.line };
    for (;;) {
      const c = this.peek();
      if (c.t === 'w') {
        if (!node.words.length && /^[A-Za-z_][A-Za-z0-9_]*=/.test(c.v)) node.assigns.push(c.v);
        else node.words.push(c.v);
        this.pos++;
        continue;
      }
      if (c.t === 'op' && /^\d*(>>|>&|<&|>|<|<<<|<<-|<<|&>|>\|)$/.test(c.v)) { this.redirs(node.redirs); continue; }
      break;
    }
    if (!node.words.length && !node.assigns.length && !node.redirs.length) this.unexpected();
    return node;
  }
}

/** Parse a script; `bash`: bash's grammar extras (the `(( ))` arithmetic command). */
export function parseScript(src: string, firstLine = 1, bash = true): ListNode {
  return new Parser(lex(src, firstLine, bash)).program();
}

// ---- the shell ---------------------------------------------------------------------------------

type Sink = { kind: 'out' } | { kind: 'err' } | { kind: 'null' } | { kind: 'buf'; chunks: string[] } | { kind: 'file'; path: string } | { kind: 'fn'; f: (s: string) => void };
/** stdin: the text a command gets; inp: the same input as a cursor shared by the commands of a
 *  list (what `read` takes is gone for the next command), `more` pulls further lines. */
interface Input { s: string; more?: () => Promise<string | undefined> }
interface IO { stdin: string; fd: Record<number, Sink>; inp?: Input }

export type Dialect = 'bash' | 'ash' | 'dash';

const SHELLS = new Set(['sh', 'bash', 'ash', 'dash', 'zsh']);
const BIN_DIRS = ['/bin', '/usr/bin', '/sbin', '/usr/sbin', '/usr/local/bin', '/usr/local/sbin'];

/** Real waiting is bounded: one wait at most this long, and all waits of an exec at most the budget. */
const MAX_WAIT_MS = 3000;
const WAIT_BUDGET_MS = 8000;
/** Loop iterations one exec may run (a runaway loop ends as if interrupted, exit 130). */
const MAX_LOOP_ITERATIONS = 10000;
/** The first exec's pid: the container's main process is 1, the pause/init work used the next few. */
const FIRST_EXEC_PID = 7;

export class Shell implements Session {
  vars = new Map<string, { v: string; x: boolean }>();
  cwd: string;
  files = new Map<string, string>();
  removed = new Set<string>();
  status = 0;
  waited = 0;
  positional: string[] = [];
  dialect: Dialect = 'ash';
  arg0 = 'sh';
  interactive = false;
  podIP: string;
  /** the terminal's foreground control: waits race Ctrl-C, loops are not capped */
  term?: ForegroundControl;
  termHooks?: TerminalHooks;
  private iterations = 0;
  /** the lines an interactive shell reads (a shell started from it, or chroot, goes on reading them) */
  lines?: LineInput;
  echo = false;
  /** the container's writable layer (shared with sub-shells) */
  layer: Layer = { pkgs: [], aptLists: false, dirty: false, nextPid: FIRST_EXEC_PID };
  /** shell functions, `set` options, traps, function call depth and `local` frames */
  functions = new Map<string, Node>();
  opts = { errexit: false, xtrace: false, nounset: false, pipefail: false };
  traps = new Map<string, string>();
  private callDepth = 0;
  private locals: Map<string, { v: string; x: boolean } | undefined>[] = [];
  /** inside an if/while condition or the left of && || (set -e does not apply there) */
  private condDepth = 0;
  private curLine = 1;
  /** `.`/source nesting (return ends the sourced file) */
  sourcing = 0;
  /** this shell's process id ($$), its parent shell, its command line (for ps) */
  pid = 0;
  parentShell?: Shell;
  cmdline = '';
  private imageCache?: { n: number; p: ImageProfile };

  constructor(
    public view: NetView,
    public pod: KObject,
    public container: any,
    private baseImage: ImageProfile,
    public tty: boolean,
    private emit: (fd: 1 | 2, s: string) => void,
  ) {
    const env = isNodeShell(pod) ? nodeEnv(view, pod) : containerEnv(view.host, pod, container?.name, view.host.podEnv(pod));
    for (const [k, v] of env) this.vars.set(k, { v, x: true });
    if (tty) this.vars.set('TERM', { v: 'xterm', x: true });
    this.cwd = container?.workingDir || baseImage.workdir;
    this.podIP = pod.status?.podIP ?? '';
  }

  /** the image with the packages installed in this container */
  get image(): ImageProfile {
    const n = this.layer.pkgs.length;
    if (this.imageCache?.n !== n) this.imageCache = { n, p: withPackages(this.baseImage, this.layer.pkgs) };
    return this.imageCache.p;
  }
  install(pkgs: string[]): void {
    for (const p of pkgs) if (!this.layer.pkgs.includes(p) && !this.baseImage.pkgs.includes(p)) this.layer.pkgs.push(p);
    this.layer.dirty = true;
    this.saveState();
  }

  /** Pick up the container's layer as earlier execs left it (same container start). */
  loadState(): void {
    const name = this.container?.name;
    if (!name || !this.view.host.containerState) return;
    const st = this.view.host.containerState(this.pod, name);
    if (!st || st.restarts !== restartsOf(this.pod, name)) return;
    this.layer = { pkgs: [...st.pkgs], aptLists: !!st.aptLists, dirty: false, nextPid: st.nextPid ?? FIRST_EXEC_PID };
    this.files = new Map(Object.entries(st.files ?? {}));
    this.removed = new Set(st.removed ?? []);
  }
  /** Keep the layer for later execs (bounded: at most 256 KiB of written files). */
  saveState(): void {
    const name = this.container?.name;
    if (!name || !this.layer.dirty || !this.view.host.saveContainerState) return;
    const files: Record<string, string> = {};
    let total = 0;
    for (const [k, v] of this.files) {
      if (k.startsWith('/proc/') || k.startsWith('/dev/') || total + v.length > 256 * 1024) continue;
      files[k] = v;
      total += v.length;
    }
    this.view.host.saveContainerState(this.pod, name, { restarts: restartsOf(this.pod, name), pkgs: this.layer.pkgs, aptLists: this.layer.aptLists, files, removed: [...this.removed], nextPid: this.layer.nextPid });
    this.layer.dirty = false;
  }

  /** A new process id, as the kernel hands them out in the container's pid namespace. */
  allocPid(): number {
    const pid = this.layer.nextPid;
    this.layer.nextPid = pid + 1;
    this.layer.dirty = true;
    return pid;
  }
  processes(): { pid: number; cmd: string }[] {
    const chain: { pid: number; cmd: string }[] = [];
    for (let s: Shell | undefined = this; s; s = s.parentShell) if (s.pid) chain.unshift({ pid: s.pid, cmd: s.cmdline });
    return chain;
  }

  // -- Session
  environ(): [string, string][] { return [...this.vars.entries()].filter(([, e]) => e.x).map(([k, e]) => [k, e.v]); }
  getVar(name: string): string | undefined { return this.vars.get(name)?.v; }
  setVar(name: string, value: string, exported?: boolean): void {
    const e = this.vars.get(name);
    if (e) { e.v = value; if (exported) e.x = true; } else this.vars.set(name, { v: value, x: !!exported });
  }
  resolvePath(p: string): string {
    const home = this.getVar('HOME') ?? '/root';
    if (p === '~' || p.startsWith('~/')) p = home + p.slice(1);
    const abs = p.startsWith('/') ? p : `${this.cwd.replace(/\/$/, '')}/${p}`;
    const out: string[] = [];
    for (const seg of abs.split('/')) {
      if (!seg || seg === '.') continue;
      if (seg === '..') out.pop(); else out.push(seg);
    }
    return '/' + out.join('/');
  }
  readFile(path: string): string | undefined {
    const p = this.resolvePath(path);
    if (this.files.has(p)) return this.files.get(p);
    if (this.removed.has(p)) return undefined;
    const m = this.mounts();
    if (m.covers(p)) return m.file(p);
    return imageFile(this, p);
  }
  private mounted?: ContainerMounts;
  /** The container's volumes (volumes.ts), over the image's files. */
  mounts(): ContainerMounts { return (this.mounted ??= new ContainerMounts(this.view.host, this.pod, this.container)); }
  writeFile(path: string, content: string, append = false): void {
    const p = this.resolvePath(path);
    if (p === '/dev/null') return;
    if (p === '/dev/stdout') { this.emit(1, content); return; }
    if (p === '/dev/stderr') { this.emit(2, content); return; }
    const prev = append ? this.readFile(p) ?? '' : '';
    this.files.set(p, prev + content);
    this.removed.delete(p);
    this.layer.dirty = true;
  }
  removeFile(path: string): boolean {
    const p = this.resolvePath(path);
    const had = this.readFile(p) !== undefined;
    this.files.delete(p);
    if (had) { this.removed.add(p); this.layer.dirty = true; }
    return had;
  }
  async sleep(ms: number): Promise<void> {
    if (this.term) return this.term.wait(ms, (m) => this.view.sleep(m));
    const real = Math.max(0, Math.min(ms, MAX_WAIT_MS, WAIT_BUDGET_MS - this.waited));
    this.waited += real;
    await this.view.sleep(real);
  }

  // -- messages in the dialect of the shell
  msg(text: string, line?: number): string {
    if (this.dialect === 'bash') return this.interactive || line === undefined ? `${this.arg0}: ${text}\n` : `${this.arg0}: line ${line}: ${text}\n`;
    if (this.dialect === 'dash') return `${this.arg0}: ${line ?? 1}: ${text}\n`;
    return `${this.arg0}: ${text}\n`;
  }
  notFound(name: string, line: number): string {
    if (this.dialect === 'bash') return this.msg(name.includes('/') ? `${name}: No such file or directory` : `${name}: command not found`, line);
    return this.msg(`${name}: not found`, line);
  }
  syntaxError(e: SyntaxError_, src?: string, dashC = false): string {
    if (this.dialect === 'bash') {
      const where = this.interactive ? '' : `${dashC ? '-c: ' : ''}line ${e.line}: `;
      const text = src?.split('\n')[e.line - 1];
      return `${this.arg0}: ${where}syntax error near unexpected token \`${e.token}'\n` + (text !== undefined ? `${this.arg0}: ${where}\`${text}'\n` : '');
    }
    if (this.dialect === 'dash') return `${this.arg0}: ${e.line}: Syntax error: ${e.token === 'newline' ? 'newline' : `"${e.token}"`} unexpected\n`;
    return `${this.arg0}: syntax error: unexpected ${e.token === 'newline' ? 'newline' : `"${e.token}"`}\n`;
  }
  incompleteError(): string {
    if (this.dialect === 'bash') return `${this.arg0}: -c: line 2: syntax error: unexpected end of file\n`;
    if (this.dialect === 'dash') return `${this.arg0}: 1: Syntax error: end of file unexpected\n`;
    return `${this.arg0}: syntax error: unexpected end of file\n`;
  }

  prompt(): string {
    const host = podHostname(this.pod);
    const home = this.getVar('HOME') ?? '/root';
    const w = this.cwd === home ? '~' : this.cwd;
    if (this.dialect === 'bash') {
      if (this.image.family === 'debian') return `root@${host}:${w}# `;
      return `bash-${this.image.bashVersion.split('.').slice(0, 2).join('.')}# `;
    }
    if (this.dialect === 'dash') return '# ';
    // radial/busyboxplus's /etc/profile: PS1='[ $USER@$HOSTNAME:$PWD ]$ '
    if (this.image.name === 'busyboxplus') return `[ root@${host}:${this.cwd} ]$ `;
    return `${w} # `;
  }

  // -- output plumbing
  write(io: IO, fd: number, s: string): void {
    if (!s) return;
    const sink = io.fd[fd] ?? (fd === 2 ? { kind: 'err' } : { kind: 'out' });
    switch (sink.kind) {
      case 'out': this.emit(1, s); break;
      case 'err': this.emit(2, s); break;
      case 'null': break;
      case 'buf': sink.chunks.push(s); break;
      case 'file': this.writeFile(sink.path, s, true); break;
      case 'fn': sink.f(s); break;
    }
  }
  private isTty(io: IO, fd = 1): boolean { return this.tty && io.fd[fd]?.kind === (fd === 2 ? 'err' : 'out'); }

  // -- expansion
  async expandWord(raw: string, io: IO, split = true): Promise<string[]> {
    // segments: text with a flag telling whether it came from an unquoted expansion
    const segs: { s: string; split: boolean; quoted: boolean }[] = [];
    let i = 0;
    if (raw.startsWith('~') && (raw.length === 1 || raw[1] === '/')) { segs.push({ s: this.getVar('HOME') ?? '/root', split: false, quoted: true }); i = 1; }
    while (i < raw.length) {
      const c = raw[i];
      if (c === "'") { const e = raw.indexOf("'", i + 1); segs.push({ s: raw.slice(i + 1, e), split: false, quoted: true }); i = e + 1; continue; }
      if (c === '\\') { segs.push({ s: raw[i + 1] ?? '', split: false, quoted: true }); i += 2; continue; }
      if (c === '"') {
        const end = scanDouble(raw, i + 1);
        const inner = raw.slice(i + 1, end - 1);
        segs.push({ s: await this.expandDouble(inner, io), split: false, quoted: true });
        i = end;
        continue;
      }
      if (c === '$' || c === '`') {
        const [text, n] = await this.expandDollar(raw, i, io);
        if (n > i) { segs.push({ s: text, split: true, quoted: false }); i = n; continue; }
      }
      segs.push({ s: c, split: false, quoted: false });
      i++;
    }
    if (!split) return [segs.map((x) => x.s).join('')];
    const fields: string[] = [];
    let cur = '';
    let has = false;
    for (const sg of segs) {
      if (!sg.split) { cur += sg.s; has = has || sg.quoted || sg.s !== ''; continue; }
      const parts = sg.s.split(/[ \t\n]+/);
      for (let k = 0; k < parts.length; k++) {
        if (k > 0) { if (has || cur) fields.push(cur); cur = ''; has = false; }
        cur += parts[k];
        if (parts[k]) has = true;
      }
    }
    if (has || cur) fields.push(cur);
    return fields;
  }

  private async expandDouble(inner: string, io: IO): Promise<string> {
    let out = '';
    let i = 0;
    while (i < inner.length) {
      const c = inner[i];
      if (c === '\\' && i + 1 < inner.length && '$`"\\\n'.includes(inner[i + 1])) { out += inner[i + 1] === '\n' ? '' : inner[i + 1]; i += 2; continue; }
      if (c === '$' || c === '`') {
        const [text, n] = await this.expandDollar(inner, i, io);
        if (n > i) { out += text; i = n; continue; }
      }
      out += c;
      i++;
    }
    return out;
  }

  /** Expand the $-thing (or backquote) at src[i]; returns [text, index after]. */
  private async expandDollar(src: string, i: number, io: IO): Promise<[string, number]> {
    if (src[i] === '`') {
      const end = scanNested(src, i + 1, '`');
      return [await this.commandSubst(src.slice(i + 1, end - 1).replace(/\\([`$\\])/g, '$1'), io), end];
    }
    const n = src[i + 1];
    if (n === '(' && src[i + 2] === '(') {
      const end = scanNested(src, i + 3, ')');
      if (src[end] === ')') {
        const expr = src.slice(i + 3, end - 1);
        return [await this.arith(expr, io), end + 1];
      }
    }
    if (n === '(') {
      const end = scanNested(src, i + 2, ')');
      return [await this.commandSubst(src.slice(i + 2, end - 1), io), end];
    }
    if (n === '{') {
      const end = scanNested(src, i + 2, '}');
      return [await this.paramExpansion(src.slice(i + 2, end - 1), io), end];
    }
    if (n !== undefined && /[A-Za-z_]/.test(n)) {
      const m = /^[A-Za-z_][A-Za-z0-9_]*/.exec(src.slice(i + 1))!;
      const v = this.getVar(m[0]);
      if (v === undefined && this.opts.nounset) this.unbound(m[0], io);
      return [v ?? '', i + 1 + m[0].length];
    }
    if (n !== undefined && /[0-9?#$@*!-]/.test(n)) return [this.special(n), i + 2];
    return ['$', i + 1];
  }

  private special(c: string): string {
    switch (c) {
      case '?': return String(this.status);
      case '#': return String(this.positional.length);
      case '$': return String(this.pid || 1);
      case '@': case '*': return this.positional.join(' ');
      case '!': return '';
      case '-': return this.interactive ? 'himBH' : 'hB';
      case '0': return this.arg0;
      default: return this.positional[Number(c) - 1] ?? '';
    }
  }

  private async paramExpansion(body: string, io: IO): Promise<string> {
    if (body.startsWith('#')) return String((this.lookup(body.slice(1)) ?? '').length);
    const m = /^([A-Za-z_][A-Za-z0-9_]*|[0-9?#$@*!-])(:?[-=+?]|##?|%%?)?([\s\S]*)$/.exec(body);
    if (!m) return '';
    const [, name, op, arg] = m;
    const v = this.lookup(name);
    const word = async () => (await this.expandWord(arg, io, false))[0] ?? '';
    switch (op) {
      case undefined: if (v === undefined && this.opts.nounset && /^[A-Za-z_]/.test(name)) this.unbound(name, io); return v ?? '';
      case ':-': return v ? v : await word();
      case '-': return v !== undefined ? v : await word();
      case ':=': case '=': { if (op === ':=' ? !v : v === undefined) { const w = await word(); this.setVar(name, w); return w; } return v ?? ''; }
      case ':+': return v ? await word() : '';
      case '+': return v !== undefined ? await word() : '';
      case '#': case '##': case '%': case '%%': {
        const pat = globToRegex(await word(), op.length === 2);
        const s = v ?? '';
        const re = op.startsWith('#') ? new RegExp('^' + pat) : new RegExp(pat + '$');
        if (op.startsWith('%') && op.length === 1) {
          for (let k = s.length; k >= 0; k--) if (new RegExp('^' + globToRegex(await word(), false) + '$').test(s.slice(k))) return s.slice(0, k);
          return s;
        }
        return s.replace(re, '');
      }
      default: return v ?? '';
    }
  }

  /** set -u and a variable that is not set: the shell's message, an expansion error. */
  private unbound(name: string, io: IO): never {
    this.write(io, 2, this.dialect === 'bash' ? this.msg(`${name}: unbound variable`, this.curLine) : this.msg(`${name}: parameter not set`, this.curLine));
    throw new ExpansionError(this.dialect === 'bash' ? 1 : 2);
  }

  private lookup(name: string): string | undefined {
    if (/^[0-9?#$@*!-]$/.test(name)) return this.special(name);
    return this.getVar(name);
  }

  private async arith(expr: string, io: IO): Promise<string> {
    const text = (await this.expandWord(expr.replace(/"/g, ''), io, false))[0] ?? '';
    return this.arithValue(text, io);
  }

  /** Evaluate expanded arithmetic text; an error is the shell's message and an expansion error. */
  arithValue(text: string, io: IO): string {
    try {
      return evalArith(text, { get: (n) => this.lookup(n), set: (n, v) => this.setVar(n, v) }, this.dialect).toString();
    } catch (e) {
      if (e instanceof ArithStackOverflow) throw new StackOverflow();
      if (!(e instanceof ArithError)) throw e;
      this.write(io, 2, this.msg(e.message, this.curLine));
      throw new ExpansionError(this.dialect === 'bash' ? 1 : 2);
    }
  }

  private async commandSubst(src: string, io: IO): Promise<string> {
    const chunks: string[] = [];
    const saved = this.snapshot();
    try {
      const list = parseScript(src, 1, this.dialect === 'bash');
      await this.execList(list, { stdin: '', fd: { 1: { kind: 'buf', chunks }, 2: io.fd[2] ?? { kind: 'err' } } });
    } catch (e) {
      if (e instanceof ExitSignal) this.status = e.code;
      else if (!(e instanceof SyntaxError_) && !(e instanceof Incomplete)) throw e;
    } finally {
      const st = this.status;
      this.restore(saved);
      this.status = st;
    }
    return chunks.join('').replace(/\n+$/, '');
  }

  private snapshot() { return { vars: new Map([...this.vars].map(([k, v]) => [k, { ...v }])), cwd: this.cwd, positional: [...this.positional] }; }
  private restore(s: ReturnType<Shell['snapshot']>) { this.vars = s.vars; this.cwd = s.cwd; this.positional = s.positional; }

  // -- execution
  async execList(list: ListNode, io: IO): Promise<number> {
    let st = 0;
    for (const it of list.items) {
      try { st = await this.execAndOr(it.ao, io); } catch (e) {
        if (!(e instanceof ExpansionError)) throw e;
        // an expansion error ends a non-interactive shell; an interactive one drops the command
        if (!this.interactive) throw new ExitSignal(e.status);
        st = this.status = e.status;
      }
    }
    return st;
  }

  /** Run a list as a condition (if/while/until, left of && ||, after !): set -e looks away. */
  private async condition(list: ListNode, io: IO): Promise<number> {
    this.condDepth++;
    try { return await this.execList(list, io); } finally { this.condDepth--; }
  }

  private async execAndOr(ao: AndOr, io: IO): Promise<number> {
    const pipes = [ao.first, ...ao.rest.map((r) => r.p)];
    let st: number;
    if (pipes.length > 1) { this.condDepth++; try { st = await this.execPipeline(ao.first, io); } finally { this.condDepth--; } } else st = await this.execPipeline(ao.first, io);
    let ran = ao.first;
    for (let k = 0; k < ao.rest.length; k++) {
      const r = ao.rest[k];
      if ((r.op === '&&' && st === 0) || (r.op === '||' && st !== 0)) {
        const isLast = k === ao.rest.length - 1;
        if (!isLast) this.condDepth++;
        try { st = await this.execPipeline(r.p, io); } finally { if (!isLast) this.condDepth--; }
        ran = r.p;
      }
    }
    // set -e: a failing command ends the shell unless it was tested (if, while, && ||, !)
    if (st !== 0 && this.opts.errexit && this.condDepth === 0 && !ran.bang && ran === pipes[pipes.length - 1]) throw new ExitSignal(st);
    return st;
  }

  private async execPipeline(p: Pipeline, io: IO): Promise<number> {
    let st = 0;
    if (p.cmds.length === 1) st = await this.execNode(p.cmds[0], io);
    else {
      let input = io.stdin;
      let failed = 0;
      for (let k = 0; k < p.cmds.length; k++) {
        const last = k === p.cmds.length - 1;
        const chunks: string[] = [];
        const sub: IO = { stdin: k === 0 ? io.inp?.s ?? io.stdin : input, inp: k === 0 ? io.inp : undefined, fd: { ...io.fd, 1: last ? io.fd[1] ?? { kind: 'out' } : { kind: 'buf', chunks } } };
        const saved = this.snapshot();
        try { st = await this.execNode(p.cmds[k], sub); } catch (e) { if (e instanceof ExitSignal) st = e.code; else throw e; } finally { if (!last || p.cmds.length > 1) { const s2 = this.status; this.restore(saved); this.status = s2; } }
        if (st !== 0) failed = st;
        input = chunks.join('');
      }
      if (this.opts.pipefail && st === 0) st = failed;
    }
    if (p.bang) st = st === 0 ? 1 : 0;
    this.status = st;
    return st;
  }

  private async applyRedirs(redirs: Redir[], io: IO): Promise<IO | number> {
    const out: IO = { stdin: io.stdin, fd: { ...io.fd }, inp: io.inp };
    for (const r of redirs) {
      if (r.heredoc) {
        out.stdin = r.heredoc.quoted ? r.heredoc.body : await this.expandDouble(r.heredoc.body.replace(/"/g, '\\"'), io);
        out.inp = { s: out.stdin };
        continue;
      }
      const target = (await this.expandWord(r.target, io, false))[0] ?? '';
      switch (r.op) {
        case '<<<': out.stdin = target + '\n'; out.inp = { s: out.stdin }; break;
        case '<': {
          const c = this.readFile(target);
          if (c === undefined) { this.write(io, 2, this.dialect === 'bash' ? this.msg(`${target}: No such file or directory`) : this.msg(`can't open '${target}': no such file`)); return 1; }
          out.stdin = c;
          out.inp = { s: c };
          break;
        }
        case '>': case '>>': case '&>': {
          const p = this.resolvePath(target);
          const sink: Sink = p === '/dev/null' ? { kind: 'null' } : p === '/dev/stderr' ? { kind: 'err' } : p === '/dev/stdout' ? { kind: 'out' } : { kind: 'file', path: p };
          if (sink.kind === 'file' && r.op !== '>>') this.writeFile(p, '');
          if (r.op === '&>') { out.fd[1] = sink; out.fd[2] = sink; } else out.fd[r.fd] = sink;
          break;
        }
        case '>&': case '<&': {
          if (target === '-') { out.fd[r.fd] = { kind: 'null' }; break; }
          const n = Number(target);
          if (Number.isInteger(n) && n >= 0) out.fd[r.fd] = out.fd[n] ?? (n === 2 ? { kind: 'err' } : { kind: 'out' });
          else {
            const p = this.resolvePath(target);
            const sink: Sink = p === '/dev/null' ? { kind: 'null' } : { kind: 'file', path: p };
            if (sink.kind === 'file') this.writeFile(p, '');
            out.fd[1] = sink; out.fd[2] = sink;
          }
          break;
        }
      }
    }
    return out;
  }

  private async tick(): Promise<void> {
    if (this.term) return this.term.checkpoint();
    if (++this.iterations > MAX_LOOP_ITERATIONS) throw new ExitSignal(130);
  }

  async execNode(node: Node, io0: IO): Promise<number> {
    if (!io0.inp) io0.inp = { s: io0.stdin };
    if (node.type === 'func') { this.functions.set(node.name, node.body); return (this.status = 0); }
    const io1 = await this.applyRedirs(node.redirs, io0);
    if (typeof io1 === 'number') return (this.status = io1);
    const io = io1;
    switch (node.type) {
      case 'simple': return (this.status = await this.execSimple(node, io));
      case 'arith': {
        this.curLine = node.line;
        if (this.opts.xtrace) this.write(io, 2, `+ ((${node.expr}))\n`);
        return (this.status = (await this.arith(node.expr, io)) === '0' ? 1 : 0);
      }
      case 'group': {
        if (!node.subshell) return this.execList(node.body, io);
        const saved = this.snapshot();
        try { return await this.execList(node.body, io); } catch (e) { if (e instanceof ExitSignal) return e.code; throw e; } finally { const s = this.status; this.restore(saved); this.status = s; }
      }
      case 'if': {
        for (const c of node.clauses) {
          if ((await this.condition(c.cond, io)) === 0) return this.execList(c.body, io);
        }
        return node.else ? this.execList(node.else, io) : (this.status = 0);
      }
      case 'for': {
        const words: string[] = [];
        if (node.words) for (const w of node.words) words.push(...(await this.expandWord(w, io)));
        else words.push(...this.positional);
        let st = 0;
        for (const w of words) {
          await this.tick();
          this.setVar(node.name, w);
          try { st = await this.execList(node.body, io); } catch (e) {
            if (e instanceof LoopSignal) { if (e.n > 1) { e.n--; throw e; } if (e.kind === 'break') break; continue; }
            throw e;
          }
        }
        return (this.status = st);
      }
      case 'while': {
        let st = 0;
        for (;;) {
          await this.tick();
          const c = await this.condition(node.cond, io);
          if (node.until ? c === 0 : c !== 0) break;
          try { st = await this.execList(node.body, io); } catch (e) {
            if (e instanceof LoopSignal) { if (e.n > 1) { e.n--; throw e; } if (e.kind === 'break') break; continue; }
            throw e;
          }
          if (this.waited >= WAIT_BUDGET_MS && this.iterations > 100) break;
        }
        return (this.status = st);
      }
      case 'case': {
        const w = (await this.expandWord(node.word, io, false))[0] ?? '';
        for (const it of node.items) {
          for (const p of it.patterns) {
            const pat = (await this.expandWord(p, io, false))[0] ?? '';
            if (new RegExp('^' + globToRegex(pat, true) + '$').test(w)) return this.execList(it.body, io);
          }
        }
        return (this.status = 0);
      }
    }
  }

  private async execSimple(node: Extract<Node, { type: 'simple' }>, io: IO): Promise<number> {
    const argv: string[] = [];
    for (const w of node.words) argv.push(...(await this.expandWord(w, io)));
    const assigns: [string, string][] = [];
    for (const a of node.assigns) {
      const eq = a.indexOf('=');
      assigns.push([a.slice(0, eq), (await this.expandWord(a.slice(eq + 1), io, false))[0] ?? '']);
    }
    this.curLine = node.line;
    if (this.opts.xtrace && (argv.length || assigns.length)) this.write(io, 2, `${this.dialect === 'bash' ? '+' : '+'} ${[...assigns.map(([k, v]) => `${k}=${v}`), ...argv.map(xtraceQuote)].join(' ')}\n`);
    if (!argv.length) {
      for (const [k, v] of assigns) this.setVar(k, v);
      return this.status;
    }
    const saved = assigns.map(([k]) => [k, this.vars.get(k) ? { ...this.vars.get(k)! } : undefined] as const);
    for (const [k, v] of assigns) this.setVar(k, v, true);
    try {
      return await this.run(argv, io, node.line);
    } finally {
      for (const [k, e] of saved) { if (e) this.vars.set(k, e); else this.vars.delete(k); }
    }
  }

  /** Run one command (builtin or program) with expanded argv. */
  async run(argv: string[], io: IO, line: number): Promise<number> {
    const name = argv[0];
    const fn = SPECIAL_BUILTINS.has(name) ? undefined : this.functions.get(name);
    if (fn) return this.callFunction(name, fn, argv, io);
    const b = BUILTINS[name];
    if (b) return b(this, argv, io, line);
    const base = name.includes('/') ? name.split('/').pop()! : name;
    const inDir = !name.includes('/') || BIN_DIRS.includes(this.resolvePath(name).replace(/\/[^/]+$/, ''));
    if (inDir && SHELLS.has(base) && this.has(base)) return this.subShell(argv, io);
    const cmd = inDir && this.has(base) ? COMMANDS[base] : undefined;
    if (!cmd) {
      this.write(io, 2, this.notFound(name, line));
      return 127;
    }
    const underscore = this.dialect === 'bash' ? this.vars.get('_') : undefined;
    if (this.dialect === 'bash') { this.vars.delete('_'); this.vars.set('_', { v: name.includes('/') ? name : toolPath(this.image, base), x: true }); }
    const ctx: CommandContext = {
      argv, name: base, stdin: io.stdin, pid: this.allocPid(),
      out: (s) => this.write(io, 1, s), err: (s) => this.write(io, 2, s),
      stdoutTty: this.isTty(io, 1), sh: this, signal: this.term?.signal,
    };
    // a program reads the input it is given (what it does not use is gone with the pipe buffer)
    if (io.inp) { ctx.stdin = io.inp.s; if (STDIN_READERS.has(base)) io.inp.s = ''; }
    try { const st = await cmd(ctx); this.term?.commandEnded(); return st; } finally {
      if (this.dialect === 'bash') { if (underscore) this.vars.set('_', underscore); else this.vars.delete('_'); }
    }
  }

  /** Call a shell function: positional parameters are its arguments; `local` variables and
   *  `return` end with it. Recursion deeper than the real shell's stack crashes the shell. */
  private async callFunction(name: string, body: Node, argv: string[], io: IO): Promise<number> {
    const funcnest = Number(this.getVar('FUNCNEST') ?? 0);
    if (this.dialect === 'bash' && funcnest > 0 && this.callDepth >= funcnest) {
      this.write(io, 2, this.msg(`${name}: maximum function nesting level exceeded (${funcnest})`, this.curLine));
      throw new ExpansionError(1);
    }
    if (this.callDepth >= MAX_CALL_DEPTH) throw new StackOverflow();
    const savedPos = this.positional;
    this.positional = argv.slice(1);
    this.callDepth++;
    this.locals.push(new Map());
    try {
      return (this.status = await this.execNode(body, io));
    } catch (e) {
      if (e instanceof ReturnSignal) return (this.status = e.code);
      throw e;
    } finally {
      this.callDepth--;
      for (const [k, v] of this.locals.pop()!) { if (v) this.vars.set(k, v); else this.vars.delete(k); }
      this.positional = savedPos;
    }
  }

  /** `local NAME[=VALUE]`: the variable's old value comes back when the function returns. */
  declareLocal(name: string, value: string | undefined): boolean {
    const frame = this.locals[this.locals.length - 1];
    if (!frame) return false;
    if (!frame.has(name)) { const e = this.vars.get(name); frame.set(name, e ? { ...e } : undefined); }
    if (value !== undefined) this.setVar(name, value);
    else if (!this.vars.has(name)) this.vars.set(name, { v: '', x: false });
    return true;
  }
  get inFunction(): boolean { return this.callDepth > 0; }

  /** Run the EXIT trap (once), as the shell ends. */
  async runExitTrap(io: IO): Promise<void> {
    const t = this.traps.get('EXIT');
    if (t === undefined) return;
    this.traps.delete('EXIT');
    const st = this.status;
    try { await this.runText(t, io, false); } catch { /* the trap's own exit */ }
    this.status = st;
  }

  /** A signal arrives (Ctrl-C: INT): run its trap; false when the shell has none (default action). */
  async signal(name: 'INT' | 'TERM' | 'HUP' | 'QUIT', io?: IO): Promise<boolean> {
    const t = this.traps.get(name);
    if (t === undefined) return false;
    if (t !== '') await this.runText(t, io ?? { stdin: '', fd: { 1: { kind: 'out' }, 2: { kind: 'err' } } }, false);
    return true;
  }

  async execArgv(argv: string[], stdin: string, out: (s: string) => void, err: (s: string) => void): Promise<number> {
    return this.run(argv, { stdin, fd: { 1: { kind: 'fn', f: out }, 2: { kind: 'fn', f: err } } }, 1);
  }

  commandPath(name: string): string | undefined {
    return this.has(name) && (COMMANDS[name] || SHELLS.has(name)) ? toolPath(this.image, name) : undefined;
  }

  listFiles(): string[] { return [...this.files.keys()]; }

  terminalSize(): { columns: number; rows: number } | undefined {
    return this.term ? { columns: this.term.columns, rows: this.term.rows } : undefined;
  }

  /** Names a command line can start with here (builtins and the image's programs): Tab completion. */
  commandNames(): string[] {
    return [...Object.keys(BUILTINS), ...[...this.image.tools].filter((t) => COMMANDS[t] || SHELLS.has(t))].filter((n) => n !== 'sh' || this.has('sh'));
  }

  has(tool: string): boolean {
    if (tool === 'sh' || tool === 'chroot') return this.image.family !== 'scratch';
    return this.image.tools.has(tool) || (tool === 'ash' && (this.image.family === 'busybox' || this.image.family === 'alpine'));
  }

  /** The directory a node's root filesystem is mounted at (a node debug pod's hostPath "/"
   *  volume, /host), if any. */
  hostRootMount(): string | undefined {
    const vols: any[] = this.pod.spec?.volumes ?? [];
    const root = vols.find((v) => v.hostPath?.path === '/');
    if (!root) return undefined;
    return (this.container?.volumeMounts ?? []).find((m: any) => m.name === root.name)?.mountPath;
  }

  /** chroot DIR [COMMAND [ARG]...]: into the node's filesystem when DIR is its mount (/host),
   *  where the node's own programs and files are (the node shell); without a command, $SHELL or
   *  /bin/sh -i, as coreutils runs it. */
  async chroot(argv: string[], io: IO): Promise<number> {
    const args = argv.slice(1).filter((a, i) => i > 0 || !a.startsWith('--'));
    const dir = args[0];
    if (!dir) { this.write(io, 2, "chroot: missing operand\nTry 'chroot --help' for more information.\n"); return 125; }
    const p = this.resolvePath(dir);
    const mount = isNodeShell(this.pod) ? '/' : this.hostRootMount();
    const node = mount && this.view.nodes().find((n) => n.metadata.name === this.pod.spec?.nodeName);
    if (!node || p !== mount) {
      const exists = ['/', '/tmp', '/etc', '/usr', '/var', '/root'].includes(p);
      this.write(io, 2, exists ? `chroot: failed to run command '${args[1] ?? this.getVar('SHELL') ?? '/bin/sh'}': No such file or directory\n` : `chroot: cannot change root directory to '${dir}': No such file or directory\n`);
      return exists ? 127 : 125;
    }
    const np = nodePod(node);
    const child = new Shell(this.view, np, np.spec.containers[0], nodeImage(), this.tty, this.emit);
    child.vars = new Map([...this.vars].filter(([, e]) => e.x).map(([k, e]) => [k, { ...e }]));
    child.cwd = '/';
    child.waited = this.waited;
    const cmd = args.length > 1 ? args.slice(1) : [this.getVar('SHELL') || '/bin/sh', '-i'];
    const base = cmd[0].split('/').pop()!;
    let st: number;
    try {
      if (SHELLS.has(base) && this.lines && !io.stdin && !cmd.slice(1).some((a) => a === '-c' || !a.startsWith('-'))) {
        st = this.tty && this.interactive ? await child.interactiveMain(cmd, this.lines, this.echo) : await child.main(cmd, this.lines, io);
      } else st = await child.run(cmd, io, 1);
    } catch (e) { if (e instanceof ExitSignal) st = e.code; else throw e; }
    this.waited = child.waited;
    return st;
  }

  /** `sh -c ...` / `bash script` / `sh` run from within the shell. */
  private async subShell(argv: string[], io: IO): Promise<number> {
    const child = new Shell(this.view, this.pod, this.container, this.baseImage, this.tty, this.emit);
    child.vars = new Map([...this.vars].filter(([, e]) => e.x).map(([k, e]) => [k, { ...e }]));
    child.cwd = this.cwd;
    child.files = this.files;
    child.removed = this.removed;
    child.layer = this.layer;
    child.parentShell = this;
    child.pid = this.allocPid();
    child.cmdline = argv.join(' ');
    child.waited = this.waited;
    child.term = this.term;
    if (this.termHooks && this.interactive && !io.stdin && io.fd[1]?.kind !== 'buf' && argv.slice(1).every((a) => a.startsWith('-') && a !== '-c')) {
      // a shell typed at the prompt reads the terminal until it exits
      child.termHooks = this.termHooks;
      this.termHooks.bind(child);
      try { return await child.interactiveMain(argv, this.termHooks.input, false); } finally { this.termHooks.bind(this); }
    }
    const nested = !!this.lines && !io.stdin && !argv.slice(1).some((a) => a === '-c' || !a.startsWith('-'));
    const st = !nested ? await child.main(argv, io.stdin, io)
      : this.interactive && this.tty ? await child.interactiveMain(argv, this.lines!, this.echo) : await child.main(argv, this.lines!, io);
    this.waited = child.waited;
    return st;
  }

  /** A shell process: `sh -c CMD [arg0 args]`, `sh FILE`, or commands read from stdin. */
  async main(argv: string[], stdin: string | LineInput, io?: IO): Promise<number> {
    const base = argv[0].split('/').pop()!;
    this.dialect = base === 'bash' || base === 'zsh' || (base === 'sh' && this.image.sh === 'bash') ? 'bash' : base === 'dash' || (base === 'sh' && this.image.sh === 'dash') ? 'dash' : 'ash';
    this.arg0 = argv[0];
    const theIO: IO = io ?? { stdin: '', fd: { 1: { kind: 'out' }, 2: { kind: 'err' } } };
    const first = argv[1];
    if (first === '--version' || first === '--help') {
      if (this.dialect === 'bash') { this.write(theIO, 1, first === '--version' ? bashVersionText(this.image) : bashHelpText(this.image, this.arg0)); return 0; }
      if (this.dialect === 'dash') { this.write(theIO, 2, `${this.arg0}: 0: Illegal option --\n`); return 2; }
      if (first === '--help') { this.write(theIO, 2, ashHelpText(this.image)); return 0; }
      this.write(theIO, 2, `${this.arg0}: --version: invalid option\n`);
      return 2;
    }
    let k = 1;
    let cmd: string | undefined;
    let forceInteractive = false;
    while (k < argv.length && argv[k].startsWith('-') && argv[k] !== '-') {
      const a = argv[k];
      if (a === '--') { k++; break; }
      if (a === '-c') { cmd = argv[k + 1] ?? ''; k += 2; break; }
      if (a === '-i') forceInteractive = true;
      if (a === '-l' || a === '--login' || a === '-s' || a === '-e' || a === '-x' || a === '--norc' || a === '--noprofile' || a === '-i') { k++; continue; }
      k++;
    }
    if (this.dialect !== 'dash') this.setVar('SHLVL', String((Number(this.getVar('SHLVL')) || 0) + 1), true);
    this.setVar('PWD', this.cwd, true);
    if (cmd !== undefined) {
      if (k < argv.length) { this.arg0 = argv[k]; this.positional = argv.slice(k + 1); }
      return this.ending(theIO, () => this.runText(cmd!, theIO, true));
    }
    if (k < argv.length && argv[k] !== '-') {
      const file = argv[k];
      const text = this.readFile(file);
      if (text === undefined) {
        this.write(theIO, 2, this.dialect === 'bash' ? `${this.arg0}: ${file}: No such file or directory\n` : this.dialect === 'dash' ? `${this.arg0}: 0: cannot open ${file}: No such file\n` : `${this.arg0}: can't open '${file}': No such file or directory\n`);
        return this.dialect === 'bash' ? 127 : 2;
      }
      this.positional = argv.slice(k + 1);
      return this.ending(theIO, () => this.runText(text, theIO, false));
    }
    // commands from stdin
    this.interactive = this.tty || forceInteractive;
    const src = typeof stdin === 'string' ? new LineSource(stdin) : stdin;
    return this.ending(theIO, () => this.repl(src, theIO));
  }

  async runText(text: string, io: IO, dashC: boolean): Promise<number> {
    let list: ListNode;
    try { list = parseScript(text, 1, this.dialect === 'bash'); } catch (e) {
      if (e instanceof SyntaxError_) { this.write(io, 2, this.syntaxError(e, text, dashC)); return 2; }
      if (e instanceof Incomplete) { this.write(io, 2, this.incompleteError()); return 2; }
      throw e;
    }
    try { return (this.status = await this.execList(list, io)); } catch (e) {
      if (e instanceof ExitSignal) return (this.status = e.code);
      if (e instanceof LoopSignal || e instanceof ReturnSignal) return this.status;
      throw e;
    }
  }

  /** Text run within the current shell (eval, source, traps): exit still ends the shell. */
  async execText(text: string, io: IO): Promise<number> {
    let list: ListNode;
    try { list = parseScript(text, 1, this.dialect === 'bash'); } catch (e) {
      if (e instanceof SyntaxError_) { this.write(io, 2, this.syntaxError(e, text, false)); return 2; }
      if (e instanceof Incomplete) { this.write(io, 2, this.incompleteError()); return 2; }
      throw e;
    }
    return this.execList(list, io);
  }

  /** The end of a shell process: its EXIT trap; a stack too deep for the real shell is SIGSEGV. */
  private async ending(io: IO, body: () => Promise<number>): Promise<number> {
    let code: number;
    try { code = await body(); } catch (e) {
      if (e instanceof StackOverflow || e instanceof RangeError) return SEGV;
      throw e;
    }
    this.status = code;
    try { await this.runExitTrap(io); } catch (e) { if (e instanceof ExitSignal) return e.code; if (!(e instanceof StackOverflow || e instanceof RangeError)) throw e; }
    return code;
  }

  /** Read-eval loop over input lines (an interactive shell when it has a terminal). */
  private async repl(src: LineInput, io: IO, echo = false): Promise<number> {
    this.lines = src;
    this.echo = echo;
    let buf = '';
    let firstLine = 1;
    let lineNo = 1;
    for (;;) {
      if (this.interactive && this.tty) this.emit(1, buf ? '> ' : this.prompt());
      let line: string | undefined;
      try { line = await src.next(); } catch (e) {
        // Ctrl-C at the prompt (the line editor printed ^C): a fresh prompt, $? 130
        if (!(e instanceof Interrupted)) throw e;
        if (e.signal === 'SIGHUP') return e.status;
        buf = ''; firstLine = lineNo; this.status = e.status;
        continue;
      }
      if (line === undefined) {
        if (this.interactive && this.tty) this.emit(1, this.dialect === 'bash' ? 'exit\n' : '\n');
        if (buf.trim()) { this.write(io, 2, this.incompleteError()); return 2; }
        return this.status;
      }
      if (echo && this.tty) this.emit(1, line + '\n');
      buf += line + '\n';
      lineNo++;
      let list: ListNode;
      try { list = parseScript(buf, firstLine, this.dialect === 'bash'); } catch (e) {
        if (e instanceof Incomplete) continue;
        if (e instanceof SyntaxError_) {
          this.write(io, 2, this.syntaxError(e, '\n'.repeat(firstLine - 1) + buf));
          buf = ''; firstLine = lineNo; this.status = 2;
          if (!this.interactive) return 2;
          continue;
        }
        throw e;
      }
      buf = '';
      firstLine = lineNo;
      try { await this.execList(list, { stdin: '', fd: io.fd, inp: { s: '', more: () => src.next() } }); } catch (e) {
        if (e instanceof ExitSignal) {
          if (this.interactive && this.tty && this.dialect === 'bash') this.emit(1, 'exit\n');
          return e.code;
        }
        if (e instanceof LoopSignal) continue;
        if (e instanceof Interrupted && this.interactive && e.signal !== 'SIGHUP') {
          // the foreground command died of Ctrl-C / Ctrl-\: the rest of the line is dropped
          this.status = e.status;
          this.emit(1, e.signal === 'SIGQUIT' ? 'Quit (core dumped)\n' : '\n');
          continue;
        }
        if (e instanceof Interrupted) return e.status;
        throw e;
      }
    }
  }

  async interactiveMain(argv: string[], src: LineInput, echo: boolean): Promise<number> {
    const base = argv[0].split('/').pop()!;
    this.dialect = base === 'bash' || base === 'zsh' || (base === 'sh' && this.image.sh === 'bash') ? 'bash' : base === 'dash' || (base === 'sh' && this.image.sh === 'dash') ? 'dash' : 'ash';
    this.arg0 = argv[0];
    this.interactive = true;
    if (this.dialect !== 'dash') this.setVar('SHLVL', String((Number(this.getVar('SHLVL')) || 0) + 1), true);
    this.setVar('PWD', this.cwd, true);
    const io: IO = { stdin: '', fd: { 1: { kind: 'out' }, 2: { kind: 'err' } } };
    return this.ending(io, () => this.repl(src, io, echo));
  }
}

function globToRegex(p: string, greedy: boolean): string {
  let r = '';
  for (let i = 0; i < p.length; i++) {
    const c = p[i];
    if (c === '*') r += greedy ? '.*' : '.*?';
    else if (c === '?') r += '.';
    else if (c === '[') { const e = p.indexOf(']', i + 1); if (e > i) { r += '[' + p.slice(i + 1, e).replace(/^!/, '^') + ']'; i = e; } else r += '\\['; }
    else r += c.replace(/[.+^${}()|\\/]/g, '\\$&');
  }
  return r;
}

/** Lines from a string or from chunks arriving over time. */
export class LineSource {
  private buf = '';
  private done = false;
  private it?: AsyncIterator<string>;
  constructor(input?: string | AsyncIterable<string>) {
    if (typeof input === 'string' || input === undefined) { this.buf = input ?? ''; this.done = true; }
    else this.it = input[Symbol.asyncIterator]();
  }
  async next(): Promise<string | undefined> {
    for (;;) {
      const nl = this.buf.indexOf('\n');
      if (nl >= 0) { const l = this.buf.slice(0, nl).replace(/\r$/, ''); this.buf = this.buf.slice(nl + 1); return l; }
      if (this.done) { if (this.buf) { const l = this.buf; this.buf = ''; return l; } return undefined; }
      const r = await this.it!.next();
      if (r.done) this.done = true; else this.buf += String(r.value);
    }
  }
  async rest(): Promise<string> {
    while (!this.done) { const r = await this.it!.next(); if (r.done) this.done = true; else this.buf += String(r.value); }
    const s = this.buf; this.buf = ''; return s;
  }
}

// ---- builtins ---------------------------------------------------------------------------------

type Builtin = (sh: Shell, argv: string[], io: IO, line: number) => Promise<number> | number;

function echoText(args: string[], dialect: Dialect): string {
  let nl = true;
  let esc = dialect === 'dash';
  let k = 0;
  while (k < args.length && /^-[neE]+$/.test(args[k])) {
    for (const f of args[k].slice(1)) { if (f === 'n') nl = false; else if (f === 'e') esc = true; else if (f === 'E') esc = false; }
    k++;
  }
  let s = args.slice(k).join(' ');
  if (esc) {
    const cut = s.indexOf('\\c');
    if (cut >= 0) { s = s.slice(0, cut); nl = false; }
    s = unescapeC(s);
  }
  return s + (nl ? '\n' : '');
}

export function unescapeC(s: string): string {
  return s.replace(/\\(0[0-7]{0,3}|x[0-9a-fA-F]{1,2}|[abefnrtv\\])/g, (_, e: string) => {
    if (e[0] === '0') return String.fromCharCode(parseInt(e.slice(1) || '0', 8));
    if (e[0] === 'x') return String.fromCharCode(parseInt(e.slice(1), 16));
    return ({ a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '\\': '\\' } as Record<string, string>)[e];
  });
}

/** printf FORMAT [ARG]... (%s %d %i %x %o %c %b %%, widths), reusing the format for extra args. */
export function printfText(fmt: string, args: string[]): string {
  let out = '';
  let ai = 0;
  const once = () => {
    out += unescapeC(fmt.replace(/%%/g, '\u0000')).replace(/%([-+ 0#]*)(\d*)(?:\.(\d+))?([sdiouxXcbfeg])/g, (_m, flags: string, width: string, prec: string, conv: string) => {
      const a = args[ai++] ?? '';
      let v: string;
      switch (conv) {
        case 'd': case 'i': case 'u': v = String(Math.trunc(Number(a) || 0)); break;
        case 'x': v = (Math.trunc(Number(a)) || 0).toString(16); break;
        case 'X': v = (Math.trunc(Number(a)) || 0).toString(16).toUpperCase(); break;
        case 'o': v = (Math.trunc(Number(a)) || 0).toString(8); break;
        case 'c': v = a.slice(0, 1); break;
        case 'b': v = unescapeC(a); break;
        case 'f': case 'e': case 'g': v = (Number(a) || 0).toFixed(prec ? Number(prec) : 6); break;
        default: v = prec ? a.slice(0, Number(prec)) : a;
      }
      const w = Number(width || 0);
      if (v.length < w) v = flags.includes('-') ? v.padEnd(w) : v.padStart(w, flags.includes('0') && conv !== 's' ? '0' : ' ');
      return v;
    }).replace(/\u0000/g, '%');
  };
  once();
  while (ai > 0 && ai < args.length) once();
  return out;
}

function testExpr(sh: Shell, a: string[]): boolean {
  if (!a.length) return false;
  if (a[0] === '!') return !testExpr(sh, a.slice(1));
  const ai = a.indexOf('-a'); if (ai > 0) return testExpr(sh, a.slice(0, ai)) && testExpr(sh, a.slice(ai + 1));
  const oi = a.indexOf('-o'); if (oi > 0) return testExpr(sh, a.slice(0, oi)) || testExpr(sh, a.slice(oi + 1));
  if (a.length === 1) return a[0] !== '';
  if (a.length === 2) {
    const [op, v] = a;
    switch (op) {
      case '-z': return v === '';
      case '-n': return v !== '';
      case '-e': case '-f': case '-r': case '-s': return sh.readFile(v) !== undefined && (op !== '-s' || sh.readFile(v) !== '');
      case '-d': return ['/', '/etc', '/tmp', '/root', '/usr', '/bin', '/var', '/proc', '/dev', '/home'].includes(sh.resolvePath(v)) || sh.mounts().isDir(sh.resolvePath(v));
      case '-x': return sh.has(v.split('/').pop()!);
    }
    return false;
  }
  const [l, op, r] = a;
  const nl = Number(l), nr = Number(r);
  switch (op) {
    case '=': case '==': return l === r;
    case '!=': return l !== r;
    case '-eq': return nl === nr;
    case '-ne': return nl !== nr;
    case '-lt': return nl < nr;
    case '-le': return nl <= nr;
    case '-gt': return nl > nr;
    case '-ge': return nl >= nr;
  }
  return false;
}

const BUILTINS: Record<string, Builtin> = {
  ':': () => 0,
  true: () => 0,
  false: () => 1,
  echo: (sh, argv, io) => { sh.write(io, 1, echoText(argv.slice(1), sh.dialect)); return 0; },
  printf: (sh, argv, io) => {
    if (argv.length < 2) { sh.write(io, 2, `${sh.dialect === 'bash' ? `${sh.arg0}: printf` : 'printf'}: usage: printf [-v var] format [arguments]\n`); return 2; }
    sh.write(io, 1, printfText(argv[1], argv.slice(2)));
    return 0;
  },
  pwd: (sh, _a, io) => { sh.write(io, 1, sh.cwd + '\n'); return 0; },
  cd: (sh, argv, io, line) => {
    const target = argv[1] === undefined || argv[1] === '~' ? sh.getVar('HOME') ?? '/root' : argv[1] === '-' ? sh.getVar('OLDPWD') ?? sh.cwd : argv[1];
    const p = sh.resolvePath(target);
    const known = ['/', '/etc', '/tmp', '/root', '/usr', '/usr/bin', '/usr/local', '/usr/local/bin', '/usr/share', '/bin', '/sbin', '/var', '/var/log', '/proc', '/dev', '/home', '/lib', '/opt', '/srv', '/mnt', '/run', '/sys', '/data', '/go', '/app',
      '/usr/share/nginx', '/usr/share/nginx/html', '/etc/nginx', '/etc/nginx/conf.d', '/usr/local/apache2', '/usr/local/apache2/htdocs', '/usr/local/apache2/conf', '/var/run', '/var/run/secrets', '/var/run/secrets/kubernetes.io', '/var/run/secrets/kubernetes.io/serviceaccount', sh.image.workdir];
    const mount = sh.hostRootMount();
    const nodeDir = (d: string) => (isNodeShell(sh.pod) && NODE_DIRS.includes(d)) || (!!mount && (d === mount || (d.startsWith(mount + '/') && (known.includes(d.slice(mount.length)) || NODE_DIRS.includes(d.slice(mount.length))))));
    if (!known.includes(p) && !nodeDir(p) && ![...sh.files.keys()].some((f: string) => f.startsWith(p + '/')) && !sh.mounts().isDir(p)) {
      sh.write(io, 2, sh.dialect === 'bash' ? sh.msg(`cd: ${argv[1]}: No such file or directory`, line) : sh.dialect === 'dash' ? `${sh.arg0}: ${line}: cd: can't cd to ${argv[1]}\n` : `${sh.arg0}: cd: can't cd to ${argv[1]}: No such file or directory\n`);
      return sh.dialect === 'dash' ? 2 : 1;
    }
    sh.setVar('OLDPWD', sh.cwd, true);
    sh.cwd = p;
    sh.setVar('PWD', p, true);
    return 0;
  },
  export: (sh, argv) => {
    for (const a of argv.slice(1)) {
      if (a.startsWith('-')) continue;
      const eq = a.indexOf('=');
      if (eq > 0) sh.setVar(a.slice(0, eq), a.slice(eq + 1), true);
      else { const v = sh.getVar(a); sh.setVar(a, v ?? '', true); if (v === undefined) sh.vars.get(a)!.v = ''; }
    }
    if (argv.length === 1) return 0;
    return 0;
  },
  unset: (sh, argv) => { for (const a of argv.slice(1)) if (!a.startsWith('-')) sh.vars.delete(a); return 0; },
  exit: (sh, argv) => { throw new ExitSignal(argv[1] !== undefined ? (Number(argv[1]) & 255) : sh.status); },
  return: (sh, argv, io, line) => {
    const code = argv[1] !== undefined ? Number(argv[1]) & 255 : sh.status;
    if (sh.inFunction || sh.sourcing > 0) throw new ReturnSignal(code);
    if (sh.dialect === 'bash') { sh.write(io, 2, sh.msg("return: can only `return' from a function or sourced script", line)); return 1; }
    throw new ExitSignal(code);
  },
  break: (_sh, argv) => { throw new LoopSignal('break', Number(argv[1] ?? 1) || 1); },
  continue: (_sh, argv) => { throw new LoopSignal('continue', Number(argv[1] ?? 1) || 1); },
  test: (sh, argv) => (testExpr(sh, argv.slice(1)) ? 0 : 1),
  '[': (sh, argv, io) => {
    if (argv[argv.length - 1] !== ']') { sh.write(io, 2, sh.dialect === 'bash' ? sh.msg("[: missing `]'") : `${sh.arg0}: missing ]\n`); return 2; }
    return testExpr(sh, argv.slice(1, -1)) ? 0 : 1;
  },
  '[[': (sh, argv) => (testExpr(sh, argv.slice(1, argv[argv.length - 1] === ']]' ? -1 : undefined).map((x) => (x === '&&' ? '-a' : x === '||' ? '-o' : x))) ? 0 : 1),
  read: async (sh, argv, io) => {
    // read [-r] [-p PROMPT] [-t T] [-n N] [-s] [-d D] NAME...: one line from the shared input
    let raw = false;
    let prompt: string | undefined;
    const names: string[] = [];
    for (let k = 1; k < argv.length; k++) {
      const a = argv[k];
      if (a === '-r') raw = true;
      else if (a === '-p') prompt = argv[++k];
      else if (a === '-t' || a === '-n' || a === '-N' || a === '-d' || a === '-u') k++;
      else if (/^-[rsea]+$/.test(a)) { if (a.includes('r')) raw = true; }
      else names.push(a);
    }
    if (prompt !== undefined && sh.dialect === 'bash' && sh.interactive) sh.write(io, 2, prompt);
    const inp = io.inp ?? (io.inp = { s: io.stdin });
    let text = '';
    let gotNl = false;
    for (;;) {
      const nl = inp.s.indexOf('\n');
      if (nl >= 0) {
        const part = inp.s.slice(0, nl);
        inp.s = inp.s.slice(nl + 1);
        // without -r a backslash before the newline continues the line
        if (!raw && part.endsWith('\\') && !part.endsWith('\\\\')) { text += part.slice(0, -1); continue; }
        text += part;
        gotNl = true;
        break;
      }
      const more = inp.more ? await inp.more() : undefined;
      if (more === undefined) { text += inp.s; inp.s = ''; break; }
      inp.s += more + '\n';
    }
    if (!raw) text = text.replace(/\\(.)/g, '$1');
    const ifs = sh.getVar('IFS') ?? ' \t\n';
    const ws = ifs.replace(/[^ \t\n]/g, '');
    const trimmed = ws ? text.replace(new RegExp(`^[${ws}]+|[${ws}]+$`, 'g'), '') : text;
    const vars = names.length ? names : ['REPLY'];
    if (!names.length) sh.setVar('REPLY', raw ? text : text);
    else {
      const sep = new RegExp(`[${ifs.replace(/[\]\\^-]/g, '\\$&')}]+`);
      let rest = trimmed;
      vars.forEach((n, i) => {
        if (i === vars.length - 1) { sh.setVar(n, rest); return; }
        const m = sep.exec(rest);
        if (!m) { sh.setVar(n, rest); rest = ''; return; }
        sh.setVar(n, rest.slice(0, m.index));
        rest = rest.slice(m.index + m[0].length);
      });
    }
    // at the end of the input: what there was is assigned, the status says there is no more
    return gotNl ? 0 : 1;
  },
  let: (sh, argv, io) => {
    if (argv.length < 2) { sh.write(io, 2, sh.msg('let: expression expected')); return 1; }
    let v = '0';
    for (const e of argv.slice(1)) v = sh.arithValue(e, io);
    return v === '0' ? 1 : 0;
  },
  set: (sh, argv, io) => {
    if (argv.length === 1) { for (const [k, e] of [...sh.vars].sort(([x], [y]) => (x < y ? -1 : 1))) sh.write(io, 1, `${k}='${e.v.replace(/'/g, "'\\''")}'\n`); return 0; }
    const LONG: Record<string, keyof Shell['opts']> = { errexit: 'errexit', xtrace: 'xtrace', nounset: 'nounset', pipefail: 'pipefail' };
    const SHORT: Record<string, keyof Shell['opts']> = { e: 'errexit', x: 'xtrace', u: 'nounset' };
    for (let k = 1; k < argv.length; k++) {
      const a = argv[k];
      if (a === '--') { sh.positional = argv.slice(k + 1); return 0; }
      if (a === '-o' || a === '+o') {
        const name = argv[++k];
        if (name === undefined) { for (const [n, o] of Object.entries(LONG)) sh.write(io, 1, `${n.padEnd(15)}\t${sh.opts[o] ? 'on' : 'off'}\n`); continue; }
        const o = LONG[name];
        if (o && (o !== 'pipefail' || sh.dialect !== 'dash')) { sh.opts[o] = a === '-o'; continue; }
        if (['monitor', 'noglob', 'noclobber', 'allexport', 'vi', 'emacs', 'posix', 'notify', 'verbose', 'noexec', 'ignoreeof', 'hashall'].includes(name)) continue;
        sh.write(io, 2, sh.dialect === 'bash' ? sh.msg(`set: ${name}: invalid option name`) : sh.dialect === 'dash' ? `${sh.arg0}: 1: set: Illegal option -o ${name}\n` : `${sh.arg0}: set: illegal option -o ${name}\n`);
        return sh.dialect === 'bash' ? 1 : 2;
      }
      if (/^[-+][a-zA-Z]+$/.test(a)) {
        for (const c of a.slice(1)) {
          const o = SHORT[c];
          if (o) sh.opts[o] = a[0] === '-';
          else if (!'fmnvbhBCEHPTak'.includes(c)) {
            sh.write(io, 2, sh.dialect === 'bash' ? sh.msg(`set: ${a[0]}${c}: invalid option`) + `set: usage: set [-abefhkmnptuvxBCEHPT] [-o option-name] [--] [-] [arg ...]\n` : sh.dialect === 'dash' ? `${sh.arg0}: 1: set: Illegal option ${a[0]}${c}\n` : `${sh.arg0}: set: illegal option ${a[0]}${c}\n`);
            return sh.dialect === 'bash' ? 2 : 2;
          }
        }
        continue;
      }
      sh.positional = argv.slice(k);
      return 0;
    }
    return 0;
  },
  trap: (sh, argv, io) => {
    const NAMES: Record<string, string> = { '0': 'EXIT', '1': 'HUP', '2': 'INT', '3': 'QUIT', '15': 'TERM', '13': 'PIPE', '14': 'ALRM', '10': 'USR1', '12': 'USR2', '17': 'CHLD' };
    const norm = (s: string) => { const u = s.toUpperCase().replace(/^SIG/, ''); return NAMES[u] ?? u; };
    const args = argv.slice(1).filter((a, i) => !(i === 0 && a === '--'));
    if (!args.length || args[0] === '-p') {
      for (const [sig, cmd] of sh.traps) sh.write(io, 1, `trap -- '${cmd.replace(/'/g, "'\\''")}' ${sh.dialect === 'bash' && sig !== 'EXIT' ? 'SIG' + sig : sig}\n`);
      return 0;
    }
    if (args[0] === '-l') { sh.write(io, 1, ' 1) SIGHUP\t 2) SIGINT\t 3) SIGQUIT\t 4) SIGILL\t 5) SIGTRAP\n 6) SIGABRT\t 7) SIGBUS\t 8) SIGFPE\t 9) SIGKILL\t10) SIGUSR1\n11) SIGSEGV\t12) SIGUSR2\t13) SIGPIPE\t14) SIGALRM\t15) SIGTERM\n'); return 0; }
    // `trap SIG` alone (a number or -) resets, `trap CMD SIG...` sets
    const reset = args[0] === '-' || (args.length === 1 && /^\d+$/.test(args[0]));
    const cmd = reset ? undefined : args[0];
    const sigs = reset && args[0] !== '-' ? args : args.slice(1);
    let st = 0;
    for (const s of sigs) {
      const n = norm(s);
      if (!['EXIT', 'HUP', 'INT', 'QUIT', 'TERM', 'PIPE', 'ALRM', 'USR1', 'USR2', 'CHLD', 'ERR', 'DEBUG', 'RETURN', 'KILL', 'STOP', 'WINCH'].includes(n)) {
        sh.write(io, 2, sh.dialect === 'bash' ? sh.msg(`trap: ${s}: invalid signal specification`) : sh.dialect === 'dash' ? `${sh.arg0}: 1: trap: ${s}: bad trap\n` : `${sh.arg0}: trap: ${s}: invalid signal specification\n`);
        st = 1;
        continue;
      }
      if (cmd === undefined) sh.traps.delete(n); else sh.traps.set(n, cmd);
    }
    return st;
  },
  source: async (sh, argv, io, line) => {
    const t = sh.readFile(argv[1] ?? '');
    if (t === undefined) { sh.write(io, 2, sh.msg(`${argv[1]}: No such file or directory`, line)); return 1; }
    sh.sourcing++;
    try { return await sh.execText(t, io); } catch (e) { if (e instanceof ReturnSignal) return e.code; throw e; } finally { sh.sourcing--; }
  },
  '.': (sh, argv, io, line) => BUILTINS.source(sh, argv, io, line),
  eval: async (sh, argv, io) => sh.execText(argv.slice(1).join(' '), io),
  exec: async (sh, argv, io, line) => { if (argv.length < 2) return 0; throw new ExitSignal(await sh.run(argv.slice(1), io, line)); },
  command: async (sh, argv, io, line) => {
    if (argv[1] === '-v' || argv[1] === '-V') {
      const n = argv[2] ?? '';
      if (BUILTINS[n]) { sh.write(io, 1, n + '\n'); return 0; }
      if (sh.has(n) && (COMMANDS[n] || SHELLS.has(n))) { sh.write(io, 1, `${toolPath(sh.image, n)}\n`); return 0; }
      return 1;
    }
    return sh.run(argv.slice(1), io, line);
  },
  type: (sh, argv, io) => {
    let st = 0;
    for (const n of argv.slice(1)) {
      if (BUILTINS[n]) sh.write(io, 1, `${n} is a shell builtin\n`);
      else if (sh.has(n) && (COMMANDS[n] || SHELLS.has(n))) sh.write(io, 1, `${n} is ${toolPath(sh.image, n)}\n`);
      else { sh.write(io, 2, sh.dialect === 'bash' ? sh.msg(`type: ${n}: not found`) : `${n}: not found\n`); st = 1; }
    }
    return st;
  },
  chroot: (sh, argv, io) => sh.chroot(argv, io),
  alias: () => 0, unalias: () => 0, wait: () => 0, ulimit: (sh, _a, io) => { sh.write(io, 1, 'unlimited\n'); return 0; },
  umask: (sh, _a, io) => { sh.write(io, 1, '0022\n'); return 0; }, hash: () => 0, jobs: () => 0, history: () => 0,
  local: (sh, argv, io, line) => {
    let st = 0;
    for (const a of argv.slice(1)) {
      if (a.startsWith('-')) continue;
      const eq = a.indexOf('=');
      if (!sh.declareLocal(eq > 0 ? a.slice(0, eq) : a, eq > 0 ? a.slice(eq + 1) : undefined)) {
        sh.write(io, 2, sh.dialect === 'bash' ? sh.msg('local: can only be used in a function', line) : sh.dialect === 'dash' ? `${sh.arg0}: ${line}: local: not in a function
` : `${sh.arg0}: local: not in a function
`);
        return sh.dialect === 'bash' ? 1 : 2;
      }
    }
    return st;
  },
};

/** Where a tool lives in an image (for `which`, `command -v`). */
const APP_PATHS: Record<string, string> = {
  nginx: '/usr/sbin/nginx', httpd: '/usr/local/apache2/bin/httpd', apachectl: '/usr/local/apache2/bin/apachectl',
  python: '/usr/local/bin/python', python3: '/usr/local/bin/python3', pip: '/usr/local/bin/pip', pip3: '/usr/local/bin/pip3',
  node: '/usr/local/bin/node', npm: '/usr/local/bin/npm', npx: '/usr/local/bin/npx', yarn: '/usr/local/bin/yarn',
  go: '/usr/local/go/bin/go', gofmt: '/usr/local/go/bin/gofmt', 'redis-server': '/usr/local/bin/redis-server', 'redis-cli': '/usr/local/bin/redis-cli',
  gosu: '/usr/local/bin/gosu', httpenv: '/httpenv', agnhost: '/agnhost',
};

export function toolPath(img: ImageProfile, n: string): string {
  if (APP_PATHS[n] && img.tools.has(n)) return APP_PATHS[n];
  if (img.family === 'busybox') return `/bin/${n}`;
  if (img.family === 'alpine') {
    if (['sh', 'ash', 'busybox', 'bash', 'ls', 'cat', 'echo', 'grep', 'hostname', 'ping', 'sed', 'sleep', 'date', 'mkdir', 'rm', 'touch', 'cp', 'mv', 'ps', 'uname', 'base64', 'netstat', 'ip', 'ifconfig'].includes(n)) return `/bin/${n}`;
    if (n === 'apk') return '/sbin/apk';
    return `/usr/bin/${n}`;
  }
  return `/usr/bin/${n}`;
}

// ---- files an image has -------------------------------------------------------------------------

/** The pod has no service account token mounted (automountServiceAccountToken: false on the
 *  pod or its service account: admission added no kube-api-access volume). */
const noToken = (pod: KObject) => pod.spec?.automountServiceAccountToken === false
  || (!!pod.spec?.serviceAccountName && !(pod.spec?.volumes ?? []).some((v: any) => String(v.name).startsWith('kube-api-access-')));

function imageFile(sh: Shell, p: string): string | undefined {
  const pod = sh.pod;
  // the node's files: in a node shell, and under a node debug pod's /host
  if (isNodeShell(pod) && pod.spec?.nodeName) {
    const f = nodeFile(sh.view, pod.spec.nodeName, p);
    if (f !== undefined) return f;
  }
  const mount = sh.hostRootMount();
  if (mount && p.startsWith(mount + '/') && pod.spec?.nodeName) {
    const inner = p.slice(mount.length);
    const f = nodeFile(sh.view, pod.spec.nodeName, inner);
    if (f !== undefined) return f;
    if (inner === '/etc/os-release' || inner === '/usr/lib/os-release') return nodeImage().osRelease;
    if (inner === '/etc/debian_version') return '12.9\n';
    return undefined;
  }
  switch (p) {
    case '/dev/null': return '';
    case '/etc/hosts': return hostsFileText(pod);
    case '/etc/resolv.conf': return resolvConfText(pod);
    case '/etc/hostname': return podHostname(pod) + '\n';
    case '/etc/os-release': case '/usr/lib/os-release': return sh.image.osRelease;
    case '/etc/alpine-release': return sh.image.alpineRelease ? sh.image.alpineRelease + '\n' : undefined;
    case '/etc/debian_version': return sh.image.debianVersion ? sh.image.debianVersion + '\n' : undefined;
    case '/etc/passwd': {
      if (sh.image.family === 'scratch') return undefined;
      const u = sh.image.user;
      return 'root:x:0:0:root:/root:/bin/' + (sh.image.family === 'debian' ? 'bash' : 'sh') + '\n' + (u.uid ? `${u.name}:x:${u.uid}:${u.gid}::${u.home}:/sbin/nologin\n` : '');
    }
    case '/proc/1/cmdline': return [...(sh.container?.command ?? []), ...(sh.container?.args ?? [])].join('\0') + '\0';
    case '/var/run/secrets/kubernetes.io/serviceaccount/namespace': return noToken(pod) ? undefined : pod.metadata.namespace ?? 'default';
    case '/var/run/secrets/kubernetes.io/serviceaccount/token': return noToken(pod) ? undefined : 'eyJhbGciOiJSUzI1NiIsImtpZCI6ImtpbmQifQ.' + Buffer.from(JSON.stringify({ sub: `system:serviceaccount:${pod.metadata.namespace}:${pod.spec?.serviceAccountName ?? 'default'}` })).toString('base64url') + '.c2lnbmF0dXJl';
    case '/var/run/secrets/kubernetes.io/serviceaccount/ca.crt': return noToken(pod) ? undefined : '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIKind0000000000wDQYJKoZIhvcNAQELBQAwFTETMBEGA1UE\nAxMKa3ViZXJuZXRlczAeFw0yNTAxMDEwMDAwMDBaFw0zNTAxMDEwMDAwMDBaMBUx\nEzARBgNVBAMTCmt1YmVybmV0ZXM=\n-----END CERTIFICATE-----\n';
  }
  const img = sh.image;
  if (img.name === 'nginx' && (p === '/usr/share/nginx/html/index.html')) return NGINX_INDEX;
  if (img.name === 'httpd' && p === '/usr/local/apache2/htdocs/index.html') return '<html><body><h1>It works!</h1></body></html>\n';
  return undefined;
}

// ---- entry points ---------------------------------------------------------------------------------

function restartsOf(pod: KObject, container: string): number {
  const all = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])];
  return all.find((x: any) => x.name === container)?.restartCount ?? 0;
}

/** containerd's exec id: 64 random hex digits (a new one for every exec). */
function execId(view: NetView, pod: KObject): string {
  let seed = `${pod.metadata.uid}/${view.now().getTime()}/${view.random()}/${view.random()}`;
  let out = '';
  while (out.length < 64) { const h = hash32(seed); out += h.toString(16).padStart(8, '0'); seed = `${seed}/${h}`; }
  return out;
}
const ociError = (id: string, what: string) =>
  `Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "${id}": OCI runtime exec failed: exec failed: unable to start container process: ${what}: unknown`;

/** Checks kubectl exec makes before a process starts; returns the error message (without "error: ",
 *  or a whole `Error from server (...)` line for the API server's refusals). */
export function execPrecheck(pod: KObject, containerName: string | undefined): string | undefined {
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') return `cannot exec into a container in a completed pod; current phase is ${phase}`;
  const c = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].find((x: any) => x.name === containerName) ?? (containerName ? undefined : pod.spec?.containers?.[0]);
  const name = containerName ?? c?.name ?? '';
  // The API server's exec location (pkg/registry/core/pod/strategy.go streamLocation) checks the
  // named container, then that the pod is bound to a node.
  if (!c) return `Error from server (BadRequest): container ${name} is not valid for pod ${pod.metadata.name}`;
  if (!pod.spec?.nodeName) return `Error from server (BadRequest): pod ${pod.metadata.name} does not have a host assigned`;
  const st = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])].find((x: any) => x.name === c.name);
  const running = st ? !!st.state?.running : phase === 'Running';
  if (phase !== 'Running' || !running) return `unable to upgrade connection: container not found ("${c.name}")`;
  return undefined;
}

export async function execStream(host: DataPlaneHost, pod: KObject, containerName: string | undefined, argv: string[], io: StreamIO): Promise<{ exitCode: number; error?: string }> {
  const pre = io.asContainer ? undefined : execPrecheck(pod, containerName);
  if (pre) return { exitCode: 1, error: pre };
  if (!argv.length) return { exitCode: 1, error: 'you must specify at least one command for the container' };
  const container = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].find((x: any) => x.name === containerName) ?? pod.spec.containers[0];
  const image = isNodeShell(pod) ? nodeImage() : imageProfile(container.image ?? '');
  const view = new NetView(host);
  const write = io.tty ? (fd: 1 | 2, s: string) => io.write(fd, s.replace(/\r?\n/g, '\r\n')) : io.write;
  const sh = new Shell(view, pod, container, image, io.tty, write);
  sh.loadState();
  if (SHELLS.has(argv[0].split('/').pop()!)) { sh.pid = sh.allocPid(); sh.cmdline = argv.join(' '); }
  if (io.terminal) { sh.term = io.terminal.control; sh.termHooks = io.terminal; io.terminal.bind(sh); }
  const name = argv[0];
  const base = name.split('/').pop()!;
  const exists = image.family !== 'scratch' && (name.includes('/') ? BIN_DIRS.includes(name.replace(/\/[^/]+$/, '') || '/') && sh.has(base) : sh.has(base)) && (SHELLS.has(base) || !!COMMANDS[base]);
  if (!exists) {
    return { exitCode: 1, error: ociError(execId(view, pod), name.includes('/') ? `exec: "${name}": stat ${name}: no such file or directory` : `exec: "${name}": executable file not found in $PATH`) };
  }
  // A terminal's keys are read by the shell's prompt only (a program given as the command does
  // not read them: it gets no input).
  const input: LineInput = io.terminal ? (io.interactive ? io.terminal.input : new LineSource('')) : io.interactive ? new LineSource(io.input) : new LineSource('');
  const stdinText = async () => (io.interactive && !io.terminal ? input.rest() : '');
  let code: number;
  try {
    if (SHELLS.has(base)) {
      const hasC = argv.includes('-c');
      const hasFile = argv.slice(1).some((a) => !a.startsWith('-'));
      if (io.tty && io.interactive && !hasC && !hasFile) code = await sh.interactiveMain(argv, input, !!io.echo);
      else if (hasC || hasFile) code = await sh.main(argv, '', { stdin: await stdinText(), fd: { 1: { kind: 'out' }, 2: { kind: 'err' } } });
      else code = await sh.main(argv, input);
    } else if (base === 'chroot' && io.interactive) {
      // chroot's shell reads the session's input as it comes
      sh.lines = input; sh.interactive = io.tty; sh.echo = !!io.echo;
      code = await sh.run(argv, { stdin: '', fd: { 1: { kind: 'out' }, 2: { kind: 'err' } } }, 1);
    } else {
      const stdin = await stdinText();
      code = await sh.run(argv, { stdin, fd: { 1: { kind: 'out' }, 2: { kind: 'err' } } }, 1);
    }
  } catch (e) {
    if (e instanceof ExitSignal) code = e.code;
    else if (e instanceof LoopSignal || e instanceof ReturnSignal) code = 0;
    else if (e instanceof Interrupted) code = e.status;
    else if (e instanceof StackOverflow || e instanceof RangeError) code = SEGV;
    else throw e;
  } finally {
    sh.saveState();
  }
  return { exitCode: code };
}

/** kubectl exec, buffered: what the process printed, its exit code, or kubectl's own error. */
export async function runExec(host: DataPlaneHost, pod: KObject, containerName: string | undefined, argv: string[], io: ExecIO): Promise<ExecResult> {
  let stdout = '';
  let stderr = '';
  const r = await execStream(host, pod, containerName, argv, {
    input: io.stdin ?? '', tty: io.tty, interactive: io.interactive, echo: io.tty,
    write: (fd, s) => { if (fd === 1 || io.tty) stdout += s; else stderr += s; },
  });
  return { stdout, stderr, exitCode: r.exitCode, ...(r.error ? { error: r.error } : {}) };
}

export type { Command };
