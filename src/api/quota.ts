// ResourceQuota: what an object uses (pkg/quota/v1/evaluator/core: pods, services, claims, and
// object counts for every other resource) and the admission plugin that refuses what would exceed
// a quota (k8s.io/apiserver/pkg/admission/plugin/resourcequota), charging what it admits to the
// quota's status.used at once. The quota controller (src/controllers/resourcequota.ts) keeps
// status.used with the same evaluators.
import { ApiError, KObject } from './types';
import { KINDS, kindInfo, qualifiedResource } from './kinds';
import { Quantity, parseQuantity, quantityString, goAdd, goSub, cmpQuantity, isZero, signOf, zeroQuantity } from './resource-quantity';

export type Usage = Map<string, Quantity>;

const one = (): Quantity => parseQuantity('1')!;
const count = (n: number): Quantity => ({ ...parseQuantity(String(n))!, format: 'DecimalSI' });

/** quota.Add: a's keys, each plus b's, then b's other keys. */
export function addUsage(a: Usage, b: Usage): Usage {
  const out: Usage = new Map();
  for (const [k, q] of a) out.set(k, b.has(k) ? goAdd(q, b.get(k)!) : q);
  for (const [k, q] of b) if (!out.has(k)) out.set(k, q);
  return out;
}

/** quota.SubtractWithNonNegativeResult. */
export function subtractUsage(a: Usage, b: Usage): Usage {
  const out: Usage = new Map();
  for (const [k, q] of a) {
    let v = b.has(k) ? goSub(q, b.get(k)!) : q;
    if (signOf(v) < 0) v = { ...zeroQuantity(v.format) };
    out.set(k, v);
  }
  for (const [k, q] of b) if (!out.has(k)) out.set(k, signOf(q) < 0 ? q : zeroQuantity(q.format));
  return out;
}

export function maskUsage(u: Usage, names: Iterable<string>): Usage {
  const out: Usage = new Map();
  for (const n of names) if (u.has(n)) out.set(n, u.get(n)!);
  return out;
}

export const removeZeros = (u: Usage): Usage => new Map([...u].filter(([, q]) => !isZero(q)));

export function usageOf(list: Record<string, unknown> | undefined | null): Usage {
  const m: Usage = new Map();
  for (const [k, v] of Object.entries(list ?? {})) { const q = parseQuantity(v); if (q) m.set(k, q); }
  return m;
}

export function usageJson(u: Usage): Record<string, string> {
  const o: Record<string, string> = {};
  for (const k of [...u.keys()].sort()) o[k] = quantityString(u.get(k)!);
  return o;
}

export const usageEquals = (a: Usage, b: Usage) => a.size === b.size && [...a].every(([k, q]) => b.has(k) && cmpQuantity(q, b.get(k)!) === 0);

/** prettyPrint: `name=value` sorted by name, comma-separated. */
const prettyPrint = (u: Usage) => [...u.keys()].sort().map((k) => `${k}=${quantityString(u.get(k)!)}`).join(',');

// ---- evaluators ------------------------------------------------------------------------------

interface ScopeReq { scopeName: string; operator: string; values?: string[] }

export interface Evaluator {
  kind: string;
  /** MatchingResources: which of these resource names this evaluator measures. */
  matching(names: string[]): string[];
  usage(o: KObject, nowMs: number): Usage;
  /** Whether the object is in a scope (objects other than pods are in none). */
  inScope(sel: ScopeReq, o: KObject): boolean;
  handles(op: 'CREATE' | 'UPDATE'): boolean;
  /** Constraints: a reason to refuse, whatever the usage. */
  constraints?(required: string[], o: KObject): string | undefined;
}

const NATIVE = (n: string) => !n.includes('/') || n.includes('kubernetes.io/');
const EXTENDED = (n: string) => !NATIVE(n) && !n.startsWith('requests.');
const HUGEPAGES = 'hugepages-';

const POD_RESOURCES = new Set(['count/pods', 'cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods']);
/** Resources a compute quota makes every container state (a mistake Kubernetes keeps). */
const VALIDATION_SET = new Set(['cpu', 'memory', 'requests.cpu', 'requests.memory', 'limits.cpu', 'limits.memory']);

/** podComputeUsageHelper. */
function podComputeUsage(requests: Usage, limits: Usage): Usage {
  const r: Usage = new Map([['pods', one()]]);
  for (const [res, name] of [['cpu', 'cpu'], ['memory', 'memory'], ['ephemeral-storage', 'ephemeral-storage']] as const) {
    const q = requests.get(res);
    if (q) { r.set(name, q); r.set(`requests.${res}`, q); }
    const l = limits.get(res);
    if (l) r.set(`limits.${res}`, l);
  }
  for (const [res, q] of requests) {
    if (res.startsWith(HUGEPAGES)) { r.set(res, q); r.set(`requests.${res}`, q); }
    if (EXTENDED(res) && res.includes('/')) r.set(`requests.${res}`, q);
  }
  return r;
}

function addInto(list: Usage, add: Usage): void {
  for (const [k, q] of add) list.set(k, list.has(k) ? goAdd(list.get(k)!, q) : q);
}
function maxInto(list: Usage, other: Usage): void {
  for (const [k, q] of other) if (!list.has(k) || cmpQuantity(q, list.get(k)!) > 0) list.set(k, q);
}

/** resourcehelper.PodRequests / PodLimits: the containers' sum, at least any init container's
 *  (sidecars adding up), plus the pod's overhead. */
export function podResources(pod: KObject, which: 'requests' | 'limits'): Usage {
  const s = pod.spec ?? {};
  const total: Usage = new Map();
  for (const c of s.containers ?? []) addInto(total, usageOf(c.resources?.[which]));
  const sidecars: Usage = new Map();
  const init: Usage = new Map();
  for (const c of s.initContainers ?? []) {
    let cr = usageOf(c.resources?.[which]);
    if (c.restartPolicy === 'Always') {
      addInto(total, cr);
      addInto(sidecars, cr);
      cr = new Map(sidecars);
    } else {
      const tmp: Usage = new Map();
      addInto(tmp, cr); addInto(tmp, sidecars);
      cr = tmp;
    }
    maxInto(init, cr);
  }
  maxInto(total, init);
  for (const [k, q] of usageOf(s.overhead)) if (which === 'requests' || total.has(k)) addInto(total, new Map([[k, q]]));
  return total;
}

/** QuotaV1Pod: terminal pods, and pods past their deletion's grace period, use nothing. */
function chargedPod(pod: KObject, nowMs: number): boolean {
  const phase = pod.status?.phase;
  if (phase === 'Failed' || phase === 'Succeeded') return false;
  const del = pod.metadata.deletionTimestamp, grace = pod.metadata.deletionGracePeriodSeconds;
  if (del && typeof grace === 'number' && nowMs > Date.parse(del) + grace * 1000) return false;
  return true;
}

function bestEffort(pod: KObject): boolean {
  const s = pod.spec ?? {};
  return [...(s.containers ?? []), ...(s.initContainers ?? [])].every((c: any) =>
    !['requests', 'limits'].some((w) => Object.keys(c.resources?.[w] ?? {}).some((k) => k === 'cpu' || k === 'memory')));
}

function crossNamespaceAffinity(pod: KObject): boolean {
  const a = pod.spec?.affinity ?? {};
  const terms = (x: any) => [...(x?.requiredDuringSchedulingIgnoredDuringExecution ?? []), ...(x?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map((w: any) => w.podAffinityTerm ?? {})];
  return [...terms(a.podAffinity), ...terms(a.podAntiAffinity)].some((t: any) => (t.namespaces ?? []).length > 0 || t.namespaceSelector != null);
}

function podInScope(sel: ScopeReq, pod: KObject): boolean {
  switch (sel.scopeName) {
    case 'Terminating': return terminating(pod);
    case 'NotTerminating': return !terminating(pod);
    case 'BestEffort': return bestEffort(pod);
    case 'NotBestEffort': return !bestEffort(pod);
    case 'PriorityClass': {
      const pc: string = pod.spec?.priorityClassName ?? '';
      switch (sel.operator) {
        case 'Exists': return pc !== '';
        case 'DoesNotExist': return pc === '';
        case 'In': return pc !== '' && (sel.values ?? []).includes(pc);
        case 'NotIn': return pc === '' || !(sel.values ?? []).includes(pc);
      }
      return false;
    }
    case 'CrossNamespacePodAffinity': return crossNamespaceAffinity(pod);
  }
  return false;
}

const podEvaluator: Evaluator = {
  kind: 'Pod',
  matching: (names) => names.filter((n) => POD_RESOURCES.has(n) || n.startsWith(HUGEPAGES) || n.startsWith(`requests.${HUGEPAGES}`) || (n.startsWith('requests.') && !NATIVE(n.slice(9)))),
  usage(pod, nowMs) {
    const u: Usage = new Map([['count/pods', count(1)]]);
    if (!chargedPod(pod, nowMs)) return u;
    return addUsage(u, podComputeUsage(podResources(pod, 'requests'), podResources(pod, 'limits')));
  },
  inScope: podInScope,
  handles: (op) => op === 'CREATE',
  constraints(required, pod) {
    const need = required.filter((r) => VALIDATION_SET.has(r));
    if (!need.length) return undefined;
    const missing = new Map<string, Set<string>>();
    for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
      const has = podComputeUsage(usageOf(c.resources?.requests), usageOf(c.resources?.limits));
      for (const r of need) if (!has.has(r)) { if (!missing.has(r)) missing.set(r, new Set()); missing.get(r)!.add(c.name); }
    }
    if (!missing.size) return undefined;
    return `must specify ${[...missing.keys()].sort().map((r) => `${r} for: ${[...missing.get(r)!].sort().join(',')}`).join('; ')}`;
  },
};

const SERVICE_RESOURCES = ['count/services', 'services', 'services.loadbalancers', 'services.nodeports'];
const serviceEvaluator: Evaluator = {
  kind: 'Service',
  matching: (names) => names.filter((n) => SERVICE_RESOURCES.includes(n)),
  usage(svc) {
    const s = svc.spec ?? {};
    const ports = (s.ports ?? []).length;
    let lbs = 0, nodePorts = 0;
    if (s.type === 'NodePort') nodePorts = ports;
    if (s.type === 'LoadBalancer') {
      lbs = 1;
      nodePorts = s.allocateLoadBalancerNodePorts === false ? (s.ports ?? []).filter((p: any) => p.nodePort).length : ports;
    }
    return new Map([['count/services', count(1)], ['services', count(1)], ['services.loadbalancers', count(lbs)], ['services.nodeports', count(nodePorts)]]);
  },
  inScope: () => false,
  handles: () => true,
};

const CLASS_SUFFIX = '.storageclass.storage.k8s.io/';
const claimEvaluator: Evaluator = {
  kind: 'PersistentVolumeClaim',
  matching: (names) => names.filter((n) => ['count/persistentvolumeclaims', 'persistentvolumeclaims', 'requests.storage'].includes(n)
    || (n.includes(CLASS_SUFFIX) && ['persistentvolumeclaims', 'requests.storage'].includes(n.slice(n.indexOf(CLASS_SUFFIX) + CLASS_SUFFIX.length)))),
  usage(pvc) {
    const u: Usage = new Map([['persistentvolumeclaims', count(1)], ['count/persistentvolumeclaims', count(1)]]);
    const cls: string = pvc.spec?.storageClassName ?? pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? '';
    if (cls) u.set(`${cls}${CLASS_SUFFIX}persistentvolumeclaims`, count(1));
    const req = parseQuantity(pvc.spec?.resources?.requests?.storage);
    if (req) {
      u.set('requests.storage', req);
      if (cls) u.set(`${cls}${CLASS_SUFFIX}requests.storage`, req);
    }
    return u;
  },
  inScope: () => false,
  handles: () => true,
};

/** The names quota uses for object counts before count/<resource> existed. */
const LEGACY: Record<string, string> = { ConfigMap: 'configmaps', Secret: 'secrets', ReplicationController: 'replicationcontrollers', ResourceQuota: 'resourcequotas' };

export const countName = (kind: string) => {
  const info = kindInfo(kind);
  return `count/${qualifiedResource(info)}`;
};

function countEvaluator(kind: string): Evaluator {
  const names = [countName(kind), ...(LEGACY[kind] ? [LEGACY[kind]] : [])];
  return {
    kind,
    matching: (input) => input.filter((n) => names.includes(n)),
    usage: () => new Map(names.map((n) => [n, count(1)])),
    inScope: () => false,
    handles: (op) => op === 'CREATE',
  };
}

/** Kinds quota never counts: events (the apiserver's ignored resources). */
const IGNORED = new Set(['Event']);

const evaluators = new Map<string, Evaluator>([['Pod', podEvaluator], ['Service', serviceEvaluator], ['PersistentVolumeClaim', claimEvaluator]]);
export function evaluatorFor(kind: string): Evaluator | undefined {
  if (IGNORED.has(kind)) return undefined;
  let e = evaluators.get(kind);
  if (!e) {
    const info = KINDS.find((k) => k.kind === kind);
    if (!info || !info.namespaced) return undefined;
    evaluators.set(kind, (e = countEvaluator(kind)));
  }
  return e;
}

/** The kinds whose evaluators measure some of these resource names (the controller's registry:
 *  its own evaluators, and object counts for every namespaced resource). */
export function kindsFor(names: string[]): string[] {
  const kinds = new Set<string>();
  for (const e of ['Pod', 'Service', 'PersistentVolumeClaim']) if (evaluators.get(e)!.matching(names).length) kinds.add(e);
  for (const k of Object.keys(LEGACY)) if (names.includes(LEGACY[k])) kinds.add(k);
  for (const n of names) {
    if (!n.startsWith('count/')) continue;
    const info = KINDS.find((k) => k.namespaced && `count/${qualifiedResource(k)}` === n);
    if (info && !IGNORED.has(info.kind)) kinds.add(info.kind);
  }
  return [...kinds];
}

// ---- scope and match -------------------------------------------------------------------------

export function scopeSelectors(q: KObject): ScopeReq[] {
  return [
    ...(q.spec?.scopes ?? []).map((s: string) => ({ scopeName: s, operator: 'Exists' })),
    ...(q.spec?.scopeSelector?.matchExpressions ?? []),
  ];
}

/** generic.Matches: the quota's status.hard names something the evaluator measures, and the
 *  object is in every scope of the quota. */
export function quotaMatches(q: KObject, e: Evaluator, o: KObject): boolean {
  if (!e.matching(Object.keys(q.status?.hard ?? {})).length) return false;
  return scopeSelectors(q).every((s) => e.inScope(s, o));
}

/** What an object adds to a quota's used: its usage in the quota's hard names, when it matches. */
export function chargeFor(q: KObject, e: Evaluator, o: KObject, nowMs: number, hardNames: string[]): Usage {
  if (!quotaMatches(q, e, o)) return new Map();
  return maskUsage(e.usage(o, nowMs), e.matching(hardNames));
}

// ---- admission -------------------------------------------------------------------------------

export interface QuotaAccess {
  quotas(namespace: string): KObject[];
  /** Write a quota's status (unless this is a dry run). */
  updateStatus(q: KObject): void;
  nowMs(): number;
}

/** CheckRequest for a create (no `old`) or an update: refused with the API server's Forbidden
 *  when a matching quota would be exceeded, otherwise the usage is charged to the quotas. */
export function admitQuota(access: QuotaAccess, obj: KObject, old: KObject | undefined, dryRun: boolean): void {
  const e = evaluatorFor(obj.kind);
  if (!e || !e.handles(old ? 'UPDATE' : 'CREATE')) return;
  const ns = obj.metadata.namespace;
  if (!ns) return;
  const quotas = access.quotas(ns);
  if (!quotas.length) return;
  const info = kindInfo(obj.kind);
  const forbidden = (msg: string) => new ApiError('Forbidden', `${qualifiedResource(info)} "${obj.metadata.name}" is forbidden: ${msg}`, 403,
    { kind: info.plural, name: obj.metadata.name, group: info.group });
  const now = access.nowMs();
  const interesting: KObject[] = [];
  for (const q of [...quotas].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1))) {
    if (!quotaMatches(q, e, obj)) continue;
    const restricted = e.matching(Object.keys(q.status?.hard ?? {}));
    const why = e.constraints?.(restricted, obj);
    if (why) throw forbidden(`failed quota: ${q.metadata.name}: ${why}`);
    const used = q.status?.used ?? {};
    if (restricted.some((r) => !(r in used))) throw forbidden(`status unknown for quota: ${q.metadata.name}, resources: ${[...restricted].sort().join(',')}`);
    interesting.push(q);
  }
  if (!interesting.length) return;
  const input = e.usage(obj, now);
  const prev = old?.metadata.resourceVersion ? e.usage(old, now) : undefined;
  const changed: KObject[] = [];
  for (const q of interesting) {
    const hard = usageOf(q.status.hard);
    let delta = input;
    if (prev && old && quotaMatches(q, e, old)) delta = subtractUsage(input, prev);
    delta = removeZeros(delta);
    if (!delta.size) continue;
    const requested = maskUsage(delta, hard.keys());
    const used = usageOf(q.status.used);
    const newUsed = addUsage(used, requested);
    const masked = maskUsage(newUsed, requested.keys());
    const exceeded = [...hard.keys()].filter((k) => masked.has(k) && cmpQuantity(masked.get(k)!, hard.get(k)!) > 0);
    if (exceeded.length) {
      throw forbidden(`exceeded quota: ${q.metadata.name}, requested: ${prettyPrint(maskUsage(requested, exceeded))}, used: ${prettyPrint(maskUsage(used, exceeded))}, limited: ${prettyPrint(maskUsage(hard, exceeded))}`);
    }
    if (!usageEquals(newUsed, used)) { q.status.used = usageJson(newUsed); changed.push(q); }
  }
  if (dryRun) return;
  for (const q of changed) access.updateStatus(q);
}

// ---- validation (ValidateResourceQuotaSpec, in part) -----------------------------------------

const STANDARD_QUOTA = new Set(['cpu', 'memory', 'ephemeral-storage', 'requests.cpu', 'requests.memory', 'requests.storage', 'requests.ephemeral-storage',
  'limits.cpu', 'limits.memory', 'limits.ephemeral-storage', 'pods', 'services', 'replicationcontrollers', 'resourcequotas', 'secrets',
  'persistentvolumeclaims', 'configmaps', 'services.nodeports', 'services.loadbalancers']);
const STANDARD_SCOPES = new Set(['Terminating', 'NotTerminating', 'BestEffort', 'NotBestEffort', 'PriorityClass', 'CrossNamespacePodAffinity']);
const POD_COMPUTE = new Set(['cpu', 'memory', 'limits.cpu', 'limits.memory', 'requests.cpu', 'requests.memory']);

function scopeValidFor(scope: string, resource: string): boolean {
  switch (scope) {
    case 'Terminating': case 'NotTerminating': case 'NotBestEffort': case 'PriorityClass': case 'CrossNamespacePodAffinity':
      return resource === 'pods' || POD_COMPUTE.has(resource);
    case 'BestEffort': return resource === 'pods';
    default: return true;
  }
}

/** What the API server refuses in a quota's spec: negative amounts, scopes that do not apply to
 *  the resources it limits, or that contradict each other. */
export function quotaSpecCauses(q: KObject): { field: string; message: string }[] {
  const causes: { field: string; message: string }[] = [];
  const push = (field: string, message: string) => { if (!causes.some((c) => c.field === field && c.message === message)) causes.push({ field, message }); };
  const hard = q.spec?.hard ?? {};
  for (const k of Object.keys(hard).sort()) {
    const v = parseQuantity(hard[k]);
    if (v && signOf(v) < 0) push(`spec.hard[${k}]`, `Invalid value: "${quantityString(v)}": must be greater than or equal to 0`);
  }
  const scopes: unknown[] = Array.isArray(q.spec?.scopes) ? q.spec.scopes : [];
  if (!scopes.length) return causes;
  const shown = `[]core.ResourceQuotaScope{${scopes.map((s) => JSON.stringify(String(s))).join(', ')}}`;
  for (const s of scopes.map(String)) {
    if (!STANDARD_SCOPES.has(s)) push('spec.scopes', `Invalid value: ${shown}: unsupported scope`);
    for (const k of Object.keys(hard).sort()) {
      if ((STANDARD_QUOTA.has(k) || k.startsWith('hugepages-') || k.startsWith('requests.hugepages-')) && !scopeValidFor(s, k)) push('spec.scopes', `Invalid value: ${shown}: unsupported scope applied to resource`);
    }
  }
  const set = new Set(scopes.map(String));
  for (const [a, b] of [['BestEffort', 'NotBestEffort'], ['Terminating', 'NotTerminating']]) {
    if (set.has(a) && set.has(b)) push('spec.scopes', `Invalid value: ${shown}: conflicting scopes`);
  }
  return causes;
}

/** A pod with activeDeadlineSeconds >= 0 (an int64: a bigint beyond 2^53) is Terminating. */
function terminating(pod: KObject): boolean {
  const v = pod.spec?.activeDeadlineSeconds;
  return (typeof v === 'number' || typeof v === 'bigint') && v >= 0;
}
