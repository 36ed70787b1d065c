// Tables of apps/v1 kinds (printers.go 1.32, Wide: true).
import { RowFn, cols, age, containerCells, formatLabels, formatLabelSelector, selectorString, int } from './common';

export const deploymentColumns = cols('=Name', 'Ready', 'Up-to-date', 'Available', 'Age', 'Containers*', 'Images*', 'Selector*');
export const deploymentRow: RowFn = (o, now) => {
  const spec = o.spec || {}, st = o.status || {};
  const [names, images] = containerCells(spec.template?.spec?.containers);
  const sel = selectorString(spec.selector);
  return [o.metadata.name, `${int(st.readyReplicas)}/${int(spec.replicas ?? 1)}`, int(st.updatedReplicas), int(st.availableReplicas), age(o, now),
    names, images, sel === undefined ? '<invalid>' : sel];
};

export const replicaSetColumns = cols('=Name', 'Desired', 'Current', 'Ready', 'Age', 'Containers*', 'Images*', 'Selector*');
export const replicaSetRow: RowFn = (o, now) => {
  const spec = o.spec || {}, st = o.status || {};
  const [names, images] = containerCells(spec.template?.spec?.containers);
  return [o.metadata.name, int(spec.replicas ?? 1), int(st.replicas), int(st.readyReplicas), age(o, now), names, images, formatLabelSelector(spec.selector)];
};

export const statefulSetColumns = cols('=Name', 'Ready', 'Age', 'Containers*', 'Images*');
export const statefulSetRow: RowFn = (o, now) => {
  const spec = o.spec || {}, st = o.status || {};
  const [names, images] = containerCells(spec.template?.spec?.containers);
  return [o.metadata.name, `${int(st.readyReplicas)}/${int(spec.replicas ?? 1)}`, age(o, now), names, images];
};

export const daemonSetColumns = cols('=Name', 'Desired', 'Current', 'Ready', 'Up-to-date', 'Available', 'Node Selector', 'Age', 'Containers*', 'Images*', 'Selector*');
export const daemonSetRow: RowFn = (o, now) => {
  const spec = o.spec || {}, st = o.status || {};
  const [names, images] = containerCells(spec.template?.spec?.containers);
  return [o.metadata.name, int(st.desiredNumberScheduled), int(st.currentNumberScheduled), int(st.numberReady), int(st.updatedNumberScheduled),
    int(st.numberAvailable), formatLabels(spec.template?.spec?.nodeSelector), age(o, now), names, images, formatLabelSelector(spec.selector)];
};

export const controllerRevisionColumns = cols('=Name', 'Controller', 'Revision', 'Age');
export const controllerRevisionRow: RowFn = (o, now) => {
  const ref = (o.metadata.ownerReferences || []).find((r) => r.controller === true);
  let controller = '<none>';
  if (ref) {
    const av = ref.apiVersion || '';
    const group = av.includes('/') ? av.slice(0, av.indexOf('/')) : '';
    const gk = group ? `${ref.kind}.${group}` : ref.kind;
    controller = gk ? `${gk.toLowerCase()}/${ref.name}` : ref.name;
  }
  return [o.metadata.name, controller, int(o.revision), age(o, now)];
};
