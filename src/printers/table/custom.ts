// The table of a custom resource, as the apiextensions API server's table convertor makes it
// (apiextensions-apiserver/pkg/registry/customresource/tableconvertor): NAME, then the served
// version's additionalPrinterColumns (or AGE when it has none), each cell from a simple JSON
// path, typed by the column: integer, number, boolean, string, date (a duration since).
import type { KObject } from '../../api/types';
import type { CustomKind } from '../../api/kinds';
import { Column, RowFn } from './common';
import { translateTimestampSince } from '../duration';

type Col = CustomKind['columns'][number];

const DEFAULT_COLUMNS: Col[] = [{ name: 'Age', type: 'date', jsonPath: '.metadata.creationTimestamp' }];

/** A simple JSON path (`.a.b`, `.a[0].b`, `.a['x.y']`, `.a["x"]`) as steps; undefined when it is not one. */
export function simplePath(p: string): (string | number)[] | undefined {
  const steps: (string | number)[] = [];
  let i = 0;
  const s = p.trim();
  while (i < s.length) {
    if (s[i] === '.') {
      const m = /^\.([^.[\]]+)/.exec(s.slice(i));
      if (!m) return undefined;
      steps.push(m[1]); i += m[0].length;
    } else if (s[i] === '[') {
      const m = /^\[(?:(\d+)|'([^']*)'|"([^"]*)")\]/.exec(s.slice(i));
      if (!m) return undefined;
      steps.push(m[1] !== undefined ? Number(m[1]) : (m[2] ?? m[3])); i += m[0].length;
    } else return undefined;
  }
  return steps;
}

function lookup(o: unknown, steps: (string | number)[]): unknown {
  let cur: any = o;
  for (const st of steps) {
    if (cur === null || typeof cur !== 'object') return undefined;
    cur = cur[st as any];
    if (cur === undefined) return undefined;
  }
  return cur;
}

/** Go's json.Marshal of a decoded value (map keys sorted). */
function goJson(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) return `[${v.map(goJson).join(',')}]`;
  return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${goJson((v as any)[k])}`).join(',')}}`;
}

/** fmt.Sprint of a float64. */
function goFloat(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const s = String(n);
  const m = /^(-?[\d.]+)e([+-])(\d+)$/.exec(s);
  return m ? `${m[1]}e${m[2]}${m[3].padStart(2, '0')}` : s;
}

function cellOf(col: Col, v: unknown, now: Date): string {
  if (v === undefined || v === null) return '';
  switch (col.type) {
    case 'string':
      if (typeof v === 'string') return v;
      if (typeof v === 'object') return goJson(v);
      return typeof v === 'number' ? goFloat(v) : String(v);
    case 'integer': return typeof v === 'number' ? String(Math.trunc(v)) : '';
    case 'number': return typeof v === 'number' ? goFloat(v) : '';
    case 'boolean': return typeof v === 'boolean' ? String(v) : '';
    case 'date': {
      if (typeof v !== 'string') return '';
      if (Number.isNaN(Date.parse(v)) || !/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$/.test(v)) return '<invalid>';
      return translateTimestampSince(v, now);
    }
  }
  return '';
}

/** The columns and row function for a custom kind. */
export function customPrinter(custom: CustomKind): { columns: Column[]; row: RowFn } {
  const defs = custom.columns.length ? custom.columns : DEFAULT_COLUMNS;
  const paths = defs.map((c) => simplePath(c.jsonPath));
  const columns: Column[] = [{ name: 'Name', priority: 0, format: 'name' }, ...defs.map((c) => ({ name: c.name, priority: c.priority ?? 0 }))];
  const row: RowFn = (o: KObject, now: Date) => [o.metadata.name, ...defs.map((c, i) => (paths[i] ? cellOf(c, lookup(o, paths[i]!), now) : ''))];
  return { columns, row };
}
