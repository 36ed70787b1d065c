// Address and port allocation, as the API server does it at create time. Uniqueness under
// concurrent processes comes from the store: every write runs in one IMMEDIATE transaction and
// the allocations table's primary key refuses a value twice.
import type { Store } from '../store/db';

export const SERVICE_CIDR = '10.96.0.0/12';
export const NODEPORT_MIN = 30000;
export const NODEPORT_MAX = 32767;
// The simulated cloud provider's pool for LoadBalancer services (as kind + MetalLB hand out).
export const LB_POOL_BASE = '172.18.255.';
export const LB_POOL_FIRST = 200;
export const LB_POOL_LAST = 250;

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

const SVC_FIRST = ipToInt('10.96.0.1');
const SVC_SIZE = 1 << 20; // /12

/** A random free ClusterIP. Like the API server, the lower part of the range (first 1/16, at
 *  least 16 and at most 256 addresses) is kept for static allocation; dynamic picks above it. */
export function allocateClusterIP(store: Store, owner: string, rand: () => number = Math.random): string {
  const staticBand = Math.max(16, Math.min(256, SVC_SIZE / 16));
  for (let tries = 0; tries < 1000; tries++) {
    const ip = intToIp(SVC_FIRST + staticBand + Math.floor(rand() * (SVC_SIZE - staticBand - 2)));
    if (store.allocate('clusterip', ip, owner)) return ip;
  }
  throw new Error('range is full');
}

export function allocateNodePort(store: Store, owner: string, rand: () => number = Math.random): number {
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
  for (let i = LB_POOL_FIRST; i <= LB_POOL_LAST; i++) {
    const ip = LB_POOL_BASE + i;
    if (store.allocate('lbip', ip, owner)) return ip;
  }
  return undefined;
}
