// /openapi/v3: the documents come from src/api/openapi.ts when that module is built (the
// vendored Kubernetes v1.32 specs); without it, a minimal v3 document per group-version whose
// PATCH operations carry x-kubernetes-group-version-kind and the fieldValidation parameter, which
// is what real kubectl's default --validate=strict checks before sending ?fieldValidation=Strict.
import { KINDS } from '../api/kinds';
import { REVIEW_RESOURCES } from '../api/discovery';

interface OpenApiModule { openapiV3Root(): object; openapiV3Document(path: string): object | undefined }

let mod: OpenApiModule | null | undefined;
function provided(): OpenApiModule | null {
  if (mod !== undefined) return mod;
  try {
    const m = require('../api/openapi');
    mod = m && typeof m.openapiV3Root === 'function' && typeof m.openapiV3Document === 'function' ? m : null;
  } catch { mod = null; }
  return mod ?? null;
}

const gvPaths = () => {
  const seen = new Set<string>();
  for (const k of [...KINDS, ...REVIEW_RESOURCES]) seen.add(k.group ? `apis/${k.group}/${k.version}` : `api/${k.version}`);
  return [...seen];
};

const HASH = 'kubesim0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000';

/** The custom resources' group-versions (src/api/crd-openapi.ts), each with its document's hash. */
function withCustom(root: { paths: Record<string, { serverRelativeURL: string }> }): object {
  const { customGroupVersionPaths } = require('../api/crd-openapi') as typeof import('../api/crd-openapi');
  const gvs = customGroupVersionPaths();
  if (!gvs.length) return root;
  const crypto = require('crypto') as typeof import('crypto');
  for (const gv of gvs) {
    const doc = JSON.stringify(openapiDocument(gv) ?? {});
    root.paths[gv] = { serverRelativeURL: `/openapi/v3/${gv}?hash=${crypto.createHash('sha512').update(doc).digest('hex').toUpperCase()}` };
  }
  return root;
}

const FIELD_VALIDATION = { name: 'fieldValidation', in: 'query', description: 'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields.', schema: { type: 'string', uniqueItems: true } };

/** The vendored documents keep of each operation only its group-version-kind: give the writes
 *  back their fieldValidation parameter, which real kubectl's --validate=strict looks for (without
 *  it kubectl falls back to /openapi/v2, which kubesim does not serve). */
function withFieldValidation(doc: any): object {
  if (doc.__fieldValidation) return doc;
  for (const item of Object.values(doc.paths ?? {}) as any[]) {
    for (const m of ['post', 'put', 'patch']) if (item?.[m] && !item[m].parameters) item[m].parameters = [FIELD_VALIDATION];
  }
  Object.defineProperty(doc, '__fieldValidation', { value: true, enumerable: false });
  return doc;
}

export function openapiRoot(): object {
  const m = provided();
  if (m) return withCustom(m.openapiV3Root() as any);
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const p of gvPaths()) paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${HASH.slice(0, 128)}` };
  return withCustom({ paths });
}

export function openapiDocument(path: string): object | undefined {
  const custom = (require('../api/crd') as typeof import('../api/crd')).customOpenapiDocument(path.replace(/^\/+|\/+$/g, ''));
  if (custom) return custom;
  const m = provided();
  if (m) { const d = m.openapiV3Document(path); return d && withFieldValidation(d); }
  if (!gvPaths().includes(path)) return undefined;
  const [prefix, ...gv] = path.split('/');
  const group = prefix === 'api' ? '' : gv[0];
  const version = prefix === 'api' ? gv[0] : gv[1];
  const paths: Record<string, unknown> = {};
  const fieldValidation = { name: 'fieldValidation', in: 'query', description: 'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields.', schema: { type: 'string', uniqueItems: true } };
  for (const k of KINDS.filter((x) => x.group === group && x.version === version)) {
    const gvk = { group, version, kind: k.kind };
    const base = `/${path}${k.namespaced ? '/namespaces/{namespace}' : ''}/${k.plural}`;
    const op = (verb: string) => ({ operationId: `${verb}${k.kind}`, 'x-kubernetes-action': verb, 'x-kubernetes-group-version-kind': gvk, parameters: [fieldValidation], responses: { 200: { description: 'OK' } } });
    paths[base] = { post: op('post') };
    paths[`${base}/{name}`] = { put: op('put'), patch: op('patch') };
  }
  return { openapi: '3.0.0', info: { title: 'Kubernetes', version: 'v1.32.2' }, paths, components: { schemas: {} } };
}
