// Records what the real kubectl 1.32 prints for `kubectl explain ...` into
// test/golden/explain/cases.json: kubectl is pointed at test/tools/stub_apiserver.py serving
// Kubernetes 1.32's OpenAPI v3 documents (the whole ones from a kubectl-validate git directory
// when there is one, else kubesim's reduced templates/openapi).
//   node scripts/gen-explain.mjs [kubectl-validate git dir]
import { spawn, spawnSync, execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync, mkdirSync, rmSync, existsSync, readdirSync, copyFileSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SDK = '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';
const kubectl = process.env.KUBECTL ?? (existsSync(SDK) ? SDK : 'kubectl');
const gitDir = process.argv[2] ?? '/work/.mirror/kubernetes-sigs+kubectl-validate/repo';
const tmp = mkdtempSync(join(tmpdir(), 'gen-explain-'));
const docs = join(tmp, 'openapi');
mkdirSync(docs);
for (const f of readdirSync(join(root, 'templates', 'openapi'))) {
  if (f === 'index.json' || !f.endsWith('.json')) continue; // explain/ holds the per-resource slices
  const gv = f.slice(0, -5).split('__').join('/');
  if (existsSync(gitDir)) {
    writeFileSync(join(docs, f), execFileSync('git', ['--git-dir', gitDir, 'show', `HEAD:pkg/openapiclient/builtins/1.32/${gv}.json`], { maxBuffer: 1 << 28 }));
  } else copyFileSync(join(root, 'templates', 'openapi', f), join(docs, f));
}

const server = spawn('python3', [join(root, 'test', 'tools', 'stub_apiserver.py'), '-', '0'], { env: { ...process.env, OPENAPI_DIR: docs }, stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((res) => server.stdout.once('data', (d) => res(String(d).trim())));
const cfg = join(tmp, 'kubeconfig');
writeFileSync(cfg, `apiVersion: v1
kind: Config
clusters: [{name: oracle, cluster: {server: "http://127.0.0.1:${port}"}}]
contexts: [{name: oracle, context: {cluster: oracle, namespace: default}}]
current-context: oracle
`);
const CASES = [
  ['service'], ['service.spec'], ['service.spec.ports'], ['svc.spec.type'], ['pod.spec.containers'], ['deployment.spec.strategy'],
  ['deployment', '--recursive'], ['service.spec', '--recursive'], ['pods.spec.containers.ports'], ['deploy.spec.template.spec.containers.image'],
  ['deployment', '--api-version=apps/v1'], ['deployment.spec.replicas'], ['pods.metadata.labels'], ['configmap.data'], ['ingress.spec.rules'],
  ['networkpolicy.spec'], ['endpoints.subsets'], ['endpointslice'], ['job.spec'], ['cronjob.spec.schedule'], ['node.spec'], ['namespace'],
  ['service.spec.foo'], ['service.foo.bar'], ['foo'], ['service', '--output=foo'], ['service', 'pods'], [], ['pods', '--api-version=apps/v1'],
  ['pod.spec.volumes.hostPath.type'], ['pods.status.conditions'], ['statefulset.spec.updateStrategy'], ['hpa.spec'], ['secret'], ['pods.spec', '--api-version=v2'], ['deployments', '--api-version=apps/v2'],
  // the kinds of src/api/kinds-more
  ['csr.spec.usages'], ['flowschemas.spec'], ['hpa', '--api-version=autoscaling/v1'], ['validatingwebhookconfiguration.webhooks.clientConfig'],
  ['csidriver.spec'], ['runtimeclass'], ['apiservice.spec.service'],
];
const cases = CASES.map((args) => {
  const r = spawnSync(kubectl, ['explain', ...args], { env: { HOME: tmp, PATH: '/usr/bin:/bin', KUBECONFIG: cfg }, encoding: 'utf8' });
  return { args: ['explain', ...args], stdout: r.stdout, stderr: r.stderr, code: r.status };
});
server.kill();
mkdirSync(join(root, 'test', 'golden', 'explain'), { recursive: true });
writeFileSync(join(root, 'test', 'golden', 'explain', 'cases.json'), JSON.stringify(cases, null, 1) + '\n');
rmSync(tmp, { recursive: true, force: true });
console.log(`${cases.length} explain cases recorded`);
