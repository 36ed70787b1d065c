// Which fields of which objects hold allocations: Service clusterIP / nodePorts. (Pod IPs are
// the kubelet's and load-balancer IPs the cloud provider's; they allocate in their controllers.)
import type { Store } from '../store/db';
import type { KObject } from './types';
import { allocateClusterIP, allocateNodePort } from './allocators';
import { invalid } from './validation';

const needsNodePorts = (s: any) => s.type === 'NodePort' || (s.type === 'LoadBalancer' && s.allocateLoadBalancerNodePorts !== false);

export function allocateOnCreate(store: Store, o: KObject, dryRun: boolean): void {
  if (o.kind !== 'Service') return;
  const s = o.spec;
  const owner = o.metadata.uid!;
  const taken: string[] = [];
  try {
    if (s.type !== 'ExternalName') {
      if (s.clusterIP === 'None') { s.clusterIPs = ['None']; }
      else if (s.clusterIP) {
        if (!dryRun && !store.allocate('clusterip', s.clusterIP, owner)) {
          throw invalid('Service', o.metadata.name, [{ field: 'spec.clusterIPs', message: `Invalid value: []string{"${s.clusterIP}"}: failed to allocate IP ${s.clusterIP}: provided IP is already allocated` }]);
        }
        if (!dryRun) taken.push('clusterip:' + s.clusterIP);
        s.clusterIPs = [s.clusterIP];
      } else if (!dryRun) {
        s.clusterIP = allocateClusterIP(store, owner);
        taken.push('clusterip:' + s.clusterIP);
        s.clusterIPs = [s.clusterIP];
      }
    } else { delete s.clusterIP; delete s.clusterIPs; }
    if (needsNodePorts(s)) allocatePorts(store, o, undefined, dryRun);
  } catch (e) {
    for (const t of taken) { const [pool, v] = t.split(':'); store.release(pool, v); }
    throw e;
  }
}

function allocatePorts(store: Store, o: KObject, old: KObject | undefined, dryRun: boolean): void {
  const owner = o.metadata.uid!;
  const oldPorts = new Set<number>((old?.spec?.ports ?? []).map((p: any) => p.nodePort).filter(Boolean));
  (o.spec.ports ?? []).forEach((p: any, i: number) => {
    if (p.nodePort) {
      if (oldPorts.has(p.nodePort)) return;
      if (dryRun) return;
      if (!store.allocate('nodeport', String(p.nodePort), owner)) {
        throw invalid('Service', o.metadata.name, [{ field: `spec.ports[${i}].nodePort`, message: `Invalid value: ${p.nodePort}: provided port is already allocated` }]);
      }
    } else if (!dryRun) {
      p.nodePort = allocateNodePort(store, owner);
    }
  });
}

export function reconcileAllocationsOnUpdate(store: Store, o: KObject, old: KObject): void {
  if (o.kind !== 'Service') return;
  const s = o.spec;
  const owner = o.metadata.uid!;
  if (s.type === 'ExternalName') {
    if (old.spec?.clusterIP && old.spec.clusterIP !== 'None') store.release('clusterip', old.spec.clusterIP);
    delete s.clusterIP; delete s.clusterIPs;
  } else if (!s.clusterIP) {
    s.clusterIP = allocateClusterIP(store, owner);
    s.clusterIPs = [s.clusterIP];
  }
  if (needsNodePorts(s)) allocatePorts(store, o, old, false);
  const keep = new Set<number>((s.ports ?? []).map((p: any) => p.nodePort).filter(Boolean));
  for (const p of old.spec?.ports ?? []) if (p.nodePort && !keep.has(p.nodePort)) store.release('nodeport', String(p.nodePort));
}

export function releaseAllocations(store: Store, o: KObject): void {
  if (o.kind === 'Service' || o.kind === 'Pod') store.releaseOwner(o.metadata.uid!);
}
