// kubectl logs: what a container printed. The lines come from the data plane (src/network):
// what the app prints when it starts (apps.ts startupLogs) and the access lines it wrote while
// serving (store logs), plus the output of one-shot commands (`-- echo hi`). -f follows until
// the container stops; TYPE/NAME picks one of the workload's pods as kubectl does.
import { parseFlags } from './flags';
import { session, Session } from './session';
import { out, err } from './io';
import { ApiError, CliError, KObject } from '../api/types';
import { notFound } from '../api/server';
import { parseResourceArgs } from './resources';
import { selectorFromLabelSelector, matchLabels, selectorFromMap } from '../api/selectors';
import { sleep, durationFlag } from './watch';
import { containerLines as logLines, nano, waitingReason, type LogContext, type LogLine } from '../network/container-logs';

const badRequest = (message: string) => new ApiError('BadRequest', message, 400);

type Line = LogLine;

const logContext = (s: Session): LogContext => ({ api: s.api, store: s.store, host: () => (require('./dataplane-host') as typeof import('./dataplane-host')).dataPlaneHost(s) });
const containerLines = (s: Session, pod: KObject, c: any, previous: boolean) => logLines(logContext(s), pod, c, previous);

/** The pod a TYPE/NAME stands for: the first of its pods, running and ready ones first. */
function podFor(s: Session, o: KObject): { pod: KObject; count: number } {
  if (o.kind === 'Pod') return { pod: o, count: 1 };
  let sel: ReturnType<typeof selectorFromMap>;
  if (o.kind === 'Service') {
    if (!o.spec?.selector) throw new CliError(`cannot attach to *v1.Service: invalid service '${o.metadata.name}': Service is defined without a selector`);
    sel = selectorFromMap(o.spec.selector);
  } else if (o.spec?.selector) sel = selectorFromLabelSelector(o.spec.selector);
  else throw new CliError(`cannot get the logs from ${o.kind}`);
  const rank = (p: KObject) => (!p.spec?.nodeName ? 0 : p.status?.phase !== 'Running' ? 1 : !(p.status?.conditions ?? []).some((c: any) => c.type === 'Ready' && c.status === 'True') ? 2 : 3);
  const pods = s.api.list('Pod', o.metadata.namespace).filter((p) => matchLabels(sel, p.metadata.labels) && !p.metadata.deletionTimestamp)
    .sort((a, b) => rank(b) - rank(a) || (a.metadata.creationTimestamp! < b.metadata.creationTimestamp! ? -1 : a.metadata.creationTimestamp! > b.metadata.creationTimestamp! ? 1 : 0) || (a.metadata.name < b.metadata.name ? -1 : 1));
  if (!pods.length) throw new CliError('timed out waiting for the condition');
  return { pod: pods[0], count: pods.length };
}

export async function run(argv: string[]): Promise<number> {
  const p = parseFlags(argv, [
    { name: 'container', short: 'c', type: 'string', default: '' },
    { name: 'follow', short: 'f', type: 'bool', default: false },
    { name: 'previous', short: 'p', type: 'bool', default: false },
    { name: 'tail', type: 'int', default: -1 },
    { name: 'since', type: 'string', default: '0s' },
    { name: 'since-time', type: 'string', default: '' },
    { name: 'timestamps', type: 'bool', default: false },
    { name: 'all-containers', type: 'bool', default: false },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'max-log-requests', type: 'int', default: 5 },
    { name: 'prefix', type: 'bool', default: false },
    { name: 'limit-bytes', type: 'int', default: 0 },
    { name: 'pod-running-timeout', type: 'string', default: '20s' },
    { name: 'ignore-errors', type: 'bool', default: false },
    { name: 'insecure-skip-tls-verify-backend', type: 'bool', default: false },
    { name: 'all-pods', type: 'bool', default: false },
  ], 'kubectl logs');
  const f = p.flags;
  const sinceMs = durationFlag(p, 'since', 'kubectl logs');
  const s = session();
  s.catchUp();
  const ns = s.namespace(f.namespace);
  let args = p.args;
  if (!args.length && !f.selector) {
    throw new CliError("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");
  }
  if (args.length && f.selector) throw new CliError("only a selector (-l) or a POD name is allowed\nSee 'kubectl logs -h' for help and examples");
  let container = f.container as string;
  if (args.length === 2 && !container) { container = args[1]; args = [args[0]]; }
  if (args.length > 2) throw new CliError("expected 'logs [-f] [-p] (POD | TYPE/NAME) [-c CONTAINER]'.\nPOD or TYPE/NAME is a required argument for the logs command\nSee 'kubectl logs -h' for help and examples");

  let pods: KObject[];
  let selected = false;
  if (f.selector) {
    pods = s.api.list('Pod', ns, { labelSelector: f.selector });
    selected = true;
    if (!pods.length) err(`No resources found in ${ns} namespace.\n`);
    if (pods.length > f['max-log-requests'] && f.follow) {
      throw new CliError(`you are attempting to follow ${pods.length} log streams, but maximum allowed concurrency is ${f['max-log-requests']}, use --max-log-requests to increase the limit`);
    }
  } else {
    const a = args[0];
    let target: KObject | undefined;
    if (a.includes('/')) {
      const { requests } = parseResourceArgs([a]);
      const info = requests[0].info;
      target = s.api.get(info.kind, info.namespaced ? ns : undefined, requests[0].names[0]);
      if (!target) throw new CliError(`error from server (NotFound): ${notFound(info, requests[0].names[0]).message} in namespace "${ns}"`);
    } else {
      target = s.api.get('Pod', ns, a);
      if (!target) throw new CliError(`error from server (NotFound): pods "${a}" not found in namespace "${ns}"`);
    }
    const { pod, count } = podFor(s, target);
    if (count > 1) err(`Found ${count} pods, using pod/${pod.metadata.name}\n`);
    pods = [pod];
  }
  const tail = f.tail === -1 && selected ? 10 : f.tail;
  const streams: { pod: KObject; c: any }[] = [];
  for (const pod of pods) {
    const cs: any[] = pod.spec?.containers ?? [];
    if (f['all-containers']) { for (const c of [...(pod.spec?.initContainers ?? []), ...cs]) streams.push({ pod, c }); continue; }
    let name = container;
    if (!name) {
      const def = pod.metadata.annotations?.['kubectl.kubernetes.io/default-container'];
      name = def && cs.some((c) => c.name === def) ? def : cs[0]?.name;
      if (cs.length > 1 && !def && !selected) err(`Defaulted container "${name}" out of: ${cs.map((c) => c.name).join(', ')}\n`);
    }
    const c = [...cs, ...(pod.spec?.initContainers ?? [])].find((x) => x.name === name);
    if (!c) throw new CliError(`container ${name} is not valid for pod ${pod.metadata.name}`);
    streams.push({ pod, c });
  }

  const show = (pod: KObject, c: any, lines: Line[]) => {
    let ls = lines;
    const cutoff = sinceMs > 0 ? s.api.nowMs() - sinceMs : f['since-time'] ? Date.parse(f['since-time']) : NaN;
    if (!Number.isNaN(cutoff)) ls = ls.filter((l) => l.t >= cutoff);
    if (tail >= 0) ls = ls.slice(Math.max(0, ls.length - tail));
    let text = ls.map((l, i) => `${f.prefix ? `[pod/${pod.metadata.name}/${c.name}] ` : ''}${f.timestamps ? nano(l.t, i) + ' ' : ''}${l.text}\n`).join('');
    if (f['limit-bytes'] > 0) text = Buffer.from(text).subarray(0, f['limit-bytes']).toString();
    out(text);
  };

  const unbound = new Set<KObject>();
  for (const { pod, c } of streams) {
    const st = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])].find((x: any) => x.name === c.name);
    // A pod on no node has no log location: the API server answers with no content (LogLocation).
    if (!pod.spec?.nodeName) { unbound.add(pod); continue; }
    if (f.previous) {
      if (!st?.lastState?.terminated) throw badRequest(`previous terminated container "${c.name}" in pod "${pod.metadata.name}" not found`);
    } else if (!st || (st.state?.waiting && !st.lastState?.terminated)) {
      const e = badRequest(`container "${c.name}" in pod "${pod.metadata.name}" is waiting to start: ${waitingReason(st)}`);
      if (f['ignore-errors'] && selected) { err(`Error from server (BadRequest): ${e.message}\n`); continue; }
      throw e;
    }
    show(pod, c, await containerLines(s, pod, c, f.previous));
  }
  if (!f.follow || f.previous) return 0;

  // -f: the access lines as they come, until the containers stop or the pods go.
  const last = new Map<string, number>();
  for (const { pod, c } of streams.filter((x) => !unbound.has(x.pod))) {
    const rows = s.store.logs(pod.metadata.uid!, c.name);
    last.set(`${pod.metadata.uid}/${c.name}`, rows.length ? rows[rows.length - 1].id : 0);
  }
  let live = streams.filter(({ pod }) => !unbound.has(pod));
  while (live.length) {
    await sleep(200);
    s.catchUp();
    live = live.filter(({ pod, c }) => {
      const cur = s.api.get('Pod', pod.metadata.namespace, pod.metadata.name);
      const k = `${pod.metadata.uid}/${c.name}`;
      const rows = s.store.logs(pod.metadata.uid!, c.name, last.get(k));
      if (rows.length) {
        last.set(k, rows[rows.length - 1].id);
        out(rows.map((r, i) => `${f.prefix ? `[pod/${pod.metadata.name}/${c.name}] ` : ''}${f.timestamps ? nano(s.api.nowMs(), i) + ' ' : ''}${r.line}\n`).join(''));
      }
      if (!cur || cur.metadata.uid !== pod.metadata.uid) return false;
      const st = [...(cur.status?.containerStatuses ?? []), ...(cur.status?.initContainerStatuses ?? [])].find((x: any) => x.name === c.name);
      return !st?.state?.terminated;
    });
  }
  return 0;
}
