// ReplicationController manager (pkg/controller/replication, 1.32): the ReplicaSet controller
// run over ReplicationControllers (the real one converts them and reuses it too), with its own
// event source, replication-controller.
import type { Round } from './context';
import { changesOf, dueOf, SyncQueue } from './context';
import { isPodReady } from './podutil';
import { syncReplicaSet } from './replicaset';

const KIND = 'ReplicationController';

export function replicationController(r: Round): void {
  const keys = new SyncQueue();
  for (const c of changesOf(r, KIND)) if (c.type !== 'DELETED' && (!c.old || c.old.metadata.generation !== c.obj.metadata.generation)) keys.addObject(c.obj);
  for (const c of changesOf(r, 'Pod')) {
    if (c.type === 'ADDED') continue;
    if (c.type === 'MODIFIED' && c.old && isPodReady(c.old) === isPodReady(c.obj) && !!c.old.metadata.deletionTimestamp === !!c.obj.metadata.deletionTimestamp && c.old.status?.phase === c.obj.status?.phase) continue;
    for (const o of [c.obj, c.old]) keys.addController(o, KIND);
  }
  for (const d of dueOf(r, KIND)) keys.add(d.namespace, d.name);
  for (const { ns, name } of keys) syncReplicaSet(r, ns, name, KIND, 'replication-controller');
}
