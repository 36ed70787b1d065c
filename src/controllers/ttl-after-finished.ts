// TTL-after-finished controller (pkg/controller/ttlafterfinished, 1.32): a finished Job with
// spec.ttlSecondsAfterFinished is deleted that many seconds after it finished (the
// lastTransitionTime of its Complete or Failed condition), its pods with it. It records no
// events. The wait is a timer on the Job (the job controller ignores it once the job finished).
import type { Round } from './context';
import { changesOf, dueOf, SyncQueue } from './context';
import type { KObject } from '../api/types';

const finishTime = (j: KObject): number | undefined => {
  const c = (j.status?.conditions ?? []).find((x: any) => (x.type === 'Complete' || x.type === 'Failed') && x.status === 'True');
  return c?.lastTransitionTime ? Date.parse(c.lastTransitionTime) : undefined;
};

export function ttlAfterFinishedController(r: Round): void {
  const keys = new SyncQueue();
  for (const c of changesOf(r, 'Job')) {
    if (c.type === 'DELETED') continue;
    const ttl = c.obj.spec?.ttlSecondsAfterFinished;
    if (ttl !== undefined && ttl !== null && finishTime(c.obj) !== undefined) keys.addObject(c.obj);
  }
  for (const d of dueOf(r, 'Job')) keys.add(d.namespace, d.name);
  const now = r.api.nowMs();
  for (const { ns, name } of keys) {
    const job = r.api.get('Job', ns, name);
    const ttl = job?.spec?.ttlSecondsAfterFinished;
    if (!job || job.metadata.deletionTimestamp || ttl === undefined || ttl === null) continue;
    const done = finishTime(job);
    if (done === undefined) continue;
    const expireAt = done + ttl * 1000;
    if (expireAt <= now) r.api.delete('Job', ns, name, { propagation: 'Foreground' });
    else r.api.store.setTimer('Job', ns, name, expireAt);
  }
}
