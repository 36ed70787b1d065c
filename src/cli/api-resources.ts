// kubectl api-resources / api-versions: the discovery view of the kinds registry.
import { parseFlags } from './flags';
import { out } from './io';
import { CliError } from '../api/types';
import { allKinds, apiVersionOf, KindInfo } from '../api/kinds';

const VERBS_DEFAULT = ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'];
const VERBS: Record<string, string[]> = {
  Binding: ['create'],
  ComponentStatus: ['get', 'list'],
  Event: VERBS_DEFAULT,
  Namespace: ['create', 'delete', 'get', 'list', 'patch', 'update', 'watch'],
  Service: ['create', 'delete', 'deletecollection', 'get', 'list', 'patch', 'update', 'watch'],
};

export function run(argv: string[]): number {
  const p = parseFlags(argv, [
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'api-group', type: 'string', default: '' },
    { name: 'namespaced', type: 'bool', default: true },
    { name: 'verbs', type: 'stringSlice', default: [] },
    { name: 'sort-by', type: 'string', default: '' },
    { name: 'cached', type: 'bool', default: false },
    { name: 'categories', type: 'stringSlice', default: [] },
    { name: 'no-headers', type: 'bool', default: false },
  ], 'kubectl api-resources');
  const f = p.flags;
  if (p.args.length) throw new CliError(`error: unexpected arguments: [${p.args.join(' ')}]\nSee 'kubectl api-resources -h' for help and examples`, 1, true);
  const output = f.output;
  if (output && !['wide', 'name'].includes(output)) throw new CliError(`--output ${output} is not available`);
  if (f['sort-by'] && !['name', 'kind'].includes(f['sort-by'])) throw new CliError(`--sort-by accepts only name or kind`);
  // kubectl sorts by group (then name): the CRDs' groups fall in among the built-in ones
  let list: KindInfo[] = allKinds().filter((k) => !k.nonPreferred); // the preferred version of each group
  if (list.some((k) => k.custom)) list = list.map((k, i) => ({ k, i })).sort((a, b) => (a.k.group < b.k.group ? -1 : a.k.group > b.k.group ? 1 : a.i - b.i)).map((x) => x.k);
  if (p.set.has('api-group')) list = list.filter((k) => k.group === f['api-group']);
  if (p.set.has('namespaced')) list = list.filter((k) => k.namespaced === f.namespaced);
  if (f.verbs.length) list = list.filter((k) => f.verbs.every((v: string) => verbsOf(k).includes(v)));
  if (f.categories.length) list = list.filter((k) => f.categories.every((c: string) => (k.categories ?? []).includes(c)));
  if (f['sort-by'] === 'name') list.sort((a, b) => (a.plural < b.plural ? -1 : a.plural > b.plural ? 1 : 0));
  if (f['sort-by'] === 'kind') list.sort((a, b) => (a.kind < b.kind ? -1 : a.kind > b.kind ? 1 : 0));
  if (output === 'name') {
    out(list.map((k) => (k.group ? `${k.plural}.${k.group}` : k.plural) + '\n').join(''));
    return 0;
  }
  const wide = output === 'wide';
  let text = '';
  if (!f['no-headers']) text += `NAME\tSHORTNAMES\tAPIVERSION\tNAMESPACED\tKIND${wide ? '\tVERBS\tCATEGORIES' : ''}\n`;
  for (const k of list) {
    text += `${k.plural}\t${k.shortNames.join(',')}\t${apiVersionOf(k)}\t${k.namespaced}\t${k.kind}`;
    if (wide) text += `\t${verbsOf(k).join(',')}\t${(k.categories ?? []).join(',')}`;
    text += '\n';
  }
  const { tabwrite, GET_TABWRITER } = require('../printers/tabwriter');
  out(tabwrite(text, { ...GET_TABWRITER, flags: 0 }));
  return 0;
}

function verbsOf(k: KindInfo): string[] {
  return k.verbs ?? VERBS[k.kind] ?? VERBS_DEFAULT;
}

export function runVersions(argv: string[]): number {
  const p = parseFlags(argv, [], 'kubectl api-versions');
  if (p.args.length) throw new CliError(`error: unexpected arguments: [${p.args.join(' ')}]\nSee 'kubectl api-versions -h' for help and examples`, 1, true);
  const set = new Set<string>();
  for (const k of allKinds()) {
    set.add(apiVersionOf(k));
    for (const v of k.custom?.served ?? []) set.add(`${k.group}/${v}`);
  }
  // the groups of the review resources (authorization.k8s.io, authentication.k8s.io), not stored kinds
  const { REVIEW_RESOURCES } = require('../api/discovery') as typeof import('../api/discovery');
  for (const r of REVIEW_RESOURCES) set.add(`${r.group}/${r.version}`);
  // kubectl sorts the group/versions as strings
  out([...set].sort().map((v) => v + '\n').join(''));
  return 0;
}
