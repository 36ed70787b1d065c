// kubectl port-forward: real TCP listeners on the local machine (127.0.0.1 and ::1 for the
// default --address localhost), each connection answered by the chosen pod's app over real
// HTTP/1.1, with kubectl's messages ("Forwarding from ...", "Handling connection for ...") and
// its errors (bind failures, nothing listening in the pod, the pod going away).
//
//   const pod = attachablePod(host, ns, selector)            // svc/deploy/rs: the pod kubectl picks
//   const ports = translatePorts(['5000:8080'], { pod, service })   // kubectl's port translation
//   const pf = await startPortForward(host, pod, ports, { out, err, refreshPod })
//   ... pf.done resolves { exitCode, error? } when the pod goes away or pf.close() is called.
import type { KObject } from '../api/types';
import type { DataPlaneHost } from './host';
import { isPodReady } from './host';
import { listenerOn, serveHttp, serveRaw } from './apps';
import { serveAppConnection } from './serve-conn';
import { HttpRequest, HttpResponse, header, responseHead } from './http';
import { matchLabels, selectorFromLabelSelector, selectorFromMap } from '../api/selectors';
import { namedPort } from './policy';

/** kubectl's ForwardedPort: Local 0 = pick a free port. */
export interface ForwardedPort { local: number; remote: number }

export interface PortForwardOptions {
  /** --address values (default ["localhost"]: 127.0.0.1 and ::1) */
  addresses?: string[];
  out(s: string): void;
  err(s: string): void;
  /** the pod as it is now (after the control plane caught up); undefined once it is gone */
  refreshPod?: () => KObject | undefined | Promise<KObject | undefined>;
  /** how often refreshPod is called (ms, default 1000) */
  pollMs?: number;
}

export interface PortForwardHandle {
  /** the ports actually bound (local ports resolved when 0 was asked) */
  ports: ForwardedPort[];
  /** exit code and kubectl's error message (printed as `error: <message>`), when it stops */
  done: Promise<{ exitCode: number; error?: string }>;
  /** stop listening (Ctrl-C): done resolves with exit code 0 */
  close(): void;
}

export class PortForwardError extends Error { override name = 'PortForwardError'; }

// ---- choosing the pod and the ports, as kubectl does ------------------------------------------------

/** podutils.ActivePods reversed: the most active pod first (assigned, running, ready longest, fewest restarts, oldest). */
export function sortMostActive(pods: KObject[]): KObject[] {
  const phaseRank = (p: KObject) => ({ Pending: 0, Unknown: 1, Running: 2 } as Record<string, number>)[p.status?.phase ?? ''] ?? -1;
  const readySince = (p: KObject) => Date.parse(p.status?.conditions?.find((c: any) => c.type === 'Ready' && c.status === 'True')?.lastTransitionTime ?? '') || 0;
  const restarts = (p: KObject) => (p.status?.containerStatuses ?? []).reduce((n: number, c: any) => Math.max(n, c.restartCount ?? 0), 0);
  const created = (p: KObject) => Date.parse(p.metadata.creationTimestamp ?? '') || 0;
  return [...pods].sort((a, b) => {
    if (!!a.spec?.nodeName !== !!b.spec?.nodeName) return a.spec?.nodeName ? -1 : 1;
    if (phaseRank(a) !== phaseRank(b)) return phaseRank(b) - phaseRank(a);
    if (isPodReady(a) !== isPodReady(b)) return isPodReady(a) ? -1 : 1;
    if (isPodReady(a) && readySince(a) !== readySince(b)) return readySince(a) - readySince(b);
    if (restarts(a) !== restarts(b)) return restarts(a) - restarts(b);
    if (created(a) !== created(b)) return created(a) - created(b);
    return a.metadata.name < b.metadata.name ? -1 : 1;
  });
}

/** The pod kubectl attaches to for a selector (services, deployments, replica sets). */
export function attachablePod(host: { list(kind: string, ns?: string): KObject[] }, namespace: string, selector: Record<string, string> | { matchLabels?: any; matchExpressions?: any }): KObject | undefined {
  const sel = 'matchLabels' in selector || 'matchExpressions' in selector ? selectorFromLabelSelector(selector) : selectorFromMap(selector as Record<string, string>);
  const pods = host.list('Pod', namespace).filter((p) => matchLabels(sel, p.metadata.labels) && !p.metadata.deletionTimestamp);
  return sortMostActive(pods)[0];
}

const splitPort = (s: string): [string, string] => {
  const parts = s.split(':');
  return parts.length === 2 ? [parts[0], parts[1]] : [s, s];
};

/** translateServicePortToTargetPort / convertPodNamedPortToNumber: the mapping strings with the
 *  remote side as a container port. Throws PortForwardError with kubectl's message. */
export function translatePorts(ports: string[], target: { pod: KObject; service?: KObject }): string[] {
  const { pod, service } = target;
  return ports.map((spec) => {
    let [local, remote] = splitPort(spec);
    if (service) {
      let portnum = /^\d+$/.test(remote) ? Number(remote) : NaN;
      if (Number.isNaN(portnum)) {
        const sp = (service.spec?.ports ?? []).find((p: any) => p.name === remote);
        if (!sp) throw new PortForwardError(`Service '${service.metadata.name}' does not have a named port '${remote}'`);
        portnum = sp.port;
        if (local === remote) local = String(portnum);
      }
      const sp = (service.spec?.ports ?? []).find((p: any) => p.port === portnum);
      if (!sp) throw new PortForwardError(`Service ${service.metadata.name} does not have a service port ${portnum}`);
      let container: number;
      if (service.spec?.clusterIP === 'None') container = portnum;
      else if (sp.targetPort === undefined || typeof sp.targetPort === 'number' || /^\d+$/.test(String(sp.targetPort))) container = Number(sp.targetPort ?? 0) || sp.port;
      else {
        const n = namedPort(pod, String(sp.targetPort), sp.protocol ?? 'TCP') ?? namedPort(pod, String(sp.targetPort), 'UDP');
        if (n === undefined) throw new PortForwardError(`Pod '${pod.metadata.name}' does not have a named port '${sp.targetPort}'`);
        container = n;
      }
      remote = String(container);
      return local !== remote ? `${local}:${remote}` : remote;
    }
    if (!/^\d+$/.test(remote)) {
      const n = namedPort(pod, remote, 'TCP') ?? namedPort(pod, remote, 'UDP');
      if (n === undefined) throw new PortForwardError(`Pod '${pod.metadata.name}' does not have a named port '${remote}'`);
      if (local === remote) local = String(n);
      remote = String(n);
      return local !== remote ? `${local}:${remote}` : remote;
    }
    return spec;
  });
}

/** client-go's parsePorts (5000, 8888:5000, :5000, 0:5000). Throws with client-go's message. */
export function parsePorts(ports: string[]): ForwardedPort[] {
  return ports.map((p) => {
    const parts = p.split(':');
    let local: string, remote: string;
    if (parts.length === 1) { local = remote = parts[0]; }
    else if (parts.length === 2) { local = parts[0] || '0'; remote = parts[1]; }
    else throw new PortForwardError(`invalid port format '${p}'`);
    const parse = (s: string, which: string) => {
      if (!/^\d+$/.test(s)) throw new PortForwardError(`error parsing ${which} port '${s}': strconv.ParseUint: parsing "${s}": invalid syntax`);
      const n = Number(s);
      if (n > 65535) throw new PortForwardError(`error parsing ${which} port '${s}': strconv.ParseUint: parsing "${s}": value out of range`);
      return n;
    };
    const l = parse(local, 'local');
    const r = parse(remote, 'remote');
    if (r === 0) throw new PortForwardError('remote port must be > 0');
    return { local: l, remote: r };
  });
}

interface ListenAddress { address: string; family: 4 | 6; failureMode: 'all' | 'any' }

function parseAddresses(addrs: string[]): ListenAddress[] {
  const parsed = new Map<string, ListenAddress>();
  const net = require('node:net') as typeof import('node:net');
  for (const a of addrs) {
    if (a === 'localhost') {
      if (!parsed.has('127.0.0.1')) parsed.set('127.0.0.1', { address: '127.0.0.1', family: 4, failureMode: 'all' });
      if (!parsed.has('::1')) parsed.set('::1', { address: '::1', family: 6, failureMode: 'all' });
    } else if (net.isIPv4(a)) parsed.set(a, { address: a, family: 4, failureMode: 'any' });
    else if (net.isIPv6(a)) parsed.set(a, { address: a, family: 6, failureMode: 'any' });
    else throw new PortForwardError(`${a} is not a valid IP`);
  }
  return [...parsed.values()].sort((x, y) => (x.address < y.address ? -1 : x.address > y.address ? 1 : 0));
}

const joinHostPort = (h: string, p: number) => (h.includes(':') ? `[${h}]:${p}` : `${h}:${p}`);

/** A klog error line as kubectl prints it. */
function klogError(now: Date, msg: string, line = 424): string {
  const p2 = (n: number) => String(n).padStart(2, '0');
  const micros = String(now.getUTCMilliseconds() * 1000 + Math.floor(Math.random() * 1000)).padStart(6, '0');
  return `E${p2(now.getMonth() + 1)}${p2(now.getDate())} ${p2(now.getHours())}:${p2(now.getMinutes())}:${p2(now.getSeconds())}.${micros} ${String(process.pid).padStart(7)} portforward.go:${line}] "Unhandled Error" err="${msg.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"\n`;
}

function sandboxId(pod: KObject): string {
  let h = 0x811c9dc5;
  let out = '';
  for (let i = 0; i < 8; i++) {
    for (const c of `${pod.metadata.uid}/sandbox/${i}`) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
    out += h.toString(16).padStart(8, '0');
  }
  return out;
}

/** The bytes of a response on the wire (chunked when the app says so). */
export function wireResponse(res: HttpResponse, head: boolean): Buffer {
  const chunked = (header(res.headers, 'Transfer-Encoding') ?? '').toLowerCase() === 'chunked';
  let body = '';
  if (!head && res.body) body = chunked ? `${Buffer.byteLength(res.body).toString(16)}\r\n${res.body}\r\n0\r\n\r\n` : res.body;
  else if (!head && chunked) body = '0\r\n\r\n';
  return Buffer.concat([Buffer.from(responseHead(res), 'latin1'), Buffer.from(body, 'utf8')]);
}

/** Answer the complete HTTP/1.x requests at the head of `buf` on `sock` (keep-alive, Content-Length
 *  bodies, HEAD without a body, `Connection: close`); returns what is left of `buf` (an incomplete
 *  request). Used by port-forward (the pod's app) and kubectl proxy (the API server). */
export function serveHttpBuffer(sock: ConnSink, buf: Buffer, serve: (req: HttpRequest) => HttpResponse,
  remote: { ip: string; port: number }, local: { ip: string; port: number }): Buffer {
  for (;;) {
    const end = buf.indexOf('\r\n\r\n');
    if (end < 0) return buf;
    const head = buf.subarray(0, end).toString('latin1');
    const [reqLine, ...hl] = head.split('\r\n');
    const headers = hl.filter(Boolean).map((x) => { const i = x.indexOf(':'); return [x.slice(0, i).trim(), x.slice(i + 1).trim()] as [string, string]; });
    const len = Number(header(headers, 'Content-Length') ?? 0) || 0;
    if (buf.length < end + 4 + len) return buf;
    const body = buf.subarray(end + 4, end + 4 + len).toString('utf8');
    buf = buf.subarray(end + 4 + len);
    const m = /^(\S+) (\S+) (HTTP\/\d\.\d)$/.exec(reqLine);
    if (!m) {
      sock.write('HTTP/1.1 400 Bad Request\r\nContent-Type: text/plain; charset=utf-8\r\nConnection: close\r\n\r\n400 Bad Request');
      sock.end();
      return Buffer.alloc(0);
    }
    const req: HttpRequest = { method: m[1], target: m[2], version: m[3], headers, body, remote, local };
    const res = serve(req);
    sock.write(wireResponse(res, m[1] === 'HEAD'));
    const conn = (header(headers, 'Connection') ?? '').toLowerCase();
    if (conn === 'close' || (m[3] === 'HTTP/1.0' && conn !== 'keep-alive')) { sock.end(); return Buffer.alloc(0); }
  }
}

/** Where a connection's answer goes: a socket, or a stream of the API server's port-forward. */
export interface ConnSink { write(data: Buffer | string): unknown; end(): unknown }

/** One connection into the pod, as the kubelet's port forwarder dials it (localhost:PORT inside
 *  the pod's network namespace): feed it what the client sends, the app answers on `sink`.
 *  undefined when nothing listens on the port (connection refused: see forwardRefusedMessage). */
export function dialPod(host: DataPlaneHost, pod: KObject, port: number, sink: ConnSink): { write(chunk: Buffer): void } | undefined {
  const l = listenerOn(pod, port, 'TCP', host);
  if (!l) return undefined;
  const peer = { ip: '127.0.0.1', port: 32768 + Math.floor(host.random() * 28232) };
  let buf: Buffer = Buffer.alloc(0);
  let closed = false;
  const out: ConnSink = { write: (d) => (closed ? undefined : sink.write(d)), end: () => { if (closed) return; closed = true; sink.end(); } };
  return {
    write(chunk) {
      if (closed) return;
      buf = Buffer.concat([buf, chunk]);
      if (l.wire !== 'http') {
        const raw = serveRaw(l, peer, { host, pod, now: host.now() });
        if (raw) out.write(raw);
        out.end();
        return;
      }
      buf = serveHttpBuffer(out, buf, (req) => serveHttp(l, req, { host, pod, now: host.now() }), peer, { ip: '127.0.0.1', port });
    },
  };
}

/** What the container runtime (containerd) reports when nothing listens on the pod's port; the
 *  kubelet writes it on the connection's error stream and kubectl prints it. */
export function forwardRefusedMessage(pod: KObject, port: number): string {
  const sb = sandboxId(pod);
  const netns = `/var/run/netns/cni-${sb.slice(0, 8)}-${sb.slice(8, 12)}-${sb.slice(12, 16)}-${sb.slice(16, 20)}-${sb.slice(20, 32)}`;
  return `error forwarding port ${port} to pod ${sb}, uid : failed to execute portforward in network namespace "${netns}": failed to connect to localhost:${port} inside namespace "${sb}", IPv4: dial tcp4 127.0.0.1:${port}: connect: connection refused IPv6 dial tcp6 [::1]:${port}: connect: connection refused `;
}

/** Listen and forward. Rejects with PortForwardError (kubectl's message) when nothing could be bound
 *  or the pod is not running. */
export async function startPortForward(host: DataPlaneHost, pod0: KObject, mappings: string[], opts: PortForwardOptions): Promise<PortForwardHandle> {
  const net = require('node:net') as typeof import('node:net');
  if (pod0.status?.phase !== 'Running') throw new PortForwardError(`unable to forward port because pod is not running. Current status=${pod0.status?.phase ?? 'Unknown'}`);
  const addresses = parseAddresses(opts.addresses?.length ? opts.addresses : ['localhost']);
  const ports = parsePorts(mappings);
  let pod = pod0;
  const servers: import('node:net').Server[] = [];
  const sockets = new Set<import('node:net').Socket>();
  let finish!: (r: { exitCode: number; error?: string }) => void;
  const done = new Promise<{ exitCode: number; error?: string }>((r) => { finish = r; });
  let finished = false;
  let timer: NodeJS.Timeout | undefined;
  const stop = (r: { exitCode: number; error?: string }) => {
    if (finished) return;
    finished = true;
    if (timer) clearInterval(timer);
    for (const s of sockets) s.destroy();
    for (const s of servers) s.close();
    finish(r);
  };

  const listen = (addr: ListenAddress, port: ForwardedPort) => new Promise<import('node:net').Server>((resolve, reject) => {
    const srv = net.createServer((sock) => handle(sock, port));
    srv.once('error', (e: NodeJS.ErrnoException) => {
      const what = e.code === 'EADDRINUSE' ? 'bind: address already in use' : e.code === 'EADDRNOTAVAIL' ? 'bind: cannot assign requested address' : e.code === 'EACCES' ? 'bind: permission denied' : e.message;
      reject(new Error(`unable to create listener: Error listen tcp${addr.family} ${joinHostPort(addr.address, port.local)}: ${what}`));
    });
    srv.listen({ host: addr.address, port: port.local, ipv6Only: addr.family === 6, exclusive: true }, () => resolve(srv));
  });

  let any = false;
  for (const port of ports) {
    const errors: string[] = [];
    const fail: Record<string, number> = {};
    const ok: Record<string, number> = {};
    for (const addr of addresses) {
      try {
        const srv = await listen(addr, port);
        servers.push(srv);
        const bound = (srv.address() as import('node:net').AddressInfo).port;
        port.local = bound;
        opts.out(`Forwarding from ${joinHostPort(addr.address, bound)} -> ${port.remote}\n`);
        ok[addr.failureMode] = (ok[addr.failureMode] ?? 0) + 1;
      } catch (e) {
        // an address family the machine does not have (no IPv6) is skipped silently
        const msg = String((e as Error).message);
        if (addr.family === 6 && addr.failureMode === 'all' && /cannot assign requested address|EAFNOSUPPORT|address family/i.test(msg)) continue;
        errors.push(msg);
        fail[addr.failureMode] = (fail[addr.failureMode] ?? 0) + 1;
      }
    }
    const failed = (!ok.all && fail.all) || fail.any;
    if (failed) opts.err(`Unable to listen on port ${port.local}: Listeners failed to create with the following errors: [${errors.join(' ')}]\n`);
    else any = true;
  }
  if (!any) {
    for (const s of servers) s.close();
    throw new PortForwardError(`unable to listen on any of the requested ports: [${ports.map((p) => `{${p.local} ${p.remote}}`).join(' ')}]`);
  }

  function handle(sock: import('node:net').Socket, port: ForwardedPort): void {
    if (finished) { sock.destroy(); return; }
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => sock.destroy());
    opts.out(`Handling connection for ${port.local}\n`);
    const l = listenerOn(pod, port.remote, 'TCP', host);
    const traced = (res?: HttpResponse, req?: HttpRequest) => host.trace?.((require('./trace-record') as typeof import('./trace-record')).portForwardRecord(pod, port.local, port.remote, host.now(), res && { ...res, target: `${req?.method} ${req?.target}` }));
    if (!l) {
      traced();
      opts.err(klogError(new Date(), `an error occurred forwarding ${port.local} -> ${port.remote}: ${forwardRefusedMessage(pod, port.remote)}`));
      sock.destroy();
      stop({ exitCode: 1, error: 'lost connection to pod' });
      return;
    }
    const peer = { ip: '127.0.0.1', port: 32768 + Math.floor(host.random() * 28232) };
    // real TLS on a TLS port, the app's 400 for the wrong protocol (serve-conn.ts); each request traced
    serveAppConnection(sock, {
      host, pod: () => pod, listener: l, peer, local: { ip: '127.0.0.1', port: port.remote },
      serve: (req) => { const res = serveHttp(l, req, { host, pod, now: host.now() }); traced(res, req); return res; },
    });
  }

  if (opts.refreshPod) {
    const uid = pod0.metadata.uid;
    let busy = false;
    timer = setInterval(async () => {
      if (busy || finished) return;
      busy = true;
      try {
        const p = await opts.refreshPod!();
        if (!p || p.metadata.uid !== uid || p.status?.phase !== 'Running') stop({ exitCode: 1, error: 'lost connection to pod' });
        else pod = p;
      } finally { busy = false; }
    }, opts.pollMs ?? 1000);
  }

  return { ports, done, close: () => stop({ exitCode: 0 }) };
}
