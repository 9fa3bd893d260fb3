import { definePlugin, SWEEP_EXECUTORS, z, type SweepExecutor } from '@rankbias/core';
import { ForkedWorker } from './forked-worker.js';
import { executeLocally } from './local-pool.js';

/**
 * `local`: trains a sweep's runs on this machine in `workers` long-lived
 * worker processes, each training run after run in-process (the default
 * executor of `rankbias compare`).
 */
export const localSweepExecutor = definePlugin({
  kind: 'sweep-executor',
  name: SWEEP_EXECUTORS.local,
  description: 'train the runs of a sweep in long-lived worker processes on this machine',
  options: z.looseObject({
    workers: z.number().int().positive().default(1),
    cwd: z.string().default(() => process.cwd()),
    pluginPaths: z.array(z.string()).default([]),
  }),
  create: (options): SweepExecutor => ({
    execute: (runs, execute) =>
      executeLocally(runs, {
        ...execute,
        slots: options.workers,
        createSlot: () => new ForkedWorker({ cwd: options.cwd, pluginPaths: options.pluginPaths }),
      }),
  }),
});
