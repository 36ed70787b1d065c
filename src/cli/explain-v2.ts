// kubectl explain --output=plaintext-openapiv2: kubectl 1.32's older explain (pkg/explain:
// model_printer.go, fields_printer.go, recursive_fields_printer.go, field_lookup.go, typename.go,
// formatter.go), ported visitor by visitor. kubectl reads the server's OpenAPI v2 through
// kube-openapi's proto models; kubesim holds Kubernetes 1.32's OpenAPI v3 documents, whose
// component schemas are the same definitions (same names, descriptions, required lists), so they
// are parsed here into the same model (document.go's ParseSchema): a $ref (or v3's
// allOf:[{$ref}]) is a Reference carrying the property's description, an object with properties
// a Kind, an object without them a Map (of Arbitrary when it says nothing), an array an Array,
// anything else with a type a Primitive, and no type and no properties Arbitrary.
type Schema = Record<string, any>;

type Model =
  | { t: 'kind'; desc: string; fields: Record<string, Schema>; required: string[] }
  | { t: 'ref'; desc: string; ref: string }
  | { t: 'array'; desc: string; sub: Schema }
  | { t: 'map'; desc: string; sub: Schema | undefined }
  | { t: 'primitive'; desc: string; type: string }
  | { t: 'arbitrary'; desc: string };

function parse(s: Schema | undefined): Model {
  if (!s) return { t: 'arbitrary', desc: '' };
  const desc = s.description ?? '';
  const ref = s.$ref ?? (Array.isArray(s.allOf) && s.allOf.length === 1 ? s.allOf[0]?.$ref : undefined);
  if (ref) return { t: 'ref', desc, ref };
  const type = Array.isArray(s.type) ? s.type[0] : s.type;
  if (!type) return s.properties ? { t: 'kind', desc, fields: s.properties, required: s.required ?? [] } : { t: 'arbitrary', desc };
  if (type === 'object') {
    if (s.properties) return { t: 'kind', desc, fields: s.properties, required: s.required ?? [] };
    return { t: 'map', desc, sub: typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined };
  }
  if (type === 'array') return { t: 'array', desc, sub: s.items };
  return { t: 'primitive', desc, type };
}

class Resolver {
  constructor(private doc: Schema) {}
  sub(ref: string): Model {
    const name = ref.replace(/^#\/(components\/schemas|definitions)\//, '');
    return parse(this.doc.components?.schemas?.[name]);
  }
}

/** typename.go: Object, []T, map[string]T, the primitive's type; Arbitrary has no name. */
function typeName(m: Model, r: Resolver): string {
  switch (m.t) {
    case 'array': return `[]${typeName(parse(m.sub), r)}`;
    case 'kind': return 'Object';
    case 'map': return `map[string]${m.sub ? typeName(parse(m.sub), r) : ''}`;
    case 'primitive': return m.type;
    case 'ref': return typeName(r.sub(m.ref), r);
    case 'arbitrary': return '';
  }
}

/** formatter.go's wrapString. */
export function wrapString(str: string, wrap: number): string[] {
  const wrapped: string[] = [];
  let words: string[] = [];
  let lastWord = '';
  // Go's len: bytes, not UTF-16 units
  const len = (ws: string[]) => Buffer.byteLength(ws.join(' '));
  const flush = () => { if (words.length) { lastWord = ''; wrapped.push(words.join(' ')); words = []; } };
  const add = (w: string) => { if (len([...words, w]) <= wrap || words.length === 0) { words.push(w); return true; } return false; };
  const bullet = /^(\d+\.?|-|\*)\s/;
  const newLine = (last: string, s: string) => {
    if (last.endsWith(':')) return true;
    if (s.startsWith('    ')) return true;
    s = s.trim();
    return s.length === 0 || bullet.test(s);
  };
  for (const s of str.split('\n')) {
    if (s.startsWith('    ')) { flush(); wrapped.push(s); continue; }
    if (wrapped.length > 0 && s.trim().length === 0) { flush(); wrapped.push(''); continue; }
    if (newLine(lastWord, s)) flush();
    // strings.Fields: unicode.IsSpace
    for (const w of s.split(/[ \t\n\v\f\r\u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/).filter(Boolean)) {
      lastWord = w;
      if (!add(w)) { flush(); add(w); }
    }
  }
  flush();
  return wrapped;
}

class Formatter {
  constructor(private outp: string[], private indent = 0, private wrap = 80) {}
  in(n: number): Formatter { return new Formatter(this.outp, this.indent + n, this.wrap); }
  write(s: string): void { this.outp.push(s === '' ? '\n' : ' '.repeat(this.indent) + s + '\n'); }
  wrapped(s: string): void { for (const l of wrapString(s, this.wrap - this.indent)) this.write(l); }
}

/** field_lookup.go: the schema at the path (a primitive or arbitrary schema ends the walk). */
function lookup(m: Model, path: string[], r: Resolver): Model {
  for (;;) {
    if (m.t === 'primitive' || m.t === 'arbitrary') return m;
    if (path.length === 0) return m;
    if (m.t === 'array' || m.t === 'map') { m = parse(m.sub); continue; }
    if (m.t === 'ref') { m = r.sub(m.ref); continue; }
    const sub = m.fields[path[0]];
    if (!sub) throw new FieldError(`field "${path[0]}" does not exist`);
    path = path.slice(1);
    m = parse(sub);
  }
}
export class FieldError extends Error {}

function printFields(m: Model, w: Formatter, r: Resolver, recursive: boolean, visited: Set<string>): void {
  switch (m.t) {
    case 'array': case 'map': if (m.sub) printFields(parse(m.sub), w, r, recursive, visited); return;
    case 'ref':
      if (recursive) {
        if (visited.has(m.ref)) return;
        visited.add(m.ref);
        printFields(r.sub(m.ref), w, r, recursive, visited);
        visited.delete(m.ref);
      } else printFields(r.sub(m.ref), w, r, recursive, visited);
      return;
    case 'kind':
      for (const key of Object.keys(m.fields).sort()) {
        const v = parse(m.fields[key]);
        if (recursive) {
          w.write(`${key}\t<${typeName(v, r)}>`);
          printFields(v, w.in(3), r, recursive, visited);
        } else {
          w.write(`${key}\t<${typeName(v, r)}>${m.required.includes(key) ? ' -required-' : ''}`);
          w.in(2).wrapped(v.desc);
          w.write('');
        }
      }
      return;
    default: return;
  }
}

/** PrintModelDescription: the text kubectl prints for the kind's schema and the field path. */
export function explainV2(doc: Schema, schemaName: string, gvk: { group: string; version: string; kind: string }, fieldsPath: string[], recursive: boolean): string {
  const r = new Resolver(doc);
  const root = parse(doc.components.schemas[schemaName]);
  const schema = lookup(root, fieldsPath, r);
  const name = fieldsPath.length ? fieldsPath[fieldsPath.length - 1] : '';
  const outp: string[] = [];
  const w = new Formatter(outp);
  const descs: string[] = [];
  let type = '';
  const kindAndVersion = () => { w.write(`KIND:     ${gvk.kind}`); w.write(`VERSION:  ${gvk.group ? gvk.group + '/' : ''}${gvk.version}\n`); };
  const description = (own: string) => {
    w.write('DESCRIPTION:');
    let empty = true;
    [...descs, own].forEach((d, i) => {
      if (d === '') return;
      empty = false;
      if (i !== 0) w.write('');
      w.in(5).wrapped(d);
    });
    if (empty) w.in(5).wrapped('<empty>');
  };
  let m: Model = schema;
  for (;;) {
    if (m.t === 'array' || m.t === 'map') {
      descs.push(m.desc);
      if (!type) type = typeName(m, r);
      m = parse(m.sub); // a map that says nothing of its values holds Arbitrary
      continue;
    }
    if (m.t === 'ref') { descs.push(m.desc); m = r.sub(m.ref); continue; }
    break;
  }
  if (m.t === 'kind') {
    kindAndVersion();
    if (!type) type = 'Object';
    if (name) w.write(`RESOURCE: ${name} <${type}>\n`);
    description(m.desc);
    w.write('\nFIELDS:');
    printFields(m, w.in(3), r, recursive, new Set());
  } else if (m.t === 'primitive') {
    kindAndVersion();
    if (!type) type = m.type;
    w.write(`FIELD:    ${name} <${type}>\n`);
    description(m.desc);
  } else {
    kindAndVersion();
    description(m.desc);
  }
  return outp.join('');
}

/** LookupResource: the schema whose x-kubernetes-group-version-kind names the kind. */
export function schemaForGVK(doc: Schema, gvk: { group: string; version: string; kind: string }): string | undefined {
  const schemas = doc.components?.schemas ?? {};
  for (const name of Object.keys(schemas)) {
    if ((schemas[name]['x-kubernetes-group-version-kind'] ?? []).some((g: Schema) => (g.group ?? '') === gvk.group && g.version === gvk.version && g.kind === gvk.kind)) return name;
  }
  return undefined;
}
