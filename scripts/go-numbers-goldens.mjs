#!/usr/bin/env node
// Records test/golden/go-numbers/cases.json with the real kubectl 1.32 through the oracle
// (ORACLE_KUBECTL=... node scripts/go-numbers-goldens.mjs): how kubectl prints the numbers of
// objects read from files (client side, unstructured: int64 exact, float64 in Go's formats) and
// of objects the server returns (the big-pod fixture, served as stored).
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const ROOT = path.join(path.dirname(new URL(import.meta.url).pathname), '..');
const DIR = path.join(ROOT, 'test', 'golden', 'go-numbers');
const ORACLE = process.env.ORACLE ?? '/work/shared/oracle/kubectl-oracle';
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'go-numbers-'));
const empty = path.join(tmp, 'empty.json');
fs.writeFileSync(empty, '[]');

const outputs = [
  'jsonpath={.x}',
  'jsonpath={.x.a} {.x.b} {.x.c} {.x.d} {.x.e} {.x.f} {.x.g} {.x.h} {.x.i}',
  'jsonpath={.spec.terminationGracePeriodSeconds} {.spec.activeDeadlineSeconds}',
  'jsonpath-as-json={.x.b}',
  'go-template={{.x}} {{.x.b}} {{.x.g}}',
  'json',
  'yaml',
];
const cases = [];
const run = (objects, args, files) => {
  const r = spawnSync(ORACLE, [objects, ...args], { cwd: DIR, encoding: 'utf8' });
  cases.push({ args, files, stdout: r.stdout, stderr: r.stderr, exit: r.status });
};
for (const f of ['pod-x.json', 'one.json', 'list.json', 'numbers.yaml']) {
  for (const o of outputs) run(empty, ['create', '-f', f, '--dry-run=client', '--validate=false', '-o', o], [f]);
}
// numbers where kubectl wants a string: the error names a number, whatever its size or form
for (const f of ['bad-name-float.json', 'bad-name-huge.json', 'bad-ns-int64.json']) run(empty, ['create', '-f', f, '--dry-run=client', '--validate=false'], [f]);
// the server's copies of big-pod.yaml and big-cronjob.yaml (int64 fields exact), as `get` prints them
const served = path.join(tmp, 'served.json');
fs.writeFileSync(served, JSON.stringify([
  { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'big', namespace: 'default' },
    spec: { terminationGracePeriodSeconds: 'T', activeDeadlineSeconds: 2147483647, securityContext: { runAsUser: 2147483647 }, containers: [{ name: 'c', image: 'nginx' }] } },
  { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'yearly', namespace: 'default' },
    spec: { schedule: '0 0 1 1 *', startingDeadlineSeconds: 'S', jobTemplate: { spec: { activeDeadlineSeconds: 'A', template: { spec: { restartPolicy: 'Never', containers: [{ name: 'c', image: 'busybox' }] } } } } } },
]).replace('"T"', '123456789012345678').replace('"S"', '9007199254740993').replace('"A"', '9223372036854775807'));
for (const o of [
  'jsonpath={.spec.terminationGracePeriodSeconds} {.spec.activeDeadlineSeconds} {.spec.securityContext}',
  'jsonpath={.items[*].spec.terminationGracePeriodSeconds}',
  'go-template={{.spec.terminationGracePeriodSeconds}} {{.spec.activeDeadlineSeconds}} {{.spec.securityContext}}',
  'custom-columns=NAME:.metadata.name,GRACE:.spec.terminationGracePeriodSeconds,DEADLINE:.spec.activeDeadlineSeconds,USER:.spec.securityContext.runAsUser',
]) run(served, ['get', 'pods', ...(o.includes('.items') || o.startsWith('custom') ? [] : ['big']), '-o', o], undefined);
for (const o of [
  'jsonpath={.spec.startingDeadlineSeconds} {.spec.jobTemplate.spec.activeDeadlineSeconds}',
  'go-template={{.spec.startingDeadlineSeconds}} {{.spec.jobTemplate.spec.activeDeadlineSeconds}}',
  'custom-columns=NAME:.metadata.name,START:.spec.startingDeadlineSeconds,DEADLINE:.spec.jobTemplate.spec.activeDeadlineSeconds',
]) run(served, ['get', 'cronjobs', ...(o.startsWith('custom') ? [] : ['yearly']), '-o', o], undefined);
fs.writeFileSync(path.join(DIR, 'cases.json'), JSON.stringify(cases, null, 1) + '\n');
fs.rmSync(tmp, { recursive: true });
console.log(`${cases.length} cases`);
