// kubectl taint NODE NAME KEY[=VALUE]:EFFECT ... | KEY[:EFFECT]- : the taints of nodes, as
// kubectl 1.32's pkg/cmd/taint does it (parseTaints, reorganizeTaints, the tainted / untainted /
// modified messages, --overwrite, --all, -l, --dry-run, -o).
import { parseFlags } from './flags';
import { session } from './session';
import { objectRef } from './resources';
import { out, err } from './io';
import { ApiError, CliError, KObject } from '../api/types';
import { notFound } from '../api/server';
import { kindInfo, resolveResource } from '../api/kinds';
import { qualifiedNameErrors, labelValueErrors } from '../api/selectors';

interface Taint { key: string; value?: string; effect?: string }

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** corev1.Taint.ToString */
const taintString = (t: Taint) => (t.effect ? (t.value ? `${t.key}=${t.value}:${t.effect}` : `${t.key}:${t.effect}`) : t.value ? `${t.key}=${t.value}` : t.key);
/** the %v of a corev1.Taint (Go's struct printing) */
const taintV = (t: Taint) => `{${t.key} ${t.value ?? ''} ${t.effect ?? ''} <nil>}`;
/** MatchTaint: same key and effect */
const matches = (a: Taint, b: Taint) => a.key === b.key && (a.effect ?? '') === (b.effect ?? '');

function parseTaint(st: string): Taint {
  const parts = st.split(':');
  let key: string, value = '', effect = '';
  if (parts.length === 1) key = parts[0];
  else if (parts.length === 2) {
    effect = parts[1];
    if (!EFFECTS.includes(effect)) throw new Error(`invalid taint effect: ${effect}, unsupported taint effect`);
    const kv = parts[0].split('=');
    if (kv.length > 2) throw new Error(`invalid taint spec: ${st}`);
    key = kv[0];
    if (kv.length === 2) {
      value = kv[1];
      const errs = labelValueErrors(value);
      if (errs.length) throw new Error(`invalid taint spec: ${st}, ${errs.join('; ')}`);
    }
  } else throw new Error(`invalid taint spec: ${st}`);
  const errs = qualifiedNameErrors(key);
  if (errs.length) throw new Error(`invalid taint spec: ${st}, ${errs.join('; ')}`);
  return { key, ...(value ? { value } : {}), ...(effect ? { effect } : {}) };
}

function parseTaints(specs: string[]): { add: Taint[]; remove: Taint[] } {
  const add: Taint[] = [], remove: Taint[] = [];
  const seen = new Set<string>();
  for (const spec of specs) {
    if (spec.endsWith('-')) {
      const t = parseTaint(spec.slice(0, -1));
      remove.push({ key: t.key, ...(t.effect ? { effect: t.effect } : {}) });
    } else {
      const t = parseTaint(spec);
      if (!t.effect) throw new Error(`invalid taint spec: ${spec}`);
      const k = `${t.effect}\n${t.key}`;
      if (seen.has(k)) throw new Error(`duplicated taints with the same key and effect: ${taintV(t)}`);
      seen.add(k);
      add.push(t);
    }
  }
  return { add, remove };
}

/** reorganizeTaints: the node's new taints and the word kubectl prints. */
function reorganize(old: Taint[], overwrite: boolean, add: Taint[], remove: Taint[]): { word: string; taints: Taint[]; errors: string[] } {
  let taints = [...add];
  for (const o of old) if (!taints.some((t) => matches(t, o))) taints.push(o);
  const added = old.length !== taints.length;
  const errors: string[] = [];
  let removed = false;
  for (const r of remove) {
    const before = taints.length;
    taints = taints.filter((t) => (r.effect ? !matches(r, t) : t.key !== r.key));
    removed = taints.length !== before;
    if (!removed) errors.push(`taint "${taintString(r)}" not found`);
  }
  const word = (added && removed) || overwrite ? 'modified' : added ? 'tainted' : 'untainted';
  return { word, taints, errors };
}

export function run(argv: string[]): number {
  const p = parseFlags(argv, [
    { name: 'overwrite', type: 'bool', default: false },
    { name: 'all', type: 'bool', default: false },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'dry-run', type: 'string', default: 'none', noOptDefVal: 'unchanged' },
    { name: 'validate', type: 'string', default: 'strict', noOptDefVal: 'strict' },
    { name: 'field-manager', type: 'string', default: 'kubectl-taint' },
    { name: 'template', type: 'string', default: '' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'show-managed-fields', type: 'bool', default: false },
  ], 'kubectl taint');
  const f = p.flags;
  // Complete: resources first, then taint changes
  const resources: string[] = [], specs: string[] = [];
  let met = false;
  for (const s of p.args) {
    const isTaint = s.includes('=') || s.includes(':') || s.endsWith('-');
    if (isTaint) { met = true; specs.push(s); } else if (!met) resources.push(s);
    else throw new CliError(`all resources must be specified before taint changes: ${s}`);
  }
  const { parseDryRun } = require('./create') as typeof import('./create');
  const dryRun = parseDryRun(f['dry-run'], p.set.has('dry-run'));
  const { parseOutput, compilePrinter } = require('../printers/output');
  const spec = parseOutput(f.output || undefined, f.template || undefined, { noTables: true });
  if (resources.length < 1) throw new CliError('one or more resources must be specified as <resource> <name>');
  if (specs.length < 1) throw new CliError('at least one taint update is required');
  let add: Taint[], remove: Taint[];
  try { ({ add, remove } = parseTaints(specs)); } catch (e: any) {
    throw new CliError(`error: ${e.message}\nSee 'kubectl taint -h' for help and examples`, 1, true);
  }
  // Validate
  const type = resources[0].toLowerCase();
  const info = resolveResource(type);
  if (!info) throw new CliError(`the server doesn't have a resource type "${type}"`, 1, true);
  if (info.kind !== 'Node') throw new CliError(`invalid resource type ${type}, only node types are supported`);
  const conflicts = remove.filter((r) => add.some((a) => a.key === r.key && (!r.effect || a.effect === r.effect))).map((r) => `${r.key}=${r.effect ?? ''}`);
  if (conflicts.length) throw new CliError(`can not both modify and remove the following taint(s) in the same command: ${conflicts.join(', ')}`);
  if (f.all && f.selector) throw new CliError("setting 'all' parameter with a non empty selector is prohibited");
  if (!f.all && !f.selector && resources.length < 2) throw new CliError("at least one resource name must be specified since 'all' parameter is not set");

  const s = session();
  s.catchUp();
  const nodeInfo = kindInfo('Node');
  const errors: string[] = [];
  const targets: KObject[] = [];
  if (f.all || f.selector) targets.push(...s.api.list('Node', undefined, { labelSelector: f.selector || undefined }));
  else {
    for (const name of resources.slice(1)) {
      const n = s.api.get('Node', undefined, name);
      if (n) targets.push(n);
      else errors.push(`Error from server (NotFound): ${notFound(nodeInfo, name).message}`);
    }
  }
  const printer = spec.kind === 'json' || spec.kind === 'yaml' || spec.kind === 'template' || spec.kind === 'jsonpath' || spec.kind === 'custom-columns'
    ? compilePrinter(spec, { allowMissingKeys: f['allow-missing-template-keys'] }) : undefined;
  // no "(dry run)": the printer's operation is set after PrintFlagsWithDryRunStrategy (taint.go)
  for (const node of targets) {
    const old: Taint[] = node.spec?.taints ?? [];
    if (!f.overwrite) {
      const exists = add.filter((t) => old.some((o) => o.key === t.key && o.effect === t.effect)).map((t) => t.key).join(',');
      if (exists) { errors.push(`error: node ${node.metadata.name} already has ${exists} taint(s) with same effect(s) and --overwrite is false`); continue; }
    }
    const r = reorganize(old, f.overwrite, add, remove);
    if (r.errors.length) { errors.push(`error: ${r.errors.length === 1 ? r.errors[0] : `[${r.errors.join(', ')}]`}`); continue; }
    const updated: KObject = structuredClone(node);
    updated.spec = { ...(updated.spec ?? {}), taints: r.taints };
    if (!r.taints.length) delete updated.spec.taints;
    let result = updated;
    if (dryRun !== 'client') {
      try {
        result = s.write((api) => {
          const cur = api.get('Node', undefined, node.metadata.name);
          if (!cur) throw notFound(nodeInfo, node.metadata.name);
          const next = structuredClone(cur);
          next.spec = { ...(next.spec ?? {}), taints: r.taints };
          if (!r.taints.length) delete next.spec.taints;
          return api.update(next, { dryRun: dryRun === 'server' });
        });
      } catch (e) {
        if (e instanceof ApiError) { errors.push(`Error from server (${e.reason}): ${e.message}`); continue; }
        throw e;
      }
    }
    if (printer) { const o = printer({ single: result, items: [] }); out(o.out); if (o.err) err(o.err); }
    else if (spec.kind === 'name') out(`${objectRef(result)}\n`);
    else out(`${objectRef(result)} ${r.word}\n`);
  }
  if (errors.length) { err(errors.join('\n') + '\n'); return 1; }
  return 0;
}
