// CronJob validation (pkg/apis/batch/validation, 1.32: ValidateCronJobCreate/Update's spec
// checks): the schedule as robfig/cron parses it, the time zone, the concurrency policy, the
// non-negative limits and the name's 52 characters (the controller appends -<minutes>).
import type { KObject } from './types';
import type { Cause } from './validation';
import { parseStandard, validZone } from './cron';

const q = (s: string) => JSON.stringify(s);
const TZ_PART = /^[A-Za-z.\-_0-9+]{1,14}$/;

export function validateCronJob(o: KObject, old: KObject | undefined, causes: Cause[]): void {
  const s = o.spec ?? {};
  if (!old && o.metadata.name.length > 52) causes.push({ field: 'metadata.name', message: `Invalid value: ${q(o.metadata.name)}: must be no more than 52 characters` });
  const schedule: string = s.schedule ?? '';
  if (!schedule) causes.push({ field: 'spec.schedule', message: 'Required value' });
  else {
    try { parseStandard(schedule); } catch (e) { causes.push({ field: 'spec.schedule', message: `Invalid value: ${q(schedule)}: ${(e as Error).message}` }); }
    const allowTZ = !!old?.spec?.schedule?.includes('TZ');
    if (allowTZ && schedule.includes('TZ') && s.timeZone !== undefined && s.timeZone !== null) {
      causes.push({ field: 'spec.schedule', message: `Invalid value: ${q(schedule)}: cannot use both timeZone field and TZ or CRON_TZ in schedule` });
    } else if (!allowTZ && schedule.includes('TZ')) {
      causes.push({ field: 'spec.schedule', message: `Invalid value: ${q(schedule)}: cannot use TZ or CRON_TZ in schedule, use timeZone field instead` });
    }
  }
  const nonNegative = (f: string) => { const v = s[f]; if ((typeof v === 'number' || typeof v === 'bigint') && v < 0) causes.push({ field: `spec.${f}`, message: `Invalid value: ${v}: must be greater than or equal to 0` }); };
  nonNegative('startingDeadlineSeconds');
  const tz = s.timeZone;
  if (tz !== undefined && tz !== null && (!old || old.spec?.timeZone !== tz)) {
    const bad = (msg: string) => causes.push({ field: 'spec.timeZone', message: `Invalid value: ${q(tz)}: ${msg}` });
    if (tz === '') bad('timeZone must be nil or non-empty string');
    else if (String(tz).split('/').some((p) => p === '.' || p === '..' || p.startsWith('-') || !TZ_PART.test(p))) bad(`unknown time zone ${tz}`);
    else {
      if (String(tz).toLowerCase() === 'local') bad('timeZone must be an explicit time zone as defined in https://www.iana.org/time-zones');
      if (tz !== 'Local' && !validZone(tz)) bad(`unknown time zone ${tz}`);
    }
  }
  const policy = s.concurrencyPolicy ?? '';
  if (policy === '') causes.push({ field: 'spec.concurrencyPolicy', message: 'Required value' });
  else if (!['Allow', 'Forbid', 'Replace'].includes(policy)) causes.push({ field: 'spec.concurrencyPolicy', message: `Unsupported value: ${q(policy)}: supported values: "Allow", "Forbid", "Replace"` });
  validateJobSpec(s.jobTemplate?.spec, 'spec.jobTemplate.spec', causes);
  nonNegative('successfulJobsHistoryLimit');
  nonNegative('failedJobsHistoryLimit');
}

/** validateJobSpec (a Job's spec, or a CronJob's spec.jobTemplate.spec): the counts, the
 *  completion mode and its requirements, and the restart policy a job's pods must have. */
export function validateJobSpec(s: any, path: string, causes: Cause[]): void {
  s = s ?? {};
  const set = (v: unknown) => v !== undefined && v !== null;
  const nonNegative = (f: string) => { const v = s[f]; if ((typeof v === 'number' || typeof v === 'bigint') && v < 0) causes.push({ field: `${path}.${f}`, message: `Invalid value: ${v}: must be greater than or equal to 0` }); };
  for (const f of ['parallelism', 'completions', 'activeDeadlineSeconds', 'backoffLimit', 'ttlSecondsAfterFinished', 'backoffLimitPerIndex']) nonNegative(f);
  if (set(s.maxFailedIndexes)) {
    nonNegative('maxFailedIndexes');
    if (!set(s.backoffLimitPerIndex)) causes.push({ field: `${path}.backoffLimitPerIndex`, message: 'Required value: when maxFailedIndexes is specified' });
  }
  if (set(s.backoffLimitPerIndex) && s.completionMode !== 'Indexed') causes.push({ field: `${path}.backoffLimitPerIndex`, message: 'Forbidden: requires indexed completion mode' });
  if (set(s.completionMode)) {
    if (s.completionMode !== 'NonIndexed' && s.completionMode !== 'Indexed') {
      causes.push({ field: `${path}.completionMode`, message: `Unsupported value: ${q(String(s.completionMode))}: supported values: "NonIndexed", "Indexed"` });
    }
    if (s.completionMode === 'Indexed') {
      if (!set(s.completions)) causes.push({ field: `${path}.completions`, message: 'Required value: when completion mode is Indexed' });
      if (typeof s.parallelism === 'number' && s.parallelism > 100000) causes.push({ field: `${path}.parallelism`, message: `Invalid value: ${s.parallelism}: must be less than or equal to 100000 when completion mode is Indexed` });
    }
  }
  const policy = s.template?.spec?.restartPolicy ?? '';
  const rp = `${path}.template.spec.restartPolicy`;
  if (policy === 'Always' || policy === '') causes.push({ field: rp, message: 'Required value: valid values: "OnFailure", "Never"' });
  else if (policy !== 'OnFailure' && policy !== 'Never') causes.push({ field: rp, message: `Unsupported value: ${q(policy)}: supported values: "OnFailure", "Never"` });
  else if (set(s.podFailurePolicy) && policy !== 'Never') causes.push({ field: rp, message: `Invalid value: ${q(policy)}: only "Never" is supported when podFailurePolicy is specified` });
}
