import { toPlainConfig, type ResolvedConfig } from '../../config/resolve.js';
import type { RunResult } from '../../contracts/result.js';
import { PluginRegistry } from '../../registry/registry.js';
import { createRng } from '../../rng/rng.js';
import { prepareRunDir, writeRunResult } from '../../run-dir/run-dir.js';
import type { RunDirPaths } from '../../run-dir/paths.js';
import { buildComponents, type RunComponents } from '../components.js';
import type { RunTrainingOptions } from '../context.js';
import { TrainerError } from '../errors.js';
import { disposeComponents, failedResult, saveModels } from '../run-training.js';
import { withSeededMathRandom } from '../../rng/seeded-math.js';
import { Trainer } from '../trainer.js';
import { Lockstep } from './lockstep.js';

export interface TrainBatchedOptions extends Omit<RunTrainingOptions, 'outDir' | 'resume' | 'onProgress'> {
  /** Run directory of each config (fresh: an existing run there is replaced, as without --resume). */
  readonly outDirs: readonly string[];
  /** Called after every step of run k. */
  readonly onProgress?: (k: number, step: number, totalSteps: number, values: Readonly<Record<string, number>>) => void;
}

/**
 * What must be equal for runs to train as one batch: the whole config but
 * its `seed` and `name` (so seeds stack; the data may differ per seed).
 */
export function batchKey(config: ResolvedConfig): string {
  const { seed: _seed, name: _name, ...rest } = toPlainConfig(config) as Record<string, unknown>;
  return JSON.stringify(rest);
}

/** The runs cannot train as one batch (thrown before anything is written): train them separately. */
export class NotBatchableError extends TrainerError {}

function checkBatchable(configs: readonly ResolvedConfig[], components: readonly RunComponents[]): void {
  const key = batchKey(configs[0]!);
  const other = configs.findIndex((c) => batchKey(c) !== key);
  if (other >= 0) {
    throw new NotBatchableError(
      `batched runs need configs that differ only in seed and name; config ${other} differs from config 0 elsewhere. Train them separately.`,
    );
  }
  if (!components[0]!.model.stackWith) {
    throw new NotBatchableError(
      `model "${configs[0]!.model.use}" cannot be stacked (it has no stackWith); train these runs separately`,
    );
  }
  if (components[0]!.penalties.some((p) => p.coupling === 'decoupled')) {
    throw new NotBatchableError(
      'batched runs support coupled penalties only; train runs with coupling: decoupled separately',
    );
  }
  if (components[0]!.overparam)
    throw new NotBatchableError('batched runs do not support overparam; train these runs separately');
}

/**
 * Trains K configs that differ only in seed (see `batchKey`) as one batched
 * model: their variables stacked on a leading axis, one tape and one
 * optimizer update per step for all of them. Each run keeps its own data,
 * evaluations, metrics, loggers, callbacks, checkpoints and run directory,
 * laid out as `runTraining` lays it out, with the same results to float
 * tolerance. Needs a model with `stackWith`, an element-wise optimizer
 * (Adam, SGD, ...), coupled penalties and no per-step randomness
 * (dropout). Throws `NotBatchableError`, before writing anything, when
 * the runs cannot train as one batch. Returns the K results in order.
 */
export async function trainBatched(
  configs: readonly ResolvedConfig[],
  options: TrainBatchedOptions,
): Promise<RunResult[]> {
  if (configs.length !== options.outDirs.length) {
    throw new TrainerError(`trainBatched: ${configs.length} configs but ${options.outDirs.length} run directories`);
  }
  if (!configs.length) return [];
  const components: RunComponents[] = [];
  let paths: RunDirPaths[] = [];
  const trainers: Trainer[] = [];
  let stacked: ReturnType<NonNullable<RunComponents['model']['stackWith']>> | undefined;
  let optimizer: RunComponents['optimizer'] | undefined;
  let lockstep: Lockstep | undefined;
  try {
    for (const [k, config] of configs.entries()) {
      components.push(
        await buildComponents(config, {
          container: options.container,
          backend: options.backend,
          loggers: options.loggers,
          callbacks: options.callbacks,
          outDir: options.outDirs[k]!,
        }),
      );
    }
    try {
      checkBatchable(configs, components);
    } catch (e) {
      components.forEach(disposeComponents);
      components.length = 0;
      throw e;
    }
    paths = configs.map((c, k) => prepareRunDir(options.outDirs[k]!, toPlainConfig(c), { resume: false }));
    stacked = components[0]!.model.stackWith!(components.slice(1).map((c) => c.model));
    const first = configs[0]!;
    const root = createRng(first.seed);
    optimizer = await withSeededMathRandom(root.fork('init:optimizer'), () =>
      new PluginRegistry(options.container).get('optimizer', first.optimizer.use).create(first.optimizer.options, {
        container: options.container,
        rng: root.fork('plugin:optimizer'),
        seed: first.seed,
        backend: options.backend,
      }),
    );
    const runs = components.map((c) => ({
      optimizer: c.optimizer,
      trainable: c.model.trainableVariables(),
      penalties: c.penalties,
    }));
    const step = new Lockstep(stacked, optimizer, components[0]!.dataset.task, runs);
    lockstep = step;
    components.forEach((c, k) => {
      trainers.push(
        new Trainer(c, {
          config: configs[k]!,
          backend: options.backend,
          paths: paths[k],
          onProgress: options.onProgress && ((s, total, values) => options.onProgress!(k, s, total, values)),
          stepper: step.stepper(k),
          beforeRead: () => step.sync(k),
        }),
      );
    });
    const settled = await Promise.allSettled(trainers.map((t, k) => t.run().finally(() => step.leave(k))));
    const results: RunResult[] = [];
    for (const [k, s] of settled.entries()) {
      let result: RunResult;
      if (s.status === 'fulfilled') {
        result = s.value;
        if (result.status !== 'failed') await saveModels(components[k]!, paths[k]!);
      } else {
        result = failedResult(s.reason, configs[k]!, options.backend, trainers[k]);
      }
      writeRunResult(paths[k]!.root, result);
      results.push(result);
    }
    return results;
  } catch (e) {
    paths.forEach((p, k) => writeRunResult(p.root, failedResult(e, configs[k]!, options.backend, trainers[k])));
    throw e;
  } finally {
    for (const c of components) for (const logger of c.loggers) await logger.close?.();
    components.forEach(disposeComponents);
    lockstep?.dispose();
    stacked?.dispose();
    optimizer?.dispose();
  }
}
