// kubectl describe and the server's Table columns for the admissionregistration, apiregistration,
// certificates, flowcontrol, node and CSI storage kinds (and autoscaling/v1 HPAs). The describe
// goldens are the real kubectl 1.32's output for the same objects (test/golden/kinds/_record.mjs);
// the table cells are worked out by hand from printers.go 1.32 (kube-aggregator for APIService).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { ClusterReader, KObject } from '../src/api/types';
import { describeObject, joinDescriptions } from '../src/printers/describe/index';
import { tableFor } from '../src/printers/table/index';
import { resolveResource } from '../src/api/kinds';
import { toV1, toV2 } from '../src/api/kinds-more/hpa-v1';
import { parseCSR } from '../src/api/kinds-more/x509';

process.env.TZ = 'UTC';
const dir = path.join(__dirname, '..', '..', 'test', 'golden', 'kinds');
const objects: KObject[] = JSON.parse(fs.readFileSync(path.join(dir, 'cluster.json'), 'utf8')).items;
const cases: { args: string[]; stdout: string; stderr: string; exit: number }[] = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8'));

const reader: ClusterReader = {
  get: (kind, ns, name) => objects.find((o) => o.kind === kind && o.metadata.name === name && (o.metadata.namespace ?? '') === (ns ?? '')),
  list: (kind, ns) => objects.filter((o) => o.kind === kind && (ns === undefined || (o.metadata.namespace ?? '') === ns)),
  now: () => new Date(),
};

for (const c of cases.filter((x) => x.args[0] === 'describe')) {
  test(`kubectl ${c.args.join(' ')}`, () => {
    const info = resolveResource(c.args[1])!;
    assert.ok(info, c.args[1]);
    const ns = info.namespaced ? 'default' : undefined;
    const found = c.args[2] ? [reader.get(info.kind, ns, c.args[2])!] : reader.list(info.kind, ns).sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : 1));
    assert.ok(found.every(Boolean));
    assert.equal(joinDescriptions(found.map((o) => describeObject(o, reader, { showEvents: true }))), c.stdout);
  });
}

const byName = (kind: string, name: string) => objects.find((o) => o.kind === kind && o.metadata.name === name)!;
const cells = (kind: string, name: string) => { const t = tableFor(kind, [byName(kind, name)], new Date(Date.parse(byName(kind, name).metadata.creationTimestamp!) + 90_000)); return t.rows[0]; };
const header = (kind: string) => tableFor(kind, [], new Date()).columns.map((c) => c.name + (c.priority ? '*' : ''));

test('table columns are printers.go 1.32 ones', () => {
  assert.deepEqual(header('CertificateSigningRequest'), ['Name', 'Age', 'SignerName', 'Requestor', 'RequestedDuration', 'Condition']);
  assert.deepEqual(header('FlowSchema'), ['Name', 'PriorityLevel', 'MatchingPrecedence', 'DistinguisherMethod', 'Age', 'MissingPL']);
  assert.deepEqual(header('PriorityLevelConfiguration'), ['Name', 'Type', 'NominalConcurrencyShares', 'Queues', 'HandSize', 'QueueLengthLimit', 'Age']);
  assert.deepEqual(header('CSIDriver'), ['Name', 'AttachRequired', 'PodInfoOnMount', 'StorageCapacity', 'TokenRequests', 'RequiresRepublish', 'Modes', 'Age']);
  assert.deepEqual(header('VolumeAttachment'), ['Name', 'Attacher', 'PV', 'Node', 'Attached', 'Age']);
  assert.deepEqual(header('APIService'), ['Name', 'Service', 'Available', 'Age']);
  assert.deepEqual(header('ValidatingAdmissionPolicyBinding'), ['Name', 'PolicyName', 'ParamRef', 'Age']);
  assert.deepEqual(header('CSIStorageCapacity'), ['Name', 'StorageClassName', 'Capacity']);
});

test('table cells, worked out from printers.go', () => {
  assert.deepEqual(cells('CertificateSigningRequest', 'alice'), ['alice', '90s', 'kubernetes.io/kube-apiserver-client', 'kubernetes-admin', '24h', 'Approved,Issued']);
  assert.deepEqual(cells('CertificateSigningRequest', 'bob'), ['bob', '90s', 'example.com/custom', 'kubernetes-admin', '<none>', 'Denied']);
  assert.deepEqual(cells('CertificateSigningRequest', 'node-csr'), ['node-csr', '90s', 'kubernetes.io/kubelet-serving', 'kubernetes-admin', '60m', 'Pending']);
  assert.deepEqual(cells('ValidatingWebhookConfiguration', 'pod-policy.example.com'), ['pod-policy.example.com', '2', '90s']);
  assert.deepEqual(cells('ValidatingAdmissionPolicy', 'replica-limit'), ['replica-limit', '2', 'v1/ConfigMap', '90s']);
  assert.deepEqual(cells('ValidatingAdmissionPolicy', 'no-latest'), ['no-latest', '1', '<unset>', '90s']);
  assert.deepEqual(cells('ValidatingAdmissionPolicyBinding', 'replica-limit-binding'), ['replica-limit-binding', 'replica-limit', 'default/limits', '90s']);
  assert.deepEqual(cells('ValidatingAdmissionPolicyBinding', 'selector-binding'), ['selector-binding', 'replica-limit', 'tier=limits', '90s']);
  assert.deepEqual(cells('ValidatingAdmissionPolicyBinding', 'no-latest-binding'), ['no-latest-binding', 'no-latest', '<unset>', '90s']);
  assert.deepEqual(cells('CSIDriver', 'hostpath.csi.k8s.io'), ['hostpath.csi.k8s.io', 'false', 'true', 'false', 'vault,gcp', 'false', 'Persistent,Ephemeral', '90s']);
  assert.deepEqual(cells('CSIDriver', 'ebs.csi.aws.com'), ['ebs.csi.aws.com', 'true', 'false', 'false', '<unset>', 'false', 'Persistent', '90s']);
  assert.deepEqual(cells('VolumeAttachment', 'csi-0123456789abcdef'), ['csi-0123456789abcdef', 'ebs.csi.aws.com', 'pv-data', 'kind-worker', 'false', '90s']);
  assert.deepEqual(cells('CSIStorageCapacity', 'capacity-worker'), ['capacity-worker', 'standard', '100Gi']);
  assert.deepEqual(cells('CSINode', 'kind-worker'), ['kind-worker', '0', '90s']);
  assert.deepEqual(cells('RuntimeClass', 'gvisor'), ['gvisor', 'runsc', '90s']);
  assert.deepEqual(cells('PriorityLevelConfiguration', 'batch-low'), ['batch-low', 'Limited', '5', '16', '8', '50', '90s']);
  assert.deepEqual(cells('PriorityLevelConfiguration', 'exempt'), ['exempt', 'Exempt', '<none>', '<none>', '<none>', '<none>', '90s']);
  assert.deepEqual(cells('PriorityLevelConfiguration', 'catch-all'), ['catch-all', 'Limited', '5', '<none>', '<none>', '<none>', '90s']);
  assert.deepEqual(cells('FlowSchema', 'exempt'), ['exempt', 'exempt', '1', '<none>', '90s', 'False']);
  assert.deepEqual(cells('FlowSchema', 'batch-jobs'), ['batch-jobs', 'batch-low', '1000', 'ByNamespace', '90s', 'False']);
  assert.deepEqual(cells('APIService', 'v1.apps'), ['v1.apps', 'Local', 'True', '90s']);
  assert.deepEqual(cells('APIService', 'v1beta1.metrics.k8s.io'), ['v1beta1.metrics.k8s.io', 'kube-system/metrics-server', 'False (ServiceNotFound)', '90s']);
});

test('flow schemas list in matching precedence, then name (FlowSchemaSequence)', () => {
  const fs = objects.filter((o) => o.kind === 'FlowSchema').slice().reverse();
  const rows = tableFor('FlowSchema', fs, new Date()).rows.map((r) => `${r[2]} ${r[0]}`);
  assert.deepEqual(rows.slice(0, 3), ['1 exempt', '2 probes', '100 system-leader-election']);
  assert.deepEqual(rows.slice(7, 10), ['800 kube-controller-manager', '800 kube-scheduler', '900 kube-system-service-accounts']);
  assert.equal(rows[rows.length - 1], '10000 catch-all');
});

test('autoscaling/v1 <-> v2: the CPU target, and the rest in annotations', () => {
  const v2 = byName('HorizontalPodAutoscaler', 'web');
  assert.equal(v2.apiVersion, 'autoscaling/v2');
  assert.deepEqual(v2.spec.metrics, [{ type: 'Resource', resource: { name: 'cpu', target: { type: 'Utilization', averageUtilization: 50 } } }]);
  const v1 = toV1({ ...v2, spec: { ...v2.spec, metrics: [...v2.spec.metrics, { type: 'Resource', resource: { name: 'memory', target: { type: 'AverageValue', averageValue: '100Mi' } } }], behavior: { scaleDown: { stabilizationWindowSeconds: 60 } } } });
  assert.equal(v1.spec.targetCPUUtilizationPercentage, 50);
  assert.equal(v1.metadata.annotations!['autoscaling.alpha.kubernetes.io/metrics'], '[{"type":"Resource","resource":{"name":"memory","targetAverageValue":"100Mi"}}]');
  assert.equal(v1.metadata.annotations!['autoscaling.alpha.kubernetes.io/behavior'], '{"scaleDown":{"stabilizationWindowSeconds":60}}');
  const back = toV2(v1);
  assert.deepEqual(back.spec.metrics.map((m: any) => m.resource.name), ['memory', 'cpu']);
  assert.deepEqual(back.spec.behavior, { scaleDown: { stabilizationWindowSeconds: 60 } });
  assert.equal(back.metadata.annotations?.['autoscaling.alpha.kubernetes.io/metrics'], undefined);
  // no target at all: the v1 conversion's default of 80% CPU
  assert.deepEqual(toV2({ apiVersion: 'autoscaling/v1', kind: 'HorizontalPodAutoscaler', metadata: { name: 'x' }, spec: { maxReplicas: 3 } } as any).spec.metrics[0].resource.target, { type: 'Utilization', averageUtilization: 80 });
});

test('a CSR request: subject and SANs as crypto/x509 reads them; non-CSR PEM refused as kubectl says', () => {
  const alice = parseCSR(Buffer.from(byName('CertificateSigningRequest', 'alice').spec.request, 'base64'));
  assert.equal(alice.subject.commonName, 'alice');
  assert.deepEqual(alice.subject.organization, ['dev', 'ops']);
  assert.deepEqual(alice.ipAddresses, ['10.0.0.7', 'fd00::7']);
  assert.deepEqual(alice.uris, ['spiffe://example.com/alice']);
  assert.throws(() => parseCSR('-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n'), /PEM block type must be CERTIFICATE REQUEST/);
});
