/**
 * Small dense linear algebra in float64 for matrices up to a few hundred
 * rows: a one-sided Jacobi (Hestenes) SVD. Row-major `Float64Array`s.
 */
export interface Svd {
  /** Left singular vectors, `rows × k` row-major (k = min(rows, cols)). */
  readonly u: Float64Array;
  /** Singular values, descending, length k. */
  readonly s: Float64Array;
  /** Right singular vectors, `cols × k` row-major. */
  readonly v: Float64Array;
  readonly rows: number;
  readonly cols: number;
  readonly k: number;
}

/**
 * Thin SVD A = U diag(s) Vᵀ of a `rows × cols` row-major matrix by one-sided
 * Jacobi rotations (accurate to working precision, robust on rank-deficient
 * and ill-conditioned input). Cost ~ sweeps · min² · max flops.
 */
export function jacobiSvd(a: ArrayLike<number>, rows: number, cols: number, options: { maxSweeps?: number } = {}): Svd {
  if (a.length !== rows * cols) throw new RangeError(`jacobiSvd: expected ${rows}×${cols} = ${rows * cols} values, got ${a.length}`);
  if (rows < cols) {
    const t = jacobiSvd(transpose(a, rows, cols), cols, rows, options);
    return { u: t.v, s: t.s, v: t.u, rows, cols, k: t.k };
  }
  const m = rows;
  const n = cols;
  // columns of A (working copy) and of V, each contiguous
  const col: Float64Array[] = [];
  const vcol: Float64Array[] = [];
  for (let j = 0; j < n; j++) {
    const c = new Float64Array(m);
    for (let i = 0; i < m; i++) c[i] = a[i * n + j]!;
    col.push(c);
    const e = new Float64Array(n);
    e[j] = 1;
    vcol.push(e);
  }
  const maxSweeps = options.maxSweeps ?? 60;
  const tol = 1e-15;
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let rotated = false;
    for (let p = 0; p < n - 1; p++) {
      const cp = col[p]!;
      for (let q = p + 1; q < n; q++) {
        const cq = col[q]!;
        let alpha = 0;
        let beta = 0;
        let gamma = 0;
        for (let i = 0; i < m; i++) {
          const x = cp[i]!;
          const y = cq[i]!;
          alpha += x * x;
          beta += y * y;
          gamma += x * y;
        }
        if (gamma === 0 || Math.abs(gamma) <= tol * Math.sqrt(alpha * beta)) continue;
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
        const vp = vcol[p]!;
        const vq = vcol[q]!;
        for (let i = 0; i < n; i++) {
          const x = vp[i]!;
          const y = vq[i]!;
          vp[i] = c * x - s * y;
          vq[i] = s * x + c * y;
        }
      }
    }
    if (!rotated) break;
  }
  const norms = col.map((c) => Math.sqrt(c.reduce((acc, x) => acc + x * x, 0)));
  const order = norms.map((_, j) => j).sort((x, y) => norms[y]! - norms[x]!);
  const u = new Float64Array(m * n);
  const v = new Float64Array(n * n);
  const s = new Float64Array(n);
  order.forEach((j, r) => {
    const sigma = norms[j]!;
    s[r] = sigma;
    const c = col[j]!;
    for (let i = 0; i < m; i++) u[i * n + r] = sigma > 0 ? c[i]! / sigma : 0;
    const vc = vcol[j]!;
    for (let i = 0; i < n; i++) v[i * n + r] = vc[i]!;
  });
  return { u, s, v, rows: m, cols: n, k: n };
}

/** Singular values only (descending). */
export function singularValues(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  return jacobiSvd(a, rows, cols).s;
}

export function transpose(a: ArrayLike<number>, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[j * rows + i] = a[i * cols + j]!;
  return out;
}
