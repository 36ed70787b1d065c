// A stand-in for `kubectl get ... -o jsonpath|jsonpath-file|jsonpath-as-json|custom-columns|
// custom-columns-file [--sort-by] [--no-headers] [--allow-missing-template-keys]` over a fixture
// List, built from the printers under test, the way kubectl's get.go printGeneric drives them.
// Used to replay cases recorded from real kubectl (test/golden/jsonpath/*.json).
import * as fs from 'fs';
import * as path from 'path';
import { CliError } from '../src/api/types';
import { compileJsonPath } from '../src/printers/jsonpath/index';
import { compileCustomColumns, CustomColumnsError, parseCustomColumnsFile } from '../src/printers/customcolumns';
import { sortObjects } from '../src/printers/sortby';
import { goJsonRoundTrip } from '../src/printers/jsonpath/values';

export const GOLDEN = path.join(__dirname, '..', '..', 'test', 'golden', 'jsonpath');

export interface Case {
  name: string;
  objects: string;
  args: string[];
  files?: Record<string, string>;
  stdout: string;
  stderr?: string;
  exit: number;
  note?: string;
}

export interface Result { stdout: string; stderr: string; exit: number }

const KINDS: Record<string, string> = {
  svc: 'Service', service: 'Service', services: 'Service',
  po: 'Pod', pod: 'Pod', pods: 'Pod',
  no: 'Node', node: 'Node', nodes: 'Node',
  cm: 'ConfigMap', configmap: 'ConfigMap', configmaps: 'ConfigMap',
  deploy: 'Deployment', deployment: 'Deployment', deployments: 'Deployment',
  ep: 'Endpoints', endpoints: 'Endpoints',
  secret: 'Secret', secrets: 'Secret',
};
const PLURAL: Record<string, string> = { Service: 'services', Pod: 'pods', Node: 'nodes', ConfigMap: 'configmaps', Deployment: 'deployments.apps', Endpoints: 'endpoints', Secret: 'secrets' };

const fixtures = new Map<string, any[]>();
function fixture(name: string): any[] {
  let f = fixtures.get(name);
  if (!f) {
    // the fixtures are read with Go's number rules (2.0 stays a float64, big integers exact)
    const { parseJsonLossless } = require('../src/printers/jsonpath/values');
    const data = parseJsonLossless(fs.readFileSync(path.join(GOLDEN, 'fixtures', name), 'utf8'));
    f = Array.isArray(data) ? data : data.items;
    fixtures.set(name, f!);
  }
  return f!;
}

function matchLabels(o: any, sel: string): boolean {
  const labels = o.metadata?.labels ?? {};
  return sel.split(',').every((t) => {
    const m = /^([^!=]+)(==|=|!=)(.*)$/.exec(t);
    if (!m) return t in labels;
    return (labels[m[1]] === m[3]) !== (m[2] === '!=');
  });
}

/** Run `kubectl ARGS` (args[0] === 'get') against a fixture. */
export function runGet(objectsFile: string, args: string[], files: Record<string, string> = {}): Result {
  const all = fixture(objectsFile);
  const flags: Record<string, string> = {};
  const pos: string[] = [];
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    const m = /^(?:--([a-z-]+)|-([olA]))(?:=(.*))?$/s.exec(a);
    if (!m) { pos.push(a); continue; }
    const name = m[1] ?? ({ o: 'output', l: 'selector', A: 'all-namespaces' } as Record<string, string>)[m[2]];
    if (m[3] !== undefined) flags[name] = m[3];
    else if (['no-headers', 'all-namespaces'].includes(name)) flags[name] = 'true';
    else flags[name] = args[++i];
  }
  const readFile = (f: string) => {
    if (f in files) return files[f];
    return undefined;
  };
  let stdout = '';
  let stderr = '';
  try {
    // -o / --template, as kubectl's PrintFlags choose the printer
    const o = flags.output ?? '';
    const eq = o.indexOf('=');
    const fmt = eq >= 0 ? o.slice(0, eq) : o;
    const arg = eq >= 0 ? o.slice(eq + 1) : flags.template;
    const allow = flags['allow-missing-template-keys'] !== 'false';
    let print: (d: unknown, items: unknown[]) => { out: string; err?: string };
    const needTemplate = () => {
      if (!arg) throw new CliError('template format specified but no template given');
      return arg;
    };
    const fileOrFail = (f: string, msg: string) => {
      const t = readFile(f);
      if (t === undefined) throw new CliError(msg);
      return t;
    };
    const ccNoHeaders = flags['no-headers'] === 'true';
    const customColumns = (spec: string) => {
      const f = compileCustomColumns(spec, { noHeaders: ccNoHeaders });
      return (_d: unknown, items: unknown[]) => {
        try {
          return { out: f(items) };
        } catch (e) {
          if (e instanceof CustomColumnsError) return { out: e.stdout, err: `error: ${e.message}\n` };
          throw e;
        }
      };
    };

    // fetch
    const types = (pos[0] ?? '').split(',').map((t) => KINDS[t]);
    const names = pos.slice(1);
    const singleItem = types.length === 1 && names.length === 1 && !flags.selector;
    const items: any[] = [];
    const errors: string[] = [];
    for (const kind of types) {
      const pool = all.filter((x) => x.kind === kind);
      if (names.length) {
        for (const n of names) {
          const obj = pool.find((x) => x.metadata.name === n);
          if (obj) items.push(obj);
          else errors.push(`Error from server (NotFound): ${PLURAL[kind]} "${n}" not found`);
        }
      } else items.push(...pool.filter((x) => !flags.selector || matchLabels(x, flags.selector)));
    }
    if (singleItem && errors.length) {
      return { stdout: '', stderr: errors.join('\n') + '\n', exit: 1 };
    }

    // the printer (ToPrinter)
    switch (fmt) {
      case 'jsonpath': case 'jsonpath-as-json': {
        const f = compileJsonPath(needTemplate(), { allowMissingKeys: allow, asJson: fmt === 'jsonpath-as-json' });
        print = (d) => f(d);
        break;
      }
      case 'jsonpath-file': {
        const fname = needTemplate();
        const t = fileOrFail(fname, `error reading --template ${fname}, open ${fname}: no such file or directory`);
        const f = compileJsonPath(t, { allowMissingKeys: allow });
        print = (d) => f(d);
        break;
      }
      case 'custom-columns':
        if (!arg) throw new CliError('custom-columns format specified but no custom columns given');
        print = customColumns(arg);
        break;
      case 'custom-columns-file': {
        if (!arg) throw new CliError('custom-columns format specified but no custom columns given');
        const t = fileOrFail(arg, `error reading template ${arg}, open ${arg}: no such file or directory\n`);
        print = customColumns(parseCustomColumnsFile(t));
        break;
      }
      default:
        throw new Error(`harness: unsupported output ${o}`);
    }

    let data: unknown;
    let list = items;
    if (singleItem && items.length === 1) data = items[0];
    else {
      // kubectl builds the List by JSON-encoding the items and decoding them again
      list = items.map(goJsonRoundTrip);
      if (flags['sort-by']) list = sortObjects(list, flags['sort-by']);
      data = { apiVersion: 'v1', items: list, kind: 'List', metadata: { resourceVersion: '' } };
    }
    const r = print(data, singleItem && items.length === 1 ? [items[0]] : list);
    stdout += r.out;
    if (r.err) stderr += r.err;
    if (errors.length) stderr += errors.join('\n') + '\n';
    return { stdout, stderr, exit: r.err || errors.length ? 1 : 0 };
  } catch (e) {
    if (e instanceof CliError) {
      const msg = e.raw ? e.message : `error: ${e.message}${e.message.endsWith('\n') ? '' : '\n'}`;
      return { stdout: stdout + ((e as any).stdout ?? ''), stderr: stderr + msg, exit: e.exitCode };
    }
    throw e;
  }
}

/** Cases whose stderr cannot match byte for byte (klog timestamps/pids, Go panic dumps): compare
 *  the first line without the klog header / the panic line only. */
export function normalizeStderr(s: string): string {
  s = s.replace(/^F\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, 'F<klog> ');
  const i = s.indexOf('\n\ngoroutine ');
  if (s.startsWith('panic: ') && i >= 0) s = s.slice(0, i) + '\n';
  return s;
}
