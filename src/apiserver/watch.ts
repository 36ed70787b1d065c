// Watch: newline-delimited watch events read from the revision log (src/store). One poll of the
// log serves every watcher (each change is read once, however many watch it); writes made by
// CLI invocations on the same file show up at the next poll (25 ms while anyone watches).
// resourceVersion (start after it; unset or "0": the current objects as ADDED first),
// allowWatchBookmarks, 410 Expired past compaction, timeoutSeconds, label/field selectors (an
// object that stops matching is sent as DELETED, one that starts matching as ADDED), Tables.
import { parseStoredJson } from '../api/gonumber';
import type * as http from 'http';
import type { KObject } from '../api/types';
import type { Api } from '../api/server';
import type { Store, Revision } from '../store/db';
import type { KindInfo } from '../api/kinds';
import { parseLabelSelector, matchLabels, parseFieldSelector, matchFields, checkFieldSelector, Selector, FieldReq } from '../api/selectors';
import { toCompactJson } from '../printers/json';
import { toTypedOrder } from '../printers/typed';
import { toTable, IncludeObject } from './table';
import { statusObject, StatusError } from './respond';

export interface WatchRequest {
  info: KindInfo;
  namespace?: string;
  name?: string;
  labelSelector?: string;
  fieldSelector?: string;
  resourceVersion?: string;
  bookmarks: boolean;
  timeoutSeconds?: number;
  table?: { include: IncludeObject };
}

interface Watcher {
  w: WatchRequest;
  res: http.ServerResponse;
  labels?: Selector;
  fields?: FieldReq[];
  /** keys of objects this watcher has seen matching (selectors only) */
  seen?: Set<string>;
  headersSent: boolean;
  timers: NodeJS.Timeout[];
}

const keyOf = (o: KObject) => `${o.metadata.namespace ?? ''}/${o.metadata.name}`;

export class WatchHub {
  private watchers = new Set<Watcher>();
  private lastRv: number;
  private timer?: NodeJS.Timeout;

  constructor(private api: Api, private store: Store, private pollMs = 25) {
    this.lastRv = store.maxRv();
  }

  get size(): number { return this.watchers.size; }

  /** Start a watch; the response stays open until the client goes, timeoutSeconds, or stop(). */
  start(w: WatchRequest, res: http.ServerResponse, now: () => Date): void {
    const watcher: Watcher = { w, res, headersSent: false, timers: [] };
    if (w.labelSelector) watcher.labels = parseLabelSelector(w.labelSelector);
    if (w.fieldSelector) { watcher.fields = parseFieldSelector(w.fieldSelector); checkFieldSelector(w.info.kind, w.info.version, watcher.fields); }
    if (watcher.labels || watcher.fields || w.name) watcher.seen = new Set();
    const rvParam0 = w.resourceVersion ?? '';
    if (rvParam0 !== '' && !/^\d+$/.test(rvParam0)) {
      throw new StatusError(400, 'BadRequest', `invalid resource version: strconv.ParseUint: parsing ${JSON.stringify(rvParam0)}: invalid syntax`);
    }
    this.poll();
    res.writeHead(200, {
      'Audit-Id': crypto.randomUUID(), 'Cache-Control': 'no-cache, private',
      'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked',
    });
    // the client learns the watch is open before any event (as the API server flushes)
    res.flushHeaders();
    watcher.headersSent = true;
    this.now = now;
    const rvParam = w.resourceVersion ?? '';
    if (rvParam === '' || rvParam === '0') {
      const ns = w.info.namespaced ? w.namespace : undefined;
      for (const o of this.api.list(w.info.kind, ns)) this.deliver(watcher, 'ADDED', o, true);
    } else {
      const from = Number(rvParam);
      const oldest = this.store.minRv();
      if (oldest > 0 && from < oldest - 1) {
        this.write(watcher, 'ERROR', statusObject(410, 'Expired', `too old resource version: ${from} (${oldest - 1})`));
        res.end();
        return;
      }
      // what happened between the client's version and what the hub has already sent
      let after = from;
      while (after < this.lastRv) {
        const revs = this.store.revisionsSince(after, w.info.kind, 5000).filter((r) => r.rv <= this.lastRv);
        if (!revs.length) break;
        for (const r of revs) this.dispatchTo(watcher, r);
        after = revs[revs.length - 1].rv;
        if (revs.length < 5000) break;
      }
    }
    this.watchers.add(watcher);
    const stop = () => this.remove(watcher);
    res.on('close', stop);
    if (w.timeoutSeconds !== undefined && w.timeoutSeconds > 0) watcher.timers.push(setTimeout(() => { this.remove(watcher); res.end(); }, w.timeoutSeconds * 1000));
    if (w.bookmarks) {
      const t = setInterval(() => {
        this.poll();
        const apiVersion = w.info.group ? `${w.info.group}/${w.info.version}` : w.info.version;
        this.write(watcher, 'BOOKMARK', { kind: w.info.kind, apiVersion, metadata: { resourceVersion: String(this.lastRv), creationTimestamp: null } });
      }, 10_000);
      t.unref();
      watcher.timers.push(t);
    }
    this.schedule();
  }

  private now: () => Date = () => new Date();

  private remove(w: Watcher): void {
    if (!this.watchers.delete(w)) return;
    for (const t of w.timers) clearTimeout(t);
    if (!this.watchers.size && this.timer) { clearInterval(this.timer); this.timer = undefined; }
  }

  private schedule(): void {
    if (this.timer || !this.watchers.size) return;
    this.timer = setInterval(() => { try { this.poll(); } catch { /* the file is busy: next time */ } }, this.pollMs);
  }

  /** Read new revisions and send them to the watchers of their kind. */
  poll(): void {
    if (!this.watchers.size) { this.lastRv = Math.max(this.lastRv, this.store.maxRv()); return; }
    for (;;) {
      const revs = this.store.revisionsSince(this.lastRv, undefined, 5000);
      if (!revs.length) return;
      for (const r of revs) {
        let o: KObject | undefined;
        for (const w of this.watchers) if (w.w.info.kind === r.kind) o = this.dispatchTo(w, r, o);
      }
      this.lastRv = revs[revs.length - 1].rv;
      if (revs.length < 5000) return;
    }
  }

  /** Send one revision to a watcher; returns the parsed object, for the next watcher. */
  private dispatchTo(w: Watcher, r: Revision, parsed?: KObject): KObject | undefined {
    if (!r.json) return undefined;
    const o = parsed ?? parseStoredJson(r.json) as KObject;
    if (r.type === 'DELETED') o.metadata.resourceVersion = String(r.rv);
    this.deliver(w, r.type, o, false);
    return o;
  }

  private deliver(w: Watcher, type: string, o: KObject, initial: boolean): void {
    const req = w.w;
    if (req.info.namespaced && req.namespace && o.metadata.namespace !== req.namespace) return;
    if (!w.seen) { this.write(w, type, o); return; }
    const k = keyOf(o);
    const matches = type !== 'DELETED' && (!req.name || o.metadata.name === req.name) && (!w.labels || matchLabels(w.labels, o.metadata.labels)) && (!w.fields || matchFields(req.info.kind, w.fields, o));
    const was = w.seen.has(k);
    if (type === 'DELETED') {
      if (was || (!initial && this.matchesIgnoringDeletion(w, o))) { w.seen.delete(k); this.write(w, 'DELETED', o); }
      return;
    }
    if (matches) { w.seen.add(k); this.write(w, was ? 'MODIFIED' : 'ADDED', o); }
    else if (was) { w.seen.delete(k); this.write(w, 'DELETED', o); }
  }

  private matchesIgnoringDeletion(w: Watcher, o: KObject): boolean {
    return (!w.w.name || o.metadata.name === w.w.name) && (!w.labels || matchLabels(w.labels, o.metadata.labels)) && (!w.fields || matchFields(w.w.info.kind, w.fields, o));
  }

  private tableSent = new WeakSet<Watcher>();

  /** The last event line written as plain JSON: the same change goes to every watcher of its
   *  kind, encoded once. */
  private last?: { type: string; obj: unknown; line: string };

  private write(w: Watcher, type: string, obj: unknown): void {
    let line: string;
    // a watch of autoscaling/v1 sees the stored v2 objects converted (src/api/kinds-more/hpa-v1.ts)
    if (w.w.info.nonPreferred && type !== 'ERROR' && type !== 'BOOKMARK') obj = (require('../api/kinds-more/hpa-v1') as typeof import('../api/kinds-more/hpa-v1')).asVersion(w.w.info, obj as KObject);
    if (w.w.table && type !== 'ERROR' && type !== 'BOOKMARK') {
      const o = toTable(w.w.info.kind, [obj as KObject], this.now(), { include: w.w.table.include, noHeaders: this.tableSent.has(w), listMeta: { resourceVersion: (obj as KObject).metadata.resourceVersion } });
      this.tableSent.add(w);
      line = toCompactJson({ type, object: o }, { sortKeys: false }) + '\n';
    } else if (this.last && this.last.obj === obj && this.last.type === type) line = this.last.line;
    else {
      const o = type !== 'ERROR' && type !== 'BOOKMARK' ? toTypedOrder(obj) : obj;
      line = toCompactJson({ type, object: o }, { sortKeys: false }) + '\n';
      this.last = { type, obj, line };
    }
    w.res.write(line);
  }

  /** End every watch (server stopping). */
  stop(): void {
    for (const w of [...this.watchers]) { this.remove(w); w.res.end(); }
  }
}
