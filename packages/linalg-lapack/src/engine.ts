import type { LapackLibrary } from './library.js';

/** Eigen-decomposition of a symmetric matrix: values ascending, eigenvector k at `vectors[k*n .. k*n+n)`. */
export interface SymmetricEigenResult {
  readonly values: Float64Array;
  readonly vectors: Float64Array;
}

/**
 * Thin SVD A = U diag(sigma) Vᵀ of a rows × cols matrix with rows ≥ cols = k:
 * `sigma` descending; `u` rows × k and `v` cols × k, row-major (u_r(i) = u[i*k + r]).
 */
export interface ThinSvdResult {
  readonly sigma: Float64Array;
  readonly u: Float64Array;
  readonly v: Float64Array;
}

/**
 * The float64 operations rankbias's penalty needs, on row-major arrays, run
 * by LAPACK/BLAS. Matches the `Float64Accelerator` interface of
 * `@rankbias/core` structurally (this package does not depend on core).
 */
export interface LapackEngine {
  /** One line: library, configuration and threads. */
  readonly name: string;
  readonly library: string;
  /**
   * Eigen-decomposition of AᵀA for the row-major m × n matrix A, m ≥ n (dsyrk + dsyevd).
   * `vectors`, when given (n·n values, contents ignored), receives the eigenvectors and is returned.
   */
  gramEigen(a: Float64Array, m: number, n: number, vectors?: Float64Array): SymmetricEigenResult;
  /** Thin SVD of the row-major m × n matrix A, m ≥ n (dgesdd). */
  svd(a: Float64Array, m: number, n: number): ThinSvdResult;
  /** Singular values of the row-major m × n matrix A, m ≥ n, descending (dgesdd without vectors). */
  singularValues(a: Float64Array, m: number, n: number): Float64Array;
  /**
   * The row-major m × n product of row-major A (m × k) and B (k × n) (cblas_dgemm), written into
   * `out` when given (m·n values, contents ignored) and returned.
   */
  multiply(a: Float64Array, b: Float64Array, m: number, k: number, n: number, out?: Float64Array): Float64Array;
  /**
   * C = op(A) · op(B) in float32 (cblas_sgemm), overwriting C: row-major, op(A) m × k
   * and op(B) k × n, where op transposes the stored matrix when asked (A stored
   * k × m, B stored n × k). The arrays may be views (the tfjs wasm heap).
   */
  gemmFloat32(
    transposeA: boolean,
    transposeB: boolean,
    m: number,
    n: number,
    k: number,
    a: Float32Array,
    b: Float32Array,
    c: Float32Array,
  ): void;
}

/** A LAPACK call returned INFO ≠ 0. */
export class LapackCallError extends Error {
  override readonly name = 'LapackCallError';
  constructor(
    readonly routine: string,
    readonly info: number,
  ) {
    super(
      `${routine} failed with INFO = ${info}${info > 0 ? ' (did not converge; non-finite or extreme input?)' : ' (invalid argument; please report)'}`,
    );
  }
}

function checkSquareish(routine: string, length: number, m: number, n: number): void {
  if (!(Number.isInteger(m) && Number.isInteger(n) && m >= n && n >= 0)) {
    throw new RangeError(`${routine}: expected rows >= cols >= 0, got ${m} x ${n}`);
  }
  if (length !== m * n) throw new RangeError(`${routine}: expected ${m * n} values for ${m} x ${n}, got ${length}`);
}

const int = (v: number) => Int32Array.of(v);
/** CBLAS enum values (cblas.h). */
/** The caller's output buffer, checked for its length, or a new one. */
function outBuffer(routine: string, out: Float64Array | undefined, length: number): Float64Array {
  if (out === undefined) return new Float64Array(length);
  if (out.length !== length) {
    throw new RangeError(`${routine}: the output buffer must hold ${length} values, got ${out.length}`);
  }
  return out;
}

const CBLAS_ROW_MAJOR = 101;
const CBLAS_NO_TRANS = 111;
const CBLAS_TRANS = 112;
const dbl = (v: number) => Float64Array.of(v);

/**
 * Wraps a loaded library. Row-major arrays are column-major transposes, so
 * each routine is called on the transposed problem: the m × n row-major A is
 * the column-major n × m matrix X = Aᵀ, AᵀA = X Xᵀ, and C = A B is Cᵀ = Bᵀ Aᵀ.
 */
export function createLapackEngine(lib: LapackLibrary): LapackEngine {
  const { cblasDgemm, cblasSgemm, dsyrk, dsyevd, dgesdd } = lib.fn;
  const one = dbl(1);
  const zero = dbl(0);
  const info = new Int32Array(1);
  const gesddWork = new Map<string, { work: Float64Array; iwork: Int32Array }>();
  const syevdWork = new Map<number, { work: Float64Array; iwork: Int32Array }>();

  const details = [
    lib.config,
    lib.threads === undefined ? undefined : `${lib.threads} thread${lib.threads === 1 ? '' : 's'}`,
  ]
    .filter(Boolean)
    .join(', ');
  const name = `LAPACK ${lib.path}${details ? ` (${details})` : ''}`;

  function multiply(
    a: Float64Array,
    b: Float64Array,
    m: number,
    k: number,
    n: number,
    out?: Float64Array,
  ): Float64Array {
    if (a.length !== m * k || b.length !== k * n) {
      throw new RangeError(
        `multiply: expected ${m}x${k} and ${k}x${n} operands, got ${a.length} and ${b.length} values`,
      );
    }
    const c = outBuffer('multiply', out, m * n);
    if (m === 0 || n === 0) return c;
    if (k === 0) return c.fill(0);
    cblasDgemm(CBLAS_ROW_MAJOR, CBLAS_NO_TRANS, CBLAS_NO_TRANS, m, n, k, 1, a, k, b, n, 0, c, n);
    return c;
  }

  const gemmFloat32: LapackEngine['gemmFloat32'] = (transposeA, transposeB, m, n, k, a, b, c) => {
    if (a.length < m * k || b.length < k * n || c.length < m * n) {
      throw new RangeError(
        `gemmFloat32: ${m}x${k} times ${k}x${n} needs ${m * k}, ${k * n} and ${m * n} values, ` +
          `got ${a.length}, ${b.length} and ${c.length}`,
      );
    }
    if (m === 0 || n === 0) return;
    if (k === 0) {
      c.fill(0, 0, m * n);
      return;
    }
    cblasSgemm(
      CBLAS_ROW_MAJOR,
      transposeA ? CBLAS_TRANS : CBLAS_NO_TRANS,
      transposeB ? CBLAS_TRANS : CBLAS_NO_TRANS,
      m,
      n,
      k,
      1,
      a,
      transposeA ? m : k,
      b,
      transposeB ? k : n,
      0,
      c,
      n,
    );
  };

  function gramEigen(a: Float64Array, m: number, n: number, vectors?: Float64Array): SymmetricEigenResult {
    checkSquareish('gramEigen', a.length, m, n);
    const values = new Float64Array(n);
    const g = outBuffer('gramEigen', vectors, n * n);
    if (n === 0) return { values, vectors: g };
    // G = X Xᵀ with X = Aᵀ (n × m, column-major, leading dimension n); lower triangle.
    dsyrk('L', 'N', int(n), int(m), one, a, int(n), zero, g, int(n), 1, 1);
    // dsyevd's workspace for eigenvectors (1 + 6n + 2n² doubles, 16 MB at n = 1024), kept per size: a
    // penalty calls this every step.
    let ws = syevdWork.get(n);
    if (!ws) {
      ws = { work: new Float64Array(1 + 6 * n + 2 * n * n), iwork: new Int32Array(3 + 5 * n) };
      if (syevdWork.size > 8) syevdWork.clear();
      syevdWork.set(n, ws);
    }
    dsyevd(
      'V',
      'L',
      int(n),
      g,
      int(n),
      values,
      ws.work,
      int(ws.work.length),
      ws.iwork,
      int(ws.iwork.length),
      info,
      1,
      1,
    );
    if (info[0] !== 0) throw new LapackCallError('dsyevd', info[0]!);
    // Column j of the column-major result is eigenvector j: row j of the row-major array.
    return { values, vectors: g };
  }

  const none = new Float64Array(1);

  /**
   * dgesdd on the column-major n × m matrix X = Aᵀ (overwritten), with its
   * workspace kept per job and size: `N` (values only) or `S` (thin vectors
   * into ux, n × n, and vtx, n × m).
   */
  function gesdd(jobz: 'N' | 'S', x: Float64Array, m: number, n: number, sigma: Float64Array, ux = none, vtx = none) {
    const ld = jobz === 'N' ? 1 : n;
    const call = (work: Float64Array, lwork: number, iwork: Int32Array) =>
      dgesdd(jobz, int(n), int(m), x, int(n), sigma, ux, int(ld), vtx, int(ld), work, int(lwork), iwork, info, 1);
    const key = `${jobz}${m}x${n}`;
    let ws = gesddWork.get(key);
    if (!ws) {
      const query = new Float64Array(1);
      const iwork = new Int32Array(8 * n);
      call(query, -1, iwork);
      if (info[0] !== 0) throw new LapackCallError('dgesdd (workspace query)', info[0]!);
      ws = { work: new Float64Array(Math.ceil(query[0]!)), iwork };
      if (gesddWork.size > 8) gesddWork.clear();
      gesddWork.set(key, ws);
    }
    call(ws.work, ws.work.length, ws.iwork);
    if (info[0] !== 0) throw new LapackCallError('dgesdd', info[0]!);
  }

  function singularValues(a: Float64Array, m: number, n: number): Float64Array {
    checkSquareish('singularValues', a.length, m, n);
    const sigma = new Float64Array(n);
    // X = Aᵀ (n × m, column-major) has A's singular values; dgesdd overwrites it, so a copy.
    if (n > 0) gesdd('N', a.slice(), m, n, sigma);
    return sigma;
  }

  function svd(a: Float64Array, m: number, n: number): ThinSvdResult {
    checkSquareish('svd', a.length, m, n);
    const sigma = new Float64Array(n);
    if (n === 0) return { sigma, u: new Float64Array(0), v: new Float64Array(0) };
    // X = Aᵀ is n × m (wide): X = Ux Σ Vxᵀ, so A = Vx Σ Uxᵀ: U_A = Vx, V_A = Ux.
    const ux = new Float64Array(n * n);
    const vtx = new Float64Array(n * m);
    gesdd('S', a.slice(), m, n, sigma, ux, vtx);
    // Vxᵀ is n × m column-major: element (r, i) at vtx[r + i*n] = U_A(i, r), i.e. exactly u[i*n + r].
    const u = vtx;
    // Ux is n × n column-major: Ux(c, r) at ux[c + r*n]; v wants v[c*n + r].
    const v = new Float64Array(n * n);
    for (let c = 0; c < n; c++) for (let r = 0; r < n; r++) v[c * n + r] = ux[c + r * n]!;
    return { sigma, u, v };
  }

  return { name, library: lib.path, gramEigen, svd, singularValues, multiply, gemmFloat32 };
}
