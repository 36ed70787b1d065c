// kubectl get --raw PATH: what the API server answers for PATH, printed as it sends it (kubectl
// copies the body to stdout), or its Status as an error. The answer comes from the API server's
// own request handler (src/apiserver/handler.ts), called in this process with a request and a
// response that never touch a socket: the same discovery, OpenAPI, health, resources and errors
// as `kubesim serve`, with no HTTP and no listener.
import type { Parsed } from './flags';
import { out, err } from './io';
import { CliError } from '../api/types';
import { session } from './session';

/** url.ParseRequestURI's refusal: a path must be absolute (or the URL have a scheme). */
function checkUri(raw: string): void {
  if (raw.startsWith('/') || /^[a-zA-Z][a-zA-Z0-9+.-]*:/.test(raw)) return;
  throw new CliError(`--raw must be a valid URL path: parse ${JSON.stringify(raw)}: invalid URI for request`);
}

/** The handler's answer to one GET, from fake request/response objects. A successful answer is
 *  written out as it comes (a watch streams its events until interrupted); an error is kept. */
function request(path: string): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  const s = session();
  s.catchUp();
  const { createHandler } = require('../apiserver/handler') as typeof import('../apiserver/handler');
  const { WatchHub } = require('../apiserver/watch') as typeof import('../apiserver/watch');
  const { dataPlaneHost } = require('./dataplane-host') as typeof import('./dataplane-host');
  let hub: InstanceType<typeof WatchHub> | undefined;
  const env = {
    api: s.api, store: s.store,
    get host() { return dataPlaneHost(s); },
    get hub() { return (hub ??= new WatchHub(s.api, s.store)); },
    refresh: () => s.catchUp(),
    write: <T>(fn: (api: typeof s.api) => T): T => s.write(fn),
  };
  // the API server's address as kind's clients see it: the control plane node, port 6443
  const cp = s.api.list('Node').find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined);
  const localAddress = cp?.status?.addresses?.find((a: any) => a.type === 'InternalIP')?.address ?? '127.0.0.1';
  const socket = { authorized: true, getPeerCertificate: () => ({ raw: Buffer.alloc(1) }), localAddress, localPort: 6443, remoteAddress: '127.0.0.1', remotePort: 0 };
  const headers = { accept: 'application/json, */*', 'user-agent': 'kubectl/v1.32.2 (linux/amd64) kubernetes/67a30c0', host: `${localAddress}:6443` };
  const req: any = { method: 'GET', url: path, headers, rawHeaders: Object.entries(headers).flat(), socket, on() { return req; }, resume() { /* no body */ } };
  const result = { status: 0, headers: {} as Record<string, unknown>, body: '' };
  return new Promise((resolve) => {
    const ok = () => result.status >= 200 && result.status < 300;
    const take = (c: string | Buffer) => { const t = c.toString(); if (ok()) out(t); else result.body += t; };
    const res: any = {
      headersSent: false,
      statusCode: 200,
      writeHead(status: number, h?: Record<string, unknown>) { result.status = status; res.statusCode = status; Object.assign(result.headers, h ?? {}); res.headersSent = true; return res; },
      flushHeaders() { /* nothing to flush */ },
      setHeader(k: string, v: unknown) { result.headers[k] = v; },
      getHeader(k: string) { return result.headers[k]; },
      write(c: string | Buffer) { if (!result.status) result.status = res.statusCode; take(c); return true; },
      end(c?: string | Buffer) { if (!result.status) result.status = res.statusCode; if (c !== undefined) take(c); res.ended = true; resolve(result); },
      ended: false,
      on() { return res; },
      once() { return res; },
      writableEnded: false,
      destroyed: false,
    };
    createHandler(env as any, { token: '' })(req, res);
    // a watch stays open: the control plane runs on a timer meanwhile, as under `kubesim serve`
    if (result.status && !res.ended) setInterval(() => { try { s.catchUp(); } catch { /* busy: next time */ } }, 250);
  });
}

export async function run(p: Parsed): Promise<number> {
  const f = p.flags;
  const raw: string = f.raw;
  if (p.args.length) throw new CliError('arguments may not be passed when --raw is specified');
  if (f.watch || f['watch-only'] || f.selector) throw new CliError('--raw may not be specified with other flags that filter the server request or alter the output');
  if (f.output) throw new CliError('--raw and --output are mutually exclusive');
  checkUri(raw);
  // an absolute URL: its path and query are what the request names
  const path = raw.startsWith('/') ? raw : (() => { const u = new URL(raw); return u.pathname + u.search; })();
  const r = await request(path);
  if (r.status >= 200 && r.status < 300) return 0;
  // a Status: kubectl prints it as an error from the server
  let st: any;
  try { st = JSON.parse(r.body); } catch { st = undefined; }
  if (st?.kind === 'Status') {
    err(`Error from server (${st.reason || 'Unknown'}): ${st.message}\n`);
    return 1;
  }
  err(`Error from server: an error on the server ("${r.body.trim()}") has prevented the request from succeeding\n`);
  return 1;
}
