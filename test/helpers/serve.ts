// Start `kubesim serve --port 0` on a temporary cluster and talk to it: raw HTTPS requests with
// the client certificate it made, the kubeconfig it wrote, and the official JavaScript client.
import { spawn, ChildProcess } from 'child_process';
import * as fs from 'fs';
import * as https from 'https';
import * as path from 'path';
import { pathToFileURL } from 'url';
import { cluster, Cluster, ROOT } from './kubectl';

export interface Served extends Cluster {
  url: string;
  kubeconfig: string;
  proc: ChildProcess;
  stdout: () => string;
  stderr: () => string;
  /** a request with the client certificate (or none: auth false) */
  req(method: string, p: string, body?: string | Buffer, headers?: Record<string, string>, auth?: boolean): Promise<{ status: number; headers: Record<string, any>; body: string }>;
  stop(): Promise<number | null>;
}

export async function serve(env: Record<string, string> = {}, args: string[] = []): Promise<Served> {
  const c = cluster(env);
  const kubeconfig = path.join(c.home, 'kube', 'config');
  c.env.KUBECONFIG = kubeconfig;
  const proc = spawn(path.join(ROOT, 'bin', 'kubesim'), ['serve', '--port', '0', ...args], { env: c.env, cwd: c.home, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '', err = '';
  proc.stdout!.on('data', (d) => { out += d; });
  proc.stderr!.on('data', (d) => { err += d; });
  const end = Date.now() + 30000;
  while (!/https:\/\/[\d.]+:\d+/.test(out)) {
    if (proc.exitCode !== null || Date.now() > end) { c.cleanup(); throw new Error(`serve did not start: ${out}${err}`); }
    await new Promise((r) => setTimeout(r, 20));
  }
  const url = /https:\/\/[\d.]+:\d+/.exec(out)![0];
  const pki = path.join(c.home, 'pki');
  const ca = fs.readFileSync(path.join(pki, 'ca.crt'));
  const cert = fs.readFileSync(path.join(pki, 'client.crt'));
  const key = fs.readFileSync(path.join(pki, 'client.key'));
  const agent = new https.Agent({ ca, cert, key, keepAlive: true });
  const anon = new https.Agent({ ca });
  const req: Served['req'] = (method, p, body, headers = {}, auth = true) => new Promise((resolve, reject) => {
    const u = new URL(p, url);
    const r = https.request(u, { method, agent: auth ? agent : anon, headers: { ...(body !== undefined ? { 'Content-Type': 'application/json' } : {}), ...headers } }, (res) => {
      let b = '';
      res.setEncoding('utf8');
      res.on('data', (d) => { b += d; });
      res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: b }));
    });
    r.on('error', reject);
    if (body !== undefined) r.write(body);
    r.end();
  });
  const stop = () => new Promise<number | null>((resolve) => {
    agent.destroy();
    if (proc.exitCode !== null) return resolve(proc.exitCode);
    proc.once('exit', (code) => resolve(code));
    proc.kill('SIGTERM');
  });
  const cleanup = c.cleanup;
  return {
    ...c, url, kubeconfig, proc, stdout: () => out, stderr: () => err, req, stop,
    cleanup() { if (proc.exitCode === null) proc.kill('SIGKILL'); agent.destroy(); cleanup(); },
  };
}

/** The official JavaScript client (an ES module), or undefined when it is not installed. */
export async function clientNode(): Promise<any | undefined> {
  const entry = path.join(ROOT, 'node_modules', '@kubernetes', 'client-node', 'dist', 'index.js');
  if (!fs.existsSync(entry)) return undefined;
  // a real dynamic import (the test bundle is CommonJS; the client is an ES module)
  const load = new Function('u', 'return import(u)') as (u: string) => Promise<any>;
  return load(pathToFileURL(entry).href);
}
