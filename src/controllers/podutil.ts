// Small predicates on pods shared by controllers.
import type { KObject } from '../api/types';

export const isPodActive = (p: KObject) => !p.metadata.deletionTimestamp && p.status?.phase !== 'Succeeded' && p.status?.phase !== 'Failed';
export const isPodReady = (p: KObject) => !!p.status?.conditions?.some((c: any) => c.type === 'Ready' && c.status === 'True');
export const controllerOf = (o: KObject) => o.metadata.ownerReferences?.find((x) => x.controller);
