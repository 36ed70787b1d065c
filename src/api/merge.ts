// Patches as Kubernetes computes and applies them (apimachinery's strategicpatch, jsonpatch):
// - createThreeWayMergePatch: what `kubectl apply` sends (last-applied, new manifest, live);
// - createTwoWayMergePatch: what `kubectl edit` sends;
// - strategicMergePatch: how the API server applies a strategic merge patch, with the list
//   merge keys of the built-in types (containers by name, ports by containerPort, service ports
//   by port, env by name, volumes by name, volumeMounts by mountPath, ...) and the directives
//   ($patch: replace|delete, $retainKeys, $setElementOrder/..., $deleteFromPrimitiveList/...);
// - jsonMergePatch (RFC 7386) and jsonPatch (RFC 6902) for `kubectl patch --type merge|json`.
import { cloneJson } from './gonumber';
import { fieldOf, elemType, rootType } from './schema';

type J = any;
type Obj = Record<string, J>;

const DIRECTIVE = '$patch';
const RETAIN_KEYS = '$retainKeys';
const DELETE_FROM_PRIMITIVE = '$deleteFromPrimitiveList';
const SET_ELEMENT_ORDER = '$setElementOrder';

const isObj = (v: J): v is Obj => v !== null && typeof v === 'object' && !Array.isArray(v);
const kindOf = (v: J) => (v === null || v === undefined ? 'null' : Array.isArray(v) ? 'array' : typeof v);

export function deepEqual(a: J, b: J): boolean {
  if (a === b) return true;
  if (kindOf(a) !== kindOf(b)) return false;
  if (Array.isArray(a)) return a.length === b.length && a.every((x: J, i: number) => deepEqual(x, b[i]));
  if (isObj(a)) {
    const ka = Object.keys(a), kb = Object.keys(b);
    if (ka.length !== kb.length) return false;
    return ka.every((k) => Object.prototype.hasOwnProperty.call(b, k) && deepEqual(a[k], b[k]));
  }
  return false;
}

const clone = <T>(v: T): T => (v === undefined ? v : cloneJson(v));

/** Go's fmt "%v" of a merge key value (numbers and strings as they print). */
const keyString = (v: J): string => (v === null || v === undefined ? '<nil>' : typeof v === 'object' ? JSON.stringify(v) : String(v));

interface Meta { type: string; strategy?: string; mergeKey?: string; retainKeys?: boolean }
function lookup(type: string, key: string): Meta {
  const m = fieldOf(type, key);
  return m ?? { type: 'any' };
}

// ---- diff ------------------------------------------------------------------------------------------

interface DiffOptions { setElementOrder?: boolean; ignoreChangesAndAdditions?: boolean; ignoreDeletions?: boolean; buildRetainKeys?: boolean }

function diffMaps(original: Obj, modified: Obj, type: string, o: DiffOptions): Obj {
  const patch: Obj = {};
  const retain: string[] = [];
  for (const key of Object.keys(modified)) {
    const mv = modified[key];
    if (o.buildRetainKeys && mv !== null && mv !== undefined) retain.push(key);
    if (!Object.prototype.hasOwnProperty.call(original, key)) {
      if (!o.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    const ov = original[key];
    if (key === DIRECTIVE) {
      if (ov !== mv) patch[DIRECTIVE] = mv;
      continue;
    }
    if (kindOf(ov) !== kindOf(mv)) {
      if (!o.ignoreChangesAndAdditions) patch[key] = mv;
      continue;
    }
    if (isObj(ov)) {
      const m = lookup(type, key);
      if (m.strategy === 'replace') { if (!o.ignoreChangesAndAdditions) patch[key] = mv; continue; }
      const sub = diffMaps(ov, mv, m.type, { ...o, buildRetainKeys: !!m.retainKeys });
      if (Object.keys(sub).length) patch[key] = sub;
    } else if (Array.isArray(ov)) {
      const m = lookup(type, key);
      if (m.strategy === 'merge') {
        const { add, del, order } = diffLists(ov, mv, elemType(m.type), m.mergeKey ?? '', { ...o, buildRetainKeys: !!m.retainKeys });
        if (add.length) patch[key] = add;
        if (del.length) patch[`${DELETE_FROM_PRIMITIVE}/${key}`] = del;
        if (order.length) patch[`${SET_ELEMENT_ORDER}/${key}`] = order;
      } else if (!o.ignoreChangesAndAdditions && !deepEqual(ov, mv)) patch[key] = mv;
    } else if (!o.ignoreChangesAndAdditions && !deepEqual(ov, mv)) patch[key] = mv;
  }
  if (!o.ignoreDeletions) {
    for (const key of Object.keys(original)) if (!Object.prototype.hasOwnProperty.call(modified, key)) patch[key] = null;
  }
  if (retain.length && (Object.keys(patch).length || Object.keys(original).some((k) => !(k in modified) && original[k] !== null))) {
    patch[RETAIN_KEYS] = sortScalars(retain);
  }
  return patch;
}

function sortScalars(list: J[]): J[] {
  return [...list].sort((a, b) => (keyString(a) < keyString(b) ? -1 : keyString(a) > keyString(b) ? 1 : 0));
}

function dedupScalars(list: J[]): J[] {
  const seen = new Set<string>();
  const out: J[] = [];
  for (const x of list) { const k = kindOf(x) + ':' + keyString(x); if (!seen.has(k)) { seen.add(k); out.push(x); } }
  return out;
}

function listKind(a: J[], b: J[]): 'map' | 'scalar' | 'list' {
  const x = a.length ? a[0] : b[0];
  return isObj(x) ? 'map' : Array.isArray(x) ? 'list' : 'scalar';
}

function diffLists(original: J[], modified: J[], type: string, mergeKey: string, o: DiffOptions): { add: J[]; del: J[]; order: J[] } {
  const kind = listKind(original, modified);
  if (kind === 'map') {
    let { patch, deletions } = diffListsOfMaps(original, modified, type, mergeKey, o);
    patch = normalizeOrder(patch, modified, mergeKey, 'map');
    const orderSame = sameOrder(original, modified, mergeKey);
    patch = [...patch, ...deletions];
    let order: J[] = [];
    if (o.setElementOrder && ((!o.ignoreChangesAndAdditions && (patch.length > 0 || !orderSame)) || (!o.ignoreDeletions && patch.length > 0))) {
      order = modified.map((v: Obj) => ({ [mergeKey]: v[mergeKey] }));
    }
    return { add: patch, del: [], order };
  }
  if (kind === 'list') throw new Error('lists of lists are not supported');
  const { add, del } = diffListsOfScalars(original, modified, o);
  const patch = normalizeOrder(add, modified, mergeKey, 'scalar');
  let order: J[] = [];
  if (o.setElementOrder && ((!o.ignoreDeletions && del.length > 0) || (!o.ignoreChangesAndAdditions && !deepEqual(original, modified)))) order = modified;
  return { add: patch, del, order };
}

function sortByKey(list: Obj[], mergeKey: string): Obj[] {
  return [...list].sort((a, b) => { const x = keyString(a[mergeKey]), y = keyString(b[mergeKey]); return x < y ? -1 : x > y ? 1 : 0; });
}

function diffListsOfMaps(original: J[], modified: J[], type: string, mergeKey: string, o: DiffOptions): { patch: J[]; deletions: J[] } {
  const patch: J[] = [], deletions: J[] = [];
  const os = sortByKey(original, mergeKey), ms = sortByKey(modified, mergeKey);
  let i = 0, j = 0;
  while (i < os.length || j < ms.length) {
    const oin = i < os.length, min = j < ms.length;
    const ok = oin ? keyString(os[i][mergeKey]) : '', mk = min ? keyString(ms[j][mergeKey]) : '';
    if (oin && min && ok === mk) {
      const p = diffMaps(os[i], ms[j], type, o);
      if (Object.keys(p).length) { p[mergeKey] = ms[j][mergeKey]; patch.push(p); }
      i++; j++;
    } else if (!oin || (oin && min && ok > mk)) {
      if (!o.ignoreChangesAndAdditions) patch.push(ms[j]);
      j++;
    } else {
      if (!o.ignoreDeletions) deletions.push({ [DIRECTIVE]: 'delete', [mergeKey]: os[i][mergeKey] });
      i++;
    }
  }
  return { patch, deletions };
}

function diffListsOfScalars(original: J[], modified: J[], o: DiffOptions): { add: J[]; del: J[] } {
  const os = sortScalars(original), ms = sortScalars(modified);
  const add: J[] = [], del: J[] = [];
  let i = 0, j = 0;
  while (i < os.length || j < ms.length) {
    const oin = i < os.length, min = j < ms.length;
    const a = oin ? keyString(os[i]) : '', b = min ? keyString(ms[j]) : '';
    if (oin && min && a === b) { i++; j++; }
    else if (oin && (!min || a < b)) { if (!o.ignoreDeletions) del.push(os[i]); i++; }
    else { if (!o.ignoreChangesAndAdditions) add.push(ms[j]); j++; }
  }
  return { add, del: dedupScalars(del) };
}

function indexIn(list: J[], item: J, mergeKey: string, kind: 'map' | 'scalar'): number {
  if (kind === 'map') {
    if (!isObj(item)) return -1;
    const k = keyString(item[mergeKey]);
    return list.findIndex((x) => isObj(x) && keyString(x[mergeKey]) === k);
  }
  return list.findIndex((x) => deepEqual(x, item));
}

/** Sort `list` by the position of its items in `order` (items not found keep their relative order at the end). */
function normalizeOrder(list: J[], order: J[], mergeKey: string, kind: 'map' | 'scalar'): J[] {
  const idx = list.map((x, n) => ({ x, n, i: indexIn(order, x, mergeKey, kind) }));
  idx.sort((a, b) => {
    if (a.i >= 0 && b.i >= 0) return a.i - b.i;
    if (a.i >= 0) return -1;
    if (b.i >= 0) return 1;
    return a.n - b.n;
  });
  return idx.map((e) => e.x);
}

function sameOrder(a: J[], b: J[], mergeKey: string): boolean {
  if (a.length !== b.length) return false;
  return a.every((x, i) => keyString(x?.[mergeKey]) === keyString(b[i]?.[mergeKey]));
}

// ---- merge (the server side, and combining two patches client side) --------------------------------

interface MergeOptions { mergeParallelList: boolean; ignoreUnmatchedNulls: boolean }

function mergeMap(original: Obj | null | undefined, patch: Obj, type: string, o: MergeOptions): Obj {
  if (Object.prototype.hasOwnProperty.call(patch, DIRECTIVE)) {
    const d = patch[DIRECTIVE];
    if (d === 'replace') { const p = { ...patch }; delete p[DIRECTIVE]; return p; }
    if (d === 'delete') return {};
    throw new PatchError(`Unknown patch type: ${d} in map: ${JSON.stringify(patch)}`);
  }
  const out: Obj = original ? original : {};
  patch = { ...patch };
  applyRetainKeys(out, patch, o);
  mergeSetElementOrder(out, patch, type, o);
  for (let k of Object.keys(patch)) {
    const pv = patch[k];
    let isDeleteList = false;
    if (k.startsWith(DELETE_FROM_PRIMITIVE + '/')) {
      if (o.mergeParallelList) { isDeleteList = true; k = k.slice(DELETE_FROM_PRIMITIVE.length + 1); }
      else {
        // combining two patches: keep (and merge) the deletion lists
        out[k] = Array.isArray(out[k]) && Array.isArray(pv) ? dedupScalars([...out[k], ...pv]) : pv;
        continue;
      }
    }
    if (pv === null) {
      delete out[k];
      if (o.ignoreUnmatchedNulls) continue;
    }
    if (!Object.prototype.hasOwnProperty.call(out, k)) {
      if (!isDeleteList) out[k] = o.ignoreUnmatchedNulls ? discardNulls(pv) : pv;
      continue;
    }
    const ov = out[k];
    if (kindOf(ov) !== kindOf(pv)) {
      if (!isDeleteList) out[k] = o.ignoreUnmatchedNulls ? discardNulls(pv) : pv;
      continue;
    }
    const m = lookup(type, k);
    if (isObj(ov)) {
      out[k] = m.strategy === 'replace' ? pv : mergeMap(ov, pv, m.type, o);
    } else if (Array.isArray(ov)) {
      out[k] = m.strategy === 'merge' ? mergeSlice(ov, pv, elemType(m.type), m.mergeKey ?? '', o, isDeleteList) : pv;
    } else out[k] = pv;
  }
  return out;
}

function discardNulls(v: J): J {
  if (isObj(v)) {
    const o: Obj = {};
    for (const [k, x] of Object.entries(v)) if (x !== null) o[k] = discardNulls(x);
    return o;
  }
  return v;
}

function applyRetainKeys(original: Obj, patch: Obj, o: MergeOptions): void {
  if (!Object.prototype.hasOwnProperty.call(patch, RETAIN_KEYS)) return;
  const keys = patch[RETAIN_KEYS];
  delete patch[RETAIN_KEYS];
  if (!o.mergeParallelList) {
    if (!(RETAIN_KEYS in original)) original[RETAIN_KEYS] = keys;
    return;
  }
  if (!Array.isArray(keys)) throw new PatchError('invalid patch: the value of $retainKeys must be a list');
  const set = new Set(keys.map(String));
  for (const [k, v] of Object.entries(patch)) {
    if (v === null || k.startsWith(DELETE_FROM_PRIMITIVE) || k.startsWith(SET_ELEMENT_ORDER)) continue;
    if (!set.has(k)) throw new PatchError('invalid patch: all the fields present in the patch must be present in $retainKeys');
  }
  for (const k of Object.keys(original)) if (!set.has(k)) delete original[k];
}

function mergeSetElementOrder(original: Obj, patch: Obj, type: string, o: MergeOptions): void {
  for (const key of Object.keys(patch)) {
    if (!key.startsWith(SET_ELEMENT_ORDER + '/')) continue;
    const order = patch[key];
    if (!o.mergeParallelList) { if (!(key in original)) original[key] = order; }
    delete patch[key];
    if (!Array.isArray(order)) throw new PatchError('invalid patch: $setElementOrder must be a list');
    const field = key.slice(SET_ELEMENT_ORDER.length + 1);
    const foundOriginal = Array.isArray(original[field]), foundPatch = Array.isArray(patch[field]);
    const m = lookup(type, field);
    let merged: J[];
    if (foundOriginal && !foundPatch) merged = original[field];
    else if (!foundOriginal && foundPatch) merged = removeDirectives(patch[field]);
    else if (foundOriginal && foundPatch) merged = m.strategy === 'merge' ? mergeSlice(original[field], patch[field], elemType(m.type), m.mergeKey ?? '', o, false) : patch[field];
    else continue;
    const mk = m.mergeKey ?? '';
    const kind = mk ? 'map' : 'scalar';
    const inOrder = (x: J) => indexIn(order, x, mk, kind) >= 0;
    const patchItems = merged.filter(inOrder), serverOnly = merged.filter((x) => !inOrder(x));
    original[field] = normalizeElementOrder(patchItems, serverOnly, order, foundOriginal ? original[field] : [], mk, kind);
    delete patch[field];
  }
}

function removeDirectives(list: J[]): J[] {
  return list.filter((x) => !(isObj(x) && DIRECTIVE in x)).map((x) => (isObj(x) ? stripDirectiveKeys(x) : x));
}
function stripDirectiveKeys(x: Obj): Obj {
  const o: Obj = {};
  for (const [k, v] of Object.entries(x)) if (!k.startsWith('$')) o[k] = v;
  return o;
}

function mergeSlice(original: J[], patch: J[], type: string, mergeKey: string, o: MergeOptions, isDeleteList: boolean): J[] {
  if (!original.length && !patch.length) return original;
  const kind = listKind(original, patch);
  let merged: J[];
  if (kind !== 'map') {
    if (o.mergeParallelList && isDeleteList) return original.filter((x) => !patch.some((p) => deepEqual(p, x)));
    merged = dedupScalars([...original, ...patch]);
  } else {
    if (!mergeKey) throw new PatchError(`cannot merge lists without merge key for ${type}`);
    let orig = original, pat = patch;
    // $patch: replace and $patch: delete elements
    const repl = pat.find((x) => isObj(x) && x[DIRECTIVE] === 'replace');
    if (repl) return pat.filter((x) => !(isObj(x) && DIRECTIVE in x));
    const deletes = pat.filter((x) => isObj(x) && x[DIRECTIVE] === 'delete');
    if (deletes.length) {
      orig = orig.filter((x) => !deletes.some((d) => keyString(d[mergeKey]) === keyString(x[mergeKey])));
      pat = pat.filter((x) => !(isObj(x) && x[DIRECTIVE] === 'delete'));
    }
    merged = orig.map((x) => clone(x));
    for (const p of pat) {
      const k = keyString(p[mergeKey]);
      const i = merged.findIndex((x) => isObj(x) && keyString(x[mergeKey]) === k);
      if (i >= 0) merged[i] = mergeMap(merged[i], p, type, o);
      else merged.push(o.ignoreUnmatchedNulls ? discardNulls(p) : p);
    }
    original = orig;
    patch = pat;
  }
  const inPatch = (x: J) => indexIn(patch, x, mergeKey, kind === 'map' ? 'map' : 'scalar') >= 0;
  return normalizeElementOrder(merged.filter(inPatch), merged.filter((x) => !inPatch(x)), patch, original, mergeKey, kind === 'map' ? 'map' : 'scalar');
}

function normalizeElementOrder(patch: J[], serverOnly: J[], patchOrder: J[], serverOrder: J[], mergeKey: string, kind: 'map' | 'scalar'): J[] {
  const p = normalizeOrder(patch, patchOrder, mergeKey, kind);
  const s = normalizeOrder(serverOnly, serverOrder, mergeKey, kind);
  // mergeSortedSlice: server-only items keep their place relative to the patch items.
  const out: J[] = [];
  let i = 0, j = 0;
  while (i < s.length || j < p.length) {
    if (i >= s.length) { out.push(p[j++]); continue; }
    if (j >= p.length) { out.push(s[i++]); continue; }
    const li = indexIn(serverOrder, s[i], mergeKey, kind), ri = indexIn(serverOrder, p[j], mergeKey, kind);
    if (li >= 0 && ri >= 0 && li < ri) out.push(s[i++]);
    else out.push(p[j++]);
  }
  return out;
}

export class PatchError extends Error {}

// ---- public API ----------------------------------------------------------------------------------

/** The patch `kubectl apply` computes: deletions from last-applied to new, plus changes from live
 *  to new (CreateThreeWayMergePatch with overwrite). `{}` means nothing to do. */
export function createThreeWayMergePatch(original: Obj | undefined, modified: Obj, current: Obj, kind: string): Obj {
  const type = rootType(kind);
  const delta = diffMaps(current, modified, type, { ignoreDeletions: true, setElementOrder: true });
  const deletions = diffMaps(original ?? {}, modified, type, { ignoreChangesAndAdditions: true, setElementOrder: true });
  return mergeMap(deletions, delta, type, { mergeParallelList: false, ignoreUnmatchedNulls: false });
}

/** The patch `kubectl edit` sends (CreateTwoWayMergePatch). */
export function createTwoWayMergePatch(original: Obj, modified: Obj, kind: string): Obj {
  return diffMaps(original, modified, rootType(kind), { setElementOrder: true });
}

/** Apply a strategic merge patch as the API server does. */
export function strategicMergePatch(current: Obj, patch: Obj, kind: string): Obj {
  return mergeMap(clone(current), clone(patch), rootType(kind), { mergeParallelList: true, ignoreUnmatchedNulls: true });
}

/** RFC 7386 JSON merge patch. */
export function jsonMergePatch(target: J, patch: J): J {
  if (!isObj(patch)) return clone(patch);
  const out: Obj = isObj(target) ? clone(target) : {};
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = jsonMergePatch(out[k], v);
  }
  return out;
}

/** RFC 6902 JSON patch, with evanphx/json-patch's error messages. */
export function jsonPatch(doc: J, ops: J): J {
  if (!Array.isArray(ops)) throw new PatchError('json: cannot unmarshal object into Go value of type jsonpatch.Patch');
  let out = clone(doc);
  const parse = (p: J): string[] => {
    if (typeof p !== 'string') throw new PatchError('invalid path');
    if (p === '') return [];
    if (!p.startsWith('/')) throw new PatchError(`add operation does not apply: doc is missing path: "${p}": missing value`);
    return p.slice(1).split('/').map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
  };
  const container = (root: J, parts: string[], path: string, op: string): [J, string] => {
    let cur = root;
    for (const part of parts.slice(0, -1)) {
      if (Array.isArray(cur)) cur = cur[Number(part)];
      else if (isObj(cur)) cur = cur[part];
      else cur = undefined;
      if (cur === undefined || cur === null) throw new PatchError(op === 'replace' ? `replace operation does not apply: doc is missing path: ${path}: missing value` : `${op} operation does not apply: doc is missing path: "${path}": missing value`);
    }
    return [cur, parts[parts.length - 1]];
  };
  const get = (root: J, path: string, op: string): J => {
    const parts = parse(path);
    if (!parts.length) return root;
    const [c, last] = container(root, parts, path, op);
    const v = Array.isArray(c) ? c[Number(last)] : isObj(c) ? c[last] : undefined;
    if (v === undefined) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    return v;
  };
  const remove = (root: J, path: string, op: string): J => {
    const parts = parse(path);
    const [c, last] = container(root, parts, path, op);
    const wrap = op === 'remove' ? `error in remove for path: '${path}': ` : `error in ${op} for path: '${last}': `;
    if (Array.isArray(c)) {
      const i = Number(last);
      if (!Number.isInteger(i) || i < 0 || i >= c.length) throw new PatchError(`${wrap}Unable to access invalid index: ${last}: invalid index referenced`);
      return c.splice(i, 1)[0];
    }
    if (!isObj(c) || !(last in c)) throw new PatchError(`${wrap}Unable to remove nonexistent key: ${last}: missing value`);
    const v = c[last]; delete c[last]; return v;
  };
  const add = (root: J, path: string, value: J, replace: boolean, op: string): J => {
    const parts = parse(path);
    if (!parts.length) return clone(value);
    const [c, last] = container(root, parts, path, op);
    if (Array.isArray(c)) {
      if (last === '-' && !replace) { c.push(clone(value)); return root; }
      const i = Number(last);
      if (replace && Number.isInteger(i) && i >= c.length) throw new PatchError(`replace operation does not apply: doc is missing key: ${path}: missing value`);
      if (!Number.isInteger(i) || i < 0 || i > c.length || (replace && i >= c.length)) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
      if (replace) c[i] = clone(value); else c.splice(i, 0, clone(value));
      return root;
    }
    if (!isObj(c)) throw new PatchError(`${op} operation does not apply: doc is missing path: "${path}": missing value`);
    // json-patch v4 (kubectl's and the API server's): replacing a missing key of an object adds it
    c[last] = clone(value);
    return root;
  };
  for (const op of ops) {
    if (!isObj(op)) throw new PatchError(`json: cannot unmarshal ${Array.isArray(op) ? 'array' : op === null ? 'null' : typeof op === 'boolean' ? 'bool' : typeof op} into Go value of type jsonpatch.Operation`);
    switch (op.op) {
      case 'add': out = add(out, op.path, op.value, false, 'add'); break;
      case 'replace': out = add(out, op.path, op.value, true, 'replace'); break;
      case 'remove': remove(out, op.path, 'remove'); break;
      case 'move': { const v = remove(out, op.from, 'move'); out = add(out, op.path, v, false, 'move'); break; }
      case 'copy': { const v = get(out, op.from, 'copy'); out = add(out, op.path, v, false, 'copy'); break; }
      case 'test': {
        const v = get(out, op.path, 'test');
        if (!deepEqual(v, op.value)) throw new PatchError(`testing value ${op.path} failed: test failed`);
        break;
      }
      default: throw new PatchError(`Unexpected kind: ${op.op}`);
    }
  }
  return out;
}
