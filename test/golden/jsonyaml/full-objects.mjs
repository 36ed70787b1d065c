// Objects with (nearly) every field set, fed to kubectl's typed code paths
// (`set serviceaccount --local`, `set selector --local`), whose -o json output shows Go struct
// field order and the fields Go always writes. Unknown fields are dropped by kubectl, so the
// goldens also show which of these names are real in 1.32.

const sel = { matchLabels: { app: 'x' }, matchExpressions: [{ key: 'tier', operator: 'In', values: ['a', 'b'] }] };
const time = '2026-11-21T16:19:07Z';
const nodeSelectorTerm = { matchExpressions: [{ key: 'k', operator: 'In', values: ['v'] }], matchFields: [{ key: 'metadata.name', operator: 'In', values: ['n'] }] };
const podAffinityTerm = { labelSelector: sel, namespaces: ['a'], topologyKey: 'zone', namespaceSelector: { matchLabels: { a: 'b' } }, matchLabelKeys: ['k'], mismatchLabelKeys: ['m'] };
const secCtx = {
  capabilities: { add: ['NET_ADMIN'], drop: ['ALL'] }, privileged: true, seLinuxOptions: { user: 'u', role: 'r', type: 't', level: 'l' },
  windowsOptions: { gmsaCredentialSpecName: 'g', gmsaCredentialSpec: 's', runAsUserName: 'u', hostProcess: true },
  runAsUser: 1000, runAsGroup: 1000, runAsNonRoot: true, readOnlyRootFilesystem: true, allowPrivilegeEscalation: true, procMount: 'Default',
  seccompProfile: { type: 'Localhost', localhostProfile: 'p' }, appArmorProfile: { type: 'Localhost', localhostProfile: 'a' },
};
const handler = { exec: { command: ['true'] }, httpGet: { path: '/', port: 80, host: 'h', scheme: 'HTTP', httpHeaders: [{ name: 'X', value: 'y' }] }, tcpSocket: { port: 'http', host: 'h' }, grpc: { port: 9000, service: 's' } };
const probe = { ...handler, initialDelaySeconds: 1, timeoutSeconds: 2, periodSeconds: 3, successThreshold: 1, failureThreshold: 5, terminationGracePeriodSeconds: 9 };
const lifecycleHandler = { exec: { command: ['a'] }, httpGet: { path: '/', port: 80 }, tcpSocket: { port: 80 }, sleep: { seconds: 5 } };

export function container(name) {
  return {
    name, image: 'nginx:1.25', command: ['sh', '-c'], args: ['echo hi'], workingDir: '/w',
    ports: [{ name: 'http', hostPort: 8080, containerPort: 80, protocol: 'TCP', hostIP: '0.0.0.0' }],
    envFrom: [{ prefix: 'P_', configMapRef: { name: 'cm', optional: true }, secretRef: { name: 's', optional: false } }],
    env: [
      { name: 'A', value: 'v' },
      { name: 'B', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' }, resourceFieldRef: { containerName: 'c', resource: 'limits.cpu', divisor: '1m' }, configMapKeyRef: { name: 'cm', key: 'k', optional: true }, secretKeyRef: { name: 's', key: 'k', optional: true } } },
    ],
    resources: { limits: { cpu: '1', memory: '1Gi' }, requests: { cpu: '100m', memory: '64Mi' }, claims: [{ name: 'c', request: 'r' }] },
    resizePolicy: [{ resourceName: 'cpu', restartPolicy: 'NotRequired' }], restartPolicy: 'Always',
    volumeMounts: [{ name: 'v', readOnly: true, recursiveReadOnly: 'Disabled', mountPath: '/m', subPath: 's', mountPropagation: 'None', subPathExpr: 'e' }],
    volumeDevices: [{ name: 'd', devicePath: '/dev/x' }],
    livenessProbe: probe, readinessProbe: probe, startupProbe: probe,
    lifecycle: { postStart: lifecycleHandler, preStop: lifecycleHandler, stopSignal: 'SIGTERM' },
    terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', imagePullPolicy: 'IfNotPresent',
    securityContext: secCtx, stdin: true, stdinOnce: true, tty: true,
  };
}

const volumes = [
  { name: 'hp', hostPath: { path: '/p', type: 'Directory' } },
  { name: 'ed', emptyDir: { medium: 'Memory', sizeLimit: '1Gi' } },
  { name: 'sec', secret: { secretName: 's', items: [{ key: 'k', path: 'p', mode: 256 }], defaultMode: 420, optional: true } },
  { name: 'nfs', nfs: { server: 's', path: '/p', readOnly: true } },
  { name: 'pvc', persistentVolumeClaim: { claimName: 'c', readOnly: true } },
  { name: 'dapi', downwardAPI: { items: [{ path: 'p', fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' }, resourceFieldRef: { containerName: 'c', resource: 'limits.cpu', divisor: '1' }, mode: 420 }], defaultMode: 420 } },
  { name: 'cm', configMap: { name: 'cm', items: [{ key: 'k', path: 'p', mode: 420 }], defaultMode: 420, optional: true } },
  { name: 'proj', projected: { sources: [
    { secret: { name: 's', items: [{ key: 'k', path: 'p' }], optional: true } },
    { downwardAPI: { items: [{ path: 'p', fieldRef: { fieldPath: 'metadata.name' } }] } },
    { configMap: { name: 'cm', items: [{ key: 'k', path: 'p' }], optional: true } },
    { serviceAccountToken: { audience: 'a', expirationSeconds: 3607, path: 'token' } },
    { clusterTrustBundle: { name: 'n', signerName: 's', labelSelector: { matchLabels: { a: 'b' } }, optional: true, path: 'p' } },
  ], defaultMode: 420 } },
  { name: 'csi', csi: { driver: 'd', readOnly: true, fsType: 'ext4', volumeAttributes: { a: 'b' }, nodePublishSecretRef: { name: 's' } } },
  { name: 'eph', ephemeral: { volumeClaimTemplate: { metadata: { labels: { a: 'b' } }, spec: { accessModes: ['ReadWriteOnce'], selector: sel, resources: { limits: { storage: '2Gi' }, requests: { storage: '1Gi' } }, volumeName: 'v', storageClassName: 'standard', volumeMode: 'Filesystem', dataSource: { apiGroup: 'g', kind: 'k', name: 'n' }, dataSourceRef: { apiGroup: 'g', kind: 'k', name: 'n', namespace: 'ns' }, volumeAttributesClassName: 'vac' } } } },
  { name: 'img', image: { reference: 'r', pullPolicy: 'Always' } },
];

export function podSpec() {
  return {
    volumes, initContainers: [container('init')], containers: [container('c')],
    ephemeralContainers: [{ ...container('eph'), targetContainerName: 'c' }],
    restartPolicy: 'Always', terminationGracePeriodSeconds: 30, activeDeadlineSeconds: 100, dnsPolicy: 'ClusterFirst',
    nodeSelector: { 'kubernetes.io/os': 'linux', a: 'b' }, serviceAccountName: 'default', serviceAccount: 'default', automountServiceAccountToken: true,
    nodeName: 'n', hostNetwork: true, hostPID: true, hostIPC: true, shareProcessNamespace: true,
    securityContext: {
      seLinuxOptions: { level: 's0' }, windowsOptions: { runAsUserName: 'u' }, runAsUser: 1, runAsGroup: 2, runAsNonRoot: true, supplementalGroups: [3],
      supplementalGroupsPolicy: 'Merge', fsGroup: 4, sysctls: [{ name: 'n', value: 'v' }], fsGroupChangePolicy: 'Always',
      seccompProfile: { type: 'RuntimeDefault' }, appArmorProfile: { type: 'RuntimeDefault' }, seLinuxChangePolicy: 'Recursive',
    },
    imagePullSecrets: [{ name: 'reg' }], hostname: 'h', subdomain: 's',
    affinity: {
      nodeAffinity: { requiredDuringSchedulingIgnoredDuringExecution: { nodeSelectorTerms: [nodeSelectorTerm] }, preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, preference: nodeSelectorTerm }] },
      podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [podAffinityTerm], preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm }] },
      podAntiAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [podAffinityTerm], preferredDuringSchedulingIgnoredDuringExecution: [{ weight: 1, podAffinityTerm }] },
    },
    schedulerName: 'default-scheduler',
    tolerations: [{ key: 'k', operator: 'Equal', value: 'v', effect: 'NoExecute', tolerationSeconds: 300 }],
    hostAliases: [{ ip: '1.2.3.4', hostnames: ['a'] }], priorityClassName: 'p', priority: 5,
    dnsConfig: { nameservers: ['1.1.1.1'], searches: ['s'], options: [{ name: 'ndots', value: '5' }] },
    readinessGates: [{ conditionType: 'c' }], runtimeClassName: 'rc', enableServiceLinks: true, preemptionPolicy: 'PreemptLowerPriority',
    overhead: { cpu: '1' },
    topologySpreadConstraints: [{ maxSkew: 1, topologyKey: 'zone', whenUnsatisfiable: 'DoNotSchedule', labelSelector: sel, minDomains: 2, nodeAffinityPolicy: 'Honor', nodeTaintsPolicy: 'Honor', matchLabelKeys: ['k'] }],
    setHostnameAsFQDN: true, os: { name: 'linux' }, hostUsers: true, schedulingGates: [{ name: 'g' }],
    resourceClaims: [{ name: 'rc', resourceClaimName: 'n', resourceClaimTemplateName: 't' }],
    resources: { limits: { cpu: '2' }, requests: { cpu: '1' } },
  };
}

export function meta(name) {
  return {
    name, generateName: name + '-', namespace: 'default', selfLink: '/x', uid: 'uid-1', resourceVersion: '42', generation: 3,
    creationTimestamp: time, deletionTimestamp: time, deletionGracePeriodSeconds: 30,
    labels: { b: '2', a: '1', '10': 'ten', '9': 'nine' }, annotations: { z: 'last', a: 'first' },
    ownerReferences: [{ apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs', uid: 'u', controller: true, blockOwnerDeletion: true }],
    finalizers: ['f'],
    managedFields: [{ manager: 'kubectl', operation: 'Update', apiVersion: 'v1', time, fieldsType: 'FieldsV1', fieldsV1: { 'f:metadata': {} }, subresource: 'status' }],
  };
}

const containerStatus = (name) => ({
  name, state: { waiting: { reason: 'r', message: 'm' }, running: { startedAt: time }, terminated: { exitCode: 1, signal: 9, reason: 'r', message: 'm', startedAt: time, finishedAt: time, containerID: 'cid' } },
  lastState: { terminated: { exitCode: 0, reason: 'Completed', startedAt: time, finishedAt: time } },
  ready: true, restartCount: 2, image: 'nginx', imageID: 'id', containerID: 'cid', started: true,
  allocatedResources: { cpu: '1' }, resources: { limits: { cpu: '1' } }, volumeMounts: [{ name: 'v', mountPath: '/m', readOnly: true, recursiveReadOnly: 'Disabled' }],
  user: { linux: { uid: 1, gid: 2, supplementalGroups: [3] } }, allocatedResourcesStatus: [{ name: 'r', resources: [{ resourceID: 'id', health: 'Healthy' }] }],
});

export function podStatus() {
  return {
    observedGeneration: 1, phase: 'Running', conditions: [{ type: 'Ready', observedGeneration: 1, status: 'True', lastProbeTime: time, lastTransitionTime: time, reason: 'r', message: 'm' }],
    message: 'm', reason: 'r', nominatedNodeName: 'n', hostIP: '1.2.3.4', hostIPs: [{ ip: '1.2.3.4' }], podIP: '10.0.0.1', podIPs: [{ ip: '10.0.0.1' }],
    startTime: time, initContainerStatuses: [containerStatus('init')], containerStatuses: [containerStatus('c')], qosClass: 'Burstable',
    ephemeralContainerStatuses: [containerStatus('eph')], resize: 'Proposed', resourceClaimStatuses: [{ name: 'rc', resourceClaimName: 'n' }],
  };
}

const template = () => ({ metadata: meta('tpl'), spec: podSpec() });

export function fullObjects() {
  return {
    pod: { apiVersion: 'v1', kind: 'Pod', metadata: meta('pod'), spec: podSpec(), status: podStatus() },
    deployment: {
      apiVersion: 'apps/v1', kind: 'Deployment', metadata: meta('deploy'),
      spec: { replicas: 2, selector: sel, template: template(), strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: '25%', maxSurge: 1 } }, minReadySeconds: 1, revisionHistoryLimit: 10, paused: true, progressDeadlineSeconds: 600 },
      status: { observedGeneration: 1, replicas: 2, updatedReplicas: 2, readyReplicas: 2, availableReplicas: 2, unavailableReplicas: 1, terminatingReplicas: 1, conditions: [{ type: 'Available', status: 'True', lastUpdateTime: time, lastTransitionTime: time, reason: 'r', message: 'm' }], collisionCount: 1 },
    },
    replicaset: {
      apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: meta('rs'),
      spec: { replicas: 2, minReadySeconds: 1, selector: sel, template: template() },
      status: { replicas: 2, fullyLabeledReplicas: 2, readyReplicas: 2, availableReplicas: 2, terminatingReplicas: 1, observedGeneration: 1, conditions: [{ type: 'ReplicaFailure', status: 'True', lastTransitionTime: time, reason: 'r', message: 'm' }] },
    },
    statefulset: {
      apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: meta('sts'),
      spec: {
        replicas: 2, selector: sel, template: template(),
        volumeClaimTemplates: [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } } }, status: { phase: 'Pending' } }],
        serviceName: 'svc', podManagementPolicy: 'Parallel', updateStrategy: { type: 'RollingUpdate', rollingUpdate: { partition: 1, maxUnavailable: 1 } },
        revisionHistoryLimit: 10, minReadySeconds: 1, persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Delete' }, ordinals: { start: 0 },
      },
      status: { observedGeneration: 1, replicas: 2, readyReplicas: 2, currentReplicas: 2, updatedReplicas: 2, currentRevision: 'a', updateRevision: 'b', collisionCount: 1, conditions: [{ type: 't', status: 'True', lastTransitionTime: time, reason: 'r', message: 'm' }], availableReplicas: 2 },
    },
    daemonset: {
      apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: meta('ds'),
      spec: { selector: sel, template: template(), updateStrategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1, maxSurge: 0 } }, minReadySeconds: 1, revisionHistoryLimit: 10 },
      status: { currentNumberScheduled: 1, numberMisscheduled: 1, desiredNumberScheduled: 1, numberReady: 1, observedGeneration: 1, updatedNumberScheduled: 1, numberAvailable: 1, numberUnavailable: 1, collisionCount: 1, conditions: [{ type: 't', status: 'True', lastTransitionTime: time, reason: 'r', message: 'm' }] },
    },
    job: {
      apiVersion: 'batch/v1', kind: 'Job', metadata: meta('job'),
      spec: {
        parallelism: 1, completions: 1, activeDeadlineSeconds: 10, podFailurePolicy: { rules: [{ action: 'FailJob', onExitCodes: { containerName: 'c', operator: 'In', values: [1] }, onPodConditions: [{ type: 'DisruptionTarget', status: 'True' }] }] },
        successPolicy: { rules: [{ succeededIndexes: '0', succeededCount: 1 }] }, backoffLimit: 6, backoffLimitPerIndex: 1, maxFailedIndexes: 1, selector: sel, manualSelector: true, template: template(),
        ttlSecondsAfterFinished: 100, completionMode: 'Indexed', suspend: true, podReplacementPolicy: 'Failed', managedBy: 'm',
      },
      status: { conditions: [{ type: 'Complete', status: 'True', lastProbeTime: time, lastTransitionTime: time, reason: 'r', message: 'm' }], startTime: time, completionTime: time, active: 1, succeeded: 1, failed: 1, terminating: 1, completedIndexes: '0', failedIndexes: '1', uncountedTerminatedPods: { succeeded: ['a'], failed: ['b'] }, ready: 1 },
    },
    cronjob: {
      apiVersion: 'batch/v1', kind: 'CronJob', metadata: meta('cj'),
      spec: { schedule: '*/1 * * * *', timeZone: 'UTC', startingDeadlineSeconds: 10, concurrencyPolicy: 'Forbid', suspend: true, jobTemplate: { metadata: meta('jt'), spec: { template: template(), backoffLimit: 1 } }, successfulJobsHistoryLimit: 3, failedJobsHistoryLimit: 1 },
      status: { active: [{ kind: 'Job', namespace: 'default', name: 'j', uid: 'u', apiVersion: 'batch/v1', resourceVersion: '1', fieldPath: 'f' }], lastScheduleTime: time, lastSuccessfulTime: time },
    },
    service: {
      apiVersion: 'v1', kind: 'Service', metadata: meta('svc'),
      spec: {
        ports: [{ name: 'http', protocol: 'TCP', appProtocol: 'http', port: 80, targetPort: 8080, nodePort: 30080 }], selector: { app: 'x' }, clusterIP: '10.96.0.5', clusterIPs: ['10.96.0.5'],
        type: 'LoadBalancer', externalIPs: ['1.2.3.4'], sessionAffinity: 'ClientIP', loadBalancerIP: '5.6.7.8', loadBalancerSourceRanges: ['0.0.0.0/0'], externalName: 'e',
        externalTrafficPolicy: 'Local', healthCheckNodePort: 31000, publishNotReadyAddresses: true, sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } },
        ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack', allocateLoadBalancerNodePorts: true, loadBalancerClass: 'c', internalTrafficPolicy: 'Cluster', trafficDistribution: 'PreferClose',
      },
      status: { loadBalancer: { ingress: [{ ip: '1.2.3.4', hostname: 'h', ipMode: 'VIP', ports: [{ port: 80, protocol: 'TCP', error: 'e' }] }] }, conditions: [{ type: 't', status: 'True', observedGeneration: 1, lastTransitionTime: time, reason: 'r', message: 'm' }] },
    },
  };
}

/** Nearly empty objects: what Go writes for fields that are never omitted. */
export function minimalObjects() {
  const c = [{ name: 'c' }];
  return {
    pod: { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'pod' }, spec: { containers: c, ephemeralContainers: [{ name: 'e' }], initContainers: [{ name: 'i', ports: [{}], env: [{}], volumeMounts: [{}], livenessProbe: { httpGet: {} } }], volumes: [{}, { name: 'e', emptyDir: {} }, { name: 'p', projected: { sources: [{ serviceAccountToken: {} }] } }], affinity: { podAffinity: { requiredDuringSchedulingIgnoredDuringExecution: [{}] } }, tolerations: [{}] }, status: { conditions: [{}], containerStatuses: [{ state: { running: {}, terminated: {} } }] } },
    deployment: { apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'deploy' }, spec: { selector: { matchExpressions: [{}] }, template: { spec: { containers: c } } }, status: { conditions: [{}] } },
    replicaset: { apiVersion: 'apps/v1', kind: 'ReplicaSet', metadata: { name: 'rs', ownerReferences: [{}] }, spec: {}, status: {} },
    statefulset: { apiVersion: 'apps/v1', kind: 'StatefulSet', metadata: { name: 'sts' }, spec: { template: {}, volumeClaimTemplates: [{}] }, status: {} },
    daemonset: { apiVersion: 'apps/v1', kind: 'DaemonSet', metadata: { name: 'ds' } },
    job: { apiVersion: 'batch/v1', kind: 'Job', metadata: { name: 'job' }, spec: { template: { spec: { containers: c } } } },
    cronjob: { apiVersion: 'batch/v1', kind: 'CronJob', metadata: { name: 'cj' }, spec: { jobTemplate: { spec: { template: { spec: { containers: c } } } } } },
    service: { apiVersion: 'v1', kind: 'Service', metadata: { name: 'svc' }, spec: { ports: [{}, { port: 80 }, { port: 81, targetPort: 'http' }] }, status: { loadBalancer: { ingress: [{}] }, conditions: [{}] } },
  };
}
