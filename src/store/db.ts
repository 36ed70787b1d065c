// SQLite: open (WAL, busy timeout, owner-only file), migrate, and the row-level operations the
// API layer builds on. Nothing here knows about Kubernetes semantics beyond the indexed columns.
import schema from '../../state/schema.sql';
import * as fs from 'fs';
import * as path from 'path';

type Database = import('better-sqlite3').Database;
type Statement = import('better-sqlite3').Statement;

import m002 from '../../state/migrations/002_pod_projection.sql';
import m003 from '../../state/migrations/003_traces.sql';

/** Migrations by the version they bring a database to (PRAGMA user_version). */
const MIGRATIONS: [number, string][] = [[2, m002], [3, m003]];
export const SCHEMA_VERSION = 3;

/** The bundle (dist/) loads better-sqlite3's addon by path: faster than `bindings`' search. */
function nativeBinding(): string | undefined {
  const f = path.join(__dirname, '..', 'node_modules', 'better-sqlite3', 'build', 'Release', 'better_sqlite3.node');
  return __dirname.endsWith('dist') && fs.existsSync(f) ? f : undefined;
}

export function kubesimHome(): string {
  // `os` is required only here: loading it costs every invocation that sets KUBESIM_HOME.
  return process.env.KUBESIM_HOME || path.join((require('os') as typeof import('os')).homedir(), '.kubesim');
}

export type ChangeType = 'ADDED' | 'MODIFIED' | 'DELETED';
export interface Revision { rv: number; type: ChangeType; kind: string; namespace: string; name: string; json: string }

/** better-sqlite3 without its compiled addon (an install whose scripts did not run): say what
 *  to do instead of a stack trace from \`bindings\`. */
function openDatabase(file: string, opts: import('better-sqlite3').Options): Database {
  const Sqlite = require('better-sqlite3') as typeof import('better-sqlite3');
  try {
    return new Sqlite(file, opts);
  } catch (e: any) {
    const m = String(e?.message ?? e);
    if (/bindings file|better_sqlite3\.node|NODE_MODULE_VERSION|was compiled against a different Node/.test(m)) {
      const { CliError } = require('../api/types') as typeof import('../api/types');
      throw new CliError(
        "kubesim: better-sqlite3's native addon is missing or was built for another Node.js (its install script did not run).\n" +
        'Run `npm rebuild better-sqlite3` in the kubesim folder (package.json lists it under "allowScripts", so npm may run its install script), then try again.', 1, true);
    }
    throw e;
  }
}

export class Store {
  readonly db: Database;
  readonly fresh: boolean;
  readonly file: string;
  /** the addon's path, for other connections (snapshots) */
  readonly nativeBinding: string | undefined;
  private st: Record<string, Statement> = {};
  private ino = 0;
  private clusterId: string | undefined;

  constructor(file?: string) {
    const home = kubesimHome();
    const dbFile = file ?? path.join(home, 'cluster.db');
    let fresh = !fs.existsSync(dbFile);
    if (fresh) {
      fs.mkdirSync(path.dirname(dbFile), { recursive: true, mode: 0o700 });
      // Create the file ourselves so it is owner-only from the first byte.
      try { fs.closeSync(fs.openSync(dbFile, 'wx', 0o600)); } catch { /* another process won the race */ }
    }
    this.file = dbFile;
    this.nativeBinding = nativeBinding();
    this.db = openDatabase(dbFile, { timeout: 30000, nativeBinding: this.nativeBinding });
    // A new file gives freed pages back (compactRevisions runs incremental_vacuum): set before
    // the first table exists, which is the only time SQLite lets it be set without a VACUUM.
    if (fresh) this.db.pragma('auto_vacuum = INCREMENTAL');
    this.db.pragma('journal_mode = WAL');
    this.db.pragma('synchronous = NORMAL');
    const version = this.db.pragma('user_version', { simple: true }) as number;
    if (version < SCHEMA_VERSION) {
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const v = this.db.pragma('user_version', { simple: true }) as number;
        if (v === 0) {
          this.db.exec(schema);
          fresh = true;
        } else {
          for (const [to, sql] of MIGRATIONS) if (v < to) this.db.exec(sql);
          fresh = false;
        }
        this.db.pragma(`user_version = ${SCHEMA_VERSION}`);
        this.db.exec('COMMIT');
      } catch (e) { this.db.exec('ROLLBACK'); throw e; }
    } else fresh = false;
    this.fresh = fresh;
    for (const f of [dbFile, dbFile + '-wal', dbFile + '-shm']) { try { fs.chmodSync(f, 0o600); } catch { /* not there */ } }
  }

  private s(sql: string): Statement {
    return (this.st[sql] ??= this.db.prepare(sql));
  }

  /** Run fn in one write transaction (BEGIN IMMEDIATE: writers queue on the busy timeout). */
  write<T>(fn: () => T): T {
    this.db.exec('BEGIN IMMEDIATE');
    this.rvCounter = 0;
    try {
      const r = fn();
      this.saveRv();
      this.db.exec('COMMIT');
      return r;
    } catch (e) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      this.rvCounter = 0;
      throw e;
    }
  }

  get inTransaction(): boolean { return this.db.inTransaction; }

  /** A new identity for the cluster in this file (bootstrap, snapshot restore). */
  newClusterId(): void {
    this.setMeta('cluster-id', (require('crypto') as typeof import('crypto')).randomUUID());
  }

  /** Whether the cluster this process opened was replaced since (by \`kubesim reset\`, which
   *  removes the file, or a snapshot restore, which gives it a new cluster id). Long-running
   *  verbs ask on their polls and end instead of going silent. The first call remembers. */
  replaced(): boolean {
    let ino: number;
    try { ino = fs.statSync(this.file).ino; } catch { return true; }
    const id = this.meta('cluster-id') ?? '';
    if (!this.ino) { this.ino = ino; this.clusterId = id; return false; }
    return ino !== this.ino || id !== this.clusterId;
  }

  meta(key: string): string | undefined {
    const r = this.s('SELECT value FROM meta WHERE key = ?').get(key) as { value: string } | undefined;
    return r?.value;
  }
  setMeta(key: string, value: string): void {
    this.s('INSERT INTO meta(key, value) VALUES (?, ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value').run(key, value);
  }

  getJson(kind: string, namespace: string, name: string): string | undefined {
    const r = this.s('SELECT json FROM objects WHERE kind = ? AND namespace = ? AND name = ?').get(kind, namespace, name) as { json: string } | undefined;
    return r?.json;
  }
  nodeOf(kind: string, namespace: string, name: string): string | null {
    return (this.s('SELECT node FROM objects WHERE kind = ? AND namespace = ? AND name = ?').pluck().get(kind, namespace, name) as string | null | undefined) ?? null;
  }
  exists(kind: string, namespace: string, name: string): boolean {
    return this.s('SELECT 1 FROM objects WHERE kind = ? AND namespace = ? AND name = ?').pluck().get(kind, namespace, name) !== undefined;
  }
  /** Objects of a kind as JSON, sorted by namespace and name; `slim` reads the table
   *  projection where there is one. */
  listJson(kind: string, namespace?: string, slim = false): string[] {
    const col = slim ? 'coalesce(slim, json)' : 'json';
    const rows = (namespace === undefined
      ? this.s(`SELECT ${col} FROM objects WHERE kind = ? ORDER BY namespace, name`).pluck().all(kind)
      : this.s(`SELECT ${col} FROM objects WHERE kind = ? AND namespace = ? ORDER BY name`).pluck().all(kind, namespace)) as string[];
    return rows;
  }
  /** Names of a kind's objects, sorted (shell completion reads only these). */
  listNames(kind: string, namespace: string): string[] {
    return this.s('SELECT name FROM objects WHERE kind = ? AND namespace = ? ORDER BY name').pluck().all(kind, namespace) as string[];
  }
  listJsonByNamePrefix(kind: string, namespace: string, prefix: string): string[] {
    return this.s('SELECT json FROM objects WHERE kind = ? AND namespace = ? AND name >= ? AND name < ? ORDER BY name').pluck().all(kind, namespace, prefix, prefix + '\uffff') as string[];
  }
  listJsonByOwner(ownerUid: string, kind: string, slim = false): string[] {
    return this.s(`SELECT ${slim ? 'coalesce(slim, json)' : 'json'} FROM objects WHERE owner = ? AND kind = ? ORDER BY name`).pluck().all(ownerUid, kind) as string[];
  }
  listJsonOwnedBy(ownerUid: string): string[] {
    return this.s('SELECT json FROM objects WHERE owner = ?').pluck().all(ownerUid) as string[];
  }
  listJsonByNode(node: string): string[] {
    return this.s("SELECT json FROM objects WHERE kind = 'Pod' AND node = ? ORDER BY namespace, name").pluck().all(node) as string[];
  }
  podCountsByNode(): Map<string, number> {
    const rows = this.s("SELECT node, count(*) AS n FROM objects WHERE kind = 'Pod' AND node IS NOT NULL AND node != '' GROUP BY node").all() as { node: string; n: number }[];
    return new Map(rows.map((r) => [r.node, r.n]));
  }
  countKind(kind: string, namespace?: string): number {
    return (namespace === undefined
      ? this.s('SELECT count(*) FROM objects WHERE kind = ?').pluck().get(kind)
      : this.s('SELECT count(*) FROM objects WHERE kind = ? AND namespace = ?').pluck().get(kind, namespace)) as number;
  }
  kindsInNamespace(namespace: string): string[] {
    return this.s('SELECT DISTINCT kind FROM objects WHERE namespace = ?').pluck().all(namespace) as string[];
  }

  private rvCounter = 0;
  /** Hand out the next resourceVersion; only meaningful inside a write transaction (which
   *  holds the lock). Revisions may be written later, in rv order, with gaps. */
  allocRv(): number {
    if (!this.rvCounter) {
      // meta.rv is saved by every write transaction; max(revisions.rv) is a rowid lookup.
      const r = this.s('SELECT max(rv) FROM revisions').pluck().get() as number | null;
      this.rvCounter = Math.max(r ?? 0, Number(this.meta('rv') ?? 0));
    }
    return ++this.rvCounter;
  }
  /** Remember the highest rv handed out (revisions of skipped objects leave gaps). */
  saveRv(): void { if (this.rvCounter) this.setMeta('rv', String(this.rvCounter)); }

  appendRevision(rv: number, type: ChangeType, kind: string, namespace: string, name: string, json: string): void {
    this.s('INSERT INTO revisions(rv, type, kind, namespace, name, json) VALUES (?, ?, ?, ?, ?, ?)').run(rv, type, kind, namespace, name, json);
  }

  /** Insert or replace an object row. */
  putRow(kind: string, namespace: string, name: string, uid: string, rv: number, owner: string | null, node: string | null, json: string, slim: string | null): void {
    this.s('INSERT INTO objects(kind, namespace, name, uid, rv, owner, node, json, slim) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) ' +
      'ON CONFLICT(kind, namespace, name) DO UPDATE SET uid = excluded.uid, rv = excluded.rv, owner = excluded.owner, node = excluded.node, json = excluded.json, slim = excluded.slim')
      .run(kind, namespace, name, uid, rv, owner, node, json, slim);
  }
  deleteObject(kind: string, namespace: string, name: string): void {
    this.s('DELETE FROM objects WHERE kind = ? AND namespace = ? AND name = ?').run(kind, namespace, name);
  }
  deleteTimersOf(kind: string, namespace: string, name: string): void {
    this.s('DELETE FROM timers WHERE kind = ? AND namespace = ? AND name = ?').run(kind, namespace, name);
  }

  maxRv(): number {
    return (this.s('SELECT max(rv) FROM revisions').pluck().get() as number | null) ?? 0;
  }
  /** The oldest revision still in the log (0 when empty): a watch from before it is too old. */
  minRv(): number {
    return (this.s('SELECT min(rv) FROM revisions').pluck().get() as number | null) ?? 0;
  }
  /** Changes after rv, in order, each with the object as it was then. ADDED/MODIFIED revisions
   *  do not keep a copy of the object (that would double what a write costs): the object is
   *  read from the objects table, and a revision whose object has changed again since is left
   *  out, because a later revision in the log carries that object. DELETED revisions keep the
   *  object's last state. */
  revisionsSince(rv: number, kind?: string, limit = 5000): Revision[] {
    const sql = 'SELECT r.rv, r.type, r.kind, r.namespace, r.name, CASE WHEN r.type = \'DELETED\' THEN r.json ELSE o.json END AS json ' +
      'FROM revisions r LEFT JOIN objects o ON o.kind = r.kind AND o.namespace = r.namespace AND o.name = r.name ' +
      `WHERE ${kind ? 'r.kind = ? AND ' : ''}r.rv > ? AND (r.type = 'DELETED' OR o.rv = r.rv) ORDER BY r.rv LIMIT ?`;
    const rows = (kind ? this.s(sql).all(kind, rv, limit) : this.s(sql).all(rv, limit)) as Revision[];
    return rows;
  }

  /** Keep the revision log bounded, as the API server compacts etcd: every `intervalMs` of the
   *  cluster's time, the revisions that were already there at the previous compaction are
   *  dropped (so each one lives at least one interval: watchers poll far more often; a watch from
   *  before them gets 410 Gone and lists again), and the freed pages are given back to the file
   *  system a few at a time, so a long session's file stays the size of what it holds. One meta
   *  read when nothing is due. */
  compactRevisions(now: number, intervalMs = 60000): void {
    const at = Number(this.meta('compact/at') ?? 0);
    if (at && now - at < intervalMs && now >= at) return;
    const mark = Number(this.meta('compact/mark') ?? 0);
    if (mark) this.s('DELETE FROM revisions WHERE rv <= ?').run(mark);
    this.setMeta('compact/mark', String(this.maxRv()));
    this.setMeta('compact/at', String(now));
    if (this.autoVacuum === undefined) this.autoVacuum = this.db.pragma('auto_vacuum', { simple: true }) as number;
    if (this.autoVacuum === 2) this.db.pragma('incremental_vacuum(2000)');
  }
  private autoVacuum: number | undefined;
  /** The oldest revision still in the log (0: none dropped yet). */
  compactedBelow(): number {
    return (this.s('SELECT min(rv) FROM revisions').pluck().get() as number | null) ?? 0;
  }

  allocate(pool: string, value: string, owner: string): boolean {
    return this.s('INSERT OR IGNORE INTO allocations(pool, value, owner) VALUES (?, ?, ?)').run(pool, value, owner).changes === 1;
  }
  allocationOwner(pool: string, value: string): string | undefined {
    return this.s('SELECT owner FROM allocations WHERE pool = ? AND value = ?').pluck().get(pool, value) as string | undefined;
  }
  allocated(pool: string, prefix = ''): Set<string> {
    const rows = this.s('SELECT value FROM allocations WHERE pool = ? AND value >= ? AND value < ?').pluck().all(pool, prefix, prefix + '\uffff') as string[];
    return new Set(rows);
  }
  release(pool: string, value: string): void {
    this.s('DELETE FROM allocations WHERE pool = ? AND value = ?').run(pool, value);
  }
  releaseOwner(owner: string, pool?: string): void {
    if (pool) this.s('DELETE FROM allocations WHERE owner = ? AND pool = ?').run(owner, pool);
    else this.s('DELETE FROM allocations WHERE owner = ?').run(owner);
  }

  setTimer(kind: string, namespace: string, name: string, due: number): void {
    this.s('INSERT INTO timers(kind, namespace, name, due) VALUES (?, ?, ?, ?) ON CONFLICT(kind, namespace, name) DO UPDATE SET due = min(due, excluded.due)').run(kind, namespace, name, due);
  }
  nextTimer(): number | undefined {
    return (this.s('SELECT min(due) FROM timers').pluck().get() as number | null) ?? undefined;
  }
  takeDueTimers(now: number): { kind: string; namespace: string; name: string }[] {
    const rows = this.s('SELECT kind, namespace, name FROM timers WHERE due <= ? ORDER BY due').all(now) as { kind: string; namespace: string; name: string }[];
    if (rows.length) this.s('DELETE FROM timers WHERE due <= ?').run(now);
    return rows;
  }

  runtime(uid: string): any {
    const j = this.s('SELECT json FROM runtime WHERE uid = ?').pluck().get(uid) as string | undefined;
    return j ? JSON.parse(j) : undefined;
  }
  setRuntime(uid: string, value: unknown): void {
    this.s('INSERT INTO runtime(uid, json) VALUES (?, ?) ON CONFLICT(uid) DO UPDATE SET json = excluded.json').run(uid, JSON.stringify(value));
  }
  deleteRuntime(uid: string): void {
    this.s('DELETE FROM runtime WHERE uid = ?').run(uid);
    this.s('DELETE FROM logs WHERE pod_uid = ?').run(uid);
  }

  appendLog(podUid: string, container: string, line: string): void {
    this.s('INSERT INTO logs(pod_uid, container, line) VALUES (?, ?, ?)').run(podUid, container, line);
  }
  logs(podUid: string, container: string, afterId = 0): { id: number; line: string }[] {
    return this.s('SELECT id, line FROM logs WHERE pod_uid = ? AND container = ? AND id > ? ORDER BY id').all(podUid, container, afterId) as { id: number; line: string }[];
  }

  /** Append one request trace record (src/network/trace.ts); the table keeps the newest 10,000. */
  appendTrace(json: string): number {
    const id = Number(this.s('INSERT INTO traces(json) VALUES (?)').run(json).lastInsertRowid);
    if (id % 1000 === 0) this.s('DELETE FROM traces WHERE id <= ?').run(id - 10000);
    return id;
  }
  tracesSince(afterId: number, limit = 1000): { id: number; json: string }[] {
    return this.s('SELECT id, json FROM traces WHERE id > ? ORDER BY id LIMIT ?').all(afterId, limit) as { id: number; json: string }[];
  }
  lastTraceId(): number {
    return (this.s('SELECT max(id) FROM traces').pluck().get() as number | null) ?? 0;
  }

  close(): void { this.db.close(); }
}
