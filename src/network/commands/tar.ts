// tar in a container: `tar cf - PATH` and `tar [--no-same-permissions --no-same-owner] -xmf -
// [-C DIR]`, which is what kubectl cp runs (and what people type). GNU tar on Debian-based
// images, busybox tar on busybox/Alpine, each with its own messages and exit codes. The archive
// is a latin1 string on stdin/stdout (src/network/tar-format.ts); files are the container's
// (written files over the image's and the volumes').
import type { Command, CommandContext } from './types';
import { isDir, listDir } from './basic';
import { writeTar, readTar, TarEntry, TarError } from '../tar-format';

const gnu = (ctx: CommandContext) => ctx.sh.image.family === 'debian';

interface Opts { create: boolean; extract: boolean; list: boolean; file?: string; dir?: string; paths: string[]; verbose: boolean }

function parse(argv: string[]): Opts | string {
  const o: Opts = { create: false, extract: false, list: false, paths: [], verbose: false };
  let args = argv.slice(1);
  // the first word may be a bundle of letters without a dash (tar cf - x)
  if (args.length && !args[0].startsWith('-')) args = ['-' + args[0], ...args.slice(1)];
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--no-same-permissions' || a === '--no-same-owner' || a === '--touch') continue;
    if (a.startsWith('--directory=')) { o.dir = a.slice(12); continue; }
    if (a.startsWith('--file=')) { o.file = a.slice(7); continue; }
    if (a === '--directory') { o.dir = args[++i]; continue; }
    if (a === '--file') { o.file = args[++i]; continue; }
    if (a.startsWith('--')) return a;
    if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const c = a[j];
        if (c === 'c') o.create = true;
        else if (c === 'x') o.extract = true;
        else if (c === 't') o.list = true;
        else if (c === 'v') o.verbose = true;
        else if (c === 'm' || c === 'p' || c === 'o') continue;
        else if (c === 'f' || c === 'C') {
          const v = j + 1 < a.length ? a.slice(j + 1) : args[++i];
          if (c === 'f') o.file = v; else o.dir = v;
          break;
        } else return '-' + c;
      }
      continue;
    }
    o.paths.push(a);
  }
  return o;
}

/** The container's files under a path, for an archive: directories first, then what they hold. */
function collect(ctx: CommandContext, abs: string, name: string, out: TarEntry[], depth = 0): void {
  const entries = isDir(ctx, abs) || ctx.sh.listFiles().some((f) => f.startsWith(abs === '/' ? '/' : abs + '/')) ? listDir(ctx, abs) : undefined;
  if (entries && depth < 32) {
    out.push({ name: name.endsWith('/') ? name : name + '/', type: 'dir' });
    for (const e of entries) collect(ctx, abs === '/' ? `/${e}` : `${abs}/${e}`, `${name.replace(/\/$/, '')}/${e}`, out, depth + 1);
    return;
  }
  const content = ctx.sh.readFile(abs);
  if (content !== undefined) out.push({ name, type: 'file', data: Buffer.from(content, 'utf8') });
}

export const tar: Command = (ctx) => {
  const o = parse(ctx.argv);
  const g = gnu(ctx);
  if (typeof o === 'string') {
    if (g) { ctx.err(`tar: unrecognized option '${o}'\nTry 'tar --help' or 'tar --usage' for more information.\n`); return 2; }
    ctx.err(`tar: unrecognized option '${o.replace(/^-/, '')}'\nBusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: tar c|x|t [-ZzJjahmvokO] [-f TARFILE] [-C DIR] [-T FILE] [-X FILE] [LONGOPT]... [FILE]...\n`);
    return 1;
  }
  const modes = Number(o.create) + Number(o.extract) + Number(o.list);
  if (modes !== 1) {
    if (g) { ctx.err(modes ? "tar: You may not specify more than one '-Acdtrux', '--delete' or  '--test-label' option\nTry 'tar --help' or 'tar --usage' for more information.\n" : "tar: You must specify one of the '-Acdtrux', '--delete' or '--test-label' options\nTry 'tar --help' or 'tar --usage' for more information.\n"); return 2; }
    ctx.err('BusyBox v1.37.0 (2024-09-26 21:31:42 UTC) multi-call binary.\n\nUsage: tar c|x|t [-ZzJjahmvokO] [-f TARFILE] [-C DIR] [-T FILE] [-X FILE] [LONGOPT]... [FILE]...\n');
    return 1;
  }
  if (o.file !== undefined && o.file !== '-') {
    ctx.err(g ? `tar: ${o.file}: Cannot open: Read-only file system\ntar: Error is not recoverable: exiting now\n` : `tar: can't open '${o.file}': Read-only file system\n`);
    return g ? 2 : 1;
  }
  // -C: the directory must exist
  const base = o.dir !== undefined ? ctx.sh.resolvePath(o.dir) : ctx.sh.cwd;
  if (o.dir !== undefined && !isDir(ctx, base) && !ctx.sh.listFiles().some((f) => f.startsWith(base + '/'))) {
    ctx.err(g ? `tar: ${o.dir}: Cannot open: No such file or directory\ntar: Error is not recoverable: exiting now\n` : `tar: can't change directory to '${o.dir}': No such file or directory\n`);
    return g ? 2 : 1;
  }
  const at = (p: string) => (p.startsWith('/') ? p : base === '/' ? `/${p}` : `${base}/${p}`);

  if (o.create) {
    if (!o.paths.length) {
      ctx.err(g ? "tar: Cowardly refusing to create an empty archive\nTry 'tar --help' or 'tar --usage' for more information.\n" : 'tar: empty archive\n');
      return g ? 2 : 1;
    }
    const entries: TarEntry[] = [];
    let failed = false, warned = false;
    for (const p of o.paths) {
      const abs = ctx.sh.resolvePath(at(p));
      let name = p;
      if (name.startsWith('/')) {
        if (!warned) { ctx.err(g ? "tar: Removing leading `/' from member names\n" : "tar: removing leading '/' from member names\n"); warned = true; }
        name = name.replace(/^\/+/, '');
      }
      const before = entries.length;
      collect(ctx, abs, name || './', entries);
      if (entries.length === before) {
        failed = true;
        ctx.err(g ? `tar: ${p}: Cannot stat: No such file or directory\n` : `tar: ${p}: No such file or directory\n`);
      }
    }
    ctx.out(writeTar(entries).toString('latin1'));
    if (!failed) return 0;
    ctx.err(g ? 'tar: Exiting with failure status due to previous errors\n' : 'tar: error exit delayed from previous errors\n');
    return g ? 2 : 1;
  }

  let entries: TarEntry[];
  try {
    entries = readTar(Buffer.from(ctx.stdin, 'latin1'));
  } catch (e) {
    if (!(e instanceof TarError)) throw e;
    ctx.err(g ? 'tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n' : 'tar: invalid tar magic\n');
    return g ? 2 : 1;
  }
  if (!entries.length && !ctx.stdin.length) {
    ctx.err(g ? 'tar: This does not look like a tar archive\ntar: Exiting with failure status due to previous errors\n' : 'tar: short read\n');
    return g ? 2 : 1;
  }
  for (const e of entries) {
    if (o.list || o.verbose) ctx.out(e.name + '\n');
    if (o.list) continue;
    if (e.type === 'file') ctx.sh.writeFile(at(e.name.replace(/^\/+/, '')), e.data!.toString('utf8'));
    // directories exist through what they hold; links are not kept
  }
  return 0;
};
