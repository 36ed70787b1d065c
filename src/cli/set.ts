// kubectl set image / env / resources (selector, serviceaccount, subject: src/cli/set-refs.ts): change the pod template of a workload (or a pod) and send the
// difference as a strategic merge patch; objects that do not change are not printed.
import { cloneJson } from '../api/gonumber';
import { parseFlags, Parsed, subcommandIndex, GLOBAL_FLAGS } from './flags';
import { out, err } from './io';
import { ApiError, CliError, KObject } from '../api/types';
import { session } from './session';
import { parseResourceArgs, objectRef } from './resources';
import { notFound } from '../api/server';
import { kindInfo } from '../api/kinds';
import { envVarNameErrors } from '../api/validation';
import { parseOutput } from '../printers/output';
import { parseDryRun } from './create';
import { serverUpdate, forEachObject, VisitContext, ObjectPrinter } from './manifest-verbs';


export function run(argv: string[]): number {
  const at = subcommandIndex(argv);
  const sub = at >= 0 ? argv[at] : undefined;
  const rest = [...argv];
  if (sub) rest.splice(at, 1);
  if (sub === 'image') return setImage(rest);
  if (sub === 'env') return setEnv(rest);
  if (sub === 'resources') return setResources(rest);
  if (sub === 'selector') return require('./set-refs').setSelector(rest);
  if (sub === 'serviceaccount' || sub === 'sa') return require('./set-refs').setServiceAccount(rest);
  if (sub === 'subject') return require('./set-refs').setSubject(rest);
  if (sub) {
    throw new CliError(`error: unknown command "${sub}"\nSee 'kubectl set -h' for help and examples`, 1, true);
  }
  throw new CliError(`Configure application resources.

 These commands help you make changes to existing application resources.

Available Commands:
  env              Update environment variables on a pod template
  image            Update the image of a pod template
  resources        Update resource requests/limits on objects with pod templates
  selector         Set the selector on a resource
  serviceaccount   Update the service account of a resource
  subject          Update the user, group, or service account in a role binding or cluster role binding

Usage:
  kubectl set SUBCOMMAND [options]

Use "kubectl set <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`, 1, true);
}

/** The pod spec of a pod or a workload's template (undefined: not a pod or pod template holder). */
export function podSpecOf(o: KObject): any {
  switch (o.kind) {
    case 'Pod': return (o.spec ??= {});
    case 'CronJob': return o.spec?.jobTemplate?.spec?.template?.spec;
    case 'Deployment': case 'ReplicaSet': case 'StatefulSet': case 'DaemonSet': case 'Job': case 'ReplicationController':
      return o.spec?.template?.spec;
  }
  return undefined;
}

const COMMON_FLAGS = [
  { name: 'filename', short: 'f', type: 'stringArray' as const, default: [] },
  { name: 'recursive', short: 'R', type: 'bool' as const, default: false },
  { name: 'kustomize', short: 'k', type: 'string' as const, default: '' },
  { name: 'selector', short: 'l', type: 'string' as const, default: '' },
  { name: 'all', type: 'bool' as const, default: false },
  { name: 'all-namespaces', short: 'A', type: 'bool' as const, default: false },
  { name: 'local', type: 'bool' as const, default: false },
  { name: 'dry-run', type: 'string' as const, default: 'none' },
  { name: 'output', short: 'o', type: 'string' as const, default: '' },
  { name: 'template', type: 'string' as const, default: '' },
  { name: 'allow-missing-template-keys', type: 'bool' as const, default: true },
  { name: 'show-managed-fields', type: 'bool' as const, default: false },
  { name: 'field-manager', type: 'string' as const, default: 'kubectl-set' },
];

interface Target { obj: KObject }

/** Resolve the objects: TYPE NAME..., TYPE/NAME..., -f, -l, --all. `isUpdate` tells resource
 *  arguments from update arguments (KEY=VALUE and the like). */
function targets(p: Parsed, resArgs: string[], errs: string[]): Target[] {
  parseOutput(p.flags.output || undefined, p.flags.template || undefined, { noTables: true });
  const s = session();
  s.catchUp();
  const ns = s.namespace(p.flags.namespace);
  const found: Target[] = [];
  if (p.flags.filename.length) {
    const ctx: VisitContext = { s, ns, explicitNs: p.set.has('namespace'), errors: [], local: !!p.flags.local };
    forEachObject(p, ctx, (mo) => {
      if (p.flags.local) { found.push({ obj: mo.obj }); return; }
      const live = s.api.get(mo.info.kind, mo.info.namespaced ? mo.obj.metadata.namespace : undefined, mo.obj.metadata.name);
      if (!live) throw notFound(mo.info, mo.obj.metadata.name);
      found.push({ obj: live });
    });
    for (const e of ctx.errors) errs.push(e.api ? `Error from server (${e.api.reason}): ${e.text}` : `error: ${e.text}`);
    return found;
  }
  // --local reads objects from -f only: without it the builder has nothing to visit
  if (p.flags.local) throw new CliError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  const { requests } = parseResourceArgs(resArgs);
  // the resource builder's checks
  if (requests.some((r) => r.names.length) && (p.flags.all || p.flags.selector)) {
    throw new CliError(resArgs.some((a) => a.includes('/')) ? 'selectors and the all flag cannot be used when passing resource/name arguments' : 'name cannot be provided when a selector is specified');
  }
  for (const r of requests) {
    if (r.names.length) {
      for (const name of r.names) {
        const o = s.api.get(r.info.kind, r.info.namespaced ? ns : undefined, name);
        if (!o) throw notFound(r.info, name);
        found.push({ obj: o });
      }
    } else if (p.flags.all || p.flags.selector) {
      for (const o of s.api.list(r.info.kind, p.flags['all-namespaces'] || !r.info.namespaced ? undefined : ns, { labelSelector: p.flags.selector || undefined })) found.push({ obj: o });
    } else throw new CliError('resource(s) were provided, but no name was specified');
  }
  return found;
}

/** Patch each changed object and print it (or the local/dry-run result). */
function commit(p: Parsed, changes: { before: KObject; after: KObject }[], verb: string, errs: string[], what = verb.split(' ')[0]): number {
  const dryRun = p.flags.local ? 'client' : parseDryRun(p.flags['dry-run'], p.set.has('dry-run'));
  const spec = parseOutput(p.flags.output || undefined, p.flags.template || undefined, { noTables: true });
  const printer = new ObjectPrinter(spec, dryRun === 'client' && p.flags.local ? 'none' : dryRun, p.flags['allow-missing-template-keys'], true);
  const s = session();
  const m = require('./merge') as typeof import('./merge');
  for (const { before, after } of changes) {
    const info = kindInfo(before.kind);
    const patch = m.createTwoWayMergePatch(before, after, before.kind);
    if (!Object.keys(patch).length) continue;
    if (dryRun === 'client') { printer.print(after, verb); continue; }
    try {
      const result = s.write((api) => {
        const cur = api.get(info.kind, before.metadata.namespace, before.metadata.name);
        if (!cur) throw notFound(info, before.metadata.name);
        const patched = m.strategicMergePatch(cur, patch, info.kind) as KObject;
        return serverUpdate(api, patched, cur, info, { dryRun: dryRun === 'server' });
      });
      printer.print(result, verb);
    } catch (e) {
      if (e instanceof ApiError) {
        // The server's own message (its kind qualified by group, as errors.NewInvalid says it);
        // set resources writes it without the colon the others put before it.
        const sep = what === 'resources' ? ' ' : ': ';
        const group = info.group;
        const message = e.reason === 'Invalid' && group && e.message.startsWith(`${info.kind} `) ? `${info.kind}.${group}${e.message.slice(info.kind.length)}` : e.message;
        errs.push(`failed to patch ${what} update to pod template${sep}${message}`);
        continue;
      }
      throw e;
    }
  }
  if (errs.length) {
    err(errs.map((e) => (e.startsWith('error: ') || e.startsWith('Error from server') ? e : `error: ${e}`)).join('\n') + '\n');
    return 1;
  }
  return printer.rc;
}

const notPodTemplate = (o: KObject) => `${kindInfo(o.kind).plural}/${o.metadata.name} the object is not a pod or does not have a pod template: *v1.${o.kind}`;

function setImage(argv: string[]): number {
  const defs = [...COMMON_FLAGS, { name: 'record', type: 'bool' as const, default: false }];
  const p = parseFlags(argv, defs, 'kubectl set image');
  if (p.set.has('record')) err('Flag --record has been deprecated, --record will be removed in the future\n');
  const resArgs: string[] = [];
  const images: [string, string][] = [];
  for (const a of p.args) {
    const i = a.indexOf('=');
    if (i > 0) images.push([a.slice(0, i), a.slice(i + 1)]);
    else resArgs.push(a);
  }
  // Complete: --local with resource arguments, then the resource builder; then Validate.
  if (p.flags.local && resArgs.length) throw new CliError("you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'");
  if (!resArgs.length && !p.flags.filename.length) {
    throw new CliError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  }
  const errs: string[] = [];
  const found = targets(p, resArgs, errs);
  const invalid: string[] = [];
  if (p.flags.all && p.flags.selector) invalid.push('cannot set --all and --selector at the same time');
  if (!images.length) invalid.push('at least one image update is required');
  else if (images.length > 1 && images.some(([name]) => name === '*')) invalid.push('all containers are already specified by *, but saw more than one container_name=container_image pairs');
  if (invalid.length === 1) throw new CliError(invalid[0]);
  if (invalid.length) throw new CliError(invalid.join('\n'), 1, true);
  const changes: { before: KObject; after: KObject }[] = [];
  for (const t of found) {
    const after: KObject = cloneJson(t.obj);
    const spec = podSpecOf(after);
    if (!spec) { errs.push(notPodTemplate(t.obj)); continue; }
    for (const [name, image] of images) {
      let found = false;
      for (const list of [spec.initContainers ?? [], spec.containers ?? [], spec.ephemeralContainers ?? []]) {
        for (const c of list) if (name === '*' || c.name === name) { c.image = image; found = true; }
      }
      if (!found) errs.push(`unable to find container named "${name}"`);
    }
    if (p.flags.record) after.metadata.annotations = { ...(after.metadata.annotations ?? {}), 'kubernetes.io/change-cause': changeCause('kubectl set image', p, defs) };
    changes.push({ before: t.obj, after });
  }
  return commit(p, changes, 'image updated', errs);
}

/** --limits/--requests (HandleResourceRequirementsV1): `name=quantity` pairs, quantities in
 *  their canonical form as the typed object keeps them. */
function resourceList(spec: string): Record<string, string> | undefined {
  if (!spec) return undefined;
  const { parseQuantity, quantityString } = require('../printers/describe/quantity') as typeof import('../printers/describe/quantity');
  const list: Record<string, string> = {};
  for (const part of spec.split(',')) {
    const kv = part.split('=');
    if (kv.length !== 2) throw new CliError(`Invalid argument syntax ${part}, expected <resource>=<value>`);
    const q = parseQuantity(kv[1]);
    if (!q) throw new CliError("quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'");
    list[kv[0]] = quantityString(q);
  }
  return list;
}

/** kubectl's selectString for -c: `*` wildcards, matched as it matches them (a first part is
 *  looked for anywhere, so `x*` selects `nginx`). */
function selectString(s: string, spec: string): boolean {
  if (spec === '*') return true;
  if (!spec.includes('*')) return s === spec;
  let pos = 0;
  const parts = spec.split('*');
  for (let i = 0; i < parts.length; i++) {
    const part = parts[i];
    if (!part.length) continue;
    const at = s.slice(pos).indexOf(part);
    if (at < pos) return false;
    if (i === 0 && pos !== 0) return false;
    if (i === parts.length - 1 && s.length !== part.length + at) return false;
    pos = at;
  }
  return true;
}

/** kubectl set resources: requests and limits of the selected containers of pod templates. */
function setResources(argv: string[]): number {
  const defs = [...COMMON_FLAGS,
    { name: 'containers', short: 'c', type: 'string' as const, default: '*' },
    { name: 'limits', type: 'string' as const, default: '' },
    { name: 'requests', type: 'string' as const, default: '' },
    { name: 'record', type: 'bool' as const, default: false },
  ];
  const p = parseFlags(argv, defs, 'kubectl set resources');
  const f = p.flags;
  if (p.set.has('record')) err('Flag --record has been deprecated, --record will be removed in the future\n');
  if (f.local && p.args.length) throw new CliError("you must specify resources by --filename when --local is set.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'");
  if (!p.args.length && !f.filename.length) {
    throw new CliError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  }
  const errs: string[] = [];
  const found = targets(p, p.args, errs);
  if (f.all && f.selector) throw new CliError('cannot set --all and --selector at the same time');
  if (!f.limits && !f.requests) throw new CliError('you must specify an update to requests or limits (in the form of --requests/--limits)');
  const limits = resourceList(f.limits), requests = resourceList(f.requests);
  const changes: { before: KObject; after: KObject }[] = [];
  for (const t of found) {
    const after: KObject = cloneJson(t.obj);
    const spec = podSpecOf(after);
    if (!spec) { errs.push(notPodTemplate(t.obj)); continue; }
    const cs = (spec.containers ?? []).filter((c: any) => selectString(c.name, f.containers));
    if (!cs.length) { errs.push(`error: unable to find container named ${f.containers}`); continue; }
    for (const c of cs) {
      const r = (c.resources ??= {});
      if (limits) r.limits = { ...(r.limits ?? {}), ...limits };
      if (requests) r.requests = { ...(r.requests ?? {}), ...requests };
    }
    if (f.record) after.metadata.annotations = { ...(after.metadata.annotations ?? {}), 'kubernetes.io/change-cause': changeCause('kubectl set resources', p, defs) };
    changes.push({ before: t.obj, after });
  }
  return commit(p, changes, 'resource requirements updated', errs, 'resources');
}

/** --record's change-cause (cli-runtime's parseCommandLine): the command path, the arguments,
 *  and every flag given, in command-line order, as --name=value. */
function changeCause(path: string, p: Parsed, defs: { name: string; type: string }[]): string {
  const all = new Map<string, string>([...GLOBAL_FLAGS, ...defs].map((d) => [d.name, d.type]));
  const flags = [...p.set].map((n) => {
    const v = p.flags[n];
    const shown = all.get(n) === 'stringArray' || all.get(n) === 'stringSlice' ? `[${(v as string[]).join(',')}]` : String(v);
    return `--${n}=${shown}`;
  });
  return `${path} ${p.args.join(' ')} ${flags.join(' ')}`;
}

const ENV_KEY_RE = /[^A-Za-z0-9_]/g;

function setEnv(argv: string[]): number {
  const p = parseFlags(argv, [...COMMON_FLAGS,
    { name: 'containers', short: 'c', type: 'string', default: '*' },
    { name: 'env', short: 'e', type: 'stringArray', default: [] },
    { name: 'list', type: 'bool', default: false },
    { name: 'resolve', type: 'bool', default: false },
    { name: 'from', type: 'string', default: '' },
    { name: 'prefix', type: 'string', default: '' },
    { name: 'keys', type: 'stringSlice', default: [] },
    { name: 'overwrite', type: 'bool', default: true },
  ], 'kubectl set env');
  const f = p.flags;
  const resArgs: string[] = [];
  const envArgs: string[] = [...f.env];
  for (const a of p.args) {
    if (a.includes('=') || (a.endsWith('-') && resArgs.length && !a.includes('/'))) envArgs.push(a);
    else resArgs.push(a);
  }
  if (!resArgs.length && !f.filename.length) {
    throw new CliError('one or more resources must be specified as <resource> <name> or <resource>/<name>');
  }
  const sets: { name: string; value?: string; valueFrom?: any }[] = [];
  const removes: string[] = [];
  for (const a of envArgs) {
    if (a.includes('=')) {
      const i = a.indexOf('=');
      const name = a.slice(0, i);
      const bad = envVarNameErrors(name);
      if (bad.length) throw new CliError(`${JSON.stringify(name)} is not a valid key name: ${bad.join(';')}`);
      sets.push({ name, value: a.slice(i + 1) });
    } else if (a.endsWith('-')) removes.push(a.slice(0, -1));
  }
  const s = session();
  const ns = s.namespace(f.namespace);
  if (f.from) {
    const { parseResourceArgs: pra } = require('./resources');
    const { requests } = pra([f.from]);
    const r = requests[0];
    const src = s.api.get(r.info.kind, ns, r.names[0]);
    if (!src) throw notFound(r.info, r.names[0]);
    const data = { ...(src.data ?? {}), ...(src.kind === 'Secret' ? {} : src.binaryData ?? {}) };
    for (const key of Object.keys(data).sort()) {
      if (f.keys.length && !f.keys.includes(key)) continue;
      const converted = key.replace(ENV_KEY_RE, '_').toUpperCase();
      if (converted !== key) err(`Warning: key ${key} transferred to ${converted}\n`);
      const envName = f.prefix + converted;
      const ref = src.kind === 'Secret' ? { secretKeyRef: { key, name: src.metadata.name } } : { configMapKeyRef: { key, name: src.metadata.name } };
      sets.push({ name: envName, valueFrom: ref });
    }
  }
  const errs: string[] = [];
  const changes: { before: KObject; after: KObject }[] = [];
  for (const t of targets(p, resArgs, errs)) {
    const after: KObject = cloneJson(t.obj);
    const spec = podSpecOf(after);
    if (!spec) { errs.push(notPodTemplate(t.obj)); continue; }
    const containers = [...(spec.initContainers ?? []), ...(spec.containers ?? [])].filter((c: any) => selectString(c.name, f.containers));
    if (!containers.length) { err(`Warning: ${t.obj.kind}/${t.obj.metadata.name} does not have any containers matching ${JSON.stringify(f.containers)}\n`); continue; }
    if (f.list) {
      for (const c of containers) {
        out(`# ${t.obj.kind} ${t.obj.metadata.name}, container ${c.name}\n`);
        for (const e of c.env ?? []) {
          if (!e.valueFrom) { out(`${e.name}=${e.value ?? ''}\n`); continue; }
          const vf = e.valueFrom;
          const ref = vf.secretKeyRef ? `secret ${vf.secretKeyRef.name}, key ${vf.secretKeyRef.key}`
            : vf.configMapKeyRef ? `configmap ${vf.configMapKeyRef.name}, key ${vf.configMapKeyRef.key}`
            : vf.fieldRef ? `field path ${vf.fieldRef.fieldPath}`
            : vf.resourceFieldRef ? `resource field ${vf.resourceFieldRef.containerName ? vf.resourceFieldRef.containerName + '/' : ''}${vf.resourceFieldRef.resource}` : 'invalid env var source';
          out(`# ${e.name} from ${ref}\n`);
        }
      }
      continue;
    }
    for (const c of containers) {
      let env: any[] = [...(c.env ?? [])];
      for (const e of sets) {
        const i = env.findIndex((x) => x.name === e.name);
        const entry = e.valueFrom ? { name: e.name, valueFrom: e.valueFrom } : { name: e.name, value: e.value };
        if (i >= 0) {
          if (!f.overwrite && JSON.stringify(env[i]) !== JSON.stringify(entry)) { errs.push(`'${e.name}' already has a value (${env[i].value ?? ''}), and --overwrite is false`); continue; }
          env[i] = entry;
        } else env.push(entry);
      }
      env = env.filter((x) => !removes.includes(x.name));
      if (env.length) c.env = env; else delete c.env;
    }
    changes.push({ before: t.obj, after });
  }
  if (f.list) {
    if (errs.length) { err(errs.map((e) => `error: ${e}`).join('\n') + '\n'); return 1; }
    return 0;
  }
  void objectRef;
  return commit(p, changes, 'env updated', errs);
}
