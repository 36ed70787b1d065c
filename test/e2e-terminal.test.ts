// Interactive sessions in a real pseudo-terminal (tmux), typed as a person types: Ctrl-C inside
// ping, sleep and curl reaches the command in the pod and the session stays (the next
// `hostname` prints the pod's name, never the host's); Up repeats, Tab completes; `exit 3`;
// `run --rm -it` closed with the terminal deletes its pod. Skipped without tmux.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as os from 'os';
import { cluster } from './helpers/kubectl';
import { Tmux, tmuxAvailable } from './helpers/tmux';

const HAVE_TMUX = tmuxAvailable();
const c = cluster({ KUBESIM_POD_STARTUP: '0' });
const terms: Tmux[] = [];
after(() => { for (const t of terms) t.kill(); c.cleanup(); });

c.k('run', 'bb', '--image=busybox', '--', 'sleep', '3600');
c.k('run', 'curl', '--image=radial/busyboxplus:curl', '--', 'sleep', '3600');

function term(): Tmux {
  const t = new Tmux(c.env, c.home);
  terms.push(t);
  return t;
}

/** the pod's name after `hostname`, and no host shell prompt since the session began */
async function stillInPod(t: Tmux, prompt: RegExp, podName: string): Promise<void> {
  t.text('hostname'); t.keys('Enter');
  const s = await t.waitFor(new RegExp(`hostname\\n${podName}\\n${prompt.source}$`));
  assert.ok(!s.includes(os.hostname() + '\n') || os.hostname() === podName, s);
}

test('exec -it: Ctrl-C stops sleep, ping (with its statistics) and curl; the shell stays in the pod', { skip: !HAVE_TMUX && 'tmux is not installed' }, async () => {
  const t = term();
  t.text('kubectl exec -it bb -- sh'); t.keys('Enter');
  await t.waitFor(/\n\/ # $/);
  t.text('sleep 30'); t.keys('Enter');
  await t.waitFor(/sleep 30$/);
  await new Promise((r) => setTimeout(r, 300));
  t.keys('C-c');
  await t.waitFor(/sleep 30\n\^C\n\/ # $/);
  await stillInPod(t, /\/ # /, 'bb');
  t.text('ping bb'); t.keys('Enter');
  await t.waitFor(/seq=1 /);
  t.keys('C-c');
  await t.waitFor(/\^C\n--- bb ping statistics ---\n\d+ packets transmitted, \d+ packets received, 0% packet loss\nround-trip min\/avg\/max = [\d./]+ ms\n\/ # $/);
  await stillInPod(t, /\/ # /, 'bb');
  t.text('exit'); t.keys('Enter');
  await t.waitFor(/\nHOST\$ $/);

  t.text('kubectl exec -it curl -- sh'); t.keys('Enter');
  await t.waitFor(/\[ root@curl:\/ \]\$ $/);
  t.text('curl --max-time 30 10.244.99.99'); t.keys('Enter');
  await t.waitFor(/10\.244\.99\.99$/);
  await new Promise((r) => setTimeout(r, 300));
  t.keys('C-c');
  await t.waitFor(/10\.244\.99\.99\n\^C\n\[ root@curl:\/ \]\$ $/);
  await stillInPod(t, /\[ root@curl:\/ \]\$ /, 'curl');
  t.keys('C-d');
  await t.waitFor(/\nHOST\$ $/);
});

test('exec -it: Up repeats a command, Tab completes, exit 3 is passed through', { skip: !HAVE_TMUX && 'tmux is not installed' }, async () => {
  const t = term();
  t.text('kubectl exec -it bb -- sh'); t.keys('Enter');
  await t.waitFor(/\n\/ # $/);
  t.text('echo again'); t.keys('Enter');
  await t.waitFor(/again\n\/ # $/);
  t.keys('Up');
  await t.waitFor(/again\n\/ # echo again$/);
  t.keys('Enter');
  await t.waitFor(/again\n\/ # echo again\nagain\n\/ # $/);
  t.text('cat /etc/hostn'); t.keys('Tab');
  await t.waitFor(/\/ # cat \/etc\/hostname $/);
  t.keys('Enter');
  await t.waitFor(/hostname \nbb\n\/ # $/);
  t.text('hostn'); t.keys('Tab');
  await t.waitFor(/\/ # hostname $/);
  t.keys('Enter');
  await t.waitFor(/\/ # hostname \nbb\n\/ # $/);
  t.text('exit 3'); t.keys('Enter');
  await t.waitFor(/exit 3\ncommand terminated with exit code 3\nHOST\$ $/);
  t.text('echo rc=$?'); t.keys('Enter');
  await t.waitFor(/rc=3\nHOST\$ $/);
});

test('run --rm -it: exit prints Session ended (restartPolicy Always) and deletes the pod; closing the terminal deletes it too', { skip: !HAVE_TMUX && 'tmux is not installed' }, async () => {
  const t = term();
  t.text('kubectl run rm1 --image=busybox -it --rm -- sh'); t.keys('Enter');
  await t.waitFor(/If you don't see a command prompt, try pressing enter\.\n\/ # $/);
  await stillInPod(t, /\/ # /, 'rm1');
  t.text('exit'); t.keys('Enter');
  await t.waitFor(/\/ # exit\nSession ended, resume using 'kubectl attach rm1 -c rm1 -i -t' command when the pod is running\npod "rm1" deleted\nHOST\$ $/);
  assert.match(c.k('get', 'pod', 'rm1').stderr, /pods "rm1" not found/);

  t.text('kubectl run rm2 --image=busybox -it --rm --restart=Never -- sh'); t.keys('Enter');
  await t.waitFor(/\n\/ # $/);
  t.text('sleep 100'); t.keys('Enter');
  await t.waitFor(/sleep 100$/);
  await new Promise((r) => setTimeout(r, 300));
  t.kill();
  await c.until(() => /pods "rm2" not found/.test(c.k('get', 'pod', 'rm2').stderr), 15000);
});

test('run -it without --rm: the container restarts when the shell exits (RESTARTS 1)', { skip: !HAVE_TMUX && 'tmux is not installed' }, async () => {
  const t = term();
  t.text('kubectl run keep --image=radial/busyboxplus:curl -i --tty'); t.keys('Enter');
  await t.waitFor(/\[ root@keep:\/ \]\$ $/);
  t.keys('C-d');
  await t.waitFor(/Session ended, resume using 'kubectl attach keep -c keep -i -t' command when the pod is running\nHOST\$ $/);
  await c.until(() => c.k('get', 'pod', 'keep', '-o', 'jsonpath={.status.containerStatuses[0].restartCount}').stdout === '1', 10000);
  t.text('kubectl attach keep -c keep -i -t'); t.keys('Enter');
  await t.waitFor(/\[ root@keep:\/ \]\$ $/);
  await stillInPod(t, /\[ root@keep:\/ \]\$ /, 'keep');
  t.keys('C-d');
  await t.waitFor(/Session ended, resume using 'kubectl attach keep -c keep -i -t' command when the pod is running\nHOST\$ $/);
});

test('kubesim ssh: a reset of the cluster ends the node shell with a message, back on the host', { skip: !HAVE_TMUX && 'tmux is not installed' }, async () => {
  const t = term();
  t.text('kubesim ssh kind-worker'); t.keys('Enter');
  await t.waitFor(/root@kind-worker:\/# $/);
  assert.equal(c.ks('reset', '-y').code, 0);
  // (the terminal wraps the long line)
  await t.waitFor(/root@kind-worker:\/# ?\nerror: the cluster in [\s\S]+ was replaced \(kubesim reset or snapshot [\s\S]+; run the command again\nHOST\$ $/, 10000);
});
