// The node shell (src/network/node.ts, commands/node.ts) over the fixture cluster: a node as a
// host-network kindest/node "pod" run by the same shell as kubectl exec.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { runExec } from '../src/network/shell';
import { nodePod } from '../src/network/node';
import { fakeHost, pod, svc } from './network-fixtures';

function cluster() {
  const h = fakeHost();
  h.add(pod('web-5d9c8b7f6d-abcde', 'nginx', '10.244.1.7', 'kind-worker', { app: 'web' }, 'default', { container: { name: 'nginx', ports: [{ containerPort: 80 }] } }));
  h.add(svc('web', 'default', { type: 'NodePort', clusterIP: '10.96.50.5', selector: { app: 'web' }, ports: [{ port: 80, targetPort: 80, nodePort: 30080, protocol: 'TCP' }] }));
  h.syncEndpoints('default', 'web');
  const node = (name: string) => nodePod(h.get('Node', undefined, name)!);
  return { h, node };
}
const bash = (script: string) => ['bash', '-c', script];

test('a node shell: hostname, address, environment, prompt files', async () => {
  const { h, node } = cluster();
  const r = await runExec(h, node('kind-worker'), 'node', bash('hostname; hostname -i; echo $HOSTNAME; echo "${KUBECONFIG:-none}"; cat /etc/hostname'), { tty: false, interactive: false });
  assert.deepEqual([r.stdout, r.stderr, r.exitCode], ['kind-worker\n172.18.0.3\nkind-worker\nnone\nkind-worker\n', '', 0]);
  const cp = await runExec(h, node('kind-control-plane'), 'node', bash('echo $KUBECONFIG; test -f $KUBECONFIG && echo present'), { tty: false, interactive: false });
  assert.equal(cp.stdout, '/etc/kubernetes/admin.conf\npresent\n');
  const it = await runExec(h, node('kind-control-plane'), 'node', ['bash'], { tty: true, interactive: true, stdin: 'exit 5\n' });
  assert.equal(it.exitCode, 5);
  assert.ok(it.stdout.startsWith('root@kind-control-plane:/# '), it.stdout);
});

test('a node shell reaches ClusterIPs, NodePorts on its own and other nodes and on localhost, pod IPs', async () => {
  const { h, node } = cluster();
  for (const url of ['http://10.96.50.5/', 'http://172.18.0.4:30080/', 'http://127.0.0.1:30080/', 'http://localhost:30080/', 'http://10.244.1.7/', 'http://kind-worker2:30080/']) {
    const r = await runExec(h, node('kind-control-plane'), 'node', bash(`curl -s -o /dev/null -w '%{http_code}' ${url}`), { tty: false, interactive: false });
    assert.equal(r.stdout, '200', url);
  }
  // the app sees the node (the client of a NodePort through the node's own address: its pod gateway)
  const ip = await runExec(h, node('kind-worker2'), 'node', bash('curl -s http://10.244.1.7/ -o /dev/null; echo $?'), { tty: false, interactive: false });
  assert.equal(ip.stdout, '0\n');
  const refused = await runExec(h, node('kind-worker'), 'node', bash('curl -s http://127.0.0.1:31111/'), { tty: false, interactive: false });
  assert.equal(refused.exitCode, 7);
});

test('iptables-save on a node: kube-dns with two endpoints, the NodePort service, kubernetes', async () => {
  const { h, node } = cluster();
  const r = await runExec(h, node('kind-worker'), 'node', ['iptables-save', '-t', 'nat'], { tty: false, interactive: false });
  assert.equal(r.exitCode, 0, r.stderr);
  const lines = r.stdout.split('\n');
  assert.ok(lines.includes('-A KUBE-SERVICES -d 10.96.0.10/32 -p udp -m comment --comment "kube-system/kube-dns:dns cluster IP" -m udp --dport 53 -j KUBE-SVC-TCOU7JCQXEZGVUNU'));
  assert.ok(lines.some((l) => /^-A KUBE-SVC-TCOU7JCQXEZGVUNU -m comment --comment "kube-system\/kube-dns:dns -> 10\.244\.0\.2:53" -m statistic --mode random --probability 0\.50000000000 -j KUBE-SEP-\w{16}$/.test(l)));
  assert.ok(lines.includes('-A KUBE-SERVICES -d 10.96.0.1/32 -p tcp -m comment --comment "default/kubernetes:https cluster IP" -m tcp --dport 443 -j KUBE-SVC-NPX46M4PTMTKRN6Y'));
  assert.ok(lines.some((l) => /^-A KUBE-NODEPORTS -p tcp -m comment --comment "default\/web" -m tcp --dport 30080 -j KUBE-EXT-\w{16}$/.test(l)));
  const all = await runExec(h, node('kind-worker'), 'node', ['iptables-save'], { tty: false, interactive: false });
  assert.deepEqual(all.stdout.split('\n').filter((l) => l.startsWith('*')), ['*mangle', '*filter', '*nat']);
  // a pod that is not in the node's network namespace has no such program
  const p = h.get('Pod', 'default', 'web-5d9c8b7f6d-abcde')!;
  const none = await runExec(h, p, undefined, ['iptables-save'], { tty: false, interactive: false });
  assert.match(none.error ?? '', /executable file not found in \$PATH/);
});

test('kubectl on a node without kubectl to reach: what kubectl prints for localhost:8080', async () => {
  const { h, node } = cluster();
  const r = await runExec(h, node('kind-worker'), 'node', ['kubectl', 'get', 'pods'], { tty: false, interactive: false });
  assert.equal(r.exitCode, 1);
  assert.equal(r.stderr.split('\n').filter((l) => l.includes('memcache.go:265')).length, 5);
  assert.ok(r.stderr.endsWith('The connection to the server localhost:8080 was refused - did you specify the right host or port?\n'));
});

test('a node debug pod: the node hostname, /host, chroot /host into the node shell', async () => {
  const { h } = cluster();
  const dbg = pod('node-debugger-kind-worker-x7k2p', 'busybox', '172.18.0.3', 'kind-worker', {}, 'default', {
    container: { name: 'debugger', volumeMounts: [{ mountPath: '/host', name: 'host-root' }] },
    spec: { hostNetwork: true, hostPID: true, hostIPC: true, volumes: [{ name: 'host-root', hostPath: { path: '/', type: '' } }] },
  });
  h.add(dbg);
  const r = await runExec(h, dbg, 'debugger', ['sh', '-c', 'hostname; cat /host/etc/hostname; chroot /host hostname; chroot /host sh -c "iptables -t nat -S KUBE-MARK-MASQ"; chroot /nope; echo $?'], { tty: false, interactive: false });
  assert.equal(r.stdout, 'kind-worker\nkind-worker\nkind-worker\n-N KUBE-MARK-MASQ\n-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000\n125\n');
  assert.equal(r.stderr, "chroot: cannot change root directory to '/nope': No such file or directory\n");
  // chroot without a command: /bin/sh -i of the node (dash), reading the rest of the session
  const it = await runExec(h, dbg, 'debugger', ['sh'], { tty: true, interactive: true, stdin: 'chroot /host\nbash\nhostname\nexit\nexit\nexit\n' });
  assert.match(it.stdout.replace(/\r/g, ''), /\/ # chroot \/host\n# bash\nroot@kind-worker:\/# hostname\nkind-worker\nroot@kind-worker:\/# exit\nexit\n# exit\n\/ # exit\n/);
});

test('here-documents in the shell', async () => {
  const { h, node } = cluster();
  const r = await runExec(h, node('kind-worker'), 'node', bash('cat <<EOF\nhello $HOSTNAME\nEOF\ncat <<\'X\'\n$HOME\nX'), { tty: false, interactive: false });
  assert.equal(r.stdout, 'hello kind-worker\n$HOME\n');
});
