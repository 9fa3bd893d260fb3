import {
  readCheckpointState,
  runDirPaths,
  runDirState,
  trainRunInDir,
  type BackendChoice,
  type TrainedRun,
} from '@rankbias/core';
import type { DependencyContainer } from 'tsyringe';

/** How a worker trains one run in its own process. */
export interface TrainRunOptions {
  readonly container: DependencyContainer;
  readonly backend?: BackendChoice;
  /** Called after each periodic checkpoint is committed (not the final one of a finished run). */
  readonly onCheckpoint: () => Promise<void>;
  readonly onStep: (step: number, steps: number) => void;
  /** Aborting it ends the run after the step in progress, with a checkpoint (the worker is stopping). */
  readonly signal: AbortSignal;
  readonly say: (line: string) => void;
  readonly source: string;
}

/** The step of the run directory's checkpoint when it holds a resumable run, else 0 (train from scratch). */
export function resumableStep(runDir: string): number {
  if (runDirState(runDir) !== 'resumable') return 0;
  return readCheckpointState(runDirPaths(runDir).latestCheckpoint)?.step ?? 0;
}

/**
 * Trains the job's config into `runDir` in this process (core's `trainRunInDir`, as
 * `rankbias train` does), resuming from the directory's checkpoint when it has one.
 * The abort signal's callback also yields to the event loop, which BullMQ's lock
 * renewal timer needs while a run trains.
 */
export function trainRun(
  config: Readonly<Record<string, unknown>>,
  runDir: string,
  options: TrainRunOptions,
): Promise<TrainedRun> {
  return trainRunInDir(config, runDir, {
    container: options.container,
    backend: options.backend,
    resume: resumableStep(runDir) > 0,
    signal: options.signal,
    say: options.say,
    source: options.source,
    onProgress: options.onStep,
    callbacks: [
      {
        async onCheckpoint(ctx) {
          if (ctx.step < ctx.totalSteps) await options.onCheckpoint();
        },
      },
    ],
  });
}
