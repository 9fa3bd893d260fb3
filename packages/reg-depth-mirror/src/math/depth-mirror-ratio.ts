import {
  defaultRankTolerance,
  frobeniusNorm,
  polarDecomposition,
  resolvePolarMethod,
  singularValues,
  toDense,
  type DenseMatrix,
  type MatrixInput,
  type PolarMethod,
} from '@rankbias/core';

/** Options of the plain-JS spectral helpers. */
export interface SpectralOptions {
  /**
   * `jacobi` (accurate even for tiny singular values), `gram` (several times
   * faster for large matrices; σ below ~3e-8·√k·σ₁ come out as 0), or `auto`
   * (default): Jacobi up to min(rows, cols) = 64, Gram above.
   */
  readonly method?: PolarMethod | 'auto';
}

/** Tensors hold float32 values; a `DenseMatrix` or nested rows are float64 data. */
function precisionOf(x: MatrixInput): 'float32' | 'float64' {
  return typeof (x as { dataSync?: unknown }).dataSync === 'function' ? 'float32' : 'float64';
}

/** Nuclear norm ||A||_* = Σ σi. */
export function nuclearNorm(matrix: MatrixInput, options: SpectralOptions = {}): number {
  return singularValues(matrix, { method: options.method ?? 'auto' }).reduce((s, x) => s + x, 0);
}

/**
 * The depth-mirror ratio R(A) = ||A||_* / ||A||_F (not squared), between 1
 * and sqrt(rank A), scale invariant. Defined as 0 for the zero matrix.
 */
export function depthMirrorRatio(matrix: MatrixInput, options: SpectralOptions = {}): number {
  const a = toDense(matrix);
  const f = frobeniusNorm(a);
  return f === 0 ? 0 : nuclearNorm(a, options) / f;
}

/**
 * Exact (sub)gradient of R(A) = ||A||_* / ||A||_F in float64:
 * U Vᵀ / ||A||_F − (||A||_* / ||A||_F³) A, row-major like the input (zero for the zero matrix).
 */
export function depthMirrorGradient(matrix: MatrixInput, options: SpectralOptions = {}): DenseMatrix {
  const a = toDense(matrix);
  const d = polarDecomposition(a, {
    method: resolvePolarMethod(a.rows, a.cols, options.method),
    rankTolerance: defaultRankTolerance(a.rows, a.cols, precisionOf(matrix)),
  });
  return { rows: a.rows, cols: a.cols, data: ratioGradient(a.data, d.polar, sum(d.sigma), d.frobenius) };
}

/**
 * U Vᵀ / F − (N / F³) A, element-wise; zero when F is zero. Written into
 * `out` when given (a `Float32Array` for a tensor's gradient: one rounding, no
 * float64 copy), else into a new `Float64Array`.
 */
export function ratioGradient<T extends Float32Array | Float64Array = Float64Array>(
  a: ArrayLike<number>,
  polar: ArrayLike<number>,
  nuclear: number,
  frobenius: number,
  out: T = new Float64Array(a.length) as T,
): T {
  if (frobenius === 0) return out.fill(0) as T;
  const c = nuclear / (frobenius * frobenius * frobenius);
  for (let i = 0; i < out.length; i++) out[i] = polar[i]! / frobenius - c * a[i]!;
  return out;
}

function sum(x: Float64Array): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i]!;
  return s;
}
