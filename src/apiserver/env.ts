// What the API server's handlers work with: the API layer and store of the running session,
// the data plane's host, the watch hub, and the write path (reconcile, write, reconcile in one
// transaction, as a CLI verb does).
import type { Api } from '../api/server';
import type { Store } from '../store/db';
import type { DataPlaneHost } from '../network/host';
import type { WatchHub } from './watch';

export interface ServerEnv {
  api: Api;
  store: Store;
  host: DataPlaneHost;
  hub: WatchHub;
  /** let the control plane catch up before a read */
  refresh(): void;
  /** a write, as a CLI verb makes it (reconcile, fn, reconcile; nothing written if fn throws) */
  write<T>(fn: (api: Api) => T): T;
}

/** The contract with src/apiserver/streams.ts (exec/attach/port-forward, logs). */
export interface StreamsEnv { api: Api; store: Store; host: DataPlaneHost; refresh(): void }
