// How kubesim's own commands draw: tables with cli-table3, colour with chalk on a terminal only
// (never in a pipe); NO_COLOR turns colour off, FORCE_COLOR turns it on.
import Table from 'cli-table3';
import { Chalk, ChalkInstance } from 'chalk';

let chalkInstance: ChalkInstance | undefined;
export function colours(): ChalkInstance {
  if (chalkInstance) return chalkInstance;
  const env = process.env;
  let level: 0 | 1 | 2 | 3 = process.stdout.isTTY ? 1 : 0;
  if (env.FORCE_COLOR !== undefined) level = env.FORCE_COLOR === '0' || env.FORCE_COLOR === 'false' ? 0 : (Math.min(3, Math.max(1, Number(env.FORCE_COLOR) || 1)) as 1 | 2 | 3);
  if (env.NO_COLOR !== undefined && env.NO_COLOR !== '') level = 0;
  return (chalkInstance = new Chalk({ level }));
}

export function table(head: string[], rows: string[][]): string {
  const c = colours();
  const t = new Table({ head: head.map((h) => c.bold(h)), style: { head: [], border: [], 'padding-left': 1, 'padding-right': 1 } });
  t.push(...rows);
  return t.toString() + '\n';
}
