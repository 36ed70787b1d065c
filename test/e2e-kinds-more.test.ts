// The kinds a kind v1.32 cluster serves beyond the core ones: discovery (api-resources,
// api-versions, serve's documents), what a new cluster has (flow schemas, priority levels,
// APIServices, a CSINode per node), CertificateSigningRequests with `kubectl certificate
// approve|deny`, autoscaling/v1 beside v2, and the API server's validation messages.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster, ROOT } from './helpers/kubectl';
import { apiGroupList, resourceList, aggregatedDiscovery } from '../src/api/discovery';

const c = cluster();
after(() => c.cleanup());
const objects = path.join(ROOT, 'test', 'golden', 'kinds', 'objects.yaml');

test('api-resources lists the new groups as a kind v1.32 cluster does', () => {
  const r = c.k('api-resources', '--api-group=admissionregistration.k8s.io', '-o', 'wide');
  assert.equal(r.stdout, [
    'NAME                                SHORTNAMES   APIVERSION                        NAMESPACED   KIND                               VERBS                                                        CATEGORIES',
    'mutatingwebhookconfigurations                    admissionregistration.k8s.io/v1   false        MutatingWebhookConfiguration       create,delete,deletecollection,get,list,patch,update,watch   api-extensions',
    'validatingadmissionpolicies                      admissionregistration.k8s.io/v1   false        ValidatingAdmissionPolicy          create,delete,deletecollection,get,list,patch,update,watch   api-extensions',
    'validatingadmissionpolicybindings                admissionregistration.k8s.io/v1   false        ValidatingAdmissionPolicyBinding   create,delete,deletecollection,get,list,patch,update,watch   api-extensions',
    'validatingwebhookconfigurations                  admissionregistration.k8s.io/v1   false        ValidatingWebhookConfiguration     create,delete,deletecollection,get,list,patch,update,watch   api-extensions',
    ''].join('\n'));
  const storage = c.k('api-resources', '--api-group=storage.k8s.io').stdout;
  assert.match(storage, /^csidrivers +storage\.k8s\.io\/v1 +false +CSIDriver$/m);
  assert.match(storage, /^csistoragecapacities +storage\.k8s\.io\/v1 +true +CSIStorageCapacity$/m);
  assert.match(storage, /^volumeattachments +storage\.k8s\.io\/v1 +false +VolumeAttachment$/m);
  assert.match(c.k('api-resources').stdout, /^certificatesigningrequests +csr +certificates\.k8s\.io\/v1 +false +CertificateSigningRequest$/m);
  // the preferred version only: one horizontalpodautoscalers line, autoscaling/v2
  assert.deepEqual(c.k('api-resources', '--api-group=autoscaling', '-o', 'name').stdout, 'horizontalpodautoscalers.autoscaling\n');
  assert.equal(c.k('api-resources', '--api-group=node.k8s.io', '--no-headers').stdout.trim().split(/ +/).join(' '), 'runtimeclasses node.k8s.io/v1 false RuntimeClass');
});

test('api-versions: every served group/version, autoscaling/v1 and v2 both', () => {
  const v = c.k('api-versions').stdout.split('\n');
  for (const gv of ['admissionregistration.k8s.io/v1', 'apiregistration.k8s.io/v1', 'authentication.k8s.io/v1', 'authorization.k8s.io/v1', 'autoscaling/v1', 'autoscaling/v2',
    'certificates.k8s.io/v1', 'flowcontrol.apiserver.k8s.io/v1', 'node.k8s.io/v1', 'storage.k8s.io/v1', 'v1']) assert.ok(v.includes(gv), gv);
  assert.deepEqual(v.slice(0, -1), v.slice(0, -1).slice().sort());
});

test("serve's discovery: autoscaling serves v2 (preferred) and v1; the new groups have their resources", () => {
  const auto = (apiGroupList() as any).groups.find((g: any) => g.name === 'autoscaling');
  assert.deepEqual(auto.versions.map((v: any) => v.groupVersion), ['autoscaling/v2', 'autoscaling/v1']);
  assert.equal(auto.preferredVersion.groupVersion, 'autoscaling/v2');
  assert.deepEqual((resourceList('autoscaling', 'v1') as any).resources.map((r: any) => r.name), ['horizontalpodautoscalers', 'horizontalpodautoscalers/status']);
  assert.deepEqual((resourceList('certificates.k8s.io', 'v1') as any).resources.map((r: any) => r.name),
    ['certificatesigningrequests', 'certificatesigningrequests/approval', 'certificatesigningrequests/status']);
  const agg = (aggregatedDiscovery(false) as any).items.find((i: any) => i.metadata.name === 'autoscaling');
  assert.deepEqual(agg.versions.map((v: any) => v.version), ['v2', 'v1']);
});

test('a new cluster has the API Priority and Fairness objects, the Local APIServices and a CSINode per node', () => {
  const fs1 = c.k('get', 'flowschemas').stdout.split('\n');
  assert.equal(fs1[0].split(/ +/).join(' '), 'NAME PRIORITYLEVEL MATCHINGPRECEDENCE DISTINGUISHERMETHOD AGE MISSINGPL');
  assert.deepEqual(fs1.slice(1, -1).map((l) => l.split(/ +/)[0]), ['exempt', 'probes', 'system-leader-election', 'endpoint-controller', 'workload-leader-election',
    'system-node-high', 'system-nodes', 'kube-controller-manager', 'kube-scheduler', 'kube-system-service-accounts', 'service-accounts', 'global-default', 'catch-all']);
  assert.match(c.k('get', 'prioritylevelconfigurations', 'exempt', 'workload-low').stdout, /^exempt +Exempt +<none> +<none> +<none> +<none> +\S+\nworkload-low +Limited +100 +128 +6 +50 +\S+\n$/m);
  const api = c.k('get', 'apiservices', '--no-headers').stdout.trim().split('\n');
  assert.equal(api.length, 20);
  assert.match(api[0], /^v1\. +Local +True +\S+$/);
  assert.match(api[api.length - 1], /^v2\.autoscaling +Local +True +\S+$/);
  assert.deepEqual(c.k('get', 'csinodes', '-o', 'name').stdout, 'csinode.storage.k8s.io/kind-control-plane\ncsinode.storage.k8s.io/kind-worker\ncsinode.storage.k8s.io/kind-worker2\n');
  // the kubelet of a new node registers its CSINode; a removed node's goes with it (owner reference)
  assert.equal(c.ks('node', 'add', 'kind-worker3').code, 0);
  assert.equal(c.k('get', 'csinode', 'kind-worker3', '-o', 'jsonpath={.metadata.ownerReferences[0].kind}/{.metadata.ownerReferences[0].name}').stdout, 'Node/kind-worker3');
  assert.equal(c.ks('node', 'remove', 'kind-worker3').code, 0);
  assert.match(c.k('get', 'csinode', 'kind-worker3').stderr, /csinodes\.storage\.k8s\.io "kind-worker3" not found/);
});

test('the objects of every new kind are accepted, defaulted, and listed as the real kubectl names them', () => {
  const r = c.k('apply', '-f', objects);
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /^volumeattachment\.storage\.k8s\.io\/csi-0123456789abcdef created$/m);
  assert.match(r.stdout, /^horizontalpodautoscaler\.autoscaling\/web created$/m);
  assert.equal(c.k('certificate', 'approve', 'alice').stdout, 'certificatesigningrequest.certificates.k8s.io/alice approved\n');
  assert.equal(c.k('certificate', 'deny', 'bob').stdout, 'certificatesigningrequest.certificates.k8s.io/bob denied\n');
  const golden = JSON.parse(fs.readFileSync(path.join(ROOT, 'test', 'golden', 'kinds', 'cases.json'), 'utf8')).find((x: any) => x.args[0] === 'get');
  assert.equal(c.k(...golden.args).stdout, golden.stdout);
  // the api-extensions category, in the API server's group order (APIServices first)
  const ext = c.k('get', 'api-extensions', '-o', 'name').stdout.split('\n');
  assert.equal(ext[0], 'apiservice.apiregistration.k8s.io/v1.');
  assert.ok(ext.includes('validatingwebhookconfiguration.admissionregistration.k8s.io/pod-policy.example.com'));
  assert.ok(ext.indexOf('mutatingwebhookconfiguration.admissionregistration.k8s.io/sidecar-injector') > ext.indexOf('apiservice.apiregistration.k8s.io/v2.autoscaling'));
  // defaults of the 1.32 API server
  const vwc = JSON.parse(c.k('get', 'validatingwebhookconfiguration', 'pod-policy.example.com', '-o', 'json').stdout);
  assert.deepEqual([vwc.webhooks[0].failurePolicy, vwc.webhooks[0].matchPolicy, vwc.webhooks[0].clientConfig.service.port, vwc.webhooks[1].timeoutSeconds, vwc.webhooks[1].rules[0].scope, vwc.metadata.generation],
    ['Fail', 'Equivalent', 443, 10, '*', 1]);
  assert.equal(c.k('get', 'mutatingwebhookconfiguration', 'sidecar-injector', '-o', 'jsonpath={.webhooks[0].reinvocationPolicy}').stdout, 'Never');
  assert.equal(c.k('get', 'csidriver', 'ebs.csi.aws.com', '-o', 'jsonpath={.spec}').stdout,
    '{"attachRequired":true,"fsGroupPolicy":"ReadWriteOnceWithFSType","podInfoOnMount":false,"requiresRepublish":false,"seLinuxMount":false,"storageCapacity":false,"volumeLifecycleModes":["Persistent"]}');
  assert.equal(c.k('get', 'prioritylevelconfiguration', 'batch-low', '-o', 'jsonpath={.spec.limited}').stdout,
    '{"lendablePercent":0,"limitResponse":{"queuing":{"handSize":8,"queueLengthLimit":50,"queues":16},"type":"Queue"},"nominalConcurrencyShares":5}');
  assert.equal(c.k('get', 'apiservice', 'v1beta1.metrics.k8s.io', '--no-headers').stdout.split(/ +/).slice(0, 4).join(' '), 'v1beta1.metrics.k8s.io kube-system/metrics-server False (ServiceNotFound)');
});

test('kubectl certificate approve|deny: conditions, CONDITION column, refusals and --force', () => {
  assert.match(c.k('get', 'csr').stdout, /^alice +\S+ +kubernetes\.io\/kube-apiserver-client +kubernetes-admin +24h +Approved,Issued\nbob +\S+ +example\.com\/custom +kubernetes-admin +<none> +Denied\nnode-csr +\S+ +kubernetes\.io\/kubelet-serving +kubernetes-admin +60m +Pending\n$/m);
  const cond = JSON.parse(c.k('get', 'csr', 'alice', '-o', 'jsonpath={.status.conditions[0]}').stdout);
  assert.deepEqual([cond.type, cond.status, cond.reason, cond.message], ['Approved', 'True', 'KubectlApprove', 'This CSR was approved by kubectl certificate approve.']);
  assert.ok(cond.lastUpdateTime && cond.lastTransitionTime);
  let r = c.k('certificate', 'deny', 'alice');
  assert.deepEqual([r.stdout, r.stderr, r.code], ['', 'error: certificate signing request "alice" is already Approved\n', 1]);
  r = c.k('certificate', 'approve', 'alice', 'nope');
  assert.deepEqual([r.stdout, r.stderr, r.code], ['certificatesigningrequest.certificates.k8s.io/alice approved\n', 'Error from server (NotFound): certificatesigningrequests.certificates.k8s.io "nope" not found\n', 1]);
  r = c.k('certificate', 'approve');
  assert.deepEqual([r.stdout, r.stderr, r.code], ['', 'error: one or more CSRs must be specified as <name> or -f <filename>\n', 1]);
  // already approved: nothing written unless --force, which adds nothing new either
  const rv = c.k('get', 'csr', 'alice', '-o', 'jsonpath={.metadata.resourceVersion}').stdout;
  assert.equal(c.k('certificate', 'approve', 'alice').code, 0);
  assert.equal(c.k('get', 'csr', 'alice', '-o', 'jsonpath={.metadata.resourceVersion}').stdout, rv);
  assert.equal(c.k('certificate', 'approve', 'node-csr', '-o', 'name').stdout, 'certificatesigningrequest.certificates.k8s.io/node-csr\n');
  // kube-controller-manager's signer issues the kubelet-serving certificate too
  assert.match(c.k('get', 'csr', 'node-csr').stdout, /Approved,Issued\n$/);
  assert.equal(c.k('certificate').code, 0);
  assert.match(c.k('certificate').stdout, /^Modify certificate resources\./);
});

test('the csrsigning controller: a certificate from the cluster CA; a usage the signer refuses fails the request', () => {
  const pem = Buffer.from(c.k('get', 'csr', 'alice', '-o', 'jsonpath={.status.certificate}').stdout, 'base64').toString('utf8');
  assert.match(pem, /^-----BEGIN CERTIFICATE-----\n[\s\S]+\n-----END CERTIFICATE-----\n$/);
  const crypto = require('crypto') as typeof import('crypto');
  const cert = new crypto.X509Certificate(pem);
  const ca = new crypto.X509Certificate(fs.readFileSync(path.join(c.home, 'pki', 'ca.crt')));
  assert.ok(cert.verify(ca.publicKey), 'signed by the cluster CA');
  assert.equal(cert.subject, 'C=US\nST=CA\nL=SF\nO=dev\nO=ops\nOU=platform\nCN=alice');
  assert.match(cert.subjectAltName ?? '', /DNS:alice\.example\.com/);
  assert.ok(Math.abs(Date.parse(cert.validTo) - Date.parse(cert.validFrom) - (86400 + 300) * 1000) < 2000, `${cert.validFrom} .. ${cert.validTo}`);
  assert.equal(cert.keyUsage?.join(','), '1.3.6.1.5.5.7.3.2');
  // a client signer asked for server auth: Failed, not issued
  const csr = JSON.parse(c.k('get', 'csr', 'alice', '-o', 'json').stdout);
  const bad = { apiVersion: 'certificates.k8s.io/v1', kind: 'CertificateSigningRequest', metadata: { name: 'wrong-usage' }, spec: { request: csr.spec.request, signerName: 'kubernetes.io/kube-apiserver-client', usages: ['server auth'] } };
  assert.equal(c.kIn(JSON.stringify(bad), 'apply', '-f', '-').code, 0);
  assert.equal(c.k('certificate', 'approve', 'wrong-usage').code, 0);
  assert.match(c.k('get', 'csr', 'wrong-usage').stdout, /Approved,Failed\n$/);
  assert.equal(c.k('get', 'csr', 'wrong-usage', '-o', 'jsonpath={.status.conditions[1].reason}').stdout, 'SignerValidationFailure');
});

test('autoscaling/v1 beside v2: one object, each version its own view', () => {
  assert.equal(c.k('get', 'horizontalpodautoscalers.v1.autoscaling', 'web', '-o', 'jsonpath={.apiVersion} {.spec.targetCPUUtilizationPercentage} {.spec.minReplicas}').stdout, 'autoscaling/v1 50 1');
  assert.equal(c.k('get', 'horizontalpodautoscaler.v1.autoscaling', 'web', '-o', 'jsonpath={.apiVersion}').stdout, 'autoscaling/v1');
  // as with kubectl, a short name keeps the group and takes the preferred version
  assert.equal(c.k('get', 'hpa.v1.autoscaling', 'web', '-o', 'jsonpath={.apiVersion}').stdout, 'autoscaling/v2');
  assert.equal(c.k('get', 'hpa', 'web', '-o', 'jsonpath={.apiVersion} {.spec.metrics[0].resource.target.averageUtilization}').stdout, 'autoscaling/v2 50');
  assert.match(c.k('get', 'hpa', 'web').stdout, /^web +Deployment\/web +cpu: <unknown>\/50% +1 +4 +0 +\S+$/m);
  // re-applying the v1 manifest is a no-op; a changed target is a change of the one object
  const manifest = 'apiVersion: autoscaling/v1\nkind: HorizontalPodAutoscaler\nmetadata: {name: web}\nspec:\n  scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: web}\n  maxReplicas: 4\n  targetCPUUtilizationPercentage: 50\n';
  assert.equal(c.kIn(manifest, 'apply', '-f', '-').stdout, 'horizontalpodautoscaler.autoscaling/web unchanged\n');
  assert.equal(c.kIn(manifest.replace('50', '75'), 'apply', '-f', '-').stdout, 'horizontalpodautoscaler.autoscaling/web configured\n');
  assert.equal(c.k('get', 'hpa', 'web', '-o', 'jsonpath={.spec.metrics[0].resource.target.averageUtilization}').stdout, '75');
});

test('the APF config controller: Dangling (MISSINGPL) follows the priority level; VAP type checking', () => {
  assert.equal(c.kIn('apiVersion: flowcontrol.apiserver.k8s.io/v1\nkind: FlowSchema\nmetadata: {name: orphan}\nspec:\n  priorityLevelConfiguration: {name: nothere}\n', 'apply', '-f', '-').code, 0);
  const missing = (n: string) => c.k('get', 'flowschema', n, '-o', 'jsonpath={.status.conditions[0].status}/{.status.conditions[0].reason}').stdout;
  assert.equal(missing('orphan'), 'True/NotFound');
  assert.equal(missing('batch-jobs'), 'False/Found');
  assert.equal(c.k('delete', 'prioritylevelconfiguration', 'batch-low').code, 0);
  assert.equal(missing('batch-jobs'), 'True/NotFound');
  // named objects print in the order asked (one GET each); a list in matching precedence
  assert.deepEqual(c.k('get', 'flowschemas', 'orphan', 'exempt', '--no-headers').stdout.split('\n').map((l) => l.split(' ')[0]), ['orphan', 'exempt', '']);
  assert.match(c.k('get', 'flowschemas', 'orphan', 'exempt').stdout, /^orphan +nothere +1000 +<none> +\S+ +True$/m);
  assert.equal(c.k('get', 'validatingadmissionpolicy', 'replica-limit', '-o', 'jsonpath={.status}').stdout, '{"observedGeneration":1,"typeChecking":{}}');
});

test("the API server's validation messages", () => {
  const bad = (yaml: string) => { const r = c.kIn(yaml, 'apply', '-f', '-'); assert.equal(r.code, 1); return r.stderr; };
  assert.equal(bad('apiVersion: certificates.k8s.io/v1\nkind: CertificateSigningRequest\nmetadata: {name: bad}\nspec:\n  request: aGVsbG8K\n  signerName: nope\n  expirationSeconds: 60\n'), [
    'The CertificateSigningRequest "bad" is invalid: ',
    '* spec.request: Invalid value: []byte{0x68, 0x65, 0x6c, 0x6c, 0x6f, 0xa}: PEM block type must be CERTIFICATE REQUEST',
    '* spec.usages: Required value',
    '* spec.signerName: Invalid value: "nope": must be a fully qualified domain and path of the form \'example.com/signer-name\'',
    '* spec.expirationSeconds: Invalid value: 60: may not specify a duration less than 600 seconds (10 minutes)', ''].join('\n'));
  assert.match(bad('apiVersion: flowcontrol.apiserver.k8s.io/v1\nkind: FlowSchema\nmetadata: {name: nopl}\nspec: {matchingPrecedence: 1}\n'),
    /FlowSchema "nopl" is invalid: \n\* spec\.matchingPrecedence: Invalid value: 1: only the schema named 'exempt' may have matchingPrecedence 1\n\* spec\.priorityLevelConfiguration\.name: Required value: must reference a priority level\n/);
  assert.match(bad('apiVersion: admissionregistration.k8s.io/v1\nkind: ValidatingWebhookConfiguration\nmetadata: {name: vwc}\nwebhooks:\n- name: short.example\n  clientConfig: {url: "https://x"}\n'),
    /\* webhooks\[0\]\.name: Invalid value: "short\.example": should be a domain with at least three segments separated by dots\n\* webhooks\[0\]\.sideEffects: Required value: must specify one of None, NoneOnDryRun\n\* webhooks\[0\]\.admissionReviewVersions: Required value: must specify one of v1, v1beta1\n/);
  assert.match(bad('apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata: {name: x}\nhandler: Bad_Handler\n'), /RuntimeClass "x" is invalid: handler: Invalid value: "Bad_Handler": a lowercase RFC 1123 label/);
  assert.equal(bad('apiVersion: node.k8s.io/v1\nkind: RuntimeClass\nmetadata: {name: rc-extra}\nhandler: runc\nfoo: bar\n'),
    'Error from server (BadRequest): error when creating "STDIN": RuntimeClass in version "v1" cannot be handled as a RuntimeClass: strict decoding error: unknown field "foo"\n');
  assert.match(bad('apiVersion: storage.k8s.io/v1\nkind: VolumeAttachment\nmetadata: {name: va}\nspec: {attacher: x}\n'),
    /VolumeAttachment "va" is invalid: \n\* spec\.source: Required value: must specify exactly one of inlineVolumeSpec and persistentVolumeName\n\* spec\.nodeName: Required value\n/);
  assert.match(bad('apiVersion: apiregistration.k8s.io/v1\nkind: APIService\nmetadata: {name: v1.foo.example.com}\nspec: {group: bar.example.com, version: v1, groupPriorityMinimum: 10, versionPriority: 10}\n'),
    /APIService "v1\.foo\.example\.com" is invalid: metadata\.name: Invalid value: "v1\.foo\.example\.com": must be "v1\.bar\.example\.com"/);
});
