import * as tf from '@tensorflow/tfjs-core';
import type { Dataset, Split } from '../contracts/dataset.js';
import type { Evaluation } from '../contracts/metric.js';
import type { TrainableModel } from '../contracts/model.js';
import { correctCount, taskLoss } from './task-loss.js';

export interface EvaluateOptions {
  /** Use at most this many examples (the first ones of the split). */
  readonly maxExamples?: number;
  readonly batchSize: number;
}

/**
 * Mean loss (and accuracy for classification/binary tasks) of `model` on
 * the first `maxExamples` examples of `split`, in batches, without
 * augmentation and with `training: false`. Undefined for an empty split.
 */
export async function evaluateSplit(
  model: TrainableModel,
  dataset: Dataset,
  split: Split,
  options: EvaluateOptions,
): Promise<Evaluation | undefined> {
  const n = Math.min(dataset.size(split), options.maxExamples ?? Infinity);
  if (n <= 0) return undefined;
  let lossSum = 0;
  let correct = 0;
  const hasAccuracy = dataset.task !== 'regression';
  for (let start = 0; start < n; start += options.batchSize) {
    const count = Math.min(options.batchSize, n - start);
    const indices = Int32Array.from({ length: count }, (_, i) => start + i);
    const batch = dataset.batch(split, indices, { augment: false });
    let sums: tf.Tensor;
    try {
      sums = tf.tidy(() => {
        const output = model.apply(batch.x, { training: false });
        const loss = tf.mul(taskLoss(dataset.task, output, batch.y), count);
        const right = correctCount(dataset.task, output, batch.y);
        return tf.stack(right ? [loss, right] : [loss]);
      });
    } finally {
      tf.dispose([batch.x, batch.y]);
    }
    const values = await sums.data();
    sums.dispose();
    lossSum += values[0]!;
    if (hasAccuracy) correct += values[1]!;
  }
  return hasAccuracy ? { loss: lossSum / n, accuracy: correct / n } : { loss: lossSum / n };
}
