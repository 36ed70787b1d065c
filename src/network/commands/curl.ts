// curl: the options the exercises use (-s -S -v -i -I -o -O -w -m --connect-timeout -H -X -d
// -L -k -f -A -u --cacert), curl's progress meter on stderr when stdout is not a terminal,
// curl's error messages and exit codes (6 resolve, 7 connect, 28 timeout, 22 -f, 35/60 TLS,
// 52 empty reply, 1 HTTP/0.9).
import type { Command, CommandContext } from './types';
import { parseUrl, fetchFromPod, FetchResult, ParsedUrl, hostHeader } from '../fetch';
import { HttpResponse, header, responseHead, byteLength } from '../http';
import { parseDuration } from './basic';
import { curlPeerError, curlCaHelp, parseCertificates, checkName, commonName, checkPeer, chainErrorText } from '../tls';
import { curlHelpText, curlVersionText } from './help';

/** Kernel SYN retries give up after about this long (when curl has no timeout of its own). */
export const KERNEL_CONNECT_TIMEOUT_MS = 133 * 1000;

const UNKNOWN = (ctx: CommandContext, opt: string) => {
  ctx.err(`curl: option ${opt}: is unknown\ncurl: try 'curl --help' or 'curl --manual' for more information\n`);
  return 2;
};

interface CurlOpts {
  silent: boolean; showError: boolean; verbose: boolean; include: boolean; head: boolean; fail: boolean;
  location: boolean; insecure: boolean; output?: string; remoteName: boolean; writeOut?: string;
  maxTime?: number; connectTimeout?: number; headers: string[]; method?: string; data?: string;
  userAgent?: string; user?: string; cacert: boolean; cacertPath?: string; urls: string[]; progressOff: boolean; referer?: string;
}

function parseCurl(ctx: CommandContext, argv: string[]): CurlOpts | number {
  const o: CurlOpts = { silent: false, showError: false, verbose: false, include: false, head: false, fail: false, location: false, insecure: false, remoteName: false, headers: [], cacert: false, urls: [], progressOff: false };
  const num = (opt: string, v: string | undefined): number | undefined => {
    const n = Number(v);
    if (v === undefined || Number.isNaN(n)) { ctx.err(`curl: option ${opt}: expected a proper numerical parameter\ncurl: try 'curl --help' or 'curl --manual' for more information\n`); return undefined; }
    return n * 1000;
  };
  const addData = (v: string) => { o.data = o.data === undefined ? v : `${o.data}&${v}`; };
  for (let k = 0; k < argv.length; k++) {
    const a = argv[k];
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const name = eq > 0 ? a.slice(0, eq) : a;
      const inline = eq > 0 ? a.slice(eq + 1) : undefined;
      const take = () => inline ?? argv[++k];
      switch (name) {
        case '--silent': o.silent = true; break;
        case '--show-error': o.showError = true; break;
        case '--verbose': o.verbose = true; break;
        case '--include': o.include = true; break;
        case '--head': o.head = true; break;
        case '--fail': case '--fail-with-body': o.fail = true; break;
        case '--location': o.location = true; break;
        case '--insecure': o.insecure = true; break;
        case '--remote-name': o.remoteName = true; break;
        case '--no-progress-meter': o.progressOff = true; break;
        case '--output': o.output = take(); break;
        case '--write-out': o.writeOut = take(); break;
        case '--max-time': { const n = num(name, take()); if (n === undefined) return 2; o.maxTime = n; break; }
        case '--connect-timeout': { const n = num(name, take()); if (n === undefined) return 2; o.connectTimeout = n; break; }
        case '--header': o.headers.push(take()); break;
        case '--request': o.method = take(); break;
        case '--data': case '--data-raw': case '--data-binary': case '--data-ascii': case '--data-urlencode': addData(take()); break;
        case '--json': addData(take()); o.headers.push('Content-Type: application/json', 'Accept: application/json'); break;
        case '--user-agent': o.userAgent = take(); break;
        case '--user': o.user = take(); break;
        case '--referer': o.referer = take(); break;
        case '--url': o.urls.push(take()); break;
        case '--cacert': o.cacertPath = take(); o.cacert = true; break;
        case '--capath': take(); o.cacert = true; break;
        case '--http1.1': case '--http1.0': case '--http2': case '--compressed': case '--ipv4': case '--ipv6': case '--no-keepalive':
        case '--tcp-nodelay': case '--no-buffer': case '--globoff': case '--raw': case '--progress-bar': case '--path-as-is': break;
        case '--retry': case '--retry-delay': case '--retry-max-time': case '--resolve': case '--noproxy': case '--proxy': case '--cookie':
        case '--cert': case '--key': case '--limit-rate': case '--interface': case '--max-redirs': case '--cookie-jar': take(); break;
        default: return UNKNOWN(ctx, name);
      }
      continue;
    }
    if (a.startsWith('-') && a.length > 1) {
      for (let i = 1; i < a.length; i++) {
        const c = a[i];
        const val = () => { const rest = a.slice(i + 1); i = a.length; return rest || argv[++k]; };
        switch (c) {
          case 's': o.silent = true; break;
          case 'S': o.showError = true; break;
          case 'v': o.verbose = true; break;
          case 'i': o.include = true; break;
          case 'I': o.head = true; break;
          case 'f': o.fail = true; break;
          case 'L': o.location = true; break;
          case 'k': o.insecure = true; break;
          case 'O': o.remoteName = true; break;
          case 'q': case '4': case '6': case 'N': case '#': case 'g': case 'n': break;
          case 'o': o.output = val(); break;
          case 'w': o.writeOut = val(); break;
          case 'm': { const n = num('-m', val()); if (n === undefined) return 2; o.maxTime = n; break; }
          case 'H': o.headers.push(val()); break;
          case 'X': o.method = val(); break;
          case 'd': addData(val()); break;
          case 'A': o.userAgent = val(); break;
          case 'u': o.user = val(); break;
          case 'e': o.referer = val(); break;
          case 'E': case 'K': case 'Y': case 'y': case 'C': case 'b': case 'c': case 'r': case 'x': val(); break;
          default: return UNKNOWN(ctx, `-${c}`);
        }
      }
      continue;
    }
    o.urls.push(a);
  }
  return o;
}

// ---- the progress meter (lib/progress.c) -------------------------------------------------------

function max5(n: number): string {
  if (n < 100000) return String(Math.floor(n)).padStart(5);
  if (n < 10000 * 1024) return String(Math.floor(n / 1024)).padStart(4) + 'k';
  if (n < 100 * 1024 * 1024) return `${String(Math.floor(n / 1048576)).padStart(2)}.${Math.floor((n % 1048576) / 104858)}M`;
  return String(Math.floor(n / 1048576)).padStart(4) + 'M';
}
const t8 = (s: number | undefined) => (s === undefined ? '--:--:--' : `${String(Math.floor(s / 3600)).padStart(2)}:${String(Math.floor(s / 60) % 60).padStart(2, '0')}:${String(Math.floor(s) % 60).padStart(2, '0')}`);
function meterLine(total: number, got: number, speed: number, spent?: number): string {
  const pct = total > 0 ? Math.floor((got * 100) / total) : 0;
  return `\r${String(pct).padStart(3)} ${max5(total)}  ${String(pct).padStart(3)} ${max5(got)}  ${'0'.padStart(3)} ${max5(0)}  ${max5(speed)}  ${max5(0)} ${t8(undefined)} ${t8(spent)} ${t8(undefined)} ${max5(got ? speed * 2 : 0)}`;
}
const METER_HEAD = '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n                                 Dload  Upload   Total   Spent    Left  Speed\n';

// ---- the command --------------------------------------------------------------------------------

export const curl: Command = async (ctx) => {
  // -V / --version and -h / --help answer before anything else is looked at
  for (const a of ctx.argv.slice(1)) {
    if (a === '--') break;
    if (a === '-V' || a === '--version') { ctx.out(curlVersionText(ctx.sh.image)); return 0; }
    if (a === '-h' || a === '--help' || a === '-M' || a === '--manual') { ctx.out(curlHelpText(ctx.sh.image)); return 0; }
  }
  const o = parseCurl(ctx, ctx.argv.slice(1));
  if (typeof o === 'number') return o;
  if (!o.urls.length) {
    ctx.err("curl: no URL specified\ncurl: try 'curl --help' or 'curl --manual' for more information\n");
    return 2;
  }
  const ver = ctx.sh.image.curlVersion;
  const v8 = Number(ver.split('.')[0]) >= 8;
  const showErrors = !o.silent || o.showError;
  const meter = !o.silent && !o.progressOff && (!ctx.stdoutTty || (o.output !== undefined && o.output !== '-')) && !o.verbose;
  const error = (code: number, msg: string) => { if (showErrors) ctx.err(`curl: (${code}) ${msg}\n`); return code; };
  const started = ctx.sh.view.now().getTime();
  let exit = 0;
  let meterShown = false;
  const meterStart = () => { if (meter && !meterShown) { ctx.err(METER_HEAD + meterLine(0, 0, 0)); meterShown = true; } };
  const meterEnd = (total: number, got: number, spentMs: number, speed: number) => {
    if (!meter) return;
    meterStart();
    ctx.err(meterLine(total, got, speed, spentMs >= 1000 ? spentMs / 1000 : undefined) + '\n');
  };

  // --cacert is read once, before any transfer: a file that is not there fails them all
  let caPem: string | undefined;
  if (o.cacertPath !== undefined) {
    caPem = ctx.sh.readFile(o.cacertPath);
    if (caPem === undefined && o.urls.some((x) => /^https:/i.test(x))) {
      return error(77, v8 || Number(ver.split('.')[1]) >= 70 ? `error setting certificate file: ${o.cacertPath}` : `error setting certificate verify locations:\n  CAfile: ${o.cacertPath}\n  CApath: none`);
    }
  }
  for (const rawUrl of o.urls) {
    let url = parseUrl(rawUrl);
    if ('error' in url) {
      if (url.error === 'unsupported') exit = error(1, `Protocol "${url.scheme}" not supported${v8 ? '' : ' or disabled in libcurl'}`);
      else if (url.error === 'port') exit = error(3, 'URL rejected: Port number was not a decimal number between 0 and 65535');
      else exit = error(3, 'URL rejected: No host part in the URL');
      continue;
    }
    let method = o.method ?? (o.head ? 'HEAD' : o.data !== undefined ? 'POST' : 'GET');
    const baseHeaders = (u: ParsedUrl): [string, string][] => {
      const hs: [string, string][] = [];
      if (o.user) hs.push(['Authorization', 'Basic ' + Buffer.from(o.user).toString('base64')]);
      hs.push(['User-Agent', o.userAgent ?? `curl/${ver}`], ['Accept', '*/*']);
      if (o.referer) hs.push(['Referer', o.referer]);
      for (const h of o.headers) {
        const c = h.indexOf(':');
        if (c <= 0) continue;
        const name = h.slice(0, c).trim();
        const value = h.slice(c + 1).trim();
        const i = hs.findIndex(([k]) => k.toLowerCase() === name.toLowerCase());
        if (name.toLowerCase() === 'host') continue;
        if (i >= 0) { if (value) hs[i] = [hs[i][0] === name ? name : name, value]; else hs.splice(i, 1); }
        else if (value) hs.push([name, value]);
      }
      if (o.data !== undefined && method !== 'GET' && method !== 'HEAD') {
        if (!hs.some(([k]) => k.toLowerCase() === 'content-type')) hs.push(['Content-Type', 'application/x-www-form-urlencoded']);
        hs.push(['Content-Length', String(byteLength(o.data))]);
      }
      void u;
      return hs;
    };
    const hostOverride = o.headers.map((h) => /^host:\s*(.*)$/i.exec(h)?.[1]).find((x) => x);

    let result: FetchResult;
    let redirects = 0;
    for (;;) {
      meterStart();
      const hs = baseHeaders(url);
      result = fetchFromPod(ctx.sh.view, ctx.sh.pod, url, { method, headers: hs, body: o.data, insecure: o.insecure, trustedCA: o.cacert, caPem });
      if (hostOverride && result.kind === 'response') result.request.headers[0] = ['Host', hostOverride];
      if (o.verbose) verbose(ctx, url, result, v8, o.insecure ? caPem ?? null : undefined);
      if (result.kind === 'response' && o.location && result.response.status >= 300 && result.response.status < 400 && header(result.response.headers, 'Location') && redirects < 50) {
        const loc = header(result.response.headers, 'Location')!;
        const next = parseUrl(/^[a-z]+:\/\//i.test(loc) ? loc : `${url.scheme}://${hostHeader(url)}${loc.startsWith('/') ? loc : '/' + loc}`);
        if ('error' in next) break;
        if (o.include) ctx.out(responseHead(result.response));
        url = next;
        redirects++;
        if (result.response.status === 303 || ((result.response.status === 301 || result.response.status === 302) && method === 'POST')) method = 'GET';
        continue;
      }
      break;
    }

    const limit = Math.min(o.maxTime ?? Infinity, o.connectTimeout ?? Infinity);
    const failed = (code: number, msg: string) => { error(code, msg); if (o.writeOut) ctx.out(writeOut(o.writeOut!, url as ParsedUrl, result, undefined, 0, code)); return code; };
    const elapsedFor = (ms: number) => Math.round(ms + ctx.sh.view.random() * 3);
    switch (result.kind) {
      case 'resolve': {
        if (result.timedOut) {
          const wait = Math.min(limit, 10000);
          await ctx.sh.sleep(wait);
          meterEnd(0, 0, wait, 0);
          if (limit <= 10000) { exit = failed(28, `Resolving timed out after ${elapsedFor(limit)} milliseconds`); continue; }
        } else meterEnd(0, 0, 0, 0);
        exit = failed(6, `Could not resolve host: ${result.host}`);
        continue;
      }
      case 'refused': case 'unreachable': {
        const after = result.kind === 'unreachable' ? 3000 + Math.floor(ctx.sh.view.random() * 100) : 0;
        if (after) await ctx.sh.sleep(Math.min(after, limit));
        meterEnd(0, 0, after, 0);
        if (after > limit) { exit = failed(28, o.connectTimeout !== undefined && (o.maxTime === undefined || o.connectTimeout <= o.maxTime) && v8 ? `Failed to connect to ${url.host} port ${url.port} after ${elapsedFor(limit)} ms: Timeout was reached` : `Connection timed out after ${elapsedFor(limit)} milliseconds`); continue; }
        exit = failed(7, `Failed to connect to ${url.host} port ${url.port} after ${after} ms: Couldn't connect to server`);
        continue;
      }
      case 'timeout': {
        const wait = Math.min(limit, KERNEL_CONNECT_TIMEOUT_MS);
        await ctx.sh.sleep(wait);
        meterEnd(0, 0, wait, 0);
        if (limit === Infinity) exit = failed(28, `Failed to connect to ${url.host} port ${url.port} after ${elapsedFor(wait)} ms: ${v8 ? "Couldn't connect to server" : 'Connection timed out'}`);
        else if (o.connectTimeout !== undefined && (o.maxTime === undefined || o.connectTimeout <= o.maxTime) && v8) exit = failed(28, `Failed to connect to ${url.host} port ${url.port} after ${elapsedFor(limit)} ms: Timeout was reached`);
        else exit = failed(28, `Connection timed out after ${elapsedFor(limit)} milliseconds`);
        continue;
      }
      case 'tls-wrong-version':
        meterEnd(0, 0, 0, 0);
        exit = failed(35, Number(ver.split('.')[0]) < 7 || (ver.startsWith('7.') && Number(ver.split('.')[1]) < 50)
          ? 'error:140770FC:SSL routines:SSL23_GET_SERVER_HELLO:unknown protocol'
          : `OpenSSL/${ctx.sh.image.family === 'debian' ? '3.0.15' : '3.3.3'}: error:0A00010B:SSL routines::wrong version number`);
        continue;
      case 'tls-untrusted':
      case 'tls-verify': {
        meterEnd(0, 0, 0, 0);
        const e = result.kind === 'tls-verify' ? curlPeerError(result.check, url.host, ver) : { code: 60, message: 'SSL certificate problem: unable to get local issuer certificate' };
        if (showErrors) ctx.err(`curl: (${e.code}) ${e.message}\n` + (e.code === 60 ? curlCaHelp(ver) : ''));
        exit = e.code;
        if (o.writeOut) ctx.out(writeOut(o.writeOut, url, result, undefined, 0, e.code));
        continue;
      }
      case 'empty':
        meterEnd(0, 0, 0, 0);
        exit = failed(52, 'Empty reply from server');
        continue;
      case 'http09':
        meterEnd(0, 0, 0, 0);
        exit = failed(1, 'Received HTTP/0.9 when not allowed');
        continue;
    }
    const res: HttpResponse = result.response;
    const bodyOut = method === 'HEAD' ? '' : res.body;
    const size = byteLength(bodyOut);
    const spent = Math.max(1, Math.round(result.rttMs * 4 + 1));
    const speed = Math.floor((size * 1000) / spent);
    if (o.fail && res.status >= 400) {
      meterEnd(0, 0, 0, 0);
      exit = error(22, `The requested URL returned error: ${res.status}`);
      if (o.writeOut) ctx.out(writeOut(o.writeOut, url, result, res, spent, 22));
      continue;
    }
    let text = '';
    if (o.include || o.head) text += responseHead(res);
    text += bodyOut;
    const dest = o.output ?? (o.remoteName ? (url.target.replace(/[?#].*$/, '').split('/').pop() || '') : undefined);
    if (o.remoteName && !dest) { exit = error(23, 'Remote file name has no length'); continue; }
    if (dest !== undefined && dest !== '-') ctx.sh.writeFile(dest, text);
    else ctx.out(text);
    meterEnd(Number(header(res.headers, 'Content-Length') ?? size) || size, size, 0, speed);
    if (o.writeOut) ctx.out(writeOut(o.writeOut, url, result, res, spent, 0));
  }
  void started;
  return exit;
};

/** insecure: undefined when verifying; the CA text (null: none) under -k */
function verbose(ctx: CommandContext, url: ParsedUrl, r: FetchResult, v8: boolean, insecure?: string | null): void {
  const e = (s: string) => ctx.err(s);
  const ip = 'ip' in r ? r.ip : undefined;
  if (r.kind === 'resolve') {
    e(`* Could not resolve host: ${url.host}\n* shutting down connection #0\n`);
    return;
  }
  if (!/^\d+\.\d+\.\d+\.\d+$/.test(url.host) && ip) e(`* Host ${url.host}:${url.port} was resolved.\n* IPv6: (none)\n* IPv4: ${ip}\n`);
  e(`*   Trying ${ip}:${url.port}...\n`);
  if (r.kind === 'refused' || r.kind === 'unreachable' || r.kind === 'timeout') {
    const why = r.kind === 'refused' ? 'Connection refused' : r.kind === 'unreachable' ? 'No route to host' : 'Connection timed out';
    e(`* connect to ${ip} port ${url.port} from ${ctx.sh.podIP} port ${40000 + Math.floor(ctx.sh.view.random() * 20000)} failed: ${why}\n`);
    e(`* Failed to connect to ${url.host} port ${url.port} after 0 ms: Couldn't connect to server\n* Closing connection${v8 ? '' : ' 0'}\n`);
    return;
  }
  e(`* Connected to ${url.host} (${ip}) port ${url.port}${v8 ? '' : ' (#0)'}\n`);
  if (r.kind !== 'response') return;
  if (url.scheme === 'https') e('* ALPN: curl offers h2,http/1.1\n* TLSv1.3 (OUT), TLS handshake, Client hello (1):\n* SSL connection using TLSv1.3 / TLS_AES_128_GCM_SHA256 / x25519 / RSASSA-PSS\n* ALPN: server accepted http/1.1\n');
  if (url.scheme === 'https' && r.peerCert) e(serverCertificateLines(r.peerCert, url.host, insecure, ctx.sh.view.now()));
  if (v8) e('* using HTTP/1.x\n');
  const req = r.request;
  e(`> ${req.method} ${req.target} ${req.version}\r\n`);
  for (const [k, v] of req.headers) e(`> ${k}: ${v}\r\n`);
  e('> \r\n');
  if (v8) e('* Request completely sent off\n');
  const res = r.response;
  e(`< ${res.version} ${res.status} ${res.reason}\r\n`);
  for (const [k, v] of res.headers) e(`< ${k}: ${v}\r\n`);
  e('< \r\n');
  if (req.method !== 'HEAD' && res.body && !ctx.stdoutTty) e(`{ [${byteLength(res.body)} bytes data]\n`);
  e(`* Connection #0 to host ${url.host} left intact\n`);
}

function writeOut(fmt: string, url: ParsedUrl, r: FetchResult, res: HttpResponse | undefined, spentMs: number, exitcode: number): string {
  const secs = (ms: number) => (ms / 1000).toFixed(6);
  const vars: Record<string, string> = {
    http_code: String(res?.status ?? 0).padStart(3, '0'), response_code: String(res?.status ?? 0).padStart(3, '0'),
    remote_ip: 'ip' in r ? r.ip : '', remote_port: 'port' in r ? String(r.port) : '',
    local_ip: r.kind === 'response' ? r.request.remote.ip : '', local_port: r.kind === 'response' ? String(r.request.remote.port) : '',
    time_total: secs(spentMs), time_connect: secs(spentMs / 3), time_namelookup: secs(spentMs / 6), time_starttransfer: secs(spentMs * 0.9), time_appconnect: '0.000000', time_pretransfer: secs(spentMs / 2), time_redirect: '0.000000',
    size_download: String(res ? byteLength(r.kind === 'response' && r.request.method === 'HEAD' ? '' : res.body) : 0), size_header: String(res ? byteLength(responseHead(res)) : 0),
    size_request: r.kind === 'response' ? String(byteLength(`${r.request.method} ${r.request.target} HTTP/1.1\r\n` + r.request.headers.map(([k, v]) => `${k}: ${v}\r\n`).join('') + '\r\n')) : '0',
    size_upload: r.kind === 'response' ? String(byteLength(r.request.body)) : '0',
    content_type: res ? header(res.headers, 'Content-Type') ?? '' : '', url_effective: url.href, url: url.href,
    num_connects: r.kind === 'response' ? '1' : '0', num_redirects: '0', exitcode: String(exitcode), errormsg: '',
    redirect_url: res && res.status >= 300 && res.status < 400 ? header(res.headers, 'Location') ?? '' : '',
    http_version: '1.1', method: r.kind === 'response' ? r.request.method : 'GET', scheme: url.scheme.toUpperCase(),
    speed_download: String(res ? Math.floor((byteLength(res.body) * 1000) / Math.max(1, spentMs)) : 0), speed_upload: '0', ssl_verify_result: '0',
  };
  return fmt.replace(/%\{([a-z_]+)\}|%%|\\n|\\t|\\r|\\\\/g, (m, name: string | undefined) => {
    if (m === '%%') return '%';
    if (m === '\\n') return '\n';
    if (m === '\\t') return '\t';
    if (m === '\\r') return '\r';
    if (m === '\\\\') return '\\';
    if (name?.startsWith('header_json') || name === 'json') return '{}';
    return vars[name!] ?? '';
  });
}

export { parseDuration };

/** curl -v's `Server certificate:` block (OpenSSL backend): subject and issuer with `; `
 *  between the RDNs, the dates as OpenSSL prints them, the name check. */
function serverCertificateLines(pem: string, host: string, insecure: string | null | undefined, now: Date): string {
  const [c] = parseCertificates(pem);
  if (!c) return '';
  const dn = (s: string) => s.split('\n').join('; ');
  const name = checkName(c, host);
  const cn = commonName(c);
  const nameLine = name.ok
    ? ((c.subjectAltName ?? '') ? `*  subjectAltName: host "${host}" matched cert's "${host}"\n` : `*  common name: ${cn} (matched)\n`)
    : '';
  // under -k: what the check would have said (OpenSSL's code), then curl carries on
  let verify = '*  SSL certificate verify ok.\n';
  if (insecure !== undefined) {
    const chk = checkPeer(pem, insecure ?? undefined, host, now);
    const codes: Record<string, number> = { 'self-signed': 18, 'self-signed-in-chain': 19, 'local-issuer': 20, expired: 10, 'not-yet-valid': 9, 'bad-signature': 7 };
    if (!chk.ok && chk.kind === 'chain') verify = `*  SSL certificate verify result: ${chainErrorText(chk.error)} (${codes[chk.error]}), continuing anyway.\n`;
  }
  return `* Server certificate:\n*  subject: ${dn(c.subject)}\n*  start date: ${c.validFrom}\n*  expire date: ${c.validTo}\n${insecure !== undefined ? '' : nameLine}*  issuer: ${dn(c.issuer)}\n${verify}`;
}
