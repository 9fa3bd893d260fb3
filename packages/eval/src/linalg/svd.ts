import type { Matrix } from './matrix.js';

/** Options of the one-sided Jacobi SVD. */
export interface JacobiOptions {
  /** Relative orthogonality tolerance between column pairs (default 1e-15). */
  readonly tolerance?: number;
  /** Maximum number of sweeps over all column pairs (default 80). */
  readonly maxSweeps?: number;
}

/**
 * Singular values of `a` in descending order (`min(rows, cols)` of them),
 * by one-sided Jacobi rotations (Hestenes) in float64: the columns of the
 * narrower orientation are rotated pairwise until mutually orthogonal, and
 * the singular values are their norms. Accurate to high relative precision
 * even for rank-deficient and ill-conditioned matrices.
 */
export function singularValues(a: Matrix, options: JacobiOptions = {}): Float64Array {
  const tol = options.tolerance ?? 1e-15;
  const maxSweeps = options.maxSweeps ?? 80;
  for (let i = 0; i < a.data.length; i++) {
    if (!Number.isFinite(a.data[i]!)) {
      throw new RangeError(`singularValues: the matrix has a non-finite entry (${a.data[i]}) at index ${i}`);
    }
  }
  // Work on n columns of length m with n <= m (columns of A, or of A^T).
  const tall = a.rows >= a.cols;
  const n = tall ? a.cols : a.rows;
  const m = tall ? a.rows : a.cols;
  if (n === 0) return new Float64Array(0);
  const cols: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const c = new Float64Array(m);
    for (let i = 0; i < m; i++) c[i] = tall ? a.data[i * a.cols + j]! : a.data[j * a.cols + i]!;
    cols.push(c);
  }
  // Scale to avoid overflow/underflow in the squared norms.
  let maxAbs = 0;
  for (const c of cols) for (let i = 0; i < m; i++) maxAbs = Math.max(maxAbs, Math.abs(c[i]!));
  if (maxAbs === 0) return new Float64Array(n);
  for (const c of cols) for (let i = 0; i < m; i++) c[i]! /= maxAbs;

  const norms = cols.map((c) => dot(c, c, m));
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      for (let q = p + 1; q < n; q++) {
        const alpha = norms[p]!;
        const beta = norms[q]!;
        if (alpha === 0 || beta === 0) continue;
        const cp = cols[p]!;
        const cq = cols[q]!;
        const gamma = dot(cp, cq, m);
        if (Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
        rotated = true;
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const c = 1 / Math.sqrt(1 + t * t);
        const s = c * t;
        for (let i = 0; i < m; i++) {
          const x = cp[i]!;
          const y = cq[i]!;
          cp[i] = c * x - s * y;
          cq[i] = s * x + c * y;
        }
        // Recompute the norms exactly rather than updating them (robust for tiny columns).
        norms[p] = dot(cp, cp, m);
        norms[q] = dot(cq, cq, m);
      }
    }
    if (!rotated) break;
  }
  const out = Float64Array.from(norms, (v) => Math.sqrt(v) * maxAbs);
  return out.sort().reverse();
}

function dot(x: Float64Array, y: Float64Array, m: number): number {
  let s = 0;
  for (let i = 0; i < m; i++) s += x[i]! * y[i]!;
  return s;
}
