// Snapshots of the cluster file: saved with VACUUM INTO (a consistent copy taken inside one read
// transaction, so concurrent writers are neither blocked nor half-copied) and restored by copying
// every table back inside one write transaction of the live database (never a file copy over a
// live WAL database). A restore replaces the cluster: it gets a new cluster id, which running
// watchers and servers notice (Store.replaced()).
//
// Time: a snapshot remembers when it was saved; after a restore the cluster's clock runs from
// that moment (see restoreSnapshot), so the clock-driven parts (pods starting, back-offs,
// evictions, ages) continue from the restored state, not from the time of the save.
import * as fs from 'fs';
import * as path from 'path';
import type { Store } from './db';
import { SCHEMA_VERSION } from './db';

/** The tables of the state, in the order they are restored. */
const TABLES = ['meta', 'objects', 'revisions', 'allocations', 'timers', 'runtime', 'logs'];

export interface SnapshotInfo { name: string; file: string; savedAt: number; nodes: number; pods: number; size: number }

export const SNAPSHOT_NAME = /^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$/;

export function snapshotDir(home: string): string { return path.join(home, 'snapshots'); }
export function snapshotFile(home: string, name: string): string { return path.join(snapshotDir(home), `${name}.db`); }

/** Copy the live state into `file` (which must not exist), with when and what it holds. */
export function saveSnapshot(store: Store, file: string, now = Date.now()): SnapshotInfo {
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  store.db.prepare('VACUUM INTO ?').run(file);
  fs.chmodSync(file, 0o600);
  const Sqlite = require('better-sqlite3') as typeof import('better-sqlite3');
  const snap = new Sqlite(file, { nativeBinding: store.nativeBinding });
  try {
    const count = (kind: string) => snap.prepare('SELECT count(*) FROM objects WHERE kind = ?').pluck().get(kind) as number;
    const nodes = count('Node'), pods = count('Pod');
    const put = snap.prepare('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value');
    snap.transaction(() => {
      put.run('snapshot/saved-at', String(now));
      put.run('snapshot/nodes', String(nodes));
      put.run('snapshot/pods', String(pods));
    })();
    snap.pragma('journal_mode = DELETE');
    return { name: path.basename(file, '.db'), file, savedAt: now, nodes, pods, size: 0 };
  } finally { snap.close(); }
}

/** What a snapshot file says of itself; undefined when it is not a kubesim snapshot. */
export function readSnapshotInfo(store: Pick<Store, 'nativeBinding'>, file: string): SnapshotInfo | undefined {
  const Sqlite = require('better-sqlite3') as typeof import('better-sqlite3');
  let snap;
  try { snap = new Sqlite(file, { readonly: true, fileMustExist: true, nativeBinding: store.nativeBinding }); } catch { return undefined; }
  try {
    const meta = (k: string) => snap.prepare('SELECT value FROM meta WHERE key = ?').pluck().get(k) as string | undefined;
    const savedAt = Number(meta('snapshot/saved-at'));
    if (!Number.isFinite(savedAt)) return undefined;
    return { name: path.basename(file, '.db'), file, savedAt, nodes: Number(meta('snapshot/nodes') ?? 0), pods: Number(meta('snapshot/pods') ?? 0), size: fs.statSync(file).size };
  } catch { return undefined; } finally { snap.close(); }
}

export function listSnapshots(store: Pick<Store, 'nativeBinding'>, home: string): SnapshotInfo[] {
  let names: string[] = [];
  try { names = fs.readdirSync(snapshotDir(home)).filter((f) => f.endsWith('.db')); } catch { return []; }
  return names.sort().map((f) => readSnapshotInfo(store, path.join(snapshotDir(home), f))).filter((x): x is SnapshotInfo => !!x);
}

// ---- restore ---------------------------------------------------------------------------------

/** Replace the live state with a snapshot's, in one write transaction. Returns the snapshot's
 *  description. Throws (nothing changed) when the file is not a snapshot of this kubesim.
 *  The cluster's clock is set back to the moment of the save (meta 'clock-offset', the
 *  milliseconds the cluster's time runs behind the wall clock, read by the Session), so the
 *  restored objects are exactly the saved ones and what was due by the clock comes due as it
 *  would have. */
export function restoreSnapshot(store: Store, file: string, now = Date.now()): SnapshotInfo {
  const info = readSnapshotInfo(store, file);
  if (!info) throw new Error(`${file} is not a kubesim snapshot`);
  const Sqlite = require('better-sqlite3') as typeof import('better-sqlite3');
  const check = new Sqlite(file, { readonly: true, nativeBinding: store.nativeBinding });
  const version = check.pragma('user_version', { simple: true }) as number;
  check.close();
  if (version !== SCHEMA_VERSION) throw new Error(`${file} was saved by a kubesim with state version ${version}; this one reads version ${SCHEMA_VERSION}`);
  const db = store.db;
  db.prepare('ATTACH DATABASE ? AS snap').run(file);
  try {
    store.write(() => {
      for (const t of TABLES) {
        db.exec(`DELETE FROM main.${t}`);
        db.exec(`INSERT INTO main.${t} SELECT * FROM snap.${t}`);
      }
      db.exec("DELETE FROM main.meta WHERE key LIKE 'snapshot/%'");
      const before = Number(store.meta('clock-offset') ?? 0);
      store.setMeta('clock-offset', String(before + Math.max(0, now - info.savedAt)));
      store.newClusterId();
    });
  } finally { db.exec('DETACH DATABASE snap'); }
  return info;
}
