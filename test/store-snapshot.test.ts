// Snapshots of the state (src/store/snapshot.ts) and the state's size over a long session.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { fork } from 'child_process';
import { Store } from '../src/store/db';
import { saveSnapshot, restoreSnapshot, readSnapshotInfo, listSnapshots, snapshotFile } from '../src/store/snapshot';
import { testCluster, deployment } from './helpers/cluster';

const dump = (store: Store) => ['objects', 'allocations', 'timers', 'runtime'].map((t) => JSON.stringify(store.db.prepare(`SELECT * FROM ${t} ORDER BY 1, 2`).all())).join('\n');

test('save and restore: every row comes back, with a new cluster id and the clock set back to the save', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(deployment('web', 'nginx', 3, [80])));
    const before = dump(c.store);
    const file = snapshotFile(c.dir, 'one');
    const info = saveSnapshot(c.store, file, 1_000_000);
    assert.deepEqual([info.nodes, info.pods > 3], [3, true]);
    assert.equal((fs.statSync(file).mode & 0o777).toString(8), '600');
    assert.equal(readSnapshotInfo(c.store, file)?.savedAt, 1_000_000);
    assert.deepEqual(listSnapshots(c.store, c.dir).map((s) => s.name), ['one']);
    c.store.newClusterId();
    c.store.replaced();
    c.write((api) => api.delete('Deployment', 'default', 'web'));
    assert.notEqual(dump(c.store), before);
    restoreSnapshot(c.store, file, 1_000_000 + 60_000);
    assert.equal(dump(c.store), before);
    assert.equal(c.store.meta('clock-offset'), '60000');
    assert.equal(c.store.replaced(), true, 'a restore replaces the cluster');
    assert.equal(c.store.meta('snapshot/saved-at'), undefined, 'the snapshot\'s own marks stay in the snapshot');
    assert.throws(() => restoreSnapshot(c.store, path.join(c.dir, 'nope.db')), /is not a kubesim snapshot/);
  } finally { c.close(); }
});

test('a save while other processes write is a consistent copy', async () => {
  const c = testCluster();
  try {
    c.write((api) => { for (let i = 0; i < 50; i++) api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: `cm${i}`, namespace: 'default' }, data: { n: '0' } }); });
    c.store.close();
    // A writer in another process bumps all 50 config maps together in each transaction.
    const script = `
      const Sqlite = require(${JSON.stringify(require.resolve('better-sqlite3'))});
      const db = new Sqlite(process.argv[2], { timeout: 30000 });
      const up = db.prepare("UPDATE objects SET json = json_set(json, '$.data.n', ?) WHERE kind = 'ConfigMap' AND name LIKE 'cm%'");
      let n = 0; process.send('ready');
      const t = setInterval(() => { n++; db.exec('BEGIN IMMEDIATE'); up.run(String(n)); db.exec('COMMIT'); }, 1);
      process.on('message', () => { clearInterval(t); db.close(); process.exit(0); });`;
    const runner = path.join(c.dir, 'writer.js');
    fs.writeFileSync(runner, script);
    const dbFile = path.join(c.dir, 'cluster.db');
    const child = fork(runner, [dbFile], { stdio: 'ignore' });
    await new Promise((r) => child.once('message', r));
    const store = new Store(dbFile);
    try {
      for (let i = 0; i < 10; i++) {
        const file = path.join(c.dir, `snap${i}.db`);
        saveSnapshot(store, file);
        const snap = new Store(file);
        const values = new Set((snap.db.prepare("SELECT json_extract(json, '$.data.n') FROM objects WHERE kind = 'ConfigMap' AND name LIKE 'cm%'").pluck().all() as string[]));
        snap.close();
        assert.equal(values.size, 1, `snapshot ${i} holds one transaction's state, not a mix: ${[...values]}`);
      }
    } finally {
      child.send('stop');
      await new Promise((r) => child.once('exit', r));
      store.close();
    }
  } finally { fs.rmSync(c.dir, { recursive: true, force: true }); }
});

test('a long session keeps the file within 2x of a fresh one holding the same objects', () => {
  const c = testCluster();
  try {
    c.write((api) => api.create(deployment('web', 'nginx', 3, [80])));
    // 20,000 writes over a day of the cluster's time (one every 4.5 s), each doing what Session.write does
    for (let i = 0; i < 20000; i++) {
      c.api.transaction(() => {
        c.api.mutate('Deployment', 'default', 'web', (d) => { d.metadata.annotations = { n: String(i), pad: 'x'.repeat(200) }; });
        c.store.compactRevisions(c.api.nowMs());
      });
      c.clock.now += 4500;
    }
    c.store.db.pragma('wal_checkpoint(TRUNCATE)');
    const size = fs.statSync(path.join(c.dir, 'cluster.db')).size;
    const fresh = path.join(c.dir, 'fresh.db');
    c.store.db.prepare('VACUUM INTO ?').run(fresh);
    // the same objects without the session's history
    const f = new Store(fresh);
    f.db.exec('DELETE FROM revisions; DELETE FROM logs');
    f.db.pragma('journal_mode = DELETE');
    f.db.exec('VACUUM');
    f.close();
    const freshSize = fs.statSync(fresh).size;
    assert.ok(size <= 2 * freshSize, `file ${size} bytes, a fresh copy ${freshSize}`);
  } finally { c.close(); }
});
