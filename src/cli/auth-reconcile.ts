// kubectl auth reconcile -f FILE: Roles, ClusterRoles and their bindings made to hold at least
// what the file says, as kubectl 1.32 does it with pkg/registry/rbac/reconciliation (missing
// rules and subjects added, extra ones removed only when asked, a binding whose roleRef changed
// recreated, objects annotated rbac.authorization.kubernetes.io/autoupdate=false left alone).
import { cloneJson } from '../api/gonumber';
import type { Parsed } from './flags';
import { session } from './session';
import { err } from './io';
import { KObject, CliError } from '../api/types';
import { parseOutput } from '../printers/output';
import { ObjectPrinter, forEachObject, printErrors, serverCreate, serverUpdate, ErrItem } from './manifest-verbs';
import { kindInfo } from '../api/kinds';
import { uncovered, PolicyRule } from '../api/rbac';
import type { Api } from '../api/server';

type Operation = 'none' | 'create' | 'update' | 'recreate';

interface Result { obj: KObject; op: Operation; protected: boolean; missingRules?: PolicyRule[]; extraRules?: PolicyRule[]; missingSubjects?: any[]; extraSubjects?: any[] }

const clone = cloneJson;
/** merge(maps...): later maps win */
const merge = (a: Record<string, string> | undefined, b: Record<string, string> | undefined) => ({ ...(a ?? {}), ...(b ?? {}) });
const sameMap = (a: Record<string, string> | undefined, b: Record<string, string> | undefined) => {
  const x = a ?? {}, y = b ?? {};
  return Object.keys(x).length === Object.keys(y).length && Object.keys(x).every((k) => y[k] === x[k]);
};
const isProtected = (o: KObject) => o.metadata.annotations?.['rbac.authorization.kubernetes.io/autoupdate'] === 'false';

/** Go's %+v of an rbacv1.PolicyRule */
const ruleV = (r: PolicyRule) => `{Verbs:[${(r.verbs ?? []).join(' ')}] APIGroups:[${(r.apiGroups ?? []).join(' ')}] Resources:[${(r.resources ?? []).join(' ')}] ResourceNames:[${(r.resourceNames ?? []).join(' ')}] NonResourceURLs:[${(r.nonResourceURLs ?? []).join(' ')}]}`;
/** Go's %+v of an rbacv1.Subject */
const subjectV = (s: any) => `{Kind:${s.kind ?? ''} APIGroup:${s.apiGroup ?? ''} Name:${s.name ?? ''} Namespace:${s.namespace ?? ''}}`;

const subjectKey = (s: any) => JSON.stringify([s.kind ?? '', s.apiGroup ?? '', s.name ?? '', s.namespace ?? '']);
function onlyIn(a: any[], b: any[]): any[] {
  const inB = new Set(b.map(subjectKey));
  const seen = new Set<string>();
  const out: any[] = [];
  for (const s of a) { const k = subjectKey(s); if (!inB.has(k) && !seen.has(k)) { seen.add(k); out.push(s); } }
  return out;
}
const refKey = (r: any) => JSON.stringify([r?.apiGroup ?? '', r?.kind ?? '', r?.name ?? '']);

function reconcileRole(existing: KObject | undefined, expected: KObject, removeExtra: boolean): Result {
  if (!existing) return { obj: expected, op: 'create', protected: false, missingRules: expected.rules ?? [] };
  const r: Result = { obj: clone(existing), op: 'none', protected: isProtected(existing) };
  r.obj.metadata.annotations = merge(expected.metadata.annotations, existing.metadata.annotations);
  if (!sameMap(r.obj.metadata.annotations, existing.metadata.annotations)) r.op = 'update';
  r.obj.metadata.labels = merge(expected.metadata.labels, existing.metadata.labels);
  if (!sameMap(r.obj.metadata.labels, existing.metadata.labels)) r.op = 'update';
  if (!Object.keys(r.obj.metadata.annotations!).length) delete r.obj.metadata.annotations;
  if (!Object.keys(r.obj.metadata.labels!).length) delete r.obj.metadata.labels;
  const expRules: PolicyRule[] = expected.rules ?? [], hadRules: PolicyRule[] = existing.rules ?? [];
  r.extraRules = expected.aggregationRule && existing.aggregationRule ? [] : uncovered(expRules, hadRules);
  r.missingRules = uncovered(hadRules, expRules);
  if (!removeExtra && r.missingRules.length) { r.obj.rules = [...hadRules, ...r.missingRules]; r.op = 'update'; }
  else if (removeExtra && (r.missingRules.length || r.extraRules.length)) { r.obj.rules = expRules; r.op = 'update'; }
  return r;
}

function reconcileBinding(existing: KObject | undefined, expected: KObject, removeExtra: boolean): Result {
  const want: any[] = expected.subjects ?? [];
  if (!existing) return { obj: expected, op: 'create', protected: false, missingSubjects: want };
  const prot = isProtected(existing);
  if (refKey(expected.roleRef) !== refKey(existing.roleRef)) return { obj: expected, op: 'recreate', protected: prot };
  const r: Result = { obj: clone(existing), op: 'none', protected: prot };
  r.obj.metadata.annotations = merge(expected.metadata.annotations, existing.metadata.annotations);
  if (!sameMap(r.obj.metadata.annotations, existing.metadata.annotations)) r.op = 'update';
  r.obj.metadata.labels = merge(expected.metadata.labels, existing.metadata.labels);
  if (!sameMap(r.obj.metadata.labels, existing.metadata.labels)) r.op = 'update';
  if (!Object.keys(r.obj.metadata.annotations!).length) delete r.obj.metadata.annotations;
  if (!Object.keys(r.obj.metadata.labels!).length) delete r.obj.metadata.labels;
  const had: any[] = existing.subjects ?? [];
  r.missingSubjects = onlyIn(want, had);
  r.extraSubjects = onlyIn(had, want);
  if (!removeExtra && r.missingSubjects.length) { r.obj.subjects = [...(existing.subjects ?? []), ...r.missingSubjects]; r.op = 'update'; }
  else if (removeExtra && (r.missingSubjects.length || r.extraSubjects.length)) { r.obj.subjects = want; r.op = 'update'; }
  return r;
}

/** RoleModifier / RoleBindingClientAdapter create the namespace a namespaced object needs. */
function ensureNamespace(api: Api, namespaced: boolean, ns: string | undefined): void {
  if (namespaced && !ns) throw new CliError('resource name may not be empty');
  if (!ns || api.get('Namespace', undefined, ns)) return;
  api.create({ apiVersion: 'v1', kind: 'Namespace', metadata: { name: ns } });
}

export function reconcileObject(p: Parsed, dryRun: boolean): number {
  const f = p.flags;
  const s = session();
  const spec = parseOutput(f.output || undefined, f.template || undefined, { noTables: true });
  const printer = new ObjectPrinter(spec, dryRun ? 'client' : 'none', f['allow-missing-template-keys']);
  const errors: ErrItem[] = [];
  // The builder is Local(): a namespaced object keeps the namespace its file gives it, or none.
  forEachObject(p, { s, ns: s.namespace(f.namespace), explicitNs: p.set.has('namespace') && !!f.namespace, errors, local: true }, (mo) => {
    const kind = mo.obj.kind;
    if (!['Role', 'ClusterRole', 'RoleBinding', 'ClusterRoleBinding'].includes(kind)) return; // skipped, as kubectl does
    if (mo.obj.apiVersion !== 'rbac.authorization.k8s.io/v1') {
      errors.push({ text: `only rbac.authorization.k8s.io/v1 is supported: not *${mo.obj.apiVersion.split('/')[1]}.${kind}` });
      return;
    }
    const ns = mo.info.namespaced ? mo.obj.metadata.namespace : undefined;
    const isRole = kind === 'Role' || kind === 'ClusterRole';
    const result = s.write((api) => {
      // without a namespace the GET finds nothing, and creating it asks for namespace "" first
      const existing = mo.info.namespaced && !ns ? undefined : api.get(kind, ns, mo.obj.metadata.name);
      const r = isRole ? reconcileRole(existing, mo.obj, !!f['remove-extra-permissions']) : reconcileBinding(existing, mo.obj, !!f['remove-extra-subjects']);
      if (r.protected || dryRun) return r;
      const info = kindInfo(kind);
      switch (r.op) {
        case 'recreate':
          api.delete(kind, ns, existing!.metadata.name);
        // falls through
        case 'create':
          ensureNamespace(api, mo.info.namespaced, ns);
          r.obj = serverCreate(api, clone(r.obj), info);
          break;
        case 'update':
          r.obj = serverUpdate(api, r.obj, existing!, info);
          break;
      }
      return r;
    });
    printer.print(result.obj, 'reconciled');
    const caveat = result.protected ? ', but object opted out (rbac.authorization.kubernetes.io/autoupdate: false)' : '';
    let text = '';
    if (result.op !== 'none') {
      text += `\treconciliation required ${result.op}${caveat}\n`;
      if (result.missingSubjects?.length) text += '\tmissing subjects added:\n' + result.missingSubjects.map((x) => `\t\t${subjectV(x)}\n`).join('');
      if (f['remove-extra-subjects'] && result.extraSubjects?.length) text += '\textra subjects removed:\n' + result.extraSubjects.map((x) => `\t\t${subjectV(x)}\n`).join('');
      if (result.missingRules?.length) text += '\tmissing rules added:\n' + result.missingRules.map((x) => `\t\t${ruleV(x)}\n`).join('');
      if (f['remove-extra-permissions'] && result.extraRules?.length) text += '\textra rules removed:\n' + result.extraRules.map((x) => `\t\t${ruleV(x)}\n`).join('');
    }
    if (text) err(text);
  });
  return Math.max(printErrors(errors), printer.rc);
}
