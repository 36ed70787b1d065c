// What a real API server's admission plugins add to a new pod: the service account and its
// token volume (ServiceAccount), default tolerations for not-ready/unreachable nodes
// (DefaultTolerationSeconds), priority (Priority), and enableServiceLinks.
import type { KObject } from './types';
import { randomSuffix } from './names';

const PRIORITY: Record<string, number> = { 'system-node-critical': 2000001000, 'system-cluster-critical': 2000000000 };

/** `serviceAccount`: looks up the pod's service account (its automountServiceAccountToken
 *  applies when the pod does not say). */
export function admitPod(pod: KObject, serviceAccount?: (name: string) => KObject | undefined): void {
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
  // plugin/pkg/admission/serviceaccount shouldAutomount: the pod's preference wins, then the
  // service account's, else true.
  if (s.automountServiceAccountToken === false) return;
  if (s.automountServiceAccountToken === undefined && serviceAccount?.(s.serviceAccountName)?.automountServiceAccountToken === false) return;
  // mountServiceAccountToken: an existing kube-api-access-* volume is reused; a container that
  // already mounts something at the token path keeps it.
  const existing = (s.volumes ?? []).find((v: any) => typeof v.name === 'string' && v.name.startsWith('kube-api-access-'));
  const name = existing?.name ?? `kube-api-access-${randomSuffix()}`;
  let needed = false;
  for (const c of [...(s.initContainers ?? []), ...(s.containers ?? [])]) {
    if ((c.volumeMounts ?? []).some((m: any) => m.mountPath === TOKEN_PATH)) continue;
    c.volumeMounts = [...(c.volumeMounts ?? []), { mountPath: TOKEN_PATH, name, readOnly: true }];
    needed = true;
  }
  if (existing || !needed) return;
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
}

const TOKEN_PATH = '/var/run/secrets/kubernetes.io/serviceaccount';

/** DefaultStorageClass admission (plugin/pkg/admission/storage/storageclass/setdefault): a claim
 *  that names no class gets the default one (the newest, when several are marked default). */
export function admitClaim(pvc: KObject, classes: KObject[]): void {
  const s = pvc.spec;
  if (!s || s.storageClassName !== undefined) return;
  const isDefault = (c: KObject) => c.metadata.annotations?.['storageclass.kubernetes.io/is-default-class'] === 'true'
    || c.metadata.annotations?.['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
  const defaults = classes.filter(isDefault).sort((a, b) => (b.metadata.creationTimestamp ?? '').localeCompare(a.metadata.creationTimestamp ?? '') || a.metadata.name.localeCompare(b.metadata.name));
  if (defaults.length) s.storageClassName = defaults[0].metadata.name;
}
