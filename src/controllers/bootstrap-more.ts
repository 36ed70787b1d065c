// What a kind v1.32 cluster has from its first minute beside workloads: the API server's
// APIServices (one per served group/version, Local), the API Priority and Fairness objects it
// keeps (k8s.io/apiserver/pkg/apis/flowcontrol/bootstrap/default.go at 1.32), and the CSINode
// each kubelet registers for its node.
import type { Api } from '../api/server';
import type { KObject } from '../api/types';

// kube-apiserver's apiVersionPriorities (pkg/controlplane/apiserver/aggregator.go and
// cmd/kube-apiserver/app/aggregator.go) for the group/versions a 1.32 server serves by default.
const API_SERVICES: [string, string, number, number][] = [
  ['', 'v1', 18000, 1], ['admissionregistration.k8s.io', 'v1', 16700, 15], ['apiextensions.k8s.io', 'v1', 16700, 15],
  ['apps', 'v1', 17800, 15], ['authentication.k8s.io', 'v1', 17700, 15], ['authorization.k8s.io', 'v1', 17600, 15],
  ['autoscaling', 'v1', 17500, 15], ['autoscaling', 'v2', 17500, 30], ['batch', 'v1', 17400, 15],
  ['certificates.k8s.io', 'v1', 17300, 15], ['coordination.k8s.io', 'v1', 16500, 15], ['discovery.k8s.io', 'v1', 16200, 15],
  ['events.k8s.io', 'v1', 17750, 15], ['flowcontrol.apiserver.k8s.io', 'v1', 16100, 21], ['networking.k8s.io', 'v1', 17200, 15],
  ['node.k8s.io', 'v1', 16300, 15], ['policy', 'v1', 17100, 15], ['rbac.authorization.k8s.io', 'v1', 17000, 15],
  ['scheduling.k8s.io', 'v1', 16600, 15], ['storage.k8s.io', 'v1', 16800, 15],
];

const AUTO = { 'apf.kubernetes.io/autoupdate-spec': 'true' };

const limited = (shares: number, lendable: number, queuing?: [number, number, number]) => ({
  type: 'Limited',
  limited: {
    nominalConcurrencyShares: shares, lendablePercent: lendable,
    limitResponse: queuing ? { type: 'Queue', queuing: { queues: queuing[0], handSize: queuing[1], queueLengthLimit: queuing[2] } } : { type: 'Reject' },
  },
});

const PRIORITY_LEVELS: [string, any][] = [
  ['catch-all', limited(5, 0)],
  ['exempt', { type: 'Exempt', exempt: { nominalConcurrencyShares: 0, lendablePercent: 0 } }],
  ['system', limited(30, 33, [64, 6, 50])],
  ['node-high', limited(40, 25, [64, 6, 50])],
  ['leader-election', limited(10, 0, [16, 4, 50])],
  ['workload-high', limited(40, 50, [128, 6, 50])],
  ['workload-low', limited(100, 90, [128, 6, 50])],
  ['global-default', limited(20, 50, [128, 6, 50])],
];

const groups = (...names: string[]) => names.map((name) => ({ kind: 'Group', group: { name } }));
const users = (...names: string[]) => names.map((name) => ({ kind: 'User', user: { name } }));
const kubeSystemSA = (...names: string[]) => names.map((name) => ({ kind: 'ServiceAccount', serviceAccount: { name, namespace: 'kube-system' } }));
const resourceRule = (verbs: string[], apiGroups: string[], resources: string[], clusterScope: boolean) =>
  ({ verbs, apiGroups, resources, ...(clusterScope ? { clusterScope: true } : {}), namespaces: ['*'] });
const nonResourceRule = (verbs: string[], nonResourceURLs: string[]) => ({ verbs, nonResourceURLs });
const ALL_RESOURCES = [resourceRule(['*'], ['*'], ['*'], true)];
const ALL_NON_RESOURCES = [nonResourceRule(['*'], ['*'])];
const everything = (subjects: any[]) => [{ subjects, resourceRules: ALL_RESOURCES, nonResourceRules: ALL_NON_RESOURCES }];

const FLOW_SCHEMAS: [string, string, number, string, any[]][] = [
  ['exempt', 'exempt', 1, '', everything(groups('system:masters'))],
  ['catch-all', 'catch-all', 10000, 'ByUser', everything(groups('system:unauthenticated', 'system:authenticated'))],
  ['system-nodes', 'system', 500, 'ByUser', everything(groups('system:nodes'))],
  ['system-node-high', 'node-high', 400, 'ByUser', [{ subjects: groups('system:nodes'), resourceRules: [resourceRule(['*'], [''], ['nodes', 'nodes/status'], true), resourceRule(['*'], ['coordination.k8s.io'], ['leases'], false)] }]],
  ['probes', 'exempt', 2, '', [{ subjects: groups('system:unauthenticated', 'system:authenticated'), nonResourceRules: [nonResourceRule(['get'], ['/healthz', '/readyz', '/livez'])] }]],
  ['system-leader-election', 'leader-election', 100, 'ByUser', [{ subjects: [...users('system:kube-controller-manager', 'system:kube-scheduler'), ...kubeSystemSA('*')], resourceRules: [resourceRule(['get', 'create', 'update'], ['coordination.k8s.io'], ['leases'], false)] }]],
  ['workload-leader-election', 'leader-election', 200, 'ByUser', [{ subjects: kubeSystemSA('*'), resourceRules: [resourceRule(['get', 'create', 'update'], [''], ['endpoints', 'configmaps'], false), resourceRule(['get', 'create', 'update'], ['coordination.k8s.io'], ['leases'], false)] }]],
  ['endpoint-controller', 'workload-high', 150, 'ByUser', [{ subjects: [...users('system:kube-controller-manager'), ...kubeSystemSA('endpoint-controller', 'endpointslicemirroring-controller')], resourceRules: [resourceRule(['get', 'create', 'update'], [''], ['endpoints'], false)] }]],
  ['kube-controller-manager', 'workload-high', 800, 'ByNamespace', everything(users('system:kube-controller-manager'))],
  ['kube-scheduler', 'workload-high', 800, 'ByNamespace', everything(users('system:kube-scheduler'))],
  ['kube-system-service-accounts', 'workload-high', 900, 'ByNamespace', everything(kubeSystemSA('*'))],
  ['service-accounts', 'workload-low', 9000, 'ByUser', everything(groups('system:serviceaccounts'))],
  ['global-default', 'global-default', 9900, 'ByUser', everything(groups('system:unauthenticated', 'system:authenticated'))],
];

/** The CSINode the kubelet registers for its node (no CSI drivers on kind's nodes). */
export function csiNodeFor(node: KObject): KObject {
  return {
    apiVersion: 'storage.k8s.io/v1', kind: 'CSINode',
    metadata: {
      name: node.metadata.name,
      annotations: { 'storage.alpha.kubernetes.io/migrated-plugins': 'kubernetes.io/aws-ebs,kubernetes.io/azure-disk,kubernetes.io/azure-file,kubernetes.io/cinder,kubernetes.io/gce-pd,kubernetes.io/portworx-volume,kubernetes.io/vsphere-volume' },
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: node.metadata.name, uid: node.metadata.uid! }],
    },
    spec: { drivers: null },
  };
}

export function bootstrapMore(api: Api, nodeNames: string[], now: string): void {
  for (const [group, version, groupPriorityMinimum, versionPriority] of API_SERVICES) {
    api.create({
      apiVersion: 'apiregistration.k8s.io/v1', kind: 'APIService',
      metadata: { name: `${version}.${group}`, labels: { 'kube-aggregator.kubernetes.io/automanaged': 'onstart' } },
      spec: { ...(group ? { group } : {}), groupPriorityMinimum, version, versionPriority },
    });
  }
  for (const [name, spec] of PRIORITY_LEVELS) {
    api.create({ apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'PriorityLevelConfiguration', metadata: { name, annotations: { ...AUTO } }, spec });
  }
  for (const [name, pl, matchingPrecedence, dm, rules] of FLOW_SCHEMAS) {
    const fs = api.create({
      apiVersion: 'flowcontrol.apiserver.k8s.io/v1', kind: 'FlowSchema', metadata: { name, annotations: { ...AUTO } },
      spec: { priorityLevelConfiguration: { name: pl }, matchingPrecedence, ...(dm ? { distinguisherMethod: { type: dm } } : {}), rules },
    });
    // the API Priority and Fairness config controller marks each schema's priority level as found
    api.update({ ...fs, status: { conditions: [{ type: 'Dangling', status: 'False', lastTransitionTime: now, reason: 'Found', message: `This FlowSchema references the PriorityLevelConfiguration object named "${pl}" and it exists` }] } }, { status: true });
  }
  for (const n of nodeNames) {
    const node = api.get('Node', undefined, n);
    if (node) api.create(csiNodeFor(node));
  }
}
