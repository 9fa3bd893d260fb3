import type { SymmetricEigen } from './symmetric-eigen.js';

/**
 * Float64 routines a native library can run for the plain-JS linear algebra
 * (`@rankbias/linalg-lapack` provides one over LAPACK). All arrays are
 * row-major; `m ≥ n` where stated.
 */
export interface Float64Accelerator {
  /** One line naming the library, for logs. */
  readonly name: string;
  /**
   * Eigen-decomposition of AᵀA (A: m × n, m ≥ n): values ascending, eigenvector k at `vectors[k*n ..]`.
   * `vectors`, when given (n·n values), is a buffer the result's vectors may be written into; an
   * implementation may ignore it and return a new array.
   */
  gramEigen(a: Float64Array, m: number, n: number, vectors?: Float64Array): SymmetricEigen;
  /** Thin SVD of A (m × n, m ≥ n): sigma descending, u m × n and v n × n row-major (u_r(i) = u[i*n + r]). */
  svd(a: Float64Array, m: number, n: number): { sigma: Float64Array; u: Float64Array; v: Float64Array };
  /** Singular values of A (m × n, m ≥ n), descending, without vectors (optional: dgesdd). */
  singularValues?(a: Float64Array, m: number, n: number): Float64Array;
  /** A (m × k) · B (k × n), written into `out` (m·n values) when given, or into a new array (returned either way). */
  multiply(a: Float64Array, b: Float64Array, m: number, k: number, n: number, out?: Float64Array): Float64Array;
}

let active: Float64Accelerator | undefined;

/**
 * Makes `accelerator` the one `method: 'lapack'` (and `auto`, where it
 * prefers it) uses in this process; `undefined` goes back to plain JS.
 */
export function setFloat64Accelerator(accelerator: Float64Accelerator | undefined): void {
  active = accelerator;
}

/** The accelerator in use, if any. */
export function float64Accelerator(): Float64Accelerator | undefined {
  return active;
}
