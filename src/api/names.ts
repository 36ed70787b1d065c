// Names the API server and controllers generate.

const SUFFIX_ALPHABET = 'bcdfghjklmnpqrstvwxz2456789';

/** generateName's 5-character suffix (apiserver: no vowels, no 0/1/3). */
export function randomSuffix(n = 5): string {
  let s = '';
  for (let i = 0; i < n; i++) s += SUFFIX_ALPHABET[Math.floor(Math.random() * SUFFIX_ALPHABET.length)];
  return s;
}

/** FNV-32a of a string. */
export function fnv32a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 16777619) >>> 0;
  return h >>> 0;
}

/** The pod-template-hash label value: a uint32 hash in decimal with digits mapped as
 *  rand.SafeEncodeString does (0→4 1→5 … 9→f), so no vowels appear. */
export function safeEncode(n: number): string {
  const map = '456789bcdf';
  return String(n).split('').map((d) => map[Number(d)]).join('');
}

export function podTemplateHash(template: unknown, collisionCount = 0): string {
  return safeEncode(fnv32a(JSON.stringify(template) + (collisionCount ? String(collisionCount) : '')));
}
