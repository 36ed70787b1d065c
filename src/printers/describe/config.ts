// Namespace (with quotas and limit ranges), ResourceQuota, LimitRange, Secret, ConfigMap,
// ServiceAccount, PodDisruptionBudget, PriorityClass.
import type { KObject } from '../../api/types';
import { Writer, DescribeContext, tabbedString, LEVEL_0, LEVEL_1, LEVEL_2, rfc1123z, printLabelsMultiline, printAnnotationsMultiline, sortStrings, formatLabels, formatLabelSelector, intOrString } from './writer';
import { writeEvents, refOf } from './events';
import { canonical, parseQuantity, quantityString, quantityValue } from './quantity';

// ---------------------------------------------------------------------------------------------
// Namespace, ResourceQuota, LimitRange

const SCOPE_HELP: Record<string, string> = {
  Terminating: 'Matches all pods that have an active deadline. These pods have a limited lifespan on a node before being actively terminated by the system.',
  NotTerminating: 'Matches all pods that do not have an active deadline. These pods usually include long running pods whose container command is not expected to terminate.',
  BestEffort: 'Matches all pods that do not have resource requirements set. These pods have a best effort quality of service.',
  NotBestEffort: 'Matches all pods that have at least one resource requirement set. These pods have a burstable or guaranteed quality of service.',
};

function describeLimitRangeSpec(spec: any, prefix: string, w: Writer): void {
  for (const item of spec?.limits ?? []) {
    const names = new Set<string>();
    for (const f of ['max', 'min', 'default', 'defaultRequest', 'maxLimitRequestRatio']) for (const k of Object.keys(item[f] ?? {})) names.add(k);
    // Go iterates a map here (random order); sorted is one of its orders.
    for (const k of sortStrings([...names])) {
      const v = (f: string) => (item[f] && k in item[f] ? canonical(item[f][k]) : '-');
      w.write(LEVEL_0, `${prefix}${item.type ?? ''}\t${k}\t${v('min')}\t${v('max')}\t${v('defaultRequest')}\t${v('default')}\t${v('maxLimitRequestRatio')}\n`);
    }
  }
}

function describeLimitRanges(list: KObject[], w: Writer): void {
  if (!list.length) { w.write(LEVEL_0, 'No LimitRange resource.\n'); return; }
  w.write(LEVEL_0, 'Resource Limits\n Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
  w.write(LEVEL_0, ' ----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
  for (const lr of list) describeLimitRangeSpec(lr.spec, ' ', w);
}

function describeResourceQuotas(list: KObject[], w: Writer): void {
  if (!list.length) { w.write(LEVEL_0, 'No resource quota.\n'); return; }
  const sorted = [...list].sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0));
  w.write(LEVEL_0, 'Resource Quotas\n');
  for (const q of sorted) {
    w.write(LEVEL_1, `Name:\t${q.metadata.name}\n`);
    const scopes = sortStrings([...(q.spec?.scopes ?? [])]);
    if (scopes.length) {
      w.write(LEVEL_1, `Scopes:\t${scopes.join(', ')}\n`);
      for (const s of scopes) if (SCOPE_HELP[s]) w.write(LEVEL_1, `* ${SCOPE_HELP[s]}\n`);
    }
    w.write(LEVEL_1, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_1, '--------\t---\t---\n');
    const hard = q.status?.hard ?? {};
    for (const r of sortStrings(Object.keys(hard))) w.write(LEVEL_1, `${r}\t${canonical(q.status?.used?.[r] ?? '0')}\t${canonical(hard[r])}\n`);
  }
}

export function describeNamespace(ns: KObject, ctx: DescribeContext): string {
  const name = ns.metadata.name;
  const quotas = ctx.reader.list('ResourceQuota', name);
  const limitRanges = ctx.reader.list('LimitRange', name);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${name}\n`);
    printLabelsMultiline(w, 'Labels', ns.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ns.metadata.annotations);
    w.write(LEVEL_0, `Status:\t${ns.status?.phase ?? ''}\n`);
    const conds: any[] = ns.status?.conditions ?? [];
    if (conds.length) {
      w.write(LEVEL_0, 'Conditions:\n');
      w.write(LEVEL_1, 'Type\tStatus\tLastTransitionTime\tReason\tMessage\n');
      w.write(LEVEL_1, '----\t------\t------------------\t------\t-------\n');
      for (const c of conds) w.write(LEVEL_1, `${c.type ?? ''}\t${c.status ?? ''}\t${rfc1123z(c.lastTransitionTime)}\t${c.reason ?? ''}\t${c.message ?? ''}\n`);
    }
    w.write(LEVEL_0, '\n');
    describeResourceQuotas(quotas, w);
    w.write(LEVEL_0, '\n');
    describeLimitRanges(limitRanges, w);
  });
}

export function describeResourceQuota(q: KObject, _ctx: DescribeContext): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${q.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${q.metadata.namespace ?? ''}\n`);
    const scopes = sortStrings([...(q.spec?.scopes ?? [])]);
    if (scopes.length) {
      w.write(LEVEL_0, `Scopes:\t${scopes.join(', ')}\n`);
      for (const s of scopes) if (SCOPE_HELP[s]) w.write(LEVEL_0, ` * ${SCOPE_HELP[s]}\n`);
    }
    w.write(LEVEL_0, 'Resource\tUsed\tHard\n');
    w.write(LEVEL_0, '--------\t----\t----\n');
    const hard = q.status?.hard ?? {};
    for (const r of sortStrings(Object.keys(hard))) {
      const h = parseQuantity(hard[r]);
      let used = parseQuantity(q.status?.used?.[r] ?? '0');
      // a used quantity of another format is shown in the hard one's format
      if (h && used && h.format !== used.format) {
        const v = parseQuantity(String(quantityValue(used)));
        if (v) used = { ...v, format: h.format };
      }
      w.write(LEVEL_0, `${r}\t${used ? quantityString(used) : '0'}\t${h ? quantityString(h) : String(hard[r])}\n`);
    }
  });
}

export function describeLimitRange(lr: KObject, _ctx: DescribeContext): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${lr.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${lr.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, 'Type\tResource\tMin\tMax\tDefault Request\tDefault Limit\tMax Limit/Request Ratio\n');
    w.write(LEVEL_0, '----\t--------\t---\t---\t---------------\t-------------\t-----------------------\n');
    describeLimitRangeSpec(lr.spec, '', w);
  });
}

// ---------------------------------------------------------------------------------------------
// Secret, ConfigMap

/** Bytes of a base64-encoded []byte field. */
function decodedLength(b64: unknown): number {
  return Buffer.from(String(b64 ?? ''), 'base64').length;
}

export function describeSecret(s: KObject, _ctx: DescribeContext): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${s.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${s.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', s.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', s.metadata.annotations);
    w.write(LEVEL_0, `\nType:\t${s.type ?? ''}\n`);
    w.write(LEVEL_0, '\nData\n====\n');
    // Go ranges over a map (random order); sorted is one of its orders.
    const data = s.data ?? {};
    for (const k of sortStrings(Object.keys(data))) {
      if (k === 'token' && s.type === 'kubernetes.io/service-account-token') w.write(LEVEL_0, `${k}:\t${Buffer.from(String(data[k] ?? ''), 'base64').toString('utf8')}\n`);
      else w.write(LEVEL_0, `${k}:\t${decodedLength(data[k])} bytes\n`);
    }
  });
}

export function describeConfigMap(cm: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${cm.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${cm.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', cm.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', cm.metadata.annotations);
    w.write(LEVEL_0, '\nData\n====\n');
    const data = cm.data ?? {};
    for (const k of sortStrings(Object.keys(data))) {
      w.write(LEVEL_0, `${k}:\n----\n`);
      w.write(LEVEL_0, `${data[k]}\n`);
      w.write(LEVEL_0, '\n');
    }
    w.write(LEVEL_0, '\nBinaryData\n====\n');
    const bin = cm.binaryData ?? {};
    for (const k of sortStrings(Object.keys(bin))) w.write(LEVEL_0, `${k}: ${decodedLength(bin[k])} bytes\n`);
    w.write(LEVEL_0, '\n');
    writeEvents(w, ctx.reader, refOf(cm), ctx.showEvents, ctx.now);
  });
}

// ---------------------------------------------------------------------------------------------
// ServiceAccount

export function describeServiceAccount(sa: KObject, ctx: DescribeContext): string {
  const secrets = ctx.reader.list('Secret', sa.metadata.namespace);
  const existing = new Set(secrets.map((s) => s.metadata.name));
  const tokens = secrets.filter((s) => s.type === 'kubernetes.io/service-account-token'
    && (s.metadata.annotations?.['kubernetes.io/service-account.name'] ?? '') === sa.metadata.name
    && (s.metadata.annotations?.['kubernetes.io/service-account.uid'] ?? '') === (sa.metadata.uid ?? ''));
  const missing = new Set<string>();
  for (const s of [...(sa.secrets ?? []), ...(sa.imagePullSecrets ?? [])]) if (!existing.has(s.name)) missing.add(s.name);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${sa.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${sa.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', sa.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', sa.metadata.annotations);
    const empty = '                   ';
    const groups: [string, string[]][] = [
      ['Image pull secrets:', (sa.imagePullSecrets ?? []).map((s: any) => s.name)],
      ['Mountable secrets: ', (sa.secrets ?? []).map((s: any) => s.name)],
      ['Tokens:            ', tokens.map((s) => s.metadata.name)],
    ];
    for (const [header, names] of groups) {
      if (!names.length) { w.write(LEVEL_0, `${header}\t<none>\n`); continue; }
      let prefix = header;
      for (const n of names) {
        w.write(LEVEL_0, `${prefix}\t${n}${missing.has(n) ? ' (not found)' : ''}\n`);
        prefix = empty;
      }
    }
    writeEvents(w, ctx.reader, refOf(sa), ctx.showEvents, ctx.now);
  });
}

// ---------------------------------------------------------------------------------------------
// PodDisruptionBudget, PriorityClass

export function describePodDisruptionBudget(pdb: KObject, ctx: DescribeContext): string {
  const spec = pdb.spec ?? {};
  const st = pdb.status ?? {};
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${pdb.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${pdb.metadata.namespace ?? ''}\n`);
    if (spec.minAvailable !== undefined && spec.minAvailable !== null) w.write(LEVEL_0, `Min available:\t${intOrString(spec.minAvailable)}\n`);
    else if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) w.write(LEVEL_0, `Max unavailable:\t${intOrString(spec.maxUnavailable)}\n`);
    w.write(LEVEL_0, spec.selector ? `Selector:\t${formatLabelSelector(spec.selector)}\n` : 'Selector:\t<unset>\n');
    w.write(LEVEL_0, 'Status:\n');
    w.write(LEVEL_2, `Allowed disruptions:\t${st.disruptionsAllowed ?? 0}\n`);
    w.write(LEVEL_2, `Current:\t${st.currentHealthy ?? 0}\n`);
    w.write(LEVEL_2, `Desired:\t${st.desiredHealthy ?? 0}\n`);
    w.write(LEVEL_2, `Total:\t${st.expectedPods ?? 0}\n`);
    writeEvents(w, ctx.reader, refOf(pdb), ctx.showEvents, ctx.now);
  });
}

export function describePriorityClass(pc: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${pc.metadata.name}\n`);
    w.write(LEVEL_0, `Value:\t${pc.value ?? 0}\n`);
    w.write(LEVEL_0, `GlobalDefault:\t${pc.globalDefault === true}\n`);
    w.write(LEVEL_0, `PreemptionPolicy:\t${pc.preemptionPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Description:\t${pc.description ?? ''}\n`);
    w.write(LEVEL_0, `Annotations:\t${formatLabels(pc.metadata.annotations)}\n`);
    writeEvents(w, ctx.reader, refOf(pc), ctx.showEvents, ctx.now);
  });
}
