import * as tf from '@tensorflow/tfjs-core';

/** Batch-norm parameters and running statistics of one sub-layer's output channels. */
export interface BatchNormState {
  readonly gamma: tf.Tensor1D;
  readonly beta: tf.Tensor1D;
  readonly movingMean: tf.Tensor1D;
  readonly movingVariance: tf.Tensor1D;
  readonly epsilon: number;
}

/**
 * Folds inference-mode batch norm into the preceding affine map (kernel's last
 * axis = output channels): `W' = W · γ/sqrt(var + ε)`,
 * `b' = γ (b − μ)/sqrt(var + ε) + β` (`b = 0` when absent).
 */
export function foldBatchNorm<T extends tf.Tensor>(
  kernel: T,
  bias: tf.Tensor1D | null,
  bn: BatchNormState,
): { kernel: T; bias: tf.Tensor1D } {
  const scale = tf.div(bn.gamma, tf.sqrt(tf.add(bn.movingVariance, bn.epsilon))) as tf.Tensor1D;
  const centred = bias ? tf.sub(bias, bn.movingMean) : tf.neg(bn.movingMean);
  return {
    kernel: tf.mul(kernel, scale) as T,
    bias: tf.add(tf.mul(centred, scale), bn.beta) as tf.Tensor1D,
  };
}
