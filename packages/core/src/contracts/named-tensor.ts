import type * as tf from '@tensorflow/tfjs-core';

/** A tensor with the name a user selects it by, e.g. `dense_1/kernel` or `chain/end-to-end`. */
export interface NamedTensor {
  readonly name: string;
  readonly tensor: tf.Tensor;
}

/** A trainable variable with its stable name (the tfjs variable name). */
export interface NamedVariable {
  readonly name: string;
  readonly variable: tf.Variable;
}
