// WebSocket for the streaming subresources (exec, attach, port-forward), with the `ws` package:
// the handshake (key, version, subprotocol negotiation), framing, masking, fragmentation, ping/
// pong and the closing handshake are exactly what a hand-written one gets subtly wrong, and
// `ws` is small, dependency-free and the one every Node WebSocket server uses.
// permessage-deflate stays off: the API server does not negotiate it either.
//
// On top of it, the channel protocols of k8s.io/apimachinery wsstream: every message starts with
// a channel byte (v4.channel.k8s.io, v5.channel.k8s.io, channel.k8s.io), or with the channel as
// an ASCII digit and a base64 payload in a text message (*.base64.channel.k8s.io).
import type * as http from 'node:http';
import type * as stream from 'node:stream';
import type { WebSocket, WebSocketServer } from 'ws';

let server: WebSocketServer | undefined;

/** wsstream.IsWebSocketRequest: `Upgrade: websocket` and a Connection header naming upgrade. */
export function isWebSocketRequest(req: http.IncomingMessage): boolean {
  if ((req.headers.upgrade ?? '').toLowerCase() !== 'websocket') return false;
  return /(^|.*,\s*)upgrade($|\s*,)/.test(String(req.headers.connection ?? '').toLowerCase());
}

/** The subprotocols the client offered, in its order. */
export function offeredProtocols(req: http.IncomingMessage): string[] {
  const h = req.headers['sec-websocket-protocol'];
  const all = (Array.isArray(h) ? h.join(',') : h ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  return all;
}

/** wsstream's handshake: the first protocol the client offered that the server allows ("" when it
 *  offered none and "" is allowed); undefined when none matches. */
export function negotiate(req: http.IncomingMessage, allowed: string[]): string | undefined {
  const offered = offeredProtocols(req);
  for (const p of offered.length ? offered : ['']) if (allowed.includes(p)) return p;
  return undefined;
}

/** Complete the WebSocket handshake with the negotiated subprotocol. */
export function acceptWebSocket(req: http.IncomingMessage, socket: stream.Duplex, head: Buffer, protocol: string): Promise<WebSocket> {
  if (!server) {
    const { WebSocketServer: WSS } = require('ws') as typeof import('ws');
    server = new WSS({ noServer: true, perMessageDeflate: false, clientTracking: false, maxPayload: 64 * 1024 * 1024,
      handleProtocols: (_offered, r) => ((r as any).kubesimProtocol || false) });
  }
  (req as any).kubesimProtocol = protocol;
  // `ws` checks the offered subprotocols against RFC 7230's token syntax, which kubectl's
  // `SPDY/3.1+portforward.k8s.io` does not pass ('/' is a separator): the choice was made above,
  // so `ws` sees a plain token and answers with the chosen protocol as it is.
  if (req.headers['sec-websocket-protocol'] !== undefined) req.headers['sec-websocket-protocol'] = 'k8s';
  return new Promise((resolve) => server!.handleUpgrade(req, socket, head, (ws) => resolve(ws)));
}

/** A plain HTTP answer on a socket that was to be upgraded (errors before the handshake). */
export function writeHttpResponse(socket: stream.Duplex, code: number, body: string, contentType = 'application/json'): void {
  const { STATUS_CODES } = require('node:http') as typeof import('node:http');
  const b = Buffer.from(body, 'utf8');
  socket.end(`HTTP/1.1 ${code} ${STATUS_CODES[code] ?? ''}\r\nCache-Control: no-cache, private\r\nContent-Type: ${contentType}\r\n` +
    `Content-Length: ${b.length}\r\nConnection: close\r\n\r\n${body}`);
}

/** A multiplexed channel connection over one WebSocket (wsstream.Conn). */
export class ChannelSocket {
  readonly base64: boolean;
  private closedHandlers: (() => void)[] = [];
  closed = false;

  constructor(readonly ws: WebSocket, readonly protocol: string, onMessage: (channel: number, data: Buffer) => void) {
    this.base64 = protocol.includes('base64.');
    ws.on('message', (raw: Buffer | ArrayBuffer | Buffer[], isBinary: boolean) => {
      let data = Array.isArray(raw) ? Buffer.concat(raw) : Buffer.isBuffer(raw) ? raw : Buffer.from(raw);
      if (!data.length) return;
      let channel = data[0];
      if (this.base64) {
        if (isBinary) return;
        channel = channel - 48;
        data = Buffer.from(data.subarray(1).toString('latin1'), 'base64');
      } else data = data.subarray(1);
      onMessage(channel, data);
    });
    const closed = () => {
      if (this.closed) return;
      this.closed = true;
      for (const h of this.closedHandlers.splice(0)) h();
    };
    ws.on('close', closed);
    ws.on('error', () => { closed(); ws.terminate(); });
  }

  onClose(h: () => void): void { if (this.closed) h(); else this.closedHandlers.push(h); }

  send(channel: number, data: Buffer | string = Buffer.alloc(0)): void {
    if (this.closed) return;
    const b = typeof data === 'string' ? Buffer.from(data, 'utf8') : data;
    if (this.base64) this.ws.send(String.fromCharCode(48 + channel) + b.toString('base64'), { binary: false });
    else this.ws.send(Buffer.concat([Buffer.from([channel]), b]), { binary: true });
  }

  /** Close with 1000 (normal), as the API server's Conn.Close does. */
  close(): void {
    if (this.closed) return;
    this.ws.close(1000);
  }
}
