// The events of an object (describe.go's searchEvents) and the Events block (DescribeEvents).
import type { ClusterReader, KObject } from '../../api/types';
import { translateTimestampSince } from '../duration';
import { Writer, LEVEL_0, LEVEL_1, isZeroTime, timeMs } from './writer';
import { goSort } from '../gosort';

/** What an event's involvedObject is matched against: the field selector
 *  involvedObject.name/namespace[/kind][/uid] (kind and uid only when non-empty). */
export interface EventRef {
  name: string;
  namespace: string;
  kind?: string;
  uid?: string;
}

/** reference.GetReference for an object: its kind, name, namespace and uid. */
export function refOf(obj: KObject): EventRef {
  return { name: obj.metadata.name, namespace: obj.metadata.namespace ?? '', kind: obj.kind, uid: obj.metadata.uid };
}

/** The events whose involvedObject matches, in the order the API server lists them
 *  (the events of namespace ref.namespace, or of all namespaces when it is empty). */
export function searchEvents(reader: ClusterReader, ref: EventRef): KObject[] {
  const all = reader.list('Event', ref.namespace || undefined);
  return all.filter((e) => {
    const io = e.involvedObject ?? {};
    if ((io.name ?? '') !== ref.name) return false;
    if ((io.namespace ?? '') !== ref.namespace) return false;
    if (ref.kind && (io.kind ?? '') !== ref.kind) return false;
    if (ref.uid && (io.uid ?? '') !== ref.uid) return false;
    return true;
  });
}

/** DescribeEvents: `Events:  <none>`, or (after a flush) the event table sorted by lastTimestamp. */
export function describeEvents(events: KObject[], w: Writer, now: Date): void {
  if (!events.length) {
    w.write(LEVEL_0, 'Events:\t<none>\n');
    return;
  }
  w.flush();
  // event.SortableEvents orders by lastTimestamp, with Go's (unstable) sort.Sort
  const sorted = goSort(events, (a, b) => timeMs(a.lastTimestamp) < timeMs(b.lastTimestamp));
  w.write(LEVEL_0, 'Events:\n  Type\tReason\tAge\tFrom\tMessage\n');
  w.write(LEVEL_1, '----\t------\t----\t----\t-------\n');
  for (const e of sorted) {
    const first = isZeroTime(e.eventTime) ? translateTimestampSince(e.firstTimestamp, now) : translateTimestampSince(e.eventTime, now);
    let interval: string;
    if (e.series) {
      interval = `${translateTimestampSince(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
    } else if ((e.count ?? 0) > 1) {
      interval = `${translateTimestampSince(e.lastTimestamp, now)} (x${e.count} over ${first})`;
    } else {
      interval = first;
    }
    const source = e.source?.component || e.reportingComponent || '';
    w.write(LEVEL_1, `${e.type ?? ''}\t${e.reason ?? ''}\t${interval}\t${source}\t${String(e.message ?? '').trim()}\n`);
  }
}

/** The events block of a describer, when events are shown. */
export function writeEvents(w: Writer, reader: ClusterReader, ref: EventRef, showEvents: boolean, now: Date): void {
  if (!showEvents) return;
  describeEvents(searchEvents(reader, ref), w, now);
}
