// Units of kubesim serve: protobuf request bodies, content negotiation, Status of API errors,
// Tables, discovery and server-side apply.
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { decodeProtobuf } from '../src/apiserver/protobuf';
import { negotiate, statusOf } from '../src/apiserver/respond';
import { toTable } from '../src/apiserver/table';
import { aggregatedDiscovery, resourceList } from '../src/api/discovery';
import { serverSideApply } from '../src/api/apply';
import { ApiError } from '../src/api/types';

// a minimal protobuf writer for the tests
const varint = (n: number): number[] => { const out: number[] = []; let v = BigInt.asUintN(64, BigInt(n)); do { let b = Number(v & 0x7fn); v >>= 7n; if (v) b |= 0x80; out.push(b); } while (v); return out; };
const bytesField = (num: number, b: Buffer | string) => { const buf = Buffer.isBuffer(b) ? b : Buffer.from(b); return Buffer.from([...varint((num << 3) | 2), ...varint(buf.length), ...buf]); };
const intField = (num: number, n: number) => Buffer.from([...varint(num << 3), ...varint(n)]);
const msg = (...parts: Buffer[]) => Buffer.concat(parts);

test('protobuf: the envelope, strings, maps, ints, nested messages, time, int-or-string', () => {
  const meta = msg(bytesField(1, 'web'), bytesField(3, 'default'), bytesField(11, msg(bytesField(1, 'app'), bytesField(2, 'web'))),
    bytesField(8, msg(intField(1, -62135596800))), bytesField(9, msg(intField(1, 1767225600))));
  const port = msg(bytesField(1, 'http'), bytesField(2, 'TCP'), intField(3, 80), bytesField(4, msg(intField(1, 1), bytesField(3, 'web'))));
  const spec = msg(bytesField(1, port), bytesField(2, msg(bytesField(1, 'app'), bytesField(2, 'web'))), bytesField(4, 'ClusterIP'));
  const svc = msg(bytesField(1, meta), bytesField(2, spec));
  const unknown = msg(bytesField(1, msg(bytesField(1, 'v1'), bytesField(2, 'Service'))), bytesField(2, svc));
  const o = decodeProtobuf(Buffer.concat([Buffer.from('k8s\0', 'binary'), unknown]));
  assert.equal(o.apiVersion, 'v1');
  assert.equal(o.kind, 'Service');
  assert.deepEqual(o.metadata.labels, { app: 'web' });
  assert.equal(o.metadata.namespace, 'default');
  // Go's zero time is no timestamp at all; others are RFC 3339
  assert.ok(!('creationTimestamp' in o.metadata));
  assert.equal(o.metadata.deletionTimestamp, '2026-01-01T00:00:00Z');
  assert.deepEqual(o.spec.ports, [{ name: 'http', protocol: 'TCP', port: 80, targetPort: 'web' }]);
  assert.deepEqual(o.spec.selector, { app: 'web' });
  assert.equal(o.spec.type, 'ClusterIP');
  assert.throws(() => decodeProtobuf(Buffer.from('{}')), /does not appear to be a protobuf message/);
});

test('protobuf: embedded Go structs (json inline) come out flat', () => {
  const volume = msg(bytesField(1, 'cache'), bytesField(2, msg(bytesField(2, Buffer.alloc(0)))));
  const pod = msg(bytesField(1, msg(bytesField(1, 'p'))), bytesField(2, msg(bytesField(1, volume))));
  const unknown = msg(bytesField(1, msg(bytesField(1, 'v1'), bytesField(2, 'Pod'))), bytesField(2, pod));
  const o = decodeProtobuf(Buffer.concat([Buffer.from('k8s\0', 'binary'), unknown]));
  assert.deepEqual(o.spec.volumes, [{ name: 'cache', emptyDir: {} }]);
});

test('negotiation: Tables, aggregated discovery, JSON, YAML; nothing acceptable', () => {
  assert.equal(negotiate('application/json;as=Table;v=v1;g=meta.k8s.io,application/json')!.table, true);
  assert.equal(negotiate('application/json;g=apidiscovery.k8s.io;v=v2;as=APIGroupDiscoveryList,application/json')!.discoveryV2, true);
  assert.equal(negotiate('application/vnd.kubernetes.protobuf,application/json')!.wire, 'json');
  assert.equal(negotiate('application/yaml')!.wire, 'yaml');
  assert.equal(negotiate(undefined)!.wire, 'json');
  assert.equal(negotiate('application/vnd.kubernetes.protobuf'), undefined);
});

test('Status of an Invalid error carries the causes with their reasons', () => {
  const st = statusOf(new ApiError('Invalid', 'Service "x" is invalid: spec.ports: Required value', 422, { kind: 'Service', name: 'x', causes: [{ field: 'spec.ports', message: 'Required value' }] })) as any;
  assert.equal(st.code, 422);
  assert.deepEqual(st.details.causes, [{ reason: 'FieldValueRequired', message: 'Required value', field: 'spec.ports' }]);
});

test('Tables: the printer\'s columns, wide ones at priority 1, rows with partial metadata', () => {
  const pod = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default', creationTimestamp: '2026-01-01T00:00:00Z' }, spec: { containers: [{ name: 'c' }] }, status: { phase: 'Pending' } };
  const t = toTable('Pod', [pod], new Date('2026-01-01T00:01:00Z'), { include: 'Metadata' }) as any;
  assert.equal(t.columnDefinitions[0].name, 'Name');
  assert.equal(t.columnDefinitions[0].format, 'name');
  assert.ok(t.columnDefinitions.some((c: any) => c.name === 'IP' && c.priority === 1));
  assert.deepEqual(t.rows[0].cells.slice(0, 5), ['p', '0/1', 'Pending', '0', '60s']);
  assert.deepEqual(t.rows[0].object, { kind: 'PartialObjectMetadata', apiVersion: 'meta.k8s.io/v1', metadata: pod.metadata });
});

test('discovery lists the scale subresource kubectl scale looks for', () => {
  const apps = resourceList('apps', 'v1') as any;
  assert.deepEqual(apps.resources.find((r: any) => r.name === 'deployments/scale'), { name: 'deployments/scale', singularName: '', namespaced: true, group: 'autoscaling', version: 'v1', kind: 'Scale', verbs: ['get', 'patch', 'update'] });
  const core = aggregatedDiscovery(true) as any;
  assert.equal(core.items.length, 1);
  assert.ok(core.items[0].versions[0].resources.some((r: any) => r.resource === 'pods' && r.scope === 'Namespaced'));
});

test('server-side apply: removes what the manager stopped applying, keeps what others own', () => {
  const applied = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'c', labels: { a: '1', b: '2' } }, data: { x: '1' } };
  const created = serverSideApply(undefined, applied, { manager: 'm', force: false, now: 'T' });
  const next = serverSideApply(created, { ...applied, metadata: { name: 'c', labels: { a: '1' } } }, { manager: 'm', force: false, now: 'T' });
  assert.deepEqual(next.metadata.labels, { a: '1' });
  assert.deepEqual(next.data, { x: '1' });
  assert.throws(() => serverSideApply(next, { ...applied, data: { x: '2' } }, { manager: 'other', force: false, now: 'T' }), /Apply failed with 1 conflict: conflict with "m" using v1: \.data\.x/);
});
