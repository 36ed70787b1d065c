// kubectl set selector | serviceaccount (sa) | subject: what an object points at — a Service's
// selector, a pod template's service account, a (Cluster)RoleBinding's subjects
// (pkg/cmd/set/set_selector.go, set_serviceaccount.go, set_subject.go at 1.32). The change is
// made on kubectl's copy of the object and sent as a strategic merge patch.
import type { Parsed } from './flags';
import { parseFlags } from './flags';
import { ApiError, CliError, KObject } from '../api/types';
import { session, Session } from './session';
import { parseResourceArgs } from './resources';
import { notFound } from '../api/server';
import { KindInfo, kindInfo } from '../api/kinds';
import { parseOutput } from '../printers/output';
import { parseDryRun, DryRun } from './flags';
import { serverUpdate, forEachObject, VisitContext, ObjectPrinter, ErrItem, printErrors } from './manifest-verbs';
import { podSpecOf } from './set';

const NO_RESOURCES = "You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'";
const LOCAL_RESOURCE_ERROR = "you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'";

const FLAGS = [
  { name: 'filename', short: 'f', type: 'stringArray' as const, default: [] },
  { name: 'all', type: 'bool' as const, default: false },
  { name: 'local', type: 'bool' as const, default: false },
  { name: 'dry-run', type: 'string' as const, default: 'none' },
  { name: 'output', short: 'o', type: 'string' as const, default: '' },
  { name: 'template', type: 'string' as const, default: '' },
  { name: 'allow-missing-template-keys', type: 'bool' as const, default: true },
  { name: 'show-managed-fields', type: 'bool' as const, default: false },
  { name: 'record', type: 'bool' as const, default: false },
];

interface Item { obj: KObject; info: KindInfo; local: boolean }

/** The resource builder: -f (live objects, or the files' with --local), TYPE NAME..., TYPE/NAME,
 *  --all / -l; a missing object is an error that does not stop the others (ContinueOnError). */
function resolve(s: Session, p: Parsed, resArgs: string[], errs: ErrItem[], localArgs: 'ignored' | 'refused'): Item[] {
  const f = p.flags;
  const ns = s.namespace(f.namespace);
  if (f.local) {
    if (resArgs.length && localArgs === 'refused') throw new CliError(LOCAL_RESOURCE_ERROR);
    if (!f.filename.length) throw new CliError(NO_RESOURCES);
  } else if (!resArgs.length && !f.filename.length) throw new CliError(NO_RESOURCES);
  const items: Item[] = [];
  if (f.filename.length) {
    const ctx: VisitContext = { s, ns, explicitNs: p.set.has('namespace'), errors: [], local: !!f.local };
    forEachObject(p, ctx, (mo) => {
      if (f.local) { items.push({ obj: mo.obj, info: mo.info, local: true }); return; }
      const live = s.api.get(mo.info.kind, mo.info.namespaced ? mo.obj.metadata.namespace : undefined, mo.obj.metadata.name);
      if (!live) { const e = notFound(mo.info, mo.obj.metadata.name); errs.push({ text: e.message, api: e }); return; }
      items.push({ obj: live, info: mo.info, local: false });
    });
    errs.push(...ctx.errors);
  }
  if (f.local || !resArgs.length) return items;
  const { requests } = parseResourceArgs(resArgs);
  const selector: string = f.selector ?? '';
  if (requests.some((r) => r.names.length) && (f.all || selector)) {
    throw new CliError(resArgs.some((a) => a.includes('/')) ? 'selectors and the all flag cannot be used when passing resource/name arguments' : 'name cannot be provided when a selector is specified');
  }
  for (const r of requests) {
    if (r.names.length) {
      for (const name of r.names) {
        const o = s.api.get(r.info.kind, r.info.namespaced ? ns : undefined, name);
        if (!o) { const e = notFound(r.info, name); errs.push({ text: e.message, api: e }); continue; }
        items.push({ obj: o, info: r.info, local: false });
      }
    } else if (f.all || selector) {
      for (const o of s.api.list(r.info.kind, r.info.namespaced ? ns : undefined, { labelSelector: selector || undefined })) items.push({ obj: o, info: r.info, local: false });
    } else throw new CliError('resource(s) were provided, but no name was specified');
  }
  return items;
}

/** info.ObjectName(): the resource (the kind in lower case for objects read with --local). */
const objectName = (it: Item) => `${it.local ? it.info.kind.toLowerCase() : it.info.plural}/${it.obj.metadata.name}`;

interface Change { item: Item; after: KObject }

/** Print local and client-dry-run results; patch the others and print the server's answer. */
function send(s: Session, p: Parsed, changes: Change[], verb: string, dryRun: DryRun, errs: ErrItem[], wrap?: string): number {
  const spec = parseOutput(p.flags.output || undefined, p.flags.template || undefined, { noTables: true });
  const printer = new ObjectPrinter(spec, p.flags.local && dryRun !== 'server' ? 'none' : dryRun, p.flags['allow-missing-template-keys'], true);
  const m = require('./merge') as typeof import('./merge');
  for (const { item, after } of changes) {
    if (p.flags.local || dryRun === 'client') { printer.print(after, verb); continue; }
    const info = item.info;
    const patch = m.createTwoWayMergePatch(item.obj, after, info.kind);
    try {
      const result = s.write((api) => {
        const cur = api.get(info.kind, item.obj.metadata.namespace, item.obj.metadata.name);
        if (!cur) throw notFound(info, item.obj.metadata.name);
        if (!Object.keys(patch).length) return cur;
        const patched = m.strategicMergePatch(cur, patch, info.kind) as KObject;
        return serverUpdate(api, patched, cur, info, { dryRun: dryRun === 'server' });
      });
      printer.print(result, verb);
    } catch (e) {
      if (!(e instanceof ApiError)) throw e;
      if (wrap) {
        const group = info.group;
        const msg = e.reason === 'Invalid' && group && e.message.startsWith(`${info.kind} `) ? `${info.kind}.${group}${e.message.slice(info.kind.length)}` : e.message;
        errs.push({ text: `${wrap} ${msg}` });
      } else errs.push({ text: e.message, api: e });
    }
  }
  return printErrors(errs) || printer.rc;
}

function common(argv: string[], cmd: string, extra: any[]): { p: Parsed; dryRun: DryRun } {
  const p = parseFlags(argv, [...FLAGS, ...extra], cmd);
  const dryRun = parseDryRun(p.flags['dry-run'], p.set.has('dry-run'));
  // (set selector does not check: it prints "(server dry run)" and sends nothing)
  if (p.flags.local && dryRun === 'server' && !cmd.endsWith('selector')) throw new CliError('cannot specify --local and --dry-run=server - did you mean --dry-run=client?');
  parseOutput(p.flags.output || undefined, p.flags.template || undefined, { noTables: true });
  if (p.set.has('record')) process.stderr.write('Flag --record has been deprecated, --record will be removed in the future\n');
  return { p, dryRun };
}

export function setSelector(argv: string[]): number {
  const { p, dryRun } = common(argv, 'kubectl set selector', [
    { name: 'recursive', short: 'R', type: 'bool', default: true },
    { name: 'resource-version', type: 'string', default: '' },
    { name: 'field-manager', type: 'string', default: 'kubectl-set' },
  ]);
  // the last argument is the selector, the others the resources
  let selector: { matchLabels?: Record<string, string>; matchExpressions?: any[] } | undefined;
  const resArgs = p.args.slice(0, -1);
  if (p.args.length) selector = (require('./generators-policy') as typeof import('./generators-policy')).labelSelector(p.args[p.args.length - 1]);
  if (!selector) throw new CliError('one selector is required');
  const s = session();
  s.catchUp();
  const errs: ErrItem[] = [];
  const items = resolve(s, p, resArgs, errs, 'ignored');
  const changes: Change[] = [];
  for (const it of items) {
    const after: KObject = structuredClone(it.obj);
    if (p.flags['resource-version']) after.metadata.resourceVersion = p.flags['resource-version'];
    if (it.info.kind !== 'Service') { errs.push({ text: 'setting a selector is only supported for Services' }); break; }
    if (selector.matchExpressions?.length) {
      const shown = selector.matchExpressions.map((e) => `{${e.key} ${e.operator} [${(e.values ?? []).join(' ')}]}`).join(' ');
      errs.push({ text: `match expression [${shown}] not supported on this object` });
      break;
    }
    after.spec ??= {};
    if (selector.matchLabels && Object.keys(selector.matchLabels).length) after.spec.selector = { ...selector.matchLabels };
    else delete after.spec.selector;
    changes.push({ item: it, after });
  }
  return send(s, p, changes, 'selector updated', dryRun, errs);
}

export function setServiceAccount(argv: string[]): number {
  const { p, dryRun } = common(argv, 'kubectl set serviceaccount', [
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'kustomize', short: 'k', type: 'string', default: '' },
    { name: 'field-manager', type: 'string', default: 'kubectl-set' },
  ]);
  if (!p.args.length) throw new CliError('serviceaccount is required');
  const name = p.args[p.args.length - 1];
  const s = session();
  s.catchUp();
  const errs: ErrItem[] = [];
  const items = resolve(s, p, p.args.slice(0, -1), errs, 'ignored');
  if (errs.length) return printErrors(errs);
  const changes: Change[] = [];
  for (const it of items) {
    const after: KObject = structuredClone(it.obj);
    const spec = podSpecOf(after);
    if (!spec) { errs.push({ text: `error: ${objectName(it)} the object is not a pod or does not have a pod template: *v1.${it.info.kind}` }); continue; }
    spec.serviceAccountName = name;
    changes.push({ item: it, after });
  }
  return send(s, p, changes, 'serviceaccount updated', dryRun, errs, 'failed to patch ServiceAccountName');
}

export function setSubject(argv: string[]): number {
  const { p, dryRun } = common(argv, 'kubectl set subject', [
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'kustomize', short: 'k', type: 'string', default: '' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'user', type: 'stringArray', default: [] },
    { name: 'group', type: 'stringArray', default: [] },
    { name: 'serviceaccount', type: 'stringArray', default: [] },
    { name: 'field-manager', type: 'string', default: 'kubectl-set' },
  ]);
  const f = p.flags;
  const s = session();
  s.catchUp();
  const ns = s.namespace(f.namespace);
  const errs: ErrItem[] = [];
  const items = resolve(s, p, p.args, errs, 'refused');
  if (errs.length) return printErrors(errs);
  // Validate
  if (f.all && f.selector) throw new CliError('cannot set --all and --selector at the same time');
  const users: string[] = f.user, groups: string[] = f.group, sas: string[] = f.serviceaccount;
  if (!users.length && !groups.length && !sas.length) throw new CliError('you must specify at least one value of user, group or serviceaccount');
  for (const sa of sas) {
    const t = sa.split(':');
    if (t.length !== 2 || !t[1]) throw new CliError('serviceaccount must be <namespace>:<name>');
    if (!t[0] && items.some((it) => it.info.kind === 'ClusterRoleBinding')) throw new CliError('serviceaccount must be <namespace>:<name>, namespace must be specified');
  }
  const sorted = (xs: string[]) => [...new Set(xs)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
  const subjects: any[] = [
    ...sorted(users).map((name) => ({ kind: 'User', apiGroup: 'rbac.authorization.k8s.io', name })),
    ...sorted(groups).map((name) => ({ kind: 'Group', apiGroup: 'rbac.authorization.k8s.io', name })),
    ...sorted(sas).map((sa) => { const [n, name] = sa.split(':'); return { kind: 'ServiceAccount', name, namespace: n || ns }; }),
  ];
  const same = (a: any, b: any) => (a.kind ?? '') === (b.kind ?? '') && (a.apiGroup ?? '') === (b.apiGroup ?? '') && (a.name ?? '') === (b.name ?? '') && (a.namespace ?? '') === (b.namespace ?? '');
  const changes: Change[] = [];
  for (const it of items) {
    if (it.info.kind !== 'RoleBinding' && it.info.kind !== 'ClusterRoleBinding') {
      errs.push({ text: `error: ${objectName(it)} setting subjects is only supported for RoleBinding/ClusterRoleBinding` });
      continue;
    }
    const after: KObject = structuredClone(it.obj);
    const existing: any[] = (after as any).subjects ?? [];
    const added = subjects.filter((x) => !existing.some((e) => same(e, x)));
    // no change: nothing printed, nothing sent
    if (!added.length) continue;
    (after as any).subjects = [...existing, ...added];
    changes.push({ item: it, after });
  }
  return send(s, p, changes, 'subjects updated', dryRun, errs, 'failed to patch subjects to rolebinding:');
}
void kindInfo;
