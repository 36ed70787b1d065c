// Records test/golden/table/<case>.out (.err, .rc) by running the REAL kubectl against
// table_stub.py, which answers with server-side Tables whose cells are the hand-written ones in
// cells.json (and in cases.json for watch events). So the layout (tabwriter, headers, NAMESPACE,
// -L/--show-labels, kind prefixes, blank lines, watch) is kubectl's own; the cells follow
// printers.go 1.32 as worked out by hand.
//
//   npx esbuild test/golden/table/_recorder/record.ts --bundle --platform=node --outfile=/tmp/record.js
//   node /tmp/record.js [case-name ...]          (needs kubectl v1.32 on PATH or $ORACLE_KUBECTL, python3)
import * as fs from 'fs';
import * as path from 'path';
import * as os from 'os';
import { spawn, spawnSync } from 'child_process';
import { KINDS } from '../../../../src/api/kinds';
import { columnsFor } from '../../../../src/printers/table/index';

const dir = path.join(__dirname.includes('_recorder') ? __dirname : path.join(process.cwd(), 'test/golden/table/_recorder'), '..');
const objects: any[] = JSON.parse(fs.readFileSync(path.join(dir, 'objects.json'), 'utf8')).items;
const cells = JSON.parse(fs.readFileSync(path.join(dir, 'cells.json'), 'utf8')).cells;
const cases: any[] = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8'));
const kubectl = process.env.ORACLE_KUBECTL || 'kubectl';

function kindsTable() {
  const kinds: any = {};
  for (const k of KINDS) {
    if (kinds[k.kind]) continue;
    kinds[k.kind] = { group: k.group, version: k.version, plural: k.plural, namespaced: k.namespaced, shortNames: k.shortNames,
      all: (k.categories || []).includes('all'), columns: columnsFor(k.kind) };
  }
  return kinds;
}

async function runCase(c: any): Promise<void> {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'tblrec-'));
  const entries = c.list ?? objects.map((o) => ({ kind: o.kind, object: o, cells: cells[o.kind][(o.metadata.namespace || '') + '/' + o.metadata.name] }));
  fs.writeFileSync(path.join(tmp, 'tables.json'), JSON.stringify({ kinds: kindsTable(), objects: entries, watch: c.watch || [] }));
  const stub = spawn('python3', [path.join(dir, '_recorder', 'table_stub.py'), path.join(tmp, 'tables.json'), '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  const port: string = await new Promise((res) => stub.stdout!.once('data', (d) => res(String(d).trim())));
  fs.writeFileSync(path.join(tmp, 'kubeconfig'), `apiVersion: v1
kind: Config
clusters: [{name: s, cluster: {server: "http://127.0.0.1:${port}"}}]
contexts: [{name: s, context: {cluster: s, namespace: default}}]
current-context: s
`);
  const r = spawnSync(kubectl, ['--kubeconfig', path.join(tmp, 'kubeconfig'), '--cache-dir', path.join(tmp, 'cache'), ...c.args], { encoding: 'utf8', timeout: 20000 });
  stub.kill();
  fs.rmSync(tmp, { recursive: true, force: true });
  const base = path.join(dir, c.name);
  fs.writeFileSync(base + '.out', r.stdout);
  for (const [ext, v] of [['.err', r.stderr], ['.rc', r.status ? String(r.status) + '\n' : '']] as const) {
    if (v) fs.writeFileSync(base + ext, v); else if (fs.existsSync(base + ext)) fs.unlinkSync(base + ext);
  }
  console.log(c.name, 'rc', r.status, r.stdout.length, 'bytes', r.stderr ? 'stderr: ' + r.stderr.trim().split('\n')[0] : '');
}

(async () => {
  const only = process.argv.slice(2);
  for (const c of cases) if (!only.length || only.includes(c.name)) await runCase(c);
})();
