// A container's terminal: what the pty's line discipline and the shell's line editor do between
// the keys a person types and the simulated process. While the shell waits for a line, the keys
// go to the line editor (editor.ts); while a command runs, they are echoed and kept for the next
// line (typed ahead), except the signal keys: Ctrl-C sends SIGINT to the foreground command,
// Ctrl-\ SIGQUIT; Ctrl-Z is refused (no job control: the command goes on). Output gets CRLF line
// ends. Closing the terminal (hangup) ends the shell. Nothing here reads process.stdin: kubectl
// (src/cli/tty.ts), the API server's exec stream and node shells feed it bytes.
import type { KObject } from '../../api/types';
import type { DataPlaneHost } from '../host';
import { execStream, Shell, TerminalHooks } from '../shell';
import { Interrupted, ForegroundControl, SignalName } from '../signals';
import { LineEditor } from './editor';
import { completeAt } from './complete';

export interface TerminalIO { write(text: string): void; columns: number; rows: number }

export interface TerminalSession {
  /** raw bytes typed by the user (\x03 Ctrl-C, \x04 Ctrl-D, ESC sequences...) */
  input(data: string): void;
  resize(columns: number, rows: number): void;
  /** terminal closed (SIGHUP): end the shell */
  hangup(): void;
  readonly done: Promise<{ exitCode: number; error?: string }>;
}

export interface TerminalOptions {
  /** the container's own process (run -it, attach), not an exec into it */
  asContainer?: boolean;
}

const MAX_TIMER_MS = 2 ** 31 - 1;

class Term {
  state: 'running' | 'reading' | 'closed' = 'running';
  hungUp = false;
  columns: number;
  rows: number;
  shell?: Shell;
  editor: LineEditor;
  private controller = new AbortController();
  private typeahead = '';
  private tail = '';
  private pendingRead?: { resolve: (l: string | undefined) => void; reject: (e: unknown) => void };
  private iterations = 0;

  constructor(private io: TerminalIO, private host: DataPlaneHost) {
    this.columns = io.columns > 0 ? io.columns : 80;
    this.rows = io.rows > 0 ? io.rows : 24;
    this.editor = new LineEditor({
      write: (s) => this.output(s),
      columns: () => this.columns,
      complete: (line, cursor) => completeAt(this.shell, line, cursor),
    });
  }

  // ---- output ---------------------------------------------------------------------------------

  output(s: string): void {
    if (!s || this.state === 'closed') return;
    const nl = s.lastIndexOf('\n');
    this.tail = nl >= 0 ? s.slice(nl + 1) : this.tail + s;
    const cr = this.tail.lastIndexOf('\r');
    if (cr >= 0) this.tail = this.tail.slice(cr + 1);
    try { this.io.write(s); } catch { /* the terminal is gone: a hangup follows */ }
  }

  // ---- input ----------------------------------------------------------------------------------

  input(data: string): void {
    if (this.state === 'closed' || !data) return;
    if (this.state === 'reading') { this.feedEditor(data); return; }
    for (const ch of data) {
      switch (ch) {
        case '\x03': this.output('^C'); this.typeahead = ''; this.signal('SIGINT'); break;
        case '\x1c': this.output('^\\'); this.typeahead = ''; this.signal('SIGQUIT'); break;
        case '\x1a': this.output('^Z'); break;
        default:
          this.typeahead += ch;
          // the line discipline echoes what is typed ahead (control keys as ^X)
          if (ch === '\r') this.output('\r\n');
          else if (ch === '\t') this.output('\t');
          else if (ch === '\x7f' || ch === '\x04') { /* not echoed */ }
          else if (ch < ' ') this.output('^' + String.fromCharCode(ch.charCodeAt(0) + 64));
          else this.output(ch);
      }
      if (this.state !== 'running') return;
    }
  }

  private feedEditor(data: string): void {
    const { result, rest } = this.editor.feed(data);
    if (!result) return;
    const p = this.pendingRead!;
    this.pendingRead = undefined;
    this.state = 'running';
    this.controller = new AbortController();
    this.typeahead = rest + this.typeahead;
    if (result.kind === 'line') p.resolve(result.text);
    else if (result.kind === 'eof') p.resolve(undefined);
    else p.reject(new Interrupted('SIGINT'));
  }

  /** The shell asks for a line: the prompt is what was printed since the last newline. */
  readLine(): Promise<string | undefined> {
    if (this.hungUp || this.state === 'closed') return Promise.reject(new Interrupted('SIGHUP'));
    return new Promise((resolve, reject) => {
      this.pendingRead = { resolve, reject };
      this.state = 'reading';
      this.editor.style = this.shell?.dialect === 'bash' ? 'bash' : 'ash';
      this.editor.begin(this.tail);
      const ahead = this.typeahead;
      this.typeahead = '';
      if (ahead) this.feedEditor(ahead);
    });
  }

  signal(sig: SignalName): void {
    if (!this.controller.signal.aborted) this.controller.abort(sig);
  }

  /** the foreground command ended by itself: a signal it handled is spent */
  commandEnded(): void {
    if (this.controller.signal.aborted && !this.hungUp) this.controller = new AbortController();
  }

  hangup(): void {
    if (this.hungUp) return;
    this.hungUp = true;
    this.signal('SIGHUP');
    const p = this.pendingRead;
    this.pendingRead = undefined;
    this.state = 'closed';
    p?.reject(new Interrupted('SIGHUP'));
  }

  close(): void {
    this.state = 'closed';
  }

  resize(columns: number, rows: number): void {
    if (columns > 0) this.columns = columns;
    if (rows > 0) this.rows = rows;
    this.io.columns = this.columns;
    this.io.rows = this.rows;
    // bash's checkwinsize: $COLUMNS and $LINES follow the window
    if (this.shell?.dialect === 'bash') { this.shell.setVar('COLUMNS', String(this.columns)); this.shell.setVar('LINES', String(this.rows)); }
  }

  // ---- what the shell and its commands see ------------------------------------------------------

  readonly control: ForegroundControl = ((t: Term) => ({
    get signal() { return t.controller.signal; },
    get columns() { return t.columns; },
    get rows() { return t.rows; },
    wait: (ms: number, sleep: (ms: number) => Promise<void>) => t.wait(ms, sleep),
    checkpoint: () => t.checkpoint(),
    commandEnded: () => t.commandEnded(),
  }))(this);

  private wait(ms: number, sleep: (ms: number) => Promise<void>): Promise<void> {
    const sig = this.controller.signal;
    if (sig.aborted) return Promise.reject(new Interrupted(sig.reason as SignalName));
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const onAbort = () => { if (timer) clearTimeout(timer); reject(new Interrupted(sig.reason as SignalName)); };
      sig.addEventListener('abort', onAbort, { once: true });
      const finish = () => { sig.removeEventListener('abort', onAbort); resolve(); };
      if (!(ms > 0)) { finish(); return; }
      if (ms === Infinity) return; // sleep infinity: until a signal
      if (this.host.sleep) { sleep(ms).then(finish, (e) => { sig.removeEventListener('abort', onAbort); reject(e); }); return; }
      // a real timer, cancelled by the signal (nothing keeps kubectl alive after Ctrl-C)
      let left = ms;
      const step = () => {
        if (left <= 0) { finish(); return; }
        const d = Math.min(left, MAX_TIMER_MS);
        left -= d;
        timer = setTimeout(step, d);
      };
      step();
    });
  }

  private async checkpoint(): Promise<void> {
    if (++this.iterations % 32 === 0) await new Promise((r) => setImmediate(r));
    const sig = this.controller.signal;
    if (sig.aborted) throw new Interrupted(sig.reason as SignalName);
  }

  readonly hooks: TerminalHooks = {
    control: this.control,
    input: { next: () => this.readLine(), rest: async () => '' },
    bind: (sh: Shell) => { this.shell = sh; },
  };
}

/**
 * Start ARGV in CONTAINER of POD behind a terminal (kubectl exec -it, run -it, attach -it, the
 * API server's exec stream with tty, node shells). The caller feeds what is typed to input(),
 * passes window size changes to resize(), and calls hangup() when the terminal goes away; the
 * process's output comes through io.write (CRLF line ends, as a pty gives them). done resolves
 * with the exit code, or with error when the process could not start (kubectl's message).
 */
export function startTerminal(host: DataPlaneHost, pod: KObject, container: string | undefined, argv: string[], io: TerminalIO, opts: TerminalOptions = {}): TerminalSession {
  const t = new Term(io, host);
  const done = execStream(host, pod, container, argv, {
    tty: true,
    interactive: true,
    asContainer: opts.asContainer,
    write: (_fd, s) => t.output(s),
    terminal: t.hooks,
  }).then(
    (r) => r,
    (e) => ({ exitCode: 1, error: e instanceof Error ? e.message : String(e) }),
  ).finally(() => t.close());
  return {
    input: (d) => t.input(d),
    resize: (c, r) => t.resize(c, r),
    hangup: () => t.hangup(),
    done,
  };
}
