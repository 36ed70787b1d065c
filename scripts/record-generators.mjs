// Records what the real kubectl prints for the generators of `kubectl create role|clusterrole|
// rolebinding|clusterrolebinding|quota|priorityclass|poddisruptionbudget` (client-side dry runs
// and their errors) through ../shared/oracle/kubectl-oracle, into
// test/golden/generators/cases.json (read by test/e2e-generators-rbac-policy.test.ts).
//   ORACLE_KUBECTL=/usr/lib/google-cloud-sdk/bin/kubectl.1.32 node scripts/record-generators.mjs
// (kubectl 1.32 itself: /usr/bin/kubectl on these machines is gcloud's dispatcher, which words
// usage errors its own way; scripts/gen-help.mjs says the same.)
import { spawnSync } from 'node:child_process';
import { writeFileSync, mkdtempSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const oracle = process.env.KUBECTL_ORACLE ?? join(root, '..', 'shared', 'oracle', 'kubectl-oracle');
const empty = join(mkdtempSync(join(tmpdir(), 'gen-')), 'empty.json');
writeFileSync(empty, '[]');

const D = ['--dry-run=client'];
const cases = [
  ['create', 'role', 'pod-reader', '--verb=get,list', '--verb=watch', '--resource=pods,rs.apps,pods/status,deploy', '--resource-name=a', ...D, '-o', 'yaml'],
  ['create', 'role', 'pod-reader', '--verb=get', '--resource=pods', ...D, '-o', 'json'],
  ['create', 'role', 'pod-reader', '--verb=get', '--resource=pods', ...D],
  ['create', 'role', 'pod-reader', '--verb=get', '--resource=pods', '-n', 'foo', ...D, '-o', 'yaml'],
  ['create', 'role', 'x', '--verb=get', '--resource=foo', ...D, '-o', 'yaml'],
  ['create', 'role', 'x', '--verb=use', '--resource=pods', ...D, '-o', 'yaml'],
  ['create', 'role', 'x', '--verb=frob', '--resource=pods', ...D, '-o', 'yaml'],
  ['create', 'role', 'x', '--verb=*', '--verb=get', '--resource=*', ...D, '-o', 'yaml'],
  ['create', 'role', 'x', '--resource=pods', ...D, '-o', 'yaml'],
  ['create', 'role', 'x', '--verb=get', ...D, '-o', 'yaml'],
  ['create', 'role', '--verb=get', '--resource=pods', ...D, '-o', 'yaml'],
  ['create', 'role', 'x', 'y', '--verb=get', '--resource=pods', ...D, '-o', 'yaml'],
  ['create', 'role', 'x', '--verb=get', '--resource=.apps', ...D, '-o', 'yaml'],
  ['create', 'role', 'x', '--verb=bind', '--resource=roles.rbac.authorization.k8s.io', ...D, '-o', 'yaml'],
  ['create', 'role', 'x', '--verb=impersonate', '--resource=users', ...D, '-o', 'yaml'],
  ['create', 'role', 'x', '--verb=get', '--resource=events,secrets,svc,ing', ...D, '-o', 'yaml'],
  ['create', 'clusterrole', 'pod-reader', '--verb=get,list,watch', '--resource=pods', ...D, '-o', 'yaml'],
  ['create', 'clusterrole', 'foo', '--verb=get', '--non-resource-url=/logs/*', ...D, '-o', 'yaml'],
  ['create', 'clusterrole', 'foo', '--verb=get', '--non-resource-url=/logs/*', '--resource=nodes', ...D, '-o', 'yaml'],
  ['create', 'clusterrole', 'foo', '--verb=list', '--non-resource-url=/logs', ...D, '-o', 'yaml'],
  ['create', 'clusterrole', 'foo', '--verb=get', '--non-resource-url=logs', ...D, '-o', 'yaml'],
  ['create', 'clusterrole', 'foo', '--verb=get', '--non-resource-url=/a*/b', ...D, '-o', 'yaml'],
  ['create', 'clusterrole', 'monitoring', '--aggregation-rule=rbac.example.com/aggregate-to-monitoring=true', ...D, '-o', 'yaml'],
  ['create', 'clusterrole', 'monitoring', '--aggregation-rule=a=b,c=d', ...D, '-o', 'json'],
  ['create', 'clusterrole', 'monitoring', '--aggregation-rule=a=b', '--verb=get', ...D, '-o', 'yaml'],
  ['create', 'clusterrole', 'monitoring', '--aggregation-rule=ab', ...D, '-o', 'yaml'],
  ['create', 'clusterrole', 'foo', ...D, '-o', 'yaml'],
  ['create', 'clusterrole', 'foo', '--verb=get', ...D, '-o', 'yaml'],
  ['create', 'clusterrole', 'foo', '--verb=get', '--resource=pods', '-n', 'x', ...D, '-o', 'yaml'],
  ['create', 'rolebinding', 'admin', '--clusterrole=admin', '--user=user1', '--user=user2', '--group=group1', ...D, '-o', 'yaml'],
  ['create', 'rolebinding', 'admin', '--role=admin', '--serviceaccount=ns:sa', ...D, '-o', 'json'],
  ['create', 'rolebinding', 'admin', '--role=admin', '--serviceaccount=sa', ...D, '-o', 'json'],
  ['create', 'rolebinding', 'admin', ...D, '-o', 'yaml'],
  ['create', 'rolebinding', 'admin', '--role=a', '--clusterrole=b', ...D, '-o', 'yaml'],
  ['create', 'rolebinding', 'admin', '--role=a', '-n', 'demo', ...D, '-o', 'yaml'],
  ['create', 'clusterrolebinding', 'cluster-admin', '--clusterrole=cluster-admin', '--user=user1', '--user=user2', '--group=group1', ...D, '-o', 'yaml'],
  ['create', 'clusterrolebinding', 'cluster-admin', ...D, '-o', 'yaml'],
  ['create', 'clusterrolebinding', '--clusterrole=x', ...D, '-o', 'yaml'],
  ['create', 'clusterrolebinding', 'a', '--clusterrole=x', '--serviceaccount=a:b:c', ...D, '-o', 'yaml'],
  ['create', 'clusterrolebinding', 'a', '--clusterrole=x', ...D],
  ['create', 'quota', 'my-quota', '--hard=cpu=1,memory=1G,pods=2,services=3,replicationcontrollers=2,resourcequotas=1,secrets=5,persistentvolumeclaims=10', ...D, '-o', 'yaml'],
  ['create', 'quota', 'best-effort', '--hard=pods=100', '--scopes=BestEffort', ...D, '-o', 'yaml'],
  ['create', 'quota', 'q', '--hard=cpu=1000m,memory=1024Mi', ...D, '-o', 'json'],
  ['create', 'quota', 'q', '--hard=cpu', ...D, '-o', 'yaml'],
  ['create', 'quota', 'q', '--hard=cpu=abc', ...D, '-o', 'yaml'],
  ['create', 'quota', 'q', '--scopes=a,,b', ...D, '-o', 'yaml'],
  ['create', 'quota', 'q', ...D, '-o', 'yaml'],
  ['create', 'resourcequota', 'q', '-n', 'x', '--hard=pods=1', ...D, '-o', 'yaml'],
  ['create', 'priorityclass', 'high-priority', '--value=1000', '--description=high priority', ...D, '-o', 'yaml'],
  ['create', 'priorityclass', 'default-priority', '--value=1000', '--global-default=true', '--description=default priority', ...D, '-o', 'yaml'],
  ['create', 'priorityclass', 'high-priority', '--value=1000', '--description=high priority', '--preemption-policy=Never', ...D, '-o', 'json'],
  ['create', 'pc', 'x', ...D, '-o', 'yaml'],
  ['create', 'priorityclass', 'x', '--value=99999999999', ...D, '-o', 'yaml'],
  ['create', 'poddisruptionbudget', 'my-pdb', '--selector=app=rails', '--min-available=1', ...D, '-o', 'yaml'],
  ['create', 'pdb', 'my-pdb', '--selector=app=nginx', '--min-available=50%', ...D, '-o', 'json'],
  ['create', 'pdb', 'my-pdb', '--selector=app in (a,b),!x,y', '--max-unavailable=2', ...D, '-o', 'yaml'],
  ['create', 'pdb', 'my-pdb', '--selector=app!=a', '--max-unavailable=2', ...D, '-o', 'yaml'],
  ['create', 'pdb', 'my-pdb', '--selector=a>1', '--max-unavailable=2', ...D, '-o', 'yaml'],
  ['create', 'pdb', 'my-pdb', '--selector=a=(', '--max-unavailable=2', ...D, '-o', 'yaml'],
  ['create', 'pdb', 'my-pdb', '--max-unavailable=2', ...D, '-o', 'yaml'],
  ['create', 'pdb', 'my-pdb', '--selector=a=b', ...D, '-o', 'yaml'],
  ['create', 'pdb', 'my-pdb', '--selector=a=b', '--max-unavailable=2', '--min-available=1', ...D, '-o', 'yaml'],
  ['create', 'pdb', 'my-pdb', '--selector=a=b', '--max-unavailable=x', ...D, '-o', 'yaml'],
  ['create', 'pdb', 'my-pdb', '--selector=a=b', '--min-available=1.5', ...D, '-o', 'yaml'],
];

// kubectl taint over kubesim's own nodes, with kind-worker tainted dedicated=special:NoSchedule
// (test/e2e-generators-rbac-policy.test.ts makes the same cluster); only outputs without times.
const home = mkdtempSync(join(tmpdir(), 'gen-home-'));
const env = { ...process.env, KUBESIM_HOME: home, KUBESIM_POD_STARTUP: '0' };
spawnSync(join(root, 'bin', 'kubectl'), ['taint', 'nodes', 'kind-worker', 'dedicated=special:NoSchedule'], { env });
const nodes = join(home, 'nodes.json');
writeFileSync(nodes, spawnSync(join(root, 'bin', 'kubectl'), ['get', 'nodes', '-o', 'json'], { env, encoding: 'utf8' }).stdout);
const T = (...a) => ['taint', ...a, '--dry-run=client'];
const taintCases = [
  T('nodes', 'kind-worker2', 'dedicated=special-user:NoSchedule'), T('nodes', 'kind-worker', 'dedicated=special-user:NoSchedule'),
  T('nodes', 'kind-worker', 'dedicated=other:NoSchedule', '--overwrite'), T('nodes', 'kind-worker', 'dedicated:NoSchedule-'),
  T('nodes', 'kind-worker', 'dedicated-'), T('nodes', 'kind-worker2', 'dedicated-'), T('nodes', 'kind-worker2', 'dedicated:NoExecute-'),
  T('nodes', 'kind-worker', 'dedicated-', 'a=b:NoExecute'), T('nodes', 'kind-worker', 'a=b:NoExecute', 'c:PreferNoSchedule', '-o', 'name'),
  T('node', 'kind-worker', 'a=b:Bogus'), T('node', 'kind-worker', 'a=b=c:NoSchedule'), T('node', 'kind-worker', 'a=b'),
  T('node', 'kind-worker', 'a:b:c'), T('node', 'kind-worker', 'a b=c:NoSchedule'), T('node', 'kind-worker', 'a=b c:NoSchedule'),
  T('node', 'kind-worker', 'a=b:NoSchedule', 'a=c:NoSchedule'), T('node', 'kind-worker', 'a=b:NoSchedule', 'a:NoSchedule-'),
  T('node', 'kind-worker', 'a=b:NoSchedule', 'a-'), T('node', 'a=b:NoSchedule'), T('node'), T('node', 'kind-worker'),
  T('pods', 'kind-worker', 'a=b:NoSchedule'), T('foo', 'kind-worker', 'a=b:NoSchedule'), T('no', 'kind-worker', 'a=b:NoSchedule'),
  T('node', 'nope', 'a=b:NoSchedule'), T('node', '--all', 'a=b:NoSchedule'), T('node', '-l', 'kubernetes.io/hostname=kind-worker2', 'a=b:NoSchedule'),
  T('node', '--all', '-l', 'x=y', 'a=b:NoSchedule'), T('node', 'kind-worker', 'a=b:NoSchedule', 'extra'),
  T('node', 'kind-worker', 'kind-worker2', 'a=b:NoSchedule'),
];

const out = [...cases.map((args) => [empty, args]), ...taintCases.map((args) => [nodes, args])].map(([objects, args]) => {
  const r = spawnSync(oracle, [objects, ...args], { encoding: 'utf8' });
  return { args, stdout: r.stdout, stderr: r.stderr.replace(/^E\d{4} [\d:.]+ +\d+ /gm, 'E0000 00:00:00.000000       0 '), exit: r.status };
});
writeFileSync(join(root, 'test', 'golden', 'generators', 'cases.json'), JSON.stringify(out, null, 1) + '\n');
console.log(`${out.length} cases recorded`);
