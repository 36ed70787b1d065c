// kubectl -o jsonpath / jsonpath-file / jsonpath-as-json, --sort-by and custom-columns replayed
// against outputs recorded from real kubectl v1.32 (test/golden/jsonpath/*.json, see record.py).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { Case, GOLDEN, runGet, normalizeStderr } from './printers-jsonpath-harness';

function replay(file: string, filter: (c: Case) => boolean) {
  const cases: Case[] = JSON.parse(fs.readFileSync(path.join(GOLDEN, file), 'utf8'));
  for (const c of cases.filter(filter)) {
    test(`${file}: ${c.name}`, () => {
      const r = runGet(c.objects, c.args, c.files ?? {});
      assert.equal(r.stdout, c.stdout, 'stdout');
      assert.equal(normalizeStderr(r.stderr), normalizeStderr(c.stderr ?? ''), 'stderr');
      assert.equal(r.exit, c.exit, 'exit code');
    });
  }
}

const isCustomColumns = (c: Case) => c.name.startsWith('cc-') || c.args.some((a) => a.includes('custom-columns'));

// the verified cases of the shared fact sheet (template-cases/cases.json, the jsonpath ones)
replay('reference-cases.json', () => true);
// cases recorded for this implementation (custom-columns ones in printers-customcolumns.test.ts)
replay('recorded.json', (c) => !isCustomColumns(c));
