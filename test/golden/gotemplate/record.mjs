#!/usr/bin/env node
// Records go-template golden cases from the real kubectl (through the shared oracle).
//   node test/golden/gotemplate/record.mjs                    -> records every case into recorded-cases.json
//   node test/golden/gotemplate/record.mjs NAMEPART           -> re-records the matching cases only
//   node test/golden/gotemplate/record.mjs --print NAMEPART   -> prints the oracle result, writes nothing
// Each case: the kubectl args, the fixture they run against, and what kubectl printed.
import { execFile } from 'node:child_process';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const here = dirname(fileURLToPath(import.meta.url));
const oracle = process.env.KUBECTL_ORACLE ?? '/work/shared/oracle/kubectl-oracle';

const cases = [];
/** A go-template case against `get cm x` of extra.json (or another target). */
function gt(name, template, { target = ['cm', 'x'], fixture = 'extra.json', flags = [] } = {}) {
  cases.push({ name, template, objects: fixture, args: ['get', ...target, '-o', `go-template=${template}`, ...flags] });
}
const strict = { flags: ['--allow-missing-template-keys=false'] };
const svc = { target: ['svc', 'my-nginx'], fixture: 'cluster.json' };
const svcs = { target: ['svc'], fixture: 'cluster.json' };
const pods = { target: ['pods'], fixture: 'cluster.json' };

// ---- lexical: trim markers, comments, literals ----
gt('lex-trim-both', 'a \n\t {{- .metadata.name -}} \n b');
gt('lex-trim-left-only', 'a   {{- .metadata.name}}   b');
gt('lex-trim-right-only', 'a   {{.metadata.name -}}   b');
gt('lex-trim-newline-marker', 'a\n{{-\n.metadata.name\n-}}\nb');
gt('lex-trim-tab-marker', 'a {{-\t.metadata.name\t-}} b');
gt('lex-minus-number-not-trim', '{{-3}} {{ -3 }} {{- -3 -}}');
gt('lex-trim-in-range', '{{range .x.strs -}}\n  {{.}}\n{{- end}}');
gt('lex-comment-plain', 'a{{/* hi */}}b');
gt('lex-comment-multiline', 'a{{/* line1\nline2 */}}b');
gt('lex-comment-trim', 'a  {{- /* x */ -}}  b');
gt('lex-comment-space-before-err', 'a{{ /* x */}}b');
gt('lex-comment-space-after-err', 'a{{/* x */ }}b');
gt('lex-comment-unclosed', 'a{{/* x }}b');
gt('lex-comment-then-error-line', 'a{{/*\n\n*/}}\n{{.x.n 1}}');
gt('lex-raw-string', '{{`a\\nb`}}|{{`multi\nline`}}');
gt('lex-string-escapes', '{{"\\a\\b\\f\\n\\r\\t\\v\\\\\\"\\x41\\101\\u00e9\\U0001F600"}}');
gt('lex-string-bad-escape-quote', '{{"\\\'"}}');
gt('lex-string-bad-hex', '{{"\\xZZ"}}');
gt('lex-string-bad-unicode-surrogate', '{{"\\ud800"}}');
gt('lex-string-unterminated', '{{"abc}}');
gt('lex-raw-unterminated', '{{`abc}}');
gt('lex-string-invalid-utf8-len', '{{len "\\xff\\xfe"}}|{{printf "%q" "\\xff"}}|{{printf "%x" "\\xff"}}');
gt('lex-char-constants', "{{'a'}} {{'\\n'}} {{'\\x41'}} {{'é'}} {{'\\u00e9'}} {{printf \"%c%c\" 'h' 'i'}}");
gt('lex-char-unterminated', "{{'a}}");
gt('lex-char-empty', "{{''}}");
gt('lex-char-multi', "{{'ab'}}");
gt('lex-numbers-int', '{{0x1F}} {{0X1f}} {{0o17}} {{017}} {{0b101}} {{1_000_000}} {{0x_FF}} {{-0}} {{+5}} {{-0x10}}');
gt('lex-numbers-float', '{{1.5}} {{.5}} {{1.}} {{1e3}} {{1E-3}} {{1.5e+10}} {{0x1p-2}} {{0x1.8p1}} {{1_0.5}} {{-2.5}}');
gt('lex-numbers-types', '{{printf "%T %T %T %T %T %T %T" 1 1.0 1e3 0x10 0x1p4 \'a\' 2i}}');
gt('lex-numbers-complex', '{{1+2i}} {{2i}} {{0i}} {{-1.5-0.5i}} {{printf "%v %.1f" 3i 1+1i}}');
gt('lex-number-octal-bad', '{{09}}');
gt('lex-number-bad-syntax', '{{1x}}');
gt('lex-number-bad-underscore', '{{1__0}}');
gt('lex-number-bad-hex', '{{0x}}');
gt('lex-number-hexfloat-no-p', '{{0x1.8}}');
gt('lex-number-huge-float', '{{1e400}}');
gt('lex-number-uint-overflows-int', '{{18446744073709551615}}');
gt('lex-number-overflow', '{{18446744073709551616}}');
gt('lex-number-int64-max', '{{9223372036854775807}} {{-9223372036854775808}}');
gt('lex-bool-nil', '{{true}} {{false}} {{print nil}}');
gt('lex-nil-command', '{{nil}}');
gt('lex-unicode-field', '{{index .metadata.labels "é"}}');
gt('lex-bad-char-in-action', '{{.metadata.name ; }}');
gt('lex-unrecognized-char', '{{.metadata.name \u00a7}}');
gt('lex-colon-not-declare', '{{$x :1}}');
gt('lex-newlines-in-action', '{{\n.metadata.name\n|\nprintf\n"%s!"\n}}');
gt('lex-unclosed-action-multiline', '{{.metadata.name\n\n');
gt('lex-unclosed-action-eof', 'x{{');
gt('lex-unclosed-paren', '{{(print 1}}');
gt('lex-unexpected-right-paren', '{{print 1)}}');
gt('lex-text-only', 'just text\nno actions');
gt('lex-lone-braces', '}} { {} }{');

// ---- parse errors ----
gt('parse-unexpected-end', '{{end}}');
gt('parse-unexpected-else', 'a{{else}}');
gt('parse-double-else', '{{if true}}a{{else}}b{{else}}c{{end}}');
gt('parse-missing-value-range', '{{range}}x{{end}}');
gt('parse-missing-value-with', '{{with}}x{{end}}');
gt('parse-missing-value-command', '{{$x := }}');
gt('parse-empty-action', '{{}}');
gt('parse-empty-paren', '{{()}}');
gt('parse-pipe-first', '{{| print}}');
gt('parse-double-pipe', '{{.a || print}}');
gt('parse-non-executable-stage', '{{.metadata.name | "x"}}');
gt('parse-non-executable-stage3', '{{1 | print | 2}}');
gt('parse-field-after-literal', '{{"a".b}}');
gt('parse-field-after-number', '{{(1).b}}');
gt('parse-template-name-field', '{{template .x}}');
gt('parse-template-no-name', '{{template}}');
gt('parse-define-not-string', '{{define x}}{{end}}');
gt('parse-define-unclosed', '{{define "a"}}x');
gt('parse-define-else', '{{define "a"}}x{{else}}y{{end}}');
gt('parse-define-nested', '{{if true}}{{define "a"}}x{{end}}{{end}}');
gt('parse-multiple-definition', '{{define "a"}}1{{end}}{{define "a"}}2{{end}}');
gt('parse-redefine-empty-ok', '{{define "a"}}{{end}}{{define "a"}}2{{end}}{{template "a"}}');
gt('parse-redefine-output', '{{define "output"}}defined{{end}}');
gt('parse-redefine-output-conflict', 'main{{define "output"}}defined{{end}}');
gt('parse-block-conflict', '{{block "a" .}}x{{end}}{{define "a"}}y{{end}}');
gt('parse-break-outside', '{{break}}');
gt('parse-continue-outside', '{{if true}}{{continue}}{{end}}');
gt('parse-break-arg', '{{range .x.strs}}{{break 1}}{{end}}');
gt('parse-break-in-range-else', '{{range .x.strs}}{{else}}{{break}}{{end}}');
gt('parse-too-many-decls', '{{range $a, $b, $c := .x.strs}}{{end}}');
gt('parse-decl-non-range', '{{with $a, $b := .x}}{{end}}');
gt('parse-range-init-non-var', '{{range $a, 1 := .x.strs}}{{end}}');
gt('parse-undefined-var', '{{$nope}}');
gt('parse-var-out-of-scope-with', '{{with $v := .metadata}}{{end}}{{$v}}');
gt('parse-var-in-define', '{{$x := 1}}{{define "d"}}{{$x}}{{end}}');
gt('parse-function-not-defined', '{{upper .metadata.name}}');
gt('parse-line-number-3', 'l1\nl2\n{{if}}');
gt('parse-unexpected-in-operand', '{{print "a"=}}');
gt('parse-assign-undeclared', '{{$x = 1}}');
gt('parse-else-if-chain-err', '{{if true}}{{else if}}{{end}}');
gt('parse-with-else-if-mismatch', '{{with .x}}a{{else if true}}b{{end}}');
gt('parse-end-with-args', '{{if true}}{{end x}}');
gt('parse-else-with-args', '{{if true}}{{else x}}{{end}}');
gt('parse-long-token-in-error', '{{range .x}} {{end "abcdefghijklmnop"}}');
gt('parse-keyword-as-operand', '{{print if}}');

// ---- variables ----
gt('var-dollar-root', '{{$.metadata.name}}|{{with .x}}{{$.metadata.name}}{{end}}');
gt('var-declare-print', '{{$x := .metadata.name}}[{{$x}}]');
gt('var-assign-changes-type', '{{$x := 1}}{{$x = "s"}}{{$x}}|{{printf "%T" $x}}');
gt('var-assign-in-range-visible', '{{$last := ""}}{{range .x.strs}}{{$last = .}}{{end}}{{$last}}');
gt('var-shadow-in-if', '{{$x := "outer"}}{{if true}}{{$x := "inner"}}{{$x}}{{end}}-{{$x}}');
gt('var-assign-in-if-outer', '{{$x := "outer"}}{{if true}}{{$x = "changed"}}{{end}}{{$x}}');
gt('var-decl-in-if-pipeline', '{{if $v := .x.n}}{{$v}}{{end}}');
gt('var-with-decl', '{{with $m := .x.m}}{{$m.k}}{{.k}}{{end}}');
gt('var-range-one-var', '{{range $e := .x.strs}}{{$e}}{{.}}{{end}}');
gt('var-range-two-vars', '{{range $i, $e := .x.strs}}{{$i}}={{$e}};{{end}}');
gt('var-range-map-vars', '{{range $k, $v := .metadata.labels}}{{$k}}={{$v}};{{end}}');
gt('var-range-assign-form', '{{$i := 0}}{{$e := ""}}{{range $i, $e = .x.strs}}{{end}}{{$i}}{{$e}}');
gt('var-range-index-type', '{{range $i, $e := .x.strs}}{{printf "%T" $i}}{{end}}');
gt('var-field-chain', '{{$m := .x}}{{$m.m.in.deep}}|{{$m.m.nope}}|{{$.x.m.k}}');
gt('var-dollar-decl', '{{$ := 1}}{{$}}');
gt('var-with-arg-error', '{{$x := 1}}{{$x 2}}');
gt('var-in-template-dollar', '{{define "t"}}{{$.name}}{{end}}{{template "t" .metadata}}');

// ---- control structures ----
gt('if-truthiness', '{{range $k, $v := .x}}{{$k}}:{{if $v}}T{{else}}F{{end}} {{end}}');
gt('if-else-if-chain', '{{range .x.nums}}{{if eq . 1}}one{{else if eq . 2}}two{{else}}other{{end}},{{end}}');
gt('if-missing-and-null', '{{if .nope}}y{{else}}n{{end}}{{if .x.nul}}y{{else}}n{{end}}');
gt('with-dot-and-else', '{{with .x.m}}{{.k}}{{else}}none{{end}}|{{with .x.em}}x{{else}}empty{{end}}|{{with .x.zero}}x{{else}}zero{{end}}');
gt('with-else-with-chain', '{{with .x.nul}}a{{else with .x.zero}}b{{else with .x.s}}{{.}}{{end}}');
gt('with-else-keeps-dot', '{{with .nope}}x{{else}}{{.metadata.name}}{{end}}');
gt('range-slice-nested', '{{range .x.nested}}[{{range .}}{{.}}{{end}}]{{end}}');
gt('range-map-sorted', '{{range .metadata.labels}}{{.}},{{end}}');
gt('range-map-nested-objs', '{{range .x.objs}}{{.name}}={{.v}};{{end}}');
gt('range-empty-else', '{{range .x.empty}}x{{else}}empty{{end}}|{{range .x.em}}x{{else}}emptymap{{end}}|{{range .x.nul}}x{{else}}nil{{end}}');
gt('range-over-int', '{{range .x.n}}x{{end}}');
gt('range-over-bool', '{{range .x.t}}x{{end}}');
gt('range-over-float', '{{range .x.f}}x{{end}}');
gt('range-break-continue-nested', '{{range $i, $a := .x.nested}}{{range .}}{{if eq . 2}}{{continue}}{{end}}{{if eq . 4}}{{break}}{{end}}{{.}}{{end}}|{{end}}');
gt('range-break-first', '{{range .x.strs}}{{.}}{{break}}{{end}}after');
gt('range-continue-with-if', '{{range .x.five}}{{if lt . 3}}{{continue}}{{end}}{{.}}{{end}}');
gt('range-dot-elem-field-error', '{{range .x.strs}}{{.foo}}{{end}}');
gt('range-mixed-print', '{{range .x.mixed}}<{{.}}>{{end}}');
gt('range-list-items', '{{range .items}}{{.metadata.name}}:{{.spec.type}} {{end}}', svcs);
gt('range-pipeline-in-range', '{{range (slice .x.strs 1)}}{{.}}{{end}}');
gt('define-template-with-data', '{{define "kv"}}{{.k}}{{end}}{{template "kv" .x.m}}|{{template "kv"}}');
gt('define-template-missing-strict', '{{define "kv"}}{{.k}}{{end}}{{template "kv"}}', strict);
gt('define-after-use', '{{template "later" .metadata}}{{define "later"}}<{{.name}}>{{end}}');
gt('define-recursive-countdown', '{{define "r"}}{{if .}}{{index . 0}}{{template "r" (slice . 1)}}{{end}}{{end}}{{template "r" .x.strs}}');
gt('define-error-inside', '{{define "d"}}\n{{.foo.bar 1}}{{end}}x{{template "d" .x}}');
gt('define-error-position-second-line', 'line1\n  {{define "d"}}{{.x.n.foo}}{{end}}{{template "d" .}}');
gt('block-default', '{{block "b" .metadata}}name={{.name}}{{end}}');
gt('template-not-defined-in-define', '{{define "a"}}{{template "zz"}}{{end}}{{template "a"}}');
gt('template-pipeline-error', '{{template "x" .nope.deeper}}{{define "x"}}{{.}}{{end}}', strict);
gt('comment-only-template', '{{/* nothing */}}');
gt('define-only-template', '{{define "a"}}x{{end}}');
gt('define-only-and-space', '  {{define "a"}}x{{end}}\n');

// ---- builtins ----
gt('and-or-values', '{{and 1 2}}|{{and 0 2}}|{{or 0 2}}|{{or 0 ""}}|{{and .x.t .x.s}}|{{or .nope .x.em "d"}}|{{and .x.nul 1}}');
gt('and-short-circuit-error', '{{and 0 (index .x.n 1)}}|{{or 1 (index .x.n 1)}}');
gt('and-no-short-circuit-error', '{{and 1 (index .x.n 1)}}');
gt('and-pipeline-final', '{{.x.n | and 1}}|{{.x.zero | or 0}}|{{"a" | and}}');
gt('or-no-args', '{{or}}');
gt('not-values', '{{not 0}}{{not 1}}{{not ""}}{{not .x.em}}{{not .x.nul}}{{not .nope}}{{not .x.three}}');
gt('not-wrong-args', '{{not 1 2}}');
gt('len-values', '{{len .x.s}} {{len .x.three}} {{len .x.m}} {{len .x.em}} {{len .x.empty}} {{len "abc"}} {{len .x.emoji}}');
gt('len-of-int', '{{len .x.n}}');
gt('len-of-nil', '{{len .x.nul}}');
gt('len-of-missing', '{{len .nope}}');
gt('len-of-literal-int', '{{len 3}}');
gt('len-no-args', '{{len}}');
gt('index-values', '{{index .x.three 0}}|{{index .x.nested 1 0}}|{{index .x.m "in" "deep"}}|{{index .x.s 1}}|{{index .x.three}}|{{index .x.m "zz"}}');
gt('index-uint8-int-arg', '{{index .x.three (index "\\x01" 0)}}');
gt('index-negative', '{{index .x.three -1}}');
gt('index-at-len', '{{index .x.three 3}}');
gt('index-string-at-len', '{{index .x.ascii 5}}');
gt('index-nil', '{{index .x.nul 0}}');
gt('index-missing', '{{index .nope "a"}}');
gt('index-through-nil', '{{index .x.m "n" "a"}}');
gt('index-int-item', '{{index .x.n 0}}');
gt('index-map-int-key', '{{index .x.m 1}}');
gt('index-map-nil-key', '{{index .x.m nil}}');
gt('index-slice-nil-key', '{{index .x.three nil}}');
gt('index-slice-float-key', '{{index .x.three 1.0}}');
gt('index-slice-iface-int-key', '{{index .x.three .x.zero}}');
gt('slice-values', '{{slice .x.three 1}}|{{slice .x.three 1 2}}|{{slice .x.three 0 4}}|{{slice .x.three 1 2 3}}|{{slice .x.ascii 1 3}}|{{slice .x.s 1 3}}');
gt('slice-cap-quirk', '{{slice .x.five 0 8}}|{{len (slice .x.five 2 8)}}|{{slice (slice .x.five 0 2) 0 4}}');
gt('slice-over-cap', '{{slice .x.five 0 9}}');
gt('slice-inverted', '{{slice .x.three 2 1}}');
gt('slice-3-index-string', '{{slice .x.ascii 1 2 3}}');
gt('slice-3-index-bad', '{{slice .x.three 0 3 2}}');
gt('slice-too-many', '{{slice .x.three 0 1 2 3}}');
gt('slice-of-nil', '{{slice .x.nul 0}}');
gt('slice-of-int', '{{slice .x.n 0}}');
gt('slice-iface-index', '{{slice .x.three .x.zero}}');
gt('slice-string-bytes', '{{slice .x.s 1 2 | printf "%q"}}|{{len (slice .x.s 0 2)}}');
gt('print-spacing', '{{print 1 2}}|{{print "a" "b"}}|{{print 1 "a" 2}}|{{print .x.n .x.f .x.t}}|{{print nil nil}}|{{print .x.m}}|{{print .x.nul}}');
gt('println-values', '{{println}}|{{println 1 "a" nil}}|{{println .x.strs}}');
gt('html-values', '{{html .metadata.annotations.note}}|{{html 1 "<" 2}}|{{html .x.ctl}}|{{html}}');
gt('js-values', '{{js .metadata.annotations.note}}|{{js .x.ctl}}|{{js .x.emoji}}|{{js 1 "=" true}}');
gt('urlquery-values', '{{urlquery .metadata.annotations.note}}|{{urlquery .x.uni "a b&c=d"}}|{{urlquery 1 2}}|{{urlquery .x.nul}}');
gt('call-errors-string', '{{call .metadata.name}}');
gt('call-errors-nil', '{{call .x.nul 1}}');
gt('call-pipeline-final', '{{.x.n | call}}');
gt('exists-values', '{{exists . "metadata" "name"}} {{exists . "nope"}} {{exists .x.three 2}} {{exists .x.three 3}} {{exists .x.three "0"}} {{exists .x "nul"}} {{exists .x.m "in" "deep"}} {{exists .x.s 1}} {{exists .x.n 0}}');
gt('exists-edge', '{{exists .nope}} {{exists .x}} {{exists .x.nul}} {{exists .x nil}} {{exists .x.three -1}} {{exists .x.m "n"}}');
gt('base64decode-values', '{{base64decode .data.b64}}|{{base64decode .data.b64nl}}|{{.data.b64 | base64decode}}|{{base64decode ""}}|{{base64decode "YQ=="}}|{{base64decode "YWI="}}');
gt('base64decode-unpadded', '{{base64decode .data.b64bad}}');
gt('base64decode-bad-padding', '{{base64decode "YQ="}}');
gt('base64decode-trailing', '{{base64decode "YQ==YQ=="}}');
gt('base64decode-non-string-field', '{{base64decode .x.n}}');
gt('base64decode-nil', '{{base64decode .x.nul}}');
gt('base64decode-missing', '{{base64decode .nope}}');
gt('base64decode-binary', '{{base64decode .data.b64bin | printf "%q"}}');
gt('base64decode-number-literal', '{{base64decode 1}}');

// ---- comparisons ----
gt('eq-types', '{{eq 1 1}} {{eq .x.n 5}} {{eq .x.f 1.5}} {{eq "a" "a"}} {{eq .x.t true}} {{eq .x.s "héllo"}} {{eq 1 2 3 1}} {{eq .nope .x.nul}}');
gt('eq-int-float-error', '{{eq .x.n 5.0}}');
gt('eq-int-string-error', '{{eq .x.n "5"}}');
gt('eq-missing-vs-value', '{{eq .nope 1}} {{eq 1 .nope}} {{eq .x.nul "a"}} {{ne .nope 1}}');
gt('eq-uint8-int', '{{eq (index "a" 0) 97}} {{lt (index "a" 0) 98}} {{eq 97 (index "a" 0)}} {{gt -1 (index "a" 0)}}');
gt('eq-slice-error', '{{eq .x.three .x.three}}');
gt('eq-map-slice-error', '{{eq .x.m .x.three}}');
gt('eq-missing-arg', '{{eq 1}}');
gt('eq-missing-arg-pipe', '{{1 | eq}}');
gt('ne-values', '{{ne 1 2}} {{ne "a" "a"}} {{ne .x.t false}}');
gt('ne-too-many', '{{ne 1 2 3}}');
gt('lt-values', '{{lt 1 2}} {{lt 2 1}} {{lt "a" "b"}} {{lt "B" "a"}} {{lt 1.5 2.5}} {{le 2 2}} {{gt 3 2}} {{ge 2 3}} {{lt .x.neg .x.n}} {{lt .x.mini .x.maxi}}');
gt('lt-strings-bytewise', '{{lt "é" "z"}} {{lt "Z" "a"}} {{lt "10" "9"}}');
gt('lt-bool-error', '{{lt true false}}');
gt('lt-missing-error', '{{lt .nope 1}}');
gt('lt-nil-error', '{{lt 1 .x.nul}}');
gt('lt-int-float-error', '{{lt 1 1.5}}');
gt('lt-map-error', '{{gt .x.m 1}}');
gt('le-mixed-error', '{{le "a" 1}}');
gt('lt-complex-error', '{{lt 1i 2i}}');
gt('eq-complex', '{{eq 1i 1i}} {{eq 2+1i 2+1i}}');
gt('gt-one-arg', '{{gt 1}}');

// ---- printf ----
gt('printf-strings', '{{printf "%s|%10s|%-10s|%.2s|%5.1s|%q|%+q|%#q|%x|%X|% x|%#x|% #X" .x.s .x.s .x.s .x.s .x.s .x.s .x.s .x.s .x.ascii .x.ascii .x.ascii .x.ascii .x.ascii}}');
gt('printf-ints', '{{printf "%d|%+d|% d|%5d|%-5d|%05d|%.3d|%8.3d|%x|%#x|%#o|%O|%b|%#b|%c|%q|%U|%#U|%X" .x.n .x.n .x.n .x.neg .x.n .x.neg .x.n .x.n 255 255 8 8 5 5 233 233 233 233 -255}}');
gt('printf-int-edge', '{{printf "%.0d|%5.0d|%c|%U|%x|%d|%d" 0 0 -1 -1 .x.mini .x.maxi .x.big}}');
gt('printf-floats', '{{printf "%f|%.2f|%8.3f|%-8.2f|%08.3f|%+.1f|% .1f|%e|%E|%.3e|%g|%G|%.3g|%#g|%#.3g|%x|%X|%.2x|%b" 3.14159 3.14159 3.14159 3.14159 -3.14159 2.0 2.0 123456.789 0.000123 1.0 100000.0 1e-7 1234.5678 1.0 1.0 1.0 -0.1 1.0 1.0}}');
gt('printf-float-rounding', '{{printf "%.0f %.0f %.0f %.2f %.2f %.1f %.3e %.0e %.1g" 0.5 1.5 2.5 1.005 1.125 0.05 1.0005 2.5 0.25}}');
gt('printf-float-big-small', '{{printf "%v %v %v %v %f %.30f %e" .x.huge .x.tiny 1e21 1e20 1e21 0.1 .x.tiny}}');
gt('printf-float-sharp', '{{printf "%#.0f|%#.0e|%#g|%#.4g|%#v" 1.0 1.0 100000.0 1.0 1.5}}');
gt('printf-json-numbers', '{{printf "%v %T %d %v %T %f" .x.n .x.n .x.f .x.f .x.f .x.n}}');
gt('printf-bool', '{{printf "%t|%v|%5t|%d|%s" true false true true false}}');
gt('printf-nil', '{{printf "%v|%s|%d|%T|%q|%5v" nil nil nil nil nil nil}}');
gt('printf-missing-field', '{{printf "%v|%s|%T" .nope .nope .x.nul}}');
gt('printf-maps-slices', '{{printf "%v|%s|%d|%q|%x" .x.m .x.strs .x.nums .x.strs .x.strs}}');
gt('printf-sharp-v', '{{printf "%#v|%#v|%#v|%#v|%#v|%#v|%#v" .x.m .x.mixed .x.s 1 .x.n .x.t (index "a" 0)}}');
gt('printf-plus-v', '{{printf "%+v|%+d|%+v" .x.m 5 5}}');
gt('printf-T', '{{printf "%T|%T|%T|%T|%T|%T|%T|%10T" .x.m .x.strs .x.s .x.n .x.f .x.t (index "a" 0) 1}}');
gt('printf-percent-flags', '{{printf "%%|%5%|%-5%|%d%%" 50}}');
gt('printf-missing-extra', '{{printf "%d %d" 1}}|{{printf "%d" 1 2 "x" nil}}|{{printf "x" 1}}');
gt('printf-bad-verbs', '{{printf "%z|%d|%s|%t|%x" 1 "s" 1.5 1 true}}');
gt('printf-star', '{{printf "%*d|%-*d|%.*f|%*s|%*d" 5 1 5 1 2 3.14159 -6 "ab" "x" 1}}');
gt('printf-star-bad', '{{printf "%*d" 1.5 2}}|{{printf "%.*d" "a" 2}}');
gt('printf-arg-index', '{{printf "%[2]d %[1]d" 1 2}}|{{printf "%[3]d" 1 2}}|{{printf "%[2]*[1]d" 1 5}}|{{printf "%[1]d %d" 1 2}}|{{printf "%[x]d" 1}}');
gt('printf-noverb', '{{printf "abc%" 1}}|{{printf "%-"}}|{{printf "%5"}}');
gt('printf-wrap-verb', '{{printf "%w" "x"}}|{{printf "%w" .x.m}}');
gt('printf-unicode-verb', '{{printf "%é" 1}}');
gt('printf-no-args', '{{printf}}');
gt('printf-format-not-string', '{{printf 1}}');
gt('printf-format-field-int', '{{printf .x.n}}');
gt('printf-format-field-nil', '{{printf .x.nul}}');
gt('printf-format-missing', '{{printf .nope}}');
gt('printf-pipeline-arg', '{{.x.n | printf "%d-%s" 1}}|{{"x" | printf}}');
gt('printf-width-unicode', '{{printf "%6s|%-6s|%.1s" "é" "日本" "日本"}}');
gt('printf-p-verb', '{{printf "%p" "s"}}|{{printf "%p" 1}}');
gt('printf-big-width', '{{printf "%1000001d" 1}}');

// ---- value printing ----
gt('print-whole-object', '{{.}}');
gt('print-map-key-order', '{{.metadata.labels}}');
gt('print-nested', '{{.x.mixed}}|{{.x.nested}}|{{.x.objs}}|{{.x.em}}|{{.x.empty}}');
gt('print-numbers', '{{.x.n}} {{.x.neg}} {{.x.f}} {{.x.fz}} {{.x.half}} {{.x.big}} {{.x.maxi}} {{.x.mini}} {{.x.huge}} {{.x.tiny}}');
gt('print-number-fixture', '{{range $k, $v := index . "x-stats"}}{{$k}}={{$v}} {{end}}', { target: ['cm', 'metrics'], fixture: 'numbers.json' });
gt('print-strings-raw', '{{.x.ctl}}|{{.x.quote}}|{{.metadata.annotations.multi}}|{{.x.emoji}}');
gt('print-list-object', '{{.}}', { target: ['cm'], fixture: 'extra.json' });
gt('print-uint8', '{{index "héllo" 1}} {{printf "%v %c" (index "abc" 1) (index "abc" 1)}}');

// ---- fields and missing keys ----
gt('field-missing-default', '{{.nope}}|{{.nope.deeper}}|{{.x.nul}}|{{.metadata.labels.zz}}|{{.x.m.n}}');
gt('field-missing-strict', 'a{{.metadata.name}}b{{.nope}}', strict);
gt('field-missing-chain-strict', '{{.metadata.nope.deeper}}', strict);
gt('field-missing-in-range-strict', '{{range .x.objs}}{{.v}};{{end}}', strict);
gt('field-missing-with-strict', '{{with .x}}{{.nope}}{{end}}', strict);
gt('field-missing-index-strict', '{{index .x.m "nope"}}|{{(index .x.m "nope").foo}}', strict);
gt('field-null-strict', '{{.x.nul}}|{{.x.m.n}}', strict);
gt('field-on-null', '{{.x.nul.foo}}');
gt('field-on-null-strict', '{{.x.nul.foo}}', strict);
gt('field-on-string-dot', '{{with .x.s}}{{.foo}}{{end}}');
gt('field-on-int-dot', '{{with .x.n}}{{.foo}}{{end}}');
gt('field-on-float-dot', '{{with .x.f}}{{.foo}}{{end}}');
gt('field-on-slice-dot', '{{with .x.strs}}{{.foo}}{{end}}');
gt('field-on-bool-var', '{{$b := .x.t}}{{$b.foo}}');
gt('field-on-slice-chain', '{{.x.strs.foo}}');
gt('field-on-literal-pipe', '{{("s").foo}}');
gt('field-on-pipe-map', '{{(index .x.objs 0).name}}|{{(index .x.objs 2).v}}');
gt('field-on-pipe-error-context', '{{(index .x.objs 0).nope.deeper}}', strict);
gt('field-on-missing-pipe', '{{(index .x.m "zz").foo}}');
gt('field-method-args', '{{.x.m 1}}');
gt('field-method-args-pipe', '{{1 | .x.n}}');
gt('field-chain-args', '{{.x.m.k 1 2}}');
gt('field-nil-data-template', '{{define "t"}}{{.a}}{{end}}{{template "t"}}', strict);
gt('field-dash-key', '{{.x-stats}}');
gt('field-digit-key', '{{.spec.ports.0}}', svc);
gt('field-position-multiline', 'line1\nline2 {{.metadata.name}}\n   {{.x.s.foo}}');
gt('field-position-utf8', 'héllo {{.x.s.foo}}');
gt('cmd-non-function-string', '{{"a" "b"}}');
gt('cmd-non-function-number', '{{1 2}}');
gt('cmd-non-function-dot', '{{. 1}}');
gt('cmd-non-function-pipe-stage', '{{.x.n | (print 1)}}');
gt('cmd-bool-arg', '{{true 1}}');

// ---- execution errors: partial output, lists, positions ----
gt('exec-partial-output', 'before {{.metadata.name}} {{range .x.strs}}{{.}} {{end}}{{index .x.three 9}} after');
gt('exec-error-list', '{{range .items}}{{.metadata.name}} {{.spec.ports 0}}{{end}}', svcs);
gt('exec-error-list-pods', '{{range .items}}{{.status.phase}}{{.nope.x}}{{end}}', { ...pods, flags: ['--allow-missing-template-keys=false'] });
gt('exec-error-in-else', '{{if false}}x{{else}}{{len 1}}{{end}}');
gt('exec-error-printf-percent-in-template', '{{printf "%d" 1}}{{len 3}} 100%');
gt('exec-error-template-quote', '{{"tab\\there" | len | len}}');
gt('exec-error-tab-in-template', '\t{{len 1}}');
gt('exec-panic-call', '{{.x.n | call}}');

// ---- odd corners ----
gt('odd-recursion-depth', '{{define "r"}}{{template "r" .}}{{end}}{{template "r" .}}');
gt('odd-cr-in-raw-string', '{{`a\r\nb`}}|{{"x"}}\r\n{{.x.n.foo}}');
gt('odd-paren-chain-strict', '{{(.x).m.nope.z}}', strict);
gt('odd-assign-range-vars', '{{with $x := .x.n}}{{$x = .}}{{end}}{{range $i, $e := .x.strs}}{{$i = 5}}{{$i}}{{end}}');
gt('odd-else-if-with-decl', '{{if $a := .x.zero}}a{{else if $b := .x.n}}{{$b}}{{$a}}{{end}}');
gt('odd-template-var-decl', '{{template "t" $v := .x.n}}{{$v}}{{define "t"}}[{{.}}]{{end}}');
gt('odd-pipe-decl-print', '{{$x := 1 | print}}{{$x}}');
gt('odd-chain-on-variable-pipe', '{{$o := .x.objs}}{{(index $o 1).name}}{{$o}}');
gt('odd-identifier-chain', '{{len.foo}}');
gt('odd-func-as-arg', '{{print len}}');
gt('odd-func-as-arg-ok', '{{print (print)}}|{{not (not 1)}}');
gt('odd-deep-paren', '{{(((.x.n)))}}|{{((print 1) | print 2)}}');
gt('odd-dot-arg-to-len', '{{with .x.strs}}{{len .}}{{end}}');
gt('odd-if-on-range-var', '{{range $i, $_ := .x.strs}}{{if $i}},{{end}}{{$i}}{{end}}');
gt('odd-keys-unicode-order', '{{range $k, $v := .metadata.labels}}{{$k}} {{end}}');
gt('odd-print-map-in-printf-s', '{{printf "%s|%d|%v" .metadata.labels .metadata.labels .x.mixed}}');
gt('odd-html-nul', '{{html "a\\x00b"}}|{{js "a\\x00b\\x7f"}}');
gt('odd-trim-only-spaces-text', '{{.metadata.name}}   \n\t  {{- "x"}}');
gt('odd-comment-trim-right-only', 'a {{/* c */ -}} b');
gt('odd-comment-trim-left-only', 'a {{- /* c */}} b');
gt('odd-break-in-nested-if', '{{range .x.strs}}{{if eq . "b"}}{{break}}{{else}}{{.}}{{end}}{{end}}');
gt('odd-continue-in-with', '{{range .x.objs}}{{with .v}}{{if eq . 2}}{{continue}}{{end}}{{.}}{{end}}|{{end}}');
gt('odd-range-else-break-nested', '{{range .x.nested}}{{range $.x.empty}}{{else}}e{{break}}x{{end}}y{{end}}');

// ---- more corners: fmt flag combinations, comparisons, and/or with nil ----
gt('more-printf-flag-combos', '{{printf "%+08d|%-08d|% 05d|%+.3e|%08.3e|%6.2v|%-+6d|%#-8x|%x|% x" 42 42 -42 1234.5 -1234.5 3.14159 7 255 -1.5 -1.5}}');
gt('more-printf-unicode-prec', '{{printf "%.6U|%#U|%#.6U|%U|%c|%q|%+q|%c" 65 10 128512 1114112 1114112 1114112 233 -1}}');
gt('more-printf-q-trunc', '{{printf "%.3q|%#q|%#q|%+q|%#+q" .x.s "a`b" "tab\\there" .x.uni "x"}}');
gt('more-printf-neg-zero', '{{-0.0}} {{printf "%v %.1f %e %g" -0.0 -0.0 -0.0 -0.0}} {{0.1}} {{1e-4}} {{1e-5}} {{100000.0}} {{1e6}}');
gt('more-printf-v-width-maps', '{{printf "%12v|%-12v|%5v" .x.strs .x.strs .x.m}}');
gt('more-printf-badindex', '{{printf "%[0]d|%[2]d|%[1]*d|%[-1]d" 1}}');
gt('more-printf-verbs-on-slices', '{{printf "%d|%x|%X|%o|%t|%e" .x.nums .x.nums .x.strs .x.nums .x.bools .x.nums}}');
gt('more-printf-percent-v-nested-nil', '{{printf "%v|%d|%s" .x.mixed .x.mixed .x.mixed}}');
gt('more-index-map-uint8-key', '{{index .x.m (index "k" 0)}}');
gt('more-slice-uint8-index', '{{slice .x.three (index "\\x01" 0)}}');
gt('more-len-uint8', '{{len (index "a" 0)}}');
gt('more-len-float', '{{len .x.f}}');
gt('more-not-no-args', '{{not}}');
gt('more-and-or-nil', '{{and .x.nul}}|{{or .x.nul .nope}}|{{and 1 .x.nul 2}}|{{or .x.zero .x.fz}}|{{printf "%T" (and 1 .x.n)}}|{{printf "%T" (or .x.nul)}}');
gt('more-eq-short-circuit', '{{eq 1 1 "a"}}|{{eq .x.s "x" "héllo"}}');
gt('more-eq-error-after', '{{eq 1 2 "a"}}');
gt('more-ne-nil-missing', '{{ne .x.nul .nope}}|{{ne .x.nul 1}}');
gt('more-lt-uint8-negative', '{{lt -1 (index "a" 0)}}|{{gt (index "a" 0) -1}}|{{le (index "a" 0) 97}}|{{ge (index "b" 0) (index "a" 0)}}');
gt('more-lt-float-ok', '{{lt .x.f 2.0}}|{{gt .x.half .x.fz}}|{{lt .x.n .x.neg}}');
gt('more-eq-bool-int', '{{eq true 1}}');
gt('more-print-nested-map', '{{print .x.m.in}}|{{.x.m}}|{{println .x.m.in .x.m.n}}');
gt('more-range-root-map', '{{range $k, $v := .}}{{$k}};{{end}}');
gt('more-range-root-list-kv', '{{range $k, $v := .}}{{$k}};{{end}}', { target: ['cm'], fixture: 'extra.json' });
gt('more-error-line2-tab-col', 'a\n\t\t{{len 1}}');
gt('more-error-crlf-col', 'a\r\n  {{len 1}}');
gt('more-block-error-name', '{{block "inner" .x}}{{.s.foo}}{{end}}');
gt('more-template-in-range-error', '{{define "t"}}{{index . 5}}{{end}}{{range .x.nested}}{{template "t" .}}{{end}}');
gt('more-with-else-with-nil-vars', '{{with $a := .nope}}x{{else with $b := .x.s}}{{$b}}{{end}}');
gt('more-range-else-uses-outer-dot', '{{range .x.empty}}x{{else}}{{.metadata.name}}{{end}}');
gt('more-pipeline-into-with', '{{with .x.three | len}}{{.}}{{end}}|{{if .x.em | len}}y{{else}}n{{end}}');
gt('more-variable-chain-nil', '{{$n := .x.nul}}{{$n.foo}}');
gt('more-variable-chain-missing', '{{$n := .nope}}{{$n.foo}}|{{$n}}');
gt('more-dollar-in-range', '{{range .x.strs}}{{$.metadata.name}}{{end}}');
gt('more-trim-between-actions', '{{"a"}}  \n  {{- "b" -}}  \n  {{"c"}}');
gt('more-html-escaper-multi', '{{html "<" .x.n nil "&"}}|{{js .x.strs}}|{{urlquery .x.m}}');
gt('more-exists-uint8-index', '{{exists .x.three (index "\\x01" 0)}}|{{exists .x.s 1 0}}');

// ---- kubectl list/data shapes ----
gt('list-metadata', '{{.metadata}} {{.kind}} {{len .items}}', svcs);
gt('list-empty-items', '{{.items}} {{len .items}}', { target: ['svc', '-l', 'app=nope'], fixture: 'cluster.json' });
gt('list-two-names', '{{range .items}}{{.metadata.name}} {{end}}', { target: ['cm', 'x', 'y'], fixture: 'extra.json' });
gt('list-multi-kind', '{{range .items}}{{.kind}}/{{.metadata.name}} {{end}}', { target: ['svc,deploy'], fixture: 'cluster.json' });
gt('realistic-pod-containers', '{{range .items}}{{.metadata.name}}:{{range .spec.containers}} {{.name}}={{.image}}{{end}}{{"\\n"}}{{end}}', pods);
gt('realistic-secret-decode', '{{range $k, $v := .data}}{{$k}}={{$v | base64decode}}{{"\\n"}}{{end}}', { target: ['secret', 'db-creds'], fixture: 'cluster.json' });
gt('realistic-labels-exists', '{{range .items}}{{if exists .metadata.labels "app"}}{{.metadata.labels.app}}{{else}}-{{end}} {{end}}', pods);
gt('realistic-ports-join', '{{range $i, $p := .spec.ports}}{{if $i}},{{end}}{{$p.port}}/{{$p.protocol}}{{end}}', svc);

const argv = process.argv.slice(2);
const print = argv[0] === '--print';
const only = print ? argv[1] : argv[0];
function run(c) {
  return new Promise((resolve) => {
    execFile(oracle, [c.objects, ...c.args], { cwd: here, encoding: 'utf8', maxBuffer: 1 << 24 }, (err, stdout, stderr) => {
      const exit = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
      const rec = { name: c.name, template: c.template, objects: c.objects, args: c.args, stdout, exit };
      if (stderr) rec.stderr = stderr;
      resolve(rec);
    });
  });
}

const names = new Set();
for (const c of cases) {
  if (names.has(c.name)) throw new Error(`duplicate case ${c.name}`);
  names.add(c.name);
}
const todo = only ? cases.filter((c) => c.name.includes(only)) : cases;
const out = [];
for (let i = 0; i < todo.length; i += 8) out.push(...(await Promise.all(todo.slice(i, i + 8).map(run))));
if (print) {
  for (const r of out) console.log(JSON.stringify(r, null, 1));
} else {
  // Re-recording a subset keeps the other recordings; the file follows the order of `cases`.
  const file = join(here, 'recorded-cases.json');
  const prev = new Map((existsSync(file) && only ? JSON.parse(readFileSync(file, 'utf8')) : []).map((r) => [r.name, r]));
  for (const r of out) prev.set(r.name, r);
  const all = cases.map((c) => prev.get(c.name)).filter(Boolean);
  writeFileSync(file, JSON.stringify(all, null, 1) + '\n');
  console.log(`recorded ${out.length} cases (${all.length} in file)`);
}
