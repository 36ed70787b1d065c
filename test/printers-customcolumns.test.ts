// kubectl -o custom-columns / custom-columns-file replayed against outputs recorded from real
// kubectl v1.32 (test/golden/jsonpath/recorded.json, see record.py), plus unit checks.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { Case, GOLDEN, runGet, normalizeStderr } from './printers-jsonpath-harness';
import { compileCustomColumns, compileCustomColumnsRendered, parseCustomColumnsFile, parseCustomColumnsTemplate, escapeTerminal } from '../src/printers/customcolumns';
import { CliError } from '../src/api/types';

const cases: Case[] = JSON.parse(fs.readFileSync(path.join(GOLDEN, 'recorded.json'), 'utf8'));
for (const c of cases.filter((x) => x.name.startsWith('cc-') || x.args.some((a) => a.includes('custom-columns')))) {
  test(`recorded: ${c.name}`, () => {
    const r = runGet(c.objects, c.args, c.files ?? {});
    assert.equal(r.stdout, c.stdout, 'stdout');
    assert.equal(normalizeStderr(r.stderr), normalizeStderr(c.stderr ?? ''), 'stderr');
    assert.equal(r.exit, c.exit, 'exit code');
  });
}

test('the file form travels as a string and ignores --no-headers', () => {
  const spec = parseCustomColumnsFile('A B\n.metadata.name {.kind}\n');
  assert.equal(typeof spec, 'string');
  const out = compileCustomColumns(spec, { noHeaders: true })([{ kind: 'Pod', metadata: { name: 'x' } }]);
  assert.equal(out, 'A     B\nx     Pod\n');
  assert.deepEqual(parseCustomColumnsTemplate('A\n.a\n'), [{ header: 'A', fieldSpec: '{.a}' }]);
});

test('rendered form returns partial stdout and kubectl stderr', () => {
  const f = compileCustomColumnsRendered('N:.metadata.name,C:.spec.c[1]');
  const r = f([{ metadata: { name: 'a' }, spec: { c: [1, 2] } }, { metadata: { name: 'b' }, spec: { c: [1] } }]);
  assert.equal(r.out, 'N     C\na     2\n');
  assert.equal(r.err, 'error: array index out of bounds: index 1, length 1\n');
});

test('spec errors are thrown at compile time', () => {
  assert.throws(() => compileCustomColumns('', {}), (e: unknown) => e instanceof CliError && e.message === 'custom-columns format specified but no custom columns given');
  assert.throws(() => compileCustomColumns('A:{.a}}', {}), CliError);
});

test('terminal escapes in values', () => {
  assert.equal(escapeTerminal('a\x1b[31mb\rc'), 'a^[[31mb\\rc');
  const out = compileCustomColumns('V:.v', { noHeaders: true })([{ v: 'x\x1by' }]);
  assert.equal(out, 'x^[y\n');
});
