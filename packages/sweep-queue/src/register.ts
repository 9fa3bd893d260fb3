import { definePluginPackage, type AnyPluginFactory } from '@rankbias/core';
import { queueCommand } from './commands/queue.js';
import { workerCommand } from './commands/worker.js';
import { queueSweepExecutor } from './executor.js';

/** Every plugin factory of @rankbias/sweep-queue: the `worker` and `queue` commands and the `queue` sweep executor. */
export const sweepQueuePlugins: readonly AnyPluginFactory[] = [workerCommand, queueCommand, queueSweepExecutor];

/** Registers `rankbias worker`, `rankbias queue` and the `queue` sweep executor in `container`. */
export const { register } = definePluginPackage(new URL('../package.json', import.meta.url), sweepQueuePlugins);
