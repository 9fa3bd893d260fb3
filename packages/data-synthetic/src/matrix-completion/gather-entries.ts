import * as tf from '@tensorflow/tfjs-core';

/**
 * `matrix[indices[k, 0], indices[k, 1]]` for each k (any number of index
 * columns and leading index axes: `tf.gatherND`), differentiable in `matrix`
 * (tfjs has no gradient for GatherNd; the gradient is ScatterNd). The indices
 * are not an input of the op, only saved for the backward pass, so the tape
 * asks for no (zero) gradient of them.
 */
export function gatherEntries(matrix: tf.Tensor, indices: tf.Tensor): tf.Tensor1D {
  const gather = tf.customGrad((...inputs: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [m, save] = inputs as [tf.Tensor, tf.GradSaveFunc];
    save([indices]);
    return {
      value: tf.gatherND(m, indices),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.scatterND(saved[0]!, dy, m.shape),
    };
  });
  return gather(matrix) as tf.Tensor1D;
}
