// Package managers: apk (alpine) and apt-get / apt (debian). They print what a real install
// prints and install: the packages' programs are on the PATH afterwards, for the container's
// life (Session.install; the layer is kept by the data plane host). apt-get needs the package
// lists first (`apt-get update`), as in the Debian and Ubuntu images, which ship without them.
import type { Command, CommandContext } from './types';

const alpineMirror = (ctx: CommandContext) => `https://dl-cdn.alpinelinux.org/alpine/v${(ctx.sh.image.alpineRelease ?? '3.21.3').split('.').slice(0, 2).join('.')}`;

const APK_DEPS: Record<string, [string, string][]> = {
  curl: [['brotli-libs', '1.1.0-r2'], ['c-ares', '1.34.5-r0'], ['libunistring', '1.2-r0'], ['libidn2', '2.3.7-r0'], ['nghttp2-libs', '1.64.0-r0'], ['libpsl', '0.21.5-r3'], ['zstd-libs', '1.5.6-r2'], ['libcurl', '8.12.1-r1'], ['curl', '8.12.1-r1']],
  'bind-tools': [['fstrm', '0.6.1-r4'], ['krb5-conf', '1.0-r2'], ['libcom_err', '1.47.1-r1'], ['keyutils-libs', '1.6.3-r4'], ['libverto', '0.3.2-r2'], ['krb5-libs', '1.21.3-r0'], ['json-c', '0.18-r0'], ['nghttp2-libs', '1.64.0-r0'], ['protobuf-c', '1.5.0-r2'], ['libuv', '1.49.2-r0'], ['xz-libs', '5.6.3-r0'], ['libxml2', '2.13.4-r5'], ['bind-libs', '9.18.33-r0'], ['bind-tools', '9.18.33-r0']],
  jq: [['oniguruma', '6.9.9-r0'], ['jq', '1.7.1-r0']],
  bash: [['readline', '8.2.13-r0'], ['bash', '5.2.37-r0']],
  wget: [['libunistring', '1.2-r0'], ['libidn2', '2.3.7-r0'], ['pcre2', '10.43-r0'], ['wget', '1.25.0-r0']],
  'busybox-extras': [['busybox-extras', '1.37.0-r12']],
  'netcat-openbsd': [['libbsd', '0.12.2-r0'], ['netcat-openbsd', '1.226.1.1-r0']],
  iputils: [['libcap2', '2.71-r0'], ['iputils-arping', '20240905-r0'], ['iputils-clockdiff', '20240905-r0'], ['iputils-ping', '20240905-r0'], ['iputils-tracepath', '20240905-r0'], ['iputils', '20240905-r0']],
  vim: [['xxd', '9.1.1105-r0'], ['lua5.4-libs', '5.4.7-r0'], ['vim', '9.1.1105-r0']],
  git: [['brotli-libs', '1.1.0-r2'], ['c-ares', '1.34.5-r0'], ['libunistring', '1.2-r0'], ['libidn2', '2.3.7-r0'], ['nghttp2-libs', '1.64.0-r0'], ['libpsl', '0.21.5-r3'], ['zstd-libs', '1.5.6-r2'], ['libcurl', '8.12.1-r1'], ['libexpat', '2.7.0-r0'], ['pcre2', '10.43-r0'], ['git', '2.47.2-r0']],
  tcpdump: [['libpcap', '1.10.5-r0'], ['tcpdump', '4.99.5-r0']],
  nmap: [['libgcc', '14.2.0-r4'], ['libstdc++', '14.2.0-r4'], ['libpcap', '1.10.5-r0'], ['lua5.4-libs', '5.4.7-r0'], ['libssh2', '1.11.1-r0'], ['nmap', '7.95-r1']],
};
const APK_BASE = new Set(['busybox', 'musl', 'alpine-baselayout', 'alpine-keys', 'apk-tools', 'libcrypto3', 'libssl3', 'ca-certificates-bundle', 'ssl_client', 'zlib', 'scanelf', 'musl-utils', 'libc-utils']);

export const apk: Command = (ctx) => {
  const ALPINE_MIRROR = alpineMirror(ctx);
  const [sub, ...rest] = ctx.argv.slice(1).filter((a) => !/^-(-no-cache|-update|U|q|-quiet|-virtual)$/.test(a));
  const quiet = ctx.argv.includes('-q') || ctx.argv.includes('--quiet');
  const noCache = ctx.argv.includes('--no-cache') || ctx.argv.includes('--update') || ctx.argv.includes('-U');
  const say = (s: string) => { if (!quiet) ctx.out(s); };
  const fetch = () => { say(`fetch ${ALPINE_MIRROR}/main/x86_64/APKINDEX.tar.gz\nfetch ${ALPINE_MIRROR}/community/x86_64/APKINDEX.tar.gz\n`); };
  if (ctx.sh.image.user.uid !== 0 && ['add', 'del', 'update', 'upgrade', 'fix'].includes(sub ?? '')) {
    ctx.err('ERROR: Unable to lock database: Permission denied\nERROR: Failed to open apk database: Permission denied\n');
    return 99;
  }
  switch (sub) {
    case 'update':
      fetch();
      say(`v3.21.3-236-g4ea2d9e7a5e [${ALPINE_MIRROR}/main]\nv3.21.3-235-g0ae1e1f5e5f [${ALPINE_MIRROR}/community]\nOK: 25364 distinct packages available\n`);
      return 0;
    case 'add': {
      const pkgs = rest.filter((p) => !p.startsWith('-'));
      if (!pkgs.length) return 0;
      const bad = pkgs.filter((p) => !/^[a-z0-9][a-z0-9+._-]*(=[\w.~-]+)?$/.test(p));
      fetch();
      if (bad.length) {
        ctx.err(`ERROR: unable to select packages:\n${bad.map((p) => `  ${p} (no such package):\n    required by: world[${p}]\n`).join('')}`);
        return bad.length;
      }
      const steps: [string, string][] = [];
      const names = pkgs.map((x) => x.split('=')[0]);
      const have = new Set([...ctx.sh.image.pkgs, ...ctx.sh.layer.pkgs]);
      for (const p of names) {
        if (APK_BASE.has(p) || have.has(p)) continue;
        for (const d of APK_DEPS[p] ?? [[p, '1.0.0-r0']]) if (!steps.some(([n]) => n === d[0])) steps.push(d as [string, string]);
      }
      steps.forEach(([n, v], i) => say(`(${i + 1}/${steps.length}) Installing ${n} (${v})\n`));
      if (steps.some(([n]) => n === 'bash')) say('Executing bash-5.2.37-r0.post-install\n');
      if (steps.length) say('Executing busybox-1.37.0-r12.trigger\n');
      const total = 15 + ctx.sh.layer.pkgs.length * 3 + steps.length;
      say(`OK: ${12 + Math.round(total / 3)} MiB in ${total} packages\n`);
      ctx.sh.install([...steps.map(([n]) => n), ...names.filter((n) => !APK_BASE.has(n))]);
      void noCache;
      return 0;
    }
    case 'del':
      say(`OK: 12 MiB in 15 packages\n`);
      return 0;
    case 'info': case 'list':
      for (const p of ['alpine-baselayout', 'alpine-keys', 'apk-tools', 'busybox', 'ca-certificates-bundle', 'libcrypto3', 'libssl3', 'musl', 'musl-utils', 'scanelf', 'ssl_client', 'zlib']) ctx.out(p + '\n');
      return 0;
    default:
      ctx.err(`apk-tools 2.14.6, compiled for x86_64.\n\nusage: apk [<OPTIONS>...] COMMAND [<ARGUMENTS>...]\n`);
      return 1;
  }
};

const DEB_PKGS: Record<string, { v: string; deps: [string, string][]; kB: number }> = {
  curl: { v: '7.88.1-10+deb12u12', deps: [['libcurl4', '7.88.1-10+deb12u12'], ['libnghttp2-14', '1.52.0-1+deb12u2'], ['librtmp1', '2.4+20151223.gitfa8646d.1-2+b2'], ['libssh2-1', '1.10.0-3+b1']], kB: 1060 },
  dnsutils: { v: '1:9.18.33-1~deb12u2', deps: [['bind9-dnsutils', '1:9.18.33-1~deb12u2'], ['bind9-host', '1:9.18.33-1~deb12u2'], ['bind9-libs', '1:9.18.33-1~deb12u2'], ['libfstrm0', '0.6.1-1'], ['libjson-c5', '0.16-2'], ['liblmdb0', '0.9.24-1'], ['libmaxminddb0', '1.7.1-1'], ['libprotobuf-c1', '1.4.1-1+b1'], ['libuv1', '1.44.2-1']], kB: 3210 },
  'iputils-ping': { v: '3:20221126-1+deb12u1', deps: [['libcap2-bin', '1:2.66-4']], kB: 144 },
  jq: { v: '1.6-2.1', deps: [['libjq1', '1.6-2.1'], ['libonig5', '6.9.8-1']], kB: 380 },
  wget: { v: '1.21.3-1+b2', deps: [['libpsl5', '0.21.2-1'], ['publicsuffix', '20230209.2326-1']], kB: 1020 },
  'netcat-openbsd': { v: '1.219-1', deps: [['libbsd0', '0.11.7-2']], kB: 110 },
  procps: { v: '2:4.0.2-3', deps: [['libproc2-0', '2:4.0.2-3'], ['libgpm2', '1.20.7-10+b1'], ['libncursesw6', '6.4-4'], ['psmisc', '23.6-1']], kB: 1190 },
  'net-tools': { v: '2.10-0.1', deps: [], kB: 243 },
  iproute2: { v: '6.1.0-3', deps: [['libbpf1', '1:1.1.0-1'], ['libcap2-bin', '1:2.66-4'], ['libelf1', '0.188-2.1'], ['libmnl0', '1.0.4-3'], ['libxtables12', '1.8.9-2']], kB: 1040 },
  vim: { v: '2:9.0.1378-2+deb12u2', deps: [['vim-common', '2:9.0.1378-2+deb12u2'], ['vim-runtime', '2:9.0.1378-2+deb12u2'], ['libgpm2', '1.20.7-10+b1'], ['libsodium23', '1.0.18-1']], kB: 8860 },
};

export const aptGet: Command = (ctx) => {
  const args = ctx.argv.slice(1);
  const yes = args.some((a) => a === '-y' || a === '--yes' || a === '--assume-yes' || a === '-qq' || /^-[a-z]*y/.test(a));
  const quiet = args.some((a) => a === '-q' || a === '-qq');
  const words = args.filter((a) => !a.startsWith('-'));
  const sub = words[0];
  const apt = ctx.name === 'apt';
  if (apt) ctx.err('\nWARNING: apt does not have a stable CLI interface. Use with caution in scripts.\n\n');
  const say = (s: string) => { if (!quiet) ctx.out(s); };
  const reading = (ctx.stdoutTty ? 'Reading package lists... Done\nBuilding dependency tree... Done\nReading state information... Done\n' : 'Reading package lists...\nBuilding dependency tree...\nReading state information...\n');
  if (ctx.sh.image.user.uid !== 0 && ['update', 'install', 'remove', 'purge', 'upgrade'].includes(sub ?? '')) {
    ctx.err(sub === 'update'
      ? 'Reading package lists...\nE: List directory /var/lib/apt/lists/partial is missing. - Acquire (13: Permission denied)\n'
      : 'E: Could not open lock file /var/lib/dpkg/lock-frontend - open (13: Permission denied)\nE: Unable to acquire the dpkg frontend lock (/var/lib/dpkg/lock-frontend), are you root?\n');
    return 100;
  }
  const ubuntu = ctx.sh.image.base === 'ubuntu';
  switch (sub) {
    case 'update':
      ctx.sh.layer.aptLists = true;
      ctx.sh.layer.dirty = true;
      if (ubuntu) {
        say('Get:1 http://archive.ubuntu.com/ubuntu noble InRelease [256 kB]\nGet:2 http://security.ubuntu.com/ubuntu noble-security InRelease [126 kB]\nGet:3 http://archive.ubuntu.com/ubuntu noble-updates InRelease [126 kB]\nGet:4 http://archive.ubuntu.com/ubuntu noble-backports InRelease [126 kB]\nGet:5 http://archive.ubuntu.com/ubuntu noble/main amd64 Packages [1808 kB]\nGet:6 http://archive.ubuntu.com/ubuntu noble/universe amd64 Packages [19.3 MB]\nGet:7 http://security.ubuntu.com/ubuntu noble-security/main amd64 Packages [979 kB]\nFetched 22.7 MB in 2s (10.1 MB/s)\nReading package lists...' + (ctx.stdoutTty ? ' Done' : '') + '\n');
        if (apt) say('Building dependency tree... Done\nReading state information... Done\nAll packages are up to date.\n');
        return 0;
      }
      say('Get:1 http://deb.debian.org/debian bookworm InRelease [151 kB]\nGet:2 http://deb.debian.org/debian bookworm-updates InRelease [55.4 kB]\nGet:3 http://deb.debian.org/debian-security bookworm-security InRelease [48.0 kB]\nGet:4 http://deb.debian.org/debian bookworm/main amd64 Packages [8792 kB]\nGet:5 http://deb.debian.org/debian bookworm-updates/main amd64 Packages [512 B]\nGet:6 http://deb.debian.org/debian-security bookworm-security/main amd64 Packages [255 kB]\nFetched 9302 kB in 1s (7143 kB/s)\nReading package lists...' + (ctx.stdoutTty ? ' Done' : '') + '\n');
      if (apt) say('Building dependency tree...\nReading state information...\nAll packages are up to date.\n');
      return 0;
    case 'install': {
      const pkgs = words.slice(1);
      say(reading);
      const have = new Set([...ctx.sh.image.pkgs, ...ctx.sh.layer.pkgs]);
      // without `apt-get update` only what is installed is known (the images ship no lists)
      const unknown = pkgs.filter((p) => !have.has(p) && (!ctx.sh.layer.aptLists || (!DEB_PKGS[p] && !/^[a-z0-9][a-z0-9+.-]+$/.test(p))));
      if (unknown.length) { ctx.err(`E: Unable to locate package ${unknown[0]}\n`); return 100; }
      const already = pkgs.filter((p) => have.has(p));
      for (const p of already) say(`${p} is already the newest version (${DEB_PKGS[p].v}).\n`);
      const todo = pkgs.filter((p) => !already.includes(p));
      if (!todo.length) { say('0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n'); return 0; }
      const deps: [string, string][] = [];
      for (const p of todo) for (const d of DEB_PKGS[p]?.deps ?? []) if (!deps.some(([n]) => n === d[0])) deps.push(d);
      const all: [string, string][] = [...deps, ...todo.map((p) => [p, DEB_PKGS[p]?.v ?? '1.0-1'] as [string, string])];
      const kB = todo.reduce((n, p) => n + (DEB_PKGS[p]?.kB ?? 200), 0);
      if (deps.length) say(`The following additional packages will be installed:\n  ${deps.map(([n]) => n).join(' ')}\n`);
      say(`The following NEW packages will be installed:\n  ${all.map(([n]) => n).sort().join(' ')}\n`);
      say(`0 upgraded, ${all.length} newly installed, 0 to remove and 0 not upgraded.\nNeed to get ${kB.toLocaleString('en-US')} kB of archives.\nAfter this operation, ${(kB * 3).toLocaleString('en-US')} kB of additional disk space will be used.\n`);
      if (!yes) {
        say('Do you want to continue? [Y/n] ');
        const answer = ctx.stdin.split('\n')[0].trim().toLowerCase();
        if (!ctx.stdin || (answer !== '' && answer !== 'y' && answer !== 'yes')) { say('Abort.\n'); return 1; }
      }
      all.forEach(([n, v], i) => say(`Get:${i + 1} http://deb.debian.org/debian bookworm/main amd64 ${n} amd64 ${v} [${Math.max(20, Math.floor(kB / all.length))} kB]\n`));
      say(`debconf: delaying package configuration, since apt-utils is not installed\nFetched ${kB.toLocaleString('en-US')} kB in 0s (${(kB / 100).toFixed(1)} MB/s)\n`);
      for (const [n, v] of all) say(`Selecting previously unselected package ${n}:amd64.\n(Reading database ... 7582 files and directories currently installed.)\nPreparing to unpack .../${n}_${v.replace(/^\d+:/, '')}_amd64.deb ...\nUnpacking ${n}:amd64 (${v}) ...\n`);
      for (const [n, v] of all) say(`Setting up ${n}:amd64 (${v}) ...\n`);
      say('Processing triggers for libc-bin (2.36-9+deb12u10) ...\n');
      ctx.sh.install(all.map(([n]) => n));
      return 0;
    }
    case 'remove': case 'purge':
      say(reading + '0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
      return 0;
    case 'upgrade':
      say(reading + 'Calculating upgrade...\n0 upgraded, 0 newly installed, 0 to remove and 0 not upgraded.\n');
      return 0;
    default:
      ctx.err(apt ? 'apt 2.6.1 (amd64)\nUsage: apt [options] command\n' : 'E: Invalid operation ' + (sub ?? '') + '\n');
      return sub ? 100 : 1;
  }
};

export function pkgFor(ctx: CommandContext): string | undefined { return ctx.sh.image.pkg; }
