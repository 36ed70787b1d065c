// The objects of test/golden/describe/cluster.json: a kind cluster as the API server returns it
// (full statuses, owner references, endpoints and slices, events pointing at the objects), with
// every time relative to NOW. record.ts writes them out and records kubectl's describe of them.

export const NOW = Date.parse('2026-11-21T16:30:00Z');

const t = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString().replace('.000Z', 'Z');
const micro = (secondsAgo: number) => new Date(NOW - secondsAgo * 1000).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
const MIN = 60, HOUR = 3600, DAY = 86400;

let uidSeq = 0;
const uid = (seed: string) => {
  let h = 2166136261;
  for (const c of seed) { h ^= c.charCodeAt(0); h = Math.imul(h, 16777619) >>> 0; }
  uidSeq++;
  const hex = (h.toString(16).padStart(8, '0') + ((h ^ 0x5bd1e995) >>> 0).toString(16).padStart(8, '0')).repeat(2);
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-a${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
};

const objects: any[] = [];
const add = <T>(o: T): T => { objects.push(o); return o; };
let rv = 1000;
const meta = (name: string, ns: string | undefined, age: number, extra: any = {}) => ({
  ...(extra.annotations ? { annotations: extra.annotations } : {}),
  creationTimestamp: t(age),
  ...(extra.deletionGracePeriodSeconds !== undefined ? { deletionGracePeriodSeconds: extra.deletionGracePeriodSeconds } : {}),
  ...(extra.deletionTimestamp ? { deletionTimestamp: extra.deletionTimestamp } : {}),
  ...(extra.finalizers ? { finalizers: extra.finalizers } : {}),
  ...(extra.generateName ? { generateName: extra.generateName } : {}),
  ...(extra.generation !== undefined ? { generation: extra.generation } : {}),
  ...(extra.labels ? { labels: extra.labels } : {}),
  name,
  ...(ns ? { namespace: ns } : {}),
  ...(extra.ownerReferences ? { ownerReferences: extra.ownerReferences } : {}),
  resourceVersion: String(rv++),
  uid: extra.uid ?? uid(`${ns}/${name}`),
});
const owner = (o: any) => [{ apiVersion: o.apiVersion, blockOwnerDeletion: true, controller: true, kind: o.kind, name: o.metadata.name, uid: o.metadata.uid }];

// ---------------------------------------------------------------------------------------------
// Nodes, leases, namespaces

const CLUSTER_AGE = 5 * DAY + 3 * HOUR;

function node(name: string, ip: string, idx: number, extra: { controlPlane?: boolean; capacity?: any; unschedulable?: boolean; notReady?: boolean } = {}) {
  const labels: any = {
    'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64',
    'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux',
  };
  if (extra.controlPlane) { labels['node-role.kubernetes.io/control-plane'] = ''; labels['node.kubernetes.io/exclude-from-external-load-balancers'] = ''; }
  const capacity = { cpu: '8', 'ephemeral-storage': '102625208Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '16331364Ki', pods: '110', ...(extra.capacity ?? {}) };
  const ready = extra.notReady
    ? { lastHeartbeatTime: t(8 * MIN), lastTransitionTime: t(7 * MIN), message: 'Kubelet stopped posting node status.', reason: 'NodeStatusUnknown', status: 'Unknown', type: 'Ready' }
    : { lastHeartbeatTime: t(40), lastTransitionTime: t(CLUSTER_AGE - 25), message: 'kubelet is posting ready status', reason: 'KubeletReady', status: 'True', type: 'Ready' };
  const hb = extra.notReady ? t(8 * MIN) : t(40);
  return add({
    apiVersion: 'v1', kind: 'Node',
    metadata: meta(name, undefined, CLUSTER_AGE, {
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
      labels,
    }),
    spec: {
      podCIDR: `10.244.${idx}.0/24`, podCIDRs: [`10.244.${idx}.0/24`], providerID: `kind://docker/kind/${name}`,
      ...(extra.controlPlane ? { taints: [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }] } : {}),
      ...(extra.unschedulable ? { taints: [{ effect: 'NoSchedule', key: 'node.kubernetes.io/unschedulable', timeAdded: t(HOUR) }], unschedulable: true } : {}),
      ...(extra.notReady ? { taints: [{ effect: 'NoSchedule', key: 'node.kubernetes.io/unreachable', timeAdded: t(7 * MIN) }, { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', timeAdded: t(7 * MIN) }] } : {}),
    },
    status: {
      addresses: [{ address: ip, type: 'InternalIP' }, { address: name, type: 'Hostname' }],
      allocatable: { ...capacity },
      capacity,
      conditions: [
        { lastHeartbeatTime: hb, lastTransitionTime: t(CLUSTER_AGE - 5), message: 'kubelet has sufficient memory available', reason: 'KubeletHasSufficientMemory', status: extra.notReady ? 'Unknown' : 'False', type: 'MemoryPressure' },
        { lastHeartbeatTime: hb, lastTransitionTime: t(CLUSTER_AGE - 5), message: 'kubelet has no disk pressure', reason: 'KubeletHasNoDiskPressure', status: extra.notReady ? 'Unknown' : 'False', type: 'DiskPressure' },
        { lastHeartbeatTime: hb, lastTransitionTime: t(CLUSTER_AGE - 5), message: 'kubelet has sufficient PID available', reason: 'KubeletHasSufficientPID', status: extra.notReady ? 'Unknown' : 'False', type: 'PIDPressure' },
        ready,
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      images: [{ names: ['registry.k8s.io/etcd:3.5.16-0'], sizeBytes: 57680541 }],
      nodeInfo: {
        architecture: 'amd64', bootID: `2a3c4e5f-0b1d-4c7e-9f10-11${idx}2f3a4b5c6d`, containerRuntimeVersion: 'containerd://1.7.24',
        kernelVersion: '6.8.0-1017-gcp', kubeProxyVersion: 'v1.32.2', kubeletVersion: 'v1.32.2', machineID: `8c1f0e4a9b2d4f6e8a0c1e3f5a7b9d${idx}1`,
        operatingSystem: 'linux', osImage: 'Debian GNU/Linux 12 (bookworm)', systemUUID: `4d1e2f3a-5b6c-4d7e-8f90-a1b2c3d4e5f${idx}`,
      },
    },
  });
}

const cp = node('kind-control-plane', '172.18.0.2', 0, { controlPlane: true });
const w1 = node('kind-worker', '172.18.0.3', 1);
const w2 = node('kind-worker2', '172.18.0.4', 2, { capacity: { 'example.com/dongle': '4', 'hugepages-2Mi': '1Gi' } });
node('kind-worker3', '172.18.0.5', 3, { unschedulable: true, notReady: true });

for (const [n, renew] of [['kind-control-plane', 7], ['kind-worker', 3], ['kind-worker2', 9], ['kind-worker3', 8 * MIN + 2]] as const) {
  add({
    apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
    metadata: meta(n, 'kube-node-lease', CLUSTER_AGE, { ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: n, uid: uid(`undefined/${n}`) }] }),
    spec: { holderIdentity: n, leaseDurationSeconds: 40, renewTime: micro(renew) },
  });
}

function namespace(name: string, age: number, extra: any = {}) {
  return add({
    apiVersion: 'v1', kind: 'Namespace',
    metadata: meta(name, undefined, age, { labels: { 'kubernetes.io/metadata.name': name, ...(extra.labels ?? {}) }, annotations: extra.annotations, deletionTimestamp: extra.deletionTimestamp, finalizers: extra.finalizers }),
    spec: { finalizers: ['kubernetes'] },
    status: { phase: extra.phase ?? 'Active', ...(extra.conditions ? { conditions: extra.conditions } : {}) },
  });
}
namespace('default', CLUSTER_AGE);
namespace('kube-system', CLUSTER_AGE);
namespace('kube-public', CLUSTER_AGE);
namespace('kube-node-lease', CLUSTER_AGE);
namespace('dev', 3 * DAY, { labels: { team: 'payments', env: 'dev' }, annotations: { 'owner': 'payments-team@example.com' } });
namespace('old', 2 * DAY, {
  phase: 'Terminating', deletionTimestamp: t(2 * MIN),
  conditions: [
    { lastTransitionTime: t(2 * MIN - 5), message: 'All resources successfully discovered', reason: 'ResourcesDiscovered', status: 'False', type: 'NamespaceDeletionDiscoveryFailure' },
    { lastTransitionTime: t(2 * MIN - 5), message: 'Some content in the namespace has finalizers remaining: example.com/protect in 1 resource instances', reason: 'SomeFinalizersRemain', status: 'True', type: 'NamespaceFinalizersRemaining' },
  ],
});

add({
  apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta('compute', 'dev', 3 * DAY),
  spec: { hard: { 'limits.cpu': '4', 'limits.memory': '8Gi', pods: '20', 'requests.cpu': '2', 'requests.memory': '4Gi' } },
  status: { hard: { 'limits.cpu': '4', 'limits.memory': '8Gi', pods: '20', 'requests.cpu': '2', 'requests.memory': '4Gi' }, used: { 'limits.cpu': '500m', 'limits.memory': '512Mi', pods: '2', 'requests.cpu': '250m', 'requests.memory': '256Mi' } },
});
add({
  apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta('best-effort', 'dev', 3 * DAY),
  spec: { hard: { pods: '5' }, scopes: ['BestEffort'] },
  status: { hard: { pods: '5' }, used: { pods: '0' } },
});
add({
  apiVersion: 'v1', kind: 'LimitRange', metadata: meta('defaults', 'dev', 3 * DAY),
  spec: { limits: [{ default: { cpu: '500m' }, defaultRequest: { cpu: '250m' }, max: { cpu: '2' }, min: { cpu: '100m' }, type: 'Container' }] },
});

// ---------------------------------------------------------------------------------------------
// Pods

const TOLERATIONS = [
  { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 },
  { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 },
];
const apiAccess = (suffix: string) => ({
  name: `kube-api-access-${suffix}`,
  projected: {
    defaultMode: 420,
    sources: [
      { serviceAccountToken: { expirationSeconds: 3607, path: 'token' } },
      { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } },
      { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } },
    ],
  },
});
const apiMount = (suffix: string) => ({ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: `kube-api-access-${suffix}`, readOnly: true });
const conds = (age: number, ready: boolean, scheduled = true) => [
  { lastProbeTime: null, lastTransitionTime: t(age - 3), status: 'True', type: 'PodReadyToStartContainers' },
  { lastProbeTime: null, lastTransitionTime: t(age - 1), status: 'True', type: 'Initialized' },
  { lastProbeTime: null, lastTransitionTime: t(ready ? age - 4 : 60), ...(ready ? {} : { message: 'containers with unready status: [app]', reason: 'ContainersNotReady' }), status: ready ? 'True' : 'False', type: 'Ready' },
  { lastProbeTime: null, lastTransitionTime: t(ready ? age - 4 : 60), ...(ready ? {} : { message: 'containers with unready status: [app]', reason: 'ContainersNotReady' }), status: ready ? 'True' : 'False', type: 'ContainersReady' },
  { lastProbeTime: null, lastTransitionTime: t(age), status: scheduled ? 'True' : 'False', type: 'PodScheduled' },
];
const hex = (s: string) => { let h = ''; for (let i = 0; h.length < 64; i++) h += uid(s + i).replace(/-/g, ''); return h.slice(0, 64); };

function pod(o: {
  name: string; ns?: string; age: number; labels?: any; annotations?: any; owner?: any; node?: any; containers: any[]; initContainers?: any[];
  statuses?: any[]; initStatuses?: any[]; phase?: string; ready?: boolean; ip?: string; conditions?: any[]; volumes?: any[]; qos?: string;
  extraSpec?: any; extraStatus?: any; deletionTimestamp?: string; tolerations?: any[]; sa?: string; noStart?: boolean; generateName?: string;
}) {
  const ns = o.ns ?? 'default';
  const suffix = hex(o.name).slice(0, 5).replace(/[0-9]/g, (d) => 'bcdfghjklm'[Number(d)]);
  const vols = [...(o.volumes ?? []), apiAccess(suffix)];
  const containers = o.containers.map((c) => ({
    imagePullPolicy: 'Always', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
    ...c, volumeMounts: [...(c.volumeMounts ?? []), apiMount(suffix)],
  }));
  const status: any = {
    conditions: o.conditions ?? conds(o.age, o.ready ?? true, !!o.node),
    ...(o.statuses ? { containerStatuses: o.statuses } : {}),
    ...(o.node ? { hostIP: o.node.status.addresses[0].address, hostIPs: [{ ip: o.node.status.addresses[0].address }] } : {}),
    ...(o.initStatuses ? { initContainerStatuses: o.initStatuses } : {}),
    phase: o.phase ?? 'Running',
    ...(o.ip ? { podIP: o.ip, podIPs: [{ ip: o.ip }] } : {}),
    qosClass: o.qos ?? 'BestEffort',
    ...(o.node && !o.noStart ? { startTime: t(o.age) } : {}),
    ...(o.extraStatus ?? {}),
  };
  return add({
    apiVersion: 'v1', kind: 'Pod',
    metadata: meta(o.name, ns, o.age, {
      annotations: o.annotations, labels: o.labels, ownerReferences: o.owner ? owner(o.owner) : undefined, generateName: o.generateName,
      deletionTimestamp: o.deletionTimestamp, deletionGracePeriodSeconds: o.deletionTimestamp ? 30 : undefined,
    }),
    spec: {
      containers,
      dnsPolicy: 'ClusterFirst', enableServiceLinks: true,
      ...(o.initContainers ? { initContainers: o.initContainers.map((c) => ({ imagePullPolicy: 'IfNotPresent', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', ...c, volumeMounts: [...(c.volumeMounts ?? []), apiMount(suffix)] })) } : {}),
      ...(o.node ? { nodeName: o.node.metadata.name } : {}),
      preemptionPolicy: 'PreemptLowerPriority', priority: 0, restartPolicy: 'Always', schedulerName: 'default-scheduler',
      securityContext: {}, serviceAccount: o.sa ?? 'default', serviceAccountName: o.sa ?? 'default', terminationGracePeriodSeconds: 30,
      tolerations: o.tolerations ?? TOLERATIONS,
      volumes: vols,
      ...(o.extraSpec ?? {}),
    },
    status,
  });
}
const running = (name: string, image: string, imageID: string, started: number, extra: any = {}) => ({
  containerID: `containerd://${hex(name + started)}`, image, imageID, lastState: {}, name, ready: true, restartCount: 0, started: true,
  state: { running: { startedAt: t(started) } }, ...extra,
});

// Deployment web: revision 1 (nginx:1.26, scaled down) and revision 2 (nginx:1.27)
const webTemplate = (image: string, hash?: string) => ({
  metadata: { creationTimestamp: null, labels: { app: 'web', ...(hash ? { 'pod-template-hash': hash } : {}) } },
  spec: {
    containers: [{
      image, imagePullPolicy: 'IfNotPresent', name: 'nginx',
      ports: [{ containerPort: 80, name: 'http', protocol: 'TCP' }],
      resources: { limits: { memory: '256Mi' }, requests: { cpu: '100m', memory: '128Mi' } },
      readinessProbe: { failureThreshold: 3, httpGet: { path: '/', port: 'http', scheme: 'HTTP' }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
      terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
    }],
    dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30,
  },
});
const web = add({
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: meta('web', 'default', 2 * HOUR, { annotations: { 'deployment.kubernetes.io/revision': '2', 'kubernetes.io/change-cause': 'kubectl set image deployment/web nginx=nginx:1.27' }, generation: 2, labels: { app: 'web', tier: 'frontend' } }),
  spec: {
    progressDeadlineSeconds: 600, replicas: 3, revisionHistoryLimit: 10, selector: { matchLabels: { app: 'web' } },
    strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
    template: webTemplate('nginx:1.27'),
  },
  status: {
    availableReplicas: 2, conditions: [
      { lastTransitionTime: t(2 * HOUR - 10), lastUpdateTime: t(2 * HOUR - 10), message: 'Deployment has minimum availability.', reason: 'MinimumReplicasAvailable', status: 'True', type: 'Available' },
      { lastTransitionTime: t(2 * HOUR), lastUpdateTime: t(9 * MIN), message: 'ReplicaSet "web-7d9c6b8f5" has successfully progressed.', reason: 'NewReplicaSetAvailable', status: 'True', type: 'Progressing' },
    ], observedGeneration: 2, readyReplicas: 2, replicas: 3, unavailableReplicas: 1, updatedReplicas: 3,
  },
});
const rsOld = add({
  apiVersion: 'apps/v1', kind: 'ReplicaSet',
  metadata: meta('web-5c4f8b7d9', 'default', 2 * HOUR, { annotations: { 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4', 'deployment.kubernetes.io/revision': '1' }, generation: 3, labels: { app: 'web', 'pod-template-hash': '5c4f8b7d9' }, ownerReferences: owner(web) }),
  spec: { replicas: 0, selector: { matchLabels: { app: 'web', 'pod-template-hash': '5c4f8b7d9' } }, template: webTemplate('nginx:1.26', '5c4f8b7d9') },
  status: { observedGeneration: 3, replicas: 0 },
});
const rsNew = add({
  apiVersion: 'apps/v1', kind: 'ReplicaSet',
  metadata: meta('web-7d9c6b8f5', 'default', 10 * MIN, { annotations: { 'deployment.kubernetes.io/desired-replicas': '3', 'deployment.kubernetes.io/max-replicas': '4', 'deployment.kubernetes.io/revision': '2' }, generation: 1, labels: { app: 'web', 'pod-template-hash': '7d9c6b8f5' }, ownerReferences: owner(web) }),
  spec: { replicas: 3, selector: { matchLabels: { app: 'web', 'pod-template-hash': '7d9c6b8f5' } }, template: webTemplate('nginx:1.27', '7d9c6b8f5') },
  status: { availableReplicas: 2, fullyLabeledReplicas: 3, observedGeneration: 1, readyReplicas: 2, replicas: 3 },
});
const webPodSpec = (name: string, node: any, ip: string, ready = true) => pod({
  name, age: 10 * MIN, labels: { app: 'web', 'pod-template-hash': '7d9c6b8f5' }, owner: rsNew, node, ip, qos: 'Burstable', generateName: 'web-7d9c6b8f5-', ready,
  containers: [{ ...webTemplate('nginx:1.27').spec.containers[0] }],
  statuses: [running('nginx', 'docker.io/library/nginx:1.27', 'docker.io/library/nginx@sha256:' + hex('nginx127'), 10 * MIN - 6, { ready })],
});
webPodSpec('web-7d9c6b8f5-4xkqp', w1, '10.244.1.7');
webPodSpec('web-7d9c6b8f5-9zt2m', w2, '10.244.2.5');
webPodSpec('web-7d9c6b8f5-tw8rb', w2, '10.244.2.6', false);

// a pod with everything: init container, several ports, command/args, env of all kinds, probes,
// guaranteed resources, volumes of several types, node selector, priority
pod({
  name: 'api-6b7f9c-x2x7k', age: 3 * HOUR, labels: { app: 'api', version: 'v2' }, node: w1, ip: '10.244.1.4', qos: 'Guaranteed',
  annotations: { 'prometheus.io/port': '9090', 'prometheus.io/scrape': 'true', 'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1","kind":"Pod"}\n', 'example.com/long': 'x'.repeat(150) },
  initContainers: [{ name: 'migrate', image: 'example.com/api:2.4.1', command: ['/bin/migrate', '--wait'] }],
  initStatuses: [{ containerID: 'containerd://' + hex('migrate'), image: 'example.com/api:2.4.1', imageID: 'example.com/api@sha256:' + hex('api241'), lastState: {}, name: 'migrate', ready: true, restartCount: 0, started: false, state: { terminated: { containerID: 'containerd://' + hex('migrate'), exitCode: 0, finishedAt: t(3 * HOUR - 9), reason: 'Completed', startedAt: t(3 * HOUR - 4) } } }],
  containers: [{
    name: 'api', image: 'example.com/api:2.4.1', command: ['/bin/api'], args: ['--listen=:8080', '--metrics=:9090', '--log-format=json\n--verbose'],
    ports: [{ containerPort: 8080, name: 'http', protocol: 'TCP' }, { containerPort: 9090, name: 'metrics', protocol: 'TCP' }, { containerPort: 8125, hostPort: 8125, protocol: 'UDP' }],
    resources: { limits: { cpu: '500m', memory: '512Mi', 'ephemeral-storage': '1Gi' }, requests: { cpu: '500m', memory: '512Mi', 'ephemeral-storage': '1Gi' } },
    livenessProbe: { failureThreshold: 3, httpGet: { path: '/healthz', port: 8080, scheme: 'HTTP', host: '' }, initialDelaySeconds: 15, periodSeconds: 20, successThreshold: 1, timeoutSeconds: 2 },
    readinessProbe: { exec: { command: ['cat', '/tmp/ready'] }, failureThreshold: 3, periodSeconds: 5, successThreshold: 1, timeoutSeconds: 1 },
    startupProbe: { failureThreshold: 30, periodSeconds: 10, successThreshold: 1, tcpSocket: { port: 'http' }, timeoutSeconds: 1 },
    envFrom: [{ configMapRef: { name: 'app-config' } }, { prefix: 'DB_', secretRef: { name: 'db-credentials', optional: true } }],
    env: [
      { name: 'MODE', value: 'production' },
      { name: 'GREETING', value: 'hello\nworld' },
      { name: 'POD_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.name' } } },
      { name: 'POD_NAMESPACE', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' } } },
      { name: 'POD_UID', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.uid' } } },
      { name: 'POD_IP', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } },
      { name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } },
      { name: 'APP_LABEL', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: "metadata.labels['app']" } } },
      { name: 'CPU_LIMIT', valueFrom: { resourceFieldRef: { divisor: '0', resource: 'limits.cpu' } } },
      { name: 'MEM_REQUEST_MI', valueFrom: { resourceFieldRef: { containerName: 'api', divisor: '1Mi', resource: 'requests.memory' } } },
      { name: 'CPU_REQUEST_M', valueFrom: { resourceFieldRef: { divisor: '1m', resource: 'requests.cpu' } } },
      { name: 'DB_PASSWORD', valueFrom: { secretKeyRef: { key: 'password', name: 'db-credentials' } } },
      { name: 'FEATURE_FLAGS', valueFrom: { configMapKeyRef: { key: 'flags', name: 'app-config', optional: true } } },
    ],
    volumeMounts: [
      { mountPath: '/etc/config', name: 'config', readOnly: true },
      { mountPath: '/cache', name: 'cache' },
      { mountPath: '/data', name: 'data', subPath: 'api' },
      { mountPath: '/etc/tls', name: 'tls', readOnly: true },
      { mountPath: '/var/log/host', name: 'host-logs', readOnly: true },
      { mountPath: '/etc/podinfo', name: 'podinfo' },
    ],
  }],
  statuses: [running('api', 'example.com/api:2.4.1', 'example.com/api@sha256:' + hex('api241'), 3 * HOUR - 10)],
  volumes: [
    { configMap: { defaultMode: 420, name: 'app-config' }, name: 'config' },
    { emptyDir: { medium: 'Memory', sizeLimit: '64Mi' }, name: 'cache' },
    { name: 'data', persistentVolumeClaim: { claimName: 'api-data' } },
    { name: 'tls', secret: { defaultMode: 420, optional: false, secretName: 'web-tls' } },
    { hostPath: { path: '/var/log', type: 'Directory' }, name: 'host-logs' },
    { downwardAPI: { defaultMode: 420, items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.labels' }, path: 'labels' }, { path: 'cpu_limit', resourceFieldRef: { containerName: 'api', divisor: '1m', resource: 'limits.cpu' } }] }, name: 'podinfo' },
    { name: 'scratch', emptyDir: {} },
    { name: 'nfs-share', nfs: { path: '/exports/shared', server: 'nfs.example.com', readOnly: true } },
    { name: 'csi-secrets', csi: { driver: 'secrets-store.csi.k8s.io', readOnly: true, volumeAttributes: { secretProviderClass: 'vault-db', 'usePodIdentity': 'false' } } },
  ],
  extraSpec: { nodeSelector: { 'kubernetes.io/os': 'linux', disktype: 'ssd' }, priority: 1000, priorityClassName: 'high-priority', readinessGates: [{ conditionType: 'example.com/feature-ready' }], topologySpreadConstraints: [{ labelSelector: { matchLabels: { app: 'api' } }, maxSkew: 1, topologyKey: 'topology.kubernetes.io/zone', whenUnsatisfiable: 'ScheduleAnyway' }, { maxSkew: 2, topologyKey: 'kubernetes.io/hostname', whenUnsatisfiable: 'DoNotSchedule' }] },
  tolerations: [...TOLERATIONS, { key: 'dedicated', operator: 'Equal', value: 'api', effect: 'NoSchedule' }, { operator: 'Exists' }, { key: 'gpu', operator: 'Exists' }],
});

// pending, unschedulable
pod({
  name: 'big-job', age: 5 * MIN, labels: { run: 'big-job' }, phase: 'Pending', qos: 'Burstable', noStart: true,
  containers: [{ name: 'big-job', image: 'busybox', command: ['sleep', '3600'], resources: { requests: { cpu: '64', memory: '1Ti' } } }],
  conditions: [{ lastProbeTime: null, lastTransitionTime: t(5 * MIN), message: '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable, 2 Insufficient cpu. preemption: 0/4 nodes are available: 2 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.', reason: 'Unschedulable', status: 'False', type: 'PodScheduled' }],
});

// crash looping, restarted
pod({
  name: 'crashy', age: 25 * MIN, labels: { run: 'crashy' }, node: w1, ip: '10.244.1.9', ready: false,
  containers: [{ name: 'app', image: 'busybox:1.36', command: ['sh', '-c', 'echo starting; sleep 5; exit 1'] }],
  statuses: [{
    containerID: 'containerd://' + hex('crashy5'), image: 'docker.io/library/busybox:1.36', imageID: 'docker.io/library/busybox@sha256:' + hex('busybox'),
    lastState: { terminated: { containerID: 'containerd://' + hex('crashy5'), exitCode: 1, finishedAt: t(3 * MIN + 5), reason: 'Error', startedAt: t(3 * MIN + 10) } },
    name: 'app', ready: false, restartCount: 6, started: false,
    state: { waiting: { message: 'back-off 5m0s restarting failed container=app pod=crashy_default(' + uid('default/crashy') + ')', reason: 'CrashLoopBackOff' } },
  }],
});

// terminating (deleted 5 seconds ago with a 30 second grace period)
pod({
  name: 'web-5c4f8b7d9-old1', age: 2 * HOUR, labels: { app: 'web', 'pod-template-hash': '5c4f8b7d9' }, owner: rsOld, node: w1, ip: '10.244.1.3', qos: 'Burstable',
  deletionTimestamp: t(-25),
  containers: [{ ...webTemplate('nginx:1.26').spec.containers[0] }],
  statuses: [running('nginx', 'docker.io/library/nginx:1.26', 'docker.io/library/nginx@sha256:' + hex('nginx126'), 2 * HOUR - 6)],
});

// image pull back-off
pod({
  name: 'typo', age: 90, labels: { run: 'typo' }, node: w2, ip: '10.244.2.8', ready: false, phase: 'Pending',
  containers: [{ name: 'app', image: 'ngnix:latest' }],
  statuses: [{ image: 'ngnix:latest', imageID: '', lastState: {}, name: 'app', ready: false, restartCount: 0, started: false, state: { waiting: { message: 'Back-off pulling image "ngnix:latest"', reason: 'ImagePullBackOff' } } }],
});

// completed
pod({
  name: 'hello-29012345-abcde', age: 40 * MIN, labels: { 'job-name': 'hello-29012345' }, node: w2, ip: '10.244.2.3', ready: false, phase: 'Succeeded',
  containers: [{ name: 'hello', image: 'busybox', command: ['echo', 'hello'] }],
  statuses: [{ containerID: 'containerd://' + hex('hello'), image: 'docker.io/library/busybox:latest', imageID: 'docker.io/library/busybox@sha256:' + hex('busybox'), lastState: {}, name: 'hello', ready: false, restartCount: 0, started: false, state: { terminated: { containerID: 'containerd://' + hex('hello'), exitCode: 0, finishedAt: t(40 * MIN - 3), reason: 'Completed', startedAt: t(40 * MIN - 2) } } }],
  extraSpec: { restartPolicy: 'Never' },
});

// kube-system: coredns (Deployment), kube-proxy (DaemonSet), etcd (static pod)
const coredns = add({
  apiVersion: 'apps/v1', kind: 'Deployment',
  metadata: meta('coredns', 'kube-system', CLUSTER_AGE, { annotations: { 'deployment.kubernetes.io/revision': '1' }, generation: 1, labels: { 'k8s-app': 'kube-dns' } }),
  spec: {
    progressDeadlineSeconds: 600, replicas: 1, revisionHistoryLimit: 10, selector: { matchLabels: { 'k8s-app': 'kube-dns' } },
    strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: 1 }, type: 'RollingUpdate' },
    template: {
      metadata: { creationTimestamp: null, labels: { 'k8s-app': 'kube-dns' } },
      spec: {
        containers: [{
          args: ['-conf', '/etc/coredns/Corefile'], image: 'registry.k8s.io/coredns/coredns:v1.11.3', imagePullPolicy: 'IfNotPresent', name: 'coredns',
          livenessProbe: { failureThreshold: 5, httpGet: { path: '/health', port: 8080, scheme: 'HTTP' }, initialDelaySeconds: 60, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 5 },
          ports: [{ containerPort: 53, name: 'dns', protocol: 'UDP' }, { containerPort: 53, name: 'dns-tcp', protocol: 'TCP' }, { containerPort: 9153, name: 'metrics', protocol: 'TCP' }],
          readinessProbe: { failureThreshold: 3, httpGet: { path: '/ready', port: 8181, scheme: 'HTTP' }, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 1 },
          resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
          securityContext: { allowPrivilegeEscalation: false, capabilities: { add: ['NET_BIND_SERVICE'], drop: ['ALL'] }, readOnlyRootFilesystem: true },
          terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
          volumeMounts: [{ mountPath: '/etc/coredns', name: 'config-volume', readOnly: true }],
        }],
        dnsPolicy: 'Default', nodeSelector: { 'kubernetes.io/os': 'linux' }, priorityClassName: 'system-cluster-critical', restartPolicy: 'Always',
        schedulerName: 'default-scheduler', securityContext: {}, serviceAccount: 'coredns', serviceAccountName: 'coredns', terminationGracePeriodSeconds: 30,
        tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }],
        volumes: [{ configMap: { defaultMode: 420, items: [{ key: 'Corefile', path: 'Corefile' }], name: 'coredns' }, name: 'config-volume' }],
      },
    },
  },
  status: {
    availableReplicas: 1, conditions: [
      { lastTransitionTime: t(CLUSTER_AGE - 30), lastUpdateTime: t(CLUSTER_AGE - 30), message: 'Deployment has minimum availability.', reason: 'MinimumReplicasAvailable', status: 'True', type: 'Available' },
      { lastTransitionTime: t(CLUSTER_AGE - 10), lastUpdateTime: t(CLUSTER_AGE - 30), message: 'ReplicaSet "coredns-668d6bf9bc" has successfully progressed.', reason: 'NewReplicaSetAvailable', status: 'True', type: 'Progressing' },
    ], observedGeneration: 1, readyReplicas: 1, replicas: 1, updatedReplicas: 1,
  },
});
const corednsRS = add({
  apiVersion: 'apps/v1', kind: 'ReplicaSet',
  metadata: meta('coredns-668d6bf9bc', 'kube-system', CLUSTER_AGE, { annotations: { 'deployment.kubernetes.io/desired-replicas': '1', 'deployment.kubernetes.io/max-replicas': '2', 'deployment.kubernetes.io/revision': '1' }, generation: 1, labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': '668d6bf9bc' }, ownerReferences: owner(coredns) }),
  spec: { replicas: 1, selector: { matchLabels: { 'k8s-app': 'kube-dns', 'pod-template-hash': '668d6bf9bc' } }, template: { ...coredns.spec.template, metadata: { creationTimestamp: null, labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': '668d6bf9bc' } } } },
  status: { availableReplicas: 1, fullyLabeledReplicas: 1, observedGeneration: 1, readyReplicas: 1, replicas: 1 },
});
pod({
  name: 'coredns-668d6bf9bc-7bq4w', ns: 'kube-system', age: CLUSTER_AGE - 20, labels: { 'k8s-app': 'kube-dns', 'pod-template-hash': '668d6bf9bc' }, owner: corednsRS, node: cp, ip: '10.244.0.3', qos: 'Burstable', sa: 'coredns',
  containers: [{ ...coredns.spec.template.spec.containers[0] }],
  statuses: [running('coredns', 'registry.k8s.io/coredns/coredns:v1.11.3', 'sha256:c69fa2e9cbf5f42dc48af631e956d3f95724c13f91596bc567591790e5e36db6', CLUSTER_AGE - 25)],
  volumes: coredns.spec.template.spec.volumes,
  tolerations: [{ key: 'CriticalAddonsOnly', operator: 'Exists' }, { effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }, ...TOLERATIONS],
  extraSpec: { dnsPolicy: 'Default', nodeSelector: { 'kubernetes.io/os': 'linux' }, priority: 2000000000, priorityClassName: 'system-cluster-critical' },
});

const proxyTemplate = {
  metadata: { creationTimestamp: null, labels: { 'k8s-app': 'kube-proxy' } },
  spec: {
    containers: [{
      command: ['/usr/local/bin/kube-proxy', '--config=/var/lib/kube-proxy/config.conf', '--hostname-override=$(NODE_NAME)'],
      env: [{ name: 'NODE_NAME', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'spec.nodeName' } } }],
      image: 'registry.k8s.io/kube-proxy:v1.32.2', imagePullPolicy: 'IfNotPresent', name: 'kube-proxy', resources: {},
      securityContext: { privileged: true }, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
      volumeMounts: [{ mountPath: '/var/lib/kube-proxy', name: 'kube-proxy' }, { mountPath: '/run/xtables.lock', name: 'xtables-lock' }, { mountPath: '/lib/modules', name: 'lib-modules', readOnly: true }],
    }],
    dnsPolicy: 'ClusterFirst', hostNetwork: true, nodeSelector: { 'kubernetes.io/os': 'linux' }, priorityClassName: 'system-node-critical', restartPolicy: 'Always',
    schedulerName: 'default-scheduler', securityContext: {}, serviceAccount: 'kube-proxy', serviceAccountName: 'kube-proxy', terminationGracePeriodSeconds: 30,
    tolerations: [{ operator: 'Exists' }],
    volumes: [
      { configMap: { defaultMode: 420, name: 'kube-proxy' }, name: 'kube-proxy' },
      { hostPath: { path: '/run/xtables.lock', type: 'FileOrCreate' }, name: 'xtables-lock' },
      { hostPath: { path: '/lib/modules', type: '' }, name: 'lib-modules' },
    ],
  },
};
const proxyDS = add({
  apiVersion: 'apps/v1', kind: 'DaemonSet',
  metadata: meta('kube-proxy', 'kube-system', CLUSTER_AGE, { annotations: { 'deprecated.daemonset.template.generation': '1' }, generation: 1, labels: { 'k8s-app': 'kube-proxy' } }),
  spec: { revisionHistoryLimit: 10, selector: { matchLabels: { 'k8s-app': 'kube-proxy' } }, template: proxyTemplate, updateStrategy: { rollingUpdate: { maxSurge: 0, maxUnavailable: 1 }, type: 'RollingUpdate' } },
  status: { currentNumberScheduled: 4, desiredNumberScheduled: 4, numberAvailable: 3, numberMisscheduled: 0, numberReady: 3, numberUnavailable: 1, observedGeneration: 1, updatedNumberScheduled: 4 },
});
for (const [n, suffix] of [[cp, 'x8k2p'], [w1, 'm4d9s'], [w2, 'q7w2n']] as const) {
  pod({
    name: `kube-proxy-${suffix}`, ns: 'kube-system', age: CLUSTER_AGE - 15, labels: { 'controller-revision-hash': '7bb84c4984', 'k8s-app': 'kube-proxy', 'pod-template-generation': '1' }, owner: proxyDS, node: n, ip: n.status.addresses[0].address, sa: 'kube-proxy',
    containers: [{ ...proxyTemplate.spec.containers[0] }],
    statuses: [running('kube-proxy', 'registry.k8s.io/kube-proxy:v1.32.2', 'sha256:' + hex('kube-proxy'), CLUSTER_AGE - 17)],
    volumes: proxyTemplate.spec.volumes,
    tolerations: [{ operator: 'Exists' }, { effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists' }, { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists' }, { effect: 'NoSchedule', key: 'node.kubernetes.io/disk-pressure', operator: 'Exists' }],
    extraSpec: { hostNetwork: true, nodeSelector: { 'kubernetes.io/os': 'linux' }, priority: 2000001000, priorityClassName: 'system-node-critical' },
  });
}
add({
  apiVersion: 'v1', kind: 'Pod',
  metadata: meta('etcd-kind-control-plane', 'kube-system', CLUSTER_AGE - 5, {
    annotations: { 'kubeadm.kubernetes.io/etcd.advertise-client-urls': 'https://172.18.0.2:2379', 'kubernetes.io/config.hash': 'b1e5a9e0a1f24c3ab0f4f1f5d0b6e2c1', 'kubernetes.io/config.mirror': 'b1e5a9e0a1f24c3ab0f4f1f5d0b6e2c1', 'kubernetes.io/config.seen': t(CLUSTER_AGE - 8).replace('Z', '.912833412Z'), 'kubernetes.io/config.source': 'file' },
    labels: { component: 'etcd', tier: 'control-plane' },
    ownerReferences: [{ apiVersion: 'v1', controller: true, kind: 'Node', name: 'kind-control-plane', uid: cp.metadata.uid }],
  }),
  spec: {
    containers: [{
      command: ['etcd', '--advertise-client-urls=https://172.18.0.2:2379', '--data-dir=/var/lib/etcd'], image: 'registry.k8s.io/etcd:3.5.16-0', imagePullPolicy: 'IfNotPresent', name: 'etcd',
      livenessProbe: { failureThreshold: 8, httpGet: { host: '127.0.0.1', path: '/livez', port: 2381, scheme: 'HTTP' }, initialDelaySeconds: 10, periodSeconds: 10, successThreshold: 1, timeoutSeconds: 15 },
      resources: { requests: { cpu: '100m', memory: '100Mi' } }, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
      volumeMounts: [{ mountPath: '/var/lib/etcd', name: 'etcd-data' }],
    }],
    dnsPolicy: 'ClusterFirst', hostNetwork: true, nodeName: 'kind-control-plane', priority: 2000001000, priorityClassName: 'system-node-critical', restartPolicy: 'Always',
    schedulerName: 'default-scheduler', securityContext: { seccompProfile: { type: 'RuntimeDefault' } }, terminationGracePeriodSeconds: 30, tolerations: [{ effect: 'NoExecute', operator: 'Exists' }],
    volumes: [{ hostPath: { path: '/var/lib/etcd', type: 'DirectoryOrCreate' }, name: 'etcd-data' }],
  },
  status: {
    conditions: conds(CLUSTER_AGE - 5, true), containerStatuses: [running('etcd', 'registry.k8s.io/etcd:3.5.16-0', 'sha256:' + hex('etcd'), CLUSTER_AGE - 7)],
    hostIP: '172.18.0.2', hostIPs: [{ ip: '172.18.0.2' }], phase: 'Running', podIP: '172.18.0.2', podIPs: [{ ip: '172.18.0.2' }], qosClass: 'Burstable', startTime: t(CLUSTER_AGE - 6),
  },
});

// StatefulSet db with a volume claim template
const db = add({
  apiVersion: 'apps/v1', kind: 'StatefulSet',
  metadata: meta('db', 'default', DAY, { generation: 1, labels: { app: 'db' } }),
  spec: {
    persistentVolumeClaimRetentionPolicy: { whenDeleted: 'Retain', whenScaled: 'Retain' }, podManagementPolicy: 'OrderedReady', replicas: 2, revisionHistoryLimit: 10,
    selector: { matchLabels: { app: 'db' } }, serviceName: 'db',
    template: { metadata: { creationTimestamp: null, labels: { app: 'db' } }, spec: { containers: [{ env: [{ name: 'POSTGRES_PASSWORD', valueFrom: { secretKeyRef: { key: 'password', name: 'db-credentials' } } }], image: 'postgres:16', imagePullPolicy: 'IfNotPresent', name: 'postgres', ports: [{ containerPort: 5432, name: 'pg', protocol: 'TCP' }], resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File', volumeMounts: [{ mountPath: '/var/lib/postgresql/data', name: 'data' }] }], dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30 } },
    updateStrategy: { rollingUpdate: { partition: 0 }, type: 'RollingUpdate' },
    volumeClaimTemplates: [{ apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: { creationTimestamp: null, labels: { app: 'db' }, name: 'data' }, spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeMode: 'Filesystem' }, status: { phase: 'Pending' } }],
  },
  status: { availableReplicas: 2, collisionCount: 0, currentReplicas: 2, currentRevision: 'db-5d8c7b9f4', observedGeneration: 1, readyReplicas: 2, replicas: 2, updateRevision: 'db-5d8c7b9f4', updatedReplicas: 2 },
});
for (const [i, n, ip] of [[0, w1, '10.244.1.5'], [1, w2, '10.244.2.4']] as const) {
  pod({
    name: `db-${i}`, age: DAY - i * 20, labels: { app: 'db', 'apps.kubernetes.io/pod-index': String(i), 'controller-revision-hash': 'db-5d8c7b9f4', 'statefulset.kubernetes.io/pod-name': `db-${i}` }, owner: db, node: n, ip,
    containers: [{ ...db.spec.template.spec.containers[0] }],
    statuses: [running('postgres', 'docker.io/library/postgres:16', 'docker.io/library/postgres@sha256:' + hex('pg16'), DAY - i * 20 - 8)],
    volumes: [{ name: 'data', persistentVolumeClaim: { claimName: `data-db-${i}` } }],
    extraSpec: { hostname: `db-${i}`, subdomain: 'db' },
  });
  add({
    apiVersion: 'v1', kind: 'PersistentVolumeClaim',
    metadata: meta(`data-db-${i}`, 'default', DAY - i * 20, { annotations: { 'pv.kubernetes.io/bind-completed': 'yes', 'pv.kubernetes.io/bound-by-controller': 'yes', 'volume.beta.kubernetes.io/storage-provisioner': 'rancher.io/local-path', 'volume.kubernetes.io/selected-node': n.metadata.name, 'volume.kubernetes.io/storage-provisioner': 'rancher.io/local-path' }, finalizers: ['kubernetes.io/pvc-protection'], labels: { app: 'db' } }),
    spec: { accessModes: ['ReadWriteOnce'], resources: { requests: { storage: '1Gi' } }, storageClassName: 'standard', volumeMode: 'Filesystem', volumeName: `pvc-${uid('pv' + i)}` },
    status: { accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, phase: 'Bound' },
  });
}
add({
  apiVersion: 'v1', kind: 'PersistentVolumeClaim',
  metadata: meta('api-data', 'default', 3 * HOUR, { finalizers: ['kubernetes.io/pvc-protection'] }),
  spec: { accessModes: ['ReadWriteOnce', 'ReadOnlyMany'], resources: { requests: { storage: '5Gi' } }, storageClassName: 'fast', volumeMode: 'Filesystem' },
  status: { phase: 'Pending' },
});

// ---------------------------------------------------------------------------------------------
// Services, endpoints, endpoint slices

function service(name: string, ns: string, age: number, spec: any, extra: any = {}) {
  const isExt = spec.type === 'ExternalName';
  return add({
    apiVersion: 'v1', kind: 'Service',
    metadata: meta(name, ns, age, { labels: extra.labels, annotations: extra.annotations }),
    spec: isExt ? { sessionAffinity: 'None', ...spec } : {
      clusterIP: spec.clusterIP, clusterIPs: [spec.clusterIP], internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
      sessionAffinity: 'None', type: 'ClusterIP', ...spec,
    },
    status: { loadBalancer: extra.lb ?? {} },
  });
}
function endpoints(name: string, ns: string, age: number, subsets: any[], labels?: any) {
  return add({
    apiVersion: 'v1', kind: 'Endpoints',
    metadata: meta(name, ns, age, { labels, annotations: subsets.length ? { 'endpoints.kubernetes.io/last-change-trigger-time': t(age - 8) } : undefined }),
    ...(subsets.length ? { subsets } : {}),
  });
}
function slice(name: string, ns: string, svcName: string, age: number, ports: any[] | null, eps: any[], labels: any = {}) {
  return add({
    addressType: 'IPv4', apiVersion: 'discovery.k8s.io/v1', endpoints: eps, kind: 'EndpointSlice',
    metadata: meta(name, ns, age, {
      annotations: { 'endpoints.kubernetes.io/last-change-trigger-time': t(age - 8) }, generateName: `${svcName}-`, generation: 3,
      labels: { 'endpointslice.kubernetes.io/managed-by': 'endpointslice-controller.k8s.io', 'kubernetes.io/service-name': svcName, ...labels },
      ownerReferences: [{ apiVersion: 'v1', blockOwnerDeletion: true, controller: true, kind: 'Service', name: svcName, uid: uid(`${ns}/${svcName}`) }],
    }),
    ...(ports ? { ports } : {}),
  });
}
const ep = (ip: string, podName: string, node: string, ready = true, ns = 'default', extra: any = {}) => ({
  addresses: [ip], conditions: { ready, serving: ready, terminating: false }, nodeName: node,
  targetRef: { kind: 'Pod', name: podName, namespace: ns, uid: uid(`${ns}/${podName}`) }, ...extra,
});

service('kubernetes', 'default', CLUSTER_AGE, { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] }, { labels: { component: 'apiserver', provider: 'kubernetes' } });
endpoints('kubernetes', 'default', CLUSTER_AGE, [{ addresses: [{ ip: '172.18.0.2' }], ports: [{ name: 'https', port: 6443, protocol: 'TCP' }] }], { 'endpointslice.kubernetes.io/skip-mirror': 'true' });
add({
  addressType: 'IPv4', apiVersion: 'discovery.k8s.io/v1', endpoints: [{ addresses: ['172.18.0.2'], conditions: { ready: true } }], kind: 'EndpointSlice',
  metadata: meta('kubernetes', 'default', CLUSTER_AGE, { generation: 1, labels: { 'kubernetes.io/service-name': 'kubernetes' } }),
  ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
});

const webSvc = service('web', 'default', 2 * HOUR, { clusterIP: '10.96.120.15', ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 'http' }], selector: { app: 'web' } }, { labels: { app: 'web' } });
void webSvc;
const webEps = [ep('10.244.1.7', 'web-7d9c6b8f5-4xkqp', 'kind-worker'), ep('10.244.2.5', 'web-7d9c6b8f5-9zt2m', 'kind-worker2'), ep('10.244.2.6', 'web-7d9c6b8f5-tw8rb', 'kind-worker2', false)];
endpoints('web', 'default', 2 * HOUR, [{ addresses: [{ ip: '10.244.1.7', nodeName: 'kind-worker', targetRef: webEps[0].targetRef }, { ip: '10.244.2.5', nodeName: 'kind-worker2', targetRef: webEps[1].targetRef }], notReadyAddresses: [{ ip: '10.244.2.6', nodeName: 'kind-worker2', targetRef: webEps[2].targetRef }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }] }], { app: 'web' });
slice('web-8xqzt', 'default', 'web', 2 * HOUR, [{ name: 'http', port: 80, protocol: 'TCP' }], webEps, { app: 'web' });

service('web-np', 'default', HOUR, { clusterIP: '10.96.44.201', externalTrafficPolicy: 'Cluster', ports: [{ nodePort: 31202, port: 80, protocol: 'TCP', targetPort: 80 }], selector: { app: 'web' }, type: 'NodePort' });
endpoints('web-np', 'default', HOUR, [{ addresses: [{ ip: '10.244.1.7' }, { ip: '10.244.2.5' }], notReadyAddresses: [{ ip: '10.244.2.6' }], ports: [{ port: 80, protocol: 'TCP' }] }]);
slice('web-np-k2v9d', 'default', 'web-np', HOUR, [{ name: '', port: 80, protocol: 'TCP' }], webEps);

service('web-lb', 'default', 50 * MIN, {
  allocateLoadBalancerNodePorts: true, clusterIP: '10.96.201.7', externalTrafficPolicy: 'Local', healthCheckNodePort: 32456, loadBalancerIP: '172.18.255.200',
  loadBalancerSourceRanges: ['10.0.0.0/8', '192.168.0.0/16'],
  ports: [{ name: 'http', nodePort: 30080, port: 80, protocol: 'TCP', targetPort: 'http' }, { name: 'https', nodePort: 30443, port: 443, protocol: 'TCP', targetPort: 8443 }],
  selector: { app: 'web' }, sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } }, type: 'LoadBalancer',
}, { lb: { ingress: [{ ip: '172.18.255.200', ipMode: 'VIP' }, { hostname: 'web.lb.example.com' }] }, annotations: { 'metallb.universe.tf/ip-allocated-from-pool': 'default' } });
endpoints('web-lb', 'default', 50 * MIN, [{ addresses: [{ ip: '10.244.1.7' }, { ip: '10.244.2.5' }], ports: [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'https', port: 8443, protocol: 'TCP' }] }]);
slice('web-lb-7fj2x', 'default', 'web-lb', 50 * MIN, [{ name: 'http', port: 80, protocol: 'TCP' }, { name: 'https', port: 8443, protocol: 'TCP' }], webEps);

service('lb-pending', 'default', 3 * MIN, { allocateLoadBalancerNodePorts: true, clusterIP: '10.96.9.9', externalTrafficPolicy: 'Cluster', ports: [{ nodePort: 32001, port: 8080, protocol: 'TCP', targetPort: 8080 }], selector: { app: 'nothing' }, type: 'LoadBalancer' });
endpoints('lb-pending', 'default', 3 * MIN, []);
slice('lb-pending-qq8t2', 'default', 'lb-pending', 3 * MIN, [], []);

service('external-db', 'default', DAY, { externalName: 'db.example.com', ports: [{ port: 5432, protocol: 'TCP', targetPort: 5432 }], type: 'ExternalName' });
service('search', 'default', DAY, { externalName: 'search.example.com', type: 'ExternalName' });

service('db', 'default', DAY, { clusterIP: 'None', clusterIPs: ['None'], ports: [{ name: 'pg', port: 5432, protocol: 'TCP', targetPort: 5432 }], publishNotReadyAddresses: true, selector: { app: 'db' } }, { labels: { app: 'db' } });
endpoints('db', 'default', DAY, [{ addresses: [{ hostname: 'db-0', ip: '10.244.1.5' }, { hostname: 'db-1', ip: '10.244.2.4' }], ports: [{ name: 'pg', port: 5432, protocol: 'TCP' }] }], { app: 'db', 'service.kubernetes.io/headless': '' });
slice('db-h7c2k', 'default', 'db', DAY, [{ name: 'pg', port: 5432, protocol: 'TCP' }], [ep('10.244.1.5', 'db-0', 'kind-worker', true, 'default', { hostname: 'db-0' }), ep('10.244.2.4', 'db-1', 'kind-worker2', true, 'default', { hostname: 'db-1' })], { app: 'db', 'service.kubernetes.io/headless': '' });

service('headless-noports', 'default', DAY, { clusterIP: 'None', clusterIPs: ['None'], selector: { app: 'db' } });
slice('headless-noports-abcde', 'default', 'headless-noports', DAY, null, [ep('10.244.1.5', 'db-0', 'kind-worker'), ep('10.244.2.4', 'db-1', 'kind-worker2')]);

// many endpoints, two ports, two slices, one address family each; one endpoint terminating
const manyEps = Array.from({ length: 10 }, (_, i) => ep(`10.244.${1 + (i % 2)}.${20 + i}`, `httpenv-6fdc8554fb-${'abcdefghij'[i]}x${i}zz`, i % 2 ? 'kind-worker2' : 'kind-worker', i !== 7, 'default', { zone: i % 2 ? 'zone-b' : 'zone-a' }));
service('httpenv', 'default', 30 * MIN, { clusterIP: '10.96.33.100', ports: [{ name: 'http', port: 8888, protocol: 'TCP', targetPort: 8888 }, { name: 'metrics', port: 9100, protocol: 'TCP', targetPort: 9100 }], selector: { app: 'httpenv' } }, { labels: { app: 'httpenv' } });
endpoints('httpenv', 'default', 30 * MIN, [{ addresses: manyEps.filter((e) => e.conditions.ready).map((e) => ({ ip: e.addresses[0], nodeName: e.nodeName, targetRef: e.targetRef })), notReadyAddresses: manyEps.filter((e) => !e.conditions.ready).map((e) => ({ ip: e.addresses[0] })), ports: [{ name: 'metrics', port: 9100, protocol: 'TCP' }, { name: 'http', port: 8888, protocol: 'TCP' }] }], { app: 'httpenv' });
slice('httpenv-2x9kd', 'default', 'httpenv', 30 * MIN, [{ name: 'http', port: 8888, protocol: 'TCP' }, { name: 'metrics', port: 9100, protocol: 'TCP' }], manyEps.slice(0, 6), { app: 'httpenv' });
slice('httpenv-8vtq4', 'default', 'httpenv', 30 * MIN, [{ name: 'metrics', port: 9100, protocol: 'TCP' }, { name: 'http', port: 8888, protocol: 'TCP' }], manyEps.slice(6), { app: 'httpenv' });

service('no-slices', 'default', 20 * MIN, { clusterIP: '10.96.77.77', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }], selector: { app: 'ghost' } });
endpoints('manual', 'default', 20 * MIN, [{ addresses: [{ ip: '192.168.10.5' }, { ip: '192.168.10.6' }], ports: [{ name: 'mysql', port: 3306, protocol: 'TCP' }, { name: 'admin', port: 33060, protocol: 'TCP' }] }, { addresses: [{ ip: '192.168.20.5' }], ports: [{ port: 5432, protocol: 'TCP' }] }]);
service('manual', 'default', 20 * MIN, { clusterIP: '10.96.88.8', ports: [{ name: 'mysql', port: 3306, protocol: 'TCP', targetPort: 3306 }] });

service('kube-dns', 'kube-system', CLUSTER_AGE, {
  clusterIP: '10.96.0.10', ports: [{ name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 }, { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 }, { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 }],
  selector: { 'k8s-app': 'kube-dns' },
}, { labels: { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' }, annotations: { 'prometheus.io/port': '9153', 'prometheus.io/scrape': 'true' } });
slice('kube-dns-6xwz9', 'kube-system', 'kube-dns', CLUSTER_AGE, [{ name: 'dns-tcp', port: 53, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }, { name: 'metrics', port: 9153, protocol: 'TCP' }], [ep('10.244.0.3', 'coredns-668d6bf9bc-7bq4w', 'kind-control-plane', true, 'kube-system')], { 'k8s-app': 'kube-dns', 'kubernetes.io/cluster-service': 'true', 'kubernetes.io/name': 'CoreDNS' });
endpoints('kube-dns', 'kube-system', CLUSTER_AGE, [{ addresses: [{ ip: '10.244.0.3', nodeName: 'kind-control-plane', targetRef: { kind: 'Pod', name: 'coredns-668d6bf9bc-7bq4w', namespace: 'kube-system', uid: uid('kube-system/coredns-668d6bf9bc-7bq4w') } }], ports: [{ name: 'dns-tcp', port: 53, protocol: 'TCP' }, { name: 'dns', port: 53, protocol: 'UDP' }, { name: 'metrics', port: 9153, protocol: 'TCP' }] }], { 'k8s-app': 'kube-dns' });

// ---------------------------------------------------------------------------------------------
// Ingress, NetworkPolicy

add({
  apiVersion: 'networking.k8s.io/v1', kind: 'IngressClass',
  metadata: meta('nginx', undefined, CLUSTER_AGE, { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' }, labels: { 'app.kubernetes.io/component': 'controller', 'app.kubernetes.io/name': 'ingress-nginx' } }),
  spec: { controller: 'k8s.io/ingress-nginx' },
});
add({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
  metadata: meta('web', 'default', HOUR, { annotations: { 'nginx.ingress.kubernetes.io/rewrite-target': '/' }, generation: 1, labels: { app: 'web' } }),
  spec: {
    ingressClassName: 'nginx', defaultBackend: { service: { name: 'web', port: { name: 'http' } } },
    rules: [
      { host: 'web.example.com', http: { paths: [{ backend: { service: { name: 'web', port: { number: 80 } } }, path: '/', pathType: 'Prefix' }, { backend: { service: { name: 'httpenv', port: { number: 8888 } } }, path: '/env', pathType: 'Exact' }] } },
      { http: { paths: [{ backend: { service: { name: 'missing', port: { number: 8080 } } }, path: '/missing', pathType: 'ImplementationSpecific' }, { backend: { resource: { apiGroup: 'k8s.example.com', kind: 'StorageBucket', name: 'static-assets' } }, path: '/static', pathType: 'Prefix' }] } },
      { host: 'nohttp.example.com' },
    ],
    tls: [{ hosts: ['web.example.com', 'www.example.com'], secretName: 'web-tls' }, { hosts: ['sni.example.com'] }],
  },
  status: { loadBalancer: { ingress: [{ ip: '172.18.0.4' }, { ip: '172.18.0.3' }, { hostname: 'ingress.example.com' }] } },
});
add({
  apiVersion: 'networking.k8s.io/v1', kind: 'Ingress',
  metadata: meta('simple', 'default', 20 * MIN, { generation: 1 }),
  spec: { defaultBackend: { service: { name: 'web', port: { number: 80 } } } },
  status: { loadBalancer: {} },
});

add({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
  metadata: meta('default-deny', 'default', DAY, { generation: 1 }),
  spec: { podSelector: {}, policyTypes: ['Ingress', 'Egress'] },
});
add({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
  metadata: meta('allow-web', 'default', 2 * HOUR, { generation: 1, labels: { app: 'web' }, annotations: { description: 'web may be reached from the ingress controller and the api' } }),
  spec: {
    podSelector: { matchExpressions: [{ key: 'tier', operator: 'In', values: ['frontend', 'edge'] }], matchLabels: { app: 'web' } },
    ingress: [
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'ingress-nginx' } }, podSelector: { matchLabels: { 'app.kubernetes.io/name': 'ingress-nginx' } } }, { podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 80, protocol: 'TCP' }, { port: 'http' }] },
      { from: [{ ipBlock: { cidr: '10.0.0.0/8', except: ['10.1.0.0/16', '10.2.0.0/16'] } }, { namespaceSelector: {} }], ports: [{ endPort: 32768, port: 32000, protocol: 'UDP' }] },
      {},
    ],
    egress: [{ ports: [{ port: 53, protocol: 'UDP' }], to: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'kube-system' } } }] }, { to: [{ ipBlock: { cidr: '0.0.0.0/0' } }] }],
    policyTypes: ['Ingress', 'Egress'],
  },
});
add({
  apiVersion: 'networking.k8s.io/v1', kind: 'NetworkPolicy',
  metadata: meta('ingress-only', 'default', 2 * HOUR, { generation: 1 }),
  spec: { podSelector: { matchLabels: { app: 'db' } }, ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 5432, protocol: 'TCP' }] }], policyTypes: ['Ingress'] },
});

// ---------------------------------------------------------------------------------------------
// Secrets, config maps, service accounts

const b64 = (s: string) => Buffer.from(s).toString('base64');
add({ apiVersion: 'v1', kind: 'Secret', metadata: meta('db-credentials', 'default', DAY, { labels: { app: 'db' } }), data: { password: b64('s3cr3t-p4ssw0rd'), username: b64('postgres') }, type: 'Opaque' });
add({ apiVersion: 'v1', kind: 'Secret', metadata: meta('web-tls', 'default', DAY, { annotations: { 'cert-manager.io/issuer-name': 'letsencrypt' } }), data: { 'tls.crt': b64('-----BEGIN CERTIFICATE-----\n' + 'A'.repeat(1200) + '\n-----END CERTIFICATE-----\n'), 'tls.key': b64('-----BEGIN PRIVATE KEY-----\n' + 'B'.repeat(1600) + '\n-----END PRIVATE KEY-----\n') }, type: 'kubernetes.io/tls' });
add({ apiVersion: 'v1', kind: 'Secret', metadata: meta('empty', 'default', HOUR), type: 'Opaque' });
add({ apiVersion: 'v1', kind: 'Secret', metadata: meta('regcred', 'default', DAY), data: { '.dockerconfigjson': b64('{"auths":{"registry.example.com":{"username":"ci","password":"x","auth":"Y2k6eA=="}}}') }, type: 'kubernetes.io/dockerconfigjson' });
const robotUid = uid('default/build-robot');
add({
  apiVersion: 'v1', kind: 'Secret',
  metadata: meta('build-robot-token', 'default', DAY, { annotations: { 'kubernetes.io/service-account.name': 'build-robot', 'kubernetes.io/service-account.uid': robotUid } }),
  data: { 'ca.crt': b64('-----BEGIN CERTIFICATE-----\n' + 'C'.repeat(1000) + '\n-----END CERTIFICATE-----\n'), namespace: b64('default'), token: b64('eyJhbGciOiJSUzI1NiIsImtpZCI6IkFCQyJ9.eyJzdWIiOiJzeXN0ZW06c2VydmljZWFjY291bnQ6ZGVmYXVsdDpidWlsZC1yb2JvdCJ9.c2lnbmF0dXJl') },
  type: 'kubernetes.io/service-account-token',
});

add({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('app-config', 'default', 3 * HOUR, { labels: { app: 'api' } }), data: { 'app.properties': 'color=blue\nsize=large\n', flags: 'beta,dark-mode', 'log.level': 'info' } });
add({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('kube-root-ca.crt', 'default', CLUSTER_AGE, { annotations: { 'kubernetes.io/description': "Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters." } }), data: { 'ca.crt': '-----BEGIN CERTIFICATE-----\nMIIDBTCCAe2gAwIBAgIIQ0VSVElGSUNBVEUwDQYJKoZIhvcNAQELBQAwFTETMBEG\n-----END CERTIFICATE-----\n' } });
add({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('blobs', 'default', HOUR), binaryData: { 'logo.png': b64('\x89PNG\r\n\x1a\n' + 'x'.repeat(100)) }, data: { readme: 'see logo.png' } });
add({ apiVersion: 'v1', kind: 'ConfigMap', metadata: meta('nothing', 'default', HOUR) });

add({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('default', 'default', CLUSTER_AGE) });
add({
  apiVersion: 'v1', kind: 'ServiceAccount',
  metadata: meta('build-robot', 'default', DAY, { uid: robotUid, labels: { team: 'ci' }, annotations: { 'example.com/owner': 'ci-team' } }),
  imagePullSecrets: [{ name: 'regcred' }, { name: 'missing-regcred' }],
  secrets: [{ name: 'build-robot-token' }, { name: 'gone-token' }],
});

// ---------------------------------------------------------------------------------------------
// Events

let evSeq = 0;
function event(o: { obj: any; reason: string; message: string; type?: string; source?: any; first: number; last?: number; count?: number; fieldPath?: string; uidOverride?: string; ns?: string; series?: { count: number; last: number }; eventTime?: number; reporting?: string }) {
  const ns = o.ns ?? o.obj.metadata.namespace ?? 'default';
  const name = `${o.obj.metadata.name}.${(0x18ea264c2888fc00n + BigInt(evSeq++)).toString(16)}`;
  const modern = o.eventTime !== undefined;
  return add({
    apiVersion: 'v1', kind: 'Event',
    ...(modern ? { action: o.reason === 'Scheduled' ? 'Binding' : 'Update' } : {}),
    ...(o.count !== undefined ? { count: o.count } : modern ? {} : { count: 1 }),
    eventTime: modern ? micro(o.eventTime!) : null,
    firstTimestamp: modern ? null : t(o.first),
    involvedObject: {
      apiVersion: o.obj.apiVersion, ...(o.fieldPath ? { fieldPath: o.fieldPath } : {}), kind: o.obj.kind, name: o.obj.metadata.name,
      ...(o.obj.metadata.namespace ? { namespace: o.obj.metadata.namespace } : {}), resourceVersion: o.obj.metadata.resourceVersion, uid: o.uidOverride ?? o.obj.metadata.uid,
    },
    lastTimestamp: modern ? null : t(o.last ?? o.first),
    message: o.message,
    metadata: meta(name, ns, o.last ?? o.first),
    reason: o.reason,
    reportingComponent: o.reporting ?? (modern ? o.source?.component ?? '' : ''),
    reportingInstance: '',
    ...(o.series ? { series: { count: o.series.count, lastObservedTime: micro(o.series.last) } } : {}),
    source: modern ? {} : (o.source ?? {}),
    type: o.type ?? 'Normal',
  });
}
const find = (kind: string, name: string, ns?: string) => objects.find((o) => o.kind === kind && o.metadata.name === name && (ns === undefined || o.metadata.namespace === ns));

const webPod = find('Pod', 'web-7d9c6b8f5-4xkqp');
event({ obj: webPod, reason: 'Scheduled', message: 'Successfully assigned default/web-7d9c6b8f5-4xkqp to kind-worker', first: 10 * MIN, eventTime: 10 * MIN, reporting: 'default-scheduler' });
event({ obj: webPod, reason: 'Pulling', message: 'Pulling image "nginx:1.27"', first: 10 * MIN - 1, fieldPath: 'spec.containers{nginx}', source: { component: 'kubelet', host: 'kind-worker' } });
event({ obj: webPod, reason: 'Pulled', message: 'Successfully pulled image "nginx:1.27" in 4.81s (4.81s including waiting). Image size: 72195292 bytes.', first: 10 * MIN - 6, fieldPath: 'spec.containers{nginx}', source: { component: 'kubelet', host: 'kind-worker' } });
event({ obj: webPod, reason: 'Created', message: 'Created container: nginx', first: 10 * MIN - 6, fieldPath: 'spec.containers{nginx}', source: { component: 'kubelet', host: 'kind-worker' } });
event({ obj: webPod, reason: 'Started', message: 'Started container nginx  ', first: 10 * MIN - 6, fieldPath: 'spec.containers{nginx}', source: { component: 'kubelet', host: 'kind-worker' } });

const crashy = find('Pod', 'crashy');
event({ obj: crashy, reason: 'Scheduled', message: 'Successfully assigned default/crashy to kind-worker', first: 25 * MIN, eventTime: 25 * MIN, reporting: 'default-scheduler' });
event({ obj: crashy, reason: 'Pulled', message: 'Container image "busybox:1.36" already present on machine', first: 25 * MIN - 1, last: 3 * MIN + 11, count: 7, fieldPath: 'spec.containers{app}', source: { component: 'kubelet', host: 'kind-worker' } });
event({ obj: crashy, reason: 'Created', message: 'Created container: app', first: 25 * MIN - 1, last: 3 * MIN + 11, count: 7, fieldPath: 'spec.containers{app}', source: { component: 'kubelet', host: 'kind-worker' } });
event({ obj: crashy, reason: 'Started', message: 'Started container app', first: 25 * MIN - 1, last: 3 * MIN + 10, count: 7, fieldPath: 'spec.containers{app}', source: { component: 'kubelet', host: 'kind-worker' } });
event({ obj: crashy, reason: 'BackOff', message: 'Back-off restarting failed container app in pod crashy_default(' + crashy.metadata.uid + ')', type: 'Warning', first: 24 * MIN, last: 71, count: 94, fieldPath: 'spec.containers{app}', source: { component: 'kubelet', host: 'kind-worker' } });

const bigJob = find('Pod', 'big-job');
event({ obj: bigJob, reason: 'FailedScheduling', message: '0/4 nodes are available: 1 node(s) had untolerated taint {node-role.kubernetes.io/control-plane: }, 1 node(s) were unschedulable, 2 Insufficient cpu. preemption: 0/4 nodes are available: 2 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling.', type: 'Warning', first: 5 * MIN, eventTime: 5 * MIN, reporting: 'default-scheduler', series: { count: 3, last: 20 } });

const typo = find('Pod', 'typo');
event({ obj: typo, reason: 'Scheduled', message: 'Successfully assigned default/typo to kind-worker2', first: 90, eventTime: 90, reporting: 'default-scheduler' });
event({ obj: typo, reason: 'Pulling', message: 'Pulling image "ngnix:latest"', first: 89, last: 30, count: 3, fieldPath: 'spec.containers{app}', source: { component: 'kubelet', host: 'kind-worker2' } });
event({ obj: typo, reason: 'Failed', message: 'Failed to pull image "ngnix:latest": failed to pull and unpack image "docker.io/library/ngnix:latest": failed to resolve reference "docker.io/library/ngnix:latest": pull access denied, repository does not exist or may require authorization: server message: insufficient_scope: authorization failed', type: 'Warning', first: 88, last: 29, count: 3, fieldPath: 'spec.containers{app}', source: { component: 'kubelet', host: 'kind-worker2' } });
event({ obj: typo, reason: 'Failed', message: 'Error: ErrImagePull', type: 'Warning', first: 88, last: 29, count: 3, fieldPath: 'spec.containers{app}', source: { component: 'kubelet', host: 'kind-worker2' } });
event({ obj: typo, reason: 'BackOff', message: 'Back-off pulling image "ngnix:latest"', first: 87, last: 5, count: 4, fieldPath: 'spec.containers{app}', source: { component: 'kubelet', host: 'kind-worker2' } });
event({ obj: typo, reason: 'Failed', message: 'Error: ImagePullBackOff', type: 'Warning', first: 87, last: 5, count: 4, fieldPath: 'spec.containers{app}', source: { component: 'kubelet', host: 'kind-worker2' } });

const oldPod = find('Pod', 'web-5c4f8b7d9-old1');
event({ obj: oldPod, reason: 'Killing', message: 'Stopping container nginx', first: 5, fieldPath: 'spec.containers{nginx}', source: { component: 'kubelet', host: 'kind-worker' } });

// a same-named pod of an earlier incarnation: its events have another uid and must not show
event({ obj: { ...webPod, metadata: { ...webPod.metadata, uid: 'b2f8c0de-0000-4000-a000-000000000001' } }, reason: 'Killing', message: 'Stopping container nginx (earlier pod)', first: 11 * MIN, fieldPath: 'spec.containers{nginx}', source: { component: 'kubelet', host: 'kind-worker' } });

event({ obj: web, reason: 'ScalingReplicaSet', message: 'Scaled up replica set web-5c4f8b7d9 from 0 to 3', first: 2 * HOUR, source: { component: 'deployment-controller' } });
event({ obj: web, reason: 'ScalingReplicaSet', message: 'Scaled up replica set web-7d9c6b8f5 from 0 to 1', first: 10 * MIN, source: { component: 'deployment-controller' } });
event({ obj: web, reason: 'ScalingReplicaSet', message: 'Scaled down replica set web-5c4f8b7d9 from 3 to 2', first: 9 * MIN + 50, source: { component: 'deployment-controller' } });
event({ obj: web, reason: 'ScalingReplicaSet', message: 'Scaled up replica set web-7d9c6b8f5 from 1 to 2', first: 9 * MIN + 50, source: { component: 'deployment-controller' } });
event({ obj: web, reason: 'ScalingReplicaSet', message: 'Scaled down replica set web-5c4f8b7d9 from 2 to 0', first: 9 * MIN + 40, source: { component: 'deployment-controller' } });
event({ obj: web, reason: 'ScalingReplicaSet', message: 'Scaled up replica set web-7d9c6b8f5 from 2 to 3', first: 9 * MIN + 45, source: { component: 'deployment-controller' } });
event({ obj: rsNew, reason: 'SuccessfulCreate', message: 'Created pod: web-7d9c6b8f5-4xkqp', first: 10 * MIN, source: { component: 'replicaset-controller' } });
event({ obj: rsNew, reason: 'SuccessfulCreate', message: 'Created pod: web-7d9c6b8f5-9zt2m', first: 9 * MIN + 50, source: { component: 'replicaset-controller' } });
event({ obj: rsNew, reason: 'SuccessfulCreate', message: 'Created pod: web-7d9c6b8f5-tw8rb', first: 9 * MIN + 45, source: { component: 'replicaset-controller' } });
event({ obj: rsOld, reason: 'SuccessfulDelete', message: 'Deleted pod: web-5c4f8b7d9-old1', first: 5, source: { component: 'replicaset-controller' } });
event({ obj: db, reason: 'SuccessfulCreate', message: 'create Claim data-db-0 Pod db-0 in StatefulSet db success', first: DAY, source: { component: 'statefulset-controller' } });
event({ obj: db, reason: 'SuccessfulCreate', message: 'create Pod db-0 in StatefulSet db successful', first: DAY, source: { component: 'statefulset-controller' } });

const lb = find('Service', 'web-lb');
event({ obj: lb, reason: 'IPAllocated', message: 'Assigned IP ["172.18.255.200"]', first: 50 * MIN, source: { component: 'metallb-controller' } });
event({ obj: lb, reason: 'nodeAssigned', message: 'announcing from node "kind-worker" with protocol "layer2"', first: 50 * MIN - 2, last: 9 * MIN, count: 3, source: { component: 'metallb-speaker' } });
const pend = find('Service', 'lb-pending');
event({ obj: pend, reason: 'AllocationFailed', message: 'Failed to allocate IP for "default/lb-pending": no available IPs', type: 'Warning', first: 3 * MIN, source: { component: 'metallb-controller' } });

for (const [n, ageOff] of [[w1, 0], [cp, 0]] as const) {
  // kubelet reports node events with the node's name as uid, controllers with its uid
  event({ obj: n, ns: 'default', reason: 'Starting', message: 'Starting kubelet.', first: CLUSTER_AGE - 2 - ageOff, source: { component: 'kubelet', host: n.metadata.name }, uidOverride: n.metadata.name });
  event({ obj: n, ns: 'default', reason: 'NodeHasSufficientMemory', message: `Node ${n.metadata.name} status is now: NodeHasSufficientMemory`, first: CLUSTER_AGE - 2, last: CLUSTER_AGE - 5, count: 8, source: { component: 'kubelet', host: n.metadata.name }, uidOverride: n.metadata.name });
  event({ obj: n, ns: 'default', reason: 'RegisteredNode', message: `Node ${n.metadata.name} event: Registered Node ${n.metadata.name} in Controller`, first: CLUSTER_AGE - 10, source: { component: 'node-controller' } });
  event({ obj: n, ns: 'default', reason: 'NodeReady', message: `Node ${n.metadata.name} status is now: NodeReady`, first: CLUSTER_AGE - 25, source: { component: 'kubelet', host: n.metadata.name }, uidOverride: n.metadata.name });
}
event({ obj: w1, ns: 'default', reason: 'Starting', message: '', first: CLUSTER_AGE - 3, source: { component: 'kube-proxy', host: 'kind-worker' }, uidOverride: 'kind-worker' });

const cfg = find('ConfigMap', 'app-config');
event({ obj: cfg, reason: 'Updated', message: 'config reloaded by api-6b7f9c-x2x7k', first: HOUR, source: { component: 'reloader' } });

add({
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget',
  metadata: meta('web', 'default', HOUR, { generation: 1 }),
  spec: { maxUnavailable: 1, selector: { matchLabels: { app: 'web' } } },
  status: { conditions: [{ lastTransitionTime: t(9 * MIN), message: '', observedGeneration: 1, reason: 'SufficientPods', status: 'True', type: 'DisruptionAllowed' }], currentHealthy: 2, desiredHealthy: 2, disruptionsAllowed: 0, expectedPods: 3, observedGeneration: 1 },
});
add({
  apiVersion: 'policy/v1', kind: 'PodDisruptionBudget',
  metadata: meta('db', 'default', HOUR, { generation: 1 }),
  spec: { minAvailable: '50%', selector: { matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'postgres'] }] } },
  status: { currentHealthy: 2, desiredHealthy: 1, disruptionsAllowed: 1, expectedPods: 2, observedGeneration: 1 },
});

// a pod whose events mix the old (lastTimestamp) and the new (eventTime) event styles
const waiting = pod({
  name: 'pending-pvc', age: 6 * MIN, labels: { run: 'pending-pvc' }, phase: 'Pending', noStart: true,
  containers: [{ name: 'app', image: 'nginx' }],
  volumes: [{ name: 'data', persistentVolumeClaim: { claimName: 'api-data' } }],
  conditions: [{ lastProbeTime: null, lastTransitionTime: t(6 * MIN), message: '0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.', reason: 'Unschedulable', status: 'False', type: 'PodScheduled' }],
});
event({ obj: waiting, reason: 'FailedScheduling', message: '0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims.', type: 'Warning', first: 6 * MIN, last: 4 * MIN, count: 3, source: { component: 'default-scheduler' } });
event({ obj: waiting, reason: 'FailedScheduling', message: '0/4 nodes are available: pod has unbound immediate PersistentVolumeClaims. preemption: 0/4 nodes are available: 4 Preemption is not helpful for scheduling.', type: 'Warning', first: 60, eventTime: 60, reporting: 'default-scheduler' });
event({ obj: waiting, reason: 'NotTriggerScaleUp', message: "pod didn't trigger scale-up: 1 pod has unbound immediate PersistentVolumeClaims", first: 5 * MIN, last: 2 * MIN, count: 4, source: { component: 'cluster-autoscaler' } });

// a replica set with more than 12 events, many at the same second: Go's sort.Sort is not stable
namespace('load', DAY);
const burst = add({
  apiVersion: 'apps/v1', kind: 'ReplicaSet',
  metadata: meta('burst', 'load', 2 * MIN, { generation: 1, labels: { app: 'burst' } }),
  spec: { replicas: 30, selector: { matchLabels: { app: 'burst' } }, template: { metadata: { creationTimestamp: null, labels: { app: 'burst' } }, spec: { containers: [{ image: 'busybox', imagePullPolicy: 'Always', name: 'busybox', command: ['sleep', 'infinity'], resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }], dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30 } } },
  status: { fullyLabeledReplicas: 30, observedGeneration: 1, replicas: 30 },
});
for (let i = 0; i < 30; i++) {
  const ago = [100, 90, 100, 80, 90, 100, 70][(i * 5) % 7];
  event({ obj: burst, reason: 'SuccessfulCreate', message: `Created pod: burst-${String(i).padStart(2, '0')}`, first: ago, source: { component: 'replicaset-controller' } });
}
event({ obj: burst, reason: 'FailedCreate', message: 'Error creating: pods "burst-xx" is forbidden: exceeded quota: pods', type: 'Warning', first: 100, last: 60, count: 12, source: { component: 'replicaset-controller' } });

// ---------------------------------------------------------------------------------------------
// Batch, autoscaling, RBAC, storage, scheduling (recorded with this directory's stub)

const jobTemplate = (name: string, cmd: string[]) => ({
  metadata: { creationTimestamp: null, labels: { 'batch.kubernetes.io/job-name': name, 'job-name': name } },
  spec: { containers: [{ command: cmd, image: 'busybox:1.36', imagePullPolicy: 'IfNotPresent', name: 'main', resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }], dnsPolicy: 'ClusterFirst', restartPolicy: 'Never', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30 },
});
const hello = add({
  apiVersion: 'batch/v1', kind: 'CronJob',
  metadata: meta('hello', 'default', DAY, { generation: 1 }),
  spec: {
    concurrencyPolicy: 'Forbid', failedJobsHistoryLimit: 1, schedule: '*/10 * * * *', successfulJobsHistoryLimit: 3, suspend: false,
    jobTemplate: { metadata: { creationTimestamp: null }, spec: { backoffLimit: 2, template: jobTemplate('hello', ['echo', 'hello']) } },
  },
  status: { active: [{ apiVersion: 'batch/v1', kind: 'Job', name: 'hello-29012345', namespace: 'default', resourceVersion: '5000', uid: uid('default/hello-29012345') }], lastScheduleTime: t(40 * MIN), lastSuccessfulTime: t(50 * MIN) },
});
const helloJob = add({
  apiVersion: 'batch/v1', kind: 'Job',
  metadata: meta('hello-29012345', 'default', 40 * MIN, { annotations: { 'batch.kubernetes.io/cronjob-scheduled-timestamp': t(40 * MIN) }, generation: 1, labels: { 'batch.kubernetes.io/controller-uid': uid('default/hello-29012345'), 'batch.kubernetes.io/job-name': 'hello-29012345', 'controller-uid': uid('default/hello-29012345'), 'job-name': 'hello-29012345' }, ownerReferences: owner(hello), uid: uid('default/hello-29012345') }),
  spec: {
    backoffLimit: 2, completionMode: 'NonIndexed', completions: 1, manualSelector: false, parallelism: 1, podReplacementPolicy: 'TerminatingOrFailed',
    selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid('default/hello-29012345') } }, suspend: false, ttlSecondsAfterFinished: 3600,
    template: jobTemplate('hello-29012345', ['echo', 'hello']),
  },
  status: { completionTime: t(40 * MIN - 5), conditions: [{ lastProbeTime: t(40 * MIN - 5), lastTransitionTime: t(40 * MIN - 5), message: 'Reached expected number of succeeded pods', reason: 'CompletionsReached', status: 'True', type: 'SuccessCriteriaMet' }, { lastProbeTime: t(40 * MIN - 5), lastTransitionTime: t(40 * MIN - 5), message: 'Reached expected number of succeeded pods', reason: 'CompletionsReached', status: 'True', type: 'Complete' }], ready: 0, startTime: t(40 * MIN), succeeded: 1, terminating: 0, uncountedTerminatedPods: {} },
});
event({ obj: helloJob, reason: 'SuccessfulCreate', message: 'Created pod: hello-29012345-abcde', first: 40 * MIN, source: { component: 'job-controller' } });
event({ obj: helloJob, reason: 'Completed', message: 'Job completed', first: 40 * MIN - 5, source: { component: 'job-controller' } });
event({ obj: hello, reason: 'SuccessfulCreate', message: 'Created job hello-29012345', first: 40 * MIN, source: { component: 'cronjob-controller' } });
add({
  apiVersion: 'batch/v1', kind: 'Job',
  metadata: meta('render', 'default', 3 * MIN, { generation: 1, labels: { app: 'render' } }),
  spec: {
    activeDeadlineSeconds: 600, backoffLimit: 6, completionMode: 'Indexed', completions: 120, parallelism: 4,
    selector: { matchLabels: { 'batch.kubernetes.io/controller-uid': uid('default/render') } }, suspend: false,
    template: jobTemplate('render', ['render', '--frame=$(JOB_COMPLETION_INDEX)']),
  },
  status: { active: 4, completedIndexes: '0-3,5,7-9,11,13,15-17,19,21,23-25,27,29,31,33,35,37-39,41,43,45', failed: 1, ready: 3, startTime: t(3 * MIN), succeeded: 40, terminating: 0, uncountedTerminatedPods: {} },
});
add({
  apiVersion: 'batch/v1', kind: 'Job',
  metadata: meta('manual', 'default', 2 * MIN, { generation: 1 }),
  spec: { backoffLimit: 6, completionMode: 'NonIndexed', selector: { matchLabels: { 'job-name': 'manual' } }, template: jobTemplate('manual', ['true']) },
  status: { active: 1, startTime: t(2 * MIN) },
});

add({
  apiVersion: 'autoscaling/v2', kind: 'HorizontalPodAutoscaler',
  metadata: meta('web', 'default', HOUR),
  spec: {
    maxReplicas: 10, minReplicas: 2, scaleTargetRef: { apiVersion: 'apps/v1', kind: 'Deployment', name: 'web' },
    metrics: [
      { resource: { name: 'cpu', target: { averageUtilization: 70, type: 'Utilization' } }, type: 'Resource' },
      { resource: { name: 'memory', target: { averageValue: '200Mi', type: 'AverageValue' } }, type: 'Resource' },
      { pods: { metric: { name: 'packets-per-second' }, target: { averageValue: '1k', type: 'AverageValue' } }, type: 'Pods' },
    ],
    behavior: { scaleDown: { policies: [{ periodSeconds: 15, type: 'Percent', value: 100 }], selectPolicy: 'Max', stabilizationWindowSeconds: 300 }, scaleUp: { policies: [{ periodSeconds: 15, type: 'Pods', value: 4 }, { periodSeconds: 15, type: 'Percent', value: 100 }], selectPolicy: 'Max', stabilizationWindowSeconds: 0 } },
  },
  status: {
    conditions: [
      { lastTransitionTime: t(HOUR - 15), message: 'recommended size matches current size', reason: 'ReadyForNewScale', status: 'True', type: 'AbleToScale' },
      { lastTransitionTime: t(HOUR - 15), message: 'the HPA was able to successfully calculate a replica count from cpu resource utilization (percentage of request)', reason: 'ValidMetricFound', status: 'True', type: 'ScalingActive' },
      { lastTransitionTime: t(30 * MIN), message: 'the desired count is within the acceptable range', reason: 'DesiredWithinRange', status: 'False', type: 'ScalingLimited' },
    ],
    currentMetrics: [
      { resource: { current: { averageUtilization: 12, averageValue: '12m' }, name: 'cpu' }, type: 'Resource' },
      { resource: { current: { averageValue: '9830400' }, name: 'memory' }, type: 'Resource' },
      null,
    ],
    currentReplicas: 3, desiredReplicas: 3, lastScaleTime: t(30 * MIN),
  },
});

add({
  apiVersion: 'v1', kind: 'ReplicationController',
  metadata: meta('legacy', 'default', DAY, { generation: 1, labels: { app: 'legacy' } }),
  spec: { replicas: 2, selector: { app: 'legacy' }, template: { metadata: { creationTimestamp: null, labels: { app: 'legacy' } }, spec: { containers: [{ image: 'nginx:1.14', imagePullPolicy: 'IfNotPresent', name: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }], dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30 } } },
  status: { availableReplicas: 0, fullyLabeledReplicas: 0, observedGeneration: 1, readyReplicas: 0, replicas: 0, conditions: [{ lastTransitionTime: t(DAY), message: 'pods "legacy-" is forbidden: exceeded quota', reason: 'FailedCreate', status: 'True', type: 'ReplicaFailure' }] },
});

add({
  apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass',
  metadata: meta('high-priority', undefined, 3 * DAY, { annotations: { 'example.com/owner': 'platform' } }),
  description: 'For the API and other latency-sensitive services.', globalDefault: false, preemptionPolicy: 'PreemptLowerPriority', value: 1000,
});
add({
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
  metadata: meta('standard', undefined, CLUSTER_AGE, { annotations: { 'storageclass.kubernetes.io/is-default-class': 'true' } }),
  provisioner: 'rancher.io/local-path', reclaimPolicy: 'Delete', volumeBindingMode: 'WaitForFirstConsumer',
});
add({
  apiVersion: 'storage.k8s.io/v1', kind: 'StorageClass',
  metadata: meta('fast', undefined, 3 * DAY),
  allowVolumeExpansion: true, mountOptions: ['discard', 'noatime'], parameters: { fsType: 'ext4', type: 'pd-ssd' }, provisioner: 'pd.csi.storage.gke.io', reclaimPolicy: 'Retain', volumeBindingMode: 'Immediate',
  allowedTopologies: [{ matchLabelExpressions: [{ key: 'topology.kubernetes.io/zone', values: ['zone-a', 'zone-b'] }] }],
});
add({
  apiVersion: 'v1', kind: 'PersistentVolume',
  metadata: meta(`pvc-${uid('pv0')}`, undefined, DAY, { annotations: { 'local.path.provisioner/selected-node': 'kind-worker', 'pv.kubernetes.io/provisioned-by': 'rancher.io/local-path' }, finalizers: ['kubernetes.io/pv-protection'] }),
  spec: {
    accessModes: ['ReadWriteOnce'], capacity: { storage: '1Gi' }, claimRef: { apiVersion: 'v1', kind: 'PersistentVolumeClaim', name: 'data-db-0', namespace: 'default', resourceVersion: '900', uid: uid('default/data-db-0') },
    hostPath: { path: `/var/local-path-provisioner/pvc-${uid('pv0')}_default_data-db-0`, type: 'DirectoryOrCreate' },
    nodeAffinity: { required: { nodeSelectorTerms: [{ matchExpressions: [{ key: 'kubernetes.io/hostname', operator: 'In', values: ['kind-worker'] }] }] } },
    persistentVolumeReclaimPolicy: 'Delete', storageClassName: 'standard', volumeMode: 'Filesystem',
  },
  status: { lastPhaseTransitionTime: t(DAY), phase: 'Bound' },
});

add({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role',
  metadata: meta('pod-reader', 'default', DAY),
  rules: [
    { apiGroups: [''], resources: ['pods', 'pods/log'], verbs: ['get', 'watch', 'list'] },
    { apiGroups: ['apps'], resources: ['deployments'], resourceNames: ['web'], verbs: ['get', 'patch'] },
  ],
});
add({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'RoleBinding',
  metadata: meta('read-pods', 'default', DAY),
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'pod-reader' },
  subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'jane' }, { kind: 'ServiceAccount', name: 'build-robot', namespace: 'default' }, { apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'devs' }],
});
add({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRole',
  metadata: meta('node-viewer', undefined, DAY, { labels: { 'rbac.example.com/aggregate-to-view': 'true' } }),
  rules: [{ apiGroups: [''], resources: ['nodes'], verbs: ['get', 'list', 'watch'] }, { nonResourceURLs: ['/healthz', '/version'], verbs: ['get'] }, { apiGroups: ['metrics.k8s.io'], resources: ['nodes', 'pods'], verbs: ['get', 'list'] }],
});
add({
  apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'ClusterRoleBinding',
  metadata: meta('node-viewers', undefined, DAY),
  roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'node-viewer' },
  subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'ops' }],
});

/** All objects, in the order an API server lists them (namespace, then name). */
export function clusterObjects(): any[] {
  const key = (o: any) => `${o.metadata.namespace ?? ''}\u0000${o.metadata.name}`;
  const sorted = objects.map((o, i) => ({ o, i })).sort((a, b) => (key(a.o) < key(b.o) ? -1 : key(a.o) > key(b.o) ? 1 : a.i - b.i)).map((x) => x.o);
  return JSON.parse(JSON.stringify(sorted));
}
