// What an engineer runs on a node: iptables / iptables-save (kube-proxy's rules, iptables.ts),
// ip and ss (the node's interfaces, routes and listeners), crictl (the node's containers),
// conntrack, and kubectl (kubesim's own verbs, in process, through the data plane host). They
// apply to shells in the node's network namespace: node shells, host-network and node debug pods.
import type { Command, CommandContext } from './types';
import type { KObject } from '../../api/types';
import { createHash } from 'crypto';
import { nodeTables, iptablesSave, iptablesList, saveRule, chainOrder, Table } from '../iptables';
import { ipAddr, ipLink, ipRoute, nodeListeners, DOCKER_GATEWAY } from '../node';
import { nodeInternalIP } from '../host';

const nodeOf = (ctx: CommandContext): KObject | undefined => {
  const name = ctx.sh.pod.spec?.nodeName;
  return name ? ctx.sh.view.nodes().find((n) => n.metadata.name === name) : undefined;
};

/** The endpoint slices kube-proxy watches. A service whose Endpoints object has no slice (the
 *  store's `kubernetes` service, whose slice the API server writes in a real cluster) gets one
 *  mirrored from its Endpoints. */
function endpointSlices(ctx: CommandContext): KObject[] {
  const view = ctx.sh.view;
  const slices = view.host.list('EndpointSlice');
  const have = new Set(slices.map((s) => `${s.metadata.namespace}/${s.metadata.labels?.['kubernetes.io/service-name']}`));
  const out = [...slices];
  for (const svc of view.services()) {
    const key = `${svc.metadata.namespace}/${svc.metadata.name}`;
    if (have.has(key)) continue;
    const ep = view.endpoints(svc.metadata.namespace ?? 'default', svc.metadata.name);
    for (const ss of ep?.subsets ?? []) {
      out.push({
        apiVersion: 'discovery.k8s.io/v1', kind: 'EndpointSlice', addressType: 'IPv4',
        metadata: { name: svc.metadata.name, namespace: svc.metadata.namespace, labels: { 'kubernetes.io/service-name': svc.metadata.name } },
        ports: ss.ports ?? [],
        endpoints: [
          ...(ss.addresses ?? []).map((a: any) => ({ addresses: [a.ip], nodeName: a.nodeName, conditions: { ready: true, serving: true, terminating: false } })),
          ...(ss.notReadyAddresses ?? []).map((a: any) => ({ addresses: [a.ip], nodeName: a.nodeName, conditions: { ready: false, serving: false, terminating: false } })),
        ],
      } as any);
    }
  }
  return out;
}

function tables(ctx: CommandContext, node: KObject): Table[] {
  const view = ctx.sh.view;
  const ip = nodeInternalIP(node) ?? '';
  return nodeTables({
    services: view.services(), endpointSlices: endpointSlices(ctx), nodeName: node.metadata.name, nodeIP: ip,
    net: { nodeName: node.metadata.name, nodeIP: ip, gateway: DOCKER_GATEWAY },
  });
}

const TABLES = ['filter', 'nat', 'mangle', 'raw', 'security'];

export const iptablesSaveCmd: Command = (ctx) => {
  const node = nodeOf(ctx);
  const args = ctx.argv.slice(1);
  let table: string | undefined;
  let counters = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-t' || a === '--table') table = args[++i];
    else if (a.startsWith('--table=')) table = a.slice(8);
    else if (a.startsWith('-t') && a.length > 2) table = a.slice(2);
    else if (a === '-c' || a === '--counters') counters = true;
    else if (a === '-V' || a === '--version') { ctx.out('iptables-save v1.8.9 (nf_tables)\n'); return 0; }
    else if (a === '-h' || a === '--help') { ctx.out('Usage: iptables-save [-f FILE] [-c] [-t TABLE] [-V]\n'); return 0; }
    else { ctx.err(`iptables-save: unrecognized option '${a}'\n`); return 1; }
  }
  if (table !== undefined && !TABLES.includes(table)) { ctx.err(`iptables-save: Table '${table}' does not exist\n`); return 1; }
  if (!node) return 0;
  const all = tables(ctx, node).filter((t) => !table || t.name === table);
  let text = iptablesSave(all, ctx.sh.view.now());
  if (counters) text = text.replace(/^-A /gm, '[0:0] -A ');
  ctx.out(text);
  return 0;
};

export const iptables: Command = (ctx) => {
  const node = nodeOf(ctx);
  const args = ctx.argv.slice(1);
  let table = 'filter';
  let cmd: 'L' | 'S' | undefined;
  let chain: string | undefined;
  let numeric = false, verbose = false, lineNumbers = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '-t' || a === '--table') { table = args[++i] ?? ''; continue; }
    if (a === '-L' || a === '--list' || a === '-S' || a === '--list-rules') {
      cmd = a === '-L' || a === '--list' ? 'L' : 'S';
      if (args[i + 1] !== undefined && !args[i + 1].startsWith('-')) chain = args[++i];
      continue;
    }
    if (a === '--line-numbers') { lineNumbers = true; continue; }
    if (a === '--numeric') { numeric = true; continue; }
    if (a === '--verbose') { verbose = true; continue; }
    if (a === '-w' || a === '--wait') { if (/^\d+$/.test(args[i + 1] ?? '')) i++; continue; }
    if (a === '-V' || a === '--version') { ctx.out('iptables v1.8.9 (nf_tables)\n'); return 0; }
    if (/^-[A-Za-z]+$/.test(a)) {
      let bad = false;
      for (const f of a.slice(1)) {
        if (f === 'n') numeric = true; else if (f === 'v') verbose = true; else if (f === 'x') { /* exact counters: all zero */ }
        else if (f === 'L' || f === 'S') { cmd = f; if (args[i + 1] !== undefined && !args[i + 1].startsWith('-')) chain = args[++i]; }
        else if (f === 't') { table = args[++i] ?? ''; }
        else if ('AIDRFZNXPE'.includes(f)) {
          ctx.err(`iptables v1.8.9 (nf_tables): kubesim: the rules on this node are kube-proxy's, kubelet's and kind's; they cannot be changed here\n`);
          return 4;
        } else bad = true;
      }
      if (bad) { ctx.err(`iptables v1.8.9 (nf_tables): unknown option "${a}"\nTry \`iptables -h' or 'iptables --help' for more information.\n`); return 2; }
      continue;
    }
    ctx.err(`Bad argument \`${a}'\nTry \`iptables -h' or 'iptables --help' for more information.\n`);
    return 2;
  }
  if (!TABLES.includes(table)) { ctx.err(`iptables v1.8.9 (nf_tables): table '${table}' does not exist\nPerhaps iptables or your kernel needs to be upgraded.\n`); return 3; }
  if (!cmd) { ctx.err('iptables v1.8.9 (nf_tables): no command specified\nTry `iptables -h\' or \'iptables --help\' for more information.\n'); return 2; }
  if (!node) return 0;
  const t = tables(ctx, node).find((x) => x.name === table) ?? { name: table as 'filter', builtins: table === 'raw' ? ['PREROUTING', 'OUTPUT'] : ['INPUT', 'FORWARD', 'OUTPUT'], chains: new Set<string>(), rules: [] };
  const order = chainOrder(t);
  if (chain && !order.includes(chain)) { ctx.err('iptables: No chain/target/match by that name.\n'); return 1; }
  if (cmd === 'S') {
    let out = '';
    for (const c of chain ? [chain] : order) out += t.builtins.includes(c) ? `-P ${c} ACCEPT\n` : `-N ${c}\n`;
    for (const c of chain ? [chain] : order) for (const r of t.rules) if (r.chain === c) out += saveRule(r) + '\n';
    ctx.out(out);
    return 0;
  }
  const ip = nodeInternalIP(node) ?? '';
  const names = new Map<string, string>([['127.0.0.0', 'loopback'], [ip, node.metadata.name]]);
  ctx.out(iptablesList(t, chain, { numeric, verbose, lineNumbers, names }));
  return 0;
};

export const conntrack: Command = (ctx) => {
  const a = ctx.argv[1];
  if (a === '-L' || a === '--dump' || a === '-C' || a === '--count') {
    if (a === '-C' || a === '--count') { ctx.out('0\n'); return 0; }
    ctx.err('conntrack v1.4.7 (conntrack-tools): 0 flow entries have been shown.\n');
    return 0;
  }
  if (a === '-V' || a === '--version') { ctx.out('conntrack v1.4.7 (conntrack-tools)\n'); return 0; }
  ctx.err('conntrack v1.4.7 (conntrack-tools): no command specified\nTry `conntrack -h\' or \'conntrack --help\' for more information.\n');
  return 2;
};

// ---- ip and ss of the node ----------------------------------------------------------------------

export const nodeIp = (podIp: Command): Command => (ctx) => {
  const node = nodeOf(ctx);
  if (!ctx.sh.pod.spec?.hostNetwork || !node) return podIp(ctx);
  const words = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  const [obj = '', sub, ...rest] = words;
  const view = ctx.sh.view;
  if (/^a(d(d(r(e(s(s)?)?)?)?)?)?$/.test(obj)) {
    const dev = (sub === 'show' || sub === 'list' || sub === 'ls') && rest[0] === 'dev' ? rest[1] : sub === 'dev' ? rest[0] : undefined;
    const text = ipAddr(view, node, dev);
    if (dev && !text) { ctx.err(`Device "${dev}" does not exist.\n`); return 1; }
    ctx.out(text);
    return 0;
  }
  if (/^r(o(u(t(e)?)?)?)?$/.test(obj)) { ctx.out(ipRoute(view, node)); return 0; }
  if (/^l(i(n(k)?)?)?$/.test(obj)) { ctx.out(ipLink(view, node)); return 0; }
  return podIp(ctx);
};

export const nodeSs = (podSs: Command): Command => (ctx) => {
  const node = nodeOf(ctx);
  if (!ctx.sh.pod.spec?.hostNetwork || !node) return podSs(ctx);
  const flags = new Set(ctx.argv.slice(1).filter((a) => /^-[a-zA-Z]+$/.test(a)).flatMap((a) => [...a.slice(1)]));
  const process = flags.has('p');
  const onlyTcp = flags.has('t') && !flags.has('u');
  const rows = nodeListeners(ctx.sh.view, node).map((l) => ({ ...l, addrText: l.addr }));
  const aw = Math.max(13, ...rows.map((r) => r.addrText.length));
  const pw = Math.max(5, ...rows.map((r) => String(r.port).length));
  const bw = Math.max(12, 7);
  let out = `${onlyTcp ? '' : 'Netid '}State  Recv-Q Send-Q ${'Local Address'.padStart(aw)}:${'Port'.padEnd(pw)} ${'Peer Address'.padStart(bw)}:${'Port'}${process ? 'Process' : 'Process'}\n`;
  for (const r of rows) {
    const peer = r.addr === '*' ? '*' : '0.0.0.0';
    const pid = 100 + (r.port % 900);
    out += `${onlyTcp ? '' : 'tcp   '}LISTEN 0      4096   ${r.addrText.padStart(aw)}:${String(r.port).padEnd(pw)} ${peer.padStart(bw)}:*    ${process ? `users:(("${r.process}",pid=${pid},fd=${3 + (r.port % 20)}))` : ''}\n`;
  }
  ctx.out(out);
  return 0;
};

// ---- crictl ------------------------------------------------------------------------------------------

/** go-units HumanDuration. */
function humanDuration(ms: number): string {
  const s = Math.floor(ms / 1000);
  if (s < 1) return 'Less than a second';
  if (s === 1) return '1 second';
  if (s < 60) return `${s} seconds`;
  const m = Math.floor(s / 60);
  if (m === 1) return 'About a minute';
  if (m < 60) return `${m} minutes`;
  const h = Math.round(ms / 3600000);
  if (h === 1) return 'About an hour';
  if (h < 48) return `${h} hours`;
  if (h < 24 * 7 * 2) return `${Math.floor(h / 24)} days`;
  if (h < 24 * 30 * 2) return `${Math.floor(h / 24 / 7)} weeks`;
  if (h < 24 * 365 * 2) return `${Math.floor(h / 24 / 30)} months`;
  return `${Math.floor(ms / 3600000 / 24 / 365)} years`;
}

/** crictl's tabwriter (minwidth 20, padding 3; the last column unpadded). */
function table(rows: string[][]): string {
  const w = rows[0].map((_, i) => Math.max(20, ...rows.map((r) => (r[i] ?? '').length + 3)));
  return rows.map((r) => r.map((c, i) => (i === r.length - 1 ? c : c.padEnd(w[i]))).join('') + '\n').join('');
}

const sha = (s: string) => createHash('sha256').update(s).digest('hex');
const podSandboxId = (p: KObject) => sha('sandbox/' + (p.metadata.uid ?? p.metadata.name));
const bareId = (id: string | undefined) => String(id ?? '').replace(/^[a-z]+:\/\//, '');

export const crictl: Command = async (ctx) => {
  const node = nodeOf(ctx);
  const args = ctx.argv.slice(1);
  const sub = args.find((a) => !a.startsWith('-'));
  const view = ctx.sh.view;
  const now = view.now().getTime();
  const pods = node ? view.pods().filter((p) => p.spec?.nodeName === node.metadata.name && p.status?.phase && p.status.phase !== 'Pending') : [];
  const ago = (ts: string | undefined) => `${humanDuration(Math.max(0, now - (Date.parse(ts ?? '') || now)))} ago`;
  const all = args.includes('-a') || args.includes('--all');
  const quiet = args.includes('-q') || args.includes('--quiet');
  switch (sub) {
    case 'ps': {
      const rows = [['CONTAINER', 'IMAGE', 'CREATED', 'STATE', 'NAME', 'ATTEMPT', 'POD ID', 'POD', 'NAMESPACE']];
      const ids: string[] = [];
      for (const p of pods) {
        for (const st of p.status?.containerStatuses ?? []) {
          const runs = [st.state, ...(all && st.lastState?.terminated ? [st.lastState] : [])];
          for (const [k, state] of runs.entries()) {
            const id = bareId(k === 0 ? st.containerID : state?.terminated?.containerID);
            if (!id) continue;
            const running = !!state?.running;
            if (!running && !all) continue;
            ids.push(id);
            rows.push([id.slice(0, 13), sha('image/' + (st.image ?? '')).slice(0, 13), ago(state?.running?.startedAt ?? state?.terminated?.startedAt),
              running ? 'Running' : 'Exited', st.name, String(k === 0 ? st.restartCount ?? 0 : Math.max(0, (st.restartCount ?? 1) - 1)), podSandboxId(p).slice(0, 13), p.metadata.name, p.metadata.namespace ?? '']);
          }
        }
      }
      ctx.out(quiet ? ids.map((i) => i + '\n').join('') : table(rows));
      return 0;
    }
    case 'pods': {
      const rows = [['POD ID', 'CREATED', 'STATE', 'NAME', 'NAMESPACE', 'ATTEMPT', 'RUNTIME']];
      for (const p of pods) rows.push([podSandboxId(p).slice(0, 13), ago(p.status?.startTime ?? p.metadata.creationTimestamp), p.status?.phase === 'Running' ? 'Ready' : 'NotReady', p.metadata.name, p.metadata.namespace ?? '', '0', '(default)']);
      ctx.out(quiet ? pods.map((p) => podSandboxId(p) + '\n').join('') : table(rows));
      return 0;
    }
    case 'logs': {
      const id = args.filter((a) => !a.startsWith('-')).slice(1)[0];
      if (!id) { ctx.err('time="' + view.now().toISOString().replace(/\.\d+Z$/, 'Z') + '" level=fatal msg="ID cannot be empty"\n'); return 1; }
      for (const p of pods) for (const st of p.status?.containerStatuses ?? []) {
        const cur = bareId(st.containerID), prev = bareId(st.lastState?.terminated?.containerID);
        const hit = cur.startsWith(id) ? 'current' : prev && prev.startsWith(id) ? 'previous' : undefined;
        if (!hit || !view.host.kubectl) continue;
        const r = await view.host.kubectl(['logs', '-n', p.metadata.namespace ?? 'default', p.metadata.name, '-c', st.name, ...(hit === 'previous' ? ['-p'] : [])], '');
        ctx.out(r.stdout);
        return 0;
      }
      ctx.err(`time="${view.now().toISOString().replace(/\.\d+Z$/, 'Z')}" level=fatal msg="rpc error: code = NotFound desc = an error occurred when try to find container \\"${id}\\": not found"\n`);
      return 1;
    }
    case 'version':
      ctx.out('Version:  0.1.0\nRuntimeName:  containerd\nRuntimeVersion:  v2.0.2\nRuntimeApiVersion:  v1\n');
      return 0;
    case undefined:
      ctx.out('NAME:\n   crictl - client for CRI\n\nUSAGE:\n   crictl [global options] command [command options]\n\nVERSION:\n   v1.32.0\n');
      return 0;
    default:
      ctx.err(`time="${view.now().toISOString().replace(/\.\d+Z$/, 'Z')}" level=fatal msg="kubesim: crictl ${sub} is not simulated (ps, pods, logs, version are)"\n`);
      return 1;
  }
};

// ---- kubectl -------------------------------------------------------------------------------------------

/** kubectl on the node: kubesim's own verbs against the same cluster when a kubeconfig is there
 *  (KUBECONFIG=/etc/kubernetes/admin.conf on kind's control plane, --kubeconfig, ~/.kube/config);
 *  without one, what kubectl says when it falls back to localhost:8080. */
export const kubectl: Command = async (ctx) => {
  const argv = ctx.argv.slice(1);
  let explicit: string | undefined;
  const pass: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--') { pass.push(...argv.slice(i)); break; }
    if (a === '--kubeconfig') { explicit = argv[++i] ?? ''; continue; }
    if (a.startsWith('--kubeconfig=')) { explicit = a.slice(13); continue; }
    pass.push(a);
  }
  const sh = ctx.sh;
  if (explicit !== undefined && sh.readFile(explicit) === undefined) {
    ctx.err(`error: stat ${explicit}: no such file or directory\n`);
    return 1;
  }
  const candidates = explicit !== undefined ? [explicit] : (sh.getVar('KUBECONFIG') ?? '').split(':').filter(Boolean).concat(sh.getVar('KUBECONFIG') ? [] : [`${sh.getVar('HOME') ?? '/root'}/.kube/config`]);
  const configured = candidates.some((f) => sh.readFile(f) !== undefined);
  const offline = pass[0] === 'config' || pass[0] === 'completion' || pass[0] === 'help' || pass.includes('--help') || pass.includes('-h') || (pass[0] === 'version' && pass.includes('--client'));
  const host = sh.view.host;
  if ((!configured && !offline) || !host.kubectl) {
    if (pass[0] === 'version') ctx.out('Client Version: v1.32.2\nKustomize Version: v5.5.0\n');
    const d = sh.view.now();
    const p2 = (n: number) => String(n).padStart(2, '0');
    const pid = 1000 + (Math.floor(sh.view.random() * 9000));
    for (let i = 0; i < 5; i++) {
      const t = new Date(d.getTime() + i * 2);
      const ts = `${p2(t.getUTCMonth() + 1)}${p2(t.getUTCDate())} ${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}:${p2(t.getUTCSeconds())}.${String(t.getUTCMilliseconds() * 1000 + Math.floor(sh.view.random() * 1000)).padStart(6, '0')}`;
      ctx.err(`E${ts} ${String(pid).padStart(7)} memcache.go:265] "Unhandled Error" err="couldn't get current server API group list: Get \\"http://localhost:8080/api?timeout=32s\\": dial tcp [::1]:8080: connect: connection refused"\n`);
    }
    ctx.err('The connection to the server localhost:8080 was refused - did you specify the right host or port?\n');
    return 1;
  }
  // admin.conf's context names no namespace: `default`, whatever the workstation's context says
  const before = pass.indexOf('--') < 0 ? pass : pass.slice(0, pass.indexOf('--'));
  const nsGiven = before.some((a) => /^(-n|--namespace|-A|--all-namespaces)($|=)/.test(a) || /^-n./.test(a));
  const r = await host.kubectl(nsGiven || pass[0] === 'config' ? pass : ['--namespace=default', ...pass], ctx.stdin);
  ctx.out(r.stdout);
  ctx.err(r.stderr);
  return r.code;
};

// ---- ps on a node (the host's PID namespace) ---------------------------------------------------------

interface Proc { pid: number; ppid: number; user: string; stat: string; vsz: number; rss: number; cmd: string; comm: string; start: number }

const DEFAULT_COMMANDS: Record<string, string> = {
  nginx: 'nginx: master process nginx -g daemon off;', httpd: 'httpd -DFOREGROUND', httpenv: '/httpenv', whoami: '/whoami',
  coredns: '/coredns', kindnetd: '/bin/kindnetd', 'local-path-provisioner': 'local-path-provisioner --debug start --helper-image docker.io/kindest/local-path-helper:v20241212-8ac705d0 --config /etc/config/config.json',
  redis: 'redis-server *:6379', busybox: 'sh', alpine: '/bin/sh', netshoot: 'zsh', pause: '/pause',
};

function nodeProcesses(ctx: CommandContext, node: KObject): Proc[] {
  const view = ctx.sh.view;
  const name = node.metadata.name;
  const ip = nodeInternalIP(node) ?? '';
  const boot = Date.parse(node.metadata.creationTimestamp ?? '') || view.now().getTime();
  const out: Proc[] = [
    { pid: 1, ppid: 0, user: 'root', stat: 'Ss', vsz: 20128, rss: 11264, cmd: '/sbin/init', comm: 'systemd', start: boot },
    { pid: 94, ppid: 1, user: 'root', stat: 'S<s', vsz: 27852, rss: 8960, cmd: '/lib/systemd/systemd-journald', comm: 'systemd-journal', start: boot },
    { pid: 107, ppid: 1, user: 'root', stat: 'Ssl', vsz: 2086516, rss: 52308, cmd: '/usr/local/bin/containerd', comm: 'containerd', start: boot },
  ];
  let pid = 200;
  const pods = view.pods().filter((p) => p.spec?.nodeName === name && p.status?.phase === 'Running')
    .sort((a, b) => String(a.metadata.creationTimestamp).localeCompare(String(b.metadata.creationTimestamp)) || a.metadata.name.localeCompare(b.metadata.name));
  const kubelet = { pid: 0, ppid: 1, user: 'root', stat: 'Ssl', vsz: 2340668, rss: 93292, comm: 'kubelet', start: boot + 3000,
    cmd: `/usr/bin/kubelet --bootstrap-kubeconfig=/etc/kubernetes/bootstrap-kubelet.conf --kubeconfig=/etc/kubernetes/kubelet.conf --config=/var/lib/kubelet/config.yaml --container-runtime-endpoint=unix:///run/containerd/containerd.sock --node-ip=${ip} --node-labels= --pod-infra-container-image=registry.k8s.io/pause:3.10 --provider-id=kind://docker/kind/${name} --runtime-cgroups=/system.slice/containerd.service` };
  kubelet.pid = 160;
  out.push(kubelet);
  for (const p of pods) {
    const started = Date.parse(p.status?.startTime ?? p.metadata.creationTimestamp ?? '') || boot;
    const shim = pid; pid += 3;
    out.push({ pid: shim, ppid: 1, user: 'root', stat: 'Sl', vsz: 1233580, rss: 11776, cmd: `/usr/local/bin/containerd-shim-runc-v2 -namespace k8s.io -id ${podSandboxId(p)} -address /run/containerd/containerd.sock`, comm: 'containerd-shim', start: started });
    out.push({ pid: pid, ppid: shim, user: '65535', stat: 'Ss', vsz: 1020, rss: 640, cmd: '/pause', comm: 'pause', start: started }); pid += 4;
    for (const c of p.spec?.containers ?? []) {
      // $(VAR) references are expanded by the kubelet from the container's env
      const env = (name: string): string | undefined => {
        const e = (c.env ?? []).find((x: any) => x.name === name);
        // kind's kube-proxy DaemonSet sets NODE_NAME from spec.nodeName
        if (!e) return name === 'NODE_NAME' ? p.spec?.nodeName : undefined;
        if (e.value !== undefined) return e.value;
        const f = e.valueFrom?.fieldRef?.fieldPath;
        return f === 'spec.nodeName' ? p.spec?.nodeName : f === 'status.podIP' ? p.status?.podIP : f === 'status.hostIP' ? p.status?.hostIP : f === 'metadata.name' ? p.metadata.name : f === 'metadata.namespace' ? p.metadata.namespace : undefined;
      };
      const expand = (s: string) => s.replace(/\$\(([A-Za-z_][A-Za-z0-9_]*)\)/g, (m, n) => env(n) ?? m);
      const img = String(c.image ?? '').split('@')[0].split('/').pop()!.split(':')[0];
      const argv: string[] = [...(c.command ?? [DEFAULT_COMMANDS[img] ?? img]), ...(c.args ?? [])].map(expand);
      const cmd = argv.join(' ');
      out.push({ pid, ppid: shim, user: 'root', stat: 'Ssl', vsz: 1280000 + (pid * 97) % 900000, rss: 20000 + (pid * 31) % 60000, cmd, comm: (argv[0] ?? cmd).split(' ')[0].split('/').pop()!.slice(0, 15), start: started });
      pid += 5;
    }
  }
  return out.sort((a, b) => a.pid - b.pid);
}

const hhmm = (ms: number) => new Date(ms).toISOString().slice(11, 16);

export const nodePs = (podPs: Command): Command => (ctx) => {
  const node = nodeOf(ctx);
  if (!node || !(ctx.sh.pod.spec?.hostPID || ctx.sh.pod.spec?.hostNetwork)) return podPs(ctx);
  const args = ctx.argv.slice(1);
  const procs = nodeProcesses(ctx, node);
  const now = ctx.sh.view.now().getTime();
  const tty = ctx.sh.getVar('TERM') ? 'pts/0' : '?';
  const shellPid = (procs[procs.length - 1]?.pid ?? 1000) + 211;
  const session: Proc[] = [
    { pid: shellPid, ppid: 0, user: 'root', stat: tty === '?' ? 'Ss' : 'Ss', vsz: 4612, rss: 3840, cmd: 'bash', comm: 'bash', start: now },
    { pid: shellPid + 9, ppid: shellPid, user: 'root', stat: 'R+', vsz: 8100, rss: 4096, cmd: ['ps', ...args].join(' '), comm: 'ps', start: now },
  ];
  const wide = args.some((a) => /^-?[a-zA-Z]*[ax]/.test(a) && !/^-[a-zA-Z]*f/.test(a)) && args.some((a) => /u/.test(a));
  const full = args.some((a) => /^-[a-zA-Z]*[ef]/.test(a));
  if (wide) {
    let o = 'USER         PID %CPU %MEM    VSZ   RSS TTY      STAT START   TIME COMMAND\n';
    for (const p of [...procs, ...session]) o += `${p.user.padEnd(8)}${String(p.pid).padStart(8)} ${'0.0'.padStart(4)} ${'0.0'.padStart(4)} ${String(p.vsz).padStart(6)} ${String(p.rss).padStart(5)} ${(p.comm === 'bash' || p.comm === 'ps' ? tty : '?').padEnd(8)} ${p.stat.padEnd(4)} ${hhmm(p.start).padStart(5)} ${'0:00'.padStart(6)} ${p.cmd}\n`;
    ctx.out(o);
    return 0;
  }
  if (full) {
    let o = 'UID          PID    PPID  C STIME TTY          TIME CMD\n';
    for (const p of [...procs, ...session]) o += `${p.user.padEnd(8)}${String(p.pid).padStart(8)}${String(p.ppid).padStart(8)}${'0'.padStart(3)} ${hhmm(p.start)} ${(p.comm === 'bash' || p.comm === 'ps' ? tty : '?').padEnd(8)} ${'00:00:00'.padStart(8)} ${p.cmd}\n`;
    ctx.out(o);
    return 0;
  }
  let o = '    PID TTY          TIME CMD\n';
  for (const p of session) o += `${String(p.pid).padStart(7)} ${tty.padEnd(8)} ${'00:00:00'.padStart(8)} ${p.comm}\n`;
  ctx.out(o);
  return 0;
};
