// kubesim status: where the cluster lives and how big the file is, its nodes (Ready or not), pods
// by phase, services by type, whether `kubesim serve` is running and where, the snapshots.
import * as fs from 'fs';
import * as path from 'path';
import { kubesimHome } from '../../store/db';
import { out } from '../io';
import { listSnapshots } from '../../store/snapshot';
import { humanSize } from './snapshot';
import { colours, table } from './report';

export async function status(): Promise<void> {
  const home = kubesimHome();
  const file = path.join(home, 'cluster.db');
  const c = colours();
  if (!fs.existsSync(file)) {
    out(`Cluster:    none yet in ${file} (the first kubectl command creates it, or \`kubesim create cluster\`)\n`);
    return;
  }
  const s = (require('../session') as typeof import('../session')).session();
  s.catchUp();
  const size = ['', '-wal'].reduce((n, x) => { try { return n + fs.statSync(file + x).size; } catch { return n; } }, 0);
  const created = s.store.meta('bootstrapped');
  const lines: string[] = [];
  lines.push(`${c.bold('Cluster:')}    ${file} (${humanSize(size)}${created ? `, created ${created.replace('T', ' ').replace(/\.\d+Z$/, ' UTC')}` : ''})`);
  const server = serverStatus(home);
  lines.push(`${c.bold('API server:')} ${server ? c.green(`running at ${server.url} (pid ${server.pid})`) : 'not running (start it with `kubesim serve`)'}`);

  const nodes = s.api.list('Node');
  const perNode = s.store.podCountsByNode();
  const ready = (n: any) => (n.status?.conditions ?? []).find((x: any) => x.type === 'Ready')?.status === 'True';
  const nodeRows = nodes.map((n) => {
    const roles = Object.keys(n.metadata.labels ?? {}).filter((k) => k.startsWith('node-role.kubernetes.io/')).map((k) => k.slice(24)).join(',') || '<none>';
    const st = ready(n) ? c.green('Ready') : c.red('NotReady');
    return [n.metadata.name, st + (n.spec?.unschedulable ? ',SchedulingDisabled' : ''), roles, String(perNode.get(n.metadata.name) ?? 0)];
  });
  lines.push('', `${c.bold('Nodes:')} ${nodes.length} (${nodes.filter(ready).length} Ready)`);
  out(lines.join('\n') + '\n');
  out(table(['NAME', 'STATUS', 'ROLES', 'PODS'], nodeRows));

  const phases = new Map<string, number>();
  for (const j of s.store.listJson('Pod', undefined, true)) {
    const p = JSON.parse(j);
    const phase = p.metadata?.deletionTimestamp ? 'Terminating' : p.status?.phase ?? 'Pending';
    phases.set(phase, (phases.get(phase) ?? 0) + 1);
  }
  const types = new Map<string, number>();
  for (const svc of s.api.list('Service')) types.set(svc.spec?.type ?? 'ClusterIP', (types.get(svc.spec?.type ?? 'ClusterIP') ?? 0) + 1);
  const count = (m: Map<string, number>) => [...m].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k, v]) => `${v} ${k}`).join(', ') || 'none';
  const snaps = listSnapshots(s.store, home);
  out([
    `${c.bold('Pods:')}       ${count(phases)}`,
    `${c.bold('Services:')}   ${count(types)}`,
    `${c.bold('Snapshots:')}  ${snaps.length ? snaps.map((x) => x.name).join(', ') : 'none'}`,
  ].join('\n') + '\n');
}

/** The running `kubesim serve` of this home, from the pid file it keeps while it runs
 *  (src/apiserver/serve.ts: the pid, then the URL). */
export function serverStatus(home: string): { pid: number; url: string } | undefined {
  try {
    const [pidText, url = ''] = fs.readFileSync(path.join(home, 'serve.pid'), 'utf8').split('\n');
    const pid = Number(pidText);
    if (!(pid > 0)) return undefined;
    try { process.kill(pid, 0); } catch (e: any) { if (e?.code !== 'EPERM') return undefined; }
    return { pid, url };
  } catch { return undefined; }
}
