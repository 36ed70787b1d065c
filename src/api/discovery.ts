// Discovery as the API server serves it, built from the kinds registry (kinds.ts): the legacy
// documents (/api, /apis, /apis/G, /api/v1, /apis/G/V: APIVersions, APIGroupList, APIGroup,
// APIResourceList) and the aggregated one (apidiscovery.k8s.io/v2 APIGroupDiscoveryList), with
// the subresources real clients look for (deployments/scale for kubectl scale, pods/log, ...).
import { allKinds, KindInfo } from './kinds';

const VERBS = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const GPU = ['get', 'patch', 'update'];

/** Subresources by plural: [name, kind (of the response), verbs]. */
const SUBRESOURCES: Record<string, [string, { group: string; version: string; kind: string } | undefined, string[]][]> = {
  pods: [
    ['attach', { group: '', version: 'v1', kind: 'PodAttachOptions' }, ['create', 'get']],
    ['binding', { group: '', version: 'v1', kind: 'Binding' }, ['create']],
    ['ephemeralcontainers', undefined, GPU],
    ['eviction', { group: 'policy', version: 'v1', kind: 'Eviction' }, ['create']],
    ['exec', { group: '', version: 'v1', kind: 'PodExecOptions' }, ['create', 'get']],
    ['log', undefined, ['get']],
    ['portforward', { group: '', version: 'v1', kind: 'PodPortForwardOptions' }, ['create', 'get']],
    ['proxy', { group: '', version: 'v1', kind: 'PodProxyOptions' }, ['create', 'delete', 'get', 'patch', 'update']],
    ['status', undefined, GPU],
  ],
  services: [['proxy', { group: '', version: 'v1', kind: 'ServiceProxyOptions' }, ['create', 'delete', 'get', 'patch', 'update']], ['status', undefined, GPU]],
  nodes: [['proxy', { group: '', version: 'v1', kind: 'NodeProxyOptions' }, ['create', 'delete', 'get', 'patch', 'update']], ['status', undefined, GPU]],
  namespaces: [['finalize', undefined, ['update']], ['status', undefined, GPU]],
  serviceaccounts: [['token', { group: 'authentication.k8s.io', version: 'v1', kind: 'TokenRequest' }, ['create']]],
  replicationcontrollers: [['scale', { group: 'autoscaling', version: 'v1', kind: 'Scale' }, GPU], ['status', undefined, GPU]],
  deployments: [['scale', { group: 'autoscaling', version: 'v1', kind: 'Scale' }, GPU], ['status', undefined, GPU]],
  replicasets: [['scale', { group: 'autoscaling', version: 'v1', kind: 'Scale' }, GPU], ['status', undefined, GPU]],
  statefulsets: [['scale', { group: 'autoscaling', version: 'v1', kind: 'Scale' }, GPU], ['status', undefined, GPU]],
  daemonsets: [['status', undefined, GPU]],
  jobs: [['status', undefined, GPU]],
  cronjobs: [['status', undefined, GPU]],
  horizontalpodautoscalers: [['status', undefined, GPU]],
  ingresses: [['status', undefined, GPU]],
  poddisruptionbudgets: [['status', undefined, GPU]],
  persistentvolumeclaims: [['status', undefined, GPU]],
  persistentvolumes: [['status', undefined, GPU]],
  resourcequotas: [['status', undefined, GPU]],
  // the kinds of src/api/kinds-more
  validatingadmissionpolicies: [['status', undefined, GPU]],
  apiservices: [['status', undefined, GPU]],
  certificatesigningrequests: [['approval', undefined, GPU], ['status', undefined, GPU]],
  flowschemas: [['status', undefined, GPU]],
  prioritylevelconfigurations: [['status', undefined, GPU]],
  volumeattachments: [['status', undefined, GPU]],
};

/** Whether `plural/sub` exists. */
export function hasSubresource(plural: string, sub: string): boolean {
  return (SUBRESOURCES[plural] ?? []).some(([n]) => n === sub);
}

/** A kind's subresources: the built-in table, or a CRD's status subresource. */
function subresourcesOf(k: KindInfo): [string, { group: string; version: string; kind: string } | undefined, string[]][] {
  if (k.custom) return k.custom.status ? [['status', undefined, GPU]] : [];
  return SUBRESOURCES[k.plural] ?? [];
}

/** Whether a kind is served at group/version (a CRD serves several versions). */
const servedAt = (k: KindInfo, group: string, version: string) => k.group === group && (k.version === version || !!k.custom?.served.includes(version));

const verbsOf = (k: KindInfo) => k.verbs ?? (k.kind === 'Binding' ? ['create'] : k.kind === 'ComponentStatus' ? ['get', 'list'] : VERBS);

/** Resources that are not stored objects (reviews): served but not in KINDS. */
interface Extra { group: string; version: string; plural: string; kind: string; namespaced: boolean; verbs: string[] }
const EXTRA: Extra[] = [
  { group: 'authorization.k8s.io', version: 'v1', plural: 'localsubjectaccessreviews', kind: 'LocalSubjectAccessReview', namespaced: true, verbs: ['create'] },
  { group: 'authorization.k8s.io', version: 'v1', plural: 'selfsubjectaccessreviews', kind: 'SelfSubjectAccessReview', namespaced: false, verbs: ['create'] },
  { group: 'authorization.k8s.io', version: 'v1', plural: 'selfsubjectrulesreviews', kind: 'SelfSubjectRulesReview', namespaced: false, verbs: ['create'] },
  { group: 'authorization.k8s.io', version: 'v1', plural: 'subjectaccessreviews', kind: 'SubjectAccessReview', namespaced: false, verbs: ['create'] },
  { group: 'authentication.k8s.io', version: 'v1', plural: 'selfsubjectreviews', kind: 'SelfSubjectReview', namespaced: false, verbs: ['create'] },
];
export const REVIEW_RESOURCES = EXTRA;

export interface GroupVersions { group: string; version: string; /** every served version, the preferred first */ versions: string[] }

export function groupVersions(): GroupVersions[] {
  const seen = new Map<string, GroupVersions>();
  for (const k of [...allKinds(), ...EXTRA]) {
    if (!k.group) continue;
    const served = (k as KindInfo).custom?.served;
    const g = seen.get(k.group);
    if (!g) { seen.set(k.group, { group: k.group, version: k.version, versions: served ? [...served] : [k.version] }); continue; }
    if (served) {
      // several CRDs of one group: the union of their versions, by priority
      const { compareKubeAwareVersions } = require('./crd') as typeof import('./crd');
      g.versions = [...new Set([...g.versions, ...served])].sort((a, b) => compareKubeAwareVersions(b, a));
      g.version = g.versions[0];
    } else if (!g.versions.includes(k.version)) {
      // a built-in group with several versions (autoscaling v2, v1): the preferred one first
      if ((k as KindInfo).nonPreferred === true) g.versions.push(k.version);
      else { g.versions.unshift(k.version); g.version = k.version; }
    }
  }
  return [...seen.values()];
}

export const apiGroup = (g: { group: string; version: string; versions?: string[] }) => {
  const gv = (v: string) => ({ groupVersion: `${g.group}/${v}`, version: v });
  return { name: g.group, versions: (g.versions ?? [g.version]).map(gv), preferredVersion: gv(g.version) };
};

export function apiVersions(serverAddress: string) {
  return { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [{ clientCIDR: '0.0.0.0/0', serverAddress }] };
}

export function apiGroupList() {
  return { kind: 'APIGroupList', apiVersion: 'v1', groups: groupVersions().map(apiGroup) };
}

const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/** /api/v1, /apis/G/V: the APIResourceList, with subresources. */
export function resourceList(group: string, version: string): Record<string, unknown> | undefined {
  const ks = allKinds().filter((k) => servedAt(k, group, version));
  const ex = EXTRA.filter((k) => k.group === group && k.version === version);
  if (!ks.length && !ex.length) return undefined;
  const resources: any[] = [];
  for (const k of ks) {
    resources.push({
      name: k.plural, singularName: k.singular, namespaced: k.namespaced, kind: k.kind, verbs: verbsOf(k),
      ...(k.shortNames.length ? { shortNames: k.shortNames } : {}), ...(k.categories ? { categories: k.categories } : {}),
    });
    for (const [sub, rk, verbs] of subresourcesOf(k)) {
      resources.push({ name: `${k.plural}/${sub}`, singularName: '', namespaced: k.namespaced, ...(rk && (rk.group !== group || rk.version !== version) ? { group: rk.group, version: rk.version } : {}), kind: rk?.kind ?? k.kind, verbs });
    }
  }
  for (const k of ex) resources.push({ name: k.plural, singularName: k.kind.toLowerCase(), namespaced: k.namespaced, kind: k.kind, verbs: k.verbs });
  resources.sort(byName);
  return { kind: 'APIResourceList', apiVersion: 'v1', groupVersion: group ? `${group}/${version}` : version, resources };
}

/** The aggregated discovery document: core only (/api) or the named groups (/apis). */
export function aggregatedDiscovery(core: boolean): Record<string, unknown> {
  const gvs: GroupVersions[] = core ? [{ group: '', version: 'v1', versions: ['v1'] }] : groupVersions();
  const items = gvs.map(({ group, version, versions }) => {
    const vs = (versions ?? [version]).map((v) => ({ version: v, resources: aggregatedResources(group, v), freshness: 'Current' }));
    return { metadata: { name: group, creationTimestamp: null }, versions: vs };
  });
  return { kind: 'APIGroupDiscoveryList', apiVersion: 'apidiscovery.k8s.io/v2', metadata: {}, items };
}

function aggregatedResources(group: string, version: string): any[] {
  const resources: any[] = [];
    for (const k of allKinds().filter((x) => servedAt(x, group, version))) {
      const subs = subresourcesOf(k).map(([sub, rk, verbs]) => ({ subresource: sub, ...(rk ? { responseKind: rk } : { responseKind: { group, version, kind: k.kind } }), verbs }));
      resources.push({
        resource: k.plural, responseKind: { group, version, kind: k.kind }, scope: k.namespaced ? 'Namespaced' : 'Cluster',
        singularResource: k.singular, verbs: verbsOf(k),
        ...(k.shortNames.length ? { shortNames: k.shortNames } : {}), ...(k.categories ? { categories: k.categories } : {}),
        ...(subs.length ? { subresources: subs } : {}),
      });
    }
    for (const k of EXTRA.filter((x) => x.group === group && x.version === version)) {
      resources.push({ resource: k.plural, responseKind: { group, version, kind: k.kind }, scope: k.namespaced ? 'Namespaced' : 'Cluster', singularResource: k.kind.toLowerCase(), verbs: k.verbs });
    }
  resources.sort((a, b) => (a.resource < b.resource ? -1 : a.resource > b.resource ? 1 : 0));
  return resources;
}
