// The content hash kustomize appends to generated ConfigMap and Secret names (api/hasher):
// sha256 of Go's json.Marshal of {kind, name, data[, binaryData]} (Secrets: {kind, type, name,
// data[, stringData]}), its first 10 hex digits with 0,1,3,a,e changed to g,h,k,m,t so the
// suffix never looks like a number or a word. The name is always empty: kustomize looks it up
// as the single field "metadata/name", which no object has.
import { createHash } from 'crypto';

function encode(hex: string): string {
  const map: Record<string, string> = { 0: 'g', 1: 'h', 3: 'k', a: 'm', e: 't' };
  return hex.slice(0, 10).replace(/[013ae]/g, (c) => map[c]);
}

const mapOrEmpty = (v: unknown): unknown => (v && typeof v === 'object' && !Array.isArray(v) ? v : v === undefined || v === null ? '' : v);

export function contentHash(obj: any): string {
  const { toCompactJson } = require('../../printers/json');
  let m: Record<string, unknown>;
  if (obj.kind === 'ConfigMap') {
    m = { kind: 'ConfigMap', name: '', data: mapOrEmpty(obj.data) };
    if (obj.binaryData && typeof obj.binaryData === 'object') m.binaryData = obj.binaryData;
  } else if (obj.kind === 'Secret') {
    m = { kind: 'Secret', type: obj.type ?? '', name: '', data: mapOrEmpty(obj.data) };
    if (obj.stringData && typeof obj.stringData === 'object') m.stringData = obj.stringData;
  } else {
    m = obj;
  }
  const json: string = toCompactJson(m, { sortKeys: true });
  return encode(createHash('sha256').update(json, 'utf8').digest('hex'));
}
