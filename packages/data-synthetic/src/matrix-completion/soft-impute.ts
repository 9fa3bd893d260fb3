import { denseMatrix, jacobiSvd, singularValues } from '@rankbias/core';

export interface SoftImputeOptions {
  /** Final shrinkage λ relative to the largest singular value of P_Ω(X) (default 1e-4). */
  readonly lambdaMinRatio?: number;
  /** Number of λ values on the geometric path from 0.5·σ₁(P_Ω(X)) down to the final λ (default 12). */
  readonly pathLength?: number;
  /** Iterations per λ at most (default 60). */
  readonly maxIterations?: number;
  /** Stop a λ when ‖Z_new − Z‖²_F / ‖Z‖²_F < tolerance (default 1e-9). */
  readonly tolerance?: number;
}

export interface SoftImputeResult {
  /** The completed matrix, row-major N × N. */
  readonly completed: Float64Array;
  readonly lambda: number;
  readonly iterations: number;
}

/**
 * The proximal operator of λ‖·‖_*: U diag(max(σ − λ, 0)) Vᵀ (singular value
 * soft-thresholding) of a `rows × cols` row-major matrix.
 */
export function shrinkSingularValues(a: ArrayLike<number>, rows: number, cols: number, lambda: number): Float64Array {
  const { u, sigma: s, v, k } = jacobiSvd(denseMatrix(rows, cols, a));
  const out = new Float64Array(rows * cols);
  for (let r = 0; r < k; r++) {
    const sigma = s[r]! - lambda;
    if (sigma <= 0) break;
    for (let i = 0; i < rows; i++) {
      const ui = u[i * k + r]! * sigma;
      if (ui === 0) continue;
      for (let j = 0; j < cols; j++) out[i * cols + j] += ui * v[j * k + r]!;
    }
  }
  return out;
}

/**
 * SoftImpute (Mazumder, Hastie & Tibshirani 2010): Z ← S_λ(P_Ω(X) + P_Ω⊥(Z)),
 * iterated to convergence along a decreasing path of λ with warm starts.
 * Each fixed point minimises ½‖P_Ω(X − Z)‖²_F + λ‖Z‖_*; as λ → 0 this
 * approaches nuclear-norm minimisation subject to matching the observed
 * entries (the baseline of docs/science.md#4-an-explicit-penalty-that-mirrors-depth).
 */
export function softImpute(
  values: ArrayLike<number>,
  observed: ArrayLike<number>,
  rows: number,
  cols: number,
  options: SoftImputeOptions = {},
): SoftImputeResult {
  const ratio = options.lambdaMinRatio ?? 1e-4;
  const pathLength = options.pathLength ?? 12;
  const maxIterations = options.maxIterations ?? 60;
  const tolerance = options.tolerance ?? 1e-9;
  const mask = new Uint8Array(rows * cols);
  const projected = new Float64Array(rows * cols);
  for (let k = 0; k < observed.length; k++) {
    const i = observed[k]!;
    mask[i] = 1;
    projected[i] = values[i]!;
  }
  const top = singularValues({ rows, cols, data: projected })[0]!;
  const start = 0.5 * top;
  const end = ratio * top;
  let z: Float64Array = new Float64Array(rows * cols);
  let lambda = start;
  let iterations = 0;
  for (let step = 0; step < pathLength; step++) {
    lambda = pathLength === 1 ? end : start * (end / start) ** (step / (pathLength - 1));
    for (let it = 0; it < maxIterations; it++) {
      const filled = new Float64Array(rows * cols);
      for (let i = 0; i < filled.length; i++) filled[i] = mask[i] ? projected[i]! : z[i]!;
      const next = shrinkSingularValues(filled, rows, cols, lambda);
      iterations++;
      let change = 0;
      let norm = 0;
      for (let i = 0; i < next.length; i++) {
        change += (next[i]! - z[i]!) ** 2;
        norm += z[i]! ** 2;
      }
      z = next;
      if (norm > 0 && change / norm < tolerance) break;
    }
  }
  return { completed: z, lambda, iterations };
}
