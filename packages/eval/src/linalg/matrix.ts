/**
 * Dense row-major float64 matrices: the common currency of the spectral
 * routines (tfjs tensors are converted once, then everything runs in JS
 * double precision). The type and its constructors are core's shared linear
 * algebra, under the names this package has always exported.
 */
import type { DenseMatrix } from '@rankbias/core';

export { denseMatrix as matrix, fromRows, matrixShape, transpose } from '@rankbias/core';

/** A dense row-major float64 matrix (core's `DenseMatrix`). */
export type Matrix = DenseMatrix;

/** Matrix product `a b`. */
export function multiply(a: Matrix, b: Matrix): Matrix {
  if (a.cols !== b.rows) throw new RangeError(`multiply: ${a.rows}x${a.cols} times ${b.rows}x${b.cols}`);
  const out = new Float64Array(a.rows * b.cols);
  for (let i = 0; i < a.rows; i++) {
    for (let k = 0; k < a.cols; k++) {
      const aik = a.data[i * a.cols + k]!;
      if (aik === 0) continue;
      for (let j = 0; j < b.cols; j++) out[i * b.cols + j]! += aik * b.data[k * b.cols + j]!;
    }
  }
  return { rows: a.rows, cols: b.cols, data: out };
}
