import { toDense, type MatrixInput } from './dense-matrix.js';

/** Options of the one-sided Jacobi SVD. */
export interface JacobiOptions {
  /**
   * A column pair counts as orthogonal when |cpᵀcq| <= tolerance·‖cp‖‖cq‖.
   * Default `max(m, 8)·2⁻⁵²` (m = the longer dimension): working precision.
   */
  readonly tolerance?: number;
  /** Maximum number of sweeps over all column pairs (default 80; typically 6-10 are needed). */
  readonly maxSweeps?: number;
}

/**
 * Thin SVD A = U diag(sigma) Vᵀ of a `rows × cols` matrix, k = min(rows, cols).
 * `sigma` is descending; U and V are row-major with orthonormal columns
 * (columns of U for zero singular values are zero).
 */
export interface JacobiSvd {
  readonly rows: number;
  readonly cols: number;
  readonly k: number;
  /** Singular values σ₁ >= … >= σₖ >= 0. */
  readonly sigma: Float64Array;
  /** Left singular vectors, `rows × k` row-major: u_r(i) = `u[i*k + r]`. */
  readonly u: Float64Array;
  /** Right singular vectors, `cols × k` row-major: v_r(j) = `v[j*k + r]`. */
  readonly v: Float64Array;
}

/**
 * Thin SVD by one-sided (Hestenes) Jacobi rotations in float64. Column pairs
 * of the taller orientation are rotated until every pair is orthogonal to
 * working precision; the column norms are then the singular values. No Gram
 * matrix is formed, so tiny singular values keep high relative accuracy
 * (ill-conditioned and rank-deficient input is fine), and the matrix is first
 * scaled by a power of two (exact) so that entries from 1e-300 to 1e300
 * neither underflow nor overflow. Cost O(m n²) per sweep.
 *
 * Throws a `RangeError` for NaN or infinite entries.
 * @example jacobiSvd([[3, 0], [0, -4]]).sigma // Float64Array [4, 3]
 */
export function jacobiSvd(a: MatrixInput, options: JacobiOptions = {}): JacobiSvd {
  return decompose(a, options, true) as JacobiSvd;
}

/** σ₁ >= … >= σₖ by the one-sided Jacobi SVD without accumulating vectors (`singularValues` with method `jacobi`). */
export function jacobiSingularValues(a: MatrixInput, options: JacobiOptions = {}): Float64Array {
  return decompose(a, options, false).sigma;
}

interface Factors {
  rows: number;
  cols: number;
  k: number;
  sigma: Float64Array;
  u?: Float64Array;
  v?: Float64Array;
}

function decompose(input: MatrixInput, options: JacobiOptions, vectors: boolean): Factors {
  const a = toDense(input);
  const { rows, cols, data } = a;
  let maxAbs = 0;
  for (let i = 0; i < data.length; i++) {
    const x = Math.abs(data[i]!);
    if (!Number.isFinite(x)) {
      throw new RangeError(
        `jacobiSvd: the matrix has a non-finite entry (${data[i]}) at index ${i}; check the input for NaN/Infinity`,
      );
    }
    if (x > maxAbs) maxAbs = x;
  }
  // Work on n columns of length m, m >= n: the columns of A, or of Aᵀ when A is wide.
  const wide = rows < cols;
  const m = wide ? cols : rows;
  const n = wide ? rows : cols;
  // Exact power-of-two scaling keeps squared norms in range.
  const scale = maxAbs > 0 ? 2 ** Math.floor(Math.log2(maxAbs)) : 1;
  const w = new Float64Array(m * n); // column-major: column j at w[j*m .. j*m+m)
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      const x = data[i * cols + j]! / scale;
      if (wide) w[i * m + j] = x;
      else w[j * m + i] = x;
    }
  }
  const v = vectors ? new Float64Array(n * n) : undefined;
  if (v) for (let j = 0; j < n; j++) v[j * n + j] = 1;
  if (maxAbs > 0) rotateToOrthogonal(w, v, m, n, options);

  const norms = new Float64Array(n);
  for (let j = 0; j < n; j++) norms[j] = Math.sqrt(sumSquares(w, j * m, m));
  const order = Array.from(norms.keys()).sort((p, q) => norms[q]! - norms[p]!);
  const sigma = Float64Array.from(order, (j) => norms[j]! * scale);
  if (!v) return { rows, cols, k: n, sigma };

  // Left vectors of the working matrix (m × n) and right vectors (n × n), row-major, sorted.
  const left = new Float64Array(m * n);
  const right = new Float64Array(n * n);
  order.forEach((j, r) => {
    const s = norms[j]!;
    if (s > 0) for (let i = 0; i < m; i++) left[i * n + r] = w[j * m + i]! / s;
    for (let i = 0; i < n; i++) right[i * n + r] = v[j * n + i]!;
  });
  // For a wide A we decomposed Aᵀ = W S Zᵀ, so A = Z S Wᵀ.
  return wide ? { rows, cols, k: n, sigma, u: right, v: left } : { rows, cols, k: n, sigma, u: left, v: right };
}

/** Hestenes sweeps on the column-major m × n `w`, accumulating the rotations in `v` when given. */
function rotateToOrthogonal(
  w: Float64Array,
  v: Float64Array | undefined,
  m: number,
  n: number,
  options: JacobiOptions,
): void {
  const tol = options.tolerance ?? Number.EPSILON * Math.max(m, 8);
  const maxSweeps = options.maxSweeps ?? 80;
  const norms = new Float64Array(n);
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    // Squared column norms are recomputed exactly each sweep and updated in closed form within it.
    for (let j = 0; j < n; j++) norms[j] = sumSquares(w, j * m, m);
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      const op = p * m;
      for (let q = p + 1; q < n; q++) {
        const alpha = norms[p]!;
        const beta = norms[q]!;
        if (alpha === 0 || beta === 0) continue;
        const oq = q * m;
        let gamma = 0;
        for (let i = 0; i < m; i++) gamma += w[op + i]! * w[oq + i]!;
        if (Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        rotate(w, op, oq, m, c, s);
        if (v) rotate(v, p * n, q * n, n, c, s);
        norms[p] = alpha - t * gamma;
        norms[q] = beta + t * gamma;
      }
    }
    if (!rotated) return;
  }
}

function sumSquares(x: Float64Array, offset: number, len: number): number {
  let s = 0;
  for (let i = 0; i < len; i++) {
    const t = x[offset + i]!;
    s += t * t;
  }
  return s;
}

/** [x_p, x_q] <- [c x_p - s x_q, s x_p + c x_q] on two contiguous columns. */
function rotate(x: Float64Array, op: number, oq: number, len: number, c: number, s: number): void {
  for (let i = 0; i < len; i++) {
    const xp = x[op + i]!;
    const xq = x[oq + i]!;
    x[op + i] = c * xp - s * xq;
    x[oq + i] = s * xp + c * xq;
  }
}
