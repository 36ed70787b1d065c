// kubectl exec: run a command in a container through the simulated data plane's mini-shell
// (src/network/shell.ts). It never runs a host command.
import { parseFlags } from './flags';
import { session } from './session';
import { out, err } from './io';
import { CliError, KObject } from '../api/types';
import { notFound } from '../api/server';
import { resolveType } from './resources';
import { dataPlaneHost } from './dataplane-host';
import { stdinChunks, STREAM_FLAGS } from './tty';
import { isPodReady } from '../controllers/podutil';

/** The pod a TYPE/NAME stands for, as kubectl picks it (a running pod of the workload). */
export function podFor(s: ReturnType<typeof session>, ns: string, target: string): KObject {
  if (!target.includes('/')) {
    const pod = s.api.get('Pod', ns, target);
    if (!pod) throw notFound(resolveType('pods'), target);
    return pod;
  }
  const [t, name] = [target.slice(0, target.indexOf('/')), target.slice(target.indexOf('/') + 1)];
  const info = resolveType(t);
  if (info.kind === 'Pod') {
    const pod = s.api.get('Pod', ns, name);
    if (!pod) throw notFound(info, name);
    return pod;
  }
  const obj = s.api.get(info.kind, ns, name);
  if (!obj) throw notFound(info, name);
  const sel = info.kind === 'Service' ? obj.spec?.selector : info.kind === 'ReplicationController' ? obj.spec?.selector : obj.spec?.selector?.matchLabels;
  if (!sel || !Object.keys(sel).length) throw new CliError(`cannot attach to ${info.kind.toLowerCase()}/${name}: selector is empty`);
  const selector = Object.entries(sel).map(([k, v]) => `${k}=${v}`).join(',');
  const pods = s.api.list('Pod', ns, { labelSelector: selector }).filter((p) => !p.metadata.deletionTimestamp);
  // kubectl sorts by "most likely to be useful": ready and running first, then the oldest.
  pods.sort((a, b) => Number(isPodReady(b)) - Number(isPodReady(a)) || (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : 1));
  if (!pods.length) throw new CliError(`no pods found for ${info.kind.toLowerCase()}/${name}` );
  return pods[0];
}


export async function run(argv: string[]): Promise<number> {
  const p = parseFlags(argv, [
    ...STREAM_FLAGS,
    { name: 'filename', short: 'f', type: 'stringArray', default: [] },
  ], 'kubectl exec');
  const f = p.flags;
  // kubectl 1.32 Complete/Validate: the resource is the first argument unless `--` comes first;
  // the command is everything after `--` (arguments between the name and `--` are dropped).
  const target = p.dashAt !== 0 ? p.args[0] : undefined;
  if (p.dashAt < 0 && p.args.length > 1) throw new CliError('error: exec [POD] [COMMAND] is not supported anymore. Use exec [POD] -- [COMMAND] instead\nSee \'kubectl exec -h\' for help and examples', 1, true);
  const command = p.dashAt >= 0 ? p.dashArgs : [];
  if (!target && !f.filename.length) throw new CliError('pod, type/name or --filename must be specified');
  if (!command.length) throw new CliError('you must specify at least one command for the container');
  if (!target) throw new CliError('exec -f is not supported by kubesim; name the pod');
  const s = session();
  s.catchUp();
  const ns = s.namespace(f.namespace);
  const pod = podFor(s, ns, target);
  const containers: any[] = pod.spec?.containers ?? [];
  let container: string | undefined = f.container || undefined;
  if (!container && containers.length > 1 && !f.quiet) {
    const def = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'] ?? containers[0].name;
    err(`Defaulted container "${def}" out of: ${containers.map((c) => c.name).join(', ')}\n`);
    container = def;
  }
  // StreamOptions.SetupTTY: a TTY needs stdin (-i), silently; and stdin must be a terminal.
  let tty = !!f.tty && !!f.stdin;
  const tty_ = require('./tty') as typeof import('./tty');
  if (tty && !tty_.canRaw()) {
    if (!f.quiet) err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
    tty = false;
  }
  const host = dataPlaneHost(s);
  let r: { exitCode: number; error?: string };
  if (tty) {
    const a = await tty_.attachTerminal(host, pod, container, command);
    // kubectl's interrupt handler restores the terminal and exits 1, saying nothing
    if (a.signalled && a.signalled !== 'EOF') return 1;
    r = a;
  } else {
    const { execStream } = require('../network/shell') as typeof import('../network/shell');
    r = await execStream(host, pod, container, command, {
      input: f.stdin ? stdinChunks() : '',
      tty,
      interactive: !!f.stdin,
      write: (fd, text) => (fd === 1 ? out(text) : err(text)),
    });
  }
  if (r.error) throw new CliError(r.error, 1, r.error.startsWith('Error from server'));
  if (r.exitCode !== 0) {
    err(`command terminated with exit code ${r.exitCode}\n`);
    return r.exitCode;
  }
  return 0;
}
