// The field specs kustomize's builtin transformers use (sigs.k8s.io/kustomize/api, konfig's
// builtinpluginconsts, as built into kubectl 1.32): where labels, annotations, images and
// replicas go per kind, and which fields refer to which kinds by name (nameReference).
// A path's segments are separated by `/`; `\/` is a slash inside a key; `x[]` is a list.

export interface FieldSpec { path: string; kind?: string; group?: string; version?: string; create?: boolean }
export interface NameRef { kind: string; group?: string; version?: string; fieldSpecs: FieldSpec[] }

const fs = (path: string, kind?: string, create = false, group?: string, version?: string): FieldSpec => ({ path, kind, create, group, version });

/** The pod spec's place in each kind that has one. */
const POD_SPEC: [string, string | undefined, string][] = [
  ['Pod', undefined, 'spec'],
  ['PodTemplate', undefined, 'template/spec'],
  ['Deployment', undefined, 'spec/template/spec'],
  ['ReplicaSet', undefined, 'spec/template/spec'],
  ['DaemonSet', undefined, 'spec/template/spec'],
  ['StatefulSet', 'apps', 'spec/template/spec'],
  ['Job', 'batch', 'spec/template/spec'],
  ['CronJob', 'batch', 'spec/jobTemplate/spec/template/spec'],
  ['ReplicationController', undefined, 'spec/template/spec'],
];
const inPods = (...rel: string[]): FieldSpec[] => POD_SPEC.flatMap(([kind, group, pre]) => rel.map((r) => fs(`${pre}/${r}`, kind, false, group)));

const METADATA_LABELS: FieldSpec[] = [
  fs('metadata/labels', undefined, true),
  fs('spec/template/metadata/labels', 'ReplicationController', true, undefined, 'v1'),
  fs('spec/template/metadata/labels', 'Deployment', true),
  fs('spec/template/metadata/labels', 'ReplicaSet', true),
  fs('spec/template/metadata/labels', 'DaemonSet', true),
  fs('spec/template/metadata/labels', 'StatefulSet', true, 'apps'),
  fs('spec/template/metadata/labels', 'Job', true, 'batch'),
  fs('spec/jobTemplate/metadata/labels', 'CronJob', true, 'batch'),
  fs('spec/jobTemplate/spec/template/metadata/labels', 'CronJob', true, 'batch'),
];

const affinity = (kind: string): FieldSpec[] => [
  'spec/template/spec/affinity/podAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/preferredDuringSchedulingIgnoredDuringExecution/podAffinityTerm/labelSelector/matchLabels',
  'spec/template/spec/affinity/podAntiAffinity/requiredDuringSchedulingIgnoredDuringExecution/labelSelector/matchLabels',
  'spec/template/spec/topologySpreadConstraints/labelSelector/matchLabels',
].map((p) => fs(p, kind, false, 'apps'));

/** commonLabels (and labels with includeSelectors): selectors and templates too. */
export const COMMON_LABELS: FieldSpec[] = [
  fs('spec/selector', 'Service', true, undefined, 'v1'),
  fs('spec/selector', 'ReplicationController', true, undefined, 'v1'),
  fs('spec/selector/matchLabels', 'Deployment', true),
  ...affinity('Deployment'),
  fs('spec/selector/matchLabels', 'ReplicaSet', true),
  fs('spec/selector/matchLabels', 'DaemonSet', true),
  fs('spec/selector/matchLabels', 'StatefulSet', true, 'apps'),
  ...affinity('StatefulSet'),
  fs('spec/selector/matchLabels', 'Job', false, 'batch'),
  fs('spec/jobTemplate/spec/selector/matchLabels', 'CronJob', false, 'batch'),
  fs('spec/selector/matchLabels', 'PodDisruptionBudget', false, 'policy'),
  fs('spec/podSelector/matchLabels', 'NetworkPolicy', false, 'networking.k8s.io'),
  fs('spec/ingress/from/podSelector/matchLabels', 'NetworkPolicy', false, 'networking.k8s.io'),
  fs('spec/egress/to/podSelector/matchLabels', 'NetworkPolicy', false, 'networking.k8s.io'),
  ...METADATA_LABELS,
  fs('spec/volumeClaimTemplates[]/metadata/labels', 'StatefulSet', true, 'apps'),
];

/** labels with includeTemplates. */
export const TEMPLATE_LABELS: FieldSpec[] = METADATA_LABELS;

export const COMMON_ANNOTATIONS: FieldSpec[] = [
  fs('metadata/annotations', undefined, true),
  fs('spec/template/metadata/annotations', 'ReplicationController', true, undefined, 'v1'),
  fs('spec/template/metadata/annotations', 'Deployment', true),
  fs('spec/template/metadata/annotations', 'ReplicaSet', true),
  fs('spec/template/metadata/annotations', 'DaemonSet', true),
  fs('spec/template/metadata/annotations', 'StatefulSet', true),
  fs('spec/template/metadata/annotations', 'Job', true, 'batch'),
  fs('spec/jobTemplate/metadata/annotations', 'CronJob', true, 'batch'),
  fs('spec/jobTemplate/spec/template/metadata/annotations', 'CronJob', true, 'batch'),
];

export const IMAGES: FieldSpec[] = [
  fs('spec/containers[]/image'),
  fs('spec/initContainers[]/image'),
  fs('spec/template/spec/containers[]/image'),
  fs('spec/template/spec/initContainers[]/image'),
];

export const REPLICAS: FieldSpec[] = ['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((k) => fs('spec/replicas', k, true));

/** Kinds namePrefix/nameSuffix leave alone. */
export const PREFIX_SKIP = new Set(['CustomResourceDefinition', 'APIService', 'Namespace']);

const RBAC = 'rbac.authorization.k8s.io';
export const NAME_REFERENCES: NameRef[] = [
  ...['Deployment', 'ReplicationController', 'ReplicaSet', 'StatefulSet'].map((kind) => ({ kind, fieldSpecs: [fs('spec/scaleTargetRef/name', 'HorizontalPodAutoscaler')] })),
  {
    kind: 'ConfigMap', version: 'v1', fieldSpecs: [
      ...inPods('volumes/configMap/name', 'containers/env/valueFrom/configMapKeyRef/name', 'initContainers/env/valueFrom/configMapKeyRef/name',
        'containers/envFrom/configMapRef/name', 'initContainers/envFrom/configMapRef/name', 'volumes/projected/sources/configMap/name'),
      fs('metadata/annotations/nginx.ingress.kubernetes.io\\/configuration-snippet', 'Ingress'),
      fs('metadata/annotations/nginx.ingress.kubernetes.io\\/fastcgi-params-configmap', 'Ingress'),
    ],
  },
  {
    kind: 'Secret', version: 'v1', fieldSpecs: [
      ...inPods('volumes/secret/secretName', 'containers/env/valueFrom/secretKeyRef/name', 'initContainers/env/valueFrom/secretKeyRef/name',
        'containers/envFrom/secretRef/name', 'initContainers/envFrom/secretRef/name', 'imagePullSecrets/name', 'volumes/projected/sources/secret/name'),
      fs('spec/tls/secretName', 'Ingress'),
      fs('metadata/annotations/ingress.kubernetes.io\\/auth-secret', 'Ingress'),
      fs('metadata/annotations/nginx.ingress.kubernetes.io\\/auth-secret', 'Ingress'),
      fs('metadata/annotations/nginx.ingress.kubernetes.io\\/auth-tls-secret', 'Ingress'),
      fs('imagePullSecrets/name', 'ServiceAccount'),
      fs('parameters/secretName', 'StorageClass'),
      fs('parameters/adminSecretName', 'StorageClass'),
      fs('parameters/userSecretName', 'StorageClass'),
      fs('parameters/secretRef', 'StorageClass'),
      fs('rules/resourceNames', 'Role'),
      fs('rules/resourceNames', 'ClusterRole'),
      fs('spec/azureFile/secretName', 'PersistentVolume'),
    ],
  },
  {
    kind: 'Service', version: 'v1', fieldSpecs: [
      fs('spec/serviceName', 'StatefulSet', false, 'apps'),
      fs('spec/rules/http/paths/backend/serviceName', 'Ingress'),
      fs('spec/backend/serviceName', 'Ingress'),
      fs('spec/rules/http/paths/backend/service/name', 'Ingress'),
      fs('spec/defaultBackend/service/name', 'Ingress'),
      fs('spec/service/name', 'APIService', false, 'apiregistration.k8s.io'),
      fs('webhooks/clientConfig/service', 'ValidatingWebhookConfiguration', false, 'admissionregistration.k8s.io'),
      fs('webhooks/clientConfig/service', 'MutatingWebhookConfiguration', false, 'admissionregistration.k8s.io'),
    ],
  },
  { kind: 'Role', group: RBAC, fieldSpecs: [fs('roleRef/name', 'RoleBinding', false, RBAC)] },
  { kind: 'ClusterRole', group: RBAC, fieldSpecs: [fs('roleRef/name', 'RoleBinding', false, RBAC), fs('roleRef/name', 'ClusterRoleBinding', false, RBAC)] },
  {
    kind: 'ServiceAccount', version: 'v1', fieldSpecs: [
      fs('subjects', 'RoleBinding', false, RBAC), fs('subjects', 'ClusterRoleBinding', false, RBAC),
      ...inPods('serviceAccountName'),
    ],
  },
  { kind: 'PersistentVolumeClaim', version: 'v1', fieldSpecs: inPods('volumes/persistentVolumeClaim/claimName') },
  { kind: 'PersistentVolume', version: 'v1', fieldSpecs: [fs('spec/volumeName', 'PersistentVolumeClaim'), fs('rules/resourceNames', 'ClusterRole')] },
  {
    kind: 'StorageClass', version: 'v1', group: 'storage.k8s.io', fieldSpecs: [
      fs('spec/storageClassName', 'PersistentVolume'), fs('spec/storageClassName', 'PersistentVolumeClaim'),
      fs('spec/volumeClaimTemplates/spec/storageClassName', 'StatefulSet'),
    ],
  },
  { kind: 'PriorityClass', version: 'v1', group: 'scheduling.k8s.io', fieldSpecs: inPods('priorityClassName') },
  { kind: 'IngressClass', version: 'v1', group: 'networking.k8s.io', fieldSpecs: [fs('spec/ingressClassName', 'Ingress')] },
];

/** Legacy output order: these kinds first (in this order), the webhooks last, the rest between. */
export const ORDER_FIRST = ['Namespace', 'ResourceQuota', 'StorageClass', 'CustomResourceDefinition', 'ServiceAccount', 'PodSecurityPolicy',
  'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'ConfigMap', 'Secret', 'Endpoints', 'Service', 'LimitRange', 'PriorityClass',
  'PersistentVolume', 'PersistentVolumeClaim', 'Deployment', 'StatefulSet', 'CronJob', 'PodDisruptionBudget'];
export const ORDER_LAST = ['MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration'];

/** Kinds kustomize treats as cluster-scoped (the namespace transformer leaves them alone). */
export const CLUSTER_SCOPED = new Set(['APIService', 'CSIDriver', 'CSINode', 'CertificateSigningRequest', 'ClusterRole', 'ClusterRoleBinding',
  'ComponentStatus', 'CustomResourceDefinition', 'FlowSchema', 'IngressClass', 'MutatingWebhookConfiguration', 'Namespace', 'Node',
  'PersistentVolume', 'PodSecurityPolicy', 'PriorityClass', 'PriorityLevelConfiguration', 'RuntimeClass', 'SelfSubjectAccessReview',
  'SelfSubjectRulesReview', 'StorageClass', 'SubjectAccessReview', 'TokenReview', 'ValidatingAdmissionPolicy',
  'ValidatingAdmissionPolicyBinding', 'ValidatingWebhookConfiguration', 'VolumeAttachment']);
