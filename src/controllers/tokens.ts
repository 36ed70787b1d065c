// The service account tokens controller (pkg/controller/serviceaccount/tokens_controller.go): a
// Secret of type kubernetes.io/service-account-token naming a service account (annotation
// kubernetes.io/service-account.name) gets its token, ca.crt and namespace, and the account's
// uid annotation; one naming an account that does not exist (or no longer the same one) is
// deleted, and so are an account's token secrets when the account is deleted.
import type { Round } from './context';
import type { KObject } from '../api/types';
import { changesOf } from './context';
import { KUBE_ROOT_CA } from './bootstrap-data';

const TOKEN_TYPE = 'kubernetes.io/service-account-token';
const NAME_KEY = 'kubernetes.io/service-account.name';
const UID_KEY = 'kubernetes.io/service-account.uid';
const b64 = (s: string) => Buffer.from(s).toString('base64');

export function tokensController(r: Round): void {
  for (const c of changesOf(r, 'Secret')) {
    if (c.type === 'DELETED' || c.obj.type !== TOKEN_TYPE) continue;
    syncSecret(r, c.obj.metadata.namespace!, c.obj.metadata.name);
  }
  for (const c of changesOf(r, 'ServiceAccount')) {
    if (c.type === 'DELETED') deleteTokens(r, c.obj);
  }
}

/** serviceaccount.IsServiceAccountToken: the secret is this account's token. */
function isTokenOf(secret: KObject, sa: { name: string; uid?: string }): boolean {
  if (secret.type !== TOKEN_TYPE) return false;
  const a = secret.metadata.annotations ?? {};
  if (a[NAME_KEY] !== sa.name) return false;
  return !a[UID_KEY] || a[UID_KEY] === sa.uid;
}

function deleteTokens(r: Round, sa: KObject): void {
  const { api } = r;
  const ns = sa.metadata.namespace!;
  for (const s of api.list('Secret', ns)) {
    if (isTokenOf(s, { name: sa.metadata.name, uid: sa.metadata.uid })) api.delete('Secret', ns, s.metadata.name);
  }
}

function syncSecret(r: Round, ns: string, name: string): void {
  const { api } = r;
  const secret = api.get('Secret', ns, name);
  if (!secret || secret.type !== TOKEN_TYPE || secret.metadata.deletionTimestamp) return;
  const a = secret.metadata.annotations ?? {};
  const sa = a[NAME_KEY] ? api.get('ServiceAccount', ns, a[NAME_KEY]) : undefined;
  if (!sa || (a[UID_KEY] && a[UID_KEY] !== sa.metadata.uid)) {
    // the account does not exist: its token goes
    api.delete('Secret', ns, name);
    return;
  }
  // secretUpdateNeeded
  const data: Record<string, string> = secret.data ?? {};
  const ca = b64(KUBE_ROOT_CA);
  const needsCA = data['ca.crt'] !== ca, needsNamespace = !data.namespace, needsToken = !data.token;
  if (!needsCA && !needsNamespace && !needsToken) return;
  if (needsCA) data['ca.crt'] = ca;
  if (needsNamespace) data.namespace = b64(ns);
  if (needsToken) data.token = b64(legacyToken(r, sa, secret));
  // a map, as Go writes it: keys in order
  secret.data = Object.fromEntries(Object.keys(data).sort().map((k) => [k, data[k]]));
  secret.metadata.annotations = { ...a, [NAME_KEY]: sa.metadata.name, [UID_KEY]: sa.metadata.uid! };
  api.update(secret);
}

/** serviceaccount.LegacyClaims, as a JWT (the claims' keys in order, as go-jose writes them). */
function legacyToken(r: Round, sa: KObject, secret: KObject): string {
  const ns = sa.metadata.namespace!;
  const { signJwt } = require('../api/tokens') as typeof import('../api/tokens');
  return signJwt(r.api, {
    iss: 'kubernetes/serviceaccount',
    'kubernetes.io/serviceaccount/namespace': ns,
    'kubernetes.io/serviceaccount/secret.name': secret.metadata.name,
    'kubernetes.io/serviceaccount/service-account.name': sa.metadata.name,
    'kubernetes.io/serviceaccount/service-account.uid': sa.metadata.uid,
    sub: `system:serviceaccount:${ns}:${sa.metadata.name}`,
  });
}
