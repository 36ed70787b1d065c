// kubesim ui: the live picture of the cluster. A small HTTP server on 127.0.0.1 serves the page
// and its script (built ahead of time by esbuild into dist/ui/, no CDN), a snapshot of the
// objects it draws, and a Server-Sent Events stream of changes read from the store's revision
// log and of request trace records. It drives the control plane on a timer (Session.catchUp)
// so that pods finish starting while the page is open. A one-time token in the printed URL (or
// the cookie it sets) is required for every request.
import * as http from 'http';
import * as fs from 'fs';
import * as path from 'path';
import { randomBytes, timingSafeEqual } from 'crypto';
import type { Session } from '../cli/session';
import { UI_KINDS, uiObject, uiKey, UiChange } from './model';
import type { TraceRecord } from '../network/trace';
import indexHtml from './app/index.html';

export interface UiServer { url: string; port: number; token: string; close(): Promise<void> }

const COOKIE = 'kubesim-ui';
const KINDS = new Set<string>(UI_KINDS);

/** Where the built page script lives: dist/ui/ beside the bundle, or under the project root. */
function assetDir(): string | undefined {
  const cands = [process.env.KUBESIM_UI_ASSETS, path.join(__dirname, 'ui')];
  for (let d = __dirname, i = 0; i < 6; i++, d = path.dirname(d)) cands.push(path.join(d, 'dist', 'ui'));
  return cands.find((d) => d && fs.existsSync(path.join(d, 'app.js')));
}

function sameToken(a: string | undefined, token: string): boolean {
  if (!a || a.length !== token.length) return false;
  return timingSafeEqual(Buffer.from(a), Buffer.from(token));
}

function cookieOf(req: http.IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [k, v] = part.trim().split('=');
    if (k === COOKIE) return v;
  }
  return undefined;
}

interface Client { res: http.ServerResponse; }

export async function startUiServer(s: Session, opts: { address?: string; port?: number; pollMs?: number } = {}): Promise<UiServer> {
  const address = opts.address ?? '127.0.0.1';
  const token = randomBytes(16).toString('hex');
  const store = s.store;
  const clients = new Set<Client>();
  let rv = store.maxRv();
  let traceId = store.lastTraceId();

  const snapshot = () => {
    const objects = [];
    for (const kind of UI_KINDS) for (const j of store.listJson(kind)) { const o = uiObject(JSON.parse(j)); if (o) objects.push(o); }
    const traces = store.tracesSince(Math.max(0, store.lastTraceId() - 200), 200).map((r) => ({ ...JSON.parse(r.json), id: r.id }));
    return { rv: store.maxRv(), traceId: store.lastTraceId(), objects, traces };
  };

  const changesSince = (from: number): { rv: number; changes: UiChange[] } => {
    const changes: UiChange[] = [];
    let last = from;
    for (;;) {
      const revs = store.revisionsSince(last, undefined, 2000);
      for (const r of revs) {
        last = r.rv;
        if (!KINDS.has(r.kind)) continue;
        if (r.type === 'DELETED') changes.push({ type: 'DELETED', key: uiKey(r.kind, r.namespace, r.name) });
        else { const o = uiObject(JSON.parse(r.json)); if (o) changes.push({ type: r.type, obj: o }); }
      }
      if (revs.length < 2000) break;
    }
    return { rv: Math.max(last, from), changes };
  };
  const tracesSince = (from: number): { id: number; traces: TraceRecord[] } => {
    const rows = store.tracesSince(from, 1000);
    return { id: rows.length ? rows[rows.length - 1].id : from, traces: rows.map((r) => ({ ...JSON.parse(r.json), id: r.id })) };
  };
  const send = (c: Client, event: string, data: unknown) => c.res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);

  // One poll for all pages: the control plane's timers, then the revision log and the trace.
  let lastCatchUp = 0;
  const poll = () => {
    try {
      if (Date.now() - lastCatchUp >= 500) { lastCatchUp = Date.now(); s.catchUp(); }
    } catch { /* another process holds the write lock: next time */ }
    try {
      const c = changesSince(rv);
      rv = c.rv;
      const t = tracesSince(traceId);
      traceId = t.id;
      for (const cl of clients) {
        if (c.changes.length) send(cl, 'changes', { rv, changes: c.changes });
        if (t.traces.length) send(cl, 'traces', t.traces);
      }
    } catch { /* busy: next time */ }
  };
  const timer = setInterval(poll, opts.pollMs ?? 150);
  const keepAlive = setInterval(() => { for (const cl of clients) cl.res.write(': keep-alive\n\n'); }, 15000);

  const server = http.createServer((req, res) => {
    const u = new URL(req.url ?? '/', 'http://localhost');
    // DNS rebinding: only loopback names in Host.
    const hostName = (req.headers.host ?? '').replace(/:\d+$/, '').replace(/^\[|\]$/g, '');
    if (!['127.0.0.1', 'localhost', '::1', address].includes(hostName)) { res.writeHead(403, { 'Content-Type': 'text/plain' }); res.end('Forbidden\n'); return; }
    const viaQuery = sameToken(u.searchParams.get('token') ?? undefined, token);
    if (!viaQuery && !sameToken(cookieOf(req), token)) {
      res.writeHead(401, { 'Content-Type': 'text/plain; charset=utf-8' });
      res.end('Unauthorized: open the URL kubesim ui printed (it carries a one-time token)\n');
      return;
    }
    const headers: Record<string, string> = { 'Cache-Control': 'no-store', 'X-Content-Type-Options': 'nosniff' };
    if (viaQuery) headers['Set-Cookie'] = `${COOKIE}=${token}; HttpOnly; SameSite=Strict; Path=/`;
    try {
      if (u.pathname === '/' || u.pathname === '/index.html') {
        res.writeHead(200, { ...headers, 'Content-Type': 'text/html; charset=utf-8', 'Content-Security-Policy': "default-src 'self'; style-src 'self' 'unsafe-inline'" });
        res.end(indexHtml);
      } else if (u.pathname === '/app.js') {
        const dir = assetDir();
        if (!dir) { res.writeHead(500, { 'Content-Type': 'text/plain' }); res.end('kubesim ui: dist/ui/app.js is not built (npm run build)\n'); return; }
        res.writeHead(200, { ...headers, 'Content-Type': 'text/javascript; charset=utf-8' });
        res.end(fs.readFileSync(path.join(dir, 'app.js')));
      } else if (u.pathname === '/api/snapshot') {
        res.writeHead(200, { ...headers, 'Content-Type': 'application/json' });
        res.end(JSON.stringify(snapshot()));
      } else if (u.pathname === '/api/events') {
        res.writeHead(200, { ...headers, 'Content-Type': 'text/event-stream', Connection: 'keep-alive' });
        const cl: Client = { res };
        // Catch this page up from the snapshot it read to where the shared poll is; later
        // changes come with everyone's (a change seen twice is applied twice, harmlessly).
        const from = Number(u.searchParams.get('rv') ?? rv);
        const fromTrace = Number(u.searchParams.get('trace') ?? traceId);
        res.write(': connected\n\n');
        if (from < rv) { const c = changesSince(from); if (c.changes.length) send(cl, 'changes', { rv: c.rv, changes: c.changes }); }
        if (fromTrace < traceId) { const t = tracesSince(fromTrace); if (t.traces.length) send(cl, 'traces', t.traces); }
        clients.add(cl);
        req.on('close', () => clients.delete(cl));
      } else if (u.pathname === '/favicon.ico') {
        res.writeHead(204, headers); res.end();
      } else {
        res.writeHead(404, { ...headers, 'Content-Type': 'text/plain' });
        res.end('404 page not found\n');
      }
    } catch (e) {
      if (!res.headersSent) res.writeHead(500, { 'Content-Type': 'text/plain' });
      res.end('Internal Server Error\n');
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port ?? 0, address, () => resolve());
  });
  const port = (server.address() as import('net').AddressInfo).port;
  const host = address.includes(':') ? `[${address}]` : address;
  return {
    url: `http://${host}:${port}/?token=${token}`, port, token,
    close: () => new Promise<void>((resolve) => {
      clearInterval(timer); clearInterval(keepAlive);
      for (const cl of clients) cl.res.end();
      clients.clear();
      server.close(() => resolve());
      server.closeAllConnections?.();
    }),
  };
}

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '::1']);

/** kubesim ui [--address 127.0.0.1] [--port N] */
export async function run(argv: string[]): Promise<number> {
  const { out, err } = require('../cli/io') as typeof import('../cli/io');
  let address = '127.0.0.1';
  let port = 0;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const val = (name: string) => (a.startsWith(name + '=') ? a.slice(name.length + 1) : argv[++i]);
    if (a === '--address' || a.startsWith('--address=')) address = val('--address') ?? '';
    else if (a === '--port' || a.startsWith('--port=') || a === '-p') {
      const v = val(a === '-p' ? '-p' : '--port') ?? '';
      if (!/^\d+$/.test(v) || Number(v) > 65535) { err(`error: invalid argument "${v}" for "--port" flag: strconv.ParseInt: parsing "${v}": invalid syntax\n`); return 1; }
      port = Number(v);
    } else if (a === '-h' || a === '--help') { out('Usage: kubesim ui [--address 127.0.0.1] [--port N]\n\nServe a live picture of the cluster and of the requests its data plane carries.\n'); return 0; }
    else { err(`error: unknown flag: ${a}\n`); return 1; }
  }
  if (!LOOPBACK.has(address)) { err(`error: kubesim ui listens on loopback only (127.0.0.1, ::1, localhost), not ${address}\n`); return 1; }
  const { session } = require('../cli/session') as typeof import('../cli/session');
  let srv: UiServer;
  try { srv = await startUiServer(session(), { address: address === 'localhost' ? '127.0.0.1' : address, port }); } catch (e: any) {
    err(`error: unable to listen on ${address}:${port}: ${e?.code === 'EADDRINUSE' ? 'address already in use' : e?.message ?? e}\n`);
    return 1;
  }
  out(`Serving the cluster picture on ${srv.url}\n`);
  const { exitOnInterrupt } = require('../cli/watch') as typeof import('../cli/watch');
  await new Promise<void>(() => exitOnInterrupt(() => { void srv.close(); }));
  return 0;
}
