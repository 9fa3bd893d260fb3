import * as tf from '@tensorflow/tfjs-core';
import { z } from 'zod';
import { definePlugin } from '../contracts/plugin.js';
import { FusedSgdOptimizer } from './fused-sgd.js';

export const sgdOptionsSchema = z.strictObject({
  /** Learning rate. */
  lr: z.number().positive().default(0.01),
  /** Heavy-ball momentum coefficient (0 = plain gradient descent). */
  momentum: z.number().min(0).lt(1).default(0),
  /** Nesterov momentum (needs momentum > 0). */
  nesterov: z.boolean().default(false),
  /**
   * Without momentum, update each parameter in one fused kernel
   * (`FusedSgdOptimizer`, the default); false runs tfjs's own update. The same
   * numbers either way, so it has no default in the resolved config (run hashes stay as they were).
   */
  fused: z.boolean().optional(),
});

/**
 * Stochastic gradient descent: tfjs's `SGDOptimizer` with fused updates
 * (`FusedSgdOptimizer`, the same numbers), or tfjs's `MomentumOptimizer`.
 */
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
      : options.fused === false
        ? tf.train.sgd(options.lr)
        : new FusedSgdOptimizer(options.lr);
  },
});
