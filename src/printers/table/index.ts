// `kubectl get` human-readable output: the server-side Table of each kind (tableFor), and the
// client-side rules kubectl applies on top of it (kind prefix, NAMESPACE, -L/--show-labels, wide
// columns, header once, blank line between groups, tabwriter layout), for plain get (printTables)
// and for get -w (WatchTablePrinter).
import { KObject } from '../../api/types';
import { KindInfo, customKinds } from '../../api/kinds';
import { TabWriter, GET_TABWRITER } from '../tabwriter';
import { Column, Table, RowFn, cols, age, formatLabels } from './common';
import * as core from './core';
import * as apps from './apps';
import * as batch from './batch';
import * as net from './networking';
import * as other from './other';
import * as more from './more';

export type { Column, Table } from './common';

interface Printer { columns: Column[]; row: RowFn; /** sorts a list in place, as the list printer does */ order?: (objects: KObject[]) => void }

const P = (columns: Column[], row: RowFn): Printer => ({ columns, row });

let PRINTERS: Map<string, Printer> | undefined;
function printers(): Map<string, Printer> {
  if (PRINTERS) return PRINTERS;
  PRINTERS = new Map<string, Printer>([
    ['Pod', P(core.podColumns, core.podRow)],
    ['PodTemplate', P(core.podTemplateColumns, core.podTemplateRow)],
    ['ReplicationController', P(core.rcColumns, core.rcRow)],
    ['Service', P(core.serviceColumns, core.serviceRow)],
    ['Endpoints', P(core.endpointsColumns, core.endpointsRow)],
    ['Node', P(core.nodeColumns, core.nodeRow)],
    ['Event', P(core.eventColumns, core.eventRow)],
    ['Namespace', P(core.namespaceColumns, core.namespaceRow)],
    ['Secret', P(core.secretColumns, core.secretRow)],
    ['ConfigMap', P(core.configMapColumns, core.configMapRow)],
    ['ServiceAccount', P(core.serviceAccountColumns, core.serviceAccountRow)],
    ['PersistentVolume', P(core.pvColumns, core.pvRow)],
    ['PersistentVolumeClaim', P(core.pvcColumns, core.pvcRow)],
    ['ComponentStatus', P(core.componentStatusColumns, core.componentStatusRow)],
    ['ResourceQuota', P(core.resourceQuotaColumns, core.resourceQuotaRow)],
    ['Deployment', P(apps.deploymentColumns, apps.deploymentRow)],
    ['ReplicaSet', P(apps.replicaSetColumns, apps.replicaSetRow)],
    ['StatefulSet', P(apps.statefulSetColumns, apps.statefulSetRow)],
    ['DaemonSet', P(apps.daemonSetColumns, apps.daemonSetRow)],
    ['ControllerRevision', P(apps.controllerRevisionColumns, apps.controllerRevisionRow)],
    ['Job', P(batch.jobColumns, batch.jobRow)],
    ['CronJob', P(batch.cronJobColumns, batch.cronJobRow)],
    ['EndpointSlice', P(net.endpointSliceColumns, net.endpointSliceRow)],
    ['NetworkPolicy', P(net.networkPolicyColumns, net.networkPolicyRow)],
    ['Ingress', P(net.ingressColumns, net.ingressRow)],
    ['IngressClass', P(net.ingressClassColumns, net.ingressClassRow)],
    ['Lease', P(other.leaseColumns, other.leaseRow)],
    ['HorizontalPodAutoscaler', P(other.hpaColumns, other.hpaRow)],
    ['PodDisruptionBudget', P(other.pdbColumns, other.pdbRow)],
    ['RoleBinding', P(other.roleBindingColumns, other.roleBindingRow)],
    ['ClusterRoleBinding', P(other.roleBindingColumns, other.roleBindingRow)],
    ['PriorityClass', P(other.priorityClassColumns, other.priorityClassRow)],
    ['StorageClass', P(other.storageClassColumns, other.storageClassRow)],
    ...MORE_PRINTERS(),
  ]);
  return PRINTERS;
}

/** The kinds of src/printers/table/more.ts. */
const MORE_PRINTERS = (): [string, Printer][] => [
  ['MutatingWebhookConfiguration', P(more.webhookColumns, more.webhookRow)],
  ['ValidatingWebhookConfiguration', P(more.webhookColumns, more.webhookRow)],
  ['ValidatingAdmissionPolicy', P(more.vapColumns, more.vapRow)],
  ['ValidatingAdmissionPolicyBinding', P(more.vapBindingColumns, more.vapBindingRow)],
  ['APIService', P(more.apiServiceColumns, more.apiServiceRow)],
  ['CertificateSigningRequest', P(more.csrColumns, more.csrRow)],
  ['FlowSchema', { ...P(more.flowSchemaColumns, more.flowSchemaRow), order: more.orderFlowSchemas }],
  ['PriorityLevelConfiguration', P(more.priorityLevelColumns, more.priorityLevelRow)],
  ['RuntimeClass', P(more.runtimeClassColumns, more.runtimeClassRow)],
  ['VolumeAttachment', P(more.volumeAttachmentColumns, more.volumeAttachmentRow)],
  ['CSINode', P(more.csiNodeColumns, more.csiNodeRow)],
  ['CSIDriver', P(more.csiDriverColumns, more.csiDriverRow)],
  ['CSIStorageCapacity', P(more.csiStorageCapacityColumns, more.csiStorageCapacityRow)],
];

// Built-in kinds the API server has no table printer for: its default table convertor prints
// the name and the creation time as RFC 3339 ("CREATED AT"), e.g. `kubectl get clusterroles`.
const SERVER_DEFAULT_KINDS = new Set(['Role', 'ClusterRole', 'LimitRange', 'Binding', 'CustomResourceDefinition']);

const createdAtColumns = cols('=Name', 'Created At');
const createdAtRow: RowFn = (o) => {
  const ts = o.metadata?.creationTimestamp;
  const t = ts ? Date.parse(ts) : NaN;
  return [o.metadata.name, Number.isNaN(t) ? '0001-01-01T00:00:00Z' : new Date(t).toISOString().replace(/\.\d{3}Z$/, 'Z')];
};
// Any other kind (custom resources without printer columns): NAME AGE.
const defaultColumns = cols('=Name', 'Age');
const defaultRow: RowFn = (o, now) => [o.metadata.name, age(o, now)];

function printerFor(kind: string): Printer {
  const p = printers().get(kind);
  if (p) return p;
  if (SERVER_DEFAULT_KINDS.has(kind)) return P(createdAtColumns, createdAtRow);
  const custom = customKinds().find((k) => k.kind === kind)?.custom;
  if (custom) return (require('./custom') as typeof import('./custom')).customPrinter(custom);
  return P(defaultColumns, defaultRow);
}

/** The Table the API server returns for these objects (all columns, wide ones included;
 *  priority 1 marks the wide-only columns). */
export function tableFor(kind: string, objects: KObject[], now: Date, asList = true): Table {
  const p = printerFor(kind);
  // a list's order is the server's (FlowSchemas by precedence); objects asked for by name are
  // each their own GET, printed in the order asked
  if (asList) p.order?.(objects);
  return { columns: p.columns, rows: objects.map((o) => p.row(o, now)) };
}

/** The columns of a kind's table. */
export function columnsFor(kind: string): Column[] {
  return printerFor(kind).columns;
}

// ---------------------------------------------------------------------------------------------
// Client side: decorate and print.

export interface PrintOptions {
  wide?: boolean;
  noHeaders?: boolean;
  showLabels?: boolean;
  labelColumns?: string[];
  /** -A: a NAMESPACE column (for namespaced kinds, in plain get) */
  allNamespaces?: boolean;
  /** --show-kind (printTables also prefixes on its own when 2+ kinds are printed) */
  showKind?: boolean;
  now: Date;
}

/** `kind[.group]`, lower-cased, as the NAME prefix shows it. */
export function kindPrefix(info: Pick<KindInfo, 'kind' | 'group'>): string {
  return (info.group ? `${info.kind}.${info.group}` : info.kind).toLowerCase();
}

/** -L keys: `-L a,b -L c` arrive as ["a,b","c"] or ["a","b","c"]. */
function labelKeys(l: string[] | undefined): string[] {
  if (!l || !l.length) return [];
  const out: string[] = [];
  for (const s of l) for (const k of s.split(',')) out.push(k);
  return out;
}

const labelHeader = (key: string) => { const p = key.split('/'); return p[p.length - 1].toUpperCase(); };

/** printTable's cell escaping: cut at the first \n, \r or \f (appending "..."); ESC as ^[. */
function cell(s: string): string {
  if (!/[\n\r\f\x1b]/.test(s)) return s;
  const i = s.search(/[\n\r\f]/);
  if (i >= 0) s = s.slice(0, i);
  s = s.replace(/\x1b/g, '^[');
  return i >= 0 ? s + '...' : s;
}

interface Decoration {
  wide: boolean;
  withNamespace: boolean;
  /** "kind[.group]" to prefix the name column with, or undefined */
  kind?: string;
  labelColumns: string[];
  showLabels: boolean;
  /** formatted watch event type for an EVENT column ("ADDED   ") */
  eventType?: string;
}

function headerLine(columns: Column[], d: Decoration): string {
  const h: string[] = [];
  if (d.eventType !== undefined) h.push('EVENT');
  if (d.withNamespace) h.push('NAMESPACE');
  for (const c of columns) if (d.wide || c.priority === 0) h.push(c.name.toUpperCase());
  for (const k of d.labelColumns) h.push(labelHeader(k));
  if (d.showLabels) h.push('LABELS');
  return h.map(cell).join('\t') + '\n';
}

const SPECIAL = /[\n\r\f\x1b]/;

/** Write the rows (decorated as kubectl does) into the tabwriter. */
function writeRows(w: TabWriter, columns: Column[], rows: string[][], objects: KObject[], d: Decoration): void {
  const nameCol = d.kind ? columns.findIndex((c) => c.format === 'name') : -1;
  const show = columns.map((c) => d.wide || c.priority === 0);
  const labels = d.labelColumns.length > 0 || d.showLabels;
  for (let r = 0; r < rows.length; r++) {
    const row = rows[r], o = objects[r];
    const cells: string[] = [];
    if (d.eventType !== undefined) cells.push(d.eventType);
    if (d.withNamespace) cells.push(o.metadata?.namespace || '');
    for (let i = 0; i < columns.length; i++) {
      if (!show[i]) continue;
      const v = row[i] ?? '';
      cells.push(i === nameCol ? `${d.kind}/${v}` : v);
    }
    if (labels) {
      const l = o.metadata?.labels || {};
      for (const k of d.labelColumns) cells.push(Object.prototype.hasOwnProperty.call(l, k) ? l[k] : '');
      if (d.showLabels) cells.push(formatLabels(l));
    }
    if (SPECIAL.test(cells.join(''))) for (let i = 0; i < cells.length; i++) cells[i] = cell(cells[i]);
    w.writeCells(cells);
  }
}

export interface TableGroup {
  kind: string;
  resource: KindInfo;
  objects: KObject[];
  /** the objects were asked for by name: the group counts for the kind-prefix rule only with
   *  the objects that were found (a list request counts even when empty) */
  named?: boolean;
}

/** Whether kubectl prefixes names with the kind: 2+ results (lists, or named objects found)
 *  of different kinds. */
export function multipleKindsRequested(groups: TableGroup[]): boolean {
  let first: string | undefined;
  for (const g of groups) {
    if (g.named && !g.objects.length) continue;
    const k = kindPrefix(g.resource);
    if (first === undefined) first = k;
    else if (k !== first) return true;
  }
  return false;
}

/** `kubectl get` for several types (one group per requested type, in order): the text for
 *  stdout ("" when nothing was found; see noResourcesMessage for stderr). */
export function printTables(groups: TableGroup[], opts: PrintOptions): string {
  const withKind = !!opts.showKind || multipleKindsRequested(groups);
  const labelColumns = labelKeys(opts.labelColumns);
  const w = new TabWriter(GET_TABWRITER);
  let out = '';
  let ready = false; // separatorWriter.Ready
  const emit = (s: string) => {
    if (!s) return;
    if (ready) { out += '\n'; ready = false; }
    out += s;
  };
  let lastKind: string | undefined;
  let printedHeaders = false;
  // kubectl's ToPrinter sets WithNamespace on print flags it shares between printers, so once a
  // namespaced type has been printed with -A, later cluster-scoped types get the column too
  // (`get ns,svc,nodes -A`: ns without NAMESPACE, svc and nodes with it).
  let withNamespace = false;
  for (const g of groups) {
    if (g.named && !g.objects.length) continue; // nothing was found: no result, no printer
    const key = kindPrefix(g.resource);
    if (key !== lastKind) {
      emit(w.flush());
      w.setRememberedWidths(null);
      if (lastKind !== undefined && !opts.noHeaders && out.length > 0) ready = true;
      lastKind = key;
      printedHeaders = false;
      if (opts.allNamespaces && g.resource.namespaced) withNamespace = true;
    }
    if (!g.objects.length) continue;
    const t = tableFor(g.kind, g.objects, opts.now, !g.named);
    const d: Decoration = {
      wide: !!opts.wide,
      withNamespace,
      kind: withKind ? key : undefined,
      labelColumns,
      showLabels: !!opts.showLabels,
    };
    if (!opts.noHeaders && !printedHeaders) w.write(headerLine(t.columns, d));
    printedHeaders = true;
    writeRows(w, t.columns, t.rows, g.objects, d);
  }
  emit(w.flush());
  return out;
}

/** The stderr line of `get` when nothing was printed (and no error happened): `No resources
 *  found in <ns> namespace.` when every requested type is namespaced and -A is not given,
 *  else `No resources found`. Includes the newline. */
export function noResourcesMessage(opts: { namespace: string; allNamespaces?: boolean; resources: Pick<KindInfo, 'namespaced'>[] }): string {
  const allNamespaced = !opts.allNamespaces && opts.resources.every((r) => r.namespaced);
  return allNamespaced ? `No resources found in ${opts.namespace} namespace.\n` : 'No resources found\n';
}

// ---------------------------------------------------------------------------------------------
// Watch

export type WatchEventType = 'ADDED' | 'MODIFIED' | 'DELETED' | 'ERROR';

const EVENT_CELL: Record<string, string> = { ADDED: 'ADDED   ', MODIFIED: 'MODIFIED', DELETED: 'DELETED ', ERROR: 'ERROR   ' };

export interface WatchPrintOptions extends Omit<PrintOptions, 'now'> {
  // allNamespaces (-A): kubectl's watch adds NAMESPACE whenever -A is given, even for
  // cluster-scoped kinds.
  /** --output-watch-events: an EVENT column */
  outputWatchEvents?: boolean;
  /** the clock for AGE cells; a function is called at each print */
  now: Date | (() => Date);
}

/** The table printer of `get -w` / `--watch-only`: one tabwriter with remembered widths for the
 *  whole session (columns only grow), flushed after the initial list and after each event;
 *  the header is printed once, with the first output that has rows. */
export class WatchTablePrinter {
  private w = new TabWriter(GET_TABWRITER);
  private printedHeaders = false;
  private info: Pick<KindInfo, 'kind' | 'group'>;
  private labelColumns: string[];

  constructor(kind: string | Pick<KindInfo, 'kind' | 'group'>, private opts: WatchPrintOptions) {
    this.info = typeof kind === 'string' ? { kind, group: '' } : kind;
    this.labelColumns = labelKeys(opts.labelColumns);
  }

  private now(now?: Date): Date {
    if (now) return now;
    const n = this.opts.now;
    return typeof n === 'function' ? n() : n;
  }

  private print(objects: KObject[], eventType: WatchEventType | undefined, now?: Date): string {
    if (!objects.length) return this.w.flush();
    const t = tableFor(this.info.kind, objects, this.now(now));
    const d: Decoration = {
      wide: !!this.opts.wide,
      withNamespace: !!this.opts.allNamespaces,
      kind: this.opts.showKind ? kindPrefix(this.info) : undefined,
      labelColumns: this.labelColumns,
      showLabels: !!this.opts.showLabels,
      eventType: this.opts.outputWatchEvents ? EVENT_CELL[eventType || 'ADDED'] ?? eventType : undefined,
    };
    if (!this.opts.noHeaders && !this.printedHeaders) this.w.write(headerLine(t.columns, d));
    this.printedHeaders = true;
    writeRows(this.w, t.columns, t.rows, objects, d);
    return this.w.flush();
  }

  /** The current objects (empty: prints nothing); with --output-watch-events as ADDED rows. */
  printInitial(objects: KObject[], now?: Date): string {
    return this.print(objects, 'ADDED', now);
  }

  /** One watch event: one row (the object's state; for DELETED its last state). */
  printEvent(type: WatchEventType, obj: KObject, now?: Date): string {
    return this.print([obj], type, now);
  }
}
