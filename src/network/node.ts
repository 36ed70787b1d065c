// A node as a shell sees it (`kubesim ssh NODE`, `docker exec -it kind-control-plane bash`,
// `kubectl debug node/NAME` then `chroot /host`): the node is a host-network "pod" of the
// kindest/node image (Debian bookworm, bash, systemd, containerd, kubelet, kubectl, iptables,
// crictl, iproute2, curl, jq), so the node shell runs through the same shell machinery
// (shell.ts execStream) as `kubectl exec` does. Its files are the node's: Docker's /etc/hosts
// and /etc/resolv.conf (with kind's DNS fix), /etc/kubernetes (admin.conf on the control
// plane, where kind sets KUBECONFIG), and the kernel's view (/proc/net/..., interfaces, routes).
import type { KObject } from '../api/types';
import type { ImageProfile } from './images';
import type { EnvList } from './env';
import { NetView, nodeInternalIP, ipToInt, intToIp, hash32 } from './host';

export const NODE_IMAGE = 'kindest/node:v1.32.2';
/** The annotation marking a synthetic node-shell pod (never stored). */
export const NODE_SHELL_ANNOTATION = 'kubesim.io/node-shell';
export const DOCKER_GATEWAY = '172.18.0.1';
export const DOCKER_SUBNET_V6 = 'fc00:f853:ccd:e793';

export const isControlPlane = (node: KObject | undefined) => node?.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined;

/** The synthetic host-network pod whose shell is the node's. */
export function nodePod(node: KObject): KObject {
  const ip = nodeInternalIP(node) ?? '';
  const name = node.metadata.name;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      name, namespace: '', uid: `node-${node.metadata.uid ?? name}`,
      annotations: { [NODE_SHELL_ANNOTATION]: name },
      creationTimestamp: node.metadata.creationTimestamp,
    } as any,
    spec: {
      nodeName: name, hostNetwork: true, hostPID: true, dnsPolicy: 'Default',
      containers: [{ name: 'node', image: NODE_IMAGE }],
    },
    status: {
      phase: 'Running', podIP: ip, podIPs: [{ ip }], hostIP: ip, hostIPs: [{ ip }],
      containerStatuses: [{ name: 'node', ready: true, started: true, state: { running: { startedAt: node.metadata.creationTimestamp } } }],
      conditions: [{ type: 'Ready', status: 'True' }],
    },
  };
}

export const isNodeShell = (pod: KObject | undefined) => !!pod?.metadata.annotations?.[NODE_SHELL_ANNOTATION];
/** A pod in the node's network namespace (a node shell, a host-network pod, a node debug pod). */
export const inHostNetwork = (pod: KObject | undefined) => !!pod?.spec?.hostNetwork;

const NODE_TOOLS = [
  'sh', 'bash', 'dash', 'echo', 'printf', 'printenv', 'env', 'cat', 'hostname', 'ls', 'pwd', 'id', 'whoami', 'uname', 'date',
  'sleep', 'true', 'false', 'seq', 'grep', 'egrep', 'fgrep', 'head', 'tail', 'wc', 'sort', 'uniq', 'cut', 'tr', 'sed',
  'awk', 'tee', 'test', '[', 'basename', 'dirname', 'ps', 'touch', 'mkdir', 'rm', 'cp', 'mv', 'which', 'clear',
  'expr', 'xargs', 'timeout', 'yes', 'rev', 'base64',
  // the node image's own packages (kind images/base: iptables, iproute2, conntrack, curl, jq, procps)
  'curl', 'jq', 'ip', 'ss', 'iptables', 'iptables-save', 'iptables-nft', 'iptables-nft-save', 'conntrack', 'crictl', 'kubectl', 'chroot',
  'apt', 'apt-get',
  // the network tools the exercises use from a node (not in kindest/node itself)
  'wget', 'ping', 'nslookup', 'dig', 'host', 'nc',
];

let profile: ImageProfile | undefined;

/** The kindest/node image as the shell sees it. */
export function nodeImage(): ImageProfile {
  return (profile ??= {
    image: NODE_IMAGE, name: 'node', repo: 'kindest/node', tag: 'v1.32.2', family: 'debian', base: 'debian', catalogued: true,
    env: [['container', 'docker']], workdir: '/', home: '/root', user: { name: 'root', uid: 0, gid: 0, home: '/root' },
    tools: new Set(NODE_TOOLS), sh: 'dash', shell: 'bash', nslookup: 'bind', ping: 'iputils', wget: 'gnu',
    curlVersion: '7.88.1', bashVersion: '5.2.15', busyboxVersion: '1.37.0', pkg: 'apt', pkgs: [], size: 0,
    osRelease: `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nVERSION="12 (bookworm)"\nVERSION_CODENAME=bookworm\nID=debian\nHOME_URL="https://www.debian.org/"\nSUPPORT_URL="https://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n`,
  });
}

/** `docker exec` environment of a kind node: PATH, HOSTNAME, the image's ENV, kind's KUBECONFIG
 *  on control-plane nodes (kind PR #2128), HOME. */
export function nodeEnv(view: NetView, pod: KObject): EnvList {
  const node = view.nodes().find((n) => n.metadata.name === pod.spec?.nodeName);
  const env: EnvList = [['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'], ['HOSTNAME', pod.spec?.nodeName ?? ''], ['container', 'docker']];
  if (isControlPlane(node)) env.push(['KUBECONFIG', '/etc/kubernetes/admin.conf']);
  env.push(['HOME', '/root']);
  return env;
}

// ---- the node's network -----------------------------------------------------------------------------

export interface Veth { name: string; index: number; pod: KObject; ip: string; mac: string }

const hex2 = (n: number) => (n & 255).toString(16).padStart(2, '0');

/** Docker's MAC for a container address: 02:42 + the IPv4 address. */
export const dockerMac = (ip: string) => ['02', '42', ...ip.split('.').map((x) => hex2(Number(x)))].join(':');

/** The pods with an IP on this node's pod network (one veth each, kindnet's ptp plugin), in creation order. */
export function nodeVeths(view: NetView, nodeName: string): Veth[] {
  const pods = view.pods().filter((p) => p.spec?.nodeName === nodeName && !p.spec?.hostNetwork && p.status?.podIP && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  pods.sort((a, b) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)) || a.metadata.name.localeCompare(b.metadata.name));
  return pods.map((p, i) => {
    const h = hash32(p.metadata.uid ?? p.metadata.name);
    const h2 = hash32((p.metadata.uid ?? p.metadata.name) + '/veth');
    return {
      name: 'veth' + h.toString(16).padStart(8, '0'), index: 3 + i, pod: p, ip: p.status.podIP,
      mac: [((h2 >>> 24) & 0xfc) | 0x02, h2 >>> 16, h2 >>> 8, h2, h >>> 8, h].map(hex2).join(':'),
    };
  });
}

/** The gateway address kindnet gives the host end of every veth: the first of the pod CIDR. */
export function podGateway(node: KObject | undefined): string | undefined {
  const cidr: string | undefined = node?.spec?.podCIDR;
  return cidr ? intToIp(ipToInt(cidr.split('/')[0]) + 1) : undefined;
}

function linkLocal(mac: string): string {
  const b = mac.split(':').map((x) => parseInt(x, 16));
  const g = [((b[0] ^ 2) << 8) | b[1], (b[2] << 8) | 0xff, 0xfe00 | b[3], (b[4] << 8) | b[5]];
  return 'fe80::' + g.map((x) => x.toString(16)).join(':');
}

export function ipAddr(view: NetView, node: KObject, only?: string): string {
  const ip = nodeInternalIP(node) ?? '';
  const last = Number(ip.split('.')[3] ?? 0);
  const gw = podGateway(node);
  let out = '';
  const lo = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n    inet6 ::1/128 scope host noprefixroute \n       valid_lft forever preferred_lft forever\n`;
  const mac = dockerMac(ip);
  const eth0 = `2: eth0@if${4 + 2 * last}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default \n    link/ether ${mac} brd ff:ff:ff:ff:ff:ff link-netnsid 0\n    inet ${ip}/16 brd 172.18.255.255 scope global eth0\n       valid_lft forever preferred_lft forever\n    inet6 ${DOCKER_SUBNET_V6}::${last.toString(16)}/64 scope global nodad \n       valid_lft forever preferred_lft forever\n    inet6 ${linkLocal(mac)}/64 scope link \n       valid_lft forever preferred_lft forever\n`;
  if (!only || only === 'lo') out += lo;
  if (!only || only === 'eth0') out += eth0;
  for (const v of nodeVeths(view, node.metadata.name)) {
    if (only && only !== v.name) continue;
    const ns = `cni-${hash32(v.pod.metadata.uid + '/ns').toString(16).padStart(8, '0')}-${hash32(v.pod.metadata.uid + '/ns2').toString(16).padStart(8, '0').slice(0, 4)}-${hash32(v.pod.metadata.name).toString(16).padStart(8, '0').slice(0, 4)}-${hash32(v.ip).toString(16).padStart(8, '0').slice(0, 4)}-${hash32(v.name).toString(16).padStart(8, '0')}${hash32(v.ip + 'x').toString(16).padStart(8, '0').slice(0, 4)}`;
    out += `${v.index}: ${v.name}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP group default \n    link/ether ${v.mac} brd ff:ff:ff:ff:ff:ff link-netns ${ns}\n    inet ${gw}/32 scope global ${v.name}\n       valid_lft forever preferred_lft forever\n    inet6 ${linkLocal(v.mac)}/64 scope link \n       valid_lft forever preferred_lft forever\n`;
  }
  return out;
}

export function ipLink(view: NetView, node: KObject): string {
  const ip = nodeInternalIP(node) ?? '';
  const last = Number(ip.split('.')[3] ?? 0);
  let out = `1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN mode DEFAULT group default qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n`;
  out += `2: eth0@if${4 + 2 * last}: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default \n    link/ether ${dockerMac(ip)} brd ff:ff:ff:ff:ff:ff link-netnsid 0\n`;
  for (const v of nodeVeths(view, node.metadata.name)) out += `${v.index}: ${v.name}@if2: <BROADCAST,MULTICAST,UP,LOWER_UP> mtu 1500 qdisc noqueue state UP mode DEFAULT group default \n    link/ether ${v.mac} brd ff:ff:ff:ff:ff:ff link-netns cni-${hash32(v.pod.metadata.uid + '/ns').toString(16).padStart(8, '0')}\n`;
  return out;
}

/** The main routing table: Docker's default route and subnet, one /32 per local pod (ptp), and
 *  kindnet's route to every other node's pod CIDR via that node; in the kernel's dump order. */
export function ipRoute(view: NetView, node: KObject): string {
  const ip = nodeInternalIP(node) ?? '';
  const rows: { key: number; len: number; text: string }[] = [];
  for (const v of nodeVeths(view, node.metadata.name)) rows.push({ key: ipToInt(v.ip), len: 32, text: `${v.ip} dev ${v.name} scope host ` });
  for (const n of view.nodes()) {
    if (n.metadata.name === node.metadata.name || !n.spec?.podCIDR) continue;
    const via = nodeInternalIP(n);
    if (!via) continue;
    const [base, bits] = n.spec.podCIDR.split('/');
    rows.push({ key: ipToInt(base), len: Number(bits), text: `${n.spec.podCIDR} via ${via} dev eth0 ` });
  }
  rows.push({ key: ipToInt('172.18.0.0'), len: 16, text: `172.18.0.0/16 dev eth0 proto kernel scope link src ${ip} ` });
  rows.sort((a, b) => a.key - b.key || a.len - b.len);
  return `default via ${DOCKER_GATEWAY} dev eth0 \n` + rows.map((r) => r.text + '\n').join('');
}

export interface NodeListener { addr: string; port: number; process: string }

/** What listens on a kind node (TCP): the control plane's static pods, kubelet, kube-proxy,
 *  containerd, Docker's embedded DNS, and host-network pods with declared ports. */
export function nodeListeners(view: NetView, node: KObject): NodeListener[] {
  const ip = nodeInternalIP(node) ?? '';
  const h = hash32(node.metadata.name);
  const out: NodeListener[] = [
    { addr: '127.0.0.11', port: 32768 + (h % 28000), process: 'dockerd' },
    { addr: '127.0.0.1', port: 10248, process: 'kubelet' },
    { addr: '127.0.0.1', port: 10249, process: 'kube-proxy' },
    { addr: '127.0.0.1', port: 32768 + ((h >>> 8) % 28000), process: 'containerd' },
  ];
  if (isControlPlane(node)) {
    out.push(
      { addr: ip, port: 2379, process: 'etcd' }, { addr: '127.0.0.1', port: 2379, process: 'etcd' }, { addr: ip, port: 2380, process: 'etcd' },
      { addr: '127.0.0.1', port: 2381, process: 'etcd' }, { addr: '127.0.0.1', port: 10257, process: 'kube-controller-man' },
      { addr: '127.0.0.1', port: 10259, process: 'kube-scheduler' },
    );
  }
  out.push({ addr: '*', port: 10250, process: 'kubelet' }, { addr: '*', port: 10256, process: 'kube-proxy' });
  if (isControlPlane(node)) out.push({ addr: '*', port: 6443, process: 'kube-apiserver' });
  for (const p of view.pods()) {
    if (!p.spec?.hostNetwork || p.spec?.nodeName !== node.metadata.name || p.status?.phase !== 'Running') continue;
    for (const c of p.spec.containers ?? []) for (const cp of c.ports ?? []) {
      if ((cp.protocol ?? 'TCP') !== 'TCP' || out.some((l) => l.port === cp.containerPort)) continue;
      out.push({ addr: '*', port: cp.containerPort, process: c.name });
    }
  }
  return out;
}

// ---- the node's files ---------------------------------------------------------------------------------

/** /etc/hosts as Docker writes it for a container on the kind network. */
export function nodeHostsText(nodeName: string, ip: string): string {
  const last = Number(ip.split('.')[3] ?? 0);
  return `127.0.0.1\tlocalhost\n::1\tlocalhost ip6-localhost ip6-loopback\nfe00::0\tip6-localnet\nff00::0\tip6-mcastprefix\nff02::1\tip6-allnodes\nff02::2\tip6-allrouters\n${ip}\t${nodeName}\n${DOCKER_SUBNET_V6}::${last.toString(16)}\t${nodeName}\n`;
}

/** /etc/resolv.conf of a kind node: Docker's embedded-DNS file, 127.0.0.11 replaced by the
 *  network gateway (kind's entrypoint fix_dns). */
export const NODE_RESOLV_CONF = `# Generated by Docker Engine.\n# This file can be edited; Docker Engine will not make further changes once it\n# has been modified.\n\nnameserver ${DOCKER_GATEWAY}\noptions ndots:0\n\n# Based on host file: '/etc/resolv.conf' (internal resolver)\n# ExtServers: [host(127.0.0.53)]\n# Overrides: []\n# Option ndots from: internal\n`;

function kubeconfigText(user: string, server: string, cert: string): string {
  return `apiVersion: v1\nclusters:\n- cluster:\n    certificate-authority-data: ${cert}\n    server: ${server}\n  name: kind\ncontexts:\n- context:\n    cluster: kind\n    user: ${user}\n  name: ${user}@kind\ncurrent-context: ${user}@kind\nkind: Config\npreferences: {}\nusers:\n- name: ${user}\n  user:\n    client-certificate-data: ${Buffer.from(`kubesim simulated client certificate for ${user}`).toString('base64')}\n    client-key-data: ${Buffer.from(`kubesim simulated client key for ${user}`).toString('base64')}\n`;
}
const CA = Buffer.from('kubesim simulated cluster CA (kind)').toString('base64');

/** A file of the node (undefined: not one the node shell knows; the image's files apply). */
export function nodeFile(view: NetView, nodeName: string, p: string): string | undefined {
  const node = view.nodes().find((n) => n.metadata.name === nodeName);
  if (!node) return undefined;
  const ip = nodeInternalIP(node) ?? '';
  const cp = isControlPlane(node);
  switch (p) {
    case '/etc/hostname': return nodeName + '\n';
    case '/etc/hosts': return nodeHostsText(nodeName, ip);
    case '/etc/resolv.conf': return NODE_RESOLV_CONF;
    case '/etc/kubernetes/admin.conf': return cp ? kubeconfigText('kubernetes-admin', `https://${nodeName}:6443`, CA) : undefined;
    case '/etc/kubernetes/super-admin.conf': return cp ? kubeconfigText('kubernetes-super-admin', `https://${nodeName}:6443`, CA) : undefined;
    case '/etc/kubernetes/kubelet.conf': return kubeconfigText(`system:node:${nodeName}`, `https://kind-control-plane:6443`, CA);
    case '/proc/sys/net/ipv4/ip_forward': return '1\n';
    case '/proc/sys/net/ipv4/conf/all/route_localnet': return '1\n';
    case '/proc/sys/net/bridge/bridge-nf-call-iptables': return '1\n';
    case '/var/lib/kubelet/config.yaml': return `apiVersion: kubelet.config.k8s.io/v1beta1\nauthentication:\n  anonymous:\n    enabled: false\n  webhook:\n    cacheTTL: 0s\n    enabled: true\n  x509:\n    clientCAFile: /etc/kubernetes/pki/ca.crt\nauthorization:\n  mode: Webhook\ncgroupDriver: systemd\nclusterDNS:\n- 10.96.0.10\nclusterDomain: cluster.local\ncontainerRuntimeEndpoint: unix:///run/containerd/containerd.sock\nevictionHard:\n  imagefs.available: 0%\n  nodefs.available: 0%\n  nodefs.inodesFree: 0%\nfailSwapOn: false\nimageGCHighThresholdPercent: 100\nkind: KubeletConfiguration\nstaticPodPath: /etc/kubernetes/manifests\n`;
    case '/etc/crictl.yaml': return 'runtime-endpoint: unix:///run/containerd/containerd.sock\n';
  }
  return undefined;
}

/** Directories of a node the shell can cd into. */
export const NODE_DIRS = ['/etc/kubernetes', '/etc/kubernetes/manifests', '/etc/kubernetes/pki', '/var/lib/kubelet', '/var/log/pods', '/var/log/containers', '/run/containerd', '/etc/cni', '/etc/cni/net.d', '/kind'];

/** Where a path of a shell lies in a node's filesystem: every path of a node shell, and the
 *  paths under a node debug pod's hostPath "/" mount (/host). */
export function nodePathOf(pod: KObject, container: any, abs: string): { node: string; path: string } | undefined {
  const node = pod.spec?.nodeName;
  if (!node) return undefined;
  if (isNodeShell(pod)) return { node, path: abs };
  const root = (pod.spec?.volumes ?? []).find((v: any) => v.hostPath?.path === '/');
  const mount = root && (container?.volumeMounts ?? []).find((m: any) => m.name === root.name)?.mountPath;
  if (!mount) return undefined;
  if (abs === mount) return { node, path: '/' };
  return abs.startsWith(mount + '/') ? { node, path: abs.slice(mount.length) } : undefined;
}

const NODE_ROOT = ['bin', 'boot', 'dev', 'etc', 'home', 'kind', 'lib', 'lib32', 'lib64', 'libx32', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'];

/** The entries of a node directory the shell knows (undefined: not one of them). */
export function nodeDirListing(view: NetView, nodeName: string, p: string): string[] | undefined {
  const node = view.nodes().find((n) => n.metadata.name === nodeName);
  if (!node) return undefined;
  const cp = isControlPlane(node);
  switch (p) {
    case '/': return NODE_ROOT;
    case '/etc/kubernetes': return cp ? ['admin.conf', 'controller-manager.conf', 'kubelet.conf', 'manifests', 'pki', 'scheduler.conf', 'super-admin.conf'] : ['kubelet.conf', 'manifests', 'pki'];
    case '/etc/kubernetes/manifests': return cp ? ['etcd.yaml', 'kube-apiserver.yaml', 'kube-controller-manager.yaml', 'kube-scheduler.yaml'] : [];
    case '/etc/kubernetes/pki': return cp ? ['apiserver-etcd-client.crt', 'apiserver-etcd-client.key', 'apiserver-kubelet-client.crt', 'apiserver-kubelet-client.key', 'apiserver.crt', 'apiserver.key', 'ca.crt', 'ca.key', 'etcd', 'front-proxy-ca.crt', 'front-proxy-ca.key', 'front-proxy-client.crt', 'front-proxy-client.key', 'sa.key', 'sa.pub'] : ['ca.crt'];
    case '/etc/cni/net.d': return ['10-kindnet.conflist'];
    case '/var/lib/kubelet': return ['config.yaml', 'cpu_manager_state', 'device-plugins', 'kubeadm-flags.env', 'memory_manager_state', 'pki', 'plugins', 'plugins_registry', 'pod-resources', 'pods'];
    case '/var/log/pods': return view.pods().filter((x) => x.spec?.nodeName === nodeName).map((x) => `${x.metadata.namespace}_${x.metadata.name}_${x.metadata.uid}`).sort();
    case '/var/log/containers': return view.pods().filter((x) => x.spec?.nodeName === nodeName).flatMap((x) => (x.status?.containerStatuses ?? []).filter((s: any) => s.containerID).map((s: any) => `${x.metadata.name}_${x.metadata.namespace}_${s.name}-${String(s.containerID).replace(/^\w+:\/\//, '')}.log`)).sort();
  }
  return undefined;
}
