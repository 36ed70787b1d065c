// A minimal WebSocket client for tests that must offer a subprotocol the `ws` client refuses
// to send (kubectl's `SPDY/3.1+portforward.k8s.io` is not an RFC 7230 token, but Go's gorilla
// sends it). Binary and text messages, masking, ping/pong and the closing handshake; no
// fragmentation on send, reassembly on receive.
import * as net from 'node:net';
import { randomBytes } from 'node:crypto';

export interface RawWebSocket {
  protocol: string;
  send(data: Buffer): void;
  onMessage(cb: (data: Buffer) => void): void;
  close(): void;
  closed: Promise<void>;
}

export function rawWebSocket(url: string, protocol: string): Promise<RawWebSocket> {
  const u = new URL(url);
  const sock = net.connect(Number(u.port), u.hostname);
  const key = randomBytes(16).toString('base64');
  sock.write(`GET ${u.pathname}${u.search} HTTP/1.1\r\nHost: ${u.host}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n` +
    `Sec-WebSocket-Key: ${key}\r\nSec-WebSocket-Version: 13\r\nSec-WebSocket-Protocol: ${protocol}\r\n\r\n`);
  const frame = (opcode: number, payload: Buffer) => {
    const mask = randomBytes(4);
    const len = payload.length;
    const head = len < 126 ? Buffer.from([0x80 | opcode, 0x80 | len]) : len < 65536
      ? Buffer.from([0x80 | opcode, 0x80 | 126, len >> 8, len & 255])
      : Buffer.concat([Buffer.from([0x80 | opcode, 0x80 | 127]), (() => { const b = Buffer.alloc(8); b.writeBigUInt64BE(BigInt(len)); return b; })()]);
    const body = Buffer.from(payload.map((b, i) => b ^ mask[i % 4]));
    return Buffer.concat([head, mask, body]);
  };
  return new Promise((resolve, reject) => {
    let buf = Buffer.alloc(0);
    let open = false;
    let handler: (d: Buffer) => void = () => {};
    let partial: Buffer[] = [];
    let closedResolve!: () => void;
    const closed = new Promise<void>((r) => { closedResolve = r; });
    sock.on('close', () => closedResolve());
    sock.on('error', (e) => { if (!open) reject(e); });
    sock.on('data', (d: Buffer) => {
      buf = Buffer.concat([buf, d]);
      if (!open) {
        const i = buf.indexOf('\r\n\r\n');
        if (i < 0) return;
        const headText = buf.subarray(0, i).toString();
        buf = buf.subarray(i + 4);
        if (!/^HTTP\/1\.1 101 /.test(headText)) { reject(new Error(headText.split('\r\n')[0])); sock.destroy(); return; }
        open = true;
        const proto = /\r\nSec-WebSocket-Protocol: *([^\r]*)/i.exec(headText)?.[1] ?? '';
        resolve({
          protocol: proto,
          send: (data) => sock.write(frame(2, data)),
          onMessage: (cb) => { handler = cb; },
          close: () => { sock.write(frame(8, Buffer.from([0x03, 0xe8]))); },
          closed,
        });
      }
      for (;;) {
        if (buf.length < 2) return;
        const opcode = buf[0] & 0x0f;
        const fin = !!(buf[0] & 0x80);
        let len = buf[1] & 0x7f;
        let off = 2;
        if (len === 126) { if (buf.length < 4) return; len = buf.readUInt16BE(2); off = 4; }
        else if (len === 127) { if (buf.length < 10) return; len = Number(buf.readBigUInt64BE(2)); off = 10; }
        if (buf.length < off + len) return;
        const payload = buf.subarray(off, off + len);
        buf = buf.subarray(off + len);
        if (opcode === 8) { sock.end(frame(8, payload.subarray(0, 2))); continue; }
        if (opcode === 9) { sock.write(frame(10, payload)); continue; }
        if (opcode === 10) continue;
        partial.push(Buffer.from(payload));
        if (fin) { const m = Buffer.concat(partial); partial = []; handler(m); }
      }
    });
  });
}
