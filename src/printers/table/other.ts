// Tables of coordination, autoscaling, policy, rbac, scheduling and storage kinds (printers.go
// 1.32, Wide: true).
import { RowFn, cols, age, int, intOrString, quantityString, boolCell } from './common';

export const leaseColumns = cols('=Name', 'Holder', 'Age');
export const leaseRow: RowFn = (o, now) => [o.metadata.name, o.spec?.holderIdentity ?? '', age(o, now)];

// ---------------------------------------------------------------------------------------------
// HorizontalPodAutoscaler (autoscaling/v2 shape; autoscaling/v1 objects are converted first)

function hpaV1toV2(o: any): { metrics: any[]; current: any[] } {
  const metrics: any[] = [], current: any[] = [];
  if (o.spec?.targetCPUUtilizationPercentage != null) {
    metrics.push({ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: o.spec.targetCPUUtilizationPercentage } } });
  }
  if (o.status?.currentCPUUtilizationPercentage != null) {
    current.push({ type: 'Resource', resource: { name: 'cpu', current: { averageUtilization: o.status.currentCPUUtilizationPercentage } } });
  }
  return { metrics, current };
}

export function formatHPAMetrics(specs: any[], statuses: any[]): string {
  if (!specs.length) return '<none>';
  const list: string[] = [];
  const max = 2;
  let count = 0;
  const q = quantityString;
  specs.forEach((spec, i) => {
    const st = statuses.length > i ? statuses[i] : undefined;
    switch (spec.type) {
      case 'External': {
        const t = spec.external?.target || {};
        if (t.averageValue != null) {
          const cur = st?.external?.current?.averageValue != null ? q(st.external.current.averageValue) : '<unknown>';
          list.push(`${cur}/${q(t.averageValue)} (avg)`);
        } else {
          const cur = st?.external ? q(st.external.current?.value) : '<unknown>';
          list.push(`${cur}/${q(t.value)}`);
        }
        break;
      }
      case 'Pods': {
        const cur = st?.pods ? q(st.pods.current?.averageValue) : '<unknown>';
        list.push(`${cur}/${q(spec.pods?.target?.averageValue)}`);
        break;
      }
      case 'Object': {
        const t = spec.object?.target || {};
        if (t.averageValue != null) {
          const cur = st?.object?.current?.averageValue != null ? q(st.object.current.averageValue) : '<unknown>';
          list.push(`${cur}/${q(t.averageValue)} (avg)`);
        } else {
          const cur = st?.object ? q(st.object.current?.value) : '<unknown>';
          list.push(`${cur}/${q(t.value)}`);
        }
        break;
      }
      case 'Resource':
      case 'ContainerResource': {
        const key = spec.type === 'Resource' ? 'resource' : 'containerResource';
        const s = spec[key] || {}, t = s.target || {};
        const cs = st?.[key];
        if (t.averageValue != null) {
          const cur = cs ? q(cs.current?.averageValue) : '<unknown>';
          list.push(`${s.name}: ${cur}/${q(t.averageValue)}`);
        } else {
          const cur = cs?.current?.averageUtilization != null ? `${cs.current.averageUtilization}%` : '<unknown>';
          const target = t.averageUtilization != null ? `${t.averageUtilization}%` : '<auto>';
          list.push(`${s.name}: ${cur}/${target}`);
        }
        break;
      }
      default:
        list.push('<unknown type>');
    }
    count++;
  });
  if (count > max) return `${list.slice(0, max).join(', ')} + ${count - max} more...`;
  return list.join(', ');
}

export const hpaColumns = cols('=Name', 'Reference', 'Targets', 'MinPods', 'MaxPods', 'Replicas', 'Age');
export const hpaRow: RowFn = (o, now) => {
  const spec = o.spec || {};
  let metrics: any[] = spec.metrics || [], current: any[] = o.status?.currentMetrics || [];
  if (String(o.apiVersion || '').endsWith('/v1') && !spec.metrics) ({ metrics, current } = hpaV1toV2(o));
  const ref = spec.scaleTargetRef || {};
  return [o.metadata.name, `${ref.kind || ''}/${ref.name || ''}`, formatHPAMetrics(metrics, current),
    spec.minReplicas != null ? int(spec.minReplicas) : '<unset>', int(spec.maxReplicas), int(o.status?.currentReplicas), age(o, now)];
};

// ---------------------------------------------------------------------------------------------
// PodDisruptionBudget

export const pdbColumns = cols('=Name', 'Min Available', 'Max Unavailable', 'Allowed Disruptions', 'Age');
export const pdbRow: RowFn = (o, now) => {
  const spec = o.spec || {};
  return [o.metadata.name, spec.minAvailable != null ? intOrString(spec.minAvailable) : 'N/A', spec.maxUnavailable != null ? intOrString(spec.maxUnavailable) : 'N/A',
    int(o.status?.disruptionsAllowed), age(o, now)];
};

// ---------------------------------------------------------------------------------------------
// RoleBinding, ClusterRoleBinding

function subjectsStrings(subjects: any[] | undefined): [string[], string[], string[]] {
  const users: string[] = [], groups: string[] = [], sas: string[] = [];
  for (const s of subjects || []) {
    if (s.kind === 'ServiceAccount') sas.push(`${s.namespace || ''}/${s.name}`);
    else if (s.kind === 'User') users.push(s.name);
    else if (s.kind === 'Group') groups.push(s.name);
  }
  return [users, groups, sas];
}

export const roleBindingColumns = cols('=Name', 'Role', 'Age', 'Users*', 'Groups*', 'ServiceAccounts*');
export const roleBindingRow: RowFn = (o, now) => {
  const [users, groups, sas] = subjectsStrings(o.subjects);
  return [o.metadata.name, `${o.roleRef?.kind || ''}/${o.roleRef?.name || ''}`, age(o, now), users.join(', '), groups.join(', '), sas.join(', ')];
};

// ---------------------------------------------------------------------------------------------
// PriorityClass, StorageClass

export const priorityClassColumns = cols('=Name', 'Value', 'Global-Default', 'Age', 'PreemptionPolicy');
export const priorityClassRow: RowFn = (o, now) =>
  [o.metadata.name, int(o.value), boolCell(o.globalDefault), age(o, now), o.preemptionPolicy ?? ''];

export const storageClassColumns = cols('=Name', 'Provisioner', 'ReclaimPolicy', 'VolumeBindingMode', 'AllowVolumeExpansion', 'Age');
export const storageClassRow: RowFn = (o, now) => {
  const ann = o.metadata.annotations || {};
  const isDefault = ann['storageclass.kubernetes.io/is-default-class'] === 'true' || ann['storageclass.beta.kubernetes.io/is-default-class'] === 'true';
  return [o.metadata.name + (isDefault ? ' (default)' : ''), o.provisioner || '', o.reclaimPolicy ?? 'Delete', o.volumeBindingMode ?? 'Immediate',
    boolCell(o.allowVolumeExpansion === true), age(o, now)];
};
