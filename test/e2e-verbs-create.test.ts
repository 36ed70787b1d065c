// kubectl create ingress and kubectl create token: the client-side output and errors of the real
// kubectl 1.32 (test/golden/verbs/{ingress,token}.json, scripts/record-verbs.mjs), then the
// objects and tokens as the API server makes them.
import { test, after } from 'node:test';
import assert from 'node:assert/strict';
import { verbsCluster, runGoldens } from './helpers/verbs-goldens';

const c = verbsCluster();
after(() => c.cleanup());

runGoldens(c, 'ingress');

const claims = (jwt: string) => JSON.parse(Buffer.from(jwt.split('.')[1], 'base64url').toString());

// the stand-in answers a token request with "TOKEN": ours is a JWT, checked below
runGoldens(c, 'token', (tc, r) => {
  if (tc.stdout !== 'TOKEN') return false;
  assert.deepEqual([r.code, r.stderr], [0, '']);
  assert.match(r.stdout, /^[\w-]+\.[\w-]+\.[\w-]+$/, 'a bare JWT with no newline (stdout is not a terminal)');
  return true;
});

test('create ingress: created in the cluster, listed and described', () => {
  assert.equal(c.k('create', 'ingress', 'web', '--class=nginx', '--rule=foo.com/*=web:80,tls=foo-cert', '--rule=bar.com/api=api:http').stdout, 'ingress.networking.k8s.io/web created\n');
  const r = c.k('get', 'ingress', 'web');
  assert.match(r.stdout, /^NAME\s+CLASS\s+HOSTS\s+ADDRESS\s+PORTS\s+AGE\nweb\s+nginx\s+foo\.com,bar\.com\s+80, 443\s+\d+s\n$/);
  assert.equal(c.k('get', 'ing', 'web', '-o', 'jsonpath={.spec.rules[0].http.paths[0].pathType} {.spec.rules[1].http.paths[0].backend.service.port.name} {.spec.tls[0].secretName}').stdout, 'Prefix http foo-cert');
  const d = c.k('describe', 'ingress', 'web').stdout;
  assert.match(d, /Ingress Class:\s+nginx/);
  assert.match(d, /foo-cert terminates foo.com/);
  const again = c.k('create', 'ingress', 'web', '--rule=/=a:1');
  assert.deepEqual([again.code, again.stderr], [1, 'error: failed to create ingress: ingresses.networking.k8s.io "web" already exists\n']);
});

test('create token: a JWT for the service account, as a 1.32 API server issues it', () => {
  const uid = c.k('get', 'sa', 'builder', '-o', 'jsonpath={.metadata.uid}').stdout;
  const jwt = c.k('create', 'token', 'builder').stdout;
  const [head] = jwt.split('.');
  assert.deepEqual(Object.keys(JSON.parse(Buffer.from(head, 'base64url').toString())), ['alg', 'kid']);
  const cl = claims(jwt);
  assert.deepEqual(Object.keys(cl), ['aud', 'exp', 'iat', 'iss', 'jti', 'kubernetes.io', 'nbf', 'sub']);
  assert.deepEqual(cl.aud, ['https://kubernetes.default.svc.cluster.local']);
  assert.equal(cl.iss, 'https://kubernetes.default.svc.cluster.local');
  assert.equal(cl.sub, 'system:serviceaccount:default:builder');
  assert.equal(cl.exp - cl.iat, 3600);
  assert.deepEqual(cl['kubernetes.io'], { namespace: 'default', serviceaccount: { name: 'builder', uid } });
  const two = claims(c.k('create', 'token', 'builder', '--duration=2h', '--audience=a', '--audience=b').stdout);
  assert.deepEqual([two.aud, two.exp - two.iat], [['a', 'b'], 7200]);
  // bound to a secret: its name and uid in the claims
  assert.equal(c.k('create', 'secret', 'generic', 's1', '--from-literal=a=b').code, 0);
  const suid = c.k('get', 'secret', 's1', '-o', 'jsonpath={.metadata.uid}').stdout;
  const b = claims(c.k('create', 'token', 'builder', '--bound-object-kind=Secret', '--bound-object-name=s1').stdout);
  assert.deepEqual(b['kubernetes.io'].secret, { name: 's1', uid: suid });
  // -o yaml: the TokenRequest
  const y = c.k('create', 'token', 'builder', '-o', 'yaml').stdout;
  assert.match(y, /^apiVersion: authentication.k8s.io\/v1\nkind: TokenRequest\nmetadata:\n  creationTimestamp: "[^"]+"\n  name: builder\n  namespace: default\nspec:\n  audiences:\n  - https:\/\/kubernetes.default.svc.cluster.local\n  boundObjectRef: null\n  expirationSeconds: 3600\nstatus:\n  expirationTimestamp: "[^"]+"\n  token: [\w-]+\.[\w-]+\.[\w-]+\n$/);
});

test('create token: the API server refuses what it refuses', () => {
  const cases: [string[], string][] = [
    [['--duration=5m'], 'error: failed to create token: TokenRequest.authentication.k8s.io "" is invalid: spec.expirationSeconds: Invalid value: 300: may not specify a duration less than 10 minutes\n'],
    [['--bound-object-kind=Pod', '--bound-object-name=nope'], 'error: failed to create token: pods "nope" not found\n'],
    [['--bound-object-kind=Secret', '--bound-object-name=nope'], 'error: failed to create token: secrets "nope" not found\n'],
  ];
  for (const [args, stderr] of cases) {
    const r = c.k('create', 'token', 'builder', ...args);
    assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', stderr], args.join(' '));
  }
  assert.equal(c.k('run', 'p', '--image=nginx').code, 0);
  const r = c.k('create', 'token', 'builder', '--bound-object-kind=Pod', '--bound-object-name=p');
  assert.equal(r.stderr, 'error: failed to create token: cannot bind token for serviceaccount "builder" to pod running with serviceaccount "default"\n');
  const pod = claims(c.k('create', 'token', 'default', '--bound-object-kind=Pod', '--bound-object-name=p').stdout)['kubernetes.io'];
  assert.deepEqual(Object.keys(pod), ['namespace', 'node', 'pod', 'serviceaccount']);
  assert.equal(pod.pod.name, 'p');
});

test('create ingress: the API server validates what the generator lets through', () => {
  const MSG_1123 = "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')";
  const cases: [string[], string][] = [
    [['--rule=foo.com/=svc:web!!'], 'spec.rules[0].http.paths[0].backend.service.port.name: Invalid value: "web!!": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)'],
    [['--rule=foo.com/=svc:70000'], 'spec.rules[0].http.paths[0].backend.service.port.number: Invalid value: 70000: must be between 1 and 65535, inclusive'],
    [['--rule=Foo.com/=svc:80'], `spec.rules[0].host: Invalid value: "Foo.com": ${MSG_1123}`],
    [['--rule=foo.com/a//b=svc:80'], `spec.rules[0].http.paths[0].path: Invalid value: "/a//b": must not contain '//'`],
    [['--rule=foo.com/=svc:80,tls=Bad_Secret'], `spec.tls[0].secretName: Invalid value: "Bad_Secret": ${MSG_1123}`],
  ];
  for (const [args, cause] of cases) {
    const r = c.k('create', 'ingress', 'bad', ...args);
    assert.deepEqual([r.code, r.stdout, r.stderr], [1, '', `error: failed to create ingress: Ingress.networking.k8s.io "bad" is invalid: ${cause}\n`], args.join(' '));
  }
  assert.equal(c.k('create', 'ingress', 'wild', '--rule=*.foo.com/=svc:80').code, 0, 'a wildcard host is a host');
  const both = c.k('create', 'ingress', 'bad', '--rule=1.2.3.4/=svc:80', '--class=A');
  assert.match(both.stderr, /^error: failed to create ingress: Ingress\.networking\.k8s\.io "bad" is invalid: \[spec\.rules\[0\]\.host: Invalid value: "1\.2\.3\.4": must be a DNS name, not an IP address, spec\.ingressClassName: Invalid value: "A": /);
});
