// Tables of the core (v1) kinds, as pkg/printers/internalversion/printers.go (1.32) builds them
// with Wide: true (the API server always does).
import { KObject } from '../../api/types';
import { translateTimestampSince, parseTimestamp, humanDuration } from '../duration';
import { Column, RowFn, cols, age, formatLabels, containerCells, joinHostPort, int, quantityString, byteCompare } from './common';

// ---------------------------------------------------------------------------------------------
// Pod

export const podColumns = cols('=Name', 'Ready', 'Status', 'Restarts', 'Age', 'IP*', 'Node*', 'Nominated Node*', 'Readiness Gates*');

const isRestartable = (c: any) => c?.restartPolicy === 'Always';

export const podRow: RowFn = (pod, now) => {
  const spec = pod.spec || {}, status = pod.status || {};
  let restarts = 0;
  let restartableInitRestarts = 0;
  let totalContainers = (spec.containers || []).length;
  let readyContainers = 0;
  let lastRestart: number | undefined; // ms; undefined = zero time
  let lastRestartableInitRestart: number | undefined;
  const later = (cur: number | undefined, ts: string | undefined) => {
    const t = parseTimestamp(ts);
    if (t === undefined) return cur;
    return cur === undefined || cur < t ? t : cur;
  };

  const phase: string = status.phase || '';
  let reason: string = phase;
  if (status.reason) reason = status.reason;
  for (const c of status.conditions || []) {
    if (c.type === 'PodScheduled' && c.reason === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initSpecs = new Map<string, any>();
  for (const c of spec.initContainers || []) {
    initSpecs.set(c.name, c);
    if (isRestartable(c)) totalContainers++;
  }

  let initializing = false;
  const initStatuses: any[] = status.initContainerStatuses || [];
  for (let i = 0; i < initStatuses.length; i++) {
    const cs = initStatuses[i];
    const st = cs.state || {};
    restarts += cs.restartCount || 0;
    if (cs.lastState?.terminated) lastRestart = later(lastRestart, cs.lastState.terminated.finishedAt);
    const restartable = isRestartable(initSpecs.get(cs.name));
    if (restartable) {
      restartableInitRestarts += cs.restartCount || 0;
      if (cs.lastState?.terminated) lastRestartableInitRestart = later(lastRestartableInitRestart, cs.lastState.terminated.finishedAt);
    }
    if (st.terminated && (st.terminated.exitCode || 0) === 0) continue;
    if (restartable && cs.started === true) {
      if (cs.ready) readyContainers++;
      continue;
    }
    if (st.terminated) {
      const t = st.terminated;
      if (!t.reason) reason = t.signal ? `Init:Signal:${t.signal}` : `Init:ExitCode:${t.exitCode || 0}`;
      else reason = 'Init:' + t.reason;
    } else if (st.waiting && st.waiting.reason && st.waiting.reason !== 'PodInitializing') {
      reason = 'Init:' + st.waiting.reason;
    } else {
      reason = `Init:${i}/${(spec.initContainers || []).length}`;
    }
    initializing = true;
    break;
  }

  const initializedTrue = (() => {
    for (const c of status.conditions || []) if (c.type === 'Initialized') return c.status === 'True';
    return false;
  })();
  if (!initializing || initializedTrue) {
    restarts = restartableInitRestarts;
    lastRestart = lastRestartableInitRestart;
    let hasRunning = false;
    const statuses: any[] = status.containerStatuses || [];
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      const st = cs.state || {};
      restarts += cs.restartCount || 0;
      if (cs.lastState?.terminated) lastRestart = later(lastRestart, cs.lastState.terminated.finishedAt);
      if (st.waiting && st.waiting.reason) reason = st.waiting.reason;
      else if (st.terminated && st.terminated.reason) reason = st.terminated.reason;
      else if (st.terminated) reason = st.terminated.signal ? `Signal:${st.terminated.signal}` : `ExitCode:${st.terminated.exitCode || 0}`;
      else if (cs.ready && st.running) { hasRunning = true; readyContainers++; }
    }
    if (reason === 'Completed' && hasRunning) {
      const ready = (status.conditions || []).some((c: any) => c.type === 'Ready' && c.status === 'True');
      reason = ready ? 'Running' : 'NotReady';
    }
  }

  if (pod.metadata.deletionTimestamp && status.reason === 'NodeLost') reason = 'Unknown';
  else if (pod.metadata.deletionTimestamp && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  let restartsStr = String(restarts);
  if (restarts !== 0 && lastRestart !== undefined) restartsStr = `${restarts} (${humanDuration(now.getTime() - lastRestart)} ago)`;

  let podIP = status.podIPs?.[0]?.ip || '';
  if (!podIP && !status.podIPs?.length) podIP = status.podIP || '';
  let readinessGates = '<none>';
  const gates: any[] = spec.readinessGates || [];
  if (gates.length) {
    let trueConds = 0;
    for (const g of gates) {
      for (const c of status.conditions || []) {
        if (c.type === g.conditionType) { if (c.status === 'True') trueConds++; break; }
      }
    }
    readinessGates = `${trueConds}/${gates.length}`;
  }
  return [pod.metadata.name, `${readyContainers}/${totalContainers}`, reason, restartsStr, age(pod, now),
    podIP || '<none>', spec.nodeName || '<none>', status.nominatedNodeName || '<none>', readinessGates];
};

// ---------------------------------------------------------------------------------------------
// PodTemplate

export const podTemplateColumns = cols('=Name', 'Containers', 'Images', 'Pod Labels');
export const podTemplateRow: RowFn = (o) => {
  const [names, images] = containerCells(o.template?.spec?.containers);
  return [o.metadata.name, names, images, formatLabels(o.template?.metadata?.labels)];
};

// ---------------------------------------------------------------------------------------------
// ReplicationController

export const rcColumns = cols('=Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers*', 'Images*', 'Selector*');
export const rcRow: RowFn = (o, now) => {
  const [names, images] = containerCells(o.spec?.template?.spec?.containers);
  return [o.metadata.name, int(o.spec?.replicas ?? 1), int(o.status?.replicas), int(o.status?.readyReplicas), age(o, now),
    names, images, formatLabels(o.spec?.selector)];
};

// ---------------------------------------------------------------------------------------------
// Service

export const serviceColumns = cols('=Name', 'Type', 'Cluster-IP', 'External-IP', 'Port(s)', 'Age', 'Selector*');

function lbIngressString(ingress: any[] | undefined): string {
  const set = new Set<string>();
  for (const i of ingress || []) {
    if (i.ip) set.add(i.ip);
    else if (i.hostname) set.add(i.hostname);
  }
  return [...set].sort(byteCompare).join(',');
}

function serviceExternalIP(svc: KObject): string {
  const spec = svc.spec || {};
  const ext: string[] = spec.externalIPs || [];
  switch (spec.type || 'ClusterIP') {
    case 'ClusterIP':
    case 'NodePort':
      return ext.length ? ext.join(',') : '<none>';
    case 'LoadBalancer': {
      const lb = lbIngressString(svc.status?.loadBalancer?.ingress);
      if (ext.length) return [...(lb ? lb.split(',') : []), ...ext].join(',');
      return lb || '<pending>';
    }
    case 'ExternalName':
      return spec.externalName || '';
  }
  return '<unknown>';
}

export function servicePorts(ports: any[] | undefined): string {
  return (ports || []).map((p) => {
    const proto = p.protocol || 'TCP';
    return p.nodePort > 0 ? `${p.port}:${p.nodePort}/${proto}` : `${p.port}/${proto}`;
  }).join(',');
}

export const serviceRow: RowFn = (svc, now) => {
  const spec = svc.spec || {};
  let clusterIP = '<none>';
  if (spec.clusterIPs?.length) clusterIP = spec.clusterIPs[0];
  else if (!spec.clusterIPs && spec.clusterIP) clusterIP = spec.clusterIP;
  const ports = servicePorts(spec.ports) || '<none>';
  return [svc.metadata.name, spec.type || 'ClusterIP', clusterIP, serviceExternalIP(svc), ports, age(svc, now), formatLabels(spec.selector)];
};

// ---------------------------------------------------------------------------------------------
// Endpoints

export const endpointsColumns = cols('=Name', 'Endpoints', 'Age');

/** formatEndpoints(endpoints, nil) */
export function formatEndpoints(ep: KObject): string {
  const subsets: any[] = ep.subsets || [];
  if (!subsets.length) return '<none>';
  const list: string[] = [];
  const max = 3;
  let more = false;
  let count = 0;
  for (const ss of subsets) {
    const addrs: any[] = ss.addresses || [];
    const ports: any[] = ss.ports || [];
    if (!ports.length) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) { more = true; break; }
        list.push(a.ip);
      }
      continue;
    }
    for (const p of ports) {
      count += addrs.length;
      for (const a of addrs) {
        if (list.length === max) { more = true; break; }
        list.push(joinHostPort(a.ip, p.port ?? 0));
      }
    }
  }
  const ret = list.join(',');
  return more ? `${ret} + ${count - max} more...` : ret;
}

export const endpointsRow: RowFn = (o, now) => [o.metadata.name, formatEndpoints(o), age(o, now)];

// ---------------------------------------------------------------------------------------------
// Node

export const nodeColumns = cols('=Name', 'Status', 'Roles', 'Age', 'Version', 'Internal-IP*', 'External-IP*', 'OS-Image*', 'Kernel-Version*', 'Container-Runtime*');

export function nodeRoles(labels: Record<string, string> | undefined): string[] {
  const roles = new Set<string>();
  for (const k in labels || {}) {
    const v = labels![k];
    if (k.startsWith('node-role.kubernetes.io/')) {
      const role = k.slice('node-role.kubernetes.io/'.length);
      if (role) roles.add(role);
    } else if (k === 'kubernetes.io/role' && v !== '') roles.add(v);
  }
  return [...roles].sort(byteCompare);
}

export function nodeStatus(node: KObject): string {
  const status: string[] = [];
  let ready: any;
  for (const c of node.status?.conditions || []) if (c.type === 'Ready') ready = c; // last one wins (map)
  if (ready) status.push(ready.status === 'True' ? 'Ready' : 'NotReady');
  if (!status.length) status.push('Unknown');
  if (node.spec?.unschedulable) status.push('SchedulingDisabled');
  return status.join(',');
}

const nodeAddress = (node: KObject, type: string) => {
  for (const a of node.status?.addresses || []) if (a.type === type) return a.address;
  return '<none>';
};

export const nodeRow: RowFn = (node, now) => {
  const info = node.status?.nodeInfo || {};
  return [node.metadata.name, nodeStatus(node), nodeRoles(node.metadata.labels).join(',') || '<none>', age(node, now), info.kubeletVersion || '',
    nodeAddress(node, 'InternalIP'), nodeAddress(node, 'ExternalIP'), info.osImage || '<unknown>', info.kernelVersion || '<unknown>',
    info.containerRuntimeVersion || '<unknown>'];
};

// ---------------------------------------------------------------------------------------------
// Event

export const eventColumns = cols('Last Seen', 'Type', 'Reason', 'Object', 'Subobject*', 'Source*', 'Message', 'First Seen*', 'Count*', '=Name*');

export function eventSource(ev: KObject): string {
  const component = ev.source?.component || ev.reportingComponent || '';
  const host = ev.source?.host || ev.reportingInstance || '';
  return host ? `${component}, ${host}` : component;
}

export const eventRow: RowFn = (ev, now) => {
  let first = translateTimestampSince(ev.firstTimestamp, now);
  if (parseTimestamp(ev.firstTimestamp) === undefined) first = translateTimestampSince(ev.eventTime, now);
  let last = translateTimestampSince(ev.lastTimestamp, now);
  if (parseTimestamp(ev.lastTimestamp) === undefined) last = first;
  let count: number = ev.count || 0;
  if (ev.series) {
    last = translateTimestampSince(ev.series.lastObservedTime, now);
    count = ev.series.count || 0;
  } else if (count === 0) count = 1;
  const io = ev.involvedObject || {};
  const target = io.name ? `${String(io.kind || '').toLowerCase()}/${io.name}` : String(io.kind || '').toLowerCase();
  return [last, ev.type || '', ev.reason || '', target, io.fieldPath || '', eventSource(ev), String(ev.message || '').trim(), first, String(count), ev.metadata.name];
};

// ---------------------------------------------------------------------------------------------
// Namespace, Secret, ConfigMap, ServiceAccount

export const namespaceColumns = cols('=Name', 'Status', 'Age');
export const namespaceRow: RowFn = (o, now) => [o.metadata.name, o.status?.phase || '', age(o, now)];

export const secretColumns = cols('=Name', 'Type', 'Data', 'Age');
// (the API server merges stringData into data on write; count both in case a stored object kept it)
export const secretRow: RowFn = (o, now) => [o.metadata.name, o.type ?? 'Opaque', String(new Set([...Object.keys(o.data || {}), ...Object.keys(o.stringData || {})]).size), age(o, now)];

export const configMapColumns = cols('=Name', 'Data', 'Age');
export const configMapRow: RowFn = (o, now) => [o.metadata.name, String(Object.keys(o.data || {}).length + Object.keys(o.binaryData || {}).length), age(o, now)];

export const serviceAccountColumns = cols('=Name', 'Secrets', 'Age');
export const serviceAccountRow: RowFn = (o, now) => [o.metadata.name, String((o.secrets || []).length), age(o, now)];

// ---------------------------------------------------------------------------------------------
// PersistentVolume, PersistentVolumeClaim

/** helper.GetAccessModesAsString */
export function accessModes(modes: string[] | undefined): string {
  const m = new Set(modes || []);
  const out: string[] = [];
  if (m.has('ReadWriteOnce')) out.push('RWO');
  if (m.has('ReadOnlyMany')) out.push('ROX');
  if (m.has('ReadWriteMany')) out.push('RWX');
  if (m.has('ReadWriteOncePod')) out.push('RWOP');
  return out.join(',');
}

const BETA_SC = 'volume.beta.kubernetes.io/storage-class';

export const pvColumns = cols('=Name', 'Capacity', 'Access Modes', 'Reclaim Policy', 'Status', 'Claim', 'StorageClass', 'VolumeAttributesClass', 'Reason', 'Age', 'VolumeMode*');
export const pvRow: RowFn = (o, now) => {
  const spec = o.spec || {};
  const claim = spec.claimRef ? `${spec.claimRef.namespace || ''}/${spec.claimRef.name || ''}` : '';
  const phase = o.metadata.deletionTimestamp ? 'Terminating' : o.status?.phase || '';
  const ann = o.metadata.annotations || {};
  const sc = BETA_SC in ann ? ann[BETA_SC] : spec.storageClassName || '';
  return [o.metadata.name, quantityString(spec.capacity?.storage), accessModes(spec.accessModes), spec.persistentVolumeReclaimPolicy || '',
    phase, claim, sc, spec.volumeAttributesClassName ?? '<unset>', o.status?.reason || '', age(o, now), spec.volumeMode ?? '<unset>'];
};

export const pvcColumns = cols('=Name', 'Status', 'Volume', 'Capacity', 'Access Modes', 'StorageClass', 'VolumeAttributesClass', 'Age', 'VolumeMode*');
export const pvcRow: RowFn = (o, now) => {
  const spec = o.spec || {};
  const phase = o.metadata.deletionTimestamp ? 'Terminating' : o.status?.phase || '';
  let capacity = '', modes = '';
  if (spec.volumeName) {
    modes = accessModes(o.status?.accessModes);
    capacity = quantityString(o.status?.capacity?.storage);
  }
  const ann = o.metadata.annotations || {};
  const sc = BETA_SC in ann ? ann[BETA_SC] : spec.storageClassName ?? '';
  return [o.metadata.name, phase, spec.volumeName || '', capacity, modes, sc, spec.volumeAttributesClassName ?? '<unset>', age(o, now), spec.volumeMode ?? '<unset>'];
};

// ---------------------------------------------------------------------------------------------
// ComponentStatus, ResourceQuota

export const componentStatusColumns = cols('=Name', 'Status', 'Message', 'Error');
export const componentStatusRow: RowFn = (o) => {
  let status = 'Unknown', message = '', error = '';
  for (const c of o.conditions || []) {
    if (c.type === 'Healthy') {
      status = c.status === 'True' ? 'Healthy' : 'Unhealthy';
      message = c.message || '';
      error = c.error || '';
      break;
    }
  }
  return [o.metadata.name, status, message, error];
};

// printers.go (1.32): Name, Age, Request, Limit
export const resourceQuotaColumns = cols('=Name', 'Age', 'Request', 'Limit');
export const resourceQuotaRow: RowFn = (o, now) => {
  const hard = o.status?.hard || {}, used = o.status?.used || {};
  const req: string[] = [], lim: string[] = [];
  for (const r of Object.keys(hard).sort(byteCompare)) {
    const pieces = r.split('.');
    (pieces.length > 1 && pieces[0] === 'limits' ? lim : req).push(`${r}: ${quantityString(used[r])}/${quantityString(hard[r])}`);
  }
  return [o.metadata.name, age(o, now), req.join(', '), lim.join(', ')];
};

export type { Column };
