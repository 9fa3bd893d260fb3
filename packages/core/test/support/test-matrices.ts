/** Test helpers (not exported from core): seeded matrices with a prescribed spectrum and ml-matrix references. */
import { Matrix, QrDecomposition, SingularValueDecomposition } from 'ml-matrix';
import { createRng } from '../../src/rng/rng.js';
import type { DenseMatrix } from '../../src/linalg/dense-matrix.js';

export function gaussian(rows: number, cols: number, seed: number, scale = 1): DenseMatrix {
  const rng = createRng(seed);
  return { rows, cols, data: Float64Array.from({ length: rows * cols }, () => rng.normal() * scale) };
}

export function toMl(a: DenseMatrix): Matrix {
  const m = new Matrix(a.rows, a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) m.set(i, j, a.data[i * a.cols + j]!);
  return m;
}

function orthonormalColumns(rows: number, cols: number, seed: number): Matrix {
  const q = new QrDecomposition(toMl(gaussian(rows, cols, seed))).orthogonalMatrix;
  return q.subMatrix(0, rows - 1, 0, cols - 1);
}

/** U diag(sigma) Vᵀ with random orthonormal U (rows × k), V (cols × k), k = sigma.length. */
export function withSpectrum(rows: number, cols: number, sigma: readonly number[], seed: number): DenseMatrix {
  const k = sigma.length;
  const u = orthonormalColumns(rows, k, seed);
  const v = orthonormalColumns(cols, k, seed + 1000);
  const m = u.mmul(Matrix.diag([...sigma])).mmul(v.transpose());
  return { rows, cols, data: Float64Array.from(m.to1DArray()) };
}

/** Singular values (descending) by ml-matrix's Golub–Kahan SVD. */
export function referenceSigma(a: DenseMatrix): number[] {
  return [...new SingularValueDecomposition(toMl(a), { autoTranspose: true }).diagonal].sort((x, y) => y - x);
}

export const logSpaced = (from: number, to: number, n: number): number[] =>
  Array.from({ length: n }, (_, i) => from * (to / from) ** (i / (n - 1)));

export function maxAbsDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i]! - y[i]!));
  return d;
}
