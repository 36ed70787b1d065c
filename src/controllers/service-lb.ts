// The simulated cloud provider's service controller: LoadBalancer services get an ingress IP
// from a pool (EnsuringLoadBalancer / EnsuredLoadBalancer events); other types give it back.
import type { Round } from './context';
import { changesOf } from './context';
import { allocateLoadBalancerIP } from '../api/allocators';
import { netConfig } from '../api/cluster-config';

export function serviceLoadBalancerController(r: Round): void {
  const { api } = r;
  // No pool configured: no cloud provider, as on plain kind (LoadBalancers stay <pending>).
  if (!netConfig().loadBalancerPool) return;
  for (const c of changesOf(r, 'Service')) {
    if (c.type === 'DELETED') continue;
    const svc = api.get('Service', c.obj.metadata.namespace, c.obj.metadata.name);
    if (!svc) continue;
    const uid = svc.metadata.uid!;
    const ingress = svc.status?.loadBalancer?.ingress ?? [];
    if (svc.spec?.type === 'LoadBalancer') {
      if (ingress.length) continue;
      if (c.old?.spec?.type !== 'LoadBalancer' || c.type === 'ADDED') {
        api.recordEvent(svc, 'Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer', 'service-controller');
      }
      const wanted = svc.spec.loadBalancerIP;
      let ip: string | undefined;
      if (wanted && api.store.allocate('lbip', wanted, uid)) ip = wanted;
      else ip = allocateLoadBalancerIP(api.store, uid);
      if (!ip) {
        api.recordEvent(svc, 'Warning', 'AllocationFailed', 'Failed to allocate IP for "' + `${svc.metadata.namespace}/${svc.metadata.name}` + '": no available IPs', 'service-controller');
        continue;
      }
      svc.status = { loadBalancer: { ingress: [{ ip, ipMode: 'VIP' }] } };
      api.update(svc, { status: true });
      api.recordEvent(svc, 'Normal', 'EnsuredLoadBalancer', 'Ensured load balancer', 'service-controller');
    } else if (c.old?.spec?.type === 'LoadBalancer') {
      api.store.releaseOwner(uid, 'lbip');
      if (ingress.length) {
        svc.status = { loadBalancer: {} };
        api.update(svc, { status: true });
      }
      api.recordEvent(svc, 'Normal', 'DeletedLoadBalancer', 'Deleted load balancer', 'service-controller');
    }
  }
}
