// The API server's OpenAPI v3: Kubernetes 1.32's own documents for the group-versions kubesim
// serves, reduced at build time by scripts/gen-openapi.mjs (templates/openapi/: schemas whole,
// paths as far as `kubectl explain` reads them). Read lazily, one group-version at a time.
import * as fs from 'fs';
import * as path from 'path';

let dir: string | undefined;
function openapiDir(): string {
  if (dir) return dir;
  for (let d = __dirname, i = 0; i < 5; i++, d = path.dirname(d)) {
    const t = path.join(d, 'templates', 'openapi');
    if (fs.existsSync(path.join(t, 'index.json'))) return (dir = t);
  }
  throw new Error('kubesim: templates/openapi not found');
}

let index: Record<string, string> | undefined;
function hashes(): Record<string, string> {
  return (index ??= JSON.parse(fs.readFileSync(path.join(openapiDir(), 'index.json'), 'utf8')));
}

/** GET /openapi/v3: where each group-version's document is, with its hash (as the API server's
 *  discovery shows it: `/openapi/v3/apis/apps/v1?hash=<SHA-512, upper-case hex>`). */
export function openapiV3Root(): object {
  const paths: Record<string, { serverRelativeURL: string }> = {};
  for (const [gv, hash] of Object.entries(hashes())) paths[gv] = { serverRelativeURL: `/openapi/v3/${gv}?hash=${hash}` };
  return { paths };
}

const docs = new Map<string, object>();
/** GET /openapi/v3/<path> ('api/v1', 'apis/apps/v1', ...): the whole document, or undefined. */
export function openapiV3Document(gvPath: string): object | undefined {
  const p = gvPath.replace(/^\/+|\/+$/g, '');
  if (!Object.prototype.hasOwnProperty.call(hashes(), p)) return undefined;
  let d = docs.get(p);
  if (!d) {
    d = JSON.parse(fs.readFileSync(path.join(openapiDir(), p.split('/').join('__') + '.json'), 'utf8')) as object;
    docs.set(p, d);
  }
  return d;
}

/** The document's bytes as stored (what the hash is of), for a server that sends it as is. */
export function openapiV3DocumentText(gvPath: string): string | undefined {
  const p = gvPath.replace(/^\/+|\/+$/g, '');
  if (!Object.prototype.hasOwnProperty.call(hashes(), p)) return undefined;
  return fs.readFileSync(path.join(openapiDir(), p.split('/').join('__') + '.json'), 'utf8');
}

/** What `kubectl explain` reads of a group-version's document for one resource: its paths and the
 *  schemas reachable from its kind (templates/openapi/explain/, cut by scripts/gen-openapi.mjs);
 *  the whole document when there is no such slice. */
export function openapiV3ExplainDocument(gvPath: string, plural: string): object | undefined {
  const p = gvPath.replace(/^\/+|\/+$/g, '');
  if (!Object.prototype.hasOwnProperty.call(hashes(), p)) return undefined;
  try {
    return JSON.parse(fs.readFileSync(path.join(openapiDir(), 'explain', `${p.split('/').join('__')}__${plural}.json`), 'utf8'));
  } catch {
    return openapiV3Document(p);
  }
}
