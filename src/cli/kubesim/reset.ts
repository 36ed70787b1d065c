// kubesim reset / kubesim create cluster: replace the cluster with a freshly bootstrapped one
// (of N nodes, or as a configuration file describes it). On a terminal it asks first; --yes, or
// a stdin that is not a terminal (scripts), does not. Everything is checked before anything is
// removed. Processes that still have the old cluster open (a watch, port-forward, serve, a node
// shell) notice that it was replaced (Store.replaced) and end.
import * as fs from 'fs';
import * as path from 'path';
import { kubesimHome } from '../../store/db';
import { CliError } from '../../api/types';
import type { ClusterConfig } from '../../api/cluster-config';
import { out, err } from '../io';

export interface ResetOptions { yes: boolean; nodes?: number; config?: string }

export async function reset(o: ResetOptions): Promise<void> {
  const file = path.join(kubesimHome(), 'cluster.db');
  const config = plan(o);
  if (!o.yes && process.stdin.isTTY && !(await confirm(`Reset the cluster in ${file}? [y/N] `))) {
    err('kubesim: nothing changed\n');
    process.exitCode = 1;
    return;
  }
  replace(file, config);
}

/** `kubesim create cluster`: a cluster where there is none; replacing one asks as reset does. */
export async function createCluster(o: ResetOptions): Promise<void> {
  const file = path.join(kubesimHome(), 'cluster.db');
  const config = plan(o);
  if (fs.existsSync(file) && !o.yes) {
    if (!process.stdin.isTTY) throw new CliError(`kubesim: a cluster already exists in ${file}; replace it with \`kubesim create cluster --yes ...\` or \`kubesim reset\``, 1, true);
    if (!(await confirm(`A cluster already exists in ${file}. Replace it? [y/N] `))) { err('kubesim: nothing changed\n'); process.exitCode = 1; return; }
  }
  replace(file, config);
}

function plan(o: ResetOptions): ClusterConfig | undefined {
  if (o.config && o.nodes) throw new CliError('kubesim: --nodes and --config cannot be used together (the configuration file lists the nodes)', 2, true);
  const cc = require('./cluster-config') as typeof import('./cluster-config');
  if (o.config) return cc.readClusterConfig(o.config);
  if (o.nodes) return { ...(require('../../api/cluster-config') as typeof import('../../api/cluster-config')).DEFAULTS, nodes: cc.defaultNodes(o.nodes) };
  return undefined;
}

function replace(file: string, config: ClusterConfig | undefined): void {
  for (const f of [file, file + '-wal', file + '-shm']) { try { fs.unlinkSync(f); } catch { /* absent */ } }
  const sess = require('../session') as typeof import('../session');
  sess.createWithConfig(config);
  const s = sess.session();
  const nodes = s.api.list('Node').length;
  out(`kubesim: cluster reset (${nodes} node${nodes === 1 ? '' : 's'}) in ${file}\n`);
}

/** Ask a yes/no question on the terminal (stderr, so stdout stays clean). */
export function confirm(question: string): Promise<boolean> {
  const readline = require('readline') as typeof import('readline');
  const rl = readline.createInterface({ input: process.stdin, output: process.stderr, terminal: true });
  return new Promise((resolve) => {
    let answered = false;
    rl.on('SIGINT', () => rl.close());
    rl.on('close', () => { if (!answered) { process.stderr.write('\n'); resolve(false); } });
    rl.question(question, (a) => { answered = true; rl.close(); resolve(/^y(es)?$/i.test(a.trim())); });
  });
}
