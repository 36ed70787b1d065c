// The API server: CRUD over the store with defaulting, validation, allocation, resourceVersion
// and optimistic concurrency. Controllers and CLI verbs both go through it. Every change is
// queued for the controllers (informer-style), so a reconcile works on what changed only.
import { ApiError, ClusterReader, KObject } from './types';
import { kindInfo, qualifiedResource, KindInfo } from './kinds';
import type { Store, ChangeType } from '../store/db';
import { applyDefaults } from './defaults';
import { validateObject, validateName } from './validation';
import { allocateOnCreate, reconcileAllocationsOnUpdate, releaseAllocations } from './allocate-fields';
import { parseLabelSelector, matchLabels, parseFieldSelector, matchFields, checkFieldSelector } from './selectors';
import { randomSuffix } from './names';

export interface Change { type: ChangeType; obj: KObject; old?: KObject }

export interface ListOptions { labelSelector?: string; fieldSelector?: string }

export const timestamp = (ms: number) => new Date(Math.floor(ms / 1000) * 1000).toISOString().replace('.000Z', 'Z');

const key = (kind: string, ns: string | undefined, name: string) => `${kind}/${ns ?? ''}/${name}`;

const KINDS_WITH_GENERATION = new Set(['Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'ReplicationController', 'NetworkPolicy', 'Ingress', 'HorizontalPodAutoscaler', 'PodDisruptionBudget']);

export class Api implements ClusterReader {
  /** Changes made through this Api, not yet seen by the controllers. */
  changes: Change[] = [];
  private clock: () => number;

  constructor(public store: Store, opts: { clock?: () => number } = {}) {
    this.clock = opts.clock ?? Date.now;
  }

  now(): Date { return new Date(this.clock()); }
  nowMs(): number { return this.clock(); }

  // ---- reads ---------------------------------------------------------------------------------

  get(kind: string, namespace: string | undefined, name: string): KObject | undefined {
    const ns = kindInfo(kind).namespaced ? (namespace ?? '') : '';
    const j = this.store.getJson(kind, ns, name);
    return j === undefined ? undefined : JSON.parse(j);
  }

  mustGet(kind: string, namespace: string | undefined, name: string): KObject {
    const o = this.get(kind, namespace, name);
    if (!o) throw notFound(kindInfo(kind), name);
    return o;
  }

  list(kind: string, namespace?: string, opts: ListOptions = {}): KObject[] {
    const info = kindInfo(kind);
    const rows = this.store.listJson(kind, info.namespaced ? namespace : undefined);
    let objs = rows.map((j) => JSON.parse(j) as KObject);
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

  listOwnedBy(owner: KObject, kind: string): KObject[] {
    return this.store.listJsonByOwner(owner.metadata.uid!, kind).map((j) => JSON.parse(j));
  }

  podsOnNode(node: string): KObject[] {
    return this.store.listJsonByNode(node).map((j) => JSON.parse(j));
  }

  // ---- writes --------------------------------------------------------------------------------

  private record(type: ChangeType, obj: KObject, old?: KObject): KObject {
    const rv = this.store.nextRv();
    obj.metadata.resourceVersion = String(rv);
    const json = JSON.stringify(obj);
    if (type === 'DELETED') this.store.remove(obj, json);
    else this.store.put(type, obj, json);
    this.changes.push({ type, obj, old });
    return obj;
  }

  /** Create an object: defaulting, validation, allocation, then store. With dryRun the object is
   *  returned as the server would have stored it, and nothing is written. */
  create(input: KObject, opts: { dryRun?: boolean } = {}): KObject {
    const info = kindInfo(input.kind);
    const obj: KObject = structuredClone(input);
    obj.metadata = obj.metadata ?? ({} as any);
    if (info.namespaced) obj.metadata.namespace = obj.metadata.namespace || 'default';
    else delete obj.metadata.namespace;
    if (!obj.metadata.name && obj.metadata.generateName) {
      obj.metadata.name = obj.metadata.generateName + randomSuffix();
      while (this.store.getJson(obj.kind, obj.metadata.namespace ?? '', obj.metadata.name)) obj.metadata.name = obj.metadata.generateName + randomSuffix();
    }
    if (!obj.metadata.name) {
      throw new ApiError('Invalid', `${obj.kind} "" is invalid: metadata.name: Required value: name or generateName is required`, 422,
        { kind: obj.kind, name: '', causes: [{ field: 'metadata.name', message: 'Required value: name or generateName is required' }] });
    }
    if (info.namespaced) {
      const ns = this.get('Namespace', undefined, obj.metadata.namespace!);
      if (!ns) throw notFound(kindInfo('Namespace'), obj.metadata.namespace!);
      if (ns.metadata.deletionTimestamp || ns.status?.phase === 'Terminating') {
        throw new ApiError('Forbidden', `${qualifiedResource(info)} "${obj.metadata.name}" is forbidden: unable to create new content in namespace ${ns.metadata.name} because it is being terminated`, 403);
      }
    }
    if (this.store.getJson(obj.kind, obj.metadata.namespace ?? '', obj.metadata.name)) {
      throw new ApiError('AlreadyExists', `${qualifiedResource(info)} "${obj.metadata.name}" already exists`, 409, { kind: info.plural, name: obj.metadata.name, group: info.group });
    }
    validateName(info, obj);
    applyDefaults(obj);
    validateObject(obj, undefined);
    const now = this.clock();
    obj.metadata.uid = crypto.randomUUID();
    obj.metadata.creationTimestamp = timestamp(now);
    if (KINDS_WITH_GENERATION.has(obj.kind)) obj.metadata.generation = 1;
    delete obj.metadata.resourceVersion;
    delete obj.metadata.deletionTimestamp;
    if (opts.dryRun) {
      allocateOnCreate(this.store, obj, true);
      return obj;
    }
    allocateOnCreate(this.store, obj, false);
    return this.record('ADDED', reorderMeta(obj));
  }

  /** Replace an object. When `obj.metadata.resourceVersion` is set it must match (optimistic
   *  concurrency), as with PUT. Spec changes bump metadata.generation. */
  update(input: KObject, opts: { dryRun?: boolean; status?: boolean } = {}): KObject {
    const info = kindInfo(input.kind);
    const ns = info.namespaced ? (input.metadata.namespace || 'default') : undefined;
    const old = this.get(input.kind, ns, input.metadata.name);
    if (!old) throw notFound(info, input.metadata.name);
    const obj: KObject = structuredClone(input);
    if (info.namespaced) obj.metadata.namespace = ns; else delete obj.metadata.namespace;
    if (obj.metadata.resourceVersion && obj.metadata.resourceVersion !== old.metadata.resourceVersion) {
      throw new ApiError('Conflict', `Operation cannot be fulfilled on ${qualifiedResource(info)} "${obj.metadata.name}": the object has been modified; please apply your changes to the latest version and try again`, 409);
    }
    // Fields the server owns.
    obj.metadata.uid = old.metadata.uid;
    obj.metadata.creationTimestamp = old.metadata.creationTimestamp;
    if (old.metadata.deletionTimestamp) obj.metadata.deletionTimestamp = old.metadata.deletionTimestamp;
    if (old.metadata.deletionGracePeriodSeconds !== undefined) obj.metadata.deletionGracePeriodSeconds = old.metadata.deletionGracePeriodSeconds;
    if (opts.status) {
      // status subresource: only status changes
      const keep = structuredClone(old);
      keep.status = obj.status;
      keep.metadata = obj.metadata;
      Object.assign(obj, keep);
    } else if (old.status !== undefined && obj.status === undefined) {
      obj.status = old.status;
    }
    applyDefaults(obj, old);
    validateObject(obj, old);
    if (KINDS_WITH_GENERATION.has(obj.kind)) {
      const gen = old.metadata.generation ?? 1;
      obj.metadata.generation = !opts.status && JSON.stringify(obj.spec) !== JSON.stringify(old.spec) ? gen + 1 : gen;
    }
    if (opts.dryRun) return obj;
    reconcileAllocationsOnUpdate(this.store, obj, old);
    if (JSON.stringify(stripRv(obj)) === JSON.stringify(stripRv(old))) return old; // no-op: no new revision
    const stored = this.record('MODIFIED', reorderMeta(obj), old);
    // The caller's copy stays current, so a controller can update the same object again.
    input.metadata.resourceVersion = stored.metadata.resourceVersion;
    return stored;
  }

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
      o.metadata.deletionTimestamp = timestamp(now + grace * 1000);
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
    return this.remove(o);
  }

  /** Remove an object from storage now (after any grace period), releasing what it holds. */
  remove(o: KObject): KObject {
    releaseAllocations(this.store, o);
    if (o.kind === 'Pod') this.store.deleteRuntime(o.metadata.uid!);
    if (!o.metadata.deletionTimestamp) o.metadata.deletionTimestamp = timestamp(this.clock());
    return this.record('DELETED', o);
  }

  // ---- events --------------------------------------------------------------------------------

  /** Record an Event about obj, aggregated as the event recorder does (same source, reason and
   *  message on the same object increase count and lastTimestamp). */
  recordEvent(obj: KObject, type: 'Normal' | 'Warning', reason: string, message: string, component: string, host?: string, fieldPath?: string): void {
    const ns = obj.metadata.namespace || 'default';
    const now = timestamp(this.clock());
    const aggKey = `${component}/${host ?? ''}/${obj.kind}/${obj.metadata.name}/${reason}/${message}`;
    const cacheKey = key('Event', ns, aggKey);
    let evName = this.eventNames.get(cacheKey);
    if (evName === undefined) {
      evName = `${obj.metadata.name}.${eventSuffix(aggKey, obj.metadata.uid ?? '')}`;
      this.eventNames.set(cacheKey, evName);
    }
    const existing = this.get('Event', ns, evName);
    if (existing) {
      existing.count = (existing.count ?? 1) + 1;
      existing.lastTimestamp = now;
      this.record('MODIFIED', existing);
      return;
    }
    const ev: KObject = {
      apiVersion: 'v1',
      kind: 'Event',
      metadata: { name: evName, namespace: ns, uid: crypto.randomUUID(), creationTimestamp: now },
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
    this.record('ADDED', ev);
  }
  private eventNames = new Map<string, string>();
}

function eventSuffix(aggKey: string, uid: string): string {
  // Stable per (object, reason, message): a 16-hex-digit name suffix like the event recorder's.
  let h1 = 0x811c9dc5, h2 = 0x01000193;
  const s = uid + aggKey;
  for (let i = 0; i < s.length; i++) {
    h1 = Math.imul(h1 ^ s.charCodeAt(i), 16777619) >>> 0;
    h2 = Math.imul(h2 ^ s.charCodeAt(s.length - 1 - i), 2246822519) >>> 0;
  }
  return (h1.toString(16).padStart(8, '0') + h2.toString(16).padStart(8, '0'));
}

function stripRv(o: KObject): KObject {
  return { ...o, metadata: { ...o.metadata, resourceVersion: undefined } };
}

/** metadata keys in the order the API server's JSON has them (sorted output makes this cosmetic,
 *  but typed responses keep it). */
function reorderMeta(o: KObject): KObject {
  return o;
}

export function notFound(info: KindInfo, name: string): ApiError {
  return new ApiError('NotFound', `${qualifiedResource(info)} "${name}" not found`, 404, { kind: info.plural, name, group: info.group });
}
