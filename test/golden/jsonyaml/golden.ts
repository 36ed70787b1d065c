// Shared by the json/yaml printer tests (bundled into them, so __dirname is build/test/): the goldens recorded from real kubectl by
// test/golden/jsonyaml/record.mjs (fixture.json is what kubectl was served).
import * as fs from 'fs';
import * as path from 'path';

export const GOLDEN = path.join(__dirname, '..', '..', 'test', 'golden', 'jsonyaml');

export interface GoldenCase {
  name: string;
  args: string[];
  type: 'get' | 'typed';
  input?: { refs?: [string, string][]; single?: boolean; kind?: string };
  errors?: Record<'json' | 'yaml', { status: number; stdout: string; stderr: string } | undefined>;
}

export function read(file: string): string {
  return fs.readFileSync(path.join(GOLDEN, file), 'utf8');
}

export function cases(): GoldenCase[] {
  return JSON.parse(read('cases.json'));
}

let fixture: any[] | undefined;
export function fixtureObjects(): any[] {
  return (fixture ??= JSON.parse(read('fixture.json')));
}

/** What kubectl printed for a `get` case: the object, or the List of several. */
export function getInput(c: GoldenCase): { single?: any; items: any[] } {
  const objs = fixtureObjects();
  const inp = c.input!;
  if (inp.kind) return { items: objs.filter((o) => o.kind === inp.kind) };
  const items = inp.refs!.map(([kind, name]) => {
    const o = objs.find((x) => x.kind === kind && x.metadata.name === name);
    if (!o) throw new Error(`no ${kind} ${name} in fixture`);
    return o;
  });
  return inp.single ? { single: items[0], items } : { items };
}

/** The golden output for a format: { out } or { err, status } when kubectl failed. */
export function expected(c: GoldenCase, fmt: 'json' | 'yaml'): { out?: string; err?: string } {
  const e = c.errors?.[fmt];
  if (e) return e.status === 0 ? { out: e.stdout } : { err: e.stderr };
  return { out: read(`${c.name}.${fmt}`) };
}

/** Reverse the key order of every plain object (so order must come from the printer). */
export function scramble(v: any): any {
  if (Array.isArray(v)) return v.map(scramble);
  if (v && typeof v === 'object') {
    const out: any = {};
    for (const k of Object.keys(v).reverse()) out[k] = scramble(v[k]);
    return out;
  }
  return v;
}

/** A pod like the ones kubesim stores (~2.3 KB of compact JSON), for timing. */
export function samplePod(i: number): any {
  const name = `my-nginx-7c5ddbdf54-${(i * 7919).toString(36).padStart(5, 'x').slice(-5)}`;
  return {
    apiVersion: 'v1', kind: 'Pod',
    metadata: {
      creationTimestamp: '2026-11-21T16:19:07Z', generateName: 'my-nginx-7c5ddbdf54-', labels: { app: 'my-nginx', 'pod-template-hash': '7c5ddbdf54' },
      name, namespace: 'default', ownerReferences: [{ apiVersion: 'apps/v1', blockOwnerDeletion: true, controller: true, kind: 'ReplicaSet', name: 'my-nginx-7c5ddbdf54', uid: 'a6f0c1d2-3b4c-4d5e-8f90-a1b2c3d4e5f6' }],
      resourceVersion: String(1000 + i), uid: `11111111-2222-3333-4444-${String(i).padStart(12, '0')}`,
    },
    spec: {
      containers: [{ image: 'nginx', imagePullPolicy: 'Always', name: 'nginx', ports: [{ containerPort: 80, protocol: 'TCP' }], resources: {}, terminationMessagePath: '/dev/termination-log', terminationMessagePolicy: 'File' }],
      dnsPolicy: 'ClusterFirst', enableServiceLinks: true, nodeName: 'kind-worker', preemptionPolicy: 'PreemptLowerPriority', priority: 0, restartPolicy: 'Always', schedulerName: 'default-scheduler', securityContext: {}, serviceAccount: 'default', serviceAccountName: 'default', terminationGracePeriodSeconds: 30,
      tolerations: [{ effect: 'NoExecute', key: 'node.kubernetes.io/not-ready', operator: 'Exists', tolerationSeconds: 300 }, { effect: 'NoExecute', key: 'node.kubernetes.io/unreachable', operator: 'Exists', tolerationSeconds: 300 }],
    },
    status: {
      conditions: ['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled'].map((type) => ({ lastProbeTime: null, lastTransitionTime: '2026-11-21T16:19:10Z', status: 'True', type })),
      containerStatuses: [{ containerID: 'containerd://0123456789abcdef', image: 'docker.io/library/nginx:latest', imageID: 'docker.io/library/nginx@sha256:0123456789abcdef', lastState: {}, name: 'nginx', ready: true, restartCount: 0, started: true, state: { running: { startedAt: '2026-11-21T16:19:10Z' } } }],
      hostIP: '172.18.0.3', hostIPs: [{ ip: '172.18.0.3' }], phase: 'Running', podIP: `10.244.1.${i % 250}`, podIPs: [{ ip: `10.244.1.${i % 250}` }], qosClass: 'BestEffort', startTime: '2026-11-21T16:19:07Z',
    },
  };
}

/** go-yaml's key order is not a strict weak order for some odd keys, and Go's map order is
 *  random, so kubectl prints those in varying orders (the keys/fuzz ConfigMaps have many).
 *  For those goldens, compare the entries of each second-level mapping as a set. */
export const UNORDERED_KEYS = new Set(['get-cm-keys', 'get-cm-fuzz']);

export function normalizeSecondLevel(yaml: string): string {
  const lines = yaml.split('\n');
  const top: string[][] = [];
  for (const l of lines) {
    if (l.length && l[0] !== ' ' && l[0] !== '-') top.push([l]);
    else if (top.length) top[top.length - 1].push(l);
  }
  return top.map(([head, ...body]) => {
    const entries: string[][] = [];
    for (const l of body) {
      // a new entry: a line at indent 2 that is not a sequence item ("- x") or a complex key's
      // value (": x") and not deeper
      const item = (l[2] === '-' || l[2] === ':') && (l.length === 3 || l[3] === ' ');
      const starts = l.startsWith('  ') && l.length > 2 && l[2] !== ' ' && !item;
      if (starts || !entries.length) entries.push([l]);
      else entries[entries.length - 1].push(l);
    }
    return [head, ...entries.map((e) => e.join('\n')).sort()].join('\n');
  }).join('\n');
}
