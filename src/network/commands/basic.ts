// Everyday programs: printenv, env, hostname, cat, ls, id, uname, date, sleep, seq, files.
// Messages follow busybox on busybox/alpine images and GNU coreutils on debian images.
import { columnize } from '../terminal/editor';
import type { Command, CommandContext } from './types';
import { nodePathOf, nodeDirListing } from '../node';
import { longListing } from './lsl';
import { fail } from './types';
import { podHostname } from '../env';
import { CLUSTER_DOMAIN } from '../dns';

const gnu = (ctx: CommandContext) => ctx.sh.image.family === 'debian';

export const printenv: Command = (ctx) => {
  const env = ctx.sh.environ();
  const names = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  if (!names.length) {
    for (const [k, v] of env) ctx.out(`${k}=${v}\n`);
    return 0;
  }
  let st = 0;
  for (const n of names) {
    const e = env.find(([k]) => k === n);
    if (e) ctx.out(e[1] + '\n'); else st = 1;
  }
  return st;
};

export const env: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  let k = 0;
  const extra: [string, string][] = [];
  let clear = false;
  while (k < args.length) {
    const a = args[k];
    if (a === '-i' || a === '-') { clear = true; k++; continue; }
    if (a === '-u') { k += 2; continue; }
    const eq = a.indexOf('=');
    if (eq > 0 && !a.startsWith('-')) { extra.push([a.slice(0, eq), a.slice(eq + 1)]); k++; continue; }
    break;
  }
  if (k >= args.length) {
    const list = clear ? [] : ctx.sh.environ().filter(([n]) => !extra.some(([e]) => e === n));
    for (const [n, v] of [...list, ...extra]) ctx.out(`${n}=${v}\n`);
    return 0;
  }
  const saved = extra.map(([n]) => [n, ctx.sh.getVar(n)] as const);
  for (const [n, v] of extra) ctx.sh.setVar(n, v, true);
  try {
    const st = await ctx.sh.execArgv(args.slice(k), ctx.stdin, ctx.out, ctx.err);
    if (st === 127 && !ctx.sh.has(args[k])) {
      return 127;
    }
    return st;
  } finally {
    for (const [n, v] of saved) if (v !== undefined) ctx.sh.setVar(n, v);
  }
};

export const hostname: Command = (ctx) => {
  const pod = ctx.sh.pod;
  const a = ctx.argv[1];
  if (a === '-i') { ctx.out(`${ctx.sh.podIP}\n`); return 0; }
  if (a === '-I') { ctx.out(`${ctx.sh.podIP} \n`); return 0; }
  if (a === '-f' || a === '--fqdn' || a === '-d') {
    const host = podHostname(pod);
    const fq = pod.spec?.subdomain ? `${host}.${pod.spec.subdomain}.${pod.metadata.namespace}.svc.${CLUSTER_DOMAIN}` : host;
    ctx.out((a === '-d' ? fq.slice(host.length + 1) : fq) + '\n');
    return 0;
  }
  if (a === '-s') { ctx.out(podHostname(pod).split('.')[0] + '\n'); return 0; }
  if (a && !a.startsWith('-')) return fail(ctx, gnu(ctx) ? 'you must be root to change the host name' : 'sethostname: Operation not permitted');
  ctx.out(podHostname(pod) + '\n');
  return 0;
};

export const cat: Command = (ctx) => {
  const files = ctx.argv.slice(1).filter((a) => a === '-' || !a.startsWith('-'));
  if (!files.length) { ctx.out(ctx.stdin); return 0; }
  let st = 0;
  for (const f of files) {
    if (f === '-') { ctx.out(ctx.stdin); continue; }
    const c = ctx.sh.readFile(f);
    if (c === undefined) {
      st = 1;
      if (isDir(ctx, f)) ctx.err(gnu(ctx) ? `cat: ${f}: Is a directory\n` : `cat: read error: Is a directory\n`);
      else ctx.err(gnu(ctx) ? `cat: ${f}: No such file or directory\n` : `cat: can't open '${f}': No such file or directory\n`);
      continue;
    }
    ctx.out(c);
  }
  return st;
};

const DIRS: Record<string, Record<string, string[]>> = {
  busybox: { '/': ['bin', 'dev', 'etc', 'home', 'lib', 'lib64', 'proc', 'root', 'sys', 'tmp', 'usr', 'var'], '/etc': ['group', 'hostname', 'hosts', 'localtime', 'mtab', 'network', 'passwd', 'resolv.conf', 'shadow'] },
  alpine: { '/': ['bin', 'dev', 'etc', 'home', 'lib', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'], '/etc': ['alpine-release', 'apk', 'conf.d', 'crontabs', 'fstab', 'group', 'hostname', 'hosts', 'init.d', 'inittab', 'issue', 'logrotate.d', 'modprobe.d', 'modules', 'modules-load.d', 'motd', 'mtab', 'network', 'nsswitch.conf', 'opt', 'os-release', 'passwd', 'periodic', 'profile', 'profile.d', 'protocols', 'resolv.conf', 'secfixes.d', 'services', 'shadow', 'shells', 'ssl', 'sysctl.conf', 'sysctl.d', 'udhcpc'] },
  debian: { '/': ['bin', 'boot', 'dev', 'etc', 'home', 'lib', 'lib64', 'media', 'mnt', 'opt', 'proc', 'root', 'run', 'sbin', 'srv', 'sys', 'tmp', 'usr', 'var'], '/etc': ['adduser.conf', 'alternatives', 'apt', 'bash.bashrc', 'debian_version', 'default', 'group', 'host.conf', 'hostname', 'hosts', 'issue', 'ld.so.conf', 'login.defs', 'mtab', 'nsswitch.conf', 'os-release', 'passwd', 'profile', 'resolv.conf', 'shadow', 'shells', 'ssl', 'systemd'] },
};

export function isDir(ctx: CommandContext, p: string): boolean {
  const abs = ctx.sh.resolvePath(p);
  const fam = DIRS[ctx.sh.image.family] ?? DIRS.debian;
  if (ctx.sh.mounts?.().isDir(abs)) return true;
  return abs === '/' || abs in fam || (fam['/'] ?? []).includes(abs.slice(1)) || abs === ctx.sh.image.workdir || abs === '/usr/share/nginx/html' || abs === '/usr/local/apache2/htdocs' || abs === '/var/run/secrets/kubernetes.io/serviceaccount';
}

export function listDir(ctx: CommandContext, abs: string): string[] | undefined {
  const fam = DIRS[ctx.sh.image.family] ?? DIRS.debian;
  const extra = new Set<string>();
  for (const f of ctx.sh.listFiles()) {
    const s = String(f);
    if (s.startsWith(abs === '/' ? '/' : abs + '/')) extra.add(s.slice(abs === '/' ? 1 : abs.length + 1).split('/')[0]);
  }
  const onNode = nodePathOf(ctx.sh.pod, ctx.sh.container, abs);
  let base: string[] | undefined = onNode ? nodeDirListing(ctx.sh.view, onNode.node, onNode.path) : undefined;
  if (onNode && !base && onNode.path !== abs) base = fam[onNode.path];
  base ??= fam[abs];
  const vol = ctx.sh.mounts?.().dir(abs);
  if (vol?.own) base = vol.entries;
  else if (vol) for (const n of vol.entries) extra.add(n);
  if (!base) {
    if (abs === '/usr/share/nginx/html' && ctx.sh.image.name === 'nginx') base = ['50x.html', 'index.html'];
    else if (abs === '/usr/local/apache2/htdocs' && ctx.sh.image.name === 'httpd') base = ['index.html'];
    else if (abs === '/usr/local/apache2' && ctx.sh.image.name === 'httpd') base = ['bin', 'build', 'cgi-bin', 'conf', 'error', 'htdocs', 'icons', 'include', 'logs', 'modules'];
    else if (abs === '/var/run/secrets/kubernetes.io/serviceaccount') base = ['ca.crt', 'namespace', 'token'];
    else if (isDir(ctx, abs) || extra.size) base = [];
  }
  if (!base) return undefined;
  return [...new Set([...base, ...extra])].sort();
}

export const ls: Command = (ctx) => {
  const args = ctx.argv.slice(1);
  const long = args.some((a) => /^-[a-zA-Z]*l/.test(a));
  const all = args.some((a) => /^-[a-zA-Z]*a/.test(a));
  const paths = args.filter((a) => !a.startsWith('-'));
  if (!paths.length) paths.push('.');
  let st = 0;
  const outLines: string[] = [];
  for (const p of paths) {
    const abs = ctx.sh.resolvePath(p);
    const entries = listDir(ctx, abs);
    if (entries) {
      if (paths.length > 1) outLines.push(`${p}:`);
      const names = all ? ['.', '..', ...entries] : entries;
      if (long) outLines.push(...longListing(ctx, abs, names, (x) => isDir(ctx, x)));
      else {
        // on a terminal: in columns that fit its width (when the session knows it)
        const size = ctx.stdoutTty ? ctx.sh.terminalSize?.() : undefined;
        outLines.push(size && names.length ? columnize(names, size.columns).replace(/\n$/, '') : ctx.stdoutTty ? names.join('  ') : names.join('\n'));
      }
      continue;
    }
    const f = ctx.sh.readFile(abs);
    if (f !== undefined) { outLines.push(long ? longListing(ctx, abs.replace(/\/[^/]*$/, '') || '/', [abs.split('/').pop()!], (x) => isDir(ctx, x))[1].replace(/ \S+$/, ' ' + p) : p); continue; }
    st = gnu(ctx) ? 2 : 1;
    ctx.err(gnu(ctx) ? `ls: cannot access '${p}': No such file or directory\n` : `ls: ${p}: No such file or directory\n`);
  }
  if (outLines.length) ctx.out(outLines.filter((l) => l !== '').join('\n') + (outLines.some((l) => l !== '') ? '\n' : ''));
  return st;
};

export const id: Command = (ctx) => {
  const f = ctx.sh.image.family;
  const u = ctx.sh.image.user;
  const gname = u.uid === 0 ? 'root' : u.name === 'curl_user' ? 'curl_group' : u.name;
  const groups = u.uid !== 0 ? `${u.gid}(${gname})` : f === 'alpine' ? '0(root),1(bin),2(daemon),3(sys),4(adm),6(disk),10(wheel),11(floppy),20(dialout),26(tape),27(video)' : f === 'busybox' ? '0(root),10(wheel)' : '0(root)';
  const a = ctx.argv[1];
  if (a === '-u') { ctx.out(`${u.uid}\n`); return 0; }
  if (a === '-g') { ctx.out(`${u.gid}\n`); return 0; }
  if (a === '-un' || a === '-nu') { ctx.out(`${u.name}\n`); return 0; }
  ctx.out(`uid=${u.uid}(${u.name}) gid=${u.gid}(${gname}) groups=${groups}\n`);
  return 0;
};

export const whoami: Command = (ctx) => { ctx.out(ctx.sh.image.user.name + '\n'); return 0; };

export const uname: Command = (ctx) => {
  const args = ctx.argv.slice(1).join('');
  const host = podHostname(ctx.sh.pod);
  const rel = '6.8.0-51-generic';
  const ver = '#52-Ubuntu SMP PREEMPT_DYNAMIC Thu Dec  5 13:09:44 UTC 2024';
  if (args.includes('a')) { ctx.out(`Linux ${host} ${rel} ${ver} x86_64 ${gnu(ctx) ? 'GNU/Linux' : 'Linux'}\n`); return 0; }
  const parts: string[] = [];
  if (!args || args.includes('s')) parts.push('Linux');
  if (args.includes('n')) parts.push(host);
  if (args.includes('r')) parts.push(rel);
  if (args.includes('v')) parts.push(ver);
  if (args.includes('m') || args.includes('p') || args.includes('i')) parts.push('x86_64');
  if (args.includes('o')) parts.push(gnu(ctx) ? 'GNU/Linux' : 'Linux');
  ctx.out(parts.join(' ') + '\n');
  return 0;
};

const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const p2 = (n: number) => String(n).padStart(2, '0');

export function strftime(d: Date, fmt: string): string {
  return fmt.replace(/%([a-zA-Z%])/g, (_, c: string) => {
    switch (c) {
      case 'Y': return String(d.getUTCFullYear());
      case 'm': return p2(d.getUTCMonth() + 1);
      case 'd': return p2(d.getUTCDate());
      case 'e': return String(d.getUTCDate()).padStart(2, ' ');
      case 'H': return p2(d.getUTCHours());
      case 'M': return p2(d.getUTCMinutes());
      case 'S': return p2(d.getUTCSeconds());
      case 's': return String(Math.floor(d.getTime() / 1000));
      case 'T': return `${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())}`;
      case 'F': return `${d.getUTCFullYear()}-${p2(d.getUTCMonth() + 1)}-${p2(d.getUTCDate())}`;
      case 'a': return DAYS[d.getUTCDay()];
      case 'b': return MONTHS[d.getUTCMonth()];
      case 'Z': return 'UTC';
      case 'z': return '+0000';
      case 'N': return String(d.getUTCMilliseconds() * 1000000).padStart(9, '0');
      case '%': return '%';
      default: return '%' + c;
    }
  });
}

export const date: Command = (ctx) => {
  const d = ctx.sh.view.now();
  const fmt = ctx.argv.slice(1).find((a) => a.startsWith('+'));
  if (ctx.argv.includes('-u') && !fmt) { ctx.out(strftime(d, '%a %b %e %T UTC %Y') + '\n'); return 0; }
  if (fmt) { ctx.out(strftime(d, fmt.slice(1)) + '\n'); return 0; }
  if (ctx.argv.includes('-I')) { ctx.out(strftime(d, '%F') + '\n'); return 0; }
  ctx.out(strftime(d, '%a %b %e %T UTC %Y') + '\n');
  return 0;
};

/** sleep 1, sleep 0.5, sleep 1m, sleep infinity */
export function parseDuration(s: string): number | undefined {
  if (s === 'infinity') return Infinity;
  const m = /^(\d+(?:\.\d*)?|\.\d+)([smhd]?)$/.exec(s);
  if (!m) return undefined;
  return Number(m[1]) * ({ '': 1, s: 1, m: 60, h: 3600, d: 86400 } as Record<string, number>)[m[2]] * 1000;
}

export const sleep: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  if (!args.length) {
    if (gnu(ctx)) { ctx.err("sleep: missing operand\nTry 'sleep --help' for more information.\n"); return 1; }
    ctx.err('BusyBox v' + ctx.sh.image.busyboxVersion + ' (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: sleep [N]...\n\nPause for a time equal to the total of the args given, where each arg can\nhave an optional suffix of (s)econds, (m)inutes, (h)ours, or (d)ays\n');
    return 1;
  }
  let ms = 0;
  for (const a of args) {
    const v = parseDuration(a);
    if (v === undefined) return fail(ctx, gnu(ctx) ? `invalid time interval '${a}'\nTry 'sleep --help' for more information.` : `invalid number '${a}'`);
    ms += v;
  }
  await ctx.sh.sleep(ms);
  return 0;
};

export const seq: Command = (ctx) => {
  const a = ctx.argv.slice(1).filter((x) => !/^-[a-z]/.test(x)).map(Number);
  let first = 1, inc = 1, last = 0;
  if (a.length === 1) last = a[0];
  else if (a.length === 2) { first = a[0]; last = a[1]; }
  else if (a.length >= 3) { first = a[0]; inc = a[1]; last = a[2]; }
  else return fail(ctx, 'missing operand');
  if (a.some((x) => Number.isNaN(x))) return fail(ctx, `invalid floating point argument: '${ctx.argv.find((x, i) => i > 0 && Number.isNaN(Number(x)))}'`);
  const out: string[] = [];
  for (let v = first, n = 0; inc > 0 ? v <= last : v >= last; v += inc, n++) { if (n > 100000 || inc === 0) break; out.push(String(v)); }
  if (out.length) ctx.out(out.join('\n') + '\n');
  return 0;
};

export const touch: Command = (ctx) => {
  for (const f of ctx.argv.slice(1).filter((x) => !x.startsWith('-'))) if (ctx.sh.readFile(f) === undefined) ctx.sh.writeFile(f, '');
  return 0;
};
export const mkdir: Command = () => 0;
export const rm: Command = (ctx) => {
  const force = ctx.argv.some((a) => /^-[a-zA-Z]*f/.test(a));
  let st = 0;
  for (const f of ctx.argv.slice(1).filter((x) => !x.startsWith('-'))) {
    if (!ctx.sh.removeFile(f) && !force) { st = 1; ctx.err(gnu(ctx) ? `rm: cannot remove '${f}': No such file or directory\n` : `rm: can't remove '${f}': No such file or directory\n`); }
  }
  return st;
};
export const cp: Command = (ctx) => {
  const [src, dst] = ctx.argv.slice(1).filter((x) => !x.startsWith('-'));
  const c = src !== undefined ? ctx.sh.readFile(src) : undefined;
  if (c === undefined || dst === undefined) return fail(ctx, gnu(ctx) ? `cannot stat '${src}': No such file or directory` : `can't stat '${src}': No such file or directory`);
  ctx.sh.writeFile(dst, c);
  return 0;
};
export const mv: Command = async (ctx) => {
  const st = await cp(ctx);
  if (st === 0) ctx.sh.removeFile(ctx.argv.slice(1).filter((x) => !x.startsWith('-'))[0]);
  return st;
};
export const basename: Command = (ctx) => {
  const [p, suf] = ctx.argv.slice(1);
  if (p === undefined) return fail(ctx, 'missing operand');
  let b = p.replace(/\/+$/, '').split('/').pop() || '/';
  if (suf && b.endsWith(suf) && b !== suf) b = b.slice(0, -suf.length);
  ctx.out(b + '\n');
  return 0;
};
export const dirname: Command = (ctx) => {
  const p = ctx.argv[1];
  if (p === undefined) return fail(ctx, 'missing operand');
  const t = p.replace(/\/+$/, '');
  const i = t.lastIndexOf('/');
  ctx.out((i < 0 ? '.' : i === 0 ? '/' : t.slice(0, i)) + '\n');
  return 0;
};

export const ps: Command = (ctx) => {
  const c = ctx.sh.container ?? {};
  const main = [...(c.command ?? []), ...(c.args ?? [])].join(' ') || defaultCmd(ctx);
  const user = ctx.sh.image.user.name;
  const rows: [number, string][] = [[1, main], ...ctx.sh.processes().map((p): [number, string] => [p.pid, p.cmd]), [ctx.pid ?? 1, ctx.argv.join(' ')]];
  if (ctx.sh.image.family === 'debian') {
    // procps: ps with no options shows the processes of this terminal
    ctx.out('    PID TTY          TIME CMD\n');
    for (const [pid, cmd] of rows.slice(1)) ctx.out(`${String(pid).padStart(7)} ${ctx.stdoutTty ? 'pts/0   ' : '?       '} 00:00:00 ${cmd.split(' ')[0].split('/').pop()}\n`);
    return 0;
  }
  ctx.out('PID   USER     TIME  COMMAND\n');
  for (const [pid, cmd] of rows) ctx.out(`${String(pid).padStart(5)} ${user.padEnd(8).slice(0, 8)}  0:00 ${cmd}\n`);
  return 0;
};

function defaultCmd(ctx: CommandContext): string {
  const n = ctx.sh.image.name;
  if (n === 'busybox' || n === 'alpine') return 'sh';
  if (n === 'httpenv') return '/httpenv';
  if (n === 'nginx') return 'nginx: master process nginx -g daemon off;';
  if (n === 'httpd') return 'httpd -DFOREGROUND';
  if (n === 'redis') return 'redis-server *:6379';
  if (n === 'netshoot') return 'zsh';
  return n;
}

export const which: Command = (ctx) => {
  let st = 0;
  for (const n of ctx.argv.slice(1).filter((x) => !x.startsWith('-'))) {
    const p = ctx.sh.commandPath(n);
    if (p) ctx.out(p + '\n'); else st = 1;
  }
  return st;
};

export const clear: Command = (ctx) => { ctx.out('\x1b[H\x1b[2J\x1b[3J'); return 0; };

export const expr: Command = (ctx) => {
  const a = ctx.argv.slice(1);
  const evalTokens = (t: string[]): string => {
    for (const ops of [['|'], ['&'], ['=', '!=', '<', '<=', '>', '>='], ['+', '-'], ['*', '/', '%']]) {
      for (let i = t.length - 2; i >= 1; i--) {
        if (!ops.includes(t[i])) continue;
        const l = evalTokens(t.slice(0, i)), r = evalTokens(t.slice(i + 1));
        const nl = Number(l), nr = Number(r), num = !Number.isNaN(nl) && !Number.isNaN(nr) && l !== '' && r !== '';
        switch (t[i]) {
          case '|': return l !== '' && l !== '0' ? l : r;
          case '&': return l !== '' && l !== '0' && r !== '' && r !== '0' ? l : '0';
          case '=': return String(+(num ? nl === nr : l === r));
          case '!=': return String(+(num ? nl !== nr : l !== r));
          case '<': return String(+(num ? nl < nr : l < r));
          case '<=': return String(+(num ? nl <= nr : l <= r));
          case '>': return String(+(num ? nl > nr : l > r));
          case '>=': return String(+(num ? nl >= nr : l >= r));
          case '+': return String(nl + nr);
          case '-': return String(nl - nr);
          case '*': return String(nl * nr);
          case '/': return String(Math.trunc(nl / nr));
          case '%': return String(nl % nr);
        }
      }
    }
    if (t[0] === 'length' && t.length === 2) return String(t[1].length);
    return t.join(' ');
  };
  const v = evalTokens(a);
  ctx.out(v + '\n');
  return v === '' || v === '0' ? 1 : 0;
};

export const xargs: Command = async (ctx) => {
  const args = ctx.argv.slice(1);
  let n = Infinity;
  let k = 0;
  while (k < args.length && args[k].startsWith('-')) { if (args[k] === '-n') { n = Number(args[k + 1]); k += 2; } else k++; }
  const cmd = args.slice(k).length ? args.slice(k) : ['echo'];
  const words = ctx.stdin.split(/\s+/).filter(Boolean);
  let st = 0;
  if (!words.length) return ctx.sh.execArgv(cmd, '', ctx.out, ctx.err);
  for (let i = 0; i < words.length; i += n === Infinity ? words.length : n) {
    const r = await ctx.sh.execArgv([...cmd, ...words.slice(i, n === Infinity ? undefined : i + n)], '', ctx.out, ctx.err);
    if (r !== 0) st = 123;
  }
  return st;
};

export const timeout: Command = async (ctx) => {
  const args = ctx.argv.slice(1).filter((a) => !a.startsWith('-'));
  if (args.length < 2) return fail(ctx, 'missing operand');
  return ctx.sh.execArgv(args.slice(1), ctx.stdin, ctx.out, ctx.err);
};

export const yes: Command = (ctx) => { const w = ctx.argv.slice(1).join(' ') || 'y'; ctx.out((w + '\n').repeat(1000)); return 0; };

export const rev: Command = (ctx) => { ctx.out(ctx.stdin.split('\n').map((l) => [...l].reverse().join('')).join('\n')); return 0; };

export const base64: Command = (ctx) => {
  const decode = ctx.argv.includes('-d') || ctx.argv.includes('--decode');
  const file = ctx.argv.slice(1).find((a) => !a.startsWith('-'));
  const input = file ? ctx.sh.readFile(file) : ctx.stdin;
  if (input === undefined) return fail(ctx, `${file}: No such file or directory`);
  if (decode) { ctx.out(Buffer.from(input, 'base64').toString('utf8')); return 0; }
  const enc = Buffer.from(input, 'utf8').toString('base64');
  ctx.out((enc.match(/.{1,76}/g) ?? ['']).join('\n') + '\n');
  return 0;
};
