// Reading -f FILE|DIR|- the way kubectl's resource builder does: directories (files ending in
// .json, .yaml, .yml; subdirectories with -R), stdin, YAML streams split at `---`, JSON streams,
// and List objects flattened into their items. Errors carry kubectl's wording; an error in a
// stream stops that stream (the documents before it are still used), as the builder does.
import { scanJsonValue, skipWs, JsonSyntaxError } from '../api/gojson';
import * as fs from 'fs';
import * as path from 'path';
import { CliError, KObject } from '../api/types';
import { kindForManifest, KindInfo, KINDS } from '../api/kinds';
import { readStdin } from './io';

/** One problem found while reading; printed at the end as kubectl prints aggregated errors. */
export interface ReadError {
  message: string;
  /** printed without the `error: ` prefix even when it is the only error (nested aggregates) */
  nested?: boolean;
}

export interface ManifestObject {
  /** the file as the user named it (`./x.yaml`, `dir/x.yaml`), or STDIN */
  source: string;
  obj: KObject;
  info: KindInfo;
}

/** What the builder visits, in order: objects, and errors where an object would have been. */
export type Visit = { object: ManifestObject } | { error: ReadError };

export interface ReadOptions { filenames: string[]; recursive: boolean }

const EXTENSIONS = ['.json', '.yaml', '.yml'];

/** The files named by -f, in the builder's order. Missing paths are an immediate error. */
function expandPaths(filenames: string[], recursive: boolean): string[] {
  const out: string[] = [];
  for (const f of filenames) {
    if (f === '-') { out.push('-'); continue; }
    if (/^https?:\/\//.test(f)) { out.push(f); continue; }
    let st: fs.Stats;
    try { st = fs.statSync(f); } catch { throw new CliError(`the path "${f}" does not exist`); }
    if (!st.isDirectory()) { out.push(f); continue; }
    const walk = (dir: string) => {
      for (const name of fs.readdirSync(dir).sort()) {
        const p = path.join(dir, name);
        if (fs.statSync(p).isDirectory()) { if (recursive) walk(p); continue; }
        if (EXTENSIONS.includes(path.extname(name))) out.push(p);
      }
    };
    walk(f);
  }
  return out;
}

function readSource(f: string): string {
  if (f === '-') {
    return readStdin();
  }
  if (/^https?:\/\//.test(f)) {
    const host = f.replace(/^https?:\/\//, '').split('/')[0];
    throw new CliError(`unable to read URL "${f}", server reported Get "${f}": dial tcp: lookup ${host}: no such host, status code=0`);
  }
  return fs.readFileSync(f, 'utf8');
}

/** Visit every object of every -f source. */
export function* visitManifests(opts: ReadOptions): Generator<Visit> {
  const files = expandPaths(opts.filenames, opts.recursive);
  for (const f of files) {
    const source = f === '-' ? 'STDIN' : f;
    const text = readSource(f);
    yield* visitStream(text, source);
  }
}

/** Visit the documents of one stream (YAML or JSON). */
export function* visitStream(text: string, source: string): Generator<Visit> {
  const docs = isJsonStream(text) ? jsonDocuments(text) : yamlDocuments(text);
  try {
    for (const raw of docs) {
      if (raw === null || raw === undefined) continue;
      if ((raw as any).decodeError) { yield { error: { message: `unable to decode "${source}": ${(raw as any).decodeError}` } }; continue; }
      yield* toObjects(raw.value, raw.json, source);
    }
  } catch (e: any) {
    if (e instanceof StreamError) { yield { error: { message: `error parsing ${source}: ${e.message}` } }; return; }
    throw e;
  }
}

class StreamError extends Error {}

/** A number literal JSON.parse cannot hold as Go does: a float, or 16 digits or more. */
const GO_NUMBERS = /[:\[,][ \t\r\n]*-?\d+(?:[.eE]|\d{15})/;

function isJsonStream(text: string): boolean {
  const m = /^[ \t\r\n]*(.)/.exec(text.slice(0, 4096));
  return !!m && m[1] === '{';
}

interface RawDoc { value: unknown; json: string }

function* yamlDocuments(text: string): Generator<RawDoc | null> {
  const { splitYamlDocuments, parseYaml, YamlError } = require('../api/goyaml') as typeof import('../api/goyaml');
  const it = splitYamlDocuments(text);
  for (;;) {
    let chunk: IteratorResult<string>;
    try { chunk = it.next(); } catch (e: any) { if (e instanceof YamlError) throw new StreamError(e.message); throw e; }
    if (chunk.done) return;
    let value: unknown;
    try { value = parseYaml(chunk.value); } catch (e: any) {
      if (e instanceof YamlError) throw new StreamError(`error converting YAML to JSON: ${e.message}`);
      throw e;
    }
    if (value === null) { yield null; continue; }
    yield { value, json: goCompactJson(value) };
  }
}

function* jsonDocuments(text: string): Generator<RawDoc | null> {
  const buf = Buffer.from(text, 'utf8');
  let i = 0;
  for (;;) {
    i = skipWs(buf, i);
    if (i >= buf.length) return;
    let end: number;
    try { end = scanJsonValue(buf, i); } catch (e) { if (e instanceof JsonSyntaxError) throw new StreamError(e.message); throw e; }
    const raw = buf.subarray(i, end).toString('utf8');
    i = end;
    if (raw === 'null') { yield null; continue; }
    let overflow = false;
    const value = JSON.parse(raw, (_k, x) => { if (x === Infinity || x === -Infinity) overflow = true; return x; });
    if (overflow) { yield { decodeError: `json: cannot unmarshal number ${overflowingNumber(raw)} into Go value of type float64` } as any; continue; }
    // numbers as Go's unstructured decoding types them (exact int64, integral float64s)
    yield { value: GO_NUMBERS.test(raw) ? (require('../api/gonumber') as typeof import('../api/gonumber')).parseJsonGo(raw) : value, json: raw };
  }
}


/** The first number literal of a JSON text that overflows a float64 (outside strings). */
function overflowingNumber(raw: string): string {
  const re = /"(?:[^"\\]|\\.)*"|-?\d+(?:\.\d+)?(?:[eE][-+]?\d+)?/g;
  for (let m = re.exec(raw); m; m = re.exec(raw)) if (m[0][0] !== '"' && !Number.isFinite(Number(m[0]))) return m[0];
  return '';
}

/** Go's json.Marshal of a map (keys sorted), as YAMLToJSON produces it. */
export function goCompactJson(v: unknown): string {
  const { toCompactJson } = require('../printers/json');
  try {
    return toCompactJson(v, { sortKeys: true });
  } catch (e) {
    if (e instanceof RangeError) return deepCompactJson(v);
    throw e;
  }
}

/** The same as goCompactJson without recursion, for documents nested deeper than the JS stack
 *  allows (go-yaml and encoding/json accept 10,000 levels). */
function deepCompactJson(root: unknown): string {
  const { goJsonString, goJsonNumber, sortedKeys } = require('../printers/json') as typeof import('../printers/json');
  const parts: string[] = [];
  // each entry: a value to write, or a literal string to emit
  const work: ({ v: unknown } | string)[] = [{ v: root }];
  while (work.length) {
    const w = work.pop()!;
    if (typeof w === 'string') { parts.push(w); continue; }
    const v = w.v;
    if (v === null || v === undefined) parts.push('null');
    else if (typeof v === 'string') parts.push(goJsonString(v));
    else if (typeof v === 'number' || typeof v === 'bigint') parts.push(goJsonNumber(v));
    else if (typeof v === 'boolean') parts.push(v ? 'true' : 'false');
    else if (Array.isArray(v)) {
      parts.push('[');
      work.push(']');
      for (let i = v.length - 1; i >= 0; i--) { work.push({ v: v[i] }); if (i) work.push(','); }
    } else {
      const keys = sortedKeys(v as object).filter((k) => (v as any)[k] !== undefined);
      parts.push('{');
      work.push('}');
      for (let i = keys.length - 1; i >= 0; i--) { work.push({ v: (v as any)[keys[i]] }); work.push((i ? ',' : '') + goJsonString(keys[i]) + ':'); }
    }
  }
  return parts.join('');
}

function goTypeName(v: unknown): string {
  if (v === null) return 'null';
  if (typeof v === 'bigint' || (typeof v === 'object' && v instanceof (require('../api/gonumber') as typeof import('../api/gonumber')).GoFloat)) return 'number';
  if (Array.isArray(v)) return 'array';
  if (typeof v === 'object') return 'object';
  return typeof v === 'boolean' ? 'bool' : typeof v;
}

const isListKind = (kind: unknown, v: any) => typeof kind === 'string' && kind.endsWith('List') && v && Array.isArray(v.items);

/** Decode one document into objects, as infoForData does (metadata checked as typed fields). */
function* toObjects(value: unknown, json: string, source: string, inList = false): Generator<Visit> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) {
    yield { error: { message: `unable to decode "${source}": json: cannot unmarshal ${goTypeName(value)} into Go value of type unstructured.detector` } };
    return;
  }
  const v = value as Record<string, any>;
  for (const f of ['apiVersion', 'kind'] as const) {
    if (v[f] !== undefined && v[f] !== null && typeof v[f] !== 'string') {
      yield { error: { message: `unable to decode "${source}": json: cannot unmarshal ${goTypeName(v[f])} into Go struct field metadataOnlyObject.${f} of type string` } };
      return;
    }
  }
  if (!v.kind) {
    yield { error: { message: `unable to decode "${source}": Object 'Kind' is missing in '${json}'` } };
    return;
  }
  if (isListKind(v.kind, v)) {
    for (const item of v.items) {
      yield* toObjects(item, goCompactJson(item), source, true);
    }
    return;
  }
  const metaErr = checkMetadata(v.metadata);
  if (metaErr) { yield { error: { message: `unable to decode "${source}": ${metaErr}` } }; return; }
  const apiVersion: string = v.apiVersion ?? '';
  // no apiVersion: the REST mapper looks in the core group only (a Service is found, a Deployment not)
  const info = apiVersion ? kindForManifest(apiVersion, v.kind) : KINDS.find((k) => k.kind === v.kind && k.group === '');
  if (!info) {
    const version = apiVersion.includes('/') ? apiVersion : apiVersion;
    const msg = `no matches for kind "${v.kind}" in version "${version}"`;
    if (inList) yield { error: { message: `unable to recognize ${msg}`, nested: true } };
    else {
      const name = v.metadata?.name ?? '';
      const ns = v.metadata?.namespace ?? '';
      yield { error: { message: `resource mapping not found for name: "${name}" namespace: "${ns}" from "${source}": ${msg}\nensure CRDs are installed first` } };
    }
    return;
  }
  const obj = v as KObject;
  if (!obj.metadata) obj.metadata = {} as any;
  yield { object: { source, obj, info } };
}

/** The typed decoding of metadata (metadataOnlyObject): wrong types are decode errors. */
function checkMetadata(m: unknown): string | undefined {
  if (m === undefined || m === null) return undefined;
  if (typeof m !== 'object' || Array.isArray(m)) return `json: cannot unmarshal ${goTypeName(m)} into Go struct field metadataOnlyObject.metadata of type v1.ObjectMeta`;
  const o = m as Record<string, unknown>;
  for (const f of ['name', 'generateName', 'namespace', 'selfLink', 'uid', 'resourceVersion']) {
    const x = o[f];
    if (x !== undefined && x !== null && typeof x !== 'string') return `json: cannot unmarshal ${goTypeName(x)} into Go struct field ObjectMeta.metadata.${f} of type string`;
  }
  for (const f of ['labels', 'annotations']) {
    const x = o[f];
    if (x === undefined || x === null) continue;
    if (typeof x !== 'object' || Array.isArray(x)) return `json: cannot unmarshal ${goTypeName(x)} into Go struct field ObjectMeta.metadata.${f} of type map[string]string`;
    for (const val of Object.values(x as object)) {
      if (val !== null && typeof val !== 'string') return `json: cannot unmarshal ${goTypeName(val)} into Go struct field ObjectMeta.metadata.${f} of type string`;
    }
  }
  return undefined;
}

/** All visits of -f, for verbs that need the whole list first. */
export function readManifests(opts: ReadOptions): Visit[] {
  return [...visitManifests(opts)];
}
