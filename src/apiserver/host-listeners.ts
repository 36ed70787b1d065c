// The host's view of the cluster while a long-running kubesim process runs (`kubesim serve`):
// every NodePort answers on 127.0.0.1:<nodePort> (as kind's extraPortMappings or Docker
// Desktop make it), and every LoadBalancer service on 127.0.0.1:<port> (as Docker Desktop
// does) where that port is free and the OS lets this process bind it; what cannot be bound is
// reported once, with the NodePort to use instead. Each connection goes through the same
// kube-proxy decision a packet to the node (or to the load balancer's IP) would get in the
// simulated data plane (load balancing, ClientIP affinity, network policy,
// externalTrafficPolicy), then real HTTP, or real TLS where the app serves TLS, from the app
// (src/network/serve-conn.ts). Listeners follow the services (sync() re-reads them; a timer
// calls it too), and stop() closes every socket.
//
//   const hl = startHostListeners({ api, store, host, refresh, log });
//   ...                       // services come and go: hl.sync() (or wait for the timer)
//   await hl.stop();
import type { Socket, Server } from 'node:net';
import type { Api } from '../api/server';
import type { Store } from '../store/db';
import type { KObject } from '../api/types';
import type { DataPlaneHost } from '../network/host';
import { NetView, nodeInternalIP, intToIp, ipToInt } from '../network/host';
import { connect } from '../network/proxy';
import { serveAppConnection } from '../network/serve-conn';
import { serveHttp } from '../network/apps';

export interface HostListenersEnv {
  api: Api;
  store: Store;
  host: DataPlaneHost;
  /** let the control plane catch up (called before each sync) */
  refresh(): void;
  /** one line of report (bound, cannot bind, closed) */
  log(line: string): void;
  /** address to listen on (default 127.0.0.1) */
  address?: string;
  /** how often the services are re-read without being asked (ms, default 1000; 0: never) */
  pollMs?: number;
}

export interface HostListeners {
  /** re-read the services: open what is new, close what is gone */
  sync(): void;
  /** close every listener and connection */
  stop(): Promise<void>;
  /** what is listening now: port -> what it serves (for tests and status lines) */
  listening(): Map<number, string>;
}

/** What a host port serves: a node port (dialed on a node), or a load balancer port (dialed on
 *  the load balancer's address). */
interface Target {
  port: number;
  kind: 'NodePort' | 'LoadBalancer';
  ns: string;
  name: string;
  /** the service port's name or number, for messages */
  portLabel: string;
  /** LoadBalancer: the ingress address; NodePort: unused */
  ip?: string;
  /** LoadBalancer: the service port's node port (the fallback to report) */
  nodePort?: number;
}

const label = (t: Target) => `${t.kind === 'NodePort' ? 'NodePort' : 'LoadBalancer'} ${t.ns}/${t.name}:${t.portLabel}`;
const targetKey = (t: Target) => `${t.kind}/${t.ns}/${t.name}/${t.portLabel}/${t.port}`;

/** The host ports the services ask for, in a stable order (older services first win a port). */
export function desiredTargets(services: KObject[]): Target[] {
  const out: Target[] = [];
  const byAge = [...services].sort((a, b) => (a.metadata.creationTimestamp ?? '').localeCompare(b.metadata.creationTimestamp ?? '') ||
    `${a.metadata.namespace}/${a.metadata.name}`.localeCompare(`${b.metadata.namespace}/${b.metadata.name}`));
  for (const s of byAge) {
    const type = s.spec?.type;
    if (type !== 'NodePort' && type !== 'LoadBalancer') continue;
    for (const p of s.spec?.ports ?? []) {
      if ((p.protocol ?? 'TCP') !== 'TCP') continue;
      const portLabel = p.name || String(p.port);
      if (p.nodePort) out.push({ port: p.nodePort, kind: 'NodePort', ns: s.metadata.namespace!, name: s.metadata.name, portLabel });
    }
    if (type === 'LoadBalancer') {
      const ip = (s.status?.loadBalancer?.ingress ?? []).map((i: any) => i.ip).find(Boolean);
      if (!ip) continue;
      for (const p of s.spec?.ports ?? []) {
        if ((p.protocol ?? 'TCP') !== 'TCP') continue;
        out.push({ port: p.port, kind: 'LoadBalancer', ns: s.metadata.namespace!, name: s.metadata.name, portLabel: p.name || String(p.port), ip, nodePort: p.nodePort });
      }
    }
  }
  return out;
}

export function startHostListeners(env: HostListenersEnv): HostListeners {
  const net = require('node:net') as typeof import('node:net');
  const address = env.address ?? '127.0.0.1';
  /** port -> the listener bound on it and what it serves now */
  const bound = new Map<number, { server: Server; target: Target }>();
  /** ports being bound (listen is asynchronous) */
  const binding = new Set<number>();
  const sockets = new Set<Socket>();
  /** reports already made (key: what + why), so each is said once */
  const reported = new Set<string>();
  let stopped = false;

  const reportOnce = (key: string, line: string) => {
    if (reported.has(key)) return;
    reported.add(key);
    env.log(line);
  };

  const controlPlane = (view: NetView): KObject | undefined =>
    view.nodes().find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined) ?? view.nodes()[0];

  function handle(sock: Socket, port: number): void {
    if (stopped) { sock.destroy(); return; }
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => sock.destroy());
    const entry = bound.get(port);
    if (!entry) { sock.destroy(); return; }
    const t = entry.target;
    const view = new NetView(env.host);
    // the host reaches the cluster through the nodes' network bridge (kind: 172.18.0.1)
    const cp = controlPlane(view);
    const nodeIP = nodeInternalIP(cp) ?? '172.18.0.2';
    const src = { ip: intToIp((ipToInt(nodeIP) & 0xffffff00) + 1) };
    const conn = t.kind === 'NodePort' ? connect(view, src, nodeIP, t.port, 'TCP') : connect(view, src, t.ip!, t.port, 'TCP');
    // `kubesim trace` and the live picture record each connection, with the app's answer if HTTP
    const trace = (answer?: { status: number; reason: string; version: string; target: string }) =>
      env.host.trace?.((require('../network/trace-record') as typeof import('../network/trace-record')).hostListenerRecord(view, port, src, conn, answer));
    if (conn.kind !== 'connected' || conn.dst.type !== 'pod') trace();
    if (conn.kind === 'refused' || conn.kind === 'unreachable') {
      // kube-proxy REJECTs a service without endpoints: the client sees a reset
      if (typeof (sock as any).resetAndDestroy === 'function') (sock as any).resetAndDestroy(); else sock.destroy();
      return;
    }
    if (conn.kind === 'timeout') {
      // dropped (network policy, externalTrafficPolicy Local without a local endpoint): the
      // client waits for its own timeout, as it would against a real node
      sock.on('data', () => { /* nothing answers */ });
      return;
    }
    if (conn.dst.type !== 'pod') { sock.destroy(); return; }
    const { pod, listener } = conn.dst;
    const ctx = () => ({ host: env.host, pod, now: env.host.now() });
    const wire = listener.wire === 'http' || listener.wire === 'https';
    if (!wire) trace();
    serveAppConnection(sock, {
      host: env.host, pod: () => pod, listener, peer: conn.peer, local: { ip: conn.dst.ip, port: conn.dst.port },
      serve: (req) => { const res = serveHttp(listener, req, ctx()); trace({ ...res, target: `${req.method} ${req.target}` }); return res; },
    });
  }

  function open(t: Target): void {
    binding.add(t.port);
    const server = net.createServer((sock) => handle(sock, t.port));
    server.once('error', (e: NodeJS.ErrnoException) => {
      binding.delete(t.port);
      const why = e.code === 'EADDRINUSE' ? 'the port is in use on this machine'
        : e.code === 'EACCES' ? `ports below 1024 need privileges this process does not have`
          : e.code ?? e.message;
      const instead = t.kind === 'LoadBalancer' && t.nodePort ? `; use its NodePort instead: 127.0.0.1:${t.nodePort}` : '';
      reportOnce(`fail/${targetKey(t)}/${e.code}`, `cannot listen on ${address}:${t.port} for ${label(t)}: ${why}${instead}`);
    });
    server.listen({ host: address, port: t.port, exclusive: true }, () => {
      binding.delete(t.port);
      if (stopped) { server.close(); return; }
      bound.set(t.port, { server, target: t });
      reported.delete(`closed/${t.port}`);
      env.log(`${label(t)} on ${address}:${t.port}`);
    });
  }

  function close(port: number, why: string): void {
    const e = bound.get(port);
    if (!e) return;
    bound.delete(port);
    e.server.close();
    env.log(`closed ${address}:${port} (${label(e.target)}: ${why})`);
  }

  function sync(): void {
    if (stopped) return;
    try { env.refresh(); } catch { /* a busy database: the next sync catches up */ }
    let services: KObject[];
    try { services = env.api.list('Service'); } catch { return; }
    const wanted = new Map<number, Target>();
    for (const t of desiredTargets(services)) {
      const prev = wanted.get(t.port);
      if (!prev) { wanted.set(t.port, t); continue; }
      // two services want the same host port: the first keeps it
      const instead = t.kind === 'LoadBalancer' && t.nodePort ? `; use its NodePort instead: 127.0.0.1:${t.nodePort}` : '';
      reportOnce(`dup/${targetKey(t)}`, `cannot listen on ${address}:${t.port} for ${label(t)}: ${label(prev)} has it${instead}`);
    }
    for (const [port, e] of bound) {
      const t = wanted.get(port);
      if (!t) close(port, 'service gone');
      else if (targetKey(t) !== targetKey(e.target)) e.target = t;
    }
    for (const [port, t] of wanted) if (!bound.has(port) && !binding.has(port)) open(t);
  }

  const timer = env.pollMs === 0 ? undefined : setInterval(sync, env.pollMs ?? 1000);
  timer?.unref?.();
  sync();

  return {
    sync,
    listening: () => new Map([...bound].map(([p, e]) => [p, label(e.target)])),
    stop: async () => {
      if (stopped) return;
      stopped = true;
      if (timer) clearInterval(timer);
      for (const s of sockets) s.destroy();
      await Promise.all([...bound.values()].map((e) => new Promise<void>((r) => e.server.close(() => r()))));
      bound.clear();
    },
  };
}
