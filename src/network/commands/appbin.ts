// The programs an application image ships besides the shell tools (nginx, httpd, python, node,
// go, redis, psql, mysql, git, ...): they exist (`which` finds them, `exec` starts them) and
// answer what people ask of them in a course - their version, `nginx -t`. Anything else they
// are asked to do is not simulated: they exit 0 without output.
import type { Command, CommandContext } from './types';

function envOf(ctx: CommandContext, name: string): string | undefined {
  return ctx.sh.getVar(name) ?? ctx.sh.image.env.find(([k]) => k === name)?.[1];
}

const versionAsked = (a: string[]) => a.some((x) => x === '--version' || x === '-v' || x === '-V' || x === 'version' || x === '-version');

export const appBinary: Command = (ctx) => {
  const a = ctx.argv.slice(1);
  const img = ctx.sh.image;
  switch (ctx.name) {
    case 'nginx': {
      const v = img.appVersion ?? envOf(ctx, 'NGINX_VERSION') ?? '1.27.4';
      if (a.includes('-v')) { ctx.err(`nginx version: nginx/${v}\n`); return 0; }
      if (a.includes('-V')) { ctx.err(`nginx version: nginx/${v}\nbuilt by gcc 12.2.0 (Debian 12.2.0-14)\nbuilt with OpenSSL 3.0.15 3 Sep 2024\nTLS SNI support enabled\nconfigure arguments: --prefix=/etc/nginx --sbin-path=/usr/sbin/nginx --modules-path=/usr/lib/nginx/modules --conf-path=/etc/nginx/nginx.conf --error-log-path=/var/log/nginx/error.log --http-log-path=/var/log/nginx/access.log --pid-path=/var/run/nginx.pid --lock-path=/var/run/nginx.lock\n`); return 0; }
      if (a.includes('-t') || a.includes('-T')) { ctx.err('nginx: the configuration file /etc/nginx/nginx.conf syntax is ok\nnginx: configuration file /etc/nginx/nginx.conf test is successful\n'); return 0; }
      if (a[0] === '-s') return 0;
      // a second master: the port is taken by the container's own nginx
      ctx.err('nginx: [emerg] bind() to 0.0.0.0:80 failed (98: Address already in use)\n');
      return 1;
    }
    case 'httpd': case 'apachectl': {
      const v = img.appVersion ?? envOf(ctx, 'HTTPD_VERSION') ?? '2.4.63';
      if (a.includes('-v') || a.includes('-V')) { ctx.out(`Server version: Apache/${v} (Unix)\nServer built:   Feb  4 2025 18:52:32\n`); return 0; }
      if (a.includes('-t') || a[0] === 'configtest') { ctx.err('Syntax OK\n'); return 0; }
      return 0;
    }
    case 'python': case 'python3': {
      if (a.includes('--version') || a.includes('-V')) { ctx.out(`Python ${envOf(ctx, 'PYTHON_VERSION') ?? '3.13.2'}\n`); return 0; }
      return 0;
    }
    case 'pip': case 'pip3': {
      if (versionAsked(a)) { ctx.out(`pip 24.3.1 from /usr/local/lib/python3.13/site-packages/pip (python 3.13)\n`); return 0; }
      return 0;
    }
    case 'node': {
      if (versionAsked(a)) { ctx.out(`v${envOf(ctx, 'NODE_VERSION') ?? '22.14.0'}\n`); return 0; }
      return 0;
    }
    case 'npm': if (versionAsked(a)) { ctx.out(envOf(ctx, 'NODE_VERSION')?.startsWith('6.') ? '3.10.3\n' : '10.9.2\n'); } return 0;
    case 'yarn': if (versionAsked(a)) ctx.out(`${envOf(ctx, 'YARN_VERSION') ?? '1.22.22'}\n`); return 0;
    case 'go': {
      if (a[0] === 'version') { ctx.out(`go version go${envOf(ctx, 'GOLANG_VERSION') ?? '1.24.0'} linux/amd64\n`); return 0; }
      return 0;
    }
    case 'redis-server': case 'redis-cli': {
      const v = img.appVersion ?? '7.4.2';
      if (versionAsked(a)) { ctx.out(ctx.name === 'redis-cli' ? `redis-cli ${v}\n` : `Redis server v=${v} sha=00000000:0 malloc=jemalloc-5.3.0 bits=64 build=d6ad1b5e9f1f6b0a\n`); return 0; }
      if (ctx.name === 'redis-cli' && a.map((x) => x.toLowerCase()).includes('ping')) { ctx.out('PONG\n'); return 0; }
      return 0;
    }
    case 'psql': case 'postgres': case 'pg_ctl':
      if (versionAsked(a)) { ctx.out(`${ctx.name === 'psql' ? 'psql' : ctx.name} (PostgreSQL) ${envOf(ctx, 'PG_MAJOR') ?? '17'}.4 (Debian 17.4-1.pgdg120+2)\n`); return 0; }
      return 0;
    case 'mysql': case 'mysqld':
      if (versionAsked(a)) { ctx.out(`${ctx.name === 'mysql' ? 'mysql ' : '/usr/sbin/mysqld'}  Ver 9.2.0 for Linux on x86_64 (MySQL Community Server - GPL)\n`); return 0; }
      return 0;
    case 'git':
      if (versionAsked(a)) { ctx.out(img.family === 'alpine' ? 'git version 2.47.2\n' : 'git version 2.39.5\n'); return 0; }
      return 0;
    case 'gosu':
      if (versionAsked(a)) { ctx.out('1.17 (go1.18.2 on linux/amd64; gc)\n'); return 0; }
      return 0;
    case 'envsubst':
      ctx.out(ctx.stdin.replace(/\$\{?([A-Za-z_][A-Za-z0-9_]*)\}?/g, (_m, n: string) => ctx.sh.getVar(n) ?? ''));
      return 0;
    default:
      if (versionAsked(a)) { ctx.out(`${ctx.name} ${img.tag}\n`); return 0; }
      return 0;
  }
};

/** The names appBinary answers for (the catalogue's application programs). */
export const APP_BINARIES = ['nginx', 'httpd', 'apachectl', 'python', 'python3', 'pip', 'pip3', 'node', 'npm', 'npx', 'yarn', 'go', 'gofmt',
  'redis-server', 'redis-cli', 'psql', 'postgres', 'pg_ctl', 'mysql', 'mysqld', 'git', 'gosu', 'envsubst', 'httpenv', 'agnhost',
  'tcpdump', 'nmap', 'socat', 'iperf', 'iperf3', 'mtr', 'tshark', 'strace', 'vim', 'vi', 'ethtool', 'conntrack', 'iptables', 'ipvsadm',
  'microdnf', 'dpkg', 'inotifywait', 'telnet', 'openssl'];

/** `busybox [APPLET [ARGS]]`: the multi-call binary itself (busybox and alpine images). */
export const busybox: Command = async (ctx) => {
  const a = ctx.argv.slice(1);
  const img = ctx.sh.image;
  const applets = ['[', '[[', 'ash', 'awk', 'base64', 'basename', 'cat', 'cp', 'cut', 'date', 'dirname', 'echo', 'egrep', 'env', 'expr', 'false', 'fgrep',
    'grep', 'head', 'hostname', 'id', 'ifconfig', 'ip', 'ls', 'mkdir', 'mv', 'nc', 'netstat', 'nslookup', 'ping', 'printenv', 'printf', 'ps', 'pwd',
    'rev', 'rm', 'route', 'sed', 'seq', 'sh', 'sleep', 'sort', 'tail', 'tee', 'telnet', 'test', 'timeout', 'touch', 'tr', 'traceroute', 'true',
    'uname', 'uniq', 'wc', 'wget', 'which', 'whoami', 'xargs', 'yes'];
  if (!a.length || a[0] === '--help') {
    const banner = img.busyboxVersion === '1.22.1' ? 'BusyBox v1.22.1 (2014-05-22 23:22:11 UTC) multi-call binary.' : 'BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.';
    const text = `${banner}\nBusyBox is copyrighted by many authors between 1998-2015.\nLicensed under GPLv2. See source distribution for detailed\ncopyright notices.\n\nUsage: busybox [function [arguments]...]\n   or: busybox --list[-full]\n   or: busybox --show SCRIPT\n   or: busybox --install [-s] [DIR]\n   or: function [arguments]...\n\n\tBusyBox is a multi-call binary that combines many common Unix\n\tutilities into a single executable.  Most people will create a\n\tlink to busybox for each function they wish to use and BusyBox\n\twill act like whatever it was invoked as.\n\nCurrently defined functions:\n\t${applets.join(', ')}\n`;
    ctx.out(text);
    return 0;
  }
  if (a[0] === '--list') { ctx.out(applets.join('\n') + '\n'); return 0; }
  if (!applets.includes(a[0])) { ctx.err(`${a[0]}: applet not found\n`); return 127; }
  return ctx.sh.execArgv(a, ctx.stdin, ctx.out, ctx.err);
};
