// The typed shape of the built-in kinds, as far as the API server's decoding and strategic merge
// patch need it: each field's Go type (for "cannot unmarshal" and "unknown field" errors) and its
// patch strategy and merge key (the `patchStrategy`/`patchMergeKey` struct tags of k8s.io/api).
// Types not described here are `any`: accepted as they are, merged as plain maps, lists replaced.
//
// Field spec: `TYPE[|merge[:key]][|retainKeys][|replace]`, TYPE one of string, bool, int32, int64,
// float64, intstr, quantity, time, bytes, any, `map:TYPE` (map[string]TYPE), `[]TYPE`, or a type
// name below (its Go name, e.g. `v1.Container`).

export interface FieldMeta { type: string; strategy?: 'merge' | 'replace'; mergeKey?: string; retainKeys?: boolean }
export type TypeDef = Record<string, string>;

const META = 'v1.ObjectMeta';
const objectMeta: TypeDef = {
  name: 'string', generateName: 'string', namespace: 'string', selfLink: 'string', uid: 'string', resourceVersion: 'string',
  generation: 'int64', creationTimestamp: 'time', deletionTimestamp: 'time', deletionGracePeriodSeconds: 'int64',
  labels: 'map:string', annotations: 'map:string', ownerReferences: '[]v1.OwnerReference|merge:uid', finalizers: '[]string|merge',
  managedFields: '[]any',
};

const TYPES: Record<string, TypeDef> = {
  'v1.ObjectMeta': objectMeta,
  'v1.OwnerReference': { apiVersion: 'string', kind: 'string', name: 'string', uid: 'string', controller: 'bool', blockOwnerDeletion: 'bool' },
  'v1.LabelSelector': { matchLabels: 'map:string', matchExpressions: '[]v1.LabelSelectorRequirement' },
  'v1.LabelSelectorRequirement': { key: 'string', operator: 'string', values: '[]string' },

  // ---- core/v1 pods ----
  'v1.PodTemplateSpec': { metadata: META, spec: 'v1.PodSpec' },
  'v1.PodSpec': {
    volumes: '[]v1.Volume|merge:name|retainKeys', initContainers: '[]v1.Container|merge:name', containers: '[]v1.Container|merge:name',
    ephemeralContainers: '[]any|merge:name', restartPolicy: 'string', terminationGracePeriodSeconds: 'int64', activeDeadlineSeconds: 'int64',
    dnsPolicy: 'string', nodeSelector: 'map:string', serviceAccountName: 'string', serviceAccount: 'string',
    automountServiceAccountToken: 'bool', nodeName: 'string', hostNetwork: 'bool', hostPID: 'bool', hostIPC: 'bool',
    shareProcessNamespace: 'bool', securityContext: 'any', imagePullSecrets: '[]v1.LocalObjectReference|merge:name', hostname: 'string',
    subdomain: 'string', affinity: 'any', schedulerName: 'string', tolerations: '[]any', hostAliases: '[]any|merge:ip',
    priorityClassName: 'string', priority: 'int32', dnsConfig: 'any', readinessGates: '[]any', runtimeClassName: 'string',
    enableServiceLinks: 'bool', preemptionPolicy: 'string', overhead: 'map:quantity', topologySpreadConstraints: '[]any|merge:topologyKey',
    setHostnameAsFQDN: 'bool', os: 'any', hostUsers: 'bool', schedulingGates: '[]any|merge:name', resourceClaims: '[]any|merge:name|retainKeys',
    resources: 'v1.ResourceRequirements',
  },
  'v1.LocalObjectReference': { name: 'string' },
  'v1.Container': {
    name: 'string', image: 'string', command: '[]string', args: '[]string', workingDir: 'string',
    ports: '[]v1.ContainerPort|merge:containerPort', envFrom: '[]v1.EnvFromSource', env: '[]v1.EnvVar|merge:name',
    resources: 'v1.ResourceRequirements', resizePolicy: '[]any', restartPolicy: 'string', volumeMounts: '[]v1.VolumeMount|merge:mountPath',
    volumeDevices: '[]any|merge:devicePath', livenessProbe: 'v1.Probe', readinessProbe: 'v1.Probe', startupProbe: 'v1.Probe',
    lifecycle: 'any', terminationMessagePath: 'string', terminationMessagePolicy: 'string', imagePullPolicy: 'string',
    securityContext: 'any', stdin: 'bool', stdinOnce: 'bool', tty: 'bool',
  },
  'v1.ContainerPort': { name: 'string', hostPort: 'int32', containerPort: 'int32', protocol: 'string', hostIP: 'string' },
  'v1.EnvVar': { name: 'string', value: 'string', valueFrom: 'any' },
  'v1.EnvFromSource': { prefix: 'string', configMapRef: 'any', secretRef: 'any' },
  'v1.VolumeMount': { name: 'string', readOnly: 'bool', recursiveReadOnly: 'string', mountPath: 'string', subPath: 'string', mountPropagation: 'string', subPathExpr: 'string' },
  'v1.ResourceRequirements': { limits: 'map:quantity', requests: 'map:quantity', claims: '[]any|merge:name' },
  'v1.Probe': {
    exec: 'any', httpGet: 'v1.HTTPGetAction', tcpSocket: 'v1.TCPSocketAction', grpc: 'any', initialDelaySeconds: 'int32',
    timeoutSeconds: 'int32', periodSeconds: 'int32', successThreshold: 'int32', failureThreshold: 'int32', terminationGracePeriodSeconds: 'int64',
  },
  'v1.HTTPGetAction': { path: 'string', port: 'intstr', host: 'string', scheme: 'string', httpHeaders: '[]any' },
  'v1.TCPSocketAction': { port: 'intstr', host: 'string' },
  'v1.Volume': {
    name: 'string', hostPath: 'any', emptyDir: 'any', gcePersistentDisk: 'any', awsElasticBlockStore: 'any', gitRepo: 'any', secret: 'any',
    nfs: 'any', iscsi: 'any', glusterfs: 'any', persistentVolumeClaim: 'any', rbd: 'any', flexVolume: 'any', cinder: 'any', cephfs: 'any',
    flocker: 'any', downwardAPI: 'any', fc: 'any', azureFile: 'any', configMap: 'any', vsphereVolume: 'any', quobyte: 'any', azureDisk: 'any',
    photonPersistentDisk: 'any', projected: 'any', portworxVolume: 'any', scaleIO: 'any', storageos: 'any', csi: 'any', ephemeral: 'any', image: 'any',
  },
  'v1.Pod': { apiVersion: 'string', kind: 'string', metadata: META, spec: 'v1.PodSpec', status: 'any' },

  // ---- core/v1 services and friends ----
  'v1.Service': { apiVersion: 'string', kind: 'string', metadata: META, spec: 'v1.ServiceSpec', status: 'any' },
  'v1.ServiceSpec': {
    ports: '[]v1.ServicePort|merge:port', selector: 'map:string', clusterIP: 'string', clusterIPs: '[]string', type: 'string',
    externalIPs: '[]string', sessionAffinity: 'string', loadBalancerIP: 'string', loadBalancerSourceRanges: '[]string',
    externalName: 'string', externalTrafficPolicy: 'string', healthCheckNodePort: 'int32', publishNotReadyAddresses: 'bool',
    sessionAffinityConfig: 'any', ipFamilies: '[]string', ipFamilyPolicy: 'string', allocateLoadBalancerNodePorts: 'bool',
    loadBalancerClass: 'string', internalTrafficPolicy: 'string', trafficDistribution: 'string',
  },
  'v1.ServicePort': { name: 'string', protocol: 'string', appProtocol: 'string', port: 'int32', targetPort: 'intstr', nodePort: 'int32' },
  'v1.Endpoints': { apiVersion: 'string', kind: 'string', metadata: META, subsets: '[]any' },
  'v1.ConfigMap': { apiVersion: 'string', kind: 'string', metadata: META, immutable: 'bool', data: 'map:string', binaryData: 'map:bytes' },
  'v1.Secret': { apiVersion: 'string', kind: 'string', metadata: META, immutable: 'bool', data: 'map:bytes', stringData: 'map:string', type: 'string' },
  'v1.Namespace': { apiVersion: 'string', kind: 'string', metadata: META, spec: 'v1.NamespaceSpec', status: 'any' },
  'v1.NamespaceSpec': { finalizers: '[]string' },
  'v1.ServiceAccount': { apiVersion: 'string', kind: 'string', metadata: META, secrets: '[]any|merge:name', imagePullSecrets: '[]v1.LocalObjectReference', automountServiceAccountToken: 'bool' },
  'v1.PersistentVolumeClaim': { apiVersion: 'string', kind: 'string', metadata: META, spec: 'any', status: 'any' },

  // ---- apps/v1 ----
  'v1.Deployment': { apiVersion: 'string', kind: 'string', metadata: META, spec: 'v1.DeploymentSpec', status: 'any' },
  'v1.DeploymentSpec': {
    replicas: 'int32', selector: 'v1.LabelSelector', template: 'v1.PodTemplateSpec', strategy: 'v1.DeploymentStrategy|retainKeys',
    minReadySeconds: 'int32', revisionHistoryLimit: 'int32', paused: 'bool', progressDeadlineSeconds: 'int32',
  },
  'v1.DeploymentStrategy': { type: 'string', rollingUpdate: 'v1.RollingUpdateDeployment' },
  'v1.RollingUpdateDeployment': { maxUnavailable: 'intstr', maxSurge: 'intstr' },
  'v1.ReplicaSet': { apiVersion: 'string', kind: 'string', metadata: META, spec: 'v1.ReplicaSetSpec', status: 'any' },
  'v1.ReplicaSetSpec': { replicas: 'int32', minReadySeconds: 'int32', selector: 'v1.LabelSelector', template: 'v1.PodTemplateSpec' },
  'v1.StatefulSet': { apiVersion: 'string', kind: 'string', metadata: META, spec: 'v1.StatefulSetSpec', status: 'any' },
  'v1.StatefulSetSpec': {
    replicas: 'int32', selector: 'v1.LabelSelector', template: 'v1.PodTemplateSpec', volumeClaimTemplates: '[]any', serviceName: 'string',
    podManagementPolicy: 'string', updateStrategy: 'any', revisionHistoryLimit: 'int32', minReadySeconds: 'int32',
    persistentVolumeClaimRetentionPolicy: 'any', ordinals: 'any',
  },
  'v1.DaemonSet': { apiVersion: 'string', kind: 'string', metadata: META, spec: 'v1.DaemonSetSpec', status: 'any' },
  'v1.DaemonSetSpec': { selector: 'v1.LabelSelector', template: 'v1.PodTemplateSpec', updateStrategy: 'any', minReadySeconds: 'int32', revisionHistoryLimit: 'int32' },

  // ---- batch/v1 ----
  'v1.Job': { apiVersion: 'string', kind: 'string', metadata: META, spec: 'v1.JobSpec', status: 'any' },
  'v1.JobSpec': {
    parallelism: 'int32', completions: 'int32', activeDeadlineSeconds: 'int64', podFailurePolicy: 'any', successPolicy: 'any',
    backoffLimit: 'int32', backoffLimitPerIndex: 'int32', maxFailedIndexes: 'int32', selector: 'v1.LabelSelector', manualSelector: 'bool',
    template: 'v1.PodTemplateSpec', ttlSecondsAfterFinished: 'int32', completionMode: 'string', suspend: 'bool',
    podReplacementPolicy: 'string', managedBy: 'string',
  },
  'v1.CronJob': { apiVersion: 'string', kind: 'string', metadata: META, spec: 'v1.CronJobSpec', status: 'any' },
  'v1.CronJobSpec': {
    schedule: 'string', timeZone: 'string', startingDeadlineSeconds: 'int64', concurrencyPolicy: 'string', suspend: 'bool',
    jobTemplate: 'v1.JobTemplateSpec', successfulJobsHistoryLimit: 'int32', failedJobsHistoryLimit: 'int32',
  },
  'v1.JobTemplateSpec': { metadata: META, spec: 'v1.JobSpec' },

  // ---- networking.k8s.io/v1 ----
  'v1.NetworkPolicy': { apiVersion: 'string', kind: 'string', metadata: META, spec: 'v1.NetworkPolicySpec' },
  'v1.NetworkPolicySpec': { podSelector: 'v1.LabelSelector', ingress: '[]any', egress: '[]any', policyTypes: '[]string' },
  'v1.Ingress': { apiVersion: 'string', kind: 'string', metadata: META, spec: 'any', status: 'any' },

  // ---- the kinds of src/api/kinds-more: top levels and specs (deeper parts accepted as they are) ----
  'v1.CertificateSigningRequest': { apiVersion: 'string', kind: 'string', metadata: META, spec: 'v1.CertificateSigningRequestSpec', status: 'any' },
  'v1.CertificateSigningRequestSpec': { request: 'bytes', signerName: 'string', expirationSeconds: 'int32', usages: '[]string', username: 'string', uid: 'string', groups: '[]string', extra: 'map:[]string' },
  'v1.RuntimeClass': { apiVersion: 'string', kind: 'string', metadata: META, handler: 'string', overhead: 'any', scheduling: 'any' },
  'v1.ValidatingWebhookConfiguration': { apiVersion: 'string', kind: 'string', metadata: META, webhooks: '[]v1.ValidatingWebhook|merge:name' },
  'v1.ValidatingWebhook': {
    name: 'string', clientConfig: 'any', rules: '[]any', failurePolicy: 'string', matchPolicy: 'string', namespaceSelector: 'v1.LabelSelector', objectSelector: 'v1.LabelSelector',
    sideEffects: 'string', timeoutSeconds: 'int32', admissionReviewVersions: '[]string', matchConditions: '[]any|merge:name',
  },
  'v1.MutatingWebhookConfiguration': { apiVersion: 'string', kind: 'string', metadata: META, webhooks: '[]v1.MutatingWebhook|merge:name' },
  'v1.MutatingWebhook': {
    name: 'string', clientConfig: 'any', rules: '[]any', failurePolicy: 'string', matchPolicy: 'string', namespaceSelector: 'v1.LabelSelector', objectSelector: 'v1.LabelSelector',
    sideEffects: 'string', timeoutSeconds: 'int32', admissionReviewVersions: '[]string', reinvocationPolicy: 'string', matchConditions: '[]any|merge:name',
  },
  'v1.ValidatingAdmissionPolicy': { apiVersion: 'string', kind: 'string', metadata: META, spec: 'v1.ValidatingAdmissionPolicySpec', status: 'any' },
  'v1.ValidatingAdmissionPolicySpec': { paramKind: 'any', matchConstraints: 'any', validations: '[]any', failurePolicy: 'string', auditAnnotations: '[]any', matchConditions: '[]any|merge:name', variables: '[]any' },
  'v1.ValidatingAdmissionPolicyBinding': { apiVersion: 'string', kind: 'string', metadata: META, spec: 'v1.ValidatingAdmissionPolicyBindingSpec' },
  'v1.ValidatingAdmissionPolicyBindingSpec': { policyName: 'string', paramRef: 'any', matchResources: 'any', validationActions: '[]string' },
  'v1.FlowSchema': { apiVersion: 'string', kind: 'string', metadata: META, spec: 'v1.FlowSchemaSpec', status: 'any' },
  'v1.FlowSchemaSpec': { priorityLevelConfiguration: 'any', matchingPrecedence: 'int32', distinguisherMethod: 'any', rules: '[]any' },
  'v1.PriorityLevelConfiguration': { apiVersion: 'string', kind: 'string', metadata: META, spec: 'v1.PriorityLevelConfigurationSpec', status: 'any' },
  'v1.PriorityLevelConfigurationSpec': { type: 'string', limited: 'any', exempt: 'any' },
  'v1.APIService': { apiVersion: 'string', kind: 'string', metadata: META, spec: 'v1.APIServiceSpec', status: 'any' },
  'v1.APIServiceSpec': { service: 'any', group: 'string', version: 'string', insecureSkipTLSVerify: 'bool', caBundle: 'bytes', groupPriorityMinimum: 'int32', versionPriority: 'int32' },
  'v1.CSIDriver': { apiVersion: 'string', kind: 'string', metadata: META, spec: 'v1.CSIDriverSpec' },
  'v1.CSIDriverSpec': {
    attachRequired: 'bool', podInfoOnMount: 'bool', volumeLifecycleModes: '[]string', storageCapacity: 'bool', fsGroupPolicy: 'string', tokenRequests: '[]any',
    requiresRepublish: 'bool', seLinuxMount: 'bool',
  },
  'v1.CSINode': { apiVersion: 'string', kind: 'string', metadata: META, spec: 'v1.CSINodeSpec' },
  'v1.CSINodeSpec': { drivers: '[]any|merge:name' },
  'v1.VolumeAttachment': { apiVersion: 'string', kind: 'string', metadata: META, spec: 'v1.VolumeAttachmentSpec', status: 'any' },
  'v1.VolumeAttachmentSpec': { attacher: 'string', source: 'any', nodeName: 'string' },
  'v1.CSIStorageCapacity': { apiVersion: 'string', kind: 'string', metadata: META, nodeTopology: 'v1.LabelSelector', storageClassName: 'string', capacity: 'quantity', maximumVolumeSize: 'quantity' },
};

/** Schema root type of a kind (by its Kind name), if described. */
const ROOTS: Record<string, string> = {
  Pod: 'v1.Pod', Service: 'v1.Service', Endpoints: 'v1.Endpoints', ConfigMap: 'v1.ConfigMap', Secret: 'v1.Secret',
  Namespace: 'v1.Namespace', ServiceAccount: 'v1.ServiceAccount', PersistentVolumeClaim: 'v1.PersistentVolumeClaim',
  Deployment: 'v1.Deployment', ReplicaSet: 'v1.ReplicaSet', StatefulSet: 'v1.StatefulSet', DaemonSet: 'v1.DaemonSet',
  Job: 'v1.Job', CronJob: 'v1.CronJob', NetworkPolicy: 'v1.NetworkPolicy', Ingress: 'v1.Ingress',
  ...Object.fromEntries(['CertificateSigningRequest', 'RuntimeClass', 'ValidatingWebhookConfiguration', 'MutatingWebhookConfiguration', 'ValidatingAdmissionPolicy',
    'ValidatingAdmissionPolicyBinding', 'FlowSchema', 'PriorityLevelConfiguration', 'APIService', 'CSIDriver', 'CSINode', 'VolumeAttachment', 'CSIStorageCapacity'].map((k) => [k, `v1.${k}`])),
};

export function rootType(kind: string): string { return ROOTS[kind] ?? 'any'; }

export function typeDef(name: string): TypeDef | undefined { return TYPES[name]; }

export function parseField(spec: string): FieldMeta {
  const parts = spec.split('|');
  const m: FieldMeta = { type: parts[0] };
  for (const p of parts.slice(1)) {
    if (p.startsWith('merge')) { m.strategy = 'merge'; const k = p.split(':')[1]; if (k) m.mergeKey = k; }
    else if (p === 'retainKeys') m.retainKeys = true;
    else if (p === 'replace') m.strategy = 'replace';
  }
  return m;
}

/** The meta of field `key` of type `typeName` (undefined: not a known field of a known type). */
export function fieldOf(typeName: string, key: string): FieldMeta | undefined {
  const t = TYPES[typeName];
  if (!t) return undefined;
  const spec = t[key];
  return spec === undefined ? undefined : parseField(spec);
}

/** `[]T` -> T, `map:T` -> T. */
export const elemType = (t: string) => (t.startsWith('[]') ? t.slice(2) : t.startsWith('map:') ? t.slice(4) : 'any');

/** Go's spelling of a schema type, as in `of type []v1.Container`. */
export function goTypeName(t: string): string {
  if (t.startsWith('[]')) return '[]' + goTypeName(t.slice(2));
  if (t.startsWith('map:')) return 'map[string]' + goTypeName(t.slice(4));
  switch (t) {
    case 'intstr': return 'intstr.IntOrString';
    case 'quantity': return 'resource.Quantity';
    case 'time': return 'v1.Time';
    case 'bytes': return '[]uint8';
    case 'any': return 'interface {}';
  }
  return t;
}
