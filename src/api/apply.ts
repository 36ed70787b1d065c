// Server-side apply (PATCH application/apply-patch+yaml), simplified from structured-merge-diff:
// the applied configuration's field set (FieldsV1: f:<field>, k:{<merge key>} for keyed list
// elements, lists without a merge key atomic) is recorded in metadata.managedFields under the
// field manager; the configuration is merged into the live object with the strategic-merge
// rules; fields the manager applied before and no longer applies (and nobody else owns) are
// removed; a field another manager owns with a different value is a conflict unless force.
import { ApiError, KObject } from './types';
import { rootType, fieldOf, elemType } from './schema';
import { strategicMergePatch, deepEqual } from './merge';

type J = any;
type Path = string[];

const isObj = (v: J): v is Record<string, J> => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Leaf paths of a value (segments `f:x`, `k:{...}`). */
function leafPaths(v: J, type: string, prefix: Path, out: Path[]): void {
  if (!isObj(v)) { out.push(prefix); return; }
  const keys = Object.keys(v);
  if (!keys.length) { out.push(prefix); return; }
  for (const k of keys) {
    const meta = fieldOf(type, k);
    const t = meta?.type ?? (type.startsWith('map:') ? elemType(type) : 'any');
    const x = v[k];
    const p = [...prefix, `f:${k}`];
    if (Array.isArray(x) && meta?.mergeKey && x.every(isObj)) {
      const et = elemType(t);
      if (!x.length) out.push(p);
      for (const el of x) {
        // ports are keyed by port and protocol (listMapKeys), the protocol defaulted to TCP
        const withProto = meta.mergeKey === 'containerPort' || (meta.mergeKey === 'port' && k === 'ports');
        const keyObj: Record<string, J> = { [meta.mergeKey]: el[meta.mergeKey], ...(withProto ? { protocol: el.protocol ?? 'TCP' } : {}) };
        const kp = [...p, `k:${JSON.stringify(keyObj)}`];
        const rest = { ...el };
        delete rest[meta.mergeKey];
        out.push([...kp, `f:${meta.mergeKey}`]);
        if (Object.keys(rest).length) leafPaths(rest, et, kp, out);
      }
    } else if (isObj(x)) leafPaths(x, t, p, out);
    else out.push(p);
  }
}

function pathsOf(obj: KObject): Path[] {
  const o: J = { ...obj };
  delete o.apiVersion; delete o.kind; delete o.status;
  const m = { ...(o.metadata ?? {}) };
  for (const k of ['name', 'namespace', 'uid', 'resourceVersion', 'generation', 'creationTimestamp', 'managedFields', 'selfLink', 'deletionTimestamp', 'deletionGracePeriodSeconds']) delete m[k];
  if (Object.keys(m).length) o.metadata = m; else delete o.metadata;
  const out: Path[] = [];
  leafPaths(o, rootType(obj.kind), [], out);
  return out.filter((p) => p.length);
}

/** FieldsV1 from leaf paths (a keyed element also gets its "." marker). */
function toFieldsV1(paths: Path[]): Record<string, J> {
  const root: Record<string, J> = {};
  for (const p of paths) {
    let cur = root;
    for (const seg of p) {
      cur[seg] ??= {};
      cur = cur[seg];
      if (seg.startsWith('k:')) cur['.'] ??= {};
    }
  }
  return root;
}

function fromFieldsV1(f: J, prefix: Path = [], out: Path[] = []): Path[] {
  if (!isObj(f)) return out;
  const keys = Object.keys(f).filter((k) => k !== '.');
  if (!keys.length && prefix.length && !prefix[prefix.length - 1].startsWith('k:')) out.push(prefix);
  for (const k of keys) fromFieldsV1(f[k], [...prefix, k], out);
  return out;
}

function valueAt(obj: J, p: Path): { found: boolean; value?: J } {
  let cur = obj;
  for (const seg of p) {
    if (seg.startsWith('f:')) {
      if (!isObj(cur) || !(seg.slice(2) in cur)) return { found: false };
      cur = cur[seg.slice(2)];
    } else if (seg.startsWith('k:')) {
      const key = JSON.parse(seg.slice(2));
      if (!Array.isArray(cur)) return { found: false };
      cur = cur.find((el: J) => isObj(el) && Object.entries(key).every(([k, v]) => deepEqual(el[k], v as J)));
      if (cur === undefined) return { found: false };
    } else return { found: false };
  }
  return { found: true, value: cur };
}

function removeAt(obj: J, p: Path): void {
  let cur = obj;
  for (let i = 0; i < p.length - 1; i++) {
    const r = valueAt(cur, [p[i]]);
    if (!r.found) return;
    cur = r.value;
  }
  const last = p[p.length - 1];
  if (last.startsWith('f:') && isObj(cur)) delete cur[last.slice(2)];
}

/** `.spec.template.spec.containers[name="web"].image`, as conflicts name a field. */
function pathString(p: Path): string {
  return p.map((s) => {
    if (s.startsWith('f:')) return `.${s.slice(2)}`;
    const k = JSON.parse(s.slice(2));
    return `[${Object.entries(k).map(([a, b]) => `${a}=${JSON.stringify(b)}`).join(',')}]`;
  }).join('');
}

const key = (p: Path) => JSON.stringify(p);

export interface ApplyOptions { manager: string; force: boolean; now: string }

/** The object to store after applying `applied` to `current` (undefined: create it). */
export function serverSideApply(current: KObject | undefined, applied: KObject, opts: ApplyOptions): KObject {
  const appliedPaths = pathsOf(applied);
  const entry = (paths: Path[]) => ({
    manager: opts.manager, operation: 'Apply', apiVersion: applied.apiVersion, time: opts.now, fieldsType: 'FieldsV1', fieldsV1: toFieldsV1(paths),
  });
  if (!current) {
    const o = structuredClone(applied);
    o.metadata = { ...(o.metadata ?? {}), managedFields: [entry(appliedPaths)] };
    return o;
  }
  const managers: any[] = Array.isArray(current.metadata.managedFields) ? structuredClone(current.metadata.managedFields) : [];
  const mine = managers.find((m) => m.manager === opts.manager && m.operation === 'Apply');
  const prevPaths = mine ? fromFieldsV1(mine.fieldsV1) : [];
  // conflicts: another manager owns a field this one sets to another value
  const conflicts: { manager: string; apiVersion: string; path: Path }[] = [];
  const others = managers.filter((m) => m !== mine);
  const appliedSet = new Set(appliedPaths.map(key));
  for (const m of others) {
    for (const p of fromFieldsV1(m.fieldsV1)) {
      if (!appliedSet.has(key(p))) continue;
      const a = valueAt(applied, p), c = valueAt(current, p);
      if (c.found && !deepEqual(a.value, c.value)) conflicts.push({ manager: m.manager, apiVersion: m.apiVersion, path: p });
    }
  }
  if (conflicts.length && !opts.force) {
    const byMgr = new Map<string, typeof conflicts>();
    for (const c of conflicts) { const k = `conflict with "${c.manager}"${c.apiVersion ? ` using ${c.apiVersion}` : ''}`; byMgr.set(k, [...(byMgr.get(k) ?? []), c]); }
    const n = conflicts.length;
    let msg = `Apply failed with ${n} conflict${n === 1 ? '' : 's'}: `;
    const parts: string[] = [];
    for (const [k, cs] of byMgr) {
      parts.push(cs.length === 1 ? `${k}: ${pathString(cs[0].path)}` : `${k.replace(/^conflict/, 'conflicts')}:\n${cs.map((c) => `- ${pathString(c.path)}`).join('\n')}`);
    }
    msg += parts.join('\n');
    throw new ApiError('Conflict', msg, 409, { causes: conflicts.map((c) => ({ field: pathString(c.path), message: `conflict with "${c.manager}"${c.apiVersion ? ` using ${c.apiVersion}` : ''}` })) });
  }
  const merged: KObject = strategicMergePatch(current as J, applied as J, current.kind) as KObject;
  // fields this manager no longer applies, owned by nobody else, are removed
  const otherOwned = new Set(others.flatMap((m) => fromFieldsV1(m.fieldsV1)).map(key));
  for (const p of prevPaths) if (!appliedSet.has(key(p)) && !otherOwned.has(key(p))) removeAt(merged, p);
  // taken over with force: the other managers lose those fields
  const taken = new Set(conflicts.map((c) => key(c.path)));
  const kept = others.map((m) => {
    if (!taken.size) return m;
    const ps = fromFieldsV1(m.fieldsV1).filter((p) => !taken.has(key(p)));
    return ps.length ? { ...m, fieldsV1: toFieldsV1(ps) } : undefined;
  }).filter(Boolean);
  const mineNew = entry(appliedPaths);
  const list = mine ? managers.map((m) => (m === mine ? mineNew : kept.find((k) => k.manager === m.manager && k.operation === m.operation))).filter(Boolean) : [...kept, mineNew];
  merged.metadata.managedFields = list;
  return merged;
}
