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
    kubectl(argv: string[], stdin: string) {
      return (require('./inprocess') as typeof import('./inprocess')).runKubectl(argv, stdin);
    },
    sourceHistory(kind, ns, name) {
      return store.runtime(`volsrc:${kind}/${ns}/${name}`);
    },
    volumeSyncMs: volumeSyncMs(),
    // kept in the pod's runtime row (removed with the pod), beside what the kubelet keeps there
    containerState(pod: KObject, container: string) {
      return store.runtime(pod.metadata.uid!)?.dataPlane?.[container];
    },
    saveContainerState(pod: KObject, container: string, state) {
      try {
        const rt = store.runtime(pod.metadata.uid!);
        if (!rt) return;
        rt.dataPlane = { ...(rt.dataPlane ?? {}), [container]: state };
        store.setRuntime(pod.metadata.uid!, rt);
      } catch { /* read-only moment: the state lasts for this exec only */ }
    },
  };
}

/** KUBESIM_VOLUME_SYNC: seconds the kubelet takes to project ConfigMap/Secret updates into
 *  mounted volumes (default 10). */
function volumeSyncMs(): number | undefined {
  const raw = process.env.KUBESIM_VOLUME_SYNC;
  const n = raw === undefined || raw === '' ? NaN : Number(raw);
  return Number.isNaN(n) ? undefined : Math.max(0, n) * 1000;
}
