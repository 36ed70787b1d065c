// kustomize's deprecated `vars`: each var names an object (objref) and a field of it (fieldref,
// default metadata.name); after the build, `$(NAME)` in the fields of varReference is replaced
// with that field's value (api/internal/accumulator, api/filters/refvar).
import type { FieldSpec } from './fieldspecs';

const fs = (path: string, kind?: string): FieldSpec => ({ path, kind });
const podRefs = (pre: string, kind: string, volumes = `${pre}/volumes/nfs/server`): FieldSpec[] => [
  ...['containers', 'initContainers'].flatMap((c) => ['args', 'command', 'env/value', 'volumeMounts/mountPath'].map((f) => fs(`${pre}/${c}/${f}`, kind))),
  fs(volumes, kind),
];

/** builtinpluginconsts' varReference. */
export const VAR_REFERENCES: FieldSpec[] = [
  ...podRefs('spec/jobTemplate/spec/template/spec', 'CronJob', 'spec/jobTemplate/spec/template/volumes/nfs/server'),
  ...podRefs('spec/template/spec', 'DaemonSet'),
  ...podRefs('spec/template/spec', 'Deployment'),
  fs('spec/template/metadata/annotations', 'Deployment'),
  fs('spec/rules/host', 'Ingress'), fs('spec/tls/hosts', 'Ingress'), fs('spec/tls/secretName', 'Ingress'),
  ...podRefs('spec/template/spec', 'Job'),
  ...podRefs('spec', 'Pod'),
  ...podRefs('spec/template/spec', 'ReplicaSet'),
  fs('spec/ports/port', 'Service'), fs('spec/ports/targetPort', 'Service'),
  ...podRefs('spec/template/spec', 'StatefulSet', 'spec/volumeClaimTemplates/spec/nfs/server'),
  fs('spec/nfs/server', 'PersistentVolume'),
  fs('metadata/labels'), fs('metadata/annotations'),
];

/** Go's %v of a types.Var, as kustomize's messages print it. */
export function varString(v: any): string {
  const av: string = v?.objref?.apiVersion ?? '';
  const i = av.lastIndexOf('/');
  const group = v?.objref?.group ?? (i >= 0 ? av.slice(0, i) : '');
  const version = v?.objref?.version ?? (i >= 0 ? av.slice(i + 1) : av);
  return `{${v?.name ?? ''} ${v?.objref?.kind || '[noKind]'}.${version || '[noVer]'}.${group || '[noGrp]'} {${v?.fieldref?.fieldpath || 'metadata.name'}}}`;
}

/** GetFieldValue: a dotted path, with [n] list indexes. */
export function fieldValue(obj: any, fieldPath: string): unknown {
  let cur = obj;
  for (const part of fieldPath.split('.')) {
    const m = /^([^[]*)((?:\[\d+\])*)$/.exec(part);
    if (!m) return undefined;
    if (m[1]) cur = cur?.[m[1]];
    for (const idx of m[2].match(/\d+/g) ?? []) cur = Array.isArray(cur) ? cur[Number(idx)] : undefined;
    if (cur === undefined || cur === null) return undefined;
  }
  return cur;
}

/** DoReplacements: $(NAME) expanded, $$ an escaped $; a string that is one reference becomes
 *  the value itself (numbers stay numbers). */
export function expand(s: string, values: Map<string, unknown>, used: Set<string>): unknown {
  const whole = /^\$\(([^)]*)\)$/.exec(s);
  if (whole && values.has(whole[1])) { used.add(whole[1]); return values.get(whole[1]); }
  return s.replace(/\$\$|\$\(([^)]*)\)/g, (m, name) => {
    if (m === '$$') return '$';
    if (values.has(name)) { used.add(name); const v = values.get(name); return typeof v === 'object' ? JSON.stringify(v) : String(v); }
    return m;
  });
}
