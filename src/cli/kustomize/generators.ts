// configMapGenerator and secretGenerator (api/kv, api/internal/generators): key/value pairs
// from envs, literals and files, the generator options merged with generatorOptions, and the
// create/merge/replace behaviors. The content hash is added at the end of the build.
import * as path from 'path';
import { KustomizeError, Res, ResMap, curId, orgId, nsEquals, isObj, readInRoot } from './resmap';

export function parseLiteral(src: string): [string, string] {
  if (src.indexOf('=') === 0 || !src.includes('=')) throw new KustomizeError(`invalid literal source ${src}, expected key=value`);
  const i = src.indexOf('=');
  let v = src.slice(i + 1);
  if (v.length >= 2 && v[0] === v[v.length - 1] && (v[0] === '"' || v[0] === "'")) v = v.slice(1, -1);
  return [src.slice(0, i), v];
}

export function kvPairs(args: any, dir: string): [string, string][] {
  const pairs: [string, string][] = [];
  const stage = <T>(what: string, list: unknown[], fn: () => T): T => {
    try { return fn(); } catch (e: any) {
      if (e instanceof KustomizeError) throw new KustomizeError(`loading KV pairs: ${what}[${list.join(' ')}]: ${e.message}`);
      throw e;
    }
  };
  const envs: string[] = [...(args.envs ?? []), ...(args.env ? [args.env] : [])];
  stage('env source files: ', envs, () => { for (const f of envs) {
    const text = readInRoot(dir, f).replace(/^\uFEFF/, '');
    for (let line of text.split('\n')) {
      line = line.replace(/\r$/, '').replace(/^\s+/, '');
      if (!line || line.startsWith('#')) continue;
      const i = line.indexOf('=');
      const key = i >= 0 ? line.slice(0, i) : line;
      if (/\s/.test(key)) throw new KustomizeError(`"${key}" is not a valid key name: a valid environment variable name must consist of alphabetic characters, digits, '_', '-', or '.', and must not start with a digit`);
      pairs.push([key, i >= 0 ? line.slice(i + 1) : process.env[key] ?? '']);
    }
  } });
  stage('literal sources ', args.literals ?? [], () => { for (const l of args.literals ?? []) pairs.push(parseLiteral(String(l))); });
  stage('file sources: ', args.files ?? [], () => { for (const f of args.files ?? []) {
    const s = String(f);
    const i = s.indexOf('=');
    const key = i > 0 ? s.slice(0, i) : path.basename(s);
    const file = i > 0 ? s.slice(i + 1) : s;
    pairs.push([key, readInRoot(dir, file)]);
  } });
  return pairs;
}

export function generate(kind: 'ConfigMap' | 'Secret', args: any, k: any, dir: string): Res {
  const opts = { ...(k.generatorOptions ?? {}) };
  const local = args.options ?? {};
  const merged = {
    labels: { ...(opts.labels ?? {}), ...(local.labels ?? {}) },
    annotations: { ...(opts.annotations ?? {}), ...(local.annotations ?? {}) },
    // MergeGlobalOptionsIntoLocal: a global true wins over a local false
    disableNameSuffixHash: !!(local.disableNameSuffixHash || opts.disableNameSuffixHash),
    immutable: !!(local.immutable || opts.immutable),
  };
  if (!args.name) throw new KustomizeError('a configmap must have a name');
  const obj: any = { apiVersion: 'v1', kind, metadata: { name: args.name } };
  if (args.namespace) obj.metadata.namespace = args.namespace;
  if (Object.keys(merged.labels).length) obj.metadata.labels = merged.labels;
  if (Object.keys(merged.annotations).length) obj.metadata.annotations = merged.annotations;
  const pairs = kvPairs(args, dir);
  const data: Record<string, string> = {};
  for (const [key, v] of pairs) {
    if (key in data) throw new KustomizeError(`${kind.toLowerCase()} ${args.name} illegally repeats the key \`${key}\``);
    data[key] = kind === 'Secret' ? Buffer.from(v, 'utf8').toString('base64') : v;
  }
  if (Object.keys(data).length || kind === 'Secret') obj.data = data;
  if (kind === 'Secret') obj.type = args.type || 'Opaque';
  if (merged.immutable) obj.immutable = true;
  return { obj, prev: [], prefixes: [], suffixes: [], hash: !merged.disableNameSuffixHash };
}

export function runGenerators(m: ResMap, k: any, dir: string): void {
  for (const [kind, list] of [['ConfigMap', k.configMapGenerator], ['Secret', k.secretGenerator]] as const) {
    for (const a of list ?? []) {
      const args = isObj(a) ? a : {};
      const r = generate(kind, args, k, dir);
      const behavior = args.behavior || 'create';
      if (behavior === 'create') { m.append(r); continue; }
      const id = curId(r);
      const target = m.list.find((x) => x.obj.kind === kind && (orgId(x).name === id.name || curId(x).name === id.name) && (!id.namespace || nsEquals(curId(x).namespace, id.namespace)));
      if (!target) throw new KustomizeError(`merging from generator &{0xc000abb520 <nil>}: id resid.ResId{Gvk:resid.Gvk{Group:"", Version:"v1", Kind:"${kind}", isClusterScoped:false}, Name:"${id.name}", Namespace:"${id.namespace}"} does not exist; cannot merge or replace`);
      if (behavior === 'replace') target.obj.data = r.obj.data;
      else if (behavior === 'merge') {
        target.obj.data = { ...(target.obj.data ?? {}), ...(r.obj.data ?? {}) };
        const md = target.obj.metadata;
        if (r.obj.metadata.labels) md.labels = { ...(md.labels ?? {}), ...r.obj.metadata.labels };
        if (r.obj.metadata.annotations) md.annotations = { ...(md.annotations ?? {}), ...r.obj.metadata.annotations };
      } else throw new KustomizeError(`unknown generation behavior '${behavior}'`);
      if (target.obj.data === undefined) delete target.obj.data;
      target.hash = r.hash;
    }
  }
}
