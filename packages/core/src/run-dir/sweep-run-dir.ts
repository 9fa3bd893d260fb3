import { ensureDir } from '../io/ensure-dir.js';
import { canonicalJson } from '../io/canonical-json.js';
import type { SweepRun } from '../contracts/sweep-executor.js';
import { writeTextAtomic } from './run-dir.js';
import { sweepRunPaths, type SweepRunPaths } from './sweep-run-paths.js';

/**
 * Creates sweep run `run`'s directory under `outDir` and writes the sweep's files
 * for it, `sweep-run.json` (id, group, label, seed, params; sorted keys) and
 * `train-config.json`, each atomically. Every sweep executor (local, queue) writes
 * them through here, so their run directories are byte-identical. A failed
 * attempt's `result.json` stays until the next attempt replaces it.
 */
export function prepareSweepRunDir(outDir: string, run: SweepRun): SweepRunPaths {
  const paths = sweepRunPaths(outDir, run.id);
  ensureDir(paths.root);
  const meta = { id: run.id, group: run.group, label: run.label, seed: run.seed, params: run.params };
  writeTextAtomic(paths.sweepRun, `${canonicalJson(meta, 2)}\n`);
  writeTextAtomic(paths.trainConfig, `${JSON.stringify(run.config, null, 2)}\n`);
  return paths;
}
