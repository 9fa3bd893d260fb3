import * as tf from '@tensorflow/tfjs-core';
import type { GradientTransformation } from './types.js';

/**
 * Adds `extras.decoupled` (e.g. a penalty's gradient) to the updates at this
 * point of the chain, so that it bypasses the preconditioner placed before
 * it and is only scaled by the learning rate placed after it:
 * u ← u + d. A parameter with only a decoupled gradient gets u = d.
 */
export function addDecoupledGradients(): GradientTransformation {
  return {
    name: 'add_decoupled_gradients',
    init: () => ({}),
    update(updates, state, _params, extras) {
      const decoupled = extras?.decoupled;
      if (!decoupled) return { updates, state };
      const out: Record<string, tf.Tensor> = { ...updates };
      for (const [p, d] of Object.entries(decoupled)) {
        const u = out[p];
        out[p] = u ? tf.add(u, d) : d;
      }
      return { updates: out, state };
    },
  };
}
