// nginx as its configuration makes it: the server blocks of /etc/nginx/conf.d/*.conf (or of a
// mounted /etc/nginx/nginx.conf), read from the container's files (a ConfigMap volume replaces
// the image's default.conf), decide the ports it listens on, which of them speak TLS with
// which certificate and key (files of a Secret volume), the document root and index files.
// A missing certificate or key stops nginx from starting, as `nginx: [emerg] cannot load
// certificate` does: then nothing listens.

export interface NginxListen { port: number; ssl: boolean }
export interface NginxServer {
  listens: NginxListen[];
  root: string;
  index: string[];
  serverNames: string[];
  sslCertificate?: string;
  sslCertificateKey?: string;
}

interface Block { name: string; args: string[]; children: Block[] }

function tokenize(src: string): string[] {
  const toks: string[] = [];
  let i = 0;
  while (i < src.length) {
    const c = src[i];
    if (/\s/.test(c)) { i++; continue; }
    if (c === '#') { while (i < src.length && src[i] !== '\n') i++; continue; }
    if (c === ';' || c === '{' || c === '}') { toks.push(c); i++; continue; }
    if (c === '"' || c === "'") {
      let j = i + 1, s = '';
      while (j < src.length && src[j] !== c) { if (src[j] === '\\') j++; s += src[j++] ?? ''; }
      toks.push(s); i = j + 1; continue;
    }
    let j = i;
    while (j < src.length && !/[\s;{}]/.test(src[j])) j++;
    toks.push(src.slice(i, j)); i = j;
  }
  return toks;
}

function parseBlocks(toks: string[], pos: { i: number }): Block[] {
  const out: Block[] = [];
  let cur: string[] = [];
  while (pos.i < toks.length) {
    const t = toks[pos.i++];
    if (t === ';') { if (cur.length) out.push({ name: cur[0], args: cur.slice(1), children: [] }); cur = []; continue; }
    if (t === '{') { const children = parseBlocks(toks, pos); out.push({ name: cur[0] ?? '', args: cur.slice(1), children }); cur = []; continue; }
    if (t === '}') return out;
    cur.push(t);
  }
  return out;
}

const directive = (bs: Block[], name: string) => bs.find((b) => b.name === name && !b.children.length);

function serverOf(b: Block, inherited: Block[]): NginxServer {
  const all = [...inherited, ...b.children];
  const listens: NginxListen[] = [];
  for (const d of b.children.filter((x) => x.name === 'listen')) {
    const a = d.args[0] ?? '80';
    const m = /(\d+)$/.exec(a);
    if (!m) continue;
    listens.push({ port: Number(m[1]), ssl: d.args.includes('ssl') });
  }
  if (!listens.length) listens.push({ port: 80, ssl: false });
  // root/index at server level, else in `location /`
  const loc = b.children.find((x) => x.name === 'location' && x.args[x.args.length - 1] === '/');
  const pick = (name: string) => directive(b.children, name) ?? (loc ? directive(loc.children, name) : undefined) ?? directive(inherited, name);
  const last = (name: string) => [...all].reverse().find((x) => x.name === name && !x.children.length);
  return {
    listens,
    root: pick('root')?.args[0] ?? '/usr/share/nginx/html',
    index: pick('index')?.args ?? ['index.html'],
    serverNames: directive(b.children, 'server_name')?.args ?? [],
    sslCertificate: last('ssl_certificate')?.args[0],
    sslCertificateKey: last('ssl_certificate_key')?.args[0],
  };
}

/** The server blocks of a configuration text (at any depth: conf.d files are inside `http`). */
export function parseNginxConf(text: string): NginxServer[] {
  const servers: NginxServer[] = [];
  const walk = (bs: Block[], inherited: Block[]) => {
    const here = bs.filter((x) => !x.children.length);
    for (const b of bs) {
      if (b.name === 'server' && b.children.length) servers.push(serverOf(b, [...inherited, ...here]));
      else if (b.children.length) walk(b.children, [...inherited, ...here]);
    }
  };
  walk(parseBlocks(tokenize(text), { i: 0 }), []);
  return servers;
}

/** The image's own default.conf (nginx, nginx-unprivileged / bitnami on 8080, and the
 *  kubernetes/examples https-nginx image bprashanth/nginxhttps, which serves 80 and 443 with
 *  /etc/nginx/ssl/nginx.crt and nginx.key). */
export function imageDefaultConf(kind: 'nginx' | 'unprivileged' | 'nginxhttps'): string {
  if (kind === 'nginxhttps') {
    return 'server {\n        listen 80 default_server;\n        listen [::]:80 default_server ipv6only=on;\n\n        listen 443 ssl;\n\n' +
      '        root /usr/share/nginx/html;\n        index index.html;\n\n        server_name localhost;\n' +
      '        ssl_certificate /etc/nginx/ssl/nginx.crt;\n        ssl_certificate_key /etc/nginx/ssl/nginx.key;\n\n' +
      '        location / {\n                try_files $uri $uri/ =404;\n        }\n}\n';
  }
  const port = kind === 'unprivileged' ? 8080 : 80;
  return `server {\n    listen       ${port};\n    listen  [::]:${port};\n    server_name  localhost;\n\n    #access_log  /var/log/nginx/host.access.log  main;\n\n` +
    '    location / {\n        root   /usr/share/nginx/html;\n        index  index.html index.htm;\n    }\n\n' +
    '    #error_page  404              /404.html;\n\n    # redirect server error pages to the static page /50x.html\n    #\n' +
    '    error_page   500 502 503 504  /50x.html;\n    location = /50x.html {\n        root   /usr/share/nginx/html;\n    }\n}\n';
}

/** The files nginx reads, from the container's view (mounted volumes over the image). */
export interface NginxFiles {
  file(path: string): string | undefined;
  /** entries of a directory a volume provides (undefined: the image's own) */
  dir(path: string): string[] | undefined;
}

export interface NginxSetup {
  servers: NginxServer[];
  /** why nginx did not start (its emerg line), when it did not */
  error?: string;
}

/** What nginx runs with: conf.d/*.conf (a mounted directory replaces the image's), or a mounted
 *  nginx.conf and what it includes. */
export function nginxSetup(files: NginxFiles, kind: 'nginx' | 'unprivileged' | 'nginxhttps'): NginxSetup {
  const texts: string[] = [];
  const main = files.file('/etc/nginx/nginx.conf');
  const confd = files.dir('/etc/nginx/conf.d');
  const includesConfd = main === undefined || /include\s+\/etc\/nginx\/conf\.d\/\*\.conf/.test(main);
  if (main !== undefined) texts.push(main);
  if (includesConfd) {
    if (confd) for (const n of confd.filter((x) => x.endsWith('.conf')).sort()) texts.push(files.file(`/etc/nginx/conf.d/${n}`) ?? '');
    else texts.push(files.file('/etc/nginx/conf.d/default.conf') ?? imageDefaultConf(kind));
  }
  const servers = texts.flatMap(parseNginxConf);
  for (const s of servers) {
    if (!s.listens.some((l) => l.ssl)) continue;
    if (!s.sslCertificate) return { servers: [], error: `no "ssl_certificate" is defined for the "listen ... ssl" directive in /etc/nginx/conf.d/default.conf` };
    for (const f of [s.sslCertificate, s.sslCertificateKey ?? s.sslCertificate]) {
      if (files.file(f) === undefined) {
        const what = f === s.sslCertificate ? 'certificate' : 'certificate key';
        return { servers: [], error: `cannot load ${what} "${f}": BIO_new_file() failed (SSL: error:80000002:system library::No such file or directory:calling fopen(${f}, r) error:10000080:BIO routines::no such file)` };
      }
    }
  }
  return { servers };
}

/** The server that answers a connection on a port (the default_server, else the first). */
export function serverForPort(setup: NginxSetup, port: number): { server: NginxServer; ssl: boolean } | undefined {
  for (const s of setup.servers) {
    const l = s.listens.find((x) => x.port === port);
    if (l) return { server: s, ssl: l.ssl };
  }
  return undefined;
}
