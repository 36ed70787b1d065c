// The SPDY/3.1 codec (src/apiserver/spdy.ts): the header dictionary, header blocks compressed
// the way Go's spdystream compresses them (one zlib stream with the dictionary, a sync flush per
// block), our stored blocks, frames split anywhere, pings, streams and their ends.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as zlib from 'node:zlib';
import { SPDY_DICTIONARY, HeaderBlockReader, HeaderBlockWriter, SpdyConnection, SpdyStream, controlFrame, parseFrames, PING, SYN_STREAM } from '../src/apiserver/spdy';

function adler32(b: Buffer): number {
  let a = 1, s = 0;
  for (const c of b) { a = (a + c) % 65521; s = (s + a) % 65521; }
  return ((s << 16) | a) >>> 0;
}

/** A Go-style header compressor: zlib with the dictionary, each block ended by a sync flush. */
function goCompressor() {
  const z = zlib.createDeflate({ dictionary: SPDY_DICTIONARY, level: 9 });
  const out: Buffer[] = [];
  z.on('data', (d: Buffer) => out.push(d));
  return (raw: Buffer) => new Promise<Buffer>((r) => { z.write(raw); z.flush(zlib.constants.Z_SYNC_FLUSH, () => r(Buffer.concat(out.splice(0)))); });
}

function pairs(h: Record<string, string>): Buffer {
  const parts = [Buffer.alloc(4)];
  parts[0].writeUInt32BE(Object.keys(h).length);
  for (const [k, v] of Object.entries(h)) for (const s of [k, v]) { const l = Buffer.alloc(4); l.writeUInt32BE(Buffer.byteLength(s)); parts.push(l, Buffer.from(s)); }
  return Buffer.concat(parts);
}

test('the SPDY/3 dictionary: 1423 bytes, adler32 e3c6a7c2 (what the zlib header of the peer names)', () => {
  assert.equal(SPDY_DICTIONARY.length, 1423);
  assert.equal(adler32(SPDY_DICTIONARY).toString(16), 'e3c6a7c2');
});

test('header blocks compressed like spdystream does, the second using the first one\'s history', async () => {
  const compress = goCompressor();
  const r = new HeaderBlockReader();
  const b1 = await compress(pairs({ streamtype: 'error', port: '8080', requestid: '0' }));
  const b2 = await compress(pairs({ streamtype: 'data', port: '8080', requestid: '0' }));
  assert.equal(b1[0], 0x78);
  assert.ok(b1[1] & 0x20, 'FDICT: the dictionary is named');
  assert.deepEqual(await r.decode(b1), { streamtype: ['error'], port: ['8080'], requestid: ['0'] });
  assert.deepEqual(await r.decode(b2), { streamtype: ['data'], port: ['8080'], requestid: ['0'] });
  r.close();
});

test('our header blocks: stored blocks each closed by a sync-flush block, one zlib stream', () => {
  const w = new HeaderBlockWriter();
  const a = w.encode({});
  const b = w.encode({ 'x-stream-protocol-version': ['portforward.k8s.io'], multi: ['a', 'b'] });
  assert.deepEqual(a, Buffer.from([0x78, 0x01, 0x00, 0x04, 0x00, 0xfb, 0xff, 0, 0, 0, 0, 0x00, 0x00, 0x00, 0xff, 0xff]));
  assert.deepEqual(b.subarray(b.length - 5), Buffer.from([0x00, 0x00, 0x00, 0xff, 0xff]));
  const raw = zlib.inflateSync(Buffer.concat([a, b]), { finishFlush: zlib.constants.Z_SYNC_FLUSH });
  assert.deepEqual(raw.subarray(0, 4), Buffer.alloc(4));
  assert.match(raw.subarray(4).toString('latin1'), /x-stream-protocol-version\0\0\0\x12portforward\.k8s\.io\0\0\0\x05multi\0\0\0\x03a\0b$/);
});

test('frames split at any byte are put back together', () => {
  const f = Buffer.concat([controlFrame(PING, 0, Buffer.from([0, 0, 0, 1])), controlFrame(PING, 0, Buffer.from([0, 0, 0, 3]))]);
  let rest: Buffer = Buffer.alloc(0);
  const seen: number[] = [];
  for (const byte of f) {
    const r = parseFrames(Buffer.concat([rest, Buffer.from([byte])]));
    rest = r.rest;
    for (const fr of r.frames) if (fr.control) seen.push(fr.payload.readUInt32BE(0));
  }
  assert.deepEqual(seen, [1, 3]);
});

test('a connection: pings answered, streams opened, data both ways, FIN, unknown ids ignored', async () => {
  let toClient: (b: Buffer) => void = () => {};
  let toServer: (b: Buffer) => void = () => {};
  const accepted: SpdyStream[] = [];
  const server = new SpdyConnection({ server: true, write: (b) => toClient(b), onStream: (s) => { s.reply(); accepted.push(s); s.consume((d) => s.write(d.toString().toUpperCase()), () => s.end()); } });
  const client = new SpdyConnection({ server: false, write: (b) => toServer(b) });
  const clientSaw: Buffer[] = [];
  toServer = (b) => setImmediate(() => server.feed(b));
  toClient = (b) => { clientSaw.push(b); setImmediate(() => client.feed(b)); };

  // A ping with an odd (client) id comes back as it is.
  toServer(controlFrame(PING, 0, Buffer.from([0, 0, 0, 1])));
  // A DATA frame for a stream nobody opened is dropped.
  toServer(Buffer.from([0, 0, 0, 9, 0, 0, 0, 1, 0x41]));
  const s = client.openStream({ streamtype: ['data'], port: ['80'] });
  let got = '';
  const ended = new Promise<void>((r) => s.consume((d) => { got += d; }, r));
  s.write('hello');
  s.end();
  await ended;
  assert.equal(got, 'HELLO');
  assert.equal(accepted.length, 1);
  assert.equal(accepted[0].header('streamtype'), 'data');
  assert.ok(clientSaw.some((b) => b.equals(controlFrame(PING, 0, Buffer.from([0, 0, 0, 1])))));
  assert.equal(server.openStreams, 0, 'both sides ended: the stream is forgotten');
  // A SYN_STREAM with a server-side (even) id is refused with RST_STREAM PROTOCOL_ERROR.
  clientSaw.length = 0;
  toServer(controlFrame(SYN_STREAM, 0, Buffer.concat([Buffer.from([0, 0, 0, 2, 0, 0, 0, 0, 0, 0]), client.headerWriter.encode({})])));
  await new Promise((r) => setTimeout(r, 20));
  assert.ok(clientSaw.some((b) => b.equals(Buffer.from([0x80, 3, 0, 3, 0, 0, 0, 8, 0, 0, 0, 2, 0, 0, 0, 1]))), 'RST_STREAM 2 PROTOCOL_ERROR');
});
