// Seed 002, "Basic Kubernetes Routing Models" (../shared/acceptance/scenarios/seed002-routing.sh
// as the project's own test): ClusterIP, NodePort, LoadBalancer, ExternalName, and a blue/green
// switch by changing a service's selector in another namespace.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cluster } from './helpers/kubectl';

const c = cluster({ KUBESIM_POD_STARTUP: '0' });
after(() => c.cleanup());

const DESTINATION = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: destination
  namespace: default
spec:
  replicas: 3
  selector:
    matchLabels:
      app: destination
  template:
    metadata:
      labels:
        app: destination
    spec:
      containers:
      - name: destination-container
        image: r.deso.tech/whoami/whoami
`;
const ORIGIN = `apiVersion: apps/v1
kind: Deployment
metadata:
  name: origin
  namespace: default
spec:
  replicas: 1
  selector:
    matchLabels:
      app: origin
  template:
    metadata:
      labels:
        app: origin
    spec:
      containers:
      - name: origin-container
        image: r.deso.tech/library/netshoot
        command: ["sleep"]
        args: ["1000000"]
`;
const svc = (name: string, type = '') => `apiVersion: v1
kind: Service
metadata:
  name: ${name}
  namespace: default
spec:
${type ? `  type: ${type}\n` : ''}  selector:
    app: destination
  ports:
  - port: 8080
    targetPort: 80
`;
const out = (r: { stdout: string; stderr: string; code: number }) => { assert.equal(r.code, 0, r.stderr); return r.stdout; };

let origin = '';

test('ClusterIP: DNS and load-balanced HTTP from inside the origin pod', () => {
  assert.equal(out(c.kIn(DESTINATION, 'apply', '-f', '-')), 'deployment.apps/destination created\n');
  assert.equal(out(c.kIn(ORIGIN, 'apply', '-f', '-')), 'deployment.apps/origin created\n');
  assert.equal(out(c.kIn(svc('svc-destination'), 'apply', '-f', '-')), 'service/svc-destination created\n');
  assert.equal(out(c.kIn(svc('svc-destination'), 'apply', '-f', '-')), 'service/svc-destination unchanged\n');
  const pods = out(c.k('get', 'pod'));
  assert.match(pods, /^NAME +READY +STATUS +RESTARTS +AGE\n/);
  assert.equal(pods.split('\n').filter((l) => /^(destination|origin)-[a-z0-9]+-[a-z0-9]{5} +1\/1 +Running/.test(l)).length, 4);
  origin = out(c.k('get', 'pods', '-l', 'app=origin', '-o', 'jsonpath={.items[0].metadata.name}'));
  const ip = out(c.k('get', 'svc', 'svc-destination', '-o', 'jsonpath={.spec.clusterIP}'));
  const ns = out(c.k('exec', origin, '--', 'nslookup', 'svc-destination'));
  assert.match(ns, /svc-destination\.default\.svc\.cluster\.local/);
  assert.match(ns, new RegExp(`^Address( 1)?:\\s+${ip.replace(/\./g, '\\.')}$`, 'm'));
  const answers: string[] = [];
  for (let i = 0; i < 9; i++) answers.push(out(c.k('exec', origin, '--', 'curl', '-s', 'svc-destination:8080')));
  const hosts = new Set(answers.map((a) => /^Hostname: (destination-[a-z0-9]+-[a-z0-9]{5})$/m.exec(a)?.[1]));
  assert.ok(!hosts.has(undefined), 'whoami answers with its hostname');
  assert.ok(hosts.size >= 2, 'more than one destination pod answered');
  assert.match(answers[0], /^GET \/ HTTP\/1\.1$/m);
  assert.match(answers[0], /^Host: svc-destination:8080$/m);
  const closed = c.k('exec', origin, '--', 'curl', '-s', 'svc-destination:9999');
  assert.ok([7, 28].includes(closed.code) || /exit code (7|28)/.test(closed.stderr), `curl's exit: ${closed.code} ${closed.stderr}`);
  const sh = c.kIn('nslookup svc-destination\ncurl -s svc-destination:8080\nexit\n', 'exec', '-i', origin, '--', '/bin/bash');
  assert.match(sh.stdout, /^Hostname: destination-/m, 'an interactive shell in the pod runs the typed commands');
  assert.equal(out(c.kIn(svc('svc-destination'), 'delete', '-f', '-')), 'service "svc-destination" deleted\n');
});

test('NodePort reaches a destination pod on the node IP', () => {
  assert.equal(out(c.kIn(svc('svc-nodeport-destination', 'NodePort'), 'apply', '-f', '-')), 'service/svc-nodeport-destination created\n');
  assert.match(out(c.k('get', 'svc', 'svc-nodeport-destination')), /^svc-nodeport-destination +NodePort +10\.[0-9.]+ +<none> +8080:3[0-9]{4}\/TCP +[0-9]+s$/m);
  const np = Number(out(c.k('get', 'svc', 'svc-nodeport-destination', '-o', 'jsonpath={.spec.ports[0].nodePort}')));
  assert.ok(np >= 30000 && np <= 32767);
  const node = out(c.k('get', 'nodes', '-o', 'jsonpath={.items[0].status.addresses[?(@.type=="InternalIP")].address}'));
  assert.match(out(c.k('exec', origin, '--', 'curl', '-s', `${node}:${np}`)), /^Hostname: destination-/m);
  assert.equal(out(c.k('delete', 'svc', 'svc-nodeport-destination')), 'service "svc-nodeport-destination" deleted\n');
  assert.equal(out(c.k('delete', 'deploy', 'destination')), 'deployment.apps "destination" deleted\n');
  assert.equal(out(c.k('delete', 'deploy', 'origin')), 'deployment.apps "origin" deleted\n');
});

test('LoadBalancer gets an external IP; ExternalName is a CNAME', () => {
  assert.equal(out(c.k('create', 'deployment', 'web01', '--image=nginx')), 'deployment.apps/web01 created\n');
  assert.match(out(c.k('get', 'deploy')), /^web01 +1\/1 +1 +1 +[0-9]+s$/m);
  assert.equal(out(c.k('expose', 'deployment', 'web01', '--type', 'LoadBalancer', '--port', '80', '--name', 'lb-web01')), 'service/lb-web01 exposed\n');
  assert.match(out(c.k('get', 'svc', 'lb-web01')), /^lb-web01 +LoadBalancer +10\.[0-9.]+ +\d+\.\d+\.\d+\.\d+ +80:3[0-9]{4}\/TCP +[0-9]+s$/m);
  const ext = 'apiVersion: v1\nkind: Service\nmetadata:\n  name: my-service\n  namespace: default\nspec:\n  type: ExternalName\n  externalName: my.database.example.com\n';
  assert.equal(out(c.kIn(ext, 'apply', '-f', '-')), 'service/my-service created\n');
  assert.match(out(c.k('get', 'svc', 'my-service')), /^my-service +ExternalName +<none> +my\.database\.example\.com +<none> +[0-9]+s$/m);
  const web = out(c.k('get', 'pods', '-l', 'app=web01', '-o', 'jsonpath={.items[0].metadata.name}'));
  // The CNAME's target does not resolve here, so nslookup ends with NXDOMAIN (exit 1) after it.
  // nginx has no nslookup; a netshoot pod (the course's image) has BIND's.
  assert.match(c.k('exec', web, '--', 'nslookup', 'x').stderr, /exec: "nslookup": executable file not found in \$PATH/);
  c.k('run', 'dnsclient', '--image=r.deso.tech/library/netshoot', '--', 'sleep', '3600');
  c.k('wait', '--for=condition=Ready', 'pod/dnsclient', '--timeout=30s');
  assert.match(c.k('exec', 'dnsclient', '--', 'nslookup', 'my-service.default.svc.cluster.local').stdout, /canonical name = my\.database\.example\.com/);
});

test('blue/green in its own namespace: the service follows its selector, the LB IP stays', () => {
  assert.equal(out(c.k('create', 'namespace', 'bluegreen')), 'namespace/bluegreen created\n');
  assert.match(out(c.k('config', 'set-context', '--current', '--namespace', 'bluegreen')), /^Context ".+" modified\.\n$/);
  const animals = (name: string, version: string) => `apiVersion: apps/v1
kind: Deployment
metadata:
  labels:
    app: kubeanimals
    version: "${version}"
  name: ${name}
spec:
  replicas: 1
  selector:
    matchLabels:
      app: kubeanimals
      version: "${version}"
  strategy: {}
  template:
    metadata:
      labels:
        app: kubeanimals
        version: "${version}"
    spec:
      containers:
      - image: r.deso.tech/whoami/whoami
        name: ${name}
        ports:
        - containerPort: 80
        resources: {}
        env:
        - name: NAME_APPLICATION
          value: "${name}"
`;
  const lb = (version: string) => `apiVersion: v1
kind: Service
metadata:
  creationTimestamp: null
  labels:
    app: kubeanimals
    version: "${version}"
  name: kubeanimals
spec:
  ports:
  - port: 80
    protocol: TCP
    targetPort: 80
  selector:
    app: kubeanimals
    version: "${version}"
  type: LoadBalancer
status:
  loadBalancer: {}
`;
  assert.equal(out(c.kIn(animals('phippy', '1.0'), 'apply', '-f', '-')), 'deployment.apps/phippy created\n');
  assert.equal(out(c.kIn(lb('1.0'), 'apply', '-f', '-')), 'service/kubeanimals created\n');
  const lbip = out(c.k('get', 'svc', 'kubeanimals', '--output', 'jsonpath={.status.loadBalancer.ingress[0].ip}{"\\n"}')).trim();
  assert.match(lbip, /^\d+\.\d+\.\d+\.\d+$/);
  assert.equal(out(c.kIn(animals('captainkube', '2.0'), 'apply', '-f', '-')), 'deployment.apps/captainkube created\n');
  const labels = out(c.k('get', 'pod', '--show-labels'));
  assert.match(labels, /^captainkube-[a-z0-9]+-[a-z0-9]{5} +1\/1 +Running +0 +[0-9]+s +app=kubeanimals,pod-template-hash=[a-z0-9]+,version=2\.0$/m);
  assert.match(labels, /^phippy-[a-z0-9]+-[a-z0-9]{5} +1\/1 +Running +0 +[0-9]+s +app=kubeanimals,pod-template-hash=[a-z0-9]+,version=1\.0$/m);
  const blue = out(c.k('get', 'pods', '-l', 'version=1.0', '-o', 'jsonpath={.items[0].status.podIP}'));
  const green = out(c.k('get', 'pods', '-l', 'version=2.0', '-o', 'jsonpath={.items[0].status.podIP}'));
  assert.equal(out(c.k('get', 'ep', 'kubeanimals', '-o', 'jsonpath={.subsets[0].addresses[*].ip}')), blue, 'blue is served');
  assert.equal(out(c.kIn(lb('2.0'), 'apply', '-f', '-')), 'service/kubeanimals configured\n');
  assert.match(out(c.k('get', 'svc', '--show-labels')), new RegExp(`^kubeanimals +LoadBalancer +10\\.[0-9.]+ +${lbip.replace(/\./g, '\\.')} +80:3[0-9]{4}/TCP +[0-9]+s +app=kubeanimals,version=2\\.0$`, 'm'));
  assert.equal(out(c.k('get', 'ep', 'kubeanimals', '-o', 'jsonpath={.subsets[0].addresses[*].ip}')), green, 'green is served');
  assert.equal(out(c.k('get', 'pods', '-n', 'default', '-l', 'app=web01', '--no-headers')).trim().split('\n').length, 1, '-n reaches the default namespace');
  assert.equal(out(c.k('delete', 'svc', 'kubeanimals')), 'service "kubeanimals" deleted\n');
  assert.equal(out(c.k('delete', 'deploy', 'captainkube')), 'deployment.apps "captainkube" deleted\n');
  assert.equal(out(c.k('delete', 'deploy', 'phippy')), 'deployment.apps "phippy" deleted\n');
  const missing = c.k('delete', 'deploy', 'web01');
  assert.deepEqual([missing.stderr, missing.code], ['Error from server (NotFound): deployments.apps "web01" not found\n', 1], 'web01 is in default, not bluegreen');
  assert.equal(out(c.k('delete', 'deploy', 'web01', '-n', 'default')), 'deployment.apps "web01" deleted\n');
});
