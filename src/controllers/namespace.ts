// Namespace controller: a new namespace gets its kube-root-ca.crt ConfigMap and default
// ServiceAccount; a deleted one stays Terminating until everything in it is gone.
import type { KObject } from '../api/types';
import type { Round } from './context';
import { changesOf } from './context';
import { KUBE_ROOT_CA } from './bootstrap-data';

export function namespaceController(r: Round): void {
  const { api } = r;
  const check = new Set<string>();
  for (const c of changesOf(r, 'Namespace')) {
    if (c.type === 'ADDED') populate(r, c.obj);
    if (c.type !== 'DELETED' && c.obj.metadata.deletionTimestamp) check.add(c.obj.metadata.name);
  }
  for (const c of r.changes) {
    if (c.type === 'DELETED' && c.obj.metadata.namespace) {
      const ns = api.get('Namespace', undefined, c.obj.metadata.namespace);
      if (ns?.metadata.deletionTimestamp) check.add(ns.metadata.name);
    }
  }
  for (const name of check) drain(r, name);
}

export function populate(r: Round, ns: KObject): void {
  const { api } = r;
  const name = ns.metadata.name;
  if (!api.get('ConfigMap', name, 'kube-root-ca.crt')) {
    api.create({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'kube-root-ca.crt', namespace: name, annotations: { 'kubernetes.io/description': 'Contains a CA bundle that can be used to verify the kube-apiserver when using internal endpoints such as the internal service IP or kubernetes.default.svc. No other usage is guaranteed across distributions of Kubernetes clusters.' } }, data: { 'ca.crt': KUBE_ROOT_CA } });
  }
  if (!api.get('ServiceAccount', name, 'default')) {
    api.create({ apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: 'default', namespace: name } });
  }
}

function drain(r: Round, name: string): void {
  const { api } = r;
  let left = 0;
  for (const kind of api.kindsInNamespace(name)) {
    for (const o of api.list(kind, name)) {
      left++;
      if (o.metadata.deletionTimestamp && kind === 'Pod') continue;
      if (kind === 'Pod') api.delete('Pod', name, o.metadata.name);
      else api.remove(o);
    }
  }
  if (!left || !api.kindsInNamespace(name).length) {
    const ns = api.get('Namespace', undefined, name);
    if (ns) api.remove(ns);
  }
}
