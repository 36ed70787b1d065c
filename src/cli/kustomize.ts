// kubectl kustomize [DIR]: build a kustomization directory and print the result, entirely on the
// client (src/cli/kustomize/build.ts). DIR defaults to the current directory.
import { parseFlags } from './flags';
import { out, err } from './io';
import { CliError } from '../api/types';

export function run(argv: string[]): number {
  const p = parseFlags(argv, [
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'enable-helm', type: 'bool', default: false },
    { name: 'enable-alpha-plugins', type: 'bool', default: false },
    { name: 'load-restrictor', type: 'string', default: 'LoadRestrictionsRootOnly' },
    { name: 'network', type: 'bool', default: false },
    { name: 'reorder', type: 'string', default: 'legacy' },
    { name: 'as-current-user', type: 'bool', default: false },
    { name: 'env', short: 'e', type: 'stringArray', default: [] },
    { name: 'helm-command', type: 'string', default: 'helm' },
    { name: 'mount', type: 'stringArray', default: [] },
    { name: 'network-name', type: 'string', default: 'bridge' },
  ], 'kubectl kustomize');
  if (p.args.length > 1) throw new CliError('specify one path to kustomization.yaml');
  const { buildOrError } = require('./kustomize/visit') as typeof import('./kustomize/visit');
  if (p.set.has('reorder')) err("Flag --reorder has been deprecated, use the new 'sortOptions' field in kustomization.yaml instead.\n");
  if (!['legacy', 'none'].includes(p.flags.reorder)) throw new CliError(`illegal flag value --reorder ${p.flags.reorder}; legal values: [legacy none]`);
  const { objects, warnings } = buildOrError(p.args[0] ?? '.', { reorder: p.flags.reorder });
  const { toYamlStream } = require('./kustomize/build') as typeof import('./kustomize/build');
  const text = toYamlStream(objects);
  for (const w of warnings) err(w + '\n');
  if (p.flags.output) {
    require('fs').writeFileSync(p.flags.output, text);
    return 0;
  }
  out(text);
  return 0;
}
