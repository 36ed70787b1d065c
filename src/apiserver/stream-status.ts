// metav1.Status as the API server and the kubelet write it for the streaming subresources:
// HTTP error bodies (with kind/apiVersion) and the remote-command error channel (without).
import type { KObject } from '../api/types';

export interface StatusError { reason: string; message: string; code: number; details?: { name?: string; group?: string; kind?: string; causes?: { reason?: string; message?: string; field?: string }[] } }

/** Go's field order: kind, apiVersion, metadata, status, message, reason, details, code. */
export function statusJson(e: StatusError | { success: true }, typeMeta = true): string {
  const head = typeMeta ? '{"kind":"Status","apiVersion":"v1","metadata":{},' : '{"metadata":{},';
  if ('success' in e) return head + '"status":"Success"}';
  let s = head + `"status":"Failure","message":${JSON.stringify(e.message)}`;
  if (e.reason) s += `,"reason":${JSON.stringify(e.reason)}`;
  const d = e.details;
  if (d && (d.name || d.group || d.kind || d.causes?.length)) {
    const parts: string[] = [];
    if (d.name) parts.push(`"name":${JSON.stringify(d.name)}`);
    if (d.group) parts.push(`"group":${JSON.stringify(d.group)}`);
    if (d.kind) parts.push(`"kind":${JSON.stringify(d.kind)}`);
    if (d.causes?.length) {
      parts.push(`"causes":[${d.causes.map((c) => {
        const f: string[] = [];
        if (c.reason) f.push(`"reason":${JSON.stringify(c.reason)}`);
        if (c.message) f.push(`"message":${JSON.stringify(c.message)}`);
        if (c.field) f.push(`"field":${JSON.stringify(c.field)}`);
        return `{${f.join(',')}}`;
      }).join(',')}]`);
    }
    s += `,"details":{${parts.join(',')}}`;
  }
  if (e.code) s += `,"code":${e.code}`;
  return s + '}';
}

export const badRequest = (message: string): StatusError => ({ reason: 'BadRequest', message, code: 400 });
export const podNotFound = (name: string): StatusError => ({ reason: 'NotFound', message: `pods "${name}" not found`, code: 404, details: { name, kind: 'pods' } });
/** apierrors.NewInternalError(err) */
export const internalError = (err: string): StatusError => ({ reason: 'InternalError', message: `Internal error occurred: ${err}`, code: 500, details: { causes: [{ message: err }] } });

const names = (cs: any[] | undefined) => (cs ?? []).map((c) => c.name).join(' ');

/** Every container of the pod, as podutil.VisitContainers sees them (init, regular, ephemeral). */
export function findContainer(pod: KObject, name: string): any | undefined {
  return [...(pod.spec?.initContainers ?? []), ...(pod.spec?.containers ?? []), ...(pod.spec?.ephemeralContainers ?? [])].find((c: any) => c.name === name);
}

/** The registry's container choice for exec/attach/log (pkg/registry/core/pod/strategy.go):
 *  the named container must exist; without a name the pod must have exactly one. */
export function chooseContainer(pod: KObject, container: string): { container: any } | { error: StatusError } {
  const name = pod.metadata.name;
  if (!container) {
    const cs: any[] = pod.spec?.containers ?? [];
    if (cs.length === 1) return { container: cs[0] };
    if (!cs.length) return { error: badRequest(`a container name must be specified for pod ${name}`) };
    let msg = `a container name must be specified for pod ${name}, choose one of: [${names(cs)}]`;
    if (pod.spec?.initContainers?.length) msg += ` or one of the init containers: [${names(pod.spec.initContainers)}]`;
    return { error: badRequest(msg) };
  }
  const c = findContainer(pod, container);
  return c ? { container: c } : { error: badRequest(`container ${container} is not valid for pod ${name}`) };
}

/** The container's status entry (regular, init or ephemeral). */
export function containerStatus(pod: KObject, name: string): any | undefined {
  return [...(pod.status?.containerStatuses ?? []), ...(pod.status?.initContainerStatuses ?? []), ...(pod.status?.ephemeralContainerStatuses ?? [])]
    .find((s: any) => s.name === name);
}

/** A boolean query parameter as the API server decodes it into options (apimachinery's
 *  Convert_Slice_string_To_bool): absent, "0" or "false" in any case are false, anything else
 *  true (the Python client sends `watch=True`). */
export function queryBool(v: string | null): boolean {
  return v !== null && v !== '0' && v.toLowerCase() !== 'false';
}
