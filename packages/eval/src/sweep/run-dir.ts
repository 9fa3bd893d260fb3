import {
  planRunAction,
  runDirState,
  sweepRunPaths,
  type RunDirState,
  prepareSweepRunDir as corePrepareSweepRunDir,
} from '@rankbias/core';

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

/** @deprecated moved to `@rankbias/core` (`prepareSweepRunDir`); kept for one minor. */
export const prepareSweepRunDir = corePrepareSweepRunDir;
