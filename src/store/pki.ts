// The server's credentials, made on first start and kept in $KUBESIM_HOME/pki (owner-only), as
// kind makes a cluster's: a CA, a serving certificate for 127.0.0.1/localhost signed by it, and a
// client certificate (CN kubernetes-admin, O kubeadm:cluster-admins, as kubeadm 1.29+ signs admin.conf) for the kubeconfig. Keys come from
// Node's crypto; Node cannot issue X.509 certificates, so node-forge signs them (README).
import * as fs from 'fs';
import * as path from 'path';
import * as crypto from 'crypto';

export interface Credentials {
  caCert: string;
  serverCert: string;
  serverKey: string;
  clientCert: string;
  clientKey: string;
  /** a bearer token accepted as well (curl -H "Authorization: Bearer ...") */
  token: string;
}

const FILES = ['ca.crt', 'ca.key', 'apiserver.crt', 'apiserver.key', 'client.crt', 'client.key', 'token'] as const;

export function loadOrCreateCredentials(home: string): Credentials {
  const dir = path.join(home, 'pki');
  const read = (f: string) => fs.readFileSync(path.join(dir, f), 'utf8');
  if (FILES.every((f) => fs.existsSync(path.join(dir, f)))) {
    return { caCert: read('ca.crt'), serverCert: read('apiserver.crt'), serverKey: read('apiserver.key'), clientCert: read('client.crt'), clientKey: read('client.key'), token: read('token').trim() };
  }
  const c = createCredentials();
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  fs.chmodSync(dir, 0o700);
  const write = (f: string, s: string) => {
    const p = path.join(dir, f);
    const tmp = `${p}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, s, { mode: 0o600 });
    fs.renameSync(tmp, p);
  };
  write('ca.crt', c.creds.caCert); write('ca.key', c.caKey);
  write('apiserver.crt', c.creds.serverCert); write('apiserver.key', c.creds.serverKey);
  write('client.crt', c.creds.clientCert); write('client.key', c.creds.clientKey);
  write('token', c.creds.token + '\n');
  return c.creds;
}

function createCredentials(): { creds: Credentials; caKey: string } {
  const forge = require('node-forge') as typeof import('node-forge');
  const pki = forge.pki;
  const keyPair = () => {
    const { privateKey, publicKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    const priv = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    const pub = publicKey.export({ type: 'spki', format: 'pem' }) as string;
    return { pem: priv, priv: pki.privateKeyFromPem(priv), pub: pki.publicKeyFromPem(pub) };
  };
  const now = Date.now();
  const cert = (subject: { name: string; value: string }[], pub: any, days: number) => {
    const c = pki.createCertificate();
    c.publicKey = pub;
    c.serialNumber = '01' + crypto.randomBytes(15).toString('hex');
    c.validity.notBefore = new Date(now - 5 * 60_000);
    c.validity.notAfter = new Date(now + days * 86400_000);
    c.setSubject(subject);
    return c;
  };
  const ca = keyPair();
  const caSubject = [{ name: 'commonName', value: 'kubernetes' }];
  const caCert = cert(caSubject, ca.pub, 3650);
  caCert.setIssuer(caSubject);
  caCert.setExtensions([
    { name: 'basicConstraints', cA: true, critical: true },
    { name: 'keyUsage', keyCertSign: true, digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'subjectKeyIdentifier' },
  ]);
  caCert.sign(ca.priv, forge.md.sha256.create());

  const srv = keyPair();
  const srvCert = cert([{ name: 'commonName', value: 'kube-apiserver' }], srv.pub, 365);
  srvCert.setIssuer(caSubject);
  srvCert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', serverAuth: true },
    { name: 'subjectAltName', altNames: [
      { type: 2, value: 'localhost' }, { type: 2, value: 'kubernetes' }, { type: 2, value: 'kubernetes.default' },
      { type: 2, value: 'kubernetes.default.svc' }, { type: 2, value: 'kubernetes.default.svc.cluster.local' },
      { type: 7, ip: '127.0.0.1' }, { type: 7, ip: '::1' }, { type: 7, ip: '10.96.0.1' },
    ] },
  ]);
  srvCert.sign(ca.priv, forge.md.sha256.create());

  const cli = keyPair();
  const cliCert = cert([{ name: 'organizationName', value: 'kubeadm:cluster-admins' }, { name: 'commonName', value: 'kubernetes-admin' }], cli.pub, 365);
  cliCert.setIssuer(caSubject);
  cliCert.setExtensions([
    { name: 'basicConstraints', cA: false, critical: true },
    { name: 'keyUsage', digitalSignature: true, keyEncipherment: true, critical: true },
    { name: 'extKeyUsage', clientAuth: true },
  ]);
  cliCert.sign(ca.priv, forge.md.sha256.create());

  return {
    caKey: ca.pem,
    creds: {
      caCert: pki.certificateToPem(caCert), serverCert: pki.certificateToPem(srvCert), serverKey: srv.pem,
      clientCert: pki.certificateToPem(cliCert), clientKey: cli.pem, token: crypto.randomBytes(24).toString('hex'),
    },
  };
}
