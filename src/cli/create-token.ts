// kubectl create token SA: a TokenRequest through the serviceaccounts/token subresource
// (src/api/tokens.ts), printed as create_token.go prints it: the bare token (a newline only on a
// terminal), or the TokenRequest with -o.
import { parseFlags } from './flags';
import { out } from './io';
import { ApiError, CliError } from '../api/types';
import { session } from './session';
import { exactlyOneName } from './generators';
import { durationFlag } from './watch';
import { parseOutput } from '../printers/output';
import { printResult } from './create';

const CMD = 'kubectl create token';
const BOUND_KINDS: Record<string, string> = { Node: 'v1', Pod: 'v1', Secret: 'v1' };

export function run(argv: string[]): number {
  const p = parseFlags(argv, [
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'template', type: 'string', default: '' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'show-managed-fields', type: 'bool', default: false },
    { name: 'audience', type: 'stringArray', default: [] },
    { name: 'duration', type: 'duration', default: '0s' },
    { name: 'bound-object-kind', type: 'string', default: '' },
    { name: 'bound-object-name', type: 'string', default: '' },
    { name: 'bound-object-uid', type: 'string', default: '' },
  ], CMD);
  const durationMs = durationFlag(p, 'duration', CMD);
  const name = exactlyOneName(p, CMD);
  const spec = parseOutput(p.flags.output || undefined, p.flags.template || undefined, { noTables: true });
  const f = p.flags;
  // Validate
  if (durationMs < 0) throw new CliError('--duration must be greater than or equal to 0');
  if (durationMs % 1000 !== 0) throw new CliError('--duration cannot be expressed in units less than seconds');
  for (const a of f.audience as string[]) if (!a) throw new CliError('--audience must not be an empty string');
  const kind: string = f['bound-object-kind'];
  if (!kind) {
    if (f['bound-object-name']) throw new CliError('--bound-object-name can only be set if --bound-object-kind is provided');
    if (f['bound-object-uid']) throw new CliError('--bound-object-uid can only be set if --bound-object-kind is provided');
  } else {
    if (!(kind in BOUND_KINDS)) throw new CliError(`supported --bound-object-kind values are ${Object.keys(BOUND_KINDS).join(', ')}`);
    if (!f['bound-object-name']) throw new CliError('--bound-object-name is required if --bound-object-kind is provided');
  }
  const s = session();
  const ns = s.namespace(f.namespace);
  const request = {
    spec: {
      audiences: (f.audience as string[]).length ? f.audience : null,
      ...(durationMs > 0 ? { expirationSeconds: durationMs / 1000 } : {}),
      ...(kind ? { boundObjectRef: { kind, apiVersion: BOUND_KINDS[kind], name: f['bound-object-name'], ...(f['bound-object-uid'] ? { uid: f['bound-object-uid'] } : {}) } } : {}),
    },
  };
  let tr;
  try {
    tr = s.write((api) => (require('../api/tokens') as typeof import('../api/tokens')).createToken(api, ns, name, request));
  } catch (e) {
    if (e instanceof ApiError) throw new CliError(`failed to create token: ${e.message}`);
    throw e;
  }
  if (p.set.has('output')) return printResult(tr, 'created', spec, 'none', f['allow-missing-template-keys'], true);
  out(tr.status.token + (process.stdout.isTTY ? '\n' : ''));
  return 0;
}
