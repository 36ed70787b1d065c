#!/usr/bin/env bash
# usage: test/golden/crd/_recorder/record.sh   (after gen.py; needs kubectl 1.32 and python3)
# Runs the REAL kubectl for each case of ../cases.json against stub.py serving ../objects.json;
# stdout goes to ../<case>.out, stderr to .err, a non-zero exit code to .rc.
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"; dir="$here/.."
real="${ORACLE_KUBECTL:-/usr/lib/google-cloud-sdk/bin/kubectl.1.32}"
tmp="$(mktemp -d)"; pid=""
trap 'kill $pid 2>/dev/null || true; rm -rf "$tmp"' EXIT
STUB_NOW=2024-05-01T12:00:00Z python3 "$here/stub.py" "$dir/objects.json" 0 >"$tmp/port" &
pid=$!
for _ in $(seq 100); do [ -s "$tmp/port" ] && break; sleep 0.05; done
cat >"$tmp/kubeconfig" <<CFG
apiVersion: v1
kind: Config
clusters: [{name: oracle, cluster: {server: "http://127.0.0.1:$(head -1 "$tmp/port")"}}]
contexts: [{name: oracle, context: {cluster: oracle, namespace: default}}]
current-context: oracle
CFG
n=$(python3 -c "import json,sys; print(len(json.load(open(sys.argv[1]))))" "$dir/cases.json")
for i in $(seq 0 $((n - 1))); do
  name=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))[int(sys.argv[2])]['name'])" "$dir/cases.json" "$i")
  mapfile -d '' args < <(python3 -c "import json,sys; sys.stdout.write(''.join(a + '\0' for a in json.load(open(sys.argv[1]))[int(sys.argv[2])]['args']))" "$dir/cases.json" "$i")
  rc=0
  KUBECONFIG="$tmp/kubeconfig" "$real" --cache-dir="$tmp/cache" "${args[@]}" >"$dir/$name.out" 2>"$dir/$name.err" || rc=$?
  [ -s "$dir/$name.err" ] || rm -f "$dir/$name.err"
  if [ "$rc" != 0 ]; then echo "$rc" >"$dir/$name.rc"; else rm -f "$dir/$name.rc"; fi
  echo "$name: $rc"
done
