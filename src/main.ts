// kubesim / kubectl entry point: find the verb, load only its module, run it, exit like kubectl.
import { out, err, formatError } from './cli/io';
import { CliError } from './api/types';

import { VERBS } from './cli/verbs';

/** Whether a line may ask for help (`-h`, `--help`, `-xh`), before `--`: cheap, on every run. */
function mentionsHelp(argv: string[]): boolean {
  for (const a of argv) {
    if (a === '--') return false;
    if (a === '-h' || a === '--help' || a.startsWith('--help=') || (/^-[a-zA-Z]+$/.test(a) && a.includes('h'))) return true;
  }
  return false;
}

async function main(argv: string[]): Promise<number> {
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
    if (lead.some((a) => a !== '-h' && a !== '--help')) require('./cli/cobra').rootFlags(argv);
    out(require('./cli/help').rootHelp());
    return 0;
  }
  // `-h`/`--help` on any kubectl command prints its help before anything runs (src/cli/cobra.ts).
  if (mentionsHelp(argv)) {
    const help = require('./cli/cobra').helpFor(argv);
    if (help !== undefined) { out(help); return 0; }
  }
  const load = VERBS[verb];
  if (!load) throw require('./cli/cobra').unknownCommand(verb);
  const rc = await load()([...lead, ...argv.slice(i + 1)]);
  return typeof rc === 'number' ? rc : 0;
}

main(process.argv.slice(2)).then(
  (rc) => { process.exitCode = rc; },
  (e) => {
    // The lite bundle reached something only the full bundle has: run the invocation there.
    // (Nothing has been printed yet: what the lite bundle leaves out is required before output.)
    const full = (globalThis as any).__kubesimFull;
    if (e?.code === 'KUBESIM_NEEDS_FULL' && full) { (globalThis as any).__kubesimFull = undefined; full(); return; }
    // Some printers fail part-way, after kubectl has already written part of their output.
    if (e && typeof e.stdout === 'string') out(e.stdout);
    err(formatError(e));
    if (process.env.KUBESIM_DEBUG && e instanceof Error) err(e.stack + '\n');
    process.exitCode = e instanceof CliError ? e.exitCode : 1;
  },
);
