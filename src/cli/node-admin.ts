// kubesim node add|stop|start|remove NAME: nodes that come and go, as `docker stop` / `docker
// start` of a kind node would make them. A stopped node's kubelet stops posting status: the node
// goes NotReady (conditions Unknown), gets the unreachable taints, its pods are marked not ready
// and later evicted (node-lifecycle controller); started again, the kubelet reports Ready and
// restarts the containers. Not a kubectl command: kubesim's own.
import { parseFlags } from './flags';
import { session, Session } from './session';
import { out } from './io';
import { CliError, KObject } from '../api/types';
import { notFound, timestamp } from '../api/server';
import { kindInfo } from '../api/kinds';
import { nodeObject } from '../controllers/bootstrap';
import { nodeRuntime, setNodeRuntime } from '../controllers/node-lifecycle';
import { fnv32a } from '../api/names';

const USAGE = `Add, stop, start or remove a node of the simulated cluster.

Usage:
  kubesim node add NAME        a new worker node joins the cluster
  kubesim node stop NAME       the node stops (its kubelet no longer posts status)
  kubesim node start NAME      the node starts again
  kubesim node remove NAME     the node is deleted from the cluster

Examples:
  # What happens when a node dies?
  kubesim node stop kind-worker
  kubectl get nodes -w
`;

const CONDITIONS: [string, string, string][] = [
  ['MemoryPressure', 'KubeletHasSufficientMemory', 'kubelet has sufficient memory available'],
  ['DiskPressure', 'KubeletHasNoDiskPressure', 'kubelet has no disk pressure'],
  ['PIDPressure', 'KubeletHasSufficientPID', 'kubelet has sufficient PID available'],
  ['Ready', 'KubeletReady', 'kubelet is posting ready status'],
];

export function run(argv: string[]): number {
  const p = parseFlags(argv, [], 'kubesim node');
  const [action, name, ...rest] = p.args;
  if (!action || p.flags.help) { out(USAGE); return action ? 0 : 1; }
  if (!['add', 'stop', 'start', 'remove'].includes(action)) throw new CliError(`unknown node action "${action}" (add, stop, start or remove)`);
  if (!name) throw new CliError(`node ${action} needs a node name\nSee 'kubesim node --help' for usage.`);
  if (rest.length) throw new CliError(`node ${action} takes one node name`);
  const s = session();
  s.catchUp();
  switch (action) {
    case 'add': out(addNode(s, name)); break;
    case 'stop': out(stopNode(s, name)); break;
    case 'start': out(startNode(s, name)); break;
    case 'remove': out(removeNode(s, name)); break;
  }
  return 0;
}

const mustNode = (s: Session, name: string): KObject => {
  const n = s.api.get('Node', undefined, name);
  if (!n) throw notFound(kindInfo('Node'), name);
  return n;
};

/** Kubelet start-up events of a node, in the order a kubelet records them. */
function kubeletStartEvents(api: Session['api'], n: KObject, rebooted?: string): void {
  const name = n.metadata.name;
  const ev = (type: 'Normal' | 'Warning', reason: string, message: string) => api.recordEvent(n, type, reason, message, 'kubelet', name);
  ev('Normal', 'Starting', 'Starting kubelet.');
  ev('Normal', 'NodeAllocatableEnforced', 'Updated Node Allocatable limit across pods');
  ev('Normal', 'NodeHasSufficientMemory', `Node ${name} status is now: NodeHasSufficientMemory`);
  ev('Normal', 'NodeHasNoDiskPressure', `Node ${name} status is now: NodeHasNoDiskPressure`);
  ev('Normal', 'NodeHasSufficientPID', `Node ${name} status is now: NodeHasSufficientPID`);
  if (rebooted) ev('Warning', 'Rebooted', `Node ${name} has been rebooted, boot id: ${rebooted}`);
  ev('Normal', 'NodeReady', `Node ${name} status is now: NodeReady`);
}

function addNode(s: Session, name: string): string {
  s.write((api) => {
    if (api.get('Node', undefined, name)) throw new CliError(`node "${name}" already exists`);
    // The next free index: pod CIDR 10.244.N.0/24, address 172.18.0.(N+2).
    const used = new Set(api.list('Node').map((n) => Number(/^10\.244\.(\d+)\./.exec(n.spec?.podCIDR ?? '')?.[1] ?? -1)));
    let index = 0;
    while (used.has(index)) index++;
    const now = new Date(api.nowMs()).toISOString().replace(/\.\d+Z$/, 'Z');
    const node = api.create(nodeObject(name, index, false, now));
    setNodeRuntime(api, name, { stopped: false, startedAt: api.nowMs() });
    if (!api.get('Lease', 'kube-node-lease', name)) {
      api.create({
        apiVersion: 'coordination.k8s.io/v1', kind: 'Lease',
        metadata: { name, namespace: 'kube-node-lease', ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid! }] },
        spec: { holderIdentity: name, leaseDurationSeconds: 40, renewTime: now.replace('Z', '.000000Z') },
      });
    }
    if (!api.get('CSINode', undefined, name)) api.create((require('../controllers/bootstrap-more') as typeof import('../controllers/bootstrap-more')).csiNodeFor(node));
    kubeletStartEvents(api, node);
    api.recordEvent(node, 'Normal', 'RegisteredNode', `Node ${name} event: Registered Node ${name} in Controller`, 'node-controller');
  });
  return `node/${name} added\n`;
}

function stopNode(s: Session, name: string): string {
  mustNode(s, name);
  if (nodeRuntime(s.api, name)?.stopped) return `node/${name} already stopped\n`;
  s.write((api) => {
    const now = api.nowMs();
    setNodeRuntime(api, name, { ...(nodeRuntime(api, name) ?? {}), stopped: true, stoppedAt: now });
    api.mutate('Node', undefined, name, (n) => {
      n.status.conditions = (n.status?.conditions ?? []).map((c: any) => ({
        type: c.type, status: 'Unknown', lastHeartbeatTime: c.lastHeartbeatTime, lastTransitionTime: timestamp(now),
        reason: 'NodeStatusUnknown', message: 'Kubelet stopped posting node status.',
      }));
    }, { status: true });
  });
  return `node/${name} stopped\n`;
}

function startNode(s: Session, name: string): string {
  mustNode(s, name);
  const rt = nodeRuntime(s.api, name);
  const ready = (mustNode(s, name).status?.conditions ?? []).find((c: any) => c.type === 'Ready')?.status === 'True';
  if (!rt?.stopped && ready) return `node/${name} already started\n`;
  s.write((api) => {
    const now = api.nowMs();
    setNodeRuntime(api, name, { ...(rt ?? {}), stopped: false, startedAt: now });
    const bootID = [0, 1, 2, 3].map((i) => fnv32a(`${name}${now}${i}`).toString(16).padStart(8, '0')).join('');
    const boot = `${bootID.slice(0, 8)}-${bootID.slice(8, 12)}-${bootID.slice(12, 16)}-${bootID.slice(16, 20)}-${bootID.slice(20, 32)}`;
    const n = api.mutate('Node', undefined, name, (o) => {
      const t = timestamp(now);
      o.status.conditions = CONDITIONS.map(([type, reason, message]) => ({
        type, status: type === 'Ready' ? 'True' : 'False', lastHeartbeatTime: t, lastTransitionTime: t, reason, message,
      }));
      if (o.status.nodeInfo) o.status.nodeInfo.bootID = boot;
    }, { status: true });
    kubeletStartEvents(api, n, boot);
    const lease = api.get('Lease', 'kube-node-lease', name);
    if (lease) { lease.spec.renewTime = new Date(now).toISOString().replace('Z', '000Z'); api.update(lease); }
  });
  return `node/${name} started\n`;
}

function removeNode(s: Session, name: string): string {
  mustNode(s, name);
  s.write((api) => {
    api.delete('Node', undefined, name);
    if (api.get('Lease', 'kube-node-lease', name)) api.delete('Lease', 'kube-node-lease', name);
    if (api.get('CSINode', undefined, name)) api.delete('CSINode', undefined, name);
  });
  return `node/${name} removed\n`;
}
