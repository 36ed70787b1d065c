#!/usr/bin/env node
// Re-record the json/yaml goldens from real kubectl through the oracle:
//   node test/golden/jsonyaml/record.mjs   (needs /work/shared/oracle/kubectl-oracle and a real kubectl)
// Writes fixture.json (the objects served), cases.json (what each golden is) and the golden files.
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, rmSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { fixtureObjects } from './fixture.mjs';
import { fullObjects, minimalObjects } from './full-objects.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const oracle = process.env.KUBECTL_ORACLE ?? '/work/shared/oracle/kubectl-oracle';
const tmp = mkdtempSync(join(tmpdir(), 'jsonyaml-'));

const fixture = fixtureObjects();
const fixturePath = join(here, 'fixture.json');
writeFileSync(fixturePath, JSON.stringify(fixture, null, 1) + '\n');

function kubectl(objectsFile, args) {
  const r = spawnSync(oracle, [objectsFile, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
  if (r.error) throw r.error;
  return { stdout: r.stdout, stderr: r.stderr, status: r.status };
}

// keys sorted (deep), so what kubectl prints shows its own order, not ours
function sortDeep(v) {
  if (Array.isArray(v)) return v.map(sortDeep);
  if (v && typeof v === 'object') return Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortDeep(v[k])]));
  return v;
}

const cases = [];
function record(name, file, args, meta) {
  const errors = {};
  for (const fmt of ['json', 'yaml']) {
    const dd = args.indexOf('--');
    const full = dd < 0 ? [...args, '-o', fmt] : [...args.slice(0, dd), '-o', fmt, ...args.slice(dd)];
    const r = kubectl(file, full);
    if (r.status !== 0 || r.stderr) {
      if (!meta.expectError) throw new Error(`${name} -o ${fmt}: exit ${r.status}: ${r.stderr}`);
      errors[fmt] = { status: r.status, stdout: r.stdout, stderr: r.stderr };
    } else if (meta.expectError) errors[fmt] = { status: 0, stdout: r.stdout, stderr: '' };
    else writeFileSync(join(here, `${name}.${fmt}`), r.stdout);
  }
  cases.push({ name, args, ...meta, ...(Object.keys(errors).length ? { errors } : {}) });
}

// --- unstructured (get): keys sorted
const get = (name, args, input, extra = {}) => record(name, fixturePath, ['get', ...args], { type: 'get', input, ...extra });
get('get-cm-rich', ['cm', 'rich'], { refs: [['ConfigMap', 'rich']], single: true });
get('get-cm-long', ['cm', 'long'], { refs: [['ConfigMap', 'long']], single: true });
get('get-cm-keys', ['cm', 'keys'], { refs: [['ConfigMap', 'keys']], single: true });
get('get-cm-numbers', ['cm', 'numbers'], { refs: [['ConfigMap', 'numbers']], single: true });
get('get-cm-fuzz', ['cm', 'fuzz'], { refs: [['ConfigMap', 'fuzz']], single: true });
get('get-svc-list', ['svc'], { kind: 'Service' });
get('get-deploy', ['deploy', 'my-nginx'], { refs: [['Deployment', 'my-nginx']], single: true });
get('get-pod', ['pod', 'my-nginx-7c5ddbdf54-2xkqp'], { refs: [['Pod', 'my-nginx-7c5ddbdf54-2xkqp']], single: true });
get('get-mixed', ['svc/my-nginx', 'deploy/my-nginx'], { refs: [['Service', 'my-nginx'], ['Deployment', 'my-nginx']] });
get('get-two-names', ['cm', 'numbers', 'rich'], { refs: [['ConfigMap', 'numbers'], ['ConfigMap', 'rich']] });
get('get-empty', ['pvc'], { kind: 'PersistentVolumeClaim' });
// characters go-yaml's reader rejects: -o yaml fails, -o json prints them raw
const rejected = fixture.filter((o) => o.kind === 'Secret').map((o) => o.metadata.name);
// (some of these do print: the test compares whichever kubectl did)
for (const n of rejected) get(`get-secret-${n}`, ['secret', n], { refs: [['Secret', n]], single: true }, { expectError: true });

// --- typed objects kubectl generates (--dry-run=client): struct order in JSON
const empty = join(tmp, 'empty.json');
writeFileSync(empty, '[]');
const dry = ['--dry-run=client'];
const create = (name, args, file = empty) => {
  const dd = args.indexOf('--');
  record(name, file, dd < 0 ? [...args, ...dry] : [...args.slice(0, dd), ...dry, ...args.slice(dd)], { type: 'typed' });
};
create('create-deployment', ['create', 'deployment', 'my-nginx', '--image=nginx']);
create('create-deployment-multi', ['create', 'deployment', 'multi', '--image=nginx:1.25', '--image=docker.io/library/redis:7', '--replicas=3', '--port=8080', '-n', 'other']);
create('create-deployment-cmd', ['create', 'deployment', 'cmd', '--image=busybox', '--', 'sh', '-c', 'sleep 3600']);
create('create-service-clusterip', ['create', 'service', 'clusterip', 'cip', '--tcp=80:8080', '--tcp=443']);
create('create-service-headless', ['create', 'service', 'clusterip', 'headless', '--clusterip=None']);
create('create-service-nodeport', ['create', 'service', 'nodeport', 'np', '--tcp=80:8080', '--node-port=30080']);
create('create-service-loadbalancer', ['create', 'service', 'loadbalancer', 'lb', '--tcp=80']);
create('create-service-externalname', ['create', 'service', 'externalname', 'ext', '--external-name=example.com']);
create('create-secret-generic', ['create', 'secret', 'generic', 'sec', '--from-literal=user=admin', '--from-literal=password=s3cr3t <&>', '--type=Opaque']);
create('create-secret-docker', ['create', 'secret', 'docker-registry', 'reg', '--docker-server=r.io', '--docker-username=u', '--docker-password=p', '--docker-email=e@x']);
create('create-configmap', ['create', 'configmap', 'cfg', '--from-literal=a=1', '--from-literal=b=true', '--from-literal=10=ten', '--from-literal=9=nine', '--from-literal=multi=line1\nline2\n']);
create('create-namespace', ['create', 'namespace', 'dev']);
create('create-serviceaccount', ['create', 'serviceaccount', 'robot']);
create('create-job', ['create', 'job', 'once', '--image=busybox', '--', 'echo', 'hi']);
create('create-cronjob', ['create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/1 * * * *', '--', 'date']);
create('create-ingress', ['create', 'ingress', 'web', '--rule=example.com/=my-nginx:80']);
create('create-quota', ['create', 'quota', 'q', '--hard=pods=10,cpu=2']);
create('create-pdb', ['create', 'pdb', 'pdb', '--selector=app=x', '--min-available=1']);
create('create-role', ['create', 'role', 'reader', '--verb=get,list', '--resource=pods']);
create('create-rolebinding', ['create', 'rolebinding', 'rb', '--role=reader', '--user=alice', '--serviceaccount=default:robot']);
create('create-clusterrole', ['create', 'clusterrole', 'cr', '--verb=get,watch', '--resource=pods,deployments.apps', '--resource-name=x']);
create('create-clusterrolebinding', ['create', 'clusterrolebinding', 'crb', '--clusterrole=cr', '--group=devs']);
create('create-priorityclass', ['create', 'priorityclass', 'high', '--value=1000', '--description=important']);
create('run-pod', ['run', 'web', '--image=nginx']);
create('run-pod-flags', ['run', 'web2', '--image=nginx:1.25', '--port=80', '--env=A=1', '--env=B=x y', '--labels=app=web,tier=fe', '--restart=Never', '--command', '--', 'nginx', '-g', 'daemon off;']);
create('expose-deployment', ['expose', 'deployment', 'my-nginx', '--port=80'], fixturePath);
create('expose-deployment-nodeport', ['expose', 'deployment', 'my-nginx', '--port=80', '--target-port=8080', '--type=NodePort', '--name=np'], fixturePath);
create('expose-pod', ['expose', 'pod', 'my-nginx-7c5ddbdf54-2xkqp', '--port=8080', '--name=pod-svc'], fixturePath);
create('expose-service', ['expose', 'service', 'lb', '--name=copy', '--type=LoadBalancer'], fixturePath);

// --- typed round trip of (nearly) full and minimal objects: struct order and always-written fields
for (const [set, objs] of [['full', fullObjects()], ['min', minimalObjects()]]) {
  for (const [kind, obj] of Object.entries(objs)) {
    const f = join(tmp, `${set}-${kind}.json`);
    writeFileSync(f, JSON.stringify(sortDeep(obj)));
    const args = kind === 'service' ? ['set', 'selector', '--local', '-f', f, 'app=x'] : ['set', 'serviceaccount', '--local', '-f', f, 'robot'];
    record(`typed-${set}-${kind}`, empty, args, { type: 'typed' });
  }
}

writeFileSync(join(here, 'cases.json'), JSON.stringify(cases, null, 1) + '\n');
rmSync(tmp, { recursive: true, force: true });
console.log(`recorded ${cases.length} cases`);
