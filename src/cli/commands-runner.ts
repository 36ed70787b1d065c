// kubesim's own `__commands` (not a kubectl verb): the data plane runs the one-shot commands of
// containers the kubelet started in another invocation's transaction (src/cli/session.ts
// runCommands passes them on stdin), keeps what they printed for `kubectl logs`
// (runtime `cmdout:<containerID>`), and the kubelet finishes each container with the command's
// exit code, as long after its start as the command ran (sleeps count, without waiting for them).
// (This module is itself required only when there are commands to run, so it imports what it
// uses once, at the top.)
import * as fs from 'fs';
import { session, Session } from './session';
import type { PendingCommand, CommandResult } from '../controllers/context';
import type { DataPlaneHost } from '../network/host';
import { execStream } from '../network/shell';
import { dataPlaneHost } from './dataplane-host';
import { containerLifetime, finishCommand } from '../controllers/kubelet';
import { reconcile } from '../controllers/index';

/** sleep(ms) in the shell waits at most this long (src/network/shell.ts MAX_WAIT_MS): a longer
 *  one is taken from the command's text. */
const CAPPED_MS = 3000;

async function runOne(s: Session, base: DataPlaneHost, cmd: PendingCommand): Promise<{ lines?: string[]; result?: CommandResult }> {
  const pod = s.api.get('Pod', cmd.namespace, cmd.name);
  if (!pod || pod.metadata.uid !== cmd.uid) return {};
  const c = [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? [])].find((x: any) => x.name === cmd.container);
  const st = [...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.containerStatuses ?? [])].find((x: any) => x.name === cmd.container);
  if (!c || st?.containerID !== cmd.containerID) return {};
  const argv: string[] = [...(c.command ?? []), ...(c.args ?? [])];
  let elapsed = 0;
  const host = { ...base, sleep: async (ms: number) => { elapsed += ms; } };
  let text = '';
  const r = await execStream(host, pod, c.name, argv, { tty: false, interactive: false, asContainer: true, write: (_fd, t) => { text += t; } });
  // The image has no such program: leave the exit to the kubelet's guess.
  if (r.error) return {};
  const guess = containerLifetime(pod, c);
  const ms = elapsed >= CAPPED_MS ? Math.max(elapsed, guess?.ms ?? 0) : elapsed;
  return { lines: text === '' ? [] : text.replace(/\n$/, '').split('\n'), result: { code: r.exitCode, ms } };
}

/** Run the session's queued commands and finish their containers. */
export async function settle(s: Session): Promise<void> {
  const base = dataPlaneHost(s);
  let list = s.settings.commands!.pending.splice(0);
  // Finishing a container can start another (a catch-up replaying restarts): a few rounds.
  for (let round = 0; list.length && round < 10; round++) {
    const done: { cmd: PendingCommand; lines?: string[]; result?: CommandResult }[] = [];
    for (const cmd of list) {
      try { done.push({ cmd, ...await runOne(s, base, cmd) }); } catch { done.push({ cmd }); }
    }
    s.api.transaction(() => {
      for (const { cmd, lines, result } of done) {
        if (lines) s.store.setRuntime(`cmdout:${cmd.containerID}`, lines);
        finishCommand(s.api, cmd, result);
      }
      reconcile(s.api, s.settings);
    });
    list = s.settings.commands!.pending.splice(0);
  }
}

export async function run(): Promise<number> {
  const s = session();
  s.deferCommands = true;
  const text = fs.readFileSync(0, 'utf8');
  s.settings.commands!.pending.push(...(JSON.parse(text || '[]') as PendingCommand[]));
  await settle(s);
  return 0;
}
