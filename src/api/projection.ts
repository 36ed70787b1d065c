// A pod's projection: the fields `get pods` (and -o wide) print and the endpoints and replica set
// controllers read, stored beside the full object so that listing 10,000 pods parses ~700 bytes
// each instead of ~3 KB.
import { stringifyJson } from './gonumber';
import type { KObject } from './types';

const pickState = (st: any) => {
  if (!st) return undefined;
  const o: any = {};
  if (st.running) o.running = {};
  if (st.waiting) o.waiting = st.waiting.reason ? { reason: st.waiting.reason } : {};
  if (st.terminated) {
    const t = st.terminated;
    o.terminated = { exitCode: t.exitCode, ...(t.reason ? { reason: t.reason } : {}), ...(t.signal ? { signal: t.signal } : {}), ...(t.finishedAt ? { finishedAt: t.finishedAt } : {}) };
  }
  return o;
};
const pickStatus = (cs: any) => ({
  name: cs.name, ready: cs.ready, restartCount: cs.restartCount, started: cs.started,
  state: pickState(cs.state), lastState: pickState(cs.lastState),
});

export function podProjection(p: KObject): string {
  const m = p.metadata, s = p.spec ?? {}, st = p.status ?? {};
  return stringifyJson({
    apiVersion: p.apiVersion,
    kind: p.kind,
    metadata: {
      name: m.name, namespace: m.namespace, uid: m.uid, creationTimestamp: m.creationTimestamp,
      ...(m.deletionTimestamp ? { deletionTimestamp: m.deletionTimestamp } : {}),
      ...(m.labels ? { labels: m.labels } : {}),
    },
    spec: {
      containers: (s.containers ?? []).map((c: any) => ({ name: c.name, ...(c.ports ? { ports: c.ports } : {}) })),
      ...(s.initContainers ? { initContainers: s.initContainers.map((c: any) => ({ name: c.name, ...(c.restartPolicy ? { restartPolicy: c.restartPolicy } : {}) })) } : {}),
      ...(s.readinessGates ? { readinessGates: s.readinessGates } : {}),
      ...(s.nodeName ? { nodeName: s.nodeName } : {}),
      ...(s.hostname ? { hostname: s.hostname } : {}),
      ...(s.subdomain ? { subdomain: s.subdomain } : {}),
    },
    status: {
      phase: st.phase,
      ...(st.reason ? { reason: st.reason } : {}),
      ...(st.conditions ? { conditions: st.conditions.map((c: any) => ({ type: c.type, status: c.status, ...(c.reason ? { reason: c.reason } : {}) })) } : {}),
      ...(st.initContainerStatuses ? { initContainerStatuses: st.initContainerStatuses.map(pickStatus) } : {}),
      ...(st.containerStatuses ? { containerStatuses: st.containerStatuses.map(pickStatus) } : {}),
      ...(st.podIP ? { podIP: st.podIP } : {}),
      ...(st.podIPs ? { podIPs: st.podIPs } : {}),
      ...(st.nominatedNodeName ? { nominatedNodeName: st.nominatedNodeName } : {}),
    },
  });
}

/** Field selectors a projection can answer. */
export const PROJECTED_FIELDS = new Set(['metadata.name', 'metadata.namespace', 'spec.nodeName', 'status.phase', 'status.podIP', 'status.nominatedNodeName']);
