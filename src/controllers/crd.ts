// The apiextensions controllers for a CustomResourceDefinition: the naming controller
// (status.acceptedNames and the NamesAccepted condition: names already used by another CRD of
// the group are refused) and the establishing controller (Established once names are accepted).
import type { KObject } from '../api/types';
import type { Round } from './context';
import { changesOf } from './context';
import { timestamp } from '../api/server';

const CRD = 'CustomResourceDefinition';

interface Cond { type: string; status: string; lastTransitionTime: string; reason: string; message: string }

export function crdController(r: Round): void {
  const changed = changesOf(r, CRD).filter((c) => c.type !== 'DELETED');
  if (!changed.length) return;
  const { api } = r;
  const now = timestamp(api.nowMs());
  for (const c of changed) {
    const crd = api.get(CRD, undefined, c.obj.metadata.name);
    if (!crd || crd.metadata.deletionTimestamp) continue;
    const others = api.list(CRD).filter((o) => o.metadata.name !== crd.metadata.name && o.spec?.group === crd.spec?.group);
    const names = crd.spec?.names ?? {};
    const conflict = namesConflict(names, others);
    const prev: Cond[] = crd.status?.conditions ?? [];
    const cond = (type: string, status: string, reason: string, message: string): Cond => {
      const p = prev.find((x) => x.type === type);
      return { type, status, lastTransitionTime: p && p.status === status ? p.lastTransitionTime : now, reason, message };
    };
    const wasEstablished = prev.some((x) => x.type === 'Established' && x.status === 'True');
    const conditions: Cond[] = conflict
      ? [cond('NamesAccepted', 'False', conflict.reason, conflict.message), wasEstablished ? cond('Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted') : cond('Established', 'False', 'NotAccepted', 'not all names are accepted')]
      : [cond('NamesAccepted', 'True', 'NoConflicts', 'no conflicts found'), cond('Established', 'True', 'InitialNamesAccepted', 'the initial names have been accepted')];
    const acceptedNames = conflict ? (crd.status?.acceptedNames ?? { plural: '', kind: '' }) : {
      plural: names.plural, singular: names.singular,
      ...(names.shortNames?.length ? { shortNames: names.shortNames } : {}),
      kind: names.kind, listKind: names.listKind,
      ...(names.categories?.length ? { categories: names.categories } : {}),
    };
    const status = { conditions, acceptedNames, storedVersions: crd.status?.storedVersions ?? [] };
    if (JSON.stringify(status) === JSON.stringify(crd.status)) continue;
    crd.status = status;
    api.update(crd, { status: true });
  }
}

/** The naming controller's checks, in its order: plural, singular, short names, kind, list kind. */
function namesConflict(n: any, others: KObject[]): { reason: string; message: string } | undefined {
  const used = (f: (x: any) => string[]) => new Set(others.flatMap((o) => [o.status?.acceptedNames ?? {}, o.spec?.names ?? {}].flatMap((x) => f(x).filter(Boolean))));
  const plurals = used((x) => [x.plural]);
  const singulars = used((x) => [x.singular]);
  const shorts = used((x) => x.shortNames ?? []);
  const kinds = used((x) => [x.kind]);
  const listKinds = used((x) => [x.listKind]);
  const all = new Set([...plurals, ...singulars, ...shorts]);
  if (n.plural && all.has(n.plural)) return { reason: 'PluralConflict', message: `"${n.plural}" is already in use` };
  if (n.singular && all.has(n.singular)) return { reason: 'SingularConflict', message: `"${n.singular}" is already in use` };
  for (const s of n.shortNames ?? []) if (all.has(s)) return { reason: 'ShortNamesConflict', message: `"${s}" is already in use` };
  if (n.kind && (kinds.has(n.kind) || listKinds.has(n.kind))) return { reason: 'KindConflict', message: `"${n.kind}" is already in use` };
  if (n.listKind && (kinds.has(n.listKind) || listKinds.has(n.listKind))) return { reason: 'ListKindConflict', message: `"${n.listKind}" is already in use` };
  return undefined;
}
