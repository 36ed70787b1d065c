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

// ---- issuing (the kube-controller-manager's csrsigning controller) --------------------------------

const der = (tag: number, body: Buffer): Buffer => {
  const n = body.length;
  const len = n < 128 ? Buffer.from([n]) : (() => { const bytes: number[] = []; for (let v = n; v > 0; v = Math.floor(v / 256)) bytes.unshift(v & 0xff); return Buffer.from([0x80 | bytes.length, ...bytes]); })();
  return Buffer.concat([Buffer.from([tag]), len, body]);
};
const seq = (...parts: Buffer[]) => der(0x30, Buffer.concat(parts));
const oidDer = (s: string): Buffer => {
  const p = s.split('.').map(Number);
  const out: number[] = [p[0] * 40 + p[1]];
  for (const v of p.slice(2)) {
    const bytes = [v & 0x7f];
    for (let x = Math.floor(v / 128); x > 0; x = Math.floor(x / 128)) bytes.unshift((x & 0x7f) | 0x80);
    out.push(...bytes);
  }
  return der(0x06, Buffer.from(out));
};
const intDer = (b: Buffer) => der(0x02, b[0] & 0x80 ? Buffer.concat([Buffer.from([0]), b]) : b);
const timeDer = (d: Date) => {
  const iso = d.toISOString().replace(/[-:T]/g, '').slice(0, 14) + 'Z'; // YYYYMMDDHHMMSSZ
  return d.getUTCFullYear() < 2050 ? der(0x17, Buffer.from(iso.slice(2), 'latin1')) : der(0x18, Buffer.from(iso, 'latin1'));
};
const bitString = (b: Buffer) => der(0x03, Buffer.concat([Buffer.from([0]), b]));
const raw = (b: Buffer, t: Tlv) => b.subarray(t.hdr, t.end);

/** The fields of a certificate this module needs: subject DER, subject key id, not-after. */
function certInfo(pem: string): { subject: Buffer; skid?: Buffer; notAfter: Date } {
  const b = pemDecode(pem)!.der;
  const tbs = children(b, readTlv(b, 0, b.length))[0];
  const f = children(b, tbs);
  const off = f[0].tag === 0xa0 ? 1 : 0;
  const validity = children(b, f[off + 3]);
  const t = (x: Tlv) => { const s = b.subarray(x.start, x.end).toString('latin1'); const full = x.tag === 0x17 ? (Number(s.slice(0, 2)) < 50 ? '20' : '19') + s : s; return new Date(`${full.slice(0, 4)}-${full.slice(4, 6)}-${full.slice(6, 8)}T${full.slice(8, 10)}:${full.slice(10, 12)}:${full.slice(12, 14)}Z`); };
  let skid: Buffer | undefined;
  const extsT = f.find((x) => x.tag === 0xa3);
  if (extsT) for (const ext of children(b, children(b, extsT)[0])) {
    const ec = children(b, ext);
    if (oid(b, ec[0]) === '2.5.29.14') { const o = ec[ec.length - 1]; const inner = readTlv(b, o.start, o.end); skid = Buffer.from(b.subarray(inner.start, inner.end)); }
  }
  return { subject: Buffer.from(raw(b, f[off + 4])), skid, notAfter: t(validity[1]) };
}

const KEY_USAGE_BITS: Record<string, number> = { 'digital signature': 0, 'content commitment': 1, 'key encipherment': 2, 'data encipherment': 3, 'key agreement': 4, 'cert sign': 5, 'crl sign': 6, 'encipher only': 7, 'decipher only': 8 };
const EXT_KEY_USAGE: Record<string, string> = {
  any: '2.5.29.37.0', 'server auth': '1.3.6.1.5.5.7.3.1', 'client auth': '1.3.6.1.5.5.7.3.2', 'code signing': '1.3.6.1.5.5.7.3.3', 'email protection': '1.3.6.1.5.5.7.3.4',
  'ipsec end system': '1.3.6.1.5.5.7.3.5', 'ipsec tunnel': '1.3.6.1.5.5.7.3.6', 'ipsec user': '1.3.6.1.5.5.7.3.7', timestamping: '1.3.6.1.5.5.7.3.8', 'ocsp signing': '1.3.6.1.5.5.7.3.9',
  'microsoft sgc': '1.3.6.1.4.1.311.10.3.3', 'netscape sgc': '2.16.840.1.113730.4.1',
};

/** authority.Sign: a certificate for the request, by the cluster CA, as x509.CreateCertificate
 *  writes it (key usage, extended key usage, basic constraints CA:false, authority key id, the
 *  request's SANs), valid from 5 minutes ago for ttlSeconds (not past the CA's own expiry). */
export function issueCertificate(csrPem: Buffer, usages: string[], ttlSeconds: number, ca: { cert: string; key: string }, now: Date): string {
  const b = pemDecode(csrPem.toString('latin1'))!.der;
  const info = children(b, readTlv(b, 0, b.length))[0];
  const parts = children(b, info);
  const subject = raw(b, parts[1]), spki = raw(b, parts[2]);
  let san: Buffer | undefined;
  const attrs = parts.find((p) => p.tag === 0xa0);
  for (const attr of attrs ? children(b, attrs) : []) {
    const [o, set] = children(b, attr);
    if (!o || !set || oid(b, o) !== '1.2.840.113549.1.9.14') continue;
    for (const exts of children(b, set)) for (const ext of children(b, exts)) { const ec = children(b, ext); if (oid(b, ec[0]) === '2.5.29.17') san = Buffer.from(b.subarray(ec[ec.length - 1].start, ec[ec.length - 1].end)); }
  }
  const caInfo = certInfo(ca.cert);
  const crypto = require('crypto') as typeof import('crypto');
  const serial = crypto.randomBytes(16); serial[0] &= 0x7f;
  const notBefore = new Date(now.getTime() - 5 * 60_000);
  let notAfter = new Date(now.getTime() + ttlSeconds * 1000);
  if (notAfter > caInfo.notAfter) notAfter = caInfo.notAfter;
  const exts: Buffer[] = [];
  const bits = usages.map((u) => KEY_USAGE_BITS[u]).filter((x) => x !== undefined);
  if (bits.length) {
    const max = Math.max(...bits);
    const bytes = Buffer.alloc(Math.floor(max / 8) + 1);
    for (const x of bits) bytes[Math.floor(x / 8)] |= 0x80 >> (x % 8);
    const unused = 7 - (max % 8);
    exts.push(seq(oidDer('2.5.29.15'), der(0x01, Buffer.from([0xff])), der(0x04, der(0x03, Buffer.concat([Buffer.from([unused]), bytes])))));
  }
  const eku = usages.map((u) => EXT_KEY_USAGE[u]).filter(Boolean);
  if (eku.length) exts.push(seq(oidDer('2.5.29.37'), der(0x04, seq(...eku.map(oidDer)))));
  exts.push(seq(oidDer('2.5.29.19'), der(0x01, Buffer.from([0xff])), der(0x04, seq())));
  if (caInfo.skid) exts.push(seq(oidDer('2.5.29.35'), der(0x04, seq(der(0x80, caInfo.skid)))));
  if (san) exts.push(seq(oidDer('2.5.29.17'), der(0x04, san)));
  const sigAlg = seq(oidDer('1.2.840.113549.1.1.11'), der(0x05, Buffer.alloc(0)));
  const tbs = seq(der(0xa0, intDer(Buffer.from([2]))), intDer(serial), sigAlg, caInfo.subject, seq(timeDer(notBefore), timeDer(notAfter)), subject, spki, der(0xa3, seq(...exts)));
  const sig = crypto.sign('sha256', tbs, ca.key);
  const cert = seq(tbs, sigAlg, bitString(sig));
  return `-----BEGIN CERTIFICATE-----\n${cert.toString('base64').replace(/(.{64})/g, '$1\n').replace(/\n$/, '')}\n-----END CERTIFICATE-----\n`;
}
