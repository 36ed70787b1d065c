// The resource endpoints: /api/v1/..., /apis/G/V/... (collections, objects, subresources),
// with the same semantics kubesim's CLI has (src/api: defaulting, validation, allocation,
// resourceVersion concurrency), and the API server's Status errors.
import type { KObject } from '../api/types';
import { ApiError } from '../api/types';
import { KINDS, KindInfo, apiVersionOf, qualifiedResource } from '../api/kinds';
import type { Api } from '../api/server';
import { notFound } from '../api/server';
import { hasSubresource, REVIEW_RESOURCES } from '../api/discovery';
import { wireObject } from '../network/apiproxy';
import { Ctx, send, negotiate, StatusError, notFoundPath, methodNotAllowed, badRequest } from './respond';
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
  const find = (plural: string) => KINDS.find((k) => k.group === group && k.version === version && k.plural === plural);
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
  if (sub !== undefined && !hasSubresource(info.plural, sub)) return undefined;
  return { group, version, info, namespace: ns, name: name === undefined ? undefined : decodeURIComponent(name), sub, watch };
}

const apiVersion = (t: Target) => (t.group ? `${t.group}/${t.version}` : t.version);

// ---- request bodies ---------------------------------------------------------------------------------

const mediaType = (ct: string | undefined) => (ct ?? '').split(';')[0].trim().toLowerCase();

const ACCEPTED = 'application/json, application/yaml, application/vnd.kubernetes.protobuf';
const ACCEPTED_PATCH = 'application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json';

export function unsupported(list: string): StatusError {
  return new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${list}`);
}

function parseJson(text: string, what: string): any {
  try { return JSON.parse(text); } catch {
    const { goJsonSyntaxError } = require('../api/gojson') as typeof import('../api/gojson');
    throw badRequest(`${what}${goJsonSyntaxError(text) ?? 'unexpected end of JSON input'}`);
  }
}

function parseYamlBody(text: string, what = 'error converting YAML to JSON: '): any {
  const { parseYaml, YamlError } = require('../api/goyaml') as typeof import('../api/goyaml');
  try { return parseYaml(text); } catch (e) {
    if (e instanceof YamlError) throw badRequest(`${what}${e.message}`);
    throw e;
  }
}

/** An object body (POST, PUT, DeleteOptions): JSON or YAML. */
export function decodeObject(ctx: Ctx, body: Buffer): any {
  const mt = mediaType(ctx.req.headers['content-type']);
  const text = mt === 'application/vnd.kubernetes.protobuf' ? '' : body.toString('utf8');
  if (mt === 'application/json' || mt === '' || mt === '*/*') return parseJson(text, "couldn't get version/kind; json parse error: ");
  if (mt === 'application/yaml') return parseYamlBody(text);
  if (mt === 'application/vnd.kubernetes.protobuf') return (require('./protobuf') as typeof import('./protobuf')).decodeProtobuf(body);
  throw unsupported(ACCEPTED);
}

// ---- options --------------------------------------------------------------------------------------

function dryRunOf(q: URLSearchParams, body?: any): boolean {
  const vals = [...q.getAll('dryRun'), ...(Array.isArray(body?.dryRun) ? body.dryRun : [])];
  for (const v of vals) if (v !== 'All') throw new StatusError(400, 'BadRequest', `Invalid dryRun value: ${JSON.stringify(v)}`);
  return vals.length > 0;
}

type Validation = 'Strict' | 'Warn' | 'Ignore';
function validationOf(q: URLSearchParams): Validation {
  const v = q.get('fieldValidation') ?? '';
  if (v === '') return 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw badRequest(`fieldValidation must be one of "Ignore", "Warn", or "Strict", got ${JSON.stringify(v)}`);
}

const intParam = (q: URLSearchParams, k: string): number | undefined => {
  const v = q.get(k);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw badRequest(`${k}: Invalid value: "${v}": strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
};

// ---- the handler ------------------------------------------------------------------------------------

export function handleResource(env: ServerEnv, ctx: Ctx, t: Target, body: Buffer | undefined): void {
  const m = ctx.req.method!;
  const { info } = t;
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

const isTrue = (v: string | null) => v === 'true' || v === '1';

function mustGet(api: Api, t: Target): KObject {
  const o = api.get(t.info.kind, t.namespace, t.name!);
  if (!o) throw notFound(t.info, t.name!);
  return o;
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
  send(ctx, 200, { kind: `${t.info.kind}List`, apiVersion: apiVersion(t), metadata: meta, items: items.map((o) => wireObject(o, true)) }, { wire: neg.wire });
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
function receivedObject(ctx: Ctx, t: Target, body: Buffer): KObject {
  const o = decodeObject(ctx, body);
  if (!o || typeof o !== 'object' || Array.isArray(o)) throw badRequest(`Object 'Kind' is missing in '${body.toString('utf8').trim()}'`);
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
  send(ctx, 201, wireObject(created));
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
  send(ctx, 200, wireObject(stored));
}

// ---- patch -----------------------------------------------------------------------------------------------

type PatchType = 'json' | 'merge' | 'strategic' | 'apply';
function patchTypeOf(ctx: Ctx): PatchType {
  switch (mediaType(ctx.req.headers['content-type'])) {
    case 'application/json-patch+json': return 'json';
    case 'application/merge-patch+json': return 'merge';
    case 'application/strategic-merge-patch+json': return 'strategic';
    case 'application/apply-patch+yaml': case 'application/apply-patch+cbor': return 'apply';
    default: throw unsupported(ACCEPTED_PATCH);
  }
}

/** Apply a patch document to `cur` (patch errors as the API server reports them). */
export function applyPatch(type: Exclude<PatchType, 'apply'>, cur: KObject, doc: any, kind: string): KObject {
  const mg = require('../api/merge') as typeof import('../api/merge');
  try {
    if (type === 'json') return mg.jsonPatch(cur, doc) as KObject;
    if (type === 'merge') return mg.jsonMergePatch(cur, doc) as KObject;
    if (doc === null || typeof doc !== 'object' || Array.isArray(doc)) throw new mg.PatchError('unable to find api field in struct Unstructured for the json field "0"');
    return mg.strategicMergePatch(cur, doc, kind) as KObject;
  } catch (e) {
    if (e instanceof mg.PatchError) throw new StatusError(422, 'Invalid', e.message);
    throw e;
  }
}

function patchDoc(ctx: Ctx, type: PatchType, body: Buffer): any {
  const text = body.toString('utf8');
  if (type === 'apply') return parseYamlBody(text, 'error decoding YAML: ');
  try { return JSON.parse(text); } catch {
    const { goJsonSyntaxError } = require('../api/gojson') as typeof import('../api/gojson');
    throw badRequest(`error decoding patch: ${goJsonSyntaxError(text) ?? 'unexpected end of JSON input'}`);
  }
}

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
    return send(ctx, status, wireObject(stored));
  }
  const stored = env.write((api) => {
    const cur = mustGet(api, t);
    const next = applyPatch(type, cur, doc, t.info.kind);
    checkPatched(t, cur, next);
    return r.receiveUpdate(api, next, cur, t.info, { dryRun, validation, warn, keepManagedFields: true });
  });
  send(ctx, 200, wireObject(stored));
}

function checkPatched(t: Target, cur: KObject, next: KObject): void {
  if (!next || typeof next !== 'object' || !next.metadata) throw new StatusError(422, 'Invalid', 'the patched object is not an object');
  if (next.metadata.name !== cur.metadata.name) throw badRequest(`the name of the object (${next.metadata.name}) does not match the name on the URL (${t.name})`);
  if (next.kind !== cur.kind || next.apiVersion !== cur.apiVersion) throw badRequest(`the kind or apiVersion of the patched object does not match (${next.apiVersion}, Kind=${next.kind})`);
  if (next.metadata.resourceVersion === undefined) next.metadata.resourceVersion = cur.metadata.resourceVersion;
}

// ---- delete -----------------------------------------------------------------------------------------------

interface DeleteOpts { gracePeriodSeconds?: number; propagation?: 'Background' | 'Foreground' | 'Orphan'; dryRun: boolean; preconditions?: { uid?: string; resourceVersion?: string } }

function deleteOptions(ctx: Ctx, body: Buffer | undefined): DeleteOpts {
  let b: any = {};
  if (body && body.length && body.toString('utf8').trim()) b = decodeObject(ctx, body) ?? {};
  const q = ctx.query;
  const grace = intParam(q, 'gracePeriodSeconds') ?? (typeof b.gracePeriodSeconds === 'number' ? b.gracePeriodSeconds : undefined);
  let prop = q.get('propagationPolicy') || b.propagationPolicy;
  if (!prop && (q.get('orphanDependents') === 'true' || b.orphanDependents === true)) prop = 'Orphan';
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

// ---- subresources -------------------------------------------------------------------------------------------

function bind(api: Api, ns: string, name: string, binding: any, dryRun: boolean): KObject {
  const pod = api.get('Pod', ns, name);
  if (!pod) throw notFound(KINDS.find((k) => k.kind === 'Pod')!, name);
  const node = binding?.target?.name;
  if (!node) throw new ApiError('Invalid', `Binding "${name}" is invalid: target.name: Required value`, 422, { kind: 'Binding', name, causes: [{ field: 'target.name', message: 'Required value' }] });
  if (pod.spec?.nodeName) throw new ApiError('Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${pod.spec.nodeName}"`, 409);
  if (dryRun) return pod;
  pod.spec.nodeName = node;
  return api.update(pod, { changed: true });
}

function scaleOf(o: KObject): Record<string, unknown> {
  const sel = o.kind === 'ReplicationController' ? o.spec?.selector : o.spec?.selector?.matchLabels;
  const { labelsString } = require('../printers/table/common') as typeof import('../printers/table/common');
  return {
    kind: 'Scale', apiVersion: 'autoscaling/v1',
    metadata: { name: o.metadata.name, namespace: o.metadata.namespace, uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion, creationTimestamp: o.metadata.creationTimestamp },
    spec: { replicas: o.spec?.replicas ?? 0 },
    status: { replicas: o.status?.replicas ?? 0, ...(sel ? { selector: labelsString(sel) } : {}) },
  };
}

function subresource(env: ServerEnv, ctx: Ctx, t: Target, body: Buffer | undefined): void {
  const m = ctx.req.method!;
  const sub = t.sub!;
  const r = received(env);
  if (sub === 'status' || sub === 'ephemeralcontainers') {
    if (m === 'GET') { env.refresh(); return send(ctx, 200, wireObject(mustGet(env.api, t))); }
    if (m !== 'PUT' && m !== 'PATCH') throw methodNotAllowed();
    const dryRun = dryRunOf(ctx.query);
    const stored = env.write((api) => {
      const cur = mustGet(api, t);
      let next: KObject;
      if (m === 'PUT') next = receivedObject(ctx, t, body ?? Buffer.alloc(0));
      else {
        const type = patchTypeOf(ctx);
        if (type === 'apply') throw unsupported(ACCEPTED_PATCH);
        next = applyPatch(type, cur, patchDoc(ctx, type, body ?? Buffer.alloc(0)), t.info.kind);
        checkPatched(t, cur, next);
      }
      if (next.metadata.resourceVersion && next.metadata.resourceVersion !== cur.metadata.resourceVersion) {
        throw new ApiError('Conflict', `Operation cannot be fulfilled on ${qualifiedResource(t.info)} "${t.name}": the object has been modified; please apply your changes to the latest version and try again`, 409);
      }
      if (sub === 'status') {
        const o = { ...structuredClone(cur), status: next.status };
        return dryRun ? o : api.update(o, { status: true, changed: true });
      }
      const o = structuredClone(cur);
      o.spec.ephemeralContainers = next.spec?.ephemeralContainers;
      if (!o.spec.ephemeralContainers) delete o.spec.ephemeralContainers;
      return dryRun ? o : api.update(o, { changed: true });
    });
    return send(ctx, 200, wireObject(stored));
  }
  if (sub === 'scale') {
    if (m === 'GET') { env.refresh(); return send(ctx, 200, scaleOf(mustGet(env.api, t))); }
    if (m !== 'PUT' && m !== 'PATCH') throw methodNotAllowed();
    const dryRun = dryRunOf(ctx.query);
    const stored = env.write((api) => {
      const cur = mustGet(api, t);
      const scale = scaleOf(cur) as any;
      let next: any;
      if (m === 'PUT') next = decodeObject(ctx, body ?? Buffer.alloc(0));
      else {
        const type = patchTypeOf(ctx);
        if (type === 'apply') throw unsupported(ACCEPTED_PATCH);
        next = applyPatch(type, scale, patchDoc(ctx, type, body ?? Buffer.alloc(0)), 'Scale');
      }
      const rv = next?.metadata?.resourceVersion;
      if (rv && rv !== cur.metadata.resourceVersion) {
        throw new ApiError('Conflict', `Operation cannot be fulfilled on ${qualifiedResource(t.info)} "${t.name}": the object has been modified; please apply your changes to the latest version and try again`, 409);
      }
      const n = next?.spec?.replicas;
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
        throw new ApiError('Invalid', `Scale.autoscaling "${t.name}" is invalid: spec.replicas: Invalid value: ${n}: must be greater than or equal to 0`, 422, { kind: 'Scale', group: 'autoscaling', name: t.name, causes: [{ field: 'spec.replicas', message: `Invalid value: ${n}: must be greater than or equal to 0` }] });
      }
      const o = structuredClone(cur);
      o.spec.replicas = n;
      delete o.metadata.resourceVersion;
      return dryRun ? o : api.update(o);
    });
    return send(ctx, 200, scaleOf(stored));
  }
  if (sub === 'eviction') {
    if (m !== 'POST') throw methodNotAllowed();
    const ev = decodeObject(ctx, body ?? Buffer.alloc(0)) ?? {};
    const grace = ev?.deleteOptions?.gracePeriodSeconds;
    const dryRun = dryRunOf(ctx.query, ev?.deleteOptions);
    env.write((api) => {
      mustGet(api, t);
      api.delete('Pod', t.namespace, t.name!, { gracePeriodSeconds: typeof grace === 'number' ? grace : undefined, dryRun });
    });
    return send(ctx, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
  }
  if (sub === 'binding') {
    if (m !== 'POST') throw methodNotAllowed();
    const b = decodeObject(ctx, body ?? Buffer.alloc(0));
    env.write((api) => bind(api, t.namespace!, t.name!, b, dryRunOf(ctx.query)));
    return send(ctx, 201, { kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success', code: 201 });
  }
  if (sub === 'finalize') {
    if (m !== 'PUT') throw methodNotAllowed();
    const o = receivedObject(ctx, t, body ?? Buffer.alloc(0));
    const stored = env.write((api) => { const cur = mustGet(api, t); cur.spec = { ...(cur.spec ?? {}), finalizers: o.spec?.finalizers ?? [] }; return api.update(cur, { changed: true }); });
    return send(ctx, 200, wireObject(stored));
  }
  if (sub === 'token' && m === 'POST') {
    env.refresh();
    mustGet(env.api, t);
    const tr = decodeObject(ctx, body ?? Buffer.alloc(0)) ?? {};
    const exp = tr?.spec?.expirationSeconds ?? 3600;
    const now = env.api.now();
    const token = Buffer.from(JSON.stringify({ alg: 'RS256' })).toString('base64url') + '.' + Buffer.from(JSON.stringify({ sub: `system:serviceaccount:${t.namespace}:${t.name}`, exp: Math.floor(now.getTime() / 1000) + exp })).toString('base64url') + '.kubesim';
    return send(ctx, 201, { kind: 'TokenRequest', apiVersion: 'authentication.k8s.io/v1', metadata: { name: t.name, namespace: t.namespace, creationTimestamp: null }, spec: { audiences: tr?.spec?.audiences ?? ['https://kubernetes.default.svc.cluster.local'], expirationSeconds: exp, boundObjectRef: null }, status: { token, expirationTimestamp: new Date(now.getTime() + exp * 1000).toISOString().replace(/\.\d{3}Z$/, 'Z') } });
  }
  // log, exec, attach, portforward, proxy: the streams module (when built) took them before here
  if (['log', 'exec', 'attach', 'portforward'].includes(sub)) {
    env.refresh();
    mustGet(env.api, t);
    if (sub === 'log') throw new StatusError(501, 'NotImplemented', 'pods/log is not served by this kubesim build');
    throw new StatusError(400, 'BadRequest', `Upgrade request required`);
  }
  throw notFoundPath();
}

// ---- reviews (authorization: everything allowed) ------------------------------------------------------------

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

export { apiVersionOf };
