// Records the `create job|cronjob` goldens with the real kubectl: node test/golden/jobs/_record.mjs ORACLE
// (ORACLE: kubectl-oracle whose stand-in API server serves batch/v1 jobs and cronjobs).
// The cluster: a cron job `tick` and a deployment `d`, made with kubesim (bin/kubectl).
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const here = path.dirname(new URL(import.meta.url).pathname);
const root = path.join(here, '..', '..', '..');
const oracle = process.argv[2];
const home = fs.mkdtempSync(path.join(os.tmpdir(), 'jobs-golden-'));
const env = { ...process.env, KUBESIM_HOME: home, KUBESIM_POD_STARTUP: '0' };
const k = (...a) => execFileSync(path.join(root, 'bin', 'kubectl'), a, { env, encoding: 'utf8' });
k('create', 'cronjob', 'tick', '--image=busybox', '--schedule=*/5 * * * *', '--', 'date');
k('create', 'deployment', 'd', '--image=nginx');
const objs = path.join(home, 'objects.json');
fs.writeFileSync(objs, k('get', 'cronjob,deployment', '-o', 'json'));
const uid = JSON.parse(k('get', 'cronjob', 'tick', '-o', 'json')).metadata.uid;
const D = '--dry-run=client';
const S = '--schedule=*/1 * * * *';
const ARGS = [
  ['job', 'hello', '--image=busybox', D, '-o', 'yaml', '--', 'echo', 'hi'],
  ['job', 'hello', '--image=busybox', D, '-o', 'json', '--', 'sh', '-c', 'echo hi; sleep 1'],
  ['job', 'hello', '--image=busybox', D, '-o', 'name'],
  ['job', 'hello', '--image=busybox', D],
  ['job', 'hello', '--image=nginx:1.27', '-n', 'team', D, '-o', 'yaml'],
  ['job', 'hello', D, '-o', 'yaml'],
  ['job', D, '--image=busybox'],
  ['job', 'a', 'b', D, '--image=busybox'],
  ['job', 'hello', '--image=busybox', '--from=cronjob/tick', D],
  ['job', 'hello', '--from=cronjob/tick', D, '--', 'echo'],
  ['job', 'manual', '--from=cronjob/tick', D, '-o', 'yaml'],
  ['job', 'manual', '--from=cj/tick', D, '-o', 'json'],
  ['job', 'manual', '--from=cronjob/nope', D, '-o', 'yaml'],
  ['job', 'manual', '--from=deployment/d', D, '-o', 'yaml'],
  ['job', 'manual', '--from=cronjobs', D],
  ['job', 'manual', '--from=foo/x', D],
  ['job', 'manual', '--from=cronjob/a/b', D],
  ['cronjob', 'tick', '--image=busybox', S, D, '-o', 'yaml', '--', 'echo', 'hi'],
  ['cronjob', 'tick', '--image=busybox', S, '--restart=Never', D, '-o', 'json'],
  ['cronjob', 'tick', '--image=busybox', S, '--restart=Always', D, '-o', 'yaml'],
  ['cj', 'tick', '--image=busybox', S, D, '-o', 'name'],
  ['cronjob', 'tick', '--image=busybox', S, '-n', 'team', D],
  ['cronjob', 'tick', S, D],
  ['cronjob', 'tick', D],
  ['cronjob', '--image=busybox', S, D],
];
const norm = (s) => s.replaceAll(uid, 'UID').replace(/^E\d{4} \d\d:\d\d:\d\d\.\d+\s+\d+ /gm, 'E0000 00:00:00.000000 PID ');
const cases = ARGS.map((a, i) => {
  const args = ['create', ...a];
  const r = spawnSync(oracle, [objs, ...args], { encoding: 'utf8' });
  return { name: `${String(i).padStart(2, '0')}-${a[0]}`, args, stdout: norm(r.stdout), stderr: norm(r.stderr), exit: r.status };
});
fs.writeFileSync(path.join(here, 'generators.json'), JSON.stringify(cases, null, 1) + '\n');
fs.rmSync(home, { recursive: true });
