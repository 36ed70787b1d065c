// What an image looks like from inside: its OS family, the tools on its PATH, the image ENV,
// the working directory, and which flavour of nslookup/ping/wget it ships. Decided from the
// image reference alone (repository name and tag), as a person would guess it.
//
// Families: busybox (busybox applets only: no curl, no bash), alpine (busybox applets, apk,
// and for the exercises' sake bash and curl), debian (coreutils, bash, dash as sh, apt, curl,
// BIND nslookup), scratch (one static binary: nothing to exec).
import type { EnvList } from './env';

export type Family = 'busybox' | 'alpine' | 'debian' | 'scratch';

export interface ImageProfile {
  image: string;
  /** last path component of the repository: nginx, whoami, httpenv, netshoot, hello-app ... */
  name: string;
  /** repository path without registry (library/ stripped): jpetazzo/httpenv, nginx */
  repo: string;
  tag: string;
  family: Family;
  env: EnvList;
  workdir: string;
  home: string;
  tools: Set<string>;
  /** sh is ash (busybox), dash (debian); bash where present */
  sh: 'ash' | 'dash';
  nslookup: 'busybox' | 'busybox-legacy' | 'bind';
  ping: 'busybox' | 'iputils';
  wget: 'busybox' | 'gnu';
  curlVersion: string;
  bashVersion: string;
  busyboxVersion: string;
  pkg?: 'apk' | 'apt';
  osRelease?: string;
  /** the version an app image reports (nginx/1.27.4, Apache/2.4.63 ...) */
  appVersion?: string;
}

const DEFAULT_PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';

const CORE = [
  'sh', 'echo', 'printf', 'printenv', 'env', 'cat', 'hostname', 'ls', 'pwd', 'id', 'whoami', 'uname', 'date',
  'sleep', 'true', 'false', 'seq', 'grep', 'egrep', 'fgrep', 'head', 'tail', 'wc', 'sort', 'uniq', 'cut', 'tr', 'sed',
  'awk', 'tee', 'test', '[', 'basename', 'dirname', 'ps', 'touch', 'mkdir', 'rm', 'cp', 'mv', 'which', 'clear',
  'expr', 'xargs', 'timeout', 'yes', 'rev', 'base64',
];
const BUSYBOX_NET = ['wget', 'nslookup', 'ping', 'nc', 'ip', 'ifconfig', 'route', 'netstat', 'telnet', 'traceroute'];

const OS_ALPINE = `NAME="Alpine Linux"
ID=alpine
VERSION_ID=3.21.3
PRETTY_NAME="Alpine Linux v3.21"
HOME_URL="https://alpinelinux.org/"
BUG_REPORT_URL="https://gitlab.alpinelinux.org/alpine/aports/-/issues"
`;
const OS_DEBIAN = `PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"
NAME="Debian GNU/Linux"
VERSION_ID="12"
VERSION="12 (bookworm)"
VERSION_CODENAME=bookworm
ID=debian
HOME_URL="https://www.debian.org/"
SUPPORT_URL="https://www.debian.org/support"
BUG_REPORT_URL="https://bugs.debian.org/"
`;
const OS_UBUNTU = `PRETTY_NAME="Ubuntu 24.04.2 LTS"
NAME="Ubuntu"
VERSION_ID="24.04"
VERSION="24.04.2 LTS (Noble Numbat)"
VERSION_CODENAME=noble
ID=ubuntu
ID_LIKE=debian
HOME_URL="https://www.ubuntu.com/"
SUPPORT_URL="https://help.ubuntu.com/"
BUG_REPORT_URL="https://bugs.launchpad.net/ubuntu/"
PRIVACY_POLICY_URL="https://www.ubuntu.com/legal/terms-and-policies/privacy-policy"
UBUNTU_CODENAME=noble
LOGO=ubuntu-logo
`;

/** Images that are one static binary (FROM scratch / distroless): no shell, no tools. */
const SCRATCH = new Set([
  'whoami', 'hello-app', 'http-echo', 'echo-server', 'pause', 'coredns', 'etcd', 'kube-apiserver',
  'kube-controller-manager', 'kube-scheduler', 'kube-proxy', 'kindnetd', 'local-path-provisioner',
  'static', 'static-debian12', 'base', 'base-debian12', 'metrics-server',
]);
const ALPINE_NAMES = new Set(['alpine', 'httpenv', 'netshoot', 'curl', 'agnhost', 'dnsutils', 'jnettop', 'nginx-unprivileged-alpine']);
const BUSYBOX_NAMES = new Set(['busybox', 'busyboxplus']);

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

const cache = new Map<string, ImageProfile>();

export function imageProfile(image: string): ImageProfile {
  const hit = cache.get(image);
  if (hit) return hit;
  const { repo, name, tag } = parseImageRef(image);
  const lname = name.toLowerCase();
  const ltag = tag.toLowerCase();
  let family: Family;
  if (BUSYBOX_NAMES.has(lname)) family = 'busybox';
  else if (SCRATCH.has(lname) || repo.includes('distroless')) family = 'scratch';
  else if (ltag.includes('alpine') || ALPINE_NAMES.has(lname)) family = 'alpine';
  else family = 'debian';

  const env: EnvList = [];
  let workdir = '/';
  let appVersion: string | undefined;
  const ver = (table: Record<string, string>, dflt: string) => {
    const m = /^(\d+\.\d+(?:\.\d+)?)/.exec(ltag);
    if (m) return m[1].split('.').length === 3 ? m[1] : (table[m[1]] ?? `${m[1]}.0`);
    const named = table[ltag.replace(/-alpine.*$/, '')];
    return named ?? dflt;
  };
  let osRelease = family === 'alpine' ? OS_ALPINE : family === 'debian' ? OS_DEBIAN : undefined;
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
    case 'ubuntu':
      osRelease = OS_UBUNTU;
      break;
    case 'netshoot':
      workdir = '/root';
      break;
  }

  const tools = new Set<string>();
  if (family !== 'scratch') for (const t of CORE) tools.add(t);
  if (family === 'busybox' || family === 'alpine') for (const t of BUSYBOX_NET) tools.add(t);
  if (family === 'alpine') ['apk', 'bash', 'curl'].forEach((t) => tools.add(t));
  if (family === 'debian') ['bash', 'dash', 'apt', 'apt-get', 'curl', 'nslookup', 'dig', 'host', 'ping', 'wget', 'nc'].forEach((t) => tools.add(t));
  if (lname === 'busyboxplus' && ltag.includes('curl')) tools.add('curl');
  if (lname === 'netshoot' || lname === 'dnsutils') ['dig', 'host', 'jq', 'nslookup', 'zsh', 'ss'].forEach((t) => tools.add(t));
  if (lname === 'curl') tools.add('jq');

  const legacyBusybox = family === 'busybox' && (lname === 'busyboxplus' || /^1\.(1\d|2[0-8])(\.|$)/.test(ltag));
  const p: ImageProfile = {
    image, name: lname, repo, tag, family, env, workdir, home: '/root', tools,
    sh: family === 'debian' ? 'dash' : 'ash',
    nslookup: family === 'debian' || lname === 'netshoot' || lname === 'dnsutils' ? 'bind' : legacyBusybox ? 'busybox-legacy' : 'busybox',
    ping: family === 'debian' || lname === 'netshoot' ? 'iputils' : 'busybox',
    wget: family === 'debian' ? 'gnu' : 'busybox',
    curlVersion: lname === 'busyboxplus' ? '7.35.0' : lname === 'curl' && /^\d+\.\d+\.\d+$/.test(ltag) ? ltag : family === 'debian' ? '7.88.1' : '8.12.1',
    bashVersion: family === 'debian' ? '5.2.15' : '5.2.37',
    busyboxVersion: legacyBusybox ? (lname === 'busyboxplus' ? '1.22.1' : `${ltag.split('.').slice(0, 2).join('.')}.4`) : '1.37.0',
    pkg: family === 'alpine' ? 'apk' : family === 'debian' ? 'apt' : undefined,
    osRelease,
    appVersion,
  };
  cache.set(image, p);
  return p;
}
