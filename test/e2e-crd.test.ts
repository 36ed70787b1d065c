// CustomResourceDefinitions end to end with bin/kubectl, on the CronTab example of kubernetes.io
// ("Extend the Kubernetes API with CustomResourceDefinitions", test/fixtures/crd): the CRD is
// validated and established, its kind registered at once (names, short names, categories,
// api-resources, api-versions), custom resources created, printed, patched (merge, never
// strategic), validated, defaulted and pruned against the schema; the status subresource; the
// CRD's deletion takes its objects.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster, Cluster, ROOT } from './helpers/kubectl';

const FIX = path.join(ROOT, 'test', 'fixtures', 'crd');
const fixture = (f: string) => path.join(FIX, f);

let c: Cluster;
before(() => { c = cluster(); });
after(() => c.cleanup());

const write = (name: string, text: string) => { const f = path.join(c.home, name); fs.writeFileSync(f, text); return f; };

test('apply the CronTab CRD: created, established, listed by get crd as NAME / CREATED AT', () => {
  const r = c.k('apply', '-f', fixture('crontab-crd.yaml'));
  assert.deepEqual([r.stdout, r.stderr, r.code], ['customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com created\n', '', 0]);
  const lines = c.k('get', 'crd').stdout.split('\n');
  assert.equal(lines[0], 'NAME                          CREATED AT');
  assert.match(lines[1], /^crontabs\.stable\.example\.com   \d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/);
  const st = JSON.parse(c.k('get', 'crd', 'crontabs.stable.example.com', '-o', 'json').stdout);
  assert.deepEqual(st.status.conditions.map((x: any) => [x.type, x.status, x.reason, x.message]), [
    ['NamesAccepted', 'True', 'NoConflicts', 'no conflicts found'],
    ['Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted']]);
  assert.deepEqual(st.status.acceptedNames, { kind: 'CronTab', listKind: 'CronTabList', plural: 'crontabs', shortNames: ['ct'], singular: 'crontab' });
  assert.deepEqual(st.status.storedVersions, ['v1']);
  assert.deepEqual([st.spec.names.listKind, st.spec.conversion], ['CronTabList', { strategy: 'None' }]);
  assert.equal(c.k('get', 'crds', '-o', 'name').stdout, 'customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com\n');
});

test('the kind is registered at once: api-resources, api-versions, every name kubectl accepts', () => {
  const ar = c.k('api-resources', '--api-group=stable.example.com');
  assert.equal(ar.stdout, 'NAME       SHORTNAMES   APIVERSION              NAMESPACED   KIND\ncrontabs   ct           stable.example.com/v1   true         CronTab\n');
  assert.match(c.k('api-resources', '-o', 'wide').stdout, /\ncrontabs +ct +stable\.example\.com\/v1 +true +CronTab +delete,deletecollection,get,list,patch,create,update,watch +\n/);
  assert.match(c.k('api-resources').stdout, /\ncustomresourcedefinitions +crd,crds +apiextensions\.k8s\.io\/v1 +false +CustomResourceDefinition\n/);
  assert.match(c.k('api-versions').stdout, /\nstable\.example\.com\/v1\n/);
  for (const n of ['crontab', 'crontabs', 'ct', 'CronTab', 'crontabs.stable.example.com', 'ct.stable', 'crontabs.v1.stable.example.com']) {
    const r = c.k('get', n);
    assert.deepEqual([r.stderr, r.code], ['No resources found in default namespace.\n', 0], n);
  }
});

test('create the example object; get prints NAME / AGE, describe, -o yaml|name|jsonpath|custom-columns', () => {
  const r = c.k('apply', '-f', fixture('my-crontab.yaml'));
  assert.deepEqual([r.stdout, r.code], ['crontab.stable.example.com/my-new-cron-object created\n', 0]);
  assert.match(c.k('get', 'crontab').stdout, /^NAME                 AGE\nmy-new-cron-object   \d+s\n$/);
  const y = c.k('get', 'ct', 'my-new-cron-object', '-o', 'yaml').stdout;
  assert.match(y, /^apiVersion: stable\.example\.com\/v1\nkind: CronTab\nmetadata:\n/);
  assert.match(y, /\n  generation: 1\n/);
  assert.match(y, /\nspec:\n  cronSpec: '\* \* \* \* \*\/5'\n  image: my-awesome-cron-image\n$/);
  assert.equal(c.k('get', 'ct', '-o', 'name').stdout, 'crontab.stable.example.com/my-new-cron-object\n');
  assert.equal(c.k('get', 'ct', '-o', 'jsonpath={.items[0].spec.image}').stdout, 'my-awesome-cron-image');
  assert.equal(c.k('get', 'ct', '-o', 'custom-columns=N:.metadata.name,S:.spec.cronSpec').stdout, 'N                    S\nmy-new-cron-object   * * * * */5\n');
  const d = c.k('describe', 'crontab', 'my-new-cron-object').stdout;
  assert.match(d, /^Name:         my-new-cron-object\nNamespace:    default\nLabels:       <none>\nAnnotations:  <none>\nAPI Version:  stable\.example\.com\/v1\nKind:         CronTab\nMetadata:\n/);
  assert.match(d, /\nSpec:\n  Cron Spec:  \* \* \* \* \*\/5\n  Image:      my-awesome-cron-image\nEvents:       <none>\n$/);
});

test('label, annotate and a merge patch change a custom resource; a strategic patch is refused as the API server does', () => {
  assert.equal(c.k('label', 'ct', 'my-new-cron-object', 'team=ops').stdout, 'crontab.stable.example.com/my-new-cron-object labeled\n');
  assert.equal(c.k('annotate', 'ct', 'my-new-cron-object', 'note=hi').stdout, 'crontab.stable.example.com/my-new-cron-object annotated\n');
  const s = c.k('patch', 'ct', 'my-new-cron-object', '-p', '{"spec":{"replicas":2}}');
  assert.deepEqual([s.stderr, s.code], ['error: application/strategic-merge-patch+json is not supported by stable.example.com/v1, Kind=CronTab: the body of the request was in an unknown format - accepted media types include: application/json-patch+json, application/merge-patch+json, application/apply-patch+yaml\n', 1]);
  const m = c.k('patch', 'ct', 'my-new-cron-object', '--type=merge', '-p', '{"spec":{"replicas":2}}');
  assert.deepEqual([m.stdout, m.code], ['crontab.stable.example.com/my-new-cron-object patched\n', 0]);
  const j = c.k('patch', 'ct', 'my-new-cron-object', '--type=json', '-p', '[{"op":"replace","path":"/spec/image","value":"other"}]');
  assert.deepEqual([j.stdout, j.code], ['crontab.stable.example.com/my-new-cron-object patched\n', 0]);
  const o = JSON.parse(c.k('get', 'ct', 'my-new-cron-object', '-o', 'json').stdout);
  assert.deepEqual([o.spec.replicas, o.spec.image, o.metadata.labels.team, o.metadata.annotations.note, o.metadata.generation], [2, 'other', 'ops', 'hi', 3]);
  const t = c.k('patch', 'ct', 'my-new-cron-object', '--type=merge', '-p', '{"spec":{"replicas":"two"}}');
  assert.deepEqual([t.stderr, t.code], ['The CronTab "my-new-cron-object" is invalid: spec.replicas: Invalid value: "string": spec.replicas in body must be of type integer: "string"\n', 1]);
});

test('unknown fields: a strict decoding error by default, a warning with --validate=warn, pruned with --validate=false', () => {
  const f = write('extra.yaml', 'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: extra\nspec:\n  image: x\n  colour: blue\n');
  const s = c.k('apply', '-f', f);
  assert.deepEqual([s.stderr, s.code], [`Error from server (BadRequest): error when creating "${f}": CronTab in version "v1" cannot be handled as a CronTab: strict decoding error: unknown field "spec.colour"\n`, 1]);
  const w = c.k('create', '-f', f, '--validate=warn');
  assert.deepEqual([w.stdout, w.stderr, w.code], ['crontab.stable.example.com/extra created\n', 'Warning: unknown field "spec.colour"\n', 0]);
  assert.equal(c.k('get', 'ct', 'extra', '-o', 'jsonpath={.spec}').stdout, '{"image":"x"}');
});

test('the validated CRD: printer columns, defaults, pattern/minimum/maximum errors, the status subresource', () => {
  const a = c.k('apply', '-f', fixture('crontab-crd-validated.yaml'));
  assert.deepEqual([a.stdout, a.code], ['customresourcedefinition.apiextensions.k8s.io/crontabs.stable.example.com configured\n', 0]);
  const table = c.k('get', 'crontab', 'my-new-cron-object').stdout.split('\n');
  assert.equal(table[0], 'NAME                 SPEC          REPLICAS   AGE');
  assert.match(table[1], /^my-new-cron-object   \* \* \* \* \*\/5   2          \d+s$/);
  const bad = write('bad.yaml', 'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: bad\nspec:\n  cronSpec: "* * * *"\n  replicas: 15\n');
  const b = c.k('apply', '-f', bad);
  assert.deepEqual([b.stderr, b.code], ['The CronTab "bad" is invalid: \n'
    + "* spec.cronSpec: Invalid value: \"* * * *\": spec.cronSpec in body should match '^(\\d+|\\*)(/\\d+)?(\\s+(\\d+|\\*)(/\\d+)?){4}$'\n"
    + '* spec.replicas: Invalid value: 15: spec.replicas in body should be less than or equal to 10\n', 1]);
  const z = write('zero.yaml', 'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: zero\nspec:\n  replicas: 0\n');
  assert.equal(c.k('apply', '-f', z).stderr, 'The CronTab "zero" is invalid: spec.replicas: Invalid value: 0: spec.replicas in body should be greater than or equal to 1\n');
  const d = write('defaulted.yaml', 'apiVersion: stable.example.com/v1\nkind: CronTab\nmetadata:\n  name: defaulted\nspec:\n  image: x\nstatus:\n  replicas: 4\n');
  assert.equal(c.k('apply', '-f', d).code, 0);
  const o = JSON.parse(c.k('get', 'ct', 'defaulted', '-o', 'json').stdout);
  assert.deepEqual([o.spec, o.status], [{ cronSpec: '5 0 * * *', image: 'x', replicas: 1 }, undefined]);
  // status is the status subresource's: a merge patch of the main resource leaves it out
  c.k('patch', 'ct', 'defaulted', '--type=merge', '-p', '{"status":{"replicas":3}}');
  assert.equal(c.k('get', 'ct', 'defaulted', '-o', 'jsonpath={.status}').stdout, '');
  // ... and --subresource=status writes it, validated against the schema
  assert.equal(c.k('patch', 'ct', 'defaulted', '--subresource=status', '--type=merge', '-p', '{"status":{"replicas":3}}').stdout, 'crontab.stable.example.com/defaulted patched\n');
  assert.equal(c.k('get', 'ct', 'defaulted', '-o', 'jsonpath={.status.replicas} {.metadata.generation}').stdout, '3 1');
  assert.equal(c.k('patch', 'ct', 'defaulted', '--subresource=status', '--type=merge', '-p', '{"status":{"replicas":"x"}}').stderr,
    'The CronTab "defaulted" is invalid: status.replicas: Invalid value: "string": status.replicas in body must be of type integer: "string"\n');
  assert.equal(c.k('patch', 'ct', 'defaulted', '--subresource=scale', '--type=merge', '-p', '{"spec":{"replicas":3}}').stderr, 'Error from server (NotFound): the server could not find the requested resource\n');
});

test('CRD validation: the API server\'s messages', () => {
  const base = fs.readFileSync(fixture('crontab-crd.yaml'), 'utf8');
  const wrongName = write('wrong-name.yaml', base.replace('name: crontabs.stable.example.com', 'name: crontab.stable.example.com'));
  const r = c.k('apply', '-f', wrongName);
  assert.deepEqual([r.stderr, r.code], ['The CustomResourceDefinition "crontab.stable.example.com" is invalid: metadata.name: Invalid value: "crontab.stable.example.com": must be spec.names.plural+"."+spec.group\n', 1]);
  const scope = write('scope.yaml', base.replace('scope: Namespaced', 'scope: Everywhere').replace(/crontabs/g, 'xtabs').replace('kind: CronTab', 'kind: XTab').replace('- ct', '- xt'));
  assert.equal(c.k('apply', '-f', scope).stderr, 'The CustomResourceDefinition "xtabs.stable.example.com" is invalid: spec.scope: Unsupported value: "Everywhere": supported values: "Cluster", "Namespaced"\n');
  const group = write('group.yaml', base.replace(/stable\.example\.com/g, 'stable'));
  assert.equal(c.k('apply', '-f', group).stderr, 'The CustomResourceDefinition "crontabs.stable" is invalid: spec.group: Invalid value: "stable": should be a domain with at least one dot\n');
  const nostorage = write('nostorage.yaml', base.replace('storage: true', 'storage: false').replace(/crontabs/g, 'ytabs').replace('kind: CronTab', 'kind: YTab').replace('- ct', '- yt'));
  const n = c.k('create', '-f', nostorage, '--dry-run=server');
  assert.match(n.stderr, /^The CustomResourceDefinition "ytabs\.stable\.example\.com" is invalid: spec\.versions: Invalid value: \[\]apiextensions\.CustomResourceDefinitionVersion\{.*\}: must have exactly one version marked as storage version\n$/);
});

test('a cluster-scoped CRD with the all category: get all lists its objects', () => {
  const crd = write('backup-crd.yaml', `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: backups.ops.example.com
spec:
  group: ops.example.com
  scope: Cluster
  names: {plural: backups, singular: backup, kind: Backup, categories: [all]}
  versions:
  - name: v1alpha1
    served: true
    storage: true
    schema: {openAPIV3Schema: {type: object, x-kubernetes-preserve-unknown-fields: true}}
`);
  assert.equal(c.k('apply', '-f', crd).code, 0);
  const b = write('backup.yaml', 'apiVersion: ops.example.com/v1alpha1\nkind: Backup\nmetadata:\n  name: nightly\nspec:\n  anything: [1, 2]\n');
  assert.equal(c.k('apply', '-f', b).stdout, 'backup.ops.example.com/nightly created\n');
  assert.equal(c.k('get', 'backup', 'nightly', '-o', 'jsonpath={.spec.anything}').stdout, '[1,2]');
  assert.match(c.k('get', 'all').stdout, /\n\nNAME +AGE\nbackup\.ops\.example\.com\/nightly   \d+s\n$/);
  assert.equal(c.k('get', 'backups', '-n', 'kube-system', '-o', 'name').stdout, 'backup.ops.example.com/nightly\n');
});

test('deleting the CRD deletes its custom resources, and the kind is gone at once', () => {
  assert.ok(c.k('get', 'ct', '-o', 'name').stdout.length > 0);
  const r = c.k('delete', 'crd', 'crontabs.stable.example.com');
  assert.deepEqual([r.stdout, r.code], ['customresourcedefinition.apiextensions.k8s.io "crontabs.stable.example.com" deleted\n', 0]);
  assert.deepEqual([c.k('get', 'ct').stderr, c.k('get', 'ct').code], ['error: the server doesn\'t have a resource type "ct"\n', 1]);
  assert.doesNotMatch(c.k('api-resources').stdout, /crontabs/);
  const again = c.k('apply', '-f', fixture('my-crontab.yaml'));
  assert.equal(again.stderr, 'error: resource mapping not found for name: "my-new-cron-object" namespace: "" from "' + fixture('my-crontab.yaml') + '": no matches for kind "CronTab" in version "stable.example.com/v1"\nensure CRDs are installed first\n');
  // recreated, it starts empty
  assert.equal(c.k('apply', '-f', fixture('crontab-crd.yaml')).code, 0);
  assert.equal(c.k('get', 'ct').stderr, 'No resources found in default namespace.\n');
});

test('a CRD and its objects in one file: the objects are not mapped the first time (as kubectl\'s discovery is read once), the second apply creates them', () => {
  const f = write('both.yaml', `apiVersion: apiextensions.k8s.io/v1
kind: CustomResourceDefinition
metadata:
  name: widgets.example.com
spec:
  group: example.com
  scope: Namespaced
  names: {plural: widgets, kind: Widget}
  versions:
  - {name: v1, served: true, storage: true, schema: {openAPIV3Schema: {type: object, properties: {spec: {type: object, properties: {size: {type: integer}}}}}}}
---
apiVersion: example.com/v1
kind: Widget
metadata: {name: w1}
spec: {size: 3}
`);
  const first = c.k('apply', '-f', f);
  assert.deepEqual([first.stdout, first.stderr, first.code], ['customresourcedefinition.apiextensions.k8s.io/widgets.example.com created\n',
    `error: resource mapping not found for name: "w1" namespace: "" from "${f}": no matches for kind "Widget" in version "example.com/v1"\nensure CRDs are installed first\n`, 1]);
  const second = c.k('apply', '-f', f);
  assert.deepEqual([second.stdout, second.code], ['customresourcedefinition.apiextensions.k8s.io/widgets.example.com unchanged\nwidget.example.com/w1 created\n', 0]);
  assert.equal(c.k('apply', '-f', f).stdout, 'customresourcedefinition.apiextensions.k8s.io/widgets.example.com unchanged\nwidget.example.com/w1 unchanged\n');
});
