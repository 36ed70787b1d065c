// kubesim reset: wipe the state back to a freshly bootstrapped cluster.
import * as fs from 'fs';
import * as path from 'path';
import { kubesimHome } from '../store/db';
import { out } from './io';
import { session } from './session';

export function run(): number {
  const file = path.join(kubesimHome(), 'cluster.db');
  for (const f of [file, file + '-wal', file + '-shm']) { try { fs.unlinkSync(f); } catch { /* absent */ } }
  const s = session();
  const nodes = s.api.list('Node').length;
  out(`kubesim: cluster reset (${nodes} node${nodes === 1 ? '' : 's'}) in ${file}\n`);
  return 0;
}
