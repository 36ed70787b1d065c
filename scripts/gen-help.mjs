// Records kubectl 1.32's help texts and command tree from the real kubectl, for kubesim's
// `--help`, `kubectl help`, `kubectl options`, completion and command-line errors:
//   templates/help/<command_path>.txt   what `kubectl <command path> --help` prints
//   templates/help/_options.txt         what `kubectl options` prints
//   templates/help/_usage.txt           the root's usage (after "Unknown help topic")
//   templates/help/tree.json            every command: aliases, subcommands, flags, short text
//   templates/completion/<shell>.txt    what `kubectl completion <shell>` prints
// Run it where the real kubectl 1.32 is installed (KUBECTL=/path/to/kubectl; by default the
// Cloud SDK's kubectl.1.32, else kubectl on PATH): its output is committed, so a machine without
// kubectl builds and tests. /usr/bin/kubectl here is the Cloud SDK's dispatcher, which words the
// root's errors as cobra's default ("Error: ...") where kubectl 1.32 itself says "error: ...".
//   node scripts/gen-help.mjs
import { spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync, mkdtempSync, rmSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const SDK = '/usr/lib/google-cloud-sdk/bin/kubectl.1.32';
const kubectl = process.env.KUBECTL ?? (existsSync(SDK) ? SDK : 'kubectl');
const home = mkdtempSync(join(tmpdir(), 'gen-help-'));
// No kubeconfig, no plugins on PATH: help must not depend on either.
const env = { HOME: home, PATH: '/nonexistent', KUBECONFIG: join(home, 'none'), LANG: 'C' };
function run(args) {
  const r = spawnSync(kubectl, args, { env, encoding: 'utf8' });
  if (r.error) throw r.error;
  // $HOME shows in defaults (--cache-dir): kubesim puts the user's back at run time.
  const home_ = (t) => t.split(home).join('@@HOME@@');
  return { stdout: home_(r.stdout), stderr: home_(r.stderr), code: r.status };
}

const helpDir = join(root, 'templates', 'help');
const complDir = join(root, 'templates', 'completion');
rmSync(helpDir, { recursive: true, force: true });
mkdirSync(helpDir, { recursive: true });
mkdirSync(complDir, { recursive: true });

/** The sections of a help text that the tree needs. */
function parseHelp(text) {
  const lines = text.split('\n');
  const section = (title) => {
    const i = lines.indexOf(title);
    if (i < 0) return [];
    const out = [];
    for (let j = i + 1; j < lines.length && lines[j] !== ''; j++) out.push(lines[j]);
    return out;
  };
  const aliases = section('Aliases:').join(' ').split(',').map((s) => s.trim()).filter(Boolean);
  const subs = section('Available Commands:').map((l) => /^  (\S+)\s+(.*)$/.exec(l)).filter(Boolean).map((m) => ({ name: m[1], short: m[2] }));
  const flags = [];
  const oi = lines.indexOf('Options:');
  if (oi >= 0) {
    for (let j = oi + 1; j < lines.length && lines[j] !== 'Usage:'; j++) {
      const m = /^    (?:-(\S), )?--([\w-]+)=(.*):$/.exec(lines[j]);
      if (!m) continue;
      const [, short, name, def] = m;
      const type = def === 'true' || def === 'false' ? 'bool' : def.startsWith("'") ? 'string' : def.startsWith('[') ? 'list' : 'value';
      const f = { name, type };
      if (short) f.short = short;
      if (type !== 'bool') f.default = def.startsWith("'") ? def.slice(1, -1) : def;
      // the first line of its usage: what `__complete` shows beside the flag
      f.usage = (lines[j + 1] ?? '').replace(/^\t/, '');
      flags.push(f);
    }
  }
  const usage = section('Usage:').map((l) => l.trim());
  return { aliases, subs, flags, usage };
}

const fileName = (path) => path.join('_') + '.txt';
const tree = {};
// The root's commands, hidden ones aside, as `kubectl __complete ""` lists them.
const top = run(['__completeNoDesc', '']).stdout.split('\n').filter((l) => l && !l.startsWith(':'));
const queue = top.map((c) => [c]);
const rootShort = Object.fromEntries(run(['__complete', '']).stdout.split('\n').filter((l) => l.includes('\t')).map((l) => l.split('\t')));
tree[''] = { subs: top, short: 'kubectl controls the Kubernetes cluster manager' };
while (queue.length) {
  const path = queue.shift();
  const r = run([...path, '--help']);
  if (r.code !== 0) throw new Error(`kubectl ${path.join(' ')} --help: exit ${r.code}: ${r.stderr}`);
  writeFileSync(join(helpDir, fileName(path)), r.stdout);
  const h = parseHelp(r.stdout);
  const node = { aliases: h.aliases, subs: h.subs.map((s) => s.name), flags: h.flags, usage: h.usage };
  if (path.length === 1) node.short = rootShort[path[0]];
  tree[path.join(' ')] = node;
  for (const s of h.subs) {
    queue.push([...path, s.name]);
  }
  for (const s of h.subs) (tree.__shorts ??= {})[[...path, s.name].join(' ')] = s.short;
}
// Short descriptions sit with their commands.
for (const [k, v] of Object.entries(tree.__shorts ?? {})) tree[k].short = v;
delete tree.__shorts;

// Global options: `kubectl options` lists them in the same layout as a command's Options.
const opts = run(['options']);
writeFileSync(join(helpDir, '_options.txt'), opts.stdout);
tree[''].flags = parseHelp('Options:\n' + opts.stdout.split('\n').slice(2).join('\n') + '\nUsage:\n').flags;
// "Unknown help topic" prints the root's usage after its first line.
const unknown = run(['help', 'no-such-topic']);
writeFileSync(join(helpDir, '_usage.txt'), unknown.stderr.slice(unknown.stderr.indexOf('\n') + 1));
writeFileSync(join(helpDir, 'tree.json'), JSON.stringify(tree) + '\n');

for (const shell of ['bash', 'zsh', 'fish', 'powershell']) {
  const r = run(['completion', shell]);
  if (r.code !== 0) throw new Error(`kubectl completion ${shell}: ${r.stderr}`);
  writeFileSync(join(complDir, `${shell}.txt`), r.stdout);
}
// What kubesim's tests compare with (test/e2e-help.test.ts): command lines whose whole answer
// is client-side, as the real kubectl gives it with no cluster configured.
const CASES = [
  ['help', 'foo'], ['help', 'foo', 'bar'], ['help', 'create', 'foo'], ['help', 'rollout', 'status'], ['help', 'create', 'deploy'],
  ['options'], ['options', 'foo'], ['explian'], ['zzzzzz'], ['api'], ['c'], ['getx'], ['--version'], ['-n', 'x', '--bogus'],
  ['get', '--foo', '--help'], ['get', 'pods', '-h'], ['create', 'deployment', 'x', '--image=y', '-h'], ['create', 'deploy', '-h'],
  ['exec', 'mypod', '-it', '-h'], ['logs', '-h', 'x'], ['create', 'secret', 'generic', '--help'], ['create', 'service', 'nodeport', '-h'],
  ['rollout', 'foo', '--help'], ['set', 'image', '--help'], ['config', 'set-context', '-h'], ['port-forward', '-h'],
  ['scale', '--replicas', '--help'], ['apply', '-f', 'x.yaml', '--dry-run', '-h'], ['get', '-h=false', '--bogus'], ['set', 'imag'], ['top', 'foo'],
  ['completion'], ['completion', 'foo'], ['completion', 'bash', 'zsh'], ['completion', 'zsh'],
  ['__complete', ''], ['__completeNoDesc', ''], ['__complete', 'get', '--al'], ['__complete', 'create', ''], ['__complete', 'get', '-o', ''],
  ['__complete', 'get', '--output=j'], ['__completeNoDesc', 'config', ''], ['__complete', '-h'],
  ['__complete', '--n'], ['__complete', 'rollout', ''], ['__complete', 'set', 'i'], ['__complete', 'create', 'deployment', 'x', '-'],
  ['__complete', 'foo', ''], ['__complete', 'get', 'pods', '--help', ''], ['__complete', 'logs', '-'], ['__complete', 'version', '-o', ''],
  ['__completeNoDesc', 'create', 'cronjob', 'x', '-'], ['__completeNoDesc', 'create', 'deployment', 'x', ''], ['__completeNoDesc', 'scale', '-'],
  ['__completeNoDesc', 'run', 'x', '--image=nginx', '-'], ['__completeNoDesc', 'create', 'job', 'x', '-'], ['__complete', 'expose', '--'],
];
const cases = CASES.map((args) => ({ args, ...run(args) }));
mkdirSync(join(root, 'test', 'golden', 'help'), { recursive: true });
writeFileSync(join(root, 'test', 'golden', 'help', 'cases.json'), JSON.stringify(cases, null, 1) + '\n');
rmSync(home, { recursive: true, force: true });
console.log(`${Object.keys(tree).length} commands recorded from ${run(['version', '--client']).stdout.split('\n')[0]}`);
