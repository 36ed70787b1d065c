// Custom resources and CRDs printed as the REAL kubectl 1.32 printed them (goldens in
// test/golden/crd, recorded by its _recorder against a stand-in server that serves CRDs and
// the apiextensions server's Tables): get tables with additionalPrinterColumns (wide-only
// columns, -A, named, kind prefixes), NAME/AGE without columns, CREATED AT for CRDs, describe,
// -o json|yaml|name|custom-columns|jsonpath.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import type { KObject } from '../src/api/types';
import { setCustomKindsSource, KindInfo } from '../src/api/kinds';
import { kindOfCrd } from '../src/api/crd';
import { parseResourceArgs } from '../src/cli/resources';
import { printTables, TableGroup } from '../src/printers/table/index';
import { describeObject, joinDescriptions } from '../src/printers/describe/index';
import { parseOutput, compilePrinter } from '../src/printers/output';
import type { ClusterReader } from '../src/api/types';

process.env.TZ = 'UTC';
const dir = path.join(__dirname, '..', '..', 'test', 'golden', 'crd');
const objects: KObject[] = JSON.parse(fs.readFileSync(path.join(dir, 'objects.json'), 'utf8')).items;
const cases: { name: string; args: string[] }[] = JSON.parse(fs.readFileSync(path.join(dir, 'cases.json'), 'utf8'));
const NOW = new Date('2024-05-01T12:00:00Z');
const read = (f: string) => (fs.existsSync(f) ? fs.readFileSync(f, 'utf8') : '');

const index = objects.filter((o) => o.kind === 'CustomResourceDefinition').map((c) => kindOfCrd(c)!)
  .sort((a, b) => (a.group < b.group ? -1 : a.group > b.group ? 1 : 0));
setCustomKindsSource({ meta: (k) => (k === 'crd-kinds' ? JSON.stringify(index) : undefined), getJson: () => undefined });

const reader: ClusterReader = {
  get: (kind, ns, name) => objects.find((o) => o.kind === kind && o.metadata.name === name && (o.metadata.namespace ?? '') === (ns ?? '')),
  list: (kind, ns) => objects.filter((o) => o.kind === kind && (ns === undefined || (o.metadata.namespace ?? '') === ns))
    .sort((a, b) => ((a.metadata.namespace ?? '') + '/' + a.metadata.name < (b.metadata.namespace ?? '') + '/' + b.metadata.name ? -1 : 1)),
  now: () => NOW,
};

function run(args: string[]): string {
  const [verb, ...rest] = args;
  let ns = 'default', all = false, output: string | undefined;
  const pos: string[] = [];
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '-A') all = true;
    else if (rest[i] === '-n') ns = rest[++i];
    else if (rest[i] === '-o') output = rest[++i];
    else pos.push(rest[i]);
  }
  const { requests } = parseResourceArgs(pos);
  const fetch = (info: KindInfo, names: string[]) => {
    const scope = info.namespaced && !all ? ns : undefined;
    const listed = reader.list(info.kind, scope).filter((o) => o.apiVersion.startsWith(info.group + '/') || !info.group);
    return names.length ? names.map((n) => listed.find((o) => o.metadata.name === n)!) : listed;
  };
  if (verb === 'describe') {
    return joinDescriptions(requests.flatMap((r) => fetch(r.info, r.names)).map((o) => describeObject(o, reader, { showEvents: true })));
  }
  if (!output || output === 'wide') {
    const groups: TableGroup[] = requests.map((r) => ({ kind: r.info.kind, resource: r.info, objects: fetch(r.info, r.names), named: r.names.length > 0 }));
    return printTables(groups, { wide: output === 'wide', allNamespaces: all, now: NOW });
  }
  const objs = requests.flatMap((r) => fetch(r.info, r.names));
  const single = requests.length === 1 && requests[0].names.length === 1 ? objs[0] : undefined;
  return compilePrinter(parseOutput(output))({ single, items: objs }).out;
}

for (const c of cases) {
  test(`kubectl ${c.args.join(' ')}  [${c.name}]`, () => {
    assert.equal(read(path.join(dir, c.name + '.err')), '');
    assert.equal(run(c.args), read(path.join(dir, c.name + '.out')));
  });
}

test('the index entry a CRD makes: names, scope, preferred version, columns, categories', () => {
  const ct = index.find((k) => k.kind === 'CronTab')!;
  assert.deepEqual([ct.plural, ct.singular, ct.shortNames, ct.namespaced, ct.group, ct.version], ['crontabs', 'crontab', ['ct'], true, 'stable.example.com', 'v1']);
  assert.deepEqual(ct.custom!.columns.map((c) => c.name), ['Spec', 'Replicas', 'Age', 'Image']);
  const b = index.find((k) => k.kind === 'Backup')!;
  assert.deepEqual([b.namespaced, b.categories, b.version], [false, ['all'], 'v1alpha1']);
});
