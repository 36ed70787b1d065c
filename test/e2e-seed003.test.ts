// "Connecting applications with services" (../shared/seeds/003_*.txt): pods with cluster-wide
// IPs, a service, env vars only for pods started after it, DNS, secrets, NodePort then
// LoadBalancer by editing the service, cleanup of several types at once.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster, lines } from './helpers/kubectl';

const c = cluster();
after(() => c.cleanup());
const file = (name: string, text: string) => fs.writeFileSync(path.join(c.home, name), text);

file('run-my-nginx.yaml', `apiVersion: apps/v1
kind: Deployment
metadata:
  name: my-nginx
spec:
  selector:
    matchLabels:
      run: my-nginx
  replicas: 2
  template:
    metadata:
      labels:
        run: my-nginx
    spec:
      containers:
      - name: my-nginx
        image: nginx
        ports:
        - containerPort: 80
`);

let pod = '';

test('create from a manifest; pods get IPs in the pod network; AlreadyExists on a second create', () => {
  assert.equal(c.k('create', '-f', './run-my-nginx.yaml').stdout, 'deployment.apps/my-nginx created\n');
  const wide = c.k('get', 'pods', '-l', 'run=my-nginx', '-o', 'wide').stdout;
  assert.equal(lines(wide, /^my-nginx-[a-z0-9]+-[a-z0-9]{5} +1\/1 +Running +0 +[0-9]+s +10\.244\.[0-9]+\.[0-9]+ +kind-worker2? +<none> +<none>$/).length, 2);
  assert.equal(lines(c.k('get', 'pods', '-l', 'run=my-nginx', '-o', 'yaml').stdout, /^    podIP: 10\.244\./).length, 2);
  const again = c.k('create', '-f', './run-my-nginx.yaml');
  assert.equal(again.code, 1);
  assert.equal(again.stderr, 'Error from server (AlreadyExists): error when creating "./run-my-nginx.yaml": deployments.apps "my-nginx" already exists\n');
  pod = c.k('get', 'pods', '-l', 'run=my-nginx', '-o', 'jsonpath={.items[0].metadata.name}').stdout;
});

test('pods started before the service do not see it; pods started after do', () => {
  assert.equal(c.sh(`kubectl exec ${pod} -- printenv | grep SERVICE | sort`).stdout,
    'KUBERNETES_SERVICE_HOST=10.96.0.1\nKUBERNETES_SERVICE_PORT=443\nKUBERNETES_SERVICE_PORT_HTTPS=443\n');
  assert.equal(c.k('expose', 'deployment/my-nginx').stdout, 'service/my-nginx exposed\n');
  const ip = c.k('get', 'svc', 'my-nginx', '-o', 'jsonpath={.spec.clusterIP}').stdout;
  const d = c.k('describe', 'svc', 'my-nginx').stdout;
  assert.match(d, /^Selector: +run=my-nginx$/m);
  assert.match(d, /^Port: +<unset> +80\/TCP$/m);
  assert.match(d, /^TargetPort: +80\/TCP$/m);
  assert.match(d, /^Endpoints: +10\.244\.[0-9.]+:80,10\.244\.[0-9.]+:80$/m);
  c.k('scale', 'deployment', 'my-nginx', '--replicas=0');
  c.k('scale', 'deployment', 'my-nginx', '--replicas=2');
  const names = lines(c.k('get', 'pods', '-l', 'run=my-nginx', '-o', 'name').stdout);
  assert.equal(names.length, 2);
  assert.ok(!names.includes(`pod/${pod}`));
  pod = names[0].slice(4);
  const env = c.sh(`kubectl exec ${pod} -- printenv | grep SERVICE | sort`).stdout;
  assert.match(env, new RegExp(`^MY_NGINX_SERVICE_HOST=${ip.replace(/\./g, '\\.')}$`, 'm'));
  assert.match(env, /^MY_NGINX_SERVICE_PORT=80$/m);
});

test('DNS and HTTP through the service name', () => {
  assert.match(c.k('get', 'services', 'kube-dns', '--namespace=kube-system').stdout, /^kube-dns +ClusterIP +10\.96\.0\.10 +<none> +53\/UDP,53\/TCP,9153\/TCP +/m);
  // nginx has no nslookup: the tutorial runs a radial/busyboxplus:curl pod for it
  assert.match(c.k('exec', pod, '--', 'nslookup', 'my-nginx').stderr, /exec: "nslookup": executable file not found in \$PATH/);
  c.k('run', 'curl', '--image=radial/busyboxplus:curl', '--', 'sleep', '3600');
  c.k('wait', '--for=condition=Ready', 'pod/curl', '--timeout=30s');
  const ns = c.k('exec', 'curl', '--', 'nslookup', 'my-nginx');
  assert.equal(ns.code, 0, ns.stderr);
  assert.match(ns.stdout, /my-nginx\.default\.svc\.cluster\.local/);
  assert.match(c.k('exec', 'curl', '--', 'curl', '-s', 'my-nginx').stdout, /Welcome to nginx!/);
});

test('secrets print as byte counts in describe', () => {
  file('nginxsecrets.yaml', 'apiVersion: "v1"\nkind: "Secret"\nmetadata:\n  name: "nginxsecret"\n  namespace: "default"\ndata:\n  nginx.crt: "Y2VydA=="\n  nginx.key: "a2V5"\n');
  assert.equal(c.k('create', '-f', 'nginxsecrets.yaml').stdout, 'secret/nginxsecret created\n');
  assert.match(c.k('get', 'secrets').stdout, /^nginxsecret +Opaque +2 +[0-9]+s$/m);
  const d = c.k('describe', 'secret', 'nginxsecret').stdout;
  assert.match(d, /^nginx\.crt: +4 bytes$/m);
  assert.ok(!d.includes('Y2VydA=='), 'no secret data in describe');
});

test('NodePort with named ports, then LoadBalancer by editing it', () => {
  file('nginx-secure-svc.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: my-nginx-secure\n  labels:\n    run: my-nginx\nspec:\n  type: NodePort\n  ports:\n  - port: 8080\n    targetPort: 80\n    protocol: TCP\n    name: http\n  - port: 443\n    protocol: TCP\n    name: https\n  selector:\n    run: my-nginx\n');
  assert.equal(c.k('apply', '-f', 'nginx-secure-svc.yaml').stdout, 'service/my-nginx-secure created\n');
  const ports = [...c.k('get', 'svc', 'my-nginx-secure', '-o', 'yaml').stdout.matchAll(/nodePort: ([0-9]+)/g)].map((m) => Number(m[1]));
  assert.equal(ports.filter((p) => p >= 30000 && p <= 32767).length, 2);
  const r = c.sh(`EDITOR="sed -i -e 's/type: NodePort/type: LoadBalancer/'" kubectl edit svc my-nginx-secure`);
  assert.equal(r.code, 0, r.stderr);
  assert.equal(r.stdout, 'service/my-nginx-secure edited\n');
  assert.match(c.k('get', 'svc', 'my-nginx-secure').stdout, /^my-nginx-secure +LoadBalancer +10\.[0-9.]+ +[0-9]+\.[0-9]+\.[0-9]+\.[0-9]+ +8080:3[0-9]{4}\/TCP,443:3[0-9]{4}\/TCP +/m);
  const after = [...c.k('get', 'svc', 'my-nginx-secure', '-o', 'yaml').stdout.matchAll(/nodePort: ([0-9]+)/g)].map((m) => Number(m[1]));
  assert.deepEqual(after, ports, 'node ports are kept across the type change');
  assert.match(c.k('describe', 'service', 'my-nginx-secure').stdout, /^LoadBalancer Ingress: +[0-9.]+/m);
});

test('delete several types at once; the pods go with the deployment', async () => {
  const r = c.k('delete', 'deployments,svc', 'my-nginx');
  assert.equal(r.stdout, 'deployment.apps "my-nginx" deleted\nservice "my-nginx" deleted\n');
  await c.until(() => c.k('get', 'pods', '-l', 'run=my-nginx', '-o', 'name').stdout === '');
});
