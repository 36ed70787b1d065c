// CustomResourceDefinitions (apiextensions.k8s.io/v1) and the custom resources they register,
// as the apiextensions API server does them: the CRD's defaulting and validation
// (pkg/apis/apiextensions/v1/defaults.go, validation/validation.go), the index of registered
// kinds in the store's meta that src/api/kinds.ts reads, and a custom resource's write path
// (strict decoding, pruning, defaulting, schema validation, the status subresource, generation).
// The CRD's status conditions are the apiextensions controllers' (src/controllers/crd.ts).
import { ApiError, KObject } from './types';
import type { KindInfo, CustomKind } from './kinds';
import { customKindsStore, customKinds, KINDS } from './kinds';
import type { Api } from './server';
import { invalid, Cause, goQuote } from './validation';
import { Schema, prune, applyDefaults, validate } from './crd-schema';

export const CRD_KIND = 'CustomResourceDefinition';
export const CRD_INDEX_KEY = 'crd-kinds';

const DNS1035 = /^[a-z]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUB = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MSG_1035 = "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')";
const MSG_1123_SUB = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** utilvalidation.IsDNS1035Label's messages, joined as the CRD validation joins them. */
function dns1035(v: string): string | undefined {
  const errs: string[] = [];
  if (v.length > 63) errs.push('must be no more than 63 characters');
  if (!DNS1035.test(v)) errs.push(MSG_1035);
  return errs.length ? errs.join(',') : undefined;
}
function dns1123Sub(v: string): string | undefined {
  const errs: string[] = [];
  if (v.length > 253) errs.push('must be no more than 253 characters');
  if (!DNS1123_SUB.test(v)) errs.push(MSG_1123_SUB);
  return errs.length ? errs.join(',') : undefined;
}

// ---- versions -----------------------------------------------------------------------------------

const KUBE_VERSION = /^v([1-9][0-9]*)(?:(alpha|beta)([1-9][0-9]*))?$/;
/** version.CompareKubeAwareVersionStrings: > 0 when a has the higher priority (v1 > v1beta2 >
 *  v1beta1 > v1alpha1; kube-like versions before the others, which go alphabetically). */
export function compareKubeAwareVersions(a: string, b: string): number {
  const ma = KUBE_VERSION.exec(a), mb = KUBE_VERSION.exec(b);
  if (!ma && !mb) return a < b ? 1 : a > b ? -1 : 0;
  if (!ma) return -1;
  if (!mb) return 1;
  const rank = (m: RegExpExecArray) => (m[2] === undefined ? 2 : m[2] === 'beta' ? 1 : 0);
  if (rank(ma) !== rank(mb)) return rank(ma) - rank(mb);
  if (Number(ma[1]) !== Number(mb[1])) return Number(ma[1]) - Number(mb[1]);
  return Number(ma[3] ?? 0) - Number(mb[3] ?? 0);
}

interface CrdVersion { name: string; served?: boolean; storage?: boolean; schema?: { openAPIV3Schema?: Schema }; subresources?: { status?: object; scale?: object }; additionalPrinterColumns?: any[]; deprecated?: boolean }

const versionsOf = (crd: KObject): CrdVersion[] => (Array.isArray(crd.spec?.versions) ? crd.spec.versions : []);

// ---- the index of registered kinds --------------------------------------------------------------

/** The registry entry a CRD makes (from its accepted names, or its spec before they are). */
export function kindOfCrd(crd: KObject): KindInfo | undefined {
  const n = crd.status?.acceptedNames?.plural ? crd.status.acceptedNames : crd.spec?.names;
  if (!n?.plural || !n?.kind) return undefined;
  const served = versionsOf(crd).filter((v) => v.served).map((v) => v.name).sort((a, b) => compareKubeAwareVersions(b, a));
  if (!served.length) return undefined;
  const preferred = versionsOf(crd).find((v) => v.name === served[0])!;
  const custom: CustomKind = {
    crd: crd.metadata.name,
    served,
    storage: versionsOf(crd).find((v) => v.storage)?.name ?? served[0],
    listKind: n.listKind ?? `${n.kind}List`,
    columns: (preferred.additionalPrinterColumns ?? []).map((c: any) => ({
      name: c.name, type: c.type, jsonPath: c.jsonPath, ...(c.format ? { format: c.format } : {}), ...(c.priority ? { priority: c.priority } : {}), ...(c.description ? { description: c.description } : {}),
    })),
    status: !!preferred.subresources?.status,
  };
  return {
    kind: n.kind, group: crd.spec.group, version: served[0], plural: n.plural, singular: n.singular || n.kind.toLowerCase(),
    shortNames: n.shortNames ?? [], namespaced: crd.spec.scope !== 'Cluster',
    ...(n.categories?.length ? { categories: n.categories } : {}),
    verbs: ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch'],
    custom,
  };
}

/** Write the index of the kinds CRDs register (read by kinds.ts), sorted as kubectl lists
 *  them: by group, then plural. A CRD whose names were refused registers nothing. */
export function refreshIndex(api: Api): void {
  const kinds: KindInfo[] = [];
  for (const crd of api.list(CRD_KIND)) {
    const cond = (crd.status?.conditions ?? []).find((c: any) => c.type === 'NamesAccepted');
    if (cond && cond.status === 'False') continue;
    const k = kindOfCrd(crd);
    // objects are stored by kind: a CRD may not take a built-in kind's (or an earlier CRD's) name
    if (k && !KINDS.some((b) => b.kind === k.kind) && !kinds.some((o) => o.kind === k.kind)) kinds.push(k);
  }
  kinds.sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0));
  const raw = kinds.length ? JSON.stringify(kinds) : '';
  if ((api.store.meta(CRD_INDEX_KEY) ?? '') !== raw) api.store.setMeta(CRD_INDEX_KEY, raw);
}

// ---- the CRD itself -----------------------------------------------------------------------------

/** v1 defaults: singular and listKind from the kind, conversion None. */
export function defaultCrd(o: KObject): void {
  const s = (o.spec ??= {});
  const n = (s.names ??= {});
  if (!n.singular && n.kind) n.singular = String(n.kind).toLowerCase();
  if (!n.listKind && n.kind) n.listKind = `${n.kind}List`;
  if (!s.conversion) s.conversion = { strategy: 'None' };
}

/** A Go %#v-like rendering of spec.versions for the messages that name the whole list. */
function goVersions(vs: CrdVersion[]): string {
  const ptr = (t: string, v: unknown) => (v === undefined ? `(*${t})(nil)` : `(*${t})(0xc000${(0x100000 + Math.floor(Math.random() * 0xeffff)).toString(16)})`);
  return `[]apiextensions.CustomResourceDefinitionVersion{${vs.map((v) => `apiextensions.CustomResourceDefinitionVersion{Name:${goQuote(v.name ?? '')}, Served:${!!v.served}, Storage:${!!v.storage}, Deprecated:${!!v.deprecated}, DeprecationWarning:(*string)(nil), Schema:${ptr('apiextensions.CustomResourceValidation', v.schema)}, Subresources:${ptr('apiextensions.CustomResourceSubresources', v.subresources)}, AdditionalPrinterColumns:[]apiextensions.CustomResourceColumnDefinition(${v.additionalPrinterColumns ? '...' : 'nil'}), SelectableFields:[]apiextensions.SelectableField(nil)}`).join(', ')}}`;
}

const COLUMN_TYPES = ['boolean', 'date', 'integer', 'number', 'string'];
const COLUMN_FORMATS = ['byte', 'date', 'date-time', 'double', 'float', 'int32', 'int64', 'password'];

/** ValidateCustomResourceDefinition (and ...Update): the checks a user meets. */
export function validateCrd(o: KObject, old?: KObject): void {
  const c: Cause[] = [];
  const s = o.spec ?? {};
  const n = s.names ?? {};
  const name = o.metadata.name;
  const req = (field: string) => c.push({ field, message: 'Required value' });
  const inv = (field: string, v: string, msg: string) => c.push({ field, message: `Invalid value: ${v}: ${msg}` });
  const nameErr = dns1123Sub(name);
  if (nameErr) inv('metadata.name', goQuote(name), nameErr);
  if (name !== `${n.plural}.${s.group}`) inv('metadata.name', goQuote(name), 'must be spec.names.plural+"."+spec.group');
  if (!s.group) req('spec.group');
  else if (dns1123Sub(s.group)) inv('spec.group', goQuote(s.group), dns1123Sub(s.group)!);
  else if (String(s.group).split('.').length < 2) inv('spec.group', goQuote(s.group), 'should be a domain with at least one dot');
  if (!s.scope) req('spec.scope');
  else if (s.scope !== 'Cluster' && s.scope !== 'Namespaced') c.push({ field: 'spec.scope', message: `Unsupported value: ${goQuote(s.scope)}: supported values: "Cluster", "Namespaced"` });
  const vs = versionsOf(o);
  vs.forEach((v, i) => {
    if (!v.schema?.openAPIV3Schema) c.push({ field: `spec.versions[${i}].schema.openAPIV3Schema`, message: 'Required value: schemas are required' });
  });
  let storage = 0;
  const seen = new Set<string>();
  let unique = true;
  vs.forEach((v, i) => {
    if (v.storage) storage++;
    if (seen.has(v.name)) unique = false; else seen.add(v.name);
    const e = dns1035(v.name ?? '');
    if (e) inv(`spec.versions[${i}].name`, goQuote(v.name ?? ''), e);
    const root = v.schema?.openAPIV3Schema;
    if (root && !root.type) c.push({ field: `spec.versions[${i}].schema.openAPIV3Schema.type`, message: 'Required value: must not be empty at the root' });
    else if (root && root.type !== 'object') inv(`spec.versions[${i}].schema.openAPIV3Schema.type`, goQuote(String(root.type)), 'must be object at the root');
    (v.additionalPrinterColumns ?? []).forEach((col: any, j: number) => {
      const p = `spec.versions[${i}].additionalPrinterColumns[${j}]`;
      if (!col.name) req(`${p}.name`);
      if (!col.type) c.push({ field: `${p}.type`, message: `Required value: must be one of ${COLUMN_TYPES.join(',')}` });
      else if (!COLUMN_TYPES.includes(col.type)) inv(`${p}.type`, goQuote(col.type), `must be one of ${COLUMN_TYPES.join(',')}`);
      if (col.format && !COLUMN_FORMATS.includes(col.format)) inv(`${p}.format`, goQuote(col.format), `must be one of ${COLUMN_FORMATS.join(',')}`);
      if (!col.jsonPath) req(`${p}.JSONPath`);
    });
  });
  if (!vs.length) req('spec.versions');
  if (!unique) inv('spec.versions', goVersions(vs), 'must contain unique version names');
  if (storage !== 1) inv('spec.versions', goVersions(vs), 'must have exactly one version marked as storage version');
  if (!n.plural) req('spec.names.plural');
  if (!n.singular) req('spec.names.singular');
  if (!n.kind) req('spec.names.kind');
  if (!n.listKind) req('spec.names.listKind');
  if (n.plural && dns1035(n.plural)) inv('spec.names.plural', goQuote(n.plural), dns1035(n.plural)!);
  if (n.singular && dns1035(n.singular)) inv('spec.names.singular', goQuote(n.singular), dns1035(n.singular)!);
  if (n.kind && dns1035(String(n.kind).toLowerCase())) inv('spec.names.kind', goQuote(n.kind), 'may have mixed case, but should otherwise match: ' + dns1035(String(n.kind).toLowerCase()));
  if (n.listKind && dns1035(String(n.listKind).toLowerCase())) inv('spec.names.listKind', goQuote(n.listKind), 'may have mixed case, but should otherwise match: ' + dns1035(String(n.listKind).toLowerCase()));
  (n.shortNames ?? []).forEach((x: string, i: number) => { const e = dns1035(x); if (e) inv(`spec.names.shortNames[${i}]`, goQuote(x), e); });
  if (n.kind && n.kind === n.listKind) inv('spec.names.listKind', goQuote(n.listKind), 'kind and listKind may not be the same');
  (n.categories ?? []).forEach((x: string, i: number) => { const e = dns1035(x); if (e) inv(`spec.names.categories[${i}]`, goQuote(x), e); });
  const stored: string[] = o.status?.storedVersions ?? [];
  if (old || stored.length) {
    stored.forEach((v, i) => { if (!vs.some((x) => x.name === v)) inv(`status.storedVersions[${i}]`, goQuote(v), 'must appear in spec.versions'); });
  }
  if (old) {
    if (old.spec?.scope !== s.scope && s.scope) inv('spec.scope', goQuote(s.scope), 'field is immutable');
    if (old.spec?.group !== s.group && s.group) inv('spec.group', goQuote(s.group), 'field is immutable');
  }
  if (c.length) throw invalid(CRD_KIND, name, c);
}

/** The registry's PrepareForCreate/Update: storedVersions gains the storage version. */
function prepareCrd(o: KObject, old?: KObject): void {
  const storage = versionsOf(o).find((v) => v.storage)?.name;
  if (!old) {
    o.status = { acceptedNames: { kind: '', plural: '' }, storedVersions: storage ? [storage] : [] };
    o.metadata.generation = 1;
    return;
  }
  o.status = old.status ? structuredClone(old.status) : { acceptedNames: { kind: '', plural: '' }, storedVersions: [] };
  const sv: string[] = o.status.storedVersions ?? [];
  if (storage && !sv.includes(storage)) o.status.storedVersions = [...sv, storage];
  const gen = old.metadata.generation ?? 1;
  o.metadata.generation = JSON.stringify(o.spec) !== JSON.stringify(old.spec) ? gen + 1 : gen;
}

// ---- custom resources ---------------------------------------------------------------------------

/** The CRD behind a custom kind, from the transaction's view when there is one. */
function crdOf(info: KindInfo, api?: Api): KObject | undefined {
  if (api) return api.get(CRD_KIND, undefined, info.custom!.crd);
  const j = customKindsStore()?.getJson(CRD_KIND, '', info.custom!.crd);
  return j === undefined ? undefined : JSON.parse(j);
}

function schemaOf(crd: KObject | undefined, version: string): Schema | undefined {
  return versionsOf(crd ?? ({} as KObject)).find((v) => v.name === version)?.schema?.openAPIV3Schema;
}

const versionOfObj = (o: KObject, info: KindInfo) => {
  const av = String(o.apiVersion ?? '');
  const v = av.includes('/') ? av.slice(av.indexOf('/') + 1) : av;
  return info.custom!.served.includes(v) ? v : info.version;
};

/** Fields a custom resource's schema does not declare, as the strict decoder names them. */
function unknownFields(v: unknown, s: Schema | undefined, path: string, out: string[]): void {
  if (!s || typeof v !== 'object' || v === null) return;
  if (Array.isArray(v)) { if (s.items) v.forEach((x) => unknownFields(x, s.items, path, out)); return; }
  if (s['x-kubernetes-preserve-unknown-fields']) { for (const [k, x] of Object.entries(v)) { const c = s.properties?.[k]; if (c) unknownFields(x, c, path ? `${path}.${k}` : k, out); } return; }
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    if (!path && (k === 'apiVersion' || k === 'kind' || k === 'metadata')) continue;
    const c = s.properties?.[k] ?? (typeof s.additionalProperties === 'object' ? s.additionalProperties as Schema : s.additionalProperties === true ? {} : undefined);
    const p = path ? `${path}.${k}` : k;
    if (!c) { out.push(p); continue; }
    unknownFields(x, c, p, out);
  }
}

/** Decoding a received custom resource with field validation: unknown fields are a strict
 *  decoding error (Strict), warnings (Warn), or pruned silently (Ignore). */
export function decodeCustom(o: KObject, info: KindInfo, mode: 'Strict' | 'Warn' | 'Ignore'): string[] {
  if (mode === 'Ignore') return [];
  const version = versionOfObj(o, info);
  const unknown: string[] = [];
  unknownFields(o, schemaOf(crdOf(info), version), '', unknown);
  if (!unknown.length) return [];
  if (mode === 'Strict') throw new ApiError('BadRequest', `${o.kind} in version "${version}" cannot be handled as a ${o.kind}: strict decoding error: ${unknown.map((u) => `unknown field ${goQuote(u)}`).join(', ')}`, 400);
  return unknown.map((u) => `unknown field ${goQuote(u)}`);
}

/** What the custom resource handler does with an object before storing it: the stored
 *  apiVersion, pruning, defaulting, validation, the status subresource and generation. */
function admitCustom(api: Api, o: KObject, info: KindInfo, old: KObject | undefined, statusWrite: boolean): void {
  const crd = crdOf(info, api);
  const version = versionOfObj(o, info);
  const schema = schemaOf(crd, version);
  o.apiVersion = `${info.group}/${info.version}`;
  if (schema) { prune(o, schema, true); applyDefaults(o, schema); }
  if (info.custom!.status) {
    if (!old) delete o.status;
    else if (!statusWrite) { if (old.status !== undefined) o.status = old.status; else delete o.status; }
  }
  const causes: Cause[] = [];
  if (schema) validate(o, schema, '', causes);
  if (causes.length) throw invalid(o.kind, o.metadata.name, causes);
  if (!old) { o.metadata.generation = 1; return; }
  const gen = old.metadata.generation ?? 1;
  const strip = (x: KObject) => { const { metadata: _m, status, ...rest } = x; return JSON.stringify(info.custom!.status ? rest : { ...rest, status }); };
  o.metadata.generation = strip(o) !== strip(old) ? gen + 1 : gen;
}

// ---- hooks the Api calls ------------------------------------------------------------------------

/** Create: defaulting and validation of a CRD or a custom resource. */
export function admitCreate(api: Api, o: KObject, info: KindInfo): void {
  if (o.kind === CRD_KIND) { defaultCrd(o); validateCrd(o); prepareCrd(o); return; }
  admitCustom(api, o, info, undefined, false);
}

/** Update (or a status write). */
export function admitUpdate(api: Api, o: KObject, old: KObject, info: KindInfo, statusWrite: boolean): void {
  if (o.kind === CRD_KIND) {
    defaultCrd(o);
    if (statusWrite) return;
    prepareCrd(o, old);
    validateCrd(o, old);
    return;
  }
  admitCustom(api, o, info, old, statusWrite);
}

/** Deleting a CRD deletes its custom resources (the finalizer controller's work, done at once). */
export function deleteInstances(api: Api, crd: KObject): void {
  const info = customKinds().find((k) => k.custom!.crd === crd.metadata.name);
  if (!info) return;
  for (const o of api.list(info.kind)) api.remove(o);
}

// ---- OpenAPI ------------------------------------------------------------------------------------

/** The OpenAPI v3 document of a custom group-version (`apis/<group>/<version>`), or undefined. */
export function customOpenapiDocument(gvPath: string): object | undefined {
  const { customOpenapiDocument: build } = require('./crd-openapi') as typeof import('./crd-openapi');
  const { openapiV3Document } = require('./openapi') as typeof import('./openapi');
  return build(gvPath, (k, v) => schemaOf(crdOf(k), v), ((openapiV3Document('api/v1') as any)?.components?.schemas ?? {}));
}
