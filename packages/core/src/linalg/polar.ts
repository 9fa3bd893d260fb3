import { float64Accelerator, type Float64Accelerator } from './accelerator.js';
import { frobeniusNorm, transpose, type DenseMatrix } from './dense-matrix.js';
import { ScratchPool } from './scratch-pool.js';
import { jacobiSvd } from './jacobi-svd.js';
import { gramMatrix, multiplyFlat, transposeFlat } from './products.js';
import { symmetricEigen, type SymmetricEigen } from './symmetric-eigen.js';

/**
 * How a matrix is decomposed: `jacobi` and `gram` in plain JS; `lapack`
 * through the active `Float64Accelerator` (the Gram route by dsyevd, or
 * dgesdd for a `rankTolerance` under the Gram route's floor).
 */
export type PolarMethod = 'jacobi' | 'gram' | 'lapack';

/** Thrown for `method: 'lapack'` when no accelerator is active. */
export class NoFloat64AcceleratorError extends Error {
  override readonly name = 'NoFloat64AcceleratorError';
  constructor() {
    super(
      "method 'lapack' needs a float64 accelerator, and none is active: npm install @rankbias/linalg-lapack, add a LAPACK " +
        'library (Debian: apt-get install libopenblas0-pthread), then set `linalg: lapack` (or `auto`) in the config, ' +
        "or call setFloat64Accelerator(loadLapack()); or use method 'gram' or 'jacobi'",
    );
  }
}

/**
 * The products and eigen-solver a route runs on: plain JS or an accelerator
 * (which may write into the buffers offered, or return new arrays).
 */
interface GramKernels {
  gramEigen(a: Float64Array, m: number, n: number, vectors?: Float64Array): SymmetricEigen;
  multiply(a: Float64Array, b: Float64Array, m: number, k: number, n: number, out?: Float64Array): Float64Array;
}

/** The Gram route's intermediate matrices (the scaled copy, eigenvectors, A·V_r): taken and given back per call. */
const scratch = new ScratchPool((length) => new Float64Array(length), 4);

const JS_KERNELS: GramKernels = {
  gramEigen: (a, m, n) => symmetricEigen(gramMatrix(a, m, n), n),
  multiply: (a, b, m, k, n) => multiplyFlat(a, b, m, k, n),
};

/** Singular values and polar factor of a matrix A (m x n). */
export interface PolarDecomposition {
  /** All min(m, n) singular values, descending. */
  readonly sigma: Float64Array;
  /** U Vᵀ over the singular values above the rank tolerance, row-major m x n. */
  readonly polar: Float64Array;
  /** How many singular values are above the rank tolerance. */
  readonly rank: number;
  /** ||A||_F (computed directly, not from sigma). */
  readonly frobenius: number;
}

/**
 * Options of `polarDecomposition`.
 *
 * The subgradient convention: U Vᵀ keeps exactly the directions whose
 * singular value σᵢ, from the float64 SVD of the values given, is above
 * `rankTolerance · σ₁`; the others count as zero (at a rank-deficient matrix
 * this picks the minimum-norm subgradient of ‖A‖_*). Every method follows it;
 * `gram` cannot resolve σ below 10·√(k·ε)·σ₁, so an explicit `rankTolerance`
 * under that floor makes it use the Jacobi SVD.
 */
export interface PolarOptions {
  readonly method?: PolarMethod;
  /**
   * Relative cut: singular values at or below `rankTolerance · σ₁` are left
   * out of U Vᵀ. Default `max(m, n) · 2⁻⁵²` (float64 data); float32 tensors
   * use `max(m, n) · 2⁻²³` (`defaultRankTolerance(m, n, 'float32')`).
   */
  readonly rankTolerance?: number;
  /**
   * A buffer of rows·cols values to receive U Vᵀ, returned as `polar` (the
   * Gram route writes it there directly): a caller that decomposes every
   * step can reuse one instead of leaving a new matrix to the garbage collector.
   */
  readonly polarInto?: Float64Array;
}

/** Relative rank tolerance matching the precision the values were stored in. */
export function defaultRankTolerance(rows: number, cols: number, precision: 'float32' | 'float64'): number {
  return Math.max(rows, cols, 1) * (precision === 'float32' ? 2 ** -23 : 2 ** -52);
}

/**
 * Singular values and U Vᵀ of `a` in float64. `jacobi`: one-sided Jacobi SVD
 * (high relative accuracy even for tiny singular values). `gram`: symmetric
 * eigen-decomposition of the smaller Gram matrix (several times faster;
 * singular values below about 2 sqrt(k eps) sigma_max are not resolved and
 * are reported as 0; below 10 sqrt(k eps) sigma_max they are left out of U Vᵀ).
 * `lapack`: the Gram route on the active `Float64Accelerator` (dsyrk + dsyevd +
 * dgemm), or its SVD (dgesdd) where `gram` would fall back to Jacobi; throws
 * `NoFloat64AcceleratorError` when none is active.
 */
export function polarDecomposition(a: DenseMatrix, options: PolarOptions = {}): PolarDecomposition {
  const tolerance = options.rankTolerance ?? defaultRankTolerance(a.rows, a.cols, 'float64');
  const k0 = Math.min(a.rows, a.cols);
  const gramHonours = options.rankTolerance === undefined || options.rankTolerance >= gramFloor(k0);
  const accelerator = options.method === 'lapack' ? float64Accelerator() : undefined;
  if (options.method === 'lapack' && !accelerator) throw new NoFloat64AcceleratorError();
  // The Gram route, unless Jacobi is asked for or the cut is below what the Gram route resolves: then an SVD.
  const route = (options.method === 'gram' || options.method === 'lapack') && gramHonours ? 'gram' : 'svd';
  const wide = a.rows < a.cols;
  const tall = wide ? transpose(a) : a;
  const frobenius = frobeniusNorm(a);
  const k = tall.cols;
  const into = options.polarInto;
  if (into && into.length !== a.rows * a.cols) {
    throw new RangeError(`polarDecomposition: polarInto must hold ${a.rows * a.cols} values, got ${into.length}`);
  }
  if (frobenius === 0 || k === 0) {
    const polar = into ? into.fill(0) : new Float64Array(a.rows * a.cols);
    return { sigma: new Float64Array(k), polar, rank: 0, frobenius };
  }
  if (!Number.isFinite(frobenius)) {
    throw new RangeError('polarDecomposition: the matrix has non-finite entries (NaN or Infinity)');
  }
  // Scale to unit Frobenius norm so that neither squaring (Gram) nor rotations overflow.
  const source = tall.data;
  // The Gram route only reads the scaled copy, so it comes from (and goes back to) the scratch pool.
  const data = route === 'gram' ? scratch.take(source.length) : new Float64Array(source.length);
  for (let i = 0; i < data.length; i++) data[i] = source[i]! / frobenius;
  const scaled: DenseMatrix = { rows: tall.rows, cols: k, data };
  let result: Partial;
  if (route === 'gram') {
    try {
      result = viaGram(scaled, tolerance, accelerator ?? JS_KERNELS, wide ? undefined : into);
    } finally {
      scratch.giveBack(data);
    }
  } else {
    result = accelerator ? viaSvd(scaled, tolerance, accelerator) : viaJacobi(scaled, tolerance);
  }
  for (let i = 0; i < result.sigma.length; i++) result.sigma[i]! *= frobenius;
  let polar = wide ? transposeFlat(result.polar, tall.rows, k, into) : result.polar;
  if (into && polar !== into) {
    into.set(polar);
    polar = into;
  }
  return { sigma: result.sigma, polar, rank: result.rank, frobenius };
}

interface Partial {
  sigma: Float64Array;
  polar: Float64Array;
  rank: number;
}

function viaJacobi(a: DenseMatrix, tolerance: number): Partial {
  const { rows: m, cols: n, k, sigma, u, v } = jacobiSvd(a);
  const threshold = tolerance * sigma[0]!;
  const polar = new Float64Array(m * n);
  let rank = 0;
  while (rank < k && sigma[rank]! > threshold) rank++;
  // U Vᵀ over the first `rank` singular triplets (u: m × k, v: n × k, row-major).
  for (let i = 0; i < m; i++) {
    const row = i * n;
    for (let r = 0; r < rank; r++) {
      const ui = u[i * k + r]!;
      if (ui === 0) continue;
      for (let c = 0; c < n; c++) polar[row + c]! += ui * v[c * k + r]!;
    }
  }
  return { sigma, polar, rank };
}

/** U Vᵀ from the accelerator's thin SVD, over the singular values above the cut (as `viaJacobi`). */
function viaSvd(a: DenseMatrix, tolerance: number, accelerator: Float64Accelerator): Partial {
  const { rows: m, cols: n, data } = a;
  const { sigma, u, v } = accelerator.svd(data, m, n);
  const threshold = tolerance * sigma[0]!;
  let rank = 0;
  while (rank < n && sigma[rank]! > threshold) rank++;
  const ur = new Float64Array(m * rank);
  for (let i = 0; i < m; i++) for (let r = 0; r < rank; r++) ur[i * rank + r] = u[i * n + r]!;
  const vrT = new Float64Array(rank * n);
  for (let c = 0; c < n; c++) for (let r = 0; r < rank; r++) vrT[r * n + c] = v[c * n + r]!;
  return { sigma, polar: rank === 0 ? new Float64Array(m * n) : accelerator.multiply(ur, vrT, m, rank, n), rank };
}

/** The Gram route; U Vᵀ goes into `into` when given (m·n values). */
function viaGram(a: DenseMatrix, tolerance: number, kernels: GramKernels, into?: Float64Array): Partial {
  const { rows: m, cols: n, data } = a;
  const taken = [scratch.take(n * n)];
  try {
    const { values, vectors } = kernels.gramEigen(data, m, n, taken[0]);
    // Eigenvalues carry absolute errors ~ n eps sigma_max^2, so sigma below ~sqrt(n eps) sigma_max is not
    // resolved: report it as 0 (the error is then at most the true sigma, not the noise floor).
    const lambdaMax = Math.max(values[n - 1]!, 0);
    const unresolved = 4 * n * Number.EPSILON * lambdaMax;
    const sigma = new Float64Array(n);
    for (let i = 0; i < n; i++) {
      const lambda = values[n - 1 - i]!;
      sigma[i] = lambda > unresolved ? Math.sqrt(lambda) : 0;
    }
    const threshold = Math.max(tolerance, gramFloor(n)) * sigma[0]!;
    let rank = 0;
    while (rank < n && sigma[rank]! > threshold) rank++;
    // polar = A V_r Σ_r⁻¹ V_rᵀ over the resolved singular values: two blocked products through m x rank.
    // Eigenvectors are stored ascending, so row j of `kept` belongs to sigma[rank - 1 - j].
    const kept = vectors.subarray((n - rank) * n);
    if (rank === 0) return { sigma, polar: into ? into.fill(0) : new Float64Array(m * n), rank };
    taken.push(scratch.take(n * rank), scratch.take(m * rank));
    const projected = kernels.multiply(data, transposeFlat(kept, rank, n, taken[1]), m, n, rank, taken[2]);
    for (let i = 0; i < m; i++) {
      const row = i * rank;
      for (let j = 0; j < rank; j++) projected[row + j]! /= sigma[rank - 1 - j]!;
    }
    // The polar factor is the caller's to keep: its buffer, or a new array.
    const polar = kernels.multiply(projected, kept, m, rank, n, into);
    return { sigma, polar, rank };
  } finally {
    scratch.giveBack(...taken);
  }
}

/** Relative σ below which the Gram route cannot tell a direction from rounding (eigenvalue errors ~ k·ε·σ₁²). */
function gramFloor(k: number): number {
  return 10 * Math.sqrt(k * Number.EPSILON);
}
