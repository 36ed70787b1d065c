// The record of ConfigMap/Secret versions the data plane reads (mount lag, frozen env), and the
// check the kubelet makes before it sets a pod's volumes up.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { KObject } from '../src/api/types';
import { volumeSourcesController, missingVolumeSources, RecordedVersion } from '../src/controllers/volume-sources';
import { sourceAt } from '../src/network/volumes';

const cm = (data: Record<string, string>, created = '2026-01-01T00:00:00Z'): KObject =>
  ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'cfg', namespace: 'default', creationTimestamp: created }, data });

function fakeRound() {
  const rows = new Map<string, unknown>();
  let now = Date.parse('2026-06-01T00:00:00Z');
  const api = { nowMs: () => now, store: { runtime: (k: string) => rows.get(k), setRuntime: (k: string, v: unknown) => { rows.set(k, JSON.parse(JSON.stringify(v))); } } };
  return {
    rows, tick: (ms: number) => { now += ms; }, at: () => now,
    run: (changes: any[]) => volumeSourcesController({ api, changes, due: new Map(), settings: {} as any, memo: new Map() } as any),
  };
}

test('versions are recorded on change (with the one before the first change), not for new objects; deleted and re-created objects continue the record', () => {
  const f = fakeRound();
  f.run([{ type: 'ADDED', obj: cm({ k: 'one' }) }]);
  assert.equal(f.rows.size, 0);
  f.run([{ type: 'MODIFIED', obj: cm({ k: 'two' }), old: cm({ k: 'one' }) }]);
  const t2 = f.at();
  f.tick(1000);
  f.run([{ type: 'MODIFIED', obj: cm({ k: 'two' }), old: cm({ k: 'two' }) }]);
  f.run([{ type: 'DELETED', obj: cm({ k: 'two' }) }]);
  const tDel = f.at();
  f.tick(1000);
  f.run([{ type: 'ADDED', obj: cm({ k: 'three' }) }]);
  const hist = f.rows.get('volsrc:ConfigMap/default/cfg') as RecordedVersion[];
  assert.deepEqual(hist.map((h) => [h.at, h.obj?.data?.k ?? null]), [[Date.parse('2026-01-01T00:00:00Z'), 'one'], [t2, 'two'], [tDel, null], [f.at(), 'three']]);
  const host = { get: () => cm({ k: 'three' }), list: () => [], now: () => new Date(f.at()), sourceHistory: () => hist };
  assert.equal(sourceAt(host, 'ConfigMap', 'default', 'cfg', t2 - 1)?.data?.k, 'one');
  assert.equal(sourceAt(host, 'ConfigMap', 'default', 'cfg', tDel + 1)?.data?.k, 'two');
  assert.equal(sourceAt(host, 'ConfigMap', 'default', 'cfg', f.at())?.data?.k, 'three');
});

test('missing volume sources: required secrets and configMaps (projected too), not optional ones', () => {
  const pod: KObject = { apiVersion: 'v1', kind: 'Pod', metadata: { name: 'p', namespace: 'default' }, spec: { containers: [], volumes: [
    { name: 'a', secret: { secretName: 's' } }, { name: 'b', configMap: { name: 'there' } }, { name: 'c', configMap: { name: 'gone', optional: true } },
    { name: 'd', projected: { sources: [{ serviceAccountToken: { path: 'token' } }, { configMap: { name: 'kube-root-ca.crt' } }] } }, { name: 'e', emptyDir: {} },
  ] } };
  const have = new Set(['ConfigMap/there']);
  assert.deepEqual(missingVolumeSources({ get: (k, _ns, n) => (have.has(`${k}/${n}`) ? ({} as KObject) : undefined) }, pod),
    [{ volume: 'a', kind: 'secret', name: 's' }, { volume: 'd', kind: 'configmap', name: 'kube-root-ca.crt' }]);
});
