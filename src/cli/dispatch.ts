// kubectl's dispatch: global flags before the verb, -h/--help before anything runs, the verb's
// module loaded only when it runs. Used by the entry point (src/main.ts) and by kubectl inside a
// node shell (src/cli/inprocess.ts).
import { out } from './io';
import { VERBS } from './verbs';
import { setCustomKindsOpener, startCommandView } from '../api/kinds';

// A resource name that is not built in is looked up among the cluster's CRDs (src/api/crd.ts):
// the cluster is opened then, as kubectl asks the server's discovery.
setCustomKindsOpener(() => (require('./session') as typeof import('./session')).session().store);

/** Whether a line may ask for help (`-h`, `--help`, `-xh`), before `--`: cheap, on every run. */
function mentionsHelp(argv: string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '-h' || a === '--help' || a.startsWith('--help=') || (/^-[a-zA-Z]+$/.test(a) && a.includes('h'))) return true;
  }
  return false;
}

export async function dispatch(argv: string[], opts: { without?: string[] } = {}): Promise<number> {
  startCommandView();
  // Global flags may come before the verb (kubectl -n x get pods).
  let i = 0;
  const lead: string[] = [];
  while (i < argv.length && argv[i].startsWith('-')) {
    // A flag and its value become one `--flag=value` word, so that verbs which find their
    // subcommand as the first word not starting with '-' (create, set, config) do not take
    // the value for it (kubectl -n demo create deployment web ...).
    const m = /^(-n|--namespace|--context|--kubeconfig|--cluster|--user|-s|--server)$/.exec(argv[i]);
    if (m && i + 1 < argv.length) {
      const long = m[1] === '-n' ? '--namespace' : m[1] === '-s' ? '--server' : m[1];
      lead.push(`${long}=${argv[++i]}`);
    } else lead.push(argv[i]);
    i++;
  }
  const verb = argv[i];
  if (!verb) {
    // Flags alone: the root's flags (`kubectl --version` is an unknown flag), then its help.
    if (lead.some((a) => a !== '-h' && a !== '--help')) require('./cobra').rootFlags(argv);
    out(require('./help').rootHelp());
    return 0;
  }
  // `-h`/`--help` on any kubectl command prints its help before anything runs (src/cli/cobra.ts).
  if (mentionsHelp(argv)) {
    const help = require('./cobra').helpFor(argv);
    if (help !== undefined) { out(help); return 0; }
  }
  const load = opts.without?.includes(verb) ? undefined : VERBS[verb];
  if (!load) throw require('./cobra').unknownCommand(verb);
  const rc = await load()([...lead, ...argv.slice(i + 1)]);
  return typeof rc === 'number' ? rc : 0;
}

