// One-off generator: the field numbers of the Kubernetes v1.32 protobuf messages (k8s.io/api and
// k8s.io/apimachinery generated.proto at v0.32.0) as compact JSON, for kubesim serve to decode
// the protobuf bodies client-go's typed clients send (src/apiserver/protobuf.ts).
//   node scripts/gen-proto-schema.mjs DIR_WITH_PROTO_FILES > src/apiserver/proto/k8s-messages.txt
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const messages = {};
for (const f of readdirSync(dir).filter((x) => x.endsWith('.proto')).sort()) {
  const text = readFileSync(join(dir, f), 'utf8').replace(/\/\/.*$/gm, '');
  const pkg = /^package\s+([\w.]+);/m.exec(text)[1];
  const re = /message\s+(\w+)\s*\{([^}]*)\}/g;
  let m;
  while ((m = re.exec(text))) {
    const fields = [];
    for (const line of m[2].split(';')) {
      const s = line.trim().replace(/\s+/g, ' ');
      if (!s) continue;
      let fm = /^map<\s*([\w.]+)\s*,\s*([\w.]+)\s*> (\w+) = (\d+)$/.exec(s);
      const resolve = (t) => (/^(string|bool|bytes|int32|int64|uint32|uint64|double|float|sint32|sint64|fixed32|fixed64)$/.test(t) ? t : t.startsWith('.') ? t.slice(1) : t.includes('.') ? t : `${pkg}.${t}`);
      if (fm) { fields.push([Number(fm[4]), fm[3], `map:${resolve(fm[2])}`, 0]); continue; }
      fm = /^(optional|repeated|required)? ?([\w.]+) (\w+) = (\d+)/.exec(s);
      if (!fm) continue;
      fields.push([Number(fm[4]), fm[3], resolve(fm[2]), fm[1] === 'repeated' ? 1 : 0]);
    }
    messages[`${pkg}.${m[1]}`] = fields;
  }
}
process.stdout.write(JSON.stringify(messages));
