// Tables of batch/v1 kinds (printers.go 1.32, Wide: true).
import { RowFn, cols, age, containerCells, formatLabelSelector, int, boolPtr } from './common';
import { humanDuration, parseTimestamp, translateTimestampSince } from '../duration';

const jobCondition = (conds: any[] | undefined, type: string) => {
  for (const c of conds || []) if (c.type === type) return c.status === 'True';
  return false;
};

export const jobColumns = cols('=Name', 'Status', 'Completions', 'Duration', 'Age', 'Containers*', 'Images*', 'Selector*');
export const jobRow: RowFn = (o, now) => {
  const spec = o.spec || {}, st = o.status || {};
  let completions: string;
  if (spec.completions != null) completions = `${int(st.succeeded)}/${int(spec.completions)}`;
  else {
    const parallelism = spec.parallelism ?? 0;
    completions = parallelism > 1 ? `${int(st.succeeded)}/1 of ${parallelism}` : `${int(st.succeeded)}/1`;
  }
  let duration = '';
  const start = parseTimestamp(st.startTime);
  if (st.startTime) {
    const end = parseTimestamp(st.completionTime);
    if (!st.completionTime) duration = humanDuration(now.getTime() - (start ?? 0));
    else duration = humanDuration((end ?? 0) - (start ?? 0));
  }
  let status: string;
  if (jobCondition(st.conditions, 'Complete')) status = 'Complete';
  else if (jobCondition(st.conditions, 'Failed')) status = 'Failed';
  else if (o.metadata.deletionTimestamp) status = 'Terminating';
  else if (jobCondition(st.conditions, 'Suspended')) status = 'Suspended';
  else if (jobCondition(st.conditions, 'FailureTarget')) status = 'FailureTarget';
  else status = 'Running';
  const [names, images] = containerCells(spec.template?.spec?.containers);
  return [o.metadata.name, status, completions, duration, age(o, now), names, images, formatLabelSelector(spec.selector)];
};

export const cronJobColumns = cols('=Name', 'Schedule', 'Timezone', 'Suspend', 'Active', 'Last Schedule', 'Age', 'Containers*', 'Images*', 'Selector*');
export const cronJobRow: RowFn = (o, now) => {
  const spec = o.spec || {}, st = o.status || {};
  const last = st.lastScheduleTime ? translateTimestampSince(st.lastScheduleTime, now) : '<none>';
  const jt = spec.jobTemplate?.spec || {};
  const [names, images] = containerCells(jt.template?.spec?.containers);
  return [o.metadata.name, spec.schedule || '', spec.timeZone ?? '<none>', boolPtr(spec.suspend), String((st.active || []).length), last, age(o, now),
    names, images, formatLabelSelector(jt.selector)];
};
