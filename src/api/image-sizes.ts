// The size the kubelet's Pulled event prints ("Image size: N bytes."): containerd's size of the
// image for linux/amd64, i.e. the compressed layers of its manifest. A small table, kept apart
// from the data plane's image catalogue (network/image-catalog.ts) so that `get events` and
// `describe` do not load the catalogue. Images not listed get a stable size derived from the
// name (a plausible few to tens of MB).
import { fnv32a } from './names';

/** Keys: repository (registry and library/ dropped) and, for variants, `repo:alpine`. */
const SIZES: Record<string, number> = {
  busybox: 2156103,
  alpine: 3653068,
  ubuntu: 29723147,
  debian: 48494272,
  nginx: 72188133,
  'nginx:alpine': 20986436,
  httpd: 58155462,
  'httpd:alpine': 20817264,
  'jpetazzo/httpenv': 3566612,
  'traefik/whoami': 3045993,
  'whoami/whoami': 3045993,
  'nicolaka/netshoot': 196532738,
  netshoot: 196532738,
  'curlimages/curl': 11247628,
  'radial/busyboxplus': 4227052,
  'radial/busyboxplus:curl': 4227052,
  'bprashanth/nginxhttps': 47380613,
  'e2e-test-images/agnhost': 54107185,
  'google-samples/kubernetes-bootcamp': 83550216,
  redis: 45076254,
  'redis:alpine': 17380296,
  mysql: 170565541,
  postgres: 155012113,
  'postgres:alpine': 106482212,
  python: 392045610,
  'python:slim': 43440627,
  'python:alpine': 17543018,
  node: 398233157,
  'node:alpine': 57336402,
  golang: 292346521,
  'golang:alpine': 78553316,
};

/** Repository path and tag of an image reference, the way the catalogue keys them. */
export function imageKey(image: string): { repo: string; tag: string } {
  let ref = image.trim();
  const at = ref.indexOf('@');
  let digest = false;
  if (at >= 0) { ref = ref.slice(0, at); digest = true; }
  let tag = '';
  const slash = ref.lastIndexOf('/');
  const colon = ref.lastIndexOf(':');
  if (colon > slash) { tag = ref.slice(colon + 1); ref = ref.slice(0, colon); }
  const parts = ref.split('/');
  if (parts.length > 1 && (parts[0].includes('.') || parts[0].includes(':') || parts[0] === 'localhost')) parts.shift();
  let repo = parts.join('/');
  if (repo.startsWith('library/')) repo = repo.slice(8);
  return { repo: repo.toLowerCase(), tag: tag || (digest ? '' : 'latest') };
}

/** The keys to look an image up by, most specific first: `repo:alpine`/`repo:slim`/`repo:curl`,
 *  repo, the last two path components, the last one. */
export function imageKeys(image: string): string[] {
  const { repo, tag } = imageKey(image);
  const t = tag.toLowerCase();
  const parts = repo.split('/');
  const bases = [repo];
  if (parts.length > 2) bases.push(parts.slice(-2).join('/'));
  const keys: string[] = [];
  for (const b of bases) {
    if (t.includes('alpine')) keys.push(`${b}:alpine`);
    if (t.includes('slim')) keys.push(`${b}:slim`);
    if (t === 'curl' || t.startsWith('curl-')) keys.push(`${b}:curl`);
    keys.push(b);
  }
  return keys;
}

export function imageSize(image: string): number {
  for (const k of imageKeys(image)) if (SIZES[k] !== undefined) return SIZES[k];
  return 1000000 + (fnv32a(image) % 90000000);
}
