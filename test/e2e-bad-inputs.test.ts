// Hundreds of generated bad inputs (test/helpers/bad-inputs.ts) through bin/kubectl: every
// answer is recorded (test/golden/bad-inputs/answers.json; UPDATE_GOLDEN=1 re-records it), and
// no answer may be a JavaScript error text, a stack trace, `undefined`, a crash or a hang.
// Manifests are grouped in directories read by one `kubectl create -f DIR` each (kubectl
// answers file by file); command lines run one process each, a few at a time.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'child_process';
import * as crypto from 'crypto';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { KUBECTL_BIN, runKubectl } from './helpers/run-kubectl';
import { manifestGroups, commandCases } from './helpers/bad-inputs';

const GOLDEN = path.join(__dirname, '..', '..', 'test', 'golden', 'bad-inputs', 'answers.json');
const root = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-bad-inputs-'));
const shared = path.join(root, 'shared');
after(() => fs.rmSync(root, { recursive: true, force: true }));

/** What a JavaScript failure looks like from outside. */
const JS_ERROR = /TypeError|ReferenceError|RangeError|SyntaxError|Cannot read propert|Cannot set propert|undefined|Maximum call stack|at Object\.|at [\w.<>]+ \(|\.js:\d+:\d+|Invalid string length|\bNaN\b|\[object Object\]|kubesim could not process|Infinity/;

interface Answer { code: number; stdout: string; stderr: string }

function run(args: string[], home: string, input?: string): Promise<Answer> {
  return new Promise((resolve) => {
    const env: NodeJS.ProcessEnv = { ...process.env, KUBESIM_HOME: home, KUBESIM_POD_STARTUP: '0', TZ: 'UTC' };
    delete env.NODE_EXTRA_CA_CERTS;
    const child = spawn(KUBECTL_BIN, args, { env, cwd: home, stdio: ['pipe', 'pipe', 'pipe'] });
    const out: Buffer[] = [], errs: Buffer[] = [];
    child.stdout.on('data', (b) => out.push(b));
    child.stderr.on('data', (b) => errs.push(b));
    const timer = setTimeout(() => child.kill('SIGKILL'), 30000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code: signal ? -1 : code ?? -1, stdout: Buffer.concat(out).toString('utf8'), stderr: Buffer.concat(errs).toString('utf8') + (signal ? `\n[killed: ${signal}]` : '') });
    });
    child.stdin.on('error', () => {});
    child.stdin.end(input ?? '');
  });
}

async function pool<T>(items: T[], width: number, fn: (t: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => { while (next < items.length) await fn(items[next++]); }));
}

/** Times, ages, uids, resource versions and generated names change from run to run. */
function normalize(s: string): string {
  return s
    .replace(/\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ/g, '<time>')
    .replace(/[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g, '<uid>')
    .replace(/\\?"resourceVersion\\?":\\?"\d+\\?"/g, '"resourceVersion":"<rv>"')
    .replace(/\bresourceVersion:\d+/g, 'resourceVersion:<rv>') // go-template's raw data (Go map form)
    .replace(/web-[0-9a-f]{8,10}-[a-z0-9]{5}/g, 'web-<pod>')
    .replace(/kube-api-access-[a-z0-9]{5}/g, 'kube-api-access-<x>')
    .replace(/containerd:\/\/[0-9a-f]{64}/g, 'containerd://<id>')
    .replace(/\d{4}\/\d\d\/\d\d \d\d:\d\d:\d\d/g, '<time>')
    .replace(/\b10\.244\.\d+\.\d+\b/g, '<pod-ip>')
    .replace(/\bkind-worker2?\b/g, '<worker>')
    .replace(/\b(?:\d+(?:\.\d+)?(?:ms|[smhdy]))+\b(?=\s|$|")/gm, '<age>');
}

/** Long answers (they echo the input) are kept as their start, length and hash. */
function record(a: Answer): Answer & { stdoutSha?: string; stderrSha?: string } {
  const r: any = { code: a.code };
  for (const k of ['stdout', 'stderr'] as const) {
    const t = normalize(a[k]);
    if (t.length > 1500) { r[k] = t.slice(0, 1500) + `…[${t.length} chars]`; r[k + 'Sha'] = crypto.createHash('sha1').update(t).digest('hex'); } else r[k] = t;
  }
  return r;
}

const answers: Record<string, any> = {};
const timings: [number, string][] = [];
const started = Date.now();

before(async () => {
  fs.mkdirSync(shared);
  assert.equal(runKubectl(['create', 'deployment', 'web', '--image=nginx'], { home: shared }).code, 0);
  assert.equal(runKubectl(['expose', 'deployment', 'web', '--port=80'], { home: shared }).code, 0);
  const groups = manifestGroups();
  const jobs: (() => Promise<void>)[] = [];
  for (const g of groups) {
    const home = path.join(root, 'group-' + g.name);
    const dir = path.join(home, 'in');
    fs.mkdirSync(dir, { recursive: true });
    for (const [name, text] of Object.entries(g.files)) fs.writeFileSync(path.join(dir, name), text);
    jobs.push(async () => { const t = Date.now(); answers[`group:${g.name}`] = record(await run([...g.args, 'in'], home)); timings.push([Date.now() - t, g.name]); });
  }
  for (const c of commandCases()) jobs.push(async () => { const t = Date.now(); setTimeout(() => {}, 0); answers[`cmd:${c.id}`] = { args: c.args.map((a) => (a.length > 200 ? a.slice(0, 200) + '…' : a)), ...record(await run(c.args, shared, c.input)) }; timings.push([Date.now() - t, c.id]); });
  await pool(jobs, 3, (j) => j());
});

test('the corpus has at least 500 bad inputs', () => {
  const files = manifestGroups().reduce((n, g) => n + Object.keys(g.files).length, 0);
  assert.ok(files + commandCases().length >= 500, `${files} files + ${commandCases().length} command lines`);
});

test('no answer is a JavaScript error, a crash or a hang', () => {
  const bad: string[] = [];
  for (const [id, a] of Object.entries(answers)) {
    const text = a.stdout + a.stderr;
    const m = JS_ERROR.exec(text);
    if (m) bad.push(`${id}: ${JSON.stringify(text.slice(Math.max(0, m.index - 150), m.index + 100))}`);
    // exec passes the remote command's exit code on, as kubectl does
    else if (a.code !== 0 && a.code !== 1 && !(id.startsWith('cmd:exec-') && a.stderr.endsWith(`command terminated with exit code ${a.code}\n`))) bad.push(`${id}: exit ${a.code}`);
  }
  assert.deepEqual(bad, []);
});

test('every answer is the recorded one', () => {
  if (process.env.UPDATE_GOLDEN) {
    fs.mkdirSync(path.dirname(GOLDEN), { recursive: true });
    const sorted = Object.fromEntries(Object.keys(answers).sort().map((k) => [k, answers[k]]));
    fs.writeFileSync(GOLDEN, JSON.stringify(sorted, null, 1) + '\n');
  }
  const golden = JSON.parse(fs.readFileSync(GOLDEN, 'utf8'));
  for (const id of Object.keys(golden)) assert.deepEqual(answers[id], golden[id], id);
  assert.deepEqual(Object.keys(answers).sort(), Object.keys(golden).sort());
});

test('the corpus runs in well under a minute', () => {
  // recorded for the report; 2 cores shared with other work can stretch it
  if (process.env.BAD_INPUTS_TIMINGS) console.log(timings.sort((a, b) => b[0] - a[0]).slice(0, 25));
  console.log(`bad inputs: ${Object.keys(answers).length} runs in ${((Date.now() - started) / 1000).toFixed(1)} s`);
});
