import {
  planRunAction,
  runDirState,
  sweepRunPaths,
  writeTextAtomic,
  type RunDirState,
  type SweepRun,
  type SweepRunPaths,
  ensureDir,
} from '@rankbias/core';
import { canonicalJson } from './hash.js';

/**
 * A run's state, as core's `runDirState` tells it.
 * @deprecated use `RunDirState` from `@rankbias/core`.
 */
export type RunState = RunDirState;

/**
 * @deprecated use `runDirState` from `@rankbias/core`.
 */
export const runState = runDirState;

/**
 * @deprecated use `planRunAction` from `@rankbias/core`.
 */
export const planAction = planRunAction;

/** The run directory of `run` under a sweep's output directory (`<outDir>/runs/<id>`). */
export function runDirOf(outDir: string, run: { id: string }): string {
  return sweepRunPaths(outDir, run.id).root;
}

/**
 * Creates the run directory and writes the sweep's metadata and the config
 * to train, each atomically (a kill leaves the old file or the new one).
 */
export function prepareSweepRunDir(outDir: string, run: SweepRun): SweepRunPaths {
  const paths = sweepRunPaths(outDir, run.id);
  ensureDir(paths.root);
  const meta = { id: run.id, group: run.group, label: run.label, seed: run.seed, params: run.params };
  writeTextAtomic(paths.sweepRun, JSON.stringify(JSON.parse(canonicalJson(meta)), null, 2) + '\n');
  writeTextAtomic(paths.trainConfig, JSON.stringify(run.config, null, 2) + '\n');
  return paths;
}
