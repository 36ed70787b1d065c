// The serviceaccounts/token subresource (TokenRequest), as a 1.32 API server answers it
// (pkg/registry/core/serviceaccount/storage/token.go, pkg/serviceaccount/claims.go and jwt.go):
// a JWT signed RS256 with the cluster's service-account key (made on first use and kept in the
// store's meta table), header {alg, kid}, claims in go-jose's (sorted) order: aud, exp, iat,
// iss, jti, kubernetes.io {namespace, node, pod, secret, serviceaccount}, nbf, sub.
// Used by `kubectl create token` (src/cli/create-token.ts) and by `kubesim serve`.
import * as crypto from 'crypto';
import { ApiError, KObject } from './types';
import type { Api } from './server';
import { notFound, timestamp } from './server';
import { kindInfo } from './kinds';
import { invalid } from './validation';

export const ISSUER = 'https://kubernetes.default.svc.cluster.local';
/** kind's --api-audiences */
export const API_AUDIENCES = [ISSUER];

const KEY_META = 'serviceaccount/signing-key';

function signingKey(api: Api): crypto.KeyObject {
  let pem = api.store.meta(KEY_META);
  if (!pem) {
    const { privateKey } = crypto.generateKeyPairSync('rsa', { modulusLength: 2048 });
    pem = privateKey.export({ type: 'pkcs1', format: 'pem' }) as string;
    api.store.setMeta(KEY_META, pem);
  }
  return crypto.createPrivateKey(pem);
}

/** keyIDFromPublicKey: the base64url SHA-256 of the public key's PKIX DER. */
function keyId(key: crypto.KeyObject): string {
  const der = crypto.createPublicKey(key).export({ type: 'spki', format: 'der' });
  return crypto.createHash('sha256').update(der).digest('base64url');
}

const b64 = (o: unknown) => Buffer.from(JSON.stringify(o)).toString('base64url');

/** A JWT of these claims, signed RS256 with the cluster's service-account key (TokenRequests,
 *  and the token controller's legacy service-account-token Secrets). */
export function signJwt(api: Api, claims: object): string {
  const key = signingKey(api);
  const head = b64({ alg: 'RS256', kid: keyId(key) }) + '.' + b64(claims);
  return head + '.' + crypto.sign('sha256', Buffer.from(head), key).toString('base64url');
}

export interface TokenRequestSpec {
  audiences?: string[] | null;
  expirationSeconds?: number | null;
  boundObjectRef?: { kind?: string; apiVersion?: string; name?: string; uid?: string } | null;
}

/** Create a TokenRequest for the service account NAME in NS; the answer is the TokenRequest
 *  with status.token and status.expirationTimestamp. Errors as the API server words them. */
export function createToken(api: Api, ns: string, name: string, req: { metadata?: any; spec?: TokenRequestSpec } = {}): KObject {
  const reqName = req.metadata?.name;
  if (reqName && reqName !== name) {
    throw invalid('TokenRequest.authentication.k8s.io', name, [{ field: 'metadata.name', message: `Invalid value: ${JSON.stringify(reqName)}: must match the service account name if specified` }]);
  }
  const sa = api.get('ServiceAccount', ns, name);
  if (!sa) throw notFound(kindInfo('ServiceAccount'), name);
  const spec = req.spec ?? {};
  const audiences = spec.audiences?.length ? [...spec.audiences] : [...API_AUDIENCES];
  const exp = spec.expirationSeconds ?? 3600;
  const nowMs = api.now().getTime();
  const causes = [];
  if (exp < 600) causes.push({ field: 'spec.expirationSeconds', message: `Invalid value: ${exp}: may not specify a duration less than 10 minutes` });
  if (exp > 2 ** 32) causes.push({ field: 'spec.expirationSeconds', message: `Invalid value: ${exp}: may not specify a duration larger than 2^32 seconds` });
  if (causes.length) throw invalid('TokenRequest.authentication.k8s.io', '', causes);
  const k8s: Record<string, unknown> = { namespace: ns };
  const ref = spec.boundObjectRef;
  if (ref) {
    const group = (ref.apiVersion ?? '').includes('/') ? ref.apiVersion!.split('/')[0] : '';
    let uid: string | undefined;
    if (group === '' && ref.kind === 'Pod') {
      const pod = api.get('Pod', ns, ref.name ?? '');
      if (!pod) throw notFound(kindInfo('Pod'), ref.name ?? '');
      const podSa = pod.spec?.serviceAccountName ?? '';
      if (podSa !== name) throw new ApiError('BadRequest', `cannot bind token for serviceaccount ${JSON.stringify(name)} to pod running with serviceaccount ${JSON.stringify(podSa)}`, 400);
      uid = pod.metadata.uid;
      const nodeName = pod.spec?.nodeName;
      if (nodeName) {
        const node = api.get('Node', undefined, nodeName);
        if (!node) throw notFound(kindInfo('Node'), nodeName);
        k8s.node = { name: node.metadata.name, uid: node.metadata.uid };
      }
      k8s.pod = { name: pod.metadata.name, uid: pod.metadata.uid };
    } else if (group === '' && ref.kind === 'Secret') {
      const secret = api.get('Secret', ns, ref.name ?? '');
      if (!secret) throw notFound(kindInfo('Secret'), ref.name ?? '');
      uid = secret.metadata.uid;
      k8s.secret = { name: secret.metadata.name, uid: secret.metadata.uid };
    } else if (group === '' && ref.kind === 'Node') {
      const node = api.get('Node', undefined, ref.name ?? '');
      if (!node) throw notFound(kindInfo('Node'), ref.name ?? '');
      uid = node.metadata.uid;
      k8s.node = { name: node.metadata.name, uid: node.metadata.uid };
    } else {
      const [g, v] = group ? ref.apiVersion!.split('/') : ['', ref.apiVersion ?? ''];
      throw new ApiError('BadRequest', `cannot bind token to object of type ${g}/${v}, Kind=${ref.kind ?? ''}`, 400);
    }
    if (ref.uid && uid !== ref.uid) {
      throw new ApiError('Conflict', `Operation cannot be fulfilled on ${ref.kind} ${JSON.stringify(ref.name ?? '')}: the UID in the bound object reference (${ref.uid}) does not match the UID in record. The object might have been deleted and then recreated`, 409);
    }
  }
  k8s.serviceaccount = { name: sa.metadata.name, uid: sa.metadata.uid };
  const iat = Math.floor(nowMs / 1000);
  const claims = {
    aud: audiences, exp: iat + exp, iat, iss: ISSUER, jti: crypto.randomUUID(),
    'kubernetes.io': Object.fromEntries(Object.keys(k8s).sort().map((k) => [k, k8s[k]])),
    nbf: iat, sub: `system:serviceaccount:${ns}:${name}`,
  };
  const token = signJwt(api, claims);
  return {
    kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1',
    metadata: { name: sa.metadata.name, namespace: sa.metadata.namespace, creationTimestamp: timestamp(nowMs) } as any,
    spec: {
      audiences, expirationSeconds: exp,
      boundObjectRef: ref ? { kind: ref.kind, apiVersion: ref.apiVersion, name: ref.name, ...(ref.uid ? { uid: ref.uid } : {}) } : null,
    },
    status: { token, expirationTimestamp: timestamp(nowMs + exp * 1000) },
  } as any;
}
