// Node shells: `kubesim ssh NODE [-- COMMAND]` (docker exec into a kind node) and
// `kubectl debug node/NAME` with chroot /host. kube-proxy's rules on a node are compared with
// rules computed here from the cluster's services and endpoint slices as read through kubectl.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'crypto';
import { cluster } from './helpers/kubectl';

const c = cluster({ KUBESIM_POD_STARTUP: '0' });
after(() => c.cleanup());

c.k('create', 'deployment', 'web', '--image=nginx', '--replicas=3');
c.k('expose', 'deployment', 'web', '--port=80', '--type=NodePort');
c.k('create', 'deployment', 'httpenv', '--image=jpetazzo/httpenv');
c.k('expose', 'deployment', 'httpenv', '--port=8888', '--type=LoadBalancer');

const h16 = (s: string) => {
  const bits = [...createHash('sha256').update(s).digest()].map((b) => b.toString(2).padStart(8, '0')).join('');
  let out = '';
  for (let i = 0; i < 80; i += 5) out += 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567'[parseInt(bits.slice(i, i + 5), 2)];
  return out;
};
const jp = (...args: string[]) => c.k(...args).stdout;

test('ssh: hostname, addresses, exit codes; the control plane by default', () => {
  assert.deepEqual([c.ks('ssh', '--', 'hostname').stdout, c.ks('ssh', '--', 'hostname').code], ['kind-control-plane\n', 0]);
  const ip = jp('get', 'node', 'kind-worker', '-o', 'jsonpath={.status.addresses[?(@.type=="InternalIP")].address}');
  assert.equal(c.ks('ssh', 'kind-worker', '--', 'hostname').stdout, 'kind-worker\n');
  assert.equal(c.ks('ssh', 'kind-worker', '--', 'hostname', '-i').stdout, `${ip}\n`);
  assert.equal(c.ks('ssh', 'kind-worker', '--', 'exit 7').code, 7);
  const nf = c.ks('ssh', 'kind-worker', '--', 'nosuchprogram');
  assert.deepEqual([nf.code, nf.stderr], [127, 'bash: line 1: nosuchprogram: command not found\n']);
  const missing = c.ks('ssh', 'nope', '--', 'hostname');
  assert.deepEqual([missing.code, missing.stderr], [1, 'Error from server (NotFound): nodes "nope" not found\n']);
  // commands on standard input without a terminal (docker exec -i NODE bash)
  const piped = c.ksIn('cat /etc/hostname\nip route | head -1\nexit 3\n', 'ssh', 'kind-worker2');
  assert.deepEqual([piped.stdout, piped.code], ['kind-worker2\ndefault via 172.18.0.1 dev eth0 \n', 3]);
});

test('ssh: kubectl on the control plane is configured (KUBECONFIG=admin.conf), on a worker it is not', () => {
  const r = c.ks('ssh', 'kind-control-plane', '--', 'kubectl', 'get', 'nodes');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^NAME +STATUS +ROLES +AGE +VERSION\nkind-control-plane +Ready +control-plane /);
  assert.equal(c.ks('ssh', '--', 'echo $KUBECONFIG').stdout, '/etc/kubernetes/admin.conf\n');
  const nf = c.ks('ssh', '--', 'kubectl get pod nope; echo "rc=$?"');
  assert.equal(nf.stdout, 'rc=1\n');
  assert.equal(nf.stderr, 'Error from server (NotFound): pods "nope" not found\n');
  const w = c.ks('ssh', 'kind-worker', '--', 'kubectl', 'get', 'nodes');
  assert.equal(w.code, 1);
  assert.match(w.stderr, /memcache\.go:265\] "Unhandled Error" err="couldn't get current server API group list: Get \\"http:\/\/localhost:8080\/api\?timeout=32s\\"/);
  assert.match(w.stderr, /\nThe connection to the server localhost:8080 was refused - did you specify the right host or port\?\n$/);
  // with the kubelet's kubeconfig named, it reaches the cluster
  assert.equal(c.ks('ssh', 'kind-worker', '--', 'kubectl --kubeconfig /etc/kubernetes/kubelet.conf get node kind-worker -o name').stdout, 'node/kind-worker\n');
});

test('ssh: curl from the node to a ClusterIP, a NodePort on any node, a LoadBalancer IP', async () => {
  await c.until(() => jp('get', 'svc', 'httpenv', '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}') !== '');
  const ip = jp('get', 'svc', 'web', '-o', 'go-template={{.spec.clusterIP}}');
  const r = c.ks('ssh', 'kind-worker', '--', 'curl', '-s', `http://${ip}:80/`);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /<title>Welcome to nginx!<\/title>/);
  const np = jp('get', 'svc', 'web', '-o', 'jsonpath={.spec.ports[0].nodePort}');
  const w2 = jp('get', 'node', 'kind-worker2', '-o', 'jsonpath={.status.addresses[0].address}');
  for (const target of [`${w2}:${np}`, `localhost:${np}`]) {
    assert.equal(c.ks('ssh', 'kind-worker', '--', `curl -s -o /dev/null -w '%{http_code}' http://${target}/`).stdout, '200', target);
  }
  const lb = jp('get', 'svc', 'httpenv', '-o', 'jsonpath={.status.loadBalancer.ingress[0].ip}');
  const h = c.ks('ssh', '--', `curl -s http://${lb}:8888/ | jq -r .HOSTNAME`);
  assert.match(h.stdout, /^httpenv-[a-z0-9]+-[a-z0-9]{5}\n$/);
  // nothing listens on an unexposed port of the node: refused, curl's exit code 7
  const refused = c.ks('ssh', '--', 'curl', '-s', 'http://127.0.0.1:31999/');
  assert.equal(refused.code, 7);
  assert.equal(c.ks('ssh', '--', 'cat', '/etc/resolv.conf').stdout.split('\n').filter((l) => l && !l.startsWith('#')).join('\n'), 'nameserver 172.18.0.1\noptions ndots:0');
});

test('ssh: iptables-save -t nat is what kube-proxy writes for the services and endpoint slices', () => {
  const services = JSON.parse(jp('get', 'svc', '-A', '-o', 'json')).items;
  const slices = JSON.parse(jp('get', 'endpointslices', '-A', '-o', 'json')).items;
  const r = c.ks('ssh', 'kind-worker', '--', 'iptables-save', '-t', 'nat');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.match(lines[0], /^# Generated by iptables-save v1\.8\.9 \(nf_tables\) on \w{3} \w{3} [ \d]\d \d\d:\d\d:\d\d \d{4}$/);
  assert.equal(lines[1], '*nat');
  // every ClusterIP service port: the KUBE-SERVICES rule, the masquerade rule of its chain, and
  // one DNAT per ready endpoint
  let checked = 0;
  for (const s of services) {
    if (!s.spec.clusterIP || s.spec.clusterIP === 'None') continue;
    for (const p of s.spec.ports) {
      const spn = `${s.metadata.namespace}/${s.metadata.name}${p.name ? ':' + p.name : ''}`;
      const proto = p.protocol.toLowerCase();
      const chain = 'KUBE-SVC-' + h16(spn + proto);
      const eps: string[] = [];
      const mine = slices.filter((x: any) => x.metadata.namespace === s.metadata.namespace && x.metadata.labels?.['kubernetes.io/service-name'] === s.metadata.name);
      for (const sl of mine) {
        const sp = (sl.ports ?? []).find((x: any) => (x.name ?? '') === (p.name ?? '') && x.protocol === p.protocol);
        for (const e of sl.endpoints ?? []) if (sp && e.conditions?.ready !== false) eps.push(`${e.addresses[0]}:${sp.port}`);
      }
      // the kubernetes Service's endpoint, where its EndpointSlice is not listed
      if (s.metadata.name === 'kubernetes' && !eps.length) eps.push(`${jp('get', 'node', 'kind-control-plane', '-o', 'jsonpath={.status.addresses[0].address}')}:6443`);
      if (!eps.length) continue;
      eps.sort();
      assert.ok(lines.includes(`-A KUBE-SERVICES -d ${s.spec.clusterIP}/32 -p ${proto} -m comment --comment "${spn} cluster IP" -m ${proto} --dport ${p.port} -j ${chain}`), `${spn}\n${r.stdout}`);
      assert.ok(lines.includes(`-A ${chain} ! -s 10.244.0.0/16 -d ${s.spec.clusterIP}/32 -p ${proto} -m comment --comment "${spn} cluster IP" -m ${proto} --dport ${p.port} -j KUBE-MARK-MASQ`));
      eps.forEach((ep, i) => {
        const sep = 'KUBE-SEP-' + h16(spn + proto + ep);
        const prob = i < eps.length - 1 ? ` -m statistic --mode random --probability ${(Math.round(Number((1 / (eps.length - i)).toFixed(10)) * 2 ** 31) / 2 ** 31).toFixed(11)}` : '';
        assert.ok(lines.includes(`-A ${chain} -m comment --comment "${spn} -> ${ep}"${prob} -j ${sep}`), `${spn} -> ${ep}`);
        assert.ok(lines.includes(`-A ${sep} -p ${proto} -m comment --comment "${spn}" -m ${proto} -j DNAT --to-destination ${ep}`));
      });
      if (p.nodePort) assert.ok(lines.includes(`-A KUBE-NODEPORTS -p ${proto} -m comment --comment "${spn}" -m ${proto} --dport ${p.nodePort} -j KUBE-EXT-${h16(spn + proto)}`));
      checked++;
    }
  }
  assert.ok(checked >= 6, `checked ${checked}`);
  assert.equal(lines.filter((l) => l.startsWith('-A KUBE-SERVICES')).pop(), '-A KUBE-SERVICES -m comment --comment "kubernetes service nodeports; NOTE: this must be the last rule in this chain" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS');
  // iptables -t nat -L CHAIN -n
  const l = c.ks('ssh', '--', 'iptables -t nat -L KUBE-SERVICES -n | head -3');
  assert.match(l.stdout, /^Chain KUBE-SERVICES \(2 references\)\ntarget     prot opt source               destination         \nKUBE-SVC-\w{16}  (6 |17)   --  0\.0\.0\.0\/0 +\d+\.\d+\.\d+\.\d+ +\/\* .* cluster IP \*\/ (tcp|udp) dpt:\d+\n$/);
  const bad = c.ks('ssh', '--', 'iptables', '-t', 'nat', '-L', 'NOPE');
  assert.deepEqual([bad.code, bad.stderr], [1, 'iptables: No chain/target/match by that name.\n']);
});

test('ssh: ip addr, ip route (kindnet), crictl ps/pods/logs, ss', () => {
  const cidrs = JSON.parse(jp('get', 'nodes', '-o', 'json')).items.map((n: any) => [n.metadata.name, n.spec.podCIDR, n.status.addresses[0].address]);
  const route = c.ks('ssh', 'kind-worker', '--', 'ip', 'route').stdout;
  for (const [name, cidr, ip] of cidrs) if (name !== 'kind-worker') assert.ok(route.includes(`${cidr} via ${ip} dev eth0 \n`), route);
  const pods = JSON.parse(jp('get', 'pods', '-A', '-o', 'json', '--field-selector=spec.nodeName=kind-worker')).items.filter((p: any) => !p.spec.hostNetwork);
  for (const p of pods) assert.match(route, new RegExp(`\\n${p.status.podIP.replace(/\./g, '\\.')} dev veth[0-9a-f]{8} scope host \\n`));
  const addr = c.ks('ssh', 'kind-worker', '--', 'ip', 'addr').stdout;
  assert.match(addr, /\n    inet 172\.18\.0\.\d+\/16 brd 172\.18\.255\.255 scope global eth0\n/);
  const ps = c.ks('ssh', 'kind-worker', '--', 'crictl', 'ps').stdout;
  assert.match(ps, /^CONTAINER +IMAGE +CREATED +STATE +NAME +ATTEMPT +POD ID +POD +NAMESPACE\n/);
  const web = pods.find((p: any) => p.metadata.name.startsWith('web-'));
  if (web) {
    assert.match(ps, new RegExp(`\\n[0-9a-f]{13} +[0-9a-f]{13} +.* ago +Running +nginx +0 +[0-9a-f]{13} +${web.metadata.name} +default\\n`));
    const id = web.status.containerStatuses[0].containerID.replace('containerd://', '').slice(0, 13);
    assert.equal(c.ks('ssh', 'kind-worker', '--', 'crictl', 'logs', id).stdout, c.k('logs', web.metadata.name).stdout);
  }
  assert.match(c.ks('ssh', 'kind-worker', '--', 'crictl', 'pods').stdout, /^POD ID +CREATED +STATE +NAME +NAMESPACE +ATTEMPT +RUNTIME\n/);
  assert.match(c.ks('ssh', '--', 'ss', '-ltn').stdout, /:6443 /);
});

test('debug node: hostname is the node\'s, /host is its filesystem, chroot /host is the node shell; the pod completes with its logs', () => {
  const r = c.kIn('hostname\ncat /host/etc/hostname\nchroot /host iptables-save -t nat | grep -c "^-A KUBE-SVC-"\nexit 0\n', 'debug', 'node/kind-worker', '-i', '--image=busybox', '--profile=general');
  assert.equal(r.code, 0, r.stderr);
  const m = /^Creating debugging pod (node-debugger-kind-worker-[a-z0-9]{5}) with container debugger on node kind-worker\.\n/.exec(r.stdout);
  assert.ok(m, r.stdout);
  const rest = r.stdout.slice(m[0].length).split('\n');
  assert.deepEqual(rest.slice(0, 2), ['kind-worker', 'kind-worker']);
  assert.ok(Number(rest[2]) > 5, rest[2]);
  assert.equal(jp('get', 'pod', m[1], '-o', 'jsonpath={.status.phase}'), 'Succeeded');
  assert.match(c.k('get', 'pod', m[1]).stdout, /\s0\/1\s+Completed\s+0\s/);
  assert.equal(c.k('logs', m[1]).stdout, r.stdout.slice(m[0].length));
  // a failing shell: Error
  const debuggers = () => jp('get', 'pods', '-o', 'name').split('\n').filter((x) => x.includes('node-debugger-kind-worker-'));
  const before = debuggers();
  const f = c.kIn('exit 3\n', 'debug', 'node/kind-worker', '-i', '--image=busybox', '--profile=general', '-q');
  assert.equal(f.code, 3);
  const name = debuggers().find((x) => !before.includes(x))!.replace('pod/', '');
  assert.equal(jp('get', 'pod', name, '-o', 'jsonpath={.status.phase}'), 'Failed');
});

test('debug node -- CMD: a one-shot debug pod completes with the command\'s output as its log', async () => {
  const r = c.k('debug', 'node/kind-worker2', '--image=busybox', '--profile=general', '--', 'chroot', '/host', 'hostname');
  assert.equal(r.code, 0, r.stderr);
  const name = /pod (node-debugger-kind-worker2-[a-z0-9]{5})/.exec(r.stdout)![1];
  await c.until(() => jp('get', 'pod', name, '-o', 'jsonpath={.status.phase}') === 'Succeeded');
  assert.equal(c.k('logs', name).stdout, 'kind-worker2\n');
});

test('course 000 on a node: IP=$(kubectl get svc ... go-template) then curl | jq, load-balanced', () => {
  c.k('scale', 'deployment', 'httpenv', '--replicas=4');
  const script = 'IP=$(kubectl get svc httpenv -o go-template --template "{{ .spec.clusterIP }}")\nfor i in 1 2 3 4 5 6 7 8; do curl -s http://$IP:8888/ | jq .HOSTNAME; done\n';
  const r = c.ksIn(script, 'ssh', 'kind-control-plane');
  assert.equal(r.code, 0, r.stderr);
  const names = r.stdout.trim().split('\n');
  assert.equal(names.length, 8);
  for (const n of names) assert.match(n, /^"httpenv-[a-z0-9]+-[a-z0-9]{5}"$/);
  assert.ok(new Set(names).size > 1, r.stdout);
});
