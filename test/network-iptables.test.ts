// kube-proxy 1.32's iptables rules (src/network/iptables.ts) against rules written out by hand
// from proxier.go, with chain hashes checked on a kind cluster (reference sheet section C) and
// the others computed here independently (sha256 -> base32 as a bit string).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'crypto';
import { kubeProxyRules, nodeTables, iptablesSave, iptablesList, probabilityText, saveRule } from '../src/network/iptables';

/** base32 of sha256, first 16 characters, the slow and obvious way. */
function h16(s: string): string {
  const bits = [...createHash('sha256').update(s).digest()].map((b) => b.toString(2).padStart(8, '0')).join('');
  let out = '';
  for (let i = 0; i < 80; i += 5) out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[parseInt(bits.slice(i, i + 5), 2)];
  return out;
}

const svc = (name: string, ns: string, spec: any, status?: any) => ({ apiVersion: 'v1', kind: 'Service', metadata: { name, namespace: ns }, spec: { type: 'ClusterIP', sessionAffinity: 'None', ...spec }, ...(status ? { status } : {}) });
const slice = (svcName: string, ns: string, ports: any[], eps: { ip: string; node: string; ready?: boolean; terminating?: boolean; serving?: boolean }[]) => ({
  apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
  metadata: { name: `${svcName}-abcde`, namespace: ns, labels: { 'kubernetes.io/service-name': svcName } },
  ports,
  endpoints: eps.map((e) => ({ addresses: [e.ip], nodeName: e.node, conditions: { ready: e.ready ?? true, serving: e.serving ?? e.ready ?? true, terminating: e.terminating ?? false } })),
});

test('chain hashes match the ones seen on kind', () => {
  assert.equal(h16('default/web-servicetcp'), 'SZGXCNNBZLC4E3DM');
  assert.equal(h16('default/web-servicetcp10.244.1.10:80'), 'LJSFUGXYHK6BOCVT');
  assert.equal(h16('default/kubernetes:httpstcp'), 'NPX46M4PTMTKRN6Y');
  assert.equal(h16('kube-system/kube-dns:dnsudp'), 'TCOU7JCQXEZGVUNU');
  const { nat } = kubeProxyRules({
    services: [svc('web-service', 'default', { clusterIP: '10.96.12.34', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] })],
    endpointSlices: [slice('web-service', 'default', [{ port: 80, protocol: 'TCP' }], [{ ip: '10.244.1.10', node: 'kind-worker' }])],
    nodeName: 'kind-worker',
  });
  assert.ok(nat.chains.has('KUBE-SVC-SZGXCNNBZLC4E3DM'));
  assert.ok(nat.chains.has('KUBE-SEP-LJSFUGXYHK6BOCVT'));
});

test('probabilities as iptables prints them', () => {
  assert.deepEqual([2, 3, 4, 5, 6, 7].map(probabilityText), ['0.50000000000', '0.33333333349', '0.25000000000', '0.20000000019', '0.16666666651', '0.14285714272']);
});

function cluster() {
  const services = [
    svc('kubernetes', 'default', { clusterIP: '10.96.0.1', ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }] }),
    svc('web', 'default', { clusterIP: '10.96.100.1', ports: [{ port: 80, protocol: 'TCP', targetPort: 8080 }] }),
    svc('np', 'default', { type: 'NodePort', clusterIP: '10.96.100.2', externalTrafficPolicy: 'Cluster', ports: [{ port: 8080, protocol: 'TCP', targetPort: 80, nodePort: 30080 }] }),
    svc('lb', 'default', { type: 'LoadBalancer', clusterIP: '10.96.100.3', externalTrafficPolicy: 'Local', healthCheckNodePort: 32000, ports: [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30081 }] }, { loadBalancer: { ingress: [{ ip: '172.18.255.200', ipMode: 'VIP' }] } }),
    svc('sticky', 'default', { clusterIP: '10.96.100.4', sessionAffinity: 'ClientIP', sessionAffinityConfig: { clientIP: { timeoutSeconds: 10800 } }, ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] }),
    svc('empty', 'default', { clusterIP: '10.96.100.5', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] }),
    svc('headless', 'default', { clusterIP: 'None', ports: [{ port: 80, protocol: 'TCP' }] }),
  ];
  const slices = [
    slice('kubernetes', 'default', [{ name: 'https', port: 6443, protocol: 'TCP' }], [{ ip: '172.18.0.2', node: 'kind-control-plane' }]),
    slice('web', 'default', [{ port: 8080, protocol: 'TCP' }], [
      { ip: '10.244.1.2', node: 'kind-worker' }, { ip: '10.244.2.2', node: 'kind-worker2' }, { ip: '10.244.1.10', node: 'kind-worker' },
      { ip: '10.244.2.9', node: 'kind-worker2', ready: false },
    ]),
    slice('np', 'default', [{ port: 80, protocol: 'TCP' }], [{ ip: '10.244.1.3', node: 'kind-worker' }, { ip: '10.244.2.3', node: 'kind-worker2' }]),
    slice('lb', 'default', [{ name: 'http', port: 80, protocol: 'TCP' }], [{ ip: '10.244.2.4', node: 'kind-worker2' }]),
    slice('sticky', 'default', [{ port: 80, protocol: 'TCP' }], [{ ip: '10.244.1.5', node: 'kind-worker' }, { ip: '10.244.2.5', node: 'kind-worker2' }]),
    slice('empty', 'default', [{ port: 80, protocol: 'TCP' }], []),
  ];
  return { services, endpointSlices: slices };
}

const SVC = (spn: string, p = 'tcp') => 'KUBE-SVC-' + h16(spn + p);
const SVL = (spn: string, p = 'tcp') => 'KUBE-SVL-' + h16(spn + p);
const EXT = (spn: string, p = 'tcp') => 'KUBE-EXT-' + h16(spn + p);
const SEP = (spn: string, ep: string, p = 'tcp') => 'KUBE-SEP-' + h16(spn + p + ep);

test('nat rules of a ClusterIP, NodePort, LoadBalancer (Local), affinity and multi-endpoint cluster', () => {
  const { nat } = kubeProxyRules({ ...cluster(), nodeName: 'kind-worker', nodeIP: '172.18.0.3' });
  const lines = nat.rules.map(saveRule);
  const expect = [
    // jump rules
    '-A POSTROUTING -m comment --comment "kubernetes postrouting rules" -j KUBE-POSTROUTING',
    '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A OUTPUT -m comment --comment "kubernetes service portals" -j KUBE-SERVICES',
    '-A KUBE-POSTROUTING -m mark ! --mark 0x4000/0x4000 -j RETURN',
    '-A KUBE-POSTROUTING -j MARK --set-xmark 0x4000/0x0',
    '-A KUBE-POSTROUTING -m comment --comment "kubernetes service traffic requiring SNAT" -j MASQUERADE --random-fully',
    '-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000',
    // default/kubernetes:https
    `-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y`,
    `-A KUBE-SVC-NPX46M4PTMTKRN6Y ! -s 10.244.0.0/16 -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-MARK-MASQ`,
    `-A KUBE-SVC-NPX46M4PTMTKRN6Y -m comment --comment "default/kubernetes:https -> 172.18.0.2:6443" -j ${SEP('default/kubernetes:https', '172.18.0.2:6443')}`,
    `-A ${SEP('default/kubernetes:https', '172.18.0.2:6443')} -s 172.18.0.2/32 -m comment --comment "default/kubernetes:https" -j KUBE-MARK-MASQ`,
    `-A ${SEP('default/kubernetes:https', '172.18.0.2:6443')} -p tcp -m comment --comment "default/kubernetes:https" -m tcp -j DNAT --to-destination 172.18.0.2:6443`,
  ];
  for (const l of expect) assert.ok(lines.includes(l), `missing: ${l}\n${lines.join('\n')}`);

  // default/lb: LoadBalancer, externalTrafficPolicy Local, its one endpoint on another node
  const lb = 'default/lb:http';
  for (const l of [
    `-A KUBE-SERVICES -d 10.96.100.3/32 -p tcp -m comment --comment "${lb} cluster IP" -m tcp --dport 80 -j ${SVC(lb)}`,
    `-A KUBE-SERVICES -d 172.18.255.200/32 -p tcp -m comment --comment "${lb} loadbalancer IP" -m tcp --dport 80 -j ${EXT(lb)}`,
    `-A KUBE-NODEPORTS -d 127.0.0.0/8 -p tcp -m comment --comment "${lb}" -m tcp --dport 30081 -m nfacct --nfacct-name  localhost_nps_accepted_pkts -j ${EXT(lb)}`,
    `-A KUBE-NODEPORTS -p tcp -m comment --comment "${lb}" -m tcp --dport 30081 -j ${EXT(lb)}`,
    `-A ${EXT(lb)} -s 10.244.0.0/16 -m comment --comment "pod traffic for ${lb} external destinations" -j ${SVC(lb)}`,
    `-A ${EXT(lb)} -m comment --comment "masquerade LOCAL traffic for ${lb} external destinations" -m addrtype --src-type LOCAL -j KUBE-MARK-MASQ`,
    `-A ${EXT(lb)} -m comment --comment "route LOCAL traffic for ${lb} external destinations" -m addrtype --src-type LOCAL -j ${SVC(lb)}`,
  ]) assert.ok(lines.includes(l), `missing: ${l}`);
  // no local endpoint on kind-worker: no fall-through to SVL and no SVL chain
  assert.ok(!lines.some((l) => l.startsWith(`-A ${EXT(lb)} -j`)));
  assert.ok(!nat.chains.has(SVL(lb)));
  // on kind-worker2 it has one
  const { nat: nat2 } = kubeProxyRules({ ...cluster(), nodeName: 'kind-worker2' });
  const lines2 = nat2.rules.map(saveRule);
  assert.ok(lines2.includes(`-A ${EXT(lb)} -j ${SVL(lb)}`));
  assert.ok(lines2.includes(`-A ${SVL(lb)} -m comment --comment "${lb} -> 10.244.2.4:80" -j ${SEP(lb, '10.244.2.4:80')}`));

  // default/web: ready endpoints sorted as strings, 1/3 1/2 then the last; not-ready left out
  const web = 'default/web';
  const eps = ['10.244.1.10:8080', '10.244.1.2:8080', '10.244.2.2:8080'];
  const svcRules = lines.filter((l) => l.startsWith(`-A ${SVC(web)} `));
  assert.deepEqual(svcRules, [
    `-A ${SVC(web)} ! -s 10.244.0.0/16 -d 10.96.100.1/32 -p tcp -m comment --comment "${web} cluster IP" -m tcp --dport 80 -j KUBE-MARK-MASQ`,
    `-A ${SVC(web)} -m comment --comment "${web} -> ${eps[0]}" -m statistic --mode random --probability 0.33333333349 -j ${SEP(web, eps[0])}`,
    `-A ${SVC(web)} -m comment --comment "${web} -> ${eps[1]}" -m statistic --mode random --probability 0.50000000000 -j ${SEP(web, eps[1])}`,
    `-A ${SVC(web)} -m comment --comment "${web} -> ${eps[2]}" -j ${SEP(web, eps[2])}`,
  ]);
  assert.ok(!lines.some((l) => l.includes('10.244.2.9')));

  // default/np: NodePort, Cluster policy
  const np = 'default/np';
  assert.ok(lines.includes(`-A ${EXT(np)} -m comment --comment "masquerade traffic for ${np} external destinations" -j KUBE-MARK-MASQ`));
  assert.ok(lines.includes(`-A ${EXT(np)} -j ${SVC(np)}`));

  // default/sticky: ClientIP affinity
  const st = 'default/sticky';
  const s1 = SEP(st, '10.244.1.5:80'), s2 = SEP(st, '10.244.2.5:80');
  for (const l of [
    `-A ${SVC(st)} -m comment --comment "${st} -> 10.244.1.5:80" -m recent --rcheck --seconds 10800 --reap --name ${s1} --mask 255.255.255.255 --rsource -j ${s1}`,
    `-A ${SVC(st)} -m comment --comment "${st} -> 10.244.2.5:80" -m recent --rcheck --seconds 10800 --reap --name ${s2} --mask 255.255.255.255 --rsource -j ${s2}`,
    `-A ${s1} -p tcp -m comment --comment "${st}" -m recent --set --name ${s1} --mask 255.255.255.255 --rsource -m tcp -j DNAT --to-destination 10.244.1.5:80`,
  ]) assert.ok(lines.includes(l), `missing: ${l}`);

  // empty: no nat rules; headless: nothing at all
  assert.ok(!lines.some((l) => l.includes('default/empty') || l.includes('headless')));
  // the nodeports rule is the last of KUBE-SERVICES
  const ks = lines.filter((l) => l.startsWith('-A KUBE-SERVICES '));
  assert.equal(ks[ks.length - 1], '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS');
});

test('filter rules: REJECT for a service without endpoints, health check node port', () => {
  const { filter } = kubeProxyRules({ ...cluster(), nodeName: 'kind-worker' });
  const lines = filter.rules.map(saveRule);
  assert.ok(lines.includes('-A KUBE-SERVICES -d 10.96.100.5/32 -p tcp -m comment --comment "default/empty has no endpoints" -m tcp --dport 80 -j REJECT --reject-with icmp-port-unreachable'));
  assert.ok(lines.includes('-A KUBE-NODEPORTS -p tcp -m comment --comment "default/lb:http health check node port" -m tcp --dport 32000 -j ACCEPT'));
  assert.ok(lines.includes('-A KUBE-FORWARD -m conntrack --ctstate INVALID -m nfacct --nfacct-name  ct_state_invalid_dropped_pkts -j DROP'));
});

test('iptables-save layout: header, built-in chains in hook order, user chains sorted, COMMIT', () => {
  const tables = nodeTables({ ...cluster(), nodeName: 'kind-worker', nodeIP: '172.18.0.3', net: { nodeName: 'kind-worker', nodeIP: '172.18.0.3', gateway: '172.18.0.1' } });
  const now = new Date(Date.UTC(2026, 11, 7, 17, 39, 49));
  const text = iptablesSave(tables.filter((t) => t.name === 'nat'), now);
  const lines = text.split('\n');
  assert.equal(lines[0], '# Generated by iptables-save v1.8.9 (nf_tables) on Mon Dec  7 17:39:49 2026');
  assert.equal(lines[1], '*nat');
  assert.deepEqual(lines.slice(2, 6), [':PREROUTING ACCEPT [0:0]', ':INPUT ACCEPT [0:0]', ':OUTPUT ACCEPT [0:0]', ':POSTROUTING ACCEPT [0:0]']);
  const chains = lines.filter((l) => /^:/.test(l)).slice(4).map((l) => l.slice(1).split(' ')[0]);
  assert.deepEqual(chains, [...chains].sort());
  assert.ok(chains.includes('KUBE-SERVICES') && chains.includes('DOCKER_OUTPUT') && chains.includes('KIND-MASQ-AGENT'));
  assert.equal(lines[2 + 4 + chains.length], '-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES');
  assert.equal(lines[lines.length - 3], 'COMMIT');
  assert.equal(lines[lines.length - 2], '# Completed on Mon Dec  7 17:39:49 2026');
  // rules are grouped by chain in the chains' order
  const ruleChains = lines.filter((l) => l.startsWith('-A ')).map((l) => l.split(' ')[1]);
  const order = ['PREROUTING', 'INPUT', 'OUTPUT', 'POSTROUTING', ...chains];
  for (let i = 1; i < ruleChains.length; i++) assert.ok(order.indexOf(ruleChains[i - 1]) <= order.indexOf(ruleChains[i]));
  // every table present, in iptables-nft-save's order
  assert.deepEqual(iptablesSave(tables, now).split('\n').filter((l) => l.startsWith('*')), ['*mangle', '*filter', '*nat']);
});

test('iptables -L: numeric and verbose layouts', () => {
  const tables = nodeTables({ ...cluster(), nodeName: 'kind-worker', nodeIP: '172.18.0.3', net: { nodeName: 'kind-worker', nodeIP: '172.18.0.3', gateway: '172.18.0.1' } });
  const nat = tables.find((t) => t.name === 'nat')!;
  const t = iptablesList(nat, 'KUBE-SERVICES', { numeric: true, verbose: false });
  const lines = t.split('\n');
  assert.equal(lines[0], 'Chain KUBE-SERVICES (2 references)');
  assert.equal(lines[1], 'target     prot opt source               destination         ');
  assert.equal(lines[2], 'KUBE-SVC-NPX46M4PTMTKRN6Y  6    --  0.0.0.0/0            10.96.0.1            /* default/kubernetes:https cluster IP */ tcp dpt:443');
  assert.match(t, /KUBE-NODEPORTS  0    --  0\.0\.0\.0\/0            0\.0\.0\.0\/0            \/\* kubernetes service nodeports; NOTE: this must be the last rule in this chain \*\/ ADDRTYPE match dst-type LOCAL\n$/);
  const named = iptablesList(nat, 'KUBE-SERVICES', { numeric: false, verbose: false });
  assert.match(named, /KUBE-SVC-NPX46M4PTMTKRN6Y  tcp  --  anywhere             10\.96\.0\.1            \/\* default\/kubernetes:https cluster IP \*\/ tcp dpt:https\n/);
  const v = iptablesList(nat, 'PREROUTING', { numeric: true, verbose: true });
  assert.equal(v.split('\n')[0], 'Chain PREROUTING (policy ACCEPT 0 packets, 0 bytes)');
  assert.equal(v.split('\n')[1], ' pkts bytes target     prot opt in     out     source               destination         ');
  assert.equal(v.split('\n')[2], '    0     0 KUBE-SERVICES  0    --  *      *       0.0.0.0/0            0.0.0.0/0            /* kubernetes service portals */');
  // as seen on kind: docker exec kind-control-plane iptables -t nat -L KUBE-SERVICES -v -n --line-numbers
  const ln = iptablesList(nat, 'KUBE-SERVICES', { numeric: true, verbose: true, lineNumbers: true }).split('\n');
  assert.equal(ln[1], 'num   pkts bytes target     prot opt in     out     source               destination         ');
  assert.equal(ln[2], '1        0     0 KUBE-SVC-NPX46M4PTMTKRN6Y  6    --  *      *       0.0.0.0/0            10.96.0.1            /* default/kubernetes:https cluster IP */ tcp dpt:443');
});

test('loadBalancerSourceRanges (KUBE-FW) and externalIPs', () => {
  const services = [svc('fw', 'default', { type: 'LoadBalancer', clusterIP: '10.96.100.6', externalIPs: ['192.168.99.9'], loadBalancerSourceRanges: ['203.0.113.0/24', '172.18.0.0/16'], ports: [{ port: 80, protocol: 'TCP', targetPort: 80, nodePort: 30090 }] }, { loadBalancer: { ingress: [{ ip: '172.18.255.201', ipMode: 'VIP' }] } })];
  const endpointSlices = [slice('fw', 'default', [{ port: 80, protocol: 'TCP' }], [{ ip: '10.244.1.8', node: 'kind-worker' }])];
  const { nat, filter } = kubeProxyRules({ services, endpointSlices, nodeName: 'kind-worker', nodeIP: '172.18.0.3' });
  const n = nat.rules.map(saveRule);
  const FW = 'KUBE-FW-' + h16('default/fwtcp');
  const E = EXT('default/fw');
  for (const l of [
    `-A KUBE-SERVICES -d 192.168.99.9/32 -p tcp -m comment --comment "default/fw external IP" -m tcp --dport 80 -j ${E}`,
    `-A KUBE-SERVICES -d 172.18.255.201/32 -p tcp -m comment --comment "default/fw loadbalancer IP" -m tcp --dport 80 -j ${FW}`,
    `-A ${FW} -s 203.0.113.0/24 -m comment --comment "default/fw loadbalancer IP" -j ${E}`,
    `-A ${FW} -s 172.18.0.0/16 -m comment --comment "default/fw loadbalancer IP" -j ${E}`,
    // the node's own address is in a source range: the LB IP as a source is let through too
    `-A ${FW} -s 172.18.255.201/32 -m comment --comment "default/fw loadbalancer IP" -j ${E}`,
    `-A ${FW} -m comment --comment "other traffic to default/fw will be dropped by KUBE-PROXY-FIREWALL"`,
  ]) assert.ok(n.includes(l), `missing: ${l}\n${n.join('\n')}`);
  assert.ok(filter.rules.map(saveRule).includes(`-A KUBE-PROXY-FIREWALL -d 172.18.255.201/32 -p tcp -m comment --comment "default/fw traffic not accepted by ${FW}" -m tcp --dport 80 -j DROP`));
});

test('internalTrafficPolicy Local without a local endpoint: DROP in the filter table, no nat rule for the cluster IP', () => {
  const services = [svc('itp', 'default', { clusterIP: '10.96.100.7', internalTrafficPolicy: 'Local', ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }] })];
  const endpointSlices = [slice('itp', 'default', [{ port: 80, protocol: 'TCP' }], [{ ip: '10.244.2.8', node: 'kind-worker2' }])];
  const { nat, filter } = kubeProxyRules({ services, endpointSlices, nodeName: 'kind-worker' });
  assert.ok(!nat.rules.map(saveRule).some((l) => l.includes('default/itp')));
  assert.ok(filter.rules.map(saveRule).includes('-A KUBE-SERVICES -d 10.96.100.7/32 -p tcp -m comment --comment "default/itp has no local endpoints" -m tcp --dport 80 -j DROP'));
  const on2 = kubeProxyRules({ services, endpointSlices, nodeName: 'kind-worker2' }).nat.rules.map(saveRule);
  assert.ok(on2.includes(`-A KUBE-SERVICES -d 10.96.100.7/32 -p tcp -m comment --comment "default/itp cluster IP" -m tcp --dport 80 -j ${SVL('default/itp')}`));
});
