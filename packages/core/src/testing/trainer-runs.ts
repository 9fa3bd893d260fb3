import { container as rootContainer, type DependencyContainer } from 'tsyringe';
import type { LogRecord, Logger } from '../contracts/logger.js';
import type { PluginFactory } from '../contracts/plugin.js';
import type { RunResult } from '../contracts/result.js';
import { resolveConfig } from '../config/resolve.js';
import { PluginRegistry, registerPlugin } from '../registry/registry.js';
import { runTraining } from '../trainer/run-training.js';
import { conformanceFixtures } from './conformance-plugins.js';

/** A child container holding the conformance fixtures and `factory`. */
export function conformanceContainer(factory: PluginFactory<'penalty', any>): DependencyContainer {
  const container = rootContainer.createChildContainer();
  for (const f of conformanceFixtures) registerPlugin(container, f);
  registerPlugin(container, factory);
  return container;
}

/** A raw config training the conformance MLP on the conformance data with `penalties`. */
export function conformanceConfig(penalties: readonly Record<string, unknown>[], steps = 4): Record<string, unknown> {
  return {
    name: 'penalty-conformance',
    seed: 3,
    backend: 'cpu',
    data: { use: 'conformance-regression' },
    model: { use: 'conformance-mlp' },
    optimizer: { use: 'conformance-sgd', lr: 0.05 },
    penalties,
    loggers: [],
    train: { steps, batchSize: 8, logEvery: 1, evalEvery: 0, evalSplits: ['train'] },
  };
}

/** Runs a config through the real trainer (no run directory) and returns its result and every train record. */
export async function trainWithRecords(
  container: DependencyContainer,
  raw: Record<string, unknown>,
  backend: string,
): Promise<{ result: RunResult; records: LogRecord[] }> {
  const config = resolveConfig(raw, new PluginRegistry(container));
  const records: LogRecord[] = [];
  const logger: Logger = { log: (r) => void (r.kind === 'train' && records.push(r)) };
  const result = await runTraining(config, { container, backend, loggers: [logger] });
  return { result, records };
}
