// kubectl attach (POD | TYPE/NAME) [-c CONTAINER] [-i] [-t]: connect to the process a container
// already runs (its command, or the image's), as kubectl 1.32 pkg/cmd/attach does (Validate,
// Run, reattachMessage); and attachContainer(), what `kubectl run -i/-t` does after creating its
// pod (pkg/cmd/run handleAttachPod). With -i -t on a terminal the process gets the local terminal
// (src/cli/tty.ts, src/network/terminal); the process ending ends the container, which the
// kubelet restarts as the pod's restartPolicy says.
import { parseFlags } from './flags';
import { STREAM_FLAGS } from './tty';
import { session, Session } from './session';
import { out, err } from './io';
import { CliError, KObject } from '../api/types';
import { notFound } from '../api/server';
import { resolveType } from './resources';

export interface AttachOptions {
  stdin: boolean;
  tty: boolean;
  quiet: boolean;
  /** what the reattach message names: `kubectl attach` */
  commandName: string;
}

export interface AttachResult {
  exitCode: number;
  /** kubectl was signalled (SIGINT/SIGTERM/SIGHUP/SIGQUIT) while attached */
  signalled?: boolean;
}

/** The process a container runs: its command and args, or the image's default. */
function containerProcess(c: any): string[] {
  const argv = [...(c.command ?? []), ...(c.args ?? [])];
  if (argv.length) return argv;
  const { imageProfile } = require('../network/images') as typeof import('../network/images');
  const img = imageProfile(c.image ?? '');
  if (img.name === 'netshoot') return ['zsh'];
  if (img.family === 'busybox' || img.family === 'alpine') return ['sh'];
  if (['ubuntu', 'debian'].includes(img.name)) return ['bash'];
  // a server (nginx, httpd, ...): nothing reads the terminal; Ctrl-C stops it
  return ['sleep', 'infinity'];
}

/** podcmd.FindOrDefaultContainerByName */
function containerToAttach(pod: KObject, name: string, quiet: boolean): any {
  const all: any[] = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])];
  if (name) {
    const c = all.find((x) => x.name === name);
    if (!c) throw new CliError(`cannot attach to the container: container ${name} not found in pod ${pod.metadata.name}`);
    return c;
  }
  const cs: any[] = pod.spec?.containers ?? [];
  const def = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
  const byAnn = def ? cs.find((c) => c.name === def) : undefined;
  if (byAnn) return byAnn;
  if (cs.length > 1 && !quiet) err(`Defaulted container "${cs[0].name}" out of: ${cs.map((c) => c.name).join(', ')}\n`);
  return cs[0];
}

/** AttachOptions.Run from "check for TTY" on: attach to CONTAINER's process of POD. */
export async function attachContainer(s: Session, pod: KObject, containerName: string, o: AttachOptions): Promise<AttachResult> {
  const c = containerToAttach(pod, containerName, o.quiet);
  let tty = o.tty;
  if (tty && !c.tty) {
    tty = false;
    if (!o.quiet) err(`error: Unable to use a TTY - container ${c.name} did not allocate one\n`);
  } else if (!tty && c.tty) tty = true;
  // SetupTTY
  const tty_ = require('./tty') as typeof import('./tty');
  let raw = false;
  if (o.stdin && tty) {
    if (tty_.canRaw()) raw = true;
    else if (!o.quiet) err('Unable to use a TTY - input is not a terminal or the right kind of file\n');
  }
  if (!o.quiet) err("If you don't see a command prompt, try pressing enter.\n");
  const { dataPlaneHost } = require('./dataplane-host') as typeof import('./dataplane-host');
  const host = dataPlaneHost(s);
  const argv = containerProcess(c);
  const ns = pod.metadata.namespace!;
  let result: AttachResult;
  if (raw) {
    const a = await tty_.attachTerminal(host, pod, c.name, argv, { asContainer: true });
    if (a.error) throw new CliError(a.error, 1, a.error.startsWith('Error from server'));
    result = { exitCode: a.exitCode, ...(a.signalled && a.signalled !== 'EOF' ? { signalled: true } : {}) };
  } else if (o.stdin) {
    const { execStream } = require('../network/shell') as typeof import('../network/shell');
    async function* chunks(): AsyncIterable<string> {
      process.stdin.setEncoding('utf8');
      for await (const chunk of process.stdin) yield chunk as string;
    }
    const r = await execStream(host, pod, c.name, argv, {
      input: chunks(), tty: false, interactive: true, asContainer: true,
      write: (fd, text) => (fd === 1 ? out(text) : err(text)),
    });
    if (r.error) throw new CliError(r.error, 1, r.error.startsWith('Error from server'));
    result = { exitCode: r.exitCode };
  } else {
    // Output only: the process goes on; kubectl streams what it prints until interrupted.
    await new Promise<never>(() => { /* until Ctrl-C ends kubectl */ });
    result = { exitCode: 0 };
  }
  // The process read its stdin to the end (stdinOnce) or exited: the container ends with it.
  if (o.stdin && (!result.signalled || c.stdinOnce)) {
    const isEphemeral = (pod.spec?.ephemeralContainers ?? []).some((x: any) => x.name === c.name);
    if (!isEphemeral) {
      const { containerProcessEnded } = require('../controllers/kubelet') as typeof import('../controllers/kubelet');
      s.write((api) => containerProcessEnded(api, ns, pod.metadata.name, c.name, result.signalled ? 0 : result.exitCode));
    }
  }
  // reattachMessage
  if (!o.quiet && o.stdin && raw && (pod.spec?.restartPolicy ?? 'Always') === 'Always' && !result.signalled) {
    const isEphemeral = (pod.spec?.ephemeralContainers ?? []).some((x: any) => x.name === c.name);
    out(isEphemeral
      ? `Session ended, the ephemeral container will not be restarted but may be reattached using '${o.commandName} ${pod.metadata.name} -c ${c.name} -i -t' if it is still running\n`
      : `Session ended, resume using '${o.commandName} ${pod.metadata.name} -c ${c.name} -i -t' command when the pod is running\n`);
  }
  return result;
}

export async function run(argv: string[]): Promise<number> {
  const p = parseFlags(argv, [
    ...STREAM_FLAGS,
  ], 'kubectl attach');
  const f = p.flags;
  const args = p.args;
  if (!args.length) throw new CliError('at least 1 argument is required for attach');
  if (args.length > 2) throw new CliError(`expected POD, TYPE/NAME, or TYPE NAME, (at most 2 arguments) saw ${args.length}: [${args.join(' ')}]`);
  if (/^(0+[smh]?|-.*)$/.test(f['pod-running-timeout'])) throw new CliError('--pod-running-timeout must be higher than zero');
  const s = session();
  s.catchUp();
  const ns = s.namespace(f.namespace);
  const { podFor } = require('./exec') as typeof import('./exec');
  let pod: KObject;
  if (args.length === 2) {
    const info = resolveType(args[0]);
    if (info.kind === 'Pod') {
      const x = s.api.get('Pod', ns, args[1]);
      if (!x) throw notFound(info, args[1]);
      pod = x;
    } else pod = podFor(s, ns, `${args[0]}/${args[1]}`);
  } else pod = podFor(s, ns, args[0]);
  const phase = pod.status?.phase;
  if (phase === 'Succeeded' || phase === 'Failed') throw new CliError(`cannot attach a container in a completed pod; current phase is ${phase}`);
  const r = await attachContainer(s, pod, f.container, { stdin: !!f.stdin, tty: !!f.tty, quiet: !!f.quiet, commandName: 'kubectl attach' });
  return r.signalled ? 1 : 0;
}
