// Output-template cases (go-template, jsonpath, custom-columns, --sort-by, printer choice from
// -o/--template) recorded from real kubectl v1.32 over a dump of a kubesim cluster, by
// scripts/template-fuzz.mjs --record test/golden/templates-fuzz. Each case is replayed the way
// `kubectl get` drives the printers (src/cli/get.ts): printer flags first, then the fetch and its
// NotFound errors, then --sort-by, then the printer over one object or a List.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { CliError, KObject } from '../src/api/types';
import { parseOutput, compilePrinter } from '../src/printers/output';
import { sortObjects } from '../src/printers/sortby';
import { formatError } from '../src/cli/io';

const DIR = path.join(__dirname, '..', '..', 'test', 'golden', 'templates-fuzz');

interface Case { name: string; args: string[]; files?: Record<string, string>; stdout: string; stderr: string; exit: number }

const TYPES: Record<string, { kind: string; plural: string; namespaced: boolean }> = {};
for (const [names, kind, plural, namespaced] of [
  [['svc', 'service', 'services'], 'Service', 'services', true],
  [['po', 'pod', 'pods'], 'Pod', 'pods', true],
  [['no', 'node', 'nodes'], 'Node', 'nodes', false],
  [['ns', 'namespace', 'namespaces'], 'Namespace', 'namespaces', false],
  [['cm', 'configmap', 'configmaps'], 'ConfigMap', 'configmaps', true],
  [['secret', 'secrets'], 'Secret', 'secrets', true],
  [['deploy', 'deployment', 'deployments'], 'Deployment', 'deployments.apps', true],
  [['rs', 'replicaset', 'replicasets'], 'ReplicaSet', 'replicasets.apps', true],
  [['ep', 'endpoints'], 'Endpoints', 'endpoints', true],
  [['ev', 'event', 'events'], 'Event', 'events', true],
] as [string[], string, string, boolean][]) for (const n of names) TYPES[n] = { kind, plural, namespaced };

const objects: KObject[] = JSON.parse(fs.readFileSync(path.join(DIR, 'objects.json'), 'utf8')).items;

function matchLabels(o: KObject, sel: string): boolean {
  const labels = o.metadata.labels ?? {};
  return sel.split(',').every((t) => {
    const m = /^([^!=]+)(==|=|!=)(.*)$/.exec(t);
    if (!m) return t in labels;
    return (labels[m[1]] === m[3]) !== (m[2] === '!=');
  });
}

/** `kubectl get ARGS` over the recorded objects, in a directory holding the case's files. */
function runGet(args: string[]): { stdout: string; stderr: string; exit: number } {
  const flags: Record<string, string> = {};
  const pos: string[] = [];
  for (let i = 1; i < args.length; i++) {
    // --flag[=value], -o value, -o=value, -ovalue
    const m = /^(?:--([a-z-]+)(?:=(.*))?|-([olnAL])=?(.+)?)$/s.exec(args[i]);
    if (!m) { pos.push(args[i]); continue; }
    const name = m[1] ?? ({ o: 'output', l: 'selector', n: 'namespace', A: 'all-namespaces', L: 'label-columns' } as Record<string, string>)[m[3]];
    const value = m[2] ?? m[4];
    if (value !== undefined) flags[name] = value;
    else if (name === 'no-headers' || name === 'all-namespaces') flags[name] = 'true';
    else flags[name] = args[++i];
  }
  let stdout = '';
  let stderr = '';
  try {
    const spec = parseOutput(flags.output || undefined, flags.template || undefined);
    const makePrinter = () => compilePrinter(spec, { allowMissingKeys: flags['allow-missing-template-keys'] !== 'false', noHeaders: flags['no-headers'] === 'true' });
    // TYPE NAME..., TYPE1,TYPE2, or TYPE/NAME...
    const requests: { type: string; names: string[] }[] = [];
    let singleItem: boolean;
    if (pos.some((p) => p.includes('/'))) {
      for (const p of pos) { const [t, n] = p.split('/'); requests.push({ type: t, names: [n] }); }
      singleItem = pos.length === 1;
    } else {
      const types = pos[0].split(',');
      for (const t of types) requests.push({ type: t, names: pos.slice(1) });
      singleItem = types.length === 1 && pos.length === 2;
    }
    const ns = flags.namespace ?? 'default';
    const errors: string[] = [];
    let all: KObject[] = [];
    for (const r of requests) {
      const info = TYPES[r.type.split('.')[0]]; // deployments.apps, deployment.v1.apps
      if (!info) throw new Error(`harness: unknown type ${r.type}`);
      const pool = objects.filter((o) => o.kind === info.kind && (!info.namespaced || flags['all-namespaces'] && !r.names.length || o.metadata.namespace === ns));
      if (r.names.length) {
        for (const n of r.names) {
          const o = pool.find((x) => x.metadata.name === n);
          if (o) all.push(o);
          else errors.push(`Error from server (NotFound): ${info.plural} "${n}" not found`);
        }
      } else all.push(...pool.filter((o) => !flags.selector || matchLabels(o, flags.selector)));
    }
    const single = singleItem && all.length === 1 && errors.length === 0 ? all[0] : undefined;
    if (flags['sort-by'] && !single && all.length) all = sortObjects(all, flags['sort-by']);
    if (errors.length && singleItem) return { stdout, stderr: errors.join('\n') + '\n', exit: 1 };
    let exit = 0;
    if (!(singleItem && !all.length)) {
      const r = makePrinter()(single ? { single, items: [] } : { items: all });
      stdout += r.out;
      if (r.err) { stderr += r.err; exit = 1; }
    }
    if (errors.length) { stderr += errors.join('\n') + '\n'; exit = 1; }
    return { stdout, stderr, exit };
  } catch (e) {
    if (!(e instanceof CliError)) throw e;
    return { stdout: stdout + ((e as any).stdout ?? ''), stderr: stderr + formatError(e), exit: e.exitCode };
  }
}

const klog = (s: string) => s.replace(/^([FEW])\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, '$1<klog> ');
const cases: Case[] = JSON.parse(fs.readFileSync(path.join(DIR, 'cases.json'), 'utf8'));

test('the recorded set is there and covers every engine and both outcomes', () => {
  assert.ok(cases.length >= 600, `cases: ${cases.length}`);
  for (const prefix of ['gt-', 'jp-', 'cc-']) assert.ok(cases.filter((c) => c.name.startsWith(prefix)).length >= 40, prefix);
  assert.ok(cases.some((c) => c.exit === 0) && cases.some((c) => c.exit === 1));
});

for (const c of cases) {
  test(c.name, () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-tfuzz-'));
    const cwd = process.cwd();
    try {
      for (const [f, t] of Object.entries(c.files ?? {})) fs.writeFileSync(path.join(dir, f), t);
      process.chdir(dir);
      const got = runGet(c.args);
      assert.equal(got.stdout, c.stdout, 'stdout');
      assert.equal(klog(got.stderr), klog(c.stderr), 'stderr');
      assert.equal(got.exit, c.exit, 'exit code');
    } finally {
      process.chdir(cwd);
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
}
