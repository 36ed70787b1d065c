// Address and port allocation, as the API server does it at create time. Uniqueness under
// concurrent processes comes from the store: every write runs in one IMMEDIATE transaction and
// the allocations table's primary key refuses a value twice.
import type { Store } from '../store/db';
import { netConfig } from './cluster-config';

// The ranges come from the cluster's configuration (src/api/cluster-config.ts; kind's defaults:
// 10.96.0.0/12, 30000-32767, and the simulated cloud provider's pool 172.18.255.200-250, as
// kind + MetalLB hand out).
export const serviceCIDR = () => netConfig().serviceSubnet;
export const nodePortRange = () => netConfig().nodePortRange;

export const ipToInt = (ip: string) => ip.split('.').reduce((a, b) => a * 256 + Number(b), 0);
export const intToIp = (n: number) => [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
export function isIPv4(s: string): boolean {
  const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(s);
  return !!m && m.slice(1).every((x) => Number(x) <= 255 && String(Number(x)) === x);
}
export function inCidr(ip: string, cidr: string): boolean {
  const [base, bits] = cidr.split('/');
  const mask = bits === '0' ? 0 : (~0 << (32 - Number(bits))) >>> 0;
  return ((ipToInt(ip) & mask) >>> 0) === ((ipToInt(base) & mask) >>> 0);
}

/** The first address and the size of the Service CIDR. */
function serviceRange(): [number, number] {
  const [base, bits] = serviceCIDR().split('/');
  const size = 2 ** (32 - Number(bits));
  return [((ipToInt(base) & ~(size - 1)) >>> 0) + 1, size];
}

/** A random free ClusterIP. Like the API server, the lower part of the range (first 1/16, at
 *  least 16 and at most 256 addresses) is kept for static allocation; dynamic picks above it. */
export function allocateClusterIP(store: Store, owner: string, rand: () => number = Math.random): string {
  const [SVC_FIRST, SVC_SIZE] = serviceRange();
  const staticBand = Math.max(16, Math.min(256, SVC_SIZE / 16));
  for (let tries = 0; tries < 1000; tries++) {
    const ip = intToIp(SVC_FIRST + staticBand + Math.floor(rand() * (SVC_SIZE - staticBand - 2)));
    if (store.allocate('clusterip', ip, owner)) return ip;
  }
  throw new Error('range is full');
}

export function allocateNodePort(store: Store, owner: string, rand: () => number = Math.random): number {
  const [NODEPORT_MIN, NODEPORT_MAX] = nodePortRange();
  const size = NODEPORT_MAX - NODEPORT_MIN + 1;
  const start = Math.floor(rand() * size);
  for (let i = 0; i < size; i++) {
    const p = NODEPORT_MIN + ((start + i) % size);
    if (store.allocate('nodeport', String(p), owner)) return p;
  }
  throw new Error('range is full');
}

/** The next free IP of a node's pod CIDR (10.244.N.0/24; .1 is the bridge). */
export interface PodIPState { base: string; used: Set<string>; next: number }

export function podIPState(store: Store, podCIDR: string): PodIPState {
  const base = podCIDR.split('/')[0].split('.').slice(0, 3).join('.');
  const last = Number(store.meta(`podip-last/${base}`) ?? 1);
  return { base, used: store.allocated('podip', base + '.'), next: last + 1 };
}

/** A free IP of a node's pod CIDR (10.244.N.0/24; .1 is the bridge): the first after the last
 *  one handed out, wrapping around, as the host-local IPAM plugin does, so a replacement pod
 *  gets a new IP rather than the one just freed. Pass a state kept across calls to allocate
 *  many at once without rescanning. */
export function allocatePodIP(store: Store, podCIDR: string, owner: string, state: PodIPState = podIPState(store, podCIDR)): string | undefined {
  for (let k = 0; k < 253; k++) {
    const i = 2 + ((state.next - 2 + k) % 253);
    const ip = `${state.base}.${i}`;
    if (!state.used.has(ip) && store.allocate('podip', ip, owner)) {
      state.used.add(ip);
      state.next = i + 1;
      store.setMeta(`podip-last/${state.base}`, String(i));
      return ip;
    }
  }
  return undefined;
}

export function allocateLoadBalancerIP(store: Store, owner: string): string | undefined {
  const pool = netConfig().loadBalancerPool;
  if (!pool) return undefined;
  for (let i = ipToInt(pool[0]); i <= ipToInt(pool[1]); i++) {
    const ip = intToIp(i);
    if (store.allocate('lbip', ip, owner)) return ip;
  }
  return undefined;
}
