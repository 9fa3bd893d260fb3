import type { DenseMatrix } from '@rankbias/core';

/** Thresholds of the stochastic-collapse detector (docs/science.md#5-stochastic-collapse). */
export interface CollapseThresholds {
  /** Neuron i vanishes if ‖vᵢ‖ / maxⱼ ‖vⱼ‖ is below this (default 0.1). */
  readonly vanishing?: number;
  /** i and j are identical if 2‖vᵢ − vⱼ‖² / (‖vᵢ‖² + ‖vⱼ‖² + 1e-8) is below this (default 0.1). */
  readonly identical?: number;
}

/** What the detector found in one hidden layer. */
export interface CollapseReport {
  /** Neurons in the layer. */
  readonly neurons: number;
  /** Indices of vanished neurons. */
  readonly vanished: number[];
  /** Groups of identical (non-vanished) neurons, each listed by index; singletons included. */
  readonly groups: number[][];
  /** Neurons that joined another neuron's group. */
  readonly duplicates: number;
  /** groups / neurons: vanished and duplicated neurons both count as collapsed. */
  readonly independentFraction: number;
}

/**
 * The neuron vectors of a hidden layer: vᵢ = [incoming weights, bias,
 * outgoing weights]. `incoming` is `[fanIn, h]` (column i feeds neuron i),
 * `outgoing` is `[h, fanOut]` (row i leaves neuron i).
 */
export function neuronVectors(incoming: DenseMatrix, bias?: ArrayLike<number>, outgoing?: DenseMatrix): Float64Array[] {
  const h = incoming.cols;
  if (bias && bias.length !== h)
    throw new RangeError(`neuronVectors: bias has ${bias.length} entries for ${h} neurons`);
  if (outgoing && outgoing.rows !== h) {
    throw new RangeError(`neuronVectors: outgoing weights have ${outgoing.rows} rows for ${h} neurons`);
  }
  const width = incoming.rows + (bias ? 1 : 0) + (outgoing ? outgoing.cols : 0);
  const out: Float64Array[] = [];
  for (let i = 0; i < h; i++) {
    const v = new Float64Array(width);
    let k = 0;
    for (let r = 0; r < incoming.rows; r++) v[k++] = incoming.data[r * incoming.cols + i]!;
    if (bias) v[k++] = bias[i]!;
    if (outgoing) for (let c = 0; c < outgoing.cols; c++) v[k++] = outgoing.data[i * outgoing.cols + c]!;
    out.push(v);
  }
  return out;
}

function sqNorm(v: Float64Array): number {
  let s = 0;
  for (let i = 0; i < v.length; i++) s += v[i]! * v[i]!;
  return s;
}

function sqDist(a: Float64Array, b: Float64Array): number {
  let s = 0;
  for (let i = 0; i < a.length; i++) s += (a[i]! - b[i]!) ** 2;
  return s;
}

/**
 * Vanishing and identical neurons among `neurons` (vectors of equal length):
 * vanished first, then the rest grouped greedily, each neuron joining the
 * first earlier neuron that claims it.
 */
export function detectCollapse(neurons: readonly Float64Array[], thresholds: CollapseThresholds = {}): CollapseReport {
  const vanishT = thresholds.vanishing ?? 0.1;
  const identicalT = thresholds.identical ?? 0.1;
  const n = neurons.length;
  const norms2 = neurons.map(sqNorm);
  const maxNorm = Math.sqrt(Math.max(0, ...norms2));
  const vanished: number[] = [];
  const alive: number[] = [];
  for (let i = 0; i < n; i++) {
    if (maxNorm === 0 || Math.sqrt(norms2[i]!) / maxNorm < vanishT) vanished.push(i);
    else alive.push(i);
  }
  const claimed = new Set<number>();
  const groups: number[][] = [];
  for (let a = 0; a < alive.length; a++) {
    const i = alive[a]!;
    if (claimed.has(i)) continue;
    const group = [i];
    for (let b = a + 1; b < alive.length; b++) {
      const j = alive[b]!;
      if (claimed.has(j)) continue;
      const d = (2 * sqDist(neurons[i]!, neurons[j]!)) / (norms2[i]! + norms2[j]! + 1e-8);
      if (d < identicalT) {
        group.push(j);
        claimed.add(j);
      }
    }
    groups.push(group);
  }
  return {
    neurons: n,
    vanished,
    groups,
    duplicates: alive.length - groups.length,
    independentFraction: n === 0 ? 0 : groups.length / n,
  };
}
