import type { SweepOutcome, SweepRun } from '@rankbias/core';
import { executeLocally } from './local-pool.js';
import { progressReporter, type SweepProgress } from './progress.js';
import { SpawnedTrainer } from './spawned-trainer.js';
import type { TrainCommand } from './train-command.js';

export { planAction } from './run-dir.js';

/**
 * How to execute a sweep's runs as a process per run.
 * @deprecated `rankbias compare` trains in long-lived workers (the `local` sweep executor).
 */
export interface RunnerOptions {
  readonly outDir: string;
  /** Maximum concurrent training processes. */
  readonly workers: number;
  /** Re-run failed runs (otherwise they are reported and left as they are). */
  readonly retry: boolean;
  readonly trainCommand: TrainCommand;
  /** Progress display; default: a bar on a TTY stderr, lines otherwise. */
  readonly progress?: SweepProgress;
  /** Aborting it acts like Ctrl-C. */
  readonly signal?: AbortSignal;
}

/** @deprecated use `SweepOutcome` from `@rankbias/core`. */
export type RunnerOutcome = SweepOutcome;

/**
 * Runs every run of the sweep that is not done yet, at most `workers` at a
 * time, each as its own `trainCommand` process writing into its run directory.
 * @deprecated the `local` sweep executor trains in long-lived worker processes; use it through `rankbias compare`.
 */
export async function executeRuns(runs: readonly SweepRun[], options: RunnerOptions): Promise<RunnerOutcome> {
  const reporter = progressReporter(options.progress ? () => options.progress! : undefined);
  try {
    return await executeLocally(runs, {
      outDir: options.outDir,
      retry: options.retry,
      signal: options.signal,
      reporter,
      slots: options.workers,
      createSlot: () => new SpawnedTrainer(options.trainCommand),
    });
  } finally {
    reporter.stop();
  }
}
