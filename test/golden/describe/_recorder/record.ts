// Records test/golden/describe/<case>.out by running the REAL kubectl (through
// /work/shared/oracle/kubectl-oracle) against cluster.json, the objects of fixtures.ts.
//
// The fixture's times are relative to NOW (fixtures.ts) so that goldens do not change from one
// recording to the next; kubectl computes ages from the real clock, so each case runs against a
// copy of the fixture shifted by (real time - NOW), started right after a whole second, and
// every absolute time in its output is shifted back.
//
// cases.json lists the cases: the objects to describe (kind, names, namespace; or args), and
//   fixture     another objects file than cluster.json (kubesim.json: a dump of a kubesim cluster,
//               `kubectl get <kinds> -A -o json`, shifted so that the dump time is NOW;
//               student.json: the default namespace of one with what a student makes: env from a
//               secret, a bad image, a paused and a mid-rollout deployment, multi-port and
//               ExternalName services, a network policy with ipBlock/except, an ingress with TLS)
//   extended    record with this directory's stub_apiserver.py (it serves jobs, HPAs, RBAC, ...)
//   omitKinds   leave these kinds out of the fixture (e.g. Lease)
//   sortedKeys  Secret/ConfigMap data come from a Go map: record again until the keys are sorted
//   tz          the TZ kubectl runs with (UTC otherwise)
//
//   npx esbuild test/golden/describe/_recorder/record.ts --bundle --platform=node --outfile=/tmp/drec/record.js
//   node /tmp/drec/record.js [case-name ...]        (from the repository root)
import * as fs from 'fs';
import * as path from 'path';
import * as os from 'os';
import { spawnSync } from 'child_process';
import { NOW, clusterObjects } from './fixtures';

const dir = path.join(process.cwd(), 'test/golden/describe');
const oracle = process.env.KUBECTL_ORACLE || '/work/shared/oracle/kubectl-oracle';

export interface Case { omitKinds?: string[]; extended?: boolean; sortedKeys?: boolean; name: string; kind: string; names: string[]; namespace?: string; args?: string[]; tz?: string; showEvents?: boolean; fixture?: string }

const cases: Case[] = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8'));

const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z$/;
function shiftJson(v: any, delta: number): any {
  if (typeof v === 'string') {
    const m = RFC3339.exec(v);
    if (!m) return v;
    const t = Date.parse(m[1] + 'Z') + delta;
    return new Date(t).toISOString().slice(0, 19) + (m[2] ?? '') + 'Z';
  }
  if (Array.isArray(v)) return v.map((x) => shiftJson(x, delta));
  if (v && typeof v === 'object') {
    const o: any = {};
    for (const k of Object.keys(v)) o[k] = shiftJson(v[k], delta);
    return o;
  }
  return v;
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n: number) => String(n).padStart(2, '0');
const offMin = (s: string) => (s[0] === '-' ? -1 : 1) * (Number(s.slice(1, 3)) * 60 + Number(s.slice(3, 5)));

/** Shift every absolute time kubectl printed back by delta (ms). Offsets are kept (no DST in the
 *  zones recorded). */
function unshiftText(s: string, delta: number): string {
  // RFC1123Z: Mon, 02 Jan 2006 15:04:05 -0700
  s = s.replace(/\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun), (\d\d) (\w{3}) (\d{4}) (\d\d):(\d\d):(\d\d) ([+-]\d{4})/g, (all, _d, dd, mon, yyyy, hh, mm, ss, off) => {
    if (yyyy === '0001') return all;
    const local = Date.UTC(Number(yyyy), MONTHS.indexOf(mon), Number(dd), Number(hh), Number(mm), Number(ss));
    const d = new Date(local - delta);
    return `${DAYS[d.getUTCDay()]}, ${p2(d.getUTCDate())} ${MONTHS[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p2(d.getUTCHours())}:${p2(d.getUTCMinutes())}:${p2(d.getUTCSeconds())} ${off}`;
  });
  // Go Time.String(): 2006-01-02 15:04:05 -0700 MST
  s = s.replace(/\b(\d{4})-(\d\d)-(\d\d) (\d\d):(\d\d):(\d\d) ([+-]\d{4}) /g, (all, y, mo, d, h, mi, se, off) => {
    if (y === '0001') return all;
    const x = new Date(Date.UTC(Number(y), Number(mo) - 1, Number(d), Number(h), Number(mi), Number(se)) - delta);
    return `${x.getUTCFullYear()}-${p2(x.getUTCMonth() + 1)}-${p2(x.getUTCDate())} ${p2(x.getUTCHours())}:${p2(x.getUTCMinutes())}:${p2(x.getUTCSeconds())} ${off} `;
  });
  // RFC 3339 (annotation values, the generic describer)
  s = s.replace(/\b(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z\b/g, (all, base, frac) => {
    if (base.startsWith('0001')) return all;
    return new Date(Date.parse(base + 'Z') - delta).toISOString().slice(0, 19) + (frac ?? '') + 'Z';
  });
  void offMin;
  return s;
}

export function argsFor(c: Case): string[] {
  if (c.args) return c.args;
  const a = ['describe', c.kind.toLowerCase(), ...c.names];
  if (c.namespace) a.push('-n', c.namespace);
  if (c.showEvents === false) a.push('--show-events=false');
  return a;
}

function sleepUntilNextSecond(): number {
  const now = Date.now();
  const next = Math.ceil((now + 1) / 1000) * 1000;
  const sab = new Int32Array(new SharedArrayBuffer(4));
  Atomics.wait(sab, 0, 0, next - Date.now() + 20);
  return next;
}

function fixtureObjects(c: Case): any[] {
  const all = c.fixture ? JSON.parse(fs.readFileSync(path.join(dir, c.fixture), 'utf8')).items : clusterObjects();
  return all.filter((o: any) => !(c.omitKinds ?? []).includes(o.kind));
}

/** Secret and ConfigMap data come from a Go map in random order: is this run's order sorted? */
function dataSorted(out: string): boolean {
  const m = /\nData\n====\n([\s\S]*?)(\n\nBinaryData|$)/.exec(out);
  if (!m) return true;
  const keys = m[1].split('\n').filter((l) => /^[^ ].*?:/.test(l) && l !== '----').map((l) => l.slice(0, l.indexOf(':')));
  return keys.every((k, i) => i === 0 || keys[i - 1] < k);
}

/** Like kubectl-oracle, with this directory's stub_apiserver.py, which serves more kinds. */
function runExtended(tmp: string, args: string[], env: NodeJS.ProcessEnv) {
  const kubectl = process.env.ORACLE_KUBECTL || '/usr/bin/kubectl';
  const script = `
set -e
python3 ${JSON.stringify(path.join(dir, '_recorder', 'stub_apiserver.py'))} ${tmp}/objects.json 0 > ${tmp}/port &
pid=$!
trap 'kill $pid 2>/dev/null || true' EXIT
for _ in $(seq 100); do [ -s ${tmp}/port ] && break; sleep 0.02; done
port=$(head -1 ${tmp}/port)
cat > ${tmp}/kubeconfig <<CFG
apiVersion: v1
kind: Config
clusters: [{name: s, cluster: {server: "http://127.0.0.1:$port"}}]
contexts: [{name: s, context: {cluster: s, namespace: default}}]
current-context: s
CFG
KUBECONFIG=${tmp}/kubeconfig ${kubectl} --cache-dir=${tmp}/cache "$@"
`;
  return spawnSync('bash', ['-c', script, 'oracle', ...args], { encoding: 'utf8', timeout: 30000, env });
}

function runCase(c: Case, attempt = 0): void {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'descrec-'));
  const base = sleepUntilNextSecond();
  const delta = base - NOW;
  const objs = fixtureObjects(c).map((o) => shiftJson(o, delta));
  fs.writeFileSync(path.join(tmp, 'objects.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: objs }));
  const env = { ...process.env, TZ: c.tz ?? 'UTC' };
  const r = c.extended ? runExtended(tmp, argsFor(c), env) : spawnSync(oracle, [path.join(tmp, 'objects.json'), ...argsFor(c)], { encoding: 'utf8', timeout: 30000, env });
  const elapsed = Date.now() - base;
  const retry = (c.sortedKeys && !dataSorted(r.stdout) && attempt < 40) || (elapsed > 950 && attempt < 5);
  if (retry) { fs.rmSync(tmp, { recursive: true, force: true }); runCase(c, attempt + 1); return; }
  fs.rmSync(tmp, { recursive: true, force: true });
  if (elapsed > 950) console.warn(`${c.name}: took ${elapsed} ms; ages in seconds may be off, record again`);
  const out = path.join(dir, c.name);
  fs.writeFileSync(out + '.out', unshiftText(r.stdout, delta));
  for (const [ext, v] of [['.err', r.stderr], ['.rc', r.status ? String(r.status) + '\n' : '']] as const) {
    if (v) fs.writeFileSync(out + ext, v); else if (fs.existsSync(out + ext)) fs.unlinkSync(out + ext);
  }
  console.log(c.name, 'rc', r.status, r.stdout.length, 'bytes', `${elapsed}ms`, r.stderr ? 'stderr: ' + r.stderr.trim().split('\n')[0] : '');
}

const only = process.argv.slice(2);
fs.writeFileSync(path.join(dir, 'cluster.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: clusterObjects() }, null, 1) + '\n');
for (const c of cases) if (!only.length || only.includes(c.name)) runCase(c);
