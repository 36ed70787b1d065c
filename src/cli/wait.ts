// kubectl wait --for=condition=NAME[=VALUE] | delete | create | jsonpath=EXPR[=VALUE], over the
// objects named (TYPE/NAME, TYPE NAME..., -l, --all), one after another within one --timeout,
// with kubectl's messages (`pod/x condition met`, `error: timed out waiting for the condition
// on pods/x`). The control plane runs while it waits.
import { parseFlags } from './flags';
import { session, Session } from './session';
import { parseResourceArgs, objectRef } from './resources';
import { out, formatApiError } from './io';
import { CliError, ApiError, KObject } from '../api/types';
import { notFound } from '../api/server';
import { kindInfo } from '../api/kinds';
import { sleep, exitOnInterrupt, pollDelay, durationFlag } from './watch';

type Check = (o: KObject | undefined) => boolean;

interface Condition {
  kind: 'delete' | 'create' | 'condition' | 'jsonpath';
  check: Check;
}

/** kubectl's splitJSONPathInput: split at `=` outside brackets, braces and parentheses. */
function splitJsonPathInput(input: string): string[] {
  const parts: string[] = [];
  let cur = '';
  let depth = 0;
  for (const ch of input) {
    if (ch === '[' || ch === '(' || ch === '{') depth++;
    else if (ch === ']' || ch === ')' || ch === '}') depth--;
    if (ch === '=' && depth === 0) { parts.push(cur); cur = ''; continue; }
    cur += ch;
  }
  parts.push(cur);
  return parts;
}

export function conditionFor(forFlag: string): Condition {
  if (forFlag.toLowerCase() === 'delete') return { kind: 'delete', check: (o) => !o };
  if (forFlag.toLowerCase() === 'create') return { kind: 'create', check: (o) => !!o };
  if (forFlag.startsWith('condition=')) {
    let name = forFlag.slice('condition='.length);
    let value = 'true';
    const eq = name.indexOf('=');
    if (eq >= 0) { value = name.slice(eq + 1); name = name.slice(0, eq); }
    return {
      kind: 'condition',
      check: (o) => {
        if (!o) return false;
        for (const c of o.status?.conditions ?? []) {
          if (typeof c?.type !== 'string' || c.type.toLowerCase() !== name.toLowerCase()) continue;
          if (typeof c.status !== 'string') continue;
          const gen = o.metadata.generation;
          if (gen !== undefined) {
            const observed = c.observedGeneration ?? o.status?.observedGeneration;
            if (observed !== undefined && observed < gen) return false;
          }
          return c.status.toLowerCase() === value.toLowerCase();
        }
        return false;
      },
    };
  }
  if (forFlag.startsWith('jsonpath=')) {
    const parts = splitJsonPathInput(forFlag.slice('jsonpath='.length));
    if (parts.length < 1 || parts.length > 2) throw new CliError("jsonpath wait format must be --for=jsonpath='{.status.readyReplicas}'=3 or --for=jsonpath='{.status.readyReplicas}'");
    const jp = require('../printers/jsonpath/index') as typeof import('../printers/jsonpath/index');
    const expr = jp.relaxedJsonPathExpression(parts[0]);
    let value: string | undefined;
    if (parts.length === 2) {
      value = parts[1].replace(/^['"]+|['"]+$/g, '');
      if (value === '') throw new CliError("jsonpath wait has to have a value after equal sign, like --for=jsonpath='{.status.readyReplicas}'=3");
    }
    if (expr === '') throw new CliError('jsonpath expression cannot be empty');
    let parser: InstanceType<typeof jp.JSONPath>;
    try {
      parser = new jp.JSONPath(expr);
    } catch (e: any) {
      throw new CliError(e.message);
    }
    parser.allowMissingKeys = true;
    return {
      kind: 'jsonpath',
      check: (o) => {
        if (!o) return false;
        let results: unknown[][];
        try { results = parser.findResults(o); } catch (e: any) { throw new CliError(e.message); }
        if (!results.length || !results[0].length) return false;
        if (results.length > 1) throw new CliError('given jsonpath expression matches more than one list');
        if (results[0].length > 1) throw new CliError('given jsonpath expression matches more than one value');
        if (value === undefined) return true;
        const v = results[0][0];
        if (v !== null && typeof v === 'object' && !(v as any).constructor?.name?.startsWith('Go')) {
          if (Array.isArray(v) || Object.getPrototypeOf(v) === Object.prototype) throw new CliError('jsonpath leads to a nested object or list which is not supported');
        }
        return jp.goSprint(v).trim() === value.trim();
      },
    };
  }
  throw new CliError(`unrecognized condition: "${forFlag}"`);
}

export async function run(argv: string[]): Promise<number> {
  const p = parseFlags(argv, [
    { name: 'for', type: 'string', default: '' },
    { name: 'timeout', type: 'string', default: '30s' },
    { name: 'selector', short: 'l', type: 'string', default: '' },
    { name: 'field-selector', type: 'string', default: '' },
    { name: 'all', type: 'bool', default: false },
    { name: 'all-namespaces', short: 'A', type: 'bool', default: false },
    { name: 'filename', short: 'f', type: 'stringArray', default: [] },
    { name: 'recursive', short: 'R', type: 'bool', default: true },
    { name: 'local', type: 'bool', default: false },
    { name: 'output', short: 'o', type: 'string', default: '' },
    { name: 'template', type: 'string', default: '' },
    { name: 'allow-missing-template-keys', type: 'bool', default: true },
    { name: 'show-managed-fields', type: 'bool', default: false },
  ], 'kubectl wait');
  const f = p.flags;
  let timeoutMs = durationFlag(p, 'timeout', 'kubectl wait');
  if (timeoutMs < 0) timeoutMs = 168 * 3600 * 1000;
  const cond = conditionFor(f.for);
  const s = session();
  s.catchUp();
  const ns = s.namespace(f.namespace);
  if (!p.args.length) {
    throw new CliError("You must provide one or more resources by argument or filename.\nExample resource specifications include:\n   '-f rsrc.yaml'\n   '--filename=rsrc.json'\n   '<resource> <name>'\n   '<resource>'");
  }
  const { requests } = parseResourceArgs(p.args);
  const allNs = !!f['all-namespaces'];
  const targets: { kind: string; ns?: string; name: string; uid?: string; missing?: boolean }[] = [];
  for (const req of requests) {
    const scope = req.info.namespaced ? (allNs && !req.names.length ? undefined : ns) : undefined;
    if (req.names.length) {
      for (const name of req.names) {
        const o = s.api.get(req.info.kind, scope, name);
        if (!o) {
          if (cond.kind === 'delete') continue;
          // --for=create polls until the named objects exist
          if (cond.kind === 'create') { targets.push({ kind: req.info.kind, ns: scope, name }); continue; }
          // the builder continues on errors: reported with the others, in order
          targets.push({ kind: req.info.kind, ns: scope, name, missing: true });
          continue;
        }
        targets.push({ kind: o.kind, ns: o.metadata.namespace, name, uid: o.metadata.uid });
      }
    } else {
      if (!f.all && !f.selector && !f['field-selector']) throw new CliError('resource(s) were provided, but no name was specified');
      for (const o of s.api.list(req.info.kind, scope, { labelSelector: f.selector || undefined, fieldSelector: f['field-selector'] || undefined })) {
        targets.push({ kind: o.kind, ns: o.metadata.namespace, name: o.metadata.name, uid: o.metadata.uid });
      }
    }
  }
  if (!targets.length) {
    if (cond.kind === 'delete') return 0;
    throw new CliError('no matching resources found');
  }
  const deadline = Date.now() + timeoutMs;
  exitOnInterrupt();
  // kubectl visits every object with one timeout for all and reports all the failures.
  const errors: unknown[] = [];
  for (const t of targets) {
    const info = kindInfo(t.kind);
    if (t.missing) { errors.push(notFound(info, t.name)); continue; }
    const objectName = `${info.plural}/${t.name}`;
    const current = () => {
      const o = s.api.get(t.kind, t.ns, t.name);
      // A new object of the same name is not the one waited for (for delete).
      if (cond.kind === 'delete' && o && t.uid && o.metadata.uid !== t.uid) return undefined;
      return o;
    };
    let last: KObject | undefined = current();
    const met = () => cond.check(last);
    try {
      if (timeoutMs === 0) {
        if (!met()) throw new CliError(`condition not met for ${objectName}`);
      } else if (errors.length && Date.now() >= deadline) {
        // the shared deadline has passed: the deletion waiter's first GET fails on the
        // client's rate limiter, the watch-based waiters report a time-out
        throw new CliError(cond.kind === 'delete' ? 'client rate limiter Wait returned an error: context deadline exceeded' : `timed out waiting for the condition on ${objectName}`);
      } else {
        while (!met()) {
          if (cond.kind !== 'delete' && cond.kind !== 'create' && !last) throw notFound(info, t.name);
          if (Date.now() >= deadline) throw new CliError(cond.kind === 'create' ? 'timed out waiting for the condition' : `timed out waiting for the condition on ${objectName}`);
          await sleep(Math.min(pollDelay(s), Math.max(1, deadline - Date.now())));
          s.catchUp();
          last = current();
        }
      }
    } catch (e) {
      if (!(e instanceof CliError) && !(e instanceof ApiError)) throw e;
      errors.push(e);
      continue;
    }
    const shown = last ?? ({ apiVersion: info.group ? `${info.group}/${info.version}` : info.version, kind: t.kind, metadata: { name: t.name, namespace: t.ns } } as KObject);
    out(f.output === 'name' ? `${objectRef(shown)}\n` : `${objectRef(shown)} condition met\n`);
  }
  if (errors.length === 1) throw errors[0];
  // several: one line each, without the `error: ` prefix (cmdutil's MultipleErrors)
  if (errors.length) throw new CliError(errors.map((e) => (e instanceof ApiError ? formatApiError(e) : (e as Error).message)).join('\n'), 1, true);
  return 0;
}

void ({} as Session);
