import { toDense, type MatrixInput } from './dense-matrix.js';
import { jacobiSingularValues, type JacobiOptions } from './jacobi-svd.js';
import { float64Accelerator } from './accelerator.js';
import { polarDecomposition, type PolarMethod } from './polar.js';

/** Options of `singularValues`. */
export interface SingularValueOptions extends JacobiOptions {
  /**
   * `jacobi` (default; high relative accuracy even for tiny σ), `gram`
   * (eigenvalues of the smaller Gram matrix: faster above k = 64, σ below
   * ~3e-8·√k·σ₁ come out as 0), `lapack` (the Gram route on the active
   * float64 accelerator), or `auto`: Jacobi up to min(rows, cols) = 64, above
   * that `lapack` when an accelerator is active and `gram` otherwise.
   */
  readonly method?: PolarMethod | 'auto';
}

/** Largest min(rows, cols) for which `auto` uses the Jacobi SVD. */
export const AUTO_JACOBI_MAX = 64;

/** The concrete method `auto` stands for on a rows × cols matrix. */
export function resolvePolarMethod(rows: number, cols: number, method: PolarMethod | 'auto' = 'auto'): PolarMethod {
  if (method !== 'auto') return method;
  if (Math.min(rows, cols) <= AUTO_JACOBI_MAX) return 'jacobi';
  return float64Accelerator() ? 'lapack' : 'gram';
}

/**
 * Singular values σ₁ >= … >= σₖ (k = min(rows, cols)) in float64 of a
 * matrix, nested rows or tensor (viewed 2-D by `matrixView`).
 * @example singularValues([[3, 0], [0, -4]]) // Float64Array [4, 3]
 */
export function singularValues(a: MatrixInput, options: SingularValueOptions = {}): Float64Array {
  const dense = toDense(a);
  const method = resolvePolarMethod(dense.rows, dense.cols, options.method ?? 'jacobi');
  if (method === 'jacobi') return jacobiSingularValues(dense, options);
  return polarDecomposition(dense, { method }).sigma;
}
