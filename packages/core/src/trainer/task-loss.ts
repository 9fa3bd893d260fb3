import * as tf from '@tensorflow/tfjs-core';
import type { TaskKind } from '../contracts/dataset.js';
import { meanSquaredError } from './mean-squared-error.js';

/**
 * Mean loss of a batch for a task:
 * - classification: softmax cross-entropy of logits `[b, C]` against int32 ids `[b]`;
 * - binary: logistic loss log(1 + exp(−y f)) with f `[b]` or `[b, 1]`, y ∈ {−1, +1};
 * - regression: mean squared error over every element.
 */
export function taskLoss(task: TaskKind, output: tf.Tensor, y: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    switch (task) {
      case 'classification': {
        const logits = output as tf.Tensor2D;
        const classes = logits.shape[1]!;
        const oneHot = tf.oneHot(tf.cast(y, 'int32') as tf.Tensor1D, classes);
        const picked = tf.sum(tf.mul(oneHot, logits), 1);
        return tf.mean(tf.sub(tf.logSumExp(logits, 1), picked));
      }
      case 'binary': {
        const f = tf.reshape(output, [-1]);
        return tf.mean(tf.softplus(tf.neg(tf.mul(tf.reshape(y, [-1]), f))));
      }
      case 'regression':
        return meanSquaredError(output, tf.reshape(y, output.shape));
    }
  }) as tf.Scalar;
}

/**
 * Number of correct predictions in a batch (classification: argmax equals
 * the label; binary: sign of f equals y). Undefined for regression.
 */
export function correctCount(task: TaskKind, output: tf.Tensor, y: tf.Tensor): tf.Scalar | undefined {
  if (task === 'regression') return undefined;
  return tf.tidy(() => {
    if (task === 'classification') {
      return tf.sum(tf.cast(tf.equal(tf.argMax(output, 1), tf.cast(y, 'int32')), 'float32'));
    }
    const predicted = tf.where(
      tf.greater(tf.reshape(output, [-1]), 0),
      tf.onesLike(tf.reshape(output, [-1])),
      tf.neg(tf.onesLike(tf.reshape(output, [-1]))),
    );
    return tf.sum(tf.cast(tf.equal(predicted, tf.reshape(y, [-1])), 'float32'));
  }) as tf.Scalar;
}
