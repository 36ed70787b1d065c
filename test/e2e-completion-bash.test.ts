// Shell completion in a real bash through tmux, as a course's set-up step has it:
// `source <(kubectl completion bash)` with kubesim's kubectl first on PATH, then Tab.
// Skips itself where tmux, bash or bash-completion (kubectl's script needs its
// _get_comp_words_by_ref) are missing.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import { cluster, ROOT } from './helpers/kubectl';

const BASH_COMPLETION = ['/usr/share/bash-completion/bash_completion', '/etc/bash_completion'].find((f) => fs.existsSync(f));
const has = (cmd: string) => spawnSync('sh', ['-c', `command -v ${cmd}`]).status === 0;
const missing = !has('tmux') ? 'tmux is not installed' : !has('bash') ? 'bash is not installed' : !BASH_COMPLETION ? 'bash-completion is not installed (kubectl\'s bash script needs it)' : '';

const c = cluster({ KUBESIM_POD_STARTUP: '0' });
after(() => c.cleanup());

test('Tab in bash completes from the kubesim cluster', { timeout: 120000 }, async (t) => {
  if (missing) { t.skip(missing); return; }
  c.k('create', 'deployment', 'web', '--image=nginx');
  c.k('expose', 'deployment', 'web', '--port=80');
  const pod = c.k('get', 'pods', '-o', 'name').stdout.trim().split('\n')[0].split('/')[1];
  const sock = `kubesim-test-${process.pid}`;
  const tmux = (...args: string[]) => spawnSync('tmux', ['-L', sock, ...args], { encoding: 'utf8' });
  const env = `env -i HOME=${c.home} TERM=xterm PATH=${path.join(ROOT, 'bin')}:/usr/bin:/bin KUBESIM_HOME=${c.home} KUBESIM_POD_STARTUP=0 bash --norc --noprofile`;
  tmux('new-session', '-d', '-s', 'k', '-x', '200', '-y', '60', env);
  t.after(() => { tmux('kill-server'); });
  const screen = () => tmux('capture-pane', '-p', '-t', 'k').stdout;
  const waitFor = async (re: RegExp, what: string) => {
    const end = Date.now() + 20000;
    while (Date.now() < end) {
      if (re.test(screen())) return;
      await new Promise((r) => setTimeout(r, 100));
    }
    assert.fail(`${what}: ${re} not on screen:\n${screen()}`);
  };
  tmux('send-keys', '-t', 'k', `source ${BASH_COMPLETION}; source <(kubectl completion bash); echo READY`, 'Enter');
  await waitFor(/^READY$/m, 'completion loaded');
  const step = async (typed: string, keys: string[], re: RegExp, then?: [string, RegExp]) => {
    tmux('send-keys', '-t', 'k', typed, ...keys);
    await waitFor(re, typed);
    if (then) {
      // bash lists the candidates on the second Tab after the common prefix was inserted
      const end = Date.now() + 20000;
      while (!then[1].test(screen()) && Date.now() < end) {
        tmux('send-keys', '-t', 'k', then[0]);
        await new Promise((r) => setTimeout(r, 700));
      }
      await waitFor(then[1], typed + ' ' + then[0]);
    }
    tmux('send-keys', '-t', 'k', 'C-c');
  };
  await step('kubectl describe svc w', ['Tab'], /kubectl describe svc web\s*$/m);
  await step('kubectl -n kube-p', ['Tab'], /kubectl -n kube-public\s*$/m);
  await step(`kubectl logs ${pod} -c `, ['Tab'], new RegExp(`kubectl logs ${pod} -c nginx\\s*$`, "m"));
  await step('kubectl get po', ['Tab'], /kubectl get pod\s*$/m, ['Tab', /poddisruptionbudgets\.policy\s+pods\s+podtemplates/]);
  await step('kubectl get pods ', ['Tab'], new RegExp(`kubectl get pods ${pod}\\s*$`, "m"));
  await step('kubectl get deploy', ['Tab'], /kubectl get deployments\.apps\s*$/m);
});
