// The seed 004 Python snippet (the official `kubernetes` client from PyPI) against kubesim serve:
// the LoadBalancer service it creates appears in `kubectl get svc`. Skips where python3 or the
// kubernetes package is missing (PyPI's, or Debian's python3-kubernetes for /usr/bin/python3).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import { serve } from './helpers/serve';

const SNIPPET = `
from kubernetes import client, config
service = client.V1Service()
service.api_version = "v1"
service.kind = "Service"
metadata = client.V1ObjectMeta(name="alpine-service")
service.metadata = metadata
service.type="LoadBalancer"
spec = client.V1ServiceSpec()
selector = {"app": "alpine"}
spec.selector = selector
spec.type="LoadBalancer"
port = client.V1ServicePort(
              port = 8080,
              protocol = "TCP",
              target_port = 80 )
spec.ports = [port]
service.spec = spec
config.load_kube_config()
api = client.CoreV1Api()
api.create_namespaced_service(
         namespace="default",
         body=service)
`;

test('seed 004: create_namespaced_service with the Python client', async (t) => {
  // pip's package, or Debian's python3-kubernetes for the system python
  const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import kubernetes'], { encoding: 'utf8' }).status === 0);
  if (!python) return t.skip('python3 with the kubernetes package (pip install kubernetes, or Debian\'s python3-kubernetes) is not available');
  const s = await serve();
  try {
    const r = spawnSync(python, ['-c', SNIPPET], { env: { ...s.env, KUBECONFIG: s.kubeconfig }, encoding: 'utf8', timeout: 60000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(s.k('get', 'svc', 'alpine-service').stdout, /^alpine-service\s+LoadBalancer\s+10\.\d+\.\d+\.\d+\s+\S+\s+8080:3\d{4}\/TCP/m);
  } finally {
    await s.stop();
    s.cleanup();
  }
});

const CLIENT = `
from kubernetes import client, config, watch
from kubernetes.stream import stream
config.load_kube_config()
v1 = client.CoreV1Api()
print(sorted(p.metadata.name.split("-")[0] for p in v1.list_namespaced_pod("kube-system", label_selector="k8s-app=kube-dns").items))
w = watch.Watch()
for ev in w.stream(v1.list_namespaced_pod, "default", timeout_seconds=1):
    print(ev["type"], ev["object"].metadata.name)
print(stream(v1.connect_get_namespaced_pod_exec, "bb", "default", command=["sh", "-c", "hostname; echo $((6*7))"], stderr=True, stdin=False, stdout=True, tty=False), end="")
print(v1.read_namespaced_pod_log("bb", "default"), end="")
apps = client.AppsV1Api()
apps.patch_namespaced_deployment_scale("web", "default", {"spec": {"replicas": 3}})
print(apps.read_namespaced_deployment("web", "default").spec.replicas)
try:
    v1.read_namespaced_pod("nope", "default")
except client.exceptions.ApiException as e:
    print(e.status, e.reason)
`;

test('the Python client: list with a selector, watch (watch=True), exec, logs, scale, a 404', async (t) => {
  const python = ['python3', '/usr/bin/python3'].find((p) => spawnSync(p, ['-c', 'import kubernetes'], { encoding: 'utf8' }).status === 0);
  if (!python) return t.skip('python3 with the kubernetes package (pip install kubernetes, or Debian\'s python3-kubernetes) is not available');
  const s = await serve();
  try {
    assert.equal(s.k('run', 'bb', '--image=busybox', '--', 'sh', '-c', 'echo hello; sleep 3600').code, 0);
    assert.equal(s.k('create', 'deployment', 'web', '--image=nginx').code, 0);
    assert.equal(s.k('wait', '--for=condition=Ready', 'pod/bb').code, 0);
    const r = spawnSync(python, ['-c', CLIENT], { env: { ...s.env, KUBECONFIG: s.kubeconfig }, encoding: 'utf8', timeout: 60000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /^\['coredns', 'coredns'\]\nADDED bb\nADDED web-\S+\nbb\n42\nhello\n3\n404 Not Found\n$/);
  } finally {
    await s.stop();
    s.cleanup();
  }
});
