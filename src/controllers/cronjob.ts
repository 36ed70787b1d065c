// CronJob controller (pkg/controller/cronjob/cronjob_controllerv2.go and utils.go, 1.32): at each
// scheduled time a Job `<cronjob>-<scheduled time in minutes since the epoch>` from the job
// template; status.active / lastScheduleTime / lastSuccessfulTime; concurrencyPolicy,
// startingDeadlineSeconds, suspend, timeZone; finished jobs beyond the history limits deleted;
// the controller's events (cronjob-controller).
//
// The controller requeues each CronJob for its next scheduled time: here a timer. A command run
// after the cluster sat idle catches up the way the real controller does after a restart: only
// the most recent missed time gets a job (with the TooManyMissedTimes warning past 100 missed).
import type { KObject } from '../api/types';
import type { Round } from './context';
import { changesOf, dueOf, SyncQueue } from './context';
import { timestamp } from '../api/server';
import { ApiError } from '../api/types';
import { parseStandard, validZone, zoneOffset, CronError, Schedule } from '../api/cron';

const COMPONENT = 'cronjob-controller';
/** nextScheduleDelta: a requeue lands a little after the scheduled time. */
const NEXT_SCHEDULE_DELTA_MS = 100;

const finishedType = (j: KObject): string | undefined =>
  (j.status?.conditions ?? []).find((c: any) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True')?.type;
const ms = (t: string | undefined) => (t ? Date.parse(t) : undefined);
const controllerOf = (o: KObject) => o.metadata.ownerReferences?.find((x) => x.controller);

export function cronJobController(r: Round): void {
  const keys = new SyncQueue();
  for (const c of changesOf(r, 'CronJob')) {
    if (c.type === 'DELETED') continue;
    if (c.old && c.old.metadata.generation === c.obj.metadata.generation) continue;
    // updateCronJob: a new schedule or time zone is looked at when it next comes due
    if (c.old && (c.old.spec?.schedule !== c.obj.spec?.schedule || c.old.spec?.timeZone !== c.obj.spec?.timeZone)) requeueAtNext(r, c.obj);
    else keys.addObject(c.obj);
  }
  // a job of a CronJob appearing, going, or finishing
  for (const c of changesOf(r, 'Job')) {
    if (c.type === 'MODIFIED' && c.old && finishedType(c.old) === finishedType(c.obj) && c.old.status?.completionTime === c.obj.status?.completionTime) continue;
    for (const o of [c.obj, c.old]) keys.addController(o, 'CronJob');
  }
  for (const d of dueOf(r, 'CronJob')) keys.add(d.namespace, d.name);
  for (const { ns, name } of keys) syncCronJob(r, ns, name);
}

function requeueAtNext(r: Round, cj: KObject): void {
  let sched: Schedule;
  try { sched = parseStandard(formatSchedule(undefined, cj)); } catch {
    r.api.recordEvent(cj, 'Warning', 'UnParseableCronJobSchedule', `unparseable schedule for cronjob: ${cj.spec?.schedule ?? ''}`, COMPONENT);
    return;
  }
  const now = r.api.nowMs();
  const delay = nextScheduleDelay(cj, now, sched);
  if (delay >= 0) r.api.store.setTimer('CronJob', cj.metadata.namespace!, cj.metadata.name, now + Math.max(delay, 1));
}

/** getJobName: the name of the job for a scheduled time. */
export const jobName = (cj: KObject, scheduledMs: number) => `${cj.metadata.name}-${Math.floor(scheduledMs / 60000)}`;

/** formatSchedule: the timeZone field becomes a TZ= prefix (without a round: no event). */
function formatSchedule(r: Round | undefined, cj: KObject): string {
  const schedule: string = cj.spec?.schedule ?? '';
  if (schedule.includes('TZ')) {
    r?.api.recordEvent(cj, 'Warning', 'UnsupportedSchedule', `CRON_TZ or TZ used in schedule ${JSON.stringify(schedule)} is not officially supported, see https://kubernetes.io/docs/concepts/workloads/controllers/cron-jobs/ for more details`, COMPONENT);
    return schedule;
  }
  const tz = cj.spec?.timeZone;
  if (tz !== undefined && tz !== null) return validZone(tz) ? `TZ=${tz} ${schedule}` : schedule;
  return schedule;
}

type Missed = 'none' | 'few' | 'many';

/** mostRecentScheduleTime: the earliest time considered, the most recent unmet schedule time
 *  (if any is due), and how many were missed. Throws CronError for a schedule with no gap. */
function mostRecentScheduleTime(cj: KObject, now: number, sched: Schedule, withDeadline: boolean): { earliest: number; recent?: number; missed: Missed } {
  let earliest = ms(cj.status?.lastScheduleTime) ?? ms(cj.metadata.creationTimestamp ?? undefined)!;
  const deadline = cj.spec?.startingDeadlineSeconds;
  if (withDeadline && deadline !== undefined && deadline !== null) {
    const schedulingDeadline = now - Number(deadline) * 1000; // an int64 beyond 2^53 arrives as a bigint
    if (schedulingDeadline > earliest) earliest = schedulingDeadline;
  }
  const t1 = sched.next(earliest);
  const t2 = t1 === undefined ? undefined : sched.next(t1);
  if (t1 !== undefined && now < t1) return { earliest, missed: 'none' };
  if (t2 !== undefined && now < t2) return { earliest, recent: t1, missed: 'none' };
  const between = t1 === undefined || t2 === undefined ? 0 : Math.round((t2 - t1) / 1000);
  if (between < 1) throw new CronError('time difference between two schedules is less than 1 second');
  const elapsed = Math.trunc((now - t1!) / 1000);
  const missedCount = Math.trunc(elapsed / between) + 1;
  let recent: number | undefined;
  // step back from an estimate and let the schedule find the exact most recent time
  const potentialEarliest = t1! + (missedCount - 2) * between * 1000;
  for (let t = sched.next(potentialEarliest); t !== undefined && t <= now; t = sched.next(t)) recent = t;
  const missed: Missed = missedCount > 100 ? 'many' : missedCount > 0 ? 'few' : 'none';
  return { earliest, recent, missed };
}

/** nextScheduleTimeDuration: when to look again (ms from now). */
function nextScheduleDelay(cj: KObject, now: number, sched: Schedule): number {
  let base: number;
  try {
    const m = mostRecentScheduleTime(cj, now, sched, false);
    base = m.recent ?? (m.missed === 'none' ? m.earliest : now);
  } catch { base = now; }
  const next = sched.next(base);
  return next === undefined ? -1 : next + NEXT_SCHEDULE_DELTA_MS - now;
}

/** ref.GetReference for a job: the entry of status.active. */
const jobRef = (j: KObject) => ({ kind: 'Job', namespace: j.metadata.namespace, name: j.metadata.name, uid: j.metadata.uid, apiVersion: 'batch/v1', resourceVersion: j.metadata.resourceVersion });

/** byJobStartTime: by status.startTime (none last), then by name. */
function byStartTime(a: KObject, b: KObject): number {
  const sa = a.status?.startTime, sb = b.status?.startTime;
  if (!sa && sb) return 1;
  if (sa && !sb) return -1;
  if (sa === sb) return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  return Date.parse(sa) - Date.parse(sb);
}

function syncCronJob(r: Round, ns: string, name: string): void {
  const { api } = r;
  const cj = api.get('CronJob', ns, name);
  if (!cj) return;
  const original = JSON.stringify(cj.status ?? {});
  const st: any = (cj.status = { ...(cj.status ?? {}) });
  const active = (): any[] => (st.active ??= []);
  const removeActive = (uid: string) => { st.active = (st.active ?? []).filter((a: any) => a.uid !== uid); if (!st.active.length) delete st.active; };
  const jobs = api.listOwnedBy(cj, 'Job');
  const now = api.nowMs();

  const deleteJob = (j: KObject) => {
    api.delete('Job', ns, j.metadata.name, { propagation: 'Background' });
    removeActive(j.metadata.uid!);
    api.recordEvent(cj, 'Normal', 'SuccessfulDelete', `Deleted job ${j.metadata.name}`, COMPONENT);
  };

  // cleanupFinishedJobs: the oldest finished jobs beyond the history limits
  const deleted = new Set<string>();
  for (const [type, limit] of [['Complete', cj.spec?.successfulJobsHistoryLimit], ['Failed', cj.spec?.failedJobsHistoryLimit]] as const) {
    if (limit === undefined || limit === null) continue;
    const done = jobs.filter((j) => finishedType(j) === type).sort(byStartTime);
    for (const j of done.slice(0, Math.max(0, done.length - limit))) { deleteJob(j); deleted.add(j.metadata.uid!); }
  }

  // the jobs it has against status.active
  const children = new Set<string>();
  for (const j of jobs) {
    if (deleted.has(j.metadata.uid!)) continue;
    children.add(j.metadata.uid!);
    const found = (st.active ?? []).some((a: any) => a.uid === j.metadata.uid);
    const fin = finishedType(j);
    if (!found && !fin) {
      api.recordEvent(cj, 'Warning', 'UnexpectedJob', `Saw a job that the controller did not create or forgot: ${j.metadata.name}`, COMPONENT);
    } else if (found && fin) {
      removeActive(j.metadata.uid!);
      api.recordEvent(cj, 'Normal', 'SawCompletedJob', `Saw completed job: ${j.metadata.name}, condition: ${fin}`, COMPONENT);
    }
  }
  // lastSuccessfulTime: the real controller moves it for succeeded jobs out of the active list,
  // which a job just taken out above is by the sync its status update triggers
  for (const j of jobs) {
    if (deleted.has(j.metadata.uid!) || finishedType(j) !== 'Complete') continue;
    const done = j.status?.completionTime;
    if (done && (!st.lastSuccessfulTime || Date.parse(done) > Date.parse(st.lastSuccessfulTime))) st.lastSuccessfulTime = done;
  }
  for (const a of [...(st.active ?? [])]) {
    if (children.has(a.uid)) continue;
    if (api.get('Job', a.namespace ?? ns, a.name)?.metadata.uid === a.uid) continue;
    api.recordEvent(cj, 'Normal', 'MissingJob', `Active job went missing: ${a.name}`, COMPONENT);
    removeActive(a.uid);
  }

  const requeue = schedule(r, cj, st, now, deleteJob, active);
  if (requeue !== undefined && requeue >= 0) api.store.setTimer('CronJob', ns, name, now + Math.max(requeue, 1));

  if (st.active && !st.active.length) delete st.active;
  const status: any = {};
  for (const k of ['active', 'lastScheduleTime', 'lastSuccessfulTime']) if (st[k] !== undefined) status[k] = st[k];
  if (JSON.stringify(status) !== original) {
    cj.status = status;
    api.update(cj, { status: true });
  }
}

/** The scheduling half of syncCronJob; returns the requeue delay (ms), if any. */
function schedule(r: Round, cj: KObject, st: any, now: number, deleteJob: (j: KObject) => void, active: () => any[]): number | undefined {
  const { api } = r;
  const ns = cj.metadata.namespace!;
  if (cj.metadata.deletionTimestamp) return undefined;
  const tz = cj.spec?.timeZone;
  if (tz !== undefined && tz !== null && !validZone(tz)) {
    api.recordEvent(cj, 'Warning', 'UnknownTimeZone', `invalid timeZone: ${JSON.stringify(tz)}: unknown time zone ${tz}`, COMPONENT);
    return undefined;
  }
  if (cj.spec?.suspend === true) return undefined;
  let sched: Schedule;
  try { sched = parseStandard(formatSchedule(r, cj)); } catch (e) {
    if (!(e instanceof CronError)) throw e;
    api.recordEvent(cj, 'Warning', 'UnparseableSchedule', `unparseable schedule: ${JSON.stringify(cj.spec?.schedule ?? '')} : ${e.message}`, COMPONENT);
    return undefined;
  }
  // nextScheduleTime
  let scheduled: number | undefined;
  try {
    const m = mostRecentScheduleTime(cj, now, sched, true);
    scheduled = m.recent;
    if (scheduled !== undefined && m.missed === 'many') {
      api.recordEvent(cj, 'Warning', 'TooManyMissedTimes', 'too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew', COMPONENT);
    }
  } catch (e) {
    if (!(e instanceof CronError)) throw e;
    api.recordEvent(cj, 'Warning', 'InvalidSchedule', `invalid schedule: ${cj.spec?.schedule ?? ''} : ${e.message}`, COMPONENT);
    return undefined;
  }
  if (scheduled === undefined) return nextScheduleDelay(cj, now, sched);

  const deadline = cj.spec?.startingDeadlineSeconds;
  if (deadline !== undefined && deadline !== null && scheduled + Number(deadline) * 1000 < now) {
    api.recordEvent(cj, 'Warning', 'MissSchedule', `Missed scheduled time to start a job: ${rfc1123z(scheduled)}`, COMPONENT);
    return nextScheduleDelay(cj, now, sched);
  }
  const name = jobName(cj, scheduled);
  if ((st.active ?? []).some((a: any) => a.name === name && (a.namespace ?? ns) === ns) || ms(st.lastScheduleTime) === scheduled) {
    return nextScheduleDelay(cj, now, sched);
  }
  const policy = cj.spec?.concurrencyPolicy ?? 'Allow';
  if (policy === 'Forbid' && (st.active ?? []).length) {
    api.recordEvent(cj, 'Normal', 'JobAlreadyActive', 'Not starting job because prior execution is running and concurrency policy is Forbid', COMPONENT);
    return nextScheduleDelay(cj, now, sched);
  }
  if (policy === 'Replace') {
    for (const a of [...(st.active ?? [])]) {
      const j = api.get('Job', a.namespace ?? ns, a.name);
      if (!j) {
        api.recordEvent(cj, 'Warning', 'FailedGet', `Get job: jobs.batch "${a.name}" not found`, COMPONENT);
        return undefined;
      }
      deleteJob(j);
    }
  }
  let job: KObject;
  try {
    job = api.create(jobFromTemplate(cj, scheduled), { owned: true });
    api.recordEvent(cj, 'Normal', 'SuccessfulCreate', `Created job ${job.metadata.name}`, COMPONENT);
  } catch (e) {
    if (!(e instanceof ApiError)) throw e;
    if (e.reason === 'AlreadyExists') {
      const existing = api.get('Job', ns, name);
      if (!existing || controllerOf(existing)?.uid !== cj.metadata.uid) return undefined;
      if ((st.active ?? []).some((a: any) => a.uid === existing.metadata.uid)) return undefined;
      job = existing;
    } else {
      if (!/being terminated/.test(e.message)) api.recordEvent(cj, 'Warning', 'FailedCreate', `Error creating job: ${e.message}`, COMPONENT);
      return undefined;
    }
  }
  active().push(jobRef(job));
  st.lastScheduleTime = timestamp(scheduled);
  return nextScheduleDelay(cj, now, sched);
}

/** getJobFromTemplate2 */
function jobFromTemplate(cj: KObject, scheduled: number): KObject {
  const jt = cj.spec?.jobTemplate ?? {};
  const tz: string = cj.spec?.timeZone ?? '';
  return {
    apiVersion: 'batch/v1', kind: 'Job',
    metadata: {
      name: jobName(cj, scheduled),
      namespace: cj.metadata.namespace,
      ...(jt.metadata?.labels ? { labels: { ...jt.metadata.labels } } : {}),
      annotations: { ...(jt.metadata?.annotations ?? {}), 'batch.kubernetes.io/cronjob-scheduled-timestamp': rfc3339In(tz, scheduled) },
      ownerReferences: [{ apiVersion: 'batch/v1', kind: 'CronJob', name: cj.metadata.name, uid: cj.metadata.uid!, controller: true, blockOwnerDeletion: true }],
    } as any,
    spec: structuredClone(jt.spec ?? {}),
  };
}

/** time.Format(time.RFC3339) of t in the zone: 2026-11-21T17:00:00+01:00, or ...Z for UTC. */
function rfc3339In(zone: string, t: number): string {
  const off = validZone(zone) ? zoneOffset(zone, t) : 0;
  const local = new Date(t + off).toISOString().replace(/\.\d{3}Z$/, '');
  if (off === 0) return `${local}Z`;
  const a = Math.abs(off) / 60000;
  return `${local}${off < 0 ? '-' : '+'}${String(Math.floor(a / 60)).padStart(2, '0')}:${String(a % 60).padStart(2, '0')}`;
}

/** time.RFC1123Z in UTC: Mon, 02 Jan 2006 15:04:05 -0700 */
function rfc1123z(t: number): string {
  const d = new Date(t);
  const days = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];
  const months = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
  const p = (n: number) => String(n).padStart(2, '0');
  return `${days[d.getUTCDay()]}, ${p(d.getUTCDate())} ${months[d.getUTCMonth()]} ${d.getUTCFullYear()} ${p(d.getUTCHours())}:${p(d.getUTCMinutes())}:${p(d.getUTCSeconds())} +0000`;
}
