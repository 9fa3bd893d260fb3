/**
 * Eigen-decomposition of a real symmetric matrix: Householder reduction to
 * tridiagonal form followed by the implicit QL algorithm (EISPACK tred2/tql2,
 * as in JAMA), on flat float64 arrays.
 */
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
  tred2(n, e, d, w);
  tql2(n, e, d, w);
  return { values: d, vectors: w };
}

function tred2(n: number, e: Float64Array, d: Float64Array, V: Float64Array): void {
  const get = (r: number, c: number) => V[r * n + c]!;
  const set = (r: number, c: number, x: number) => {
    V[r * n + c] = x;
  };
  for (let j = 0; j < n; j++) d[j] = get(j, n - 1);
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = get(j, i - 1);
        set(j, i, 0);
        set(i, j, 0);
      }
    } else {
      for (let k = 0; k < i; k++) {
        d[k]! /= scale;
        h += d[k]! * d[k]!;
      }
      let f = d[i - 1]!;
      let g = Math.sqrt(h);
      if (f > 0) g = -g;
      e[i] = scale * g;
      h -= f * g;
      d[i - 1] = f - g;
      for (let j = 0; j < i; j++) e[j] = 0;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        set(i, j, f);
        const rowJ = j * n;
        g = e[j]! + V[rowJ + j]! * f;
        for (let k = j + 1; k <= i - 1; k++) {
          g += V[rowJ + k]! * d[k]!;
          e[k]! += V[rowJ + k]! * f;
        }
        e[j] = g;
      }
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j]! /= h;
        f += e[j]! * d[j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j]! -= hh * d[j]!;
      for (let j = 0; j < i; j++) {
        f = d[j]!;
        g = e[j]!;
        const rowJ = j * n;
        for (let k = j; k <= i - 1; k++) V[rowJ + k]! -= f * e[k]! + g * d[k]!;
        d[j] = get(j, i - 1);
        set(j, i, 0);
      }
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    set(i, n - 1, get(i, i));
    set(i, i, 1);
    const h = d[i + 1]!;
    if (h !== 0) {
      const rowI1 = (i + 1) * n;
      for (let k = 0; k <= i; k++) d[k] = V[rowI1 + k]! / h;
      for (let j = 0; j <= i; j++) {
        const rowJ = j * n;
        let g = 0;
        for (let k = 0; k <= i; k++) g += V[rowI1 + k]! * V[rowJ + k]!;
        for (let k = 0; k <= i; k++) V[rowJ + k]! -= g * d[k]!;
      }
    }
    for (let k = 0; k <= i; k++) set(i + 1, k, 0);
  }
  for (let j = 0; j < n; j++) {
    d[j] = get(j, n - 1);
    set(j, n - 1, 0);
  }
  set(n - 1, n - 1, 1);
  e[0] = 0;
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
 * rows (i+1, i) <- (s row_i + c row_{i+1}, c row_i - s row_{i+1}). Two
 * consecutive rotations go through the rows together (three rows loaded and
 * stored once instead of four loads and stores); every entry sees the same
 * operations in the same order as one rotation at a time, so the result is
 * bit-identical.
 */
function applyRotations(V: Float64Array, n: number, l: number, m: number, cosines: Float64Array, sines: Float64Array): void {
  let i = m - 1;
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
