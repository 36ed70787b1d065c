// Run bin/kubectl once as a process (any cwd, stdin, extra env) and capture what it printed.
import { spawnSync } from 'child_process';
import * as path from 'path';

export const KUBECTL_BIN = path.join(__dirname, '..', '..', 'bin', 'kubectl');

export interface Run { stdout: string; stderr: string; code: number }

export function runKubectl(args: string[], opts: { home: string; cwd?: string; input?: string; env?: Record<string, string> }): Run {
  const env: NodeJS.ProcessEnv = { ...process.env, KUBESIM_HOME: opts.home, KUBESIM_POD_STARTUP: '0', TZ: 'UTC', ...(opts.env ?? {}) };
  delete env.NODE_EXTRA_CA_CERTS;
  const r = spawnSync(KUBECTL_BIN, args, { env, cwd: opts.cwd ?? opts.home, input: opts.input, encoding: 'utf8', timeout: 60000 });
  return { stdout: r.stdout, stderr: r.stderr, code: r.status ?? -1 };
}

/** klog lines carry the time and the pid: compare them without. */
export const normalizeKlog = (s: string) => s.replace(/^([IWE])\d{4} \d\d:\d\d:\d\d\.\d{6} +\d+ /gm, '$10000 00:00:00.000000 0 ');
