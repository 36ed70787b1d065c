// The cluster's configuration (`kubesim create cluster --config FILE`), as the API server and the
// controllers use it: the Service CIDR and NodePort range (kube-apiserver's
// --service-cluster-ip-range and --service-node-port-range), the load-balancer pool of the
// simulated cloud provider (none: LoadBalancer services stay <pending>, as on plain kind), the
// Kubernetes version the server reports, the pod start-up time. Kept in the state (meta
// 'cluster-config', JSON) when the cluster is created; a cluster without one has kind's defaults.
export interface NodeConfig {
  role: 'control-plane' | 'worker';
  name: string;
  labels?: Record<string, string>;
  taints?: { key: string; value?: string; effect: string }[];
  capacity?: Record<string, string>;
}

export interface ClusterConfig {
  nodes: NodeConfig[];
  /** seconds; undefined: kubesim's jittered default (KUBESIM_POD_STARTUP wins when set) */
  podStartupSeconds?: number;
  serviceSubnet: string;
  nodePortRange: [number, number];
  /** [first, last] addresses of the pool, or null: no load balancer */
  loadBalancerPool: [string, string] | null;
  kubernetesVersion: string;
}

export const DEFAULT_VERSION = 'v1.32.2';

export const DEFAULTS: Omit<ClusterConfig, 'nodes'> = {
  serviceSubnet: '10.96.0.0/12',
  nodePortRange: [30000, 32767],
  loadBalancerPool: ['172.18.255.200', '172.18.255.250'],
  kubernetesVersion: DEFAULT_VERSION,
};

let active: Omit<ClusterConfig, 'nodes'> = DEFAULTS;

/** The configuration of the cluster this process works on (kind's defaults until set). */
export function netConfig(): Omit<ClusterConfig, 'nodes'> { return active; }

/** Use the configuration kept in the state (Session does this when it opens the cluster). */
export function useClusterConfig(json: string | undefined): void {
  if (!json) { active = DEFAULTS; return; }
  try { active = { ...DEFAULTS, ...JSON.parse(json) }; } catch { active = DEFAULTS; }
}
