// The files a container sees through its pod's volumes, as the kubelet lays them out: secret,
// configMap, projected (service account token, kube-root-ca.crt, namespace), downwardAPI and
// emptyDir volumes at their mountPath, with items (key -> path) and subPath; a layer the
// container filesystem (shell.ts, the apps) consults before the image's own files.
//
// Updates: the kubelet rewrites a mounted configMap/secret some time after the object changes
// (its sync period plus its cache), never a subPath mount, and never the environment (read
// once, when the container starts). The host may keep what each ConfigMap/Secret contained
// over time (DataPlaneHost.sourceHistory, written by controllers/volume-sources.ts); a
// container then sees the content as of max(now - delay, when it started). Without a history
// (unit fixtures, objects never changed) the current object is what is mounted.
import type { ClusterReader, KObject } from '../api/types';
import { fieldRefValue, resourceFieldValue } from './env';

/** One recorded state of a ConfigMap or Secret: from `at` (ms) on, it held `obj` (null: deleted). */
export interface SourceVersion { at: number; obj: KObject | null }

/** What the volume layer needs beyond reading objects. */
export interface VolumeHost extends ClusterReader {
  /** The recorded versions of a ConfigMap/Secret, oldest first; undefined: never changed. */
  sourceHistory?(kind: 'ConfigMap' | 'Secret', namespace: string, name: string): SourceVersion[] | undefined;
  /** How long the kubelet takes to project a changed ConfigMap/Secret into running pods. */
  volumeSyncMs?: number;
}

/** The default propagation delay (a kind kubelet: about a sync period; kept short for learners). */
export const DEFAULT_VOLUME_SYNC_MS = 10_000;

/** A volume's content: files by relative path; `dir` true for an (empty) directory volume. */
export interface VolumeContent { files: Map<string, string>; dir: true }

const b64 = (s: string) => Buffer.from(s, 'base64').toString('latin1');
/** Secret bytes as the shell sees text (certificates, keys and tokens are ASCII). */
const bytesText = (s: string) => Buffer.from(s, 'base64').toString('utf8');

/** An object as of time T (ms), from the host's recorded versions; current object otherwise. */
export function sourceAt(host: VolumeHost, kind: 'ConfigMap' | 'Secret', ns: string, name: string, t: number | undefined): KObject | undefined {
  const cur = host.get(kind, ns, name);
  if (t === undefined || !host.sourceHistory) return cur;
  const hist = host.sourceHistory(kind, ns, name);
  if (!hist || !hist.length) return cur;
  let seen: KObject | null | undefined;
  let found = false;
  for (const v of hist) {
    if (v.at > t) break;
    found = true;
    // a deleted object leaves what the kubelet last wrote in place
    if (v.obj) seen = v.obj;
  }
  if (!found) return hist[0].obj ?? cur;
  return seen ?? undefined;
}

/** A reader that sees ConfigMaps and Secrets as they were at time t (the container's start, for
 *  its environment); everything else as it is. */
export function readerAt(host: VolumeHost, t: number | undefined): ClusterReader {
  if (t === undefined || !host.sourceHistory) return host;
  return {
    get: (kind, ns, name) => (kind === 'ConfigMap' || kind === 'Secret' ? sourceAt(host, kind, ns ?? 'default', name, t) : host.get(kind, ns, name)),
    list: (kind, ns) => host.list(kind, ns),
    now: () => host.now(),
  };
}

/** When a container started (ms): its running state, else the pod's start. */
export function containerStartMs(pod: KObject, containerName: string | undefined): number | undefined {
  const st = [...(pod.status?.containerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])]
    .find((s: any) => s.name === containerName) ?? (containerName ? undefined : pod.status?.containerStatuses?.[0]);
  const at = st?.state?.running?.startedAt ?? pod.status?.startTime;
  const ms = at ? Date.parse(at) : NaN;
  return Number.isNaN(ms) ? undefined : ms;
}

function keyed(data: Record<string, string>, items: any[] | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (items?.length) {
    for (const it of items) if (it?.key in data && it.path) out.set(String(it.path), data[it.key]);
  } else for (const k of Object.keys(data).sort()) out.set(k, data[k]);
  return out;
}

function configMapData(cm: KObject | undefined): Record<string, string> {
  const d: Record<string, string> = { ...(cm?.data ?? {}) };
  for (const [k, v] of Object.entries<string>(cm?.binaryData ?? {})) d[k] = b64(v);
  return d;
}

function secretData(s: KObject | undefined): Record<string, string> {
  const d: Record<string, string> = {};
  for (const [k, v] of Object.entries<string>(s?.data ?? {})) d[k] = bytesText(v);
  for (const [k, v] of Object.entries<string>(s?.stringData ?? {})) d[k] = v;
  return d;
}

/** The token a projected serviceAccountToken source holds (a JWT-shaped string). */
function serviceAccountToken(pod: KObject, now: Date): string {
  const iat = Math.floor(now.getTime() / 1000);
  const enc = (o: object) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const ns = pod.metadata.namespace ?? 'default';
  const sa = pod.spec?.serviceAccountName ?? 'default';
  return enc({ alg: 'RS256', kid: 'kubesim' }) + '.' + enc({
    aud: ['https://kubernetes.default.svc.cluster.local'], exp: iat + 3607, iat, iss: 'https://kubernetes.default.svc.cluster.local',
    'kubernetes.io': { namespace: ns, pod: { name: pod.metadata.name, uid: pod.metadata.uid }, serviceaccount: { name: sa } },
    nbf: iat, sub: `system:serviceaccount:${ns}:${sa}`,
  }) + '.' + Buffer.from(`kubesim:${pod.metadata.uid ?? pod.metadata.name}`).toString('base64url');
}

function downwardFiles(host: ClusterReader, pod: KObject, container: any, items: any[] | undefined, into: Map<string, string>): void {
  for (const it of items ?? []) {
    if (!it?.path) continue;
    let v: string | undefined;
    if (it.fieldRef) v = fieldRefValue(pod, it.fieldRef.fieldPath);
    else if (it.resourceFieldRef) v = resourceFieldValue(host, pod, container, it.resourceFieldRef);
    if (v !== undefined) into.set(String(it.path), v);
  }
}

/** The files of one of a pod's volumes, as seen at time t (undefined: now). Undefined when the
 *  volume is not one the layer knows (hostPath: the node's files). */
export function volumeContent(host: VolumeHost, pod: KObject, container: any, vol: any, t?: number): VolumeContent | undefined {
  const ns = pod.metadata.namespace ?? 'default';
  const files = new Map<string, string>();
  if (vol.secret) {
    for (const [k, v] of keyed(secretData(sourceAt(host, 'Secret', ns, vol.secret.secretName, t)), vol.secret.items)) files.set(k, v);
  } else if (vol.configMap) {
    for (const [k, v] of keyed(configMapData(sourceAt(host, 'ConfigMap', ns, vol.configMap.name, t)), vol.configMap.items)) files.set(k, v);
  } else if (vol.downwardAPI) {
    downwardFiles(host, pod, container, vol.downwardAPI.items, files);
  } else if (vol.projected) {
    for (const src of vol.projected.sources ?? []) {
      if (src.secret) for (const [k, v] of keyed(secretData(sourceAt(host, 'Secret', ns, src.secret.name, t)), src.secret.items)) files.set(k, v);
      else if (src.configMap) for (const [k, v] of keyed(configMapData(sourceAt(host, 'ConfigMap', ns, src.configMap.name, t)), src.configMap.items)) files.set(k, v);
      else if (src.downwardAPI) downwardFiles(host, pod, container, src.downwardAPI.items, files);
      else if (src.serviceAccountToken) files.set(String(src.serviceAccountToken.path ?? 'token'), serviceAccountToken(pod, host.now()));
    }
  } else if (!vol.emptyDir && !vol.persistentVolumeClaim && !vol.ephemeral) return undefined;
  return { files, dir: true };
}

// ---- a container's view ---------------------------------------------------------------------------

interface Mount { path: string; files: Map<string, string>; file?: string }

const norm = (p: string) => ('/' + p.split('/').filter((s) => s && s !== '.').join('/'));

/** The mounted files of one container, resolved once (cheap enough per exec / per request). */
export class ContainerMounts {
  private mounts: Mount[] = [];

  constructor(host: VolumeHost, pod: KObject, container: any) {
    const vols = new Map<string, any>((pod.spec?.volumes ?? []).map((v: any) => [v.name, v]));
    const now = host.now().getTime();
    const started = containerStartMs(pod, container?.name);
    const delay = host.volumeSyncMs ?? DEFAULT_VOLUME_SYNC_MS;
    // what the kubelet has written by now; a subPath mount keeps what was there at start
    const live = started === undefined ? undefined : Math.max(now - delay, started);
    for (const m of container?.volumeMounts ?? []) {
      const vol = vols.get(m.name);
      if (!vol || !m.mountPath) continue;
      const content = volumeContent(host, pod, container, vol, m.subPath ? started : live);
      if (!content) continue;
      const path = norm(m.mountPath);
      if (m.subPath) {
        const sub = norm(m.subPath).slice(1);
        if (content.files.has(sub)) { this.mounts.push({ path, files: new Map(), file: content.files.get(sub)! }); continue; }
        const files = new Map<string, string>();
        for (const [k, v] of content.files) if (k.startsWith(sub + '/')) files.set(k.slice(sub.length + 1), v);
        this.mounts.push({ path, files });
        continue;
      }
      this.mounts.push({ path, files: content.files });
    }
    // later mounts shadow earlier ones at the same or a deeper path: look up the deepest first
    this.mounts.sort((a, b) => b.path.length - a.path.length);
  }

  get empty(): boolean { return !this.mounts.length; }

  private mountFor(abs: string): { m: Mount; rel: string } | undefined {
    for (const m of this.mounts) {
      if (abs === m.path) return { m, rel: '' };
      if (abs.startsWith(m.path === '/' ? '/' : m.path + '/')) return { m, rel: abs.slice(m.path.length + 1) };
    }
    return undefined;
  }

  /** The content of a file provided by a volume; undefined when no volume provides it. */
  file(path: string): string | undefined {
    const hit = this.mountFor(norm(path));
    if (!hit) return undefined;
    if (hit.m.file !== undefined) return hit.rel === '' ? hit.m.file : undefined;
    return hit.m.files.get(hit.rel);
  }

  /** Whether a path is under a mount (what a volume decides, whether or not it exists). */
  covers(path: string): boolean { return !!this.mountFor(norm(path)); }

  /** A directory a volume provides: a mount point, a directory inside one, or a directory that
   *  leads to a mount point (its entries then add to the image's). */
  dir(path: string): { entries: string[]; own: boolean } | undefined {
    const abs = norm(path);
    const hit = this.mountFor(abs);
    const names = new Set<string>();
    let own = false;
    if (hit && hit.m.file === undefined) {
      const prefix = hit.rel === '' ? '' : hit.rel + '/';
      let found = hit.rel === '';
      for (const k of hit.m.files.keys()) if (k.startsWith(prefix)) { found = true; names.add(k.slice(prefix.length).split('/')[0]); }
      if (!found) return undefined;
      own = true;
    } else if (hit) return undefined;
    // mount points below this directory
    const base = abs === '/' ? '/' : abs + '/';
    for (const m of this.mounts) if (m.path.startsWith(base) && m.path !== abs) names.add(m.path.slice(base.length).split('/')[0]);
    if (!own && !names.size) return undefined;
    return { entries: [...names].sort(), own };
  }

  isDir(path: string): boolean { return !!this.dir(path); }
}

/** The mounted files of a container (by name, or the first). */
export function containerMounts(host: VolumeHost, pod: KObject, containerName?: string): ContainerMounts {
  const c = [...(pod.spec?.containers ?? []), ...(pod.spec?.initContainers ?? []), ...(pod.spec?.ephemeralContainers ?? [])]
    .find((x: any) => x.name === containerName) ?? pod.spec?.containers?.[0];
  return new ContainerMounts(host, pod, c);
}

/** Where the kubelet keeps a pod's volumes on its node, file by file (for a node's filesystem:
 *  /var/lib/kubelet/pods/<uid>/volumes/kubernetes.io~<plugin>/<volume>/<path>), as of now
 *  minus the sync delay. Empty directories (emptyDir) appear as their directory path with an
 *  undefined content. */
export function kubeletVolumeFiles(host: VolumeHost, pod: KObject): Map<string, string | undefined> {
  const out = new Map<string, string | undefined>();
  const t = host.now().getTime() - (host.volumeSyncMs ?? DEFAULT_VOLUME_SYNC_MS);
  const plugin = (v: any) => v.secret ? 'secret' : v.configMap ? 'configmap' : v.projected ? 'projected' : v.downwardAPI ? 'downward-api' : v.emptyDir ? 'empty-dir' : undefined;
  for (const v of pod.spec?.volumes ?? []) {
    const p = plugin(v);
    if (!p) continue;
    const c = volumeContent(host, pod, pod.spec?.containers?.[0], v, Math.max(t, containerStartMs(pod, undefined) ?? t));
    if (!c) continue;
    const dir = `/var/lib/kubelet/pods/${pod.metadata.uid}/volumes/kubernetes.io~${p}/${v.name}`;
    if (!c.files.size) out.set(dir, undefined);
    for (const [k, content] of c.files) out.set(`${dir}/${k}`, content);
  }
  return out;
}
