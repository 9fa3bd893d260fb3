import { describeBackend, resolveConfig, runTraining, selectBackend, PluginRegistry, type RunResult } from '@rankbias/core';
import type { DependencyContainer } from 'tsyringe';

/** How a worker trains one run in its own process. */
export interface TrainRunOptions {
  readonly container: DependencyContainer;
  readonly runDir: string;
  readonly resume: boolean;
  /** Called after each periodic checkpoint is committed (not the final one of a finished run). */
  readonly onCheckpoint: (step: number) => Promise<void>;
  readonly onStep: (step: number, steps: number) => void;
  /** Polled after every step: true ends the run at the next checkpoint (status `stopped`). */
  readonly shouldStop: () => boolean;
  readonly say: (line: string) => void;
}

/**
 * Trains `config` (already validated) into `runDir` in this process. The callback
 * lets the event loop turn every 50 ms: BullMQ renews the job's lock on a timer, and
 * a training loop that only awaits resolved promises would starve it into a stall.
 */
export async function trainRun(config: Record<string, unknown>, options: TrainRunOptions): Promise<RunResult> {
  const resolved = resolveConfig(config, new PluginRegistry(options.container), 'job config');
  const backend = await selectBackend(resolved.backend);
  options.say(describeBackend(backend));
  let lastYield = performance.now();
  return runTraining(resolved, {
    container: options.container,
    outDir: options.runDir,
    resume: options.resume,
    backend: backend.name,
    callbacks: [
      {
        async onStepEnd(ctx) {
          if (performance.now() - lastYield > 50) {
            await new Promise<void>((resolve) => setImmediate(resolve));
            lastYield = performance.now();
          }
          options.onStep(ctx.step, ctx.totalSteps);
          if (options.shouldStop()) ctx.requestStop('interrupted (worker stopping on SIGINT/SIGTERM)');
        },
        async onCheckpoint(ctx) {
          if (ctx.step < ctx.totalSteps) await options.onCheckpoint(ctx.step);
        },
      },
    ],
  });
}
