// Go's tabwriter, as kubectl (liggitt/tabwriter) and describe use it.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { TabWriter, tabwrite, runeWidth, GET_TABWRITER, DESCRIBE_TABWRITER, AlignRight, DiscardEmptyColumns, Debug, RememberWidths, TabWriterOptions } from '../src/printers/tabwriter';

// Input/output pairs of Go's text/tabwriter test table (minwidth, tabwidth, padding, padchar,
// flags, src, expected); HTML filtering and 0xff escapes are left out (not implemented).
const GO_CASES: [string, number, number, number, string, number, string, string][] = [
  ['1a', 8, 0, 1, '.', 0, '', ''],
  ['1a debug', 8, 0, 1, '.', Debug, '', ''],
  ['2', 8, 0, 1, '.', 0, '\n\n\n', '\n\n\n'],
  ['3', 8, 0, 1, '.', 0, 'a\nb\nc', 'a\nb\nc'],
  ['4a', 8, 0, 1, '.', 0, '\t', ''],
  ['4b', 8, 0, 1, '.', AlignRight, '\t', ''],
  ['5', 8, 0, 1, '.', 0, '*\t*', '*.......*'],
  ['5b', 8, 0, 1, '.', 0, '*\t*\n', '*.......*\n'],
  ['5c', 8, 0, 1, '.', 0, '*\t*\t', '*.......*'],
  ['5c debug', 8, 0, 1, '.', Debug, '*\t*\t', '*.......|*'],
  ['5d', 8, 0, 1, '.', AlignRight, '*\t*\t', '.......**'],
  ['6', 8, 0, 1, '.', 0, '\t\n', '........\n'],
  ['7a', 8, 0, 1, '.', 0, 'a) foo', 'a) foo'],
  ['7b', 8, 0, 1, ' ', 0, 'b) foo\tbar', 'b) foo  bar'],
  ['7c', 8, 0, 1, '.', 0, 'c) foo\tbar\t', 'c) foo..bar'],
  ['7d', 8, 0, 1, '.', 0, 'd) foo\tbar\n', 'd) foo..bar\n'],
  ['7e', 8, 0, 1, '.', 0, 'e) foo\tbar\t\n', 'e) foo..bar.....\n'],
  ['8', 8, 0, 1, '*', 0, 'Hello, world!\n', 'Hello, world!\n'],
  ['9a', 1, 0, 0, '.', 0, '1\t2\t3\t4\n11\t222\t3333\t44444\n', '1.2..3...4\n11222333344444\n'],
  ['9c', 1, 0, 0, '.', 0, '1\t2\t3\t4\f11\t222\t3333\t44444\n', '1234\n11222333344444\n'],
  ['9c debug', 1, 0, 0, '.', Debug, '1\t2\t3\t4\f11\t222\t3333\t44444\n', '1|2|3|4\n---\n11|222|3333|44444\n'],
  ['10a', 5, 0, 0, '.', 0, '1\t2\t3\t4\n', '1....2....3....4\n'],
  ['10b', 5, 0, 0, '.', 0, '1\t2\t3\t4\t\n', '1....2....3....4....\n'],
  ['11', 8, 0, 1, '.', 0, '本\tb\tc\naa\t本本本\tcccc\tddddd\naaa\tbbbb\n', '本.......b.......c\naa......本本本.....cccc....ddddd\naaa.....bbbb\n'],
  ['12a', 8, 0, 1, ' ', AlignRight, 'a\tè\tc\t\naa\tèèè\tcccc\tddddd\t\naaa\tèèèè\t\n',
    '       a       è       c\n      aa     èèè    cccc   ddddd\n     aaa    èèèè\n'],
  ['12b', 2, 0, 0, ' ', 0, 'a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n', 'a  b  c\naa bbbcccc\naaabbbb\n'],
  ['12c', 8, 0, 1, '_', 0, 'a\tb\tc\naa\tbbb\tcccc\naaa\tbbbb\n', 'a_______b_______c\naa______bbb_____cccc\naaa_____bbbb\n'],
  ['13a', 4, 0, 1, '-', 0,
    '4444\t日本語\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n',
    '4444------日本語-22--1---333\n999999999-22\n7---------22\n------------------88888888\n\n666666-666666-666666----4444\n1------1------999999999-0000000000\n'],
  ['13b', 4, 0, 3, '.', 0,
    '4444\t333\t22\t1\t333\n999999999\t22\n7\t22\n\t\t\t88888888\n\n666666\t666666\t666666\t4444\n1\t1\t999999999\t0000000000\n',
    '4444........333...22...1...333\n999999999...22\n7...........22\n....................88888888\n\n666666...666666...666666......4444\n1........1........999999999...0000000000\n'],
  ['14', 1, 0, 2, ' ', AlignRight,
    '.0\t.3\t2.4\t-5.1\t\n23.0\t12345678.9\t2.4\t-989.4\t\n5.1\t12.0\t2.4\t-7.0\t\n.0\t0.0\t332.0\t8908.0\t\n.0\t-.3\t456.4\t22.1\t\n.0\t1.2\t44.4\t-13.3\t\t',
    '    .0          .3    2.4    -5.1\n  23.0  12345678.9    2.4  -989.4\n   5.1        12.0    2.4    -7.0\n    .0         0.0  332.0  8908.0\n    .0         -.3  456.4    22.1\n    .0         1.2   44.4   -13.3'],
  ['14 debug', 1, 0, 2, ' ', AlignRight | Debug,
    '.0\t.3\t2.4\t-5.1\t\n23.0\t12345678.9\t2.4\t-989.4\t\n5.1\t12.0\t2.4\t-7.0\t\n.0\t0.0\t332.0\t8908.0\t\n.0\t-.3\t456.4\t22.1\t\n.0\t1.2\t44.4\t-13.3\t\t',
    '    .0|          .3|    2.4|    -5.1|\n  23.0|  12345678.9|    2.4|  -989.4|\n   5.1|        12.0|    2.4|    -7.0|\n    .0|         0.0|  332.0|  8908.0|\n    .0|         -.3|  456.4|    22.1|\n    .0|         1.2|   44.4|   -13.3|'],
  ['15a', 4, 0, 0, '.', 0, 'a\t\tb', 'a.......b'],
  ['15b', 4, 0, 0, '.', DiscardEmptyColumns, 'a\t\tb', 'a.......b'],
  ['15c', 4, 0, 0, '.', DiscardEmptyColumns, 'a\v\vb', 'a...b'],
  ['15d', 4, 0, 0, '.', AlignRight | DiscardEmptyColumns, 'a\v\vb', '...ab'],
  ['16a', 100, 100, 0, '\t', 0, 'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n', 'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n'],
  ['16b', 100, 100, 0, '\t', DiscardEmptyColumns, 'a\vb\v\vd\na\vb\v\vd\ve\na\na\vb\vc\vd\na\vb\vc\vd\ve\n', 'a\tb\td\na\tb\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n'],
  ['16b debug', 100, 100, 0, '\t', DiscardEmptyColumns | Debug, 'a\vb\v\vd\na\vb\v\vd\ve\na\na\vb\vc\vd\na\vb\vc\vd\ve\n',
    'a\t|b\t||d\na\t|b\t||d\t|e\na\na\t|b\t|c\t|d\na\t|b\t|c\t|d\t|e\n'],
  ['16c', 100, 100, 0, '\t', DiscardEmptyColumns, 'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n', 'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n'],
  ['16c debug', 100, 100, 0, '\t', DiscardEmptyColumns | Debug, 'a\tb\t\td\na\tb\t\td\te\na\na\tb\tc\td\na\tb\tc\td\te\n',
    'a\t|b\t|\t|d\na\t|b\t|\t|d\t|e\na\na\t|b\t|c\t|d\na\t|b\t|c\t|d\t|e\n'],
];

test('Go tabwriter test table: written at once, char by char and in growing slices', () => {
  for (const [name, minwidth, tabwidth, padding, padchar, flags, src, expected] of GO_CASES) {
    const opts: TabWriterOptions = { minwidth, tabwidth, padding, padchar, flags };
    assert.equal(tabwrite(src, opts), expected, `${name} (at once)`);
    const w = new TabWriter(opts);
    for (const ch of src) w.write(ch);
    assert.equal(w.flush(), expected, `${name} (char by char)`);
    const f = new TabWriter(opts);
    for (let i = 0, d = 0; i < src.length;) {
      f.write(src.slice(i, i + d));
      i += d; d++;
      if (i + d > src.length) d = src.length - i;
    }
    assert.equal(f.flush(), expected, `${name} (growing slices)`);
  }
});

test('get settings: width = max(6, longest cell + 3); the last cell is never padded', () => {
  const out = tabwrite('NAME\tREADY\tSTATUS\nmy-nginx-7c5ddbdf54-2xkqp\t1/1\tRunning\n', GET_TABWRITER);
  assert.equal(out, 'NAME                        READY   STATUS\nmy-nginx-7c5ddbdf54-2xkqp   1/1     Running\n');
  // without the header READY's column is only 6 wide
  assert.equal(tabwrite('my-nginx-7c5ddbdf54-2xkqp\t1/1\tRunning\n', GET_TABWRITER), 'my-nginx-7c5ddbdf54-2xkqp   1/1   Running\n');
});

test('an empty last cell leaves the padding of the column before it (trailing spaces)', () => {
  const out = tabwrite('NAME\tAGE\tTIER\nweb\t12m\t\n', GET_TABWRITER);
  assert.equal(out, 'NAME   AGE   TIER\nweb    12m   \n');
});

test('empty cells in the middle are padded; blocks end at lines with fewer cells', () => {
  // column 0: max(6, 2+3) = 6; column 1 (all empty): max(6, 0+3) = 6
  assert.equal(tabwrite('a\t\tc\nbb\t\td\n', GET_TABWRITER), 'a' + ' '.repeat(11) + 'c\nbb' + ' '.repeat(10) + 'd\n');
  // a line with one tab less ends the block of the third column only
  const src = 'x\tyyyyyyyyyy\tz\nx\ty\nx\ty\tz\n';
  assert.equal(tabwrite(src, { minwidth: 0, tabwidth: 8, padding: 1 }), 'x yyyyyyyyyy z\nx y\nx y z\n');
  // a line without tabs ends all blocks
  assert.equal(tabwrite('aaaaaaa\tb\nno tabs here\nc\td\n', { minwidth: 0, tabwidth: 8, padding: 1 }), 'aaaaaaa b\nno tabs here\nc d\n');
});

test('widths count runes, not bytes or UTF-16 units', () => {
  assert.equal(runeWidth('héllo'), 5);
  assert.equal(runeWidth('😀x'), 2);
  assert.equal(runeWidth('日本語'), 3);
  assert.equal(tabwrite('😀😀\tx\nab\ty\n', { minwidth: 0, tabwidth: 8, padding: 1 }), '😀😀 x\nab y\n');
  // a surrogate pair split across two writes
  const w = new TabWriter({ minwidth: 0, tabwidth: 8, padding: 1 });
  w.write('😀😀'.slice(0, 3)); w.write('😀😀'.slice(3) + '\tx\nab\ty\n');
  assert.equal(w.flush(), '😀😀 x\nab y\n');
});

test('describe settings (minwidth 0, tabwidth 8, padding 2)', () => {
  const out = tabwrite('Name:\tmy-nginx\nNamespace:\tdefault\nLabels:\tapp=my-nginx\n\trun=x\n', DESCRIBE_TABWRITER);
  assert.equal(out, 'Name:       my-nginx\nNamespace:  default\nLabels:     app=my-nginx\n            run=x\n');
});

test('RememberWidths: widths only grow across flushes; setRememberedWidths(null) forgets', () => {
  const w = new TabWriter(GET_TABWRITER);
  w.write('NAME\tSTATUS\tAGE\na\tRunning\t1m\n');
  assert.equal(w.flush(), 'NAME   STATUS    AGE\na      Running   1m\n');
  w.write('a-much-longer-name\tRunning\t1m\n');
  assert.equal(w.flush(), 'a-much-longer-name   Running   1m\n');
  w.write('b\tX\t1m\n'); // keeps the grown widths
  assert.equal(w.flush(), 'b                    X         1m\n');
  assert.deepEqual(w.rememberedWidths(), [21, 10]);
  w.setRememberedWidths(null);
  w.write('b\tX\t1m\n');
  assert.equal(w.flush(), 'b     X     1m\n');
  // without the flag nothing is remembered
  const plain = new TabWriter({ ...GET_TABWRITER, flags: 0 });
  plain.write('a-much-longer-name\tx\n'); plain.flush();
  plain.write('b\tx\n');
  assert.equal(plain.flush(), 'b     x\n');
});

test('an unterminated last line is laid out with the others and gets no newline', () => {
  const w = new TabWriter(GET_TABWRITER);
  w.write('a\tb\nccccccc\td');
  assert.equal(w.flush(), 'a         b\nccccccc   d');
  assert.ok(w.isEmpty());
});

test('10,000 rows lay out in one piece (timing is reported, not asserted: see npm run bench)', () => {
  let txt = 'NAME\tREADY\tSTATUS\tRESTARTS\tAGE\n';
  for (let i = 0; i < 10000; i++) txt += `pod-${i}-abcdefgh\t1/1\tRunning\t0\t${i % 60}m\n`;
  const t0 = process.hrtime.bigint();
  const out = tabwrite(txt, GET_TABWRITER);
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  assert.equal(out.split('\n').length, 10002);
  // the longest name, pod-9999-abcdefgh, has 17 runes: column width 20
  assert.ok(out.startsWith('NAME'.padEnd(20) + 'READY   STATUS    RESTARTS   AGE\n' + 'pod-0-abcdefgh'.padEnd(20) + '1/1     Running   0          0m\n'));
  console.log(`# tabwrite of 10,000 rows: ${ms.toFixed(0)} ms`);
});

test('writeCells is write(cells joined with tabs + newline)', () => {
  const rows = [['NAME', 'AGE', 'TIER'], ['web', '12m', ''], ['with\ttab', 'x', 'y'], ['😀', '1', '2'], ['one']];
  const a = new TabWriter(GET_TABWRITER), b = new TabWriter(GET_TABWRITER);
  a.write('pending-');
  b.write('pending-');
  for (const r of rows) { a.writeCells(r); b.write(r.join('\t') + '\n'); }
  assert.equal(a.flush(), b.flush());
  const c = new TabWriter(GET_TABWRITER);
  for (const r of rows.slice(1)) c.writeCells(r);
  assert.equal(c.flush(), tabwrite(rows.slice(1).map((r) => r.join('\t') + '\n').join(''), GET_TABWRITER));
});
