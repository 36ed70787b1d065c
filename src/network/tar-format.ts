// The tar archive format (POSIX ustar, as GNU tar, busybox tar and Go's archive/tar write it):
// what `kubectl cp` streams through `tar` in the container. Archives travel through the exec
// streams as latin1 strings (one character per byte); file contents are bytes.

export interface TarEntry {
  name: string;
  type: 'file' | 'dir' | 'symlink';
  data?: Buffer;
  linkname?: string;
  mode?: number;
  mtime?: number;
}

const BLOCK = 512;

function octal(n: number, width: number): string {
  return n.toString(8).padStart(width - 1, '0') + '\0';
}

function header(e: TarEntry): Buffer {
  const h = Buffer.alloc(BLOCK);
  let name = e.name, prefix = '';
  // ustar splits a long name at a slash: prefix (155) / name (100)
  if (Buffer.byteLength(name) > 100) {
    const cut = name.lastIndexOf('/', name.length - 1);
    for (let i = cut; i > 0; i = name.lastIndexOf('/', i - 1)) {
      if (Buffer.byteLength(name.slice(0, i)) <= 155 && Buffer.byteLength(name.slice(i + 1)) <= 100) { prefix = name.slice(0, i); name = name.slice(i + 1); break; }
    }
  }
  h.write(name, 0, 100, 'utf8');
  h.write(octal(e.mode ?? (e.type === 'dir' ? 0o755 : 0o644), 8), 100, 'latin1');
  h.write(octal(0, 8), 108, 'latin1');
  h.write(octal(0, 8), 116, 'latin1');
  h.write(octal(e.type === 'file' ? e.data?.length ?? 0 : 0, 12), 124, 'latin1');
  h.write(octal(Math.floor((e.mtime ?? Date.now()) / 1000), 12), 136, 'latin1');
  h.write('        ', 148, 'latin1');
  h.write(e.type === 'dir' ? '5' : e.type === 'symlink' ? '2' : '0', 156, 'latin1');
  if (e.linkname) h.write(e.linkname, 157, 100, 'utf8');
  h.write('ustar\0', 257, 'latin1');
  h.write('00', 263, 'latin1');
  h.write(prefix, 345, 155, 'utf8');
  let sum = 0;
  for (const b of h) sum += b;
  h.write(sum.toString(8).padStart(6, '0') + '\0 ', 148, 'latin1');
  return h;
}

/** An archive of the entries, ended by two zero blocks. */
export function writeTar(entries: TarEntry[]): Buffer {
  const parts: Buffer[] = [];
  for (const e of entries) {
    parts.push(header(e));
    if (e.type === 'file' && e.data?.length) {
      parts.push(e.data);
      const pad = (BLOCK - (e.data.length % BLOCK)) % BLOCK;
      if (pad) parts.push(Buffer.alloc(pad));
    }
  }
  parts.push(Buffer.alloc(BLOCK * 2));
  return Buffer.concat(parts);
}

const cstr = (b: Buffer, start: number, len: number) => {
  const s = b.subarray(start, start + len);
  const z = s.indexOf(0);
  return (z < 0 ? s : s.subarray(0, z)).toString('utf8');
};

export class TarError extends Error {}

/** The entries of an archive; an archive cut short or with a bad header is an error (Go's
 *  archive/tar: "unexpected EOF", "archive/tar: invalid tar header"). */
export function readTar(buf: Buffer): TarEntry[] {
  const out: TarEntry[] = [];
  let off = 0;
  while (off + BLOCK <= buf.length) {
    const h = buf.subarray(off, off + BLOCK);
    if (h.every((x) => x === 0)) break;
    let sum = 0;
    for (let i = 0; i < BLOCK; i++) sum += i >= 148 && i < 156 ? 32 : h[i];
    if (parseInt(cstr(h, 148, 8).trim() || 'x', 8) !== sum) throw new TarError('archive/tar: invalid tar header');
    const size = parseInt(cstr(h, 124, 12).trim() || '0', 8);
    const flag = String.fromCharCode(h[156] || 48);
    const prefix = cstr(h, 257, 6).startsWith('ustar') ? cstr(h, 345, 155) : '';
    const name = prefix ? `${prefix}/${cstr(h, 0, 100)}` : cstr(h, 0, 100);
    off += BLOCK;
    if (off + size > buf.length) throw new TarError('unexpected EOF');
    const data = buf.subarray(off, off + size);
    off += Math.ceil(size / BLOCK) * BLOCK;
    const mode = parseInt(cstr(h, 100, 8).trim() || '0', 8);
    if (flag === '5') out.push({ name, type: 'dir', mode });
    else if (flag === '2') out.push({ name, type: 'symlink', linkname: cstr(h, 157, 100), mode });
    else if (flag === '0' || flag === '\0' || flag === '7') out.push({ name, type: 'file', data: Buffer.from(data), mode });
    // other types (hard links, devices, fifos, pax headers) carry nothing kubectl cp keeps
  }
  return out;
}
