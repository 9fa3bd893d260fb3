import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { definePlugin } from '../contracts/plugin.js';

export const tfjsAdamOptionsSchema = z.strictObject({
  lr: z.number().positive().default(0.001),
  beta1: z.number().min(0).lt(1).default(0.9),
  beta2: z.number().min(0).lt(1).default(0.999),
  /** Added to the root of the second moment; tfjs' backend epsilon (1e-7) when omitted. */
  epsilon: z.number().positive().optional(),
});

/** Adam as tfjs ships it (`tf.train.adam`). */
export const tfjsAdamOptimizerPlugin = definePlugin({
  kind: 'optimizer',
  name: 'tfjs-adam',
  description: "tfjs' built-in Adam optimizer (tf.train.adam); for AdamW and rank-penalty coupling see @rankbias/optim-adam-rank",
  options: tfjsAdamOptionsSchema,
  create(options) {
    return tf.train.adam(options.lr, options.beta1, options.beta2, options.epsilon);
  },
});
