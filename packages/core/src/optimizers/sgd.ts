import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { definePlugin } from '../contracts/plugin.js';

export const sgdOptionsSchema = z.strictObject({
  /** Learning rate. */
  lr: z.number().positive().default(0.01),
  /** Heavy-ball momentum coefficient (0 = plain gradient descent). */
  momentum: z.number().min(0).lt(1).default(0),
  /** Nesterov momentum (needs momentum > 0). */
  nesterov: z.boolean().default(false),
});

/** Stochastic gradient descent, tfjs' own `SGDOptimizer` or `MomentumOptimizer`. */
export const sgdOptimizerPlugin = definePlugin({
  kind: 'optimizer',
  name: 'sgd',
  description: 'Stochastic gradient descent (tfjs SGD / Momentum optimizer): w -= lr * g, optional (Nesterov) momentum',
  options: sgdOptionsSchema,
  create(options) {
    if (options.nesterov && options.momentum === 0) {
      throw new Error('optimizer sgd: nesterov: true needs momentum > 0 (e.g. momentum: 0.9)');
    }
    return options.momentum > 0
      ? tf.train.momentum(options.lr, options.momentum, options.nesterov)
      : tf.train.sgd(options.lr);
  },
});
