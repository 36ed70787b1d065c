// Every go-template case recorded from real kubectl v1.32 (the shared reference cases and our own
// recordings, see test/golden/gotemplate/record.mjs) must come out byte for byte: stdout, stderr,
// exit code.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { loadCases, runCase, GoldenCase } from './printers-gotemplate-harness';

function check(c: GoldenCase): void {
  const got = runCase(c);
  assert.equal(got.stdout, c.stdout, `stdout of ${c.name}`);
  assert.equal(got.stderr, c.stderr ?? '', `stderr of ${c.name}`);
  assert.equal(got.exit, c.exit, `exit code of ${c.name}`);
}

const reference = loadCases('reference-cases.json');
const recorded = loadCases('recorded-cases.json');

test('golden files are present and non-trivial', () => {
  assert.ok(reference.length >= 55, `reference cases: ${reference.length}`);
  assert.ok(recorded.length >= 300, `recorded cases: ${recorded.length}`);
  // both success and error paths are covered
  assert.ok(recorded.some((c) => c.exit === 0) && recorded.some((c) => c.exit === 1));
});

for (const c of reference) test(`reference: ${c.name}`, () => check(c));
for (const c of recorded) test(`recorded: ${c.name}`, () => check(c));
