// Defaulting of the admissionregistration, apiregistration, certificates, flowcontrol, node and
// CSI storage kinds (pkg/apis/*/v1/defaults.go at 1.32), and what their strategies set on create
// (the requesting user of a CertificateSigningRequest, an APIService's availability).
import type { KObject } from '../types';

export const MORE_KINDS = new Set([
  'MutatingWebhookConfiguration', 'ValidatingWebhookConfiguration', 'ValidatingAdmissionPolicy', 'ValidatingAdmissionPolicyBinding',
  'APIService', 'CertificateSigningRequest', 'FlowSchema', 'PriorityLevelConfiguration', 'RuntimeClass',
  'CSIDriver', 'CSINode', 'CSIStorageCapacity', 'VolumeAttachment',
]);

/** The user kubectl talks as on a kind cluster (kubeadm's admin.conf). */
export const ADMIN_USER = { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] };

const labelSelector = () => ({});

function defaultRule(r: any): void { if (r && r.scope === undefined) r.scope = '*'; }

function defaultWebhook(w: any, mutating: boolean): void {
  if (!w || typeof w !== 'object') return;
  if (w.failurePolicy === undefined) w.failurePolicy = 'Fail';
  if (w.matchPolicy === undefined) w.matchPolicy = 'Equivalent';
  if (w.namespaceSelector === undefined) w.namespaceSelector = labelSelector();
  if (w.objectSelector === undefined) w.objectSelector = labelSelector();
  if (w.timeoutSeconds === undefined) w.timeoutSeconds = 10;
  if (mutating && w.reinvocationPolicy === undefined) w.reinvocationPolicy = 'Never';
  for (const r of w.rules ?? []) defaultRule(r);
  const svc = w.clientConfig?.service;
  if (svc && svc.port === undefined) svc.port = 443;
}

function defaultMatchResources(m: any): void {
  if (!m || typeof m !== 'object') return;
  if (m.matchPolicy === undefined) m.matchPolicy = 'Equivalent';
  if (m.namespaceSelector === undefined) m.namespaceSelector = labelSelector();
  if (m.objectSelector === undefined) m.objectSelector = labelSelector();
  for (const r of [...(m.resourceRules ?? []), ...(m.excludeResourceRules ?? [])]) defaultRule(r);
}

export function applyMoreDefaults(o: KObject, old: KObject | undefined, now: string): void {
  switch (o.kind) {
    case 'ValidatingWebhookConfiguration':
    case 'MutatingWebhookConfiguration':
      for (const w of o.webhooks ?? []) defaultWebhook(w, o.kind === 'MutatingWebhookConfiguration');
      break;
    case 'ValidatingAdmissionPolicy': {
      const s = (o.spec = o.spec ?? {});
      if (s.failurePolicy === undefined) s.failurePolicy = 'Fail';
      defaultMatchResources(s.matchConstraints);
      if (!old) o.status = {};
      else if (o.status === undefined) o.status = old.status;
      break;
    }
    case 'ValidatingAdmissionPolicyBinding':
      o.spec = o.spec ?? {};
      defaultMatchResources(o.spec.matchResources);
      break;
    case 'CSIDriver': {
      const s = (o.spec = o.spec ?? {});
      if (s.attachRequired === undefined) s.attachRequired = true;
      if (s.podInfoOnMount === undefined) s.podInfoOnMount = false;
      if (s.storageCapacity === undefined) s.storageCapacity = false;
      if (s.fsGroupPolicy === undefined) s.fsGroupPolicy = 'ReadWriteOnceWithFSType';
      if (!s.volumeLifecycleModes?.length) s.volumeLifecycleModes = ['Persistent'];
      if (s.requiresRepublish === undefined) s.requiresRepublish = false;
      if (s.seLinuxMount === undefined) s.seLinuxMount = false; // SELinuxMountReadWriteOncePod (beta, on)
      break;
    }
    case 'VolumeAttachment':
      if (!old) o.status = { attached: false };
      else o.status = o.status ?? old.status;
      break;
    case 'FlowSchema': {
      const s = (o.spec = o.spec ?? {});
      if (!s.matchingPrecedence) s.matchingPrecedence = 1000;
      break;
    }
    case 'PriorityLevelConfiguration': {
      const s = (o.spec = o.spec ?? {});
      if (s.exempt) {
        if (s.exempt.nominalConcurrencyShares === undefined) s.exempt.nominalConcurrencyShares = 0;
        if (s.exempt.lendablePercent === undefined) s.exempt.lendablePercent = 0;
      }
      if (s.limited) {
        if (s.limited.nominalConcurrencyShares === undefined) s.limited.nominalConcurrencyShares = 30;
        if (s.limited.lendablePercent === undefined) s.limited.lendablePercent = 0;
        const q = s.limited.limitResponse?.queuing;
        if (q) {
          if (!q.handSize) q.handSize = 8;
          if (!q.queues) q.queues = 64;
          if (!q.queueLengthLimit) q.queueLengthLimit = 50;
        }
      }
      if (!old) o.status = {};
      break;
    }
    case 'CertificateSigningRequest': {
      const s = (o.spec = o.spec ?? {});
      if (!old) {
        // the strategy's PrepareForCreate: the requesting user comes from the request, status starts empty
        delete s.uid; delete s.extra;
        s.username = ADMIN_USER.username;
        s.groups = [...ADMIN_USER.groups];
        o.status = {};
      } else {
        // spec.username/groups/uid/extra cannot be changed; status only through its subresources
        for (const f of ['username', 'uid', 'groups', 'extra']) { if (old.spec?.[f] === undefined) delete s[f]; else s[f] = old.spec[f]; }
      }
      break;
    }
    case 'APIService':
      // the availability controller: local group/versions are always available
      if (!old || !o.status?.conditions?.length) {
        const svc = o.spec?.service;
        o.status = svc
          ? { conditions: [{ type: 'Available', status: 'False', lastTransitionTime: now, reason: 'ServiceNotFound', message: `service/${svc.name} in "${svc.namespace}" is not present` }] }
          : { conditions: [{ type: 'Available', status: 'True', lastTransitionTime: now, reason: 'Local', message: 'Local APIServices are always available' }] };
      }
      break;
  }
}
