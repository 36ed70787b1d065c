// A small HTTP API server for the streaming subresources' tests: it calls handleStreamUpgrade
// and handleLog (src/apiserver/streams.ts) and answers just enough else (GET of a pod, minimal
// discovery, /version) for @kubernetes/client-node and the real kubectl to exec, attach,
// port-forward and read logs. Plain HTTP on 127.0.0.1, port 0; the cluster is the one in
// KUBESIM_HOME (the same file the test's bin/kubectl writes).
import * as http from 'node:http';
import type { AddressInfo } from 'node:net';
import { Session } from '../../src/cli/session';
import { dataPlaneHost } from '../../src/cli/dataplane-host';
import { handleLog, handleStreamUpgrade, StreamEnv } from '../../src/apiserver/streams';

export interface StreamServer { url: string; port: number; env: StreamEnv; close(): Promise<void>; requests: string[] }

const json = (res: http.ServerResponse, code: number, body: unknown) => {
  const b = JSON.stringify(body);
  res.writeHead(code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(b) });
  res.end(b);
};

const RESOURCES = {
  kind: 'APIResourceList', groupVersion: 'v1',
  resources: [
    { name: 'pods', singularName: 'pod', namespaced: true, kind: 'Pod', verbs: ['get', 'list'], shortNames: ['po'] },
    { name: 'pods/attach', singularName: '', namespaced: true, kind: 'PodAttachOptions', verbs: ['create', 'get'] },
    { name: 'pods/exec', singularName: '', namespaced: true, kind: 'PodExecOptions', verbs: ['create', 'get'] },
    { name: 'pods/log', singularName: '', namespaced: true, kind: 'Pod', verbs: ['get'] },
    { name: 'pods/portforward', singularName: '', namespaced: true, kind: 'PodPortForwardOptions', verbs: ['create', 'get'] },
  ],
};

export async function startStreamServer(home: string): Promise<StreamServer> {
  process.env.KUBESIM_HOME = home;
  process.env.KUBESIM_POD_STARTUP ??= '0';
  const s = new Session();
  // One-shot commands of containers the control plane starts here run in this process (as a
  // long-running server must: spawning `process.argv[1] __commands` would start the test again).
  s.deferCommands = true;
  const env: StreamEnv = { api: s.api, store: s.store, host: dataPlaneHost(s), refresh: () => { s.catchUp(); void s.awaitCommands().catch(() => undefined); } };
  const requests: string[] = [];
  const server = http.createServer((req, res) => {
    requests.push(`${req.method} ${req.url}`);
    if (handleLog(req, res, env)) return;
    const u = new URL(req.url ?? '/', 'http://localhost');
    const m = /^\/api\/v1\/namespaces\/([^/]+)\/pods\/([^/]+)$/.exec(u.pathname);
    if (m && req.method === 'GET') {
      env.refresh();
      const pod = env.api.get('Pod', m[1], m[2]);
      if (!pod) return json(res, 404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: `pods "${m[2]}" not found`, reason: 'NotFound', details: { name: m[2], kind: 'pods' }, code: 404 });
      return json(res, 200, pod);
    }
    if (u.pathname === '/api') return json(res, 200, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress: req.headers.host }] });
    if (u.pathname === '/api/v1') return json(res, 200, RESOURCES);
    if (u.pathname === '/apis') return json(res, 200, { kind: 'APIGroupList', apiVersion: 'v1', groups: [] });
    if (u.pathname === '/version') return json(res, 200, { major: '1', minor: '32', gitVersion: 'v1.32.2', platform: 'linux/amd64' });
    json(res, 404, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message: 'the server could not find the requested resource', reason: 'NotFound', details: {}, code: 404 });
  });
  server.on('upgrade', (req, socket, head) => {
    requests.push(`${req.method} ${req.url} upgrade=${req.headers.upgrade}`);
    if (!handleStreamUpgrade(req, socket, head, env)) socket.destroy();
  });
  const sockets = new Set<import('node:net').Socket>();
  server.on('connection', (c) => { sockets.add(c); c.on('close', () => sockets.delete(c)); });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const port = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${port}`, port, env, requests,
    close: () => new Promise<void>((r) => { for (const c of sockets) c.destroy(); server.close(() => { s.store.db.close(); r(); }); }),
  };
}
