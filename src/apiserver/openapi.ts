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

export function openapiRoot(): object {
  const m = provided();
  if (m) return m.openapiV3Root();
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const p of gvPaths()) paths[p] = { serverRelativeURL: `/openapi/v3/${p}?hash=${HASH.slice(0, 128)}` };
  return { paths };
}

export function openapiDocument(path: string): object | undefined {
  const m = provided();
  if (m) return m.openapiV3Document(path);
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
