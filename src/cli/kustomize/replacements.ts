// kustomize's `replacements` (api/filters/replacement): copy a field of one resource (the
// source, default metadata.name) into fields of others (the targets), with kyaml's field paths
// (`spec.template.spec.containers.[name=app].image`, `*`, list indexes) and the delimiter/index
// and create options.

export class ReplacementError extends Error {}

interface Sel { group?: string; version?: string; kind?: string; name?: string; namespace?: string; labelSelector?: string; annotationSelector?: string }
interface Ids { kind: string; group: string; version: string; name: string; namespace: string }
export interface Target { obj: any; ids: Ids[] }

/** SmarterPathSplitter(path, "."): dots inside [ ] do not split. */
export function splitPath(p: string): string[] {
  const out: string[] = [];
  let cur = '', depth = 0;
  for (const c of p) {
    if (c === '[') depth++;
    if (c === ']') depth--;
    if (c === '.' && depth === 0) { out.push(cur); cur = ''; continue; }
    cur += c;
  }
  out.push(cur);
  return out;
}

/** The fields a path names: [container, key] pairs (key a string or a list index). */
function resolve(root: any, segs: string[], create: boolean): [any, string | number][] {
  let nodes: [any, string | number][] = [[{ root }, 'root']];
  for (let i = 0; i < segs.length; i++) {
    const seg = segs[i];
    const next: [any, string | number][] = [];
    for (const [c, k] of nodes) {
      let node = c[k];
      const m = /^\[(.*?)=(.*)\]$/.exec(seg);
      if (m) {
        if (node === undefined || node === null) { if (!create) continue; node = c[k] = []; }
        if (!Array.isArray(node)) continue;
        let found = false;
        node.forEach((el, idx) => { if (el && typeof el === 'object' && String(el[m[1]]) === m[2]) { next.push([node, idx]); found = true; } });
        if (!found && create) { node.push({ [m[1]]: m[2] }); next.push([node, node.length - 1]); }
        continue;
      }
      if (node === undefined || node === null) {
        if (!create) continue;
        node = c[k] = /^\[/.test(segs[i]) ? [] : {};
      }
      if (seg === '*') {
        if (Array.isArray(node)) node.forEach((_, idx) => next.push([node, idx]));
        else if (typeof node === 'object') for (const key of Object.keys(node)) next.push([node, key]);
        continue;
      }
      if (Array.isArray(node)) {
        if (/^-?\d+$/.test(seg) && Number(seg) < node.length) next.push([node, Number(seg)]);
        continue;
      }
      if (typeof node !== 'object') continue;
      if (node[seg] === undefined && !create) continue;
      next.push([node, seg]);
    }
    nodes = next;
  }
  return nodes;
}

const idStr = (s: Sel) => `${s.kind || '[noKind]'}.${s.version || '[noVer]'}.${s.group || '[noGrp]'}/${s.name || '[noName]'}.${s.namespace || '[noNs]'}`;
const exact = (s: Sel, id: Ids) => (!s.kind || s.kind === id.kind) && (!s.group || s.group === id.group) && (!s.version || s.version === id.version)
  && (!s.name || s.name === id.name) && (!s.namespace || s.namespace === id.namespace);
const rx = (v: string | undefined) => (v ? new RegExp(`^(?:${v})$`) : undefined);
function regexSel(s: Sel): (id: Ids) => boolean {
  const k = rx(s.kind), g = rx(s.group), v = rx(s.version), n = rx(s.name), ns = rx(s.namespace);
  return (id) => (!k || k.test(id.kind)) && (!g || g.test(id.group)) && (!v || v.test(id.version)) && (!n || n.test(id.name)) && (!ns || ns.test(id.namespace));
}
function annoLabel(obj: any, s: Sel): boolean {
  const { parseLabelSelector, matchLabels } = require('../../api/selectors');
  if (s.labelSelector && !matchLabels(parseLabelSelector(s.labelSelector), obj.metadata?.labels ?? {})) return false;
  if (s.annotationSelector && !matchLabels(parseLabelSelector(s.annotationSelector), obj.metadata?.annotations ?? {})) return false;
  return true;
}

export function applyReplacements(list: Target[], replacements: any[]): void {
  for (const r of replacements) {
    if (!r || !r.source || !Array.isArray(r.targets) || !r.targets.length) throw new ReplacementError('replacements must specify a source and at least one target');
    const src: Sel & { fieldPath?: string; options?: any } = r.source;
    const matches = list.filter((t) => t.ids.some((id) => exact(src, id)));
    if (matches.length > 1) throw new ReplacementError(`multiple matches for selector ${idStr(src)}`);
    if (!matches.length) throw new ReplacementError(`nothing selected by ${idStr(src)}`);
    const fp = src.fieldPath || 'metadata.name';
    const found = resolve(matches[0].obj, splitPath(fp), false);
    let value = found.length ? found[0][0][found[0][1]] : undefined;
    if (value === undefined || value === null || value === '' || (typeof value === 'object' && !Object.keys(value).length)) {
      throw new ReplacementError(`fieldPath \`${fp}\` is missing for replacement source ${idStr(src)}`);
    }
    if (src.options?.delimiter) {
      if (typeof value === 'object') throw new ReplacementError('delimiter option can only be used with scalar nodes');
      const parts = String(value).split(src.options.delimiter);
      const i = Number(src.options.index ?? 0);
      if (i >= parts.length || i < 0) throw new ReplacementError(`options.index ${i} is out of bounds for value ${value}`);
      value = parts[i];
    }
    for (const t of r.targets) {
      if (!t.select) throw new ReplacementError('target must specify resources to select');
      const fieldPaths: string[] = t.fieldPaths?.length ? t.fieldPaths : ['metadata.name'];
      const selects = regexSel(t.select);
      const rejects = (t.reject ?? []).map((x: Sel) => ({ sel: x, fn: regexSel(x) }));
      for (const target of list) {
        if (!annoLabel(target.obj, t.select)) continue;
        if (rejects.some((x: any) => (x.sel.labelSelector || x.sel.annotationSelector) && annoLabel(target.obj, x.sel))) continue;
        if (rejects.some((x: any) => (x.sel.kind || x.sel.name || x.sel.namespace || x.sel.group || x.sel.version) && target.ids.some((id) => x.fn(id)))) continue;
        if (!target.ids.some((id) => selects(id))) continue;
        for (const p of fieldPaths) {
          const create = !!t.options?.create;
          const fields = resolve(target.obj, splitPath(p), create);
          if (!fields.length) throw new ReplacementError(create ? `unable to find or create field "${p}" in replacement target` : `unable to find field "${p}" in replacement target`);
          for (const [c, k] of fields) c[k] = setValue(c[k], value, t.options);
        }
      }
    }
  }
}

function setValue(current: any, value: any, options: any): any {
  let v = value;
  if (options?.delimiter) {
    if (current !== undefined && typeof current === 'object') throw new ReplacementError('delimiter option can only be used with scalar nodes');
    const parts = current === undefined || current === null ? [''] : String(current).split(options.delimiter);
    const i = Number(options.index ?? 0);
    if (i < 0) parts.unshift(String(v));
    else if (i >= parts.length) parts.push(String(v));
    else parts[i] = String(v);
    v = parts.join(options.delimiter);
  }
  // a scalar target keeps its type (kyaml copies only the value)
  if (current !== undefined && current !== null && typeof current !== 'object' && typeof v !== 'object') {
    if (typeof current === 'number' && /^-?\d+(\.\d+)?$/.test(String(v))) return Number(v);
    if (typeof current === 'string') return String(v);
    if (typeof current === 'boolean' && (v === 'true' || v === 'false' || typeof v === 'boolean')) return String(v) === 'true';
  }
  if (typeof v === 'object') return JSON.parse(JSON.stringify(v));
  // a created scalar gets the value's text without its tag: its type comes from the text
  if (current === undefined && typeof v === 'string') {
    if (/^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$/.test(v)) return Number(v);
    if (v === 'true' || v === 'false') return v === 'true';
  }
  return v;
}
