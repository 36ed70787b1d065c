// Resolving `TYPE[,TYPE] [NAME...]` and `TYPE/NAME ...` arguments as kubectl's resource builder
// does, with its messages.
import { CliError, KObject } from '../api/types';
import { resolveResource, KindInfo, categoryKinds } from '../api/kinds';

export interface ResourceRequest {
  info: KindInfo;
  /** named objects; empty means "list" */
  names: string[];
}

/** schema.ParseGroupResource: the message names the part before the first dot. */
export const unknownType = (t: string) => new CliError(`the server doesn't have a resource type "${t.split('.')[0]}"`);

export function resolveType(t: string): KindInfo {
  const k = resolveResource(t);
  if (!k) throw unknownType(t);
  return k;
}

export function expandTypes(typeArg: string): KindInfo[] {
  const out: KindInfo[] = [];
  for (const t of typeArg.split(',')) {
    if (!t) continue;
    if (t === 'all') { for (const k of categoryKinds('all')) if (!out.includes(k)) out.push(k); continue; }
    // a name that is no resource may be a category (`api-extensions`, or one a CRD declares)
    const cat = resolveResource(t) ? [] : categoryKinds(t);
    if (cat.length) { for (const k of cat) if (!out.includes(k)) out.push(k); continue; }
    const k = resolveType(t);
    if (!out.includes(k)) out.push(k);
  }
  return out;
}

/** Parse resource arguments. Returns requests in argument order; with TYPE/NAME args each one
 *  is its own request. */
export function parseResourceArgs(args: string[]): { requests: ResourceRequest[]; singleItem: boolean } {
  if (!args.length) return { requests: [], singleItem: false };
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length) {
    if (slashed.length !== args.length) {
      throw new CliError("there is no need to specify a resource type as a separate argument when passing arguments in resource/name form (e.g. 'kubectl get resource/<resource_name>' instead of 'kubectl get resource resource/<resource_name>'");
    }
    const requests: ResourceRequest[] = [];
    for (const a of args) {
      if (a.split('/').length > 2) throw new CliError('arguments in resource/name form may not have more than one slash');
      const i = a.indexOf('/');
      const t = a.slice(0, i), name = a.slice(i + 1);
      if (!name) throw new CliError(`arguments in resource/name form must have a single resource and name`);
      const info = resolveType(t);
      const last = requests[requests.length - 1];
      if (last && last.info === info) last.names.push(name);
      else requests.push({ info, names: [name] });
    }
    return { requests, singleItem: args.length === 1 };
  }
  const types = expandTypes(args[0]);
  const names = args.slice(1);
  return { requests: types.map((info) => ({ info, names: [...names] })), singleItem: types.length === 1 && names.length === 1 && !args[0].includes(',') };
}

/** The resource builder's refusal of names next to a label or field selector (visitBySelector):
 *  after the arguments' syntax errors, before their types are resolved. */
export function selectorWithNamesError(args: string[], labelSelector: string, fieldSelector: string): CliError | undefined {
  if (!labelSelector.trim() && !fieldSelector.trim()) return undefined;
  const slashed = args.filter((a) => a.includes('/'));
  if (slashed.length) {
    if (slashed.length !== args.length || args.some((a) => !a.slice(a.indexOf('/') + 1))) return undefined;
    return new CliError('selectors and the all flag cannot be used when passing resource/name arguments');
  }
  if (args.length < 2) return undefined;
  // several types with names are resource/name pairs to the builder
  if (args[0].split(',').filter(Boolean).length > 1) return new CliError('selectors and the all flag cannot be used when passing resource/name arguments');
  return new CliError('name cannot be provided when a selector is specified');
}

/** `<kind>[.<group>]` and `<kind>[.<group>]/<name>` as the name printer writes them. */
export function kindRef(o: KObject): string {
  const group = o.apiVersion?.includes('/') ? o.apiVersion.split('/')[0] : '';
  return `${o.kind.toLowerCase()}${group ? '.' + group : ''}`;
}
// NamePrinter writes <unknown> for an object without a name (e.g. only generateName, dry run)
export const objectRef = (o: KObject) => `${kindRef(o)}/${o.metadata?.name || '<unknown>'}`;

