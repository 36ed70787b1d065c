// What a command of the mini-shell gets: its argv, its stdin (the whole of it: pipelines are
// run stage by stage), writers for stdout and stderr, and the session (the pod, the image, the
// environment, the files).
import type { KObject } from '../../api/types';
import type { NetView } from '../host';
import type { ImageProfile } from '../images';

export interface Session {
  view: NetView;
  pod: KObject;
  container: any;
  image: ImageProfile;
  /** the environment the next process gets, in order */
  environ(): [string, string][];
  getVar(name: string): string | undefined;
  setVar(name: string, value: string, exported?: boolean): void;
  cwd: string;
  /** files written during the session, over the image's (generated) files */
  readFile(path: string): string | undefined;
  writeFile(path: string, content: string, append?: boolean): void;
  removeFile(path: string): boolean;
  resolvePath(p: string): string;
  /** wait, bounded: real time is capped so nothing hangs an invocation */
  sleep(ms: number): Promise<void>;
  /** the pod's IP as a source address */
  podIP: string;
  /** run another program (env, xargs, timeout, nohup): argv already split */
  execArgv(argv: string[], stdin: string, out: (s: string) => void, err: (s: string) => void): Promise<number>;
  /** the program exists in the image (sh, bash, curl...) */
  has(tool: string): boolean;
  /** where a program lives (`which`), undefined when the image does not have it */
  commandPath(name: string): string | undefined;
  /** paths of the files written in this session */
  listFiles(): string[];
  /** the terminal's size when the session has one (exec -it): what top, watch and ls fit to */
  terminalSize?(): { columns: number; rows: number } | undefined;
  /** the container's mounted volumes (secret, configMap, projected, downwardAPI, emptyDir) */
  mounts?(): import('../volumes').ContainerMounts;
  /** the container's writable layer: installed packages, apt lists */
  layer: Layer;
  /** install packages: their programs are on the PATH from now on, for the container's life */
  install(pkgs: string[]): void;
  /** the processes of this exec from the outermost shell in: pid and command line */
  processes(): { pid: number; cmd: string }[];
}

export interface Layer { pkgs: string[]; aptLists: boolean; dirty: boolean; /** the next process id in the container */ nextPid: number }

export interface CommandContext {
  /** argv[0] as invoked (may be a path) */
  argv: string[];
  name: string;
  stdin: string;
  out(s: string): void;
  err(s: string): void;
  /** stdout is a terminal (a tty exec, not redirected or piped) */
  stdoutTty: boolean;
  /** the process id the command runs as */
  pid?: number;
  sh: Session;
  /** in an interactive terminal: aborted when Ctrl-C (reason 'SIGINT') reaches this foreground
   *  command. ctx.sh.sleep then throws Interrupted (src/network/signals.ts); a command that
   *  handles SIGINT (ping prints its statistics) catches it. Absent: nothing can interrupt. */
  signal?: AbortSignal;
}

export type Command = (ctx: CommandContext) => Promise<number> | number;

/** `name: message` on stderr, the busybox/coreutils way. */
export const fail = (ctx: CommandContext, msg: string, code = 1): number => { ctx.err(`${ctx.name}: ${msg}\n`); return code; };

/** Split combined short options (`-sS` -> `-s -S`) for the options listed as flags. */
export function splitShort(args: string[], flagsWithValue: string): string[] {
  const out: string[] = [];
  let rest = false;
  for (const a of args) {
    if (rest || a === '-' || !a.startsWith('-') || a.startsWith('--') || a.length <= 2) {
      if (a === '--') rest = true;
      out.push(a);
      continue;
    }
    for (let i = 1; i < a.length; i++) {
      const c = a[i];
      if (flagsWithValue.includes(c)) {
        out.push('-' + c);
        if (i + 1 < a.length) out.push(a.slice(i + 1));
        break;
      }
      out.push('-' + c);
    }
  }
  return out;
}
