// A deterministic corpus of bad inputs for bin/kubectl: manifests (truncated, wrong types, huge
// numbers, deep nesting, YAML aliases, huge strings, binary, invalid names) grouped into
// directories that one `kubectl create -f DIR` reads file by file, and command lines (bad flags,
// bad selectors, bad names) run one process each. See test/e2e-bad-inputs.test.ts.

export interface ManifestGroup { name: string; files: Record<string, string | Buffer>; args: string[] }
export interface CommandCase { id: string; args: string[]; input?: string }

/** A small seeded PRNG (mulberry32), so the corpus is the same on every run. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const deployment = (name: string) => ({
  apiVersion: 'apps/v1', kind: 'Deployment', metadata: { name, labels: { app: name } },
  spec: {
    replicas: 1, revisionHistoryLimit: 2, selector: { matchLabels: { app: name } },
    template: { metadata: { labels: { app: name } }, spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }] } },
  },
});
const service = (name: string) => ({
  apiVersion: 'v1', kind: 'Service', metadata: { name },
  spec: { selector: { app: 'web' }, ports: [{ port: 80, targetPort: 8080, protocol: 'TCP' }] },
});
const pod = (name: string) => ({
  apiVersion: 'v1', kind: 'Pod', metadata: { name },
  spec: { containers: [{ name: 'c', image: 'nginx', ports: [{ containerPort: 80 }] }], terminationGracePeriodSeconds: 30 },
});
const configMap = (name: string) => ({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name }, data: { a: 'b' } });

/** A YAML text of a JSON-able value, block style (enough for these objects). */
function yaml(v: any, indent = ''): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v);
  if (Array.isArray(v)) {
    if (!v.length) return '[]';
    return v.map((x) => `\n${indent}- ${yaml(x, indent + '  ').replace(/^\n\s*/, '')}`).join('');
  }
  const keys = Object.keys(v);
  if (!keys.length) return '{}';
  return keys.map((k) => `\n${indent}${k}: ${yaml(v[k], indent + '  ')}`.replace(/: \n/, ':\n')).join('');
}
const toYaml = (v: any) => yaml(v).replace(/^\n/, '') + '\n';

function setPath(o: any, path: string, value: unknown): any {
  const c = JSON.parse(JSON.stringify(o));
  const parts = path.split('.');
  let cur = c;
  for (let i = 0; i < parts.length - 1; i++) {
    const p = /^\d+$/.test(parts[i]) ? Number(parts[i]) : parts[i];
    if (cur[p] === undefined || cur[p] === null || typeof cur[p] !== 'object') cur[p] = {};
    cur = cur[p];
  }
  cur[parts[parts.length - 1]] = value;
  return c;
}

export function manifestGroups(): ManifestGroup[] {
  const groups: ManifestGroup[] = [];
  const create = ['create', '-f'];

  // 1. truncated documents (YAML and JSON) at 16 points each
  {
    const files: Record<string, string> = {};
    const bases: [string, any][] = [['deploy', deployment('trunc')], ['svc', service('trunc')], ['pod', pod('trunc')], ['cm', configMap('trunc')]];
    for (const [n, o] of bases) {
      const texts: [string, string][] = [['yaml', toYaml(o)], ['json', JSON.stringify(o, null, 2)]];
      for (const [ext, text] of texts) {
        for (let k = 1; k <= 16; k++) {
          const cut = Math.max(1, Math.floor((text.length * k) / 17));
          files[`${n}-${String(k).padStart(2, '0')}.${ext}`] = text.slice(0, cut);
        }
      }
    }
    groups.push({ name: 'truncated', files, args: create });
  }

  // 2. wrong types at typed fields
  {
    const files: Record<string, string> = {};
    const fields: [string, any][] = [
      ['spec.replicas', deployment('wt')], ['spec.selector', deployment('wt')], ['spec.template.spec.containers', deployment('wt')],
      ['spec.template.spec.containers.0.image', deployment('wt')], ['spec.template.spec.containers.0.ports.0.containerPort', deployment('wt')],
      ['spec.revisionHistoryLimit', deployment('wt')], ['spec.strategy', deployment('wt')], ['metadata.labels', deployment('wt')],
      ['spec.ports.0.port', service('wt')], ['spec.ports.0.targetPort', service('wt')], ['spec.type', service('wt')],
      ['spec.clusterIP', service('wt')], ['spec.selector', service('wt')], ['spec.ports', service('wt')],
      ['spec.containers.0.env', pod('wt')], ['spec.terminationGracePeriodSeconds', pod('wt')], ['spec.containers.0.command', pod('wt')],
      ['spec.containers.0.resources.limits', pod('wt')], ['spec.nodeName', pod('wt')], ['metadata.annotations', pod('wt')],
      ['data', configMap('wt')], ['data.a', configMap('wt')], ['metadata.name', configMap('wt')], ['kind', configMap('wt')], ['apiVersion', configMap('wt')],
    ];
    const values: [string, unknown][] = [['str', 'x'], ['num', 7], ['neg', -1], ['frac', 1.5], ['bool', true], ['list', [1]], ['map', { a: 1 }], ['null', null]];
    fields.forEach(([path, base], i) => {
      for (const [vn, v] of values) files[`f${String(i).padStart(2, '0')}-${vn}.json`] = JSON.stringify(setPath(base, path, v));
    });
    groups.push({ name: 'wrong-types', files, args: create });
  }

  // 3. huge and odd numbers (JSON text keeps the literal; YAML too)
  {
    const files: Record<string, string> = {};
    const lits = ['2147483648', '-2147483649', '9223372036854775807', '9223372036854775808', '99999999999999999999', '1e309', '-1e309', '1e30', '123456789012345678', '0.5', '-0', '1E2', '0x10', '1_000'];
    const at: [string, (lit: string) => string][] = [
      ['replicas', (l) => `{"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"n"},"spec":{"replicas":${l},"selector":{"matchLabels":{"a":"b"}},"template":{"metadata":{"labels":{"a":"b"}},"spec":{"containers":[{"name":"c","image":"nginx"}]}}}}`],
      ['port', (l) => `{"apiVersion":"v1","kind":"Service","metadata":{"name":"n"},"spec":{"ports":[{"port":${l}}]}}`],
      ['grace', (l) => `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"n"},"spec":{"terminationGracePeriodSeconds":${l},"containers":[{"name":"c","image":"nginx"}]}}`],
    ];
    lits.forEach((l, i) => {
      for (const [n, f] of at) {
        files[`${n}-${String(i).padStart(2, '0')}.json`] = f(l);
        files[`${n}-${String(i).padStart(2, '0')}.yaml`] = toYaml(JSON.parse(f('0'))).replace(/: 0\n/, `: ${l}\n`);
      }
    });
    groups.push({ name: 'numbers', files, args: ['create', '--dry-run=server', '-f'] });
  }

  // 4. deep nesting, 5. aliases
  {
    const files: Record<string, string> = {};
    for (const d of [100, 3000, 10000, 10001]) {
      files[`obj-${d}.json`] = '{"a":'.repeat(d) + '1' + '}'.repeat(d);
      files[`arr-${d}.json`] = '['.repeat(d) + ']'.repeat(d);
      files[`pod-${d}.json`] = `{"apiVersion":"v1","kind":"Pod","metadata":{"name":"deep"},"spec":{"containers":[{"name":"c","image":"nginx"}]},"x":${'['.repeat(d)}${']'.repeat(d)}}`;
      files[`flow-${d}.yaml`] = 'a: ' + '['.repeat(d) + ']'.repeat(d) + '\n';
    }
    for (const d of [100, 2000]) files[`block-${d}.yaml`] = Array.from({ length: d }, (_, i) => ' '.repeat(i) + 'a:').join('\n') + ' 1\n';
    groups.push({ name: 'deep', files, args: create });
  }
  {
    const files: Record<string, string> = {};
    for (const levels of [2, 4, 6, 9]) {
      let t = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bomb}\ndata:\n  a: &a ["lol","lol","lol","lol","lol","lol","lol","lol","lol"]\n';
      const names = 'bcdefghij';
      for (let i = 0; i < levels - 1; i++) t += `  ${names[i]}: &${names[i]} [${Array(9).fill('*' + (i ? names[i - 1] : 'a')).join(',')}]\n`;
      files[`bomb-${levels}.yaml`] = t;
    }
    files['self.yaml'] = 'a: &x [*x]\n';
    files['unknown.yaml'] = 'kind: ConfigMap\napiVersion: v1\nmetadata: {name: *nope}\n';
    files['merge-seq.yaml'] = 'base: &b [1]\nm:\n  <<: *b\n';
    files['merge-ok.yaml'] = 'apiVersion: v1\nkind: ConfigMap\nmetadata: &m {name: merged}\ndata:\n  <<: {a: "1"}\n  b: "2"\n';
    files['merge-scalar.yaml'] = 'm:\n  <<: 1\n';
    files['anchor-key.yaml'] = '? &k [1]\n: v\n';
    files['alias-name.yaml'] = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: &n al\n  labels: {x: *n}\ndata: {k: *n}\n';
    files['many-aliases.yaml'] = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: many}\ndata:\n  a: &a "x"\n' + Array.from({ length: 2000 }, (_, i) => `  k${i}: *a\n`).join('');
    groups.push({ name: 'aliases', files, args: create });
  }

  // 6. huge strings, invalid names
  {
    const files: Record<string, string> = {};
    const cm = (name: string, extra: any = {}) => JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name, ...extra }, data: { a: 'b' } });
    files['name-254.json'] = cm('a'.repeat(254));
    files['name-253.json'] = cm('a'.repeat(253));
    files['label-64.json'] = cm('l', { labels: { a: 'b'.repeat(64) } });
    files['label-key-long.json'] = cm('l2', { labels: { ['k'.repeat(64)]: 'v' } });
    files['annotation-300k.json'] = cm('ann', { annotations: { a: 'x'.repeat(300000) } });
    files['data-1m.json'] = JSON.stringify({ apiVersion: 'v1', kind: 'ConfigMap', metadata: { name: 'big' }, data: { a: 'x'.repeat(1100000) } });
    files['image-3.2m.json'] = JSON.stringify(setPath(pod('bigimage'), 'spec.containers.0.image', 'i'.repeat(3300000)));
    files['image-1k.json'] = JSON.stringify(setPath(pod('longimage'), 'spec.containers.0.image', 'i'.repeat(1000)));
    const badNames = ['', 'UPPER', 'under_score', '-lead', 'trail-', 'dot.ted', 'sp ace', 'ünï', '..', 'a/b', '%2e', 'x'.repeat(64), '0123', 'a:b', 'tab\tname', 'new\nline', '*', 'null'];
    badNames.forEach((n, i) => {
      files[`svc-name-${String(i).padStart(2, '0')}.json`] = JSON.stringify({ ...service('x'), metadata: { name: n } });
      files[`deploy-name-${String(i).padStart(2, '0')}.json`] = JSON.stringify({ ...deployment('x'), metadata: { name: n } });
      files[`ns-${String(i).padStart(2, '0')}.json`] = JSON.stringify({ ...configMap('x'), metadata: { name: 'x', namespace: n } });
    });
    groups.push({ name: 'strings-names', files, args: create });
  }

  // 7. binary and encodings
  {
    const files: Record<string, string | Buffer> = {};
    const r = rng(13);
    for (let i = 0; i < 12; i++) {
      const len = 1 + Math.floor(r() * 400);
      files[`random-${String(i).padStart(2, '0')}.yaml`] = Buffer.from(Array.from({ length: len }, () => Math.floor(r() * 256)));
    }
    files['nul.yaml'] = Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: n\u0000ul}\n');
    files['bom.yaml'] = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: bom}\n')]);
    files['utf16.yaml'] = Buffer.from('\ufeffapiVersion: v1\nkind: ConfigMap\nmetadata: {name: u16}\n', 'utf16le');
    files['latin1.yaml'] = Buffer.from([...Buffer.from('apiVersion: v1\nkind: ConfigMap\nmetadata: {name: l}\ndata: {a: "'), 0xe9, 0xff, ...Buffer.from('"}\n')]);
    files['ctrl.json'] = Buffer.from('{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"},"data":{"a":"\u0001"}}');
    files['tabs.yaml'] = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n\tname: t\n';
    files['only-dashes.yaml'] = '---\n---\n---\n';
    files['bad-separator.yaml'] = '--- x\napiVersion: v1\n';
    files['empty.yaml'] = '';
    files['scalar.yaml'] = 'just a string\n';
    files['list.yaml'] = '- a\n- b\n';
    files['number.json'] = '42';
    files['string.json'] = '"str"';
    files['two-json.json'] = '{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j1"}} {"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"j2"}} xx';
    files['list-kind.json'] = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: [1, 'a', null, { kind: 'ConfigMap' }, { apiVersion: 'v1', kind: 'Nope', metadata: { name: 'n' } }] });
    files['list-items-obj.json'] = JSON.stringify({ apiVersion: 'v1', kind: 'List', items: { a: 1 } });
    files['kind-only.yaml'] = 'kind: ConfigMap\n';
    files['no-kind.yaml'] = 'apiVersion: v1\nmetadata: {name: x}\n';
    files['unknown-kind.yaml'] = 'apiVersion: v1\nkind: Gizmo\nmetadata: {name: x}\n';
    files['unknown-version.yaml'] = 'apiVersion: apps/v9\nkind: Deployment\nmetadata: {name: x}\n';
    files['dup-keys.yaml'] = 'apiVersion: v1\nkind: ConfigMap\nmetadata: {name: d}\nmetadata: {name: e}\n';
    files['patch-directive.json'] = JSON.stringify({ ...configMap('dir'), $patch: 'delete' });
    files['status-only.json'] = JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'st' }, status: { phase: 'Running' } });
    groups.push({ name: 'binary-encodings', files, args: create });
  }

  // 8. the same bad documents through apply and replace (their own decode and merge paths)
  {
    const files: Record<string, string> = {};
    files['rhl.yaml'] = toYaml(setPath(deployment('rhl'), 'spec.revisionHistoryLimit', -1));
    files['minready.yaml'] = toYaml(setPath(deployment('mr'), 'spec.minReadySeconds', -5));
    files['replicas-neg.yaml'] = toYaml(setPath(deployment('rn'), 'spec.replicas', -3));
    files['port-1e309.yaml'] = 'apiVersion: v1\nkind: Service\nmetadata: {name: p}\nspec:\n  ports: [{port: 1e309}]\n';
    files['svc-noport.yaml'] = 'apiVersion: v1\nkind: Service\nmetadata: {name: np}\nspec:\n  ports: [{name: x}]\n';
    files['svc-selector-list.yaml'] = 'apiVersion: v1\nkind: Service\nmetadata: {name: sl}\nspec:\n  selector: [a]\n  ports: [{port: 80}]\n';
    files['lastapplied-bad.yaml'] = 'apiVersion: v1\nkind: ConfigMap\nmetadata:\n  name: la\n  annotations: {kubectl.kubernetes.io/last-applied-configuration: "{not json"}\n';
    files['containers-empty.yaml'] = toYaml(setPath(deployment('ce'), 'spec.template.spec.containers', []));
    files['selector-mismatch.yaml'] = toYaml(setPath(deployment('sm'), 'spec.selector.matchLabels', { other: 'x' }));
    files['env-bad.yaml'] = toYaml(setPath(pod('env'), 'spec.containers.0.env', [{ name: '1=bad', value: 'x' }, { value: 'noname' }]));
    files['quantity-bad.yaml'] = toYaml(setPath(pod('q'), 'spec.containers.0.resources', { limits: { cpu: 'lots' } }));
    files['probe-bad.yaml'] = toYaml(setPath(pod('pr'), 'spec.containers.0.readinessProbe', { httpGet: { port: 'no_such-port-name-too-long' } }));
    groups.push({ name: 'apply', files, args: ['apply', '-f'] });
    groups.push({ name: 'replace', files, args: ['replace', '-f'] });
  }
  return groups;
}

export function commandCases(): CommandCase[] {
  const cases: CommandCase[] = [];
  const add = (id: string, ...args: string[]) => cases.push({ id, args });

  // bad flags
  const ints = ['abc', '', '1.5', '0x', '0x10', '010', '1_0', '_1', '2147483647x', '2147483648', '9223372036854775807', '9223372036854775808', '99999999999999999999', '-1', '-0', '+3', '1e3', ' 1'];
  ints.forEach((v, i) => add(`scale-replicas-${i}`, 'scale', 'deployment', 'web', `--replicas=${v}`, '--dry-run=server'));
  ['abc', '99999999999', '-1', '1.0'].forEach((v, i) => add(`v-${i}`, 'get', 'pods', `-v=${v}`));
  ['abc', '-1', '1x', '1.5s', '', '0', '2147483648', '1h1m'].forEach((v, i) => add(`request-timeout-${i}`, 'get', 'nodes', '-o', 'name', `--request-timeout=${v}`));
  add('watch-timeout', 'get', 'pods', '-w', '--request-timeout=abc');
  ['yes', 'maybe', '2', 'TRUE '].forEach((v, i) => add(`bool-${i}`, 'get', 'pods', `--show-labels=${v}`));
  ['--nope', '-Z', '--replicas', '-', '---', '--=x', '-n', '--namespace=', '-o', '--output=wide=x'].forEach((f, i) => add(`flag-${i}`, 'get', 'pods', f));
  ['yaml=x', 'jsonpath', 'jsonpath={', 'jsonpath={.items[}', 'go-template={{', 'go-template={{.nope.x.y}}', 'custom-columns=', 'custom-columns=A', 'custom-columns=A:{.x', 'template', 'xml', 'json,yaml', 'jsonpath={.items[999999999999999999999]}', 'go-template={{index .items 99999999999}}', 'jsonpath={range .items[*]}{.x}'].forEach((o, i) => add(`output-${i}`, 'get', 'pods', '-o', o));
  ['abc', '-1s', '1y', '99999999999999999999h'].forEach((v, i) => add(`wait-timeout-${i}`, 'wait', '--for=condition=Ready', 'pod', '--all', `--timeout=${v}`));
  ['--for=nope', '--for=condition=', '--for=jsonpath={', '--for=delete=x'].forEach((v, i) => add(`wait-for-${i}`, 'wait', v, 'pod', '--all', '--timeout=0s'));
  ['-1', 'abc', '99999999999999999999'].forEach((v, i) => add(`logs-tail-${i}`, 'logs', 'deploy/web', `--tail=${v}`));
  ['abc', '-5s', '1e9h'].forEach((v, i) => add(`logs-since-${i}`, 'logs', 'deploy/web', `--since=${v}`));
  ['70000', '0', '-1', 'abc', '80:abc', '2147483648'].forEach((v, i) => add(`expose-port-${i}`, 'expose', 'deployment', 'web', `--port=${v}`, '--name=e', '--dry-run=server'));
  ['70000', '-1', 'abc'].forEach((v, i) => add(`create-svc-port-${i}`, 'create', 'service', 'clusterip', 'c', `--tcp=${v}`, '--dry-run=server'));
  ['0', '-2', '2147483648', 'x'].forEach((v, i) => add(`create-deploy-replicas-${i}`, 'create', 'deployment', 'd', '--image=nginx', `--replicas=${v}`, '--dry-run=server'));
  ['--type=nope', '--type=json', '--type=merge', '--type=strategic'].forEach((t, i) => {
    ['{', '[]', '{"$patch":"delete"}', '{"metadata":null}', '{"spec":{"replicas":"x"}}', '[{"op":"nope"}]', 'null', '{"spec":{"replicas":2147483648}}'].forEach((p, j) => add(`patch-${i}-${j}`, 'patch', 'deployment', 'web', t, '-p', p, '--dry-run=server'));
  });
  ['{"$patch":"delete"}', '{"metadata":{"name":"other"}}', '{"metadata":{"namespace":"kube-system"}}'].forEach((p, i) => add(`patch-client-${i}`, 'patch', 'deployment', 'web', '-p', p, '--dry-run=client'));

  // bad selectors
  const labelSels = ['bad selector', 'a in (b', 'a in ()', 'a notin', '!', '!a,', ',', 'a=b,', '=b', 'a==', 'a!=', 'a=b=c', 'a in (b,c', 'a gt 1', 'a>1', 'a<b', 'a=' + 'x'.repeat(64), 'x'.repeat(300) + '=a', '-a=b', 'a/b/c=d', 'A B', 'a=b c', 'a,,b', 'ä=ö', 'a in (b)) ', '(a)', 'a in (' + Array.from({ length: 200 }, (_, i) => 'v' + i).join(',') + ')', '!a=b', 'a = b', '\u0001', '%', 'a=b\nc=d'];
  labelSels.forEach((l, i) => add(`label-selector-${i}`, 'get', 'pods', '-l', l));
  labelSels.slice(0, 8).forEach((l, i) => add(`delete-selector-${i}`, 'delete', 'pods', '-l', l, '--dry-run=server'));
  const fieldSels = ['status.phase', 'status.phase==', 'nope=1', 'metadata.name=a=b', 'spec.nodeName!=', ',', 'metadata.name in (a)', 'status.phase=Running,,', 'metadata.namespace=!', 'x'.repeat(500)];
  fieldSels.forEach((f, i) => add(`field-selector-${i}`, 'get', 'pods', '--field-selector', f));

  // bad names and resource arguments
  const names = ['UPPER', 'a_b', '-x', 'x-', 'a'.repeat(254), '..', '.', 'a/b', '%', '', ' ', 'ünï', 'a\nb', '*', 'deployment/'];
  names.forEach((n, i) => {
    add(`create-deploy-name-${i}`, 'create', 'deployment', n, '--image=nginx', '--dry-run=server');
    add(`get-pod-name-${i}`, 'get', 'pod', n);
    add(`create-ns-${i}`, 'create', 'namespace', n, '--dry-run=server');
  });
  ['deploy.foo', 'pod.apps', 'deployments.v1beta1.apps', 'po/', '/x', 'pods//x', 'foo/bar/baz', ',', 'pods,', 'all,nope', 'deploy.', '.apps', 'v1', 'Pod.v1.', 'x'.repeat(300)].forEach((r, i) => add(`resource-${i}`, 'get', r));
  ['', 'nope', 'a b'].forEach((img, i) => add(`run-image-${i}`, 'run', 'r', `--image=${img}`, '--dry-run=server'));
  add('describe-none', 'describe');
  add('label-bad-0', 'label', 'deploy', 'web', 'a=b=c', '--dry-run=server');
  add('label-bad-1', 'label', 'deploy', 'web', '=x', '--dry-run=server');
  add('label-bad-2', 'label', 'deploy', 'web', 'a b=c', '--dry-run=server');
  add('label-bad-3', 'label', 'deploy', 'web', 'x'.repeat(70) + '=1', '--dry-run=server');
  add('annotate-bad-0', 'annotate', 'deploy', 'web', '=x', '--dry-run=server');
  add('set-image-bad', 'set', 'image', 'deploy/web', 'nope=nginx', '--dry-run=server');
  add('set-env-bad', 'set', 'env', 'deploy/web', '1X=y', '--dry-run=server');
  add('set-resources-bad', 'set', 'resources', 'deploy/web', '--limits=cpu=lots', '--dry-run=server');
  add('rollout-undo-bad', 'rollout', 'undo', 'deploy/web', '--to-revision=99999999999999999999');
  add('rollout-history-bad', 'rollout', 'history', 'deploy/web', '--revision=-5');
  add('exec-deep', 'exec', 'deploy/web', '--', 'sh', '-c', '('.repeat(5000));
  add('exec-deep-subst', 'exec', 'deploy/web', '--', 'sh', '-c', 'echo ' + '$('.repeat(3000));
  add('exec-deep-braces', 'exec', 'deploy/web', '--', 'sh', '-c', '{ '.repeat(3000));
  add('top-bad', 'top', 'pods', '--sort-by=nope');
  add('sort-by-bad', 'get', 'pods', '--sort-by={.x[');
  add('config-bad', 'config', 'use-context', '');
  add('api-resources-bad', 'api-resources', '--api-group=nope', '-o', 'xml');
  add('explain-bad', 'explain', 'pods.spec.nope');
  add('unknown-verb', 'frobnicate');
  add('stdin-garbage', 'apply', '-f', '-');
  cases[cases.length - 1].input = '\u0000\u0001garbage: [';
  add('stdin-empty', 'create', '-f', '-');
  cases[cases.length - 1].input = '';
  return cases;
}
