// kubectl config view with -o: clusters, contexts and users sorted by name (clientcmd keeps them
// in maps), token and password REDACTED unless --raw or --flatten, -o name is config/<unknown>,
// no table formats, and a template error shows the raw data in Go struct order. Goldens recorded
// with the real kubectl (through the oracle, --kubeconfig of the same config) after the same
// set-cluster/set-credentials/set-context commands.
import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import * as fs from 'fs';
import * as path from 'path';
import { cluster, Cluster } from './helpers/kubectl';

let c: Cluster;
before(() => {
  c = cluster();
  for (const args of [
    ['config', 'set-cluster', 'prod', '--server=https://10.0.0.1:6443'],
    ['config', 'set-credentials', 'admin', '--token=s3cr3t'],
    ['config', 'set-context', 'prod-admin', '--cluster=prod', '--user=admin', '--namespace=web'],
    ['config', 'set-credentials', 'basic', '--username=bob', '--password=pw'],
    ['config', 'set-cluster', 'aaa', '--server=https://1.2.3.4'],
    ['config', 'set-context', 'zzz', '--cluster=aaa', '--user=basic'],
  ]) assert.equal(c.k(...args).code, 0, args.join(' '));
});
after(() => c.cleanup());

interface Case { args: string[]; stdout: string; stderr: string; exit: number }
const cases: Case[] = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'test', 'golden', 'templates-fuzz', 'config-view-cases.json'), 'utf8'));

for (const tc of cases) {
  test(`kubectl ${tc.args.join(' ')}`, () => {
    const r = c.k(...tc.args);
    assert.deepEqual({ stdout: r.stdout, stderr: r.stderr, exit: r.code }, { stdout: tc.stdout, stderr: tc.stderr, exit: tc.exit });
  });
}
