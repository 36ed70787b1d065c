// kubectl describe of what the HPA and CronJob controllers wrote, byte for byte as the real
// kubectl v1.32 printed the same objects (test/golden/ctrlb-describe, recorded by its record.mjs).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { buildFixture, CASES } from './helpers/ctrlb-fixture';
import { describeObject } from '../src/printers/describe/index';

process.env.TZ = 'UTC';
const dir = path.join(__dirname, '..', '..', 'test', 'golden', 'ctrlb-describe');

test('describe hpa and cronjob after the controllers ran, as kubectl 1.32 prints them', () => {
  const f = buildFixture();
  try {
    for (const c of CASES) {
      const o = f.reader.get(c.kind, 'default', c.object)!;
      assert.equal(describeObject(o, f.reader), fs.readFileSync(path.join(dir, `${c.name}.out`), 'utf8'), c.name);
    }
  } finally { f.close(); }
});
