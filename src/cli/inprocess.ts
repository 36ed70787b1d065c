// kubectl run inside this process with its output captured: what a node shell's `kubectl` does
// (src/network/commands/node.ts through the data plane host). The same dispatch as src/main.ts
// (src/cli/dispatch.ts), with kubectl's error printing, on the same cluster and session.
import { captured, formatError } from './io';
import { CliError } from '../api/types';
import { dispatch } from './dispatch';

export async function runKubectl(argv: string[], stdin: string): Promise<{ stdout: string; stderr: string; code: number }> {
  let stdout = '';
  let stderr = '';
  const code = await captured(async () => {
    try { return await dispatch(argv, { without: ['__commands'] }); } catch (e: any) {
      if (e && typeof e.stdout === 'string') stdout += e.stdout;
      stderr += formatError(e);
      return e instanceof CliError ? e.exitCode : 1;
    }
  }, (fd, text) => { if (fd === 1) stdout += text; else stderr += text; }, stdin);
  return { stdout, stderr, code };
}
