// The RBAC authorizer, as the API server runs it (plugin/pkg/auth/authorizer/rbac and
// pkg/registry/rbac/validation at v1.32): who the requester is, whether a request is allowed by
// the stored Roles, ClusterRoles and their bindings, and which rules a user has in a namespace.
// Shared by the HTTP API server's reviews (src/apiserver/reviews.ts) and `kubectl auth`
// (src/cli/auth.ts), which asks the same questions without going through HTTP.
import type { KObject } from './types';

export interface UserInfo { username: string; uid?: string; groups: string[]; extra?: Record<string, string[]> }

/** The user of kind's kubeconfig: kubeadm 1.29+ signs admin.conf with O=kubeadm:cluster-admins,
 *  bound to cluster-admin by the kubeadm:cluster-admins ClusterRoleBinding. */
export const ADMIN_USER: UserInfo = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

/** The user an impersonating request acts as (the API server's impersonation filter): a service
 *  account's groups when none are given, and system:authenticated for everyone but anonymous. */
export function impersonated(as: string, asGroups: string[] = [], uid = ''): UserInfo {
  let groups = [...asGroups];
  const sa = /^system:serviceaccount:([^:]+):([^:]+)$/.exec(as);
  if (sa && !groups.length) groups = ['system:serviceaccounts', `system:serviceaccounts:${sa[1]}`];
  if (as !== 'system:anonymous' && !groups.includes('system:authenticated')) groups.push('system:authenticated');
  return { username: as, groups, ...(uid ? { uid } : {}) };
}

export interface PolicyRule { verbs: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[]; nonResourceURLs?: string[] }

export interface ResourceAttributes { namespace?: string; verb: string; group?: string; resource?: string; subresource?: string; name?: string }
export interface NonResourceAttributes { verb: string; path: string }

interface Reader {
  get(kind: string, namespace: string | undefined, name: string): KObject | undefined;
  list(kind: string, namespace?: string): KObject[];
}

const has = (set: string[] | undefined, v: string) => (set ?? []).includes(v);

/** rbacv1helpers: VerbMatches, APIGroupMatches, ResourceMatches, ResourceNameMatches, NonResourceURLMatches */
function resourceMatches(rule: PolicyRule, combined: string, sub: string): boolean {
  for (const r of rule.resources ?? []) {
    if (r === '*' || r === combined) return true;
    if (!sub) continue;
    if (r.length === sub.length + 2 && r.startsWith('*/') && r.endsWith(sub)) return true;
  }
  return false;
}
function nonResourceURLMatches(rule: PolicyRule, path: string): boolean {
  for (const u of rule.nonResourceURLs ?? []) {
    if (u === '*' || u === path) return true;
    if (u.endsWith('*') && path.startsWith(u.slice(0, -1))) return true;
  }
  return false;
}
export function ruleAllows(attrs: { resource?: ResourceAttributes; nonResource?: NonResourceAttributes }, rule: PolicyRule): boolean {
  if (attrs.resource) {
    const a = attrs.resource;
    const combined = a.subresource ? `${a.resource ?? ''}/${a.subresource}` : (a.resource ?? '');
    return (has(rule.verbs, '*') || has(rule.verbs, a.verb)) &&
      (has(rule.apiGroups, '*') || has(rule.apiGroups, a.group ?? '')) &&
      resourceMatches(rule, combined, a.subresource ?? '') &&
      (!(rule.resourceNames ?? []).length || has(rule.resourceNames, a.name ?? ''));
  }
  const n = attrs.nonResource!;
  return (has(rule.verbs, '*') || has(rule.verbs, n.verb)) && nonResourceURLMatches(rule, n.path);
}

function appliesTo(user: UserInfo, subject: any, bindingNamespace: string): boolean {
  switch (subject?.kind) {
    case 'User': return user.username === subject.name;
    case 'Group': return user.groups.includes(subject.name);
    case 'ServiceAccount': {
      const ns = subject.namespace || bindingNamespace;
      return !!ns && !!subject.name && user.username === `system:serviceaccount:${ns}:${subject.name}`;
    }
    default: return false;
  }
}

const describeSubject = (s: any, bindingNamespace: string) =>
  s.kind === 'ServiceAccount' ? `${s.kind} "${s.name}/${s.namespace || bindingNamespace}"` : `${s.kind} "${s.name}"`;

interface Visit { source: string; rules: PolicyRule[] }

/** DefaultRuleResolver.VisitRulesFor: the cluster role bindings, then the namespace's role
 *  bindings. Each visit carries the binding's description (for the allowed reason); a binding
 *  whose role is missing is an error. */
function visitRules(api: Reader, user: UserInfo, namespace: string, visit: (v: Visit | undefined, err?: string) => boolean): void {
  for (const b of api.list('ClusterRoleBinding')) {
    const subjects: any[] = b.subjects ?? [];
    const s = subjects.find((x) => appliesTo(user, x, ''));
    if (!s) continue;
    const ref = b.roleRef ?? {};
    if (ref.kind !== 'ClusterRole') continue;
    const role = api.get('ClusterRole', undefined, ref.name);
    if (!role) { if (!visit(undefined, `clusterrole.rbac.authorization.k8s.io "${ref.name}" not found`)) return; continue; }
    if (!visit({ source: `ClusterRoleBinding "${b.metadata.name}" of ClusterRole "${ref.name}" to ${describeSubject(s, '')}`, rules: role.rules ?? [] })) return;
  }
  if (!namespace) return;
  for (const b of api.list('RoleBinding', namespace)) {
    const subjects: any[] = b.subjects ?? [];
    const s = subjects.find((x) => appliesTo(user, x, namespace));
    if (!s) continue;
    const ref = b.roleRef ?? {};
    const role = ref.kind === 'ClusterRole' ? api.get('ClusterRole', undefined, ref.name) : ref.kind === 'Role' ? api.get('Role', namespace, ref.name) : undefined;
    if (!role) {
      const what = ref.kind === 'ClusterRole' ? 'clusterrole' : 'role';
      if (!visit(undefined, `${what}.rbac.authorization.k8s.io "${ref.name}" not found`)) return;
      continue;
    }
    if (!visit({ source: `RoleBinding "${b.metadata.name}/${namespace}" of ${ref.kind} "${ref.name}" to ${describeSubject(s, namespace)}`, rules: role.rules ?? [] })) return;
  }
}

export interface Decision { allowed: boolean; reason?: string; evaluationError?: string }

/** The union authorizer of a kind API server (system:masters, then RBAC) for one request. */
export function authorize(api: Reader, user: UserInfo, attrs: { resource?: ResourceAttributes; nonResource?: NonResourceAttributes }): Decision {
  if (user.groups.includes('system:masters')) return { allowed: true };
  const namespace = attrs.resource?.namespace ?? '';
  let allowedBy: string | undefined;
  const errors: string[] = [];
  visitRules(api, user, namespace, (v, err) => {
    if (err) { errors.push(err); return true; }
    if (v!.rules.some((r) => ruleAllows(attrs, r))) { allowedBy = v!.source; return false; }
    return true;
  });
  if (allowedBy) return { allowed: true, reason: `RBAC: allowed by ${allowedBy}` };
  if (errors.length) return { allowed: false, reason: `RBAC: ${aggregate(errors)}` };
  return { allowed: false };
}

/** utilerrors.NewAggregate(...).Error() */
const aggregate = (errs: string[]) => (errs.length === 1 ? errs[0] : `[${errs.join(', ')}]`);

export interface RulesStatus {
  resourceRules: { verbs: string[]; apiGroups?: string[]; resources?: string[]; resourceNames?: string[] }[];
  nonResourceRules: { verbs: string[]; nonResourceURLs?: string[] }[];
  incomplete: boolean;
  evaluationError?: string;
}

/** SelfSubjectRulesReview's status: every rule that applies to the user in the namespace. */
export function rulesFor(api: Reader, user: UserInfo, namespace: string): RulesStatus {
  const status: RulesStatus = { resourceRules: [], nonResourceRules: [], incomplete: false };
  const errors: string[] = [];
  visitRules(api, user, namespace, (v, err) => {
    if (err) { errors.push(err); return true; }
    for (const r of v!.rules) {
      if ((r.resources ?? []).length) {
        status.resourceRules.push({ verbs: r.verbs ?? [], ...(r.apiGroups ? { apiGroups: r.apiGroups } : {}), resources: r.resources, ...(r.resourceNames ? { resourceNames: r.resourceNames } : {}) });
      }
      if ((r.nonResourceURLs ?? []).length) status.nonResourceRules.push({ verbs: r.verbs ?? [], nonResourceURLs: r.nonResourceURLs });
    }
    return true;
  });
  if (errors.length) { status.incomplete = true; status.evaluationError = aggregate(errors); }
  return status;
}

// ---- rule coverage (validation.Covers), for `auth reconcile` ----------------------------------

/** validation.BreakdownRule: one rule per group, resource, verb (and resource name). */
export function breakdownRule(rule: PolicyRule): PolicyRule[] {
  const out: PolicyRule[] = [];
  for (const group of rule.apiGroups ?? []) {
    for (const resource of rule.resources ?? []) {
      for (const verb of rule.verbs ?? []) {
        if ((rule.resourceNames ?? []).length) for (const rn of rule.resourceNames!) out.push({ verbs: [verb], apiGroups: [group], resources: [resource], resourceNames: [rn] });
        else out.push({ verbs: [verb], apiGroups: [group], resources: [resource] });
      }
    }
  }
  for (const url of rule.nonResourceURLs ?? []) for (const verb of rule.verbs ?? []) out.push({ verbs: [verb], nonResourceURLs: [url] });
  return out;
}

const hasAll = (set: string[] | undefined, want: string[] | undefined) => (want ?? []).every((w) => has(set, w));

function resourceCoversAll(set: string[] | undefined, covers: string[] | undefined): boolean {
  if (has(set, '*')) return true;
  for (const key of covers ?? []) {
    if (has(set, key)) continue;
    const i = key.indexOf('/');
    if (i >= 0 && has(set, '*/' + key.slice(i + 1))) continue;
    return false;
  }
  return true;
}

function nonResourceURLsCoversAll(set: string[] | undefined, covers: string[] | undefined): boolean {
  return (covers ?? []).every((c) => (set ?? []).some((o) => o === c || (o.endsWith('*') && c.startsWith(o.slice(0, -1)))));
}

function ruleCovers(owner: PolicyRule, sub: PolicyRule): boolean {
  const verbs = has(owner.verbs, '*') || hasAll(owner.verbs, sub.verbs);
  const groups = has(owner.apiGroups, '*') || hasAll(owner.apiGroups, sub.apiGroups);
  const resources = resourceCoversAll(owner.resources, sub.resources);
  const urls = nonResourceURLsCoversAll(owner.nonResourceURLs, sub.nonResourceURLs);
  const names = !(sub.resourceNames ?? []).length ? !(owner.resourceNames ?? []).length : !(owner.resourceNames ?? []).length || hasAll(owner.resourceNames, sub.resourceNames);
  return verbs && groups && resources && names && urls;
}

/** validation.Covers: the broken-down rules of `servant` that no rule of `owner` covers. */
export function uncovered(owner: PolicyRule[], servant: PolicyRule[]): PolicyRule[] {
  const missing: PolicyRule[] = [];
  for (const r of servant) for (const sub of breakdownRule(r)) if (!owner.some((o) => ruleCovers(o, sub))) missing.push(sub);
  return missing;
}
