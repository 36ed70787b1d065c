// pods/NAME/portforward: three ways in, one way to the pod (network/portforward.ts dialPod, the
// same simulated apps `kubesim port-forward` answers from).
//
// - WebSocket, subprotocol `SPDY/3.1+portforward.k8s.io` (kubectl 1.31+'s default): the binary
//   messages carry a SPDY/3.1 byte stream, as over a raw SPDY upgrade.
// - `Upgrade: SPDY/3.1` with `X-Stream-Protocol-Version: portforward.k8s.io` (kubectl's fallback):
//   each forwarded connection is a pair of streams with headers streamType (error | data), port
//   and requestID; the kubelet's error text goes on the error stream.
// - WebSocket `v4.channel.k8s.io` (the Python and JavaScript clients): ?ports=P1,P2 opens one
//   connection per port at once, data on channel 2i and errors on 2i+1, each channel starting
//   with the port as two little-endian bytes.
import type * as http from 'node:http';
import type * as stream from 'node:stream';
import type { KObject } from '../api/types';
import type { StreamEnv } from './streams';
import { SpdyConnection, SpdyStream } from './spdy';
import { ChannelSocket, acceptWebSocket, isWebSocketRequest, negotiate, writeHttpResponse } from './websocket';
import { badRequest, podNotFound, statusJson } from './stream-status';

const TUNNEL = 'SPDY/3.1+portforward.k8s.io';
const CHANNEL_PROTOCOLS = ['v4.channel.k8s.io', 'v4.base64.channel.k8s.io', ''];
/** how often a forwarding connection looks whether its pod is still there */
const POD_POLL_MS = 1000;

const text = (socket: stream.Duplex, code: number, msg: string) => writeHttpResponse(socket, code, msg, 'text/plain; charset=utf-8');

export function servePortForward(req: http.IncomingMessage, socket: stream.Duplex, head: Buffer, env: StreamEnv, ns: string, name: string, q: URLSearchParams): void {
  env.refresh();
  const pod = env.api.get('Pod', ns, name);
  if (!pod) { writeHttpResponse(socket, 404, statusJson(podNotFound(name))); return; }
  if (!pod.spec?.nodeName) { writeHttpResponse(socket, 400, statusJson(badRequest(`pod ${name} does not have a host assigned`))); return; }
  // The kubelet: the pod's sandbox must be there.
  if (pod.status?.phase !== 'Running' || pod.metadata.deletionTimestamp) { text(socket, 500, `pod not found ("${name}_${ns}")`); return; }

  if (isWebSocketRequest(req)) {
    const protocol = negotiate(req, [TUNNEL, ...CHANNEL_PROTOCOLS]);
    if (protocol === undefined) {
      text(socket, 400, `requested protocol(s) are not supported: [${req.headers['sec-websocket-protocol'] ?? ''}]; supports [${[TUNNEL, ...CHANNEL_PROTOCOLS].join(' ')}]`);
      return;
    }
    if (protocol === TUNNEL) {
      acceptWebSocket(req, socket, head, protocol).then((ws) => {
        const conn = spdyPortForward(env, pod, (b) => ws.send(b, { binary: true }), () => ws.close(1000));
        ws.on('message', (data: Buffer | ArrayBuffer | Buffer[]) => conn.feed(Array.isArray(data) ? Buffer.concat(data) : Buffer.isBuffer(data) ? data : Buffer.from(data)));
        ws.on('close', () => conn.destroy());
        ws.on('error', () => { conn.destroy(); ws.terminate(); });
      });
      return;
    }
    let ports: number[];
    try { ports = parsePorts(q.getAll('ports')); } catch (e) { text(socket, 400, (e as Error).message); return; }
    acceptWebSocket(req, socket, head, protocol).then((ws) => channelPortForward(env, pod, ports, ws, protocol));
    return;
  }

  // The raw SPDY upgrade (httpstream.Handshake + spdy.NewResponseUpgrader).
  if (!/^spdy\/3\.1$/i.test(String(req.headers.upgrade ?? ''))) { text(socket, 400, 'Upgrade request required'); return; }
  const offered = String(req.headers['x-stream-protocol-version'] ?? '').split(',').map((s) => s.trim()).filter(Boolean);
  if (offered.length && !offered.includes('portforward.k8s.io')) {
    text(socket, 403, `unable to upgrade: unable to negotiate protocol: client supports [${offered.join(' ')}], server supports [portforward.k8s.io]`);
    return;
  }
  socket.write('HTTP/1.1 101 Switching Protocols\r\nConnection: Upgrade\r\nUpgrade: SPDY/3.1\r\n' +
    (offered.length ? 'X-Stream-Protocol-Version: portforward.k8s.io\r\n' : '') + '\r\n');
  const conn = spdyPortForward(env, pod, (b) => socket.write(b), () => socket.end());
  if (head.length) conn.feed(head);
  socket.on('data', (d: Buffer) => conn.feed(d));
  socket.on('close', () => conn.destroy());
  socket.on('error', () => { conn.destroy(); socket.destroy(); });
}

/** The kubelet's NewV4Options: every ?ports value, comma-separated lists too. */
function parsePorts(values: string[]): number[] {
  if (!values.length) throw new Error('query parameter "port" is required');
  const ports: number[] = [];
  for (const v of values) {
    if (!v) throw new Error('query parameter "port" cannot be empty');
    for (const p of v.split(',')) {
      const n = /^\d+$/.test(p) ? Number(p) : NaN;
      if (!(n <= 65535)) throw new Error(`unable to parse "${v}" as a port: strconv.ParseUint: parsing "${p}": ${/^\d+$/.test(p) ? 'value out of range' : 'invalid syntax'}`);
      if (n < 1) throw new Error(`port "${v}" must be > 0`);
      ports.push(n);
    }
  }
  return ports;
}

/** Ends `stop` when the pod goes away or stops running (the kubelet tears its streams down). */
function watchPod(env: StreamEnv, pod: KObject, stop: () => void): () => void {
  const timer = setInterval(() => {
    try {
      env.refresh();
      const cur = env.api.get('Pod', pod.metadata.namespace, pod.metadata.name);
      if (!cur || cur.metadata.uid !== pod.metadata.uid || cur.status?.phase !== 'Running') stop();
    } catch { /* the store is busy: look again next time */ }
  }, POD_POLL_MS);
  timer.unref?.();
  return () => clearInterval(timer);
}

/** One SPDY connection of port-forward streams. */
function spdyPortForward(env: StreamEnv, pod: KObject, write: (b: Buffer) => void, closeTransport: () => void): SpdyConnection {
  const { dialPod, forwardRefusedMessage } = require('../network/portforward') as typeof import('../network/portforward');
  const pairs = new Map<string, { error?: SpdyStream; data?: SpdyStream }>();
  let unwatch = () => {};
  const conn: SpdyConnection = new SpdyConnection({
    server: true,
    write,
    onGoAway: () => { unwatch(); closeTransport(); },
    onStream(s) {
      // httpStreamReceived: a valid port and stream type, else the stream is refused
      const port = Number(s.header('port'));
      const type = s.header('streamtype');
      if (!s.header('port') || !/^\d+$/.test(s.header('port')!) || port < 1 || port > 65535 || (type !== 'error' && type !== 'data')) { s.reset(); return; }
      s.reply();
      // Clients older than request ids: the pair is the error stream's id and the data stream's id - 2.
      const id = s.header('requestid') ?? String(type === 'error' ? s.id : s.id - 2);
      const p = pairs.get(id) ?? {};
      pairs.set(id, p);
      if (p[type]) { p.error?.write(`error processing stream for request ${id}: ${type} stream already assigned`); return; }
      p[type] = s;
      if (!p.error || !p.data) return;
      pairs.delete(id);
      const { error, data } = p as { error: SpdyStream; data: SpdyStream };
      const finish = () => { data.end(); error.end(); };
      const dial = dialPod(env.host, pod, Number(data.header('port')), { write: (d) => data.write(d), end: finish });
      if (!dial) {
        error.write(forwardRefusedMessage(pod, Number(data.header('port'))));
        finish();
        data.consume(() => undefined, () => undefined);
        return;
      }
      data.consume((chunk) => dial.write(chunk), finish);
      error.consume(() => undefined, () => undefined);
    },
  });
  unwatch = watchPod(env, pod, () => { unwatch(); conn.destroy(); closeTransport(); });
  const destroy = conn.destroy.bind(conn);
  conn.destroy = () => { unwatch(); destroy(); };
  return conn;
}

/** The v4 channel protocol: one connection per requested port, for the life of the WebSocket. */
function channelPortForward(env: StreamEnv, pod: KObject, ports: number[], ws: import('ws').WebSocket, protocol: string): void {
  const { dialPod, forwardRefusedMessage } = require('../network/portforward') as typeof import('../network/portforward');
  const dials: ({ write(b: Buffer): void } | undefined)[] = [];
  // Data from the client on channel 2i goes to the connection for port i.
  const ch = new ChannelSocket(ws, protocol, (channel, b) => { if (channel % 2 === 0) dials[channel / 2]?.write(b); });
  let open = ports.length;
  const closeOne = () => { if (--open === 0) ch.close(); };
  ports.forEach((port, i) => {
    const le = Buffer.alloc(2);
    le.writeUInt16LE(port, 0);
    ch.send(2 * i, le);
    ch.send(2 * i + 1, le);
    let ended = false;
    const end = () => { if (!ended) { ended = true; closeOne(); } };
    const d = dialPod(env.host, pod, port, { write: (b) => { if (!ended) ch.send(2 * i, Buffer.isBuffer(b) ? b : Buffer.from(b, 'utf8')); }, end });
    if (!d) { ch.send(2 * i + 1, forwardRefusedMessage(pod, port)); end(); }
    dials[i] = d;
  });
  const unwatch = watchPod(env, pod, () => ch.close());
  ch.onClose(unwatch);
}
