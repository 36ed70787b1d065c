// The data plane's view of the cluster (src/network/host.ts), over the API and the store:
// service environment captured at pod start, app access logs, session affinity memory.
import type { DataPlaneHost, AffinityStore } from '../network/host';
import type { KObject } from '../api/types';
import type { Session } from './session';
import { serviceEnvVars } from '../network/env';

export function dataPlaneHost(s: Session): DataPlaneHost {
  const api = s.api;
  const store = s.store;
  const affinity: AffinityStore = {
    get(key) {
      const j = store.meta(`affinity/${key}`);
      return j ? JSON.parse(j) : undefined;
    },
    set(key, value) {
      try { store.setMeta(`affinity/${key}`, JSON.stringify(value)); } catch { /* read-only moment: keep it in memory only */ }
    },
  };
  return {
    get: (kind, ns, name) => api.get(kind, ns, name),
    list: (kind, ns) => api.list(kind, ns),
    now: () => api.now(),
    random: Math.random,
    affinity,
    podEnv(pod: KObject) {
      const rt = store.runtime(pod.metadata.uid!);
      if (!rt) return undefined;
      const services: KObject[] = rt.svcSet ? store.runtime(rt.svcSet) ?? [] : rt.services ?? [];
      return serviceEnvVars(services);
    },
    trace(record) {
      try { store.appendTrace(JSON.stringify(record)); } catch { /* the database is busy: the trace is best effort */ }
    },
    appendLog(pod: KObject, container: string, line: string) {
      store.appendLog(pod.metadata.uid!, container, line);
    },
  };
}
