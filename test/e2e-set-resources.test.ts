// kubectl set resources: cases recorded from kubectl 1.32 through the oracle, replayed against
// kubesim holding the same deployment (test/golden/set-resources).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster } from './helpers/kubectl';

const dir = path.join(__dirname, '..', '..', 'test', 'golden', 'set-resources');
const cases: { args: string[]; stdout: string; stderr: string; code: number }[] = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8'));
const c = cluster({ KUBESIM_POD_STARTUP: '0' });
after(() => c.cleanup());

test('set resources: dry runs, wildcards and errors as kubectl prints them', () => {
  // The recorded deployment, made the same way.
  c.k('create', 'deployment', 'web', '--image=nginx', '--replicas=2');
  for (const k of cases) {
    if (k.args.includes('yaml')) continue; // timestamps differ; the -o jsonpath cases cover the change
    const r = c.k(...k.args);
    assert.deepEqual([r.stdout, r.stderr, r.code], [k.stdout, k.stderr, k.code], k.args.join(' '));
  }
});

test('set resources updates the template, and the scheduler holds the pods to it', () => {
  const r = c.k('set', 'resources', 'deploy', 'web', '--requests=cpu=5');
  assert.deepEqual([r.stdout, r.code], ['deployment.apps/web resource requirements updated\n', 0]);
  assert.equal(c.k('get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].resources}').stdout, '{"requests":{"cpu":"5"}}');
  // Two workers of 8 cpus: one 5-cpu pod each; a third replica waits.
  c.k('scale', 'deploy', 'web', '--replicas=3');
  const phases = c.k('get', 'pods', '-l', 'app=web', '-o', 'jsonpath={range .items[*]}{.status.phase}{"\\n"}{end}').stdout.trim().split('\n');
  assert.equal(phases.filter((p) => p === 'Pending').length, 1, phases.join(','));
  const bad = c.k('set', 'resources', 'deploy', 'web', '--limits=cpu=1');
  assert.equal(bad.code, 1);
  assert.equal(bad.stderr, 'error: failed to patch resources update to pod template Deployment.apps "web" is invalid: spec.template.spec.containers[0].resources.requests: Invalid value: "5": must be less than or equal to cpu limit of 1\n');
});

test('set env -c matches containers as set resources does (kubectl selectString: x* selects nginx)', () => {
  // recorded with the oracle: kubectl 1.32 prints deployment.apps/web for x* and *x, a warning for z*
  assert.equal(c.k('set', 'env', 'deploy/web', '-c', 'x*', 'A=1', '--dry-run=client', '-o', 'name').stdout, 'deployment.apps/web\n');
  const none = c.k('set', 'env', 'deploy/web', '-c', 'z*', 'A=1', '--dry-run=client', '-o', 'name');
  assert.deepEqual([none.stdout, none.stderr, none.code], ['', 'Warning: Deployment/web does not have any containers matching "z*"\n', 0]);
});
