// kubectl port-forward TYPE/NAME [LOCAL:]REMOTE ...: real local sockets (127.0.0.1 and ::1 by
// default, or --address) answered by the chosen pod's app (src/network/portforward.ts).
import { parseFlags } from './flags';
import { session } from './session';
import { err, out } from './io';
import { CliError, KObject } from '../api/types';
import { notFound } from '../api/server';
import { resolveType } from './resources';
import { dataPlaneHost } from './dataplane-host';

const USAGE = "error: TYPE/NAME and list of ports are required for port-forward\nSee 'kubectl port-forward -h' for help and examples";

export async function run(argv: string[]): Promise<number> {
  const p = parseFlags(argv, [
    { name: 'address', type: 'stringSlice', default: ['localhost'] },
    { name: 'pod-running-timeout', type: 'string', default: '1m0s' },
  ], 'kubectl port-forward');
  if (p.args.length < 2) throw new CliError(USAGE, 1, true);
  const [target, ...mappings] = p.args;
  const s = session();
  s.catchUp();
  const ns = s.namespace(p.flags.namespace);
  const pf = require('../network/portforward') as typeof import('../network/portforward');
  const host = dataPlaneHost(s);
  let pod: KObject | undefined;
  let service: KObject | undefined;
  const slash = target.indexOf('/');
  const info = resolveType(slash < 0 ? 'pod' : target.slice(0, slash));
  const name = slash < 0 ? target : target.slice(slash + 1);
  const obj = s.api.get(info.kind, ns, name);
  if (!obj) throw notFound(info, name);
  if (info.kind === 'Pod') pod = obj;
  else {
    if (info.kind === 'Service') service = obj;
    const sel = info.kind === 'Service' || info.kind === 'ReplicationController' ? obj.spec?.selector : obj.spec?.selector;
    if (!sel || !Object.keys(sel).length) throw new CliError(`cannot attach to ${info.kind}: selector is empty`);
    pod = pf.attachablePod(host, ns, sel);
    if (!pod) throw new CliError('timed out waiting for the condition');
  }
  if (pod.status?.phase !== 'Running') throw new CliError(`unable to forward port because pod is not running. Current status=${pod.status?.phase ?? 'Pending'}`);
  let ports: string[];
  try {
    ports = pf.translatePorts(mappings, { pod, service });
  } catch (e) {
    if (e instanceof pf.PortForwardError) throw new CliError(e.message);
    throw e;
  }
  const podName = pod.metadata.name;
  let handle: Awaited<ReturnType<typeof pf.startPortForward>>;
  try {
    handle = await pf.startPortForward(host, pod, ports, {
      addresses: p.flags.address,
      out, err,
      refreshPod: () => { s.catchUp(); return s.api.get('Pod', ns, podName); },
    });
  } catch (e) {
    if (e instanceof pf.PortForwardError) throw new CliError(e.message);
    throw e;
  }
  const stop = () => handle.close();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  s.replacedMessage();
  let replaced: string | undefined;
  const check = setInterval(() => { if ((replaced = s.replacedMessage())) { clearInterval(check); stop(); } }, 500);
  const r = await handle.done;
  clearInterval(check);
  if (replaced) throw new CliError(replaced);
  if (r.error) throw new CliError(r.error, r.exitCode || 1);
  return r.exitCode;
}
