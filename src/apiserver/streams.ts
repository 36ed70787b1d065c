// The API server's streaming subresources of pods, for `kubesim serve`: exec and attach
// (remotecommand.ts), portforward (portforward-stream.ts) over WebSocket or SPDY, and log
// (podlog.ts). The server authenticates, then hands upgrade requests to handleStreamUpgrade
// and ordinary requests to handleLog; each says whether the path was one of its own.
import type * as http from 'node:http';
import type * as stream from 'node:stream';
import type { Api } from '../api/server';
import type { Store } from '../store/db';
import type { DataPlaneHost } from '../network/host';
import { badRequest, statusJson } from './stream-status';

export interface StreamEnv {
  api: Api;
  store: Store;
  host: DataPlaneHost;
  /** let the control plane catch up (pods start, containers finish) */
  refresh(): void;
}

const PATH = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)\/(exec|attach|portforward|log)\/?$/;

function route(req: http.IncomingMessage): { ns: string; name: string; sub: string; q: URLSearchParams } | undefined {
  const u = new URL(req.url ?? '/', 'http://localhost');
  const m = PATH.exec(u.pathname);
  if (!m) return undefined;
  try {
    return { ns: decodeURIComponent(m[1]), name: decodeURIComponent(m[2]), sub: m[3], q: u.searchParams };
  } catch { return undefined; }
}

/** exec, attach and portforward: an upgrade request (WebSocket, or SPDY for port-forward).
 *  Returns false when the path is not one of them (the socket is left alone). */
export function handleStreamUpgrade(req: http.IncomingMessage, socket: stream.Duplex, head: Buffer, env: StreamEnv): boolean {
  const r = route(req);
  if (!r || r.sub === 'log') return false;
  socket.on('error', () => socket.destroy());
  try {
    if (r.sub === 'portforward') (require('./portforward-stream') as typeof import('./portforward-stream')).servePortForward(req, socket, head, env, r.ns, r.name, r.q);
    else (require('./remotecommand') as typeof import('./remotecommand')).serveRemoteCommand(r.sub as 'exec' | 'attach', req, socket, head, env, r.ns, r.name, r.q);
  } catch (e) {
    const { writeHttpResponse } = require('./websocket') as typeof import('./websocket');
    const msg = String((e as Error)?.message ?? e);
    writeHttpResponse(socket, 500, statusJson({ reason: 'InternalError', message: `Internal error occurred: ${msg}`, code: 500, details: { causes: [{ message: msg }] } }));
  }
  return true;
}

/** GET pods/NAME/log. Also answers exec/attach/portforward requests that did not ask to upgrade
 *  (400 "Upgrade request required", as the API server does). Returns false for any other path. */
export function handleLog(req: http.IncomingMessage, res: http.ServerResponse, env: StreamEnv): boolean {
  const r = route(req);
  if (!r) return false;
  if (r.sub !== 'log') {
    const body = statusJson(badRequest('Upgrade request required'));
    res.writeHead(400, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-cache, private' });
    res.end(body);
    return true;
  }
  (require('./podlog') as typeof import('./podlog')).servePodLog(req, res, env, r.ns, r.name, r.q);
  return true;
}
