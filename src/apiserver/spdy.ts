// SPDY/3.1 framing, as kubectl's port-forward (and its SPDY exec fallback) speaks it: Go's
// moby/spdystream on the client side, over a raw `Upgrade: SPDY/3.1` connection or tunneled in
// WebSocket binary messages (subprotocol `SPDY/3.1+portforward.k8s.io`, kubectl 1.32's default).
//
// A small hand-written codec rather than a package: what is needed is SYN_STREAM/SYN_REPLY/DATA/
// RST_STREAM/PING/GOAWAY (and ignoring SETTINGS/WINDOW_UPDATE, which spdystream neither sends
// with meaning nor honours), on any byte stream (a socket or a WebSocket), in both roles (the
// tests play the client). spdy-transport (the only maintained-ish package) is built around
// Node's http server, enforces SPDY flow control that spdystream never acknowledges, and
// brings half a dozen dependencies.
//
// Header blocks: the peer compresses with zlib and the SPDY/3 dictionary, one zlib stream per
// direction for the whole connection; we inflate with Node's zlib (the dictionary is asked for
// by the stream). We write our (few, tiny) header blocks as zlib *stored* blocks, each followed
// by the empty block of a sync flush: a valid zlib stream that any inflater reads, with no
// compressor state to keep.
import { constants as zc, createInflate } from 'node:zlib';

// ---- the SPDY/3 header dictionary (SPDY draft 3, section 2.6.10.1) ------------------------------

const DICT_WORDS = [
  'options', 'head', 'post', 'put', 'delete', 'trace', 'accept', 'accept-charset', 'accept-encoding', 'accept-language',
  'accept-ranges', 'age', 'allow', 'authorization', 'cache-control', 'connection', 'content-base', 'content-encoding',
  'content-language', 'content-length', 'content-location', 'content-md5', 'content-range', 'content-type', 'date',
  'etag', 'expect', 'expires', 'from', 'host', 'if-match', 'if-modified-since', 'if-none-match', 'if-range',
  'if-unmodified-since', 'last-modified', 'location', 'max-forwards', 'pragma', 'proxy-authenticate',
  'proxy-authorization', 'range', 'referer', 'retry-after', 'server', 'te', 'trailer', 'transfer-encoding', 'upgrade',
  'user-agent', 'vary', 'via', 'warning', 'www-authenticate', 'method', 'get', 'status', '200 OK', 'version',
  'HTTP/1.1', 'url', 'public', 'set-cookie', 'keep-alive', 'origin',
];
const DICT_TAIL = '100101201202205206300302303304305306307402405406407408409410411412413414415416417502504505' +
  '203 Non-Authoritative Information204 No Content301 Moved Permanently400 Bad Request401 Unauthorized' +
  '403 Forbidden404 Not Found500 Internal Server Error501 Not Implemented503 Service Unavailable' +
  'Jan Feb Mar Apr May Jun Jul Aug Sept Oct Nov Dec 00:00:00 Mon, Tue, Wed, Thu, Fri, Sat, Sun, GMT' +
  'chunked,text/html,image/png,image/jpg,image/gif,application/xml,application/xhtml+xml,text/plain,' +
  'text/javascript,publicprivatemax-age=gzip,deflate,sdchcharset=utf-8charset=iso-8859-1,utf-,*,enq=0.';

export const SPDY_DICTIONARY: Buffer = Buffer.concat([
  ...DICT_WORDS.map((w) => { const b = Buffer.alloc(4 + w.length); b.writeUInt32BE(w.length, 0); b.write(w, 4, 'latin1'); return b; }),
  Buffer.from(DICT_TAIL, 'latin1'),
]);

// ---- frames ----------------------------------------------------------------------------------

export const SYN_STREAM = 1, SYN_REPLY = 2, RST_STREAM = 3, SETTINGS = 4, PING = 6, GOAWAY = 7, HEADERS = 8, WINDOW_UPDATE = 9;
export const FLAG_FIN = 0x01;
/** RST_STREAM status codes */
export const RST_PROTOCOL_ERROR = 1, RST_INVALID_STREAM = 2, RST_REFUSED_STREAM = 3, RST_CANCEL = 5;
const MAX_DATA = 0xffffff;

/** Header names are lowercase; a value list is sent NUL-separated. */
export type SpdyHeaders = Record<string, string[]>;

export type Frame =
  | { control: false; streamId: number; flags: number; data: Buffer }
  | { control: true; type: number; flags: number; payload: Buffer };

export function controlFrame(type: number, flags: number, payload: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt16BE(0x8000 | 3, 0);
  h.writeUInt16BE(type, 2);
  h.writeUInt32BE(((flags & 0xff) << 24 | payload.length) >>> 0, 4);
  return Buffer.concat([h, payload]);
}

export function dataFrame(streamId: number, flags: number, data: Buffer): Buffer {
  const h = Buffer.alloc(8);
  h.writeUInt32BE(streamId & 0x7fffffff, 0);
  h.writeUInt32BE(((flags & 0xff) << 24 | data.length) >>> 0, 4);
  return Buffer.concat([h, data]);
}

/** Split complete frames off the front of `buf`; returns them and what is left. */
export function parseFrames(buf: Buffer): { frames: Frame[]; rest: Buffer } {
  const frames: Frame[] = [];
  let off = 0;
  while (buf.length - off >= 8) {
    const w0 = buf.readUInt32BE(off);
    const w1 = buf.readUInt32BE(off + 4);
    const len = w1 & 0xffffff;
    if (buf.length - off < 8 + len) break;
    const body = buf.subarray(off + 8, off + 8 + len);
    if (w0 & 0x80000000) frames.push({ control: true, type: w0 & 0xffff, flags: w1 >>> 24, payload: body });
    else frames.push({ control: false, streamId: w0 & 0x7fffffff, flags: w1 >>> 24, data: body });
    off += 8 + len;
  }
  return { frames, rest: buf.subarray(off) };
}

function encodeHeaderPairs(h: SpdyHeaders): Buffer {
  const parts: Buffer[] = [];
  const n = Buffer.alloc(4);
  const names = Object.keys(h);
  n.writeUInt32BE(names.length, 0);
  parts.push(n);
  for (const name of names) {
    for (const s of [name.toLowerCase(), h[name].join('\0')]) {
      const b = Buffer.from(s, 'utf8');
      const l = Buffer.alloc(4);
      l.writeUInt32BE(b.length, 0);
      parts.push(l, b);
    }
  }
  return Buffer.concat(parts);
}

export function decodeHeaderPairs(b: Buffer): SpdyHeaders {
  const h: SpdyHeaders = {};
  let off = 0;
  const u32 = () => { if (off + 4 > b.length) throw new Error('short header block'); const v = b.readUInt32BE(off); off += 4; return v; };
  const str = () => { const l = u32(); if (off + l > b.length) throw new Error('short header block'); const s = b.toString('utf8', off, off + l); off += l; return s; };
  const count = u32();
  for (let i = 0; i < count; i++) {
    const name = str().toLowerCase();
    const values = str().split('\0');
    (h[name] ??= []).push(...values);
  }
  return h;
}

/** Our side of the header compression: stored (uncompressed) deflate blocks in one zlib stream. */
export class HeaderBlockWriter {
  private started = false;
  encode(h: SpdyHeaders): Buffer {
    let raw = encodeHeaderPairs(h);
    const parts: Buffer[] = [];
    if (!this.started) { parts.push(Buffer.from([0x78, 0x01])); this.started = true; }
    do {
      const chunk = raw.subarray(0, 0xffff);
      raw = raw.subarray(chunk.length);
      const hdr = Buffer.alloc(5);
      hdr[0] = 0; // BFINAL 0, BTYPE 00 (stored); the stream never ends
      hdr.writeUInt16LE(chunk.length, 1);
      hdr.writeUInt16LE(~chunk.length & 0xffff, 3);
      parts.push(hdr, chunk);
    } while (raw.length);
    // An empty stored block ends each header block, as a sync flush does: Go's inflater hands
    // out a stored block's bytes only when the next block starts, and must not need to read
    // past this frame to find it.
    parts.push(Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]));
    return Buffer.concat(parts);
  }
}

/** The peer's side: one inflater with the SPDY dictionary for the whole connection. */
export class HeaderBlockReader {
  private z = createInflate({ dictionary: SPDY_DICTIONARY });
  private out: Buffer[] = [];
  private chain: Promise<unknown> = Promise.resolve();
  private failed?: Error;
  private reject?: (e: Error) => void;

  constructor() {
    this.z.on('data', (d: Buffer) => this.out.push(d));
    this.z.on('error', (e: Error) => { this.failed = e; this.reject?.(e); });
  }

  decode(block: Buffer): Promise<SpdyHeaders> {
    const p = this.chain.then(() => new Promise<SpdyHeaders>((resolve, reject) => {
      if (this.failed) { reject(this.failed); return; }
      this.reject = reject;
      this.z.write(block);
      this.z.flush(zc.Z_SYNC_FLUSH, () => {
        this.reject = undefined;
        if (this.failed) { reject(this.failed); return; }
        const b = Buffer.concat(this.out);
        this.out = [];
        try { resolve(decodeHeaderPairs(b)); } catch (e) { reject(e as Error); }
      });
    }));
    this.chain = p.catch(() => undefined);
    return p;
  }

  close(): void { this.z.close(); }
}

// ---- streams and the connection -----------------------------------------------------------------

export class SpdyStream {
  private buffered: Buffer[] = [];
  private ended = false;
  private handlers?: { data(chunk: Buffer): void; end(): void };
  /** we sent FIN (or RST) */
  localClosed = false;
  /** the peer sent FIN (or RST), or the connection went away */
  remoteClosed = false;
  replied = false;

  constructor(readonly conn: SpdyConnection, readonly id: number, readonly headers: SpdyHeaders) {}

  header(name: string): string | undefined { return this.headers[name.toLowerCase()]?.[0]; }

  /** Receive the peer's data and its end (FIN, RST, connection closed); data that came before is delivered first. */
  consume(data: (chunk: Buffer) => void, end: () => void): void {
    this.handlers = { data, end };
    for (const b of this.buffered.splice(0)) data(b);
    if (this.ended) end();
  }

  /** SYN_REPLY: accept a stream the peer opened. */
  reply(headers: SpdyHeaders = {}, fin = false): void {
    if (this.replied) return;
    this.replied = true;
    this.conn.sendControl(SYN_REPLY, fin ? FLAG_FIN : 0, Buffer.concat([u32(this.id), this.conn.headerWriter.encode(headers)]));
    if (fin) this.localClosed = true;
  }

  write(data: Buffer | string): void {
    if (this.localClosed || this.conn.closed) return;
    let b = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    while (b.length) {
      const chunk = b.subarray(0, MAX_DATA);
      b = b.subarray(chunk.length);
      this.conn.sendRaw(dataFrame(this.id, 0, chunk));
    }
  }

  /** Half-close: an empty DATA frame with FIN. */
  end(): void {
    if (this.localClosed) return;
    this.localClosed = true;
    if (!this.conn.closed) this.conn.sendRaw(dataFrame(this.id, FLAG_FIN, Buffer.alloc(0)));
    this.conn.maybeForget(this);
  }

  reset(status = RST_CANCEL): void {
    if (!this.conn.closed && !(this.localClosed && this.remoteClosed)) this.conn.sendControl(RST_STREAM, 0, Buffer.concat([u32(this.id), u32(status)]));
    this.localClosed = true;
    this.remoteEnd();
  }

  /** @internal */ remoteData(b: Buffer): void {
    if (this.remoteClosed || !b.length) return;
    if (this.handlers) this.handlers.data(b); else this.buffered.push(b);
  }

  /** @internal */ remoteEnd(): void {
    if (this.remoteClosed) return;
    this.remoteClosed = true;
    this.ended = true;
    this.handlers?.end();
    this.conn.maybeForget(this);
  }
}

const u32 = (n: number) => { const b = Buffer.alloc(4); b.writeUInt32BE(n >>> 0, 0); return b; };

export interface SpdyConnectionOptions {
  /** bytes to the peer */
  write(b: Buffer): void;
  /** server: streams the peer opens have odd ids, ours even (and pings likewise) */
  server: boolean;
  /** a stream the peer opened (reply() to accept it, reset() to refuse) */
  onStream?(s: SpdyStream): void;
  /** the peer said GOAWAY, or sent something we cannot read: the caller closes the transport */
  onGoAway?(): void;
}

export class SpdyConnection {
  readonly headerWriter = new HeaderBlockWriter();
  private headerReader = new HeaderBlockReader();
  private buf: Buffer = Buffer.alloc(0);
  private chain: Promise<void> = Promise.resolve();
  private streams = new Map<number, SpdyStream>();
  private nextId: number;
  closed = false;

  constructor(private opts: SpdyConnectionOptions) {
    this.nextId = opts.server ? 2 : 1;
  }

  get openStreams(): number { return this.streams.size; }

  /** @internal */ sendRaw(b: Buffer): void { if (!this.closed) this.opts.write(b); }
  /** @internal */ sendControl(type: number, flags: number, payload: Buffer): void { this.sendRaw(controlFrame(type, flags, payload)); }
  /** @internal */ maybeForget(s: SpdyStream): void { if (s.localClosed && s.remoteClosed) this.streams.delete(s.id); }

  /** Bytes from the peer. */
  feed(chunk: Buffer): void {
    if (this.closed) return;
    this.buf = this.buf.length ? Buffer.concat([this.buf, chunk]) : chunk;
    const { frames, rest } = parseFrames(this.buf);
    this.buf = Buffer.from(rest);
    for (const f of frames) this.chain = this.chain.then(() => this.handle(f)).catch(() => this.protocolError());
  }

  /** Open a stream (the client's role). */
  openStream(headers: SpdyHeaders, fin = false): SpdyStream {
    const id = this.nextId;
    this.nextId += 2;
    const s = new SpdyStream(this, id, headers);
    this.streams.set(id, s);
    // stream id, associated-to 0, priority 0 and slot 0, then the header block
    this.sendControl(SYN_STREAM, fin ? FLAG_FIN : 0, Buffer.concat([u32(id), u32(0), Buffer.from([0, 0]), this.headerWriter.encode(headers)]));
    if (fin) s.localClosed = true;
    return s;
  }

  /** GOAWAY: no more streams (what spdystream's Close sends). */
  goAway(): void {
    const last = [...this.streams.keys()].filter((id) => (id % 2 === 1) === this.opts.server).reduce((a, b) => Math.max(a, b), 0);
    this.sendControl(GOAWAY, 0, Buffer.concat([u32(last), u32(0)]));
  }

  /** The transport is gone: every stream ends. */
  destroy(): void {
    if (this.closed) return;
    this.closed = true;
    for (const s of [...this.streams.values()]) { s.localClosed = true; s.remoteEnd(); }
    this.streams.clear();
    this.headerReader.close();
  }

  private protocolError(): void {
    if (this.closed) return;
    this.sendControl(GOAWAY, 0, Buffer.concat([u32(0), u32(1)]));
    this.opts.onGoAway?.();
  }

  private async handle(f: Frame): Promise<void> {
    if (this.closed) return;
    if (!f.control) {
      const s = this.streams.get(f.streamId);
      if (!s) return; // gone away already: spdystream ignores such frames too
      s.remoteData(f.data);
      if (f.flags & FLAG_FIN) s.remoteEnd();
      return;
    }
    const p = f.payload;
    switch (f.type) {
      case SYN_STREAM: {
        const id = p.readUInt32BE(0) & 0x7fffffff;
        const headers = await this.headerReader.decode(p.subarray(10));
        if (this.closed) return;
        if (id === 0 || this.streams.has(id) || (id % 2 === 1) !== this.opts.server) {
          this.sendControl(RST_STREAM, 0, Buffer.concat([u32(id), u32(RST_PROTOCOL_ERROR)]));
          return;
        }
        const s = new SpdyStream(this, id, headers);
        this.streams.set(id, s);
        if (f.flags & FLAG_FIN) s.remoteEnd();
        if (this.opts.onStream) this.opts.onStream(s); else s.reset(RST_REFUSED_STREAM);
        return;
      }
      case SYN_REPLY: case HEADERS: {
        const id = p.readUInt32BE(0) & 0x7fffffff;
        await this.headerReader.decode(p.subarray(4));
        const s = this.streams.get(id);
        if (!s) return;
        s.replied = true;
        if (f.flags & FLAG_FIN) s.remoteEnd();
        return;
      }
      case RST_STREAM: {
        const s = this.streams.get(p.readUInt32BE(0) & 0x7fffffff);
        if (s) { s.localClosed = true; s.remoteEnd(); }
        return;
      }
      case PING: {
        // Answer the peer's pings (client ids are odd, server ids even); ours come back.
        const id = p.readUInt32BE(0);
        if ((id % 2 === 0) === !this.opts.server) this.sendControl(PING, 0, p.subarray(0, 4));
        return;
      }
      case GOAWAY:
        this.opts.onGoAway?.();
        return;
      default:
        return; // SETTINGS, WINDOW_UPDATE, CREDENTIAL: nothing to do
    }
  }
}
