// `kubesim __hostports`: the host listeners alone, in the foreground (src/apiserver/
// host-listeners.ts): NodePorts on 127.0.0.1:<nodePort>, LoadBalancers on 127.0.0.1:<port>,
// until Ctrl-C. Hidden: `kubesim serve` runs the same listeners alongside the API server.
import { session } from './session';
import { dataPlaneHost } from './dataplane-host';

export async function run(_argv: string[]): Promise<number> {
  const s = session();
  s.catchUp();
  const { startHostListeners } = require('../apiserver/host-listeners') as typeof import('../apiserver/host-listeners');
  const hl = startHostListeners({
    api: s.api, store: s.store, host: dataPlaneHost(s),
    refresh: () => s.catchUp(),
    log: (line) => process.stdout.write(line + '\n'),
  });
  await new Promise<void>((resolve) => {
    const stop = () => { void hl.stop().then(resolve); };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}
