import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunStatus } from '@rankbias/core';

/** The run directory of run `id` under a sweep's output directory (the layout of a local sweep). */
export function sweepRunDir(outDir: string, id: string): string {
  return join(outDir, 'runs', id);
}

/** The status in a run directory's `result.json`, or undefined when it has none (yet). */
export function localStatus(dir: string): RunStatus | undefined {
  const file = join(dir, 'result.json');
  if (!existsSync(file)) return undefined;
  try {
    return (JSON.parse(readFileSync(file, 'utf8')) as { status?: RunStatus }).status;
  } catch {
    return undefined;
  }
}
