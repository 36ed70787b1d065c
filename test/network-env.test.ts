// Service environment variables (kubelet's envvars.FromServices) and a container's printenv.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { serviceEnvVars, servicesForPodEnv, containerEnv, expandEnv } from '../src/network/env';
import { fakeHost, pod, svc } from './network-fixtures';
import { runExec } from '../src/network/shell';

test('serviceEnvVars: host, first port, named ports, docker link variables, in kubelet order', () => {
  const s = svc('my-nginx-secure', 'default', {
    clusterIP: '10.96.12.34',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP', targetPort: 80 }, { name: 'https', port: 443, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }],
  });
  assert.deepEqual(Object.entries(serviceEnvVars([s])), [
    ['MY_NGINX_SECURE_SERVICE_HOST', '10.96.12.34'],
    ['MY_NGINX_SECURE_SERVICE_PORT', '8080'],
    ['MY_NGINX_SECURE_SERVICE_PORT_HTTP', '8080'],
    ['MY_NGINX_SECURE_SERVICE_PORT_HTTPS', '443'],
    ['MY_NGINX_SECURE_SERVICE_PORT_DNS', '53'],
    ['MY_NGINX_SECURE_PORT', 'tcp://10.96.12.34:8080'],
    ['MY_NGINX_SECURE_PORT_8080_TCP', 'tcp://10.96.12.34:8080'],
    ['MY_NGINX_SECURE_PORT_8080_TCP_PROTO', 'tcp'],
    ['MY_NGINX_SECURE_PORT_8080_TCP_PORT', '8080'],
    ['MY_NGINX_SECURE_PORT_8080_TCP_ADDR', '10.96.12.34'],
    ['MY_NGINX_SECURE_PORT_443_TCP', 'tcp://10.96.12.34:443'],
    ['MY_NGINX_SECURE_PORT_443_TCP_PROTO', 'tcp'],
    ['MY_NGINX_SECURE_PORT_443_TCP_PORT', '443'],
    ['MY_NGINX_SECURE_PORT_443_TCP_ADDR', '10.96.12.34'],
    ['MY_NGINX_SECURE_PORT_53_UDP', 'udp://10.96.12.34:53'],
    ['MY_NGINX_SECURE_PORT_53_UDP_PROTO', 'udp'],
    ['MY_NGINX_SECURE_PORT_53_UDP_PORT', '53'],
    ['MY_NGINX_SECURE_PORT_53_UDP_ADDR', '10.96.12.34'],
  ]);
});

test('serviceEnvVars skips headless and ExternalName services (no ClusterIP)', () => {
  const env = serviceEnvVars([
    svc('headless', 'default', { clusterIP: 'None', ports: [{ port: 80 }] }),
    svc('ext', 'default', { type: 'ExternalName', externalName: 'example.com' }),
    svc('web', 'default', { clusterIP: '10.96.1.1', ports: [{ port: 80 }] }),
  ]);
  assert.deepEqual(Object.keys(env).filter((k) => k.endsWith('_SERVICE_HOST')), ['WEB_SERVICE_HOST']);
  assert.equal(env.WEB_PORT, 'tcp://10.96.1.1:80');
});

test('the services a pod gets: its namespace plus the master service from default', () => {
  const h = fakeHost();
  h.add(svc('nginx-service', 'nginx-apps', { clusterIP: '10.96.9.9', ports: [{ port: 8081 }] }), svc('nginx-provider', 'default', { clusterIP: '10.96.8.8', ports: [{ port: 6379 }] }));
  const inDefault = pod('client-1', 'busybox', '10.244.1.2', 'kind-worker');
  const inApps = pod('client-2', 'busybox', '10.244.1.3', 'kind-worker', {}, 'nginx-apps');
  const noLinks = pod('client-3', 'busybox', '10.244.1.4', 'kind-worker', {}, 'nginx-apps', { spec: { enableServiceLinks: false } });
  assert.deepEqual(servicesForPodEnv(inDefault, h).map((s) => s.metadata.name).sort(), ['kubernetes', 'nginx-provider']);
  assert.deepEqual(servicesForPodEnv(inApps, h).map((s) => s.metadata.name).sort(), ['kubernetes', 'nginx-service']);
  assert.deepEqual(servicesForPodEnv(noLinks, h).map((s) => s.metadata.name), ['kubernetes']);
});

test('printenv: PATH, HOSTNAME, image ENV, the kubelet variables, HOME last', () => {
  const h = fakeHost();
  h.add({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default' }, data: { mode: 'blue' } });
  h.add({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'sec', namespace: 'default' }, data: { password: Buffer.from('s3cret').toString('base64') } });
  const p = pod('web-6d4f5-abcde', 'nginx:1.25', '10.244.1.5', 'kind-worker', {}, 'default', {
    container: {
      name: 'web',
      env: [
        { name: 'NAME_APPLICATION', value: 'phippy' },
        { name: 'GREETING', value: 'hello $(NAME_APPLICATION) on $(KUBERNETES_SERVICE_HOST) $(NOPE) $$(X)' },
        { name: 'POD_IP', valueFrom: { fieldRef: { fieldPath: 'status.podIP' } } },
        { name: 'NODE', valueFrom: { fieldRef: { fieldPath: 'spec.nodeName' } } },
        { name: 'MODE', valueFrom: { configMapKeyRef: { name: 'cfg', key: 'mode' } } },
        { name: 'PASSWORD', valueFrom: { secretKeyRef: { name: 'sec', key: 'password' } } },
        { name: 'KUBERNETES_SERVICE_PORT', value: '8443' },
      ],
    },
  });
  h.start(p);
  const env = containerEnv(h, p, 'web', h.podEnv(p));
  const keys = env.map(([k]) => k);
  assert.deepEqual(keys.slice(0, 3), ['PATH', 'HOSTNAME', 'NGINX_VERSION']);
  assert.equal(keys[keys.length - 1], 'HOME');
  const m = Object.fromEntries(env);
  assert.equal(m.HOSTNAME, 'web-6d4f5-abcde');
  assert.equal(m.NGINX_VERSION, '1.25.5');
  assert.equal(m.GREETING, 'hello phippy on 10.96.0.1 $(NOPE) $(X)');
  assert.equal(m.POD_IP, '10.244.1.5');
  assert.equal(m.NODE, 'kind-worker');
  assert.equal(m.MODE, 'blue');
  assert.equal(m.PASSWORD, 's3cret');
  assert.equal(m.KUBERNETES_SERVICE_PORT, '8443', 'a container variable wins over the service variable');
  assert.equal(keys.filter((k) => k === 'KUBERNETES_SERVICE_PORT').length, 1);
  assert.equal(m.HOME, '/root');
  assert.equal(m.TERM, undefined);
  // the kubelet's order is random but fixed for the container
  assert.deepEqual(containerEnv(h, p, 'web', h.podEnv(p)), env);
});

test('expandEnv follows Kubernetes $(VAR) rules', () => {
  const look = (n: string) => ({ A: 'x', B: 'y' } as Record<string, string>)[n];
  assert.equal(expandEnv('$(A)-$(B)-$(C)-$$(A)-$A-$(', look), 'x-y-$(C)-$(A)-$A-$(');
});

test('kubectl exec printenv: variables of services that existed when the pod started, exit 1 for a missing one', async () => {
  const h = fakeHost();
  const before = pod('my-nginx-abc-11111', 'nginx', '10.244.1.5', 'kind-worker', { run: 'my-nginx' });
  h.add(before);
  h.start(before);
  h.add(svc('my-nginx', 'default', { clusterIP: '10.96.162.149', ports: [{ port: 80, targetPort: 80 }] }));
  const after = pod('my-nginx-abc-22222', 'nginx', '10.244.2.5', 'kind-worker2', { run: 'my-nginx' });
  h.add(after);
  h.start(after);
  const grepService = async (p: any) => (await runExec(h, p, undefined, ['sh', '-c', 'printenv | grep SERVICE | sort'], { tty: false, interactive: false })).stdout;
  assert.equal(await grepService(before), 'KUBERNETES_SERVICE_HOST=10.96.0.1\nKUBERNETES_SERVICE_PORT=443\nKUBERNETES_SERVICE_PORT_HTTPS=443\n');
  assert.equal(await grepService(after), 'KUBERNETES_SERVICE_HOST=10.96.0.1\nKUBERNETES_SERVICE_PORT=443\nKUBERNETES_SERVICE_PORT_HTTPS=443\nMY_NGINX_SERVICE_HOST=10.96.162.149\nMY_NGINX_SERVICE_PORT=80\n');
  let r = await runExec(h, after, undefined, ['printenv', 'MY_NGINX_SERVICE_HOST'], { tty: false, interactive: false });
  assert.deepEqual([r.stdout, r.exitCode], ['10.96.162.149\n', 0]);
  r = await runExec(h, after, undefined, ['printenv', 'NGINX_SERVICE_SERVICE_HOST'], { tty: false, interactive: false });
  assert.deepEqual([r.stdout, r.stderr, r.exitCode], ['', '', 1]);
  r = await runExec(h, after, undefined, ['printenv', 'TERM'], { tty: true, interactive: true, stdin: '' });
  assert.equal(r.stdout, 'xterm\r\n', 'exec -t adds TERM=xterm; the pty turns \\n into \\r\\n');
});
