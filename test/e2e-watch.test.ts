// get -w in one process while others write: pods seen starting, changes as they happen, one
// header, the EVENT column, -o name/json, a single object, --watch-only, events, Ctrl-C and a
// closed pipe.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'child_process';
import { cluster, lines, KUBECTL } from './helpers/kubectl';

const c = cluster({ KUBESIM_POD_STARTUP: '1' });
after(() => c.cleanup());

const POD = (name: string, ready: string, status: string, restarts = '0') => new RegExp(`^${name} +${ready} +${status} +${restarts.replace(/[()]/g, '\\$&')} +[0-9]+s$`);

test('get pods -w: pods are seen starting, scaled, deleted, with one header', async () => {
  assert.equal(c.k('run', 'first', '--image=nginx').code, 0);
  const w = c.bg('get', 'pods', '-w');
  await c.until(() => /^first /m.test(w.output()));
  assert.equal(c.k('create', 'deployment', 'web', '--image=nginx').code, 0);
  await c.until(() => lines(w.output(), /^web-\S+ +1\/1 +Running/).length === 1);
  assert.equal(c.k('scale', 'deployment', 'web', '--replicas=3').stdout, 'deployment.apps/web scaled\n');
  await c.until(() => new Set(lines(w.output(), /^web-\S+ +1\/1 +Running/).map((l) => l.split(/ +/)[0])).size === 3);
  const out = w.output();
  assert.equal(lines(out, /^NAME +READY +STATUS +RESTARTS +AGE$/).length, 1, 'one header');
  assert.equal(lines(out)[0].split(/ +/).join(' '), 'NAME READY STATUS RESTARTS AGE');
  const web = lines(out, /^web-/);
  for (const l of web) assert.match(l, /^web-[a-z0-9]{8,10}-[a-z0-9]{5} +[01]\/1 +(Pending|ContainerCreating|Running) +0 +[0-9]+s$/);
  for (const name of new Set(web.map((l) => l.split(/ +/)[0]))) {
    const states = web.filter((l) => l.startsWith(name + ' ')).map((l) => l.split(/ +/)[2]);
    assert.ok(states.indexOf('Running') > 0, `${name} was seen starting before it ran: ${states}`);
    assert.ok(states.every((s, i) => i === 0 || ['Pending', 'ContainerCreating', 'Running'].indexOf(s) >= ['Pending', 'ContainerCreating', 'Running'].indexOf(states[i - 1])), `in order: ${states}`);
  }
  // a deletion: Terminating, then gone (the last row is its final state)
  const victim = web[0].split(/ +/)[0];
  assert.equal(c.k('delete', 'pod', victim, '--wait=false').code, 0);
  await c.until(() => lines(w.output(), new RegExp(`^${victim} +[01]/1 +Terminating`)).length >= 1);
  await c.until(() => lines(w.output(), new RegExp(`^${victim} +0/1 +Completed`)).length >= 1);
  await w.stop();
  assert.equal(w.proc.exitCode, 1, 'Ctrl-C ends it as kubectl does (exit 1), quietly');
  assert.doesNotMatch(w.output(), /error|Error/);
});

test('--output-watch-events, a label selector, -o name', async () => {
  await c.until(() => lines(c.k('get', 'pods', '-l', 'app=web', '--no-headers').stdout).length === 3);
  const w = c.bg('get', 'pods', '-l', 'app=web', '--output-watch-events', '-w');
  const n = c.bg('get', 'pods', '-l', 'app=web', '-w', '-o', 'name');
  await c.until(() => lines(w.output(), /^ADDED +web-/).length === 3 && lines(n.output()).length === 3);
  assert.match(lines(w.output())[0], /^EVENT +NAME +READY +STATUS +RESTARTS +AGE$/);
  assert.ok(lines(w.output()).slice(1).every((l) => /^ADDED {6}web-/.test(l)), 'EVENT cells are 8 wide plus padding');
  assert.ok(!/first/.test(w.output()), 'the selector keeps other pods out');
  const victim = lines(n.output())[0];
  assert.match(victim, /^pod\/web-/);
  assert.equal(c.k('delete', victim).code, 0);
  const name = victim.slice(4);
  await c.until(() => lines(w.output(), new RegExp(`^DELETED +${name} `)).length === 1);
  assert.ok(lines(w.output(), new RegExp(`^MODIFIED +${name} +1/1 +Terminating`)).length >= 1);
  await c.until(() => lines(n.output(), new RegExp(`^pod/${name}$`)).length >= 3);
  assert.ok(lines(n.output()).every((l) => /^pod\/web-[a-z0-9-]+$/.test(l)));
  await w.stop();
  await n.stop();
});

test('a single object: its row once, then its changes; -o json documents; --watch-only', async () => {
  const one = c.bg('get', 'deployment', 'web', '-w');
  const json = c.bg('get', 'deployment', 'web', '-w', '-o', 'json');
  const only = c.bg('get', 'deployment', '--watch-only');
  await c.until(() => lines(one.output()).length === 2 && /^\{/.test(json.output()));
  assert.match(lines(one.output())[1], /^web +3\/3 +3 +3 +[0-9]+s$/);
  assert.equal(c.k('scale', 'deployment', 'web', '--replicas=4').code, 0);
  await c.until(() => lines(one.output(), /^web +4\/4 +4 +4 /).length === 1);
  const rows = lines(one.output());
  assert.equal(rows.filter((l) => l.startsWith('NAME')).length, 1);
  assert.match(rows[2], /^web +3\/4 +[34] +3 +[0-9]+s$/, 'the first change, not the initial object again');
  await c.until(() => lines(only.output(), /^web +4\/4/).length >= 1);
  assert.match(lines(only.output())[0], /^NAME +READY +UP-TO-DATE +AVAILABLE +AGE$/);
  assert.ok(!lines(only.output()).some((l) => /^web +3\/3 /.test(l)), '--watch-only: not the state it found');
  await c.until(() => docs(json.output()).some((d) => d.status?.availableReplicas === 4));
  const ds = docs(json.output());
  assert.equal(ds[0].kind, 'Deployment');
  assert.equal(ds[0].spec.replicas, 3);
  assert.ok(ds.slice(1).every((d) => d.spec.replicas === 4));
  assert.match(json.output(), /^\{\n {4}"apiVersion": "apps\/v1",/, 'pretty-printed, 4 spaces, keys sorted');
  for (const w of [one, json, only]) await w.stop();
});

/** Concatenated pretty-printed JSON documents. */
function docs(text: string): any[] {
  const out: any[] = [];
  let depth = 0, start = -1, inStr = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inStr) { if (ch === '\\') i++; else if (ch === '"') inStr = false; continue; }
    if (ch === '"') inStr = true;
    else if (ch === '{') { if (depth++ === 0) start = i; }
    else if (ch === '}' && --depth === 0) out.push(JSON.parse(text.slice(start, i + 1)));
  }
  return out;
}

test('get events -w shows what the controllers and kubelets do', async () => {
  const w = c.bg('get', 'events', '-w');
  await c.until(() => /^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$/m.test(w.output()));
  assert.equal(c.k('create', 'deployment', 'ev', '--image=httpd').code, 0);
  await c.until(() => lines(w.output(), /Started +pod\/ev-\S+ +Started container httpd$/).length === 1);
  const out = w.output();
  for (const re of [
    /Normal +ScalingReplicaSet +deployment\/ev +Scaled up replica set ev-[a-z0-9]+ from 0 to 1$/,
    /Normal +SuccessfulCreate +replicaset\/ev-[a-z0-9]+ +Created pod: ev-/,
    /Normal +Scheduled +pod\/ev-\S+ +Successfully assigned default\/ev-\S+ to kind-worker2?$/,
    /Normal +Pulling +pod\/ev-\S+ +Pulling image "httpd"$/,
    /Normal +Pulled +pod\/ev-\S+ +Successfully pulled image "httpd" in /,
    /Normal +Created +pod\/ev-\S+ +Created container httpd$/,
  ]) assert.match(out, new RegExp(re.source, 'm'));
  await w.stop();
});

test('a closed pipe ends the watch quietly (exit 0)', async () => {
  const p = spawn('bash', ['-c', `set -o pipefail; ${KUBECTL} get pods -A -w | head -2`], { env: c.env, stdio: ['ignore', 'pipe', 'pipe'] });
  let stdout = '', stderr = '';
  p.stdout.on('data', (d) => { stdout += d; });
  p.stderr.on('data', (d) => { stderr += d; });
  await c.until(() => lines(stdout).length === 2);
  // The watcher finds out when it writes next.
  assert.equal(c.k('run', 'pipe-trigger', '--image=nginx').code, 0);
  const code = await new Promise<number | null>((resolve) => (p.exitCode !== null ? resolve(p.exitCode) : p.once('exit', (x) => resolve(x))));
  assert.equal(code, 0);
  assert.equal(stderr, '');
  assert.match(lines(stdout)[0], /^NAMESPACE +NAME +READY +STATUS +RESTARTS +AGE$/);
});
