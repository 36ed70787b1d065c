// Custom resources through `kubesim serve`, with the REAL kubectl 1.32: discovery (aggregated and
// legacy) and OpenAPI v3 name the CRD's kind at once, REST serves its objects (Tables with the
// printer columns, merge patches; a strategic patch refused with 415), and the real kubectl
// prints what kubesim's kubectl prints for the same cluster. Skipped without the real kubectl.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { spawn } from 'child_process';
import { serve, Served } from './helpers/serve';
import { ROOT } from './helpers/kubectl';

const REAL = process.env.ORACLE_KUBECTL || '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';
const have = fs.existsSync(REAL);
const FIX = path.join(ROOT, 'test', 'fixtures', 'crd');
let s: Served;

before(async () => { if (have) s = await serve(); });
after(async () => { if (s) { await s.stop(); s.cleanup(); } });

/** The real kubectl, with the kubeconfig serve wrote (async: the server is another process). */
function real(...args: string[]): Promise<{ stdout: string; stderr: string; code: number }> {
  return new Promise((resolve) => {
    const p = spawn(REAL, args, { env: { PATH: process.env.PATH, HOME: s.home, KUBECONFIG: s.kubeconfig }, cwd: s.home });
    let stdout = '', stderr = '';
    p.stdout.on('data', (d) => { stdout += d; });
    p.stderr.on('data', (d) => { stderr += d; });
    p.on('close', (code) => resolve({ stdout, stderr, code: code ?? -1 }));
  });
}
const ages = (t: string) => t.replace(/\b\d+(s|m\d*s?)\b/g, 'AGE');

const opts = { skip: !have && 'the real kubectl 1.32 is not installed' };

test('the real kubectl applies the CRD and a CronTab through serve', opts, async () => {
  let r = await real('apply', '-f', path.join(FIX, 'crontab-crd-validated.yaml'));
  assert.deepEqual([r.stdout, r.stderr, r.code], ['customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com created\n', '', 0]);
  r = await real('apply', '-f', path.join(FIX, 'my-crontab.yaml'));
  assert.deepEqual([r.stdout, r.stderr, r.code], ['crontab.stable.example.com/my-new-cron-object created\n', '', 0]);
});

test('discovery lists the kind at once: aggregated /apis, legacy /apis/stable.example.com/v1', opts, async () => {
  const agg = JSON.parse((await s.req('GET', '/apis', undefined, { Accept: 'application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json' })).body);
  const g = agg.items.find((i: any) => i.metadata.name === 'stable.example.com');
  assert.deepEqual(g.versions.map((v: any) => v.version), ['v1']);
  const res = g.versions[0].resources[0];
  assert.deepEqual([res.resource, res.singularResource, res.scope, res.shortNames, res.responseKind.kind, res.verbs], ['crontabs', 'crontab', 'Namespaced', ['ct'], 'CronTab', ['delete', 'deletecollection', 'get', 'list', 'patch', 'create', 'update', 'watch']]);
  assert.deepEqual(res.subresources.map((x: any) => x.subresource), ['status']);
  const legacy = JSON.parse((await s.req('GET', '/apis/stable.example.com/v1')).body);
  assert.deepEqual(legacy.resources.map((x: any) => x.name), ['crontabs', 'crontabs/status']);
  const group = JSON.parse((await s.req('GET', '/apis/stable.example.com')).body);
  assert.deepEqual(group.preferredVersion, { groupVersion: 'stable.example.com/v1', version: 'v1' });
});

test('the real kubectl prints what kubesim\'s kubectl prints: get, get -o wide, describe, get crd, api-resources', opts, async () => {
  for (const args of [['get', 'crontab'], ['get', 'crontabs', '-o', 'wide'], ['get', 'ct', '-A'], ['describe', 'crontab', 'my-new-cron-object'], ['get', 'crd'],
    ['get', 'ct', 'my-new-cron-object', '-o', 'yaml'], ['get', 'ct', '-o', 'name'], ['explain', 'crontab.spec']]) {
    const want = await real(...args);
    const got = s.k(...args);
    assert.equal(want.code, 0, `${args.join(' ')}: ${want.stderr}`);
    assert.equal(ages(got.stdout), ages(want.stdout), args.join(' '));
  }
  const want = (await real('api-resources')).stdout.split('\n').filter((l) => /crontabs|customresourcedefinitions/.test(l));
  const got = s.k('api-resources').stdout.split('\n').filter((l) => /crontabs|customresourcedefinitions/.test(l));
  assert.deepEqual(got, want);
  assert.equal(want.length, 2);
});

test('patches through serve: merge patch applied and validated, strategic patch refused', opts, async () => {
  let r = await real('patch', 'ct', 'my-new-cron-object', '--type=merge', '-p', '{"spec":{"replicas":3}}');
  assert.deepEqual([r.stdout, r.code], ['crontab.stable.example.com/my-new-cron-object patched\n', 0]);
  assert.match(s.k('get', 'ct').stdout, /my-new-cron-object   \* \* \* \* \*\/5   3 /);
  r = await real('patch', 'ct', 'my-new-cron-object', '-p', '{"spec":{"replicas":2}}');
  assert.equal(s.proc.exitCode, null, s.stderr());
  const ours = s.k('patch', 'ct', 'my-new-cron-object', '-p', '{"spec":{"replicas":2}}');
  assert.deepEqual([ours.stderr, ours.code], [r.stderr, r.code]);
  assert.equal(r.stderr, 'error: application/strategic-merge-patch+json is not supported by stable.example.com/v1, Kind=CronTab: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml\n');
  r = await real('patch', 'ct', 'my-new-cron-object', '--type=merge', '-p', '{"spec":{"replicas":11}}');
  assert.deepEqual([r.stderr, r.code], ['The CronTab "my-new-cron-object" is invalid: spec.replicas: Invalid value: 11: spec.replicas in body should be less than or equal to 10\n', 1]);
});

test('deleting the CRD through serve removes its objects and its discovery', opts, async () => {
  const r = await real('delete', 'crd', 'crontabs.stable.example.com');
  assert.deepEqual([r.stdout, r.code], ['customresourcedefinition.apiextensions.k8s.io "crontabs.stable.example.com" deleted\n', 0]);
  assert.equal((await s.req('GET', '/apis/stable.example.com/v1')).status, 404);
  // (a fresh discovery cache: the one of the commands above still names crontabs)
  const g = await real('get', 'ct', `--cache-dir=${path.join(s.home, 'fresh-cache')}`);
  assert.deepEqual([g.stderr, g.code], ['error: the server doesn\'t have a resource type "ct"\n', 1]);
  assert.equal(s.k("get", "crontabs.stable.example.com").code, 1);
});
