/**
 * Eigen-decomposition of a real symmetric matrix: Householder reduction to
 * tridiagonal form followed by the implicit QL algorithm (EISPACK tred2/tql2,
 * as in JAMA), on flat float64 arrays.
 */
import { householderTridiagonal } from './tridiagonal.js';

export interface SymmetricEigen {
  /** Eigenvalues, ascending. */
  readonly values: Float64Array;
  /** Eigenvector k (unit) at `vectors[k*n .. k*n+n)`. */
  readonly vectors: Float64Array;
}

/** Eigen-decomposition of the symmetric n x n matrix `a` (row-major, only symmetric input is meaningful). */
export function symmetricEigen(a: Float64Array, n: number): SymmetricEigen {
  if (a.length !== n * n) throw new RangeError(`symmetricEigen: expected ${n * n} values, got ${a.length}`);
  // w[r*n + c] holds the logical V(c, r): each eigenvector ends up as a contiguous row.
  const w = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) w[j * n + i] = a[i * n + j]!;
  const d = new Float64Array(n);
  const e = new Float64Array(n);
  if (n === 0) return { values: d, vectors: w };
  householderTridiagonal(n, e, d, w);
  tql2(n, e, d, w);
  return { values: d, vectors: w };
}

function tql2(n: number, e: Float64Array, d: Float64Array, V: Float64Array): void {
  for (let i = 1; i < n; i++) e[i - 1] = e[i]!;
  e[n - 1] = 0;
  let f = 0;
  let tst1 = 0;
  const eps = Number.EPSILON;
  // The rotations of one QL sweep, applied to V after the sweep (see applyRotations).
  const cosines = new Float64Array(n);
  const sines = new Float64Array(n);
  for (let l = 0; l < n; l++) {
    tst1 = Math.max(tst1, Math.abs(d[l]!) + Math.abs(e[l]!));
    let m = l;
    while (m < n) {
      if (Math.abs(e[m]!) <= eps * tst1) break;
      m++;
    }
    if (m > l) {
      let iter = 0;
      do {
        iter++;
        if (iter > 60) throw new Error('symmetricEigen: QL iteration did not converge (non-finite input?)');
        let g = d[l]!;
        let p = (d[l + 1]! - g) / (2 * e[l]!);
        let r = Math.hypot(p, 1);
        if (p < 0) r = -r;
        d[l] = e[l]! / (p + r);
        d[l + 1] = e[l]! * (p + r);
        const dl1 = d[l + 1]!;
        let h = g - d[l]!;
        for (let i = l + 2; i < n; i++) d[i]! -= h;
        f += h;
        p = d[m]!;
        let c = 1;
        let c2 = c;
        let c3 = c;
        const el1 = e[l + 1]!;
        let s = 0;
        let s2 = 0;
        for (let i = m - 1; i >= l; i--) {
          c3 = c2;
          c2 = c;
          s2 = s;
          g = c * e[i]!;
          h = c * p;
          r = Math.hypot(p, e[i]!);
          e[i + 1] = s * r;
          s = e[i]! / r;
          c = p / r;
          p = c * d[i]! - s * g;
          d[i + 1] = h + s * (c * g + s * d[i]!);
          cosines[i] = c;
          sines[i] = s;
        }
        applyRotations(V, n, l, m, cosines, sines);
        p = (-s * s2 * c3 * el1 * e[l]!) / dl1;
        e[l] = s * p;
        d[l] = c * p;
      } while (Math.abs(e[l]!) > eps * tst1);
    }
    d[l] = d[l]! + f;
    e[l] = 0;
  }
  // Sort ascending, moving eigenvector rows along.
  for (let i = 0; i < n - 1; i++) {
    let k = i;
    let p = d[i]!;
    for (let j = i + 1; j < n; j++) {
      if (d[j]! < p) {
        k = j;
        p = d[j]!;
      }
    }
    if (k !== i) {
      d[k] = d[i]!;
      d[i] = p;
      const rowI = i * n;
      const rowK = k * n;
      for (let j = 0; j < n; j++) {
        const t = V[rowI + j]!;
        V[rowI + j] = V[rowK + j]!;
        V[rowK + j] = t;
      }
    }
  }
}

/**
 * Applies the plane rotations of one QL sweep to V: for i = m-1 down to l,
 * rows (i+1, i) <- (s row_i + c row_{i+1}, c row_i - s row_{i+1}). Four
 * (or two) consecutive rotations go through the rows together (five rows
 * loaded and stored once instead of eight loads and stores); every entry sees the same
 * operations in the same order as one rotation at a time, so the result is
 * bit-identical.
 */
function applyRotations(
  V: Float64Array,
  n: number,
  l: number,
  m: number,
  cosines: Float64Array,
  sines: Float64Array,
): void {
  let i = m - 1;
  for (; i - 3 >= l; i -= 4) {
    const c = cosines[i]!;
    const s = sines[i]!;
    const c2 = cosines[i - 1]!;
    const s2 = sines[i - 1]!;
    const c3 = cosines[i - 2]!;
    const s3 = sines[i - 2]!;
    const c4 = cosines[i - 3]!;
    const s4 = sines[i - 3]!;
    const row1 = (i + 1) * n;
    const row0 = i * n;
    const rowM = (i - 1) * n;
    const rowM2 = (i - 2) * n;
    const rowM3 = (i - 3) * n;
    for (let k = 0; k < n; k++) {
      const h = V[row1 + k]!;
      const v0 = V[row0 + k]!;
      const vm = V[rowM + k]!;
      const vm2 = V[rowM2 + k]!;
      const vm3 = V[rowM3 + k]!;
      V[row1 + k] = s * v0 + c * h;
      const t = c * v0 - s * h;
      V[row0 + k] = s2 * vm + c2 * t;
      const t2 = c2 * vm - s2 * t;
      V[rowM + k] = s3 * vm2 + c3 * t2;
      const t3 = c3 * vm2 - s3 * t2;
      V[rowM2 + k] = s4 * vm3 + c4 * t3;
      V[rowM3 + k] = c4 * vm3 - s4 * t3;
    }
  }
  for (; i - 1 >= l; i -= 2) {
    const c = cosines[i]!;
    const s = sines[i]!;
    const c2 = cosines[i - 1]!;
    const s2 = sines[i - 1]!;
    const row1 = (i + 1) * n;
    const row0 = i * n;
    const rowM = (i - 1) * n;
    for (let k = 0; k < n; k++) {
      const h = V[row1 + k]!;
      const v0 = V[row0 + k]!;
      const vm = V[rowM + k]!;
      V[row1 + k] = s * v0 + c * h;
      const t = c * v0 - s * h;
      V[row0 + k] = s2 * vm + c2 * t;
      V[rowM + k] = c2 * vm - s2 * t;
    }
  }
  if (i === l) {
    const c = cosines[i]!;
    const s = sines[i]!;
    const row1 = (i + 1) * n;
    const row0 = i * n;
    for (let k = 0; k < n; k++) {
      const h = V[row1 + k]!;
      const v0 = V[row0 + k]!;
      V[row1 + k] = s * v0 + c * h;
      V[row0 + k] = c * v0 - s * h;
    }
  }
}
