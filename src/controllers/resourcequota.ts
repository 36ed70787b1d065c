// The resource quota controller (pkg/controller/resourcequota): status.hard follows spec.hard and
// status.used is what the namespace's objects use, by the evaluators of src/api/quota.ts. A new or
// changed quota is measured whole; otherwise each changed object moves the usage by its own
// difference, so the work follows the change (no periodic resync: nothing due while idle).
// (What an object adds when created the admission plugin charged already.)
import type { Round } from './context';
import type { KObject } from '../api/types';
import { dueOf, memo } from './context';
import { evaluatorFor, kindsFor, chargeFor, addUsage, maskUsage, usageOf, usageJson, usageEquals, scopeSelectors, Usage } from '../api/quota';
import { goAdd, goSub, signOf, zeroQuantity, parseQuantity } from '../api/resource-quantity';

export function resourceQuotaController(r: Round): void {
  const { api } = r;
  const full = new Map<string, { ns: string; name: string }>();
  const mark = (ns: string, name: string) => full.set(`${ns}/${name}`, { ns, name });
  for (const c of r.changes) {
    if (c.obj.kind !== 'ResourceQuota' || c.type === 'DELETED') continue;
    const q = c.obj;
    if (!q.status?.hard || !q.status?.used || !usageEquals(usageOf(q.spec?.hard), usageOf(q.status.hard))
      || JSON.stringify(c.old?.spec) !== JSON.stringify(q.spec)) mark(q.metadata.namespace!, q.metadata.name);
  }
  for (const d of dueOf(r, 'ResourceQuota')) mark(d.namespace, d.name);

  // Replenishment: what changed objects now use, less what they used.
  const deltas = new Map<string, { q: KObject; delta: Usage }>();
  // A pod deleted long ago and still not gone (a lost node's) is charged until it goes: every
  // change is measured the same way, so the differences add up.
  const now = -Infinity;
  for (const c of r.changes) {
    const ns = c.obj.metadata.namespace;
    if (!ns || c.type === 'ADDED') continue;
    const e = evaluatorFor(c.obj.kind);
    if (!e) continue;
    const quotas = memo(r, `resourcequotas/${ns}`, () => api.list('ResourceQuota', ns));
    for (const q of quotas) {
      const key = `${ns}/${q.metadata.name}`;
      if (full.has(key) || !q.status?.hard) continue;
      const hardNames = Object.keys(q.status.hard);
      if (!e.matching(hardNames).length) continue;
      let delta: Usage;
      if (c.type === 'DELETED') delta = negate(chargeFor(q, e, c.obj, now, hardNames));
      else if (c.old) delta = difference(chargeFor(q, e, c.obj, now, hardNames), chargeFor(q, e, c.old, now, hardNames));
      else if (c.obj.kind === 'Pod' && !podCharged(c.obj, now)) { mark(ns, q.metadata.name); continue; }
      else if (c.obj.kind === 'Pod') continue; // a status write of a live pod: its usage is as it was
      else { mark(ns, q.metadata.name); continue; }
      if (![...delta.values()].some((v) => signOf(v) !== 0)) continue;
      const d = deltas.get(key);
      deltas.set(key, { q, delta: d ? addUsage(d.delta, delta) : delta });
    }
  }
  for (const [key, { q, delta }] of deltas) {
    if (full.has(key)) continue;
    const cur = api.get('ResourceQuota', q.metadata.namespace, q.metadata.name);
    if (!cur?.status?.used) continue;
    const used = usageOf(cur.status.used);
    for (const [k, v] of delta) {
      if (!used.has(k)) continue;
      let n = goAdd(used.get(k)!, v);
      if (signOf(n) < 0) n = zeroQuantity(n.format);
      used.set(k, n);
    }
    cur.status = { ...cur.status, used: usageJson(used) };
    api.update(cur, { status: true });
  }
  for (const { ns, name } of full.values()) syncQuota(r, ns, name);
}

/** A pod whose phase is terminal uses nothing (but its count/pods). */
function podCharged(pod: KObject, now: number): boolean {
  return evaluatorFor('Pod')!.usage(pod, now).has('pods');
}

function negate(u: Usage): Usage {
  const out: Usage = new Map();
  for (const [k, q] of u) out.set(k, goSub(zeroQuantity(q.format), q));
  return out;
}

function difference(now: Usage, before: Usage): Usage {
  const out: Usage = new Map();
  for (const k of new Set([...now.keys(), ...before.keys()])) {
    const a = now.get(k), b = before.get(k);
    out.set(k, a && b ? goSub(a, b) : a ?? goSub(zeroQuantity(b!.format), b!));
  }
  return out;
}

/** syncResourceQuota: hard from spec, used measured from the namespace's objects. */
function syncQuota(r: Round, ns: string, name: string): void {
  const { api } = r;
  const q = api.get('ResourceQuota', ns, name);
  if (!q || q.metadata.deletionTimestamp) return;
  const hard = usageOf(q.spec?.hard);
  const hardNames = [...hard.keys()];
  const previous = usageOf(q.status?.used);
  let used = new Map(previous);
  for (const [k, v] of calculateUsage(r, q, hardNames)) used.set(k, v);
  used = maskUsage(used, hardNames);
  const dirty = !q.status?.hard || !q.status?.used || !usageEquals(hard, usageOf(q.status.hard)) || !usageEquals(used, previous);
  if (dirty) {
    q.status = { hard: usageJson(hard), used: usageJson(used) };
    api.update(q, { status: true });
  }
}

/** quota.CalculateUsage: per kind whose evaluator measures some hard name, the sum over the
 *  namespace's objects in the quota's scopes (each measured name starting at zero). */
function calculateUsage(r: Round, q: KObject, hardNames: string[]): Usage {
  const ns = q.metadata.namespace!;
  const now = -Infinity;
  let total: Usage = new Map();
  const scopes = scopeSelectors(q);
  for (const kind of kindsFor(hardNames)) {
    const e = evaluatorFor(kind)!;
    const names = e.matching(hardNames);
    let used: Usage = new Map(names.map((n) => [n, { ...parseQuantity('0')!, format: 'DecimalSI' as const }]));
    for (const o of r.api.list(kind, ns)) {
      if (!scopes.every((s) => e.inScope(s, o))) continue;
      const u = e.usage(o, now);
      for (const n of names) if (u.has(n)) used.set(n, goAdd(used.get(n)!, u.get(n)!));
    }
    used = maskUsage(used, names);
    total = addUsage(total, used);
  }
  return total;
}
