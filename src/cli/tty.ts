// The local terminal while kubectl is attached to a container's terminal (exec -it, run -it,
// debug -it, attach -it). kubectl puts the terminal in raw mode, as the real one does
// (k8s.io/kubectl/pkg/util/term SafeFunc): Ctrl-C, Ctrl-Z and Ctrl-\ reach the container as
// bytes instead of signalling kubectl. Were kubectl killed by them, the next line the student
// types would run on their own machine. The terminal is restored on every way out.
import * as fs from 'fs';

let rawNow = false;
let hooked = false;

function restore(): void {
  if (!rawNow) return;
  rawNow = false;
  try { process.stdin.setRawMode?.(false); } catch { /* the terminal is gone */ }
}

/** Put stdin in raw mode until restoreTerminal() (or the process ends, however it ends). */
export function makeRaw(): boolean {
  if (!process.stdin.isTTY || !process.stdin.setRawMode) return false;
  if (!hooked) {
    hooked = true;
    process.on('exit', restore);
  }
  process.stdin.setRawMode(true);
  rawNow = true;
  return true;
}

export function restoreTerminal(): void {
  restore();
}

/** Write to the local terminal (stdout), synchronously. */
export function writeTerminal(text: string): void {
  if (!text) return;
  try { fs.writeSync(1, text); } catch { /* closed */ }
}

/**
 * Raw bytes from the local terminal, as a minimal line discipline turns them into lines:
 * echo, Enter, Backspace, Ctrl-U, Ctrl-C (drops the line), Ctrl-D on an empty line (end of
 * input). Ctrl-Z and Ctrl-\ never stop kubectl.
 */
export async function* rawLines(echo: (s: string) => void): AsyncIterable<string> {
  process.stdin.setEncoding('utf8');
  let line = '';
  for await (const chunk of process.stdin) {
    let ready = '';
    for (const ch of String(chunk)) {
      if (ch === '\r' || ch === '\n') { echo('\r\n'); ready += line + '\n'; line = ''; }
      else if (ch === '\x03') { echo('^C\r\n'); ready += '\n'; line = ''; }
      else if (ch === '\x04') { if (!line) { if (ready) yield ready; return; } }
      else if (ch === '\x7f' || ch === '\b') { if (line) { line = line.slice(0, -1); echo('\b \b'); } }
      else if (ch === '\x15') { echo('\b \b'.repeat(line.length)); line = ''; }
      else if (ch === '\x1a') echo('^Z');
      else if (ch === '\x1c') echo('^\\');
      else if (ch >= ' ' || ch === '\t') { line += ch; echo(ch); }
    }
    if (ready) yield ready;
  }
}
