// -o templates on the verbs that print an object they built or read rather than listed: create,
// run and expose --dry-run=client, create/apply -f, label/annotate/patch/set (typed objects: an execution error's "raw data" is in Go struct
// order), and scale (kubectl's PrintFlags("scaled"): the object as read, before scaling; with
// --dry-run=client nothing is scaled). Goldens recorded with the real kubectl through the oracle by
// scripts/template-fuzz.mjs over the cluster scripts/template-fuzz-cluster.sh builds.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster, Cluster } from './helpers/kubectl';

const ROOT = path.join(__dirname, '..', '..');
let c: Cluster;
before(() => {
  c = cluster();
  const r = c.sh(`${path.join(ROOT, 'scripts', 'template-fuzz-cluster.sh')} >/dev/null`);
  assert.equal(r.code, 0, r.stderr);
});
after(() => c.cleanup());

interface Case { name: string; args: string[]; files?: Record<string, string>; stdout: string; stderr: string; exit: number }
const cases: Case[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'golden', 'templates-fuzz', 'dryrun-cases.json'), 'utf8'));

test('dry-run cases cover create, run, expose and scale', () => {
  for (const verb of ['create', 'run', 'expose', 'scale', 'label', 'patch', 'apply']) assert.ok(cases.some((x) => x.args[0] === verb), verb);
});

for (const tc of cases) {
  test(`${tc.name}: kubectl ${tc.args.join(' ')}`, () => {
    for (const [f, text] of Object.entries(tc.files ?? {})) fs.writeFileSync(path.join(c.home, f), text);
    const r = c.k(...tc.args);
    assert.deepEqual({ stdout: r.stdout, stderr: r.stderr, exit: r.code }, { stdout: tc.stdout, stderr: tc.stderr, exit: tc.exit });
  });
}

test('scale --dry-run=client scales nothing; scale -o prints the object as it was before scaling', () => {
  assert.equal(c.k('scale', 'deployment', 'web', '--replicas=5', '--dry-run=client', '-o', 'name').stdout, 'deployment.apps/web\n');
  assert.equal(c.k('get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}').stdout, '2');
  assert.equal(c.k('scale', 'deployment', 'web', '--replicas=4', '-o', 'jsonpath={.spec.replicas}').stdout, '2');
  assert.equal(c.k('get', 'deployment', 'web', '-o', 'jsonpath={.spec.replicas}').stdout, '4');
  assert.equal(c.k('scale', 'deployment', 'web', '--replicas=3').stdout, 'deployment.apps/web scaled\n');
});
