// `kubesim` on its own: kubesim's own command tree (status, reset, create cluster, node, snapshot,
// serve, ssh), the part of the program that is not kubectl. Built on commander: cobra
// compatibility does not matter here, and a well-kept parser gives help, usage errors and
// suggestions for free. Every command parses and validates before it touches the cluster, so
// --help, -h, an unknown flag or a bad value never change anything. Usage errors exit 2.
//
// bin/kubectl loads this bundle (dist/kubesim-own.js) when the program is called as `kubesim`
// with no kubectl verb; `kubesim get pods` and every other kubectl command run as kubectl.
import { Command, CommanderError, InvalidArgumentError, Option } from 'commander';
import { CliError, ApiError } from '../../api/types';
import { err, formatError } from '../io';

/** The words this tree owns under `kubesim` (bin/kubectl routes them here). */
export const OWN_COMMANDS = ['status', 'reset', 'create', 'node', 'snapshot', 'serve', 'ssh', 'ui', 'trace', 'help'];

const positiveInt = (what: string, max: number) => (v: string) => {
  if (!/^\d+$/.test(v) || Number(v) < 1 || Number(v) > max) throw new InvalidArgumentError(`${what}: a whole number from 1 to ${max}.`);
  return Number(v);
};

const examples = (text: string) => `\nExamples:\n${text.replace(/^\n|\n$/g, '')}\n`;

export function program(): Command {
  const p = new Command('kubesim')
    .usage('<command> [options]\n       kubesim <kubectl command> [args...]   (kubesim is also kubectl)')
    .description('A Kubernetes cluster that lives in one SQLite file, driven with kubectl.\n' +
      'These are kubesim\'s own commands; every kubectl command works as well (`kubesim get pods` is `kubectl get pods`).')
    .helpOption('-h, --help', 'show help for a command')
    .addHelpCommand('help [command]', 'show help for a command')
    .showSuggestionAfterError(true)
    .enablePositionalOptions()
    .allowExcessArguments(false)
    .exitOverride()
    .addHelpText('after', '\nkubectl\'s commands: run `kubectl --help` (or `kubesim get --help`, ...).\nThe cluster lives in $KUBESIM_HOME/cluster.db (default ~/.kubesim).\n');

  p.command('status')
    .description('where the cluster lives, its size, nodes, pods, services, the API server and snapshots')
    .action(async () => { await (require('./status') as typeof import('./status')).status(); });

  p.command('reset')
    .description('replace the cluster with a freshly bootstrapped one')
    .option('-y, --yes', 'do not ask for confirmation')
    .addOption(new Option('--nodes <count>', 'nodes of the new cluster, control plane included (default: $KUBESIM_NODES or 3)').argParser(positiveInt('--nodes', 1000)))
    .option('--config <file>', 'create the new cluster from a cluster configuration file (see `kubesim create cluster --help`)')
    .addHelpText('after', examples(`
  # Start over, without the question
  kubesim reset -y

  # A cluster of one control plane and four workers
  kubesim reset --nodes 5`))
    .action(async (o) => { await (require('./reset') as typeof import('./reset')).reset({ yes: !!o.yes, nodes: o.nodes, config: o.config }); });

  const create = p.command('create').description('create the cluster from a configuration file').usage('cluster [options]');
  create.command('cluster')
    .description('create the cluster described by a configuration file (kind\'s format, with kubesim\'s fields)')
    .option('--config <file>', 'the cluster configuration file (YAML)')
    .addOption(new Option('--nodes <count>', 'nodes, control plane included, when there is no --config').argParser(positiveInt('--nodes', 1000)))
    .option('-y, --yes', 'replace an existing cluster without asking')
    .addHelpText('after', (require('./cluster-config') as typeof import('./cluster-config')).CONFIG_HELP)
    .action(async (o) => { await (require('./reset') as typeof import('./reset')).createCluster({ yes: !!o.yes, nodes: o.nodes, config: o.config }); });

  const node = p.command('node').description('add, stop, start or remove a node of the cluster').usage('<add|stop|start|remove> <name>')
    .addHelpText('after', examples(`
  # What happens when a node dies?
  kubesim node stop kind-worker
  kubectl get nodes -w`));
  const nodeAction = (action: string, text: string) => node.command(action).argument('<name>', 'the node').description(text)
    .action(async (name: string) => { (require('../node-admin') as typeof import('../node-admin')).run([action, name]); });
  nodeAction('add', 'a new worker node joins the cluster');
  nodeAction('stop', 'the node stops (its kubelet no longer posts status): NotReady, then its pods are evicted');
  nodeAction('start', 'the node starts again');
  nodeAction('remove', 'the node is deleted from the cluster');

  const snap = p.command('snapshot').description('save the cluster and go back to it later; hand a prepared cluster to others')
    .usage('<save|restore|list|delete|export|import> ...')
    .addHelpText('after', examples(`
  # Before an exercise, and to go back to its start
  kubesim snapshot save lab3
  kubesim snapshot restore lab3

  # Hand a prepared cluster to students, who load it with import
  kubesim snapshot export lab3.kubesim
  kubesim snapshot import lab3.kubesim`));
  const S = () => require('./snapshot') as typeof import('./snapshot');
  snap.command('save').argument('<name>', 'the snapshot\'s name').option('-f, --force', 'replace a snapshot of that name')
    .description('save the cluster as it is now').action(async (name: string, o) => { S().save(name, !!o.force); });
  snap.command('restore').argument('<name>', 'the snapshot\'s name')
    .description('replace the cluster with a saved one; its clock continues from the moment of the save')
    .action(async (name: string) => { S().restore(name); });
  snap.command('list').alias('ls').description('the saved snapshots: name, when, nodes, pods, size').action(async () => { S().list(); });
  snap.command('delete').alias('rm').argument('<name...>', 'the snapshots\' names').description('delete saved snapshots')
    .action(async (names: string[]) => { S().remove(names); });
  snap.command('export').argument('<file>', 'where to write it').option('-s, --snapshot <name>', 'export a saved snapshot instead of the cluster as it is now')
    .option('-f, --force', 'overwrite the file').description('write the cluster (or a saved snapshot) to one file')
    .action(async (file: string, o) => { S().exportTo(file, o.snapshot, !!o.force); });
  snap.command('import').argument('<file>', 'a file written by `kubesim snapshot export`')
    .option('--save-as <name>', 'keep it as a saved snapshot instead of replacing the cluster')
    .description('replace the cluster with the one in a file (or keep it as a saved snapshot)')
    .action(async (file: string, o) => { S().importFrom(file, o.saveAs); });

  p.command('serve')
    .description('serve the Kubernetes API over HTTPS for your own kubectl, k9s, Lens, helm or client libraries')
    .option('--address <ip>', 'the address to listen on', '127.0.0.1')
    .option('--port <port>', 'the port to listen on (0: any free port)')
    .option('--kubeconfig <path>', 'write the kubesim context to this kubeconfig instead of $KUBECONFIG or ~/.kube/config')
    .option('-v, --verbose', 'log one line per request on stderr')
    .addHelpText('after', examples(`
  # Serve, then use the real kubectl (or k9s, helm, a client library) with the context it wrote
  kubesim serve &
  kubectl --context kubesim get pods -A`))
    .action(async () => { process.exitCode = await (require('../../apiserver/serve') as any).run(rawArgs('serve')); });

  p.command('ssh')
    .description('a shell on a node, as `docker exec -it kind-control-plane bash` gives on kind')
    .argument('[node]', 'the node (default: the control plane)')
    .argument('[command...]', 'a command to run instead of a shell (after --)')
    .passThroughOptions()
    .addHelpText('after', examples(`
  # A shell on the control plane
  kubesim ssh

  # One command on a worker: kube-proxy's rules
  kubesim ssh kind-worker -- iptables-save -t nat`))
    .action(async () => { process.exitCode = await (require('../ssh') as any).run(rawArgs('ssh')); });

  p.command('ui')
    .description('a live picture of the cluster in the browser: nodes, pods, services, endpoints, policies and each request')
    .option('--address <ip>', 'the loopback address to listen on', '127.0.0.1')
    .option('--port <port>', 'the port to listen on (0: any free port)')
    .addHelpText('after', examples(`
  # Open the URL it prints (it carries a one-time token), then use kubectl in another terminal
  kubesim ui`))
    .action(async () => { process.exitCode = await (require('../../ui/server') as any).run(rawArgs('ui')); });

  p.command('trace')
    .description('the requests the simulated network carried, hop by hop: DNS, kube-proxy\'s rules, network policy, the answer')
    .option('-f, --follow', 'keep printing new requests as they happen')
    .option('--tail <n>', 'only the last N requests')
    .addHelpText('after', examples(`
  # Follow requests while a course exercise runs in another terminal
  kubesim trace -f`))
    .action(async () => { process.exitCode = await (require('../trace') as any).run(rawArgs('trace')); });

  return p;
}

let argvAll: string[] = [];
/** The command line after an own command's name, as the module that owns it parses it. */
function rawArgs(command: string): string[] {
  return argvAll.slice(argvAll.indexOf(command) + 1);
}

export async function main(argv: string[]): Promise<number> {
  argvAll = argv;
  const p = program();
  if (!argv.length) { p.outputHelp(); return 0; }
  try {
    await p.parseAsync(argv, { from: 'user' });
    return typeof process.exitCode === 'number' ? process.exitCode : 0;
  } catch (e) {
    if (e instanceof CommanderError) {
      // asked-for help exits 0; help shown because a subcommand is missing is a usage error
      if (e.code === 'commander.helpDisplayed' || e.code === 'commander.version' || (e.code === 'commander.help' && e.exitCode === 0)) return 0;
      if (e.code === 'commander.help') return 2;
      // commander printed the message; usage errors exit 2
      if (!/\(use .* for additional information\)|See 'kubesim/.test(e.message)) err(`Run 'kubesim ${commandPath(argv)}--help' for usage.\n`);
      return 2;
    }
    if (e instanceof CliError || e instanceof ApiError) { err(formatError(e)); return e instanceof CliError ? e.exitCode : 1; }
    throw e;
  }
}

function commandPath(argv: string[]): string {
  const words: string[] = [];
  let c: Command | undefined = program();
  for (const a of argv) {
    if (a.startsWith('-')) break;
    const next: Command | undefined = c?.commands.find((x) => x.name() === a || x.aliases().includes(a));
    if (!next) break;
    words.push(a); c = next;
  }
  return words.length ? words.join(' ') + ' ' : '';
}
