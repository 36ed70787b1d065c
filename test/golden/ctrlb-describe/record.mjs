// Records the goldens of test/printers-describe-controllers.test.ts with the REAL kubectl
// (through /work/shared/oracle/kubectl-oracle): the fixture's times are shifted to now (kubectl
// computes ages from the real clock) and every absolute time it printed is shifted back.
//   npx esbuild test/helpers/ctrlb-fixture.ts --bundle --platform=node --packages=external \
//     --loader:.sql=text --loader:.yaml=text --loader:.html=text --loader:.txt=text --outfile=build/ctrlb-fixture.js
//   node test/golden/ctrlb-describe/record.mjs   (from the repository root)
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { spawnSync } from 'child_process';
import { createRequire } from 'module';
const require = createRequire(import.meta.url);
const { buildFixture, CASES } = require(path.resolve('build/ctrlb-fixture.js'));
const oracle = process.env.KUBECTL_ORACLE || '/work/shared/oracle/kubectl-oracle';
const real = process.env.ORACLE_KUBECTL || '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';
const f = buildFixture();
const RFC3339 = /^(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d)(\.\d+)?Z$/;
const shift = (v, d) => typeof v === 'string' ? (RFC3339.test(v) ? new Date(Date.parse(v) + d).toISOString().replace('.000Z', 'Z') : v)
  : Array.isArray(v) ? v.map((x) => shift(x, d)) : v && typeof v === 'object' ? Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shift(x, d)])) : v;
const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const DAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
const p2 = (n) => String(n).padStart(2, '0');
const unshift = (s, d) => s.replace(/\b(Sun|Mon|Tue|Wed|Thu|Fri|Sat), (\d\d) (\w{3}) (\d{4}) (\d\d):(\d\d):(\d\d) \+0000/g, (_, _w, dd, mon, y, h, mi, se) => {
  const t = new Date(Date.UTC(+y, MONTHS.indexOf(mon), +dd, +h, +mi, +se) - d);
  return `${DAYS[t.getUTCDay()]}, ${p2(t.getUTCDate())} ${MONTHS[t.getUTCMonth()]} ${t.getUTCFullYear()} ${p2(t.getUTCHours())}:${p2(t.getUTCMinutes())}:${p2(t.getUTCSeconds())} +0000`;
});
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'ctrlb-rec-'));
const sleepUntilNextSecond = () => {
  const next = Math.ceil((Date.now() + 1) / 1000) * 1000;
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, next - Date.now() + 20);
  return next;
};
// The oracle takes seconds to start (a stand-in API server, then kubectl): the fixture is shifted
// so that its now falls in the second kubectl prints in, k whole seconds after the start, and a
// run that ends in another second is done again.
let k = 3;
for (const c of CASES) {
  for (let attempt = 0; ; attempt++) {
    const base = sleepUntilNextSecond();
    const delta = base + k * 1000 - f.now.getTime();
    const file = path.join(tmp, 'objects.json');
    fs.writeFileSync(file, JSON.stringify({ apiVersion: 'v1', kind: 'List', items: shift(f.items, delta) }));
    const r = spawnSync(oracle, [file, 'describe', c.kind === 'HorizontalPodAutoscaler' ? 'hpa' : 'cronjob', c.object], { encoding: 'utf8', env: { ...process.env, ORACLE_KUBECTL: real, TZ: 'UTC' } });
    const elapsed = Date.now() - base;
    if (r.status !== 0) throw new Error(`${c.name}: ${r.stderr}`);
    const second = Math.floor((elapsed - 150) / 1000);
    if ((second !== k || Math.floor(elapsed / 1000) !== k) && attempt < 10) { k = Math.floor(elapsed / 1000); continue; }
    fs.writeFileSync(path.join('test/golden/ctrlb-describe', `${c.name}.out`), unshift(r.stdout, delta));
    console.log(`recorded ${c.name} (${elapsed} ms, attempt ${attempt + 1})`);
    break;
  }
}
f.close();
fs.rmSync(tmp, { recursive: true, force: true });
