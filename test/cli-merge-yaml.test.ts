// The manifest reader: go-yaml v2 values and messages, kubectl's document splitting, JSON
// streams, Lists, and the decoding errors kubectl reports.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseYaml, splitYamlDocuments } from '../src/api/goyaml';
import { visitStream } from '../src/cli/manifests';

const err = (text: string) => { try { parseYaml(text); } catch (e: any) { return e.message; } return 'no error'; };

test('YAML 1.1 scalars as goyaml.v2 resolves them', () => {
  const v: any = parseYaml(`
a: yes
b: No
c: on
d: 0123
e: 0x1F
f: 1_000
g: .5
h: ~
i: 2024-01-01
j: "quoted"
k: '12'
l: -3
m: 1e3
o: 8080/TCP
p: 10.0.0.1
q: !!str 12
r: 3.0
`);
  assert.deepEqual(v, { a: true, b: false, c: true, d: 83, e: 31, f: 1000, g: 0.5, h: null, i: '2024-01-01', j: 'quoted', k: '12', l: -3, m: 1000, o: '8080/TCP', p: '10.0.0.1', q: '12', r: 3 });
});

test('block scalars, flow collections, anchors, aliases and merge keys', () => {
  const v: any = parseYaml(`
lit: |
  line1
  line2
fold: >-
  a
  b

  c
keep: |+
  x

flow: {a: [1, 2, {b: c}], "d e": f}
base: &base {x: 1, z: 2}
derived:
  <<: *base
  z: 3
list:
- &item one
- *item
`);
  assert.equal(v.lit, 'line1\nline2\n');
  assert.equal(v.fold, 'a b\nc');
  assert.equal(v.keep, 'x\n\n');
  assert.deepEqual(v.flow, { a: [1, 2, { b: 'c' }], 'd e': 'f' });
  assert.deepEqual(v.derived, { x: 1, z: 3 });
  // `y`, `n`, `on`, `off` are booleans in YAML 1.1, keys too
  assert.deepEqual(parseYaml('y: 1\nn: 2\n'), { true: 1, false: 2 });
  assert.deepEqual(v.list, ['one', 'one']);
});

test('double-quoted escapes and multi-line plain scalars', () => {
  assert.deepEqual(parseYaml('a: "tab\\there \\u00e9 \\x41"\nb: plain\n  continued\n'), { a: 'tab\there é A', b: 'plain continued' });
});

test("go-yaml's messages and line numbers (parser errors count lines from 0, scanner errors from 1)", () => {
  assert.equal(err('a: 1\nb:\n  c: 1\n d: 2\n'), 'yaml: line 3: did not find expected key');
  assert.equal(err('a: 1\nb:\n  - x\n   y: 2\n'), 'yaml: line 4: mapping values are not allowed in this context');
  assert.equal(err('a:\n  b: c: d\n'), 'yaml: line 2: mapping values are not allowed in this context');
  assert.equal(err('a:\n\tb: 1\n'), 'yaml: line 2: found character that cannot start any token');
  assert.equal(err('a: "unterminated\n'), 'yaml: line 2: found unexpected end of stream');
  assert.equal(err('a: [1, 2\n'), 'yaml: line 1: did not find expected \',\' or \']\'');
  assert.equal(err('a: 1\nb: [1, 2\n'), 'yaml: line 2: did not find expected \',\' or \']\'');
  assert.equal(err('a: 1\nb\nc: 2\n'), "yaml: line 3: could not find expected ':'");
  assert.equal(err('a: *nope\n'), "yaml: unknown anchor 'nope' referenced");
  assert.equal(err('a: b: c\n'), 'yaml: mapping values are not allowed in this context');
  assert.equal(err('a: 1\x07\n'), 'yaml: control characters are not allowed');
});

test('documents split at --- lines; a bad separator is an error when reached', () => {
  assert.deepEqual([...splitYamlDocuments('a: 1\n---\nb: 2\n--- # c\n\n---\nc: 3')], ['a: 1\n', 'b: 2\n', '\n', 'c: 3']);
  assert.deepEqual([...splitYamlDocuments('---\na: 1\n')], ['---\na: 1\n']);
  const it = splitYamlDocuments('a: 1\n---x\n');
  assert.throws(() => it.next(), /invalid Yaml document separator: x/);
});

const visits = (text: string, source = 'f.yaml') => [...visitStream(text, source)].map((v) => ('error' in v ? `ERR ${v.error.message}` : `${v.object.obj.kind}/${v.object.obj.metadata.name}`));

test('streams: YAML documents, JSON values, Lists; errors stop the stream where kubectl stops', () => {
  assert.deepEqual(visits('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\n# only a comment\n---\napiVersion: apps/v1\nkind: Deployment\nmetadata: {name: b}\n'), ['ConfigMap/a', 'Deployment/b']);
  assert.deepEqual(visits('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}} {"apiVersion":"v1","kind":"Secret","metadata":{"name":"b"}}', 'f.json'), ['ConfigMap/a', 'Secret/b']);
  assert.deepEqual(visits('{"apiVersion":"v1","kind":"List","items":[{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"a"}},{"apiVersion":"v1","kind":"Nope","metadata":{"name":"b"}}]}', 'l.json'),
    ['ConfigMap/a', 'ERR unable to recognize no matches for kind "Nope" in version "v1"']);
  assert.deepEqual(visits('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: a}\n---\nx: [\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: c}\n'),
    ['ConfigMap/a', 'ERR error parsing f.yaml: error converting YAML to JSON: yaml: line 1: did not find expected node content']);
  assert.deepEqual(visits('{"a": 1,}', 'j.json'), ["ERR error parsing j.json: json: offset 9: invalid character '}' looking for beginning of object key string"]);
  assert.deepEqual(visits('{"a": 1', 'j.json'), ['ERR error parsing j.json: unexpected EOF']);
  assert.deepEqual(visits('apiVersion: v1\nmetadata: {name: x}\n'), [`ERR unable to decode "f.yaml": Object 'Kind' is missing in '{"apiVersion":"v1","metadata":{"name":"x"}}'`]);
  assert.deepEqual(visits('apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: x\n  labels: {v: 1.0}\n'), ['ERR unable to decode "f.yaml": json: cannot unmarshal number into Go struct field ObjectMeta.metadata.labels of type string']);
  assert.deepEqual(visits('apiVersion: v1\nkind: Gadget\nmetadata: {name: g}\n'), ['ERR resource mapping not found for name: "g" namespace: "" from "f.yaml": no matches for kind "Gadget" in version "v1"\nensure CRDs are installed first']);
});
