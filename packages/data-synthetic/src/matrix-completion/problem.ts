import { createRng, shuffledIndices } from '@rankbias/core';

/** Options of a synthetic matrix-completion instance (docs/science.md#4-an-explicit-penalty-that-mirrors-depth). */
export interface MatrixCompletionOptions {
  /** N: the matrix is N × N. */
  readonly size: number;
  /** r: rank of the ground truth. */
  readonly rank: number;
  /** m: number of observed entries, drawn uniformly without replacement. */
  readonly observed: number;
  /** Seed of the instance (ground truth and observed set). */
  readonly seed: number;
}

/** A ground truth W* = U Vᵀ (‖W*‖_F = N) with its observed and unobserved entries. */
export interface MatrixCompletionProblem {
  readonly size: number;
  readonly rank: number;
  /** W*, row-major N × N. */
  readonly truth: Float64Array;
  /** Flat indices (row · N + col) of the observed entries, in sampling order. */
  readonly observed: Int32Array;
  /** Flat indices of every other entry, ascending. */
  readonly unobserved: Int32Array;
}

/**
 * Draws an instance: U, V ~ N(0, 1)^{N×r}, W* = U Vᵀ scaled so that
 * ‖W*‖_F = N (entries of RMS 1), and m entries observed uniformly without
 * replacement. Deterministic in `seed`.
 */
export function generateMatrixCompletion(options: MatrixCompletionOptions): MatrixCompletionProblem {
  const { size: n, rank: r, observed: m } = options;
  if (!Number.isInteger(n) || n < 2) throw new RangeError(`matrix completion: size must be an integer >= 2, got ${n}`);
  if (!Number.isInteger(r) || r < 1 || r > n)
    throw new RangeError(`matrix completion: rank must be in 1..size (${n}), got ${r}`);
  if (!Number.isInteger(m) || m < 1 || m >= n * n) {
    throw new RangeError(
      `matrix completion: observed must be in 1..size²−1 (${n * n - 1}) so that a test set remains, got ${m}`,
    );
  }
  const rng = createRng(`matrix-completion/${options.seed}`);
  const u = Float64Array.from({ length: n * r }, () => rng.normal());
  const v = Float64Array.from({ length: n * r }, () => rng.normal());
  const truth = new Float64Array(n * n);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let acc = 0;
      for (let k = 0; k < r; k++) acc += u[i * r + k]! * v[j * r + k]!;
      truth[i * n + j] = acc;
    }
  }
  const norm = Math.sqrt(truth.reduce((acc, x) => acc + x * x, 0));
  for (let i = 0; i < truth.length; i++) truth[i] = (truth[i]! * n) / norm;
  const order = shuffledIndices(n * n, rng);
  const observed = order.slice(0, m);
  const unobserved = Int32Array.from(order.slice(m)).sort();
  return { size: n, rank: r, truth, observed, unobserved };
}

/** ‖P(a − b)‖_F / ‖P(b)‖_F over the flat `indices`. */
export function relativeError(a: ArrayLike<number>, b: ArrayLike<number>, indices: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    num += (a[i]! - b[i]!) ** 2;
    den += b[i]! ** 2;
  }
  return Math.sqrt(num / den);
}

/** Root mean squared difference over the flat `indices`. */
export function rmse(a: ArrayLike<number>, b: ArrayLike<number>, indices: ArrayLike<number>): number {
  let acc = 0;
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    acc += (a[i]! - b[i]!) ** 2;
  }
  return Math.sqrt(acc / indices.length);
}
