// wget: busybox's applet (busybox and alpine images) and GNU wget (debian images), with
// -q, -O FILE / -O -, -T, -S, --spider, --header, -U, --post-data.
import type { Command, CommandContext } from './types';
import { parseUrl, fetchFromPod, FetchResult, ParsedUrl, hostHeader } from '../fetch';
import { header, byteLength, responseHead } from '../http';
import { strftime } from './basic';
import { KERNEL_CONNECT_TIMEOUT_MS } from './curl';
import { GNU_WGET_HELP, GNU_WGET_VERSION, busyboxBanner, busyboxWgetHelp } from './help';

interface WgetOpts { noCheckCert?: boolean; quiet: boolean; output?: string; timeout?: number; spider: boolean; serverResponse: boolean; headers: string[]; ua?: string; postData?: string; urls: string[] }

function parse(ctx: CommandContext): WgetOpts | number {
  const o: WgetOpts = { quiet: false, spider: false, serverResponse: false, headers: [], urls: [] };
  const a = ctx.argv.slice(1);
  for (let k = 0; k < a.length; k++) {
    const x = a[k];
    if (x.startsWith('--')) {
      const [n, v] = x.includes('=') ? [x.slice(0, x.indexOf('=')), x.slice(x.indexOf('=') + 1)] : [x, undefined];
      const take = () => v ?? a[++k];
      switch (n) {
        case '--quiet': o.quiet = true; break;
        case '--output-document': o.output = take(); break;
        case '--timeout': case '--connect-timeout': case '--read-timeout': o.timeout = Number(take()) * 1000; break;
        case '--spider': o.spider = true; break;
        case '--server-response': o.serverResponse = true; break;
        case '--header': o.headers.push(take()); break;
        case '--user-agent': o.ua = take(); break;
        case '--post-data': o.postData = take(); break;
        case '--tries': case '--wait': case '--method': take(); break;
        case '--no-check-certificate': o.noCheckCert = true; break;
        case '--no-verbose': case '--no-cache': case '--proxy': break;
        default:
          ctx.err(ctx.sh.image.wget === 'gnu' ? `wget: unrecognized option '${x}'\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n` : `wget: unrecognized option '${x}'\n`);
          return ctx.sh.image.wget === 'gnu' ? 2 : 1;
      }
      continue;
    }
    if (x.startsWith('-') && x.length > 1) {
      for (let i = 1; i < x.length; i++) {
        const c = x[i];
        const val = () => { const r = x.slice(i + 1); i = x.length; return r || a[++k]; };
        switch (c) {
          case 'q': o.quiet = true; break;
          case 'O': o.output = val(); break;
          case 'T': o.timeout = Number(val()) * 1000; break;
          case 'S': o.serverResponse = true; break;
          case 'U': o.ua = val(); break;
          case 't': case 'w': case 'P': case 'Y': val(); break;
          case 'c': case 'n': case 'v': case 'N': case 'F': break;
          default:
            ctx.err(ctx.sh.image.wget === 'gnu' ? `wget: invalid option -- '${c}'\nUsage: wget [OPTION]... [URL]...\n\nTry \`wget --help' for more options.\n` : `wget: unrecognized option: ${c}\n`);
            return ctx.sh.image.wget === 'gnu' ? 2 : 1;
        }
      }
      continue;
    }
    o.urls.push(x);
  }
  return o;
}

function request(ctx: CommandContext, u: ParsedUrl, o: WgetOpts, gnu: boolean): FetchResult {
  const hs: [string, string][] = gnu
    ? [['User-Agent', o.ua ?? 'Wget/1.21.3'], ['Accept', '*/*'], ['Accept-Encoding', 'identity']]
    : [['User-Agent', o.ua ?? 'Wget']];
  for (const h of o.headers) { const c = h.indexOf(':'); if (c > 0) hs.push([h.slice(0, c).trim(), h.slice(c + 1).trim()]); }
  if (o.postData !== undefined) hs.push(['Content-Type', 'application/x-www-form-urlencoded'], ['Content-Length', String(byteLength(o.postData))]);
  hs.push(['Connection', gnu ? 'Keep-Alive' : 'close']);
  // busybox's TLS does not validate certificates at all; GNU wget does unless told not to
  return fetchFromPod(ctx.sh.view, ctx.sh.pod, u, { method: o.spider ? 'HEAD' : o.postData !== undefined ? 'POST' : 'GET', headers: hs, body: o.postData, insecure: !gnu || !!o.noCheckCert, tool: 'wget' });
}

export const wget: Command = async (ctx) => {
  const img = ctx.sh.image;
  if (img.wget === 'gnu') {
    for (const a of ctx.argv.slice(1)) {
      if (a === '-V' || a === '--version') { ctx.out(GNU_WGET_VERSION); return 0; }
      if (a === '-h' || a === '--help') { ctx.out(GNU_WGET_HELP); return 0; }
    }
  } else if (ctx.argv[1] === '--help') { ctx.err(busyboxWgetHelp(img)); return 0; }
  const o = parse(ctx);
  if (typeof o === 'number') return o;
  const gnu = ctx.sh.image.wget === 'gnu';
  if (!o.urls.length) {
    if (gnu) ctx.err("wget: missing URL\nUsage: wget [OPTION]... [URL]...\n\nTry `wget --help' for more options.\n");
    else ctx.err(`${busyboxBanner(ctx.sh.image)}\n\nUsage: wget [-cqS] [--spider] [-O FILE] [-o LOGFILE] [--header STR]\n\t[--post-data STR | --post-file FILE] [-Y on/off]\n\t[-P DIR] [-U AGENT] [-T SEC] URL...\n\nRetrieve files via HTTP or FTP\n`);
    return 1;
  }
  return gnu ? gnuWget(ctx, o) : busyboxWget(ctx, o);
};

async function busyboxWget(ctx: CommandContext, o: WgetOpts): Promise<number> {
  const say = (s: string) => { if (!o.quiet) ctx.err(s); };
  for (const raw of o.urls) {
    let u = parseUrl(raw);
    if ('error' in u) { ctx.err(`wget: not an http or ftp url: ${raw}\n`); return 1; }
    for (let hop = 0; ; hop++) {
      const r = request(ctx, u, o, false);
      if (r.kind === 'resolve') {
        if (r.timedOut) await ctx.sh.sleep(Math.min(o.timeout ?? 10000, 10000));
        ctx.err(`wget: bad address '${u.host}'\n`);
        return 1;
      }
      say(`Connecting to ${hostHeader(u)} (${r.ip}:${r.port})\n`);
      // busybox's own TLS (1.30 on) says so, -q or not, unless told not to check
      if (u.scheme === 'https' && !o.noCheckCert && r.kind !== 'refused' && r.kind !== 'unreachable' && r.kind !== 'timeout' && Number(ctx.sh.image.busyboxVersion.split('.')[1]) >= 30) ctx.err('wget: note: TLS certificate validation not implemented\n');
      if (r.kind === 'refused') { ctx.err(`wget: can't connect to remote host (${r.ip}): Connection refused\n`); return 1; }
      if (r.kind === 'unreachable') { await ctx.sh.sleep(3000); ctx.err(`wget: can't connect to remote host (${r.ip}): Host is unreachable\n`); return 1; }
      if (r.kind === 'timeout') {
        await ctx.sh.sleep(Math.min(o.timeout ?? KERNEL_CONNECT_TIMEOUT_MS, KERNEL_CONNECT_TIMEOUT_MS));
        ctx.err(o.timeout !== undefined ? 'wget: download timed out\n' : `wget: can't connect to remote host (${r.ip}): Connection timed out\n`);
        return 1;
      }
      if (r.kind === 'tls-wrong-version' || r.kind === 'tls-untrusted' || r.kind === 'tls-verify') { ctx.err('wget: error getting response: Connection reset by peer\n'); return 1; }
      if (r.kind === 'empty') { ctx.err('wget: error getting response\n'); return 1; }
      if (r.kind === 'http09') { ctx.err(`wget: server returned error: ${r.raw.replace(/\r?\n$/, '')}\n`); return 1; }
      const res = r.response;
      if (o.serverResponse) ctx.err(responseHead(res).replace(/\r\n$/, '').split('\r\n').map((l) => `  ${l}\n`).join(''));
      const loc = header(res.headers, 'Location');
      if (res.status >= 300 && res.status < 400 && loc && hop < 20) {
        const next = parseUrl(/^[a-z]+:\/\//i.test(loc) ? loc : `${u.scheme}://${hostHeader(u)}${loc}`);
        if ('error' in next) break;
        u = next;
        continue;
      }
      if (res.status >= 400) { ctx.err(`wget: server returned error: ${res.version} ${res.status} ${res.reason}\n`); return 1; }
      if (o.spider) { say('remote file exists\n'); break; }
      const size = byteLength(res.body);
      const name = o.output ?? (u.target.replace(/[?#].*$/, '').split('/').pop() || 'index.html');
      const bar = (label: string) => `${label.padEnd(20).slice(0, 20)} 100% |${'*'.repeat(32)}| ${size < 100000 ? String(size).padStart(5) + ' ' : String(Math.floor(size / 1024)).padStart(4) + 'k '} 0:00:00 ETA\n`;
      if (name === '-') {
        say('writing to stdout\n');
        ctx.out(res.body);
        say(bar('-') + 'written to stdout\n');
      } else {
        if (o.output === undefined && ctx.sh.readFile(name) !== undefined) { ctx.err(`wget: can't open '${name}': File exists\n`); return 1; }
        say(`saving to '${name}'\n`);
        ctx.sh.writeFile(name, res.body);
        say(bar(name) + `'${name}' saved\n`);
      }
      break;
    }
  }
  return 0;
}

async function gnuWget(ctx: CommandContext, o: WgetOpts): Promise<number> {
  const say = (s: string) => { if (!o.quiet) ctx.err(s); };
  const now = () => strftime(ctx.sh.view.now(), '%F %T');
  let exit = 0;
  for (const raw of o.urls) {
    let u = parseUrl(raw);
    if ('error' in u) { ctx.err(`${raw}: Unsupported scheme.\n`); exit = 1; continue; }
    say(`--${now()}--  ${u.href}\n`);
    for (let hop = 0; ; hop++) {
      const r = request(ctx, u, o, true);
      if (r.kind === 'resolve') {
        say(`Resolving ${u.host} (${u.host})... failed: ${r.timedOut ? 'Temporary failure in name resolution' : 'Name or service not known'}.\n`);
        ctx.err(`wget: unable to resolve host address ‘${u.host}’\n`);
        return 4;
      }
      if (!/^\d+\.\d+\.\d+\.\d+$/.test(u.host)) say(`Resolving ${u.host} (${u.host})... ${r.ip}\n`);
      const conn = /^\d+\.\d+\.\d+\.\d+$/.test(u.host) ? `Connecting to ${u.host}:${u.port}... ` : `Connecting to ${u.host} (${u.host})|${r.ip}|:${u.port}... `;
      if (r.kind === 'refused') { say(`${conn}failed: Connection refused.\n`); return 4; }
      if (r.kind === 'unreachable') { await ctx.sh.sleep(3000); say(`${conn}failed: No route to host.\n`); return 4; }
      if (r.kind === 'timeout') {
        await ctx.sh.sleep(Math.min(o.timeout ?? KERNEL_CONNECT_TIMEOUT_MS, KERNEL_CONNECT_TIMEOUT_MS));
        say(`${conn}failed: Connection timed out.\nRetrying.\n\n`);
        return 4;
      }
      say(`${conn}connected.\n`);
      if (r.kind === 'tls-verify') {
        // Debian's wget is built with GnuTLS: its wording
        const c = r.check;
        if (c.kind === 'chain') {
          ctx.err(`ERROR: The certificate of ‘${u.host}’ is not trusted.\n`);
          if (c.error === 'expired') ctx.err(`ERROR: The certificate of ‘${u.host}’ has expired.\n`);
          else if (c.error === 'not-yet-valid') ctx.err(`ERROR: The certificate of ‘${u.host}’ is not yet activated.\n`);
          else ctx.err(`ERROR: The certificate of ‘${u.host}’ doesn't have a known issuer.\n`);
        } else ctx.err(`The certificate's owner does not match hostname ‘${u.host}’\n`);
        return 5;
      }
      if (r.kind === 'tls-wrong-version') { ctx.err(`GnuTLS: An unexpected TLS packet was received.\nUnable to establish SSL connection.\n`); return 4; }
      if (r.kind !== 'response') { say('HTTP request sent, awaiting response... No data received.\n'); return 4; }
      const res = r.response;
      say(`HTTP request sent, awaiting response... ${res.status} ${res.reason}\n`);
      const loc = header(res.headers, 'Location');
      if (res.status >= 300 && res.status < 400 && loc && hop < 20) {
        say(`Location: ${loc} [following]\n`);
        const next = parseUrl(/^[a-z]+:\/\//i.test(loc) ? loc : `${u.scheme}://${hostHeader(u)}${loc}`);
        if ('error' in next) break;
        u = next;
        say(`--${now()}--  ${u.href}\n`);
        continue;
      }
      if (res.status >= 400) { say(`${now()} ERROR ${res.status}: ${res.reason}.\n\n`); exit = 8; break; }
      const size = byteLength(res.body);
      const ctype = header(res.headers, 'Content-Type');
      say(`Length: ${size}${ctype ? ` [${ctype.split(';')[0]}]` : ''}\n`);
      if (o.spider) { say('Remote file exists and could contain further links,\nbut recursion is disabled -- not retrieving.\n\n'); break; }
      const name = o.output ?? (u.target.replace(/[?#].*$/, '').split('/').pop() || 'index.html');
      const toStdout = name === '-';
      say(`Saving to: ‘${toStdout ? 'STDOUT' : name}’\n\n`);
      if (toStdout) ctx.out(res.body); else ctx.sh.writeFile(name, res.body);
      const mbs = 80 + ctx.sh.view.random() * 80;
      const sp = mbs >= 100 ? mbs.toFixed(0) : mbs.toFixed(1);
      say(`     0K${' '.repeat(55)}100% ${sp.padStart(4)}M=0s\n\n`);
      say(`${now()} (${sp} MB/s) - ${toStdout ? 'written to stdout' : `‘${name}’ saved`} [${size}/${size}]\n\n`);
      break;
    }
  }
  return exit;
}
