// The request path of `kubesim serve`: health and version (open to anyone, as the API server's
// system:public-info-viewer role makes them), authentication (the client certificate signed by
// the CA kubesim made, or its bearer token; otherwise 401), then the streaming subresources
// (src/apiserver/streams.ts, when built), discovery, OpenAPI, reviews and the resources.
import type * as http from 'http';
import type * as net from 'net';
import type { TLSSocket } from 'tls';
import { Ctx, send, sendError, negotiate, notFoundPath, StatusError } from './respond';
import { apiVersions, apiGroupList, apiGroup, groupVersions, resourceList, aggregatedDiscovery } from '../api/discovery';
import { parseTarget, handleResource, notAcceptable } from './rest';
import { handleReview } from './reviews';
import { openapiRoot, openapiDocument } from './openapi';
import type { ServerEnv, StreamsEnv } from './env';

export const MAX_BODY = 3 * 1024 * 1024;

export const VERSION_INFO = {
  major: '1', minor: '32', gitVersion: 'v1.32.2', gitCommit: '67a30c0adcf52bd3f56ff0893ce19966be12991f', gitTreeState: 'clean',
  buildDate: '2025-02-25T04:54:54Z', goVersion: 'go1.23.6', compiler: 'gc', platform: 'linux/amd64',
};

interface StreamsModule {
  handleStreamUpgrade(req: http.IncomingMessage, socket: net.Socket, head: Buffer, env: StreamsEnv): boolean;
  handleLog(req: http.IncomingMessage, res: http.ServerResponse, env: StreamsEnv): boolean;
}
let streamsMod: StreamsModule | null | undefined;
/** src/apiserver/streams.ts (exec, attach, port-forward, logs), if this build has it. */
export function streams(): StreamsModule | null {
  if (streamsMod !== undefined) return streamsMod;
  try {
    const m = require('./streams');
    streamsMod = typeof m?.handleStreamUpgrade === 'function' && typeof m?.handleLog === 'function' ? m : null;
  } catch { streamsMod = null; }
  return streamsMod ?? null;
}

export interface Auth { token: string }

export function authenticated(req: http.IncomingMessage, auth: Auth): boolean {
  // A resumed TLS session reports `authorized` without any client certificate: require one.
  const sock = req.socket as TLSSocket;
  if (sock.authorized && sock.getPeerCertificate?.()?.raw) return true;
  const h = req.headers.authorization ?? '';
  return h === `Bearer ${auth.token}`;
}

export const UNAUTHORIZED = { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'Unauthorized', reason: 'Unauthorized', code: 401 };

const HEALTH = new Set(['/healthz', '/livez', '/readyz']);

export function createHandler(env: ServerEnv, auth: Auth, log?: (line: string) => void) {
  return (req: http.IncomingMessage, res: http.ServerResponse): void => {
    const started = process.hrtime.bigint();
    const url = new URL(req.url ?? '/', 'https://kubesim');
    const ctx: Ctx = { req, res, query: url.searchParams, warnings: [] };
    if (log) {
      res.on('finish', () => {
        const ms = Number(process.hrtime.bigint() - started) / 1e6;
        log(`"HTTP" verb="${req.method}" URI="${req.url}" latency="${ms.toFixed(3)}ms" userAgent="${req.headers['user-agent'] ?? ''}" srcIP="${req.socket.remoteAddress}:${req.socket.remotePort}" resp=${res.statusCode}`);
      });
    }
    try {
      route(env, auth, ctx, url.pathname);
    } catch (e) {
      sendError(ctx, e);
    }
  };
}

function route(env: ServerEnv, auth: Auth, ctx: Ctx, path: string): void {
  const { req, res } = ctx;
  const base = path.replace(/\/+$/, '') || '/';
  if (HEALTH.has(base) || /^\/(healthz|livez|readyz)\/[a-z-]+$/.test(base)) {
    if (req.method !== 'GET' && req.method !== 'HEAD') throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
    const verbose = ctx.query.has('verbose');
    const body = verbose ? `[+]ping ok\n[+]log ok\n[+]etcd ok\n${base.slice(1)} check passed\n` : 'ok';
    res.writeHead(200, { 'Audit-Id': crypto.randomUUID(), 'Cache-Control': 'no-cache, private', 'Content-Type': 'text/plain; charset=utf-8', 'X-Content-Type-Options': 'nosniff', 'Content-Length': String(body.length) });
    res.end(req.method === 'HEAD' ? undefined : body);
    return;
  }
  if (base === '/version') return send(ctx, 200, VERSION_INFO, { wire: 'json' });
  if (!authenticated(req, auth)) return send(ctx, 401, UNAUTHORIZED, { wire: 'json' });
  const segs = base.split('/').slice(1);
  const s = streams();
  // pods/NAME/log, and the 400 "Upgrade request required" of exec/attach/portforward without an upgrade
  if (s && s.handleLog(req, res, env)) return;
  if (req.method === 'POST' || req.method === 'PUT' || req.method === 'PATCH' || req.method === 'DELETE') {
    const declared = Number(req.headers['content-length'] ?? 0);
    if (declared > MAX_BODY) { tooLarge(ctx); req.resume(); return; }
    const chunks: Buffer[] = [];
    let size = 0;
    let over = false;
    req.on('data', (c: Buffer) => {
      if (over) return;
      size += c.length;
      if (size > MAX_BODY) { over = true; tooLarge(ctx); return; }
      chunks.push(c);
    });
    req.on('end', () => {
      if (over) return;
      try { dispatch(env, ctx, segs, base, Buffer.concat(chunks)); } catch (e) { sendError(ctx, e); }
    });
    return;
  }
  dispatch(env, ctx, segs, base, undefined);
}

function tooLarge(ctx: Ctx): void {
  sendError(ctx, new StatusError(413, 'RequestEntityTooLarge', `Request entity too large: limit is ${MAX_BODY}`));
}

function dispatch(env: ServerEnv, ctx: Ctx, segs: string[], path: string, body: Buffer | undefined): void {
  const m = ctx.req.method;
  const isGet = m === 'GET' || m === 'HEAD';
  if (path === '/api' || path === '/apis') {
    if (!isGet) throw new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
    const neg = negotiate(ctx.req.headers.accept);
    if (!neg) throw notAcceptable();
    if (neg.discoveryV2) {
      return send(ctx, 200, aggregatedDiscovery(path === '/api'), { wire: neg.wire, contentType: `application/${neg.wire};g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList` });
    }
    return send(ctx, 200, path === '/api' ? apiVersions(`${ctx.req.socket.localAddress?.replace(/^::ffff:/, '')}:${ctx.req.socket.localPort}`) : apiGroupList(), { wire: neg.wire });
  }
  if (segs[0] === 'openapi') {
    if (!isGet) throw notFoundPath();
    if (segs[1] === 'v3' && segs.length === 2) return send(ctx, 200, openapiRoot(), { wire: 'json' });
    if (segs[1] === 'v3') {
      const doc = openapiDocument(segs.slice(2).join('/'));
      if (doc) return send(ctx, 200, doc, { wire: 'json' });
    }
    throw notFoundPath();
  }
  if (segs[0] === 'apis' && segs.length === 2) {
    const g = groupVersions().find((x) => x.group === segs[1]);
    if (!g) throw notFoundPath();
    return send(ctx, 200, { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g) });
  }
  if ((segs[0] === 'api' && segs.length === 2) || (segs[0] === 'apis' && segs.length === 3)) {
    const rl = segs[0] === 'api' ? (segs[1] === 'v1' ? resourceList('', 'v1') : undefined) : resourceList(segs[1], segs[2]);
    if (!rl) throw notFoundPath();
    return send(ctx, 200, rl);
  }
  if (segs[0] === 'api' && segs[1] === 'v1' && segs[2] === 'namespaces' && (segs[4] === 'pods' || segs[4] === 'services') && segs[6] === 'proxy') {
    return proxySubresource(env, ctx, body);
  }
  const t = parseTarget(segs);
  if (t === 'review') return handleReview(env, ctx, segs, body);
  if (!t) throw notFoundPath();
  handleResource(env, ctx, t, body);
}

/** pods/NAME/proxy and services/NAME/proxy: to the pod's app, as `kubectl proxy` reaches it
 *  (src/network/apiproxy.ts answers these for kubesim's own proxy). */
function proxySubresource(env: ServerEnv, ctx: Ctx, body: Buffer | undefined): void {
  env.refresh();
  const { apiProxyHandler } = require('../network/apiproxy') as typeof import('../network/apiproxy');
  const handler = apiProxyHandler(env.host, { apiPrefix: '/', resourceVersion: () => String(env.store.maxRv()) });
  const { req, res } = ctx;
  const headers: [string, string][] = [];
  for (let i = 0; i < req.rawHeaders.length; i += 2) headers.push([req.rawHeaders[i], req.rawHeaders[i + 1]]);
  const r = handler({
    method: req.method ?? 'GET', target: req.url ?? '/', version: 'HTTP/1.1', headers, body: body ? body.toString('utf8') : '',
    remote: { ip: req.socket.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1', port: req.socket.remotePort ?? 0 },
    local: { ip: req.socket.localAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1', port: req.socket.localPort ?? 0 },
  });
  const out: Record<string, string | string[]> = {};
  for (const [k, v] of r.headers) {
    if (/^(content-length|transfer-encoding|connection|date)$/i.test(k)) continue;
    out[k] = out[k] === undefined ? v : ([] as string[]).concat(out[k], v);
  }
  res.writeHead(r.status, out);
  res.end(req.method === 'HEAD' ? undefined : r.body);
}
