import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensor } from '../contracts/named-tensor.js';
import type { Penalty } from '../contracts/penalty.js';

/** One penalty as the trainer applies it: multiplier and the weights it selected. */
export interface WeightedPenalty {
  readonly penalty: Penalty;
  readonly weight: number;
  readonly weights: readonly NamedTensor[];
}

/**
 * loss + Σ λ·P(selected weights): how the trainer composes a coupled
 * penalty with the data loss, for code that trains without the trainer
 * (and for the conformance suite's "weight 0 has no effect" check).
 * Differentiable; call inside a gradient tape.
 */
export function penalizedLoss(dataLoss: tf.Scalar, terms: readonly WeightedPenalty[]): tf.Scalar {
  return terms.reduce<tf.Scalar>((acc, t) => tf.add(acc, tf.mul(t.penalty.value(t.weights), t.weight)), dataLoss);
}
