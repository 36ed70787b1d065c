// Job controller (pkg/controller/job, 1.32), NonIndexed jobs: keep up to spec.parallelism pods
// running from the template until spec.completions of them succeeded, replace failed ones with
// an exponential back-off until more than spec.backoffLimit failed, and keep the status as the
// kube-controller-manager writes it (active/ready/terminating/uncountedTerminatedPods, the
// SuccessCriteriaMet + Complete or FailureTarget + Failed conditions, completionTime) with its
// events (SuccessfulCreate, Completed, BackoffLimitExceeded).
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

interface Counted { succeeded: string[]; failed: string[]; lastFailAt?: number }

const finished = (o: KObject) => (o.status?.conditions ?? []).some((c: any) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True');
const podDone = (p: KObject) => p.status?.phase === 'Succeeded' || p.status?.phase === 'Failed';
const restarts = (p: KObject) => (p.status?.containerStatuses ?? []).reduce((n: number, s: any) => n + (s.restartCount ?? 0), 0)
  + (p.status?.initContainerStatuses ?? []).reduce((n: number, s: any) => n + (s.restartCount ?? 0), 0);

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

function condition(type: string, reason: string, message: string, now: string) {
  return { type, status: 'True', lastProbeTime: now, lastTransitionTime: now, reason, message };
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
  let pods = api.listOwnedBy(job, 'Pod');
  // Finished pods not counted yet.
  let changed = false;
  for (const p of pods) {
    const uid = p.metadata.uid!;
    if (p.status?.phase === 'Succeeded' && !counted.succeeded.includes(uid)) { counted.succeeded.push(uid); changed = true; }
    if (p.status?.phase === 'Failed' && !counted.failed.includes(uid)) { counted.failed.push(uid); counted.lastFailAt = now; changed = true; }
  }
  const terminating = pods.filter((p) => !podDone(p) && p.metadata.deletionTimestamp).length;
  const succeeded = counted.succeeded.length;
  const failed = counted.failed.length;
  const completions: number | undefined = spec.completions ?? undefined;
  const parallelism: number = spec.parallelism ?? 1;
  const backoffLimit: number = spec.backoffLimit ?? 6;
  const suspended = spec.suspend === true;
  let active = pods.filter((p) => !podDone(p) && !p.metadata.deletionTimestamp);
  if (!st.startTime && !suspended) st.startTime = ts;

  const conditions: any[] = [...(st.conditions ?? [])];
  let done: 'Complete' | 'Failed' | undefined;
  // pastBackoffLimitOnFailure: restarts of the running and pending pods' containers.
  let restarted = 0;
  if (spec.template?.spec?.restartPolicy === 'OnFailure') for (const p of active) if (p.status?.phase === 'Running' || p.status?.phase === 'Pending') restarted += restarts(p);
  const onFailureExceeded = spec.template?.spec?.restartPolicy === 'OnFailure' && (backoffLimit === 0 ? restarted > 0 : restarted >= backoffLimit);
  if (failed > backoffLimit || onFailureExceeded) {
    // pastBackoffLimit: the active pods are deleted, the job fails.
    for (const p of active) api.delete('Pod', ns, p.metadata.name);
    active = [];
    const msg = 'Job has reached the specified backoff limit';
    conditions.push(condition('FailureTarget', 'BackoffLimitExceeded', msg, ts), condition('Failed', 'BackoffLimitExceeded', msg, ts));
    api.recordEvent(job, 'Warning', 'BackoffLimitExceeded', msg, COMPONENT);
    done = 'Failed';
  } else if (completions !== undefined ? succeeded >= completions : succeeded > 0 && !active.length) {
    const msg = 'Reached expected number of succeeded pods';
    for (const p of active) api.delete('Pod', ns, p.metadata.name);
    active = [];
    conditions.push(condition('SuccessCriteriaMet', 'CompletionsReached', msg, ts), condition('Complete', 'CompletionsReached', msg, ts));
    st.completionTime = ts;
    api.recordEvent(job, 'Normal', 'Completed', 'Job completed', COMPONENT);
    done = 'Complete';
  } else if (!suspended) {
    const want = completions !== undefined ? Math.min(parallelism, Math.max(0, completions - succeeded)) : parallelism;
    let create = want - active.length;
    // After a failure, a replacement waits: 10s doubling with each failure, at most 10m.
    if (create > 0 && failed > 0 && counted.lastFailAt !== undefined) {
      const delay = Math.min(MAX_BACKOFF_MS, BACKOFF_MS * 2 ** (failed - 1));
      const at = counted.lastFailAt + delay;
      if (at > now) { api.store.setTimer('Job', ns, name, at); create = 0; }
    }
    for (let i = 0; i < create; i++) {
      let pod: KObject;
      try { pod = api.create(podFromTemplate(job), { owned: true }); } catch (e) {
        // refused (a quota, a limit range): controller_utils' event, and a retry after the back-off
        if (!(e instanceof ApiError)) throw e;
        api.recordEvent(job, 'Warning', 'FailedCreate', `Error creating: ${e.message}`, COMPONENT);
        api.store.setTimer('Job', ns, name, now + BACKOFF_MS);
        break;
      }
      active.push(pod);
      api.recordEvent(job, 'Normal', 'SuccessfulCreate', `Created pod: ${pod.metadata.name}`, COMPONENT);
    }
    if (create < 0) {
      for (const p of active.slice(want)) api.delete('Pod', ns, p.metadata.name);
      active = active.slice(0, want);
    }
  }
  // The pods as they are now (a pod just created may be running or finished already).
  pods = active.map((p) => api.get('Pod', ns, p.metadata.name) ?? p);
  const status: any = {};
  if (conditions.length) status.conditions = conditions;
  if (st.startTime) status.startTime = st.startTime;
  if (st.completionTime) status.completionTime = st.completionTime;
  const nActive = pods.filter((p) => !podDone(p)).length;
  if (nActive) status.active = nActive;
  if (succeeded) status.succeeded = succeeded;
  if (failed) status.failed = failed;
  status.terminating = terminating;
  status.uncountedTerminatedPods = {};
  status.ready = pods.filter((p) => !podDone(p) && isPodReady(p)).length;
  if (changed || done) api.store.setRuntime(key, counted);
  if (JSON.stringify(status) !== JSON.stringify(job.status)) {
    job.status = status;
    api.update(job, { status: true });
  }
  // A pod created above that finished at once (instant start-up) is seen in the next round.
}
