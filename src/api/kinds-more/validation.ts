// The main validation of the admissionregistration, apiregistration, certificates, flowcontrol,
// node and CSI storage kinds, with the API server's messages (pkg/apis/*/validation at 1.32).
import type { KObject } from '../types';
import type { Cause } from '../validation';

const q = (s: unknown) => JSON.stringify(String(s ?? ''));
const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const DNS1123_SUBDOMAIN = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;
const MSG_1123_LABEL = "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character (e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')";
const MSG_1123_SUBDOMAIN = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";

/** %#v of a Go []byte, as field.Invalid prints a byte slice value. */
export const goBytes = (b: Buffer) => `[]byte{${[...b].map((x) => '0x' + x.toString(16)).join(', ')}}`;

const USAGES = ['any', 'cert sign', 'client auth', 'code signing', 'content commitment', 'crl sign', 'data encipherment', 'decipher only', 'digital signature',
  'email protection', 'encipher only', 'ipsec end system', 'ipsec tunnel', 'ipsec user', 'key agreement', 'key encipherment', 'microsoft sgc', 'netscape sgc',
  'ocsp signing', 's/mime', 'server auth', 'signing', 'timestamping'];

/** ValidateSignerName (pkg/apis/core/validation). */
function signerNameCauses(name: string | undefined, field: string, causes: Cause[]): void {
  if (!name) { causes.push({ field, message: 'Required value' }); return; }
  const parts = name.split('/');
  if (parts.length < 2) { causes.push({ field, message: `Invalid value: ${q(name)}: must be a fully qualified domain and path of the form 'example.com/signer-name'` }); return; }
  const domain = parts[0], path = parts.slice(1).join('/');
  if (!path) causes.push({ field, message: `Invalid value: ${q(name)}: validating path: must not be empty` });
  if (domain.length > 253 || !DNS1123_SUBDOMAIN.test(domain)) causes.push({ field, message: `Invalid value: ${q(domain)}: ${MSG_1123_SUBDOMAIN}` });
}

function csrCauses(o: KObject, old: KObject | undefined, causes: Cause[]): void {
  const s = o.spec ?? {};
  const req = Buffer.from(String(s.request ?? ''), 'base64');
  try {
    const { parseCSR, checkSignature } = require('./x509') as typeof import('./x509');
    parseCSR(req);
    checkSignature(req);
  } catch (e: any) {
    causes.push({ field: 'spec.request', message: `Invalid value: ${goBytes(req)}: ${e.message}` });
  }
  const usages: unknown[] = s.usages ?? [];
  if (!usages.length) causes.push({ field: 'spec.usages', message: 'Required value' });
  const seen = new Set<unknown>();
  usages.forEach((u, i) => {
    if (!USAGES.includes(String(u))) causes.push({ field: `spec.usages[${i}]`, message: `Unsupported value: ${q(u)}: supported values: ${USAGES.map(q).join(', ')}` });
  });
  usages.forEach((u, i) => { if (seen.has(u)) causes.push({ field: `spec.usages[${i}]`, message: `Duplicate value: ${q(u)}` }); seen.add(u); });
  if (s.signerName === 'kubernetes.io/legacy-unknown') causes.push({ field: 'spec.signerName', message: `Invalid value: ${q(s.signerName)}: the legacy signerName is not allowed via this API version` });
  else signerNameCauses(s.signerName, 'spec.signerName', causes);
  if (typeof s.expirationSeconds === 'number' && s.expirationSeconds < 600) causes.push({ field: 'spec.expirationSeconds', message: `Invalid value: ${s.expirationSeconds}: may not specify a duration less than 600 seconds (10 minutes)` });
  csrConditionCauses(o, old, causes);
  if (old) {
    for (const f of ['request', 'signerName', 'usages', 'expirationSeconds']) {
      if (JSON.stringify(s[f]) !== JSON.stringify(old.spec?.[f])) { causes.push({ field: 'spec', message: 'Forbidden: updates to certificatesigningrequest spec are forbidden' }); break; }
    }
  }
}

/** validateConditions and the update rules on Approved/Denied/Failed conditions. */
export function csrConditionCauses(o: KObject, old: KObject | undefined, causes: Cause[]): void {
  const conds: any[] = o.status?.conditions ?? [];
  const oldTypes: string[] = (old?.status?.conditions ?? []).map((c: any) => c.type);
  const bothBefore = oldTypes.includes('Approved') && oldTypes.includes('Denied');
  let approved = false, denied = false;
  const seen = new Set<string>();
  conds.forEach((c, i) => {
    const f = `status.conditions[${i}]`;
    if (!c.type) causes.push({ field: `${f}.type`, message: 'Required value' });
    const trueOnly = c.type === 'Approved' || c.type === 'Denied' || c.type === 'Failed';
    if (!c.status) causes.push({ field: `${f}.status`, message: 'Required value' });
    else if (!(trueOnly ? ['True'] : ['False', 'True', 'Unknown']).includes(c.status)) {
      causes.push({ field: `${f}.status`, message: `Unsupported value: ${q(c.status)}: supported values: ${(trueOnly ? ['True'] : ['False', 'True', 'Unknown']).map(q).join(', ')}` });
    }
    if (!bothBefore) {
      if (c.type === 'Approved') { approved = true; if (denied) causes.push({ field: `${f}.type`, message: `Invalid value: "Approved": Approved and Denied conditions are mutually exclusive` }); }
      if (c.type === 'Denied') { denied = true; if (approved) causes.push({ field: `${f}.type`, message: `Invalid value: "Denied": Approved and Denied conditions are mutually exclusive` }); }
    }
    if (seen.has(c.type)) causes.push({ field: `${f}.type`, message: `Duplicate value: ${q(c.type)}` });
    seen.add(c.type);
  });
  if (old) {
    for (const t of ['Approved', 'Denied', 'Failed']) {
      if (conds.filter((c) => c.type === t).length < oldTypes.filter((x) => x === t).length) causes.push({ field: 'status.conditions', message: `Forbidden: updates may not remove a condition of type ${q(t)}` });
    }
  }
}

function webhookCauses(o: KObject, causes: Cause[]): void {
  const names = new Set<string>();
  (o.webhooks ?? []).forEach((w: any, i: number) => {
    const f = `webhooks[${i}]`;
    const name = w?.name ?? '';
    if (!name) causes.push({ field: `${f}.name`, message: 'Required value' });
    else {
      if (name.length > 253 || !DNS1123_SUBDOMAIN.test(name)) causes.push({ field: `${f}.name`, message: `Invalid value: ${q(name)}: ${MSG_1123_SUBDOMAIN}` });
      else if (name.split('.').length < 3) causes.push({ field: `${f}.name`, message: `Invalid value: ${q(name)}: should be a domain with at least three segments separated by dots` });
      if (names.has(name)) causes.push({ field: `${f}.name`, message: `Duplicate value: ${q(name)}` });
      names.add(name);
    }
    const cc = w?.clientConfig ?? {};
    if ((cc.url === undefined) === (cc.service === undefined)) causes.push({ field: `${f}.clientConfig`, message: 'Required value: exactly one of url or service is required' });
    if (cc.service) {
      if (!cc.service.name) causes.push({ field: `${f}.clientConfig.service.name`, message: 'Required value: service name is required' });
      if (!cc.service.namespace) causes.push({ field: `${f}.clientConfig.service.namespace`, message: 'Required value: service namespace is required' });
    }
    if (w?.sideEffects === undefined) causes.push({ field: `${f}.sideEffects`, message: 'Required value: must specify one of None, NoneOnDryRun' });
    else if (!['None', 'NoneOnDryRun'].includes(w.sideEffects)) causes.push({ field: `${f}.sideEffects`, message: `Unsupported value: ${q(w.sideEffects)}: supported values: "None", "NoneOnDryRun"` });
    if (!(w?.admissionReviewVersions ?? []).length) causes.push({ field: `${f}.admissionReviewVersions`, message: 'Required value: must specify one of v1, v1beta1' });
    if (w?.failurePolicy && !['Fail', 'Ignore'].includes(w.failurePolicy)) causes.push({ field: `${f}.failurePolicy`, message: `Unsupported value: ${q(w.failurePolicy)}: supported values: "Fail", "Ignore"` });
    if (typeof w?.timeoutSeconds === 'number' && (w.timeoutSeconds < 1 || w.timeoutSeconds > 30)) causes.push({ field: `${f}.timeoutSeconds`, message: `Invalid value: ${w.timeoutSeconds}: the timeout value must be between 1 and 30 seconds` });
  });
}

export function validateMore(o: KObject, old: KObject | undefined, causes: Cause[]): void {
  const s = o.spec ?? {};
  switch (o.kind) {
    case 'ValidatingWebhookConfiguration': case 'MutatingWebhookConfiguration': webhookCauses(o, causes); break;
    case 'ValidatingAdmissionPolicy':
      if (!(s.validations ?? []).length && !(s.auditAnnotations ?? []).length) causes.push({ field: 'spec.validations', message: 'Required value: validations or auditAnnotations must contain at least one item' });
      if (!s.matchConstraints) causes.push({ field: 'spec.matchConstraints', message: 'Required value' });
      else if (!(s.matchConstraints.resourceRules ?? []).length) causes.push({ field: 'spec.matchConstraints.resourceRules', message: 'Required value' });
      (s.validations ?? []).forEach((v: any, i: number) => { if (!String(v?.expression ?? '').trim()) causes.push({ field: `spec.validations[${i}].expression`, message: 'Required value: expression is not specified' }); });
      break;
    case 'ValidatingAdmissionPolicyBinding':
      if (!s.policyName) causes.push({ field: 'spec.policyName', message: 'Required value' });
      if (!(s.validationActions ?? []).length) causes.push({ field: 'spec.validationActions', message: 'Required value' });
      break;
    case 'RuntimeClass':
      if (!DNS1123_LABEL.test(o.handler ?? '') || (o.handler ?? '').length > 63) causes.push({ field: 'handler', message: `Invalid value: ${q(o.handler)}: ${MSG_1123_LABEL}` });
      if (old && o.handler !== old.handler) causes.push({ field: 'handler', message: `Invalid value: ${q(o.handler)}: field is immutable` });
      break;
    case 'FlowSchema': {
      const mp = s.matchingPrecedence;
      if (mp <= 0) causes.push({ field: 'spec.matchingPrecedence', message: `Invalid value: ${mp}: must be a positive value` });
      if (mp > 10000) causes.push({ field: 'spec.matchingPrecedence', message: `Invalid value: ${mp}: must not be greater than 10000` });
      if (mp === 1 && o.metadata.name !== 'exempt') causes.push({ field: 'spec.matchingPrecedence', message: `Invalid value: 1: only the schema named 'exempt' may have matchingPrecedence 1` });
      if (s.distinguisherMethod && !['ByNamespace', 'ByUser'].includes(s.distinguisherMethod.type)) causes.push({ field: 'spec.distinguisherMethod.type', message: `Unsupported value: ${q(s.distinguisherMethod.type)}: supported values: "ByNamespace", "ByUser"` });
      const pl = s.priorityLevelConfiguration?.name;
      if (!pl) causes.push({ field: 'spec.priorityLevelConfiguration.name', message: 'Required value: must reference a priority level' });
      else if (!DNS1123_SUBDOMAIN.test(pl)) causes.push({ field: 'spec.priorityLevelConfiguration.name', message: `Invalid value: ${q(pl)}: ${MSG_1123_SUBDOMAIN}` });
      (s.rules ?? []).forEach((r: any, i: number) => {
        if (!(r?.subjects ?? []).length) causes.push({ field: `spec.rules[${i}].subjects`, message: 'Required value: subjects must contain at least one value' });
        if (!(r?.resourceRules ?? []).length && !(r?.nonResourceRules ?? []).length) causes.push({ field: `spec.rules[${i}]`, message: 'Required value: at least one of resourceRules and nonResourceRules has to be non-empty' });
      });
      break;
    }
    case 'PriorityLevelConfiguration': {
      const exempt = o.metadata.name === 'exempt';
      if (exempt !== (s.type === 'Exempt')) causes.push({ field: 'spec.type', message: `Invalid value: ${q(s.type)}: type must be 'Exempt' if and only if name is 'exempt'` });
      if (s.type === 'Exempt') { if (s.limited) causes.push({ field: 'spec.limited', message: 'Forbidden: must be nil if the type is not Limited' }); }
      else if (s.type === 'Limited') {
        if (!s.limited) causes.push({ field: 'spec.limited', message: 'Required value: must not be empty when type is Limited' });
        else {
          const lr = s.limited.limitResponse ?? {};
          if (!['Queue', 'Reject'].includes(lr.type)) causes.push({ field: 'spec.limited.limitResponse.type', message: `Unsupported value: ${q(lr.type)}: supported values: "Queue", "Reject"` });
          if (lr.type === 'Queue' && !lr.queuing) causes.push({ field: 'spec.limited.limitResponse.queuing', message: 'Required value: must not be empty if the type is Queue' });
          if (lr.type === 'Reject' && lr.queuing) causes.push({ field: 'spec.limited.limitResponse.queuing', message: 'Forbidden: must be nil if limited.limitResponse.type is not Limited' });
        }
      } else causes.push({ field: 'spec.type', message: `Unsupported value: ${q(s.type)}: supported values: "Exempt", "Limited"` });
      break;
    }
    case 'APIService': {
      const name = o.metadata.name, want = `${s.version ?? ''}.${s.group ?? ''}`;
      if (name !== want) causes.push({ field: 'metadata.name', message: `Invalid value: ${q(name)}: must be ${q(want)}` });
      if (!s.version) causes.push({ field: 'spec.version', message: 'Required value' });
      if (!s.groupPriorityMinimum || s.groupPriorityMinimum <= 0 || s.groupPriorityMinimum > 20000) causes.push({ field: 'spec.groupPriorityMinimum', message: `Invalid value: ${s.groupPriorityMinimum ?? 0}: must be positive and less than 20000` });
      if (!s.versionPriority || s.versionPriority <= 0 || s.versionPriority > 1000) causes.push({ field: 'spec.versionPriority', message: `Invalid value: ${s.versionPriority ?? 0}: must be positive and less than 1000` });
      if (!s.service && (s.caBundle || s.insecureSkipTLSVerify)) causes.push({ field: 'spec.service', message: 'Required value: must be set when caBundle or insecureSkipTLSVerify is set' });
      break;
    }
    case 'VolumeAttachment': {
      if (!s.attacher) causes.push({ field: 'spec.attacher', message: 'Required value' });
      const src = s.source ?? {};
      const n = (src.persistentVolumeName !== undefined ? 1 : 0) + (src.inlineVolumeSpec !== undefined ? 1 : 0);
      if (n !== 1) causes.push({ field: 'spec.source', message: 'Required value: must specify exactly one of inlineVolumeSpec and persistentVolumeName' });
      if (!s.nodeName) causes.push({ field: 'spec.nodeName', message: 'Required value' });
      if (old && JSON.stringify(old.spec) !== JSON.stringify(o.spec)) causes.push({ field: 'spec', message: `Invalid value: ${goStruct(o.spec)}: field is immutable` });
      break;
    }
    case 'CSIDriver':
      if (old) for (const f of ['attachRequired', 'podInfoOnMount', 'volumeLifecycleModes', 'fsGroupPolicy']) {
        if (JSON.stringify(old.spec?.[f]) !== JSON.stringify(s[f])) causes.push({ field: `spec.${f}`, message: `Invalid value: ${JSON.stringify(s[f])}: field is immutable` });
      }
      break;
    case 'CSINode':
      (s.drivers ?? []).forEach((d: any, i: number) => {
        if (!d?.name) causes.push({ field: `spec.drivers[${i}].name`, message: 'Required value' });
        if (!d?.nodeID) causes.push({ field: `spec.drivers[${i}].nodeID`, message: 'Required value' });
      });
      break;
    case 'CertificateSigningRequest': csrCauses(o, old, causes); break;
  }
}

const goStruct = (v: unknown) => JSON.stringify(v ?? {});
