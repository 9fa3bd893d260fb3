import type { DependencyContainer } from 'tsyringe';
import { registerPlugin, type AnyPluginFactory } from '@rankbias/core';
import { queueCommand } from './commands/queue.js';
import { workerCommand } from './commands/worker.js';
import { queueSweepExecutor } from './executor.js';

/** Every plugin factory of @rankbias/sweep-queue: the `worker` and `queue` commands and the `queue` sweep executor. */
export const sweepQueuePlugins: readonly AnyPluginFactory[] = [workerCommand, queueCommand, queueSweepExecutor];

/** Registers `rankbias worker`, `rankbias queue` and the `queue` sweep executor in `container`. */
export function register(container: DependencyContainer): void {
  for (const factory of sweepQueuePlugins) registerPlugin(container, factory);
}
