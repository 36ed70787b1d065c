// kubesim ssh [NODE] [-- COMMAND...]: a shell on a node, as `docker exec -it kind-control-plane
// bash` (or `minikube ssh`) gives one. The node is a host-network "pod" of the kindest/node image
// (src/network/node.ts) run through the same shell machinery as `kubectl exec`
// (src/network/shell.ts execStream): interactive bash with a terminal, bash reading commands from
// standard input without one, or one command, run as ssh runs a remote command (its words joined
// and given to the shell), its exit code passed through. The default node is the control plane.
// Nothing runs on the host.
import { parseFlags } from './flags';
import { session } from './session';
import { out, err } from './io';
import { CliError, KObject } from '../api/types';
import { notFound } from '../api/server';
import { resolveType } from './resources';
import { dataPlaneHost } from './dataplane-host';
import { stdinChunks } from './tty';


/** The node a name stands for; the control plane when none is given. */
export function pickNode(nodes: KObject[], name: string | undefined): KObject {
  if (name) {
    const n = nodes.find((x) => x.metadata.name === name);
    if (!n) throw notFound(resolveType('nodes'), name);
    return n;
  }
  const cp = nodes.find((n) => n.metadata.labels?.['node-role.kubernetes.io/control-plane'] !== undefined) ?? nodes[0];
  if (!cp) throw new CliError('kubesim: the cluster has no nodes');
  return cp;
}

export async function run(argv: string[]): Promise<number> {
  const p = parseFlags(argv, [], 'kubesim ssh');
  if (p.flags.help) {
    out(`Open a shell on a node, as \`docker exec -it kind-control-plane bash\` does (the simulated node:
nothing runs on this machine).

Examples:
  # An interactive shell on the control-plane node
  kubesim ssh

  # One command on a worker; its exit code is kubesim's
  kubesim ssh kind-worker -- iptables-save -t nat

  # Commands from standard input
  echo 'curl -s http://10.96.0.1:443/' | kubesim ssh kind-worker

Usage:
  kubesim ssh [NODE] [-- COMMAND...] [options]
`);
    return 0;
  }
  const before = p.dashAt >= 0 ? p.args.slice(0, p.dashAt) : p.args;
  const command = p.dashAt >= 0 ? p.dashArgs : before.slice(1);
  if (before.length > 1 && p.dashAt >= 0) throw new CliError(`kubesim ssh takes one node name, got ${before.length}: ${before.join(' ')}\nUsage: kubesim ssh [NODE] [-- COMMAND...]`);
  const s = session();
  s.catchUp();
  const node = pickNode(s.api.list('Node'), before[0]);
  // a stopped node (kubesim node stop) is a stopped container: docker exec refuses
  const { nodeStopped } = require('../controllers/node-lifecycle') as typeof import('../controllers/node-lifecycle');
  if (nodeStopped(s.api, node.metadata.name)) {
    const id = require('crypto').createHash('sha256').update(`kind/${node.metadata.name}`).digest('hex');
    throw new CliError(`Error response from daemon: container ${id} is not running`, 1, true);
  }
  const { execStream } = require('../network/shell') as typeof import('../network/shell');
  const { nodePod } = require('../network/node') as typeof import('../network/node');
  const pod = nodePod(node);
  const host = dataPlaneHost(s);
  const interactive = !command.length;
  const shellArgv = command.length ? ['bash', '-c', command.join(' ')] : ['bash'];
  const tty_ = require('./tty') as typeof import('./tty');
  let r: { exitCode: number; error?: string };
  if (interactive && tty_.canRaw()) {
    // The node's terminal: raw mode, Ctrl-C to the command on the node (never to this process,
    // so the user is never dropped onto their own machine), line editing (src/network/terminal).
    // kubesim reset / snapshot restore replace the cluster: the node is gone, so is its shell
    s.replacedMessage();
    let replaced: string | undefined;
    const a = await tty_.attachTerminal(host, pod, 'node', shellArgv, { hangupWhen: () => !!(replaced = s.replacedMessage()) });
    if (replaced) { out('\n'); throw new CliError(replaced); }
    if (a.signalled && a.signalled !== 'EOF') return 1;
    r = a;
  } else {
    r = await execStream(host, pod, 'node', shellArgv, {
      input: interactive ? stdinChunks() : '',
      tty: false,
      interactive,
      write: (fd, text) => (fd === 1 ? out(text) : err(text)),
    });
  }
  if (r.error) throw new CliError(r.error, 1, r.error.startsWith('Error from server'));
  return r.exitCode;
}
