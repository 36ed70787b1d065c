// Unit tests of describe's building blocks: quantities, Go time formats in the local zone, Go's
// sort, joining several descriptions, options. The full outputs are compared with real kubectl
// in printers-describe.test.ts.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { parseQuantity, quantityString, addQuantity, cmpQuantity, quantityValue, quantityMilliValue, canonical } from '../src/printers/describe/quantity';
import { rfc1123z, goTimeString, formatLabels, labelSelectorString, formatLabelSelector } from '../src/printers/describe/writer';
import { goSort } from '../src/printers/gosort';
import { describeObject, joinDescriptions, joinPrefixMatches } from '../src/printers/describe/index';
import { smartLabelFor } from '../src/printers/describe/generic';
import type { ClusterReader, KObject } from '../src/api/types';

const q = (s: string) => parseQuantity(s)!;

function withTZ<T>(tz: string, fn: () => T): T {
  const saved = process.env.TZ;
  process.env.TZ = tz;
  try { return fn(); } finally { process.env.TZ = saved; }
}

function reader(objs: KObject[], now = new Date('2026-11-21T16:30:00Z')): ClusterReader {
  return {
    get: (kind, ns, name) => objs.find((o) => o.kind === kind && o.metadata.name === name && (o.metadata.namespace ?? '') === (ns ?? '')),
    list: (kind, ns) => objs.filter((o) => o.kind === kind && (ns === undefined || o.metadata.namespace === ns)),
    now: () => now,
  };
}

test('quantities print in canonical form', () => {
  const cases: [string, string][] = [
    ['100m', '100m'], ['1000m', '1'], ['1500m', '1500m'], ['0.5', '500m'], ['2', '2'], ['0', '0'],
    ['128Mi', '128Mi'], ['1024Mi', '1Gi'], ['1.5Gi', '1536Mi'], ['2048Ki', '2Mi'], ['16331364Ki', '16331364Ki'],
    ['1000', '1k'], ['1500000', '1500k'], ['100M', '100M'], ['1e3', '1e3'], ['12e2', '1200'], ['1Ki', '1Ki'],
    ['500', '500'], ['0.1Ki', '102400m'], ['1n', '1n'], ['1.0000000001', '1000000001n'],
  ];
  for (const [input, want] of cases) assert.equal(quantityString(q(input)), want, input);
  assert.equal(parseQuantity('abc'), undefined);
  assert.equal(canonical('not-a-quantity'), 'not-a-quantity');
});

test('quantity arithmetic keeps the first operand format', () => {
  assert.equal(quantityString(addQuantity(q('100m'), q('1'))), '1100m');
  assert.equal(quantityString(addQuantity(q('128Mi'), q('64Mi'))), '192Mi');
  assert.equal(quantityString(addQuantity(q('1Gi'), q('512Mi'))), '1536Mi');
  assert.equal(quantityString(addQuantity(q('250m'), q('750m'))), '1');
  assert.equal(cmpQuantity(q('1'), q('1000m')), 0);
  assert.equal(cmpQuantity(q('1Ki'), q('1k')), 1);
  assert.equal(quantityValue(q('100m')), 1n);
  assert.equal(quantityMilliValue(q('2')), 2000n);
  assert.equal(quantityValue(q('1Mi')), 1048576n);
});

test('times print as Go RFC1123Z and Time.String() in the local zone', () => {
  const ts = '2026-11-21T16:19:07Z';
  withTZ('UTC', () => {
    assert.equal(rfc1123z(ts), 'Sat, 21 Nov 2026 16:19:07 +0000');
    assert.equal(goTimeString(ts), '2026-11-21 16:19:07 +0000 UTC');
  });
  withTZ('America/New_York', () => {
    assert.equal(rfc1123z(ts), 'Sat, 21 Nov 2026 11:19:07 -0500');
    assert.equal(goTimeString(ts), '2026-11-21 11:19:07 -0500 EST');
    assert.equal(goTimeString('2026-07-04T12:00:00Z'), '2026-07-04 08:00:00 -0400 EDT');
  });
  withTZ('Asia/Kolkata', () => assert.equal(rfc1123z(ts), 'Sat, 21 Nov 2026 21:49:07 +0530'));
  // an unset time is Go's zero time
  withTZ('UTC', () => assert.equal(rfc1123z(null), 'Mon, 01 Jan 0001 00:00:00 +0000'));
});

test('labels and selectors format as apimachinery does', () => {
  assert.equal(formatLabels({ b: '2', a: '1' }), 'a=1,b=2');
  assert.equal(formatLabels({}), '<none>');
  const sel = { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['z', 'a'] }, { key: 'canary', operator: 'DoesNotExist' }] };
  assert.equal(labelSelectorString(sel), 'app=web,!canary,tier in (a,z)'); // requirements sorted by key
  assert.equal(labelSelectorString({}), '');
  assert.equal(formatLabelSelector({}), '<none>');
});

test("Go's sort.Sort is an insertion sort up to 12 elements, unstable beyond", () => {
  const small = Array.from({ length: 12 }, (_, i) => ({ k: i % 3, i }));
  const s = goSort(small, (a, b) => a.k < b.k);
  assert.deepEqual(s.map((x) => x.i), [0, 3, 6, 9, 1, 4, 7, 10, 2, 5, 8, 11]);
  const big = Array.from({ length: 30 }, (_, i) => ({ k: [100, 90, 100, 80, 90, 100, 70][(i * 5) % 7], i }));
  const b = goSort(big, (x, y) => x.k < y.k);
  for (let i = 1; i < b.length; i++) assert.ok(b[i - 1].k <= b[i].k);
  assert.notDeepEqual(b.map((x) => x.i), [...big].sort((x, y) => x.k - y.k || x.i - y.i).map((x) => x.i));
});

test('generic describer labels', () => {
  assert.equal(smartLabelFor('involvedObject'), 'Involved Object');
  assert.equal(smartLabelFor('apiVersion'), 'API Version');
  assert.equal(smartLabelFor('uid'), 'UID');
  assert.equal(smartLabelFor('podIP'), 'Pod IP');
  assert.equal(smartLabelFor('hostIPs'), 'Host I Ps');
  assert.equal(smartLabelFor('x509'), 'x509');
});

const svc: KObject = {
  apiVersion: 'v1', kind: 'Service',
  metadata: { name: 'web', namespace: 'default', uid: 'u1', creationTimestamp: '2026-11-21T16:00:00Z' },
  spec: { type: 'ClusterIP', clusterIP: '10.96.0.20', clusterIPs: ['10.96.0.20'], ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], selector: { app: 'web' }, sessionAffinity: 'None' },
};
const ev: KObject = {
  apiVersion: 'v1', kind: 'Event', metadata: { name: 'web.1', namespace: 'default' },
  involvedObject: { kind: 'Service', name: 'web', namespace: 'default', uid: 'u1' },
  reason: 'Something', message: ' spaced message ', type: 'Normal', count: 3, source: { component: 'x' },
  firstTimestamp: '2026-11-21T16:20:00Z', lastTimestamp: '2026-11-21T16:29:00Z',
};

test('events: matched by involved object, counted, shown unless showEvents is false', () => {
  withTZ('UTC', () => {
    const withEvents = describeObject(svc, reader([svc, ev]));
    assert.match(withEvents, /\n  Normal  Something  60s \(x3 over 10m\)  x     spaced message\n$/);
    const other = { ...ev, involvedObject: { ...ev.involvedObject, uid: 'another' } };
    assert.match(describeObject(svc, reader([svc, other])), /\nEvents:\s+<none>\n$/);
    assert.doesNotMatch(describeObject(svc, reader([svc, ev]), { showEvents: false }), /Events/);
  });
});

test('several objects: two blank lines between; objects found by prefix: one after each', () => {
  assert.equal(joinDescriptions(['a\n', 'b\n']), 'a\n\n\nb\n');
  assert.equal(joinPrefixMatches(['a\n', 'b\n']), 'a\n\nb\n\n');
});

test('kinds without a describer of their own get the generic one', () => {
  withTZ('UTC', () => {
    const o: KObject = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w', namespace: 'default', uid: 'w1' }, spec: { size: 3, ratio: 0.5, tags: ['a', 'b'], enabled: true, note: null } };
    assert.equal(describeObject(o, reader([o])), [
      'Name:         w',
      'Namespace:    default',
      'Labels:       <none>',
      'Annotations:  <none>',
      'API Version:  example.com/v1',
      'Kind:         Widget',
      'Metadata:',
      '  UID:  w1',
      'Spec:',
      '  Enabled:  true',
      '  Note:     <nil>',
      '  Ratio:    0.5',
      '  Size:     3',
      '  Tags:',
      '    a',
      '    b',
      'Events:  <none>',
      '',
    ].join('\n'));
  });
});
