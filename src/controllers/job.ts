// Job controller (pkg/controller/job, 1.32): keep up to spec.parallelism pods running from the
// template until spec.completions of them succeeded (NonIndexed), or until every index
// 0..completions-1 succeeded once (Indexed: the completion index in the pod's annotation and
// label, hostname and JOB_COMPLETION_INDEX, status.completedIndexes); replace failed pods with an
// exponential back-off until more than spec.backoffLimit failed (or, with backoffLimitPerIndex,
// an index failed more than that many times: status.failedIndexes); podFailurePolicy rules
// (FailJob, FailIndex, Ignore, Count) on exit codes and pod conditions; activeDeadlineSeconds;
// suspend and resume (the Suspended condition). The status is the kube-controller-manager's
// (active/ready/terminating/uncountedTerminatedPods, SuccessCriteriaMet + Complete or
// FailureTarget + Failed, completionTime) with its events.
//
// The real controller counts finished pods through a finalizer; here the counted pods are kept
// in the runtime table (store.runtime), so a finished pod deleted later is not counted again.
import type { KObject } from '../api/types';
import { ApiError } from '../api/types';
import type { Round } from './context';
import { changesOf, dueOf, SyncQueue } from './context';
import { timestamp } from '../api/server';
import { isPodReady } from './podutil';
import { podFromTemplate } from './replicaset';

const COMPONENT = 'job-controller';
/** DefaultJobPodFailureBackOff and MaxJobPodFailureBackOff */
const BACKOFF_MS = 10000, MAX_BACKOFF_MS = 600000;
const INDEX = 'batch.kubernetes.io/job-completion-index';
const INDEX_FAILURES = 'batch.kubernetes.io/job-index-failure-count';

interface Counted {
  succeeded: string[];
  failed: string[];
  lastFailAt?: number;
  /** failed pods a podFailurePolicy Ignore rule left uncounted */
  ignored?: string[];
  /** Indexed: indexes that succeeded, and that failed for good (backoffLimitPerIndex, FailIndex) */
  succeededIndexes?: number[];
  failedIndexes?: number[];
  /** Indexed with backoffLimitPerIndex: failures per index */
  indexFailures?: Record<string, number>;
  /** a podFailurePolicy FailJob match */
  failJob?: string;
}

const finished = (o: KObject) => (o.status?.conditions ?? []).some((c: any) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
const podDone = (p: KObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const restarts = (p: KObject) => (p.status?.containerStatuses ?? []).reduce((n: number, s: any) => n + (s.restartCount ?? 0), 0)
  + (p.status?.initContainerStatuses ?? []).reduce((n: number, s: any) => n + (s.restartCount ?? 0), 0);
const indexOf = (p: KObject): number => {
  const v = p.metadata.annotations?.[INDEX];
  return v !== undefined && /^\d+$/.test(v) ? Number(v) : -1;
};

export function jobController(r: Round): void {
  const keys = new SyncQueue();
  for (const c of changesOf(r, 'Job')) {
    if (c.type === 'DELETED') { r.api.store.deleteRuntime(`job:${c.obj.metadata.uid}`); continue; }
    if (!c.old || c.old.metadata.generation !== c.obj.metadata.generation) keys.addObject(c.obj);
  }
  for (const c of changesOf(r, 'Pod')) {
    if (c.type === 'ADDED') continue;
    if (c.type === 'MODIFIED' && c.old && c.old.status?.phase === c.obj.status?.phase && isPodReady(c.old) === isPodReady(c.obj)
      && !!c.old.metadata.deletionTimestamp === !!c.obj.metadata.deletionTimestamp && restarts(c.old) === restarts(c.obj)) continue;
    for (const o of [c.obj, c.old]) keys.addController(o, 'Job');
  }
  for (const d of dueOf(r, 'Job')) keys.add(d.namespace, d.name);
  for (const { ns, name } of keys) syncJob(r, ns, name);
}

function condition(type: string, reason: string, message: string, now: string, status = 'True') {
  return { type, status, lastProbeTime: now, lastTransitionTime: now, reason, message };
}

/** orderedIntervals.String(): "0-2,4,6,7" (two neighbours are listed, not a range). */
export function formatIndexes(idx: number[]): string {
  const s = [...new Set(idx)].sort((a, b) => a - b);
  const out: string[] = [];
  for (let i = 0; i < s.length;) {
    let j = i;
    while (j + 1 < s.length && s[j + 1] === s[j] + 1) j++;
    out.push(j === i ? `${s[i]}` : j === i + 1 ? `${s[i]},${s[j]}` : `${s[i]}-${s[j]}`);
    i = j + 1;
  }
  return out.join(',');
}

/** matchPodFailurePolicy: the action of the first rule the failed pod matches, with the
 *  FailJob message. */
function matchPodFailurePolicy(policy: any, pod: KObject): { action?: string; message?: string } {
  const rules: any[] = policy?.rules ?? [];
  for (let i = 0; i < rules.length; i++) {
    const rule = rules[i];
    if (rule.onExitCodes) {
      const req = rule.onExitCodes;
      const sts = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? [])];
      const st = sts.find((s: any) => {
        const code = s.state?.terminated?.exitCode;
        if (code === undefined || code === 0) return false;
        if (req.containerName && req.containerName !== s.name) return false;
        const hit = (req.values ?? []).includes(code);
        return req.operator === 'NotIn' ? !hit : hit;
      });
      if (!st) continue;
      if (rule.action === 'FailJob') {
        return { action: 'FailJob', message: `Container ${st.name} for pod ${pod.metadata.namespace}/${pod.metadata.name} failed with exit code ${st.state.terminated.exitCode} matching FailJob rule at index ${i}` };
      }
      return { action: rule.action };
    } else if (rule.onPodConditions) {
      const cond = (pod.status?.conditions ?? []).find((c: any) => (rule.onPodConditions as any[]).some((p) => p.type === c.type && (p.status ?? 'True') === c.status));
      if (!cond) continue;
      if (rule.action === 'FailJob') {
        return { action: 'FailJob', message: `Pod ${pod.metadata.namespace}/${pod.metadata.name} has condition ${cond.type} matching FailJob rule at index ${i}` };
      }
      return { action: rule.action };
    }
  }
  return {};
}

function syncJob(r: Round, ns: string, name: string): void {
  const { api } = r;
  const job = api.get('Job', ns, name);
  if (!job || job.metadata.deletionTimestamp || finished(job)) return;
  const spec = job.spec ?? {};
  const now = api.nowMs();
  const ts = timestamp(now);
  const key = `job:${job.metadata.uid}`;
  const counted: Counted = (api.store.runtime(key) as Counted | undefined) ?? { succeeded: [], failed: [] };
  const st: any = { ...(job.status ?? {}) };
  const indexed = spec.completionMode === 'Indexed';
  const completions: number | undefined = spec.completions ?? undefined;
  const parallelism: number = spec.parallelism ?? 1;
  const perIndex: number | undefined = indexed ? spec.backoffLimitPerIndex ?? undefined : undefined;
  const backoffLimit: number = spec.backoffLimit ?? (perIndex !== undefined ? 2147483647 : 6);
  const suspended = spec.suspend === true;
  let pods = api.listOwnedBy(job, 'Pod');
  const deletePod = (p: KObject) => {
    api.delete('Pod', ns, p.metadata.name);
    api.recordEvent(job, 'Normal', 'SuccessfulDelete', `Deleted pod: ${p.metadata.name}`, COMPONENT);
  };

  // Finished pods not counted yet.
  let changed = false;
  const succeededIdx = new Set(counted.succeededIndexes ?? []);
  const failedIdx = new Set(counted.failedIndexes ?? []);
  for (const p of pods) {
    const uid = p.metadata.uid!;
    const i = indexOf(p);
    if (p.status?.phase === 'Succeeded' && !counted.succeeded.includes(uid)) {
      counted.succeeded.push(uid); changed = true;
      if (indexed && i >= 0 && i < (completions ?? 0) && !failedIdx.has(i)) succeededIdx.add(i);
    }
    if (p.status?.phase === 'Failed' && !counted.failed.includes(uid) && !(counted.ignored ?? []).includes(uid)) {
      changed = true;
      const m = spec.podFailurePolicy ? matchPodFailurePolicy(spec.podFailurePolicy, p) : {};
      // an ignored failure is not counted, but its replacement waits the back-off all the same
      if (m.action === 'Ignore') { (counted.ignored ??= []).push(uid); counted.lastFailAt = now; continue; }
      counted.failed.push(uid); counted.lastFailAt = now;
      if (m.action === 'FailJob' && !counted.failJob) counted.failJob = m.message;
      if (indexed && i >= 0 && perIndex !== undefined && !succeededIdx.has(i)) {
        const n = ((counted.indexFailures ??= {})[i] ?? 0) + 1;
        counted.indexFailures[i] = n;
        if (m.action === 'FailIndex' || n > perIndex) failedIdx.add(i);
      }
    }
  }
  counted.succeededIndexes = [...succeededIdx].sort((a, b) => a - b);
  if (indexed && perIndex !== undefined) counted.failedIndexes = [...failedIdx].sort((a, b) => a - b);
  const succeeded = indexed ? succeededIdx.size : counted.succeeded.length;
  const failed = counted.failed.length;
  let active = pods.filter((p) => !podDone(p) && !p.metadata.deletionTimestamp);
  if (!st.startTime && !suspended) st.startTime = ts;
  const conditions: any[] = [...(st.conditions ?? [])];

  // Why the job fails, if it does.
  let failure: { reason: string; message: string } | undefined;
  let restarted = 0;
  if (spec.template?.spec?.restartPolicy === 'OnFailure') for (const p of active) if (p.status?.phase === 'Running' || p.status?.phase === 'Pending') restarted += restarts(p);
  const onFailureExceeded = spec.template?.spec?.restartPolicy === 'OnFailure' && (backoffLimit === 0 ? restarted > 0 : restarted >= backoffLimit);
  // an int64 beyond 2^53 arrives as a bigint (src/api/gonumber.ts)
  const deadline: number | undefined = spec.activeDeadlineSeconds == null ? undefined : Number(spec.activeDeadlineSeconds);
  // a job being resumed starts its active time now (its startTime is reset below)
  const resuming = !suspended && conditions.some((c) => c.type === 'Suspended' && c.status === 'True');
  const startMs = resuming ? now : st.startTime ? Date.parse(st.startTime) : undefined;
  if (counted.failJob) failure = { reason: 'PodFailurePolicy', message: counted.failJob };
  else if (failed > backoffLimit || onFailureExceeded) failure = { reason: 'BackoffLimitExceeded', message: 'Job has reached the specified backoff limit' };
  else if (deadline !== undefined && !suspended && startMs !== undefined && now - startMs >= deadline * 1000) failure = { reason: 'DeadlineExceeded', message: 'Job was active longer than specified deadline' };
  else if (perIndex !== undefined) {
    const maxFailed: number | undefined = spec.maxFailedIndexes ?? undefined;
    if (maxFailed !== undefined && failedIdx.size > maxFailed) failure = { reason: 'MaxFailedIndexesExceeded', message: 'Job has exceeded the specified maximal number of failed indexes' };
    else if (failedIdx.size && succeededIdx.size + failedIdx.size >= (completions ?? 0) && !active.some((p) => !failedIdx.has(indexOf(p)) && !succeededIdx.has(indexOf(p)))) {
      failure = { reason: 'FailedIndexes', message: 'Job has failed indexes' };
    }
  }
  if (!failure && deadline !== undefined && !suspended && startMs !== undefined) api.store.setTimer('Job', ns, name, startMs + deadline * 1000);

  let done: 'Complete' | 'Failed' | undefined;
  if (failure) {
    // the active pods are deleted, the job fails
    for (const p of active) deletePod(p);
    active = [];
    conditions.push(condition('FailureTarget', failure.reason, failure.message, ts), condition('Failed', failure.reason, failure.message, ts));
    api.recordEvent(job, 'Warning', failure.reason, failure.message, COMPONENT);
    done = 'Failed';
  } else if (completions !== undefined ? succeeded >= completions : counted.succeeded.length > 0 && !active.length) {
    const msg = 'Reached expected number of succeeded pods';
    for (const p of active) api.delete('Pod', ns, p.metadata.name);
    active = [];
    conditions.push(condition('SuccessCriteriaMet', 'CompletionsReached', msg, ts), condition('Complete', 'CompletionsReached', msg, ts));
    st.completionTime = ts;
    api.recordEvent(job, 'Normal', 'Completed', 'Job completed', COMPONENT);
    done = 'Complete';
  } else if (suspended) {
    for (const p of active) deletePod(p);
    active = [];
  } else {
    // After a failure, a replacement waits: 10s doubling with each failure, at most 10m.
    let blocked = false;
    const failures = failed + (counted.ignored?.length ?? 0);
    if (failures > 0 && counted.lastFailAt !== undefined) {
      const delay = Math.min(MAX_BACKOFF_MS, BACKOFF_MS * 2 ** Math.min(failures - 1, 16));
      const at = counted.lastFailAt + delay;
      if (at > now) { blocked = true; }
      if (at > now && active.length < parallelism) api.store.setTimer('Job', ns, name, at);
    }
    if (indexed) active = manageIndexed(r, job, active, succeededIdx, failedIdx, counted, parallelism, completions ?? 0, blocked, deletePod);
    else {
      let want: number;
      if (completions === undefined) want = counted.succeeded.length > 0 ? active.length : parallelism;
      else want = Math.min(parallelism, Math.max(0, completions - succeeded));
      const create = blocked ? 0 : want - active.length;
      for (let i = 0; i < create; i++) {
        const pod = createPod(r, job, podFromTemplate(job));
        if (!pod) break;
        active.push(pod);
      }
      if (want < active.length) {
        for (const p of active.slice(want)) deletePod(p);
        active = active.slice(0, want);
      }
    }
  }
  if (!done) {
    // suspend / resume (ensureJobConditionStatus), after manageJob deleted or created the pods
    const suspendCond = conditions.find((c) => c.type === 'Suspended');
    if (suspended && suspendCond?.status !== 'True') {
      const c = condition('Suspended', 'JobSuspended', 'Job suspended', ts);
      if (suspendCond) conditions[conditions.indexOf(suspendCond)] = c; else conditions.push(c);
      api.recordEvent(job, 'Normal', 'Suspended', 'Job suspended', COMPONENT);
    } else if (!suspended && suspendCond?.status === 'True') {
      conditions[conditions.indexOf(suspendCond)] = condition('Suspended', 'JobResumed', 'Job resumed', ts, 'False');
      api.recordEvent(job, 'Normal', 'Resumed', 'Job resumed', COMPONENT);
      // ActiveDeadlineSeconds counts the time the job is continuously active
      st.startTime = ts;
    }
  }
  // The pods as they are now (a pod just created may be running or finished already).
  pods = active.map((p) => api.get('Pod', ns, p.metadata.name) ?? p);
  const terminating = api.listOwnedBy(job, 'Pod').filter((p) => !podDone(p) && p.metadata.deletionTimestamp).length;
  const status: any = {};
  if (conditions.length) status.conditions = conditions;
  if (st.startTime) status.startTime = st.startTime;
  if (st.completionTime) status.completionTime = st.completionTime;
  const nActive = pods.filter((p) => !podDone(p)).length;
  if (nActive) status.active = nActive;
  if (succeeded) status.succeeded = succeeded;
  if (failed) status.failed = failed;
  status.terminating = terminating;
  if (indexed && succeededIdx.size) status.completedIndexes = formatIndexes([...succeededIdx]);
  if (perIndex !== undefined) status.failedIndexes = formatIndexes([...failedIdx]);
  status.uncountedTerminatedPods = {};
  status.ready = pods.filter((p) => !podDone(p) && isPodReady(p)).length;
  if (changed || done) api.store.setRuntime(key, counted);
  if (JSON.stringify(status) !== JSON.stringify(job.status)) {
    job.status = status;
    api.update(job, { status: true });
  }
  // A pod created above that finished at once (instant start-up) is seen in the next round.
}

/** PodControl.CreatePods: the pod and its event, or FailedCreate with the API server's refusal. */
function createPod(r: Round, job: KObject, pod: KObject): KObject | undefined {
  try {
    const made = r.api.create(pod, { owned: true });
    r.api.recordEvent(job, 'Normal', 'SuccessfulCreate', `Created pod: ${made.metadata.name}`, COMPONENT);
    return made;
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    r.api.recordEvent(job, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, COMPONENT);
    // the sync fails and the job is queued again with back-off
    r.api.store.setTimer('Job', job.metadata.namespace!, job.metadata.name, r.api.nowMs() + BACKOFF_MS);
    return undefined;
  }
}

/** Indexed jobs: one active pod for each of the lowest pending indexes, up to parallelism. */
function manageIndexed(r: Round, job: KObject, active: KObject[], succeeded: Set<number>, failedIdx: Set<number>, counted: Counted,
  parallelism: number, completions: number, blocked: boolean, deletePod: (p: KObject) => void): KObject[] {
  const { api } = r;
  // pods of indexes already done, out of range, or duplicated go
  const seen = new Set<number>();
  const keep: KObject[] = [];
  for (const p of active) {
    const i = indexOf(p);
    if (i < 0 || i >= completions || succeeded.has(i) || failedIdx.has(i) || seen.has(i)) { deletePod(p); continue; }
    seen.add(i);
    keep.push(p);
  }
  if (blocked) return keep;
  const want = Math.min(parallelism, completions - succeeded.size - failedIdx.size);
  for (let i = 0; i < completions && keep.length < want; i++) {
    if (seen.has(i) || succeeded.has(i) || failedIdx.has(i)) continue;
    const made = createPod(r, job, indexedPod(job, i, counted.indexFailures?.[i]));
    if (!made) break;
    keep.push(made);
    seen.add(i);
  }
  return keep;
}

/** The pod of index i: generateName `<job>-<i>-`, the index as annotation and label, the
 *  hostname `<job>-<i>`, JOB_COMPLETION_INDEX in every container's environment. */
function indexedPod(job: KObject, i: number, failures?: number): KObject {
  const pod = podFromTemplate(job);
  const append = `-${i}-`;
  let prefix = job.metadata.name + append;
  if (prefix.length > 58) prefix = prefix.slice(0, 58 - append.length) + append;
  pod.metadata.generateName = prefix;
  pod.metadata.annotations = { ...(pod.metadata.annotations ?? {}), [INDEX]: String(i) };
  if (job.spec?.backoffLimitPerIndex !== undefined && job.spec?.backoffLimitPerIndex !== null) pod.metadata.annotations[INDEX_FAILURES] = String(failures ?? 0);
  pod.metadata.labels = { ...(pod.metadata.labels ?? {}), [INDEX]: String(i) };
  if (!pod.spec.hostname) pod.spec.hostname = `${job.metadata.name}-${i}`;
  const env = { name: 'JOB_COMPLETION_INDEX', valueFrom: { fieldRef: { fieldPath: `metadata.annotations['${INDEX}']` } } };
  for (const c of [...(pod.spec.initContainers ?? []), ...(pod.spec.containers ?? [])]) {
    if ((c.env ?? []).some((e: any) => e.name === env.name)) continue;
    c.env = [...(c.env ?? []), structuredClone(env)];
  }
  return pod;
}
