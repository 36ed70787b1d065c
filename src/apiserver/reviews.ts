// Reviews: SelfSubjectAccessReview, SelfSubjectRulesReview, SubjectAccessReview,
// SelfSubjectReview. Every request is allowed (kubesim has one user, the cluster admin), which is
// what k9s and `kubectl auth can-i` ask before acting.
import { REVIEW_RESOURCES } from '../api/discovery';
import { Ctx, send, notFoundPath, methodNotAllowed } from './respond';
import { decodeObject } from './body';
import type { ServerEnv } from './env';

export function handleReview(env: ServerEnv, ctx: Ctx, segs: string[], body: Buffer | undefined): void {
  if (ctx.req.method !== 'POST') throw methodNotAllowed();
  const o = decodeObject(ctx, body ?? Buffer.alloc(0)) ?? {};
  const plural = segs[segs.length - 1];
  const r = REVIEW_RESOURCES.find((x) => x.plural === plural);
  if (!r) throw notFoundPath();
  const base = { kind: r.kind, apiVersion: `${r.group}/${r.version}`, metadata: { creationTimestamp: null, ...(o.metadata ?? {}) } };
  switch (r.kind) {
    case 'SelfSubjectRulesReview':
      return send(ctx, 201, { ...base, spec: o.spec ?? {}, status: {
        resourceRules: [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'] }, { verbs: ['create'], apiGroups: ['authorization.k8s.io'], resources: ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'] }],
        nonResourceRules: [{ verbs: ['*'], nonResourceURLs: ['*'] }], incomplete: false,
      } });
    case 'SelfSubjectReview':
      return send(ctx, 201, { ...base, status: { userInfo: { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] } } });
    default:
      return send(ctx, 201, { ...base, spec: o.spec ?? {}, status: { allowed: true } });
  }
}

