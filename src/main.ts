// kubesim / kubectl entry point: find the verb, load only its module, run it, exit like kubectl.
import { out, err, formatError } from './cli/io';
import { CliError } from './api/types';

import { dispatch } from './cli/dispatch';

dispatch(process.argv.slice(2)).then(
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
