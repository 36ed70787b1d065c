// kubectl events' own printing (table, sort order, typed -o json/yaml), against what kubectl 1.32
// printed for the same events (test/golden/events, README there).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { printEventList, eventInterval, sortEvents } from '../src/printers/events';
import { parseOutput } from '../src/printers/output';
import type { KObject } from '../src/api/types';

const DIR = path.join(__dirname, '..', '..', 'test', 'golden', 'events');
const items: KObject[] = JSON.parse(fs.readFileSync(path.join(DIR, 'events.json'), 'utf8')).items;
const now = new Date(fs.readFileSync(path.join(DIR, 'now.txt'), 'utf8').trim());
const golden = (n: number) => fs.readFileSync(path.join(DIR, `case${String(n).padStart(2, '0')}.out`), 'utf8');

interface Case { n: number; ns?: string; types?: string[]; forPod?: string; output?: string; noHeaders?: boolean }
// caseNN.args, as the selection kubectl events makes (namespace, --for, --types) and its printer
const CASES: Case[] = [
  { n: 1, ns: 'default' },
  { n: 2 },
  { n: 3, ns: 'kube-system' },
  { n: 4, noHeaders: true },
  { n: 5, types: ['warning'] },
  { n: 6, ns: 'other' },
  { n: 7, ns: 'default', forPod: 'web-1' },
  { n: 8, output: 'json' },
  { n: 9, output: 'yaml' },
  { n: 10, ns: 'other', output: 'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}' },
  { n: 11, ns: 'default', types: ['normal'], output: 'name' },
];

for (const c of CASES) {
  test(`kubectl events golden case ${c.n}: ${fs.readFileSync(path.join(DIR, `case${String(c.n).padStart(2, '0')}.args`), 'utf8').trim()}`, () => {
    const selected = items.filter((e) => (!c.ns || e.metadata.namespace === c.ns)
      && (!c.types || c.types.includes(String(e.type).toLowerCase()))
      && (!c.forPod || (e.involvedObject.kind === 'Pod' && e.involvedObject.name === c.forPod)));
    const spec = c.output ? parseOutput(c.output) : undefined;
    const text = printEventList(selected, spec, { noHeaders: c.noHeaders, allNamespaces: !c.ns, now });
    assert.equal(text, golden(c.n));
  });
}

test('LAST SEEN: count > 1 and series show "(xN over FIRST)"; no time at all is <unknown>', () => {
  const t = (s: number) => new Date(now.getTime() - s * 1000).toISOString();
  assert.equal(eventInterval({ firstTimestamp: t(600), lastTimestamp: t(5), count: 3 } as any, now), '5s (x3 over 10m)');
  assert.equal(eventInterval({ firstTimestamp: t(600), lastTimestamp: t(5), count: 1 } as any, now), '10m');
  assert.equal(eventInterval({ eventTime: t(90), series: { count: 2, lastObservedTime: t(3) } } as any, now), '3s (x2 over 90s)');
  assert.equal(eventInterval({ eventTime: null, firstTimestamp: null } as any, now), '<unknown>');
});

test('sorting compares MicroTime to the microsecond, and series before lastTimestamp before eventTime', () => {
  const e = (name: string, o: object) => ({ metadata: { name }, ...o }) as unknown as KObject;
  const sorted = sortEvents([
    e('b', { eventTime: '2026-01-01T00:00:00.000002Z' }),
    e('a', { eventTime: '2026-01-01T00:00:00.000001Z' }),
    e('s', { eventTime: '2025-01-01T00:00:00.000000Z', lastTimestamp: '2027-01-01T00:00:00Z', series: { count: 2, lastObservedTime: '2025-06-01T00:00:00.000000Z' } }),
    e('l', { eventTime: '2028-01-01T00:00:00.000000Z', lastTimestamp: '2025-07-01T00:00:00Z' }),
  ]);
  assert.deepEqual(sorted.map((x) => x.metadata.name), ['s', 'l', 'a', 'b']);
});
