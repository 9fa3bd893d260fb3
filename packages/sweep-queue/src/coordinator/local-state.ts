import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { RunResult } from '@rankbias/core';
import type { QueueRun } from './types.js';

/** The run directory of run `id` under a sweep's output directory (the layout of a local sweep). */
export function sweepRunDir(outDir: string, id: string): string {
  return join(outDir, 'runs', id);
}

/** A run directory's `result.json`, or undefined when it has none (yet) or it is unreadable. */
export function localResult(dir: string): (RunResult & { stopReason?: string }) | undefined {
  const file = join(dir, 'result.json');
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as RunResult & { stopReason?: string };
  } catch {
    return undefined;
  }
}

/** True for a result that ends the run: completed, failed, or stopped by a callback (not by an interrupt). */
export function isFinal(result: (RunResult & { stopReason?: string }) | undefined): boolean {
  return result !== undefined && !(result.status === 'stopped' && (result.stopReason ?? '').startsWith('interrupted'));
}

/** JSON with sorted keys, two-space indented: the files a local sweep writes, byte for byte. */
function stableJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(Object.keys(v).sort().filter((k) => (v as Record<string, unknown>)[k] !== undefined).map((k) => [k, sort((v as Record<string, unknown>)[k])]))
        : v;
  return JSON.stringify(sort(value), null, 2) + '\n';
}

/** Creates the run directory with the sweep's files (`sweep-run.json`, `train-config.json`), as a local sweep does. */
export function prepareRunDir(dir: string, run: QueueRun, forgetFailure: boolean): void {
  mkdirSync(dir, { recursive: true });
  if (forgetFailure) rmSync(join(dir, 'result.json'), { force: true });
  writeFileSync(join(dir, 'sweep-run.json'), stableJson({ id: run.id, group: run.group, label: run.label, seed: run.seed, params: run.params }));
  writeFileSync(join(dir, 'train-config.json'), JSON.stringify(run.config, null, 2) + '\n');
}
