// The API server: CRUD over the store with defaulting, validation, allocation, resourceVersion
// and optimistic concurrency. Controllers and CLI verbs both go through it. Every change is
// queued for the controllers (informer-style), so a reconcile works on what changed only.
import { projectNodeLease } from './leases';
import { ApiError, ClusterReader, KObject } from './types';
import { kindInfo, qualifiedResource, KindInfo, setCustomKindsSource } from './kinds';
import type { Store, ChangeType } from '../store/db';
import { parseLabelSelector, matchLabels, parseFieldSelector, matchFields, checkFieldSelector } from './selectors';
import { podEvents } from './pod-events';
import { parseStoredJson as parseStored, stringifyJson as stringifyStored, secondsToMs } from './gonumber';

// The write path's modules (defaulting, validation, allocation, admission) load on the first
// write: a read never needs them, and `get` starts faster without them. (Each is required
// once: the bundle's require of a module makes a new exports object every time.)
let defaultsM: typeof import('./defaults') | undefined;
let validationM: typeof import('./validation') | undefined;
let allocationM: typeof import('./allocate-fields') | undefined;
let admissionM: typeof import('./admission') | undefined;
let namesM: typeof import('./names') | undefined;
let crdM: typeof import('./crd') | undefined;
/** CustomResourceDefinitions and custom resources (src/api/crd.ts). */
const crd = () => (crdM ??= require('./crd') as typeof import('./crd'));
const isExtension = (info: KindInfo) => !!info.custom || info.kind === 'CustomResourceDefinition';
let quotaM: typeof import('./quota') | undefined;
let limitRangerM: typeof import('./limitranger') | undefined;
const defaults = () => (defaultsM ??= require('./defaults') as typeof import('./defaults'));
const validation = () => (validationM ??= require('./validation') as typeof import('./validation'));
const allocation = () => (allocationM ??= require('./allocate-fields') as typeof import('./allocate-fields'));
/** autoscaling/v1 HorizontalPodAutoscalers are stored as v2 (src/api/kinds-more/hpa-v1.ts). */
const hpaV1 = () => require('./kinds-more/hpa-v1') as typeof import('./kinds-more/hpa-v1');
const admission = () => (admissionM ??= require('./admission') as typeof import('./admission'));
const names = () => (namesM ??= require('./names') as typeof import('./names'));
const quota = () => (quotaM ??= require('./quota') as typeof import('./quota'));
const limitRanger = () => (limitRangerM ??= require('./limitranger') as typeof import('./limitranger'));
import { podProjection, PROJECTED_FIELDS } from './projection';

export interface Change { type: ChangeType; obj: KObject; old?: KObject }

export interface ListOptions {
  labelSelector?: string;
  fieldSelector?: string;
  /** Only what a table prints is needed: pods come as their projection (src/api/projection.ts). */
  forTable?: boolean;
}

let lastSec = NaN, lastStamp = '';
/** RFC 3339 at second precision, as metadata timestamps are. */
export const timestamp = (ms: number) => {
  const sec = Math.floor(ms / 1000);
  if (sec !== lastSec) { lastSec = sec; lastStamp = new Date(sec * 1000).toISOString().replace('.000Z', 'Z'); }
  return lastStamp;
};

const key = (kind: string, ns: string | undefined, name: string) => `${kind}/${ns ?? ''}/${name}`;

const KINDS_WITH_GENERATION = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController', 'NetworkPolicy', 'Ingress', 'HorizontalPodAutoscaler', 'PodDisruptionBudget',
  'FlowSchema', 'PriorityLevelConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding', 'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration']);

interface Pending { kind: string; ns: string; name: string; uid: string; owner: string | null; node: string | null; json: string; slim: string | null; rv: number; deleted: boolean; inDb: boolean; dbNode: string | null;
  /** An object a controller handed over at create (`owned`): its JSON is made when first
   *  needed, since the next controller usually writes it again in the same transaction. */
  lazy?: KObject }

/** The pending entry's JSON (and table projection), made from a handed-over object on demand. */
function settle(p: Pending): Pending {
  if (p.lazy) {
    p.json = stringifyStored(p.lazy);
    if (p.kind === 'Pod' && !p.deleted) p.slim = podProjection(p.lazy);
    p.lazy = undefined;
  }
  return p;
}

export class Api implements ClusterReader {
  /** Changes made through this Api, not yet seen by the controllers. */
  changes: Change[] = [];
  private clock: () => number;
  /** Writes of the current transaction not yet in SQLite: several writes of one object in one
   *  transaction become one row write and one revision (watchers read committed data only). */
  private pending = new Map<string, Pending>();
  private pendingKinds = new Map<string, Set<string>>();

  constructor(public store: Store, opts: { clock?: () => number } = {}) {
    this.clock = opts.clock ?? Date.now;
    setCustomKindsSource(store);
  }

  now(): Date { return new Date(this.clock()); }
  nowMs(): number { return this.clock(); }

  /** Run fn in one write transaction; pending writes are flushed before commit. */
  transaction<T>(fn: () => T): T {
    this.activeNamespaces.clear();
    try {
      return this.store.write(() => { const r = fn(); this.flush(); return r; });
    } catch (e) {
      this.pending.clear(); this.pendingKinds.clear(); this.changes = [];
      throw e;
    }
  }

  /** Write pending objects and their revisions, in resourceVersion order. */
  flush(): void {
    if (!this.pending.size) return;
    const entries = [...this.pending.values()].sort((a, b) => a.rv - b.rv);
    this.pending.clear(); this.pendingKinds.clear();
    for (const p0 of entries) {
      const p = settle(p0);
      if (p.deleted) {
        if (!p.inDb) continue; // created and deleted in one transaction: nobody saw it
        this.store.deleteObject(p.kind, p.ns, p.name);
        this.store.appendRevision(p.rv, 'DELETED', p.kind, p.ns, p.name, p.json);
      } else {
        this.store.putRow(p.kind, p.ns, p.name, p.uid, p.rv, p.owner, p.node, p.json, p.slim);
        // Watchers read the object from the objects table (Store.revisionsSince).
        this.store.appendRevision(p.rv, p.inDb ? 'MODIFIED' : 'ADDED', p.kind, p.ns, p.name, '');
      }
    }
  }

  // ---- reads ---------------------------------------------------------------------------------

  private nsOf(kind: string, namespace: string | undefined): string {
    return kindInfo(kind).namespaced ? (namespace ?? '') : '';
  }

  get(kind: string, namespace: string | undefined, name: string): KObject | undefined {
    const ns = this.nsOf(kind, namespace);
    const p = this.pending.get(key(kind, ns, name));
    if (p) return p.deleted ? undefined : parseStored(settle(p).json);
    const j = this.store.getJson(kind, ns, name);
    if (j === undefined && kind === 'Event') return this.podEvent(ns, name);
    if (j !== undefined && kind === 'Lease') return projectNodeLease(this.store, parseStored(j), this.nowMs());
    return j === undefined ? undefined : parseStored(j);
  }

  /** `obj` itself when a controller created it with `owned` and it is still what this
   *  transaction last wrote for its name (the scheduler taking over 10,000 pods the ReplicaSet
   *  controller just made, without parsing each again); otherwise a fresh read. */
  current(obj: KObject): KObject | undefined {
    const ns = this.nsOf(obj.kind, obj.metadata.namespace);
    const p = this.pending.get(key(obj.kind, ns, obj.metadata.name));
    if (p && !p.deleted && this.handedOver.has(obj) && String(p.rv) === obj.metadata.resourceVersion) return obj;
    return this.get(obj.kind, obj.metadata.namespace, obj.metadata.name);
  }
  /** Objects created by a controller that handed them over (create with `owned`). */
  private handedOver = new WeakSet<KObject>();

  /** How long the kubelet took from admitting the pod to running it (its image pull), in ms. */
  pullMs(pod: KObject): number | undefined {
    const rt = this.store.runtime(pod.metadata.uid!);
    return rt && typeof rt.runAt === 'number' && typeof rt.startedAt === 'number' ? rt.runAt - rt.startedAt : undefined;
  }

  /** A pod's derived lifecycle event, by name (`<pod>.<hex>`). */
  private podEvent(ns: string, name: string): KObject | undefined {
    const dot = name.lastIndexOf('.');
    if (dot < 0) return undefined;
    const pod = this.get('Pod', ns, name.slice(0, dot));
    return pod ? podEvents(pod, this.pullMs(pod)).find((e) => e.metadata.name === name) : undefined;
  }

  private getRaw(kind: string, namespace: string | undefined, name: string): { obj: KObject; json: string } | undefined {
    const ns = this.nsOf(kind, namespace);
    const p = this.pending.get(key(kind, ns, name));
    const json = p ? (p.deleted ? undefined : settle(p).json) : this.store.getJson(kind, ns, name);
    return json === undefined ? undefined : { obj: parseStored(json), json };
  }

  private exists(kind: string, ns: string, name: string): boolean {
    const p = this.pending.get(key(kind, ns, name));
    if (p) return !p.deleted;
    return this.store.exists(kind, ns, name);
  }

  mustGet(kind: string, namespace: string | undefined, name: string): KObject {
    const o = this.get(kind, namespace, name);
    if (!o) throw notFound(kindInfo(kind), name);
    return o;
  }

  /** Overlay pending writes of `kind` on rows read from SQLite. `pre` tests the pending
   *  entry's index columns before its JSON is parsed. */
  private overlay(kind: string, objs: KObject[], keep: (o: KObject) => boolean, pre: (p: Pending) => boolean = () => true, slim = false, shared = false): KObject[] {
    const keys = this.pendingKinds.get(kind);
    if (!keys || !keys.size) return objs;
    const byKey = new Map<string, KObject>();
    for (const o of objs) byKey.set(key(kind, o.metadata.namespace ?? '', o.metadata.name), o);
    for (const k of keys) {
      const p = this.pending.get(k)!;
      if (p.deleted || !pre(p)) { byKey.delete(k); continue; }
      let o: KObject;
      // A read-only caller may look at a handed-over object itself, unserialised.
      if (shared && p.lazy) o = p.lazy;
      else { settle(p); o = parseStored(slim && p.slim ? p.slim : p.json) as KObject; }
      if (keep(o)) byKey.set(k, o); else byKey.delete(k);
    }
    // By namespace and name: the keys share the kind, so their order is that order.
    return [...byKey.entries()].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map((e) => e[1]);
  }

  list(kind: string, namespace?: string, opts: ListOptions = {}): KObject[] {
    const info = kindInfo(kind);
    const scope = info.namespaced ? namespace : undefined;
    const slim = !!opts.forTable && kind === 'Pod' && (!opts.fieldSelector || parseFieldSelector(opts.fieldSelector).every((r) => PROJECTED_FIELDS.has(r.field)));
    const rows = this.store.listJson(kind, scope, slim);
    let objs = this.overlay(kind, rows.map((j) => parseStored(j) as KObject), () => true, (p) => scope === undefined || p.ns === scope, slim);
    if (kind === 'Event') objs = this.withPodEvents(objs, scope, opts.fieldSelector);
    if (kind === 'Lease') { const now = this.nowMs(); for (const o of objs) projectNodeLease(this.store, o, now); }
    if (opts.labelSelector) {
      const sel = parseLabelSelector(opts.labelSelector);
      objs = objs.filter((o) => matchLabels(sel, o.metadata.labels));
    }
    if (opts.fieldSelector) {
      const reqs = parseFieldSelector(opts.fieldSelector);
      checkFieldSelector(kind, info.version, reqs);
      objs = objs.filter((o) => matchFields(kind, reqs, o));
    }
    return objs;
  }

  /** Stored events plus the pods' derived lifecycle events, in name order. With a field
   *  selector on involvedObject.name only that pod is read. */
  private withPodEvents(events: KObject[], scope: string | undefined, fieldSelector?: string): KObject[] {
    const m = fieldSelector ? /(?:^|,)involvedObject\.name=([^,]+)/.exec(fieldSelector) : null;
    let pods: KObject[];
    if (m && scope !== undefined) { const p = this.get('Pod', scope, m[1]); pods = p ? [p] : []; }
    else pods = this.list('Pod', scope);
    const derived = pods.flatMap((p) => podEvents(p, this.pullMs(p)));
    if (!derived.length) return events;
    const all = [...events, ...derived];
    const k = (o: KObject) => `${o.metadata.namespace}/${o.metadata.name}`;
    return all.sort((a, b) => (k(a) < k(b) ? -1 : k(a) > k(b) ? 1 : 0));
  }

  /** Objects whose controller is `owner`. With forTable, pods may come as their table
   *  projection, or as the very object this transaction holds: read them, do not change them. */
  listOwnedBy(owner: KObject, kind: string, opts: { forTable?: boolean } = {}): KObject[] {
    const uid = owner.metadata.uid!;
    const slim = !!opts.forTable && kind === 'Pod';
    const rows = this.store.listJsonByOwner(uid, kind, slim).map((j) => parseStored(j) as KObject);
    return this.overlay(kind, rows, () => true, (p) => p.owner === uid, slim, slim);
  }

  /** Every object (any kind) whose controller is `uid`. */
  listDependents(uid: string): KObject[] {
    this.flush();
    return this.store.listJsonOwnedBy(uid).map((j) => parseStored(j));
  }

  podsOnNode(node: string): KObject[] {
    const rows = this.store.listJsonByNode(node).map((j) => parseStored(j) as KObject);
    return this.overlay('Pod', rows, () => true, (p) => p.node === node);
  }

  /** Pods per node (scheduled, any phase). */
  podCountsByNode(): Map<string, number> {
    const counts = this.store.podCountsByNode();
    for (const k of this.pendingKinds.get('Pod') ?? []) {
      const p = this.pending.get(k)!;
      if (p.inDb && p.dbNode) counts.set(p.dbNode, (counts.get(p.dbNode) ?? 0) - 1);
      if (!p.deleted && p.node) counts.set(p.node, (counts.get(p.node) ?? 0) + 1);
    }
    return counts;
  }

  kindsInNamespace(namespace: string): string[] {
    this.flush();
    return this.store.kindsInNamespace(namespace);
  }

  // ---- writes --------------------------------------------------------------------------------

  private record(type: ChangeType, obj: KObject, old?: KObject, oldFromDb = false): KObject {
    const rv = this.store.allocRv();
    obj.metadata.resourceVersion = String(rv);
    // A handed-over object (see current()) is serialised when first needed.
    const lazy = type !== 'DELETED' && this.handedOver.has(obj);
    const json = lazy ? '' : stringifyStored(obj);
    const ns = obj.metadata.namespace ?? '';
    const k = key(obj.kind, ns, obj.metadata.name);
    const prev = this.pending.get(k);
    const inDb = prev ? prev.inDb : type !== 'ADDED';
    // What SQLite has for this pod's node, so counts can be corrected without a flush.
    const dbNode = prev ? prev.dbNode : inDb && obj.kind === 'Pod' ? (oldFromDb ? (old?.spec?.nodeName ?? '') : this.store.nodeOf(obj.kind, ns, obj.metadata.name)) : null;
    this.pending.set(k, {
      dbNode,
      kind: obj.kind, ns, name: obj.metadata.name, uid: obj.metadata.uid!, rv, json, deleted: type === 'DELETED', inDb,
      slim: obj.kind === 'Pod' && type !== 'DELETED' && !lazy ? podProjection(obj) : null,
      ...(lazy ? { lazy: obj } : {}),
      owner: obj.metadata.ownerReferences?.find((o) => o.controller)?.uid ?? null,
      node: obj.kind === 'Pod' ? (obj.spec?.nodeName ?? '') : null
    });
    if (!this.pendingKinds.has(obj.kind)) this.pendingKinds.set(obj.kind, new Set());
    this.pendingKinds.get(obj.kind)!.add(k);
    if (type === 'DELETED') this.store.deleteTimersOf(obj.kind, ns, obj.metadata.name);
    if (obj.kind === 'Namespace') this.activeNamespaces.delete(obj.metadata.name);
    if (obj.kind === 'CustomResourceDefinition') crd().refreshIndex(this);
    this.changes.push({ type, obj, old });
    return obj;
  }

  /** Create an object: defaulting, validation, allocation, then store. With dryRun the object is
   *  returned as the server would have stored it, and nothing is written. */
  create(input: KObject, opts: { dryRun?: boolean; owned?: boolean } = {}): KObject {
    if (input.apiVersion === 'autoscaling/v1' && input.kind === 'HorizontalPodAutoscaler') input = hpaV1().toV2(input);
    const info = kindInfo(input.kind);
    // owned: the caller built input for this call and hands it over (controllers), no copy.
    const obj: KObject = opts.owned ? input : structuredClone(input);
    obj.metadata = obj.metadata ?? ({} as any);
    if (info.namespaced) obj.metadata.namespace = obj.metadata.namespace || 'default';
    else delete obj.metadata.namespace;
    if (!obj.metadata.name && obj.metadata.generateName) {
      const { randomSuffix } = names();
      obj.metadata.name = obj.metadata.generateName + randomSuffix();
      while (this.exists(obj.kind, obj.metadata.namespace ?? '', obj.metadata.name)) obj.metadata.name = obj.metadata.generateName + randomSuffix();
    }
    if (!obj.metadata.name) {
      throw new ApiError('Invalid', `${obj.kind} "" is invalid: metadata.name: Required value: name or generateName is required`, 422,
        { kind: obj.kind, name: '', causes: [{ field: 'metadata.name', message: 'Required value: name or generateName is required' }] });
    }
    if (info.namespaced) {
      const nsName = obj.metadata.namespace!;
      const state = this.namespaceState(nsName);
      if (state === 'missing') throw notFound(kindInfo('Namespace'), nsName);
      if (state === 'terminating') {
        throw new ApiError('Forbidden', `${qualifiedResource(info)} "${obj.metadata.name}" is forbidden: unable to create new content in namespace ${nsName} because it is being terminated`, 403);
      }
    }
    if (this.exists(obj.kind, obj.metadata.namespace ?? '', obj.metadata.name)) {
      throw new ApiError('AlreadyExists', `${qualifiedResource(info)} "${obj.metadata.name}" already exists`, 409, { kind: info.plural, name: obj.metadata.name, group: info.group });
    }
    validation().validateName(info, obj);
    if (isExtension(info)) crd().admitCreate(this, obj, info);
    defaults().applyDefaults(obj);
    if (obj.kind === 'Pod') admission().admitPod(obj, (sa) => this.get('ServiceAccount', obj.metadata.namespace, sa), () => this.list('PriorityClass'));
    if (obj.kind === 'PersistentVolumeClaim') admission().admitClaim(obj, this.list('StorageClass'));
    // LimitRanger: defaults into a new pod's containers (its QoS class follows), then min/max
    const ranges = obj.kind === 'Pod' || obj.kind === 'PersistentVolumeClaim' ? this.list('LimitRange', obj.metadata.namespace) : [];
    if (ranges.length && obj.kind === 'Pod' && limitRanger().mutateLimits(obj, ranges)) obj.status.qosClass = defaults().qosClass(obj.spec);
    validation().validateObject(obj, undefined);
    if (ranges.length) limitRanger().validateLimits(obj, ranges);
    const now = this.clock();
    obj.metadata.uid = crypto.randomUUID();
    obj.metadata.creationTimestamp = timestamp(now);
    if (KINDS_WITH_GENERATION.has(obj.kind)) obj.metadata.generation = 1;
    if (obj.kind === 'Job') defaults().prepareJobForCreate(obj);
    quota().admitQuota(this.quotaAccess, obj, undefined, !!opts.dryRun);
    delete obj.metadata.resourceVersion;
    delete obj.metadata.deletionTimestamp;
    if (opts.dryRun) {
      allocation().allocateOnCreate(this.store, obj, true);
      return obj;
    }
    allocation().allocateOnCreate(this.store, obj, false);
    if (opts.owned) this.handedOver.add(obj);
    return this.record('ADDED', obj);
  }

  /** Replace an object. When `obj.metadata.resourceVersion` is set it must match (optimistic
   *  concurrency), as with PUT. Spec changes bump metadata.generation. */
  update(input: KObject, opts: { dryRun?: boolean; status?: boolean; changed?: boolean; trusted?: boolean } = {}): KObject {
    if (input.apiVersion === 'autoscaling/v1' && input.kind === 'HorizontalPodAutoscaler') input = hpaV1().toV2(input);
    const info = kindInfo(input.kind);
    // A controller writing back an object it read in this transaction and changed itself:
    // no re-read, defaulting or validation (the scheduler binding 10,000 pods).
    if (opts.trusted && !opts.dryRun) {
      const stored = this.record('MODIFIED', input);
      return stored;
    }
    const ns = info.namespaced ? (input.metadata.namespace || 'default') : undefined;
    // The very object a controller handed over, changed in place since: what was stored
    // before is gone with it, so write it as it is.
    if (!opts.dryRun && this.pending.get(key(input.kind, ns ?? '', input.metadata.name))?.lazy === input) return this.record('MODIFIED', input);
    const raw = this.getRaw(input.kind, ns, input.metadata.name);
    if (!raw) throw notFound(info, input.metadata.name);
    const old = raw.obj;
    if (input.metadata.resourceVersion && input.metadata.resourceVersion !== old.metadata.resourceVersion) {
      throw new ApiError('Conflict', `Operation cannot be fulfilled on ${qualifiedResource(info)} "${input.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`, 409);
    }
    // The status subresource changes status only; a normal update keeps the stored status.
    const obj: KObject = opts.status ? { ...parseStored(raw.json), status: input.status, metadata: input.metadata } : input;
    if (info.namespaced) obj.metadata.namespace = ns; else delete obj.metadata.namespace;
    // Fields the server owns.
    obj.metadata.uid = old.metadata.uid;
    obj.metadata.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.deletionTimestamp) obj.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
    if (old.metadata.deletionGracePeriodSeconds !== undefined) obj.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    if (!opts.status && old.status !== undefined && obj.status === undefined) obj.status = old.status;
    defaults().applyDefaults(obj, old);
    if (isExtension(info)) crd().admitUpdate(this, obj, old, info, !!opts.status);
    validation().validateObject(obj, old);
    if (!opts.status && obj.kind === 'PersistentVolumeClaim') limitRanger().validateLimits(obj, this.list('LimitRange', obj.metadata.namespace));
    if (!opts.status) quota().admitQuota(this.quotaAccess, obj, old, !!opts.dryRun);
    if (KINDS_WITH_GENERATION.has(obj.kind)) {
      const gen = old.metadata.generation ?? 1;
      obj.metadata.generation = !opts.status && JSON.stringify(obj.spec) !== JSON.stringify(old.spec) ? gen + 1 : gen;
    }
    if (opts.dryRun) return obj;
    allocation().reconcileAllocationsOnUpdate(this.store, obj, old);
    obj.metadata.resourceVersion = old.metadata.resourceVersion;
    // A no-op writes no new revision (controllers that know they changed something say so).
    if (!opts.changed && stringifyStored(obj) === raw.json) return old;
    const stored = this.record('MODIFIED', obj, old, !this.pending.has(key(obj.kind, obj.metadata.namespace ?? '', obj.metadata.name)));
    // The caller's copy stays current, so a controller can update the same object again.
    input.metadata.resourceVersion = stored.metadata.resourceVersion;
    return stored;
  }

  /** What the ResourceQuota admission plugin reads and writes (src/api/quota.ts). */
  private quotaAccess = {
    quotas: (ns: string) => this.list('ResourceQuota', ns),
    updateStatus: (q: KObject) => { this.update(q, { status: true }); },
    nowMs: () => this.clock(),
  };

  /** Whether objects can be created in a namespace. Active namespaces are remembered for the
   *  transaction (a controller creating 10,000 pods asks once). */
  private namespaceState(name: string): 'active' | 'missing' | 'terminating' {
    if (this.activeNamespaces.has(name)) return 'active';
    const ns = this.get('Namespace', undefined, name);
    if (!ns) return 'missing';
    if (ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') return 'terminating';
    this.activeNamespaces.add(name);
    return 'active';
  }
  private activeNamespaces = new Set<string>();

  /** Read-modify-write inside the current transaction. */
  mutate(kind: string, namespace: string | undefined, name: string, fn: (o: KObject) => void, opts: { status?: boolean } = {}): KObject {
    const o = this.mustGet(kind, namespace, name);
    const before = JSON.stringify(o);
    fn(o);
    if (JSON.stringify(o) === before) return o;
    return this.update(o, opts);
  }

  /** Delete. Pods get a graceful deletion (deletionTimestamp; the kubelet finishes it) unless
   *  gracePeriodSeconds is 0; namespaces go Terminating (the namespace controller empties them).
   *  Dependents are collected by the garbage collector unless propagation is Orphan. */
  delete(kind: string, namespace: string | undefined, name: string, opts: { gracePeriodSeconds?: number; propagation?: 'Background' | 'Foreground' | 'Orphan'; dryRun?: boolean } = {}): KObject {
    const info = kindInfo(kind);
    const o = this.mustGet(kind, namespace, name);
    if (kind === 'Namespace' && ['default', 'kube-system', 'kube-public'].includes(name)) {
      throw new ApiError('Forbidden', `namespaces "${name}" is forbidden: this namespace may not be deleted`, 403);
    }
    if (opts.dryRun) return o;
    if (opts.propagation === 'Orphan') {
      for (const k of ['ReplicaSet', 'Pod', 'EndpointSlice']) {
        for (const d of this.listOwnedBy(o, k)) {
          d.metadata.ownerReferences = (d.metadata.ownerReferences ?? []).filter((r) => r.uid !== o.metadata.uid);
          if (!d.metadata.ownerReferences.length) delete d.metadata.ownerReferences;
          this.update(d);
        }
      }
    }
    const now = this.clock();
    if (kind === 'Pod' && opts.gracePeriodSeconds !== 0 && o.spec?.nodeName && o.status?.phase !== 'Succeeded' && o.status?.phase !== 'Failed') {
      if (o.metadata.deletionTimestamp) return o;
      const old = structuredClone(o);
      const grace = opts.gracePeriodSeconds ?? o.spec?.terminationGracePeriodSeconds ?? 30;
      o.metadata.deletionTimestamp = timestamp(now + secondsToMs(grace));
      o.metadata.deletionGracePeriodSeconds = grace;
      return this.record('MODIFIED', o, old);
    }
    if (kind === 'Namespace') {
      if (o.metadata.deletionTimestamp) return o;
      const old = structuredClone(o);
      o.metadata.deletionTimestamp = timestamp(now);
      o.spec = { finalizers: ['kubernetes'] };
      o.status = { ...(o.status ?? {}), phase: 'Terminating' };
      return this.record('MODIFIED', o, old);
    }
    if (kind === 'CustomResourceDefinition') crd().deleteInstances(this, o);
    return this.remove(o);
  }

  /** Remove an object from storage now (after any grace period), releasing what it holds. */
  remove(o: KObject): KObject {
    allocation().releaseAllocations(this.store, o);
    if (o.kind === 'Pod') this.keepPodEvents(o);
    if (o.kind === 'Pod') this.store.deleteRuntime(o.metadata.uid!);
    if (!o.metadata.deletionTimestamp) o.metadata.deletionTimestamp = timestamp(this.clock());
    return this.record('DELETED', o);
  }

  // ---- events --------------------------------------------------------------------------------

  /** A pod's lifecycle events outlive it (the API server keeps events for an hour): when the
   *  pod is removed, the events derived from it (pod-events.ts) are stored as they were served.
   *  Not in a namespace being deleted, which is emptied of events too. */
  private keepPodEvents(pod: KObject): void {
    const ns = pod.metadata.namespace!;
    if (this.get('Namespace', undefined, ns)?.metadata.deletionTimestamp) return;
    for (const ev of podEvents(pod, this.pullMs(pod))) {
      if (this.store.getJson('Event', ns, ev.metadata.name) !== undefined) continue;
      this.record('ADDED', ev);
    }
  }

  /** Record an Event about obj as client-go's event recorder does: the same event again
   *  increases count and lastTimestamp; more than 10 distinct messages for the same object,
   *  reason and source within 10 minutes are combined ("(combined from similar events): ..."). */
  recordEvent(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string, component: string, host?: string, fieldPath?: string): void {
    const ns = obj.metadata.namespace || 'default';
    const nowMs = this.clock();
    const now = timestamp(nowMs);
    const aggKey = `${component}\0${host ?? ''}\0${obj.kind}\0${ns}\0${obj.metadata.name}\0${obj.metadata.uid ?? ''}\0${type}\0${reason}`;
    let agg = this.eventAgg.get(aggKey);
    if (!agg) this.eventAgg.set(aggKey, (agg = new Set()));
    agg.add(message);
    let dedupKey = `${aggKey}\0${message}`;
    if (agg.size > 10) { dedupKey = aggKey; message = `(combined from similar events): ${message}`; }
    let name = this.eventNames.get(dedupKey);
    // Across invocations, find the same event among the object's (long-lived objects only: a
    // pod's kubelet events are new with the pod).
    if (name === undefined && obj.kind !== 'Pod') {
      const prefix = `${obj.metadata.name}.`;
      const same = this.store.listJsonByNamePrefix('Event', ns, prefix).map((j) => parseStored(j) as KObject)
        .find((e) => e.involvedObject?.uid === obj.metadata.uid && e.reason === reason && e.message === message && e.source?.component === component);
      if (same) name = same.metadata.name;
    }
    if (name !== undefined) {
      // The event this transaction wrote last is still at hand: count on it without a re-read
      // (a ReplicaSet creating 10,000 pods updates one combined event 10,000 times).
      const mine = this.eventObjs.get(name);
      const existing = mine ? this.current(mine) : this.get('Event', ns, name);
      if (existing) {
        existing.count = (existing.count ?? 1) + 1;
        existing.lastTimestamp = now;
        existing.message = message;
        this.handedOver.add(existing);
        this.eventObjs.set(name, existing);
        this.record('MODIFIED', existing);
        return;
      }
    }
    name = `${obj.metadata.name}.${eventNameSuffix(nowMs, this.eventSeq++)}`;
    this.eventNames.set(dedupKey, name);
    const ev: KObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name, namespace: ns, uid: crypto.randomUUID(), creationTimestamp: now },
      involvedObject: {
        apiVersion: obj.apiVersion, kind: obj.kind, name: obj.metadata.name,
        ...(obj.metadata.namespace ? { namespace: obj.metadata.namespace } : {}),
        ...(obj.metadata.resourceVersion ? { resourceVersion: obj.metadata.resourceVersion } : {}),
        uid: obj.metadata.uid, ...(fieldPath ? { fieldPath } : {}),
      },
      reason, message,
      source: host ? { component, host } : { component },
      firstTimestamp: now, lastTimestamp: now, count: 1, type,
      eventTime: null, reportingComponent: component, reportingInstance: host ?? '',
    };
    this.handedOver.add(ev);
    this.eventObjs.set(name, ev);
    this.record('ADDED', ev);
  }
  private eventObjs = new Map<string, KObject>();
  private eventNames = new Map<string, string>();
  private eventAgg = new Map<string, Set<string>>();
  private eventSeq = 0;
}

/** Event names are `<object>.<16 hex digits of the time in ns>`, as the recorder makes them, so
 *  that name order is time order. */
function eventNameSuffix(ms: number, seq: number): string {
  return (BigInt(ms) * 1000000n + BigInt(seq % 1000000)).toString(16).padStart(16, '0');
}

export function notFound(info: KindInfo, name: string): ApiError {
  return new ApiError('NotFound', `${qualifiedResource(info)} "${name}" not found`, 404, { kind: info.plural, name, group: info.group });
}
