import * as tf from '@tensorflow/tfjs-core';

/**
 * mean((output − target)²), differentiable in `output` only (targets are
 * data), with the gradient of the composed `tf.mean(tf.squaredDifference(…))`
 * computed in one customGrad: the same float32 operations in the same order
 * (2·(o − y) times dy/n), so the values are the same bit for bit, in about
 * half the kernels (no per-element ones tensor, no gradient for the target,
 * one saved tensor instead of three).
 */
export function meanSquaredError(output: tf.Tensor, target: tf.Tensor): tf.Scalar {
  const n = output.size;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [o, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([tf.sub(o, target)]);
    return {
      value: tf.mean(tf.squaredDifference(o, target)),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(tf.mul(saved[0]!, 2), tf.div(dy, n)),
    };
  });
  return op(output) as tf.Scalar;
}

/**
 * mean((output − target)²) of each of K runs stacked on the leading axis:
 * `[K, ...]` gives `[K]`, entry k the loss of slice k. Like
 * `meanSquaredError`, its gradient is the composed ops' own bit for bit
 * (2·(o − y) times dy_k/n per run) without the per-element ones tensor of
 * tfjs's Mean gradient.
 */
export function meanSquaredErrorPerRun(output: tf.Tensor, target: tf.Tensor): tf.Tensor1D {
  const runs = output.shape[0]!;
  const n = output.size / runs;
  const dyShape = output.shape.map((d, i) => (i === 0 ? d : 1));
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [o, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([tf.sub(o, target)]);
    return {
      value: tf.mean(tf.reshape(tf.squaredDifference(o, target), [runs, -1]), 1),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(tf.mul(saved[0]!, 2), tf.div(tf.reshape(dy, dyShape), n)),
    };
  });
  return op(output) as tf.Tensor1D;
}
