// The seed 004 Python snippet (the official `kubernetes` client from PyPI) against kubesim serve:
// the LoadBalancer service it creates appears in `kubectl get svc`. Skips where python3 or the
// kubernetes package is missing.
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
  const py = spawnSync('python3', ['-c', 'import kubernetes'], { encoding: 'utf8' });
  if (py.error || py.status !== 0) return t.skip('python3 with the kubernetes package (pip install kubernetes) is not available');
  const s = await serve();
  try {
    const r = spawnSync('python3', ['-c', SNIPPET], { env: { ...s.env, KUBECONFIG: s.kubeconfig }, encoding: 'utf8', timeout: 60000 });
    assert.equal(r.status, 0, r.stderr);
    assert.match(s.k('get', 'svc', 'alpine-service').stdout, /^alpine-service\s+LoadBalancer\s+10\.\d+\.\d+\.\d+\s+\S+\s+8080:3\d{4}\/TCP/m);
  } finally {
    await s.stop();
    s.cleanup();
  }
});
