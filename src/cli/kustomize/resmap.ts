// The resources a kustomize build works on (kustomize's ResMap and Resource): their ids, the
// ids they had before each rename, the prefixes/suffixes they got; reading resource files; and
// walking the fields a field spec names. Shared by the generators, transformers and the build.
import * as fs from 'fs';
import * as path from 'path';
import type { FieldSpec } from './fieldspecs';

export class KustomizeError extends Error {}

export interface Gvk { group: string; version: string; kind: string }

export interface Id extends Gvk { name: string; namespace: string }

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

export const clone = <T>(v: T): T => JSON.parse(JSON.stringify(v));

export function gvkOf(obj: any): Gvk {
  const av: string = typeof obj?.apiVersion === 'string' ? obj.apiVersion : '';
  const i = av.lastIndexOf('/');
  return { group: i >= 0 ? av.slice(0, i) : '', version: i >= 0 ? av.slice(i + 1) : av, kind: typeof obj?.kind === 'string' ? obj.kind : '' };
}

export const curId = (r: Res): Id => ({ ...gvkOf(r.obj), name: r.obj.metadata?.name ?? '', namespace: r.obj.metadata?.namespace ?? '' });

export const orgId = (r: Res): Id => (r.prev.length ? r.prev[0] : curId(r));

export const storePrev = (r: Res) => { r.prev.push(curId(r)); };

/** ResId.String(): `Kind.version.group/name.namespace`. */
export function idString(id: Id): string {
  return `${id.kind || '[noKind]'}.${id.version || '[noVer]'}.${id.group || '[noGrp]'}/${id.name || '[noName]'}.${id.namespace || '[noNs]'}`;
}

export const nsEquals = (a: string, b: string) => (a || 'default') === (b || 'default');

export const sameId = (a: Id, b: Id) => a.kind === b.kind && a.group === b.group && a.version === b.version && a.name === b.name && nsEquals(a.namespace, b.namespace);

/** Gvk.IsSelected: the selector's empty fields match anything. */
export const selects = (sel: { group?: string; version?: string; kind?: string }, g: Gvk) =>
  (!sel.kind || sel.kind === g.kind) && (!sel.group || sel.group === g.group) && (!sel.version || sel.version === g.version);

export function lstatError(p: string): string {
  return `evalsymlink failure on '${p}' : lstat ${p}: no such file or directory`;
}

export function parseYamlText(text: string): unknown {
  const { parseYaml } = require('../../api/goyaml') as typeof import('../../api/goyaml');
  return parseYaml(text, { yaml12: true });
}

export function yamlDocs(text: string): unknown[] {
  const { splitYamlDocuments } = require('../../api/goyaml') as typeof import('../../api/goyaml');
  const docs: unknown[] = [];
  for (const d of splitYamlDocuments(text)) {
    const v = parseYamlText(d);
    if (v !== null && v !== undefined) docs.push(v);
  }
  return docs;
}

/** Go's %v of the TypeMeta and ObjectMeta kustomize checks: {{v1 Kind} {{name ns} map[..] map[..]}}. */
export function goMetaString(o: any): string {
  const md = o?.metadata ?? {};
  const m = (x: any) => `map[${Object.keys(x ?? {}).sort().map((k) => `${k}:${x[k]}`).join(' ')}]`;
  return `{{${o?.apiVersion ?? ''} ${o?.kind ?? ''}} {{${md.name ?? ''} ${md.namespace ?? ''}} ${m(md.labels)} ${m(md.annotations)}}}`;
}

/** Thrown for a file's content: the caller wraps it with the accumulation context. */
export class ResourceFileError extends KustomizeError {}

export function resourcesFromText(text: string, source: string): Res[] {
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

export class ResMap {
  list: Res[] = [];
  vars: any[] = [];
  append(r: Res): void {
    const id = curId(r);
    if (this.list.some((x) => sameId(curId(x), id))) throw new KustomizeError(`may not add resource with an already registered id: ${idString(id)}`);
    this.list.push(r);
  }
}

export function segments(p: string): string[] {
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
export function visitField(obj: any, spec: FieldSpec, fn: (container: any, key: string) => void): void {
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

export function applySpecs(m: ResMap, specs: FieldSpec[], fn: (container: any, key: string, create: boolean) => void): void {
  for (const r of m.list) {
    const g = gvkOf(r.obj);
    for (const spec of specs) {
      if (!selects(spec, g)) continue;
      visitField(r.obj, spec, (c, k) => fn(c, k, !!spec.create));
    }
  }
}

export function setMapEntries(m: ResMap, specs: FieldSpec[], pairs: Record<string, unknown>): void {
  const entries = Object.entries(pairs ?? {});
  if (!entries.length) return;
  applySpecs(m, specs, (c, k, create) => {
    if (c[k] === undefined || c[k] === null) { if (!create) return; c[k] = {}; }
    if (typeof c[k] !== 'object' || Array.isArray(c[k])) return;
    for (const [key, v] of entries) c[k][key] = v === null || v === undefined ? '' : String(v);
  });
}

export const inRoot = (p: string, root: string) => p === root || p.startsWith(root.endsWith('/') ? root : root + '/');

export function readInRoot(dir: string, file: string): string {
  const p = path.resolve(dir, file);
  if (fs.existsSync(p) && !inRoot(p, dir)) throw new KustomizeError(`security; file '${p}' is not in or below '${dir}'`);
  try { return fs.readFileSync(p, 'utf8'); } catch { throw new KustomizeError(`${lstatError(p)}`); }
}

export const isObj = (v: unknown): v is Record<string, any> => !!v && typeof v === 'object' && !Array.isArray(v);
