// -k DIR for the verbs that read manifests (apply, create, get, delete, describe, replace, ...):
// the kustomization built as `kubectl kustomize DIR` builds it, visited like the documents of a
// file named DIR.
import { CliError } from '../../api/types';
import type { Visit } from '../manifests';

export function buildOrError(dir: string, opts: { reorder?: string } = {}): { objects: any[]; warnings: string[] } {
  const { build, KustomizeError } = require('./build') as typeof import('./build');
  try {
    return build(dir, opts);
  } catch (e: any) {
    if (e instanceof KustomizeError) {
      const { err } = require('../io');
      for (const w of (e as any).warnings ?? []) err(w + '\n');
      throw new CliError(e.message);
    }
    throw e;
  }
}

export function* visitKustomization(dir: string): Generator<Visit> {
  const { objects, warnings } = buildOrError(dir);
  const { err } = require('../io');
  for (const w of warnings) err(w + '\n');
  const { toYamlStream } = require('./build') as typeof import('./build');
  const { visitStream } = require('../manifests') as typeof import('../manifests');
  yield* visitStream(toYamlStream(objects), dir);
}
