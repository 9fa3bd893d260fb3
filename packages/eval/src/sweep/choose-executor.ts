import type { DependencyContainer } from 'tsyringe';
import {
  CliUsageError,
  createRng,
  PluginRegistry,
  SWEEP_EXECUTORS,
  type SweepExecutor,
  type SweepExecutorSettings,
} from '@rankbias/core';

/** The queue URL `compare` was given: `--queue`, else `RANKBIAS_QUEUE`, else none (local). */
export function queueUrlOf(option: string | undefined, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const url = option ?? env.RANKBIAS_QUEUE;
  return url && url.trim() ? url.trim() : undefined;
}

/**
 * Creates the executor `compare` trains with: `queue` when a queue URL is
 * given, `local` otherwise. A missing executor is bad input (exit 2) naming
 * the package to install.
 */
export async function createSweepExecutor(
  container: DependencyContainer,
  settings: SweepExecutorSettings,
): Promise<SweepExecutor> {
  const name = settings.url ? SWEEP_EXECUTORS.queue : SWEEP_EXECUTORS.local;
  const registry = new PluginRegistry(container);
  if (!registry.has('sweep-executor', name)) {
    throw new CliUsageError(
      name === SWEEP_EXECUTORS.queue
        ? `--queue (or RANKBIAS_QUEUE) needs the "queue" sweep executor, which is not installed: npm install ${SWEEP_EXECUTORS.queuePackage}`
        : `no "local" sweep executor is registered; reinstall @rankbias/eval`,
    );
  }
  return registry.create('sweep-executor', name, settings, {
    container,
    rng: createRng(`sweep-executor:${name}`),
    seed: 0,
    backend: 'none',
  });
}
