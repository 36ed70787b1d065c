// kubesim's own commands as a new user meets them: help that changes nothing, usage errors with
// exit 2, kubesim-only words unknown under kubectl, reset, snapshots, status, configuration files.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { spawn } from 'child_process';
import { cluster, KUBESIM } from './helpers/kubectl';

const c = cluster();
after(() => c.cleanup());

const uid = () => c.k('get', 'ns', 'default', '-o', 'jsonpath={.metadata.uid}').stdout;

test('kubesim alone, --help and help list its own commands and point to kubectl', () => {
  for (const args of [[], ['--help'], ['-h'], ['help']]) {
    const r = c.ks(...args);
    assert.equal(r.code, 0, args.join(' '));
    for (const cmd of ['status', 'reset', 'create', 'node', 'snapshot', 'serve', 'ssh']) assert.match(r.stdout, new RegExp(`^  ${cmd}\\b`, 'm'));
    assert.match(r.stdout, /kubectl --help/);
  }
  // kubectl's commands still work under the name kubesim
  assert.equal(c.ks('get', 'nodes').code, 0);
  assert.match(c.ks('help', 'get').stdout, /Display one or many resources/);
});

test('help, -h, unknown flags and bad values change nothing; usage errors exit 2', () => {
  const before = uid();
  for (const args of [['reset', '--help'], ['reset', '-h'], ['help', 'reset'], ['snapshot', 'save', '--help'], ['create', 'cluster', '--help'], ['node', '--help']]) {
    const r = c.ks(...args);
    assert.equal(r.code, 0, args.join(' '));
    assert.match(r.stdout, /^Usage: kubesim /, args.join(' '));
  }
  let r = c.ks('reset', '--dry-run');
  assert.equal(r.code, 2);
  assert.equal(r.stderr, "error: unknown option '--dry-run'\nRun 'kubesim reset --help' for usage.\n");
  r = c.ks('reset', '--nodes', 'many');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /--nodes: a whole number from 1 to 1000/);
  r = c.ks('reset', 'extra');
  assert.equal(r.code, 2);
  assert.match(r.stderr, /too many arguments/);
  r = c.ks('snapshot', 'save', 'bad/name');
  assert.equal(r.code, 2);
  assert.equal(c.ks('snapshot').code, 2, 'a missing subcommand is a usage error');
  r = c.ks('snapshot', 'frobnicate');
  assert.equal(r.code, 2);
  assert.equal(uid(), before, 'the cluster was not replaced');
});

test('kubesim-only words are unknown commands under kubectl', () => {
  for (const w of ['reset', 'snapshot', 'status', 'node']) {
    const r = c.k(w);
    assert.equal(r.code, 1, w);
    assert.match(r.stderr, new RegExp(`^error: unknown command "${w}" for "kubectl"`));
  }
});

test('reset from a script (stdin not a terminal) needs no answer; --nodes sets the size', () => {
  const before = uid();
  const r = c.ks('reset', '--nodes', '2');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^kubesim: cluster reset \(2 nodes\) in /);
  assert.notEqual(uid(), before);
  assert.equal(c.k('get', 'nodes', '--no-headers').stdout.trim().split('\n').length, 2);
  assert.equal(c.ks('reset', '-y').code, 0);
  assert.equal(c.k('get', 'nodes', '--no-headers').stdout.trim().split('\n').length, 3);
});

test('a snapshot brings back every object exactly, and its clock continues from the save', async () => {
  assert.equal(c.k('create', 'deployment', 'web', '--image=nginx', '--replicas=3').code, 0);
  assert.equal(c.k('expose', 'deployment', 'web', '--port=80').code, 0);
  const saved = c.k('get', 'all', '-A', '-o', 'json').stdout;
  let r = c.ks('snapshot', 'save', 'lab1');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^kubesim: snapshot "lab1" saved \(3 nodes, \d+ pods\) in \d+ ms\n$/);
  assert.equal(c.ks('snapshot', 'save', 'lab1').code, 1, 'a name is not overwritten without --force');
  assert.equal(c.k('delete', 'deployment', 'web').code, 0);
  assert.equal(c.k('create', 'deployment', 'other', '--image=nginx').code, 0);
  r = c.ks('snapshot', 'restore', 'lab1');
  assert.equal(r.code, 0, r.stderr);
  assert.equal(c.k('get', 'all', '-A', '-o', 'json').stdout, saved);
  r = c.ks('snapshot', 'list');
  assert.match(r.stdout, /│ lab1 +│ \d{4}-\d\d-\d\d \d\d:\d\d:\d\d UTC │ 3 +│ \d+ +│ [\d.]+ KiB +│/);
  // export / import hand the cluster on in one file
  const file = path.join(c.home, 'lab1.kubesim');
  assert.equal(c.ks('snapshot', 'export', file).code, 0);
  assert.equal(c.ks('snapshot', 'export', file).code, 1, 'an existing file is not overwritten without --force');
  assert.equal(c.ks('reset', '-y').code, 0);
  assert.equal(c.k('get', 'deploy', 'web').code, 1);
  assert.equal(c.ks('snapshot', 'import', file).code, 0);
  assert.equal(c.k('get', 'all', '-A', '-o', 'json').stdout, saved);
  assert.equal(c.ks('snapshot', 'import', file, '--save-as', 'copy').code, 0);
  assert.equal(c.ks('snapshot', 'delete', 'lab1', 'copy').code, 0);
  assert.equal(c.ks('snapshot', 'list').stdout, 'No snapshots. Save one with `kubesim snapshot save NAME`.\n');
  assert.equal(c.ks('snapshot', 'restore', 'lab1').code, 1);
  const notSnap = path.join(c.home, 'x.txt');
  fs.writeFileSync(notSnap, 'hello');
  r = c.ks('snapshot', 'import', notSnap);
  assert.equal(r.code, 1);
  assert.match(r.stderr, /is not a file written by `kubesim snapshot export`/);
});

test('a pod half-way through its start-up when saved is still starting after a later restore', async () => {
  // 5 s of start-up: room for save, restore and a get on a loaded machine
  const d = cluster({ KUBESIM_POD_STARTUP: '5' });
  try {
    assert.equal(d.k('run', 'slow', '--image=nginx').code, 0);
    assert.equal(d.ks('snapshot', 'save', 's').code, 0);
    const status = () => d.k('get', 'pod', 'slow', '-o', 'jsonpath={.status.phase}').stdout;
    await d.until(() => status() === 'Running', 20000);
    assert.equal(d.ks('snapshot', 'restore', 's').code, 0);
    assert.equal(status(), 'Pending', 'the restored cluster continues from the save, not from now');
    await d.until(() => status() === 'Running', 20000);
  } finally { d.cleanup(); }
});

test('a running watch ends with a clear message when the cluster is replaced', async () => {
  const w = c.bg('get', 'pods', '-w');
  await c.until(() => w.proc.exitCode === null && c.k('get', 'pods').code === 0);
  await new Promise((r) => setTimeout(r, 300));
  assert.equal(c.ks('reset', '-y').code, 0);
  await c.until(() => w.proc.exitCode !== null, 10000);
  assert.equal(w.proc.exitCode, 1);
  assert.match(w.output(), /error: the cluster in .* was replaced \(kubesim reset or snapshot restore\); run the command again\n$/);
});

test('kubesim status: where, how big, nodes, pods by phase, services by type, snapshots; no colour in a pipe', () => {
  assert.equal(c.ks('snapshot', 'save', 'st').code, 0);
  const r = c.ks('status');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, new RegExp(`^Cluster: +${c.home.replace(/[.]/g, '\\.')}/cluster\\.db \\([\\d.]+ KiB, created `));
  assert.match(r.stdout, /^API server: not running/m);
  assert.match(r.stdout, /^Nodes: 3 \(3 Ready\)$/m);
  assert.match(r.stdout, /│ kind-control-plane +│ Ready +│ control-plane +│ \d+ +│/);
  assert.match(r.stdout, /^Pods: +\d+ Running/m);
  assert.match(r.stdout, /^Services: +2 ClusterIP$/m);
  assert.match(r.stdout, /^Snapshots: +st$/m);
  assert.ok(!r.stdout.includes('\x1b['), 'no escape sequences in a pipe');
  const forced = c.sh(`FORCE_COLOR=1 ${KUBESIM} status`);
  assert.ok(forced.stdout.includes('\x1b['), 'FORCE_COLOR colours');
  const no = c.sh(`FORCE_COLOR=1 NO_COLOR=1 ${KUBESIM} status`);
  assert.ok(!no.stdout.includes('\x1b['), 'NO_COLOR wins');
});

test('a cluster configuration file: nodes, version, NodePort range, no load balancer', () => {
  const file = path.join(c.home, 'cluster.yaml');
  fs.writeFileSync(file, [
    'kind: Cluster',
    'apiVersion: kind.x-k8s.io/v1alpha4',
    'kubernetesVersion: v1.31.4',
    'nodes:',
    '- role: control-plane',
    '- role: worker',
    '  labels: {tier: frontend}',
    '  capacity: {cpu: "2"}',
    '- role: worker',
    '  name: db-node',
    '  taints: [{key: dedicated, value: db, effect: NoSchedule}]',
    'networking:',
    '  nodePortRange: 31000-31002',
    '  loadBalancerPool: none',
    '',
  ].join('\n'));
  let r = c.ks('create', 'cluster', '--config', file);
  assert.equal(r.code, 1, 'a cluster exists and stdin is not a terminal');
  r = c.ks('create', 'cluster', '--config', file, '--yes');
  assert.equal(r.code, 0, r.stderr);
  r = c.k('get', 'nodes', '-L', 'tier', '--no-headers');
  assert.match(r.stdout, /^kind-control-plane +Ready +control-plane +\d+s +v1\.31\.4 +\n/m);
  assert.match(r.stdout, /^kind-worker +Ready +<none> +\d+s +v1\.31\.4 +frontend\n/m);
  assert.match(r.stdout, /^db-node +Ready +<none> /m);
  assert.match(c.k('version').stdout, /^Server Version: v1\.31\.4$/m);
  assert.equal(c.k('get', 'node', 'kind-worker', '-o', 'jsonpath={.status.capacity.cpu}').stdout, '2');
  assert.equal(c.k('get', 'node', 'db-node', '-o', 'jsonpath={.spec.taints[0].key}').stdout, 'dedicated');
  assert.equal(c.k('create', 'service', 'nodeport', 'np', '--tcp=80').code, 0);
  assert.match(c.k('get', 'svc', 'np', '-o', 'jsonpath={.spec.ports[0].nodePort}').stdout, /^3100[0-2]$/);
  r = c.k('create', 'service', 'nodeport', 'np2', '--tcp=80', '--node-port=30080');
  assert.equal(r.code, 1);
  assert.match(r.stderr, /The range of valid ports is 31000-31002/);
  assert.equal(c.k('create', 'service', 'loadbalancer', 'lb', '--tcp=80').code, 0);
  assert.match(c.k('get', 'svc', 'lb', '--no-headers').stdout, /^lb +LoadBalancer +[\d.]+ +<pending> +80:310\d\d\/TCP /);
});

test('a configuration file with bad values names the line and column, and changes nothing', () => {
  const before = uid();
  const file = path.join(c.home, 'bad.yaml');
  const cases: [string, RegExp][] = [
    ['kind: Cluster\nnodes:\n- role: master\n', /bad\.yaml:3:9: nodes\[0\]\.role: "master" is not control-plane or worker$/],
    ['kind: Cluster\nnodez: []\n', /bad\.yaml:2:1: nodez: unknown field/],
    ['kind: Cluster\nnetworking:\n  nodePortRange: 3-1\n', /bad\.yaml:3:18: networking\.nodePortRange: "3-1" is not a port range/],
    ['kind: Cluster\nnodes: [\n', /bad\.yaml:\d+:\d+: /],
    ['nodes:\n- role: worker\n', /nodes\[0\]\.role: the first node must be the control plane/],
  ];
  for (const [text, re] of cases) {
    fs.writeFileSync(file, text);
    const r = c.ks('reset', '-y', '--config', file);
    assert.equal(r.code, 1, text);
    assert.match(r.stderr.trim(), re);
  }
  assert.equal(uid(), before);
});

test('reset asks on a terminal and does nothing without a yes', { skip: !fs.existsSync('/usr/bin/script') && 'needs script(1) for a pseudo-terminal' }, async () => {
  const before = uid();
  const p = spawn('script', ['-qec', `${KUBESIM} reset`, '/dev/null'], { env: c.env, stdio: ['pipe', 'pipe', 'pipe'] });
  let outText = '';
  p.stdout.on('data', (d) => { outText += d; });
  await c.until(() => /\[y\/N\] /.test(outText), 10000);
  assert.match(outText, new RegExp(`Reset the cluster in ${c.home.replace(/[.]/g, '\\.')}/cluster\\.db\\? \\[y/N\\] `));
  p.stdin.write('n\r');
  await new Promise((r) => p.once('exit', r));
  assert.match(outText, /nothing changed/);
  assert.equal(uid(), before);
});
