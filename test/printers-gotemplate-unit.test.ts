// Unit tests of the go-template engine's pieces: lexer, parser, strconv/fmt ports, value model,
// and the public API (compile errors, rendering, data decoding).
import { test } from 'node:test';
import * as assert from 'node:assert/strict';
import { Lexer, T } from '../src/printers/gotemplate/lexer';
import { parseTemplate, ParseError } from '../src/printers/gotemplate/parser';
import { FUNC_NAMES } from '../src/printers/gotemplate/funcs';
import { formatFloat, quote, parseInt0, parseFloat64, unquote } from '../src/printers/gotemplate/strconv';
import { sprintf, sprint, goJson } from '../src/printers/gotemplate/format';
import { V, decodedCap, compareUtf8, concreteOf } from '../src/printers/gotemplate/value';
import { compileGoTemplate, parseJsonForTemplates } from '../src/printers/gotemplate/index';
import { CliError } from '../src/api/types';

const enc = (s: string) => new TextEncoder().encode(s);

function lexAll(text: string): { typ: T; val: string; pos: number; line: number }[] {
  const l = new Lexer(enc(text));
  const out = [];
  for (;;) {
    const i = l.nextItem();
    out.push(i);
    if (i.typ === T.EOF || i.typ === T.Error) return out;
  }
}

test('lexer: tokens, byte positions and trim markers', () => {
  const items = lexAll('é {{- .a.b | printf "%d" 1 -}} x');
  assert.deepEqual(items.map((i) => i.val), ['é', '{{', '.a', '.b', ' ', '|', ' ', 'printf', ' ', '"%d"', ' ', '1', '}}', 'x', '']);
  // positions are UTF-8 byte offsets: "é" is 2 bytes, the space before {{- is trimmed
  assert.equal(items[1].pos, 3);
  assert.equal(items[2].pos, 7);
});

test('lexer: {{-3}} is a number, not a trim marker; errors carry the line', () => {
  assert.deepEqual(lexAll('{{-3}}').map((i) => i.val), ['{{', '-3', '}}', '']);
  const err = lexAll('a\n{{.x\n\n').pop()!;
  assert.equal(err.typ, T.Error);
  assert.equal(err.val, 'unclosed action');
  assert.equal(err.line, 4);
});

test('parser: node strings round-trip as Go prints them in errors', () => {
  const trees = parseTemplate('output', '{{range $i, $e := .a}}{{(index $e 0).b | printf "%s"}}{{else}}x{{end}}{{template "t" .}}{{define "t"}}{{.}}{{end}}', FUNC_NAMES);
  assert.deepEqual([...trees.keys()].sort(), ['output', 't']);
  assert.equal(trees.get('output')!.root!.str(), '{{range $i, $e := .a}}{{(index $e 0).b | printf "%s"}}{{else}}x{{end}}{{template "t" .}}');
});

test('parser: errors are Go\'s, with line numbers', () => {
  const msg = (t: string) => {
    try {
      parseTemplate('output', t, FUNC_NAMES);
    } catch (e) {
      assert.ok(e instanceof ParseError);
      return (e as Error).message;
    }
    return 'no error';
  };
  assert.equal(msg('{{.a'), 'template: output:1: unclosed action');
  assert.equal(msg('x\n{{if}}'), 'template: output:2: missing value for if');
  assert.equal(msg('{{foo}}'), 'template: output:1: function "foo" not defined');
  assert.equal(msg('{{$x}}'), 'template: output:1: undefined variable "$x"');
  assert.equal(msg('{{define "a"}}1{{end}}{{define "a"}}2{{end}}'), 'template: output:1: template: multiple definition of template "a"');
  assert.equal(msg('{{break}}'), 'template: output:1: {{break}} outside {{range}}');
  assert.equal(msg('{{08}}'), 'template: output:1: integer overflow: "08"');
});

test('strconv: float formatting matches Go (shortest %v, exact rounding half-even)', () => {
  assert.equal(formatFloat(1e6, 'g', -1), '1e+06');
  assert.equal(formatFloat(999999, 'g', -1), '999999');
  assert.equal(formatFloat(0.0001, 'g', -1), '0.0001');
  assert.equal(formatFloat(0.00001, 'g', -1), '1e-05');
  assert.equal(formatFloat(1.2345678901234567e19, 'g', -1), '1.2345678901234567e+19');
  assert.equal(formatFloat(2.5, 'f', 0), '2');
  assert.equal(formatFloat(3.5, 'f', 0), '4');
  assert.equal(formatFloat(0.125, 'f', 2), '0.12');
  assert.equal(formatFloat(1.005, 'f', 2), '1.00'); // 1.005 is below the tie in binary
  assert.equal(formatFloat(1234.5678, 'e', 6), '1.234568e+03');
  assert.equal(formatFloat(1.5, 'x', -1), '0x1.8p+00');
  assert.equal(formatFloat(8, 'b', -1), '4503599627370496p-49');
  assert.equal(formatFloat(-0, 'g', -1), '-0');
});

test('strconv: quoting and literal parsing', () => {
  assert.equal(quote('a\bb\fc\x01d\u2028e\x7f'), '"a\\bb\\fc\\x01d\\u2028e\\x7f"');
  assert.equal(quote('héllo 😀'), '"héllo 😀"');
  assert.deepEqual(Array.from(unquote(enc('"\\xff\\101"'))), [0xff, 0x41]);
  assert.throws(() => unquote(enc('"\\q"')));
  assert.equal(parseInt0('0x1F'), 31n);
  assert.equal(parseInt0('017'), 15n);
  assert.equal(parseInt0('1_000'), 1000n);
  assert.equal(parseInt0('1__0'), 'syntax');
  assert.equal(parseInt0('9223372036854775808'), 'range');
  assert.equal(parseFloat64('0x1p-2'), 0.25);
  assert.equal(parseFloat64('0x1.8'), 'syntax');
  assert.equal(parseFloat64('1e400'), 'range');
});

test('fmt: Sprintf verbs, flags and error forms', () => {
  const i = (n: number) => new V('int', BigInt(n));
  const s = (t: string) => new V('string', t);
  assert.equal(sprintf('%05d|%-4d|%x|%#o|%+d', [i(42), i(7), i(255), i(8), i(3)]), '00042|7   |ff|010|+3');
  assert.equal(sprintf('%s %s', [s('a')]), 'a %!s(MISSING)');
  assert.equal(sprintf('%d', [s('x'), i(1)]), '%!d(string=x)%!(EXTRA int=1)');
  assert.equal(sprintf('%*d|%.*s', [i(4), i(1), i(2), s('abcd')]), '   1|ab');
  assert.equal(sprintf('%[2]d %[1]d', [i(1), i(2)]), '2 1');
  assert.equal(sprint([i(1), i(2), s('a'), null, i(3)]), '1 2a<nil> 3');
  const m = concreteOf({ b: 1, a: [true, null, 1.5] });
  assert.equal(sprintf('%v|%s', [m, m]), 'map[a:[true <nil> 1.5] b:1]|map[a:[%!s(bool=true) <nil> %!s(float64=1.5)] b:%!s(int64=1)]');
  assert.equal(sprintf('%#v', [m]), 'map[string]interface {}{"a":[]interface {}{true, interface {}(nil), 1.5}, "b":1}');
});

test('value model: decoded slice capacity follows Go append growth', () => {
  assert.deepEqual([0, 1, 2, 3, 5, 9, 33, 100, 257, 600, 2000].map(decodedCap), [0, 1, 2, 4, 8, 16, 71, 143, 303, 1023, 2560]);
});

test('value model: keys sort by UTF-8 bytes, JSON numbers classify like kubectl', () => {
  assert.deepEqual(['é', 'a', 'B', '9', '10', '😀', '\uffff'].sort(compareUtf8), ['10', '9', 'B', 'a', 'é', '\uffff', '😀']);
  assert.equal(concreteOf(2.0).k, 'int64');
  assert.equal(concreteOf(0.5).k, 'float64');
  assert.equal(concreteOf(1e21).k, 'float64');
  assert.equal(concreteOf(12345678901234567890).k, 'float64');
  assert.equal(concreteOf(2n ** 62n).k, 'int64');
});

test('goJson: Go encoding/json escaping and number forms', () => {
  assert.equal(goJson({ b: '<&>\u2028', a: [1, 0.5, 1e21, 1e-7, null], c: 'é\n' }), '{"a":[1,0.5,1e+21,1e-7,null],"b":"\\u003c\\u0026\\u003e\\u2028","c":"é\\n"}');
});

test('parseJsonForTemplates keeps big int64 values exact', () => {
  const d = parseJsonForTemplates('{"a":123456789012345678,"b":1.5,"c":"12345678901234567890","d":[9223372036854775807, 12345678901234567890]}') as any;
  assert.equal(d.a, 123456789012345678n);
  assert.equal(d.b, 1.5);
  assert.equal(d.c, '12345678901234567890');
  assert.equal(d.d[0], 9223372036854775807n);
  assert.equal(typeof d.d[1], 'number');
  assert.deepEqual(parseJsonForTemplates('{"x":[1,2]}'), { x: [1, 2] });
  const r = compileGoTemplate('{{.a}} {{printf "%T" .a}} {{.d}}')(d);
  assert.equal(r.out, '123456789012345678 int64 [9223372036854775807 1.2345678901234567e+19]');
});

test('compileGoTemplate: parse errors are CliErrors with kubectl\'s message', () => {
  assert.throws(() => compileGoTemplate('{{.items'), (e: unknown) => e instanceof CliError && e.message === 'error parsing template {{.items, template: output:1: unclosed action');
});

test('compileGoTemplate: one compile renders many objects; execution errors stream partial output', () => {
  const f = compileGoTemplate('{{.metadata.name}}:{{.spec.replicas}}', { allowMissingKeys: false });
  assert.deepEqual(f({ metadata: { name: 'a' }, spec: { replicas: 2 } }), { out: 'a:2' });
  const r = f({ metadata: { name: 'b' }, spec: {} });
  assert.ok(r.out.startsWith('b:Error executing template: template: output:1:26: executing "output" at <.spec.replicas>: map has no entry for key "replicas". Printing more information'));
  assert.ok(r.out.endsWith('\tobject given to template engine was:\n\t\tmap[metadata:map[name:b] spec:map[]]\n\n'));
  assert.equal(r.err, 'error: error executing template "{{.metadata.name}}:{{.spec.replicas}}": template: output:1:26: executing "output" at <.spec.replicas>: map has no entry for key "replicas"\n');
});

test('properties holding undefined are absent, as in JSON', () => {
  const f = compileGoTemplate('{{.a}}|{{len .}}|{{.}}|{{range $k, $v := .}}{{$k}}{{end}}');
  assert.equal(f({ a: undefined, b: 1 }).out, '<no value>|1|map[b:1]|b');
});
