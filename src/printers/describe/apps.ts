// Workloads: Deployment, ReplicaSet, StatefulSet, DaemonSet, ReplicationController, Job, CronJob.
import { cloneJson } from '../../api/gonumber';
import type { KObject } from '../../api/types';
import { humanDuration } from '../duration';
import {
  Writer, DescribeContext, tabbedString, LEVEL_0, LEVEL_1, rfc1123z, printLabelsMultiline, printLabelsMultilineWithIndent,
  printAnnotationsMultiline, printController, labelSelectorString, formatLabelSelector, formatLabels, intOrString, timeMs,
  goSlice, stableSort,
} from './writer';
import { writeEvents, refOf } from './events';
import { describePodTemplate } from './pod';
import { canonical } from './quantity';

/** Does a LabelSelector (as the string kubectl sends) select these labels? nil and empty select everything. */
export function selectorMatches(sel: any, labels: Record<string, string> | undefined): boolean {
  if (!sel) return true;
  const l = labels ?? {};
  for (const [k, v] of Object.entries(sel.matchLabels ?? {})) if (l[k] !== v) return false;
  for (const e of sel.matchExpressions ?? []) {
    const has = Object.prototype.hasOwnProperty.call(l, e.key);
    switch (e.operator) {
      case 'In': if (!has || !(e.values ?? []).includes(l[e.key])) return false; break;
      case 'NotIn': if (has && (e.values ?? []).includes(l[e.key])) return false; break;
      case 'Exists': if (!has) return false; break;
      case 'DoesNotExist': if (has) return false; break;
    }
  }
  return true;
}

/** A map selector (ReplicationController, Service): labels.SelectorFromSet. */
function setMatches(sel: Record<string, string> | undefined, labels: Record<string, string> | undefined): boolean {
  const l = labels ?? {};
  return Object.entries(sel ?? {}).every(([k, v]) => l[k] === v);
}

const controllerUid = (o: KObject) => (o.metadata.ownerReferences ?? []).find((r) => r.controller)?.uid;

/** getPodStatusForController: pods selected and controlled by uid, counted by phase. */
function podStatusFor(ctx: DescribeContext, ns: string | undefined, match: (p: KObject) => boolean, uid: string | undefined): string {
  let running = 0, waiting = 0, succeeded = 0, failed = 0;
  for (const p of ctx.reader.list('Pod', ns)) {
    if (!match(p)) continue;
    const c = controllerUid(p);
    if (c === undefined || c !== (uid ?? '')) continue;
    switch (p.status?.phase) {
      case 'Running': running++; break;
      case 'Pending': waiting++; break;
      case 'Succeeded': succeeded++; break;
      case 'Failed': failed++; break;
    }
  }
  return `${running} Running / ${waiting} Waiting / ${succeeded} Succeeded / ${failed} Failed`;
}

function conditionsTable(w: Writer, conds: any[] | undefined): void {
  if (!conds?.length) return;
  w.write(LEVEL_0, 'Conditions:\n  Type\tStatus\tReason\n');
  w.write(LEVEL_1, '----\t------\t------\n');
  for (const c of conds) w.write(LEVEL_1, `${c.type ?? ''} \t${c.status ?? ''}\t${c.reason ?? ''}\n`);
}

// ---------------------------------------------------------------------------------------------
// Deployment

/** apiequality.Semantic.DeepEqual on JSON: null, empty strings, empty lists and maps equal absent. */
function semanticNormalize(v: any): any {
  if (Array.isArray(v)) { const a = v.map(semanticNormalize); return a.length ? a : undefined; }
  if (v && typeof v === 'object') {
    const o: any = {};
    for (const k of Object.keys(v).sort()) { const x = semanticNormalize(v[k]); if (x !== undefined) o[k] = x; }
    return Object.keys(o).length ? o : undefined;
  }
  if (v === null || v === '') return undefined;
  return v;
}

function templateWithoutHash(t: any): string {
  const c = cloneJson(t ?? {});
  if (c.metadata?.labels) delete c.metadata.labels['pod-template-hash'];
  if (c.metadata) delete c.metadata.creationTimestamp;
  return JSON.stringify(semanticNormalize(c) ?? null);
}

/** deploymentutil.GetAllReplicaSetsInChunks: the deployment's ReplicaSets, old (all) and new. */
function replicaSetsOf(d: KObject, ctx: DescribeContext): { old: KObject[]; newRS?: KObject } {
  const sel = d.spec?.selector;
  const owned = ctx.reader.list('ReplicaSet', d.metadata.namespace)
    .filter((rs) => selectorMatches(sel, rs.metadata.labels))
    .filter((rs) => controllerUid(rs) !== undefined && controllerUid(rs) === d.metadata.uid);
  const sorted = stableSort(owned, (a, b) => {
    const ta = timeMs(a.metadata.creationTimestamp), tb = timeMs(b.metadata.creationTimestamp);
    if (ta !== tb) return ta - tb;
    return a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0;
  });
  const want = templateWithoutHash(d.spec?.template);
  const newRS = sorted.find((rs) => templateWithoutHash(rs.spec?.template) === want);
  return { old: sorted.filter((rs) => rs !== newRS), newRS };
}

function printReplicaSets(list: KObject[]): string {
  const s = list.map((rs) => `${rs.metadata.name} (${rs.status?.replicas ?? 0}/${rs.spec?.replicas ?? 0} replicas created)`).join(', ');
  return s || '<none>';
}

export function describeDeployment(d: KObject, ctx: DescribeContext): string {
  const spec = d.spec ?? {};
  const st = d.status ?? {};
  const { old, newRS } = replicaSetsOf(d, ctx);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${d.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${d.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(d.metadata.creationTimestamp)}\n`);
    printLabelsMultiline(w, 'Labels', d.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', d.metadata.annotations);
    w.write(LEVEL_0, `Selector:\t${labelSelectorString(spec.selector)}\n`);
    w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 0} desired | ${st.updatedReplicas ?? 0} updated | ${st.replicas ?? 0} total | ${st.availableReplicas ?? 0} available | ${st.unavailableReplicas ?? 0} unavailable\n`);
    w.write(LEVEL_0, `StrategyType:\t${spec.strategy?.type ?? ''}\n`);
    w.write(LEVEL_0, `MinReadySeconds:\t${spec.minReadySeconds ?? 0}\n`);
    const ru = spec.strategy?.rollingUpdate;
    if (ru) w.write(LEVEL_0, `RollingUpdateStrategy:\t${intOrString(ru.maxUnavailable)} max unavailable, ${intOrString(ru.maxSurge)} max surge\n`);
    describePodTemplate(spec.template, w);
    conditionsTable(w, st.conditions);
    if (old.length || newRS) {
      w.write(LEVEL_0, `OldReplicaSets:\t${printReplicaSets(old)}\n`);
      w.write(LEVEL_0, `NewReplicaSet:\t${printReplicaSets(newRS ? [newRS] : [])}\n`);
    }
    writeEvents(w, ctx.reader, refOf(d), ctx.showEvents, ctx.now);
  });
}

// ---------------------------------------------------------------------------------------------
// ReplicaSet, ReplicationController

export function describeReplicaSet(rs: KObject, ctx: DescribeContext): string {
  const spec = rs.spec ?? {};
  const pods = podStatusFor(ctx, rs.metadata.namespace, (p) => selectorMatches(spec.selector, p.metadata.labels), rs.metadata.uid);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${rs.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${rs.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabelSelector(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', rs.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', rs.metadata.annotations);
    const cb = printController(rs);
    if (cb) w.write(LEVEL_0, `Controlled By:\t${cb}\n`);
    w.write(LEVEL_0, `Replicas:\t${rs.status?.replicas ?? 0} current / ${spec.replicas ?? 0} desired\n`);
    w.write(LEVEL_0, 'Pods Status:\t');
    w.write(LEVEL_0, pods + '\n');
    describePodTemplate(spec.template, w);
    conditionsTable(w, rs.status?.conditions);
    writeEvents(w, ctx.reader, refOf(rs), ctx.showEvents, ctx.now);
  });
}

export function describeReplicationController(rc: KObject, ctx: DescribeContext): string {
  const spec = rc.spec ?? {};
  const pods = podStatusFor(ctx, rc.metadata.namespace, (p) => setMatches(spec.selector, p.metadata.labels), rc.metadata.uid);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${rc.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${rc.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${formatLabels(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', rc.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', rc.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${rc.status?.replicas ?? 0} current / ${spec.replicas ?? 0} desired\n`);
    w.write(LEVEL_0, `Pods Status:\t${pods}\n`);
    describePodTemplate(spec.template, w);
    conditionsTable(w, rc.status?.conditions);
    writeEvents(w, ctx.reader, refOf(rc), ctx.showEvents, ctx.now);
  });
}

// ---------------------------------------------------------------------------------------------
// StatefulSet, DaemonSet

function describeVolumeClaimTemplates(templates: any[] | undefined, w: Writer): void {
  if (!templates?.length) { w.write(LEVEL_0, 'Volume Claims:\t<none>\n'); return; }
  w.write(LEVEL_0, 'Volume Claims:\n');
  for (const pvc of templates) {
    const md = pvc.metadata ?? {};
    w.write(LEVEL_1, `Name:\t${md.name ?? ''}\n`);
    const cls = md.annotations?.['volume.beta.kubernetes.io/storage-class'] ?? pvc.spec?.storageClassName ?? '';
    w.write(LEVEL_1, `StorageClass:\t${cls}\n`);
    printLabelsMultilineWithIndent(w, '  ', 'Labels', '\t', md.labels);
    printLabelsMultilineWithIndent(w, '  ', 'Annotations', '\t', md.annotations);
    const cap = pvc.spec?.resources?.requests?.storage;
    w.write(LEVEL_1, `Capacity:\t${cap !== undefined ? canonical(cap) : '<default>'}\n`);
    w.write(LEVEL_1, `Access Modes:\t${goSlice(pvc.spec?.accessModes)}\n`);
  }
}

export function describeStatefulSet(ss: KObject, ctx: DescribeContext): string {
  const spec = ss.spec ?? {};
  const pods = podStatusFor(ctx, ss.metadata.namespace, (p) => selectorMatches(spec.selector, p.metadata.labels), ss.metadata.uid);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ss.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${ss.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `CreationTimestamp:\t${rfc1123z(ss.metadata.creationTimestamp)}\n`);
    w.write(LEVEL_0, `Selector:\t${labelSelectorString(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', ss.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ss.metadata.annotations);
    w.write(LEVEL_0, `Replicas:\t${spec.replicas ?? 0} desired | ${ss.status?.replicas ?? 0} total\n`);
    w.write(LEVEL_0, `Update Strategy:\t${spec.updateStrategy?.type ?? ''}\n`);
    const ru = spec.updateStrategy?.rollingUpdate;
    if (ru && ru.partition !== undefined && ru.partition !== null) {
      w.write(LEVEL_1, `Partition:\t${ru.partition}\n`);
      if (ru.maxUnavailable !== undefined && ru.maxUnavailable !== null) w.write(LEVEL_1, `MaxUnavailable:\t${intOrString(ru.maxUnavailable)}\n`);
    }
    w.write(LEVEL_0, `Pods Status:\t${pods}\n`);
    describePodTemplate(spec.template, w);
    describeVolumeClaimTemplates(spec.volumeClaimTemplates, w);
    writeEvents(w, ctx.reader, refOf(ss), ctx.showEvents, ctx.now);
  });
}

export function describeDaemonSet(ds: KObject, ctx: DescribeContext): string {
  const spec = ds.spec ?? {};
  const st = ds.status ?? {};
  const pods = podStatusFor(ctx, ds.metadata.namespace, (p) => selectorMatches(spec.selector, p.metadata.labels), ds.metadata.uid);
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${ds.metadata.name}\n`);
    w.write(LEVEL_0, `Selector:\t${labelSelectorString(spec.selector)}\n`);
    w.write(LEVEL_0, `Node-Selector:\t${formatLabels(spec.template?.spec?.nodeSelector)}\n`);
    printLabelsMultiline(w, 'Labels', ds.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', ds.metadata.annotations);
    w.write(LEVEL_0, `Desired Number of Nodes Scheduled: ${st.desiredNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Current Number of Nodes Scheduled: ${st.currentNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Up-to-date Pods: ${st.updatedNumberScheduled ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Scheduled with Available Pods: ${st.numberAvailable ?? 0}\n`);
    w.write(LEVEL_0, `Number of Nodes Misscheduled: ${st.numberMisscheduled ?? 0}\n`);
    w.write(LEVEL_0, `Pods Status:\t${pods}\n`);
    describePodTemplate(spec.template, w);
    writeEvents(w, ctx.reader, refOf(ds), ctx.showEvents, ctx.now);
  });
}

// ---------------------------------------------------------------------------------------------
// Job, CronJob

function capIndexes(indexes: string | undefined, softLimit: number): string {
  if (!indexes) return '<none>';
  let ix = softLimit;
  for (; ix < indexes.length; ix++) if (indexes[ix] === ',') break;
  if (ix >= indexes.length) return indexes;
  return indexes.slice(0, ix + 1) + '...';
}

export function describeJob(job: KObject, ctx: DescribeContext): string {
  const spec = job.spec ?? {};
  const st = job.status ?? {};
  const set = (v: any) => v !== undefined && v !== null;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${job.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${job.metadata.namespace ?? ''}\n`);
    w.write(LEVEL_0, `Selector:\t${labelSelectorString(spec.selector)}\n`);
    printLabelsMultiline(w, 'Labels', job.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', job.metadata.annotations);
    const cb = printController(job);
    if (cb) w.write(LEVEL_0, `Controlled By:\t${cb}\n`);
    if (set(spec.parallelism)) w.write(LEVEL_0, `Parallelism:\t${spec.parallelism}\n`);
    w.write(LEVEL_0, set(spec.completions) ? `Completions:\t${spec.completions}\n` : 'Completions:\t<unset>\n');
    if (set(spec.completionMode)) w.write(LEVEL_0, `Completion Mode:\t${spec.completionMode}\n`);
    if (set(spec.suspend)) w.write(LEVEL_0, `Suspend:\t${spec.suspend}\n`);
    if (set(spec.backoffLimit)) w.write(LEVEL_0, `Backoff Limit:\t${spec.backoffLimit}\n`);
    if (set(spec.ttlSecondsAfterFinished)) w.write(LEVEL_0, `TTL Seconds After Finished:\t${spec.ttlSecondsAfterFinished}\n`);
    if (st.startTime) w.write(LEVEL_0, `Start Time:\t${rfc1123z(st.startTime)}\n`);
    if (st.completionTime) w.write(LEVEL_0, `Completed At:\t${rfc1123z(st.completionTime)}\n`);
    if (st.startTime && st.completionTime) w.write(LEVEL_0, `Duration:\t${humanDuration(timeMs(st.completionTime) - timeMs(st.startTime))}\n`);
    if (set(spec.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${spec.activeDeadlineSeconds}s\n`);
    if (!set(st.ready)) w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
    else w.write(LEVEL_0, `Pods Statuses:\t${st.active ?? 0} Active (${st.ready} Ready) / ${st.succeeded ?? 0} Succeeded / ${st.failed ?? 0} Failed\n`);
    if (spec.completionMode === 'Indexed') w.write(LEVEL_0, `Completed Indexes:\t${capIndexes(st.completedIndexes, 50)}\n`);
    describePodTemplate(spec.template, w);
    writeEvents(w, ctx.reader, refOf(job), ctx.showEvents, ctx.now);
  });
}

export function describeCronJob(cj: KObject, ctx: DescribeContext): string {
  const spec = cj.spec ?? {};
  const set = (v: any) => v !== undefined && v !== null;
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${cj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${cj.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', cj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', cj.metadata.annotations);
    w.write(LEVEL_0, `Schedule:\t${spec.schedule ?? ''}\n`);
    w.write(LEVEL_0, `Concurrency Policy:\t${spec.concurrencyPolicy ?? ''}\n`);
    w.write(LEVEL_0, `Suspend:\t${set(spec.suspend) ? (spec.suspend ? 'True' : 'False') : '<unset>'}\n`);
    w.write(LEVEL_0, set(spec.successfulJobsHistoryLimit) ? `Successful Job History Limit:\t${spec.successfulJobsHistoryLimit}\n` : 'Successful Job History Limit:\t<unset>\n');
    w.write(LEVEL_0, set(spec.failedJobsHistoryLimit) ? `Failed Job History Limit:\t${spec.failedJobsHistoryLimit}\n` : 'Failed Job History Limit:\t<unset>\n');
    w.write(LEVEL_0, set(spec.startingDeadlineSeconds) ? `Starting Deadline Seconds:\t${spec.startingDeadlineSeconds}s\n` : 'Starting Deadline Seconds:\t<unset>\n');
    const jt = spec.jobTemplate?.spec ?? {};
    w.write(LEVEL_0, jt.selector ? `Selector:\t${labelSelectorString(jt.selector)}\n` : 'Selector:\t<unset>\n');
    w.write(LEVEL_0, set(jt.parallelism) ? `Parallelism:\t${jt.parallelism}\n` : 'Parallelism:\t<unset>\n');
    w.write(LEVEL_0, set(jt.completions) ? `Completions:\t${jt.completions}\n` : 'Completions:\t<unset>\n');
    if (set(jt.activeDeadlineSeconds)) w.write(LEVEL_0, `Active Deadline Seconds:\t${jt.activeDeadlineSeconds}s\n`);
    describePodTemplate(jt.template ?? {}, w);
    const last = cj.status?.lastScheduleTime;
    w.write(LEVEL_0, last ? `Last Schedule Time:\t${rfc1123z(last)}\n` : 'Last Schedule Time:\t<unset>\n');
    w.write(LEVEL_0, 'Active Jobs:\t');
    const active: any[] = cj.status?.active ?? [];
    if (!active.length) w.writeLine('<none>');
    else {
      active.forEach((j, i) => { if (i) w.write(LEVEL_0, ', '); w.write(LEVEL_0, j.name ?? ''); });
      w.writeLine('');
    }
    writeEvents(w, ctx.reader, refOf(cj), ctx.showEvents, ctx.now);
  });
}
