import * as tf from '@tensorflow/tfjs-core';
import { defaultRankTolerance, hostValues, matrixView } from '@rankbias/core';
import { chooseMethod, type SpectralMethod } from './method.js';
import {
  gradientBuffers,
  hostSpectral,
  scaleByUpstream,
  spectralOp,
  valuesFinite,
  type Quantity,
  type SpectralOpOptions,
} from './spectral-ops.js';

/**
 * A spectral quantity of each of K matrices stacked on the leading axis
 * (`[K, ...]`, each slice viewed 2-D as the single op views it) as a `[K]`
 * tensor: batched runs' penalty in one op. Entry k and its gradient are the
 * single op's on slice k, bit for bit (the same float64 route, one float32
 * rounding of the gradient, then dy_k times it in float32), but the K
 * matrices are read with one download and their gradients written with one
 * upload (on wasm: read and written in place on the heap), where K single ops
 * cost a dozen tfjs kernels each. A slice with
 * NaN/Inf entries gets NaN, as alone, without touching the others.
 * Newton–Schulz (on the backend) runs slice by slice through the single op.
 */
export function stackedSpectralOp(
  quantity: Quantity,
  x: tf.Tensor,
  method: SpectralMethod,
  options: SpectralOpOptions,
): tf.Tensor1D {
  if (x.rank < 3) {
    throw new RangeError(`stackedSpectralOp: expected a [K, rows, cols, ...] stack of matrices, got [${x.shape}]`);
  }
  const runs = x.shape[0]!;
  const [rows, cols] = matrixView(x.shape.slice(1));
  const concrete = method === 'auto' ? chooseMethod(rows, cols, tf.getBackend()) : method;
  if (concrete === 'newton-schulz') {
    return tf.stack(tf.unstack(x).map((slice) => spectralOp(quantity, slice, method, options))) as tf.Tensor1D;
  }
  const tolerance = options.rankTolerance ?? defaultRankTolerance(rows, cols, 'float32');
  const size = rows * cols;
  const forward = (a: tf.Tensor) => {
    // In place on wasm: nothing allocates on the heap until the decompositions are done.
    const values = hostValues(a);
    // Unscaled gradients of every run, filled with the decompositions (NaN for a run with NaN/Inf entries).
    const unscaled = gradientBuffers.take(runs * size);
    const perRun = Array.from({ length: runs }, (_, k) => {
      const slice = values.subarray(k * size, (k + 1) * size);
      const out = unscaled.subarray(k * size, (k + 1) * size);
      if (valuesFinite(slice)) return hostSpectral(quantity, slice, rows, cols, concrete, tolerance, out);
      out.fill(Number.NaN);
      return Number.NaN;
    });
    return {
      value: tf.tensor1d(perRun),
      gradFunc: (dy: tf.Tensor) => scaleByUpstream(dy, unscaled, [runs, rows, cols]),
    };
  };
  const op = tf.customGrad(forward as unknown as Parameters<typeof tf.customGrad>[0]);
  return op(tf.reshape(x, [runs, rows, cols])) as tf.Tensor1D;
}
