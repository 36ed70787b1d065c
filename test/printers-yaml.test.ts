import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toYaml, toYamlStream, watchEventYaml, yamlKeyLess, sortYamlKeys, formatFloatG, yamlNumber, needsDoubleQuotes } from '../src/printers/yaml';
import { listWrapper } from '../src/printers/json';
import { toTypedOrder } from '../src/printers/typed';
import { CliError } from '../src/api/types';
import { cases, getInput, expected, read, samplePod, UNORDERED_KEYS, normalizeSecondLevel } from './golden/jsonyaml/golden';

for (const c of cases()) {
  if (c.type === 'get') {
    test(`yaml golden: kubectl ${c.args.join(' ')} -o yaml`, () => {
      const d = getInput(c);
      const want = expected(c, 'yaml');
      const value = d.single ?? listWrapper(d.items);
      if (want.err !== undefined) {
        assert.throws(() => toYaml(value), (e: unknown) => e instanceof CliError && `error: ${e.message}\n` === want.err);
      } else if (UNORDERED_KEYS.has(c.name)) {
        const got = toYaml(value);
        assert.equal(normalizeSecondLevel(got), normalizeSecondLevel(want.out!));
        assert.equal(got.length, want.out!.length);
      } else {
        assert.equal(toYaml(value), want.out);
      }
    });
  } else {
    test(`yaml golden (typed): kubectl ${c.args.join(' ')} -o yaml`, () => {
      const want = read(`${c.name}.yaml`);
      const obj = JSON.parse(read(`${c.name}.json`));
      assert.equal(toYaml(obj), want);
      assert.equal(toYaml(toTypedOrder(obj)), want);
    });
  }
}

test('key order: go-yaml natural order (verified list)', () => {
  const want = ['_x', '1', '9', '10', 'A', 'Z', 'a-b', 'a.b', 'a_b', 'a0', 'a00', 'a1', 'a01', 'aB', 'app', 'app.kubernetes.io/name', 'b2c9', 'b2c10', 'item9', 'item10', 'z', 'é'];
  assert.deepEqual(sortYamlKeys([...want].reverse()), want);
  assert.equal(yamlKeyLess('a', 'a'), false);
});

test('floats as strconv.FormatFloat(f, g, -1, 64)', () => {
  const cases: [number, string][] = [[1.5, '1.5'], [1234567.5, '1.2345675e+06'], [100000.5, '100000.5'], [1e-7, '1e-07'], [0.0001, '0.0001'],
    [0.00001, '1e-05'], [1e21, '1e+21'], [1e100, '1e+100'], [-2.5e-300, '-2.5e-300'], [1 / 3, '0.3333333333333333'], [123456.25, '123456.25']];
  for (const [f, s] of cases) assert.equal(formatFloatG(f), s, String(f));
  assert.equal(yamlNumber(1e20), '1e+20');
  assert.equal(yamlNumber(12345678901234567890), '12345678901234567000');
  assert.equal(yamlNumber(-1e19), '-1e+19');
  assert.equal(yamlNumber(42), '42');
});

test('strings that would read back as another type are double-quoted', () => {
  for (const s of ['true', 'y', 'NULL', '~', '', '1', '0x1F', '0o17', '1_000', '.5', '1e3', '2024-01-01', '2024-02-29', '2026-11-21T16:19:07Z', '1:20', '0b-101', '+.inf']) {
    assert.ok(needsDoubleQuotes(s), s);
  }
  for (const s of ['yes please', 'nil', '0x', '08x', '1.2.3', '2024-02-30', '2026-11-21T16:19:07', '1:60', '0x10000000000000000', '1e400', 'inf']) {
    assert.ok(!needsDoubleQuotes(s), s);
  }
});

test('watch: documents separated by ---', () => {
  assert.equal(toYamlStream([{ a: 1 }, { b: 'x' }, {}]), 'a: 1\n---\nb: x\n---\n{}\n');
  assert.equal(watchEventYaml('ADDED', { kind: 'Pod' }), 'object:\n  kind: Pod\ntype: ADDED\n');
});

test('Map values print sorted like Go maps', () => {
  assert.equal(toYaml(new Map<string, unknown>([['b', 1], ['10', 2], ['9', 3]])), '"9": 3\n"10": 2\nb: 1\n');
});

test('10,000 pods print in one piece (timing is reported, not asserted: see npm run bench)', (t) => {
  const items = Array.from({ length: 10000 }, (_, i) => samplePod(i));
  const t0 = process.hrtime.bigint();
  const out = toYaml(listWrapper(items));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.ok(out.length > 15e6, `output ${out.length} bytes`);
  t.diagnostic(`toYaml of 10,000 pods (${(out.length / 1e6).toFixed(1)} MB): ${ms.toFixed(0)} ms`);
});
