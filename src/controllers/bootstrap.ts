// First use: a cluster that looks like kind's (kubeadm): namespaces, nodes, the kubernetes and
// kube-dns services, CoreDNS, kube-proxy and kindnet, the control-plane static pods.
import type { Api } from '../api/server';
import type { KObject } from '../api/types';
import type { Settings } from './context';
import { reconcile } from './index';
import { fnv32a } from '../api/names';
import { KUBELET_VERSION, CLUSTER_NAME } from './bootstrap-data';
import bootstrapYaml from '../../templates/bootstrap.yaml';
import bootstrapRbacYaml from '../../templates/bootstrap-rbac.yaml';
import { parseYaml } from '../api/goyaml';
import { netConfig, NodeConfig } from '../api/cluster-config';

export function nodeNames(count: number): string[] {
  const names = [`${CLUSTER_NAME}-control-plane`];
  for (let i = 1; i < Math.max(1, count); i++) names.push(i === 1 ? `${CLUSTER_NAME}-worker` : `${CLUSTER_NAME}-worker${i}`);
  return names;
}

const hex = (seed: string, n: number) => Array.from({ length: Math.ceil(n / 8) }, (_, i) => fnv32a(seed + i).toString(16).padStart(8, '0')).join('').slice(0, n);
const uuidLike = (seed: string) => { const h = hex(seed, 32); return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`; };

export function nodeObject(name: string, index: number, controlPlane: boolean, now: string, conf?: Partial<NodeConfig>): KObject {
  const ip = `172.18.0.${index + 2}`;
  const cidr = `10.244.${index}.0/24`;
  const resources = { cpu: '8', 'ephemeral-storage': '102626232Ki', 'hugepages-1Gi': '0', 'hugepages-2Mi': '0', memory: '16349500Ki', pods: '110', ...conf?.capacity };
  const version = netConfig().kubernetesVersion;
  const cond = (type: string, status: string, reason: string, message: string) => ({ type, status, lastHeartbeatTime: now, lastTransitionTime: now, reason, message });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64', 'beta.kubernetes.io/os': 'linux', 'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': name, 'kubernetes.io/os': 'linux',
        ...(controlPlane ? { 'node-role.kubernetes.io/control-plane': '', 'node.kubernetes.io/exclude-from-external-load-balancers': '' } : {}),
        ...conf?.labels,
      },
      annotations: {
        'kubeadm.alpha.kubernetes.io/cri-socket': 'unix:///run/containerd/containerd.sock',
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: cidr, podCIDRs: [cidr], providerID: `kind://docker/${CLUSTER_NAME}/${name}`,
      ...(controlPlane || conf?.taints?.length ? { taints: [...(controlPlane ? [{ effect: 'NoSchedule', key: 'node-role.kubernetes.io/control-plane' }] : []), ...(conf?.taints ?? [])] } : {}),
    },
    status: {
      addresses: [{ address: ip, type: 'InternalIP' }, { address: name, type: 'Hostname' }],
      allocatable: { ...resources }, capacity: { ...resources },
      conditions: [
        cond('MemoryPressure', 'False', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'),
        cond('DiskPressure', 'False', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'),
        cond('PIDPressure', 'False', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'),
        cond('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64', bootID: uuidLike(name + 'boot'), containerRuntimeVersion: 'containerd://2.0.2',
        kernelVersion: '6.1.0-28-cloud-amd64', kubeProxyVersion: version, kubeletVersion: version,
        machineID: hex(name + 'machine', 32), operatingSystem: 'linux', osImage: 'Debian GNU/Linux 12 (bookworm)', systemUUID: uuidLike(name + 'uuid'),
      },
    },
  };
}

/** A new cluster: `nodes` is a count (kind's names, one control plane) or the configuration
 *  file's nodes (src/api/cluster-config.ts; the first is the control plane). */
export function bootstrap(api: Api, settings: Settings, nodes: number | NodeConfig[]): void {
  const confs: NodeConfig[] = typeof nodes === 'number' ? nodeNames(nodes).map((name, i) => ({ role: i === 0 ? 'control-plane' : 'worker', name })) : nodes;
  const names = confs.map((n) => n.name);
  const cpIP = '172.18.0.2';
  const spec = parseYaml(bootstrapYaml.replaceAll('${CONTROL_PLANE_IP}', cpIP)) as any;
  const now = new Date(api.nowMs()).toISOString().replace(/\.\d+Z$/, 'Z');
  const instant: Settings = { ...settings, podStartupMs: () => 0 };
  for (const ns of spec.namespaces) api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
  // the API server makes the system PriorityClasses before any pod asks for them
  for (const pc of (require('../api/admission') as typeof import('../api/admission')).SYSTEM_PRIORITY_CLASSES) api.create(structuredClone(pc));
  // kind starts the control plane alone and applies its add-ons (CoreDNS, local-path-provisioner)
  // before the workers join: their pods, which tolerate the control-plane taint, run there
  // (10.244.0.2-4). The workers join after that.
  const more = require('./bootstrap-more') as typeof import('./bootstrap-more');
  const join = (n: NodeConfig, i: number) => {
    const node = api.create(nodeObject(n.name, i, n.role === 'control-plane', now, n));
    // the kubelet registers the node's CSINode as it joins
    api.create(more.csiNodeFor(node));
    // A lease per node in kube-node-lease, as the kubelets keep them.
    api.create({ apiVersion: 'coordination.k8s.io/v1', kind: 'Lease', metadata: { name: n.name, namespace: 'kube-node-lease' }, spec: { holderIdentity: n.name, leaseDurationSeconds: 40, renewTime: now.replace('Z', '.000000Z') } });
  };
  join(confs[0], 0);
  for (const o of spec.objects) api.create(o);
  for (const o of (parseYaml(bootstrapRbacYaml) as any).objects) api.create(o);
  more.bootstrapMore(api, [], now);
  const cp = names[0];
  for (const sp of spec.staticPods) {
    api.create({
      apiVersion: 'v1',
      kind: 'Pod',
      metadata: {
        name: `${sp.name}-${cp}`,
        namespace: 'kube-system',
        labels: { component: sp.component, tier: 'control-plane' },
        // As the kubelet mirrors a static pod: drain and the API treat these as mirror pods.
        annotations: { 'kubernetes.io/config.hash': hex(sp.name + cp, 32), 'kubernetes.io/config.mirror': hex(sp.name + cp, 32), 'kubernetes.io/config.seen': now.replace('Z', '.000000000Z'), 'kubernetes.io/config.source': 'file' },
        ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name: cp, uid: api.get('Node', undefined, cp)!.metadata.uid!, controller: true }],
      },
      spec: { nodeName: cp, hostNetwork: true, priorityClassName: sp.priorityClassName, priority: 2000001000, tolerations: [{ effect: 'NoExecute', operator: 'Exists' }], containers: [{ name: sp.name, image: sp.image, command: [sp.name] }] },
    });
  }
  reconcile(api, instant);
  confs.forEach((n, i) => { if (i > 0) join(n, i); });
  reconcile(api, instant);
}
