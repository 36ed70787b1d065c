// ../shared/acceptance/scenarios/errors-and-concurrency.sh as the project's own test: bad input
// gets kubectl's error and changes nothing; parallel invocations lose nothing and never hand
// out a ClusterIP, node port or pod IP twice.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cluster } from './helpers/kubectl';

const c = cluster({ KUBESIM_POD_STARTUP: '0' });
after(() => c.cleanup());

/** Every object's kind, namespace, name and resourceVersion. */
function snapshot(): string {
  const r = c.k('get', 'all,ns,secrets,cm', '-A', '-o', 'json');
  assert.equal(r.code, 0, r.stderr);
  const items = JSON.parse(r.stdout).items as any[];
  return JSON.stringify(items.map((o) => [o.kind, o.metadata.namespace, o.metadata.name, o.metadata.resourceVersion]).sort());
}

test('errors leave the cluster as it was', () => {
  assert.equal(c.k('create', 'deployment', 'web', '--image=nginx').code, 0);
  const before = snapshot();
  const files: Record<string, string> = {
    'broken.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: broken\nspec:\n  ports:\n  - port: 80\n   targetPort: 80\n',
    'badname.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: Bad_Name\nspec:\n  ports:\n  - port: 80\n',
    'np.yaml': 'apiVersion: v1\nkind: Service\nmetadata:\n  name: np\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports:\n  - port: 80\n    nodePort: 80\n',
    'gadget.yaml': 'apiVersion: v1\nkind: Gadget\nmetadata:\n  name: g\n',
  };
  const expectFail = (args: string[], stderr: RegExp) => {
    const r = c.k(...args);
    assert.equal(r.code, 1, `${args.join(' ')}: ${r.stderr}`);
    assert.match(r.stderr, stderr, args.join(' '));
  };
  for (const [name, text] of Object.entries(files)) c.sh(`cat > ${name} <<'EOF'\n${text}EOF`);
  expectFail(['apply', '-f', 'broken.yaml'], /^error: error (parsing|converting YAML to JSON)/);
  expectFail(['apply', '-f', 'badname.yaml'], /^The Service "Bad_Name" is invalid: metadata\.name: Invalid value: "Bad_Name": a DNS-1035 label must consist of/);
  expectFail(['apply', '-f', 'np.yaml'], /^The Service "np" is invalid: spec\.ports\[0\]\.nodePort: Invalid value: 80: provided port is not in the valid range\. The range of valid ports is 30000-32767\n$/);
  expectFail(['apply', '-f', 'gadget.yaml'], /no matches for kind "Gadget" in version "v1"/);
  expectFail(['scale', 'deployment', 'nope', '--replicas=2'], /^Error from server \(NotFound\): deployments\.apps "nope" not found\n$/);
  expectFail(['get', 'foo'], /^error: the server doesn't have a resource type "foo"\n$/);
  // kubectl 1.32 prints cobra's error through klog, quotes escaped (the shared scenario expects
  // them unescaped; the oracle shows kubectl's own line).
  expectFail(['create', 'deployment', 'noimage'], /^error: required flag\(s\) "image" not set$/m);
  expectFail(['expose', 'deployment', 'web'], /couldn't find port via --port flag or introspection/);
  expectFail(['scale', 'deployment', 'web', '--replicas=-1'], /./);
  expectFail(['get', 'pods', '-o', 'bogus'], /unable to match a printer suitable for the output format "bogus"/);
  expectFail(['get', 'svc', '-o', 'jsonpath={.items[0].spec.clusterIP'], /error: error parsing jsonpath/);
  expectFail(['get', 'svc', '-o', 'go-template={{.items'], /error: error parsing template/);
  assert.equal(snapshot(), before, 'nothing changed');
});

test('an allocated node port is refused to the next service', () => {
  const np = (name: string) => `apiVersion: v1\nkind: Service\nmetadata:\n  name: ${name}\nspec:\n  type: NodePort\n  selector: {app: web}\n  ports:\n  - port: 80\n    nodePort: 30080\n`;
  assert.equal(c.kIn(np('np1'), 'apply', '-f', '-').code, 0);
  const r = c.kIn(np('np2'), 'apply', '-f', '-');
  assert.deepEqual([r.stderr, r.code], ['The Service "np2" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated\n', 1]);
});

test('20 invocations at once lose nothing and hand out nothing twice', () => {
  let r = c.sh('for i in $(seq 1 20); do kubectl create deployment "app$i" --image=nginx >/dev/null 2>&1 & done; wait');
  assert.equal(r.code, 0);
  r = c.sh('for i in $(seq 1 20); do kubectl expose deployment "app$i" --port 80 --type NodePort >/dev/null 2>&1 & done; wait');
  assert.equal(r.code, 0);
  const deploys = c.k('get', 'deploy', '--no-headers').stdout.split('\n').filter((l) => l.startsWith('app'));
  assert.equal(deploys.length, 20);
  const svcs = (JSON.parse(c.k('get', 'svc', '-o', 'json').stdout).items as any[]).filter((s) => s.metadata.name.startsWith('app'));
  assert.equal(svcs.length, 20);
  assert.equal(new Set(svcs.map((s) => s.spec.clusterIP)).size, 20, 'distinct ClusterIPs');
  assert.equal(new Set(svcs.map((s) => s.spec.ports[0].nodePort)).size, 20, 'distinct node ports');
  const ips = (JSON.parse(c.k('get', 'pods', '-o', 'json').stdout).items as any[]).map((p) => p.status.podIP).filter(Boolean);
  assert.equal(new Set(ips).size, ips.length, 'distinct pod IPs');
  c.sh('for i in $(seq 1 10); do kubectl scale deployment app1 --replicas=$i >/dev/null 2>&1 & done; wait');
  const replicas = Number(c.k('get', 'deploy', 'app1', '-o', 'jsonpath={.spec.replicas}').stdout);
  const pods = c.k('get', 'pods', '-l', 'app=app1', '--no-headers').stdout.trim().split('\n').filter(Boolean).length;
  assert.equal(pods, replicas, 'racing scales leave a consistent deployment');
});
