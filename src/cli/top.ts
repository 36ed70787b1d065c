// kubectl top: kind runs no metrics-server, so kubectl 1.32 answers every top command with
// "Metrics API not available" once its flags have parsed (and top alone with its help).
import { parseFlags, FlagDef, subcommandIndex } from './flags';
import { CliError } from '../api/types';

const HELP = "Display resource (CPU/memory) usage.\n\n The top command allows you to see the resource consumption for nodes or pods.\n\n This command requires Metrics Server to be correctly configured and working on the server.\n\nAvailable Commands:\n  node          Display resource (CPU/memory) usage of nodes\n  pod           Display resource (CPU/memory) usage of pods\n\nUsage:\n  kubectl top [flags] [options]\n\nUse \"kubectl top <command> --help\" for more information about a given command.\nUse \"kubectl options\" for a list of global command-line options (applies to all commands).\n";

const COMMON: FlagDef[] = [
  { name: 'selector', short: 'l', type: 'string', default: '' },
  { name: 'no-headers', type: 'bool', default: false },
  { name: 'sort-by', type: 'string', default: '' },
  { name: 'use-protocol-buffers', type: 'bool', default: true },
];
const POD: FlagDef[] = [...COMMON,
  { name: 'all-namespaces', short: 'A', type: 'bool', default: false },
  { name: 'field-selector', type: 'string', default: '' },
  { name: 'containers', type: 'bool', default: false },
  { name: 'sum', type: 'bool', default: false },
];
const NODE: FlagDef[] = [...COMMON, { name: 'show-capacity', type: 'bool', default: false }];

export function run(argv: string[]): number {
  const at = subcommandIndex(argv);
  const sub = at >= 0 ? argv[at] : undefined;
  if (sub === undefined) throw new CliError(HELP, 1, true);
  const rest = argv.filter((_, i) => i !== at);
  if (['pod', 'pods', 'po'].includes(sub)) parseFlags(rest, POD, 'kubectl top pod');
  else if (['node', 'nodes', 'no'].includes(sub)) parseFlags(rest, NODE, 'kubectl top node');
  else throw new CliError(`error: unknown command "${sub}"\nSee 'kubectl top -h' for help and examples`, 1, true);
  throw new CliError('Metrics API not available');
}
