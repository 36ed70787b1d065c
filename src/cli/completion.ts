// kubectl completion SHELL (the scripts kubectl 1.32 prints, recorded in templates/completion/)
// and the hidden `__complete` / `__completeNoDesc` commands those scripts call: cobra's
// getCompletions over kubectl's command tree (src/cli/cobra.ts), with kubectl's completion
// functions (kubectl/pkg/util/completion) answered from the cluster's store directly: no
// control plane runs, so pressing Tab stays fast.
import { CliError } from '../api/types';
import { out, err } from './io';
import { commandTree, findCommand, flagsOf, readTemplate, FlagSpec } from './cobra';

const SHELLS = ['bash', 'zsh', 'fish', 'powershell'];

export function run(argv: string[]): number {
  const args = argv.filter((a) => !a.startsWith('-'));
  const usage = (m: string) => new CliError(`error: ${m}\nSee 'kubectl completion -h' for help and examples`, 1, true);
  if (!args.length) throw usage('Shell not specified.');
  if (args.length > 1) throw usage('Too many arguments. Expected only the shell type.');
  if (!SHELLS.includes(args[0])) throw usage(`Unsupported shell type "${args[0]}".`);
  out(readTemplate(`completion/${args[0]}.txt`));
  return 0;
}

// ShellCompDirective bits
const ERROR = 1, NO_SPACE = 2, NO_FILE_COMP = 4, FILTER_FILE_EXT = 8, FILTER_DIRS = 16, KEEP_ORDER = 32;
function directiveName(d: number): string {
  const names: string[] = [];
  if (d & ERROR) names.push('ShellCompDirectiveError');
  if (d & NO_SPACE) names.push('ShellCompDirectiveNoSpace');
  if (d & NO_FILE_COMP) names.push('ShellCompDirectiveNoFileComp');
  if (d & FILTER_FILE_EXT) names.push('ShellCompDirectiveFilterFileExt');
  if (d & FILTER_DIRS) names.push('ShellCompDirectiveFilterDirs');
  if (d & KEEP_ORDER) names.push('ShellCompDirectiveKeepOrder');
  return names.length ? names.join(', ') : 'ShellCompDirectiveDefault';
}

export const runComplete = (argv: string[]) => complete(argv, false);
export const runCompleteNoDesc = (argv: string[]) => complete(argv, true);

function complete(argv: string[], noDesc: boolean): number {
  const args = argv.length ? argv : [''];
  const r = getCompletions(args);
  let text = '';
  for (let c of r.comps) {
    if (noDesc) c = c.split('\t')[0];
    text += c.split('\n')[0].trim() + '\n';
  }
  out(text + `:${r.directive}\n`);
  if (r.error) err(r.error);
  err(`Completion ended with directive: ${directiveName(r.directive)}\n`);
  return 0;
}

interface Result { comps: string[]; directive: number; error?: string }

/** cobra's getCompletions, for kubectl's tree. */
export function getCompletions(args: string[]): Result {
  let toComplete = args[args.length - 1];
  const trimmed = args.slice(0, -1);
  const { path: cmdPath, rest } = findCommand(trimmed);
  if (!cmdPath.length && rest.some((a) => !a.startsWith('-'))) {
    const words = rest.filter((a) => !a.startsWith('-'));
    return { comps: [], directive: 0, error: `[Debug] Cleared global flags for plugin completion\n[Debug] [Error] unable to find a command for arguments: [${words.join(' ')}]\n` };
  }
  const flags = flagsOf(cmdPath);
  const byName = (n: string) => flags.find((f) => f.name === n);
  const byShort = (s: string) => flags.find((f) => f.short === s);
  const takesValue = (f: FlagSpec | undefined) => !!f && f.type !== 'bool' && !['dry-run', 'validate', 'cascade'].includes(f.name);

  // checkIfFlagCompletion: `--flag=val`, or the previous word is a flag waiting for its value.
  let flag: FlagSpec | undefined;
  let finalArgs = rest;
  if (toComplete.startsWith('-') && toComplete.includes('=')) {
    const eq = toComplete.indexOf('=');
    const name = toComplete.slice(0, eq);
    flag = name.startsWith('--') ? byName(name.slice(2)) : name.length === 2 ? byShort(name[1]) : undefined;
    toComplete = toComplete.slice(eq + 1);
  } else if (rest.length) {
    const last = rest[rest.length - 1];
    const dashAt = rest.indexOf('--');
    if (dashAt < 0 && last.startsWith('-') && !last.includes('=') && last !== '--') {
      const f = last.startsWith('--') ? byName(last.slice(2)) : last.length === 2 ? byShort(last[1]) : undefined;
      if (takesValue(f)) { flag = f; finalArgs = rest.slice(0, -1); }
    }
  }

  // Parse the flags: the positional arguments and the flags given.
  const positional: string[] = [];
  const given: Record<string, string> = {};
  let dashDash = false;
  for (let i = 0; i < finalArgs.length; i++) {
    const a = finalArgs[i];
    if (dashDash) { positional.push(a); continue; }
    if (a === '--') { dashDash = true; continue; }
    if (a.startsWith('--') && a.length > 2) {
      const eq = a.indexOf('=');
      const f = byName(eq >= 0 ? a.slice(2, eq) : a.slice(2));
      if (!f) continue;
      given[f.name] = eq >= 0 ? a.slice(eq + 1) : takesValue(f) ? finalArgs[++i] ?? '' : 'true';
    } else if (a.startsWith('-') && a.length > 1) {
      for (let j = 1; j < a.length; j++) {
        const f = byShort(a[j]);
        if (!f) break;
        if (!takesValue(f)) { given[f.name] = 'true'; continue; }
        const v = a.slice(j + 1).replace(/^=/, '');
        given[f.name] = v || (finalArgs[++i] ?? '');
        break;
      }
    } else positional.push(a);
  }
  if (given.help === 'true') return { comps: [], directive: NO_FILE_COMP };

  const ctx = new Ctx(given);
  if (flag) {
    const fn = FLAG_COMPLETIONS[flag.name];
    if (!fn) return { comps: [], directive: 0 };
    return fn(ctx, cmdPath, positional, toComplete);
  }
  if (toComplete.startsWith('-') && !toComplete.includes('=')) {
    // Flag names: the inherited (global) ones, then the command's own, each sorted.
    const t = commandTree();
    const own = [...(cmdPath.length ? t[cmdPath.join(' ')].flags : []), { name: 'help', short: 'h', type: 'bool', usage: `help for ${cmdPath.length ? cmdPath[cmdPath.length - 1] : 'kubectl'}` } as FlagSpec & { usage: string }];
    const inherited = cmdPath.length ? t[''].flags : [];
    const local = cmdPath.length ? own : [...t[''].flags, own[own.length - 1]];
    // completeRequireFlags: the required flags not given yet come alone when there are any.
    const required = requiredFlags(cmdPath, given, toComplete);
    if (required.length) return { comps: required, directive: NO_FILE_COMP };
    const comps: string[] = [];
    const add = (list: (FlagSpec & { usage?: string })[]) => {
      for (const f of [...list].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))) {
        if (given[f.name] !== undefined && f.type !== 'list') continue;
        if (('--' + f.name).startsWith(toComplete)) comps.push(`--${f.name}\t${f.usage ?? ''}`);
        if (f.short && ('-' + f.short).startsWith(toComplete)) comps.push(`-${f.short}\t${f.usage ?? ''}`);
      }
    };
    add(inherited as any);
    add(local as any);
    return { comps, directive: NO_FILE_COMP };
  }
  const comps: string[] = [];
  let directive = 0;
  const t = commandTree();
  const node = t[cmdPath.join(' ')];
  const localGiven = Object.keys(given).some((n) => (node.flags ?? []).some((f) => f.name === n));
  if (!positional.length && !localGiven && node.subs.length) {
    const subs = [...node.subs, ...(cmdPath.length ? [] : [])].sort();
    for (const s of subs) {
      const short = t[[...cmdPath, s].join(' ')]?.short ?? '';
      if (s.startsWith(toComplete)) comps.push(`${s}\t${short}`);
    }
    directive = NO_FILE_COMP;
  }
  if (cmdPath.join(' ') === 'completion') {
    if (!positional.length) for (const s of SHELLS) if (s.startsWith(toComplete)) comps.push(s);
    return { comps, directive: NO_FILE_COMP };
  }
  // Required flags are offered even without the '-'.
  comps.push(...requiredFlags(cmdPath, given, toComplete));
  const fn = ARG_COMPLETIONS[cmdPath.join(' ')] ?? ((cmdPath[0] === 'set' || cmdPath[0] === 'rollout') && cmdPath.length === 2 ? ARG_COMPLETIONS[cmdPath[0] + ' *'] : undefined);
  if (fn) {
    const r = fn(ctx, cmdPath, positional, toComplete);
    comps.push(...r.comps);
    directive = r.directive;
  }
  return { comps, directive };
}

/** The cluster as completion reads it: the store, without running the control plane. */
class Ctx {
  private store: any;
  constructor(private given: Record<string, string>) {}
  private open(): any {
    if (this.store) return this.store;
    const { Session } = require('./session') as typeof import('./session');
    return (this.store = new Session().store);
  }
  kubeconfig(): any {
    const { kubeconfig } = require('./kubeconfig') as typeof import('./kubeconfig');
    return kubeconfig(this.open()).load();
  }
  namespace(): string {
    if (this.given.namespace) return this.given.namespace;
    const cfg = this.kubeconfig();
    const ctxName = this.given.context || cfg['current-context'];
    return cfg.contexts.find((c: any) => c.name === ctxName)?.context.namespace || 'default';
  }
  /** CompGetResource: the names of a type's objects that start with what was typed. */
  names(type: string, toComplete: string): string[] {
    const { resolveResource } = require('../api/kinds') as typeof import('../api/kinds');
    const k = resolveResource(type);
    if (!k) return [];
    const names: string[] = this.open().listNames(k.kind, k.namespaced ? this.namespace() : '');
    return names.filter((n) => n.startsWith(toComplete));
  }
  pod(name: string): any {
    const j = this.open().getJson('Pod', this.namespace(), name);
    return j ? JSON.parse(j) : undefined;
  }
}

type Fn = (ctx: Ctx, cmdPath: string[], args: string[], toComplete: string) => Result;

/** CompGetResourceList: `api-resources -o name --verbs=get`, filtered by what was typed. */
function resourceList(toComplete: string): string[] {
  const { KINDS, qualifiedResource } = require('../api/kinds') as typeof import('../api/kinds');
  const seen = new Set<string>();
  return KINDS.filter((k) => !k.verbs || k.verbs.includes('get')).filter((k) => k.kind !== 'Binding')
    .map((k) => qualifiedResource(k)).filter((n) => !seen.has(n) && seen.add(n) && n.startsWith(toComplete));
}

const difference = (a: string[], b: string[]) => a.filter((x) => !b.includes(x));

/** ResourceTypeAndNameCompletionFunc (and, with a list of types, its Specified variant). */
function typeAndName(allowed?: string[]): Fn {
  return (ctx, cmdPath, args, toComplete) => {
    let comps: string[] = [];
    let directive = NO_FILE_COMP;
    const types = (tc: string) => (allowed ? allowed.filter((t) => t.startsWith(tc)) : resourceList(tc));
    if (args.length && !args[0].includes('/')) {
      if (allowed && args.length > 0 && !allowed.some((t) => t === args[0] || t + 's' === args[0])) {
        // only the allowed types' names
      }
      comps = difference(ctx.names(args[0], toComplete), args.slice(1));
    } else {
      const slash = toComplete.indexOf('/');
      if (slash < 0) {
        if (!args.length) comps = types(toComplete);
        else { comps = types(toComplete).map((t) => t + '/'); directive |= NO_SPACE; }
      } else {
        const type = toComplete.slice(0, slash);
        comps = ctx.names(type, toComplete.slice(slash + 1)).map((n) => `${type}/${n}`);
      }
    }
    return { comps, directive };
  };
}

/** doPodResourceCompletion: pod names, and TYPE/ for the kinds that have pods. */
function podResource(ctx: Ctx, toComplete: string): Result {
  let directive = NO_FILE_COMP;
  const slash = toComplete.indexOf('/');
  if (slash < 0) {
    const comps = ctx.names('pod', toComplete);
    if (!comps.length) directive |= NO_SPACE;
    for (const r of ['daemonsets', 'deployments', 'pods', 'jobs', 'replicasets', 'replicationcontrollers', 'services', 'statefulsets']) {
      if (r.startsWith(toComplete)) comps.push(r + '/');
    }
    return { comps, directive };
  }
  const type = toComplete.slice(0, slash);
  return { comps: ctx.names(type, toComplete.slice(slash + 1)).map((n) => `${type}/${n}`), directive };
}

const podName: Fn = (ctx, _p, args, tc) => (args.length ? { comps: [], directive: NO_FILE_COMP } : podResource(ctx, tc));
const resourceName = (type: string): Fn => (ctx, _p, args, tc) => ({ comps: difference(ctx.names(type, tc), args), directive: NO_FILE_COMP });

function containers(ctx: Ctx, podArg: string, toComplete: string): string[] {
  const name = podArg.includes('/') ? podArg.split('/')[1] : podArg;
  const pod = ctx.pod(name);
  if (!pod) return [];
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? []), ...(pod.spec?.ephemeralContainers ?? [])]
    .map((c: any) => c.name).filter((n: string) => n.startsWith(toComplete));
}

const contextNames = (ctx: Ctx, tc: string) => (ctx.kubeconfig().contexts ?? []).map((c: any) => c.name).filter((n: string) => n.startsWith(tc));
const clusterNames = (ctx: Ctx, tc: string) => (ctx.kubeconfig().clusters ?? []).map((c: any) => c.name).filter((n: string) => n.startsWith(tc));
const userNames = (ctx: Ctx, tc: string) => (ctx.kubeconfig().users ?? []).map((c: any) => c.name).filter((n: string) => n.startsWith(tc));

const ARG_COMPLETIONS: Record<string, Fn> = {
  get: typeAndName(), describe: typeAndName(), delete: typeAndName(), edit: typeAndName(), label: typeAndName(),
  annotate: typeAndName(), patch: typeAndName(), wait: typeAndName(), 'set *': typeAndName(), explain: (ctx, p, args, tc) => (args.length ? { comps: [], directive: NO_FILE_COMP } : { comps: resourceList(tc), directive: NO_FILE_COMP }),
  scale: typeAndName(['deployment', 'replicaset', 'replicationcontroller', 'statefulset']),
  expose: typeAndName(['pod', 'service', 'replicationcontroller', 'deployment', 'replicaset']),
  'rollout *': typeAndName(['deployment', 'daemonset', 'statefulset']),
  exec: podName, attach: podName, 'port-forward': podName,
  logs: (ctx, _p, args, tc) => {
    if (!args.length) return podResource(ctx, tc);
    if (args.length === 1) return { comps: containers(ctx, args[0], tc), directive: NO_FILE_COMP };
    return { comps: [], directive: NO_FILE_COMP };
  },
  cordon: resourceName('node'), uncordon: resourceName('node'), drain: resourceName('node'), taint: resourceName('node'),
  'top pod': resourceName('pod'), 'top node': resourceName('node'),
  'config use-context': (ctx, _p, args, tc) => ({ comps: args.length ? [] : contextNames(ctx, tc), directive: NO_FILE_COMP }),
  'config delete-context': (ctx, _p, args, tc) => ({ comps: args.length ? [] : contextNames(ctx, tc), directive: NO_FILE_COMP }),
  'config rename-context': (ctx, _p, args, tc) => ({ comps: args.length ? [] : contextNames(ctx, tc), directive: NO_FILE_COMP }),
  'config set-context': (ctx, _p, args, tc) => ({ comps: args.length ? [] : contextNames(ctx, tc), directive: NO_FILE_COMP }),
  'config delete-cluster': (ctx, _p, args, tc) => ({ comps: args.length ? [] : clusterNames(ctx, tc), directive: NO_FILE_COMP }),
  'config delete-user': (ctx, _p, args, tc) => ({ comps: args.length ? [] : userNames(ctx, tc), directive: NO_FILE_COMP }),
};

/** The flags kubectl marks required (cobra.MarkFlagRequired); help texts do not say which. */
const REQUIRED: Record<string, string[]> = {
  'create deployment': ['image'], 'create cronjob': ['image', 'schedule'], scale: ['replicas'],
  'create service externalname': ['external-name'], run: ['image'], autoscale: ['max'],
};
function requiredFlags(cmdPath: string[], given: Record<string, string>, toComplete: string): string[] {
  const own = commandTree()[cmdPath.join(' ')]?.flags ?? [];
  const out: string[] = [];
  for (const name of REQUIRED[cmdPath.join(' ')] ?? []) {
    const f = own.find((x) => x.name === name);
    if (!f || given[name] !== undefined) continue;
    if (('--' + name).startsWith(toComplete)) out.push(`--${name}\t${f.usage ?? ''}`);
    if (f.short && ('-' + f.short).startsWith(toComplete)) out.push(`-${f.short}\t${f.usage ?? ''}`);
  }
  return out;
}

/** The output formats a command's -o lists in its help ("One of: (json, yaml, ...)"). */
function outputFormats(cmdPath: string[]): string[] {
  const f = commandTree()[cmdPath.join(' ')]?.flags.find((x) => x.name === 'output') as any;
  const m = /One of: \(([^)]*)\)/.exec(f?.usage ?? '');
  return m ? m[1].split(',').map((s) => s.trim()) : [];
}

const FLAG_COMPLETIONS: Record<string, Fn> = {
  namespace: (ctx, _p, _a, tc) => ({ comps: ctx.names('namespace', tc), directive: NO_FILE_COMP }),
  context: (ctx, _p, _a, tc) => ({ comps: contextNames(ctx, tc), directive: NO_FILE_COMP }),
  cluster: (ctx, _p, _a, tc) => ({ comps: clusterNames(ctx, tc), directive: NO_FILE_COMP }),
  user: (ctx, _p, _a, tc) => ({ comps: userNames(ctx, tc), directive: NO_FILE_COMP }),
  // registered by PrintFlags only: a command whose -o is its own (version) completes nothing
  output: (_c, p, _a, tc) => {
    const formats = outputFormats(p);
    return formats.length ? { comps: formats.filter((f) => f.startsWith(tc)), directive: NO_FILE_COMP } : { comps: [], directive: 0 };
  },
  container: (ctx, p, args, tc) => ({ comps: args.length ? containers(ctx, args[0], tc) : [], directive: NO_FILE_COMP }),
};
