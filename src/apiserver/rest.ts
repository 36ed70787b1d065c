// The resource endpoints: /api/v1/..., /apis/G/V/... (collections, objects, subresources),
// with the same semantics kubesim's CLI has (src/api: defaulting, validation, allocation,
// resourceVersion concurrency), and the API server's Status errors.
import { queryBool } from './stream-status';
import type { KObject } from '../api/types';
import { ApiError } from '../api/types';
import { KINDS, allKinds, KindInfo, qualifiedResource } from '../api/kinds';
import type { Api } from '../api/server';
import { notFound } from '../api/server';
import { hasSubresource, REVIEW_RESOURCES } from '../api/discovery';
import { wireObject } from '../network/apiproxy';
import { Ctx, send, negotiate, StatusError, methodNotAllowed, badRequest } from './respond';
import { decodeObject, dryRunOf, validationOf, intParam, patchTypeOf, patchDoc, applyPatch, checkPatched, ACCEPTED, unsupported } from './body';

/** The patch types the API server accepts for a custom resource. */
export const CUSTOM_PATCH_TYPES = 'application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml';
import { subresource, bind } from './subresources';
import { toTable, includeObjectOf } from './table';
import type { ServerEnv } from './env';

export interface Target {
  group: string;
  version: string;
  info: KindInfo;
  namespace?: string;
  name?: string;
  sub?: string;
  watch: boolean;
}

/** Resolve /api/v1/... and /apis/G/V/... to a resource (undefined: not a resource path). */
export function parseTarget(segs: string[]): Target | 'review' | undefined {
  let group = '', version: string, rest: string[];
  if (segs[0] === 'api' && segs[1] === 'v1') { version = 'v1'; rest = segs.slice(2); }
  else if (segs[0] === 'apis' && segs.length >= 3) { group = segs[1]; version = segs[2]; rest = segs.slice(3); }
  else return undefined;
  let watch = false;
  if (rest[0] === 'watch') { watch = true; rest = rest.slice(1); }
  if (!rest.length) return undefined;
  const find = (plural: string) => KINDS.find((k) => k.group === group && k.version === version && k.plural === plural)
    ?? allKinds().find((k) => k.custom && k.group === group && k.plural === plural && k.custom.served.includes(version));
  if (REVIEW_RESOURCES.some((r) => r.group === group && r.version === version && (r.plural === rest[0] || r.plural === rest[2]))) return 'review';
  let ns: string | undefined, info: KindInfo | undefined, name: string | undefined, sub: string | undefined;
  if (group === '' && rest[0] === 'namespaces' && (rest.length === 2 || (rest.length === 3 && (rest[2] === 'status' || rest[2] === 'finalize')))) {
    info = find('namespaces'); name = rest[1]; sub = rest[2];
  } else if (rest[0] === 'namespaces' && rest.length >= 3) {
    ns = rest[1]; info = find(rest[2]); name = rest[3]; sub = rest[4];
    if (!info || !info.namespaced || rest.length > 5) return undefined;
  } else {
    info = find(rest[0]); name = rest[1]; sub = rest[2];
    if (!info || rest.length > 3) return undefined;
    if (info.namespaced && name !== undefined) return undefined;
  }
  if (!info) return undefined;
  if (sub !== undefined && !(info.custom ? sub === 'status' && info.custom.status : hasSubresource(info.plural, sub))) return undefined;
  return { group, version, info, namespace: ns, name: name === undefined ? undefined : decodeURIComponent(name), sub, watch };
}

export const apiVersion = (t: Target) => (t.group ? `${t.group}/${t.version}` : t.version);

// ---- the handler ------------------------------------------------------------------------------------

export function handleResource(env: ServerEnv, ctx: Ctx, t: Target, body: Buffer | undefined): void {
  const m = ctx.req.method!;
  if (t.sub) return subresource(env, ctx, t, body);
  if (t.name === undefined) {
    if (m === 'GET' || m === 'HEAD') return t.watch || isTrue(ctx.query.get('watch')) ? watch(env, ctx, t) : list(env, ctx, t);
    if (m === 'POST') return create(env, ctx, t, body ?? Buffer.alloc(0));
    if (m === 'DELETE') return deleteCollection(env, ctx, t, body);
    throw methodNotAllowed();
  }
  if (t.watch) {
    if (m !== 'GET') throw methodNotAllowed();
    return watch(env, ctx, t);
  }
  if (m === 'GET' || m === 'HEAD') return getOne(env, ctx, t);
  if (m === 'PUT') return update(env, ctx, t, body ?? Buffer.alloc(0));
  if (m === 'PATCH') return patch(env, ctx, t, body ?? Buffer.alloc(0));
  if (m === 'DELETE') return deleteOne(env, ctx, t, body);
  throw methodNotAllowed();
}

const isTrue = queryBool;

export function mustGet(api: Api, t: Target): KObject {
  const o = api.get(t.info.kind, t.namespace, t.name!);
  if (!o) throw notFound(t.info, t.name!);
  return servedAs(t, o);
}

/** The object as the URL's version serves it (autoscaling/v1 HPAs are stored as v2). */
export function servedAs(t: Target, o: KObject): KObject {
  if (!t.info.nonPreferred) return o;
  return (require('../api/kinds-more/hpa-v1') as typeof import('../api/kinds-more/hpa-v1')).asVersion(t.info, o);
}

function listMeta(env: ServerEnv): Record<string, unknown> {
  return { resourceVersion: String(env.store.maxRv()) };
}

// ---- reads ---------------------------------------------------------------------------------------------

function getOne(env: ServerEnv, ctx: Ctx, t: Target): void {
  env.refresh();
  const neg = negotiate(ctx.req.headers.accept);
  if (!neg) throw notAcceptable();
  const o = mustGet(env.api, t);
  if (neg.table) return send(ctx, 200, toTable(t.info.kind, [o], env.api.now(), { include: includeObjectOf(ctx.query), listMeta: { resourceVersion: o.metadata.resourceVersion } }), { wire: neg.wire });
  if (neg.partial) return send(ctx, 200, { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata }, { wire: neg.wire });
  send(ctx, 200, wireObject(o), { wire: neg.wire });
}

export const notAcceptable = () => new StatusError(406, 'NotAcceptable', `only the following media types are accepted: ${ACCEPTED}`);

interface Continue { start: string }
function decodeContinue(tok: string): Continue {
  try {
    const j = JSON.parse(Buffer.from(tok, 'base64').toString('utf8'));
    if (j && j.v === 'meta.k8s.io/v1' && typeof j.start === 'string') return j;
  } catch { /* below */ }
  throw new StatusError(400, 'BadRequest', 'continue key is not valid: incorrect encoded start resourceVersion (version meta.k8s.io/v1)');
}

function list(env: ServerEnv, ctx: Ctx, t: Target): void {
  env.refresh();
  const neg = negotiate(ctx.req.headers.accept);
  if (!neg) throw notAcceptable();
  const q = ctx.query;
  const include = neg.table ? includeObjectOf(q) : 'Object';
  const limit = intParam(q, 'limit');
  const cont = q.get('continue') || '';
  let items = env.api.list(t.info.kind, t.info.namespaced ? t.namespace : undefined, {
    labelSelector: q.get('labelSelector') || undefined,
    fieldSelector: q.get('fieldSelector') || undefined,
    forTable: neg.table && include !== 'Object',
  });
  if (t.info.nonPreferred) items = items.map((o) => servedAs(t, o));
  const key = (o: KObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;
  if (cont) {
    const c = decodeContinue(cont);
    items = items.filter((o) => key(o) >= c.start);
  }
  const meta: Record<string, unknown> = listMeta(env);
  if (limit !== undefined && limit > 0 && items.length > limit) {
    const remaining = items.length - limit;
    items = items.slice(0, limit);
    const start = key(items[items.length - 1]) + '\u0000';
    meta.continue = Buffer.from(JSON.stringify({ v: 'meta.k8s.io/v1', rv: Number(meta.resourceVersion), start })).toString('base64');
    meta.remainingItemCount = remaining;
  }
  if (neg.table) return send(ctx, 200, toTable(t.info.kind, items, env.api.now(), { include, listMeta: meta }), { wire: neg.wire });
  if (neg.partial) {
    return send(ctx, 200, { kind: 'PartialObjectMetadataList', apiVersion: 'meta.k8s.io/v1', metadata: meta, items: items.map((o) => ({ kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata })) }, { wire: neg.wire });
  }
  // a custom resource list (unstructured) keeps apiVersion and kind in its items
  send(ctx, 200, { kind: t.info.custom ? t.info.custom.listKind : `${t.info.kind}List`, apiVersion: apiVersion(t), metadata: meta, items: items.map((o) => wireObject(o, !t.info.custom)) }, { wire: neg.wire });
}

function watch(env: ServerEnv, ctx: Ctx, t: Target): void {
  env.refresh();
  const neg = negotiate(ctx.req.headers.accept);
  if (!neg) throw notAcceptable();
  const q = ctx.query;
  let fieldSelector = q.get('fieldSelector') || undefined;
  if (t.name) fieldSelector = `metadata.name=${t.name}${fieldSelector ? ',' + fieldSelector : ''}`;
  const timeout = intParam(q, 'timeoutSeconds');
  env.hub.start({
    info: t.info, namespace: t.info.namespaced ? t.namespace : undefined,
    labelSelector: q.get('labelSelector') || undefined, fieldSelector,
    resourceVersion: q.get('resourceVersion') ?? undefined,
    bookmarks: isTrue(q.get('allowWatchBookmarks')),
    timeoutSeconds: timeout ?? 1800,
    table: neg.table ? { include: includeObjectOf(q) } : undefined,
  }, ctx.res, () => env.api.now());
}

// ---- writes -------------------------------------------------------------------------------------------

/** The body's object, checked against the URL (kind, apiVersion, namespace, name). */
export function receivedObject(ctx: Ctx, t: Target, body: Buffer): KObject {
  const o = decodeObject(ctx, body);
  if (o !== null && (typeof o !== 'object' || Array.isArray(o))) {
    // encoding/json's error for the version/kind probe of a body that is not an object
    const what = Array.isArray(o) ? 'array' : typeof o === 'boolean' ? 'bool' : typeof o;
    throw badRequest(`couldn't get version/kind; json parse error: json: cannot unmarshal ${what} into Go value of type struct { APIVersion string "json:\\"apiVersion,omitempty\\""; Kind string "json:\\"kind,omitempty\\"" }`);
  }
  if (!o) throw badRequest(`Object 'Kind' is missing in '${body.toString('utf8').trim()}'`);
  const av = apiVersion(t);
  if (o.kind === undefined || o.kind === '') o.kind = t.info.kind;
  if (o.apiVersion === undefined || o.apiVersion === '') o.apiVersion = av;
  if (o.kind !== t.info.kind || o.apiVersion !== av) {
    const gv = String(o.apiVersion);
    const ver = gv.includes('/') ? gv.split('/')[1] : gv;
    throw badRequest(`${o.kind} in version "${ver}" cannot be handled as a ${t.info.kind}: no kind "${o.kind}" is registered for version "${gv}" in scheme "pkg/api/legacyscheme/scheme.go:30"`);
  }
  if (!o.metadata || typeof o.metadata !== 'object') o.metadata = {};
  if (t.info.namespaced && t.namespace !== undefined) {
    if (o.metadata.namespace && o.metadata.namespace !== t.namespace) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
    o.metadata.namespace = t.namespace;
  }
  return o as KObject;
}

function received(env: ServerEnv) {
  return require('../api/received') as typeof import('../api/received');
}

function create(env: ServerEnv, ctx: Ctx, t: Target, body: Buffer): void {
  if (t.info.namespaced && t.namespace === undefined) throw methodNotAllowed();
  const o = receivedObject(ctx, t, body);
  const dryRun = dryRunOf(ctx.query);
  const validation = validationOf(ctx.query);
  const warn = (w: string) => ctx.warnings.push(w);
  if (t.info.kind === 'Binding') {
    env.write((api) => bind(api, t.namespace!, o.metadata.name, o, dryRun));
    return send(ctx, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
  }
  const created = env.write((api) => received(env).receiveCreate(api, o, t.info, { dryRun, validation, warn }));
  send(ctx, 201, wireObject(servedAs(t, created)));
}

function update(env: ServerEnv, ctx: Ctx, t: Target, body: Buffer): void {
  const o = receivedObject(ctx, t, body);
  if (o.metadata.name && o.metadata.name !== t.name) throw badRequest(`the name of the object (${o.metadata.name}) does not match the name on the URL (${t.name})`);
  o.metadata.name = t.name!;
  const dryRun = dryRunOf(ctx.query);
  const validation = validationOf(ctx.query);
  const warn = (w: string) => ctx.warnings.push(w);
  const stored = env.write((api) => {
    const cur = mustGet(api, t);
    return received(env).receiveUpdate(api, o, cur, t.info, { dryRun, validation, warn, keepManagedFields: true });
  });
  send(ctx, 200, wireObject(servedAs(t, stored)));
}

// ---- patch -----------------------------------------------------------------------------------------------

function fieldManager(ctx: Ctx, required: boolean): string {
  const fm = ctx.query.get('fieldManager');
  if (fm) return fm;
  if (required) throw new StatusError(422, 'Invalid', 'PatchOptions.meta.k8s.io "" is invalid: fieldManager: Required value: is required for apply patch', { causes: [{ reason: 'FieldValueRequired', message: 'Required value: is required for apply patch', field: 'fieldManager' }] } as any);
  return (ctx.req.headers['user-agent'] ?? 'unknown').split('/')[0];
}

function patch(env: ServerEnv, ctx: Ctx, t: Target, body: Buffer): void {
  const type = patchTypeOf(ctx);
  const doc = patchDoc(ctx, type, body);
  const dryRun = dryRunOf(ctx.query);
  const validation = validationOf(ctx.query);
  const warn = (w: string) => ctx.warnings.push(w);
  const r = received(env);
  // custom resources have no Go struct to merge strategically
  if (type === 'strategic' && t.info.custom) throw unsupported(CUSTOM_PATCH_TYPES);
  if (type === 'apply') {
    const manager = fieldManager(ctx, true);
    const force = isTrue(ctx.query.get('force'));
    if (!doc || typeof doc !== 'object' || Array.isArray(doc)) throw badRequest('error decoding YAML: the applied configuration is not an object');
    const applied = { ...doc } as KObject;
    const av = apiVersion(t);
    if (applied.kind !== t.info.kind || applied.apiVersion !== av) {
      throw badRequest(`error decoding YAML: ${applied.apiVersion ?? ''}, Kind=${applied.kind ?? ''} does not match the expected ${av}, Kind=${t.info.kind}`);
    }
    applied.metadata = { ...(applied.metadata ?? {}) };
    if (applied.metadata.name && applied.metadata.name !== t.name) throw badRequest(`the name of the object (${applied.metadata.name}) does not match the name on the URL (${t.name})`);
    applied.metadata.name = t.name!;
    if (t.info.namespaced) {
      if (applied.metadata.namespace && applied.metadata.namespace !== t.namespace) throw badRequest('the namespace of the provided object does not match the namespace sent on the request');
      applied.metadata.namespace = t.namespace;
    }
    const { serverSideApply } = require('../api/apply') as typeof import('../api/apply');
    let status = 200;
    const stored = env.write((api) => {
      const cur = api.get(t.info.kind, t.namespace, t.name!);
      const next = serverSideApply(cur, applied, { manager, force, now: api.now().toISOString().replace(/\.\d{3}Z$/, 'Z') });
      if (!cur) { status = 201; return r.receiveCreate(api, next, t.info, { dryRun, validation, warn }); }
      next.metadata.resourceVersion = applied.metadata.resourceVersion ?? cur.metadata.resourceVersion;
      return r.receiveUpdate(api, next, cur, t.info, { dryRun, validation, warn, keepManagedFields: true });
    });
    return send(ctx, status, wireObject(servedAs(t, stored)));
  }
  const stored = env.write((api) => {
    const cur = mustGet(api, t);
    const next = applyPatch(type, cur, doc, t.info.kind);
    checkPatched(t, cur, next);
    return r.receiveUpdate(api, next, cur, t.info, { dryRun, validation, warn, keepManagedFields: true });
  });
  send(ctx, 200, wireObject(servedAs(t, stored)));
}

// ---- delete -----------------------------------------------------------------------------------------------

interface DeleteOpts { gracePeriodSeconds?: number; propagation?: 'Background' | 'Foreground' | 'Orphan'; dryRun: boolean; preconditions?: { uid?: string; resourceVersion?: string } }

function deleteOptions(ctx: Ctx, body: Buffer | undefined): DeleteOpts {
  let b: any = {};
  if (body && body.length && body.toString('utf8').trim()) b = decodeObject(ctx, body) ?? {};
  const q = ctx.query;
  const grace = intParam(q, 'gracePeriodSeconds') ?? (typeof b.gracePeriodSeconds === 'number' ? b.gracePeriodSeconds : undefined);
  let prop = q.get('propagationPolicy') || b.propagationPolicy;
  if (!prop && (isTrue(q.get('orphanDependents')) || b.orphanDependents === true)) prop = 'Orphan';
  if (prop && !['Background', 'Foreground', 'Orphan'].includes(prop)) {
    throw new StatusError(422, 'Invalid', `DeleteOptions.meta.k8s.io "" is invalid: propagationPolicy: Unsupported value: "${prop}": supported values: "Foreground", "Background", "Orphan", "nil"`);
  }
  return { gracePeriodSeconds: grace, propagation: prop || undefined, dryRun: dryRunOf(q, b), preconditions: b.preconditions };
}

const RETURNS_OBJECT = new Set(['Pod', 'Service', 'Namespace', 'Node', 'PersistentVolume', 'PersistentVolumeClaim']);

function deleteOne(env: ServerEnv, ctx: Ctx, t: Target, body: Buffer | undefined): void {
  const opts = deleteOptions(ctx, body);
  let gone = false;
  const o = env.write((api) => {
    const cur = mustGet(api, t);
    const pre = opts.preconditions;
    if (pre?.uid && pre.uid !== cur.metadata.uid) throw new ApiError('Conflict', `Operation cannot be fulfilled on ${qualifiedResource(t.info)} "${t.name}": Precondition failed: UID in precondition: ${pre.uid}, UID in object meta: ${cur.metadata.uid}`, 409);
    if (pre?.resourceVersion && pre.resourceVersion !== cur.metadata.resourceVersion) throw new ApiError('Conflict', `Operation cannot be fulfilled on ${qualifiedResource(t.info)} "${t.name}": Precondition failed: ResourceVersion in precondition: ${pre.resourceVersion}, ResourceVersion in object meta: ${cur.metadata.resourceVersion}`, 409);
    const r = api.delete(t.info.kind, t.namespace, t.name!, { gracePeriodSeconds: opts.gracePeriodSeconds, propagation: opts.propagation, dryRun: opts.dryRun });
    gone = !opts.dryRun && !api.get(t.info.kind, t.namespace, t.name!);
    return r;
  });
  if (RETURNS_OBJECT.has(t.info.kind) || !gone) return send(ctx, 200, wireObject(o));
  send(ctx, 200, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', details: { name: t.name, ...(t.info.group ? { group: t.info.group } : {}), kind: t.info.plural, uid: o.metadata.uid } });
}

function deleteCollection(env: ServerEnv, ctx: Ctx, t: Target, body: Buffer | undefined): void {
  const opts = deleteOptions(ctx, body);
  const q = ctx.query;
  const deleted = env.write((api) => {
    const items = api.list(t.info.kind, t.info.namespaced ? t.namespace : undefined, { labelSelector: q.get('labelSelector') || undefined, fieldSelector: q.get('fieldSelector') || undefined });
    const out: KObject[] = [];
    for (const o of items) {
      if (t.info.kind === 'Namespace' && ['default', 'kube-system', 'kube-public'].includes(o.metadata.name)) continue;
      out.push(api.delete(t.info.kind, o.metadata.namespace, o.metadata.name, { gracePeriodSeconds: opts.gracePeriodSeconds, propagation: opts.propagation, dryRun: opts.dryRun }));
    }
    return out;
  });
  send(ctx, 200, { kind: `${t.info.kind}List`, apiVersion: apiVersion(t), metadata: listMeta(env), items: deleted.map((o) => wireObject(o, true)) });
}


