import type * as tf from '@tensorflow/tfjs-core';
import { denseMatrix, frobeniusNorm as denseFrobenius, fromRows, type DenseMatrix } from '@rankbias/core';
import { matrixShape } from './matrix-shape.js';
import { defaultRankTolerance, polarDecomposition, type JsSpectralMethod } from './polar.js';

/** Anything the spectral helpers accept: a `DenseMatrix`, nested rows, or a tfjs tensor (viewed 2-D by `matrixShape`). */
export type MatrixLike = DenseMatrix | readonly (readonly number[])[] | tf.Tensor;

/** Options of the plain-JS spectral helpers. */
export interface SpectralOptions {
  /**
   * `jacobi` (accurate even for tiny singular values), `gram` (several times
   * faster for large matrices; σ below ~3e-8·√k·σ₁ come out as 0), or `auto`
   * (default): Jacobi up to min(rows, cols) = 64, Gram above.
   */
  readonly method?: JsSpectralMethod | 'auto';
}

/** Largest min(rows, cols) for which `auto` uses the Jacobi SVD. */
const AUTO_JACOBI_MAX = 64;

function resolveMethod(a: DenseMatrix, method: SpectralOptions['method']): JsSpectralMethod {
  if (method && method !== 'auto') return method;
  return Math.min(a.rows, a.cols) <= AUTO_JACOBI_MAX ? 'jacobi' : 'gram';
}

function isTensor(x: MatrixLike): x is tf.Tensor {
  return typeof (x as tf.Tensor).dataSync === 'function' && Array.isArray((x as tf.Tensor).shape);
}

/**
 * Converts to a float64 `DenseMatrix`. Tensors are read synchronously
 * (call outside `tf.tidy` bodies that you want to stay lazy) and viewed 2-D
 * with `matrixShape`.
 */
export function toDenseMatrix(x: MatrixLike): DenseMatrix {
  if (isTensor(x)) {
    const [rows, cols] = matrixShape(x.shape);
    return denseMatrix(rows, cols, x.dataSync());
  }
  if (Array.isArray(x)) return fromRows(x as number[][]);
  return x as DenseMatrix;
}

function precisionOf(x: MatrixLike): 'float32' | 'float64' {
  return isTensor(x) ? 'float32' : 'float64';
}

/**
 * Singular values σ1 >= ... >= σk (k = min(rows, cols)) in float64.
 * @example singularValues([[3, 0], [0, 4]]) // Float64Array [4, 3]
 */
export function singularValues(matrix: MatrixLike, options: SpectralOptions = {}): Float64Array {
  const a = toDenseMatrix(matrix);
  return polarDecomposition(a, {
    method: resolveMethod(a, options.method),
    rankTolerance: defaultRankTolerance(a.rows, a.cols, precisionOf(matrix)),
  }).sigma;
}

/** Nuclear norm ||A||_* = Σ σi. */
export function nuclearNorm(matrix: MatrixLike, options: SpectralOptions = {}): number {
  return singularValues(matrix, options).reduce((s, x) => s + x, 0);
}

/** Frobenius norm ||A||_F = sqrt(Σ a_ij²) = sqrt(Σ σi²). */
export function frobeniusNorm(matrix: MatrixLike): number {
  return denseFrobenius(toDenseMatrix(matrix));
}

/**
 * The depth-mirror ratio R(A) = ||A||_* / ||A||_F (not squared), between 1
 * and sqrt(rank A), scale invariant. Defined as 0 for the zero matrix.
 */
export function depthMirrorRatio(matrix: MatrixLike, options: SpectralOptions = {}): number {
  const a = toDenseMatrix(matrix);
  const f = denseFrobenius(a);
  return f === 0 ? 0 : nuclearNorm(a, options) / f;
}

/**
 * Exact (sub)gradient of R(A) = ||A||_* / ||A||_F in float64:
 * U Vᵀ / ||A||_F − (||A||_* / ||A||_F³) A, row-major like the input (zero for the zero matrix).
 */
export function depthMirrorGradient(matrix: MatrixLike, options: SpectralOptions = {}): DenseMatrix {
  const a = toDenseMatrix(matrix);
  const d = polarDecomposition(a, {
    method: resolveMethod(a, options.method),
    rankTolerance: defaultRankTolerance(a.rows, a.cols, precisionOf(matrix)),
  });
  return { rows: a.rows, cols: a.cols, data: ratioGradient(a.data, d.polar, sum(d.sigma), d.frobenius) };
}

/** U Vᵀ / F − (N / F³) A, element-wise; zero when F is zero. */
export function ratioGradient(a: ArrayLike<number>, polar: ArrayLike<number>, nuclear: number, frobenius: number): Float64Array {
  const out = new Float64Array(a.length);
  if (frobenius === 0) return out;
  const c = nuclear / (frobenius * frobenius * frobenius);
  for (let i = 0; i < out.length; i++) out[i] = polar[i]! / frobenius - c * a[i]!;
  return out;
}

function sum(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s;
}
