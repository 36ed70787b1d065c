// Reduces Kubernetes 1.32's own OpenAPI v3 documents (api/openapi-spec/v3 of kubernetes at
// v1.32, as kubernetes-sigs/kubectl-validate vendors them under pkg/openapiclient/builtins/1.32)
// to what kubesim needs — `kubectl explain`, field validation and the API server's /openapi/v3 —
// for the group-versions kubesim serves (src/api/kinds.ts):
//   - components.schemas kept whole (descriptions, types, required, enums, x-kubernetes-*);
//   - paths kept only as far as explain reads them: each operation's x-kubernetes-group-version-kind.
// Writes templates/openapi/<api__v1>.json (minified) and templates/openapi/index.json (the hash of
// each document, as the API server's /openapi/v3 discovery shows it).
//   OPENAPI_SRC=<dir with api/v1.json, apis/apps/v1.json, ...> node scripts/gen-openapi.mjs
//   node scripts/gen-openapi.mjs <path to a kubectl-validate git directory>
import { readFileSync, writeFileSync, mkdirSync, rmSync, existsSync } from 'node:fs';
import { join, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const src = process.env.OPENAPI_SRC;
const gitDir = process.argv[2] ?? '/work/.mirror/kubernetes-sigs+kubectl-validate/repo';
function readDoc(gvPath) {
  if (src) return readFileSync(join(src, gvPath + '.json'), 'utf8');
  if (!existsSync(gitDir)) throw new Error(`no OPENAPI_SRC and no ${gitDir}`);
  return execFileSync('git', ['--git-dir', gitDir, 'show', `HEAD:pkg/openapiclient/builtins/1.32/${gvPath}.json`], { encoding: 'utf8', maxBuffer: 1 << 28 });
}

// The group-versions of kubesim's kinds registry.
const kinds = readFileSync(join(root, 'src', 'api', 'kinds.ts'), 'utf8');
const gvs = new Set();
for (const m of kinds.matchAll(/K\('(\w+)', '([^']*)', '(\w+)'/g)) gvs.add(m[2] ? `apis/${m[2]}/${m[3]}` : `api/${m[3]}`);

const out = join(root, 'templates', 'openapi');
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
const index = {};
for (const gv of [...gvs].sort()) {
  const doc = JSON.parse(readDoc(gv));
  const paths = {};
  for (const [p, item] of Object.entries(doc.paths ?? {})) {
    const ops = {};
    for (const method of ['get', 'put', 'post', 'delete', 'patch']) {
      const gvk = item[method]?.['x-kubernetes-group-version-kind'];
      if (gvk) ops[method] = { 'x-kubernetes-group-version-kind': gvk };
    }
    if (Object.keys(ops).length) paths[p] = ops;
  }
  const reduced = { openapi: doc.openapi, info: doc.info, paths, components: { schemas: doc.components.schemas } };
  const text = JSON.stringify(reduced);
  writeFileSync(join(out, gv.replace(/\//g, '__') + '.json'), text);
  index[gv] = createHash('sha512').update(text).digest('hex').toUpperCase();
  writeSlices(gv, reduced);
}
/** Per resource, what `kubectl explain` reads of its group-version's document: the resource's
 *  paths and the schemas reachable from its kind (explain/<gv>__<plural>.json), so that explain
 *  parses a tenth of the document. The rendering is the same as over the whole document. */
function writeSlices(gv, doc) {
  mkdirSync(join(out, 'explain'), { recursive: true });
  const byPlural = {};
  for (const [p, ops] of Object.entries(doc.paths)) {
    const m = /^\/apis?\/(?:[^/]+\/)?[^/]+\/(?:namespaces\/\{namespace\}\/)?([^/{]+)(?:\/\{name\})?$/.exec(p);
    if (!m) continue;
    (byPlural[m[1]] ??= {})[p] = ops;
  }
  const schemas = doc.components.schemas;
  for (const [plural, paths] of Object.entries(byPlural)) {
    const gvks = Object.values(paths).flatMap((ops) => Object.values(ops).map((o) => JSON.stringify(o['x-kubernetes-group-version-kind'])));
    const keep = new Set();
    const queue = Object.keys(schemas).filter((n) => (schemas[n]['x-kubernetes-group-version-kind'] ?? []).some((g) => gvks.includes(JSON.stringify({ group: g.group, kind: g.kind, version: g.version }))));
    while (queue.length) {
      const n = queue.shift();
      if (keep.has(n) || !schemas[n]) continue;
      keep.add(n);
      for (const m of JSON.stringify(schemas[n]).matchAll(/"\$ref":"#\/components\/schemas\/([^"]+)"/g)) queue.push(m[1]);
    }
    const slice = { paths, components: { schemas: Object.fromEntries([...keep].sort().map((n) => [n, schemas[n]])) } };
    writeFileSync(join(out, 'explain', `${gv.replace(/\//g, '__')}__${plural}.json`), JSON.stringify(slice));
  }
}

writeFileSync(join(out, 'index.json'), JSON.stringify(index, null, 1) + '\n');
console.log(`${Object.keys(index).length} documents: ${Object.keys(index).join(' ')}`);
