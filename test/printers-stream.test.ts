// -o json / -o yaml of a list written as it is produced: the same text as the one-string
// printers, delivered in pieces (a list of any size is never one string).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { toJson, toJsonStream } from '../src/printers/json';
import { toYaml, toYamlStreamed } from '../src/printers/yaml';
import { compilePrinter } from '../src/printers/output';

const pods = Array.from({ length: 3000 }, (_, i) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `p${i}`, namespace: 'default', labels: { app: 'x', i: String(i) } }, spec: { containers: [{ name: 'c', image: 'nginx:1.27 <&>' }] }, status: { phase: 'Running', podIP: `10.244.${i >> 8}.${i & 255}` } }));
const list = { apiVersion: 'v1', items: pods, kind: 'List', metadata: { resourceVersion: '' } };

test('toJsonStream writes the text toJson returns, in pieces', () => {
  const pieces: string[] = [];
  toJsonStream(list, (s) => pieces.push(s));
  assert.ok(pieces.length > 10, `${pieces.length} pieces`);
  assert.equal(pieces.join(''), toJson(list));
});

test('toYamlStreamed writes the text toYaml returns, in pieces', () => {
  const pieces: string[] = [];
  toYamlStreamed(list, (s) => pieces.push(s));
  assert.ok(pieces.length > 10, `${pieces.length} pieces`);
  assert.equal(pieces.join(''), toYaml(list));
});

test('a printer with a sink streams lists and returns single objects whole', () => {
  for (const o of ['json', 'yaml', 'name']) {
    const pieces: string[] = [];
    const spec = { kind: o } as any;
    const r = compilePrinter(spec, { sink: (s) => pieces.push(s) })({ items: pods as any });
    assert.equal(pieces.join('') + r.out, compilePrinter(spec)({ items: pods as any }).out, o);
    const one: string[] = [];
    const single = compilePrinter(spec, { sink: (s) => one.push(s) })({ single: pods[0] as any, items: [] });
    assert.deepEqual([one, single.out], [[], compilePrinter(spec)({ single: pods[0] as any, items: [] }).out], o);
  }
});
