// kubectl explain RESOURCE[.FIELD...]: kubectl 1.32's plaintext explain (pkg/explain/v2 and its
// templates/plaintext.tmpl, ported template by template) over Kubernetes 1.32's own OpenAPI v3
// documents (templates/openapi/, reduced by scripts/gen-openapi.mjs; src/api/openapi.ts).
import { CliError } from '../api/types';
import { out } from './io';
import { parseFlags } from './flags';
import { resolveResource, KINDS } from '../api/kinds';
import { openapiV3ExplainDocument } from '../api/openapi';

type Schema = Record<string, any>;

export function run(argv: string[]): number {
  const p = parseFlags(argv, [
    { name: 'recursive', type: 'bool', default: false },
    { name: 'api-version', type: 'string', default: '' },
    { name: 'output', short: 'o', type: 'string', default: 'plaintext' },
  ], 'kubectl explain');
  const output = p.flags.output;
  if (output !== 'plaintext' && output !== 'plaintext-openapiv2') throw new CliError(`unrecognized format: ${output}`);
  if (!p.args.length) throw new CliError('You must specify the type of resource to explain. Use "kubectl api-resources" for a complete list of supported resources.');
  if (p.args.length > 1) throw new CliError('We accept only this format: explain RESOURCE');
  const [resource, ...fieldPath] = p.args[0].split('.');
  const k = resolveResource(resource);
  if (!k) throw new CliError(`the server doesn't have a resource type "${resource}"`, 1, true);
  let group = k.group, version = k.version;
  const av = p.flags['api-version'];
  if (av) {
    const i = av.indexOf('/');
    [group, version] = i < 0 ? ['', av] : [av.slice(0, i), av.slice(i + 1)];
  }
  if (output === 'plaintext-openapiv2') {
    // renderOpenAPIV2: the kind from the mapper, the version from --api-version when given
    const gvk = { group, version, kind: k.kind };
    const v2 = require('./explain-v2') as typeof import('./explain-v2');
    const d = openapiV3ExplainDocument(group ? `apis/${group}/${version}` : `api/${version}`, k.plural) as Record<string, any> | undefined;
    const name = d && v2.schemaForGVK(d, gvk);
    if (!d || !name) throw new CliError(`couldn't find resource for "${group}/${version}, Kind=${k.kind}"`);
    try {
      out(v2.explainV2(d, name, gvk, fieldPath, p.flags.recursive));
    } catch (e) {
      if (e instanceof v2.FieldError) throw new CliError(e.message);
      throw e;
    }
    return 0;
  }
  const gvr = `${group}/${version}, Resource=${k.plural}`;
  const gvPath = group ? `apis/${group}/${version}` : `api/${version}`;
  const doc = k.custom ? (require('../api/crd') as typeof import('../api/crd')).customOpenapiDocument(gvPath) : openapiV3ExplainDocument(gvPath, k.plural);
  if (!doc) throw new CliError(`couldn't find resource for "${gvr}"`);
  out(render(doc, { group, version, resource: k.plural }, fieldPath, p.flags.recursive));
  return 0;
}

/** plaintext.tmpl: the header, then the schema of the kind (throws the template's errors after
 *  printing what the template had printed). */
export function render(doc: Schema, gvr: { group: string; version: string; resource: string }, fieldPath: string[], recursive: boolean): string {
  const prefix = gvr.group ? `/apis/${gvr.group}` : '/api';
  const searchPaths = [
    [prefix, gvr.version, gvr.resource], [prefix, gvr.version, gvr.resource, '{name}'],
    [prefix, gvr.version, 'namespaces', '{namespace}', gvr.resource], [prefix, gvr.version, 'namespaces', '{namespace}', gvr.resource, '{name}'],
  ].map((s) => s.join('/'));
  let gvk: Schema | undefined;
  for (const sp of searchPaths) {
    const el = doc.paths?.[sp];
    if (!truthy(el)) continue;
    for (const m of ['get', 'post', 'put', 'patch', 'delete']) {
      const op = el[m];
      if (!truthy(op)) continue;
      gvk = op['x-kubernetes-group-version-kind'];
      if (truthy(gvk)) break;
    }
  }
  if (!truthy(gvk)) throw new CliError(`error: GVR (${gvr.group}/${gvr.version}, Resource=${gvr.resource}) not found in OpenAPI schema`, 1, true);
  let text = (gvk!.group ? `GROUP:      ${gvk!.group}\n` : '') + `KIND:       ${gvk!.kind}\nVERSION:    ${gvk!.version}\n\n`;
  const schemas = doc.components?.schemas ?? {};
  let body = '';
  for (const name of Object.keys(schemas).sort()) {
    const s = schemas[name];
    if (!(s['x-kubernetes-group-version-kind'] ?? []).some((g: Schema) => deepEqual(g, gvk))) continue;
    body = output({ schema: s, history: {}, doc, fieldPath, recursive });
    if (!body) {
      out(text);
      throw new CliError(`error: field "${fieldPath[fieldPath.length - 1]}" does not exist`, 1, true);
    }
    break;
  }
  if (!body) {
    out(text);
    throw new CliError(`error: GVK ${goMap(gvk!)} not found in OpenAPI schema`, 1, true);
  }
  return text + body + '\n';
}

interface Ctx { schema: Schema; history: Record<string, number>; doc: Schema; fieldPath: string[]; recursive: boolean }

/** Go templates' truth: empty strings, maps, lists, 0, false and nil are false. */
function truthy(v: any): boolean {
  if (v === undefined || v === null || v === false || v === 0 || v === '') return false;
  if (Array.isArray(v)) return v.length > 0;
  if (typeof v === 'object') return Object.keys(v).length > 0;
  return true;
}
const isMap = (v: any) => truthy(v) && typeof v === 'object' && !Array.isArray(v);
function deepEqual(a: any, b: any): boolean { return JSON.stringify(sortKeys(a)) === JSON.stringify(sortKeys(b)); }
function sortKeys(v: any): any {
  if (Array.isArray(v)) return v.map(sortKeys);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys(v[k])]));
  return v;
}
const goMap = (m: Schema) => `map[${Object.keys(m).sort().map((k) => `${k}:${m[k]}`).join(' ')}]`;

function resolveRef(ref: any, doc: Schema): Schema | undefined {
  if (typeof ref !== 'string' || !ref.startsWith('#')) return undefined;
  let cur: any = doc;
  for (const k of ref.slice(1).split('/')) {
    if (!k) continue;
    const next = cur?.[decodeURIComponent(k).replace(/~1/g, '/').replace(/~0/g, '~')];
    if (!next || typeof next !== 'object' || Array.isArray(next)) return undefined;
    cur = next;
  }
  return cur;
}
const orSchema = (a: Schema | undefined, b: Schema) => (truthy(a) ? a! : b);

/** go-wordwrap's WrapString, as term.NewWordWrapWriter writes it. Its space and word buffers
 *  are always runs of the input, kept here as slices (limits count code points, as Go's runes). */
export function wrap(lim: number, s: string): string {
  let out = '';
  let current = 0;
  let sp0 = 0, sp1 = 0, spLen = 0; // the space run s[sp0, sp1)
  let w0 = 0, w1 = 0, wLen = 0; // the word run s[w0, w1)
  const isSpace = (c: number) => c === 32 || (c >= 9 && c <= 13) || c === 0x85 || (c > 127 && c !== 0xa0 && /\s/.test(String.fromCodePoint(c)));
  for (let i = 0; i < s.length;) {
    const c = s.codePointAt(i)!;
    const n = c > 0xffff ? 2 : 1;
    if (c === 10) {
      if (!wLen) {
        if (current + spLen > lim) current = 0;
        else { current += spLen; out += s.slice(sp0, sp1); }
      } else {
        current += spLen + wLen;
        out += s.slice(sp0, sp1) + s.slice(w0, w1);
        wLen = 0; w0 = w1 = 0;
      }
      spLen = 0; sp0 = sp1 = 0;
      out += '\n';
      current = 0;
    } else if (isSpace(c)) {
      if (!spLen || wLen) {
        current += spLen + wLen;
        out += s.slice(sp0, sp1) + s.slice(w0, w1);
        spLen = 0; wLen = 0; w0 = w1 = 0;
      }
      if (!spLen) sp0 = i;
      sp1 = i + n; spLen++;
    } else {
      if (!wLen) w0 = i;
      w1 = i + n; wLen++;
      if (current + spLen + wLen > lim && wLen < lim) {
        out += '\n';
        current = 0;
        spLen = 0; sp0 = sp1 = 0;
      }
    }
    i += n;
  }
  if (!wLen) { if (current + spLen <= lim) out += s.slice(sp0, sp1); } else out += s.slice(sp0, sp1) + s.slice(w0, w1);
  return out;
}
const indent = (n: number, s: string) => { const pad = ' '.repeat(n); return pad + s.split('\n').join('\n' + pad); };

function output(c: Ctx): string {
  const refString: string = c.schema['$ref'] || '';
  const next: Ctx = { ...c, history: { ...c.history, [refString]: 1 } };
  const resolved = orSchema(resolveRef(refString, c.doc), c.schema);
  if (!c.fieldPath.length) {
    let s = 'DESCRIPTION:\n' + indent(4, wrap(76, description(resolved, c.doc) || '<empty>')) + '\n';
    const ed = externalDocs(resolved);
    if (ed) s += '\n' + ed;
    const fl = fieldList({ schema: resolved, level: 1, doc: c.doc, recursive: c.recursive, history: {} });
    if (fl) s += 'FIELDS:\n' + fl;
    return s;
  }
  if (refString && c.history[refString]) return '';
  const props = resolved.properties;
  if (truthy(props) && truthy(props[c.fieldPath[0]])) {
    const sub = props[c.fieldPath[0]];
    let s = '';
    if (c.fieldPath.length === 1) s += `FIELD: ${c.fieldPath[0]} <${typeGuess(sub, c.doc)}>\n` + extractEnum(sub, true, -1, 0) + '\n\n';
    return s + output({ ...next, history: {}, fieldPath: c.fieldPath.slice(1), schema: sub });
  }
  if (truthy(resolved.items)) return output({ ...next, schema: resolved.items });
  if (isMap(resolved.additionalProperties)) return output({ ...next, schema: resolved.additionalProperties });
  for (const sub of resolved.allOf ?? []) {
    const o = output({ ...next, schema: sub });
    if (o) return o;
  }
  return '';
}

function description(schema: Schema, doc: Schema): string {
  const s = orSchema(resolveRef(schema['$ref'], doc), schema);
  if (!truthy(s)) return '';
  let t = '';
  if (truthy(s.description)) t += s.description + '\n';
  for (const a of s.allOf ?? []) t += description(a, doc);
  if (truthy(s.items)) t += description(s.items, doc);
  if (isMap(s.additionalProperties)) t += description(s.additionalProperties, doc);
  return t;
}

function externalDocs(schema: Schema): string {
  const e = schema.externalDocs;
  if (!truthy(e)) return '';
  let s = 'EXTERNAL DOCS:\n';
  if (truthy(e.description)) s += indent(4, wrap(76, e.description)) + '\n';
  if (truthy(e.url)) s += indent(4, 'URL: ' + e.url) + '\n';
  return s;
}

interface ListCtx { schema: Schema; level: number; doc: Schema; recursive: boolean; history: Record<string, number> }
function fieldList(c: ListCtx): string {
  const refString: string = c.schema['$ref'] || '';
  if (refString && c.history[refString]) return '';
  const next: ListCtx = { ...c, history: { ...c.history, [refString]: 1 } };
  const resolved = orSchema(resolveRef(refString, c.doc), c.schema);
  let s = '';
  if (isMap(resolved.properties)) {
    for (const k of Object.keys(resolved.properties).sort()) {
      s += fieldDetail(k, resolved, c.recursive, c.level, c.doc);
      if (c.recursive) s += fieldList({ ...next, schema: resolved.properties[k], level: c.level + 1 });
    }
  }
  for (const a of resolved.allOf ?? []) s += fieldList({ ...next, schema: a });
  if (truthy(resolved.items)) s += fieldList({ ...next, schema: resolved.items });
  if (isMap(resolved.additionalProperties)) s += fieldList({ ...next, schema: resolved.additionalProperties });
  return s;
}

function fieldDetail(name: string, schema: Schema, short: boolean, level: number, doc: Schema): string {
  const ind = level * 2;
  const f = schema.properties[name];
  let s = indent(ind, name) + '\t<' + typeGuess(f, doc) + '>';
  if ((schema.required ?? []).includes(name)) s += ' -required-';
  s += extractEnum(f, false, 4, ind) + '\n';
  if (!short) {
    s += indent(ind + 2, wrap(78 - ind, truthy(f.description) ? f.description : '<no description>')) + '\n';
    const e = f.externalDocs;
    if (truthy(e)) {
      s += '\n' + indent(ind + 2, 'EXTERNAL DOCS:') + '\n';
      if (truthy(e.description)) s += indent(ind + 4, wrap(76 - ind, e.description)) + '\n';
      if (truthy(e.url)) s += indent(ind + 4, 'URL: ' + e.url) + '\n';
    }
    s += '\n';
  }
  return s;
}

function typeGuess(s: Schema, doc: Schema): string {
  if (!truthy(s)) throw new Error("expected schema argument to subtemplate 'typeguess'");
  if (truthy(s.items)) return '[]' + typeGuess(s.items, doc);
  if (isMap(s.additionalProperties)) return 'map[string]' + typeGuess(s.additionalProperties, doc);
  if (truthy(s.allOf) && !truthy(s.properties) && s.allOf.length === 1) return typeGuess(s.allOf[0], doc);
  if (truthy(s['$ref'])) {
    const ref: string = s['$ref'];
    const rs = resolveRef(ref, doc);
    if (!truthy(rs) || !truthy(rs!.type) || rs!.type === 'object') {
      const name = ref.split('/').pop()!;
      return name.split('.').pop() || 'Object';
    }
    return rs!.type || 'Object';
  }
  if (s.type === 'object') return 'Object';
  return truthy(s.type) ? s.type : 'Object';
}

function extractEnum(s: Schema, longView: boolean, limit: number, indentAmount: number): string {
  if (!truthy(s) || !truthy(s.enum)) return '';
  let t = longView ? 'ENUM:' : '\n' + ' '.repeat(indentAmount) + 'enum: ';
  (s.enum as any[]).every((e, i) => {
    if (limit > -1 && i >= limit) { t += ', ....'; return false; }
    if (i > 0 && !longView) t += ', ';
    else if (longView) t += '\n    ';
    t += typeof e === 'string' && e === '' ? '""' : String(e);
    return true;
  });
  return t;
}

/** The kinds explain knows: every kind kubesim serves (api-resources). */
export const EXPLAINABLE = () => KINDS.map((k) => k.plural);
