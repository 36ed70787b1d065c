// Go struct field order for the typed objects kubectl builds or decodes itself (create
// deployment|service|namespace|secret|configmap|job|cronjob|..., run, expose, and the typed
// response of a real create). kubectl prints those with encoding/json on the Go struct, so:
//   - keys come in struct field order (not sorted);
//   - Go maps (labels, annotations, data, selector, limits, ...) come sorted by byte order;
//   - fields without `omitempty`, and struct-valued fields (omitempty never omits a struct), are
//     always written, with their zero value: `creationTimestamp: null`, `resources: {}`,
//     `status: {}`, `containers: null`, `targetPort: 0`, `lastProbeTime: null`, ...
//
// toTypedOrder(obj) returns a copy of obj arranged that way, for toJson(x, { sortKeys: false }).
// Orders and zero values are k8s.io/api v0.32, checked against kubectl 1.32 (the goldens under
// test/golden/jsonyaml/typed-*.json record kubectl's own output for nearly complete objects).
// A Go map whose keys look like integers ("10", "9") cannot keep byte order in a JS object, so
// it is returned as a JS Map, which toJson and toYaml both print in order.
//
// Field spec syntax: `name[:Type|:[]Type|:map][=zero]`. A field with `=zero` is always written
// (`={}` fills the struct's own always-written fields). Fields not in a table keep their
// place after the known ones.

import { compareBytes } from './json';

const S: Record<string, string> = {
  // meta/v1
  ObjectMeta: 'name generateName namespace selfLink uid resourceVersion generation creationTimestamp=null deletionTimestamp deletionGracePeriodSeconds labels:map annotations:map ownerReferences:[]OwnerReference finalizers managedFields:[]ManagedFieldsEntry',
  OwnerReference: 'apiVersion="" kind="" name="" uid="" controller blockOwnerDeletion',
  ManagedFieldsEntry: 'manager operation apiVersion time fieldsType fieldsV1 subresource',
  LabelSelector: 'matchLabels:map matchExpressions:[]LabelSelectorRequirement',
  LabelSelectorRequirement: 'key="" operator="" values',
  Condition: 'type="" status="" observedGeneration lastTransitionTime=null reason="" message=""',

  // core/v1 Pod
  Pod: 'kind apiVersion metadata:ObjectMeta={} spec:PodSpec={} status:PodStatus={}',
  PodTemplateSpec: 'metadata:ObjectMeta={} spec:PodSpec={}',
  PodSpec: 'volumes:[]Volume initContainers:[]Container containers:[]Container=null ephemeralContainers:[]EphemeralContainer restartPolicy terminationGracePeriodSeconds activeDeadlineSeconds dnsPolicy nodeSelector:map serviceAccountName serviceAccount automountServiceAccountToken nodeName hostNetwork hostPID hostIPC shareProcessNamespace securityContext:PodSecurityContext imagePullSecrets:[]LocalObjectReference hostname subdomain affinity:Affinity schedulerName tolerations:[]Toleration hostAliases:[]HostAlias priorityClassName priority dnsConfig:PodDNSConfig readinessGates:[]PodReadinessGate runtimeClassName enableServiceLinks preemptionPolicy overhead:map topologySpreadConstraints:[]TopologySpreadConstraint setHostnameAsFQDN os:PodOS hostUsers schedulingGates:[]PodSchedulingGate resourceClaims:[]PodResourceClaim resources:ResourceRequirements',
  Container: 'name="" image command args workingDir ports:[]ContainerPort envFrom:[]EnvFromSource env:[]EnvVar resources:ResourceRequirements={} resizePolicy:[]ContainerResizePolicy restartPolicy volumeMounts:[]VolumeMount volumeDevices:[]VolumeDevice livenessProbe:Probe readinessProbe:Probe startupProbe:Probe lifecycle:Lifecycle terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext:SecurityContext stdin stdinOnce tty',
  EphemeralContainer: 'name="" image command args workingDir ports:[]ContainerPort envFrom:[]EnvFromSource env:[]EnvVar resources:ResourceRequirements={} resizePolicy:[]ContainerResizePolicy restartPolicy volumeMounts:[]VolumeMount volumeDevices:[]VolumeDevice livenessProbe:Probe readinessProbe:Probe startupProbe:Probe lifecycle:Lifecycle terminationMessagePath terminationMessagePolicy imagePullPolicy securityContext:SecurityContext stdin stdinOnce tty targetContainerName',
  ContainerPort: 'name hostPort containerPort=0 protocol hostIP',
  EnvFromSource: 'prefix configMapRef:OptionalRef secretRef:OptionalRef',
  OptionalRef: 'name optional',
  EnvVar: 'name="" value valueFrom:EnvVarSource',
  EnvVarSource: 'fieldRef:ObjectFieldSelector resourceFieldRef:ResourceFieldSelector configMapKeyRef:KeySelector secretKeyRef:KeySelector',
  ObjectFieldSelector: 'apiVersion fieldPath=""',
  ResourceFieldSelector: 'containerName resource="" divisor="0"',
  KeySelector: 'name key="" optional',
  ResourceRequirements: 'limits:map requests:map claims:[]ResourceClaim',
  ResourceClaim: 'name="" request',
  ContainerResizePolicy: 'resourceName="" restartPolicy=""',
  VolumeMount: 'name="" readOnly recursiveReadOnly mountPath="" subPath mountPropagation subPathExpr',
  VolumeDevice: 'name="" devicePath=""',
  Probe: 'exec:ExecAction httpGet:HTTPGetAction tcpSocket:TCPSocketAction grpc:GRPCAction initialDelaySeconds timeoutSeconds periodSeconds successThreshold failureThreshold terminationGracePeriodSeconds',
  ExecAction: 'command',
  HTTPGetAction: 'path port=0 host scheme httpHeaders:[]HTTPHeader',
  HTTPHeader: 'name="" value=""',
  TCPSocketAction: 'port=0 host',
  GRPCAction: 'port=0 service=null',
  Lifecycle: 'postStart:LifecycleHandler preStop:LifecycleHandler',
  LifecycleHandler: 'exec:ExecAction httpGet:HTTPGetAction tcpSocket:TCPSocketAction sleep:SleepAction',
  SleepAction: 'seconds=0',
  SecurityContext: 'capabilities:Capabilities privileged seLinuxOptions:SELinuxOptions windowsOptions:WindowsSecurityContextOptions runAsUser runAsGroup runAsNonRoot readOnlyRootFilesystem allowPrivilegeEscalation procMount seccompProfile:SeccompProfile appArmorProfile:SeccompProfile',
  Capabilities: 'add drop',
  SELinuxOptions: 'user role type level',
  WindowsSecurityContextOptions: 'gmsaCredentialSpecName gmsaCredentialSpec runAsUserName hostProcess',
  SeccompProfile: 'type="" localhostProfile',
  PodSecurityContext: 'seLinuxOptions:SELinuxOptions windowsOptions:WindowsSecurityContextOptions runAsUser runAsGroup runAsNonRoot supplementalGroups supplementalGroupsPolicy fsGroup sysctls:[]Sysctl fsGroupChangePolicy seccompProfile:SeccompProfile appArmorProfile:SeccompProfile seLinuxChangePolicy',
  Sysctl: 'name="" value=""',
  LocalObjectReference: 'name',
  Affinity: 'nodeAffinity:NodeAffinity podAffinity:PodAffinity podAntiAffinity:PodAffinity',
  NodeAffinity: 'requiredDuringSchedulingIgnoredDuringExecution:NodeSelector preferredDuringSchedulingIgnoredDuringExecution:[]PreferredSchedulingTerm',
  NodeSelector: 'nodeSelectorTerms:[]NodeSelectorTerm=null',
  NodeSelectorTerm: 'matchExpressions:[]LabelSelectorRequirement matchFields:[]LabelSelectorRequirement',
  PreferredSchedulingTerm: 'weight=0 preference:NodeSelectorTerm={}',
  PodAffinity: 'requiredDuringSchedulingIgnoredDuringExecution:[]PodAffinityTerm preferredDuringSchedulingIgnoredDuringExecution:[]WeightedPodAffinityTerm',
  PodAffinityTerm: 'labelSelector:LabelSelector namespaces topologyKey="" namespaceSelector:LabelSelector matchLabelKeys mismatchLabelKeys',
  WeightedPodAffinityTerm: 'weight=0 podAffinityTerm:PodAffinityTerm={}',
  Toleration: 'key operator value effect tolerationSeconds',
  HostAlias: 'ip hostnames',
  PodDNSConfig: 'nameservers searches options:[]PodDNSConfigOption',
  PodDNSConfigOption: 'name value',
  PodReadinessGate: 'conditionType=""',
  TopologySpreadConstraint: 'maxSkew=0 topologyKey="" whenUnsatisfiable="" labelSelector:LabelSelector minDomains nodeAffinityPolicy nodeTaintsPolicy matchLabelKeys',
  PodOS: 'name=""',
  PodSchedulingGate: 'name=""',
  PodResourceClaim: 'name="" resourceClaimName resourceClaimTemplateName',
  Volume: 'name="" hostPath:HostPathVolumeSource emptyDir:EmptyDirVolumeSource gcePersistentDisk awsElasticBlockStore gitRepo secret:SecretVolumeSource nfs:NFSVolumeSource iscsi glusterfs persistentVolumeClaim:PVCVolumeSource rbd flexVolume cinder cephfs flocker downwardAPI:DownwardAPIVolumeSource fc azureFile configMap:ConfigMapVolumeSource vsphereVolume quobyte azureDisk photonPersistentDisk projected:ProjectedVolumeSource portworxVolume scaleIO storageos csi:CSIVolumeSource ephemeral:EphemeralVolumeSource image:ImageVolumeSource',
  HostPathVolumeSource: 'path="" type',
  EmptyDirVolumeSource: 'medium sizeLimit',
  SecretVolumeSource: 'secretName items:[]KeyToPath defaultMode optional',
  KeyToPath: 'key="" path="" mode',
  NFSVolumeSource: 'server="" path="" readOnly',
  PVCVolumeSource: 'claimName="" readOnly',
  DownwardAPIVolumeSource: 'items:[]DownwardAPIVolumeFile defaultMode',
  DownwardAPIVolumeFile: 'path="" fieldRef:ObjectFieldSelector resourceFieldRef:ResourceFieldSelector mode',
  ConfigMapVolumeSource: 'name items:[]KeyToPath defaultMode optional',
  ProjectedVolumeSource: 'sources:[]VolumeProjection=null defaultMode',
  VolumeProjection: 'secret:SecretProjection downwardAPI:DownwardAPIProjection configMap:SecretProjection serviceAccountToken:ServiceAccountTokenProjection clusterTrustBundle:ClusterTrustBundleProjection',
  SecretProjection: 'name items:[]KeyToPath optional',
  DownwardAPIProjection: 'items:[]DownwardAPIVolumeFile',
  ServiceAccountTokenProjection: 'audience expirationSeconds path=""',
  ClusterTrustBundleProjection: 'name signerName labelSelector:LabelSelector optional path=""',
  CSIVolumeSource: 'driver="" readOnly fsType volumeAttributes:map nodePublishSecretRef:LocalObjectReference',
  EphemeralVolumeSource: 'volumeClaimTemplate:PersistentVolumeClaimTemplate',
  PersistentVolumeClaimTemplate: 'metadata:ObjectMeta={} spec:PVCSpec={}',
  PVCSpec: 'accessModes selector:LabelSelector resources:VolumeResourceRequirements={} volumeName storageClassName volumeMode dataSource:TypedLocalObjectReference dataSourceRef:TypedObjectReference volumeAttributesClassName',
  VolumeResourceRequirements: 'limits:map requests:map',
  TypedLocalObjectReference: 'apiGroup=null kind="" name=""',
  TypedObjectReference: 'apiGroup=null kind="" name="" namespace',
  ImageVolumeSource: 'reference pullPolicy',
  PodStatus: 'phase conditions:[]PodCondition message reason nominatedNodeName hostIP hostIPs:[]HostIP podIP podIPs:[]HostIP startTime initContainerStatuses:[]ContainerStatus containerStatuses:[]ContainerStatus qosClass ephemeralContainerStatuses:[]ContainerStatus resize resourceClaimStatuses:[]PodResourceClaimStatus',
  PodCondition: 'type="" status="" lastProbeTime=null lastTransitionTime=null reason message',
  HostIP: 'ip=""',
  ContainerStatus: 'name="" state:ContainerState={} lastState:ContainerState={} ready=false restartCount=0 image="" imageID="" containerID started allocatedResources:map resources:ResourceRequirements volumeMounts:[]VolumeMountStatus user:ContainerUser allocatedResourcesStatus:[]ResourceStatus',
  ContainerState: 'waiting:ContainerStateWaiting running:ContainerStateRunning terminated:ContainerStateTerminated',
  ContainerStateWaiting: 'reason message',
  ContainerStateRunning: 'startedAt=null',
  ContainerStateTerminated: 'exitCode=0 signal reason message startedAt=null finishedAt=null containerID',
  VolumeMountStatus: 'name="" mountPath="" readOnly recursiveReadOnly',
  ContainerUser: 'linux:LinuxContainerUser',
  LinuxContainerUser: 'uid=0 gid=0 supplementalGroups',
  ResourceStatus: 'name="" resources:[]ResourceHealth',
  ResourceHealth: 'resourceID="" health',
  PodResourceClaimStatus: 'name="" resourceClaimName',

  // apps/v1
  Deployment: 'kind apiVersion metadata:ObjectMeta={} spec:DeploymentSpec={} status:DeploymentStatus={}',
  DeploymentSpec: 'replicas selector:LabelSelector=null template:PodTemplateSpec={} strategy:DeploymentStrategy={} minReadySeconds revisionHistoryLimit paused progressDeadlineSeconds',
  DeploymentStrategy: 'type rollingUpdate:RollingUpdate',
  RollingUpdate: 'maxUnavailable maxSurge',
  DeploymentStatus: 'observedGeneration replicas updatedReplicas readyReplicas availableReplicas unavailableReplicas conditions:[]DeploymentCondition collisionCount',
  DeploymentCondition: 'type="" status="" lastUpdateTime=null lastTransitionTime=null reason message',
  ReplicaSet: 'kind apiVersion metadata:ObjectMeta={} spec:ReplicaSetSpec={} status:ReplicaSetStatus={}',
  ReplicaSetSpec: 'replicas minReadySeconds selector:LabelSelector=null template:PodTemplateSpec={}',
  ReplicaSetStatus: 'replicas=0 fullyLabeledReplicas readyReplicas availableReplicas observedGeneration conditions:[]AppsCondition',
  AppsCondition: 'type="" status="" lastTransitionTime=null reason message',
  StatefulSet: 'kind apiVersion metadata:ObjectMeta={} spec:StatefulSetSpec={} status:StatefulSetStatus={}',
  StatefulSetSpec: 'replicas selector:LabelSelector=null template:PodTemplateSpec={} volumeClaimTemplates:[]PersistentVolumeClaim serviceName="" podManagementPolicy updateStrategy:StatefulSetUpdateStrategy={} revisionHistoryLimit minReadySeconds persistentVolumeClaimRetentionPolicy:PVCRetentionPolicy ordinals:StatefulSetOrdinals',
  StatefulSetUpdateStrategy: 'type rollingUpdate:RollingUpdateStatefulSet',
  RollingUpdateStatefulSet: 'partition maxUnavailable',
  PVCRetentionPolicy: 'whenDeleted whenScaled',
  StatefulSetOrdinals: 'start=0',
  StatefulSetStatus: 'observedGeneration replicas=0 readyReplicas currentReplicas updatedReplicas currentRevision updateRevision collisionCount conditions:[]AppsCondition availableReplicas=0',
  DaemonSet: 'kind apiVersion metadata:ObjectMeta={} spec:DaemonSetSpec={} status:DaemonSetStatus={}',
  DaemonSetSpec: 'selector:LabelSelector=null template:PodTemplateSpec={} updateStrategy:DaemonSetUpdateStrategy={} minReadySeconds revisionHistoryLimit',
  DaemonSetUpdateStrategy: 'type rollingUpdate:RollingUpdate',
  DaemonSetStatus: 'currentNumberScheduled=0 numberMisscheduled=0 desiredNumberScheduled=0 numberReady=0 observedGeneration updatedNumberScheduled numberAvailable numberUnavailable collisionCount conditions:[]AppsCondition',

  // batch/v1
  Job: 'kind apiVersion metadata:ObjectMeta={} spec:JobSpec={} status:JobStatus={}',
  JobSpec: 'parallelism completions activeDeadlineSeconds podFailurePolicy:PodFailurePolicy successPolicy:SuccessPolicy backoffLimit backoffLimitPerIndex maxFailedIndexes selector:LabelSelector manualSelector template:PodTemplateSpec={} ttlSecondsAfterFinished completionMode suspend podReplacementPolicy managedBy',
  PodFailurePolicy: 'rules:[]PodFailurePolicyRule=null',
  PodFailurePolicyRule: 'action="" onExitCodes:PodFailurePolicyOnExitCodes onPodConditions:[]PodFailurePolicyOnPodConditions',
  PodFailurePolicyOnExitCodes: 'containerName operator="" values=null',
  PodFailurePolicyOnPodConditions: 'type="" status=""',
  SuccessPolicy: 'rules:[]SuccessPolicyRule=null',
  SuccessPolicyRule: 'succeededIndexes succeededCount',
  JobStatus: 'conditions:[]JobCondition startTime completionTime active succeeded failed terminating completedIndexes failedIndexes uncountedTerminatedPods:UncountedTerminatedPods ready',
  JobCondition: 'type="" status="" lastProbeTime=null lastTransitionTime=null reason message',
  UncountedTerminatedPods: 'succeeded failed',
  CronJob: 'kind apiVersion metadata:ObjectMeta={} spec:CronJobSpec={} status:CronJobStatus={}',
  CronJobSpec: 'schedule="" timeZone startingDeadlineSeconds concurrencyPolicy suspend jobTemplate:JobTemplateSpec={} successfulJobsHistoryLimit failedJobsHistoryLimit',
  JobTemplateSpec: 'metadata:ObjectMeta={} spec:JobSpec={}',
  CronJobStatus: 'active:[]ObjectReference lastScheduleTime lastSuccessfulTime',
  ObjectReference: 'kind namespace name uid apiVersion resourceVersion fieldPath',
  // core/v1 Event (kubectl events decodes the list into the typed EventList)
  Event: 'kind apiVersion metadata:ObjectMeta={} involvedObject:ObjectReference={} reason message source:EventSource={} firstTimestamp=null lastTimestamp=null count type eventTime=null series:EventSeries action related:ObjectReference reportingComponent="" reportingInstance=""',
  EventSource: 'component host',
  EventSeries: 'count lastObservedTime=null',
  EventList: 'kind apiVersion metadata:ListMeta={} items:[]Event=null',
  // apps/v1 ControllerRevision (rollout history of a daemon set or stateful set): data is a
  // RawExtension, printed as the server sent it
  ControllerRevision: 'kind apiVersion metadata:ObjectMeta={} data revision=0',
  ListMeta: 'selfLink resourceVersion continue remainingItemCount',

  // core/v1, other kinds
  Service: 'kind apiVersion metadata:ObjectMeta={} spec:ServiceSpec={} status:ServiceStatus={}',
  ServiceSpec: 'ports:[]ServicePort selector:map clusterIP clusterIPs type externalIPs sessionAffinity loadBalancerIP loadBalancerSourceRanges externalName externalTrafficPolicy healthCheckNodePort publishNotReadyAddresses sessionAffinityConfig:SessionAffinityConfig ipFamilies ipFamilyPolicy allocateLoadBalancerNodePorts loadBalancerClass internalTrafficPolicy trafficDistribution',
  ServicePort: 'name protocol appProtocol port=0 targetPort=0 nodePort',
  SessionAffinityConfig: 'clientIP:ClientIPConfig',
  ClientIPConfig: 'timeoutSeconds',
  ServiceStatus: 'loadBalancer:LoadBalancerStatus={} conditions:[]Condition',
  LoadBalancerStatus: 'ingress:[]LoadBalancerIngress',
  LoadBalancerIngress: 'ip hostname ipMode ports:[]PortStatus',
  PortStatus: 'port=0 protocol="" error',
  Namespace: 'kind apiVersion metadata:ObjectMeta={} spec:NamespaceSpec={} status:NamespaceStatus={}',
  NamespaceSpec: 'finalizers',
  NamespaceStatus: 'phase conditions:[]NamespaceCondition',
  NamespaceCondition: 'type="" status="" lastTransitionTime=null reason message',
  ConfigMap: 'kind apiVersion metadata:ObjectMeta={} immutable data:map binaryData:map',
  Secret: 'kind apiVersion metadata:ObjectMeta={} immutable data:map stringData:map type',
  ServiceAccount: 'kind apiVersion metadata:ObjectMeta={} secrets:[]ObjectReference imagePullSecrets:[]LocalObjectReference automountServiceAccountToken',
  Endpoints: 'kind apiVersion metadata:ObjectMeta={} subsets:[]EndpointSubset',
  EndpointSubset: 'addresses:[]EndpointAddress notReadyAddresses:[]EndpointAddress ports:[]EndpointPort',
  EndpointAddress: 'ip="" hostname nodeName targetRef:ObjectReference',
  EndpointPort: 'name port=0 protocol appProtocol',
  PersistentVolumeClaim: 'kind apiVersion metadata:ObjectMeta={} spec:PVCSpec={} status:PVCStatus={}',
  PVCStatus: 'phase accessModes capacity:map conditions:[]PVCCondition allocatedResources:map allocatedResourceStatuses:map currentVolumeAttributesClassName modifyVolumeStatus',
  PVCCondition: 'type="" status="" lastProbeTime=null lastTransitionTime=null reason message',
  ResourceQuota: 'kind apiVersion metadata:ObjectMeta={} spec:ResourceQuotaSpec={} status:ResourceQuotaStatus={}',
  ResourceQuotaSpec: 'hard:map scopes scopeSelector:ScopeSelector',
  ScopeSelector: 'matchExpressions:[]ScopedResourceSelectorRequirement',
  ScopedResourceSelectorRequirement: 'scopeName operator values',
  ResourceQuotaStatus: 'hard:map used:map',

  // networking, policy, scheduling, rbac, autoscaling (HorizontalPodAutoscaler: v1 and v2 fields
  // in one table, not checked against kubectl: the oracle cannot run `autoscale`)
  Ingress: 'kind apiVersion metadata:ObjectMeta={} spec:IngressSpec={} status:IngressStatus={}',
  IngressSpec: 'ingressClassName defaultBackend:IngressBackend tls:[]IngressTLS rules:[]IngressRule',
  IngressBackend: 'service:IngressServiceBackend resource:TypedLocalObjectReference',
  IngressServiceBackend: 'name="" port:ServiceBackendPort={}',
  ServiceBackendPort: 'name number',
  IngressTLS: 'hosts secretName',
  IngressRule: 'host http:HTTPIngressRuleValue',
  HTTPIngressRuleValue: 'paths:[]HTTPIngressPath=null',
  HTTPIngressPath: 'path pathType backend:IngressBackend={}',
  IngressStatus: 'loadBalancer:IngressLoadBalancerStatus={}',
  IngressLoadBalancerStatus: 'ingress:[]IngressLoadBalancerIngress',
  IngressLoadBalancerIngress: 'ip hostname ports:[]PortStatus',
  PodDisruptionBudget: 'kind apiVersion metadata:ObjectMeta={} spec:PDBSpec={} status:PDBStatus={}',
  PDBSpec: 'minAvailable selector:LabelSelector maxUnavailable unhealthyPodEvictionPolicy',
  PDBStatus: 'observedGeneration disruptedPods:map disruptionsAllowed=0 currentHealthy=0 desiredHealthy=0 expectedPods=0 conditions:[]Condition',
  PriorityClass: 'kind apiVersion metadata:ObjectMeta={} value=0 globalDefault description preemptionPolicy',
  Role: 'kind apiVersion metadata:ObjectMeta={} rules:[]PolicyRule=null',
  ClusterRole: 'kind apiVersion metadata:ObjectMeta={} rules:[]PolicyRule=null aggregationRule:AggregationRule',
  AggregationRule: 'clusterRoleSelectors:[]LabelSelector',
  PolicyRule: 'verbs=null apiGroups resources resourceNames nonResourceURLs',
  RoleBinding: 'kind apiVersion metadata:ObjectMeta={} subjects:[]Subject roleRef:RoleRef={}',
  ClusterRoleBinding: 'kind apiVersion metadata:ObjectMeta={} subjects:[]Subject roleRef:RoleRef={}',
  Subject: 'kind="" apiGroup name="" namespace',
  RoleRef: 'apiGroup="" kind="" name=""',
  HorizontalPodAutoscaler: 'kind apiVersion metadata:ObjectMeta={} spec:HPASpec={} status:HPAStatus={}',
  HPASpec: 'scaleTargetRef:CrossVersionObjectReference={} minReplicas maxReplicas=0 targetCPUUtilizationPercentage metrics behavior',
  CrossVersionObjectReference: 'kind="" name="" apiVersion',
  TokenRequest: 'kind apiVersion metadata:ObjectMeta={} spec:TokenRequestSpec={} status:TokenRequestStatus={}',
  TokenRequestSpec: 'audiences=null expirationSeconds=null boundObjectRef:BoundObjectReference=null',
  BoundObjectReference: 'kind apiVersion name uid',
  TokenRequestStatus: 'token="" expirationTimestamp=null',
  HPAStatus: 'observedGeneration lastScaleTime currentReplicas desiredReplicas=0 currentCPUUtilizationPercentage currentMetrics conditions',
};

/** Kinds whose top-level struct is in the table (kind name = struct name). */
const KINDS = new Set(['Pod', 'Deployment', 'ReplicaSet', 'StatefulSet', 'DaemonSet', 'Job', 'CronJob', 'Service', 'Namespace',
  'ConfigMap', 'Secret', 'ServiceAccount', 'Endpoints', 'PersistentVolumeClaim', 'ResourceQuota', 'Ingress', 'PodDisruptionBudget',
  'PriorityClass', 'Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding', 'HorizontalPodAutoscaler', 'Event', 'EventList', 'ControllerRevision', 'TokenRequest']);

const GENERIC = 'kind apiVersion metadata:ObjectMeta={}';

interface Field {
  name: string;
  kind: 'scalar' | 'struct' | 'list' | 'map';
  type?: string;
  zero?: unknown; // undefined: omitted when absent
}
interface Struct { fields: Field[]; names: Set<string> }

let parsed: Map<string, Struct> | undefined;

function parseSpec(spec: string): Struct {
  const fields: Field[] = [];
  for (const tok of spec.split(' ')) {
    if (!tok) continue;
    const eq = tok.indexOf('=');
    const head = eq < 0 ? tok : tok.slice(0, eq);
    const zero = eq < 0 ? undefined : JSON.parse(tok.slice(eq + 1));
    const colon = head.indexOf(':');
    const name = colon < 0 ? head : head.slice(0, colon);
    const t = colon < 0 ? '' : head.slice(colon + 1);
    let f: Field;
    if (t === '') f = { name, kind: 'scalar' };
    else if (t === 'map') f = { name, kind: 'map' };
    else if (t.startsWith('[]')) f = { name, kind: 'list', type: t.slice(2) };
    else f = { name, kind: 'struct', type: t };
    if (eq >= 0) f.zero = zero;
    fields.push(f);
  }
  return { fields, names: new Set(fields.map((f) => f.name)) };
}

function struct(name: string): Struct {
  if (!parsed) parsed = new Map();
  let s = parsed.get(name);
  if (!s) {
    const spec = S[name] ?? (name === '' ? GENERIC : undefined);
    if (spec === undefined) throw new Error(`typed.ts: no struct ${name}`);
    s = parseSpec(spec);
    parsed.set(name, s);
  }
  return s;
}

const INDEX_KEY = /^(?:0|[1-9]\d{0,9})$/;
function isArrayIndex(k: string): boolean {
  return INDEX_KEY.test(k) && Number(k) < 4294967295;
}

/** A Go map as encoding/json writes it: keys in byte order. */
function goMap(v: unknown): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v)) return v;
  const src = v instanceof Map ? v : new Map(Object.entries(v as object));
  const keys = [...src.keys()].map(String).filter((k) => src.get(k) !== undefined).sort(compareBytes);
  if (keys.some(isArrayIndex)) return new Map(keys.map((k) => [k, src.get(k)]));
  const out: Record<string, unknown> = {};
  for (const k of keys) out[k] = src.get(k);
  return out;
}

function convert(x: unknown, f: Field): unknown {
  switch (f.kind) {
    case 'struct': return orderStruct(x, f.type!);
    case 'list': return Array.isArray(x) ? x.map((i) => orderStruct(i, f.type!)) : x;
    case 'map': return goMap(x);
    default: return x;
  }
}

function orderStruct(v: unknown, type: string): unknown {
  if (v === null || typeof v !== 'object' || Array.isArray(v) || v instanceof Map) return v;
  const src = v as Record<string, unknown>;
  const s = struct(type);
  const out: Record<string, unknown> = {};
  for (const f of s.fields) {
    let x = src[f.name];
    if (x === undefined) {
      if (f.zero === undefined) continue;
      x = f.zero !== null && typeof f.zero === 'object' ? {} : f.zero;
    }
    out[f.name] = convert(x, f);
  }
  for (const k of Object.keys(src)) {
    if (!s.names.has(k) && src[k] !== undefined) out[k] = src[k];
  }
  return out;
}

/** Whether toTypedOrder knows the struct layout of this kind. */
export function isTypedKind(kind: string): boolean {
  return KINDS.has(kind);
}

/** A copy of obj with keys in Go struct order, Go maps sorted, and the fields Go always writes
 *  filled in with their zero values: print it with toJson(x, { sortKeys: false }). Unknown kinds
 *  get `kind, apiVersion, metadata` in struct order and keep their other keys as they are. */
export function toTypedOrder<T>(obj: T): T {
  if (obj === null || typeof obj !== 'object' || Array.isArray(obj)) return obj;
  const kind = (obj as { kind?: unknown }).kind;
  return orderStruct(obj, typeof kind === 'string' && KINDS.has(kind) ? kind : '') as T;
}
