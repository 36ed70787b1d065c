// Unit checks of the JSONPath engine's API, Go formatting helpers, quantities and the table-mode
// sort (which real kubectl cannot show through the oracle: its tables come from the server).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { CliError } from '../src/api/types';
import { compileJsonPath, evalJsonPath, findJsonPathResults, relaxedJsonPathExpression } from '../src/printers/jsonpath/index';
import { formatFloatV, goQuote, goJsonString, goSharpU, goSharpV, goJson, goJsonIndent, parseJsonLossless, GoFloat, kindOf, goJsonRoundTrip } from '../src/printers/jsonpath/values';
import { parseQuantity, sortForTables, sortObjects, sortTableRows } from '../src/printers/sortby';
import { goSortInPlace as goSort } from '../src/printers/gosort';

const svc = { apiVersion: 'v1', kind: 'Service', metadata: { name: 'web', labels: { 'app.kubernetes.io/name': 'web' } }, spec: { ports: [{ port: 80 }, { port: 443 }] } };

test('compileJsonPath: output, parse errors, execution errors', () => {
  assert.deepEqual(compileJsonPath('{.metadata.name}:{.spec.ports[*].port}')(svc), { out: 'web:80 443' });
  assert.deepEqual(compileJsonPath('{.spec.ports[0]}', { asJson: true })(svc), { out: '[\n    {\n        "port": 80\n    }\n]\n' });
  assert.throws(() => compileJsonPath('{.a'), (e: unknown) => e instanceof CliError && e.message === 'error parsing jsonpath {.a, unclosed action');
  const r = compileJsonPath('{.nope}', { allowMissingKeys: false })({ a: 1 });
  assert.equal(r.out, '');
  assert.equal(r.err, 'error: error executing jsonpath "{.nope}": Error executing template: nope is not found. Printing more information for debugging the template:\n'
    + '\ttemplate was:\n\t\t{.nope}\n\tobject given to jsonpath engine was:\n\t\tmap[string]interface {}{"a":1}\n\n\n');
});

test('a compiled template keeps client-go range state between objects (watch)', () => {
  // client-go re-slices the parsed nodes when it enters {range} and never restores them: the next
  // object starts inside the range body, where {end} has nothing to end.
  const f = compileJsonPath('{.metadata.name}{range .spec.ports[*]} {.port}{end}|');
  assert.deepEqual(f(svc), { out: 'web 80 443|' });
  const second = f(svc);
  assert.equal(second.out, '');
  assert.match(second.err!, /Error executing template: not in range, nothing to end\./);
  // without a range the template is reusable
  const g = compileJsonPath('{.metadata.name}');
  assert.equal(g(svc).out, 'web');
  assert.equal(g(svc).out, 'web');
});

test('a Go panic becomes a raw CliError with exit code 2 and the output printed before it', () => {
  const f = compileJsonPath('{.a}{range .b[*]}{@}{end}', { asJson: true });
  try {
    f({ a: 1, b: [null] });
    assert.fail('no panic');
  } catch (e) {
    assert.ok(e instanceof CliError);
    assert.equal(e.exitCode, 2);
    assert.ok(e.raw);
    assert.match(e.message, /^panic: reflect: call of reflect\.Value\.Interface on zero Value\n/);
    assert.equal((e as CliError & { stdout: string }).stdout, '[\n    1\n]\n');
  }
});

test('evalJsonPath / findJsonPathResults', () => {
  assert.deepEqual(evalJsonPath('{.spec.ports[*].port}', svc), [80, 443]);
  assert.deepEqual(evalJsonPath('{.metadata.labels.app\\.kubernetes\\.io/name}{.kind}', svc), ['web', 'Service']);
  assert.deepEqual(findJsonPathResults('{.metadata.name}{.nope}', svc), [['web'], []]);
  assert.throws(() => findJsonPathResults('{.nope}', svc, { allowMissingKeys: false }), /nope is not found/);
  assert.deepEqual(evalJsonPath('{.spec.ports[?(@.port>100)].port}', svc), [443]);
});

test('relaxed JSONPath expressions', () => {
  for (const s of ['metadata.name', '.metadata.name', '{metadata.name}', '{.metadata.name}']) assert.equal(relaxedJsonPathExpression(s), '{.metadata.name}');
  assert.equal(relaxedJsonPathExpression(''), '');
  assert.throws(() => relaxedJsonPathExpression('{.a}{.b}'), CliError);
  assert.throws(() => relaxedJsonPathExpression('{}'), CliError);
});

test('Go float formatting (%v) and JSON', () => {
  const cases: [number, string][] = [[0.5, '0.5'], [1e6, '1e+06'], [999999, '999999'], [1234567.5, '1.2345675e+06'], [123456.5, '123456.5'],
    [0.0001, '0.0001'], [0.00001, '1e-05'], [1e21, '1e+21'], [12345678901234567890, '1.2345678901234567e+19'], [-0, '-0'], [100, '100'], [-3.25, '-3.25']];
  for (const [f, s] of cases) assert.equal(formatFloatV(f), s, String(f));
  assert.equal(goJson({ b: [1, 'x', true, null], a: new GoFloat(2), c: 1e-7, d: 1e21 }), '{"a":2,"b":[1,"x",true,null],"c":1e-7,"d":1e+21}');
  assert.equal(goJsonIndent({}, '    '), '{}');
  assert.equal(goJsonIndent({ a: [] }, '    '), '{\n    "a": []\n}');
});

test('Go quoting and JSON string escapes', () => {
  assert.equal(goQuote('a\bb\fc\x01d\u2028e\x7fé"\\'), '"a\\bb\\fc\\x01d\\u2028e\\x7fé\\"\\\\"');
  assert.equal(goJsonString('<a&b>\n\t\u2028\x7f"é\x01'), '"\\u003ca\\u0026b\\u003e\\n\\t\\u2028\x7f\\"é\\u0001"');
  assert.equal(goSharpU(0x26), "U+0026 '&'");
  assert.equal(goSharpU(9), 'U+0009');
  assert.equal(goSharpV({ z: null, a: [1, 'x'], m: {} }), 'map[string]interface {}{"a":[]interface {}{1, "x"}, "m":map[string]interface {}{}, "z":interface {}(nil)}');
});

test('lossless JSON keeps Go number kinds; the List round trip makes integral floats int64', () => {
  const v = parseJsonLossless('{"a":2.0,"b":2,"c":123456789012345678,"d":12345678901234567890,"e":0.5,"s":"1.0"}') as Record<string, unknown>;
  assert.ok(v.a instanceof GoFloat);
  assert.equal(kindOf(v.a), 'float64');
  assert.equal(kindOf(v.b), 'int64');
  assert.equal(v.c, 123456789012345678n);
  assert.equal(kindOf(v.d), 'float64');
  assert.equal(v.e, 0.5);
  assert.equal(v.s, '1.0');
  const rt = goJsonRoundTrip(v) as Record<string, unknown>;
  assert.equal(kindOf(rt.a), 'int64');
  assert.equal(kindOf(rt.d), 'float64');
  assert.equal(compileJsonPath('{.a} {.c}')(v).out, '2 123456789012345678');
});

test('quantities compare by value', () => {
  const cmp = (a: string, b: string) => {
    const x = parseQuantity(a)!;
    const y = parseQuantity(b)!;
    const l = x.n * y.d;
    const r = y.n * x.d;
    return l < r ? -1 : l > r ? 1 : 0;
  };
  assert.equal(cmp('1Gi', '1000Mi'), 1);
  assert.equal(cmp('0.5Gi', '512Mi'), 0);
  assert.equal(cmp('1e3', '1k'), 0);
  assert.equal(cmp('100m', '0.1'), 0);
  assert.equal(cmp('-1', '0'), -1);
  assert.equal(cmp('1n', '0.0000000001'), 0); // rounded up to 1n
  assert.equal(cmp('E', '0'), 0); // a bare suffix is zero
  for (const bad of ['', 'abc', '1e', '2024-05-01T00:00:00Z', '10.96.0.1', '1Mix', 'web-1']) assert.equal(parseQuantity(bad), undefined, bad);
});

test('sortObjects: messages and order', () => {
  const pods = ['b', 'a10', 'a2'].map((n, i) => ({ metadata: { name: n, i } }));
  assert.deepEqual(sortObjects(pods, '.metadata.name').map((p) => p.metadata.name), ['a10', 'a2', 'b']);
  assert.throws(() => sortObjects(pods, '.nope'), (e: unknown) => e instanceof CliError && e.message === 'couldn\'t find any field with path "{.nope}" in the list of objects');
  assert.deepEqual(sortObjects([], '.nope'), []);
  assert.throws(() => sortObjects(pods, '{.a}{.b}'), /unexpected path string/);
  assert.throws(() => sortObjects([{ a: true }, { a: false }], '.a'), (e: unknown) => e instanceof CliError && e.raw && e.exitCode === 1
    && / sorter\.go:329\] Field \{\.a\} in \*unstructured\.Unstructured is an unsortable type: interface, err: unsortable type: bool\n$/.test(e.message));
});

test('sortForTables: per-table sort, dropped tables, several resource types', () => {
  const a = [{ metadata: { name: 'y' } }, { metadata: { name: 'x' } }];
  assert.deepEqual(sortForTables([a], '.metadata.name'), [[a[1], a[0]]]);
  assert.deepEqual(sortForTables([a], '.nope'), [null]); // kubectl prints nothing for this table
  assert.deepEqual(sortForTables([[a[0]]], '.nope'), [[a[0]]]); // one row: not sorted, not checked
  assert.deepEqual(sortTableRows(a, '{.a['), null);
  assert.throws(() => sortForTables([a, a], '.metadata.name'), (e: unknown) => e instanceof CliError
    && e.message === 'couldn\'t find any field with path "{.metadata.name}" in the list of objects');
});

test('goSort is Go sort.Sort: ties in pdqsort order', () => {
  const keys = [0, 100, 0, 1000, 50, 0, 100, 0, 0, 2000, 0, 100, 0, 0, 0, 10, 0, 0, 100, 0];
  const items = keys.map((k, i) => ({ k, i }));
  goSort(items, (x, y) => x.k < y.k);
  assert.deepEqual(items.map((x) => x.i), [10, 17, 2, 8, 16, 5, 14, 0, 19, 13, 7, 12, 15, 4, 11, 1, 6, 18, 3, 9]);
});
