// kubectl events as a user types it: the table of a namespace's events oldest first, --for,
// --types, -A, the "No events found" notice, kubectl's client-side errors, and --watch.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cluster, lines } from './helpers/kubectl';

const c = cluster();
after(() => c.cleanup());

test('kubectl events: a table kubectl prints itself, with Kind/name objects', () => {
  assert.equal(c.k('create', 'deployment', 'web', '--image=nginx', '--replicas=2').code, 0);
  const r = c.k('events');
  assert.equal(r.code, 0);
  assert.equal(r.stderr, '');
  const ls = lines(r.stdout);
  assert.match(ls[0], /^LAST SEEN +TYPE +REASON +OBJECT +MESSAGE$/);
  assert.ok(ls.some((l) => /^\d+s +Normal +ScalingReplicaSet +Deployment\/web +Scaled up replica set web-[a-z0-9]+ from 0 to 2$/.test(l)), r.stdout);
  assert.ok(ls.some((l) => /^\d+s +Normal +Scheduled +Pod\/web-[a-z0-9]+-[a-z0-9]{5} +Successfully assigned default\//.test(l)), r.stdout);
  assert.ok(ls.some((l) => /^\d+s +Normal +SuccessfulCreate +ReplicaSet\/web-[a-z0-9]+ +Created pod: /.test(l)), r.stdout);
});

test('kubectl events --for TYPE/NAME, -A, --types, --no-headers', () => {
  const forDeploy = c.k('events', '--for', 'deploy/web');
  assert.deepEqual(lines(forDeploy.stdout).slice(1).map((l) => l.split(/ {3,}/)[3]), ['Deployment/web']);
  const noAge = (t: string) => t.replace(/^\d+s /gm, 'Ns ');
  assert.equal(noAge(c.k('events', '--for=deployments.apps/web').stdout), noAge(forDeploy.stdout));
  const all = c.k('events', '-A', '--for', 'deploy/web', '--no-headers');
  assert.match(all.stdout, /^default +\d+s +Normal +ScalingReplicaSet +Deployment\/web +Scaled up/);
  assert.equal(lines(all.stdout).length, 1);
  const warn = c.k('events', '--types=Warning');
  assert.deepEqual([warn.code, warn.stdout, warn.stderr], [0, '', 'No events found in default namespace.\n']);
  const none = c.k('events', '-n', 'nowhere');
  assert.deepEqual([none.code, none.stderr], [0, 'No events found in nowhere namespace.\n']);
  assert.equal(c.k('events', '-A', '--types', 'warning').stderr, 'No events found.\n');
});

test('kubectl events: kubectl\'s errors', () => {
  const e = (...a: string[]) => { const r = c.k('events', ...a); return [r.code, r.stdout, r.stderr]; };
  assert.deepEqual(e('--for', 'pod'), [1, '', 'error: --for must be in resource/name form\n']);
  assert.deepEqual(e('--for', 'a/b/c'), [1, '', 'error: arguments in resource/name form may not have more than one slash\n']);
  assert.deepEqual(e('--for', 'foo/x'), [1, '', 'the server doesn\'t have a resource type "foo"\n']);
  assert.deepEqual(e('--for', 'Foo.bar/x'), [1, '', 'the server doesn\'t have a resource type "foo" in group "bar"\n']);
  assert.deepEqual(e('--types=Info'), [1, '', 'error: valid --types are Normal or Warning\n']);
  assert.deepEqual(e('-o', 'wide'), [1, '', 'error: unable to match a printer suitable for the output format "wide", allowed formats are: go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml\n']);
  // the typed list is refused by the name printer, and kubectl events ignores that error
  assert.deepEqual(e('-o', 'name'), [0, '', '']);
});

test('kubectl events -o json: the typed EventList, 4-space indent, Go struct order', () => {
  const r = c.k('events', '--for', 'deploy/web', '-o', 'json');
  assert.match(r.stdout, /^\{\n {4}"kind": "EventList",\n {4}"apiVersion": "v1",\n {4}"metadata": \{\},\n {4}"items": \[\n {8}\{\n {12}"kind": "Event",\n {12}"apiVersion": "v1",\n {12}"metadata": \{/);
  assert.match(r.stdout, /"reportingComponent": "deployment-controller",\n {12}"reportingInstance": ""\n/);
});

test('kubectl events --watch: the current events, then new ones as they happen, one header', async () => {
  const w = c.bg('events', '--for', 'deploy/web', '--watch');
  await c.until(() => /from 0 to 2/.test(w.output()));
  assert.equal(c.k('scale', 'deploy', 'web', '--replicas=3').code, 0);
  await c.until(() => /Scaled up replica set web-[a-z0-9]+ from 2 to 3/.test(w.output()));
  const n = c.bg('events', '-w', '-o', 'name', '--types=Normal');
  await c.until(() => /^event\/web\./m.test(n.output()));
  await w.stop();
  await n.stop();
  assert.equal(lines(w.output(), /^LAST SEEN/).length, 1);
  assert.deepEqual(lines(w.output()).slice(1).map((l) => l.split(/ {3,}/)[3]), ['Deployment/web', 'Deployment/web']);
  assert.doesNotMatch(w.output(), /error/i);
});

test('a deleted pod\'s events stay after it is gone (Scheduled ... Killing), and get events -w prints each once', async () => {
  assert.equal(c.k('run', 'gone', '--image=nginx').code, 0);
  assert.equal(c.k('wait', '--for=condition=Ready', 'pod/gone').code, 0);
  const w = c.bg('get', 'events', '-w', '--field-selector', 'involvedObject.name=gone');
  await c.until(() => /Started container gone/.test(w.output()));
  assert.equal(c.k('delete', 'pod', 'gone').code, 0);
  assert.equal(c.k('get', 'pod', 'gone', '--ignore-not-found').stdout, '', 'the pod is gone');
  const reasons = (t: string) => lines(t).slice(1).map((l) => l.split(/ {3,}/)[2]);
  assert.deepEqual(reasons(c.k('get', 'events', '--field-selector', 'involvedObject.name=gone').stdout), ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started', 'Killing']);
  assert.deepEqual(reasons(c.k('events', '--for', 'pod/gone').stdout), ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started', 'Killing']);
  await c.until(() => /Stopping container gone/.test(w.output()));
  await new Promise((r) => setTimeout(r, 300));
  await w.stop();
  assert.deepEqual(reasons(w.output()), ['Scheduled', 'Pulling', 'Pulled', 'Created', 'Started', 'Killing'], 'each once');
});
