// -o jsonpath and -o go-template of a large list are written as they are produced (the sink gets
// pieces while the list is printed), byte for byte what the unstreamed printer returns.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { compilePrinter, parseOutput } from '../src/printers/output';

const items = Array.from({ length: 20000 }, (_, i) => ({ apiVersion: 'v1', kind: 'Pod', metadata: { name: `pod-${i}`, namespace: 'default' }, spec: { nodeName: `node-${i % 7}` } })) as any[];

for (const o of [
  'jsonpath={range .items[*]}{.metadata.name}{"\\t"}{.spec.nodeName}{"\\n"}{end}',
  'jsonpath={.items[*].metadata.name}',
  'jsonpath-as-json={range .items[*]}{.metadata.name}{end}',
  'go-template={{range .items}}{{.metadata.name}} {{.spec.nodeName}}{{"\\n"}}{{end}}',
]) {
  test(`-o ${o} streams a list`, () => {
    const whole = compilePrinter(parseOutput(o))({ items });
    const pieces: string[] = [];
    const r = compilePrinter(parseOutput(o), { sink: (s) => pieces.push(s) })({ items });
    assert.equal(r.err, whole.err);
    assert.equal(pieces.join('') + r.out, whole.out);
    if (!o.includes('.items[*].metadata.name}')) {
      // written in pieces of about 64 KB, not kept to the end
      assert.ok(pieces.length > 3, `${pieces.length} pieces`);
      assert.ok(Math.max(...pieces.map((p) => p.length)) < 200000);
    }
  });
}

test('a go-template error after streamed output: the output so far, then the error text', () => {
  const o = 'go-template={{range .items}}{{.metadata.name}}{{"\\n"}}{{end}}{{index .items 99999}}';
  const whole = compilePrinter(parseOutput(o))({ items });
  const pieces: string[] = [];
  const r = compilePrinter(parseOutput(o), { sink: (s) => pieces.push(s) })({ items });
  assert.ok(whole.err);
  assert.equal(r.err, whole.err);
  assert.ok(pieces.length > 1);
  assert.equal(pieces.join('') + r.out, whole.out);
});
