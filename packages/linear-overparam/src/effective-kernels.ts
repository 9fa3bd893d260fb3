import * as tf from '@tensorflow/tfjs-core';
import type * as tfl from '@tensorflow/tfjs-layers';
import type { NamedTensor } from '@rankbias/core';
import { expandedLayers } from './surgery/overparameterize.js';

/**
 * The effective (collapsed) kernel of every expanded layer in `model`, named
 * `<layer>/effective-kernel` (e.g. `dense_1/effective-kernel`), for metrics
 * and penalties. Conv kernels keep their `[k, k, in, out]` shape.
 * Differentiable when called inside a gradient tape; the caller owns (and
 * disposes) the tensors.
 */
export function effectiveKernels(model: tfl.LayersModel): NamedTensor[] {
  return expandedLayers(model).map((layer) => ({
    name: `${layer.name}/effective-kernel`,
    tensor: tf.tidy(() => layer.effectiveKernelAndBias().kernel),
  }));
}
