import type { Rng } from '@rankbias/core';
import { normalArray } from './gaussian.js';

/**
 * `cols` orthonormal columns in R^rows (a `rows × cols` row-major matrix),
 * by Gram–Schmidt on Gaussian vectors: a uniformly random orthonormal frame.
 */
export function randomOrthonormal(rng: Rng, rows: number, cols: number): Float64Array {
  if (cols > rows) throw new RangeError(`randomOrthonormal: ${cols} orthonormal columns do not fit in R^${rows}`);
  const q = new Float64Array(rows * cols);
  for (let c = 0; c < cols; c++) {
    for (;;) {
      const v = Float64Array.from(normalArray(rng, rows));
      for (let p = 0; p < c; p++) {
        let dot = 0;
        for (let r = 0; r < rows; r++) dot += v[r]! * q[r * cols + p]!;
        for (let r = 0; r < rows; r++) v[r]! -= dot * q[r * cols + p]!;
      }
      let norm = 0;
      for (let r = 0; r < rows; r++) norm += v[r]! * v[r]!;
      norm = Math.sqrt(norm);
      if (norm < 1e-8) continue;
      for (let r = 0; r < rows; r++) q[r * cols + c] = v[r]! / norm;
      break;
    }
  }
  return q;
}
