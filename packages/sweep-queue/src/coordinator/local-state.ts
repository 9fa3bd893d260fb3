import { writeFileSync } from 'node:fs';
import { sweepRunPaths, tryReadRunResult, wasInterrupted, type SweepRun, ensureDir } from '@rankbias/core';

/** True when the run directory holds a result that ends the run (not one of an interrupted attempt). */
export function hasFinalResult(dir: string): boolean {
  const result = tryReadRunResult(dir);
  return result !== undefined && !wasInterrupted(result);
}

/** JSON with sorted keys, two-space indented: `sweep-run.json` as a local sweep writes it, byte for byte. */
function sortedJson(value: unknown): string {
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v !== null && typeof v === 'object'
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .filter((k) => (v as Record<string, unknown>)[k] !== undefined)
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sort(value), null, 2) + '\n';
}

/**
 * Creates run `run`'s directory with the sweep's files (`sweep-run.json`, `train-config.json`), as a
 * local sweep does. A failed attempt's result.json stays until the new one replaces it: it is what
 * tells a worker writing in place to start a retried run afresh rather than resume it.
 */
export function prepareRunDir(outDir: string, run: SweepRun): void {
  const paths = sweepRunPaths(outDir, run.id);
  ensureDir(paths.root);
  writeFileSync(
    paths.sweepRun,
    sortedJson({ id: run.id, group: run.group, label: run.label, seed: run.seed, params: run.params }),
  );
  writeFileSync(paths.trainConfig, JSON.stringify(run.config, null, 2) + '\n');
}
