// Rolling updates observed step by step from another process, rollout status/history/undo/
// pause/resume/restart, a rollout that cannot finish, and kubectl wait.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { cluster, lines } from './helpers/kubectl';

const c = cluster({ KUBESIM_POD_STARTUP: '1' });
after(() => c.cleanup());

test('a rolling update, watched: new pods start before old ones go, never below 3 available', async () => {
  assert.equal(c.k('create', 'deployment', 'web', '--image=nginx:1.26', '--replicas=4').code, 0);
  let r = c.k('rollout', 'status', 'deployment/web', '--timeout=30s');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /deployment "web" successfully rolled out\n$/);
  for (const l of lines(r.stdout).slice(0, -1)) assert.match(l, /^Waiting for deployment "web" rollout to finish: \d+ of 4 updated replicas are available\.\.\.$/);
  const rs = c.bg('get', 'rs', '-w');
  await c.until(() => lines(rs.output(), /^web-\S+ +4 +4 +4 /).length === 1);
  const status = c.bg('rollout', 'status', 'deploy/web');
  await c.until(() => /successfully rolled out/.test(status.output()));
  assert.equal(c.k('set', 'image', 'deployment/web', 'nginx=nginx:1.27').stdout, 'deployment.apps/web image updated\n');
  const watchStatus = c.bg('rollout', 'status', 'deploy/web', '--watch');
  await c.until(() => watchStatus.proc.exitCode !== null, 30000);
  assert.equal(watchStatus.proc.exitCode, 0);
  const msgs = lines(watchStatus.output());
  assert.equal(msgs[msgs.length - 1], 'deployment "web" successfully rolled out');
  assert.ok(msgs.some((m) => /^Waiting for deployment "web" rollout to finish: \d out of 4 new replicas have been updated\.\.\.$/.test(m)), msgs.join('\n'));
  for (const m of msgs.slice(0, -1)) {
    assert.match(m, /^Waiting for deployment "web" rollout to finish: (\d out of 4 new replicas have been updated|\d old replicas are pending termination|\d of 4 updated replicas are available)\.\.\.$/);
  }
  await c.until(() => lines(rs.output(), /^web-\S+ +0 +0 +0 /).length >= 1);
  // Step by step: the new replica set grows while the old one shrinks, within the budget.
  const names = [...new Set(lines(rs.output(), /^web-/).map((l) => l.split(/ +/)[0]))];
  assert.equal(names.length, 2);
  const desired = (n: string) => lines(rs.output(), new RegExp(`^${n} `)).map((l) => Number(l.split(/ +/)[1]));
  const [oldRS, newRS] = desired(names[0])[0] === 4 ? names : [names[1], names[0]];
  assert.deepEqual([...new Set(desired(oldRS))].filter((x) => x < 4).sort(), [0, 1, 2, 3].filter((x) => desired(oldRS).includes(x)));
  assert.ok(desired(oldRS).includes(3) && desired(oldRS).includes(0), `old: ${desired(oldRS)}`);
  assert.ok(desired(newRS).includes(4) && desired(newRS)[0] <= 2, `new: ${desired(newRS)}`);
  await rs.stop();
  await status.stop();
  r = c.k('get', 'deploy', 'web');
  assert.match(r.stdout, /^web +4\/4 +4 +4 +[0-9]+s$/m);
  r = c.k('get', 'deploy', 'web', '-o', 'jsonpath={.metadata.annotations.deployment\\.kubernetes\\.io/revision} {.spec.template.spec.containers[0].image}');
  assert.equal(r.stdout, '2 nginx:1.27');
});

test('rollout history, change-cause, undo, and history again', () => {
  assert.equal(c.k('annotate', 'deployment/web', 'kubernetes.io/change-cause=image updated to 1.27').code, 0);
  let r = c.k('rollout', 'history', 'deployment/web');
  assert.equal(r.stdout, 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n1         <none>\n2         image updated to 1.27\n\n');
  r = c.k('rollout', 'history', 'deployment/web', '--revision=2');
  assert.match(r.stdout, /^deployment\.apps\/web with revision #2\nPod Template:\n  Labels:\tapp=web\n\tpod-template-hash=[a-z0-9]+\n  Annotations:\tkubernetes\.io\/change-cause: image updated to 1\.27\n  Containers:\n   nginx:\n    Image:\tnginx:1\.27\n    Port:\t<none>\n    Host Port:\t<none>\n    Environment:\t<none>\n    Mounts:\t<none>\n  Volumes:\t<none>\n  Node-Selectors:\t<none>\n  Tolerations:\t<none>\n\n$/);
  r = c.k('rollout', 'history', 'deployment/web', '--revision=7');
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'error: unable to find the specified revision\n');
  r = c.k('rollout', 'undo', 'deployment/web');
  assert.equal(r.stdout, 'deployment.apps/web rolled back\n');
  r = c.k('rollout', 'status', 'deployment/web', '--timeout=30s');
  assert.equal(r.code, 0);
  r = c.k('rollout', 'history', 'deploy', 'web');
  assert.equal(r.stdout, 'deployment.apps/web \nREVISION  CHANGE-CAUSE\n2         image updated to 1.27\n3         <none>\n\n');
  assert.equal(c.k('get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.spec.containers[0].image}').stdout, 'nginx:1.26');
  r = c.k('rollout', 'undo', 'deployment/web', '--to-revision=3');
  assert.equal(r.stdout, 'deployment.apps/web skipped rollback (current template already matches revision 3)\n');
  r = c.k('rollout', 'undo', 'deployment/web', '--to-revision=1');
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'error: unable to find specified revision 1 in history\n');
  // the old replica sets are kept, scaled to zero
  const rs = lines(c.k('get', 'rs', '-l', 'app=web', '--no-headers').stdout);
  assert.equal(rs.length, 2);
  assert.equal(rs.filter((l) => /^web-\S+ +0 +0 +0 /.test(l)).length, 1);
});

test('pause, resume, restart, with kubectl errors', async () => {
  let r = c.k('rollout', 'pause', 'deployment/web');
  assert.equal(r.stdout, 'deployment.apps/web paused\n');
  r = c.k('rollout', 'pause', 'deployment/web');
  assert.deepEqual([r.code, r.stderr], [1, 'error: deployments.apps "web" is already paused\n']);
  r = c.k('rollout', 'restart', 'deployment/web');
  assert.deepEqual([r.code, r.stderr], [1, 'error: deployments.apps "web" can\'t restart paused deployment (run rollout resume first)\n']);
  assert.equal(c.k('set', 'image', 'deployment/web', 'nginx=nginx:1.27.4').code, 0);
  assert.equal(lines(c.k('get', 'rs', '-l', 'app=web', '--no-headers').stdout).length, 2, 'paused: no new replica set');
  r = c.k('rollout', 'resume', 'deployment/web');
  assert.equal(r.stdout, 'deployment.apps/web resumed\n');
  r = c.k('rollout', 'resume', 'deployment/web');
  assert.deepEqual([r.code, r.stderr], [1, 'error: deployments.apps "web" is not paused\n']);
  assert.equal(c.k('rollout', 'status', 'deployment/web', '--timeout=30s').code, 0);
  r = c.k('rollout', 'restart', 'deployment/web');
  assert.equal(r.stdout, 'deployment.apps/web restarted\n');
  const at = c.k('get', 'deploy', 'web', '-o', 'jsonpath={.spec.template.metadata.annotations.kubectl\\.kubernetes\\.io/restartedAt}').stdout;
  assert.match(at, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(Z|[+-]\d\d:\d\d)$/);
  assert.equal(c.k('rollout', 'status', 'deployment/web', '--timeout=30s').code, 0);
  assert.deepEqual(lines(c.k('rollout', 'history', 'deployment/web').stdout).slice(2).map((l) => l.split(/ +/)[0]), ['2', '3', '4', '5']);
  r = c.k('rollout', 'pause', 'service/kubernetes');
  assert.deepEqual([r.code, r.stderr], [1, 'error: services "kubernetes" pausing is not supported\n']);
  r = c.k('rollout', 'status', 'pod/nope');
  assert.deepEqual([r.code, r.stderr], [1, 'Error from server (NotFound): pods "nope" not found\n']);
  r = c.k('rollout');
  assert.equal(r.code, 1);
  assert.match(r.stdout, /^Manage the rollout of one or many resources\./);
});

test('a rollout that cannot finish: ErrImagePull, the old pods keep serving, status times out, then the deadline', async () => {
  assert.equal(c.k('create', 'deployment', 'stuck', '--image=nginx:1.26', '--replicas=2').code, 0);
  assert.equal(c.k('patch', 'deployment', 'stuck', '-p', '{"spec":{"progressDeadlineSeconds":3}}').code, 0);
  assert.equal(c.k('rollout', 'status', 'deployment/stuck', '--timeout=30s').code, 0);
  assert.equal(c.k('set', 'image', 'deployment/stuck', 'nginx=nginx:1.161').code, 0);
  let r = c.k('rollout', 'status', 'deployment/stuck', '--timeout=1s');
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'error: timed out waiting for the condition\n');
  assert.match(r.stdout, /^Waiting for deployment "stuck" rollout to finish: 1 out of 2 new replicas have been updated\.\.\.\n/);
  await c.until(() => /ImagePullBackOff|ErrImagePull/.test(c.k('get', 'pods', '-l', 'app=stuck').stdout));
  r = c.k('get', 'pods', '-l', 'app=stuck', '--no-headers');
  assert.equal(lines(r.stdout, / 1\/1 +Running /).length, 2, r.stdout);
  r = c.k('rollout', 'status', 'deployment/stuck', '--timeout=20s');
  assert.equal(r.code, 1);
  assert.equal(r.stderr, 'error: deployment "stuck" exceeded its progress deadline\n');
  r = c.k('get', 'deploy', 'stuck', '-o', 'jsonpath={.status.conditions[?(@.type=="Progressing")].reason}');
  assert.equal(r.stdout, 'ProgressDeadlineExceeded');
  assert.equal(c.k('rollout', 'undo', 'deployment/stuck').stdout, 'deployment.apps/stuck rolled back\n');
  r = c.k('rollout', 'status', 'deployment/stuck', '--timeout=30s');
  assert.equal(r.code, 0, r.stderr);
});

test('kubectl wait', async () => {
  let r = c.k('wait', '--for=condition=Available', 'deployment/web');
  assert.equal(r.stdout, 'deployment.apps/web condition met\n');
  r = c.k('wait', '--for=condition=Ready', 'pod', '-l', 'app=web', '--timeout=30s');
  assert.equal(lines(r.stdout, /^pod\/web-[a-z0-9]+-[a-z0-9]{5} condition met$/).length, 4, r.stdout + r.stderr);
  r = c.k('wait', '--for=jsonpath={.status.readyReplicas}=4', 'deployment/web');
  assert.equal(r.stdout, 'deployment.apps/web condition met\n');
  r = c.k('wait', '--for=condition=Ready', 'pod', '-l', 'app=nope');
  assert.deepEqual([r.code, r.stderr], [1, 'error: no matching resources found\n']);
  r = c.k('wait', '--for=condition=Ready', 'pod/nope');
  assert.deepEqual([r.code, r.stderr], [1, 'Error from server (NotFound): pods "nope" not found\n']);
  assert.equal(c.k('run', 'slow', '--image=nginx:1.161').code, 0);
  r = c.k('wait', '--for=condition=Ready', 'pod/slow', '--timeout=1s');
  assert.deepEqual([r.code, r.stderr], [1, 'error: timed out waiting for the condition on pods/slow\n']);
  // wait for a deletion while another process deletes
  const w = c.bg('wait', '--for=delete', 'pod/slow', '--timeout=30s');
  assert.equal(c.k('delete', 'pod', 'slow', '--wait=false').code, 0);
  await c.until(() => w.proc.exitCode !== null);
  assert.equal(w.proc.exitCode, 0);
  assert.equal(w.output(), 'pod/slow condition met\n');
  r = c.k('wait', '--for=delete', 'pod/slow');
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', '']);
  r = c.k('wait', '--for=foo', 'pod/x');
  assert.deepEqual([r.code, r.stderr], [1, 'error: unrecognized condition: "foo"\n']);
});

test('rollout history -o json prints the typed ReplicaSets (Go struct order, 4-space indent)', () => {
  assert.equal(c.k('create', 'deployment', 'hist', '--image=nginx:1.24').code, 0);
  const r = c.k('rollout', 'history', 'deploy/hist', '-o', 'json');
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^\{\n {4}"kind": "ReplicaSet",\n {4}"apiVersion": "apps\/v1",\n {4}"metadata": \{\n {8}"name": "hist-[a-z0-9]+",\n {8}"namespace": "default",\n {8}"uid": /);
  assert.match(r.stdout, /\n {4}"spec": \{\n {8}"replicas": 1,\n {8}"selector": /);
});

test('daemon set and stateful set: set image rolls the pods, history lists the revisions, undo goes back', () => {
  const manifest = (kind: string, name: string) => `apiVersion: apps/v1
kind: ${kind}
metadata: {name: ${name}}
spec:
  ${kind === 'StatefulSet' ? 'replicas: 2\n  ' : ''}selector: {matchLabels: {app: ${name}}}
  template:
    metadata: {labels: {app: ${name}}}
    spec: {containers: [{name: nginx, image: "nginx:1.24"}]}
`;
  for (const [kind, name, res] of [['DaemonSet', 'agent', 'daemonset.apps/agent'], ['StatefulSet', 'db', 'statefulset.apps/db']]) {
    assert.equal(c.kIn(manifest(kind, name), 'apply', '-f', '-').code, 0);
    assert.equal(c.k('rollout', 'status', res, '--timeout=30s').code, 0);
    assert.equal(c.k('rollout', 'undo', res).stderr, 'error: no last revision to roll back to\n');
    assert.equal(c.k('set', 'image', res, 'nginx=nginx:1.25').stdout, `${res} image updated\n`);
    const st = c.k('rollout', 'status', res, '--timeout=30s');
    assert.equal(st.code, 0, st.stderr);
    assert.match(st.stdout, kind === 'DaemonSet'
      ? /Waiting for daemon set "agent" rollout to finish: [01] out of 2 new pods have been updated\.\.\.\n[^]*daemon set "agent" successfully rolled out\n$/
      : /Waiting for partitioned roll out to finish: [01] out of 2 new pods have been updated\.\.\.\n[^]*partitioned roll out complete: 2 new pods have been updated\.\.\.\n$/);
    const images = c.k('get', 'pods', '-l', `app=${name}`, '-o', 'jsonpath={.items[*].spec.containers[0].image}').stdout.split(' ');
    assert.deepEqual([...new Set(images)], ['nginx:1.25'], `${kind} pods replaced`);
    assert.equal(c.k('rollout', 'history', res).stdout, `${res} \nREVISION  CHANGE-CAUSE\n1         <none>\n2         <none>\n\n`);
    assert.match(c.k('rollout', 'history', res, '--revision=1').stdout, new RegExp(`^${res} with revision #1\\nPod Template:\\n  Labels:\\tapp=${name}\\n  Containers:\\n   nginx:\\n    Image:\\tnginx:1\\.24\\n`));
    assert.equal(c.k('rollout', 'undo', res, '--to-revision=7').stderr, 'error: unable to find specified revision 7 in history\n');
    assert.equal(c.k('rollout', 'undo', res, '--to-revision=2').stdout, `${res} skipped rollback (current template already matches revision 2)\n`);
    assert.equal(c.k('rollout', 'undo', res).stdout, `${res} rolled back\n`);
    assert.equal(c.k('rollout', 'status', res, '--timeout=30s').code, 0);
    assert.equal(c.k('rollout', 'history', res).stdout, `${res} \nREVISION  CHANGE-CAUSE\n2         <none>\n3         <none>\n\n`);
    assert.equal(c.k('get', 'pods', '-l', `app=${name}`, '-o', 'jsonpath={.items[0].spec.containers[0].image}').stdout, 'nginx:1.24');
  }
});

test('kubectl wait reports every object that failed: one timeout shared by all, missing names in order', () => {
  assert.equal(c.k('create', 'deployment', 'many', '--image=nginx', '--replicas=2').code, 0);
  assert.equal(c.k('rollout', 'status', 'deploy/many', '--timeout=30s').code, 0);
  const names = c.k('get', 'pods', '-l', 'app=many', '-o', 'name').stdout.trim().split('\n').map((n) => n.replace('pod/', ''));
  let r = c.k('wait', '--for=jsonpath={.status.phase}=Pending', 'pod', '-l', 'app=many', '--timeout=1s');
  assert.deepEqual([r.code, r.stdout], [1, '']);
  assert.equal(r.stderr, names.map((n) => `timed out waiting for the condition on pods/${n}\n`).join(''), 'no error: prefix when there are several');
  r = c.k('wait', '--for=delete', 'pod', '-l', 'app=many', '--timeout=1s');
  assert.equal(r.stderr, `timed out waiting for the condition on pods/${names[0]}\nclient rate limiter Wait returned an error: context deadline exceeded\n`);
  r = c.k('wait', '--for=condition=Ready', 'pod/nope', `pod/${names[0]}`, '--timeout=5s');
  assert.deepEqual([r.code, r.stdout, r.stderr], [1, `pod/${names[0]} condition met\n`, 'Error from server (NotFound): pods "nope" not found\n']);
  r = c.k('wait', '--for=condition=Ready=false', `pod/${names[0]}`, '--timeout=1s');
  assert.equal(r.stderr, `error: timed out waiting for the condition on pods/${names[0]}\n`);
});

test('kubectl wait --for=create: a name that does not exist yet is waited for', async () => {
  const r = c.k('wait', '--for=create', 'pod/later', '--timeout=1s');
  assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', 'error: timed out waiting for the condition\n']);
  const w = c.bg('wait', '--for=create', 'pod/later', '--timeout=20s');
  assert.equal(c.k('run', 'later', '--image=nginx').code, 0);
  await c.until(() => w.proc.exitCode !== null, 20000);
  assert.equal(w.proc.exitCode, 0);
  assert.equal(w.output(), 'pod/later condition met\n');
});

test('rollout status of several objects: each in turn, the errors at the end', () => {
  assert.equal(c.k('create', 'deployment', 'st1', '--image=nginx').code, 0);
  assert.equal(c.k('create', 'deployment', 'st2', '--image=nginx').code, 0);
  assert.equal(c.k('wait', '--for=condition=Available', 'deploy/st1', 'deploy/st2', '--timeout=30s').code, 0);
  let r = c.k('rollout', 'status', 'deploy/st1', 'deploy/nope', 'deploy/st2', '--timeout=30s');
  assert.deepEqual([r.code, r.stdout, r.stderr], [1, 'deployment "st1" successfully rolled out\ndeployment "st2" successfully rolled out\n', 'Error from server (NotFound): deployments.apps "nope" not found\n']);
  r = c.k('rollout', 'status', 'deploy/st1', 'deploy/st2', '--revision=3');
  assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', 'desired revision (3) is different from the running revision (1)\ndesired revision (3) is different from the running revision (1)\n']);
  r = c.k('rollout', 'status', 'deploy', '-l', 'app=nothing');
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, '', 'No resources found in default namespace.\n']);
  r = c.k('rollout', 'status', 'svc/kubernetes', 'deploy/st1');
  assert.deepEqual([r.code, r.stdout, r.stderr], [1, 'deployment "st1" successfully rolled out\n', 'error: no status viewer has been implemented for Service\n']);
});

test('set image: --record (deprecated) writes the change-cause rollout history shows; kubectl\'s checks in its order', () => {
  assert.equal(c.k('create', 'deployment', 'rec', '--image=nginx:1.24').code, 0);
  let r = c.k('set', 'image', 'deploy/rec', 'nginx=nginx:1.25', '--record');
  assert.deepEqual([r.code, r.stdout, r.stderr], [0, 'deployment.apps/rec image updated\n', 'Flag --record has been deprecated, --record will be removed in the future\n']);
  r = c.k('-n', 'default', 'set', 'image', 'deploy/rec', 'nginx=nginx:1.26', '--record=true', '--dry-run=client', '-o', 'jsonpath={.metadata.annotations.kubernetes\\.io/change-cause}');
  assert.equal(r.stdout, 'kubectl set image deploy/rec nginx=nginx:1.26 --namespace=default --record=true --dry-run=client --output=jsonpath={.metadata.annotations.kubernetes\\.io/change-cause}');
  r = c.k('rollout', 'history', 'deploy/rec');
  assert.equal(r.stdout, 'deployment.apps/rec \nREVISION  CHANGE-CAUSE\n1         <none>\n2         kubectl set image deploy/rec nginx=nginx:1.25 --record=true\n\n');
  const e = (...a: string[]) => { const x = c.k('set', 'image', ...a); return [x.code, x.stdout, x.stderr]; };
  assert.deepEqual(e('deploy/rec'), [1, '', 'error: at least one image update is required\n']);
  assert.deepEqual(e('deploy/rec', 'nginx', 'nginx:1.25'), [1, '', "error: there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'\n"]);
  assert.deepEqual(e('deploy/rec', '*=a', 'nginx=b'), [1, '', 'error: all containers are already specified by *, but saw more than one container_name=container_image pairs\n']);
  assert.deepEqual(e('deploy/rec', '--local', 'nginx=a'), [1, '', "error: you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n"]);
  assert.deepEqual(e('deploy/rec', '-l', 'a=b', 'nginx=a'), [1, '', 'error: selectors and the all flag cannot be used when passing resource/name arguments\n']);
  assert.deepEqual(e('deploy', 'rec', '-l', 'a=b', 'nginx=a'), [1, '', 'error: name cannot be provided when a selector is specified\n']);
  assert.deepEqual(e('deploy', '--all', '-l', 'a=b', 'nginx=a'), [1, '', 'error: cannot set --all and --selector at the same time\n']);
  assert.deepEqual(e('deploy/rec,deploy/x', 'nginx=a'), [1, '', 'error: arguments in resource/name form may not have more than one slash\n']);
  assert.equal(c.k('get', 'deploy/rec/x').stderr, 'error: arguments in resource/name form may not have more than one slash\n');
});
