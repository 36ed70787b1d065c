// kubectl run inside this process with its output captured: what a node shell's `kubectl` does
// (src/network/commands/node.ts through the data plane host). The same dispatch as src/main.ts
// (global flags before the verb, the verb's module, kubectl's error printing), on the same
// cluster and session.
import { captured, formatError, out } from './io';
import { CliError } from '../api/types';
import { VERBS } from './verbs';

async function dispatch(argv: string[]): Promise<number> {
  let i = 0;
  const lead: string[] = [];
  while (i < argv.length && argv[i].startsWith('-')) {
    const m = /^(-n|--namespace|--context|--kubeconfig|--cluster|--user|-s|--server)$/.exec(argv[i]);
    if (m && i + 1 < argv.length) {
      const long = m[1] === '-n' ? '--namespace' : m[1] === '-s' ? '--server' : m[1];
      lead.push(`${long}=${argv[++i]}`);
    } else lead.push(argv[i]);
    i++;
  }
  const verb = argv[i];
  if (!verb) { out(require('./help').rootHelp()); return 0; }
  const load = verb === 'ssh' || verb === '__commands' ? undefined : VERBS[verb];
  if (!load) {
    const { suggest } = require('./help');
    throw new CliError(`Error: unknown command "${verb}" for "kubectl"${suggest(verb, Object.keys(VERBS))}\nRun 'kubectl --help' for usage.`, 1, true);
  }
  const rc = await load()([...lead, ...argv.slice(i + 1)]);
  return typeof rc === 'number' ? rc : 0;
}

export async function runKubectl(argv: string[], stdin: string): Promise<{ stdout: string; stderr: string; code: number }> {
  let stdout = '';
  let stderr = '';
  const code = await captured(async () => {
    try { return await dispatch(argv); } catch (e: any) {
      if (e && typeof e.stdout === 'string') stdout += e.stdout;
      stderr += formatError(e);
      return e instanceof CliError ? e.exitCode : 1;
    }
  }, (fd, text) => { if (fd === 1) stdout += text; else stderr += text; }, stdin);
  return { stdout, stderr, code };
}
