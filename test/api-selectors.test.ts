// Label selectors as the API server parses them (apimachinery labels.Parse, 1.32): the same
// tokens (in/notin as values, ==, gt/lt, !key), the key and value checks, and the same error
// texts, which `kubectl get -l` prints after "Error from server (BadRequest): ".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { parseLabelSelector, matchLabels, formatSelector } from '../src/api/selectors';

const err = (s: string) => { try { parseLabelSelector(s); } catch (e: any) { return e.message; } return 'no error'; };
const QN = "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')";
const LV = "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')";

test('parse errors are labels.Parse\'s', () => {
  assert.equal(err('bad selector'), "unable to parse requirement: found 'selector', expected: in, notin, =, ==, !=, gt, lt");
  assert.equal(err('app:web'), `unable to parse requirement: <nil>: Invalid value: "app:web": ${QN}`);
  assert.equal(err('a in (b'), "unable to parse requirement: found '', expected: ',' or ')'");
  assert.equal(err('a in b'), "unable to parse requirement: found 'b' expected: '('");
  assert.equal(err('a in (=)'), "unable to parse requirement: found '=', expected: ',', ')' or identifier");
  assert.equal(err('!!a'), "unable to parse requirement: found '!', expected: identifier");
  assert.equal(err('app=web,'), "found '', expected: identifier after ','");
  assert.equal(err(',app'), "found ',', expected: !, identifier, or 'end of string'");
  assert.equal(err('app=web tier'), "found 'tier', expected: ',' or 'end of string'");
  assert.equal(err('app=w@b'), `unable to parse requirement: values[0][app]: Invalid value: "w@b": ${LV}`);
  assert.equal(err('x>a'), `unable to parse requirement: values[0]: Invalid value: "a": for 'Gt', 'Lt' operators, the value must be an integer`);
  assert.equal(err('/a'), 'unable to parse requirement: <nil>: Invalid value: "/a": prefix part must be non-empty');
  assert.match(err('a/b/c'), /^unable to parse requirement: <nil>: Invalid value: "a\/b\/c": a qualified name must consist .* with an optional DNS subdomain prefix and '\/' \(e\.g\. 'example\.com\/MyName'\)$/);
});

test('what parses, and what it matches', () => {
  const m = (s: string, l: Record<string, string>) => matchLabels(parseLabelSelector(s), l);
  assert.ok(m('app==web', { app: 'web' }));
  assert.ok(m(' app = web , tier ', { app: 'web', tier: '' }));
  assert.ok(m('in in (in,notin)', { in: 'notin' }), 'in and notin are values and keys where they can be');
  assert.ok(m('app in (),!x', { app: '' }));
  assert.ok(m('a in (b,,c)', { a: '' }));
  assert.ok(m('app=', { app: '' }));
  assert.ok(m('n>1,n<10', { n: '5' }));
  assert.ok(!m('n>1', { n: 'five' }));
  assert.ok(!m('n>1', {}));
  assert.ok(m('app notin (web)', {}));
  assert.equal(formatSelector(parseLabelSelector('z=1,a in (y,x),!b,n>2')), 'a in (x,y),!b,n>2,z=1');
});
