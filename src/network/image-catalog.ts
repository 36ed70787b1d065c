// The images the course texts and the kubernetes.io tutorials use, as they are: which programs
// each really ships (from its Dockerfile and base image's package list), its user, working
// directory and image ENV. Data only; images.ts turns an image reference into a profile.
//
// Bases (what FROM gives):
//   busybox  busybox:1.37 (glibc): busybox applets only - sh/ash, wget, nslookup, ping, nc, ip,
//            telnet, traceroute ... no bash, no curl, no package manager
//   alpine   alpine:3.21: busybox applets (no telnet: busybox-extras) + apk; no bash, no curl
//   debian   debian:bookworm-slim: coreutils, bash, dash as sh, apt; no ps (procps), no curl,
//            wget, ping, nslookup, ip, nc
//   ubuntu   ubuntu:24.04: as debian (bash, dash, apt), no ps, no curl/ping/nslookup
//   buildpack  buildpack-deps:bookworm (python, node, golang full images): debian + curl, wget,
//            git, ps (procps), openssh-client, ... but no ping / nslookup / ip
//   oracle   oraclelinux:9-slim (mysql): bash, microdnf; no curl
//   scratch  one static binary: nothing to exec
export type Base = 'busybox' | 'alpine' | 'debian' | 'ubuntu' | 'buildpack' | 'oracle' | 'scratch' | 'jessie';

export interface CatalogEntry {
  base: Base;
  /** programs beyond the base's */
  add?: string[];
  /** the image's ENV (PATH replaces the default) */
  env?: [string, string][];
  workdir?: string;
  user?: { name: string; uid: number; gid: number; home: string };
  /** the shell `kubectl debug`/`run -it` people reach for; sh unless bash is the image's CMD */
  shell?: string;
  /** packages the image has installed already (apt: "is already the newest version") */
  pkgs?: string[];
  /** nslookup/ping/wget flavour when a package replaces busybox's */
  bind?: boolean;
  iputils?: boolean;
  curlVersion?: string;
  busybox?: string;
  note?: string;
}

export const BUSYBOX_APPLETS = [
  'sh', 'ash', 'echo', 'printf', 'printenv', 'env', 'cat', 'hostname', 'ls', 'pwd', 'id', 'whoami', 'uname', 'date',
  'sleep', 'true', 'false', 'seq', 'grep', 'egrep', 'fgrep', 'head', 'tail', 'wc', 'sort', 'uniq', 'cut', 'tr', 'sed',
  'awk', 'tee', 'test', '[', 'basename', 'dirname', 'ps', 'touch', 'mkdir', 'rm', 'cp', 'mv', 'which', 'clear',
  'expr', 'xargs', 'timeout', 'yes', 'rev', 'base64', 'wget', 'nslookup', 'ping', 'nc', 'ip', 'ifconfig', 'route',
  'netstat', 'traceroute', 'tar',
];
/** Programs of a Debian/Ubuntu base (coreutils, findutils, grep, sed, mawk, debianutils, hostname,
 *  ncurses-bin, bash, dash): no procps, no bsdextrautils (rev), no networking tools. */
export const DEBIAN_BASE = [
  'sh', 'bash', 'dash', 'echo', 'printf', 'printenv', 'env', 'cat', 'hostname', 'ls', 'pwd', 'id', 'whoami', 'uname',
  'date', 'sleep', 'true', 'false', 'seq', 'grep', 'egrep', 'fgrep', 'head', 'tail', 'wc', 'sort', 'uniq', 'cut', 'tr',
  'sed', 'awk', 'tee', 'test', '[', 'basename', 'dirname', 'touch', 'mkdir', 'rm', 'cp', 'mv', 'which', 'clear',
  'expr', 'xargs', 'timeout', 'yes', 'base64', 'apt', 'apt-get', 'dpkg', 'tar',
];

const PATH = '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin';
const BUILDPACK = ['curl', 'wget', 'ps', 'git'];

/** Keys: repository path (library/ stripped, registry dropped), `:alpine` for the Alpine variants. */
export const CATALOG: Record<string, CatalogEntry> = {
  busybox: { base: 'busybox' },
  alpine: { base: 'alpine' },
  ubuntu: { base: 'ubuntu', shell: 'bash' },
  debian: { base: 'debian', shell: 'bash' },
  // nginx/docker-nginx mainline/debian: apt-get install $nginxPackages gettext-base curl
  nginx: { base: 'debian', add: ['curl', 'envsubst', 'nginx'], pkgs: ['curl', 'gettext-base', 'nginx'] },
  // mainline/alpine-slim: apk add curl ca-certificates tzdata (for DNS-SD registration)
  'nginx:alpine': { base: 'alpine', add: ['curl', 'envsubst', 'nginx'], pkgs: ['curl', 'ca-certificates', 'tzdata'] },
  // docker-library/httpd 2.4: runtime deps only (libapr1, libaprutil1-ldap ...): no curl, no wget
  httpd: { base: 'debian', add: ['httpd', 'apachectl'], env: [['PATH', '/usr/local/apache2/bin:' + PATH], ['HTTPD_PREFIX', '/usr/local/apache2']], workdir: '/usr/local/apache2' },
  'httpd:alpine': { base: 'alpine', add: ['httpd', 'apachectl'], env: [['PATH', '/usr/local/apache2/bin:' + PATH], ['HTTPD_PREFIX', '/usr/local/apache2']], workdir: '/usr/local/apache2' },
  // jpetazzo/httpenv: FROM alpine; COPY /go/httpenv /httpenv
  'jpetazzo/httpenv': { base: 'alpine', add: ['httpenv'] },
  // traefik/whoami: FROM scratch
  'traefik/whoami': { base: 'scratch' },
  // nicolaka/netshoot: alpine with the network toolbox (bash, zsh, curl, bind-tools, iputils,
  // iproute2, net-tools, netcat-openbsd, tcpdump, nmap, jq, ...)
  'nicolaka/netshoot': {
    base: 'alpine', shell: 'zsh', workdir: '/root', bind: true, iputils: true,
    add: ['bash', 'zsh', 'curl', 'dig', 'host', 'nslookup', 'jq', 'ss', 'tcpdump', 'nmap', 'socat', 'iperf', 'iperf3', 'mtr', 'tshark', 'strace', 'vim', 'git', 'telnet', 'ethtool', 'conntrack', 'iptables', 'ipvsadm'],
  },
  netshoot: { base: 'alpine', shell: 'zsh', workdir: '/root', bind: true, iputils: true, add: ['bash', 'zsh', 'curl', 'dig', 'host', 'nslookup', 'jq', 'ss', 'tcpdump', 'nmap', 'socat', 'vim', 'telnet'] },
  // curl/curl-container: alpine + /usr/bin/curl, USER curl_user, WORKDIR /home/curl_user
  'curlimages/curl': { base: 'alpine', add: ['curl'], env: [['CURL_CA_BUNDLE', '/cacert.pem']], workdir: '/home/curl_user', user: { name: 'curl_user', uid: 100, gid: 101, home: '/home/curl_user' }, curlVersion: '8.12.1' },
  // radial/busyboxplus:curl (2014): buildroot busybox 1.22.1 + curl 7.35.0
  'radial/busyboxplus': { base: 'busybox', busybox: '1.22.1' },
  'radial/busyboxplus:curl': { base: 'busybox', add: ['curl'], busybox: '1.22.1', curlVersion: '7.35.0' },
  // bprashanth/nginxhttps:1.0 (kubernetes.io "Connecting applications"): nginx 1.9 on debian jessie
  'bprashanth/nginxhttps': { base: 'jessie', add: ['nginx', 'inotifywait'], env: [['NGINX_VERSION', '1.9.1-1~jessie']] },
  // kubernetes/test/images/agnhost: apk add bind-tools curl netcat-openbsd iproute2 iperf bash
  'e2e-test-images/agnhost': { base: 'alpine', add: ['agnhost', 'bash', 'curl', 'dig', 'host', 'nslookup', 'nc', 'ip', 'ss', 'iperf'], bind: true },
  // gcr.io/google-samples/kubernetes-bootcamp:v1 - FROM node:6 (buildpack-deps:jessie)
  'google-samples/kubernetes-bootcamp': { base: 'jessie', add: ['node', 'npm', 'curl', 'wget', 'ps', 'git'], env: [['NPM_CONFIG_LOGLEVEL', 'info'], ['NODE_VERSION', '6.3.1']] },
  redis: { base: 'debian', add: ['redis-server', 'redis-cli', 'gosu'], workdir: '/data', env: [['GOSU_VERSION', '1.17'], ['REDIS_DOWNLOAD_URL', 'http://download.redis.io/releases/redis-7.4.2.tar.gz']] },
  'redis:alpine': { base: 'alpine', add: ['redis-server', 'redis-cli'], workdir: '/data' },
  // mysql 9 (oraclelinux:9-slim): microdnf, bash; gosu
  mysql: { base: 'oracle', add: ['mysql', 'mysqld', 'gosu'], env: [['GOSU_VERSION', '1.17'], ['MYSQL_MAJOR', 'innovation'], ['MYSQL_VERSION', '9.2.0-1.el9'], ['MYSQL_SHELL_VERSION', '9.2.0-1.el9']], shell: 'bash' },
  postgres: { base: 'debian', add: ['psql', 'postgres', 'pg_ctl', 'gosu'], env: [['PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin:/usr/lib/postgresql/17/bin'], ['GOSU_VERSION', '1.17'], ['LANG', 'en_US.utf8'], ['PG_MAJOR', '17'], ['PG_VERSION', '17.4-1.pgdg120+2'], ['PGDATA', '/var/lib/postgresql/data']] },
  'postgres:alpine': { base: 'alpine', add: ['psql', 'postgres', 'pg_ctl', 'gosu'], env: [['GOSU_VERSION', '1.17'], ['LANG', 'en_US.utf8'], ['PG_MAJOR', '17'], ['PG_VERSION', '17.4'], ['PGDATA', '/var/lib/postgresql/data']] },
  python: { base: 'buildpack', add: [...BUILDPACK, 'python', 'python3', 'pip', 'pip3'], env: [['PATH', '/usr/local/bin:' + PATH], ['LANG', 'C.UTF-8'], ['GPG_KEY', '7169605F62C751356D054A26A821E680E5FA6305'], ['PYTHON_VERSION', '3.13.2'], ['PYTHON_SHA256', 'd984bcc57cd67caab26f7def42e523b1c015bbc5dc07836cf4f0b63fa159eb56']], shell: 'bash' },
  'python:slim': { base: 'debian', add: ['python', 'python3', 'pip', 'pip3'], env: [['PATH', '/usr/local/bin:' + PATH], ['LANG', 'C.UTF-8'], ['PYTHON_VERSION', '3.13.2']], shell: 'bash' },
  'python:alpine': { base: 'alpine', add: ['python', 'python3', 'pip', 'pip3'], env: [['PATH', '/usr/local/bin:' + PATH], ['LANG', 'C.UTF-8'], ['PYTHON_VERSION', '3.13.2']] },
  node: { base: 'buildpack', add: [...BUILDPACK, 'node', 'npm', 'npx', 'yarn'], env: [['NODE_VERSION', '22.14.0'], ['YARN_VERSION', '1.22.22']], shell: 'bash' },
  'node:alpine': { base: 'alpine', add: ['node', 'npm', 'npx', 'yarn'], env: [['NODE_VERSION', '22.14.0'], ['YARN_VERSION', '1.22.22']] },
  golang: { base: 'buildpack', add: [...BUILDPACK, 'go', 'gofmt'], env: [['PATH', '/go/bin:/usr/local/go/bin:' + PATH], ['GOLANG_VERSION', '1.24.0'], ['GOTOOLCHAIN', 'local'], ['GOPATH', '/go']], workdir: '/go', shell: 'bash' },
  'golang:alpine': { base: 'alpine', add: ['go', 'gofmt'], env: [['PATH', '/go/bin:/usr/local/go/bin:' + PATH], ['GOLANG_VERSION', '1.24.0'], ['GOTOOLCHAIN', 'local'], ['GOPATH', '/go']], workdir: '/go' },
  // registry.k8s.io/e2e-test-images/jessie-dnsutils, tutorials' dnsutils
  'e2e-test-images/jessie-dnsutils': { base: 'jessie', add: ['dig', 'host', 'nslookup', 'ping', 'wget', 'curl'], bind: true, iputils: true },
  'kubernetes-e2e-test-images/dnsutils': { base: 'alpine', add: ['dig', 'host', 'nslookup'], bind: true },
};

/** One-static-binary images (FROM scratch / distroless): no shell, no tools. */
export const SCRATCH_NAMES = new Set([
  'whoami', 'hello-app', 'http-echo', 'echo-server', 'pause', 'coredns', 'etcd', 'kube-apiserver',
  'kube-controller-manager', 'kube-scheduler', 'kube-proxy', 'kindnetd', 'local-path-provisioner',
  'static', 'static-debian12', 'base', 'base-debian12', 'metrics-server',
]);
