// A custom resource against its CRD's structural OpenAPI v3 schema, as the apiextensions
// API server does it on every write: pruning of unknown fields (unless
// x-kubernetes-preserve-unknown-fields), defaulting (`default`), then validation with
// kube-openapi's messages turned into field errors (pkg/apiserver/validation/validation.go:
// kubeOpenAPIResultToFieldErrors).
import type { Cause } from './validation';

export interface Schema {
  type?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: Schema | boolean;
  items?: Schema;
  required?: string[];
  enum?: unknown[];
  default?: unknown;
  nullable?: boolean;
  minimum?: number; maximum?: number; exclusiveMinimum?: boolean; exclusiveMaximum?: boolean;
  multipleOf?: number;
  minLength?: number; maxLength?: number; pattern?: string;
  minItems?: number; maxItems?: number; uniqueItems?: boolean;
  minProperties?: number; maxProperties?: number;
  format?: string;
  'x-kubernetes-preserve-unknown-fields'?: boolean;
  'x-kubernetes-int-or-string'?: boolean;
  'x-kubernetes-embedded-resource'?: boolean;
  [k: string]: unknown;
}

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** The child schema of an object's property, or undefined when the field is unknown. */
function propSchema(s: Schema, k: string): Schema | undefined {
  if (s.properties && k in s.properties) return s.properties[k];
  if (isObj(s.additionalProperties)) return s.additionalProperties as Schema;
  if (s.additionalProperties === true) return {};
  return undefined;
}

/** structuralpruning.Prune: drop fields the schema does not know. At the root, apiVersion, kind
 *  and metadata are kept (metadata is the server's). */
export function prune(v: unknown, s: Schema | undefined, root = false): void {
  if (!s) return;
  if (Array.isArray(v)) { if (s.items) for (const x of v) prune(x, s.items); return; }
  if (!isObj(v)) return;
  const preserve = !!s['x-kubernetes-preserve-unknown-fields'];
  for (const k of Object.keys(v)) {
    if (root && (k === 'apiVersion' || k === 'kind' || k === 'metadata')) continue;
    const c = propSchema(s, k);
    if (c === undefined) { if (!preserve) delete v[k]; continue; }
    prune(v[k], c);
  }
}

/** structuraldefaulting.Default (after PruneNonNullableNullsWithoutDefaults): a missing field
 *  with a default gets it; a null one that may not be null gets its default or goes. */
export function applyDefaults(v: unknown, s: Schema | undefined): void {
  if (!s) return;
  if (Array.isArray(v)) { if (s.items) for (let i = 0; i < v.length; i++) { if (v[i] === null && !s.items.nullable && s.items.default !== undefined) v[i] = structuredClone(s.items.default); applyDefaults(v[i], s.items); } return; }
  if (!isObj(v)) return;
  for (const [k, c] of Object.entries(s.properties ?? {})) {
    if (v[k] === null && !c.nullable) { if (c.default !== undefined) v[k] = structuredClone(c.default); else delete v[k]; }
    else if (!(k in v) && c.default !== undefined) v[k] = structuredClone(c.default);
  }
  for (const k of Object.keys(v)) {
    const c = s.properties?.[k] ?? (isObj(s.additionalProperties) ? s.additionalProperties as Schema : undefined);
    if (c) applyDefaults(v[k], c);
  }
}

/** The type name kube-openapi reports for a value. */
function typeOf(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'number') return Number.isInteger(v) ? 'integer' : 'number';
  if (typeof v === 'boolean') return 'boolean';
  return typeof v;
}

/** Go's %v of a JSON value in a field error (numbers as int64/float64, strings quoted). */
export function goValue(v: unknown): string {
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return goFloat(v);
  if (typeof v === 'boolean') return String(v);
  if (v === null || v === undefined) return 'null';
  return JSON.stringify(v);
}
function goFloat(n: number): string {
  if (Number.isInteger(n) && Math.abs(n) < 1e21) return String(n);
  const s = String(n);
  return s.replace(/e\+?(-?)(\d)$/, 'e$1$2').replace(/e(-?)(\d)$/, (_m, sg, d) => `e${sg || '+'}0${d}`);
}

/** Validate `v` (the whole object; `path` "" at the root) and collect field errors. */
export function validate(v: unknown, s: Schema | undefined, path: string, out: Cause[]): void {
  if (!s) return;
  const name = path || '.';
  const where = path ? `${path} in body` : 'body';
  if (v === null) {
    if (s.nullable || !s.type) return;
    out.push({ field: name, message: `Invalid value: "null": ${where} must be of type ${s.type}: "null"` });
    return;
  }
  if (s['x-kubernetes-int-or-string']) {
    const t = typeOf(v);
    if (t !== 'integer' && t !== 'string') out.push({ field: name, message: `Invalid value: ${JSON.stringify(t)}: ${where} must be of type integer,string: ${JSON.stringify(t)}` });
  } else if (s.type) {
    const t = typeOf(v);
    const ok = t === s.type || (s.type === 'number' && t === 'integer');
    if (!ok) { out.push({ field: name, message: `Invalid value: ${JSON.stringify(t)}: ${where} must be of type ${s.type}: ${JSON.stringify(t)}` }); return; }
  }
  const inv = (val: unknown, msg: string) => out.push({ field: name, message: `Invalid value: ${goValue(val)}: ${where} ${msg}` });
  if (s.enum && !s.enum.some((e) => JSON.stringify(e) === JSON.stringify(v))) {
    out.push({ field: name, message: `Unsupported value: ${goValue(v)}: supported values: ${s.enum.map((e) => JSON.stringify(typeof e === 'string' ? e : JSON.stringify(e))).join(', ')}` });
  }
  if (typeof v === 'number') {
    if (s.maximum !== undefined && (s.exclusiveMaximum ? v >= s.maximum : v > s.maximum)) inv(v, `should be less than ${s.exclusiveMaximum ? '' : 'or equal to '}${goFloat(s.maximum)}`);
    if (s.minimum !== undefined && (s.exclusiveMinimum ? v <= s.minimum : v < s.minimum)) inv(v, `should be greater than ${s.exclusiveMinimum ? '' : 'or equal to '}${goFloat(s.minimum)}`);
    if (s.multipleOf !== undefined && s.multipleOf !== 0 && !Number.isInteger(v / s.multipleOf)) inv(v, `should be a multiple of ${goFloat(s.multipleOf)}`);
  }
  if (typeof v === 'string') {
    const len = [...v].length;
    if (s.maxLength !== undefined && len > s.maxLength) out.push({ field: name, message: `Too long: may not be more than ${s.maxLength} byte${s.maxLength === 1 ? '' : 's'}` });
    if (s.minLength !== undefined && len < s.minLength) inv(v, `should be at least ${s.minLength} chars long`);
    if (s.pattern !== undefined) {
      let re: RegExp | undefined;
      try { re = new RegExp(s.pattern, 'u'); } catch { try { re = new RegExp(s.pattern); } catch { re = undefined; } }
      if (re && !re.test(v)) inv(v, `should match '${s.pattern}'`);
    }
  }
  if (Array.isArray(v)) {
    if (s.maxItems !== undefined && v.length > s.maxItems) out.push({ field: name, message: `Too many: ${v.length}: must have at most ${s.maxItems} item${s.maxItems === 1 ? '' : 's'}` });
    if (s.minItems !== undefined && v.length < s.minItems) inv(v.length, `should have at least ${s.minItems} items`);
    if (s.uniqueItems && new Set(v.map((x) => JSON.stringify(x))).size !== v.length) inv(v, `shouldn't contain duplicates`);
    if (s.items) v.forEach((x, i) => validate(x, s.items, `${path}[${i}]`, out));
    return;
  }
  if (isObj(v)) {
    const n = Object.keys(v).length;
    if (s.maxProperties !== undefined && n > s.maxProperties) out.push({ field: name, message: `Too many: ${n}: must have at most ${s.maxProperties} item${s.maxProperties === 1 ? '' : 's'}` });
    if (s.minProperties !== undefined && n < s.minProperties) inv(n, `should have at least ${s.minProperties} properties`);
    for (const r of s.required ?? []) if (!(r in v)) out.push({ field: path ? `${path}.${r}` : r, message: 'Required value' });
    for (const k of Object.keys(v)) {
      if (!path && (k === 'metadata' || k === 'apiVersion' || k === 'kind')) continue;
      const c = s.properties?.[k] ?? (isObj(s.additionalProperties) ? s.additionalProperties as Schema : undefined);
      if (c) validate(v[k], c, path ? `${path}.${k}` : k, out);
    }
  }
}
