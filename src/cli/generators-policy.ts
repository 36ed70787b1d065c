// `kubectl create quota|priorityclass|poddisruptionbudget`: the policy objects kubectl builds
// client-side (pkg/cmd/create/create_quota.go, create_priorityclass.go, create_pdb.go at 1.32).
import { CliError, KObject } from '../api/types';
import type { Generator } from './generators';
import { exactlyOneName } from './generators';
import { parseLabelSelector } from '../api/selectors';
import { parseQuantity, quantityString } from '../printers/describe/quantity';

const meta = (name: string, ns: string | undefined) => ({ name, ...(ns ? { namespace: ns } : {}), creationTimestamp: null } as any);

/** resource.ParseQuantity's error. */
const QUANTITY_ERROR = "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'";

export const quota: Generator = {
  flags: [{ name: 'hard', type: 'string', default: '' }, { name: 'scopes', type: 'string', default: '' }],
  wrapError: 'failed to create quota',
  build(p, ctx) {
    const name = exactlyOneName(p, ctx.cmdPath);
    const spec: any = {};
    if (p.flags.hard) {
      const hard: Record<string, string> = {};
      for (const st of (p.flags.hard as string).split(',')) {
        const parts = st.split('=');
        if (parts.length !== 2) throw new CliError(`Invalid argument syntax ${st}, expected <resource>=<value>`);
        const q = parseQuantity(parts[1]);
        if (!q) throw new CliError(QUANTITY_ERROR);
        hard[parts[0]] = quantityString(q);
      }
      spec.hard = hard;
    }
    if (p.flags.scopes) {
      spec.scopes = (p.flags.scopes as string).split(',').map((s) => {
        if (!s) throw new CliError('invalid resource quota scope ""');
        return s;
      });
    }
    return { apiVersion: 'v1', kind: 'ResourceQuota', metadata: meta(name, ctx.namespace), spec, status: {} };
  },
};

export const priorityclass: Generator = {
  namespaced: false,
  flags: [
    { name: 'value', type: 'int', default: 0 },
    { name: 'global-default', type: 'bool', default: false },
    { name: 'description', type: 'string', default: '' },
    { name: 'preemption-policy', type: 'string', default: 'PreemptLowerPriority' },
  ],
  wrapError: 'failed to create priorityclass',
  build(p, ctx) {
    const name = exactlyOneName(p, ctx.cmdPath);
    const value = Number(p.flags.value);
    if (value > 2147483647 || value < -2147483648) {
      throw new CliError(`error: invalid argument "${p.flags.value}" for "--value" flag: strconv.ParseInt: parsing "${p.flags.value}": value out of range\nSee '${ctx.cmdPath} --help' for usage.`, 1, true);
    }
    const pc: KObject = { apiVersion: 'scheduling.k8s.io/v1', kind: 'PriorityClass', metadata: meta(name, undefined), value } as any;
    if (p.flags['global-default']) (pc as any).globalDefault = true;
    if (p.flags.description) (pc as any).description = p.flags.description;
    (pc as any).preemptionPolicy = p.flags['preemption-policy'];
    return pc;
  },
};

export const poddisruptionbudget: Generator = {
  flags: [
    { name: 'min-available', type: 'string', default: '' },
    { name: 'max-unavailable', type: 'string', default: '' },
    { name: 'selector', type: 'string', default: '' },
  ],
  wrapError: 'failed to create poddisruptionbudgets',
  build(p, ctx) {
    const name = exactlyOneName(p, ctx.cmdPath);
    const min: string = p.flags['min-available'], max: string = p.flags['max-unavailable'], sel: string = p.flags.selector;
    if (!sel) throw new CliError('a selector must be specified');
    if (!max && !min) throw new CliError('one of min-available or max-unavailable must be specified');
    if (max && min) throw new CliError('min-available and max-unavailable cannot be both specified');
    const re = /^[0-9]+%?$/;
    if (min && !re.test(min)) throw new CliError('invalid format specified for min-available');
    if (max && !re.test(max)) throw new CliError('invalid format specified for max-unavailable');
    const intstr = (s: string) => (/^[0-9]+$/.test(s) && Number(s) <= 2147483647 ? Number(s) : s);
    return {
      apiVersion: 'policy/v1', kind: 'PodDisruptionBudget', metadata: meta(name, ctx.namespace),
      spec: { ...(min ? { minAvailable: intstr(min) } : {}), selector: labelSelector(sel), ...(max ? { maxUnavailable: intstr(max) } : {}) },
      status: {},
    };
  },
};

/** metav1.ParseToLabelSelector. */
export function labelSelector(text: string): any {
  let reqs;
  try { reqs = parseLabelSelector(text); } catch (e: any) {
    throw new CliError(`couldn't parse the selector string "${text}": ${e.message}`);
  }
  const matchLabels: Record<string, string> = {};
  const matchExpressions: any[] = [];
  const OPS: Record<string, string> = { in: 'In', notin: 'NotIn', exists: 'Exists', '!': 'DoesNotExist' };
  for (const r of reqs) {
    if (r.op === '=') { matchLabels[r.key] = r.value; continue; }
    if (r.op === 'gt' || r.op === 'lt') throw new CliError(`"${r.op}" isn't supported in label selectors`);
    if (r.op === '!=') throw new CliError(`"!=" is not a valid label selector operator`);
    matchExpressions.push({ key: r.key, operator: OPS[r.op], ...('values' in r && r.values.length ? { values: [...new Set(r.values)].sort() } : {}) });
  }
  return { ...(Object.keys(matchLabels).length ? { matchLabels } : {}), ...(matchExpressions.length ? { matchExpressions } : {}) };
}

export const POLICY_GENERATORS: Record<string, Generator> = {
  quota, resourcequota: { ...quota, canonical: 'quota' },
  priorityclass, pc: { ...priorityclass, canonical: 'priorityclass' },
  poddisruptionbudget, pdb: { ...poddisruptionbudget, canonical: 'poddisruptionbudget' },
};
