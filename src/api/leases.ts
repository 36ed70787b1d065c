// Node leases as the kubelets keep them: a running kubelet renews its Lease in kube-node-lease
// every 10 s (a quarter of leaseDurationSeconds 40). Nothing writes those renewals: a read shows
// the renewTime of the last renewal due by the clock, or the last one before the kubelet
// stopped (`kubesim node stop`, runtime `node:<name>`).
import type { KObject } from './types';
import type { Store } from '../store/db';

const RENEW_MS = 10000;

export function projectNodeLease(store: Store, o: KObject, nowMs: number): KObject {
  if (o.metadata?.namespace !== 'kube-node-lease' || !o.spec?.renewTime || !o.spec.holderIdentity) return o;
  const base = Date.parse(o.spec.renewTime);
  if (!Number.isFinite(base)) return o;
  const rt = store.runtime(`node:${o.spec.holderIdentity}`) as { stopped?: boolean; stoppedAt?: number } | undefined;
  const until = rt?.stopped ? (rt.stoppedAt ?? base) : nowMs;
  if (until <= base + RENEW_MS) return o;
  const renewed = base + Math.floor((until - base) / RENEW_MS) * RENEW_MS;
  o.spec.renewTime = new Date(renewed).toISOString().replace(/\.(\d{3})Z$/, '.$1000Z');
  return o;
}
