// Request bodies and options as the API server reads them: objects in JSON, YAML or protobuf,
// patch documents of the four patch types, dryRun, fieldValidation and integer parameters, with
// the API server's errors for each.
import { parseStoredJson } from '../api/gonumber';
import type { KObject } from '../api/types';
import { Ctx, StatusError, badRequest } from './respond';
import type { Target } from './rest';

const mediaType = (ct: string | undefined) => (ct ?? '').split(';')[0].trim().toLowerCase();


export const ACCEPTED = 'application/json, application/yaml, application/vnd.kubernetes.protobuf';
export const ACCEPTED_PATCH = 'application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml, application/strategic-merge-patch+json';

export function unsupported(list: string): StatusError {
  return new StatusError(415, 'UnsupportedMediaType', `the body of the request was in an unknown format - accepted media types include: ${list}`);
}

function parseJson(text: string, what: string): any {
  try { return parseStoredJson(text); } catch {
    const { goJsonSyntaxError } = require('../api/gojson') as typeof import('../api/gojson');
    throw badRequest(`${what}${goJsonSyntaxError(text) ?? 'unexpected end of JSON input'}`);
  }
}

export function parseYamlBody(text: string, what = 'error converting YAML to JSON: '): any {
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

export function dryRunOf(q: URLSearchParams, body?: any): boolean {
  const vals = [...q.getAll('dryRun'), ...(Array.isArray(body?.dryRun) ? body.dryRun : [])];
  for (const v of vals) if (v !== 'All') throw new StatusError(400, 'BadRequest', `Invalid dryRun value: ${JSON.stringify(v)}`);
  return vals.length > 0;
}

type Validation = 'Strict' | 'Warn' | 'Ignore';
export function validationOf(q: URLSearchParams): Validation {
  const v = q.get('fieldValidation') ?? '';
  if (v === '') return 'Warn';
  if (v === 'Strict' || v === 'Warn' || v === 'Ignore') return v;
  throw badRequest(`fieldValidation must be one of "Ignore", "Warn", or "Strict", got ${JSON.stringify(v)}`);
}

export const intParam = (q: URLSearchParams, k: string): number | undefined => {
  const v = q.get(k);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) throw badRequest(`${k}: Invalid value: "${v}": strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
};


// ---- patches ----------------------------------------------------------------------------------------

export type PatchType = 'json' | 'merge' | 'strategic' | 'apply';
export function patchTypeOf(ctx: Ctx): PatchType {
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

export function patchDoc(ctx: Ctx, type: PatchType, body: Buffer): any {
  const text = body.toString('utf8');
  if (type === 'apply') return parseYamlBody(text, 'error decoding YAML: ');
  try { return JSON.parse(text); } catch {
    const { goJsonSyntaxError } = require('../api/gojson') as typeof import('../api/gojson');
    throw badRequest(`error decoding patch: ${goJsonSyntaxError(text) ?? 'unexpected end of JSON input'}`);
  }
}

export function checkPatched(t: Target, cur: KObject, next: KObject): void {
  if (!next || typeof next !== 'object' || !next.metadata) throw new StatusError(422, 'Invalid', 'the patched object is not an object');
  if (next.metadata.name !== cur.metadata.name) throw badRequest(`the name of the object (${next.metadata.name}) does not match the name on the URL (${t.name})`);
  if (next.kind !== cur.kind || next.apiVersion !== cur.apiVersion) throw badRequest(`the kind or apiVersion of the patched object does not match (${next.apiVersion}, Kind=${next.kind})`);
  if (next.metadata.resourceVersion === undefined) next.metadata.resourceVersion = cur.metadata.resourceVersion;
}

