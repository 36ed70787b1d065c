// The cluster configuration file (`kubesim create cluster --config FILE`, `kubesim reset
// --config FILE`): kind's format (kind: Cluster, apiVersion: kind.x-k8s.io/v1alpha4, nodes with
// role and labels, networking.serviceSubnet), so a kind config works as it is, plus kubesim's
// fields. Read with the `yaml` package; every unknown field or bad value is reported with the
// file's line and column, and nothing changes.
import * as fs from 'fs';
import { parseDocument, LineCounter, isMap, isSeq, isScalar, Node as YNode, Document } from 'yaml';
import { CliError } from '../../api/types';
import { ClusterConfig, NodeConfig, DEFAULTS } from '../../api/cluster-config';
import { nodeNames } from '../../controllers/bootstrap';

export const CONFIG_HELP = `
Configuration file (YAML; kind's format with kubesim's fields, all optional):

  kind: Cluster
  apiVersion: kind.x-k8s.io/v1alpha4     # or kubesim/v1alpha1
  kubernetesVersion: v1.32.2             # what kubectl version and get nodes show
  podStartup: 2s                         # how long pods take to start (KUBESIM_POD_STARTUP wins)
  nodes:                                 # default: one control plane and two workers
  - role: control-plane
  - role: worker
    name: kind-worker                    # default: kind's names
    labels: {tier: frontend}
    taints: [{key: dedicated, value: db, effect: NoSchedule}]
    capacity: {cpu: "4", memory: 8Gi, pods: "110"}
  networking:
    serviceSubnet: 10.96.0.0/16          # must hold 10.96.0.1 and 10.96.0.10 (kubernetes, kube-dns)
    nodePortRange: 30000-32767
    loadBalancerPool: 172.18.255.200-172.18.255.250   # or none: LoadBalancers stay <pending>

Examples:
  kubesim create cluster --config cluster.yaml
  kubesim create cluster --nodes 5
`;

class ConfigError extends Error {}

/** Read and check a configuration file. Throws a CliError naming FILE:LINE:COLUMN. */
export function readClusterConfig(file: string): ClusterConfig {
  let text: string;
  try { text = fs.readFileSync(file, 'utf8'); } catch (e: any) {
    throw new CliError(`kubesim: cannot read ${file}: ${e.code === 'ENOENT' ? 'no such file' : e.code === 'EISDIR' ? 'it is a directory' : e.message}`, 1, true);
  }
  return parseClusterConfig(text, file);
}

export function parseClusterConfig(text: string, file = 'config'): ClusterConfig {
  const lc = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lc, prettyErrors: false, uniqueKeys: true });
  const where = (node: YNode | null | undefined | { range?: [number, number, number] }) => {
    const off = (node as any)?.range?.[0] ?? 0;
    const { line, col } = lc.linePos(off);
    return `${file}:${line}:${col}`;
  };
  if (doc.errors.length) {
    const e = doc.errors[0];
    const { line, col } = lc.linePos(e.pos[0]);
    throw new CliError(`kubesim: ${file}:${line}:${col}: ${e.message.split('\n')[0]}`, 1, true);
  }
  try {
    return check(doc, where);
  } catch (e) {
    if (e instanceof ConfigError) throw new CliError(`kubesim: ${e.message}`, 1, true);
    throw e;
  }
}

function check(doc: Document, where: (n: any) => string): ClusterConfig {
  const fail = (n: any, path: string, msg: string): never => { throw new ConfigError(`${where(n)}: ${path}: ${msg}`); };
  const root = doc.contents;
  if (root === null || root === undefined) return { ...DEFAULTS, nodes: defaultNodes(3) };
  if (!isMap(root)) fail(root, '(top)', 'expected a mapping (kind: Cluster, nodes: ...)');
  const cfg: ClusterConfig = { ...DEFAULTS, nodes: [] };
  const str = (n: any, path: string): string => {
    if (!isScalar(n) || typeof n.value !== 'string' && typeof n.value !== 'number') fail(n, path, 'expected a string');
    return String((n as any).value);
  };
  const fields = (map: any, path: string, known: Record<string, (v: any, p: string) => void>) => {
    if (!isMap(map)) fail(map, path, 'expected a mapping');
    for (const pair of (map as any).items) {
      const key = isScalar(pair.key) ? String(pair.key.value) : '';
      const p = path ? `${path}.${key}` : key;
      const f = known[key];
      if (!f) fail(pair.key, p, `unknown field (known: ${Object.keys(known).join(', ')})`);
      f(pair.value, p);
    }
  };
  let nodesNode: any;
  fields(root, '', {
    kind: (v, p) => { if (str(v, p) !== 'Cluster') fail(v, p, `must be Cluster`); },
    apiVersion: (v, p) => { const s = str(v, p); if (!['kind.x-k8s.io/v1alpha4', 'kubesim/v1alpha1'].includes(s)) fail(v, p, `"${s}" is not kind.x-k8s.io/v1alpha4 or kubesim/v1alpha1`); },
    kubernetesVersion: (v, p) => { const s = str(v, p); if (!/^v1\.\d+\.\d+$/.test(s)) fail(v, p, `"${s}" is not a version like v1.32.2`); cfg.kubernetesVersion = s; },
    podStartup: (v, p) => { cfg.podStartupSeconds = duration(v, p, fail); },
    nodes: (v, p) => { nodesNode = v; if (!isSeq(v)) fail(v, p, 'expected a list of nodes'); },
    networking: (v, p) => fields(v, p, {
      serviceSubnet: (x, q) => {
        const s = str(x, q);
        const m = /^(\d+)\.(\d+)\.(\d+)\.(\d+)\/(\d+)$/.exec(s);
        if (!m || m.slice(1, 5).some((o) => Number(o) > 255) || Number(m[5]) > 30 || Number(m[5]) < 8) fail(x, q, `"${s}" is not an IPv4 CIDR from /8 to /30`);
        if (!inCidr('10.96.0.10', s) || !inCidr('10.96.0.1', s)) fail(x, q, `"${s}" must hold 10.96.0.1 and 10.96.0.10 (the kubernetes and kube-dns Services)`);
        cfg.serviceSubnet = s;
      },
      nodePortRange: (x, q) => {
        const s = str(x, q);
        const m = /^(\d+)-(\d+)$/.exec(s);
        if (!m || Number(m[1]) < 1 || Number(m[2]) > 65535 || Number(m[1]) > Number(m[2])) fail(x, q, `"${s}" is not a port range like 30000-32767`);
        cfg.nodePortRange = [Number(m![1]), Number(m![2])];
      },
      loadBalancerPool: (x, q) => {
        const s = str(x, q);
        if (s === 'none') { cfg.loadBalancerPool = null; return; }
        const m = /^(\d+\.\d+\.\d+\.\d+)-(\d+\.\d+\.\d+\.\d+)$/.exec(s);
        if (!m || !isIPv4(m[1]) || !isIPv4(m[2]) || ipInt(m[1]) > ipInt(m[2])) fail(x, q, `"${s}" is not an address range like 172.18.255.200-172.18.255.250, or none`);
        cfg.loadBalancerPool = [m![1], m![2]];
      },
    }),
  });
  if (!nodesNode) { cfg.nodes = defaultNodes(3); return cfg; }
  const items: any[] = nodesNode.items;
  if (!items.length) fail(nodesNode, 'nodes', 'at least one node (a control plane) is needed');
  const roles: string[] = [];
  const raw: Partial<NodeConfig>[] = items.map((item, i) => {
    const n: Partial<NodeConfig> = {};
    fields(item, `nodes[${i}]`, {
      role: (v, p) => { const s = str(v, p); if (s !== 'control-plane' && s !== 'worker') fail(v, p, `"${s}" is not control-plane or worker`); n.role = s as NodeConfig['role']; },
      name: (v, p) => { const s = str(v, p); if (!/^[a-z0-9]([-a-z0-9.]{0,61}[a-z0-9])?$/.test(s)) fail(v, p, `"${s}" is not a valid node name (lower case letters, digits, '-' and '.')`); n.name = s; },
      labels: (v, p) => { n.labels = stringMap(v, p, fail, str); },
      capacity: (v, p) => {
        n.capacity = stringMap(v, p, fail, str);
        for (const [k, val] of Object.entries(n.capacity)) {
          if (!['cpu', 'memory', 'pods', 'ephemeral-storage'].includes(k)) fail(v, `${p}.${k}`, 'unknown resource (cpu, memory, pods, ephemeral-storage)');
          if (!/^\d+(\.\d+)?(m|k|Ki|M|Mi|G|Gi|T|Ti)?$/.test(val)) fail(v, `${p}.${k}`, `"${val}" is not a quantity`);
        }
      },
      taints: (v, p) => {
        if (!isSeq(v)) fail(v, p, 'expected a list of taints');
        n.taints = (v as any).items.map((t: any, j: number) => {
          const taint: any = {};
          fields(t, `${p}[${j}]`, {
            key: (x, q) => { taint.key = str(x, q); },
            value: (x, q) => { taint.value = str(x, q); },
            effect: (x, q) => { const s = str(x, q); if (!['NoSchedule', 'PreferNoSchedule', 'NoExecute'].includes(s)) fail(x, q, `"${s}" is not NoSchedule, PreferNoSchedule or NoExecute`); taint.effect = s; },
          });
          if (!taint.key || !taint.effect) fail(t, `${p}[${j}]`, 'a taint needs key and effect');
          return taint;
        });
      },
    });
    roles.push(n.role ?? 'control-plane');
    return n;
  });
  if (roles[0] !== 'control-plane') fail(items[0], 'nodes[0].role', 'the first node must be the control plane');
  // kind's names: NAME-control-plane, NAME-control-plane2, NAME-worker, NAME-worker2, ...
  let cps = 0, workers = 0;
  cfg.nodes = raw.map((n) => {
    const role = n.role ?? 'control-plane';
    const def = role === 'control-plane' ? `kind-control-plane${cps++ ? cps : ''}` : `kind-worker${workers++ ? workers : ''}`;
    return { ...n, role, name: n.name ?? def } as NodeConfig;
  });
  const seen = new Set<string>();
  cfg.nodes.forEach((n, i) => { if (seen.has(n.name)) fail(items[i], `nodes[${i}].name`, `"${n.name}" is used twice`); seen.add(n.name); });
  return cfg;
}

export function defaultNodes(count: number): NodeConfig[] {
  return nodeNames(count).map((name, i) => ({ role: i === 0 ? 'control-plane' : 'worker', name }));
}

function stringMap(v: any, p: string, fail: (n: any, p: string, m: string) => never, str: (n: any, p: string) => string): Record<string, string> {
  if (!isMap(v)) fail(v, p, 'expected a mapping');
  const m: Record<string, string> = {};
  for (const pair of (v as any).items) m[String(pair.key?.value)] = str(pair.value, `${p}.${pair.key?.value}`);
  return m;
}

function duration(v: any, p: string, fail: (n: any, p: string, m: string) => never): number {
  const raw = isScalar(v) ? v.value : undefined;
  if (typeof raw === 'number' && raw >= 0 && raw <= 3600) return raw;
  const m = typeof raw === 'string' ? /^(\d+(?:\.\d+)?)(ms|s|m)?$/.exec(raw) : null;
  if (!m) return fail(v, p, `${JSON.stringify(raw ?? null)} is not a duration like 2s, 500ms or 1.5`);
  const n = Number(m[1]) * (m[2] === 'ms' ? 0.001 : m[2] === 'm' ? 60 : 1);
  if (n > 3600) return fail(v, p, 'at most one hour');
  return n;
}

const isIPv4 = (s: string) => s.split('.').length === 4 && s.split('.').every((o) => /^\d+$/.test(o) && Number(o) <= 255);
const ipInt = (s: string) => s.split('.').reduce((a, b) => a * 256 + Number(b), 0);
function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const size = 2 ** (32 - Number(bits));
  return Math.floor(ipInt(ip) / size) === Math.floor(ipInt(base) / size);
}
