// kubectl explain --output=plaintext-openapiv2 (src/cli/explain-v2.ts): kubectl 1.32's own unit
// tests of pkg/explain (model_printer_test.go, fields_printer_test.go,
// recursive_fields_printer_test.go) on their own fixtures (test/fixtures/explain-v2/, copied from
// kubernetes/kubectl v0.32.1), then the command on kubesim's documents.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { explainV2, schemaForGVK, FieldError } from '../src/cli/explain-v2';
import { cluster } from './helpers/kubectl';

// the fixture has a trailing comma, which kubectl's loader (YAML) accepts
const load = (f: string) => {
  const d = JSON.parse(readFileSync(join(__dirname, '..', '..', 'test', 'fixtures', 'explain-v2', f), 'utf8').replace(/,(\s*[}\]])/g, '$1'));
  return { components: { schemas: d.definitions } };
};
const doc = load('test-swagger.json');
const one = { group: '', version: 'v1', kind: 'OneKind' };
const explain = (path: string[], gvk = one, d = doc, recursive = false) => explainV2(d, schemaForGVK(d, gvk)!, gvk, path, recursive);

const LOREM = `     Lorem ipsum dolor sit amet, consectetur adipiscing elit. Nulla ut lacus ac
     enim vulputate imperdiet ac accumsan risus. Integer vel accumsan lectus.
     Praesent tempus nulla id tortor luctus, quis varius nulla laoreet. Ut orci
     nisi, suscipit id velit sed, blandit eleifend turpis. Curabitur tempus ante
     at lectus viverra, a mattis augue euismod. Morbi quam ligula, porttitor sit
     amet lacus non, interdum pulvinar tortor. Praesent accumsan risus et ipsum
     dictum, vel ullamcorper lorem egestas.
`;

test('model_printer_test.go: the kind, a reference field, a primitive, an array, an untyped field', () => {
  assert.equal(explain([]), `KIND:     OneKind\nVERSION:  v1\n\nDESCRIPTION:\n     OneKind has a short description\n\nFIELDS:\n   field1\t<Object> -required-\n${LOREM.replace(/^ {5}/gm, '     ')}\n   field2\t<[]map[string]string>\n     This is an array of object of PrimitiveDef\n\n`);
  assert.equal(explain(['field1']), `KIND:     OneKind\nVERSION:  v1\n\nRESOURCE: field1 <Object>\n\nDESCRIPTION:\n${LOREM}\n     This is another kind of Kind\n\nFIELDS:\n   array\t<[]integer>\n     This array must be an array of int\n\n   int\t<integer>\n     This int must be an int\n\n   object\t<map[string]string>\n     This is an object of string\n\n   primitive\t<string>\n\n   string\t<string> -required-\n     This string must be a string\n\n`);
  assert.equal(explain(['field1', 'string']), 'KIND:     OneKind\nVERSION:  v1\n\nFIELD:    string <string>\n\nDESCRIPTION:\n     This string must be a string\n');
  assert.equal(explain(['field1', 'array']), 'KIND:     OneKind\nVERSION:  v1\n\nFIELD:    array <[]integer>\n\nDESCRIPTION:\n     This array must be an array of int\n\n     This is an int in an array\n');
  const cc = { group: '', version: 'v1', kind: 'ControlCharacterKind' };
  assert.equal(explain([], cc), 'KIND:     ControlCharacterKind\nVERSION:  v1\n\nDESCRIPTION:\n     Control character %\n\nFIELDS:\n   field1\t<>\n     Control character %\n\n');
});

test('recursive_fields_printer_test.go: pre-order, references cut where they repeat', () => {
  const fields = (s: string) => s.slice(s.indexOf('FIELDS:\n') + 8);
  assert.equal(fields(explain([], one, doc, true)), 'field1\t<Object>\n   array\t<[]integer>\n   int\t<integer>\n   object\t<map[string]string>\n   primitive\t<string>\n   string\t<string>\nfield2\t<[]map[string]string>\n'.replace(/^(?=.)/gm, '   '));
  const rdoc = load('test-recursive-swagger.json');
  assert.equal(fields(explain([], { group: '', version: 'v2', kind: 'OneKind' }, rdoc, true)),
    'field1\t<Object>\n   referencefield\t<Object>\n   referencesarray\t<[]Object>\nfield2\t<Object>\n   reference\t<Object>\n      referencefield\t<Object>\n      referencesarray\t<[]Object>\n   string\t<string>\n'.replace(/^(?=.)/gm, '   '));
});

test('field_lookup.go: a missing field is an error', () => {
  assert.throws(() => explain(['field1', 'nope']), (e: any) => e instanceof FieldError && e.message === 'field "nope" does not exist');
});

test('kubectl explain -o plaintext-openapiv2 on the cluster', () => {
  const c = cluster();
  try {
    const r = c.k('explain', 'deployment.spec.replicas', '--output=plaintext-openapiv2');
    assert.equal(r.code, 0, r.stderr);
    assert.match(r.stdout, /^KIND: {5}Deployment\nVERSION: {2}apps\/v1\n\nFIELD: {4}replicas <integer>\n\nDESCRIPTION:\n {5}Number of desired pods\./);
    const s = c.k('explain', 'svc.spec.ports', '-o', 'plaintext-openapiv2').stdout;
    assert.match(s, /^RESOURCE: ports <\[\]Object>$/m);
    assert.match(s, /^ {3}port\t<integer> -required-$/m);
    const e = c.k('explain', 'pods.spec.nope', '-o', 'plaintext-openapiv2');
    assert.deepEqual([e.code, e.stdout, e.stderr], [1, '', 'error: field "nope" does not exist\n']);
    const v = c.k('explain', 'deploy', '--api-version=apps/v1beta1', '-o', 'plaintext-openapiv2');
    assert.deepEqual([v.code, v.stderr], [1, 'error: couldn\'t find resource for "apps/v1beta1, Kind=Deployment"\n']);
  } finally { c.cleanup(); }
});
