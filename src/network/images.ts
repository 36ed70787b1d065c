// What an image looks like from inside: its OS family, the programs on its PATH, the image ENV,
// the user and working directory, and which flavour of nslookup/ping/wget it ships. The images
// the courses use are catalogued (image-catalog.ts: what their Dockerfiles install); any other
// image gets a plausible minimal profile guessed from its name and tag (alpine in the tag:
// Alpine; busybox: BusyBox; known single-binary images: nothing to exec; else Debian slim).
//
// Families decide the shell and the tools' dialects: busybox and alpine (busybox ash and
// applets), debian (Debian/Ubuntu and other glibc distributions: GNU coreutils, bash, dash as sh
// on Debian/Ubuntu), scratch (one static binary).
import type { EnvList } from './env';
import { CATALOG, CatalogEntry, Base, BUSYBOX_APPLETS, DEBIAN_BASE, SCRATCH_NAMES } from './image-catalog';
import { imageKeys, imageSize } from '../api/image-sizes';

export type Family = 'busybox' | 'alpine' | 'debian' | 'scratch';

export interface ImageUser { name: string; uid: number; gid: number; home: string }

export interface ImageProfile {
  image: string;
  /** last path component of the repository: nginx, whoami, httpenv, netshoot, hello-app ... */
  name: string;
  /** repository path without registry (library/ stripped): jpetazzo/httpenv, nginx */
  repo: string;
  tag: string;
  family: Family;
  /** what FROM gave (image-catalog.ts Base) */
  base: Base;
  /** the image is in the catalogue (false: a guessed minimal profile) */
  catalogued: boolean;
  env: EnvList;
  workdir: string;
  home: string;
  user: ImageUser;
  tools: Set<string>;
  /** what /bin/sh is: busybox ash, dash (Debian/Ubuntu), bash (Oracle Linux, ...) */
  sh: 'ash' | 'dash' | 'bash';
  /** the shell a person would start (bash where the image has it and it is the habit) */
  shell: string;
  nslookup: 'busybox' | 'busybox-legacy' | 'bind';
  ping: 'busybox' | 'iputils';
  wget: 'busybox' | 'gnu';
  curlVersion: string;
  bashVersion: string;
  busyboxVersion: string;
  pkg?: 'apk' | 'apt';
  /** packages the image has installed (beyond the base system) */
  pkgs: string[];
  osRelease?: string;
  /** /etc/alpine-release, /etc/debian_version */
  alpineRelease?: string;
  debianVersion?: string;
  /** the version an app image reports (nginx/1.27.4, Apache/2.4.63 ...) */
  appVersion?: string;
  /** compressed size as the Pulled event prints it */
  size: number;
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

function osAlpine(v: string): string {
  return `NAME="Alpine Linux"
ID=alpine
VERSION_ID=${v}
PRETTY_NAME="Alpine Linux v${v.split('.').slice(0, 2).join('.')}"
HOME_URL="https://alpinelinux.org/"
BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
`;
}
function osDebian(v: string, codename: string): string {
  return `PRETTY_NAME="Debian GNU/Linux ${v} (${codename})"
NAME="Debian GNU/Linux"
VERSION_ID="${v}"
VERSION="${v} (${codename})"
VERSION_CODENAME=${codename}
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;
}
function osUbuntu(v: string, full: string, codename: string, Name: string): string {
  return `PRETTY_NAME="Ubuntu ${full} LTS"
NAME="Ubuntu"
VERSION_ID="${v}"
VERSION="${full} LTS (${Name})"
VERSION_CODENAME=${codename}
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=${codename}
LOGO=ubuntu-logo
`;
}
const OS_ORACLE = `NAME="Oracle Linux Server"
VERSION="9.5"
ID="ol"
ID_LIKE="fedora"
VARIANT="Server"
VARIANT_ID="server"
VERSION_ID="9.5"
PLATFORM_ID="platform:el9"
PRETTY_NAME="Oracle Linux Server 9.5"
ANSI_COLOR="0;31"
CPE_NAME="cpe:/o:oracle:linux:9:5:server"
HOME_URL="https://linux.oracle.com/"
BUG_REPORT_URL="https://github.com/oracle/oracle-linux"
`;

/** Alpine releases by tag (alpine:3.NN, *-alpine3.NN): the point release the tag pointed at. */
const ALPINE_RELEASES: Record<string, string> = { '3.16': '3.16.9', '3.17': '3.17.10', '3.18': '3.18.12', '3.19': '3.19.7', '3.20': '3.20.6', '3.21': '3.21.3' };
const UBUNTU_RELEASES: Record<string, [string, string, string, string]> = {
  '20.04': ['20.04', '20.04.6', 'focal', 'Focal Fossa'], focal: ['20.04', '20.04.6', 'focal', 'Focal Fossa'],
  '22.04': ['22.04', '22.04.5', 'jammy', 'Jammy Jellyfish'], jammy: ['22.04', '22.04.5', 'jammy', 'Jammy Jellyfish'],
  '24.04': ['24.04', '24.04.2', 'noble', 'Noble Numbat'], noble: ['24.04', '24.04.2', 'noble', 'Noble Numbat'],
};
const DEBIAN_RELEASES: Record<string, [string, string, string]> = {
  '11': ['11', 'bullseye', '11.11'], bullseye: ['11', 'bullseye', '11.11'],
  '12': ['12', 'bookworm', '12.9'], bookworm: ['12', 'bookworm', '12.9'],
};

const NGINX_VERSIONS: Record<string, string> = {
  '1.14': '1.14.2', '1.16': '1.16.1', '1.17': '1.17.10', '1.19': '1.19.10', '1.21': '1.21.6', '1.23': '1.23.4',
  '1.24': '1.24.0', '1.25': '1.25.5', '1.26': '1.26.3', '1.27': '1.27.4', stable: '1.26.3', mainline: '1.27.4',
};

/** Split an image reference: registry, repository path, tag. */
export function parseImageRef(image: string): { registry: string; repo: string; name: string; tag: string } {
  let ref = image.trim();
  let digest = '';
  const at = ref.indexOf('@');
  if (at >= 0) { digest = ref.slice(at + 1); ref = ref.slice(0, at); }
  let tag = '';
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) { tag = ref.slice(colon + 1); ref = ref.slice(0, colon); }
  const parts = ref.split('/');
  let registry = 'docker.io';
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) registry = parts.shift()!;
  let repo = parts.join('/');
  if (repo.startsWith('library/')) repo = repo.slice(8);
  return { registry, repo, name: parts[parts.length - 1] ?? '', tag: tag || (digest ? '' : 'latest') };
}

/** The catalogue entry for an image: by repository (and variant), else by its last path component
 *  (mirrors such as r.deso.tech/library/netshoot). */
export function catalogEntry(image: string): CatalogEntry | undefined {
  const keys = imageKeys(image);
  for (const k of keys) if (CATALOG[k]) return CATALOG[k];
  const { name, tag } = parseImageRef(image);
  const lname = name.toLowerCase();
  const lt = tag.toLowerCase();
  for (const [k, e] of Object.entries(CATALOG)) {
    const [path, variant] = k.split(':');
    if (path.split('/').pop() !== lname || path === lname) continue;
    if (variant && !(variant === 'alpine' ? lt.includes('alpine') : variant === 'slim' ? lt.includes('slim') : lt === variant)) continue;
    return e;
  }
  return undefined;
}

/** What a package installs (apk and apt names): the programs, and the flavour it brings. */
export const PACKAGE_TOOLS: Record<string, { tools: string[]; bind?: boolean; iputils?: boolean; gnuWget?: boolean }> = {
  curl: { tools: ['curl'] }, bash: { tools: ['bash'] }, jq: { tools: ['jq'] }, zsh: { tools: ['zsh'] }, git: { tools: ['git'] },
  wget: { tools: ['wget'], gnuWget: true },
  'bind-tools': { tools: ['dig', 'host', 'nslookup'], bind: true },
  dnsutils: { tools: ['dig', 'host', 'nslookup'], bind: true },
  'bind9-dnsutils': { tools: ['dig', 'host', 'nslookup'], bind: true },
  'bind9-host': { tools: ['host'] },
  'busybox-extras': { tools: ['telnet'] },
  'netcat-openbsd': { tools: ['nc'] }, 'netcat-traditional': { tools: ['nc'] },
  iputils: { tools: ['ping'], iputils: true }, 'iputils-ping': { tools: ['ping'], iputils: true },
  iproute2: { tools: ['ip', 'ss'] },
  'net-tools': { tools: ['netstat', 'ifconfig', 'route'] },
  procps: { tools: ['ps'] }, 'procps-ng': { tools: ['ps'] },
  vim: { tools: ['vim', 'vi'] }, tcpdump: { tools: ['tcpdump'] }, nmap: { tools: ['nmap'] },
  bsdextrautils: { tools: ['rev'] }, traceroute: { tools: ['traceroute'] },
  'ca-certificates': { tools: [] }, openssl: { tools: ['openssl'] },
};

/** The profile with packages installed over it (apk add / apt-get install in the container). */
export function withPackages(p: ImageProfile, pkgs: string[]): ImageProfile {
  if (!pkgs.length) return p;
  const tools = new Set(p.tools);
  let { nslookup, ping, wget } = p;
  for (const name of pkgs) {
    const t = PACKAGE_TOOLS[name];
    if (!t) { if (/^[a-z][a-z0-9-]*$/.test(name)) tools.add(name); continue; }
    for (const x of t.tools) tools.add(x);
    if (t.bind) nslookup = 'bind';
    if (t.iputils) ping = 'iputils';
    if (t.gnuWget) wget = 'gnu';
  }
  return { ...p, tools, nslookup, ping, wget, pkgs: [...p.pkgs, ...pkgs.filter((x) => !p.pkgs.includes(x))] };
}

const cache = new Map<string, ImageProfile>();

export function imageProfile(image: string): ImageProfile {
  const hit = cache.get(image);
  if (hit) return hit;
  const { repo, name, tag } = parseImageRef(image);
  const lname = name.toLowerCase();
  const ltag = tag.toLowerCase();
  const entry = catalogEntry(image);
  let base: Base;
  if (entry) base = entry.base;
  else if (lname === 'busybox' || lname.startsWith('busybox')) base = 'busybox';
  else if (SCRATCH_NAMES.has(lname) || repo.includes('distroless')) base = 'scratch';
  else if (ltag.includes('alpine') || lname.includes('alpine')) base = 'alpine';
  else base = 'debian';
  const family: Family = base === 'busybox' || base === 'alpine' || base === 'scratch' ? base : 'debian';

  const env: EnvList = [];
  let workdir = entry?.workdir ?? '/';
  let appVersion: string | undefined;
  const ver = (table: Record<string, string>, dflt: string) => {
    const m = /^(\d+\.\d+(?:\.\d+)?)/.exec(ltag);
    if (m) return m[1].split('.').length === 3 ? m[1] : (table[m[1]] ?? `${m[1]}.0`);
    const named = table[ltag.replace(/-alpine.*$/, '')];
    return named ?? dflt;
  };
  switch (lname) {
    case 'nginx':
    case 'nginx-unprivileged': {
      appVersion = ver(NGINX_VERSIONS, '1.27.4');
      env.push(['NGINX_VERSION', appVersion]);
      if (family === 'alpine') env.push(['PKG_RELEASE', '1'], ['DYNPKG_RELEASE', '1'], ['NJS_VERSION', '0.8.9'], ['NJS_RELEASE', '1']);
      else env.push(['NJS_VERSION', '0.8.9'], ['NJS_RELEASE', '1~bookworm'], ['PKG_RELEASE', '1~bookworm'], ['DYNPKG_RELEASE', '1~bookworm']);
      break;
    }
    case 'httpd': {
      appVersion = ver({ '2.4': '2.4.63' }, '2.4.63');
      env.push(['PATH', '/usr/local/apache2/bin:' + DEFAULT_PATH], ['HTTPD_PREFIX', '/usr/local/apache2'], ['HTTPD_VERSION', appVersion], ['HTTPD_PATCHES', '']);
      workdir = '/usr/local/apache2';
      break;
    }
    case 'redis': {
      appVersion = ver({ '7': '7.4.2', '7.4': '7.4.2', '7.2': '7.2.7', '6': '6.2.17', '6.2': '6.2.17' }, '7.4.2');
      env.push(['GOSU_VERSION', '1.17'], ['REDIS_VERSION', appVersion], ['REDIS_DOWNLOAD_URL', `http://download.redis.io/releases/redis-${appVersion}.tar.gz`]);
      workdir = '/data';
      break;
    }
    case 'python':
      env.push(['PATH', '/usr/local/bin:' + DEFAULT_PATH], ['LANG', 'C.UTF-8'], ['PYTHON_VERSION', ver({ '3.13': '3.13.2', '3.12': '3.12.9', '3.11': '3.11.11' }, '3.13.2')]);
      break;
    case 'node':
      env.push(['NODE_VERSION', ver({ '22': '22.14.0', '20': '20.18.3', '18': '18.20.6' }, '22.14.0')], ['YARN_VERSION', '1.22.22']);
      break;
    case 'golang':
      env.push(['PATH', '/go/bin:/usr/local/go/bin:' + DEFAULT_PATH], ['GOLANG_VERSION', ver({ '1.24': '1.24.0', '1.23': '1.23.6' }, '1.24.0')], ['GOTOOLCHAIN', 'local'], ['GOPATH', '/go']);
      workdir = '/go';
      break;
  }
  // the catalogue's ENV for what the tag-derived values above did not set
  for (const [k, v] of entry?.env ?? []) if (!env.some(([n]) => n === k)) env.push([k, v]);

  let osRelease: string | undefined;
  let alpineRelease: string | undefined;
  let debianVersion: string | undefined;
  if (base === 'alpine') {
    const m = /(?:^|alpine)(3\.\d+)(?:\.(\d+))?/.exec(lname === 'alpine' ? ltag : ltag.replace(/^.*alpine/, 'alpine'));
    alpineRelease = m ? (m[2] !== undefined ? `${m[1]}.${m[2]}` : ALPINE_RELEASES[m[1]] ?? `${m[1]}.0`) : '3.21.3';
    osRelease = osAlpine(alpineRelease);
  } else if (base === 'ubuntu') {
    const u = UBUNTU_RELEASES[ltag.replace(/^(\d+\.\d+).*$/, '$1')] ?? UBUNTU_RELEASES['24.04'];
    osRelease = osUbuntu(u[0], u[1], u[2], u[3]);
    debianVersion = u[2] === 'noble' ? 'trixie/sid' : u[2] === 'jammy' ? 'bookworm/sid' : 'bullseye/sid';
  } else if (base === 'debian' || base === 'buildpack') {
    const d = (lname === 'debian' ? DEBIAN_RELEASES[ltag.replace(/-slim$/, '').split('.')[0]] : undefined) ?? DEBIAN_RELEASES[ltag.includes('bullseye') ? 'bullseye' : 'bookworm'];
    osRelease = osDebian(d[0], d[1]);
    debianVersion = d[2];
  } else if (base === 'jessie') {
    osRelease = 'PRETTY_NAME="Debian GNU/Linux 8 (jessie)"\nNAME="Debian GNU/Linux"\nVERSION_ID="8"\nVERSION="8 (jessie)"\nID=debian\nHOME_URL="http://www.debian.org/"\nSUPPORT_URL="http://www.debian.org/support"\nBUG_REPORT_URL="https://bugs.debian.org/"\n';
    debianVersion = '8.11';
  } else if (base === 'oracle') osRelease = OS_ORACLE;

  const tools = new Set<string>();
  if (base === 'busybox' || base === 'alpine') for (const t of BUSYBOX_APPLETS) tools.add(t);
  if (base === 'busybox') tools.add('telnet');
  if (base === 'alpine') tools.add('apk');
  if (base === 'busybox' || base === 'alpine') tools.add('busybox');
  if (base === 'debian' || base === 'ubuntu' || base === 'buildpack' || base === 'jessie') for (const t of DEBIAN_BASE) tools.add(t);
  if (base === 'jessie') tools.add('ps');
  // oraclelinux:9-slim has no tar (mysql's image installs none), so kubectl cp fails there too
  if (base === 'oracle') for (const t of DEBIAN_BASE) if (!['dash', 'apt', 'apt-get', 'dpkg', 'tar'].includes(t)) tools.add(t);
  if (base === 'oracle') tools.add('microdnf');
  for (const t of entry?.add ?? []) tools.add(t);

  const legacyBusybox = base === 'busybox' && (!!entry?.busybox || /^1\.(1\d|2[0-8])(\.|$)/.test(ltag));
  const user = entry?.user ?? { name: 'root', uid: 0, gid: 0, home: '/root' };
  const sh: ImageProfile['sh'] = family === 'busybox' || family === 'alpine' ? 'ash' : base === 'oracle' ? 'bash' : 'dash';
  const p: ImageProfile = {
    image, name: lname, repo, tag, family, base, catalogued: !!entry, env, workdir, home: user.home, user, tools, sh,
    shell: entry?.shell && tools.has(entry.shell) ? entry.shell : family === 'scratch' ? '' : 'sh',
    nslookup: entry?.bind || (family === 'debian' && tools.has('nslookup')) ? 'bind' : legacyBusybox ? 'busybox-legacy' : 'busybox',
    ping: entry?.iputils || (family === 'debian' && tools.has('ping')) ? 'iputils' : 'busybox',
    wget: family === 'debian' ? 'gnu' : 'busybox',
    curlVersion: entry?.curlVersion ? (lname === 'curl' && /^\d+\.\d+\.\d+$/.test(ltag) ? ltag : entry.curlVersion) : base === 'jessie' ? '7.38.0' : family === 'debian' ? '7.88.1' : '8.12.1',
    bashVersion: base === 'jessie' ? '4.3.30' : base === 'ubuntu' ? '5.2.21' : family === 'debian' ? '5.2.15' : '5.2.37',
    busyboxVersion: legacyBusybox ? (entry?.busybox ?? `${ltag.split('.').slice(0, 2).join('.')}.4`) : '1.37.0',
    pkg: family === 'alpine' ? 'apk' : tools.has('apt-get') ? 'apt' : undefined,
    pkgs: entry?.pkgs ?? [],
    osRelease, alpineRelease, debianVersion,
    appVersion,
    size: imageSize(image),
  };
  cache.set(image, p);
  return p;
}
