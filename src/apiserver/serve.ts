// kubesim serve: the Kubernetes API over HTTPS for the cluster in $KUBESIM_HOME, so that the
// user's own kubectl, k9s or a client library can use it. Makes the credentials on first start
// (src/store/pki.ts), merges a `kubesim` context into the kubeconfig real kubectl reads
// (kubeconfig-file.ts), runs the control plane on a timer while it serves, and stops cleanly on
// Ctrl-C / SIGTERM. kubesim's own kubectl keeps opening the SQLite file directly, server or not.
//
// Uses src/cli/session.ts (the Session: store, API, reconcile) and src/cli/dataplane-host.ts
// (the data plane's view of the cluster), the same as the CLI's long-running verbs.
import * as fs from 'fs';
import * as path from 'path';
import type * as net from 'net';
import { kubesimHome } from '../store/db';
import { session } from '../cli/session';
import { dataPlaneHost } from '../cli/dataplane-host';
import { klogLine } from '../cli/io';
import { loadOrCreateCredentials } from '../store/pki';
import { kubeconfigPath, writeKubeconfig, CONTEXT } from './kubeconfig-file';
import { createHandler, streams, authenticated, UNAUTHORIZED } from './handler';
import { WatchHub } from './watch';
import type { ServerEnv } from './env';

const USAGE = `Serve the Kubernetes API for the cluster in $KUBESIM_HOME over HTTPS, so that your own kubectl,
k9s or a client library can use it. A context "kubesim" is written to your kubeconfig and made current.

Usage:
  kubesim serve [--address 127.0.0.1] [--port 6443] [--kubeconfig PATH] [-v]

Options:
    --address='127.0.0.1': The IP address to listen on.
    --port=6443: The port to listen on (6443 when free, else any free port; 0: any free port).
    --kubeconfig='': The kubeconfig file to write the "kubesim" context to (default: $KUBECONFIG's first file, else ~/.kube/config).
    -v, --v=0: Log one line per request on stderr (1 or more).
`;

interface Opts { address: string; port?: number; kubeconfig?: string; verbose: number; help: boolean }

function parseArgs(argv: string[]): Opts | string {
  const o: Opts = { address: '127.0.0.1', verbose: 0, help: false };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const m = /^--?([a-z-]+)(?:=(.*))?$/.exec(a);
    if (!m) return `unknown argument "${a}"`;
    const name = m[1];
    const value = () => { if (m[2] !== undefined) return m[2]; if (i + 1 >= argv.length) throw new Error(`flag needs an argument: --${name}`); return argv[++i]; };
    try {
      if (name === 'address') o.address = value();
      else if (name === 'port' || name === 'p') {
        const v = value();
        if (!/^\d+$/.test(v) || Number(v) > 65535) return `invalid argument "${v}" for "--port" flag: must be a port number`;
        o.port = Number(v);
      } else if (name === 'kubeconfig') o.kubeconfig = value();
      else if (name === 'v') {
        if (m[2] !== undefined) o.verbose = Number(m[2]) || 0;
        else if (i + 1 < argv.length && /^\d+$/.test(argv[i + 1])) o.verbose = Number(argv[++i]);
        else o.verbose = 1;
      } else if (name === 'help' || name === 'h') o.help = true;
      else return `unknown flag: --${name}`;
    } catch (e) { return (e as Error).message; }
  }
  return o;
}

/** Another serve on this home: its pid file names a live process. */
function lockHome(home: string): { release(): void } | { pid: number; url: string } {
  const file = path.join(home, 'serve.pid');
  fs.mkdirSync(home, { recursive: true, mode: 0o700 });
  for (let attempt = 0; attempt < 2; attempt++) {
    try {
      const fd = fs.openSync(file, 'wx', 0o600);
      fs.writeSync(fd, `${process.pid}\n`);
      fs.closeSync(fd);
      return { release: () => { try { if (fs.readFileSync(file, 'utf8').split('\n')[0] === String(process.pid)) fs.unlinkSync(file); } catch { /* gone */ } } };
    } catch (e: any) {
      if (e?.code !== 'EEXIST') throw e;
      const [pidText, url = ''] = fs.readFileSync(file, 'utf8').split('\n');
      const pid = Number(pidText);
      let alive = false;
      try { if (pid > 0) { process.kill(pid, 0); alive = true; } } catch (err: any) { alive = err?.code === 'EPERM'; }
      if (alive) return { pid, url };
      fs.rmSync(file, { force: true });
    }
  }
  throw new Error(`cannot lock ${file}`);
}

export async function run(argv: string[]): Promise<number> {
  const opts = parseArgs(argv);
  if (typeof opts === 'string') {
    process.stderr.write(`Error: ${opts}\nSee 'kubesim serve --help' for usage.\n`);
    return 1;
  }
  if (opts.help) { process.stdout.write(USAGE); return 0; }
  const home = kubesimHome();
  const lock = lockHome(home);
  if (!('release' in lock)) {
    process.stderr.write(`error: kubesim serve is already running for ${home} (pid ${lock.pid}${lock.url ? `, ${lock.url}` : ''})\n`);
    return 1;
  }
  const https = require('https') as typeof import('https');
  const s = session();
  s.deferCommands = true;
  const creds = loadOrCreateCredentials(home);
  let commandsRunning = false;
  const runCommands = () => {
    if (commandsRunning || !s.settings.commands?.pending.length) return;
    commandsRunning = true;
    s.awaitCommands().catch(() => undefined).finally(() => { commandsRunning = false; });
  };
  const refresh = () => { try { s.catchUp(); } catch { /* another process is writing: answer from what is committed */ } runCommands(); };
  refresh();
  const host = dataPlaneHost(s);
  const hub = new WatchHub(s.api, s.store);
  const env: ServerEnv = {
    api: s.api, store: s.store, host, hub, refresh,
    write: (fn) => { try { return s.write(fn); } finally { hub.poll(); runCommands(); } },
  };
  const log = opts.verbose > 0 ? (line: string) => process.stderr.write(klogLine('I', 'httplog.go:134', line)) : undefined;
  const server = https.createServer({
    key: creds.serverKey, cert: creds.serverCert, ca: creds.caCert, requestCert: true, rejectUnauthorized: false,
  }, createHandler(env, { token: creds.token }, log));
  server.keepAliveTimeout = 65_000;
  const sockets = new Set<net.Socket>();
  server.on('connection', (sock: net.Socket) => { sockets.add(sock); sock.on('close', () => sockets.delete(sock)); });
  server.on('upgrade', (req, socket: net.Socket, head: Buffer) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    log?.(`"HTTP" verb="UPGRADE" URI="${req.url}" userAgent="${req.headers['user-agent'] ?? ''}"`);
    const reply = (code: number, text: string, body: object) => {
      const b = JSON.stringify(body);
      socket.end(`HTTP/1.1 ${code} ${text}\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(b)}\r\nConnection: close\r\n\r\n${b}`);
    };
    if (!authenticated(req, { token: creds.token })) return reply(401, 'Unauthorized', UNAUTHORIZED);
    try {
      const st = streams();
      if (st && st.handleStreamUpgrade(req, socket, head, env)) return;
    } catch (e) {
      return reply(500, 'Internal Server Error', { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `Internal error occurred: ${(e as Error).message}`, reason: 'InternalError', code: 500 });
    }
    reply(404, 'Not Found', { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 });
  });
  server.on('clientError', (_e, sock) => { try { sock.destroy(); } catch { /* gone */ } });

  const listen = (port: number) => new Promise<void>((resolve, reject) => {
    const onErr = (e: Error) => { server.off('listening', onOk); reject(e); };
    const onOk = () => { server.off('error', onErr); resolve(); };
    server.once('error', onErr);
    server.once('listening', onOk);
    server.listen({ host: opts.address, port, exclusive: true });
  });
  try {
    if (opts.port === undefined) {
      try { await listen(6443); } catch (e: any) { if (e?.code !== 'EADDRINUSE' && e?.code !== 'EACCES') throw e; await listen(0); }
    } else await listen(opts.port);
  } catch (e: any) {
    lock.release();
    const what = e?.code === 'EADDRINUSE' ? 'bind: address already in use' : e?.code === 'EADDRNOTAVAIL' ? 'bind: cannot assign requested address' : e?.code === 'EACCES' ? 'bind: permission denied' : String(e?.message ?? e);
    process.stderr.write(`error: listen tcp ${opts.address}:${opts.port ?? 6443}: ${what}\n`);
    return 1;
  }
  const a = server.address() as net.AddressInfo;
  const shownHost = ['0.0.0.0', '::'].includes(a.address) ? '127.0.0.1' : a.address;
  const url = `https://${shownHost.includes(':') ? `[${shownHost}]` : shownHost}:${a.port}`;
  fs.writeFileSync(path.join(home, 'serve.pid'), `${process.pid}\n${url}\n`, { mode: 0o600 });
  const kc = kubeconfigPath(opts.kubeconfig);
  try {
    writeKubeconfig(kc, url, creds);
  } catch (e) {
    process.stderr.write(`error: writing ${kc}: ${(e as Error).message}\n`);
    server.close();
    lock.release();
    return 1;
  }
  process.stdout.write(`Serving the Kubernetes API of ${home} on ${url}\nContext "${CONTEXT}" written to ${kc} and made current.\nUse it: kubectl get pods -A    (Ctrl-C stops the server)\n`);

  // NodePorts and LoadBalancers answer on 127.0.0.1, as kind's port mappings and Docker Desktop
  // make them (src/apiserver/host-listeners.ts).
  const { startHostListeners } = require('./host-listeners') as typeof import('./host-listeners');
  const listeners = startHostListeners({ api: s.api, store: s.store, host, refresh, log: (line: string) => process.stderr.write(line + '\n') });

  let exitCode = 0;
  let stopServer = () => {};
  s.replacedMessage();
  // The control plane on a timer: pods start, jobs finish, rollouts progress with nobody typing.
  const tick = setInterval(() => {
    const replaced = s.replacedMessage();
    if (replaced) { process.stderr.write(`error: ${replaced}\n`); exitCode = 1; stopServer(); return; }
    refresh();
    try { hub.poll(); } catch { /* busy */ }
  }, 200);

  await new Promise<void>((resolve) => {
    const stop = stopServer = () => {
      clearInterval(tick);
      hub.stop();
      listeners.stop().catch(() => undefined);
      server.close(() => resolve());
      for (const sock of sockets) sock.destroy();
      setTimeout(resolve, 1000).unref();
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  lock.release();
  return exitCode;
}
