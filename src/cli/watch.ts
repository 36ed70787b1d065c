// kubectl get -w / --watch-only / --output-watch-events: print the current objects, then one
// line (or document) per change, read from the revision log so that changes made by other
// processes appear promptly. While it runs it drives the control plane on a timer (pods finish
// starting even if nothing else is typed). It never holds the write lock between polls, ends
// quietly on a closed pipe (io.ts) and, like kubectl's interrupt handler, exits 1 on Ctrl-C.
//
// Also the polling helpers the other long-running verbs share (rollout status, wait, drain).
import { parseStoredJson } from '../api/gonumber';
import type { Parsed } from './flags';
import type { ResourceRequest } from './resources';
import type { OutputSpec, Rendered } from '../printers/output';
import type { KObject } from '../api/types';
import type { Session } from './session';
import type { Revision } from '../store/db';
import { CliError } from '../api/types';
import { session } from './session';
import { out, err, enhanceListError } from './io';
import { notFound } from '../api/server';
import { parseLabelSelector, matchLabels, parseFieldSelector, checkFieldSelector, matchFields } from '../api/selectors';

// ---- shared helpers -------------------------------------------------------------------------

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

let interruptInstalled = false;
/** kubectl's interrupt handler (kubectl/pkg/util/interrupt): on SIGINT, SIGTERM, SIGHUP or
 *  SIGQUIT the notify functions run and the process exits 1, silently. */
export function exitOnInterrupt(notify?: () => void): void {
  if (interruptInstalled) return;
  interruptInstalled = true;
  const handler = () => {
    try { notify?.(); } catch { /* exiting anyway */ }
    process.exit(1);
  };
  for (const sig of ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'] as const) process.on(sig, handler);
}

/** How long to sleep before the next poll: at most `max` ms, less when a timer of the control
 *  plane (a pod finishing start-up) comes due sooner. */
export function pollDelay(s: Session, max = 100): number {
  const next = s.store.nextTimer();
  const now = s.api.nowMs();
  if (next === undefined) return max;
  return Math.max(5, Math.min(max, next - now + 2));
}

/** Go's time.ParseDuration, in milliseconds. Throws Error(Go's message) on bad input. */
export function parseGoDuration(text: string): number {
  const orig = text;
  let s = text;
  let neg = false;
  if (s[0] === '-' || s[0] === '+') { neg = s[0] === '-'; s = s.slice(1); }
  if (s === '0') return 0;
  if (s === '') throw new Error(`time: invalid duration "${orig}"`);
  const units: Record<string, number> = { ns: 1e-6, us: 1e-3, 'µs': 1e-3, 'μs': 1e-3, ms: 1, s: 1000, m: 60000, h: 3600000 };
  let total = 0;
  while (s.length) {
    const m = /^(\d*)(\.\d*)?/.exec(s)!;
    if (!m[0] || m[0] === '.') throw new Error(`time: invalid duration "${orig}"`);
    s = s.slice(m[0].length);
    const u = /^[^\d.]*/.exec(s)![0];
    if (!u) throw new Error(`time: missing unit in duration "${orig}"`);
    if (!(u in units)) throw new Error(`time: unknown unit "${u}" in duration "${orig}"`);
    s = s.slice(u.length);
    total += Number(m[0].startsWith('.') ? '0' + m[0] : m[0]) * units[u];
  }
  return neg ? -total : total;
}

/** A duration flag's value, with cobra's error for a bad one. */
export function durationFlag(p: Parsed, name: string, cmdPath: string, shown = `--${name}`): number {
  const raw = String(p.flags[name]);
  try {
    return parseGoDuration(raw);
  } catch (e: any) {
    throw new CliError(`error: invalid argument "${raw}" for "${shown}" flag: ${e.message}\nSee '${cmdPath} --help' for usage.`, 1, true);
  }
}

/** Objects of one kind whose revisions are newer than `since` (committed writes of any
 *  process), oldest first. Event revisions carry no copy: the current object is read. */
export function changesSince(s: Session, kind: string, since: number): Revision[] {
  return s.store.revisionsSince(since, kind);
}

// ---- get -w ---------------------------------------------------------------------------------

interface Emit { type: 'ADDED' | 'MODIFIED' | 'DELETED'; obj: KObject }

export async function watch(p: Parsed, requests: ResourceRequest[], spec: OutputSpec,
  printer: ((d: { single?: KObject; items: KObject[] }) => Rendered) | undefined, ns: string, allNs: boolean,
  custom?: WatchPrinter): Promise<number> {
  const f = p.flags;
  if (requests.length !== 1) throw new CliError('you may only specify a single resource type');
  const req = requests[0];
  const info = req.info;
  const s = session();
  const scopeNs = info.namespaced ? (req.names.length || !allNs ? ns : undefined) : undefined;
  let labelSel: ReturnType<typeof parseLabelSelector> | undefined;
  let fieldReqs: ReturnType<typeof parseFieldSelector> | undefined;
  try {
    const l = String(f.selector ?? '').trim(), fs = String(f['field-selector'] ?? '').trim();
    labelSel = l ? parseLabelSelector(l) : undefined;
    fieldReqs = fs ? parseFieldSelector(fs) : undefined;
    if (fieldReqs) checkFieldSelector(info.kind, info.version, fieldReqs);
  } catch (e) {
    // the initial list is the builder's: its errors say what was asked for
    throw enhanceListError(e, info, String(f.selector ?? ''), String(f['field-selector'] ?? ''));
  }
  const names = req.names.length ? new Set(req.names) : undefined;
  const watchOnly = !!f['watch-only'];
  const events = !!f['output-watch-events'];
  const isEvent = info.kind === 'Event';

  const matches = (o: KObject) =>
    (!names || names.has(o.metadata.name)) &&
    (!labelSel || matchLabels(labelSel, o.metadata.labels)) &&
    (!fieldReqs || matchFields(info.kind, fieldReqs, o));

  // The current objects and the revision they are current at, from one read snapshot.
  let since = 0;
  let initial: KObject[] = [];
  const db = s.store.db;
  db.exec('BEGIN');
  try {
    since = s.store.maxRv();
    if (names) {
      for (const name of req.names) {
        const o = s.api.get(info.kind, scopeNs, name);
        if (!o) throw notFound(info, name);
        initial.push(o);
      }
    } else {
      initial = s.api.list(info.kind, scopeNs, { labelSelector: f.selector || undefined, fieldSelector: f['field-selector'] || undefined });
    }
  } finally {
    if (db.inTransaction) db.exec('COMMIT');
  }

  const key = (o: { namespace?: string; name: string }) => `${o.namespace ?? ''}/${o.name}`;
  const member = new Set<string>(initial.map((o) => key(o.metadata)));
  // Events derived from pods' status (src/api/pod-events.ts) are not in the revision log:
  // they are found by following the pods, and remembered so each is printed once.
  const seenEvents = new Set<string>(isEvent ? initial.map((o) => key(o.metadata)) : []);

  const print = custom ?? makePrinter(s, spec, printer, info, f, allNs, events);
  if (!watchOnly) out(print.initial(initial));
  if (names && names.size > 1) {
    throw new CliError(`watch is only supported on individual resources and resource collections, but ${names.size} resources were found`);
  }

  exitOnInterrupt();
  s.replacedMessage();
  const podEventsOf = isEvent ? (require('../api/pod-events') as typeof import('../api/pod-events')).podEvents : undefined;
  for (;;) {
    const replaced = s.replacedMessage();
    if (replaced) throw new CliError(replaced);
    s.catchUp();
    const revs = isEvent
      ? [...s.store.revisionsSince(since, 'Event'), ...s.store.revisionsSince(since, 'Pod')].sort((a, b) => a.rv - b.rv)
      : s.store.revisionsSince(since, info.kind);
    const emits: Emit[] = [];
    for (const r of revs) {
      since = Math.max(since, r.rv);
      if (scopeNs !== undefined && r.namespace !== scopeNs) continue;
      if (names && !names.has(r.name) && r.kind === info.kind) continue;
      if (isEvent && r.kind === 'Pod') {
        if (r.type === 'DELETED' || !podEventsOf) continue;
        const pod = parseStoredJson(r.json) as KObject;
        for (const ev of podEventsOf(pod, s.api.pullMs(pod))) {
          const k = key(ev.metadata);
          if (seenEvents.has(k) || !matches(ev)) continue;
          seenEvents.add(k);
          member.add(k);
          emits.push({ type: 'ADDED', obj: ev });
        }
        continue;
      }
      let obj: KObject | undefined;
      if (r.json) obj = parseStoredJson(r.json);
      else obj = s.api.get(r.kind, r.namespace || undefined, r.name); // events: read the row
      if (!obj) continue;
      const k = key({ namespace: r.namespace || undefined, name: r.name });
      // a removed pod's events, stored as they were derived (already printed)
      if (isEvent && r.type === 'ADDED' && seenEvents.has(k)) continue;
      if (isEvent) seenEvents.add(k);
      const inside = member.has(k);
      if (r.type === 'DELETED') {
        if (inside) { member.delete(k); emits.push({ type: 'DELETED', obj }); }
        continue;
      }
      // As the API server's watch cache filters: an object that starts matching is ADDED, one
      // that stops matching is DELETED.
      if (matches(obj)) {
        emits.push({ type: inside ? (r.type === 'ADDED' ? 'ADDED' : 'MODIFIED') : 'ADDED', obj });
        member.add(k);
      } else if (inside) {
        member.delete(k);
        emits.push({ type: 'DELETED', obj });
      }
    }
    for (const e of emits) out(print.event(e.type, e.obj));
    await sleep(pollDelay(s));
  }
}

/** What `watch` prints: the current objects, then each change (kubectl events brings its own). */
export interface WatchPrinter {
  initial(objs: KObject[]): string;
  event(type: Emit['type'], obj: KObject): string;
}

function makePrinter(s: Session, spec: OutputSpec, printer: ((d: { single?: KObject; items: KObject[] }) => Rendered) | undefined,
  info: ResourceRequest['info'], f: Record<string, any>, allNs: boolean, events: boolean): WatchPrinter {
  const wrap = (type: string, o: KObject) => (events ? ({ type, object: o } as unknown as KObject) : o);
  const rendered = (r: Rendered) => { if (r.err) err(r.err); return r.out; };
  switch (spec.kind) {
    case 'table': case 'wide': {
      const { WatchTablePrinter } = require('../printers/table/index') as typeof import('../printers/table/index');
      const w = new WatchTablePrinter(info, {
        wide: spec.kind === 'wide', noHeaders: f['no-headers'], showLabels: f['show-labels'], labelColumns: f['label-columns'],
        allNamespaces: allNs, showKind: f['show-kind'], outputWatchEvents: events, now: () => s.api.now(),
      });
      return { initial: (objs) => w.printInitial(objs), event: (type, o) => w.printEvent(type, o) };
    }
    case 'json': {
      const { toJson, watchEventJson } = require('../printers/json') as typeof import('../printers/json');
      const one = (type: string, o: KObject) => (events ? watchEventJson(type, o) : toJson(o, { sortKeys: true }));
      return { initial: (objs) => objs.map((o) => one('ADDED', o)).join(''), event: one };
    }
    case 'yaml': {
      const { toYaml } = require('../printers/yaml') as typeof import('../printers/yaml');
      let count = 0;
      const one = (type: string, o: KObject) => (count++ ? '---\n' : '') + toYaml(events ? { object: o, type } : o);
      return { initial: (objs) => objs.map((o) => one('ADDED', o)).join(''), event: one };
    }
    case 'name': {
      const { nameLine } = require('../printers/name') as typeof import('../printers/name');
      return { initial: (objs) => objs.map((o) => nameLine(o) + '\n').join(''), event: (_t, o) => nameLine(o) + '\n' };
    }
    case 'custom-columns': {
      // One header, with the first object printed.
      let printed = false;
      const one = (o: KObject) => {
        let text = rendered(printer!({ single: o, items: [] }));
        if (printed && !f['no-headers']) text = text.slice(text.indexOf('\n') + 1);
        printed = true;
        return text;
      };
      return { initial: (objs) => objs.map(one).join(''), event: (_t, o) => one(o) };
    }
    default: {
      const one = (type: string, o: KObject) => rendered(printer!({ single: wrap(type, o), items: [] }));
      return { initial: (objs) => objs.map((o) => one('ADDED', o)).join(''), event: one };
    }
  }
}
