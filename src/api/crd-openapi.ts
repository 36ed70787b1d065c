// The OpenAPI v3 document of a custom resource group-version, as the apiextensions server
// publishes it (apiextensions-apiserver pkg/controller/openapi/builder): each served kind's
// schema named `<reversed group>.<version>.<Kind>` with apiVersion, kind and metadata added,
// x-kubernetes-group-version-kind, the collection and object paths (with the fieldValidation
// parameter real kubectl looks for), and the ObjectMeta schemas it refers to. Read by
// `kubectl explain` and by kubesim serve's /openapi/v3.
import { allKinds, KindInfo } from './kinds';
import type { Schema } from './crd-schema';

const reversed = (group: string) => group.split('.').reverse().join('.');
export const schemaName = (k: KindInfo, version: string) => `${reversed(k.group)}.${version}.${k.kind}`;

const DESC = {
  apiVersion: 'APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources',
  kind: 'Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds',
  metadata: "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata",
};
const META = ['ObjectMeta', 'ManagedFieldsEntry', 'OwnerReference', 'Time', 'FieldsV1', 'ListMeta'].map((n) => `io.k8s.apimachinery.pkg.apis.meta.v1.${n}`);

/** The custom group-versions served, as `apis/<group>/<version>`. */
export function customGroupVersionPaths(): string[] {
  const out = new Set<string>();
  for (const k of allKinds()) for (const v of k.custom?.served ?? []) out.add(`apis/${k.group}/${v}`);
  return [...out];
}

/** The document of `apis/<group>/<version>`, or undefined when no CRD serves it.
 *  `schemaOf(kind, version)` gives a kind's openAPIV3Schema; `meta` the ObjectMeta schemas. */
export function customOpenapiDocument(gvPath: string, schemaOf: (k: KindInfo, version: string) => Schema | undefined, meta: Record<string, unknown>): object | undefined {
  const m = /^apis\/([^/]+)\/([^/]+)$/.exec(gvPath);
  if (!m) return undefined;
  const [, group, version] = m;
  const kinds = allKinds().filter((k) => k.custom && k.group === group && k.custom.served.includes(version));
  if (!kinds.length) return undefined;
  const paths: Record<string, unknown> = {};
  const schemas: Record<string, unknown> = {};
  const fieldValidation = { name: 'fieldValidation', in: 'query', description: 'fieldValidation instructs the server on how to handle objects in the request (POST/PUT/PATCH) containing unknown or duplicate fields.', schema: { type: 'string', uniqueItems: true } };
  for (const k of kinds) {
    const gvk = { group, version, kind: k.kind };
    const op = (verb: string) => ({ operationId: `${verb}${reversed(group).replace(/\./g, '')}${version}${k.kind}`, 'x-kubernetes-action': verb, 'x-kubernetes-group-version-kind': gvk, parameters: [fieldValidation], responses: { 200: { description: 'OK' } } });
    const base = `/apis/${group}/${version}${k.namespaced ? '/namespaces/{namespace}' : ''}/${k.plural}`;
    paths[base] = { get: op('list'), post: op('post'), delete: op('deletecollection') };
    paths[`${base}/{name}`] = { get: op('get'), put: op('put'), patch: op('patch'), delete: op('delete') };
    if (k.namespaced) paths[`/apis/${group}/${version}/${k.plural}`] = { get: op('list') };
    const user: Schema = structuredClone(schemaOf(k, version) ?? { type: 'object' });
    const props = { ...(user.properties ?? {}) };
    delete props.apiVersion; delete props.kind; delete props.metadata;
    schemas[schemaName(k, version)] = {
      ...user,
      type: 'object',
      properties: {
        apiVersion: { description: DESC.apiVersion, type: 'string' },
        kind: { description: DESC.kind, type: 'string' },
        metadata: { allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta' }], description: DESC.metadata },
        ...props,
      },
      'x-kubernetes-group-version-kind': [gvk],
    };
    schemas[`${schemaName(k, version)}List`] = {
      description: `${k.kind}List is a list of ${k.kind}`, type: 'object', required: ['items'],
      properties: {
        apiVersion: { description: DESC.apiVersion, type: 'string' },
        items: { description: `List of ${k.plural}. More info: https://git.k8s.io/community/contributors/devel/api-conventions.md`, type: 'array', items: { $ref: `#/components/schemas/${schemaName(k, version)}` } },
        kind: { description: DESC.kind, type: 'string' },
        metadata: { allOf: [{ $ref: '#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta' }], description: "Standard list metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds" },
      },
      'x-kubernetes-group-version-kind': [{ group, version, kind: k.custom!.listKind }],
    };
  }
  for (const n of META) if (meta[n]) schemas[n] = meta[n];
  return { openapi: '3.0.0', info: { title: 'Kubernetes CRD Swagger', version: 'v0.1.0' }, paths, components: { schemas } };
}
