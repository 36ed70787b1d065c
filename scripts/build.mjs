// Build: one minified CommonJS bundle (dist/kubesim.js) for run time, and with --tests a
// per-file CommonJS transpile of src/ and test/ into build/ for node's test runner.
// No TypeScript runs at run time (see ../shared/reference/startup-performance.md).
import { build } from 'esbuild';
import { readdirSync, statSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const walk = (d) => readdirSync(d).flatMap((f) => {
  const p = join(d, f);
  return statSync(p).isDirectory() ? walk(p) : [p];
});

// A module required lazily that does not exist (yet) fails only when that verb runs, with a
// warning at build time; the rest of the program still builds.
const missingModules = {
  name: 'missing-modules',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, async (args) => {
      const base = join(args.resolveDir, args.path);
      const { existsSync } = await import('node:fs');
      if (['', '.ts', '.js', '/index.ts'].some((e) => existsSync(base + e))) return undefined;
      console.warn(`build: warning: ${args.path} (from ${args.importer.replace(root + '/', '')}) does not exist`);
      return { path: base, namespace: 'missing' };
    });
    b.onLoad({ filter: /.*/, namespace: 'missing' }, (args) => ({
      contents: `const what = ${JSON.stringify(args.path.replace(root + '/', ''))};
module.exports = new Proxy({}, { get(_, k) { if (k === '__esModule') return false; throw new Error('kubesim: ' + what + ' is not built yet'); } });`,
      loader: 'js',
    }));
  },
};

// Two bundles of the same program. The lite one leaves out what the everyday read path never
// needs (the data plane, template engines, describe, manifests, long-running verbs...): where
// it would need one of those, it hands the invocation over to the full bundle before printing
// anything (src/main.ts). Loading 300 KB instead of 800 KB is what keeps `get` near `node -e 0`.
const LITE_EXCLUDE = [
  'network/', 'printers/gotemplate/', 'printers/describe/', 'printers/jsonpath/', 'printers/customcolumns.ts',
  'printers/sortby.ts', 'api/goyaml.ts', 'controllers/bootstrap.ts', 'api/quota.ts', 'api/limitranger.ts', 'api/eviction.ts', 'api/resource-quantity.ts',
  'cli/manifest-verbs.ts', 'cli/manifests.ts', 'cli/merge.ts', 'cli/apply.ts', 'cli/edit.ts', 'cli/patch.ts',
  'cli/set.ts', 'cli/run.ts', 'cli/replace.ts', 'cli/config.ts', 'cli/rollout.ts', 'cli/wait.ts', 'cli/logs.ts',
  'cli/port-forward.ts', 'cli/proxy.ts', 'cli/exec.ts', 'cli/nodes.ts', 'cli/node-admin.ts', 'cli/watch.ts', 'cli/describe.ts',
  'cli/api-resources.ts', 'cli/cluster-info.ts', 'cli/lastapplied.ts', 'cli/dataplane-host.ts', 'cli/help.ts',
  'cli/expose.ts', 'cli/top.ts', 'cli/events.ts', 'printers/events.ts',
  'cli/commands-runner.ts', 'cli/debug.ts', 'cli/ssh.ts', 'cli/inprocess.ts', 'cli/taint.ts', 'cli/attach.ts', 'cli/tty.ts',
  'apiserver/', 'api/merge.ts', 'api/apply.ts',
  'ui/', 'cli/trace.ts', 'cli/autoscale.ts', 'cli/create-token.ts', 'api/tokens.ts', 'cli/raw.ts', 'cli/set-refs.ts', 'api/subresources.ts', 'api/validation-networking.ts',
  'cli/kustomize/', 'cli/kustomize.ts', 'cli/apply-prune.ts', 'cli/apply-last-applied.ts',
  // Writes: a read with nothing due never runs the control plane or a writing verb.
  ...['index', 'kubelet', 'deployment', 'replicaset', 'endpoints', 'scheduler', 'daemonset', 'statefulset',
    'node-lifecycle', 'namespace', 'gc', 'service-lb', 'podutil', 'crd', 'apf', 'csr-signing'].map((c) => `controllers/${c}.ts`),
  'api/crd.ts', 'api/crd-schema.ts', 'api/crd-openapi.ts',
  'cli/create.ts', 'cli/generators.ts', 'cli/label.ts', 'cli/delete.ts', 'cli/scale.ts',
  'printers/typed.ts', 'printers/yaml.ts',
  'api/defaults.ts', 'api/validation.ts', 'api/allocate-fields.ts', 'api/admission.ts',
  'cli/hostports.ts', 'apiserver/host-listeners.ts', 'store/pki.ts',
  'cli/auth.ts', 'cli/auth-reconcile.ts', 'api/rbac.ts', 'cli/cp.ts', 'cli/diff.ts', 'cli/unified-diff.ts',
  'api/kinds-more/', 'cli/certificate.ts', 'controllers/bootstrap-more.ts',
].map((p) => join(root, 'src', p));
// kubectl's help, completion and explain start in a bundle of their own (the lite one plus these),
// so `get` does not read them at every start.
const HELP_ONLY = ['cli/completion.ts', 'cli/explain.ts', 'cli/cobra.ts', 'api/openapi.ts'].map((p) => join(root, 'src', p));
const liteStubsFor = (excluded) => ({
  name: 'lite-stubs',
  setup(b) {
    b.onResolve({ filter: /^\.\.?\// }, async (args) => {
      const { existsSync } = await import('node:fs');
      const base = join(args.resolveDir, args.path);
      const file = ['.ts', '/index.ts', ''].map((e) => base + e).find((f) => existsSync(f) && statSync(f).isFile());
      if (!file || !excluded.some((x) => (x.endsWith('/') ? file.startsWith(x) : file === x))) return undefined;
      if (args.kind !== 'require-call') throw new Error(`${args.importer}: ${args.path} is left out of the lite bundle, so it may only be required lazily`);
      return { path: file, namespace: 'full-only' };
    });
    b.onLoad({ filter: /.*/, namespace: 'full-only' }, () => ({
      contents: `const e = new Error('kubesim: this needs the full bundle'); e.code = 'KUBESIM_NEEDS_FULL'; throw e;`,
      loader: 'js',
    }));
  },
});

const common = {
  entryPoints: [join(root, 'src/main.ts')],
  bundle: true,
  platform: 'node',
  target: 'node20',
  format: 'cjs',
  minify: true,
  legalComments: 'none',
  // better-sqlite3's JS is bundled; its addon is loaded by path (src/store/db.ts), not searched
  // for by `bindings`, which is left out.
  // node-forge (certificates for kubesim serve) is loaded from node_modules the one time it runs.
  external: ['bindings', 'node-forge'],
  loader: { '.sql': 'text', '.yaml': 'text', '.html': 'text', '.txt': 'text' },
  logLevel: 'warning',
};
const main = Promise.all([
  build({ ...common, outfile: join(root, 'dist/kubesim.js'), plugins: [missingModules] }),
  // The live picture's page script (kubesim ui, src/ui/): for the browser, served from dist/ui/.
  build({ entryPoints: [join(root, 'src/ui/app/main.ts')], bundle: true, platform: 'browser', target: 'es2022', format: 'iife', minify: true, legalComments: 'none', outfile: join(root, 'dist/ui/app.js'), logLevel: 'warning' }),
  build({ ...common, outfile: join(root, 'dist/kubesim-lite.js'), plugins: [liteStubsFor([...LITE_EXCLUDE, ...HELP_ONLY]), missingModules] }),
  build({ ...common, outfile: join(root, 'dist/kubesim-help.js'), plugins: [liteStubsFor(LITE_EXCLUDE), missingModules] }),
  // kubesim's own command tree (commander, chalk, cli-table3, yaml): loaded only for those
  // commands, so none of it is on kubectl's start-up path.
  build({ ...common, entryPoints: [join(root, 'src/kubesim.ts')], outfile: join(root, 'dist/kubesim-own.js'), plugins: [missingModules] }),
]);

// The V8 code cache holds what one run compiled: make it from a plain `get pods` (not from a
// first run, which also bootstraps a cluster), so every verb starts from the common path.
async function codeCache() {
  const { spawnSync } = await import('node:child_process');
  const { mkdtempSync, rmSync: rm } = await import('node:fs');
  const { tmpdir } = await import('node:os');
  rm(join(root, 'dist', 'kubesim.js.cache'), { force: true });
  rm(join(root, 'dist', 'kubesim-lite.js.cache'), { force: true });
  rm(join(root, 'dist', 'kubesim-help.js.cache'), { force: true });
  const home = mkdtempSync(join(tmpdir(), 'kubesim-build-'));
  const env = { ...process.env, KUBESIM_HOME: home, KUBESIM_POD_STARTUP: '0' };
  delete env.NODE_EXTRA_CA_CERTS;
  const kubectl = join(root, 'bin', 'kubectl');
  spawnSync(kubectl, ['create', 'deployment', 'web', '--image=nginx'], { env: { ...env, KUBESIM_NO_CODE_CACHE: '1' }, stdio: 'ignore' });
  spawnSync(kubectl, ['get', 'pods'], { env, stdio: 'ignore' });
  // The help bundle's, from explain: it compiles the most there (a help text compiles little).
  spawnSync(kubectl, ['explain', 'service.spec'], { env, stdio: 'ignore' });
  // The full bundle's cache, from a verb only it has.
  spawnSync(kubectl, ['describe', 'deployment', 'web'], { env, stdio: 'ignore' });
  rm(home, { recursive: true, force: true });
}

if (!process.argv.includes('--tests')) { await main; await codeCache(); }
else {
  // The bundle and the tests build independently: a broken bundle still lets unit tests run.
  try { await main; await codeCache(); } catch { process.exitCode = 1; }
  // node --test runs every file under build/test: start from an empty folder.
  const { rmSync } = await import('node:fs');
  rmSync(join(root, 'build', 'test'), { recursive: true, force: true });
  // Each test is bundled with the sources it imports (text loaders need bundling); packages stay external.
  const files = walk(join(root, 'test')).filter((f) => f.endsWith('.test.ts'));
  // One build per test file, so one broken test does not stop the others from building.
  const results = await Promise.allSettled(files.map((f) => build({
    entryPoints: [f],
    outdir: join(root, 'build'),
    outbase: root,
    bundle: true,
    packages: 'external',
    loader: { '.sql': 'text', '.yaml': 'text', '.html': 'text', '.txt': 'text' },
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    logLevel: 'error',
  })));
  if (results.some((r) => r.status === 'rejected')) process.exitCode = 1;
}
