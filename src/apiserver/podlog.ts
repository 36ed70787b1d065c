// GET pods/NAME/log: the container's lines (network/container-logs.ts, what `kubesim logs`
// prints) as chunked text/plain, with the PodLogOptions of the API server: container, follow,
// previous, sinceSeconds, sinceTime, timestamps, tailLines, limitBytes. With follow, new lines
// are written as the app logs them, until the container stops, the pod goes or the client leaves.
import type * as http from 'node:http';
import type { StreamEnv } from './streams';
import { StatusError, badRequest, chooseContainer, containerStatus, podNotFound, queryBool, statusJson } from './stream-status';

const FOLLOW_POLL_MS = 200;

const invalid = (pod: string, field: string, value: string, detail: string): StatusError => ({
  reason: 'Invalid', code: 422, message: `PodLogOptions "${pod}" is invalid: ${field}: Invalid value: ${value}: ${detail}`,
  details: { name: pod, kind: 'PodLogOptions', causes: [{ reason: 'FieldValueInvalid', message: `Invalid value: ${value}: ${detail}`, field }] },
});

function intParam(q: URLSearchParams, name: string): number | undefined | StatusError {
  const v = q.get(name);
  if (v === null || v === '') return undefined;
  if (!/^-?\d+$/.test(v)) return badRequest(`strconv.ParseInt: parsing ${JSON.stringify(v)}: invalid syntax`);
  return Number(v);
}

export function servePodLog(req: http.IncomingMessage, res: http.ServerResponse, env: StreamEnv, ns: string, name: string, q: URLSearchParams): void {
  const fail = (e: StatusError) => {
    const body = statusJson(e);
    res.writeHead(e.code, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body), 'Cache-Control': 'no-cache, private' });
    res.end(body);
  };
  if (req.method !== 'GET') return fail({ reason: 'MethodNotAllowed', message: `the server does not allow this method on the requested resource`, code: 405, details: {} });
  const ints = [intParam(q, 'tailLines'), intParam(q, 'sinceSeconds'), intParam(q, 'limitBytes')];
  for (const v of ints) if (typeof v === 'object') return fail(v);
  const [tail, sinceSeconds, limitBytes] = ints as (number | undefined)[];
  if (typeof tail === 'number' && tail < 0) return fail(invalid(name, 'tailLines', String(tail), 'must be greater than or equal to 0'));
  if (typeof limitBytes === 'number' && limitBytes < 1) return fail(invalid(name, 'limitBytes', String(limitBytes), 'must be greater than 0'));
  if (typeof sinceSeconds === 'number' && sinceSeconds < 1) return fail(invalid(name, 'sinceSeconds', String(sinceSeconds), 'must be greater than 0'));
  const sinceTimeStr = q.get('sinceTime');
  const sinceTime = sinceTimeStr ? Date.parse(sinceTimeStr) : undefined;
  if (sinceTimeStr && Number.isNaN(sinceTime)) return fail(badRequest(`parsing time ${JSON.stringify(sinceTimeStr)} as "2006-01-02T15:04:05Z07:00": cannot parse ${JSON.stringify(sinceTimeStr)} as "2006"`));
  if (sinceTimeStr && sinceSeconds !== undefined) {
    return fail({ reason: 'Invalid', code: 422, message: `PodLogOptions "${name}" is invalid: []: Forbidden: at most one of \`sinceTime\` or \`sinceSeconds\` may be specified`, details: { name, kind: 'PodLogOptions', causes: [{ reason: 'FieldValueForbidden', message: 'Forbidden: at most one of `sinceTime` or `sinceSeconds` may be specified', field: '' }] } });
  }
  const follow = queryBool(q.get('follow'));
  const previous = queryBool(q.get('previous'));
  const timestamps = queryBool(q.get('timestamps'));

  env.refresh();
  const pod = env.api.get('Pod', ns, name);
  if (!pod) return fail(podNotFound(name));
  const chosen = chooseContainer(pod, q.get('container') ?? '');
  if ('error' in chosen) return fail(chosen.error);
  const c = chosen.container;
  const start = () => res.writeHead(200, { 'Content-Type': 'text/plain', 'Cache-Control': 'no-cache, private' });
  // A pod on no node has no log location: an empty answer.
  if (!pod.spec?.nodeName) { start(); res.end(); return; }
  // The kubelet's checks.
  const st = containerStatus(pod, c.name);
  if (previous) {
    if (!st?.lastState?.terminated) return fail(badRequest(`previous terminated container "${c.name}" in pod "${name}" not found`));
  } else if (!st || (st.state?.waiting && !st.lastState?.terminated)) {
    const { waitingReason } = require('../network/container-logs') as typeof import('../network/container-logs');
    return fail(badRequest(`container "${c.name}" in pod "${name}" is waiting to start: ${waitingReason(st)}`));
  }

  const { containerLines, nano } = require('../network/container-logs') as typeof import('../network/container-logs');
  let budget = limitBytes ?? Infinity;
  let closed = false;
  res.on('close', () => { closed = true; });
  const emit = (lines: string[]): boolean => {
    if (!lines.length || closed) return !closed;
    let b = Buffer.from(lines.join(''), 'utf8');
    if (b.length >= budget) { b = b.subarray(0, budget); budget = 0; } else budget -= b.length;
    if (b.length) res.write(b);
    if (budget <= 0) { res.end(); return false; }
    return true;
  };
  const ctx = { api: env.api, store: env.store, host: () => env.host };
  containerLines(ctx, pod, c, previous).then(async (all) => {
    start();
    const cutoff = sinceSeconds !== undefined ? env.api.nowMs() - sinceSeconds * 1000 : sinceTime;
    let lines = cutoff !== undefined ? all.filter((l) => l.t >= cutoff) : all;
    if (tail !== undefined) lines = lines.slice(Math.max(0, lines.length - tail));
    if (!emit(lines.map((l, i) => `${timestamps ? nano(l.t, i) + ' ' : ''}${l.text}\n`))) return;
    const stopped = !st?.state?.running;
    if (!follow || previous || stopped) { res.end(); return; }
    const uid = pod.metadata.uid!;
    const rows = env.store.logs(uid, c.name);
    let last = rows.length ? rows[rows.length - 1].id : 0;
    while (!closed) {
      await new Promise((r) => setTimeout(r, FOLLOW_POLL_MS));
      if (closed) return;
      env.refresh();
      const fresh = env.store.logs(uid, c.name, last);
      if (fresh.length) {
        last = fresh[fresh.length - 1].id;
        if (!emit(fresh.map((r, i) => `${timestamps ? nano(env.api.nowMs(), i) + ' ' : ''}${r.line}\n`))) return;
      }
      const cur = env.api.get('Pod', ns, name);
      const cst = cur && cur.metadata.uid === uid ? containerStatus(cur, c.name) : undefined;
      if (!cst?.state?.running) { res.end(); return; }
    }
  }).catch((e) => {
    if (!res.headersSent) fail({ reason: 'InternalError', message: `Internal error occurred: ${(e as Error)?.message ?? e}`, code: 500 });
    else res.end();
  });
}
