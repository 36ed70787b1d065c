// -o: choose the printer kubectl would, and print objects with it. The heavy engines (templates,
// YAML) are loaded only when their format is asked for.
import { CliError, KObject } from '../api/types';
import * as fs from 'fs';

export type OutputKind = 'table' | 'wide' | 'name' | 'json' | 'yaml' | 'jsonpath' | 'jsonpath-as-json' | 'go-template' | 'custom-columns';
export interface OutputSpec { kind: OutputKind; template?: string }

const ALLOWED = 'custom-columns,custom-columns-file,go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,wide,yaml';

const ALLOWED_NO_TABLES = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

/** Parse -o / --template as kubectl's PrintFlags do. Verbs that change objects (create, apply,
 *  run, expose, label, patch, set ...) have no table printers: `noTables` refuses -o wide and
 *  custom-columns as their PrintFlags do. */
export function parseOutput(o: string | undefined, templateFlag?: string, opts: { noTables?: boolean } = {}): OutputSpec {
  if (opts.noTables && o && /^(wide|custom-columns|custom-columns-file)(=|$)/.test(o) && !(templateFlag && o.includes('='))) {
    throw new CliError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${ALLOWED_NO_TABLES}`);
  }
  if (!o) {
    if (templateFlag) return { kind: 'go-template', template: templateFlag };
    return { kind: 'table' };
  }
  // a non-empty --template is the argument; then -o is taken whole, so `-o go-template=X
  // --template=Y` names no known format (cli-runtime's template/jsonpath/custom-columns flags)
  const eq = templateFlag ? -1 : o.indexOf('=');
  const fmt = eq >= 0 ? o.slice(0, eq) : o;
  let arg = eq >= 0 ? o.slice(eq + 1) : templateFlag || undefined;
  const needTemplate = (a: string | undefined) => {
    const t = a ?? templateFlag;
    if (t === undefined || t === '') throw new CliError('template format specified but no template given');
    return t;
  };
  const readFile = (f: string, what = '--template') => {
    try { return fs.readFileSync(f, 'utf8'); } catch (e: any) {
      // Go's os.ReadFile: open fails for a missing/unreadable file, read fails for a directory
      const why = e?.code === 'EISDIR' ? `read ${f}: is a directory` : e?.code === 'EACCES' ? `open ${f}: permission denied` : `open ${f}: no such file or directory`;
      throw new CliError(`error reading ${what} ${f}, ${why}`);
    }
  };
  // cli-runtime's JSON/YAML and name printers take their format in any case (-o JSON); the others do not
  const lower = fmt.toLowerCase();
  if (eq < 0 && (lower === 'name' || lower === 'json' || lower === 'yaml')) return { kind: lower };
  switch (fmt) {
    case 'wide': case 'name': case 'json': case 'yaml':
      if (eq >= 0) break;
      return { kind: fmt };
    case 'jsonpath': return { kind: 'jsonpath', template: needTemplate(arg) };
    case 'jsonpath-as-json': return { kind: 'jsonpath-as-json', template: needTemplate(arg) };
    case 'jsonpath-file': return { kind: 'jsonpath', template: readFile(needTemplate(arg)) };
    case 'go-template': case 'template': return { kind: 'go-template', template: needTemplate(arg) };
    case 'go-template-file': case 'templatefile': return { kind: 'go-template', template: readFile(needTemplate(arg)) };
    case 'custom-columns':
      if (!arg) throw new CliError('custom-columns format specified but no custom columns given');
      return { kind: 'custom-columns', template: arg };
    case 'custom-columns-file': {
      if (!arg) throw new CliError('custom-columns format specified but no custom columns given');
      const { parseCustomColumnsFile } = require('./customcolumns');
      // kubectl opens the file and scans it: a directory opens fine and reads as no lines
      const text = fs.statSync(arg, { throwIfNoEntry: false })?.isDirectory() ? '' : readFile(arg, 'template');
      return { kind: 'custom-columns', template: parseCustomColumnsFile(text) };
    }
  }
  void arg;
  throw new CliError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${ALLOWED}`);
}

export interface Rendered { out: string; err?: string }

/** A compiled non-table printer: for one object (singleItem) or a List of items. */
export function compilePrinter(spec: OutputSpec, opts: { allowMissingKeys?: boolean; noHeaders?: boolean; typed?: boolean | 'ordered'; sink?: (s: string) => void } = {}): (data: { single?: KObject; items: KObject[] }) => Rendered {
  const wrap = (d: { single?: KObject; items: KObject[] }) => d.single ?? { apiVersion: 'v1', items: d.items, kind: 'List', metadata: { resourceVersion: '' } };
  // sink: a list is written as it is produced, not built as one string
  const sink = opts.sink;
  switch (spec.kind) {
    case 'json': {
      const { toJson, toJsonStream } = require('./json');
      if (sink) return (d) => { if (d.single) return { out: toJson(d.single, { sortKeys: true }) }; toJsonStream(wrap(d), sink); return { out: '' }; };
      return (d) => ({ out: toJson(wrap(d), { sortKeys: true }) });
    }
    case 'yaml': {
      const { toYaml, toYamlStreamed } = require('./yaml');
      if (sink) return (d) => { if (d.single) return { out: toYaml(d.single) }; toYamlStreamed(wrap(d), sink); return { out: '' }; };
      return (d) => ({ out: toYaml(wrap(d)) });
    }
    case 'name': {
      const { nameLine } = require('./name');
      if (sink) return (d) => { let buf = ''; for (const o of d.single ? [d.single] : d.items) { buf += nameLine(o) + '\n'; if (buf.length > 65536) { sink(buf); buf = ''; } } return { out: buf }; };
      return (d) => ({ out: (d.single ? [d.single] : d.items).map((o: KObject) => nameLine(o) + '\n').join('') });
    }
    case 'jsonpath': case 'jsonpath-as-json': {
      const { compileJsonPath } = require('./jsonpath/index');
      const f = compileJsonPath(spec.template!, { allowMissingKeys: opts.allowMissingKeys ?? true, asJson: spec.kind === 'jsonpath-as-json', sink });
      return (d) => f(wrap(d));
    }
    case 'go-template': {
      const { compileGoTemplate } = require('./gotemplate/index');
      const f = compileGoTemplate(spec.template!, { allowMissingKeys: opts.allowMissingKeys ?? true, sink });
      // an object kubectl built or decoded into its Go struct (typed) shows in struct order in
      // the "raw data" of an execution error
      // the "raw data" of an execution error ('ordered': the object is in struct order already)
      if (opts.typed === 'ordered') return (d) => f(wrap(d), wrap(d));
      if (opts.typed) return (d) => f(wrap(d), require('./typed').toTypedOrder(wrap(d)));
      return (d) => f(wrap(d));
    }
    case 'custom-columns': {
      const { compileCustomColumnsRendered } = require('./customcolumns');
      const f = compileCustomColumnsRendered(spec.template!, { noHeaders: opts.noHeaders });
      return (d) => f(d.single ? [d.single] : d.items);
    }
  }
  throw new Error(`no printer for ${spec.kind}`);
}
