// The LimitRanger admission plugin (plugin/pkg/admission/limitranger): a new pod's containers get
// the namespace's LimitRange defaults (default, defaultRequest) and the kubernetes.io/limit-ranger
// annotation saying so; then pods and claims are refused when outside min, max or
// maxLimitRequestRatio, with the plugin's messages.
import { ApiError, KObject } from './types';
import { kindInfo, qualifiedResource } from './kinds';
import { parseQuantity, quantityString, quantityMilliValue, Quantity } from './resource-quantity';
import { podResources } from './quota';

const ANNOTATION = 'kubernetes.io/limit-ranger';

/** Which kinds the plugin looks at: pods when created, claims when created or updated. */
export const limitRangerApplies = (kind: string, update: boolean) => (kind === 'Pod' && !update) || kind === 'PersistentVolumeClaim';

/** Admit (mutation): every LimitRange's Container defaults merged into the pod's containers. */
export function mutateLimits(pod: KObject, ranges: KObject[]): boolean {
  let changed = false;
  for (const lr of ranges) {
    const limits: Record<string, string> = {}, requests: Record<string, string> = {};
    for (const item of lr.spec?.limits ?? []) {
      if (item.type !== 'Container') continue;
      Object.assign(requests, item.defaultRequest ?? {});
      Object.assign(limits, item.default ?? {});
    }
    const notes: string[] = [];
    const merge = (c: any, prefix: string) => {
      c.resources = c.resources ?? {};
      const setL: string[] = [], setR: string[] = [];
      for (const [k, v] of Object.entries(limits)) {
        c.resources.limits = c.resources.limits ?? {};
        if (!(k in c.resources.limits)) { c.resources.limits[k] = canonical(v); setL.push(k); }
      }
      for (const [k, v] of Object.entries(requests)) {
        c.resources.requests = c.resources.requests ?? {};
        if (!(k in c.resources.requests)) { c.resources.requests[k] = canonical(v); setR.push(k); }
      }
      if (setR.length) notes.push(`${setR.sort().join(', ')} request for ${prefix} ${c.name}`);
      if (setL.length) notes.push(`${setL.sort().join(', ')} limit for ${prefix} ${c.name}`);
    };
    for (const c of pod.spec?.containers ?? []) merge(c, 'container');
    for (const c of pod.spec?.initContainers ?? []) merge(c, 'init container');
    if (notes.length) {
      pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [ANNOTATION]: `LimitRanger plugin set: ${notes.join('; ')}` };
      changed = true;
    }
  }
  return changed;
}

const canonical = (v: unknown) => { const q = parseQuantity(v); return q ? quantityString(q) : String(v); };

type List = Map<string, Quantity>;
const listOf = (o: Record<string, unknown> | undefined): List => {
  const m: List = new Map();
  for (const [k, v] of Object.entries(o ?? {})) { const q = parseQuantity(v); if (q) m.set(k, q); }
  return m;
};
const milli = (q: Quantity | undefined) => (q ? quantityMilliValue(q) : 0n);
const str = (q: Quantity) => quantityString(q);

function minConstraint(type: string, name: string, enforced: Quantity, request: List, limit: List): string | undefined {
  const req = request.get(name), lim = limit.get(name);
  if (!req) return `minimum ${name} usage per ${type} is ${str(enforced)}.  No request is specified`;
  if (milli(req) < milli(enforced)) return `minimum ${name} usage per ${type} is ${str(enforced)}, but request is ${str(req)}`;
  if (lim && milli(lim) < milli(enforced)) return `minimum ${name} usage per ${type} is ${str(enforced)}, but limit is ${str(lim)}`;
  return undefined;
}

function maxConstraint(type: string, name: string, enforced: Quantity, request: List, limit: List): string | undefined {
  const req = request.get(name), lim = limit.get(name);
  if (!lim) return `maximum ${name} usage per ${type} is ${str(enforced)}.  No limit is specified`;
  if (milli(lim) > milli(enforced)) return `maximum ${name} usage per ${type} is ${str(enforced)}, but limit is ${str(lim)}`;
  if (req && milli(req) > milli(enforced)) return `maximum ${name} usage per ${type} is ${str(enforced)}, but request is ${str(req)}`;
  return undefined;
}

function maxRequestConstraint(type: string, name: string, enforced: Quantity, request: List): string | undefined {
  const req = request.get(name);
  if (!req) return `maximum ${name} usage per ${type} is ${str(enforced)}.  No request is specified`;
  if (milli(req) > milli(enforced)) return `maximum ${name} usage per ${type} is ${str(enforced)}, but request is ${str(req)}`;
  return undefined;
}

function ratioConstraint(type: string, name: string, enforced: Quantity, request: List, limit: List): string | undefined {
  const req = request.get(name), lim = limit.get(name);
  if (!req || milli(req) === 0n) return `${name} max limit to request ratio per ${type} is ${str(enforced)}, but no request is specified or request is 0`;
  if (!lim || milli(lim) === 0n) return `${name} max limit to request ratio per ${type} is ${str(enforced)}, but no limit is specified or limit is 0`;
  const ratio = Number(milli(lim)) / Number(milli(req));
  if (ratio * 1000 > Number(milli(enforced))) return `${name} max limit to request ratio per ${type} is ${str(enforced)}, but provided ratio is ${ratio.toFixed(6)}`;
  return undefined;
}

function check(errs: string[], item: any, type: string, request: List, limit: List): void {
  for (const [k, v] of listOf(item.min)) { const e = minConstraint(type, k, v, request, limit); if (e) errs.push(e); }
  for (const [k, v] of listOf(item.max)) { const e = maxConstraint(type, k, v, request, limit); if (e) errs.push(e); }
  for (const [k, v] of listOf(item.maxLimitRequestRatio)) { const e = ratioConstraint(type, k, v, request, limit); if (e) errs.push(e); }
}

/** Validate: each LimitRange in turn; the first that refuses gives the error (its messages
 *  aggregated as utilerrors does: one as is, several in brackets). */
export function validateLimits(obj: KObject, ranges: KObject[]): void {
  for (const lr of ranges) {
    const errs: string[] = [];
    for (const item of lr.spec?.limits ?? []) {
      if (obj.kind === 'Pod') {
        if (item.type === 'Container') {
          for (const c of [...(obj.spec?.containers ?? []), ...(obj.spec?.initContainers ?? [])]) {
            check(errs, item, 'Container', listOf(c.resources?.requests), listOf(c.resources?.limits));
          }
        }
        if (item.type === 'Pod') check(errs, item, 'Pod', podResources(obj, 'requests'), podResources(obj, 'limits'));
      } else if (obj.kind === 'PersistentVolumeClaim' && item.type === 'PersistentVolumeClaim') {
        const requests = listOf(obj.spec?.resources?.requests);
        for (const [k, v] of listOf(item.min)) { const e = minConstraint('PersistentVolumeClaim', k, v, requests, new Map()); if (e) errs.push(e); }
        for (const [k, v] of listOf(item.max)) { const e = maxRequestConstraint('PersistentVolumeClaim', k, v, requests); if (e) errs.push(e); }
      }
    }
    const unique = [...new Set(errs)];
    if (!unique.length) continue;
    const info = kindInfo(obj.kind);
    const msg = unique.length === 1 ? unique[0] : `[${unique.join(', ')}]`;
    throw new ApiError('Forbidden', `${qualifiedResource(info)} "${obj.metadata.name}" is forbidden: ${msg}`, 403, { kind: info.plural, name: obj.metadata.name, group: info.group });
  }
}
