// One HTTP exchange from inside a pod (what curl and wget do): resolve the host with the pod's
// resolver, connect through the data plane, send the request to whatever answers, and report
// each way it can fail the way a client observes it.
import type { KObject } from '../api/types';
import { NetView, isIPv4 } from './host';
import { resolveName } from './dns';
import { connect, dnsReachable, Connection } from './proxy';
import { HttpRequest, HttpResponse, header } from './http';
import { serveHttp, serveRaw, apiServerServe, internetServe, listenerTls, plainHttpToTls } from './apps';
import { checkPeer, PeerCheck } from './tls';

export interface ParsedUrl {
  scheme: 'http' | 'https';
  host: string;
  port: number;
  /** port given explicitly in the URL */
  explicitPort: boolean;
  target: string;
  /** the URL normalized as curl shows it (%{url_effective}) */
  href: string;
}

/** Parse a URL the way curl accepts it (scheme optional, `host:port/path`). */
export function parseUrl(raw: string, defaultScheme: 'http' | 'https' = 'http'): ParsedUrl | { error: string; scheme?: string } {
  let s = raw.trim();
  let scheme: string = defaultScheme;
  const m = /^([a-zA-Z][a-zA-Z0-9+.-]*):\/\//.exec(s);
  if (m) { scheme = m[1].toLowerCase(); s = s.slice(m[0].length); }
  if (scheme !== 'http' && scheme !== 'https') return { error: 'unsupported', scheme };
  const slash = s.search(/[/?#]/);
  let authority = slash >= 0 ? s.slice(0, slash) : s;
  let target = slash >= 0 ? s.slice(slash) : '/';
  if (target.startsWith('?')) target = '/' + target;
  target = target.replace(/#.*$/, '') || '/';
  const at = authority.lastIndexOf('@');
  if (at >= 0) authority = authority.slice(at + 1);
  let host = authority;
  let port = scheme === 'https' ? 443 : 80;
  let explicitPort = false;
  if (authority.startsWith('[')) {
    const end = authority.indexOf(']');
    host = authority.slice(1, end);
    const rest = authority.slice(end + 1);
    if (rest.startsWith(':') && rest.length > 1) { port = Number(rest.slice(1)); explicitPort = true; }
  } else {
    const c = authority.lastIndexOf(':');
    if (c >= 0) {
      host = authority.slice(0, c);
      const ps = authority.slice(c + 1);
      if (ps !== '') {
        if (!/^\d+$/.test(ps) || Number(ps) > 65535) return { error: 'port' };
        port = Number(ps); explicitPort = true;
      }
    }
  }
  if (!host) return { error: 'nohost' };
  const defaultPort = scheme === 'https' ? 443 : 80;
  const href = `${scheme}://${host}${explicitPort && port !== defaultPort ? ':' + port : explicitPort ? ':' + port : ''}${target}`;
  return { scheme: scheme as 'http' | 'https', host: host.toLowerCase(), port, explicitPort, target, href };
}

export type FetchResult =
  | { kind: 'resolve'; host: string; timedOut: boolean }
  | { kind: 'refused'; ip: string; port: number }
  | { kind: 'timeout'; ip: string; port: number }
  | { kind: 'unreachable'; ip: string; port: number }
  /** TLS spoken to a plain-HTTP server */
  | { kind: 'tls-wrong-version'; ip: string; port: number }
  /** a TLS server whose certificate the client does not trust */
  | { kind: 'tls-untrusted'; ip: string; port: number }
  /** the server's certificate failed the client's checks (chain against the CA, or the name) */
  | { kind: 'tls-verify'; ip: string; port: number; check: Exclude<PeerCheck, { ok: true }> }
  /** bytes that are not an HTTP response (HTTP/0.9 to curl) */
  | { kind: 'http09'; ip: string; port: number; raw: string }
  /** the server closed without a byte */
  | { kind: 'empty'; ip: string; port: number }
  | { kind: 'response'; ip: string; port: number; request: HttpRequest; response: HttpResponse; rttMs: number; connection: Connection; peerCert?: string };

export interface FetchOptions {
  method: string;
  /** request headers beyond Host (in the order the client sends them) */
  headers: [string, string][];
  body?: string;
  /** -k: do not verify certificates */
  insecure?: boolean;
  /** --cacert or a service account CA given */
  trustedCA?: boolean;
  /** the CA bundle the client verifies servers against (the text of --cacert); absent: the
   *  image's system bundle (which holds no certificate a cluster makes) */
  caPem?: string;
  /** the client, as the request trace names it (curl by default) */
  tool?: string;
}

/** The Host header a client sends for a URL. */
export function hostHeader(u: ParsedUrl): string {
  const dflt = u.scheme === 'https' ? 443 : 80;
  const h = u.host.includes(':') ? `[${u.host}]` : u.host;
  return u.port === dflt ? h : `${h}:${u.port}`;
}

/** Resolve a host name from a pod (hosts file, then cluster DNS with the search list). */
export function resolveFromPod(view: NetView, pod: KObject, name: string): { ip?: string; timedOut: boolean } {
  if (isIPv4(name)) return { ip: name, timedOut: false };
  if (name === 'localhost') return { ip: '127.0.0.1', timedOut: false };
  const src = { ip: pod.status?.podIP ?? '', pod };
  const r = resolveName(view, pod, name, (server) => dnsReachable(view, src, server));
  const a = r.answers.find((x) => x.type === 'A');
  return { ip: a?.data, timedOut: r.status === 'TIMEOUT' };
}

/** Send one request from a pod. */
export function fetchFromPod(view: NetView, pod: KObject, u: ParsedUrl, opts: FetchOptions): FetchResult {
  const res = resolveFromPod(view, pod, u.host);
  if (!res.ip) return traced(view, pod, u, opts, { kind: 'resolve', host: u.host, timedOut: res.timedOut });
  const src = { ip: pod.status?.podIP ?? '', pod };
  const conn = connect(view, src, res.ip, u.port, 'TCP');
  return traced(view, pod, u, opts, exchange(view, conn, u, opts), conn);
}

/** Hand the request's hops to the host's trace (when it keeps one). */
function traced(view: NetView, pod: KObject, u: ParsedUrl, opts: FetchOptions, r: FetchResult, conn?: Connection): FetchResult {
  if (view.host.trace) view.host.trace((require('./trace-record') as typeof import('./trace-record')).fetchRecord(view, pod, opts.tool ?? 'curl', u, r, conn));
  return r;
}

/** The request over an established connection (or the failure to establish one). */
export function exchange(view: NetView, conn: Connection, u: ParsedUrl, opts: FetchOptions): FetchResult {
  const { ip, port } = conn.dialed;
  if (conn.kind !== 'connected') return { kind: conn.kind, ip, port } as FetchResult;
  const dst = conn.dst;
  const wire = dst.type === 'apiserver' ? 'https' : dst.type === 'internet' ? (dst.port === 443 ? 'https' : 'http') : dst.listener.wire;
  const tls = u.scheme === 'https';
  if (tls && wire === 'http') return { kind: 'tls-wrong-version', ip, port };
  if (tls && wire !== 'https') return { kind: 'empty', ip, port };
  if (tls && wire === 'https' && !opts.insecure && !opts.trustedCA && opts.caPem === undefined && dst.type === 'apiserver') return { kind: 'tls-untrusted', ip, port };
  let peerCert: string | undefined;
  if (tls && dst.type === 'pod') {
    // the handshake: the app's certificate (from its volumes), checked unless -k
    const creds = listenerTls(dst.listener, { pod: dst.pod, host: view.host });
    if (!creds) return { kind: 'empty', ip, port };
    peerCert = creds.cert;
    if (!opts.insecure) {
      const check = checkPeer(creds.cert, opts.caPem, u.host, view.now());
      if (!check.ok) return { kind: 'tls-verify', ip, port, check };
    }
  }
  const req: HttpRequest = {
    method: opts.method, target: u.target, version: 'HTTP/1.1',
    headers: [['Host', hostHeader(u)], ...opts.headers], body: opts.body ?? '',
    remote: conn.peer, local: { ip: dst.ip, port: dst.port },
  };
  const now = view.now();
  let response: HttpResponse;
  if (dst.type === 'apiserver') response = apiServerServe(req, now, tls, () => view.random());
  else if (dst.type === 'internet') response = internetServe(dst.name ?? header(req.headers, 'Host') ?? ip, req, now);
  else if (wire === 'https' && !tls) response = plainHttpToTls(dst.listener, now);
  else if (wire === 'http' || wire === 'https') response = serveHttp(dst.listener, req, { host: view.host, pod: dst.pod, now });
  else {
    const raw = serveRaw(dst.listener, conn.peer, { host: view.host, pod: dst.pod, now });
    return raw ? { kind: 'http09', ip, port, raw } : { kind: 'empty', ip, port };
  }
  return { kind: 'response', ip, port, request: req, response, rttMs: conn.rttMs, connection: conn, ...(peerCert ? { peerCert } : {}) };
}
