// Records what the real kubectl 1.32 prints for `create ingress`, `create token`, `autoscale`,
// `set selector|serviceaccount|subject` and `get --raw` (client-side output and errors) into
// test/golden/verbs/<area>.json, read by test/e2e-verbs-*.test.ts. kubectl is pointed at
// test/tools/stub_apiserver.py serving test/golden/verbs/objects.json (the objects the tests
// create in kubesim first); the stub answers POSTs with what it was sent.
//   ORACLE_KUBECTL=/usr/lib/google-cloud-sdk/bin/kubectl.1.32 node scripts/record-verbs.mjs [area...]
// (kubectl 1.32 itself: /usr/bin/kubectl on these machines is gcloud's dispatcher.)
import { spawn, spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync, readFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createInterface } from 'node:readline';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const kubectl = process.env.ORACLE_KUBECTL ?? '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';
const dir = join(root, 'test', 'golden', 'verbs');
const tmp = mkdtempSync(join(tmpdir(), 'verbs-'));
const objects = join(dir, 'objects.json');
const manifests = join(dir, 'manifests');

const D = ['--dry-run=client'];
const Y = [...D, '-o', 'yaml'];
const AREAS = {
  ingress: [
    ['create', 'ingress', 'simple', '--rule=foo.com/bar=svc1:8080,tls=my-cert', ...Y],
    ['create', 'ingress', 'catch-all', '--class=otheringress', '--rule=/path=svc:port', ...Y],
    ['create', 'ingress', 'annotated', '--class=default', '--rule=foo.com/bar=svc:port', '--annotation', 'ingress.annotation1=foo', '--annotation', 'ingress.annotation2=bla', ...Y],
    ['create', 'ingress', 'multipath', '--class=default', '--rule=foo.com/=svc:port', '--rule=foo.com/admin/=svcadmin:portadmin', ...Y],
    ['create', 'ingress', 'ingress1', '--class=default', '--rule=foo.com/path*=svc:8080', '--rule=bar.com/admin*=svc2:http', ...Y],
    ['create', 'ingress', 'ingtls', '--class=default', '--rule=foo.com/=svc:https,tls', '--rule=foo.com/path/subpath*=othersvc:8080', ...Y],
    ['create', 'ingress', 'ingsecret', '--class=default', '--rule=foo.com/*=svc:8080,tls=secret1', ...Y],
    ['create', 'ingress', 'ingdefault', '--class=default', '--default-backend=defaultsvc:http', '--rule=foo.com/*=svc:8080,tls=secret1', ...D, '-o', 'json'],
    ['create', 'ingress', 'x', '--rule=/=a:1,tls', '--rule=*.foo.com/x*=b:http,tls=s', '--rule=foo.com/=c:80,tls=s', '--rule=*.foo.com/y=d:99', '--default-backend=def:http', '--annotation=a=b=c', '--annotation=z=', '-n', 'ns1', ...Y],
    ['create', 'ing', 'x', '--rule=a.com/=s:80,tls=one', '--rule=b.com/=s:80,tls=two', '--rule=a.com/x=s:80,tls=two', '--rule=c.com/=s:80,tls=one', ...Y],
    ['create', 'ingress', 'x', '--rule=foo.com/=c:80', ...D],
    ['create', 'ingress', 'x', '--rule=foo.com/=c:80', ...D, '-o', 'name'],
    ['create', 'ingress', 'x', ...Y],
    ['create', 'ingress', 'x', '--rule=bad', ...Y],
    ['create', 'ingress', 'x', '--rule=foo.com=svc:80', ...Y],
    ['create', 'ingress', 'x', '--rule=foo.com/=svc', ...Y],
    ['create', 'ingress', 'x', '--rule=foo.com/=svc:80,tls=a=b', ...Y],
    ['create', 'ingress', 'x', '--rule=foo.com/=svc:80!!', '--rule=foo.com/a=svc:80,tlsx', '--rule=b.com/=svc:+80,tls=a,tls=b', ...Y],
    ['create', 'ingress', 'x', '--rule=x foo.com/=svc:80', ...Y],
    ['create', 'ingress', '--rule=/=a:1', ...Y],
    ['create', 'ingress', 'x', 'y', '--rule=/=a:1', ...Y],
    ['create', 'ingress', 'x', '--rule=/=a:1', '--annotation=foo', ...Y],
    ['create', 'ingress', 'x', '--default-backend=foo', ...Y],
    ['create', 'ingress', 'x', '--default-backend=a:b:c', ...Y],
    ['create', 'ingress', 'x', '--default-backend=svc:80', ...Y],
  ],
  token: [
    ['create', 'token'],
    ['create', 'token', 'a', 'b'],
    ['create', 'token', 'builder', '--duration=abc'],
    ['create', 'token', 'builder', '--duration=1.5s'],
    ['create', 'token', 'builder', '--duration=-1s'],
    ['create', 'token', 'builder', '--bound-object-name=y'],
    ['create', 'token', 'builder', '--bound-object-uid=y'],
    ['create', 'token', 'builder', '--bound-object-kind=Foo'],
    ['create', 'token', 'builder', '--bound-object-kind=Pod'],
    ['create', 'token', 'builder', '--audience='],
    ['create', 'token', 'builder', '--dry-run=client'],
    ['create', 'token', 'nope'],
    ['create', 'token', 'builder'],
  ],
  autoscale: [
    ['autoscale', 'deployment', 'web', '--min=2', '--max=10', ...Y],
    ['autoscale', 'deployment', 'web', '--max=5', '--cpu-percent=80', ...D, '-o', 'json'],
    ['autoscale', 'deploy/web', '--max=5', '--cpu-percent=0', '--name=other', ...Y],
    ['autoscale', 'rs', 'web-rs', '--min=1', '--max=3', ...Y],
    ['autoscale', 'statefulset', 'db', '--max=3', ...D],
    ['autoscale', 'deployment', 'web', '--max=3', '-n', 'default', ...Y],
    // (a real create is not recorded: the stub cannot decode the protobuf kubectl sends)
    ['autoscale', 'deployment', 'web', '--min=2'],
    ['autoscale', 'deployment', 'web', '--max=0'],
    ['autoscale', 'deployment', 'web', '--min=5', '--max=3'],
    ['autoscale', 'deployment', 'nope', '--max=3'],
    ['autoscale', 'configmap', 'cfg', '--max=3'],
    ['autoscale', '--max=3'],
    ['autoscale', 'deployment', '--max=3'],
    ['autoscale', 'deployment', 'web', '--max=3', '--cpu=50%'],
  ],
  set: [
    ['set', 'selector', '--local', '-f', join(manifests, 'svc.yaml'), 'app=other', '-o', 'yaml'],
    ['set', 'selector', '--local', '-f', join(manifests, 'svc.yaml'), 'app=other,tier=be', '-o', 'json'],
    ['set', 'selector', '--local', '-f', join(manifests, 'svc.yaml'), 'app in (a)', '-o', 'yaml'],
    ['set', 'selector', '--local', '-f', join(manifests, 'svc.yaml'), '', '-o', 'yaml'],
    ['set', 'selector', '--local', '-f', join(manifests, 'svc.yaml'), 'app=other', '--resource-version=7', '-o', 'yaml'],
    ['set', 'selector', '--local', '-f', join(manifests, 'deploy.yaml'), 'app=other', '-o', 'yaml'],
    ['set', 'selector', '--local', '-f', join(manifests, 'svc.yaml'), 'app=other'],
    ['set', 'selector', 'svc', 'web', 'app=other', ...D],
    ['set', 'selector', 'svc/web', 'app=other', ...D],
    ['set', 'selector', 'svc', 'web', 'app=web', ...D],
    ['set', 'selector', 'svc', 'web'],
    ['set', 'selector', 'svc'],
    ['set', 'selector', 'svc', 'web', 'a=b', 'c=d', ...D],
    ['set', 'selector', '--local', '-f', join(manifests, 'svc.yaml'), 'a=b', '--dry-run=server'],
    ['set', 'selector', '--local', '-f', join(manifests, 'svc.yaml')],
    ['set', 'sa'],
    ['set', 'sa', '--local', '-f', join(manifests, 'deploy.yaml'), '-f', join(manifests, 'svc.yaml'), 'x'],
    ['set', 'subject', '--local', '-f', join(manifests, 'crb.yaml'), '--serviceaccount=:x'],
    ['set', 'subject', '--local', 'rb', '--user=x'],
    ['set', 'subject', '--local', '-f', join(manifests, 'rb.yaml'), '--serviceaccount=:x', '-n', 'demo', '-o', 'yaml'],
    ['set', 'selector', 'svc', 'web', 'a=b=c'],
    ['set', 'selector', 'svc', 'web', '-a=b'],
    ['set', 'selector', 'svc', 'nope', 'a=b'],
    ['set', 'serviceaccount', 'deployment', '--all', 'builder', ...D],
    ['set', 'subject', '--local', '-f', join(manifests, 'rb.yaml'), '--user=bob', '--dry-run=server'],
    ['set', 'selector', 'cm', 'cfg', 'a=b', ...D],
    ['set', 'serviceaccount', '--local', '-f', join(manifests, 'deploy.yaml'), 'builder', '-o', 'yaml'],
    ['set', 'sa', '--local', '-f', join(manifests, 'pod.yaml'), 'builder', '-o', 'yaml'],
    ['set', 'sa', '--local', '-f', join(manifests, 'deploy.yaml'), 'builder'],
    ['set', 'serviceaccount', 'deployment', 'web', 'builder', ...D],
    ['set', 'serviceaccount', 'deployment/web', 'builder', ...D],
    ['set', 'serviceaccount', 'deployment', 'web', 'default', ...D],
    ['set', 'serviceaccount', 'deployment', 'web'],
    ['set', 'serviceaccount', 'deployment', 'nope', 'builder'],
    ['set', 'serviceaccount', 'cm', 'cfg', 'builder', ...D],
    ['set', 'serviceaccount', 'deployment', 'web', 'Bad_Name', ...D],
    ['set', 'serviceaccount', 'sts', 'db', 'builder', ...D],
    ['set', 'serviceaccount', '--local', 'deployment', 'web', 'builder'],
    ['set', 'subject', '--local', '-f', join(manifests, 'rb.yaml'), '--user=alice', '--group=devs', '--serviceaccount=ns1:robot', '-o', 'yaml'],
    ['set', 'subject', '--local', '-f', join(manifests, 'crb.yaml'), '--user=bob', '-o', 'json'],
    ['set', 'subject', '--local', '-f', join(manifests, 'rb.yaml'), '--user=bob', '-o', 'yaml'],
    ['set', 'subject', '--local', '-f', join(manifests, 'rb.yaml'), '--user=alice'],
    ['set', 'subject', 'rolebinding', 'rb', '--user=alice', ...D],
    ['set', 'subject', 'rolebinding', 'rb', '--user=bob', ...D],
    ['set', 'subject', 'clusterrolebinding', 'crb', '--group=ops', ...D],
    ['set', 'subject', 'rolebinding', 'rb'],
    ['set', 'subject', 'rolebinding', 'rb', '--serviceaccount=robot', ...D],
    ['set', 'subject', 'rolebinding', 'rb', '--serviceaccount=a:b:c', ...D],
    ['set', 'subject', 'rolebinding', 'nope', '--user=a'],
    ['set', 'subject', 'deployment', 'web', '--user=a', ...D],
    ['set', 'subject', '--user=a'],
  ],
  patch: [
    ['patch', 'deploy', 'web', '--subresource=scale', '-p', '{"spec":{"replicas":3}}', ...D],
    ['patch', 'deploy', 'web', '--subresource=scale', '--type=merge', '-p', '{"spec":{"replicas":3}}', ...D, '-o', 'jsonpath={.kind} {.apiVersion} {.spec.replicas} {.status.selector}'],
    ['patch', 'deploy', 'web', '--subresource=scale', '--type=json', '-p', '[{"op":"replace","path":"/spec/replicas","value":4}]', ...D, '-o', 'name'],
    ['patch', 'deploy', 'web', '--subresource=scale', '-p', '{"spec":{"replicas":2}}', ...D],
    ['patch', 'deploy', 'web', '--subresource=status', '-p', '{"status":{"replicas":5}}', ...D],
    ['patch', 'deploy', 'web', '--subresource=status', '-p', '{"status":{"replicas":5}}', ...D, '-o', 'jsonpath={.kind} {.status.replicas}'],
    ['patch', 'sts', 'db', '--subresource=scale', '-p', '{"spec":{"replicas":3}}', ...D],
    ['patch', 'cm', 'cfg', '--subresource=status', '-p', '{}'],
    ['patch', 'svc', 'web', '--subresource=scale', '-p', '{}'],
    ['patch', 'deploy', 'nope', '--subresource=scale', '-p', '{"spec":{"replicas":3}}'],
    ['patch', 'deploy', 'web', '--subresource=foo', '-p', '{}'],
  ],
  raw: [
    ['get', '--raw'],
    ['get', '--raw', 'api/v1'],
    ['get', '--raw', '/api/v1', 'pods'],
    ['get', '--raw', '/api/v1', '-o', 'yaml'],
    ['get', '--raw', '/api/v1/namespaces/default/nope'],
    ['get', '--raw', '/nope'],
    ['get', '--raw', '/api/v1/namespaces/default/services/nope'],
  ],
};

const server = spawn('python3', [join(root, 'test', 'tools', 'stub_apiserver.py'), objects, '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((res) => createInterface({ input: server.stdout }).once('line', res));
const cfg = join(tmp, 'kubeconfig');
writeFileSync(cfg, `apiVersion: v1
kind: Config
clusters: [{name: oracle, cluster: {server: "http://127.0.0.1:${port}"}}]
contexts: [{name: oracle, context: {cluster: oracle, namespace: default}}]
current-context: oracle
`);
const want = process.argv.slice(2);
try {
  for (const [area, cases] of Object.entries(AREAS)) {
    if (want.length && !want.includes(area)) continue;
    const recorded = cases.map((args) => {
      const r = spawnSync(kubectl, ['--cache-dir', join(tmp, 'cache'), ...args], { env: { ...process.env, KUBECONFIG: cfg }, encoding: 'utf8' });
      const rel = (s) => s.split(manifests).join('MANIFESTS');
      return { args: args.map(rel), stdout: rel(r.stdout), stderr: rel(r.stderr), exit: r.status };
    });
    writeFileSync(join(dir, `${area}.json`), JSON.stringify(recorded, null, 1) + '\n');
    console.log(`${area}: ${recorded.length} cases`);
  }
} finally {
  server.kill();
}
void readFileSync;
