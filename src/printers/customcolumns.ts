// kubectl -o custom-columns=SPEC and -o custom-columns-file=FILE (kubectl get/customcolumn.go):
// one column per <header>:<jsonpath>, values of a column joined with ',', `<none>` when a path
// yields nothing, laid out by Go's tabwriter with kubectl's settings (printers.GetNewTabWriter).
import { CliError } from '../api/types';
import { JSONPath, JsonPathExecError, JsonPathParseError, relaxedJsonPathExpression } from './jsonpath/index';
import { goSprint, NO_VALUE } from './jsonpath/values';
import { tabwrite, GET_TABWRITER } from './tabwriter';

export interface Column {
  /** the header to print above the column */
  header: string;
  /** the column's JSONPath template, already in `{.a.b}` form */
  fieldSpec: string;
}

/** A custom-columns printing error; `stdout` is what kubectl printed before it (the header and
 *  the rows done so far, flushed by its tabwriter). */
export class CustomColumnsError extends CliError {
  constructor(message: string, public stdout: string) {
    super(message);
  }
}

// parseCustomColumnsFile's result travels through OutputSpec.template (a string): a marker that
// cannot come from the command line (argv has no NUL), then the columns as JSON.
const FILE_MARKER = '\u0000custom-columns-file:';

const noColumns = () => new CliError('custom-columns format specified but no custom columns given');

/** NewCustomColumnsPrinterFromSpec: "NAME:.metadata.name,IP:{.status.podIP}". Throws CliError. */
export function parseCustomColumnsSpec(spec: string): Column[] {
  if (spec.length === 0) throw noColumns();
  return spec.split(',').map((part) => {
    const i = part.indexOf(':');
    if (i < 0) throw new CliError(`unexpected custom-columns spec: ${part}, expected <header>:<json-path-expr>`);
    return { header: part.slice(0, i), fieldSpec: relaxedJsonPathExpression(part.slice(i + 1)) };
  });
}

const MISSING = 'Expected format is one line of space separated headers, one line of space separated column specs.';
// unicode.IsSpace
const WORDS = /[^\t\n\v\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/g;

/** NewCustomColumnsPrinterFromTemplate: the file's first line holds the headers, the second the
 *  field specs, both whitespace separated. Returns a value to pass to compileCustomColumns (the
 *  file form, which ignores --no-headers as kubectl does). Throws CliError. */
export function parseCustomColumnsFile(text: string): string {
  return FILE_MARKER + JSON.stringify(parseCustomColumnsTemplate(text));
}

/** The columns of a custom-columns file. Throws CliError. */
export function parseCustomColumnsTemplate(text: string): Column[] {
  const lines = scanLines(text);
  if (lines.length < 1) throw new CliError(`invalid template, missing header line. ${MISSING}`);
  const headers = lines[0].match(WORDS) ?? [];
  if (lines.length < 2) throw new CliError(`invalid template, missing spec line. ${MISSING}`);
  const specs = lines[1].match(WORDS) ?? [];
  if (headers.length !== specs.length) {
    throw new CliError(`number of headers (${headers.length}) and field specifications (${specs.length}) don't match`);
  }
  return headers.map((h, i) => ({ header: h, fieldSpec: relaxedJsonPathExpression(specs[i]) }));
}

/** bufio.Scanner with ScanLines: lines split at \n, a trailing \r dropped, no empty last line. */
function scanLines(text: string): string[] {
  if (text === '') return [];
  const lines = text.split('\n');
  if (lines[lines.length - 1] === '') lines.pop();
  return lines.map((l) => (l.endsWith('\r') ? l.slice(0, -1) : l));
}

/** Compile `-o custom-columns=SPEC` (or the result of parseCustomColumnsFile, or columns).
 *  Spec errors throw CliError now (kubectl reports them before printing). The returned function
 *  prints the objects (each item of the list, or the one object) as kubectl does; a JSONPath
 *  parse or execution error throws CustomColumnsError, whose `stdout` holds what kubectl printed
 *  before the error. */
export function compileCustomColumns(spec: string | Column[], opts: { noHeaders?: boolean } = {}): (objects: unknown[]) => string {
  let columns: Column[];
  let noHeaders = !!opts.noHeaders;
  if (Array.isArray(spec)) columns = spec;
  else if (spec.startsWith(FILE_MARKER)) {
    columns = JSON.parse(spec.slice(FILE_MARKER.length));
    noHeaders = false; // the file form never honours --no-headers
  } else columns = parseCustomColumnsSpec(spec);

  return (objects: unknown[]): string => {
    const lines: string[] = [];
    const flush = () => tabwrite(lines.join(''), GET_TABWRITER);
    if (!noHeaders) lines.push(columns.map((c) => c.header).join('\t') + '\n');
    const parsers: JSONPath[] = [];
    for (const c of columns) {
      try {
        parsers.push(new JSONPath(c.fieldSpec));
      } catch (e) {
        if (e instanceof JsonPathParseError) throw new CustomColumnsError(e.message, flush());
        throw e;
      }
    }
    for (const obj of objects) {
      const cells: string[] = [];
      for (const p of parsers) {
        let values: unknown[][];
        try {
          values = p.findResults(obj);
        } catch (e) {
          if (e instanceof JsonPathExecError) throw new CustomColumnsError(e.message, flush());
          throw e;
        }
        const strs: string[] = [];
        if (values.length === 0 || values[0].length === 0) strs.push('<none>');
        for (const piece of values) {
          for (const v of piece) strs.push(escapeTerminal(v === NO_VALUE ? '<nil>' : goSprint(v)));
        }
        cells.push(strs.join(','));
      }
      lines.push(cells.join('\t') + '\n');
    }
    return flush();
  };
}

/** Like compileCustomColumns, but the printer returns { out, err } (err = kubectl's stderr text). */
export function compileCustomColumnsRendered(spec: string | Column[], opts: { noHeaders?: boolean } = {}): (objects: unknown[]) => { out: string; err?: string } {
  const f = compileCustomColumns(spec, opts);
  return (objects) => {
    try {
      return { out: f(objects) };
    } catch (e) {
      if (e instanceof CustomColumnsError) return { out: e.stdout, err: `error: ${e.message}\n` };
      throw e;
    }
  };
}

/** printers.EscapeTerminal */
export function escapeTerminal(s: string): string {
  if (!s.includes('\x1b') && !s.includes('\r')) return s;
  return s.replace(/\x1b/g, '^[').replace(/\r/g, '\\r');
}
