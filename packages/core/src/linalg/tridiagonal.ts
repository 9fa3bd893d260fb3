/**
 * Householder reduction of a symmetric matrix to tridiagonal form with the
 * orthogonal factor accumulated (EISPACK tred2, as in JAMA), register-blocked:
 * the symmetric matrix-vector product, the rank-2 update and the
 * back-accumulation of the reflectors go through four rows at once, so
 * each load of a shared vector entry serves several rows. Every entry sees the
 * same operations in the same order as in plain tred2, so the result is
 * bit-identical to it (test/support/plain-tridiagonal.ts) at a fraction of the
 * loads and stores, which is what bounds these loops in JS.
 *
 * Layout: V[r*n + c] holds the logical matrix entry (c, r) (each eigenvector
 * ends up as a contiguous row). On return d is the diagonal, e[1..n) the
 * subdiagonal of the tridiagonal matrix, and V the accumulated transformation.
 */
export function householderTridiagonal(n: number, e: Float64Array, d: Float64Array, V: Float64Array): void {
  const last = n - 1;
  for (let j = 0; j < n; j++) d[j] = V[j * n + last]!;
  for (let i = n - 1; i > 0; i--) {
    let scale = 0;
    let h = 0;
    for (let k = 0; k < i; k++) scale += Math.abs(d[k]!);
    if (scale === 0) {
      e[i] = d[i - 1]!;
      for (let j = 0; j < i; j++) {
        d[j] = V[j * n + i - 1]!;
        V[j * n + i] = 0;
        V[i * n + j] = 0;
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
      symmetricProduct(V, n, i, d, e);
      f = 0;
      for (let j = 0; j < i; j++) {
        e[j]! /= h;
        f += e[j]! * d[j]!;
      }
      const hh = f / (h + h);
      for (let j = 0; j < i; j++) e[j]! -= hh * d[j]!;
      rankTwoUpdate(V, n, i, d, e);
    }
    d[i] = h;
  }
  for (let i = 0; i < n - 1; i++) {
    V[i * n + last] = V[i * n + i]!;
    V[i * n + i] = 1;
    const h = d[i + 1]!;
    if (h !== 0) {
      const rowI1 = (i + 1) * n;
      for (let k = 0; k <= i; k++) d[k] = V[rowI1 + k]! / h;
      applyReflector(V, n, i, d);
    }
    for (let k = 0; k <= i; k++) V[(i + 1) * n + k] = 0;
  }
  for (let j = 0; j < n; j++) {
    d[j] = V[j * n + last]!;
    V[j * n + last] = 0;
  }
  V[last * n + last] = 1;
  e[0] = 0;
}

/**
 * e[0..i) += A u with u = d[0..i), reading only the stored triangle (rows j,
 * columns k >= j, of the leading i x i block); also stores u into row i.
 */
function symmetricProduct(V: Float64Array, n: number, i: number, d: Float64Array, e: Float64Array): void {
  const rowI = i * n;
  let j = 0;
  for (; j + 3 < i; j += 4) {
    const f0 = d[j]!;
    const f1 = d[j + 1]!;
    const f2 = d[j + 2]!;
    const f3 = d[j + 3]!;
    V[rowI + j] = f0;
    V[rowI + j + 1] = f1;
    V[rowI + j + 2] = f2;
    V[rowI + j + 3] = f3;
    const r0 = j * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    // The triangle where the four rows start, row by row as plain tred2 orders it.
    let g0 = e[j]! + V[r0 + j]! * f0;
    for (let k = j + 1; k <= j + 3; k++) {
      const a = V[r0 + k]!;
      g0 += a * d[k]!;
      e[k]! += a * f0;
    }
    let g1 = e[j + 1]! + V[r1 + j + 1]! * f1;
    for (let k = j + 2; k <= j + 3; k++) {
      const b = V[r1 + k]!;
      g1 += b * d[k]!;
      e[k]! += b * f1;
    }
    let g2 = e[j + 2]! + V[r2 + j + 2]! * f2;
    const c23 = V[r2 + j + 3]!;
    g2 += c23 * d[j + 3]!;
    e[j + 3]! += c23 * f2;
    let g3 = e[j + 3]! + V[r3 + j + 3]! * f3;
    for (let k = j + 4; k < i; k++) {
      const a = V[r0 + k]!;
      const b = V[r1 + k]!;
      const c = V[r2 + k]!;
      const q = V[r3 + k]!;
      const dk = d[k]!;
      g0 += a * dk;
      g1 += b * dk;
      g2 += c * dk;
      g3 += q * dk;
      e[k] = e[k]! + a * f0 + b * f1 + c * f2 + q * f3;
    }
    e[j] = g0;
    e[j + 1] = g1;
    e[j + 2] = g2;
    e[j + 3] = g3;
  }
  for (; j + 1 < i; j += 2) {
    const f0 = d[j]!;
    const f1 = d[j + 1]!;
    V[rowI + j] = f0;
    V[rowI + j + 1] = f1;
    const r0 = j * n;
    const r1 = r0 + n;
    let g0 = e[j]! + V[r0 + j]! * f0;
    const a01 = V[r0 + j + 1]!;
    g0 += a01 * d[j + 1]!;
    e[j + 1]! += a01 * f0;
    let g1 = e[j + 1]! + V[r1 + j + 1]! * f1;
    for (let k = j + 2; k < i; k++) {
      const a = V[r0 + k]!;
      const b = V[r1 + k]!;
      const dk = d[k]!;
      g0 += a * dk;
      g1 += b * dk;
      e[k] = e[k]! + a * f0 + b * f1;
    }
    e[j] = g0;
    e[j + 1] = g1;
  }
  if (j < i) {
    const f = d[j]!;
    V[rowI + j] = f;
    e[j] = e[j]! + V[j * n + j]! * f;
  }
}

/** A -= u pᵀ + p uᵀ on the stored triangle (u = d, p = e), then moves column i-1 into d and clears column i. */
function rankTwoUpdate(V: Float64Array, n: number, i: number, d: Float64Array, e: Float64Array): void {
  let j = 0;
  for (; j + 3 < i; j += 4) {
    const f0 = d[j]!;
    const g0 = e[j]!;
    const f1 = d[j + 1]!;
    const g1 = e[j + 1]!;
    const f2 = d[j + 2]!;
    const g2 = e[j + 2]!;
    const f3 = d[j + 3]!;
    const g3 = e[j + 3]!;
    const r0 = j * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    for (let k = j; k < j + 3; k++) V[r0 + k]! -= f0 * e[k]! + g0 * d[k]!;
    for (let k = j + 1; k < j + 3; k++) V[r1 + k]! -= f1 * e[k]! + g1 * d[k]!;
    V[r2 + j + 2]! -= f2 * e[j + 2]! + g2 * d[j + 2]!;
    for (let k = j + 3; k < i; k++) {
      const ek = e[k]!;
      const dk = d[k]!;
      V[r0 + k]! -= f0 * ek + g0 * dk;
      V[r1 + k]! -= f1 * ek + g1 * dk;
      V[r2 + k]! -= f2 * ek + g2 * dk;
      V[r3 + k]! -= f3 * ek + g3 * dk;
    }
    // Rows j+1.. read d only from their own diagonal on, so column i-1 moves into d after all four.
    for (let r = r0, t = j; t < j + 4; t++, r += n) {
      d[t] = V[r + i - 1]!;
      V[r + i] = 0;
    }
  }
  for (; j + 1 < i; j += 2) {
    const f0 = d[j]!;
    const g0 = e[j]!;
    const f1 = d[j + 1]!;
    const g1 = e[j + 1]!;
    const r0 = j * n;
    const r1 = r0 + n;
    V[r0 + j]! -= f0 * e[j]! + g0 * d[j]!;
    for (let k = j + 1; k < i; k++) {
      const ek = e[k]!;
      const dk = d[k]!;
      V[r0 + k]! -= f0 * ek + g0 * dk;
      V[r1 + k]! -= f1 * ek + g1 * dk;
    }
    d[j] = V[r0 + i - 1]!;
    V[r0 + i] = 0;
    d[j + 1] = V[r1 + i - 1]!;
    V[r1 + i] = 0;
  }
  if (j < i) {
    const r0 = j * n;
    V[r0 + j]! -= d[j]! * e[j]! + e[j]! * d[j]!;
    d[j] = V[r0 + i - 1]!;
    V[r0 + i] = 0;
  }
}

/** Rows 0..i of V, entries 0..i: row -= (row · w) d with w = row i+1 of V; four rows per pass over w and d. */
function applyReflector(V: Float64Array, n: number, i: number, d: Float64Array): void {
  const w = (i + 1) * n;
  let j = 0;
  for (; j + 3 <= i; j += 4) {
    const r0 = j * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    let g0 = 0;
    let g1 = 0;
    let g2 = 0;
    let g3 = 0;
    for (let k = 0; k <= i; k++) {
      const wk = V[w + k]!;
      g0 += wk * V[r0 + k]!;
      g1 += wk * V[r1 + k]!;
      g2 += wk * V[r2 + k]!;
      g3 += wk * V[r3 + k]!;
    }
    for (let k = 0; k <= i; k++) {
      const dk = d[k]!;
      V[r0 + k]! -= g0 * dk;
      V[r1 + k]! -= g1 * dk;
      V[r2 + k]! -= g2 * dk;
      V[r3 + k]! -= g3 * dk;
    }
  }
  for (; j <= i; j++) {
    const r = j * n;
    let g = 0;
    for (let k = 0; k <= i; k++) g += V[w + k]! * V[r + k]!;
    for (let k = 0; k <= i; k++) V[r + k]! -= g * d[k]!;
  }
}
