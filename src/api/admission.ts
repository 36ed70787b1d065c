// What a real API server's admission plugins add to a new pod: the service account and its
// token volume (ServiceAccount), default tolerations for not-ready/unreachable nodes
// (DefaultTolerationSeconds), priority (Priority), and enableServiceLinks.
import type { KObject } from './types';
import { randomSuffix } from './names';

const PRIORITY: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

export function admitPod(pod: KObject): void {
  const s = pod.spec;
  if (!s) return;
  const mirror = !!pod.metadata.annotations?.['kubernetes.io/config.source'];
  if (s.enableServiceLinks === undefined) s.enableServiceLinks = true;
  if (!s.preemptionPolicy) s.preemptionPolicy = 'PreemptLowerPriority';
  if (s.priority === undefined) s.priority = PRIORITY[s.priorityClassName] ?? 0;
  const tol: any[] = (s.tolerations = s.tolerations ?? []);
  for (const key of ['node.kubernetes.io/not-ready', 'node.kubernetes.io/unreachable']) {
    if (!tol.some((t) => (t.key === key || (!t.key && t.operator === 'Exists')) && (!t.effect || t.effect === 'NoExecute'))) {
      tol.push({ effect: 'NoExecute', key, operator: 'Exists', tolerationSeconds: 300 });
    }
  }
  if (mirror) return;
  if (!s.serviceAccountName) s.serviceAccountName = s.serviceAccount || 'default';
  s.serviceAccount = s.serviceAccountName;
  if (s.automountServiceAccountToken === false) return;
  const name = `kube-api-access-${randomSuffix()}`;
  s.volumes = [...(s.volumes ?? []), {
    name,
    projected: {
      defaultMode: 420,
      sources: [
        { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
        { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
        { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
      ],
    },
  }];
  for (const c of [...(s.initContainers ?? []), ...(s.containers ?? [])]) {
    c.volumeMounts = [...(c.volumeMounts ?? []), { mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name, readOnly: true }];
  }
}
