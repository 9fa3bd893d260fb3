import * as tf from '@tensorflow/tfjs-core';
import { masked, type ParamMask } from './masked.js';
import type { GradientTransformation } from './types.js';

/**
 * Decoupled weight decay: u ← u + weightDecay · param. Placed between the
 * preconditioner and the learning rate it gives AdamW. With `mask`, only
 * the selected parameters decay (e.g. `['*kernel*']` to spare biases).
 */
export function addDecayedWeights(weightDecay: number, mask?: ParamMask): GradientTransformation {
  if (!(weightDecay >= 0)) throw new RangeError(`addDecayedWeights: weightDecay must be >= 0, got ${weightDecay}`);
  const transform: GradientTransformation = {
    name: 'add_decayed_weights',
    init: () => ({}),
    update(updates, state, params) {
      const out: Record<string, tf.Tensor> = {};
      for (const [p, u] of Object.entries(updates)) {
        const param = params[p];
        if (!param) throw new Error(`addDecayedWeights: no parameter "${p}" was passed to update()`);
        out[p] = weightDecay === 0 ? u : tf.add(u, tf.mul(param, weightDecay));
      }
      return { updates: out, state };
    },
  };
  return mask ? masked(transform, mask) : transform;
}
