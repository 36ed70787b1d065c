// kustomize as built into kubectl 1.32 (sigs.k8s.io/kustomize/api v5.5): accumulate a
// kustomization directory (its resources, files and directories with their own kustomization
// built first; its generators; its components; its transformers: ./kustomization.ts,
// ./generators.ts, ./transformers.ts), then at the top only add the content hash to generated
// names, fix the name references that renamed objects break, resolve vars, and sort (legacy
// order unless told otherwise). Errors carry kustomize's wording.
import * as fs from 'fs';
import * as path from 'path';
import { NAME_REFERENCES, ORDER_FIRST, ORDER_LAST, CLUSTER_SCOPED } from './fieldspecs';
import { contentHash } from './hash';
import {
  KustomizeError, Res, ResMap, Gvk, gvkOf, curId, orgId, storePrev, idString, nsEquals, selects, isObj,
  lstatError, inRoot, resourcesFromText, ResourceFileError, visitField, applySpecs,
} from './resmap';
import { loadKustomization, kindOf } from './kustomization';
import { runGenerators } from './generators';
import { runTransformers } from './transformers';

export { KustomizeError } from './resmap';

export interface BuildResult { objects: any[]; warnings: string[] }

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
