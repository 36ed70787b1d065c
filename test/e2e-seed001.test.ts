// "Exposing Applications for Internal Access" (../shared/seeds/001_*.txt): expose with a target
// port, a service from a manifest in another namespace, discovery by env vars and DNS names.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster } from './helpers/kubectl';

const c = cluster();
after(() => c.cleanup());

test('expose with --name and --target-port', () => {
  c.k('create', 'deployment', 'deployment-name', '--image=nginx');
  const r = c.k('expose', 'deployment', 'deployment-name', '--port=8081', '--name=service-name', '--target-port=3000');
  assert.equal(r.stdout, 'service/service-name exposed\n');
  assert.match(c.k('get', 'service').stdout, /^service-name +ClusterIP +10\.[0-9.]+ +<none> +8081\/TCP +[0-9]+s$/m);
  assert.equal(c.k('get', 'svc', 'service-name', '-o', 'jsonpath={.spec.ports[0].port} {.spec.ports[0].targetPort} {.spec.ports[0].protocol} {.spec.selector.app}').stdout, '8081 3000 TCP deployment-name');
});

test('a service from a manifest in another namespace, seen with -A', () => {
  c.k('create', 'namespace', 'nginx-apps');
  fs.writeFileSync(path.join(c.home, 'nginx-service.yaml'), 'apiVersion: v1\nkind: Service\nmetadata:\n  name: nginx-service\nspec:\n  selector:\n    app: nginx\n  ports:\n    - protocol: TCP\n      port: 8081\n      targetPort: 3000\n');
  assert.equal(c.k('apply', '-f', 'nginx-service.yaml', '-n', 'nginx-apps').stdout, 'service/nginx-service created\n');
  const all = c.k('get', 'svc', '-A').stdout;
  assert.match(all, /^NAMESPACE +NAME +TYPE +CLUSTER-IP +EXTERNAL-IP +PORT\(S\) +AGE$/m);
  assert.match(all, /^nginx-apps +nginx-service +ClusterIP +/m);
  assert.match(all, /^kube-system +kube-dns +ClusterIP +10\.96\.0\.10 +/m);
  assert.match(c.k('get', 'endpoints', 'nginx-service', '-n', 'nginx-apps').stdout, /^nginx-service +<none> +[0-9]+s$/m);
});

test('environment variables and DNS names from a client pod', () => {
  c.k('create', 'deployment', 'nginx-provider', '--image=redis');
  c.k('expose', 'deployment', 'nginx-provider', '--port=6379');
  const ip = c.k('get', 'svc', 'nginx-provider', '-o', 'jsonpath={.spec.clusterIP}').stdout;
  assert.equal(c.k('create', 'deployment', 'client', '--image=busybox', '--', 'sleep', '3600').stdout, 'deployment.apps/client created\n');
  const pod = c.k('get', 'pods', '-l', 'app=client', '-o', 'jsonpath={.items[0].metadata.name}').stdout;
  const env = c.sh(`kubectl exec ${pod} -- printenv | grep '^NGINX_PROVIDER_' | sort`).stdout;
  assert.match(env, new RegExp(`^NGINX_PROVIDER_SERVICE_HOST=${ip.replace(/\./g, '\\.')}$`, 'm'));
  assert.match(env, /^NGINX_PROVIDER_SERVICE_PORT=6379$/m);
  assert.match(env, new RegExp(`^NGINX_PROVIDER_PORT_6379_TCP_ADDR=${ip.replace(/\./g, '\\.')}$`, 'm'));
  assert.equal(c.k('exec', pod, '--', 'printenv', 'NGINX_SERVICE_SERVICE_HOST').code, 1, 'no variables for a service of another namespace');
  const nsIP = c.k('get', 'svc', 'nginx-service', '-n', 'nginx-apps', '-o', 'jsonpath={.spec.clusterIP}').stdout;
  for (const name of ['nginx-service.nginx-apps', 'nginx-service.nginx-apps.svc', 'nginx-service.nginx-apps.svc.cluster.local']) {
    const r = c.k('exec', pod, '--', 'nslookup', name);
    assert.match(r.stdout, new RegExp(`^Address( 1)?:\\s+${nsIP.replace(/\./g, '\\.')}$`, 'm'), name);
  }
  const short = c.k('exec', pod, '--', 'nslookup', 'nginx-service');
  assert.equal(short.code, 1);
  assert.match(short.stdout + short.stderr, /NXDOMAIN/);
  const rc = c.k('exec', pod, '--', 'cat', '/etc/resolv.conf').stdout;
  assert.match(rc, /^nameserver 10\.96\.0\.10$/m);
  assert.match(rc, /^search default\.svc\.cluster\.local svc\.cluster\.local cluster\.local/m);
  assert.match(rc, /^options ndots:5$/m);
});
