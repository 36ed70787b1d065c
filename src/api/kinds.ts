// The kinds registry: what `kubectl api-resources` lists, and how names resolve.

export interface KindInfo {
  kind: string;
  group: string; // "" for core
  version: string;
  plural: string;
  singular: string;
  shortNames: string[];
  namespaced: boolean;
  categories?: string[];
  verbs?: string[];
  /** served but not the group's preferred version (autoscaling/v1 beside v2): not in
   *  api-resources, found by `plural.version.group` and by manifests' apiVersion */
  nonPreferred?: boolean;
  /** A kind a CustomResourceDefinition registers (src/api/crd.ts builds these). */
  custom?: CustomKind;
}

/** What a CRD adds to a registry entry: its served versions (`version` is the preferred one),
 *  the storage version, the preferred version's printer columns, the status subresource. */
export interface CustomKind {
  crd: string;
  served: string[];
  storage: string;
  listKind: string;
  columns: { name: string; type: string; format?: string; priority?: number; jsonPath: string; description?: string }[];
  status: boolean;
}

const K = (kind: string, group: string, version: string, plural: string, shortNames: string[], namespaced: boolean, categories?: string[]): KindInfo =>
  ({ kind, group, version, plural, singular: kind.toLowerCase(), shortNames, namespaced, categories });

// Order is discovery order (core first, then groups), which `get all` and api-resources follow.
export const KINDS: KindInfo[] = [
  K('Binding', '', 'v1', 'bindings', [], true),
  K('ComponentStatus', '', 'v1', 'componentstatuses', ['cs'], false),
  K('ConfigMap', '', 'v1', 'configmaps', ['cm'], true),
  K('Endpoints', '', 'v1', 'endpoints', ['ep'], true),
  K('Event', '', 'v1', 'events', ['ev'], true),
  K('LimitRange', '', 'v1', 'limitranges', ['limits'], true),
  K('Namespace', '', 'v1', 'namespaces', ['ns'], false),
  K('Node', '', 'v1', 'nodes', ['no'], false),
  K('PersistentVolumeClaim', '', 'v1', 'persistentvolumeclaims', ['pvc'], true),
  K('PersistentVolume', '', 'v1', 'persistentvolumes', ['pv'], false),
  K('Pod', '', 'v1', 'pods', ['po'], true, ['all']),
  K('PodTemplate', '', 'v1', 'podtemplates', [], true),
  K('ReplicationController', '', 'v1', 'replicationcontrollers', ['rc'], true, ['all']),
  K('ResourceQuota', '', 'v1', 'resourcequotas', ['quota'], true),
  K('Secret', '', 'v1', 'secrets', [], true),
  K('ServiceAccount', '', 'v1', 'serviceaccounts', ['sa'], true),
  K('Service', '', 'v1', 'services', ['svc'], true, ['all']),
  K('MutatingWebhookConfiguration', 'admissionregistration.k8s.io', 'v1', 'mutatingwebhookconfigurations', [], false, ['api-extensions']),
  K('ValidatingAdmissionPolicy', 'admissionregistration.k8s.io', 'v1', 'validatingadmissionpolicies', [], false, ['api-extensions']),
  K('ValidatingAdmissionPolicyBinding', 'admissionregistration.k8s.io', 'v1', 'validatingadmissionpolicybindings', [], false, ['api-extensions']),
  K('ValidatingWebhookConfiguration', 'admissionregistration.k8s.io', 'v1', 'validatingwebhookconfigurations', [], false, ['api-extensions']),
  K('CustomResourceDefinition', 'apiextensions.k8s.io', 'v1', 'customresourcedefinitions', ['crd', 'crds'], false, ['api-extensions']),
  K('APIService', 'apiregistration.k8s.io', 'v1', 'apiservices', [], false, ['api-extensions']),
  K('ControllerRevision', 'apps', 'v1', 'controllerrevisions', [], true),
  K('DaemonSet', 'apps', 'v1', 'daemonsets', ['ds'], true, ['all']),
  K('Deployment', 'apps', 'v1', 'deployments', ['deploy'], true, ['all']),
  K('ReplicaSet', 'apps', 'v1', 'replicasets', ['rs'], true, ['all']),
  K('StatefulSet', 'apps', 'v1', 'statefulsets', ['sts'], true, ['all']),
  K('HorizontalPodAutoscaler', 'autoscaling', 'v2', 'horizontalpodautoscalers', ['hpa'], true, ['all']),
  { ...K('HorizontalPodAutoscaler', 'autoscaling', 'v1', 'horizontalpodautoscalers', ['hpa'], true, ['all']), nonPreferred: true },
  K('CronJob', 'batch', 'v1', 'cronjobs', ['cj'], true, ['all']),
  K('Job', 'batch', 'v1', 'jobs', [], true, ['all']),
  K('CertificateSigningRequest', 'certificates.k8s.io', 'v1', 'certificatesigningrequests', ['csr'], false),
  K('Lease', 'coordination.k8s.io', 'v1', 'leases', [], true),
  K('EndpointSlice', 'discovery.k8s.io', 'v1', 'endpointslices', [], true),
  K('Event', 'events.k8s.io', 'v1', 'events', ['ev'], true),
  K('FlowSchema', 'flowcontrol.apiserver.k8s.io', 'v1', 'flowschemas', [], false),
  K('PriorityLevelConfiguration', 'flowcontrol.apiserver.k8s.io', 'v1', 'prioritylevelconfigurations', [], false),
  K('IngressClass', 'networking.k8s.io', 'v1', 'ingressclasses', [], false),
  K('Ingress', 'networking.k8s.io', 'v1', 'ingresses', ['ing'], true),
  K('NetworkPolicy', 'networking.k8s.io', 'v1', 'networkpolicies', ['netpol'], true),
  K('RuntimeClass', 'node.k8s.io', 'v1', 'runtimeclasses', [], false),
  K('PodDisruptionBudget', 'policy', 'v1', 'poddisruptionbudgets', ['pdb'], true),
  K('ClusterRoleBinding', 'rbac.authorization.k8s.io', 'v1', 'clusterrolebindings', [], false),
  K('ClusterRole', 'rbac.authorization.k8s.io', 'v1', 'clusterroles', [], false),
  K('RoleBinding', 'rbac.authorization.k8s.io', 'v1', 'rolebindings', [], true),
  K('Role', 'rbac.authorization.k8s.io', 'v1', 'roles', [], true),
  K('PriorityClass', 'scheduling.k8s.io', 'v1', 'priorityclasses', ['pc'], false),
  K('CSIDriver', 'storage.k8s.io', 'v1', 'csidrivers', [], false),
  K('CSINode', 'storage.k8s.io', 'v1', 'csinodes', [], false),
  K('CSIStorageCapacity', 'storage.k8s.io', 'v1', 'csistoragecapacities', [], true),
  K('StorageClass', 'storage.k8s.io', 'v1', 'storageclasses', ['sc'], false),
  K('VolumeAttachment', 'storage.k8s.io', 'v1', 'volumeattachments', [], false),
];

/** kind name as used for storage: "Event" from events.k8s.io is the same object as core Event. */
export const apiVersionOf = (k: KindInfo) => (k.group ? `${k.group}/${k.version}` : k.version);

/** `plural[.group]`: how API errors name a resource (`deployments.apps "x" not found`). */
export const qualifiedResource = (k: KindInfo) => (k.group ? `${k.plural}.${k.group}` : k.plural);

/** `kind[.group]`: how the name printer names an object (`deployment.apps/x`). */
export const qualifiedKind = (k: KindInfo) => (k.group ? `${k.kind.toLowerCase()}.${k.group}` : k.kind.toLowerCase());

const byKind = new Map<string, KindInfo>();
for (const k of KINDS) if (!byKind.has(k.kind)) byKind.set(k.kind, k);

// ---- the dynamic part: kinds registered by CustomResourceDefinitions ----------------------------
// The API keeps an index of them in the store's meta (src/api/crd.ts writes it with every CRD
// change); it is read only when a name does not resolve among the built-in kinds, and parsed
// again only when it changed.
/** What the index is read from: the store (an interface, so that api/ does not load store/). */
export interface CustomKindsStore { meta(key: string): string | undefined; getJson(kind: string, namespace: string, name: string): string | undefined }
let customSource: CustomKindsStore | undefined;
let customRaw: string | undefined;
let customList: KindInfo[] = [];

/** Where the CRD index is read from (the Api sets it to its store). */
export function setCustomKindsSource(store: CustomKindsStore | undefined): void {
  customSource = store; customRaw = undefined; customList = [];
}
/** How to reach the store when a name misses before anything opened it (the CLI resolves its
 *  arguments before its session opens the cluster). */
let customOpener: (() => CustomKindsStore | undefined) | undefined;
export function setCustomKindsOpener(fn: (() => CustomKindsStore | undefined) | undefined): void { customOpener = fn; }
export const customKindsStore = () => { if (!customSource && customOpener) { const o = customOpener; customOpener = undefined; customSource ??= o(); } return customSource; };

/** The kinds CRDs register, in the order kubectl lists them (group, then plural). */
export function customKinds(): KindInfo[] {
  if (!customKindsStore()) return customList;
  const raw = customSource!.meta('crd-kinds') ?? '';
  if (raw !== customRaw) { customRaw = raw; customList = raw ? (JSON.parse(raw) as KindInfo[]) : []; }
  return customList;
}

// A kubectl command resolves names with the discovery it read when it started (its REST mapper):
// a CRD created by the command does not make the same command's custom resources resolvable
// (`apply -f` of a CRD and its objects in one file fails for the objects the first time, as with
// kubectl). The CLI's dispatch starts each command's view; the API's own lookups stay current.
let commandView: KindInfo[] | undefined;
let commandMode = false;
export function startCommandView(): void { commandMode = true; commandView = undefined; }
/** Fix the command's view before its first write (then a miss reads what was there before). */
export function freezeCommandView(): void { if (commandMode && !commandView) commandView = customKinds(); }
function resolvableCustomKinds(): KindInfo[] {
  if (!commandMode) return customKinds();
  return (commandView ??= customKinds());
}

/** Built-in and custom kinds, for discovery and api-resources. */
export function allKinds(): KindInfo[] {
  const c = customKinds();
  return c.length ? [...KINDS, ...c] : KINDS;
}

/** The registry entry of a stored kind (core Event wins over events.k8s.io). */
export function kindInfo(kind: string): KindInfo {
  const k = byKind.get(kind) ?? customKinds().find((x) => x.kind === kind);
  if (!k) throw new Error(`unknown kind ${kind}`);
  return k;
}

/** Resolve what a user typed (`po`, `pods`, `pod`, `deployments.apps`, `deploy.apps`, `Deployment`)
 *  the way kubectl's RESTMapper does. Returns undefined when kubectl would say
 *  `the server doesn't have a resource type "x"`. */
export function resolveResource(arg: string): KindInfo | undefined {
  return resolveIn(KINDS, arg) ?? resolveIn(resolvableCustomKinds(), arg);
}
function resolveIn(KINDS: KindInfo[], arg: string): KindInfo | undefined {
  const a = arg.toLowerCase();
  let name = a, group: string | undefined;
  const dot = a.indexOf('.');
  // an empty group (`deploy.`) matches any group, as the REST mapper's partial resources do
  if (dot > 0) { name = a.slice(0, dot); group = a.slice(dot + 1) || undefined; }
  const cands = KINDS.filter((k) => group === undefined || k.group === group || (group && k.group.startsWith(group + '.')) || (group && `${k.version}.${k.group}` === group) || (!!group && !!k.custom?.served.some((v) => `${v}.${k.group}` === group)));
  for (const k of cands) if (k.plural === name) return preferCore(k);
  for (const k of cands) if (k.singular === name && k.kind !== 'Endpoints') return preferCore(k);
  if (name === 'endpoints') return cands.find((k) => k.kind === 'Endpoints');
  // kubectl's shortcut expander keeps the group, not the version: `hpa.v1.autoscaling` is v2
  for (const k of cands) if (k.shortNames.includes(name)) return preferCore(k.nonPreferred ? KINDS.find((x) => x.group === k.group && x.plural === k.plural && !x.nonPreferred) ?? k : k);
  for (const k of cands) if (k.kind.toLowerCase() === name && k.kind !== 'Endpoints') return preferCore(k);
  return undefined;
}
const preferCore = (k: KindInfo) => (k.kind === 'Event' ? KINDS.find((x) => x.kind === 'Event')! : k);

/** The kinds of a category (`all`, or one a CRD names), in discovery order. */
// The groups in the order the API server lists them (APIService group priority, aggregator's own
// group first): the order a category's resources come in.
const GROUP_ORDER = ['', 'apiregistration.k8s.io', 'apps', 'events.k8s.io', 'authentication.k8s.io', 'authorization.k8s.io', 'autoscaling', 'batch',
  'certificates.k8s.io', 'networking.k8s.io', 'policy', 'rbac.authorization.k8s.io', 'storage.k8s.io', 'admissionregistration.k8s.io',
  'apiextensions.k8s.io', 'scheduling.k8s.io', 'coordination.k8s.io', 'node.k8s.io', 'discovery.k8s.io', 'flowcontrol.apiserver.k8s.io'];

export function categoryKinds(category: string): KindInfo[] {
  const rank = (g: string) => { const i = GROUP_ORDER.indexOf(g); return i < 0 ? GROUP_ORDER.length : i; };
  const builtin = category === 'all' ? ALL_CATEGORY : KINDS.filter((k) => !k.nonPreferred && k.categories?.includes(category)).sort((a, b) => rank(a.group) - rank(b.group));
  return [...builtin, ...customKinds().filter((k) => k.categories?.includes(category))];
}

/** Lookup by apiVersion + kind, as manifests name them; undefined means
 *  `no matches for kind "X" in version "v"`. */
export function kindForManifest(apiVersion: string, kind: string): KindInfo | undefined {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/', 2) : ['', apiVersion];
  const k = KINDS.find((x) => x.kind === kind && x.group === group && x.version === version);
  if (k) return preferCore(k);
  return resolvableCustomKinds().find((x) => x.kind === kind && x.group === group && x.custom!.served.includes(version));
}

/** Expansion of the `all` category, in discovery order. */
export const ALL_CATEGORY = ['pods', 'replicationcontrollers', 'services', 'daemonsets', 'deployments', 'replicasets', 'statefulsets', 'horizontalpodautoscalers', 'cronjobs', 'jobs']
  .map((p) => KINDS.find((k) => k.plural === p)!);
