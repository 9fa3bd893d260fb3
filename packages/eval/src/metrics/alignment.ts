/** Cosine similarity of two vectors (0 when either is zero). */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`cosine: lengths differ (${a.length} vs ${b.length})`);
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    ab += a[i]! * b[i]!;
    aa += a[i]! * a[i]!;
    bb += b[i]! * b[i]!;
  }
  return aa === 0 || bb === 0 ? 0 : ab / Math.sqrt(aa * bb);
}

/** Cosine of every neuron with `direction`. */
export function cosinesWithDirection(
  neurons: readonly ArrayLike<number>[],
  direction: ArrayLike<number>,
): Float64Array {
  return Float64Array.from(neurons, (v) => cosine(v, direction));
}

/** Statistics of the cosine between distinct pairs of neurons. */
export interface PairwiseCosineStats {
  readonly meanAbs: number;
  readonly maxAbs: number;
  readonly mean: number;
  readonly pairs: number;
}

/** Mean, mean |·| and max |·| cosine over all distinct pairs (zero neurons skipped). */
export function pairwiseCosineStats(neurons: readonly ArrayLike<number>[]): PairwiseCosineStats {
  const live = neurons.filter((v) => Array.prototype.some.call(v, (x: number) => x !== 0));
  let sum = 0;
  let sumAbs = 0;
  let maxAbs = 0;
  let pairs = 0;
  for (let i = 0; i < live.length; i++) {
    for (let j = i + 1; j < live.length; j++) {
      const c = cosine(live[i]!, live[j]!);
      sum += c;
      sumAbs += Math.abs(c);
      maxAbs = Math.max(maxAbs, Math.abs(c));
      pairs++;
    }
  }
  return { meanAbs: pairs ? sumAbs / pairs : 0, maxAbs, mean: pairs ? sum / pairs : 0, pairs };
}

/** Options of `distinctDirections`. */
export interface DirectionOptions {
  /** Neurons whose cosine exceeds this share a direction (default 0.99; opposite signs are different directions). */
  readonly cosine?: number;
  /** Neurons with norm below this fraction of the largest are ignored (default 0.1). */
  readonly minNormRatio?: number;
}

/**
 * Number of distinct directions among the neurons: greedy clustering where
 * a neuron joins the first earlier cluster leader within the cosine
 * threshold; near-zero neurons are not counted.
 */
export function distinctDirections(neurons: readonly ArrayLike<number>[], options: DirectionOptions = {}): number {
  const thr = options.cosine ?? 0.99;
  const minRatio = options.minNormRatio ?? 0.1;
  const norms = neurons.map((v) => {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
    return Math.sqrt(s);
  });
  const maxNorm = Math.max(0, ...norms);
  if (maxNorm === 0) return 0;
  const leaders: ArrayLike<number>[] = [];
  neurons.forEach((v, i) => {
    if (norms[i]! / maxNorm < minRatio) return;
    if (!leaders.some((l) => cosine(l, v) > thr)) leaders.push(v);
  });
  return leaders.length;
}
