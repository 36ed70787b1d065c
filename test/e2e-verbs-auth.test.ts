// kubectl auth can-i | whoami | reconcile: answers from the stored RBAC objects (kind's bootstrap
// roles, kubeadm's admin binding, what the user adds), as the real kubectl 1.32 prints them (the
// expected texts were recorded with kubectl 1.32 against `kubesim serve`, whose reviews use the
// same authorizer), and the API server's SelfSubjectAccessReview for an impersonated user.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster } from './helpers/kubectl';
import { serve } from './helpers/serve';

const c = cluster();
after(() => c.cleanup());

const DISCOVERY_ROWS = `                                                [/api/*]            []               [get]
                                                [/api]              []               [get]
                                                [/apis/*]           []               [get]
                                                [/apis]             []               [get]
                                                [/healthz]          []               [get]
                                                [/healthz]          []               [get]
                                                [/livez]            []               [get]
                                                [/livez]            []               [get]
                                                [/openapi/*]        []               [get]
                                                [/openapi]          []               [get]
                                                [/readyz]           []               [get]
                                                [/readyz]           []               [get]
                                                [/version/]         []               [get]
                                                [/version/]         []               [get]
                                                [/version]          []               [get]
                                                [/version]          []               [get]
`;
const SELF_ROWS = `selfsubjectreviews.authentication.k8s.io        []                  []               [create]
selfsubjectaccessreviews.authorization.k8s.io   []                  []               [create]
selfsubjectrulesreviews.authorization.k8s.io    []                  []               [create]
`;
const HEADER = 'Resources                                       Non-Resource URLs   Resource Names   Verbs\n';

test('the admin of kind may do everything: yes, exit 0; warnings as kubectl prints them', () => {
  assert.deepEqual(c.k('auth', 'can-i', 'get', 'pods'), { stdout: 'yes\n', stderr: '', code: 0 });
  assert.deepEqual(c.k('auth', 'can-i', '*', '*', '-A'), { stdout: 'yes\n', stderr: '', code: 0 });
  assert.deepEqual(c.k('auth', 'can-i', 'get', 'nodes'), { stdout: 'yes\n', stderr: "Warning: resource 'nodes' is not namespace scoped\n\n", code: 0 });
  assert.deepEqual(c.k('auth', 'can-i', 'frob', 'deploy.apps'), { stdout: 'yes\n', stderr: "Warning: verb 'frob' is not a known verb\n\n", code: 0 });
  assert.deepEqual(c.k('auth', 'can-i', 'get', 'widgets'), { stdout: 'yes\n', stderr: "Warning: the server doesn't have a resource type 'widgets'\n\n", code: 0 });
  assert.deepEqual(c.k('auth', 'can-i', 'get', '/healthz'), { stdout: 'yes\n', stderr: '', code: 0 });
});

test('--list: the rules broken down, compacted and sorted; a stranger has only the bootstrap roles', () => {
  const admin = c.k('auth', 'can-i', '--list');
  assert.equal(admin.stdout, HEADER + `*.*                                             []                  []               [*]
                                                [*]                 []               [*]
` + SELF_ROWS + DISCOVERY_ROWS);
  assert.equal(c.k('auth', 'can-i', '--list', '--as=jane').stdout, HEADER + SELF_ROWS + DISCOVERY_ROWS);
  // without the header the columns are as wide as the rules alone
  const bare = c.k('auth', 'can-i', '--list', '--as=jane', '--no-headers').stdout;
  assert.equal(bare.split('\n')[0], 'selfsubjectreviews.authentication.k8s.io        []             []    [create]');
  assert.equal(bare.split('\n').length, 20);
});

test('a service account also holds the issuer discovery role bound to system:serviceaccounts', () => {
  const r = c.k('auth', 'can-i', '--list', '--as=system:serviceaccount:default:default');
  assert.equal(r.code, 0);
  assert.match(r.stdout, /\n {48}\[\/\.well-known\/openid-configuration\/\] {3}\[\] {15}\[get\]\n/);
  assert.equal(c.k('auth', 'can-i', 'get', '/openid/v1/jwks', '--as=system:serviceaccount:default:default').stdout, 'yes\n');
  assert.equal(c.k('auth', 'can-i', 'get', '/openid/v1/jwks', '--as=jane').stdout, 'no\n');
});

test('usage errors as kubectl words them', () => {
  assert.deepEqual(c.k('auth', 'can-i', 'get'), { stdout: '', stderr: "error: you must specify two arguments: verb resource or verb resource/resourceName.\nSee 'kubectl auth can-i -h' for help and examples.\n", code: 1 });
  assert.equal(c.k('auth', 'can-i', '--list', 'get').stderr, 'error: list option must be specified with no arguments\n');
  assert.equal(c.k('auth', 'can-i', '--list', '-q').stderr, "error: list option can't be specified with neither quiet, all-namespaces nor subresource options\n");
  assert.equal(c.k('auth', 'can-i', 'get', 'pods', '--no-headers').stderr, 'error: --no-headers cannot be set without --list specified\n');
  assert.equal(c.k('auth', 'can-i', 'get', 'pods', '--as-group=dev').stderr, 'error: requesting uid, groups or user-extra for kind-kind without impersonating a user\n');
  assert.equal(c.k('auth', 'frob').stderr, "error: unknown command \"frob\"\nSee 'kubectl auth -h' for help and examples\n");
});

test('reconcile creates roles and bindings (and the namespace), then --as follows them', () => {
  const file = path.join(c.home, 'rbac.yaml');
  fs.writeFileSync(file, `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: team}
rules:
- apiGroups: [""]
  resources: [pods, services]
  verbs: [get, list]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reader-jane, namespace: team}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- {kind: User, name: jane}
- {kind: ServiceAccount, name: bot, namespace: team}
---
apiVersion: v1
kind: ConfigMap
metadata: {name: skipped}
`);
  assert.deepEqual(c.k('auth', 'reconcile', '-f', file), {
    stdout: 'role.rbac.authorization.k8s.io/reader reconciled\nrolebinding.rbac.authorization.k8s.io/reader-jane reconciled\n',
    stderr: `\treconciliation required create
\tmissing rules added:
\t\t{Verbs:[get list] APIGroups:[] Resources:[pods services] ResourceNames:[] NonResourceURLs:[]}
\treconciliation required create
\tmissing subjects added:
\t\t{Kind:User APIGroup: Name:jane Namespace:}
\t\t{Kind:ServiceAccount APIGroup: Name:bot Namespace:team}
`,
    code: 0,
  });
  assert.equal(c.k('get', 'ns', 'team', '-o', 'name').stdout, 'namespace/team\n');
  assert.equal(c.k('get', 'cm', 'skipped').code, 1, 'objects that are not RBAC are skipped');
  // the same file again: nothing to do
  assert.deepEqual(c.k('auth', 'reconcile', '-f', file), { stdout: 'role.rbac.authorization.k8s.io/reader reconciled\nrolebinding.rbac.authorization.k8s.io/reader-jane reconciled\n', stderr: '', code: 0 });
  assert.deepEqual(c.k('auth', 'can-i', 'list', 'pods', '-n', 'team', '--as=jane'), { stdout: 'yes\n', stderr: '', code: 0 });
  assert.deepEqual(c.k('auth', 'can-i', 'list', 'pods', '--as=jane'), { stdout: 'no\n', stderr: '', code: 1 });
  assert.deepEqual(c.k('auth', 'can-i', 'delete', 'pods', '-n', 'team', '--as=jane', '-q'), { stdout: '', stderr: '', code: 1 });
  assert.equal(c.k('auth', 'can-i', 'get', 'services', '-n', 'team', '--as=system:serviceaccount:team:bot').stdout, 'yes\n');
  assert.equal(c.k('auth', 'can-i', 'get', 'pods', '--subresource=log', '-n', 'team', '--as=jane').stdout, 'no\n');
  assert.equal(c.k('auth', 'can-i', '--list', '-n', 'team', '--as=jane').stdout, HEADER + SELF_ROWS +
    'pods                                            []                  []               [get list]\n' +
    'services                                        []                  []               [get list]\n' + DISCOVERY_ROWS);

  // changes: missing rules added (or extra ones removed), subjects replaced with --remove-extra-subjects
  const up = path.join(c.home, 'up.yaml');
  fs.writeFileSync(up, `apiVersion: rbac.authorization.k8s.io/v1
kind: Role
metadata: {name: reader, namespace: team, labels: {a: b}}
rules:
- apiGroups: [""]
  resources: [pods, configmaps]
  verbs: [get, watch]
---
apiVersion: rbac.authorization.k8s.io/v1
kind: RoleBinding
metadata: {name: reader-jane, namespace: team}
roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: reader}
subjects:
- {kind: User, name: bob}
`);
  assert.deepEqual(c.k('auth', 'reconcile', '-f', up, '--dry-run=client'), {
    stdout: 'role.rbac.authorization.k8s.io/reader reconciled (dry run)\nrolebinding.rbac.authorization.k8s.io/reader-jane reconciled (dry run)\n',
    stderr: `\treconciliation required update
\tmissing rules added:
\t\t{Verbs:[watch] APIGroups:[] Resources:[pods] ResourceNames:[] NonResourceURLs:[]}
\t\t{Verbs:[get] APIGroups:[] Resources:[configmaps] ResourceNames:[] NonResourceURLs:[]}
\t\t{Verbs:[watch] APIGroups:[] Resources:[configmaps] ResourceNames:[] NonResourceURLs:[]}
\treconciliation required update
\tmissing subjects added:
\t\t{Kind:User APIGroup: Name:bob Namespace:}
`,
    code: 0,
  });
  assert.equal(c.k('auth', 'can-i', 'watch', 'pods', '-n', 'team', '--as=jane').code, 1, 'a dry run changes nothing');
  const r = c.k('auth', 'reconcile', '-f', up, '--remove-extra-permissions', '--remove-extra-subjects');
  assert.equal(r.code, 0);
  assert.match(r.stderr, /\textra rules removed:\n\t\t\{Verbs:\[list\] APIGroups:\[\] Resources:\[pods\] ResourceNames:\[\] NonResourceURLs:\[\]\}\n/);
  assert.match(r.stderr, /\textra subjects removed:\n\t\t\{Kind:User APIGroup: Name:jane Namespace:\}\n\t\t\{Kind:ServiceAccount APIGroup: Name:bot Namespace:team\}\n/);
  assert.equal(c.k('auth', 'can-i', 'watch', 'configmaps', '-n', 'team', '--as=bob').stdout, 'yes\n');
  assert.equal(c.k('auth', 'can-i', 'get', 'pods', '-n', 'team', '--as=jane').stdout, 'no\n');
  assert.equal(c.k('get', 'role', 'reader', '-n', 'team', '-o', 'jsonpath={.metadata.labels.a}').stdout, 'b');
});

test('reconcile errors: no file, arguments, a namespaced object without a namespace', () => {
  assert.deepEqual(c.k('auth', 'reconcile'), { stdout: '', stderr: 'error: must specify one of -f and -k\n', code: 1 });
  assert.equal(c.k('auth', 'reconcile', '-f', 'x.yaml', 'extra').stderr, 'error: no arguments are allowed\n');
  assert.equal(c.k('auth', 'reconcile', '-f', 'x.yaml', '--dry-run=server').stderr, 'error: --dry-run=server for command reconcile is not supported yet\n');
  const file = path.join(c.home, 'nons.yaml');
  fs.writeFileSync(file, 'apiVersion: rbac.authorization.k8s.io/v1\nkind: Role\nmetadata: {name: loose}\nrules: []\n');
  assert.deepEqual(c.k('auth', 'reconcile', '-f', file), { stdout: '', stderr: 'error: resource name may not be empty\n', code: 1 });
});

test('whoami: kind\'s admin (kubeadm:cluster-admins), or whom --as names', () => {
  assert.deepEqual(c.k('auth', 'whoami'), { stdout: 'ATTRIBUTE   VALUE\nUsername    kubernetes-admin\nGroups      [kubeadm:cluster-admins system:authenticated]\n', stderr: '', code: 0 });
  assert.equal(c.k('auth', 'whoami', '-o', 'json').stdout, `{
    "kind": "SelfSubjectReview",
    "apiVersion": "authentication.k8s.io/v1",
    "metadata": {
        "creationTimestamp": null
    },
    "status": {
        "userInfo": {
            "username": "kubernetes-admin",
            "groups": [
                "kubeadm:cluster-admins",
                "system:authenticated"
            ]
        }
    }
}
`);
  assert.equal(c.k('auth', 'whoami', '--as=system:serviceaccount:team:bot', '-o', 'jsonpath={.status.userInfo.groups}').stdout, '["system:serviceaccounts","system:serviceaccounts:team","system:authenticated"]');
});

test('the API server answers reviews with the same authorizer, impersonation included', async () => {
  const s = await serve();
  try {
    const body = JSON.stringify({ apiVersion: 'authorization.k8s.io/v1', kind: 'SelfSubjectAccessReview', spec: { resourceAttributes: { verb: 'list', resource: 'pods', namespace: 'default' } } });
    const admin = await s.req('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', body);
    assert.equal(admin.status, 201);
    assert.deepEqual(JSON.parse(admin.body).status, { allowed: true, reason: 'RBAC: allowed by ClusterRoleBinding "kubeadm:cluster-admins" of ClusterRole "cluster-admin" to Group "kubeadm:cluster-admins"' });
    const jane = await s.req('POST', '/apis/authorization.k8s.io/v1/selfsubjectaccessreviews', body, { 'Impersonate-User': 'jane' });
    assert.deepEqual(JSON.parse(jane.body).status, { allowed: false });
    const who = await s.req('POST', '/apis/authentication.k8s.io/v1/selfsubjectreviews', JSON.stringify({ apiVersion: 'authentication.k8s.io/v1', kind: 'SelfSubjectReview' }));
    assert.deepEqual(JSON.parse(who.body).status.userInfo, { username: 'kubernetes-admin', groups: ['kubeadm:cluster-admins', 'system:authenticated'] });
  } finally {
    await s.stop();
    s.cleanup();
  }
});
