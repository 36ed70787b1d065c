// `kubesim` with one of its own commands (bin/kubectl loads this bundle, dist/kubesim-own.js,
// for those): the command tree of src/cli/kubesim/main.ts.
import { main } from './cli/kubesim/main';
import { err, formatError } from './cli/io';
import { CliError } from './api/types';

main(process.argv.slice(2)).then(
  (rc) => { process.exitCode = rc; },
  (e) => {
    err(formatError(e));
    if (process.env.KUBESIM_DEBUG && e instanceof Error) err(e.stack + '\n');
    process.exitCode = e instanceof CliError ? e.exitCode : 1;
  },
);
