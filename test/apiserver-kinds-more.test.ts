// kubesim serve for the kinds of src/api/kinds-more, driven by the real kubectl 1.32 (skipped
// when it is not installed): `certificate approve` through the approval subresource with a
// protobuf body (client-go's typed client), autoscaling/v1 served converted, discovery.
import { test, after, before } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { serve, Served } from './helpers/serve';
import { ROOT } from './helpers/kubectl';

const REAL = process.env.ORACLE_KUBECTL || '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';
const have = fs.existsSync(REAL);
let s: Served;
before(async () => { if (have) s = await serve(); });
after(async () => { if (s) { await s.stop(); s.cleanup(); } });
const real = (...args: string[]) => { const r = spawnSync(REAL, ['--kubeconfig', s.kubeconfig, ...args], { encoding: 'utf8', env: { ...s.env, KUBECONFIG: s.kubeconfig } }); return { stdout: r.stdout, stderr: r.stderr, code: r.status }; };

test('real kubectl: certificate approve/deny go through the approval subresource', { skip: !have && 'no kubectl 1.32' }, () => {
  assert.equal(s.k('apply', '-f', path.join(ROOT, 'test', 'golden', 'kinds', 'objects.yaml')).code, 0);
  let r = real('certificate', 'approve', 'alice');
  assert.deepEqual([r.stdout, r.stderr, r.code], ['certificatesigningrequest.certificates.k8s.io/alice approved\n', '', 0]);
  r = real('certificate', 'deny', 'alice');
  assert.deepEqual([r.stdout, r.stderr, r.code], ['', 'error: certificate signing request "alice" is already Approved\n', 1]);
  assert.equal(real('certificate', 'deny', 'bob').stdout, 'certificatesigningrequest.certificates.k8s.io/bob denied\n');
  assert.match(real('get', 'csr').stdout, /^alice +\S+ +kubernetes\.io\/kube-apiserver-client +kubernetes-admin +24h +Approved(,Issued)?\nbob .* Denied\n/m);
  // the zero lastTransitionTime client-go sends is filled in by the server
  const cond = JSON.parse(s.k('get', 'csr', 'alice', '-o', 'jsonpath={.status.conditions[0]}').stdout);
  assert.equal(cond.reason, 'KubectlApprove');
  assert.ok(Date.parse(cond.lastTransitionTime) > Date.parse('2000-01-01T00:00:00Z'), cond.lastTransitionTime);
});

test('real kubectl: autoscaling/v1 and v2 views of one HPA; the new kinds listed with their columns', { skip: !have && 'no kubectl 1.32' }, () => {
  assert.equal(real('get', 'horizontalpodautoscalers.v1.autoscaling', 'web', '-o', 'jsonpath={.apiVersion} {.spec.targetCPUUtilizationPercentage}').stdout, 'autoscaling/v1 50');
  assert.equal(real('get', 'hpa', 'web', '-o', 'jsonpath={.apiVersion} {.spec.metrics[0].resource.target.averageUtilization}').stdout, 'autoscaling/v2 50');
  assert.match(real('api-versions').stdout, /^autoscaling\/v1\nautoscaling\/v2\n/m);
  assert.equal(real('api-resources', '--api-group=autoscaling', '--no-headers').stdout.trim().split(/ +/).join(' '), 'horizontalpodautoscalers hpa autoscaling/v2 true HorizontalPodAutoscaler');
  assert.match(real('get', 'flowschemas').stdout, /^NAME +PRIORITYLEVEL +MATCHINGPRECEDENCE +DISTINGUISHERMETHOD +AGE +MISSINGPL\nexempt +exempt +1 +<none> +\S+ +False\n/);
  assert.match(real('get', 'csidrivers').stdout, /^hostpath\.csi\.k8s\.io +false +true +false +vault,gcp +false +Persistent,Ephemeral +\S+$/m);
  assert.equal(real('get', 'csinodes', '-o', 'name').stdout, s.k('get', 'csinodes', '-o', 'name').stdout);
});

test('a watch of autoscaling/v1 sends its events as v1 objects', { skip: !have && 'no kubectl 1.32' }, async () => {
  const rv = s.k('get', 'hpa', 'web', '-o', 'jsonpath={.metadata.resourceVersion}').stdout;
  const pending = s.req('GET', `/apis/autoscaling/v1/namespaces/default/horizontalpodautoscalers?watch=true&resourceVersion=${rv}&timeoutSeconds=3`);
  assert.equal(s.kIn('apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 4\n  targetCPUUtilizationPercentage: 65\n', 'apply', '-f', '-').code, 0);
  const events = (await pending).body.trim().split('\n').map((l) => JSON.parse(l));
  const mod = events.find((e) => e.type === 'MODIFIED');
  assert.ok(mod, JSON.stringify(events));
  assert.deepEqual([mod.object.apiVersion, mod.object.spec.targetCPUUtilizationPercentage, mod.object.spec.metrics], ['autoscaling/v1', 65, undefined]);
});
