// resource.Quantity (k8s.io/apimachinery/pkg/api/resource): parse, add, subtract,
// compare, Value/MilliValue and the canonical String(). Exact, on BigInt: a value is
// mant * 10^scale.

export type QFormat = 'DecimalSI' | 'BinarySI' | 'DecimalExponent' | '';

export interface Quantity {
  mant: bigint;
  scale: number;
  format: QFormat;
}

const DEC_SUFFIX: Record<string, number> = { n: -9, u: -6, m: -3, '': 0, k: 3, M: 6, G: 9, T: 12, P: 15, E: 18 };
const BIN_SUFFIX: Record<string, number> = { Ki: 10, Mi: 20, Gi: 30, Ti: 40, Pi: 50, Ei: 60 };

export const zeroQuantity = (format: QFormat = ''): Quantity => ({ mant: 0n, scale: 0, format });

const pow10 = (n: number) => 10n ** BigInt(n);

/** resource.ParseQuantity; undefined when the string is not a quantity. */
export function parseQuantity(input: unknown): Quantity | undefined {
  if (typeof input === 'number') input = String(input);
  if (typeof input !== 'string') return undefined;
  const s = input.trim();
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(.*)$/.exec(s);
  if (!m || (m[2] === '' && (m[3] === undefined || m[3] === ''))) return undefined;
  const [, sign, whole, frac = '', suffix] = m;
  let mant = BigInt((whole || '0') + frac);
  let scale = -frac.length;
  let format: QFormat;
  if (suffix in DEC_SUFFIX) { format = 'DecimalSI'; scale += DEC_SUFFIX[suffix]; }
  else if (suffix in BIN_SUFFIX) { format = 'BinarySI'; mant *= 1n << BigInt(BIN_SUFFIX[suffix]); }
  else if (/^[eE][+-]?\d+$/.test(suffix)) { format = 'DecimalExponent'; scale += Number(suffix.slice(1)); }
  else return undefined;
  if (sign === '-') mant = -mant;
  // precision is limited to nano units, rounding up
  if (scale < -9) {
    const d = pow10(-9 - scale);
    const q = mant / d;
    mant = mant % d === 0n ? q : (mant > 0n ? q + 1n : q);
    scale = -9;
  }
  return normalize({ mant, scale, format });
}

function normalize(q: Quantity): Quantity {
  if (q.mant === 0n) return { mant: 0n, scale: 0, format: q.format };
  let { mant, scale } = q;
  while (mant % 10n === 0n) { mant /= 10n; scale++; }
  return { mant, scale, format: q.format };
}

function align(a: Quantity, b: Quantity): [bigint, bigint, number] {
  const s = Math.min(a.scale, b.scale);
  return [a.mant * pow10(a.scale - s), b.mant * pow10(b.scale - s), s];
}

/** q.Add(y): the sum keeps q's format. */
export function addQuantity(q: Quantity, y: Quantity): Quantity {
  const [x1, y1, s] = align(q, y);
  return normalize({ mant: x1 + y1, scale: s, format: q.format || y.format });
}

export function cmpQuantity(a: Quantity, b: Quantity): number {
  const [x, y] = align(a, b);
  return x < y ? -1 : x > y ? 1 : 0;
}

export const isZero = (q: Quantity) => q.mant === 0n;

function ceilScaled(q: Quantity, scale: number): bigint {
  // value at the given decimal scale, rounded up (away from zero for positives, as Quantity does)
  if (q.scale >= scale) return q.mant * pow10(q.scale - scale);
  const d = pow10(scale - q.scale);
  const r = q.mant / d;
  return q.mant % d === 0n ? r : q.mant > 0n ? r + 1n : r - 1n;
}

/** q.Value(): rounded up to an integer. */
export const quantityValue = (q: Quantity): bigint => ceilScaled(q, 0);
/** q.MilliValue(). */
export const quantityMilliValue = (q: Quantity): bigint => ceilScaled(q, -3);

const DEC_BY_EXP: Record<number, string> = { [-9]: 'n', [-6]: 'u', [-3]: 'm', 0: '', 3: 'k', 6: 'M', 9: 'G', 12: 'T', 15: 'P', 18: 'E' };
const BIN_BY_EXP: Record<number, string> = { 0: '', 10: 'Ki', 20: 'Mi', 30: 'Gi', 40: 'Ti', 50: 'Pi', 60: 'Ei' };

/** Quantity.String(): the canonical form. */
export function quantityString(q: Quantity): string {
  if (q.mant === 0n) return '0';
  let format = q.format;
  if (format === 'BinarySI') {
    const abs = q.mant < 0n ? -q.mant : q.mant;
    // below 1024, or not an integer: shown as DecimalSI
    if (q.scale < 0 || abs * pow10(q.scale) < 1024n) format = 'DecimalSI';
  } else if (format !== 'DecimalSI') {
    format = 'DecimalExponent';
  }
  if (format === 'BinarySI') {
    let v = q.mant * pow10(q.scale);
    let e = 0;
    while (v % 1024n === 0n && e < 60) { v /= 1024n; e += 10; }
    return v.toString() + BIN_BY_EXP[e];
  }
  // AsCanonicalBytes: exponent a multiple of 3, mantissa an integer
  let mant = q.mant;
  let exp = q.scale;
  const r = ((exp % 3) + 3) % 3;
  if (r === 1) { mant *= 10n; exp -= 1; } else if (r === 2) { mant *= 100n; exp -= 2; }
  if (format === 'DecimalSI' && exp in DEC_BY_EXP) return mant.toString() + DEC_BY_EXP[exp];
  return mant.toString() + (exp === 0 ? '' : 'e' + exp);
}

/** The canonical string of a quantity as found in an object (strings that do not parse are shown as-is). */
export function canonical(v: unknown): string {
  const q = parseQuantity(v);
  return q ? quantityString(q) : String(v ?? '0');
}

export type ResourceList = Map<string, Quantity>;

export function resourceList(obj: Record<string, unknown> | null | undefined): ResourceList {
  const m: ResourceList = new Map();
  for (const [k, v] of Object.entries(obj ?? {})) {
    const q = parseQuantity(v);
    if (q) m.set(k, q);
  }
  return m;
}

/** addResourceList: list += add, per resource. */
export function addResourceList(list: ResourceList, add: ResourceList): void {
  for (const [k, q] of add) {
    const v = list.get(k);
    list.set(k, v ? addQuantity(v, q) : { ...q });
  }
}

/** maxResourceList: list = max(list, other), per resource. */
export function maxResourceList(list: ResourceList, other: ResourceList): void {
  for (const [k, q] of other) {
    const v = list.get(k);
    if (!v || cmpQuantity(q, v) > 0) list.set(k, { ...q });
  }
}

/** A resource of a list, or a zero quantity of the resource's default format (ResourceList.Cpu() etc.). */
export function resourceOf(list: ResourceList, name: string): Quantity {
  return list.get(name) ?? zeroQuantity(name === 'cpu' || name === 'pods' ? 'DecimalSI' : 'BinarySI');
}

/** Quantity.Add as Go does it: a zero quantity takes the format of what is added to it. */
export function goAdd(q: Quantity, y: Quantity): Quantity {
  const s = addQuantity(q, y);
  return { ...s, format: isZero(q) ? y.format : q.format };
}

/** Quantity.Sub: likewise, a zero quantity takes y's format. */
export function goSub(q: Quantity, y: Quantity): Quantity {
  return goAdd(q, { ...y, mant: -y.mant, format: y.format });
}

export const signOf = (q: Quantity) => (q.mant > 0n ? 1 : q.mant < 0n ? -1 : 0);
