// kubectl cluster-info: the control plane address and the kube-system services labelled
// kubernetes.io/cluster-service=true, in the colours kubectl always writes.
import { parseFlags } from './flags';
import { out } from './io';
import { CliError } from '../api/types';
import { session } from './session';
import { kubeconfig } from './kubeconfig';

const GREEN = '\x1b[0;32m', YELLOW = '\x1b[0;33m', RESET = '\x1b[0m';
const line = (name: string, link: string) => `${GREEN}${name}${RESET} is running at ${YELLOW}${link}${RESET}\n`;

export function run(argv: string[]): number {
  const p = parseFlags(argv, [
    { name: 'output-directory', type: 'string', default: '' },
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false },
    { name: 'namespaces', type: 'stringSlice', default: [] },
    { name: 'output', short: 'o', type: 'string', default: '' },
  ], 'kubectl cluster-info');
  if (p.args[0] === 'dump') throw new CliError('cluster-info dump is not supported by kubesim');
  const s = session();
  s.catchUp();
  const cfg = kubeconfig(s.store).load();
  const ctx = cfg.contexts.find((c) => c.name === cfg['current-context']);
  const host = cfg.clusters.find((c) => c.name === ctx?.context.cluster)?.cluster.server ?? 'https://127.0.0.1:6443';
  const ns = p.flags.namespace || 'kube-system';
  let text = line('Kubernetes control plane', host);
  for (const svc of s.api.list('Service', ns, { labelSelector: 'kubernetes.io/cluster-service=true' })) {
    let link = '';
    const ingress = svc.status?.loadBalancer?.ingress?.[0];
    if (ingress) {
      const ip = ingress.ip || ingress.hostname;
      for (const port of svc.spec?.ports ?? []) link += `http://${ip}:${port.port} `;
    } else {
      let name = svc.metadata.name;
      const port = svc.spec?.ports?.[0];
      if (port) {
        const scheme = port.name === 'https' || port.port === 443 ? 'https' : '';
        const pn = port.name ?? '';
        name = scheme ? `${scheme}:${name}:${pn}` : pn ? `${name}:${pn}` : name;
      }
      link = `${host}/api/v1/namespaces/${svc.metadata.namespace}/services/${name}/proxy`;
    }
    text += line(svc.metadata.labels?.['kubernetes.io/name'] || svc.metadata.name, link);
  }
  text += "\nTo further debug and diagnose cluster problems, use 'kubectl cluster-info dump'.\n";
  out(text);
  return 0;
}
