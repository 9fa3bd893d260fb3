import { toDense, transpose, type MatrixInput } from './dense-matrix.js';
import { jacobiSingularValues, type JacobiOptions } from './jacobi-svd.js';
import { float64Accelerator } from './accelerator.js';
import { polarDecomposition, type PolarMethod } from './polar.js';

/** Options of `singularValues`. */
export interface SingularValueOptions extends JacobiOptions {
  /**
   * `jacobi` (default; high relative accuracy even for tiny σ), `gram`
   * (eigenvalues of the smaller Gram matrix: faster above k = 64, σ below
   * ~3e-8·√k·σ₁ come out as 0), `lapack` (the active float64 accelerator's
   * SVD without vectors, or its Gram route where it has none), or `auto`:
   * Jacobi up to min(rows, cols) = 64, above that `lapack` when an
   * accelerator is active and `gram` otherwise. Default: `lapack` when the
   * active accelerator has an SVD, else `jacobi`.
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
 * matrix, nested rows or tensor (viewed 2-D by `matrixView`). Without a
 * `method`: LAPACK's SVD when the active float64 accelerator has one
 * (`linalg: auto` with @rankbias/linalg-lapack: dgesdd, values only, tens of
 * times faster than Jacobi and accurate to ~1e-16·σ₁), else the Jacobi SVD.
 * @example singularValues([[3, 0], [0, -4]]) // Float64Array [4, 3]
 */
export function singularValues(a: MatrixInput, options: SingularValueOptions = {}): Float64Array {
  const dense = toDense(a);
  const accelerator = float64Accelerator();
  const method = resolvePolarMethod(
    dense.rows,
    dense.cols,
    options.method ?? (accelerator?.singularValues ? 'lapack' : 'jacobi'),
  );
  if (method === 'jacobi') return jacobiSingularValues(dense, options);
  if (method === 'lapack' && accelerator?.singularValues) {
    const tall = dense.rows >= dense.cols ? dense : transpose(dense);
    const { data } = tall;
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i]!)) {
        throw new RangeError(
          `singularValues: the matrix has a non-finite entry (${data[i]}) at index ${i}; check the input for NaN/Infinity`,
        );
      }
    }
    return accelerator.singularValues(tall.data, tall.rows, tall.cols);
  }
  return polarDecomposition(dense, { method }).sigma;
}
