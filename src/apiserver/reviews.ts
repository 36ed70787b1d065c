// Reviews: SelfSubjectAccessReview, SelfSubjectRulesReview, SubjectAccessReview,
// SelfSubjectReview, answered by the RBAC authorizer over the stored Roles, ClusterRoles and
// bindings (src/api/rbac.ts, which `kubectl auth` uses too). The requester is the user of the
// kubeconfig `kubesim serve` writes (kind's kubernetes-admin), or whom the Impersonate-User /
// Impersonate-Group headers (kubectl --as / --as-group) name. This is what k9s and
// `kubectl auth can-i` ask before acting.
import { REVIEW_RESOURCES } from '../api/discovery';
import { Ctx, send, notFoundPath, methodNotAllowed } from './respond';
import { decodeObject } from './body';
import type { ServerEnv } from './env';
import * as rbac from '../api/rbac';

/** The impersonation filter: Impersonate-User, Impersonate-Group (repeated), Impersonate-Uid. */
function requester(ctx: Ctx): rbac.UserInfo {
  const h = ctx.req.headers;
  const as = h['impersonate-user'];
  if (typeof as !== 'string' || !as) return rbac.ADMIN_USER;
  const raw = ctx.req.rawHeaders;
  const groups: string[] = [];
  for (let i = 0; i < raw.length; i += 2) if (raw[i].toLowerCase() === 'impersonate-group') groups.push(raw[i + 1]);
  const uid = h['impersonate-uid'];
  return rbac.impersonated(as, groups, typeof uid === 'string' ? uid : '');
}

function decide(env: ServerEnv, user: rbac.UserInfo, spec: any): any {
  const d = spec?.nonResourceAttributes
    ? rbac.authorize(env.api, user, { nonResource: { verb: spec.nonResourceAttributes.verb ?? '', path: spec.nonResourceAttributes.path ?? '' } })
    : rbac.authorize(env.api, user, { resource: { ...(spec?.resourceAttributes ?? {}), verb: spec?.resourceAttributes?.verb ?? '' } });
  return { allowed: d.allowed, ...(d.reason ? { reason: d.reason } : {}), ...(d.evaluationError ? { evaluationError: d.evaluationError } : {}) };
}

export function handleReview(env: ServerEnv, ctx: Ctx, segs: string[], body: Buffer | undefined): void {
  if (ctx.req.method !== 'POST') throw methodNotAllowed();
  const o = decodeObject(ctx, body ?? Buffer.alloc(0)) ?? {};
  const plural = segs[segs.length - 1];
  const r = REVIEW_RESOURCES.find((x) => x.plural === plural);
  if (!r) throw notFoundPath();
  const base = { kind: r.kind, apiVersion: `${r.group}/${r.version}`, metadata: { creationTimestamp: null, ...(o.metadata ?? {}) } };
  const user = requester(ctx);
  switch (r.kind) {
    case 'SelfSubjectRulesReview':
      return send(ctx, 201, { ...base, spec: o.spec ?? {}, status: rbac.rulesFor(env.api, user, o.spec?.namespace ?? '') });
    case 'SelfSubjectReview':
      return send(ctx, 201, { ...base, status: { userInfo: { username: user.username, ...(user.uid ? { uid: user.uid } : {}), groups: user.groups } } });
    case 'SubjectAccessReview': {
      const spec = o.spec ?? {};
      const subject: rbac.UserInfo = { username: spec.user ?? '', groups: spec.groups ?? [] };
      return send(ctx, 201, { ...base, spec, status: decide(env, subject, spec) });
    }
    default:
      return send(ctx, 201, { ...base, spec: o.spec ?? {}, status: decide(env, user, o.spec) });
  }
}
