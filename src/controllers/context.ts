// What every controller gets: the API, the changes of this round, and the settings.
import { secondsToMs } from '../api/gonumber';
import type { Api, Change } from '../api/server';
import type { KObject } from '../api/types';

/** The objects a controller syncs this round, each once (client-go's work queue of ns/name keys). */
export class SyncQueue implements Iterable<{ ns: string; name: string }> {
  private keys = new Map<string, { ns: string; name: string }>();
  add(ns: string, name: string): void { this.keys.set(`${ns}/${name}`, { ns, name }); }
  /** The object itself. */
  addObject(o: KObject): void { this.add(o.metadata.namespace!, o.metadata.name); }
  /** `o`'s controller when it is a `kind` (a pod's ReplicaSet, a ReplicaSet's Deployment, ...). */
  addController(o: KObject | undefined, kind: string): void {
    const ref = o?.metadata.ownerReferences?.find((x) => x.controller && x.kind === kind);
    if (ref) this.add(o!.metadata.namespace!, ref.name);
  }
  get size(): number { return this.keys.size; }
  [Symbol.iterator](): Iterator<{ ns: string; name: string }> { return this.keys.values(); }
}

export interface Settings {
  /** Seconds a new pod takes to become Running and ready (KUBESIM_POD_STARTUP). */
  podStartupMs: () => number;
  /** Milliseconds a deleted pod stays Terminating. */
  podTerminationMs: (graceSeconds: number) => number;
  /** Seconds after a node goes NotReady before its pods are evicted. */
  podEvictionMs: number;
  /** One-shot container commands (`-- wget -qO- web`) that the data plane runs after the
   *  transaction, outside the controllers (set by the CLI session, src/cli/session.ts; the
   *  kubelet queues a container here and leaves its exit undecided until finishCommand). Absent
   *  (unit tests): the kubelet guesses the exit from the command's text. */
  commands?: { pending: PendingCommand[] };
}

/** A container started with a one-shot command whose exit the data plane decides. */
export interface PendingCommand {
  namespace: string;
  name: string;
  uid: string;
  container: string;
  containerID: string;
  /** when the container started (ms) */
  startedAt: number;
}

/** What the command did: its exit code and how long it ran (ms). */
export interface CommandResult { code: number; ms: number }

export function settingsFromEnv(env = process.env): Settings {
  const raw = env.KUBESIM_POD_STARTUP;
  const fixed = raw !== undefined && raw !== '' && !Number.isNaN(Number(raw)) ? Math.max(0, Number(raw)) * 1000 : undefined;
  return {
    // Default: a realistic short delay, slightly jittered (1.5 s to 3 s).
    podStartupMs: () => (fixed !== undefined ? fixed : 1500 + Math.floor(Math.random() * 1500)),
    podTerminationMs: (grace) => (fixed === 0 ? 0 : Math.min(secondsToMs(grace), fixed !== undefined ? Math.min(fixed, 1000) : 1000)),
    podEvictionMs: Number(env.KUBESIM_POD_EVICTION ?? 10) * 1000,
  };
}

export interface Round {
  api: Api;
  changes: Change[];
  /** Objects whose timers came due this round, by kind. */
  due: Map<string, { namespace: string; name: string }[]>;
  settings: Settings;
  /** Per-round memo for lookups many objects share (e.g. a namespace's services). */
  memo: Map<string, unknown>;
  /** What one reconcile (all its rounds) may still do, so that no command runs unbounded:
   *  pods the workload controllers may create or delete. */
  budget: { pods: number };
}

/** The ReplicaSet controller's burstReplicas: pods one sync creates or deletes at most. One
 *  reconcile does no more than this in all; the rest stays due for the next one. */
export const BURST_REPLICAS = 500;

export function memo<T>(r: Round, key: string, fn: () => T): T {
  if (!r.memo.has(key)) r.memo.set(key, fn());
  return r.memo.get(key) as T;
}

export const changesOf = (r: Round, kind: string) => r.changes.filter((c) => c.obj.kind === kind);
export const dueOf = (r: Round, kind: string) => r.due.get(kind) ?? [];
