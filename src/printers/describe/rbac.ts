// Role, ClusterRole (rules broken down and compacted as kubectl's util/rbac does), RoleBinding,
// ClusterRoleBinding.
import type { KObject } from '../../api/types';
import { DescribeContext, tabbedString, LEVEL_0, LEVEL_1, printLabelsMultiline, printAnnotationsMultiline, goSlice, stableSort } from './writer';

interface Rule { verbs: string[]; apiGroups: string[]; resources: string[]; resourceNames: string[]; nonResourceURLs: string[] }

/** rbac.BreakdownRule: one rule per group, resource, verb (and resource name). */
export function breakdownRule(r: any): Rule[] {
  const out: Rule[] = [];
  const verbs: string[] = r.verbs ?? [];
  for (const group of r.apiGroups ?? []) {
    for (const resource of r.resources ?? []) {
      for (const verb of verbs) {
        if (r.resourceNames?.length) {
          for (const rn of r.resourceNames) out.push({ verbs: [verb], apiGroups: [group], resources: [resource], resourceNames: [rn], nonResourceURLs: [] });
        } else out.push({ verbs: [verb], apiGroups: [group], resources: [resource], resourceNames: [], nonResourceURLs: [] });
      }
    }
  }
  for (const url of r.nonResourceURLs ?? []) for (const verb of verbs) out.push({ verbs: [verb], apiGroups: [], resources: [], resourceNames: [], nonResourceURLs: [url] });
  return out;
}

/** rbac.CompactRules: simple rules (one group, one resource, at most one name) that differ only
 *  by verb are merged. */
export function compactRules(rules: Rule[]): Rule[] {
  const compacted: Rule[] = [];
  const simple = new Map<string, Rule>();
  for (const r of rules) {
    const isSimple = r.resourceNames.length <= 1 && !r.nonResourceURLs.length && r.apiGroups.length === 1 && r.resources.length === 1;
    if (!isSimple) { compacted.push(r); continue; }
    const key = JSON.stringify([r.apiGroups[0], r.resources[0], r.resourceNames.length > 0, r.resourceNames[0] ?? '']);
    const existing = simple.get(key);
    if (existing) existing.verbs.push(...r.verbs);
    else simple.set(key, { ...r, verbs: [...r.verbs] });
  }
  return [...compacted, ...simple.values()];
}

/** PolicyRule.String(), which the rules are sorted by. */
const ruleString = (r: Rule) => `&PolicyRule{Verbs:${goSlice(r.verbs)},APIGroups:${goSlice(r.apiGroups)},Resources:${goSlice(r.resources)},ResourceNames:${goSlice(r.resourceNames)},NonResourceURLs:${goSlice(r.nonResourceURLs)},}`;

export function combineResourceGroup(resources: string[], groups: string[]): string {
  if (!resources.length) return '';
  const i = resources[0].indexOf('/');
  const parts = i < 0 ? [resources[0]] : [resources[0].slice(0, i), resources[0].slice(i + 1)];
  let combine = parts[0];
  if (groups.length && groups[0] !== '') combine += '.' + groups[0];
  if (parts.length === 2) combine += '/' + parts[1];
  return combine;
}

/** sort.Stable(rbac.SortableRuleSlice(rules)) */
export const sortRules = (rules: Rule[]) => stableSort(rules, (a, b) => { const x = ruleString(a), y = ruleString(b); return x < y ? -1 : x > y ? 1 : 0; });

export function describeRole(role: KObject, _ctx: DescribeContext): string {
  const sorted = sortRules(compactRules((role.rules ?? []).flatMap(breakdownRule)));
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${role.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', role.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', role.metadata.annotations);
    w.write(LEVEL_0, 'PolicyRule:\n');
    w.write(LEVEL_1, 'Resources\tNon-Resource URLs\tResource Names\tVerbs\n');
    w.write(LEVEL_1, '---------\t-----------------\t--------------\t-----\n');
    for (const r of sorted) w.write(LEVEL_1, `${combineResourceGroup(r.resources, r.apiGroups)}\t${goSlice(r.nonResourceURLs)}\t${goSlice(r.resourceNames)}\t${goSlice(r.verbs)}\n`);
  });
}

export function describeRoleBinding(b: KObject, _ctx: DescribeContext): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${b.metadata.name}\n`);
    printLabelsMultiline(w, 'Labels', b.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', b.metadata.annotations);
    w.write(LEVEL_0, 'Role:\n');
    w.write(LEVEL_1, `Kind:\t${b.roleRef?.kind ?? ''}\n`);
    w.write(LEVEL_1, `Name:\t${b.roleRef?.name ?? ''}\n`);
    w.write(LEVEL_0, 'Subjects:\n');
    w.write(LEVEL_1, 'Kind\tName\tNamespace\n');
    w.write(LEVEL_1, '----\t----\t---------\n');
    for (const s of b.subjects ?? []) w.write(LEVEL_1, `${s.kind ?? ''}\t${s.name ?? ''}\t${s.namespace ?? ''}\n`);
  });
}
