import { definePlugin, SWEEP_EXECUTORS, z, type SweepExecutor } from '@rankbias/core';
import { executeRuns } from './runner.js';
import { defaultTrainCommand } from './train-command.js';

/** `local`: trains a sweep's runs in worker processes on this machine (the default of `rankbias compare`). */
export const localSweepExecutor = definePlugin({
  kind: 'sweep-executor',
  name: SWEEP_EXECUTORS.local,
  description: 'train the runs of a sweep in worker processes on this machine',
  options: z.looseObject({ workers: z.number().int().positive().default(1) }),
  create: (options): SweepExecutor => ({
    execute: (runs, { outDir, retry, signal }) =>
      executeRuns(runs, { outDir, retry, signal, workers: options.workers, trainCommand: defaultTrainCommand() }),
  }),
});
