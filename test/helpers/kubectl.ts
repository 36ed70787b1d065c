// Run bin/kubectl as a process against a temporary cluster, as a user's shell would.
import { spawnSync, spawn, ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

export const ROOT = path.join(__dirname, '..', '..');
export const KUBECTL = path.join(ROOT, 'bin', 'kubectl');
export const KUBESIM = path.join(ROOT, 'bin', 'kubesim');

export interface Result { stdout: string; stderr: string; code: number }

export interface Cluster {
  home: string;
  env: NodeJS.ProcessEnv;
  /** run `kubectl ARGS...` */
  k(...args: string[]): Result;
  /** run with stdin */
  kIn(input: string, ...args: string[]): Result;
  /** run `kubesim ARGS...` (kubesim's own commands) */
  ks(...args: string[]): Result;
  /** run `kubesim ARGS...` with stdin */
  ksIn(input: string, ...args: string[]): Result;
  /** a shell pipeline with bin/ first on PATH */
  sh(script: string): Result;
  /** start a long-running kubectl in the background */
  bg(...args: string[]): { proc: ChildProcess; output: () => string; stop: () => Promise<void> };
  /** start a long-running kubesim command (serve, ui, trace -f) in the background */
  bgs(...args: string[]): { proc: ChildProcess; output: () => string; stop: () => Promise<void> };
  /** poll until fn returns true (or throw after timeoutMs) */
  until(fn: () => boolean, timeoutMs?: number): Promise<void>;
  cleanup(): void;
}

export function cluster(env: Record<string, string> = {}): Cluster {
  const home = fs.mkdtempSync(path.join(os.tmpdir(), 'kubesim-e2e-'));
  const fullEnv: NodeJS.ProcessEnv = { ...process.env, KUBESIM_HOME: home, KUBESIM_POD_STARTUP: '0', TZ: 'UTC', PATH: `${path.join(ROOT, 'bin')}:${process.env.PATH}`, ...env };
  delete fullEnv.NODE_EXTRA_CA_CERTS;
  const run = (args: string[], input?: string, bin = KUBECTL): Result => {
    const r = spawnSync(bin, args, { env: fullEnv, input, encoding: 'utf8', cwd: home, timeout: 60000 });
    return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
  };
  const procs: ChildProcess[] = [];
  function background(bin: string, args: string[]) {
    const proc = spawn(bin, args, { env: fullEnv, cwd: home, stdio: ['ignore', 'pipe', 'pipe'] });
    procs.push(proc);
    let buf = '';
    proc.stdout!.on('data', (d) => { buf += d; });
    proc.stderr!.on('data', (d) => { buf += d; });
    return {
      proc,
      output: () => buf,
      stop: () => new Promise<void>((resolve) => { if (proc.exitCode !== null) return resolve(); proc.once('exit', () => resolve()); proc.kill('SIGINT'); }),
    };
  }
  return {
    home,
    env: fullEnv,
    k: (...args) => run(args),
    kIn: (input, ...args) => run(args, input),
    ks: (...args) => run(args, undefined, KUBESIM),
    ksIn: (input, ...args) => run(args, input, KUBESIM),
    sh(script) {
      const r = spawnSync('bash', ['-c', script], { env: fullEnv, encoding: 'utf8', cwd: home, timeout: 60000 });
      return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
    },
    bg(...args) { return background(KUBECTL, args); },
    bgs(...args) { return background(KUBESIM, args); },
    async until(fn, timeoutMs = 10000) {
      const end = Date.now() + timeoutMs;
      while (Date.now() < end) {
        if (fn()) return;
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error('condition not met in time');
    },
    cleanup() {
      for (const p of procs) if (p.exitCode === null) p.kill('SIGKILL');
      fs.rmSync(home, { recursive: true, force: true });
    },
  };
}

/** lines of stdout matching a regex */
export const lines = (s: string, re?: RegExp) => s.split('\n').filter((l) => l && (!re || re.test(l)));
