// What the API server does with an object it receives (POST, PUT) before the registry stores
// it: strict/warn/ignore field validation while decoding, Secret stringData folded into data,
// and the fields a write of the main resource may not set (status, uid, generation). kubesim's
// CLI (src/cli/manifest-verbs.ts) and its HTTP API (src/apiserver) both send objects through here.
import { ApiError, KObject } from './types';
import { parseStoredJson, stringifyJson } from './gonumber';
import type { KindInfo } from './kinds';
import type { Api } from './server';

export type Validation = 'Strict' | 'Warn' | 'Ignore';

/** Kinds with a status subresource: a write of the main resource leaves status as it was. */
export const STATUS_SUBRESOURCE = new Set(['Pod', 'Service', 'Namespace', 'Node', 'PersistentVolume', 'PersistentVolumeClaim', 'ReplicationController',
  'ResourceQuota', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'HorizontalPodAutoscaler', 'Ingress', 'PodDisruptionBudget']);

/** Decoding of the request body: field validation; the warnings (Warn) are returned. */
export function decodeReceived(obj: KObject, info: KindInfo, validation: Validation): string[] {
  if (info.custom) return (require('./crd') as typeof import('./crd')).decodeCustom(obj, info, validation);
  const { strictDecode } = require('./validation') as typeof import('./validation');
  return strictDecode(obj, info.version, validation);
}

/** A Secret's stringData is merged into data on write (base64) and not stored. */
function mergeStringData(o: KObject): void {
  if (o.kind !== 'Secret' || !o.stringData) return;
  o.data = { ...(o.data ?? {}) };
  for (const [k, v] of Object.entries(o.stringData as Record<string, string>)) o.data[k] = Buffer.from(String(v), 'utf8').toString('base64');
  delete o.stringData;
}

export interface ReceiveOptions { dryRun?: boolean; validation?: Validation; warn?: (w: string) => void; keepManagedFields?: boolean }

/** POST: what the API server does with a received object before storing it. */
/** The API server reads at most 3 MiB of a request body (apiserver's limitedReadBody). */
export const MAX_REQUEST_BODY = 3 * 1024 * 1024;

/** The JSON body a client sends for an object, refused as the API server refuses a larger one. */
export function requestBody(obj: unknown): string {
  const body = stringifyJson(obj);
  if (body.length > MAX_REQUEST_BODY / 4 && Buffer.byteLength(body) > MAX_REQUEST_BODY) {
    throw new ApiError('RequestEntityTooLarge', `Request entity too large: limit is ${MAX_REQUEST_BODY}`, 413);
  }
  return body;
}

export function receiveCreate(api: Api, obj: KObject, info: KindInfo, opts: ReceiveOptions = {}): KObject {
  const o: KObject = parseStoredJson(requestBody(obj));
  if (!o.apiVersion) o.apiVersion = info.group ? `${info.group}/${info.version}` : info.version;
  for (const w of decodeReceived(o, info, opts.validation ?? 'Strict')) opts.warn?.(w);
  mergeStringData(o);
  if (o.metadata?.resourceVersion) throw new ApiError('BadRequest', 'resourceVersion should not be set on objects to be created', 400);
  if (STATUS_SUBRESOURCE.has(o.kind) || info.custom?.status) delete o.status;
  delete o.metadata.uid;
  delete o.metadata.generation;
  return api.create(o, { dryRun: opts.dryRun });
}

/** PUT: keep what the main resource does not change (status), then update. */
export function receiveUpdate(api: Api, obj: KObject, current: KObject, info: KindInfo, opts: ReceiveOptions = {}): KObject {
  const o: KObject = parseStoredJson(requestBody(obj));
  if (!o.apiVersion) o.apiVersion = current.apiVersion;
  for (const w of decodeReceived(o, info, opts.validation ?? 'Strict')) opts.warn?.(w);
  mergeStringData(o);
  if (STATUS_SUBRESOURCE.has(o.kind) || info.custom?.status) {
    if (current.status !== undefined) o.status = current.status; else delete o.status;
  }
  o.metadata.namespace = current.metadata.namespace;
  if (!opts.keepManagedFields) delete o.metadata.managedFields;
  if (o.kind === 'Pod') {
    const { validatePodUpdate } = require('./validation') as typeof import('./validation');
    validatePodUpdate(o, current);
  }
  return api.update(o, { dryRun: opts.dryRun });
}
