// kubectl describe of pods with init containers and a native sidecar (Init Containers section,
// their states, last states and restart counts), compared byte for byte with what the real
// kubectl v1.32 printed for the same objects through ../shared/oracle/kubectl-oracle
// (test/golden/initc/pods.json: the pods as kubesim's kubelet left them).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { ClusterReader, KObject } from '../src/api/types';
import { describeObject } from '../src/printers/describe/index';

process.env.TZ = 'UTC';
const dir = path.join(__dirname, '..', '..', 'test', 'golden', 'initc');
const items: KObject[] = JSON.parse(fs.readFileSync(path.join(dir, 'pods.json'), 'utf8')).items;
const reader: ClusterReader = {
  get: (kind, ns, name) => items.find((o) => o.kind === kind && o.metadata.name === name && (o.metadata.namespace ?? '') === (ns ?? '')),
  list: (kind, ns) => items.filter((o) => o.kind === kind && (ns === undefined || o.metadata.namespace === ns)),
  now: () => new Date('2026-12-07T19:10:00Z'),
};

for (const name of ['failing', 'sidecar', 'failnever']) {
  test(`describe pod ${name}`, () => {
    const pod = reader.get('Pod', 'default', name)!;
    assert.ok(pod);
    assert.equal(describeObject(pod, reader), fs.readFileSync(path.join(dir, `describe-${name}.out`), 'utf8'));
  });
}
