#!/usr/bin/env bash
# Re-record goldens.json from the real kubectl: ../../../../shared/oracle/kubectl-oracle must work.
#   test/golden/manifests/record.sh
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
oracle="${ORACLE:-/work/shared/oracle/kubectl-oracle}"
empty="$(mktemp)"; echo '[]' > "$empty"
out="$here/goldens.json"
cd "$here/files"
python3 - "$oracle" "$empty" "$here/cases.txt" "$out" <<'PY'
import json, shlex, subprocess, sys
oracle, empty, cases, out = sys.argv[1:]
res = []
for line in open(cases):
    line = line.rstrip('\n')
    if not line.strip() or line.startswith('#'):
        continue
    args = shlex.split(line)
    p = subprocess.run([oracle, empty] + args, capture_output=True, text=True)
    res.append({'args': args, 'stdout': p.stdout, 'stderr': p.stderr, 'code': p.returncode})
json.dump(res, open(out, 'w'), indent=1)
print(f'{len(res)} cases recorded')
PY
rm -f "$empty"
