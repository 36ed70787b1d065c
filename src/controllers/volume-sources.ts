// What the kubelet's ConfigMap/Secret caches see over time: every change of a ConfigMap or a
// Secret is recorded (store.runtime `volsrc:<Kind>/<ns>/<name>`: the versions with the time each
// became current), so that the data plane can show a mounted volume as the kubelet would have
// projected it (some seconds behind an update) and a container's environment as it was read
// when the container started (src/network/volumes.ts). Only objects that change get a record;
// the last few versions are kept.
import type { Round } from './context';
import type { KObject } from '../api/types';

const KEEP = 8;

export interface RecordedVersion { at: number; obj: KObject | null }

export const volumeSourceKey = (kind: string, ns: string, name: string) => `volsrc:${kind}/${ns}/${name}`;

/** Only what a volume or an environment reads of the object. */
const slim = (o: KObject | undefined | null): KObject | null =>
  o ? { apiVersion: 'v1', kind: o.kind, metadata: { name: o.metadata.name, namespace: o.metadata.namespace, resourceVersion: o.metadata.resourceVersion }, ...(o.data ? { data: o.data } : {}), ...(o.binaryData ? { binaryData: o.binaryData } : {}), ...(o.stringData ? { stringData: o.stringData } : {}) } as KObject : null;

const sameContent = (a: KObject | null, b: KObject | null) =>
  JSON.stringify([a?.data, a?.binaryData, a?.stringData]) === JSON.stringify([b?.data, b?.binaryData, b?.stringData]) && !a === !b;

export function volumeSourcesController(r: Round): void {
  const { api } = r;
  for (const c of r.changes) {
    const kind = c.obj.kind;
    if (kind !== 'ConfigMap' && kind !== 'Secret') continue;
    const ns = c.obj.metadata.namespace ?? 'default';
    const key = volumeSourceKey(kind, ns, c.obj.metadata.name);
    const now = api.nowMs();
    let hist = (api.store.runtime(key) as RecordedVersion[] | undefined) ?? [];
    // a new object needs no record, unless one with its name was there before (deleted and
    // created again: `kubectl delete cm x; kubectl create cm x ...`)
    if (c.type === 'ADDED' && !hist.length) continue;
    const next = c.type === 'DELETED' ? null : slim(c.obj);
    if (!hist.length) {
      // the version before this first change: current since the object was created
      const created = Date.parse(c.old?.metadata.creationTimestamp ?? c.obj.metadata.creationTimestamp ?? '');
      const before = c.type === 'DELETED' ? slim(c.old ?? c.obj) : slim(c.old);
      if (before) hist.push({ at: Number.isNaN(created) ? 0 : created, obj: before });
    }
    if (hist.length && sameContent(hist[hist.length - 1].obj, next)) continue;
    hist.push({ at: now, obj: next });
    if (hist.length > KEEP) hist = hist.slice(hist.length - KEEP);
    api.store.setRuntime(key, hist);
  }
}

/** The Secrets/ConfigMaps a pod's volumes need that do not exist (optional ones aside): the
 *  kubelet cannot set those volumes up, and the pod waits in ContainerCreating. */
export function missingVolumeSources(api: { get(kind: string, ns: string | undefined, name: string): KObject | undefined }, pod: KObject):
  { volume: string; kind: 'secret' | 'configmap'; name: string }[] {
  const ns = pod.metadata.namespace ?? 'default';
  const out: { volume: string; kind: 'secret' | 'configmap'; name: string }[] = [];
  for (const v of pod.spec?.volumes ?? []) {
    const refs: { kind: 'secret' | 'configmap'; name: string; optional?: boolean }[] = [];
    if (v.secret?.secretName) refs.push({ kind: 'secret', name: v.secret.secretName, optional: v.secret.optional });
    if (v.configMap?.name) refs.push({ kind: 'configmap', name: v.configMap.name, optional: v.configMap.optional });
    for (const s of v.projected?.sources ?? []) {
      if (s.secret?.name) refs.push({ kind: 'secret', name: s.secret.name, optional: s.secret.optional });
      if (s.configMap?.name) refs.push({ kind: 'configmap', name: s.configMap.name, optional: s.configMap.optional });
    }
    const miss = refs.find((ref) => !ref.optional && !api.get(ref.kind === 'secret' ? 'Secret' : 'ConfigMap', ns, ref.name));
    if (miss) out.push({ volume: v.name, kind: miss.kind, name: miss.name });
  }
  return out;
}
