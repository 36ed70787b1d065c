// The goldens of test/golden/verbs/<area>.json (recorded from kubectl 1.32 by
// scripts/record-verbs.mjs against test/golden/verbs/objects.json): a cluster holding the same
// objects, and each case run and compared.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster, Cluster, Result } from './kubectl';

export const VERBS_DIR = path.join(__dirname, '..', '..', 'test', 'golden', 'verbs');

export interface Case { args: string[]; stdout: string; stderr: string; exit: number }

export function goldens(area: string): Case[] {
  const manifests = path.join(VERBS_DIR, 'manifests');
  const fix = (s: string) => s.split('MANIFESTS').join(manifests);
  return (JSON.parse(fs.readFileSync(path.join(VERBS_DIR, `${area}.json`), 'utf8')) as Case[])
    .map((c) => ({ args: c.args.map(fix), stdout: fix(c.stdout), stderr: fix(c.stderr), exit: c.exit }));
}

/** A cluster with the recorded objects in it. */
export function verbsCluster(): Cluster {
  const c = cluster();
  const r = c.k('create', '-f', path.join(VERBS_DIR, 'objects.json'));
  assert.equal(r.code, 0, r.stderr);
  return c;
}

/** One test per recorded case; `check` replaces the comparison for the cases it returns true for. */
export function runGoldens(c: Cluster, area: string, check?: (tc: Case, r: Result) => boolean): void {
  for (const tc of goldens(area)) {
    test(`kubectl ${tc.args.join(' ')}`, () => {
      const r = c.k(...tc.args);
      if (check?.(tc, r)) return;
      assert.deepEqual({ stdout: r.stdout, stderr: r.stderr, exit: r.code }, { stdout: tc.stdout, stderr: tc.stderr, exit: tc.exit });
    });
  }
}
