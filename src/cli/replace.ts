// kubectl replace -f: PUT each object (its resourceVersion, if the file has one, must match);
// --force deletes and re-creates.
import { parseFlags } from './flags';
import { out, err } from './io';
import { ApiError, CliError, KObject } from '../api/types';
import { parseOutput } from '../printers/output';
import { parseDryRun } from './create';
import { forEachObject, printErrors, apiErr, serverCreate, serverUpdate, parseValidate, ObjectPrinter, VisitContext } from './manifest-verbs';
import { session } from './session';
import { notFound } from '../api/server';
import { requestBody } from '../api/received';

export function run(argv: string[]): number {
  const p = parseFlags(argv, [
    { name: 'filename', short: 'f', type: 'stringArray', default: [] },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'kustomize', short: 'k', type: 'string', default: '' },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'dry-run', type: 'string', default: 'none' },
    { name: 'force', type: 'bool', default: false },
    { name: 'grace-period', type: 'int', default: -1 },
    { name: 'cascade', type: 'string', default: 'background' },
    { name: 'timeout', type: 'string', default: '0s' },
    { name: 'wait', type: 'bool', default: false },
    { name: 'save-config', type: 'bool', default: false },
    { name: 'validate', type: 'string', default: 'strict' },
    { name: 'field-manager', type: 'string', default: 'kubectl-replace' },
    { name: 'subresource', type: 'string', default: '' },
    { name: 'raw', type: 'string', default: '' },
    { name: 'template', type: 'string', default: '' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'show-managed-fields', type: 'bool', default: false },
  ], 'kubectl replace');
  const f = p.flags;
  if (!f.filename.length && !f.kustomize) throw new CliError('must specify one of -f and -k');
  const dryRun = parseDryRun(f['dry-run'], p.set.has('dry-run'));
  if (f.force && dryRun !== 'none') throw new CliError('--dry-run can not be used when --force is set');
  const spec = parseOutput(f.output || undefined, f.template || undefined, { noTables: true });
  const validation = parseValidate(f.validate);
  const s = session();
  const ctx: VisitContext = { s, ns: s.namespace(f.namespace), explicitNs: p.set.has('namespace') && !!f.namespace, errors: [] };
  const printer = new ObjectPrinter(spec, dryRun, f['allow-missing-template-keys']);
  const forceDeleted: KObject[] = [];
  const n = forEachObject(p, ctx, (mo) => {
    const ns = mo.info.namespaced ? mo.obj.metadata.namespace : undefined;
    if (f['save-config']) {
      const { setLastApplied } = require('./lastapplied');
      setLastApplied(mo.obj, false);
    }
    if (f.force) {
      // delete (ignoring NotFound), wait for it to be gone, then create
      const { deletedLine, waitGone } = require('./delete') as typeof import('./delete');
      const cascade = String(f.cascade);
      const opts = { grace: f['grace-period'] >= 0 ? f['grace-period'] as number : undefined, propagation: cascade === 'orphan' ? 'Orphan' as const : cascade === 'foreground' ? 'Foreground' as const : 'Background' as const };
      const gone = s.write((api) => {
        const cur = api.get(mo.info.kind, ns, mo.obj.metadata.name);
        if (!cur) return undefined;
        api.delete(mo.info.kind, ns, cur.metadata.name, { gracePeriodSeconds: opts.grace, propagation: opts.propagation });
        return cur;
      });
      if (gone) { out(deletedLine(gone, { dryRun: 'none' })); forceDeleted.push(gone); waitGone(s, [gone]); }
      try {
        const created = s.write((api) => serverCreate(api, mo.obj, mo.info, { validation }));
        printer.print(created, 'replaced');
      } catch (e) {
        if (e instanceof ApiError) { ctx.errors.push(apiErr(e, 'creating', mo.source)); return; }
        throw e;
      }
      return;
    }
    try {
      const result = s.write((api) => {
        if (dryRun === 'client') { if (!api.get(mo.info.kind, ns, mo.obj.metadata.name)) throw notFound(mo.info, mo.obj.metadata.name); return mo.obj; }
        // the PUT's body is refused for its size before the server looks the object up
        requestBody(mo.obj);
        const cur = api.get(mo.info.kind, ns, mo.obj.metadata.name);
        if (!cur) throw notFound(mo.info, mo.obj.metadata.name);
        return serverUpdate(api, mo.obj, cur, mo.info, { dryRun: dryRun === 'server', validation });
      });
      printer.print(result, 'replaced');
    } catch (e) {
      if (e instanceof ApiError) { ctx.errors.push(apiErr(e, 'replacing', mo.source)); return; }
      throw e;
    }
  });
  void err;
  if (n === 0 && !ctx.errors.length) return 0;
  return printErrors(ctx.errors) || printer.rc;
}
