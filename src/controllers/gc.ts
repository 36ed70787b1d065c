// Garbage collector: when an owner goes, its dependents (controller ownerReferences) go too.
import type { Round } from './context';
import type { KObject } from '../api/types';

export function garbageCollector(r: Round): void {
  const { api } = r;
  for (const c of r.changes) {
    if (c.type !== 'DELETED' || c.obj.kind === 'Event') continue;
    for (const j of api.store.listJsonOwnedBy(c.obj.metadata.uid!)) {
      const d = JSON.parse(j) as KObject;
      if (d.metadata.deletionTimestamp) continue;
      api.delete(d.kind, d.metadata.namespace, d.metadata.name);
    }
  }
}
