// A cluster in a temp directory for unit tests of the API and controllers.
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { Store } from '../../src/store/db';
import { Api } from '../../src/api/server';
import { reconcile } from '../../src/controllers/index';
import { settingsFromEnv, Settings } from '../../src/controllers/context';
import { bootstrap } from '../../src/controllers/bootstrap';
import type { KObject } from '../../src/api/types';

export interface TestCluster {
  store: Store;
  api: Api;
  settings: Settings;
  /** a verb: reconcile, fn, reconcile in one transaction */
  write<T>(fn: (api: Api) => T): T;
  /** move the clock forward and let the control plane catch up */
  advance(ms: number): void;
  dir: string;
  /** the cluster's clock (ms), for tests that move it without reconciling */
  clock: { now: number };
  close(): void;
}

export function testCluster(opts: { nodes?: number; startupSeconds?: number } = {}): TestCluster {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-test-'));
  const store = new Store(path.join(dir, 'cluster.db'));
  const clock = { now: Date.parse('2026-11-21T16:00:00Z') };
  const api = new Api(store, { clock: () => clock.now });
  const settings = settingsFromEnv({ KUBESIM_POD_STARTUP: String(opts.startupSeconds ?? 0) } as any);
  api.transaction(() => bootstrap(api, settings, opts.nodes ?? 3));
  api.changes = [];
  const write = <T>(fn: (a: Api) => T): T => api.transaction(() => { reconcile(api, settings); const r = fn(api); reconcile(api, settings); return r; });
  return {
    store, api, settings, write, dir, clock,
    advance(ms: number) { clock.now += ms; api.transaction(() => reconcile(api, settings)); },
    close() { store.close(); fs.rmSync(dir, { recursive: true, force: true }); },
  };
}

export function deployment(name: string, image: string, replicas = 1, ports: number[] = []): KObject {
  const labels = { app: name };
  return {
    apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, namespace: 'default', labels },
    spec: { replicas, selector: { matchLabels: labels }, template: { metadata: { labels }, spec: { containers: [{ name: name, image, ...(ports.length ? { ports: ports.map((p) => ({ containerPort: p })) } : {}) }] } } },
  };
}
