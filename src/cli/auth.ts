// kubectl auth can-i | whoami | reconcile (kubectl 1.32's pkg/cmd/auth). The questions a real
// kubectl sends to the API server as SelfSubjectAccessReview / SelfSubjectRulesReview /
// SelfSubjectReview are answered by the same authorizer the HTTP API server uses
// (src/api/rbac.ts), as the user of kind's kubeconfig or the one --as impersonates.
import { parseFlags, Parsed, FlagDef, parseDryRun } from './flags';
import { session } from './session';
import { out, err } from './io';
import { CliError, KObject } from '../api/types';
import { resolveResource } from '../api/kinds';
import * as rbac from '../api/rbac';

const HELP_LEAD = /^(-n|--namespace|--context|--kubeconfig|--cluster|--user|-s|--server|--request-timeout|--as|--as-group|--as-uid)$/;

const SUBCOMMANDS: Record<string, (argv: string[]) => number> = { 'can-i': runCanI, whoami: runWhoAmI, reconcile: runReconcile };

export function run(argv: string[]): number {
  let i = 0;
  const lead: string[] = [];
  while (i < argv.length && argv[i].startsWith('-')) {
    lead.push(argv[i]);
    if (HELP_LEAD.test(argv[i]) && i + 1 < argv.length) lead.push(argv[++i]);
    i++;
  }
  const sub = argv[i];
  if (sub === undefined) {
    out(require('./cobra').helpText(['auth']));
    return 1;
  }
  const fn = SUBCOMMANDS[sub];
  if (!fn) throw new CliError(`error: unknown command "${argv.slice(i).join(' ')}"\nSee 'kubectl auth -h' for help and examples`, 1, true);
  return fn([...lead, ...argv.slice(i + 1)]);
}

/** The requesting user: kind's admin, or whom --as / --as-group / --as-uid impersonate. */
function requester(p: Parsed): rbac.UserInfo {
  const as: string = p.flags.as ?? '';
  const groups: string[] = p.flags['as-group'] ?? [];
  if (!as) {
    if (groups.length || p.flags['as-uid']) {
      // clientcmd names the kubeconfig user of the current context
      const { kubeconfig } = require('./kubeconfig') as typeof import('./kubeconfig');
      const cfg = kubeconfig(session().store).load();
      const user = cfg.contexts.find((c) => c.name === cfg['current-context'])?.context.user ?? '';
      throw new CliError(`requesting uid, groups or user-extra for ${user} without impersonating a user`);
    }
    return rbac.ADMIN_USER;
  }
  return rbac.impersonated(as, groups, p.flags['as-uid'] ?? '');
}

/** printers.WarningPrinter: `Warning: <message>` and a newline after the message's own. */
const warn = (msg: string) => err(`Warning: ${msg}\n`);

// ---- can-i -----------------------------------------------------------------------------------

const RESOURCE_VERBS = new Set(['get', 'list', 'watch', 'create', 'update', 'patch', 'delete', 'deletecollection', 'use', 'bind', 'impersonate', '*', 'approve', 'sign', 'escalate', 'attest']);
const NON_RESOURCE_VERBS = new Set(['get', 'put', 'post', 'head', 'options', 'delete', 'patch', '*']);

function runCanI(argv: string[]): number {
  const p = parseFlags(argv, [
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false },
    { name: 'quiet', short: 'q', type: 'bool', default: false },
    { name: 'subresource', type: 'string', default: '' },
    { name: 'list', type: 'bool', default: false },
    { name: 'no-headers', type: 'bool', default: false },
  ], 'kubectl auth can-i');
  const f = p.flags;
  // Complete
  let verb = '', nonResourceURL = '', resource: { group: string; resource: string; namespaced: boolean } | undefined, name = '';
  if (f.list) {
    if (p.args.length) throw new CliError('list option must be specified with no arguments');
  } else {
    if (p.args.length !== 2) throw new CliError("you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.");
    verb = p.args[0];
    if (p.args[1].startsWith('/')) nonResourceURL = p.args[1];
    else {
      const slash = p.args[1].indexOf('/');
      const type = slash < 0 ? p.args[1] : p.args[1].slice(0, slash);
      if (slash >= 0) name = p.args[1].slice(slash + 1);
      resource = resourceFor(type);
    }
  }
  const s = session();
  const namespace = f['all-namespaces'] ? '' : s.namespace(f.namespace);
  const user = requester(p);
  // Validate
  if (f.list) {
    if (f.quiet || f['all-namespaces'] || f.subresource) throw new CliError("list option can't be specified with neither quiet, all-namespaces nor subresource options");
  } else if (nonResourceURL) {
    if (f.subresource) throw new CliError('--subresource can not be used with NonResourceURL');
    if (!NON_RESOURCE_VERBS.has(verb)) warn(`verb '${verb}' is not a known verb\n`);
  } else if (resource && !f['all-namespaces']) {
    if (!resource.namespaced) warn(resource.group ? `resource '${resource.resource}' is not namespace scoped in group '${resource.group}'\n` : `resource '${resource.resource}' is not namespace scoped\n`);
    if (!RESOURCE_VERBS.has(verb)) warn(`verb '${verb}' is not a known verb\n`);
  }
  if (f['no-headers'] && !f.list) throw new CliError('--no-headers cannot be set without --list specified');
  // Run
  if (f.list) {
    const status = rbac.rulesFor(s.api, user, namespace);
    out(accessTable(status, !!f['no-headers']));
    return 0;
  }
  const decision = nonResourceURL
    ? rbac.authorize(s.api, user, { nonResource: { verb, path: nonResourceURL } })
    : rbac.authorize(s.api, user, { resource: { namespace, verb, group: resource!.group, resource: resource!.resource, subresource: f.subresource, name } });
  if (!f.quiet) {
    if (decision.allowed) out('yes\n');
    else out(`no${decision.reason ? ` - ${decision.reason}` : ''}${decision.evaluationError ? ` - ${decision.evaluationError}` : ''}\n`);
  }
  return decision.allowed ? 0 : 1;
}

/** CanIOptions.resourceFor: the REST mapper's resource, or the argument itself with a warning
 *  (users and groups, which discovery does not list, without one). */
function resourceFor(arg: string): { group: string; resource: string; namespaced: boolean } {
  if (arg === '*') return { group: '', resource: '*', namespaced: true };
  const lower = arg.toLowerCase();
  const info = resolveResource(lower);
  if (info) return { group: info.group, resource: info.plural, namespaced: info.namespaced };
  const dot = lower.indexOf('.');
  const res = dot < 0 ? lower : lower.slice(0, dot);
  const group = dot < 0 ? '' : lower.slice(dot + 1);
  const gr = group ? `${res}.${group}` : res;
  if (gr !== 'users' && gr !== 'groups') warn(group ? `the server doesn't have a resource type '${res}' in group '${group}'\n` : `the server doesn't have a resource type '${res}'\n`);
  // an unknown resource is asked about as typed, in no group; discovery knows nothing of its scope
  return { group: '', resource: arg, namespaced: true };
}

/** printStatus: the rules broken down, compacted and sorted as kubectl's util/rbac does. */
function accessTable(status: rbac.RulesStatus, noHeaders: boolean): string {
  if (status.incomplete) warn(`the list may be incomplete: ${status.evaluationError ?? ''}`);
  const { breakdownRule, compactRules, sortRules, combineResourceGroup } = require('../printers/describe/rbac') as typeof import('../printers/describe/rbac');
  const { goSlice } = require('../printers/describe/writer') as typeof import('../printers/describe/writer');
  const rules = [
    ...status.resourceRules.map((r) => ({ verbs: r.verbs, apiGroups: r.apiGroups, resources: r.resources, resourceNames: r.resourceNames })),
    ...status.nonResourceRules.map((r) => ({ verbs: r.verbs, nonResourceURLs: r.nonResourceURLs })),
  ];
  const compact = sortRules(compactRules(rules.flatMap(breakdownRule)));
  const lines: string[] = [];
  if (!noHeaders) lines.push('Resources\tNon-Resource URLs\tResource Names\tVerbs');
  for (const r of compact) lines.push(`${combineResourceGroup(r.resources, r.apiGroups)}\t${goSlice(r.nonResourceURLs)}\t${goSlice(r.resourceNames)}\t${goSlice(r.verbs)}`);
  const { tabwrite } = require('../printers/tabwriter') as typeof import('../printers/tabwriter');
  return tabwrite(lines.map((l) => l + '\n').join(''), { minwidth: 6, tabwidth: 4, padding: 3, padchar: ' ', flags: 0 });
}

// ---- whoami ----------------------------------------------------------------------------------

const PRINT_FLAGS: FlagDef[] = [
  { name: 'output', short: 'o', type: 'string', default: '' },
  { name: 'template', type: 'string', default: '' },
  { name: 'allow-missing-template-keys', type: 'bool', default: true },
  { name: 'show-managed-fields', type: 'bool', default: false },
];

/** The SelfSubjectReview the API server returns for a user (also src/apiserver/reviews.ts). */
export function selfSubjectReview(user: rbac.UserInfo): KObject {
  return {
    kind: 'SelfSubjectReview', apiVersion: 'authentication.k8s.io/v1', metadata: { creationTimestamp: null } as any,
    status: { userInfo: { username: user.username, ...(user.uid ? { uid: user.uid } : {}), groups: user.groups, ...(user.extra ? { extra: user.extra } : {}) } },
  };
}

function runWhoAmI(argv: string[]): number {
  const p = parseFlags(argv, PRINT_FLAGS, 'kubectl auth whoami');
  const f = p.flags;
  const { parseOutput, compilePrinter } = require('../printers/output') as typeof import('../printers/output');
  const spec = f.output ? parseOutput(f.output, f.template || undefined, { noTables: true }) : undefined;
  session();
  const review = selfSubjectReview(requester(p));
  if (spec?.kind === 'json') {
    // a typed object: its fields in struct order
    out(JSON.stringify(review, null, 4) + '\n');
    return 0;
  }
  if (spec) {
    const r = compilePrinter(spec, { allowMissingKeys: f['allow-missing-template-keys'] })({ single: review, items: [] });
    out(r.out);
    if (r.err) { err(r.err); return 1; }
    return 0;
  }
  const ui = (review as any).status.userInfo;
  let text = 'ATTRIBUTE\tVALUE\n';
  if (ui.username) text += `Username\t${ui.username}\n`;
  if (ui.uid) text += `UID\t${ui.uid}\n`;
  if (ui.groups?.length) text += `Groups\t[${ui.groups.join(' ')}]\n`;
  for (const k of Object.keys(ui.extra ?? {}).sort()) text += `Extra: ${k}\t[${ui.extra[k].join(' ')}]\n`;
  const { tabwrite } = require('../printers/tabwriter') as typeof import('../printers/tabwriter');
  out(tabwrite(text, { minwidth: 6, tabwidth: 4, padding: 3, padchar: ' ', flags: 0 }));
  return 0;
}

// ---- reconcile -------------------------------------------------------------------------------

function runReconcile(argv: string[]): number {
  const p = parseFlags(argv, [
    ...PRINT_FLAGS,
    { name: 'filename', short: 'f', type: 'stringSlice', default: [] },
    { name: 'kustomize', short: 'k', type: 'string', default: '' },
    { name: 'recursive', short: 'R', type: 'bool', default: false },
    { name: 'remove-extra-permissions', type: 'bool', default: false },
    { name: 'remove-extra-subjects', type: 'bool', default: false },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefVal: 'unchanged' },
  ], 'kubectl auth reconcile');
  const f = p.flags;
  if (!f.filename.length && !f.kustomize) throw new CliError('must specify one of -f and -k');
  if (f.kustomize) throw new CliError('kustomize is not supported by kubesim yet');
  if (p.args.length) throw new CliError('no arguments are allowed');
  const dryRun = parseDryRun(f['dry-run'], p.set.has('dry-run'));
  if (dryRun === 'server') throw new CliError('--dry-run=server for command reconcile is not supported yet');
  const { reconcileObject } = require('./auth-reconcile') as typeof import('./auth-reconcile');
  return reconcileObject(p, dryRun === 'client');
}
