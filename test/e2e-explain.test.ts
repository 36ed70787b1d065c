// kubectl explain as kubectl 1.32 prints it over Kubernetes 1.32's OpenAPI v3: the cases recorded
// from the real kubectl by scripts/gen-explain.mjs (test/golden/explain/cases.json); and the
// API server's /openapi/v3 data (src/api/openapi.ts).
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { createHash } from 'crypto';
import { cluster, ROOT } from './helpers/kubectl';
import { openapiV3Root, openapiV3Document, openapiV3DocumentText } from '../src/api/openapi';
import { wrap } from '../src/cli/explain';

const c = cluster({ KUBESIM_POD_STARTUP: '0' });
after(() => c.cleanup());

interface Case { args: string[]; stdout: string; stderr: string; code: number }
const cases: Case[] = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'golden', 'explain', 'cases.json'), 'utf8'));

test('explain: recorded cases as kubectl 1.32', () => {
  const failed: string[] = [];
  for (const k of cases) {
    const r = c.k(...k.args);
    try {
      assert.deepEqual({ stdout: r.stdout, stderr: r.stderr, code: r.code }, { stdout: k.stdout, stderr: k.stderr, code: k.code }, k.args.join(' '));
    } catch (e: any) { failed.push(e.message); }
  }
  assert.deepEqual(failed, []);
});

test('explain: every kind kubesim serves has a schema', () => {
  for (const res of ['pods', 'services', 'deployments', 'replicasets', 'statefulsets', 'daemonsets', 'jobs', 'cronjobs', 'ingresses', 'networkpolicies', 'endpointslices', 'configmaps', 'secrets', 'nodes', 'namespaces', 'events', 'leases', 'poddisruptionbudgets', 'roles', 'clusterroles', 'storageclasses', 'priorityclasses', 'horizontalpodautoscalers', 'persistentvolumeclaims', 'serviceaccounts']) {
    const r = c.k('explain', res);
    assert.equal(r.code, 0, `${res}: ${r.stderr}`);
    assert.match(r.stdout, /^(GROUP: .*\n)?KIND: {7}\w+\nVERSION: {4}v\d/, res);
  }
});

test('go-wordwrap: words longer than the limit stay whole, spaces kept', () => {
  assert.equal(wrap(10, 'aaaa bbbb cccc'), 'aaaa bbbb\ncccc');
  assert.equal(wrap(5, 'https://example.com/x y'), 'https://example.com/x\ny');
  assert.equal(wrap(20, 'a  b\nc'), 'a  b\nc');
});

test('/openapi/v3: discovery with hashes of the documents served', () => {
  const root = openapiV3Root() as any;
  const url = root.paths['apis/apps/v1'].serverRelativeURL;
  const hash = url.split('hash=')[1];
  assert.equal(hash, createHash('sha512').update(openapiV3DocumentText('apis/apps/v1')!).digest('hex').toUpperCase());
  const doc = openapiV3Document('apis/apps/v1') as any;
  assert.ok(doc.components.schemas['io.k8s.api.apps.v1.Deployment'].description.startsWith('Deployment enables declarative updates'));
  assert.deepEqual(doc.paths['/apis/apps/v1/namespaces/{namespace}/deployments'].get['x-kubernetes-group-version-kind'], { group: 'apps', kind: 'Deployment', version: 'v1' });
  assert.ok(root.paths['api/v1']);
  assert.equal(openapiV3Document('apis/nope/v1'), undefined);
});
