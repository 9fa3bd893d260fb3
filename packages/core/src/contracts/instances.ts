import type * as tf from '@tensorflow/tfjs-core';
import type { Callback } from './callback.js';
import type { CliCommand } from './command.js';
import type { Dataset } from './dataset.js';
import type { Logger } from './logger.js';
import type { Metric } from './metric.js';
import type { TrainableModel } from './model.js';
import type { Overparameterizer } from './overparam.js';
import type { Penalty } from './penalty.js';
import type { SweepExecutor } from './sweep-executor.js';

/** What a factory of each kind creates. */
export interface PluginInstanceMap {
  optimizer: tf.Optimizer;
  penalty: Penalty;
  overparam: Overparameterizer;
  dataset: Dataset;
  model: TrainableModel;
  metric: Metric;
  callback: Callback;
  logger: Logger;
  command: CliCommand;
  'sweep-executor': SweepExecutor;
}
