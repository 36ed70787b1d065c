// Writing to stdout/stderr synchronously (a verb's output is complete before the process exits,
// and pipes closed early end the process quietly, as kubectl does).
import * as fs from 'fs';
import { ApiError, CliError } from '../api/types';

function writeAll(fd: number, text: string): void {
  if (!text) return;
  let buf = Buffer.from(text, 'utf8');
  while (buf.length) {
    try {
      const n = fs.writeSync(fd, buf);
      buf = buf.subarray(n);
    } catch (e: any) {
      if (e.code === 'EAGAIN') { Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 2); continue; }
      if (e.code === 'EPIPE') process.exit(0);
      throw e;
    }
  }
}

// While a node shell runs kubectl in process (src/cli/inprocess.ts), what the verb prints and
// reads goes to and comes from the shell instead.
let sink: ((fd: 1 | 2, text: string) => void) | undefined;
let stdinText: string | undefined;

export const out = (text: string) => (sink ? sink(1, text) : writeAll(1, text));
export const err = (text: string) => (sink ? sink(2, text) : writeAll(2, text));

/** Standard input, all of it (`-f -`). */
export function readStdin(): string {
  if (stdinText !== undefined) return stdinText;
  try { return fs.readFileSync(0, 'utf8'); } catch { return ''; }
}

/** Run fn with out/err captured by write and stdin given. */
export async function captured<T>(fn: () => Promise<T>, write: (fd: 1 | 2, text: string) => void, stdin: string): Promise<T> {
  const prev = { sink, stdinText };
  sink = write;
  stdinText = stdin;
  try { return await fn(); } finally { sink = prev.sink; stdinText = prev.stdinText; }
}

/** One line as klog writes it: `W1121 20:50:10.825855    9011 helpers.go:702] message`. */
export function klogLine(severity: 'I' | 'W' | 'E', where: string, msg: string, d = new Date()): string {
  const p2 = (n: number) => String(n).padStart(2, '0');
  const ts = `${p2(d.getMonth() + 1)}${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}.${String(d.getMilliseconds() * 1000).padStart(6, '0')}`;
  return `${severity}${ts} ${String(process.pid).padStart(7, ' ')} ${where}] ${msg}\n`;
}

const JS_ERRORS = new Set<unknown>([TypeError, RangeError, ReferenceError, SyntaxError, EvalError, URIError]);

/** How kubectl prints an error (cmdutil.CheckErr). */
export function formatError(e: unknown): string {
  if (e instanceof CliError) return e.raw ? (e.message.endsWith('\n') ? e.message : e.message + '\n') : `error: ${e.message}\n`;
  if (e instanceof ApiError) return formatApiError(e) + '\n';
  // JavaScript's own failures never reach the user as JavaScript texts
  if (e instanceof RangeError && /call stack/.test(e.message)) return 'error: exceeded max depth\n';
  if (e instanceof Error && JS_ERRORS.has(e.constructor as any)) {
    return 'Error from server (InternalError): Internal error occurred: kubesim could not process this request (KUBESIM_DEBUG=1 shows why)\n';
  }
  const m = e instanceof Error ? e.message : String(e);
  return `error: ${m}\n`;
}

export function formatApiError(e: ApiError): string {
  if (e.reason === 'Invalid' && e.details.causes?.length) {
    const causes = e.details.causes;
    if (causes.length === 1) return `The ${e.details.kind} "${e.details.name}" is invalid: ${causes[0].field}: ${causes[0].message}`;
    return `The ${e.details.kind} "${e.details.name}" is invalid: \n${causes.map((c) => `* ${c.field}: ${c.message}`).join('\n')}`;
  }
  return `Error from server (${e.reason}): ${e.message}`;
}

/** cli-runtime's EnhanceListError: a list the server refused (BadRequest, NotFound) says what
 *  was asked for, e.g. `Unable to find "/v1, Resource=pods" that match label selector "a b",
 *  field selector "": <the server's message>`. */
export function enhanceListError(e: unknown, info: { group: string; version: string; plural: string }, labelSelector: string, fieldSelector: string): unknown {
  if (!(e instanceof ApiError) || (e.reason !== 'BadRequest' && e.reason !== 'NotFound')) return e;
  const gvr = `${info.group ? info.group + '/' : '/'}${info.version}, Resource=${info.plural}`;
  const l = labelSelector.trim(), f = fieldSelector.trim();
  const message = !l && !f ? `Unable to list "${gvr}": ${e.message}` : `Unable to find "${gvr}" that match label selector "${l}", field selector "${f}": ${e.message}`;
  return new ApiError(e.reason, message, e.code, e.details);
}

/** `Error from server (Reason): error when creating "file": message` (resource builder errors). */
export function formatApiErrorFor(e: ApiError, verb: string, file: string): string {
  return `Error from server (${e.reason}): error when ${verb} "${file}": ${e.message}`;
}
