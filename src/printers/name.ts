// -o name: `<kind>[.<group>]/<name>` per object, as cli-runtime's NamePrinter writes it (the
// group comes from the object's apiVersion: `deployment.apps/x`, `endpoints/x`, `event/x`).
import { CliError, KObject } from '../api/types';

/** `kind[.group]` of an object, lower-cased kind. */
export function nameKind(o: Pick<KObject, 'apiVersion' | 'kind'>): string {
  const av = o.apiVersion || '';
  const group = av.includes('/') ? av.slice(0, av.indexOf('/')) : '';
  const kind = (o.kind || '').toLowerCase();
  return group ? `${kind}.${group}` : kind;
}

/** One -o name line without the newline; with an operation (`created`, `deleted`, ...) appended
 *  after a space, as `kubectl create -o name` style messages do. */
export function nameLine(o: KObject, operation?: string): string {
  const name = o.metadata?.name || '<unknown>'; // NamePrinter's name for an object without one
  if (!o.kind) throw new CliError(`missing kind for resource with name ${name}`);
  const s = `${nameKind(o)}/${name}`;
  return operation ? `${s} ${operation}` : s;
}

/** -o name output for a list of objects (each line ends with a newline; "" for none). */
export function printNames(objects: KObject[], operation?: string): string {
  let out = '';
  for (const o of objects) out += nameLine(o, operation) + '\n';
  return out;
}
