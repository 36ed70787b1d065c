// npm run bench: each figure as a ratio to `node -e 0`, timed interleaved in the same run
// (shuffled rounds, medians), with NODE_EXTRA_CA_CERTS unset on both sides.
// Budgets (DEVELOPERS.md): get pods (small) <= 1.3x; create deployment --dry-run=client -o yaml
// <= 2.0x; on 100 workers scale --replicas=10000 <= 80x and get pods of those 10,000 <= 12x;
// any small command at 10,000 pods <= 1.2x the same at 3 pods.
// BENCH_BIG=1 adds the 100,000-pod figures (minutes of CPU: not for a shared machine's every run):
// scale --replicas=100000 on 1,000 nodes (and its peak RSS), get pods -o json at 100,000 (within
// 10x of the table and under 500 MB), expose of the 100,000-pod deployment, and a small command
// at 100,000 pods within 1.2x of the same at 3. BENCH_BIG_PODS / BENCH_BIG_NODES scale it down.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, cpSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const kubectl = join(root, 'bin', 'kubectl');
const rounds = Number(process.env.BENCH_ROUNDS ?? 15);
const baseEnv = { ...process.env, KUBESIM_POD_STARTUP: '0', TZ: 'UTC' };
delete baseEnv.NODE_EXTRA_CA_CERTS;

function time(cmd, args, env) {
  const t = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { env, stdio: ['ignore', 'ignore', 'pipe'] });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  return ms;
}
const k = (home, args, extra = {}) => time(kubectl, args, { ...baseEnv, KUBESIM_HOME: home, ...extra });
const median = (a) => { const s = [...a].sort((x, y) => x - y); return s[Math.floor(s.length / 2)]; };
const shuffle = (a) => { for (let i = a.length - 1; i > 0; i--) { const j = Math.floor(Math.random() * (i + 1)); [a[i], a[j]] = [a[j], a[i]]; } return a; };

const tmp = mkdtempSync(join(tmpdir(), 'kubesim-bench-'));
try {
  // A small cluster: 3 nodes, one deployment of 3 pods.
  const small = join(tmp, 'small');
  mkdirSync(small);
  k(small, ['create', 'deployment', 'web', '--image=nginx', '--replicas=3']);
  k(small, ['expose', 'deployment', 'web', '--port=80']);
  // A big cluster: 100 workers, a deployment scaled to 10,000 pods (timed, on copies).
  const big0 = join(tmp, 'big0');
  mkdirSync(big0);
  const bigEnv = { KUBESIM_NODES: '101' };
  k(big0, ['create', 'deployment', 'web', '--image=nginx', '--replicas=3'], bigEnv);
  k(big0, ['expose', 'deployment', 'web', '--port=80'], bigEnv);
  const scaleRuns = [];
  const big = join(tmp, 'big');
  for (let i = 0; i < Number(process.env.BENCH_SCALE_RUNS ?? 3); i++) {
    const h = join(tmp, `scale${i}`);
    cpSync(big0, h, { recursive: true });
    const base = time(process.execPath, ['-e', '0'], baseEnv);
    const ms = k(h, ['scale', 'deployment', 'web', '--replicas=10000'], bigEnv);
    scaleRuns.push({ ms, base });
    // scale returns at once (burstReplicas per reconcile); rollout status drives the rest
    if (i === 0) { k(h, ['rollout', 'status', 'deployment/web', '--timeout=900s'], bigEnv); cpSync(h, big, { recursive: true }); }
    rmSync(h, { recursive: true, force: true });
  }
  const cases = {
    baseline: () => time(process.execPath, ['-e', '0'], baseEnv),
    'get pods (small)': () => k(small, ['get', 'pods']),
    'create deployment --dry-run=client -o yaml': () => k(small, ['create', 'deployment', 'x', '--image=nginx', '--dry-run=client', '-o', 'yaml']),
    'get pods (10,000)': () => k(big, ['get', 'pods']),
    'get deploy (small)': () => k(small, ['get', 'deploy']),
    'get deploy (10,000 pods)': () => k(big, ['get', 'deploy']),
    'get svc (small)': () => k(small, ['get', 'svc']),
    'get svc (10,000 pods)': () => k(big, ['get', 'svc']),
    'label deploy (small)': () => k(small, ['label', 'deploy', 'web', '--overwrite', `bench=${Math.random().toString(36).slice(2, 7)}`]),
    'label deploy (10,000 pods)': () => k(big, ['label', 'deploy', 'web', '--overwrite', `bench=${Math.random().toString(36).slice(2, 7)}`]),
  };
  const times = Object.fromEntries(Object.keys(cases).map((n) => [n, []]));
  for (let r = 0; r < 3 + rounds; r++) {
    for (const name of shuffle(Object.keys(cases))) {
      const ms = cases[name]();
      if (r >= 3) times[name].push(ms);
    }
  }
  const base = median(times.baseline);
  const ratio = (n) => median(times[n]) / base;
  const scaleRatio = median(scaleRuns.map((s) => s.ms / s.base));
  const rows = [
    ['get pods (small cluster)', ratio('get pods (small)'), 1.3],
    ['create deployment --dry-run=client -o yaml', ratio('create deployment --dry-run=client -o yaml'), 2.0],
    ['scale --replicas=10000 (100 workers)', scaleRatio, 80],
    ['get pods (10,000 pods)', ratio('get pods (10,000)'), 12],
    ['get deploy at 10,000 / at 3 pods', median(times['get deploy (10,000 pods)']) / median(times['get deploy (small)']), 1.2],
    ['get svc at 10,000 / at 3 pods', median(times['get svc (10,000 pods)']) / median(times['get svc (small)']), 1.2],
    ['label deploy at 10,000 / at 3 pods', median(times['label deploy (10,000 pods)']) / median(times['label deploy (small)']), 1.2],
  ];
  console.log(`node -e 0: ${base.toFixed(1)} ms (median of ${rounds} interleaved rounds)`);
  let over = 0;
  for (const [name, x, budget] of rows) {
    const ok = x <= budget;
    if (!ok) over++;
    console.log(`${ok ? 'ok  ' : 'OVER'} ${name.padEnd(44)} ${x.toFixed(2).padStart(6)}x   (budget ${budget}x)`);
  }
  console.log(`${rows.length - over} within budget, ${over} over`);
  if (process.env.BENCH_BIG) bigFigures(tmp, base);
} finally {
  rmSync(tmp, { recursive: true, force: true });
}

/** A command's wall time and peak RSS (MB), through /usr/bin/time. */
function timeRss(home, args, extra = {}) {
  const t = process.hrtime.bigint();
  const r = spawnSync('/usr/bin/time', ['-f', '%M', kubectl, ...args], { env: { ...baseEnv, KUBESIM_HOME: home, ...extra }, stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t) / 1e6;
  if (r.status !== 0) throw new Error(`${args.join(' ')} failed: ${r.stderr}`);
  const kb = Number(r.stderr.trim().split('\n').pop());
  return { ms, mb: kb / 1024 };
}

function bigFigures(tmp, base) {
  const pods = Number(process.env.BENCH_BIG_PODS ?? 100000);
  const nodes = Number(process.env.BENCH_BIG_NODES ?? 1000);
  const env = { KUBESIM_NODES: String(nodes + 1) };
  const h = join(tmp, 'huge');
  mkdirSync(h);
  k(h, ['create', 'deployment', 'web', '--image=nginx', '--replicas=3'], env);
  const small = join(tmp, 'huge-small');
  mkdirSync(small);
  k(small, ['create', 'deployment', 'web', '--image=nginx', '--replicas=3'], env);
  const rows = [];
  const scale = timeRss(h, ['scale', 'deployment', 'web', `--replicas=${pods}`], env);
  rows.push([`scale --replicas=${pods} (${nodes} nodes)`, scale.ms / base, `${scale.mb.toFixed(0)} MB peak`]);
  const conv = timeRss(h, ['rollout', 'status', 'deployment/web', '--timeout=3600s'], env);
  rows.push([`  ... converged by rollout status`, conv.ms / base, `${conv.mb.toFixed(0)} MB peak`]);
  const table = timeRss(h, ['get', 'pods'], env);
  rows.push([`get pods at ${pods}`, table.ms / base, `${table.mb.toFixed(0)} MB peak`]);
  const json = timeRss(h, ['get', 'pods', '-o', 'json'], env);
  rows.push([`get pods -o json at ${pods}`, json.ms / base, `${json.mb.toFixed(0)} MB peak, ${(json.ms / table.ms).toFixed(1)}x the table (budget 10x, 500 MB)`]);
  const expose = timeRss(h, ['expose', 'deployment', 'web', '--port=80'], env);
  rows.push([`expose of the ${pods}-pod deployment`, expose.ms / base, `${expose.mb.toFixed(0)} MB peak`]);
  const runs = (home) => { const t = []; for (let i = 0; i < 7; i++) t.push(k(home, ['get', 'deploy'], env)); return median(t); };
  const ratio = runs(h) / runs(small);
  rows.push([`get deploy at ${pods} / at 3 pods`, ratio, 'budget 1.2x']);
  console.log(`big cluster figures (ratio to node -e 0 unless said):`);
  for (const [name, x, note] of rows) console.log(`     ${name.padEnd(44)} ${x.toFixed(2).padStart(8)}x   ${note}`);
}
