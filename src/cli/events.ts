// kubectl events (kubectl/pkg/cmd/events): list a namespace's events (or all, -A), optionally
// only those about one object (--for TYPE/NAME) or of some types (--types), oldest first, in a
// table kubectl prints itself; --watch prints the current ones, then each new one as it comes.
// -o prints the typed EventList (Go struct order) with kubectl's printers.
import { parseFlags, FlagDef } from './flags';
import { session } from './session';
import { out, err } from './io';
import { CliError, KObject } from '../api/types';
import { resolveResource, kindInfo } from '../api/kinds';
import { parseOutput, OutputSpec } from '../printers/output';

const FLAGS: FlagDef[] = [
  { name: 'output', short: 'o', type: 'string', default: '' },
  { name: 'watch', short: 'w', type: 'bool', default: false },
  { name: 'all-namespaces', short: 'A', type: 'bool', default: false },
  { name: 'for', type: 'string', default: '' },
  { name: 'types', type: 'stringSlice', default: [] },
  { name: 'no-headers', type: 'bool', default: false },
  { name: 'chunk-size', type: 'int', default: 500 },
  { name: 'template', type: 'string', default: '' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'show-managed-fields', type: 'bool', default: false },
];

const ALLOWED = 'go-template,go-template-file,json,jsonpath,jsonpath-as-json,jsonpath-file,name,template,templatefile,yaml';

/** decodeResourceTypeName: `TYPE/NAME` to the involved object's kind, apiVersion and name;
 *  undefined without a slash. */
function decodeFor(s: string): { kind: string; apiVersion: string; name: string } | undefined {
  if (!s.includes('/')) return undefined;
  const seg = s.split('/');
  if (seg.length !== 2) throw new CliError('arguments in resource/name form may not have more than one slash');
  const [resource, name] = seg;
  const r = resource.toLowerCase();
  if (!r) throw new CliError('a resource must be present, got: /, Resource=');
  const info = resolveResource(r);
  if (!info) {
    const dot = r.indexOf('.');
    // cmdutil's message for a NoResourceMatchError, printed without the `error: ` prefix
    throw new CliError(dot < 0 ? `the server doesn't have a resource type "${r}"` : `the server doesn't have a resource type "${r.slice(0, dot)}" in group "${r.slice(dot + 1)}"`, 1, true);
  }
  return { kind: info.kind, apiVersion: info.group ? `${info.group}/${info.version}` : info.version, name };
}

function outputSpec(o: string, template: string): OutputSpec | undefined {
  if (!o) return undefined; // the event table (--template alone does not choose a printer here)
  const fmt = o.split('=')[0];
  const unmatched = () => new CliError(`unable to match a printer suitable for the output format "${o}", allowed formats are: ${ALLOWED}`);
  if (fmt === 'wide' || fmt.startsWith('custom-columns')) throw unmatched();
  try {
    return parseOutput(o, template || undefined);
  } catch (e) {
    if (e instanceof CliError && e.message.startsWith('unable to match a printer')) throw unmatched();
    throw e;
  }
}

export function run(argv: string[]): Promise<number> | number {
  const p = parseFlags(argv, FLAGS, 'kubectl events');
  const f = p.flags;
  const s = session();
  const ns = s.namespace(f.namespace);
  const allNs = !!f['all-namespaces'];
  // ToOptions: --for, then the printer; Validate: --types.
  const forObj = f.for ? decodeFor(f.for) : undefined;
  if (f.for && !forObj) throw new CliError('--for must be in resource/name form');
  const spec = outputSpec(f.output, f.template);
  const types: string[] = [...new Set<string>(f.types)].sort();
  for (const t of types) {
    if (t.toLowerCase() !== 'normal' && t.toLowerCase() !== 'warning') throw new CliError('valid --types are Normal or Warning');
  }
  const wanted = (e: KObject) => !types.length || types.some((t) => t.toLowerCase() === String(e.type ?? '').toLowerCase());
  const fieldSelector = forObj?.name
    ? `involvedObject.kind=${forObj.kind},involvedObject.apiVersion=${forObj.apiVersion},involvedObject.name=${forObj.name}`
    : '';
  const { eventsHeader, eventLine, printEventList, typedEvent } = require('../printers/events') as typeof import('../printers/events');

  if (f.watch) {
    const { TabWriter, GET_TABWRITER } = require('../printers/tabwriter') as typeof import('../printers/tabwriter');
    const w = new TabWriter(GET_TABWRITER);
    let headers = !!f['no-headers'];
    let docs = 0;
    const one = (e: KObject): string => {
      if (!wanted(e)) return '';
      if (!spec) {
        if (!headers) { w.write(eventsHeader(allNs)); headers = true; }
        w.write(eventLine(e, s.api.now(), allNs));
        return w.flush();
      }
      const o = typedEvent(e);
      switch (spec.kind) {
        case 'json': return (require('../printers/json') as typeof import('../printers/json')).toJson(o, { sortKeys: false });
        case 'yaml': return (docs++ ? '---\n' : '') + (require('../printers/yaml') as typeof import('../printers/yaml')).toYaml(o);
        case 'name': return `event/${o.metadata.name}\n`;
        default: {
          const r = (require('../printers/output') as typeof import('../printers/output')).compilePrinter(spec, { allowMissingKeys: f['allow-missing-template-keys'] })({ single: o, items: [] });
          if (r.err) err(r.err);
          return r.out;
        }
      }
    };
    const custom = {
      initial: (objs: KObject[]) => objs.map(one).join(''),
      // events are deleted after an hour; kubectl does not print that
      event: (type: string, o: KObject) => (type === 'DELETED' ? '' : one(o)),
    };
    const parsed = { ...p, flags: { selector: '', 'field-selector': fieldSelector, 'watch-only': false, 'output-watch-events': false } };
    return require('./watch').watch(parsed, [{ info: kindInfo('Event'), names: [] }], { kind: 'table' }, undefined, ns, allNs, custom);
  }

  s.catchUp();
  const items = s.api.list('Event', allNs ? undefined : ns, { fieldSelector: fieldSelector || undefined }).filter(wanted);
  if (!items.length) {
    err(allNs ? 'No events found.\n' : `No events found in ${ns} namespace.\n`);
    return 0;
  }
  out(printEventList(items, spec, { noHeaders: f['no-headers'], allNamespaces: allNs, now: s.api.now(), allowMissingKeys: f['allow-missing-template-keys'] }));
  return 0;
}
