// kubectl set selector | serviceaccount | subject: kubectl 1.32's output and errors
// (test/golden/verbs/set.json, scripts/record-verbs.mjs), then the changes in the cluster.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { verbsCluster, runGoldens } from './helpers/verbs-goldens';

const c = verbsCluster();
after(() => c.cleanup());

runGoldens(c, 'set');

test('set selector changes the Service, and its endpoints follow', () => {
  assert.equal(c.k('set', 'selector', 'svc', 'web', 'app=other').stdout, 'service/web selector updated\n');
  assert.equal(c.k('get', 'svc', 'web', '-o', 'jsonpath={.spec.selector}').stdout, '{"app":"other"}');
  assert.equal(c.k('set', 'selector', 'svc/web', '').stdout, 'service/web selector updated\n');
  assert.equal(c.k('get', 'svc', 'web', '-o', 'jsonpath={.spec.selector}').stdout, '');
  assert.equal(c.k('set', 'selector', 'svc', 'web', 'app=web', '--resource-version=1').code, 1, 'a stale resource version is a conflict');
  assert.equal(c.k('set', 'selector', 'svc', 'web', 'app=web', '-o', 'jsonpath={.spec.selector.app}').stdout, 'web');
});

test('set serviceaccount changes the pod template, and the server validates the name', () => {
  assert.equal(c.k('set', 'sa', 'deployment', 'web', 'builder').stdout, 'deployment.apps/web serviceaccount updated\n');
  assert.equal(c.k('get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.serviceAccountName}').stdout, 'builder');
  const r = c.k('set', 'serviceaccount', 'deployment', 'web', 'Bad_Name');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: failed to patch ServiceAccountName Deployment\.apps "web" is invalid: spec\.template\.spec\.serviceAccountName: Invalid value: "Bad_Name": a lowercase RFC 1123 subdomain /);
  assert.equal(c.k('set', 'sa', 'deployment', 'web', 'default', '--dry-run=server').stdout, 'deployment.apps/web serviceaccount updated (server dry run)\n');
  assert.equal(c.k('get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.serviceAccountName}').stdout, 'builder');
});

test('set subject adds subjects once; nothing is printed when nothing changes', () => {
  assert.equal(c.k('set', 'subject', 'rolebinding', 'rb', '--user=bob', '--serviceaccount=kube-system:robot').stdout, 'rolebinding.rbac.authorization.k8s.io/rb subjects updated\n');
  assert.equal(c.k('get', 'rolebinding', 'rb', '-o', 'jsonpath={range .subjects[*]}{.kind}:{.name}:{.namespace} {end}').stdout, 'User:alice: User:bob: ServiceAccount:robot:kube-system ');
  const again = c.k('set', 'subject', 'rolebinding', 'rb', '--user=bob');
  assert.deepEqual([again.code, again.stdout, again.stderr], [0, '', '']);
  assert.equal(c.k('set', 'subject', 'clusterrolebinding', 'crb', '--group=ops', '-o', 'jsonpath={.subjects[0].kind}/{.subjects[0].name}').stdout, 'Group/ops');
});
