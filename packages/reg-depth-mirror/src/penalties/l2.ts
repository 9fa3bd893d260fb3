import * as tf from '@tensorflow/tfjs-core';
import { definePlugin, z } from '@rankbias/core';
import { sumOverWeights } from './sum-over-weights.js';

/** Options of the `l2` penalty (none of its own). */
export const l2Options = z.strictObject({});

/** Penalty `l2`: Σ_w ||W||_F² (squared Frobenius norm, i.e. weight decay's penalty). */
export const l2Penalty = definePlugin({
  kind: 'penalty',
  name: 'l2',
  description: 'squared Frobenius norm ||W||_F² per selected weight (classic L2 / weight decay)',
  options: l2Options,
  create: () => ({
    value: (weights) => sumOverWeights(weights, (w) => tf.sum(tf.square(w))),
  }),
});
