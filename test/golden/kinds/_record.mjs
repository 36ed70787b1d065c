// Records the goldens of test/kinds-more.test.ts with the REAL kubectl 1.32:
//   ORACLE_KUBECTL=/usr/lib/google-cloud-sdk/bin/kubectl.1.32 node test/golden/kinds/_record.mjs
// A fresh kubesim cluster gets objects.yaml (then alice's CSR approved, bob's denied); its objects
// of these kinds are dumped to cluster.json, and the real kubectl describes them (and prints
// them with -o name) against _stub_apiserver.py serving cluster.json. cases.json holds what it
// printed; the test describes the same objects with kubesim's describers.
import { execFileSync, spawn, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.join(here, '..', '..', '..');
const kubectl = process.env.ORACLE_KUBECTL || '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kinds-golden-'));
const env = { ...process.env, KUBESIM_HOME: home, KUBESIM_POD_STARTUP: '0', TZ: 'UTC' };
const k = (...a) => execFileSync(path.join(root, 'bin', 'kubectl'), a, { env, encoding: 'utf8' });
k('apply', '-f', path.join(here, 'objects.yaml'));
k('certificate', 'approve', 'alice');
k('certificate', 'deny', 'bob');
const KINDS = 'csr,validatingwebhookconfigurations,mutatingwebhookconfigurations,validatingadmissionpolicies,validatingadmissionpolicybindings,csidrivers,csinodes,volumeattachments,csistoragecapacities,runtimeclasses,flowschemas,prioritylevelconfigurations,apiservices,hpa';
const dump = JSON.parse(k('get', KINDS, '-A', '-o', 'json'));
for (const o of dump.items) delete o.metadata.managedFields;
fs.writeFileSync(path.join(here, 'cluster.json'), JSON.stringify(dump, null, 1) + '\n');

const CASES = [
  ['describe', 'csr', 'alice'], ['describe', 'csr', 'bob'], ['describe', 'csr', 'node-csr'], ['describe', 'csr'],
  ['describe', 'csinode', 'kind-worker'],
  ['describe', 'validatingwebhookconfiguration', 'pod-policy.example.com'], ['describe', 'mutatingwebhookconfiguration', 'sidecar-injector'],
  ['describe', 'validatingadmissionpolicy', 'replica-limit'], ['describe', 'validatingadmissionpolicybinding', 'selector-binding'],
  ['describe', 'csidriver', 'hostpath.csi.k8s.io'], ['describe', 'csidriver', 'ebs.csi.aws.com'],
  ['describe', 'volumeattachment', 'csi-0123456789abcdef'], ['describe', 'csistoragecapacity', 'capacity-worker'],
  ['describe', 'runtimeclass', 'gvisor'], ['describe', 'flowschema', 'batch-jobs'], ['describe', 'flowschema', 'exempt'],
  ['describe', 'prioritylevelconfiguration', 'batch-low'], ['describe', 'prioritylevelconfiguration', 'exempt'],
  ['describe', 'apiservice', 'v1beta1.metrics.k8s.io'], ['describe', 'apiservice', 'v1.apps'],
  ['describe', 'hpa', 'web'],
  ['get', 'csr,runtimeclasses,flowschemas', '-o', 'name'],
];

const stub = spawn('python3', [path.join(here, '_stub_apiserver.py'), path.join(here, 'cluster.json'), '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
const port = await new Promise((res) => stub.stdout.once('data', (d) => res(String(d).trim().split('\n')[0])));
const cfg = path.join(home, 'kubeconfig');
fs.writeFileSync(cfg, `apiVersion: v1\nkind: Config\nclusters: [{name: s, cluster: {server: "http://127.0.0.1:${port}"}}]\ncontexts: [{name: s, context: {cluster: s, namespace: default}}]\ncurrent-context: s\n`);
const cases = [];
for (const args of CASES) {
  const r = spawnSync(kubectl, ['--kubeconfig', cfg, '--cache-dir', path.join(home, 'cache'), ...args], { encoding: 'utf8', env: { ...process.env, TZ: 'UTC' } });
  cases.push({ args, stdout: r.stdout, stderr: r.stderr, exit: r.status });
}
stub.kill();
fs.writeFileSync(path.join(here, 'cases.json'), JSON.stringify(cases, null, 1) + '\n');
fs.rmSync(home, { recursive: true });
