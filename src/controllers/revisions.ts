// ControllerRevisions of daemon sets and stateful sets (pkg/controller/history): a snapshot of
// the pod template per revision, `<name>-<hash>`, owned by the workload, with data
// {"spec":{"template":{...,"$patch":"replace"}}}. The template in use gets the highest revision
// (an old template that comes back is renumbered, as after a rollback); at most
// revisionHistoryLimit (default 10) old revisions are kept.
import type { KObject } from '../api/types';
import type { Api } from '../api/server';
import { podTemplateHash } from '../api/names';

export const REVISION_HASH = 'controller-revision-hash';

/** The template a revision holds (without the `$patch` directive). */
export function revisionTemplate(cr: KObject): any {
  const t = structuredClone(cr.data?.spec?.template ?? {});
  delete t.$patch;
  return t;
}

const same = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);

/** Make sure the owner's current template has a revision, the newest; returns it with its hash
 *  and all the owner's revisions, oldest first. */
export function syncRevisions(api: Api, owner: KObject): { current: KObject; hash: string; all: KObject[] } {
  let all = api.listOwnedBy(owner, 'ControllerRevision').sort((a, b) => (a.revision ?? 0) - (b.revision ?? 0));
  const template = owner.spec?.template ?? {};
  const max = all.length ? all[all.length - 1].revision ?? 0 : 0;
  let current = all.find((cr) => same(revisionTemplate(cr), template));
  if (current && (current.revision ?? 0) < max) {
    current.revision = max + 1;
    current = api.update(current);
  } else if (!current) {
    const collisionCount = owner.status?.collisionCount ?? 0;
    const hash = podTemplateHash(template, collisionCount);
    const labels = { ...(template.metadata?.labels ?? {}), [REVISION_HASH]: hash };
    current = api.create({
      apiVersion: 'apps/v1', kind: 'ControllerRevision',
      metadata: {
        name: `${owner.metadata.name}-${hash}`, namespace: owner.metadata.namespace, labels,
        ...(owner.kind === 'DaemonSet' && owner.metadata.annotations ? { annotations: { ...owner.metadata.annotations } } : {}),
        ownerReferences: [{ apiVersion: owner.apiVersion, kind: owner.kind, name: owner.metadata.name, uid: owner.metadata.uid!, controller: true, blockOwnerDeletion: true }],
      },
      data: { spec: { template: { ...structuredClone(template), $patch: 'replace' } } },
      revision: max + 1,
    } as KObject, { owned: true });
  }
  all = all.filter((cr) => cr.metadata.name !== current!.metadata.name).concat([current!]);
  const limit = owner.spec?.revisionHistoryLimit ?? 10;
  const old = all.slice(0, -1);
  for (const cr of old.slice(0, Math.max(0, old.length - limit))) api.delete('ControllerRevision', cr.metadata.namespace, cr.metadata.name);
  all = all.slice(Math.max(0, old.length - limit));
  return { current: current!, hash: current!.metadata.labels?.[REVISION_HASH] ?? current!.metadata.name.slice(owner.metadata.name.length + 1), all };
}
