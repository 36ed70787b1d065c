#!/usr/bin/env python3
"""Record what real kubectl v1.32 prints for the cases below (through the oracle) into
recorded.json, which test/printers-jsonpath*.test.ts and test/printers-customcolumns*.test.ts
replay against kubesim's printers.

  record.py [ORACLE]        (default: /work/shared/oracle/kubectl-oracle)

Each case: name, objects (fixture under fixtures/), args (after `kubectl`), optional files
(written beside the fixtures before running, e.g. a custom-columns file), optional note.
"""
import json, os, shutil, subprocess, sys, tempfile

here = os.path.dirname(os.path.abspath(__file__))
oracle = sys.argv[1] if len(sys.argv) > 1 else "/work/shared/oracle/kubectl-oracle"

C = []
def case(name, objects, *args, files=None, note=None):
    C.append({"name": name, "objects": objects, "args": ["get", *args], **({"files": files} if files else {}), **({"note": note} if note else {})})

S, N, P = "cluster.json", "numbers.json", "sort.json"
jp = lambda t: "-o=jsonpath=" + t

# --- template layer, text, quoting
case("text-only", S, "svc", "my-nginx", jp("hello world"))
case("empty-braces-list", S, "svc", jp("{}"), note="the whole List as compact JSON")
case("dot-alone-prints-nothing", S, "svc", "my-nginx", jp("[{.}]"))
case("dollar-and-at", S, "svc", "my-nginx", jp("{$.metadata.name}|{@.kind}|{$}"))
case("quoted-escapes", S, "svc", "my-nginx", jp(r'{"a\tb\\c\x41\u00e9\101"}|{' + "'it\\'s'" + "}"))
case("quoted-bad-escape", S, "svc", "my-nginx", jp(r'{"\q"}'))
case("quoted-unterminated", S, "svc", "my-nginx", jp(r'{"abc}'))
case("quote-replaces-values", S, "svc", "my-nginx", jp('{.metadata.name "x"}'))
case("steps-separated-by-spaces", S, "svc", "my-nginx", jp("{.metadata .name}"))
case("tab-in-action", S, "svc", "my-nginx", jp("{.metadata.name\t}"))
case("newline-in-action", S, "svc", "my-nginx", jp("{.metadata.name\n}"))
case("unclosed-action", S, "svc", "my-nginx", jp("{.metadata.name"))
case("unrecognized-char", S, "svc", "my-nginx", jp("{.metadata.name|}"))
case("identifier-with-dash", S, "svc", "my-nginx", jp("{foo-bar}"))
case("number-literals", S, "svc", "my-nginx", jp("{+5} {-0} {007} {1.} {.5e} {99999999999999999999}"))
case("bad-number", S, "svc", "my-nginx", jp("{1.2.3}"))
case("literal-int-per-input", S, "svc", jp("{.items[*].metadata 7}"))
case("text-with-newline-literal", S, "svc", "my-nginx", jp("a\n{.kind}\nb"))
case("unicode-text-and-key", N, "cm", "metrics", jp("é:{.x-stats.numkeys.é}"))

# --- fields and escapes
case("escaped-dot-key", S, "svc", "my-nginx", jp(r"{.metadata.labels.app\.kubernetes\.io/name}"))
case("backslash-removed", S, "svc", "my-nginx", jp(r"{.meta\data.na\me}"))
case("field-on-string", S, "svc", "my-nginx", jp("[{.metadata.name.x}]"))
case("field-on-string-missing-false", S, "svc", "my-nginx", jp("{.metadata.name.x}"), "--allow-missing-template-keys=false")
case("null-then-field-missing-false", N, "cm", "metrics", jp("{.x-stats.nul.foo}"), "--allow-missing-template-keys=false")
case("missing-after-empty-input", S, "svc", "my-nginx", jp("[{.spec.ports[?(@.port==1)].name}]"), "--allow-missing-template-keys=false",
     note="a field step with no input at all is not 'not found'")
case("missing-chain-first-key", S, "svc", "my-nginx", jp("{.nope.deeper}"), "--allow-missing-template-keys=false")
case("missing-in-list-items", S, "pods", jp("{.items[*].spec.nodeName}"), "--allow-missing-template-keys=false")
case("missing-all-items", S, "pods", jp("{.items[*].spec.nope}"), "--allow-missing-template-keys=false")
case("dict-key-star", S, "svc", "my-nginx", jp("{.spec.selector['*']}"))
case("dict-key-empty", S, "svc", "my-nginx", jp("[{.metadata['']}]"))
case("dict-key-double-quote-error", S, "svc", "my-nginx", jp('{.metadata["name"]}'))
case("wildcard-string-bytes", S, "svc", "my-nginx", jp("{.spec.type.*}"))
case("wildcard-array", S, "svc", "my-nginx", jp("{.spec.ports.*.name}"))
case("star-dotted-on-scalar", S, "svc", "my-nginx", jp("[{.spec.ports[0].port.*}]"))

# --- indices and slices
case("index-first-last", S, "svc", "my-nginx", jp("{.spec.ports[0].name} {.spec.ports[-1].name} {.spec.ports[-2].name}"))
case("negative-out-of-range", S, "svc", "my-nginx", jp("{.spec.ports[-3]}"))
case("index-empty-array", N, "cm", "metrics", jp("{.x-stats.emptyList[0]}"))
case("last-of-empty-array", N, "cm", "metrics", jp("{.x-stats.emptyList[-1]}"))
case("slice-zero-len", S, "svc", "my-nginx", jp("[{.spec.ports[1:1]}]"))
case("slice-start-gt-end", S, "svc", "my-nginx", jp("{.spec.ports[1:0]}"))
case("slice-step-zero", S, "svc", "my-nginx", jp("{.spec.ports[::0]}"))
case("slice-step-negative", S, "svc", "my-nginx", jp("{.spec.ports[::-1]}"))
case("slice-step-2", S, "pods", jp("{.items[::2].metadata.name}|{.items[1::2].metadata.name}|{.items[-1:].metadata.name}"))
case("slice-negative-end", S, "pods", jp("{.items[:-2].metadata.name}|{.items[-2:-1].metadata.name}"))
case("slice-end-beyond", S, "pods", jp("{.items[1:4]}"))
case("empty-brackets-first", S, "svc", "my-nginx", jp("{.spec.ports[].name}"))
case("index-spaces-error", S, "svc", "my-nginx", jp("{.spec.ports[ 0 ]}"))
case("index-letters-error", S, "svc", "my-nginx", jp("{.spec.ports[a]}"))
case("index-dash-error", S, "svc", "my-nginx", jp("{.spec.ports[-]}"))
case("index-overflow-error", S, "svc", "my-nginx", jp("{.spec.ports[99999999999999999999]}"))
case("unterminated-array", S, "svc", "my-nginx", jp("{.spec.ports[0}"))
case("index-on-map-error", S, "svc", "my-nginx", jp("{.metadata[0]}"))
case("index-on-null-skipped", N, "cm", "metrics", jp("[{.x-stats.nul[0]}]"))
case("zero-len-slice-drops-later-inputs", S, "pods", jp("{.items[*].spec.containers[1:].name}"),
     note="[a:b] with a==b returns what earlier inputs produced and skips the rest (client-go quirk)")
case("index-per-input-error", S, "pods", jp("{.items[*].spec.containers[1].name}"))

# --- unions
case("union-fields", S, "svc", "my-nginx", jp("{.metadata['name','namespace']}"))
case("union-with-spaces", S, "svc", "my-nginx", jp("{.spec.ports[ 0 , 1 ].port}"))
case("union-grouped-over-items", S, "pods", jp("{.items[*].metadata['name','uid']}"))
case("union-negative", S, "pods", jp("{.items[0,-1].metadata.name}"))
case("union-error-inside", S, "svc", "my-nginx", jp("{.spec.ports[0,5].port}"))
case("union-dotted-key", S, "svc", "my-nginx", jp("{.metadata['labels','app.kubernetes.io/name']}"))

# --- recursive descent
case("recursive-name", S, "svc", "my-nginx", jp("{..port}"))
case("recursive-from-spec", S, "deploy", "nginx", jp("{.spec..image}"))
case("recursive-bare", S, "svc", "my-nginx", jp("{.spec.clusterIPs..}|{.metadata.name..}|{.spec.ports[0].port..}"),
     note="only arrays here: Go visits map values in random order")
case("recursive-then-index", S, "svc", "my-nginx", jp("{.spec..[0]}"))
case("recursive-then-dotfield", S, "svc", "my-nginx", jp("{.spec...name}"))
case("recursive-then-star", S, "svc", "my-nginx", jp("{..*}"))
case("recursive-filter", S, "pods", jp('{..containerStatuses[?(@.ready==false)].name}'))

# --- filters
case("filter-ne", S, "svc", "my-nginx", jp('{.spec.ports[?(@.name!="http")].port}'))
case("filter-le-ge", S, "svc", "my-nginx", jp("{.spec.ports[?(@.port<=80)].name}|{.spec.ports[?(@.port>=443)].name}|{.spec.ports[?(@.port<443)].name}"))
case("filter-string-order", S, "pods", jp('{.items[?(@.metadata.name<"b")].metadata.name}|{.items[?(@.metadata.name>="nginx")].metadata.name}'))
case("filter-exists-missing-field", S, "pods", jp("{.items[?(@.spec.nodeName)].metadata.name}"))
case("filter-exists-missing-false", S, "pods", jp("{.items[?(@.spec.nodeName)].metadata.name}"), "--allow-missing-template-keys=false")
case("filter-compare-missing-false", S, "pods", jp('{.items[?(@.spec.nodeName=="node-1")].metadata.name}'), "--allow-missing-template-keys=false")
case("filter-on-map-error", S, "svc", "my-nginx", jp('{.metadata[?(@.name=="x")]}'))
case("filter-on-string-error", S, "svc", "my-nginx", jp('{.metadata.name[?(@.x)]}'))
case("filter-on-null-error", N, "cm", "metrics", jp('{.x-stats.nul[?(@.x)]}'))
case("filter-bool-lt-error", S, "pods", jp('{.items[*].status.containerStatuses[?(@.ready<true)].name}'))
case("filter-null-compare-error", N, "cm", "metrics", jp('{.x-stats.nested.b[?(@==1)]}'))
case("filter-current-elem", N, "cm", "metrics", jp('{.x-stats.nested.b[?(@=="x")]}'))
case("filter-multi-values-error", S, "pods", jp('{.items[?(@.spec.containers[*].name=="api")].metadata.name}'))
case("filter-bad-operator", S, "svc", "my-nginx", jp('{.spec.ports[?(@.port=80)].name}'))
case("filter-bad-operator-no-match", S, "svc", "my-nginx", jp('[{.spec.ports[?(@.nope=80)].name}]'))
case("filter-not-op", S, "svc", "my-nginx", jp('{.spec.ports[?(!@.name)].name}'))
case("filter-or-unsupported", S, "svc", "my-nginx", jp('{.spec.ports[?(@.port==80 || @.port==443)].name}'))
case("filter-quoted-paren", S, "pods", jp("{.items[?(@.status.conditions[0].reason=='x)y')].metadata.name}|ok"))
case("filter-float-compare", N, "cm", "metrics", jp("{.x-stats.nested[?(@.y>2.4)]}"))
case("filter-float-on-list", N, "cm", jp("{.items[?(@.x-stats.ratio<1.0)].metadata.name}"))
case("filter-int-literal-big", S, "svc", "my-nginx", jp("{.spec.ports[?(@.port<99999999999999999999)].name}"))
case("filter-right-text-double", S, "svc", "web-lb", jp('{.status.loadBalancer.ingress[?(@.hostname=="lb.example.com")].hostname}'))
case("filter-exists-index-error-kept", S, "pods", jp("{.items[?(@.metadata.name[0])].metadata.name}"),
     note="the exists form keeps an element when its path fails with partial values")
case("filter-nested", S, "pods", jp('{.items[?(@.status.phase=="Running")].status.containerStatuses[?(@.restartCount>0)].name}'))
case("filter-unterminated-quote", S, "svc", "my-nginx", jp("{.spec.ports[?(@.name=='x)]}"))

# --- range
case("range-items-kind-name", S, "pods", jp('{range .items[*]}{.metadata.name}{"\\n"}{end}'))
case("range-whole-array-once", S, "svc", "my-nginx", jp("{range .spec.ports}[{@}]{end}"))
case("range-empty-then-text", S, "svc", "my-nginx", jp("{range .nope[*]}[{@}]{end}after"))
case("range-empty-missing-false", N, "cm", "metrics", jp("{range .x-stats.emptyList[*]}{.a}{end}x"), "--allow-missing-template-keys=false",
     note="an empty range still walks its body once with no object")
case("range-nested-empty-inner", S, "pods", jp('{range .items[*]}{.metadata.name}:{range .spec.nope[*]}{.x}{end};{end}'))
case("range-two-sequential", S, "svc", jp('{range .items[*]}{.metadata.name},{end}|{range .items[*]}{.spec.type},{end}'))
case("range-unclosed", S, "svc", jp("{range .items[*]}{.metadata.name},"))
case("range-nested-unclosed-inner", S, "pods", jp("{range .items[*]}<{range .spec.containers[*]}{.name}{end}>"))
case("range-end-twice", S, "svc", jp("{range .items[*]}{.metadata.name}{end}{end}"))
case("range-over-map", S, "svc", "my-nginx", jp("{range .spec.selector}{@}{end}"))
case("range-filter", S, "nodes", jp('{range .items[*].status.addresses[?(@.type=="InternalIP")]}{.address}{" "}{end}'))
case("range-inside-action", S, "svc", jp("{.items[*] range}{.metadata.name}{end}"))
case("range-text-after-end", S, "svc", jp("{range .items[*]}{.kind}{end}{.kind}"))
case("range-null-as-json-panic", N, "cm", "metrics", "-o=jsonpath-as-json={range .x-stats.nested.b[*]}{@}{end}",
     note="kubectl panics on the zero reflect.Value (exit 2)")
case("range-invalid-index-panic", N, "cm", "metrics", jp("{range .nope[*]}{[0]}{end}"),
     note="kubectl panics: reflect.Value.Type on zero Value (exit 2)")

# --- printing
case("print-types", N, "cm", "metrics", jp("{.x-stats.f6} {.x-stats.f7} {.x-stats.million} {.x-stats.millionInt} {.x-stats.tiny} {.x-stats.e20} {.x-stats.pi} {.x-stats.two} {.x-stats.f}"))
case("print-map-json-escapes", N, "cm", "metrics", jp("{.x-stats.unicode}|{.x-stats.nested}|{.x-stats.numkeys}|{.x-stats.tab}"))
case("print-list-with-floats", N, "cm", jp("{.items[0].x-stats}"))
case("print-string-array", S, "pods", jp("{.items[0].spec.containers[1].command}"))
case("print-secret-data", S, "secret", "db-creds", jp("{.data}"))
case("print-configmap-key-with-dot", S, "cm", "app-config", jp(r"{.data.config\.yaml}"))

# --- jsonpath-as-json
case("as-json-map", S, "svc", "my-nginx", "-o=jsonpath-as-json={.spec.ports[0]}")
case("as-json-list-items", S, "svc", "-o=jsonpath-as-json={.items[*].metadata.labels}")
case("as-json-range", S, "svc", "-o=jsonpath-as-json={range .items[*]}{.metadata.name}{end}")
case("as-json-numbers", N, "cm", "metrics", "-o=jsonpath-as-json={.x-stats.nested}{.x-stats.big}{.x-stats.unicode}{.x-stats.nul}")
case("as-json-literals", N, "cm", "metrics", "-o=jsonpath-as-json={true}{1.5}{-2}{'x'}")
case("as-json-missing-false", S, "svc", "my-nginx", "-o=jsonpath-as-json={.nope}", "--allow-missing-template-keys=false")

# --- errors (exact stderr with the object dump)
case("exec-error-dump-numbers", N, "cm", "metrics", jp("{.x-stats[0]}"))
case("exec-error-dump-list", S, "svc", jp("{.items[9]}"))
case("exec-error-template-quoting", S, "svc", "my-nginx", jp('{"\\t"}\ta"b\x01\u00e9\u2028{.metadata[0]}'))
case("parse-error-in-union", S, "svc", "my-nginx", jp("{.spec.ports[0,a]}"))
case("parse-error-in-filter-right", S, "svc", "my-nginx", jp("{.spec.ports[?(@.port==&)]}"))
case("parse-error-filter-right-eq", S, "svc", "my-nginx", jp("{.spec.ports[?(@.port==)]}"))
case("jsonpath-file-missing", S, "svc", "-o=jsonpath-file=nope.jsonpath")
case("jsonpath-file-with-newline", S, "svc", "-o=jsonpath-file=t.jsonpath", files={"t.jsonpath": "{range .items[*]}{.metadata.name}{\"\\n\"}{end}\n"})
case("template-flag-empty", S, "svc", "-o=jsonpath")
case("as-json-template-flag", S, "svc", "-o=jsonpath-as-json", "--template={.items[0].metadata.name}")

# --- custom-columns
cc = lambda s: "-o=custom-columns=" + s
case("cc-basic", S, "pods", cc("NAME:.metadata.name,NODE:.spec.nodeName,IP:status.podIP,RESTARTS:{.status.containerStatuses[*].restartCount}"))
case("cc-single-object", S, "svc", "my-nginx", cc("NAME:.metadata.name,PORTS:.spec.ports[*].port,SEL:.spec.selector"))
case("cc-no-headers", S, "svc", cc("NAME:.metadata.name,TYPE:.spec.type"), "--no-headers")
case("cc-maps-lists-nulls", N, "cm", cc("S:.x-stats.nested,B:.x-stats.nested.b,N:.x-stats.nul,F:.x-stats.f7,E:.x-stats.emptyList,M:.x-stats.emptyMap"))
case("cc-wide-values-unicode", N, "cm", cc("U:.x-stats.unicode,K:.x-stats.numkeys,TAB:.x-stats.tab,X:.x-stats.ctl"))
case("cc-empty-path", S, "svc", cc("NAME:.metadata.name,EMPTY:"))
case("cc-no-colon", S, "svc", cc("NAME"))
case("cc-bad-relaxed", S, "svc", cc("N:{.metadata.name"))
case("cc-two-actions", S, "svc", cc("N:{.metadata.name}{.kind}"))
case("cc-parse-error", S, "svc", cc("N:.metadata.name,X:.a["))
case("cc-exec-error-partial", S, "pods", cc("N:.metadata.name,C:.spec.containers[1].name"))
case("cc-exec-error-first-row", S, "svc", cc("N:.metadata.name,C:.metadata.name[0]"))
case("cc-empty-list", S, "pods", "-l", "nope=1", cc("NAME:.metadata.name"))
case("cc-empty-spec", S, "svc", "-o=custom-columns=")
case("cc-filter-and-union", S, "nodes", cc('NAME:.metadata.name,EXT:.status.addresses[?(@.type=="ExternalIP")].address,A:.status.addresses[0,1].type'))
case("cc-comma-in-union-splits", S, "svc", cc("N:.metadata.name,P:.spec.ports[0,1].port"))
case("cc-escaped-key", S, "svc", cc(r"N:.metadata.name,APP:.metadata.labels.app\.kubernetes\.io/name"))
case("cc-recursive", S, "pods", cc("N:.metadata.name,PORTS:..containerPort"))
case("cc-header-with-spaces", S, "svc", cc("MY NAME:.metadata.name,T:.spec.type"))
case("cc-multi-kind", S, "svc,deploy", cc("KIND:.kind,NAME:.metadata.name"))
case("cc-file", S, "svc", "-o=custom-columns-file=cols.txt", files={"cols.txt": "NAME   TYPE  PORTS\n.metadata.name {.spec.type}  spec.ports[*].port\n"})
case("cc-file-no-headers-ignored", S, "svc", "-o=custom-columns-file=cols.txt", "--no-headers", files={"cols.txt": "NAME TYPE\n.metadata.name .spec.type\n"})
case("cc-file-count-mismatch", S, "svc", "-o=custom-columns-file=cols.txt", files={"cols.txt": "NAME TYPE\n.metadata.name\n"})
case("cc-file-one-line", S, "svc", "-o=custom-columns-file=cols.txt", files={"cols.txt": "NAME TYPE\n"})
case("cc-file-empty", S, "svc", "-o=custom-columns-file=cols.txt", files={"cols.txt": ""})
case("cc-file-crlf", S, "svc", "-o=custom-columns-file=cols.txt", files={"cols.txt": "NAME\tIP\r\n.metadata.name\t.spec.clusterIP\r\nignored line\n"})
case("cc-file-missing", S, "svc", "-o=custom-columns-file=nope.txt")

# --- sort-by (list mode: every output but the table)
names = lambda: jp('{range .items[*]}{.metadata.name} {end}')
case("sort-name-natural", P, "pods", names(), "--sort-by=.metadata.name")
case("sort-int-ties", P, "pods", names(), "--sort-by=.spec.priority")
case("sort-restart-count", P, "pods", jp('{range .items[*]}{.metadata.name}={.status.containerStatuses[0].restartCount} {end}'), "--sort-by=.status.containerStatuses[0].restartCount")
case("sort-timestamp-ties", P, "pods", names(), "--sort-by=.metadata.creationTimestamp")
case("sort-memory-quantity", P, "pods", jp('{range .items[*]}{.spec.containers[0].resources.requests.memory} {end}'), "--sort-by=.spec.containers[0].resources.requests.memory")
case("sort-cpu-quantity", P, "pods", jp('{range .items[*]}{.spec.containers[0].resources.requests.cpu} {end}'), "--sort-by={.spec.containers[0].resources.requests.cpu}")
case("sort-node-missing-first", P, "pods", jp('{range .items[*]}{.metadata.name}@{.spec.nodeName} {end}'), "--sort-by=spec.nodeName")
case("sort-label-string-numbers", P, "pods", jp('{range .items[*]}{.metadata.labels.rank} {end}'), "--sort-by=.metadata.labels.rank")
case("sort-phase", P, "pods", names(), "--sort-by=.status.phase")
case("sort-float-mixed-fatal", P, "pods", names(), "--sort-by=.metadata.annotations.weight",
     note="float64 and int64 values cannot be compared: kubectl exits from inside the sort")
case("sort-bool-fatal", P, "pods", names(), "--sort-by=.status.containerStatuses[0].ready")
case("sort-not-found", P, "pods", names(), "--sort-by=.spec.nope")
case("sort-relaxed-error", P, "pods", names(), "--sort-by={.a}{.b}")
case("sort-parse-error", P, "pods", names(), "--sort-by=.a[")
case("sort-exec-error", S, "svc", names(), "--sort-by=.metadata.name[0]")
case("sort-single-object-untouched", S, "svc", "my-nginx", jp("{.metadata.name}"), "--sort-by=.nope")
case("sort-two-names", S, "svc", "redis", "my-nginx", names(), "--sort-by=.metadata.name")
case("sort-multi-kind", S, "svc,deploy", names(), "--sort-by=.metadata.creationTimestamp")
case("sort-custom-columns", P, "pods", cc("NAME:.metadata.name,MEM:.spec.containers[0].resources.requests.memory"), "--sort-by=.spec.containers[0].resources.requests.memory")
case("sort-wildcard-first-value", S, "pods", names(), "--sort-by=.spec.containers[*].name")
case("sort-map-fatal", S, "svc", names(), "--sort-by=.metadata.labels")
case("sort-empty-list", S, "pods", "-l", "nope=1", names(), "--sort-by=.spec.nope")

# --- more
case("range-bare", S, "svc", "my-nginx", jp("{range}[{.kind}]{end}"))
case("range-end-inside-action", S, "svc", jp("{range .items[*]}{.metadata.name end}|"))
case("quote-single-with-double", S, "svc", "my-nginx", jp("{'a\"b'}|{\"a\\\"b\"}"))
case("jsonpath-file-parse-error", S, "svc", "-o=jsonpath-file=t.jsonpath", files={"t.jsonpath": "{.a\n"})
case("jp-list-float-roundtrip", N, "cm", jp("{.items[0].x-stats.two} {.items[0].x-stats.million} {.items[0].x-stats.thousand} {.items[0].x-stats.e20}"))
case("cc-list-float-roundtrip", N, "cm", cc("T:.x-stats.two,M:.x-stats.million,F:.x-stats.f7,H:.x-stats.huge,B:.x-stats.bigint"))
case("cc-single-float-kept", N, "cm", "metrics", cc("T:.x-stats.two,M:.x-stats.million"))
case("sort-no-headers-cc", P, "pods", cc("NAME:.metadata.name,N:.spec.nodeName"), "--no-headers", "--sort-by=.spec.nodeName")
case("sort-as-json", S, "svc", "-o=jsonpath-as-json={.items[*].metadata.name}", "--sort-by=.spec.clusterIP")
case("sort-ip-strings", S, "svc", names(), "--sort-by=.spec.clusterIP")
case("sort-braces-no-dot", P, "pods", names(), "--sort-by={metadata.name}")
case("sort-recursive", S, "pods", names(), "--sort-by=..restartCount")
case("sort-labels-app", S, "pods", names(), "--sort-by=.metadata.labels.app")
case("sort-uid-strings", P, "pods", names(), "--sort-by=.metadata.uid")
case("sort-status-phase-cc", P, "pods", cc("NAME:.metadata.name,PHASE:.status.phase,RS:.status.containerStatuses[0].restartCount"), "--sort-by=.status.containerStatuses[0].restartCount")

if __name__ == "__main__":
    out = []
    fx = os.path.join(here, "fixtures")
    with tempfile.TemporaryDirectory() as tmp:
        for f in os.listdir(fx):
            shutil.copy(os.path.join(fx, f), tmp)
        for c in C:
            for fn, content in (c.get("files") or {}).items():
                with open(os.path.join(tmp, fn), "w") as fh:
                    fh.write(content)
            p = subprocess.run([oracle, c["objects"], *c["args"]], capture_output=True, cwd=tmp)
            for fn in (c.get("files") or {}):
                os.remove(os.path.join(tmp, fn))
            r = dict(c)
            r["stdout"] = p.stdout.decode()
            r["stderr"] = p.stderr.decode()
            r["exit"] = p.returncode
            out.append(r)
            print(f'{c["name"]}: exit {p.returncode}', file=sys.stderr)
    with open(os.path.join(here, "recorded.json"), "w") as fh:
        json.dump(out, fh, indent=1, ensure_ascii=False)
        fh.write("\n")
    print(f"{len(out)} cases recorded", file=sys.stderr)
