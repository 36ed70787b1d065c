// Garbage collector: when an owner goes, its dependents (controller ownerReferences) go too.
import type { Round } from './context';

export function garbageCollector(r: Round): void {
  const { api } = r;
  for (const c of r.changes) {
    if (c.type !== 'DELETED' || c.obj.kind === 'Event') continue;
    for (const d of api.listDependents(c.obj.metadata.uid!)) {
      if (d.metadata.deletionTimestamp) continue;
      api.delete(d.kind, d.metadata.namespace, d.metadata.name);
    }
  }
}
