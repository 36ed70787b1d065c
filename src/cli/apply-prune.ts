// kubectl apply --prune (the legacy pruner, k8s.io/kubectl/pkg/cmd/apply/prune.go): after every
// object was applied without error, delete the objects of the prune set (--prune-allowlist, else
// kubectl's default list) that match the selector, carry the last-applied annotation and were not
// among the objects just applied, in the namespaces the apply visited (cluster-scoped kinds
// everywhere), printing `<kind>/<name> pruned` as they go.
import { CliError, KObject } from '../api/types';
import { kindForManifest, KindInfo } from '../api/kinds';
import { err, klogLine } from './io';
import { LAST_APPLIED } from './lastapplied';
import type { Session } from './session';
import type { DryRun } from './create';

/** kubectl's default allowlist, in its order. */
const DEFAULT_PRUNE: [string, string, string][] = [
  ['', 'v1', 'ConfigMap'], ['', 'v1', 'Endpoints'], ['', 'v1', 'PersistentVolumeClaim'], ['', 'v1', 'Pod'],
  ['', 'v1', 'ReplicationController'], ['', 'v1', 'Secret'], ['', 'v1', 'Service'], ['batch', 'v1', 'Job'], ['batch', 'v1', 'CronJob'],
  ['networking.k8s.io', 'v1', 'Ingress'], ['apps', 'v1', 'DaemonSet'], ['apps', 'v1', 'Deployment'], ['apps', 'v1', 'ReplicaSet'],
  ['apps', 'v1', 'StatefulSet'], ['', 'v1', 'Namespace'], ['', 'v1', 'PersistentVolume'],
];

/** ParseResources: --prune-allowlist entries `group/version/kind` (core for the core group). */
export function parsePruneAllowlist(entries: string[]): KindInfo[] {
  const out: KindInfo[] = [];
  for (const e of entries) {
    const gvk = e.split('/');
    if (gvk.length !== 3) throw new CliError(`invalid GroupVersionKind format: ${e}, please follow <group/version/kind>`);
    const group = gvk[0] === 'core' ? '' : gvk[0];
    const apiVersion = group ? `${group}/${gvk[1]}` : gvk[1];
    const info = kindForManifest(apiVersion, gvk[2]);
    if (!info) throw new CliError(`no matches for kind "${gvk[2]}" in version "${apiVersion}"`);
    out.push(info);
  }
  return out;
}

export interface PruneOptions {
  selector: string;
  allowlist: KindInfo[];
  dryRun: DryRun;
  grace?: number;
  propagation: 'Background' | 'Foreground' | 'Orphan';
  print: (o: KObject) => void;
}

export function prune(s: Session, visitedUids: Set<string>, visitedNamespaces: string[], opts: PruneOptions): void {
  let kinds = opts.allowlist;
  if (!kinds.length) {
    kinds = DEFAULT_PRUNE.map(([g, v, k]) => kindForManifest(g ? `${g}/${v}` : v, k)).filter((x): x is KindInfo => !!x);
    err(klogLine('W', 'prune.go:71', 'Deprecated: kubectl apply will no longer prune non-namespaced resources by default when used with the --namespace flag in a future release. To preserve the current behaviour, list the resources you want to target explicitly in the --prune-allowlist flag.'));
  }
  const namespaced = kinds.filter((k) => k.namespaced), clusterScoped = kinds.filter((k) => !k.namespaced);
  const pruneIn = (info: KindInfo, ns: string | undefined) => {
    const objs = s.api.list(info.kind, ns, { labelSelector: opts.selector || undefined });
    for (const o of objs) {
      if (o.metadata.annotations?.[LAST_APPLIED] === undefined) continue;
      if (o.metadata.uid && visitedUids.has(o.metadata.uid)) continue;
      if (opts.dryRun !== 'client') {
        s.write((api) => api.delete(info.kind, o.metadata.namespace, o.metadata.name, { gracePeriodSeconds: opts.grace, propagation: opts.propagation, dryRun: opts.dryRun === 'server' }));
      }
      opts.print(o);
    }
  };
  for (const ns of visitedNamespaces) for (const info of namespaced) pruneIn(info, ns);
  for (const info of clusterScoped) pruneIn(info, undefined);
}
