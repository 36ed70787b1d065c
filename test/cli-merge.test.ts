// Strategic merge patch as kubectl apply/edit compute it and the API server applies it, plus
// JSON merge patch and JSON patch.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { createThreeWayMergePatch, createTwoWayMergePatch, strategicMergePatch, jsonMergePatch, jsonPatch, PatchError } from '../src/cli/merge';

const deploy = (labels: Record<string, string>, containers: any[], extra: any = {}) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name: 'web', labels },
  spec: { replicas: 2, selector: { matchLabels: { app: 'web' } }, template: { metadata: { labels: { app: 'web' } }, spec: { containers } }, ...extra },
});

test('three-way: a dropped label is removed, a changed image patched with the element order', () => {
  const original = deploy({ app: 'web', tier: 'fe' }, [{ name: 'nginx', image: 'nginx:1.25' }]);
  const modified = deploy({ app: 'web' }, [{ name: 'nginx', image: 'nginx:1.26' }]);
  const current: any = deploy({ app: 'web', tier: 'fe', extra: 'yes' }, [{ name: 'nginx', image: 'nginx:1.25', imagePullPolicy: 'IfNotPresent' }]);
  current.status = { replicas: 2 };
  const patch = createThreeWayMergePatch(original, modified, current, 'Deployment');
  assert.deepEqual(patch, {
    metadata: { labels: { tier: null } },
    spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'nginx' }], containers: [{ image: 'nginx:1.26', name: 'nginx' }] } } },
  });
  const result: any = strategicMergePatch(current, patch, 'Deployment');
  assert.deepEqual(result.metadata.labels, { app: 'web', extra: 'yes' });
  assert.deepEqual(result.spec.template.spec.containers, [{ name: 'nginx', image: 'nginx:1.26', imagePullPolicy: 'IfNotPresent' }]);
  assert.deepEqual(result.status, { replicas: 2 });
});

test('three-way: nothing changed gives an empty patch, even with server-set fields', () => {
  const m = deploy({ app: 'web' }, [{ name: 'nginx', image: 'nginx' }]);
  const current: any = JSON.parse(JSON.stringify(m));
  current.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
  current.spec.template.spec.containers[0].terminationMessagePath = '/dev/termination-log';
  current.metadata.uid = 'x';
  assert.deepEqual(createThreeWayMergePatch(m, m, current, 'Deployment'), {});
  // an empty map in the manifest does not wipe what the server filled in
  const withEmpty = deploy({ app: 'web' }, [{ name: 'nginx', image: 'nginx', resources: {} }], { strategy: {} });
  current.spec.template.spec.containers[0].resources = {};
  assert.deepEqual(createThreeWayMergePatch(withEmpty, withEmpty, current, 'Deployment'), {});
});

test('three-way: a container dropped from the manifest gets a delete directive, the server removes it', () => {
  const original = deploy({ app: 'web' }, [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }]);
  const modified = deploy({ app: 'web' }, [{ name: 'a', image: 'a' }]);
  const patch = createThreeWayMergePatch(original, modified, original, 'Deployment');
  assert.deepEqual(patch, { spec: { template: { spec: { '$setElementOrder/containers': [{ name: 'a' }], containers: [{ $patch: 'delete', name: 'b' }] } } } });
  const result: any = strategicMergePatch(original, patch, 'Deployment');
  assert.deepEqual(result.spec.template.spec.containers, [{ name: 'a', image: 'a' }]);
});

test('three-way: env entries merge by name, ports by containerPort; fields never applied stay', () => {
  const original = deploy({ app: 'web' }, [{ name: 'a', image: 'a', env: [{ name: 'X', value: '1' }, { name: 'Y', value: '2' }], ports: [{ containerPort: 80 }] }]);
  const modified = deploy({ app: 'web' }, [{ name: 'a', image: 'a', env: [{ name: 'X', value: '1' }, { name: 'Z', value: '3' }], ports: [{ containerPort: 80 }, { containerPort: 443 }] }]);
  const current: any = JSON.parse(JSON.stringify(original));
  current.spec.template.spec.containers[0].env.push({ name: 'BYHAND', value: 'kept' });
  current.spec.template.spec.containers[0].ports[0].protocol = 'TCP';
  const patch = createThreeWayMergePatch(original, modified, current, 'Deployment');
  const result: any = strategicMergePatch(current, patch, 'Deployment');
  const c = result.spec.template.spec.containers[0];
  assert.deepEqual(c.env.map((e: any) => e.name).sort(), ['BYHAND', 'X', 'Z']);
  assert.deepEqual(c.ports, [{ containerPort: 80, protocol: 'TCP' }, { containerPort: 443 }]);
});

test('three-way: replicas scaled by hand stay unless the manifest sets them; retainKeys clears the old strategy', () => {
  const original: any = deploy({ app: 'web' }, [{ name: 'a', image: 'a' }]);
  delete original.spec.replicas;
  const modified: any = JSON.parse(JSON.stringify(original));
  modified.spec.strategy = { type: 'Recreate' };
  const current: any = JSON.parse(JSON.stringify(original));
  current.spec.replicas = 5;
  current.spec.strategy = { type: 'RollingUpdate', rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' } };
  const patch = createThreeWayMergePatch(original, modified, current, 'Deployment');
  assert.deepEqual(patch, { spec: { strategy: { $retainKeys: ['type'], type: 'Recreate' } } });
  const result: any = strategicMergePatch(current, patch, 'Deployment');
  assert.equal(result.spec.replicas, 5);
  assert.deepEqual(result.spec.strategy, { type: 'Recreate' });
});

test('three-way: service ports merge by port and keep the allocated nodePort; selector replaced key by key', () => {
  const svc = (selector: any, ports: any[], type = 'NodePort') => ({ apiVersion: 'v1', kind: 'Service', metadata: { name: 's' }, spec: { type, selector, ports } });
  const original = svc({ app: 'kubeanimals', version: '1.0' }, [{ port: 80, targetPort: 80 }]);
  const modified = svc({ app: 'kubeanimals', version: '2.0' }, [{ port: 80, targetPort: 8080 }], 'LoadBalancer');
  const current: any = svc({ app: 'kubeanimals', version: '1.0' }, [{ port: 80, targetPort: 80, protocol: 'TCP', nodePort: 31234 }]);
  current.spec.clusterIP = '10.96.3.4';
  const result: any = strategicMergePatch(current, createThreeWayMergePatch(original, modified, current, 'Service'), 'Service');
  assert.deepEqual(result.spec.ports, [{ port: 80, targetPort: 8080, protocol: 'TCP', nodePort: 31234 }]);
  assert.deepEqual(result.spec.selector, { app: 'kubeanimals', version: '2.0' });
  assert.equal(result.spec.type, 'LoadBalancer');
  assert.equal(result.spec.clusterIP, '10.96.3.4');
});

test('two-way (edit): changed scalar, removed field as null', () => {
  const a = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', labels: { a: '1', b: '2' } }, spec: { type: 'NodePort' } };
  const b = { apiVersion: 'v1', kind: 'Service', metadata: { name: 's', labels: { a: '1' } }, spec: { type: 'LoadBalancer' } };
  assert.deepEqual(createTwoWayMergePatch(a, b, 'Service'), { metadata: { labels: { b: null } }, spec: { type: 'LoadBalancer' } });
});

test('server directives: $patch replace on a list element, $patch delete on a map, finalizers merge', () => {
  const cur: any = deploy({ app: 'web' }, [{ name: 'a', image: 'a' }, { name: 'b', image: 'b' }]);
  cur.metadata.finalizers = ['x'];
  const replaced: any = strategicMergePatch(cur, { spec: { template: { spec: { containers: [{ name: 'c', image: 'c' }, { $patch: 'replace' }] } } } }, 'Deployment');
  assert.deepEqual(replaced.spec.template.spec.containers, [{ name: 'c', image: 'c' }]);
  const gone: any = strategicMergePatch(cur, { spec: { selector: { $patch: 'delete' } } }, 'Deployment');
  assert.deepEqual(gone.spec.selector, {});
  const fin: any = strategicMergePatch(cur, { metadata: { finalizers: ['y'] } }, 'Deployment');
  // as the API server orders them: patch items first when the server's items are not among them
  assert.deepEqual(fin.metadata.finalizers, ['y', 'x']);
  const del: any = strategicMergePatch(cur, { metadata: { '$deleteFromPrimitiveList/finalizers': ['x'] } }, 'Deployment');
  assert.deepEqual(del.metadata.finalizers, []);
  // lists without a merge key are replaced
  const args: any = strategicMergePatch({ kind: 'Pod', spec: { containers: [{ name: 'a', args: ['1', '2'] }] } }, { spec: { containers: [{ name: 'a', args: ['3'] }] } }, 'Pod');
  assert.deepEqual(args.spec.containers[0].args, ['3']);
});

test('JSON merge patch (RFC 7386)', () => {
  assert.deepEqual(jsonMergePatch({ a: 1, b: { c: 2, d: 3 }, l: [1, 2] }, { b: { c: null, e: 4 }, l: [3], n: 'x' }), { a: 1, b: { d: 3, e: 4 }, l: [3], n: 'x' });
});

test('JSON patch (RFC 6902) with its failures', () => {
  const doc = { spec: { replicas: 1, ports: [{ port: 80 }] } };
  assert.deepEqual(jsonPatch(doc, [
    { op: 'replace', path: '/spec/replicas', value: 3 },
    { op: 'add', path: '/spec/ports/-', value: { port: 443 } },
    { op: 'add', path: '/spec/new', value: true },
    { op: 'remove', path: '/spec/ports/0' },
    { op: 'copy', from: '/spec/replicas', path: '/spec/copied' },
    { op: 'test', path: '/spec/copied', value: 3 },
  ]), { spec: { replicas: 3, ports: [{ port: 443 }], new: true, copied: 3 } });
  // json-patch v4, as kubectl and the API server vendor it: replacing a missing key adds it, a
  // missing index or parent fails; remove wraps its error with the path
  assert.deepEqual(jsonPatch(doc, [{ op: 'replace', path: '/spec/nope', value: 1 }]), { spec: { replicas: 1, ports: [{ port: 80 }], nope: 1 } });
  assert.throws(() => jsonPatch(doc, [{ op: 'replace', path: '/spec/ports/3', value: 1 }]), PatchError);
  assert.throws(() => jsonPatch(doc, [{ op: 'replace', path: '/x/y', value: 1 }]), /^Error: replace operation does not apply: doc is missing path: \/x\/y: missing value$/);
  assert.throws(() => jsonPatch(doc, [{ op: 'remove', path: '/spec/nope' }]), /^Error: error in remove for path: '\/spec\/nope': Unable to remove nonexistent key: nope: missing value$/);
  assert.throws(() => jsonPatch(doc, [{ op: 'remove', path: '/spec/ports/4' }]), /Unable to access invalid index: 4: invalid index referenced$/);
  assert.throws(() => jsonPatch(doc, [1]), /cannot unmarshal number into Go value of type jsonpatch.Operation/);
  assert.throws(() => jsonPatch(doc, [{ op: 'add', path: '/spec/a/b', value: 1 }]), /doc is missing path/);
  assert.throws(() => jsonPatch(doc, [{ op: 'test', path: '/spec/replicas', value: 2 }]), /test failed/);
});
