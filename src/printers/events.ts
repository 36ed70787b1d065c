// The table of `kubectl events` (kubectl/pkg/cmd/events/event_printer.go), printed by kubectl
// itself, not by the API server: LAST SEEN, TYPE, REASON, OBJECT (Kind/name), MESSAGE, with
// NAMESPACE first under -A, and the order of events.go's SortableEvents.
import type { KObject } from '../api/types';
import type { OutputSpec } from './output';
import { humanDuration, parseTimestamp } from './duration';
import { goSort } from './gosort';

/** printers.EscapeTerminal: ESC becomes ^[ and CR the two characters \r. */
const escapeTerminal = (s: string) => (s.includes('\x1b') || s.includes('\r') ? s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r') : s);

const since = (ts: string | undefined | null, now: Date) => {
  const t = parseTimestamp(ts);
  return t === undefined ? '<unknown>' : humanDuration(now.getTime() - t);
};

/** getInterval: "5s", or "5s (x3 over 2m)" for a repeated event or a series. */
export function eventInterval(e: KObject, now: Date): string {
  const first = parseTimestamp(e.eventTime) === undefined ? since(e.firstTimestamp, now) : since(e.eventTime, now);
  if (e.series) return `${since(e.series.lastObservedTime, now)} (x${e.series.count ?? 0} over ${first})`;
  if ((e.count ?? 0) > 1) return `${since(e.lastTimestamp, now)} (x${e.count} over ${first})`;
  return first;
}

export const eventsHeader = (allNamespaces: boolean) => `${allNamespaces ? 'NAMESPACE\t' : ''}LAST SEEN\tTYPE\tREASON\tOBJECT\tMESSAGE\n`;

/** One tab-separated line for the tabwriter. */
export function eventLine(e: KObject, now: Date, allNamespaces: boolean): string {
  const io = e.involvedObject ?? {};
  return `${allNamespaces ? `${e.metadata?.namespace ?? ''}\t` : ''}${eventInterval(e, now)}\t${escapeTerminal(e.type ?? '')}\t${escapeTerminal(e.reason ?? '')}\t`
    + `${escapeTerminal(io.kind ?? '')}/${escapeTerminal(io.name ?? '')}\t${escapeTerminal(String(e.message ?? '').trim())}\n`;
}

// Go's zero time, as a count of microseconds since the epoch: unset times sort first.
const ZERO_US = -62135596800000000;

/** A timestamp in microseconds since the epoch (MicroTime keeps six fractional digits). */
function micros(ts: string | undefined | null): number {
  const ms = parseTimestamp(ts);
  if (ms === undefined) return ZERO_US;
  const frac = /\.(\d+)/.exec(ts!);
  const us = frac ? Number((frac[1] + '000000').slice(3, 6)) : 0;
  return ms * 1000 + us;
}

/** events.go's eventTime: the series' last observation, else lastTimestamp, else eventTime. */
function eventTime(e: KObject): number {
  if (e.series) return micros(e.series.lastObservedTime);
  if (parseTimestamp(e.lastTimestamp) !== undefined) return micros(e.lastTimestamp);
  return micros(e.eventTime);
}

/** sort.Sort(SortableEvents(items)): oldest first, by Go's (unstable) sort. */
export function sortEvents(items: KObject[]): KObject[] {
  const keyed = items.map((e) => ({ e, t: eventTime(e) }));
  return goSort(keyed, (a, b) => a.t < b.t).map((x) => x.e);
}

export interface EventListOptions { noHeaders?: boolean; allNamespaces?: boolean; now: Date; allowMissingKeys?: boolean }

/** kubectl events' output for a list: the events sorted, in the event table, or (-o) the typed
 *  EventList kubectl builds (its own TypeMeta, an empty ListMeta) with the -o printer. The
 *  printer's errors are ignored by kubectl events, so only the output is returned. */
export function printEventList(items: KObject[], spec: OutputSpec | undefined, opts: EventListOptions): string {
  const sorted = sortEvents(items);
  if (!spec) {
    const { tabwrite, GET_TABWRITER } = require('./tabwriter') as typeof import('./tabwriter');
    return tabwrite((opts.noHeaders ? '' : eventsHeader(!!opts.allNamespaces)) + sorted.map((e) => eventLine(e, opts.now, !!opts.allNamespaces)).join(''), GET_TABWRITER);
  }
  const list = typedEvent({ kind: 'EventList', apiVersion: 'v1', metadata: {}, items: sorted.map(typedEvent) } as unknown as KObject);
  switch (spec.kind) {
    case 'json': return (require('./json') as typeof import('./json')).toJson(list, { sortKeys: false });
    case 'yaml': return (require('./yaml') as typeof import('./yaml')).toYaml(list);
    // the name printer refuses typed lists ("list types are not supported by name printing")
    case 'name': return '';
    default: return (require('./output') as typeof import('./output')).compilePrinter(spec, { allowMissingKeys: opts.allowMissingKeys ?? true })({ single: list, items: [] }).out;
  }
}

/** An event as the typed corev1.Event prints (Go struct order; kind and apiVersion set when
 *  the server left them out, as kubectl events does). */
export function typedEvent(o: KObject): KObject {
  const e = o.kind ? o : { ...o, apiVersion: 'v1', kind: 'Event' };
  return (require('./typed') as typeof import('./typed')).toTypedOrder(e);
}
