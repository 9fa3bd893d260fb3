import type { DependencyContainer } from 'tsyringe';
import { registerPlugin, type AnyPluginFactory } from '@rankbias/core';
import { queueCommand } from './commands/queue.js';
import { workerCommand } from './commands/worker.js';

/** Every plugin factory of @rankbias/sweep-queue: the `worker` and `queue` commands. */
export const sweepQueuePlugins: readonly AnyPluginFactory[] = [workerCommand, queueCommand];

/** Registers `rankbias worker` and `rankbias queue` in `container`. */
export function register(container: DependencyContainer): void {
  for (const factory of sweepQueuePlugins) registerPlugin(container, factory);
}
