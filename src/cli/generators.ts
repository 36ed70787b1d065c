// `kubectl create <generator>`: the typed objects kubectl builds client-side, field for field.
import { CliError, KObject } from '../api/types';
import type { FlagDef, Parsed } from './flags';
import { randomSuffix } from '../api/names';

export interface Generator {
  canonical?: string;
  flags: FlagDef[];
  namespaced?: boolean;
  /** `create deployment` wraps server errors: `error: failed to create deployment: ...` */
  wrapError?: string;
  build(p: Parsed, ctx: { namespace?: string; cmdPath: string }): KObject;
}

/** klog's line for a missing required flag (cobra's error surfaced through klog.Fatal). */
export function requiredFlagError(names: string[]): CliError {
  const d = new Date();
  const p2 = (n: number) => String(n).padStart(2, '0');
  const ts = `${p2(d.getMonth() + 1)}${p2(d.getDate())} ${p2(d.getHours())}:${p2(d.getMinutes())}:${p2(d.getSeconds())}.${String(d.getMilliseconds() * 1000).padStart(6, '0')}`;
  const list = names.map((n) => `\\"${n}\\"`).join(' ');
  return new CliError(`E${ts} ${String(process.pid).padStart(7, ' ')} run.go:72] "command failed" err="required flag(s) ${list} not set"`, 1, true);
}

export function exactlyOneName(p: Parsed, cmdPath: string): string {
  if (p.args.length !== 1) {
    throw new CliError(`error: exactly one NAME is required, got ${p.args.length}\nSee '${cmdPath} -h' for help and examples`, 1, true);
  }
  return p.args[0];
}

/** Container name from an image reference, as `create deployment` derives it. */
export function containerNameFromImage(image: string): string {
  let name = image.split('/').pop()!;
  if (name.includes(':')) name = name.split(':')[0];
  if (name.includes('@')) name = name.split('@')[0];
  if (name.includes('_') || name.includes('.')) name = name.replace(/[_.]/g, '-') + '-' + randomSuffix();
  return name;
}

const meta = (name: string, ns: string | undefined, labels?: Record<string, string>) => ({
  name, ...(ns ? { namespace: ns } : {}), creationTimestamp: null, ...(labels ? { labels } : {}),
});

export const GENERATORS: Record<string, Generator> = {
  deployment: {
    flags: [
      { name: 'image', type: 'stringSlice', default: [] },
      { name: 'replicas', short: 'r', type: 'int', default: 1 },
      { name: 'port', type: 'int', default: -1 },
    ],
    wrapError: 'failed to create deployment',
    build(p, ctx) {
      const name = exactlyOneName(p, ctx.cmdPath);
      const images: string[] = p.flags.image;
      if (!images.length) throw requiredFlagError(['image']);
      const command = p.dashAt >= 0 ? p.dashArgs : [];
      if (images.length > 1 && command.length) throw new CliError('cannot specify multiple --image options and command');
      const labels = { app: name };
      const containers = images.map((image, i) => ({
        name: containerNameFromImage(image), image,
        ...(i === 0 && command.length ? { command } : {}),
        ...(i === 0 && p.flags.port >= 0 ? { ports: [{ containerPort: p.flags.port }] } : {}),
        resources: {},
      }));
      return {
        apiVersion: 'apps/v1', kind: 'Deployment',
        metadata: meta(name, ctx.namespace, labels) as any,
        spec: {
          replicas: p.flags.replicas,
          selector: { matchLabels: labels },
          template: { metadata: { creationTimestamp: null, labels }, spec: { containers } },
          strategy: {},
        },
        status: {},
      };
    },
  },
  namespace: {
    flags: [],
    namespaced: false,
    build(p, ctx) {
      const name = exactlyOneName(p, ctx.cmdPath);
      return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, creationTimestamp: null } as any, spec: {}, status: {} };
    },
  },
};
GENERATORS.deploy = { ...GENERATORS.deployment, canonical: 'deployment' };
GENERATORS.ns = { ...GENERATORS.namespace, canonical: 'namespace' };
