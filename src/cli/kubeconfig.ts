// The kubeconfig kubesim keeps in its state (contexts, current context, namespaces), which
// `kubectl config` reads and edits.
import type { Store } from '../store/db';
import { CLUSTER_NAME } from '../controllers/bootstrap-data';

export interface Kubeconfig {
  apiVersion: 'v1';
  kind: 'Config';
  clusters: { name: string; cluster: { server: string; 'certificate-authority-data'?: string } }[];
  contexts: { name: string; context: { cluster: string; user: string; namespace?: string } }[];
  'current-context': string;
  preferences: Record<string, never>;
  users: { name: string; user: Record<string, string> }[];
}

export function defaultKubeconfig(): Kubeconfig {
  const name = `${CLUSTER_NAME}-${CLUSTER_NAME}`;
  return {
    apiVersion: 'v1',
    kind: 'Config',
    clusters: [{ name, cluster: { 'certificate-authority-data': 'DATA+OMITTED', server: 'https://127.0.0.1:6443' } }],
    contexts: [{ name, context: { cluster: name, user: name } }],
    'current-context': name,
    preferences: {},
    users: [{ name, user: { 'client-certificate-data': 'DATA+OMITTED', 'client-key-data': 'DATA+OMITTED' } }],
  };
}

export function kubeconfig(store: Store) {
  const load = (): Kubeconfig => {
    const j = store.meta('kubeconfig');
    return j ? JSON.parse(j) : defaultKubeconfig();
  };
  return {
    load,
    save(cfg: Kubeconfig) { store.setMeta('kubeconfig', JSON.stringify(cfg)); },
    namespace(): string {
      const cfg = load();
      const ctx = cfg.contexts.find((c) => c.name === cfg['current-context']);
      return ctx?.context.namespace || 'default';
    },
  };
}
