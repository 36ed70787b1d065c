// kubectl's generic describer for kinds without their own (Event among them): name, namespace,
// labels, annotations, then every field of the object, sorted, with "smart" labels.
import type { KObject } from '../../api/types';
import { Writer, DescribeContext, tabbedString, LEVEL_0, printLabelsMultiline, printAnnotationsMultiline, goNumber, sortStrings } from './writer';
import { writeEvents, refOf } from './events';

const SKIP = new Set(['.metadata.managedFields', '.metadata.name', '.metadata.namespace', '.metadata.labels', '.metadata.annotations']);
const ACRONYMS = new Set(['API', 'URL', 'UID', 'OSB', 'GUID']);

/** github.com/fatih/camelcase.Split */
function camelSplit(src: string): string[] {
  const runs: string[][] = [];
  let last = 0;
  for (const r of src) {
    const cls = /\p{Ll}/u.test(r) ? 1 : /\p{Lu}/u.test(r) ? 2 : /\p{Nd}/u.test(r) ? 3 : 4;
    if (cls === last) runs[runs.length - 1].push(r);
    else runs.push([r]);
    last = cls;
  }
  for (let i = 0; i < runs.length - 1; i++) {
    if (/\p{Lu}/u.test(runs[i][0]) && /\p{Ll}/u.test(runs[i + 1][0])) {
      runs[i + 1].unshift(runs[i][runs[i].length - 1]);
      runs[i].pop();
    }
  }
  return runs.filter((r) => r.length).map((r) => r.join(''));
}

/** strings.Title: upper-case the first letter of each word. */
function title(s: string): string {
  let out = '';
  let prev = ' ';
  for (const ch of s) {
    const sep = !/[\p{L}\p{Nd}_]/u.test(prev);
    out += sep ? ch.toUpperCase() : ch;
    prev = ch;
  }
  return out;
}

export function smartLabelFor(field: string): string {
  if ([...field].some((r) => !/\p{L}/u.test(r) && r !== '-')) return field;
  const parts: string[] = [];
  for (const part of camelSplit(field)) {
    if (part === '_') continue;
    parts.push(ACRONYMS.has(part.toUpperCase()) ? part.toUpperCase() : title(part));
  }
  return parts.join(' ');
}

/** %v of a JSON scalar as unstructured holds it. */
function scalar(v: unknown): string {
  if (v === null || v === undefined) return '<nil>';
  if (typeof v === 'number') return goNumber(v);
  return String(v);
}

function printUnstructuredContent(w: Writer, level: number, content: Record<string, any>, skipPrefix: string): void {
  for (const field of sortStrings(Object.keys(content))) {
    const value = content[field];
    const skipExpr = `${skipPrefix}.${field}`;
    if (SKIP.has(skipExpr)) continue;
    if (value && typeof value === 'object' && !Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      printUnstructuredContent(w, level + 1, value, skipExpr);
    } else if (Array.isArray(value)) {
      w.write(level, `${smartLabelFor(field)}:\n`);
      for (const child of value) {
        if (child && typeof child === 'object' && !Array.isArray(child)) printUnstructuredContent(w, level + 1, child, skipExpr);
        else w.write(level + 1, `${Array.isArray(child) ? '[' + child.map(scalar).join(' ') + ']' : scalar(child)}\n`);
      }
    } else {
      w.write(level, `${smartLabelFor(field)}:\t${scalar(value)}\n`);
    }
  }
}

export function describeGeneric(obj: KObject, ctx: DescribeContext): string {
  return tabbedString((w) => {
    w.write(LEVEL_0, `Name:\t${obj.metadata.name}\n`);
    w.write(LEVEL_0, `Namespace:\t${obj.metadata.namespace ?? ''}\n`);
    printLabelsMultiline(w, 'Labels', obj.metadata.labels);
    printAnnotationsMultiline(w, 'Annotations', obj.metadata.annotations);
    printUnstructuredContent(w, LEVEL_0, obj, '');
    writeEvents(w, ctx.reader, refOf(obj), ctx.showEvents, ctx.now);
  });
}
