// kustomize as built into kubectl 1.32 (sigs.k8s.io/kustomize/api v5.5): read a kustomization
// directory, accumulate its resources (files, and directories with their own kustomization,
// built first), run its generators (configMapGenerator, secretGenerator) and its builtin
// transformers in kustomize's order (patchesStrategicMerge, patches, namespace, namePrefix,
// nameSuffix, labels/commonLabels, commonAnnotations, patchesJson6902, replicas, images); at the
// top only, add the content hash to generated names, fix the name references that renamed objects
// break, and sort in the legacy order. Errors carry kustomize's wording.
import * as fs from 'fs';
import * as path from 'path';
import {
  FieldSpec, COMMON_LABELS, TEMPLATE_LABELS, COMMON_ANNOTATIONS, IMAGES, REPLICAS, PREFIX_SKIP, NAME_REFERENCES,
  ORDER_FIRST, ORDER_LAST, CLUSTER_SCOPED,
} from './fieldspecs';
import { contentHash } from './hash';

export class KustomizeError extends Error {}

interface Gvk { group: string; version: string; kind: string }
interface Id extends Gvk { name: string; namespace: string }
export interface Res {
  obj: any;
  /** ids this resource had before each rename (build annotation previousNames & co) */
  prev: Id[];
  prefixes: string[];
  suffixes: string[];
  /** a generated ConfigMap/Secret that gets the content hash at the end */
  hash: boolean;
  /** the vars whose objref names this resource */
  vars?: string[];
}

export interface BuildResult { objects: any[]; warnings: string[] }

const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];
const KUSTOMIZATION_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'openapi', 'namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'labels',
  'commonAnnotations', 'patchesStrategicMerge', 'patchesJson6902', 'patches', 'images', 'imageTags', 'replacements', 'replicas', 'vars',
  'sortOptions', 'resources', 'components', 'crds', 'bases', 'configMapGenerator', 'secretGenerator', 'helmGlobals', 'helmCharts',
  'helmChartInflationGenerator', 'generatorOptions', 'configurations', 'generators', 'transformers', 'validators', 'buildMetadata']);
const UNSUPPORTED = ['configurations', 'generators', 'transformers', 'validators', 'helmCharts',
  'helmChartInflationGenerator', 'helmGlobals', 'openapi', 'crds'];
const DEPRECATED: [string, string][] = [
  ['bases', 'resources'], ['commonLabels', 'labels'], ['imageTags', 'images'], ['patchesJson6902', 'patches'], ['patchesStrategicMerge', 'patches'], ['vars', 'replacements'],
];

const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

export function gvkOf(obj: any): Gvk {
  const av: string = typeof obj?.apiVersion === 'string' ? obj.apiVersion : '';
  const i = av.lastIndexOf('/');
  return { group: i >= 0 ? av.slice(0, i) : '', version: i >= 0 ? av.slice(i + 1) : av, kind: typeof obj?.kind === 'string' ? obj.kind : '' };
}
const curId = (r: Res): Id => ({ ...gvkOf(r.obj), name: r.obj.metadata?.name ?? '', namespace: r.obj.metadata?.namespace ?? '' });
const orgId = (r: Res): Id => (r.prev.length ? r.prev[0] : curId(r));
const storePrev = (r: Res) => { r.prev.push(curId(r)); };

/** ResId.String(): `Kind.version.group/name.namespace`. */
export function idString(id: Id): string {
  return `${id.kind || '[noKind]'}.${id.version || '[noVer]'}.${id.group || '[noGrp]'}/${id.name || '[noName]'}.${id.namespace || '[noNs]'}`;
}
const nsEquals = (a: string, b: string) => (a || 'default') === (b || 'default');
const sameId = (a: Id, b: Id) => a.kind === b.kind && a.group === b.group && a.version === b.version && a.name === b.name && nsEquals(a.namespace, b.namespace);
/** Gvk.IsSelected: the selector's empty fields match anything. */
const selects = (sel: { group?: string; version?: string; kind?: string }, g: Gvk) =>
  (!sel.kind || sel.kind === g.kind) && (!sel.group || sel.group === g.group) && (!sel.version || sel.version === g.version);

// ---- reading -------------------------------------------------------------------------------------

function lstatError(p: string): string {
  return `evalsymlink failure on '${p}' : lstat ${p}: no such file or directory`;
}

function parseYamlText(text: string): unknown {
  const { parseYaml } = require('../../api/goyaml') as typeof import('../../api/goyaml');
  return parseYaml(text, { yaml12: true });
}

function yamlDocs(text: string): unknown[] {
  const { splitYamlDocuments } = require('../../api/goyaml') as typeof import('../../api/goyaml');
  const docs: unknown[] = [];
  for (const d of splitYamlDocuments(text)) {
    const v = parseYamlText(d);
    if (v !== null && v !== undefined) docs.push(v);
  }
  return docs;
}

function loadKustomization(dir: string, warnings: string[]): any {
  const found = KUSTOMIZATION_FILES.filter((f) => fs.existsSync(path.join(dir, f)));
  if (!found.length) throw new KustomizeError(`unable to find one of 'kustomization.yaml', 'kustomization.yml' or 'Kustomization' in directory '${dir}'`);
  if (found.length > 1) throw new KustomizeError(`Found multiple kustomization files under: ${dir}\n`);
  const text = fs.readFileSync(path.join(dir, found[0]), 'utf8');
  let k: any;
  try { k = parseYamlText(text); } catch (e: any) { throw new KustomizeError(`invalid Kustomization: ${e.message}`); }
  if (k === null || k === undefined) {
    if (!text.trim()) throw new KustomizeError(`${found[0]} is empty`);
    k = {};
  }
  if (typeof k !== 'object' || Array.isArray(k)) throw new KustomizeError(`invalid Kustomization: json: cannot unmarshal ${Array.isArray(k) ? 'array' : typeof k === 'string' ? 'string' : 'number'} into Go value of type types.Kustomization`);
  for (const key of Object.keys(k)) if (!KUSTOMIZATION_FIELDS.has(key)) throw new KustomizeError(`invalid Kustomization: json: unknown field "${key}"`);
  checkShapes(k);
  for (const [old, now] of DEPRECATED) {
    if (k[old] !== undefined) warnings.push(`# Warning: '${old}' is deprecated. Please use '${now}' instead.${old === 'vars' ? ' [EXPERIMENTAL]' : ''} Run 'kustomize edit fix' to update your Kustomization automatically.`);
  }
  // Rather an error than a build that silently differs from kustomize's.
  for (const f of UNSUPPORTED) {
    const v = k[f];
    if (v === undefined || v === null || (Array.isArray(v) && !v.length) || (typeof v === 'object' && !Object.keys(v).length)) continue;
    throw new KustomizeError(`the kustomization field '${f}' is not supported by kubesim`);
  }
  return k;
}

/** Go's %v of the TypeMeta and ObjectMeta kustomize checks: {{v1 Kind} {{name ns} map[..] map[..]}}. */
function goMetaString(o: any): string {
  const md = o?.metadata ?? {};
  const m = (x: any) => `map[${Object.keys(x ?? {}).sort().map((k) => `${k}:${x[k]}`).join(' ')}]`;
  return `{{${o?.apiVersion ?? ''} ${o?.kind ?? ''}} {{${md.name ?? ''} ${md.namespace ?? ''}} ${m(md.labels)} ${m(md.annotations)}}}`;
}

/** Thrown for a file's content: the caller wraps it with the accumulation context. */
class ResourceFileError extends KustomizeError {}

const GENERATOR_FIELDS = ['name', 'namespace', 'behavior', 'literals', 'files', 'envs', 'env', 'options'];
const NESTED_FIELDS: Record<string, string[]> = {
  configMapGenerator: GENERATOR_FIELDS,
  secretGenerator: [...GENERATOR_FIELDS, 'type'],
  patches: ['path', 'patch', 'target', 'options'],
  patchesJson6902: ['path', 'patch', 'target'],
  images: ['name', 'newName', 'tagSuffix', 'newTag', 'digest'],
  imageTags: ['name', 'newName', 'tagSuffix', 'newTag', 'digest'],
  replicas: ['name', 'count'],
  labels: ['pairs', 'includeSelectors', 'includeTemplates', 'includeVolumeClaimTemplates', 'fields'],
};
const STRING_LISTS: Record<string, string> = { resources: 'resources', bases: 'bases', components: 'components', crds: 'crds', configurations: 'configurations', generators: 'generators', transformers: 'transformers', validators: 'validators', buildMetadata: 'buildMetadata' };
const STRING_MAPS = ['commonLabels', 'commonAnnotations'];
const STRINGS = ['namePrefix', 'nameSuffix', 'namespace'];

/** What Go's strict json decoding of types.Kustomization rejects. */
function checkShapes(k: any): void {
  const goType = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v === 'object' ? 'object' : typeof v === 'boolean' ? 'bool' : typeof v);
  const fail = (msg: string) => { throw new KustomizeError(`invalid Kustomization: json: ${msg}`); };
  for (const [f, name] of Object.entries(STRING_LISTS)) {
    const v = k[f];
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v)) fail(`cannot unmarshal ${goType(v)} into Go struct field Kustomization.${name} of type []string`);
    for (const x of v) if (typeof x !== 'string' && x !== null) fail(`cannot unmarshal ${goType(x)} into Go struct field Kustomization.${name} of type string`);
  }
  for (const f of STRINGS) if (k[f] !== undefined && k[f] !== null && typeof k[f] !== 'string') fail(`cannot unmarshal ${goType(k[f])} into Go struct field Kustomization.${f} of type string`);
  const stringMap = (v: any, field: string) => {
    if (v === undefined || v === null) return;
    if (typeof v !== 'object' || Array.isArray(v)) fail(`cannot unmarshal ${goType(v)} into Go struct field ${field} of type map[string]string`);
    for (const x of Object.values(v)) if (x !== null && typeof x !== 'string') fail(`cannot unmarshal ${goType(x)} into Go struct field ${field} of type string`);
  };
  const stringField = (v: any, field: string) => { if (v !== undefined && v !== null && typeof v !== 'string') fail(`cannot unmarshal ${goType(v)} into Go struct field ${field} of type string`); };
  for (const f of STRING_MAPS) stringMap(k[f], `Kustomization.${f}`);
  if (isObj(k.generatorOptions)) {
    stringMap(k.generatorOptions.labels, 'GeneratorOptions.generatorOptions.labels');
    stringMap(k.generatorOptions.annotations, 'GeneratorOptions.generatorOptions.annotations');
  }
  for (const l of Array.isArray(k.labels) ? k.labels : []) if (isObj(l)) stringMap(l.pairs, 'Label.labels.pairs');
  for (const img of Array.isArray(k.images) ? k.images : []) {
    if (isObj(img)) for (const f of ['name', 'newName', 'tagSuffix', 'newTag', 'digest']) stringField(img[f], `Image.images.${f}`);
  }
  for (const r of Array.isArray(k.replicas) ? k.replicas : []) {
    if (!isObj(r)) continue;
    stringField(r.name, 'Replica.replicas.name');
    if (r.count !== undefined && r.count !== null && (typeof r.count !== 'number' || !Number.isInteger(r.count))) fail(`cannot unmarshal ${goType(r.count)} into Go struct field Replica.replicas.count of type int64`);
  }
  for (const [f, fields] of Object.entries(NESTED_FIELDS)) {
    const v = k[f];
    if (v === undefined || v === null) continue;
    if (!Array.isArray(v)) fail(`cannot unmarshal ${goType(v)} into Go struct field Kustomization.${f} of type []types.${f === 'patches' || f === 'patchesJson6902' ? 'Patch' : f === 'configMapGenerator' ? 'ConfigMapArgs' : f === 'secretGenerator' ? 'SecretArgs' : f === 'replicas' ? 'Replica' : f === 'labels' ? 'Label' : 'Image'}`);
    for (const item of v) {
      if (!item || typeof item !== 'object' || Array.isArray(item)) continue;
      for (const key of Object.keys(item)) if (!fields.includes(key)) fail(`unknown field "${key}"`);
    }
  }
}

function resourcesFromText(text: string, source: string): Res[] {
  let docs: unknown[];
  try { docs = yamlDocs(text); } catch (e: any) { throw new KustomizeError(`accumulating resources: accumulating resources from '${source}': MalformedYAMLError: ${e.message} in File: ${source}`); }
  const out: Res[] = [];
  const add = (o: any) => {
    if (!o || typeof o !== 'object' || Array.isArray(o)) throw new ResourceFileError(`missing kind in object ${goMetaString({})}`);
    if (typeof o.kind === 'string' && o.kind.endsWith('List') && Array.isArray(o.items)) { for (const it of o.items) add(it); return; }
    if (!o.kind) throw new ResourceFileError(`missing kind in object ${goMetaString(o)}`);
    if (!o.metadata?.name) throw new ResourceFileError(`missing metadata.name in object ${goMetaString(o)}`);
    out.push({ obj: o, prev: [], prefixes: [], suffixes: [], hash: false });
  };
  for (const d of docs) add(d);
  return out;
}

class ResMap {
  list: Res[] = [];
  vars: any[] = [];
  append(r: Res): void {
    const id = curId(r);
    if (this.list.some((x) => sameId(curId(x), id))) throw new KustomizeError(`may not add resource with an already registered id: ${idString(id)}`);
    this.list.push(r);
  }
}

// ---- field specs ---------------------------------------------------------------------------------

function segments(p: string): string[] {
  const out: string[] = [];
  let cur = '';
  for (let i = 0; i < p.length; i++) {
    if (p[i] === '\\' && p[i + 1] === '/') { cur += '/'; i++; continue; }
    if (p[i] === '/') { out.push(cur); cur = ''; continue; }
    cur += p[i];
  }
  out.push(cur);
  return out;
}

/** Visit the field a spec names in obj: fn(container, key). Lists on the way are walked into;
 *  missing maps are created when the spec says create. */
function visitField(obj: any, spec: FieldSpec, fn: (container: any, key: string) => void): void {
  const segs = segments(spec.path);
  const walk = (node: any, i: number) => {
    if (node === null || typeof node !== 'object') return;
    if (Array.isArray(node)) { for (const el of node) walk(el, i); return; }
    let seg = segs[i];
    const isList = seg.endsWith('[]');
    if (isList) seg = seg.slice(0, -2);
    if (i === segs.length - 1) { fn(node, seg); return; }
    let next = node[seg];
    if (next === undefined || next === null) {
      if (!spec.create || isList) return;
      next = node[seg] = {};
    }
    walk(next, i + 1);
  };
  walk(obj, 0);
}

function applySpecs(m: ResMap, specs: FieldSpec[], fn: (container: any, key: string, create: boolean) => void): void {
  for (const r of m.list) {
    const g = gvkOf(r.obj);
    for (const spec of specs) {
      if (!selects(spec, g)) continue;
      visitField(r.obj, spec, (c, k) => fn(c, k, !!spec.create));
    }
  }
}

function setMapEntries(m: ResMap, specs: FieldSpec[], pairs: Record<string, unknown>): void {
  const entries = Object.entries(pairs ?? {});
  if (!entries.length) return;
  applySpecs(m, specs, (c, k, create) => {
    if (c[k] === undefined || c[k] === null) { if (!create) return; c[k] = {}; }
    if (typeof c[k] !== 'object' || Array.isArray(c[k])) return;
    for (const [key, v] of entries) c[k][key] = v === null || v === undefined ? '' : String(v);
  });
}

// ---- generators ----------------------------------------------------------------------------------

function parseLiteral(src: string): [string, string] {
  if (src.indexOf('=') === 0 || !src.includes('=')) throw new KustomizeError(`invalid literal source ${src}, expected key=value`);
  const i = src.indexOf('=');
  let v = src.slice(i + 1);
  if (v.length >= 2 && v[0] === v[v.length - 1] && (v[0] === '"' || v[0] === "'")) v = v.slice(1, -1);
  return [src.slice(0, i), v];
}

const inRoot = (p: string, root: string) => p === root || p.startsWith(root.endsWith('/') ? root : root + '/');

function readInRoot(dir: string, file: string): string {
  const p = path.resolve(dir, file);
  if (fs.existsSync(p) && !inRoot(p, dir)) throw new KustomizeError(`security; file '${p}' is not in or below '${dir}'`);
  try { return fs.readFileSync(p, 'utf8'); } catch { throw new KustomizeError(`${lstatError(p)}`); }
}

function kvPairs(args: any, dir: string): [string, string][] {
  const pairs: [string, string][] = [];
  const stage = <T>(what: string, list: unknown[], fn: () => T): T => {
    try { return fn(); } catch (e: any) {
      if (e instanceof KustomizeError) throw new KustomizeError(`loading KV pairs: ${what}[${list.join(' ')}]: ${e.message}`);
      throw e;
    }
  };
  const envs: string[] = [...(args.envs ?? []), ...(args.env ? [args.env] : [])];
  stage('env source files: ', envs, () => { for (const f of envs) {
    const text = readInRoot(dir, f).replace(/^\uFEFF/, '');
    for (let line of text.split('\n')) {
      line = line.replace(/\r$/, '').replace(/^\s+/, '');
      if (!line || line.startsWith('#')) continue;
      const i = line.indexOf('=');
      const key = i >= 0 ? line.slice(0, i) : line;
      if (/\s/.test(key)) throw new KustomizeError(`"${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit`);
      pairs.push([key, i >= 0 ? line.slice(i + 1) : process.env[key] ?? '']);
    }
  } });
  stage('literal sources ', args.literals ?? [], () => { for (const l of args.literals ?? []) pairs.push(parseLiteral(String(l))); });
  stage('file sources: ', args.files ?? [], () => { for (const f of args.files ?? []) {
    const s = String(f);
    const i = s.indexOf('=');
    const key = i > 0 ? s.slice(0, i) : path.basename(s);
    const file = i > 0 ? s.slice(i + 1) : s;
    pairs.push([key, readInRoot(dir, file)]);
  } });
  return pairs;
}

function generate(kind: 'ConfigMap' | 'Secret', args: any, k: any, dir: string): Res {
  const opts = { ...(k.generatorOptions ?? {}) };
  const local = args.options ?? {};
  const merged = {
    labels: { ...(opts.labels ?? {}), ...(local.labels ?? {}) },
    annotations: { ...(opts.annotations ?? {}), ...(local.annotations ?? {}) },
    // MergeGlobalOptionsIntoLocal: a global true wins over a local false
    disableNameSuffixHash: !!(local.disableNameSuffixHash || opts.disableNameSuffixHash),
    immutable: !!(local.immutable || opts.immutable),
  };
  if (!args.name) throw new KustomizeError('a configmap must have a name');
  const obj: any = { apiVersion: 'v1', kind, metadata: { name: args.name } };
  if (args.namespace) obj.metadata.namespace = args.namespace;
  if (Object.keys(merged.labels).length) obj.metadata.labels = merged.labels;
  if (Object.keys(merged.annotations).length) obj.metadata.annotations = merged.annotations;
  const pairs = kvPairs(args, dir);
  const data: Record<string, string> = {};
  for (const [key, v] of pairs) {
    if (key in data) throw new KustomizeError(`${kind.toLowerCase()} ${args.name} illegally repeats the key \`${key}\``);
    data[key] = kind === 'Secret' ? Buffer.from(v, 'utf8').toString('base64') : v;
  }
  if (Object.keys(data).length || kind === 'Secret') obj.data = data;
  if (kind === 'Secret') obj.type = args.type || 'Opaque';
  if (merged.immutable) obj.immutable = true;
  return { obj, prev: [], prefixes: [], suffixes: [], hash: !merged.disableNameSuffixHash };
}

function runGenerators(m: ResMap, k: any, dir: string): void {
  for (const [kind, list] of [['ConfigMap', k.configMapGenerator], ['Secret', k.secretGenerator]] as const) {
    for (const a of list ?? []) {
      const args = isObj(a) ? a : {};
      const r = generate(kind, args, k, dir);
      const behavior = args.behavior || 'create';
      if (behavior === 'create') { m.append(r); continue; }
      const id = curId(r);
      const target = m.list.find((x) => x.obj.kind === kind && (orgId(x).name === id.name || curId(x).name === id.name) && (!id.namespace || nsEquals(curId(x).namespace, id.namespace)));
      if (!target) throw new KustomizeError(`merging from generator &{0xc000abb520 <nil>}: id resid.ResId{Gvk:resid.Gvk{Group:"", Version:"v1", Kind:"${kind}", isClusterScoped:false}, Name:"${id.name}", Namespace:"${id.namespace}"} does not exist; cannot merge or replace`);
      if (behavior === 'replace') target.obj.data = r.obj.data;
      else if (behavior === 'merge') {
        target.obj.data = { ...(target.obj.data ?? {}), ...(r.obj.data ?? {}) };
        const md = target.obj.metadata;
        if (r.obj.metadata.labels) md.labels = { ...(md.labels ?? {}), ...r.obj.metadata.labels };
        if (r.obj.metadata.annotations) md.annotations = { ...(md.annotations ?? {}), ...r.obj.metadata.annotations };
      } else throw new KustomizeError(`unknown generation behavior '${behavior}'`);
      if (target.obj.data === undefined) delete target.obj.data;
      target.hash = r.hash;
    }
  }
}

// ---- transformers --------------------------------------------------------------------------------

interface Selector { group?: string; version?: string; kind?: string; name?: string; namespace?: string; labelSelector?: string; annotationSelector?: string }

function selectResources(m: ResMap, sel: Selector): Res[] {
  const re = (s: string | undefined) => (s ? new RegExp(`^(?:${s})$`) : undefined);
  const nameRe = re(sel.name), nsRe = re(sel.namespace);
  const { parseLabelSelector, matchLabels } = require('../../api/selectors');
  const lsel = sel.labelSelector ? parseLabelSelector(sel.labelSelector) : undefined;
  const asel = sel.annotationSelector ? parseLabelSelector(sel.annotationSelector) : undefined;
  return m.list.filter((r) => {
    const cur = curId(r), org = orgId(r);
    if (!selects(sel, cur)) return false;
    if (nsRe && !nsRe.test(org.namespace) && !nsRe.test(cur.namespace)) return false;
    if (nameRe && !nameRe.test(org.name) && !nameRe.test(cur.name)) return false;
    if (lsel && !matchLabels(lsel, r.obj.metadata?.labels ?? {})) return false;
    if (asel && !matchLabels(asel, r.obj.metadata?.annotations ?? {})) return false;
    return true;
  });
}

const isObj = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v);

/** kyaml's merge2 puts the patch's elements of a merge-keyed list first (in the patch's order),
 *  then the elements only the original had; apimachinery's merge keeps the original's order. */
function reorderLikeKyaml(result: any, patch: any, type: string): void {
  if (!isObj(result) || !isObj(patch)) return;
  const { fieldOf, elemType } = require('../../api/schema') as typeof import('../../api/schema');
  for (const [k, pv] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    const meta = fieldOf(type, k);
    const rv = result[k];
    if (!meta) continue;
    if (Array.isArray(pv) && Array.isArray(rv)) {
      if (meta.strategy !== 'merge' || !meta.mergeKey) continue;
      const key = meta.mergeKey;
      const first: any[] = [];
      for (const pe of pv) {
        if (!isObj(pe) || pe[key] === undefined) continue;
        const el = rv.find((e) => isObj(e) && e[key] === pe[key]);
        if (el && !first.includes(el)) first.push(el);
      }
      result[k] = [...first, ...rv.filter((e) => !first.includes(e))];
      for (const pe of pv) {
        if (!isObj(pe)) continue;
        const el = result[k].find((e: any) => isObj(e) && e[key] === pe[key]);
        if (el) reorderLikeKyaml(el, pe, elemType(meta.type));
      }
    } else if (isObj(pv) && isObj(rv)) reorderLikeKyaml(rv, pv, meta.type);
  }
}

function smPatch(r: Res, patch: any): void {
  const { strategicMergePatch } = require('../../api/merge') as typeof import('../../api/merge');
  const p = clone(patch);
  if (p.metadata) { delete p.metadata.name; delete p.metadata.namespace; }
  const name = r.obj.metadata?.name, ns = r.obj.metadata?.namespace;
  r.obj = strategicMergePatch(r.obj, p, r.obj.kind);
  const { rootType } = require('../../api/schema') as typeof import('../../api/schema');
  reorderLikeKyaml(r.obj, p, rootType(r.obj.kind));
  r.obj.metadata = r.obj.metadata ?? {};
  r.obj.metadata.name = name;
  if (ns !== undefined) r.obj.metadata.namespace = ns;
}

function jsonPatchRes(r: Res, ops: any): void {
  const { jsonPatch } = require('../../api/merge') as typeof import('../../api/merge');
  try { r.obj = jsonPatch(r.obj, ops); } catch (e: any) { throw new KustomizeError(e.message); }
}

/** A patch without target applies to the object its own kind/name/namespace names. */
function patchTargetOf(m: ResMap, patch: any): Res {
  const pid: Id = { ...gvkOf(patch), name: patch?.metadata?.name ?? '', namespace: patch?.metadata?.namespace ?? '' };
  const matches = m.list.filter((r) => [curId(r), ...r.prev].some((id) => id.kind === pid.kind && id.name === pid.name && (!pid.group || id.group === pid.group) && (!pid.namespace || nsEquals(id.namespace, pid.namespace))));
  if (matches.length !== 1) {
    const what = matches.length ? 'multiple matches' : 'no matches';
    throw new KustomizeError(`${what} for Id ${idString(pid)}; failed to find unique target for patch ${idString(pid)}`);
  }
  return matches[0];
}

function isDeleteDirective(p: any): boolean { return p && p.$patch === 'delete'; }

function applySmPatchDoc(m: ResMap, doc: any, targets?: Res[], fromPatches = false): void {
  let list = targets;
  if (!list) {
    try { list = [patchTargetOf(m, doc)]; } catch (e: any) {
      if (fromPatches && e instanceof KustomizeError) {
        const pid: Id = { ...gvkOf(doc), name: doc?.metadata?.name ?? '', namespace: doc?.metadata?.namespace ?? '' };
        throw new KustomizeError(`no resource matches strategic merge patch "${idString(pid)}": ${e.message}`);
      }
      throw e;
    }
  }
  for (const r of list) {
    if (isDeleteDirective(doc)) { m.list = m.list.filter((x) => x !== r); continue; }
    smPatch(r, doc);
  }
}

function parsePatchText(text: string): { json?: any[]; sm?: any[] } {
  let docs: unknown[];
  try { docs = yamlDocs(text); } catch (e: any) { throw new KustomizeError(`unable to parse SM or JSON patch from [${text}]`); }
  if (docs.length === 1 && Array.isArray(docs[0])) return { json: docs[0] as any[] };
  return { sm: docs };
}

function runPatches(m: ResMap, k: any, dir: string): void {
  for (const raw of k.patches ?? []) {
    const pc = isObj(raw) ? raw : {};
    // the plugin's config as kustomize shows it in its errors (a YAML map)
    const config = () => {
      const c: Record<string, unknown> = {};
      for (const f of ['options', 'patch', 'path', 'target']) if (pc[f] !== undefined && pc[f] !== null) c[f] = pc[f];
      const { toYaml } = require('../../printers/yaml');
      return toYaml(c);
    };
    const trouble = (msg: string) => new KustomizeError(`trouble configuring builtin PatchTransformer with config: \`\n${config()}\`: ${msg}`);
    if (!!pc.patch === !!pc.path) throw trouble(`must specify one of patch and path in\n${config().replace(/\n$/, '')}`);
    let text: string;
    try { text = pc.patch ?? readInRoot(dir, pc.path); } catch (e: any) {
      if (e instanceof KustomizeError) throw trouble(`failed to get the patch file from path(${pc.path}): ${e.message}`);
      throw e;
    }
    const what = `[${pc.path !== undefined ? `path: ${JSON.stringify(pc.path)}` : `patch: ${JSON.stringify(pc.patch)}`}]`;
    let parsed: { json?: any[]; sm?: any[] };
    try {
      parsed = parsePatchText(text);
      // a strategic merge patch is a resource: it has a kind and a name
      for (const d of parsed.sm ?? []) if (!isObj(d) || !d.kind || !isObj(d.metadata) || !d.metadata.name) throw new KustomizeError('not a resource');
    } catch (e: any) {
      if (e instanceof KustomizeError) throw trouble(`unable to parse SM or JSON patch from ${what}`);
      throw e;
    }
    if (parsed.json) {
      if (!pc.target) throw new KustomizeError(`must specify a target for JSON patch ${what}`);
      for (const r of selectResources(m, pc.target)) jsonPatchRes(r, parsed.json);
      continue;
    }
    for (const doc of parsed.sm!) {
      const targets = pc.target ? selectResources(m, pc.target) : undefined;
      applySmPatchDoc(m, doc, targets, true);
    }
  }
}

function runPatchesStrategicMerge(m: ResMap, k: any, dir: string): void {
  for (const entry of k.patchesStrategicMerge ?? []) {
    const s = String(entry);
    const isInline = s.includes('\n') || /^\s*(apiVersion|kind):/.test(s);
    const text = isInline ? s : readInRoot(dir, s);
    for (const doc of yamlDocs(text)) applySmPatchDoc(m, doc);
  }
}

function runPatchesJson6902(m: ResMap, k: any, dir: string): void {
  for (const pc of k.patchesJson6902 ?? []) {
    const text = pc.patch ?? readInRoot(dir, pc.path);
    const parsed = parsePatchText(text);
    for (const r of selectResources(m, pc.target ?? {})) jsonPatchRes(r, parsed.json ?? []);
  }
}

function runNamespace(m: ResMap, ns: string): void {
  for (const r of m.list) {
    const kind = r.obj.kind;
    if (kind === 'Namespace') {
      if (r.obj.metadata.name !== ns) { storePrev(r); r.obj.metadata.name = ns; }
      continue;
    }
    if (!CLUSTER_SCOPED.has(kind) && r.obj.metadata.namespace !== ns) { storePrev(r); r.obj.metadata.namespace = ns; }
    if ((kind === 'RoleBinding' || kind === 'ClusterRoleBinding') && Array.isArray(r.obj.subjects)) {
      // setSubjectsNamedDefault: only subjects named "default" follow the namespace
      for (const s of r.obj.subjects) if (s && typeof s === 'object' && s.name === 'default') s.namespace = ns;
    }
  }
}

function runPrefixSuffix(m: ResMap, prefix: string, suffix: string): void {
  for (const r of m.list) {
    if (PREFIX_SKIP.has(orgId(r).kind)) continue;
    storePrev(r);
    r.obj.metadata.name = `${prefix}${r.obj.metadata.name}${suffix}`;
    if (prefix) r.prefixes.push(prefix);
    if (suffix) r.suffixes.push(suffix);
  }
}

function runLabels(m: ResMap, k: any): void {
  for (const l of k.labels ?? []) {
    let specs: FieldSpec[] = [...(l.fields ?? [])];
    if (l.includeSelectors) specs.push(...COMMON_LABELS);
    else {
      if (l.includeTemplates) specs.push(...TEMPLATE_LABELS);
      specs.push({ path: 'metadata/labels', create: true });
    }
    setMapEntries(m, specs, l.pairs ?? {});
  }
  if (k.commonLabels) setMapEntries(m, COMMON_LABELS, k.commonLabels);
}

/** image.Split: name, tag and digest of an image reference. */
function splitImage(image: string): [string, string, string] {
  let digest = '';
  const at = image.indexOf('@');
  let rest = image;
  if (at >= 0) { digest = image.slice(at + 1); rest = image.slice(0, at); }
  const slash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', slash + 1);
  if (colon >= 0) return [rest.slice(0, colon), rest.slice(colon + 1), digest];
  return [rest, '', digest];
}

function runImages(m: ResMap, k: any): void {
  for (const img of [...(k.images ?? []), ...(k.imageTags ?? [])]) {
    if (!img || !img.name) continue;
    const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`^${quote(img.name)}(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`);
    applySpecs(m, IMAGES, (c, key) => {
      const v = c[key];
      if (typeof v !== 'string' || !re.test(v)) return;
      let [name, tag, digest] = splitImage(v);
      if (img.newName) name = img.newName;
      const newTag = img.newTag !== undefined && img.newTag !== null ? String(img.newTag) : '';
      if (newTag && img.digest) { tag = newTag; digest = img.digest; }
      else if (newTag) { tag = newTag; digest = ''; }
      else if (img.digest) { tag = ''; digest = img.digest; }
      c[key] = name + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '');
    });
  }
}

function runReplicas(m: ResMap, k: any): void {
  for (const rep of k.replicas ?? []) {
    let found = false;
    for (const spec of REPLICAS) {
      for (const r of m.list) {
        if (![curId(r), ...r.prev].some((id) => id.name === rep.name && selects(spec, id))) continue;
        found = true;
        visitField(r.obj, spec, (c, key) => { c[key] = Number(rep.count ?? 0); });
      }
    }
    if (!found) throw new KustomizeError(`resource with name ${rep.name} does not match a config with the following GVK [${REPLICAS.map((s) => `${s.kind}.[noVer].[noGrp]`).join(' ')}]`);
  }
}

function runTransformers(m: ResMap, k: any, dir: string): void {
  runPatchesStrategicMerge(m, k, dir);
  runPatches(m, k, dir);
  if (k.namespace) runNamespace(m, String(k.namespace));
  if (k.namePrefix) runPrefixSuffix(m, String(k.namePrefix), '');
  if (k.nameSuffix) runPrefixSuffix(m, '', String(k.nameSuffix));
  runLabels(m, k);
  if (k.commonAnnotations) setMapEntries(m, COMMON_ANNOTATIONS, k.commonAnnotations);
  runPatchesJson6902(m, k, dir);
  runReplicas(m, k);
  runImages(m, k);
  runReplacements(m, k, dir);
}

function runReplacements(m: ResMap, k: any, dir: string): void {
  if (!Array.isArray(k.replacements) || !k.replacements.length) return;
  const { applyReplacements, ReplacementError } = require('./replacements') as typeof import('./replacements');
  const list: any[] = [];
  for (const entry of k.replacements) {
    if (entry && typeof entry.path === 'string') {
      const docs = yamlDocs(readInRoot(dir, entry.path));
      for (const d of docs) list.push(...(Array.isArray(d) ? d : [d]));
    } else list.push(entry);
  }
  const targets = m.list.map((r) => ({ obj: r.obj, ids: [curId(r), ...r.prev], res: r }));
  try { applyReplacements(targets, list); } catch (e: any) {
    if (e instanceof ReplacementError) throw new KustomizeError(e.message);
    throw e;
  }
  for (const t of targets) t.res.obj = t.obj;
}

// ---- accumulation --------------------------------------------------------------------------------

const kindOf = (k: any): string => (typeof k.kind === 'string' && k.kind ? k.kind : 'Kustomization');

/** Accumulate the kustomization at dir: its resources, generators, components (which work on
 *  what was accumulated so far, `into`), then its transformers. */
function accumulate(dir: string, warnings: string[], stack: string[], into?: ResMap): ResMap {
  if (stack.includes(dir)) throw new KustomizeError(`cycle detected: candidate root '${dir}' contains visited root '${stack[stack.length - 1]}'`);
  const k = loadKustomization(dir, warnings);
  const m = into ?? new ResMap();
  for (const entry of [...(k.resources ?? []), ...(k.bases ?? [])]) {
    const e = String(entry);
    const abs = path.resolve(dir, e);
    let st: fs.Stats | undefined;
    try { st = fs.statSync(abs); } catch { /* below */ }
    const wrap = (msg: string) => new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${e}': ${msg}`);
    if (/^(https?:\/\/|git@|github\.com\/|ssh:\/\/)/.test(e)) {
      // kubesim never fetches: a remote base fails as it does without a network
      const host = e.replace(/^(https?|ssh):\/\//, '').replace(/^git@/, '').split(/[/:]/)[0];
      throw wrap(`Get "${e}": dial tcp: lookup ${host}: no such host'`);
    }
    if (!st) {
      const l = lstatError(abs);
      throw wrap(`${l}': must build at directory: not a valid directory: ${l}`);
    }
    if (st.isDirectory()) {
      let sub: ResMap;
      try { loadKustomization(abs, []); } catch (err: any) {
        if (err instanceof KustomizeError) throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${e}': '${abs}' must resolve to a file': couldn't make target for path '${abs}': ${err.message}`);
        throw err;
      }
      const subK = loadKustomization(abs, []);
      if (kindOf(subK) === 'Component') throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${e}': '${abs}' must resolve to a file': expected kind != 'Component' for path '${abs}'`);
      try { sub = accumulate(abs, warnings, [...stack, dir]); } catch (err: any) {
        if (err instanceof KustomizeError) throw new KustomizeError(`accumulating resources: accumulation err='accumulating resources from '${e}': '${abs}' must resolve to a file': recursed accumulation of path '${abs}': ${err.message}`);
        throw err;
      }
      for (const r of sub.list) m.append(r);
      for (const v of sub.vars) {
        if (m.vars.some((x) => x.name === v.name)) throw new KustomizeError(`var '${v.name}' already encountered`);
        m.vars.push(v);
      }
      continue;
    }
    if (!inRoot(abs, dir)) throw wrap(`security; file '${abs}' is not in or below '${dir}'': must build at directory: '${abs}': file is not directory`);
    let fromFile: Res[];
    try { fromFile = resourcesFromText(fs.readFileSync(abs, 'utf8'), e); } catch (err: any) {
      if (err instanceof ResourceFileError) throw wrap(`${err.message}': must build at directory: '${abs}': file is not directory`);
      throw err;
    }
    for (const r of fromFile) {
      try { m.append(r); } catch (err: any) {
        if (err instanceof KustomizeError) throw new KustomizeError(`accumulating resources: accumulation err='merging resources from '${e}': ${err.message}': must build at directory: '${abs}': file is not directory`);
        throw err;
      }
    }
  }
  runGenerators(m, k, dir);
  for (const c of k.components ?? []) {
    const abs = path.resolve(dir, String(c));
    const fail = (msg: string) => new KustomizeError(`accumulating components: accumulateDirectory: ${JSON.stringify(msg)}`);
    let ck: any;
    try { ck = loadKustomization(abs, []); } catch (err: any) {
      if (err instanceof KustomizeError) throw fail(`couldn't make target for path '${abs}': ${err.message}`);
      throw err;
    }
    if (kindOf(ck) !== 'Component') throw fail(`expected kind 'Component' for path '${abs}' but got '${kindOf(ck)}'`);
    try { accumulate(abs, warnings, [...stack, dir], m); } catch (err: any) {
      if (err instanceof KustomizeError) throw fail(`recursed accumulation of path '${abs}': ${err.message}`);
      throw err;
    }
  }
  runTransformers(m, k, dir);
  mergeVars(m, k.vars ?? []);
  return m;
}

/** MergeVars: each var is attached to the one resource its objref names (by any of its ids). */
function mergeVars(m: ResMap, vars: any[]): void {
  const { varString } = require('./vars') as typeof import('./vars');
  for (const v of vars) {
    if (!isObj(v)) continue;
    const ref = v.objref ?? {};
    const g = gvkOf({ apiVersion: ref.apiVersion ?? (ref.group ? `${ref.group}/${ref.version ?? ''}` : ref.version ?? ''), kind: ref.kind });
    const matched = m.list.filter((r) => [curId(r), ...r.prev].some((id) => id.kind === g.kind && id.group === g.group && (!g.version || id.version === g.version) && id.name === ref.name && (!ref.namespace || nsEquals(id.namespace, ref.namespace))));
    if (matched.length > 1) throw new KustomizeError(`found ${matched.length} resId matches for var ${varString(v)} (unable to disambiguate)`);
    if (matched.length === 1) (matched[0].vars ??= []).push(v.name);
    if (m.vars.some((x) => x.name === v.name)) throw new KustomizeError(`var '${v.name}' already encountered`);
    m.vars.push(v);
  }
}

/** ResolveVars: $(NAME) in the varReference fields, once everything else is done. */
function resolveVars(m: ResMap, warnings: string[]): void {
  if (!m.vars.length) return;
  const { varString, fieldValue, expand, VAR_REFERENCES } = require('./vars') as typeof import('./vars');
  const values = new Map<string, unknown>();
  for (const v of m.vars) {
    const r = m.list.find((x) => x.vars?.includes(v.name));
    if (!r) throw new KustomizeError(`var '${varString(v)}' cannot be mapped to a field in the set of known resources`);
    const val = fieldValue(r.obj, v.fieldref?.fieldpath || 'metadata.name');
    if (val === undefined) throw new KustomizeError(`field specified in var '${varString(v)}' not found in corresponding resource`);
    values.set(v.name, val);
  }
  const used = new Set<string>();
  applySpecs(m, VAR_REFERENCES, (c, key) => {
    const v = c[key];
    const one = (x: unknown) => (typeof x === 'string' ? expand(x, values, used) : x);
    if (typeof v === 'string') c[key] = one(v);
    else if (Array.isArray(v)) c[key] = v.map(one);
    else if (isObj(v)) for (const k2 of Object.keys(v)) v[k2] = one(v[k2]);
  });
  const unused = m.vars.map((v) => v.name).filter((n) => !used.has(n));
  if (unused.length) {
    const { klogLine } = require('../io');
    warnings.push(klogLine('I', 'log.go:245', `well-defined vars that were never replaced: ${unused.join(',')}`).replace(/\n$/, ''));
  }
}

// ---- the top: hashes, name references, order -----------------------------------------------------

function addHashes(m: ResMap): void {
  for (const r of m.list) {
    if (!r.hash) continue;
    const h = contentHash(r.obj);
    storePrev(r);
    r.obj.metadata.name = `${r.obj.metadata.name}-${h}`;
  }
}

const endsWithSlice = (a: string[], b: string[]) => {
  const [s, l] = a.length <= b.length ? [a, b] : [b, a];
  for (let i = 0; i < s.length; i++) if (s[s.length - 1 - i] !== l[l.length - 1 - i]) return false;
  return true;
};

function fixNameReferences(m: ResMap): void {
  for (const ref of NAME_REFERENCES) {
    const candidates = m.list.filter((r) => r.prev.some((id) => selects(ref, id)));
    if (!candidates.length) continue;
    for (const referrer of m.list) {
      const g = gvkOf(referrer.obj);
      const rcur = curId(referrer);
      const select = (oldName: string, pool: Res[]): Res | undefined => {
        let c = pool.filter((r) => r.prev.some((id) => id.name === oldName && selects(ref, id)));
        if (!CLUSTER_SCOPED.has(rcur.kind)) c = c.filter((r) => CLUSTER_SCOPED.has(r.obj.kind) || r.obj.kind === 'ServiceAccount' || nsEquals(curId(r).namespace, rcur.namespace));
        if (c.length === 1) return c[0];
        c = c.filter((r) => (!r.prefixes.length || !referrer.prefixes.length || endsWithSlice(r.prefixes, referrer.prefixes)) && (!r.suffixes.length || !referrer.suffixes.length || endsWithSlice(r.suffixes, referrer.suffixes)));
        if (c.length > 1) c = c.filter((r) => endsWithSlice(r.prefixes, referrer.prefixes) && endsWithSlice(r.suffixes, referrer.suffixes));
        if (c.length <= 1) return c[0];
        if (c.every((r) => r.obj.metadata.name === c[0].obj.metadata.name)) return c[0];
        throw new KustomizeError(`found multiple possible referrals: ${c.map((r) => idString(curId(r))).join(', ')}`);
      };
      for (const spec of ref.fieldSpecs) {
        if (!selects(spec, g)) continue;
        visitField(referrer.obj, spec, (c, key) => {
          const v = c[key];
          const setScalar = (holder: any, k2: string | number) => {
            const old = holder[k2];
            if (typeof old !== 'string') return;
            const target = select(old, candidates);
            if (target) holder[k2] = target.obj.metadata.name;
          };
          const setMapping = (node: any) => {
            if (!node || typeof node !== 'object' || typeof node.name !== 'string') return;
            let pool = candidates;
            if (typeof node.namespace === 'string') {
              const byOrg = candidates.filter((r) => (orgId(r).namespace || '') === node.namespace);
              pool = byOrg.length ? byOrg : candidates.filter((r) => (curId(r).namespace || '') === node.namespace);
            }
            const target = select(node.name, pool);
            if (!target) return;
            const tns = target.obj.metadata.namespace;
            if (target.obj.metadata.name === node.name && !tns) return;
            node.name = target.obj.metadata.name;
            if (tns) node.namespace = tns;
          };
          if (v === undefined || v === null) return;
          if (typeof v === 'string') setScalar(c, key);
          else if (Array.isArray(v)) v.forEach((el, i) => (typeof el === 'string' ? setScalar(v, i) : setMapping(el)));
          else if (typeof v === 'object') setMapping(v);
        });
      }
    }
  }
}

function legacySort(list: Res[], first = ORDER_FIRST, last = ORDER_LAST): Res[] {
  const order = new Map<string, number>();
  first.forEach((k, i) => order.set(k, -first.length + i));
  last.forEach((k, i) => order.set(k, 1 + i));
  const gvkStr = (g: Gvk) => `${g.group || '~G'}_${g.version || '~V'}_${g.kind || '~K'}`;
  const cmp = (a: Res, b: Res): number => {
    const ia = curId(a), ib = curId(b);
    const sameGvk = ia.kind === ib.kind && ia.group === ib.group && ia.version === ib.version;
    if (!sameGvk) {
      const oa = order.get(ia.kind) ?? 0, ob = order.get(ib.kind) ?? 0;
      if (oa !== ob) return oa - ob;
      const sa = gvkStr(ia), sb = gvkStr(ib);
      if (ia.kind === 'Namespace' && ib.kind === 'Namespace' && (!ia.group || !ib.group)) return sa > sb ? -1 : sa < sb ? 1 : 0;
      return sa < sb ? -1 : sa > sb ? 1 : 0;
    }
    const ka = `${ia.namespace || '~X'}|${ia.name || '~N'}`, kb = `${ib.namespace || '~X'}|${ib.name || '~N'}`;
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  };
  return [...list].sort(cmp);
}

/** Build the kustomization at dir (as `kubectl kustomize dir` does). */
export function build(dir: string, opts: { reorder?: string } = {}): BuildResult {
  const abs = path.resolve(dir);
  let st: fs.Stats | undefined;
  try { st = fs.statSync(abs); } catch { /* below */ }
  if (!st) throw new KustomizeError(`must build at directory: not a valid directory: evalsymlink failure on '${dir}' : lstat ${abs}: no such file or directory`);
  if (!st.isDirectory()) throw new KustomizeError(`must build at directory: not a valid directory: '${abs}'`);
  const warnings: string[] = [];
  try {
    return finish(abs, accumulate(abs, warnings, []), warnings, opts);
  } catch (e: any) {
    // the warnings kustomize printed before it failed
    if (e instanceof KustomizeError) (e as any).warnings = warnings;
    throw e;
  }
}

function finish(abs: string, m: ResMap, warnings: string[], opts: { reorder?: string }): BuildResult {
  addHashes(m);
  fixNameReferences(m);
  resolveVars(m, warnings);
  // The order: the kustomization's sortOptions, else --reorder (legacy unless 'none').
  const so = loadKustomization(abs, []).sortOptions;
  let list = m.list;
  if (so) {
    if (so.order !== 'fifo' && so.order !== 'legacy') throw new KustomizeError("the field 'sortOptions.order' must be one of [fifo, legacy]");
    if (so.order === 'fifo' && so.legacySortOptions) throw new KustomizeError("the field 'sortOptions.legacySortOptions' is set but the selected sort order is 'fifo', not 'legacy'");
    if (so.order === 'legacy') list = legacySort(list, so.legacySortOptions?.orderFirst ?? ORDER_FIRST, so.legacySortOptions?.orderLast ?? ORDER_LAST);
  } else if (opts.reorder !== 'none') list = legacySort(list);
  return { objects: list.map((r) => r.obj), warnings };
}

/** The objects as kustomize prints them: YAML documents separated by `---`. */
export function toYamlStream(objects: any[]): string {
  const { toYaml } = require('../../printers/yaml') as typeof import('../../printers/yaml');
  return objects.map((o) => toYaml(o)).join('---\n');
}
