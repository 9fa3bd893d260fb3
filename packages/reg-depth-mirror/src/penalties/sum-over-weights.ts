import * as tf from '@tensorflow/tfjs-core';
import type { NamedTensor } from '@rankbias/core';

/** Σ_w term(w) over the given weights as one scalar (0 when there are none). */
export function sumOverWeights(weights: readonly NamedTensor[], term: (w: tf.Tensor) => tf.Scalar): tf.Scalar {
  if (weights.length === 0) return tf.scalar(0);
  const terms = weights.map((w) => term(w.tensor));
  return (terms.length === 1 ? terms[0]! : tf.addN(terms)) as tf.Scalar;
}

/** Σ_w term(w) over `[runs, ...]` stacks of the runs' weights, per run: `[runs]` (zeros when there are none). */
export function sumOverStackedWeights(
  weights: readonly NamedTensor[],
  runs: number,
  term: (w: tf.Tensor) => tf.Tensor1D,
): tf.Tensor1D {
  if (weights.length === 0) return tf.zeros([runs]);
  const terms = weights.map((w) => term(w.tensor));
  return (terms.length === 1 ? terms[0]! : tf.addN(terms)) as tf.Tensor1D;
}
