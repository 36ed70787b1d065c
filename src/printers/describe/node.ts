// Node: conditions, addresses, capacity, system info, non-terminated pods and allocated resources.
import type { KObject } from '../../api/types';
import { translateTimestampSince } from '../duration';
import { Writer, DescribeContext, tabbedString, LEVEL_0, LEVEL_1, rfc1123z, printLabelsMultiline, printAnnotationsMultiline, printTaintsMultiline, sortStrings } from './writer';
import { describeEvents, searchEvents } from './events';
import {
  ResourceList, Quantity, resourceList, addResourceList, maxResourceList, resourceOf, quantityString, quantityValue, quantityMilliValue,
  canonical, cmpQuantity, isZero, addQuantity,
} from './quantity';

const NODE_ROLE_PREFIX = 'node-role.kubernetes.io/';

function nodeRoles(node: KObject): string[] {
  const roles = new Set<string>();
  for (const [k, v] of Object.entries(node.metadata.labels ?? {})) {
    if (k.startsWith(NODE_ROLE_PREFIX)) { const r = k.slice(NODE_ROLE_PREFIX.length); if (r) roles.add(r); }
    else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return sortStrings([...roles]);
}

/** kubectl's resourcehelper.PodRequestsAndLimits. */
export function podRequestsAndLimits(pod: KObject): { reqs: ResourceList; limits: ResourceList } {
  const spec = pod.spec ?? {};
  const statuses = new Map<string, any>();
  for (const s of pod.status?.containerStatuses ?? []) statuses.set(s.name, s);
  const reqs: ResourceList = new Map();
  for (const c of spec.containers ?? []) {
    let creqs = resourceList(c.resources?.requests);
    const cs = statuses.get(c.name);
    if (cs?.resources) {
      const actual = resourceList(cs.resources.requests);
      if (pod.status?.resize === 'Infeasible') creqs = actual;
      else {
        const m: ResourceList = new Map();
        for (const [k, v] of creqs) { const o = actual.get(k); m.set(k, o && cmpQuantity(v, o) <= 0 ? o : v); }
        for (const [k, v] of actual) if (!m.has(k)) m.set(k, v);
        creqs = m;
      }
    }
    addResourceList(reqs, creqs);
  }
  addInitContainers(reqs, spec, 'requests');
  if (spec.overhead) addResourceList(reqs, resourceList(spec.overhead));

  const limits: ResourceList = new Map();
  for (const c of spec.containers ?? []) addResourceList(limits, resourceList(c.resources?.limits));
  addInitContainers(limits, spec, 'limits');
  if (spec.overhead) {
    for (const [k, q] of resourceList(spec.overhead)) {
      const v = limits.get(k);
      if (v && !isZero(v)) limits.set(k, addQuantity(v, q));
    }
  }
  return { reqs, limits };
}

/** Init containers as resourcehelper counts them: a restartable (sidecar) one adds to the total
 *  and runs beside the init containers after it; the largest init step is a floor. */
function addInitContainers(total: ResourceList, spec: any, field: 'requests' | 'limits'): void {
  const restartable: ResourceList = new Map();
  const init: ResourceList = new Map();
  for (const c of spec.initContainers ?? []) {
    let step = resourceList(c.resources?.[field]);
    if (c.restartPolicy === 'Always') {
      addResourceList(total, step);
      addResourceList(restartable, step);
      step = restartable;
    } else {
      const tmp: ResourceList = new Map();
      addResourceList(tmp, step);
      addResourceList(tmp, restartable);
      step = tmp;
    }
    maxResourceList(init, step);
  }
  maxResourceList(total, init);
}

/** int64(float64(a) / float64(b) * 100) as Go computes it on amd64 (NaN and ±Inf become MinInt64). */
function percent(a: bigint, b: bigint): string {
  const f = (Number(a) / Number(b)) * 100;
  if (!Number.isFinite(f)) return '-9223372036854775808';
  return String(Math.trunc(f));
}

const isHugePage = (n: string) => n.startsWith('hugepages-');
const isStandardContainerResource = (n: string) => n === 'cpu' || n === 'memory' || n === 'ephemeral-storage' || isHugePage(n);

function describeNodeResource(pods: KObject[], node: KObject, w: Writer, now: Date): void {
  w.write(LEVEL_0, `Non-terminated Pods:\t(${pods.length} in total)\n`);
  w.write(LEVEL_1, 'Namespace\tName\t\tCPU Requests\tCPU Limits\tMemory Requests\tMemory Limits\tAge\n');
  w.write(LEVEL_1, '---------\t----\t\t------------\t----------\t---------------\t-------------\t---\n');
  const alloc = Object.keys(node.status?.allocatable ?? {}).length ? resourceList(node.status.allocatable) : resourceList(node.status?.capacity);
  const allocCpu = quantityMilliValue(resourceOf(alloc, 'cpu'));
  const allocMem = quantityValue(resourceOf(alloc, 'memory'));
  for (const pod of pods) {
    const { reqs, limits } = podRequestsAndLimits(pod);
    const cpuReq = resourceOf(reqs, 'cpu'), cpuLim = resourceOf(limits, 'cpu');
    const memReq = resourceOf(reqs, 'memory'), memLim = resourceOf(limits, 'memory');
    w.write(LEVEL_1, `${pod.metadata.namespace ?? ''}\t${pod.metadata.name}\t\t` +
      `${str(reqs, 'cpu')} (${percent(quantityMilliValue(cpuReq), allocCpu)}%)\t` +
      `${str(limits, 'cpu')} (${percent(quantityMilliValue(cpuLim), allocCpu)}%)\t` +
      `${str(reqs, 'memory')} (${percent(quantityValue(memReq), allocMem)}%)\t` +
      `${str(limits, 'memory')} (${percent(quantityValue(memLim), allocMem)}%)\t` +
      `${translateTimestampSince(pod.metadata.creationTimestamp, now)}\n`);
  }
  w.write(LEVEL_0, 'Allocated resources:\n  (Total limits may be over 100 percent, i.e., overcommitted.)\n');
  w.write(LEVEL_1, 'Resource\tRequests\tLimits\n');
  w.write(LEVEL_1, '--------\t--------\t------\n');
  const reqs: ResourceList = new Map();
  const limits: ResourceList = new Map();
  for (const pod of pods) {
    const r = podRequestsAndLimits(pod);
    addResourceList(reqs, r.reqs);
    addResourceList(limits, r.limits);
  }
  const frac = (a: bigint, b: bigint) => (b !== 0n ? percent(a, b) : '0');
  const allocEph = quantityValue(resourceOf(alloc, 'ephemeral-storage'));
  w.write(LEVEL_1, `cpu\t${str(reqs, 'cpu')} (${frac(quantityMilliValue(resourceOf(reqs, 'cpu')), allocCpu)}%)\t${str(limits, 'cpu')} (${frac(quantityMilliValue(resourceOf(limits, 'cpu')), allocCpu)}%)\n`);
  w.write(LEVEL_1, `memory\t${str(reqs, 'memory')} (${frac(quantityValue(resourceOf(reqs, 'memory')), allocMem)}%)\t${str(limits, 'memory')} (${frac(quantityValue(resourceOf(limits, 'memory')), allocMem)}%)\n`);
  w.write(LEVEL_1, `ephemeral-storage\t${str(reqs, 'ephemeral-storage')} (${frac(quantityValue(resourceOf(reqs, 'ephemeral-storage')), allocEph)}%)\t${str(limits, 'ephemeral-storage')} (${frac(quantityValue(resourceOf(limits, 'ephemeral-storage')), allocEph)}%)\n`);
  const hugePages: string[] = [];
  const ext: string[] = [];
  for (const name of alloc.keys()) {
    if (isHugePage(name)) hugePages.push(name);
    else if (!isStandardContainerResource(name) && name !== 'pods') ext.push(name);
  }
  for (const name of sortStrings(hugePages)) {
    const a = quantityValue(alloc.get(name)!);
    w.write(LEVEL_1, `${name}\t${str(reqs, name)} (${frac(quantityValue(resourceOf(reqs, name)), a)}%)\t${str(limits, name)} (${frac(quantityValue(resourceOf(limits, name)), a)}%)\n`);
  }
  for (const name of sortStrings(ext)) w.write(LEVEL_1, `${name}\t${str(reqs, name)}\t${str(limits, name)}\n`);
}

/** String() of a resource of a list ("0" when absent). */
function str(list: ResourceList, name: string): string {
  const q: Quantity | undefined = list.get(name);
  return q ? quantityString(q) : '0';
}

export function describeNode(node: KObject, ctx: DescribeContext): string {
  const spec = node.spec ?? {};
  const st = node.status ?? {};
  const name = node.metadata.name;
  const pods = ctx.reader.list('Pod', undefined).filter((p) => p.spec?.nodeName === name && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed');
  let events: KObject[] | null = null;
  if (ctx.showEvents) {
    // the events of the node by its uid (controllers), then by its name as uid (kubelet)
    const ref = { name, namespace: '', kind: node.kind, uid: node.metadata.uid };
    events = [...searchEvents(ctx.reader, ref), ...searchEvents(ctx.reader, { ...ref, uid: name })];
  }
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${name}\n`);
    const roles = nodeRoles(node);
    w.write(LEVEL_0, `Roles:\t${roles.length ? roles.join(',') : '<none>'}\n`);
    printLabelsMultiline(w, 'Labels', node.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', node.metadata.annotations);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(node.metadata.creationTimestamp)}\n`);
    printTaintsMultiline(w, 'Taints', spec.taints);
    w.write(LEVEL_0, `Unschedulable:\t${spec.unschedulable === true}\n`);
    describeNodeLease(node, ctx, w);
    const conds: any[] = st.conditions ?? [];
    if (conds.length) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tLastHeartbeatTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conds) {
        w.write(LEVEL_1, `${c.type ?? ''} \t${c.status ?? ''} \t${rfc1123z(c.lastHeartbeatTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
      }
    }
    w.write(LEVEL_0, 'Addresses:\n');
    for (const a of st.addresses ?? []) w.write(LEVEL_1, `${a.type ?? ''}:\t${a.address ?? ''}\n`);
    const printResourceList = (list: Record<string, unknown>) => {
      for (const r of sortStrings(Object.keys(list))) w.write(LEVEL_0, `  ${r}:\t${canonical(list[r])}\n`);
    };
    if (Object.keys(st.capacity ?? {}).length) { w.write(LEVEL_0, 'Capacity:\n'); printResourceList(st.capacity); }
    if (Object.keys(st.allocatable ?? {}).length) { w.write(LEVEL_0, 'Allocatable:\n'); printResourceList(st.allocatable); }
    const ni = st.nodeInfo ?? {};
    w.write(LEVEL_0, 'System Info:\n');
    w.write(LEVEL_0, `  Machine ID:\t${ni.machineID ?? ''}\n`);
    w.write(LEVEL_0, `  System UUID:\t${ni.systemUUID ?? ''}\n`);
    w.write(LEVEL_0, `  Boot ID:\t${ni.bootID ?? ''}\n`);
    w.write(LEVEL_0, `  Kernel Version:\t${ni.kernelVersion ?? ''}\n`);
    w.write(LEVEL_0, `  OS Image:\t${ni.osImage ?? ''}\n`);
    w.write(LEVEL_0, `  Operating System:\t${ni.operatingSystem ?? ''}\n`);
    w.write(LEVEL_0, `  Architecture:\t${ni.architecture ?? ''}\n`);
    w.write(LEVEL_0, `  Container Runtime Version:\t${ni.containerRuntimeVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kubelet Version:\t${ni.kubeletVersion ?? ''}\n`);
    w.write(LEVEL_0, `  Kube-Proxy Version:\t${ni.kubeProxyVersion ?? ''}\n`);
    if (spec.podCIDR) w.write(LEVEL_0, `PodCIDR:\t${spec.podCIDR}\n`);
    if (spec.podCIDRs?.length) w.write(LEVEL_0, `PodCIDRs:\t${spec.podCIDRs.join(',')}\n`);
    if (spec.providerID) w.write(LEVEL_0, `ProviderID:\t${spec.providerID}\n`);
    describeNodeResource(pods, node, w, ctx.now);
    if (events) describeEvents(events, w, ctx.now);
  });
}

/** The node's Lease in kube-node-lease (kept by its kubelet), or kubectl's message when there is none. */
function describeNodeLease(node: KObject, ctx: DescribeContext, w: Writer): void {
  const lease = ctx.reader.get('Lease', 'kube-node-lease', node.metadata.name);
  if (!lease) {
    w.write(LEVEL_0, `Lease:\tFailed to get lease: leases.coordination.k8s.io "${node.metadata.name}" not found\n`);
    return;
  }
  const spec = lease.spec ?? {};
  w.write(LEVEL_0, 'Lease:\n');
  w.write(LEVEL_1, `HolderIdentity:\t${spec.holderIdentity ?? '<unset>'}\n`);
  w.write(LEVEL_1, `AcquireTime:\t${spec.acquireTime ? rfc1123z(spec.acquireTime) : '<unset>'}\n`);
  w.write(LEVEL_1, `RenewTime:\t${spec.renewTime ? rfc1123z(spec.renewTime) : '<unset>'}\n`);
}
