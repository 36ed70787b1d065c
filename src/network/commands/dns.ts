// DNS clients: nslookup (busybox >= 1.28, busybox <= 1.28 and BIND flavours), dig, host.
// Names go through the pod's resolver (search list, ndots) as libc would; the output format
// is the tool's own.
import { bindVersion, busyboxBanner } from './help';
import type { Command, CommandContext } from './types';
import { RR, RRType, coreDnsQuery, podResolvConf, resolveName, searchCandidates, DNS_SERVICE_IP, dnsAt, NODE_NAMESERVER, CLUSTER_DOMAIN } from '../dns';
import { dnsReachable } from '../proxy';
import { isIPv4 } from '../host';

const DNS_TIMEOUT_MS = 10000;

interface Answer { status: 'OK' | 'NXDOMAIN' | 'NODATA' | 'TIMEOUT'; fqdn: string; answers: RR[]; authoritative: boolean; tried: string[] }

const reverseName = (ip: string) => ip.split('.').reverse().join('.') + '.in-addr.arpa';

/** Ask a server about a name with (or without) the pod's search list; the request trace records it. */
function ask(ctx: CommandContext, server: string, name: string, qtype: RRType, search: boolean): Answer {
  const a = askServer(ctx, server, name, qtype, search);
  const view = ctx.sh.view;
  if (view.host.trace) view.host.trace((require('../trace-record') as typeof import('../trace-record')).dnsRecord(view, ctx.sh.pod, ctx.argv[0], server, name, a));
  return a;
}

function askServer(ctx: CommandContext, server: string, name: string, qtype: RRType, search: boolean): Answer {
  const sh = ctx.sh;
  const src = { ip: sh.podIP, pod: sh.pod };
  const reachable = server === DNS_SERVICE_IP || server === NODE_NAMESERVER
    ? dnsReachable(sh.view, src, server)
    : sh.view.pods('kube-system').some((p) => p.status?.podIP === server && p.metadata.labels?.['k8s-app'] === 'kube-dns') && dnsReachable(sh.view, src, DNS_SERVICE_IP);
  if (!reachable) return { status: 'TIMEOUT', fqdn: name, answers: [], authoritative: false, tried: [] };
  const rc = podResolvConf(sh.pod);
  const cands = search ? searchCandidates(name, rc) : [name.replace(/\.$/, '').toLowerCase()];
  let nodata: Answer | undefined;
  for (const c of cands) {
    const r = dnsAt(sh.view, server === NODE_NAMESERVER ? NODE_NAMESERVER : DNS_SERVICE_IP, c, qtype);
    if (r.rcode === 'NOERROR' && r.answers.length) return { status: 'OK', fqdn: c, answers: r.answers, authoritative: r.authoritative, tried: cands };
    if (r.rcode === 'NOERROR' && !nodata) nodata = { status: 'NODATA', fqdn: c, answers: [], authoritative: r.authoritative, tried: cands };
  }
  return nodata ?? { status: 'NXDOMAIN', fqdn: cands[cands.length - 1] ?? name, answers: [], authoritative: true, tried: cands };
}

async function timeoutWait(ctx: CommandContext, ms = DNS_TIMEOUT_MS) { await ctx.sh.sleep(ms); }

const QTYPES: Record<string, RRType> = { a: 'A', aaaa: 'AAAA', cname: 'CNAME', ptr: 'PTR', srv: 'SRV', txt: 'TXT', mx: 'MX', ns: 'NS', soa: 'SOA', any: 'ANY' };

const inCluster = (n: string) => n.endsWith(CLUSTER_DOMAIN) || n.endsWith('.in-addr.arpa');

export const nslookup: Command = async (ctx) => {
  const flavour = ctx.sh.image.nslookup;
  const args = ctx.argv.slice(1);
  if (flavour === 'bind' && args.includes('-version')) { ctx.out(`nslookup ${bindVersion(ctx.sh.image)}\n`); return 0; }
  if (flavour !== 'bind' && args[0] === '--help') {
    ctx.err(`${busyboxBanner(ctx.sh.image)}\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n`);
    return 0;
  }
  let qtype: RRType | undefined;
  const pos: string[] = [];
  for (const a of args) {
    const m = /^-(?:type|querytype|query|q|ty)=(\w+)$/i.exec(a);
    if (m) {
      const t = QTYPES[m[1].toLowerCase()];
      if (!t) { ctx.err(flavour === 'bind' ? `unknown query type: ${m[1]}\n` : `nslookup: invalid query type "${m[1]}"\n`); return 1; }
      qtype = t;
      continue;
    }
    if (a.startsWith('-')) continue;
    pos.push(a);
  }
  if (!pos.length) {
    if (flavour === 'bind') { ctx.out('> '); return 0; }
    ctx.err(`${busyboxBanner(ctx.sh.image)}\n\nUsage: nslookup [-type=QUERY_TYPE] [-debug] HOST [DNS_SERVER]\n\nQuery DNS about HOST\n\nQUERY_TYPE: soa,ns,a,aaaa,cname,mx,txt,ptr,srv,any\n`);
    return 1;
  }
  const name = pos[0];
  const rc = podResolvConf(ctx.sh.pod);
  const explicitServer = pos[1] !== undefined;
  let server = pos[1] ?? rc.nameservers[0] ?? '127.0.0.1';
  // A server given by name is looked up with the pod's resolver first (getaddrinfo); the
  // header names it as given, with the address it resolved to.
  let serverShown = server;
  if (explicitServer && !isIPv4(server) && flavour !== 'busybox-legacy') {
    const src = { ip: ctx.sh.podIP, pod: ctx.sh.pod };
    const r = resolveName(ctx.sh.view, ctx.sh.pod, server, (s) => dnsReachable(ctx.sh.view, src, s));
    const a = r.answers.find((x) => x.type === 'A');
    if (!a) {
      ctx.err(flavour === 'bind' ? `nslookup: couldn't get address for '${server}': not found\n` : `nslookup: bad address '${server}'\n`);
      return 1;
    }
    server = a.data;
  }
  const reverse = isIPv4(name);
  const q: RRType = reverse ? 'PTR' : qtype ?? 'A';
  const qname = reverse ? reverseName(name) : name;
  // busybox reads /etc/resolv.conf (nameservers and search list) only when no server is given:
  // with one, the name is asked as typed.
  const bbNoSearch = explicitServer && flavour === 'busybox';
  const res = ask(ctx, server, qname, q, !reverse && !bbNoSearch);

  if (flavour === 'busybox-legacy') return legacyNslookup(ctx, name, server, res);

  if (res.status === 'TIMEOUT') {
    await timeoutWait(ctx);
    ctx.out(';; connection timed out; no servers could be reached\n\n');
    return 1;
  }
  const bind = flavour === 'bind';
  const header = `Server:\t\t${serverShown}\nAddress:\t${server}${bind ? '#' : ':'}53\n\n`;
  const dot = bind ? '.' : '';
  const fmt = (r: RR) => {
    if (r.type === 'A') return `Name:\t${r.name}\nAddress: ${r.data}\n`;
    if (r.type === 'CNAME') return `${r.name}\tcanonical name = ${r.data}${dot}\n`;
    if (r.type === 'PTR') return `${r.name}\tname = ${r.data}${dot}\n`;
    if (r.type === 'SRV') return `${r.name}\tservice = ${r.data}${dot}\n`;
    return '';
  };

  if (bind) {
    // CoreDNS answers its own zone without "recursion available": BIND's nslookup says so for
    // each such reply when it uses the servers of resolv.conf.
    const norec = explicitServer ? '' : `;; Got recursion not available from ${server}\n`;
    const idx = res.status === 'OK' || res.status === 'NODATA' ? res.tried.indexOf(res.fqdn) : res.tried.length - 1;
    const asked = res.tried.slice(0, idx + 1);
    let out = asked.filter(inCluster).map(() => norec).join('');
    if (reverse) {
      if (res.status !== 'OK') { ctx.out(out + `** server can't find ${qname}: NXDOMAIN\n\n`); return 1; }
      ctx.out(out + res.answers.map(fmt).join('') + '\n');
      return 0;
    }
    out += header;
    if (res.status === 'NXDOMAIN') { ctx.out(out + `** server can't find ${name}: NXDOMAIN\n\n`); return 1; }
    if (res.status === 'NODATA') { ctx.out(out + `*** Can't find ${name}: No answer\n\n`); return 0; }
    if (!res.authoritative) out += 'Non-authoritative answer:\n';
    out += res.answers.map(fmt).join('');
    const cname = res.answers.find((r) => r.type === 'CNAME');
    if (cname && !res.answers.some((r) => r.type === 'A')) {
      ctx.out(out + (inCluster(cname.data) ? norec : '') + `** server can't find ${cname.data}: NXDOMAIN\n\n`);
      return 1;
    }
    if (!qtype && inCluster(res.fqdn)) out += norec;
    ctx.out(out + '\n');
    return 0;
  }

  // busybox: one query per search domain when the name has no dot (all sent at once, each reply
  // printed); a name with dots is looked up through the search list like the resolver does.
  let out = header;
  const block = (r: { rcode: string; answers: RR[]; authoritative: boolean }, qn: string) =>
    (r.rcode === 'NOERROR' ? (r.authoritative ? '' : 'Non-authoritative answer:\n') + r.answers.map(fmt).join('') : `** server can't find ${qn}: ${r.rcode}\n`) + '\n';
  if (reverse) {
    if (res.status !== 'OK') { ctx.out(out + `** server can't find ${qname}: NXDOMAIN\n\n`); return 1; }
    ctx.out(out + block({ rcode: 'NOERROR', answers: res.answers, authoritative: res.authoritative }, qname));
    return 0;
  }
  const types: RRType[] = qtype ? [qtype] : ['A', 'AAAA'];
  let failed = false;
  if (!name.includes('.') && rc.search.length && !bbNoSearch) {
    for (const t of types) {
      for (const d of rc.search) {
        const qn = `${name}.${d}`;
        const r = dnsAt(ctx.sh.view, server === NODE_NAMESERVER ? NODE_NAMESERVER : DNS_SERVICE_IP, qn, t);
        if (r.rcode !== 'NOERROR') failed = true;
        out += block(r, qn);
      }
    }
    ctx.out(out);
    return failed ? 1 : 0;
  }
  for (const t of types) {
    if (res.status === 'NXDOMAIN') { out += `** server can't find ${name}: NXDOMAIN\n\n`; failed = true; continue; }
    const fq = res.fqdn;
    const r = t === q ? { rcode: 'NOERROR', answers: res.answers, authoritative: res.authoritative } : dnsAt(ctx.sh.view, server === NODE_NAMESERVER ? NODE_NAMESERVER : DNS_SERVICE_IP, fq, t);
    out += block(r, fq);
  }
  ctx.out(out);
  return failed ? 1 : 0;
};

function legacyNslookup(ctx: CommandContext, name: string, server: string, res: Answer): number {
  const ptr = (ip: string) => {
    const r = coreDnsQuery(ctx.sh.view, reverseName(ip), 'PTR');
    return r.answers[0]?.data;
  };
  if (res.status === 'TIMEOUT') {
    // the old applet resolves the server's name first and blocks on it
    ctx.out(`Server:    ${server}\nAddress 1: ${server}\n\n`);
    ctx.err(`nslookup: can't resolve '${name}'\n`);
    return 1;
  }
  const sp = ptr(server);
  ctx.out(`Server:    ${server}\nAddress 1: ${server}${sp ? ' ' + sp : ''}\n\n`);
  const addrs = res.answers.filter((r) => r.type === 'A');
  if (res.status !== 'OK' || !addrs.length) {
    if (isIPv4(name) && res.answers.some((r) => r.type === 'PTR')) {
      ctx.out(`Name:      ${name}\nAddress 1: ${name} ${res.answers.find((r) => r.type === 'PTR')!.data}\n`);
      return 0;
    }
    ctx.err(`nslookup: can't resolve '${name}'\n`);
    return 1;
  }
  ctx.out(`Name:      ${name}\n`);
  addrs.forEach((r, i) => {
    const p = ptr(r.data);
    ctx.out(`Address ${i + 1}: ${r.data}${p ? ' ' + p : ''}\n`);
  });
  return 0;
}

// ---- dig ----------------------------------------------------------------------------------------

function column(line: string, col: number): string {
  let width = 0;
  for (const c of line) width = c === '\t' ? (Math.floor(width / 8) + 1) * 8 : width + 1;
  if (width >= col) return line + ' ';
  while (width < col) { line += '\t'; width = (Math.floor(width / 8) + 1) * 8; }
  return line;
}

function rrLine(r: RR): string {
  let l = r.name.endsWith('.') ? r.name : r.name + '.';
  l = column(l, 24) + r.ttl;
  l = column(l, 32) + 'IN';
  l = column(l, 40) + r.type;
  const data = r.type === 'A' ? r.data : r.data.endsWith('.') ? r.data : r.data + '.';
  return column(l, 48) + data;
}

export const dig: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (args.includes('-v')) { ctx.err(`DiG ${bindVersion(ctx.sh.image)}\n`); return 0; }
  if (args.includes('-h')) { ctx.out('Usage:  dig [@global-server] [domain] [q-type] [q-class] {q-opt}\n            {global-d-opt} host [@local-server] {local-d-opt}\n            [ host [@local-server] {local-d-opt} [...]]\n\nUse "dig -h" (or "dig -h | more") for complete list of options\n'); return 0; }
  let server: string | undefined;
  let short = false, search = false;
  let qtype: RRType = 'A';
  let name: string | undefined;
  for (let k = 0; k < args.length; k++) {
    const a = args[k];
    if (a.startsWith('@')) server = a.slice(1);
    else if (a === '+short') short = true;
    else if (a === '+search') search = true;
    else if (a === '+nosearch') search = false;
    else if (a.startsWith('+')) continue;
    else if (a === '-t') qtype = QTYPES[(args[++k] ?? '').toLowerCase()] ?? 'A';
    else if (a === '-x') { name = reverseName(args[++k] ?? ''); qtype = 'PTR'; }
    else if (QTYPES[a.toLowerCase()] && name !== undefined) qtype = QTYPES[a.toLowerCase()];
    else if (name === undefined) name = a;
    else if (QTYPES[a.toLowerCase()]) qtype = QTYPES[a.toLowerCase()];
  }
  const rc = podResolvConf(ctx.sh.pod);
  server ??= rc.nameservers[0] ?? '127.0.0.1';
  if (name === undefined) { name = '.'; qtype = 'NS'; }
  const res = ask(ctx, server, name, qtype, search);
  const now = ctx.sh.view.now();
  if (res.status === 'TIMEOUT') {
    await timeoutWait(ctx, 15000);
    ctx.out(`;; communications error to ${server}#53: timed out\n;; communications error to ${server}#53: timed out\n;; communications error to ${server}#53: timed out\n\n; <<>> DiG ${ctx.sh.image.family === 'debian' ? '9.18.33-1~deb12u2-Debian' : '9.18.33'} <<>> ${args.join(' ')}\n;; global options: +cmd\n;; no servers could be reached\n`);
    return 9;
  }
  if (short) {
    for (const r of res.answers) ctx.out((r.type === 'A' ? r.data : r.data.endsWith('.') ? r.data : r.data + '.') + '\n');
    return 0;
  }
  const fq = (res.status === 'OK' ? res.fqdn : name.replace(/\.$/, '')).toLowerCase() + '.';
  const id = Math.floor(ctx.sh.view.random() * 65536);
  const status = res.status === 'NXDOMAIN' ? 'NXDOMAIN' : 'NOERROR';
  const ans = res.answers.map((r) => ({ ...r, name: r.name.endsWith('.') ? r.name : r.name + '.' }));
  const inCluster = fq.endsWith(CLUSTER_DOMAIN + '.') || fq.endsWith('in-addr.arpa.');
  const flags = res.authoritative || inCluster ? 'qr aa rd' : 'qr rd ra';
  const authority = status === 'NXDOMAIN' || !ans.length ? 1 : 0;
  let o = `\n; <<>> DiG ${ctx.sh.image.family === 'debian' ? '9.18.33-1~deb12u2-Debian' : '9.18.33'} <<>> ${args.join(' ')}\n;; global options: +cmd\n;; Got answer:\n`;
  if (/\.local\.$/.test(fq) || fq.includes('.local.')) o += ';; WARNING: .local is reserved for Multicast DNS\n;; You are currently testing what happens when an mDNS query is leaked to DNS\n';
  o += `;; ->>HEADER<<- opcode: QUERY, status: ${status}, id: ${id}\n`;
  o += `;; flags: ${flags}; QUERY: 1, ANSWER: ${ans.length}, AUTHORITY: ${authority}, ADDITIONAL: 1\n`;
  if (flags.includes('aa')) o += ';; WARNING: recursion requested but not available\n';
  o += `\n;; OPT PSEUDOSECTION:\n; EDNS: version: 0, flags:; udp: 1232\n`;
  o += `;; QUESTION SECTION:\n;${column(column(fq, 32) + 'IN', 40)}${qtype}\n\n`;
  if (ans.length) o += `;; ANSWER SECTION:\n${ans.map(rrLine).join('\n')}\n\n`;
  if (authority) o += `;; AUTHORITY SECTION:\n${column(column(column(column(inCluster ? CLUSTER_DOMAIN + '.' : '.', 24) + '30', 32) + 'IN', 40) + 'SOA', 48)}${inCluster ? `ns.dns.${CLUSTER_DOMAIN}. hostmaster.${CLUSTER_DOMAIN}. 1732216832 7200 1800 86400 30` : 'a.root-servers.net. nstld.verisign-grs.com. 2026112100 1800 900 604800 86400'}\n\n`;
  const size = 12 + fq.length + 1 + 4 + ans.reduce((n, r) => n + 12 + (r.type === 'A' ? 4 : r.data.length + 2), 0) + 11 + authority * 54;
  o += `;; Query time: 0 msec\n;; SERVER: ${server}#53(${server}) (UDP)\n;; WHEN: ${now.toUTCString().replace(/^(\w+), (\d+) (\w+) (\d+) ([\d:]+) GMT$/, (_, d, dd, m, y, t) => `${d} ${m} ${dd} ${t} UTC ${y}`)}\n;; MSG SIZE  rcvd: ${size}\n\n`;
  ctx.out(o);
  return 0;
};

export const host: Command = async (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  const name = args[0];
  if (!name) { ctx.err('Usage: host [-aCdilrTvVw] [-c class] [-N ndots] [-t type] [-W time]\n            [-R number] [-m flag] [-p port] hostname [server]\n'); return 1; }
  const rc = podResolvConf(ctx.sh.pod);
  const server = args[1] ?? rc.nameservers[0] ?? '127.0.0.1';
  const reverse = isIPv4(name);
  const res = ask(ctx, server, reverse ? reverseName(name) : name, reverse ? 'PTR' : 'A', !reverse);
  let o = args[1] ? `Using domain server:\nName: ${server}\nAddress: ${server}#53\nAliases: \n\n` : '';
  if (res.status === 'TIMEOUT') {
    await timeoutWait(ctx);
    ctx.out(`;; communications error to ${server}#53: timed out\n;; no servers could be reached\n`);
    return 1;
  }
  if (res.status === 'NXDOMAIN') { ctx.out(o + `Host ${reverse ? reverseName(name) : name} not found: 3(NXDOMAIN)\n`); return 1; }
  for (const r of res.answers) {
    if (r.type === 'A') o += `${r.name} has address ${r.data}\n`;
    else if (r.type === 'CNAME') o += `${r.name} is an alias for ${r.data}.\n`;
    else if (r.type === 'PTR') o += `${r.name} domain name pointer ${r.data}.\n`;
  }
  ctx.out(o);
  return 0;
};
