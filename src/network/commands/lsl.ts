// `ls -l` as the images show it: the root directory's entries with their real modes, link
// counts, sizes and dates (the image's build date for what the image made; the container's start
// for what the runtime touched: /, /dev, /etc (hosts, resolv.conf), /proc, /sys, /run), symlinks
// of merged-/usr Debian, GNU ls's aligned columns or BusyBox's fixed ones.
import type { CommandContext } from './types';
import type { Base } from '../image-catalog';

interface Entry { name: string; mode: string; nlink: number; size: number; when: 'image' | 'start'; target?: string; user?: string }

const d = (name: string, nlink: number, when: 'image' | 'start' = 'image', mode = 'drwxr-xr-x', size = 4096): Entry => ({ name, mode, nlink, size, when });
const l = (name: string, target: string): Entry => ({ name, mode: 'lrwxrwxrwx', nlink: 1, size: target.length, when: 'image', target });

/** The root directory of each base: what `ls -la /` lists (besides . and ..). */
function rootEntries(base: Base, procLinks: number): Entry[] {
  const proc = d('proc', procLinks, 'start', 'dr-xr-xr-x', 0);
  const sys = d('sys', 13, 'start', 'dr-xr-xr-x', 0);
  const dev = d('dev', 5, 'start', 'drwxr-xr-x', 360);
  switch (base) {
    case 'busybox':
      return [d('bin', 2, 'image', 'drwxr-xr-x', 12288), dev, d('etc', 1, 'start'), d('home', 2, 'image', 'drwxr-xr-x'), d('lib', 2), l('lib64', 'lib'), proc,
        d('root', 2, 'image', 'drwx------'), sys, d('tmp', 2, 'image', 'drwxrwxrwt'), d('usr', 4), d('var', 4)];
    case 'alpine':
      return [d('bin', 2), dev, d('etc', 1, 'start'), d('home', 2), d('lib', 6), d('media', 5), d('mnt', 2), d('opt', 2), proc,
        d('root', 2, 'image', 'drwx------'), d('run', 1, 'start'), d('sbin', 2), d('srv', 2), sys, d('tmp', 2, 'image', 'drwxrwxrwt'), d('usr', 7), d('var', 12)];
    case 'jessie':
      return [d('bin', 2), d('boot', 2), dev, d('etc', 1, 'start'), d('home', 2), d('lib', 9), d('lib64', 2), d('media', 2), d('mnt', 2), d('opt', 2), proc,
        d('root', 2, 'image', 'drwx------'), d('run', 1, 'start'), d('sbin', 2), d('srv', 2), sys, d('tmp', 2, 'image', 'drwxrwxrwt'), d('usr', 10), d('var', 11)];
    case 'scratch':
      return [dev, d('etc', 1, 'start'), proc, sys];
    default:
      // merged /usr: bin, lib, lib64, sbin are links into /usr
      return [l('bin', 'usr/bin'), d('boot', 2), dev, d('etc', 1, 'start'), d('home', 2), l('lib', 'usr/lib'), l('lib64', 'usr/lib64'), d('media', 2), d('mnt', 2), d('opt', 2), proc,
        d('root', 2, 'image', 'drwx------'), d('run', 1, 'start'), l('sbin', 'usr/sbin'), d('srv', 2), sys, d('tmp', 2, 'image', 'drwxrwxrwt'), d('usr', 12), d('var', 11)];
  }
}

/** When the image's filesystem was built (the base image's date). */
function imageDate(base: Base): Date {
  switch (base) {
    case 'busybox': return new Date('2024-09-26T21:31:42Z');
    case 'alpine': return new Date('2025-02-14T03:00:33Z');
    case 'ubuntu': return new Date('2025-01-26T05:31:04Z');
    case 'jessie': return new Date('2018-07-17T00:00:00Z');
    case 'oracle': return new Date('2025-02-11T00:00:00Z');
    default: return new Date('2025-02-24T00:00:00Z');
  }
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** ls's date: `Mon DD HH:MM` within six months of now, else `Mon DD  YYYY`. */
export function lsDate(t: Date, now: Date): string {
  const recent = Math.abs(now.getTime() - t.getTime()) < 182.5 * 86400 * 1000;
  const md = `${MONTHS[t.getUTCMonth()]} ${String(t.getUTCDate()).padStart(2)}`;
  return recent ? `${md} ${String(t.getUTCHours()).padStart(2, '0')}:${String(t.getUTCMinutes()).padStart(2, '0')}` : `${md}  ${t.getUTCFullYear()}`;
}

function containerStart(ctx: CommandContext): Date {
  const name = ctx.sh.container?.name;
  const st = (ctx.sh.pod.status?.containerStatuses ?? []).find((c: any) => c.name === name);
  const t = Date.parse(st?.state?.running?.startedAt ?? ctx.sh.pod.status?.startTime ?? '');
  return Number.isNaN(t) ? ctx.sh.view.now() : new Date(t);
}

/** The long listing of a directory's entries (names as listed, with . and .. when -a). */
export function longListing(ctx: CommandContext, abs: string, names: string[], isDir: (p: string) => boolean): string[] {
  const img = ctx.sh.image;
  const now = ctx.sh.view.now();
  const start = containerStart(ctx);
  const built = imageDate(img.base);
  const procLinks = 150 + ctx.sh.processes().length + 2;
  const root = abs === '/' ? rootEntries(img.base, procLinks) : [];
  const rows: Entry[] = [];
  for (const n of names) {
    const known = root.find((e) => e.name === n);
    const path = abs === '/' ? '/' + n : `${abs}/${n}`;
    const written = ctx.sh.listFiles().includes(path);
    if (n === '.' || n === '..') rows.push({ ...d(n, 1, abs === '/' || n === '..' ? 'start' : 'image') });
    else if (known && !written) rows.push(known);
    else if (isDir(path)) rows.push(d(n, written ? 1 : 2, written ? 'start' : 'image'));
    else {
      const content = ctx.sh.readFile(path) ?? '';
      const runtime = ['/etc/hosts', '/etc/hostname', '/etc/resolv.conf'].includes(path) || path.startsWith('/var/run/secrets/');
      rows.push({ name: n, mode: '-rw-r--r--', nlink: 1, size: Buffer.byteLength(content), when: written || runtime ? 'start' : 'image' });
    }
  }
  const user = (e: Entry) => e.user ?? 'root';
  const date = (e: Entry) => lsDate(e.when === 'start' ? start : built, now);
  const total = rows.reduce((n, e) => n + (e.mode.startsWith('l') || e.size === 0 ? 0 : Math.ceil(e.size / 4096) * 4), 0);
  const label = (e: Entry) => e.name + (e.target ? ` -> ${e.target}` : '');
  const out = [`total ${total}`];
  if (img.family === 'debian') {
    const wl = Math.max(...rows.map((e) => String(e.nlink).length));
    const wu = Math.max(...rows.map((e) => user(e).length));
    const ws = Math.max(...rows.map((e) => String(e.size).length));
    for (const e of rows) out.push(`${e.mode} ${String(e.nlink).padStart(wl)} ${user(e).padEnd(wu)} ${user(e).padEnd(wu)} ${String(e.size).padStart(ws)} ${date(e)} ${label(e)}`);
  } else {
    // BusyBox: "%-10s %4u %-8.8s %-8.8s %9llu "
    for (const e of rows) out.push(`${e.mode} ${String(e.nlink).padStart(4)} ${user(e).padEnd(8).slice(0, 8)} ${user(e).padEnd(8).slice(0, 8)} ${String(e.size).padStart(9)} ${date(e)} ${label(e)}`);
  }
  return out;
}

/** The link target of a root entry that is a symlink (merged /usr), for path resolution. */
export function rootLink(base: Base, name: string): string | undefined {
  return rootEntries(base, 0).find((e) => e.name === name)?.target;
}
