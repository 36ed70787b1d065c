// Tables of the admissionregistration, apiregistration, certificates, flowcontrol, node and the
// CSI storage kinds: printers.go 1.32 (APIService: kube-aggregator's own ConvertToTable).
import { KObject } from '../../api/types';
import { humanDuration } from '../duration';
import { RowFn, Column, cols, age, int, boolCell, selectorString, quantityString } from './common';

const count = (v: unknown) => String(Array.isArray(v) ? v.length : 0);

export const webhookColumns = cols('=Name', 'Webhooks', 'Age');
export const webhookRow: RowFn = (o, now) => [o.metadata.name, count(o.webhooks), age(o, now)];

export const vapColumns = cols('=Name', 'Validations', 'ParamKind', 'Age');
export const vapRow: RowFn = (o, now) => {
  const pk = o.spec?.paramKind;
  return [o.metadata.name, count(o.spec?.validations), pk ? `${pk.apiVersion ?? ''}/${pk.kind ?? ''}` : '<unset>', age(o, now)];
};

export const vapBindingColumns = cols('=Name', 'PolicyName', 'ParamRef', 'Age');
export const vapBindingRow: RowFn = (o, now) => {
  let param = '<unset>';
  const pr = o.spec?.paramRef;
  if (pr) {
    if (pr.name) param = pr.namespace ? `${pr.namespace}/${pr.name}` : `*/${pr.name}`;
    else if (pr.selector) param = selectorString(pr.selector) ?? '<none>';
  }
  return [o.metadata.name, o.spec?.policyName ?? '', param, age(o, now)];
};

export const apiServiceColumns = cols('=Name', 'Service', 'Available', 'Age');
export const apiServiceRow: RowFn = (o, now) => {
  const svc = o.spec?.service;
  const service = svc ? `${svc.namespace ?? ''}/${svc.name ?? ''}` : 'Local';
  let status = 'Unknown';
  const c = (o.status?.conditions ?? []).find((x: any) => x.type === 'Available');
  if (c) status = c.status === 'True' ? c.status : c.reason ? `${c.status} (${c.reason})` : c.status;
  return [o.metadata.name, service, status, age(o, now)];
};

/** certificates' extractCSRStatus: Denied / Approved / Pending, then ,Failed and ,Issued. */
export function csrCondition(o: KObject): string {
  const types = new Set((o.status?.conditions ?? []).map((c: any) => c.type));
  let s = types.has('Denied') ? 'Denied' : types.has('Approved') ? 'Approved' : 'Pending';
  if (types.has('Failed')) s += ',Failed';
  if (o.status?.certificate) s += ',Issued';
  return s;
}

/** csr.ExpirationSecondsToDuration then duration.HumanDuration. */
export const csrDuration = (secs: number) => humanDuration(secs * 1000);

export const csrColumns = cols('=Name', 'Age', 'SignerName', 'Requestor', 'RequestedDuration', 'Condition');
export const csrRow: RowFn = (o, now) => [
  o.metadata.name, age(o, now), o.spec?.signerName || '<none>', o.spec?.username ?? '',
  o.spec?.expirationSeconds != null ? csrDuration(o.spec.expirationSeconds) : '<none>', csrCondition(o),
];

export const flowSchemaColumns = cols('=Name', 'PriorityLevel', 'MatchingPrecedence', 'DistinguisherMethod', 'Age', 'MissingPL');
export const flowSchemaRow: RowFn = (o, now) => {
  const dangling = (o.status?.conditions ?? []).find((c: any) => c.type === 'Dangling');
  return [o.metadata.name, o.spec?.priorityLevelConfiguration?.name ?? '', int(o.spec?.matchingPrecedence),
    o.spec?.distinguisherMethod ? (o.spec.distinguisherMethod.type ?? '') : '<none>', age(o, now), dangling ? String(dangling.status ?? '') : '?'];
};
/** printFlowSchemaList sorts as a FlowSchemaSequence: matching precedence, then name. */
export function orderFlowSchemas(objects: KObject[]): void {
  objects.sort((a, b) => {
    const pa = a.spec?.matchingPrecedence ?? 0, pb = b.spec?.matchingPrecedence ?? 0;
    if (pa !== pb) return pa - pb;
    return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  });
}

export const priorityLevelColumns = cols('=Name', 'Type', 'NominalConcurrencyShares', 'Queues', 'HandSize', 'QueueLengthLimit', 'Age');
export const priorityLevelRow: RowFn = (o, now) => {
  const l = o.spec?.limited;
  const q = l?.limitResponse?.queuing;
  const n = (v: unknown) => (v == null ? '0' : int(v));
  return [o.metadata.name, o.spec?.type ?? '', l ? n(l.nominalConcurrencyShares) : '<none>',
    q ? n(q.queues) : '<none>', q ? n(q.handSize) : '<none>', q ? n(q.queueLengthLimit) : '<none>', age(o, now)];
};

export const runtimeClassColumns = cols('=Name', 'Handler', 'Age');
export const runtimeClassRow: RowFn = (o, now) => [o.metadata.name, o.handler ?? '', age(o, now)];

// Attacher has Format "name" too in printers.go; kubectl prefixes only the first such column.
export const volumeAttachmentColumns: Column[] = cols('=Name', 'Attacher', 'PV', 'Node', 'Attached', 'Age');
export const volumeAttachmentRow: RowFn = (o, now) => [
  o.metadata.name, o.spec?.attacher ?? '', o.spec?.source?.persistentVolumeName ?? '', o.spec?.nodeName ?? '', boolCell(o.status?.attached), age(o, now),
];

export const csiNodeColumns = cols('=Name', 'Drivers', 'Age');
export const csiNodeRow: RowFn = (o, now) => [o.metadata.name, count(o.spec?.drivers), age(o, now)];

export const csiDriverColumns = cols('=Name', 'AttachRequired', 'PodInfoOnMount', 'StorageCapacity', 'TokenRequests', 'RequiresRepublish', 'Modes', 'Age');
export const csiDriverRow: RowFn = (o, now) => {
  const s = o.spec ?? {};
  const modes = (s.volumeLifecycleModes ?? []).join(',') || '<none>';
  const tokens = s.tokenRequests == null ? '<unset>' : s.tokenRequests.map((t: any) => t.audience ?? '').join(',');
  return [o.metadata.name, boolCell(s.attachRequired !== false), boolCell(s.podInfoOnMount === true), boolCell(s.storageCapacity === true),
    tokens, boolCell(s.requiresRepublish === true), modes, age(o, now)];
};

export const csiStorageCapacityColumns = cols('=Name', 'StorageClassName', 'Capacity');
export const csiStorageCapacityRow: RowFn = (o) => [o.metadata.name, o.storageClassName ?? '', o.capacity != null ? quantityString(o.capacity) : '<unset>'];
