// What a container printed, as the kubelet serves it (`kubectl logs`, the API server's pods/log):
// what the app prints when it starts (apps.ts startupLogs), the output of one-shot commands
// (`-- echo hi`, run once in the data plane's shell and kept with the container's run), and the
// access lines the app wrote while serving (the store's logs).
import type { Api } from '../api/server';
import type { Store } from '../store/db';
import type { KObject } from '../api/types';
import type { DataPlaneHost } from './host';

export interface LogContext { api: Api; store: Store; host: () => DataPlaneHost }
export interface LogLine { t: number; text: string }

/** RFC3339Nano, as --timestamps prints it. */
export function nano(ms: number, i: number): string {
  const d = new Date(ms);
  const frac = String((ms % 1000) * 1000000 + 1000 + i * 137).padStart(9, '0').slice(0, 9);
  return d.toISOString().replace(/\.\d{3}Z$/, `.${frac}Z`);
}

/** What a one-shot command (`-- nslookup web`, `sh -c "echo a; wget -qO- web"`) printed: it
 *  runs once in the data plane's shell, in the pod's context, when its log is first read, and
 *  is kept with the container's run (runtime `cmdout:<containerID>`). */
async function commandOutput(ctx: LogContext, pod: KObject, c: any, previous: boolean): Promise<string[]> {
  const argv: string[] = [...(c.command ?? []), ...(c.args ?? [])];
  if (!argv.length || c.stdin || c.tty) return [];
  const { containerLifetime } = require('../controllers/kubelet') as typeof import('../controllers/kubelet');
  if (!containerLifetime(pod, c)) return [];
  const st = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((x: any) => x.name === c.name);
  const id = previous ? st?.lastState?.terminated?.containerID : st?.containerID;
  if (!id) return [];
  const key = `cmdout:${id}`;
  let lines = ctx.store.runtime(key) as string[] | undefined;
  if (!lines) {
    const { execStream } = require('./shell') as typeof import('./shell');
    let text = '';
    await execStream(ctx.host(), pod, c.name, argv, { tty: false, interactive: false, asContainer: true, write: (_fd, t) => { text += t; } });
    lines = text === '' ? [] : text.replace(/\n$/, '').split('\n');
    const keep = lines;
    try { ctx.api.transaction(() => ctx.store.setRuntime(key, keep)); } catch { /* shown, not kept */ }
  }
  return lines;
}

/** Every line of the container's current run (or, with previous, of its last terminated run). */
export async function containerLines(ctx: LogContext, pod: KObject, c: any, previous: boolean): Promise<LogLine[]> {
  const st = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((x: any) => x.name === c.name);
  const run = previous ? st?.lastState?.terminated : (st?.state?.running ?? st?.state?.terminated ?? st?.lastState?.terminated);
  const started = Date.parse(run?.startedAt ?? '') || Date.parse(pod.status?.startTime ?? '') || ctx.api.nowMs();
  const { startupLogs } = require('./apps') as typeof import('./apps');
  const lines: LogLine[] = [];
  for (const text of [...startupLogs(pod, c.name, new Date(started)), ...await commandOutput(ctx, pod, c, previous)]) lines.push({ t: started, text });
  if (!previous) for (const l of ctx.store.logs(pod.metadata.uid!, c.name)) lines.push({ t: ctx.api.nowMs(), text: l.line });
  return lines;
}

/** Why a container's log cannot be read yet, as the kubelet says it ("is waiting to start: ..."). */
export function waitingReason(status: any): string {
  const why = status?.state?.waiting?.reason;
  return why === 'ErrImagePull' || why === 'ImagePullBackOff' ? 'trying and failing to pull image' : why === 'CreateContainerConfigError' ? why : (why ?? 'ContainerCreating');
}
