// kubectl describe, compared byte for byte with what the real kubectl v1.32 printed for the same
// objects (goldens recorded by test/golden/describe/_recorder/record.ts through the oracle).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { ClusterReader, KObject } from '../src/api/types';
import { describeObject, joinDescriptions, joinPrefixMatches } from '../src/printers/describe/index';

process.env.TZ = 'UTC';
const dir = path.join(__dirname, '..', '..', 'test', 'golden', 'describe');
const NOW = new Date('2026-11-21T16:30:00Z');

interface Case { omitKinds?: string[]; prefix?: boolean; name: string; kind: string; names: string[]; namespace?: string; tz?: string; showEvents?: boolean; fixture?: string }

/** A ClusterReader over a list of objects, as the API server would serve them. */
export function fixtureReader(items: KObject[], now: Date): ClusterReader {
  const key = (o: KObject) => `${o.metadata.namespace ?? ''}\u0000${o.metadata.name}`;
  const byKind = new Map<string, KObject[]>();
  for (const o of items) {
    const list = byKind.get(o.kind) ?? [];
    list.push(o);
    byKind.set(o.kind, list);
  }
  for (const list of byKind.values()) list.sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
  return {
    get: (kind, ns, name) => (byKind.get(kind) ?? []).find((o) => o.metadata.name === name && (o.metadata.namespace ?? '') === (ns ?? '')),
    list: (kind, ns) => (byKind.get(kind) ?? []).filter((o) => ns === undefined || (o.metadata.namespace ?? '') === ns),
    now: () => now,
  };
}

const fixtures = new Map<string, KObject[]>();
function objectsOf(file: string): KObject[] {
  if (!fixtures.has(file)) fixtures.set(file, JSON.parse(fs.readFileSync(path.join(dir, file), 'utf8')).items);
  return fixtures.get(file)!;
}

const CLUSTER_SCOPED = new Set(['Node', 'Namespace', 'IngressClass', 'PriorityClass', 'PersistentVolume', 'StorageClass', 'ClusterRole', 'ClusterRoleBinding']);

export function describeCase(c: Case, showEventsDefault = true): string {
  const reader = fixtureReader(objectsOf(c.fixture ?? 'cluster.json').filter((o) => !(c.omitKinds ?? []).includes(o.kind)), NOW);
  const ns = CLUSTER_SCOPED.has(c.kind) ? undefined : (c.namespace ?? 'default');
  const texts = c.names.map((n) => {
    const o = reader.get(c.kind, ns, n);
    assert.ok(o, `${c.kind} ${n} is in the fixture`);
    return describeObject(o!, reader, { showEvents: c.showEvents ?? showEventsDefault });
  });
  return c.prefix ? joinPrefixMatches(texts) : joinDescriptions(texts);
}

const cases: Case[] = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8'));
for (const c of cases) {
  test(`describe ${c.kind} ${c.names.join(' ')} (${c.name})`, () => {
    const want = fs.readFileSync(path.join(dir, c.name + '.out'), 'utf8');
    const saved = process.env.TZ;
    if (c.tz) process.env.TZ = c.tz;
    try {
      assert.equal(describeCase(c), want);
    } finally {
      process.env.TZ = saved;
    }
  });
}
