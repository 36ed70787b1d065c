// exec and attach over WebSocket: the channel protocols v5.channel.k8s.io (what kubectl 1.30+
// speaks, through the API server's stream translator) and v4.channel.k8s.io (the Python and
// JavaScript clients, served by the kubelet), plus the older channel.k8s.io and base64 variants.
//
// Channels: 0 stdin, 1 stdout, 2 stderr, 3 error (a metav1.Status in v4/v5), 4 resize
// ({"Width":W,"Height":H}); v5 adds 255 close ([255, N]: the client closed its channel N, i.e.
// end of stdin). The server first sends an empty message on the lowest channel it writes, then
// the command's output, then the status, then closes the WebSocket.
//
// The command runs in the data plane's simulated shell (network/shell.ts execStream), the same
// one `kubesim exec` runs; with a TTY, in the container terminal (network/terminal, echo, line
// editing, Ctrl-C) when that module is built in, else in a small cooked-mode line discipline here.
import type * as http from 'node:http';
import type * as stream from 'node:stream';
import type { KObject } from '../api/types';
import type { StreamEnv } from './streams';
import { ChannelSocket, acceptWebSocket, isWebSocketRequest, negotiate, writeHttpResponse } from './websocket';
import { StatusError, badRequest, chooseContainer, containerStatus, internalError, podNotFound, queryBool, statusJson } from './stream-status';

const V5 = 'v5.channel.k8s.io';
const V4 = 'v4.channel.k8s.io';
const PROTOCOLS = [V5, V4, 'v4.base64.channel.k8s.io', 'channel.k8s.io', 'base64.channel.k8s.io', ''];
/** what the kubelet speaks over SPDY (v5 is WebSocket-only in 1.32) */
const SPDY_PROTOCOLS = [V4, 'v3.channel.k8s.io', 'v2.channel.k8s.io', 'channel.k8s.io'];
/** how long the kubelet waits for the client's streams */
const STREAM_CREATION_TIMEOUT_MS = 30000;
const STDIN = 0, STDOUT = 1, STDERR = 2, ERROR = 3, RESIZE = 4, CLOSE = 255;

export interface RemoteCommandOptions { stdin: boolean; stdout: boolean; stderr: boolean; tty: boolean; container: string; command: string[] }

export function remoteCommandOptions(q: URLSearchParams): RemoteCommandOptions {
  return {
    stdin: queryBool(q.get('stdin')), stdout: queryBool(q.get('stdout')), stderr: queryBool(q.get('stderr')), tty: queryBool(q.get('tty')),
    container: q.get('container') ?? '', command: q.getAll('command'),
  };
}

/** A queue of text chunks read as an async iterable (stdin for the shell). */
class InputQueue implements AsyncIterable<string> {
  items: string[] = [];
  private waiting?: (r: IteratorResult<string>) => void;
  ended = false;
  push(s: string): void {
    if (this.ended || !s) return;
    if (this.waiting) { const w = this.waiting; this.waiting = undefined; w({ value: s, done: false }); } else this.items.push(s);
  }
  end(): void {
    if (this.ended) return;
    this.ended = true;
    if (this.waiting) { const w = this.waiting; this.waiting = undefined; w({ value: undefined, done: true }); }
  }
  [Symbol.asyncIterator](): AsyncIterator<string> {
    return {
      next: () => {
        if (this.items.length) return Promise.resolve({ value: this.items.shift()!, done: false });
        if (this.ended) return Promise.resolve({ value: undefined, done: true });
        return new Promise((r) => { this.waiting = r; });
      },
    };
  }
}

/** What a container's pty does in cooked mode when the terminal module is not built in: echo,
 *  backspace, ^U, Enter (CR -> NL), ^C (a fresh line), ^D on an empty line (end of input). */
function cookedLineDiscipline(echo: (s: string) => void, input: InputQueue): (data: string) => void {
  let line = '';
  return (data) => {
    for (const ch of data) {
      if (ch === '\r' || ch === '\n') { echo('\r\n'); input.push(line + '\n'); line = ''; }
      else if (ch === '\x7f' || ch === '\b') { if (line) { line = [...line].slice(0, -1).join(''); echo('\b \b'); } }
      else if (ch === '\x15') { echo('\b \b'.repeat([...line].length)); line = ''; }
      else if (ch === '\x03') { echo('^C\r\n'); line = ''; input.push('\n'); }
      else if (ch === '\x04') { if (!line) input.end(); }
      else if (ch === '\t' || ch >= ' ') { line += ch; echo(ch); }
    }
  };
}

interface TerminalModule {
  startTerminal(host: unknown, pod: KObject, container: string | undefined, argv: string[], io: { write(text: string): void; columns: number; rows: number },
    opts?: { asContainer?: boolean }):
    { input(data: string): void; resize(cols: number, rows: number): void; hangup(): void; done: Promise<{ exitCode: number; error?: string }> };
}
let terminalModule: TerminalModule | null | undefined;
function terminal(): TerminalModule | null {
  if (terminalModule === undefined) {
    try {
      const m = require('../network/terminal');
      terminalModule = typeof m?.startTerminal === 'function' ? m : null;
    } catch { terminalModule = null; }
  }
  return terminalModule ?? null;
}

/** Go's %v of a []string: [sh -c exit 3] */
const goList = (a: string[]) => `[${a.join(' ')}]`;

export function serveRemoteCommand(kind: 'exec' | 'attach', req: http.IncomingMessage, socket: stream.Duplex, head: Buffer, env: StreamEnv,
  ns: string, name: string, q: URLSearchParams): void {
  const fail = (e: StatusError) => writeHttpResponse(socket, e.code, statusJson(e));
  const opts = remoteCommandOptions(q);
  env.refresh();
  const pod = env.api.get('Pod', ns, name);
  if (!pod) return fail(podNotFound(name));
  const chosen = chooseContainer(pod, opts.container);
  if ('error' in chosen) return fail(chosen.error);
  const c = chosen.container;
  if (!pod.spec?.nodeName) return fail(badRequest(`pod ${name} does not have a host assigned`));
  if (kind === 'exec' && !opts.command.length) return fail(badRequest('you must specify at least one command for the container'));
  if (!opts.stdin && !opts.stdout && !opts.stderr) {
    writeHttpResponse(socket, 400, 'you must specify at least 1 of stdin, stdout, stderr', 'text/plain; charset=utf-8');
    return;
  }
  const st = containerStatus(pod, c.name);
  const running = pod.status?.phase === 'Running' && !!st?.state?.running && !pod.metadata.deletionTimestamp;
  const notFound = `container not found ("${c.name}")`;
  if (!isWebSocketRequest(req)) {
    // SPDY: kubectl's fallback (KUBECTL_REMOTE_COMMAND_WEBSOCKETS=false), proxied to the kubelet.
    if (!/^spdy\/3\.1$/i.test(String(req.headers.upgrade ?? ''))) { fail(badRequest('Upgrade request required')); return; }
    if (!running) { writeHttpResponse(socket, 500, notFound, 'text/plain; charset=utf-8'); return; }
    const offered = String(req.headers['x-stream-protocol-version'] ?? '').split(',').map((x) => x.trim()).filter(Boolean);
    const protocol = offered.length ? offered.find((p) => SPDY_PROTOCOLS.includes(p)) : '';
    if (protocol === undefined) {
      writeHttpResponse(socket, 403, `unable to upgrade: unable to negotiate protocol: client supports [${offered.join(' ')}], server supports [${SPDY_PROTOCOLS.join(' ')}]`, 'text/plain; charset=utf-8');
      return;
    }
    socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n' + (protocol ? `X-Stream-Protocol-Version: ${protocol}\r\n` : '') + '\r\n');
    spdyRemoteCommand(kind, env, pod, c, opts, protocol, socket, head);
    return;
  }
  const protocol = negotiate(req, PROTOCOLS);
  if (protocol === undefined) {
    writeHttpResponse(socket, 400, `requested protocol(s) are not supported: [${req.headers['sec-websocket-protocol'] ?? ''}]; supports [${PROTOCOLS.join(' ')}]`, 'text/plain; charset=utf-8');
    return;
  }
  // The kubelet's check: the container must be running. Through the v5 translator the client is
  // upgraded first and hears it on the error channel; the kubelet (v4) answers before upgrading.
  if (!running && protocol !== V5) {
    writeHttpResponse(socket, 500, notFound, 'text/plain; charset=utf-8');
    return;
  }
  acceptWebSocket(req, socket, head, protocol).then((ws) => {
    const session = new RemoteCommandSession(kind, env, pod, c, opts, protocol, (onMessage) => new ChannelSocket(ws, protocol, onMessage), true);
    if (!running) session.finish(internalError(`unable to upgrade connection: ${notFound}`));
    else session.run().catch((e) => session.finish(internalError(String((e as Error)?.message ?? e))));
  });
}

/** Where a session's channels go: a WebSocket (ChannelSocket) or SPDY streams. */
interface CommandTransport {
  readonly closed: boolean;
  send(channel: number, data?: Buffer | string): void;
  onClose(h: () => void): void;
  close(): void;
}

class RemoteCommandSession {
  private conn: CommandTransport;
  private stdin = new InputQueue();
  private decoder = new TextDecoder();
  private onInput?: (s: string) => void;
  private onResize?: (cols: number, rows: number) => void;
  private done = false;
  size = { cols: 80, rows: 24 };

  constructor(private kind: 'exec' | 'attach', private env: StreamEnv, private pod: KObject, private c: any,
    private opts: RemoteCommandOptions, private protocol: string, open: (onMessage: (ch: number, data: Buffer) => void) => CommandTransport, websocket: boolean) {
    this.conn = open((ch, data) => this.message(ch, data));
    this.conn.onClose(() => { this.endStdin(); this.done = true; });
    // "Send an empty message to the lowest writable channel to notify the client the connection is established"
    if (websocket) this.conn.send(opts.stdout ? STDOUT : opts.stderr ? STDERR : ERROR);
  }

  /** The client closed stdin (v5 close message, SPDY FIN) or went away. */
  endStdin(): void { this.stdin.end(); }

  private message(ch: number, data: Buffer): void {
    if (ch === STDIN && this.opts.stdin) {
      const s = this.decoder.decode(data, { stream: true });
      if (this.onInput) this.onInput(s); else this.stdin.push(s);
    } else if (ch === RESIZE) {
      for (const part of data.toString('utf8').split(/(?<=\})\s*(?=\{)/)) {
        try {
          const sz = JSON.parse(part);
          if (sz.Width > 0 && sz.Height > 0) { this.size = { cols: sz.Width, rows: sz.Height }; this.onResize?.(sz.Width, sz.Height); }
        } catch { /* the kubelet's decoder stops at garbage; so do we */ }
      }
    } else if (ch === CLOSE && this.protocol === V5 && data[0] === STDIN) {
      this.endStdin();
    }
  }

  private out(fd: 1 | 2, text: string): void {
    const ch = this.opts.tty || fd === 1 ? STDOUT : STDERR;
    if (ch === STDOUT ? this.opts.stdout : this.opts.stderr) this.conn.send(ch, text);
  }

  async run(): Promise<void> {
    const { pod, c, opts } = this;
    let argv = opts.command;
    let interactive = opts.stdin;
    const tty = opts.tty && (this.kind === 'exec' || !!c.tty);
    if (this.kind === 'attach') {
      if (!c.stdin) return this.followOutput();
      // The container's own process: its command, or the image's shell.
      argv = [...(c.command ?? []), ...(c.args ?? [])];
      if (!argv.length) argv = ['sh'];
      interactive = opts.stdin;
    }
    const host = this.env.host;
    let r: { exitCode: number; error?: string };
    const term = tty ? terminal() : null;
    if (term) {
      const t = term.startTerminal(host, pod, c.name, argv, { write: (text) => this.out(1, text), columns: this.size.cols, rows: this.size.rows },
        { asContainer: this.kind === 'attach' });
      this.onInput = (s) => t.input(s);
      this.onResize = (w, h) => t.resize(w, h);
      for (const s of this.stdin.items.splice(0)) t.input(s);
      this.conn.onClose(() => t.hangup());
      r = await t.done;
    } else {
      const { execStream } = require('../network/shell') as typeof import('../network/shell');
      let input: InputQueue | string = interactive ? this.stdin : '';
      if (tty && interactive) {
        const raw = this.stdin;
        const cooked = new InputQueue();
        raw.ended ? cooked.end() : this.conn.onClose(() => cooked.end());
        const discipline = cookedLineDiscipline((s) => this.out(1, s), cooked);
        for (const s of raw.items.splice(0)) discipline(s);
        this.onInput = discipline;
        input = cooked;
      }
      r = await execStream(host, pod, c.name, argv, { input, tty, interactive, asContainer: this.kind === 'attach', write: (fd, text) => this.out(fd, text) });
    }
    if (this.kind === 'attach') return this.finish(r.error ? internalError(`error attaching to container: ${r.error}`) : { success: true });
    if (r.error) {
      // The runtime's exec failure, e.g. the executable is not in the image.
      const inner = r.error.replace(/^Internal error occurred: /, '');
      return this.finish(this.protocol === V5 ? internalError(internalError(inner).message) : internalError(inner));
    }
    if (r.exitCode === 0) return this.finish({ success: true });
    const message = this.protocol === V5
      ? `command terminated with non-zero exit code: command terminated with exit code ${r.exitCode}`
      : `command terminated with non-zero exit code: error executing command ${goList(argv)}, exit code ${r.exitCode}`;
    this.finish({ reason: 'NonZeroExitCode', message, code: 0, details: { causes: [{ reason: 'ExitCode', message: String(r.exitCode) }] } });
  }

  /** attach to a container that reads no stdin: what it prints from now on, until it stops or the client leaves. */
  private async followOutput(): Promise<void> {
    const { store, api } = this.env;
    const uid = this.pod.metadata.uid!;
    const rows = store.logs(uid, this.c.name);
    let last = rows.length ? rows[rows.length - 1].id : 0;
    while (!this.done) {
      await new Promise((r) => setTimeout(r, 250));
      if (this.done) return;
      this.env.refresh();
      for (const row of store.logs(uid, this.c.name, last)) { last = row.id; this.out(1, row.line + '\n'); }
      const cur = api.get('Pod', this.pod.metadata.namespace, this.pod.metadata.name);
      const st = cur && cur.metadata.uid === uid ? containerStatus(cur, this.c.name) : undefined;
      if (!st?.state?.running) return this.finish({ success: true });
    }
  }

  /** The status on the error channel (v4/v5 JSON; v1 plain text, nothing on success), then close. */
  finish(status: StatusError | { success: true }): void {
    if (this.conn.closed) return;
    this.done = true;
    if (this.protocol === V5 || this.protocol.startsWith('v4.')) this.conn.send(ERROR, statusJson(status, false));
    else if (!('success' in status)) this.conn.send(ERROR, status.message);
    this.conn.close();
  }
}

/** exec/attach over SPDY (the kubelet's remotecommand/httpstream.go): the client opens one stream
 *  per channel, named by its streamType header; the session starts when all it asked for are there. */
function spdyRemoteCommand(kind: 'exec' | 'attach', env: StreamEnv, pod: KObject, c: any, opts: RemoteCommandOptions, protocol: string,
  socket: stream.Duplex, head: Buffer): void {
  const { SpdyConnection } = require('./spdy') as typeof import('./spdy');
  const want = ['error', ...(opts.stdin ? ['stdin'] : []), ...(opts.stdout ? ['stdout'] : []), ...(opts.stderr && !opts.tty ? ['stderr'] : []), ...(opts.tty && protocol !== 'channel.k8s.io' && protocol !== 'v2.channel.k8s.io' ? ['resize'] : [])];
  const streams: Record<string, import('./spdy').SpdyStream> = {};
  let closed = false;
  const closers: (() => void)[] = [];
  const shut = () => { if (closed) return; closed = true; conn.destroy(); socket.destroy(); for (const h of closers.splice(0)) h(); };
  const conn = new SpdyConnection({
    server: true,
    write: (b) => { if (!closed) socket.write(b); },
    onGoAway: shut,
    onStream(s) {
      const type = s.header('streamtype') ?? '';
      if (!want.includes(type) || streams[type]) { s.reset(); return; }
      s.reply();
      streams[type] = s;
      if (want.every((w) => streams[w])) { clearTimeout(timer); start(); }
    },
  });
  const timer = setTimeout(() => { socket.destroy(); }, STREAM_CREATION_TIMEOUT_MS);
  timer.unref?.();
  socket.on('data', (d: Buffer) => conn.feed(d));
  socket.on('close', shut);
  if (head.length) conn.feed(head);
  const start = () => {
    const channels: Record<number, import('./spdy').SpdyStream | undefined> = { 1: streams.stdout, 2: streams.stderr, 3: streams.error };
    let session: RemoteCommandSession | undefined = undefined;
    session = new RemoteCommandSession(kind, env, pod, c, opts, protocol, (onMessage) => {
      streams.stdin?.consume((d) => onMessage(STDIN, d), () => queueMicrotask(() => session?.endStdin()));
      streams.resize?.consume((d) => onMessage(RESIZE, d), () => undefined);
      streams.error.consume(() => undefined, () => undefined);
      return {
        get closed() { return closed; },
        send: (ch, data) => { if (data !== undefined && data.length) channels[ch]?.write(data); },
        onClose: (h) => { if (closed) h(); else closers.push(h); },
        close: () => {
          // The status is written: end every stream, say GOAWAY, and hang up once it is sent.
          for (const st of Object.values(streams)) st.end();
          conn.goAway();
          socket.end();
        },
      };
    }, false);
    session.run().catch((e) => session.finish(internalError(String((e as Error)?.message ?? e))));
  };
}
