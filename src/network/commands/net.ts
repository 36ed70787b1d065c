// Network tools: ping (busybox / iputils), nc, ip, ifconfig, netstat, ss.
import type { Command, CommandContext } from './types';
import { ping as icmp, connect } from '../proxy';
import { resolveFromPod } from '../fetch';
import { podListeners, serveHttp, serveRaw } from '../apps';
import { podMac, podLinkLocal, isIPv4, ipToInt, intToIp } from '../host';
import { resolveName } from '../dns';
import { dnsReachable } from '../proxy';
import { Interrupted } from '../signals';
import { IPUTILS_PING_USAGE, busyboxPingUsage } from './help';

const PING_DEFAULT_COUNT = 4;

export const ping: Command = async (ctx) => {
  const iputils = ctx.sh.image.ping === 'iputils';
  const args = ctx.argv.slice(1);
  if (iputils && args.includes('-V')) { ctx.out('ping from iputils 20221126\n'); return 0; }
  if (iputils && (args.includes('-h') || args.includes('--help'))) { ctx.err(IPUTILS_PING_USAGE); return 2; }
  if (!iputils && args[0] === '--help') { ctx.err(busyboxPingUsage(ctx.sh.image)); return 0; }
  let count: number | undefined, deadline: number | undefined, interval = 1000, quiet = false;
  let target: string | undefined;
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    const v = () => (a.length > 2 ? a.slice(2) : args[++k]);
    if (a.startsWith('-c')) count = Number(v());
    else if (a.startsWith('-w')) deadline = Number(v()) * 1000;
    else if (a.startsWith('-W')) v();
    else if (a.startsWith('-i')) interval = Number(v()) * 1000;
    else if (a.startsWith('-s') || a.startsWith('-t') || a.startsWith('-I')) v();
    else if (a === '-q') quiet = true;
    else if (a.startsWith('-')) continue;
    else target = a;
  }
  if (!target) {
    ctx.err(iputils ? 'ping: usage error: Destination address required\n' : busyboxPingUsage(ctx.sh.image));
    return iputils ? 2 : 1;
  }
  let ip = target;
  let shown = target;
  if (!isIPv4(target)) {
    const src = { ip: ctx.sh.podIP, pod: ctx.sh.pod };
    const r = resolveName(ctx.sh.view, ctx.sh.pod, target, (s) => dnsReachable(ctx.sh.view, src, s));
    const a = r.answers.find((x) => x.type === 'A');
    if (!a) {
      if (r.status === 'TIMEOUT') await ctx.sh.sleep(10000);
      ctx.err(iputils ? `ping: ${target}: ${r.status === 'TIMEOUT' ? 'Temporary failure in name resolution' : 'Name or service not known'}\n` : `ping: bad address '${target}'\n`);
      return iputils ? 2 : 1;
    }
    ip = a.data;
    shown = iputils ? (r.fqdn ?? target) : target;
  }
  // In a terminal, ping without -c/-w runs until Ctrl-C, as the real one does; otherwise it stops
  // after a few packets so that nothing hangs.
  const n = count ?? (deadline ? Math.max(1, Math.floor(deadline / interval)) : ctx.signal ? Infinity : PING_DEFAULT_COUNT);
  ctx.out(iputils ? `PING ${shown} (${ip}) 56(84) bytes of data.\n` : `PING ${shown} (${ip}): 56 data bytes\n`);
  const times: number[] = [];
  const src = { ip: ctx.sh.podIP, pod: ctx.sh.pod };
  let sent = 0;
  try {
    for (let i = 0; i < n; i++) {
      if (i > 0) await ctx.sh.sleep(interval);
      sent++;
      const r = icmp(ctx.sh.view, src, ip);
      if (!r) continue;
      times.push(r.rttMs);
      if (!quiet) ctx.out(iputils ? `64 bytes from ${ip}: icmp_seq=${i + 1} ttl=${r.ttl} time=${fmtMs(r.rttMs, true)} ms\n` : `64 bytes from ${ip}: seq=${i} ttl=${r.ttl} time=${r.rttMs.toFixed(3)} ms\n`);
    }
    if (!times.length && n > 0) await ctx.sh.sleep(iputils ? 1000 : 1000);
  } catch (e) {
    // SIGINT: ping prints its statistics for what it sent so far and exits normally
    if (!(e instanceof Interrupted) || e.signal !== 'SIGINT') throw e;
  }
  const lost = Math.round(((sent - times.length) * 100) / Math.max(1, sent));
  const min = Math.min(...times), max = Math.max(...times), avg = times.reduce((a, b) => a + b, 0) / Math.max(1, times.length);
  if (iputils) {
    const mdev = Math.sqrt(times.reduce((a, t) => a + (t - avg) ** 2, 0) / Math.max(1, times.length));
    ctx.out(`\n--- ${shown} ping statistics ---\n${sent} packets transmitted, ${times.length} received, ${lost}% packet loss, time ${Math.max(0, (sent - 1) * interval + Math.floor(ctx.sh.view.random() * 5))}ms\n`);
    if (times.length) ctx.out(`rtt min/avg/max/mdev = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)}/${mdev.toFixed(3)} ms\n`);
    else ctx.out('\n');
  } else {
    ctx.out(`\n--- ${shown} ping statistics ---\n${sent} packets transmitted, ${times.length} packets received, ${lost}% packet loss\n`);
    if (times.length) ctx.out(`round-trip min/avg/max = ${min.toFixed(3)}/${avg.toFixed(3)}/${max.toFixed(3)} ms\n`);
  }
  return times.length ? 0 : 1;
};

const fmtMs = (ms: number, iputils: boolean) => (iputils ? (ms < 1 ? ms.toFixed(3) : ms < 10 ? ms.toFixed(2) : ms.toFixed(1)) : ms.toFixed(3));

export const nc: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  let zero = false, verbose = false, wait: number | undefined, udp = false;
  const pos: string[] = [];
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a.startsWith('-') && a.length > 1) {
      for (let i = 1; i < a.length; i++) {
        const c = a[i];
        if (c === 'z') zero = true; else if (c === 'v') verbose = true; else if (c === 'u') udp = true;
        else if (c === 'w') { const r = a.slice(i + 1); wait = Number(r || args[++k]) * 1000; break; }
        else if (c === 'l') { ctx.err('nc: listening is not supported in this pod\n'); return 1; }
      }
      continue;
    }
    pos.push(a);
  }
  const [host, portS] = pos;
  if (!host || !portS) { ctx.err('usage: nc [-46CDdFhklNnrStUuvZz] [-I length] [-i interval] [-M ttl]\n\t  [-m minttl] [-O length] [-P proxy_username] [-p source_port]\n\t  [-q seconds] [-s sourceaddr] [-T keyword] [-V rtable] [-W recvlimit]\n\t  [-w timeout] [-X proxy_protocol] [-x proxy_address[:port]]\n\t  [destination] [port]\n'); return 1; }
  const openbsd = ctx.sh.image.name === 'netshoot' || ctx.sh.image.family === 'debian';
  const ports = /^(\d+)-(\d+)$/.exec(portS);
  const list = ports ? Array.from({ length: Number(ports[2]) - Number(ports[1]) + 1 }, (_, i) => Number(ports[1]) + i) : [Number(portS)];
  const r = resolveFromPod(ctx.sh.view, ctx.sh.pod, host);
  if (!r.ip) { ctx.err(openbsd ? `nc: getaddrinfo for host "${host}" port ${portS}: Name does not resolve\n` : `nc: bad address '${host}'\n`); return 1; }
  let st = 0;
  for (const port of list) {
    const c = connect(ctx.sh.view, { ip: ctx.sh.podIP, pod: ctx.sh.pod }, r.ip, port, udp ? 'UDP' : 'TCP');
    if (c.kind !== 'connected') {
      if (c.kind === 'timeout') await ctx.sh.sleep(wait ?? 3000);
      if (verbose || !zero || list.length === 1) {
        const why = c.kind === 'refused' ? 'Connection refused' : c.kind === 'unreachable' ? 'Host is unreachable' : 'Operation timed out';
        ctx.err(openbsd ? `nc: connect to ${host} port ${port} (${udp ? 'udp' : 'tcp'}) ${c.kind === 'timeout' ? 'timed out: Operation now in progress' : `failed: ${why}`}\n` : `nc: ${host} (${r.ip}:${port}): ${why}\n`);
      }
      st = 1;
      continue;
    }
    if (verbose || (zero && openbsd && verbose)) ctx.err(openbsd ? `Connection to ${host} (${r.ip}) ${port} port [${udp ? 'udp' : 'tcp'}/*] succeeded!\n` : `${host} (${r.ip}:${port}) open\n`);
    if (zero || c.dst.type !== 'pod') continue;
    // send stdin; answer if it is an HTTP request to an HTTP server
    const m = /^([A-Z]+) (\S+) (HTTP\/1\.[01])\r?\n([\s\S]*?)\r?\n\r?\n([\s\S]*)$/.exec(ctx.stdin);
    if (c.dst.listener.wire !== 'http') { const raw = serveRaw(c.dst.listener, c.peer, { host: ctx.sh.view.host, pod: c.dst.pod, now: ctx.sh.view.now() }); ctx.out(raw); continue; }
    if (!m) continue;
    const headers = m[4].split(/\r?\n/).filter(Boolean).map((l) => { const i = l.indexOf(':'); return [l.slice(0, i).trim(), l.slice(i + 1).trim()] as [string, string]; });
    const res = serveHttp(c.dst.listener, { method: m[1], target: m[2], version: m[3], headers, body: m[5], remote: c.peer, local: { ip: c.dst.ip, port: c.dst.port } }, { host: ctx.sh.view.host, pod: c.dst.pod, now: ctx.sh.view.now() });
    const { responseHead } = await import('../http');
    ctx.out(responseHead({ ...res, version: m[3] === 'HTTP/1.0' ? 'HTTP/1.1' : res.version }) + (m[1] === 'HEAD' ? '' : res.body));
  }
  return st;
};

const macStr = (pod: any, upper = false) => podMac(pod).map((b) => b.toString(16).padStart(2, '0')).join(':')[upper ? 'toUpperCase' : 'toString']();

function podNet(ctx: CommandContext) {
  const ip = ctx.sh.podIP;
  const base = ipToInt(ip) & 0xffffff00;
  return { ip, gw: intToIp(base + 1), bcast: intToIp(base + 255), net: intToIp(base), ifindex: 2 + (ipToInt(ip) % 20) };
}

export const ip: Command = (ctx) => {
  const [obj = '', sub] = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  const n = podNet(ctx);
  const pod = ctx.sh.pod;
  if (/^a(d(d(r(e(s(s)?)?)?)?)?)?$/.test(obj)) {
    ctx.out(`1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n    inet 127.0.0.1/8 scope host lo\n       valid_lft forever preferred_lft forever\n    inet6 ::1/128 scope host \n       valid_lft forever preferred_lft forever\n`);
    ctx.out(`2: eth0@if${n.ifindex}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP qlen 1000\n    link/ether ${macStr(pod)} brd ff:ff:ff:ff:ff:ff\n    inet ${n.ip}/24 brd ${n.bcast} scope global eth0\n       valid_lft forever preferred_lft forever\n    inet6 ${podLinkLocal(pod)}/64 scope link \n       valid_lft forever preferred_lft forever\n`);
    return 0;
  }
  if (/^r(o(u(t(e)?)?)?)?$/.test(obj)) {
    ctx.out(`default via ${n.gw} dev eth0 \n${n.net}/24 via ${n.gw} dev eth0 src ${n.ip} \n${n.gw} dev eth0 scope link src ${n.ip} \n`);
    return 0;
  }
  if (/^l(i(n(k)?)?)?$/.test(obj)) {
    ctx.out(`1: lo: <LOOPBACK,UP,LOWER_UP> mtu 65536 qdisc noqueue state UNKNOWN qlen 1000\n    link/loopback 00:00:00:00:00:00 brd 00:00:00:00:00:00\n2: eth0@if${n.ifindex}: <BROADCAST,MULTICAST,UP,LOWER_UP,M-DOWN> mtu 1500 qdisc noqueue state UP qlen 1000\n    link/ether ${macStr(pod)} brd ff:ff:ff:ff:ff:ff\n`);
    return 0;
  }
  void sub;
  ctx.err(`ip: unknown object "${obj}"\nUsage: ip [OPTIONS] address|route|link|neigh|rule [ARGS]\n`);
  return 1;
};

export const ifconfig: Command = (ctx) => {
  const n = podNet(ctx);
  const pod = ctx.sh.pod;
  ctx.out(`eth0      Link encap:Ethernet  HWaddr ${macStr(pod, true)}  \n          inet addr:${n.ip}  Bcast:${n.bcast}  Mask:255.255.255.0\n          inet6 addr: ${podLinkLocal(pod)}/64 Scope:Link\n          UP BROADCAST RUNNING MULTICAST  MTU:1500  Metric:1\n          RX packets:18 errors:0 dropped:0 overruns:0 frame:0\n          TX packets:8 errors:0 dropped:0 overruns:0 carrier:0\n          collisions:0 txqueuelen:0 \n          RX bytes:1516 (1.4 KiB)  TX bytes:612 (612.0 B)\n\n`);
  ctx.out(`lo        Link encap:Local Loopback  \n          inet addr:127.0.0.1  Mask:255.0.0.0\n          inet6 addr: ::1/128 Scope:Host\n          UP LOOPBACK RUNNING  MTU:65536  Metric:1\n          RX packets:0 errors:0 dropped:0 overruns:0 frame:0\n          TX packets:0 errors:0 dropped:0 overruns:0 carrier:0\n          collisions:0 txqueuelen:1000 \n          RX bytes:0 (0.0 B)  TX bytes:0 (0.0 B)\n\n`);
  return 0;
};

export const netstat: Command = (ctx) => {
  const ls = podListeners(ctx.sh.pod, ctx.sh.view.host);
  ctx.out('Active Internet connections (only servers)\nProto Recv-Q Send-Q Local Address           Foreign Address         State       \n');
  for (const l of ls) ctx.out(`${l.protocol.toLowerCase().padEnd(5)}      0      0 ${(':::' + l.port).padEnd(23)} ${':::*'.padEnd(23)} ${l.protocol === 'TCP' ? 'LISTEN' : ''.padEnd(6)}      \n`);
  return 0;
};

export const ss: Command = (ctx) => {
  const ls = podListeners(ctx.sh.pod, ctx.sh.view.host);
  ctx.out('Netid State  Recv-Q Send-Q Local Address:Port  Peer Address:PortProcess\n');
  for (const l of ls) ctx.out(`${l.protocol === 'TCP' ? 'tcp  ' : 'udp  '} ${l.protocol === 'TCP' ? 'LISTEN' : 'UNCONN'} 0      ${l.protocol === 'TCP' ? '4096  ' : '0     '} ${('*:' + l.port).padEnd(19)} ${'*:*'.padEnd(17)}\n`);
  return 0;
};
