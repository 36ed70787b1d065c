// A request body over 3 MiB gets the API server's 413 (`Request entity too large: limit is
// 3145728`) at once: kubectl still parses the manifest first (go-yaml reads a 10 MB scalar in
// milliseconds, and so must we), and the server refuses the body before it decodes it or looks
// the object up (create, replace of an object that does not exist, apply's PATCH).
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster, Cluster, KUBECTL } from './helpers/kubectl';
import { parseYaml } from '../src/api/goyaml';

const BIG = 'a'.repeat(10 * 1024 * 1024);
const TOO_LARGE = 'Request entity too large: limit is 3145728';
const deployment = (image: string) => `apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: huge\nspec:\n  selector:\n    matchLabels: {app: huge}\n  template:\n    metadata:\n      labels: {app: huge}\n    spec:\n      containers:\n      - name: c\n        image: ${image}\n`;

let c: Cluster;
before(() => {
  c = cluster();
  fs.writeFileSync(path.join(c.home, 'plain.yaml'), deployment(BIG));
  fs.writeFileSync(path.join(c.home, 'quoted.yaml'), deployment(`"${BIG}"`));
  fs.writeFileSync(path.join(c.home, 'single.yaml'), deployment(`'${BIG}'`));
  fs.writeFileSync(path.join(c.home, 'pod.json'), JSON.stringify({ apiVersion: 'v1', kind: 'Pod', metadata: { name: 'hj' }, spec: { containers: [{ name: 'c', image: BIG }] } }));
});
after(() => c.cleanup());

test('a 10 MB plain or quoted scalar parses in well under a second (one slice, not 10 million appends)', () => {
  for (const img of [BIG, `"${BIG}"`, `'${BIG}'`, `nginx:${BIG}#x`]) {
    const t = process.hrtime.bigint();
    const v = parseYaml(`image: ${img}\nnext: 1\n`) as any;
    const ms = Number(process.hrtime.bigint() - t) / 1e6;
    assert.equal(v.image.length, img.replace(/^["']|["']$/g, '').length);
    assert.equal(v.next, 1);
    assert.ok(ms < 1500, `${ms} ms`);
  }
  // the fast path keeps the scanner's marks: an error after a long scalar names the right line
  assert.throws(() => parseYaml(`a: ${'x'.repeat(100000)}\nb: [\n`), /^Error: yaml: line 2: did not find expected node content$/);
});

for (const f of ['plain.yaml', 'quoted.yaml', 'single.yaml', 'pod.json']) {
  test(`create -f ${f} with a 10 MB image: 413, nothing created`, () => {
    const r = c.k('create', '-f', f);
    assert.equal(r.code, 1);
    assert.equal(r.stdout, '');
    assert.equal(r.stderr, `Error from server (RequestEntityTooLarge): error when creating "${f}": ${TOO_LARGE}\n`);
  });
}

test('replace of an object that does not exist: the body is refused before the lookup', () => {
  const r = c.k('replace', '-f', 'pod.json');
  assert.equal(r.stderr, `Error from server (RequestEntityTooLarge): error when replacing "pod.json": ${TOO_LARGE}\n`);
  assert.equal(r.code, 1);
});

test("apply to a live object: its PATCH is refused for its size", () => {
  assert.equal(c.k('create', 'deployment', 'huge', '--image=nginx').code, 0);
  // kubectl prints the whole patch in its message: more than a pipe buffer, so to a file
  const r = c.sh(`${KUBECTL} apply -f plain.yaml 2>err.txt`);
  assert.equal(r.code, 1);
  const stderr = fs.readFileSync(path.join(c.home, 'err.txt'), 'utf8');
  assert.match(stderr, /^Error from server \(RequestEntityTooLarge\): error when applying patch:\n\{/m);
  assert.ok(stderr.endsWith(`for: "plain.yaml": error when patching "plain.yaml": ${TOO_LARGE}\n`));
  assert.equal(c.k('get', 'deployment', 'huge', '-o', 'jsonpath={.spec.template.spec.containers[0].image}').stdout, 'nginx');
  assert.equal(c.k('get', 'pods', 'hj', '-o', 'name').code, 1);
});
