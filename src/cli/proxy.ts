// kubectl proxy: a real local HTTP server (127.0.0.1:8001 by default) in front of the simulated
// API server, read-only, with the pods/services proxy subresources reaching the apps
// (src/network/apiproxy.ts). Prints kubectl's "Starting to serve on HOST:PORT" and serves until
// Ctrl-C / SIGTERM.
import { parseFlags } from './flags';
import { session } from './session';
import { err, out, klogLine } from './io';
import { dataPlaneHost } from './dataplane-host';

export async function run(argv: string[]): Promise<number> {
  const p = parseFlags(argv, [
    { name: 'port', short: 'p', type: 'int', default: 8001 },
    { name: 'address', type: 'string', default: '127.0.0.1' },
    { name: 'api-prefix', type: 'string', default: '/' },
    { name: 'www', short: 'w', type: 'string', default: '' },
    { name: 'www-prefix', short: 'P', type: 'string', default: '/static/' },
    { name: 'accept-paths', type: 'string', default: '^.*' },
    { name: 'reject-paths', type: 'string', default: '^/api/.*/pods/.*/exec,^/api/.*/pods/.*/attach' },
    { name: 'accept-hosts', type: 'string', default: '^localhost$,^127\\.0\\.0\\.1$,^\\[::1\\]$' },
    { name: 'reject-methods', type: 'string', default: '^$' },
    { name: 'disable-filter', type: 'bool', default: false },
    { name: 'unix-socket', short: 'u', type: 'string', default: '' },
    { name: 'keepalive', type: 'duration', default: '0s' },
  ], 'kubectl proxy');
  const f = p.flags;
  if (f.help) {
    out('Run a proxy to the Kubernetes API server\n\nUsage:\n  kubectl proxy [--port=PORT] [--www=static-dir] [--www-prefix=prefix] [--api-prefix=prefix] [options]\n');
    return 0;
  }
  if (f['unix-socket'] && f.port !== 8001) {
    err('error: cannot set --unix-socket and --port at the same time\n');
    return 1;
  }
  const ap = require('../network/apiproxy') as typeof import('../network/apiproxy');
  const pf = require('../network/portforward') as typeof import('../network/portforward');
  const net = require('node:net') as typeof import('node:net');
  const s = session();
  s.catchUp();
  const host = dataPlaneHost(s);
  let apiPrefix: string = f['api-prefix'];
  if (!apiPrefix.endsWith('/')) apiPrefix += '/';
  if (f['disable-filter'] && !f['unix-socket']) err(klogLine('W', 'proxy.go:177', 'Request filter disabled, your proxy is vulnerable to XSRF attacks, please be cautious'));
  let filter: import('../network/apiproxy').ApiProxyOptions['filter'];
  if (!f['disable-filter']) {
    try {
      filter = {
        acceptPaths: ap.regexpArray(f['accept-paths']), rejectPaths: ap.regexpArray(f['reject-paths']),
        acceptHosts: ap.regexpArray(f['accept-hosts']), rejectMethods: ap.regexpArray(f['reject-methods']),
      };
    } catch (e) {
      err(`error: ${(e as Error).message}\n`);
      return 1;
    }
  }
  const serve = ap.apiProxyHandler(host, {
    apiPrefix, filter,
    resourceVersion: () => String(s.store.maxRv()),
    list: (kind, ns, sel) => s.api.list(kind, ns, sel),
    refresh: () => { try { s.catchUp(); } catch { /* another process is writing: answer from what is committed */ } },
  });
  const sockets = new Set<import('node:net').Socket>();
  const server = net.createServer((sock) => {
    sockets.add(sock);
    sock.on('close', () => sockets.delete(sock));
    sock.on('error', () => sock.destroy());
    let buf: Buffer = Buffer.alloc(0);
    const remote = { ip: sock.remoteAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1', port: sock.remotePort ?? 0 };
    const local = { ip: sock.localAddress?.replace(/^::ffff:/, '') ?? '127.0.0.1', port: sock.localPort ?? 0 };
    sock.on('data', (chunk) => {
      buf = Buffer.concat([buf, chunk]);
      try {
        buf = pf.serveHttpBuffer(sock, buf, serve, remote, local);
      } catch (e) {
        err(klogLine('E', 'proxy_server.go:147', String((e as Error)?.stack ?? e)));
        sock.destroy();
      }
    });
  });
  const listening = new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    if (f['unix-socket']) server.listen(f['unix-socket'], () => resolve());
    else server.listen({ host: f.address, port: f.port, exclusive: true }, () => resolve());
  });
  try {
    await listening;
  } catch (e: any) {
    const addr = f['unix-socket'] || (String(f.address).includes(':') ? `[${f.address}]:${f.port}` : `${f.address}:${f.port}`);
    const what = e?.code === 'EADDRINUSE' ? 'bind: address already in use' : e?.code === 'EADDRNOTAVAIL' ? 'bind: cannot assign requested address'
      : e?.code === 'EACCES' ? 'bind: permission denied' : e?.code === 'ENOTFOUND' ? `lookup ${f.address}: no such host` : String(e?.message ?? e);
    err(klogLine('F' as 'E', 'proxy.go:275', `listen ${f['unix-socket'] ? 'unix' : 'tcp'} ${addr}: ${what}`));
    return 255;
  }
  const a = server.address();
  const shown = typeof a === 'string' ? a : a ? (a.family === 'IPv6' ? `[${a.address}]:${a.port}` : `${a.address}:${a.port}`) : '';
  out(`Starting to serve on ${shown}\n`);
  await new Promise<void>((resolve) => {
    const stop = () => {
      for (const sock of sockets) sock.destroy();
      server.close(() => resolve());
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
