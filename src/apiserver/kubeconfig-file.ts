// The user's kubeconfig file (the one real kubectl reads: --kubeconfig, else $KUBECONFIG's first
// file, else ~/.kube/config): a `kubesim` cluster, user and context merged in, as kind does it,
// made current; every other entry left as it was.
import * as fs from 'fs';
import * as path from 'path';
import * as os from 'os';
import type { Credentials } from '../store/pki';

export const CONTEXT = 'kubesim';

export function kubeconfigPath(flag?: string): string {
  if (flag) return flag;
  const env = process.env.KUBECONFIG?.split(path.delimiter).find((p) => p !== '');
  return env || path.join(os.homedir(), '.kube', 'config');
}

type Named = { name: string; [k: string]: unknown };

function upsert(list: unknown, entry: Named): Named[] {
  const arr = Array.isArray(list) ? (list as Named[]).filter((x) => x && typeof x === 'object') : [];
  const i = arr.findIndex((x) => x.name === entry.name);
  if (i >= 0) arr[i] = entry; else arr.push(entry);
  return arr;
}

/** Merge the kubesim entries into the file at `file` (created owner-only when missing). */
export function writeKubeconfig(file: string, server: string, creds: Credentials): void {
  let cfg: Record<string, any> = {};
  if (fs.existsSync(file)) {
    const text = fs.readFileSync(file, 'utf8');
    if (text.trim()) {
      const { parseYaml } = require('../api/goyaml') as typeof import('../api/goyaml');
      const v = parseYaml(text);
      if (v && typeof v === 'object' && !Array.isArray(v)) cfg = v as Record<string, any>;
      else throw new Error(`${file}: not a kubeconfig`);
    }
  }
  const b64 = (s: string) => Buffer.from(s).toString('base64');
  const prevCtx = Array.isArray(cfg.contexts) ? cfg.contexts.find((c: Named) => c?.name === CONTEXT) : undefined;
  const ns = prevCtx?.context?.namespace;
  const out: Record<string, any> = {
    apiVersion: cfg.apiVersion ?? 'v1',
    clusters: upsert(cfg.clusters, { name: CONTEXT, cluster: { 'certificate-authority-data': b64(creds.caCert), server } }),
    contexts: upsert(cfg.contexts, { name: CONTEXT, context: { cluster: CONTEXT, ...(ns ? { namespace: ns } : {}), user: CONTEXT } }),
    'current-context': CONTEXT,
    kind: cfg.kind ?? 'Config',
    preferences: cfg.preferences ?? {},
    users: upsert(cfg.users, { name: CONTEXT, user: { 'client-certificate-data': b64(creds.clientCert), 'client-key-data': b64(creds.clientKey) } }),
  };
  for (const k of Object.keys(cfg)) if (!(k in out)) out[k] = cfg[k];
  const { toYaml } = require('../printers/yaml') as typeof import('../printers/yaml');
  fs.mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const tmp = `${file}.kubesim-${process.pid}.tmp`;
  const mode = fs.existsSync(file) ? fs.statSync(file).mode & 0o777 : 0o600;
  fs.writeFileSync(tmp, toYaml(out), { mode });
  fs.renameSync(tmp, file);
}
