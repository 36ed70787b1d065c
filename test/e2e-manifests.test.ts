// Manifests through bin/kubectl: apply (created / configured / unchanged, the three-way merge),
// create/get/describe/delete/replace -f, dry runs, and the errors kubectl and the API server
// give for bad input, which change nothing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster } from './helpers/kubectl';

const c = cluster();
after(() => c.cleanup());
const write = (name: string, text: string) => fs.writeFileSync(path.join(c.home, name), text);
const jsonOf = (...args: string[]) => JSON.parse(c.k(...args, '-o', 'json').stdout);

const DEPLOY = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: web
  labels: {app: web, tier: fe}
spec:
  replicas: 2
  selector:
    matchLabels: {app: web}
  template:
    metadata:
      labels: {app: web}
    spec:
      containers:
      - name: nginx
        image: nginx:1.25
        ports:
        - containerPort: 80
        env:
        - {name: A, value: "1"}
        - {name: B, value: "2"}
      - name: side
        image: busybox
`;

test('apply: created, unchanged, then a three-way merge that keeps what others set', () => {
  write('web.yaml', DEPLOY);
  let r = c.k('apply', '-f', 'web.yaml');
  assert.equal(r.stdout, 'deployment.apps/web created\n', r.stderr);
  r = c.k('apply', '-f', 'web.yaml');
  assert.equal(r.stdout, 'deployment.apps/web unchanged\n');
  const d = jsonOf('get', 'deploy', 'web');
  const last = JSON.parse(d.metadata.annotations['kubectl.kubernetes.io/last-applied-configuration']);
  assert.deepEqual(last.metadata, { annotations: {}, labels: { app: 'web', tier: 'fe' }, name: 'web', namespace: 'default' });
  assert.equal(c.k('label', 'deploy', 'web', 'owner=ops').code, 0);
  // drop env B, the sidecar and the tier label; change the image
  write('web.yaml', DEPLOY.replace(/ +- \{name: B.*\n/, '').replace(/ +- name: side\n +image: busybox\n/, '').replace('nginx:1.25', 'nginx:1.26').replace(', tier: fe', ''));
  r = c.k('apply', '-f', 'web.yaml');
  assert.equal(r.stdout, 'deployment.apps/web configured\n', r.stderr);
  const after2 = jsonOf('get', 'deploy', 'web');
  assert.deepEqual(after2.metadata.labels, { app: 'web', owner: 'ops' });
  const containers = after2.spec.template.spec.containers;
  assert.deepEqual(containers.map((x: any) => x.name), ['nginx']);
  assert.equal(containers[0].image, 'nginx:1.26');
  assert.deepEqual(containers[0].env, [{ name: 'A', value: '1' }]);
  assert.equal(containers[0].terminationMessagePath, '/dev/termination-log', 'server defaults stay');
  assert.equal(after2.metadata.generation, 2);
  r = c.k('apply', '-f', 'web.yaml');
  assert.equal(r.stdout, 'deployment.apps/web unchanged\n');
});

test('apply on an object created without the annotation warns, then patches it', () => {
  assert.equal(c.k('create', 'deployment', 'plain', '--image=nginx').code, 0);
  write('plain.yaml', c.k('get', 'deploy', 'plain', '-o', 'yaml').stdout.replace('replicas: 1', 'replicas: 2'));
  const r = c.k('apply', '-f', 'plain.yaml');
  assert.equal(r.stdout, 'deployment.apps/plain configured\n');
  assert.equal(r.stderr, 'Warning: resource deployments/plain is missing the kubectl.kubernetes.io/last-applied-configuration annotation which is required by kubectl apply. kubectl apply should only be used on resources created declaratively by either kubectl create --save-config or kubectl apply. The missing annotation will be patched automatically.\n');
  assert.equal(jsonOf('get', 'deploy', 'plain').spec.replicas, 2);
});

test('create -f: several documents, AlreadyExists with the file name, stdin and JSON streams', () => {
  write('two.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: cm1}\ndata: {a: "1"}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: sec1}\nstringData: {p: s3cr3t}\n');
  let r = c.k('create', '-f', './two.yaml');
  assert.equal(r.stdout, 'configmap/cm1 created\nsecret/sec1 created\n', r.stderr);
  r = c.k('create', '-f', './two.yaml');
  assert.equal(r.code, 1);
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'Error from server (AlreadyExists): error when creating "./two.yaml": configmaps "cm1" already exists\nError from server (AlreadyExists): error when creating "./two.yaml": secrets "sec1" already exists\n');
  assert.equal(jsonOf('get', 'secret', 'sec1').data.p, Buffer.from('s3cr3t').toString('base64'));
  r = c.kIn('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j1"}}\n{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j2"}}', 'create', '-f', '-');
  assert.equal(r.stdout, 'configmap/j1 created\nconfigmap/j2 created\n', r.stderr);
  r = c.k('create', '-f', 'two.yaml', '--dry-run=server');
  assert.equal(r.code, 1);
  r = c.kIn('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: dry}\n', 'create', '-f', '-', '--dry-run=server', '-o', 'name');
  assert.equal(r.stdout, 'configmap/dry\n');
  assert.equal(c.k('get', 'cm', 'dry').code, 1, 'a server dry run stores nothing');
});

test('get -f, describe -f, delete -f (and again: NotFound per object, or nothing with --ignore-not-found)', () => {
  let r = c.k('get', '-f', 'two.yaml', '-o', 'name');
  assert.equal(r.stdout, 'configmap/cm1\nsecret/sec1\n');
  r = c.k('get', '-f', 'two.yaml');
  assert.match(r.stdout, /^NAME +DATA +AGE\nconfigmap\/cm1 +1 +\d+s\n\nNAME +TYPE +DATA +AGE\nsecret\/sec1 +Opaque +1 +\d+s\n$/);
  r = c.k('describe', '-f', 'two.yaml');
  assert.match(r.stdout, /^Name: +cm1$/m);
  assert.match(r.stdout, /^Name: +sec1$/m);
  r = c.k('delete', '-f', 'two.yaml');
  assert.equal(r.stdout, 'configmap "cm1" deleted\nsecret "sec1" deleted\n');
  r = c.k('delete', '-f', 'two.yaml');
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'Error from server (NotFound): error when deleting "two.yaml": configmaps "cm1" not found\nError from server (NotFound): error when deleting "two.yaml": secrets "sec1" not found\n');
  r = c.k('delete', '-f', 'two.yaml', '--ignore-not-found');
  assert.equal(r.code, 0);
  assert.equal(r.stdout + r.stderr, '');
  r = c.k('get', '-f', 'two.yaml');
  assert.equal(r.stderr, 'Error from server (NotFound): configmaps "cm1" not found\nError from server (NotFound): secrets "sec1" not found\n');
});

test('a namespace and its contents from one file: created in order, deleted together', () => {
  write('team.yaml', 'apiVersion: v1\nkind: Namespace\nmetadata: {name: team-a}\n---\napiVersion: v1\nkind: ConfigMap\nmetadata: {name: cfg, namespace: team-a}\n---\napiVersion: v1\nkind: Service\nmetadata: {name: svc, namespace: team-a}\nspec: {ports: [{port: 80}]}\n');
  let r = c.k('apply', '-f', 'team.yaml');
  assert.equal(r.stdout, 'namespace/team-a created\nconfigmap/cfg created\nservice/svc created\n', r.stderr);
  r = c.k('delete', '-f', 'team.yaml');
  assert.equal(r.stdout, 'namespace "team-a" deleted\nconfigmap "cfg" deleted\nservice "svc" deleted\n', r.stderr);
  assert.equal(c.k('get', 'ns', 'team-a').code, 1);
});

test('namespaces: the object\'s own, else -n; a different -n is refused', () => {
  write('in-default.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: nsd, namespace: default}\n');
  const r = c.k('apply', '-f', 'in-default.yaml', '-n', 'kube-system');
  assert.equal(r.code, 1);
  assert.equal(r.stderr, `error: the namespace from the provided object "default" does not match the namespace "kube-system". You must pass '--namespace=default' to perform this operation.\n`);
  write('nons.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: nons}\n');
  assert.equal(c.k('apply', '-f', 'nons.yaml', '-n', 'kube-public').stdout, 'configmap/nons created\n');
  assert.equal(c.k('get', 'cm', 'nons', '-n', 'kube-public', '-o', 'name').stdout, 'configmap/nons\n');
  const missing = c.k('apply', '-f', 'nons.yaml', '-n', 'nope');
  assert.equal(missing.stderr, 'Error from server (NotFound): error when creating "nons.yaml": namespaces "nope" not found\n');
});

test('replace -f: PUT, NotFound with the file, --force re-creates', () => {
  write('rep.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: rep}\ndata: {v: "1"}\n');
  let r = c.k('replace', '-f', 'rep.yaml');
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'Error from server (NotFound): error when replacing "rep.yaml": configmaps "rep" not found\n');
  c.k('create', '-f', 'rep.yaml');
  const uid = jsonOf('get', 'cm', 'rep').metadata.uid;
  write('rep.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: rep}\ndata: {v: "2"}\n');
  r = c.k('replace', '-f', 'rep.yaml');
  assert.equal(r.stdout, 'configmap/rep replaced\n');
  assert.equal(jsonOf('get', 'cm', 'rep').data.v, '2');
  r = c.k('replace', '--force', '-f', 'rep.yaml');
  assert.equal(r.stdout, 'configmap "rep" deleted\nconfigmap/rep replaced\n');
  assert.notEqual(jsonOf('get', 'cm', 'rep').metadata.uid, uid);
});

test('bad input gets the API server\'s errors and changes nothing', () => {
  const before = c.k('get', 'all,cm,secrets', '-A', '-o', 'name').stdout;
  write('unknown.yaml', DEPLOY.replace('name: bad', 'name: bad').replace('  replicas: 2\n', '  replicas: 2\n  foo: 1\n').replace('name: web\n  labels', 'name: strict\n  labels'));
  let r = c.k('apply', '-f', 'unknown.yaml');
  assert.equal(r.stderr, 'Error from server (BadRequest): error when creating "unknown.yaml": Deployment in version "v1" cannot be handled as a Deployment: strict decoding error: unknown field "spec.foo"\n');
  write('typed.yaml', DEPLOY.replace('replicas: 2', 'replicas: "2"').replace('name: web\n  labels', 'name: typed\n  labels'));
  r = c.k('create', '-f', 'typed.yaml');
  assert.equal(r.stderr, 'Error from server (BadRequest): error when creating "typed.yaml": Deployment in version "v1" cannot be handled as a Deployment: json: cannot unmarshal string into Go struct field DeploymentSpec.spec.replicas of type int32\n');
  write('mismatch.yaml', DEPLOY.replace('labels: {app: web}\n    spec', 'labels: {app: other}\n    spec').replace('name: web\n  labels', 'name: mismatch\n  labels'));
  r = c.k('apply', '-f', 'mismatch.yaml');
  assert.equal(r.stderr, 'The Deployment "mismatch" is invalid: spec.template.metadata.labels: Invalid value: map[string]string{"app":"other"}: `selector` does not match template `labels`\n');
  write('np.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: np}\nspec:\n  type: NodePort\n  ports: [{port: 80, nodePort: 80}]\n');
  r = c.k('apply', '-f', 'np.yaml');
  assert.equal(r.stderr, 'The Service "np" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767\n');
  write('gadget.yaml', 'apiVersion: v1\nkind: Gadget\nmetadata:\n  name: g\n');
  r = c.k('apply', '-f', 'gadget.yaml');
  assert.equal(r.stderr, 'error: resource mapping not found for name: "g" namespace: "" from "gadget.yaml": no matches for kind "Gadget" in version "v1"\nensure CRDs are installed first\n');
  write('broken.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: broken\nspec:\n  ports:\n  - port: 80\n   targetPort: 80\n');
  r = c.k('apply', '-f', 'broken.yaml');
  assert.equal(r.stderr, 'error: error parsing broken.yaml: error converting YAML to JSON: yaml: line 7: did not find expected key\n');
  write('secret.yaml', 'apiVersion: v1\nkind: Secret\nmetadata: {name: b64}\ndata: {k: "not base64!"}\n');
  r = c.k('create', '-f', 'secret.yaml');
  assert.equal(r.stderr, 'Error from server (BadRequest): error when creating "secret.yaml": Secret in version "v1" cannot be handled as a Secret: illegal base64 data at input byte 3\n');
  assert.equal(c.k('apply', '-f', 'unknown.yaml', '--validate=false').stdout, 'deployment.apps/strict created\n');
  assert.equal(c.k('delete', 'deploy', 'strict').code, 0);
  assert.equal(c.k('get', 'all,cm,secrets', '-A', '-o', 'name').stdout, before);
});

test('an allocated node port is refused to the next service, and released when its service goes', () => {
  write('np1.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: np1}\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, nodePort: 30080}]\n');
  write('np2.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: np2}\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports: [{port: 80, nodePort: 30080}]\n');
  assert.equal(c.k('apply', '-f', 'np1.yaml').code, 0);
  let r = c.k('apply', '-f', 'np2.yaml');
  assert.equal(r.stderr, 'The Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n');
  assert.equal(c.k('delete', '-f', 'np1.yaml').stdout, 'service "np1" deleted\n');
  r = c.k('apply', '-f', 'np2.yaml');
  assert.equal(r.stdout, 'service/np2 created\n', r.stderr);
});

test('a Service switched NodePort -> LoadBalancer -> ClusterIP by apply keeps its IP and node port while it can', () => {
  write('lb.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: lb}\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports: [{port: 8080, targetPort: 80}]\n');
  assert.equal(c.k('apply', '-f', 'lb.yaml').stdout, 'service/lb created\n');
  const first = jsonOf('get', 'svc', 'lb');
  const np = first.spec.ports[0].nodePort;
  assert.ok(np >= 30000 && np <= 32767);
  write('lb.yaml', fs.readFileSync(path.join(c.home, 'lb.yaml'), 'utf8').replace('type: NodePort', 'type: LoadBalancer'));
  assert.equal(c.k('apply', '-f', 'lb.yaml').stdout, 'service/lb configured\n');
  const second = jsonOf('get', 'svc', 'lb');
  assert.equal(second.spec.ports[0].nodePort, np);
  assert.equal(second.spec.clusterIP, first.spec.clusterIP);
  assert.match(second.status.loadBalancer.ingress[0].ip, /^\d+\.\d+\.\d+\.\d+$/);
  write('lb.yaml', fs.readFileSync(path.join(c.home, 'lb.yaml'), 'utf8').replace('type: LoadBalancer', 'type: ClusterIP'));
  assert.equal(c.k('apply', '-f', 'lb.yaml').stdout, 'service/lb configured\n');
  const third = jsonOf('get', 'svc', 'lb');
  assert.equal(third.spec.ports[0].nodePort, undefined);
  assert.equal(third.spec.clusterIP, first.spec.clusterIP);
  // The registry wipes what the new type has no use for (dropTypeDependentFields).
  assert.equal(third.spec.allocateLoadBalancerNodePorts, undefined);
  assert.equal(third.spec.externalTrafficPolicy, undefined);
  // Back to NodePort naming a port, then ClusterIP keeping it in the manifest: wiped as well.
  write('lb.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: lb}\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports: [{port: 8080, targetPort: 80, nodePort: 30111}]\n');
  assert.equal(c.k('apply', '-f', 'lb.yaml').stdout, 'service/lb configured\n');
  write('lb.yaml', fs.readFileSync(path.join(c.home, 'lb.yaml'), 'utf8').replace('type: NodePort', 'type: ClusterIP'));
  assert.equal(c.k('apply', '-f', 'lb.yaml').stdout, 'service/lb configured\n');
  assert.equal(jsonOf('get', 'svc', 'lb').spec.ports[0].nodePort, undefined);
  // ... but a node port new to the service is the user's, and ClusterIP refuses it.
  write('lb.yaml', fs.readFileSync(path.join(c.home, 'lb.yaml'), 'utf8').replace('30111', '30112'));
  assert.equal(c.k('apply', '-f', 'lb.yaml').stderr, 'The Service "lb" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is \'ClusterIP\'\n');
  // ClusterIP -> ExternalName drops the cluster IP and IP families.
  write('lb.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: lb}\nspec:\n  type: ExternalName\n  externalName: db.example.com\n');
  assert.equal(c.k('apply', '-f', 'lb.yaml').stdout, 'service/lb configured\n', c.k('apply', '-f', 'lb.yaml').stderr);
  const ext = jsonOf('get', 'svc', 'lb').spec;
  assert.equal(ext.clusterIP, undefined);
  assert.equal(ext.ipFamilies, undefined);
});

test('names: too long is said before the pattern, as IsDNS1035Label and IsDNS1123Subdomain say it', () => {
  const long = 'a'.repeat(64);
  write('long.yaml', `apiVersion: v1\nkind: Service\nmetadata: {name: ${long}X}\nspec:\n  ports: [{port: 80}]\n`);
  assert.equal(c.k('apply', '-f', 'long.yaml').stderr, `The Service "${long}X" is invalid: \n`
    + `* metadata.name: Invalid value: "${long}X": must be no more than 63 characters\n`
    + `* metadata.name: Invalid value: "${long}X": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')\n`);
  const huge = 'b'.repeat(254);
  write('huge.yaml', `apiVersion: v1\nkind: ConfigMap\nmetadata: {name: ${huge}}\n`);
  assert.equal(c.k('apply', '-f', 'huge.yaml').stderr, `The ConfigMap "${huge}" is invalid: metadata.name: Invalid value: "${huge}": must be no more than 253 characters\n`);
});

test('a workload\'s selector is immutable: apply of a new one is refused with the LabelSelector in Go syntax', () => {
  write('sel.yaml', DEPLOY.replace('name: web', 'name: sel'));
  assert.equal(c.k('apply', '-f', 'sel.yaml').stdout, 'deployment.apps/sel created\n');
  write('sel.yaml', DEPLOY.replace('name: web', 'name: sel').replace(/app: web\}/g, 'app: web2}'));
  assert.equal(c.k('apply', '-f', 'sel.yaml').stderr, 'The Deployment "sel" is invalid: spec.selector: Invalid value: v1.LabelSelector{MatchLabels:map[string]string{"app":"web2"}, MatchExpressions:[]v1.LabelSelectorRequirement(nil)}: field is immutable\n');
  assert.equal(c.k('delete', '-f', 'sel.yaml').stdout, 'deployment.apps "sel" deleted\n');
});

test('Pod specs: volumes, then per container its name, image, ports, env, mounts, pull policy, resources, then a taken name', () => {
  const pod = (name: string, spec: string) => `apiVersion: v1\nkind: Pod\nmetadata: {name: ${name}}\nspec:\n${spec}`;
  write('pv1.yaml', pod('pv1', '  volumes: [{name: v, emptyDir: {}}, {name: v, emptyDir: {}}]\n  containers:\n  - {name: c, image: nginx, ports: [{containerPort: 80, name: http}, {name: http}], volumeMounts: [{name: w, mountPath: /w}], resources: {limits: {cpu: 100m}, requests: {cpu: 200m}}}\n  - {name: c, image: nginx}\n'));
  assert.equal(c.k('apply', '-f', 'pv1.yaml').stderr, 'The Pod "pv1" is invalid: \n'
    + '* spec.volumes[1].name: Duplicate value: "v"\n'
    + '* spec.containers[0].ports[1].name: Duplicate value: "http"\n'
    + '* spec.containers[0].ports[1].containerPort: Required value\n'
    + '* spec.containers[0].volumeMounts[0].name: Not found: "w"\n'
    + '* spec.containers[0].resources.requests: Invalid value: "200m": must be less than or equal to cpu limit of 100m\n'
    + '* spec.containers[1].name: Duplicate value: "c"\n');
  assert.equal(c.k('get', 'pod', 'pv1', '--ignore-not-found').stdout, '');
});

test('Secrets: the keys each type needs and well-formed docker configs, as ValidateSecret checks them', () => {
  const sec = (name: string, rest: string) => `apiVersion: v1\nkind: Secret\nmetadata: {name: ${name}}\n${rest}`;
  write('tls-sec.yaml', sec('tls-sec', 'type: kubernetes.io/tls\ndata:\n  nginx.crt: YQ==\n'));
  assert.equal(c.k('create', '-f', 'tls-sec.yaml').stderr, 'The Secret "tls-sec" is invalid: \n* data[tls.crt]: Required value\n* data[tls.key]: Required value\n');
  write('dcj.yaml', sec('dcj', 'type: kubernetes.io/dockerconfigjson\nstringData:\n  .dockerconfigjson: \'{"auths": \'\n'));
  assert.equal(c.k('apply', '-f', 'dcj.yaml').stderr, 'The Secret "dcj" is invalid: data[.dockerconfigjson]: Invalid value: "<secret contents redacted>": unexpected end of JSON input\n');
  write('ba.yaml', sec('ba', 'type: kubernetes.io/basic-auth\nstringData: {user: x}\n'));
  assert.equal(c.k('apply', '-f', 'ba.yaml').stderr, 'The Secret "ba" is invalid: \n* data[username]: Required value\n* data[password]: Required value\n');
  write('ok.yaml', sec('ok', 'type: kubernetes.io/basic-auth\nstringData: {username: x}\n'));
  assert.equal(c.k('apply', '-f', 'ok.yaml').stdout, 'secret/ok created\n');
  assert.equal(c.k('get', 'secret', 'tls-sec', 'dcj', 'ba', '--ignore-not-found').stdout, '');
  // a Secret's type never changes; an immutable ConfigMap keeps its data (labels may change)
  write('ok.yaml', sec('ok', 'stringData: {username: x}\n'));
  assert.equal(c.k('apply', '-f', 'ok.yaml').stderr, 'The Secret "ok" is invalid: type: Invalid value: "Opaque": field is immutable\n');
  write('frozen.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: frozen}\nimmutable: true\ndata: {a: b}\n');
  assert.equal(c.k('apply', '-f', 'frozen.yaml').stdout, 'configmap/frozen created\n');
  write('frozen.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: frozen}\ndata: {a: c}\n');
  assert.equal(c.k('apply', '-f', 'frozen.yaml').stderr, 'The ConfigMap "frozen" is invalid: \n* immutable: Forbidden: field is immutable when `immutable` is set\n* data: Forbidden: field is immutable when `immutable` is set\n');
  assert.equal(c.k('label', 'cm', 'frozen', 'x=y').stdout, 'configmap/frozen labeled\n');
});

test('Service validation: the API server\'s checks in its order; allocator errors only for a valid object', () => {
  const svc = (name: string, spec: string) => `apiVersion: v1\nkind: Service\nmetadata: {name: ${name}}\nspec:\n${spec}`;
  write('v1.yaml', svc('v1', '  externalTrafficPolicy: Local\n  allocateLoadBalancerNodePorts: true\n  ports: [{port: 80, nodePort: 30200}]\n'));
  assert.equal(c.k('apply', '-f', 'v1.yaml').stderr, 'The Service "v1" is invalid: \n'
    + '* spec.ports[0].nodePort: Forbidden: may not be used when `type` is \'ClusterIP\'\n'
    + '* spec.allocateLoadBalancerNodePorts: Forbidden: may only be used when `type` is \'LoadBalancer\'\n'
    + '* spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services\n');
  write('v2.yaml', svc('v2', '  ports: [{port: 80, name: a}, {port: 80, name: b}]\n'));
  assert.equal(c.k('apply', '-f', 'v2.yaml').stderr, 'The Service "v2" is invalid: spec.ports[1]: Duplicate value: core.ServicePort{Name:"", Protocol:"TCP", AppProtocol:(*string)(nil), Port:80, TargetPort:intstr.IntOrString{Type:0, IntVal:0, StrVal:""}, NodePort:0}\n');
  write('v3.yaml', svc('v3', '  type: NodePort\n  ports: [{port: 80, name: a, nodePort: 30500}, {port: 81, name: b, nodePort: 30500}]\n'));
  assert.equal(c.k('apply', '-f', 'v3.yaml').stderr, 'The Service "v3" is invalid: spec.ports[1].nodePort: Duplicate value: 30500\n');
  write('v4.yaml', svc('v4', '  type: Foo\n  selector: {app: "a b"}\n  ports: [{port: 80, name: A}]\n'));
  assert.equal(c.k('apply', '-f', 'v4.yaml').stderr, 'The Service "v4" is invalid: \n'
    + '* spec.ports[0].name: Invalid value: "A": a lowercase RFC 1123 label must consist of lower case alphanumeric characters or \'-\', and must start and end with an alphanumeric character (e.g. \'my-name\',  or \'123-abc\', regex used for validation is \'[a-z0-9]([-a-z0-9]*[a-z0-9])?\')\n'
    + '* spec.selector: Invalid value: "a b": a valid label must be an empty string or consist of alphanumeric characters, \'-\', \'_\' or \'.\', and must start and end with an alphanumeric character (e.g. \'MyValue\',  or \'my_value\',  or \'12345\', regex used for validation is \'(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?\')\n'
    + '* spec.type: Unsupported value: "Foo": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"\n');
  // An out-of-range node port is the allocator's error: it waits for the object to be valid.
  write('v5.yaml', svc('v5', '  type: NodePort\n  ports: [{port: 80, nodePort: 80, name: X}]\n'));
  assert.match(c.k('apply', '-f', 'v5.yaml').stderr, /^The Service "v5" is invalid: spec\.ports\[0\]\.name: Invalid value: "X": /);
  write('v6.yaml', svc('v6', '  type: ExternalName\n  externalName: db.example.com\n  clusterIP: 10.96.5.5\n'));
  assert.equal(c.k('apply', '-f', 'v6.yaml').stderr, 'The Service "v6" is invalid: spec.clusterIPs: Forbidden: may not be set for ExternalName services\n');
  assert.equal(c.k('get', 'svc', 'v1', 'v2', 'v3', 'v4', 'v5', 'v6', '--ignore-not-found').stdout, '');
});

test('blue/green: applying a Service with a new selector moves its endpoints', () => {
  const dep = (v: string, name: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata: {name: ${name}}\nspec:\n  selector:\n    matchLabels: {app: animals, version: "${v}"}\n  template:\n    metadata:\n      labels: {app: animals, version: "${v}"}\n    spec:\n      containers: [{name: c, image: nginx, ports: [{containerPort: 80}]}]\n`;
  write('blue.yaml', dep('1.0', 'blue'));
  write('green.yaml', dep('2.0', 'green'));
  write('animals.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  creationTimestamp: null\n  name: animals\nspec:\n  ports: [{port: 80}]\n  selector: {app: animals, version: "1.0"}\nstatus:\n  loadBalancer: {}\n');
  for (const f of ['blue.yaml', 'green.yaml', 'animals.yaml']) assert.equal(c.k('apply', '-f', f).code, 0);
  const ip = (v: string) => c.k('get', 'pods', '-l', `version=${v}`, '-o', 'jsonpath={.items[0].status.podIP}').stdout;
  assert.equal(c.k('get', 'ep', 'animals', '-o', 'jsonpath={.subsets[0].addresses[*].ip}').stdout, ip('1.0'));
  write('animals.yaml', fs.readFileSync(path.join(c.home, 'animals.yaml'), 'utf8').replace('"1.0"', '"2.0"'));
  assert.equal(c.k('apply', '-f', 'animals.yaml').stdout, 'service/animals configured\n');
  assert.equal(c.k('get', 'ep', 'animals', '-o', 'jsonpath={.subsets[0].addresses[*].ip}').stdout, ip('2.0'));
});

test('apply of a manifest saved with a stale resourceVersion conflicts; a quoted numeric targetPort is a name', () => {
  write('cm-rv.yaml', 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: rv}\ndata: {v: "1"}\n');
  assert.equal(c.k('apply', '-f', 'cm-rv.yaml').code, 0);
  const saved = c.k('get', 'cm', 'rv', '-o', 'yaml').stdout;
  assert.equal(c.k('patch', 'cm', 'rv', '-p', '{"data":{"v":"2"}}').code, 0);
  write('cm-rv.yaml', saved.replace('v: "1"', 'v: "3"'));
  const r = c.k('apply', '-f', 'cm-rv.yaml');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /^Error from server \(Conflict\): error when applying patch:\n/);
  assert.match(r.stderr, /Operation cannot be fulfilled on configmaps "rv": the object has been modified; please apply your changes to the latest version and try again\n$/);
  assert.equal(jsonOf('get', 'cm', 'rv').data.v, '2');
  write('tp.yaml', 'apiVersion: v1\nkind: Service\nmetadata: {name: tp}\nspec:\n  ports: [{port: 80, targetPort: "8080"}]\n');
  assert.equal(c.k('apply', '-f', 'tp.yaml').stderr, 'The Service "tp" is invalid: spec.ports[0].targetPort: Invalid value: "8080": must contain at least one letter (a-z)\n');
});

test('a pod\'s spec is immutable but for images: apply says so with the API server\'s message', () => {
  write('pod.yaml', c.k('run', 'imm', '--image=nginx', '--dry-run=client', '-o', 'yaml').stdout);
  assert.equal(c.k('apply', '-f', 'pod.yaml').stdout, 'pod/imm created\n');
  write('pod.yaml', fs.readFileSync(path.join(c.home, 'pod.yaml'), 'utf8').replace('image: nginx', 'image: nginx:1.27'));
  assert.equal(c.k('apply', '-f', 'pod.yaml').stdout, 'pod/imm configured\n');
  assert.equal(jsonOf('get', 'pod', 'imm').spec.containers[0].image, 'nginx:1.27');
  write('pod.yaml', fs.readFileSync(path.join(c.home, 'pod.yaml'), 'utf8').replace('resources: {}', 'resources: {}\n    env: [{name: A, value: "1"}]'));
  const r = c.k('apply', '-f', 'pod.yaml');
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'The Pod "imm" is invalid: spec: Forbidden: pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)\n');
});
