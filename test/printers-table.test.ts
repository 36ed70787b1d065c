// kubectl get tables. Two kinds of golden files under test/golden/table/:
// - cells.json: the cells printers.go 1.32 gives each object of objects.json (worked out by hand
//   from its rules; AGE etc. relative to "now");
// - <case>.out / .err: what the REAL kubectl v1.32 printed for cases.json's invocations when a
//   stand-in API server answered with Tables holding those cells (see _recorder/). So layout,
//   headers, -A, -L, --show-labels, kind prefixes, blank lines and watch output are kubectl's.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { KObject } from '../src/api/types';
import { resolveResource, kindInfo, KindInfo } from '../src/api/kinds';
import { parseResourceArgs } from '../src/cli/resources';
import { tableFor, printTables, noResourcesMessage, WatchTablePrinter, TableGroup, columnsFor } from '../src/printers/table/index';

const dir = path.join(__dirname, '..', '..', 'test', 'golden', 'table');
const objects: KObject[] = JSON.parse(fs.readFileSync(path.join(dir, 'objects.json'), 'utf8')).items;
const { now: nowStr, cells } = JSON.parse(fs.readFileSync(path.join(dir, 'cells.json'), 'utf8'));
const NOW = new Date(nowStr);
const cases: any[] = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8'));
const key = (o: KObject) => `${o.metadata.namespace || ''}/${o.metadata.name}`;
const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');

test('cells of every kind follow printers.go 1.32', () => {
  let n = 0;
  for (const o of objects) {
    const t = tableFor(o.kind, [o], NOW);
    assert.deepEqual(t.rows[0], cells[o.kind][key(o)], `${o.kind} ${key(o)}`);
    assert.equal(t.rows[0].length, t.columns.length, `${o.kind}: one cell per column`);
    n++;
  }
  assert.ok(n > 100);
});

test('column definitions: names, wide-only columns, the name column', () => {
  const names = (k: string, wide = false) => columnsFor(k).filter((c) => wide || c.priority === 0).map((c) => c.name.toUpperCase()).join(' ');
  assert.equal(names('Pod'), 'NAME READY STATUS RESTARTS AGE');
  assert.equal(names('Pod', true), 'NAME READY STATUS RESTARTS AGE IP NODE NOMINATED NODE READINESS GATES');
  assert.equal(names('Service', true), 'NAME TYPE CLUSTER-IP EXTERNAL-IP PORT(S) AGE SELECTOR');
  assert.equal(names('Deployment', true), 'NAME READY UP-TO-DATE AVAILABLE AGE CONTAINERS IMAGES SELECTOR');
  assert.equal(names('Event'), 'LAST SEEN TYPE REASON OBJECT MESSAGE');
  assert.equal(names('Event', true), 'LAST SEEN TYPE REASON OBJECT SUBOBJECT SOURCE MESSAGE FIRST SEEN COUNT NAME');
  assert.equal(names('Job'), 'NAME STATUS COMPLETIONS DURATION AGE');
  assert.equal(names('Node', true), 'NAME STATUS ROLES AGE VERSION INTERNAL-IP EXTERNAL-IP OS-IMAGE KERNEL-VERSION CONTAINER-RUNTIME');
  assert.equal(names('ClusterRole'), 'NAME CREATED AT');
  assert.equal(names('Widget'), 'NAME AGE');
  // the kind prefix goes to the column marked "name": for events the last (wide) one
  assert.equal(columnsFor('Event').findIndex((c) => c.format === 'name'), 9);
  assert.equal(columnsFor('Pod').findIndex((c) => c.format === 'name'), 0);
});

test('kinds without a server-side printer', () => {
  const cr = { apiVersion: 'example.com/v1', kind: 'Widget', metadata: { name: 'w1', namespace: 'default', creationTimestamp: '2024-05-01T11:00:00Z' } };
  assert.deepEqual(tableFor('Widget', [cr], NOW).rows, [['w1', '60m']]);
  assert.deepEqual(tableFor('Widget', [{ ...cr, metadata: { name: 'w2' } }], NOW).rows, [['w2', '<unknown>']]);
  const role = { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name: 'r', creationTimestamp: '2024-04-30T08:15:30.5Z' } };
  assert.deepEqual(tableFor('Role', [role], NOW).rows, [['r', '2024-04-30T08:15:30Z']]);
});

// ---- replaying the recorded kubectl invocations -------------------------------------------

interface Parsed {
  types: string[]; ns: string; allNs: boolean; wide: boolean; noHeaders: boolean; showLabels: boolean; showKind: boolean;
  labelColumns: string[]; selector?: string; watch: boolean; watchOnly: boolean; events: boolean;
}

function parseArgs(args: string[]): Parsed {
  const p: Parsed = { types: [], ns: 'default', allNs: false, wide: false, noHeaders: false, showLabels: false, showKind: false, labelColumns: [], watch: false, watchOnly: false, events: false };
  assert.equal(args[0], 'get');
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    switch (a) {
      case '-o': assert.equal(args[++i], 'wide'); p.wide = true; break;
      case '-A': p.allNs = true; break;
      case '-n': p.ns = args[++i]; break;
      case '-l': p.selector = args[++i]; break;
      case '-L': p.labelColumns.push(args[++i]); break;
      case '--show-labels': p.showLabels = true; break;
      case '--show-kind': p.showKind = true; break;
      case '--no-headers': p.noHeaders = true; break;
      case '-w': p.watch = true; break;
      case '--watch-only': p.watchOnly = true; break;
      case '--output-watch-events': p.events = true; break;
      default: assert.ok(!a.startsWith('-'), a); p.types.push(a);
    }
  }
  return p;
}

const byteOrder = (a: string, b: string) => (Buffer.from(a) < Buffer.from(b) ? -1 : Buffer.from(a) > Buffer.from(b) ? 1 : 0);
const sortObjs = (os: KObject[]) => [...os].sort((a, b) => byteOrder(key(a), key(b)));
const matches = (o: KObject, sel?: string) => !sel || sel.split(',').every((t) => { const [k, v] = t.split('='); return o.metadata.labels?.[k] === v; });

function fetch(p: Parsed, pool: KObject[]): TableGroup[] {
  const { requests } = parseResourceArgs(p.types);
  return requests.map((r) => {
    const info = r.info;
    const ofKind = pool.filter((o) => o.kind === info.kind);
    if (r.names.length) {
      const found = r.names.map((n) => ofKind.find((o) => o.metadata.name === n && (!info.namespaced || o.metadata.namespace === p.ns))).filter((o): o is KObject => !!o);
      return { kind: info.kind, resource: info, objects: found, named: true };
    }
    const listed = ofKind.filter((o) => (p.allNs || !info.namespaced || o.metadata.namespace === p.ns) && matches(o, p.selector));
    return { kind: info.kind, resource: info, objects: sortObjs(listed) };
  });
}

for (const c of cases) {
  test(`kubectl ${c.args.join(' ')}  [${c.name}]`, () => {
    const p = parseArgs(c.args);
    const want = read(path.join(dir, c.name + '.out'));
    const wantErr = read(path.join(dir, c.name + '.err'));
    if (p.watch || p.watchOnly) {
      const info = resolveResource(p.types[0]) as KindInfo;
      const wp = new WatchTablePrinter(info, { wide: p.wide, noHeaders: p.noHeaders, showLabels: p.showLabels, labelColumns: p.labelColumns,
        allNamespaces: p.allNs, showKind: p.showKind, outputWatchEvents: p.events, now: () => NOW });
      const list = sortObjs((c.list as any[]).map((e) => e.object).filter((o) => p.allNs || !info.namespaced || o.metadata.namespace === p.ns));
      let out = '';
      if (!p.watchOnly) out += wp.printInitial(list);
      for (const e of c.watch) out += wp.printEvent(e.type, e.object);
      assert.equal(out, want);
      return;
    }
    const groups = fetch(p, objects);
    const out = printTables(groups, { wide: p.wide, noHeaders: p.noHeaders, showLabels: p.showLabels, labelColumns: p.labelColumns,
      allNamespaces: p.allNs, showKind: p.showKind, now: NOW });
    assert.equal(out, want);
    if (wantErr.startsWith('No resources found')) {
      assert.equal(out, '');
      assert.equal(noResourcesMessage({ namespace: p.ns, allNamespaces: p.allNs, resources: groups.map((g) => g.resource) }), wantErr);
    }
  });
}

test('cell escaping: cut at the first newline with "...", ESC shown as ^[', () => {
  const ev = objects.find((o) => o.kind === 'Event' && o.metadata.name.startsWith('nokind'))!;
  const esc = { ...ev, metadata: { ...ev.metadata, name: 'esc' }, message: 'red \x1b[31malert\x1b[0m\r\nsecond line' };
  const out = printTables([{ kind: 'Event', resource: kindInfo('Event'), objects: [esc] }], { now: NOW });
  assert.equal(out.split('\n')[1].trimEnd(), '60s         Normal   Multi    clusterpolicy   red ^[[31malert^[[0m...');
});

test('consecutive groups of the same kind share one header and one alignment', () => {
  const pod = (n: string) => objects.find((o) => o.kind === 'Pod' && o.metadata.name === n)!;
  const info = kindInfo('Pod');
  const out = printTables([
    { kind: 'Pod', resource: info, objects: [pod('crasher')], named: true },
    { kind: 'Pod', resource: info, objects: [pod('my-nginx-7c5ddbdf54-2xkqp')], named: true },
  ], { now: NOW });
  // the recorded `get pods crasher my-nginx-7c5ddbdf54-2xkqp pending-pod` less its last row
  // (which does not widen any column)
  assert.equal(out, read(path.join(dir, 'pods-named-order.out')).split('\n').filter((l) => !l.startsWith('pending-pod')).join('\n'));
});

test('watch printer: nothing for an empty initial list, the header with the first rows', () => {
  const wp = new WatchTablePrinter(kindInfo('Pod'), { now: NOW });
  assert.equal(wp.printInitial([]), '');
  const pod = objects.find((o) => o.kind === 'Pod' && o.metadata.name === 'crasher')!;
  assert.equal(wp.printEvent('ADDED', pod), 'NAME      READY   STATUS             RESTARTS      AGE\ncrasher   0/1     CrashLoopBackOff   4 (95s ago)   5m\n');
  assert.equal(wp.printEvent('MODIFIED', pod), 'crasher   0/1     CrashLoopBackOff   4 (95s ago)   5m\n');
  // the clock is read at each print
  assert.equal(wp.printEvent('MODIFIED', pod, new Date(NOW.getTime() + 60000)), 'crasher   0/1     CrashLoopBackOff   4 (2m35s ago)   6m\n');
});
