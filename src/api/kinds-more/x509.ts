// Just enough of Go's crypto/x509.ParseCertificateRequest for what the API server and kubectl
// read from a CertificateSigningRequest's spec.request: the PEM block, the subject and the
// subject alternative names of the PKCS#10 request (DER).

export interface ParsedCSR {
  subject: { commonName: string; serialNumber: string; organization: string[]; organizationalUnit: string[]; country: string[]; locality: string[]; province: string[]; streetAddress: string[]; postalCode: string[] };
  dnsNames: string[]; emailAddresses: string[]; ipAddresses: string[]; uris: string[];
}

interface Tlv { tag: number; start: number; end: number; hdr: number }

function readTlv(b: Buffer, pos: number, limit: number): Tlv {
  if (pos + 2 > limit) throw new Error('x509: malformed certificate request');
  const tag = b[pos];
  let len = b[pos + 1], off = pos + 2;
  if (len & 0x80) {
    const n = len & 0x7f;
    if (n === 0 || n > 4 || off + n > limit) throw new Error('x509: malformed certificate request');
    len = 0;
    for (let i = 0; i < n; i++) len = len * 256 + b[off + i];
    off += n;
  }
  if (off + len > limit) throw new Error('x509: malformed certificate request');
  return { tag, start: off, end: off + len, hdr: pos };
}

function children(b: Buffer, t: Tlv): Tlv[] {
  const out: Tlv[] = [];
  for (let p = t.start; p < t.end;) { const c = readTlv(b, p, t.end); out.push(c); p = c.end; }
  return out;
}

function oid(b: Buffer, t: Tlv): string {
  const bytes = b.subarray(t.start, t.end);
  const parts: number[] = [];
  let v = 0;
  for (let i = 0; i < bytes.length; i++) {
    v = v * 128 + (bytes[i] & 0x7f);
    if (!(bytes[i] & 0x80)) { parts.push(v); v = 0; }
  }
  if (!parts.length) return '';
  const first = parts[0] < 80 ? [Math.floor(parts[0] / 40), parts[0] % 40] : [2, parts[0] - 80];
  return [...first, ...parts.slice(1)].join('.');
}

const str = (b: Buffer, t: Tlv) => (t.tag === 0x1e ? Buffer.from(b.subarray(t.start, t.end)).swap16().toString('utf16le') : b.subarray(t.start, t.end).toString('utf8'));

/** pem.Decode of the first block: its type and DER bytes. */
export function pemDecode(text: string): { type: string; der: Buffer } | undefined {
  const m = /-----BEGIN ([^\n-]*)-----\r?\n([\s\S]*?)-----END \1-----/.exec(text);
  if (!m) return undefined;
  const body = m[2].split(/\r?\n/).filter((l) => !l.includes(':')).join('');
  if (!/^[A-Za-z0-9+/=\s]*$/.test(body)) return undefined;
  return { type: m[1], der: Buffer.from(body, 'base64') };
}

/** certificates.ParseCSR: the PEM request (spec.request's bytes) parsed; throws Go's messages. */
export function parseCSR(pem: Buffer | string): ParsedCSR {
  const block = pemDecode(typeof pem === 'string' ? pem : pem.toString('latin1'));
  if (!block || block.type !== 'CERTIFICATE REQUEST') throw new Error('PEM block type must be CERTIFICATE REQUEST');
  const b = block.der;
  const top = readTlv(b, 0, b.length);
  if (top.tag !== 0x30) throw new Error('x509: malformed certificate request');
  const [info] = children(b, top);
  if (!info || info.tag !== 0x30) throw new Error('x509: malformed certificate request');
  const parts = children(b, info);
  const subjectT = parts[1];
  const r: ParsedCSR = {
    subject: { commonName: '', serialNumber: '', organization: [], organizationalUnit: [], country: [], locality: [], province: [], streetAddress: [], postalCode: [] },
    dnsNames: [], emailAddresses: [], ipAddresses: [], uris: [],
  };
  if (!subjectT || subjectT.tag !== 0x30) throw new Error('x509: malformed certificate request');
  for (const rdn of children(b, subjectT)) {
    for (const atv of children(b, rdn)) {
      const [o, v] = children(b, atv);
      if (!o || !v) continue;
      const val = str(b, v);
      const s = r.subject;
      switch (oid(b, o)) {
        case '2.5.4.3': s.commonName = val; break;
        case '2.5.4.5': s.serialNumber = val; break;
        case '2.5.4.6': s.country.push(val); break;
        case '2.5.4.7': s.locality.push(val); break;
        case '2.5.4.8': s.province.push(val); break;
        case '2.5.4.9': s.streetAddress.push(val); break;
        case '2.5.4.10': s.organization.push(val); break;
        case '2.5.4.11': s.organizationalUnit.push(val); break;
        case '2.5.4.17': s.postalCode.push(val); break;
      }
    }
  }
  const attrs = parts.find((p) => p.tag === 0xa0);
  for (const attr of attrs ? children(b, attrs) : []) {
    const [o, set] = children(b, attr);
    if (!o || !set || oid(b, o) !== '1.2.840.113549.1.9.14') continue;
    for (const exts of children(b, set)) {
      for (const ext of children(b, exts)) {
        const ec = children(b, ext);
        if (oid(b, ec[0]) !== '2.5.29.17') continue;
        const octet = ec[ec.length - 1];
        const seq = readTlv(b, octet.start, octet.end);
        for (const gn of children(b, seq)) {
          const raw = b.subarray(gn.start, gn.end);
          switch (gn.tag & 0x1f) {
            case 1: r.emailAddresses.push(raw.toString('latin1')); break;
            case 2: r.dnsNames.push(raw.toString('latin1')); break;
            case 6: r.uris.push(raw.toString('latin1')); break;
            case 7: r.ipAddresses.push(raw.length === 4 ? [...raw].join('.') : ipv6(raw)); break;
          }
        }
      }
    }
  }
  return r;
}

function ipv6(raw: Buffer): string {
  if (raw.length !== 16) return '?' + raw.toString('hex');
  const g: number[] = [];
  for (let i = 0; i < 16; i += 2) g.push(raw.readUInt16BE(i));
  // Go's net.IP.String: the longest run of two or more zero groups as ::
  let best = -1, bestLen = 0;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) { i++; continue; }
    let j = i; while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen && j - i >= 2) { best = i; bestLen = j - i; }
    i = j;
  }
  const hex = (a: number[]) => a.map((x) => x.toString(16)).join(':');
  return best < 0 ? hex(g) : `${hex(g.slice(0, best))}::${hex(g.slice(best + bestLen))}`;
}

const SIG_ALGS: Record<string, { hash: string | null; family: 'rsa' | 'ecdsa' | 'ed25519' }> = {
  '1.2.840.113549.1.1.5': { hash: 'sha1', family: 'rsa' },
  '1.2.840.113549.1.1.11': { hash: 'sha256', family: 'rsa' },
  '1.2.840.113549.1.1.12': { hash: 'sha384', family: 'rsa' },
  '1.2.840.113549.1.1.13': { hash: 'sha512', family: 'rsa' },
  '1.2.840.10045.4.3.2': { hash: 'sha256', family: 'ecdsa' },
  '1.2.840.10045.4.3.3': { hash: 'sha384', family: 'ecdsa' },
  '1.2.840.10045.4.3.4': { hash: 'sha512', family: 'ecdsa' },
  '1.3.101.112': { hash: null, family: 'ed25519' },
};

/** CertificateRequest.CheckSignature: the request is signed by its own key (Go's messages). */
export function checkSignature(pem: Buffer | string): void {
  const block = pemDecode(typeof pem === 'string' ? pem : pem.toString('latin1'))!;
  const b = block.der;
  const top = readTlv(b, 0, b.length);
  const [info, alg, sig] = children(b, top);
  if (!info || !alg || !sig || sig.tag !== 0x03) throw new Error('x509: malformed certificate request');
  const algOid = oid(b, children(b, alg)[0]);
  const a = SIG_ALGS[algOid];
  if (!a) return; // not one Go verifies here either way: accepted as it is
  const spki = children(b, info)[2];
  const crypto = require('crypto') as typeof import('crypto');
  let ok = false;
  try {
    const key = crypto.createPublicKey({ key: b.subarray(spki.hdr, spki.end), format: 'der', type: 'spki' });
    ok = crypto.verify(a.hash, b.subarray(info.hdr, info.end), key, b.subarray(sig.start + 1, sig.end));
  } catch { ok = false; }
  if (!ok) throw new Error(a.family === 'rsa' ? 'crypto/rsa: verification error' : a.family === 'ecdsa' ? 'x509: ECDSA verification failure' : 'x509: Ed25519 verification failure');
}
