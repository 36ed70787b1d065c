// The approval subresource of a CertificateSigningRequest (pkg/registry/certificates/
// certificates/strategy.go, approvalStrategy): only status.conditions change, a condition without
// lastTransitionTime gets one, and validation allows Approved/Denied conditions to be added.
import type { Api } from '../server';
import type { KObject } from '../types';
import type { Cause } from '../validation';

export function updateApproval(api: Api, cur: KObject, conditions: any[] | undefined, opts: { dryRun?: boolean } = {}): KObject {
  const now = api.now().toISOString().replace(/\.\d+Z$/, 'Z');
  const next: KObject = structuredClone(cur);
  const old = cur.status?.conditions ?? [];
  const conds = structuredClone(conditions ?? []).map((c: any) => {
    const before = old.find((o: any) => o.type === c.type && o.status === c.status);
    if (!c.lastTransitionTime) c.lastTransitionTime = before?.lastTransitionTime ?? now;
    return c;
  });
  next.status = { ...(cur.status ?? {}) };
  if (conds.length) next.status.conditions = conds; else delete next.status.conditions;
  const causes: Cause[] = [];
  const { csrConditionCauses } = require('./validation') as typeof import('./validation');
  csrConditionCauses(next, cur, causes);
  if (causes.length) throw (require('../validation') as typeof import('../validation')).invalid('CertificateSigningRequest', cur.metadata.name, causes);
  if (opts.dryRun) return next;
  return api.update(next, { status: true, changed: true });
}
