// The programs the images run, as far as the network sees them: which ports a pod listens on
// and what each app answers. The image decides (jpetazzo/httpenv, traefik/whoami, nginx,
// httpd, hello-app, http-echo, echoserver, agnhost, redis, coredns); any other image with a
// declared containerPort answers as an echo server; nothing else listens. Apps log requests in
// their own format through the host (what `kubectl logs` shows).
import type { KObject } from '../api/types';
import type { DataPlaneHost } from './host';
import { hash32, podLinkLocal } from './host';
import { containerEnv, podHostname } from './env';
import { imageProfile } from './images';
import type { ClusterReader } from '../api/types';
import { ContainerMounts } from './volumes';
import { nginxSetup, serverForPort, parseNginxConf, imageDefaultConf, NginxSetup } from './nginx-conf';
import {
  HttpRequest, HttpResponse, response, header, requestPath, queryParams, byteLength, httpDate, goLogTime, clfTime,
  apacheTime, redisTime, goJsonStringMap, goJsonString, canonicalHeaderKey, STATUS_TEXT,
} from './http';
import NGINX_INDEX from '../../templates/apps/nginx-index.html';
import NGINX_50X from '../../templates/apps/nginx-50x.html';
import HTTPD_INDEX from '../../templates/apps/httpd-index.html';
import EXAMPLE_DOMAIN from '../../templates/apps/example-domain.html';
import NGINX_STARTUP from '../../templates/apps/nginx-startup.txt';
import HTTPD_STARTUP from '../../templates/apps/httpd-startup.txt';
import REDIS_STARTUP from '../../templates/apps/redis-startup.txt';
import COREDNS_STARTUP from '../../templates/apps/coredns-startup.txt';

export type AppKind =
  | 'httpenv' | 'whoami' | 'nginx' | 'httpd' | 'hello-app' | 'http-echo' | 'echoserver' | 'echo'
  | 'netexec' | 'serve-hostname' | 'redis' | 'coredns' | 'coredns-health' | 'bootcamp';
// (databases answer like redis does to an HTTP client: bytes that are not HTTP)
/** What speaks on the socket: HTTP, TLS (HTTPS), or a protocol an HTTP client cannot read. */
export type Wire = 'http' | 'https' | 'redis' | 'dns' | 'binary';

/** Images whose default command is not a server: declared ports or not, nothing listens. */
const NOT_SERVERS = new Set(['busybox', 'busyboxplus', 'alpine', 'ubuntu', 'debian', 'centos', 'fedora', 'rockylinux', 'almalinux',
  'amazonlinux', 'netshoot', 'curl', 'dnsutils', 'python', 'node', 'golang', 'openjdk', 'eclipse-temurin', 'bash', 'ruby', 'perl']);
const DATABASES: Record<string, number> = { mysql: 3306, mariadb: 3306, postgres: 5432, mongo: 27017, memcached: 11211, rabbitmq: 5672 };

export interface Listener {
  port: number;
  protocol: 'TCP' | 'UDP';
  kind: AppKind;
  wire: Wire;
  container: any;
  /** wire 'https': the files of the certificate chain and the key the app serves */
  tls?: { cert: string; key: string };
}

/** The pod and the cluster an app reads its files from (its volumes); absent: the image alone. */
export interface AppEnv { pod: KObject; host: ClusterReader }

type NginxKind = 'nginx' | 'unprivileged' | 'nginxhttps';
const nginxKind = (container: any): NginxKind => {
  const img = imageProfile(container?.image ?? '');
  return img.name === 'nginxhttps' ? 'nginxhttps' : img.name === 'nginx-unprivileged' || img.repo.startsWith('bitnami/') ? 'unprivileged' : 'nginx';
};

/** The configuration an nginx container runs with: its conf.d (a mounted ConfigMap) or the image's. */
export function nginxOf(container: any, env?: AppEnv): NginxSetup {
  const kind = nginxKind(container);
  if (!env) return { servers: parseNginxConf(imageDefaultConf(kind)) };
  const m = new ContainerMounts(env.host, env.pod, container);
  return nginxSetup({
    file: (p) => m.file(p),
    dir: (p) => { const d = m.dir(p); return d?.own ? d.entries : undefined; },
  }, kind);
}

/** The PEM texts of a TLS listener's certificate chain and key (from the container's volumes). */
export function listenerTls(l: Listener, env: AppEnv): { cert: string; key: string } | undefined {
  if (!l.tls) return undefined;
  const m = new ContainerMounts(env.host, env.pod, l.container);
  const cert = m.file(l.tls.cert);
  const key = m.file(l.tls.key);
  return cert !== undefined && key !== undefined ? { cert, key } : undefined;
}

// ---- argument helpers --------------------------------------------------------------------------

/** The value of a Go-flag style option in a container's command+args: -name=v, --name=v, -name v. */
export function flagValue(container: any, names: string[]): string | undefined {
  const argv: string[] = [...(container?.command ?? []), ...(container?.args ?? [])].map(String);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    for (const n of names) {
      for (const pre of ['-', '--']) {
        if (a === pre + n && i + 1 < argv.length) return argv[i + 1];
        if (a.startsWith(pre + n + '=')) return a.slice(pre.length + n.length + 1);
      }
    }
  }
  return undefined;
}

function envValue(container: any, name: string): string | undefined {
  return (container?.env ?? []).find((e: any) => e.name === name && typeof e.value === 'string')?.value;
}

const portOf = (s: string | undefined, dflt: number) => {
  if (!s) return dflt;
  const m = /(\d+)\s*$/.exec(s);
  return m ? Number(m[1]) : dflt;
};

/** The command replaces the image's entrypoint: the server runs only if it is the server. */
function runsServer(container: any, binaries: string[]): boolean {
  const cmd: string[] | undefined = container?.command;
  if (!cmd || !cmd.length) return true;
  const base = String(cmd[0]).split('/').pop()!;
  return binaries.includes(base);
}

/** The apps a container runs, by image. */
function containerListeners(container: any, env?: AppEnv): Listener[] {
  const img = imageProfile(container?.image ?? '');
  const L = (port: number, kind: AppKind, wire: Wire = 'http', protocol: 'TCP' | 'UDP' = 'TCP'): Listener => ({ port, protocol, kind, wire, container });
  const name = img.name;
  const repo = img.repo;
  switch (true) {
    case name === 'httpenv':
      return runsServer(container, ['httpenv']) ? [L(8888, 'httpenv')] : [];
    case name === 'whoami':
      return runsServer(container, ['whoami']) ? [L(portOf(flagValue(container, ['port']) ?? envValue(container, 'WHOAMI_PORT_NUMBER'), 80), 'whoami')] : [];
    case name === 'nginx' || name === 'nginx-unprivileged' || name === 'nginxhttps': {
      if (!runsServer(container, ['nginx', 'docker-entrypoint.sh', '/docker-entrypoint.sh', 'auto-reload-nginx.sh', './auto-reload-nginx.sh', '/home/auto-reload-nginx.sh'])) return [];
      void repo;
      // the ports and TLS its configuration asks for (nothing when it cannot load its certificate)
      const out: Listener[] = [];
      for (const s of nginxOf(container, env).servers) {
        for (const li of s.listens) {
          const prev = out.find((x) => x.port === li.port);
          if (prev) { if (li.ssl && !prev.tls) { prev.wire = 'https'; prev.tls = { cert: s.sslCertificate!, key: s.sslCertificateKey ?? s.sslCertificate! }; } continue; }
          const l = L(li.port, 'nginx', li.ssl ? 'https' : 'http');
          if (li.ssl) l.tls = { cert: s.sslCertificate!, key: s.sslCertificateKey ?? s.sslCertificate! };
          out.push(l);
        }
      }
      return out;
    }
    case name === 'httpd':
      return runsServer(container, ['httpd', 'httpd-foreground']) ? [L(80, 'httpd')] : [];
    case name === 'hello-app':
      return runsServer(container, ['hello-app']) ? [L(portOf(envValue(container, 'PORT'), 8080), 'hello-app')] : [];
    case name === 'http-echo':
      return runsServer(container, ['http-echo']) ? [L(portOf(flagValue(container, ['listen']), 5678), 'http-echo')] : [];
    case name === 'kubernetes-bootcamp':
      return runsServer(container, ['node', 'docker-entrypoint.sh']) ? [L(8080, 'bootcamp')] : [];
    case name === 'echoserver':
      return [L(8080, 'echoserver')];
    case name === 'echo-server' && (repo.startsWith('jmalloc/') || repo.startsWith('kicbase/')):
      return [L(portOf(envValue(container, 'PORT'), 8080), 'echo')];
    case name === 'agnhost' || name === 'serve_hostname': {
      const args: string[] = [...(container.command ?? []), ...(container.args ?? [])].map(String).filter((a) => !a.startsWith('-') && !a.includes('/'));
      const sub = name === 'serve_hostname' ? 'serve-hostname' : args[0];
      if (sub === 'netexec') return [L(portOf(flagValue(container, ['http-port']), 8080), 'netexec'), L(portOf(flagValue(container, ['udp-port']), 8081), 'netexec', 'dns', 'UDP')];
      if (sub === 'serve-hostname') return [L(portOf(flagValue(container, ['port']), 9376), 'serve-hostname')];
      return [];
    }
    case name === 'redis':
      return runsServer(container, ['redis-server', 'docker-entrypoint.sh']) ? [L(6379, 'redis', 'redis')] : [];
    case name === 'coredns':
      return [L(53, 'coredns', 'dns', 'UDP'), L(53, 'coredns', 'dns'), L(8080, 'coredns-health'), L(8181, 'coredns-health'), L(9153, 'coredns-health')];
  }
  if (DATABASES[name] !== undefined) return [L(DATABASES[name], 'redis', 'binary')];
  if (NOT_SERVERS.has(name)) return [];
  if (img.family === 'scratch' && !(container.ports ?? []).length) return [];
  // an unknown image with declared ports: an echo server on each of them
  return (container.ports ?? []).filter((p: any) => (p.protocol ?? 'TCP') === 'TCP').map((p: any) => L(p.containerPort, 'echo'));
}

/** Everything listening in a pod's network namespace (all its containers). With the cluster at
 *  hand, apps that read their configuration from volumes (nginx) listen as it says. */
export function podListeners(pod: KObject, host?: ClusterReader): Listener[] {
  const env = host ? { pod, host } : undefined;
  return (pod.spec?.containers ?? []).flatMap((c: any) => containerListeners(c, env));
}

export function listenerOn(pod: KObject, port: number, protocol: string = 'TCP', host?: ClusterReader): Listener | undefined {
  return podListeners(pod, host).find((l) => l.port === port && l.protocol === protocol);
}

// ---- serving ---------------------------------------------------------------------------------

export interface ServeContext {
  host: DataPlaneHost;
  pod: KObject;
  now: Date;
}

const goHeaders = (d: Date, body: string, ctype = 'text/plain; charset=utf-8'): [string, string][] =>
  [['Date', httpDate(d)], ['Content-Length', String(byteLength(body))], ['Content-Type', ctype]];

/** bprashanth/nginxhttps:1.0 was built FROM nginx in 2016 (the version is a guess of that era). */
const nginxVersion = (l: Listener) => imageProfile(l.container.image).appVersion ?? (nginxKind(l.container) === 'nginxhttps' ? '1.11.1' : '1.27.4');
const httpdVersion = (l: Listener) => imageProfile(l.container.image).appVersion ?? '2.4.63';

function nginxError(status: number, version: string): string {
  const t = `${status} ${status === 405 ? 'Not Allowed' : STATUS_TEXT[status] ?? ''}`;
  return `<html>\r\n<head><title>${t}</title></head>\r\n<body>\r\n<center><h1>${t}</h1></center>\r\n<hr><center>nginx/${version}</center>\r\n</body>\r\n</html>\r\n`;
}

function requestDump(req: HttpRequest, hostHeader: string): string {
  // Go's Request.Write: request line, Host, User-Agent, the other headers sorted, blank line.
  // (Lines end with \n here: the exercises read the dump line by line.)
  let s = `${req.method} ${req.target} ${req.version}\n`;
  s += `Host: ${hostHeader}\n`;
  const ua = header(req.headers, 'User-Agent');
  s += `User-Agent: ${ua ?? 'Go-http-client/1.1'}\n`;
  const rest = req.headers.filter(([k]) => !['host', 'user-agent', 'content-length', 'transfer-encoding', 'trailer'].includes(k.toLowerCase()))
    .map(([k, v]) => [canonicalHeaderKey(k), v] as [string, string])
    .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0));
  for (const [k, v] of rest) s += `${k}: ${v}\n`;
  if (req.body) s += `Content-Length: ${byteLength(req.body)}\n`;
  s += '\n';
  if (req.body) s += req.body;
  return s;
}

/** The file nginx serves for a path: its root (a mounted volume, else the image's html), the
 *  index files for a directory. */
function nginxFile(l: Listener, ctx: ServeContext, path: string): string | undefined {
  const env = { pod: ctx.pod, host: ctx.host };
  const server = serverForPort(nginxOf(l.container, env), l.port)?.server;
  const root = (server?.root ?? '/usr/share/nginx/html').replace(/\/$/, '');
  const index = server?.index ?? ['index.html'];
  const m = new ContainerMounts(ctx.host, ctx.pod, l.container);
  const imageHtml = (p: string): string | undefined => {
    if (root !== '/usr/share/nginx/html') return undefined;
    if (p === '/index.html') return NGINX_INDEX;
    if (p === '/50x.html') return NGINX_50X;
    if (p === '/index2.html' && nginxKind(l.container) === 'nginxhttps') return NGINX_RELOADED;
    return undefined;
  };
  const read = (p: string) => (m.covers(root + p) ? m.file(root + p) : imageHtml(p));
  let decoded = path;
  try { decoded = decodeURIComponent(path); } catch { /* as sent */ }
  if (decoded.includes('/../')) return undefined;
  if (decoded.endsWith('/')) {
    for (const i of index) { const f = read(decoded + i); if (f !== undefined) return f; }
    return undefined;
  }
  return read(decoded);
}

const NGINX_RELOADED = '<!DOCTYPE html>\n<html>\n<head>\n<title>Nginx reloaded!</title>\n<style>\n    body {\n        width: 35em;\n        margin: 0 auto;\n        font-family: Tahoma, Verdana, Arial, sans-serif;\n    }\n</style>\n</head>\n<body>\n<h1>Nginx has been reloaded!</h1>\n<p>If you see this page, the nginx web server has been automatically reloaded, since the config file has been updated using <a href="https://github.com/kubernetes/kubernetes">Kubernetes</a>.</p>\n\n\n<p>For online documentation and support please refer to\n<a href="http://kubernetes.io/">kubernetes.io</a>.<br/></p>\n\n<p><em>Thank you for using nginx.</em></p>\n</body>\n</html>\n';

/** What a TLS port answers to a plain HTTP request (nginx: 400 with its own page; Go's
 *  net/http and others: the one-line text). */
export function plainHttpToTls(l: Listener, now: Date): HttpResponse {
  if (l.kind === 'nginx') {
    const v = nginxVersion(l);
    const b = `<html>\r\n<head><title>400 The plain HTTP request was sent to HTTPS port</title></head>\r\n<body>\r\n<center><h1>400 Bad Request</h1></center>\r\n<center>The plain HTTP request was sent to HTTPS port</center>\r\n<hr><center>nginx/${v}</center>\r\n</body>\r\n</html>\r\n`;
    return response(400, [['Server', `nginx/${v}`], ['Date', httpDate(now)], ['Content-Type', 'text/html'], ['Content-Length', String(byteLength(b))], ['Connection', 'close']], b);
  }
  const b = 'Client sent an HTTP request to an HTTPS server.\n';
  return { ...response(400, [], b, 'HTTP/1.0') };
}

/** What a plain HTTP port answers to bytes that are not HTTP (a TLS ClientHello): the client
 *  reads it as a broken TLS record (curl: `wrong version number`). */
export function garbageToHttp(l: Listener, now: Date): HttpResponse {
  if (l.kind === 'nginx') {
    const v = nginxVersion(l);
    const b = nginxError(400, v);
    return response(400, [['Server', `nginx/${v}`], ['Date', httpDate(now)], ['Content-Type', 'text/html'], ['Content-Length', String(byteLength(b))], ['Connection', 'close']], b);
  }
  const b = '400 Bad Request';
  return response(400, [['Content-Type', 'text/plain; charset=utf-8'], ['Connection', 'close']], b);
}

/** kubernetes-bootcamp counts its requests (per pod, in this process). */
const bootcampRequests = new Map<string, number>();

/** An HTTP request to an app: the response, and the access log line written. */
export function serveHttp(l: Listener, req: HttpRequest, ctx: ServeContext): HttpResponse {
  const { pod, now, host } = ctx;
  const path = requestPath(req.target);
  const hostHeader = header(req.headers, 'Host') ?? `${req.local.ip}:${req.local.port}`;
  const ua = header(req.headers, 'User-Agent') ?? '-';
  const log = (line: string) => host.appendLog(pod, l.container.name, line);
  const hostname = podHostname(pod);
  const remote = `${req.remote.ip}:${req.remote.port}`;
  const isHead = req.method === 'HEAD';
  switch (l.kind) {
    case 'httpenv': {
      const env = containerEnv(host, pod, l.container.name, host.podEnv(pod));
      const m: Record<string, string> = {};
      for (const [k, v] of env) m[k] = v;
      const body = goJsonStringMap(m);
      return response(200, goHeaders(now, body), body);
    }
    case 'whoami': {
      const name = flagValue(l.container, ['name']) ?? envValue(l.container, 'WHOAMI_NAME');
      if (path === '/health') return response(200, [['Date', httpDate(now)], ['Content-Length', '0']], '');
      if (path === '/bench') return response(200, [['Connection', 'keep-alive'], ['Content-Type', 'text/plain'], ['Date', httpDate(now)], ['Content-Length', '1']], '1');
      const ips = ['127.0.0.1', '::1', ...(pod.status?.podIP ? [pod.status.podIP] : []), podLinkLocal(pod)];
      if (path === '/api') {
        const hdrs: Record<string, string[]> = {};
        for (const [k, v] of req.headers) if (k.toLowerCase() !== 'host') (hdrs[canonicalHeaderKey(k)] ??= []).push(v);
        const j = '{' + [
          `"hostname":${goJsonString(hostname)}`, `"ip":[${ips.map(goJsonString).join(',')}]`,
          `"headers":{${Object.keys(hdrs).sort().map((k) => `${goJsonString(k)}:[${hdrs[k].map(goJsonString).join(',')}]`).join(',')}}`,
          `"url":${goJsonString(req.target)}`, `"host":${goJsonString(hostHeader)}`, `"method":${goJsonString(req.method)}`,
          ...(name ? [`"name":${goJsonString(name)}`] : []), `"remoteAddr":${goJsonString(remote)}`,
        ].join(',') + '}\n';
        return response(200, [['Access-Control-Allow-Methods', '*'], ['Access-Control-Allow-Origin', '*'], ['Content-Type', 'application/json'], ['Date', httpDate(now)], ['Content-Length', String(byteLength(j))]], j);
      }
      let body = '';
      if (name) body += `Name: ${name}\n`;
      body += `Hostname: ${hostname}\n`;
      for (const ip of ips) body += `IP: ${ip}\n`;
      body += `RemoteAddr: ${remote}\n`;
      body += requestDump(req, hostHeader);
      return response(200, goHeaders(now, body), body);
    }
    case 'nginx': {
      const v = nginxVersion(l);
      const base: [string, string][] = [['Server', `nginx/${v}`], ['Date', httpDate(now)]];
      let res: HttpResponse;
      const file = nginxFile(l, ctx, path);
      if (file !== undefined && req.method !== 'GET' && req.method !== 'HEAD') {
        const b = nginxError(405, v);
        res = response(405, [...base, ['Content-Type', 'text/html'], ['Content-Length', String(byteLength(b))], ['Connection', 'keep-alive']], b);
        res.reason = 'Not Allowed';
      } else if (file !== undefined) {
        const mtime = 0x67a34638;
        res = response(200, [...base, ['Content-Type', 'text/html'], ['Content-Length', String(byteLength(file))],
          ['Last-Modified', new Date(mtime * 1000).toUTCString()], ['Connection', 'keep-alive'],
          ['ETag', `"${mtime.toString(16)}-${byteLength(file).toString(16)}"`], ['Accept-Ranges', 'bytes']], file);
      } else {
        const b = nginxError(404, v);
        res = response(404, [...base, ['Content-Type', 'text/html'], ['Content-Length', String(byteLength(b))], ['Connection', 'keep-alive']], b);
      }
      const sent = isHead ? 0 : byteLength(res.body);
      log(`${req.remote.ip} - - [${clfTime(now)}] "${req.method} ${req.target} ${req.version}" ${res.status} ${sent} "${header(req.headers, 'Referer') ?? '-'}" "${ua}" "${header(req.headers, 'X-Forwarded-For') ?? '-'}"`);
      return res;
    }
    case 'httpd': {
      const v = httpdVersion(l);
      let res: HttpResponse;
      if (path === '/' || path === '/index.html') {
        res = response(200, [['Date', httpDate(now)], ['Server', `Apache/${v} (Unix)`], ['Last-Modified', 'Mon, 11 Jun 2007 18:53:14 GMT'],
          ['ETag', '"2d-432a5e4a73a80"'], ['Accept-Ranges', 'bytes'], ['Content-Length', String(byteLength(HTTPD_INDEX))], ['Content-Type', 'text/html']], HTTPD_INDEX);
      } else {
        const b = '<!DOCTYPE HTML PUBLIC "-//IETF//DTD HTML 2.0//EN">\n<html><head>\n<title>404 Not Found</title>\n</head><body>\n<h1>Not Found</h1>\n<p>The requested URL was not found on this server.</p>\n</body></html>\n';
        res = response(404, [['Date', httpDate(now)], ['Server', `Apache/${v} (Unix)`], ['Content-Length', String(byteLength(b))], ['Content-Type', 'text/html; charset=iso-8859-1']], b);
      }
      const sent = isHead ? 0 : byteLength(res.body);
      log(`${req.remote.ip} - - [${clfTime(now)}] "${req.method} ${req.target} ${req.version}" ${res.status} ${sent || '-'}`);
      return res;
    }
    case 'hello-app': {
      log(`${goLogTime(now)} Serving request: ${path}`);
      const tag = imageProfile(l.container.image).tag;
      const ver = /^\d+\.\d+$/.test(tag) ? `${tag}.0` : /^\d+\.\d+\.\d+$/.test(tag) ? tag : '1.0.0';
      const body = `Hello, world!\nVersion: ${ver}\nHostname: ${hostname}\n`;
      return response(200, goHeaders(now, body), body);
    }
    case 'bootcamp': {
      // the Kubernetes Basics tutorial's Node.js server.js: a chunked text/plain reply, a log line per request
      const n = (bootcampRequests.get(pod.metadata.uid ?? '') ?? 0) + 1;
      bootcampRequests.set(pod.metadata.uid ?? '', n);
      const tag = imageProfile(l.container.image).tag;
      const body = `Hello Kubernetes bootcamp! | Running on: ${hostname} | v=${/^v\d+$/.test(tag) ? tag.slice(1) : '1'}\n`;
      const started = Date.parse(pod.status?.startTime ?? '') || now.getTime();
      log(`Running On: ${hostname} | Total Requests: ${n} | App Uptime: ${(now.getTime() - started) / 1000} seconds | Log Time: ${now.toISOString()}`);
      return response(200, [['Content-Type', 'text/plain'], ['Date', httpDate(now)], ['Connection', 'keep-alive'], ['Transfer-Encoding', 'chunked']], body);
    }
    case 'http-echo': {
      const text = flagValue(l.container, ['text']) ?? envValue(l.container, 'ECHO_TEXT') ?? 'hello-world';
      const body = text + '\n';
      log(`${goLogTime(now)} ${hostHeader} ${remote} "${req.method} ${req.target} ${req.version}" 200 ${byteLength(body)} "${ua}" ${(12 + Math.floor(host.random() * 40)).toFixed(0)}.${Math.floor(host.random() * 1000)}µs`);
      return response(200, [['X-App-Name', 'http-echo'], ['X-App-Version', '1.0.0'], ...goHeaders(now, body)], body);
    }
    case 'echoserver': {
      const q = req.target.includes('?') ? req.target.slice(req.target.indexOf('?') + 1) : '';
      const hdrs = req.headers.map(([k, v]) => `\t${k.toLowerCase()}=${v}`).sort().join('\n');
      const body = `\n\nHostname: ${hostname}\n\nPod Information:\n\t-no pod information available-\n\nServer values:\n\tserver_version=nginx: 1.13.3 - lua: 10008\n\n` +
        `Request Information:\n\tclient_address=${req.remote.ip}\n\tmethod=${req.method}\n\treal path=${path}\n\tquery=${q}\n\trequest_version=1.1\n\trequest_scheme=http\n\trequest_uri=http://${hostHeader}:8080${req.target}\n\n` +
        `Request Headers:\n${hdrs}\n\nRequest Body:\n\t${req.body || '-no body in request-'}\n\n`;
      log(`${req.remote.ip} - - [${clfTime(now)}] "${req.method} ${req.target} ${req.version}" 200 ${byteLength(body)} "-" "${ua}"`);
      return response(200, [['Server', 'nginx/1.13.3'], ['Date', httpDate(now)], ['Content-Type', 'text/plain'], ['Transfer-Encoding', 'chunked'], ['Connection', 'keep-alive']], body);
    }
    case 'netexec': {
      log(`I${String(now.getUTCMonth() + 1).padStart(2, '0')}${String(now.getUTCDate()).padStart(2, '0')} ${now.toISOString().slice(11, 23)}000       1 log.go:195] GET ${path}`);
      const qp = queryParams(req.target);
      let body: string;
      if (path === '/hostname') body = hostname;
      else if (path === '/clientip') body = remote;
      else if (path === '/echo') body = qp.get('msg') ?? '';
      else if (path === '/healthz') body = 'ok';
      else body = `NOW: ${now.toISOString().replace('T', ' ').replace('Z', '')}000000 +0000 UTC`;
      return response(200, goHeaders(now, body), body);
    }
    case 'serve-hostname': {
      const body = hostname;
      return response(200, goHeaders(now, body), body);
    }
    case 'coredns-health': {
      const body = l.port === 9153 ? '# HELP coredns_build_info A metric with a constant \'1\' value labeled by version, revision, and goversion from which CoreDNS was built.\n# TYPE coredns_build_info gauge\ncoredns_build_info{goversion="go1.21.11",revision="a6338e9",version="1.11.3"} 1\n' : 'OK';
      if ((l.port === 8080 && path !== '/health') || (l.port === 8181 && path !== '/ready') || (l.port === 9153 && path !== '/metrics')) {
        const nf = '404 page not found\n';
        return response(404, [['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff'], ['Date', httpDate(now)], ['Content-Length', String(byteLength(nf))]], nf);
      }
      return response(200, goHeaders(now, body, l.port === 9153 ? 'text/plain; version=0.0.4; charset=utf-8; escaping=values' : 'text/plain; charset=utf-8'), body);
    }
    case 'echo':
    default: {
      const lines = req.headers.map(([k, v]) => [canonicalHeaderKey(k), v] as [string, string]).filter(([k]) => k !== 'Host')
        .sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([k, v]) => `${k}: ${v}\n`).join('');
      const body = `Request served by ${hostname}\n\n${req.version} ${req.method} ${req.target}\n\nHost: ${hostHeader}\n${lines}${req.body ? '\n' + req.body : ''}`;
      return response(200, goHeaders(now, body), body);
    }
  }
}

/** What a non-HTTP server sends an HTTP client, and what it logs. */
export function serveRaw(l: Listener, remote: { ip: string; port: number }, ctx: ServeContext): string {
  if (l.wire === 'binary') return l.port === 3306 ? 'J\u0000\u0000\u0000\n8.4.4\u0000' : 'EFATAL\u0000';
  if (l.wire === 'redis') {
    ctx.host.appendLog(ctx.pod, l.container.name, `1:M ${redisTime(ctx.now)} # Possible SECURITY ATTACK detected. It looks like somebody is sending POST or Host: commands to Redis. This is likely due to an attacker attempting to use Cross Protocol Scripting to compromise your Redis instance. Connection from ${remote.ip}:${remote.port} aborted.`);
    return "-ERR wrong number of arguments for 'get' command\r\n";
  }
  return '';
}

// ---- outside the pods: the API server, the internet -----------------------------------------------

/** The kube-apiserver (the kubernetes service's endpoint, node port 6443): HTTPS, anonymous. */
export function apiServerServe(req: HttpRequest, now: Date, tls: boolean, rand: () => number = Math.random): HttpResponse {
  if (!tls) {
    const b = 'Client sent an HTTP request to an HTTPS server.\n';
    return response(400, [['Content-Type', 'text/plain; charset=utf-8'], ['Connection', 'close']], b);
  }
  const path = requestPath(req.target);
  const json = (status: number, body: string): HttpResponse => response(status, [
    ['Audit-Id', '00000000-0000-0000-0000-000000000000'.replace(/0/g, () => '0123456789abcdef'[Math.floor(rand() * 16)])],
    ['Cache-Control', 'no-cache, private'], ['Content-Type', 'application/json'],
    ['X-Content-Type-Options', 'nosniff'], ['X-Kubernetes-Pf-Flowschema-Uid', 'b6f8d7a0-6c3e-4b53-9a4e-5f3f1d2c9e01'],
    ['X-Kubernetes-Pf-Prioritylevel-Uid', '0e3b2a55-2c6d-4a6a-8f55-1f3c9c7b8d21'], ['Date', httpDate(now)], ['Content-Length', String(byteLength(body))]], body);
  if (path === '/healthz' || path === '/livez' || path === '/readyz') {
    return response(200, [['Audit-Id', 'd2a3c1f4-0000-4000-8000-000000000000'], ['Cache-Control', 'no-cache, private'], ['Content-Type', 'text/plain; charset=utf-8'], ['X-Content-Type-Options', 'nosniff'], ['Date', httpDate(now)], ['Content-Length', '2']], 'ok');
  }
  if (path === '/version') {
    return json(200, '{\n  "major": "1",\n  "minor": "32",\n  "gitVersion": "v1.32.2",\n  "gitCommit": "67a30c0adcf52bd3f56ff0893ce19966be12991f",\n  "gitTreeState": "clean",\n  "buildDate": "2025-02-25T04:54:54Z",\n  "goVersion": "go1.23.6",\n  "compiler": "gc",\n  "platform": "linux/amd64"\n}');
  }
  const auth = header(req.headers, 'Authorization');
  const user = auth ? 'system:serviceaccount:default:default' : 'system:anonymous';
  return json(403, `{\n  "kind": "Status",\n  "apiVersion": "v1",\n  "metadata": {},\n  "status": "Failure",\n  "message": "forbidden: User \\"${user}\\" cannot get path \\"${path}\\"",\n  "reason": "Forbidden",\n  "details": {},\n  "code": 403\n}`);
}

/** Well-known hosts on the internet (see dns.ts EXTERNAL_HOSTS). */
export function internetServe(hostName: string, req: HttpRequest, now: Date): HttpResponse {
  const h = hostName.toLowerCase();
  if (h.endsWith('google.com')) {
    if (h === 'google.com') {
      const b = '<HTML><HEAD><meta http-equiv="content-type" content="text/html;charset=utf-8">\n<TITLE>301 Moved</TITLE></HEAD><BODY>\n<H1>301 Moved</H1>\nThe document has moved\n<A HREF="http://www.google.com/">here</A>.\r\n</BODY></HTML>\r\n';
      return response(301, [['Location', 'http://www.google.com/'], ['Content-Type', 'text/html; charset=UTF-8'], ['Date', httpDate(now)], ['Expires', httpDate(new Date(now.getTime() + 30 * 86400000))], ['Cache-Control', 'public, max-age=2592000'], ['Server', 'gws'], ['Content-Length', String(byteLength(b))], ['X-XSS-Protection', '0'], ['X-Frame-Options', 'SAMEORIGIN']], b);
    }
    const b = '<!doctype html><html itemscope="" itemtype="http://schema.org/WebPage" lang="en"><head><meta content="text/html; charset=UTF-8" http-equiv="Content-Type"><title>Google</title></head><body></body></html>';
    return response(200, [['Date', httpDate(now)], ['Expires', '-1'], ['Cache-Control', 'private, max-age=0'], ['Content-Type', 'text/html; charset=ISO-8859-1'], ['Server', 'gws'], ['X-XSS-Protection', '0'], ['X-Frame-Options', 'SAMEORIGIN'], ['Content-Length', String(byteLength(b))]], b);
  }
  return response(200, [['Content-Type', 'text/html'], ['ETag', '"84238dfc8092e5d9c0dac8ef93371a07:1736799080.121134"'], ['Last-Modified', 'Mon, 13 Jan 2025 20:11:20 GMT'], ['Cache-Control', 'max-age=3379'], ['Date', httpDate(now)], ['Content-Length', String(byteLength(EXAMPLE_DOMAIN))], ['Connection', 'keep-alive']], EXAMPLE_DOMAIN);
}

// ---- start-up logs ------------------------------------------------------------------------------

const fill = (tpl: string, vars: Record<string, string>) => tpl.replace(/\{\{(\w+)\}\}/g, (_, k) => vars[k] ?? '');
const lines = (s: string) => s.replace(/\n$/, '').split('\n');

/** What a container prints when it starts (for `kubectl logs`), by image. [] when it prints nothing. */
export function startupLogs(pod: KObject, containerName: string, startedAt: Date): string[] {
  const container = (pod.spec?.containers ?? []).find((c: any) => c.name === containerName);
  if (!container) return [];
  const ls = containerListeners(container);
  const img = imageProfile(container.image ?? '');
  const k = ls[0]?.kind;
  switch (k) {
    case 'httpenv': return ['Starting httpenv listening on port 8888.'];
    case 'whoami': return [`${goLogTime(startedAt)} Starting up on port ${ls[0].port}`];
    case 'nginx':
      return lines(fill(NGINX_STARTUP, {
        time: goLogTime(startedAt), version: nginxVersion(ls[0]),
        compiler: img.family === 'alpine' ? 'gcc 14.2.0 (Alpine 14.2.0)' : 'gcc 12.2.0 (Debian 12.2.0-14)',
      }));
    case 'httpd':
      return lines(fill(HTTPD_STARTUP, {
        ip: pod.status?.podIP ?? '127.0.0.1', time: apacheTime(startedAt, hash32(pod.metadata.name) % 1000000),
        version: httpdVersion(ls[0]), tid: img.family === 'alpine' ? '1' : String(139000000000000 + (hash32(pod.metadata.uid ?? '') % 999999999)),
      }));
    case 'hello-app': return [`${goLogTime(startedAt)} Server listening on port ${ls[0].port}`];
    case 'bootcamp': return [`Kubernetes Bootcamp App Started At: ${startedAt.toISOString()} | Running On:  ${podHostname(pod)} `, ''];
    case 'http-echo': return [`${goLogTime(startedAt)} [INFO] server is listening on :${ls[0].port}`];
    case 'echo': return ls.length && (img.name === 'echo-server') ? [`Echo server listening on port ${ls[0].port}.`] : [];
    case 'netexec': return [`I${String(startedAt.getUTCMonth() + 1).padStart(2, '0')}${String(startedAt.getUTCDate()).padStart(2, '0')} ${startedAt.toISOString().slice(11, 23)}000       1 log.go:195] Started HTTP server on port ${ls[0].port}`, `I${String(startedAt.getUTCMonth() + 1).padStart(2, '0')}${String(startedAt.getUTCDate()).padStart(2, '0')} ${startedAt.toISOString().slice(11, 23)}000       1 log.go:195] Started UDP server on port  ${ls[1]?.port ?? 8081}`];
    case 'serve-hostname': return [`${goLogTime(startedAt)} Serving on port ${ls[0].port}.`];
    case 'redis': return lines(fill(REDIS_STARTUP, { time: redisTime(startedAt), version: img.appVersion ?? '7.4.2' }));
    case 'coredns': return lines(COREDNS_STARTUP);
  }
  return [];
}
