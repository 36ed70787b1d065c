// Request bodies in Kubernetes' protobuf encoding (application/vnd.kubernetes.protobuf), which
// client-go's typed clients send (real kubectl's create deployment, create namespace, auth can-i,
// drain's evictions...): the "k8s\0" envelope around a runtime.Unknown, whose raw bytes are the
// object's message, decoded to the JSON the API layer works with, with the field numbers of
// Kubernetes v1.32 (proto/k8s-messages.txt, made by scripts/gen-proto-schema.mjs). Answers are
// JSON, which every client accepts.
import { int64Of } from '../api/gonumber';
import * as fs from 'fs';
import * as path from 'path';
import { StatusError } from './respond';

/** The messages file is read from the source tree (dist/ and build/test/ sit beside src/): the
 *  96 KB stay out of the bundle every other verb loads. */
function messagesText(): string {
  const rel = ['src', 'apiserver', 'proto', 'k8s-messages.txt'];
  for (const up of [['..'], ['..', '..'], ['..', '..', '..']]) {
    const f = path.join(__dirname, ...up, ...rel);
    if (fs.existsSync(f)) return fs.readFileSync(f, 'utf8');
  }
  return fs.readFileSync(path.join(__dirname, 'proto', 'k8s-messages.txt'), 'utf8');
}

type Field = [number, string, string, number];
let MESSAGES: Map<string, Map<number, Field>> | undefined;
function messages(): Map<string, Map<number, Field>> {
  if (MESSAGES) return MESSAGES;
  const raw = JSON.parse(messagesText()) as Record<string, Field[]>;
  MESSAGES = new Map(Object.entries(raw).map(([k, fs]) => [k, new Map(fs.map((f) => [f[0], f]))]));
  return MESSAGES;
}

const META = 'k8s.io.apimachinery.pkg.apis.meta.v1';
const MAGIC = Buffer.from([0x6b, 0x38, 0x73, 0x00]);

class Reader {
  pos = 0;
  constructor(public b: Buffer, public end = b.length) {}
  varint(): bigint {
    let result = 0n, shift = 0n;
    for (;;) {
      if (this.pos >= this.end) throw new Error('unexpected EOF');
      const byte = this.b[this.pos++];
      result |= BigInt(byte & 0x7f) << shift;
      if (!(byte & 0x80)) return result;
      shift += 7n;
      if (shift > 70n) throw new Error('varint overflow');
    }
  }
  bytes(): Buffer {
    const n = Number(this.varint());
    if (this.pos + n > this.end) throw new Error('unexpected EOF');
    const out = this.b.subarray(this.pos, this.pos + n);
    this.pos += n;
    return out;
  }
  skip(wire: number): void {
    if (wire === 0) this.varint();
    else if (wire === 1) this.pos += 8;
    else if (wire === 2) this.bytes();
    else if (wire === 5) this.pos += 4;
    else throw new Error(`unknown wire type ${wire}`);
  }
}

const SCALARS = new Set(['string', 'bool', 'bytes', 'int32', 'int64', 'uint32', 'uint64', 'double', 'float', 'sint32', 'sint64', 'fixed32', 'fixed64']);

function scalar(r: Reader, type: string, wire: number): unknown {
  switch (type) {
    case 'string': return r.bytes().toString('utf8');
    case 'bytes': return r.bytes().toString('base64');
    case 'bool': return r.varint() !== 0n;
    case 'int32': return Number(BigInt.asIntN(32, r.varint()));
    case 'int64': return int64Of(BigInt.asIntN(64, r.varint()));
    case 'uint32': case 'uint64': return Number(r.varint());
    case 'sint32': case 'sint64': { const v = r.varint(); return Number((v >> 1n) ^ -(v & 1n)); }
    case 'double': { const v = r.b.readDoubleLE(r.pos); r.pos += 8; return v; }
    case 'float': { const v = r.b.readFloatLE(r.pos); r.pos += 4; return v; }
    case 'fixed32': { const v = r.b.readUInt32LE(r.pos); r.pos += 4; return v; }
    case 'fixed64': { const v = Number(r.b.readBigUInt64LE(r.pos)); r.pos += 8; return v; }
  }
  r.skip(wire);
  return undefined;
}

const rfc3339 = (sec: number, nanos: number, micro: boolean) => {
  const d = new Date(sec * 1000).toISOString().replace(/\.\d{3}Z$/, '');
  return micro ? `${d}.${String(Math.floor(nanos / 1000)).padStart(6, '0')}Z` : `${d}Z`;
};

/** A message's JSON, with the well-known types as their JSON forms. */
function message(buf: Buffer, type: string): unknown {
  const fields = messages().get(type);
  const r = new Reader(buf);
  const out: Record<string, any> = {};
  if (!fields) { return {}; }
  while (r.pos < r.end) {
    const tag = Number(r.varint());
    const num = tag >>> 3, wire = tag & 7;
    const f = fields.get(num);
    if (!f) { r.skip(wire); continue; }
    const [, name, ftype, repeated] = f;
    if (ftype.startsWith('map:')) {
      const vt = ftype.slice(4);
      const entry = new Reader(r.bytes());
      let k = '', v: unknown = SCALARS.has(vt) ? (vt === 'string' || vt === 'bytes' ? '' : 0) : {};
      while (entry.pos < entry.end) {
        const t = Number(entry.varint());
        if ((t >>> 3) === 1) k = entry.bytes().toString('utf8');
        else if ((t >>> 3) === 2) v = SCALARS.has(vt) ? scalar(entry, vt, t & 7) : message(entry.bytes(), vt);
        else entry.skip(t & 7);
      }
      (out[name] ??= {})[k] = v;
      continue;
    }
    let values: unknown[];
    if (SCALARS.has(ftype)) {
      if (wire === 2 && ftype !== 'string' && ftype !== 'bytes') {
        const packed = new Reader(r.bytes());
        values = [];
        while (packed.pos < packed.end) values.push(scalar(packed, ftype, ftype === 'double' || ftype === 'fixed64' ? 1 : ftype === 'float' || ftype === 'fixed32' ? 5 : 0));
      } else values = [scalar(r, ftype, wire)];
    } else values = [message(r.bytes(), ftype)];
    if (repeated) (out[name] ??= []).push(...values);
    else if (INLINE.has(name) || (name === 'handler' && ftype.endsWith('.ProbeHandler'))) Object.assign(out, values[0]);
    else out[name] = values[0];
  }
  return special(type, out);
}

function special(type: string, o: Record<string, any>): unknown {
  switch (type) {
    case `${META}.Time`: case `${META}.MicroTime`: {
      const sec = o.seconds ?? 0, nanos = o.nanos ?? 0;
      if (sec === -62135596800 && !nanos) return null;
      // metav1.Time.Unmarshal: an empty message is the zero time (Go writes none for it)
      if (o.seconds === undefined && o.nanos === undefined) return null;
      return rfc3339(sec, nanos, type.endsWith('MicroTime'));
    }
    case `${META}.Duration`: return `${(o.duration ?? 0) / 1e9}s`;
    case `${META}.FieldsV1`: case 'k8s.io.apimachinery.pkg.runtime.RawExtension':
      try { return o.Raw ?? o.raw ? JSON.parse(Buffer.from(o.Raw ?? o.raw, 'base64').toString('utf8')) : {}; } catch { return {}; }
    case 'k8s.io.apimachinery.pkg.api.resource.Quantity': return o.string ?? '0';
    case 'k8s.io.apimachinery.pkg.util.intstr.IntOrString': return o.type === 1 ? (o.strVal ?? '') : (o.intVal ?? 0);
  }
  if (/\.(Verbs|ExtraValue)$/.test(type)) return o.items ?? [];
  // proto2 writes every non-pointer field; JSON leaves out the empty ones (omitempty). A zero
  // number is kept where the field is a pointer or not omitempty (replicas: 0, runAsUser: 0).
  for (const k of Object.keys(o)) if (o[k] === '' || o[k] === false || o[k] === null || (o[k] === 0 && !KEEP_ZERO.has(k))) delete o[k];
  return o;
}

/** Embedded Go structs (json:",inline"): a message of their own in protobuf, flat in JSON. */
const INLINE = new Set(['volumeSource', 'persistentVolumeSource', 'localObjectReference', 'ephemeralContainerCommon', 'ingressRuleValue']);

const KEEP_ZERO = new Set(['replicas', 'runAsUser', 'runAsGroup', 'fsGroup', 'exitCode', 'defaultMode', 'mode', 'terminationGracePeriodSeconds',
  'activeDeadlineSeconds', 'backoffLimit', 'completions', 'parallelism', 'ttlSecondsAfterFinished', 'gracePeriodSeconds', 'expirationSeconds',
  'revisionHistoryLimit', 'successfulJobsHistoryLimit', 'failedJobsHistoryLimit', 'startingDeadlineSeconds', 'progressDeadlineSeconds', 'priority',
  'value', 'weight', 'minReplicas', 'maxReplicas', 'targetCPUUtilizationPercentage', 'averageUtilization', 'restartCount', 'seconds', 'nanos', 'type', 'intVal']);

const META_KINDS = new Set(['DeleteOptions', 'ListOptions', 'GetOptions', 'CreateOptions', 'UpdateOptions', 'PatchOptions', 'Status', 'WatchEvent', 'Table', 'PartialObjectMetadata']);

const protoPackage = (apiVersion: string): string => {
  const [group, version] = apiVersion.includes('/') ? apiVersion.split('/') : ['', apiVersion];
  if (group === 'meta.k8s.io') return META;
  return `k8s.io.api.${group === '' ? 'core' : group.split('.')[0]}.${version}`;
};

/** Decode a protobuf request body to the object's JSON form. */
export function decodeProtobuf(body: Buffer): any {
  if (body.length < 4 || !body.subarray(0, 4).equals(MAGIC)) {
    throw new StatusError(400, 'BadRequest', 'provided data does not appear to be a protobuf message, expected prefix [107 56 115 0]');
  }
  try {
    const r = new Reader(body, body.length);
    r.pos = 4;
    let apiVersion = '', kind = '', raw: Buffer = Buffer.alloc(0);
    while (r.pos < r.end) {
      const t = Number(r.varint());
      if ((t >>> 3) === 1) {
        const tm = new Reader(r.bytes());
        while (tm.pos < tm.end) {
          const tt = Number(tm.varint());
          if ((tt >>> 3) === 1) apiVersion = tm.bytes().toString('utf8');
          else if ((tt >>> 3) === 2) kind = tm.bytes().toString('utf8');
          else tm.skip(tt & 7);
        }
      } else if ((t >>> 3) === 2) raw = Buffer.from(r.bytes());
      else r.skip(t & 7);
    }
    // the option kinds of meta/v1 are registered in every group-version (DeleteOptions in apps/v1)
    const type = META_KINDS.has(kind) ? `${META}.${kind}` : `${protoPackage(apiVersion)}.${kind}`;
    if (!messages().has(type)) throw new StatusError(400, 'BadRequest', `no kind "${kind}" is registered for version "${apiVersion}" in scheme "pkg/api/legacyscheme/scheme.go:30"`);
    const obj = message(raw, type) as Record<string, unknown>;
    return { apiVersion, kind, ...obj };
  } catch (e) {
    if (e instanceof StatusError) throw e;
    throw new StatusError(400, 'BadRequest', `proto: ${(e as Error).message}`);
  }
}
