// kubectl create: `create -f FILE` and the generators (deployment, namespace, service, secret,
// configmap). Generators build the typed object kubectl would, then create it (or print it
// with --dry-run=client).
import { parseFlags, FlagDef, parseDryRun, subcommandIndex } from './flags';
import { session } from './session';
import { out, err } from './io';
import { ApiError, CliError, KObject } from '../api/types';
import { parseOutput, compilePrinter, OutputSpec } from '../printers/output';
import { objectRef } from './resources';
import { GENERATORS } from './generators';
import { RBAC_GENERATORS } from './generators-rbac';
import { POLICY_GENERATORS } from './generators-policy';
import { NETWORK_GENERATORS } from './generators-network';

export const COMMON_CREATE_FLAGS: FlagDef[] = [
  { name: 'output', short: 'o', type: 'string', default: '' },
  { name: 'dry-run', type: 'string', default: 'none' },
  { name: 'template', type: 'string', default: '' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'save-config', type: 'bool', default: false },
  { name: 'validate', type: 'string', default: 'strict' },
  { name: 'field-manager', type: 'string', default: 'kubectl-create' },
  { name: 'show-managed-fields', type: 'bool', default: false },
];

export type { DryRun } from './flags';
import type { DryRun } from './flags';

export { parseDryRun } from './flags';

/** Print what a mutating verb did: `<kind>/<name> <verb>[ (dry run)]`, or the object with -o. */
export function printResult(obj: KObject, verb: string, spec: OutputSpec, dryRun: DryRun, allowMissing = true, typed = false): number {
  if (spec.kind === 'table' || spec.kind === 'wide') {
    out(`${objectRef(obj)} ${verb}${dryRun === 'client' ? ' (dry run)' : dryRun === 'server' ? ' (server dry run)' : ''}\n`);
    return 0;
  }
  if (typed && (spec.kind === 'json' || spec.kind === 'yaml')) {
    // Objects kubectl builds itself print from its Go structs: struct order in JSON, and the
    // fields Go always writes (creationTimestamp: null, status: {}, ...) in both.
    const { toTypedOrder } = require('../printers/typed');
    if (spec.kind === 'json') out(require('../printers/json').toJson(toTypedOrder(obj), { sortKeys: false }));
    else out(require('../printers/yaml').toYaml(toTypedOrder(obj)));
    return 0;
  }
  const r = compilePrinter(spec, { allowMissingKeys: allowMissing, typed })({ single: obj, items: [] });
  out(r.out);
  if (r.err) { err(r.err); return 1; }
  return 0;
}

export function run(argv: string[]): number | Promise<number> {
  // `create SUB ...`: find the subcommand (the first non-flag argument).
  const createFlags: FlagDef[] = [...COMMON_CREATE_FLAGS, { name: 'filename', short: 'f', type: 'stringArray', default: [] }, { name: 'recursive', short: 'R', type: 'bool', default: false }, { name: 'edit', type: 'bool', default: false }, { name: 'raw', type: 'string', default: '' }, { name: 'selector', short: 'l', type: 'string', default: '' }, { name: 'kustomize', short: 'k', type: 'string', default: '' }];
  const at = subcommandIndex(argv, createFlags);
  const sub = at >= 0 ? argv[at] : undefined;
  // `create token` has its own flags (no --dry-run): src/cli/create-token.ts
  if (sub === 'token') return require('./create-token').run([...argv.slice(0, at), ...argv.slice(at + 1)]);
  const gen0 = sub ? GENERATORS[sub] ?? RBAC_GENERATORS[sub] ?? POLICY_GENERATORS[sub] ?? NETWORK_GENERATORS[sub] : undefined;
  if (!gen0) {
    const p = parseFlags(argv, createFlags, 'kubectl create');
    if (p.flags.filename.length || p.flags.kustomize) return require('./manifest-verbs').createFromFiles(p);
    if (p.args.length) throw new CliError(`error: Unexpected args: [${p.args.join(' ')}]\nSee 'kubectl create -h' for help and examples`, 1, true);
    throw new CliError('must specify one of -f and -k');
  }
  const rest = [...argv];
  rest.splice(at, 1);
  let cmdPath = `kubectl create ${gen0.canonical ?? sub}`;
  let gen = gen0;
  if (gen.subcommands) {
    // `create service clusterip NAME`, `create secret generic NAME`: help (on stderr, exit 1)
    // without a subcommand, as cobra's DefaultSubCommandRun does.
    const at2 = subcommandIndex(rest, COMMON_CREATE_FLAGS);
    const sub2 = at2 >= 0 ? rest[at2] : undefined;
    if (!sub2) throw new CliError(gen.help ?? '', 1, true);
    const g2 = gen.subcommands[sub2];
    if (!g2) throw new CliError(`error: unknown command "${rest.filter((a) => !a.startsWith('-')).join(' ')}"\nSee '${cmdPath} -h' for help and examples`, 1, true);
    rest.splice(at2, 1);
    cmdPath += ` ${sub2}`;
    gen = g2;
  }
  const p = parseFlags(rest, [...COMMON_CREATE_FLAGS, ...gen.flags], cmdPath);
  const dryRun = parseDryRun(p.flags['dry-run'], p.set.has('dry-run'));
  const spec = parseOutput(p.flags.output || undefined, p.flags.template || undefined, { noTables: true });
  const s = dryRun === 'client' ? undefined : session();
  const nsExplicit = p.set.has('namespace') ? p.flags.namespace : undefined;
  const lookup = (ref: string): KObject => {
    // ResourceTypeOrNameArgs(false, ref) of a builder that requires names: TYPE/NAME.
    const { parseResourceArgs } = require('./resources') as typeof import('./resources');
    const { requests } = parseResourceArgs([ref]);
    if (requests.some((rq) => !rq.names.length)) throw new CliError('resource(s) were provided, but no name was specified');
    const ss = s ?? session();
    const ns = ss.namespace(p.flags.namespace);
    const found: KObject[] = [];
    for (const rq of requests) for (const n of rq.names) found.push(ss.api.mustGet(rq.info.kind, rq.info.namespaced ? ns : undefined, n));
    if (found.length !== 1) throw new CliError('from must be an existing cronjob');
    return found[0];
  };
  const obj = gen.build(p, { namespace: nsExplicit, cmdPath, lookup });
  if (dryRun === 'client') return printResult(obj, 'created', spec, dryRun, p.flags['allow-missing-template-keys'], true);
  if (p.flags['save-config']) {
    const { setLastApplied } = require('./lastapplied');
    setLastApplied(obj);
  }
  const ns = s!.namespace(p.flags.namespace);
  if (obj.metadata.namespace === undefined && gen.namespaced !== false) obj.metadata.namespace = ns;
  let created: KObject;
  try {
    created = s!.write((api) => api.create(obj, { dryRun: dryRun === 'server' }));
  } catch (e: any) {
    if (gen.wrapError && e instanceof ApiError) {
      // the server's own text: errors.NewInvalid names the kind with its group (Deployment.apps)
      const group = (require('../api/kinds') as typeof import('../api/kinds')).kindInfo(obj.kind)?.group;
      const msg = e.reason === 'Invalid' && group && e.message.startsWith(`${obj.kind} "`) ? `${obj.kind}.${group}${e.message.slice(obj.kind.length)}` : e.message;
      throw new CliError(gen.wrapError.includes('%v') ? gen.wrapError.replace('%v', msg) : `${gen.wrapError}: ${msg}`);
    }
    throw e;
  }
  return printResult(created, 'created', spec, dryRun, p.flags['allow-missing-template-keys'], true);
}
