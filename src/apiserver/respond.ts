// Writing the API server's answers: content negotiation from Accept (JSON, YAML, Table), the
// response headers, and metav1.Status errors worded as the API server words them.
import type * as http from 'http';
import { ApiError } from '../api/types';
import { toCompactJson } from '../printers/json';
import { indent2, apiHeaders, statusObject } from '../network/apiproxy';

export { statusObject };

/** An error already shaped as the Status to send. */
export class StatusError extends Error {
  constructor(public code: number, public reason: string, message: string, public details?: Record<string, unknown>) { super(message); }
}

export interface MediaType { type: string; params: Record<string, string> }

export function parseAccept(h: string | undefined): MediaType[] {
  if (!h) return [{ type: '*/*', params: {} }];
  return h.split(',').map((part) => {
    const [t, ...ps] = part.split(';').map((s) => s.trim());
    const params: Record<string, string> = {};
    for (const p of ps) { const i = p.indexOf('='); if (i > 0) params[p.slice(0, i).trim()] = p.slice(i + 1).trim(); }
    return { type: t.toLowerCase(), params };
  }).filter((m) => m.type);
}

export type Wire = 'json' | 'yaml';
export interface Negotiated { wire: Wire; table: boolean; discoveryV2: boolean; partial: boolean }

/** What the client accepts for an object or list (undefined: 406). */
export function negotiate(accept: string | undefined): Negotiated | undefined {
  for (const m of parseAccept(accept)) {
    const json = m.type === 'application/json' || m.type === '*/*' || m.type === 'application/*';
    const yaml = m.type === 'application/yaml';
    if (!json && !yaml) continue;
    const as = m.params.as;
    if (as === 'Table') {
      if (m.params.g === 'meta.k8s.io' && (m.params.v === 'v1' || m.params.v === 'v1beta1')) return { wire: json ? 'json' : 'yaml', table: true, discoveryV2: false, partial: false };
      continue;
    }
    if (as === 'PartialObjectMetadata' || as === 'PartialObjectMetadataList') {
      if (m.params.g === 'meta.k8s.io' && m.params.v === 'v1') return { wire: json ? 'json' : 'yaml', table: false, discoveryV2: false, partial: true };
      continue;
    }
    if (as === 'APIGroupDiscoveryList') {
      if (m.params.g === 'apidiscovery.k8s.io' && m.params.v === 'v2') return { wire: json ? 'json' : 'yaml', table: false, discoveryV2: true, partial: false };
      continue;
    }
    if (as) continue;
    return { wire: json ? 'json' : 'yaml', table: false, discoveryV2: false, partial: false };
  }
  return undefined;
}

const pretty = (req: http.IncomingMessage, query: URLSearchParams): boolean => {
  const q = query.get('pretty');
  if (q !== null && q !== '') return ['1', 't', 'T', 'true', 'TRUE', 'True'].includes(q);
  const ua = req.headers['user-agent'] ?? '';
  return ua.startsWith('curl') || ua.startsWith('Wget') || ua.startsWith('Mozilla/5.0');
};

export function encode(obj: unknown, wire: Wire, prettyOut: boolean): string {
  if (wire === 'yaml') {
    const { toYaml } = require('../printers/yaml') as typeof import('../printers/yaml');
    return toYaml(obj);
  }
  const compact = toCompactJson(obj, { sortKeys: false });
  return prettyOut ? indent2(compact) : compact + '\n';
}

export interface Ctx {
  req: http.IncomingMessage;
  res: http.ServerResponse;
  query: URLSearchParams;
  warnings: string[];
}

export function send(ctx: Ctx, status: number, obj: unknown, opts: { wire?: Wire; contentType?: string } = {}): void {
  const wire = opts.wire ?? (negotiate(ctx.req.headers.accept)?.wire ?? 'json');
  const body = encode(obj, wire, pretty(ctx.req, ctx.query));
  const headers: Record<string, string | string[]> = {};
  for (const [k, v] of apiHeaders(Math.random)) headers[k] = v;
  headers['Content-Type'] = opts.contentType ?? (wire === 'yaml' ? 'application/yaml' : 'application/json');
  if (ctx.warnings.length) headers['Warning'] = ctx.warnings.map((w) => `299 - ${JSON.stringify(w)}`);
  headers['Content-Length'] = String(Buffer.byteLength(body));
  if (ctx.res.headersSent) { ctx.res.end(); return; }
  ctx.res.writeHead(status, headers);
  ctx.res.end(ctx.req.method === 'HEAD' ? undefined : body);
}

const CAUSE_REASONS: [string, string][] = [
  ['Required value', 'FieldValueRequired'], ['Invalid value', 'FieldValueInvalid'], ['Unsupported value', 'FieldValueNotSupported'],
  ['Duplicate value', 'FieldValueDuplicate'], ['Forbidden', 'FieldValueForbidden'], ['Too long', 'FieldValueTooLong'],
  ['Too many', 'FieldValueTooMany'], ['Not found', 'FieldValueNotFound'], ['Internal error', 'InternalError'],
];

/** The Status of an error thrown by the API layer (or anything else: 500). */
export function statusOf(e: unknown): Record<string, unknown> {
  if (e instanceof StatusError) return statusObject(e.code, e.reason, e.message, e.details as Record<string, string> | undefined);
  if (e instanceof ApiError) {
    const d = e.details ?? {};
    const details: Record<string, unknown> = {};
    if (d.name !== undefined) details.name = d.name;
    if (d.group) details.group = d.group;
    if (d.kind) details.kind = d.kind;
    if (d.causes?.length) {
      details.causes = d.causes.map((c) => (c.reason ? { reason: c.reason, message: c.message, ...(c.field ? { field: c.field } : {}) } : { reason: CAUSE_REASONS.find(([p]) => c.message.startsWith(p))?.[1] ?? 'FieldValueInvalid', message: c.message, field: c.field }));
    }
    const hasDetails = Object.keys(details).length > 0;
    const reason = e.reason === 'BadRequest' && e.code === 400 ? 'BadRequest' : e.reason;
    return statusObject(e.code, reason, e.message, hasDetails ? details as Record<string, string> : (e.code === 404 || e.code === 405 ? {} : undefined));
  }
  const msg = e instanceof Error ? e.message : String(e);
  return statusObject(500, 'InternalError', `Internal error occurred: ${msg}`, { causes: [{ message: msg }] } as any);
}

export function sendError(ctx: Ctx, e: unknown): void {
  const st = statusOf(e);
  send(ctx, st.code as number, st, { wire: 'json' });
}

export const notFoundPath = () => new StatusError(404, 'NotFound', 'the server could not find the requested resource', {});
export const methodNotAllowed = () => new StatusError(405, 'MethodNotAllowed', 'the server does not allow this method on the requested resource', {});
export const badRequest = (msg: string) => new StatusError(400, 'BadRequest', msg);
