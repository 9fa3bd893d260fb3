import * as tf from '@tensorflow/tfjs-core';
import { stateEntry, type GradientTransformation } from './types.js';

export interface TraceMomentumOptions {
  /** Momentum coefficient (default 0.9). */
  readonly decay?: number;
  /** Nesterov's variant: u = g + decay · trace. */
  readonly nesterov?: boolean;
}

/**
 * Heavy-ball momentum: trace ← g + decay · trace, u = trace (or
 * g + decay · trace with Nesterov). Same recursion as `tf.train.momentum`.
 * State: `trace/<p>`.
 */
export function traceMomentum(options: TraceMomentumOptions = {}): GradientTransformation {
  const decay = options.decay ?? 0.9;
  const nesterov = options.nesterov ?? false;
  if (!(decay >= 0 && decay < 1)) throw new RangeError(`traceMomentum: decay must be in [0, 1), got ${decay}`);
  const name = 'trace_momentum';
  return {
    name,
    init(params) {
      return Object.fromEntries(Object.entries(params).map(([p, v]) => [`trace/${p}`, tf.zerosLike(v)]));
    },
    update(updates, state) {
      const next: Record<string, tf.Tensor> = { ...state };
      const out: Record<string, tf.Tensor> = {};
      for (const [p, g] of Object.entries(updates)) {
        const trace = tf.add(g, tf.mul(stateEntry(state, `trace/${p}`, name), decay));
        next[`trace/${p}`] = trace;
        out[p] = nesterov ? tf.add(g, tf.mul(trace, decay)) : trace;
      }
      return { updates: out, state: next };
    },
  };
}
