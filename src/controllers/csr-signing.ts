// kube-controller-manager's csrsigning controller, as kind runs it (kubeadm gives it the cluster
// CA): an approved request for one of the kubernetes.io signers it serves gets its certificate in
// status.certificate (CONDITION "Approved,Issued"); a request its signer refuses gets a Failed
// condition. The CA is the cluster's, $KUBESIM_HOME/pki (the one kubesim serve presents), made
// here on first use when serve never ran.
import * as fs from 'fs';
import * as path from 'path';
import type { Round } from './context';
import type { KObject } from '../api/types';

const ONE_YEAR = 365 * 24 * 3600; // kubeadm's --cluster-signing-duration (8760h)
const SIGNERS: Record<string, { allowed: string[]; required: string }> = {
  'kubernetes.io/kube-apiserver-client': { allowed: ['digital signature', 'key encipherment', 'client auth'], required: 'client auth' },
  'kubernetes.io/kube-apiserver-client-kubelet': { allowed: ['digital signature', 'key encipherment', 'client auth'], required: 'client auth' },
  'kubernetes.io/kubelet-serving': { allowed: ['digital signature', 'key encipherment', 'server auth'], required: 'server auth' },
};

function clusterCA(): { cert: string; key: string } {
  const { kubesimHome } = require('../store/db') as typeof import('../store/db');
  const dir = path.join(kubesimHome(), 'pki');
  const crt = path.join(dir, 'ca.crt'), key = path.join(dir, 'ca.key');
  if (!fs.existsSync(crt) || !fs.existsSync(key)) {
    // the cluster's credentials (also the API server's): made once, by whichever needs them first
    (require('../store/pki') as typeof import('../store/pki')).loadOrCreateCredentials(kubesimHome());
  }
  return { cert: fs.readFileSync(crt, 'utf8'), key: fs.readFileSync(key, 'utf8') };
}

const has = (o: KObject, type: string) => (o.status?.conditions ?? []).some((c: any) => c.type === type);

export function csrSigningController(r: Round): void {
  const { api } = r;
  for (const c of r.changes) {
    if (c.obj.kind !== 'CertificateSigningRequest' || c.type === 'DELETED') continue;
    const csr = api.get('CertificateSigningRequest', undefined, c.obj.metadata.name);
    if (!csr || !has(csr, 'Approved') || has(csr, 'Denied') || has(csr, 'Failed') || csr.status?.certificate) continue;
    const signer = SIGNERS[csr.spec?.signerName];
    if (!signer) continue; // another signer's request: not this controller's
    const usages: string[] = csr.spec?.usages ?? [];
    const bad = usages.filter((u) => !signer.allowed.includes(u));
    const now = api.now();
    const stamp = now.toISOString().replace(/\.\d+Z$/, 'Z');
    if (bad.length || !usages.includes(signer.required)) {
      const message = bad.length ? `invalid usage for ${signer.required === 'client auth' ? 'client' : 'serving'} certificate: ${bad.join(', ')}` : `missing required usage for ${signer.required === 'client auth' ? 'client' : 'serving'} certificate: ${signer.required}`;
      api.mutate('CertificateSigningRequest', undefined, csr.metadata.name, (o) => {
        o.status = { ...(o.status ?? {}), conditions: [...(o.status?.conditions ?? []), { type: 'Failed', status: 'True', reason: 'SignerValidationFailure', message, lastUpdateTime: stamp, lastTransitionTime: stamp }] };
      }, { status: true });
      continue;
    }
    const { issueCertificate } = require('../api/kinds-more/x509') as typeof import('../api/kinds-more/x509');
    const ttl = Math.min(csr.spec?.expirationSeconds ?? ONE_YEAR, ONE_YEAR);
    const pem = issueCertificate(Buffer.from(String(csr.spec?.request ?? ''), 'base64'), usages, ttl, clusterCA(), now);
    api.mutate('CertificateSigningRequest', undefined, csr.metadata.name, (o) => {
      o.status = { ...(o.status ?? {}), certificate: Buffer.from(pem).toString('base64') };
    }, { status: true });
  }
}
