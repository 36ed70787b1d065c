// resource.Quantity as a plain number, for what compares amounts (the scheduler's fit check,
// the downward API's resourceFieldRef). Printing a quantity exactly is src/printers/sortby.ts's.

const SUFFIX: Record<string, number> = {
  '': 1, m: 1e-3, k: 1e3, M: 1e6, G: 1e9, T: 1e12, P: 1e15, E: 1e18,
  Ki: 1024, Mi: 1024 ** 2, Gi: 1024 ** 3, Ti: 1024 ** 4, Pi: 1024 ** 5, Ei: 1024 ** 6,
};

/** A resource.Quantity as a number ("500m" -> 0.5, "128Mi" -> 134217728). */
export function parseQuantity(q: unknown): number | undefined {
  if (typeof q === 'number') return q;
  if (typeof q !== 'string') return undefined;
  const m = /^([+-]?[0-9.]+(?:[eE][+-]?\d+)?)([a-zA-Z]*)$/.exec(q.trim());
  if (!m || !(m[2] in SUFFIX)) return undefined;
  return Number(m[1]) * SUFFIX[m[2]];
}
