// What `kubectl proxy` serves: kubectl's request filter (accepted hosts, rejected paths and
// methods, the API prefix) in front of the API server, read-only: /version, discovery, objects
// and lists as the API server writes them (Go struct order; compact JSON, or indented for curl,
// Wget and browsers), its 404/405 Status errors, and the proxy subresources of pods and services,
// which reach the pod's app (apps.ts serveHttp) as the API server's proxy does.
//
//   const serve = apiProxyHandler(host, { apiPrefix: '/', resourceVersion, list, refresh })
//   const res = serve(req)   // an HttpRequest as it came from the client
import type { KObject } from '../api/types';
import type { DataPlaneHost } from './host';
import { nodeInternalIP } from './host';
import { KINDS, KindInfo, apiVersionOf, qualifiedResource } from '../api/kinds';
import { HttpRequest, HttpResponse, response, header, requestPath, queryParams, byteLength, httpDate, canonicalHeaderKey } from './http';
import { apiServerServe, listenerOn, serveHttp, serveRaw } from './apps';
import { toCompactJson } from '../printers/json';
import { toTypedOrder } from '../printers/typed';

export interface ApiProxyOptions {
  /** --api-prefix, ending with "/" */
  apiPrefix: string;
  /** kubectl's filter (absent with --disable-filter) */
  filter?: { acceptPaths: RegExp[]; rejectPaths: RegExp[]; acceptHosts: RegExp[]; rejectMethods: RegExp[] };
  /** the store's current resourceVersion (a list's metadata.resourceVersion) */
  resourceVersion(): string;
  /** list with the API's selectors; throws the API's errors */
  list?(kind: string, namespace: string | undefined, opts: { labelSelector?: string; fieldSelector?: string }): KObject[];
  /** let the control plane catch up before answering */
  refresh?(): void;
}

/** kubectl's defaults (pkg/proxy/proxy_server.go). */
export const DEFAULT_HOST_ACCEPT_RE = '^localhost$,^127\\.0\\.0\\.1$,^\\[::1\\]$';
export const DEFAULT_PATH_ACCEPT_RE = '^.*';
export const DEFAULT_PATH_REJECT_RE = '^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach';
export const DEFAULT_METHOD_REJECT_RE = '^$';

/** MakeRegexpArray: comma-separated Go regexps. */
export function regexpArray(s: string): RegExp[] {
  return s ? s.split(',').map((x) => new RegExp(x)) : [];
}

const matches = (s: string, res: RegExp[]) => res.some((r) => r.test(s));

/** A Go net/http response: the handler's headers (canonical keys, sorted), then Date and
 *  Content-Length when the handler did not set them. */
function goResponse(status: number, headers: [string, string][], body: string, now: Date, chunked = false): HttpResponse {
  const hs = headers.map(([k, v]) => [canonicalHeaderKey(k), v] as [string, string]);
  hs.sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  const has = (k: string) => hs.some(([x]) => x === k);
  // a streamed body (the app sent no length): flushed through as it comes, chunked
  if (chunked) hs.push(['Transfer-Encoding', 'chunked']);
  if (!has('Date')) hs.push(['Date', httpDate(now)]);
  if (!has('Content-Length') && !has('Transfer-Encoding') && status !== 304 && status !== 204) hs.push(['Content-Length', String(byteLength(body))]);
  return response(status, hs, body);
}

const textError = (status: number, body: string, now: Date) =>
  goResponse(status, [['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff']], body, now);

// ---- the API server's JSON ----------------------------------------------------------------------

/** Go's json.Indent with two spaces over compact JSON (strings left as they are). */
export function indent2(compact: string): string {
  let out = '';
  let depth = 0;
  let inStr = false;
  const nl = () => '\n' + '  '.repeat(depth);
  for (let i = 0; i < compact.length; i++) {
    const c = compact[i];
    if (inStr) {
      out += c;
      if (c === '\\') { out += compact[++i]; continue; }
      if (c === '"') inStr = false;
      continue;
    }
    if (c === '"') { inStr = true; out += c; continue; }
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      if (compact[i + 1] === close) { out += c + close; i++; continue; }
      depth++;
      out += c + nl();
    } else if (c === '}' || c === ']') { depth--; out += nl() + c; }
    else if (c === ',') out += ',' + nl();
    else if (c === ':') out += ': ';
    else out += c;
  }
  return out;
}

/** The serializer's choice: ?pretty=, else indented for curl, Wget and browsers. */
function pretty(req: HttpRequest): boolean {
  const q = queryParams(req.target).get('pretty');
  if (q !== undefined && q !== '') return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(q);
  const ua = header(req.headers, 'User-Agent') ?? '';
  return ua.startsWith('curl') || ua.startsWith('Wget') || ua.startsWith('Mozilla/5.0');
}

function hex(rand: () => number, n: number): string {
  let s = '';
  for (let i = 0; i < n; i++) s += '0123456789abcdef'[Math.floor(rand() * 16)];
  return s;
}

/** The API server's own headers (audit id, cache control, APF). */
export function apiHeaders(rand: () => number): [string, string][] {
  return [
    ['Audit-Id', `${hex(rand, 8)}-${hex(rand, 4)}-4${hex(rand, 3)}-${'89ab'[Math.floor(rand() * 4)]}${hex(rand, 3)}-${hex(rand, 12)}`],
    ['Cache-Control', 'no-cache, private'],
    ['X-Kubernetes-Pf-Flowschema-Uid', 'b6f8d7a0-6c3e-4b53-9a4e-5f3f1d2c9e01'],
    ['X-Kubernetes-Pf-Prioritylevel-Uid', '0e3b2a55-2c6d-4a6a-8f55-1f3c9c7b8d21'],
  ];
}

export function statusObject(code: number, reason: string, message: string, details?: Record<string, string>): Record<string, unknown> {
  return {
    kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message,
    ...(reason ? { reason } : {}), ...(details ? { details } : {}), code,
  };
}

export const statusNotFound = (info: KindInfo, name: string) =>
  statusObject(404, 'NotFound', `${qualifiedResource(info)} "${name}" not found`, { name, ...(info.group ? { group: info.group } : {}), kind: info.plural });
const statusNoResource = () => statusObject(404, 'NotFound', 'the server could not find the requested resource', {});

/** One object (or list) read back from the API: Go struct order. */
export function wireObject(o: KObject, inList = false): Record<string, unknown> {
  const t = toTypedOrder(o) as any;
  if (inList) { delete t.kind; delete t.apiVersion; }
  return t;
}

// ---- discovery --------------------------------------------------------------------------------------

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];

function groupVersions(): { group: string; version: string }[] {
  const seen = new Map<string, { group: string; version: string }>();
  for (const k of KINDS) if (k.group && !seen.has(k.group)) seen.set(k.group, { group: k.group, version: k.version });
  return [...seen.values()];
}

function resourceList(group: string, version: string): Record<string, unknown> | undefined {
  const ks = KINDS.filter((k) => k.group === group && k.version === version);
  if (!ks.length) return undefined;
  return {
    kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version,
    resources: ks.map((k) => ({
      name: k.plural, singularName: k.singular, namespaced: k.namespaced, kind: k.kind, verbs: k.verbs ?? VERBS,
      ...(k.shortNames.length ? { shortNames: k.shortNames } : {}), ...(k.categories ? { categories: k.categories } : {}),
    })),
  };
}

const apiGroup = (g: { group: string; version: string }) => {
  const gv = { groupVersion: `${g.group}/${g.version}`, version: g.version };
  return { name: g.group, versions: [gv], preferredVersion: gv };
};

// ---- the handler ------------------------------------------------------------------------------------

export function apiProxyHandler(host: DataPlaneHost, opts: ApiProxyOptions): (req: HttpRequest) => HttpResponse {
  const rand = () => host.random();
  return (req: HttpRequest): HttpResponse => {
    const now = host.now();
    const path = requestPath(req.target);
    if (opts.filter) {
      const f = opts.filter;
      const h = header(req.headers, 'Host') ?? '';
      const m = /^(\[[^\]]*\]|[^:]*):[^:]*$/.exec(h);
      const hostname = m ? m[1].replace(/^\[(.*)\]$/, '$1') : h;
      const ok = !matches(path, f.rejectPaths) && !matches(req.method, f.rejectMethods) && matches(path, f.acceptPaths) && matches(hostname, f.acceptHosts);
      if (!ok) return textError(403, 'Forbidden\n', now);
    }
    const prefix = opts.apiPrefix;
    // the mux: the prefix without its slash redirects, anything else outside it is not found
    if (prefix !== '/' && path === prefix.slice(0, -1)) {
      return goResponse(301, [['Content-Type', 'text/html; charset=utf-8'], ['Location', prefix]], `<a href="${prefix}">Moved Permanently</a>.\n\n`, now);
    }
    if (!path.startsWith(prefix)) return textError(404, '404 page not found\n', now);
    const apiPath = '/' + path.slice(prefix.length);
    const target = apiPath + req.target.slice(path.length);
    opts.refresh?.();
    return apiServer({ ...req, target }, apiPath);
  };

  function json(req: HttpRequest, status: number, obj: unknown): HttpResponse {
    const compact = toCompactJson(obj, { sortKeys: false });
    const body = pretty(req) ? indent2(compact) : compact + '\n';
    return goResponse(status, [...apiHeaders(rand), ['Content-Type', 'application/json']], body, host.now());
  }

  function apiServer(req: HttpRequest, path: string): HttpResponse {
    const segs = path.split('/').slice(1);
    if (segs[segs.length - 1] === '' && segs.length > 1) segs.pop();
    // the proxy subresources take any method
    const proxied = proxySubresource(req, segs, path);
    if (proxied) return proxied;
    if (['/version', '/healthz', '/livez', '/readyz'].includes(path)) {
      const r = apiServerServe({ ...req, target: path }, host.now(), true, rand);
      const hs = r.headers.filter(([k]) => !['Date', 'Content-Length', 'Audit-Id'].includes(k));
      return goResponse(r.status, [...apiHeaders(rand).slice(0, 1), ...hs], r.body, host.now());
    }
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      return json(req, 405, statusObject(405, 'MethodNotAllowed', `the server does not allow this method on the requested resource`, {}));
    }
    if (path === '/api' || path === '/api/') {
      const cp = host.list('Node').find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined);
      return json(req, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: `${nodeInternalIP(cp) ?? '172.18.0.2'}:6443` }] });
    }
    if (path === '/apis' || path === '/apis/') {
      return json(req, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups: groupVersions().map(apiGroup) });
    }
    let group = '', version: string, rest: string[];
    if (segs[0] === 'api' && segs[1] === 'v1') { version = 'v1'; rest = segs.slice(2); }
    else if (segs[0] === 'apis' && segs.length === 2) {
      const g = groupVersions().find((x) => x.group === segs[1]);
      return g ? json(req, 200, { kind: 'APIGroup', apiVersion: 'v1', ...apiGroup(g) }) : json(req, 404, statusNoResource());
    } else if (segs[0] === 'apis' && segs.length >= 3) { group = segs[1]; version = segs[2]; rest = segs.slice(3); }
    else return json(req, 404, statusNoResource());
    if (!rest.length) {
      const rl = resourceList(group, version);
      return rl ? json(req, 200, rl) : json(req, 404, statusNoResource());
    }
    const find = (plural: string) => KINDS.find((k) => k.group === group && k.version === version && k.plural === plural);
    let ns: string | undefined;
    let info: KindInfo | undefined;
    let name: string | undefined;
    let sub: string | undefined;
    if (rest[0] === 'namespaces' && rest.length >= 3) {
      ns = rest[1]; info = find(rest[2]); name = rest[3]; sub = rest[4];
      if (info && !info.namespaced) return json(req, 404, statusNoResource());
      if (rest.length > 5) return json(req, 404, statusNoResource());
    } else {
      info = find(rest[0]); name = rest[1]; sub = rest[2];
      if (rest.length > 3) return json(req, 404, statusNoResource());
      if (info?.namespaced && name !== undefined) return json(req, 404, statusNoResource());
    }
    if (!info || (sub !== undefined && sub !== 'status')) return json(req, 404, statusNoResource());
    if (name === undefined) {
      const q = queryParams(req.target);
      let items: KObject[];
      try {
        const sel = { labelSelector: q.get('labelSelector') || undefined, fieldSelector: q.get('fieldSelector') || undefined };
        items = opts.list ? opts.list(info.kind, ns, sel) : host.list(info.kind, ns);
      } catch (e: any) {
        return json(req, e?.code ?? 400, statusObject(e?.code ?? 400, e?.reason ?? 'BadRequest', String(e?.message ?? e)));
      }
      return json(req, 200, {
        kind: `${info.kind}List`, apiVersion: apiVersionOf(info), metadata: { resourceVersion: opts.resourceVersion() },
        items: items.map((o) => wireObject(o, true)),
      });
    }
    const o = host.get(info.kind, ns, name);
    if (!o) return json(req, 404, statusNotFound(info, name));
    return json(req, 200, wireObject(o));
  }

  // ---- pods/{name}/proxy, services/{name}/proxy -----------------------------------------------------

  function proxySubresource(req: HttpRequest, segs: string[], path: string): HttpResponse | undefined {
    if (!(segs[0] === 'api' && segs[1] === 'v1' && segs[2] === 'namespaces' && (segs[4] === 'pods' || segs[4] === 'services') && segs[6] === 'proxy' && segs[5])) return undefined;
    const ns = segs[3];
    const id = decodeURIComponent(segs[5]);
    // the path after .../proxy, as the request had it
    const marker = `/${segs[4]}/${segs[5]}/proxy`;
    const at = path.indexOf(marker);
    const restPath = path.slice(at + marker.length);
    const query = req.target.slice(requestPath(req.target).length);
    const parts = id.split(':');
    let scheme = '', name = '', port = '';
    if (parts.length === 1) name = parts[0];
    else if (parts.length === 2) [name, port] = parts;
    else if (parts.length === 3) [scheme, name, port] = parts;
    const kindWord = segs[4] === 'pods' ? 'pod' : 'service';
    if (parts.length > 3 || !name || !['', 'http', 'https'].includes(scheme)) {
      return json(req, 400, statusObject(400, 'BadRequest', `invalid ${kindWord} request "${id}"`));
    }
    let ip: string;
    let portNum: number | undefined;
    if (segs[4] === 'pods') {
      const info = KINDS.find((k) => k.kind === 'Pod')!;
      const pod = host.get('Pod', ns, name);
      if (!pod) return json(req, 404, statusNotFound(info, name));
      if (!port) {
        for (const c of pod.spec?.containers ?? []) if (c.ports?.length) { port = String(c.ports[0].containerPort); break; }
      }
      ip = pod.status?.podIP ?? '';
      if (!/^\d+\.\d+\.\d+\.\d+$/.test(ip)) return json(req, 400, statusObject(400, 'BadRequest', 'address not allowed'));
    } else {
      const svcInfo = KINDS.find((k) => k.kind === 'Service')!;
      if (/^-?\d+$/.test(port)) {
        const svc = host.get('Service', ns, name);
        if (!svc) return json(req, 404, statusNotFound(svcInfo, name));
        const sp = (svc.spec?.ports ?? []).find((p: any) => p.port === Number(port));
        if (!sp) return json(req, 503, statusObject(503, 'ServiceUnavailable', `no service port ${Number(port)} found for service "${name}"`));
        port = sp.name ?? '';
      }
      const ep = host.get('Endpoints', ns, name);
      if (!ep) return json(req, 404, statusNotFound(KINDS.find((k) => k.kind === 'Endpoints')!, name));
      const subsets: any[] = ep.subsets ?? [];
      if (!subsets.length) return json(req, 503, statusObject(503, 'ServiceUnavailable', `no endpoints available for service "${name}"`));
      let chosen: { ip: string; port: number } | undefined;
      const seed = Math.floor(rand() * subsets.length);
      for (let i = 0; i < subsets.length && !chosen; i++) {
        const ss = subsets[(seed + i) % subsets.length];
        if (!(ss.addresses ?? []).length) continue;
        const p = (ss.ports ?? []).find((x: any) => (x.name ?? '') === port);
        if (!p) continue;
        const a = ss.addresses[Math.floor(rand() * ss.addresses.length)];
        chosen = { ip: a.ip, port: p.port };
      }
      if (!chosen) return json(req, 503, statusObject(503, 'ServiceUnavailable', `no endpoints available for service "${id}"`));
      ip = chosen.ip;
      portNum = chosen.port;
    }
    // "/{resource}/{name}/proxy" without the slash: redirected to it
    if (restPath === '') {
      return goResponse(301, [...apiHeaders(rand), ['Location', path + '/' + query]], '', host.now());
    }
    if (portNum === undefined) {
      const wellKnown: Record<string, number> = { http: 80, https: 443 };
      portNum = port === '' ? (scheme === 'https' ? 443 : 80) : /^\d+$/.test(port) ? Number(port) : wellKnown[port];
      if (portNum === undefined) return json(req, 503, statusObject(503, 'ServiceUnavailable', `error trying to reach service: dial tcp: lookup tcp/${port}: unknown port`));
    }
    return forward(req, ip, portNum, scheme || 'http', restPath + query);
  }

  function forward(req: HttpRequest, ip: string, port: number, scheme: string, target: string): HttpResponse {
    const unreachable = (msg: string) => json(req, 503, statusObject(503, 'ServiceUnavailable', `error trying to reach service: ${msg}`));
    const pod = host.list('Pod').find((p) => p.status?.podIP === ip && p.status?.phase === 'Running' && !p.spec?.hostNetwork);
    const l = pod ? listenerOn(pod, port, 'TCP', host) : undefined;
    if (!pod || !l) return unreachable(`dial tcp ${ip}:${port}: connect: ${pod ? 'connection refused' : 'no route to host'}`);
    if (scheme === 'https' && l.wire !== 'https') return unreachable('tls: first record does not look like a TLS handshake');
    const cp = host.list('Node').find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined);
    const peer = { ip: nodeInternalIP(cp) ?? '172.18.0.2', port: 32768 + Math.floor(rand() * 28232) };
    if (l.wire !== 'http' && l.wire !== 'https') {
      const raw = serveRaw(l, peer, { host, pod, now: host.now() });
      return unreachable(raw ? `net/http: HTTP/1.x transport connection broken: malformed HTTP response ${JSON.stringify(raw.split('\r\n')[0])}` : 'EOF');
    }
    const hop = new Set(['connection', 'keep-alive', 'proxy-connection', 'te', 'trailer', 'transfer-encoding', 'upgrade', 'host']);
    const headers: [string, string][] = [['Host', `${ip}:${port}`], ...req.headers.filter(([k]) => !hop.has(k.toLowerCase()))];
    // kubectl proxy's reverse proxy, then the API server's, each add the client they saw
    headers.push(['X-Forwarded-For', `${req.remote.ip}, 172.18.0.1`]);
    const res = serveHttp(l, { method: req.method, target, version: 'HTTP/1.1', headers, body: req.body, remote: peer, local: { ip, port } }, { host, pod, now: host.now() });
    const kept = res.headers.filter(([k]) => !hop.has(k.toLowerCase()) || k.toLowerCase() === 'host');
    const names = new Set(kept.map(([k]) => k.toLowerCase()));
    const api = apiHeaders(rand).filter(([k]) => !names.has(k.toLowerCase()));
    const chunked = (header(res.headers, 'Transfer-Encoding') ?? '').toLowerCase() === 'chunked';
    return goResponse(res.status, [...api, ...kept], res.body, host.now(), chunked);
  }
}
