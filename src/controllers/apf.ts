// What the API server's own controllers write into the status of the admission and flow
// control kinds: the API Priority and Fairness config controller's Dangling condition on each
// FlowSchema (the MissingPL column), and the type checking of a ValidatingAdmissionPolicy
// (observedGeneration, typeChecking). Work is proportional to the changes of these kinds.
import type { Round } from './context';
import type { KObject } from '../api/types';

function danglingCondition(fs: KObject, exists: boolean, now: string): any {
  const pl = fs.spec?.priorityLevelConfiguration?.name ?? '';
  return exists
    ? { type: 'Dangling', status: 'False', lastTransitionTime: now, reason: 'Found', message: `This FlowSchema references the PriorityLevelConfiguration object named "${pl}" and it exists` }
    : { type: 'Dangling', status: 'True', lastTransitionTime: now, reason: 'NotFound', message: `This FlowSchema references the PriorityLevelConfiguration object named "${pl}" but there is no such object` };
}

export function flowControlController(r: Round): void {
  const { api } = r;
  const schemas = new Set<string>();
  let levelsChanged: Set<string> | undefined;
  const policies = new Set<string>();
  for (const c of r.changes) {
    const k = c.obj.kind;
    if (k === 'FlowSchema' && c.type !== 'DELETED') schemas.add(c.obj.metadata.name);
    else if (k === 'PriorityLevelConfiguration' && c.type !== 'MODIFIED') (levelsChanged ??= new Set()).add(c.obj.metadata.name);
    else if (k === 'ValidatingAdmissionPolicy' && c.type !== 'DELETED') policies.add(c.obj.metadata.name);
  }
  if (levelsChanged) for (const fs of api.list('FlowSchema')) if (levelsChanged.has(fs.spec?.priorityLevelConfiguration?.name)) schemas.add(fs.metadata.name);
  if (!schemas.size && !policies.size) return;
  const now = api.now().toISOString().replace(/\.\d+Z$/, 'Z');
  for (const name of schemas) {
    const fs = api.get('FlowSchema', undefined, name);
    if (!fs || fs.metadata.deletionTimestamp) continue;
    const exists = !!api.get('PriorityLevelConfiguration', undefined, fs.spec?.priorityLevelConfiguration?.name ?? '');
    const cur = (fs.status?.conditions ?? []).find((x: any) => x.type === 'Dangling');
    const want = danglingCondition(fs, exists, now);
    if (cur && cur.status === want.status && cur.reason === want.reason && cur.message === want.message) continue;
    api.mutate('FlowSchema', undefined, name, (o) => {
      const others = (o.status?.conditions ?? []).filter((x: any) => x.type !== 'Dangling');
      o.status = { ...(o.status ?? {}), conditions: [...others, want] };
    }, { status: true });
  }
  for (const name of policies) {
    const p = api.get('ValidatingAdmissionPolicy', undefined, name);
    if (!p || p.metadata.deletionTimestamp) continue;
    const gen = p.metadata.generation ?? 1;
    if (p.status?.observedGeneration === gen && p.status?.typeChecking) continue;
    api.mutate('ValidatingAdmissionPolicy', undefined, name, (o) => { o.status = { ...(o.status ?? {}), observedGeneration: gen, typeChecking: {} }; }, { status: true });
  }
}
