// kubectl cp: files between a container and this machine, the way kubectl 1.32's pkg/cmd/cp
// does it: through `tar` in the container (`tar cf - PATH` to read, `test -d` then
// `tar -xmf - -C DIR` to write), so a container without tar fails as on a cluster and tar's own
// messages are what the user sees. The container side is the simulated data plane
// (src/network/commands/tar.ts); the local side reads and writes only the paths the user named,
// as kubectl does on the user's machine.
import * as fs from 'fs';
import * as path from 'path';
import { parseFlags } from './flags';
import { session } from './session';
import { out, err } from './io';
import { CliError, KObject } from '../api/types';
import { notFound } from '../api/server';
import { resolveType } from './resources';
import { dataPlaneHost } from './dataplane-host';
import { writeTar, readTar, TarEntry, TarError } from '../network/tar-format';

interface FileSpec { namespace?: string; pod?: string; file: string }

function extractFileSpec(arg: string): FileSpec {
  const i = arg.indexOf(':');
  if (i === 0) throw new CliError('filespec must match the canonical format: [[namespace/]pod:]file/path');
  if (i < 0) return { file: arg };
  const pieces = arg.slice(0, i).split('/');
  const file = arg.slice(i + 1);
  if (pieces.length === 1) return { pod: pieces[0], file };
  if (pieces.length === 2) return { namespace: pieces[0], pod: pieces[1], file };
  throw new CliError('filespec must match the canonical format: [[namespace/]pod:]file/path');
}

// remotePath: path (unix) semantics
const clean = (p: string) => path.posix.normalize(p).replace(/(.)\/$/, '$1');
const rDir = (p: string) => path.posix.dirname(clean(p));
const rBase = (p: string) => path.posix.basename(clean(p)) || '/';
/** stripPathShortcuts: no leading ../ or ./ */
function stripPathShortcuts(p: string): string {
  let t = p;
  for (;;) {
    if (t.startsWith('../')) t = t.slice(3);
    else if (t === '..' || t === '.') return '';
    else if (t.startsWith('./')) t = t.slice(2);
    else return t;
  }
}

interface Target { pod: KObject; container?: string }

export async function run(argv: string[]): Promise<number> {
  const p = parseFlags(argv, [
    { name: 'container', short: 'c', type: 'string', default: '' },
    { name: 'no-preserve', type: 'bool', default: false },
    { name: 'retries', type: 'int', default: 0 },
  ], 'kubectl cp');
  const f = p.flags;
  if (p.args.length !== 2) throw new CliError('source and destination are required');
  const src = extractFileSpec(p.args[0]);
  const dest = extractFileSpec(p.args[1]);
  if (src.pod && dest.pod) throw new CliError('one of src or dest must be a local file specification');
  if (!src.file || !dest.file) throw new CliError('filepath can not be empty');
  if (!src.pod && !dest.pod) throw new CliError('one of src or dest must be a remote file specification');
  const s = session();
  s.catchUp();
  const ns = s.namespace(f.namespace);
  const spec = (src.pod ? src : dest);
  const podNs = spec.namespace || ns;
  const pod = s.api.get('Pod', podNs, spec.pod!);
  if (!pod) throw notFound(resolveType('pods'), spec.pod!);
  const t: Target = { pod, container: f.container || undefined };
  return src.pod ? copyFromPod(s, t, src, dest.file) : copyToPod(s, t, src.file, dest, !!f['no-preserve']);
}

/** ExecOptions.Run for one command: stdin text (latin1 bytes), stdout and stderr collected. */
async function execIn(s: ReturnType<typeof session>, t: Target, argv: string[], input: string | undefined, errTo: (text: string) => void): Promise<{ stdout: string; exitCode: number; error?: string }> {
  const containers: any[] = t.pod.spec?.containers ?? [];
  let container = t.container;
  if (!container && containers.length > 1) {
    const def = t.pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? containers[0].name;
    errTo(`Defaulted container "${def}" out of: ${containers.map((c) => c.name).join(', ')}\n`);
    container = def;
  }
  const { execStream } = require('../network/shell') as typeof import('../network/shell');
  let stdout = '';
  const r = await execStream(dataPlaneHost(s), t.pod, container, argv, {
    input: input ?? '', tty: false, interactive: input !== undefined,
    write: (fd, text) => { if (fd === 1) stdout += text; else errTo(text); },
  });
  return { stdout, exitCode: r.exitCode, ...(r.error ? { error: r.error } : {}) };
}

/** cmdutil.CheckErr of an exec's failure: kubectl's error, or the command's exit code. */
function execFailure(r: { exitCode: number; error?: string }): number {
  if (r.error) throw new CliError(r.error, 1, r.error.startsWith('Error from server'));
  err(`command terminated with exit code ${r.exitCode}\n`);
  return r.exitCode;
}

// ---- to the container ------------------------------------------------------------------------

/** recursiveTar: the local file or directory under the name it gets in the container. */
function tarLocal(srcPath: string, destName: string, entries: TarEntry[]): void {
  const st = fs.lstatSync(srcPath);
  if (st.isDirectory()) {
    const names = fs.readdirSync(srcPath).sort();
    if (!names.length) entries.push({ name: destName, type: 'dir', mode: st.mode & 0o7777, mtime: st.mtimeMs });
    for (const n of names) tarLocal(path.join(srcPath, n), `${destName}/${n}`, entries);
  } else if (st.isSymbolicLink()) {
    entries.push({ name: destName, type: 'symlink', linkname: fs.readlinkSync(srcPath), mode: st.mode & 0o7777, mtime: st.mtimeMs });
  } else if (st.isFile()) {
    entries.push({ name: destName, type: 'file', data: fs.readFileSync(srcPath), mode: st.mode & 0o7777, mtime: st.mtimeMs });
  }
}

async function copyToPod(s: ReturnType<typeof session>, t: Target, srcFile: string, dest: FileSpec, noPreserve: boolean): Promise<number> {
  if (!fs.existsSync(srcFile)) throw new CliError(`${srcFile} doesn't exist in local filesystem`);
  let destFile = dest.file;
  // checkDestinationIsDir: its output and errors are discarded
  const isDir = await execIn(s, t, ['test', '-d', destFile], '', () => {});
  if (!isDir.error && isDir.exitCode === 0) destFile = path.posix.join(destFile, path.basename(path.resolve(srcFile)));
  const entries: TarEntry[] = [];
  const srcClean = path.normalize(srcFile);
  tarLocal(srcClean, rBase(destFile), entries);
  const cmd = noPreserve ? ['tar', '--no-same-permissions', '--no-same-owner', '-xmf', '-'] : ['tar', '-xmf', '-'];
  const dir = rDir(destFile);
  if (dir) cmd.push('-C', dir);
  const r = await execIn(s, t, cmd, writeTar(entries).toString('latin1'), err);
  if (r.stdout) out(r.stdout);
  if (r.error || r.exitCode !== 0) return execFailure(r);
  return 0;
}

// ---- from the container ----------------------------------------------------------------------

async function copyFromPod(s: ReturnType<typeof session>, t: Target, src: FileSpec, destFile: string): Promise<number> {
  // tar's stderr goes to kubectl's stdout (TarPipe's ErrOut is o.Out)
  const r = await execIn(s, t, ['tar', 'cf', '-', src.file], undefined, out);
  if (r.error) return execFailure(r);
  const prefix = stripPathShortcuts(clean(src.file.replace(/^\/+/, '')));
  let entries: TarEntry[] = [];
  try {
    entries = readTar(Buffer.from(r.stdout, 'latin1'));
  } catch (e) {
    if (!(e instanceof TarError)) throw e;
    if (r.exitCode === 0) throw new CliError(e.message);
  }
  let symlinkWarned = false;
  const dest = path.normalize(destFile);
  for (const h of entries) {
    if (!h.name.startsWith(prefix)) throw new CliError('tar contents corrupted');
    const rest = clean('/' + h.name.slice(prefix.length)).replace(/^\/+/, '');
    const target = rest ? path.join(dest, rest) : dest;
    const rel = path.relative(dest, target);
    if (rel.startsWith('..') || path.isAbsolute(rel)) { err(`warning: file "${target}" is outside target destination, skipping\n`); continue; }
    try {
      fs.mkdirSync(path.dirname(target), { recursive: true });
      if (h.type === 'dir') { fs.mkdirSync(target, { recursive: true }); continue; }
      if (h.type === 'symlink') {
        if (!symlinkWarned) {
          err(`warning: skipping symlink: "${target}" -> "${h.linkname}" (consider using "kubectl exec -n "${t.pod.metadata.namespace}" "${t.pod.metadata.name}" -- tar cf - "${src.file}" | tar xf -")\n`);
          symlinkWarned = true;
        } else err(`warning: skipping symlink: "${target}" -> "${h.linkname}"\n`);
        continue;
      }
      fs.writeFileSync(target, h.data!);
    } catch (e: any) {
      throw new CliError(goPathError(e, target));
    }
  }
  // tar's failure (a missing file) is not kubectl's: the exec runs in a goroutine whose error
  // the copy does not wait for, so kubectl 1.32 prints tar's messages and exits 0
  // (kubernetes/kubectl#980, still open)
  return 0;
}

/** Go's *PathError text for a failed local write: `open PATH: is a directory`. */
function goPathError(e: any, target: string): string {
  const why: Record<string, string> = { EISDIR: 'is a directory', EACCES: 'permission denied', ENOTDIR: 'not a directory', ENOENT: 'no such file or directory', EEXIST: 'file exists', ENOSPC: 'no space left on device', EROFS: 'read-only file system' };
  const op = e?.syscall === 'mkdir' ? 'mkdir' : 'open';
  return `${op} ${e?.path ?? target}: ${why[e?.code] ?? String(e?.message ?? e)}`;
}
