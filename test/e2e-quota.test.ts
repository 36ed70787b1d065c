// ResourceQuota and LimitRange as kubectl shows them: refusals worded as the API server words
// them, usage in get/describe quota, defaults in the pods.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster } from './helpers/kubectl';

const POD = (name: string, resources = '') => `apiVersion: v1
kind: Pod
metadata:
  name: ${name}
spec:
  containers:
  - name: app
    image: nginx
${resources}`;

test('quota: usage in get and describe, refusals as the API server words them, FailedCreate for a deployment', () => {
  const c = cluster();
  try {
    assert.equal(c.k('create', 'quota', 'q', '--hard=pods=2,requests.cpu=1,limits.memory=1Gi').code, 0);
    fs.writeFileSync(path.join(c.home, 'bare.yaml'), POD('bare'));
    let r = c.k('create', '-f', 'bare.yaml');
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'Error from server (Forbidden): error when creating "bare.yaml": pods "bare" is forbidden: failed quota: q: must specify limits.memory for: app; requests.cpu for: app\n');
    const res = '    resources:\n      requests: {cpu: 300m}\n      limits: {memory: 200Mi}\n';
    for (const n of ['a', 'b']) {
      fs.writeFileSync(path.join(c.home, `${n}.yaml`), POD(n, res));
      assert.equal(c.k('apply', '-f', `${n}.yaml`).code, 0);
    }
    fs.writeFileSync(path.join(c.home, 'c.yaml'), POD('c', res));
    r = c.k('apply', '-f', 'c.yaml');
    assert.equal(r.code, 1);
    assert.equal(r.stderr, 'Error from server (Forbidden): error when creating "c.yaml": pods "c" is forbidden: exceeded quota: q, requested: pods=1, used: pods=2, limited: pods=2\n');
    r = c.k('describe', 'quota', 'q');
    // as kubectl 1.32 describes the same object (kubectl-oracle)
    assert.equal(r.stdout, [
      'Name:          q',
      'Namespace:     default',
      'Resource       Used   Hard',
      '--------       ----   ----',
      'limits.memory  400Mi  1Gi',
      'pods           2      2',
      'requests.cpu   600m   1',
      '',
    ].join('\n'));
    assert.match(c.k('get', 'quota').stdout, /^NAME\s+AGE\s+REQUEST\s+LIMIT\nq\s+\S+\s+pods: 2\/2, requests.cpu: 600m\/1\s+limits.memory: 400Mi\/1Gi\n$/);
    // a deployment that cannot have its pods: the replica set says why
    assert.equal(c.k('delete', 'pod', 'a', 'b', '--now').code, 0);
    assert.equal(c.k('create', 'deployment', 'web', '--image=nginx').code, 0);
    r = c.k('get', 'events', '--field-selector=reason=FailedCreate', '-o', 'jsonpath={.items[0].message}');
    assert.match(r.stdout, /^Error creating: pods "web-[a-z0-9]+-[a-z0-9]{5}" is forbidden: failed quota: q: must specify limits.memory for: nginx; requests.cpu for: nginx$/);
  } finally { c.cleanup(); }
});

test('limit ranges: defaults and the annotation in new pods, refusals with the plugin messages', () => {
  const c = cluster();
  try {
    fs.writeFileSync(path.join(c.home, 'lr.yaml'), `apiVersion: v1
kind: LimitRange
metadata:
  name: lr
spec:
  limits:
  - type: Container
    default: {cpu: 500m, memory: 256Mi}
    defaultRequest: {cpu: 100m}
    max: {cpu: "1"}
`);
    assert.equal(c.k('apply', '-f', 'lr.yaml').code, 0);
    assert.equal(c.k('run', 'p', '--image=nginx').code, 0);
    const r = c.k('get', 'pod', 'p', '-o', 'jsonpath={.metadata.annotations.kubernetes\\.io/limit-ranger}|{.spec.containers[0].resources}');
    assert.equal(r.stdout, 'LimitRanger plugin set: cpu, memory request for container p; cpu, memory limit for container p|{"limits":{"cpu":"500m","memory":"256Mi"},"requests":{"cpu":"100m","memory":"256Mi"}}');
    const big = c.k('run', 'big', '--image=nginx', '--overrides={"spec":{"containers":[{"name":"big","image":"nginx","resources":{"limits":{"cpu":"2"}}}]}}');
    assert.equal(big.code, 1);
    assert.equal(big.stderr, 'Error from server (Forbidden): pods "big" is forbidden: maximum cpu usage per Container is 1, but limit is 2\n');
  } finally { c.cleanup(); }
});
