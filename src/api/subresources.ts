// The status and scale subresources' writes, as the API server makes them, for both front
// doors (src/apiserver/subresources.ts over HTTP, `kubectl patch --subresource` in process):
// a status write keeps the stored spec and metadata and takes the new status; a scale write
// takes spec.replicas from an autoscaling/v1 Scale into the object.
import { ApiError, KObject } from './types';
import type { Api } from './server';
import { qualifiedResource, KindInfo } from './kinds';

/** The autoscaling/v1 Scale of a scalable object. */
export function scaleOf(o: KObject): KObject {
  const sel = o.kind === 'ReplicationController' ? o.spec?.selector : o.spec?.selector?.matchLabels;
  const { labelsString } = require('../printers/table/common') as typeof import('../printers/table/common');
  return {
    kind: 'Scale', apiVersion: 'autoscaling/v1',
    metadata: { name: o.metadata.name, namespace: o.metadata.namespace, uid: o.metadata.uid, resourceVersion: o.metadata.resourceVersion, creationTimestamp: o.metadata.creationTimestamp },
    spec: { replicas: o.spec?.replicas ?? 0 },
    status: { replicas: o.status?.replicas ?? 0, ...(sel ? { selector: labelsString(sel) } : {}) },
  } as any;
}

function checkVersion(info: KindInfo, name: string, cur: KObject, rv: string | undefined): void {
  if (rv && rv !== cur.metadata.resourceVersion) {
    throw new ApiError('Conflict', `Operation cannot be fulfilled on ${qualifiedResource(info)} "${name}": the object has been modified; please apply your changes to the latest version and try again`, 409);
  }
}

/** PUT/PATCH .../status: the stored object with `next`'s status. */
export function writeStatus(api: Api, info: KindInfo, cur: KObject, next: KObject, dryRun: boolean): KObject {
  checkVersion(info, cur.metadata.name, cur, next?.metadata?.resourceVersion);
  const o = { ...structuredClone(cur), status: next?.status };
  if (o.status === undefined) delete (o as any).status;
  return dryRun ? o : api.update(o, { status: true, changed: true });
}

/** PUT/PATCH .../scale: `next` is the Scale as sent (or patched); the answer is the new Scale. */
export function writeScale(api: Api, info: KindInfo, cur: KObject, next: any, dryRun: boolean): KObject {
  const name = cur.metadata.name;
  checkVersion(info, name, cur, next?.metadata?.resourceVersion);
  const n = next?.spec?.replicas;
  if (typeof n !== 'number' || !Number.isInteger(n) || n < 0) {
    throw new ApiError('Invalid', `Scale.autoscaling "${name}" is invalid: spec.replicas: Invalid value: ${n}: must be greater than or equal to 0`, 422, { kind: 'Scale', group: 'autoscaling', name, causes: [{ field: 'spec.replicas', message: `Invalid value: ${n}: must be greater than or equal to 0` }] });
  }
  const o = structuredClone(cur);
  o.spec.replicas = n;
  delete o.metadata.resourceVersion;
  return scaleOf(dryRun ? o : api.update(o));
}
