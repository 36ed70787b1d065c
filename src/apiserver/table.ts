// Server-side Tables (meta.k8s.io/v1 Table), built from kubesim's own table printers, so that
// real `kubectl get` prints the columns kubesim's `kubectl get` prints. Every column is sent
// (priority 1 = -o wide only); rows carry the object as includeObject asks (None, Metadata: a
// PartialObjectMetadata, the default; Object).
import type { KObject } from '../api/types';
import { tableFor } from '../printers/table/index';
import { StatusError } from './respond';

export type IncludeObject = 'None' | 'Metadata' | 'Object';

export function includeObjectOf(q: URLSearchParams): IncludeObject {
  const v = q.get('includeObject') ?? '';
  if (v === '' ) return 'Metadata';
  if (v === 'None' || v === 'Metadata' || v === 'Object') return v;
  throw new StatusError(400, 'BadRequest', `Invalid value: "${v}": must be 'Metadata', 'Object', 'None', or empty`);
}

function rowObject(o: KObject, include: IncludeObject): unknown {
  if (include === 'None') return undefined;
  if (include === 'Object') return o;
  return { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: o.metadata };
}

export function toTable(kind: string, objects: KObject[], now: Date, opts: { include: IncludeObject; noHeaders?: boolean; listMeta?: Record<string, unknown> }): Record<string, unknown> {
  const t = tableFor(kind, objects, now);
  const columnDefinitions = opts.noHeaders ? [] : t.columns.map((c) => ({
    name: c.name, type: 'string', format: c.format ?? '', description: '', priority: c.priority,
  }));
  return {
    kind: 'Table', apiVersion: 'meta.k8s.io/v1', metadata: opts.listMeta ?? {},
    columnDefinitions,
    rows: t.rows.map((cells, i) => {
      const obj = rowObject(objects[i], opts.include);
      return obj === undefined ? { cells } : { cells, object: obj };
    }),
  };
}
