// kubectl autoscale: kubectl 1.32's autoscaling/v1 HPA (test/golden/verbs/autoscale.json,
// recorded by scripts/record-verbs.mjs), stored as autoscaling/v2 with the API server's defaults.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { verbsCluster, runGoldens } from './helpers/verbs-goldens';

const c = verbsCluster();
after(() => c.cleanup());

runGoldens(c, 'autoscale');

test('autoscale creates the HPA: v1 in the answer, v2 with its defaults when read', () => {
  assert.deepEqual([c.k('autoscale', 'deployment', 'web', '--max=3').stdout], ['horizontalpodautoscaler.autoscaling/web autoscaled\n']);
  const y = c.k('autoscale', 'deployment', 'web', '--name=web2', '--min=2', '--max=4', '--cpu-percent=50', '-o', 'yaml').stdout;
  assert.match(y, /^apiVersion: autoscaling\/v1\nkind: HorizontalPodAutoscaler\n/);
  assert.match(y, /\nspec:\n  maxReplicas: 4\n  minReplicas: 2\n  scaleTargetRef:\n    apiVersion: apps\/v1\n    kind: Deployment\n    name: web\n  targetCPUUtilizationPercentage: 50\nstatus:\n  currentReplicas: 0\n  desiredReplicas: 0\n$/);
  assert.equal(c.k('get', 'hpa', 'web', '-o', 'jsonpath={.apiVersion} {.spec.minReplicas} {.spec.metrics[0].resource.target.averageUtilization}').stdout, 'autoscaling/v2 1 80');
  assert.match(c.k('get', 'hpa').stdout, /\nweb\s+Deployment\/web\s+cpu: <unknown>\/80%\s+1\s+3\s+0\s+\d+s\nweb2\s+Deployment\/web\s+cpu: <unknown>\/50%\s+2\s+4\s+0/);
  const again = c.k('autoscale', 'deployment', 'web', '--max=3');
  assert.deepEqual([again.code, again.stderr], [1, 'Error from server (AlreadyExists): horizontalpodautoscalers.autoscaling "web" already exists\n']);
  assert.equal(c.k('autoscale', 'sts/db', '--max=3', '--dry-run=server').stdout, 'horizontalpodautoscaler.autoscaling/db autoscaled (server dry run)\n');
  assert.equal(c.k('get', 'hpa', 'db').code, 1, 'a server dry run stores nothing');
});
