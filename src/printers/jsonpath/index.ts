// kubectl -o jsonpath / jsonpath-file / jsonpath-as-json (cli-runtime JSONPathPrinter over
// client-go util/jsonpath), and the shared pieces custom-columns and --sort-by use.
//
// Data: plain JSON (see values.ts for how numbers are read: integral -> int64, else float64;
// GoFloat/bigint for exactness when the JSON text is available, via parseJsonLossless).
import { CliError } from '../../api/types';
import { JSONPath, JsonPathExecError } from './eval';
import { JsonPathParseError } from './parser';
import { GoPanic, goQuote, goSharpV } from './values';

export { JSONPath, JsonPathExecError, textOf } from './eval';
export { JsonPathParseError } from './parser';
export { parseJsonLossless, GoFloat, GoPanic, goSprint, goSharpV, goJson, goQuote } from './values';

export interface JsonPathOptions {
  /** --allow-missing-template-keys (default true) */
  allowMissingKeys?: boolean;
  /** -o jsonpath-as-json */
  asJson?: boolean;
  /** where output goes as it is produced (a large list); the rest is returned */
  sink?: (s: string) => void;
}

export interface Rendered { out: string; err?: string }

/** Compile a template as `kubectl -o jsonpath=TEMPLATE` does. A parse error throws
 *  CliError(`error parsing jsonpath <TEMPLATE>, <message>`) (the CLI prints `error: ` before it).
 *  The render function returns what kubectl prints: stdout text, and on an execution error
 *  `err` = kubectl's whole stderr text (stdout is then empty, except for jsonpath-as-json
 *  pieces printed before a Go panic). A Go panic in kubectl (a zero reflect.Value) throws
 *  CliError(raw, exit code 2).
 *  The compiled template keeps client-go's range bookkeeping between calls, as kubectl's printer
 *  does when it prints several objects (watch). */
export function compileJsonPath(template: string, opts: JsonPathOptions = {}): (data: unknown) => Rendered {
  let jp: JSONPath;
  try {
    jp = new JSONPath(template);
  } catch (e) {
    if (e instanceof JsonPathParseError) throw new CliError(`error parsing jsonpath ${template}, ${e.message}`);
    throw e;
  }
  jp.allowMissingKeys = opts.allowMissingKeys ?? true;
  jp.outputJSON = !!opts.asJson;
  const sink = opts.sink;
  return (data: unknown): Rendered => {
    let results: unknown[][];
    try {
      results = jp.findResults(data);
    } catch (e) {
      if (e instanceof JsonPathExecError) return { out: '', err: 'error: ' + executionErrorText(template, e.message, data) };
      if (e instanceof GoPanic) throw panicError(e, '');
      throw e;
    }
    let out = '';
    for (const r of results) {
      try {
        out += jp.printResults(r);
        if (sink && out.length > 65536) { sink(out); out = ''; }
      } catch (e) {
        if (e instanceof GoPanic) throw panicError(e, out);
        throw e;
      }
    }
    return { out };
  };
}

/** The message kubectl's JSONPathPrinter returns for an execution error (without `error: `). */
export function executionErrorText(template: string, message: string, data: unknown): string {
  return `error executing jsonpath ${goQuote(template)}: Error executing template: ${message}. Printing more information for debugging the template:\n`
    + `\ttemplate was:\n\t\t${template}\n`
    + `\tobject given to jsonpath engine was:\n\t\t${goSharpV(data)}\n\n\n`;
}

/** kubectl crashes on a Go panic: exit 2, the panic line and a goroutine dump on stderr. */
export function panicError(e: GoPanic, partialOut: string): CliError {
  const err = new CliError(`panic: ${e.message}\n\ngoroutine 1 [running]:\nk8s.io/client-go/util/jsonpath.(*JSONPath).FindResults(...)\n`, 2, true);
  (err as CliError & { stdout?: string }).stdout = partialOut;
  return err;
}

/** client-go's FindResults: the values of each piece of a JSONPath template (`{.a.b}` form; see
 *  relaxedJsonPathExpression for the relaxed ones), with missing keys allowed unless told
 *  otherwise. Throws JsonPathParseError / JsonPathExecError (message as client-go's). */
export function findJsonPathResults(expr: string, data: unknown, opts: { allowMissingKeys?: boolean } = {}): unknown[][] {
  const jp = new JSONPath(expr);
  jp.allowMissingKeys = opts.allowMissingKeys ?? true;
  return jp.findResults(data);
}

/** All values a JSONPath template yields for data (every piece, in order), missing keys allowed.
 *  Values are the data's own (maps/arrays are not copied). Throws like findJsonPathResults. */
export function evalJsonPath(expr: string, data: unknown): unknown[] {
  return findJsonPathResults(expr, data).flat(1);
}

const jsonRegexp = /^\{\.?([^{}]+)\}$|^\.?([^{}]+)$/;

/** kubectl's RelaxedJSONPathExpression: `metadata.name`, `.metadata.name`, `{metadata.name}` and
 *  `{.metadata.name}` all become `{.metadata.name}`; "" stays "". Throws CliError otherwise. */
export function relaxedJsonPathExpression(pathExpression: string): string {
  if (pathExpression.length === 0) return pathExpression;
  const m = jsonRegexp.exec(pathExpression);
  if (!m) throw new CliError("unexpected path string, expected a 'name1.name2' or '.name1.name2' or '{name1.name2}' or '{.name1.name2}'");
  return `{.${m[1] !== undefined && m[1] !== '' ? m[1] : m[2]}}`;
}
