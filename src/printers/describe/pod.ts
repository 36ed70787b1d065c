// Pod, its containers and volumes, the pod template of the workload kinds, and PVCs.
import type { KObject } from '../../api/types';
import { accessModes } from '../table/core';
import { translateTimestampSince } from '../duration';
import {
  Writer, NestedPrefixWriter, DescribeContext, tabbedString, LEVEL_0, LEVEL_1, LEVEL_2, LEVEL_3,
  rfc1123z, printLabelsMultiline, printAnnotationsMultiline, printTolerationsMultiline,
  printController, stringOrNone, goSlice, intOrString, formatLabelSelector, stableSort, sortStrings,
} from './writer';
import { writeEvents, refOf } from './events';
import { goSort } from '../gosort';
import { parseQuantity, quantityString, quantityValue, quantityMilliValue, cmpQuantity, addQuantity, canonical, Quantity, zeroQuantity } from './quantity';

type EnvResolver = ((e: any) => string) | null;

export function describePod(pod: KObject, ctx: DescribeContext): string {
  const spec = pod.spec ?? {};
  const status = pod.status ?? {};
  const md = pod.metadata;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${md.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${md.namespace ?? ''}\n`);
    if (spec.priority !== undefined && spec.priority !== null) w.write(LEVEL_0, `Priority:\t${spec.priority}\n`);
    if (spec.priorityClassName) w.write(LEVEL_0, `Priority Class Name:\t${spec.priorityClassName}\n`);
    if (spec.runtimeClassName) w.write(LEVEL_0, `Runtime Class Name:\t${spec.runtimeClassName}\n`);
    if (spec.serviceAccountName) w.write(LEVEL_0, `Service Account:\t${spec.serviceAccountName}\n`);
    if (!spec.nodeName) w.write(LEVEL_0, 'Node:\t<none>\n');
    else w.write(LEVEL_0, `Node:\t${spec.nodeName}/${status.hostIP ?? ''}\n`);
    if (status.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(status.startTime)}\n`);
    printLabelsMultiline(w, 'Labels', md.labels);
    printAnnotationsMultiline(w, 'Annotations', md.annotations);
    if (md.deletionTimestamp && status.phase !== 'Failed' && status.phase !== 'Succeeded') {
      w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(md.deletionTimestamp, ctx.now)})\n`);
      w.write(LEVEL_0, `Termination Grace Period:\t${md.deletionGracePeriodSeconds ?? 0}s\n`);
    } else {
      w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
    }
    if (status.reason) w.write(LEVEL_0, `Reason:\t${status.reason}\n`);
    if (status.message) w.write(LEVEL_0, `Message:\t${status.message}\n`);
    const seccomp = spec.securityContext?.seccompProfile;
    if (seccomp) {
      w.write(LEVEL_0, `SeccompProfile:\t${seccomp.type ?? ''}\n`);
      if (seccomp.type === 'Localhost') w.write(LEVEL_0, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
    }
    w.write(LEVEL_0, `IP:\t${status.podIP ?? ''}\n`);
    describePodIPs(pod, w, '');
    const controlledBy = printController(pod);
    if (controlledBy) w.write(LEVEL_0, `Controlled By:\t${controlledBy}\n`);
    if (status.nominatedNodeName) w.write(LEVEL_0, `NominatedNodeName:\t${status.nominatedNodeName}\n`);
    if (spec.resources !== undefined && spec.resources !== null) {
      w.write(LEVEL_0, 'Resources:\n');
      describeResources(spec.resources, w, LEVEL_1);
    }
    const resolver = envValueRetriever(pod);
    if (spec.initContainers?.length) describeContainers('Init Containers', spec.initContainers, status.initContainerStatuses, resolver, w, '');
    describeContainers('Containers', spec.containers ?? [], status.containerStatuses, resolver, w, '');
    if (spec.ephemeralContainers?.length) describeContainers('Ephemeral Containers', spec.ephemeralContainers, status.ephemeralContainerStatuses, resolver, w, '');
    if (spec.readinessGates?.length) {
      w.write(LEVEL_0, 'Readiness Gates:\n  Type\tStatus\n');
      for (const g of spec.readinessGates) {
        const c = (status.conditions ?? []).find((x: any) => x.type === g.conditionType);
        w.write(LEVEL_1, `${g.conditionType ?? ''} \t${c ? c.status ?? '' : '<none>'} \n`);
      }
    }
    if (status.conditions?.length) {
      w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\n');
      for (const c of status.conditions) w.write(LEVEL_1, `${c.type ?? ''} \t${c.status ?? ''} \n`);
    }
    describeVolumes(spec.volumes, w, '');
    w.write(LEVEL_0, `QoS Class:\t${podQOS(pod)}\n`);
    printLabelsMultiline(w, 'Node-Selectors', spec.nodeSelector);
    printTolerationsMultiline(w, 'Tolerations', spec.tolerations);
    describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '');
    let ref = refOf(pod);
    ref = { ...ref, kind: '' };
    const mirror = md.annotations?.['kubernetes.io/config.mirror'];
    if (mirror !== undefined) ref.uid = mirror;
    writeEvents(w, ctx.reader, ref, ctx.showEvents, ctx.now);
  });
}

function describePodIPs(pod: KObject, w: Writer, space: string): void {
  const ips: any[] = pod.status?.podIPs ?? [];
  if (!ips.length) { w.write(LEVEL_0, `${space}IPs:\t<none>\n`); return; }
  w.write(LEVEL_0, `${space}IPs:\n`);
  for (const ip of ips) w.write(LEVEL_1, `IP:\t${ip.ip ?? ''}\n`);
}

function describeTopologySpreadConstraints(tscs: any[] | undefined, w: Writer, space: string): void {
  if (!tscs?.length) return;
  const sorted = goSort(tscs, (a, b) => (a.topologyKey ?? '') < (b.topologyKey ?? ''));
  w.write(LEVEL_0, `${space}Topology Spread Constraints:\t`);
  sorted.forEach((t, i) => {
    if (i !== 0) { w.write(LEVEL_0, space); w.write(LEVEL_0, '\t'); }
    let s = `${t.topologyKey ?? ''}:${t.whenUnsatisfiable ?? ''} when max skew ${t.maxSkew ?? 0} is exceeded`;
    if (t.labelSelector) s += ` for selector ${formatLabelSelector(t.labelSelector)}`;
    w.write(LEVEL_0, s + '\n');
  });
}

// ---------------------------------------------------------------------------------------------
// Containers

export function describeContainers(label: string, containers: any[], statuses: any[] | undefined, resolver: EnvResolver, w: Writer, space: string): void {
  const byName = new Map<string, any>();
  for (const s of statuses ?? []) byName.set(s.name, s);
  w.write(LEVEL_0, `${space}${label}:${containers.length ? '' : ' <none>'}\n`);
  for (const c of containers) {
    const status = byName.get(c.name);
    describeContainerBasicInfo(c, status, space, w);
    describeContainerCommand(c, w);
    if (status) describeContainerState(status, w);
    describeResources(c.resources, w, LEVEL_2);
    describeContainerProbe(c, w);
    if (c.envFrom?.length) describeContainerEnvFrom(c, w);
    describeContainerEnvVars(c, resolver, w);
    describeContainerVolumes(c, w);
  }
}

function describeContainerBasicInfo(c: any, status: any, space: string, w: Writer): void {
  const nameIndent = space ? ' ' : '';
  w.write(LEVEL_1, `${nameIndent}${c.name}:\n`);
  if (status) w.write(LEVEL_2, `Container ID:\t${status.containerID ?? ''}\n`);
  w.write(LEVEL_2, `Image:\t${c.image ?? ''}\n`);
  if (status) w.write(LEVEL_2, `Image ID:\t${status.imageID ?? ''}\n`);
  const ports: any[] = c.ports ?? [];
  const portString = ports.map((p) => `${p.containerPort ?? 0}/${p.protocol ?? ''}`).join(', ');
  if (portString.includes(',')) w.write(LEVEL_2, `Ports:\t${portString}\n`);
  else w.write(LEVEL_2, `Port:\t${stringOrNone(portString)}\n`);
  const hostPortString = ports.map((p) => `${p.hostPort ?? 0}/${p.protocol ?? ''}`).join(', ');
  if (hostPortString.includes(',')) w.write(LEVEL_2, `Host Ports:\t${hostPortString}\n`);
  else w.write(LEVEL_2, `Host Port:\t${stringOrNone(hostPortString)}\n`);
  const seccomp = c.securityContext?.seccompProfile;
  if (seccomp) {
    w.write(LEVEL_2, `SeccompProfile:\t${seccomp.type ?? ''}\n`);
    if (seccomp.type === 'Localhost') w.write(LEVEL_3, `LocalhostProfile:\t${seccomp.localhostProfile ?? ''}\n`);
  }
}

function describeContainerCommand(c: any, w: Writer): void {
  if (c.command?.length) {
    w.write(LEVEL_2, 'Command:\n');
    for (const x of c.command) for (const s of String(x).split('\n')) w.write(LEVEL_3, `${s}\n`);
  }
  if (c.args?.length) {
    w.write(LEVEL_2, 'Args:\n');
    for (const x of c.args) for (const s of String(x).split('\n')) w.write(LEVEL_3, `${s}\n`);
  }
}

/** describeResources: Limits and Requests, resources sorted by name. */
export function describeResources(res: any, w: Writer, level: number): void {
  if (!res) return;
  const limits = res.limits ?? {};
  const requests = res.requests ?? {};
  if (Object.keys(limits).length) w.write(level, 'Limits:\n');
  for (const name of sortStrings(Object.keys(limits))) w.write(level + 1, `${name}:\t${canonical(limits[name])}\n`);
  if (Object.keys(requests).length) w.write(level, 'Requests:\n');
  for (const name of sortStrings(Object.keys(requests))) w.write(level + 1, `${name}:\t${canonical(requests[name])}\n`);
}

function describeContainerState(status: any, w: Writer): void {
  describeStatus('State', status.state ?? {}, w);
  if (status.lastState?.terminated) describeStatus('Last State', status.lastState, w);
  w.write(LEVEL_2, `Ready:\t${status.ready ? 'True' : 'False'}\n`);
  w.write(LEVEL_2, `Restart Count:\t${status.restartCount ?? 0}\n`);
}

function describeStatus(name: string, state: any, w: Writer): void {
  if (state.running) {
    w.write(LEVEL_2, `${name}:\tRunning\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(state.running.startedAt)}\n`);
  } else if (state.waiting) {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
    if (state.waiting.reason) w.write(LEVEL_3, `Reason:\t${state.waiting.reason}\n`);
  } else if (state.terminated) {
    const t = state.terminated;
    w.write(LEVEL_2, `${name}:\tTerminated\n`);
    if (t.reason) w.write(LEVEL_3, `Reason:\t${t.reason}\n`);
    if (t.message) w.write(LEVEL_3, `Message:\t${t.message}\n`);
    w.write(LEVEL_3, `Exit Code:\t${t.exitCode ?? 0}\n`);
    if ((t.signal ?? 0) > 0) w.write(LEVEL_3, `Signal:\t${t.signal}\n`);
    w.write(LEVEL_3, `Started:\t${rfc1123z(t.startedAt)}\n`);
    w.write(LEVEL_3, `Finished:\t${rfc1123z(t.finishedAt)}\n`);
  } else {
    w.write(LEVEL_2, `${name}:\tWaiting\n`);
  }
}

function describeContainerProbe(c: any, w: Writer): void {
  if (c.livenessProbe) w.write(LEVEL_2, `Liveness:\t${describeProbe(c.livenessProbe)}\n`);
  if (c.readinessProbe) w.write(LEVEL_2, `Readiness:\t${describeProbe(c.readinessProbe)}\n`);
  if (c.startupProbe) w.write(LEVEL_2, `Startup:\t${describeProbe(c.startupProbe)}\n`);
}

/** net.JoinHostPort */
function joinHostPort(host: string, port: string): string {
  return host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;
}

/** url.PathEscape-like escaping of url.URL.EscapedPath (encodePath mode). */
function escapePath(p: string): string {
  if (/^[A-Za-z0-9\-_.~$&+,/:;=@]*$/.test(p)) return p;
  let out = '';
  for (const b of Buffer.from(p, 'utf8')) {
    const c = String.fromCharCode(b);
    out += /[A-Za-z0-9\-_.~$&+,/:;=@]/.test(c) ? c : '%' + b.toString(16).toUpperCase().padStart(2, '0');
  }
  return out;
}

/** DescribeProbe. */
export function describeProbe(p: any): string {
  const attrs = `delay=${p.initialDelaySeconds ?? 0}s timeout=${p.timeoutSeconds ?? 0}s period=${p.periodSeconds ?? 0}s #success=${p.successThreshold ?? 0} #failure=${p.failureThreshold ?? 0}`;
  if (p.exec) return `exec ${goSlice(p.exec.command)} ${attrs}`;
  if (p.httpGet) {
    const h = p.httpGet;
    const scheme = String(h.scheme ?? '').toLowerCase();
    const port = h.port === undefined || h.port === null ? '' : String(h.port);
    const host = port.length ? joinHostPort(h.host ?? '', port) : (h.host ?? '');
    let path = String(h.path ?? '');
    // url.URL.String()
    let u = scheme ? scheme + ':' : '';
    if (scheme || host) {
      if (host || path) u += '//';
      u += host;
    }
    if (path && path[0] !== '/' && host) path = '/' + path;
    u += path === '*' ? '*' : escapePath(path);
    return `http-get ${u} ${attrs}`;
  }
  if (p.tcpSocket) return `tcp-socket ${p.tcpSocket.host ?? ''}:${intOrString(p.tcpSocket.port ?? '')} ${attrs}`;
  if (p.grpc) return `grpc <pod>:${p.grpc.port ?? 0} ${p.grpc.service ?? ''} ${attrs}`;
  return `unknown ${attrs}`;
}

function describeContainerEnvFrom(c: any, w: Writer): void {
  w.write(LEVEL_2, `Environment Variables from:${c.envFrom.length ? '' : '\t<none>'}\n`);
  for (const e of c.envFrom) {
    let from = '', name = '', optional = false;
    if (e.configMapRef) { from = 'ConfigMap'; name = e.configMapRef.name ?? ''; optional = e.configMapRef.optional === true; }
    else if (e.secretRef) { from = 'Secret'; name = e.secretRef.name ?? ''; optional = e.secretRef.optional === true; }
    if (!e.prefix) w.write(LEVEL_3, `${name}\t${from}\tOptional: ${optional}\n`);
    else w.write(LEVEL_3, `${name}\t${from} with prefix '${e.prefix}'\tOptional: ${optional}\n`);
  }
}

function describeContainerEnvVars(c: any, resolver: EnvResolver, w: Writer): void {
  const env: any[] = c.env ?? [];
  w.write(LEVEL_2, `Environment:${env.length ? '' : '\t<none>'}\n`);
  for (const e of env) {
    const vf = e.valueFrom;
    if (!vf) {
      String(e.value ?? '').split('\n').forEach((s, i) => {
        if (i === 0) w.write(LEVEL_3, `${e.name}:\t${s}\n`);
        else w.write(LEVEL_3, `\t${s}\n`);
      });
      continue;
    }
    if (vf.fieldRef) {
      const v = resolver ? resolver(e) : '';
      w.write(LEVEL_3, `${e.name}:\t${v} (${vf.fieldRef.apiVersion ?? ''}:${vf.fieldRef.fieldPath ?? ''})\n`);
    } else if (vf.resourceFieldRef) {
      let v = extractContainerResourceValue(vf.resourceFieldRef, c);
      const r = vf.resourceFieldRef.resource;
      if (v === '0' && (r === 'limits.cpu' || r === 'limits.memory')) v = 'node allocatable';
      w.write(LEVEL_3, `${e.name}:\t${v} (${r ?? ''})\n`);
    } else if (vf.secretKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${vf.secretKeyRef.key ?? ''}' in secret '${vf.secretKeyRef.name ?? ''}'>\tOptional: ${vf.secretKeyRef.optional === true}\n`);
    } else if (vf.configMapKeyRef) {
      w.write(LEVEL_3, `${e.name}:\t<set to the key '${vf.configMapKeyRef.key ?? ''}' of config map '${vf.configMapKeyRef.name ?? ''}'>\tOptional: ${vf.configMapKeyRef.optional === true}\n`);
    }
  }
}

/** EnvValueRetriever: kubectl's scheme converts only metadata.name and metadata.namespace. */
function envValueRetriever(pod: KObject): EnvResolver {
  return (e: any) => {
    const path = e.valueFrom?.fieldRef?.fieldPath;
    if (path === 'metadata.name') return pod.metadata.name;
    if (path === 'metadata.namespace') return pod.metadata.namespace ?? '';
    return '';
  };
}

/** resourcehelper.ExtractContainerResourceValue ('' on error). */
function extractContainerResourceValue(fs: any, c: any): string {
  const div = parseQuantity(fs.divisor);
  const divisor: Quantity = !div || div.mant === 0n ? (parseQuantity('1') as Quantity) : div;
  const get = (list: any, name: string): Quantity => parseQuantity(list?.[name]) ?? zeroQuantity();
  const ceilDiv = (a: bigint, b: bigint): string => {
    if (b === 0n) return a === 0n ? '-9223372036854775808' : '-9223372036854775808';
    return String(Math.ceil(Number(a) / Number(b)));
  };
  const res = c.resources ?? {};
  switch (fs.resource) {
    case 'limits.cpu': return ceilDiv(quantityMilliValue(get(res.limits, 'cpu')), quantityMilliValue(divisor));
    case 'limits.memory': return ceilDiv(quantityValue(get(res.limits, 'memory')), quantityValue(divisor));
    case 'limits.ephemeral-storage': return ceilDiv(quantityValue(get(res.limits, 'ephemeral-storage')), quantityValue(divisor));
    case 'requests.cpu': return ceilDiv(quantityMilliValue(get(res.requests, 'cpu')), quantityMilliValue(divisor));
    case 'requests.memory': return ceilDiv(quantityValue(get(res.requests, 'memory')), quantityValue(divisor));
    case 'requests.ephemeral-storage': return ceilDiv(quantityValue(get(res.requests, 'ephemeral-storage')), quantityValue(divisor));
  }
  const m = /^(requests|limits)\.(hugepages-.*)$/.exec(fs.resource ?? '');
  if (m) return ceilDiv(quantityValue(get(res[m[1]], m[2])), quantityValue(divisor));
  return '';
}

function describeContainerVolumes(c: any, w: Writer): void {
  const mounts: any[] = c.volumeMounts ?? [];
  const none = mounts.length ? '' : '\t<none>';
  w.write(LEVEL_2, `Mounts:${none}\n`);
  const sorted = goSort(mounts, (a, b) => String(a.mountPath ?? '') < String(b.mountPath ?? ''));
  for (const m of sorted) {
    const flags = [m.readOnly ? 'ro' : 'rw'];
    if (m.subPath) flags.push(`path=${JSON.stringify(m.subPath)}`);
    w.write(LEVEL_3, `${m.mountPath ?? ''} from ${m.name ?? ''} (${flags.join(',')})\n`);
  }
  if (c.volumeDevices?.length) {
    w.write(LEVEL_2, `Devices:${none}\n`);
    for (const d of goSort(c.volumeDevices as any[], (a, b) => String(a.devicePath ?? '') < String(b.devicePath ?? ''))) w.write(LEVEL_3, `${d.devicePath ?? ''} from ${d.name ?? ''}\n`);
  }
}

const cmpStr = (a: any, b: any) => { const x = String(a ?? ''), y = String(b ?? ''); return x < y ? -1 : x > y ? 1 : 0; };

// ---------------------------------------------------------------------------------------------
// QoS (kubectl/pkg/util/qos)

export function podQOS(pod: KObject): string {
  if (pod.status?.qosClass) return pod.status.qosClass;
  const requests = new Map<string, Quantity>();
  const limits = new Map<string, Quantity>();
  let guaranteed = true;
  const zero = zeroQuantity();
  const process = (list: Map<string, Quantity>, raw: any) => {
    for (const name of Object.keys(raw ?? {})) {
      if (name !== 'cpu' && name !== 'memory') continue;
      const q = parseQuantity(raw[name]);
      if (!q || cmpQuantity(q, zero) !== 1) continue;
      const prev = list.get(name);
      list.set(name, prev ? addQuantity(q, prev) : q);
    }
  };
  const qosNames = (raw: any) => new Set(Object.keys(raw ?? {}).filter((n) => (n === 'cpu' || n === 'memory') && (() => { const q = parseQuantity(raw[n]); return !!q && cmpQuantity(q, zero) === 1; })()));
  const podRes = pod.spec?.resources;
  if (podRes) {
    if (podRes.requests) process(requests, podRes.requests);
    if (podRes.limits) {
      process(limits, podRes.limits);
      const s = qosNames(podRes.limits);
      if (!(s.has('memory') && s.has('cpu'))) guaranteed = false;
    }
  } else {
    for (const c of [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? [])]) {
      process(requests, c.resources?.requests);
      process(limits, c.resources?.limits);
      const s = qosNames(c.resources?.limits);
      if (!(s.has('memory') && s.has('cpu'))) guaranteed = false;
    }
  }
  if (!requests.size && !limits.size) return 'BestEffort';
  if (guaranteed) {
    for (const [name, req] of requests) {
      const lim = limits.get(name);
      if (!lim || cmpQuantity(lim, req) !== 0) { guaranteed = false; break; }
    }
  }
  if (guaranteed && requests.size === limits.size) return 'Guaranteed';
  return 'Burstable';
}

// ---------------------------------------------------------------------------------------------
// Volumes

const vstr = (v: any) => (v === undefined || v === null ? '' : String(v));
const vbool = (v: any) => (v === true ? 'true' : 'false');
const vint = (v: any) => (v === undefined || v === null ? '0' : String(v));
/** %v of a *bool: `<nil>`, or (Go prints the pointer) an address. */
const vboolPtr = (v: any) => (v === undefined || v === null ? '<nil>' : v ? '0xc000a1b2c8' : '0xc000a1b2c9');
/** %v of a *LocalObjectReference / *SecretReference. */
const vref = (r: any) => (r ? `&LocalObjectReference{Name:${r.name ?? ''},}` : '<nil>');

function fields(w: Writer, type: string, rows: [string, string][]): void {
  w.write(LEVEL_2, `Type:\t${type}\n` + rows.map(([k, v]) => `    ${k}\t${v}\n`).join(''));
}

export function describeVolumes(volumes: any[] | undefined, w: Writer, space: string): void {
  if (!volumes || !volumes.length) { w.write(LEVEL_0, `${space}Volumes:\t<none>\n`); return; }
  w.write(LEVEL_0, `${space}Volumes:\n`);
  for (const v of volumes) {
    const nameIndent = space ? ' ' : '';
    w.write(LEVEL_1, `${nameIndent}${v.name}:\n`);
    describeVolumeSource(v, w);
  }
}

export function describeVolumeSource(v: any, w: Writer): void {
  if (v.hostPath) {
    fields(w, 'HostPath (bare host directory volume)', [['Path:', vstr(v.hostPath.path)], ['HostPathType:', v.hostPath.type !== undefined && v.hostPath.type !== null ? String(v.hostPath.type) : '<none>']]);
  } else if (v.emptyDir) {
    const sl = parseQuantity(v.emptyDir.sizeLimit);
    fields(w, "EmptyDir (a temporary directory that shares a pod's lifetime)", [['Medium:', vstr(v.emptyDir.medium)], ['SizeLimit:', sl && sl.mant > 0n ? quantityString(sl) : '<unset>']]);
  } else if (v.gcePersistentDisk) {
    const g = v.gcePersistentDisk;
    fields(w, 'GCEPersistentDisk (a Persistent Disk resource in Google Compute Engine)', [['PDName:', vstr(g.pdName)], ['FSType:', vstr(g.fsType)], ['Partition:', vint(g.partition)], ['ReadOnly:', vbool(g.readOnly)]]);
  } else if (v.awsElasticBlockStore) {
    const a = v.awsElasticBlockStore;
    fields(w, 'AWSElasticBlockStore (a Persistent Disk resource in AWS)', [['VolumeID:', vstr(a.volumeID)], ['FSType:', vstr(a.fsType)], ['Partition:', vint(a.partition)], ['ReadOnly:', vbool(a.readOnly)]]);
  } else if (v.gitRepo) {
    fields(w, 'GitRepo (a volume that is pulled from git when the pod is created)', [['Repository:', vstr(v.gitRepo.repository)], ['Revision:', vstr(v.gitRepo.revision)]]);
  } else if (v.secret) {
    fields(w, 'Secret (a volume populated by a Secret)', [['SecretName:', vstr(v.secret.secretName)], ['Optional:', vbool(v.secret.optional)]]);
  } else if (v.configMap) {
    fields(w, 'ConfigMap (a volume populated by a ConfigMap)', [['Name:', vstr(v.configMap.name)], ['Optional:', vbool(v.configMap.optional)]]);
  } else if (v.nfs) {
    fields(w, 'NFS (an NFS mount that lasts the lifetime of a pod)', [['Server:', vstr(v.nfs.server)], ['Path:', vstr(v.nfs.path)], ['ReadOnly:', vbool(v.nfs.readOnly)]]);
  } else if (v.iscsi) {
    const i = v.iscsi;
    fields(w, "ISCSI (an ISCSI Disk resource that is attached to a kubelet's host machine and then exposed to the pod)", [
      ['TargetPortal:', vstr(i.targetPortal)], ['IQN:', vstr(i.iqn)], ['Lun:', vint(i.lun)], ['ISCSIInterface', vstr(i.iscsiInterface)],
      ['FSType:', vstr(i.fsType)], ['ReadOnly:', vbool(i.readOnly)], ['Portals:', goSlice(i.portals)], ['DiscoveryCHAPAuth:', vbool(i.chapAuthDiscovery)],
      ['SessionCHAPAuth:', vbool(i.chapAuthSession)], ['SecretRef:', vref(i.secretRef)], ['InitiatorName:', i.initiatorName ?? '<none>']]);
  } else if (v.glusterfs) {
    fields(w, "Glusterfs (a Glusterfs mount on the host that shares a pod's lifetime)", [['EndpointsName:', vstr(v.glusterfs.endpoints)], ['Path:', vstr(v.glusterfs.path)], ['ReadOnly:', vbool(v.glusterfs.readOnly)]]);
  } else if (v.persistentVolumeClaim) {
    fields(w, 'PersistentVolumeClaim (a reference to a PersistentVolumeClaim in the same namespace)', [['ClaimName:', vstr(v.persistentVolumeClaim.claimName)], ['ReadOnly:', vbool(v.persistentVolumeClaim.readOnly)]]);
  } else if (v.ephemeral) {
    w.write(LEVEL_2, 'Type:\tEphemeralVolume (an inline specification for a volume that gets created and deleted with the pod)\n');
    const t = v.ephemeral.volumeClaimTemplate;
    if (t) printPersistentVolumeClaim(new NestedPrefixWriter(w, LEVEL_2), { apiVersion: 'v1', kind: 'PersistentVolumeClaim', metadata: t.metadata ?? { name: '' }, spec: t.spec ?? {} }, false);
  } else if (v.rbd) {
    const r = v.rbd;
    fields(w, "RBD (a Rados Block Device mount on the host that shares a pod's lifetime)", [
      ['CephMonitors:', goSlice(r.monitors)], ['RBDImage:', vstr(r.image)], ['FSType:', vstr(r.fsType)], ['RBDPool:', vstr(r.pool)],
      ['RadosUser:', vstr(r.user)], ['Keyring:', vstr(r.keyring)], ['SecretRef:', vref(r.secretRef)], ['ReadOnly:', vbool(r.readOnly)]]);
  } else if (v.quobyte) {
    fields(w, "Quobyte (a Quobyte mount on the host that shares a pod's lifetime)", [['Registry:', vstr(v.quobyte.registry)], ['Volume:', vstr(v.quobyte.volume)], ['ReadOnly:', vbool(v.quobyte.readOnly)]]);
  } else if (v.downwardAPI) {
    w.write(LEVEL_2, 'Type:\tDownwardAPI (a volume populated by information about the pod)\n    Items:\n');
    for (const m of v.downwardAPI.items ?? []) {
      if (m.fieldRef) w.write(LEVEL_3, `${m.fieldRef.fieldPath ?? ''} -> ${m.path ?? ''}\n`);
      if (m.resourceFieldRef) w.write(LEVEL_3, `${m.resourceFieldRef.resource ?? ''} -> ${m.path ?? ''}\n`);
    }
  } else if (v.azureDisk) {
    const d = v.azureDisk;
    fields(w, 'AzureDisk (an Azure Data Disk mount on the host and bind mount to the pod)', [['DiskName:', vstr(d.diskName)], ['DiskURI:', vstr(d.diskURI)], ['Kind: ', vstr(d.kind)], ['FSType:', vstr(d.fsType)], ['CachingMode:', vstr(d.cachingMode)], ['ReadOnly:', vbool(d.readOnly)]]);
  } else if (v.vsphereVolume) {
    const s = v.vsphereVolume;
    fields(w, 'vSphereVolume (a Persistent Disk resource in vSphere)', [['VolumePath:', vstr(s.volumePath)], ['FSType:', vstr(s.fsType)], ['StoragePolicyName:', vstr(s.storagePolicyName)]]);
  } else if (v.cinder) {
    const c = v.cinder;
    fields(w, 'Cinder (a Persistent Disk resource in OpenStack)', [['VolumeID:', vstr(c.volumeID)], ['FSType:', vstr(c.fsType)], ['ReadOnly:', vbool(c.readOnly)], ['SecretRef:', vref(c.secretRef)]]);
  } else if (v.photonPersistentDisk) {
    fields(w, 'PhotonPersistentDisk (a Persistent Disk resource in photon platform)', [['PdID:', vstr(v.photonPersistentDisk.pdID)], ['FSType:', vstr(v.photonPersistentDisk.fsType)]]);
  } else if (v.portworxVolume) {
    fields(w, 'PortworxVolume (a Portworx Volume resource)', [['VolumeID:', vstr(v.portworxVolume.volumeID)]]);
  } else if (v.scaleIO) {
    const s = v.scaleIO;
    fields(w, 'ScaleIO (a persistent volume backed by a block device in ScaleIO)', [['Gateway:', vstr(s.gateway)], ['System:', vstr(s.system)], ['Protection Domain:', vstr(s.protectionDomain)], ['Storage Pool:', vstr(s.storagePool)], ['Storage Mode:', vstr(s.storageMode)], ['VolumeName:', vstr(s.volumeName)], ['FSType:', vstr(s.fsType)], ['ReadOnly:', vbool(s.readOnly)]]);
  } else if (v.cephfs) {
    const c = v.cephfs;
    fields(w, "CephFS (a CephFS mount on the host that shares a pod's lifetime)", [['Monitors:', goSlice(c.monitors)], ['Path:', vstr(c.path)], ['User:', vstr(c.user)], ['SecretFile:', vstr(c.secretFile)], ['SecretRef:', vref(c.secretRef)], ['ReadOnly:', vbool(c.readOnly)]]);
  } else if (v.storageos) {
    const s = v.storageos;
    fields(w, 'StorageOS (a StorageOS Persistent Disk resource)', [['VolumeName:', vstr(s.volumeName)], ['VolumeNamespace:', vstr(s.volumeNamespace)], ['FSType:', vstr(s.fsType)], ['ReadOnly:', vbool(s.readOnly)]]);
  } else if (v.fc) {
    const f = v.fc;
    fields(w, 'FC (a Fibre Channel disk)', [['TargetWWNs:', (f.targetWWNs ?? []).join(', ')], ['LUN:', f.lun !== undefined && f.lun !== null ? String(f.lun) : '<none>'], ['FSType:', vstr(f.fsType)], ['ReadOnly:', vbool(f.readOnly)]]);
  } else if (v.azureFile) {
    const a = v.azureFile;
    fields(w, 'AzureFile (an Azure File Service mount on the host and bind mount to the pod)', [['SecretName:', vstr(a.secretName)], ['ShareName:', vstr(a.shareName)], ['ReadOnly:', vbool(a.readOnly)]]);
  } else if (v.flexVolume) {
    const f = v.flexVolume;
    const opts = Object.keys(f.options ?? {}).sort().map((k) => `${k}:${f.options[k]}`).join(' ');
    fields(w, 'FlexVolume (a generic volume resource that is provisioned/attached using an exec based plugin)', [['Driver:', vstr(f.driver)], ['FSType:', vstr(f.fsType)], ['SecretRef:', vref(f.secretRef)], ['ReadOnly:', vbool(f.readOnly)], ['Options:', `map[${opts}]`]]);
  } else if (v.flocker) {
    fields(w, 'Flocker (a Flocker volume mounted by the Flocker agent)', [['DatasetName:', vstr(v.flocker.datasetName)], ['DatasetUUID:', vstr(v.flocker.datasetUUID)]]);
  } else if (v.projected) {
    w.write(LEVEL_2, 'Type:\tProjected (a volume that contains injected data from multiple sources)\n');
    for (const s of v.projected.sources ?? []) {
      if (s.secret) w.write(LEVEL_2, `SecretName:\t${vstr(s.secret.name)}\n    SecretOptionalName:\t${vboolPtr(s.secret.optional)}\n`);
      else if (s.downwardAPI) w.write(LEVEL_2, 'DownwardAPI:\ttrue\n');
      else if (s.configMap) w.write(LEVEL_2, `ConfigMapName:\t${vstr(s.configMap.name)}\n    ConfigMapOptional:\t${vboolPtr(s.configMap.optional)}\n`);
      else if (s.serviceAccountToken) w.write(LEVEL_2, `TokenExpirationSeconds:\t${vint(s.serviceAccountToken.expirationSeconds)}\n`);
    }
  } else if (v.csi) {
    const c = v.csi;
    fields(w, 'CSI (a Container Storage Interface (CSI) volume source)', [['Driver:', vstr(c.driver)], ['FSType:', vstr(c.fsType)], ['ReadOnly:', vbool(c.readOnly)]]);
    printCSIAttributes(w, 'VolumeAttributes', c.volumeAttributes);
  } else if (v.image) {
    fields(w, 'Image (a container image or OCI artifact)', [['Reference:', vstr(v.image.reference)], ['PullPolicy:', vstr(v.image.pullPolicy)]]);
  } else {
    w.write(LEVEL_1, '<unknown>\n');
  }
}

function printCSIAttributes(w: Writer, title: string, attrs: Record<string, string> | undefined): void {
  w.write(LEVEL_2, `${title}:\t`);
  const keys = sortStrings(Object.keys(attrs ?? {}));
  if (!keys.length) { w.writeLine('<none>'); return; }
  keys.forEach((k, i) => {
    if (i !== 0) { w.write(LEVEL_2, ''); w.write(LEVEL_2, '\t'); }
    const line = `${k}=${attrs![k]}`;
    w.write(LEVEL_2, line.length > 140 ? `${line.slice(0, 140)}...\n` : `${line}\n`);
  });
}

// ---------------------------------------------------------------------------------------------
// Pod templates (workloads)

/** DescribePodTemplate. */
export function describePodTemplate(template: any, w: Writer): void {
  w.write(LEVEL_0, 'Pod Template:\n');
  if (!template) { w.write(LEVEL_1, '<unset>'); return; }
  const md = template.metadata ?? {};
  const spec = template.spec ?? {};
  printLabelsMultiline(w, '  Labels', md.labels);
  if (md.annotations && Object.keys(md.annotations).length) printAnnotationsMultiline(w, '  Annotations', md.annotations);
  if (spec.serviceAccountName) w.write(LEVEL_1, `Service Account:\t${spec.serviceAccountName}\n`);
  if (spec.initContainers?.length) describeContainers('Init Containers', spec.initContainers, undefined, null, w, '  ');
  describeContainers('Containers', spec.containers ?? [], undefined, null, w, '  ');
  describeVolumes(spec.volumes, w, '  ');
  describeTopologySpreadConstraints(spec.topologySpreadConstraints, w, '  ');
  if (spec.priorityClassName) w.write(LEVEL_1, `Priority Class Name:\t${spec.priorityClassName}\n`);
  printLabelsMultiline(w, '  Node-Selectors', spec.nodeSelector);
  printTolerationsMultiline(w, '  Tolerations', spec.tolerations);
}

// ---------------------------------------------------------------------------------------------
// PersistentVolumeClaims

function claimClass(pvc: KObject): string {
  const beta = pvc.metadata.annotations?.['volume.beta.kubernetes.io/storage-class'];
  if (beta !== undefined) return beta;
  return pvc.spec?.storageClassName ?? '';
}

/** helper.GetAccessModesAsString (shared with the tables). */
export const accessModesAsString = accessModes;

function printPersistentVolumeClaim(w: Writer, pvc: KObject, full: boolean, now?: Date): void {
  const spec = pvc.spec ?? {};
  const status = pvc.status ?? {};
  if (full) {
    w.write(LEVEL_0, `Name:\t${pvc.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${pvc.metadata.namespace ?? ''}\n`);
  }
  w.write(LEVEL_0, `StorageClass:\t${claimClass(pvc)}\n`);
  if (full) {
    if (pvc.metadata.deletionTimestamp) w.write(LEVEL_0, `Status:\tTerminating (lasts ${translateTimestampSince(pvc.metadata.deletionTimestamp, now ?? new Date())})\n`);
    else w.write(LEVEL_0, `Status:\t${status.phase ?? ''}\n`);
  }
  w.write(LEVEL_0, `Volume:\t${spec.volumeName ?? ''}\n`);
  printLabelsMultiline(w, 'Labels', pvc.metadata.labels);
  printAnnotationsMultiline(w, 'Annotations', pvc.metadata.annotations);
  if (full) w.write(LEVEL_0, `Finalizers:\t${goSlice(pvc.metadata.finalizers)}\n`);
  let capacity = '';
  let accessModes = '';
  if (spec.volumeName) {
    accessModes = accessModesAsString(status.accessModes);
    capacity = canonical(status.capacity?.storage ?? '0');
  }
  w.write(LEVEL_0, `Capacity:\t${capacity}\n`);
  w.write(LEVEL_0, `Access Modes:\t${accessModes}\n`);
  if (spec.volumeMode) w.write(LEVEL_0, `VolumeMode:\t${spec.volumeMode}\n`);
  if (spec.dataSource) {
    w.write(LEVEL_0, 'DataSource:\n');
    if (spec.dataSource.apiGroup !== undefined && spec.dataSource.apiGroup !== null) w.write(LEVEL_1, `APIGroup:\t${spec.dataSource.apiGroup}\n`);
    w.write(LEVEL_1, `Kind:\t${spec.dataSource.kind ?? ''}\n`);
    w.write(LEVEL_1, `Name:\t${spec.dataSource.name ?? ''}\n`);
  }
}

export function describePersistentVolumeClaim(pvc: KObject, ctx: DescribeContext): string {
  const ns = pvc.metadata.namespace;
  const nsPods = ctx.reader.list('Pod', ns);
  const pods: KObject[] = [];
  for (const p of nsPods) for (const v of p.spec?.volumes ?? []) if (v.persistentVolumeClaim?.claimName === pvc.metadata.name) pods.push(p);
  for (const o of pvc.metadata.ownerReferences ?? []) {
    if (o.kind !== 'Pod') continue;
    const p = nsPods.find((x) => x.metadata.uid === o.uid);
    if (!p || pods.some((x) => x.metadata.uid === p.metadata.uid)) continue;
    pods.push(p);
  }
  return tabbedString((w) => {
    printPersistentVolumeClaim(w, pvc, true, ctx.now);
    w.write(LEVEL_0, 'Used By:\t');
    if (!pods.length) w.writeLine('<none>');
    else goSort(pods, (a, b) => a.metadata.name < b.metadata.name).forEach((p, i) => {
      if (i !== 0) { w.write(LEVEL_0, ''); w.write(LEVEL_0, '\t'); }
      w.write(LEVEL_0, `${p.metadata.name}\n`);
    });
    const conds: any[] = pvc.status?.conditions ?? [];
    if (conds.length) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastProbeTime\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t-----------------\t------------------\t------\t-------\n');
      for (const c of conds) w.write(LEVEL_1, `${c.type ?? ''} \t${c.status ?? ''} \t${rfc1123z(c.lastProbeTime)} \t${rfc1123z(c.lastTransitionTime)} \t${c.reason ?? ''} \t${c.message ?? ''}\n`);
    }
    writeEvents(w, ctx.reader, refOf(pvc), ctx.showEvents, ctx.now);
  });
}

