// Subresources: status, scale, ephemeralcontainers, eviction, binding, finalize and token; log,
// exec, attach and port-forward are src/apiserver/streams.ts's (when built).
import { cloneJson } from '../api/gonumber';
import type { KObject } from '../api/types';
import { ApiError } from '../api/types';
import { KINDS, qualifiedResource } from '../api/kinds';
import type { Api } from '../api/server';
import { notFound } from '../api/server';
import { wireObject } from '../network/apiproxy';
import { Ctx, send, StatusError, notFoundPath, methodNotAllowed } from './respond';
import { decodeObject, dryRunOf, patchTypeOf, patchDoc, applyPatch, checkPatched, unsupported, ACCEPTED_PATCH } from './body';
import { Target, mustGet, receivedObject } from './rest';
import type { ServerEnv } from './env';
import { scaleOf, writeStatus, writeScale } from '../api/subresources';

export function bind(api: Api, ns: string, name: string, binding: any, dryRun: boolean): KObject {
  const pod = api.get('Pod', ns, name);
  if (!pod) throw notFound(KINDS.find((k) => k.kind === 'Pod')!, name);
  const node = binding?.target?.name;
  if (!node) throw new ApiError('Invalid', `Binding "${name}" is invalid: target.name: Required value`, 422, { kind: 'Binding', name, causes: [{ field: 'target.name', message: 'Required value' }] });
  if (pod.spec?.nodeName) throw new ApiError('Conflict', `Operation cannot be fulfilled on pods/binding "${name}": pod ${name} is already assigned to node "${pod.spec.nodeName}"`, 409);
  if (dryRun) return pod;
  pod.spec.nodeName = node;
  return api.update(pod, { changed: true });
}

export function subresource(env: ServerEnv, ctx: Ctx, t: Target, body: Buffer | undefined): void {
  const m = ctx.req.method!;
  const sub = t.sub!;
  if (sub === 'status' || sub === 'ephemeralcontainers' || sub === 'approval') {
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
      if (sub === 'status') return writeStatus(api, t.info, cur, next, dryRun);
      if (next.metadata.resourceVersion && next.metadata.resourceVersion !== cur.metadata.resourceVersion) {
        throw new ApiError('Conflict', `Operation cannot be fulfilled on ${qualifiedResource(t.info)} "${t.name}": the object has been modified; please apply your changes to the latest version and try again`, 409);
      }
      if (sub === 'approval') return (require('../api/kinds-more/csr') as typeof import('../api/kinds-more/csr')).updateApproval(api, cur, next.status?.conditions, { dryRun: !!dryRun });
      const o = cloneJson(cur);
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
      return writeScale(api, t.info, cur, next, dryRun);
    });
    return send(ctx, 200, stored);
  }
  if (sub === 'eviction') {
    if (m !== 'POST') throw methodNotAllowed();
    const ev = decodeObject(ctx, body ?? Buffer.alloc(0)) ?? {};
    const grace = ev?.deleteOptions?.gracePeriodSeconds;
    const dryRun = dryRunOf(ctx.query, ev?.deleteOptions);
    if (ev?.metadata?.name !== undefined && ev.metadata.name !== t.name) throw new ApiError('BadRequest', 'name in URL does not match name in Eviction object', 400);
    const { evictPod } = require('../api/eviction') as typeof import('../api/eviction');
    env.write((api) => {
      mustGet(api, t);
      evictPod(api, t.namespace!, t.name!, { gracePeriodSeconds: typeof grace === 'number' ? grace : undefined, dryRun });
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
  if (sub === 'token' && m === 'POST' && t.info.kind === 'ServiceAccount') {
    const tr = decodeObject(ctx, body ?? Buffer.alloc(0)) ?? {};
    const { createToken } = require('../api/tokens') as typeof import('../api/tokens');
    return send(ctx, 201, env.write((api) => createToken(api, t.namespace!, t.name!, tr)));
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

