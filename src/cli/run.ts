// kubectl run NAME --image=IMAGE [--port] [--expose] [--labels] [--env] [--restart] [--command]
// [-- args]: a bare pod as kubectl generates it (run=<name> label, dnsPolicy ClusterFirst),
// optionally with a Service; -i/-t attach to it through exec, --rm deletes it afterwards.
import { parseFlags, Parsed } from './flags';
import { out, err } from './io';
import { ApiError, CliError, KObject } from '../api/types';
import { session } from './session';
import { parseOutput } from '../printers/output';
import { parseDryRun, printResult } from './create';
import { requiredFlagError } from './generators';

const usage = (msg: string) => new CliError(`error: ${msg}\nSee 'kubectl run -h' for help and examples`, 1, true);

export const IMAGE_RE = /^(?:(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9])(?:\.(?:[a-zA-Z0-9]|[a-zA-Z0-9][a-zA-Z0-9-]*[a-zA-Z0-9]))*(?::[0-9]+)?\/)?[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*(?:\/[a-z0-9]+(?:(?:[._]|__|[-]*)[a-z0-9]+)*)*(?::[\w][\w.-]{0,127})?(?:@[A-Za-z][A-Za-z0-9]*(?:[-_+.][A-Za-z][A-Za-z0-9]*)*:[0-9a-fA-F]{32,})?$/;

/** generate.ParseLabels: comma-separated key=value pairs, exactly one `=` each. */
function parseKV(spec: string, _what: string): Record<string, string> {
  const m: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2) throw new CliError(`unexpected label spec: ${part}`);
    if (!kv[0]) throw new CliError('unexpected empty label key');
    m[kv[0]] = kv[1];
  }
  return m;
}

export function buildPod(p: Parsed, name: string, namespace: string | undefined): KObject {
  const f = p.flags;
  const labels = f.labels ? parseKV(f.labels, 'label') : { run: name };
  const annotations: Record<string, string> = {};
  for (const a of f.annotations) {
    if (!a) continue;
    const i = a.indexOf('=');
    if (i <= 0) throw new CliError(`invalid annotations format: ${a}`);
    annotations[a.slice(0, i)] = a.slice(i + 1);
  }
  const container: any = { name, image: f.image };
  const args = p.dashAt >= 0 ? p.dashArgs : p.args.slice(1);
  if (args.length) { if (f.command) container.command = args; else container.args = args; }
  if (f.port) {
    const port = Number(f.port);
    if (!/^\d+$/.test(f.port)) throw new CliError(`strconv.Atoi: parsing ${JSON.stringify(f.port)}: invalid syntax`);
    container.ports = [{ containerPort: port }];
  }
  if (f.env.length) {
    container.env = f.env.map((e: string) => {
      const i = e.indexOf('=');
      if (i <= 0) throw new CliError(`invalid env: ${e}`);
      return { name: e.slice(0, i), value: e.slice(i + 1) };
    });
  }
  container.resources = {};
  if (f['image-pull-policy']) container.imagePullPolicy = f['image-pull-policy'];
  if (f.stdin) { container.stdin = true; if (!f['leave-stdin-open']) container.stdinOnce = true; }
  if (f.tty) container.tty = true;
  if (f.privileged) container.securityContext = { privileged: true };
  const pod: KObject = {
    apiVersion: 'v1', kind: 'Pod',
    metadata: { name, ...(namespace ? { namespace } : {}), creationTimestamp: null, labels, ...(Object.keys(annotations).length ? { annotations } : {}) } as any,
    spec: { containers: [container], restartPolicy: f.restart, dnsPolicy: 'ClusterFirst' },
    status: {},
  };
  if (f.overrides) {
    let o: any;
    try { o = JSON.parse(f.overrides); } catch (e: any) { throw new CliError(`error decoding overrides: ${e.message}`); }
    const m = require('./merge') as typeof import('./merge');
    const merged = f['override-type'] === 'json' ? m.jsonPatch(pod, o) : f['override-type'] === 'strategic' ? m.strategicMergePatch(pod, o, 'Pod') : m.jsonMergePatch(pod, o);
    return merged as KObject;
  }
  return pod;
}

function buildService(p: Parsed, name: string, namespace: string | undefined): KObject {
  const f = p.flags;
  const selector = f.labels ? parseKV(f.labels, 'label') : { run: name };
  const port = Number(f.port);
  return {
    apiVersion: 'v1', kind: 'Service',
    metadata: { name, ...(namespace ? { namespace } : {}), creationTimestamp: null, ...(f.labels ? { labels: parseKV(f.labels, 'label') } : {}) } as any,
    spec: { ports: [{ protocol: 'TCP', port, targetPort: port }], selector },
    status: { loadBalancer: {} },
  };
}

export async function run(argv: string[]): Promise<number> {
  const p = parseFlags(argv, [
    { name: 'image', type: 'string', default: '' },
    { name: 'port', type: 'string', default: '' },
    { name: 'expose', type: 'bool', default: false },
    { name: 'labels', short: 'l', type: 'string', default: '' },
    { name: 'env', type: 'stringArray', default: [] },
    { name: 'restart', type: 'string', default: 'Always' },
    { name: 'command', type: 'bool', default: false },
    { name: 'image-pull-policy', type: 'string', default: '' },
    { name: 'annotations', type: 'stringArray', default: [] },
    { name: 'overrides', type: 'string', default: '' },
    { name: 'override-type', type: 'string', default: 'merge' },
    { name: 'dry-run', type: 'string', default: 'none' },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'template', type: 'string', default: '' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'stdin', short: 'i', type: 'bool', default: false },
    { name: 'tty', short: 't', type: 'bool', default: false },
    { name: 'attach', type: 'bool', default: false },
    { name: 'rm', type: 'bool', default: false },
    { name: 'leave-stdin-open', type: 'bool', default: false },
    { name: 'quiet', short: 'q', type: 'bool', default: false },
    { name: 'privileged', type: 'bool', default: false },
    { name: 'pod-running-timeout', type: 'string', default: '1m0s' },
    { name: 'save-config', type: 'bool', default: false },
    { name: 'field-manager', type: 'string', default: 'kubectl-run' },
    { name: 'cascade', type: 'string', default: 'background' },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'wait', type: 'bool', default: false },
    { name: 'force', type: 'bool', default: false },
    { name: 'filename', short: 'f', type: 'stringArray', default: [] },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'kustomize', short: 'k', type: 'string', default: '' },
    { name: 'show-managed-fields', type: 'bool', default: false },
  ], 'kubectl run', { interspersed: true });
  const f = p.flags;
  const name = p.args[0];
  if (!p.set.has('image')) throw requiredFlagError(['image']);
  if (!name) throw usage('NAME is required for run');
  if (!f.image) throw new CliError('--image is required');
  if (!IMAGE_RE.test(f.image)) throw new CliError(`Invalid image name ${JSON.stringify(f.image)}: invalid reference format`);
  const dryRun = parseDryRun(f['dry-run'], p.set.has('dry-run'));
  const attach = f.attach || f.stdin || f.tty;
  // RunOptions.Validate's order
  if (f.tty && !f.stdin) throw usage('-i/--stdin is required for containers with -t/--tty=true');
  if (f.expose && !f.port) throw usage('--port must be set when exposing a service');
  if (!['Always', 'OnFailure', 'Never'].includes(f.restart)) throw usage(`invalid restart policy: ${f.restart}`);
  if (f.rm && !attach) throw usage('--rm should only be used for attached containers');
  if (dryRun !== 'none' && attach) throw usage("--dry-run=[server|client] can't be used with attached containers options (--attach, --stdin, or --tty)");
  if (f['image-pull-policy'] && !['Always', 'IfNotPresent', 'Never'].includes(f['image-pull-policy'])) throw usage(`invalid image pull policy: ${f['image-pull-policy']}`);
  const spec = parseOutput(f.output || undefined, f.template || undefined, { noTables: true });
  const nsExplicit = p.set.has('namespace') && f.namespace ? f.namespace : undefined;
  const pod = buildPod(p, name, nsExplicit);
  const svc = f.expose ? buildService(p, name, nsExplicit) : undefined;
  if (dryRun === 'client') {
    let rc = 0;
    if (svc) {
      rc = printResult(svc, 'created', spec, dryRun, f['allow-missing-template-keys'], true);
      // kubectl's run prints the service and the pod through two YAML printers: two separators
      if (spec.kind === 'yaml') out('---\n---\n');
    }
    return printResult(pod, 'created', spec, dryRun, f['allow-missing-template-keys'], true) || rc;
  }
  const s = session();
  const ns = s.namespace(f.namespace);
  if (f['save-config']) {
    const { setLastApplied } = require('./lastapplied');
    setLastApplied(pod);
    if (svc) setLastApplied(svc);
  }
  pod.metadata.namespace = ns;
  // The pod's one-shot command (if it starts at once) runs here, not in a process of its own.
  s.deferCommands = true;
  // RunOptions.Run: the pod first; then the service, printed as soon as it is made; the pod is
  // printed last, and a failed service is reported after it.
  const createdPod = s.write((api) => api.create(pod, { dryRun: dryRun === 'server' }));
  let svcError: ApiError | undefined;
  if (svc) {
    svc.metadata.namespace = ns;
    try {
      const created = s.write((api) => api.create(svc, { dryRun: dryRun === 'server' }));
      printResult(created, 'created', spec, dryRun, f['allow-missing-template-keys'], true);
      if (spec.kind === 'yaml') out('---\n---\n');
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      svcError = e;
    }
  }
  s.deferCommands = false;
  await s.awaitCommands();
  if (!attach) {
    const rc = printResult(createdPod, 'created', spec, dryRun, f['allow-missing-template-keys'], true);
    if (svcError) throw svcError;
    return rc;
  }
  return attachTo(s, createdPod, p);
}

/** -i/-t: wait for the pod to run, then attach to its command through exec; --rm deletes it. */
async function attachTo(s: ReturnType<typeof session>, pod: KObject, p: Parsed): Promise<number> {
  const f = p.flags;
  const ns = pod.metadata.namespace!;
  const name = pod.metadata.name;
  const deadline = Date.now() + 60000;
  const sleep = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    s.catchUp();
    const cur = s.api.get('Pod', ns, name);
    const phase = cur?.status?.phase;
    if (phase === 'Running' || phase === 'Succeeded' || phase === 'Failed') break;
    if (Date.now() > deadline) throw new CliError(`timed out waiting for the condition`);
    Atomics.wait(sleep, 0, 0, 50);
  }
  let removed = false;
  const deletePod = () => {
    if (!f.rm || removed) return;
    removed = true;
    s.write((api) => { if (api.get('Pod', ns, name)) api.delete('Pod', ns, name, { gracePeriodSeconds: 0 }); });
  };
  const removePod = () => {
    if (!f.rm || removed) return;
    deletePod();
    if (!f.quiet) { try { out(`pod "${name}" deleted\n`); } catch { /* the terminal is gone */ } }
  };
  // A closed terminal can end this process from inside a write (io.ts exits quietly on EPIPE):
  // --rm still removes the pod (the store is synchronous, so an exit hook can).
  const onExit = () => { try { deletePod(); } catch { /* exiting anyway */ } };
  if (f.rm) process.on('exit', onExit);
  if (f.stdin) {
    // handleAttachPod + the exit code as RunOptions.Run waits for it; --rm on every way out
    let rc = 0;
    let exitErr = '';
    // Without a raw terminal, Ctrl-C (or a kill) signals kubectl itself: --rm still removes the pod.
    const raw = !!f.tty && (require('./tty') as typeof import('./tty')).canRaw();
    const onSignal = () => { try { removePod(); } finally { process.exit(1); } };
    // With a raw terminal the terminal session handles these signals while it runs; a SIGHUP of a
    // closed terminal can also arrive just after it ended (its EOF came first): kept from the
    // default action (death), so the pod is still removed below.
    const held = () => {};
    const sigs: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];
    if (f.rm) for (const sg of sigs) process.on(sg, raw ? held : onSignal);
    try {
      const cur = s.api.get('Pod', ns, name) ?? pod;
      const { attachContainer } = require('./attach') as typeof import('./attach');
      const r = await attachContainer(s, cur, cur.spec.containers[0].name, { stdin: true, tty: !!f.tty, quiet: !!f.quiet, commandName: 'kubectl attach' });
      if (r.signalled) rc = 1;
      else ({ code: rc, message: exitErr } = waitForExitCode(s, ns, name, cur.spec?.restartPolicy ?? 'Always', !!f['leave-stdin-open']));
    } finally {
      for (const sg of sigs) { process.off(sg, onSignal); process.off(sg, held); }
      removePod();
    }
    // (run's deferred removal comes before the error is printed)
    if (exitErr) err(exitErr.endsWith('\n') ? exitErr : exitErr + '\n');
    return rc;
  }
  if (f.tty && f.stdin && !f.quiet) err("If you don't see a command prompt, try pressing enter.\n");
  const c = pod.spec.containers[0];
  const cmd: string[] = [...(c.command ?? []), ...(c.args ?? [])];
  const execArgs = ['-n', ns, ...(f.stdin ? ['-i'] : []), ...(f.tty ? ['-t'] : []), name, '--', ...(cmd.length ? cmd : ['sh'])];
  let rc = 0;
  try {
    const r = await require('./exec').run(execArgs);
    rc = typeof r === 'number' ? r : 0;
  } finally {
    removePod();
  }
  return rc;
}

/** RunOptions.Run after the attach: under Never/OnFailure (and not --leave-stdin-open), wait for
 *  the pod to complete and exit with its container's code. */
function waitForExitCode(s: ReturnType<typeof session>, ns: string, name: string, policy: string, leaveStdinOpen: boolean): { code: number; message: string } {
  if (leaveStdinOpen || (policy !== 'Never' && policy !== 'OnFailure')) return { code: 0, message: '' };
  const deadline = Date.now() + 60000;
  const sleep = new Int32Array(new SharedArrayBuffer(4));
  for (;;) {
    s.catchUp();
    const p = s.api.get('Pod', ns, name);
    if (!p) throw new CliError(`pods "${name}" not found`, 1);
    const phase = p.status?.phase;
    if (phase === 'Succeeded') return { code: 0, message: '' };
    if (phase === 'Failed' && policy === 'Never') {
      const t = p.status?.containerStatuses?.[0]?.state?.terminated;
      if (!t || !t.exitCode) throw new CliError(`pod ${ns}/${name} failed with unknown exit code`);
      return { code: t.exitCode, message: `pod ${ns}/${name} terminated (${t.reason ?? ''})\n${t.message ?? ''}` };
    }
    if (Date.now() > deadline) throw new CliError('timed out waiting for the condition');
    Atomics.wait(sleep, 0, 0, 50);
  }
}
