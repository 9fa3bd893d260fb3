import { definePlugin, SWEEP_EXECUTORS, z, type SweepExecutor } from '@rankbias/core';
import { queueUrlFrom } from './connection.js';
import { lineReporter } from './coordinator/line-reporter.js';
import { runSweepOnQueue } from './coordinator/run-on-queue.js';

/** `queue`: what `rankbias compare --queue URL` (or RANKBIAS_QUEUE) trains a sweep with. */
export const queueSweepExecutor = definePlugin({
  kind: 'sweep-executor',
  name: SWEEP_EXECUTORS.queue,
  description: 'train the runs of a sweep on `rankbias worker` processes anywhere, through a Redis queue (BullMQ)',
  options: z.looseObject({ url: z.string().optional() }),
  create: (options): SweepExecutor => ({
    execute: (runs, { outDir, retry, signal, reporter }) =>
      runSweepOnQueue(runs, {
        url: queueUrlFrom(options.url),
        outDir,
        retry,
        signal,
        reporter: reporter ?? lineReporter((l) => process.stderr.write(`${l}\n`)),
      }),
  }),
});
