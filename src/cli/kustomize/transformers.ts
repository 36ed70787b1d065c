// kustomize's builtin transformers, in the order a kustomization runs them (kusttarget_configplugin):
// patchesStrategicMerge, patches, namespace, namePrefix, nameSuffix, labels/commonLabels,
// commonAnnotations, patchesJson6902, replicas, images, replacements.
import {
  FieldSpec, COMMON_LABELS, TEMPLATE_LABELS, COMMON_ANNOTATIONS, IMAGES, REPLICAS, PREFIX_SKIP, CLUSTER_SCOPED,
} from './fieldspecs';
import {
  KustomizeError, Res, ResMap, Id, gvkOf, curId, orgId, storePrev, idString, nsEquals, selects, clone, isObj,
  yamlDocs, readInRoot, visitField, applySpecs, setMapEntries,
} from './resmap';

export interface Selector { group?: string; version?: string; kind?: string; name?: string; namespace?: string; labelSelector?: string; annotationSelector?: string }

export function selectResources(m: ResMap, sel: Selector): Res[] {
  const re = (s: string | undefined) => (s ? new RegExp(`^(?:${s})$`) : undefined);
  const nameRe = re(sel.name), nsRe = re(sel.namespace);
  const { parseLabelSelector, matchLabels } = require('../../api/selectors');
  const lsel = sel.labelSelector ? parseLabelSelector(sel.labelSelector) : undefined;
  const asel = sel.annotationSelector ? parseLabelSelector(sel.annotationSelector) : undefined;
  return m.list.filter((r) => {
    const cur = curId(r), org = orgId(r);
    if (!selects(sel, cur)) return false;
    if (nsRe && !nsRe.test(org.namespace) && !nsRe.test(cur.namespace)) return false;
    if (nameRe && !nameRe.test(org.name) && !nameRe.test(cur.name)) return false;
    if (lsel && !matchLabels(lsel, r.obj.metadata?.labels ?? {})) return false;
    if (asel && !matchLabels(asel, r.obj.metadata?.annotations ?? {})) return false;
    return true;
  });
}

/** kyaml's merge2 puts the patch's elements of a merge-keyed list first (in the patch's order),
 *  then the elements only the original had; apimachinery's merge keeps the original's order. */
export function reorderLikeKyaml(result: any, patch: any, type: string): void {
  if (!isObj(result) || !isObj(patch)) return;
  const { fieldOf, elemType } = require('../../api/schema') as typeof import('../../api/schema');
  for (const [k, pv] of Object.entries(patch)) {
    if (k.startsWith('$')) continue;
    const meta = fieldOf(type, k);
    const rv = result[k];
    if (!meta) continue;
    if (Array.isArray(pv) && Array.isArray(rv)) {
      if (meta.strategy !== 'merge' || !meta.mergeKey) continue;
      const key = meta.mergeKey;
      const first: any[] = [];
      for (const pe of pv) {
        if (!isObj(pe) || pe[key] === undefined) continue;
        const el = rv.find((e) => isObj(e) && e[key] === pe[key]);
        if (el && !first.includes(el)) first.push(el);
      }
      result[k] = [...first, ...rv.filter((e) => !first.includes(e))];
      for (const pe of pv) {
        if (!isObj(pe)) continue;
        const el = result[k].find((e: any) => isObj(e) && e[key] === pe[key]);
        if (el) reorderLikeKyaml(el, pe, elemType(meta.type));
      }
    } else if (isObj(pv) && isObj(rv)) reorderLikeKyaml(rv, pv, meta.type);
  }
}

export function smPatch(r: Res, patch: any): void {
  const { strategicMergePatch } = require('../../api/merge') as typeof import('../../api/merge');
  const p = clone(patch);
  if (p.metadata) { delete p.metadata.name; delete p.metadata.namespace; }
  const name = r.obj.metadata?.name, ns = r.obj.metadata?.namespace;
  r.obj = strategicMergePatch(r.obj, p, r.obj.kind);
  const { rootType } = require('../../api/schema') as typeof import('../../api/schema');
  reorderLikeKyaml(r.obj, p, rootType(r.obj.kind));
  r.obj.metadata = r.obj.metadata ?? {};
  r.obj.metadata.name = name;
  if (ns !== undefined) r.obj.metadata.namespace = ns;
}

export function jsonPatchRes(r: Res, ops: any): void {
  const { jsonPatch } = require('../../api/merge') as typeof import('../../api/merge');
  try { r.obj = jsonPatch(r.obj, ops); } catch (e: any) { throw new KustomizeError(e.message); }
}

/** A patch without target applies to the object its own kind/name/namespace names. */
export function patchTargetOf(m: ResMap, patch: any): Res {
  const pid: Id = { ...gvkOf(patch), name: patch?.metadata?.name ?? '', namespace: patch?.metadata?.namespace ?? '' };
  const matches = m.list.filter((r) => [curId(r), ...r.prev].some((id) => id.kind === pid.kind && id.name === pid.name && (!pid.group || id.group === pid.group) && (!pid.namespace || nsEquals(id.namespace, pid.namespace))));
  if (matches.length !== 1) {
    const what = matches.length ? 'multiple matches' : 'no matches';
    throw new KustomizeError(`${what} for Id ${idString(pid)}; failed to find unique target for patch ${idString(pid)}`);
  }
  return matches[0];
}

export function isDeleteDirective(p: any): boolean { return p && p.$patch === 'delete'; }

export function applySmPatchDoc(m: ResMap, doc: any, targets?: Res[], fromPatches = false): void {
  let list = targets;
  if (!list) {
    try { list = [patchTargetOf(m, doc)]; } catch (e: any) {
      if (fromPatches && e instanceof KustomizeError) {
        const pid: Id = { ...gvkOf(doc), name: doc?.metadata?.name ?? '', namespace: doc?.metadata?.namespace ?? '' };
        throw new KustomizeError(`no resource matches strategic merge patch "${idString(pid)}": ${e.message}`);
      }
      throw e;
    }
  }
  for (const r of list) {
    if (isDeleteDirective(doc)) { m.list = m.list.filter((x) => x !== r); continue; }
    smPatch(r, doc);
  }
}

export function parsePatchText(text: string): { json?: any[]; sm?: any[] } {
  let docs: unknown[];
  try { docs = yamlDocs(text); } catch (e: any) { throw new KustomizeError(`unable to parse SM or JSON patch from [${text}]`); }
  if (docs.length === 1 && Array.isArray(docs[0])) return { json: docs[0] as any[] };
  return { sm: docs };
}

export function runPatches(m: ResMap, k: any, dir: string): void {
  for (const raw of k.patches ?? []) {
    const pc = isObj(raw) ? raw : {};
    // the plugin's config as kustomize shows it in its errors (a YAML map)
    const config = () => {
      const c: Record<string, unknown> = {};
      for (const f of ['options', 'patch', 'path', 'target']) if (pc[f] !== undefined && pc[f] !== null) c[f] = pc[f];
      const { toYaml } = require('../../printers/yaml');
      return toYaml(c);
    };
    const trouble = (msg: string) => new KustomizeError(`trouble configuring builtin PatchTransformer with config: \`\n${config()}\`: ${msg}`);
    if (!!pc.patch === !!pc.path) throw trouble(`must specify one of patch and path in\n${config().replace(/\n$/, '')}`);
    let text: string;
    try { text = pc.patch ?? readInRoot(dir, pc.path); } catch (e: any) {
      if (e instanceof KustomizeError) throw trouble(`failed to get the patch file from path(${pc.path}): ${e.message}`);
      throw e;
    }
    const what = `[${pc.path !== undefined ? `path: ${JSON.stringify(pc.path)}` : `patch: ${JSON.stringify(pc.patch)}`}]`;
    let parsed: { json?: any[]; sm?: any[] };
    try {
      parsed = parsePatchText(text);
      // a strategic merge patch is a resource: it has a kind and a name
      for (const d of parsed.sm ?? []) if (!isObj(d) || !d.kind || !isObj(d.metadata) || !d.metadata.name) throw new KustomizeError('not a resource');
    } catch (e: any) {
      if (e instanceof KustomizeError) throw trouble(`unable to parse SM or JSON patch from ${what}`);
      throw e;
    }
    if (parsed.json) {
      if (!pc.target) throw new KustomizeError(`must specify a target for JSON patch ${what}`);
      for (const r of selectResources(m, pc.target)) jsonPatchRes(r, parsed.json);
      continue;
    }
    for (const doc of parsed.sm!) {
      const targets = pc.target ? selectResources(m, pc.target) : undefined;
      applySmPatchDoc(m, doc, targets, true);
    }
  }
}

export function runPatchesStrategicMerge(m: ResMap, k: any, dir: string): void {
  for (const entry of k.patchesStrategicMerge ?? []) {
    const s = String(entry);
    const isInline = s.includes('\n') || /^\s*(apiVersion|kind):/.test(s);
    const text = isInline ? s : readInRoot(dir, s);
    for (const doc of yamlDocs(text)) applySmPatchDoc(m, doc);
  }
}

export function runPatchesJson6902(m: ResMap, k: any, dir: string): void {
  for (const pc of k.patchesJson6902 ?? []) {
    const text = pc.patch ?? readInRoot(dir, pc.path);
    const parsed = parsePatchText(text);
    for (const r of selectResources(m, pc.target ?? {})) jsonPatchRes(r, parsed.json ?? []);
  }
}

export function runNamespace(m: ResMap, ns: string): void {
  for (const r of m.list) {
    const kind = r.obj.kind;
    if (kind === 'Namespace') {
      if (r.obj.metadata.name !== ns) { storePrev(r); r.obj.metadata.name = ns; }
      continue;
    }
    if (!CLUSTER_SCOPED.has(kind) && r.obj.metadata.namespace !== ns) { storePrev(r); r.obj.metadata.namespace = ns; }
    if ((kind === 'RoleBinding' || kind === 'ClusterRoleBinding') && Array.isArray(r.obj.subjects)) {
      // setSubjectsNamedDefault: only subjects named "default" follow the namespace
      for (const s of r.obj.subjects) if (s && typeof s === 'object' && s.name === 'default') s.namespace = ns;
    }
  }
}

export function runPrefixSuffix(m: ResMap, prefix: string, suffix: string): void {
  for (const r of m.list) {
    if (PREFIX_SKIP.has(orgId(r).kind)) continue;
    storePrev(r);
    r.obj.metadata.name = `${prefix}${r.obj.metadata.name}${suffix}`;
    if (prefix) r.prefixes.push(prefix);
    if (suffix) r.suffixes.push(suffix);
  }
}

export function runLabels(m: ResMap, k: any): void {
  for (const l of k.labels ?? []) {
    let specs: FieldSpec[] = [...(l.fields ?? [])];
    if (l.includeSelectors) specs.push(...COMMON_LABELS);
    else {
      if (l.includeTemplates) specs.push(...TEMPLATE_LABELS);
      specs.push({ path: 'metadata/labels', create: true });
    }
    setMapEntries(m, specs, l.pairs ?? {});
  }
  if (k.commonLabels) setMapEntries(m, COMMON_LABELS, k.commonLabels);
}

/** image.Split: name, tag and digest of an image reference. */
export function splitImage(image: string): [string, string, string] {
  let digest = '';
  const at = image.indexOf('@');
  let rest = image;
  if (at >= 0) { digest = image.slice(at + 1); rest = image.slice(0, at); }
  const slash = rest.lastIndexOf('/');
  const colon = rest.indexOf(':', slash + 1);
  if (colon >= 0) return [rest.slice(0, colon), rest.slice(colon + 1), digest];
  return [rest, '', digest];
}

export function runImages(m: ResMap, k: any): void {
  for (const img of [...(k.images ?? []), ...(k.imageTags ?? [])]) {
    if (!img || !img.name) continue;
    const quote = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const re = new RegExp(`^${quote(img.name)}(:[a-zA-Z0-9_.{}-]*)?(@sha256:[a-zA-Z0-9_.{}-]*)?$`);
    applySpecs(m, IMAGES, (c, key) => {
      const v = c[key];
      if (typeof v !== 'string' || !re.test(v)) return;
      let [name, tag, digest] = splitImage(v);
      if (img.newName) name = img.newName;
      const newTag = img.newTag !== undefined && img.newTag !== null ? String(img.newTag) : '';
      if (newTag && img.digest) { tag = newTag; digest = img.digest; }
      else if (newTag) { tag = newTag; digest = ''; }
      else if (img.digest) { tag = ''; digest = img.digest; }
      c[key] = name + (tag ? `:${tag}` : '') + (digest ? `@${digest}` : '');
    });
  }
}

export function runReplicas(m: ResMap, k: any): void {
  for (const rep of k.replicas ?? []) {
    let found = false;
    for (const spec of REPLICAS) {
      for (const r of m.list) {
        if (![curId(r), ...r.prev].some((id) => id.name === rep.name && selects(spec, id))) continue;
        found = true;
        visitField(r.obj, spec, (c, key) => { c[key] = Number(rep.count ?? 0); });
      }
    }
    if (!found) throw new KustomizeError(`resource with name ${rep.name} does not match a config with the following GVK [${REPLICAS.map((s) => `${s.kind}.[noVer].[noGrp]`).join(' ')}]`);
  }
}

export function runTransformers(m: ResMap, k: any, dir: string): void {
  runPatchesStrategicMerge(m, k, dir);
  runPatches(m, k, dir);
  if (k.namespace) runNamespace(m, String(k.namespace));
  if (k.namePrefix) runPrefixSuffix(m, String(k.namePrefix), '');
  if (k.nameSuffix) runPrefixSuffix(m, '', String(k.nameSuffix));
  runLabels(m, k);
  if (k.commonAnnotations) setMapEntries(m, COMMON_ANNOTATIONS, k.commonAnnotations);
  runPatchesJson6902(m, k, dir);
  runReplicas(m, k);
  runImages(m, k);
  runReplacements(m, k, dir);
}

export function runReplacements(m: ResMap, k: any, dir: string): void {
  if (!Array.isArray(k.replacements) || !k.replacements.length) return;
  const { applyReplacements, ReplacementError } = require('./replacements') as typeof import('./replacements');
  const list: any[] = [];
  for (const entry of k.replacements) {
    if (entry && typeof entry.path === 'string') {
      const docs = yamlDocs(readInRoot(dir, entry.path));
      for (const d of docs) list.push(...(Array.isArray(d) ? d : [d]));
    } else list.push(entry);
  }
  const targets = m.list.map((r) => ({ obj: r.obj, ids: [curId(r), ...r.prev], res: r }));
  try { applyReplacements(targets, list); } catch (e: any) {
    if (e instanceof ReplacementError) throw new KustomizeError(e.message);
    throw e;
  }
  for (const t of targets) t.res.obj = t.obj;
}
