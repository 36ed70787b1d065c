// Pod IPs as the host-local IPAM plugin hands them out: after the last one, wrapping around.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Store } from '../src/store/db';
import { allocatePodIP, podIPState } from '../src/api/allocators';

function store(): { s: Store; done: () => void } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-alloc-'));
  const s = new Store(path.join(dir, 'cluster.db'));
  return { s, done: () => { s.close(); fs.rmSync(dir, { recursive: true, force: true }); } };
}

test('a freed pod IP is not handed out again until the range wraps around', () => {
  const { s, done } = store();
  try {
    const cidr = '10.244.1.0/24';
    const ip = (owner: string) => s.write(() => allocatePodIP(s, cidr, owner));
    assert.deepEqual([ip('a'), ip('b'), ip('c')], ['10.244.1.2', '10.244.1.3', '10.244.1.4']);
    s.write(() => s.release('podip', '10.244.1.3'));
    assert.equal(ip('d'), '10.244.1.5', 'the next after the last handed out, not the one just freed');
    // Fill the rest of the range: the freed one comes back only after .254.
    const rest: (string | undefined)[] = [];
    for (let i = 6; i <= 254; i++) rest.push(ip(`x${i}`));
    assert.equal(rest.at(-1), '10.244.1.254');
    assert.equal(ip('e'), '10.244.1.3');
    assert.equal(ip('f'), undefined, 'the range is full');
  } finally { done(); }
});

test('one state hands out many IPs in a row (a scheduler binding a batch)', () => {
  const { s, done } = store();
  try {
    const cidr = '10.244.2.0/24';
    const got = s.write(() => { const st = podIPState(s, cidr); return [1, 2, 3].map((i) => allocatePodIP(s, cidr, `p${i}`, st)); });
    assert.deepEqual(got, ['10.244.2.2', '10.244.2.3', '10.244.2.4']);
    assert.equal(s.write(() => allocatePodIP(s, cidr, 'q')), '10.244.2.5', 'a new state continues where the last left off');
  } finally { done(); }
});
