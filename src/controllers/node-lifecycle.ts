// Node lifecycle: when a node stops (NotReady), taint it and, after the eviction timeout, delete
// its pods so their controllers recreate them elsewhere. (Node start/stop is driven by
// `kubesim node ...`; this controller reacts to Node changes and its own timers.)
import type { Round } from './context';
import { changesOf, dueOf } from './context';

export function nodeLifecycleController(r: Round): void {
  const { api } = r;
  const names = new Set<string>();
  for (const c of changesOf(r, 'Node')) if (c.type !== 'DELETED') names.add(c.obj.metadata.name);
  for (const d of dueOf(r, 'Node')) names.add(d.name);
  for (const c of changesOf(r, 'Node')) {
    if (c.type === 'DELETED') for (const p of api.podsOnNode(c.obj.metadata.name)) api.remove(p);
  }
  for (const name of names) {
    const n = api.get('Node', undefined, name);
    if (!n) continue;
    const ready = (n.status?.conditions ?? []).find((c: any) => c.type === 'Ready')?.status === 'True';
    if (ready) continue;
    const since = Date.parse((n.status?.conditions ?? []).find((c: any) => c.type === 'Ready')?.lastTransitionTime ?? '') || api.nowMs();
    const evictAt = since + r.settings.podEvictionMs;
    if (api.nowMs() < evictAt) { api.store.setTimer('Node', '', name, evictAt); continue; }
    for (const p of api.podsOnNode(name)) {
      if (p.metadata.ownerReferences?.some((o) => o.kind === 'DaemonSet' || o.kind === 'Node')) continue;
      if (!p.metadata.deletionTimestamp) {
        api.recordEvent(p, 'Normal', 'TaintManagerEviction', `Marking for deletion Pod ${p.metadata.namespace}/${p.metadata.name}`, 'taint-eviction-controller');
        api.delete('Pod', p.metadata.namespace, p.metadata.name);
      }
      // The kubelet of a stopped node cannot confirm: the pod is force-removed.
      const cur = api.get('Pod', p.metadata.namespace, p.metadata.name);
      if (cur) api.remove(cur);
    }
  }
}
