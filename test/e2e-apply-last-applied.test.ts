// kubectl apply view-last-applied / set-last-applied / edit-last-applied: output and errors as
// kubectl 1.32 prints them (checked against the real kubectl through the oracle).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster } from './helpers/kubectl';

const NO_RESOURCES = "error: You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'\n";
const CM = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: web\ndata:\n  b: "2"\n  a: "1"\n';

test('view-last-applied: yaml (sorted) and json (as stored), several objects without separators', () => {
  const c = cluster();
  try {
    fs.writeFileSync(path.join(c.home, 'cm.yaml'), CM);
    assert.equal(c.k('apply', '-f', 'cm.yaml').code, 0);
    assert.equal(c.k('create', 'deployment', 'saved', '--image=nginx', '--save-config').code, 0);
    assert.equal(c.k('create', 'deployment', 'plain', '--image=nginx').code, 0);
    const y = c.k('apply', 'view-last-applied', 'configmap/web');
    assert.equal(y.stdout, 'apiVersion: v1\ndata:\n  a: "1"\n  b: "2"\nkind: ConfigMap\nmetadata:\n  annotations: {}\n  name: web\n  namespace: default\n');
    const j = c.k('apply', 'view-last-applied', 'deploy/saved', 'cm/web', '-o', 'json');
    assert.equal(j.code, 0, j.stderr);
    // create --save-config stores Go struct order; json.Indent keeps it, and the trailing newline
    assert.ok(j.stdout.startsWith('{\n  "kind": "Deployment",\n  "apiVersion": "apps/v1",\n  "metadata": {\n    "name": "saved",\n'), j.stdout);
    assert.match(j.stdout, /\n  "status": \{\}\n\}\n\{\n  "apiVersion": "v1",\n  "data": \{\n    "a": "1",/);
    // kubectl loses this error when the object was named by argument: nothing printed, exit 0
    const plain = c.k('apply', 'view-last-applied', 'deploy/plain');
    assert.deepEqual([plain.stdout, plain.stderr, plain.code], ['', '', 0]);
    c.k('get', 'deploy', 'plain', '-o', 'yaml');
    fs.writeFileSync(path.join(c.home, 'plain.yaml'), c.k('get', 'deploy', 'plain', '-o', 'yaml').stdout);
    const fromFile = c.k('apply', 'view-last-applied', '-f', 'plain.yaml');
    assert.equal(fromFile.stderr, 'error: error when no last-applied-configuration annotation found on resource: plain\n "plain.yaml": <nil>\n');
    assert.equal(fromFile.code, 1);
    const errs: [string[], string][] = [
      [[], NO_RESOURCES],
      [['deploy'], 'error: resource(s) were provided, but no name was specified\n'],
      [['deploy/nope'], 'Error from server (NotFound): deployments.apps "nope" not found\n'],
      [['deploy/saved', '-o', 'wide'], "error: Unexpected -o output mode: wide, the flag 'output' must be one of yaml|json\nSee 'kubectl apply view-last-applied -h' for help and examples\n"],
    ];
    for (const [args, msg] of errs) {
      const r = c.k('apply', 'view-last-applied', ...args);
      assert.equal(r.stderr, msg, args.join(' '));
      assert.equal(r.code, 1);
      assert.equal(r.stdout, '');
    }
    assert.equal(c.k('apply', 'view-last-applied', 'deploy', '-l', 'app=saved').stdout.split('\n')[0], 'apiVersion: apps/v1');
  } finally { c.cleanup(); }
});

test('set-last-applied: no changes, --create-annotation, dry run, errors', () => {
  const c = cluster();
  try {
    fs.writeFileSync(path.join(c.home, 'cm.yaml'), CM);
    assert.equal(c.k('apply', '-f', 'cm.yaml').code, 0);
    // apply stored `annotations: {}` (GetModifiedConfiguration), the file has none: a change
    assert.equal(c.k('apply', 'set-last-applied', '-f', 'cm.yaml').stdout, 'configmap/web configured\n');
    assert.equal(c.k('apply', 'set-last-applied', '-f', 'cm.yaml').stdout, 'set-last-applied web: no changes required.\n');
    fs.writeFileSync(path.join(c.home, 'cm2.yaml'), CM.replace('"2"', '"3"'));
    const dry = c.k('apply', 'set-last-applied', '-f', 'cm2.yaml', '--dry-run=client');
    assert.equal(dry.stdout, 'configmap/web configured (dry run)\n');
    assert.match(c.k('apply', 'view-last-applied', 'cm/web').stdout, /b: "2"/);
    const r = c.k('apply', 'set-last-applied', '-f', 'cm2.yaml');
    assert.equal(r.stdout, 'configmap/web configured\n');
    assert.match(c.k('apply', 'view-last-applied', 'cm/web').stdout, /b: "3"/);
    // the object itself is untouched
    assert.equal(c.k('get', 'cm', 'web', '-o', 'jsonpath={.data.b}').stdout, '2');
    assert.equal(c.k('get', 'cm', 'web', '-o', 'jsonpath={.metadata.annotations.kubectl\\.kubernetes\\.io/last-applied-configuration}').stdout,
      '{"apiVersion":"v1","data":{"a":"1","b":"3"},"kind":"ConfigMap","metadata":{"name":"web","namespace":"default"}}');

    assert.equal(c.k('create', 'configmap', 'bare').code, 0);
    fs.writeFileSync(path.join(c.home, 'bare.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: bare\ndata:\n  x: z\n');
    const missing = c.k('apply', 'set-last-applied', '-f', 'bare.yaml');
    assert.equal(missing.stderr, 'error: no last-applied-configuration annotation found on resource: bare, to create the annotation, run the command with --create-annotation\n');
    assert.equal(missing.code, 1);
    assert.equal(c.k('apply', 'set-last-applied', '-f', 'bare.yaml', '--create-annotation', '-o', 'name').stdout, 'configmap/bare\n');
    assert.match(c.k('apply', 'view-last-applied', 'cm/bare').stdout, /x: z/);
    assert.equal(c.k('apply', 'set-last-applied').stderr, NO_RESOURCES);
    fs.writeFileSync(path.join(c.home, 'gone.yaml'), CM.replace('name: web', 'name: gone'));
    assert.equal(c.k('apply', 'set-last-applied', '-f', 'gone.yaml').stderr, 'Error from server (NotFound): configmaps "gone" not found\n');
  } finally { c.cleanup(); }
});

test('edit-last-applied edits the annotation through $KUBE_EDITOR', () => {
  const c = cluster();
  try {
    fs.writeFileSync(path.join(c.home, 'cm.yaml'), CM);
    assert.equal(c.k('apply', '-f', 'cm.yaml').code, 0);
    const seen = path.join(c.home, 'seen.txt');
    const look = path.join(c.home, 'look.sh');
    fs.writeFileSync(look, `#!/bin/sh\ncat "$1" > ${seen}\n`, { mode: 0o755 });
    const change = path.join(c.home, 'change.sh');
    fs.writeFileSync(change, '#!/bin/sh\nsed -i \'s/b: "2"/b: "9"/\' "$1"\n', { mode: 0o755 });

    const none = c.sh(`KUBE_EDITOR=${look} kubectl apply edit-last-applied cm/web`);
    assert.equal(none.stderr, 'Edit cancelled, no changes made.\n');
    assert.equal(none.code, 0);
    assert.equal(fs.readFileSync(seen, 'utf8'), "# Please edit the 'last-applied-configuration' annotations below.\n# Lines beginning with a '#' will be ignored, and an empty file will abort the edit.\n#\napiVersion: v1\ndata:\n  a: \"1\"\n  b: \"2\"\nkind: ConfigMap\nmetadata:\n  annotations: {}\n  name: web\n  namespace: default\n");

    const r = c.sh(`KUBE_EDITOR=${change} kubectl apply edit-last-applied cm/web`);
    assert.equal(r.stdout, 'configmap/web edited\n', r.stderr);
    assert.match(c.k('apply', 'view-last-applied', 'cm/web').stdout, /b: "9"/);
    assert.equal(c.k('get', 'cm', 'web', '-o', 'jsonpath={.data.b}').stdout, '2');

    assert.equal(c.k('create', 'configmap', 'bare').code, 0);
    const bare = c.sh(`KUBE_EDITOR=${look} kubectl apply edit-last-applied cm/bare`);
    assert.equal(bare.stderr, 'error: no last-applied-configuration annotation found on resources, to create the annotation, use command `kubectl apply set-last-applied --create-annotation`\n');
    assert.equal(bare.code, 1);
    assert.equal(c.k('apply', 'edit-last-applied').stderr, NO_RESOURCES);
  } finally { c.cleanup(); }
});
