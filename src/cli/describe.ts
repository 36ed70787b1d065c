// kubectl describe: find the objects (by name prefix, as kubectl does, or by selector) and
// print each with its describer; two blank lines between objects.
import { parseFlags } from './flags';
import { session } from './session';
import { parseResourceArgs, selectorWithNamesError } from './resources';
import { out, err, formatApiError, enhanceListError } from './io';
import { CliError, KObject } from '../api/types';
import { notFound } from '../api/server';

export function run(argv: string[]): number {
  const p = parseFlags(argv, [
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false },
    { name: 'show-events', type: 'bool', default: true },
    { name: 'chunk-size', type: 'int', default: 500 },
    { name: 'filename', short: 'f', type: 'stringArray', default: [] },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'kustomize', short: 'k', type: 'string', default: '' },
  ], 'kubectl describe');
  const f = p.flags;
  const s = session();
  s.catchUp();
  let objs: KObject[] = [];
  let rc = 0;
  const errors: string[] = [];
  const allNs = !!f['all-namespaces'];
  const ns = s.namespace(f.namespace);
  if (f.filename.length || f.kustomize) {
    objs = require('./manifest-verbs').objectsFromFilesLive(p, s, ns, errors);
    if (errors.length) rc = 1;
  } else {
    if (!p.args.length) {
      throw new CliError('You must specify the type of resource to describe. Use "kubectl api-resources" for a complete list of supported resources.');
    }
    const conflict = selectorWithNamesError(p.args, f.selector, '');
    if (conflict) throw conflict;
    const { requests } = parseResourceArgs(p.args);
    // kubectl falls back to a name-prefix match only for exactly `TYPE NAME` with NAME missing;
    // those matches print one blank line apart.
    if (p.args.length === 2 && !p.args[0].includes('/') && !p.args[0].includes(',') && requests.length === 1) {
      const r = requests[0];
      const name = r.names[0];
      if (!s.api.get(r.info.kind, r.info.namespaced ? ns : undefined, name)) {
        const prefixed = s.api.list(r.info.kind, r.info.namespaced ? ns : undefined).filter((o) => o.metadata.name.startsWith(name));
        if (!prefixed.length) throw notFound(r.info, name);
        const { describeObject, joinPrefixMatches } = require('../printers/describe/index');
        out(joinPrefixMatches(prefixed.map((o: KObject) => describeObject(o, s.api, { showEvents: f['show-events'] }))));
        return 0;
      }
    }
    for (const r of requests) {
      const scopeNs = allNs || !r.info.namespaced ? undefined : ns;
      if (!r.names.length) {
        try {
          objs.push(...s.api.list(r.info.kind, scopeNs, { labelSelector: f.selector.trim() || undefined }));
        } catch (e) { throw enhanceListError(e, r.info, f.selector, ''); }
        continue;
      }
      for (const name of r.names) {
        const exact = s.api.get(r.info.kind, r.info.namespaced ? ns : undefined, name);
        if (exact) objs.push(exact);
        else { errors.push(formatApiError(notFound(r.info, name))); rc = 1; }
      }
    }
    if (!objs.length && !errors.length) {
      const namespaced = requests.every((r) => r.info.namespaced);
      err(allNs || !namespaced ? 'No resources found\n' : `No resources found in ${ns} namespace.\n`);
      return 0;
    }
  }
  const { describeObject, joinDescriptions } = require('../printers/describe/index');
  out(joinDescriptions(objs.map((o) => describeObject(o, s.api, { showEvents: f['show-events'] }))));
  if (errors.length) err(errors.join('\n') + '\n');
  return rc;
}
