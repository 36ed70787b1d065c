// What a real API server's admission plugins add to a new pod: the service account and its
// token volume (ServiceAccount), default tolerations for not-ready/unreachable nodes
// (DefaultTolerationSeconds), priority (Priority), and enableServiceLinks.
import { ApiError, KObject } from './types';
import { randomSuffix } from './names';

/** kind's built-in PriorityClasses (the scheduling API's SystemPriorityClasses), made at bootstrap. */
export const SYSTEM_PRIORITY_CLASSES: KObject[] = [
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-cluster-critical' }, value: 2000000000, globalDefault: false, description: 'Used for system critical pods that must run in the cluster, but can be moved to another node if necessary.', preemptionPolicy: 'PreemptLowerPriority' },
  { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: { name: 'system-node-critical' }, value: 2000001000, globalDefault: false, description: 'Used for system critical pods that must not be moved from their current node.', preemptionPolicy: 'PreemptLowerPriority' },
];

/** `serviceAccount`: looks up the pod's service account (its automountServiceAccountToken
 *  applies when the pod does not say). `priorityClasses`: the cluster's PriorityClasses, for the
 *  Priority plugin (plugin/pkg/admission/priority): a named class must exist and gives the pod
 *  its priority and preemption policy; without a name, the globalDefault class (or 0). */
export function admitPod(pod: KObject, serviceAccount?: (name: string) => KObject | undefined, priorityClasses?: () => KObject[]): void {
  const s = pod.spec;
  if (!s) return;
  const mirror = !!pod.metadata.annotations?.['kubernetes.io/config.source'];
  if (s.enableServiceLinks === undefined) s.enableServiceLinks = true;
  if (priorityClasses) {
    const forbidden = (msg: string) => new ApiError('Forbidden', `pods "${pod.metadata.name}" is forbidden: ${msg}`, 403, { kind: 'pods', name: pod.metadata.name, group: '' });
    let value = 0, policy: string | undefined;
    if (!s.priorityClassName) {
      // getDefaultPriority: the globalDefault class with the lowest value
      const def = priorityClasses().filter((c) => c.globalDefault === true).sort((a, b) => Number(a.value) - Number(b.value))[0];
      if (def) { s.priorityClassName = def.metadata.name; value = Number(def.value); policy = def.preemptionPolicy; }
    } else {
      const pc = priorityClasses().find((c) => c.metadata.name === s.priorityClassName);
      if (!pc) throw forbidden(`no PriorityClass with name ${s.priorityClassName} was found`);
      value = Number(pc.value); policy = pc.preemptionPolicy;
    }
    if (s.priority !== undefined && s.priority !== null && Number(s.priority) !== value) {
      throw forbidden(`the integer value of priority (${s.priority}) must not be provided in pod spec; priority admission controller computed ${value} from the given PriorityClass name`);
    }
    s.priority = value;
    if (policy) {
      if (s.preemptionPolicy && s.preemptionPolicy !== policy) throw forbidden(`the string value of PreemptionPolicy (${s.preemptionPolicy}) must not be provided in pod spec; priority admission controller computed ${policy} from the given PriorityClass name`);
      s.preemptionPolicy = policy;
    }
  }
  if (!s.preemptionPolicy) s.preemptionPolicy = 'PreemptLowerPriority';
  if (s.priority === undefined) s.priority = 0;
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
