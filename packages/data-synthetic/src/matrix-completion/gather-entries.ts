import * as tf from '@tensorflow/tfjs-core';

/**
 * `matrix[indices[k, 0], indices[k, 1]]` for each k (any number of index
 * columns and leading index axes: `tf.gatherND`), differentiable in `matrix`
 * (tfjs has no gradient for GatherNd; the gradient is ScatterNd).
 */
export function gatherEntries(matrix: tf.Tensor, indices: tf.Tensor): tf.Tensor1D {
  const gather = tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [m, idx, save] = inputs as [tf.Tensor, tf.Tensor, tf.GradSaveFunc];
    save([idx]);
    return {
      value: tf.gatherND(m, idx),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => [tf.scatterND(saved[0]!, dy, m.shape), tf.zerosLike(saved[0]!)],
    };
  });
  return gather(matrix, indices) as tf.Tensor1D;
}
