// Objects served to real kubectl (through the oracle) to record the json/yaml goldens.
// Used by record.mjs; the tests read the recorded fixture.json.

// deterministic PRNG (mulberry32)
function rng(seed) {
  return () => {
    seed |= 0; seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const SCALARS = [
  // bool / null lookalikes
  'true', 'false', 'yes', 'no', 'on', 'off', 'y', 'n', 'Y', 'N', 'True', 'TRUE', 'Yes', 'YES', 'On', 'ON',
  'Off', 'OFF', 'No', 'NO', 'False', 'FALSE', 'yEs', 'nO', 'tRUE', 'null', 'Null', 'NULL', 'nULL', '~', '', '<<',
  // numbers
  '1', '0', '00', '0123', '1.5', '.5', '1e3', '0x1F', '0X1f', '-1', '+1', '.inf', '.Inf', '.INF', '-.inf', '+.inf', '.NaN', '.nan', '.NAN',
  '.nAn', '1_000', '_1', '1__0', '0b101', '0B11', '0o17', '0O17', '08', '09.5', '1e400', '.5e999', '1e-400', '0x', '0b', '0b-101', '-0b101',
  '0x10000000000000000', '99999999999999999999', '-99999999999999999999', '18446744073709551615', '18446744073709551616',
  '9223372036854775807', '9223372036854775808', '-9223372036854775808', '-9223372036854775809',
  '1:20', '190:20:30', '1:60', '-1:20.5', '12:30:45', '8080:80', '1:2:3', '1.2.3', '1.32.0', '10.0.0.1', '1e', 'e1', '1.', '-.5', '+.5e+3',
  '1.0', '-0', '+0', '0.0', '123abc', '0xZZ', '1_2.3_4', '.', '..', '...', '....x', '.x', '+', '-', '--', '---', '----', '--x', '---x',
  // timestamps
  '2024-01-01', '2024-1-1', '2024-02-30', '2024-02-29', '2023-02-29', '2000-02-29', '1900-02-29', '2024-00-10', '2024-13-01',
  '2026-11-21T16:19:07Z', '2026-11-21t16:19:07Z', '2026-11-21T16:19:07', '2026-11-21T16:19:07.123Z', '2026-11-21T16:19:07,123Z',
  '2026-11-21T16:19:07.Z', '2026-11-21 16:19:07', '2026-11-21  16:19:07.5', '2026-11-21T16:19:07+05:30', '2026-11-21T16:19:07-05:30',
  '2026-11-21T16:19:07+25:00', '2026-11-21T16:19:07+24:60', '2026-11-21T24:00:00Z', '2026-11-21T1:2:3Z', '2026-11-21T16:19:60Z',
  '2026-11-21T16:19:07Zx', '12345-01-01', '2024-01-01x', '2024-1-1T1:1:1Z', '2024-01-01 ', '2024-01-01T10:00:00+0530',
  // indicators
  '#x', '*x', '&x', '!x', '%x', '@x', '|x', '>x', '{x}', '[x]', "'x", '"x', '`x', ',x', '?x', '? x', '?', ':x', ': x', ':', 'x:', 'a: b',
  'a:b', 'a #b', 'a#b', '#', 'key:', 'a :b', '- x', '-x', '-', '-\tx', '?\tx', 'a:\tb', 'a\t#b', 'x,y', 'x[0]', 'a{b}', 'x!', 'x&y', 'x*',
  'x|y', 'x>y', "x'y", 'x"y', 'x%y', 'x@y', 'x`y', '~x', 'x~', '=', '<', '>', '&', '*', '!', '|', '%', '@', '`', ',', '[', ']', '{', '}',
  '[]', '{}', 'a,b', 'a, b', 'http://example.com:8080/path?q=1#frag', 'k8s.io/name', 'ns/name:tag', 'image@sha256:abc',
  // whitespace and breaks
  ' lead', 'trail ', ' ', '  ', 'a  b', 'a   b', 'a \nb', 'a\n b', 'a\n\nb', '\n', '\n\n', '\n\n\n', 'a\n', 'a\n\n', 'a\n\n\n', '\na', '\n\na',
  ' a\nb', '  a\n  b\n', 'a\nb ', 'a\nb', 'a\tb', '\t', 'a\r\nb', '\r', 'a\rb', 'a\u0085b', 'a\u2028b', 'a\u2028', '\u2028', 'x\u2029y\nz',
  'a\u2028 b', 'a \u2028b', '\u00a0', 'a\u00a0b', '\ufeff', '\ufeffx', '\ufffd', '\u0000', '\u0001',
  '\u001b', '\u0007', '\u0008', '\u000b', '\u000c', 'x\n\ty', '#!/bin/sh\necho hi\n', 'line1\nline2\n', '- a\n- b\n', 'k: v\n',
  '{"a":1}\n', '  indented\nnot\n', 'a\n  b\n    c', 'tab\tin\nliteral',
  // unicode
  'héllo ✓', '日本語', '😀', 'a😀b', 'é', 'Ω', 'ß', 'Ünïcödé wörds hère', '\ud800x', 'x\udc00', '\ud83d\ude00\ud83d', 'ｆｕｌｌ',
  // quotes and html
  'say "hi"', "it's", "'", "''", '"', '\\', 'a\\b', '<b>&amp;</b> x>y', '<script>', 'a&b', "'quoted'", '"dq"', "' lead quote",
];

const WORDS = ['alpha', 'b', 'gamma', 'de', 'epsilonepsilon', 'x', 'a:b', "it's", 'q#', 'é', 'longerwordhere', 'z', '12', 'true'];

function longStrings() {
  const out = [];
  const r = rng(7);
  const words = (n) => Array.from({ length: n }, () => WORDS[Math.floor(r() * WORDS.length)]).join(' ');
  out.push(Array.from({ length: 120 }, (_, i) => 'word' + i).join(' '));
  out.push('x'.repeat(200));
  out.push('y'.repeat(85) + ' ' + 'z'.repeat(10));
  out.push(('abc '.repeat(40)).trim());
  out.push(("'" + 'quoted start ' .repeat(12)).trim());
  out.push(('tab\there '.repeat(15)).trim());
  out.push('two  spaces  between  words  '.repeat(5).trim());
  out.push('a' + '  b'.repeat(50));
  out.push('dq\t' + ' x'.repeat(60) + '  end');
  out.push('dq\t' + 'x '.repeat(45) + '  yy  zz');
  out.push("sq'" + ' w'.repeat(50) + '   ' + 'v'.repeat(10) + ' end:');
  out.push(' lead ' + 'word '.repeat(30) + 'end');
  out.push('multi line with long lines ' + 'long '.repeat(30) + '\nsecond ' + 'line '.repeat(30) + '\n');
  out.push('😀 ' + 'emoji '.repeat(20) + '😀 end');
  out.push('é'.repeat(30) + ' ' + 'ü'.repeat(30) + ' ' + 'ö'.repeat(30));
  out.push('dq\u0001 ' + 'é '.repeat(50));
  for (let i = 0; i < 40; i++) out.push(words(10 + Math.floor(r() * 40)));
  return out;
}

function fuzzStrings(n, seed) {
  const r = rng(seed);
  const alphabet = ['a', 'b', 'Z', '0', '1', '9', ' ', ' ', ' ', ':', '#', '-', '.', "'", '"', '\\', '\n', '\t', '?', ',', '[', '{',
    '&', '*', '!', '|', '>', '%', '@', '`', '~', '_', '+', 'é', '✓', '😀', '\u2028', '\u00a0', '\u0085', 'e', 'x', 'y', 'n', 'o', 'T'];
  const out = [];
  for (let i = 0; i < n; i++) {
    const len = Math.floor(r() * (r() < 0.2 ? 120 : 12));
    let s = '';
    for (let j = 0; j < len; j++) s += alphabet[Math.floor(r() * alphabet.length)];
    out.push(s);
  }
  return out;
}

// Raw in Go's JSON output and rejected by go-yaml's reader: `-o yaml` fails on these.
export const YAML_REJECTED = ['\u007f', 'a\u0080', '\u0084', '\u0086', '\u009f', '\ufffe', '\uffff'];

export const SORT_KEYS = ['_x', '1', '9', '10', 'A', 'Z', 'a-b', 'a.b', 'a_b', 'a0', 'a00', 'a1', 'a01', 'aB', 'app',
  'app.kubernetes.io/name', 'b2c9', 'b2c10', 'item9', 'item10', 'z', 'é', 'Ω', 'ß', '日', 'a10b', 'a9b', 'a010', 'a0010', 'x001', 'x01', 'x1',
  'x0', 'x00', '0', '00', '000', '01', '001', '-', '+', '.', '/', '~', 'a~', 'a-', 'a/', 'v1', 'v10', 'v1beta1', 'v1alpha1', 'v2',
  'key-1', 'key-10', 'key-2', 'KEY', 'Key', 'kEY', '😀', 'a😀', 'a٣', 'a3', 'a٢', 'a12345678901234567890', 'a12345678901234567891',
  'a99999999999999999999', 'a0000000000000000000001', 'ａ', 'a b', 'a\tb', ' ', '', 'null', 'true', '1.5', 'on', 'key:', 'a: b', '#c', '- x',
  '2024-01-01', 'with\nnewline', 'k'.repeat(128), 'k'.repeat(129), 'é'.repeat(64), 'é'.repeat(65), 'long key with spaces '.repeat(7),
  'q'.repeat(129) + ' ' + 'r'.repeat(20), "it's".repeat(40), 'tab\t'.repeat(40)];

export function numbers() {
  return {
    zero: 0, one: 1, neg: -1, float: 1.5, floatOne: 1.0, big21: 1e21, big20: 1e20, tiny: 1e-7, small4: 0.0001, small5: 0.00001,
    e6: 1234567.5, e5: 100000.5, int12: 123456789012, u64: 12345678901234567890, neg19: -1e19, pi: 3.14159, e25: 2.5e25, third: 1 / 3,
    negSmall: -0.000123, million: 1000000, milliF: 1000000.5, max53: 9007199254740991, half: 0.5, n95: 9.5e-5, e300: 1e300, neg300: -1.5e-300,
    list: [0, 1.5, -2, 1e21, 1e-7, true, false, null],
  };
}

export function fixtureObjects() {
  const objs = [];
  const rich = {
    apiVersion: 'v1', kind: 'ConfigMap',
    metadata: {
      name: 'rich', namespace: 'default', uid: '6c1b8a2e-1f2d-4c3b-9a8e-0d1e2f3a4b5c', resourceVersion: '1300',
      creationTimestamp: '2026-11-21T16:19:07Z',
      labels: { app: 'my-nginx', 'app.kubernetes.io/name': 'x', tier: 'true', version: '1.0', zone: '1' },
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"v1","data":{"a":"1","b":"<x> & y"},"kind":"ConfigMap","metadata":{"annotations":{},"name":"rich","namespace":"default"}}\n',
        'deployment.kubernetes.io/revision': '1',
        note: 'a: b', empty: '', spaced: ' x ',
      },
      managedFields: undefined,
    },
    data: {},
  };
  SCALARS.forEach((s, i) => { rich.data['s' + String(i).padStart(3, '0')] = s; });
  objs.push(rich);
  const long = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'long', namespace: 'default' }, data: {}, nested: { deeper: { deepest: {} } } };
  longStrings().forEach((s, i) => {
    long.data['l' + String(i).padStart(2, '0')] = s;
    long.nested['n' + String(i).padStart(2, '0')] = s;
    long.nested.deeper['d' + String(i).padStart(2, '0')] = [s, { k: s }];
    long.nested.deeper.deepest[(i % 3 ? 'key-' : 'a-much-longer-key-name-to-shift-the-column-') + i] = s;
  });
  objs.push(long);
  const keys = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'keys', namespace: 'default' }, data: {}, asValues: {} };
  SORT_KEYS.forEach((k, i) => { keys.data[k] = 'v' + i; });
  // keys that are themselves tricky scalars
  SCALARS.filter((s) => !s.includes('\u0085')).forEach((s, i) => { keys.asValues[s] = i % 2 ? s : { nested: s, list: [s] }; });
  objs.push(keys);
  objs.push({
    apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'numbers', namespace: 'default' }, data: { a: '1' }, numbers: numbers(),
    shapes: {
      emptyMap: {}, emptyList: [], nullValue: null, t: true, f: false, listOfEmpty: [{}, [], null, ''], listOfLists: [[1, [2, [3, []]]], [{ a: [{ b: {} }] }]],
      listOfMaps: [{ name: 'a', ports: [{ port: 80 }, { port: 443, protocol: 'TCP' }] }, { name: 'b', env: [] }],
      mapOfLists: { a: [1], b: [[]], c: [{}] }, html: '<b>&</b>', lsep: 'a\u2028b\u2029c', ctrl: '\u0001\u001f\b\f\u0085',
    },
  });
  const fz = { apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'fuzz', namespace: 'default' }, data: {}, keys: {}, lists: [] };
  const f = fuzzStrings(1500, 42);
  f.forEach((s, i) => {
    fz.data['f' + String(i).padStart(4, '0')] = s;
    const k = s.replace(/\u0085/g, '');
    if (i % 3 === 0) fz.keys[k] = s;
    if (i % 7 === 0) fz.lists.push([s, { [k.slice(0, 5)]: s }]);
  });
  objs.push(fz);
  YAML_REJECTED.forEach((s, i) => objs.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'ctrl' + i, namespace: 'default' }, stringData: { v: s } }));
  objs.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name: 'ctrlkey', namespace: 'default' }, stringData: { ['k\u007f']: 'v' } });
  // go-yaml's parser, reading kubectl's JSON: keys are simple keys, which must stay on one line
  // (U+0085 is a line break in YAML and Go's JSON writes it raw) and within 1024 characters
  const err = (name, data) => objs.push({ apiVersion: 'v1', kind: 'Secret', metadata: { name, namespace: 'default' }, stringData: data });
  err('nelkey', { ['k\u0085']: 'v' });
  err('nelkey2', { a: 'x\u0085y', b: 'p\u0085\u0085q', ['c\u0085\u0085']: 'v' });
  err('longkey1022', { ['k'.repeat(1022)]: 'v' });
  err('longkey1023', { ['k'.repeat(1023)]: 'v' });
  err('longkey-escaped', { ['<'.repeat(170)]: 'v', ['>'.repeat(171)]: 'v' });
  err('longkey-nel-before', { a: '\u0085', ['z'.repeat(1100)]: 'v' });
  err('longkey-unicode', { ['é'.repeat(1022)]: 'v' });
  err('longkey-unicode2', { ['😀'.repeat(1023)]: 'v' });
  err('docindicator', { a: 'x\u0085--- y' });
  err('docindicator2', { a: 'x\u0085\u0085... y', b: '\u0085---\u0085' });
  err('docindicator-ok', { a: 'x\u0085 --- y', b: 'x\u0085---y', c: '---\u0085', d: 'x\u0085---' });
  err('nel-values', { a: 'a\u0085b', b: 'x\u0085', c: '\u0085y', d: 'p \u0085 q', e: 'a\u0085\u0085b', f: '  \u0085  \u0085\u0085 x \u0085', g: '\u0085', h: 'a\u0085\tb', i: 'a\t\u0085b' });
  err('ctrl-and-long', { ['k'.repeat(1100)]: 'v', z: '\u007f' });
  // realistic objects
  objs.push({
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'my-nginx', namespace: 'default', uid: '0b0f6c9e-3a55-4a1c-8d7b-5f7e1a2b3c4d', resourceVersion: '1234', creationTimestamp: '2026-11-21T16:19:07Z', labels: { app: 'my-nginx' } },
    spec: {
      clusterIP: '10.96.12.34', clusterIPs: ['10.96.12.34'], internalTrafficPolicy: 'Cluster', ipFamilies: ['IPv4'], ipFamilyPolicy: 'SingleStack',
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }, { name: 'https', port: 443, protocol: 'TCP', targetPort: 'https' }],
      selector: { app: 'my-nginx' }, sessionAffinity: 'None', type: 'ClusterIP',
    },
    status: { loadBalancer: {} },
  });
  objs.push({
    apiVersion: 'v1', kind: 'Service',
    metadata: { name: 'lb', namespace: 'default', resourceVersion: '1240', creationTimestamp: '2026-11-21T16:20:00Z' },
    spec: {
      allocateLoadBalancerNodePorts: true, clusterIP: '10.96.0.99', clusterIPs: ['10.96.0.99'], externalTrafficPolicy: 'Cluster',
      ports: [{ nodePort: 31234, port: 8080, protocol: 'TCP', targetPort: 8080 }], selector: { app: 'lb' }, sessionAffinity: 'None', type: 'LoadBalancer',
    },
    status: { loadBalancer: { ingress: [{ ip: '172.18.255.200', ipMode: 'VIP' }] } },
  });
  objs.push({
    apiVersion: 'apps/v1', kind: 'Deployment',
    metadata: {
      annotations: { 'deployment.kubernetes.io/revision': '1', 'kubectl.kubernetes.io/last-applied-configuration': '{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"annotations":{},"name":"my-nginx","namespace":"default"},"spec":{"replicas":2,"selector":{"matchLabels":{"app":"my-nginx"}},"template":{"metadata":{"labels":{"app":"my-nginx"}},"spec":{"containers":[{"image":"nginx","name":"nginx","ports":[{"containerPort":80}]}]}}}}\n' },
      creationTimestamp: '2026-11-21T16:19:07Z', generation: 1, labels: { app: 'my-nginx' }, name: 'my-nginx', namespace: 'default', resourceVersion: '1300', uid: 'd9e0f1a2-b3c4-4d5e-8f90-a1b2c3d4e5f6',
    },
    spec: {
      progressDeadlineSeconds: 600, replicas: 2, revisionHistoryLimit: 10, selector: { matchLabels: { app: 'my-nginx' } },
      strategy: { rollingUpdate: { maxSurge: '25%', maxUnavailable: '25%' }, type: 'RollingUpdate' },
      template: {
        metadata: { creationTimestamp: null, labels: { app: 'my-nginx' } },
        spec: {
          containers: [{ image: 'nginx', imagePullPolicy: 'Always', name: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
          dnsPolicy: 'ClusterFirst', restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, terminationGracePeriodSeconds: 30,
        },
      },
    },
    status: {
      availableReplicas: 2, conditions: [
        { lastTransitionTime: '2026-11-21T16:19:20Z', lastUpdateTime: '2026-11-21T16:19:20Z', message: 'Deployment has minimum availability.', reason: 'MinimumReplicasAvailable', status: 'True', type: 'Available' },
        { lastTransitionTime: '2026-11-21T16:19:07Z', lastUpdateTime: '2026-11-21T16:19:20Z', message: 'ReplicaSet "my-nginx-7c5ddbdf54" has successfully progressed.', reason: 'NewReplicaSetAvailable', status: 'True', type: 'Progressing' },
      ], observedGeneration: 1, readyReplicas: 2, replicas: 2, updatedReplicas: 2,
    },
  });
  objs.push({
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      creationTimestamp: '2026-11-21T16:19:07Z', generateName: 'my-nginx-7c5ddbdf54-', labels: { app: 'my-nginx', 'pod-template-hash': '7c5ddbdf54' },
      name: 'my-nginx-7c5ddbdf54-2xkqp', namespace: 'default',
      ownerReferences: [{ apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'ReplicaSet', name: 'my-nginx-7c5ddbdf54', uid: 'aaaa-bbbb' }],
      resourceVersion: '1290', uid: '11111111-2222-3333-4444-555555555555',
    },
    spec: {
      containers: [{
        image: 'nginx', imagePullPolicy: 'Always', name: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {},
        terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File',
        volumeMounts: [{ mountPath: '/var/run/secrets/kubernetes.io/serviceaccount', name: 'kube-api-access-x7k2p', readOnly: true }],
        command: ['sh', '-c', 'echo "hello world" && sleep 3600'], env: [{ name: 'A', value: 'true' }, { name: 'B', value: '8080' }, { name: 'C', valueFrom: { fieldRef: { apiVersion: 'v1', fieldPath: 'status.podIP' } } }],
      }],
      dnsPolicy: 'ClusterFirst', enableServiceLinks: true, nodeName: 'kind-worker', preemptionPolicy: 'PreemptLowerPriority', priority: 0, restartPolicy: 'Always',
      schedulerName: 'default-scheduler', securityContext: {}, serviceAccount: 'default', serviceAccountName: 'default', terminationGracePeriodSeconds: 30,
      tolerations: [{ effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 }, { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 }],
      volumes: [{ name: 'kube-api-access-x7k2p', projected: { defaultMode: 420, sources: [{ serviceAccountToken: { expirationSeconds: 3607, path: 'token' } }, { configMap: { items: [{ key: 'ca.crt', path: 'ca.crt' }], name: 'kube-root-ca.crt' } }, { downwardAPI: { items: [{ fieldRef: { apiVersion: 'v1', fieldPath: 'metadata.namespace' }, path: 'namespace' }] } }] } }],
    },
    status: {
      conditions: [{ lastProbeTime: null, lastTransitionTime: '2026-11-21T16:19:10Z', status: 'True', type: 'PodReadyToStartContainers' }, { lastProbeTime: null, lastTransitionTime: '2026-11-21T16:19:07Z', status: 'True', type: 'Initialized' }],
      containerStatuses: [{ containerID: 'containerd://abc', image: 'docker.io/library/nginx:latest', imageID: 'docker.io/library/nginx@sha256:0123', lastState: {}, name: 'nginx', ready: true, restartCount: 0, started: true, state: { running: { startedAt: '2026-11-21T16:19:10Z' } } }],
      hostIP: '172.18.0.3', hostIPs: [{ ip: '172.18.0.3' }], phase: 'Running', podIP: '10.244.1.5', podIPs: [{ ip: '10.244.1.5' }], qosClass: 'BestEffort', startTime: '2026-11-21T16:19:07Z',
    },
  });
  return objs;
}
