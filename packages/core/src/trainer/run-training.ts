import { existsSync } from 'node:fs';
import * as tf from '@tensorflow/tfjs-core';
import type { RunResult } from '../contracts/result.js';
import { toPlainConfig, type ResolvedConfig } from '../config/resolve.js';
import { saveModelToDir, saveWeightsToDir } from '../io/model-dir.js';
import { truncateMetrics } from '../run-dir/metrics-file.js';
import type { RunDirPaths } from '../run-dir/paths.js';
import { prepareRunDir, readRunResult, writeRunResult } from '../run-dir/run-dir.js';
import { configHash } from './content-hash.js';
import { hasCheckpoint, loadCheckpoint, type CheckpointContents } from './checkpoint.js';
import { buildComponents, type RunComponents } from './components.js';
import type { RunTrainingOptions } from './context.js';
import { TrainerError } from './errors.js';
import { Trainer, type TrainerResult } from './trainer.js';

/**
 * Trains `config` end to end: prepares the run directory (`config.json`),
 * builds every plugin from `options.container`, runs the seeded loop with
 * evaluations, logging, callbacks and checkpoints, saves the trained model
 * (and the collapsed one after over-parameterization) and writes
 * `result.json`.
 *
 * With `resume: true` it continues the run in `outDir` from
 * `checkpoints/latest` and reaches the same final metrics as an
 * uninterrupted run on the same backend. A NaN/Inf loss term ends the run
 * with status `failed` (returned, not thrown); other errors during training
 * are recorded in `result.json` and thrown.
 */
export async function runTraining(config: ResolvedConfig, options: RunTrainingOptions): Promise<RunResult> {
  if (options.resume && !options.outDir) {
    throw new TrainerError(
      'resume needs the run directory to continue: pass --out DIR (outDir) together with --resume',
    );
  }
  const plain = toPlainConfig(config);
  const paths = options.outDir ? prepareRunDir(options.outDir, plain, { resume: Boolean(options.resume) }) : undefined;
  let checkpoint: CheckpointContents | undefined;
  if (options.resume && paths) {
    if (!hasCheckpoint(paths.latestCheckpoint)) {
      throw new TrainerError(
        `cannot resume ${paths.root}: it holds no checkpoint yet (the run ended before its first one). Run it again without --resume.`,
      );
    }
    checkpoint = loadCheckpoint(paths.latestCheckpoint, { configHash: configHash(plain), backend: options.backend });
    if (checkpoint.state.finished && existsSync(paths.result)) {
      checkpoint.variables.forEach((v) => v.tensor.dispose());
      checkpoint.optimizer.forEach((v) => v.tensor.dispose());
      return readRunResult(paths.root);
    }
    truncateMetrics(paths.metrics, checkpoint.state.records);
  }

  let components: RunComponents | undefined;
  let trainer: Trainer | undefined;
  try {
    components = await buildComponents(config, options);
    trainer = new Trainer(components, { config, backend: options.backend, paths, onProgress: options.onProgress });
    if (checkpoint) await trainer.restore(checkpoint);
    const result = await trainer.run();
    if (paths && config.train.saveModel !== false && result.status !== 'failed' && !checkpoint?.state.finished) {
      await saveModels(components, paths);
    }
    if (paths) writeRunResult(paths.root, result);
    return result;
  } catch (e) {
    if (paths) writeRunResult(paths.root, failedResult(e, config, options.backend, trainer));
    throw e;
  } finally {
    for (const logger of components?.loggers ?? []) await logger.close?.();
    disposeComponents(components);
  }
}

/** The result recorded when training throws. */
export function failedResult(e: unknown, config: ResolvedConfig, backend: string, trainer?: Trainer): TrainerResult {
  const step = trainer ? trainer.currentStep + 1 : undefined;
  return {
    status: 'failed',
    steps: trainer?.currentStep ?? 0,
    final: {},
    best: {},
    error: { message: e instanceof Error ? e.message : String(e), ...(step !== undefined ? { step } : {}) },
    backend,
    seed: config.seed,
    wallSeconds: 0,
  };
}

/**
 * Saves the trained layers model to `model/` and, after over-parameterization,
 * the collapsed one to `model-collapsed/`; a model that is not a layers model
 * saves its weights and effective weights (`saveWeightsToDir`).
 */
export async function saveModels(components: RunComponents, paths: RunDirPaths): Promise<void> {
  const layers = components.model.layersModel;
  if (!layers) {
    const effective = components.model.effectiveWeights?.() ?? [];
    try {
      const variables = components.model.variables().map((v) => ({ name: v.name, tensor: v.variable as tf.Tensor }));
      await saveWeightsToDir([...variables, ...effective], paths.model);
    } finally {
      tf.dispose(effective.map((w) => w.tensor));
    }
    return;
  }
  await saveModelToDir(layers, paths.model);
  if (components.overparam) {
    const collapsed = components.overparam.collapse(layers);
    try {
      await saveModelToDir(collapsed, paths.modelCollapsed);
    } finally {
      if (collapsed !== layers) collapsed.dispose();
    }
  }
}

/** Disposes a run's model(s), optimizer and dataset, tolerating ones already disposed. */
export function disposeComponents(c: RunComponents | undefined): void {
  if (!c) return;
  const attempt = (f: () => void) => {
    try {
      f();
    } catch {
      // already disposed (e.g. layers shared between the base and the expanded model)
    }
  };
  attempt(() => c.model.dispose());
  if (c.baseModel) attempt(() => c.baseModel!.dispose());
  attempt(() => c.optimizer.dispose());
  attempt(() => c.dataset.dispose?.());
}
