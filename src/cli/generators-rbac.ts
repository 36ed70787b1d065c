// `kubectl create role|clusterrole|rolebinding|clusterrolebinding`: the RBAC objects kubectl
// builds client-side (pkg/cmd/create/create_role.go, create_clusterrole.go, create_rolebinding.go,
// create_clusterrolebinding.go at 1.32), with their Complete/Validate errors and warnings.
import { CliError, KObject } from '../api/types';
import type { Parsed } from './flags';
import type { Generator } from './generators';
import { exactlyOneName, requiredFlagError } from './generators';
import { resolveResource } from '../api/kinds';
import { err } from './io';

const RBAC = 'rbac.authorization.k8s.io';
const VALID_RESOURCE_VERBS = ['*', 'get', 'delete', 'list', 'create', 'update', 'patch', 'watch', 'proxy', 'deletecollection', 'use', 'bind', 'escalate', 'impersonate'];
const VALID_NON_RESOURCE_VERBS = ['*', 'get', 'post', 'put', 'delete', 'patch', 'head', 'options'];
const SPECIAL_VERBS: Record<string, [string, string][]> = {
  use: [['policy', 'podsecuritypolicies'], ['extensions', 'podsecuritypolicies']],
  bind: [[RBAC, 'roles'], [RBAC, 'clusterroles']],
  escalate: [[RBAC, 'roles'], [RBAC, 'clusterroles']],
  impersonate: [['', 'users'], ['', 'serviceaccounts'], ['', 'groups'], ['authentication.k8s.io', 'userextras']],
};

interface ResourceOption { group: string; resource: string; subResource: string }

const uniq = (xs: string[]) => xs.filter((x, i) => xs.indexOf(x) === i);
const meta = (name: string, ns: string | undefined) => ({ name, ...(ns ? { namespace: ns } : {}), creationTimestamp: null } as any);

/** The RESTMapper's ResourceFor: the full resource and group of what was typed, or undefined
 *  (`the server doesn't have a resource type "x"`). */
function resourceFor(r: ResourceOption): { group: string; resource: string } | undefined {
  const k = resolveResource(r.group ? `${r.resource}.${r.group}` : r.resource);
  return k ? { group: k.group, resource: k.plural } : undefined;
}

const noType = (r: ResourceOption) => new CliError(`the server doesn't have a resource type "${r.resource}"`, 1, true);

/** Complete: verbs (`*` wins), resources as resource[.group][/subresource], resource names. */
function completeRule(p: Parsed) {
  let verbs: string[] = [];
  for (const v of p.flags.verb as string[]) {
    if (v === '*') { verbs = ['*']; break; }
    if (!verbs.includes(v)) verbs.push(v);
  }
  const resources: ResourceOption[] = [];
  for (const r of p.flags.resource as string[]) {
    const slash = r.indexOf('/');
    const sub = slash >= 0 ? r.slice(slash + 1) : '';
    const main = slash >= 0 ? r.slice(0, slash) : r;
    const dot = main.indexOf('.');
    const o = { resource: dot >= 0 ? main.slice(0, dot) : main, group: dot >= 0 ? main.slice(dot + 1) : '', subResource: sub };
    if (o.resource === '*' && dot < 0 && slash < 0) { resources.splice(0, resources.length, o); break; }
    resources.push(o);
  }
  return { verbs, resources, resourceNames: uniq(p.flags['resource-name'] as string[]) };
}

function validateResources(verbs: string[], resources: ResourceOption[]): void {
  for (const r of resources) {
    if (!r.resource) throw new CliError('resource must be specified if apiGroup/subresource specified');
    if (r.resource === '*') return;
    const found = resourceFor(r);
    const res = found ?? { group: r.group, resource: r.resource };
    let unknown = !found;
    for (const v of verbs) {
      const special = SPECIAL_VERBS[v];
      if (!special) continue;
      if (!special.some(([g, x]) => x === res.resource && g === res.group)) throw new CliError(`can not perform '${v}' on '${res.resource}' in group '${res.group}'`);
      unknown = false; // a special verb's own resources need not be served
    }
    if (unknown) throw noType(r);
  }
}

function warnVerbs(verbs: string[]): void {
  for (const v of verbs) if (!VALID_RESOURCE_VERBS.includes(v)) err(`Warning: '${v}' is not a standard resource verb\n`);
}

/** generateResourcePolicyRules: one rule per API group (groups sorted), then the URLs' rule. */
function policyRules(verbs: string[], resources: ResourceOption[], resourceNames: string[], urls: string[]): any[] {
  const byGroup = new Map<string, string[]>();
  for (const r of resources) {
    const res = resourceFor(r) ?? { group: r.group, resource: r.resource };
    const name = r.subResource ? `${res.resource}/${r.subResource}` : res.resource;
    const list = byGroup.get(res.group) ?? [];
    if (!list.includes(name)) list.push(name);
    byGroup.set(res.group, list);
  }
  const rules: any[] = [...byGroup.keys()].sort().map((g) => ({
    verbs, apiGroups: [g], resources: byGroup.get(g), ...(resourceNames.length ? { resourceNames } : {}),
  }));
  if (urls.length) rules.push({ verbs, nonResourceURLs: urls });
  return rules;
}

const ruleFlags = [
  { name: 'verb', type: 'stringSlice' as const, default: [] },
  { name: 'resource', type: 'stringSlice' as const, default: [] },
  { name: 'resource-name', type: 'stringArray' as const, default: [] },
];

export const role: Generator = {
  flags: ruleFlags,
  build(p, ctx) {
    const name = exactlyOneName(p, ctx.cmdPath);
    const { verbs, resources, resourceNames } = completeRule(p);
    if (!verbs.length) throw new CliError('at least one verb must be specified');
    warnVerbs(verbs);
    if (!resources.length) throw new CliError('at least one resource must be specified');
    validateResources(verbs, resources);
    return { apiVersion: `${RBAC}/v1`, kind: 'Role', metadata: meta(name, ctx.namespace), rules: policyRules(verbs, resources, resourceNames, []) };
  },
};

export const clusterrole: Generator = {
  namespaced: false,
  flags: [...ruleFlags, { name: 'non-resource-url', type: 'stringSlice', default: [] }, { name: 'aggregation-rule', type: 'stringArray', default: [] }],
  build(p, ctx) {
    const name = exactlyOneName(p, ctx.cmdPath);
    const urls = uniq(p.flags['non-resource-url'] as string[]);
    const { verbs, resources, resourceNames } = completeRule(p);
    const aggregation = mapStringString(p.flags['aggregation-rule'] as string[], '--aggregation-rule', ctx.cmdPath);
    if (Object.keys(aggregation).length) {
      if (urls.length || verbs.length || resources.length || resourceNames.length) throw new CliError('aggregation rule must be specified without nonResourceURLs, verbs, resources or resourceNames');
      return { apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: meta(name, undefined), rules: null, aggregationRule: { clusterRoleSelectors: [{ matchLabels: aggregation }] } };
    }
    if (!verbs.length) throw new CliError('at least one verb must be specified');
    if (!resources.length && !urls.length) throw new CliError('one of resource or nonResourceURL must be specified');
    if (resources.length) { warnVerbs(verbs); validateResources(verbs, resources); }
    if (urls.length) {
      for (const v of verbs) if (!VALID_NON_RESOURCE_VERBS.includes(v)) throw new CliError(`invalid verb: '${v}' for nonResourceURL`);
      for (const u of urls) {
        if (u === '*') continue;
        if (!u.startsWith('/')) throw new CliError('nonResourceURL should start with /');
        if (u.slice(0, -1).includes('*')) throw new CliError("nonResourceURL only supports wildcard matches when '*' is at the end");
      }
    }
    return { apiVersion: `${RBAC}/v1`, kind: 'ClusterRole', metadata: meta(name, undefined), rules: policyRules(verbs, resources, resourceNames, urls) };
  },
};

/** cliflag.MapStringString: key=value pairs, comma-separated, repeatable. */
function mapStringString(values: string[], flag: string, cmdPath: string): Record<string, string> {
  const m: Record<string, string> = {};
  for (const v of values) {
    for (const pair of v.split(',')) {
      if (!pair.trim()) continue;
      const eq = pair.indexOf('=');
      if (eq < 0) throw new CliError(`error: invalid argument "${v}" for "${flag}" flag: malformed pair, expect string=string\nSee '${cmdPath} --help' for usage.`, 1, true);
      m[pair.slice(0, eq).trim()] = pair.slice(eq + 1).trim();
    }
  }
  return m;
}

function subjects(p: Parsed): any[] {
  const out: any[] = [];
  for (const u of p.flags.user as string[]) out.push({ kind: 'User', apiGroup: RBAC, name: u });
  for (const g of p.flags.group as string[]) out.push({ kind: 'Group', apiGroup: RBAC, name: g });
  for (const sa of p.flags.serviceaccount as string[]) {
    const t = sa.split(':');
    if (t.length !== 2 || !t[0] || !t[1]) throw new CliError('serviceaccount must be <namespace>:<name>');
    out.push({ kind: 'ServiceAccount', namespace: t[0], name: t[1] });
  }
  return out;
}

const subjectFlags = [
  { name: 'user', type: 'stringArray' as const, default: [] },
  { name: 'group', type: 'stringArray' as const, default: [] },
  { name: 'serviceaccount', type: 'stringArray' as const, default: [] },
];

export const rolebinding: Generator = {
  flags: [{ name: 'clusterrole', type: 'string', default: '' }, { name: 'role', type: 'string', default: '' }, ...subjectFlags],
  wrapError: 'failed to create rolebinding',
  build(p, ctx) {
    const name = exactlyOneName(p, ctx.cmdPath);
    const { role: r, clusterrole: cr } = p.flags;
    if (!r === !cr) throw new CliError('exactly one of clusterrole or role must be specified');
    const subs = subjects(p);
    return {
      apiVersion: `${RBAC}/v1`, kind: 'RoleBinding', metadata: meta(name, ctx.namespace),
      ...(subs.length ? { subjects: subs } : {}),
      roleRef: { apiGroup: RBAC, kind: r ? 'Role' : 'ClusterRole', name: r || cr },
    };
  },
};

export const clusterrolebinding: Generator = {
  namespaced: false,
  flags: [{ name: 'clusterrole', type: 'string', default: '' }, ...subjectFlags],
  wrapError: 'failed to create clusterrolebinding',
  build(p, ctx) {
    if (!p.set.has('clusterrole')) throw requiredFlagError(['clusterrole']);
    const name = exactlyOneName(p, ctx.cmdPath);
    const subs = subjects(p);
    return {
      apiVersion: `${RBAC}/v1`, kind: 'ClusterRoleBinding', metadata: meta(name, undefined),
      ...(subs.length ? { subjects: subs } : {}),
      roleRef: { apiGroup: RBAC, kind: 'ClusterRole', name: p.flags.clusterrole },
    };
  },
};

export const RBAC_GENERATORS: Record<string, Generator> = { role, clusterrole, rolebinding, clusterrolebinding };
