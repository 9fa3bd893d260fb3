/**
 * Cache-blocked float64 matrix products: `multiply` on `DenseMatrix`, and the
 * flat row-major kernels the SVD routes use internally. Same arithmetic as
 * the textbook triple loop up to summation order.
 */
import { toDense, type DenseMatrix, type MatrixInput } from './dense-matrix.js';

/** Rows of B (the summation index) per block: a KB x JB block of B stays in L2. */
const KB = 128;
/** Columns of B and C per block: a C row segment stays in L1. */
const JB = 256;

/**
 * The matrix product A·B in float64 (cache-blocked).
 * @example multiply([[1, 2]], [[3], [4]]).data // Float64Array [11]
 */
export function multiply(a: MatrixInput, b: MatrixInput): DenseMatrix {
  const x = toDense(a);
  const y = toDense(b);
  if (x.cols !== y.rows)
    throw new RangeError(`multiply: ${x.rows}x${x.cols} times ${y.rows}x${y.cols}: inner dimensions differ`);
  return { rows: x.rows, cols: y.cols, data: multiplyFlat(x.data, y.data, x.rows, x.cols, y.cols) };
}

/**
 * C (m x n) = A (m x k) · B (k x n) on flat row-major arrays. With
 * `upperOnly` (square C only) just C[i][j] for j >= i is computed; the rest stays 0.
 */
export function multiplyFlat(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  m: number,
  k: number,
  n: number,
  upperOnly = false,
): Float64Array {
  if (a.length !== m * k || b.length !== k * n) {
    throw new RangeError(
      `multiplyFlat: expected ${m}x${k} and ${k}x${n} operands, got ${a.length} and ${b.length} values`,
    );
  }
  const c = new Float64Array(m * n);
  for (let j0 = 0; j0 < n; j0 += JB) {
    const j1 = Math.min(j0 + JB, n);
    for (let p0 = 0; p0 < k; p0 += KB) {
      const p1 = Math.min(p0 + KB, k);
      const iEnd = upperOnly ? Math.min(m, j1) : m;
      let i = 0;
      // Two rows of C at a time share every load of B; with `upperOnly`, only rows whose
      // upper part covers the whole column block (i + 1 <= j0) go in pairs.
      const pairEnd = upperOnly ? Math.min(iEnd, j0 + 1) : iEnd;
      for (; i + 1 < pairEnd; i += 2) rowPairUpdate(a, b, c, i, k, n, p0, p1, j0, j1);
      for (; i < iEnd; i++) rowUpdate(a, b, c, i, k, n, p0, p1, upperOnly && i > j0 ? i : j0, j1);
    }
  }
  return c;
}

/** C[i][js..j1) += Σ_{p0<=p<p1} A[i][p] B[p][js..j1), four rank-1 updates per pass over the C row. */
function rowUpdate(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  c: Float64Array,
  i: number,
  k: number,
  n: number,
  p0: number,
  p1: number,
  js: number,
  j1: number,
): void {
  const ci = i * n;
  const ai = i * k;
  let p = p0;
  for (; p + 3 < p1; p += 4) {
    const x0 = a[ai + p]!;
    const x1 = a[ai + p + 1]!;
    const x2 = a[ai + p + 2]!;
    const x3 = a[ai + p + 3]!;
    const b0 = p * n;
    const b1 = b0 + n;
    const b2 = b1 + n;
    const b3 = b2 + n;
    for (let j = js; j < j1; j++) {
      c[ci + j] = c[ci + j]! + x0 * b[b0 + j]! + x1 * b[b1 + j]! + x2 * b[b2 + j]! + x3 * b[b3 + j]!;
    }
  }
  for (; p < p1; p++) {
    const x = a[ai + p]!;
    const bp = p * n;
    for (let j = js; j < j1; j++) c[ci + j] = c[ci + j]! + x * b[bp + j]!;
  }
}

/** `rowUpdate` for rows i and i+1 together. */
function rowPairUpdate(
  a: ArrayLike<number>,
  b: ArrayLike<number>,
  c: Float64Array,
  i: number,
  k: number,
  n: number,
  p0: number,
  p1: number,
  j0: number,
  j1: number,
): void {
  const c0 = i * n;
  const c1 = c0 + n;
  const a0 = i * k;
  const a1 = a0 + k;
  let p = p0;
  for (; p + 3 < p1; p += 4) {
    const x0 = a[a0 + p]!;
    const x1 = a[a0 + p + 1]!;
    const x2 = a[a0 + p + 2]!;
    const x3 = a[a0 + p + 3]!;
    const y0 = a[a1 + p]!;
    const y1 = a[a1 + p + 1]!;
    const y2 = a[a1 + p + 2]!;
    const y3 = a[a1 + p + 3]!;
    const b0 = p * n;
    const b1 = b0 + n;
    const b2 = b1 + n;
    const b3 = b2 + n;
    for (let j = j0; j < j1; j++) {
      const u0 = b[b0 + j]!;
      const u1 = b[b1 + j]!;
      const u2 = b[b2 + j]!;
      const u3 = b[b3 + j]!;
      c[c0 + j] = c[c0 + j]! + x0 * u0 + x1 * u1 + x2 * u2 + x3 * u3;
      c[c1 + j] = c[c1 + j]! + y0 * u0 + y1 * u1 + y2 * u2 + y3 * u3;
    }
  }
  for (; p < p1; p++) {
    const x = a[a0 + p]!;
    const y = a[a1 + p]!;
    const bp = p * n;
    for (let j = j0; j < j1; j++) {
      const u = b[bp + j]!;
      c[c0 + j] = c[c0 + j]! + x * u;
      c[c1 + j] = c[c1 + j]! + y * u;
    }
  }
}

/** Bᵀ of a rows x cols row-major matrix, written into `t` when given (rows·cols values). */
export function transposeFlat(
  b: ArrayLike<number>,
  rows: number,
  cols: number,
  t: Float64Array = new Float64Array(rows * cols),
): Float64Array {
  for (let i = 0; i < rows; i++) {
    const bi = i * cols;
    for (let j = 0; j < cols; j++) t[j * rows + i] = b[bi + j]!;
  }
  return t;
}

/** The symmetric Gram matrix Aᵀ A (n x n) of A (m x n). */
export function gramMatrix(a: ArrayLike<number>, m: number, n: number): Float64Array {
  const g = multiplyFlat(transposeFlat(a, m, n), a, n, m, n, true);
  for (let p = 0; p < n; p++) for (let q = 0; q < p; q++) g[p * n + q] = g[q * n + p]!;
  return g;
}
