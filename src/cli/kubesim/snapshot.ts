// kubesim snapshot save|restore|list|delete|export|import: go back to the start of an exercise,
// hand a prepared cluster to students. Snapshots live in $KUBESIM_HOME/snapshots/NAME.db
// (owner-only); the copying is the store's (src/store/snapshot.ts).
import * as fs from 'fs';
import * as path from 'path';
import { kubesimHome } from '../../store/db';
import { CliError } from '../../api/types';
import { out } from '../io';
import * as snap from '../../store/snapshot';

const session = () => (require('../session') as typeof import('../session')).session();
const home = () => kubesimHome();

function checkName(name: string): void {
  if (!snap.SNAPSHOT_NAME.test(name)) throw new CliError(`kubesim: "${name}" is not a snapshot name: use letters, digits, '.', '_' and '-' (at most 63, starting with a letter or digit)`, 2, true);
}
function mustExist(name: string): string {
  checkName(name);
  const file = snap.snapshotFile(home(), name);
  if (!fs.existsSync(file)) throw new CliError(`kubesim: no snapshot "${name}" (see \`kubesim snapshot list\`)`, 1, true);
  return file;
}

const ms = (t0: bigint) => `${(Number(process.hrtime.bigint() - t0) / 1e6).toFixed(0)} ms`;

export function save(name: string, force: boolean): void {
  checkName(name);
  const file = snap.snapshotFile(home(), name);
  if (fs.existsSync(file) && !force) throw new CliError(`kubesim: snapshot "${name}" already exists (--force replaces it)`, 1, true);
  const s = session();
  s.catchUp();
  const t0 = process.hrtime.bigint();
  const tmp = `${file}.${process.pid}.tmp`;
  try {
    const info = snap.saveSnapshot(s.store, tmp);
    fs.renameSync(tmp, file);
    out(`kubesim: snapshot "${name}" saved (${info.nodes} nodes, ${info.pods} pods) in ${ms(t0)}\n`);
  } finally { fs.rmSync(tmp, { force: true }); }
}

export function restore(name: string): void {
  const file = mustExist(name);
  restoreFile(file, `snapshot "${name}"`);
}

function restoreFile(file: string, what: string): void {
  const s = session();
  const t0 = process.hrtime.bigint();
  let info: snap.SnapshotInfo;
  try { info = snap.restoreSnapshot(s.store, file); } catch (e: any) {
    if (e instanceof CliError) throw e;
    throw new CliError(`kubesim: cannot restore ${what}: ${e.message}`, 1, true);
  }
  out(`kubesim: ${what} restored (${info.nodes} nodes, ${info.pods} pods, saved ${new Date(info.savedAt).toISOString().replace(/\.\d+Z$/, 'Z')}) in ${ms(t0)}\n`);
}

export function list(): void {
  const s = session();
  const rows = snap.listSnapshots(s.store, home());
  if (!rows.length) { out('No snapshots. Save one with `kubesim snapshot save NAME`.\n'); return; }
  const { table } = require('./report') as typeof import('./report');
  out(table(['NAME', 'SAVED', 'NODES', 'PODS', 'SIZE'], rows.map((r) => [r.name, new Date(r.savedAt).toISOString().replace('T', ' ').replace(/\.\d+Z$/, ' UTC'), String(r.nodes), String(r.pods), humanSize(r.size)])));
}

export function remove(names: string[]): void {
  const files = names.map(mustExist);
  files.forEach((f, i) => { fs.unlinkSync(f); out(`kubesim: snapshot "${names[i]}" deleted\n`); });
}

export function exportTo(file: string, name: string | undefined, force: boolean): void {
  if (fs.existsSync(file) && !force) throw new CliError(`kubesim: ${file} already exists (--force overwrites it)`, 1, true);
  const dir = path.dirname(path.resolve(file));
  if (!fs.existsSync(dir)) throw new CliError(`kubesim: cannot write ${file}: no such directory ${dir}`, 1, true);
  const tmp = path.join(dir, `.${path.basename(file)}.${process.pid}.tmp`);
  try {
    if (name) {
      fs.copyFileSync(mustExist(name), tmp);
    } else {
      const s = session();
      s.catchUp();
      snap.saveSnapshot(s.store, tmp);
    }
    fs.renameSync(tmp, file);
  } finally { fs.rmSync(tmp, { force: true }); }
  const info = snap.readSnapshotInfo(session().store, file)!;
  out(`kubesim: ${name ? `snapshot "${name}"` : 'the cluster'} exported to ${file} (${info.nodes} nodes, ${info.pods} pods, ${humanSize(info.size)})\n`);
}

export function importFrom(file: string, saveAs: string | undefined): void {
  if (!fs.existsSync(file)) throw new CliError(`kubesim: cannot read ${file}: no such file`, 1, true);
  const s = session();
  if (!snap.readSnapshotInfo(s.store, file)) throw new CliError(`kubesim: ${file} is not a file written by \`kubesim snapshot export\``, 1, true);
  if (saveAs) {
    checkName(saveAs);
    const dest = snap.snapshotFile(home(), saveAs);
    if (fs.existsSync(dest)) throw new CliError(`kubesim: snapshot "${saveAs}" already exists`, 1, true);
    fs.mkdirSync(path.dirname(dest), { recursive: true, mode: 0o700 });
    fs.copyFileSync(file, dest);
    fs.chmodSync(dest, 0o600);
    out(`kubesim: ${file} saved as snapshot "${saveAs}"\n`);
    return;
  }
  restoreFile(file, file);
}

export function humanSize(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}
