// Signals a simulated process can receive from its terminal (src/network/terminal): Ctrl-C
// (SIGINT), Ctrl-\ (SIGQUIT), the terminal closing (SIGHUP). A command that waits races its wait
// against the foreground signal; what it does not handle ends it as the signal would
// (status 128 + number), unwinding the shell's list as a real interactive shell does.

export type SignalName = 'SIGHUP' | 'SIGINT' | 'SIGQUIT';
export const SIGNO: Record<SignalName, number> = { SIGHUP: 1, SIGINT: 2, SIGQUIT: 3 };

/** Thrown through a command (and the shell's list) that the signal ends. */
export class Interrupted extends Error {
  constructor(public signal: SignalName) { super(signal); }
  get status(): number { return 128 + SIGNO[this.signal]; }
}

/** What the shell needs from the terminal that drives it (implemented by terminal/session.ts). */
export interface ForegroundControl {
  /** aborted (reason: a SignalName) when a signal reaches the foreground command */
  readonly signal: AbortSignal;
  /** wait ms real milliseconds (Infinity: until a signal), throwing Interrupted on a signal */
  wait(ms: number, sleep: (ms: number) => Promise<void>): Promise<void>;
  /** a point in a loop: lets typed keys in, throws Interrupted when a signal came */
  checkpoint(): Promise<void>;
  /** a command returned by itself: a signal it handled (ping's SIGINT) is spent */
  commandEnded(): void;
  columns: number;
  rows: number;
}
