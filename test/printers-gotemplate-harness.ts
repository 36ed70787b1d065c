// Shared by the go-template golden tests: turns a recorded kubectl invocation (fixture + args) into
// the data kubectl hands to the template, runs our engine, and returns stdout/stderr/exit as the
// CLI would print them.
import * as fs from 'fs';
import * as path from 'path';
import { compileGoTemplate, parseJsonForTemplates } from '../src/printers/gotemplate/index';
import { CliError } from '../src/api/types';

export interface GoldenCase {
  name: string;
  template: string;
  objects: string;
  args: string[];
  stdout: string;
  stderr?: string;
  exit: number;
  note?: string;
}

export const GOLDEN_DIR = path.join(__dirname, '..', '..', 'test', 'golden', 'gotemplate');

const KINDS: Record<string, string> = {
  svc: 'Service', service: 'Service', services: 'Service',
  po: 'Pod', pod: 'Pod', pods: 'Pod',
  cm: 'ConfigMap', configmap: 'ConfigMap', configmaps: 'ConfigMap',
  secret: 'Secret', secrets: 'Secret',
  no: 'Node', node: 'Node', nodes: 'Node',
  deploy: 'Deployment', deployment: 'Deployment', deployments: 'Deployment',
  ep: 'Endpoints', endpoints: 'Endpoints',
};

const fixtureCache = new Map<string, any[]>();
function fixture(name: string): any[] {
  let items = fixtureCache.get(name);
  if (!items) {
    const data = parseJsonForTemplates(fs.readFileSync(path.join(GOLDEN_DIR, name), 'utf8')) as any;
    items = Array.isArray(data) ? data : data.items;
    fixtureCache.set(name, items!);
  }
  return items!;
}

function matchesSelector(obj: any, sel: string): boolean {
  return sel.split(',').every((term) => {
    const [k, v] = term.split('=');
    return (obj.metadata.labels ?? {})[k] === v;
  });
}

/** The object kubectl renders for `get RESOURCE [NAME...] [-l SEL] [-A]`. */
export function dataFor(c: GoldenCase): unknown {
  const items = fixture(c.objects);
  const args = c.args;
  const positional: string[] = [];
  let selector: string | undefined;
  for (let i = 1; i < args.length; i++) {
    const a = args[i];
    if (a === '-o' || a === '-n' || a === '--namespace') { i++; continue; }
    if (a === '-l') { selector = args[++i]; continue; }
    if (a.startsWith('-')) continue;
    positional.push(a);
  }
  const [resource, ...names] = positional;
  const kinds = resource.split(',').map((r) => KINDS[r]);
  if (kinds.some((k) => !k)) throw new Error(`unknown resource in ${c.name}: ${resource}`);
  const ns = (o: any) => o.kind === 'Node' || o.metadata.namespace === 'default';
  if (names.length === 1 && kinds.length === 1) {
    const obj = items.find((o) => o.kind === kinds[0] && o.metadata.name === names[0] && ns(o));
    if (!obj) throw new Error(`no object for ${c.name}`);
    return obj;
  }
  let matched = kinds.flatMap((k) => items.filter((o) => o.kind === k && ns(o)));
  if (names.length) matched = matched.filter((o) => names.includes(o.metadata.name));
  if (selector) matched = matched.filter((o) => matchesSelector(o, selector!));
  return { apiVersion: 'v1', items: matched, kind: 'List', metadata: { resourceVersion: '' } };
}

/** Run a case through the engine as the CLI would: stdout, stderr, exit code. */
export function runCase(c: GoldenCase): { stdout: string; stderr: string; exit: number } {
  if (c.template === '') return { stdout: '', stderr: 'error: template format specified but no template given\n', exit: 1 };
  const allowMissingKeys = !c.args.includes('--allow-missing-template-keys=false');
  let render;
  try {
    render = compileGoTemplate(c.template, { allowMissingKeys });
  } catch (e) {
    if (e instanceof CliError) return { stdout: '', stderr: `error: ${e.message}\n`, exit: 1 };
    throw e;
  }
  const r = render(dataFor(c));
  return { stdout: r.out, stderr: r.err ?? '', exit: r.err ? 1 : 0 };
}

export function loadCases(file: string): GoldenCase[] {
  return JSON.parse(fs.readFileSync(path.join(GOLDEN_DIR, file), 'utf8'));
}
