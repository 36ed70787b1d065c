// The request trace (src/network/trace-record.ts, kubesim trace): each curl/wget/nslookup from
// a pod is recorded with its hops, through the real bin/kubectl in a temp cluster.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cluster } from './helpers/kubectl';
import { svcChain, sepChain, probabilityText } from '../src/network/trace-record';
import { traceText } from '../src/network/trace';

test("chain names are kube-proxy's (pkg/proxy/iptables proxier_test.go)", () => {
  assert.equal(svcChain('ns1/svc1:p80', 'TCP'), 'KUBE-SVC-XPGD46QRK7WJZT7O');
  assert.equal(sepChain('ns1/svc1:p80', 'TCP', '10.180.0.1:80'), 'KUBE-SEP-SXIVWICOYRO3J4NJ');
  assert.equal(probabilityText(3), '0.33333333349');
  assert.equal(probabilityText(2), '0.50000000000');
});

test('traceText prints one line per hop', () => {
  const t = traceText({ id: 7, at: 'T', tool: 'curl', from: { ns: 'default', name: 'c', ip: '10.244.1.2' }, target: 'http://web/', outcome: 'timeout',
    hops: [{ type: 'policy', dir: 'Ingress', verdict: 'denied', pod: 'default/web-1', policies: ['default/deny'] }, { type: 'drop', where: 'network policy', why: 'no rule allows it' }] });
  assert.equal(t, '#7 T curl http://web/ from pod default/c (10.244.1.2): timeout\n  POLICY   Ingress of default/web-1: denied by default/deny\n  STOPPED  at network policy: no rule allows it\n');
});

const c = cluster();
after(() => c.cleanup());

const trace = () => c.ks('trace').stdout;

test('a wget through a service records DNS, the kube-proxy chains, the endpoint and the answer', () => {
  assert.equal(c.k('create', 'deployment', 'web', '--image=nginx', '--replicas=3').code, 0);
  assert.equal(c.k('expose', 'deployment', 'web', '--port=80').code, 0);
  assert.equal(c.k('run', 'client', '--image=busybox', '--', 'sleep', '3600').code, 0);
  assert.equal(c.k('exec', 'client', '--', 'wget', '-qO-', 'http://web').code, 0);
  const out = trace();
  const ip = c.k('get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP}').stdout;
  const eps = c.k('get', 'endpoints', 'web', '-o', 'jsonpath={.subsets[0].addresses[*].ip}').stdout.split(' ');
  assert.match(out, /^#1 \S+ wget http:\/\/web\/ from pod default\/client \(10\.244\.\d+\.\d+\): answered$/m);
  assert.match(out, new RegExp(`DNS +web -> web\\.default\\.svc\\.cluster\\.local A ${ip.replace(/\./g, '\\.')} \\(server 10\\.96\\.0\\.10\\)`));
  const m = /SERVICE +default\/web ClusterIP (\S+):80\/TCP -> endpoint (\S+) \(probability 0\.33333333349, 1 of 3 ready\)\n +chains KUBE-SERVICES -> (KUBE-SVC-\w{16}) -> (KUBE-SEP-\w{16}) -> DNAT (\S+)/.exec(out);
  assert.ok(m, out);
  assert.equal(m[1], ip);
  assert.ok(eps.includes(m[2].split(':')[0]), `${m[2]} is one of ${eps}`);
  assert.equal(m[3], svcChain('default/web', 'TCP'));
  assert.equal(m[4], sepChain('default/web', 'TCP', m[2]));
  const pod = /POD +default\/(web-\S+) (\S+):80 on (\S+)/.exec(out);
  assert.ok(pod);
  assert.equal(pod[2] + ':80', m[2]);
  assert.match(out, /ANSWER +HTTP\/1\.1 200 OK/);
});

test('a NetworkPolicy deny is recorded where the packet stopped', () => {
  assert.equal(c.kIn(`apiVersion: networking.k8s.io/v1
kind: NetworkPolicy
metadata: {name: web-deny}
spec:
  podSelector: {matchLabels: {app: web}}
  policyTypes: [Ingress]
`, 'apply', '-f', '-').code, 0);
  const r = c.k('exec', 'client', '--', 'wget', '-qO-', '-T', '1', 'http://web');
  assert.notEqual(r.code, 0);
  const out = c.ks('trace', '--tail=1').stdout;
  assert.match(out, /^#\d+ .* wget http:\/\/web\/ from pod default\/client .*: timeout$/m);
  assert.match(out, /POLICY +Ingress of default\/web-\S+: denied by default\/web-deny/);
  assert.match(out, /STOPPED +at network policy \(Ingress of web-\S+\): no NetworkPolicy rule allows it/);
  assert.doesNotMatch(out, /POD +default/);
  assert.equal(c.k('delete', 'networkpolicy', 'web-deny').code, 0);
});

test('no endpoints: kube-proxy rejects; nslookup records the answer; trace -f follows', async () => {
  assert.equal(c.k('create', 'service', 'clusterip', 'empty', '--tcp=80:80').code, 0);
  const f = c.bgs('trace', '-f', '--tail=0');
  // trace -f takes "now" when it has started, which on a loaded machine can be after the next
  // exec: a request it shows proves it is following before the ones this test asserts on.
  await c.until(() => { c.k('exec', 'client', '--', 'nslookup', 'kubernetes.default'); return /nslookup kubernetes\.default/.test(f.output()); }, 30000);
  assert.notEqual(c.k('exec', 'client', '--', 'wget', '-qO-', '-T', '1', 'http://empty').code, 0);
  assert.equal(c.k('exec', 'client', '--', 'nslookup', 'web.default').code, 0);
  await c.until(() => /nslookup web\.default/.test(f.output()));
  const out = f.output();
  assert.match(out, /wget http:\/\/empty\/ from pod default\/client .*: refused/);
  assert.match(out, /STOPPED +at service default\/empty: "default\/empty:80-80 has no endpoints": kube-proxy's rule rejects the connection/);
  assert.match(out, /nslookup web\.default from pod default\/client .*: answered\n +DNS +web\.default -> web\.default\.svc\.cluster\.local A /);
  assert.doesNotMatch(out, /#1 /, '--tail=0 starts from now');
  await f.stop();
});

test('a connection through port-forward is recorded with the pod and its answer', async () => {
  const port = 20000 + Math.floor(Math.random() * 20000);
  const pf = c.bg('port-forward', 'deployment/web', `${port}:80`);
  await c.until(() => /Forwarding from 127\.0\.0\.1/.test(pf.output()));
  const status = await new Promise<number>((resolve, reject) => require('http').get(`http://127.0.0.1:${port}/`, (r: any) => { r.resume(); resolve(r.statusCode); }).on('error', reject));
  assert.equal(status, 200);
  await c.until(() => /port-forward/.test(trace()));
  const out = c.ks('trace', '--tail=1').stdout;
  assert.match(out, new RegExp(`port-forward default/web-\\S+:80 GET / from 127\\.0\\.0\\.1:${port} \\(kubectl port-forward\\): answered\\n +POD +default/web-\\S+ 10\\.244\\.\\d+\\.\\d+:80 on kind-worker2?\\n +ANSWER +HTTP/1\\.1 200 OK`));
  await pf.stop();
});

test('a request from a node shell is recorded as from the node', () => {
  const ip = c.k('get', 'svc', 'web', '-o', 'jsonpath={.spec.clusterIP}').stdout;
  assert.equal(c.ks('ssh', 'kind-worker', '--', 'curl', '-s', '-o', '/dev/null', `http://${ip}/`).code, 0);
  const out = c.ks('trace', '--tail=1').stdout;
  assert.match(out, new RegExp(`^#\\d+ \\S+ curl http://${ip.replace(/\./g, '\\.')}/ from node kind-worker \\(172\\.18\\.0\\.\\d+\\): answered\\n +SERVICE +default/web ClusterIP `));
});

test('a connection to a NodePort on the host is recorded with the kube-proxy chains and the answer', async () => {
  assert.equal(c.k('create', 'service', 'nodeport', 'webnp', '--tcp=80:80').code, 0);
  assert.equal(c.k('patch', 'svc', 'webnp', '-p', '{"spec":{"selector":{"app":"web"}}}').code, 0);
  const np = Number(c.k('get', 'svc', 'webnp', '-o', 'jsonpath={.spec.ports[0].nodePort}').stdout);
  const hp = c.bg('__hostports');
  try {
    await c.until(() => hp.output().includes(`on 127.0.0.1:${np}`), 20000);
    const status = await new Promise<number>((resolve, reject) => require('http').get(`http://127.0.0.1:${np}/`, (r: any) => { r.resume(); resolve(r.statusCode); }).on('error', reject));
    assert.equal(status, 200);
    await c.until(() => /from 127\.0\.0\.1:\d+ on the host/.test(trace()));
    const out = c.ks('trace', '--tail=1').stdout;
    assert.match(out, new RegExp(`host 172\\.18\\.0\\.\\d+:${np} GET / from 127\\.0\\.0\\.1:${np} on the host \\(via 172\\.18\\.0\\.1\\): answered\\n +SERVICE +default/webnp NodePort via NodePort .*\\n +chains KUBE-SERVICES -> KUBE-NODEPORTS -> KUBE-EXT-\\w{16} -> KUBE-SVC-\\w{16} -> KUBE-SEP-\\w{16} -> DNAT .*\\n +POD +default/web-\\S+ .*\\n +ANSWER +HTTP/1\\.1 200 OK`));
  } finally {
    hp.proc.kill('SIGKILL');
    await new Promise((r) => hp.proc.once('exit', r));
  }
});
