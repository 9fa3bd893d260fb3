/**
 * Independent references for the tests: ml-matrix's Golub–Kahan SVD and
 * seeded random matrices with a prescribed spectrum.
 */
import { Matrix, QrDecomposition, SingularValueDecomposition } from 'ml-matrix';
import { createRng, type Rng } from '@rankbias/core';
import type { DenseMatrix } from '../src/index.js';

export function rng(seed: number): Rng {
  return createRng(seed);
}

export function gaussian(rows: number, cols: number, r: Rng, scale = 1): DenseMatrix {
  return { rows, cols, data: Float64Array.from({ length: rows * cols }, () => r.normal() * scale) };
}

export function toMl(a: DenseMatrix): Matrix {
  const m = new Matrix(a.rows, a.cols);
  for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) m.set(i, j, a.data[i * a.cols + j]!);
  return m;
}

export function fromMl(m: Matrix): DenseMatrix {
  return { rows: m.rows, cols: m.columns, data: Float64Array.from(m.to1DArray()) };
}

function orthonormalColumns(rows: number, cols: number, r: Rng): Matrix {
  const q = new QrDecomposition(toMl(gaussian(rows, cols, r))).orthogonalMatrix;
  return q.subMatrix(0, rows - 1, 0, cols - 1);
}

/** U diag(sigma) Vᵀ with random orthonormal U (rows x k), V (cols x k), k = sigma.length. */
export function withSpectrum(rows: number, cols: number, sigma: readonly number[], r: Rng): DenseMatrix {
  const k = sigma.length;
  const u = orthonormalColumns(rows, k, r);
  const v = orthonormalColumns(cols, k, r);
  const s = Matrix.diag([...sigma]);
  return fromMl(u.mmul(s).mmul(v.transpose()));
}

/** Singular values (descending) by ml-matrix. */
export function referenceSigma(a: DenseMatrix): number[] {
  const svd = new SingularValueDecomposition(toMl(a), { autoTranspose: true });
  return [...svd.diagonal].sort((x, y) => y - x);
}

/** ||A||_* / ||A||_F by ml-matrix. */
export function referenceRatio(a: DenseMatrix): number {
  const s = referenceSigma(a);
  const nuc = s.reduce((x, y) => x + y, 0);
  const fro = Math.sqrt(a.data.reduce((x, y) => x + y * y, 0));
  return fro === 0 ? 0 : nuc / fro;
}

/** U Vᵀ over singular values above `relTol * sigma_max`, by ml-matrix, row-major. */
export function referencePolar(a: DenseMatrix, relTol: number): Float64Array {
  const svd = new SingularValueDecomposition(toMl(a), { autoTranspose: true });
  const sigma = svd.diagonal;
  const max = Math.max(...sigma);
  const u = svd.leftSingularVectors;
  const v = svd.rightSingularVectors;
  const out = new Float64Array(a.rows * a.cols);
  sigma.forEach((s, k) => {
    if (!(s > relTol * max)) return;
    for (let i = 0; i < a.rows; i++) for (let j = 0; j < a.cols; j++) out[i * a.cols + j]! += u.get(i, k) * v.get(j, k);
  });
  return out;
}

export function maxAbsDiff(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let d = 0;
  for (let i = 0; i < x.length; i++) d = Math.max(d, Math.abs(x[i]! - y[i]!));
  return d;
}

export function norm(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]! * x[i]!;
  return Math.sqrt(s);
}

/** Central finite differences of f at a (float64), step h relative to max |a_ij|. */
export function finiteDifferenceGradient(f: (a: DenseMatrix) => number, a: DenseMatrix, h: number): Float64Array {
  const g = new Float64Array(a.data.length);
  for (let i = 0; i < a.data.length; i++) {
    const plus = Float64Array.from(a.data);
    const minus = Float64Array.from(a.data);
    plus[i]! += h;
    minus[i]! -= h;
    g[i] = (f({ ...a, data: plus }) - f({ ...a, data: minus })) / (2 * h);
  }
  return g;
}
