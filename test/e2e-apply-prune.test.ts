// kubectl apply --prune: objects of the prune set that match the selector, carry the
// last-applied annotation and were not in this apply are deleted ("<kind>/<name> pruned"),
// as k8s.io/kubectl/pkg/cmd/apply/prune.go does; messages checked against kubectl 1.32.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster } from './helpers/kubectl';

const deploy = (name: string, labels: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  name: ${name}
  labels: {${labels}}
spec:
  selector:
    matchLabels: {app: ${name}}
  template:
    metadata:
      labels: {app: ${name}}
    spec:
      containers:
      - name: c
        image: nginx
`;
const cm = (name: string, labels: string) => `apiVersion: v1
kind: ConfigMap
metadata:
  name: ${name}
  labels: {${labels}}
data:
  k: v
`;
const WARNING = /^W\d{4} [\d:.]+ +\d+ prune\.go:71\] Deprecated: kubectl apply will no longer prune non-namespaced resources by default when used with the --namespace flag in a future release\. To preserve the current behaviour, list the resources you want to target explicitly in the --prune-allowlist flag\.\n$/;

test('apply --prune -l deletes what was applied before and is no longer in the files', () => {
  const c = cluster();
  try {
    const dir = path.join(c.home, 'm');
    fs.mkdirSync(dir);
    fs.writeFileSync(path.join(dir, 'a.yaml'), deploy('a', 'tier: web'));
    fs.writeFileSync(path.join(dir, 'b.yaml'), deploy('b', 'tier: web'));
    fs.writeFileSync(path.join(dir, 'c.yaml'), cm('c', 'tier: web'));
    fs.writeFileSync(path.join(dir, 'other.yaml'), cm('other', 'tier: db'));
    assert.equal(c.k('apply', '-f', dir).code, 0);
    // same label, but not created by apply: never pruned
    assert.equal(c.k('create', 'configmap', 'manual').code, 0);
    assert.equal(c.k('label', 'configmap', 'manual', 'tier=web').code, 0);
    fs.rmSync(path.join(dir, 'b.yaml'));
    fs.rmSync(path.join(dir, 'c.yaml'));
    fs.rmSync(path.join(dir, 'other.yaml'));

    const dry = c.k('apply', '-f', dir, '--prune', '-l', 'tier=web', '--dry-run=client');
    assert.equal(dry.code, 0, dry.stderr);
    assert.equal(dry.stdout, 'deployment.apps/a configured (dry run)\nconfigmap/c pruned (dry run)\ndeployment.apps/b pruned (dry run)\n');
    assert.match(dry.stderr, WARNING);
    assert.equal(c.k('get', 'deploy', 'b', '-o', 'name').stdout, 'deployment.apps/b\n');

    const only = c.k('apply', '-f', dir, '--prune', '-l', 'tier=web', '--prune-allowlist=core/v1/ConfigMap');
    assert.equal(only.code, 0, only.stderr);
    assert.equal(only.stdout, 'deployment.apps/a unchanged\nconfigmap/c pruned\n');
    assert.equal(only.stderr, '');

    const r = c.k('apply', '-f', dir, '--prune', '-l', 'tier=web');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'deployment.apps/a unchanged\ndeployment.apps/b pruned\n');
    assert.equal(c.k('get', 'deploy', 'b').code, 1);
    assert.equal(c.k('get', 'cm', 'manual', '-o', 'name').stdout, 'configmap/manual\n');
    assert.equal(c.k('get', 'cm', 'other', '-o', 'name').stdout, 'configmap/other\n');

    const names = c.k('apply', '-f', path.join(dir, 'a.yaml'), '--prune', '--all', '-o', 'name');
    assert.equal(names.code, 0, names.stderr);
    assert.equal(names.stdout, 'deployment.apps/a\nconfigmap/other\n', '-o name prints no operation');
    assert.equal(c.k('get', 'cm', 'other').code, 1);
  } finally { c.cleanup(); }
});

test('apply --prune: usage errors as kubectl 1.32 words them, before anything is applied', () => {
  const c = cluster();
  try {
    fs.writeFileSync(path.join(c.home, 'x.yaml'), cm('x', 'a: b'));
    const cases: [string[], string][] = [
      [['--prune'], 'error: all resources selected for prune without explicitly passing --all. To prune all resources, pass the --all flag. If you did not mean to prune all resources, specify a label selector\n'],
      [['--prune', '--all', '-l', 'a=b'], 'error: cannot set --all and --selector at the same time\n'],
      [['--prune', '-l', 'a=b', '--prune-allowlist=foo'], 'error: invalid GroupVersionKind format: foo, please follow <group/version/kind>\n'],
      [['--prune', '-l', 'a=b', '--prune-allowlist=core/v1/Nope'], 'error: no matches for kind "Nope" in version "v1"\n'],
    ];
    for (const [flags, msg] of cases) {
      const r = c.k('apply', '-f', 'x.yaml', ...flags);
      assert.equal(r.stderr, msg, flags.join(' '));
      assert.equal(r.code, 1);
    }
    assert.equal(c.k('get', 'cm', 'x').code, 1, 'nothing applied');
  } finally { c.cleanup(); }
});

test('apply -k --prune prunes namespaces applied before (cluster-scoped kinds are in the default set)', () => {
  const c = cluster();
  try {
    fs.writeFileSync(path.join(c.home, 'ns.yaml'), 'apiVersion: v1\nkind: Namespace\nmetadata:\n  name: scratch\n  labels: {owner: me}\n');
    fs.writeFileSync(path.join(c.home, 'x.yaml'), cm('x', 'owner: me'));
    assert.equal(c.k('apply', '-f', 'ns.yaml').code, 0);
    const r = c.k('apply', '-f', 'x.yaml', '--prune', '-l', 'owner=me');
    assert.equal(r.code, 0, r.stderr);
    assert.equal(r.stdout, 'configmap/x created\nnamespace/scratch pruned\n');
    assert.match(c.k('get', 'ns', 'scratch', '-o', 'jsonpath={.status.phase}').stdout + 'x', /^(Terminating)?x$/);
  } finally { c.cleanup(); }
});
