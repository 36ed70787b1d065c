// TLS as a client in a pod sees it: the server's certificate chain checked against the trust
// anchors (--cacert, or the image's system bundle, which no cluster-made certificate is in) the
// way OpenSSL's X509_verify_cert does, then the name the way curl's ossl_verifyhost does
// (subjectAltName DNS/IP entries; the subject CN only when there are none). Parsing and
// signature checks are Node's crypto.X509Certificate: nothing runs on the host.
//
// The messages are OpenSSL's X509_verify_cert_error_string (3.x spells "self-signed", 1.x
// "self signed") and curl's failf texts, per curl version (curl >= 7.62 reports a name
// mismatch as 60, older as 51; curl >= 8.8 says "hostname" and names the address type).
import type { X509Certificate as X509 } from 'node:crypto';

const crypto = () => require('node:crypto') as typeof import('node:crypto');

const PEM_CERT = /-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g;

/** The certificates of a PEM bundle (invalid blocks skipped). */
export function parseCertificates(pem: string | undefined): X509[] {
  if (!pem) return [];
  const out: X509[] = [];
  for (const block of pem.match(PEM_CERT) ?? []) {
    try { out.push(new (crypto().X509Certificate)(block)); } catch { /* not a certificate */ }
  }
  return out;
}

/** Whether a private key matches a certificate (what nginx checks when it loads them). */
export function keyMatches(certPem: string, keyPem: string): boolean {
  try {
    const c = crypto();
    const cert = new c.X509Certificate(certPem);
    return cert.checkPrivateKey(c.createPrivateKey(keyPem));
  } catch { return false; }
}

export type ChainError =
  | 'self-signed' | 'self-signed-in-chain' | 'local-issuer' | 'expired' | 'not-yet-valid' | 'bad-signature';

export type PeerCheck =
  | { ok: true }
  | { ok: false; kind: 'chain'; error: ChainError }
  | { ok: false; kind: 'name'; cn?: string; altNames: boolean };

const sameCert = (a: X509, b: X509) => a.fingerprint256 === b.fingerprint256;
const issued = (issuer: X509, cert: X509) => {
  try { return cert.checkIssued(issuer) && cert.verify(issuer.publicKey); } catch { return false; }
};
const selfSigned = (c: X509) => { try { return c.checkIssued(c); } catch { return false; } };

/** X509_verify_cert over a presented chain (leaf first) and trust anchors, at time `now`. */
export function verifyChain(chain: X509[], anchors: X509[], now: Date): ChainError | undefined {
  if (!chain.length) return 'local-issuer';
  const t = now.getTime();
  const timeError = (c: X509): ChainError | undefined =>
    Date.parse(c.validFrom) > t ? 'not-yet-valid' : Date.parse(c.validTo) < t ? 'expired' : undefined;
  let cur = chain[0];
  const path: X509[] = [cur];
  for (let depth = 0; depth < 10; depth++) {
    // a trust anchor that is this certificate or that issued it ends the path
    const anchor = anchors.find((a) => sameCert(a, cur)) ?? anchors.find((a) => issued(a, cur));
    if (anchor) {
      if (!sameCert(anchor, cur)) path.push(anchor);
      for (const c of path) { const e = timeError(c); if (e) return e; }
      return undefined;
    }
    if (selfSigned(cur)) return depth === 0 ? 'self-signed' : 'self-signed-in-chain';
    const next = chain.find((c) => !path.includes(c) && issued(c, cur));
    if (!next) return 'local-issuer';
    path.push(next);
    cur = next;
  }
  return 'local-issuer';
}

/** OpenSSL's text for a verification error. */
export function chainErrorText(e: ChainError, openssl3 = true): string {
  switch (e) {
    case 'self-signed': return openssl3 ? 'self-signed certificate' : 'self signed certificate';
    case 'self-signed-in-chain': return openssl3 ? 'self-signed certificate in certificate chain' : 'self signed certificate in certificate chain';
    case 'local-issuer': return 'unable to get local issuer certificate';
    case 'expired': return 'certificate has expired';
    case 'not-yet-valid': return 'certificate is not yet valid';
    case 'bad-signature': return 'certificate signature failure';
  }
}

/** The subject's common name (the last CN, as OpenSSL picks it). */
export function commonName(cert: X509): string | undefined {
  const cns = cert.subject.split('\n').filter((l) => l.startsWith('CN=')).map((l) => l.slice(3));
  return cns[cns.length - 1];
}

/** RFC 6125 matching as curl's Curl_cert_hostcheck: case-insensitive, a wildcard only as the
 *  whole leftmost label, never for IP addresses, and at least two labels after it. */
export function hostMatches(pattern: string, host: string): boolean {
  const p = pattern.toLowerCase().replace(/\.$/, '');
  const h = host.toLowerCase().replace(/\.$/, '');
  if (p === h) return true;
  if (!p.startsWith('*.') || /^[\d.]+$/.test(h) || h.includes(':')) return false;
  const rest = p.slice(2);
  if (!rest.includes('.')) return false;
  const dot = h.indexOf('.');
  return dot > 0 && h.slice(dot + 1) === rest;
}

const isIP = (h: string) => /^\d{1,3}(\.\d{1,3}){3}$/.test(h) || h.includes(':');

/** curl's ossl_verifyhost: subjectAltName entries of the target's type; without any DNS or IP
 *  entry at all, the subject CN. */
export function checkName(cert: X509, host: string): PeerCheck {
  const sans = (cert.subjectAltName ?? '').split(/,\s*/).filter(Boolean).map((s) => {
    const i = s.indexOf(':');
    return { type: s.slice(0, i), value: s.slice(i + 1) };
  });
  const dns = sans.filter((s) => s.type === 'DNS');
  const ips = sans.filter((s) => s.type === 'IP Address');
  const ip = isIP(host);
  if (ip ? ips.some((s) => s.value === host) : dns.some((s) => hostMatches(s.value, host))) return { ok: true };
  if (dns.length || ips.length) return { ok: false, kind: 'name', altNames: true };
  const cn = commonName(cert);
  if (cn !== undefined && (ip ? cn === host : hostMatches(cn, host))) return { ok: true };
  return { ok: false, kind: 'name', cn, altNames: false };
}

/** What a verifying client concludes about a server's chain for a host name. */
export function checkPeer(chainPem: string, anchorsPem: string | undefined, host: string, now: Date): PeerCheck {
  const chain = parseCertificates(chainPem);
  const e = verifyChain(chain, parseCertificates(anchorsPem), now);
  if (e) return { ok: false, kind: 'chain', error: e };
  return checkName(chain[0], host);
}

// ---- curl's wording ----------------------------------------------------------------------------------

const versionAtLeast = (v: string, major: number, minor: number) => {
  const [a, b] = v.split('.').map(Number);
  return a > major || (a === major && b >= minor);
};

/** curl's exit code and message (without the `curl: (N) ` prefix) for a failed check. */
export function curlPeerError(check: Exclude<PeerCheck, { ok: true }>, host: string, curlVersion: string): { code: number; message: string } {
  const modern = versionAtLeast(curlVersion, 7, 62);
  const openssl3 = versionAtLeast(curlVersion, 7, 80);
  if (check.kind === 'chain') return { code: 60, message: `SSL certificate problem: ${chainErrorText(check.error, openssl3)}` };
  const code = modern ? 60 : 51;
  const newWords = versionAtLeast(curlVersion, 8, 8);
  const target = newWords ? `${isIP(host) ? (host.includes(':') ? 'ipv6 address' : 'ipv4 address') : 'hostname'}` : 'host name';
  if (check.altNames) return { code, message: `SSL: no alternative certificate subject name matches target ${target} '${host}'` };
  if (check.cn === undefined) return { code, message: 'SSL: unable to obtain common name from peer certificate' };
  return { code, message: `SSL: certificate subject name '${check.cn}' does not match target ${newWords ? 'hostname' : 'host name'} '${host}'` };
}

/** What curl's tool adds after a 60 (CURLE_PEER_FAILED_VERIFICATION / CURLE_SSL_CACERT). */
export function curlCaHelp(curlVersion: string): string {
  if (!versionAtLeast(curlVersion, 7, 70)) {
    return 'More details here: http://curl.haxx.se/docs/sslcerts.html\n\n' +
      'curl performs SSL certificate verification by default, using a "bundle"\n' +
      ' of Certificate Authority (CA) public keys (CA certs). If the default\n' +
      ' bundle file isn\'t adequate, you can specify an alternate file\n' +
      ' using the --cacert option.\n' +
      'If this HTTPS server uses a certificate signed by a CA represented in\n' +
      ' the bundle, the certificate verification probably failed due to a\n' +
      ' problem with the certificate (it might be expired, or the name might\n' +
      ' not match the domain name in the URL).\n' +
      'If you\'d like to turn off curl\'s verification of the certificate, use\n' +
      ' the -k (or --insecure) option.\n';
  }
  return 'More details here: https://curl.se/docs/sslcerts.html\n\n' +
    'curl failed to verify the legitimacy of the server and therefore could not\n' +
    'establish a secure connection to it. To learn more about this situation and\n' +
    `how to fix it, please visit the ${versionAtLeast(curlVersion, 8, 0) ? 'webpage' : 'web page'} mentioned above.\n`;
}
