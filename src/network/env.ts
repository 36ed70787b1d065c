// Container environments, as the kubelet and the container runtime build them.
//
// serviceEnvVars: kubelet's getServiceEnvVarMap + envvars.FromServices: for every service with a
// ClusterIP (headless and ExternalName services have none), {NAME}_SERVICE_HOST,
// {NAME}_SERVICE_PORT, {NAME}_SERVICE_PORT_{PORTNAME} for named ports, and the Docker-link
// variables {NAME}_PORT, {NAME}_PORT_{port}_{PROTO}[_PROTO|_PORT|_ADDR].
//
// containerEnv: what `printenv` shows in the container: the runtime's PATH, HOSTNAME, the image's
// ENV, then the kubelet's variables (the container's env/envFrom, then the service variables;
// both come out of Go maps, so their order is random per container, fixed for its lifetime),
// then HOME, which runc adds last.
import type { ClusterReader, KObject } from '../api/types';
import { hash32 } from './host';
import { imageProfile } from './images';
import { parseQuantity } from '../api/quantity';
import { readerAt, containerStartMs, VolumeHost } from './volumes';

export type EnvList = [string, string][];

/** The services a pod's kubelet projects into its environment (getServiceEnvVarMap): those of
 *  its namespace (when enableServiceLinks is not false) and the master service `kubernetes`
 *  from `default`. */
export function servicesForPodEnv(pod: KObject, all: { list(kind: string, ns?: string): KObject[] }): KObject[] {
  const ns = pod.metadata.namespace ?? 'default';
  const links = pod.spec?.enableServiceLinks !== false;
  const out = new Map<string, KObject>();
  for (const s of all.list('Service', 'default')) if (s.metadata.name === 'kubernetes') out.set('kubernetes', s);
  if (links) for (const s of all.list('Service', ns)) out.set(s.metadata.name, s);
  return [...out.values()];
}

const isServiceIPSet = (s: KObject) => {
  const ip = s.spec?.clusterIP;
  return typeof ip === 'string' && ip !== '' && ip !== 'None';
};

export const envVarName = (name: string) => name.replace(/-/g, '_').toUpperCase();

/** The variables the kubelet writes for the given services (envvars.FromServices), in that order. */
export function serviceEnvVars(services: KObject[]): Record<string, string> {
  const m: Record<string, string> = {};
  for (const svc of services) {
    if (!isServiceIPSet(svc)) continue;
    const ports: any[] = svc.spec?.ports ?? [];
    if (!ports.length) continue;
    const ip = svc.spec.clusterIP;
    const prefix = envVarName(svc.metadata.name);
    m[`${prefix}_SERVICE_HOST`] = ip;
    m[`${prefix}_SERVICE_PORT`] = String(ports[0].port);
    for (const p of ports) if (p.name) m[`${prefix}_SERVICE_PORT_${envVarName(p.name)}`] = String(p.port);
    ports.forEach((p, i) => {
      const proto = String(p.protocol || 'TCP');
      const url = `${proto.toLowerCase()}://${ip}:${p.port}`;
      if (i === 0) m[`${prefix}_PORT`] = url;
      const pp = `${prefix}_PORT_${p.port}_${proto.toUpperCase()}`;
      m[pp] = url;
      m[`${pp}_PROTO`] = proto.toLowerCase();
      m[`${pp}_PORT`] = String(p.port);
      m[`${pp}_ADDR`] = ip;
    });
  }
  return m;
}

// ---- the container's own variables ---------------------------------------------------------------

/** A deterministic shuffle standing in for Go's map iteration order. */
function shuffled<T>(items: T[], seed: number): T[] {
  let a = seed >>> 0;
  const rnd = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rnd() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

/** Kubernetes' $(VAR) expansion (third_party/forked/golang/expansion). */
export function expandEnv(input: string, lookup: (name: string) => string | undefined): string {
  let out = '';
  for (let i = 0; i < input.length; i++) {
    const c = input[i];
    if (c !== '$' || i + 1 >= input.length) { out += c; continue; }
    const n = input[i + 1];
    if (n === '$') { out += '$'; i++; continue; }
    if (n === '(') {
      const end = input.indexOf(')', i + 2);
      if (end < 0) { out += input.slice(i); break; }
      const name = input.slice(i + 2, end);
      const v = lookup(name);
      out += v === undefined ? `$(${name})` : v;
      i = end;
      continue;
    }
    out += c;
  }
  return out;
}

export function fieldRefValue(pod: KObject, path: string): string | undefined {
  const lm = /^metadata\.(labels|annotations)\['(.*)'\]$/.exec(path);
  if (lm) return pod.metadata[lm[1]]?.[lm[2]] ?? '';
  switch (path) {
    case 'metadata.name': return pod.metadata.name;
    case 'metadata.namespace': return pod.metadata.namespace ?? 'default';
    case 'metadata.uid': return pod.metadata.uid ?? '';
    case 'metadata.labels': return Object.keys(pod.metadata.labels ?? {}).sort().map((k) => `${k}="${pod.metadata.labels![k]}"`).join('\n');
    case 'metadata.annotations': return Object.keys(pod.metadata.annotations ?? {}).sort().map((k) => `${k}="${pod.metadata.annotations![k]}"`).join('\n');
    case 'spec.nodeName': return pod.spec?.nodeName ?? '';
    case 'spec.serviceAccountName': return pod.spec?.serviceAccountName ?? 'default';
    case 'status.hostIP': return pod.status?.hostIP ?? '';
    case 'status.hostIPs': return (pod.status?.hostIPs ?? []).map((x: any) => x.ip).join(',');
    case 'status.podIP': return pod.status?.podIP ?? '';
    case 'status.podIPs': return (pod.status?.podIPs ?? []).map((x: any) => x.ip).join(',');
  }
  return undefined;
}

export function resourceFieldValue(reader: ClusterReader, pod: KObject, container: any, ref: any): string | undefined {
  const c = ref.containerName ? (pod.spec?.containers ?? []).find((x: any) => x.name === ref.containerName) : container;
  const [kind, res] = String(ref.resource ?? '').split('.', 2) as [string, string];
  let v = parseQuantity(c?.resources?.[kind]?.[res]);
  if (v === undefined && kind === 'requests') v = parseQuantity(c?.resources?.limits?.[res]);
  if (v === undefined) {
    if (kind === 'requests') v = 0;
    else {
      const node = pod.spec?.nodeName ? reader.get('Node', undefined, pod.spec.nodeName) : undefined;
      v = parseQuantity(node?.status?.allocatable?.[res]) ?? 0;
    }
  }
  const divisor = parseQuantity(ref.divisor ?? '1') || 1;
  return String(Math.ceil(v / divisor));
}

const validEnvName = (k: string) => /^[-._a-zA-Z][-._a-zA-Z0-9]*$/.test(k);

const b64 = (s: string) => Buffer.from(s, 'base64').toString('utf8');

/** The variables the kubelet passes for one container (makeEnvironmentVariables): envFrom,
 *  then env (declared order), then the service variables not overridden. Each group comes out
 *  in a per-container random order, as the kubelet's maps do. */
export function kubeletEnv(reader: ClusterReader, pod: KObject, container: any, serviceEnv: Record<string, string>): EnvList {
  const ns = pod.metadata.namespace ?? 'default';
  const tmp = new Map<string, string>();
  const svc = { ...serviceEnv };
  for (const ef of container?.envFrom ?? []) {
    const prefix = ef.prefix ?? '';
    if (ef.configMapRef?.name) {
      const cm = reader.get('ConfigMap', ns, ef.configMapRef.name);
      for (const [k, v] of Object.entries<string>(cm?.data ?? {})) if (validEnvName(prefix + k)) tmp.set(prefix + k, v);
    } else if (ef.secretRef?.name) {
      const s = reader.get('Secret', ns, ef.secretRef.name);
      for (const [k, v] of Object.entries<string>(s?.data ?? {})) if (validEnvName(prefix + k)) tmp.set(prefix + k, b64(v));
      for (const [k, v] of Object.entries<string>(s?.stringData ?? {})) if (validEnvName(prefix + k)) tmp.set(prefix + k, v);
    }
  }
  const lookup = (name: string) => (tmp.has(name) ? tmp.get(name) : svc[name]);
  for (const e of container?.env ?? []) {
    let v: string | undefined = e.value ?? '';
    if (e.value) v = expandEnv(e.value, lookup);
    else if (e.valueFrom) {
      const vf = e.valueFrom;
      if (vf.fieldRef) v = fieldRefValue(pod, vf.fieldRef.fieldPath);
      else if (vf.resourceFieldRef) v = resourceFieldValue(reader, pod, container, vf.resourceFieldRef);
      else if (vf.configMapKeyRef) v = reader.get('ConfigMap', ns, vf.configMapKeyRef.name)?.data?.[vf.configMapKeyRef.key];
      else if (vf.secretKeyRef) {
        const s = reader.get('Secret', ns, vf.secretKeyRef.name);
        const d = s?.data?.[vf.secretKeyRef.key];
        v = d !== undefined ? b64(d) : s?.stringData?.[vf.secretKeyRef.key];
      }
      if (v === undefined) continue; // optional and missing (a required one would have kept the container from starting)
    }
    delete svc[e.name];
    tmp.set(e.name, v ?? '');
  }
  const seed = hash32(`${pod.metadata.uid ?? pod.metadata.name}/${container?.name ?? ''}`);
  const own = shuffled([...tmp.entries()], seed);
  const rest = shuffled(Object.entries(svc).filter(([k]) => !tmp.has(k)), seed ^ 0x9e3779b9);
  return [...own, ...rest];
}

/** The hostname a pod's containers see. */
export function podHostname(pod: KObject): string {
  // A pod in the host's network namespace has the host's UTS namespace too: the node's name.
  if (pod.spec?.hostNetwork && pod.spec?.nodeName) return String(pod.spec.nodeName);
  return String(pod.spec?.hostname || pod.metadata.name).slice(0, 63);
}

/** The environment of a container's processes, in the order `printenv` lists it. */
export function containerEnv(reader: ClusterReader, pod: KObject, containerName: string | undefined, serviceEnv: Record<string, string> | undefined): EnvList {
  const container = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].find((c: any) => c.name === containerName) ?? pod.spec?.containers?.[0];
  const img = imageProfile(container?.image ?? '');
  const env: EnvList = [];
  const set = (k: string, v: string) => {
    const i = env.findIndex(([x]) => x === k);
    if (i >= 0) env[i] = [k, v];
    else env.push([k, v]);
  };
  set('PATH', '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin');
  set('HOSTNAME', podHostname(pod));
  for (const [k, v] of img.env) set(k, v);
  // ConfigMaps and Secrets as they were when the container started: the environment is frozen then
  const atStart = readerAt(reader as VolumeHost, containerStartMs(pod, container?.name));
  for (const [k, v] of kubeletEnv(atStart, pod, container, serviceEnv ?? {})) set(k, v);
  if (!env.some(([k]) => k === 'HOME')) env.push(['HOME', img.home]);
  return env;
}
