// The "Exposing containers" exercise (../shared/seeds/000_*.txt), as a user types it.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cluster, lines } from './helpers/kubectl';

const c = cluster();
after(() => c.cleanup());

test('create a deployment and scale it', () => {
  let r = c.k('create', 'deployment', 'httpenv', '--image=jpetazzo/httpenv');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'deployment.apps/httpenv created\n');
  r = c.k('scale', 'deployment', 'httpenv', '--replicas=10');
  assert.equal(r.stdout, 'deployment.apps/httpenv scaled\n');
  r = c.k('get', 'pods', '-l', 'app=httpenv', '--no-headers');
  const rows = lines(r.stdout);
  assert.equal(rows.length, 10);
  for (const row of rows) assert.match(row, /^httpenv-[a-z0-9]{8,10}-[a-z0-9]{5} +1\/1 +Running +0 +[0-9]+s$/);
  r = c.k('get', 'deployment', 'httpenv');
  assert.match(r.stdout, /^NAME +READY +UP-TO-DATE +AVAILABLE +AGE\nhttpenv +10\/10 +10 +10 +[0-9]+s\n$/);
});

test('expose it and read the ClusterIP back three ways', () => {
  let r = c.k('expose', 'deployment', 'httpenv', '--port', '8888');
  assert.equal(r.stdout, 'service/httpenv exposed\n');
  r = c.k('get', 'service');
  assert.match(r.stdout, /^NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE$/m);
  assert.match(r.stdout, /^httpenv +ClusterIP +10\.[0-9.]+ +<none> +8888\/TCP +[0-9]+s$/m);
  assert.match(r.stdout, /^kubernetes +ClusterIP +10\.96\.0\.1 +<none> +443\/TCP +/m);
  const ip = c.k('get', 'svc', 'httpenv', '-o', 'go-template', '--template', '{{ .spec.clusterIP }}').stdout;
  assert.match(ip, /^10\.(9[6-9]|1[01][0-9])\.\d+\.\d+$/);
  assert.equal(c.k('get', 'svc', 'httpenv', '-o', 'jsonpath={.spec.clusterIP}').stdout, ip);
  const svc = JSON.parse(c.k('get', 'svc', 'httpenv', '-o', 'json').stdout);
  assert.equal(svc.kind, 'Service');
  assert.equal(svc.spec.ports[0].port, 8888);
  assert.equal(svc.spec.ports[0].targetPort, 8888);
  assert.equal(svc.spec.selector.app, 'httpenv');
  assert.equal(svc.spec.clusterIP, ip);
});

test('endpoints: truncated in tables and describe, complete in yaml', () => {
  let r = c.k('describe', 'service', 'httpenv');
  assert.match(r.stdout, /^Endpoints: +([0-9.]+:8888,){2}[0-9.]+:8888 \+ 7 more\.\.\.$/m);
  assert.match(r.stdout, /^Selector: +app=httpenv$/m);
  r = c.k('get', 'endpoints');
  assert.match(r.stdout, /^NAME +ENDPOINTS +AGE$/m);
  assert.match(r.stdout, /^httpenv +([0-9.]+:8888,){2}[0-9.]+:8888 \+ 7 more\.\.\. +[0-9]+s$/m);
  r = c.k('get', 'endpoint');
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'error: the server doesn\'t have a resource type "endpoint"\n');
  const epIps = [...c.k('get', 'endpoints', 'httpenv', '-o', 'yaml').stdout.matchAll(/ip: ([0-9.]+)/g)].map((m) => m[1]).sort();
  r = c.k('get', 'pods', '-l', 'app=httpenv', '-o', 'wide');
  assert.match(r.stdout, /^NAME +READY +STATUS +RESTARTS +AGE +IP +NODE +NOMINATED NODE +READINESS GATES$/m);
  const podIps = lines(r.stdout).slice(1).map((l) => l.split(/ +/)[5]).sort();
  assert.equal(podIps.length, 10);
  assert.deepEqual(epIps, podIps);
  assert.equal(new Set(podIps).size, 10);
  r = c.k('describe', 'endpoints', 'httpenv');
  assert.match(r.stdout, /^Subsets:$/m);
  assert.match(r.stdout, /^  Addresses: +([0-9.]+,){9}[0-9.]+$/m);
});

test('requests are load balanced: through port-forward to the service, and from a pod', async () => {
  const pf = c.bg('port-forward', 'svc/httpenv', ':8888');
  let port = 0;
  await c.until(() => { const m = /^Forwarding from 127\.0\.0\.1:(\d+) -> 8888$/m.exec(pf.output()); if (m) port = Number(m[1]); return !!m; });
  const res = await fetch(`http://127.0.0.1:${port}/`);
  const env = await res.json() as Record<string, string>;
  assert.match(env.HOSTNAME, /^httpenv-[a-z0-9]+-[a-z0-9]{5}$/);
  await c.until(() => new RegExp(`^Handling connection for ${port}$`, 'm').test(pf.output()));
  await pf.stop();
  const ip = c.k('get', 'svc', 'httpenv', '-o', 'jsonpath={.spec.clusterIP}').stdout;
  const pod = c.k('get', 'pods', '-l', 'app=httpenv', '-o', 'jsonpath={.items[0].metadata.name}').stdout;
  const hosts = new Set<string>();
  // httpenv is FROM alpine: no curl until it is installed (it stays for the container's life)
  assert.match(c.k('exec', pod, '--', 'curl', '-s', `http://${ip}:8888/`).stderr, /exec: "curl": executable file not found in \$PATH/);
  assert.equal(c.k('exec', pod, '--', 'apk', 'add', 'curl').code, 0);
  for (let i = 0; i < 8; i++) hosts.add(JSON.parse(c.k('exec', pod, '--', 'curl', '-s', `http://${ip}:8888/`).stdout).HOSTNAME);
  assert.ok(hosts.size >= 2, `8 requests reached ${hosts.size} pod(s)`);
});

test('a headless service resolves to the pod IPs', () => {
  let r = c.k('expose', 'deployment', 'httpenv', '--name', 'httpenv-none', '--port', '8888', '--cluster-ip=None');
  assert.equal(r.stdout, 'service/httpenv-none exposed\n');
  r = c.k('get', 'svc', 'httpenv-none');
  assert.match(r.stdout, /^httpenv-none +ClusterIP +None +<none> +8888\/TCP +/m);
  const pod = c.k('get', 'pods', '-l', 'app=httpenv', '-o', 'jsonpath={.items[0].metadata.name}').stdout;
  r = c.k('exec', pod, '--', 'nslookup', 'httpenv-none');
  assert.equal(lines(r.stdout, /^Address( [0-9]+)?:\s+10\.244\./).length, 10);
});

test('self-healing, scaling to zero, selectors, kube-system', () => {
  const pods = lines(c.k('get', 'pods', '-l', 'app=httpenv', '-o', 'name').stdout);
  assert.equal(pods.length, 10);
  let r = c.k('delete', pods[0]);
  assert.match(r.stdout, /^pod "httpenv-[a-z0-9]+-[a-z0-9]{5}" deleted\n$/);
  const after = lines(c.k('get', 'pods', '-l', 'app=httpenv', '-o', 'name').stdout);
  assert.equal(after.length, 10);
  assert.ok(!after.includes(pods[0]));
  r = c.k('scale', 'deploy/httpenv', '--replicas=0');
  assert.equal(r.stdout, 'deployment.apps/httpenv scaled\n');
  r = c.k('get', 'pods');
  assert.equal(r.stdout, '');
  assert.equal(r.stderr, 'No resources found in default namespace.\n');
  r = c.k('get', 'pods', '-n', 'kube-system', '-l', 'k8s-app=kube-dns', '--no-headers');
  assert.equal(lines(r.stdout).length, 2);
  r = c.k('get', 'svc', 'kube-dns', '-n', 'kube-system');
  assert.match(r.stdout, /^kube-dns +ClusterIP +10\.96\.0\.10 +<none> +53\/UDP,53\/TCP,9153\/TCP +/m);
  r = c.k('get', 'nodes');
  assert.match(r.stdout, /^kind-control-plane +Ready +control-plane +[0-9]+s +v1\.32\.2$/m);
  assert.match(r.stdout, /^kind-worker2 +Ready +<none> +[0-9]+s +v1\.32\.2$/m);
});
