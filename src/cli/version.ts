// kubectl version: client and (simulated) server versions.
import { parseFlags } from './flags';
import { out } from './io';
import { CliError } from '../api/types';

const CLIENT = { major: '1', minor: '32', gitVersion: 'v1.32.4', gitCommit: '59526cd4867447956156ae3a602fcbac10a2c335', gitTreeState: 'clean', buildDate: '2025-04-22T16:04:16Z', goVersion: 'go1.23.6', compiler: 'gc', platform: 'linux/amd64' };
const SERVER = { major: '1', minor: '32', gitVersion: 'v1.32.2', gitCommit: '67a30c0adcf52bd3f56ff0893ce19966be12991f', gitTreeState: 'clean', buildDate: '2025-02-25T04:54:54Z', goVersion: 'go1.23.6', compiler: 'gc', platform: 'linux/amd64' };

function serverGitVersion(): string {
  (require('./session') as typeof import('./session')).session();
  const v = (require('../api/cluster-config') as typeof import('../api/cluster-config')).netConfig().kubernetesVersion;
  const m = /^v1\.(\d+)\./.exec(v);
  if (m) SERVER.minor = m[1];
  return v;
}

export function run(argv: string[]): number {
  const p = parseFlags(argv, [{ name: 'client', type: 'bool', default: false }, { name: 'output', short: 'o', type: 'string', default: '' }], 'kubectl version');
  const client = p.flags.client;
  // The server's version: the cluster's configuration may name another (kubesim create cluster).
  if (!client) SERVER.gitVersion = serverGitVersion();
  const o = p.flags.output;
  // kubectl's Validate: arguments are refused unless only the client version is asked for
  if (p.args.length && !client) throw new CliError(`extra arguments: [${p.args.join(' ')}]`);
  if (o === 'json' || o === 'yaml') {
    const v: any = { clientVersion: CLIENT, kustomizeVersion: 'v5.5.0' };
    if (!client) v.serverVersion = SERVER;
    if (o === 'json') out(JSON.stringify(v, null, 2) + '\n');
    // kubectl prints the marshalled YAML with Fprintln: one more newline
    else out(require('../printers/yaml').toYaml(v) + '\n');
    return 0;
  }
  if (o) throw new CliError(`--output must be 'yaml' or 'json'`);
  out(`Client Version: ${CLIENT.gitVersion}\nKustomize Version: v5.5.0\n`);
  if (!client) out(`Server Version: ${SERVER.gitVersion}\n`);
  return 0;
}
