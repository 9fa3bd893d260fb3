import type * as tf from '@tensorflow/tfjs-core';
import type { LayersModel } from '@tensorflow/tfjs-layers';
import type { Callback } from '../contracts/callback.js';
import type { Dataset, DatasetInfo } from '../contracts/dataset.js';
import type { Logger } from '../contracts/logger.js';
import type { Metric } from '../contracts/metric.js';
import type { TrainableModel } from '../contracts/model.js';
import type { Overparameterizer } from '../contracts/overparam.js';
import type { PluginContext } from '../contracts/plugin.js';
import type { ResolvedConfig, ResolvedPluginRef } from '../config/resolve.js';
import { fromLayersModel } from '../models/from-layers-model.js';
import { PluginRegistry } from '../registry/registry.js';
import { createRng, type Rng } from '../rng/rng.js';
import type { PluginKind } from '../tokens.js';
import { ConsoleProgressLogger } from '../loggers/console-logger.js';
import { JsonlLogger } from '../loggers/jsonl-logger.js';
import { runDirPaths } from '../run-dir/paths.js';
import type { ModelBuildContext } from '../contracts/model-build-context.js';
import type { RunTrainingOptions } from './context.js';
import { TrainerError } from './errors.js';
import { assertDecoupledSupport, penaltyLabels, selectPenaltyWeights, type PenaltyTerm } from './penalty-terms.js';
import { withSeededMathRandom } from '../rng/seeded-math.js';

export interface ScheduledMetric {
  readonly metric: Metric;
  /** Compute every N steps; undefined = at every evaluation. */
  readonly every?: number;
}

/** Everything a run is made of, created from the config. */
export interface RunComponents {
  readonly root: Rng;
  readonly dataset: Dataset;
  /** The model trained (the expanded one with an over-parameterization plugin). */
  readonly model: TrainableModel;
  /** The model before expansion, when one took place. */
  readonly baseModel?: TrainableModel;
  readonly overparam?: Overparameterizer;
  readonly optimizer: tf.Optimizer;
  readonly penalties: readonly PenaltyTerm[];
  readonly metrics: readonly ScheduledMetric[];
  readonly callbacks: readonly Callback[];
  readonly loggers: readonly Logger[];
  /** Every generator handed to a plugin, by label: their states go into checkpoints. */
  readonly rngs: ReadonlyMap<string, Rng>;
}

/** The loggers used when a config names none: metrics.jsonl (with a run directory) and the console. */
export function defaultLoggers(outDir: string | undefined): Logger[] {
  const console = new ConsoleProgressLogger();
  return outDir ? [new JsonlLogger(runDirPaths(outDir).metrics), console] : [console];
}

/**
 * Creates the dataset, model (expanded when configured), optimizer,
 * penalties, metrics, callbacks and loggers of `config` from the registry.
 * Each plugin gets its own generator `root.fork('plugin:<label>')`, and its
 * factory runs with `Math.random` seeded from `root.fork('init:<label>')`,
 * so initialisers are reproducible.
 */
export async function buildComponents(config: ResolvedConfig, options: RunTrainingOptions): Promise<RunComponents> {
  const registry = new PluginRegistry(options.container);
  const root = createRng(config.seed);
  const rngs = new Map<string, Rng>();
  const context = (label: string): PluginContext => {
    const rng = root.fork(`plugin:${label}`);
    rngs.set(label, rng);
    return { container: options.container, rng, seed: config.seed, backend: options.backend, runDir: options.outDir };
  };
  const create = async <K extends PluginKind>(
    kind: K,
    ref: ResolvedPluginRef,
    label: string,
    ctx: PluginContext = context(label),
  ) => {
    const factory = registry.get(kind, ref.use);
    return await withSeededMathRandom(root.fork(`init:${label}`), () => factory.create(ref.options, ctx));
  };

  const dataset = await create('dataset', config.data, 'data');
  const info: DatasetInfo = {
    task: dataset.task,
    inputShape: dataset.inputShape,
    outputSize: dataset.outputSize,
    ...(dataset.inputDtype ? { inputDtype: dataset.inputDtype } : {}),
  };
  const modelCtx: ModelBuildContext = { ...context('model'), dataset: info };
  let model = await create('model', config.model, 'model', modelCtx);
  let baseModel: TrainableModel | undefined;
  let overparam: Overparameterizer | undefined;
  if (config.overparam) {
    overparam = await create('overparam', config.overparam, 'overparam');
    if (!model.layersModel) {
      throw new TrainerError(
        `overparam "${config.overparam.use}" expands tfjs-layers models, but model "${config.model.use}" is not one (it has no layersModel); remove overparam or use a layers-based model`,
      );
    }
    const base = model.layersModel;
    const expanded = (await withSeededMathRandom(root.fork('init:overparam:expand'), () =>
      overparam!.expand(base),
    )) as LayersModel;
    baseModel = model;
    const op = overparam;
    model = fromLayersModel(
      expanded,
      op.effectiveWeights ? { effectiveWeights: () => op.effectiveWeights!(expanded) } : {},
    );
  }
  const optimizer = await create('optimizer', config.optimizer, 'optimizer');

  const labels = penaltyLabels(config.penalties.map((p) => p.use));
  const penalties: PenaltyTerm[] = [];
  for (const [i, ref] of config.penalties.entries()) {
    const penalty = await create('penalty', ref, `penalty:${i}`);
    penalties.push({
      label: labels[i]!,
      penalty,
      weight: ref.common.weight,
      coupling: ref.common.coupling,
      names: selectPenaltyWeights(model, ref.common.select, `penalties[${i}] (${ref.use})`),
    });
  }
  assertDecoupledSupport(penalties, optimizer, config.optimizer.use);
  const metrics: ScheduledMetric[] = [];
  for (const [i, ref] of config.metrics.entries()) {
    metrics.push({ metric: await create('metric', ref, `metric:${i}`), every: ref.common.every });
  }
  const callbacks: Callback[] = [];
  for (const [i, ref] of config.callbacks.entries()) callbacks.push(await create('callback', ref, `callback:${i}`));
  callbacks.push(...(options.callbacks ?? []));
  const loggers: Logger[] = config.loggers ? [] : defaultLoggers(options.outDir);
  for (const [i, ref] of (config.loggers ?? []).entries()) loggers.push(await create('logger', ref, `logger:${i}`));
  loggers.push(...(options.loggers ?? []));
  return { root, dataset, model, baseModel, overparam, optimizer, penalties, metrics, callbacks, loggers, rngs };
}
