// The local terminal while kubectl is attached to a container's terminal (exec -it, run -it,
// debug -it, attach -it). kubectl puts the terminal in raw mode, as the real one does
// (k8s.io/kubectl/pkg/util/term TTY.Safe): Ctrl-C, Ctrl-Z and Ctrl-\ reach the container as
// bytes instead of signalling kubectl. Were kubectl killed by them, the next line the student
// types would run on their own machine. The typed bytes go to the container's terminal
// (src/network/terminal); window size changes follow (SIGWINCH); kubectl's own SIGINT, SIGTERM,
// SIGHUP and SIGQUIT (the terminal closed, a kill) end the session (util/interrupt). The
// terminal is restored on every way out.
import * as fs from 'fs';
import type { KObject } from '../api/types';
import type { DataPlaneHost } from '../network/host';

/** What a container reads from kubectl's stdin without a terminal (-i): the chunks as they come. */
export async function* stdinChunks(): AsyncIterable<string> {
  process.stdin.setEncoding('utf8');
  for await (const chunk of process.stdin) yield chunk as string;
}

/** kubectl's StreamOptions flags (exec and attach). */
export const STREAM_FLAGS = [
  { name: 'container', short: 'c', type: 'string' as const, default: '' },
  { name: 'stdin', short: 'i', type: 'bool' as const, default: false },
  { name: 'tty', short: 't', type: 'bool' as const, default: false },
  { name: 'quiet', short: 'q', type: 'bool' as const, default: false },
  { name: 'pod-running-timeout', type: 'string' as const, default: '1m0s' },
];

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

/** Whether kubectl can attach a terminal: -i and -t, and stdin is one. */
export function canRaw(): boolean {
  return !!process.stdin.isTTY && !!process.stdin.setRawMode;
}

export interface AttachedResult {
  exitCode: number;
  error?: string;
  /** kubectl itself got SIGINT/SIGTERM/SIGHUP/SIGQUIT (or its terminal closed) */
  signalled?: NodeJS.Signals | 'EOF';
}

/**
 * Run ARGV in the container behind the local terminal, in raw mode, until the process ends or
 * kubectl is signalled. The terminal is restored before this returns (or the process exits).
 */
export async function attachTerminal(host: DataPlaneHost, pod: KObject, container: string | undefined, argv: string[], opts: { asContainer?: boolean; tee?: (text: string) => void; hangupWhen?: () => boolean } = {}): Promise<AttachedResult> {
  const { tee, hangupWhen, ...termOpts } = opts;
  const { startTerminal } = require('../network/terminal') as typeof import('../network/terminal');
  let closed = false;
  const io = {
    columns: process.stdout.columns || 80,
    rows: process.stdout.rows || 24,
    write(text: string) {
      if (closed || !text) return;
      tee?.(text);
      try { fs.writeSync(1, text); } catch { closed = true; }
    },
  };
  makeRaw();
  const session = startTerminal(host, pod, container, argv, io, termOpts);
  let signalled: AttachedResult['signalled'];
  const onData = (d: Buffer | string) => session.input(typeof d === 'string' ? d : d.toString('utf8'));
  const onEnd = () => { signalled ??= 'EOF'; closed = true; session.hangup(); };
  const onWinch = () => session.resize(process.stdout.columns || io.columns, process.stdout.rows || io.rows);
  const onSignal = (sig: NodeJS.Signals) => { signalled ??= sig; restore(); if (sig === 'SIGHUP') closed = true; session.hangup(); };
  const sigs: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP', 'SIGQUIT'];
  process.stdin.on('data', onData);
  process.stdin.on('end', onEnd);
  process.stdin.on('error', onEnd);
  process.stdout.on('resize', onWinch);
  for (const s of sigs) process.on(s, onSignal);
  process.stdin.resume();
  // the caller's reason to end the session from outside (the cluster was replaced), polled
  const poll = hangupWhen && setInterval(() => { if (hangupWhen()) { signalled ??= 'SIGHUP'; session.hangup(); } }, 500);
  try {
    const r = await session.done;
    return { ...r, ...(signalled ? { signalled } : {}) };
  } finally {
    if (poll) clearInterval(poll);
    process.stdin.off('data', onData);
    process.stdin.off('end', onEnd);
    process.stdin.off('error', onEnd);
    process.stdout.off('resize', onWinch);
    for (const s of sigs) process.off(s, onSignal);
    restore();
    process.stdin.pause();
  }
}
