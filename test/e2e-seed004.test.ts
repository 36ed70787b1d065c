// "Kubernetes services and load balancers" (../shared/seeds/004_*.txt): pod to pod over the flat
// network from an interactive shell, a service, port-forward, NodePort then LoadBalancer.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster, lines } from './helpers/kubectl';

const c = cluster();
after(() => c.cleanup());
const file = (name: string, text: string) => fs.writeFileSync(path.join(c.home, name), text);

test('pod to pod over the flat network, from a shell fed on stdin', () => {
  file('deployment.yaml', 'apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: alpine\nspec:\n  replicas: 2\n  selector:\n    matchLabels:\n      app: alpine\n  template:\n    metadata:\n      labels:\n        app: alpine\n    spec:\n      containers:\n      - name: alpine\n        image: httpd:alpine\n        ports:\n        - containerPort: 80\n');
  assert.equal(c.k('apply', '-f', 'deployment.yaml').stdout, 'deployment.apps/alpine created\n');
  assert.equal(lines(c.k('get', 'pods', '-o', 'wide').stdout).length, 3);
  const pods = JSON.parse(c.k('get', 'pods', '--output', 'json').stdout).items;
  // the post's `/bin/bash` does not exist in httpd:alpine (busybox ash only)
  const bash = c.kIn('exit\n', 'exec', '-i', pods[1].metadata.name, '--', '/bin/bash');
  assert.match(bash.stderr, /exec: "\/bin\/bash": stat \/bin\/bash: no such file or directory: unknown\n$/);
  const r = c.kIn(`apk add curl\ncurl ${pods[0].status.podIP}\nexit\n`, 'exec', '-i', pods[1].metadata.name, '--', '/bin/sh');
  assert.match(r.stdout, /<h1>It works!<\/h1>/);
});

test('a service: ClusterIP and name answer on its port, not on others', () => {
  file('service.yaml', 'apiVersion: v1\nkind: Service\nmetadata:\n  name: alpine-service\nspec:\n  selector:\n    app: alpine\n  ports:\n  - protocol: TCP\n    port: 8080\n    targetPort: 80\n');
  assert.equal(c.k('apply', '-f', 'service.yaml').stdout, 'service/alpine-service created\n');
  const ip = c.k('get', 'svc', 'alpine-service', '-o', 'jsonpath={.spec.clusterIP}').stdout;
  const pod = c.k('get', 'pods', '-o', 'jsonpath={.items[1].metadata.name}').stdout;
  assert.match(c.k('exec', pod, '--', 'curl', '-s', `${ip}:8080`).stdout, /<h1>It works!<\/h1>/);
  assert.match(c.k('exec', pod, '--', 'curl', '-s', 'alpine-service:8080').stdout, /<h1>It works!<\/h1>/);
  assert.notEqual(c.k('exec', pod, '--', 'curl', '-s', '--max-time', '1', `${ip}:80`).code, 0);
});

test('port-forward to the service, with kubectl\'s lines, and the access log', async () => {
  const pf = c.bg('port-forward', 'service/alpine-service', ':8080');
  let port = 0;
  await c.until(() => { const m = /^Forwarding from 127\.0\.0\.1:(\d+) -> 80$/m.exec(pf.output()); if (m) port = Number(m[1]); return !!m; });
  assert.match(await (await fetch(`http://localhost:${port}/`)).text(), /<h1>It works!<\/h1>/);
  await c.until(() => new RegExp(`^Handling connection for ${port}$`, 'm').test(pf.output()));
  await pf.stop();
  const logs = c.k('logs', '-l', 'app=alpine', '--tail=-1');
  assert.equal(logs.code, 0, logs.stderr);
});

test('NodePort, then LoadBalancer keeping the node port; the cloud provider\'s events', () => {
  assert.equal(c.k('delete', 'svc', 'alpine-service').stdout, 'service "alpine-service" deleted\n');
  file('np.yaml', fs.readFileSync(path.join(c.home, 'service.yaml'), 'utf8') + '  type: NodePort\n');
  assert.equal(c.k('apply', '-f', 'np.yaml').stdout, 'service/alpine-service created\n');
  const np = JSON.parse(c.k('get', 'svc', 'alpine-service', '--output', 'json').stdout).spec.ports[0].nodePort;
  assert.ok(np >= 30000 && np <= 32767);
  file('np.yaml', fs.readFileSync(path.join(c.home, 'np.yaml'), 'utf8').replace('type: NodePort', 'type: LoadBalancer'));
  assert.equal(c.k('apply', '-f', 'np.yaml').stdout, 'service/alpine-service configured\n');
  const svc = JSON.parse(c.k('get', 'svc', 'alpine-service', '--output', 'json').stdout);
  assert.equal(svc.spec.ports[0].nodePort, np);
  assert.match(svc.status.loadBalancer.ingress[0].ip, /^\d+\.\d+\.\d+\.\d+$/);
  assert.match(c.k('get', 'events').stdout, /EnsuringLoadBalancer|EnsuredLoadBalancer/);
});
