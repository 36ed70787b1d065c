// One real TCP connection from the host answered by a pod's app (port-forward, the host's
// NodePort/LoadBalancer listeners): the first bytes decide what the app would see. A TLS port
// terminates real TLS with the certificate and key the app is configured with (Node's tls,
// over the socket) and answers plain HTTP with its 400; a plain port answers a TLS ClientHello
// (or other bytes that are not HTTP) with its 400 and closes, so a client fails at once
// (curl: `wrong version number`) instead of waiting for a request that never ends.
import type { Socket } from 'node:net';
import type { KObject } from '../api/types';
import type { DataPlaneHost } from './host';
import { Listener, serveHttp, serveRaw, listenerTls, plainHttpToTls, garbageToHttp } from './apps';
import { HttpRequest, HttpResponse } from './http';
import { serveHttpBuffer, wireResponse } from './portforward';

export interface AppConnection {
  host: DataPlaneHost;
  /** the pod as it is now (port-forward follows the pod; host listeners pick one per connection) */
  pod: () => KObject;
  listener: Listener;
  /** the client as the app sees it */
  peer: { ip: string; port: number };
  /** the address the app was reached on */
  local: { ip: string; port: number };
  /** serve the request (default: the app); host listeners wrap it to log or trace */
  serve?: (req: HttpRequest) => HttpResponse;
}

const looksLikeHttp = (b: Buffer) => /^[A-Z]{3,10} /.test(b.subarray(0, 11).toString('latin1')) || /^[A-Z]{1,10}$/.test(b.toString('latin1'));

/** Answer a connection accepted on the host. */
export function serveAppConnection(sock: Socket, c: AppConnection): void {
  const l = c.listener;
  const ctx = () => ({ host: c.host, pod: c.pod(), now: c.host.now() });
  const serve = c.serve ?? ((req: HttpRequest) => serveHttp(l, req, ctx()));
  const closeWith = (res: HttpResponse) => { sock.end(wireResponse(res, false)); };
  sock.once('data', (first: Buffer) => {
    if (l.wire !== 'http' && l.wire !== 'https') {
      const raw = serveRaw(l, c.peer, ctx());
      if (raw) sock.write(raw);
      sock.end();
      return;
    }
    const isTls = first[0] === 0x16;
    if (l.wire === 'http') {
      if (isTls || !looksLikeHttp(first)) { closeWith(garbageToHttp(l, c.host.now())); return; }
      plainHttp(sock, first, serve, c);
      return;
    }
    // wire https
    if (!isTls) { closeWith(plainHttpToTls(l, c.host.now())); return; }
    const creds = listenerTls(l, { pod: c.pod(), host: c.host });
    if (!creds) { sock.destroy(); return; }
    const tls = require('node:tls') as typeof import('node:tls');
    const { Duplex } = require('node:stream') as typeof import('node:stream');
    // the bytes already read go first: the TLS layer reads a stream, not the socket's handle
    const inner = new Duplex({
      read() { sock.resume(); },
      write(chunk, _enc, cb) { if (sock.writable) sock.write(chunk, cb); else cb(); },
      final(cb) { sock.end(); cb(); },
      destroy(err, cb) { sock.destroy(); cb(err); },
    });
    inner.push(first);
    sock.on('data', (d: Buffer) => { if (!inner.push(d)) sock.pause(); });
    sock.on('end', () => inner.push(null));
    sock.on('close', () => inner.destroy());
    let secure: import('node:tls').TLSSocket;
    try {
      secure = new tls.TLSSocket(inner as any, { isServer: true, secureContext: tls.createSecureContext({ cert: creds.cert, key: creds.key }) });
    } catch {
      sock.destroy();
      return;
    }
    secure.on('error', () => { secure.destroy(); sock.destroy(); });
    let buf: Buffer = Buffer.alloc(0);
    secure.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      buf = serveHttpBuffer(secure as unknown as Socket, buf, serve, c.peer, c.local);
    });
  });
}

function plainHttp(sock: Socket, first: Buffer, serve: (req: HttpRequest) => HttpResponse, c: AppConnection): void {
  let buf: Buffer = Buffer.alloc(0);
  const feed = (d: Buffer) => {
    buf = Buffer.concat([buf, d]);
    buf = serveHttpBuffer(sock, buf, serve, c.peer, c.local);
  };
  sock.on('data', feed);
  feed(first);
}
