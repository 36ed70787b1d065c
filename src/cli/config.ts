// kubectl config: the kubeconfig kubesim keeps in its state (src/cli/kubeconfig.ts). Contexts,
// the current context and its namespace (which every verb honours), and `view` printed as
// kubectl prints a kubeconfig (secrets as DATA+OMITTED, Go struct order in JSON).
import * as os from 'os';
import * as path from 'path';
import { parseFlags, subcommandIndex } from './flags';
import { out, err } from './io';
import { CliError } from '../api/types';
import { session } from './session';
import { kubeconfig, Kubeconfig } from './kubeconfig';

function store() {
  const s = session();
  return kubeconfig(s.store);
}

const configPath = () => process.env.KUBECONFIG?.split(':')[0] || path.join(os.homedir(), '.kube', 'config');

export function run(argv: string[]): number {
  const at = subcommandIndex(argv);
  const sub = at >= 0 ? argv[at] : undefined;
  const rest = [...argv];
  if (sub) rest.splice(at, 1);
  switch (sub) {
    case 'current-context': return currentContext(rest);
    case 'get-contexts': return getContexts(rest);
    case 'use-context': case 'use': return useContext(rest);
    case 'set-context': return setContext(rest);
    case 'view': return view(rest);
    case 'get-clusters': return listNames(rest, 'clusters', 'get-clusters');
    case 'get-users': return listNames(rest, 'users', 'get-users');
    case 'rename-context': return renameContext(rest);
    case 'delete-context': return deleteNamed(rest, 'contexts', 'context', 'delete-context');
    case 'delete-cluster': return deleteNamed(rest, 'clusters', 'cluster', 'delete-cluster');
    case 'delete-user': return deleteNamed(rest, 'users', 'user', 'delete-user');
    case 'set-cluster': return setCluster(rest);
    case 'set-credentials': return setCredentials(rest);
    case 'set': return setProperty(rest, false);
    case 'unset': return setProperty(rest, true);
  }
  if (sub) throw new CliError(`error: unknown command "${argv.filter((a) => !a.startsWith('-')).join(' ')}"\nSee 'kubectl config -h' for help and examples`, 1, true);
  throw new CliError(CONFIG_HELP, 1, true);
}

const USE_CONTEXT_HELP = `Set the current-context in a kubeconfig file.

Aliases:
use-context, use

Examples:
  # Use the context for the minikube cluster
  kubectl config use-context minikube

Usage:
  kubectl config use-context CONTEXT_NAME [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const RENAME_CONTEXT_HELP = `Renames a context from the kubeconfig file.

 CONTEXT_NAME is the context name that you want to change.

 NEW_NAME is the new name you want to set.

 Note: If the context being renamed is the 'current-context', this field will also be updated.

Examples:
  # Rename the context 'old-name' to 'new-name' in your kubeconfig file
  kubectl config rename-context old-name new-name

Usage:
  kubectl config rename-context CONTEXT_NAME NEW_NAME [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const CONFIG_HELP = `Modify kubeconfig files using subcommands like "kubectl config set current-context my-context".

 The loading order follows these rules:

  1.  If the --kubeconfig flag is set, then only that file is loaded. The flag may only be set once and no merging takes place.
  2.  If $KUBECONFIG environment variable is set, then it is used as a list of paths (normal path delimiting rules for your system). These paths are merged. When a value is modified, it is modified in the file that defines the stanza. When a value is created, it is created in the first file that exists. If no files in the chain exist, then it creates the last file in the list.
  3.  Otherwise, \${HOME}/.kube/config is used and no merging takes place.

Available Commands:
  current-context   Display the current-context
  delete-cluster    Delete the specified cluster from the kubeconfig
  delete-context    Delete the specified context from the kubeconfig
  delete-user       Delete the specified user from the kubeconfig
  get-clusters      Display clusters defined in the kubeconfig
  get-contexts      Describe one or many contexts
  get-users         Display users defined in the kubeconfig
  rename-context    Rename a context from the kubeconfig file
  set               Set an individual value in a kubeconfig file
  set-cluster       Set a cluster entry in kubeconfig
  set-context       Set a context entry in kubeconfig
  set-credentials   Set a user entry in kubeconfig
  unset             Unset an individual value in a kubeconfig file
  use-context       Set the current-context in a kubeconfig file
  view              Display merged kubeconfig settings or a specified kubeconfig file

Usage:
  kubectl config SUBCOMMAND [options]

Use "kubectl config <command> --help" for more information about a given command.
Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

function currentContext(argv: string[]): number {
  parseFlags(argv, [], 'kubectl config current-context');
  const cfg = store().load();
  if (!cfg['current-context']) throw new CliError('current-context is not set');
  out(cfg['current-context'] + '\n');
  return 0;
}

function getContexts(argv: string[]): number {
  const p = parseFlags(argv, [
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'no-headers', type: 'bool', default: false },
  ], 'kubectl config get-contexts');
  const output = p.flags.output;
  if (output && output !== 'name') throw new CliError(`output must be one of '' or 'name': ${output}`);
  const cfg = store().load();
  const nameOnly = output === 'name';
  let names = cfg.contexts.map((c) => c.name).sort();
  const missing: string[] = [];
  if (p.args.length) {
    missing.push(...p.args.filter((a) => !names.includes(a)));
    names = names.filter((n) => p.args.includes(n));
  }
  let text = '';
  if (!nameOnly && !p.flags['no-headers']) text += 'CURRENT\tNAME\tCLUSTER\tAUTHINFO\tNAMESPACE\n';
  for (const name of names) {
    const c = cfg.contexts.find((x) => x.name === name)!.context;
    if (nameOnly) text += name + '\n';
    else text += `${name === cfg['current-context'] ? '*' : ' '}\t${name}\t${c.cluster ?? ''}\t${c.user ?? ''}\t${c.namespace ?? ''}\n`;
  }
  const { tabwrite, GET_TABWRITER } = require('../printers/tabwriter');
  out(nameOnly ? text : tabwrite(text, { ...GET_TABWRITER, flags: 0 }));
  if (missing.length) {
    err(missing.map((m) => `error: context ${m} not found`).join('\n') + '\n');
    return 1;
  }
  return 0;
}

function useContext(argv: string[]): number {
  const p = parseFlags(argv, [], 'kubectl config use-context');
  if (p.args.length !== 1) { out(USE_CONTEXT_HELP); throw new CliError(`Unexpected args: [${p.args.join(' ')}]`); }
  const k = store();
  const cfg = k.load();
  const name = p.args[0];
  if (!cfg.contexts.some((c) => c.name === name)) throw new CliError(`no context exists with the name: "${name}"`);
  cfg['current-context'] = name;
  k.save(cfg);
  out(`Switched to context "${name}".\n`);
  return 0;
}

function setContext(argv: string[]): number {
  const p = parseFlags(argv, [
    { name: 'current', type: 'bool', default: false },
    { name: 'cluster', type: 'string', default: '' },
    { name: 'user', type: 'string', default: '' },
    { name: 'namespace', short: 'n', type: 'string', default: '' },
  ], 'kubectl config set-context');
  const k = store();
  const cfg = k.load();
  let name = p.args[0] ?? '';
  if (p.flags.current) {
    if (name) throw new CliError('you cannot specify both a context name and --current');
    name = cfg['current-context'];
    if (!name) throw new CliError('no current context is set');
  }
  if (!name) throw new CliError('you must specify a non-empty context name or --current');
  let entry = cfg.contexts.find((c) => c.name === name);
  const created = !entry;
  if (!entry) { entry = { name, context: {} as any }; cfg.contexts.push(entry); }
  if (p.set.has('cluster')) { if (p.flags.cluster) entry.context.cluster = p.flags.cluster; else delete (entry.context as any).cluster; }
  if (p.set.has('user')) { if (p.flags.user) entry.context.user = p.flags.user; else delete (entry.context as any).user; }
  if (p.set.has('namespace')) { if (p.flags.namespace) entry.context.namespace = p.flags.namespace; else delete entry.context.namespace; }
  k.save(cfg);
  out(`Context "${name}" ${created ? 'created' : 'modified'}.\n`);
  return 0;
}

function renameContext(argv: string[]): number {
  const p = parseFlags(argv, [], 'kubectl config rename-context');
  if (p.args.length !== 2) { out(RENAME_CONTEXT_HELP); throw new CliError(`Unexpected args: [${p.args.join(' ')}]`); }
  const [from, to] = p.args;
  const k = store();
  const cfg = k.load();
  const entry = cfg.contexts.find((c) => c.name === from);
  if (!entry) throw new CliError(`cannot rename the context "${from}", it's not in ${configPath()}`);
  if (cfg.contexts.some((c) => c.name === to)) throw new CliError(`cannot rename the context "${from}", the context "${to}" already exists in ${configPath()}`);
  entry.name = to;
  if (cfg['current-context'] === from) cfg['current-context'] = to;
  k.save(cfg);
  out(`Context "${from}" renamed to "${to}".\n`);
  return 0;
}

function deleteNamed(argv: string[], field: 'contexts' | 'clusters' | 'users', what: string, cmd: string): number {
  const p = parseFlags(argv, [], `kubectl config ${cmd}`);
  if (p.args.length !== 1) throw new CliError(`Error: accepts 1 arg(s), received ${p.args.length}\nSee 'kubectl config ${cmd} -h' for help and examples`, 1, true);
  const name = p.args[0];
  const k = store();
  const cfg = k.load();
  const list = cfg[field] as { name: string }[];
  const i = list.findIndex((x) => x.name === name);
  if (i < 0) throw new CliError(`cannot delete ${what} ${name}, not in ${configPath()}`);
  list.splice(i, 1);
  if (field === 'contexts' && cfg['current-context'] === name) {
    err('warning: this removed your active context, use "kubectl config use-context" to select a different one\n');
  }
  k.save(cfg);
  out(`deleted ${what} ${name} from ${configPath()}\n`);
  return 0;
}

function listNames(argv: string[], field: 'clusters' | 'users', cmd: string): number {
  parseFlags(argv, [], `kubectl config ${cmd}`);
  const cfg = store().load();
  out('NAME\n' + (cfg[field] as { name: string }[]).map((x) => x.name).sort().map((n) => n + '\n').join(''));
  return 0;
}

function setCluster(argv: string[]): number {
  const p = parseFlags(argv, [
    { name: 'server', type: 'string', default: '' },
    { name: 'certificate-authority', type: 'string', default: '' },
    { name: 'insecure-skip-tls-verify', type: 'bool', default: false },
    { name: 'tls-server-name', type: 'string', default: '' },
    { name: 'embed-certs', type: 'bool', default: false },
  ], 'kubectl config set-cluster');
  const name = p.args[0];
  if (!name) throw new CliError(`Unexpected args: []\nSee 'kubectl config set-cluster -h' for help and examples`, 1, true);
  const k = store();
  const cfg = k.load();
  let entry = cfg.clusters.find((c) => c.name === name);
  const created = !entry;
  if (!entry) { entry = { name, cluster: { server: '' } }; cfg.clusters.push(entry); }
  if (p.set.has('server')) entry.cluster.server = p.flags.server;
  if (p.set.has('insecure-skip-tls-verify')) (entry.cluster as any)['insecure-skip-tls-verify'] = p.flags['insecure-skip-tls-verify'];
  k.save(cfg);
  out(`Cluster "${name}" ${created ? 'set' : 'set'}.\n`);
  return 0;
}

function setCredentials(argv: string[]): number {
  const p = parseFlags(argv, [
    { name: 'token', type: 'string', default: '' },
    { name: 'username', type: 'string', default: '' },
    { name: 'password', type: 'string', default: '' },
    { name: 'client-certificate', type: 'string', default: '' },
    { name: 'client-key', type: 'string', default: '' },
    { name: 'embed-certs', type: 'bool', default: false },
  ], 'kubectl config set-credentials');
  const name = p.args[0];
  if (!name) throw new CliError(`Unexpected args: []\nSee 'kubectl config set-credentials -h' for help and examples`, 1, true);
  const k = store();
  const cfg = k.load();
  let entry = cfg.users.find((c) => c.name === name);
  if (!entry) { entry = { name, user: {} }; cfg.users.push(entry); }
  for (const f of ['token', 'username', 'password', 'client-certificate', 'client-key']) if (p.set.has(f)) entry.user[f] = p.flags[f];
  k.save(cfg);
  out(`User "${name}" set.\n`);
  return 0;
}

/** The kubeconfig as kubectl's typed clientcmd api.Config (Go struct order). */
function typedConfig(cfg: Kubeconfig, minify: boolean, redact = false): any {
  // clientcmd keeps them in maps: kubectl lists them sorted by name
  const byName = <T extends { name: string }>(l: T[]) => [...l].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  let clusters = byName(cfg.clusters), users = byName(cfg.users), contexts = byName(cfg.contexts);
  if (minify) {
    const current = cfg['current-context'];
    if (!current) throw new CliError('current-context must exist in order to minify');
    const ctx = contexts.find((c) => c.name === current);
    if (!ctx) throw new CliError(`cannot locate context ${current}`);
    contexts = [ctx];
    clusters = clusters.filter((c) => c.name === ctx.context.cluster);
    users = users.filter((u) => u.name === ctx.context.user);
  }
  const clusterOut = (c: any) => {
    const o: any = {};
    if (c.server !== undefined) o.server = c.server;
    for (const k of ['tls-server-name', 'insecure-skip-tls-verify', 'certificate-authority', 'certificate-authority-data', 'proxy-url', 'disable-compression']) if (c[k] !== undefined) o[k] = c[k];
    return o;
  };
  const userOut = (u: any) => {
    const o: any = {};
    for (const k of ['client-certificate', 'client-certificate-data', 'client-key', 'client-key-data', 'token', 'tokenFile', 'as', 'username', 'password']) if (u[k] !== undefined) o[k] = u[k];
    // ShortenConfig (no --raw, no --flatten): secrets show as REDACTED
    if (redact) for (const k of ['token', 'password']) if (o[k]) o[k] = 'REDACTED';
    return o;
  };
  const ctxOut = (c: any) => {
    const o: any = { cluster: c.cluster ?? '' };
    o.user = c.user ?? '';
    if (c.namespace) o.namespace = c.namespace;
    return o;
  };
  return {
    kind: 'Config',
    apiVersion: 'v1',
    preferences: {},
    clusters: clusters.map((c) => ({ name: c.name, cluster: clusterOut(c.cluster) })),
    users: users.map((u) => ({ name: u.name, user: userOut(u.user) })),
    contexts: contexts.map((c) => ({ name: c.name, context: ctxOut(c.context) })),
    'current-context': cfg['current-context'] ?? '',
  };
}

function view(argv: string[]): number {
  const p = parseFlags(argv, [
    { name: 'output', short: 'o', type: 'string', default: 'yaml' },
    { name: 'minify', type: 'bool', default: false },
    { name: 'raw', type: 'bool', default: false },
    { name: 'flatten', type: 'bool', default: false },
    { name: 'merge', type: 'bool', default: true },
    { name: 'template', type: 'string', default: '' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
  ], 'kubectl config view');
  const cfg = store().load();
  const typed = typedConfig(cfg, p.flags.minify, !p.flags.raw && !p.flags.flatten);
  const { parseOutput, compilePrinter } = require('../printers/output');
  const spec = parseOutput(p.flags.output || 'yaml', p.flags.template || undefined, { noTables: true });
  if (spec.kind === 'json') {
    const { toJson } = require('../printers/json');
    out(toJson(typed, { sortKeys: false }));
    return 0;
  }
  // kubectl's PrintFlags: -o name prints `config/<unknown>` (a Config has no name); the typed
  // object's raw data (template errors) is in struct order
  const r = compilePrinter(spec, { allowMissingKeys: p.flags['allow-missing-template-keys'], typed: 'ordered' })({ single: typed, items: [] });
  out(r.out);
  if (r.err) { err(r.err); return 1; }
  return 0;
}

const SET_HELP = `Set an individual value in a kubeconfig file.

 PROPERTY_NAME is a dot delimited name where each token represents either an attribute name or a map key.  Map keys may not contain dots.

 PROPERTY_VALUE is the new value you want to set. Binary fields such as 'certificate-authority-data' expect a base64 encoded string unless the --set-raw-bytes flag is used.

 Specifying an attribute name that already exists will merge new fields on top of existing values.

Examples:
  # Set the server field on the my-cluster cluster to https://1.2.3.4
  kubectl config set clusters.my-cluster.server https://1.2.3.4
  
  # Set the certificate-authority-data field on the my-cluster cluster
  kubectl config set clusters.my-cluster.certificate-authority-data $(echo "cert_data_here" | base64 -i -)
  
  # Set the cluster field in the my-context context to my-cluster
  kubectl config set contexts.my-context.cluster my-cluster
  
  # Set the client-key-data field in the cluster-admin user using --set-raw-bytes option
  kubectl config set users.cluster-admin.client-key-data cert_data_here --set-raw-bytes=true

Options:
    --set-raw-bytes=false:
\tWhen writing a []byte PROPERTY_VALUE, write the given string directly without base64 decoding.

Usage:
  kubectl config set PROPERTY_NAME PROPERTY_VALUE [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

const UNSET_HELP = `Unset an individual value in a kubeconfig file.

 PROPERTY_NAME is a dot delimited name where each token represents either an attribute name or a map key.  Map keys may not contain dots.

Examples:
  # Unset the current-context
  kubectl config unset current-context
  
  # Unset namespace in foo context
  kubectl config unset contexts.foo.namespace

Usage:
  kubectl config unset PROPERTY_NAME [options]

Use "kubectl options" for a list of global command-line options (applies to all commands).
`;

/** The fields `config set` can reach under each named map of the kubeconfig. */
const PROPERTY_FIELDS: Record<'contexts' | 'clusters' | 'users', string[]> = {
  contexts: ['cluster', 'user', 'namespace'],
  clusters: ['server', 'tls-server-name', 'insecure-skip-tls-verify', 'certificate-authority', 'certificate-authority-data', 'proxy-url', 'disable-compression'],
  users: ['client-certificate', 'client-certificate-data', 'client-key', 'client-key-data', 'token', 'tokenFile', 'as', 'username', 'password'],
};

/** kubectl config set / unset PROPERTY_NAME [VALUE]: a dot-separated path of attribute names
 *  and map keys (current-context, contexts.NAME.namespace, clusters.NAME.server ...). */
function setProperty(argv: string[], unset: boolean): number {
  const verb = unset ? 'unset' : 'set';
  const p = parseFlags(argv, unset ? [] : [{ name: 'set-raw-bytes', type: 'bool', default: false }], `kubectl config ${verb}`);
  if (p.args.length !== (unset ? 1 : 2)) { out(unset ? UNSET_HELP : SET_HELP); throw new CliError(`Unexpected args: [${p.args.join(' ')}]`); }
  const [prop, value] = p.args;
  const parts = prop.split('.');
  const k = store();
  const cfg = k.load();
  const top = parts[0];
  if (top === 'current-context' && parts.length === 1) {
    cfg['current-context'] = unset ? '' : value;
  } else if ((top === 'contexts' || top === 'clusters' || top === 'users') && parts.length <= 3) {
    const list = cfg[top] as { name: string; [k: string]: any }[];
    const inner = top === 'contexts' ? 'context' : top === 'clusters' ? 'cluster' : 'user';
    const name = parts[1];
    if (name === undefined) {
      if (!unset) throw new CliError(`can't set a map to a value: map[${list.map((e) => e.name).join(' ')}]`);
      (cfg as any)[top] = [];
    } else if (parts.length === 2) {
      if (!unset) throw new CliError(`unable to parse one or more field values of ${prop}`);
      (cfg as any)[top] = list.filter((e) => e.name !== name);
    } else {
      const field = parts[2];
      if (!PROPERTY_FIELDS[top].includes(field)) throw new CliError(`unable to parse ${field} after [${name}] at api.${inner[0].toUpperCase()}${inner.slice(1)}`);
      let entry = list.find((e) => e.name === name);
      if (unset) { if (entry) delete entry[inner][field]; }
      else {
        if (!entry) { entry = { name, [inner]: top === 'contexts' ? { cluster: '', user: '' } : {} }; list.push(entry); }
        let v: any = value;
        if (field === 'insecure-skip-tls-verify' || field === 'disable-compression') {
          if (!/^(1|t|T|TRUE|true|True|0|f|F|FALSE|false|False)$/.test(value)) throw new CliError(`strconv.ParseBool: parsing ${JSON.stringify(value)}: invalid syntax`);
          v = /^(1|t|T|TRUE|true|True)$/.test(value);
        }
        entry[inner][field] = v;
      }
    }
  } else throw new CliError(`unable to parse ${top} after [] at api.Config`);
  k.save(cfg);
  out(`Property "${prop}" ${verb}.\n`);
  return 0;
}
