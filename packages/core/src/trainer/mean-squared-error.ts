import * as tf from '@tensorflow/tfjs-core';
import { meanSquaredErrorKernel, mseKernelApplies } from './mean-squared-error-kernel.js';

/**
 * mean((output − target)²), differentiable in `output` only (targets are
 * data), with the gradient of the composed `tf.mean(tf.squaredDifference(…))`
 * computed in one customGrad: the same float32 operations in the same order
 * (2·(o − y) times dy/n), so the values are the same bit for bit, in about
 * half the kernels (no per-element ones tensor, no gradient for the target,
 * one saved tensor instead of three). On cpu and wasm all of it is one
 * kernel calling the backend's kernels directly (`meanSquaredErrorKernel`),
 * again the same numbers.
 */
export function meanSquaredError(output: tf.Tensor, target: tf.Tensor): tf.Scalar {
  if (mseKernelApplies(output, target)) return meanSquaredErrorKernel(output, target) as tf.Scalar;
  return meanSquaredErrorOps(output, target);
}

/** `meanSquaredError` of tfjs ops in one customGrad: the route on backends without the kernel (tfjs-node). */
export function meanSquaredErrorOps(output: tf.Tensor, target: tf.Tensor): tf.Scalar {
  const n = output.size;
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [o, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([tf.sub(o, target)]);
    return {
      value: tf.mean(tf.squaredDifference(o, target)),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(tf.mul(saved[0]!, 2), tf.div(dy, n)),
    };
  });
  return op(output) as tf.Scalar;
}

/**
 * mean((output − target)²) of each of K runs stacked on the leading axis:
 * `[K, ...]` gives `[K]`, entry k the loss of slice k. Like
 * `meanSquaredError`, its gradient is the composed ops' own bit for bit
 * (2·(o − y) times dy_k/n per run) without the per-element ones tensor of
 * tfjs's Mean gradient; one kernel on cpu and wasm.
 */
export function meanSquaredErrorPerRun(output: tf.Tensor, target: tf.Tensor): tf.Tensor1D {
  if (mseKernelApplies(output, target)) return meanSquaredErrorKernel(output, target, output.shape[0]!) as tf.Tensor1D;
  return meanSquaredErrorPerRunOps(output, target);
}

/** `meanSquaredErrorPerRun` of tfjs ops in one customGrad: the route on backends without the kernel (tfjs-node). */
export function meanSquaredErrorPerRunOps(output: tf.Tensor, target: tf.Tensor): tf.Tensor1D {
  const runs = output.shape[0]!;
  const n = output.size / runs;
  const dyShape = output.shape.map((d, i) => (i === 0 ? d : 1));
  const op = tf.customGrad((...args: (tf.Tensor | tf.GradSaveFunc)[]) => {
    const [o, save] = args as [tf.Tensor, tf.GradSaveFunc];
    save([tf.sub(o, target)]);
    return {
      value: tf.mean(tf.reshape(tf.squaredDifference(o, target), [runs, -1]), 1),
      gradFunc: (dy: tf.Tensor, saved: tf.Tensor[]) => tf.mul(tf.mul(saved[0]!, 2), tf.div(tf.reshape(dy, dyShape), n)),
    };
  });
  return op(output) as tf.Tensor1D;
}
