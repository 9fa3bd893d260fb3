import type * as tf from '@tensorflow/tfjs-core';

/**
 * Optimizer plugins create real `tf.Optimizer`s, so they work in
 * `model.compile` as well as in the trainer; checkpoints use
 * `getWeights`/`setWeights`.
 *
 * An optimizer that also implements `applyGradientsDecoupled` accepts
 * penalty gradients that bypass its preconditioning (AdamW-style).
 */
export interface DecoupledOptimizer extends tf.Optimizer {
  applyGradientsDecoupled(grads: tf.NamedTensorMap, decoupled: tf.NamedTensorMap): void;
}

export function supportsDecoupled(optimizer: tf.Optimizer): optimizer is DecoupledOptimizer {
  return typeof (optimizer as Partial<DecoupledOptimizer>).applyGradientsDecoupled === 'function';
}
