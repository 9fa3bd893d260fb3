import type { DenseMatrix } from './dense-matrix.js';

/**
 * Thin SVD factors of a matrix with at least as many rows as columns (m >= n):
 * `sigma[j]` and the unit columns `u` (column-major, m x n) and `v`
 * (column-major, n x n) with A v_j = sigma_j u_j. Not sorted.
 */
export interface ThinSvd {
  readonly m: number;
  readonly n: number;
  readonly sigma: Float64Array;
  /** Column j at `u[j*m .. j*m+m)`; zero where sigma[j] is 0. */
  readonly u: Float64Array;
  /** Column j at `v[j*n .. j*n+n)`. */
  readonly v: Float64Array;
}

const MAX_SWEEPS = 80;

/**
 * One-sided (Hestenes) Jacobi SVD in float64. Plane rotations of column
 * pairs are applied until every pair is orthogonal to working precision; the
 * column norms are then the singular values. It computes even tiny singular
 * values to high relative accuracy (no Gram matrix is formed, so the
 * condition number is not squared), and zero columns (rank deficiency) are
 * left alone. Cost O(m n^2) per sweep, typically 6-10 sweeps.
 *
 * `a` must have rows >= cols; transpose a wide matrix first.
 */
export function jacobiSvd(a: DenseMatrix): ThinSvd {
  const { rows: m, cols: n } = a;
  if (m < n) throw new RangeError(`jacobiSvd: expects rows >= cols, got ${m}x${n} (transpose it first)`);
  // Column-major working copy: column j is contiguous.
  const w = new Float64Array(m * n);
  for (let i = 0; i < m; i++) for (let j = 0; j < n; j++) w[j * m + i] = a.data[i * n + j]!;
  const v = new Float64Array(n * n);
  for (let j = 0; j < n; j++) v[j * n + j] = 1;
  const norms = new Float64Array(n);
  const tol = Number.EPSILON * Math.max(m, 8);

  for (let sweep = 0; sweep < MAX_SWEEPS; sweep++) {
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
        rotate(v, p * n, q * n, n, c, s);
        norms[p] = alpha - t * gamma;
        norms[q] = beta + t * gamma;
      }
    }
    if (!rotated) break;
  }

  const sigma = new Float64Array(n);
  for (let j = 0; j < n; j++) {
    const s = Math.sqrt(sumSquares(w, j * m, m));
    sigma[j] = s;
    if (s > 0) for (let i = 0; i < m; i++) w[j * m + i]! /= s;
  }
  return { m, n, sigma, u: w, v };
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
