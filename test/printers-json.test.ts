import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toJson, toCompactJson, watchEventJson, listWrapper, goJsonString, compareBytes } from '../src/printers/json';
import { toTypedOrder } from '../src/printers/typed';
import { cases, getInput, expected, read, scramble, samplePod } from './golden/jsonyaml/golden';

for (const c of cases()) {
  if (c.type === 'get') {
    test(`json golden: kubectl ${c.args.join(' ')} -o json`, () => {
      const d = getInput(c);
      const want = expected(c, 'json');
      assert.equal(want.err, undefined);
      assert.equal(toJson(d.single ?? listWrapper(d.items), { sortKeys: true }), want.out);
    });
  } else {
    test(`json golden (typed): kubectl ${c.args.join(' ')} -o json`, () => {
      const want = read(`${c.name}.json`);
      // the typed tables alone must restore kubectl's order from any key order
      const obj = scramble(JSON.parse(want));
      assert.equal(toJson(toTypedOrder(obj), { sortKeys: false }), want);
    });
  }
}

test('typed: zero values Go always writes are filled in', () => {
  const dep = { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'x', labels: { app: 'x' } }, spec: { replicas: 1, selector: { matchLabels: { app: 'x' } }, template: { metadata: { labels: { app: 'x' } }, spec: { containers: [{ name: 'nginx', image: 'nginx' }] } } } };
  assert.equal(toJson(toTypedOrder(dep), { sortKeys: false }), read('create-deployment.json').replace(/my-nginx/g, 'x'));
  const svc = toTypedOrder({ kind: 'Service', apiVersion: 'v1', metadata: { name: 's' }, spec: { ports: [{ port: 80 }] } }) as any;
  assert.deepEqual(svc.spec.ports, [{ port: 80, targetPort: 0 }]);
  assert.deepEqual(svc.status, { loadBalancer: {} });
  assert.equal(svc.metadata.creationTimestamp, null);
});

test('typed: Go maps sort by bytes, also with integer-like keys', () => {
  const cm = toTypedOrder({ kind: 'ConfigMap', apiVersion: 'v1', metadata: { name: 'c' }, data: { b: '1', '9': 'n', '10': 't', A: 'x' } });
  assert.equal(toJson(cm, { sortKeys: false }), '{\n    "kind": "ConfigMap",\n    "apiVersion": "v1",\n    "metadata": {\n        "name": "c",\n        "creationTimestamp": null\n    },\n    "data": {\n        "10": "t",\n        "9": "n",\n        "A": "x",\n        "b": "1"\n    }\n}\n');
  // unknown kinds: kind, apiVersion, metadata first, the rest as given
  const u = toTypedOrder({ spec: { z: 1, a: 2 }, metadata: { name: 'u' }, apiVersion: 'x/v1', kind: 'Widget' });
  assert.deepEqual(Object.keys(u), ['kind', 'apiVersion', 'metadata', 'spec']);
  assert.deepEqual(Object.keys((u as any).spec), ['z', 'a']);
});

test('Go string escaping', () => {
  assert.equal(goJsonString('<b>&amp;</b>'), '"\\u003cb\\u003e\\u0026amp;\\u003c/b\\u003e"');
  assert.equal(goJsonString('a\u2028b\u2029'), '"a\\u2028b\\u2029"');
  assert.equal(goJsonString('"\\\b\f\n\r\t\u0001\u001f\u007f'), '"\\"\\\\\\b\\f\\n\\r\\t\\u0001\\u001f\u007f"');
  assert.equal(goJsonString('héllo ✓ 😀'), '"héllo ✓ 😀"');
  assert.equal(goJsonString('x\ud800y\udc00'), '"x\ufffdy\ufffd"');
});

test('byte-order keys: surrogates sort after U+E000..U+FFFF, as in UTF-8', () => {
  const keys = ['😀', '\uffee', 'a', 'Z', '_', '10', '9', 'é'];
  assert.deepEqual(keys.sort(compareBytes), ['10', '9', 'Z', '_', 'a', 'é', '\uffee', '😀']);
});

test('numbers print as Go prints int64/float64', () => {
  assert.equal(toCompactJson([0, -1, 1.5, 1e21, 1e-7, 0.000001, 123456789012, 1e20, 2.5e-10]), '[0,-1,1.5,1e+21,1e-7,0.000001,123456789012,100000000000000000000,2.5e-10]');
});

test('watch events: one compact line, type first, object keys sorted', () => {
  const line = watchEventJson('ADDED', { metadata: { name: 'x<' }, kind: 'Pod', apiVersion: 'v1' });
  assert.equal(line, '{"type":"ADDED","object":{"apiVersion":"v1","kind":"Pod","metadata":{"name":"x\\u003c"}}}\n');
});

test('List wrapper and empty collections', () => {
  assert.equal(toJson(listWrapper([])), '{\n    "apiVersion": "v1",\n    "items": [],\n    "kind": "List",\n    "metadata": {\n        "resourceVersion": ""\n    }\n}\n');
  assert.equal(toJson({ a: {}, b: [], c: [{}], d: null }), '{\n    "a": {},\n    "b": [],\n    "c": [\n        {}\n    ],\n    "d": null\n}\n');
});

test('10,000 pods print in one piece (timing is reported, not asserted: see npm run bench)', (t) => {
  const items = Array.from({ length: 10000 }, (_, i) => samplePod(i));
  const t0 = process.hrtime.bigint();
  const out = toJson(listWrapper(items));
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.ok(out.length > 20e6, `output ${out.length} bytes`);
  t.diagnostic(`toJson of 10,000 pods (${(out.length / 1e6).toFixed(1)} MB): ${ms.toFixed(0)} ms`);
});
