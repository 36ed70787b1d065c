// edit, patch, set image/env, run, the generators against a cluster, config (and the namespace
// it makes current), api-resources, api-versions, cluster-info, through bin/kubectl.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster } from './helpers/kubectl';

const c = cluster();
after(() => c.cleanup());
const jsonOf = (...args: string[]) => JSON.parse(c.k(...args, '-o', 'json').stdout);
const withEditor = (editor: string, ...args: string[]) => {
  const saved = c.env.EDITOR;
  c.env.EDITOR = editor;
  try { return c.k(...args); } finally { if (saved === undefined) delete c.env.EDITOR; else c.env.EDITOR = saved; }
};

test('edit: the editor command through the shell; edited, cancelled, invalid edits rejected and kept', () => {
  assert.equal(c.k('create', 'service', 'nodeport', 'secure', '--tcp=8080:80', '--tcp=443').code, 0);
  const np = jsonOf('get', 'svc', 'secure').spec.ports.map((p: any) => p.nodePort);
  let r = withEditor('true', 'edit', 'svc', 'secure');
  assert.equal(r.code, 0);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'Edit cancelled, no changes made.\n');
  r = withEditor("sed -i -e 's/type: NodePort/type: LoadBalancer/'", 'edit', 'svc', 'secure');
  assert.equal(r.stdout, 'service/secure edited\n', r.stderr);
  const svc = jsonOf('get', 'svc', 'secure');
  assert.equal(svc.spec.type, 'LoadBalancer');
  assert.deepEqual(svc.spec.ports.map((p: any) => p.nodePort), np, 'node ports kept');
  assert.match(c.k('get', 'svc', 'secure').stdout, /^secure +LoadBalancer +10\.[0-9.]+ +\d+\.\d+\.\d+\.\d+ +8080:3\d{4}\/TCP,443:3\d{4}\/TCP +\d+s$/m);
  r = withEditor("sed -i -e '0,/nodePort: [0-9]*$/s//nodePort: 80/'", 'edit', 'svc', 'secure');
  assert.equal(r.code, 1);
  const m = /^A copy of your changes has been stored to "(.+)"$/m.exec(r.stderr);
  assert.ok(m, r.stderr);
  assert.equal(r.stderr, `error: services "secure" is invalid\nA copy of your changes has been stored to "${m![1]}"\nerror: Edit cancelled, no valid changes were saved.\n`);
  const kept = fs.readFileSync(m![1], 'utf8');
  assert.match(kept, /^# services "secure" was not valid:\n# \* spec\.ports\[0\]\.nodePort: /m);
  fs.rmSync(m![1]);
  assert.deepEqual(jsonOf('get', 'svc', 'secure').spec.ports.map((p: any) => p.nodePort), np, 'nothing changed');
  r = withEditor("sed -i -e 's/^  name: secure$/  name: other/'", 'edit', 'svc', 'secure');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^error: At least one of apiVersion, kind and name was changed$/m);
  for (const f of fs.readdirSync(path.dirname(m![1]))) if (/^kubectl-edit-\d+\.yaml$/.test(f)) fs.rmSync(path.join(path.dirname(m![1]), f), { force: true });
  r = withEditor("sed -i -e '/^[^#]/d'", 'edit', 'svc', 'secure');
  assert.equal(r.stderr, 'Edit cancelled, saved file was empty.\n');
  assert.equal(c.k('edit', 'svc', 'nope').stderr, 'Error from server (NotFound): services "nope" not found\n');
});

test('patch: strategic (default), merge, json; no change; bad input', () => {
  assert.equal(c.k('create', 'deployment', 'pat', '--image=nginx', '--replicas=2').code, 0);
  assert.equal(c.k('patch', 'deploy', 'pat', '-p', '{"metadata":{"labels":{"x":"y"}}}').stdout, 'deployment.apps/pat patched\n');
  assert.equal(c.k('patch', 'deploy', 'pat', '-p', '{"metadata":{"labels":{"x":"y"}}}').stdout, 'deployment.apps/pat patched (no change)\n');
  assert.equal(c.k('patch', 'deploy/pat', '--type', 'merge', '-p', 'spec: {replicas: 3}').stdout, 'deployment.apps/pat patched\n');
  assert.equal(jsonOf('get', 'deploy', 'pat').spec.replicas, 3);
  assert.equal(c.k('patch', 'deploy', 'pat', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":1}]').stdout, 'deployment.apps/pat patched\n');
  assert.equal(jsonOf('get', 'deploy', 'pat').spec.replicas, 1);
  // containers merge by name
  assert.equal(c.k('patch', 'deploy', 'pat', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"nginx","image":"nginx:1.27"}]}}}}').code, 0);
  const ct = jsonOf('get', 'deploy', 'pat').spec.template.spec.containers;
  assert.equal(ct.length, 1);
  assert.equal(ct[0].image, 'nginx:1.27');
  let r = c.k('patch', 'deploy', 'pat', '-p', '{"spec":{"replicas":-1}}');
  assert.equal(r.stderr, 'The Deployment "pat" is invalid: spec.replicas: Invalid value: -1: must be greater than or equal to 0\n');
  r = c.k('patch', 'deploy', 'pat');
  assert.equal(r.stderr, 'error: must specify --patch or --patch-file containing the contents of the patch\n');
  r = c.k('patch', 'deploy', 'nope', '-p', '{}');
  assert.equal(r.stderr, 'Error from server (NotFound): deployments.apps "nope" not found\n');
  // JSON goes to the server as typed: its syntax errors are the API server's
  assert.equal(c.k('patch', 'deploy', 'pat', '-p', '{"spec":{"replicas":3}').stderr, 'Error from server (BadRequest): unexpected end of JSON input\n');
  assert.equal(c.k('patch', 'deploy', 'pat', '-p', "{'spec':{}}").stderr, "Error from server (BadRequest): invalid character '\\'' looking for beginning of object key string\n");
  assert.equal(c.k('patch', 'deploy', 'pat', '--type=merge', '-p', '{x').stderr, 'Error from server (BadRequest): Invalid JSON Patch\n');
  assert.equal(c.k('patch', 'deploy', 'pat', '--type=json', '-p', '{}').stderr, 'Error from server (BadRequest): json: cannot unmarshal object into Go value of type jsonpatch.Patch\n');
  // json-patch v4 replaces a missing key by adding it
  assert.equal(c.k('patch', 'deploy', 'pat', '--type=json', '-p', '[{"op":"replace","path":"/metadata/labels/new","value":"v"}]').stdout, 'deployment.apps/pat patched\n');
  // --dry-run=client patches the live object locally: no defaults, no validation, no suffix
  const before = c.k('get', 'deploy', 'pat', '-o', 'yaml').stdout;
  assert.equal(c.k('patch', 'deploy', 'pat', '-p', '{"spec":{"replicas":"x"}}', '--dry-run=client').stdout, 'deployment.apps/pat patched\n');
  assert.equal(c.k('patch', 'deploy', 'pat', '-p', '{}', '--dry-run=client').stdout, 'deployment.apps/pat patched (no change)\n');
  assert.equal(c.k('patch', 'deploy', 'pat', '--type=json', '-p', '[{"op":"remove","path":"/metadata/nope"}]', '--dry-run=client').stderr, "error: error in remove for path: '/metadata/nope': Unable to remove nonexistent key: nope: missing value\n");
  const local = JSON.parse(c.k('patch', 'deploy', 'pat', '--type=merge', '-p', '{"spec":{"template":{"spec":{"containers":[{"name":"x","image":"y"}]}}}}', '--dry-run=client', '-o', 'json').stdout);
  assert.deepEqual(local.spec.template.spec.containers, [{ name: 'x', image: 'y' }]);
  assert.equal(c.k('get', 'deploy', 'pat', '-o', 'yaml').stdout, before, 'nothing changed');
});

test('set image rolls the deployment out; set env adds, lists and removes', () => {
  let r = c.k('set', 'image', 'deployment/pat', 'nginx=nginx:1.28');
  assert.equal(r.stdout, 'deployment.apps/pat image updated\n');
  assert.equal(c.k('set', 'image', 'deployment/pat', 'nginx=nginx:1.28').stdout, '', 'no change: nothing printed');
  assert.equal(c.k('get', 'rs', '-l', 'app=pat', '--no-headers').stdout.trim().split('\n').length >= 2, true);
  r = c.k('set', 'image', 'deployment/pat', 'nope=x');
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'error: unable to find container named "nope"\n');
  assert.equal(c.k('set', 'env', 'deployment/pat', 'A=1', 'B=2').stdout, 'deployment.apps/pat env updated\n');
  assert.equal(c.k('set', 'env', 'deployment/pat', '--list').stdout, '# Deployment pat, container nginx\nA=1\nB=2\n');
  let w = c.k('set', 'env', 'deployment/pat', '-c', 'nope', 'C=3');
  assert.deepEqual([w.code, w.stdout, w.stderr], [0, '', 'Warning: Deployment/pat does not have any containers matching "nope"\n']);
  w = c.k('set', 'env', 'deployment/pat', '1C=3');
  assert.equal(w.stderr, `error: "1C" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit (e.g. 'my.env-name',  or 'MY_ENV.NAME',  or 'MyEnvName1', regex used for validation is '[-._a-zA-Z][-._a-zA-Z0-9]*')\n`);
  assert.equal(c.k('create', 'configmap', 'envs', '--from-literal=log.level=debug').code, 0);
  w = c.k('set', 'env', 'deployment/pat', '--from=configmap/envs', '--dry-run=client', '-o', 'name');
  assert.deepEqual([w.stdout, w.stderr], ['deployment.apps/pat\n', 'Warning: key log.level transferred to LOG_LEVEL\n']);
  assert.equal(c.k('set', 'env', 'deployment/pat', 'A-').stdout, 'deployment.apps/pat env updated\n');
  assert.deepEqual(jsonOf('get', 'deploy', 'pat').spec.template.spec.containers[0].env, [{ name: 'B', value: '2' }]);
  r = c.k('set', 'image', 'svc/kubernetes', 'x=y');
  assert.equal(r.stderr, 'error: services/kubernetes the object is not a pod or does not have a pod template: *v1.Service\n');
});

test('run: a bare pod, with a service; AlreadyExists', () => {
  assert.equal(c.k('run', 'nginx', '--image=nginx', '--port=80').stdout, 'pod/nginx created\n');
  const pod = jsonOf('get', 'pod', 'nginx');
  assert.deepEqual(pod.metadata.labels, { run: 'nginx' });
  assert.equal(pod.spec.containers[0].ports[0].containerPort, 80);
  assert.equal(pod.status.phase, 'Running');
  assert.equal(c.k('run', 'nginx', '--image=nginx').stderr, 'Error from server (AlreadyExists): pods "nginx" already exists\n');
  assert.equal(c.k('run', 'web', '--image=nginx', '--port=8080', '--expose', '--labels=app=web', '--env=A=1', '--', 'arg1').stdout, 'service/web created\npod/web created\n');
  assert.equal(c.k('get', 'ep', 'web', '-o', 'jsonpath={.subsets[0].ports[0].port}').stdout, '8080');
  assert.deepEqual(jsonOf('get', 'pod', 'web').spec.containers[0].args, ['arg1']);
  // the pod is made first; a service that exists already is reported after the pod is printed
  assert.equal(c.k('create', 'service', 'clusterip', 'taken', '--tcp=80').code, 0);
  const rr = c.k('run', 'taken', '--image=nginx', '--port=80', '--expose');
  assert.deepEqual([rr.code, rr.stdout, rr.stderr], [1, 'pod/taken created\n', 'Error from server (AlreadyExists): services "taken" already exists\n']);
});

test('generators against the cluster: secrets, config maps, service accounts, services; wrapped errors', () => {
  assert.equal(c.k('create', 'secret', 'generic', 'creds', '--from-literal=user=admin').stdout, 'secret/creds created\n');
  const s = jsonOf('get', 'secret', 'creds');
  assert.equal(s.type, 'Opaque');
  assert.equal(Buffer.from(s.data.user, 'base64').toString(), 'admin');
  assert.equal(c.k('create', 'secret', 'generic', 'creds', '--from-literal=user=admin').stderr, 'error: failed to create secret secrets "creds" already exists\n');
  assert.equal(c.k('create', 'configmap', 'conf', '--from-literal=a=1').stdout, 'configmap/conf created\n');
  assert.equal(c.k('create', 'configmap', 'conf', '--from-literal=a=1').stderr, 'error: failed to create configmap: configmaps "conf" already exists\n');
  assert.equal(c.k('create', 'sa', 'robot').stdout, 'serviceaccount/robot created\n');
  assert.equal(c.k('create', 'service', 'nodeport', 'n1', '--tcp=80:8080', '--node-port=30090').stdout, 'service/n1 created\n');
  assert.equal(c.k('create', 'service', 'nodeport', 'n2', '--tcp=80:8080', '--node-port=30090').stderr, 'error: failed to create NodePort service: Service "n2" is invalid: spec.ports[0].nodePort: Invalid value: 30090: provided port is already allocated\n');
  assert.equal(c.k('create', 'service', 'externalname', 'db', '--external-name', 'my.database.example.com').stdout, 'service/db created\n');
  assert.match(c.k('get', 'svc', 'db').stdout, /^db +ExternalName +<none> +my\.database\.example\.com +<none> +\d+s$/m);
  assert.equal(c.k('create', 'service', 'clusterip', 'hl', '--clusterip=None').stdout, 'service/hl created\n');
  assert.match(c.k('get', 'svc', 'hl').stdout, /^hl +ClusterIP +None +<none> +<none> +\d+s$/m);
});

test('config: contexts, the current namespace honoured by every verb, view', () => {
  let r = c.k('config', 'current-context');
  assert.equal(r.stdout, 'kind-kind\n');
  assert.equal(c.k('config', 'get-contexts').stdout, 'CURRENT   NAME        CLUSTER     AUTHINFO    NAMESPACE\n*         kind-kind   kind-kind   kind-kind   \n');
  assert.equal(c.k('create', 'namespace', 'bluegreen').stdout, 'namespace/bluegreen created\n');
  assert.equal(c.k('config', 'set-context', '--current', '--namespace', 'bluegreen').stdout, 'Context "kind-kind" modified.\n');
  assert.equal(c.k('config', 'get-contexts').stdout, 'CURRENT   NAME        CLUSTER     AUTHINFO    NAMESPACE\n*         kind-kind   kind-kind   kind-kind   bluegreen\n');
  assert.equal(c.k('config', 'view', '--minify', '-o', 'jsonpath={..namespace}').stdout, 'bluegreen');
  fs.writeFileSync(path.join(c.home, 'cm.yaml'), 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: here}\n');
  assert.equal(c.k('apply', '-f', 'cm.yaml').stdout, 'configmap/here created\n');
  assert.equal(c.k('get', 'cm', 'here', '-o', 'jsonpath={.metadata.namespace}').stdout, 'bluegreen');
  assert.equal(c.k('get', 'cm', 'here', '-n', 'default').stderr, 'Error from server (NotFound): configmaps "here" not found\n');
  assert.equal(c.k('delete', '-f', 'cm.yaml').stdout, 'configmap "here" deleted\n');
  assert.equal(c.k('config', 'use-context', 'nope').stderr, 'error: no context exists with the name: "nope"\n');
  assert.equal(c.k('config', 'set-context', 'other', '--namespace=x').stdout, 'Context "other" created.\n');
  assert.equal(c.k('config', 'use-context', 'other').stdout, 'Switched to context "other".\n');
  assert.equal(c.k('config', 'get-contexts', '-o', 'name').stdout, 'kind-kind\nother\n');
  assert.equal(c.k('config', 'use-context', 'kind-kind').code, 0);
  r = c.k('config', 'view');
  assert.equal(r.stdout, `apiVersion: v1
clusters:
- cluster:
    certificate-authority-data: DATA+OMITTED
    server: https://127.0.0.1:6443
  name: kind-kind
contexts:
- context:
    cluster: kind-kind
    namespace: bluegreen
    user: kind-kind
  name: kind-kind
- context:
    cluster: ""
    namespace: x
    user: ""
  name: other
current-context: kind-kind
kind: Config
preferences: {}
users:
- name: kind-kind
  user:
    client-certificate-data: DATA+OMITTED
    client-key-data: DATA+OMITTED
`);
  assert.equal(c.k('config', 'set-context', '--current', '--namespace=default').code, 0);
  // config set / unset: a dotted path of attribute names and map keys
  assert.equal(c.k('config', 'set', 'contexts.kind-kind.namespace', 'bluegreen').stdout, 'Property "contexts.kind-kind.namespace" set.\n');
  assert.equal(c.k('config', 'view', '--minify', '-o', 'jsonpath={..namespace}').stdout, 'bluegreen');
  assert.equal(c.k('config', 'unset', 'contexts.kind-kind.namespace').stdout, 'Property "contexts.kind-kind.namespace" unset.\n');
  assert.equal(c.k('config', 'view', '--minify', '-o', 'jsonpath={..namespace}').stdout, '');
  assert.equal(c.k('config', 'set', 'contexts.third.cluster', 'kind-kind').stdout, 'Property "contexts.third.cluster" set.\n');
  assert.equal(c.k('config', 'get-contexts', 'third').stdout, 'CURRENT   NAME    CLUSTER     AUTHINFO   NAMESPACE\n          third   kind-kind              \n');
  assert.equal(c.k('config', 'unset', 'contexts.third').stdout, 'Property "contexts.third" unset.\n');
  assert.equal(c.k('config', 'set', 'foo', 'bar').stderr, 'error: unable to parse foo after [] at api.Config\n');
  const r2 = c.k('config', 'unset');
  assert.match(r2.stdout, /^Unset an individual value in a kubeconfig file\./);
  assert.equal(r2.stderr, 'error: Unexpected args: []\n');
});

test('api-resources, api-versions, cluster-info', () => {
  let r = c.k('api-resources');
  assert.match(r.stdout, /^NAME +SHORTNAMES +APIVERSION +NAMESPACED +KIND$/m);
  assert.match(r.stdout, /^deployments +deploy +apps\/v1 +true +Deployment$/m);
  assert.match(r.stdout, /^services +svc +v1 +true +Service$/m);
  r = c.k('api-resources', '--namespaced=false', '-o', 'name');
  assert.ok(r.stdout.split('\n').includes('namespaces'));
  assert.ok(!r.stdout.split('\n').includes('pods'));
  r = c.k('api-resources', '--api-group=apps', '-o', 'wide');
  assert.match(r.stdout, /^NAME +SHORTNAMES +APIVERSION +NAMESPACED +KIND +VERBS +CATEGORIES$/m);
  assert.match(r.stdout, /^deployments +deploy +apps\/v1 +true +Deployment +create,delete,deletecollection,get,list,patch,update,watch +all$/m);
  r = c.k('api-versions');
  assert.ok(r.stdout.endsWith('v1\n'));
  assert.ok(r.stdout.includes('apps/v1\n'));
  r = c.k('cluster-info');
  assert.equal(r.stdout, "\x1b[0;32mKubernetes control plane\x1b[0m is running at \x1b[0;33mhttps://127.0.0.1:6443\x1b[0m\n\x1b[0;32mCoreDNS\x1b[0m is running at \x1b[0;33mhttps://127.0.0.1:6443/api/v1/namespaces/kube-system/services/kube-dns:dns/proxy\x1b[0m\n\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n");
});

test('label and annotate as kubectl words them', () => {
  assert.equal(c.k('run', 'lab', '--image=nginx', '--labels=app=a,tier=fe').code, 0);
  assert.equal(c.k('label', 'pod', 'lab', 'x=y').stdout, 'pod/lab labeled\n');
  assert.equal(c.k('label', 'pod', 'lab', 'x=y').stdout, 'pod/lab not labeled\n');
  assert.equal(c.k('label', 'pod', 'lab', 'tier=be').stderr, "error: 'tier' already has a value (fe), and --overwrite is false\n");
  assert.equal(c.k('label', 'pod', 'lab', 'tier=be', '--overwrite').stdout, 'pod/lab labeled\n');
  assert.equal(c.k('label', 'pod', 'lab', 'x-').stdout, 'pod/lab unlabeled\n');
  // RunLabel says so of each label to remove that is not there (not in a client dry run)
  assert.equal(c.k('label', 'pod', 'lab', 'nope-').stdout, 'label "nope" not found.\npod/lab not labeled\n');
  assert.equal(c.k('label', 'pod', 'lab', 'nope-', '--dry-run=client').stdout, 'pod/lab not labeled (dry run)\n');
  assert.equal(c.k('label', 'pod', 'lab', 'tier=x', 'nope-').stdout, 'label "nope" not found.\n');
  assert.equal(c.k('label', 'pod', 'lab', '-l', 'app=a', 'w=1').stderr, 'error: name cannot be provided when a selector is specified\n');
  assert.equal(c.k('annotate', 'pods', '--all', '-l', 'app=a', 'w=1').stderr, 'error: cannot set --all and --selector at the same time\n');
  assert.equal(c.k('label', 'pods', '--all', '--resource-version=1', 'w=1').stderr, 'error: --resource-version may only be used with a single resource\n');
  assert.equal(c.k('label', 'pod', 'lab', '--resource-version=1', 'w=1', '--dry-run=client').stdout, 'pod/lab labeled (dry run)\n');
  assert.match(c.k('label', 'pods', '-l', 'app=a', '--list').stdout, /^Listing labels for Pod\.\/lab:\n app=a\n/);
  assert.equal(c.k('label', 'pod', 'lab', '--list').stdout, 'app=a\ntier=be\n');
  assert.equal(c.k('label', 'pod', 'lab', 'z=1', '--dry-run=client').stdout, 'pod/lab labeled (dry run)\n');
  assert.equal(c.k('get', 'pod', 'lab', '-o', 'jsonpath={.metadata.labels.z}').stdout, '');
  assert.match(c.k('label', 'pod', 'lab', 'x=bad value').stderr, /^error: invalid label value: "x=bad value": a valid label must be/);
  assert.equal(c.k('annotate', 'pod', 'lab', 'note=x').stdout, 'pod/lab annotated\n');
  assert.equal(c.k('annotate', 'pod', 'lab', 'note=y').stderr, "error: --overwrite is false but found the following declared annotation(s): 'note' already has a value (x)\n");
  assert.equal(c.k('annotate', 'pod', 'lab', 'note-').stdout, 'pod/lab annotated\n');
  assert.equal(c.k('label', 'pod', 'nope', 'a=b').stderr, 'Error from server (NotFound): pods "nope" not found\n');
  // several errors: the builder's order, plain errors without "error: " (MultipleErrors)
  assert.equal(c.k('run', 'lab2', '--image=nginx', '--labels=app=b').code, 0);
  assert.equal(c.k('label', 'pod', 'lab', 'nope', 'lab2', 'app=c').stderr, "'app' already has a value (a), and --overwrite is false\nError from server (NotFound): pods \"nope\" not found\n'app' already has a value (b), and --overwrite is false\n");
});
