// kubesim / kubectl entry point: find the verb, load only its module, run it, exit like kubectl.
import { out, err, formatError } from './cli/io';
import { CliError } from './api/types';

import { VERBS } from './cli/verbs';

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
    out(require('./cli/help').rootHelp());
    return 0;
  }
  const load = VERBS[verb];
  if (!load) {
    const { suggest } = require('./cli/help');
    throw new CliError(`Error: unknown command "${verb}" for "kubectl"${suggest(verb, Object.keys(VERBS))}\nRun 'kubectl --help' for usage.`, 1, true);
  }
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
