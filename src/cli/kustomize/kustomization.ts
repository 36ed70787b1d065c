// Reading a kustomization file as kustomize does: which file, strict decoding into
// types.Kustomization (unknown fields and wrong types are errors, with encoding/json's words),
// the deprecation warnings, and the fields kubesim refuses rather than build differently.
import * as fs from 'fs';
import * as path from 'path';
import { KustomizeError, parseYamlText, isObj } from './resmap';

export const KUSTOMIZATION_FILES = ['kustomization.yaml', 'kustomization.yml', 'Kustomization'];

export const KUSTOMIZATION_FIELDS = new Set(['apiVersion', 'kind', 'metadata', 'openapi', 'namePrefix', 'nameSuffix', 'namespace', 'commonLabels', 'labels',
  'commonAnnotations', 'patchesStrategicMerge', 'patchesJson6902', 'patches', 'images', 'imageTags', 'replacements', 'replicas', 'vars',
  'sortOptions', 'resources', 'components', 'crds', 'bases', 'configMapGenerator', 'secretGenerator', 'helmGlobals', 'helmCharts',
  'helmChartInflationGenerator', 'generatorOptions', 'configurations', 'generators', 'transformers', 'validators', 'buildMetadata']);

export const UNSUPPORTED = ['configurations', 'generators', 'transformers', 'validators', 'helmCharts',
  'helmChartInflationGenerator', 'helmGlobals', 'openapi', 'crds'];

export const DEPRECATED: [string, string][] = [
  ['bases', 'resources'], ['commonLabels', 'labels'], ['imageTags', 'images'], ['patchesJson6902', 'patches'], ['patchesStrategicMerge', 'patches'], ['vars', 'replacements'],
];

export function loadKustomization(dir: string, warnings: string[]): any {
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

export const GENERATOR_FIELDS = ['name', 'namespace', 'behavior', 'literals', 'files', 'envs', 'env', 'options'];

export const NESTED_FIELDS: Record<string, string[]> = {
  configMapGenerator: GENERATOR_FIELDS,
  secretGenerator: [...GENERATOR_FIELDS, 'type'],
  patches: ['path', 'patch', 'target', 'options'],
  patchesJson6902: ['path', 'patch', 'target'],
  images: ['name', 'newName', 'tagSuffix', 'newTag', 'digest'],
  imageTags: ['name', 'newName', 'tagSuffix', 'newTag', 'digest'],
  replicas: ['name', 'count'],
  labels: ['pairs', 'includeSelectors', 'includeTemplates', 'includeVolumeClaimTemplates', 'fields'],
};

export const STRING_LISTS: Record<string, string> = { resources: 'resources', bases: 'bases', components: 'components', crds: 'crds', configurations: 'configurations', generators: 'generators', transformers: 'transformers', validators: 'validators', buildMetadata: 'buildMetadata' };

export const STRING_MAPS = ['commonLabels', 'commonAnnotations'];

export const STRINGS = ['namePrefix', 'nameSuffix', 'namespace'];

/** What Go's strict json decoding of types.Kustomization rejects. */
export function checkShapes(k: any): void {
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

export const kindOf = (k: any): string => (typeof k.kind === 'string' && k.kind ? k.kind : 'Kustomization');
