import * as tf from '@tensorflow/tfjs-core';
import type { TaskKind } from '../../contracts/dataset.js';
import { meanSquaredErrorPerRun } from '../mean-squared-error.js';

/**
 * `taskLoss` of K runs at once: `output` `[K, b, ...]` and `y` `[K, b, ...]`
 * give the K batch means `[K]`, entry k equal to `taskLoss` of slice k.
 */
export function stackedTaskLoss(task: TaskKind, output: tf.Tensor, y: tf.Tensor): tf.Tensor1D {
  const k = output.shape[0]!;
  return tf.tidy(() => {
    switch (task) {
      case 'classification': {
        const classes = output.shape[2]!;
        const oneHot = tf.oneHot(tf.cast(tf.reshape(y, [k, -1]), 'int32') as tf.Tensor2D, classes);
        const picked = tf.sum(tf.mul(oneHot, output), 2);
        return tf.mean(tf.sub(tf.logSumExp(output, 2), picked), 1);
      }
      case 'binary': {
        const f = tf.reshape(output, [k, -1]);
        return tf.mean(tf.softplus(tf.neg(tf.mul(tf.reshape(y, [k, -1]), f))), 1);
      }
      case 'regression':
        return meanSquaredErrorPerRun(output, tf.reshape(y, output.shape));
    }
  }) as tf.Tensor1D;
}
